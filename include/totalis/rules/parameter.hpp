#pragma once
// Parameters: the figures of the law, each a value that changes over one axis (DESIGN §4).
// A parameter is fixed, or dated (`from` = when the law took effect, looked up at the as-of
// date), or keyed by the worker's birth date, year of eligibility, or the period's own date.
// Values are scalars, lists or tables of exact amounts.
//
//   Parameter rentenwert{.name = "rentenwert", .axis = ParameterAxis::as_of, .entries = {
//       {.from = Date{2024, 7, 1}, .value = ParameterValue{Amount::parse("39.32")}},
//       {.from = Date{2025, 7, 1}, .value = ParameterValue{Amount::parse("40.79")}}}};
//   rentenwert.at(Date{2025, 7, 1})->scalar().str()   // "40.79"
//   rentenwert.at(Date{2024, 1, 1})                   // nullptr: no value in force yet

#include "totalis/core/amount.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace totalis::rules {

/// What a parameter's keys mean: the date (or year) the value is looked up at.
enum class ParameterAxis {
  fixed,             ///< one value, no key
  as_of,             ///< the law in force on the as-of date (or the date a rule names)
  birth_date,        ///< the worker's cohort
  eligibility_year,  ///< the year the worker first reaches the scheme's earliest pension age
  period_date,       ///< the date of the period (inside a fold: the bucket's date)
};

inline constexpr std::array<std::pair<ParameterAxis, std::string_view>, 5> parameter_axis_names{{
    {ParameterAxis::fixed, "fixed"},
    {ParameterAxis::as_of, "as_of"},
    {ParameterAxis::birth_date, "birth_date"},
    {ParameterAxis::eligibility_year, "eligibility_year"},
    {ParameterAxis::period_date, "period_date"},
}};

[[nodiscard]] constexpr std::string_view to_string(ParameterAxis axis) noexcept {
  for (const auto& [a, name] : parameter_axis_names)
    if (a == axis) return name;
  return "fixed";
}
[[nodiscard]] constexpr std::optional<ParameterAxis> find_parameter_axis(std::string_view name) noexcept {
  for (const auto& [a, text] : parameter_axis_names)
    if (text == name) return a;
  return std::nullopt;
}
/// True for axes keyed by a year rather than a date (eligibility_year).
[[nodiscard]] constexpr bool is_year_axis(ParameterAxis axis) noexcept {
  return axis == ParameterAxis::eligibility_year;
}

/// A named amount inside a table value: `{ b1 = "1174", b2 = "7078" }`.
struct NamedAmount {
  std::string name;
  Amount value;
  friend bool operator==(const NamedAmount&, const NamedAmount&) = default;
};

/// One value of a parameter: a scalar, a list, or a table (names in the order written).
class ParameterValue {
 public:
  enum class Shape { scalar, list, table };

  ParameterValue() = default;
  explicit ParameterValue(Amount scalar) : value_(std::move(scalar)) {}
  explicit ParameterValue(std::vector<Amount> list) : value_(std::move(list)) {}
  explicit ParameterValue(std::vector<NamedAmount> table) : value_(std::move(table)) {}

  [[nodiscard]] Shape shape() const noexcept { return static_cast<Shape>(value_.index()); }
  /// Each throws std::logic_error when the value has another shape.
  [[nodiscard]] const Amount& scalar() const;
  [[nodiscard]] const std::vector<Amount>& list() const;
  [[nodiscard]] const std::vector<NamedAmount>& table() const;
  /// The table's entry `name`, or null (also for other shapes).
  [[nodiscard]] const Amount* field(std::string_view name) const noexcept;
  /// The same shape: both scalars, lists of one length, or tables with the same names in order.
  [[nodiscard]] bool same_shape(const ParameterValue& other) const noexcept;

  friend bool operator==(const ParameterValue&, const ParameterValue&) = default;

 private:
  std::variant<Amount, std::vector<Amount>, std::vector<NamedAmount>> value_;
};

[[nodiscard]] constexpr std::string_view to_string(ParameterValue::Shape shape) noexcept {
  switch (shape) {
    case ParameterValue::Shape::scalar: return "a scalar";
    case ParameterValue::Shape::list: return "a list";
    case ParameterValue::Shape::table: return "a table";
  }
  return "a scalar";
}

/// One value and the keys it holds for: `from` (inclusive; absent only on the first entry:
/// "since ever") to `to` (inclusive; absent: until the next entry, or for ever on the last).
/// On a year axis the dates are 1 January of the year (`from`) and 31 December (`to`).
struct ParameterEntry {
  std::optional<Date> from;
  std::optional<Date> to;
  ParameterValue value;
  std::optional<Cite> cite;       ///< the entry's own source, when it has one
  SourceRegion where;
};

/// Why a list of entries cannot be looked up unambiguously; `entry` indexes the offender.
struct EntryProblem {
  std::size_t entry = 0;
  std::string message;   ///< "entry from 2024-07-01 is not after the entry before it (from 2025-07-01)"
};

/// A named parameter of a scheme.
struct Parameter {
  std::string name;
  ParameterAxis axis = ParameterAxis::fixed;
  std::vector<ParameterEntry> entries;   ///< ordered by key, not overlapping (checked at load)
  Cite cite;
  SourceRegion where;

