// The extraction pipeline. Part of newsgraph::extract.
#include "extract/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "extract/cleaner.hpp"
#include "extract/text.hpp"

namespace newsgraph::extract {
namespace {

/// The captures of one slot among a match's captures, in their order: what
/// run_fact_rules' spans() gives (no vector made per call).
class CaptureSpans {
 public:
  class iterator {
   public:
    iterator(const Capture* at, const Capture* end, int slot) : at_(at), end_(end), slot_(slot) { skip(); }
    const Capture& operator*() const { return *at_; }
    iterator& operator++() {
      ++at_;
      skip();
      return *this;
    }
    bool operator!=(const iterator& o) const { return at_ != o.at_; }

   private:
    void skip() {
      while (at_ != end_ && static_cast<int>(at_->slot) != slot_) ++at_;
    }
    const Capture* at_;
    const Capture* end_;
    int slot_;
  };
  CaptureSpans(const std::vector<Capture>* caps, int slot) : caps_(caps), slot_(slot) {}
  [[nodiscard]] iterator begin() const {
    const Capture* b = caps_->data();
    const Capture* e = b + caps_->size();
    return slot_ < 0 ? iterator(e, e, slot_) : iterator(b, e, slot_);
  }
  [[nodiscard]] iterator end() const {
    const Capture* e = caps_->data() + caps_->size();
    return iterator(e, e, slot_);
  }
  [[nodiscard]] bool empty() const { return !(begin() != end()); }
  [[nodiscard]] const Capture& front() const { return *begin(); }

 private:
  const std::vector<Capture>* caps_;
  int slot_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::load(const PipelineOptions& o) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  auto g = ontology::Gazetteer::load(o.data_dir + "/ontology/data");
  if (!g) return g.status();
  p->gazetteer_ = std::make_unique<ontology::Gazetteer>(std::move(g.value()));
  auto seg = Segmenter::load(o.data_dir + "/extract/lexicon/abbreviations.txt");
  if (!seg) return seg.status();
  p->segmenter_ = std::make_unique<Segmenter>(std::move(seg.value()));
  auto lx = Lexicon::build(*p->gazetteer_, *p->segmenter_, o.data_dir + "/extract/lexicon");
  if (!lx) return lx.status();
  p->lexicon_ = std::make_unique<Lexicon>(std::move(lx.value()));
  std::vector<std::string> dirs{o.data_dir + "/extract/patterns"};
  dirs.insert(dirs.end(), o.extra_rule_dirs.begin(), o.extra_rule_dirs.end());
  auto rules = RuleSet::load(dirs, p->labels_);
  if (!rules) return rules.status();
  p->rules_ = std::move(rules.value());
  if (const auto* vocab = p->rules_.vocabulary()) {
    for (std::uint32_t v = 1; v <= vocab->size(); ++v) {
      const auto lex = p->lexicon_->add_word(vocab->word(v));
      if (lex >= p->vocab_by_lex_.size()) p->vocab_by_lex_.resize(lex + 1u, Vocabulary::kUnknown);
      p->vocab_by_lex_[lex] = v;
    }
  }
  {
    // The names of FactArg, in its order.
    static constexpr std::array<std::string_view, static_cast<std::size_t>(FactArg::kCount)> kArgNames{
        "country", "country1", "country2", "date", "direct", "former", "guest", "host", "name", "org", "participant",
        "party", "person", "person1", "person2", "place", "planned", "quote", "role", "signer", "since"};
    for (const auto& rule : p->rules_.rules()) {
      auto& emits = p->fact_args_.emplace_back();
      for (const auto& e : rule.emits) {
        auto& slots = emits.emplace_back();
        for (std::size_t a = 0; a < kArgNames.size(); ++a) {
          if (const auto it = e.args.find(kArgNames[a]); it != e.args.end()) slots[a] = it->second;
        }
      }
    }
  }
  // Dateline places: cities (and countries) by folded name and alias.
  const auto& gz = *p->gazetteer_;
  for (const auto& c : gz.countries()) {
    p->dateline_countries_.emplace(fold(c.name), c.iso2);
    for (const auto& a : c.aliases) p->dateline_countries_.emplace(fold(a), c.iso2);
  }
  for (const auto& c : gz.cities()) {
    p->dateline_countries_.emplace(fold(c.name), c.country);
    for (const auto& a : c.aliases) p->dateline_countries_.emplace(fold(a), c.country);
  }
  p->has_groups_ = p->labels_.find("GROUP", p->group_label_);
  p->has_negation_ = p->labels_.find("NEGATED", p->negated_label_);
  p->index_officials();
  return p;
}

Extraction Pipeline::run(Article article, StageTimes* times) const {
  using Clock = std::chrono::steady_clock;
  auto last = times ? Clock::now() : Clock::time_point{};
  auto lap = [&](double StageTimes::*stage) {
    if (!times) return;
    const auto now = Clock::now();
    times->*stage += std::chrono::duration<double>(now - last).count();
    last = now;
  };
  Extraction x;
  x.article = std::move(article);
  x.blocks = clean_article(x.article);
  lap(&StageTimes::clean);
  x.sentences = segmenter_->segment(x.article.text, x.blocks);
  lap(&StageTimes::segment);
  for (auto& s : x.sentences) {
    // Room for a mention per token: the lexicon, the names and the rules
    // then append without regrowing the vector (each regrowth moved every
    // mention, two strings each: a sixtieth of all instructions).
    s.mentions.reserve(s.tokens.size());
    lexicon_->annotate(s);
  }
  // One index per sentence for all phases: tokens (and so their word ids)
  // do not change after segmentation; mentions do, so each phase rebuilds
  // the mention part.
  // Kept per thread from article to article, so their buffers are reused;
  // those past this article's sentences are stale and never read.
  thread_local std::vector<SentenceIndex> index;
  for (std::size_t i = 0; i < x.sentences.size(); ++i) {
    if (i == index.size()) index.emplace_back(x.sentences[i]);
    index[i].reset(x.sentences[i], rules_.vocabulary(), vocab_by_lex_);
  }
  // The rules that matched, by index (named once each at the end, not a
  // copy of the name per match); kept per thread like the indexes.
  thread_local std::vector<std::uint32_t> fired;
  fired.clear();
  run_mention_rules(Phase::Entities, x, index, fired);
  for (auto& s : x.sentences) lexicon_->find_names(s);
  run_mention_rules(Phase::Persons, x, index, fired);
  resolve_entities(x);
  find_role_references(x);
  for (auto& s : x.sentences) lexicon_->find_topics(s);
  lap(&StageTimes::mentions);
  run_fact_rules(x, index, fired);
  consolidate(x);
  identify_entities(x);
  std::sort(fired.begin(), fired.end());
  fired.erase(std::unique(fired.begin(), fired.end()), fired.end());
  x.fired.reserve(fired.size());
  for (const auto ri : fired) x.fired.push_back(rules_.rules()[ri].name);
  // By name: rules are in phase and priority order, and two may share a name.
  std::sort(x.fired.begin(), x.fired.end());
  x.fired.erase(std::unique(x.fired.begin(), x.fired.end()), x.fired.end());
  lap(&StageTimes::rules);
  return x;
}

std::string Pipeline::role_value(const Sentence& s, std::uint32_t b, std::uint32_t e) const {
  std::string v = fold(s.words(b, e));
  // A diplomat's post names the country he is posted to, by its common name:
  // "Ambassador to the Lao PDR" and "ambassador in Vientiane" are both
  // "ambassador to laos".
  for (const char* sep : {" to ", " in "}) {
    const auto at = v.find(sep);
    if (at == std::string::npos) continue;
    const auto kind = [&] {
      const std::string title = v.substr(0, at);
      for (const auto& r : gazetteer_->roles()) {
        if (r.title == title || std::find(r.aliases.begin(), r.aliases.end(), title) != r.aliases.end()) return r.kind;
      }
      return std::string();
    }();
    if (kind != "diplomat") continue;
    for (const auto& m : s.mentions) {
      if (m.begin < b || m.end > e || m.ref < 0) continue;
      std::string iso;
      if (m.label == label::kCountry) iso = gazetteer_->countries()[static_cast<std::size_t>(m.ref)].iso2;
      if (m.label == label::kCity) iso = gazetteer_->cities()[static_cast<std::size_t>(m.ref)].country;
      if (const auto* c = iso.empty() ? nullptr : gazetteer_->country(iso)) {
        return v.substr(0, at) + " to " + fold(c->name);
      }
    }
  }
  return v;
}

void Pipeline::run_mention_rules(Phase phase, Extraction& x, std::vector<SentenceIndex>& indexes,
                                 std::vector<std::uint32_t>& fired) const {
  std::vector<std::uint32_t> candidates;  // the rules that may match a sentence (reused)
  for (std::size_t si = 0; si < x.sentences.size(); ++si) {
    auto& s = x.sentences[si];
    auto& index = indexes[si];
    index.refresh();
    rules_.candidates(phase, index, candidates);
    for (const auto ri : candidates) {
      const auto& rule = rules_.rules()[ri];
      if (!rules_.labels_may_match(ri, index)) continue;  // candidates() checked the words
      const auto n = static_cast<std::uint32_t>(s.tokens.size());
      PatternMatch m;
      for (std::uint32_t start = 0; start < n && find_match(rule.program, index, start, m);) {
        bool added = false;
        fired.push_back(ri);
        for (const auto& e : rule.emits) {
          std::uint32_t b = m.begin, en = m.end;
          if (e.capture >= 0) {
            const auto it = std::find_if(m.captures.begin(), m.captures.end(),
                                         [&](const Capture& c) { return static_cast<int>(c.slot) == e.capture; });
            if (it == m.captures.end()) continue;
            b = it->begin;
            en = it->end;
          }
          // Honorifics and a leading "the" are not part of a name.
          while (b < en && (s.tokens[b].norm == "the" ||
                            (e.label == label::kPerson && lexicon_->honorific(s.tokens[b].norm)))) ++b;
          if (b >= en) continue;
          const bool dup = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& o) {
            return o.label == e.label && o.begin == b && o.end == en;
          });
          if (dup) continue;
          Mention mention;
          mention.label = e.label;
          mention.begin = b;
          mention.end = en;
          mention.value = s.words(b, en);
          if (e.label == label::kRole) mention.value = role_value(s, b, en);
          mention.found_by = rule.name;
          // "the State of Qatar" as COUNTRY: the gazetteer entry inside it
          // says which country (and the same for cities and organisations).
          if (e.label == label::kCountry || e.label == label::kDemonym || e.label == label::kCity || e.label == label::kOrg) {
            for (const auto& inner : s.mentions) {
              const bool same = inner.label == e.label || (e.label == label::kCountry && inner.label == label::kDemonym);
              if (same && inner.ref >= 0 && inner.begin >= b && inner.end <= en) {
                mention.ref = inner.ref;
                if (e.label != label::kOrg) mention.value = inner.value;
                break;
              }
            }
          }
          s.mentions.push_back(std::move(mention));
          added = true;
        }
        if (added) index.extend();  // the mentions pushed above
        start = std::max(m.begin + 1, m.end);
      }
    }
  }
}

