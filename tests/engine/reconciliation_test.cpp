// The lost figure reconciles, for every scheme of every result, over thousands of generated
// careers, on the synthetic rulebook of tests/engine/rules and on the bundled agreements/: lost = max(0, counterfactual −
// portable), the reasons add up to it exactly (each positive, each once, in waterfall order),
// portable ≤ accrued, nothing accrued without a basis, and the order of the periods changes
// nothing. The generator is seeded: a failure names the career, which reproduces.

#include "totalis/core/validation.hpp"
#include "totalis/engine/assess.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include "career_generator.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using namespace totalis;
namespace fs = std::filesystem;

namespace {

/// How many careers: enough to reach every method, export rule and lost reason many times over,
/// few enough for a Debug + sanitizer build (each career is assessed twice; about 8 ms an
/// assessment there). The exact-order test runs on fewer.
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
constexpr int careers = 700;
#else
constexpr int careers = 3000;
#endif
constexpr int careers_exact_order = 150;
constexpr std::uint64_t seed = 20250701;

using testing::career;     // the seeded career generator shared with the property tests
using testing::describe;
using testing::Dice;

std::size_t waterfall_position(LostReason r) {
  // not_qualified, not_yet_qualified, below_agreement_minimum and no_agreement share one step.
  switch (r) {
    case LostReason::pro_rata_method: return 0;
    case LostReason::not_qualified:
    case LostReason::not_yet_qualified:
    case LostReason::below_agreement_minimum:
    case LostReason::no_agreement: return 1;
    case LostReason::refund_forfeits_periods: return 2;
    case LostReason::not_exportable: return 3;
    case LostReason::frozen_uprating: return 4;
  }
  return 5;
}

/// Every invariant of one scheme's figures; the first broken one, or empty.
std::string broken(const SchemeResult& s) {
  const Amount zero;
  if (s.lost != max(zero, s.counterfactual - s.portable)) return "lost != max(0, counterfactual - portable)";
  Amount sum;
  std::size_t last = 0;
  bool first = true;
  for (const LostShare& share : s.lost_reasons) {
    if (!(share.amount > zero)) return "a reason of zero or less: " + std::string(to_string(share.reason));
    const std::size_t at = waterfall_position(share.reason);
    if (!first && at <= last) return "reasons out of waterfall order or repeated";
    if (share.reason == LostReason::not_yet_qualified && s.status != Status::projected)
      return "not_yet_qualified for a scheme that is not projected";
    if (share.reason == LostReason::not_qualified && s.status == Status::projected)
      return "not_qualified for a projected scheme (not_yet_qualified expected)";
    last = at, first = false;
    sum += share.amount;
  }
  if (sum != s.lost) return "the reasons add up to " + sum.str() + ", lost is " + s.lost.str();
  if (s.portable > s.accrued) return "portable > accrued";
  if (s.portable < zero || s.accrued < zero || s.counterfactual < zero) return "a negative figure";
  if ((s.basis == Basis::none || s.basis == Basis::relieved) && !s.accrued.is_zero())
    return "accrued without a basis";
  if (s.basis == Basis::relieved && !s.counterfactual.is_zero()) return "relieved with a counterfactual";
  if (s.independent.has_value() != s.qualified_alone) return "independent present iff qualified alone";
  return {};
}

/// The assessment with the lists that follow the input order today (periods_counted, paid_out)
/// put in one order, so that the figures and everything else can be compared across orders.
Assessment canonical(Assessment a) {
  for (SchemeResult& s : a.schemes) {
    std::sort(s.periods_counted.begin(), s.periods_counted.end(), [](const PeriodCounted& x, const PeriodCounted& y) {
      return std::make_tuple(x.country, x.span.from(), x.span.to(), x.count, x.used_for, x.why) <
             std::make_tuple(y.country, y.span.from(), y.span.to(), y.count, y.used_for, y.why);
    });
    std::sort(s.paid_out.begin(), s.paid_out.end(), [](const PaidOut& x, const PaidOut& y) {
      return std::make_tuple(x.paid_on, x.periods.from(), x.periods.to(), x.kind) <
             std::make_tuple(y.paid_on, y.periods.from(), y.periods.to(), y.kind);
    });
  }
  return a;
}

/// The first part in which two assessments differ, for the failure message.
std::string difference(const Assessment& a, const Assessment& b) {
  if (a.schemes.size() != b.schemes.size()) return "the schemes assessed";
  for (std::size_t i = 0; i < a.schemes.size(); ++i) {
    const SchemeResult& x = a.schemes[i];
    const SchemeResult& y = b.schemes[i];
    const std::string id = x.scheme.str() + " ";
    if (x.scheme != y.scheme) return "the order of the schemes";
    if (x.accrued != y.accrued || x.portable != y.portable || x.counterfactual != y.counterfactual ||
        x.lost_reasons != y.lost_reasons || x.basis != y.basis || x.theoretical != y.theoretical ||
        x.pro_rata != y.pro_rata || x.independent != y.independent)
      return id + "figures";
    if (x.own_periods != y.own_periods || x.totalized_periods != y.totalized_periods) return id + "period counts";
    if (x.status != y.status || x.claim_date != y.claim_date) return id + "status or claim date";
    if (x.shortfall != y.shortfall || x.projected_loss != y.projected_loss) return id + "shortfall or projected loss";
    if (x.options != y.options) return id + "options";
    if (x.paid_out != y.paid_out) return id + "paid_out";
    if (x.periods_counted != y.periods_counted) return id + "periods_counted";
    if (x.trace != y.trace) return id + "trace";
    if (!(x == y)) return id + "another field";
  }
  if (a.unassessed != b.unassessed) return "unassessed";
  if (a.warnings != b.warnings) return "warnings";
  return "another field";
}

/// What one run over generated careers reached.
struct Reached {
  std::array<int, all_lost_reasons.size()> reasons{};
  std::array<int, 5> bases{};
};

/// Checks every invariant over `careers` careers of `space` on `rules`; what was reached.
Reached reconcile(const rules::Rulebook& rules, const testing::CareerSpace& space) {
  Dice dice(seed);
  const auto started = std::chrono::steady_clock::now();

  int assessed = 0, scheme_results = 0, with_reasons = 0, reordered_differently = 0;
  Reached reached;
  auto& reason_seen = reached.reasons;
  auto& basis_seen = reached.bases;
  std::vector<std::string> failures;
  for (int n = 0; n < careers; ++n) {
    const History h = career(dice, n, space);
    const std::vector<Problem> problems = validate(h);
    if (!problems.empty()) {
      failures.push_back("generated an invalid history: " + problems.front().str() + " — " + describe(h));
      continue;
    }
    Assessment a;
    try {
      a = assess(rules, h);
    } catch (const std::exception& e) {
      failures.push_back(std::string("assess threw: ") + e.what() + " — " + describe(h));
      continue;
    }
    ++assessed;
    for (const SchemeResult& s : a.schemes) {
      ++scheme_results;
      basis_seen[static_cast<std::size_t>(s.basis)]++;
      if (!s.lost_reasons.empty()) ++with_reasons;
      for (const LostShare& share : s.lost_reasons) reason_seen[static_cast<std::size_t>(share.reason)]++;
      if (const std::string why = broken(s); !why.empty())
        failures.push_back(s.scheme.str() + ": " + why + " — " + describe(h));
    }

    History reversed = h;
    std::reverse(reversed.periods.begin(), reversed.periods.end());
    try {
      if (const Assessment b = assess(rules, reversed); !(canonical(b) == canonical(a))) {
        ++reordered_differently;
        failures.push_back("the periods in reverse order give another assessment (" + difference(a, b) + ") — " +
                           describe(h));
      }
    } catch (const std::exception& e) {
      failures.push_back(std::string("assess threw on the reversed periods: ") + e.what() + " — " + describe(h));
    }
  }
  const auto seconds =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();

  MESSAGE(careers << " generated careers (seed " << seed << "), " << assessed << " assessed, " << scheme_results
                  << " scheme results, " << with_reasons << " with lost reasons, in " << seconds << " ms");
  for (std::size_t i = 0; i < failures.size() && i < 10; ++i) FAIL_CHECK(failures[i]);
  CHECK(failures.size() == 0);
  CHECK(reordered_differently == 0);
  CHECK(assessed == careers);

  return reached;
}

}  // namespace

