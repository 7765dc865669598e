// Properties of assess() over seeded careers (career_generator.hpp), each a test of its own so a
// failure names the property and the career, run twice: on the synthetic rulebook of
// tests/engine/rules, and on the bundled agreements/ (the real schemes, with as-of dates inside
// the window their dated values cover):
//
// - splitting a period into two adjacent ones changes no figure. Every synthetic scheme counts
//   time (calendar months touched, periods merged before counting), so the months are the same.
//   A period's amounts (earnings, contributions, pension points) are totals for the period: they
//   stay whole on the first piece, the second has none, so sums are unchanged (the synthetic
//   schemes and agreements only sum them: NO-SYN's credit_sum, its own-average imputation over
//   the same months). Splitting them proportionally would need a rule for the share of each
//   piece (by days? by months?) the law does not give. A refund date stays on both pieces.
// - adding an own period never lowers the accrued of a scheme flagged `monotone` in its rule file
//   (not final-average formulas such as India's EPS or the SSS, nor the US relative earnings
//   position, which averages over the record). Only the scheme the period belongs to is checked:
//   a pro-rata scheme with a flat part (FI-SYN) may rightly pay less when another state's periods
//   raise the total it prorates over. On the bundled rules, a split period carries no amounts:
//   real schemes place earnings in the years they were earned, so moving them is not a split.
// - moving the worker's residence into a scheme's country never lowers that scheme's portable.
//
// How many careers: TOTALIS_PROPERTY_CAREERS when set; otherwise 3,000 (each property) in an
// optimised build and 250 in a sanitizer build, to stay within the test command's time.

#include "career_generator.hpp"

#include "totalis/core/validation.hpp"
#include "totalis/engine/assess.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace totalis;
using testing::Dice;

