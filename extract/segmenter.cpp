// ICU-based sentence and word segmentation. Part of newsgraph::extract.
#include "extract/segmenter.hpp"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <memory>
#include <type_traits>

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

// Word_Break classes of ASCII characters (UAX #29, as ICU's root rules use them).
// Lead and Trail are the two bytes of a symbol of symbol_trail (below):
// one character of class Other, so the rules join only its two bytes.
enum class Wb : std::uint8_t {
  Other, CR, LF, Newline, Space, Letter, Numeric, MidNumLet, MidNum, ExtendNumLet, Lead, Trail, kCount
};

// The second bytes of the two-byte symbols U+00A2 '¢', U+00A3 '£', U+00A5
// '¥', U+00A9 '©', U+00AE '®' and U+00B0 '°', which the fast scanners read as
// well as ASCII: '£' is the only non-ASCII character of nearly every
// non-ASCII block of the corpus (BBC money figures), and these are Other
// for both the word and the sentence rules (UAX #29), like most ASCII
// punctuation. The tests compare with ICU on text made with them.
constexpr bool symbol_trail(unsigned char c) {
  return c == 0xA2 || c == 0xA3 || c == 0xA5 || c == 0xA9 || c == 0xAE || c == 0xB0;
}
constexpr unsigned char kSymbolLead = 0xC2;

constexpr Wb wb_class(unsigned char c) {
  // ICU's rules count '@' as a letter ("a.b@c.d" is one word).
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return Wb::Letter;
  if (c >= '0' && c <= '9') return Wb::Numeric;
  if (c == kSymbolLead) return Wb::Lead;
  if (symbol_trail(c)) return Wb::Trail;
  switch (c) {
    case '\r': return Wb::CR;
    case '\n': return Wb::LF;
    case '\v': case '\f': return Wb::Newline;
    case ' ': return Wb::Space;
    case '.': case '\'': return Wb::MidNumLet;  // '\'' is Single_Quote, which acts the same here
    // ':' is MidLetter in UAX #29, but CLDR's root rules (ICU's) leave it out.
    case ',': case ';': return Wb::MidNum;
    case '_': return Wb::ExtendNumLet;
    default: return Wb::Other;
  }
}

// What the rules say between two characters of classes a and b: break, join,
// or join if the character before a (WB7, WB11) or after b (WB6, WB12) is a
// letter or a digit. No pair needs more than one of these looks.
enum class WbJoin : std::uint8_t { Break, Join, IfAfterLetter, IfBeforeLetter, IfBeforeNumeric, IfAfterNumeric };

constexpr WbJoin wb_join(Wb a, Wb b) {
  const bool num_mid_b = b == Wb::MidNum || b == Wb::MidNumLet;
  const bool num_mid_a = a == Wb::MidNum || a == Wb::MidNumLet;
  if (a == Wb::CR && b == Wb::LF) return WbJoin::Join;                                       // WB3
  if (a == Wb::Lead && b == Wb::Trail) return WbJoin::Join;  // one character
  if (a == Wb::CR || a == Wb::LF || a == Wb::Newline) return WbJoin::Break;                  // WB3a
  if (b == Wb::CR || b == Wb::LF || b == Wb::Newline) return WbJoin::Break;                  // WB3b
  if (a == Wb::Space && b == Wb::Space) return WbJoin::Join;                                 // WB3d
  if (a == Wb::Letter && b == Wb::Letter) return WbJoin::Join;                               // WB5
  if (a == Wb::Letter && b == Wb::MidNumLet) return WbJoin::IfAfterLetter;                   // WB6
  if (a == Wb::MidNumLet && b == Wb::Letter) return WbJoin::IfBeforeLetter;                  // WB7
  if (a == Wb::Numeric && b == Wb::Numeric) return WbJoin::Join;                             // WB8
  if ((a == Wb::Letter && b == Wb::Numeric) || (a == Wb::Numeric && b == Wb::Letter)) return WbJoin::Join;  // WB9, WB10
  if (num_mid_a && b == Wb::Numeric) return WbJoin::IfBeforeNumeric;                         // WB11
  if (a == Wb::Numeric && num_mid_b) return WbJoin::IfAfterNumeric;                          // WB12
  if ((a == Wb::Letter || a == Wb::Numeric || a == Wb::ExtendNumLet) && b == Wb::ExtendNumLet) return WbJoin::Join;  // WB13a
  if (a == Wb::ExtendNumLet && (b == Wb::Letter || b == Wb::Numeric)) return WbJoin::Join;   // WB13b
  return WbJoin::Break;
}

// The two as tables, so that the loop over the text does two loads a byte.
constexpr auto kWbClass = [] {
  std::array<Wb, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = wb_class(static_cast<unsigned char>(c));
  return t;
}();
constexpr std::size_t kWbCount = static_cast<std::size_t>(Wb::kCount);
constexpr auto kWbJoin = [] {
  std::array<std::array<WbJoin, kWbCount>, kWbCount> t{};
  for (std::size_t a = 0; a < kWbCount; ++a) {
    for (std::size_t b = 0; b < kWbCount; ++b) t[a][b] = wb_join(static_cast<Wb>(a), static_cast<Wb>(b));
  }
  return t;
}();

Wb wb_at(std::string_view s, std::size_t i) {
  return i < s.size() ? kWbClass[static_cast<unsigned char>(s[i])] : Wb::Other;
}

