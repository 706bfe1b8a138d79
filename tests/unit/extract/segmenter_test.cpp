// Tests of sentence and word segmentation.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <set>

#include "extract/segmenter.hpp"
#include "extract/text.hpp"
#include "kept.hpp"

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
  const auto s = segmenter().tokenize(text);
  for (const auto& t : s.tokens) out.emplace_back(t.text);
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
  const auto words = segmenter().tokenize("PERU’S Ángel");
  const auto& t = words.tokens;
  REQUIRE(t.size() == 3);
  CHECK(t[0].upper);
  CHECK(t[1].norm == "'s");
  CHECK(t[1].space_before == false);
  CHECK(t[2].cap);
  CHECK(t[2].norm == "ángel");
  CHECK(t[2].begin == 9);  // byte offsets
}

TEST_CASE("tokens view bytes their sentence owns: they outlive the article's text and survive copies and moves", "[extract]") {
  auto text = std::make_unique<std::string>(
      "Peru's President met Xi Jinping in Lima on Monday. \u201CWe\u2019re ready,\u201D said the envoy of "
      "S\u00E3o Tom\u00E9. Caf\u00E9 owners and the U.N. agreed.");
  auto sents = segmenter().segment(*text, {{0, static_cast<std::uint32_t>(text->size())}});
  REQUIRE(sents.size() == 3);
  std::vector<std::pair<std::string, std::string>> expected;
  std::size_t shared = 0;
  for (const auto& s : sents) {
    for (const auto& t : s.tokens) {
      expected.emplace_back(std::string(t.text), std::string(t.norm));
      // A norm that equals its text is the text's own bytes (the sentence
      // index tells such tokens by pointer); one that differs is not.
      CHECK((t.norm == t.text) == (t.norm.data() == t.text.data()));
      if (t.norm.data() == t.text.data()) ++shared;
    }
  }
  CHECK(shared > expected.size() / 2);  // most words are lower case
  CHECK(expected[0] == std::pair<std::string, std::string>{"Peru", "peru"});
  text.reset();                                   // the article's text is gone
  std::vector<Sentence> copy = sents;             // copies share the bytes
  sents.clear();                                  // the originals are gone too
  std::vector<Sentence> moved;
  for (auto& s : copy) moved.push_back(std::move(s));  // reallocates as it grows
  copy.clear();
  std::size_t k = 0;
  for (const auto& s : moved) {
    for (const auto& t : s.tokens) {
      REQUIRE(k < expected.size());
      CHECK(t.text == expected[k].first);
      CHECK(t.norm == expected[k].second);
      ++k;
    }
  }
  CHECK(k == expected.size());
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
  // Longer text, mostly letters and digits, so that runs of them pass the
  // scanner's 16-byte steps and end at every place in one, next to each
  // character the rules name (and the bytes next to the ranges' ends).
  const std::string runs = "abcxyzABCXYZ0129@`[{/:";
  const std::string others = " .',;_-@:\r\n\"?\x7F";
  for (int i = 0; i < 30000; ++i) {
    std::string s;
    const auto len = 14 + next() % 40;
    for (std::uint32_t k = 0; k < len; ++k) {
      s += next() % 9 ? runs[(next() >> 8) % runs.size()] : others[(next() >> 8) % others.size()];
    }
    cases.push_back(s);
  }
  // A run of letters and digits that ends at one space is taken by the run
  // step itself: runs of every length up to 40 (so that the space falls at
  // each place in and either side of a 16-byte step), the space last or
  // followed by a space, a letter, a digit or a character the rules name.
  const std::string after = "  aZ0.',:;_@\r\n\"-";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const auto words = 1 + next() % 4;
    for (std::uint32_t w = 0; w < words; ++w) {
      if (next() % 4 == 0) s += others[(next() >> 8) % others.size()];
      const auto len = next() % 41;
      for (std::uint32_t k = 0; k < len; ++k) s += runs[(next() >> 8) % runs.size()];
      if (next() % 8 != 0) s += ' ';
      if (next() % 3 == 0) s += after[(next() >> 8) % after.size()];
    }
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

TEST_CASE("word and sentence boundaries of ASCII with '£' and other symbols are ICU's, without ICU", "[extract]") {
  // The symbols the fast scanners read, next to each rule's characters;
  // the other Latin-1 characters and a lone byte of a symbol are ICU's job.
  const std::vector<std::string> symbols = {"\u00A3", "\u00A2", "\u00A5", "\u00A9", "\u00AE", "\u00B0"};
  std::vector<std::string> alphabet = {"a", "Z", "b", "A", "0", "9", " ", " ", ".", "'", ",", ";", "_", "@", "?",
                                       "!", "\"", "(", ")", "-", ":", "\t", "\r", "\n", "\v", "%", "$"};
  for (int k = 0; k < 4; ++k) alphabet.insert(alphabet.end(), symbols.begin(), symbols.end());
  std::uint32_t seed = 163;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  std::size_t with_symbols = 0;
  for (int i = 0; i < 60000; ++i) {
    std::string s;
    const auto len = next() % 20;
    for (std::uint32_t k = 0; k < len; ++k) s += alphabet[(next() >> 8) % alphabet.size()];
    INFO('"' << s << '"');
    const auto words = ascii_word_breaks(s);
    const auto sentences = ascii_sentence_breaks(s);
    REQUIRE(words);
    REQUIRE(sentences);
    REQUIRE(*words == icu_word_breaks(s));
    REQUIRE(*sentences == icu_sentence_breaks(s));
    with_symbols += s.find('\xC2') != std::string::npos;
  }
  CHECK(with_symbols > 30000);
  CHECK(ascii_word_breaks("\u00A3" "5 \u00B0C"));
  for (const std::string s : {"\u00A0", "\u00B7", "\u00AD", "\u00AA", "\u00E9", "\xC2", "\xA3", "a\xC2", "\xA3\xC2",
                              "\xC3\xA3", "\u20AC", "x\u00A3\u00A1"}) {
    INFO(s);
    CHECK_FALSE(ascii_word_breaks(s));
    CHECK_FALSE(ascii_sentence_breaks(s));
  }
}

namespace {

// The abbreviations file as the reference versions below read it.
const std::set<std::string, std::less<>>& reference_abbreviations() {
  static const std::set<std::string, std::less<>> abbr = [] {
    std::set<std::string, std::less<>> out;
    std::ifstream in(NEWSGRAPH_SOURCE_DATA_DIR "/extract/lexicon/abbreviations.txt");
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line[0] != '#') out.insert(fold(line));
    }
    return out;
  }();
  return abbr;
}

