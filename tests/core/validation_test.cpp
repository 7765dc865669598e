#include "totalis/core/validation.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace totalis;
using namespace totalis::literals;

namespace {

History worker_born_1960() {
  History h;
  h.worker.id = "W-9";
  h.worker.birth_date = Date(1960, 5, 10);
  h.worker.residence = "DE"_cc;
  h.worker.as_of = Date(2025, 7, 1);
  return h;
}

Period employed(Country c, Date from, Date to) {
  Period p;
  p.country = c;
  p.span = Span(from, to);
  p.kind = PeriodKind::employed;
  return p;
}

std::vector<std::string> messages(const History& h, const ValidationOptions& o = {}) {
  std::vector<std::string> out;
  for (const Problem& p : validate(h, o)) out.push_back(p.str());
  return out;
}

}  // namespace

TEST_SUITE("validation") {

TEST_CASE("a valid history has no problems") {
  History h = worker_born_1960();
  h.periods.push_back(employed("DE"_cc, Date(1980, 1, 1), Date(1989, 12, 31)));
  h.periods.push_back(employed("DE"_cc, Date(1990, 1, 1), Date(1999, 12, 31)));
  h.periods.push_back(employed("US"_cc, Date(1985, 1, 1), Date(1985, 12, 31)));   // another country's scheme
  CHECK(messages(h).empty());
}

TEST_CASE("overlap is judged per country, scheme and kind, and found whatever the order") {
  History h = worker_born_1960();
  h.periods.push_back(employed("DE"_cc, Date(1990, 1, 1), Date(1999, 12, 31)));
  h.periods.push_back(employed("DE"_cc, Date(1980, 1, 1), Date(1990, 1, 1)));   // shares one day
  Period residence = employed("DE"_cc, Date(1980, 1, 1), Date(1999, 12, 31));
  residence.kind = PeriodKind::residence;
  h.periods.push_back(residence);
  const auto found = messages(h);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "W-9 period 2: overlaps period 1 (DE employed 1990-01-01 to 1999-12-31): one period per "
                    "scheme and kind at a time; concurrent jobs are one period with their earnings summed");
  SUBCASE("different schemes of one country may overlap (Japan's NP and EPI)") {
    h.periods[0].country = "JP"_cc;
    h.periods[1].country = "JP"_cc;
    h.periods[0].scheme = SchemeId("JP-NP");
    h.periods[1].scheme = SchemeId("JP-EPI");
    CHECK(messages(h).empty());
  }
}

TEST_CASE("a period nested inside a long one is found even after a short one in between") {
  History h = worker_born_1960();
  h.periods.push_back(employed("DE"_cc, Date(1980, 1, 1), Date(2000, 12, 31)));
  h.periods.push_back(employed("DE"_cc, Date(1985, 1, 1), Date(1985, 12, 31)));
  h.periods.push_back(employed("DE"_cc, Date(1990, 1, 1), Date(1990, 12, 31)));
  CHECK(messages(h).size() == 2);   // both inner periods overlap the long one
}

TEST_CASE("worker fields are checked against each other") {
  History h = worker_born_1960();
  h.worker.residence_since = Date(2026, 1, 1);
  h.worker.claim_date = Date(1950, 1, 1);
  h.worker.nationalities = {"DE"_cc, "DE"_cc};
  h.worker.claim_dates = {{"DE-GRV", Date(2027, 1, 1)}, {"germany", Date(2027, 1, 1)}, {"DE-GRV", Date(2028, 1, 1)}};
  CHECK(messages(h) == std::vector<std::string>{
                           "W-9: 'residence_since' 2026-01-01 is after 'as_of' 2025-07-01",
                           "W-9: 'claim_date' 1950-01-01 is before the worker's birth (1960-05-10)",
                           "W-9: nationality 'DE' is listed twice",
                           "W-9: 'claim_dates' key 'germany' is neither a country code nor a scheme id",
                           "W-9: 'claim_dates' names 'DE-GRV' twice",
                       });
}

TEST_CASE("amounts, credits and refunds") {
  History h = worker_born_1960();
  Period p = employed("DE"_cc, Date(1990, 1, 1), Date(1990, 12, 31));
  p.credits = {{"earnings_points", "-0.5"_amt}};
  p.refunded_on = Date(2026, 1, 1);
  p.contributions = "100"_amt;
  p.employee_contributions = "100.01"_amt;
  h.periods.push_back(p);
  CHECK(messages(h) == std::vector<std::string>{
                           "W-9 period 1: 'employee_contributions' 100.01 exceed 'contributions' 100",
                           "W-9 period 1: credit 'earnings_points' -0.5 is negative",
                           "W-9 period 1: 'refunded_on' 2026-01-01 is after 'as_of' 2025-07-01",
                       });
}

TEST_CASE("too many periods is one clear problem, not exhaustion") {
  History h = worker_born_1960();
  h.periods.assign(3, employed("DE"_cc, Date(1990, 1, 1), Date(1990, 1, 1)));
  ValidationOptions options;
  options.max_periods = 2;
  CHECK(messages(h, options) == std::vector<std::string>{"W-9: has 3 periods; at most 2 are accepted"});
}

}  // TEST_SUITE
