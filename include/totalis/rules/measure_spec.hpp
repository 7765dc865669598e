#pragma once
// How a scheme file declares a measure (DESIGN §1, §4): a built-in kind, its arguments, whether
// it reads the scheme's own periods or the totalized ones, and how foreign periods are valued.
// The registry below is the list of kinds the loader accepts, with the arguments each takes;
// the engine implements one kind per header under engine/measures/.
//
//   [measures.months]                      find_measure_kind("period_count")->argument("unit")
//   kind = "period_count"                    ->type                     // ArgumentType::time_unit
//   mode = "all"
//   unit = "month"
//   counting = "calendar_months_touched"
//   cite = "§50(1) SGB VI"

#include "totalis/core/amount.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace totalis::rules {

/// Which periods a measure reads.
enum class MeasureMode {
  own,   ///< the scheme's own periods only, always (OAS amount: actual Canadian residence)
  all,   ///< when a rule is evaluated with totalization, the other parties' periods too,
         ///< converted by the agreement (period measures) or valued by the imputation rule
         ///< (earnings and credit measures); evaluated alone, the same as `own`
};

/// How a value measure (earnings, credits) values foreign periods in a totalized evaluation.
enum class Imputation {
  none,          ///< foreign periods add nothing
  average_own,   ///< each foreign period at the average of the scheme's own periods, per unit of
                 ///< time (EU Reg 883/2004 Art 56(1)(c))
};

inline constexpr std::array<std::pair<MeasureMode, std::string_view>, 2> measure_mode_names{{
    {MeasureMode::own, "own"}, {MeasureMode::all, "all"}}};
inline constexpr std::array<std::pair<Imputation, std::string_view>, 2> imputation_names{{
    {Imputation::none, "none"}, {Imputation::average_own, "average_own"}}};

[[nodiscard]] constexpr std::string_view to_string(MeasureMode mode) noexcept {
  return mode == MeasureMode::own ? "own" : "all";
}
[[nodiscard]] constexpr std::string_view to_string(Imputation imputation) noexcept {
  return imputation == Imputation::none ? "none" : "average_own";
}
[[nodiscard]] constexpr std::optional<MeasureMode> find_measure_mode(std::string_view name) noexcept {
  for (const auto& [m, text] : measure_mode_names)
    if (text == name) return m;
  return std::nullopt;
}
[[nodiscard]] constexpr std::optional<Imputation> find_imputation(std::string_view name) noexcept {
  for (const auto& [i, text] : imputation_names)
    if (text == name) return i;
  return std::nullopt;
}

/// The type of one argument of a measure kind, as the loader checks it.
enum class ArgumentType {
  integer,            ///< a whole number ≥ 0: an age, a year, a maximum per year
  boolean,
  time_unit,          ///< day, week, month, quarter, year (core/time_unit.hpp)
  counting_rule,      ///< calendar_months_touched, … (core/time_unit.hpp)
  day_basis,          ///< five_day, six_day, seven_day (core/unit_conversion.hpp)
  period_kinds,       ///< a list of period kinds (employed, …, residence)
  credit_name,        ///< the name of a credit the history carries (earnings_points)
  parameter_name,     ///< the name of a parameter of the same scheme
  bucket_expression,  ///< an expression evaluated once per year, with the fold's bucket names
};

[[nodiscard]] constexpr std::string_view to_string(ArgumentType type) noexcept {
  switch (type) {
    case ArgumentType::integer: return "a whole number";
    case ArgumentType::boolean: return "true or false";
    case ArgumentType::time_unit: return "a time unit";
    case ArgumentType::counting_rule: return "a counting rule";
    case ArgumentType::day_basis: return "a day basis";
    case ArgumentType::period_kinds: return "a list of period kinds";
    case ArgumentType::credit_name: return "a credit name";
    case ArgumentType::parameter_name: return "a parameter name";
    case ArgumentType::bucket_expression: return "an expression";
  }
  return "a value";
}

struct ArgumentSpec {
  std::string_view name;
  ArgumentType type;
  bool required;
  std::string_view meaning;
};

/// One built-in kind: what it measures, its unit, its arguments, and whether it is a value
/// measure (sums of money or credits, which take an imputation rule).
struct MeasureKind {
  std::string_view name;
  std::string_view meaning;
  std::span<const ArgumentSpec> arguments;
  bool takes_imputation;

  [[nodiscard]] constexpr const ArgumentSpec* argument(std::string_view arg) const noexcept {
    for (const ArgumentSpec& a : arguments)
      if (a.name == arg) return &a;
    return nullptr;
  }
};

