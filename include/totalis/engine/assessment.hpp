#pragma once
// What assess() returns (DESIGN §1 and §6; the JSON contract is shared/assessment.schema.json):
// per scheme the history touches, what is accrued, portable and lost, with reasons that add up
// to lost exactly, the periods that counted, and the trace of every figure with its cite.
//
//   const SchemeResult& us = assessment.schemes[0];
//   us.accrued.str()                  // "286"
//   us.lost_reasons[0].reason         // LostReason::pro_rata_method

#include "totalis/core/amount.hpp"
#include "totalis/core/country.hpp"
#include "totalis/core/currency.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/money.hpp"
#include "totalis/core/scheme_id.hpp"
#include "totalis/core/span.hpp"
#include "totalis/core/time_unit.hpp"
#include "totalis/engine/trace.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis {

/// in_payment: claim date ≤ as-of; deferred: entitled, claim later; projected: pension age not
/// yet reached (what the periods so far are worth today, nothing assumed about the future).
enum class Status { in_payment, deferred, projected };
/// Where accrued comes from.
enum class Basis { independent, pro_rata, direct, relieved, none };
/// Whether the portable amount follows the scheme's increases where the worker lives.
enum class Indexation { uprated, frozen, none };
/// Why part of the counterfactual is not portable, in waterfall order (DESIGN §1).
enum class LostReason {
  pro_rata_method,
  not_qualified,
  not_yet_qualified,
  below_agreement_minimum,
  no_agreement,
  refund_forfeits_periods,
  not_exportable,
  frozen_uprating,
};
/// What a period counted for (EESSI P5000's relevance).
enum class UsedFor { eligibility_and_amount, eligibility, amount, none };
/// Why a country's periods were not assessed.
/// Why periods are not assessed: no scheme of their country is encoded; the scheme's personal
/// scope excludes the worker; or the scheme's rules give no value for this worker (a pension age
/// or rate not encoded for the cohort or date), said in `why`, so the other schemes still are.
enum class UnassessedReason { no_scheme_encoded, not_covered, rules_incomplete };
/// The period a benefit amount is stated for.
enum class Per { week, fortnight, month, year };

[[nodiscard]] std::string_view to_string(Status) noexcept;
[[nodiscard]] std::string_view to_string(Basis) noexcept;
[[nodiscard]] std::string_view to_string(Indexation) noexcept;
[[nodiscard]] std::string_view to_string(LostReason) noexcept;
[[nodiscard]] std::string_view to_string(UsedFor) noexcept;
[[nodiscard]] std::string_view to_string(UnassessedReason) noexcept;
[[nodiscard]] std::string_view to_string(Per) noexcept;

/// Every lost reason, in waterfall order: the CSV report has one column each.
inline constexpr std::array<LostReason, 8> all_lost_reasons{
    LostReason::pro_rata_method,        LostReason::not_qualified,
    LostReason::not_yet_qualified,      LostReason::below_agreement_minimum,
    LostReason::no_agreement,           LostReason::refund_forfeits_periods,
    LostReason::not_exportable,         LostReason::frozen_uprating};

/// A count of periods in a unit ("24" quarters; "13.5" months under days/30).
struct PeriodTotal {
  TimeUnit unit = TimeUnit::month;
  Amount count;
  friend bool operator==(const PeriodTotal&, const PeriodTotal&) = default;
};

struct LostShare {
  LostReason reason;
  Amount amount;
  friend bool operator==(const LostShare&, const LostShare&) = default;
};

/// For a projected scheme: the periods still needed, alone and through each agreement.
struct Shortfall {
  PeriodTotal alone;
  std::vector<std::pair<std::string, PeriodTotal>> through;   ///< agreement id → periods needed
  friend bool operator==(const Shortfall&, const Shortfall&) = default;
};

/// For a frozen pension: the indexation missed over a horizon under a stated assumption.
struct ProjectedLoss {
  int horizon_years = 0;
  std::string uprating;   ///< e.g. "2.5% a year (GB-NSP default, cite …)"
  Amount amount;
  friend bool operator==(const ProjectedLoss&, const ProjectedLoss&) = default;
};

/// A lump sum that could still be claimed, and what claiming it gives up.
struct ClaimOption {
  std::string kind;               ///< "lump_sum_withdrawal"
  Money amount;
  std::optional<Date> deadline;
  std::string forfeits;           ///< "the pension months of 2001-04 to 2003-03 (24 months)"
  std::string cite;
  friend bool operator==(const ClaimOption&, const ClaimOption&) = default;
};

/// A refund already taken.
struct PaidOut {
  std::string kind;
  Date paid_on;
  Span periods;                   ///< the periods it erased
  std::optional<Money> amount;    ///< when the history says what was paid
  std::string cite;
  friend bool operator==(const PaidOut&, const PaidOut&) = default;
};

