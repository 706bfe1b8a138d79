// Compiling a PatternNode tree to a Program. Part of newsgraph::extract.
#include <algorithm>
#include <unordered_map>

#include "extract/pattern.hpp"

namespace newsgraph::extract {
namespace {

using Op = Program::Op;

class Compiler {
 public:
  Program run(const ParsedPattern& p, std::shared_ptr<Vocabulary> vocab) {
    prog_.capture_count = p.captures.size();
    emit(p.root);
    add({Op::Match});
    thread_jumps();
    first_set();
    if (!vocab) vocab = std::make_shared<Vocabulary>();
    for (const auto& set : prog_.word_sets) {
      std::vector<std::uint32_t> ids;
      for (const auto& w : set) ids.push_back(vocab->intern(w));
      std::sort(ids.begin(), ids.end());
      prog_.word_bits.emplace_back(ids);
      prog_.word_ids.push_back(std::move(ids));
    }
    prog_.required = required(p.root, *vocab);
    prog_.order = ordered(p.root, *vocab, kMaxNeeds);
    for (auto& need : prog_.order) need.clause = normalised(std::move(need.clause));
    // Word clauses first, smaller first: they fail most often and cheapest.
    std::stable_sort(prog_.required.begin(), prog_.required.end(), [&](const auto& a, const auto& b) {
      return selectivity(a, *vocab) < selectivity(b, *vocab);
    });
    std::vector<std::uint32_t> first_words, first_texts;
    for (const auto pc : prog_.first) {
      const auto& in = prog_.insts[pc];
      if (in.op == Op::Word || in.op == Op::Text) {
        auto& ids = in.op == Op::Word ? first_words : first_texts;
        ids.insert(ids.end(), prog_.word_ids[in.x].begin(), prog_.word_ids[in.x].end());
      } else if (in.op == Op::Mention) {
        const auto& set = prog_.label_sets[in.x];
        prog_.first_labels.insert(prog_.first_labels.end(), set.begin(), set.end());
        for (const auto l : set) prog_.first_label_bits |= label_bit(l);
      } else {
        prog_.first_class_bits |= static_cast<std::uint16_t>(in.y);  // the instruction's classes
      }
    }
    for (auto* ids : {&first_words, &first_texts}) std::sort(ids->begin(), ids->end());
    prog_.first_words = IdBits(first_words);
    prog_.first_texts = IdBits(first_texts);
    std::sort(prog_.first_labels.begin(), prog_.first_labels.end());
    prog_.first_labels.erase(std::unique(prog_.first_labels.begin(), prog_.first_labels.end()),
                             prog_.first_labels.end());
    prog_.first_sig = clause_sig(first_words, first_texts, prog_.first_labels);
    split_guards();
    class_runs();
    split_skips();
    prog_.vocab = std::move(vocab);
    return std::move(prog_);
  }

 private:
  std::uint32_t add(Program::Inst inst) {
    prog_.insts.push_back(inst);
    return static_cast<std::uint32_t>(prog_.insts.size() - 1);
  }
  // Splits and jumps point past chains of jumps to where they end (the end
  // of an inner alternative jumps to the end of the outer one, and so on),
  // so the VM takes one step where it took one per jump.
  void thread_jumps() {
    auto& insts = prog_.insts;
    const auto final_target = [&](std::uint32_t pc) {
      // A chain may loop only through a split, never jumps alone: the bound
      // is a guard against a malformed program, not a case that arises.
      for (std::size_t hops = 0; insts[pc].op == Op::Jmp && hops < insts.size(); ++hops) pc = insts[pc].x;
      return pc;
    };
    for (auto& in : insts) {
      if (in.op == Op::Jmp || in.op == Op::Split) in.x = final_target(in.x);
      if (in.op == Op::Split) in.y = final_target(in.y);
    }
    // The instruction after the last (Match) is never taken: it maps to itself.
    prog_.next.resize(insts.size());
    for (std::uint32_t pc = 0; pc < insts.size(); ++pc) {
      prog_.next[pc] = pc + 1 < insts.size() ? final_target(pc + 1) : pc;
    }
    prog_.entry = final_target(0);
  }

  std::uint32_t here() const { return static_cast<std::uint32_t>(prog_.insts.size()); }

