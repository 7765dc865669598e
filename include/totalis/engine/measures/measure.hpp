#pragma once
// Computes a declared measure by its built-in kind (rules/measure_spec.hpp lists the kinds; one
// header each here). Adding a kind: a header here, an entry in the registry, a case below.

#include "totalis/engine/measures/calendar_years_between_ages.hpp"
#include "totalis/engine/measures/contributions_sum.hpp"
#include "totalis/engine/measures/credit_sum.hpp"
#include "totalis/engine/measures/earnings_sum.hpp"
#include "totalis/engine/measures/months_between_ages.hpp"
#include "totalis/engine/measures/period_count.hpp"
#include "totalis/engine/measures/quarters_of_coverage.hpp"
#include "totalis/engine/measures/residence_years_after_age.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue measure(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const std::string_view kind = spec.kind->name;
  if (kind == "period_count") return period_count(spec, in);
  if (kind == "earnings_sum") return earnings_sum(spec, in);
  if (kind == "credit_sum") return credit_sum(spec, in);
  if (kind == "contributions_sum") return contributions_sum(spec, in);
  if (kind == "quarters_of_coverage") return quarters_of_coverage(spec, in);
  if (kind == "residence_years_after_age") return residence_years_after_age(spec, in);
  if (kind == "months_between_ages") return months_between_ages(spec, in);
  if (kind == "calendar_years_between_ages") return calendar_years_between_ages(spec, in);
  throw MeasureError("measure '" + spec.name + "': kind '" + std::string(kind) + "' has no implementation");
}

}  // namespace totalis::engine
