#pragma once
// Counting spans of dates by a scheme's counting rule, exactly, in the rule's unit (unit_of).
// A set of spans is merged first, so time covered twice counts once.
//
//   const Span jan_a{parse_date("2019-01-01"), parse_date("2019-01-10")};
//   const Span jan_b{parse_date("2019-01-20"), parse_date("2019-02-05")};
//   count(jan_a, CountingRule::calendar_months_touched).str()                            // "1"
//   count(std::vector{jan_a, jan_b}, CountingRule::calendar_months_touched).str()        // "2"
//   count(jan_b, CountingRule::days_over_30).str()                                       // "0.5666…"
//   awlr_months(YearsMonthsDays{11, 14, 36}).str()                                       // "148"

#include "totalis/core/amount.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/span.hpp"
#include "totalis/core/time_unit.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

namespace totalis {

/// A length in years, months and days, as Australian residence is measured and added.
struct YearsMonthsDays {
  std::int64_t years = 0;
  std::int64_t months = 0;
  std::int64_t days = 0;

  friend YearsMonthsDays operator+(const YearsMonthsDays& a, const YearsMonthsDays& b) noexcept {
    return {a.years + b.years, a.months + b.months, a.days + b.days};
  }
  friend bool operator==(const YearsMonthsDays&, const YearsMonthsDays&) = default;
};

/// The length of `s` with both ends included (DSS 7.2.2.40: "3 March to 2 April = 1 month
/// exactly", "17/7/88 to 16/7/89 = 1 year exactly"): whole months from the start by add_months
/// (no month-end snapping), then the days left. Months < 12 and days < 31 in the result.
[[nodiscard]] YearsMonthsDays years_months_days(const Span& s);
/// Carried up: 30 days = 1 month, 12 months = 1 year (DSS 1.1.A.340). {11, 14, 36} → {12, 3, 6}.
[[nodiscard]] YearsMonthsDays normalized(const YearsMonthsDays& t) noexcept;
/// Australian working life residence in months: the whole months of `total` (30 days = 1 month),
/// plus one month added once, after totalling (DSS 1.1.A.340; 7.2.2.40 "round up 0 to 29 days
/// to 1 month"). No residence at all is 0: the extra month rounds up some residence, and a zero
/// total has none to round.
[[nodiscard]] Amount awlr_months(const YearsMonthsDays& total);
/// AWLR over residence spans (already clipped to age 16 – pension age): merged, each measured
/// by years_months_days, the parts added component by component, then awlr_months(total).
[[nodiscard]] Amount awlr_months(std::span<const Span> spans);

/// `s` counted by `rule`; the same as counting the set {s}.
[[nodiscard]] Amount count(const Span& s, CountingRule rule);
/// The union of `spans` counted by `rule`. Spans need not be sorted or disjoint: they are
/// merged first, so a month touched by two periods counts once for calendar_months_touched.
[[nodiscard]] Amount count(std::span<const Span> spans, CountingRule rule);

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

inline std::int64_t month_index(Date d) { return std::int64_t{d.year()} * 12 + (d.month() - 1); }
inline std::int64_t quarter_index(Date d) { return std::int64_t{d.year()} * 4 + (d.month() - 1) / 3; }

/// Buckets (months or quarters) touched by sorted, disjoint spans; each bucket once.
template <class Index>
std::int64_t buckets_touched(const std::vector<Span>& merged, Index index) {
  std::int64_t total = 0;
  std::int64_t next_uncounted = std::numeric_limits<std::int64_t>::min();
  for (const Span& s : merged) {
    const std::int64_t first = std::max(index(s.from()), next_uncounted);
    const std::int64_t last = index(s.to());
    if (last >= first) total += last - first + 1;
    next_uncounted = std::max(next_uncounted, last + 1);
  }
  return total;
}

inline std::int64_t whole_calendar_months(const Span& s) {
  const std::int64_t first = month_index(s.from()) + (s.from().day() == 1 ? 0 : 1);
  const std::int64_t last = month_index(s.to()) - (s.to() == s.to().end_of_month() ? 0 : 1);
  return last >= first ? last - first + 1 : 0;
}

/// Days of `s` falling on the first `days_per_week` days of a week starting on Monday.
inline std::int64_t working_days(const Span& s, int days_per_week) {
  const std::int64_t total = s.days();
  std::int64_t result = total / 7 * days_per_week;
  Date d = s.from() + boost::gregorian::days(static_cast<long>(total / 7 * 7));
  for (std::int64_t left = total % 7; left > 0; --left, d += boost::gregorian::days(1)) {
    const int monday_based = (d.day_of_week().as_number() + 6) % 7;   // Boost: 0 = Sunday
    if (monday_based < days_per_week) ++result;
  }
  return result;
}

inline YearsMonthsDays total_length(const std::vector<Span>& merged) {
  YearsMonthsDays total;
  for (const Span& s : merged) total = total + years_months_days(s);
  return total;
}

}  // namespace detail