  template <class T>
  static std::uint32_t intern(std::vector<std::vector<T>>& sets, std::vector<T> set) {
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    const auto it = std::find(sets.begin(), sets.end(), set);
    if (it != sets.end()) return static_cast<std::uint32_t>(it - sets.begin());
    sets.push_back(std::move(set));
    return static_cast<std::uint32_t>(sets.size() - 1);
  }

  void emit(const PatternNode& n) {
    using K = PatternNode::Kind;
    switch (n.kind) {
      case K::Word:
        add({n.exact ? Op::Text : Op::Word, intern(prog_.word_sets, n.words), 0, TokenClass::Any});
        return;
      case K::Class:
        add({Op::Class, 0, class_bit(n.cls), n.cls});
        return;
      case K::Mention:
        add({Op::Mention, intern(prog_.label_sets, n.labels), 0, TokenClass::Any});
        return;
      case K::Seq:
        for (const auto& c : n.children) emit(c);
        return;
      case K::Alt: {
        // (a|b|c) of plain words or of plain mentions is one set instruction.
        const bool exact = !n.children.empty() && n.children[0].exact;
        const bool words = std::all_of(n.children.begin(), n.children.end(),
                                       [&](const auto& c) { return c.kind == K::Word && c.exact == exact; });
        const bool mentions = std::all_of(n.children.begin(), n.children.end(),
                                          [](const auto& c) { return c.kind == K::Mention; });
        if (words || mentions) {
          PatternNode merged;
          merged.kind = words ? K::Word : K::Mention;
          merged.exact = words && exact;
          for (const auto& c : n.children) {
            merged.words.insert(merged.words.end(), c.words.begin(), c.words.end());
            merged.labels.insert(merged.labels.end(), c.labels.begin(), c.labels.end());
          }
          emit(merged);
          return;
        }
        // Leftmost-first takes the first branch that leads to a match, so
        // among plain literals the longer goes first: ("foreign affairs" |
        // foreign) rather than stopping at "foreign".
        auto literal_length = [](const PatternNode& c) -> std::size_t {
          if (c.kind == K::Word) return 1;
          if (c.kind != K::Seq) return 0;
          for (const auto& w : c.children) {
            if (w.kind != K::Word) return 0;
          }
          return c.children.size();
        };
        std::vector<const PatternNode*> order;
        for (const auto& c : n.children) order.push_back(&c);
        if (std::all_of(order.begin(), order.end(), [&](const PatternNode* c) { return literal_length(*c) > 0; })) {
          std::stable_sort(order.begin(), order.end(), [&](const PatternNode* a, const PatternNode* b) {
            return literal_length(*a) > literal_length(*b);
          });
        }
        // Adjacent word classes ((<lower> | <num> | -)) are one Class
        // instruction testing any of their bits: each consumes the same one
        // token and goes on at the same place, so which of them matched
        // cannot change the match, and the VM takes one step, not a split
        // and a jump per class.
        const auto mergeable = [](const PatternNode& c) {
          return c.kind == K::Class && c.cls != TokenClass::Start;
        };
        std::vector<std::vector<const PatternNode*>> groups;
        for (const auto* c : order) {
          if (!groups.empty() && mergeable(*c) && mergeable(*groups.back().front())) {
            groups.back().push_back(c);
          } else {
            groups.push_back({c});
          }
        }
        const auto emit_group = [&](const std::vector<const PatternNode*>& group) {
          if (group.size() == 1) return emit(*group.front());
          Program::Inst in{Op::Class, 0, 0, group.front()->cls};
          for (const auto* c : group) {
            in.y |= class_bit(c->cls);
            if (c->cls == TokenClass::Any) in.cls = TokenClass::Any;  // consumers() stops at <any>
          }
          add(in);
        };
        std::vector<std::uint32_t> jumps;
        for (std::size_t i = 0; i < groups.size(); ++i) {
          if (i + 1 < groups.size()) {
            const auto split = add({Op::Split});
            prog_.insts[split].x = here();
            emit_group(groups[i]);
            jumps.push_back(add({Op::Jmp}));
            prog_.insts[split].y = here();
          } else {
            emit_group(groups[i]);
          }
        }
        for (auto j : jumps) prog_.insts[j].x = here();
        return;
      }
      case K::Repeat: {
        for (int i = 0; i < n.min; ++i) emit(n.children[0]);
        if (n.max < 0) {
          const auto split = add({Op::Split});
          prog_.insts[split].x = here();
          emit(n.children[0]);
          add({Op::Jmp, split});
          prog_.insts[split].y = here();
          if (here() == split + 3 && one_class(split + 1)) {
            run_splits_.push_back({split, split, 0});
          } else if (alt_copy(split, here() - 1)) {
            run_splits_.push_back({split, split, 0, 0, true});
          }
          return;
        }
        std::vector<std::uint32_t> splits;
        for (int i = n.min; i < n.max; ++i) {
          const auto split = add({Op::Split});
          prog_.insts[split].x = here();
          splits.push_back(split);
          emit(n.children[0]);
        }
        for (auto s : splits) prog_.insts[s].y = here();
        // Each copy is one Class: a split and the class, repeated.
        if (!splits.empty() && here() == splits.front() + 2 * splits.size() && one_class(splits.front() + 1)) {
          run_splits_.push_back({splits.front(), splits.front(), static_cast<std::uint32_t>(splits.size())});
          return;
        }
        // Each copy is alternatives, a class first: every split is noted (a
        // later alternative of one copy goes on at the next copy's split).
        if (!splits.empty()) {
          const auto k = static_cast<std::uint32_t>(splits.size());
          const auto stride = here() - splits.back();
          bool alt = true;
          for (std::uint32_t i = 0; i < k && alt; ++i) {
            const auto end = i + 1 < k ? splits[i + 1] : here();
            alt = end - splits[i] == stride && alt_copy(splits[i], end);
          }
          for (std::uint32_t i = 0; i < k && alt; ++i) {
            run_splits_.push_back({splits.front(), splits[i], k - i, stride, true});
          }
        }
        return;
      }
      case K::Capture:
        add({Op::Open, static_cast<std::uint32_t>(n.capture)});
        emit(n.children[0]);
        add({Op::Close, static_cast<std::uint32_t>(n.capture)});
        return;
    }
  }

