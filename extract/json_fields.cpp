// A fast reader for the common shape of a JSON Lines record: one flat object
// whose values are strings, null, true or false. Part of newsgraph::extract.
#include "extract/json_fields.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsgraph::extract {
namespace {

struct Scanner {
  std::string_view s;
  std::size_t i = 0;

  void space() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool eat(char c) {
    space();
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  bool word(std::string_view w) {
    if (s.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(std::uint32_t& v) {
    if (i + 4 > s.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex(s[i++]);
      if (h < 0) return false;
      v = v * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
  }
  static void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  // One well-formed UTF-8 sequence (RFC 3629: no overlong forms, no
  // surrogates, nothing above U+10FFFF) starting at i, copied to out.
  bool utf8(std::string& out) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    out.append(s.data() + i, len);
    i += len;
    return true;
  }
  // The end of the run of plain bytes (printable ASCII but '"' and '\\')
  // from i: the string's text is long (a whole article), so it is scanned
  // sixteen bytes at a time with SSE2 (every x86-64): one signed compare
  // finds both the controls and the bytes from 0x80 (negative as signed),
  // two more the quote and the backslash (was eight bytes at a time with
  // bit tricks, some 1.5 instructions a byte). Elsewhere eight at a time:
  // a byte of w is zero where ((w - 0x01..) & ~w & 0x80..) has its high
  // bit; bits above the first such byte may be wrong, so only the lowest
  // one is used.
  [[nodiscard]] std::size_t plain_end(std::size_t from) const {
    std::size_t j = from;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    for (; j + 16 <= s.size(); j += 16) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + j));
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, quote), _mm_cmpeq_epi8(c, backslash)),
                                        _mm_cmplt_epi8(c, space));
      if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(stop))) {
        return j + static_cast<std::size_t>(std::countr_zero(m));
      }
    }
#else
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    for (; j + 8 <= s.size(); j += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + j, 8);
      const std::uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
      const std::uint64_t stop = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                                  ((w - kOnes * 0x20) & ~w) | w) & kHigh;
      if (stop) return j + static_cast<std::size_t>(std::countr_zero(stop) / 8);
    }
#endif
    while (j < s.size() && s[j] != '"' && s[j] != '\\' && static_cast<unsigned char>(s[j]) >= 0x20 &&
           static_cast<unsigned char>(s[j]) < 0x80) {
      ++j;
    }
    return j;
  }
  // A string at i (after its opening quote), decoded into out.
  bool string(std::string& out) {
    out.clear();
    for (bool first = true;; first = false) {
      const auto start = i;
      i = plain_end(i);
      if (i >= s.size()) return false;
      const auto c = static_cast<unsigned char>(s[i]);
      // A string with an escape or a non-ASCII byte (an article's text, in
      // many pieces) gets room for the rest of the line at once: it is no
      // longer than that, and was regrown some ten times.
      if (first && c != '"') out.reserve(s.size() - start);
      out.append(s.data() + start, i - start);
      if (c == '"') {
        ++i;
        return true;
      }
      if (c < 0x20) return false;  // a raw control character
      if (c >= 0x80) {
        if (!utf8(out)) return false;
        continue;
      }
      // An escape.
      if (++i >= s.size()) return false;
      const char e = s[i++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!word("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
  }
};

}  // namespace

std::optional<std::vector<JsonField>> read_flat_json_object(std::string_view line) {
  Scanner sc{line};
  std::vector<JsonField> fields;
  if (!sc.eat('{')) return std::nullopt;
  if (sc.eat('}')) {
    sc.space();
    return sc.i == line.size() ? std::optional(std::move(fields)) : std::nullopt;
  }
  for (;;) {
    if (!sc.eat('"')) return std::nullopt;
    JsonField f;
    if (!sc.string(f.key)) return std::nullopt;
    for (const auto& g : fields) {
      if (g.key == f.key) return std::nullopt;  // a repeated key: the full parser decides
    }
    if (!sc.eat(':')) return std::nullopt;
    sc.space();
    if (sc.eat('"')) {
      f.kind = JsonField::Kind::String;
      if (!sc.string(f.value)) return std::nullopt;
    } else if (sc.word("null")) {
      f.kind = JsonField::Kind::Null;
    } else if (sc.word("true") || sc.word("false")) {
      f.kind = JsonField::Kind::Other;
    } else {
      return std::nullopt;  // numbers, arrays, objects, junk: the full parser
    }
    fields.push_back(std::move(f));
    if (sc.eat(',')) continue;
    if (!sc.eat('}')) return std::nullopt;
    sc.space();
    if (sc.i != line.size()) return std::nullopt;
    return fields;
  }
}

}  // namespace newsgraph::extract
