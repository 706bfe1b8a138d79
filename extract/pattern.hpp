// The pattern language: AST, parser, compiler and matcher, split like RE2
// (parse -> compile -> match). Part of newsgraph::extract.
//
// A pattern matches a sequence of tokens of one sentence, where a mention
// atom consumes all the tokens of a mention:
//
//   c:(@COUNTRY 's | @DEMONYM)? r:@ROLE p:@PERSON     title before name
//   (held|had) (a|an)? talks with                    words, case-insensitive
//   <cap>+ , <num> "-" "Chamber"                     word classes, literals
//                                                    (a quoted literal with capitals keeps its case)
//   $official                                        a macro (define official = ...)
//
// Alternatives are tried in order (leftmost-first, as in RE2 and Perl), except
// that among plain literals the longer is tried first. Quantifiers ? * + {n}
// {n,m} {n,} are greedy; name:atom captures a span
// (a name captured twice keeps every span). Classes: <any> (or _), <cap>,
// <capword> (capitalised, not a function word, not inside a mention other
// than NAME), <upper>,
// <lower>, <num>, <punct>, <initial>, <quote> (a quotation mark of any kind);
// ^ matches the start of the sentence (and consumes nothing).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"
#include "extract/word_table.hpp"

namespace newsgraph::extract {

enum class TokenClass { Any, Cap, CapWord, Upper, Lower, Num, Punct, Initial, Quote, Start };

struct PatternNode {
  enum class Kind { Word, Class, Mention, Seq, Alt, Repeat, Capture };
  Kind kind = Kind::Seq;
  std::vector<std::string> words;  ///< Word: folded alternatives (as written when `exact`).
  bool exact = false;              ///< A quoted literal with capitals matches its case exactly.
  TokenClass cls = TokenClass::Any;
  std::vector<LabelId> labels;     ///< Mention: any of these labels.
  std::vector<PatternNode> children;
  int min = 0, max = -1;           ///< Repeat; max -1 = unbounded.
  int capture = -1;                ///< Capture: slot index.

  [[nodiscard]] std::string dump(const LabelTable& table) const;
};

/// Everything a pattern may refer to while it is parsed.
struct PatternEnv {
  LabelTable* labels = nullptr;
  /// Macro bodies by name (already parsed, with their own capture names).
  const std::map<std::string, struct ParsedPattern, std::less<>>* macros = nullptr;
  /// When false, an unknown @LABEL is an error; when true it is interned.
  bool allow_new_labels = false;
  /// Asked for a macro not in `macros` (defines are parsed when first used,
  /// so they may come in any order); returns nullptr if there is none.
  std::function<const struct ParsedPattern*(std::string_view)> resolve_macro;
};

struct ParsedPattern {
  PatternNode root;
  std::vector<std::string> captures;  ///< Slot -> name.
};

/// Parses `text`. On error the Status has the 1-based column in pos->col
/// (pos->file and line are left for the caller to fill).
Result<ParsedPattern> parse_pattern(std::string_view text, const PatternEnv& env,
                                    std::vector<std::string> captures = {});

/// Word ids: every word a pattern names gets a small integer, so that the
/// matcher compares integers, not strings. A RuleSet compiles all its
/// programs against one Vocabulary, and a SentenceIndex built with it looks
/// each token up once (instead of once per rule and start token). Not
/// thread-safe while interning; read-only (and shareable) once rules are loaded.
class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0;  ///< A word no pattern names.

  std::uint32_t intern(std::string_view word);
  /// The id of `word`, kUnknown if it was never interned. Most words looked
  /// up are in no pattern (every capitalised token's text is, its folded
  /// form being another word), and most of those are told by their first
  /// byte and length alone: one load and a bit test where the table's
  /// lookup costs some fifty instructions.
  [[nodiscard]] std::uint32_t find(std::string_view word) const {
    if (!(lengths_[first_byte(word)] >> length_bit(word) & 1u)) return kUnknown;
    return table_.find(word);
  }
  /// The word with id `id` ("" for kUnknown).
  [[nodiscard]] std::string_view word(std::uint32_t id) const { return table_.word(id); }
  [[nodiscard]] std::size_t size() const { return table_.size(); }