  using Clauses = std::vector<Program::Clause>;

  // What every match of `n` must consume (see Program::required): a
  // conjunction of clauses, each a disjunction of words and labels. Word
  // classes say nothing (most tokens are some class), so they add no clause.
  static Clauses required(const PatternNode& n, Vocabulary& vocab) {
    using K = PatternNode::Kind;
    switch (n.kind) {
      case K::Word: {
        Program::Clause c;
        for (const auto& w : n.words) (n.exact ? c.texts : c.words).push_back(vocab.intern(w));
        return {normalised(std::move(c))};
      }
      case K::Mention: {
        Program::Clause c;
        c.labels = n.labels;
        return {normalised(std::move(c))};
      }
      case K::Class:
        return {};
      case K::Seq: {
        Clauses out;
        for (const auto& child : n.children) {
          for (auto& c : required(child, vocab)) out.push_back(std::move(c));
        }
        return out;
      }
      case K::Capture:
        return required(n.children[0], vocab);
      case K::Repeat:
        return n.min >= 1 ? required(n.children[0], vocab) : Clauses{};
      case K::Alt: {
        // A clause every branch needs is needed ("according to X , Q | Q ,
        // according to X" needs "according"). Besides, each branch must give
        // one clause, so their union is needed: from a branch take its most
        // selective clause (see selectivity).
        std::vector<Clauses> branches;
        for (const auto& child : n.children) {
          branches.push_back(required(child, vocab));
          if (branches.back().empty()) return {};
        }
        Clauses out;
        for (const auto& c : branches.front()) {
          const auto in_all = std::all_of(branches.begin() + 1, branches.end(), [&](const Clauses& b) {
            return std::any_of(b.begin(), b.end(), [&](const Program::Clause& d) { return same(c, d); });
          });
          const auto seen = std::any_of(out.begin(), out.end(), [&](const Program::Clause& d) { return same(c, d); });
          if (in_all && !seen) out.push_back(c);
        }
        Program::Clause u;
        for (const auto& cs : branches) {
          const auto best = std::min_element(cs.begin(), cs.end(), [&](const auto& a, const auto& b) {
            return selectivity(a, vocab) < selectivity(b, vocab);
          });
          u.words.insert(u.words.end(), best->words.begin(), best->words.end());
          u.texts.insert(u.texts.end(), best->texts.begin(), best->texts.end());
          u.labels.insert(u.labels.end(), best->labels.begin(), best->labels.end());
        }
        out.push_back(normalised(std::move(u)));
        return out;
      }
    }
    return {};
  }

