// Gazetteer phrase matching, dates, pronouns, honorifics and names.
// Part of newsgraph::extract.
#include "extract/lexicon.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <fstream>

#include "extract/text.hpp"

namespace newsgraph::extract {
namespace {

Result<std::set<std::string, std::less<>>> read_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(Code::IoError, "cannot open word list", SourcePos{path, 0, 0});
  std::set<std::string, std::less<>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.insert(fold(line));
  }
  return out;
}

bool all_caps_word(const std::string& t) {
  std::size_t letters = 0;
  for (char c : t) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

int small_number(const Token& t, int max) {
  if (!t.digit) return 0;
  int v = 0;
  std::size_t i = 0;
  for (; i < t.text.size() && i < 3 && t.text[i] >= '0' && t.text[i] <= '9'; ++i) v = v * 10 + (t.text[i] - '0');
  if (i > 2) return 0;  // stops before a long run of digits can overflow
  const auto rest = t.norm.substr(i);  // a view: no std::string a digit token
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return v >= 1 && v <= max ? v : 0;
}

// II, III, IV ... XX: regnal numbers after a name.
bool roman(std::string_view w) {
  if (w.size() < 2 || w.size() > 5) return false;
  return w.find_first_not_of("IVX") == std::string::npos;
}

int year_of(const Token& t) {
  if (t.text.size() != 4 || !t.digit) return 0;
  int y = 0;  // (was std::stoi of a std::string made of the text)
  for (char c : t.text) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= 2100 ? y : 0;
}

// Adds m to a sentence's mentions, with room for eight made at the first:
// most sentences get a few, here and from the rules, and growing by 1, 2,
// 4, 8 cost a malloc and a move of every mention each time.
void add_mention(std::vector<Mention>& to, Mention&& m) {
  if (to.capacity() == 0) to.reserve(8);
  to.push_back(std::move(m));
}

}  // namespace

// Whether a date may start at token t, whose word has flags f: every kind
// starts with a month or weekday (capitalised), a digit, or one of the
// keywords that start a date of their own ("today", "last year": today to
// this, one run of keywords).
bool Lexicon::may_start_date(const Token& t, const WordFlags& f) {
  static_assert(kYesterday == kToday + 1 && kTomorrow == kToday + 2 && kLast == kToday + 3 && kNext == kToday + 4 &&
                kThis == kToday + 5);
  return (t.cap && f.calendar) || t.digit || (f.keyword >= kToday && f.keyword <= kThis);
}

// A preposition before a bare year: "in 2009", "since 1971".
bool Lexicon::preposition(Keyword k) {
  return k == kIn || k == kSince || k == kUntil || k == kFrom || k == kDuring || k == kBefore || k == kAfter ||
         k == kBy;
}

