// Loading and compiling rule files. Part of newsgraph::extract.
#include "extract/rules.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace newsgraph::extract {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// The arguments each fact kind takes; required ones are marked.
struct ArgSpec {
  const char* name;
  bool required;
};
const std::map<std::string, std::pair<FactKind, std::vector<ArgSpec>>, std::less<>>& fact_specs() {
  static const std::map<std::string, std::pair<FactKind, std::vector<ArgSpec>>, std::less<>> kSpecs{
      {"position", {FactKind::Position, {{"person", true}, {"role", true}, {"org", false}, {"former", false}}}},
      {"nationality", {FactKind::Nationality, {{"person", true}, {"country", true}}}},
      {"meeting", {FactKind::Meeting, {{"person1", true}, {"person2", true}, {"date", false}, {"place", false}, {"planned", false},
                                 {"host", false}, {"guest", false}}}},
      {"visit", {FactKind::Visit, {{"person", true}, {"place", true}, {"date", false}, {"planned", false}}}},
      {"statement", {FactKind::Statement, {{"person", true}, {"quote", true}, {"direct", false}}}},
      {"agreement", {FactKind::Agreement, {{"name", true}, {"party", false}, {"signer", false}, {"date", false},
                                           {"place", false}, {"planned", false}}}},
      {"invitation", {FactKind::Invitation, {{"person1", true}, {"person2", true}, {"place", false}, {"date", false}}}},
      {"proposal", {FactKind::Proposal, {{"person", true}, {"quote", true}, {"person2", false}, {"date", false}}}},
      {"event", {FactKind::Event, {{"name", true}, {"participant", false}, {"place", false}, {"date", false},
                                   {"planned", false}}}},
      {"project", {FactKind::Project, {{"name", true}, {"place", false}, {"org", false}, {"date", false},
                                       {"planned", false}}}},
      {"relation", {FactKind::Relation, {{"country1", true}, {"country2", true}, {"name", true}, {"since", false}}}},
  };
  return kSpecs;
}

// One field of a rule block, with where its value starts.
struct Field {
  std::string value;
  std::size_t line = 0;
  std::size_t col = 0;  // column of the value's first character
};

struct RuleBlock {
  std::string file;
  std::size_t line = 0;
  bool is_define = false;
  std::string define_name;
  std::map<std::string, Field, std::less<>> fields;
};

// Splits a file into rule blocks and defines. Continuation lines (indented)
// extend the previous field with a space.
std::vector<RuleBlock> split_blocks(const std::string& file, const std::string& text,
                                std::vector<std::string>& errors) {
  std::vector<RuleBlock> blocks;
  Field* last = nullptr;
  std::size_t n = 0, pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') {
      if (t.empty()) last = nullptr;
      if (nl == text.size()) break;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(line[0])) && last) {
      last->value += " " + t;
      continue;
    }
    if (t.rfind("define ", 0) == 0) {
      const auto eq = t.find('=');
      RuleBlock b;
      b.file = file;
      b.line = n;
      b.is_define = true;
      if (eq == std::string::npos) {
        errors.push_back(file + ":" + std::to_string(n) + ":1: define needs 'define NAME = pattern'");
        last = nullptr;
        continue;
      }
      b.define_name = trim(t.substr(7, eq - 7));
      const auto vstart = line.find('=') + 1;
      Field f{trim(t.substr(eq + 1)), n, line.find_first_not_of(' ', vstart) + 1};
      b.fields["pattern"] = f;
      blocks.push_back(std::move(b));
      last = &blocks.back().fields["pattern"];
      continue;
    }
    const auto colon = t.find(':');
    if (colon == std::string::npos) {
      errors.push_back(file + ":" + std::to_string(n) + ":1: expected 'field: value', found '" + t + "'");
      last = nullptr;
      continue;
    }
    const std::string key = trim(t.substr(0, colon));
    const auto lead = line.find_first_not_of(" \t");
    const auto vcol = line.find_first_not_of(" \t", lead + colon + 1);
    Field f{trim(t.substr(colon + 1)), n, vcol == std::string::npos ? line.size() + 1 : vcol + 1};
    if (key == "rule") {
      RuleBlock b;
      b.file = file;
      b.line = n;
      blocks.push_back(std::move(b));
    } else if (blocks.empty() || blocks.back().is_define) {
      errors.push_back(file + ":" + std::to_string(n) + ":1: '" + key + ":' outside a rule");
      last = nullptr;
      continue;
    }
    auto& fields = blocks.back().fields;
    if (fields.count(key)) {
      errors.push_back(file + ":" + std::to_string(n) + ":1: rule field '" + key + "' given twice");
    }
    fields[key] = f;
    last = &fields[key];
    if (nl == text.size()) break;
  }
  return blocks;
}

