#include "totalis/core/date.hpp"

#include <doctest/doctest.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <string>

using namespace totalis;

namespace doctest {
template <>
struct StringMaker<totalis::Date> {
  static String convert(const totalis::Date& d) { return d.is_special() ? "special date" : format_date(d).c_str(); }
};
}  // namespace doctest

namespace {
Date d(const char* text) { return parse_date(text); }
}  // namespace

TEST_SUITE("date") {

TEST_CASE("ISO dates parse strictly and print back unchanged") {
  CHECK(d("2019-02-28") == Date(2019, 2, 28));
  CHECK(format_date(d("2020-02-29")) == "2020-02-29");
  CHECK(format_date(d("1800-01-01")) == "1800-01-01");
  CHECK(format_date(d("2200-12-31")) == "2200-12-31");
  CHECK(format_date(Date(1963, 3, 2)) == "1963-03-02");
  CHECK(try_parse_date("2019-02-28") == Date(2019, 2, 28));
}

TEST_CASE("impossible and malformed dates are rejected, quoting the input") {
  CHECK_THROWS_WITH_AS(parse_date("2019-02-30"), "'2019-02-30' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2019-02-29"), "'2019-02-29' is not a date", DateError);   // not a leap year
  CHECK_THROWS_WITH_AS(parse_date("2100-02-29"), "'2100-02-29' is not a date", DateError);   // century, not leap
  CHECK_THROWS_WITH_AS(parse_date("2021-13-01"), "'2021-13-01' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-00-10"), "'2020-00-10' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-01-00"), "'2020-01-00' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-04-31"), "'2020-04-31' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-1-01"), "'2020-1-01' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("20200101"), "'20200101' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date(""), "'' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020/01/01"), "'2020/01/01' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date(" 2020-01-01"), "' 2020-01-01' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-01-01T00:00"), "'2020-01-01T00:00' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("+020-01-01"), "'+020-01-01' is not a date", DateError);
  CHECK_THROWS_WITH_AS(parse_date("2020-0a-01"), "'2020-0a-01' is not a date", DateError);
  const std::string long_text(50, '9');
  const std::string long_message = "'" + std::string(40, '9') + "...' is not a date";
  CHECK_THROWS_WITH_AS(parse_date(long_text), long_message.c_str(), DateError);
  CHECK_FALSE(try_parse_date("2019-02-30").has_value());

  SUBCASE("years outside 1800-2200 are refused as such") {
    CHECK_THROWS_WITH_AS(parse_date("1799-12-31"), "'1799-12-31' is not a date between 1800-01-01 and 2200-12-31",
                         DateError);
    CHECK_THROWS_WITH_AS(parse_date("2201-01-01"), "'2201-01-01' is not a date between 1800-01-01 and 2200-12-31",
                         DateError);
    CHECK_THROWS_WITH_AS(parse_date("0000-01-01"), "'0000-01-01' is not a date", DateError);
    CHECK_FALSE(try_parse_date("1799-12-31").has_value());
  }
  SUBCASE("DateError is an invalid_argument") {
    CHECK_THROWS_AS(parse_date("x"), std::invalid_argument);
  }
  SUBCASE("Boost's special values are not formatted") {
    CHECK_THROWS_WITH_AS(format_date(Date()), "the date is not a calendar date", std::invalid_argument);
  }
}

