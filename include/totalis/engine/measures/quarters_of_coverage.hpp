#pragma once
// quarters_of_coverage: from a calendar year's earnings, one quarter per `earnings_per_quarter`
// of that year, at most `max_per_year` (20 CFR 404.143). Before `first_year` the quarters the
// periods touch count (the pre-1978 rule of a quarter with covered wages; the $50 test itself is
// not checked, since the history gives earnings by period, not by quarter). Totalized: plus the
// credited quarters, never above the yearly maximum.

#include "totalis/engine/measures/earnings_sum.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue quarters_of_coverage(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const int max_per_year = detail::integer_argument(spec, "max_per_year", 4);
  const int first_year = detail::integer_argument(spec, "first_year", 0);
  const rules::RuleExpression& per_quarter = *spec.argument("earnings_per_quarter")->expression();
  const Amount cap{max_per_year};

  // Quarters are bought by a calendar year's earnings: a period whose earnings span years would
  // have to be split by a guess (DESIGN §5), so it is refused.
  for (const Period* p : in.own)
    if (p->earnings && p->span.from().year() != p->span.to().year())
      throw MeasureError(in.scheme.id.str() + " counts quarters from calendar-year earnings: the period " +
                         format_date(p->span.from()) + " to " + format_date(p->span.to()) +
                         " carries earnings across years; give one period per calendar year");
  MeasureValue v;
  for (const auto& [year, earnings] : earnings_by_year(in.own)) {
    if (year >= first_year) {
      const Amount amount = in.at_year(per_quarter, year);
      if (amount <= Amount{}) throw MeasureError("measure '" + spec.name + "': earnings per quarter in " +
                                                 std::to_string(year) + " is " + amount.str() + ", not positive");
      v.per_year[year] = min(cap, (earnings / amount).floor());
    }
  }
  // Years before the earnings rule: the quarters the periods touch.
  std::map<int, std::vector<Span>> early;
  for (const Span& s : merge(detail::spans_of(in.own, in.scheme.periods.kinds)))
    for (const Span& piece : split_by_year(s))
      if (piece.from().year() < first_year) early[piece.from().year()].push_back(piece);
  for (const auto& [year, spans] : early)
    v.per_year[year] = min(cap, count(std::span<const Span>(spans), CountingRule::calendar_quarters_touched));

  if (spec.mode == rules::MeasureMode::all && in.credited)
    for (const auto& [year, credited] : in.credited->per_year) v.per_year[year] = min(cap, v.per_year[year] + credited);
  for (const auto& [year, quarters] : v.per_year) v.total += quarters;
  return v;
}

}  // namespace totalis::engine
