// Tests of extract/lexicon: the word table against std::unordered_map.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/dates.hpp"
#include "extract/lexicon.hpp"

using namespace newsgraph::extract;

TEST_CASE("the word table finds what std::unordered_map finds, on generated words", "[extract]") {
  // Words of every length up to 40 (the hash reads 1-3, 4-7 and 8+ bytes
  // in different ways), from a small alphabet so that many share prefixes
  // and suffixes, with a few non-ASCII and NUL bytes.
  const std::string alphabet = std::string("abeinos.'-") + '\0' + "\xC3\xA9";
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), len(0, 40);
  auto word = [&] {
    std::string w;
    for (auto k = len(rng) % (rng() % 2 ? 41 : 9); k > 0; --k) w += alphabet[letter(rng)];
    return w;
  };
  WordTable table;
  std::unordered_map<std::string, std::uint32_t> want;
  for (int round = 0; round < 20000; ++round) {
    const auto w = word();
    const auto fresh = static_cast<std::uint32_t>(want.size() + 1);
    const auto [it, added] = want.emplace(w, fresh);
    REQUIRE(table.insert(w, fresh) == it->second);
    REQUIRE(table.size() == want.size());
  }
  for (const auto& [w, id] : want) REQUIRE(table.find(w) == id);
  int absent = 0;
  for (int round = 0; round < 20000; ++round) {
    const auto w = word();
    const auto it = want.find(w);
    REQUIRE(table.find(w) == (it == want.end() ? 0u : it->second));
    absent += it == want.end();
  }
  CHECK(absent > 1000);
  // Every byte counts in the hash: no two of these words share all 64 bits.
  std::unordered_set<std::uint64_t> hashes;
  for (const auto& [w, id] : want) hashes.insert(WordTable::hash(w));
  CHECK(hashes.size() == want.size());
  CHECK(WordTable().find("any") == 0);  // an empty table
}

namespace {

struct LexiconFixture {
  newsgraph::ontology::Gazetteer gazetteer;
  Segmenter segmenter;
  Lexicon lexicon;
};

const LexiconFixture& lexicon_fixture() {
  static const LexiconFixture* f = [] {
    const std::string dir = NEWSGRAPH_SOURCE_DATA_DIR;
    auto g = newsgraph::ontology::Gazetteer::load(dir + "/ontology/data");
    auto seg = Segmenter::load(dir + "/extract/lexicon/abbreviations.txt");
    REQUIRE(g);
    REQUIRE(seg);
    auto* out = new LexiconFixture{std::move(g.value()), std::move(seg.value()), Lexicon()};
    auto lx = Lexicon::build(out->gazetteer, out->segmenter, dir + "/extract/lexicon");
    REQUIRE(lx);
    out->lexicon = std::move(lx.value());
    return out;
  }();
  return *f;
}

}  // namespace

TEST_CASE("annotate_dates asks month_number and weekday_number about every token they know", "[extract]") {
  // may_be_calendar filters the tokens annotate_dates passes to them: it
  // must hold wherever either would answer, on generated words: month and
  // weekday names and their prefixes in any case, with and without a full
  // stop, and near misses.
  const auto& f = lexicon_fixture();
  const std::vector<std::string> names{"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December", "Sept",
                                       "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                       "Sunday", "Mayor", "Junes", "Septembers", "Tues", "Thurs"};
  std::mt19937 rng(7);
  std::string text;
  for (const auto& name : names) {
    for (std::size_t len = 1; len <= name.size() + 1; ++len) {
      for (int round = 0; round < 6; ++round) {
        std::string w = name.substr(0, len);
        if (len > name.size()) w += "x";
        for (auto& c : w) {
          if (rng() % 3 == 0) c = static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c - 'A' + 'a');
        }
        text += w + (round % 2 ? ". " : " ");
      }
    }
  }
  Sentence s;
  s.tokens = f.segmenter.tokenize(text);
  REQUIRE(s.tokens.size() > 1000);
  f.lexicon.annotate(s);
  int known = 0, filtered = 0;
  for (const auto& t : s.tokens) {
    const bool answers = month_number(t.text) != 0 || weekday_number(t.text) >= 0;
    INFO(t.text);
    if (answers) REQUIRE(f.lexicon.may_be_calendar(t));
    known += answers;
    filtered += !f.lexicon.may_be_calendar(t);
  }
  CHECK(known > 200);
  CHECK(filtered > 300);  // and it does turn words away
}

TEST_CASE("find_names' all-capitals test is Token::upper, on generated tokens", "[extract]") {
  // find_names reads Token::upper where it tested the text with this (its
  // earlier all_caps_word); the segmenter must set the two alike.
  auto all_caps_word = [](const std::string& t) {
    std::size_t letters = 0;
    for (char c : t) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
  };
  const auto& f = lexicon_fixture();
  const std::vector<std::string> pieces{"A", "b", "C", "d", "1", "-", ".", "'", "\xC3\x89", "\xC3\xA9", "&", "U.S."};
  std::mt19937 rng(3);
  // An ASCII text and one that is not: the segmenter has a path for each.
  for (const std::size_t alphabet : {std::size_t{8}, pieces.size()}) {
    std::string text;
    for (int w = 0; w < 4000; ++w) {
      for (auto k = 1 + rng() % 5; k > 0; --k) text += pieces[rng() % alphabet];
      text += ' ';
    }
    const auto tokens = f.segmenter.tokenize(text);
    REQUIRE(tokens.size() > 2000);
    int upper = 0;
    for (const auto& t : tokens) {
      INFO(t.text);
      REQUIRE(t.upper == all_caps_word(t.text));
      upper += t.upper;
    }
    CHECK(upper > 200);
  }
}
