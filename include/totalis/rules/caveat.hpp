#pragma once
// What a scheme's figures leave out for some workers, said with their assessment when it applies
// (`warning` says it for every worker): a rule the file does not encode for a cohort or a case.
//
//   [[caveat]]
//   when = 'eligibility_year >= 1979 and eligibility_year <= 1983'
//   text = "the transitional guarantee is not applied: SSA pays the old-law PIA where it is higher"
//   cite = "20 CFR 404.230-404.233"

#include "totalis/core/source_position.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <string>

namespace totalis::rules {

struct Caveat {
  RuleExpression when;   ///< predicate on the worker and the scheme's own periods
  std::string text;      ///< what the figures leave out
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
