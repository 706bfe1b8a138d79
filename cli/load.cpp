// `newsgraph load GRAPH... --endpoint URL`: pushes graph files into a running
// SPARQL store over the Graph Store HTTP Protocol, one PUT per graph.
// Part of cli/.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "export/graph_files.hpp"
#include "store/graph_store.hpp"

namespace newsgraph::cli {

namespace {

constexpr const char* kLoadUsage = R"(usage: newsgraph load GRAPH... --endpoint URL [options]

Pushes graph files into a running SPARQL store over the SPARQL 1.1 Graph Store
HTTP Protocol: one PUT per graph, which replaces that graph in the store, so
loading the same file again changes nothing. In N-Quads and TriG files
(newsgraph extract -o out.nq) each article's named graph becomes one graph of
the store; Turtle and N-Triples files go to the default graph, or to --graph.
Graphs of the same name in several files are sent together.

options:
  --endpoint URL      the store's Graph Store endpoint, e.g.
                        http://localhost:8890/sparql-graph-crud      (Virtuoso)
                        http://localhost:8890/sparql-graph-crud-auth (Virtuoso, with --user)
                        http://localhost:7878/store                  (Oxigraph server)
                        http://localhost:3030/DATASET/data           (Apache Jena Fuseki)
                        http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)
  --graph IRI         put every triple of every file into the graph IRI
  --user NAME         authenticate as NAME (basic or digest, as the store asks)
  --password PW       the password for --user (or $NEWSGRAPH_PASSWORD)
  -f, --format NAME   syntax of the files: turtle, ntriples, nquads or trig
                      (default: from each file's extension)
  -q, --quiet         no summary on stderr

exit status:
  0  every graph was loaded
  1  some file could not be read (error above); the others were loaded
  2  usage error
  3  the store refused a graph or could not be reached (HTTP status and the
     first line of its answer above); graphs sent before it stay loaded
)";

struct Options {
  std::vector<std::string> inputs;
  std::string endpoint, graph, user, password, format;
  bool quiet = false;
};

int load(const Options& o) {
  auto store = store::GraphStore::make(o.endpoint, o.user, o.password);
  if (!store) return usage_error(store.status().message());
  std::optional<rdf::Syntax> forced;
  if (!o.format.empty()) {
    auto s = rdf::parse_syntax(o.format);
    if (!s) return usage_error(s.status().message());
    forced = s.value();
  }
  // Every file is read before anything is sent: a graph split over two
  // files must go in one PUT, or the second would replace the first.
  std::map<std::string, std::string> graphs;
  std::map<std::string, std::size_t> triples;
  int status = kExitOk;
  for (const auto& path : o.inputs) {
    const auto syntax = input_syntax(path, forced);
    if (!syntax) {
      status = kExitSkipped;
      continue;
    }
    auto read = rdf::read_graphs(path, *syntax);
    if (!read) {
      std::fprintf(stderr, "%s; skipped\n", read.status().str().c_str());
      status = kExitSkipped;
      continue;
    }
    for (auto& g : read.value()) {
      const std::string& name = o.graph.empty() ? g.graph : o.graph;
      graphs[name] += g.ntriples;
      triples[name] += g.triples;
    }
  }
  std::size_t sent = 0, sent_triples = 0;
  for (const auto& [name, body] : graphs) {
    if (auto st = store.value().put(name, body); !st) {
      std::fprintf(stderr, "newsgraph: %s\n", st.message().c_str());
      std::fprintf(stderr, "newsgraph: %zu of %zu graphs loaded before the error\n", sent, graphs.size());
      return kExitOutput;
    }
    ++sent;
    sent_triples += triples[name];
  }
  if (!o.quiet) {
    std::fprintf(stderr, "newsgraph: loaded %zu graphs, %zu triples from %zu files into %s\n", sent, sent_triples,
                 o.inputs.size(), o.endpoint.c_str());
  }
  return status;
}

}  // namespace

int run_load(const std::vector<std::string>& args) {
  Options o;
  if (const char* pw = std::getenv("NEWSGRAPH_PASSWORD")) o.password = pw;
  for (Args it(args); it.next();) {
    const std::string& a = it.arg();
    if (a == "-h" || a == "--help") {
      std::fputs(kLoadUsage, stdout);
      return kExitOk;
    } else if (a == "--endpoint") {
      if (!it.value(o.endpoint)) return usage_error("--endpoint needs a URL");
    } else if (a == "--graph") {
      if (!it.value(o.graph)) return usage_error("--graph needs an IRI");
    } else if (a == "--user") {
      if (!it.value(o.user)) return usage_error("--user needs a name");
    } else if (a == "--password") {
      if (!it.value(o.password)) return usage_error("--password needs a value");
    } else if (a == "-f" || a == "--format") {
      if (!it.value(o.format)) return usage_error(a + " needs a format");
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      o.inputs.push_back(a);
    }
  }
  if (o.inputs.empty()) return usage_error("load needs at least one GRAPH file");
  if (o.endpoint.empty()) return usage_error("load needs --endpoint URL (the store's Graph Store endpoint)");
  return load(o);
}

}  // namespace newsgraph::cli
