// SPARQL query results as plain values, and their text forms: an aligned
// table, SPARQL 1.1 CSV, TSV and JSON. Part of newsgraph::query (query/);
// knows nothing of the engine that made them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace newsgraph::query {

/// One RDF term of a result. An unbound value is std::nullopt in a Row.
struct Term {
  enum class Kind { Iri, Blank, Literal };
  Kind kind = Kind::Literal;
  std::string value;     ///< the IRI, blank node label or lexical form
  std::string datatype;  ///< literals only; empty for a plain string
  std::string language;  ///< literals only

  friend bool operator==(const Term&, const Term&) = default;
  /// In N-Triples/Turtle syntax: <iri>, _:b, "text", "1"^^<dt>, "x"@en.
  [[nodiscard]] std::string turtle() const;
};

using Row = std::vector<std::optional<Term>>;

/// The answer to a SELECT query (variables and rows, in the engine's order)
/// or an ASK query (boolean set, no variables).
struct Results {
  std::vector<std::string> variables;
  std::vector<Row> rows;
  std::optional<bool> boolean;
};

enum class Format { Table, Csv, Tsv, Json };

/// "table", "csv", "tsv", "json"; nullopt for anything else.
std::optional<Format> parse_format(const std::string& name);

/// The results in `format`. Table: values under their column names, aligned
/// by code points, unbound as empty cells, and a row count. CSV, TSV and JSON
/// follow the W3C SPARQL 1.1 Query Results formats.
std::string write_results(const Results& r, Format format);

}  // namespace newsgraph::query
