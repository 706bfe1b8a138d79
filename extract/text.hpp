// Text work done with ICU: decoding bytes to clean UTF-8, NFC, case folding.
// Part of newsgraph::extract.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <functional>

namespace newsgraph::extract {

struct DecodeReport {
  std::size_t invalid_bytes = 0;   ///< Bytes that were not UTF-8, replaced by U+FFFD.
  std::size_t first_invalid = 0;   ///< Byte offset of the first, when invalid_bytes > 0.
  std::size_t controls = 0;        ///< Control characters (NUL etc.) replaced by spaces.
  bool utf16 = false;              ///< The input had a UTF-16 byte order mark.
};

/// Turns raw bytes into the text every later stage sees: UTF-8 (a UTF-16
/// input with a BOM is converted; invalid UTF-8 becomes U+FFFD), NFC,
/// CRLF/CR as LF, other control characters except TAB as spaces, no BOM.
std::string clean_text(std::string_view bytes, DecodeReport* report = nullptr);

/// Whether code point `c` is one clean_text passes without asking ICU: NFC
/// quick check yes and combining class 0 (Latin-1 and Latin Extended, the
/// quotes, dashes and currency signs of news), so a text of only such
/// characters and ASCII is NFC.
bool nfc_plain(std::uint32_t c);

/// Unicode case folding of UTF-8 text (ICU full folding), with the curly
/// apostrophe U+2019 made straight, so "Peru’s" and "PERU'S" fold alike.
std::string fold(std::string_view text);

/// True when the UTF-8 text's first code point is an upper-case or title-case letter.
bool starts_upper(std::string_view text);

/// Hash for unordered containers of std::string looked up by string_view
/// (with std::equal_to<>): no temporary string per lookup.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

}  // namespace newsgraph::extract
