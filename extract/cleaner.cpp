// The furniture classifier and title/date finder. Part of newsgraph::extract.
#include "extract/cleaner.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <map>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "extract/dates.hpp"
#include "extract/text.hpp"

namespace newsgraph::extract {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// The C locale's classes (newsgraph sets no other locale), inline: the
// cleaner looks at every byte of every article, and std::isspace is a call.
constexpr bool c_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool blank_text(std::string_view s) {
  return std::all_of(s.begin(), s.end(), c_space);
}

std::string_view view(const std::string& t, std::uint32_t b, std::uint32_t e) {
  return std::string_view(t).substr(b, e - b);
}

// "...", or its one character: a teaser's or a cut line's end, not a sentence's.
bool ends_in_ellipsis(std::string_view s) {
  return s.size() >= 3 && (s.substr(s.size() - 3) == "..." || s.substr(s.size() - 3) == "\u2026");
}

bool ends_terminal(std::string_view s) {
  while (!s.empty() && (is_space(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  // Closing quotes and brackets may follow the full stop.
  for (;;) {
    if (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\u201D" || s.substr(s.size() - 3) == "\u2019")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  if (s.empty() || ends_in_ellipsis(s)) return false;
  return s.back() == '.' || s.back() == '!' || s.back() == '?';
}

bool link_like(std::string_view w) {
  if (w.find("://") != w.npos || w.find("www.") != w.npos || w.find('@') != w.npos) return true;
  // A domain: letters, a dot, then a short top-level domain ("olabahisgir.com").
  const auto dot = w.rfind('.');
  if (dot == w.npos || dot == 0 || dot + 1 >= w.size()) return false;
  const auto tld = w.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 6) return false;
  for (char c : tld) {
    if (!std::islower(static_cast<unsigned char>(c))) return false;
  }
  return std::isalnum(static_cast<unsigned char>(w[dot - 1])) != 0;
}

// 1 when a separator other than '|' starts at s[i] ("\u2022", "\u00BB",
// "\u00B7", "\u203A"), else 0.
std::size_t separator_at(std::string_view s, std::size_t i) {
  const auto rest = s.substr(i, 3);
  if (rest.substr(0, 2) == "\u00BB" || rest.substr(0, 2) == "\u00B7") return 1;
  return rest == "\u2022" || rest == "\u203A" ? 1 : 0;
}

// What measure's word loop does with a byte: most are Plain (in the shape,
// nothing else to do: one test per byte for them); a digit is left out of
// the shape; a space ends the word; '.', '@' and ':' may make it a link;
// '|' is a separator, and a separator other than '|' starts with 0xC2 or
// 0xE2 (see separator_at).
enum class MeasureByte : std::uint8_t { Plain, Digit, Space, Link, Bar, Lead };
// And what the line's shape takes of it: the byte lower-cased (digits and
// spaces are left out).
struct ByteClass {
  MeasureByte kind;
  std::uint8_t shape;
};
constexpr auto kByteClass = [] {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const auto ch = static_cast<char>(c);
    const auto kind = c_space(ch)                        ? MeasureByte::Space
                      : c >= '0' && c <= '9'             ? MeasureByte::Digit
                      : c == '.' || c == '@' || c == ':' ? MeasureByte::Link
                      : c == '|'                         ? MeasureByte::Bar
                      : c == 0xC2 || c == 0xE2           ? MeasureByte::Lead
                                                         : MeasureByte::Plain;
    t[static_cast<std::size_t>(c)] = {kind, static_cast<std::uint8_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c)};
  }
  return t;
}();

// What a word's first letter is to measure: a-z, another letter (A-Z, or
// any byte from 0x80 up, as a non-ASCII letter's first byte may be), none.
enum class Letter : std::uint8_t { None, Lower, Other };
constexpr auto kLetter = [] {
  std::array<Letter, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = c >= 'a' && c <= 'z'                ? Letter::Lower
                                     : (c >= 'A' && c <= 'Z') || c >= 0x80 ? Letter::Other
                                                                           : Letter::None;
  }
  return t;
}();

#if defined(__SSE2__)
// One word of a unit as measure counts it (as the plain measure for
// machines without SSE2 does, below): a
// link, a word whose first letter is lower case or another letter, or no
// word (no letter).
struct WordCount {
  std::size_t words = 0, lower = 0, links = 0;
};
WordCount count_word(std::string_view w) {
  bool maybe_link = false;  // link_like needs one of . @ :
  for (const char c : w) maybe_link |= kByteClass[static_cast<unsigned char>(c)].kind == MeasureByte::Link;
  if (maybe_link && link_like(w)) return {1, 0, 1};
  for (const char c : w) {
    const auto l = kLetter[static_cast<unsigned char>(c)];
    if (l != Letter::None) return {1, l == Letter::Lower ? 1u : 0u, 0};
  }
  return {};
}

// The bits set in x, inline (std::popcount is a call to libgcc's
// __popcountdi2 without -mpopcnt, which the baseline x86-64 build lacks).
constexpr std::size_t bits_set(std::uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<std::size_t>((x * 0x0101010101010101ULL) >> 56);
}

// Whether any byte of the 16-byte masks a-d is set.
bool any_of4(__m128i a, __m128i b, __m128i c, __m128i d) {
  return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0;
}

// Bit k of the result is the top bit of byte k of the 16-byte masks a-d.
std::uint64_t mask64(__m128i a, __m128i b, __m128i c, __m128i d) {
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(a))) |
         static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(b))) << 16 |
         static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(c))) << 32 |
         static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(d))) << 48;
}

