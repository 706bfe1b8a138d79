// Tests of the gazetteer data files and their loader.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ontology/gazetteer.hpp"

using namespace newsgraph::ontology;
namespace fs = std::filesystem;

TEST_CASE("the shipped gazetteers load and hold the UN member states", "[ontology]") {
  auto g = Gazetteer::load(NEWSGRAPH_SOURCE_DATA_DIR "/ontology/data");
  REQUIRE(g.is_ok());
  CHECK(g->countries().size() >= 193);
  const auto* pe = g->country("PE");
  REQUIRE(pe);
  CHECK(pe->name == "Peru");
  CHECK(pe->iso3 == "PER");
  CHECK(std::find(pe->demonyms.begin(), pe->demonyms.end(), "Peruvian") != pe->demonyms.end());
  const auto* cn = g->country("CN");
  REQUIRE(cn);
  CHECK(std::find(cn->aliases.begin(), cn->aliases.end(), "the Chinese mainland") != cn->aliases.end());
  CHECK(g->country("ZZ") == nullptr);
  // Every country has a capital; every city and official a known country.
  for (const auto& c : g->countries()) {
    INFO(c.name);
    CHECK(std::any_of(g->cities().begin(), g->cities().end(),
                      [&](const City& city) { return city.country == c.iso2 && city.capital; }));
  }
  for (const auto& o : g->officials()) CHECK(g->country(o.country));
  CHECK(std::any_of(g->roles().begin(), g->roles().end(), [](const Role& r) { return r.title == "foreign minister"; }));
}

TEST_CASE("read_table reports the file and line of a bad row", "[ontology]") {
  const auto dir = fs::temp_directory_path() / "newsgraph-gaz-test";
  fs::create_directories(dir);
  const auto path = (dir / "t.tsv").string();
  std::ofstream(path) << "# comment\na\tb\n1\t2\n1\t2\t3\n";
  auto t = read_table(path);
  REQUIRE_FALSE(t.is_ok());
  CHECK(t.status().str() == path + ":4: expected 2 tab-separated cells, found 3");
  // A row that lost its empty last field to an editor is still read.
  std::ofstream(path) << "a\tb\n1\n";
  auto u = read_table(path);
  REQUIRE(u.is_ok());
  CHECK(u->rows.at(0).cells == std::vector<std::string>{"1", ""});
  CHECK(split_list("a|b||c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(split_list("").empty());
  fs::remove_all(dir);
}

TEST_CASE("Gazetteer::load names every missing file", "[ontology]") {
  auto g = Gazetteer::load("/nonexistent-newsgraph-dir");
  REQUIRE_FALSE(g.is_ok());
  CHECK(g.status().message().find("countries.tsv") != std::string::npos);
  CHECK(g.status().message().find("officials.tsv") != std::string::npos);
}
