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

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"

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

/// A compiled program: a list of instructions run by a backtracking VM.
struct Program {
  enum class Op : std::uint8_t { Word, Text, Class, Mention, Split, Jmp, Open, Close, Match };
  struct Inst {
    Op op = Op::Match;
    std::uint32_t x = 0;  ///< Split: preferred branch; Jmp: target; Word: word set; Mention: label set.
    std::uint32_t y = 0;  ///< Split: other branch.
    TokenClass cls = TokenClass::Any;
  };
  std::vector<Inst> insts;
  std::vector<std::vector<std::string>> word_sets;  ///< Sorted folded words.
  std::vector<std::vector<LabelId>> label_sets;
  std::size_t capture_count = 0;
  /// The instructions that can consume the first token of a match (found by
  /// following splits, jumps and captures from the start); empty when the
  /// pattern can match at any token (a leading <any>, or an empty match).
  /// match_at tries these first so that most start tokens cost one test.
  std::vector<std::uint32_t> first;

  [[nodiscard]] std::string dump() const;
};

Program compile_pattern(const ParsedPattern& pattern);

/// A span of tokens captured under a slot.
struct Capture {
  std::uint32_t slot = 0;
  std::uint32_t begin = 0, end = 0;
};

struct PatternMatch {
  std::uint32_t begin = 0, end = 0;  ///< Token span of the whole match.
  std::vector<Capture> captures;
};

/// A sentence prepared for matching: which tokens lie inside mentions other
/// than NAME, and which mentions start at each token. Rebuild after adding
/// mentions to the sentence.
struct SentenceIndex {
  explicit SentenceIndex(const Sentence& s) : sentence(&s) { rebuild(); }
  void rebuild();

  const Sentence* sentence;
  std::vector<bool> covered;
  std::vector<std::vector<std::uint32_t>> starts;
};

/// Tries to match `prog` at token `start`. Leftmost-first: the first way
/// through the pattern (greedy quantifiers first) wins, as in RE2's
/// backtracker, with a visited set of (instruction, token) so it never
/// does more than instructions x tokens steps.
bool match_at(const Program& prog, const SentenceIndex& index, std::uint32_t start,
              PatternMatch& out);

}  // namespace newsgraph::extract
