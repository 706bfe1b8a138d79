// The extraction pipeline: Article -> Extraction, running every stage:
// clean, segment, annotate, entity rules, names, person rules, coreference,
// fact rules, consolidation. Part of newsgraph::extract.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"
#include "extract/lexicon.hpp"
#include "extract/rules.hpp"
#include "extract/segmenter.hpp"
#include "ontology/gazetteer.hpp"

namespace newsgraph::extract {

struct PipelineOptions {
  std::string data_dir;                    ///< Holds ontology/data, extract/lexicon, extract/patterns.
  std::vector<std::string> extra_rule_dirs;  ///< --rules DIR: the user's own rule files.
};

/// Seconds spent in each stage of Pipeline::run, summed over articles (the
/// benchmark and `extract --stats` print them). Timing costs a clock read
/// per stage and article.
struct StageTimes {
  double clean = 0;     ///< clean_article: furniture, title, date.
  double segment = 0;   ///< Sentences and tokens (ICU).
  double mentions = 0;  ///< Lexicon, entity and person rules, names, coreference.
  double rules = 0;     ///< Fact rules and consolidation.

  StageTimes& operator+=(const StageTimes& o) {
    clean += o.clean;
    segment += o.segment;
    mentions += o.mentions;
    rules += o.rules;
    return *this;
  }
};

/// Which of an article's facts another fact of it says better: a fact is
/// covered when another with the same core (kind, flags, person and what
/// makes it that fact: the role of a post, the other person of a meeting...)
/// has every organisation, place, host and resolved date it has and more, or
/// has the same and comes first. Linear in the facts on average, however many.
[[nodiscard]] std::vector<bool> covered_facts(std::span<const Fact> facts);

class Pipeline {
 public:
  /// Loads gazetteers, word lists and rules; every problem is in the Status.
  static Result<std::unique_ptr<Pipeline>> load(const PipelineOptions& options);

  /// Runs every stage on one article. Never fails: what cannot be read
  /// becomes a Diagnostic in the result. Thread-safe (const): one Pipeline
  /// serves every worker thread. Adds the time of each stage to `times` when given.
  [[nodiscard]] Extraction run(Article article, StageTimes* times = nullptr) const;

  [[nodiscard]] const RuleSet& rules() const { return rules_; }
  [[nodiscard]] const LabelTable& labels() const { return labels_; }
  [[nodiscard]] const ontology::Gazetteer& gazetteer() const { return *gazetteer_; }

  /// One line per mention: `Mention{PERSON "Wang Yi" s0[12,14) by=names}`.
  [[nodiscard]] std::string dump_mentions(const Extraction& x) const;

 private:
  Pipeline() = default;
  /// The rule loops; `fired` gets the index of each rule at each match.
  void run_mention_rules(Phase phase, Extraction& x, std::vector<SentenceIndex>& indexes,
                         std::vector<std::uint32_t>& fired) const;
  void run_fact_rules(Extraction& x, std::vector<SentenceIndex>& indexes, std::vector<std::uint32_t>& fired) const;
  void resolve_entities(Extraction& x) const;
  void find_role_references(Extraction& x) const;
  void consolidate(Extraction& x) const;
  /// The value of a ROLE mention over tokens [b, e): folded, a diplomat's post
  /// by the common name of the country ("ambassador to laos").
  [[nodiscard]] std::string role_value(const Sentence& s, std::uint32_t b, std::uint32_t e) const;
  void identify_entities(Extraction& x) const;  // extract/identity.cpp
  void index_officials();                        // extract/identity.cpp

  /// The arguments fact rules' emits may name (spans() in run_fact_rules).
  enum class FactArg : std::uint8_t {
    kCountry, kCountry1, kCountry2, kDate, kDirect, kFormer, kGuest, kHost, kName, kOrg, kParticipant,
    kParty, kPerson, kPerson1, kPerson2, kPlace, kPlanned, kQuote, kRole, kSigner, kSince, kCount
  };
  using FactArgSlots = std::array<std::vector<int>, static_cast<std::size_t>(FactArg::kCount)>;

  std::unique_ptr<ontology::Gazetteer> gazetteer_;
  std::unique_ptr<Segmenter> segmenter_;
  std::unique_ptr<Lexicon> lexicon_;
  LabelTable labels_;
  RuleSet rules_;
  /// By lexicon word id (Token::lex), the word's id in the rules'
  /// vocabulary: every vocabulary word is added to the lexicon at load, so a
  /// sentence index needs no second lookup per token.
  std::vector<std::uint32_t> vocab_by_lex_;
  /// By rule (index into rules()) and emit, the capture slots of each
  /// FactArg (Emit::args by name, looked up once at load).
  std::vector<std::vector<FactArgSlots>> fact_args_;
  /// The GROUP and NEGATED labels, when the rule files define them.
  LabelId group_label_ = 0, negated_label_ = 0;
  bool has_groups_ = false, has_negation_ = false;
  /// Folded city and country names -> ISO code, for datelines ("ISLAMABAD").
  std::map<std::string, std::string, std::less<>> dateline_countries_;
  /// Per known official, the slug words of its name and of each alias
  /// (made once: slugging non-ASCII names runs an ICU transliterator).
  std::vector<std::vector<std::vector<std::string>>> official_words_;
  /// Per slug word, the officials (ascending) with it in a name or alias:
  /// a person's name can be an official's only if its first word is there.
  std::map<std::string, std::vector<std::uint32_t>, std::less<>> officials_by_word_;
};

}  // namespace newsgraph::extract
