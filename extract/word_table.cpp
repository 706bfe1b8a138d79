// WordTable. Part of newsgraph::extract.
#include "extract/word_table.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace newsgraph::extract {
namespace {

std::uint64_t load64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
std::uint64_t load32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
// One multiply and a fold of its high half into the low one: enough for a
// table of a few thousand words, whose slots come from the low bits.
std::uint64_t mix(std::uint64_t x) {
  x *= 0x9FB21C651E98DF25ULL;
  return x ^ (x >> 32);
}

// a == b for two strings of the same size n, in the loads hash() makes
// (inlined: a call to memcmp costs more than most words take).
bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load64(a + i) != load64(b + i)) return false;
    }
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::uint64_t WordTable::hash(std::string_view word) {
  // Words are short: up to 8 bytes are read as one or two overlapping
  // loads, longer ones 8 bytes at a time and the last 8 (wyhash's trick).
  const char* p = word.data();
  const auto n = word.size();
  std::uint64_t h = static_cast<std::uint64_t>(n) * 0x9E3779B97F4A7C15ULL;
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) h = mix(h ^ load64(p + i));
    return mix(h ^ load64(p + n - 8));
  }
  if (n >= 4) return mix(h ^ ((load32(p) << 32) | load32(p + n - 4)));
  if (n > 0) {
    const auto a = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0]));
    const auto b = static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2]));
    const auto c = static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1]));
    return mix(h ^ ((a << 16) | (b << 8) | c));
  }
  return mix(h);
}

std::uint32_t WordTable::find(std::string_view word) const {
  if (slots_.empty()) return 0;
  const auto h = hash(word);
  const auto high = static_cast<std::uint32_t>(h >> 32);
  const auto mask = slots_.size() - 1;
  for (auto i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
    const auto& slot = slots_[i];
    if (slot.id == 0) return 0;
    if (slot.hash != high) continue;
    const auto& k = keys_[slot.id];
    if (k.second == word.size() && same_bytes(bytes_.data() + k.first, word.data(), word.size())) return slot.id;
  }
}

std::uint32_t WordTable::insert(std::string_view word, std::uint32_t id) {
  assert(id != 0);
  if (const auto found = find(word)) return found;
  if (2 * (size_ + 1) > slots_.size()) grow();
  if (keys_.size() <= id) keys_.resize(id + 1);
  keys_[id] = {static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(word.size())};
  bytes_.append(word);
  const auto h = hash(word);
  const auto mask = slots_.size() - 1;
  auto i = static_cast<std::size_t>(h) & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {static_cast<std::uint32_t>(h >> 32), id};
  ++size_;
  return id;
}

void WordTable::grow() {
  std::vector<Slot> old(std::max<std::size_t>(64, slots_.size() * 2));
  old.swap(slots_);
  const auto mask = slots_.size() - 1;
  for (const auto& slot : old) {
    if (slot.id == 0) continue;
    auto i = static_cast<std::size_t>(hash(key(slot.id))) & mask;
    while (slots_[i].id != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace newsgraph::extract
