// ICU-based sentence and word segmentation. Part of newsgraph::extract.
#include "extract/segmenter.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <fstream>
#include <memory>

#include "extract/text.hpp"

namespace newsgraph::extract {
namespace {

struct Iterators {
  std::unique_ptr<icu::BreakIterator> sentence;
  std::unique_ptr<icu::BreakIterator> word;
};

// ICU iterators are not thread-safe; each thread makes its own once.
Iterators& iterators() {
  thread_local Iterators it = [] {
    UErrorCode st = U_ZERO_ERROR;
    Iterators i;
    i.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), st));
    st = U_ZERO_ERROR;
    i.word.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), st));
    return i;
  }();
  return it;
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// Break positions (byte offsets into `s`) of `bi` over `s`, including 0 and size.
std::vector<std::int32_t> breaks(icu::BreakIterator& bi, std::string_view s) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &st));
  std::vector<std::int32_t> out;
  if (U_FAILURE(st)) return out;
  bi.setText(ut.get(), st);
  if (U_FAILURE(st)) return out;
  for (auto p = bi.first(); p != icu::BreakIterator::DONE; p = bi.next()) out.push_back(p);
  return out;
}

bool is_space_only(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      // U+00A0 and other spaces: treat any non-ASCII single space-like char as text
      return false;
    }
  }
  return true;
}

void set_features(Token& t) {
  t.norm = fold(t.text);
  const auto c = static_cast<unsigned char>(t.text[0]);
  t.digit = c >= '0' && c <= '9';
  t.alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
  if (t.alpha && c >= 0x80) {
    // Non-ASCII first letter: ICU decides case.
    t.cap = starts_upper(t.text);
  } else {
    t.cap = c >= 'A' && c <= 'Z';
  }
  std::size_t letters = 0, uppers = 0;
  for (char ch : t.text) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) ++letters;
    if (u >= 'A' && u <= 'Z') ++uppers;
  }
  t.upper = letters >= 2 && letters == uppers;
}

// Word tokens of s (offsets relative to s), with "'s" split off and
// initials and abbreviations joined with their full stop.
std::vector<Token> words_of(std::string_view s, const std::set<std::string, std::less<>>& abbr) {
  auto& it = iterators();
  std::vector<Token> raw;
  if (!it.word) return raw;
  const auto b = breaks(*it.word, s);
  raw.reserve(b.size());
  std::uint32_t last_end = 0;
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    const auto from = static_cast<std::uint32_t>(b[i]);
    const auto to = static_cast<std::uint32_t>(b[i + 1]);
    const auto piece = s.substr(from, to - from);
    if (is_space_only(piece)) continue;
    Token t;
    t.begin = from;
    t.end = to;
    t.space_before = raw.empty() ? true : from != last_end;
    last_end = to;
    // Possessive: "Peru's" / "Peru’s" -> "Peru" + "'s".
    for (std::string_view pos : {std::string_view("'s"), std::string_view("\u2019s"),
                                 std::string_view("'S"), std::string_view("\u2019S")}) {
      if (piece.size() > pos.size() && piece.substr(piece.size() - pos.size()) == pos) {
        Token base = t;
        base.end = to - static_cast<std::uint32_t>(pos.size());
        base.text = std::string(piece.substr(0, piece.size() - pos.size()));
        raw.push_back(base);
        t.begin = base.end;
        t.space_before = false;
        break;
      }
    }
    t.text = std::string(s.substr(t.begin, t.end - t.begin));
    raw.push_back(std::move(t));
  }
  // Join "V" + "." (an initial) and "Dr" + "." / "U.S" + "." (abbreviations).
  std::vector<Token> out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    Token t = std::move(raw[i]);
    if (i + 1 < raw.size() && raw[i + 1].text == "." && !raw[i + 1].space_before) {
      const auto& w = t.text;
      const bool initial = w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z';
      const bool dotted = w.find('.') != std::string::npos && w.size() <= 6;
      if (initial || dotted || abbr.count(fold(w))) {
        t.text += ".";
        t.end = raw[i + 1].end;
        ++i;
      }
    }
    set_features(t);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Result<Segmenter> Segmenter::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(Code::IoError, "cannot open abbreviation list", SourcePos{path, 0, 0});
  std::set<std::string, std::less<>> abbr;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    abbr.insert(fold(line));
  }
  return Segmenter(std::move(abbr));
}