TEST_CASE("lost reconciles over generated careers, and the order of the periods changes no figure (synthetic rules)") {
  const std::shared_ptr<const rules::Rulebook> rules = io::load_rulebook(fs::path(TOTALIS_TEST_DATA) / "engine" / "rules");
  const Reached reached = reconcile(*rules, testing::synthetic_space());
  // The generator reaches every basis and every lost reason.
  std::string seen;
  for (std::size_t i = 0; i < all_lost_reasons.size(); ++i)
    seen += std::string(to_string(all_lost_reasons[i])) + " " + std::to_string(reached.reasons[i]) + "; ";
  MESSAGE("lost reasons reached: " << seen);
  for (std::size_t i = 0; i < all_lost_reasons.size(); ++i) {
    CAPTURE(to_string(all_lost_reasons[i]));
    CHECK(reached.reasons[i] > 0);
  }
  for (std::size_t b = 0; b < reached.bases.size(); ++b) {
    CAPTURE(to_string(static_cast<Basis>(b)));
    CHECK(reached.bases[b] > 0);
  }
}


TEST_CASE("lost reconciles over generated careers, and the order of the periods changes no figure (bundled agreements/)") {
  const std::shared_ptr<const rules::Rulebook> rules = io::load_rulebook(TOTALIS_AGREEMENTS);
  const Reached reached = reconcile(*rules, testing::bundled_space());
  int results = 0;
  for (const int n : reached.bases) results += n;
  CHECK(results > careers);   // most careers have more than one scheme assessed
}

