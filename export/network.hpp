// The network of officials as a Graphviz graph: persons, the countries they
// are of, their meetings and their visits, read back from newsgraph's RDF.
// Part of newsgraph::rdf (export/).
#pragma once

#include <string>
#include <vector>

#include "export/graph_files.hpp"

namespace newsgraph::rdf {

/// Graphviz DOT text of the network in `triples` (any number of files'
/// triples together): one node per person who met someone or visited a
/// place, per place visited and per country those persons are of; an edge
/// per pair of persons who met (labelled with the dates, or the number of
/// meetings), per visit (dashed, to the place) and per nationality (dotted).
/// Planned meetings and visits are left out. Nodes and edges are sorted by
/// IRI, so the same triples always give the same text.
std::string network_dot(const std::vector<Triple>& triples);

}  // namespace newsgraph::rdf
