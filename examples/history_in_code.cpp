// How do I build a history in C++ and read the figures and the trace through the API?
//
// A US–Germany career (domain.md cases ): born 1963, six years in the US earning
// exactly the national average wage (24 quarters of coverage), then four years in Germany at
// average earnings (48 months, 4.0 earnings points). Neither country's periods qualify alone;
// the US–Germany agreement adds them up for eligibility in both.

#include "totalis/core/validation.hpp"       // totalis::validate
#include "totalis/engine/assess.hpp"         // totalis::assess
#include "totalis/io/report.hpp"             // io::format_amount
#include "totalis/io/rulebook_loader.hpp"    // io::load_rulebook

#include <iostream>
#include <string>
#include <vector>

int main() {
  using namespace totalis;
  using namespace totalis::literals;          // "US"_cc, checked at compile time

  History history;
  history.worker.id = "A-5/A-20";
  history.worker.birth_date = parse_date("1963-03-15");
  history.worker.nationalities = {"DE"_cc};
  history.worker.residence = "DE"_cc;
  history.worker.as_of = parse_date("2025-07-01");   // the law in force on this date applies

  // US earnings are reported per calendar year, so one period per year. Amounts are decimal
  // strings: here each year's national average wage index (SSA OACT), so the relative earnings
  // position of 20 CFR 404.1918 is exactly 1.
  const char* const us_earnings[] = {"16822.51", "17321.82", "18426.51", "19334.04", "20099.55", "21027.98"};
  for (int i = 0; i < 6; ++i) {
    const std::string year = std::to_string(1985 + i);
    Period us;                                 // kind defaults to employed
    us.country = "US"_cc;                      // the legislation that applied
    us.span = Span{parse_date(year + "-01-01"), parse_date(year + "-12-31")};   // both days included
    us.earnings = Amount::parse(us_earnings[i]);
    history.periods.push_back(us);
  }
  // German periods carry the earnings points the pension insurance has recorded (SGB VI §63).
  Period de;
  de.country = "DE"_cc;
  de.span = Span{parse_date("2000-01-01"), parse_date("2003-12-31")};
  de.credits = {Credit{"earnings_points", Amount::parse("4.0")}};
  history.periods.push_back(de);

  // Validate before assessing: assess() expects a valid history (DESIGN §7).
  if (const std::vector<Problem> problems = validate(history); !problems.empty()) {
    for (const Problem& problem : problems) std::cerr << problem.str() << '\n';
    return 1;
  }

  const auto rulebook = io::load_rulebook("agreements");
  const Assessment assessment = assess(*rulebook, history);

  // One SchemeResult per scheme the history touches, in scheme-id order. Amounts are exact
  // (Amount): format_amount prints them as reports do, "426.00".
  for (const SchemeResult& s : assessment.schemes) {
    if (&s != &assessment.schemes.front()) std::cout << '\n';
    std::cout << s.scheme.view() << " (" << s.currency.code() << " a " << to_string(s.per) << ", "
              << to_string(s.status) << ")\n"
              << "  own periods " << s.own_periods.count.str() << " " << to_string(s.own_periods.unit) << "s";
    if (s.totalized_periods) std::cout << ", totalized " << s.totalized_periods->count.str();
    std::cout << "; qualifies alone: " << (s.qualified_alone ? "yes" : "no")
              << ", with totalization: " << (s.qualified_totalized ? "yes" : "no") << '\n'
              << "  basis " << to_string(s.basis) << " under " << s.agreement_applied.value_or("no agreement") << '\n';
    if (s.theoretical) std::cout << "  theoretical " << io::format_amount(*s.theoretical) << '\n';
    if (s.pro_rata) std::cout << "  pro rata    " << io::format_amount(*s.pro_rata) << '\n';
    std::cout << "  accrued     " << io::format_amount(s.accrued) << '\n'
              << "  portable    " << io::format_amount(s.portable) << " (" << to_string(s.indexation) << ")\n"
              << "  lost        " << io::format_amount(s.lost) << '\n';
    // The reasons add up to `lost` exactly, in the waterfall order of DESIGN §1.
    for (const LostShare& share : s.lost_reasons)
      std::cout << "    " << to_string(share.reason) << ": " << io::format_amount(share.amount) << '\n';
    // The trace: every step that produced a figure, with the article of law behind it.
    std::cout << "  trace:\n";
    for (const TraceStep& step : s.trace)
      std::cout << "    " << step.step << " = " << step.value << "\n      [" << step.cite << "]\n";
  }
  return 0;
}
