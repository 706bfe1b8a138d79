// `newsgraph query GRAPH... QUERY.rq`: answers a SPARQL query over graph
// files with the embedded engine (query/). Part of cli/.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "query/engine.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kQueryUsage = R"(usage: newsgraph query GRAPH... QUERY.rq [--format table|csv|tsv|json] [-o FILE]

Answers a SPARQL 1.1 SELECT or ASK query over graph files, without a server
(Rasqal's engine, in the program). GRAPH is a file newsgraph extract wrote, or
any .ttl .nt .nq .trig file; the named graphs of N-Quads and TriG files are
merged into the default graph, so queries need no GRAPH clause. The last .rq
argument is the query; examples/queries/ holds the questions users ask.

options:
  -f, --format NAME   table (default: values in aligned columns), csv, tsv or
                      json (the W3C SPARQL 1.1 results formats)
  -o, --output FILE   write the answer to FILE instead of stdout

Rasqal does not know property paths (a|b, a/b) or EXISTS; write them as UNION
and MINUS (as examples/queries/ does).

exit status:
  0  answered
  2  usage error, or a syntax error in the query or a graph file (file:line)
  3  the answer could not be written
)";

}  // namespace

int run_query(const std::vector<std::string>& args) {
  std::vector<std::string> graphs;
  std::string query_file, output, format_name = "table";
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    if (a == "-h" || a == "--help") {
      std::fputs(kQueryUsage, stdout);
      return kExitOk;
    } else if (a == "-f" || a == "--format") {
      if (!it.value(format_name)) return usage_error(a + " needs table, csv, tsv or json");
    } else if (a == "-o" || a == "--output") {
      if (!it.value(output)) return usage_error(a + " needs a file");
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else if (a.ends_with(".rq") || a.ends_with(".sparql")) {
      if (!query_file.empty()) return usage_error("two queries given: '" + query_file + "' and '" + a + "'");
      query_file = a;
    } else {
      graphs.push_back(a);
    }
  }
  const auto format = query::parse_format(format_name);
  if (!format) return usage_error("--format must be table, csv, tsv or json, not '" + format_name + "'");
  if (query_file.empty()) return usage_error("query needs a QUERY.rq file");
  if (graphs.empty()) return usage_error("query needs at least one GRAPH file");

  auto results = query::run_query(query_file, graphs);
  if (!results) {
    std::fprintf(stderr, "%s: error: %s\n", results.status().pos() ? results.status().pos()->str().c_str() : "newsgraph",
                 results.status().message().c_str());
    return kExitUsage;
  }
  const std::string text = query::write_results(results.value(), *format);
  return write_text(output, text);
}

}  // namespace newsgraph::cli
