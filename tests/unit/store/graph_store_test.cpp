// GraphStore: endpoint checks and request URLs (store/graph_store). Requests
// to a real store are tested against Virtuoso in tests/stores/run.sh.
#include <catch2/catch.hpp>

#include "store/graph_store.hpp"

using newsgraph::Code;
using newsgraph::store::GraphStore;

TEST_CASE("graph_url escapes the graph IRI, the default graph is ?default", "[store]") {
  struct Row {
    const char* endpoint;
    const char* graph;
    const char* url;
  };
  const Row rows[] = {
      {"http://localhost:8890/sparql-graph-crud", "https://w3id.org/newsgraph/id/article/a#x",
       "http://localhost:8890/sparql-graph-crud?graph=https%3A%2F%2Fw3id.org%2Fnewsgraph%2Fid%2Farticle%2Fa%23x"},
      {"http://localhost:7878/store", "", "http://localhost:7878/store?default"},
      {"https://db.example/repositories/r/rdf-graphs/service?context=x", "urn:g",
       "https://db.example/repositories/r/rdf-graphs/service?context=x&graph=urn%3Ag"},
  };
  for (const auto& row : rows) {
    auto g = GraphStore::make(row.endpoint);
    REQUIRE(g);
    CHECK(g.value().graph_url(row.graph) == row.url);
  }
}

TEST_CASE("an endpoint must be an http(s) URL", "[store]") {
  for (const char* bad : {"localhost:8890/sparql", "ftp://x/y", "", "file:///tmp/x"}) {
    INFO(bad);
    auto g = GraphStore::make(bad);
    REQUIRE_FALSE(g);
    CHECK(g.status().code() == Code::BadArgument);
  }
}

TEST_CASE("a store that is not there is an IoError naming the endpoint", "[store]") {
  // Port 9 (discard) on loopback: nothing listens there on a test machine.
  auto g = GraphStore::make("http://127.0.0.1:9/store");
  REQUIRE(g);
  auto st = g.value().put("urn:g", "<urn:s> <urn:p> <urn:o> .\n");
  REQUIRE_FALSE(st);
  CHECK(st.code() == Code::IoError);
  CHECK(st.message().rfind("http://127.0.0.1:9/store: graph <urn:g>: ", 0) == 0);
}
