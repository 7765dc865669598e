// When a benefit can start: the months of entitlement at the earliest and the normal age, under
// each entitlement rule (DESIGN §1 "claim date"; the US rules of 20 CFR 404.311 and 404.410).

#include "totalis/engine/claim_timing.hpp"

#include <doctest/doctest.h>

using namespace totalis;
using totalis::engine::claim_timing;
using totalis::engine::entitlement_from;
using totalis::rules::Entitlement;

namespace {

rules::Parameter age(int years, int months = 0) {
  rules::Parameter p;
  p.name = "age";
  p.entries.push_back(rules::ParameterEntry{std::nullopt, std::nullopt,
                                            rules::ParameterValue{Amount{years * 12 + months}}, std::nullopt, {}});
  return p;
}

/// A US-like scheme: 62 from the first month throughout, full retirement age 67 from its month.
rules::Scheme us_like(std::optional<Entitlement> normal_entitlement) {
  rules::Scheme s{.id = SchemeId{"US-TEST"}, .country = Country{"US"}, .name = {}, .currency = Currency{"USD"},
                  .per = rules::BenefitPeriod::month, .cite = {}, .note = {}, .warning = {}, .caveats = {}, .periods = {},
                  .scope = {}, .pension_age = {}, .parameters = {}, .measures = {}, .formulas = {},
                  .variants = {}, .exports = {}, .refunds = {}, .symbols = {}, .where = {}};
  rules::PensionAge a;
  a.attainment = AgeRule::day_before_birthday;
  a.entitlement = Entitlement::first_full_month;
  a.normal_entitlement = normal_entitlement;
  a.earliest = age(62);
  a.normal = age(67);
  s.pension_age = a;
  return s;
}

Worker born(const char* date) {
  Worker w;
  w.birth_date = parse_date(date);
  w.as_of = parse_date("2030-01-01");
  return w;
}

}  // namespace

TEST_CASE("entitlement rules: the month an age is attained, the first month throughout, the month after") {
  // attained on 14 March: March, April, April
  CHECK(entitlement_from(parse_date("2027-03-14"), Entitlement::month_attained) == parse_date("2027-03-01"));
  CHECK(entitlement_from(parse_date("2027-03-14"), Entitlement::first_full_month) == parse_date("2027-04-01"));
  CHECK(entitlement_from(parse_date("2027-03-14"), Entitlement::month_after) == parse_date("2027-04-01"));
  // attained on 1 March (born on the 2nd): the age is had throughout March
  CHECK(entitlement_from(parse_date("2027-03-01"), Entitlement::first_full_month) == parse_date("2027-03-01"));
}

TEST_CASE("US: 62 from the first month throughout, full retirement age from the month it is attained") {
  const rules::Scheme s = us_like(Entitlement::month_attained);
  SUBCASE("born 15 March 1960: 62 on 14 March 2022 → April 2022; 67 on 14 March 2027 → March 2027") {
    const auto t = claim_timing(s, nullptr, born("1960-03-15"));
    CHECK(t.first_entitlement == parse_date("2022-04-01"));
    REQUIRE(t.normal_entitlement);
    CHECK(*t.normal_entitlement == parse_date("2027-03-01"));
    REQUIRE(t.normal_age_months);
    CHECK(*t.normal_age_months == 804);
  }
  SUBCASE("born 1 March 1960: 62 on 28 February 2022, throughout March; 67 on 28 February 2027 → February") {
    const auto t = claim_timing(s, nullptr, born("1960-03-01"));
    CHECK(t.first_entitlement == parse_date("2022-03-01"));
    CHECK(*t.normal_entitlement == parse_date("2027-02-01"));
  }
  SUBCASE("without normal_entitlement the normal age follows `entitlement`: April 2027") {
    const auto t = claim_timing(us_like(std::nullopt), nullptr, born("1960-03-15"));
    CHECK(*t.normal_entitlement == parse_date("2027-04-01"));
  }
}