void Pipeline::resolve_entities(Extraction& x) const {
  const auto& g = *gazetteer_;
  // The entities by key "kind|key": the keys made so far (the first `keys`
  // strings of key_text, whose buffers are kept per thread from article to
  // article) and their hashes, found from the first key of their hash;
  // hashes are cheaper than a map of strings (a node and a copy of the key
  // per entity, string compares per lookup).
  // The entity of the i-th key is entity i of those made by entity(): ids
  // are given in the order keys are first seen, as before.
  thread_local std::vector<std::string> key_text;
  thread_local std::vector<std::uint64_t> key_hash;
  thread_local std::vector<std::int32_t> key_entity;
  // The first key of each hash, so that an article of thousands of
  // entities does not scan them all for each (the scan alone was 1.2 G
  // instructions for 10 000 organisations and cities).
  thread_local std::unordered_map<std::uint64_t, std::uint32_t> first_key;
  std::size_t keys = 0;
  key_hash.clear();
  key_entity.clear();
  first_key.clear();
  std::string k;  // the key "kind|key", in one buffer for all calls
  // At most one entity per person name, country, city (and its country) or
  // organisation mention: reserved, so the entities are not moved as they come.
  {
    std::size_t most = 0;
    for (const auto& s : x.sentences) {
      for (const auto& m : s.mentions) {
        most += m.label == label::kPerson || m.label == label::kCountry || m.label == label::kDemonym ||
                m.label == label::kOrg;
        most += m.label == label::kCity ? 2 : 0;
      }
    }
    x.entities.reserve(x.entities.size() + most);
  }
  auto entity = [&](EntityKind kind, std::string_view key, const std::string& name,
                    const std::string& country, std::int32_t ref) {
    k.assign(1, static_cast<char>('0' + static_cast<int>(kind)));  // the kinds are 0-3
    k += '|';
    k += key;
    const std::uint64_t h = std::hash<std::string_view>{}(k);
    if (const auto first = first_key.find(h); first != first_key.end()) {
      for (std::size_t i = first->second; i < keys; ++i) {  // later keys of the same hash: almost never
        if (key_hash[i] == h && key_text[i] == k) return key_entity[i];
      }
    }
    const auto id = static_cast<std::int32_t>(x.entities.size());
    // Made in place (an Entity is five strings and a vector: a temporary
    // and its move were a fifth of this). Field by field: Clang 14 has no
    // parenthesised aggregate initialisation for emplace_back(args...).
    auto& e = x.entities.emplace_back();
    e.kind = kind;
    e.name = name;
    e.country = country;
    e.ref = ref;
    if (keys == key_text.size()) key_text.emplace_back();
    first_key.emplace(h, static_cast<std::uint32_t>(keys));  // kept when the hash has a key already
    key_text[keys++] = k;  // keeps the buffer of an earlier article's key
    key_hash.push_back(h);
    key_entity.push_back(id);
    return id;
  };

  // Persons: cluster the names given to PERSON mentions; a name whose words
  // are all in one longer name is the same person ("Boluarte", "President
  // Boluarte" and "Dina Ercilia Boluarte Zegarra"). The fullest name wins.
  // The words of each person name are views into its folded form, made once
  // per name (which is the key of its entity too) in buffers kept per thread;
  // `words` holds them all, a name's at [word_begin, word_end).
  thread_local std::vector<std::string> folded_names;
  thread_local std::vector<std::string_view> words;
  words.clear();
  struct Cluster {
    const std::string* name;
    std::uint32_t folded;  // index into folded_names
    std::uint32_t word_begin, word_end;
    std::int32_t ref = -1;
    std::int32_t entity = -1;
  };
  std::vector<Cluster> clusters;
  // The names with their words (split once each, not in every comparison
  // of the sort), in text order, then most words first.
  struct Name {
    const std::string* name;
    std::int32_t ref;  // the official's, or -1
    std::uint32_t folded;
    std::uint32_t word_begin, word_end;
  };
  std::vector<Name> names;
  std::size_t persons = 0;
  for (const auto& s : x.sentences) {
    for (const auto& m : s.mentions) persons += m.label == label::kPerson;
  }
  // Sized before any view is taken, so that none moves.
  if (folded_names.size() < persons) folded_names.resize(persons);
  names.reserve(persons);
  for (const auto& s : x.sentences) {
    for (const auto& m : s.mentions) {
      if (m.label != label::kPerson) continue;
      const auto fi = static_cast<std::uint32_t>(names.size());
      auto& f = folded_names[fi];
      f = fold(m.value);
      const auto wb = static_cast<std::uint32_t>(words.size());
      // Split at spaces, hyphens and full stops, no empty words.
      std::size_t start = 0;
      for (std::size_t j = 0; j <= f.size(); ++j) {
        if (j == f.size() || f[j] == ' ' || f[j] == '-' || f[j] == '.') {
          if (j > start) words.emplace_back(f.data() + start, j - start);
          start = j + 1;
        }
      }
      names.push_back({&m.value, m.ref, fi, wb, static_cast<std::uint32_t>(words.size())});
    }
  }
  std::stable_sort(names.begin(), names.end(), [](const Name& a, const Name& b) {
    return a.word_end - a.word_begin > b.word_end - b.word_begin;
  });
  // The clusters that hold each word, in cluster order: a cluster holding
  // all of a name's words holds its first, so only those are compared (a
  // scan of every cluster made an article of thousands of distinct names
  // quadratic: 34 s for 1.6 MB of them).
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> clusters_with;
  // The one cluster whose words include all of `w` (-1: none, -2: more than one).
  auto superset_of = [&](std::span<const std::string_view> w) {
    std::int32_t found = -1;
    if (w.empty()) return found;  // no words are in no cluster
    const auto with = clusters_with.find(w.front());
    if (with == clusters_with.end()) return found;
    for (const auto c : with->second) {
      const auto in_b = words.begin() + clusters[c].word_begin, in_e = words.begin() + clusters[c].word_end;
      const bool subset =
          std::all_of(w.begin() + 1, w.end(), [&](std::string_view word) { return std::find(in_b, in_e, word) != in_e; });
      if (!subset) continue;
      if (found >= 0) return static_cast<std::int32_t>(-2);  // ambiguous
      found = static_cast<std::int32_t>(c);
    }
    return found;
  };
  auto find_cluster = [&](const Name& n) {
    return superset_of(std::span<const std::string_view>(words.data() + n.word_begin, n.word_end - n.word_begin));
  };
  for (const auto& n : names) {
    const auto c = find_cluster(n);
    if (c >= 0) {
      if (clusters[static_cast<std::size_t>(c)].ref < 0) clusters[static_cast<std::size_t>(c)].ref = n.ref;
      continue;
    }
    if (c == -2) continue;
    const auto id = static_cast<std::uint32_t>(clusters.size());
    clusters.push_back({n.name, n.folded, n.word_begin, n.word_end, n.ref, -1});
    for (auto i = n.word_begin; i < n.word_end; ++i) {
      auto& with = clusters_with[words[i]];
      if (with.empty() || with.back() != id) with.push_back(id);  // a word twice in a name
    }
  }
  for (auto& c : clusters) {
    const std::string country = c.ref >= 0 ? g.officials()[static_cast<std::size_t>(c.ref)].country : "";
    c.entity = entity(EntityKind::Person, folded_names[c.folded], *c.name, country, c.ref);
  }
  // find_cluster for any name (a NAME mention's too): the words
  // are views into one folded copy, in buffers kept for the article (most
  // names looked up are NAME mentions of no cluster).
  std::string folded;
  std::vector<std::string_view> folded_words;
  auto cluster_of_name = [&](const std::string& name) {
    folded = fold(name);
    folded_words.clear();
    std::size_t start = 0;
    for (std::size_t j = 0; j <= folded.size(); ++j) {
      if (j == folded.size() || folded[j] == ' ' || folded[j] == '-' || folded[j] == '.') {
        if (j > start) folded_words.emplace_back(folded.data() + start, j - start);
        start = j + 1;
      }
    }
    return superset_of(folded_words);
  };
  // The clusters are fixed now, so a name's cluster is looked up once per
  // article however often the name is written; so is a country's entity.
  std::unordered_map<std::string, std::int32_t> cluster_of;
  std::vector<std::pair<std::int32_t, std::int32_t>> country_entity;  // (gazetteer ref, entity)
  // The same for known cities and organisations: their keys depend only on
  // the gazetteer's entry, so its first entity is every later one's (the
  // key is not built, folded and looked up again).
  std::vector<std::pair<std::int32_t, std::int32_t>> city_entity, org_entity;  // (gazetteer ref, entity)
  auto known_entity = [](std::vector<std::pair<std::int32_t, std::int32_t>>& known, std::int32_t ref, auto&& make) {
    for (const auto& [r, e] : known) {
      if (r == ref) return e;
    }
    const std::int32_t e = make();
    known.emplace_back(ref, e);
    return e;
  };
  for (auto& s : x.sentences) {
    std::vector<Mention> added;
    for (auto& m : s.mentions) {
      if (m.label == label::kPerson || m.label == label::kName) {
        if (clusters.empty()) continue;  // no person: find_cluster finds none
        auto [it, fresh] = cluster_of.try_emplace(m.value, -1);
        if (fresh) it->second = cluster_of_name(m.value);
        const auto c = it->second;
        if (c < 0) continue;
        const auto& cl = clusters[static_cast<std::size_t>(c)];
        if (m.label == label::kPerson) {
          m.entity = cl.entity;
          auto& e = x.entities[static_cast<std::size_t>(cl.entity)];
          if (m.value != e.name && std::find(e.aliases.begin(), e.aliases.end(), m.value) == e.aliases.end()) {
            e.aliases.push_back(m.value);
          }
        } else {
          // A name seen before as a person's ("Schialer" after "Elmer Schialer").
          Mention p = m;
          p.label = label::kPerson;
          p.entity = cl.entity;
          p.found_by = "coreference";
          added.push_back(std::move(p));
        }
      } else if ((m.label == label::kCountry || m.label == label::kDemonym) && m.ref >= 0) {
        const auto known = std::find_if(country_entity.begin(), country_entity.end(),
                                        [&](const auto& re) { return re.first == m.ref; });
        if (known != country_entity.end()) {
          m.entity = known->second;
        } else {
          const auto& c = g.countries()[static_cast<std::size_t>(m.ref)];
          m.entity = entity(EntityKind::Country, c.iso2, c.name, c.iso2, m.ref);
          country_entity.emplace_back(m.ref, m.entity);
        }
      } else if (m.label == label::kCity) {
        if (m.ref >= 0) {
          m.entity = known_entity(city_entity, m.ref, [&] {
            const auto& c = g.cities()[static_cast<std::size_t>(m.ref)];
            return entity(EntityKind::City, c.country + "|" + c.name, c.name, c.country, m.ref);
          });
        } else {
          // A place found by its context ("arrived in Orzysz"): known by name only.
          m.entity = entity(EntityKind::City, "|" + m.value, m.value, "", -1);
        }
      } else if (m.label == label::kOrg) {
        // Known organisations are one entity whatever they are called here;
        // the name is the fullest form the article writes ("CPC Central
        // Committee" where that is what it says), as annotators write it.
        if (m.ref >= 0) {
          m.entity = known_entity(org_entity, m.ref, [&] {
            return entity(EntityKind::Organization, fold(g.organizations()[static_cast<std::size_t>(m.ref)].name),
                          m.value, "", m.ref);
          });
        } else {
          m.entity = entity(EntityKind::Organization, fold(m.value), m.value, "", m.ref);
        }
        auto& e = x.entities[static_cast<std::size_t>(m.entity)];
        if (m.value.size() > e.name.size()) e.name = m.value;
      }
    }
    for (auto& p : added) {
      const bool dup = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& o) {
        return o.label == label::kPerson && o.begin == p.begin && o.end == p.end;
      });
      if (!dup) s.mentions.push_back(std::move(p));
    }
  }
  // A city's country is an entity too, even when the article does not name
  // it, so that the city's schema:containedInPlace points to a described node.
  const std::size_t n = x.entities.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (x.entities[i].kind != EntityKind::City || x.entities[i].country.empty()) continue;
    if (const auto* c = g.country(x.entities[i].country)) {
      entity(EntityKind::Country, c->iso2, c->name, c->iso2, static_cast<std::int32_t>(c - g.countries().data()));
    }
  }
  for (auto& e : x.entities) std::sort(e.aliases.begin(), e.aliases.end());
}

