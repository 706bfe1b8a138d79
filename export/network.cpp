// Building the network of officials and writing it as DOT. Part of newsgraph::rdf.
#include "export/network.hpp"

#include <map>
#include <set>

#include "ontology/vocab.hpp"

namespace newsgraph::rdf {

namespace {

namespace v = ontology::vocab;

std::string iri(const v::Term& t) { return std::string(t.ns) + std::string(t.local); }

// A DOT string: quotes and backslashes escaped, line breaks as spaces.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

struct Fact {
  std::set<std::string> types, participants, visitors, destinations;
  std::set<std::string> dates;
};

}  // namespace

std::string network_dot(const std::vector<Triple>& triples) {
  const std::string type = iri(v::kType), name = iri(v::kName), meeting = iri(v::kMeeting), visit = iri(v::kVisit),
                    participant = iri(v::kParticipant), visitor = iri(v::kVisitor),
                    destination = iri(v::kDestination), date = iri(v::kDate), nationality = iri(v::kNationalityOf),
                    person = iri(v::kPerson), country = iri(v::kCountry);
  std::map<std::string, Fact> facts;
  std::map<std::string, std::set<std::string>> names, types, nationalities;
  for (const auto& t : triples) {
    if (t.predicate == name && t.object_is_literal) names[t.subject].insert(t.object);
    else if (t.predicate == type) types[t.subject].insert(t.object), facts[t.subject].types.insert(t.object);
    else if (t.predicate == participant) facts[t.subject].participants.insert(t.object);
    else if (t.predicate == visitor) facts[t.subject].visitors.insert(t.object);
    else if (t.predicate == destination) facts[t.subject].destinations.insert(t.object);
    else if (t.predicate == date && t.object_is_literal) facts[t.subject].dates.insert(t.object);
    else if (t.predicate == nationality) nationalities[t.subject].insert(t.object);
  }

  // Meetings between two persons (a pair once, whatever the order) and visits.
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::set<std::string>>> met;
  std::map<std::pair<std::string, std::string>, std::set<std::string>> visited;
  std::set<std::string> persons, places;
  for (const auto& [id, f] : facts) {
    if (f.types.count(meeting)) {
      for (auto a = f.participants.begin(); a != f.participants.end(); ++a) {
        for (auto b = std::next(a); b != f.participants.end(); ++b) {
          auto& e = met[{*a, *b}];
          ++e.first;
          e.second.insert(f.dates.begin(), f.dates.end());
          persons.insert(*a);
          persons.insert(*b);
        }
      }
    }
    if (f.types.count(visit)) {
      for (const auto& p : f.visitors) {
        for (const auto& d : f.destinations) {
          visited[{p, d}].insert(f.dates.begin(), f.dates.end());
          persons.insert(p);
          places.insert(d);
        }
      }
    }
  }
  std::set<std::string> countries;
  for (const auto& p : persons) {
    if (auto it = nationalities.find(p); it != nationalities.end()) countries.insert(it->second.begin(), it->second.end());
  }

  // The fullest name (longest, then first in order) labels a node; the IRI if none.
  auto label = [&](const std::string& node) {
    const auto it = names.find(node);
    if (it == names.end() || it->second.empty()) return node;
    std::string best;
    for (const auto& n : it->second) {
      if (n.size() > best.size()) best = n;
    }
    return best;
  };
  std::map<std::string, std::string> ids;  // IRI -> n1, n2, ... in IRI order
  std::set<std::string> all(persons);
  all.insert(places.begin(), places.end());
  all.insert(countries.begin(), countries.end());
  for (const auto& n : all) ids.emplace(n, "n" + std::to_string(ids.size() + 1));

  std::string out =
      "// The network of officials newsgraph found: persons who met (solid), visits (dashed, to the place),\n"
      "// nationalities (dotted). Render with: dot -Tsvg network.dot -o network.svg (or neato, sfdp)\n"
      "graph newsgraph {\n"
      "  graph [overlap=false, splines=true, fontname=\"Helvetica\", rankdir=LR];\n"
      "  node [fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n";
  for (const auto& [node, id] : ids) {
    const bool is_person = persons.count(node) > 0;
    const bool is_country = types[node].count(country) > 0;
    std::string attrs = "label=" + quoted(label(node)) + ", tooltip=" + quoted(node);
    if (is_person || types[node].count(person)) attrs += ", shape=ellipse, style=filled, fillcolor=\"#dbe9f6\"";
    else if (is_country) attrs += ", shape=box, style=filled, fillcolor=\"#f6e7c8\"";
    else attrs += ", shape=box, style=\"rounded,filled\", fillcolor=\"#e3f1de\"";
    out += "  " + id + " [" + attrs + "];\n";
  }
  for (const auto& [pair, e] : met) {
    std::string l;
    for (const auto& d : e.second) l += (l.empty() ? "" : ", ") + d;
    if (l.empty() || e.first > e.second.size()) {
      l = std::to_string(e.first) + (e.first == 1 ? " meeting" : " meetings") + (l.empty() ? "" : ": " + l);
    }
    out += "  " + ids[pair.first] + " -- " + ids[pair.second] + " [label=" + quoted(l) + ", penwidth=" +
           std::to_string(std::min<std::size_t>(e.first, 4)) + "];\n";
  }
  for (const auto& [pair, dates] : visited) {
    std::string l = "visit";
    for (const auto& d : dates) l += " " + d;
    out += "  " + ids[pair.first] + " -- " + ids[pair.second] + " [label=" + quoted(l) +
           ", style=dashed, dir=forward, arrowsize=0.6, color=\"#3a7d2c\"];\n";
  }
  for (const auto& p : persons) {
    const auto it = nationalities.find(p);
    if (it == nationalities.end()) continue;
    for (const auto& c : it->second) {
      out += "  " + ids[p] + " -- " + ids[c] + " [style=dotted, color=\"#b08a3e\"];\n";
    }
  }
  out += "}\n";
  return out;
}

}  // namespace newsgraph::rdf