/// One period as the scheme counted it (EESSI P5000's shape).
struct PeriodCounted {
  Country country;
  Span span;
  TimeUnit unit = TimeUnit::month;
  Amount count;
  UsedFor used_for = UsedFor::none;
  std::string why;
  friend bool operator==(const PeriodCounted&, const PeriodCounted&) = default;
};

/// Everything decided for one scheme. Amounts are per `per`, in `currency`.
struct SchemeResult {
  Country country;
  SchemeId scheme;
  Currency currency{"XXX"};
  Per per = Per::month;
  Status status = Status::projected;
  Date claim_date;
  PeriodTotal own_periods;
  std::optional<PeriodTotal> totalized_periods;
  bool qualified_alone = false;
  bool qualified_totalized = false;
  Basis basis = Basis::none;
  std::optional<std::string> agreement_applied;
  std::vector<std::string> agreements_considered;
  std::optional<Amount> independent;   ///< absent (not zero) when the worker does not qualify alone
  std::optional<Amount> theoretical;
  std::optional<Amount> pro_rata;
  Amount accrued;
  Amount portable;
  Indexation indexation = Indexation::none;
  Amount counterfactual;
  Amount lost;
  std::vector<LostShare> lost_reasons;   ///< add up to lost exactly; zero shares omitted
  std::optional<Money> contributions_without_benefit;
  std::optional<Shortfall> shortfall;
  std::optional<ProjectedLoss> projected_loss;
  std::vector<ClaimOption> options;
  std::vector<PaidOut> paid_out;
  std::vector<PeriodCounted> periods_counted;
  Trace trace;
  friend bool operator==(const SchemeResult&, const SchemeResult&) = default;
};

/// Periods of a country with no encoded scheme, outside a scheme's personal scope, or of a scheme
/// whose rules have no value for the worker.
struct Unassessed {
  Country country;
  UnassessedReason reason = UnassessedReason::no_scheme_encoded;
  PeriodTotal periods;
  std::optional<Money> contributions;
  std::string why;   ///< e.g. "GOSI annuities cover Saudi nationals only (cite)"
  friend bool operator==(const Unassessed&, const Unassessed&) = default;
};

/// The rulebook a result was computed with.
struct RulebookStamp {
  std::string version;   ///< "sha256:…" over the rule files
  int schemes = 0;
  int agreements = 0;
  friend bool operator==(const RulebookStamp&, const RulebookStamp&) = default;
};

struct Assessment {
  std::string worker_id;
  Date as_of;
  Country residence;
  RulebookStamp rulebook;
  std::vector<SchemeResult> schemes;
  std::vector<Unassessed> unassessed;
  std::vector<std::string> warnings;
  friend bool operator==(const Assessment&, const Assessment&) = default;
};

// ------------------------------------------------------------------------------------------------
// Implementation

inline std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::in_payment: return "in_payment";
    case Status::deferred: return "deferred";
    case Status::projected: return "projected";
  }
  return "projected";
}
inline std::string_view to_string(Basis b) noexcept {
  switch (b) {
    case Basis::independent: return "independent";
    case Basis::pro_rata: return "pro_rata";
    case Basis::direct: return "direct";
    case Basis::relieved: return "relieved";
    case Basis::none: return "none";
  }
  return "none";
}
inline std::string_view to_string(Indexation i) noexcept {
  switch (i) {
    case Indexation::uprated: return "uprated";
    case Indexation::frozen: return "frozen";
    case Indexation::none: return "none";
  }
  return "none";
}
inline std::string_view to_string(LostReason r) noexcept {
  switch (r) {
    case LostReason::pro_rata_method: return "pro_rata_method";
    case LostReason::not_qualified: return "not_qualified";
    case LostReason::not_yet_qualified: return "not_yet_qualified";
    case LostReason::below_agreement_minimum: return "below_agreement_minimum";
    case LostReason::no_agreement: return "no_agreement";
    case LostReason::refund_forfeits_periods: return "refund_forfeits_periods";
    case LostReason::not_exportable: return "not_exportable";
    case LostReason::frozen_uprating: return "frozen_uprating";
  }
  return "not_qualified";
}
inline std::string_view to_string(UsedFor u) noexcept {
  switch (u) {
    case UsedFor::eligibility_and_amount: return "eligibility_and_amount";
    case UsedFor::eligibility: return "eligibility";
    case UsedFor::amount: return "amount";
    case UsedFor::none: return "none";
  }
  return "none";
}
inline std::string_view to_string(UnassessedReason r) noexcept {
  switch (r) {
    case UnassessedReason::no_scheme_encoded: return "no_scheme_encoded";
    case UnassessedReason::not_covered: return "not_covered";
    case UnassessedReason::rules_incomplete: return "rules_incomplete";
  }
  return "no_scheme_encoded";
}
inline std::string_view to_string(Per p) noexcept {
  switch (p) {
    case Per::week: return "week";
    case Per::fortnight: return "fortnight";
    case Per::month: return "month";
    case Per::year: return "year";
  }
  return "month";
}

}  // namespace totalis
