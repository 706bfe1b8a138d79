// The backtracking matcher for compiled patterns. Part of newsgraph::extract.
#include <algorithm>

#include "extract/labels.hpp"
#include "extract/pattern.hpp"

namespace newsgraph::extract {
namespace {

bool class_matches(TokenClass cls, const Token& t, bool covered) {
  switch (cls) {
    case TokenClass::Any: return true;
    case TokenClass::Cap: return t.cap;
    case TokenClass::CapWord: return t.cap && t.alpha && !covered && !t.function;
    case TokenClass::Upper: return t.upper;
    case TokenClass::Lower: return t.alpha && !t.cap;
    case TokenClass::Num: return t.digit;
    case TokenClass::Punct: return !t.alpha && !t.digit;
    case TokenClass::Initial: return t.text.size() == 2 && t.cap && t.text[1] == '.';
    case TokenClass::Start: return false;  // zero-width: match_at and can_consume handle it
    case TokenClass::Quote:
      return t.text == "\"" || t.text == "\u201C" || t.text == "\u201D" || t.text == "\u00AB" || t.text == "\u00BB" ||
             t.text == "\u2018" || t.text == "\u2019" || t.text == "'";
  }
  return false;
}

struct LogEntry {
  std::uint32_t slot;
  std::uint32_t pos;
  bool open;
};

struct Job {
  std::uint32_t pc;
  std::uint32_t pos;
  std::size_t log_len;
};

}  // namespace

SentenceIndex::SentenceIndex(const Sentence& s, const Vocabulary* v) : sentence(&s), vocab(v) {
  if (vocab) {
    norm_ids.reserve(s.tokens.size());
    text_ids.reserve(s.tokens.size());
    has_norm.assign(vocab->size() + 1, false);
    has_text.assign(vocab->size() + 1, false);
    for (const auto& t : s.tokens) {
      norm_ids.push_back(vocab->find(t.norm));
      text_ids.push_back(t.text == t.norm ? norm_ids.back() : vocab->find(t.text));
      has_norm[norm_ids.back()] = true;
      has_text[text_ids.back()] = true;
    }
  }
  rebuild();
}

void SentenceIndex::rebuild() {
  const auto n = sentence->tokens.size();
  covered.assign(n, false);
  starts.assign(n + 1, {});
  has_label.assign(has_label.size(), false);
  for (std::uint32_t m = 0; m < sentence->mentions.size(); ++m) {
    const auto& mention = sentence->mentions[m];
    if (mention.begin >= n) continue;
    starts[mention.begin].push_back(m);
    if (mention.label >= has_label.size()) has_label.resize(mention.label + 1u, false);
    has_label[mention.label] = true;
    if (mention.label == label::kName) continue;
    for (auto i = mention.begin; i < mention.end && i < n; ++i) covered[i] = true;
  }
}

namespace {

// The id of token `pos` (its folded form, or as written when `exact`) in the
// program's vocabulary: from the index when it was built with that
// vocabulary, else looked up now.
std::uint32_t word_id(const Program& prog, const SentenceIndex& index, std::uint32_t pos, bool exact) {
  if (index.vocab == prog.vocab.get()) return exact ? index.text_ids[pos] : index.norm_ids[pos];
  const auto& t = index.sentence->tokens[pos];
  return prog.vocab->find(exact ? t.text : t.norm);
}

bool in_set(const std::vector<std::uint32_t>& set, std::uint32_t id) {
  return id != Vocabulary::kUnknown && std::binary_search(set.begin(), set.end(), id);
}

// Whether instruction `in` can consume something at `pos`.
bool can_consume(const Program& prog, const Program::Inst& in, const SentenceIndex& index, std::uint32_t pos) {
  const auto& tokens = index.sentence->tokens;
  if (pos >= tokens.size()) return false;
  switch (in.op) {
    case Program::Op::Word:
    case Program::Op::Text:
      return in_set(prog.word_ids[in.x], word_id(prog, index, pos, in.op == Program::Op::Text));
    case Program::Op::Class:
      if (in.cls == TokenClass::Start) return pos == 0;
      return class_matches(in.cls, tokens[pos], index.covered[pos]);
    case Program::Op::Mention: {
      const auto& set = prog.label_sets[in.x];
      for (auto m : index.starts[pos]) {
        if (std::binary_search(set.begin(), set.end(), index.sentence->mentions[m].label)) return true;
      }
      return false;
    }
    default:
      return true;
  }
}

// Whether some instruction of prog.first can consume token `pos`: the same
// as testing each with can_consume, with one test per kind of instruction.
bool can_start(const Program& prog, const SentenceIndex& index, std::uint32_t pos) {
  if (pos >= index.sentence->tokens.size()) return false;
  if (index.vocab != prog.vocab.get()) {
    return std::any_of(prog.first.begin(), prog.first.end(),
                       [&](std::uint32_t pc) { return can_consume(prog, prog.insts[pc], index, pos); });
  }
  const auto has = [](const std::vector<bool>& bits, std::uint32_t id) { return id < bits.size() && bits[id]; };
  if (has(prog.first_words, index.norm_ids[pos]) || has(prog.first_texts, index.text_ids[pos])) return true;
  if (!prog.first_labels.empty()) {
    for (const auto m : index.starts[pos]) {
      const auto label = index.sentence->mentions[m].label;
      if (std::binary_search(prog.first_labels.begin(), prog.first_labels.end(), label)) return true;
    }
  }
  return std::any_of(prog.first_classes.begin(), prog.first_classes.end(),
                     [&](std::uint32_t pc) { return can_consume(prog, prog.insts[pc], index, pos); });
}

}  // namespace

bool may_match(const Program& prog, const SentenceIndex& index) {
  if (index.vocab != prog.vocab.get() || !index.vocab) return true;
  const auto has = [](const std::vector<bool>& bits, auto id) { return id < bits.size() && bits[id]; };
  for (const auto& c : prog.required) {
    const bool held = std::any_of(c.words.begin(), c.words.end(), [&](auto id) { return has(index.has_norm, id); }) ||
                      std::any_of(c.texts.begin(), c.texts.end(), [&](auto id) { return has(index.has_text, id); }) ||
                      std::any_of(c.labels.begin(), c.labels.end(), [&](auto l) { return has(index.has_label, l); });
    if (!held) return false;
  }
  return true;
}

std::uint32_t next_start(const Program& prog, const SentenceIndex& index, std::uint32_t from) {
  const auto n = static_cast<std::uint32_t>(index.sentence->tokens.size());
  if (prog.first.empty()) return std::min(from, n);
  while (from < n && !can_start(prog, index, from)) ++from;
  return from;
}

namespace {

// Whether token `pos` can pass the guard `g` of a split branch (always when
// there is none, or the index was built with another vocabulary).
bool guard_holds(const Program& prog, std::int32_t g, const SentenceIndex& index, std::uint32_t pos) {
  if (g < 0 || index.vocab != prog.vocab.get()) return true;
  if (pos >= index.sentence->tokens.size()) return false;
  const auto& c = prog.guards[static_cast<std::size_t>(g)];
  if (in_set(c.words, index.norm_ids[pos]) || in_set(c.texts, index.text_ids[pos])) return true;
  if (c.labels.empty()) return false;
  for (const auto m : index.starts[pos]) {
    if (std::binary_search(c.labels.begin(), c.labels.end(), index.sentence->mentions[m].label)) return true;
  }
  return false;
}

}  // namespace

bool match_at(const Program& prog, const SentenceIndex& index, std::uint32_t start,
              PatternMatch& out) {
  if (!prog.first.empty() && !can_start(prog, index, start)) return false;
  const auto& tokens = index.sentence->tokens;
  const auto& mentions = index.sentence->mentions;
  const auto n = static_cast<std::uint32_t>(tokens.size());
  const std::size_t width = n + 1;
  // Visited (instruction, token) pairs, stamped with a per-call generation so
  // the buffer is reused without clearing.
  thread_local std::vector<std::uint32_t> stamps;
  thread_local std::uint32_t generation = 0;
  if (stamps.size() < prog.insts.size() * width) stamps.assign(prog.insts.size() * width, 0);
  if (++generation == 0) {
    std::fill(stamps.begin(), stamps.end(), 0);
    generation = 1;
  }
  // Reused across calls (most calls that get this far fail at once).
  thread_local std::vector<Job> stack;
  thread_local std::vector<LogEntry> log;
  stack.assign(1, Job{0, start, 0});
  log.clear();

  while (!stack.empty()) {
    const Job job = stack.back();
    stack.pop_back();
    log.resize(job.log_len);
    std::uint32_t pc = job.pc, pos = job.pos;
    for (;;) {
      // Position-major: the instructions tried at one token sit together in memory.
      const std::size_t key = pos * prog.insts.size() + pc;
      if (stamps[key] == generation) break;
      stamps[key] = generation;
      const auto& in = prog.insts[pc];
      bool ok = true;
      switch (in.op) {
        case Program::Op::Word:
        case Program::Op::Text:
          ok = pos < n && in_set(prog.word_ids[in.x], word_id(prog, index, pos, in.op == Program::Op::Text));
          if (ok) { ++pc; ++pos; }
          break;
        case Program::Op::Class:
          if (in.cls == TokenClass::Start) {  // zero-width
            ok = pos == 0;
            if (ok) ++pc;
            break;
          }
          ok = pos < n && class_matches(in.cls, tokens[pos], index.covered[pos]);
          if (ok) { ++pc; ++pos; }
          break;
        case Program::Op::Mention: {
          const auto& set = prog.label_sets[in.x];
          thread_local std::vector<std::uint32_t> ends;  // reused: no allocation per step
          ends.clear();
          for (auto m : index.starts[pos]) {
            if (std::binary_search(set.begin(), set.end(), mentions[m].label)) ends.push_back(mentions[m].end);
          }
          if (ends.empty()) { ok = false; break; }
          // Longer mentions first; the others are tried on backtracking.
          if (ends.size() > 1) {
            std::sort(ends.begin(), ends.end());
            ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
          }
          for (std::size_t i = 0; i + 1 < ends.size(); ++i) stack.push_back({pc + 1, ends[i], log.size()});
          ++pc;
          pos = ends.back();
          break;
        }
        case Program::Op::Split: {
          // A branch whose first token cannot be this one is not entered.
          const auto& g = prog.split_guards[pc];
          if (guard_holds(prog, g[1], index, pos)) stack.push_back({in.y, pos, log.size()});
          ok = guard_holds(prog, g[0], index, pos);
          if (ok) pc = in.x;
          break;
        }
        case Program::Op::Jmp:
          pc = in.x;
          break;
        case Program::Op::Open:
        case Program::Op::Close:
          log.push_back({in.x, pos, in.op == Program::Op::Open});
          ++pc;
          break;
        case Program::Op::Match: {
          out.begin = start;
          out.end = pos;
          out.captures.clear();
          std::vector<std::vector<std::uint32_t>> open(prog.capture_count);
          for (const auto& e : log) {
            if (e.open) {
              open[e.slot].push_back(e.pos);
            } else if (!open[e.slot].empty()) {
              const auto b = open[e.slot].back();
              open[e.slot].pop_back();
              out.captures.push_back({e.slot, b, e.pos});
            }
          }
          return true;
        }
      }
      if (!ok) break;
    }
  }
  return false;
}

}  // namespace newsgraph::extract
