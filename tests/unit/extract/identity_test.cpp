// Tests of identity across articles (Pipeline::identify_entities): the key
// each entity's IRI is minted from, for known officials, unknown persons,
// surnames shared by two people, organisations and countries.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "extract/pipeline.hpp"
#include "ontology/iri.hpp"

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

TEST_CASE("an unmatched person is the one official whose name has all its words, on generated names", "[extract]") {
  // identify_entities tries only the officials indexed under a name's first
  // word; here every official is tried, as it once did, for names made of
  // words of officials' names and aliases (in any order, two or three),
  // in a sentence that gives no country.
  const auto& g = pipeline().gazetteer();
  auto words_of = [](const std::string& name) {
    std::vector<std::string> out;
    const std::string s = newsgraph::ontology::slug(name);
    std::size_t start = 0;
    while (start <= s.size()) {
      const auto dash = s.find('-', start);
      const auto end = dash == std::string::npos ? s.size() : dash;
      if (end > start) out.push_back(s.substr(start, end - start));
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
    return out;
  };
  std::vector<std::vector<std::vector<std::string>>> official_words;
  std::vector<std::string> pool;  // words as written, from names and aliases
  for (const auto& off : g.officials()) {
    auto& names = official_words.emplace_back();
    std::vector<std::string> written{off.name};
    written.insert(written.end(), off.aliases.begin(), off.aliases.end());
    for (const auto& n : written) {
      names.push_back(words_of(n));
      std::size_t start = 0;
      while (start < n.size()) {
        const auto space = std::min(n.find(' ', start), n.size());
        if (space > start) pool.push_back(n.substr(start, space - start));
        start = space + 1;
      }
    }
  }
  REQUIRE(pool.size() > 100);
  std::mt19937 rng(5);
  int matched = 0, unmatched = 0;
  for (int round = 0; round < 1500; ++round) {
    // Half the time two words of one official, else words of any.
    std::string name;
    const auto& off = g.officials()[rng() % g.officials().size()];
    const auto own = words_of(off.name);
    for (int k = 0, len = 2 + static_cast<int>(rng() % 2); k < len; ++k) {
      std::string w = round % 2 && !own.empty() ? own[rng() % own.size()] : pool[rng() % pool.size()];
      if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
      name += (k ? " " : "") + w;
    }
    Article a;
    a.text = name + " said on Monday that the talks would go on.";
    a.file = "t.txt";
    const auto x = pipeline().run(a);
    for (const auto& e : x.entities) {
      if (e.kind != EntityKind::Person) continue;
      const auto words = words_of(e.name);
      int n = 0;
      std::size_t found = 0;
      for (std::size_t o = 0; o < official_words.size() && words.size() >= 2; ++o) {
        const bool match = std::any_of(official_words[o].begin(), official_words[o].end(), [&](const auto& ws) {
          return std::all_of(words.begin(), words.end(),
                             [&](const auto& w) { return std::find(ws.begin(), ws.end(), w) != ws.end(); });
        });
        if (match) {
          ++n;
          found = o;
        }
      }
      INFO(a.text << " / " << e.name);
      if (n == 1) {
        REQUIRE(e.canonical == g.officials()[found].name);
        ++matched;
      }
      if (e.canonical.empty()) {
        REQUIRE(n != 1);
        ++unmatched;
      }
    }
  }
  CHECK(matched > 100);
  CHECK(unmatched > 100);
}