// The byte masks measure needs of 16 bytes: 0xFF where the byte is one of
// the class.
struct Classes16 {
  __m128i space, digit, letter, lower, link, bar, lead;
};
Classes16 classes16(__m128i c) {
  auto in_range = [](__m128i x, char lo, char span) {  // lo <= x <= lo + span, unsigned
    const __m128i d = _mm_sub_epi8(x, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
  };
  Classes16 k;
  k.space = _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(' ')), in_range(c, '\t', '\r' - '\t'));
  k.digit = in_range(c, '0', 9);
  k.lower = in_range(c, 'a', 25);
  // A-Z, a-z (the byte with 0x20 set), or any byte from 0x80 (top bit set).
  k.letter = _mm_or_si128(in_range(_mm_or_si128(c, _mm_set1_epi8(0x20)), 'a', 25),
                          _mm_cmplt_epi8(c, _mm_setzero_si128()));
  k.link = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8('.')), _mm_cmpeq_epi8(c, _mm_set1_epi8('@'))),
                        _mm_cmpeq_epi8(c, _mm_set1_epi8(':')));
  k.bar = _mm_cmpeq_epi8(c, _mm_set1_epi8('|'));
  k.lead = _mm_or_si128(_mm_cmpeq_epi8(c, _mm_set1_epi8(static_cast<char>(0xC2))),
                        _mm_cmpeq_epi8(c, _mm_set1_epi8(static_cast<char>(0xE2))));
  return k;
}

// The bit masks measure reads, of one 64-byte block of the text (bit k:
// byte k of the block): spaces, letters (as kLetter: A-Z, a-z, bytes from
// 0x80), lower-case letters, digits, bytes that may make a word a link, '|'
// and the lead bytes of the other separators.
struct BlockMasks {
  std::uint64_t space, letter, lower, digit, link, bar, lead;
};