 private:
  static unsigned first_byte(std::string_view word) {
    return word.empty() ? 0u : static_cast<unsigned char>(word[0]);
  }
  /// The size, with every one of 31 bytes and more sharing bit 31.
  static unsigned length_bit(std::string_view word) {
    return word.size() < 31 ? static_cast<unsigned>(word.size()) : 31u;
  }

  WordTable table_;  ///< Ids 1, 2, ... in order of interning.
  /// By first byte (0 for ""), the sizes (as length_bit) of the words
  /// interned: a word whose bit is clear is not in table_.
  std::array<std::uint32_t, 256> lengths_{};
};

/// A set of word ids as bits over the range of ids it holds (the words of
/// one pattern list are interned together, so the range is short): one
/// subtraction and one bit test, where a sorted vector costs a binary search.
class IdBits {
 public:
  IdBits() = default;
  explicit IdBits(const std::vector<std::uint32_t>& sorted_ids);
  [[nodiscard]] bool contains(std::uint32_t id) const {
    const std::uint32_t d = id - base_;  // wraps to a large number below base_
    return d < limit_ && (bits_[d / 64] >> (d % 64) & 1u);
  }
  [[nodiscard]] bool empty() const { return limit_ == 0; }

 private:
  std::uint32_t base_ = 0;   ///< A multiple of 64.
  std::uint32_t limit_ = 0;  ///< 64 x bits_.size(), kept so that contains() reads no vector size.
  std::vector<std::uint64_t> bits_;
};

/// A compiled program: a list of instructions run by a backtracking VM.
struct Program {
  enum class Op : std::uint8_t { Word, Text, Class, Mention, Split, Jmp, Open, Close, Match };
  struct Inst {
    Op op = Op::Match;
    std::uint32_t x = 0;  ///< Split: preferred branch; Jmp: target; Word: word set; Mention: label set.
    std::uint32_t y = 0;  ///< Split: other branch; Class: the classes it takes (class_bit), alternatives merged.
    TokenClass cls = TokenClass::Any;
  };
  std::vector<Inst> insts;
  std::vector<std::vector<std::string>> word_sets;  ///< Sorted folded words.
  std::vector<std::vector<std::uint32_t>> word_ids;  ///< word_sets as sorted ids in `vocab`.
  std::vector<IdBits> word_bits;                     ///< word_ids as bits.
  std::shared_ptr<const Vocabulary> vocab;           ///< Never null after compile_pattern.
  std::vector<std::vector<LabelId>> label_sets;
  std::size_t capture_count = 0;
  /// The instructions that can consume the first token of a match (found by
  /// following splits, jumps and captures from the start); empty when the
  /// pattern can match at any token (a leading <any>, or an empty match).
  /// match_at tries these first so that most start tokens cost one test.
  std::vector<std::uint32_t> first;
  /// `first` as one test per kind: the union of its word sets by id in
  /// `vocab` (folded and exact), of its label sets (sorted, and as a mask of
  /// label_bit), and its classes (a mask of class_bit), tested against a
  /// SentenceIndex token instead of each instruction.
  IdBits first_words, first_texts;
  std::vector<LabelId> first_labels;
  std::uint64_t first_label_bits = 0;
  std::uint16_t first_class_bits = 0;
  std::uint64_t first_sig = 0;  ///< first_words, first_texts and first_labels as a signature (clause_sig).

  /// One thing a match needs somewhere in the sentence: a token whose folded
  /// form is one of `words`, or which is written as one of `texts`, or a
  /// mention with one of `labels`.
  struct Clause {
    std::vector<std::uint32_t> words;  ///< Sorted ids in `vocab`.
    std::vector<std::uint32_t> texts;  ///< Sorted ids in `vocab`.
    std::vector<LabelId> labels;       ///< Sorted.
    std::uint64_t label_bits = 0;      ///< `labels` as label_bits().
    IdBits word_bits, text_bits;       ///< `words` and `texts` as bits.
    std::uint64_t sig = 0;             ///< The whole clause as a signature (clause_sig).
  };
  /// Every clause must hold for a match to exist (RE2's required literals):
  /// may_match() tests them once per sentence, so a rule whose verb the
  /// sentence lacks never starts its VM there. Word clauses come first
  /// (they fail most often).
  std::vector<Clause> required;

