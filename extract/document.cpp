// dump() forms of the pipeline's value types. Part of newsgraph::extract.
#include "extract/document.hpp"

namespace newsgraph::extract {

const char* fact_kind_name(FactKind kind) {
  switch (kind) {
    case FactKind::Position: return "position";
    case FactKind::Nationality: return "nationality";
    case FactKind::Meeting: return "meeting";
    case FactKind::Visit: return "visit";
    case FactKind::Statement: return "statement";
  }
  return "?";
}

std::string Token::dump() const { return "Token{\"" + text + "\" [" + std::to_string(begin) + "," + std::to_string(end) + ")}"; }

std::string Entity::dump() const {
  static constexpr const char* kKinds[] = {"Person", "Country", "City", "Organization"};
  return std::string("Entity{") + kKinds[static_cast<int>(kind)] + " \"" + name + "\"" +
         (country.empty() ? "" : " " + country) + "}";
}

std::string Fact::dump(const std::vector<Entity>& e) const {
  auto name = [&](std::int32_t i) {
    return i < 0 ? std::string("-") : "\"" + e[static_cast<std::size_t>(i)].name + "\"";
  };
  std::string out = std::string("Fact{") + fact_kind_name(kind) + (planned ? " planned" : "") +
                    (former ? " former" : "");
  switch (kind) {
    case FactKind::Position:
      out += " " + name(person) + " \"" + role + "\" " + name(org);
      break;
    case FactKind::Nationality:
      out += " " + name(person) + " " + name(org);
      break;
    case FactKind::Meeting:
      out += " " + name(person) + " " + name(person2) + " at=" + name(place);
      break;
    case FactKind::Visit:
      out += " " + name(person) + " to=" + name(place);
      break;
    case FactKind::Statement:
      out += " " + name(person) + (direct ? " direct" : " reported") + " \"" + quote + "\"";
      break;
  }
  out += " date=" + (resolved ? resolved->iso() : std::string("-"));
  return out + " s" + std::to_string(sentence) + " by=" + found_by + "}";
}

std::string Sentence::words(std::uint32_t from, std::uint32_t to) const {
  std::string out;
  for (auto i = from; i < to && i < tokens.size(); ++i) {
    if (i > from && tokens[i].space_before) out += ' ';
    out += tokens[i].text;
  }
  return out;
}

std::size_t code_points(const std::string& text, std::size_t byte_offset) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace newsgraph::extract
