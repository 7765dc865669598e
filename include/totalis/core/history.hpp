#pragma once
// A worker's contribution history as DESIGN §5 defines it: who the worker is, and every
// period under some country's legislation. Plain values, read by io/ and judged by validation.
//
//   History h{.worker = {.id = "W-17", .birth_date = parse_date("1958-06-15"), ...},
//             .periods = {{.country = "US"_cc, .span = {...}, .kind = PeriodKind::employed}}};

#include "totalis/core/amount.hpp"
#include "totalis/core/country.hpp"
#include "totalis/core/currency.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/scheme_id.hpp"
#include "totalis/core/span.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis {

/// What a period is (DESIGN §1); a scheme says which kinds it reads.
enum class PeriodKind { employed, self_employed, voluntary, credited, residence };

inline constexpr std::array<std::pair<PeriodKind, std::string_view>, 5> period_kind_names{{
    {PeriodKind::employed, "employed"},
    {PeriodKind::self_employed, "self_employed"},
    {PeriodKind::voluntary, "voluntary"},
    {PeriodKind::credited, "credited"},
    {PeriodKind::residence, "residence"},
}};

[[nodiscard]] constexpr std::string_view to_string(PeriodKind kind) noexcept {
  for (const auto& [k, name] : period_kind_names)
    if (k == kind) return name;
  return "employed";
}

/// The kind named `name`, or nothing.
[[nodiscard]] constexpr std::optional<PeriodKind> find_period_kind(std::string_view name) noexcept {
  for (const auto& [k, text] : period_kind_names)
    if (text == name) return k;
  return std::nullopt;
}

/// A named scheme-specific input of a period, e.g. earnings_points = 1.25 (Germany).
struct Credit {
  std::string name;
  Amount value;
  friend bool operator==(const Credit&, const Credit&) = default;
};

/// One span of time under one country's legislation, of one kind.
struct Period {
  Country country;                          ///< the legislation that applied (posted: the sending state)
  Span span;                                ///< inclusive [from, to], as statutes write it
  PeriodKind kind = PeriodKind::employed;
  std::optional<SchemeId> scheme;           ///< routes the period when kinds alone don't
  std::optional<Country> worked_in;         ///< where a posted worker actually worked
  std::optional<Currency> currency;         ///< of the amounts, when not the scheme's own
  std::optional<Amount> earnings;           ///< covered earnings of the period
  std::optional<Amount> contributions;      ///< employee + employer, paid
  std::optional<Amount> employee_contributions;
  std::vector<Credit> credits;              ///< sorted by name, names unique
  std::optional<Date> refunded_on;          ///< contributions refunded on this date

  /// The credit named `name`, or nothing.
  [[nodiscard]] const Amount* credit(std::string_view name) const noexcept {
    for (const Credit& c : credits)
      if (c.name == name) return &c.value;
    return nullptr;
  }
  friend bool operator==(const Period&, const Period&) = default;
};

/// A claim date requested for one scheme ("DE-GRV") or one country's schemes ("DE").
struct ClaimDate {
  std::string applies_to;
  Date date;
  friend bool operator==(const ClaimDate&, const ClaimDate&) = default;
};

/// Who the history belongs to, and the date it speaks for.
struct Worker {
  std::string id;
  Date birth_date;
  std::vector<Country> nationalities;       ///< empty: unknown (the less favourable export rule applies)
  Country residence;
  std::optional<Date> residence_since;
  Date as_of;                               ///< parameters in force on this date apply
  std::optional<Date> claim_date;           ///< for all schemes
  std::vector<ClaimDate> claim_dates;       ///< per scheme or country; these win over claim_date

  [[nodiscard]] bool is_national_of(Country c) const noexcept {
    for (Country n : nationalities)
      if (n == c) return true;
    return false;
  }
  friend bool operator==(const Worker&, const Worker&) = default;
};

/// A worker and their periods, in the order given (order never changes a result).
struct History {
  Worker worker;
  std::vector<Period> periods;
  friend bool operator==(const History&, const History&) = default;
};

}  // namespace totalis
