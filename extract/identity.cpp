// Identity across articles: gives each entity of an Extraction the key its
// IRI is minted from, using only the article and the gazetteer (so that an
// article gets the same IRIs whether it is extracted alone or in a corpus,
// and merging parts equals one run). Part of newsgraph::extract
// (Pipeline::identify_entities); the rules are in the README ("Identity").
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "extract/pipeline.hpp"
#include "ontology/iri.hpp"

namespace newsgraph::extract {
namespace {

// Words of a name as its slug has them: case, accents and punctuation folded
// ("Ángel Manero" and "ANGEL MANERO" give the same words).
std::vector<std::string> slug_words(std::string_view name) {
  std::vector<std::string> out;
  const std::string s = ontology::slug(name);
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto dash = s.find('-', start);
    const auto end = dash == std::string::npos ? s.size() : dash;
    if (end > start) out.push_back(s.substr(start, end - start));
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return out;
}

bool all_in(const std::vector<std::string>& words, const std::vector<std::string>& in) {
  return !words.empty() && std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(in.begin(), in.end(), w) != in.end();
  });
}

}  // namespace

void Pipeline::index_officials() {
  official_words_.clear();
  officials_by_word_.clear();
  for (const auto& off : gazetteer_->officials()) {
    const auto o = static_cast<std::uint32_t>(official_words_.size());
    auto& names = official_words_.emplace_back();
    names.push_back(slug_words(off.name));
    for (const auto& a : off.aliases) names.push_back(slug_words(a));
    for (const auto& words : names) {
      for (const auto& w : words) {
        auto& list = officials_by_word_[w];
        if (list.empty() || list.back() != o) list.push_back(o);
      }
    }
  }
}

void Pipeline::identify_entities(Extraction& x) const {
  const auto& g = *gazetteer_;
  // The countries the article says each person is from: nationality facts,
  // and posts of a country ("Kenya's foreign affairs cabinet secretary";
  // an ambassador's post is the sending country's).
  std::vector<std::set<std::string>> countries(x.entities.size());
  for (const auto& f : x.facts) {
    const bool says = f.kind == FactKind::Nationality || (f.kind == FactKind::Position && !f.former);
    if (!says || f.person < 0 || f.org < 0) continue;
    const auto& c = x.entities[static_cast<std::size_t>(f.org)];
    if (c.kind == EntityKind::Country) countries[static_cast<std::size_t>(f.person)].insert(c.country);
  }

  for (std::size_t i = 0; i < x.entities.size(); ++i) {
    auto& e = x.entities[i];
    switch (e.kind) {
      case EntityKind::Person: {
        if (e.ref < 0) {
          // Not matched by the gazetteer in the text: a known official still,
          // when every word of the name is in exactly one official's name or
          // alias ("President Boluarte" -> Dina Boluarte) and the article
          // does not give another country. A bare surname needs the article
          // to give the official's country: two people may share a surname.
          const auto words = slug_words(e.name);
          const auto& from = countries[i];
          std::int32_t found = -1;
          int n = 0;
          // Only the officials with the name's first word can match (in the
          // order of the gazetteer, as all of them were once tried).
          static const std::vector<std::uint32_t> kNone;
          const auto by_word = words.empty() ? officials_by_word_.end() : officials_by_word_.find(words[0]);
          const auto& candidates = by_word == officials_by_word_.end() ? kNone : by_word->second;
          for (const auto o : candidates) {
            const auto& off = g.officials()[o];
            if (!from.empty() && !from.count(off.country)) continue;
            if (words.size() < 2 && from.empty()) continue;
            bool match = false;
            for (const auto& names : official_words_[o]) match = match || all_in(words, names);
            if (match) {
              found = static_cast<std::int32_t>(o);
              ++n;
            }
          }
          if (n == 1) e.ref = found;
        }
        if (e.ref >= 0) {
          const auto& off = g.officials()[static_cast<std::size_t>(e.ref)];
          e.canonical = off.name;
          e.country = off.country;
          e.wikidata = off.wikidata;
        } else if (countries[i].size() == 1) {
          // An unknown person is keyed by name and, when the article says
          // it (once), country: two Ana Diaz of two countries stay apart.
          e.country = *countries[i].begin();
        }
        break;
      }
      case EntityKind::Country:
        if (const auto* c = g.country(e.country)) {
          e.canonical = c->name;
          e.wikidata = c->wikidata;
        }
        break;
      case EntityKind::City:
        if (e.ref >= 0) e.canonical = g.cities()[static_cast<std::size_t>(e.ref)].name;
        break;
      case EntityKind::Organization:
        if (e.ref >= 0) {
          e.canonical = g.organizations()[static_cast<std::size_t>(e.ref)].name;
          e.wikidata = g.organizations()[static_cast<std::size_t>(e.ref)].wikidata;
        }
        break;
    }
  }
}

}  // namespace newsgraph::extract
