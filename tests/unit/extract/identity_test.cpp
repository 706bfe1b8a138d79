// Tests of identity across articles (Pipeline::identify_entities): the key
// each entity's IRI is minted from, for known officials, unknown persons,
// surnames shared by two people, organisations and countries.
#include <catch2/catch.hpp>

#include <algorithm>

#include "extract/pipeline.hpp"

using namespace newsgraph::extract;

namespace {

const Pipeline& pipeline() {
  static const auto p = Pipeline::load({NEWSGRAPH_SOURCE_DATA_DIR, {}});
  REQUIRE(p.is_ok());
  return *p.value();
}

// "Kind name|country" for each entity of `kind`: the name is the canonical
// (gazetteer) one when known, else the article's; sorted.
std::vector<std::string> keys(const std::string& text, EntityKind kind) {
  Article a;
  a.text = text;
  a.file = "t.txt";
  const auto x = pipeline().run(a);
  std::vector<std::string> out;
  for (const auto& e : x.entities) {
    if (e.kind != kind) continue;
    out.push_back((e.canonical.empty() ? "?" + e.name : e.canonical) + "|" + e.country);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a known official has one key however the article names them", "[extract]") {
  struct Row {
    const char* text;
    std::vector<std::string> persons;
  };
  const Row rows[] = {
      {"Peruvian President Dina Boluarte arrived in Beijing.", {"Dina Boluarte|PE"}},
      {"President Dina Ercilia Boluarte Zegarra arrived in Beijing.", {"Dina Boluarte|PE"}},
      // A surname alone is the official when the article gives the country.
      {"Peruvian President Boluarte arrived in Beijing.", {"Dina Boluarte|PE"}},
      {"Chinese President Xi Jinping met Peruvian President Dina Boluarte in Beijing.",
       {"Dina Boluarte|PE", "Xi Jinping|CN"}},
      // Spelling variants listed in the gazetteer.
      {"Egyptian President Abdel Fattah el-Sisi spoke.", {"Abdel Fattah al-Sisi|EG"}},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    CHECK(keys(r.text, EntityKind::Person) == r.persons);
  }
}

TEST_CASE("people who only share a surname or a name stay apart", "[extract]") {
  struct Row {
    const char* text;
    std::vector<std::string> persons;
  };
  const Row rows[] = {
      // Another Boluarte, of another country: not the Peruvian president.
      {"Mexican Foreign Minister Juan Boluarte met reporters.", {"?Juan Boluarte|MX"}},
      // A bare surname with no country is not linked to anyone.
      {"President Boluarte met reporters.", {"?Boluarte|"}},
      // An unknown person is keyed by name and, when the article says it, country.
      {"Kenyan Trade Secretary Ana Diaz spoke.", {"?Ana Diaz|KE"}},
      {"Ana Diaz spoke to reporters.", {}},
      {"Chilean Minister Ana Diaz met Mexican Minister Ana Ruiz.", {"?Ana Diaz|CL", "?Ana Ruiz|MX"}},
  };
  for (const auto& r : rows) {
    INFO(r.text);
    CHECK(keys(r.text, EntityKind::Person) == r.persons);
  }
}

TEST_CASE("organisations and countries are keyed by the gazetteer entry", "[extract]") {
  CHECK(keys("Wang Yi is a member of the CPC Central Committee.", EntityKind::Organization) ==
        std::vector<std::string>{"Communist Party of China Central Committee|"});
  CHECK(keys("Wang Yi is a member of the Communist Party of China Central Committee.", EntityKind::Organization) ==
        std::vector<std::string>{"Communist Party of China Central Committee|"});
  CHECK(keys("The U.N. and the IMF met.", EntityKind::Organization) ==
        std::vector<std::string>{"International Monetary Fund|", "United Nations|"});
  CHECK(keys("Peruvian President Dina Boluarte visited the Chinese mainland.", EntityKind::Country) ==
        std::vector<std::string>{"China|CN", "Peru|PE"});
}