// Whether the fast scanners can read `s`: ASCII, and the two-byte symbols
// of symbol_trail ('£'). Then every byte from 0x80 up is one of a symbol.
bool ascii_like(std::string_view s) {
  const auto n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // Sixteen or eight bytes at a time: most text is long and all ASCII.
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
      if (_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i))) != 0) break;
    }
#endif
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
    }
    for (; i < n && static_cast<unsigned char>(s[i]) < 0x80; ++i) {
    }
    if (i == n) break;
    if (static_cast<unsigned char>(s[i]) != kSymbolLead || i + 1 == n ||
        !symbol_trail(static_cast<unsigned char>(s[i + 1]))) {
      return false;
    }
    i += 2;
  }
  return true;
}

#if defined(__SSE2__)
// Bit k set when byte k of the 16 at p is a letter or a digit of the
// word rules ('A'-'Z', 'a'-'z', '@', '0'-'9'). A byte in a range is one
// signed compare after an add that moves the range to the bottom (the
// adds wrap in each byte, so bytes from 0x80 up are none of these).
inline unsigned letters_and_digits(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));  // 'A'-'Z' to 'a'-'z', and '@' to '`'
  const __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(folded, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                                        _mm_set1_epi8(static_cast<char>(-128 + 26)));
  const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                       _mm_set1_epi8(static_cast<char>(-128 + 10)));
  const __m128i at = _mm_cmpeq_epi8(v, _mm_set1_epi8('@'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), at)));
}
#endif

// Calls on_break(i) for each word boundary 0 < i < size of `s`, known to
// be ascii_like, in order; for a lone space between words, at i, it calls
// on_space(i) instead of on_break(i) and on_break(i + 1).
template <class OnBreak, class OnSpace>
void scan_ascii_word_breaks(std::string_view s, OnBreak&& on_break, OnSpace&& on_space) {
  const auto n = s.size();
  Wb before = Wb::Other, a = wb_at(s, 0);
  for (std::size_t i = 1; i < n; ++i) {
    if (a == Wb::Letter || a == Wb::Numeric) {
      // A run of letters and digits has no break inside (WB5, WB8, WB9,
      // WB10): most of the text is such runs, passed sixteen bytes at a
      // time. The rules after it look at its last character only (`before`
      // matters after a MidNum or MidNumLet).
      std::size_t j = i;
      bool ended = false;
#if defined(__SSE2__)
      for (; j + 16 <= n; j += 16) {
        const auto m = letters_and_digits(s.data() + j);
        if (m != 0xFFFF) {
          // ~m is never 0 (m has 16 bits): no test for it, as countr_one makes.
          j += static_cast<std::size_t>(__builtin_ctz(~m));
          ended = true;
          break;
        }
      }
#endif
      // The last bytes, fewer than 16, one at a time.
      while (!ended && j < n && (kWbClass[static_cast<unsigned char>(s[j])] == Wb::Letter ||
                                 kWbClass[static_cast<unsigned char>(s[j])] == Wb::Numeric)) {
        ++j;
      }
      if (j + 1 < n && s[j] == ' ' && s[j + 1] != ' ') {
        // The run ends at one space (the commonest boundary, see below),
        // taken here: its last character's class is not needed.
        on_space(j);
        before = Wb::Space;
        a = kWbClass[static_cast<unsigned char>(s[j + 1])];
        i = j + 1;
        continue;
      }
      if (j > i) {
        a = kWbClass[static_cast<unsigned char>(s[j - 1])];
        before = a;
        i = j;
        if (i == n) break;
      }
    } else if (a == Wb::Space) {
      // A run of spaces has no break inside (WB3d).
      std::size_t j = i;
      while (j < n && s[j] == ' ') ++j;
      if (j > i) {
        before = a;
        i = j;
        if (i == n) break;
      }
    }
    if (s[i] == ' ' && a != Wb::Space && i + 1 < n && s[i + 1] != ' ') {
      // The commonest boundary, one space between words: a break on each
      // side of it, as only spaces join spaces (WB3d) and no rule joins
      // anything else with a space. Then on after the space.
      on_space(i);
      before = Wb::Space;
      a = kWbClass[static_cast<unsigned char>(s[i + 1])];
      ++i;
      continue;
    }
    const Wb b = kWbClass[static_cast<unsigned char>(s[i])];
    bool join = false;
    switch (kWbJoin[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)]) {
      case WbJoin::Break: break;
      case WbJoin::Join: join = true; break;
      case WbJoin::IfAfterLetter: join = wb_at(s, i + 1) == Wb::Letter; break;
      case WbJoin::IfBeforeLetter: join = before == Wb::Letter; break;
      case WbJoin::IfBeforeNumeric: join = before == Wb::Numeric; break;
      case WbJoin::IfAfterNumeric: join = wb_at(s, i + 1) == Wb::Numeric; break;
    }
    if (!join) on_break(i);
    before = a;
    a = b;
  }
}

// ascii_word_breaks for text known to be ascii_like.
std::vector<std::int32_t> word_breaks_of_ascii(std::string_view s) {
  std::vector<std::int32_t> out;
  out.reserve(s.size() / 3 + 2);
  out.push_back(0);
  scan_ascii_word_breaks(
      s, [&](std::size_t i) { out.push_back(static_cast<std::int32_t>(i)); },
      [&](std::size_t i) {
        out.push_back(static_cast<std::int32_t>(i));
        out.push_back(static_cast<std::int32_t>(i + 1));
      });
  if (!s.empty()) out.push_back(static_cast<std::int32_t>(s.size()));
  return out;
}

