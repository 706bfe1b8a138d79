// WordTable. Part of newsgraph::extract.
#include "extract/word_table.hpp"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace newsgraph::extract {

std::uint32_t WordTable::insert(std::string_view word, std::uint32_t id) {
  assert(id != 0);
  if (const auto found = find(word)) return found;
  if (word.size() == 1) singles_[static_cast<unsigned char>(word[0])] = id;  // (and in slots_, as every word)
  if (2 * (size_ + 1) > slots_.size()) grow();
  if (keys_.size() <= id) keys_.resize(id + 1);
  keys_[id] = {static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(word.size())};
  bytes_.append(word);
  const auto k = key_of(word);
  const auto mask = slots_.size() - 1;
  auto i = static_cast<std::size_t>(k.hash) & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = {k.tag, id, static_cast<std::uint32_t>(word.size())};
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
