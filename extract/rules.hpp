// Rule files: loading, checking and compiling the *.rules files that hold
// every pattern (extract/patterns/ and any --rules DIR). Part of newsgraph::extract.
//
//   define official = (c:@COUNTRY 's | c:@DEMONYM)? r:@ROLE* p:@PERSON
//
//   rule: title-before-name
//   phase: facts
//   priority: 10
//   example: Chilean President Gabriel Boric arrived in Lima.
//   pattern: $official
//   emit: position(person=p, role=r, org=c); nationality(person=p, country=c)
//
// Phases run in order over the whole article: `entities` (roles, organisations),
// then capitalised names are found, then `persons`, then coreference, then
// `facts`. Within a phase, lower priority numbers run first.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"
#include "extract/pattern.hpp"

namespace newsgraph::extract {

enum class Phase { Entities, Persons, Facts };

/// What a rule makes from a match.
struct Emit {
  bool fact = false;
  LabelId label = 0;   ///< Mention rules: the label of the new mention.
  int capture = -1;    ///< Mention rules: the span; -1 = the whole match.
  FactKind kind = FactKind::Position;
  /// Fact rules: argument name -> capture slots, the first one bound is used.
  std::map<std::string, std::vector<int>, std::less<>> args;

  [[nodiscard]] int arg(std::string_view name, const std::vector<Capture>& caps) const;
};

struct Rule {
  std::string name;
  Phase phase = Phase::Facts;
  int priority = 0;
  std::string example;
  std::string pattern;  ///< As written.
  SourcePos pos;        ///< Where `rule:` is.
  std::vector<std::string> captures;
  Program program;
  std::vector<Emit> emits;
};

class RuleSet {
 public:
  /// Loads every *.rules file in `dirs` (each folder sorted by file name;
  /// later folders may add rules and macros). All errors of all files are
  /// reported at once, one per line, as "file:line:col: rule NAME: reason".
  static Result<RuleSet> load(const std::vector<std::string>& dirs, LabelTable& labels);

  /// Parses rules from text (used by load and by tests); `file` names it in errors.
  static Result<RuleSet> parse(const std::vector<std::pair<std::string, std::string>>& files,
                               LabelTable& labels);

  /// Rules sorted by phase, then priority, then name.
  [[nodiscard]] const std::vector<Rule>& rules() const { return rules_; }

  /// The word ids every rule's program was compiled against: build each
  /// SentenceIndex with it.
  [[nodiscard]] const Vocabulary* vocabulary() const { return vocab_.get(); }

  /// The rules of `phase` that may match in the sentence of `index`, as
  /// indexes into rules(), in rule order: those the sentence has every
  /// required word clause of (Program::required, naming no label). A rule
  /// left out has no match there (may_match would say so); one put in may
  /// still fail may_match on its label clauses, which rules of the same
  /// phase can still make true. Like RE2's set matching, each token's words
  /// are looked up once for all rules, instead of each rule testing its own.
  /// Every rule of the phase when `index` was built with another vocabulary.
  void candidates(Phase phase, const SentenceIndex& index, std::vector<std::uint32_t>& out) const;

  /// labels_may_match(rules()[rule].program, index), for a rule candidates()
  /// gave: most rules' label clauses name one label each (or a few, and no
  /// word), so the test is a mask or two against SentenceIndex::label_mask,
  /// without a look at the program's clauses.
  [[nodiscard]] bool labels_may_match(std::uint32_t rule, const SentenceIndex& index) const {
    if (index.vocab != vocab_.get() || !vocab_) return true;
    const auto& l = labels_[rule];
    const auto mask = index.label_mask;
    if ((l.need & ~mask) != 0 || (l.any[0] && !(l.any[0] & mask)) || (l.any[1] && !(l.any[1] & mask))) return false;
    return !l.other || extract::labels_may_match(rules_[rule].program, index);
  }

  /// The measured precision of `rule`'s facts of `kind` (confidence.tsv in a
  /// rules folder, written by scripts/measure-confidence), if measured.
  [[nodiscard]] std::optional<double> confidence(std::string_view rule, FactKind kind) const;

  /// Reads a confidence.tsv (used by load and by tests); `file` names it in errors.
  Status read_confidence(const std::string& text, const std::string& file);

 private:
  void index_words();

  std::vector<Rule> rules_;
  std::shared_ptr<Vocabulary> vocab_;
  // For labels_may_match(rule, index), by rule: the label clauses of its
  // program as masks (label_bit). A clause of one label below 63 and no
  // word is held when that label's bit is in the sentence's label mask
  // (`need`, all ORed); one of several such labels, when one of them is
  // (`any`, the first two such clauses; 0 for none); `other` when some
  // label clause is neither (or a third `any`): the program's clauses are
  // then looked at as well.
  struct LabelClauses {
    std::uint64_t need = 0;
    std::array<std::uint64_t, 2> any{};
    bool other = false;
  };
  std::vector<LabelClauses> labels_;
  // For candidates(): the distinct word clauses of all rules, numbered, as
  // bit masks of `width` 64-bit words: by vocabulary id, the clauses a
  // token with that folded form (norm) or spelling (text) holds; by rule,
  // the clauses it needs. The rule vocabulary is some thousand words and
  // the clauses some hundred, so the masks are a few tens of KB.
  struct WordClauses {
    std::size_t width = 0;
    std::vector<std::uint64_t> norm, text, need;
    std::vector<std::uint32_t> phase_begin;  // the rules of phase p: [phase_begin[p], phase_begin[p + 1])
    // Each rule with word clauses is listed under one of them, its rarest
    // (the first of Program::required), as a bit of a mask over the rules
    // of its phase (bit i: rule phase_begin[p] + i, `rule_width` words): the
    // rules of phase p keyed by clause c are keyed[(p * count + c) *
    // rule_width ...], those of them that need other clauses too `multi`
    // (by phase). A sentence holds few clauses, so candidates() ORs the masks
    // of those it holds and gives the bits in order (rule order, no sort).
    std::size_t count = 0;       // distinct word clauses
    std::size_t rule_width = 1;  // words of a mask over the rules of one phase
    std::vector<std::uint64_t> keyed, multi;
    std::vector<std::uint64_t> keys;     // by phase, `width` words: the clauses that key some rule
    // By rule, for those in `multi`: the clauses it needs besides its key
    // when they all lie in one word of the mask (word `word`, bits `bits`),
    // so that most checks are one AND and compare; `more` when they do not
    // (the whole row of `need` is checked).
    struct Rest {
      std::uint64_t bits = 0;
      std::uint32_t word = 0;
      bool more = false;
    };
    std::vector<Rest> rest;
    std::vector<std::uint64_t> unkeyed;  // by phase, `rule_width` words: the rules with no word clause
    // By id: 1 when its norm row has a clause, 2 its text row, 4 both rows
    // ORed (`both`, for the tokens written as their folded form): most words
    // of a sentence are in no clause, and skip the rows.
    std::vector<std::uint8_t> in_clause;
    std::vector<std::uint64_t> both;
  } clauses_;
  static constexpr std::size_t kFastWidth = 4;  // 256 clauses
  template <std::size_t W>
  static void scan(const WordClauses& w, Phase phase, const SentenceIndex& index, std::vector<std::uint32_t>& out);
  std::map<std::pair<std::string, FactKind>, double> confidence_;
};

}  // namespace newsgraph::extract