// Sentence_Break classes of ASCII characters (UAX #29; ICU 72's data: ';' is
// not SContinue, '\t', '\v' and '\f' are Sp). ASCII has no OLetter, Sep,
// Extend or Format. Both bytes of a symbol ('£') are Other: two Others
// break where one does, as Other is in no rule but the skip of SB8.
enum class Sb : std::uint8_t { Other, CR, LF, Sp, Lower, Upper, Numeric, ATerm, STerm, Close, SContinue };

constexpr Sb sb_class(unsigned char c) {
  if (c >= 'a' && c <= 'z') return Sb::Lower;
  if (c >= 'A' && c <= 'Z') return Sb::Upper;
  if (c >= '0' && c <= '9') return Sb::Numeric;
  switch (c) {
    case '\r': return Sb::CR;
    case '\n': return Sb::LF;
    case ' ': case '\t': case '\v': case '\f': return Sb::Sp;
    case '.': return Sb::ATerm;
    case '!': case '?': return Sb::STerm;
    case '"': case '\'': case '(': case ')': case '[': case ']': case '{': case '}': return Sb::Close;
    case ',': case '-': case ':': return Sb::SContinue;
    default: return Sb::Other;
  }
}

constexpr auto kSbClass = [] {
  std::array<Sb, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = sb_class(static_cast<unsigned char>(c));
  return t;
}();

Sb sb_at(std::string_view s, std::size_t i) { return kSbClass[static_cast<unsigned char>(s[i])]; }

// The characters after which a break can be, outside "SATerm Close* Sp*":
// a terminator or a line end (SB4, SB11).
constexpr auto kSbStop = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const Sb k = sb_class(static_cast<unsigned char>(c));
    t[static_cast<std::size_t>(c)] = k == Sb::ATerm || k == Sb::STerm || k == Sb::CR || k == Sb::LF;
  }
  return t;
}();

// The first i in [from, to) where s[i] is a terminator or a line end (see
// kSbStop), else `to`. Sentences are long and these bytes few, so with
// SSE2 (every x86-64) sixteen bytes are compared at a time.
std::size_t next_sentence_stop(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i stops[] = {_mm_set1_epi8('.'), _mm_set1_epi8('!'), _mm_set1_epi8('?'), _mm_set1_epi8('\n'),
                           _mm_set1_epi8('\r')};
  for (; i + 16 <= to; i += 16) {
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i m = _mm_cmpeq_epi8(w, stops[0]);
    for (std::size_t k = 1; k < 5; ++k) m = _mm_or_si128(m, _mm_cmpeq_epi8(w, stops[k]));
    if (const auto bits = static_cast<unsigned>(_mm_movemask_epi8(m)); bits != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(bits));
    }
  }
#endif
  while (i < to && !kSbStop[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// ascii_sentence_breaks for text known to be ascii_like: the rules SB3-SB11 in one
// pass. After a full stop or '!'/'?' (SATerm) the rules look back over
// "SATerm Close* Sp*", which `term` and `in_spaces` track, and SB8 looks
// ahead to the next letter or terminator, found once per such run. Elsewhere
// only a line end breaks, so those stretches are skipped (next_sentence_stop).
// The boundaries go into `out` (cleared first), which the segmenter keeps
// from block to block.
void sentence_breaks_of_ascii(std::string_view s, std::vector<std::int32_t>& out) {
  out.clear();
  out.push_back(0);
  const auto n = s.size();
  Sb term = Sb::Other;  // ATerm or STerm while inside "SATerm Close* Sp*", else Other
  bool in_spaces = false;
  std::size_t stop = 0;  // SB8: the first letter, line end or terminator at or after i
  for (std::size_t i = 1; i < n; ++i) {
    if (term == Sb::Other) {
      // The next break can only be after a terminator or a line end.
      i = next_sentence_stop(s, i - 1, n - 1) + 1;
      if (i == n) break;
    }
    const Sb a = sb_at(s, i - 1);
    const Sb b = sb_at(s, i);
    if (a == Sb::ATerm || a == Sb::STerm) {
      term = a;
      in_spaces = false;
    } else if (term != Sb::Other) {
      if (a == Sb::Sp) in_spaces = true;
      else if (a != Sb::Close || in_spaces) term = Sb::Other;
    }
    bool join = true;
    if (a == Sb::CR && b == Sb::LF) join = true;                                  // SB3
    else if (a == Sb::CR || a == Sb::LF) join = false;                            // SB4
    else if (a == Sb::ATerm && b == Sb::Numeric) join = true;                     // SB6
    else if (a == Sb::ATerm && b == Sb::Upper && i >= 2 &&
             (sb_at(s, i - 2) == Sb::Upper || sb_at(s, i - 2) == Sb::Lower)) join = true;  // SB7
    else if (term != Sb::Other) {
      bool lower_follows = false;
      if (term == Sb::ATerm) {
        if (stop < i) {
          stop = i;
          while (stop < n) {
            const Sb c = sb_at(s, stop);
            if (c == Sb::Lower || c == Sb::Upper || c == Sb::CR || c == Sb::LF || c == Sb::ATerm || c == Sb::STerm) break;
            ++stop;
          }
        }
        lower_follows = stop < n && sb_at(s, stop) == Sb::Lower;
      }
      if (lower_follows) join = true;                                              // SB8
      else if (b == Sb::SContinue || b == Sb::ATerm || b == Sb::STerm) join = true;  // SB8a
      else if (!in_spaces && (b == Sb::Close || b == Sb::Sp || b == Sb::CR || b == Sb::LF)) join = true;  // SB9
      else if (b == Sb::Sp || b == Sb::CR || b == Sb::LF) join = true;             // SB10
      else join = false;                                                           // SB11
    }
    if (!join) out.push_back(static_cast<std::int32_t>(i));
  }
  if (n > 0) out.push_back(static_cast<std::int32_t>(n));
}

}  // namespace

std::optional<std::vector<std::int32_t>> ascii_word_breaks(std::string_view s) {
  if (!ascii_like(s)) return std::nullopt;
  return word_breaks_of_ascii(s);
}

std::vector<std::int32_t> icu_sentence_breaks(std::string_view s) {
  auto& it = iterators();
  return it.sentence ? breaks(*it.sentence, s) : std::vector<std::int32_t>{};
}

std::optional<std::vector<std::int32_t>> ascii_sentence_breaks(std::string_view s) {
  if (!ascii_like(s)) return std::nullopt;
  std::vector<std::int32_t> out;
  sentence_breaks_of_ascii(s, out);
  return out;
}

std::vector<std::int32_t> icu_word_breaks(std::string_view s) {
  auto& it = iterators();
  return it.word ? breaks(*it.word, s) : std::vector<std::int32_t>{};
}

namespace {

bool is_space_only(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      // U+00A0 and other spaces: treat any non-ASCII single space-like char as text
      return false;
    }
  }
  return true;
}

