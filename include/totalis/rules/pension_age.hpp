#pragma once
// A scheme's pension ages and how it counts them (DESIGN §1 "claim date"): the age-attainment
// rule, the first month of entitlement, and the normal and earliest ages, each fixed or keyed by
// birth date (a Parameter whose values are ages in months).
//
//   [pension_age]
//   attainment = "day_before_birthday"
//   entitlement = "first_full_month"   # US: the first month the worker is 62 throughout
//   normal_entitlement = "month_attained"   # US: full retirement age counts from its month
//   earliest = 62

#include "totalis/core/date.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/parameter.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace totalis::rules {

inline constexpr std::array<std::pair<AgeRule, std::string_view>, 2> age_rule_names{{
    {AgeRule::day_before_birthday, "day_before_birthday"}, {AgeRule::on_birthday, "on_birthday"}}};

[[nodiscard]] constexpr std::string_view to_string(AgeRule rule) noexcept {
  return rule == AgeRule::day_before_birthday ? "day_before_birthday" : "on_birthday";
}
[[nodiscard]] constexpr std::optional<AgeRule> find_age_rule(std::string_view name) noexcept {
  for (const auto& [r, text] : age_rule_names)
    if (text == name) return r;
  return std::nullopt;
}

/// The first month a benefit can be paid for, once the age is attained.
enum class Entitlement {
  first_full_month,   ///< the first month the worker has the age throughout (US, 20 CFR 404.311)
  month_after,        ///< the month after the age is attained (Germany; OAS)
  month_attained,     ///< the month the age is attained, whatever the day (US full retirement age)
};

inline constexpr std::array<std::pair<Entitlement, std::string_view>, 3> entitlement_names{{
    {Entitlement::first_full_month, "first_full_month"},
    {Entitlement::month_after, "month_after"},
    {Entitlement::month_attained, "month_attained"}}};

[[nodiscard]] constexpr std::string_view to_string(Entitlement e) noexcept {
  for (const auto& [x, text] : entitlement_names)
    if (x == e) return text;
  return "month_after";
}
[[nodiscard]] constexpr std::optional<Entitlement> find_entitlement(std::string_view name) noexcept {
  for (const auto& [e, text] : entitlement_names)
    if (text == name) return e;
  return std::nullopt;
}

struct PensionAge {
  AgeRule attainment = AgeRule::day_before_birthday;
  Entitlement entitlement = Entitlement::month_after;
  /// How the normal age's month is counted, where it differs from `entitlement` (US: a claim in
  /// the month the full retirement age is attained is not reduced, 20 CFR 404.410).
  std::optional<Entitlement> normal_entitlement;
  /// Ages in whole months (67 years = 804), fixed or keyed by birth date. Absent normal age:
  /// rules may not read months_before_normal_age / months_after_normal_age.
  std::optional<Parameter> normal;
  /// Absent: the normal age.
  std::optional<Parameter> earliest;
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
