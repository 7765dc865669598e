#pragma once
// residence_years_after_age: years of residence after an age (Canada OAS: years in Canada after
// 18, each full year one fortieth). Whole years by default; totalized: plus credited years.

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue residence_years_after_age(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const int age = detail::integer_argument(spec, "age", 0);
  const rules::MeasureArgument* whole = spec.argument("whole_years");
  const bool whole_years = !whole || !whole->boolean() || *whole->boolean();
  const Date from = attains_age(in.worker.birth_date, age, AgeRule::day_before_birthday) + boost::gregorian::days(1);
  std::vector<Span> after;
  for (const Span& s : detail::spans_of(in.own, {PeriodKind::residence}))
    if (s.to() >= from) after.push_back(Span(std::max(s.from(), from), s.to()));
  const std::vector<Span> merged = merge(after);
  MeasureValue v;
  const Amount months = count(std::span<const Span>(merged), CountingRule::whole_calendar_months);
  v.total = whole_years ? count(std::span<const Span>(merged), CountingRule::whole_years) : months / Amount{12};
  for (const Span& s : merged)
    for (const Span& piece : split_by_year(s)) v.per_year[piece.from().year()] += Amount{piece.days()} / Amount{365};
  detail::add_credited(in, spec, TimeUnit::year, v);
  return v;
}

}  // namespace totalis::engine
