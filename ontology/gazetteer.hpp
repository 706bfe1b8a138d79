// Gazetteers: countries, cities, organisations, roles and known officials,
// loaded from the TSV files in ontology/data/. Part of newsgraph::ontology.
// Knows nothing of tokens: extract/ builds its phrase index from these lists.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace newsgraph::ontology {

struct Country {
  std::string iso2;  ///< ISO 3166-1 alpha-2, upper case: the country's key.
  std::string iso3;
  std::string name;  ///< Common English short name ("United Kingdom").
  std::vector<std::string> aliases;
  std::vector<std::string> demonyms;
  std::string wikidata;  ///< Checked Wikidata id ("Q419"), or empty.
};

struct City {
  std::string name;
  std::vector<std::string> aliases;
  std::string country;  ///< iso2
  bool capital = false;
};

struct Organization {
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> acronyms;  ///< Matched case-sensitively.
  std::string kind;
  std::string wikidata;  ///< Checked Wikidata id, or empty.
};

/// A continent, world region or sea: a place that is neither country nor city.
struct Region {
  std::string name;
  std::vector<std::string> aliases;
};

/// An area of cooperation ("trade", "digital economy"): a concept of the
/// topic scheme, named in meetings and agreements.
struct Topic {
  std::string id;     ///< Stable key, also the last segment of its IRI ("digital-economy").
  std::string label;  ///< Preferred English label, lower case.
  std::vector<std::string> aliases;  ///< Other ways news writes it, lower case.
  std::string broader;  ///< Id of the broader topic, or empty.
};

struct Role {
  std::string title;  ///< Lower case ("foreign minister").
  std::string kind;   ///< head_of_state, minister, diplomat, ...
  std::vector<std::string> aliases;
};

struct Official {
  std::string name;
  std::vector<std::string> aliases;
  std::string country;  ///< iso2
  std::string role;     ///< Lower case role title held on `as_of`.
  std::string as_of;    ///< YYYY-MM-DD
  std::string wikidata; ///< Checked Wikidata id, or empty: unknown is better than wrong.
};

/// A tab-separated data file: '#' comment lines, one header row, then rows.
struct Table {
  std::string file;
  std::vector<std::string> header;
  struct Row {
    std::size_t line;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;

  /// Index of column `name` in the header, or npos.
  [[nodiscard]] std::size_t column(std::string_view name) const;
};

/// Reads a TSV data file. Rows with a different number of cells than the
/// header are errors naming file:line.
Result<Table> read_table(const std::string& path);

/// Splits a '|'-separated list; empty input gives an empty list.
std::vector<std::string> split_list(std::string_view text);

class Gazetteer {
 public:
  /// Loads countries.tsv, cities.tsv, regions.tsv, organisations.tsv,
  /// roles.tsv and officials.tsv from `dir`. Every error in every file is collected; the
  /// returned Status lists them all, one per line.
  static Result<Gazetteer> load(const std::string& dir);

  [[nodiscard]] const std::vector<Country>& countries() const { return countries_; }
  [[nodiscard]] const std::vector<City>& cities() const { return cities_; }
  [[nodiscard]] const std::vector<Organization>& organizations() const { return orgs_; }
  [[nodiscard]] const std::vector<Role>& roles() const { return roles_; }
  [[nodiscard]] const std::vector<Official>& officials() const { return officials_; }
  [[nodiscard]] const std::vector<Region>& regions() const { return regions_; }
  [[nodiscard]] const std::vector<Topic>& topics() const { return topics_; }
  /// The topic with this id, or nullptr. The pointer lives as long as the Gazetteer.
  [[nodiscard]] const Topic* topic(std::string_view id) const;

  /// The country with this ISO code, or nullptr. The pointer lives as long as the Gazetteer.
  [[nodiscard]] const Country* country(std::string_view iso2) const;

 private:
  std::vector<Country> countries_;
  std::vector<Topic> topics_;
  std::vector<City> cities_;
  std::vector<Organization> orgs_;
  std::vector<Role> roles_;
  std::vector<Official> officials_;
  std::vector<Region> regions_;
  std::map<std::string, std::size_t, std::less<>> by_iso2_;
};

}  // namespace newsgraph::ontology
