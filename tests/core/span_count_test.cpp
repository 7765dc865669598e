#include "totalis/core/span_count.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace totalis;
using namespace totalis::literals;

namespace doctest {
template <>
struct StringMaker<totalis::Amount> {
  static String convert(const totalis::Amount& a) { return a.str().c_str(); }
};
template <>
struct StringMaker<totalis::YearsMonthsDays> {
  static String convert(const totalis::YearsMonthsDays& t) {
    return (std::to_string(t.years) + "y " + std::to_string(t.months) + "m " + std::to_string(t.days) + "d").c_str();
  }
};
}  // namespace doctest

namespace {
Date d(const char* text) { return parse_date(text); }
Span span(const char* from, const char* to) { return Span{d(from), d(to)}; }
Amount count_of(const std::vector<Span>& spans, CountingRule rule) { return count(spans, rule); }
}  // namespace

TEST_SUITE("span count") {

TEST_CASE("calendar months touched: every month the span touches counts one") {
  const auto rule = CountingRule::calendar_months_touched;
  CHECK(count(span("2019-01-15", "2019-03-10"), rule) == Amount{3});
  CHECK(count(span("2019-01-31", "2019-02-01"), rule) == Amount{2});   // two days, two months
  CHECK(count(Span::single_day(d("2019-01-31")), rule) == Amount{1});
  CHECK(count(span("2019-12-15", "2020-01-15"), rule) == Amount{2});
  CHECK(count(span("2019-01-01", "2019-12-31"), rule) == Amount{12});

  SUBCASE("a month touched by two periods counts once") {
    CHECK(count_of({span("2019-01-01", "2019-01-10"), span("2019-01-20", "2019-01-31")}, rule) == Amount{1});
    CHECK(count_of({span("2019-01-01", "2019-01-10"), span("2019-01-20", "2019-02-05")}, rule) == Amount{2});
    CHECK(count_of({span("2019-03-20", "2019-04-05"), span("2019-01-01", "2019-01-10"),
                    span("2019-01-25", "2019-03-02")}, rule) == Amount{4});   // unsorted; Jan and Mar shared
    CHECK(count_of({span("2019-01-01", "2019-06-30"), span("2019-03-01", "2019-03-31")}, rule) == Amount{6});
  }
  SUBCASE("nothing counts nothing") {
    CHECK(count_of({}, rule) == Amount{0});
  }
}

TEST_CASE("whole calendar months: only months covered from the 1st to the last day") {
  const auto rule = CountingRule::whole_calendar_months;
  CHECK(count(span("2019-01-15", "2019-03-10"), rule) == Amount{1});   // February
  CHECK(count(span("2019-01-01", "2019-03-31"), rule) == Amount{3});
  CHECK(count(span("2019-01-02", "2019-01-31"), rule) == Amount{0});
  SUBCASE("February in leap and common years") {
    CHECK(count(span("2019-02-01", "2019-02-28"), rule) == Amount{1});
    CHECK(count(span("2020-02-01", "2020-02-28"), rule) == Amount{0});   // 29 February is missing
    CHECK(count(span("2020-02-01", "2020-02-29"), rule) == Amount{1});
  }
  SUBCASE("adjacent periods covering a month between them complete it") {
    CHECK(count_of({span("2019-01-01", "2019-01-15"), span("2019-01-16", "2019-01-31")}, rule) == Amount{1});
    CHECK(count_of({span("2019-01-01", "2019-01-15"), span("2019-01-17", "2019-01-31")}, rule) == Amount{0});
  }
}

TEST_CASE("days, across leap years") {
  const auto rule = CountingRule::days;
  CHECK(count(span("2020-01-01", "2020-12-31"), rule) == Amount{366});
  CHECK(count(span("2019-01-01", "2019-12-31"), rule) == Amount{365});
  CHECK(count(span("2019-12-01", "2020-03-01"), rule) == Amount{92});   // 31 + 31 + 29 + 1
  CHECK(count(span("2000-01-01", "2000-12-31"), rule) == Amount{366});   // 2000 is leap
  CHECK(count(span("2100-01-01", "2100-12-31"), rule) == Amount{365});   // 2100 is not
  CHECK(count_of({span("2019-01-01", "2019-01-31"), span("2019-01-15", "2019-02-14")}, rule) == Amount{45});
}

TEST_CASE("days over 30 is an exact fraction of a month") {
  const auto rule = CountingRule::days_over_30;
  CHECK(count(span("2019-01-01", "2019-01-30"), rule) == Amount{1});
  CHECK(count_of({span("2019-01-01", "2019-01-31"), span("2019-01-15", "2019-02-14")}, rule) == "1.5"_amt);
  CHECK(count(span("2020-01-01", "2020-12-31"), rule) == "12.2"_amt);   // 366 / 30
  CHECK(count(span("2019-01-01", "2019-12-31"), rule) == Amount{73} / Amount{6});   // 365 / 30
  CHECK(count(span("2019-01-01", "2019-01-31"), rule).str() == "1.033333333333333333");
  CHECK(count(span("2019-01-01", "2019-01-31"), rule) * Amount{30} == Amount{31});   // not a rounded decimal
}

TEST_CASE("working days on a 5, 6 and 7-day basis") {
  // 2024-01-01 is a Monday.
  const Span week = span("2024-01-01", "2024-01-07");
  CHECK(count(week, CountingRule::weeks_5_day) == Amount{5});
  CHECK(count(week, CountingRule::weeks_6_day) == Amount{6});
  CHECK(count(week, CountingRule::weeks_7_day) == Amount{7});
  const Span weekend = span("2024-01-06", "2024-01-07");
  CHECK(count(weekend, CountingRule::weeks_5_day) == Amount{0});
  CHECK(count(weekend, CountingRule::weeks_6_day) == Amount{1});
  CHECK(count(weekend, CountingRule::weeks_7_day) == Amount{2});
  CHECK(count(span("2024-01-03", "2024-01-16"), CountingRule::weeks_5_day) == Amount{10});

  SUBCASE("whole years: 2024 is leap and starts on a Monday, 2019 starts on a Tuesday") {
    CHECK(count(span("2024-01-01", "2024-12-31"), CountingRule::weeks_5_day) == Amount{262});
    CHECK(count(span("2024-01-01", "2024-12-31"), CountingRule::weeks_6_day) == Amount{314});
    CHECK(count(span("2024-01-01", "2024-12-31"), CountingRule::weeks_7_day) == Amount{366});
    CHECK(count(span("2019-01-01", "2019-12-31"), CountingRule::weeks_5_day) == Amount{261});
    CHECK(count(span("2019-01-01", "2019-12-31"), CountingRule::weeks_6_day) == Amount{313});
  }
  SUBCASE("A-11: a calendar year of a 5-day scheme never exceeds 264 days") {
    for (unsigned short year = 1900; year <= 2100; ++year) {
      const Span whole_year{Date(year, 1, 1), Date(year, 12, 31)};
      CHECK(count(whole_year, CountingRule::weeks_5_day) <= Amount{264});
    }
  }
  SUBCASE("a day worked under two periods counts once") {
    CHECK(count_of({week, span("2024-01-05", "2024-01-09")}, CountingRule::weeks_5_day) == Amount{7});
  }
}

TEST_CASE("calendar quarters touched") {
  const auto rule = CountingRule::calendar_quarters_touched;
  CHECK(count(span("2019-03-31", "2019-04-01"), rule) == Amount{2});
  CHECK(count(span("2019-01-01", "2019-12-31"), rule) == Amount{4});
  CHECK(count(span("2019-11-15", "2020-01-15"), rule) == Amount{2});
  CHECK(count_of({span("2019-01-05", "2019-01-06"), span("2019-03-30", "2019-03-31")}, rule) == Amount{1});
  CHECK(count_of({span("2019-01-05", "2019-01-06"), span("2019-03-30", "2019-04-02"),
                  span("2019-06-01", "2019-10-01")}, rule) == Amount{4});
}

TEST_CASE("years, months and days of a span, both ends included (DSS 7.2.2.40)") {
  CHECK(years_months_days(span("1990-03-03", "1990-04-02")) == YearsMonthsDays{0, 1, 0});
  CHECK(years_months_days(span("1988-07-17", "1989-07-16")) == YearsMonthsDays{1, 0, 0});
  CHECK(years_months_days(span("1966-07-05", "1976-08-17")) == YearsMonthsDays{10, 1, 13});
  CHECK(years_months_days(Span::single_day(d("2019-01-01"))) == YearsMonthsDays{0, 0, 1});
  CHECK(years_months_days(span("2019-01-01", "2019-01-31")) == YearsMonthsDays{0, 1, 0});
  CHECK(years_months_days(span("2019-01-01", "2019-12-31")) == YearsMonthsDays{1, 0, 0});
  CHECK(years_months_days(span("2020-02-29", "2021-02-27")) == YearsMonthsDays{1, 0, 0});   // to 2021-02-28
  CHECK(years_months_days(span("2019-01-31", "2019-02-27")) == YearsMonthsDays{0, 1, 0});   // to 2019-02-28
  CHECK(years_months_days(span("2019-01-31", "2019-03-30")) == YearsMonthsDays{0, 2, 0});
  // The guide prints 4 years 5 months 29 days for 19/9/85 to 16/3/90; 19 February to 16 March
  // 1990 with both ends is 26 days (February 1990 has 28), and that is what we count.
  CHECK(years_months_days(span("1985-09-19", "1990-03-16")) == YearsMonthsDays{4, 5, 26});
  CHECK(normalized(YearsMonthsDays{14, 6, 42}) == YearsMonthsDays{14, 7, 12});   // DSS 7.2.2.40
  CHECK(normalized(YearsMonthsDays{11, 14, 36}) == YearsMonthsDays{12, 3, 6});
}

TEST_CASE("A-23: Australian working life residence, whole months plus one (DSS 1.1.A.340)") {
  // Female born 4 June 1922: AWLR runs from age 16 (4 June 1938) to pension age 60 (4 June 1982).
  const Date born = d("1922-06-04");
  const Span working_life{attains_age(born, 16, AgeRule::on_birthday),
                          attains_age(born, 60, AgeRule::on_birthday) - boost::gregorian::days(1)};
  const std::vector<Span> residence{span("1922-06-04", "1942-06-03"), span("1965-05-02", "1972-04-08"),
                                    span("1981-02-05", "1991-08-17")};
  std::vector<Span> counted;
  for (const Span& s : residence)
    if (auto c = s.clipped(working_life)) counted.push_back(*c);

  SUBCASE("the guide's total: 11 years 14 months 36 days = 147 whole months, + 1 = 148") {
    CHECK(awlr_months(YearsMonthsDays{11, 14, 36}) == Amount{148});
  }
  SUBCASE("the periods, measured") {
    REQUIRE(counted.size() == 3);
    CHECK(years_months_days(counted[0]) == YearsMonthsDays{4, 0, 0});
    CHECK(years_months_days(counted[2]) == YearsMonthsDays{1, 3, 30});
    // The guide prints 6 days here; with both ends included (its own rule, 7.2.2.40) 2 to 8
    // April 1972 is 7. The total is 11 years 14 months 37 days: still 148 months.
    CHECK(years_months_days(counted[1]) == YearsMonthsDays{6, 11, 7});
    CHECK(awlr_months(counted) == Amount{148});
    CHECK(count(counted, CountingRule::months_plus_days_awlr) == Amount{148});
  }
  SUBCASE("the extra month is added even when no days are left over (Services Australia 106-06030000)") {
    CHECK(awlr_months(YearsMonthsDays{9, 10, 60}) == Amount{121});
    CHECK(awlr_months(YearsMonthsDays{14, 6, 42}) == Amount{176});   // DSS 7.2.2.40
    CHECK(awlr_months(YearsMonthsDays{0, 0, 1}) == Amount{1});
    CHECK(awlr_months(std::vector<Span>{}) == Amount{0});   // no residence, no extra month
  }
}

TEST_CASE("whole years: completed years, and whole months of several periods added up") {
  const auto rule = CountingRule::whole_years;
  CHECK(count(span("1990-06-15", "2025-06-14"), rule) == Amount{35});
  // 34 years 11 months 30 days: a day short, so 34 (30 days are not carried into a month here).
  CHECK(count(span("1990-06-15", "2025-06-13"), rule) == Amount{34});
  CHECK(count(span("2020-02-29", "2021-02-27"), rule) == Amount{1});   // to 2021-02-28
  CHECK(count(span("2019-03-01", "2020-02-28"), rule) == Amount{0});   // 29 February 2020 missing
  CHECK(count_of({span("2000-01-01", "2000-06-30"), span("2002-01-01", "2002-06-30")}, rule) == Amount{1});
  CHECK(count_of({span("2000-01-01", "2000-06-30"), span("2002-01-01", "2002-06-29")}, rule) == Amount{0});
  CHECK(count_of({span("1990-01-01", "1999-12-31"), span("2005-01-01", "2009-12-31")}, rule) == Amount{15});
}

TEST_CASE("a span counts as the set holding it, in the rule's unit") {
  const Span s = span("2019-01-15", "2021-03-10");
  for (const auto& entry : counting_rule_names) {   // not a structured binding: CAPTURE is a lambda
    CAPTURE(entry.second);
    CHECK(count(s, entry.first) == count_of({s}, entry.first));
  }
  CHECK(unit_of(CountingRule::calendar_months_touched) == TimeUnit::month);
  CHECK(unit_of(CountingRule::weeks_5_day) == TimeUnit::day);
  CHECK(unit_of(CountingRule::calendar_quarters_touched) == TimeUnit::quarter);
  CHECK(unit_of(CountingRule::whole_years) == TimeUnit::year);
  CHECK(unit_of(CountingRule::days_over_30) == TimeUnit::month);
}

TEST_CASE("time units and counting rules by name") {
  CHECK(parse_time_unit("quarter") == TimeUnit::quarter);
  CHECK(to_string(TimeUnit::week) == "week");
  for (const auto& [unit, name] : time_unit_names) CHECK(parse_time_unit(to_string(unit)) == unit);
  for (const auto& [rule, name] : counting_rule_names) CHECK(parse_counting_rule(to_string(rule)) == rule);
  CHECK(parse_counting_rule("months_plus_days_awlr") == CountingRule::months_plus_days_awlr);
  CHECK_FALSE(find_time_unit("Month").has_value());
  CHECK_THROWS_WITH_AS(parse_time_unit("fortnight"),
                       "unknown time unit 'fortnight'; expected one of: day, week, month, quarter, year",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_counting_rule("months"),
                       "unknown counting rule 'months'; expected one of: calendar_months_touched, "
                       "whole_calendar_months, days, days_over_30, weeks_5_day, weeks_6_day, weeks_7_day, "
                       "calendar_quarters_touched, whole_years, months_plus_days_awlr",
                       std::invalid_argument);
}

}  // TEST_SUITE