Result<Lexicon> Lexicon::build(const ontology::Gazetteer& g, const Segmenter& seg, const std::string& dir) {
  Lexicon lx;
  lx.gazetteer_ = &g;
  lx.segmenter_ = &seg;
  auto fw = read_list(dir + "/function_words.txt");
  if (!fw) return fw.status();
  auto hon = read_list(dir + "/honorifics.txt");
  if (!hon) return hon.status();
  auto part = read_list(dir + "/name_particles.txt");
  if (!part) return part.status();
  for (const auto& w : fw.value()) lx.words_[lx.intern(w)].function = true;
  for (const auto& w : part.value()) lx.words_[lx.intern(w)].particle = true;
  lx.honorifics_ = std::move(hon.value());
  static constexpr std::pair<const char*, Keyword> kKeywords[] = {
      {"he", kHe}, {"she", kShe}, {"his", kHis}, {"her", kHer}, {"him", kHim}, {"today", kToday},
      {"yesterday", kYesterday}, {"tomorrow", kTomorrow}, {"last", kLast}, {"next", kNext}, {"this", kThis},
      {"year", kYear}, {"week", kWeek}, {"month", kMonth}, {"may", kMay}, {"march", kMarch}, {"in", kIn},
      {"since", kSince}, {"until", kUntil}, {"from", kFrom}, {"during", kDuring}, {"before", kBefore},
      {"after", kAfter}, {"by", kBy}};
  for (const auto& [w, k] : kKeywords) lx.words_[lx.intern(w)].keyword = k;
  // The words month_number and weekday_number know: full names and their
  // first three letters ("sept" too), each also with a full stop.
  static constexpr const char* kCalendar[] = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (const std::string w : kCalendar) {
    for (const auto& v : {w, w.substr(0, 3)}) {
      lx.words_[lx.intern(v)].calendar = true;
      lx.words_[lx.intern(v + ".")].calendar = true;
    }
  }
  lx.words_[lx.intern("sept")].calendar = true;
  lx.words_[lx.intern("sept.")].calendar = true;

  for (std::size_t i = 0; i < g.countries().size(); ++i) {
    const auto& c = g.countries()[i];
    const auto ref = static_cast<std::int32_t>(i);
    lx.add(c.name, label::kCountry, ref, true);
    for (const auto& a : c.aliases) lx.add(a, label::kCountry, ref, true);
    for (const auto& d : c.demonyms) lx.add(d, label::kDemonym, ref, true);
  }
  for (std::size_t i = 0; i < g.cities().size(); ++i) {
    const auto& c = g.cities()[i];
    lx.add(c.name, label::kCity, static_cast<std::int32_t>(i), true);
    for (const auto& a : c.aliases) lx.add(a, label::kCity, static_cast<std::int32_t>(i), true);
  }
  for (std::size_t i = 0; i < g.regions().size(); ++i) {
    const auto& r = g.regions()[i];
    lx.add(r.name, label::kRegion, static_cast<std::int32_t>(i), true);
    for (const auto& a : r.aliases) lx.add(a, label::kRegion, static_cast<std::int32_t>(i), true);
  }
  for (std::size_t i = 0; i < g.organizations().size(); ++i) {
    const auto& o = g.organizations()[i];
    const auto ref = static_cast<std::int32_t>(i);
    lx.add(o.name, label::kOrg, ref, true);
    for (const auto& a : o.aliases) lx.add(a, label::kOrg, ref, true);
    for (const auto& a : o.acronyms) lx.add(a, label::kOrg, ref, true);
  }
  for (std::size_t i = 0; i < g.roles().size(); ++i) {
    const auto& r = g.roles()[i];
    lx.add(r.title, label::kRole, static_cast<std::int32_t>(i), false);
    for (const auto& a : r.aliases) lx.add(a, label::kRole, static_cast<std::int32_t>(i), false);
  }
  for (std::size_t i = 0; i < g.officials().size(); ++i) {
    const auto& o = g.officials()[i];
    lx.add(o.name, label::kPerson, static_cast<std::int32_t>(i), true);
    for (const auto& a : o.aliases) lx.add(a, label::kPerson, static_cast<std::int32_t>(i), true);
  }
  for (const auto& h : lx.honorifics_) lx.add(h, label::kHonorific, -1, false);
  for (std::size_t i = 0; i < g.topics().size(); ++i) {
    const auto& t = g.topics()[i];
    std::vector<std::string> names{t.label};
    names.insert(names.end(), t.aliases.begin(), t.aliases.end());
    for (const auto& name : names) {
      TopicPhrase p{{}, static_cast<std::int32_t>(i)};
      const auto words = seg.tokenize(name);
      for (const auto& tok : words.tokens) p.ids.push_back(lx.intern(std::string(tok.norm)));
      if (!p.ids.empty()) lx.words_[p.ids[0]].topics.push_back(std::move(p));
    }
  }
  // Longest phrases first, so the first match at a token is the longest.
  for (auto& w : lx.words_) {
    auto& list = w.phrases;
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return lx.phrases_[a].norms.size() > lx.phrases_[b].norms.size();
    });
  }
  for (auto& w : lx.words_) {
    for (std::size_t k = 0; k < w.phrases.size(); ++k) {
      const auto& p = lx.phrases_[w.phrases[k]];
      const Word::PhraseKey key{static_cast<std::uint32_t>(p.ids.size()), p.ids.size() > 1 ? p.ids[1] : 0,
                                static_cast<std::uint32_t>(w.phrases[k]), static_cast<std::uint32_t>(k), p.proper};
      (key.size > 1 ? w.keys : w.singles).push_back(key);
    }
    // (`phrases` is longest first, so in each second word's run the keys stay in order.)
    std::stable_sort(w.keys.begin(), w.keys.end(),
                     [](const Word::PhraseKey& a, const Word::PhraseKey& b) { return a.second < b.second; });
  }
  lx.flags_.reserve(lx.words_.size());
  for (const auto& w : lx.words_) lx.flags_.push_back(flags_of(w));
  for (const auto& w : lx.words_) {
    for (const auto& key : w.keys) {
      lx.flags_[key.second].second = true;
      lx.flags_[key.second].note |= kNoteSecond;
    }
  }
  return lx;
}

