// ICU-based text cleaning and folding. Part of newsgraph::extract.
#include "extract/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <bit>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsgraph::extract {
namespace {

// Decodes UTF-16 with a BOM into UTF-8; an unpaired surrogate becomes U+FFFD.
std::string from_utf16(std::string_view bytes, bool big_endian) {
  icu::UnicodeString u;
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    u.append(static_cast<char16_t>(big_endian ? (a << 8) | b : (b << 8) | a));
  }
  std::string out;
  u.toUTF8String(out);  // ICU writes U+FFFD for unpaired surrogates.
  return out;
}

// The end of the run of printable ASCII, tabs and newlines from i (the bulk
// of any text), sixteen bytes at a time with SSE2 (every x86-64) while all
// are printable: a signed compare with 0x20 finds the controls and the bytes
// from 0x80 (negative as signed) at once, another the 0x7F (was eight bytes
// at a time with bit tricks, some 1.5 instructions a byte). Elsewhere eight
// at a time: a word w holds a byte below 0x20, a 0x7F or a byte from 0x80
// up exactly when the high bit of ((w - 0x20..) | (w + 0x01..)) & ~w | w is
// set in some byte: a borrow or carry comes only out of such a byte, so the
// lowest one is seen.
int32_t text_run_end(const std::uint8_t* s, int32_t i, int32_t n) {
  for (;;) {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F);
    for (; i + 16 <= n; i += 16) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (const auto m = static_cast<unsigned>(
              _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(c, space), _mm_cmpeq_epi8(c, del))))) {
        i += std::countr_zero(m);
        break;
      }
    }
#else
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (((((w - kOnes * 0x20) | (w + kOnes)) & ~w) | w) & kHigh) break;
    }
#endif
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F) ++i;
    if (i < n && (s[i] == '\n' || s[i] == '\t')) {
      ++i;
      continue;
    }
    return i;
  }
}

}  // namespace

std::string clean_text(std::string_view bytes, DecodeReport* report) {
  DecodeReport local;
  DecodeReport& r = report ? *report : local;
  std::string utf16_copy;
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    r.utf16 = true;
    utf16_copy = from_utf16(bytes, bytes[0] == '\xFE');
    bytes = utf16_copy;
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  // Validate UTF-8 and fix control characters in one pass.
  std::string valid;
  valid.reserve(bytes.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<int32_t>(bytes.size());
  bool known_nfc = true;  // ASCII and characters nfc_plain passes only
  for (int32_t i = 0; i < n;) {
    // A run of printable ASCII, tabs and lone newlines (most of any news
    // text) is copied as it is, in one append.
    const int32_t run = text_run_end(s, i, n);
    if (run > i) {
      valid.append(bytes.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(run - i)));
      i = run;
      if (i == n) break;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      if (r.invalid_bytes == 0) r.first_invalid = static_cast<std::size_t>(start);
      r.invalid_bytes += static_cast<std::size_t>(i - start);
      valid += "\xEF\xBF\xBD";  // (U+FFFD: nfc_plain)
      continue;
    }
    if (c == '\r') {
      if (i < n && s[i] == '\n') continue;  // CRLF -> LF
      valid += '\n';
    } else if (c == '\n' || c == '\t') {
      valid += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      ++r.controls;
      valid += ' ';
    } else {
      if (c >= 0x80 && !nfc_plain(static_cast<std::uint32_t>(c))) known_nfc = false;
      valid.append(bytes.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  // ASCII is already NFC, and so is a text whose other characters all are
  // nfc_plain (most news with a curly quote or a dash): ICU's check of
  // the whole text is left out for them.
  if (known_nfc) return valid;

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return valid;
  // Most text is NFC already: checked on the UTF-8 without a UTF-16 copy.
  if (nfc->isNormalizedUTF8(valid, status) && U_SUCCESS(status)) return valid;
  status = U_ZERO_ERROR;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(valid);
  const icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return valid;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool nfc_plain(std::uint32_t c) {
  // (The test checks every one of them against ICU's properties.)
  return c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x20A0 && c <= 0x20BF) ||
         c == 0xFFFD;
}

std::string fold(std::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  if (ascii) {
    out.assign(text);
    for (auto& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
  u.toUTF8String(out);
  return out;
}

bool starts_upper(std::string_view text) {
  if (text.empty()) return false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace newsgraph::extract