// "the Peruvian president", "the crown prince", "the Swedish leader": a
// title after "the" with no name after it stands for the person the article
// last named with that title (and country, when one is given). The mention's
// entity is that person, or -1 when there is none: then no fact uses it.
void Pipeline::find_role_references(Extraction& x) const {
  struct Titled {
    std::uint32_t sentence, token;
    std::string role;
    std::int32_t person, country;  // country entity of a demonym/country before the title, or -1
  };
  std::vector<Titled> titled;  // in text order
  auto matches = [](const std::string& said, const std::string& held) {
    if (said == held) return true;
    // "the leader" and "the head of state" stand for any head of state or government.
    static const std::set<std::string> kHeads{"president", "prime minister", "premier", "chancellor", "king", "queen",
                                              "emir", "amir", "sultan", "crown prince"};
    if (said == "leader" || said == "head of state" || said == "head of government") return kHeads.count(held) > 0;
    return held.size() > said.size() && held.compare(held.size() - said.size(), said.size(), said) == 0 &&
           held[held.size() - said.size() - 1] == ' ';  // "minister" for "foreign minister"
  };
  std::map<std::int32_t, std::size_t> named;  // person -> times named so far
  for (std::uint32_t si = 0; si < x.sentences.size(); ++si) {
    auto& s = x.sentences[si];
    const auto n = static_cast<std::uint32_t>(s.tokens.size());
    for (const auto& m : s.mentions) {
      if (m.label == label::kPerson && m.entity >= 0) ++named[m.entity];
    }
    std::vector<Mention> refs;
    for (const auto& r : s.mentions) {
      if (r.label != label::kRole) continue;
      // A longer title starting here wins ("foreign minister" over "minister").
      const bool shorter = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& o) {
        return o.label == label::kRole && o.begin == r.begin && o.end > r.end;
      });
      if (shorter) continue;
      std::int32_t country = -1;
      std::uint32_t b = r.begin;
      for (const auto& c : s.mentions) {
        const bool adj = (c.end == b) || (c.end + 1 == b && s.tokens[c.end].norm == "'s");
        if ((c.label == label::kDemonym || c.label == label::kCountry) && c.entity >= 0 && adj) {
          country = c.entity;
          b = c.begin;
        }
      }
      // The person this title belongs to: named right after it, after more
      // titles joined by "and" ("Crown Prince and Prime Minister X"), or
      // before it in apposition ("Han Duck-soo, South Korea's prime minister").
      std::int32_t person = -1;
      std::uint32_t after = r.end;
      for (bool more = true; more;) {
        more = false;
        if (after < n && (s.tokens[after].norm == "and" || s.tokens[after].text == ",")) {
          for (const auto& o : s.mentions) {
            if (o.label == label::kRole && o.begin == after + 1) {
              after = std::max(after, o.end);
              more = true;
            }
          }
        }
      }
      for (const auto& p : s.mentions) {
        if (p.label != label::kPerson || p.entity < 0) continue;
        if (p.begin == r.end || p.begin == after || (p.begin == after + 1 && s.tokens[after].text == ",")) person = p.entity;
        // "X, the/South Korea's <title>"
        if (p.end < b && s.tokens[p.end].text == ",") {
          std::uint32_t k = p.end + 1;
          if (k < b && (s.tokens[k].norm == "the" || s.tokens[k].norm == "a" || s.tokens[k].norm == "an")) ++k;
          if (k == b) person = p.entity;
        }
      }
      const bool named_next = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
        return (m.label == label::kName || m.label == label::kHonorific || m.label == label::kPerson) && m.begin == r.end;
      });
      if (person >= 0) {
        titled.push_back({si, r.begin, r.value, person, country});
        continue;
      }
      if (named_next || b == 0 || s.tokens[b - 1].norm != "the") continue;
      if (r.end < n && (s.tokens[r.end].norm == "of" || s.tokens[r.end].norm == "to")) continue;
      // Of the persons named with this title before here, the one the
      // article has named most often so far (its main subject); the most
      // recent when they tie.
      std::int32_t who = -1;
      std::size_t best = 0;
      for (auto it = titled.rbegin(); it != titled.rend(); ++it) {
        if (!matches(r.value, it->role)) continue;
        if (country >= 0) {
          // "the Peruvian president": a president known to be of Peru, from his
          // title or from the gazetteer of officials.
          const auto& want = x.entities[static_cast<std::size_t>(country)].country;
          const auto& has = it->country >= 0 ? x.entities[static_cast<std::size_t>(it->country)].country
                                             : x.entities[static_cast<std::size_t>(it->person)].country;
          if (has != want) continue;
        }
        const std::size_t times = named[it->person];
        if (times > best) {
          best = times;
          who = it->person;
        }
      }
      Mention ref;
      ref.label = label::kRoleRef;
      ref.begin = b - 1;
      ref.end = r.end;
      ref.value = r.value;
      ref.entity = who;
      ref.found_by = "role-reference";
      refs.push_back(std::move(ref));
    }
    for (auto& m : refs) s.mentions.push_back(std::move(m));
  }
}

