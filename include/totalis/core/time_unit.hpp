#pragma once
// The units periods are counted in, and the rules a scheme counts a span of dates by, with the
// names rule files use for them.
//
//   parse_time_unit("quarter")                         // TimeUnit::quarter
//   to_string(CountingRule::calendar_months_touched)   // "calendar_months_touched"
//   unit_of(CountingRule::days_over_30)                // TimeUnit::month
//   parse_counting_rule("months")   // throws: unknown counting rule 'months'; expected one of: ...

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace totalis {

/// Units of periods, smallest first (the order Reg. (EC) 987/2009 Art. 13(1)(d) carries
/// fractions down by).
enum class TimeUnit { day, week, month, quarter, year };

/// How a scheme turns a span of dates into a count. Each result is in unit_of(rule).
enum class CountingRule {
  calendar_months_touched,     ///< every calendar month the span touches counts 1
  whole_calendar_months,       ///< only calendar months the span covers from 1st to last day
  days,                        ///< days, both ends included
  days_over_30,                ///< days / 30, an exact fraction of a month
  /// Working days in the scheme's week: Mon–Fri, Mon–Sat, or every day. The count is in days on
  /// that basis, the form a day-based institution communicates (Reg. (EC) 987/2009 Art. 13(4)).
  /// Public holidays are not known here and are not removed.
  weeks_5_day,
  weeks_6_day,
  weeks_7_day,
  calendar_quarters_touched,   ///< every calendar quarter the span touches counts 1
  /// Whole years of the periods' years and whole months added up (12 months = 1 year). Days
  /// short of a month are not carried, so one span gives its completed anniversaries exactly
  /// (a day short of 35 years is 34). Our convention, no scheme source yet; carrying days
  /// (30 days = 1 month) would make 34 years 11 months 30 days a 35th year.
  whole_years,
  /// Australian working life residence: years, months and days added up over all periods,
  /// 30 days = 1 month, 12 months = 1 year, then whole months + 1 (DSS 1.1.A.340).
  months_plus_days_awlr,
};

inline constexpr std::array<std::pair<TimeUnit, std::string_view>, 5> time_unit_names{{
    {TimeUnit::day, "day"},
    {TimeUnit::week, "week"},
    {TimeUnit::month, "month"},
    {TimeUnit::quarter, "quarter"},
    {TimeUnit::year, "year"},
}};

inline constexpr std::array<std::pair<CountingRule, std::string_view>, 10> counting_rule_names{{
    {CountingRule::calendar_months_touched, "calendar_months_touched"},
    {CountingRule::whole_calendar_months, "whole_calendar_months"},
    {CountingRule::days, "days"},
    {CountingRule::days_over_30, "days_over_30"},
    {CountingRule::weeks_5_day, "weeks_5_day"},
    {CountingRule::weeks_6_day, "weeks_6_day"},
    {CountingRule::weeks_7_day, "weeks_7_day"},
    {CountingRule::calendar_quarters_touched, "calendar_quarters_touched"},
    {CountingRule::whole_years, "whole_years"},
    {CountingRule::months_plus_days_awlr, "months_plus_days_awlr"},
}};

[[nodiscard]] constexpr std::string_view to_string(TimeUnit unit) noexcept;
[[nodiscard]] constexpr std::string_view to_string(CountingRule rule) noexcept;
/// The unit, or nothing when `name` is not one.
[[nodiscard]] constexpr std::optional<TimeUnit> find_time_unit(std::string_view name) noexcept;
[[nodiscard]] constexpr std::optional<CountingRule> find_counting_rule(std::string_view name) noexcept;
/// Throws std::invalid_argument:
/// "unknown time unit 'fortnight'; expected one of: day, week, month, quarter, year".
[[nodiscard]] TimeUnit parse_time_unit(std::string_view name);
/// Throws std::invalid_argument: "unknown counting rule 'months'; expected one of: ...".
[[nodiscard]] CountingRule parse_counting_rule(std::string_view name);
/// The unit a rule counts in.
[[nodiscard]] constexpr TimeUnit unit_of(CountingRule rule) noexcept;

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

template <class Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum e) noexcept {
  for (const auto& [value, name] : names)
    if (value == e) return name;
  return {};
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> find_named(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                         std::string_view text) noexcept {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string unknown_name(std::string_view what, std::string_view text,
                         const std::array<std::pair<Enum, std::string_view>, N>& names) {
  std::string shown(text.substr(0, 40));
  if (text.size() > 40) shown += "...";
  std::string message = "unknown " + std::string(what) + " '" + shown + "'; expected one of: ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) message += ", ";
    message += names[i].second;
  }
  return message;
}

}  // namespace detail

constexpr std::string_view to_string(TimeUnit unit) noexcept { return detail::name_of(time_unit_names, unit); }
constexpr std::string_view to_string(CountingRule rule) noexcept {
  return detail::name_of(counting_rule_names, rule);
}

constexpr std::optional<TimeUnit> find_time_unit(std::string_view name) noexcept {
  return detail::find_named(time_unit_names, name);
}
constexpr std::optional<CountingRule> find_counting_rule(std::string_view name) noexcept {
  return detail::find_named(counting_rule_names, name);
}

inline TimeUnit parse_time_unit(std::string_view name) {
  if (const auto unit = find_time_unit(name)) return *unit;
  throw std::invalid_argument(detail::unknown_name("time unit", name, time_unit_names));
}

inline CountingRule parse_counting_rule(std::string_view name) {
  if (const auto rule = find_counting_rule(name)) return *rule;
  throw std::invalid_argument(detail::unknown_name("counting rule", name, counting_rule_names));
}

constexpr TimeUnit unit_of(CountingRule rule) noexcept {
  switch (rule) {
    case CountingRule::days:
    case CountingRule::weeks_5_day:
    case CountingRule::weeks_6_day:
    case CountingRule::weeks_7_day: return TimeUnit::day;
    case CountingRule::calendar_quarters_touched: return TimeUnit::quarter;
    case CountingRule::whole_years: return TimeUnit::year;
    case CountingRule::calendar_months_touched:
    case CountingRule::whole_calendar_months:
    case CountingRule::days_over_30:
    case CountingRule::months_plus_days_awlr: return TimeUnit::month;
  }
  return TimeUnit::month;
}

}  // namespace totalis
