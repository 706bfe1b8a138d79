// Query results as text (query/results) and the engine on a small graph
// (query/engine). Answers over examples/ are compared with Oxigraph's and
// Virtuoso's in tests/stores/run.sh.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "query/engine.hpp"
#include "query/results.hpp"

using namespace newsgraph::query;
using newsgraph::Code;

namespace {

const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

Results sample() {
  Results r;
  r.variables = {"name", "date", "iri"};
  r.rows.push_back({Term{Term::Kind::Literal, "Wang, \"Yi\"", "", ""},
                    Term{Term::Kind::Literal, "2024-06-28", kXsd + "date", ""},
                    Term{Term::Kind::Iri, "https://e.org/p/1", "", ""}});
  r.rows.push_back({Term{Term::Kind::Literal, "Ángel", "", "es"}, std::nullopt, std::nullopt});
  return r;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("newsgraph-query-" + name);
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_CASE("results in each format", "[query]") {
  struct Row {
    Format format;
    const char* expected;
  };
  const Row rows[] = {
      {Format::Csv, "name,date,iri\r\n\"Wang, \"\"Yi\"\"\",2024-06-28,https://e.org/p/1\r\nÁngel,,\r\n"},
      {Format::Tsv,
       "?name\t?date\t?iri\n\"Wang, \\\"Yi\\\"\"\t\"2024-06-28\"^^<http://www.w3.org/2001/XMLSchema#date>\t"
       "<https://e.org/p/1>\n\"Ángel\"@es\t\t\n"},
      {Format::Table,
       "name       | date       | iri\n"
       "-----------+------------+------------------\n"
       "Wang, \"Yi\" | 2024-06-28 | https://e.org/p/1\n"
       "Ángel@es   |            |\n"
       "(2 rows)\n"},
      {Format::Json,
       "{\n \"head\": {\n  \"vars\": [\n   \"name\",\n   \"date\",\n   \"iri\"\n  ]\n },\n \"results\": {\n"
       "  \"bindings\": [\n   {\n    \"name\": {\n     \"type\": \"literal\",\n     \"value\": \"Wang, \\\"Yi\\\"\"\n    },\n"
       "    \"date\": {\n     \"type\": \"literal\",\n     \"value\": \"2024-06-28\",\n"
       "     \"datatype\": \"http://www.w3.org/2001/XMLSchema#date\"\n    },\n"
       "    \"iri\": {\n     \"type\": \"uri\",\n     \"value\": \"https://e.org/p/1\"\n    }\n   },\n"
       "   {\n    \"name\": {\n     \"type\": \"literal\",\n     \"value\": \"Ángel\",\n     \"xml:lang\": \"es\"\n    }\n"
       "   }\n  ]\n }\n}\n"},
  };
  for (const auto& row : rows) CHECK(write_results(sample(), row.format) == row.expected);
  Results ask;
  ask.boolean = true;
  CHECK(write_results(ask, Format::Json) == "{\n \"head\": {},\n \"boolean\": true\n}\n");
  CHECK(write_results(ask, Format::Csv) == "_askResult\r\ntrue\r\n");
  CHECK(parse_format("xml") == std::nullopt);
}

TEST_CASE("the engine answers over N-Quads, union of the graphs, sorted without ORDER BY", "[query]") {
  const auto data = write_temp("d.nq",
                               "<https://e.org/b> <https://e.org/name> \"B\" <https://e.org/g1> .\n"
                               "<https://e.org/a> <https://e.org/name> \"A\" <https://e.org/g2> .\n"
                               "<https://e.org/a> <https://e.org/age> \"7\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://e.org/g2> .\n");
  const auto q = write_temp("q.rq",
                            "SELECT ?s ?n ?age WHERE { ?s <https://e.org/name> ?n "
                            "OPTIONAL { ?s2 <https://e.org/age> ?age FILTER(?s2 = ?s) } }\n");
  auto r = run_query(q, {data});
  REQUIRE(r);
  REQUIRE(r.value().variables == std::vector<std::string>{"s", "n", "age"});
  REQUIRE(r.value().rows.size() == 2);
  CHECK(r.value().rows[0][0]->value == "https://e.org/a");
  CHECK(r.value().rows[0][2]->turtle() == "\"7\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  CHECK(r.value().rows[1][1]->turtle() == "\"B\"");
  CHECK_FALSE(r.value().rows[1][2].has_value());

  const auto bad = write_temp("bad.rq", "SELECT ?s WHERE {\n ?s ?p\n}\n");
  auto e = run_query(bad, {data});
  REQUIRE_FALSE(e);
  CHECK(e.status().code() == Code::BadSyntax);
  CHECK(e.status().pos()->file == bad);
  CHECK(e.status().pos()->line == 3);
  for (const auto& f : {data, q, bad}) std::remove(f.c_str());
}
