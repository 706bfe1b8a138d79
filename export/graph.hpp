// The graph: Extractions -> quads in a Sord model (one named graph per
// article), written through Serd in Turtle, N-Triples, N-Quads or TriG.
// Part of newsgraph::rdf (export/). The only module that includes serd/sord.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "ontology/iri.hpp"

namespace newsgraph::rdf {

enum class Syntax { Turtle, NTriples, NQuads, TriG };

/// "turtle", "ntriples", "nquads", "trig" (and "ttl", "nt", "nq").
Result<Syntax> parse_syntax(std::string_view name);
/// The syntax a file name's extension implies (.ttl .nt .nq .trig), if any.
bool syntax_from_extension(std::string_view path, Syntax& out);

struct GraphCounts {
  std::size_t triples = 0;
};

/// What Graph::read() found in one file.
struct ReadStats {
  std::size_t statements = 0;  ///< Statements in the file (duplicates counted once).
  std::size_t graphs = 0;      ///< Named graphs in the file.
  std::size_t replaced = 0;    ///< Of those, graphs that replaced one already held.
};

class Graph {
 public:
  explicit Graph(ontology::IriMinter minter);
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;

  /// Adds one article's entities, facts and provenance, in the article's named graph.
  Status add(const extract::Extraction& x);

  /// Reads an RDF file in `syntax` and adds what it says (export/merge.cpp).
  /// Triples in the default graph are added to the default graph. A named
  /// graph replaces the graph of the same name already held: a file read
  /// later holds the newer version of an article (re-extracted), so its
  /// graph wins whole, and no stale fact of the old version stays. Blank
  /// nodes get a prefix made from a hash of the file's bytes, so two files
  /// never share one and the same file read twice gives the same nodes.
  /// Nothing is added when the file cannot be read or has a syntax error;
  /// the status then names file:line:col.
  Status read(const std::string& path, Syntax syntax, ReadStats* stats = nullptr);

  /// Writes every quad, sorted, to `out`. Turtle and N-Triples get each
  /// triple once; N-Quads and TriG keep the article graphs. (One Writer
  /// writing this graph alone.)
  Status write(Syntax syntax, std::FILE* out) const;

  /// Prefixes declared by the files read (name, IRI), for Writer::open: a
  /// name bound to several IRIs gets the smallest, so the output does not
  /// depend on the order of the inputs.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> prefixes() const;

  /// Drops every quad, so the graph can take the next article; nodes no
  /// longer used are freed with them.
  void clear();

  /// Distinct quads held.
  [[nodiscard]] std::size_t size() const;

 private:
  friend class Writer;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes graphs one after another to one stream: the prefixes once, then
/// each graph's quads in the order the graphs are given, sorted within each
/// graph (SPO, one named graph after another). This is how `extract`
/// streams: an article's Graph is written and cleared before the next
/// article is held, so memory does not grow with the input.
///
/// In Turtle and N-Triples a triple is written once per graph: a triple that
/// several articles give (an entity's type and name) is repeated, once for
/// each. RDF graphs are sets, so a store loads the same graph either way;
/// `newsgraph merge` writes each once. Remembering every triple written
/// would make memory grow with the input.
///
///   auto w = Writer::open(Syntax::Turtle, stdout);
///   for (...) { g.add(x); w->write(g); g.clear(); }
///   w->finish();
class Writer {
 public:
  /// Starts the output (prefixes, for Turtle and TriG: the vocabulary's,
  /// then `extra_prefixes` whose name and IRI are not taken). `out` must
  /// outlive the Writer.
  static Result<Writer> open(Syntax syntax, std::FILE* out,
                             const std::vector<std::pair<std::string, std::string>>& extra_prefixes = {});
  ~Writer();
  Writer(Writer&&) noexcept;
  Writer& operator=(Writer&&) noexcept;

  /// Writes every quad of `g`.
  Status write(const Graph& g);

  /// A graph written alone, to be put in the output later (by any thread:
  /// extract -j renders each article in the worker that extracted it).
  struct Piece {
    std::string text;
    std::size_t statements = 0;
  };
  /// Renders `g` as write() would, with a fresh Serd writer whose IRIs are
  /// abbreviated with the same prefixes as a Writer opened with
  /// `extra_prefixes`, but declaring none. Thread-safe for distinct graphs.
  static Result<Piece> render(const Graph& g, Syntax syntax,
                              const std::vector<std::pair<std::string, std::string>>& extra_prefixes = {});
  /// Appends a rendered piece (of a Writer of the same syntax and prefixes).
  /// Output made only of pieces does not depend on how they were cut into
  /// threads: each piece is the same bytes whoever rendered it.
  Status write(const Piece& piece);
  /// Ends the last statement and flushes `out`.
  Status finish();
  /// Statements written so far.
  [[nodiscard]] std::size_t statements() const;

 private:
  Writer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// One article's graph as `extract` streams it: what Graph::add and
/// Writer::render make of an Extraction, byte for byte, without a Sord
/// model. The quads are held in a vector, sorted and deduplicated as Sord's
/// SPO index orders them, and written through Serd. Vocabulary nodes, the
/// Serd environment and the buffers are kept from one article to the next,
/// so an article costs no world, model or index of its own.
///
/// Not thread-safe: each thread uses its own (extract -j keeps one per
/// worker). The output does not depend on which one rendered an article.
///
///   rdf::ArticleGraph g(minter, Syntax::NQuads, prefixes);
///   for (...) { g.add(x); auto piece = g.render(); w->write(*piece); }
class ArticleGraph {
 public:
  /// Renders in `syntax`, abbreviating IRIs as Writer::render does with
  /// `extra_prefixes`.
  ArticleGraph(ontology::IriMinter minter, Syntax syntax,
               const std::vector<std::pair<std::string, std::string>>& extra_prefixes = {});
  ~ArticleGraph();
  ArticleGraph(ArticleGraph&&) noexcept;
  ArticleGraph& operator=(ArticleGraph&&) noexcept;

  /// Replaces the graph held with the article's (as Graph::add on an empty Graph).
  Status add(const extract::Extraction& x);
  /// The graph held, as Writer::render(graph, syntax, extra_prefixes) gives it.
  Result<Writer::Piece> render();
  /// Distinct quads held.
  [[nodiscard]] std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph::rdf