  // What every match of `n` consumes, in order (see Program::order): the
  // first `limit` needs at most (dropping the last needs leaves a true
  // bound, and the walks below need look no further). The clauses are
  // normalised by the caller.
  using Needs = std::vector<Program::Need>;
  static constexpr std::size_t kMaxNeeds = 24;
  static Needs ordered(const PatternNode& n, Vocabulary& vocab, std::size_t limit) {
    using K = PatternNode::Kind;
    if (limit == 0) return {};
    Program::Need need;
    switch (n.kind) {
      case K::Word:
        for (const auto& w : n.words) (n.exact ? need.clause.texts : need.clause.words).push_back(vocab.intern(w));
        return {need};
      case K::Mention:
        need.clause.labels = n.labels;
        need.gap = 0;
        return {need};
      case K::Class:
        if (n.cls == TokenClass::Start) return {};  // zero-width
        need.classes = class_bit(n.cls);
        return {need};
      case K::Seq: {
        Needs out;
        for (const auto& child : n.children) {
          if (out.size() == limit) break;
          for (auto& c : ordered(child, vocab, limit - out.size())) out.push_back(std::move(c));
        }
        return out;
      }
      case K::Capture:
        return ordered(n.children[0], vocab, limit);
      case K::Repeat: {
        if (n.min < 1) return {};
        const auto once = ordered(n.children[0], vocab, limit);
        Needs out;
        for (int i = 0; i < n.min && !once.empty(); ++i) {
          for (const auto& c : once) {
            if (out.size() == limit) return out;
            out.push_back(c);
          }
        }
        return out;
      }
      case K::Alt: {
        // A match takes one branch and meets its needs in order, so the
        // union of the branches' first needs is met first, then that of
        // their second ones, and so on, as far as the shortest branch goes
        // (each branch is walked only as far as the shortest before it).
        std::vector<Needs> branches;
        std::size_t m = limit;
        for (const auto& child : n.children) {
          branches.push_back(ordered(child, vocab, m));
          m = std::min(m, branches.back().size());
          if (m == 0) return {};  // a branch that needs nothing (optional parts)
        }
        if (branches.empty()) return {};
        Needs out(m);
        for (std::size_t j = 0; j < m; ++j) {
          auto& u = out[j];
          for (const auto& b : branches) {
            const auto& c = b[j];
            u.clause.words.insert(u.clause.words.end(), c.clause.words.begin(), c.clause.words.end());
            u.clause.texts.insert(u.clause.texts.end(), c.clause.texts.begin(), c.clause.texts.end());
            u.clause.labels.insert(u.clause.labels.end(), c.clause.labels.begin(), c.clause.labels.end());
            u.classes = static_cast<std::uint16_t>(u.classes | c.classes);
            u.gap = std::min(u.gap, c.gap);
          }
        }
        return out;
      }
    }
    return {};
  }

  static bool same(const Program::Clause& a, const Program::Clause& b) {
    return a.words == b.words && a.texts == b.texts && a.labels == b.labels;
  }

  // How often a clause may hold, for ordering (smaller: holds less often):
  // words before labels (a label is a class of mention, common); among
  // words, each alternative costs by how common such words are: short ones
  // are the language's function words ("on", "to", "the"), punctuation is
  // in every sentence, longer words are content words.
  static std::pair<bool, std::size_t> selectivity(const Program::Clause& c, const Vocabulary& vocab) {
    const auto cost = [&](std::uint32_t id) -> std::size_t {
      const auto w = vocab.word(id);
      const bool punct = std::none_of(w.begin(), w.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (ch & 0x80);
      });
      return punct ? 64 : w.size() <= 3 ? 8 : 1;
    };
    std::size_t sum = c.labels.size();
    for (const auto id : c.words) sum += cost(id);
    for (const auto id : c.texts) sum += cost(id);
    return {!c.labels.empty(), sum};
  }

