// Fuzz target: the rule-file parser and compiler, then the compiled rules
// run over a fixed sentence. Errors are fine; crashes and hangs are not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/pattern.hpp"
#include "extract/rules.hpp"
#include "fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsgraph::extract;
  LabelTable labels;
  auto rules = RuleSet::parse({{"fuzz.rules", std::string(reinterpret_cast<const char*>(data), size)}}, labels);
  if (!rules) {
    if (rules.status().message().empty()) __builtin_trap();  // an error always says why
    return 0;
  }
  static const Sentence sentence = [] {
    Article a;
    a.text = "Chilean President Gabriel Boric met Peruvian Foreign Minister Elmer Schialer in Lima on Monday.";
    auto x = newsgraph::fuzz::pipeline().run(a);
    return x.sentences.at(0);
  }();
  SentenceIndex index(sentence);
  for (const auto& r : rules->rules()) {
    for (std::uint32_t i = 0; i < sentence.tokens.size(); ++i) {
      PatternMatch m;
      if (match_at(r.program, index, i, m) && (m.begin != i || m.end > sentence.tokens.size())) __builtin_trap();
    }
  }
  return 0;
}
