#pragma once
// contributions_sum: the contributions paid on the scheme's own periods, summed: the whole
// contribution, or the share the worker bore (`employee_share = true`: a refund of the employee
// share only, §210(3) SGB VI). Optionally only some period kinds. Contributions are not valued
// for foreign periods: the sum is the worker's own record and takes no imputation. A lump sum
// paid instead of a pension reads it too (the SSS retirement lump sum, RA 8282 Sec 12-B).

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue contributions_sum(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const rules::MeasureArgument* share = spec.argument("employee_share");
  const bool employee = share && share->boolean() && *share->boolean();
  const std::vector<PeriodKind> kinds = detail::kinds_argument(spec, in.scheme, {});
  MeasureValue v;
  for (const Period* p : in.own) {
    if (std::find(kinds.begin(), kinds.end(), p->kind) == kinds.end()) continue;
    const std::optional<Amount>& paid = employee ? p->employee_contributions : p->contributions;
    if (!paid) continue;
    detail::spread_by_year(p->span, *paid, v.per_year);
    v.total += *paid;
  }
  return v;
}

}  // namespace totalis::engine