std::vector<std::string> split_top(const std::string& s, char sep) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char c : s) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == sep && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

}  // namespace

int Emit::arg(std::string_view name, const std::vector<Capture>& caps) const {
  const auto it = args.find(name);
  if (it == args.end()) return -1;
  for (const int slot : it->second) {
    for (std::size_t i = 0; i < caps.size(); ++i) {
      if (static_cast<int>(caps[i].slot) == slot) return slot;
    }
  }
  return -1;
}

Result<RuleSet> RuleSet::parse(const std::vector<std::pair<std::string, std::string>>& files,
                               LabelTable& labels) {
  std::vector<std::string> errors;
  std::vector<RuleBlock> blocks;
  for (const auto& [file, text] : files) {
    auto b = split_blocks(file, text, errors);
    blocks.insert(blocks.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  }
  // Labels that rules make are known to every pattern, whatever the file order.
  for (const auto& b : blocks) {
    const auto e = b.fields.find("emit");
    const auto ph = b.fields.find("phase");
    if (b.is_define || e == b.fields.end() || (ph != b.fields.end() && ph->second.value == "facts")) continue;
    for (const auto& part : split_top(e->second.value, ';')) {
      std::string name = part.substr(0, part.find('('));
      name = trim(name);
      if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) || c == '_' || std::isdigit(static_cast<unsigned char>(c));
          })) {
        labels.intern(name);
      }
    }
  }

  // Defines are parsed when first used, so their order does not matter; a
  // define that uses itself, directly or not, is an error.
  std::map<std::string, const RuleBlock*, std::less<>> defines;
  for (const auto& b : blocks) {
    if (!b.is_define) continue;
    if (!defines.emplace(b.define_name, &b).second) {
      errors.push_back(b.file + ":" + std::to_string(b.line) + ":1: define " + b.define_name + ": defined twice");
    }
  }
  std::map<std::string, ParsedPattern, std::less<>> macros;
  std::set<std::string, std::less<>> parsing, failed;
  PatternEnv env{&labels, &macros, false, {}};
  env.resolve_macro = [&](std::string_view name) -> const ParsedPattern* {
    if (const auto it = macros.find(name); it != macros.end()) return &it->second;
    const auto d = defines.find(name);
    if (d == defines.end() || failed.count(name)) return nullptr;
    const RuleBlock& b = *d->second;
    const auto& f = b.fields.at("pattern");
    if (!parsing.insert(std::string(name)).second) {
      errors.push_back(b.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.col) + ": define " +
                       b.define_name + ": uses itself");
      failed.insert(std::string(name));
      return nullptr;
    }
    auto p = parse_pattern(f.value, env);
    parsing.erase(std::string(name));
    if (!p) {
      if (!failed.count(name)) {
        errors.push_back(b.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.col + p.status().pos()->col - 1) +
                         ": define " + b.define_name + ": " + p.status().message());
      }
      failed.insert(std::string(name));
      return nullptr;
    }
    return &macros.emplace(std::string(name), std::move(p.value())).first->second;
  };
  RuleSet set;
  set.vocab_ = std::make_shared<Vocabulary>();
  std::set<std::string> names;
  for (const auto& b : blocks) {
    const auto where = [&](std::size_t line, std::size_t col) {
      return b.file + ":" + std::to_string(line) + ":" + std::to_string(col);
    };
    if (b.is_define) {
      env.resolve_macro(b.define_name);  // checked even when no rule uses it
      continue;
    }
    Rule r;
    r.name = b.fields.count("rule") ? b.fields.at("rule").value : "";
    r.pos = SourcePos{b.file, b.line, 1};
    const auto err = [&](const Field* f, std::size_t col_offset, const std::string& msg) {
      errors.push_back((f ? where(f->line, f->col + col_offset) : where(b.line, 1)) + ": rule " +
                       (r.name.empty() ? "?" : r.name) + ": " + msg);
    };
    if (r.name.empty()) err(nullptr, 0, "rule has no name");
    else if (!names.insert(r.name).second) err(&b.fields.at("rule"), 0, "a rule of this name is already defined");
    for (const auto& [key, f] : b.fields) {
      static const std::set<std::string, std::less<>> kKnown{"rule", "phase", "priority", "example", "pattern", "emit"};
      if (!kKnown.count(key)) err(&f, 0, "unknown field '" + key + "'");
    }
    const Field* phase = b.fields.count("phase") ? &b.fields.at("phase") : nullptr;
    if (!phase) err(nullptr, 0, "missing 'phase:'");
    else if (phase->value == "entities") r.phase = Phase::Entities;
    else if (phase->value == "persons") r.phase = Phase::Persons;
    else if (phase->value == "facts") r.phase = Phase::Facts;
    else err(phase, 0, "phase must be entities, persons or facts, not '" + phase->value + "'");
    if (const auto it = b.fields.find("priority"); it != b.fields.end()) {
      try {
        r.priority = std::stoi(it->second.value);
      } catch (...) {
        err(&it->second, 0, "priority must be a number");
      }
    }
    if (const auto it = b.fields.find("example"); it != b.fields.end() && !it->second.value.empty()) {
      r.example = it->second.value;
    } else {
      err(nullptr, 0, "missing 'example:' (every rule documents itself with one)");
    }
    const Field* pat = b.fields.count("pattern") ? &b.fields.at("pattern") : nullptr;
    if (!pat) {
      err(nullptr, 0, "missing 'pattern:'");
      continue;
    }
    r.pattern = pat->value;
    auto parsed = parse_pattern(pat->value, env);
    if (!parsed) {
      err(pat, parsed.status().pos()->col - 1, parsed.status().message());
      continue;
    }
    r.captures = parsed->captures;
    r.program = compile_pattern(parsed.value(), set.vocab_);
    const Field* emit = b.fields.count("emit") ? &b.fields.at("emit") : nullptr;
    if (!emit) {
      err(nullptr, 0, "missing 'emit:'");
      continue;
    }
    const auto slot_of = [&](const std::string& name) {
      const auto it = std::find(r.captures.begin(), r.captures.end(), name);
      return it == r.captures.end() ? -1 : static_cast<int>(it - r.captures.begin());
    };
    for (const auto& part : split_top(emit->value, ';')) {
      Emit e;
      const auto open = part.find('(');
      const std::string head = trim(part.substr(0, open));
      std::string inner;
      if (open != std::string::npos) {
        const auto close = part.rfind(')');
        if (close == std::string::npos || close < open) {
          err(emit, 0, "missing ')' in '" + part + "'");
          continue;
        }
        inner = part.substr(open + 1, close - open - 1);
      }
      if (r.phase != Phase::Facts) {
        LabelId id = 0;
        if (!labels.find(head, id)) {
          err(emit, 0, "'" + head + "' is not a label (labels are upper case)");
          continue;
        }
        e.label = id;
        if (!trim(inner).empty()) {
          e.capture = slot_of(trim(inner));
          if (e.capture < 0) err(emit, 0, "no capture named '" + trim(inner) + "' in the pattern");
        }
        r.emits.push_back(std::move(e));
        continue;
      }
      const auto spec = fact_specs().find(head);
      if (spec == fact_specs().end()) {
        std::string kinds;
        for (const auto& [k, v] : fact_specs()) kinds += (kinds.empty() ? "" : ", ") + k;
        err(emit, 0, "unknown fact kind '" + head + "' (" + kinds + ")");
        continue;
      }
      e.fact = true;
      e.kind = spec->second.first;
      for (const auto& a : split_top(inner, ',')) {
        const auto eq = a.find('=');
        if (eq == std::string::npos) {
          err(emit, 0, "argument '" + a + "' must be name=capture");
          continue;
        }
        const std::string name = trim(a.substr(0, eq));
        const auto& args = spec->second.second;
        if (std::none_of(args.begin(), args.end(), [&](const ArgSpec& s) { return name == s.name; })) {
          err(emit, 0, head + " has no argument '" + name + "'");
          continue;
        }
        for (const auto& cap : split_top(a.substr(eq + 1), '|')) {
          const int slot = slot_of(cap);
          if (slot < 0) err(emit, 0, "no capture named '" + cap + "' in the pattern");
          e.args[name].push_back(slot);
        }
      }
      for (const auto& s : spec->second.second) {
        if (s.required && !e.args.count(s.name)) err(emit, 0, head + " needs '" + s.name + "='");
      }
      r.emits.push_back(std::move(e));
    }
    set.rules_.push_back(std::move(r));
  }
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    all.pop_back();
    return Status(Code::BadSyntax, all);
  }
  std::stable_sort(set.rules_.begin(), set.rules_.end(), [](const Rule& a, const Rule& b) {
    if (a.phase != b.phase) return a.phase < b.phase;
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.name < b.name;
  });
  set.index_words();
  return set;
}

