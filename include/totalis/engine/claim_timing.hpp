#pragma once
// When a scheme's benefit can start and when it is claimed (DESIGN §1 "claim date", "status"):
// the pension ages by cohort, the scheme's age-attainment and entitlement rules, a requested
// claim date (earlier than allowed: the earliest allowed date, with a warning).
//
//   claim_timing(us, nullptr, worker).first_entitlement   // first month 62 throughout

#include "totalis/core/date.hpp"
#include "totalis/core/history.hpp"
#include "totalis/engine/assessment.hpp"
#include "totalis/rules/rule_gap.hpp"
#include "totalis/rules/scheme.hpp"

#include <optional>
#include <string>
#include <vector>

namespace totalis::engine {

struct ClaimTiming {
  Date earliest_age_date;                 ///< the day the earliest pension age is attained
  std::optional<int> normal_age_months;   ///< the normal pension age for the worker's cohort
  std::optional<Date> normal_age_date;    ///< the day the normal pension age is attained
  std::optional<Date> normal_entitlement; ///< first month of entitlement at the normal age
  Date first_entitlement;                 ///< first day of the first month of entitlement
  Date claim_date;
  Status status = Status::projected;
  std::vector<std::string> warnings;
};

/// The first month of entitlement once the age is attained on `attained`.
[[nodiscard]] inline Date entitlement_from(Date attained, rules::Entitlement e) {
  if (e == rules::Entitlement::month_attained) return first_of_month(attained);
  if (e == rules::Entitlement::first_full_month && attained.day() == 1) return attained;
  return first_of_month_after(attained);
}

namespace detail {
/// An age parameter's value in months for the worker's cohort.
inline std::optional<int> age_months(const std::optional<rules::Parameter>& p, const std::optional<rules::Age>& override_age,
                                     Date birth) {
  if (override_age) return override_age->total_months();
  if (!p) return std::nullopt;
  const rules::ParameterValue* v = p->at(birth);
  if (!v) throw rules::RuleGap("pension age '" + p->name + "' has no value for a worker born " + format_date(birth));
  return v->scalar().floor().exact().convert_to<int>();
}
}  // namespace detail

[[nodiscard]] inline ClaimTiming claim_timing(const rules::Scheme& scheme, const rules::Variant* variant,
                                              const Worker& worker) {
  ClaimTiming t;
  const Date birth = worker.birth_date;
  const rules::PensionAge* ages = scheme.pension_age ? &*scheme.pension_age : nullptr;
  const AgeRule rule = scheme.age_rule();
  const rules::Entitlement entitlement = ages ? ages->entitlement : rules::Entitlement::month_after;
  const std::optional<rules::Age> no_age;
  const auto normal = ages ? detail::age_months(ages->normal, variant ? variant->normal_age : no_age, birth)
                           : std::optional<int>{};
  auto earliest = ages ? detail::age_months(ages->earliest, variant ? variant->earliest_age : no_age, birth)
                       : std::optional<int>{};
  if (!earliest) earliest = normal;
  if (normal) {
    t.normal_age_months = normal;
    t.normal_age_date = attains_age_in_months(birth, *normal, rule);
    t.normal_entitlement = entitlement_from(*t.normal_age_date, ages->normal_entitlement.value_or(entitlement));
  }
  if (earliest) {
    t.earliest_age_date = attains_age_in_months(birth, *earliest, rule);
    t.first_entitlement = entitlement_from(t.earliest_age_date, entitlement);
  } else {   // a scheme without pension ages: payable from the as-of date
    t.earliest_age_date = worker.as_of;
    t.first_entitlement = worker.as_of;
  }

  std::optional<Date> requested = worker.claim_date;
  for (const ClaimDate& c : worker.claim_dates)
    if (c.applies_to == scheme.id.view() || c.applies_to == scheme.country.alpha2()) requested = c.date;
  for (const ClaimDate& c : worker.claim_dates)   // a scheme's own date wins over its country's
    if (c.applies_to == scheme.id.view()) requested = c.date;
  t.claim_date = t.first_entitlement;
  if (requested) {
    if (*requested < t.first_entitlement)
      t.warnings.push_back(scheme.id.str() + ": the requested claim date " + format_date(*requested) +
                           " is before the earliest allowed, " + format_date(t.first_entitlement) + ", which is used");
    else
      t.claim_date = first_of_month(*requested) == *requested ? *requested : first_of_month_after(*requested);
  }
  if (worker.as_of < t.earliest_age_date)
    t.status = Status::projected;
  else
    t.status = t.claim_date <= worker.as_of ? Status::in_payment : Status::deferred;
  return t;
}

}  // namespace totalis::engine
