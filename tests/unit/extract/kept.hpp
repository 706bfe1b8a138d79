// For tests that make tokens by hand: Token's text and norm are views, so
// the words they view are kept here, once each, for the whole test run.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace newsgraph::extract::testing {

inline std::string_view kept(std::string s) {
  static std::mutex mu;
  static std::set<std::string, std::less<>> words;  // nodes never move
  const std::lock_guard<std::mutex> lock(mu);
  return *words.insert(std::move(s)).first;
}

}  // namespace newsgraph::extract::testing
