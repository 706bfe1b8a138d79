// Mention labels: a small table of names (COUNTRY, PERSON, ...) to ids.
// The built-in labels are made by code; rules may add their own.
// Part of newsgraph::extract.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document.hpp"

namespace newsgraph::extract {

namespace label {
inline constexpr LabelId kCountry = 0;   ///< "Peru", "the Chinese mainland"
inline constexpr LabelId kDemonym = 1;   ///< "Peruvian": stands for a country
inline constexpr LabelId kCity = 2;
inline constexpr LabelId kOrg = 3;
inline constexpr LabelId kRole = 4;      ///< "foreign minister", "Ambassador to China"
inline constexpr LabelId kPerson = 5;
inline constexpr LabelId kName = 6;      ///< A capitalised name not yet known to be anything
inline constexpr LabelId kDate = 7;
inline constexpr LabelId kPronoun = 8;   ///< he, she, his, her, him
inline constexpr LabelId kHonorific = 9; ///< Mr, Dr, Sheikh
inline constexpr LabelId kPlanned = 10;  ///< A future or plan marker: will, is expected to
inline constexpr LabelId kFormer = 11;   ///< former, ex-
inline constexpr LabelId kRegion = 12;   ///< Africa, Latin America, the Middle East
inline constexpr LabelId kRoleRef = 13;  ///< "the Peruvian president": a person named by title alone
inline constexpr LabelId kTopic = 14;    ///< An area of cooperation: "trade", "digital economy"
inline constexpr LabelId kBuiltinCount = 15;
}  // namespace label

class LabelTable {
 public:
  LabelTable();
  /// The id of `name`, adding it if new.
  LabelId intern(std::string_view name);
  /// The id of `name` if known.
  [[nodiscard]] bool find(std::string_view name, LabelId& id) const;
  [[nodiscard]] const std::string& name(LabelId id) const { return names_[id]; }
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::map<std::string, LabelId, std::less<>> ids_;
};

}  // namespace newsgraph::extract
