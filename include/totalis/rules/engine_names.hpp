#pragma once
// The values the engine computes for a worker and a scheme, which rule expressions may read by
// name (DESIGN §4 "engine-computed names"), and where each is defined: `theoretical` exists only
// in an agreement's amount, `accrued` only in an export rule. The loader offers a rule exactly
// the names of its place, so a name used out of place is an unknown name at load.
//
//   find_engine_name("months_before_normal_age")->meaning   // "whole months the claim is …"

#include "totalis/rules/expression_symbols.hpp"

#include <cstdint>
#include <string_view>

namespace totalis::rules {

/// Where an expression stands in a rule file; each place sees its own set of names.
enum class RulePlace : std::uint8_t {
  scheme,          ///< formulas, variants, scope
  party,           ///< an agreement's minimum_own, ratio, small_periods.unless
  party_amount,    ///< an agreement's amount: also theoretical, ratio, independent
  party_accrued,   ///< an agreement's accrued: also pro_rata
  export_rule,     ///< when / payable: also accrued and the amounts before it
  refund,          ///< a refund's who and amount: also qualified_alone
};

/// A bit per RulePlace.
using PlaceSet = std::uint8_t;
[[nodiscard]] constexpr PlaceSet place_bit(RulePlace p) noexcept { return static_cast<PlaceSet>(1U << static_cast<unsigned>(p)); }
inline constexpr PlaceSet everywhere = 0x3F;
inline constexpr PlaceSet amounts = place_bit(RulePlace::party_amount) | place_bit(RulePlace::party_accrued) |
                                    place_bit(RulePlace::export_rule);

struct EngineName {
  std::string_view name;
  ValueType type;
  PlaceSet places;
  bool needs_normal_age;     ///< only in schemes that declare [pension_age] normal
  /// The same in every scenario of a worker's assessment (the worker and the claim date alone,
  /// no periods, no agreement): the engine may compute what reads only such values once.
  bool from_worker_only;
  std::string_view meaning;
};

inline constexpr EngineName engine_names[] = {
    {"age_at_claim", ValueType::number, everywhere, false, true, "completed years of age at the claim date, by the scheme's attainment rule"},
    {"age_at_as_of", ValueType::number, everywhere, false, true, "completed years of age at the as-of date"},
    {"birth_year", ValueType::number, everywhere, false, true, "the calendar year of birth"},
    {"eligibility_year", ValueType::number, everywhere, false, true, "the year the worker attains the scheme's earliest pension age"},
    {"claim_year", ValueType::number, everywhere, false, true, "the calendar year of the claim date"},
    {"claim_month", ValueType::number, everywhere, false, true, "the month of the claim date, 1 to 12"},
    {"as_of_year", ValueType::number, everywhere, false, true, "the calendar year of the as-of date"},
    {"as_of_month", ValueType::number, everywhere, false, true, "the month of the as-of date, 1 to 12"},
    {"normal_age_months", ValueType::number, everywhere, true, true, "the normal pension age of the worker's cohort, in months"},
    {"months_before_normal_age", ValueType::number, everywhere, true, true, "whole months the claim is before the normal pension age (0 when not before)"},
    {"months_after_normal_age", ValueType::number, everywhere, true, true, "whole months the claim is after the normal pension age (0 when not after)"},
    {"weeks_deferred", ValueType::number, everywhere, true, true, "whole weeks the claim is after the normal pension age"},
    {"years_abroad", ValueType::number, everywhere, false, true, "whole years of residence outside the scheme's country up to the as-of date"},
    {"months_abroad", ValueType::number, everywhere, false, true, "whole calendar months of residence outside the scheme's country since the month of departure"},
    {"own", ValueType::number, everywhere, false, false, "the scheme's own periods, in its unit ([periods] count over own periods)"},
    {"total", ValueType::number, everywhere, false, false, "the totalized periods, in the scheme's unit (own alone when not totalizing)"},
    {"full_benefit_periods", ValueType::number, everywhere, false, false, "[periods] full_benefit, or total where the scheme has none"},
    {"qualified_alone", ValueType::boolean, static_cast<PlaceSet>(everywhere & ~place_bit(RulePlace::scheme)), false, false,
     "the worker meets a variant's qualifying condition on own periods alone"},
    {"independent", ValueType::number, amounts, false, false, "the amount under the scheme's law alone (an error to read when there is none)"},
    {"theoretical", ValueType::number, amounts, false, false, "the amount as if all totalized periods were the scheme's"},
    {"ratio", ValueType::number, amounts, false, false, "the agreement's ratio"},
    {"pro_rata", ValueType::number, static_cast<PlaceSet>(place_bit(RulePlace::party_accrued) | place_bit(RulePlace::export_rule)), false, false,
     "the agreement's pro-rata amount"},
    {"accrued", ValueType::number, place_bit(RulePlace::export_rule), false, false, "what the worker has a right to"},
};

[[nodiscard]] constexpr const EngineName* find_engine_name(std::string_view name) noexcept {
  for (const EngineName& e : engine_names)
    if (e.name == name) return &e;
  return nullptr;
}

/// Names inside a fold's value and cap, besides the scheme's measures and its period_date
/// parameters looked up at the bucket's date.
inline constexpr std::string_view bucket_year_name = "year";

}  // namespace totalis::rules
