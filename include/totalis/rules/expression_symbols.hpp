#pragma once
// The names an expression may use, resolved once when it is compiled (DESIGN §4, §8): each
// name becomes a slot index, so evaluation never looks up a string.
//
//   Symbols symbols;
//   symbols.add("aime", 0);                                 // rule level: measures, parameters,
//   symbols.add("qualified", 1, ValueType::boolean);        //   engine-computed values
//   symbols.add_bucket("earnings", 0);                      // per bucket, inside fold(value = …)
//   symbols.add_series("cola", 0);                          // for uprate(x, cola, from, to, step)
//   symbols.find("aime")->slot                              // 0

#include "totalis/core/amount.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace totalis::rules {

/// The two kinds of value an expression computes.
enum class ValueType : std::uint8_t { number, boolean };

/// "number" or "boolean", as messages say it.
[[nodiscard]] constexpr std::string_view to_string(ValueType type) noexcept {
  return type == ValueType::number ? "number" : "boolean";
}

/// Index of a value the evaluation context supplies; the caller chooses the numbering.
using Slot = std::uint32_t;
/// Index of a series (COLAs, uprating percentages) the evaluation context supplies.
using SeriesId = std::uint32_t;

/// What one step of a fold covers.
enum class Bucket : std::uint8_t { year, month };

/// A resolved name.
struct Symbol {
  Slot slot = 0;
  ValueType type = ValueType::number;
};

/// The result of an expression: a number or a boolean.
///
///   Value::of(Amount{3}).str()   // "3"
///   Value::of(true).str()        // "true"
class Value {
 public:
  [[nodiscard]] static Value of(Amount number) { return Value{std::move(number), false, ValueType::number}; }
  [[nodiscard]] static Value of(bool truth) { return Value{Amount{}, truth, ValueType::boolean}; }
  template <typename T>
  static Value of(T) = delete;   // no integer or binary fraction slips in as a boolean

  [[nodiscard]] ValueType type() const noexcept { return type_; }
  [[nodiscard]] bool is_number() const noexcept { return type_ == ValueType::number; }
  /// Throws std::logic_error when the value is a boolean.
  [[nodiscard]] const Amount& number() const;
  /// Throws std::logic_error when the value is a number.
  [[nodiscard]] bool boolean() const;
  /// The number as Amount::str() prints it, or "true" / "false".
  [[nodiscard]] std::string str() const;

  friend bool operator==(const Value& a, const Value& b) {
    if (a.type_ != b.type_) return false;
    return a.type_ == ValueType::number ? a.number_ == b.number_ : a.truth_ == b.truth_;
  }

 private:
  Value(Amount number, bool truth, ValueType type) : number_(std::move(number)), truth_(truth), type_(type) {}
  Amount number_;
  bool truth_ = false;
  ValueType type_ = ValueType::number;
};

/// True when `text` is a name of the language: `[a-z_][a-z0-9_]*`, optionally dotted
/// (`us.pia`), and not a word the language reserves.
[[nodiscard]] bool is_valid_name(std::string_view text) noexcept;
/// True for the words an expression reserves: `and or not true false` and the function names.
[[nodiscard]] bool is_reserved_name(std::string_view text) noexcept;

/// The names known when compiling: rule-level names, names valid inside a fold's `value` and
/// `cap` (evaluated once per bucket: `earnings`, `year`, `awi`…; they shadow rule-level names
/// there), and series names for `uprate`. Built by the loader, read-only while compiling.
class Symbols {
 public:
  /// Each throws std::invalid_argument for a malformed or reserved name, or one already added
  /// at the same level.
  void add(std::string name, Slot slot, ValueType type = ValueType::number);
  void add_bucket(std::string name, Slot slot, ValueType type = ValueType::number);
  void add_series(std::string name, SeriesId id);

  /// The symbol, or null.
  [[nodiscard]] const Symbol* find(std::string_view name) const;
  [[nodiscard]] const Symbol* find_bucket(std::string_view name) const;
  [[nodiscard]] const SeriesId* find_series(std::string_view name) const;

  [[nodiscard]] const std::map<std::string, Symbol, std::less<>>& names() const noexcept { return names_; }
  [[nodiscard]] const std::map<std::string, Symbol, std::less<>>& bucket_names() const noexcept { return bucket_names_; }
  [[nodiscard]] const std::map<std::string, SeriesId, std::less<>>& series() const noexcept { return series_; }

 private:
  std::map<std::string, Symbol, std::less<>> names_;
  std::map<std::string, Symbol, std::less<>> bucket_names_;
  std::map<std::string, SeriesId, std::less<>> series_;
};

// ------------------------------------------------------------------------------------------------
// Implementation

inline const Amount& Value::number() const {
  if (type_ != ValueType::number) throw std::logic_error("the value is a boolean, not a number");
  return number_;
}

inline bool Value::boolean() const {
  if (type_ != ValueType::boolean) throw std::logic_error("the value is a number, not a boolean");
  return truth_;
}

inline std::string Value::str() const {
  if (type_ == ValueType::boolean) return truth_ ? "true" : "false";
  return number_.str();
}

namespace detail {

/// The words an expression cannot use as names; kept beside the parser's function table.
inline constexpr std::string_view reserved_words[] = {
    "and", "or", "not", "true", "false",
    "min", "max", "clamp", "if", "floor", "ceil",
    "round_down", "round_up", "round_half_up", "round_half_even",
    "national_of", "national_of_party", "resident_in", "resident_in_party",
    "fold", "uprate",
};

constexpr bool is_name_start(char c) noexcept { return (c >= 'a' && c <= 'z') || c == '_'; }
constexpr bool is_name_char(char c) noexcept { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace detail

inline bool is_reserved_name(std::string_view text) noexcept {
  for (const std::string_view word : detail::reserved_words)
    if (word == text) return true;
  return false;
}

inline bool is_valid_name(std::string_view text) noexcept {
  bool part_start = true;
  for (const char c : text) {
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
    } else if (part_start ? detail::is_name_start(c) : detail::is_name_char(c)) {
      part_start = false;
    } else {
      return false;
    }
  }
  return !part_start && !is_reserved_name(text);
}

namespace detail {

template <typename Map, typename V>
void add_symbol(Map& map, std::string name, V value, std::string_view level) {
  if (!is_valid_name(name))
    throw std::invalid_argument("'" + name + "' cannot name a " + std::string(level) +
                                ": names are lower-case letters, digits and '_', not a reserved word");
  const std::string shown = name;
  if (!map.emplace(std::move(name), value).second)
    throw std::invalid_argument(std::string(level) + " '" + shown + "' is defined twice");
}

}  // namespace detail

inline void Symbols::add(std::string name, Slot slot, ValueType type) {
  detail::add_symbol(names_, std::move(name), Symbol{slot, type}, "value");
}

inline void Symbols::add_bucket(std::string name, Slot slot, ValueType type) {
  detail::add_symbol(bucket_names_, std::move(name), Symbol{slot, type}, "bucket value");
}

inline void Symbols::add_series(std::string name, SeriesId id) {
  detail::add_symbol(series_, std::move(name), id, "series");
}

inline const Symbol* Symbols::find(std::string_view name) const {
  const auto it = names_.find(name);
  return it == names_.end() ? nullptr : &it->second;
}

inline const Symbol* Symbols::find_bucket(std::string_view name) const {
  const auto it = bucket_names_.find(name);
  return it == bucket_names_.end() ? nullptr : &it->second;
}

inline const SeriesId* Symbols::find_series(std::string_view name) const {
  const auto it = series_.find(name);
  return it == series_.end() ? nullptr : &it->second;
}

}  // namespace totalis::rules
