#pragma once
// Converting counts of periods between units for aggregation under Reg. (EC) 883/2004 Art. 6,
// by the rules of Reg. (EC) 987/2009 Art. 13 (text: DRV rvRecht Art 13 VO 987/2009; domain.md §1.5).
//
//   convert({Amount{110}, TimeUnit::day}, TimeUnit::month, DayBasis::five_day).str()   // "5 months"
//   convert({Amount{26}, TimeUnit::week}, TimeUnit::quarter, DayBasis::five_day).str() // "2 quarters"
//   cap_per_calendar_year({Amount{300}, TimeUnit::day}, DayBasis::five_day).str()      // "264 days"
//   split_fraction(convert({Amount{100}, TimeUnit::day}, TimeUnit::month, DayBasis::five_day),
//                  TimeUnit::day, DayBasis::five_day)                  // {4 months, 12 days}: 50/11 months
//
// Fractions stay exact. Art. 13(1)(d) carries a fraction into the next smaller unit
// (split_fraction); how a fraction still left is rounded, Art. 13(1)(e), is UNSOURCED (the
// retrieved texts stop at (e)), so nothing here rounds: a rule file names its own rounding.

#include "totalis/core/amount.hpp"
#include "totalis/core/period_count.hpp"
#include "totalis/core/time_unit.hpp"

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace totalis {

/// The working week of a day-based scheme, which its institution states when it communicates
/// periods in days (Reg. (EC) 987/2009 Art. 13(4)).
enum class DayBasis { five_day, six_day, seven_day };

inline constexpr std::array<std::pair<DayBasis, std::string_view>, 3> day_basis_names{{
    {DayBasis::five_day, "five_day"},
    {DayBasis::six_day, "six_day"},
    {DayBasis::seven_day, "seven_day"},
}};

[[nodiscard]] constexpr std::string_view to_string(DayBasis basis) noexcept;
[[nodiscard]] constexpr std::optional<DayBasis> find_day_basis(std::string_view name) noexcept;
/// Throws std::invalid_argument: "unknown day basis 'x'; expected one of: five_day, six_day, seven_day".
[[nodiscard]] DayBasis parse_day_basis(std::string_view name);

/// Art. 13(1)(b): 1 day = 9 / 8 / 6 hours on a 5 / 6 / 7-day basis.
[[nodiscard]] Amount hours_per_day(DayBasis basis);
/// Days in one `unit` on `basis`, Art. 13(1)(b): week 5/6/7, month 22/26/30, quarter 66/78/90;
/// a year, 4 quarters (Art. 13(1)(c)(ii)): 264/312/360, the table's yearly maximum of days.
[[nodiscard]] Amount days_per(TimeUnit unit, DayBasis basis);

/// `count` in `to`. With days on either side, the row of `basis` applies (Art. 13(1)(b)); else
/// Art. 13(1)(c): 3 months = 13 weeks = 1 quarter, 1 year = 4 quarters = 12 months = 52 weeks,
/// weeks ↔ months through the 6-day row (1 week = 6 days, 1 month = 26 days). Exact; throws
/// std::invalid_argument for a negative count.
[[nodiscard]] PeriodCount convert(const PeriodCount& count, TimeUnit to, DayBasis basis);

/// The most one calendar year can hold after conversion: 264/312/360 days, 52 weeks,
/// 12 months, 4 quarters, 1 year. Cited as Reg. (EC) 987/2009 Art. 13(2); the limits are
/// confirmed in the predecessor Reg. (EEC) 574/72 Art. 15 (domain.md §1.5).
[[nodiscard]] Amount max_per_calendar_year(TimeUnit unit, DayBasis basis);
/// The periods of one calendar year, in whatever unit, limited to that maximum.
[[nodiscard]] PeriodCount cap_per_calendar_year(const PeriodCount& in_one_calendar_year, DayBasis basis);

/// A count split into its whole units and the rest carried into a smaller unit.
struct SplitCount {
  PeriodCount whole;
  PeriodCount fraction;   ///< exact, possibly fractional still (Art. 13(1)(e) unsourced)
  friend bool operator==(const SplitCount&, const SplitCount&) = default;
};
/// Art. 13(1)(d): the whole units of `count`, and its fraction converted into `smaller` by
/// (b)/(c) — the rule file names it: the next smaller unit; for years, months (quarters when
/// the scheme is quarter-based). Throws std::invalid_argument when `smaller` is not smaller.
[[nodiscard]] SplitCount split_fraction(const PeriodCount& count, TimeUnit smaller, DayBasis basis);

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

/// Every (c) equivalence holds on the 6-day row: quarter 78 = 3 × 26 = 13 × 6, year 312 =
/// 4 × 78 = 12 × 26 = 52 × 6. One table, so they cannot drift apart.
inline Amount six_day_row(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::day: return Amount{1};
    case TimeUnit::week: return Amount{6};
    case TimeUnit::month: return Amount{26};
    case TimeUnit::quarter: return Amount{78};
    case TimeUnit::year: return Amount{312};
  }
  throw std::invalid_argument("unknown time unit");
}

