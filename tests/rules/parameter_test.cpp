// Parameters: dated and keyed values, looked up by key, and the problems that make entries
// unusable (checked at load).

#include "totalis/rules/parameter.hpp"

#include <doctest/doctest.h>

using totalis::Amount;
using totalis::Date;
using namespace totalis::rules;

namespace {

ParameterEntry entry(std::optional<Date> from, std::optional<Date> to, const char* value) {
  return ParameterEntry{from, to, ParameterValue{Amount::parse(value)}, std::nullopt, {}};
}

/// The aktueller Rentenwert as domain.md §5 lists it.
Parameter rentenwert() {
  return Parameter{.name = "rentenwert", .axis = ParameterAxis::as_of,
                   .entries = {entry(Date(2023, 7, 1), std::nullopt, "37.60"), entry(Date(2024, 7, 1), std::nullopt, "39.32"),
                               entry(Date(2025, 7, 1), std::nullopt, "40.79")},
                   .cite = {}, .where = {}};
}

}  // namespace

TEST_SUITE("parameter") {

TEST_CASE("a dated value holds from its date until the next one") {
  const Parameter p = rentenwert();
  CHECK(p.at(Date(2024, 6, 30))->scalar() == Amount::parse("37.60"));
  CHECK(p.at(Date(2024, 7, 1))->scalar() == Amount::parse("39.32"));
  CHECK(p.at(Date(2025, 6, 30))->scalar() == Amount::parse("39.32"));
  CHECK(p.at(Date(2030, 1, 1))->scalar() == Amount::parse("40.79"));   // the last value holds on
  CHECK(p.at(Date(2023, 6, 30)) == nullptr);                             // none in force yet
}

TEST_CASE("a value with 'to' ends there, leaving a gap") {
  const Parameter p{.name = "full_pension", .axis = ParameterAxis::as_of,
                    .entries = {entry(Date(2025, 1, 1), Date(2025, 3, 31), "727.67")}, .cite = {}, .where = {}};
  CHECK(p.at(Date(2025, 3, 31))->scalar() == Amount::parse("727.67"));
  CHECK(p.at(Date(2025, 4, 1)) == nullptr);
}

TEST_CASE("a first entry without 'from' holds since ever (Japan's 36-month cap before April 2021)") {
  const Parameter p{.name = "cap", .axis = ParameterAxis::period_date,
                    .entries = {entry(std::nullopt, Date(2021, 3, 31), "36"), entry(Date(2021, 4, 1), std::nullopt, "60")},
                    .cite = {}, .where = {}};
  CHECK(check_entries(p.entries, p.axis).empty());
  CHECK(p.at(Date(1990, 1, 1))->scalar() == Amount{36});
  CHECK(p.at(Date(2021, 3, 31))->scalar() == Amount{36});
  CHECK(p.at(Date(2021, 4, 1))->scalar() == Amount{60});
}

TEST_CASE("a year axis takes any date of the year") {
  const Parameter p{.name = "b1", .axis = ParameterAxis::eligibility_year,
                    .entries = {entry(Date(2024, 1, 1), std::nullopt, "1174"), entry(Date(2025, 1, 1), std::nullopt, "1226")},
                    .cite = {}, .where = {}};
  CHECK(p.at_year(2024)->scalar() == Amount{1174});
  CHECK(p.at(Date(2025, 12, 31))->scalar() == Amount{1226});
  CHECK(key_text(Date(2025, 1, 1), p.axis) == "2025");
  CHECK(key_text(Date(2025, 7, 1), ParameterAxis::as_of) == "2025-07-01");
}

TEST_CASE("a fixed parameter ignores the key") {
  const Parameter p{.name = "raf", .axis = ParameterAxis::fixed, .entries = {entry(std::nullopt, std::nullopt, "1.0")},
                    .cite = {}, .where = {}};
  CHECK(p.at(Date(1900, 1, 1))->scalar() == Amount{1});
}

TEST_CASE("lists and tables keep their shape, and entries must agree on it") {
  const ParameterValue bend_points{std::vector<NamedAmount>{{"b1", Amount{1226}}, {"b2", Amount{7391}}}};
  CHECK(*bend_points.field("b2") == Amount{7391});
  CHECK(bend_points.field("b3") == nullptr);
  const ParameterValue list{std::vector<Amount>{Amount{6}, Amount{12}}};
  CHECK(list.list().size() == 2);
  CHECK_THROWS_WITH_AS(list.scalar(), "the parameter value is a list, not a scalar", std::logic_error);
  std::vector<ParameterEntry> entries{
      ParameterEntry{Date(2024, 1, 1), std::nullopt, bend_points, std::nullopt, {}},
      ParameterEntry{Date(2025, 1, 1), std::nullopt, ParameterValue{std::vector<NamedAmount>{{"b1", Amount{1}}}}, std::nullopt, {}}};
  const auto problems = check_entries(entries, ParameterAxis::eligibility_year);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].entry == 1);
  CHECK(problems[0].message == "entry from 2025 is a table of another shape than the entry before it");
}

TEST_CASE("unordered, duplicate and overlapping keys are problems, each named") {
  SUBCASE("unordered") {
    const auto problems = check_entries({entry(Date(2025, 7, 1), std::nullopt, "40.79"), entry(Date(2024, 7, 1), std::nullopt, "39.32")},
                                        ParameterAxis::as_of);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message ==
          "entry from 2024-07-01 is not after the entry before it (from 2025-07-01): entries must be in increasing order");
  }
  SUBCASE("the same key twice") {
    const auto problems = check_entries({entry(Date(2024, 7, 1), std::nullopt, "39.32"), entry(Date(2024, 7, 1), std::nullopt, "40.79")},
                                        ParameterAxis::as_of);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "two entries from 2024-07-01 overlap");
  }
  SUBCASE("a 'to' past the next 'from'") {
    const auto problems = check_entries(
        {entry(Date(2024, 7, 1), Date(2025, 12, 31), "39.32"), entry(Date(2025, 7, 1), std::nullopt, "40.79")}, ParameterAxis::as_of);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "entry from 2025-07-01 overlaps the entry before it, which runs to 2025-12-31");
  }
  SUBCASE("'to' before 'from'") {
    const auto problems = check_entries({entry(Date(2025, 7, 1), Date(2025, 6, 30), "1")}, ParameterAxis::as_of);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "entry to 2025-06-30 ends before it starts (from 2025-07-01)");
  }
  SUBCASE("'from' missing after the first entry") {
    const auto problems = check_entries({entry(Date(2024, 7, 1), std::nullopt, "1"), entry(std::nullopt, Date(2026, 1, 1), "2")},
                                        ParameterAxis::as_of);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message == "only the first entry may omit 'from'");
  }
  SUBCASE("adjacent entries are fine") {
    CHECK(check_entries({entry(Date(2024, 7, 1), Date(2025, 6, 30), "39.32"), entry(Date(2025, 7, 1), std::nullopt, "40.79")},
                        ParameterAxis::as_of)
              .empty());
  }
}

TEST_CASE("axis names") {
  CHECK(find_parameter_axis("birth_date") == ParameterAxis::birth_date);
  CHECK_FALSE(find_parameter_axis("asof").has_value());
  CHECK(to_string(ParameterAxis::period_date) == "period_date");
}

}
