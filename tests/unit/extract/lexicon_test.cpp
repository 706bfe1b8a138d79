// Tests of extract/lexicon: the word table against std::unordered_map, the
// phrase matching against a brute-force search.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/dates.hpp"
#include "extract/lexicon.hpp"
#include "extract/text.hpp"
#include "kept.hpp"

using namespace newsgraph::extract;

TEST_CASE("the word table finds what std::unordered_map finds, on generated words", "[extract]") {
  // Words of every length up to 40 (the hash reads 1-3, 4-8 and 9+ bytes
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
  // The finder (annotate's copy of the table's pointers) finds the same.
  const auto finder = table.finder();
  for (const auto& [w, id] : want) REQUIRE(finder.find(w) == id);
  int absent = 0;
  for (int round = 0; round < 20000; ++round) {
    const auto w = word();
    const auto it = want.find(w);
    REQUIRE(table.find(w) == (it == want.end() ? 0u : it->second));
    REQUIRE(finder.find(w) == (it == want.end() ? 0u : it->second));
    absent += it == want.end();
  }
  CHECK(absent > 1000);
  // Every byte counts in the hash: no two of these words share all 64 bits.
  std::unordered_set<std::uint64_t> hashes;
  for (const auto& [w, id] : want) hashes.insert(WordTable::hash(w));
  CHECK(hashes.size() == want.size());
  CHECK(WordTable().find("any") == 0);  // an empty table
  CHECK(WordTable().finder().find("any") == 0);
  CHECK(WordTable().finder().find("a") == 0);
}

TEST_CASE("the word table tells apart words whose loads overlap, and single bytes", "[extract]") {
  // A word of up to 8 bytes is found by its loads and size alone: "aaaa"
  // and "aaaaa" load the same bytes and differ only in size. Every word of 0-10
  // bytes of "abc" (thousands that load the same bytes as one of another
  // size, so that some meet in a slot's probe) and every single byte, half
  // of them in the table, the other half looked for.
  std::vector<std::string> words;
  std::size_t count = 1;
  for (std::size_t n = 0; n <= 10; ++n, count *= 3) {
    for (std::size_t code = 0; code < count; ++code) {
      std::string w;
      for (std::size_t k = 0, c = code; k < n; ++k, c /= 3) w += static_cast<char>('a' + c % 3);
      words.push_back(w);
    }
  }
  for (int c = 0; c < 256; ++c) {
    if (c < 'a' || c > 'c') words.emplace_back(1, static_cast<char>(c));
  }
  std::mt19937 rng(5);
  std::shuffle(words.begin(), words.end(), rng);
  WordTable table;
  std::unordered_map<std::string, std::uint32_t> want;
  for (std::size_t k = 0; k < words.size(); k += 2) {
    want.emplace(words[k], static_cast<std::uint32_t>(want.size() + 1));
    REQUIRE(table.insert(words[k], want[words[k]]) == want[words[k]]);
  }
  for (const auto& w : words) {
    const auto it = want.find(w);
    INFO("word \"" << w << "\" of " << w.size() << " bytes");
    REQUIRE(table.find(w) == (it == want.end() ? 0u : it->second));
    REQUIRE(table.finder().find(w) == (it == want.end() ? 0u : it->second));
  }
}

namespace {

struct LexiconFixture {
  newsgraph::ontology::Gazetteer gazetteer;
  Segmenter segmenter;
  Lexicon lexicon;
};

const LexiconFixture* make_fixture(const std::string& data_dir) {
  const std::string dir = NEWSGRAPH_SOURCE_DATA_DIR;
  auto g = newsgraph::ontology::Gazetteer::load(data_dir);
  auto seg = Segmenter::load(dir + "/extract/lexicon/abbreviations.txt");
  REQUIRE(g);
  REQUIRE(seg);
  auto* out = new LexiconFixture{std::move(g.value()), std::move(seg.value()), Lexicon()};
  auto lx = Lexicon::build(out->gazetteer, out->segmenter, dir + "/extract/lexicon");
  REQUIRE(lx);
  out->lexicon = std::move(lx.value());
  return out;
}

const LexiconFixture& lexicon_fixture() {
  static const LexiconFixture* f = make_fixture(std::string(NEWSGRAPH_SOURCE_DATA_DIR) + "/ontology/data");
  return *f;
}

// The gazetteer with roles whose second word is an abbreviation, which the
// data has none of: "vice pres" (before "vice pres.": in "vice pres." both
// match, and the one added first wins), "attorney gen" ("attorney
// gen." matches it only through the full-stop rule) and "zorbic sen".
const LexiconFixture& abbreviated_roles_fixture() {
  static const LexiconFixture* f = [] {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lexicon_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const auto& e : fs::directory_iterator(fs::path(NEWSGRAPH_SOURCE_DATA_DIR) / "ontology" / "data")) {
      fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
    }
    std::ofstream(dir / "roles.tsv", std::ios::app)
        << "vice pres\tminister\t\nvice pres.\tminister\tattorney gen.|vice pres. secretary\n"
        << "attorney gen\tminister\tvice pres secretary\n"
        // "zorbic sen." matches only through the full-stop rule, and "sen."
        // is no phrase's second word: annotate must look "zorbic" up
        // before a token that ends in a full stop.
        << "zorbic sen\tminister\t\n";
    const auto* out = make_fixture(dir.string());
    fs::remove_all(dir);
    return out;
  }();
  return *f;
}

}  // namespace

