// The lexicon: gazetteer phrases indexed by tokens, and the code-made mentions
// (countries, demonyms, cities, organisations, roles, known officials, dates,
// pronouns, honorifics, capitalised names). Part of newsgraph::extract.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"
#include "extract/segmenter.hpp"
#include "extract/text.hpp"
#include "ontology/gazetteer.hpp"

namespace newsgraph::extract {

class Lexicon {
 public:
  /// Indexes the gazetteer's names with `segmenter`'s tokens, and reads the
  /// language lists (function words, honorifics, name particles) from `dir`.
  static Result<Lexicon> build(const ontology::Gazetteer& gazetteer, const Segmenter& segmenter,
                               const std::string& dir);

  /// Adds gazetteer, date, pronoun and honorific mentions to `s`.
  void annotate(Sentence& s) const;

  /// Adds NAME mentions: runs of capitalised words not inside other mentions
  /// ("Elmer Schialer", "Marco V. Balarezo", "Luiz Inácio Lula da Silva").
  void find_names(Sentence& s) const;

  /// Adds TOPIC mentions (value: the topic's id) for the topic scheme's
  /// labels and aliases, case-insensitively, where no other mention (but a
  /// NAME) already covers the words: "trade" is a topic, "Trade Minister" a role.
  void find_topics(Sentence& s) const;

  [[nodiscard]] const ontology::Gazetteer& gazetteer() const { return *gazetteer_; }
  [[nodiscard]] bool honorific(const std::string& norm) const;

 private:
  struct Entry {
    LabelId label;
    std::int32_t ref;
  };
  struct Phrase {
    std::vector<std::string> norms;
    std::vector<std::string> texts;  ///< As written in the gazetteer: their case is required.
    bool proper = true;              ///< Proper names need their capitals; roles do not.
    std::vector<Entry> entries;
  };
  void add(const std::string& text, LabelId label, std::int32_t ref, bool proper);
  void annotate_dates(Sentence& s) const;

  const ontology::Gazetteer* gazetteer_ = nullptr;
  const Segmenter* segmenter_ = nullptr;
  std::vector<Phrase> phrases_;
  // Hashed: looked up at every token (by_first_ is only iterated to sort each list).
  std::unordered_map<std::string, std::vector<std::size_t>, StringHash, std::equal_to<>> by_first_;
  struct TopicPhrase {
    std::vector<std::string> norms;
    std::int32_t topic;
  };
  std::unordered_map<std::string, std::vector<TopicPhrase>, StringHash, std::equal_to<>> topics_by_first_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> function_words_;
  std::set<std::string, std::less<>> honorifics_, particles_;
};

}  // namespace newsgraph::extract
