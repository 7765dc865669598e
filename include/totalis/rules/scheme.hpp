#pragma once
// One national pension scheme as data (DESIGN §1, §4): the periods it reads and counts, who it
// covers, its pension ages, parameters, measures, formulas, variants, export rules and refunds,
// each with its cite and its place in the rule file. Built by the loader, never modified.
//
//   const Scheme& us = rulebook->scheme(SchemeId{"US-OASDI"});
//   us.periods.unit                        // TimeUnit::quarter
//   us.parameter("awi")->at_year(2023)     // 66621.80
//   us.variants.front().benefit.text       // "round_down(pia, 1)"

#include "totalis/core/amount.hpp"
#include "totalis/core/country.hpp"
#include "totalis/core/currency.hpp"
#include "totalis/core/history.hpp"
#include "totalis/core/scheme_id.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/core/time_unit.hpp"
#include "totalis/rules/caveat.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/export_rule.hpp"
#include "totalis/rules/formula.hpp"
#include "totalis/rules/measure_spec.hpp"
#include "totalis/rules/parameter.hpp"
#include "totalis/rules/pension_age.hpp"
#include "totalis/rules/refund_option.hpp"
#include "totalis/rules/rule_expression.hpp"
#include "totalis/rules/scheme_symbols.hpp"
#include "totalis/rules/variant.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis::rules {

/// The period a benefit amount is stated for.
enum class BenefitPeriod { week, fortnight, month, year };

inline constexpr std::array<std::pair<BenefitPeriod, std::string_view>, 4> benefit_period_names{{
    {BenefitPeriod::week, "week"}, {BenefitPeriod::fortnight, "fortnight"},
    {BenefitPeriod::month, "month"}, {BenefitPeriod::year, "year"}}};

[[nodiscard]] constexpr std::string_view to_string(BenefitPeriod p) noexcept {
  for (const auto& [b, text] : benefit_period_names)
    if (b == p) return text;
  return "month";
}
[[nodiscard]] constexpr std::optional<BenefitPeriod> find_benefit_period(std::string_view name) noexcept {
  for (const auto& [b, text] : benefit_period_names)
    if (text == name) return b;
  return std::nullopt;
}

/// How periods overlapping within the scheme's kinds combine.
enum class Overlap {
  merge,      ///< time is counted once, earnings and credits are summed
  separate,   ///< every period counts on its own
};

inline constexpr std::array<std::pair<Overlap, std::string_view>, 2> overlap_names{{
    {Overlap::merge, "merge"}, {Overlap::separate, "separate"}}};

[[nodiscard]] constexpr std::optional<Overlap> find_overlap(std::string_view name) noexcept {
  for (const auto& [o, text] : overlap_names)
    if (text == name) return o;
  return std::nullopt;
}

/// `[periods]`: what the scheme reads and the unit it counts in.
struct PeriodRules {
  std::vector<PeriodKind> kinds;
  Overlap overlap = Overlap::merge;
  TimeUnit unit = TimeUnit::month;
  /// The measure whose value is the scheme's period count: `own` and `total` in rules.
  std::string count;
  /// The periods a full benefit needs, in `unit` (EU Art 56(1)(a) caps the ratio's denominator
  /// with it); absent: the scheme has no maximum, and full_benefit_periods reads as `total`.
  std::optional<Amount> full_benefit;
  /// Declared by the rule file: adding own periods never lowers the scheme's accrued amount.
  /// False for final-average formulas (India's EPS, the SSS), where a low-paid period added at
  /// the end lowers the average; the property tests check it on generated careers.
  bool monotone = false;
  Cite cite;
  SourceRegion where;
};

/// `[scope]`: who the scheme covers (GOSI annuities: Saudi nationals only). Absent: everyone.
struct PersonalScope {
  RuleExpression covers;   ///< predicate
  Cite cite;
  SourceRegion where;
};

struct Scheme {
  SchemeId id;
  Country country;
  std::string name;
  Currency currency;
  BenefitPeriod per = BenefitPeriod::month;
  Cite cite;
  std::string note;
  /// Said with every assessment of the scheme (AU-AGE: the rate is the maximum before the means
  /// test, which is not applied); empty: nothing to say.
  std::string warning;
  std::vector<Caveat> caveats;           ///< said with an assessment where their `when` holds
  PeriodRules periods;
  std::optional<PersonalScope> scope;
  std::optional<PensionAge> pension_age;   ///< absent: the file does not (yet) say
  std::vector<Parameter> parameters;     ///< sorted by name
  std::vector<MeasureSpec> measures;     ///< sorted by name
  std::vector<Formula> formulas;         ///< in an order where each comes after those it uses
  std::vector<Variant> variants;         ///< in the order written
  std::vector<ExportRule> exports;       ///< in the order written: the first that holds decides
  std::vector<RefundOption> refunds;
  std::shared_ptr<const SchemeSymbols> symbols;   ///< what each slot of its expressions reads
  SourceRegion where;                    ///< the file (line 1, column 1)

  /// By name, or null.
  [[nodiscard]] const Parameter* parameter(std::string_view name) const noexcept;
  [[nodiscard]] const MeasureSpec* measure(std::string_view name) const noexcept;
  [[nodiscard]] const Formula* formula(std::string_view name) const noexcept;
  [[nodiscard]] const Variant* variant(std::string_view id) const noexcept;
  /// How the scheme attains an age (its pension age's rule; the day before the birthday where the
  /// file gives no pension age): its measures' ages are attained the same way.
  [[nodiscard]] AgeRule age_rule() const noexcept {
    return pension_age ? pension_age->attainment : AgeRule::day_before_birthday;
  }
};

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {
template <typename T, typename Key>
const T* find_named(const std::vector<T>& items, std::string_view name, Key key) noexcept {
  for (const T& item : items)
    if (key(item) == name) return &item;
  return nullptr;
}
}  // namespace detail

inline const Parameter* Scheme::parameter(std::string_view name) const noexcept {
  return detail::find_named(parameters, name, [](const Parameter& p) -> std::string_view { return p.name; });
}
inline const MeasureSpec* Scheme::measure(std::string_view name) const noexcept {
  return detail::find_named(measures, name, [](const MeasureSpec& m) -> std::string_view { return m.name; });
}
inline const Formula* Scheme::formula(std::string_view name) const noexcept {
  return detail::find_named(formulas, name, [](const Formula& f) -> std::string_view { return f.name; });
}
inline const Variant* Scheme::variant(std::string_view id) const noexcept {
  return detail::find_named(variants, id, [](const Variant& v) -> std::string_view { return v.id; });
}

}  // namespace totalis::rules