  /// The value in force at `key` (a year axis takes any date of the year), or null when no
  /// entry holds for it. A fixed parameter ignores the key.
  [[nodiscard]] const ParameterValue* at(Date key) const noexcept;
  /// The value for year `year` on a year axis (1 January of it on a date axis).
  [[nodiscard]] const ParameterValue* at_year(int year) const noexcept;
  /// The entry in force at `key`, for its cite; null as for at().
  [[nodiscard]] const ParameterEntry* entry_at(Date key) const noexcept;
};

/// Everything that makes `entries` unusable: a `from` missing after the first entry, `to`
/// before `from`, keys not strictly increasing, an entry starting before the previous one ends,
/// shapes that differ. Empty when the entries are fine. The loader reports each with the
/// entry's position.
[[nodiscard]] std::vector<EntryProblem> check_entries(const std::vector<ParameterEntry>& entries,
                                                      ParameterAxis axis);

/// The key as the rule file writes it: "2024-07-01", or "2024" on a year axis.
[[nodiscard]] std::string key_text(Date key, ParameterAxis axis);

// ------------------------------------------------------------------------------------------------
// Implementation

inline const Amount& ParameterValue::scalar() const {
  if (const auto* v = std::get_if<Amount>(&value_)) return *v;
  throw std::logic_error("the parameter value is " + std::string(to_string(shape())) + ", not a scalar");
}

inline const std::vector<Amount>& ParameterValue::list() const {
  if (const auto* v = std::get_if<std::vector<Amount>>(&value_)) return *v;
  throw std::logic_error("the parameter value is " + std::string(to_string(shape())) + ", not a list");
}

inline const std::vector<NamedAmount>& ParameterValue::table() const {
  if (const auto* v = std::get_if<std::vector<NamedAmount>>(&value_)) return *v;
  throw std::logic_error("the parameter value is " + std::string(to_string(shape())) + ", not a table");
}

inline const Amount* ParameterValue::field(std::string_view name) const noexcept {
  if (const auto* v = std::get_if<std::vector<NamedAmount>>(&value_))
    for (const NamedAmount& f : *v)
      if (f.name == name) return &f.value;
  return nullptr;
}

inline bool ParameterValue::same_shape(const ParameterValue& other) const noexcept {
  if (shape() != other.shape()) return false;
  if (const auto* a = std::get_if<std::vector<Amount>>(&value_))
    return a->size() == std::get<std::vector<Amount>>(other.value_).size();
  if (const auto* a = std::get_if<std::vector<NamedAmount>>(&value_)) {
    const auto& b = std::get<std::vector<NamedAmount>>(other.value_);
    return std::equal(a->begin(), a->end(), b.begin(), b.end(),
                      [](const NamedAmount& x, const NamedAmount& y) { return x.name == y.name; });
  }
  return true;
}

inline std::string key_text(Date key, ParameterAxis axis) {
  if (is_year_axis(axis)) return std::to_string(static_cast<int>(key.year()));
  return format_date(key);
}

inline const ParameterEntry* Parameter::entry_at(Date key) const noexcept {
  if (axis == ParameterAxis::fixed) return entries.empty() ? nullptr : &entries.front();
  if (is_year_axis(axis)) key = Date(key.year(), 1, 1);
  // The last entry whose `from` is ≤ key (an entry without `from` starts at the beginning).
  const auto after = std::upper_bound(entries.begin(), entries.end(), key,
                                      [](const Date& k, const ParameterEntry& e) { return e.from && k < *e.from; });
  if (after == entries.begin()) return nullptr;
  const ParameterEntry& candidate = *std::prev(after);
  if (candidate.to && *candidate.to < key) return nullptr;
  return &candidate;
}

inline const ParameterValue* Parameter::at(Date key) const noexcept {
  const ParameterEntry* e = entry_at(key);
  return e ? &e->value : nullptr;
}

inline const ParameterValue* Parameter::at_year(int year) const noexcept {
  return at(Date(static_cast<unsigned short>(year), 1, 1));
}

inline std::vector<EntryProblem> check_entries(const std::vector<ParameterEntry>& entries, ParameterAxis axis) {
  std::vector<EntryProblem> problems;
  const auto shown = [axis](const ParameterEntry& e) {
    if (e.from) return "from " + key_text(*e.from, axis);
    return "to " + key_text(*e.to, axis);
  };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ParameterEntry& e = entries[i];
    if (!e.from && i > 0) {
      problems.push_back({i, "only the first entry may omit 'from'"});
      continue;
    }
    if (!e.from && !e.to) {
      problems.push_back({i, "an entry without 'from' needs 'to'"});
      continue;
    }
    if (e.from && e.to && *e.to < *e.from)
      problems.push_back({i, "entry to " + key_text(*e.to, axis) + " ends before it starts (from " +
                                 key_text(*e.from, axis) + ")"});
    if (i == 0) continue;
    const ParameterEntry& before = entries[i - 1];
    if (!e.value.same_shape(before.value)) {
      problems.push_back({i, "entry " + shown(e) + " is " + std::string(to_string(e.value.shape())) +
                                 " of another shape than the entry before it"});
    }
    if (before.from && *e.from <= *before.from) {
      const bool same = *e.from == *before.from;
      problems.push_back({i, same ? "two entries from " + key_text(*e.from, axis) + " overlap"
                                  : "entry " + shown(e) + " is not after the entry before it (" +
                                        shown(before) + "): entries must be in increasing order"});
    } else if (before.to && *e.from <= *before.to) {
      problems.push_back({i, "entry " + shown(e) + " overlaps the entry before it, which runs to " +
                                 key_text(*before.to, axis)});
    }
  }
  return problems;
}

}  // namespace totalis::rules