namespace measure_kinds {

inline constexpr ArgumentSpec period_count_args[] = {
    {"unit", ArgumentType::time_unit, true, "the unit counted; must be the counting rule's unit"},
    {"counting", ArgumentType::counting_rule, true, "how a span of dates becomes a count"},
    {"day_basis", ArgumentType::day_basis, false, "the working week of a day-based scheme (Reg 987/2009 Art 13)"},
    {"kinds", ArgumentType::period_kinds, false, "the period kinds counted; default: the scheme's [periods] kinds"},
};
inline constexpr ArgumentSpec earnings_sum_args[] = {
    {"cap", ArgumentType::parameter_name, false, "a yearly cap on counted earnings (a period_date parameter)"},
    {"to_age", ArgumentType::integer, false, "only earnings before this age; a period across it by its days before"},
};
inline constexpr ArgumentSpec credit_sum_args[] = {
    {"credit", ArgumentType::credit_name, true, "the credit summed, as the history names it"},
};
inline constexpr ArgumentSpec contributions_sum_args[] = {
    {"employee_share", ArgumentType::boolean, false, "sum the share the worker bore (employee_contributions), not the whole contribution"},
    {"kinds", ArgumentType::period_kinds, false, "the period kinds summed; default: the scheme's [periods] kinds"},
};
inline constexpr ArgumentSpec quarters_of_coverage_args[] = {
    {"earnings_per_quarter", ArgumentType::bucket_expression, true, "the earnings that buy one quarter in a year"},
    {"max_per_year", ArgumentType::integer, false, "at most this many quarters a year (default 4)"},
    {"first_year", ArgumentType::integer, false, "the first year the rule applies to"},
};
inline constexpr ArgumentSpec residence_years_after_age_args[] = {
    {"age", ArgumentType::integer, true, "residence counts from this age on"},
    {"whole_years", ArgumentType::boolean, false, "count whole years only (default true)"},
};
inline constexpr ArgumentSpec months_between_ages_args[] = {
    {"from_age", ArgumentType::integer, true, "the first age counted"},
    {"to_age", ArgumentType::integer, false, "the age counting stops; default: the scheme's normal pension age"},
    {"window_years", ArgumentType::integer, false, "counting starts no earlier than this many years before the age it stops at"},
    {"counting", ArgumentType::counting_rule, false, "default months_plus_days_awlr (DSS 1.1.A.340)"},
    {"kinds", ArgumentType::period_kinds, false, "default: residence"},
};
inline constexpr ArgumentSpec calendar_years_between_ages_args[] = {
    {"after_age", ArgumentType::integer, true, "years after the year this age is attained"},
    {"after_year", ArgumentType::integer, false, "and after this year"},
    {"before_age", ArgumentType::integer, true, "years before the year this age is attained"},
};

}  // namespace measure_kinds

/// Every kind the loader knows. A rule file naming another kind is rejected.
inline constexpr MeasureKind measure_kind_registry[] = {
    {"period_count", "periods in a unit under a counting rule", measure_kinds::period_count_args, false},
    {"earnings_sum", "covered earnings summed", measure_kinds::earnings_sum_args, true},
    {"credit_sum", "a named credit summed (earnings points, qualifying years…)", measure_kinds::credit_sum_args, true},
    {"contributions_sum", "contributions paid summed (a refund of the employee share, a lump sum)", measure_kinds::contributions_sum_args, false},
    {"quarters_of_coverage", "quarters of coverage from yearly earnings", measure_kinds::quarters_of_coverage_args, false},
    {"residence_years_after_age", "years of residence after an age (OAS)", measure_kinds::residence_years_after_age_args, false},
    {"months_between_ages", "months of residence between two ages (Australian AWLR)", measure_kinds::months_between_ages_args, false},
    {"calendar_years_between_ages", "calendar years between two ages (US elapsed years)", measure_kinds::calendar_years_between_ages_args, false},
};

[[nodiscard]] constexpr const MeasureKind* find_measure_kind(std::string_view name) noexcept {
  for (const MeasureKind& kind : measure_kind_registry)
    if (kind.name == name) return &kind;
  return nullptr;
}

/// One argument as written: a whole number, a boolean, a name (unit, rule, credit…), a list of
/// names, or a compiled expression.
struct MeasureArgument {
  std::string name;
  std::variant<Integer, bool, std::string, std::vector<std::string>, RuleExpression> value;
  SourceRegion where;

  [[nodiscard]] const Integer* integer() const noexcept { return std::get_if<Integer>(&value); }
  [[nodiscard]] const bool* boolean() const noexcept { return std::get_if<bool>(&value); }
  [[nodiscard]] const std::string* text() const noexcept { return std::get_if<std::string>(&value); }
  [[nodiscard]] const std::vector<std::string>* names() const noexcept {
    return std::get_if<std::vector<std::string>>(&value);
  }
  [[nodiscard]] const RuleExpression* expression() const noexcept { return std::get_if<RuleExpression>(&value); }
};

/// A measure declared by a scheme file.
struct MeasureSpec {
  std::string name;
  const MeasureKind* kind = nullptr;     ///< an entry of measure_kind_registry
  MeasureMode mode = MeasureMode::own;
  Imputation imputation = Imputation::none;
  std::vector<MeasureArgument> arguments;   ///< in the order written, names checked against the kind
  Cite cite;
  SourceRegion where;

  /// The argument `name`, or null when the file leaves it out.
  [[nodiscard]] const MeasureArgument* argument(std::string_view arg) const noexcept {
    for (const MeasureArgument& a : arguments)
      if (a.name == arg) return &a;
    return nullptr;
  }
};

}  // namespace totalis::rules