// The masks of the whole text, a block at a time (the last padded with
// spaces): made once an article, not a unit at a time, whose blocks would
// mostly be short last ones (a unit is some 100 bytes: two blocks, one
// copied to a padded buffer). Possible links are '@', a ':' or '.' before
// a byte that is no space (":/", a domain's top level: link_like needs one
// of these) and a '.' after a 'w' ("www."), not the full stop that ends a
// sentence. At the block's edges, where the byte after or before is in
// the next or last block, the test takes the byte as a possible link:
// measure measures it one by one, which only costs time.
void masks_of(const std::string& text, std::vector<BlockMasks>& out) {
  const auto n = text.size();
  out.resize((n + 63) / 64);
  alignas(16) char tail[64];
  for (std::size_t b = 0, base = 0; base < n; ++b, base += 64) {
    const char* p = text.data() + base;
    if (n - base < 64) {
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, p, n - base);
      p = tail;
    }
    Classes16 k[4];
    for (int q = 0; q < 4; ++q) k[q] = classes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q)));
    auto& m = out[b];
    m.space = mask64(k[0].space, k[1].space, k[2].space, k[3].space);
    m.letter = mask64(k[0].letter, k[1].letter, k[2].letter, k[3].letter);
    m.lower = mask64(k[0].lower, k[1].lower, k[2].lower, k[3].lower);
    // Digits, possible links and separators are in few blocks: their masks
    // are made only where one of their bytes is.
    m.digit = any_of4(k[0].digit, k[1].digit, k[2].digit, k[3].digit)
                  ? mask64(k[0].digit, k[1].digit, k[2].digit, k[3].digit)
                  : 0;
    m.link = 0;
    if (any_of4(k[0].link, k[1].link, k[2].link, k[3].link)) {
      __m128i v[4];
      for (int q = 0; q < 4; ++q) v[q] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * q));
      auto eq = [&](char c) {
        const __m128i x = _mm_set1_epi8(c);
        return mask64(_mm_cmpeq_epi8(v[0], x), _mm_cmpeq_epi8(v[1], x), _mm_cmpeq_epi8(v[2], x),
                      _mm_cmpeq_epi8(v[3], x));
      };
      const auto before_word = ~(m.space >> 1);  // (bit 63: the next block's byte, taken as no space)
      const auto after_w = (eq('w') << 1) | 1;   // (bit 0: the last block's byte, taken as a 'w')
      m.link = eq('@') | (eq(':') & before_word) | (eq('.') & (before_word | after_w));
    }
    m.bar = m.lead = 0;
    if (any_of4(_mm_or_si128(k[0].bar, k[0].lead), _mm_or_si128(k[1].bar, k[1].lead),
                _mm_or_si128(k[2].bar, k[2].lead), _mm_or_si128(k[3].bar, k[3].lead))) {
      m.bar = mask64(k[0].bar, k[1].bar, k[2].bar, k[3].bar);
      m.lead = mask64(k[0].lead, k[1].lead, k[2].lead, k[3].lead);
    }
  }
}