void RuleSet::index_words() {
  WordClauses& w = clauses_;
  w = {};
  // Clauses naming a label are left to may_match: labels change as rules run.
  std::map<std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>, std::size_t> numbers;
  std::vector<std::vector<std::size_t>> needs(rules_.size());
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    for (const auto& c : rules_[r].program.required) {
      if (!c.labels.empty() || (c.words.empty() && c.texts.empty())) continue;
      const auto [it, added] = numbers.try_emplace({c.words, c.texts}, numbers.size());
      needs[r].push_back(it->second);
    }
  }
  // Up to kFastWidth words, masks are that wide (scan<kFastWidth> then has
  // the width as a constant).
  w.width = std::max(kFastWidth, (numbers.size() + 63) / 64);
  const std::size_t ids = vocab_ ? vocab_->size() + 1 : 0;  // ids 1..size; 0 is kUnknown, in no clause
  w.norm.assign(ids * w.width, 0);
  w.text.assign(ids * w.width, 0);
  w.need.assign(rules_.size() * w.width, 0);
  const auto set = [&](std::vector<std::uint64_t>& masks, std::size_t row, std::size_t clause) {
    masks[row * w.width + clause / 64] |= std::uint64_t{1} << (clause % 64);
  };
  for (const auto& [words_texts, clause] : numbers) {
    for (const auto id : words_texts.first) set(w.norm, id, clause);
    for (const auto id : words_texts.second) set(w.text, id, clause);
  }
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    for (const auto clause : needs[r]) set(w.need, r, clause);
  }
  // rules_ is sorted by phase first.
  w.phase_begin.assign(4, 0);
  for (const auto& rule : rules_) ++w.phase_begin[static_cast<std::size_t>(rule.phase) + 1];
  for (std::size_t p = 1; p < w.phase_begin.size(); ++p) w.phase_begin[p] += w.phase_begin[p - 1];
  // The rows of each id, and which of them hold a clause.
  w.both.assign(ids * w.width, 0);
  w.in_clause.assign(ids, 0);
  for (std::size_t id = 0; id < ids; ++id) {
    std::uint64_t norm = 0, text = 0;
    for (std::size_t k = 0; k < w.width; ++k) {
      norm |= w.norm[id * w.width + k];
      text |= w.text[id * w.width + k];
      w.both[id * w.width + k] = w.norm[id * w.width + k] | w.text[id * w.width + k];
    }
    w.in_clause[id] = static_cast<std::uint8_t>((norm ? 1 : 0) | (text ? 2 : 0) | (norm | text ? 4 : 0));
  }
  // Each rule under its first word clause (needs[r] follows Program::required, rarest first).
  w.count = numbers.size();
  std::size_t most = 0;
  for (std::size_t p = 0; p < 3; ++p) most = std::max<std::size_t>(most, w.phase_begin[p + 1] - w.phase_begin[p]);
  w.rule_width = std::max<std::size_t>(1, (most + 63) / 64);
  w.keyed.assign(3 * w.count * w.rule_width, 0);
  w.multi.assign(3 * w.rule_width, 0);
  w.unkeyed.assign(3 * w.rule_width, 0);
  w.keys.assign(3 * w.width, 0);
  for (std::uint32_t r = 0; r < rules_.size(); ++r) {
    const auto p = static_cast<std::size_t>(rules_[r].phase);
    const std::size_t bit = r - w.phase_begin[p];
    const auto mark = [&](std::vector<std::uint64_t>& masks, std::size_t row) {
      masks[row * w.rule_width + bit / 64] |= std::uint64_t{1} << (bit % 64);
    };
    if (needs[r].empty()) {
      mark(w.unkeyed, p);
      continue;
    }
    mark(w.keyed, p * w.count + needs[r].front());
    if (needs[r].size() > 1) mark(w.multi, p);
    set(w.keys, p, needs[r].front());
  }
  labels_.assign(rules_.size(), {});
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    auto& l = labels_[r];
    std::size_t anys = 0;
    for (const auto& c : rules_[r].program.required) {
      if (c.labels.empty()) continue;  // candidates() checks the word clauses
      const bool narrow = c.words.empty() && c.texts.empty() && (c.label_bits & kWideLabels) == 0;
      if (narrow && c.labels.size() == 1) {
        l.need |= c.label_bits;
      } else if (narrow && anys < l.any.size()) {
        l.any[anys++] = c.label_bits;
      } else {
        l.other = true;
      }
    }
  }
  w.rest.assign(rules_.size(), {});
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    if (needs[r].size() < 2) continue;
    auto& rest = w.rest[r];
    bool first = true;
    for (std::size_t k = 0; k < w.width; ++k) {
      auto bits = w.need[r * w.width + k];
      if (k == needs[r].front() / 64) bits &= ~(std::uint64_t{1} << (needs[r].front() % 64));  // the key: held
      if (bits == 0) continue;
      if (first) {
        rest.word = static_cast<std::uint32_t>(k);
        rest.bits = bits;
        first = false;
      } else {
        rest.more = true;
      }
    }
  }
}

