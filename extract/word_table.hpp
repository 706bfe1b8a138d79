// WordTable: ids of words in one flat open-addressing table. Part of
// newsgraph::extract.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
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
  /// The id of `word`, 0 if it is not in the table. (Defined below, in the
  /// header: it is called once a token, and as a call, with hash() a second
  /// one, it cost some 20 instructions a lookup more.)
  [[nodiscard]] std::uint32_t find(std::string_view word) const;
  /// find() through pointers copied from the table once: for a loop that
  /// stores a byte a lookup (Lexicon::annotate sets Token::function), after
  /// which the table's own members, as far as the compiler knows, may have
  /// changed and are loaded again. Valid while the table is not changed.
  class Finder;
  [[nodiscard]] Finder finder() const;
  /// Adds `word` with `id` (not 0) unless it is there; returns its id.
  std::uint32_t insert(std::string_view word, std::uint32_t id);
  [[nodiscard]] std::size_t size() const { return size_; }
  /// The word inserted with `id` ("" for none).
  [[nodiscard]] std::string_view word(std::uint32_t id) const {
    return id < keys_.size() ? key(id) : std::string_view{};
  }
  /// The table's hash of `word` (a function of the bytes only).
  static std::uint64_t hash(std::string_view word) { return key_of(word).hash; }

 private:
  /// For key_of() and find() (here so that they inline).
  static std::uint64_t load64(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static std::uint64_t load32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  /// One multiply and a fold of its high half into the low one: enough for a
  /// table of a few thousand words, whose slots come from the low bits.
  static std::uint64_t mix(std::uint64_t x) {
    x *= 0x9FB21C651E98DF25ULL;
    return x ^ (x >> 32);
  }
  /// What find() compares a slot with, worked out from the bytes once.
  /// A word of up to 8 bytes is all in `tag`, read as one or two
  /// overlapping loads (1-3 bytes: the first, middle and last; 4-8: the
  /// first and last 4), which with its size tells it from every other: such
  /// words (most) are found with no compare of their bytes. A longer one's
  /// tag is its hash, and its bytes are compared where tag and size agree.
  struct Key {
    std::uint64_t tag;
    std::uint64_t hash;
  };
  static Key key_of(std::string_view word) {
    const char* p = word.data();
    const auto n = word.size();
    const std::uint64_t seed = static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ULL;
    if (n > 8) {
      // 8 bytes at a time and the last 8 (wyhash's trick).
      std::uint64_t h = seed;
      for (std::size_t i = 0; i + 8 < n; i += 8) h = mix(h ^ load64(p + i));
      h = mix(h ^ load64(p + n - 8));
      return {h, h};
    }
    std::uint64_t tag = 0;
    if (n >= 4) {
      tag = (load32(p) << 32) | load32(p + n - 4);
    } else if (n > 0) {
      const auto a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0]));
      const auto b = static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2]));
      const auto c = static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1]));
      tag = (a << 16) | (b << 8) | c;
    }
    return {tag, mix(seed ^ tag)};
  }
  /// a == b for two strings of the same size n > 8, in the loads key_of()
  /// makes (inlined: a call to memcmp costs more than most words take).
  static bool same_long_bytes(const char* a, const char* b, std::size_t n) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load64(a + i) != load64(b + i)) return false;
    }
    return load64(a + n - 8) == load64(b + n - 8);
  }
  /// 16 bytes: a probe compares tag and size in the slot itself, without
  /// a second array's load, for words of 8 bytes or fewer.
  struct Slot {
    std::uint64_t tag = 0;
    std::uint32_t id = 0;    ///< 0: empty.
    std::uint32_t size = 0;  ///< The word's, in bytes.
  };
  [[nodiscard]] std::string_view key(std::uint32_t id) const {
    const auto& k = keys_[id];
    return std::string_view(bytes_).substr(k.first, k.second);
  }
  void grow();
  std::vector<Slot> slots_;  ///< A power of two of them, at most half full.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> keys_;  ///< By id: offset and size in bytes_.
  std::string bytes_;        ///< The words, one after another.
  /// By byte, the id of the word of that one byte (0: none): punctuation
  /// tokens ("," "." "\"", many of them) are found with one load.
  std::array<std::uint32_t, 256> singles_{};
  std::size_t size_ = 0;
};

class WordTable::Finder {
 public:
  // (always_inline: GCC kept it a call from Lexicon::annotate, whose loop is
  // little more than this lookup.)
  [[gnu::always_inline]] std::uint32_t find(std::string_view word) const {
    const auto n = word.size();
    if (n == 1) return singles_[static_cast<unsigned char>(word[0])];
    const auto k = key_of(word);
    for (auto i = static_cast<std::size_t>(k.hash) & mask_;; i = (i + 1) & mask_) {
      const auto& slot = slots_[i];
      if (slot.id == 0) return 0;
      if (slot.tag != k.tag || slot.size != n) continue;
      if (n <= 8 || same_long_bytes(bytes_ + keys_[slot.id].first, word.data(), n)) return slot.id;
    }
  }

 private:
  friend class WordTable;
  const Slot* slots_;  ///< An empty table's is one empty slot (mask 0).
  std::size_t mask_;
  const std::uint32_t* singles_;
  const char* bytes_;
  const std::pair<std::uint32_t, std::uint32_t>* keys_;
};

inline WordTable::Finder WordTable::finder() const {
  static constexpr Slot kEmpty{};
  Finder f;
  f.slots_ = slots_.empty() ? &kEmpty : slots_.data();
  f.mask_ = slots_.empty() ? 0 : slots_.size() - 1;
  f.singles_ = singles_.data();
  f.bytes_ = bytes_.data();
  f.keys_ = keys_.data();
  return f;
}

// (always_inline: see Finder::find.)
[[gnu::always_inline]] inline std::uint32_t WordTable::find(std::string_view word) const {
  const auto n = word.size();
  if (n == 1) return singles_[static_cast<unsigned char>(word[0])];
  if (slots_.empty()) return 0;
  const auto k = key_of(word);
  const auto mask = slots_.size() - 1;
  for (auto i = static_cast<std::size_t>(k.hash) & mask;; i = (i + 1) & mask) {
    const auto& slot = slots_[i];
    if (slot.id == 0) return 0;
    if (slot.tag != k.tag || slot.size != n) continue;
    if (n <= 8 || same_long_bytes(bytes_.data() + keys_[slot.id].first, word.data(), n)) return slot.id;
  }
}

}  // namespace newsgraph::extract
