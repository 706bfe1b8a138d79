// Answering a SPARQL query over graph files without a server: Rasqal's
// engine over the triples Raptor reads. Part of newsgraph::query (query/),
// the only module that includes rasqal or raptor.
#pragma once

#include <string>
#include <vector>

#include "base/status.hpp"
#include "query/results.hpp"

namespace newsgraph::query {

/// Runs the SPARQL 1.1 SELECT or ASK query in file `query_file` over the
/// union of `graph_files` (Turtle .ttl, N-Triples .nt, N-Quads .nq, TriG
/// .trig; the named graphs of N-Quads and TriG are merged into the default
/// graph, as Oxigraph's union default graph and Virtuoso do).
/// Errors name the file and line: BadSyntax for the query or a data file,
/// IoError for a file that cannot be read, BadArgument for CONSTRUCT or
/// DESCRIBE. Rows come in the query's ORDER BY order; without ORDER BY they
/// are sorted, so the same files always give the same answer.
Result<Results> run_query(const std::string& query_file, const std::vector<std::string>& graph_files);

}  // namespace newsgraph::query