// History promises "order never changes a result": not a figure, and not the order of the lists
// (periods_counted, paid_out) either.
TEST_CASE("the order of the periods changes nothing at all: an identical Assessment") {
  const std::shared_ptr<const rules::Rulebook> rules = io::load_rulebook(fs::path(TOTALIS_TEST_DATA) / "engine" / "rules");
  Dice dice(seed);
  int different = 0;
  std::string first;
  for (int n = 0; n < careers_exact_order; ++n) {
    const History h = career(dice, n);
    History reversed = h;
    std::reverse(reversed.periods.begin(), reversed.periods.end());
    const Assessment a = assess(*rules, h), b = assess(*rules, reversed);
    if (!(a == b) && different++ == 0) first = difference(a, b) + " — " + describe(h);
  }
  MESSAGE(careers_exact_order << " generated careers, " << different << " assessed differently in reverse order");
  INFO("first: " << first);
  CHECK(different == 0);
}

// The engine keeps, per worker and scheme, the values no scenario changes (measures without
// credited periods, formulas reading only those); a traced assessment computes every formula
// afresh in every scenario, so the two must agree on everything but the trace.
TEST_CASE("values shared between scenarios change nothing: a traced assessment has the same figures (bundled agreements/)") {
  const std::shared_ptr<const rules::Rulebook> rules = io::load_rulebook(TOTALIS_AGREEMENTS);
  Dice dice(seed + 1);
  AssessOptions traced;
  traced.trace_expressions = true;
  int compared = 0, different = 0;
  std::string first;
  for (int n = 0; n < careers_exact_order; ++n) {
    const History h = career(dice, n, testing::bundled_space());
    if (!validate(h).empty()) continue;
    Assessment a, b;
    try {
      a = assess(*rules, h);
      b = assess(*rules, h, traced);
    } catch (const std::exception&) {
      continue;   // a career the rules cannot assess: the reconciliation test above reports those
    }
    ++compared;
    for (SchemeResult& s : a.schemes) s.trace.clear();
    for (SchemeResult& s : b.schemes) s.trace.clear();
    if (!(a == b) && different++ == 0) first = difference(a, b) + " — " + describe(h);
  }
  MESSAGE(compared << " generated careers compared traced and untraced, " << different << " differ");
  INFO("first: " << first);
  CHECK(compared > careers_exact_order / 2);
  CHECK(different == 0);
}