  static Program::Clause normalised(Program::Clause c) {
    for (auto* v : {&c.words, &c.texts}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::sort(c.labels.begin(), c.labels.end());
    c.labels.erase(std::unique(c.labels.begin(), c.labels.end()), c.labels.end());
    c.label_bits = 0;
    for (const auto l : c.labels) c.label_bits |= label_bit(l);
    c.word_bits = IdBits(c.words);
    c.text_bits = IdBits(c.texts);
    c.sig = clause_sig(c.words, c.texts, c.labels);
    return c;
  }

  // The consuming instructions reachable from `from` through splits, jumps
  // and captures, sorted; nothing when a Match or <any> is reachable (then
  // any token may come next, or none need).
  // The result is a member, valid until the next walk; null for "nothing".
  const std::vector<std::uint32_t>* consumers(std::uint32_t from) {
    // `seen_` is stamped per walk rather than allocated: split_guards walks
    // from every split branch of programs thousands of instructions long.
    if (seen_.size() < prog_.insts.size()) seen_.assign(prog_.insts.size(), 0);
    const auto walk = ++walk_;
    auto& stack = walk_stack_;  // kept between walks, like seen_
    stack.assign(1, from);
    auto& out = walk_out_;
    out.clear();
    while (!stack.empty()) {
      const auto pc = stack.back();
      stack.pop_back();
      if (seen_[pc] == walk) continue;
      seen_[pc] = walk;
      const auto& in = prog_.insts[pc];
      switch (in.op) {
        case Op::Split: stack.push_back(in.x); stack.push_back(in.y); break;
        case Op::Jmp: stack.push_back(in.x); break;
        case Op::Open: case Op::Close: stack.push_back(pc + 1); break;
        case Op::Match: return nullptr;
        case Op::Class:
          if (in.cls == TokenClass::Any) return nullptr;
          out.push_back(pc);
          break;
        default: out.push_back(pc); break;
      }
    }
    std::sort(out.begin(), out.end());
    return &out;
  }

  // The instructions that can consume a match's first token (Program::first).
  void first_set() {
    const auto* first = consumers(0);
    prog_.first = first ? *first : std::vector<std::uint32_t>{};
  }

  // The guard of the branch starting at `target` (see Program::split_guards):
  // the words, texts and labels of the instructions that can consume its
  // first token; -1 if it may consume nothing or starts with a word class.
  std::int32_t guard(std::uint32_t target) {
    // Branches share targets (every optional copy of an unrolled {4,80}
    // leaves to the same pc), so each target's guard is found once.
    auto& memo = guard_of_[target];
    if (memo == kUnknownGuard) memo = new_guard(target);
    return memo;
  }

  std::int32_t new_guard(std::uint32_t target) {
    const auto* first = consumers(target);
    if (!first) return -1;
    // The guard is made of the consumers' sets (interned, so equal sets have
    // equal indexes): branches with the same sets share one, and the copies
    // of an unrolled {4,80} have the same sets at every copy.
    auto& key = guard_key_;
    key.clear();
    for (const auto pc : *first) {
      const auto& in = prog_.insts[pc];
      if (in.op != Op::Word && in.op != Op::Text && in.op != Op::Mention) return -1;  // a word class
      key.push_back(std::uint64_t{static_cast<std::uint8_t>(in.op)} << 32 | in.x);
    }
    std::sort(key.begin(), key.end());
    key.erase(std::unique(key.begin(), key.end()), key.end());
    if (const auto it = guard_by_key_.find(key); it != guard_by_key_.end()) return it->second;
    Program::Clause c;
    for (const auto pc : *first) {
      const auto& in = prog_.insts[pc];
      switch (in.op) {
        case Op::Word: c.words.insert(c.words.end(), prog_.word_ids[in.x].begin(), prog_.word_ids[in.x].end()); break;
        case Op::Text: c.texts.insert(c.texts.end(), prog_.word_ids[in.x].begin(), prog_.word_ids[in.x].end()); break;
        default:
          c.labels.insert(c.labels.end(), prog_.label_sets[in.x].begin(), prog_.label_sets[in.x].end());
          break;
      }
    }
    prog_.guards.push_back(normalised(std::move(c)));
    const auto index = static_cast<std::int32_t>(prog_.guards.size() - 1);
    guard_by_key_.emplace(key, index);
    return index;
  }

  void split_guards() {
    prog_.split_guards.assign(prog_.insts.size(), {-1, -1});
    guard_of_.assign(prog_.insts.size(), kUnknownGuard);
    for (std::uint32_t pc = 0; pc < prog_.insts.size(); ++pc) {
      const auto& in = prog_.insts[pc];
      if (in.op == Op::Split) prog_.split_guards[pc] = {guard(in.x), guard(in.y)};
    }
  }

  // Whether the copy after the repeat's split `split` is alternatives whose
  // first is one word class: a split to the class, the class and a jump to
  // `end`, where every alternative goes on.
  bool alt_copy(std::uint32_t split, std::uint32_t end) const {
    const auto& insts = prog_.insts;
    return split + 3 < insts.size() && insts[split + 1].op == Op::Split && insts[split + 1].x == split + 2 &&
           one_class(split + 2) && insts[split + 3].op == Op::Jmp && insts[split + 3].x == end;
  }

  // Whether instruction `pc` consumes one token of a word class.
  bool one_class(std::uint32_t pc) const {
    return prog_.insts[pc].op == Op::Class && prog_.insts[pc].cls != TokenClass::Start;
  }

  // Program::runs from the repeats emit() noted, with their exits' filters
  // (and their other alternatives': the same for every copy, or no run).
  void class_runs() {
    prog_.run_of.assign(prog_.insts.size(), -1);
    for (std::size_t i = 0; i < run_splits_.size();) {
      // The splits of one repeat are noted together, the first first; they
      // share their exit (and, for alternatives, the others' filter, or
      // there is no run).
      auto j = i + 1;
      while (j < run_splits_.size() && run_splits_[j].first == run_splits_[i].split) ++j;
      const auto& head = run_splits_[i];
      const auto exit = filter(prog_.insts[head.split].y);
      Filter rest;
      if (head.alt) {
        rest = filter(prog_.insts[head.split + 1].y);
        bool same = true;
        for (auto k = i + 1; k < j && same; ++k) same = filter(prog_.insts[run_splits_[k].split + 1].y) == rest;
        if (!same) {
          i = j;
          continue;
        }
      }
      Program::Run run;
      run.stride = head.stride;
      run.alt = head.alt;
      run.classes = static_cast<std::uint16_t>(prog_.insts[head.split + (head.alt ? 2 : 1)].y);
      run.exit_filtered = exit.filtered;
      run.exit_classes = exit.classes;
      run.exit_guard = guard_index(exit);
      run.rest_filtered = rest.filtered;
      run.rest_classes = rest.classes;
      run.rest_guard = guard_index(rest);
      for (auto k = i; k < j; ++k) {
        run.copies = run_splits_[k].copies;
        prog_.run_of[run_splits_[k].split] = static_cast<std::int32_t>(prog_.runs.size());
        prog_.runs.push_back(run);
      }
      i = j;
    }
  }

  // What the first token after `from` must be (see Program::Run): one of
  // `classes` or a word, spelling or label of `clause`; unfiltered when
  // Match, <any> or ^ can be reached first.
  struct Filter {
    bool filtered = false;
    std::uint16_t classes = 0;
    std::vector<std::uint32_t> words, texts;
    std::vector<LabelId> labels;
    bool operator==(const Filter&) const = default;
  };
  Filter filter(std::uint32_t from) {
    Filter f;
    const auto* first = consumers(from);
    if (!first) return f;
    for (const auto pc : *first) {
      const auto& in = prog_.insts[pc];
      switch (in.op) {
        case Op::Word: f.words.insert(f.words.end(), prog_.word_ids[in.x].begin(), prog_.word_ids[in.x].end()); break;
        case Op::Text: f.texts.insert(f.texts.end(), prog_.word_ids[in.x].begin(), prog_.word_ids[in.x].end()); break;
        case Op::Mention:
          f.labels.insert(f.labels.end(), prog_.label_sets[in.x].begin(), prog_.label_sets[in.x].end());
          break;
        case Op::Class:
          if (in.cls == TokenClass::Start) return Filter{};  // zero-width: what follows it may consume anything
          f.classes = static_cast<std::uint16_t>(f.classes | in.y);
          break;
        default: return Filter{};
      }
    }
    for (auto* v : {&f.words, &f.texts}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::sort(f.labels.begin(), f.labels.end());
    f.labels.erase(std::unique(f.labels.begin(), f.labels.end()), f.labels.end());
    f.filtered = true;
    return f;
  }
  // The filter's words and labels as a guard (its index in Program::guards), -1 if none.
  std::int32_t guard_index(const Filter& f) {
    if (!f.filtered || (f.words.empty() && f.texts.empty() && f.labels.empty())) return -1;
    Program::Clause c;
    c.words = f.words;
    c.texts = f.texts;
    c.labels = f.labels;
    prog_.guards.push_back(normalised(std::move(c)));
    return static_cast<std::int32_t>(prog_.guards.size() - 1);
  }

  // Program::split_skip: the guard signatures of splits whose preferred
  // branch is guarded (not runs: their branch is a class), then zero on one
  // split of each cycle of other branches, so that the VM's walk along
  // them ends.
  void split_skips() {
    const auto size = prog_.insts.size();
    auto& skip = prog_.split_skip;
    skip.assign(size, 0);
    for (std::uint32_t pc = 0; pc < size; ++pc) {
      const auto g = prog_.split_guards[pc][0];
      if (prog_.insts[pc].op == Op::Split && prog_.run_of[pc] < 0 && g >= 0) {
        skip[pc] = prog_.guards[static_cast<std::uint32_t>(g)].sig;
      }
    }
    enum : std::uint8_t { kNew, kOnWalk, kDone };
    std::vector<std::uint8_t> state(size, kNew);
    std::vector<std::uint32_t> walk;
    for (std::uint32_t pc = 0; pc < size; ++pc) {
      walk.clear();
      auto at = pc;
      while (skip[at] != 0 && state[at] == kNew) {
        state[at] = kOnWalk;
        walk.push_back(at);
        at = prog_.insts[at].y;
      }
      if (skip[at] != 0 && state[at] == kOnWalk) skip[at] = 0;  // back on this walk: a cycle
      for (const auto w : walk) state[w] = kDone;
    }
  }

  struct RunSplit {
    std::uint32_t first;          ///< The repeat's first split.
    std::uint32_t split, copies;  ///< See Program::Run.
    std::uint32_t stride = 0;
    bool alt = false;
  };
  std::vector<RunSplit> run_splits_;  ///< Repeats of one class, or of a class first of alternatives, as emitted.

  static constexpr std::int32_t kUnknownGuard = -2;
  std::vector<std::int32_t> guard_of_;  ///< split_guards: the guard of a branch by its target pc.
  std::vector<std::uint64_t> guard_key_;  ///< new_guard(): the consumers' (op, set) pairs, sorted.
  struct KeyHash {
    std::size_t operator()(const std::vector<std::uint64_t>& key) const {
      std::uint64_t h = key.size();
      for (const auto k : key) h = (h ^ k) * 0x9E3779B97F4A7C15u;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  std::unordered_map<std::vector<std::uint64_t>, std::int32_t, KeyHash> guard_by_key_;  ///< new_guard(): guards made, by key.
  std::vector<std::uint32_t> seen_;     ///< consumers(): stamped with walk_ when visited.
  std::uint32_t walk_ = 0;
  std::vector<std::uint32_t> walk_stack_;  ///< consumers(): the pcs still to visit.
  std::vector<std::uint32_t> walk_out_;    ///< consumers(): its result.
  Program prog_;
};

}  // namespace

IdBits::IdBits(const std::vector<std::uint32_t>& sorted_ids) {
  if (sorted_ids.empty()) return;
  base_ = sorted_ids.front() / 64 * 64;
  bits_.assign((sorted_ids.back() - base_) / 64 + 1, 0);
  limit_ = static_cast<std::uint32_t>(bits_.size() * 64);
  for (const auto id : sorted_ids) bits_[(id - base_) / 64] |= std::uint64_t{1} << ((id - base_) % 64);
}

Program compile_pattern(const ParsedPattern& pattern, std::shared_ptr<Vocabulary> vocab) {
  return Compiler().run(pattern, std::move(vocab));
}

std::uint32_t Vocabulary::intern(std::string_view word) {
  if (const auto id = table_.find(word); id != kUnknown) return id;
  lengths_[first_byte(word)] |= std::uint32_t{1} << length_bit(word);
  return table_.insert(word, static_cast<std::uint32_t>(table_.size() + 1));  // 0 is kUnknown
}

std::string Program::dump() const {
  static constexpr const char* kOps[] = {"word", "text", "class", "mention", "split", "jmp", "open", "close", "match"};
  std::string out;
  for (std::size_t i = 0; i < insts.size(); ++i) {
    const auto& in = insts[i];
    out += std::to_string(i) + ":" + kOps[static_cast<int>(in.op)];
    if (in.op == Op::Split) out += " " + std::to_string(in.x) + "," + std::to_string(in.y);
    else if (in.op == Op::Class) out += " " + std::to_string(in.y);
    else if (in.op != Op::Match) out += " " + std::to_string(in.x);
    out += "; ";
  }
  return out;
}

}  // namespace newsgraph::extract