void RuleSet::candidates(Phase phase, const SentenceIndex& index, std::vector<std::uint32_t>& out) const {
  const WordClauses& w = clauses_;
  out.clear();
  if (index.vocab != vocab_.get() || !vocab_) {
    for (std::uint32_t r = 0; r < rules_.size(); ++r) {
      if (rules_[r].phase == phase) out.push_back(r);
    }
    return;
  }
  if (w.width == kFastWidth) {
    scan<kFastWidth>(w, phase, index, out);
  } else {
    scan<0>(w, phase, index, out);
  }
}

// candidates() with the clause masks `W` words wide (0: w.width, read at
// run time); a fixed width keeps the masks in registers.
template <std::size_t W>
void RuleSet::scan(const WordClauses& w, Phase phase, const SentenceIndex& index, std::vector<std::uint32_t>& out) {
  const std::size_t width = W ? W : w.width;  // == w.width
  auto& mask = index.clause_mask;
  if (!index.has_clause_mask) {
    // The clauses the sentence's words hold, ORed in locals (in registers
    // when W is fixed: through an array whose address is taken each OR was
    // a load and a store). Most words are in no rule (id 0, kUnknown) or
    // in no clause of one: one test each.
    std::array<std::uint64_t, W ? W : 1> fixed{};
    std::vector<std::uint64_t> wide(W ? 0 : width, 0);
    const std::size_t ids = w.in_clause.size();
    const std::uint8_t* const in_clause = w.in_clause.data();
    const std::uint32_t* const norm = index.norm_ids.data();
    const std::uint32_t* const text = index.text_ids.data();
    const auto add = [&](const std::vector<std::uint64_t>& masks, std::uint32_t id) {
      const std::uint64_t* const m = masks.data() + std::size_t{id} * width;
      if constexpr (W != 0) {
        for (std::size_t k = 0; k < W; ++k) fixed[k] |= m[k];
      } else {
        for (std::size_t k = 0; k < width; ++k) wide[k] |= m[k];
      }
    };
    for (std::size_t t = 0, n = index.norm_ids.size(); t < n; ++t) {
      const auto a = norm[t], b = text[t];
      if (a == b) {
        if (a < ids && (in_clause[a] & 4)) add(w.both, a);
        continue;
      }
      if (a < ids && (in_clause[a] & 1)) add(w.norm, a);
      if (b < ids && (in_clause[b] & 2)) add(w.text, b);
    }
    if constexpr (W != 0) {
      mask.assign(fixed.begin(), fixed.end());
    } else {
      mask = wide;
    }
    index.has_clause_mask = true;
  }
  const std::uint64_t* const held = mask.data();
  const auto p = static_cast<std::size_t>(phase);
  out.clear();
  const std::size_t rw = w.rule_width;
  const std::uint64_t* const keys = w.keys.data() + p * width;
  const std::uint64_t* const keyed = w.keyed.data() + p * w.count * rw;
  for (std::size_t word = 0; word < rw; ++word) {
    // The rules (of this word of the phase's mask) keyed by a clause held;
    // those that need others too are kept when they hold them all.
    std::uint64_t found = w.unkeyed[p * rw + word];
    std::uint64_t check = 0;
    for (std::size_t k = 0; k < width; ++k) {
      for (auto bits = held[k] & keys[k]; bits != 0; bits &= bits - 1) {
        const auto c = k * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        found |= keyed[c * rw + word];
      }
    }
    check = found & w.multi[p * rw + word];
    const std::uint32_t base = w.phase_begin[p] + static_cast<std::uint32_t>(word * 64);
    const WordClauses::Rest* const rest = w.rest.data();
    for (; check != 0; check &= check - 1) {
      const auto r = base + static_cast<std::uint32_t>(std::countr_zero(check));
      bool missing = (held[rest[r].word] & rest[r].bits) != rest[r].bits;
      if (!missing && rest[r].more) {
        const std::uint64_t* const need = w.need.data() + std::size_t{r} * width;
        std::uint64_t lack = 0;
        for (std::size_t j = 0; j < width; ++j) lack |= need[j] & ~held[j];
        missing = lack != 0;
      }
      if (missing) found &= ~(std::uint64_t{1} << (r - base));
    }
    // Sized once and written through a pointer (push_back reloads the end
    // and capacity around each store).
    const auto at = out.size();
    out.resize(at + static_cast<std::size_t>(std::popcount(found)));
    std::uint32_t* o = out.data() + at;
    for (; found != 0; found &= found - 1) *o++ = base + static_cast<std::uint32_t>(std::countr_zero(found));
  }
}