TEST_CASE("the word table tells apart words of the same loads and home slot but other sizes", "[extract]") {
  // "abcdefg" (7 bytes) loads "abcd" and "defg", as "abcddefg" (8) does;
  // "ab" loads a, b, b, as "abb" does. Pairs whose hashes also share their
  // low 6 bits share their home slot in a table of one word (64 slots), so
  // the probe for the absent one meets the present one at once: only the
  // sizes tell them apart.
  std::size_t pairs = 0;
  for (std::uint32_t code = 0; code < 200000 && pairs < 20; ++code) {
    std::string w2;
    for (std::uint32_t c = code, k = 0; k < 7; ++k, c /= 26) w2 += static_cast<char>('a' + c % 26);
    std::string w1 = w2.substr(0, 4) + w2.substr(3);  // 8 bytes, the same loads
    for (const auto& [present, absent] : {std::pair{w1, w2}, std::pair{w2.substr(0, 2), w2.substr(0, 2) + w2[1]}}) {
      if ((WordTable::hash(present) & 63) != (WordTable::hash(absent) & 63)) continue;
      WordTable table;
      table.insert(present, 7);
      INFO(present << " / " << absent);
      CHECK(table.find(present) == 7);
      CHECK(table.find(absent) == 0);
      CHECK(table.finder().find(absent) == 0);
      ++pairs;
    }
  }
  CHECK(pairs >= 20);
}

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
  s = f.segmenter.tokenize(text);
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
  auto all_caps_word = [](std::string_view t) {
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
    const auto tokenized = f.segmenter.tokenize(text);
    const auto& tokens = tokenized.tokens;
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

namespace {

// The gazetteer phrases annotate matches, as Lexicon::build adds them (in
// its order, the same words and case one phrase with an entry per label),
// for a brute-force reference of the matching.
struct ReferencePhrase {
  std::vector<Token> tokens;
  bool proper;
  std::vector<std::pair<newsgraph::extract::LabelId, std::int32_t>> entries;
};

std::vector<ReferencePhrase> reference_phrases(const LexiconFixture& f) {
  std::vector<ReferencePhrase> out;
  auto add = [&](const std::string& text, newsgraph::extract::LabelId lab, std::int32_t ref, bool proper) {
    const auto tokenized = f.segmenter.tokenize(text);
    auto tokens = tokenized.tokens;
    for (auto& t : tokens) {  // kept: the tokenized sentence, which the views are of, goes
      t.text = testing::kept(std::string(t.text));
      t.norm = testing::kept(std::string(t.norm));
    }
    if (tokens.empty()) return;
    for (auto& p : out) {
      const bool same = p.proper == proper && p.tokens.size() == tokens.size() &&
                        std::equal(tokens.begin(), tokens.end(), p.tokens.begin(),
                                   [](const Token& a, const Token& b) { return a.text == b.text; });
      if (!same) continue;
      for (const auto& e : p.entries) {
        if (e.first == lab) return;
      }
      p.entries.emplace_back(lab, ref);
      return;
    }
    out.push_back({std::move(tokens), proper, {{lab, ref}}});
  };
  const auto& g = f.gazetteer;
  namespace label = newsgraph::extract::label;
  for (std::size_t i = 0; i < g.countries().size(); ++i) {
    const auto& c = g.countries()[i];
    const auto r = static_cast<std::int32_t>(i);
    add(c.name, label::kCountry, r, true);
    for (const auto& a : c.aliases) add(a, label::kCountry, r, true);
    for (const auto& d : c.demonyms) add(d, label::kDemonym, r, true);
  }
  for (std::size_t i = 0; i < g.cities().size(); ++i) {
    add(g.cities()[i].name, label::kCity, static_cast<std::int32_t>(i), true);
    for (const auto& a : g.cities()[i].aliases) add(a, label::kCity, static_cast<std::int32_t>(i), true);
  }
  for (std::size_t i = 0; i < g.regions().size(); ++i) {
    add(g.regions()[i].name, label::kRegion, static_cast<std::int32_t>(i), true);
    for (const auto& a : g.regions()[i].aliases) add(a, label::kRegion, static_cast<std::int32_t>(i), true);
  }
  for (std::size_t i = 0; i < g.organizations().size(); ++i) {
    const auto& o = g.organizations()[i];
    const auto r = static_cast<std::int32_t>(i);
    add(o.name, label::kOrg, r, true);
    for (const auto& a : o.aliases) add(a, label::kOrg, r, true);
    for (const auto& a : o.acronyms) add(a, label::kOrg, r, true);
  }
  for (std::size_t i = 0; i < g.roles().size(); ++i) {
    add(g.roles()[i].title, label::kRole, static_cast<std::int32_t>(i), false);
    for (const auto& a : g.roles()[i].aliases) add(a, label::kRole, static_cast<std::int32_t>(i), false);
  }
  for (std::size_t i = 0; i < g.officials().size(); ++i) {
    add(g.officials()[i].name, label::kPerson, static_cast<std::int32_t>(i), true);
    for (const auto& a : g.officials()[i].aliases) add(a, label::kPerson, static_cast<std::int32_t>(i), true);
  }
  std::set<std::string> honorifics;
  std::ifstream in(std::string(NEWSGRAPH_SOURCE_DATA_DIR) + "/extract/lexicon/honorifics.txt");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') honorifics.insert(fold(line));
  }
  REQUIRE(!honorifics.empty());
  for (const auto& h : honorifics) add(h, label::kHonorific, -1, false);
  return out;
}

// Whether phrase `p` matches the tokens at `i`, its first word being `first`
// (a token's norm, or that without its full stop): every word's norm, or
// for a phrase that is not proper the norm and a full stop ("Mr."); the
// capitals of a proper phrase's words (acronyms exactly, others a capital).
bool reference_match(const ReferencePhrase& p, const std::vector<Token>& toks, std::size_t i) {
  if (i + p.tokens.size() > toks.size()) return false;
  for (std::size_t k = 0; k < p.tokens.size(); ++k) {
    const auto& t = toks[i + k];
    const auto& w = p.tokens[k];
    if (t.norm != w.norm && (p.proper || t.norm != std::string(w.norm) + ".")) return false;
    if (!p.proper) continue;
    std::size_t letters = 0;
    bool lower = false;
    for (const char c : w.text) {
      lower = lower || (c >= 'a' && c <= 'z');
      letters += c >= 'A' && c <= 'Z';
    }
    if (!lower && letters >= 2) {
      if (t.text != w.text) return false;
    } else if (starts_upper(w.text) && !t.cap) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("annotate's gazetteer mentions are a brute-force search's, on generated sentences", "[extract]") {
  // The phrase index (by first word, then second) against trying every
  // phrase at every token: the longest that matches, of those the first
  // added; for a token ending in a full stop, then a longer one of its word
  // without it. Sentences are runs of the phrases' words, whole or cut,
  // in their case or lower or upper case, some with a full stop, among
  // the words that start most phrases.
  for (const auto* fixture : {&lexicon_fixture(), &abbreviated_roles_fixture()}) {
    const auto& f = *fixture;
    const auto phrases = reference_phrases(f);
    REQUIRE(phrases.size() > 1000);
    std::mt19937 rng(17);
    const std::vector<std::string> glue{"the", "The", "Mr.", "Mr", "-", ",", "of", "Republic", "Minister", "Vice",
                                        "United", "Dr.", "St.", "new", "U.S.", "vice pres.", "attorney gen.",
                                        "vice pres. secretary", "attorney gen. gen", "zorbic sen.", "Zorbic Sen."};
    int matched = 0;
    for (int round = 0; round < 400; ++round) {
      std::string text;
      for (int piece = 0; piece < 40; ++piece) {
        if (rng() % 3 == 0) {
          text += glue[rng() % glue.size()] + (rng() % 4 ? " " : "");
          continue;
        }
        const auto& p = phrases[rng() % phrases.size()];
        const auto words = rng() % 4 ? p.tokens.size() : 1 + rng() % p.tokens.size();
        const auto mode = rng() % 8;
        for (std::size_t k = 0; k < words; ++k) {
          std::string w(p.tokens[k].text);
          for (auto& c : w) {
            if (mode == 0 && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (mode == 1 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          }
          if (mode == 2 && rng() % 2 && w.back() != '.') w += '.';
          text += w + ' ';
        }
      }
      Sentence s;
      s = f.segmenter.tokenize(text);
      f.lexicon.annotate(s);
      std::vector<std::string> got, want;
      for (const auto& m : s.mentions) {
        if (m.found_by == "gazetteer") {
          got.push_back(std::to_string(m.begin) + "-" + std::to_string(m.end) + " " + std::to_string(m.label) + " " +
                        std::to_string(m.ref));
        }
      }
      const auto& toks = s.tokens;
      const auto n = toks.size();
      for (std::size_t i = 0; i < n;) {
        const ReferencePhrase* hit = nullptr;
        std::size_t best = 0;
        auto search = [&](std::string_view first) {
          for (const auto& p : phrases) {
            if (p.tokens.size() > best && p.tokens[0].norm == first && reference_match(p, toks, i)) {
              best = p.tokens.size();
              hit = &p;
            }
          }
        };
        search(toks[i].norm);
        if (!toks[i].norm.empty() && toks[i].norm.back() == '.') {
          search(toks[i].norm.substr(0, toks[i].norm.size() - 1));
        }
        if (!hit) {
          ++i;
          continue;
        }
        const bool in_compound = i + best + 1 < n && toks[i + best].text == "-" && !toks[i + best].space_before &&
                                 !toks[i + best + 1].space_before && toks[i + best + 1].cap;
        for (const auto& [lab, ref] : hit->entries) {
          if (in_compound && (lab == label::kRole || lab == label::kHonorific)) continue;
          want.push_back(std::to_string(i) + "-" + std::to_string(i + best) + " " + std::to_string(lab) + " " +
                         std::to_string(ref));
        }
        ++matched;
        i += best;
      }
      INFO(text);
      REQUIRE(got == want);
  }
  CHECK(matched > 5000);
  }
}

TEST_CASE("annotate_dates finds dates at each kind of token they start with", "[extract]") {
  // annotate_dates passes over tokens that are no month or weekday, no
  // number and no keyword that starts a date: one row per kind that does.
  const auto& f = lexicon_fixture();
  const std::vector<std::pair<std::string, std::string>> rows{
      {"he left today .", "today"},
      {"she came yesterday", "yesterday"},
      {"they meet tomorrow", "tomorrow"},
      {"in he met him last year", "last year"},
      {"by next month", "next month"},
      {"This week he left", "This week"},
      {"He left on Monday .", "Monday"},
      {"By June 29 , 2024 he left", "June 29 , 2024"},
      {"He left on 14 November 2024 .", "14 November 2024"},
      {"It was 2024 - 06 - 29 then", "2024 - 06 - 29"},
      {"He has lived there since 1971 .", "1971"},
      {"In March 2023 he left", "March 2023"},
      {"He may come in May 2025 .", "May 2025"},
      {"His Excellency left in his car .", ""},
  };
  for (const auto& [text, date] : rows) {
    Sentence s;
    s = f.segmenter.tokenize(text);
    f.lexicon.annotate(s);
    std::string got;
    for (const auto& m : s.mentions) {
      if (m.label == label::kDate) got += (got.empty() ? "" : "|") + m.value;
    }
    INFO(text);
    CHECK(got == date);
  }
}

TEST_CASE("find_topics skips only sentences with no word that starts a topic", "[extract]") {
  // annotate sets Sentence::may_have_topic; find_topics returns at once
  // where it is false. On sentences of topic labels' words and others, the
  // topics found equal those of a search that ignores the flag.
  const auto& f = lexicon_fixture();
  std::vector<std::string> words{"the", "Lima", "minister", "said", "of", "Peru", "and", "he", "met"};
  for (const auto& t : f.gazetteer.topics()) {
    words.push_back(t.label);
    for (const auto& a : t.aliases) words.push_back(a);
  }
  std::mt19937 rng(23);
  int with = 0, without = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const auto pool = round % 2 ? words.size() : std::size_t{9};  // half of them with no topic word
    for (auto k = 1 + rng() % 12; k > 0; --k) text += words[rng() % pool] + " ";
    Sentence s;
    s = f.segmenter.tokenize(text);
    f.lexicon.annotate(s);
    Sentence full = s;
    full.may_have_topic = true;
    f.lexicon.find_topics(s);
    f.lexicon.find_topics(full);
    std::vector<std::string> got, want;
    for (const auto& m : s.mentions) got.push_back(std::to_string(m.begin) + " " + m.value);
    for (const auto& m : full.mentions) want.push_back(std::to_string(m.begin) + " " + m.value);
    INFO(text);
    REQUIRE(got == want);
    const bool topics = std::any_of(full.mentions.begin(), full.mentions.end(),
                                    [](const Mention& m) { return m.label == label::kTopic; });
    with += topics;
    without += !s.may_have_topic;
  }
  CHECK(with > 500);
  CHECK(without > 500);
}
