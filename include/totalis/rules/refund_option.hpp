#pragma once
// A lump sum a scheme offers instead of a pension (`[[refund]]`): who may take it, until when,
// how much, and whether taking it erases the periods it pays for (Japan's Lump-sum Withdrawal
// Payment: the periods "will not constitute a coverage period for future benefits").
//
//   scheme.refunds[0].deadline_months   // 24
//   scheme.refunds[0].erases_periods    // true

#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace totalis::rules {

/// The event a refund's deadline runs from.
enum class DeadlineFrom {
  departure,        ///< the end of the worker's last period in the scheme's country (leaving it)
  last_period_end,  ///< the end of the worker's last own period under the scheme
};

inline constexpr std::array<std::pair<DeadlineFrom, std::string_view>, 2> deadline_from_names{{
    {DeadlineFrom::departure, "departure"}, {DeadlineFrom::last_period_end, "last_period_end"}}};

[[nodiscard]] constexpr std::string_view to_string(DeadlineFrom d) noexcept {
  return d == DeadlineFrom::departure ? "departure" : "last_period_end";
}
[[nodiscard]] constexpr std::optional<DeadlineFrom> find_deadline_from(std::string_view name) noexcept {
  for (const auto& [d, text] : deadline_from_names)
    if (text == name) return d;
  return std::nullopt;
}

struct RefundOption {
  std::string id;
  std::string name;
  RuleExpression who;                   ///< predicate: may this worker take it
  std::optional<int> deadline_months;   ///< absent: no deadline
  DeadlineFrom deadline_from = DeadlineFrom::departure;
  RuleExpression amount;                ///< number; parameters keyed by period_date are read at
                                        ///< the end of the last own period (the last paid month)
  bool erases_periods = false;
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
