#pragma once
// calendar_years_between_ages: the calendar years after the year an age is attained (and after a
// given year) and before the year another age is attained — the US elapsed years (POMS RS
// 00301.315: after 1950 or the year of 21, whichever is later, before the year of 62).

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue calendar_years_between_ages(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const Date birth = in.worker.birth_date;
  int after = attains_age(birth, detail::integer_argument(spec, "after_age", 0), AgeRule::day_before_birthday).year();
  after = std::max(after, detail::integer_argument(spec, "after_year", after));
  const int before = attains_age(birth, detail::integer_argument(spec, "before_age", 0), AgeRule::day_before_birthday).year();
  MeasureValue v;
  for (int year = after + 1; year < before; ++year) v.per_year[year] = Amount{1};
  v.total = Amount{std::max(0, before - after - 1)};
  return v;
}

}  // namespace totalis::engine
