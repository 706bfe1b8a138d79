// Tests of the furniture classifier and title/date finding.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <random>
#include <string_view>

#include "extract/cleaner.hpp"

using namespace newsgraph::extract;

namespace {
std::vector<std::string> kept(const Article& a, const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(a.text.substr(b.begin, b.end - b.begin));
  return out;
}
}  // namespace

TEST_CASE("page furniture is dropped, article prose kept", "[extract]") {
  Article a;
  a.text =
      "Home | World | Business | Sport\n"
      "casino-one.com www.bet-two.net spin3.org luckyfour.com\n"
      "Tuesday, March 12, 2024\n\n"
      "Kenya and India agree to expand trade\n\n"
      "By Ana Lima\nana.lima@example.org\n\n"
      "Kenyan President William Ruto received Indian Prime Minister Narendra Modi in Nairobi on Monday.\n\n"
      "The two leaders signed six agreements on farming, payments and maritime security, officials said.\n\n"
      "- Advertisement -\n\n"
      "Join the discussion\n\nWe keep your e-mail private. Fields with a star must be filled in *\n\n"
      "Latest news\n"
      "Floods close roads in the north as rivers rise after a week of heavy rain ...\n"
      "Central bank holds rates steady for a third month, citing stubborn inflation ...\n"
      "Share this article\n"
      "Copyright 2024 Example News. All rights reserved.\n";
  const auto blocks = clean_article(a);
  CHECK(kept(a, blocks) == std::vector<std::string>{
                               "Kenyan President William Ruto received Indian Prime Minister Narendra Modi in Nairobi on Monday.",
                               "The two leaders signed six agreements on farming, payments and maritime security, officials said."});
  CHECK(a.title == "Kenya and India agree to expand trade");
  REQUIRE(a.date);
  CHECK(a.date->iso() == "2024-03-12");
  CHECK(a.date_source == "text");
}

TEST_CASE("repeated teasers count as furniture even when their times differ", "[extract]") {
  const std::string text =
      "Water prices will rise next year, says the utility. By EWN • Published: 14 Nov 2024 • 13:00 ...\n\n"
      "The minister opened the new bridge over the river on Friday, local officials said.\n\n"
      "Water prices will rise next year, says the utility. By EWN • Published: 15 Nov 2024 • 09:30 ...\n";
  const auto units = classify_units(text);
  REQUIRE(units.size() == 3);
  CHECK_FALSE(units[0].content);
  CHECK(units[1].content);
  CHECK_FALSE(units[2].content);
  CHECK(units[0].repeated);
  CHECK(units[0].dump(text) == "Furniture{no sentence end \"Water prices will rise next year, says t...\"}");
}

TEST_CASE("hard-wrapped wire copy is joined into paragraphs", "[extract]") {
  const std::string text =
      "LIMA, Feb 26 - The central bank said on Thursday it would keep\n"
      "its reference rate unchanged for a third month in a row.\n"
      "    Analysts had expected the decision, a bank spokesman said.\n";
  const auto units = classify_units(text);
  REQUIRE(units.size() == 2);
  CHECK(units[0].content);
  CHECK(text.substr(units[0].begin, units[0].end - units[0].begin).find("in a row.") != std::string::npos);
}

TEST_CASE("a date prefix and a dateline are cut from the first paragraph", "[extract]") {
  Article a;
  a.text = " date 2024-05-17 NAIROBI: Kenyan President William Ruto hosted a trade delegation at State House on Friday.";
  const auto blocks = clean_article(a);
  REQUIRE(blocks.size() == 1);
  CHECK(kept(a, blocks)[0].rfind("Kenyan President", 0) == 0);
  REQUIRE(a.date);
  CHECK(a.date->iso() == "2024-05-17");

  Article b;
  b.text = "TOKYO, May 3 (NWA) -- Japanese Foreign Minister Yoko Kamikawa spoke by phone with her counterpart.";
  const auto bb = clean_article(b);
  REQUIRE(bb.size() == 1);
  CHECK(kept(b, bb)[0].rfind("Japanese Foreign Minister", 0) == 0);
  CHECK_FALSE(b.date);  // a dateline without a year is not a date
  CHECK(b.dateline == "TOKYO");
  CHECK(a.dateline == "NAIROBI");
}

