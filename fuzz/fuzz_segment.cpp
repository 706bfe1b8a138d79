// Fuzz target: cleaning and segmentation. Sentences and tokens must lie
// inside the text, in order, and on UTF-8 character boundaries.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/cleaner.hpp"
#include "extract/text.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph::extract;
  Article a;
  a.text = clean_text(std::string(reinterpret_cast<const char*>(data), size));
  const auto blocks = clean_article(a);
  Extraction x = newsgraph::fuzz::pipeline().run(a);
  std::uint32_t last = 0;
  auto boundary = [&](std::uint32_t i) { return i == a.text.size() || (static_cast<unsigned char>(a.text[i]) & 0xC0) != 0x80; };
  for (const auto& s : x.sentences) {
    if (s.begin > s.end || s.end > a.text.size() || s.begin < last) __builtin_trap();
    last = s.begin;
    for (const auto& t : s.tokens) {
      if (t.begin >= t.end || t.end > a.text.size() || !boundary(t.begin) || !boundary(t.end)) __builtin_trap();
    }
    for (const auto& m : s.mentions) {
      if (m.begin >= m.end || m.end > s.tokens.size()) __builtin_trap();
    }
  }
  (void)blocks;
  return 0;
}
