// WordTable: ids of words in one flat open-addressing table. Part of
// newsgraph::extract.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsgraph::extract {

/// Ids of words (byte strings), for one lookup per token (the lexicon's
/// words, the rules' vocabulary): an open-addressing table on one flat array
/// with a cheap word-at-a-time hash, which costs a fraction of
/// std::unordered_map's (_Hash_bytes, a modulo, a node per entry: a cache
/// miss per token on the whole corpus).
/// Ids are what insert() was given; they must not be 0, which find() returns
/// for a word not in the table.
class WordTable {
 public:
  /// The id of `word`, 0 if it is not in the table.
  [[nodiscard]] std::uint32_t find(std::string_view word) const;
  /// Adds `word` with `id` (not 0) unless it is there; returns its id.
  std::uint32_t insert(std::string_view word, std::uint32_t id);
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The word inserted with `id` ("" for none).
  [[nodiscard]] std::string_view word(std::uint32_t id) const {
    return id < keys_.size() ? key(id) : std::string_view{};
  }
  /// The table's hash of `word` (a function of the bytes only).
  static std::uint64_t hash(std::string_view word);

 private:
  struct Slot {
    std::uint32_t hash = 0;  ///< The high half of the word's hash.
    std::uint32_t id = 0;    ///< 0: empty.
  };
  [[nodiscard]] std::string_view key(std::uint32_t id) const {
    const auto& k = keys_[id];
    return std::string_view(bytes_).substr(k.first, k.second);
  }
  void grow();
  std::vector<Slot> slots_;  ///< A power of two of them, at most half full.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keys_;  ///< By id: offset and size in bytes_.
  std::string bytes_;        ///< The words, one after another.
  std::size_t size_ = 0;
};

}  // namespace newsgraph::extract