void Pipeline::run_fact_rules(Extraction& x, std::vector<SentenceIndex>& indexes,
                              std::vector<std::uint32_t>& fired) const {
  std::vector<std::uint32_t> candidates;  // the rules that may match a sentence (reused)
  // Labels the rule files may define (looked up at load).
  const LabelId group_label = group_label_, negated = negated_label_;
  const bool has_groups = has_groups_, has_negation = has_negation_;
  for (std::uint32_t si = 0; si < x.sentences.size(); ++si) {
    const auto& s = x.sentences[si];
    auto& index = indexes[si];
    index.refresh();
    const auto n = static_cast<std::uint32_t>(s.tokens.size());

    // The entity of the person a pronoun stands for: the first person named
    // earlier in the sentence (usually its subject), else the first named
    // after it ("During her visit, Boluarte ..."), else the first person of
    // the nearest earlier sentence that names one. Nothing if none.
    auto pronoun_entity = [&](std::uint32_t tok) -> std::int32_t {
      auto first_person = [&](const Sentence& t, std::uint32_t from, std::uint32_t to) {
        std::int32_t best = -1;
        std::uint32_t at = to;
        for (const auto& m : t.mentions) {
          if (m.label == label::kPerson && m.entity >= 0 && m.begin >= from && m.begin < at) {
            best = m.entity;
            at = m.begin;
          }
        }
        return best;
      };
      if (auto e = first_person(s, 0, tok); e >= 0) return e;
      // Cataphora only from a fronted clause: "During her visit ..., Boluarte".
      std::uint32_t comma = tok + 1;
      while (comma < n && s.tokens[comma].text != ",") ++comma;
      if (comma + 1 < n) {
        for (const auto& m : s.mentions) {
          if (m.label == label::kPerson && m.entity >= 0 && m.begin > comma && m.begin <= comma + 6) return m.entity;
        }
      }
      for (std::uint32_t back = 1; back <= 3 && back <= si; ++back) {
        const auto& t = x.sentences[si - back];
        if (auto e = first_person(t, 0, static_cast<std::uint32_t>(t.tokens.size())); e >= 0) return e;
      }
      return -1;
    };
    auto in_span = [&](const Capture& c, auto pred) {
      std::vector<const Mention*> out;
      for (const auto& m : s.mentions) {
        if (m.begin >= c.begin && m.end <= c.end && pred(m)) out.push_back(&m);
      }
      std::sort(out.begin(), out.end(), [](const Mention* a, const Mention* b) {
        return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
      });
      return out;
    };
    auto person_of = [&](const Capture& c) -> std::int32_t {
      auto ps = in_span(c, [](const Mention& m) { return m.label == label::kPerson && m.entity >= 0; });
      if (!ps.empty()) return ps.back()->entity;
      auto pr = in_span(c, [](const Mention& m) { return m.label == label::kPronoun; });
      if (!pr.empty()) return pronoun_entity(pr.back()->begin);
      auto rr = in_span(c, [](const Mention& m) { return m.label == label::kRoleRef; });
      if (!rr.empty()) return rr.back()->entity;
      return -1;
    };
    // "the two presidents", "both leaders": the two persons the article has
    // named so far with that title (any title for leaders, counterparts and
    // sides). Only when exactly two fit; otherwise nothing.
    auto group_of = [&](const Capture& c) -> std::vector<std::int32_t> {
      if (!has_groups) return {};
      auto gs = in_span(c, [&](const Mention& m) { return m.label == group_label; });
      if (gs.empty()) return {};
      std::string noun = gs.front()->value;
      noun = noun.substr(noun.rfind(' ') + 1);
      if (noun.size() > 1 && noun.back() == 's') noun.pop_back();
      const bool any_title = noun == "leader" || noun == "counterpart" || noun == "side" || noun == "head";
      std::vector<std::int32_t> found;
      for (std::uint32_t k = 0; k <= si; ++k) {
        const auto& t = x.sentences[k];
        for (const auto& role : t.mentions) {
          if (role.label != label::kRole) continue;
          const auto& v = role.value;
          const bool fits = any_title || v == noun ||
                            (v.size() > noun.size() && v.compare(v.size() - noun.size(), noun.size(), noun) == 0 &&
                             v[v.size() - noun.size() - 1] == ' ');
          if (!fits) continue;
          for (const auto& p : t.mentions) {
            if (p.label == label::kPerson && p.entity >= 0 && (p.begin == role.end || p.begin == role.end + 1) &&
                std::find(found.begin(), found.end(), p.entity) == found.end()) {
              found.push_back(p.entity);
            }
          }
        }
      }
      return found.size() == 2 ? found : std::vector<std::int32_t>{};
    };
    auto entity_of = [&](const Capture& c, std::initializer_list<LabelId> labels) -> std::int32_t {
      auto ms = in_span(c, [&](const Mention& m) {
        return m.entity >= 0 && std::find(labels.begin(), labels.end(), m.label) != labels.end();
      });
      return ms.empty() ? -1 : ms.front()->entity;
    };
    // The words of a capture as written, without a leading article: the name
    // of an agreement, event or project, what was proposed.
    auto name_text = [&](const Capture& c, bool quote = false) -> std::string {
      auto b = c.begin, e = c.end;
      auto filler = [&](std::uint32_t i) {
        if (quote) return s.tokens[i].norm == "that" || s.tokens[i].norm == "," || s.tokens[i].norm == ".";
        static const std::set<std::string, std::less<>> kFiller{"a", "an", "the", ",", "that", "as", "and", "of",
                                                                "with", "for", "which", "to", "in", "on", "."};
        return kFiller.count(s.tokens[i].norm) > 0;
      };
      // Nor a date at its end: "an agreement on tea next month".
      auto dated = [&](std::uint32_t i) {
        return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
          return m.label == label::kDate && m.begin <= i && i < m.end;
        });
      };
      while (b < e && filler(b)) ++b;
      while (e > b && (filler(e - 1) || (!quote && dated(e - 1)))) --e;
      if (e <= b) return {};
      return x.article.text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin);
    };
    // Every person, country or organisation a capture names, in text order:
    // the parties of an agreement, the participants of an event.
    auto add_parties = [&](const Capture& c, std::vector<std::int32_t>& out) {
      auto push = [&](std::int32_t e) {
        if (e >= 0 && std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
      };
      for (const auto e : group_of(c)) push(e);
      // An official stands for himself, not for the country in his title.
      const bool person = !in_span(c, [](const Mention& mm) {
                             return mm.label == label::kPerson || mm.label == label::kPronoun ||
                                    mm.label == label::kRoleRef;
                           }).empty();
      for (const auto* m : in_span(c, [&](const Mention& mm) {
             if (person) return mm.label == label::kPerson || mm.label == label::kPronoun || mm.label == label::kRoleRef;
             return (mm.label == label::kCountry || mm.label == label::kDemonym || mm.label == label::kOrg) &&
                    mm.entity >= 0;
           })) {
        if (m->label == label::kPerson || m->label == label::kPronoun || m->label == label::kRoleRef) {
          push(person_of(Capture{c.slot, m->begin, m->end}));
        } else {
          push(m->entity);
        }
      }
    };
    // A post is former when "former" or "ex-" stands just before its title.
    auto former_before = [&](std::uint32_t tok) {
      return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
        return m.label == label::kFormer && m.end <= tok && m.end + 3 >= tok;
      });
    };
    // The first token of the clause holding token `pos`.
    auto clause_start = [&](std::uint32_t pos) {
      while (pos > 0) {
        const auto& t = s.tokens[pos - 1].text;
        if (t == "," || t == ";" || t == ":" || t == "\u2014") break;
        --pos;
      }
      return pos;
    };
    // Planned when a future or plan marker is in the clause of the match or
    // just after it ("Xi's visit to Lima will mark ...").
    auto planned_near = [&](const PatternMatch& m) {
      const std::uint32_t clause = clause_start(m.begin);
      return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& mm) {
        return mm.label == label::kPlanned && mm.begin >= clause && mm.begin < m.end + 2;
      });
    };
    // Negated the same way: "has not visited", "Xi's trip ... was cancelled".
    auto negated_near = [&](const PatternMatch& m) {
      if (!has_negation) return false;
      const std::uint32_t clause = clause_start(m.begin);
      return std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& mm) {
        return mm.label == negated && mm.begin >= clause && mm.begin < m.end + 6;
      });
    };

    rules_.candidates(Phase::Facts, index, candidates);
    for (const auto ri : candidates) {
      const auto& rule = rules_.rules()[ri];
      if (!rules_.labels_may_match(ri, index)) continue;  // candidates() checked the words
      PatternMatch m;
      for (std::uint32_t start = 0; start < n && find_match(rule.program, index, start, m);) {
        fired.push_back(ri);
        for (const auto& e : rule.emits) {
          // The captures of an argument (Emit::arg's slot, the first one
          // bound): a view of the match's captures, its slots looked up at
          // load (fact_args_), not by name in the emit's map per call.
          const auto& arg_slots = fact_args_[ri][static_cast<std::size_t>(&e - rule.emits.data())];
          auto spans = [&](FactArg arg) {
            int slot = -1;
            for (const int sl : arg_slots[static_cast<std::size_t>(arg)]) {
              if (std::any_of(m.captures.begin(), m.captures.end(),
                              [&](const Capture& c) { return static_cast<int>(c.slot) == sl; })) {
                slot = sl;
                break;
              }
            }
            return CaptureSpans{&m.captures, slot};
          };
          Fact base;
          base.kind = e.kind;
          base.found_by = rule.name;
          base.sentence = si;
          base.begin = s.tokens[m.begin].begin;
          base.end = s.tokens[m.end > m.begin ? m.end - 1 : m.begin].end;
          base.planned = !spans(FactArg::kPlanned).empty();
          // Kinds that happen on a day, and those of them that may be only planned
          // (an invitation is real even when the visit it asks for is not yet).
          const bool happening = e.kind == FactKind::Meeting || e.kind == FactKind::Visit ||
                                 e.kind == FactKind::Agreement || e.kind == FactKind::Event ||
                                 e.kind == FactKind::Invitation || e.kind == FactKind::Project;
          if (happening && e.kind != FactKind::Invitation) {
            base.planned = base.planned || planned_near(m);
            if (negated_near(m)) continue;  // "did not meet": no fact at all
          }
          for (const auto& c : spans(FactArg::kDate)) {
            auto ds = in_span(c, [](const Mention& mm) { return mm.label == label::kDate; });
            if (!ds.empty()) base.date = s.dates[static_cast<std::size_t>(ds.front()->ref)];
          }
          if (!spans(FactArg::kFormer).empty()) base.former = true;
          // A meeting or visit whose rule found no date takes the day the
          // sentence names nearest to the match ("On Thursday, X met Y"),
          // leaving out dates inside quotation marks.
          if (!base.date && happening) {
            const Mention* best = nullptr;
            std::uint32_t best_gap = 0;
            for (const auto& mm : s.mentions) {
              if (mm.label != label::kDate) continue;
              const auto& d = s.dates[static_cast<std::size_t>(mm.ref)];
              using K = DateExpr::Kind;
              if (d.kind == K::Month || d.kind == K::Year || d.kind == K::Vague) continue;
              std::size_t quotes = 0;
              for (std::uint32_t k = 0; k < mm.begin; ++k) {
                const auto& q = s.tokens[k].text;
                quotes += q == "\"" || q == "\u201C" || q == "\u201D";
              }
              if (quotes % 2) continue;
              // Only a date of the same clause, or a fronted "On Thursday," that
              // the clause of the match follows.
              // The tokens between the date and the match (none if it is inside).
              const std::uint32_t lo = mm.end <= m.begin ? mm.end : m.end;
              const std::uint32_t hi = mm.end <= m.begin ? m.begin : mm.begin;
              bool comma = false;
              for (std::uint32_t k = lo; k < hi && k < s.tokens.size(); ++k) comma = comma || s.tokens[k].text == ",";
              std::uint32_t first_comma = 0;
              while (first_comma < s.tokens.size() && s.tokens[first_comma].text != ",") ++first_comma;
              const bool fronted = mm.end <= first_comma && first_comma < m.begin;
              // "Earlier, on July 25, X held talks": the date's phrase ends right
              // where the clause of the match begins.
              bool adjacent = mm.end < m.begin;
              for (std::uint32_t k = mm.end; adjacent && k < m.begin; ++k) adjacent = s.tokens[k].text == ",";
              if (comma && !fronted && !adjacent) continue;
              const std::uint32_t gap = mm.end <= m.begin ? m.begin - mm.end : mm.begin >= m.end ? mm.begin - m.end : 0;
              if (!best || gap < best_gap) {
                best = &mm;
                best_gap = gap;
              }
            }
            if (best) base.date = s.dates[static_cast<std::size_t>(best->ref)];
          }
          auto& facts = x.facts;  // this emit's facts are appended
          switch (e.kind) {
            case FactKind::Position: {
              const auto ps = spans(FactArg::kPerson);
              if (ps.empty()) break;
              for (const auto& c : spans(FactArg::kOrg)) {
                if (base.org >= 0) continue;
                auto ms = in_span(c, [](const Mention& mm) {
                  return mm.entity >= 0 && (mm.label == label::kOrg || mm.label == label::kCountry ||
                                            mm.label == label::kDemonym || mm.label == label::kCity);
                });
                if (ms.empty()) continue;
                base.org = ms.front()->entity;
                // An organisation as the article writes it ("OPEC", "CPC Central Committee").
                if (ms.front()->label == label::kOrg) base.org_text = s.words(ms.front()->begin, ms.front()->end);
              }
              // "Deputy Prime Minister and Defence Minister X": one post per title.
              for (const auto& rc : spans(FactArg::kRole)) {
                auto roles = in_span(rc, [](const Mention& mm) { return mm.label == label::kRole; });
                if (roles.empty()) {
                  // The role of a person named without a title here ("Werthein ...
                  // his Brazilian counterpart Mauro Vieira"): the post that person
                  // holds elsewhere in the article, found in consolidation.
                  const auto of = person_of(rc);
                  if (of < 0) continue;
                  for (const auto& c : ps) {
                    const auto who = person_of(c);
                    if (who < 0 || who == of) continue;
                    auto& f = facts.emplace_back(base);
                    f.person = who;
                    f.person2 = of;
                  }
                  continue;
                }
                Fact r = base;
                r.role = roles.front()->value;
                r.former = r.former || former_before(roles.front()->begin);
                for (const auto& c : ps) {
                  if (const auto who = person_of(c); who >= 0) facts.emplace_back(r).person = who;
                }
              }
              break;
            }
            case FactKind::Nationality: {
              for (const auto& c : spans(FactArg::kCountry)) {
                if (base.org < 0) base.org = entity_of(c, {label::kCountry, label::kDemonym});
              }
              if (base.org < 0) break;
              for (const auto& c : spans(FactArg::kPerson)) {
                if (const auto who = person_of(c); who >= 0) facts.emplace_back(base).person = who;
              }
              break;
            }
            case FactKind::Meeting:
            case FactKind::Invitation: {
              for (const auto& c : spans(FactArg::kPlace)) {
                if (base.place < 0) base.place = entity_of(c, {label::kCity, label::kCountry});
              }
              // Every person1 with every person2, or the two of a group ("the two leaders met").
              for (const auto& a : spans(FactArg::kPerson1)) {
                if (const auto pair = group_of(a); !pair.empty() && e.kind == FactKind::Meeting) {
                  auto& f = facts.emplace_back(base);
                  f.person = pair[0];
                  f.person2 = pair[1];
                  continue;
                }
                // "X received Y": X hosts; "X called on Y": Y hosts.
                const bool first_hosts = !spans(FactArg::kHost).empty(), second_hosts = !spans(FactArg::kGuest).empty();
                for (const auto& b : spans(FactArg::kPerson2)) {
                  const auto p1 = person_of(a), p2 = person_of(b);
                  if (p1 < 0 || p2 < 0 || p1 == p2) continue;
                  auto& f = facts.emplace_back(base);
                  f.person = p1;
                  f.person2 = p2;
                  f.host = first_hosts ? p1 : second_hosts ? p2 : -1;
                }
              }
              break;
            }
            case FactKind::Statement: {
              // The words said, without the quotation marks around them.
              const auto qs = spans(FactArg::kQuote);
              if (qs.empty()) break;
              auto b = qs.front().begin, en = qs.front().end;
              auto is_quote = [&](std::uint32_t i) {
                const auto& t = s.tokens[i].text;
                return t == "\"" || t == "\u201C" || t == "\u201D" || t == "'" || t == "\u2018" || t == "\u2019";
              };
              while (b < en && (is_quote(b) || s.tokens[b].text == ",")) ++b;
              while (en > b && (is_quote(en - 1) || s.tokens[en - 1].text == "," || s.tokens[en - 1].text == ".")) --en;
              if (en <= b) break;
              base.quote = x.article.text.substr(s.tokens[b].begin, s.tokens[en - 1].end - s.tokens[b].begin);
              base.direct = !spans(FactArg::kDirect).empty();
              for (const auto& a : spans(FactArg::kPerson)) {
                if (const auto who = person_of(a); who >= 0) facts.emplace_back(base).person = who;
              }
              break;
            }
            case FactKind::Visit: {
              for (const auto& a : spans(FactArg::kPerson)) {
                for (const auto& c : spans(FactArg::kPlace)) {
                  const auto who = person_of(a);
                  const auto where = entity_of(c, {label::kCity, label::kCountry});
                  if (who < 0 || where < 0) continue;
                  auto& f = facts.emplace_back(base);
                  f.person = who;
                  f.place = where;
                }
              }
              break;
            }
            case FactKind::Agreement:
            case FactKind::Event:
            case FactKind::Project: {
              const auto ns = spans(FactArg::kName);
              if (ns.empty()) break;
              base.name = name_text(ns.front());
              if (base.name.empty()) break;
              for (const auto& c : spans(FactArg::kPlace)) {
                if (base.place < 0) base.place = entity_of(c, {label::kCity, label::kCountry});
              }
              for (const auto& c : spans(FactArg::kOrg)) {
                if (base.org < 0) base.org = entity_of(c, {label::kOrg, label::kCountry, label::kDemonym});
              }
              for (const auto& c : spans(FactArg::kSigner)) {
                if (base.person < 0) base.person = person_of(c);
              }
              for (const auto arg : {FactArg::kParty, FactArg::kParticipant}) {
                for (const auto& c : spans(arg)) add_parties(c, base.parties);
              }
              facts.push_back(std::move(base));
              break;
            }
            case FactKind::Proposal: {
              const auto qs = spans(FactArg::kQuote);
              if (qs.empty()) break;
              base.quote = name_text(qs.front(), true);
              if (base.quote.empty()) break;
              for (const auto& c : spans(FactArg::kPerson2)) {
                if (base.person2 < 0) base.person2 = person_of(c);
              }
              for (const auto& a : spans(FactArg::kPerson)) {
                if (const auto who = person_of(a); who >= 0 && who != base.person2) facts.emplace_back(base).person = who;
              }
              break;
            }
            case FactKind::Relation: {
              const auto ns = spans(FactArg::kName);
              const auto c1 = spans(FactArg::kCountry1), c2 = spans(FactArg::kCountry2);
              if (ns.empty() || c1.empty() || c2.empty()) break;
              base.name = fold(name_text(ns.front()));
              const auto a = entity_of(c1.front(), {label::kCountry, label::kDemonym});
              const auto b = entity_of(c2.front(), {label::kCountry, label::kDemonym});
              if (a < 0 || b < 0 || a == b || base.name.empty()) break;
              base.parties = {a, b};
              // "since 2009": the year the relation began.
              for (const auto& c : spans(FactArg::kSince)) {
                const auto& t = s.tokens[c.begin].text;
                if (c.end == c.begin + 1 && t.size() == 4 && std::all_of(t.begin(), t.end(), ::isdigit)) {
                  DateExpr y;
                  y.kind = DateExpr::Kind::Year;
                  y.year = std::stoi(std::string(t));
                  y.text = t;
                  base.date = y;
                }
              }
              facts.push_back(std::move(base));
              break;
            }
          }
        }
        start = std::max(m.begin + 1, m.end);
      }
    }
  }
}

