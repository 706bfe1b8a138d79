// A fast reader for the common shape of a JSON Lines record: one flat object
// whose values are strings, null, true or false. Anything else (numbers,
// nesting, repeated keys, any syntax error) is left to the full JSON parser,
// which also words the errors. Part of newsgraph::extract.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsgraph::extract {

struct JsonField {
  enum class Kind { String, Null, Other };
  std::string key;
  Kind kind = Kind::Null;
  std::string value;  ///< The decoded string (UTF-8) when kind is String.
};

/// The fields of `line` in order, when it is a flat object of strings, null,
/// true and false with distinct keys and nothing after it; else nullopt
/// (never wrong: what it accepts, the full parser reads the same way).
std::optional<std::vector<JsonField>> read_flat_json_object(std::string_view line);

}  // namespace newsgraph::extract
