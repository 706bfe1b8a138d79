// read_graphs: RDF files split by graph into N-Triples (export/graph_files).
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "export/graph_files.hpp"

using newsgraph::Code;
using newsgraph::rdf::read_graphs;
using newsgraph::rdf::Syntax;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("newsgraph-graph-files-" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("TriG is split by graph, prefixes expanded, default graph first", "[export]") {
  const auto path = write_temp("a.trig", R"(@prefix ex: <https://example.org/> .
ex:s ex:p "default" .
ex:g2 { ex:s ex:p "two" . }
<https://example.org/g1> { ex:s ex:p "one" , "uno"@es . }
)");
  auto r = read_graphs(path, Syntax::TriG);
  REQUIRE(r);
  const auto& g = r.value();
  REQUIRE(g.size() == 3);
  CHECK(g[0].graph.empty());
  CHECK(g[0].ntriples == "<https://example.org/s> <https://example.org/p> \"default\" .\n");
  CHECK(g[1].graph == "https://example.org/g1");
  CHECK(g[1].triples == 2);
  CHECK(g[1].ntriples ==
        "<https://example.org/s> <https://example.org/p> \"one\" .\n"
        "<https://example.org/s> <https://example.org/p> \"uno\"@es .\n");
  CHECK(g[2].graph == "https://example.org/g2");
  std::remove(path.c_str());
}

TEST_CASE("N-Quads: one graph per graph name, N-Triples: the default graph", "[export]") {
  const auto nq = write_temp("b.nq",
                             "<https://e.org/s> <https://e.org/p> \"x\\\"y\" <https://e.org/g> .\n"
                             "<https://e.org/s> <https://e.org/p> \"2024-01-02\"^^<http://www.w3.org/2001/XMLSchema#date> .\n");
  auto r = read_graphs(nq, Syntax::NQuads);
  REQUIRE(r);
  REQUIRE(r.value().size() == 2);
  CHECK(r.value()[0].graph.empty());
  CHECK(r.value()[0].ntriples ==
        "<https://e.org/s> <https://e.org/p> \"2024-01-02\"^^<http://www.w3.org/2001/XMLSchema#date> .\n");
  CHECK(r.value()[1].ntriples == "<https://e.org/s> <https://e.org/p> \"x\\\"y\" .\n");
  std::remove(nq.c_str());
}

TEST_CASE("Bad files: the error names file, line and column, no graphs", "[export]") {
  struct Row {
    const char* name;
    const char* text;
    Syntax syntax;
    Code code;
    std::size_t line;
  };
  const Row rows[] = {
      {"c.nt", "<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n<https://e.org/s> <https://e.org/p> \"open .\n",
       Syntax::NTriples, Code::BadSyntax, 2},
      // An undefined prefix is found when the triple is written: no line.
      {"d.ttl", "@prefix ex: <https://e.org/> .\n\nex:s ex:p nope:o .\n", Syntax::Turtle, Code::BadSyntax, 0},
      {"e.trig", "_:g { <https://e.org/s> <https://e.org/p> 1 . }\n", Syntax::TriG, Code::BadInput, 0},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const auto path = write_temp(row.name, row.text);
    auto r = read_graphs(path, row.syntax);
    REQUIRE_FALSE(r);
    CHECK(r.status().code() == row.code);
    REQUIRE(r.status().pos());
    CHECK(r.status().pos()->file == path);
    CHECK(r.status().pos()->line == row.line);
    std::remove(path.c_str());
  }
  auto missing = read_graphs("/nonexistent/x.nq", Syntax::NQuads);
  REQUIRE_FALSE(missing);
  CHECK(missing.status().code() == Code::IoError);
  CHECK(missing.status().str().rfind("/nonexistent/x.nq: cannot read", 0) == 0);
}
