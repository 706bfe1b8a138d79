// IRI minting with ICU transliteration. Part of newsgraph::ontology.
#include "ontology/iri.hpp"

#include "ontology/vocab.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <memory>

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

std::string slug(std::string_view text) {
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

Result<IriMinter> IriMinter::make(std::string_view base) {
  auto iri = Iri::make(base);
  if (!iri) return iri.status();
  if (base.back() != '/' && base.back() != '#') {
    return Status(Code::BadArgument, "base IRI must end in '/' or '#': '" + std::string(base) + "'");
  }
  return IriMinter(std::string(base));
}

Iri IriMinter::person(std::string_view name, std::string_view iso2) const {
  return Iri::unchecked(base_ + "person/" + (iso2.empty() ? std::string() : slug(iso2) + "/") + slug(name));
}
Iri IriMinter::country(std::string_view iso2) const {
  return Iri::unchecked(base_ + "country/" + slug(iso2));
}
Iri IriMinter::topic(std::string_view id) const {
  return Iri::unchecked(std::string(vocab::kTopics) + slug(id));
}
Iri IriMinter::city(std::string_view name, std::string_view iso2) const {
  return Iri::unchecked(base_ + "place/" + (iso2.empty() ? std::string("xx") : slug(iso2)) + "/" +
                        slug(name));
}
Iri IriMinter::organization(std::string_view name) const {
  return Iri::unchecked(base_ + "organization/" + slug(name));
}
Iri IriMinter::article(std::string_view key) const {
  return Iri::unchecked(base_ + "article/" + slug(key));
}
Iri IriMinter::span(const Iri& article, std::size_t begin, std::size_t end) const {
  return Iri::unchecked(article.str() + "#char=" + std::to_string(begin) + "," +
                        std::to_string(end));
}
Iri IriMinter::fact(const Iri& article, std::string_view kind, std::size_t n) const {
  return Iri::unchecked(article.str() + "/" + slug(kind) + "/" + std::to_string(n));
}

}  // namespace newsgraph::ontology