inline YearsMonthsDays years_months_days(const Span& s) {
  const Date from = s.from(), to = s.to();
  // add_months(from, k) − 1 day ≤ to, compared as a difference so no date past `to` + 1 is
  // needed. k = (months between) + 1 is the most that can fit: it fits only from a 1st to a
  // month end.
  const auto fits = [&](std::int64_t k) { return (add_months(from, static_cast<int>(k)) - to).days() <= 1; };
  std::int64_t k = detail::month_index(to) - detail::month_index(from) + 1;
  while (k > 0 && !fits(k)) --k;
  const std::int64_t days = (to - add_months(from, static_cast<int>(k))).days() + 1;
  return {k / 12, k % 12, days};
}

inline YearsMonthsDays normalized(const YearsMonthsDays& t) noexcept {
  const std::int64_t months = t.months + t.days / 30;
  return {t.years + months / 12, months % 12, t.days % 30};
}

inline Amount awlr_months(const YearsMonthsDays& total) {
  const YearsMonthsDays n = normalized(total);
  if (n == YearsMonthsDays{}) return Amount{0};
  return Amount{n.years * 12 + n.months + 1};
}

inline Amount awlr_months(std::span<const Span> spans) {
  return awlr_months(detail::total_length(merge(std::vector<Span>(spans.begin(), spans.end()))));
}

inline Amount count(const Span& s, CountingRule rule) { return count(std::span<const Span>(&s, 1), rule); }

inline Amount count(std::span<const Span> spans, CountingRule rule) {
  const std::vector<Span> merged = merge(std::vector<Span>(spans.begin(), spans.end()));
  const auto sum = [&](auto per_span) {
    std::int64_t total = 0;
    for (const Span& s : merged) total += per_span(s);
    return total;
  };
  switch (rule) {
    case CountingRule::calendar_months_touched:
      return Amount{detail::buckets_touched(merged, detail::month_index)};
    case CountingRule::calendar_quarters_touched:
      return Amount{detail::buckets_touched(merged, detail::quarter_index)};
    case CountingRule::whole_calendar_months:
      return Amount{sum(detail::whole_calendar_months)};
    case CountingRule::days:
      return Amount{sum([](const Span& s) { return s.days(); })};
    case CountingRule::days_over_30:
      return Amount{sum([](const Span& s) { return s.days(); })} / Amount{30};
    case CountingRule::weeks_5_day:
      return Amount{sum([](const Span& s) { return detail::working_days(s, 5); })};
    case CountingRule::weeks_6_day:
      return Amount{sum([](const Span& s) { return detail::working_days(s, 6); })};
    case CountingRule::weeks_7_day:
      return Amount{sum([](const Span& s) { return detail::working_days(s, 7); })};
    case CountingRule::whole_years: {
      const YearsMonthsDays total = detail::total_length(merged);
      return Amount{total.years + total.months / 12};   // days are not carried: see CountingRule
    }
    case CountingRule::months_plus_days_awlr:
      return awlr_months(detail::total_length(merged));
  }
  throw std::invalid_argument("unknown counting rule");
}

}  // namespace totalis
