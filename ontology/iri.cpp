// IRI minting with ICU transliteration. Part of newsgraph::ontology.
#include "ontology/iri.hpp"

#include "ontology/vocab.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <charconv>
#include <functional>
#include <initializer_list>
#include <memory>
#include <vector>

namespace newsgraph::ontology {
namespace {

// RFC 3987 excludes these from IRIs, besides controls and space.
bool forbidden_in_iri(unsigned char c) {
  switch (c) {
    case '<': case '>': case '"': case '{': case '}': case '|': case '\\': case '^': case '`':
    case ' ':
      return true;
    default:
      return c < 0x20 || c == 0x7f;
  }
}

icu::Transliterator* slug_transliterator() {
  // Creating a transliterator parses its rules (about a millisecond), so each
  // thread keeps one; instances are not safe to share between threads.
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(tr) : nullptr;
  }();
  return t.get();
}

// What slug_transliterator() makes of the Latin letters that names are
// written with (Latin-1, Latin Extended-A and -B, Latin Extended Additional:
// "á", "ğ", "ł", "ư", "ạ"), so that slugging such a name needs no
// transliterator: creating the first one loads ICU's registry of them
// (~150 M instructions, more than a fifth of loading), and on the corpus
// every name it slugs is Latin. A letter whose canonical decomposition is
// an ASCII letter and combining marks (U+0300-U+036F) becomes that letter;
// a few with no decomposition are listed. The unit test checks every
// entry against the transliterator.
class LatinLetters {
 public:
  LatinLetters() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return;  // (then every name goes to the transliterator)
    for (UChar32 c = kLatinFirst; c < kLatinEnd; ++c) decompose(*nfd, c);
    for (UChar32 c = kExtraFirst; c < kExtraEnd; ++c) decompose(*nfd, c);
    static constexpr std::pair<UChar32, const char*> kOwn[] = {
        {0xC6, "ae"}, {0xE6, "ae"}, {0xD0, "d"}, {0xF0, "d"}, {0xD8, "o"}, {0xF8, "o"}, {0xDE, "th"},
        {0xFE, "th"}, {0xDF, "ss"}, {0x110, "d"}, {0x111, "d"}, {0x126, "h"}, {0x127, "h"}, {0x131, "i"},
        {0x141, "l"}, {0x142, "l"}, {0x152, "oe"}, {0x153, "oe"}, {0x166, "t"}, {0x167, "t"}};
    for (const auto& [c, ascii] : kOwn) letters_[index(c)] = {ascii[0], ascii[1]};
  }
  /// The one or two lower-case ASCII letters `c` becomes (the second '\0'
  /// for one), or nullptr when this does not know `c`.
  [[nodiscard]] const std::array<char, 2>* find(UChar32 c) const {
    const auto i = index(c);
    return i < letters_.size() && letters_[i][0] ? &letters_[i] : nullptr;
  }

 private:
  static constexpr UChar32 kLatinFirst = 0xC0, kLatinEnd = 0x250;
  static constexpr UChar32 kExtraFirst = 0x1E00, kExtraEnd = 0x1F00;
  static constexpr std::size_t kSize = (kLatinEnd - kLatinFirst) + (kExtraEnd - kExtraFirst);
  // Where `c` is in letters_; kSize for a character outside the two ranges.
  static std::size_t index(UChar32 c) {
    if (c >= kLatinFirst && c < kLatinEnd) return static_cast<std::size_t>(c - kLatinFirst);
    if (c >= kExtraFirst && c < kExtraEnd) return static_cast<std::size_t>(kLatinEnd - kLatinFirst + c - kExtraFirst);
    return kSize;
  }
  void decompose(const icu::Normalizer2& nfd, UChar32 c) {
    icu::UnicodeString d;
    if (!nfd.getDecomposition(c, d) || d.length() < 2) return;
    const auto base = static_cast<char16_t>(d.charAt(0) | 0x20);
    if (base < u'a' || base > u'z') return;
    for (int32_t i = 1; i < d.length(); ++i) {
      if (d.charAt(i) < 0x300 || d.charAt(i) > 0x36F) return;
    }
    letters_[index(c)] = {static_cast<char>(base), 0};
  }
  std::array<std::array<char, 2>, kSize> letters_{};
};