bool Segmenter::abbreviation(const Token& t) const {
  if (t.text.size() < 2 || t.text.back() != '.') return false;
  const std::string_view w(t.text.data(), t.text.size() - 1);
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // an initial
  return abbreviations_.count(fold(w)) > 0;
}

std::vector<Token> Segmenter::tokenize(const std::string& text) const {
  return words_of(text, abbreviations_);
}

std::vector<Sentence> Segmenter::segment(const std::string& text,
                                         const std::vector<Block>& blocks) const {
  std::vector<Sentence> out;
  auto& it = iterators();
  if (!it.sentence) return out;
  for (const auto& block : blocks) {
    // Line breaks inside a block are wrapping, not sentence ends (UAX #29
    // breaks at every '\n'), so ICU sees them as spaces; offsets are unchanged.
    std::string work = text.substr(block.begin, block.end - block.begin);
    for (auto& c : work) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    const auto sb = breaks(*it.sentence, work);
    auto tokens = words_of(work, abbreviations_);
    std::size_t k = 0;
    Sentence cur;
    bool open = false;
    for (std::size_t i = 0; i + 1 < sb.size(); ++i) {
      const auto end = static_cast<std::uint32_t>(sb[i + 1]);
      if (!open) {
        cur = Sentence{};
        cur.begin = static_cast<std::uint32_t>(sb[i]);
        open = true;
      }
      auto last = k;
      while (last < tokens.size() && tokens[last].begin < end) ++last;
      cur.tokens.insert(cur.tokens.end(), std::make_move_iterator(tokens.begin() + static_cast<std::ptrdiff_t>(k)),
                        std::make_move_iterator(tokens.begin() + static_cast<std::ptrdiff_t>(last)));
      k = last;
      cur.end = end;
      // Do not end the sentence after an abbreviation or initial, unless this is the block's end.
      if (!cur.tokens.empty() && abbreviation(cur.tokens.back()) && i + 2 < sb.size()) continue;
      // Nor inside a quotation: "“India is not a distant friend. It is a
      // neighbour,” Ruto said." stays one sentence (an unclosed curly quote,
      // or an odd number of straight ones; never past 150 tokens).
      if (i + 2 < sb.size() && cur.tokens.size() < 150) {
        int unclosed = 0, straight = 0;
        for (const auto& t : cur.tokens) {
          unclosed += t.text == "\u201C" ? 1 : t.text == "\u201D" ? -1 : 0;
          straight += t.text == "\"";
        }
        if (unclosed > 0 || straight % 2 == 1) continue;
      }
      open = false;
      if (cur.tokens.empty()) continue;
      // Offsets into the article: trim trailing spaces, shift by block begin.
      while (cur.end > cur.begin && (work[cur.end - 1] == ' ' || work[cur.end - 1] == '\t')) --cur.end;
      cur.begin += block.begin;
      cur.end += block.begin;
      for (auto& t : cur.tokens) {
        t.begin += block.begin;
        t.end += block.begin;
      }
      // A "sentence" of hundreds of tokens is a table or junk without full
      // stops; it is cut into pieces so that matching stays linear.
      constexpr std::size_t kMaxTokens = 200;
      while (cur.tokens.size() > kMaxTokens) {
        Sentence head;
        head.tokens.assign(cur.tokens.begin(), cur.tokens.begin() + kMaxTokens);
        head.begin = cur.begin;
        head.end = head.tokens.back().end;
        cur.tokens.erase(cur.tokens.begin(), cur.tokens.begin() + kMaxTokens);
        cur.begin = cur.tokens.front().begin;
        out.push_back(std::move(head));
      }
      out.push_back(std::move(cur));
    }
  }
  return out;
}

}  // namespace newsgraph::extract