// The features of t (t.text is set), with its norm in `norm`, by ICU (the
// ASCII tokens' are made eight bytes at a time in ascii_tokens).
void set_features(Token& t, std::string& norm) {
  norm = fold(t.text);
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

// A-Z lower-cased (as fold() does for ASCII).
constexpr auto kLower = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}();

// A word of the text: [begin, end) of its bytes.
struct Piece {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool space_before = true;
};

std::string_view text_of(std::string_view s, const Piece& p) { return s.substr(p.begin, p.end - p.begin); }

// A word of up to 7 bytes as one number: its bytes (A-Z lower-cased when
// `lower`) from the lowest byte up, and its length in the top byte, so
// that two words are equal exactly when their numbers are.
std::uint64_t pack_word(std::string_view w, bool lower) {
  std::uint64_t k = static_cast<std::uint64_t>(w.size()) << 56;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(lower ? kLower[static_cast<unsigned char>(w[i])] : w[i]);
    k |= static_cast<std::uint64_t>(c) << (8 * i);
  }
  return k;
}

// The abbreviations as the word loops look them up.
struct Abbreviations {
  const std::set<std::string, std::less<>>& all;
  const std::vector<std::uint64_t>& short_ones;  // pack_word of those of up to 7 bytes, sorted
};

// Whether the word w joins the full stop right after it: an initial ("V"),
// a dotted abbreviation ("U.S") or a listed one ("Dr"). `key` is scratch.
// An ASCII word of up to 7 bytes (nearly every word that ends a sentence)
// is looked up as a number; the abbreviations of its length are all there.
bool takes_stop(std::string_view w, const Abbreviations& abbr, bool ascii, std::string& key) {
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;
  if (w.find('.') != std::string_view::npos && w.size() <= 6) return true;
  if (ascii && w.size() <= 7) {
    return std::binary_search(abbr.short_ones.begin(), abbr.short_ones.end(), pack_word(w, true));
  }
  if (ascii) {
    key.assign(w);
    for (auto& ch : key) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
  } else {
    key = fold(w);
  }
  return abbr.all.count(key) > 0;
}

// The words of s (offsets relative to s) into `out`, with "'s" split off
// and initials and abbreviations joined with their full stop, by ICU's word
// breaks (ascii_tokens below makes the same words' tokens for ascii_like
// text). Tokens are made from them later, once, in the vector that keeps them. The join is done as
// each word comes (a full stop right after a word that takes it), so the
// words are written once, straight into `out`.
void pieces_of(std::string_view s, const Abbreviations& abbr, std::vector<Piece>& out) {
  out.clear();
  std::uint32_t last_end = 0;
  bool joinable = false;  // out.back() is a word, not a word joined with its full stop
  std::string key;
  // Join "V" + "." (an initial) and "Dr" + "." / "U.S" + "." (abbreviations).
  auto push = [&](const Piece& p) {
    if (joinable && !p.space_before && p.end - p.begin == 1 && s[p.begin] == '.') {
      Piece& prev = out.back();
      if (takes_stop(text_of(s, prev), abbr, false, key)) {
        prev.end = p.end;  // the full stop follows without a space
        joinable = false;
        return;
      }
    }
    out.push_back(p);
    joinable = true;
  };
  // The word [from, to) between two breaks, unless it is spaces.
  auto add = [&](std::uint32_t from, std::uint32_t to) {
    const auto piece = s.substr(from, to - from);
    Piece t{from, to, out.empty() ? true : from != last_end};
    last_end = to;
    // Possessive: "Peru's" / "Peru’s" -> "Peru" + "'s" (or 'S).
    if (piece.back() == 's' || piece.back() == 'S') {
      std::uint32_t pos = 0;
      if (piece.size() > 2 && piece[piece.size() - 2] == '\'') pos = 2;
      else if (piece.size() > 4 && piece.substr(piece.size() - 4, 3) == "\u2019") pos = 4;
      if (pos > 0) {
        push({from, to - pos, t.space_before});
        t.begin = to - pos;
        t.space_before = false;
      }
    }
    push(t);
  };
  const auto b = icu_word_breaks(s);
  out.reserve(b.size());
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    const auto from = static_cast<std::uint32_t>(b[i]);
    const auto to = static_cast<std::uint32_t>(b[i + 1]);
    if (!is_space_only(s.substr(from, to - from))) add(from, to);
  }
}

