// Fuzz target: the article reader (text header blocks and JSON lines) and
// the cleaner. Nothing may crash; every byte sequence gives valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/cleaner.hpp"
#include "extract/reader.hpp"
#include "extract/text.hpp"
#include <unicode/utf8.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph::extract;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diags;
  Article a = parse_text_article(bytes, "fuzz.txt", diags);
  // The text is valid UTF-8 whatever came in.
  const auto* s = reinterpret_cast<const std::uint8_t*>(a.text.data());
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(a.text.size()); i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) __builtin_trap();
  }
  const auto blocks = clean_article(a);
  for (const auto& b : blocks) {
    if (b.begin > b.end || b.end > a.text.size()) __builtin_trap();
  }
  if (auto j = parse_json_article(bytes, "fuzz.jsonl", 1, diags)) clean_article(*j);
  return 0;
}
