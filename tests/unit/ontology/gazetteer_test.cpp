// Tests of the gazetteer data files and their loader.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

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

TEST_CASE("Wikidata ids: the checked ones load, a malformed one is an error", "[ontology]") {
  auto g = Gazetteer::load(NEWSGRAPH_SOURCE_DATA_DIR "/ontology/data");
  REQUIRE(g.is_ok());
  struct Row {
    const char* iso2;
    const char* wikidata;
  };
  const Row rows[] = {{"PE", "Q419"}, {"CN", "Q148"}, {"US", "Q30"}, {"GB", "Q145"}, {"XK", ""}};
  for (const auto& r : rows) {
    INFO(r.iso2);
    REQUIRE(g->country(r.iso2));
    CHECK(g->country(r.iso2)->wikidata == r.wikidata);
  }
  // Every country but Kosovo has one, each its own.
  std::set<std::string> ids;
  for (const auto& c : g->countries()) {
    if (c.iso2 != "XK") CHECK_FALSE(c.wikidata.empty());
    if (!c.wikidata.empty()) CHECK(ids.insert(c.wikidata).second);
  }
  const auto xi = std::find_if(g->officials().begin(), g->officials().end(),
                               [](const Official& o) { return o.name == "Xi Jinping"; });
  REQUIRE(xi != g->officials().end());
  CHECK(xi->wikidata == "Q15031");

  // A copy of the data with one id broken: the loader names file and row.
  const auto dir = fs::temp_directory_path() / "newsgraph-gaz-wikidata";
  fs::remove_all(dir);
  fs::copy(NEWSGRAPH_SOURCE_DATA_DIR "/ontology/data", dir);
  {
    std::ifstream in(dir / "countries.tsv");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = text.find("\tQ419");
    REQUIRE(at != std::string::npos);
    text.replace(at, 5, "\thttp://www.wikidata.org/entity/Q419");
    std::ofstream(dir / "countries.tsv") << text;
  }
  auto bad = Gazetteer::load(dir.string());
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().message().find("countries.tsv: bad wikidata id 'http://www.wikidata.org/entity/Q419' for Peru") !=
        std::string::npos);
  fs::remove_all(dir);
}
