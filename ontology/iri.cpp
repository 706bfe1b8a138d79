// IRI minting with ICU transliteration. Part of newsgraph::ontology.
#include "ontology/iri.hpp"

#include "ontology/vocab.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
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

std::string slug(std::string_view text) {
  if (is_slug(text)) return std::string(text);
  std::string ascii;
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    // ASCII: Any-Latin and Latin-ASCII leave it as it is and Lower is
    // tolower, so the transliterator (the cost of minting) is not needed.
    ascii.assign(text);
    for (auto& c : ascii) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  } else {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (auto* t = slug_transliterator()) t->transliterate(u);
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