namespace {

/// The facts covered_facts compares: same kind, person and flags, and the
/// field that makes each kind of fact the same fact.
bool same_core(const Fact& a, const Fact& b) {
  if (a.kind != b.kind || a.planned != b.planned || a.former != b.former || a.person != b.person) return false;
  switch (a.kind) {
    case FactKind::Position: return a.role == b.role;
    case FactKind::Nationality: return a.org == b.org;
    case FactKind::Meeting: return a.person2 == b.person2;
    case FactKind::Visit: return a.place == b.place;
    case FactKind::Statement: return a.quote == b.quote;
    case FactKind::Agreement:
    case FactKind::Event:
    case FactKind::Project: return a.name == b.name && a.sentence == b.sentence;
    case FactKind::Relation: return a.name == b.name && a.parties == b.parties;
    case FactKind::Invitation: return a.person2 == b.person2;
    case FactKind::Proposal: return a.quote == b.quote;
  }
  return false;
}

/// A hash of what same_core compares: equal cores hash equal.
std::uint64_t core_hash(const Fact& f) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  auto mix = [&h](std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  };
  auto text = [&mix](const std::string& t) { mix(std::hash<std::string_view>{}(t)); };
  mix(static_cast<std::uint64_t>(f.kind) | (std::uint64_t{f.planned} << 8) | (std::uint64_t{f.former} << 9));
  mix(static_cast<std::uint32_t>(f.person));
  switch (f.kind) {
    case FactKind::Position: text(f.role); break;
    case FactKind::Nationality: mix(static_cast<std::uint32_t>(f.org)); break;
    case FactKind::Meeting:
    case FactKind::Invitation: mix(static_cast<std::uint32_t>(f.person2)); break;
    case FactKind::Visit: mix(static_cast<std::uint32_t>(f.place)); break;
    case FactKind::Statement:
    case FactKind::Proposal: text(f.quote); break;
    case FactKind::Agreement:
    case FactKind::Event:
    case FactKind::Project:
      text(f.name);
      mix(f.sentence);
      break;
    case FactKind::Relation:
      text(f.name);
      for (const auto p : f.parties) mix(static_cast<std::uint32_t>(p));
      break;
  }
  return h;
}