// What the plain measure below counts, from the text's bit masks: words
// are the runs of non-space bytes; most start with a letter and may be no
// link, and for them the masks' counts (a word start on a letter, on a
// lower-case one) are all there is to it. The others (a start on another
// byte, a possible link) are measured one by one with count_word, which
// corrects the masks' count of them. (Was a loop a word, with a SSE2 skip
// over its letters: some 35 instructions a word.) The unit's bytes are
// those of its blocks' masks between its begin and end; the bytes before
// and after it count as spaces, as a unit of its own.
std::size_t measure(Unit& u, const std::string& text, const std::vector<BlockMasks>& masks) {
  const auto s = view(text, u.begin, u.end);
  const auto n = s.size();
  std::size_t words = 0, lower = 0, links = 0, separators = 0, left_out = 0;
  std::size_t done = 0;           // words that end before this byte (of s) were measured one by one
  std::uint64_t carry = 0;        // 1 when the byte before this block is no space (of the unit)
  for (std::size_t base = u.begin & ~std::size_t{63}; base < u.end; base += 64) {
    const auto& m = masks[base / 64];
    std::uint64_t valid = ~0ULL;
    if (base < u.begin) valid <<= u.begin - base;
    if (u.end - base < 64) valid &= (1ULL << (u.end - base)) - 1;
    const auto sp = m.space & valid;
    const auto lk = m.link & valid;
    if ((m.bar | m.lead) & valid) {
      separators += bits_set(m.bar & valid);
      for (auto ld = m.lead & valid; ld; ld &= ld - 1) {
        separators += separator_at(s, base + static_cast<std::size_t>(std::countr_zero(ld)) - u.begin);
      }
    }
    const auto word = ~sp & valid;
    const auto starts = word & ~((word << 1) | carry);
    carry = word >> 63;
    left_out += bits_set(sp | (m.digit & valid));  // spaces and digits: not in the shape
    words += bits_set(starts & m.letter);
    lower += bits_set(starts & m.lower);
    for (auto odd = (starts & ~m.letter) | lk; odd; odd &= odd - 1) {
      const auto at = base + static_cast<std::size_t>(std::countr_zero(odd)) - u.begin;
      if (at < done) continue;  // in a word measured already
      auto b = at;
      while (b > 0 && kByteClass[static_cast<unsigned char>(s[b - 1])].kind != MeasureByte::Space) --b;
      auto e = at + 1;
      while (e < n && kByteClass[static_cast<unsigned char>(s[e])].kind != MeasureByte::Space) ++e;
      done = e;
      const auto c = count_word(s.substr(b, e - b));
      // Take back what the masks counted of it (its start, if a letter).
      const auto first = kLetter[static_cast<unsigned char>(s[b])];
      words = words + c.words - (first != Letter::None ? 1 : 0);
      lower = lower + c.lower - (first == Letter::Lower ? 1 : 0);
      links += c.links;
    }
  }
  u.separators += separators;
  u.words = words;
  u.lower_ratio = words ? static_cast<double>(lower) / static_cast<double>(words) : 0;
  u.link_ratio = words ? static_cast<double>(links) / static_cast<double>(words) : 0;
  u.terminal = ends_terminal(s);
  return n - left_out;
}
#else
// One pass over the unit's bytes: words, separators and what link_like and
// the lower-case count need. Returns the length of the unit's shape (see
// shape_of): its bytes but digits and spaces. Units of different lengths
// cannot be repeats, so only those that share theirs are hashed.
std::size_t measure(Unit& u, const std::string& text) {
  const auto s = view(text, u.begin, u.end);
  std::size_t words = 0, lower = 0, links = 0, separators = 0, spaces = 0, digits = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto gap = i;
    while (i < s.size() && kByteClass[static_cast<unsigned char>(s[i])].kind == MeasureByte::Space) ++i;
    spaces += i - gap;
    const auto b = i;
    bool maybe_link = false;  // link_like needs one of . @ :
    for (; i < s.size(); ++i) {
      const auto k = kByteClass[static_cast<unsigned char>(s[i])].kind;
      if (k == MeasureByte::Plain) continue;
      if (k == MeasureByte::Space) break;
      if (k == MeasureByte::Digit) {
        ++digits;
        continue;
      }
      if (k == MeasureByte::Link) maybe_link = true;
      else if (k == MeasureByte::Bar) ++separators;
      else separators += separator_at(s, i);
    }
    if (b == i) break;
    const auto w = s.substr(b, i - b);
    if (maybe_link && link_like(w)) {
      ++links;
      ++words;
      continue;
    }
    // A word has a letter; count whether its first letter is lower case.
    for (std::size_t k = 0; k < w.size(); ++k) {
      const auto l = kLetter[static_cast<unsigned char>(w[k])];
      if (l != Letter::None) {
        ++words;
        lower += l == Letter::Lower;
        break;
      }
    }
  }
  u.separators += separators;
  u.words = words;
  u.lower_ratio = words ? static_cast<double>(lower) / static_cast<double>(words) : 0;
  u.link_ratio = words ? static_cast<double>(links) / static_cast<double>(words) : 0;
  u.terminal = ends_terminal(s);
  return s.size() - spaces - digits;
}

#endif

// The unit's shape: what is left of it without digits and spaces,
// lower-cased, as a 64-bit FNV-1a hash ("Page 1 of 3" and "Page 2 of 3"
// have the same shape), as repeated teasers differ only in their times and
// dates.
std::uint64_t shape_of(std::string_view s) {
  std::uint64_t shape = 14695981039346656037ULL;
  for (const char c : s) {
    const auto k = kByteClass[static_cast<unsigned char>(c)];
    if (k.kind != MeasureByte::Space && k.kind != MeasureByte::Digit) shape = (shape ^ k.shape) * 1099511628211ULL;
  }
  return shape;
}

// Thresholds: article prose is made of sentences of six or more words that
// end in a full stop, with many lower-case words; navigation, headlines and
// link lists are Title Case or unpunctuated, teasers end in an ellipsis, and
// furniture repeats. One separator is allowed for prose like "A | B" quotes.
void classify(Unit& u) {
  if (u.words < 6) u.why = "short";
  else if (!u.terminal) u.why = "no sentence end";
  else if (u.link_ratio > 0.15) u.why = "links";
  else if (u.repeated) u.why = "repeated";
  else if (u.separators > 1) u.why = "separators";
  else if (u.lower_ratio < 0.15) u.why = "title case";
  else {
    u.content = true;
    u.why = "prose";
  }
}