void Lexicon::find_topics(Sentence& s) const {
  const auto& t = s.tokens;
  const auto n = t.size();
  if (!s.may_have_topic) return;  // annotate saw no word that starts a topic
  // The words the mentions made before this loop cover (not the topics it
  // adds), made at the first word that starts a topic: most sentences have none.
  std::vector<char> covered;
  for (std::size_t i = 0; i < n;) {
    if (!flags_[id_of(t[i])].starts_topic) {
      ++i;
      continue;
    }
    if (covered.empty()) {
      covered.assign(n, 0);
      for (const auto& m : s.mentions) {
        if (m.label == label::kName) continue;
        for (auto k = m.begin; k < m.end && k < n; ++k) covered[k] = 1;
      }
    }
    std::size_t best = 0;
    std::int32_t topic = -1;
    for (const auto& p : words_[id_of(t[i])].topics) {
      const auto len = p.ids.size();
      if (len <= best || i + len > n) continue;
      bool ok = true;
      for (std::size_t k = 0; k < len && ok; ++k) ok = id_of(t[i + k]) == p.ids[k] && !covered[i + k];
      if (ok) {
        best = len;
        topic = p.topic;
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    Mention m;
    m.label = label::kTopic;
    m.begin = static_cast<std::uint32_t>(i);
    m.end = static_cast<std::uint32_t>(i + best);
    m.value = gazetteer_->topics()[static_cast<std::size_t>(topic)].id;
    m.found_by = "topics";
    m.ref = topic;
    add_mention(s.mentions, std::move(m));
    i += best;
  }
}

void Lexicon::add(const std::string& text, LabelId lab, std::int32_t ref, bool proper) {
  const auto words = segmenter_->tokenize(text);
  const auto& tokens = words.tokens;
  if (tokens.empty()) return;
  Phrase p;
  for (const auto& t : tokens) {
    p.norms.emplace_back(t.norm);
    p.ids.push_back(intern(p.norms.back()));
    p.texts.emplace_back(t.text);
  }
  p.proper = proper;
  // Acronyms must match exactly ("US", not "us"); other proper-name words
  // must keep their capital ("Turkey", not "turkey").
  for (const auto& t : p.texts) {
    p.cases.push_back(!proper               ? Phrase::Case::Any
                      : all_caps_word(t)    ? Phrase::Case::Exact
                      : starts_upper(t)     ? Phrase::Case::Capital
                                            : Phrase::Case::Any);
  }
  // The same words and case may name several things (a country and its demonym).
  auto& list = words_[p.ids[0]].phrases;
  for (auto idx : list) {
    auto& q = phrases_[idx];
    if (q.texts == p.texts && q.proper == p.proper) {
      for (const auto& e : q.entries) {
        if (e.label == lab) return;  // first entry of a label wins
      }
      q.entries.push_back({lab, ref});
      return;
    }
  }
  p.entries.push_back({lab, ref});
  list.push_back(phrases_.size());
  phrases_.push_back(std::move(p));
}

std::uint32_t Lexicon::intern(const std::string& norm) {
  const auto id = word_ids_.insert(norm, static_cast<std::uint32_t>(words_.size()));
  if (id == words_.size()) words_.emplace_back();
  return id;
}

std::uint32_t Lexicon::id_of(std::string_view norm) const { return word_ids_.find(norm); }

Lexicon::WordFlags Lexicon::flags_of(const Word& w) {
  WordFlags f;
  f.function = w.function;
  f.particle = w.particle;
  f.keyword = w.keyword;
  f.starts_phrase = !w.phrases.empty();
  f.calendar = w.calendar;
  f.starts_topic = !w.topics.empty();
  f.starts_single = !w.singles.empty();
  f.note = static_cast<std::uint8_t>(
      (f.keyword >= kHe && f.keyword <= kHim ? kNotePronoun : 0) | (f.starts_topic ? kNoteTopic : 0) |
      (f.keyword >= kToday && f.keyword <= kThis ? kNoteDateWord : 0) | (f.calendar ? kNoteCalendar : 0) |
      (f.starts_phrase ? kNotePhrase : 0) | (f.starts_single ? kNoteSingle : 0));
  return f;  // (`second` is set by build, from the words' keys)
}

std::uint32_t Lexicon::add_word(std::string_view norm) {
  const auto id = intern(std::string(norm));
  // (A new word is no phrase's: its flags are all from an empty Word.)
  for (auto i = flags_.size(); i < words_.size(); ++i) flags_.push_back(flags_of(words_[i]));
  return id;
}

bool Lexicon::honorific(std::string_view norm) const {
  if (!norm.empty() && norm.back() == '.') norm.remove_suffix(1);
  return honorifics_.find(norm) != honorifics_.end();  // std::less<>: no std::string made
}

void Lexicon::annotate(Sentence& s) const {
  // The first and last token a date may start at (see annotate_dates): most
  // sentences have none, and annotate_dates looks only between them.
  std::size_t first_date = s.tokens.size(), last_date = 0;
  // The tokens the phrase loop below may find a phrase at, noted here from
  // a token's flags and the next one's (the test that loop made at every
  // token): most tokens are none, and that loop visits only these. Kept
  // for the thread's next sentence (no malloc a sentence).
  thread_local std::vector<std::uint32_t> starts;
  starts.clear();
  auto* const tk = s.tokens.data();
  const auto n = s.tokens.size();
  std::uint8_t seen = 0;  // the notes of all the tokens' words (kNotePronoun, kNoteTopic)
  std::uint8_t prev = 0;  // token j - 1's kNotePhrase, kNoteSingle and kNoteDot
  // (Locals: the byte store to t.function would make the compiler load the
  // table's and flags_' members again at every token.)
  const auto ids = word_ids_.finder();
  const WordFlags* const flags = flags_.data();
  for (std::size_t j = 0; j < n; ++j) {
    auto& t = tk[j];
    t.lex = ids.find(t.norm);  // id_of, inlined: a lookup a token
    const auto& f = flags[t.lex];
    t.function = f.function;
    const auto note = f.note;
    seen |= note;
    // may_start_date, from the note's bits.
    if ((note & kNoteDateWord) || t.digit || (t.cap && (note & kNoteCalendar))) {
      first_date = std::min(first_date, j);
      last_date = j;
    }
    const std::uint8_t dot = !t.norm.empty() && t.norm.back() == '.' ? kNoteDot : 0;
    // lookup finds nothing for a word of no one-word phrase before a token
    // that is no phrase's second word, with or without a full stop: most
    // tokens that start a phrase ("the", "new") are passed so. A word with
    // a full stop is looked up without it too.
    if (((prev & kNotePhrase) && ((prev & kNoteSingle) || ((note | dot) & (kNoteSecond | kNoteDot)))) ||
        (prev & kNoteDot)) {
      starts.push_back(static_cast<std::uint32_t>(j - 1));  // (prev is 0 at j = 0)
    }
    prev = static_cast<std::uint8_t>((note & (kNotePhrase | kNoteSingle)) | dot);
  }
  if (((prev & kNotePhrase) && (prev & kNoteSingle)) || (prev & kNoteDot)) {
    starts.push_back(static_cast<std::uint32_t>(n - 1));
  }
  const bool topic = seen & kNoteTopic, pronoun = seen & kNotePronoun;
  s.may_have_topic = topic;
  const auto& toks = s.tokens;
  // The longest phrase at token i, found by the lambdas below (made once
  // a sentence, not at every token: they are not inlined, and making their
  // closures cost as much as the flag tests).
  std::size_t i = 0;
  std::size_t best = 0;
  const Phrase* hit = nullptr;
  // Of the phrases that start with one word: the first in its `phrases`
  // of the longest that match, if longer than `best` (what an earlier
  // call found) - the order a walk down `phrases` would find.
  std::uint32_t best_order = 0;
  auto try_keys = [&](const Word::PhraseKey* key, const Word::PhraseKey* end, bool common_only) {
    for (; key != end; ++key) {
      if (key->size < best || (key->size == best && key->order >= best_order)) break;
      if (i + key->size > n || (common_only && key->proper)) continue;
      const auto& p = phrases_[key->phrase];
      bool ok = true;
      for (std::size_t k = 0; ok && k < p.norms.size(); ++k) {
        const auto& t = toks[i + k];
        if (t.lex != p.ids[k]) {
          // "Mr" in the list also matches "Mr." in text.
          ok = !p.proper && t.norm.size() == p.norms[k].size() + 1 && t.norm.back() == '.' &&
               t.norm.compare(0, p.norms[k].size(), p.norms[k]) == 0;
          if (!ok) break;
        }
        if (p.cases[k] == Phrase::Case::Exact) ok = t.text == p.texts[k];
        else if (p.cases[k] == Phrase::Case::Capital) ok = t.cap;
      }
      if (ok) {
        best = p.norms.size();
        best_order = key->order;
        hit = &p;
        return;  // the rest of the run is shorter or later
      }
    }
  };
  // The keys of `keys` (sorted by second word) whose second word is `second`.
  auto run_of = [](const std::vector<Word::PhraseKey>& keys, std::uint32_t second) {
    return std::equal_range(keys.data(), keys.data() + keys.size(), Word::PhraseKey{0, second, 0, 0, false},
                            [](const Word::PhraseKey& a, const Word::PhraseKey& b) { return a.second < b.second; });
  };
  // Called only for a word that starts phrases (most tokens start none,
  // and a call costs more than the test).
  auto lookup = [&](std::uint32_t first) {
    const auto& w = words_[first];
    best_order = 0;  // an earlier call's match of the same size stays
    if (i + 1 < n && !w.keys.empty()) {
      // A phrase of several words matches only if its second word is the
      // next token's, or, for one that is not proper, that word without
      // its full stop ("Mr" in the list matches "Mr." in text).
      const auto& next = toks[i + 1];
      if (next.lex != 0) {
        const auto [b, e] = run_of(w.keys, next.lex);
        try_keys(b, e, false);
      }
      if (!next.norm.empty() && next.norm.back() == '.') {
        if (const auto bare = id_of(std::string_view(next.norm).substr(0, next.norm.size() - 1))) {
          const auto [b, e] = run_of(w.keys, bare);
          try_keys(b, e, true);
        }
      }
    }
    try_keys(w.singles.data(), w.singles.data() + w.singles.size(), false);
  };
  for (const auto at : starts) {
    if (at < i) continue;  // in the phrase found last
    i = at;
    best = 0;
    hit = nullptr;
    if (const auto& f = flags_[toks[i].lex];
        f.starts_phrase &&
        (f.starts_single || (i + 1 < n && (flags_[toks[i + 1].lex].second ||
                                           (!toks[i + 1].norm.empty() && toks[i + 1].norm.back() == '.'))))) {
      lookup(toks[i].lex);
    }
    if (!toks[i].norm.empty() && toks[i].norm.back() == '.') {
      const auto bare = id_of(std::string_view(toks[i].norm).substr(0, toks[i].norm.size() - 1));
      if (flags_[bare].starts_phrase) lookup(bare);
    }
    if (!hit) continue;
    // A title glued by a hyphen to a capitalised word is part of a name:
    // "Amir-Abdollahian" is no emir, "Sheikh-Ali" no sheikh.
    const bool in_compound = i + best + 1 < n && toks[i + best].text == "-" && !toks[i + best].space_before &&
                             !toks[i + best + 1].space_before && toks[i + best + 1].cap;
    for (const auto& e : hit->entries) {
      if (in_compound && (e.label == label::kRole || e.label == label::kHonorific)) continue;
      Mention m;
      m.label = e.label;
      m.begin = static_cast<std::uint32_t>(i);
      m.end = static_cast<std::uint32_t>(i + best);
      m.ref = e.ref;
      m.found_by = "gazetteer";
      const auto& g = *gazetteer_;
      switch (e.label) {
        case label::kCountry:
        case label::kDemonym:
          m.value = g.countries()[static_cast<std::size_t>(e.ref)].iso2;
          break;
        case label::kCity:
          m.value = g.cities()[static_cast<std::size_t>(e.ref)].name;
          break;
        case label::kOrg:
          m.value = g.organizations()[static_cast<std::size_t>(e.ref)].name;
          break;
        default: {  // roles and persons: the words as written
          const std::string v = s.words(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + best));
          m.value = e.label == label::kRole ? fold(v) : v;
          break;
        }
      }
      add_mention(s.mentions, std::move(m));
    }
    i += best;
  }
  for (std::size_t j = 0; pronoun && j < n; ++j) {
    const auto k = keyword(toks[j]);
    if (k == kHe || k == kShe || k == kHis || k == kHer || k == kHim) {
      add_mention(s.mentions, Mention{label::kPronoun, static_cast<std::uint32_t>(j),
                            static_cast<std::uint32_t>(j + 1), std::string(toks[j].norm), "pronoun", -1, -1});
    }
  }
  if (first_date <= last_date) annotate_dates(s, first_date, last_date);
}

void Lexicon::annotate_dates(Sentence& s, std::size_t first, std::size_t last) const {
  const auto& t = s.tokens;
  const auto n = t.size();
  using K = DateExpr::Kind;
  // (No date starts before `first` or after `last`: the loop would pass
  // those tokens one by one.)
  for (std::size_t i = first; i < n && i <= last;) {
    // Other tokens (most capitalised words, "in", "he") are passed at once.
    const auto& f = flags_[id_of(t[i])];
    if (!may_start_date(t[i], f)) {
      ++i;
      continue;
    }
    const auto k = f.keyword;
    const bool calendar = t[i].cap && f.calendar;
    DateExpr e;
    std::size_t len = 0;
    const int month = calendar ? month_number(t[i].text) : 0;
    const int wd = calendar ? weekday_number(t[i].text) : -1;
    // "May" and "March" are words too; as months they come with a number.
    const auto k1 = i + 1 < n ? keyword(t[i + 1]) : kNotKeyword;
    const bool month_word = month && (t[i].text.size() > 3 || t[i].text.back() == '.') && k != kMay && k != kMarch;
    if (wd >= 0 && t[i].text.size() > 3) {
      e.kind = K::Weekday;
      e.weekday = wd;
      len = 1;
    } else if (month && i + 1 < n && small_number(t[i + 1], 31)) {
      // November 13, November 13-15, Nov. 8, June 29, 2024
      e.month = month;
      e.day = small_number(t[i + 1], 31);
      len = 2;
      if (i + 3 < n && (t[i + 2].text == "-" || t[i + 2].text == "\u2013") && small_number(t[i + 3], 31) &&
          small_number(t[i + 3], 31) > e.day) {
        e.end_day = small_number(t[i + 3], 31);
        len = 4;
      }
      std::size_t y = i + len;
      if (y < n && t[y].text == ",") ++y;
      if (y < n && year_of(t[y])) {
        e.year = year_of(t[y]);
        len = y + 1 - i;
        e.kind = K::Absolute;
      } else {
        e.kind = K::MonthDay;
      }
    } else if (small_number(t[i], 31) && i + 1 < n && t[i + 1].cap && may_be_calendar(t[i + 1]) &&
               month_number(t[i + 1].text)) {
      // 14 November 2024, 8 Nov
      e.day = small_number(t[i], 31);
      e.month = month_number(t[i + 1].text);
      len = 2;
      if (i + 2 < n && year_of(t[i + 2])) {
        e.year = year_of(t[i + 2]);
        e.kind = K::Absolute;
        len = 3;
      } else {
        e.kind = K::MonthDay;
      }
    } else if (year_of(t[i]) && i + 4 < n && t[i + 1].text == "-" && t[i + 3].text == "-" &&
               small_number(t[i + 2], 12) && small_number(t[i + 4], 31)) {
      e.kind = K::Absolute;  // 2024-06-29
      e.year = year_of(t[i]);
      e.month = small_number(t[i + 2], 12);
      e.day = small_number(t[i + 4], 31);
      len = 5;
    } else if (month_word && i + 1 < n && t[i + 1].cap && t[i + 1].alpha && !year_of(t[i + 1]) &&
               !(may_be_calendar(t[i + 1]) &&
                 (weekday_number(t[i + 1].text) >= 0 || month_number(t[i + 1].text) != 0))) {
      // "January Makamba", "June Osei": a month name before a capitalised
      // word is a first name, not a date.
    } else if ((month_word || (month && i + 1 < n && year_of(t[i + 1])))) {
      e.kind = K::Month;  // in June, June 2024
      e.month = month;
      len = 1;
      if (i + 1 < n && year_of(t[i + 1])) {
        e.year = year_of(t[i + 1]);
        len = 2;
      }
    } else if (k == kToday || k == kYesterday || k == kTomorrow) {
      e.kind = k == kToday ? K::Today : k == kYesterday ? K::Yesterday : K::Tomorrow;
      len = 1;
    } else if ((k == kLast || k == kNext || k == kThis) && k1 == kYear) {
      e.kind = K::Year;  // last year, this year, next year: resolved against the article's year
      e.year_offset = k == kLast ? -1 : k == kNext ? 1 : 0;
      len = 2;
    } else if ((k == kLast || k == kNext || k == kThis) && (k1 == kWeek || k1 == kMonth)) {
      e.kind = K::Vague;
      len = 2;
    } else if (year_of(t[i]) && i > 0 && preposition(keyword(t[i - 1])) &&
               !(i + 1 < n && (t[i + 1].text == "-" || t[i + 1].text == "/"))) {
      e.kind = K::Year;  // "in 2009", "since 1971": a year after a preposition, not "2024-06-29"
      e.year = year_of(t[i]);
      len = 1;
    }
    if (!len) {
      ++i;
      continue;
    }
    if ((e.kind == K::Absolute || e.kind == K::MonthDay) && !make_date(e.year ? e.year : 2000, e.month, e.day)) {
      ++i;
      continue;
    }
    e.text = s.words(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + len));
    Mention m;
    m.label = label::kDate;
    m.begin = static_cast<std::uint32_t>(i);
    m.end = static_cast<std::uint32_t>(i + len);
    m.ref = static_cast<std::int32_t>(s.dates.size());
    m.value = e.text;
    m.found_by = "dates";
    s.dates.push_back(std::move(e));
    add_mention(s.mentions, std::move(m));
    i += len;
  }
}

