// Tests of IRI minting: slugs, checked IRIs, the minter.
#include <catch2/catch.hpp>

#include "ontology/iri.hpp"

using namespace newsgraph::ontology;

TEST_CASE("slug transliterates any script to a readable ASCII slug", "[ontology]") {
  const std::vector<std::pair<std::string, std::string>> rows{
      {"Ángel Manuel Manero Campos", "angel-manuel-manero-campos"},
      {"Dina Ercilia Boluarte Zegarra", "dina-ercilia-boluarte-zegarra"},
      {"Władysław Kosiniak-Kamysz", "wladyslaw-kosiniak-kamysz"},
      {"Ekrem İmamoğlu", "ekrem-imamoglu"},
      {"  Marco V. Balarezo ", "marco-v-balarezo"},
      {"Peru-China Chamber of Commerce", "peru-china-chamber-of-commerce"},
      {"习近平", "xi-jin-ping"},
      {"Владимир Путин", "vladimir-putin"},
  };
  for (const auto& [in, out] : rows) {
    INFO(in);
    CHECK(slug(in) == out);
  }
}

TEST_CASE("slug never returns an empty or unsafe string", "[ontology]") {
  for (const std::string in : {"", "\"<>{}|\\^`", "\n\t\x01", "!!!"}) {
    const auto s = slug(in);
    INFO(in);
    REQUIRE(!s.empty());
    CHECK(s[0] == 'x');
    for (char c : s) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
  }
  CHECK(slug("") != slug("!!!"));  // hashes of different texts differ
}

TEST_CASE("Iri::make rejects characters IRIs cannot hold", "[ontology]") {
  CHECK(Iri::make("https://example.org/a").is_ok());
  CHECK_FALSE(Iri::make("no scheme").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/a b").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/<a>").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/\"").is_ok());
  CHECK_FALSE(Iri::make("https://example.org/\n").is_ok());
  CHECK(Iri::make("https://example.org/a b").status().code() == newsgraph::Code::BadArgument);
}

TEST_CASE("IriMinter makes stable IRIs under its base", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  CHECK(m->person("Wang Yi").str() == "https://example.org/kg/person/wang-yi");
  CHECK(m->country("PE").str() == "https://example.org/kg/country/pe");
  CHECK(m->city("Lima", "PE").str() == "https://example.org/kg/place/pe/lima");
  CHECK(m->organization("Andean Community").str() == "https://example.org/kg/organization/andean-community");
  const auto a = m->article("example-01");
  CHECK(a.str() == "https://example.org/kg/article/example-01");
  CHECK(m->span(a, 10, 42).str() == "https://example.org/kg/article/example-01#char=10,42");
  CHECK(m->fact(a, "meeting", 2).str() == "https://example.org/kg/article/example-01/meeting/2");
  CHECK_FALSE(IriMinter::make("https://example.org/kg").is_ok());  // must end in / or #
}

TEST_CASE("identity keys: type, country and name", "[ontology]") {
  auto m = IriMinter::make("https://example.org/kg/");
  REQUIRE(m.is_ok());
  struct Row {
    Iri iri;
    const char* expected;
  };
  const Row rows[] = {
      // Persons by country (when known) and name; spelling variants of one name are one key.
      {m->person("Dina Boluarte", "PE"), "https://example.org/kg/person/pe/dina-boluarte"},
      {m->person("Ángel Manero", "PE"), "https://example.org/kg/person/pe/angel-manero"},
      {m->person("ANGEL MANERO", "PE"), "https://example.org/kg/person/pe/angel-manero"},
      {m->person("Ana Diaz", "CL"), "https://example.org/kg/person/cl/ana-diaz"},
      {m->person("Ana Diaz", "MX"), "https://example.org/kg/person/mx/ana-diaz"},
      {m->person("Ana Diaz"), "https://example.org/kg/person/ana-diaz"},
      // A person and an organisation of one name are two things.
      {m->person("Hamas"), "https://example.org/kg/person/hamas"},
      {m->organization("Hamas"), "https://example.org/kg/organization/hamas"},
      // Countries by ISO code, whatever case.
      {m->country("pe"), "https://example.org/kg/country/pe"},
      // Articles by id (else a url or content hash made by Article::key()).
      {m->article("u0123456789abcdef"), "https://example.org/kg/article/u0123456789abcdef"},
  };
  for (const auto& r : rows) CHECK(r.iri.str() == r.expected);
  CHECK_FALSE(IriMinter::make("not an iri/").is_ok());
}

TEST_CASE("stable_hash is FNV-1a 64", "[ontology]") {
  CHECK(stable_hash("") == "cbf29ce484222325");
  CHECK(stable_hash("a") == "af63dc4c8601ec8c");
}