  /// What every match consumes, in order: a token of each need, each at
  /// least `gap` tokens after the one before (1 for a word or class, 0 for
  /// a mention, which the bound does not count on to be longer). The first
  /// need's token is at or after the match's start, so no match starts
  /// after the latest token from which the needs can all be met in order:
  /// find_match finds that token by one walk back from the sentence's end
  /// and tries no start past it (the verb of `p:$official $aux $saying ...`
  /// and the quotation marks after it: most sentences have none after most
  /// persons). Alternatives give the union of their branches' needs, need by
  /// need, as many as the shortest branch has.
  struct Need {
    Clause clause;              ///< Words, spellings and labels (the guards' test).
    std::uint16_t classes = 0;  ///< Or one of these word classes (class_bit).
    std::uint8_t gap = 1;
  };
  std::vector<Need> order;

  /// Lookahead of each Split (by instruction, for its x and y branch): the
  /// index in `guards` of what the branch's first token must be, or -1 when
  /// the branch may match without consuming or starts with a word class.
  /// match_at does not enter a branch whose guard the token fails: it would
  /// fail there anyway, so the first match found is the same.
  std::vector<std::array<std::int32_t, 2>> split_guards;
  std::vector<Clause> guards;

  /// By instruction: where the VM goes on after it (pc + 1 with the chain
  /// of jumps from there followed at compile time, so that a step never
  /// lands on a Jmp); and the first instruction, likewise.
  std::vector<std::uint32_t> next;
  std::uint32_t entry = 0;

  /// Repeats of one word class (C{m,n} with n > m, C*, C+: `_{1,80}` in
  /// quotations and reported speech) compile to a split and a Class per
  /// optional copy; the VM takes such a run of splits in one step: it counts
  /// the tokens of the class from where it stands and offers the exit after
  /// each, in the order the splits would (see try_from). A Run describes the
  /// split where the optional copies start; its exit is the split's y.
  struct Run {
    std::uint32_t copies = 0;       ///< Optional copies; 0 for unbounded (a loop through the split).
    std::uint16_t classes = 0;      ///< C's classes (class_bit).
    /// What the exit's first token must be, stricter than the split's guard
    /// (word classes count): one of `exit_classes`, or pass guards[exit_guard].
    /// Unfiltered when the exit may consume nothing or starts with <any> or ^.
    bool exit_filtered = false;
    std::uint16_t exit_classes = 0;
    std::int32_t exit_guard = -1;
    /// Copies that are alternatives whose first is C (`(<lower> | <cap> |
    /// @ORG ...){4,80}`, `(<capword> | @ORG | ...)*`): each copy's split is
    /// followed by a split to C and the others (its y: `rest`), and the
    /// copies are `stride` instructions apart (unbounded: the same copy).
    /// Every copy's split has a Run, since the other alternatives lead to
    /// the next copy's; the VM stamps each split it passes.
    bool alt = false;
    std::uint32_t stride = 0;
    bool rest_filtered = false;  ///< What the other alternatives' first token must be, as for the exit.
    std::uint16_t rest_classes = 0;
    std::int32_t rest_guard = -1;
  };
  std::vector<std::int32_t> run_of;  ///< By instruction: its index in `runs`, or -1.
  std::vector<Run> runs;

  /// By instruction: for a split whose preferred branch has a guard, that
  /// guard's signature (Clause::sig), else 0. A token whose signature shares
  /// no bit with it cannot enter that branch, so the VM goes on with the
  /// other at once, and so on along a chain of such splits (the optional
  /// parts of $official, the alternatives of plan-marker) without a step
  /// for each. Zero on some split of every cycle of other branches.
  std::vector<std::uint64_t> split_skip;

  [[nodiscard]] std::string dump() const;
};

