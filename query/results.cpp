// Writing query results as a table, CSV, TSV or JSON. Part of newsgraph::query.
#include "query/results.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "ontology/vocab.hpp"

namespace newsgraph::query {

namespace {

const std::string kXsdString = std::string(ontology::vocab::kXsd) + "string";

// Escapes for a quoted literal in N-Triples and TSV.
std::string escape_literal(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// What a table cell shows: the value, with a language tag; newlines as spaces.
std::string cell(const std::optional<Term>& t) {
  if (!t) return "";
  std::string v = t->kind == Term::Kind::Blank ? "_:" + t->value : t->value;
  std::replace(v.begin(), v.end(), '\n', ' ');
  std::replace(v.begin(), v.end(), '\t', ' ');
  if (!t->language.empty()) v += "@" + t->language;
  return v;
}

std::string write_table(const Results& r) {
  if (r.boolean) return *r.boolean ? "true\n" : "false\n";
  std::vector<std::size_t> width;
  for (const auto& v : r.variables) width.push_back(code_points(v));
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : r.rows) {
    auto& c = cells.emplace_back();
    for (std::size_t i = 0; i < row.size(); ++i) {
      c.push_back(cell(row[i]));
      width[i] = std::max(width[i], code_points(c.back()));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& values) {
    std::string l;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) l += " | ";
      l += values[i];
      if (i + 1 < values.size()) l += std::string(width[i] - code_points(values[i]), ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(r.variables);
  std::string rule;
  for (std::size_t i = 0; i < width.size(); ++i) rule += (i ? "-+-" : "") + std::string(width[i], '-');
  out += rule + "\n";
  for (const auto& c : cells) line(c);
  out += "(" + std::to_string(r.rows.size()) + (r.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

std::string write_csv(const Results& r) {
  if (r.boolean) return std::string("_askResult\r\n") + (*r.boolean ? "true" : "false") + "\r\n";
  std::string out;
  for (std::size_t i = 0; i < r.variables.size(); ++i) out += (i ? "," : "") + csv_field(r.variables[i]);
  out += "\r\n";
  for (const auto& row : r.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ",";
      if (row[i]) out += csv_field(row[i]->kind == Term::Kind::Blank ? "_:" + row[i]->value : row[i]->value);
    }
    out += "\r\n";
  }
  return out;
}

std::string write_tsv(const Results& r) {
  if (r.boolean) return std::string("?_askResult\n") + (*r.boolean ? "true" : "false") + "\n";
  std::string out;
  for (std::size_t i = 0; i < r.variables.size(); ++i) out += (i ? "\t?" : "?") + r.variables[i];
  out += "\n";
  for (const auto& row : r.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += "\t";
      if (row[i]) out += row[i]->turtle();
    }
    out += "\n";
  }
  return out;
}

std::string write_json(const Results& r) {
  using nlohmann::ordered_json;
  ordered_json j;
  if (r.boolean) {
    j["head"] = ordered_json::object();
    j["boolean"] = *r.boolean;
  } else {
    j["head"]["vars"] = r.variables;
    auto& bindings = j["results"]["bindings"] = ordered_json::array();
    for (const auto& row : r.rows) {
      ordered_json b = ordered_json::object();
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (!row[i]) continue;
        const Term& t = *row[i];
        ordered_json v;
        v["type"] = t.kind == Term::Kind::Iri ? "uri" : t.kind == Term::Kind::Blank ? "bnode" : "literal";
        v["value"] = t.value;
        if (!t.language.empty()) v["xml:lang"] = t.language;
        else if (!t.datatype.empty() && t.datatype != kXsdString) v["datatype"] = t.datatype;
        b[r.variables[i]] = v;
      }
      bindings.push_back(std::move(b));
    }
  }
  // Invalid UTF-8 cannot come from the parsers, but never throw over it.
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string Term::turtle() const {
  switch (kind) {
    case Kind::Iri: return "<" + value + ">";
    case Kind::Blank: return "_:" + value;
    case Kind::Literal: break;
  }
  std::string s = "\"" + escape_literal(value) + "\"";
  if (!language.empty()) return s + "@" + language;
  if (!datatype.empty() && datatype != kXsdString) return s + "^^<" + datatype + ">";
  return s;
}

std::optional<Format> parse_format(const std::string& name) {
  if (name == "table") return Format::Table;
  if (name == "csv") return Format::Csv;
  if (name == "tsv") return Format::Tsv;
  if (name == "json") return Format::Json;
  return std::nullopt;
}

std::string write_results(const Results& r, Format format) {
  switch (format) {
    case Format::Table: return write_table(r);
    case Format::Csv: return write_csv(r);
    case Format::Tsv: return write_tsv(r);
    case Format::Json: return write_json(r);
  }
  return {};
}

}  // namespace newsgraph::query
