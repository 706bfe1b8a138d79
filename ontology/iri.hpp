// IRI minting: the one place data IRIs are made. Part of newsgraph::ontology.
// Exports Iri (a checked IRI), slug() and IriMinter.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "ontology/vocab.hpp"

namespace newsgraph::ontology {

/// An absolute IRI that has been checked: scheme, no spaces, no characters
/// that RFC 3987 forbids (<>"{}|\^` and controls). Only make() and the
/// vocabulary constructor create one, so every Iri is safe to write.
class Iri {
 public:
  /// Checks `text` and returns it as an Iri, or BadArgument naming the bad character.
  static Result<Iri> make(std::string_view text);
  /// A vocabulary term; trusted because vocab.hpp holds only constants.
  static Iri term(const vocab::Term& t) { return Iri(std::string(t.ns) + std::string(t.local)); }
  static Iri unchecked(std::string text) { return Iri(std::move(text)); }

  [[nodiscard]] const std::string& str() const { return text_; }
  friend bool operator==(const Iri&, const Iri&) = default;
  friend auto operator<=>(const Iri&, const Iri&) = default;

 private:
  explicit Iri(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

/// A readable ASCII slug of any text: NFC, any script transliterated to Latin,
/// accents removed, lower case, runs of other characters become one '-'.
/// "Ángel Manuel Manero Campos" -> "angel-manuel-manero-campos". Text that
/// leaves nothing (e.g. only punctuation) gives "x" plus a hash of the text, so
/// a slug is never empty. Thread-safe.
std::string slug(std::string_view text);

/// 64-bit FNV-1a of the bytes, as 16 lower-case hex digits. Stable across
/// machines; used where a key has no readable form (content hashes).
std::string stable_hash(std::string_view bytes);

/// Mints data IRIs under one base (vocab::kDefaultBase unless --base is given).
/// Every IRI is base + fixed path words + slugs or digits, so all are valid.
/// Thread-safe: person, country, city, organization and topic IRIs are kept
/// in a bounded table of each thread (iri.cpp), found again by their exact
/// texts, so one minter may serve several threads without a lock.
class IriMinter {
 public:
  /// Fails when `base` is not an absolute IRI ending in '/' or '#'.
  static Result<IriMinter> make(std::string_view base);

  /// A person, keyed by name and, when known, country (ISO code): a known
  /// official by the gazetteer's name and country ("person/pe/dina-boluarte"),
  /// an unknown person by the fullest name the article gives and the country
  /// it says they are from, if any ("person/ana-diaz").
  [[nodiscard]] Iri person(std::string_view name, std::string_view iso2 = {}) const;
  [[nodiscard]] Iri country(std::string_view iso2) const;
  [[nodiscard]] Iri city(std::string_view name, std::string_view iso2) const;
  [[nodiscard]] Iri organization(std::string_view name) const;
  /// A concept of the topic scheme; not under the base: the scheme is vocabulary.
  [[nodiscard]] Iri topic(std::string_view id) const;
  /// `key` is the article's id, else url, else a content hash (see Article).
  [[nodiscard]] Iri article(std::string_view key) const;
  /// RFC 5147 span of the article's text: "<article>#char=b,e" (code points).
  [[nodiscard]] Iri span(const Iri& article, std::size_t begin, std::size_t end) const;
  /// A fact node: "<article>/<kind>/<n>".
  [[nodiscard]] Iri fact(const Iri& article, std::string_view kind, std::size_t n) const;

  [[nodiscard]] const std::string& base() const { return base_; }

 private:
  explicit IriMinter(std::string base) : base_(std::move(base)) {}
  std::string base_;
};

}  // namespace newsgraph::ontology