// Where the unit's last full sentence ends when the unit itself does not end
// one: the byte after a '.', '!' or '?' (and any closing quotes) that follows
// a lower-case word and comes before a space and a capital or an opening
// quote. 0 when there is none, the unit ends in an ellipsis (a teaser), or
// fewer than six words come before it.
std::size_t last_sentence_end(std::string_view s) {
  std::string_view t = s;
  while (!t.empty() && c_space(t.back())) t.remove_suffix(1);
  if (ends_in_ellipsis(t)) return 0;
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto closing = [](char c) { return c == '"' || c == '\'' || c == ')'; };
  for (std::size_t i = t.size(); i-- > 2;) {
    const char c = t[i];
    if ((c != '.' && c != '!' && c != '?') || !lower(t[i - 1]) || !lower(t[i - 2])) continue;
    std::size_t e = i + 1;
    while (e < t.size() && closing(t[e])) ++e;
    if (e + 1 >= t.size() || !c_space(t[e]) || !(upper(t[e + 1]) || t[e + 1] == '"')) continue;
    std::size_t words = 0;
    for (std::size_t k = 0; k < e; ++k) words += !c_space(t[k]) && (k == 0 || c_space(t[k - 1]));
    return words >= 6 ? e : 0;
  }
  return 0;
}

std::string trim_copy(std::string_view s) {
  while (!s.empty() && c_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && c_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// "date 2024-06-29 " or "date: 2024-06-29" at the start of the body.
std::size_t date_prefix(std::string_view s, std::optional<Date>& date) {
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (s.substr(i, 4) != "date" && s.substr(i, 4) != "Date") return 0;
  i += 4;
  if (i < s.size() && s[i] == ':') ++i;
  while (i < s.size() && is_space(s[i])) ++i;
  auto d = parse_iso_date(s.substr(i, 10));
  if (!d) return 0;
  date = d;
  i += 10;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// A dateline: an upper-case place, optionally ", Month Day" and "(Agency)",
// then "--", "-", "—" or ":". Returns the bytes to skip, 0 if none; `place`
// gets the place as written ("ISLAMABAD").
std::size_t dateline(std::string_view s, std::string& place) {
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  const std::size_t start = i;
  std::size_t letters = 0;
  while (i < s.size() && (std::isupper(static_cast<unsigned char>(s[i])) || s[i] == ' ' ||
                          s[i] == '.' || s[i] == '\'' || s[i] == '-')) {
    if (std::isupper(static_cast<unsigned char>(s[i]))) ++letters;
    ++i;
  }
  if (letters < 3) {
    // "Vientiane, July 27 (KPL) -": a place in title case, but only when a
    // month follows its comma (a sentence rarely starts that way).
    i = start;
    std::size_t words = 0;
    while (i < s.size() && std::isupper(static_cast<unsigned char>(s[i])) && words < 3) {
      ++i;
      while (i < s.size() && (std::islower(static_cast<unsigned char>(s[i])) || s[i] == '-')) ++i;
      ++words;
      if (i < s.size() && s[i] == ' ' && i + 1 < s.size() && std::isupper(static_cast<unsigned char>(s[i + 1]))) ++i;
      else break;
    }
    if (!words || i >= s.size() || s[i] != ',') return 0;
    std::size_t m = i + 1;
    while (m < s.size() && is_space(s[m])) ++m;
    std::size_t e = m;
    while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
    if (month_number(s.substr(m, e - m)) == 0) return 0;
    letters = 3;
  }
  if (letters < 3 || i - start > 40) return 0;
  std::size_t place_end = i;
  while (place_end > start && (is_space(s[place_end - 1]) || s[place_end - 1] == '-')) --place_end;
  const std::string_view found = s.substr(start, place_end - start);
  auto skip_space = [&] { while (i < s.size() && is_space(s[i])) ++i; };
  if (i < s.size() && s[i] == ',') {  // ", Feb 26" or ", June 29"
    ++i;
    skip_space();
    const auto b = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ' ')) ++i;
    if (i - b > 16) return 0;
    // ", 23rd April, 2024": a year after a second comma.
    if (i + 5 < s.size() && s[i] == ',' && s[i + 1] == ' ' && std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 5]))) {
      i += 6;
    }
  }
  skip_space();
  if (i < s.size() && s[i] == '(') {
    const auto close = s.find(')', i);
    if (close == s.npos || close - i > 30) return 0;
    i = close + 1;
    skip_space();
  }
  if (s.substr(i, 2) == "--") i += 2;
  else if (s.substr(i, 3) == "\u2014" || s.substr(i, 3) == "\u2013") i += 3;
  else if (i < s.size() && (s[i] == '-' || s[i] == ':')) i += 1;
  else return 0;
  if (i >= s.size() || !is_space(s[i])) return 0;
  skip_space();
  place = std::string(found);
  return i;
}

}  // namespace