/// Labels as a bit mask: bit L for label L below 63, bit 63 for all the
/// others (a mask with bit 63 says "maybe": look at the labels themselves).
inline constexpr std::uint64_t kWideLabels = std::uint64_t{1} << 63;
constexpr std::uint64_t label_bit(LabelId label) {
  return label < 63 ? std::uint64_t{1} << label : kWideLabels;
}
/// Signatures: word ids and labels folded into 64 bits (a word id to one
/// of bits 0-47, a label to one of bits 48-63), so that "this token may be
/// one of these words or start a mention of these labels" is one AND. A
/// token whose signature shares no bit with a clause's holds none of it; one
/// that shares a bit is then tested exactly.
constexpr std::uint64_t word_sig(std::uint32_t id) { return std::uint64_t{id != 0} << (id % 48); }
constexpr std::uint64_t label_sig(LabelId label) { return std::uint64_t{1} << (48 + label % 16); }
inline constexpr std::uint64_t kWordSigBits = (std::uint64_t{1} << 48) - 1;  ///< The bits word_sig() sets.
/// The signature of words `words`, spellings `texts` and labels `labels`.
std::uint64_t clause_sig(const std::vector<std::uint32_t>& words, const std::vector<std::uint32_t>& texts,
                         const std::vector<LabelId>& labels);

constexpr std::uint16_t class_bit(TokenClass cls) {
  return static_cast<std::uint16_t>(1u << static_cast<unsigned>(cls));
}

/// Whether token `t` is of word class `cls` (`covered`: the token lies in a
/// mention other than NAME). The definition of the classes; SentenceIndex
/// keeps each token's classes as bits. Start is zero-width: always false.
bool class_matches(TokenClass cls, const Token& t, bool covered);

/// Compiles `pattern`, interning its words in `vocab` (a fresh one when null;
/// pass the same one for programs that share a SentenceIndex).
Program compile_pattern(const ParsedPattern& pattern, std::shared_ptr<Vocabulary> vocab = nullptr);

/// A span of tokens captured under a slot.
struct Capture {
  std::uint32_t slot = 0;
  std::uint32_t begin = 0, end = 0;
};

struct PatternMatch {
  std::uint32_t begin = 0, end = 0;  ///< Token span of the whole match.
  std::vector<Capture> captures;
};

/// A sentence prepared for matching: each token's word ids in `vocab`, which
/// tokens lie inside mentions other than NAME, and which mentions start at
/// each token. Rebuild after adding mentions to the sentence. Programs
/// compiled against another vocabulary still match (their ids are looked up
/// per test, and the masks below are not used, which is slower).
struct SentenceIndex {
  explicit SentenceIndex(const Sentence& s, const Vocabulary* v = nullptr);
  /// Indexes another sentence, as if newly constructed (keeping the buffers).
  /// With `by_lex` (a token's id in `v` by its Token::lex, for tokens whose
  /// lex is set and whose lexicon holds every word of `v`), the folded forms
  /// are not looked up again.
  void reset(const Sentence& s, const Vocabulary* v = nullptr, std::span<const std::uint32_t> by_lex = {});
  /// Builds the mention part (covered, classes, label_bits, starts) again
  /// from the sentence's mentions.
  void rebuild();
  /// rebuild() if the sentence's mentions (label and span) are not those the
  /// index was last built from; true when it rebuilt. Comparing the spans is
  /// a few words per mention, a rebuild is several passes over the tokens,
  /// and most phases start with the mentions the last one left. When the
  /// mentions built from are still there, first and unchanged, and others
  /// follow them, only those are added (extend()).
  bool refresh();
  /// Adds the mentions appended to the sentence since the index was last
  /// built (those past the count it was built from) to it: the same index as
  /// rebuild() gives when the earlier ones are unchanged, without its passes
  /// over every token (a rule that adds a mention adds one or two to a
  /// sentence that has several).
  void extend();

  /// The mentions (indexes into Sentence::mentions, ascending) that start at `pos`.
  [[nodiscard]] std::span<const std::uint32_t> starts(std::uint32_t pos) const {
    return {start_mentions.data() + start_begin[pos], start_mentions.data() + start_begin[pos + 1]};
  }

