// Segmentation: content blocks -> sentences -> tokens, with ICU's sentence and
// word break iterators. Part of newsgraph::extract.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"

namespace newsgraph::extract {

/// Word boundaries (byte offsets, with 0 and the size) of `s` by ICU's word
/// break iterator (UAX #29).
std::vector<std::int32_t> icu_word_breaks(std::string_view s);

/// The same boundaries as icu_word_breaks, computed without ICU when `s` is
/// all ASCII (most news text) but for the symbols '£', '¢', '¥', '©', '®'
/// and '°'; nullopt otherwise. UAX #29's rules on ASCII
/// are few (letters, digits, '.', '\'', ',', ';', '_', spaces, line
/// ends); a test compares it with ICU on generated text.
std::optional<std::vector<std::int32_t>> ascii_word_breaks(std::string_view s);

/// Sentence boundaries (byte offsets, with 0 and the size) of `s` by ICU's
/// sentence break iterator (UAX #29, English, which is root's rules).
std::vector<std::int32_t> icu_sentence_breaks(std::string_view s);

/// The same boundaries as icu_sentence_breaks, computed without ICU when `s`
/// is all ASCII but for the symbols of ascii_word_breaks; nullopt otherwise. On ASCII, UAX #29's sentence rules need
/// few classes ('.', '!' '?', quotes and brackets, ',' '-' ':', spaces, line
/// ends, upper, lower, digits); a test compares it with ICU on generated text.
std::optional<std::vector<std::int32_t>> ascii_sentence_breaks(std::string_view s);

class Segmenter {
 public:
  /// Loads the abbreviation list (one per line, '#' comments) from `path`.
  static Result<Segmenter> load(const std::string& path);
  /// A segmenter with the given abbreviations (lower case, without the final '.').
  explicit Segmenter(std::set<std::string, std::less<>> abbreviations);

  /// Splits `blocks` of `text` into sentences of tokens. A break after an
  /// abbreviation ("U.S.", "Dr.", "Nov.") or an initial ("Marco V. Balarezo")
  /// is not a sentence end. Line breaks inside a block are spaces. The
  /// sentences of all-ASCII blocks (most) share one buffer of bytes for
  /// their tokens: the article's text, then the norms that differ.
  /// Thread-safe: each thread uses its own ICU iterators.
  [[nodiscard]] std::vector<Sentence> segment(const std::string& text,
                                              const std::vector<Block>& blocks) const;

  /// Tokens of one piece of text (offsets relative to it), in a sentence
  /// that keeps the bytes they view (its begin and end are left 0); used to
  /// index gazetteer phrases.
  [[nodiscard]] Sentence tokenize(std::string_view text) const;

 private:
  /// Whether `word` (a token's text) is an abbreviation or an initial with its full stop.
  [[nodiscard]] bool abbreviation(std::string_view word) const;
  std::set<std::string, std::less<>> abbreviations_;
  /// Those of up to 7 bytes as numbers (bytes and length), sorted: every
  /// word before a full stop is looked up, most in these.
  std::vector<std::uint64_t> short_abbreviations_;
};

}  // namespace newsgraph::extract
