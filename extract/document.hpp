// The plain value types that flow through extraction:
// Article (read) -> Document (cleaned) -> Sentence/Token -> Mention -> Fact.
// Part of newsgraph::extract. Every type has dump(): a stable one-line form
// used by tests and --debug.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "extract/dates.hpp"

namespace newsgraph::extract {

/// A warning or error about the input, always with where it happened.
struct Diagnostic {
  enum class Severity { Warning, Error };
  Severity severity = Severity::Warning;
  SourcePos pos;
  std::string message;

  [[nodiscard]] std::string str() const {
    return pos.str() + (severity == Severity::Error ? ": error: " : ": warning: ") + message;
  }
};

/// One article as read from a file or JSON line, before cleaning.
struct Article {
  std::string id;      ///< From the header/JSON `id`, else empty.
  std::string url;
  std::string title;   ///< From the header/JSON, else found by the cleaner.
  std::optional<Date> date;  ///< Publication date, from header/JSON/--date or the cleaner.
  std::string date_source;   ///< "header", "json", "option", "text" (found by the cleaner).
  std::string source;        ///< Header `source` (a site or agency name).
  std::string dateline;      ///< The place of a dateline ("ISLAMABAD, Jan 30 (APP):"), as written.
  std::string file;          ///< Input path as given; "-" for stdin.
  std::size_t line = 0;      ///< 1-based line of the JSON record, or of the body in a text file.
  std::string text;          ///< UTF-8, NFC, controls replaced: offsets refer to this.

  /// The key its IRI is made from: id, else url, else a hash of the text.
  [[nodiscard]] std::string key() const;
};

/// A run of the article's text kept as content (byte offsets into Article::text).
struct Block {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct Token {
  std::uint32_t begin = 0;  ///< Byte offsets into Article::text.
  std::uint32_t end = 0;
  /// As written. A view: of its Sentence's `bytes` (Segmenter::segment and
  /// tokenize), or of a string the maker of the token keeps alive.
  std::string_view text;
  /// Case-folded, curly apostrophes made straight: the same bytes as `text`
  /// when folding changes nothing (most words), else other bytes of `bytes`.
  std::string_view norm;
  bool cap = false;   ///< Starts with an upper-case letter.
  bool upper = false; ///< Two or more letters, all upper case.
  bool alpha = false; ///< Starts with a letter.
  bool digit = false; ///< Starts with a digit.
  bool space_before = true;  ///< Whitespace separates it from the previous token.
  bool function = false;     ///< A function word ("The", "But"): never part of a name.
  /// The lexicon's id of `norm` (Lexicon::annotate sets it, so that later
  /// stages look each word up once); kNoLex until then.
  std::uint32_t lex = kNoLex;
  static constexpr std::uint32_t kNoLex = 0xFFFFFFFF;

  [[nodiscard]] std::string dump() const;
};

/// Index of a mention label in the LabelTable (built-ins below, rules add more).
using LabelId = std::uint16_t;

struct Mention {
  LabelId label = 0;
  std::uint32_t begin = 0;  ///< Token span [begin, end) within the sentence.
  std::uint32_t end = 0;
  std::string value;        ///< Normalised value: role title, country ISO code, name...
  std::string found_by;     ///< Rule or gazetteer that made it.
  std::int32_t entity = -1; ///< Index into Extraction::entities once resolved.
  std::int32_t ref = -1;    ///< Gazetteer entry (country/city/org/official index), if any.
};

struct Sentence {
  std::uint32_t begin = 0;  ///< Byte offsets into Article::text.
  std::uint32_t end = 0;
  std::vector<Token> tokens;
  /// The bytes the tokens' text and norm view (the text, then the norms that
  /// differ from it; one buffer may serve all the sentences of an article,
  /// see Segmenter::segment), shared so that a copy of the sentence
  /// or of its tokens stays valid; its address stays put when the sentence
  /// moves. Empty for tokens made by hand (their views are the maker's).
  std::shared_ptr<const std::string> bytes;
  std::vector<Mention> mentions;
  std::vector<DateExpr> dates;  ///< DATE mentions point here through Mention::ref.
  /// False once Lexicon::annotate found no token that starts a topic label,
  /// so that Lexicon::find_topics need not look at the tokens again.
  bool may_have_topic = true;

