#include "totalis/core/unit_conversion.hpp"

#include "totalis/core/span_count.hpp"

#include <doctest/doctest.h>

using namespace totalis;
using namespace totalis::literals;

namespace doctest {
template <>
struct StringMaker<totalis::PeriodCount> {
  static String convert(const totalis::PeriodCount& p) { return p.str().c_str(); }
};
}  // namespace doctest

namespace {
PeriodCount n(int count, TimeUnit unit) { return {Amount{count}, unit}; }
constexpr DayBasis all_bases[] = {DayBasis::five_day, DayBasis::six_day, DayBasis::seven_day};
}  // namespace

TEST_SUITE("unit conversion") {

TEST_CASE("A-11: Reg. (EC) 987/2009 Art. 13 conversions") {
  // 5-day scheme: 110 days / 22 = 5 months; 66 days = 1 quarter.
  CHECK(convert(n(110, TimeUnit::day), TimeUnit::month, DayBasis::five_day) == n(5, TimeUnit::month));
  CHECK(convert(n(66, TimeUnit::day), TimeUnit::quarter, DayBasis::five_day) == n(1, TimeUnit::quarter));
  // 26 weeks through the 6-day row: 156 days / 26 = 6 months = 2 quarters, whatever the basis.
  for (DayBasis basis : all_bases) {
    CAPTURE(to_string(basis));
    CHECK(convert(n(26, TimeUnit::week), TimeUnit::month, basis) == n(6, TimeUnit::month));
    CHECK(convert(n(26, TimeUnit::week), TimeUnit::quarter, basis) == n(2, TimeUnit::quarter));
    CHECK(convert(n(6, TimeUnit::month), TimeUnit::quarter, basis) == n(2, TimeUnit::quarter));
  }
  // A 5-day-scheme year never exceeds 264 days.
  CHECK(max_per_calendar_year(TimeUnit::day, DayBasis::five_day) == Amount{264});
  CHECK(cap_per_calendar_year(n(300, TimeUnit::day), DayBasis::five_day) == n(264, TimeUnit::day));
  CHECK(cap_per_calendar_year(n(261, TimeUnit::day), DayBasis::five_day) == n(261, TimeUnit::day));
  CHECK(convert(n(1, TimeUnit::year), TimeUnit::day, DayBasis::five_day) == n(264, TimeUnit::day));
  CHECK(convert(n(12, TimeUnit::month), TimeUnit::day, DayBasis::five_day) == n(264, TimeUnit::day));
}

TEST_CASE("the day table of Art. 13(1)(b), row by row") {
  struct Row {
    DayBasis basis;
    int hours, week, month, quarter, max_days;
  };
  for (const Row& r : {Row{DayBasis::five_day, 9, 5, 22, 66, 264}, Row{DayBasis::six_day, 8, 6, 26, 78, 312},
                       Row{DayBasis::seven_day, 6, 7, 30, 90, 360}}) {
    CAPTURE(to_string(r.basis));
    CHECK(hours_per_day(r.basis) == Amount{r.hours});
    CHECK(days_per(TimeUnit::week, r.basis) == Amount{r.week});
    CHECK(days_per(TimeUnit::month, r.basis) == Amount{r.month});
    CHECK(days_per(TimeUnit::quarter, r.basis) == Amount{r.quarter});
    CHECK(max_per_calendar_year(TimeUnit::day, r.basis) == Amount{r.max_days});
    CHECK(convert(n(1, TimeUnit::week), TimeUnit::day, r.basis) == n(r.week, TimeUnit::day));
    CHECK(convert(n(r.month, TimeUnit::day), TimeUnit::month, r.basis) == n(1, TimeUnit::month));
    CHECK(convert(n(r.quarter, TimeUnit::day), TimeUnit::quarter, r.basis) == n(1, TimeUnit::quarter));
    CHECK(convert(n(r.week, TimeUnit::day), TimeUnit::week, r.basis) == n(1, TimeUnit::week));
  }
}

TEST_CASE("non-day units, Art. 13(1)(c)") {
  const auto basis = DayBasis::seven_day;   // plays no part here
  CHECK(convert(n(3, TimeUnit::month), TimeUnit::quarter, basis) == n(1, TimeUnit::quarter));
  CHECK(convert(n(13, TimeUnit::week), TimeUnit::quarter, basis) == n(1, TimeUnit::quarter));
  CHECK(convert(n(1, TimeUnit::quarter), TimeUnit::week, basis) == n(13, TimeUnit::week));
  CHECK(convert(n(1, TimeUnit::year), TimeUnit::quarter, basis) == n(4, TimeUnit::quarter));
  CHECK(convert(n(1, TimeUnit::year), TimeUnit::month, basis) == n(12, TimeUnit::month));
  CHECK(convert(n(1, TimeUnit::year), TimeUnit::week, basis) == n(52, TimeUnit::week));
  CHECK(convert(n(52, TimeUnit::week), TimeUnit::year, basis) == n(1, TimeUnit::year));
  // weeks ↔ months through the 6-day row: 1 month = 26/6 weeks.
  CHECK(convert(n(1, TimeUnit::month), TimeUnit::week, basis) == PeriodCount{Amount{13} / Amount{3}, TimeUnit::week});
  CHECK(convert(n(10, TimeUnit::week), TimeUnit::month, basis) == PeriodCount{Amount{30} / Amount{13}, TimeUnit::month});
  CHECK(convert(n(7, TimeUnit::month), TimeUnit::month, basis) == n(7, TimeUnit::month));
}

TEST_CASE("fractions stay exact: the rounding of Art. 13(1)(e) is unsourced") {
  const PeriodCount months = convert(n(100, TimeUnit::day), TimeUnit::month, DayBasis::five_day);
  CHECK(months == PeriodCount{Amount{50} / Amount{11}, TimeUnit::month});
  CHECK(months.str() == "4.545454545454545455 months");
  CHECK(convert(months, TimeUnit::day, DayBasis::five_day) == n(100, TimeUnit::day));   // round trip, exactly
  CHECK(convert(n(1, TimeUnit::day), TimeUnit::week, DayBasis::six_day).count == Amount{1} / Amount{6});
  CHECK(convert(PeriodCount{"2.5"_amt, TimeUnit::quarter}, TimeUnit::month, DayBasis::five_day) ==
        PeriodCount{"7.5"_amt, TimeUnit::month});

  SUBCASE("Art. 13(1)(d): the fraction carried into a smaller unit") {
    CHECK(split_fraction(months, TimeUnit::day, DayBasis::five_day) ==
          SplitCount{n(4, TimeUnit::month), n(12, TimeUnit::day)});
    // Fractions of years go into months (quarters for a quarter-based scheme).
    CHECK(split_fraction(PeriodCount{"2.25"_amt, TimeUnit::year}, TimeUnit::month, DayBasis::six_day) ==
          SplitCount{n(2, TimeUnit::year), n(3, TimeUnit::month)});
    CHECK(split_fraction(PeriodCount{"2.25"_amt, TimeUnit::year}, TimeUnit::quarter, DayBasis::six_day) ==
          SplitCount{n(2, TimeUnit::year), n(1, TimeUnit::quarter)});
    CHECK(split_fraction(n(3, TimeUnit::month), TimeUnit::week, DayBasis::six_day) ==
          SplitCount{n(3, TimeUnit::month), n(0, TimeUnit::week)});
    // What is left may still be a fraction; it is not rounded here.
    CHECK(split_fraction(PeriodCount{"1.1"_amt, TimeUnit::month}, TimeUnit::week, DayBasis::six_day).fraction ==
          PeriodCount{"0.1"_amt * Amount{26} / Amount{6}, TimeUnit::week});
    CHECK_THROWS_WITH_AS(split_fraction(n(3, TimeUnit::month), TimeUnit::quarter, DayBasis::six_day),
                         "cannot carry a fraction of a month into quarters: not a smaller unit",
                         std::invalid_argument);
  }
}

TEST_CASE("the per-calendar-year maximum in each unit") {
  for (DayBasis basis : all_bases) {
    CAPTURE(to_string(basis));
    CHECK(max_per_calendar_year(TimeUnit::week, basis) == Amount{52});
    CHECK(max_per_calendar_year(TimeUnit::month, basis) == Amount{12});
    CHECK(max_per_calendar_year(TimeUnit::quarter, basis) == Amount{4});
    CHECK(max_per_calendar_year(TimeUnit::year, basis) == Amount{1});
  }
  CHECK(max_per_calendar_year(TimeUnit::day, DayBasis::six_day) == Amount{312});
  CHECK(max_per_calendar_year(TimeUnit::day, DayBasis::seven_day) == Amount{360});
  CHECK(cap_per_calendar_year(n(53, TimeUnit::week), DayBasis::six_day) == n(52, TimeUnit::week));
  CHECK(cap_per_calendar_year(n(5, TimeUnit::quarter), DayBasis::six_day) == n(4, TimeUnit::quarter));
  CHECK(cap_per_calendar_year(PeriodCount{"11.5"_amt, TimeUnit::month}, DayBasis::six_day) ==
        PeriodCount{"11.5"_amt, TimeUnit::month});

  SUBCASE("a whole calendar year of 7-day-scheme days is capped at 360") {
    const Span year_2024{Date(2024, 1, 1), Date(2024, 12, 31)};
    const PeriodCount days{count(year_2024, CountingRule::weeks_7_day), TimeUnit::day};
    CHECK(days == n(366, TimeUnit::day));
    CHECK(cap_per_calendar_year(days, DayBasis::seven_day) == n(360, TimeUnit::day));
    CHECK(convert(cap_per_calendar_year(days, DayBasis::seven_day), TimeUnit::month, DayBasis::seven_day) ==
          n(12, TimeUnit::month));
  }
}

TEST_CASE("negative counts and mixed units are refused") {
  CHECK_THROWS_WITH_AS(convert(n(-3, TimeUnit::month), TimeUnit::week, DayBasis::six_day),
                       "a period count is not negative: -3 months", std::invalid_argument);
  CHECK_THROWS_WITH_AS(cap_per_calendar_year(n(-1, TimeUnit::day), DayBasis::six_day),
                       "a period count is not negative: -1 days", std::invalid_argument);
  CHECK_THROWS_WITH_AS(n(2, TimeUnit::month) + n(1, TimeUnit::week),
                       "cannot add 1 week to 2 months without converting one of them", std::domain_error);
  CHECK(n(2, TimeUnit::month) + n(3, TimeUnit::month) == n(5, TimeUnit::month));
  CHECK(n(1, TimeUnit::quarter).str() == "1 quarter");
  CHECK(n(0, TimeUnit::day).str() == "0 days");
  CHECK(n(3, TimeUnit::month) != n(1, TimeUnit::quarter));   // equal only once converted
}

TEST_CASE("day bases by name") {
  CHECK(parse_day_basis("five_day") == DayBasis::five_day);
  CHECK(to_string(DayBasis::seven_day) == "seven_day");
  CHECK_THROWS_WITH_AS(parse_day_basis("5"), "unknown day basis '5'; expected one of: five_day, six_day, seven_day",
                       std::invalid_argument);
}

}  // TEST_SUITE
