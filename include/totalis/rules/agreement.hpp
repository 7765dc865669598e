#pragma once
// One social-security agreement as data (DESIGN §1, §4): its parties, dates, branches and
// precedence, and per party scheme the foreign periods counted and how, the minimum own periods,
// the amount method, small periods, export between the parties and posting limits.
//
//   const Agreement& a = *rulebook->agreement("US-DE");
//   a.party(SchemeId{"US-OASDI"})->method          // AmountMethod::pro_rata
//   a.party(SchemeId{"US-OASDI"})->ratio->text     // "qc_us / (4 * computation_years)"

#include "totalis/core/amount.hpp"
#include "totalis/core/country.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/scheme_id.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/core/time_unit.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/conversion.hpp"
#include "totalis/rules/export_rule.hpp"
#include "totalis/rules/measure_spec.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis::rules {

/// How a party computes the amount once the worker qualifies through the agreement.
enum class AmountMethod {
  pro_rata,    ///< theoretical × ratio (20 CFR 404.1918)
  direct,      ///< eligibility by totalization, amount from own periods only (OAS n/40, US–DE)
  higher_of,   ///< the higher of independent and pro-rata (EU Art 52(3))
};
/// Which foreign periods are credited.
enum class CreditRule {
  all,         ///< every foreign period counted
  as_needed,   ///< only as many as needed for the qualifying condition (US, GN 01703.100)
};
/// How the instrument combines with others covering the same pair.
enum class PrecedenceRule {
  supersedes_bilateral,   ///< replaces bilaterals between its parties (EU Reg 883/2004 Art 8)
  most_favourable,        ///< of several agreements the most favourable one (20 CFR 404.1910)
};
enum class SmallPeriodMode {
  shift,     ///< the other states count them and pay for them (EU Art 57)
  forfeit,   ///< lost (bilateral small-period clauses)
};

inline constexpr std::array<std::pair<AmountMethod, std::string_view>, 3> amount_method_names{{
    {AmountMethod::pro_rata, "pro_rata"}, {AmountMethod::direct, "direct"}, {AmountMethod::higher_of, "higher_of"}}};
inline constexpr std::array<std::pair<CreditRule, std::string_view>, 2> credit_rule_names{{
    {CreditRule::all, "all"}, {CreditRule::as_needed, "as_needed"}}};
inline constexpr std::array<std::pair<PrecedenceRule, std::string_view>, 2> precedence_rule_names{{
    {PrecedenceRule::supersedes_bilateral, "supersedes_bilateral"}, {PrecedenceRule::most_favourable, "most_favourable"}}};
inline constexpr std::array<std::pair<SmallPeriodMode, std::string_view>, 2> small_period_mode_names{{
    {SmallPeriodMode::shift, "shift"}, {SmallPeriodMode::forfeit, "forfeit"}}};

struct SmallPeriods {
  Amount threshold_count;                  ///< periods of less than this…
  TimeUnit threshold_unit = TimeUnit::year;
  std::optional<RuleExpression> unless;    ///< …unless this holds (EU: they give a right alone)
  SmallPeriodMode mode = SmallPeriodMode::shift;
  bool last_pays_when_all_relieved = false;   ///< EU Art 57(3)
  Cite cite;
  SourceRegion where;
};

struct Posting {
  int max_months = 0;
  Cite cite;
  SourceRegion where;
};

struct Precedence {
  PrecedenceRule rule = PrecedenceRule::most_favourable;
  Cite cite;
  SourceRegion where;
};

/// An agreement that covers only situations involving some of its parties (the UK–EU TCA: those
/// arising between the Member States and the United Kingdom, not those confined to the Member
/// States): it applies to another party's scheme only where the worker was insured in, or lives
/// in, one of them.
struct CrossBorder {
  std::vector<Country> involving;
  Cite cite;
  SourceRegion where;

  [[nodiscard]] bool names(Country c) const noexcept {
    return std::find(involving.begin(), involving.end(), c) != involving.end();
  }
};

/// The rules for one party scheme, with every expression compiled against that scheme's names.
/// A `[[party]]` with `scheme = "*"` becomes one PartyRules per scheme of a party country in the
/// rulebook that no other `[[party]]` names.
struct PartyRules {
  SchemeId scheme;
  bool from_wildcard = false;
  std::optional<RuleExpression> minimum_own;   ///< predicate; absent: no minimum
  CreditRule credit = CreditRule::all;
  AmountMethod method = AmountMethod::direct;
  std::optional<RuleExpression> ratio;         ///< pro_rata, higher_of
  std::optional<RuleExpression> amount;        ///< the pro-rata amount, ending in a rounding;
                                               ///< absent: theoretical × ratio rounded as the
                                               ///< scheme's variant rounds its benefit
  std::optional<RuleExpression> accrued;       ///< from `pro_rata` to what is paid, ending in a rounding
  std::optional<Imputation> impute;            ///< overrides the measures' imputation for theoretical
  std::vector<Conversion> conversions;
  std::optional<SmallPeriods> small_periods;
  std::vector<ExportRule> exports;             ///< before the scheme's own
  std::optional<Posting> posting;
  Cite cite;
  SourceRegion where;
};

/// A party as the file names it: a country, or one of its schemes where the treaty
/// distinguishes them.
struct Party {
  Country country;
  std::optional<SchemeId> scheme;
  SourceRegion where;
};

struct Agreement {
  std::string id;                       ///< "US-DE", "EU-883"
  std::string name;
  std::vector<Party> parties;
  std::optional<Date> in_force;
  std::optional<Date> ended;
  std::vector<std::string> branches;    ///< "old_age"
  std::optional<Precedence> precedence;
  std::optional<CrossBorder> cross_border;
  Cite cite;
  std::string note;
  std::vector<PartyRules> party_rules;  ///< one per scheme, sorted by scheme id
  SourceRegion where;

  [[nodiscard]] bool is_multilateral() const noexcept { return parties.size() > 2; }
  /// True when `c` is a party.
  [[nodiscard]] bool has_party(Country c) const noexcept {
    return std::any_of(parties.begin(), parties.end(), [c](const Party& p) { return p.country == c; });
  }
  /// The rules for `scheme`, or null when the agreement has none for it.
  [[nodiscard]] const PartyRules* party(const SchemeId& scheme) const noexcept {
    for (const PartyRules& p : party_rules)
      if (p.scheme == scheme) return &p;
    return nullptr;
  }
};

}  // namespace totalis::rules
