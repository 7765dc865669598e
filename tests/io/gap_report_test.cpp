#include "totalis/io/gap_report.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace totalis;
using namespace totalis::literals;

namespace {

History history_with(std::vector<Period> periods) {
  History h;
  h.worker.id = "W-1";
  h.worker.residence = Country("DE");
  h.periods = std::move(periods);
  return h;
}

Period us_period(const char* contributions, std::optional<Currency> currency = std::nullopt) {
  Period p;
  p.country = Country("US");
  p.span = Span(Date(1990, 1, 1), Date(1990, 12, 31));
  p.contributions = Amount::parse(contributions);
  p.currency = currency;
  return p;
}

SchemeResult us_result(const char* counterfactual, const char* portable) {
  SchemeResult s;
  s.country = Country("US");
  s.scheme = SchemeId("US-OASDI");
  s.currency = Currency("USD");
  s.per = Per::month;
  s.own_periods = {TimeUnit::quarter, Amount{24}};
  s.counterfactual = Amount::parse(counterfactual);
  s.portable = Amount::parse(portable);
  s.lost = s.counterfactual - s.portable;
  if (!s.lost.is_zero()) s.lost_reasons.push_back({LostReason::pro_rata_method, s.lost});
  return s;
}

Assessment assessment_of(std::vector<SchemeResult> schemes) {
  Assessment a;
  a.worker_id = "W-1";
  a.residence = Country("DE");
  a.schemes = std::move(schemes);
  return a;
}

// Every column after `unit`: workers ... annual_lost_frozen_uprating.
const std::string header =
    "section,from,to,scheme,reason,currency,unit,workers,period_rows,periods,contributions_paid,"
    "contributions_other_currency_rows,annual_counterfactual,annual_portable,annual_lost,"
    "annual_lost_pro_rata_method,annual_lost_not_qualified,annual_lost_not_yet_qualified,"
    "annual_lost_below_agreement_minimum,annual_lost_no_agreement,annual_lost_refund_forfeits_periods,"
    "annual_lost_not_exportable,annual_lost_frozen_uprating\n";

}  // namespace

TEST_SUITE("gap report") {

TEST_CASE("the header documents one column per lost reason") { CHECK(io::GapReport::csv_header() == header); }

TEST_CASE("an empty report is its header") { CHECK(io::GapReport().csv() == header); }

TEST_CASE("workers of one corridor and scheme add up, annualised, exactly") {
  io::GapReport report;
  report.add(history_with({us_period("1000.10"), us_period("500", Currency("EUR"))}),
             assessment_of({us_result("300.00", "286.40")}));
  report.add(history_with({us_period("0.20")}), assessment_of({us_result("100.005", "100.005")}));
  CHECK(report.workers() == 2);
  // 12 × (300 + 100.005) = 4800.06; 12 × (286.40 + 100.005) = 4636.86; lost 12 × 13.60 = 163.20
  CHECK(report.csv() == header +
                            "scheme,US,DE,US-OASDI,,USD,quarter,2,3,48,1000.30,1,4800.06,4636.86,163.20,163.20,"
                            "0.00,0.00,0.00,0.00,0.00,0.00,0.00\n");
}

TEST_CASE("a period routed to another scheme of the country is not counted") {
  Period routed = us_period("70");
  routed.scheme = SchemeId("US-RRB");
  io::GapReport report;
  report.add(history_with({routed, us_period("30")}), assessment_of({us_result("1", "1")}));
  CHECK(report.csv().find("scheme,US,DE,US-OASDI,,USD,quarter,1,1,24,30.00,0,") != std::string::npos);
}

TEST_CASE("weekly schemes annualise by 52; unassessed periods are listed by reason") {
  SchemeResult gb = us_result("10", "0");
  gb.country = Country("GB");
  gb.scheme = SchemeId("GB-NSP");
  gb.currency = Currency("GBP");
  gb.per = Per::week;
  gb.own_periods = {TimeUnit::year, Amount{3}};
  gb.lost_reasons = {{LostReason::not_qualified, "10"_amt}};
  Assessment a = assessment_of({gb});
  Unassessed saudi;
  saudi.country = Country("SA");
  saudi.reason = UnassessedReason::not_covered;
  saudi.periods.count = Amount{18};
  saudi.contributions = Money(Currency("SAR"), "9000"_amt);
  saudi.why = "GOSI covers Saudi nationals only";
  a.unassessed.push_back(saudi);
  Period sa;
  sa.country = Country("SA");
  sa.span = Span(Date(2000, 1, 1), Date(2001, 6, 30));
  io::GapReport report;
  report.add(history_with({sa}), a);
  CHECK(report.csv() == header +
                            "scheme,GB,DE,GB-NSP,,GBP,year,1,0,3,0.00,0,520.00,0.00,520.00,0.00,520.00,0.00,"
                            "0.00,0.00,0.00,0.00,0.00\n"
                            "unassessed,SA,DE,,not_covered,SAR,month,1,1,18,9000.00,,,,,,,,,,,,\n");
}

TEST_CASE("merging partial reports gives the totals of adding everything to one") {
  io::GapReport one, a, b;
  const History h = history_with({us_period("1")});
  const Assessment x = assessment_of({us_result("3", "1")});
  const Assessment y = assessment_of({us_result("7", "7")});
  one.add(h, x);
  one.add(h, y);
  one.add(h, x);
  a.add(h, x);
  b.add(h, y);
  b.add(h, x);
  a.merge(b);
  CHECK(a.csv() == one.csv());
  CHECK(a.workers() == 3);
}

}
