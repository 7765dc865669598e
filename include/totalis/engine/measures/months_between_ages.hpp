#pragma once
// months_between_ages: months of residence between two ages, counted as Australia counts working
// life residence (DSS 1.1.A.340: years, months and days added up, 30 days a month, whole months
// + 1). The upper age defaults to the scheme's normal pension age. Per year: the year's months and
// days (30 a month), without the "+ 1".

#include "totalis/core/date.hpp"
#include "totalis/engine/measures/measure_input.hpp"

#include <algorithm>
#include <optional>

namespace totalis::engine {

[[nodiscard]] inline MeasureValue months_between_ages(const rules::MeasureSpec& spec, const MeasureInput& in) {
  // The ages are attained as the scheme attains its pension age (AOW: on the birthday).
  const AgeRule attained = in.scheme.age_rule();
  const int from_age = detail::integer_argument(spec, "from_age", 0);
  Date from = attains_age(in.worker.birth_date, from_age, attained);
  Date to = in.normal_age_date;
  std::optional<int> to_months = in.normal_age_months;
  if (const rules::MeasureArgument* a = spec.argument("to_age"); a && a->integer()) {
    to_months = a->integer()->convert_to<int>() * 12;
    to = attains_age_in_months(in.worker.birth_date, *to_months, attained);
  }
  // A window of so many years before the upper age (the AOW's 50 years before an AOW age of 67
  // years and 3 months start at 17 years and 3 months, AOW art 7a): the later start wins.
  if (const rules::MeasureArgument* a = spec.argument("window_years"); a && a->integer() && to_months) {
    const int start = *to_months - a->integer()->convert_to<int>() * 12;
    if (start > 0) from = std::max(from, attains_age_in_months(in.worker.birth_date, start, attained));
  }
  std::vector<Span> inside;
  if (from < to)
    for (const Span& s : detail::spans_of(in.own, detail::kinds_argument(spec, in.scheme, {PeriodKind::residence})))
      if (auto clipped = s.clipped(Span(from, to - boost::gregorian::days(1)))) inside.push_back(*clipped);
  CountingRule rule = CountingRule::months_plus_days_awlr;
  if (const rules::MeasureArgument* a = spec.argument("counting"); a && a->text())
    rule = *find_counting_rule(*a->text());
  const std::vector<Span> merged = merge(inside);
  MeasureValue v;
  v.total = rule == CountingRule::months_plus_days_awlr ? awlr_months(std::span<const Span>(inside))
                                                        : count(std::span<const Span>(merged), rule);
  // Per calendar year (what an agreement crediting these months to another scheme reads): the
  // year's months and days, 30 days a month, without the "+ 1" the total adds once.
  for_each_year_pieces(merged, [&](int year, std::span<const Span> pieces) {
    if (rule != CountingRule::months_plus_days_awlr) {
      v.per_year[year] = count(pieces, rule);
      return;
    }
    YearsMonthsDays length;
    for (const Span& piece : pieces) length = length + years_months_days(piece);
    v.per_year[year] = Amount{length.years * 12 + length.months} + Amount{length.days} / Amount{30};
  });
  detail::add_credited(in, spec, TimeUnit::month, v);
  return v;
}

}  // namespace totalis::engine
