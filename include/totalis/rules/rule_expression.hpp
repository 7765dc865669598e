#pragma once
// One expression of a rule file (a benefit, a predicate, a ratio…): its text, where it starts in
// the file, and its compiled form, built once by the loader so the engine never parses.
//
//   scheme.variants[0].benefit.text               // "round_down(pia, 1)"
//   scheme.variants[0].benefit.compiled->evaluate(context)

#include "totalis/core/source_position.hpp"
#include "totalis/rules/expression.hpp"

#include <memory>
#include <string>

namespace totalis::rules {

struct RuleExpression {
  std::string text;                                ///< as written between the quotes
  SourceRegion where;                              ///< where the text starts (not the quote)
  std::shared_ptr<const Expression> compiled;      ///< null only in a model built by hand
};

}  // namespace totalis::rules
