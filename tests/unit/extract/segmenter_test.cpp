// Tests of sentence and word segmentation.
#include <catch2/catch.hpp>

#include "extract/segmenter.hpp"

using namespace newsgraph::extract;

namespace {
const Segmenter& segmenter() {
  static const Segmenter s = Segmenter::load(NEWSGRAPH_SOURCE_DATA_DIR "/extract/lexicon/abbreviations.txt").value();
  return s;
}
std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : segmenter().segment(text, {{0, static_cast<std::uint32_t>(text.size())}})) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : segmenter().tokenize(text)) out.push_back(t.text);
  return out;
}
}  // namespace

TEST_CASE("sentence breaks do not split initials, abbreviations and dates", "[extract]") {
  CHECK(sentences("Peruvian Ambassador to China Marco V. Balarezo said so. He left.") ==
        std::vector<std::string>{"Peruvian Ambassador to China Marco V. Balarezo said so.", "He left."});
  CHECK(sentences("The U.S. President met Dr. Li on Nov. 8 in Lima. Talks went well.") ==
        std::vector<std::string>{"The U.S. President met Dr. Li on Nov. 8 in Lima.", "Talks went well."});
  CHECK(sentences("Mr. Smith and Ms. Jones arrived. They met.") ==
        std::vector<std::string>{"Mr. Smith and Ms. Jones arrived.", "They met."});
}

TEST_CASE("a quotation with full stops inside stays in one sentence", "[extract]") {
  CHECK(sentences("\u201CWe agree. We sign,\u201D she said. Talks ended.") ==
        std::vector<std::string>{"\u201CWe agree. We sign,\u201D she said.", "Talks ended."});
  CHECK(sentences("\"We agree. We sign,\" she said. Talks ended.") ==
        std::vector<std::string>{"\"We agree. We sign,\" she said.", "Talks ended."});
}

TEST_CASE("line breaks inside a block are not sentence ends", "[extract]") {
  CHECK(sentences("The bank said it would keep\nits rate unchanged. Analysts agreed.") ==
        std::vector<std::string>{"The bank said it would keep\nits rate unchanged.", "Analysts agreed."});
}

TEST_CASE("tokens: possessives split, initials and abbreviations joined", "[extract]") {
  CHECK(words("Peru’s Minister") == std::vector<std::string>{"Peru", "’s", "Minister"});
  CHECK(words("Marco V. Balarezo") == std::vector<std::string>{"Marco", "V.", "Balarezo"});
  CHECK(words("U.S. Dr. Li") == std::vector<std::string>{"U.S.", "Dr.", "Li"});
  CHECK(words("Peru-China ties, 2024-06-29.") ==
        std::vector<std::string>{"Peru", "-", "China", "ties", ",", "2024", "-", "06", "-", "29", "."});
  const auto t = segmenter().tokenize("PERU’S Ángel");
  REQUIRE(t.size() == 3);
  CHECK(t[0].upper);
  CHECK(t[1].norm == "'s");
  CHECK(t[1].space_before == false);
  CHECK(t[2].cap);
  CHECK(t[2].norm == "ángel");
  CHECK(t[2].begin == 9);  // byte offsets
}

TEST_CASE("ASCII word boundaries are ICU's, without ICU", "[extract]") {
  // Hand-picked cases of each UAX #29 rule, then generated text.
  std::vector<std::string> cases = {
      "U.S. officials said 3.5% on Jan. 1, 2024.", "don't can't rock'n'roll 'quoted'", "a:b 10:30 ab:",
      "1,000,000 1;2 3.4.5 a.b.c .5 5. x_y _a a_ 2_b", "line\r\nbreak\n\nnew\vpage\ftab\there  two   spaces",
      "e-mail @home #tag $5 (a) [b] {c} \"q\" a/b a\\b ~!^&*+=<>?|`", "", " ", "a", "'", "a'", "'a", "1.", ".1",
  };
  // Every ASCII character, the ones the rules name more often.
  std::string alphabet = "aaZZ0099  ..'',,;;__@@\r\n";
  for (int c = 1; c < 0x80; ++c) alphabet += static_cast<char>(c);
  std::uint32_t seed = 2024;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int i = 0; i < 100000; ++i) {
    std::string s;
    const auto len = next() % 16;
    for (std::uint32_t k = 0; k < len; ++k) s += alphabet[(next() >> 8) % alphabet.size()];
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    INFO('"' << s << '"');
    const auto fast = ascii_word_breaks(s);
    REQUIRE(fast);
    REQUIRE(*fast == icu_word_breaks(s));
  }
  CHECK_FALSE(ascii_word_breaks("caf\xC3\xA9"));  // not ASCII: ICU's job
}

TEST_CASE("ASCII sentence boundaries are ICU's, without ICU", "[extract]") {
  // Hand-picked cases of each UAX #29 rule, then generated text.
  std::vector<std::string> cases = {
      "He left. She stayed.", "U.S. officials said 3.5% on Jan. 1. Then", "Really? Yes! \"Fine.\" (Done.) Next",
      "etc. and so on. e.g. this", "Mr. Smith. Ms. Jones.", "a.B 1.B A.B ...x ...X", "Go!\r\nNow.\nHere.\rThere",
      "end.)  \"Start", "end. , next. - next. : next. ; Next", "He said \"no.\" She", "x. 5 y. (a) z. [B]",
      "", " ", ".", "a.", ".a", "\t.\v\f", "\"\"", "'x.' Y", "?" "!",
  };
  // Every ASCII character, the ones the rules name more often.
  std::string alphabet = "..?" "?!!\"\"''()[]    \t\r\n,,--::;;aabbAAZZ0099";
  for (int c = 1; c < 0x80; ++c) alphabet += static_cast<char>(c);
  std::uint32_t seed = 29;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int i = 0; i < 100000; ++i) {
    std::string s;
    const auto len = next() % 24;
    for (std::uint32_t k = 0; k < len; ++k) s += alphabet[(next() >> 8) % alphabet.size()];
    cases.push_back(s);
  }
  for (const auto& s : cases) {
    INFO('"' << s << '"');
    const auto fast = ascii_sentence_breaks(s);
    REQUIRE(fast);
    REQUIRE(*fast == icu_sentence_breaks(s));
  }
  CHECK_FALSE(ascii_sentence_breaks("caf\xC3\xA9. Oui"));  // not ASCII: ICU's job
}