TEST_CASE("datelines in title case and with a year after a second comma", "[extract]") {
  struct Case {
    const char* text;
    const char* place;  // "" when no dateline may be cut
    const char* starts;
  };
  for (const auto& c : std::vector<Case>{
           {"Vientiane, July 27 (KPL) - The Lao president received the Chinese foreign minister on Friday.",
            "Vientiane", "The Lao president"},
           {"ABU DHABI, 23rd April, 2024 (Gulf Wire) -- The president received the sultan at the palace on Monday.",
            "ABU DHABI", "The president received"},
           {"Santa Cruz de la Sierra, Bolivia - The governor of the province met farmers in the city on Monday.",
            "", "Santa Cruz"},
           {"Mary, Queen of Scots - a play about the life of the queen opened in the city on Monday night.",
            "", "Mary, Queen"},
       }) {
    Article a;
    a.text = c.text;
    const auto blocks = clean_article(a);
    INFO(c.text);
    REQUIRE(blocks.size() == 1);
    CHECK(a.dateline == c.place);
    CHECK(kept(a, blocks)[0].rfind(c.starts, 0) == 0);
  }
}

TEST_CASE("a header date is never replaced by one found in the text", "[extract]") {
  Article a;
  a.date = Date{2020, 1, 1};
  a.text = "Published: 14 Nov 2024\n\nThe minister opened the new bridge over the river on Friday, officials said.";
  clean_article(a);
  CHECK(a.date->iso() == "2020-01-01");
}

TEST_CASE("the headline is the line nearest above the article, not the masthead or byline", "[extract]") {
  Article a;
  a.text =
      "COASTAL MORNING HERALD\n"
      "Home | World | Business\n\n"
      "WORLD > AFRICA\n\n"
      "Senegal and Mali agree to reopen their border crossings\n"
      "Tuesday 9 April 2024\n\n"
      "By Awa Diallo Sow\n\n"
      "Senegalese President Bassirou Diomaye Faye received a delegation from Mali in Dakar on Monday, officials said.\n";
  const auto blocks = clean_article(a);
  CHECK(a.title == "Senegal and Mali agree to reopen their border crossings");
  REQUIRE(a.date);
  CHECK(a.date->iso() == "2024-04-09");
  REQUIRE(blocks.size() == 1);
}

namespace {
// The unit measures as a plain reference computes them (the classifier's
// first version, per word with std::string): words, lower-case and link
// shares, separators and the shape (lower-cased, without digits and spaces).
struct RefMeasure {
  std::size_t words = 0, lower = 0, links = 0, separators = 0;
  std::string shape;
};
RefMeasure ref_measure(std::string_view s) {
  RefMeasure m;
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '|') ++m.separators;
    for (const char* sep : {"\u2022", "\u00BB", "\u00B7", "\u203A"}) {
      if (s.substr(i, std::strlen(sep)) == sep) ++m.separators;
    }
    if (!space(s[i]) && !(c >= '0' && c <= '9')) m.shape += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    const auto b = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (b == i) break;
    const std::string w(s.substr(b, i - b));
    bool link = w.find("://") != w.npos || w.find("www.") != w.npos || w.find('@') != w.npos;
    const auto dot = w.rfind('.');
    if (!link && dot != w.npos && dot > 0 && dot + 1 < w.size()) {
      const auto tld = w.substr(dot + 1);
      link = tld.size() >= 2 && tld.size() <= 6 && std::all_of(tld.begin(), tld.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; }) &&
             std::isalnum(static_cast<unsigned char>(w[dot - 1]));
    }
    if (link) {
      ++m.links;
      ++m.words;
      continue;
    }
    for (const char ch : w) {
      const auto u = static_cast<unsigned char>(ch);
      if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80) {
        ++m.words;
        if (u >= 'a' && u <= 'z') ++m.lower;
        break;
      }
    }
  }
  return m;
}

// A text of up to max_parts random parts, each followed by a random gap.
std::string random_text(const std::vector<std::string>& parts, const std::vector<std::string>& gaps, std::mt19937& rng,
                        unsigned max_parts) {
  std::string text;
  const auto n = rng() % max_parts;
  for (std::size_t k = 0; k < n; ++k) {
    text += parts[rng() % parts.size()];
    text += gaps[rng() % gaps.size()];
  }
  return text;
}

// A unit's measures against the reference's, on the unit's own bytes.
void check_measures(const Unit& u, const RefMeasure& m) {
  CHECK(u.words == m.words);
  CHECK(u.separators == m.separators);
  CHECK(u.lower_ratio == (m.words ? static_cast<double>(m.lower) / static_cast<double>(m.words) : 0));
  CHECK(u.link_ratio == (m.words ? static_cast<double>(m.links) / static_cast<double>(m.words) : 0));
}
}  // namespace