inline void require_not_negative(const PeriodCount& count) {
  if (count.count.is_negative()) throw std::invalid_argument("a period count is not negative: " + count.str());
}

}  // namespace detail

constexpr std::string_view to_string(DayBasis basis) noexcept { return detail::name_of(day_basis_names, basis); }

constexpr std::optional<DayBasis> find_day_basis(std::string_view name) noexcept {
  return detail::find_named(day_basis_names, name);
}

inline DayBasis parse_day_basis(std::string_view name) {
  if (const auto basis = find_day_basis(name)) return *basis;
  throw std::invalid_argument(detail::unknown_name("day basis", name, day_basis_names));
}

inline Amount hours_per_day(DayBasis basis) {
  switch (basis) {
    case DayBasis::five_day: return Amount{9};
    case DayBasis::six_day: return Amount{8};
    case DayBasis::seven_day: return Amount{6};
  }
  throw std::invalid_argument("unknown day basis");
}

inline Amount days_per(TimeUnit unit, DayBasis basis) {
  // Art. 13(1)(b): {week, month, quarter} per basis; a year is 4 quarters.
  const auto row = [&](int week, int month, int quarter) {
    switch (unit) {
      case TimeUnit::day: return Amount{1};
      case TimeUnit::week: return Amount{week};
      case TimeUnit::month: return Amount{month};
      case TimeUnit::quarter: return Amount{quarter};
      case TimeUnit::year: return Amount{4 * quarter};
    }
    throw std::invalid_argument("unknown time unit");
  };
  switch (basis) {
    case DayBasis::five_day: return row(5, 22, 66);
    case DayBasis::six_day: return row(6, 26, 78);
    case DayBasis::seven_day: return row(7, 30, 90);
  }
  throw std::invalid_argument("unknown day basis");
}

inline PeriodCount convert(const PeriodCount& count, TimeUnit to, DayBasis basis) {
  detail::require_not_negative(count);
  if (count.unit == to) return count;
  if (count.unit == TimeUnit::day || to == TimeUnit::day)   // Art. 13(1)(b)
    return {count.count * days_per(count.unit, basis) / days_per(to, basis), to};
  return {count.count * detail::six_day_row(count.unit) / detail::six_day_row(to), to};   // Art. 13(1)(c)
}

inline Amount max_per_calendar_year(TimeUnit unit, DayBasis basis) {
  switch (unit) {
    case TimeUnit::day: return days_per(TimeUnit::year, basis);   // the table's last column
    case TimeUnit::week: return Amount{52};
    case TimeUnit::month: return Amount{12};
    case TimeUnit::quarter: return Amount{4};
    case TimeUnit::year: return Amount{1};
  }
  throw std::invalid_argument("unknown time unit");
}

inline PeriodCount cap_per_calendar_year(const PeriodCount& in_one_calendar_year, DayBasis basis) {
  detail::require_not_negative(in_one_calendar_year);
  return {min(in_one_calendar_year.count, max_per_calendar_year(in_one_calendar_year.unit, basis)),
          in_one_calendar_year.unit};
}

inline SplitCount split_fraction(const PeriodCount& count, TimeUnit smaller, DayBasis basis) {
  detail::require_not_negative(count);
  if (!(smaller < count.unit))
    throw std::invalid_argument("cannot carry a fraction of a " + std::string(to_string(count.unit)) + " into " +
                                std::string(to_string(smaller)) + "s: not a smaller unit");
  const Amount whole = count.count.floor();
  return {{whole, count.unit}, convert({count.count - whole, count.unit}, smaller, basis)};
}

}  // namespace totalis
