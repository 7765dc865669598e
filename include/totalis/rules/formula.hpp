#pragma once
// A named expression of a scheme (`[formulas.pia]`): a step of the law other rules use by name,
// evaluated once per worker and traced under its name and cite.
//
//   [formulas.zugangsfaktor]
//   expr = '1 - zugangsfaktor_reduction_per_month * months_before_normal_age'
//   cite = "§77(2) SGB VI"

#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <string>
#include <vector>

namespace totalis::rules {

struct Formula {
  std::string name;
  RuleExpression expr;
  Cite cite;
  SourceRegion where;
  /// The other formulas of the scheme this one reads, by name, sorted; the loader rejects
  /// cycles, so evaluating formulas in the scheme's `formula_order` never meets an unknown value.
  std::vector<std::string> uses;
};

}  // namespace totalis::rules
