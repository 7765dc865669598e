#pragma once
// A JSON document read with Boost.JSON's event parser into a small tree that remembers the
// line and column of every value, rejects duplicate keys, and never converts a number to a
// binary fraction (numbers keep their text). Private to the io library.

#include <boost/json/basic_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::io::detail {

struct JsonNode {
  enum class Type { object, array, string, number, boolean, null };
  Type type = Type::null;
  std::string text;                        ///< string value, or a number's source text
  bool boolean = false;
  std::vector<std::string> keys;           ///< object member names, parallel to children
  std::vector<std::pair<std::size_t, std::size_t>> key_positions;   ///< line, column of each name
  std::vector<JsonNode> children;          ///< object members or array elements
  std::size_t line = 0, column = 0;        ///< where the value starts, 1-based

  /// The member named `key` of an object, or null.
  [[nodiscard]] const JsonNode* find(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &children[i];
    return nullptr;
  }
  [[nodiscard]] std::string_view type_name() const noexcept;
};

/// A syntax error (or a duplicate key) at a position.
struct JsonError {
  std::size_t line = 0, column = 0;
  std::string message;
};

/// Limits that turn absurd input into a clear error instead of exhaustion.
struct JsonLimits {
  std::size_t max_depth = 32;
  std::size_t max_bytes = 16u << 20;   // one worker's history: 16 MiB is thousands of periods
};

/// The document, or the first syntax error with its position. Duplicate keys are errors.
struct JsonParse {
  std::optional<JsonNode> root;
  std::optional<JsonError> error;
};

[[nodiscard]] JsonParse parse_json(std::string_view text, const JsonLimits& limits = {});

}  // namespace totalis::io::detail