std::string Unit::dump(const std::string& text) const {
  std::string t = trim_copy(view(text, begin, end));
  for (auto& c : t) {
    if (c == '\n') c = ' ';
  }
  if (t.size() > 40) t = t.substr(0, 40) + "...";
  return std::string(content ? "Content" : "Furniture") + "{" + why + " \"" + t + "\"}";
}

std::vector<Unit> classify_units(const std::string& text) {
  // Lines with their offsets.
  struct Line { std::uint32_t b, e; };
  std::vector<Line> lines;
  lines.reserve(text.size() / 48 + 4);  // news lines and paragraphs are longer: few regrowths
  for (std::size_t p = 0; p <= text.size();) {
    auto nl = text.find('\n', p);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(nl)});
    p = nl + 1;
  }
  auto blank = [&](const Line& l) {
    return blank_text(view(text, l.b, l.e));
  };
  auto indented = [&](const Line& l) {
    return l.e - l.b >= 2 && is_space(text[l.b]) && is_space(text[l.b + 1]);
  };
  std::vector<std::size_t> lengths;  // by unit: of its shape (see measure)
#if defined(__SSE2__)
  // (Kept for the thread's next article: no malloc an article.)
  thread_local std::vector<BlockMasks> masks;
  masks_of(text, masks);
#endif
  // Join hard-wrapped lines: a long line (wire copy wraps at 60-80 columns)
  // that does not end a sentence continues on the next, unindented line.
  std::vector<Unit> units;
  units.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (blank(lines[i])) continue;
    Unit u;
    u.begin = lines[i].b;
    u.end = lines[i].e;
    // A short line holding a date ("Thursday 8 February 2024") is a date
    // stamp under a headline, never the rest of a wrapped sentence.
    auto date_stamp = [&](const Line& l) {
      const auto v = view(text, l.b, l.e);
      return l.e - l.b < 40 && find_date_in_line(v).has_value();
    };
    // (The date stamp is looked for last: it is the costly test.)
    while (i + 1 < lines.size() && !blank(lines[i + 1]) && !indented(lines[i + 1]) && lines[i].e - lines[i].b >= 40 &&
           !ends_terminal(view(text, lines[i].b, lines[i].e)) && !date_stamp(lines[i + 1])) {
      ++i;
      u.end = lines[i].e;
    }
    // Leave out leading and trailing spaces.
    while (u.begin < u.end && c_space(text[u.begin])) ++u.begin;
    while (u.end > u.begin && c_space(text[u.end - 1])) --u.end;
#if defined(__SSE2__)
    lengths.push_back(measure(u, text, masks));
#else
    lengths.push_back(measure(u, text));