  const Sentence* sentence = nullptr;
  const Vocabulary* vocab = nullptr;
  std::vector<std::uint32_t> norm_ids;  ///< Token::norm's id in `vocab` (kUnknown if none).
  std::vector<std::uint32_t> text_ids;  ///< Token::text's id.
  std::uint64_t label_mask = 0;  ///< The labels of the mentions (those starting at a token), as label_bit()s.
  /// The word part (bits 0-47) of every token's signature ORed: a clause whose
  /// words share no bit with it holds none of them (a test before holds()).
  std::uint64_t word_sig_mask = 0;
  /// Whether some token's folded form (with `text`: its spelling) has id
  /// `id` in `vocab`. The sets behind it are made on the first call after
  /// reset(): most sentences never need them, since candidates() and
  /// label_mask settle the clauses first.
  [[nodiscard]] bool holds(std::uint32_t id, bool text) const;
  /// Whether a mention with label `label` starts at some token.
  [[nodiscard]] bool has_label(LabelId label) const;
  std::vector<std::uint8_t> covered;  ///< By token: 1 when inside a mention other than NAME.
  /// By token: the classes it is of (class_bit), and the labels of the
  /// mentions starting there (label_bit), so that a program's first-token
  /// and guard tests are a mask test.
  std::vector<std::uint16_t> classes;
  std::vector<std::uint64_t> label_bits;
  /// By token: its word ids (norm and text) and the labels of the mentions
  /// starting there, as a signature (word_sig, label_sig).
  std::vector<std::uint64_t> sigs;
  /// starts(pos) as one array: those of pos are at [start_begin[pos], start_begin[pos + 1]).
  std::vector<std::uint32_t> start_begin, start_mentions;
  /// RuleSet::candidates' mask of the rule word clauses the tokens hold,
  /// made on its first call after reset() (tokens, unlike mentions, stay),
  /// so that the phases after the first reuse it.
  mutable std::vector<std::uint64_t> clause_mask;
  mutable bool has_clause_mask = false;

 private:
  /// Adds the sentence's mentions to covered, classes, label_bits and sigs
  /// as they are without them, and makes starts and built_.
  void index_mentions();
  /// For holds(): bit sets by id (sized to the largest id present), made when first asked.
  mutable std::vector<std::uint64_t> held_norm_, held_text_;
  mutable bool has_held_ = false;
  /// The label and span of each mention the index was last built from.
  struct Built {
    std::uint32_t label, begin, end;
    bool operator==(const Built&) const = default;
  };
  std::vector<Built> built_;
};

/// False when `prog` cannot match anywhere in the indexed sentence (a clause
/// of Program::required fails); true when it may. Always true when the index
/// was built with another vocabulary.
bool may_match(const Program& prog, const SentenceIndex& index);

/// may_match() for the clauses that name a label only: for a rule that
/// RuleSet::candidates() gave, which has checked the others.
bool labels_may_match(const Program& prog, const SentenceIndex& index);

/// The first token at or after `from` where a match of `prog` may start
/// (some instruction of Program::first can consume it), or the token count
/// if none: the matching loop skips the rest without calling match_at.
std::uint32_t next_start(const Program& prog, const SentenceIndex& index, std::uint32_t from);

/// Tries to match `prog` at token `start`. Leftmost-first: the first way
/// through the pattern (greedy quantifiers first) wins, as in RE2's
/// backtracker, with a visited set of (instruction, token) so it never
/// does more than instructions x tokens steps.
bool match_at(const Program& prog, const SentenceIndex& index, std::uint32_t start,
              PatternMatch& out);

/// The leftmost match of `prog` starting at or after token `from`: the same
/// as calling match_at at each token from `from` on until one matches, but
/// one search (pairs that failed from one start are not tried again from the
/// next), so the whole scan is bounded by instructions x tokens steps.
bool find_match(const Program& prog, const SentenceIndex& index, std::uint32_t from, PatternMatch& out);

}  // namespace newsgraph::extract
