// dump() forms of the pipeline's value types. Part of newsgraph::extract.
#include "extract/document.hpp"

#include <algorithm>

namespace newsgraph::extract {

const char* fact_kind_name(FactKind kind) {
  switch (kind) {
    case FactKind::Position: return "position";
    case FactKind::Nationality: return "nationality";
    case FactKind::Meeting: return "meeting";
    case FactKind::Visit: return "visit";
    case FactKind::Statement: return "statement";
    case FactKind::Agreement: return "agreement";
    case FactKind::Invitation: return "invitation";
    case FactKind::Proposal: return "proposal";
    case FactKind::Event: return "event";
    case FactKind::Project: return "project";
    case FactKind::Relation: return "relation";
  }
  return "?";
}

std::string Token::dump() const { return "Token{\"" + std::string(text) + "\" [" + std::to_string(begin) + "," + std::to_string(end) + ")}"; }

std::string Entity::dump() const {
  static constexpr const char* kKinds[] = {"Person", "Country", "City", "Organization"};
  return std::string("Entity{") + kKinds[static_cast<int>(kind)] + " \"" + name + "\"" +
         (country.empty() ? "" : " " + country) + "}";
}

std::string Fact::dump(const std::vector<Entity>& e) const {
  auto ent = [&](std::int32_t i) {
    return i < 0 ? std::string("-") : "\"" + e[static_cast<std::size_t>(i)].name + "\"";
  };
  std::string out = std::string("Fact{") + fact_kind_name(kind) + (planned ? " planned" : "") +
                    (former ? " former" : "");
  switch (kind) {
    case FactKind::Position:
      out += " " + ent(person) + " \"" + role + "\" " + ent(org);
      break;
    case FactKind::Nationality:
      out += " " + ent(person) + " " + ent(org);
      break;
    case FactKind::Meeting:
      out += " " + ent(person) + " " + ent(person2) + " at=" + ent(place);
      if (host >= 0) out += " host=" + ent(host);
      break;
    case FactKind::Visit:
      out += " " + ent(person) + " to=" + ent(place);
      break;
    case FactKind::Statement:
      out += " " + ent(person) + (direct ? " direct" : " reported") + " \"" + quote + "\"";
      break;
    case FactKind::Agreement:
    case FactKind::Event:
    case FactKind::Relation:
      out += " \"" + name + "\" parties=";
      for (std::size_t i = 0; i < parties.size(); ++i) out += (i ? "," : "") + ent(parties[i]);
      if (parties.empty()) out += "-";
      if (person >= 0) out += " signer=" + ent(person);
      if (place >= 0) out += " at=" + ent(place);
      break;
    case FactKind::Invitation:
      out += " " + ent(person) + " invited " + ent(person2) + " to=" + ent(place);
      break;
    case FactKind::Proposal:
      out += " " + ent(person) + " to=" + ent(person2) + " \"" + quote + "\"";
      break;
    case FactKind::Project:
      out += " \"" + name + "\" at=" + ent(place) + " builder=" + ent(org);
      break;
  }
  if (!topics.empty()) {
    out += " topics=";
    for (std::size_t i = 0; i < topics.size(); ++i) out += (i ? "," : "") + topics[i];
  }
  out += " date=" + (resolved ? resolved->iso() : !period.empty() ? period : std::string("-"));
  if (resolved_end) out += ".." + resolved_end->iso();
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
  // Every byte but UTF-8 continuation bytes starts a code point. A loop
  // without early exit, so the compiler vectorises it (graph building asks
  // for the offsets of every sentence with a fact).
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(byte_offset, text.size()));
  return static_cast<std::size_t>(std::count_if(text.begin(), end, [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace newsgraph::extract
