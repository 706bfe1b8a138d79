// Loading the gazetteer TSV files. Part of newsgraph::ontology.
#include "ontology/gazetteer.hpp"

#include <algorithm>

#include <fstream>
#include <functional>

namespace newsgraph::ontology {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return cells;
}

}  // namespace

std::size_t Table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::string::npos;
}

Result<Table> read_table(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::IoError, "cannot open data file", SourcePos{path, 0, 0});
  Table t;
  t.file = path;
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto cells = split_tabs(line);
    if (t.header.empty()) {
      t.header = std::move(cells);
      continue;
    }
    // An empty last field may have lost its tab to an editor; pad it back.
    if (cells.size() < t.header.size()) cells.resize(t.header.size());
    if (cells.size() != t.header.size()) {
      return Status(Code::BadSyntax,
                    "expected " + std::to_string(t.header.size()) + " tab-separated cells, found " +
                        std::to_string(cells.size()),
                    SourcePos{path, n, 0});
    }
    t.rows.push_back({n, std::move(cells)});
  }
  if (t.header.empty()) return Status(Code::BadSyntax, "no header row", SourcePos{path, 0, 0});
  return t;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto bar = text.find('|', start);
    const auto item = text.substr(start, bar == std::string_view::npos ? text.npos : bar - start);
    if (!item.empty()) out.emplace_back(item);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

Result<Gazetteer> Gazetteer::load(const std::string& dir) {
  Gazetteer g;
  std::string errors;
  // Reads one file and hands each row's cells by column name to `add`.
  auto each = [&](const char* file, std::vector<std::string_view> cols,
                  const std::function<void(const std::vector<const std::string*>&)>& add) {
    auto t = read_table(dir + "/" + file);
    if (!t) {
      errors += t.status().str() + "\n";
      return;
    }
    std::vector<std::size_t> idx;
    for (auto c : cols) {
      idx.push_back(t->column(c));
      if (idx.back() == std::string::npos) {
        errors += t->file + ": missing column '" + std::string(c) + "'\n";
        return;
      }
    }
    for (const auto& row : t->rows) {
      std::vector<const std::string*> cells;
      for (auto i : idx) cells.push_back(&row.cells[i]);
      add(cells);
    }
  };

  // A Wikidata id is "Q" and digits, or nothing; anything else would make a broken link.
  auto wikidata = [&](const char* file, const std::string& who, const std::string& id) {
    const bool ok = id.empty() || (id.size() > 1 && id[0] == 'Q' && id[1] != '0' &&
                                   id.find_first_not_of("0123456789", 1) == std::string::npos);
    if (!ok) errors += dir + "/" + file + ": bad wikidata id '" + id + "' for " + who + "\n";
    return ok ? id : std::string();
  };
  each("countries.tsv", {"iso2", "iso3", "name", "aliases", "demonyms", "wikidata"}, [&](const auto& c) {
    g.by_iso2_[*c[0]] = g.countries_.size();
    g.countries_.push_back({*c[0], *c[1], *c[2], split_list(*c[3]), split_list(*c[4]),
                            wikidata("countries.tsv", *c[2], *c[5])});
  });
  each("cities.tsv", {"name", "aliases", "country", "kind"}, [&](const auto& c) {
    g.cities_.push_back({*c[0], split_list(*c[1]), *c[2], *c[3] == "capital"});
  });
  each("regions.tsv", {"name", "aliases"}, [&](const auto& c) {
    g.regions_.push_back({*c[0], split_list(*c[1])});
  });
  each("organisations.tsv", {"name", "aliases", "acronyms", "kind", "wikidata"}, [&](const auto& c) {
    g.orgs_.push_back({*c[0], split_list(*c[1]), split_list(*c[2]), *c[3], wikidata("organisations.tsv", *c[0], *c[4])});
  });
  each("roles.tsv", {"title", "kind", "aliases"}, [&](const auto& c) {
    g.roles_.push_back({*c[0], *c[1], split_list(*c[2])});
  });
  each("officials.tsv", {"name", "aliases", "country", "role", "as_of", "wikidata"}, [&](const auto& c) {
    g.officials_.push_back({*c[0], split_list(*c[1]), *c[2], *c[3], *c[4], wikidata("officials.tsv", *c[0], *c[5])});
  });
  each("topics.tsv", {"id", "label", "aliases", "broader"}, [&](const auto& c) {
    g.topics_.push_back({*c[0], *c[1], split_list(*c[2]), *c[3]});
  });
  for (const auto& t : g.topics_) {
    if (!t.broader.empty() && !g.topic(t.broader)) {
      errors += dir + "/topics.tsv: unknown broader topic '" + t.broader + "' for " + t.id + "\n";
    }
  }
  for (const auto& city : g.cities_) {
    if (!g.country(city.country)) errors += dir + "/cities.tsv: unknown country '" + city.country + "' for " + city.name + "\n";
  }
  for (const auto& o : g.officials_) {
    if (!g.country(o.country)) errors += dir + "/officials.tsv: unknown country '" + o.country + "' for " + o.name + "\n";
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status(Code::BadSyntax, errors);
  }
  return g;
}

const Topic* Gazetteer::topic(std::string_view id) const {
  const auto it = std::find_if(topics_.begin(), topics_.end(), [&](const Topic& t) { return t.id == id; });
  return it == topics_.end() ? nullptr : &*it;
}

const Country* Gazetteer::country(std::string_view iso2) const {
  const auto it = by_iso2_.find(iso2);
  return it == by_iso2_.end() ? nullptr : &countries_[it->second];
}

}  // namespace newsgraph::ontology