void Lexicon::find_names(Sentence& s) const {
  const auto& t = s.tokens;
  const auto n = t.size();
  // Bytes, not bits: tested for most capitalised words. Kept for the
  // thread's next sentence (a vector a sentence cost a malloc and a free).
  thread_local std::vector<char> covered;
  covered.assign(n, 0);
  for (const auto& m : s.mentions) {
    for (auto i = m.begin; i < m.end && i < n; ++i) covered[i] = 1;
  }
  // Token::upper is all_caps_word(text), worked out by the segmenter.
  auto name_word = [&](std::size_t i) {
    return t[i].cap && t[i].alpha && !covered[i] && !t[i].upper;
  };
  // "Retno LP Marsudi": initials written as two capitals, inside a name.
  auto caps_initials = [&](std::size_t i) {
    return i + 1 < n && !covered[i] && t[i].upper && t[i].text.size() == 2 && name_word(i + 1);
  };
  // A function word opens a name only mid-sentence ("To Lam", "The Hague"),
  // never at the start, where every word is capitalised.
  auto opens_sentence = [&](std::size_t i) {
    return i == 0 || t[i - 1].text == "\"" || t[i - 1].text == "\u201C" || t[i - 1].text == ":" || t[i - 1].text == "-";
  };
  auto initial = [&](std::size_t i) {
    return t[i].text.size() == 2 && t[i].cap && t[i].text[1] == '.' && !covered[i];
  };
  for (std::size_t i = 0; i < n;) {
    if (!name_word(i) || (flags_[id_of(t[i])].function && (opens_sentence(i) || t[i].norm == "the" || i + 1 >= n || !name_word(i + 1))) ||
        initial(i)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    for (;;) {
      if (j < n && (name_word(j) || initial(j) || caps_initials(j))) {
        ++j;
      } else if (j + 1 < n && !covered[j] && flags_[id_of(t[j])].particle && !t[j].cap) {
        // da Silva, von der Leyen, de la Cruz: particles, then a name word.
        std::size_t k = j;
        while (k < n && k < j + 3 && !covered[k] && flags_[id_of(t[k])].particle && !t[k].cap) ++k;
        if (k < n && name_word(k)) j = k + 1;
        else break;
      } else if (j + 1 < n && t[j].text == "-" && !t[j].space_before && !t[j + 1].space_before &&
                 t[j + 1].alpha && !covered[j + 1]) {
        j += 2;  // Jean-Yves, Jae-yong
      } else if (j < n && !covered[j] &&
                 (roman(t[j].text) || t[j].text == "V" || t[j].text == "X" || t[j].norm == "jr." || t[j].norm == "sr.")) {
        ++j;  // Abdullah II, Ferdinand Marcos Jr.
      } else {
        break;
      }
    }
    // "Separately, ..." / "Meanwhile, ...": a lone word ending in -ly that
    // opens the sentence before a comma is an adverb, not a name.
    if (i == 0 && j == 1 && n > 1 && t[1].text == "," && t[0].norm.size() > 4 &&
        t[0].norm.compare(t[0].norm.size() - 2, 2, "ly") == 0) {
      i = j;
      continue;
    }
    add_mention(s.mentions, Mention{label::kName, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j),
                          s.words(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)), "names", -1, -1});
    i = j;
  }
}

}  // namespace newsgraph::extract
