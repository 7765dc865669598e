#pragma once
// One way a scheme pays an old-age benefit (`[[variant]]`): when it applies, what qualifies,
// what it pays. The best variant the worker qualifies for wins (DESIGN §4): German
// Regelaltersrente vs the pension for long-term insured from 63, UK basic vs new State Pension.
//
//   scheme.variants[1].id                         // "langjaehrig_versichert"
//   scheme.variants[1].earliest_age               // 63 years (Age{63, 0})
//   scheme.variants[1].rounding->step             // "0.01"

#include "totalis/core/source_position.hpp"
#include "totalis/rules/age.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/final_rounding.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <optional>
#include <string>

namespace totalis::rules {

struct Variant {
  std::string id;
  std::string name;
  std::optional<RuleExpression> applies;       ///< predicate; absent: always
  RuleExpression qualifies;                    ///< predicate
  RuleExpression benefit;                      ///< number, ending in a rounding
  /// The theoretical amount of a totalization claim, when the law defines it otherwise than
  /// "the benefit over all periods" (US: the PIA of the REP record, 20 CFR 404.1918).
  std::optional<RuleExpression> theoretical;
  std::optional<Age> earliest_age;             ///< overrides [pension_age] earliest
  std::optional<Age> normal_age;               ///< overrides [pension_age] normal
  std::optional<FinalRounding> rounding;       ///< the benefit's outermost round_…(x, step), if it is one
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