Result<RuleSet> RuleSet::load(const std::vector<std::string>& dirs, LabelTable& labels) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<fs::path> paths;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".rules") paths.push_back(it->path());
    }
    if (ec) return Status(Code::IoError, "cannot read rules folder: " + ec.message(), SourcePos{dir, 0, 0});
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      if (!in) return Status(Code::IoError, "cannot read rule file", SourcePos{p.string(), 0, 0});
      files.emplace_back(p.string(), std::string(std::istreambuf_iterator<char>(in), {}));
    }
  }
  auto set = parse(files, labels);
  if (!set) return set;
  for (const auto& dir : dirs) {
    const auto path = fs::path(dir) / "confidence.tsv";
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status(Code::IoError, "cannot read", SourcePos{path.string(), 0, 0});
    if (auto st = set->read_confidence(std::string(std::istreambuf_iterator<char>(in), {}), path.string()); !st) {
      return st;
    }
  }
  return set;
}

Status RuleSet::read_confidence(const std::string& text, const std::string& file) {
  std::map<std::string, FactKind, std::less<>> kinds;
  for (const auto& [name, spec] : fact_specs()) kinds[name] = spec.first;
  std::size_t n = 0;
  bool header = true;
  for (std::size_t pos = 0; pos < text.size();) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // rule, kind, found, correct, confidence
      header = false;
      continue;
    }
    std::vector<std::string> cols;
    for (std::size_t b = 0;;) {
      const auto tab = line.find('\t', b);
      cols.push_back(line.substr(b, tab == std::string::npos ? std::string::npos : tab - b));
      if (tab == std::string::npos) break;
      b = tab + 1;
    }
    const auto kind = cols.size() == 5 ? kinds.find(cols[1]) : kinds.end();
    char* end = nullptr;
    const double c = cols.size() == 5 ? std::strtod(cols[4].c_str(), &end) : -1;
    if (kind == kinds.end() || !end || *end || !(c >= 0 && c <= 1)) {
      return Status(Code::BadSyntax, "expected rule, fact kind, found, correct, confidence in [0,1]",
                    SourcePos{file, n, 1});
    }
    confidence_[{cols[0], kind->second}] = c;
  }
  return Status::ok();
}

std::optional<double> RuleSet::confidence(std::string_view rule, FactKind kind) const {
  const auto it = confidence_.find({std::string(rule), kind});
  if (it == confidence_.end()) return std::nullopt;
  return it->second;
}

}  // namespace newsgraph::extract