namespace {

#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
constexpr int default_careers = 250;
#else
constexpr int default_careers = 3000;
#endif

int careers() {
  if (const char* n = std::getenv("TOTALIS_PROPERTY_CAREERS"); n && *n) return std::max(1, std::atoi(n));
  return default_careers;
}

const rules::Rulebook& synthetic_rules() {
  static const std::shared_ptr<const rules::Rulebook> r =
      io::load_rulebook(std::filesystem::path(TOTALIS_TEST_DATA) / "engine" / "rules");
  return *r;
}

const rules::Rulebook& bundled_rules() {
  static const std::shared_ptr<const rules::Rulebook> r = io::load_rulebook(TOTALIS_AGREEMENTS);
  return *r;
}

/// Schemes of `rules` flagged monotone whose country the careers of `space` work in.
std::vector<SchemeId> monotone_schemes(const rules::Rulebook& rules, const testing::CareerSpace& space) {
  std::vector<SchemeId> ids;
  for (const rules::Scheme& s : rules.schemes())
    if (s.periods.monotone &&
        std::find(space.countries.begin(), space.countries.end(), s.country.alpha2()) != space.countries.end())
      ids.push_back(s.id);
  return ids;
}

const SchemeResult* find(const Assessment& a, const SchemeId& id) {
  for (const SchemeResult& s : a.schemes)
    if (s.scheme == id) return &s;
  return nullptr;
}

/// The first figure in which two results of one scheme differ, or empty.
std::string figures_differ(const SchemeResult& x, const SchemeResult& y) {
  if (x.accrued != y.accrued) return "accrued " + x.accrued.str() + " vs " + y.accrued.str();
  if (x.portable != y.portable) return "portable " + x.portable.str() + " vs " + y.portable.str();
  if (x.counterfactual != y.counterfactual)
    return "counterfactual " + x.counterfactual.str() + " vs " + y.counterfactual.str();
  if (x.lost != y.lost || x.lost_reasons != y.lost_reasons) return "lost " + x.lost.str() + " vs " + y.lost.str();
  if (x.independent != y.independent || x.theoretical != y.theoretical || x.pro_rata != y.pro_rata)
    return "independent, theoretical or pro-rata amount";
  if (x.basis != y.basis) return "basis " + std::string(to_string(x.basis)) + " vs " + std::string(to_string(y.basis));
  if (x.own_periods != y.own_periods || x.totalized_periods != y.totalized_periods) return "period counts";
  if (x.status != y.status || x.claim_date != y.claim_date) return "status or claim date";
  if (x.qualified_alone != y.qualified_alone) return "qualified alone";
  return {};
}

struct Failures {
  std::vector<std::string> list;
  void add(std::string s) { list.push_back(std::move(s)); }
  void report(const std::string& what, int checked) {
    MESSAGE(what << ": " << checked << " cases checked, " << list.size() << " failed");
    for (std::size_t i = 0; i < list.size() && i < 8; ++i) FAIL_CHECK(list[i]);
    CHECK(list.empty());
  }
};

std::string text_of(const Period& p) {
  return std::string(p.country.alpha2()) + " " + format_date(p.span.from()) + ".." + format_date(p.span.to()) + " " +
         std::string(to_string(p.kind));
}

void check_split_periods(const rules::Rulebook& rules, const testing::CareerSpace& space, bool split_amounts) {
  Dice dice(20250711);
  Failures failures;
  int checked = 0;
  const int n = careers();
  for (int c = 0; c < n; ++c) {
    const History h = testing::career(dice, c, space);
    std::vector<std::size_t> splittable;
    for (std::size_t i = 0; i < h.periods.size(); ++i) {
      const Period& p = h.periods[i];
      const bool has_amounts = p.earnings || p.contributions || p.employee_contributions || !p.credits.empty();
      if (p.span.from() < p.span.to() && (split_amounts || !has_amounts)) splittable.push_back(i);
    }
    if (splittable.empty()) continue;
    const std::size_t at = splittable[static_cast<std::size_t>(dice.between(0, int(splittable.size()) - 1))];
    const Period& whole = h.periods[at];
    const int days = static_cast<int>((whole.span.to() - whole.span.from()).days());
    const Date end_of_first = whole.span.from() + boost::gregorian::days(dice.between(0, days - 1));

    History split = h;
    Period first = whole, second = whole;
    first.span = Span(whole.span.from(), end_of_first);
    second.span = Span(end_of_first + boost::gregorian::days(1), whole.span.to());
    second.earnings.reset();
    second.contributions.reset();
    second.employee_contributions.reset();
    second.credits.clear();
    split.periods[at] = first;
    split.periods.insert(split.periods.begin() + static_cast<std::ptrdiff_t>(at) + 1, second);
    const std::string what = "split " + text_of(whole) + " after " + format_date(end_of_first) + " — " + testing::describe(h);
    if (const auto problems = validate(split); !problems.empty()) {
      failures.add("the split history is invalid: " + problems.front().str() + " — " + what);
      continue;
    }
    const Assessment a = assess(rules, h), b = assess(rules, split);
    ++checked;
    if (a.schemes.size() != b.schemes.size()) {
      failures.add("other schemes assessed — " + what);
      continue;
    }
    for (std::size_t i = 0; i < a.schemes.size(); ++i)
      if (const std::string d = figures_differ(a.schemes[i], b.schemes[i]); !d.empty())
        failures.add(a.schemes[i].scheme.str() + ": " + d + " — " + what);
  }
  failures.report("split periods", checked);
  CHECK(checked > n / 2);
}

void check_added_own_periods(const rules::Rulebook& rules, const testing::CareerSpace& space) {
  const std::vector<SchemeId> monotone = monotone_schemes(rules, space);
  REQUIRE_FALSE(monotone.empty());
  Dice dice(20250712);
  Failures failures;
  int checked = 0, raised = 0;
  const int n = careers();
  for (int c = 0; c < n; ++c) {
    const History h = testing::career(dice, c, space);
    const SchemeId id = dice.pick(monotone);
    // A period of a kind the scheme counts, somewhere between the 16th birthday and the as-of date, not
    // overlapping the worker's other periods of that country and kind (validate() decides).
    std::optional<History> more;
    const int first_year = h.worker.birth_date.year() + 16, last_year = h.worker.as_of.year();
    for (int attempt = 0; attempt < 20 && !more && first_year <= last_year; ++attempt) {
      Period p;
      p.country = id.country();
      p.kind = dice.pick(rules.scheme(id).periods.kinds);   // a kind the scheme counts
      const Date from = testing::day_in(dice, dice.between(first_year, last_year));
      Date to = from + boost::gregorian::days(dice.between(0, 4000));
      if (to > h.worker.as_of) to = h.worker.as_of;
      if (from > to || from < h.worker.birth_date) continue;
      p.span = Span(from, to);
      if (dice.percent(40)) p.credits.push_back({space.points_credit, testing::cents(dice, 40)});
      if (dice.percent(30)) p.earnings = testing::cents(dice, 90000);
      History candidate = h;
      candidate.periods.insert(candidate.periods.begin() + dice.between(0, int(h.periods.size())), p);
      if (validate(candidate).empty()) more = std::move(candidate);
    }
    if (!more) continue;
    const Assessment a = assess(rules, h), b = assess(rules, *more);
    ++checked;
    const SchemeResult* before = find(a, id);
    const SchemeResult* after = find(b, id);
    const Amount was = before ? before->accrued : Amount{};
    if (!after) {
      failures.add(id.str() + " is not assessed after adding its period — " + testing::describe(*more));
      continue;
    }
    if (after->accrued < was)
      failures.add(id.str() + ": accrued " + was.str() + " fell to " + after->accrued.str() + " — added " +
                   text_of(more->periods.back()) + " to " + testing::describe(h) + " giving " + testing::describe(*more));
    else if (after->accrued > was)
      ++raised;
  }
  failures.report("added own periods", checked);
  MESSAGE(raised << " of them raised accrued");
  CHECK(checked > n / 2);
  // The property is not checked on zeros alone: at least one addition in twenty must raise an
  // amount (on the bundled rules the monotone schemes are GB-NSP and CA-OAS, often already full).
  CHECK(raised > checked / 20);
}

void check_moves_home(const rules::Rulebook& rules, const testing::CareerSpace& space) {
  Dice dice(20250713);
  Failures failures;
  int checked = 0, raised = 0;
  const int n = careers();
  for (int c = 0; c < n; ++c) {
    const History h = testing::career(dice, c, space);
    const Assessment a = assess(rules, h);
    for (const SchemeResult& s : a.schemes) {
      const Country home = s.scheme.country();
      if (home == h.worker.residence) continue;
      History moved = h;
      moved.worker.residence = home;
      if (!validate(moved).empty()) continue;
      const Assessment b = assess(rules, moved);
      ++checked;
      const SchemeResult* after = find(b, s.scheme);
      if (!after) {
        failures.add(s.scheme.str() + " is not assessed after the move — " + testing::describe(h));
      } else if (after->portable < s.portable) {
        failures.add(s.scheme.str() + ": portable " + s.portable.str() + " fell to " + after->portable.str() +
                     " on moving to " + std::string(home.alpha2()) + " — " + testing::describe(h));
      } else if (after->portable > s.portable) {
        ++raised;
      }
    }
  }
  failures.report("moves home", checked);
  MESSAGE(raised << " of them raised portable");
  CHECK(checked > n / 2);
  CHECK(raised > 0);
}

}  // namespace

TEST_SUITE("properties") {

TEST_CASE("splitting a period into two adjacent ones changes no figure (synthetic rules)") {
  check_split_periods(synthetic_rules(), testing::synthetic_space(), true);
}
TEST_CASE("splitting a period into two adjacent ones changes no figure (bundled agreements/)") {
  check_split_periods(bundled_rules(), testing::bundled_space(), false);
}
TEST_CASE("adding an own period never lowers a monotone scheme's accrued (synthetic rules)") {
  check_added_own_periods(synthetic_rules(), testing::synthetic_space());
}
TEST_CASE("adding an own period never lowers a monotone scheme's accrued (bundled agreements/)") {
  check_added_own_periods(bundled_rules(), testing::bundled_space());
}
TEST_CASE("moving the residence into a scheme's country never lowers its portable (synthetic rules)") {
  check_moves_home(synthetic_rules(), testing::synthetic_space());
}
TEST_CASE("moving the residence into a scheme's country never lowers its portable (bundled agreements/)") {
  check_moves_home(bundled_rules(), testing::bundled_space());
}

}  // TEST_SUITE