// What slug_transliterator() makes of `text`, into `ascii`, when every
// character of it is ASCII (which it keeps, lower-cased) or one of
// LatinLetters; false otherwise (`ascii` then holds a part).
bool latin_to_ascii(std::string_view text, std::string& ascii) {
  static const LatinLetters letters;
  ascii.clear();
  ascii.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char b = *p;
    if (b < 0x80) {
      ascii += static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
      ++p;
      continue;
    }
    // The letters are two-byte sequences (C3..C9) and E1 B8..BB (U+1E00-U+1EFF).
    UChar32 c = 0;
    if (b >= 0xC2 && b <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
      c = ((b & 0x1F) << 6) | (p[1] & 0x3F);
      p += 2;
    } else if (b == 0xE1 && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      c = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      p += 3;
    } else {
      return false;
    }
    const auto* e = letters.find(c);
    if (!e) return false;
    ascii += (*e)[0];
    if ((*e)[1]) ascii += (*e)[1];
  }
  return true;
}

}  // namespace

Result<Iri> Iri::make(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return Status(Code::BadArgument, "not an absolute IRI: '" + std::string(text) + "'");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (forbidden_in_iri(c)) {
      return Status(Code::BadArgument, "character " + std::to_string(c) + " at " +
                                           std::to_string(i) + " is not allowed in an IRI");
    }
  }
  return Iri(std::string(text));
}

std::string stable_hash(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

namespace {

// Whether `text` is its own slug: non-empty, at most 80 characters of a-z
// and 0-9 in runs joined by single '-'. Names minted often are (fact kinds,
// ids), and slug() then gives a copy.
bool is_slug(std::string_view text) {
  if (text.empty() || text.size() > 80 || text.front() == '-' || text.back() == '-') return false;
  char prev = 0;
  for (const char c : text) {
    if (c == '-') {
      if (prev == '-') return false;
    } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      return false;
    }
    prev = c;
  }
  return true;
}

}  // namespace

namespace {

// slug() of ASCII text, in one pass into a buffer: what latin_to_ascii and
// the loop of slug() give (letters lowered, each run of other bytes one
// '-' between kept ones, cut at 80, no '-' at the end), without building
// the lowered copy and the slug a byte at a time. The loop stops at 80 kept
// bytes: what follows is cut anyway. False for text with a non-ASCII byte
// (the transliterator may look at the whole of it).
bool ascii_slug(std::string_view text, std::string& out) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  char buf[96];  // at most 81 (a '-' and a byte after 79)
  std::size_t n = 0;
  bool dash = false;
  for (const char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && n > 0) buf[n++] = '-';
      buf[n++] = static_cast<char>(c);
      dash = false;
      if (n >= 80) break;
    } else {
      dash = true;
    }
  }
  n = std::min<std::size_t>(n, 80);
  while (n > 0 && buf[n - 1] == '-') --n;
  if (n == 0) {
    out = "x" + stable_hash(text);
  } else {
    out.assign(buf, n);
  }
  return true;
}

}  // namespace

std::string slug(std::string_view text) {
  if (is_slug(text)) return std::string(text);
  if (std::string out; ascii_slug(text, out)) return out;
  std::string ascii;
  // ASCII: Any-Latin and Latin-ASCII leave it as it is and Lower is
  // tolower, so the transliterator (the cost of minting) is not needed;
  // nor for the Latin letters it knows.
  if (!latin_to_ascii(text, ascii)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (auto* t = slug_transliterator()) t->transliterate(u);
    ascii.clear();
    u.toUTF8String(ascii);
  }
  std::string out;
  out.reserve(ascii.size());
  bool dash = false;
  for (const char ch : ascii) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c);
      dash = false;
    } else {
      dash = true;
    }
  }
  // Long names make long IRIs; 80 characters keep any real name readable.
  if (out.size() > 80) out.resize(80);
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) out = "x" + stable_hash(text);
  return out;
}

