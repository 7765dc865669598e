// The six hardest rules of issue #3, written in the rule format (tests/rules-design/), load and
// evaluate: each figure below is a domain.md acceptance case (A-n) or hand arithmetic shown
// beside it, never a value copied from the program's output.

#include "rule_test_context.hpp"

#include "totalis/io/rulebook_loader.hpp"
#include "totalis/rules/rulebook.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

using totalis::Amount;
using totalis::Date;
using totalis::Rounding;
using totalis::SchemeId;
using totalis::rules::Rulebook;
using totalis::rules::Scheme;
using totalis::testing::RuleTestContext;

namespace {

const Rulebook& design() {
  static const std::shared_ptr<const Rulebook> rules =
      totalis::io::load_rulebook(std::string(TOTALIS_TEST_DATA) + "/rules-design");
  return *rules;
}

const Scheme& scheme(const char* id) { return design().scheme(SchemeId{id}); }

Amount amount(const char* text) { return Amount::parse(text); }

}  // namespace

TEST_SUITE("rules design files") {

TEST_CASE("the design files load without a problem: 6 schemes, 3 agreements") {
  const auto check = totalis::io::check_rulebook(std::string(TOTALIS_TEST_DATA) + "/rules-design");
  CHECK(check.problems.empty());
  CHECK(check.schemes == 6);
  CHECK(check.agreements == 3);
  CHECK(design().agreement("US-DE") != nullptr);
  CHECK(design().agreement("EU-883")->party(SchemeId{"DE-GRV"})->from_wildcard);
}

TEST_CASE("US: bend points from the AWI two years before eligibility (SSA OACT: 2024 $1,174/$7,078, 2025 $1,226/$7,391)") {
  const Scheme& us = scheme("US-OASDI");
  // awi_for_eligibility is the AWI series re-keyed: the value for eligibility year Y is AWI(Y − 2).
  CHECK(us.parameter("awi_for_eligibility")->at_year(2025)->scalar() == amount("66621.80"));
  CHECK(us.parameter("awi_1977")->at_year(1900)->scalar() == amount("9779.44"));
  for (const auto& [year, b1, b2] : {std::tuple{2024, "1174", "7078"}, std::tuple{2025, "1226", "7391"}}) {
    RuleTestContext context(us);
    context.set("awi_for_eligibility", us.parameter("awi_for_eligibility")->at_year(year)->scalar())
        .set("awi_1977", us.parameter("awi_1977")->at_year(year)->scalar());
    CHECK(context.evaluate_formula("bend_point_1") == amount(b1));
    CHECK(context.evaluate_formula("bend_point_2") == amount(b2));
  }
}

TEST_CASE("US: the PIA formula (A-4: AIME $13,689 in 2025 gives $4,020.90; A-5: AIME $3,000 gives $1,671.00)") {
  const Scheme& us = scheme("US-OASDI");
  for (const auto& [aime, pia] : {std::pair{"13689", "4020.90"}, std::pair{"3000", "1671.00"}}) {
    RuleTestContext context(us);
    context.set("aime", aime).set("bend_point_1", "1226").set("bend_point_2", "7391");
    CHECK(context.evaluate_formula("pia") == amount(pia));
  }
}

TEST_CASE("US: the relative earnings position of 20 CFR 404.1918 Example 1 (A-1: 95.85467 %)") {
  const Scheme& us = scheme("US-OASDI");
  RuleTestContext context(us);
  // Worker C: 26 US QCs, 1974 (2 QCs) to 1980; the AWI and maximum come from the rule file.
  const std::pair<int, const char*> earnings[] = {{1974, "2045.08"}, {1975, "7542"}, {1976, "9016"}, {1977, "9952"},
                                                  {1978, "10924"}, {1979, "12851"}, {1980, "11924"}};
  for (const auto& [year, earned] : earnings)
    context.add_year(year, {{"earnings", amount(earned)}, {"qc_us", Amount{year == 1974 ? 2 : 4}}});
  context.set("qc_us", Amount{26});
  const Amount rep = context.evaluate_formula("rep");
  // The rule keeps REP exact; the regulation prints it as a percentage to 5 decimals.
  CHECK((rep * Amount{100}).rounded(amount("0.00001"), Rounding::down) == amount("95.85467"));
}

TEST_CASE("US: the pro-rata PIA, capped at the US-alone PIA, then the benefit in whole dollars") {
  const Scheme& us = scheme("US-OASDI");
  const totalis::rules::PartyRules& party = *design().agreement("US-DE")->party(SchemeId{"US-OASDI"});
  SUBCASE("A-5: 24 US QCs, elapsed years 1985-2024 = 40, 35 computation years: 1671.00 × 24/140 = 286.457 → $286.40") {
    RuleTestContext context(us);
    context.set("elapsed_years", "40").set("dropout_years", us.parameter("dropout_years")->at_year(2025)->scalar());
    CHECK(context.evaluate_formula("computation_years") == Amount{35});
    context.set("qc_us", "24");
    const Amount ratio = party.ratio->compiled->evaluate_number(context);
    CHECK(ratio == Amount{24} / Amount{140});
    context.set("ratio", ratio).set("theoretical", "1671.00").set("pia", "1671.00");
    const Amount pro_rata = party.amount->compiled->evaluate_number(context);
    CHECK(pro_rata == amount("286.40"));
    context.set("pro_rata", pro_rata);
    // Paid at full retirement age in the year of eligibility: no COLA yet, factor 1 → $286 (DESIGN §6)
    context.set("eligibility_year", "2025").set("cola_end", "2025").set("claim_factor", "1");
    CHECK(party.accrued->compiled->evaluate_number(context) == amount("286"));
    // At 62, 60 months early: 286.40 × (1 − 36 × 5/900 − 24 × 5/1200) = 286.40 × 0.70 = 200.48 → $200
    context.set("claim_factor", "0.70");
    CHECK(party.accrued->compiled->evaluate_number(context) == amount("200"));
  }
  SUBCASE("A-1: theoretical PIA $453, 26 QCs over 26 computation years (104 quarters): 453 × 26/104 = 113.25 → $113.20") {
    RuleTestContext context(us);
    context.set("qc_us", "26").set("computation_years", "26");
    context.set("ratio", party.ratio->compiled->evaluate_number(context)).set("theoretical", "453").set("pia", "453");
    CHECK(party.amount->compiled->evaluate_number(context) == amount("113.20"));
  }
  SUBCASE("404.1918(a)(4): a pro-rata PIA above the US-alone PIA is reduced to it (hand case: 1671 × 24/35 = 1145.83 > 900)") {
    RuleTestContext context(us);
    context.set("ratio", Amount{24} / Amount{35}).set("theoretical", "1671.00").set("pia", "900.00");
    CHECK(party.amount->compiled->evaluate_number(context) == amount("900.00"));
  }
  SUBCASE("A-3: fewer than 6 US QCs cannot be totalized") {
    RuleTestContext context(us);
    context.set("qc_us", "5");
    CHECK_FALSE(party.minimum_own->compiled->evaluate_boolean(context));
    context.set("qc_us", "6");
    CHECK(party.minimum_own->compiled->evaluate_boolean(context));
  }
}

TEST_CASE("Germany: the Zugangsfaktor and the monthly pension") {
  const Scheme& de = scheme("DE-GRV");
  RuleTestContext context(de);
  context.set_parameter_at("zugangsfaktor_reduction_per_month", Date(2025, 7, 1))
      .set_parameter_at("zugangsfaktor_increase_per_month", Date(2025, 7, 1))
      .set_parameter_at("rentenartfaktor", Date(2025, 7, 1))
      .set_parameter_at("rentenwert", Date(2025, 7, 1));
  SUBCASE("A-19: 14 months early, ZF = 1 − 14 × 0.003 = 0.958") {
    context.set("months_before_normal_age", "14").set("months_after_normal_age", "0");
    CHECK(context.evaluate_formula("zugangsfaktor") == amount("0.958"));
  }
  SUBCASE("A-18: 45 EP at the Regelaltersgrenze from 1 July 2025: 45 × 40.79 = 1,835.55") {
    context.set("months_before_normal_age", "0").set("months_after_normal_age", "0");
    context.evaluate_formula("zugangsfaktor");
    context.set("earnings_points", "45");
    CHECK(de.variant("regelaltersrente")->benefit.compiled->evaluate_number(context) == amount("1835.55"));
  }
  SUBCASE("A-20: 4.0 EP → 4.0 × 40.79 = 163.16; 48 own months fail the Wartezeit, 48 + 90 credited months meet it") {
    context.set("months_before_normal_age", "0").set("months_after_normal_age", "0");
    context.evaluate_formula("zugangsfaktor");
    context.set("earnings_points", "4.0").set_parameter_at("wartezeit_months", Date(2025, 7, 1));
    CHECK(de.variant("regelaltersrente")->benefit.compiled->evaluate_number(context) == amount("163.16"));
    context.set("months", "48");
    CHECK_FALSE(de.variant("regelaltersrente")->qualifies.compiled->evaluate_boolean(context));
    context.set("months", "138");
    CHECK(de.variant("regelaltersrente")->qualifies.compiled->evaluate_boolean(context));
    RuleTestContext own(de);
    own.set("months_de", "48");
    CHECK(design().agreement("US-DE")->party(SchemeId{"DE-GRV"})->minimum_own->compiled->evaluate_boolean(own));
  }
  SUBCASE("the pension from 63 needs 35 years (420 months) and may start at 63") {
    const totalis::rules::Variant& early = *de.variant("langjaehrig_versichert");
    CHECK(early.earliest_age == totalis::rules::Age{63, 0});
    context.set_parameter_at("long_term_months", Date(2025, 7, 1)).set("months", "419");
    CHECK_FALSE(early.qualifies.compiled->evaluate_boolean(context));
    context.set("months", "420");
    CHECK(early.qualifies.compiled->evaluate_boolean(context));
  }
}

TEST_CASE("EU Art 52 + 56(1)(a): the ratio is capped at a state's full-benefit period (A-9: 800 × 18/40 = 360; 920 × 24/42 = 525.71)") {
  const Scheme& de = scheme("DE-GRV");
  const totalis::rules::PartyRules& eu = *design().agreement("EU-883")->party(SchemeId{"DE-GRV"});
  CHECK(eu.method == totalis::rules::AmountMethod::higher_of);
  CHECK(eu.impute == totalis::rules::Imputation::average_own);   // Art 56(1)(c)
  CHECK(eu.small_periods->mode == totalis::rules::SmallPeriodMode::shift);   // Art 57
  CHECK(eu.small_periods->threshold_count == Amount{1});
  RuleTestContext a(de);
  a.set("own", "18").set("total", "42").set("full_benefit_periods", "40");
  CHECK(Amount{800} * eu.ratio->compiled->evaluate_number(a) == Amount{360});
  RuleTestContext b(de);   // no maximum: full_benefit_periods reads as total
  b.set("own", "24").set("total", "42").set("full_benefit_periods", "42");
  const Amount unrounded = Amount{920} * eu.ratio->compiled->evaluate_number(b);
  // No amount in the agreement: the scheme's own final rounding applies (round_half_up, 0.01).
  CHECK_FALSE(eu.amount.has_value());
  const totalis::rules::FinalRounding& r = *de.variant("regelaltersrente")->rounding;
  CHECK(unrounded.rounded(Amount::parse(r.step), r.mode) == amount("525.71"));
}

TEST_CASE("Canada OAS: n/40, the 10-year test with agreement periods, the 20-year export rule") {
  const Scheme& oas = scheme("CA-OAS");
  const totalis::rules::Variant& v = oas.variants.front();
  RuleTestContext context(oas);
  context.set_parameter_at("full_pension", Date(2025, 2, 1))
      .set_parameter_at("full_years", Date(2025, 2, 1))
      .set_parameter_at("minimum_years_in_canada", Date(2025, 2, 1))
      .set_parameter_at("minimum_years_abroad", Date(2025, 2, 1));
  // Claimed at 65 (no deferral: 1 + 0.006 × 0) and younger than 75 (no 10 % increase): both factors 1.
  context.set("deferral_factor", "1").set("age_75_factor", "1");
  SUBCASE("A-13: 13 years in Canada → 727.67 × 13/40 = 236.49, not payable abroad after 6 months") {
    context.set("residence_years", "13").set("residence_years_all", "13");
    CHECK(v.qualifies.compiled->evaluate_boolean(context));
    const Amount accrued = v.benefit.compiled->evaluate_number(context);
    CHECK(accrued == amount("236.49"));
    context.set("accrued", accrued).set("months_abroad", "7").residence("PE");
    const auto& rule = *std::find_if(oas.exports.begin(), oas.exports.end(), [&](const auto& e) {
      return e.when.compiled->evaluate_boolean(context);
    });
    CHECK(rule.payable.compiled->evaluate_number(context) == Amount{0});
  }
  SUBCASE("A-14: 1 year in Canada + 19 of US coverage, living in the US → 1/40 (727.67/40 = 18.19), paid there") {
    context.set("residence_years", "1").set("residence_years_all", "20");
    CHECK(v.qualifies.compiled->evaluate_boolean(context));
    const Amount accrued = v.benefit.compiled->evaluate_number(context);
    CHECK(accrued == amount("18.19"));
    context.set("accrued", accrued).set("months_abroad", "30").residence("US");
    const auto& rule = *std::find_if(oas.exports.begin(), oas.exports.end(), [&](const auto& e) {
      return e.when.compiled->evaluate_boolean(context);
    });
    CHECK(rule.payable.compiled->evaluate_number(context) == amount("18.19"));
    RuleTestContext one_year(oas);
    one_year.set("residence_years", "1");
    CHECK(design().agreement("CA-US")->party(SchemeId{"CA-OAS"})->minimum_own->compiled->evaluate_boolean(one_year));
  }
}

TEST_CASE("Japan: the lump-sum withdrawal (A-21: 16,610 × 1/2 × 60 = ¥498,300) erases the periods it pays for") {
  const Scheme& jp = scheme("JP-NP");
  const totalis::rules::RefundOption& refund = jp.refunds.front();
  CHECK(refund.erases_periods);
  CHECK(refund.deadline_months == 24);
  RuleTestContext context(jp);
  const Date last_paid(2021, 12, 1);   // FY2021
  context.set_parameter_at("premium", last_paid).set_parameter_at("lump_sum_cap_months", last_paid)
      .set_parameter_at("lump_sum_share", last_paid).set_parameter_at("lump_sum_minimum_months", last_paid)
      .set("months", "60").set("premium_months", "60").set_truth("qualified_alone", false)
      .national_of("PH").residence("PH");   // 60 paid Category 1 months (Supp. Provisions Art 9-3-2)
  CHECK(refund.who.compiled->evaluate_boolean(context));
  CHECK(refund.amount.compiled->evaluate_number(context) == Amount{498300});
  SUBCASE("a Japanese national may not take it") {
    context.national_of("JP");
    CHECK_FALSE(refund.who.compiled->evaluate_boolean(context));
  }
  SUBCASE("the cap was 36 months for a last paid month before April 2021") {
    CHECK(jp.parameter("lump_sum_cap_months")->at(Date(2021, 3, 1))->scalar() == Amount{36});
  }
}

TEST_CASE("Japan: the Old-age Basic Pension (A-21: 816,000 × 60/480 = ¥102,000; A-22: 831,700 × 120/480 = ¥207,925)") {
  const Scheme& jp = scheme("JP-NP");
  const totalis::rules::Variant& v = jp.variants.front();
  for (const auto& [as_of, months, yen] : {std::tuple{Date(2024, 10, 1), "60", 102000}, std::tuple{Date(2025, 10, 1), "120", 207925}}) {
    RuleTestContext context(jp);
    context.set_parameter_at("full_amount", as_of).set_parameter_at("full_months", as_of)
        .set("born_before_1956_04_02", jp.parameter("born_before_1956_04_02")->at(Date(1970, 1, 1))->scalar())
        .set("full_amount_born_before_1956_04_02", "813700").set("months", months);
    CHECK(v.benefit.compiled->evaluate_number(context) == Amount{yen});
  }
}

TEST_CASE("UK new State Pension: n/35 on UK years, frozen in Canada, uprated in the US (A-15, A-17)") {
  const Scheme& uk = scheme("GB-NSP");
  const totalis::rules::Variant& v = uk.variants.front();
  RuleTestContext context(uk);
  context.set_parameter_at("full_rate", Date(2025, 7, 1)).set_parameter_at("full_years", Date(2025, 7, 1))
      .set_parameter_at("minimum_years", Date(2025, 7, 1)).set("qualifying_years", "7").set("total", "23");
  CHECK(v.qualifies.compiled->evaluate_boolean(context));   // 7 UK + 16 EEA years ≥ 10
  const Amount accrued = v.benefit.compiled->evaluate_number(context);
  CHECK(accrued == amount("46.05"));   // 230.25 × 7/35
  context.set("accrued", accrued);
  const auto first_rule = [&](const char* country) {
    context.residence(country);
    return std::find_if(uk.exports.begin(), uk.exports.end(),
                        [&](const auto& e) { return e.when.compiled->evaluate_boolean(context); });
  };
  CHECK(first_rule("CA")->indexation == totalis::rules::Indexation::frozen);
  CHECK(first_rule("US")->indexation == totalis::rules::Indexation::uprated);
  CHECK(first_rule("AU")->indexation == totalis::rules::Indexation::frozen);
  CHECK(first_rule("GB")->indexation == totalis::rules::Indexation::uprated);
  CHECK(first_rule("CA")->payable.compiled->evaluate_number(context) == amount("46.05"));
  context.set("total", "9");
  CHECK_FALSE(v.qualifies.compiled->evaluate_boolean(context));
}

}
