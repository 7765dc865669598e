#include "totalis/core/span.hpp"

#include <doctest/doctest.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

using namespace totalis;

static_assert(std::regular<Span>);
static_assert(std::totally_ordered<Span>);
static_assert(!std::is_convertible_v<Date, Span>, "a date is not a span; use Span::single_day");

namespace doctest {
template <>
struct StringMaker<totalis::Span> {
  static String convert(const totalis::Span& s) { return s.str().c_str(); }
};
}  // namespace doctest

namespace {
Date d(const char* text) { return parse_date(text); }
Span span(const char* from, const char* to) { return Span{d(from), d(to)}; }
}  // namespace

TEST_SUITE("span") {

TEST_CASE("a span includes both ends, as statutes write periods") {
  const Span q1 = span("2019-01-01", "2019-03-31");
  CHECK(q1.from() == d("2019-01-01"));
  CHECK(q1.to() == d("2019-03-31"));
  CHECK(q1.days() == 90);
  CHECK(Span::single_day(d("2019-05-05")).days() == 1);
  CHECK(span("2020-01-01", "2020-12-31").days() == 366);   // leap year
  CHECK(span("2019-01-01", "2019-12-31").days() == 365);
  CHECK(span("2019-02-01", "2020-02-29").days() == 394);
  CHECK(q1.str() == "2019-01-01 to 2019-03-31");
  SUBCASE("Boost's half-open period ends the day after") {
    CHECK(q1.period().begin() == d("2019-01-01"));
    CHECK(q1.period().last() == d("2019-03-31"));
    CHECK(q1.period().end() == d("2019-04-01"));
  }
  SUBCASE("the default span is one day, so Span is regular") {
    CHECK(Span{} == Span::single_day(Date(1970, 1, 1)));
  }
}

TEST_CASE("a span that ends before it begins names both dates") {
  CHECK_THROWS_WITH_AS(span("2019-02-01", "2019-01-01"), "'to' 2019-01-01 is before 'from' 2019-02-01",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(Span(Date(), d("2019-01-01")), "'from' is not a calendar date", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Span(d("2019-01-01"), Date(boost::date_time::pos_infin)), "'to' is not a calendar date",
                       std::invalid_argument);
}

TEST_CASE("membership, overlap and adjacency") {
  const Span jan = span("2019-01-01", "2019-01-31");
  const Span feb = span("2019-02-01", "2019-02-28");
  const Span mid = span("2019-01-15", "2019-02-14");
  const Span mar = span("2019-03-01", "2019-03-31");
  CHECK(jan.contains(d("2019-01-01")));
  CHECK(jan.contains(d("2019-01-31")));
  CHECK_FALSE(jan.contains(d("2019-02-01")));
  CHECK(jan.contains(span("2019-01-10", "2019-01-20")));
  CHECK_FALSE(jan.contains(mid));

  CHECK(jan.overlaps(mid));
  CHECK(mid.overlaps(feb));
  CHECK_FALSE(jan.overlaps(feb));
  CHECK(jan.overlaps(Span::single_day(d("2019-01-31"))));   // one shared day is an overlap

  CHECK(jan.adjacent_or_overlapping(feb));
  CHECK(feb.adjacent_or_overlapping(jan));
  CHECK(jan.adjacent_or_overlapping(mid));
  CHECK_FALSE(jan.adjacent_or_overlapping(mar));   // February lies between
  const Span last_days{Date(9999, 12, 1), Date(9999, 12, 31)};   // no date past Boost's last day is formed
  CHECK(last_days.adjacent_or_overlapping(Span::single_day(Date(9999, 12, 31))));
  CHECK(merge({last_days, Span::single_day(Date(9999, 12, 31))}) == std::vector<Span>{last_days});
}

TEST_CASE("clipping to a window and intersecting") {
  const Span career = span("1985-09-01", "2024-06-30");
  const Span age_16_to_67 = span("1990-06-15", "2041-06-14");
  CHECK(career.clipped(age_16_to_67) == span("1990-06-15", "2024-06-30"));
  CHECK(intersection(career, age_16_to_67) == career.clipped(age_16_to_67));
  CHECK(intersection(age_16_to_67, career) == career.clipped(age_16_to_67));
  CHECK(span("2019-01-01", "2019-01-31").clipped(span("2019-01-31", "2019-02-28")) ==
        Span::single_day(d("2019-01-31")));
  CHECK(span("2019-01-01", "2019-01-31").clipped(span("2019-02-01", "2019-02-28")) == std::nullopt);
  CHECK(intersection(span("2019-01-01", "2019-01-31"), span("2020-01-01", "2020-01-31")) == std::nullopt);
}

TEST_CASE("merge: the union as sorted, disjoint, non-adjacent spans") {
  SUBCASE("overlapping and adjacent spans become one, in any input order") {
    const std::vector<Span> merged = merge({span("2019-03-01", "2019-03-31"), span("2019-01-01", "2019-01-31"),
                                            span("2019-01-15", "2019-02-10"), span("2019-02-11", "2019-02-20")});
    CHECK(merged == std::vector<Span>{span("2019-01-01", "2019-02-20"), span("2019-03-01", "2019-03-31")});
  }
  SUBCASE("a span inside another disappears") {
    CHECK(merge({span("2019-01-01", "2019-12-31"), span("2019-03-01", "2019-03-31")}) ==
          std::vector<Span>{span("2019-01-01", "2019-12-31")});
  }
  SUBCASE("duplicates count once") {
    CHECK(merge({span("2019-01-01", "2019-01-31"), span("2019-01-01", "2019-01-31")}) ==
          std::vector<Span>{span("2019-01-01", "2019-01-31")});
  }
  SUBCASE("a gap of one day keeps them apart") {
    CHECK(merge({span("2019-01-01", "2019-01-30"), span("2019-02-01", "2019-02-28")}).size() == 2);
  }
  SUBCASE("nothing in, nothing out") {
    CHECK(merge({}).empty());
  }
}

TEST_CASE("split by calendar year") {
  CHECK(split_by_year(span("2019-12-01", "2020-01-31")) ==
        std::vector<Span>{span("2019-12-01", "2019-12-31"), span("2020-01-01", "2020-01-31")});
  CHECK(split_by_year(span("2019-03-01", "2019-04-30")) == std::vector<Span>{span("2019-03-01", "2019-04-30")});
  const std::vector<Span> pieces = split_by_year(span("2018-07-01", "2021-06-30"));
  REQUIRE(pieces.size() == 4);
  CHECK(pieces[1] == span("2019-01-01", "2019-12-31"));
  CHECK(pieces[2] == span("2020-01-01", "2020-12-31"));
  std::int64_t days = 0;
  for (const Span& p : pieces) days += p.days();
  CHECK(days == span("2018-07-01", "2021-06-30").days());
  CHECK(split_by_year(Span::single_day(d("2020-12-31"))) == std::vector<Span>{Span::single_day(d("2020-12-31"))});
}

TEST_CASE("spans order by start, then end") {
  CHECK(span("2019-01-01", "2019-01-31") < span("2019-01-02", "2019-01-03"));
  CHECK(span("2019-01-01", "2019-01-30") < span("2019-01-01", "2019-01-31"));
  CHECK(span("2019-01-01", "2019-01-31") == span("2019-01-01", "2019-01-31"));
  CHECK(span("2019-01-01", "2019-01-31") != span("2019-01-01", "2019-02-01"));
}

}  // TEST_SUITE