namespace {

// The entity IRIs minted before, on this thread. The same few countries,
// cities, people and organisations come back in article after article (97%
// of country and 88% of city IRIs on the corpus repeat one minted before),
// and minting one costs ~0.6-1.5 k instructions (slug, ICU for names that
// are not ASCII, the joins); finding it here ~0.2 k. One table a thread:
// the minter is copied into extract's workers and needs no lock this way.
// Emptied when it holds kMaxMinted IRIs or kMaxMintedBytes, so memory stays
// bounded on any input, and when a minter of another base asks. An IRI
// depends only on the base, the kind and the exact texts, which are the key.
class MintedIris {
 public:
  MintedIris() { entries_.reserve(kMaxMinted); }  // (never moved, then)
  // The IRI of (kind, name, iso2) under `base`, made by `mint` when it is not held.
  template <class Mint>
  std::string get(const std::string& base, char kind, std::string_view name, std::string_view iso2, Mint&& mint) {
    if (base != base_) {
      clear();
      base_ = base;
    }
    const std::size_t wide = std::hash<std::string_view>{}(name) * 31 + std::hash<std::string_view>{}(iso2) * 7 +
                             static_cast<unsigned char>(kind);
    const auto h = static_cast<std::uint32_t>(wide ^ (wide >> 32));
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    for (; slots_[i].entry != kEmpty; i = (i + 1) & mask) {
      if (slots_[i].hash != h) continue;
      const Entry& e = entries_[slots_[i].entry];
      if (e.kind == kind && e.name == name && e.iso2 == iso2) return e.iri;
    }
    std::string iri = mint();
    if (entries_.size() >= kMaxMinted || bytes_ >= kMaxMintedBytes) {
      clear();
      i = h & mask;
    }
    bytes_ += name.size() + iso2.size() + iri.size();
    slots_[i] = Slot{h, static_cast<std::uint32_t>(entries_.size())};
    entries_.push_back(Entry{kind, std::string(name), std::string(iso2), iri});
    return iri;
  }

 private:
  static constexpr std::size_t kMaxMinted = 4096;  // half the slots
  static constexpr std::size_t kMaxMintedBytes = std::size_t{4} << 20;
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  // The slots are small (64 KB in all), so that probing them stays in the
  // cache; an entry is looked at when its hash matches.
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t entry = kEmpty;
  };
  struct Entry {
    char kind = 0;
    std::string name, iso2, iri;
  };
  void clear() {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    entries_.clear();
    bytes_ = 0;
  }
  std::vector<Slot> slots_ = std::vector<Slot>(2 * kMaxMinted);
  std::vector<Entry> entries_;
  std::size_t bytes_ = 0;
  std::string base_;
};

MintedIris& minted_iris() {
  thread_local MintedIris m;
  return m;
}

// The parts joined, allocated once.
std::string joined(std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (const auto p : parts) n += p.size();
  std::string out;
  out.reserve(n);
  for (const auto p : parts) out.append(p);
  return out;
}

// `n` in decimal, as std::to_string writes it, into `buf`.
std::string_view decimal(std::size_t n, char (&buf)[24]) {
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  return {buf, static_cast<std::size_t>(r.ptr - buf)};
}

}  // namespace

Result<IriMinter> IriMinter::make(std::string_view base) {
  auto iri = Iri::make(base);
  if (!iri) return iri.status();
  if (base.back() != '/' && base.back() != '#') {
    return Status(Code::BadArgument, "base IRI must end in '/' or '#': '" + std::string(base) + "'");
  }
  return IriMinter(std::string(base));
}

Iri IriMinter::person(std::string_view name, std::string_view iso2) const {
  return Iri::unchecked(minted_iris().get(base_, 'p', name, iso2, [&] {
    if (iso2.empty()) return joined({base_, "person/", slug(name)});
    return joined({base_, "person/", slug(iso2), "/", slug(name)});
  }));
}
Iri IriMinter::country(std::string_view iso2) const {
  return Iri::unchecked(minted_iris().get(base_, 'c', {}, iso2, [&] { return joined({base_, "country/", slug(iso2)}); }));
}
Iri IriMinter::topic(std::string_view id) const {
  return Iri::unchecked(minted_iris().get(base_, 't', id, {}, [&] { return joined({vocab::kTopics, slug(id)}); }));
}
Iri IriMinter::city(std::string_view name, std::string_view iso2) const {
  return Iri::unchecked(minted_iris().get(base_, 'l', name, iso2, [&] {
    return joined({base_, "place/", iso2.empty() ? std::string("xx") : slug(iso2), "/", slug(name)});
  }));
}
Iri IriMinter::organization(std::string_view name) const {
  return Iri::unchecked(
      minted_iris().get(base_, 'o', name, {}, [&] { return joined({base_, "organization/", slug(name)}); }));
}
Iri IriMinter::article(std::string_view key) const {
  // Each article's key is its own: not kept.
  return Iri::unchecked(joined({base_, "article/", slug(key)}));
}
Iri IriMinter::span(const Iri& article, std::size_t begin, std::size_t end) const {
  char b[24], e[24];
  return Iri::unchecked(joined({article.str(), "#char=", decimal(begin, b), ",", decimal(end, e)}));
}
Iri IriMinter::fact(const Iri& article, std::string_view kind, std::size_t n) const {
  char num[24];
  return Iri::unchecked(joined({article.str(), "/", slug(kind), "/", decimal(n, num)}));
}

}  // namespace newsgraph::ontology