TEST_CASE("adding months keeps the day of month, never snapping to the month end") {
  // ANCHORS.md Lessons 4: Boost's date + months(1) gives 2018-03-31 here.
  CHECK(add_months(d("2018-02-28"), 1) == d("2018-03-28"));
  CHECK(add_months(d("2019-01-31"), 1) == d("2019-02-28"));   // clamped: February is shorter
  CHECK(add_months(d("2020-01-31"), 1) == d("2020-02-29"));
  CHECK(add_months(d("2019-01-31"), 2) == d("2019-03-31"));   // from the start, not via February
  CHECK(add_months(d("2019-03-31"), 1) == d("2019-04-30"));
  CHECK(add_months(d("2019-04-30"), 1) == d("2019-05-30"));   // a month end that stays the 30th
  CHECK(add_months(d("2019-11-15"), 2) == d("2020-01-15"));
  CHECK(add_months(d("2019-12-31"), 0) == d("2019-12-31"));
  CHECK(add_months(d("2019-03-31"), -1) == d("2019-02-28"));
  CHECK(add_months(d("2019-01-15"), -1) == d("2018-12-15"));
  CHECK(add_months(d("2019-01-15"), -13) == d("2017-12-15"));
  CHECK(add_months(d("2019-01-15"), -12) == d("2018-01-15"));
  CHECK(add_months(d("2019-01-15"), 120) == d("2029-01-15"));

  SUBCASE("and this is not what Boost's months() does") {
    CHECK(d("2018-02-28") + boost::gregorian::months(1) == d("2018-03-31"));
  }
  SUBCASE("beyond Boost's years") {
    CHECK_THROWS_WITH_AS(add_months(Date(9999, 12, 1), 1), "year 10000 is out of range 1400..9999", std::out_of_range);
  }
}

TEST_CASE("adding years keeps 28 February and moves 29 February to 28 February") {
  CHECK(add_years(d("2019-02-28"), 1) == d("2020-02-28"));   // Boost's years(1) gives 2020-02-29
  CHECK(add_years(d("2020-02-29"), 1) == d("2021-02-28"));
  CHECK(add_years(d("2020-02-29"), 4) == d("2024-02-29"));
  CHECK(add_years(d("2020-02-29"), -1) == d("2019-02-28"));
  CHECK(add_years(d("1963-06-15"), 62) == d("2025-06-15"));
  CHECK(d("2019-02-28") + boost::gregorian::years(1) == d("2020-02-29"));   // the trap we avoid
}

TEST_CASE("month boundaries") {
  CHECK(first_of_month(d("2024-02-17")) == d("2024-02-01"));
  CHECK(last_of_month(d("2024-02-17")) == d("2024-02-29"));
  CHECK(last_of_month(d("2023-02-17")) == d("2023-02-28"));
  CHECK(first_of_month_after(d("2025-01-31")) == d("2025-02-01"));
  CHECK(first_of_month_after(d("2025-01-01")) == d("2025-02-01"));
  CHECK(first_of_month_after(d("2024-12-15")) == d("2025-01-01"));
}

TEST_CASE("an age is attained the day before the birthday in the US and Germany") {
  // 20 CFR 404.2(c)(4); SSR 63-15: born 1 December 1944, attained 18 on 30 November 1962.
  CHECK(attains_age(d("1944-12-01"), 18, AgeRule::day_before_birthday) == d("1962-11-30"));
  CHECK(attains_age(d("1944-12-01"), 18, AgeRule::on_birthday) == d("1962-12-01"));
  CHECK(attains_age(d("1963-01-01"), 62, AgeRule::day_before_birthday) == d("2024-12-31"));   // the year before
  CHECK(attains_age(d("1963-06-15"), 62, AgeRule::day_before_birthday) == d("2025-06-14"));
  CHECK(attains_age(d("1963-06-15"), 0, AgeRule::on_birthday) == d("1963-06-15"));
  CHECK_THROWS_WITH_AS(attains_age(d("1963-06-15"), -1, AgeRule::on_birthday), "an age is not negative: -1",
                       std::invalid_argument);
}