  /// The words of tokens [from, to) as written, spaced as in the text.
  [[nodiscard]] std::string words(std::uint32_t from, std::uint32_t to) const;
};

enum class EntityKind { Person, Country, City, Organization };

struct Entity {
  EntityKind kind = EntityKind::Person;
  std::string name;                  ///< Fullest name in the article.
  std::vector<std::string> aliases;  ///< Other names it was called, sorted.
  std::string country;               ///< iso2: the country itself, a city's country,
                                     ///< or a known official's country.
  std::int32_t ref = -1;             ///< Gazetteer entry, if known.
  /// The gazetteer's name of a known official, country, city or organisation
  /// (set by Pipeline::identify_entities); empty for unknown entities. With
  /// `country`, it is the entity's identity across articles.
  std::string canonical{};  // (an initializer, so aggregate inits may leave it out)
  /// Its Wikidata id ("Q419") when the gazetteer lists a checked one; else empty.
  std::string wikidata{};

  [[nodiscard]] std::string dump() const;
};

enum class FactKind {
  Position, Nationality, Meeting, Visit, Statement,
  Agreement,   ///< An agreement signed (or to be signed) and its parties.
  Invitation,  ///< Who invited whom, to where.
  Proposal,    ///< Who proposed what, maybe to whom.
  Event,       ///< A summit, forum or conference: name, place, dates, participants.
  Project,     ///< A named project (a port, a railway): place, builder, inauguration.
  Relation,    ///< A relation between two countries: "largest trading partner", since when.
};
const char* fact_kind_name(FactKind kind);

struct Fact {
  FactKind kind = FactKind::Position;
  bool planned = false;  ///< Expected, not (yet) real: "will visit", "are to meet".
  bool former = false;   ///< A post no longer held.
  std::int32_t person = -1;   ///< Holder, person, first participant, visitor.
  std::int32_t person2 = -1;  ///< Second participant of a meeting; invitee; addressee of a proposal.
  std::int32_t org = -1;      ///< Position: country or organisation; Nationality: country;
                              ///< Project: who builds or runs it.
  std::int32_t host = -1;     ///< Meeting: the participant who received or hosted the other, if said.
  std::int32_t place = -1;    ///< Meeting place, visit destination, where an event or project is.
  std::vector<std::int32_t> parties;  ///< Agreement parties, event participants, the two
                                      ///< countries of a relation (entities, in text order).
  std::string role;           ///< Position: lower-case role title.
  std::string org_text;       ///< Position: the organisation as written here ("OPEC"), if `org` is one.
  std::string name;           ///< Agreement, event or project as written; relation type.
  std::string quote;          ///< Statement: what was said; Proposal: what was proposed.
  bool direct = false;        ///< Statement: a quotation in quotation marks.
  std::vector<std::string> topics;  ///< Ids of the topics (areas of cooperation) it concerns.
  std::optional<DateExpr> date;
  std::optional<Date> resolved;  ///< `date` resolved against the article date.
  std::optional<Date> resolved_end;  ///< Last day of a range ("November 13-15").
  std::string period;  ///< A month or year when the text names no day: "2024-06", "2023".
  std::optional<double> confidence;  ///< The rule's measured precision, if measured.
  std::string found_by;
  std::uint32_t sentence = 0;  ///< Index into Extraction::sentences.
  std::uint32_t begin = 0;     ///< Byte span of the match in Article::text.
  std::uint32_t end = 0;

  [[nodiscard]] std::string dump(const std::vector<Entity>& entities) const;
};

/// A topic a fact names: a concept of the topic scheme.
struct TopicRef {
  std::string id;
  std::string label;
  std::string broader;  ///< Id of the broader topic, or empty.
};

/// Everything extracted from one article.
struct Extraction {
  Article article;
  std::vector<Block> blocks;
  std::vector<Sentence> sentences;
  std::vector<Entity> entities;
  std::vector<Fact> facts;
  std::vector<TopicRef> topics;  ///< The topics the facts name (and their broader ones), by id.
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> fired;  ///< Names of the rules that matched, sorted.
};

/// Number of code points in text[0, byte_offset): NIF and RFC 5147 count characters.
std::size_t code_points(const std::string& text, std::size_t byte_offset);

}  // namespace newsgraph::extract