// The case of the bytes of an ASCII word eight at a time, as bit masks
// (0x80 in each byte that is 'A'-'Z', or 'a'-'z'): a byte below 0x80 plus
// 0x80 - 'A' reaches 0x80 from 'A' on, plus 0x80 - ('Z' + 1) from past
// 'Z' on, and no sum carries into the next byte.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
inline std::uint64_t upper_mask(std::uint64_t w) {
  return (w + (0x80 - 'A') * kOnes) & ~(w + (0x80 - 'Z' - 1) * kOnes) & kHigh;
}
inline std::uint64_t lower_mask(std::uint64_t w) {
  return (w + (0x80 - 'a') * kOnes) & ~(w + (0x80 - 'z' - 1) * kOnes) & kHigh;
}

// pieces_of's words of ascii_like s as tokens, appended to `out` as the
// break scan finds them (no list of words to walk again, no token made
// twice): "'s" split off, initials and abbreviations joined with their
// full stop. On this text a word is all spaces or has none (spaces join
// only spaces), so its first byte tells; a possessive is "'s" (the curly
// apostrophe is not ascii_like), and "'s" or "'S" is never a full stop, so
// the pieces of a possessive do not join. A joined full stop lengthens the
// last token: its text is followed by the '.', and a norm of its own is the
// last one written, so the '.' goes after it too.
//
// The offsets are shifted by `shift`. A token's text views base + its
// offset in s: bytes equal to s's there (s's line ends may be spaces, which
// are in no token), with room to load 16 bytes from any of them. A norm
// that differs from its text is written at `norms`, which is advanced; the
// room there is the tokens' text bytes and 16 more. An ASCII token's
// letters are classified, and its norm lowered, with one 16-byte load and
// store (SSE2) when it has at most 16 bytes, else eight bytes at a time
// with SWAR masks on 8-byte loads masked to its length; the bytes stored
// past a norm the next norm overwrites, or the caller's final cut drops.
//
// before_word(i) is called before each word's tokens are added (a joined
// full stop is none), with the word's offset in s, so that the caller can
// move out the tokens of a sentence that ended before it. Returns false
// when a symbol's norm would not fit (no symbol of symbol_trail folds to
// more bytes); what was made is then to be dropped.
static_assert(std::endian::native == std::endian::little, "the 8-byte masks read bytes little-endian");
// Token's flags cap, upper, alpha, digit, space_before and function are
// adjacent bytes, with two bytes of padding before lex: an ASCII token's
// are written as one 8-byte word (byte k of the word the flag at cap + k),
// where six byte stores and their spills cost some 20 instructions a token.
static_assert(offsetof(Token, upper) == offsetof(Token, cap) + 1 && offsetof(Token, alpha) == offsetof(Token, cap) + 2 &&
              offsetof(Token, digit) == offsetof(Token, cap) + 3 &&
              offsetof(Token, space_before) == offsetof(Token, cap) + 4 &&
              offsetof(Token, function) == offsetof(Token, cap) + 5 && offsetof(Token, lex) >= offsetof(Token, cap) + 8 &&
              sizeof(bool) == 1 && std::is_trivially_copyable_v<Token>);
constexpr std::uint64_t kCapFlag = 1, kUpperFlag = std::uint64_t{1} << 8, kAlphaFlag = std::uint64_t{1} << 16,
                        kDigitFlag = std::uint64_t{1} << 24, kSpaceFlag = std::uint64_t{1} << 32;
// What an ASCII token's first byte makes it: cap, alpha and digit, as flag words.
constexpr auto kFirstByte = [] {
  std::array<std::uint64_t, 128> t{};
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kCapFlag | kAlphaFlag;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = kAlphaFlag;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = kDigitFlag;
  return t;
}();
template <class BeforeWord>
bool ascii_tokens(std::string_view s, const char* base, std::uint32_t shift, char*& norms,
                  const Abbreviations& abbr, std::vector<Token>& out, BeforeWord&& before_word) {
  std::uint32_t from = 0;
  std::uint32_t last_end = ~std::uint32_t{0};  // no word yet: the first has a space before
  bool joinable = false;  // out.back() is a word, not a word joined with its full stop
  bool fits = true;
  std::string key, norm;
  auto add = [&](std::uint32_t begin, std::uint32_t end, bool space_before) __attribute__((always_inline)) {
    const char* const text = base + begin;
    const std::size_t len = end - begin;
    const std::string_view word(text, len);
    const auto c = static_cast<unsigned char>(text[0]);
    if (c >= 0x80) {
      // A symbol ('£'): ICU's case and fold.
      Token t{.begin = begin + shift, .end = end + shift, .text = word, .norm = word, .cap = false,
              .upper = false, .alpha = false, .digit = false, .space_before = space_before, .function = false,
              .lex = Token::kNoLex};
      set_features(t, norm);
      if (norm != t.text) {
        if (norm.size() <= len) {
          std::memcpy(norms, norm.data(), norm.size());
          t.norm = std::string_view(norms, norm.size());
          norms += norm.size();
        } else {
          fits = false;
        }
      }
      out.push_back(t);
      return;
    }
    bool upper = false;
    std::string_view folded = word;
#if defined(__SSE2__)
    if (len <= 16) {
      // Nearly every word: one 16-byte load, its capitals and small
      // letters as bit masks (see letters_and_digits), cut to its length.
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text));
      const __m128i cap = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - 'A'))),
                                         _mm_set1_epi8(static_cast<char>(-128 + 26)));
      const __m128i small = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - 'a'))),
                                           _mm_set1_epi8(static_cast<char>(-128 + 26)));
      const unsigned keep = (1u << len) - 1;
      const unsigned ups = static_cast<unsigned>(_mm_movemask_epi8(cap)) & keep;
      const unsigned lows = static_cast<unsigned>(_mm_movemask_epi8(small)) & keep;
      upper = (ups & (ups - 1)) != 0 && lows == 0;
      if (ups != 0) {
        // The capitals' case bit set; the bytes past the norm the next
        // norm overwrites, or the final cut drops.
        _mm_storeu_si128(reinterpret_cast<__m128i*>(norms), _mm_or_si128(v, _mm_and_si128(cap, _mm_set1_epi8(0x20))));
        folded = std::string_view(norms, len);
        norms += len;
      }
    } else
