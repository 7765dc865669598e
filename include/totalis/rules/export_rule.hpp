#pragma once
// Whether and how a benefit is paid where the worker lives (DESIGN §1 "portable"): an ordered
// list of rules; the first whose `when` holds decides, agreement rules before the scheme's own.
//
//   [[export]]
//   when = 'resident_in("CA")'
//   payable = 'accrued'
//   indexation = "frozen"     # at the rate when first paid abroad
//   cite = "gov.uk 'State Pensions: annual increases if you live abroad'"

#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace totalis::rules {

/// `uprated`: the amount follows the scheme's increases. `frozen`: it stays at the amount of the
/// parameters in force at the later of the claim date and the start of residence abroad (the
/// rate when first paid abroad, or at the move).
enum class Indexation { uprated, frozen };

inline constexpr std::array<std::pair<Indexation, std::string_view>, 2> indexation_names{{
    {Indexation::uprated, "uprated"}, {Indexation::frozen, "frozen"}}};

[[nodiscard]] constexpr std::string_view to_string(Indexation i) noexcept {
  return i == Indexation::uprated ? "uprated" : "frozen";
}
[[nodiscard]] constexpr std::optional<Indexation> find_indexation(std::string_view name) noexcept {
  for (const auto& [i, text] : indexation_names)
    if (text == name) return i;
  return std::nullopt;
}

struct ExportRule {
  RuleExpression when;       ///< predicate
  RuleExpression payable;    ///< number; may read `accrued`
  Indexation indexation = Indexation::uprated;
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