TEST_CASE("the units' measures agree with a plain reference on generated texts", "[extract]") {
  // Words, digits, links, separators and spaces of every kind, so that the
  // byte classes of measure's one-pass loop all occur, in any order.
  const std::vector<std::string> parts = {
      "Xi", "met", "the", "President", "PERU", "in", "Lima", "2024", "10:30", "a.m.", "www.x.org", "bet.com",
      "a@b.c", "http://t.co/x", "|", "\u2022", "\u00BB", "\u00B7", "\u203A", "\u00E9t\u00E9", "\u2014", "caf\u00E9.",
      "(Reuters)", "said.", "...", "\u2026", "Page", "1", "of", "3", "x.Y", "e.g.", "no:", "A|B", "\xC2\xA0", "\xE2\x80\x9C"};
  const std::vector<std::string> gaps = {" ", " ", " ", "  ", "\t", "\n", "\n", "\n\n", " \r\n", "\v", "\f"};
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(parts, gaps, rng, 60);
    INFO(text);
    const auto units = classify_units(text);
    std::vector<std::string> shapes;
    for (const auto& u : units) shapes.push_back(ref_measure(text.substr(u.begin, u.end - u.begin)).shape);
    for (std::size_t k = 0; k < units.size(); ++k) {
      const auto& u = units[k];
      const auto m = ref_measure(text.substr(u.begin, u.end - u.begin));
      check_measures(u, m);
      CHECK(u.repeated == (std::count(shapes.begin(), shapes.end(), m.shape) > 1));
    }
  }
}

TEST_CASE("the units' measures agree with the reference on long glued runs", "[extract]") {
  // measure reads 64 bytes at a time: words that straddle its blocks, glued
  // parts (a word that starts with a bracket or digit, links inside runs of
  // letters) and long units, for the bit masks' carries and corrections.
  const std::vector<std::string> parts = {
      "Xi", "met", "(Reuters)", "2024", "a.m.", "www.x.org", "bet.com", "a@b.c", "http://t.co/x", "|", "\u2022",
      "\u00BB", "\u00E9t\u00E9", "\u2014", "said.", "\u2026", "\"Quote", "'s", "-", "abcdefghijklmnopqrstuvwxyz",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "\xC2\xA0", "\xE2\x80\x9C", "x.Y", "e.g.",
      // A full stop or colon before a space is no link's (the masks pass
      // it), but "www." is one, and so are those before a byte of the word.
      "www.", "now.", "Www.", "no:", "a:b", "x.", ".com", "a.b.c.", "@"};
  const std::vector<std::string> gaps = {"", "", " ", " ", "  ", "\t", "\n", " \r\n", "\v"};
  std::mt19937 rng(11);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = random_text(parts, gaps, rng, 120);
    INFO(text);
    for (const auto& u : classify_units(text)) {
      check_measures(u, ref_measure(text.substr(u.begin, u.end - u.begin)));
    }
  }
}

TEST_CASE("a paragraph cut off mid-sentence keeps the sentences it finished", "[extract]") {
  Article a;
  a.title = "Trade talks";
  a.text =
      "The foreign ministers of Chile and Kenya met in Santiago on Tuesday to discuss trade.\n\n"
      "They agreed to open two new consulates next year, a spokesman said. The talks went on into\n\n"
      "In his speech the minister announced three measures for farmers and the mining sector. They are:\n\n"
      "Lower fees, new roads and faster permits were promised to exporters. More in our next…\n\n"
      "Markets rose. Then the index of all the shares traded in the capital went\n";
  const auto units = classify_units(a.text);
  REQUIRE(units.size() == 5);
  CHECK(units[0].why == "prose");
  // Cut after the last full sentence: what follows it is left out.
  CHECK(units[1].content);
  CHECK(units[1].why == "prose cut off");
  CHECK(a.text.substr(units[1].begin, units[1].end - units[1].begin) ==
        "They agreed to open two new consulates next year, a spokesman said.");
  CHECK(units[2].content);
  CHECK(a.text.substr(units[2].begin, units[2].end - units[2].begin) ==
        "In his speech the minister announced three measures for farmers and the mining sector.");
  // A teaser ends in an ellipsis; a "sentence" of two words is no prose.
  CHECK_FALSE(units[3].content);
  CHECK(units[3].why == "no sentence end");
  CHECK_FALSE(units[4].content);
  const auto blocks = clean_article(a);
  CHECK(kept(a, blocks) == std::vector<std::string>{
                               "The foreign ministers of Chile and Kenya met in Santiago on Tuesday to discuss trade.",
                               "They agreed to open two new consulates next year, a spokesman said.",
                               "In his speech the minister announced three measures for farmers and the mining sector."});
}