#endif
    {
      std::uint64_t ups = 0, two_ups = 0, lows = 0;
      for (std::size_t k = 0; k < len; k += 8) {
        std::uint64_t v;
        std::memcpy(&v, text + k, 8);
        if (len - k < 8) v &= (std::uint64_t{1} << (8 * (len - k))) - 1;
        const auto u = upper_mask(v);
        two_ups |= (u & (u - 1)) | (ups != 0 ? u : 0);  // two in this chunk, or one after an earlier one
        ups |= u;
        lows |= lower_mask(v);
      }
      upper = two_ups != 0 && lows == 0;
      if (ups != 0) {
        for (std::size_t k = 0; k < len; k += 8) {
          std::uint64_t v;
          std::memcpy(&v, text + k, 8);
          v |= upper_mask(v) >> 2;  // 0x80 >> 2 is the case bit 0x20
          std::memcpy(norms + k, &v, 8);
        }
        folded = std::string_view(norms, len);
        norms += len;
      }
    }
    // Made whole, the flags in one store (see kFirstByte), then copied: GCC keeps
    // it in registers, where emplace_back() stored defaults to overwrite.
    // function stays false.
    const std::uint64_t flags = kFirstByte[c] | (upper ? kUpperFlag : 0) | (space_before ? kSpaceFlag : 0);
    Token t{.begin = begin + shift, .end = end + shift, .text = word, .norm = folded};
    std::memcpy(reinterpret_cast<unsigned char*>(&t) + offsetof(Token, cap), &flags, sizeof flags);
    out.push_back(t);
  };
  auto word_to = [&](std::size_t i) __attribute__((always_inline)) {
    const auto begin = from;
    const auto end = static_cast<std::uint32_t>(i);
    from = end;
    const char c = s[begin];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return;
    const bool space_before = begin != last_end;
    last_end = end;
    if (c == '.' && end - begin == 1 && joinable && !space_before && takes_stop(out.back().text, abbr, true, key)) {
      Token& prev = out.back();
      const bool own_norm = prev.norm.data() != prev.text.data();
      ++prev.end;
      prev.text = std::string_view(prev.text.data(), prev.text.size() + 1);
      if (own_norm) {
        *norms++ = '.';
        prev.norm = std::string_view(prev.norm.data(), prev.norm.size() + 1);
      } else {
        prev.norm = prev.text;
      }
      joinable = false;
      return;
    }
    joinable = true;
    before_word(begin);
    const char z = s[end - 1];
    if ((z == 's' || z == 'S') && end - begin > 2 && s[end - 2] == '\'') {
      add(begin, end - 2, space_before);
      add(end - 2, end, false);
      return;
    }
    add(begin, end, space_before);
  };
  // A lone space ends a word, and is no word.
  scan_ascii_word_breaks(s, word_to, [&](std::size_t i) __attribute__((always_inline)) {
    word_to(i);
    from = static_cast<std::uint32_t>(i + 1);
  });
  if (!s.empty()) word_to(s.size());
  return fits;
}

// The tokens of words w[0, n) of s (text that is not ascii_like) into
// `sent`, their offsets shifted by `shift`, with the bytes they view: the
// text from the first word's begin to the last's end, then the norms that
// differ from their text, in one buffer the sentence shares (one allocation
// a sentence, where two std::strings a token cost more in their making and
// freeing than their bytes). The views are set once the buffer is
// complete, as the norms may grow it.
void make_tokens(Sentence& sent, std::string_view s, const Piece* w, std::size_t n, std::uint32_t shift) {
  if (n == 0) return;
  const auto base = w[0].begin;
  const std::size_t span = w[n - 1].end - base;
  auto bytes = std::make_shared<std::string>();
  std::string& buf = *bytes;
  buf.reserve(span + span / 2 + 16);
  buf.append(s.data() + base, span);
  // A token's norm in buf (offset, length), or kSame.
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> norm_at;
  constexpr std::uint32_t kSame = 0xFFFFFFFF;
  norm_at.clear();
  std::string norm;
  sent.tokens.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Piece& p = w[i];
    Token& t = sent.tokens.emplace_back();
    t.begin = p.begin + shift;
    t.end = p.end + shift;
    t.space_before = p.space_before;
    t.text = text_of(s, p);
    const auto at = static_cast<std::uint32_t>(buf.size());
    set_features(t, norm);
    if (norm == t.text) {
      norm_at.emplace_back(kSame, 0);
    } else {
      norm_at.emplace_back(at, static_cast<std::uint32_t>(norm.size()));
      buf += norm;
    }
  }
  const char* d = buf.data();
  for (std::size_t i = 0; i < n; ++i) {
    Token& t = sent.tokens[i];
    t.text = std::string_view(d + (w[i].begin - base), w[i].end - w[i].begin);
    t.norm = norm_at[i].first == kSame ? t.text : std::string_view(d + norm_at[i].first, norm_at[i].second);
  }
  sent.bytes = std::move(bytes);
}