#endif
    units.push_back(u);
  }
  // A repeat has a shape of the same length: only the units that share
  // their shape's length with another (few; most lengths are one unit's)
  // are hashed, and compared with each other.
  std::vector<std::size_t> sorted_lengths = lengths;
  std::sort(sorted_lengths.begin(), sorted_lengths.end());
  std::vector<std::uint64_t> shapes(units.size()), sorted;
  std::vector<bool> shared(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto [lo, hi] = std::equal_range(sorted_lengths.begin(), sorted_lengths.end(), lengths[i]);
    shared[i] = hi - lo > 1;
    if (!shared[i]) continue;
    shapes[i] = shape_of(view(text, units[i].begin, units[i].end));
    sorted.push_back(shapes[i]);
  }
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < units.size(); ++i) {
    auto& u = units[i];
    if (shared[i]) {
      const auto [lo, hi] = std::equal_range(sorted.begin(), sorted.end(), shapes[i]);
      u.repeated = hi - lo > 1;
    }
    classify(u);
    // A paragraph cut off after its last full sentence (a feed that truncates
    // its texts, a list announced with a colon): the sentences it finished
    // are prose, what follows the last one is left out.
    if (!u.content && !u.terminal && u.words >= 12) {
      if (const auto e = last_sentence_end(view(text, u.begin, u.end))) {
        Unit cut = u;
        cut.end = u.begin + static_cast<std::uint32_t>(e);
        cut.separators = 0;
#if defined(__SSE2__)
        measure(cut, text, masks);
#else
        measure(cut, text);
#endif
        classify(cut);
        if (cut.content) {
          cut.why = "prose cut off";
          u = cut;
        }
      }
    }
  }
  bool any = false;
  // A short "sentence" far from any other prose (a footer, a caption) is
  // furniture: article paragraphs come in runs, boilerplate stands alone.
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!units[i].content || units[i].words >= 25) continue;
    std::size_t gap_before = units.size(), gap_after = units.size();
    for (std::size_t j = i; j-- > 0;) {
      if (units[j].content) { gap_before = i - j - 1; break; }
    }
    for (std::size_t j = i + 1; j < units.size(); ++j) {
      if (units[j].content) { gap_after = j - i - 1; break; }
    }
    const bool alone = gap_before >= 3 && gap_after >= 3 && (gap_before != units.size() || gap_after != units.size());
    if (alone) {
      units[i].content = false;
      units[i].why = "isolated";
    }
  }
  for (const auto& u : units) any = any || u.content;
  // A text of only short sentences ("Xi met Boluarte.") is still an article:
  // when nothing passed, any punctuated line of three or more words is prose.
  if (!any) {
    for (auto& u : units) {
      if (u.words >= 3 && u.terminal && u.link_ratio <= 0.15 && u.separators <= 1) {
        u.content = true;
        u.why = "short prose";
      }
    }
  }
  return units;
}

std::vector<Block> clean_article(Article& a) {
  auto units = classify_units(a.text);
  std::size_t first_content = units.size();
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].content) {
      first_content = i;
      break;
    }
  }
  // The date: a line near the top (before the article starts), or a "date"
  // prefix of the first paragraph. Lines after the article began are not
  // looked at: dates there are teasers of other articles.
  std::optional<Date> found;
  std::size_t skip_first = 0;
  if (first_content < units.size()) {
    const auto& u = units[first_content];
    skip_first = date_prefix(view(a.text, u.begin, u.end), found);
    skip_first += dateline(view(a.text, u.begin + static_cast<std::uint32_t>(skip_first), u.end), a.dateline);
  }
  for (std::size_t i = 0; !found && i < std::min(first_content, units.size()) && i < 15; ++i) {
    const auto& u = units[i];
    if (u.words > 12) continue;  // a date line is short
    found = find_date_in_line(view(a.text, u.begin, u.end));
  }
  if (!a.date && found) {
    a.date = found;
    a.date_source = "text";
  }
  // The title: the headline-like line nearest above the article. Mastheads
  // and section names sit higher up, are short or in capitals; bylines
  // start with "By"; buttons have brackets; slugs have no spaces.
  if (a.title.empty()) {
    for (std::size_t i = std::min(first_content, units.size()); i-- > 0;) {
      const auto& u = units[i];
      const auto t = view(a.text, u.begin, u.end);
      const bool slug = t.find('_') != t.npos && t.find(' ') == t.npos;
      const bool bracket = t.find('[') != t.npos || t.find(']') != t.npos;
      const bool capitals = u.lower_ratio == 0 && std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      const bool byline = t.substr(0, 3) == "By ";
      if (u.words >= 4 && u.words <= 20 && u.link_ratio == 0 && !u.repeated && u.separators == 0 && !bracket &&
          !slug && !capitals && !byline && !u.terminal && !find_date_in_line(t)) {
        a.title = trim_copy(t);
        break;
      }
    }
  }
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (!units[i].content) continue;
    Block b{units[i].begin, units[i].end};
    if (i == first_content) b.begin += static_cast<std::uint32_t>(skip_first);
    if (b.begin < b.end) blocks.push_back(b);
  }
  return blocks;
}

}  // namespace newsgraph::extract
