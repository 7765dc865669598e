#pragma once
// earnings_sum: covered earnings, each year capped by a parameter when the scheme says so (the US
// contribution and benefit base). Totalized with imputation: foreign periods at the own average.

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

/// The earnings of `own` periods per calendar year, spread over the years by days.
[[nodiscard]] inline std::map<int, Amount> earnings_by_year(std::span<const Period* const> own) {
  std::map<int, Amount> per_year;
  for (const Period* p : own)
    if (p->earnings) detail::spread_by_year(p->span, *p->earnings, per_year);
  return per_year;
}

[[nodiscard]] inline MeasureValue earnings_sum(const rules::MeasureSpec& spec, const MeasureInput& in) {
  MeasureValue v;
  v.per_year = earnings_by_year(in.own);
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
