// The graph: Extractions -> quads in a Sord model (one named graph per
// article), written through Serd in Turtle, N-Triples, N-Quads or TriG.
// Part of newsgraph::rdf (export/). The only module that includes serd/sord.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

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

class Graph {
 public:
  explicit Graph(ontology::IriMinter minter);
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;

  /// Adds one article's entities, facts and provenance, in the article's named graph.
  Status add(const extract::Extraction& x);

  /// Writes every quad, sorted, to `out`. Turtle and N-Triples get each
  /// triple once; N-Quads and TriG keep the article graphs. (One Writer
  /// writing this graph alone.)
  Status write(Syntax syntax, std::FILE* out) const;

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
  /// Starts the output (prefixes, for Turtle and TriG). `out` must outlive the Writer.
  static Result<Writer> open(Syntax syntax, std::FILE* out);
  ~Writer();
  Writer(Writer&&) noexcept;
  Writer& operator=(Writer&&) noexcept;

  /// Writes every quad of `g`.
  Status write(const Graph& g);
  /// Ends the last statement and flushes `out`.
  Status finish();
  /// Statements written so far.
  [[nodiscard]] std::size_t statements() const;

 private:
  Writer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph::rdf
