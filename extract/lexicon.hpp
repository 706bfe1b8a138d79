// The lexicon: gazetteer phrases indexed by tokens, and the code-made mentions
// (countries, demonyms, cities, organisations, roles, known officials, dates,
// pronouns, honorifics, capitalised names). Part of newsgraph::extract.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "extract/document.hpp"
#include "extract/labels.hpp"
#include "extract/segmenter.hpp"
#include "extract/text.hpp"
#include "extract/word_table.hpp"
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
  /// Whether the folded word `norm`, without a full stop at its end, is on
  /// the honorifics list (a view: the caller's token is looked up as it is,
  /// with no string made of it).
  [[nodiscard]] bool honorific(std::string_view norm) const;

  /// Whether annotate_dates asks month_number and weekday_number about
  /// token `t` (annotated): false only where both would say no.
  [[nodiscard]] bool may_be_calendar(const Token& t) const { return flags_[id_of(t)].calendar; }

  /// Gives the folded word `norm` an id if it has none (with no entries) and
  /// returns it. Another stage's word list added so (the rules' vocabulary)
  /// can then be read from Token::lex: a token whose lex is not one of its
  /// words' ids is no word of that list.
  std::uint32_t add_word(std::string_view norm);

 private:
  struct Entry {
    LabelId label;
    std::int32_t ref;
  };
  struct Phrase {
    std::vector<std::string> norms;
    std::vector<std::uint32_t> ids;  ///< The norms' word ids.
    std::vector<std::string> texts;  ///< As written in the gazetteer: their case is required.
    bool proper = true;              ///< Proper names need their capitals; roles do not.
    /// Per word of a proper phrase, the case its token needs (from `texts`,
    /// worked out once at build).
    enum class Case : std::uint8_t { Any, Exact, Capital };
    std::vector<Case> cases;
    std::vector<Entry> entries;
  };
  void add(const std::string& text, LabelId label, std::int32_t ref, bool proper);
  /// The dates that start at tokens first to last (annotated) of `s`.
  void annotate_dates(Sentence& s, std::size_t first, std::size_t last) const;

  struct TopicPhrase {
    std::vector<std::uint32_t> ids;  ///< Word ids of its folded words.
    std::int32_t topic;
  };
  /// What the lexicon knows of one folded word: one hash lookup per token
  /// (Lexicon::annotate stores the id in Token::lex) answers every question.
  /// Words that annotate and annotate_dates test tokens for, by id:
  /// comparing a token's Token::lex with them replaces string compares.
  enum Keyword : std::uint8_t {
    kNotKeyword, kHe, kShe, kHis, kHer, kHim, kToday, kYesterday, kTomorrow, kLast, kNext, kThis,
    kYear, kWeek, kMonth, kMay, kMarch, kIn, kSince, kUntil, kFrom, kDuring, kBefore, kAfter, kBy
  };
  struct Word {
    bool function = false;
    bool particle = false;
    Keyword keyword = kNotKeyword;
    bool calendar = false;  ///< See WordFlags::calendar.
    std::vector<std::size_t> phrases;  ///< Phrases that start with it, longest first.
    std::vector<TopicPhrase> topics;   ///< Topic labels that start with it.
    /// What annotate tests of each of `phrases` before it looks at the
    /// Phrase: a few words start dozens of phrases ("the", "republic") and
    /// are met thousands of times, mostly before a word that goes on none.
    struct PhraseKey {
      std::uint32_t size;    ///< Its number of words.
      std::uint32_t second;  ///< Its second word's id, if it has one.
      std::uint32_t phrase;  ///< Index into phrases_.
      std::uint32_t order;   ///< Its place in `phrases`: the first to match wins.
      bool proper;
    };
    /// The phrases of two words or more, by second word's id, then longest
    /// first, then in order (annotate finds a second word's run by binary search).
    std::vector<PhraseKey> keys;
    std::vector<PhraseKey> singles;  ///< The phrases of one word, in order.
  };
  /// The few bytes of a Word that every token asks for, in an array of their
  /// own (by id), so that the per-token loops touch 4 bytes, not a Word.
  struct WordFlags {
    bool function = false;
    bool particle = false;
    Keyword keyword = kNotKeyword;
    bool starts_phrase = false;  ///< Word::phrases is not empty.
    /// A word that month_number or weekday_number may take ("june",
    /// "jun.", "sept", "tue."): a token of any other word is neither, so
    /// annotate_dates calls them only for these (Token::norm is the text
    /// folded, which for a month or weekday is ASCII lower-casing).
    bool calendar = false;
    bool starts_topic = false;  ///< Word::topics is not empty.
    bool starts_single = false;  ///< Word::singles is not empty.
    /// The second word of a phrase (of a Word::PhraseKey): a word that
    /// starts only longer phrases ("the", "new") is looked up in its keys
    /// only before a token of such a word (or one ending in a full stop).
    bool second = false;
    /// Of the above, the bits annotate's token loop tests for every token
    /// (kNote*), in one byte that it tests at once.
    std::uint8_t note = 0;
  };
  static constexpr std::uint8_t kNotePronoun = 1;   ///< he, she, his, her, him
  static constexpr std::uint8_t kNoteTopic = 2;     ///< starts_topic
  static constexpr std::uint8_t kNoteDateWord = 4;  ///< today ... this: may start a date
  static constexpr std::uint8_t kNoteCalendar = 8;  ///< calendar
  static constexpr std::uint8_t kNotePhrase = 16;   ///< starts_phrase
  static constexpr std::uint8_t kNoteSingle = 32;   ///< starts_single
  static constexpr std::uint8_t kNoteSecond = 64;   ///< second
  static constexpr std::uint8_t kNoteDot = 128;     ///< (a token's, not a word's: its norm ends in '.')
  static WordFlags flags_of(const Word& w);
  std::uint32_t intern(const std::string& norm);
  /// The id of a folded word; 0 (a word with no entries) if it is unknown.
  [[nodiscard]] std::uint32_t id_of(std::string_view norm) const;
  /// The id of a token's word: Token::lex once annotate set it, else looked up.
  [[nodiscard]] std::uint32_t id_of(const Token& t) const {
    return t.lex != Token::kNoLex ? t.lex : id_of(std::string_view(t.norm));
  }
  [[nodiscard]] Keyword keyword(const Token& t) const { return flags_[id_of(t)].keyword; }
  static bool preposition(Keyword k);
  static bool may_start_date(const Token& t, const WordFlags& f);

  const ontology::Gazetteer* gazetteer_ = nullptr;
  const Segmenter* segmenter_ = nullptr;
  std::vector<Phrase> phrases_;
  WordTable word_ids_;
  std::vector<Word> words_ = std::vector<Word>(1);  ///< By id; [0] is the unknown word.
  std::vector<WordFlags> flags_;                    ///< By id, made from words_ at the end of build.
  std::set<std::string, std::less<>> honorifics_;
};

}  // namespace newsgraph::extract
