// The label table. Part of newsgraph::extract.
#include "extract/labels.hpp"

namespace newsgraph::extract {

LabelTable::LabelTable() {
  for (const char* name : {"COUNTRY", "DEMONYM", "CITY", "ORG", "ROLE", "PERSON", "NAME", "DATE",
                           "PRONOUN", "HONORIFIC", "PLANNED", "FORMER", "REGION", "ROLEREF", "TOPIC"}) {
    intern(name);
  }
}

LabelId LabelTable::intern(std::string_view name) {
  if (const auto it = ids_.find(name); it != ids_.end()) return it->second;
  const auto id = static_cast<LabelId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  return id;
}

bool LabelTable::find(std::string_view name, LabelId& id) const {
  const auto it = ids_.find(name);
  if (it == ids_.end()) return false;
  id = it->second;
  return true;
}

}  // namespace newsgraph::extract