TEST_CASE("29 February birthdays") {
  const Date leap_born = d("1960-02-29");
  SUBCASE("day_before_birthday: 28 February in every year (§188(3) BGB, SSA's February birth month)") {
    CHECK(attains_age(leap_born, 65, AgeRule::day_before_birthday) == d("2025-02-28"));
    CHECK(attains_age(leap_born, 64, AgeRule::day_before_birthday) == d("2024-02-28"));   // 2024 is leap
    CHECK(first_month_throughout(leap_born, 65, AgeRule::day_before_birthday) == d("2025-03-01"));
  }
  SUBCASE("on_birthday: 1 March in common years, 29 February in leap years") {
    CHECK(attains_age(leap_born, 65, AgeRule::on_birthday) == d("2025-03-01"));
    CHECK(attains_age(leap_born, 64, AgeRule::on_birthday) == d("2024-02-29"));
    CHECK(attains_age(leap_born, 140, AgeRule::on_birthday) == d("2100-03-01"));   // 2100 is not leap
    CHECK(first_month_throughout(leap_born, 65, AgeRule::on_birthday) == d("2025-03-01"));
  }
  SUBCASE("ages around the missing day") {
    CHECK(age_on(leap_born, d("2025-02-27"), AgeRule::day_before_birthday) == 64);
    CHECK(age_on(leap_born, d("2025-02-28"), AgeRule::day_before_birthday) == 65);
    CHECK(age_on(leap_born, d("2025-02-28"), AgeRule::on_birthday) == 64);
    CHECK(age_on(leap_born, d("2025-03-01"), AgeRule::on_birthday) == 65);
    CHECK(age_on(leap_born, d("2024-02-29"), AgeRule::on_birthday) == 64);
  }
}

TEST_CASE("completed years on a date") {
  const Date born = d("1963-06-15");
  CHECK(age_on(born, d("1963-06-15"), AgeRule::day_before_birthday) == 0);
  CHECK(age_on(born, d("2025-06-13"), AgeRule::day_before_birthday) == 61);
  CHECK(age_on(born, d("2025-06-14"), AgeRule::day_before_birthday) == 62);
  CHECK(age_on(born, d("2025-06-14"), AgeRule::on_birthday) == 61);
  CHECK(age_on(born, d("2025-06-15"), AgeRule::on_birthday) == 62);
  CHECK(age_on(born, d("2025-12-31"), AgeRule::on_birthday) == 62);
  SUBCASE("a 1 January birthday is attained in the year before") {
    CHECK(age_on(d("1963-01-01"), d("2024-12-31"), AgeRule::day_before_birthday) == 62);
    CHECK(age_on(d("1963-01-01"), d("2024-12-31"), AgeRule::on_birthday) == 61);
  }
  CHECK_THROWS_WITH_AS(age_on(born, d("1963-06-14"), AgeRule::on_birthday),
                       "date 1963-06-14 is before the birth date 1963-06-15", std::invalid_argument);
}

TEST_CASE("the first month a US worker is 62 throughout") {
  // 20 CFR 404.311(a)(2); domain.md §2.2: born on the 1st or 2nd, 62 throughout the birthday month.
  const auto us = AgeRule::day_before_birthday;
  CHECK(first_month_throughout(d("1963-03-01"), 62, us) == d("2025-03-01"));   // attained 2025-02-28
  CHECK(first_month_throughout(d("1963-03-02"), 62, us) == d("2025-03-01"));   // attained 2025-03-01
  CHECK(first_month_throughout(d("1963-03-03"), 62, us) == d("2025-04-01"));   // attained 2025-03-02
  CHECK(first_month_throughout(d("1963-03-31"), 62, us) == d("2025-04-01"));
  CHECK(first_month_throughout(d("1963-01-01"), 62, us) == d("2025-01-01"));   // attained 2024-12-31
  CHECK(first_month_throughout(d("1963-12-02"), 62, us) == d("2025-12-01"));
  SUBCASE("on the birthday: only a birthday on the 1st gives the birthday month") {
    CHECK(first_month_throughout(d("1960-03-01"), 65, AgeRule::on_birthday) == d("2025-03-01"));
    CHECK(first_month_throughout(d("1960-03-02"), 65, AgeRule::on_birthday) == d("2025-04-01"));
  }
  SUBCASE("Germany starts the month after the month the age is reached") {
    // §99(1) SGB VI: from the month at whose start the conditions are met; the age is completed
    // at the end of the day before the birthday, so only a birthday on the 1st gives its own month.
    CHECK(first_of_month_after(attains_age(d("1958-07-01"), 66, us)) == d("2024-07-01"));
    CHECK(first_of_month_after(attains_age(d("1958-07-02"), 66, us)) == d("2024-08-01"));
  }
}

}  // TEST_SUITE
