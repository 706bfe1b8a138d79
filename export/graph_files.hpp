// Reading graph files back: an RDF file (Turtle, N-Triples, N-Quads, TriG)
// parsed with Serd and split by graph into N-Triples documents, for
// `newsgraph load`. Part of newsgraph::rdf (export/), the only module that
// includes serd/sord.
#pragma once

#include <string>
#include <vector>

#include "base/status.hpp"
#include "export/graph.hpp"

namespace newsgraph::rdf {

/// The triples of one graph of a file, written as N-Triples (absolute IRIs,
/// prefixes expanded, relative IRIs resolved against the file's location).
struct GraphText {
  std::string graph;  ///< the graph's IRI; empty for the default graph
  std::string ntriples;
  std::size_t triples = 0;
};

/// Reads `path` in `syntax` and returns its graphs sorted by IRI (the
/// default graph first). A syntax error gives a BadSyntax status naming the
/// file, line and column, and no graphs: a file is taken whole or not at all.
/// A graph named by a blank node (legal in TriG and N-Quads) cannot be
/// addressed by a store and is a BadInput error.
Result<std::vector<GraphText>> read_graphs(const std::string& path, Syntax syntax);

}  // namespace newsgraph::rdf