/// a says all b says: every one of org, place, host and resolved date that b
/// has, a has the same.
bool covers(const Fact& a, const Fact& b) {
  if (b.org >= 0 && a.org != b.org) return false;
  if (b.place >= 0 && a.place != b.place) return false;
  if (b.host >= 0 && a.host != b.host) return false;
  if (b.resolved && a.resolved != b.resolved) return false;
  return true;
}

/// The fields `covers` compares, with those in `mask` kept and the rest
/// cleared: bit 0 org, 1 place, 2 host, 3 resolved.
struct CoverKey {
  std::uint32_t group = 0;
  std::uint32_t mask = 0;
  std::int32_t org = -1, place = -1, host = -1;
  int year = 0, month = 0, day = 0;
  friend bool operator==(const CoverKey&, const CoverKey&) = default;
};

struct CoverKeyHash {
  std::size_t operator()(const CoverKey& k) const {
    std::uint64_t h = k.group * 0x9e3779b97f4a7c15ULL ^ k.mask;
    for (const std::int64_t v : {std::int64_t{k.org}, std::int64_t{k.place}, std::int64_t{k.host},
                                 std::int64_t{k.year} * 10000 + k.month * 100 + k.day}) {
      h = (h ^ static_cast<std::uint64_t>(v)) * 0xff51afd7ed558ccdULL;
      h ^= h >> 32;
    }
    return h;
  }
};