// A buffer of `size` bytes that starts with a copy of `text`, in a string
// sentences can share: the bytes ascii_tokens' tokens view (the text, then
// the norms that differ, at most as many bytes as the text, and 16 bytes
// of room for the last 16-byte load or store).
std::shared_ptr<std::string> token_bytes(std::string_view text) {
  auto bytes = std::make_shared<std::string>();
  // The text is copied, and only the room after it filled (resize would
  // fill all of it first).
  bytes->reserve(2 * text.size() + 16);
  bytes->append(text);
  bytes->append(text.size() + 16, '\0');
  return bytes;
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

Segmenter::Segmenter(std::set<std::string, std::less<>> abbreviations) : abbreviations_(std::move(abbreviations)) {
  for (const auto& a : abbreviations_) {
    if (a.size() <= 7) short_abbreviations_.push_back(pack_word(a, false));
  }
  std::sort(short_abbreviations_.begin(), short_abbreviations_.end());
}

bool Segmenter::abbreviation(std::string_view word) const {
  if (word.size() < 2 || word.back() != '.') return false;
  const auto w = word.substr(0, word.size() - 1);
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // an initial
  return abbreviations_.count(fold(w)) > 0;
}

Sentence Segmenter::tokenize(std::string_view text) const {
  const Abbreviations abbr{abbreviations_, short_abbreviations_};
  Sentence out;
  if (ascii_like(text)) {
    auto bytes = token_bytes(text);
    char* norms = bytes->data() + text.size();
    if (ascii_tokens(text, bytes->data(), 0, norms, abbr, out.tokens, [](std::uint32_t) {})) {
      bytes->resize(static_cast<std::size_t>(norms - bytes->data()));
      out.bytes = std::move(bytes);
      return out;
    }
    out.tokens.clear();
  }
  std::vector<Piece> pieces;
  pieces_of(text, abbr, pieces);
  make_tokens(out, text, pieces.data(), pieces.size(), 0);
  return out;
}

std::vector<Sentence> Segmenter::segment(const std::string& text,
                                         const std::vector<Block>& blocks) const {
  std::vector<Sentence> out;
  auto& it = iterators();
  if (!it.sentence) return out;
  const Abbreviations abbr{abbreviations_, short_abbreviations_};
  std::string copy;
  thread_local std::vector<Piece> words;
  thread_local std::vector<std::int32_t> sb;  // a block's sentence boundaries
  out.reserve(text.size() / 128 + 1);  // a sentence is some 150 bytes: few regrowths
  // The bytes the tokens of the ASCII blocks view, all their sentences'
  // (one allocation an article, not one a sentence): the article's text,
  // then their norms that differ from it.
  std::shared_ptr<std::string> bytes;
  char* norms = nullptr;
  // A "sentence" of hundreds of tokens is a table or junk without full
  // stops; it is cut into pieces so that matching stays linear.
  constexpr std::size_t kMaxTokens = 200;
  for (const auto& block : blocks) {
    // Line breaks inside a block are wrapping, not sentence ends (UAX #29
    // breaks at every '\n'), so ICU sees them as spaces; offsets are unchanged.
    // Most blocks have none and are read in place.
    std::string_view work(text.data() + block.begin, block.end - block.begin);
    if (work.find('\n') != std::string_view::npos || work.find('\r') != std::string_view::npos) {
      copy.assign(work);
      for (const char end : {'\n', '\r'}) {
        for (auto p = copy.find(end); p != std::string::npos; p = copy.find(end, p + 1)) copy[p] = ' ';
      }
      work = copy;
    }
    if (ascii_like(work)) {
      // The tokens are made as the words come, and a sentence
      // is moved out when the first word past its end comes (or the block
      // ends), so that its last word is complete (joined with its full stop).
      if (!bytes) {
        bytes = token_bytes(text);
        norms = bytes->data() + text.size();
      }
      sentence_breaks_of_ascii(work, sb);
      const auto made = out.size();
      char* const norms_before = norms;
      std::size_t seg = 0;  // the open segment is [sb[seg], sb[seg + 1])
      constexpr auto kNoEnd = ~std::uint32_t{0};
      auto end_of = [&](std::size_t i) { return i + 1 < sb.size() ? static_cast<std::uint32_t>(sb[i + 1]) : kNoEnd; };
      std::uint32_t seg_end = end_of(0);
      // The open sentence, its tokens made straight into its list, which
      // has room for the segment's words (a word and a space are some 6
      // bytes) and grows when the sentence goes on past it.
      Sentence cur;
      auto make_room = [&] {
        if (seg + 1 < sb.size()) cur.tokens.reserve(static_cast<std::size_t>(sb[seg + 1] - sb[seg]) / 4 + 4);
      };
      make_room();
      // Straight quotation marks in the open sentence (curly ones are not
      // ascii_like). Each is a word of its own, so a segment's are its bytes '"'.
      int straight = 0;
      // The open segment ends: the sentence ends with it unless it ends in
      // an abbreviation or an initial, or inside a quotation (see below).
      auto end_segment = [&] {
        const auto end = seg_end;
        const bool last = seg + 2 >= sb.size();
        // Counted in the segment only: a search to the block's end would make a
        // long block without quotes quadratic in its segments.
        const auto to = std::min<std::size_t>(end, work.size());  // kNoEnd: the block's end
        const auto in = work.substr(static_cast<std::size_t>(sb[seg]), to - static_cast<std::size_t>(sb[seg]));
        for (auto q = in.find('"'); q != std::string_view::npos; q = in.find('"', q + 1)) ++straight;  // memchr
        seg_end = end_of(++seg);
        cur.end = end;
        const auto count = cur.tokens.size();
        if (!last && count > 0 && abbreviation(cur.tokens.back().text)) return;
        if (!last && count < 150 && straight % 2 == 1) return;
        if (count > 0) {
          while (cur.end > cur.begin && (work[cur.end - 1] == ' ' || work[cur.end - 1] == '\t')) --cur.end;
          cur.begin += block.begin;
          cur.end += block.begin;
          if (count > kMaxTokens) {
            std::size_t first = 0;
            while (count - first > kMaxTokens) {
              Sentence head;
              head.tokens.assign(cur.tokens.begin() + static_cast<std::ptrdiff_t>(first),
                                 cur.tokens.begin() + static_cast<std::ptrdiff_t>(first + kMaxTokens));
              head.begin = cur.begin;
              head.end = head.tokens.back().end;
              head.bytes = bytes;
              first += kMaxTokens;
              cur.begin = cur.tokens[first].begin;
              out.push_back(std::move(head));
            }
            cur.tokens.erase(cur.tokens.begin(), cur.tokens.begin() + static_cast<std::ptrdiff_t>(first));
          }
          cur.bytes = bytes;
          out.push_back(std::move(cur));
        }
        cur = Sentence{};
        cur.begin = end;
        make_room();
        straight = 0;
      };
      const bool fits = ascii_tokens(work, bytes->data() + block.begin, block.begin, norms, abbr, cur.tokens,
                                     [&](std::uint32_t w) __attribute__((always_inline)) {
                                       while (w >= seg_end) end_segment();
                                     });
      while (seg + 1 < sb.size()) end_segment();
      if (fits) continue;
      out.resize(made);  // made again by ICU, below
      norms = norms_before;
    } else {
      sb = breaks(*it.sentence, work);
    }
    // The sentences are found on the words (pieces) first, and each token is
    // made once, in its sentence's vector.
    pieces_of(work, abbr, words);
    std::size_t k = 0;      // words before k are placed
    std::size_t first = 0;  // the open sentence's first word
    Sentence cur;
    bool open_sentence = false;
    int unclosed = 0, straight = 0;  // quotation marks in the open sentence (see below)
    for (std::size_t i = 0; i + 1 < sb.size(); ++i) {
      const auto end = static_cast<std::uint32_t>(sb[i + 1]);
      if (!open_sentence) {
        cur = Sentence{};
        cur.begin = static_cast<std::uint32_t>(sb[i]);
        open_sentence = true;
        unclosed = straight = 0;
        first = k;
      }
      while (k < words.size() && words[k].begin < end) {
        const auto w = text_of(work, words[k]);
        if (w.size() == 1) straight += w[0] == '"';
        else if (w.size() == 3) unclosed += w == "\u201C" ? 1 : w == "\u201D" ? -1 : 0;
        ++k;
      }
      const auto count = k - first;
      cur.end = end;
      // Do not end the sentence after an abbreviation or initial, unless this is the block's end.
      if (count > 0 && abbreviation(text_of(work, words[k - 1])) && i + 2 < sb.size()) continue;
      // Nor inside a quotation: "“India is not a distant friend. It is a
      // neighbour,” Ruto said." stays one sentence (an unclosed curly quote,
      // or an odd number of straight ones; never past 150 tokens).
      if (i + 2 < sb.size() && count < 150 && (unclosed > 0 || straight % 2 == 1)) continue;
      open_sentence = false;
      if (count == 0) continue;
      // Offsets into the article: trim trailing spaces, shift by block begin.
      while (cur.end > cur.begin && (work[cur.end - 1] == ' ' || work[cur.end - 1] == '\t')) --cur.end;
      cur.begin += block.begin;
      cur.end += block.begin;
      while (k - first > kMaxTokens) {
        Sentence head;
        make_tokens(head, work, words.data() + first, kMaxTokens, block.begin);
        head.begin = cur.begin;
        head.end = head.tokens.back().end;
        first += kMaxTokens;
        cur.begin = words[first].begin + block.begin;
        out.push_back(std::move(head));
      }
      make_tokens(cur, work, words.data() + first, k - first, block.begin);
      out.push_back(std::move(cur));
    }
  }
  // The norms' room past the last is not the tokens'.
  if (bytes) bytes->resize(static_cast<std::size_t>(norms - bytes->data()));
  return out;
}

}  // namespace newsgraph::extract
