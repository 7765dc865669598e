#pragma once
// period_count: the scheme's periods in a unit under a counting rule (calendar months touched for
// Germany's §50 SGB VI months, …); time covered twice counts once. Totalized: plus credited periods.

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue period_count(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const auto unit = find_time_unit(*spec.argument("unit")->text());
  const auto rule = find_counting_rule(*spec.argument("counting")->text());
  const std::vector<Span> merged = merge(detail::spans_of(in.own, detail::kinds_argument(spec, in.scheme, {})));
  MeasureValue v;
  v.total = count(std::span<const Span>(merged), *rule);
  // Per year, each year's pieces counted alone (whole-year rules count a year only when whole).
  for_each_year_pieces(merged, [&](int year, std::span<const Span> pieces) {
    v.per_year.emplace_hint(v.per_year.end(), year, count(pieces, *rule));
  });
  detail::add_credited(in, spec, *unit, v);
  return v;
}

}  // namespace totalis::engine
