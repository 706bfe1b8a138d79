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
  /// triple once; N-Quads and TriG keep the article graphs.
  Status write(Syntax syntax, std::FILE* out) const;

  /// Distinct quads held.
  [[nodiscard]] std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsgraph::rdf