std::vector<Token> reference_tokenize(const std::string& s);

// Segmenter::segment as it was first written: tokens of the whole block
// first (by reference_tokenize below, ICU's word breaks: the segmenter
// makes ASCII blocks' tokens its own way), then moved into sentences, cut at 200. The segmenter now finds
// the sentences on the words and makes each token once, in its sentence.
std::vector<Sentence> reference_segment(const std::string& text, const std::vector<Block>& blocks) {
  const auto& abbr = reference_abbreviations();
  auto abbreviation = [&](const Token& t) {
    if (t.text.size() < 2 || t.text.back() != '.') return false;
    const std::string_view w(t.text.data(), t.text.size() - 1);
    if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;
    return abbr.count(fold(w)) > 0;
  };
  std::vector<Sentence> out;
  for (const auto& block : blocks) {
    std::string work = text.substr(block.begin, block.end - block.begin);
    for (auto& c : work) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    const auto sb = icu_sentence_breaks(work);
    const auto tokens = reference_tokenize(work);
    std::size_t k = 0;
    Sentence cur;
    bool open = false;
    int unclosed = 0, straight = 0;
    for (std::size_t i = 0; i + 1 < sb.size(); ++i) {
      const auto end = static_cast<std::uint32_t>(sb[i + 1]);
      if (!open) {
        cur = Sentence{};
        cur.begin = static_cast<std::uint32_t>(sb[i]);
        open = true;
        unclosed = straight = 0;
      }
      auto last = k;
      while (last < tokens.size() && tokens[last].begin < end) {
        const auto& w = tokens[last].text;
        if (w.size() == 1) straight += w[0] == '"';
        else if (w.size() == 3) unclosed += w == "\u201C" ? 1 : w == "\u201D" ? -1 : 0;
        ++last;
      }
      cur.tokens.insert(cur.tokens.end(), tokens.begin() + static_cast<std::ptrdiff_t>(k),
                        tokens.begin() + static_cast<std::ptrdiff_t>(last));
      k = last;
      cur.end = end;
      if (!cur.tokens.empty() && abbreviation(cur.tokens.back()) && i + 2 < sb.size()) continue;
      if (i + 2 < sb.size() && cur.tokens.size() < 150 && (unclosed > 0 || straight % 2 == 1)) continue;
      open = false;
      if (cur.tokens.empty()) continue;
      while (cur.end > cur.begin && (work[cur.end - 1] == ' ' || work[cur.end - 1] == '\t')) --cur.end;
      cur.begin += block.begin;
      cur.end += block.begin;
      for (auto& t : cur.tokens) {
        t.begin += block.begin;
        t.end += block.begin;
      }
      while (cur.tokens.size() > 200) {
        Sentence head;
        head.tokens.assign(cur.tokens.begin(), cur.tokens.begin() + 200);
        head.begin = cur.begin;
        head.end = head.tokens.back().end;
        cur.tokens.erase(cur.tokens.begin(), cur.tokens.begin() + 200);
        cur.begin = cur.tokens.front().begin;
        out.push_back(std::move(head));
      }
      out.push_back(std::move(cur));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("segment gives the sentences and tokens of the first, token-moving version", "[extract]") {
  // Generated articles from words that exercise every branch: full stops,
  // abbreviations and initials (no sentence end), straight and curly
  // quotes, line breaks, possessives, non-ASCII words (ICU), and runs
  // without full stops longer than 200 tokens.
  const std::vector<std::string> pieces = {
      "Xi", "met", "Boluarte", "in", "Lima", ".", ". ", "! ", "? ", "Dr.", "U.S.", "Marco", "V.", "Nov.", "8",
      "\"", "\u201C", "\u201D", ",", "\n", "\r\n", "Peru's", "Peru\u2019s", "PERU'S", "Ángel", "caf\u00E9",
      "2024-06-29", "e.g.", "(a)", "  ", "\t", "--", "jr.", "the", "\u00A3", "\u00A3" "5m", "\u00B0",
      // For the ASCII tokens made as the words come: abbreviations and
      // initials before a sentence break, quotation marks around full
      // stops, numbers with full stops and commas, possessives and
      // apostrophes at a sentence's end, and words either side of 16 bytes.
      "Mr.", "Gen.", "A.", "a.m.", "\"Yes.\"", "'No.'", "3.5.", "1,000.", "1,000,000", "3.5%", "don't",
      "rock'n'roll", "it's.", "PERU'S.", "U.N.'s", "e-mail", "(U.S.)", "x@y.z", "a_b", "'", "-", "...", "?!",
      "Abcdefghijklmnop", "ABCDEFGHIJKLMNOP", "abcdefghijklmnoP", "ABCDEFGHIJKLMNOPQ", "abcdefghijklmnopQ",
      "Abcdefghijklmno.", "0123456789abcdefG", "ABCDEFGHIJKLMNO's"};
  std::uint32_t seed = 77;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  int long_sentences = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    std::vector<Block> blocks;
    const auto nblocks = 1 + next() % 3;
    for (std::uint32_t b = 0; b < nblocks; ++b) {
      const auto begin = static_cast<std::uint32_t>(text.size());
      const auto words = round % 50 == 0 ? 450 : next() % 60;
      for (std::uint32_t w = 0; w < words; ++w) {
        // Long blocks of words and spaces only, so that some sentences pass 200 tokens.
        const auto& p = round % 50 == 0 && w % 7 ? pieces[next() % 5] : pieces[(next() >> 8) % pieces.size()];
        text += p;
        if (next() % 3) text += ' ';
      }
      blocks.push_back({begin, static_cast<std::uint32_t>(text.size())});
      text += "\n\n";
    }
    INFO("round " << round << ": " << text);
    const auto got = segmenter().segment(text, blocks);
    const auto want = reference_segment(text, blocks);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      REQUIRE(got[i].begin == want[i].begin);
      REQUIRE(got[i].end == want[i].end);
      REQUIRE(got[i].tokens.size() == want[i].tokens.size());
      long_sentences += got[i].tokens.size() == 200;
      for (std::size_t k = 0; k < got[i].tokens.size(); ++k) {
        const auto& a = got[i].tokens[k];
        const auto& b = want[i].tokens[k];
        REQUIRE(a.dump() == b.dump());
        REQUIRE(a.norm == b.norm);
        REQUIRE((a.begin == b.begin && a.end == b.end && a.space_before == b.space_before && a.cap == b.cap &&
                 a.upper == b.upper && a.alpha == b.alpha && a.digit == b.digit));
        // (The ASCII tokens' flags are written as one word, over function too.)
        REQUIRE((a.function == b.function && a.lex == b.lex));
      }
    }
  }
  CHECK(long_sentences > 10);  // the cut at 200 tokens was reached
}

namespace {

// Segmenter::tokenize as it was first written: ICU's word breaks, the words
// in a list of their own, then a second pass that joins full stops, and the
// features from fold() and a count per byte. The segmenter now joins as the
// words come, in the one list.
std::vector<Token> reference_tokenize(const std::string& s) {
  const auto& abbr = reference_abbreviations();
  struct Piece {
    std::uint32_t begin, end;
    bool space_before;
  };
  std::vector<Piece> raw;
  const auto b = icu_word_breaks(s);
  std::uint32_t last_end = 0;
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    const auto from = static_cast<std::uint32_t>(b[i]), to = static_cast<std::uint32_t>(b[i + 1]);
    const auto piece = std::string_view(s).substr(from, to - from);
    if (piece.find_first_not_of(" \t\n\r") == std::string_view::npos) continue;
    Piece t{from, to, raw.empty() || from != last_end};
    last_end = to;
    if (piece.back() == 's' || piece.back() == 'S') {
      std::uint32_t pos = 0;
      if (piece.size() > 2 && piece[piece.size() - 2] == '\'') pos = 2;
      else if (piece.size() > 4 && piece.substr(piece.size() - 4, 3) == "\u2019") pos = 4;
      if (pos > 0) {
        raw.push_back({from, to - pos, t.space_before});
        t = {to - pos, to, false};
      }
    }
    raw.push_back(t);
  }
  auto text = [&](const Piece& p) { return s.substr(p.begin, p.end - p.begin); };
  std::vector<Token> out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Piece p = raw[i];
    if (i + 1 < raw.size() && !raw[i + 1].space_before && text(raw[i + 1]) == ".") {
      const auto w = text(p);
      if ((w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') || (w.find('.') != std::string::npos && w.size() <= 6) ||
          abbr.count(fold(w)) > 0) {
        p.end = raw[++i].end;
      }
    }
    Token& t = out.emplace_back();
    t.begin = p.begin;
    t.end = p.end;
    t.space_before = p.space_before;
    t.text = testing::kept(text(p));
    t.norm = testing::kept(fold(t.text));
    const auto c = static_cast<unsigned char>(t.text[0]);
    t.digit = c >= '0' && c <= '9';
    t.alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
    t.cap = c >= 0x80 ? t.alpha && starts_upper(t.text) : c >= 'A' && c <= 'Z';
    std::size_t letters = 0, uppers = 0;
    for (const char ch : t.text) {
      letters += (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
      uppers += ch >= 'A' && ch <= 'Z';
    }
    t.upper = letters >= 2 && letters == uppers;
  }
  return out;
}

}  // namespace

TEST_CASE("tokenize gives the tokens of the first, two-pass version", "[extract]") {
  // Words of many lengths, all the bytes next to 'A'-'Z' and 'a'-'z'
  // ('@', '[', '`', '{'), runs of full stops,
  // abbreviations in any case, possessives and non-ASCII text (ICU).
  const std::vector<std::string> words = {
      "A", "a", "Z", "z", "@", "[", "`", "{", "AB", "Ab", "NATO", "iPhone", "ABCDEFGH", "ABCDEFGHI", "abcdefgh",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz0123456789", "Mc@Z[a`z{", "X1", "1X", ".", "..",
      "Dr", "DR", "dR", "Nov", "U.S", "e.g", "Gen", "jr", "Peru's", "PERU'S", "Peru\u2019s", "caf\u00E9",
      "\u00C1ngel", "\u201C", "_", "3.5", "a'b", ",", "-", "\n", "\t", "\u00A3", "\u00A9",
      // Capitals on both sides of an 8-byte boundary, or only past it (the
      // ASCII path classifies eight bytes at a time).
      "abcdefgHIjklmnop", "abcdefghijklmnoP", "1234567X", "12345678X", "ABCDEFGHIJKLMNOPQ", "ABCDEFGHIJKLMNOPq",
      "aBCDEFGHIJKLMNOPQ", "x1234567Y1234567Z",
      // And either side of 16 bytes (one 16-byte load a word up to 16;
      // the word scan passes letters and digits sixteen at a time).
      "abcdefghijklmnO", "abcdefghijklmnoP", "Abcdefghijklmnop", "ABCDEFGHIJKLMNOP", "abcdefghijklmnopQ",
      "ABCDEFGHIJKLMNOPQR", "abcdefghijklmnopqrstuvwxyzABCDEF", "AbcdefghijklmnopqrstuvwxyzabcdefG",
      "0123456789012345", "01234567890123456", "a1b2c3d4e5f6g7h8i9", "ABCDEFGHIJKLMNO's", "ABCDEFGHIJKLMNOP's",
      "@abcdefghijklmno", "abcdefghijklmn@Z", "abc[def`ghi{jkl",
      // Numbers, quotes, hyphens and apostrophes, and abbreviations in any case.
      "1,000", "1;2", "3.5.", "2.5%", "10:30", "'", "\"", "-", "--", "don't", "rock'n'roll", "Mr", "MR", "mr",
      "Corp", "Jan", "e.g.", "a.b.c", "U.S.A"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  std::size_t tokens = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    // Mostly ASCII-only texts (the fast path), one in eight with all non-ASCII words allowed.
    const bool any = round % 8 == 0;
    const auto n = next() % 40;
    for (std::uint32_t i = 0; i < n; ++i) {
      std::string w = words[(next() >> 8) % words.size()];
      // (The symbols '£' and '©' are read by the fast path too.)
      while (!any && ((static_cast<unsigned char>(w[0]) >= 0x80 && w[0] != '\xC2') ||
                      w.find("\u2019") != std::string::npos)) {
        w = words[(next() >> 8) % words.size()];
      }
      text += w;
      const auto sep = next() % 4;
      if (sep == 1) text += ' ';
      else if (sep == 2) text += '.';
    }
    INFO("round " << round << ": " << text);
    const auto got_sentence = segmenter().tokenize(text);
    const auto& got = got_sentence.tokens;
    const auto want = reference_tokenize(text);
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      const auto& a = got[k];
      const auto& b = want[k];
      INFO("token " << k << ": " << b.text);
      REQUIRE(a.text == b.text);
      REQUIRE(a.norm == b.norm);
      REQUIRE((a.begin == b.begin && a.end == b.end && a.space_before == b.space_before && a.cap == b.cap &&
               a.upper == b.upper && a.alpha == b.alpha && a.digit == b.digit));
      REQUIRE((a.function == b.function && a.lex == b.lex));
    }
    tokens += got.size();
  }
  CHECK(tokens > 20000);
}