std::uint32_t cover_mask(const Fact& f) {
  return (f.org >= 0 ? 1u : 0u) | (f.place >= 0 ? 2u : 0u) | (f.host >= 0 ? 4u : 0u) | (f.resolved ? 8u : 0u);
}

CoverKey cover_key(std::uint32_t group, const Fact& f, std::uint32_t mask) {
  CoverKey k{group, mask};
  if (mask & 1u) k.org = f.org;
  if (mask & 2u) k.place = f.place;
  if (mask & 4u) k.host = f.host;
  if (mask & 8u) {
    k.year = f.resolved->year;
    k.month = f.resolved->month;
    k.day = f.resolved->day;
  }
  return k;
}

}  // namespace

std::vector<bool> covered_facts(std::span<const Fact> facts) {
  std::vector<bool> drop(facts.size(), false);
  // Facts of one core, in input order. A fact is covered when another of its
  // core says all it says and more, or says the same and comes first.
  std::vector<std::uint32_t> group;
  std::vector<std::uint32_t> rest;
  std::unordered_set<CoverKey, CoverKeyHash> said;   // (mask, fields) some fact says strictly more than
  std::unordered_set<CoverKey, CoverKeyHash> first;  // (mask, fields) of a fact already seen
  std::uint32_t groups = 0;
  auto settle = [&](const std::vector<std::uint32_t>& g) {
    // Small groups pair by pair; large ones through the keys each fact's
    // fields give, so an article of thousands of alike facts stays linear.
    if (g.size() <= 16) {
      for (const auto i : g) {
        for (const auto j : g) {
          if (i == j || !covers(facts[j], facts[i]) || !same_core(facts[i], facts[j])) continue;
          if (covers(facts[i], facts[j]) && i < j) continue;
          drop[i] = true;
          break;
        }
      }
      return;
    }
    const auto id = groups++;
    for (const auto j : g) {
      const auto m = cover_mask(facts[j]);
      for (std::uint32_t s = (m - 1) & m; s != m; s = (s - 1) & m) {  // every proper subset of m, 0 last
        said.insert(cover_key(id, facts[j], s));
        if (s == 0) break;
      }
    }
    for (const auto i : g) {  // g is in input order
      const auto k = cover_key(id, facts[i], cover_mask(facts[i]));
      drop[i] = said.count(k) > 0 || !first.insert(k).second;
    }
  };
  if (facts.size() <= 16) {  // most articles: no need to group
    for (std::uint32_t i = 0; i < facts.size(); ++i) group.push_back(i);
    settle(group);
    return drop;
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> order(facts.size());
  for (std::uint32_t i = 0; i < facts.size(); ++i) order[i] = {core_hash(facts[i]), i};
  std::sort(order.begin(), order.end());
  for (std::size_t a = 0; a < order.size();) {
    std::size_t b = a;
    while (b < order.size() && order[b].first == order[a].first) ++b;
    // One hash, one or more cores (a collision): split them by same_core.
    rest.clear();
    for (std::size_t k = a; k < b; ++k) rest.push_back(order[k].second);
    while (!rest.empty()) {
      group.clear();
      const auto& core = facts[rest[0]];
      std::size_t kept = 0;
      for (const auto i : rest) {
        if (same_core(core, facts[i])) group.push_back(i);
        else rest[kept++] = i;
      }
      rest.resize(kept);
      settle(group);
    }
    a = b;
  }
  return drop;
}

void Pipeline::consolidate(Extraction& x) const {
  const auto& g = *gazetteer_;
  auto& facts = x.facts;
  // A meeting or visit in a sentence that names no day happened on the day
  // the sentence before names, when that sentence is in the same paragraph,
  // names the same person and names exactly one day: "Modi arrived in
  // Nairobi on Sunday. He was welcomed at the airport by Mudavadi."
  auto one_day = [](const Sentence& t) -> const DateExpr* {
    const DateExpr* found = nullptr;
    int days = 0;
    for (const auto& d : t.dates) {
      using K = DateExpr::Kind;
      if (d.kind == K::Month || d.kind == K::Year || d.kind == K::Vague) continue;
      ++days;
      found = &d;
    }
    return days == 1 ? found : nullptr;
  };
  std::vector<std::int32_t> last_dated;  // by sentence: the nearest one before it naming a date, or -1
  for (auto& f : facts) {
    if (f.date || f.sentence == 0 || (f.kind != FactKind::Meeting && f.kind != FactKind::Visit)) continue;
    const auto& cur = x.sentences[f.sentence];
    if (!cur.dates.empty()) continue;
    // "later that evening", "the same day": the day the paragraph named last.
    bool anaphoric = false;
    for (std::size_t k = 0; k + 1 < cur.tokens.size(); ++k) {
      const auto& a = cur.tokens[k].norm;
      const auto& b = cur.tokens[k + 1].norm;
      anaphoric = anaphoric || ((a == "that" || a == "same" || a == "the") &&
                                (b == "day" || b == "evening" || b == "morning" || b == "afternoon" || b == "night"));
    }
    // News paragraphs are a sentence or two, so the sentence before may be in
    // the paragraph before; a same-person link or an anaphoric phrase is
    // required. An anaphoric phrase takes the nearest sentence before that
    // names any date (found once per article, not walked back to per fact).
    if (anaphoric) {
      if (last_dated.empty()) {
        last_dated.assign(x.sentences.size(), -1);
        for (std::size_t k = 1; k < x.sentences.size(); ++k) {
          last_dated[k] = x.sentences[k - 1].dates.empty() ? last_dated[k - 1] : static_cast<std::int32_t>(k - 1);
        }
      }
      if (const auto back = last_dated[f.sentence]; back >= 0) {
        if (const DateExpr* d = one_day(x.sentences[static_cast<std::size_t>(back)])) f.date = *d;
      }
      continue;
    }
    const auto& prev = x.sentences[f.sentence - 1];
    const bool same_person = std::any_of(prev.mentions.begin(), prev.mentions.end(), [&](const Mention& m) {
      return m.label == label::kPerson && m.entity >= 0 && (m.entity == f.person || m.entity == f.person2);
    });
    if (same_person) {
      if (const DateExpr* d = one_day(prev)) f.date = *d;
    }
  }
  for (auto& f : facts) {
    if (f.date) {
      f.resolved = resolve_date(*f.date, x.article.date, f.planned);
      f.resolved_end = resolve_date_end(*f.date, x.article.date);
      if (!f.resolved && f.kind != FactKind::Relation) f.period = resolve_period(*f.date, x.article.date);
    }
    // A known official's post without its country takes it from the gazetteer.
    if (f.kind == FactKind::Position && f.org < 0 && f.person >= 0) {
      const auto& p = x.entities[static_cast<std::size_t>(f.person)];
      if (p.ref >= 0 && g.officials()[static_cast<std::size_t>(p.ref)].role == f.role) {
        for (std::size_t i = 0; i < x.entities.size(); ++i) {
          if (x.entities[i].kind == EntityKind::Country && x.entities[i].country == p.country) {
            f.org = static_cast<std::int32_t>(i);
          }
        }
        if (f.org < 0) {
          const auto* c = g.country(p.country);
          if (c) {
            f.org = static_cast<std::int32_t>(x.entities.size());
            x.entities.push_back({EntityKind::Country, c->name, {}, c->iso2, -1, {}});
          }
        }
      }
    }
  }
  // A national post stated without its country ("Peters, who is also deputy
  // prime minister") is of the one country the article gives that person.
  // Only for titles the role lexicon calls heads of state or government,
  // ministers or diplomats: a company chairman's nationality says nothing.
  auto title_kind = [&](const std::string& title) -> std::string {
    std::string t = title;
    for (;;) {
      for (const auto& r : g.roles()) {
        const bool named = r.title == t || std::find(r.aliases.begin(), r.aliases.end(), t) != r.aliases.end();
        if (named) return r.kind;
      }
      // "minister of agrarian development", "minister for eu affairs" -> "minister";
      // "deputy foreign minister" -> "foreign minister".
      const auto space = t.find(' ');
      auto of = t.find(" of ");
      if (of == std::string::npos) of = t.find(" for ");
      if (of != std::string::npos) t.resize(of);
      else if (space != std::string::npos) t = t.substr(space + 1);
      else return {};
    }
  };
  auto national_title = [&](const std::string& title) {
    const auto k = title_kind(title);
    return k == "head_of_state" || k == "head_of_government" || k == "minister" || k == "diplomat";
  };
  // A counterpart's post is the post of the person it is the counterpart of
  // (a minister's counterpart is a minister), taken from that person's first
  // current post in the article; with none, no fact.
  for (auto& f : facts) {
    if (f.kind != FactKind::Position || !f.role.empty() || f.person2 < 0) continue;
    for (const auto& o : facts) {
      if (o.kind == FactKind::Position && o.person == f.person2 && !o.former && !o.role.empty() &&
          national_title(o.role) && title_kind(o.role) != "diplomat") {
        f.role = o.role;
        break;
      }
    }
    f.person2 = -1;
  }
  facts.erase(std::remove_if(facts.begin(), facts.end(),
                             [](const Fact& f) { return f.kind == FactKind::Position && f.role.empty(); }),
              facts.end());
  std::map<std::int32_t, std::set<std::int32_t>> countries_of;
  for (const auto& f : facts) {
    if (f.person < 0 || f.org < 0 || f.former) continue;
    if (x.entities[static_cast<std::size_t>(f.org)].kind != EntityKind::Country) continue;
    if (f.kind == FactKind::Nationality || f.kind == FactKind::Position) countries_of[f.person].insert(f.org);
  }
  for (auto& f : facts) {
    if (f.kind != FactKind::Position || f.org >= 0 || f.person < 0) continue;
    const auto it = countries_of.find(f.person);
    if (it != countries_of.end() && it->second.size() == 1 && national_title(f.role)) f.org = *it->second.begin();
  }
  // A head of state or government or a minister named with no country at all
  // in an article datelined in a country's city ("ISLAMABAD, Jan 30 (APP): ...
  // Prime Minister Anwaar-ul-Haq Kakar") holds the post of that country: news
  // leaves the host's officials unmarked and marks the visitors. Not
  // diplomats: an ambassador in Islamabad represents another country.
  if (const auto dl = dateline_countries_.find(fold(x.article.dateline)); dl != dateline_countries_.end()) {
    std::int32_t host = -1;
    for (auto& f : facts) {
      if (f.kind != FactKind::Position || f.org >= 0 || f.person < 0 || f.former) continue;
      if (countries_of.count(f.person)) continue;
      const auto k = title_kind(f.role);
      if (k != "head_of_state" && k != "head_of_government" && k != "minister") continue;
      if (host < 0) {
        for (std::size_t i = 0; i < x.entities.size() && host < 0; ++i) {
          if (x.entities[i].kind == EntityKind::Country && x.entities[i].country == dl->second) {
            host = static_cast<std::int32_t>(i);
          }
        }
        if (host < 0) {
          host = static_cast<std::int32_t>(x.entities.size());
          x.entities.push_back({EntityKind::Country, g.country(dl->second)->name, {}, dl->second, -1, {}});
        }
      }
      f.org = host;
      f.found_by += "+dateline";
    }
  }

  // Holding a post of a country means representing it.
  std::vector<Fact> implied;
  for (const auto& f : facts) {
    if (f.kind == FactKind::Position && !f.former && f.org >= 0 &&
        x.entities[static_cast<std::size_t>(f.org)].kind == EntityKind::Country) {
      Fact n = f;
      n.kind = FactKind::Nationality;
      n.role.clear();
      n.date.reset();
      n.resolved.reset();
      implied.push_back(std::move(n));
    }
  }
  facts.insert(facts.end(), implied.begin(), implied.end());

  // One agreement named twice in a sentence, one event or project named in
  // several sentences: one fact, found first, with what every mention adds
  // (participants, place, dates, builder).
  {
    auto key = [&](const Fact& f) -> std::string {
      if (f.kind == FactKind::Agreement) return "a" + std::to_string(f.sentence) + "\t" + fold(f.name);
      if (f.kind == FactKind::Event) return "e" + fold(f.name);
      if (f.kind == FactKind::Project) {
        // "the Chancay port" and "the Chancay port project" are one project.
        std::string k = fold(f.name);
        if (k.size() > 8 && k.compare(k.size() - 8, 8, " project") == 0) k.resize(k.size() - 8);
        return "p" + k;
      }
      return {};
    };
    std::map<std::string, std::size_t> first;
    std::vector<bool> merged(facts.size(), false);
    auto fill = [](auto& into, const auto& from, auto none) {
      if (into == none) into = from;
    };
    for (std::size_t i = 0; i < facts.size(); ++i) {
      const auto k = key(facts[i]);
      if (k.empty()) continue;
      const auto [it, fresh] = first.emplace(k, i);
      if (fresh) continue;
      auto& into = facts[it->second];
      const auto& from = facts[i];
      if (from.sentence < into.sentence || (from.sentence == into.sentence && from.begin < into.begin)) {
        // Keep the earliest mention as provenance, the rest as additions.
        into.sentence = from.sentence;
        into.begin = from.begin;
        into.end = from.end;
        into.found_by = from.found_by;
      }
      for (const auto p : from.parties) {
        if (std::find(into.parties.begin(), into.parties.end(), p) == into.parties.end()) into.parties.push_back(p);
      }
      fill(into.place, from.place, -1);
      fill(into.org, from.org, -1);
      fill(into.person, from.person, -1);
      if (!into.date && from.date) {
        into.date = from.date;
        into.resolved = from.resolved;
        into.resolved_end = from.resolved_end;
      }
      into.planned = into.planned && from.planned;
      merged[i] = true;
    }
    std::vector<Fact> rest;
    for (std::size_t i = 0; i < facts.size(); ++i) {
      if (!merged[i]) rest.push_back(std::move(facts[i]));
    }
    facts = std::move(rest);
  }

  // Meetings are unordered pairs.
  for (auto& f : facts) {
    if (f.kind == FactKind::Meeting && f.person2 < f.person) std::swap(f.person, f.person2);
  }
  // Drop what another fact says better: the same post without its
  // organisation, the same meeting or visit without its date or place.
  const auto drop = covered_facts(facts);
  std::vector<Fact> kept;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(facts[i]));
  }
  facts = std::move(kept);

  for (auto& f : facts) {
    f.confidence = rules_.confidence(f.found_by, f.kind);
    // The areas of cooperation a meeting, visit, agreement, event or proposal
    // concerns: the topics its sentence names from where the match starts
    // ("held talks on trade and mining", "signed agreements covering energy").
    if (f.kind == FactKind::Position || f.kind == FactKind::Nationality || f.kind == FactKind::Statement ||
        f.kind == FactKind::Relation || f.kind == FactKind::Invitation) {
      continue;
    }
    const auto& s = x.sentences[f.sentence];
    for (const auto& m : s.mentions) {
      if (m.label != label::kTopic || s.tokens[m.begin].begin < f.begin) continue;
      if (std::find(f.topics.begin(), f.topics.end(), m.value) == f.topics.end()) f.topics.push_back(m.value);
    }
    std::sort(f.topics.begin(), f.topics.end());
  }
  std::set<std::string> used;
  for (const auto& f : facts) {
    for (const auto& id : f.topics) {
      for (const auto* t = g.topic(id); t && used.insert(t->id).second; t = g.topic(t->broader)) {
      }
    }
  }
  for (const auto& id : used) {
    const auto* t = g.topic(id);
    x.topics.push_back({t->id, t->label, t->broader});
  }
}

std::string Pipeline::dump_mentions(const Extraction& x) const {
  std::string out;
  for (std::size_t si = 0; si < x.sentences.size(); ++si) {
    const auto& s = x.sentences[si];
    auto ms = s.mentions;
    std::stable_sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    for (const auto& m : ms) {
      out += "Mention{" + labels_.name(m.label) + " \"" + m.value + "\" s" + std::to_string(si) + "[" +
             std::to_string(m.begin) + "," + std::to_string(m.end) + ") by=" + m.found_by + "}\n";
    }
  }
  return out;
}

}  // namespace newsgraph::extract
