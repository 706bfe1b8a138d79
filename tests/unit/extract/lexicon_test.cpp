// Tests of extract/lexicon: the word table against std::unordered_map.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "extract/lexicon.hpp"

using namespace newsgraph::extract;

TEST_CASE("the word table finds what std::unordered_map finds, on generated words", "[extract]") {
  // Words of every length up to 40 (the hash reads 1-3, 4-7 and 8+ bytes
  // in different ways), from a small alphabet so that many share prefixes
  // and suffixes, with a few non-ASCII and NUL bytes.
  const std::string alphabet = std::string("abeinos.'-") + '\0' + "\xC3\xA9";
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), len(0, 40);
  auto word = [&] {
    std::string w;
    for (auto k = len(rng) % (rng() % 2 ? 41 : 9); k > 0; --k) w += alphabet[letter(rng)];
    return w;
  };
  WordTable table;
  std::unordered_map<std::string, std::uint32_t> want;
  for (int round = 0; round < 20000; ++round) {
    const auto w = word();
    const auto fresh = static_cast<std::uint32_t>(want.size() + 1);
    const auto [it, added] = want.emplace(w, fresh);
    REQUIRE(table.insert(w, fresh) == it->second);
    REQUIRE(table.size() == want.size());
  }
  for (const auto& [w, id] : want) REQUIRE(table.find(w) == id);
  int absent = 0;
  for (int round = 0; round < 20000; ++round) {
    const auto w = word();
    const auto it = want.find(w);
    REQUIRE(table.find(w) == (it == want.end() ? 0u : it->second));
    absent += it == want.end();
  }
  CHECK(absent > 1000);
  // Every byte counts in the hash: no two of these words share all 64 bits.
  std::unordered_set<std::uint64_t> hashes;
  for (const auto& [w, id] : want) hashes.insert(WordTable::hash(w));
  CHECK(hashes.size() == want.size());
  CHECK(WordTable().find("any") == 0);  // an empty table
}
