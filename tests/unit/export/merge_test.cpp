// Tests of Graph::read (export/merge.cpp), the reading side of `newsgraph
// merge`: every syntax, named graphs replaced by a later file, blank nodes of
// two files kept apart, and syntax errors located and rejected whole.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <string>

#include "export/graph.hpp"

using namespace newsgraph;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("newsgraph-merge-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name, const std::string& text) const {
    const auto p = (path / name).string();
    std::ofstream(p) << text;
    return p;
  }
};

rdf::Graph empty_graph() { return rdf::Graph(ontology::IriMinter::make("https://example.org/kg/").value()); }

std::string write(const rdf::Graph& g, rdf::Syntax syntax) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  REQUIRE(g.write(syntax, f).is_ok());
  std::string out(static_cast<std::size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  REQUIRE(std::fread(out.data(), 1, out.size(), f) == out.size());
  std::fclose(f);
  return out;
}

}  // namespace

TEST_CASE("Graph::read takes every syntax and counts what it read", "[export]") {
  TempDir d;
  struct Row {
    const char* name;
    rdf::Syntax syntax;
    const char* text;
    std::size_t statements;
    std::size_t graphs;
  };
  const Row rows[] = {
      {"a.ttl", rdf::Syntax::Turtle, "@prefix e: <http://e.org/> .\ne:a e:b e:c , e:d .\n", 2, 0},
      {"a.nt", rdf::Syntax::NTriples, "<http://e.org/a> <http://e.org/b> \"x\" .\n", 1, 0},
      {"a.nq", rdf::Syntax::NQuads, "<http://e.org/a> <http://e.org/b> \"x\" <http://e.org/g1> .\n"
                                    "<http://e.org/a> <http://e.org/b> \"x\" <http://e.org/g2> .\n", 2, 2},
      {"a.trig", rdf::Syntax::TriG, "<http://e.org/g> { <http://e.org/a> <http://e.org/b> 1 . }\n", 1, 1},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    auto g = empty_graph();
    rdf::ReadStats st;
    REQUIRE(g.read(d.file(r.name, r.text), r.syntax, &st).is_ok());
    CHECK(st.statements == r.statements);
    CHECK(st.graphs == r.graphs);
    CHECK(g.size() == r.statements);
  }
}

TEST_CASE("a named graph read later replaces the one held, the default graph is unioned", "[export]") {
  TempDir d;
  const auto v1 = d.file("v1.nq",
                         "<http://e.org/a> <http://e.org/p> \"old\" <http://e.org/article> .\n"
                         "<http://e.org/a> <http://e.org/p> \"stale\" <http://e.org/article> .\n"
                         "<http://e.org/b> <http://e.org/p> \"kept\" <http://e.org/other> .\n"
                         "<http://e.org/c> <http://e.org/p> \"d1\" .\n");
  const auto v2 = d.file("v2.nq",
                         "<http://e.org/a> <http://e.org/p> \"new\" <http://e.org/article> .\n"
                         "<http://e.org/c> <http://e.org/p> \"d2\" .\n");
  auto g = empty_graph();
  REQUIRE(g.read(v1, rdf::Syntax::NQuads).is_ok());
  rdf::ReadStats st;
  REQUIRE(g.read(v2, rdf::Syntax::NQuads, &st).is_ok());
  CHECK(st.replaced == 1);
  const auto nq = write(g, rdf::Syntax::NQuads);
  CHECK(nq ==
        "<http://e.org/c> <http://e.org/p> \"d1\" .\n"
        "<http://e.org/c> <http://e.org/p> \"d2\" .\n"
        "<http://e.org/a> <http://e.org/p> \"new\" <http://e.org/article> .\n"
        "<http://e.org/b> <http://e.org/p> \"kept\" <http://e.org/other> .\n");
}

TEST_CASE("blank nodes of two files stay apart, of one file read twice are one", "[export]") {
  TempDir d;
  const auto a = d.file("a.ttl", "<http://e.org/s> <http://e.org/p> [ <http://e.org/q> 1 ] .\n");
  const auto b = d.file("b.ttl", "<http://e.org/s> <http://e.org/p> [ <http://e.org/q> 1 ] .\n# another file\n");
  auto g = empty_graph();
  REQUIRE(g.read(a, rdf::Syntax::Turtle).is_ok());
  REQUIRE(g.read(a, rdf::Syntax::Turtle).is_ok());
  CHECK(g.size() == 2);
  REQUIRE(g.read(b, rdf::Syntax::Turtle).is_ok());
  CHECK(g.size() == 4);
}

TEST_CASE("a syntax error names file, line and column and adds nothing", "[export]") {
  TempDir d;
  struct Row {
    const char* name;
    rdf::Syntax syntax;
    const char* text;
    std::size_t line;
  };
  const Row rows[] = {
      {"bad.nt", rdf::Syntax::NTriples, "<http://e.org/a> <http://e.org/b> <http://e.org/c> .\n<http://e.org/a> <http://e.org/b> \"open .\n", 2},
      {"bad.ttl", rdf::Syntax::Turtle, "@prefix e: <http://e.org/> .\ne:a e:b e:c .\ne:a e:b .\n", 3},
      {"bad.nq", rdf::Syntax::NQuads, "<http://e.org/a> <http://e.org/b> <http://e.org/c> <g> <h> .\n", 1},
      {"undefined-prefix.ttl", rdf::Syntax::Turtle, "x:a x:b x:c .\n", 1},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    auto g = empty_graph();
    const auto path = d.file(r.name, r.text);
    const auto st = g.read(path, r.syntax);
    REQUIRE_FALSE(st.is_ok());
    CHECK(st.code() == Code::BadSyntax);
    REQUIRE(st.pos());
    CHECK(st.pos()->file == path);
    CHECK(st.pos()->line == r.line);
    CHECK(st.pos()->col > 0);
    CHECK(g.size() == 0);
  }
  auto g = empty_graph();
  const auto missing = g.read((d.path / "missing.ttl").string(), rdf::Syntax::Turtle);
  CHECK(missing.code() == Code::IoError);
}
