#pragma once
// earnings_sum: covered earnings, each year capped by a parameter when the scheme says so (the US
// contribution and benefit base), optionally only before an age (India's EPS). Totalized with
// imputation: foreign periods at the own average.

#include "totalis/core/date.hpp"
#include "totalis/engine/measures/measure_input.hpp"

#include <algorithm>
#include <optional>

namespace totalis::engine {

/// The earnings of `own` periods per calendar year, spread over the years by days; with `before`,
/// only the days before it count (a period across it keeps the share of its days before).
[[nodiscard]] inline std::map<int, Amount> earnings_by_year(std::span<const Period* const> own,
                                                            std::optional<Date> before = std::nullopt) {
  std::map<int, Amount> per_year;
  for (const Period* p : own) {
    if (!p->earnings) continue;
    if (!before) {
      detail::spread_by_year(p->span, *p->earnings, per_year);
    } else if (p->span.from() < *before) {
      const Span kept(p->span.from(), std::min(p->span.to(), *before - boost::gregorian::days(1)));
      detail::spread_by_year(kept, *p->earnings * Amount{kept.days()} / Amount{p->span.days()}, per_year);
    }
  }
  return per_year;
}

[[nodiscard]] inline MeasureValue earnings_sum(const rules::MeasureSpec& spec, const MeasureInput& in) {
  MeasureValue v;
  // An age the scheme's cover ends at (India's EPS: membership ceases at 58), attained as the
  // scheme attains its pension age.
  std::optional<Date> before;
  if (const rules::MeasureArgument* a = spec.argument("to_age"); a && a->integer())
    before = attains_age(in.worker.birth_date, a->integer()->convert_to<int>(), in.scheme.age_rule());
  v.per_year = earnings_by_year(in.own, before);
  const rules::MeasureArgument* cap = spec.argument("cap");
  const rules::Parameter* cap_parameter = cap ? in.scheme.parameter(*cap->text()) : nullptr;
  for (auto& [year, earnings] : v.per_year) {
    if (cap_parameter)
      if (const rules::ParameterValue* limit = cap_parameter->at_year(year)) earnings = min(earnings, limit->scalar());
    v.total += earnings;
  }
  detail::impute(in, spec, v);
  return v;
}

}  // namespace totalis::engine
