#pragma once
// credit_sum: a named credit the history carries (German earnings points, …), summed. Totalized
// with imputation: foreign periods at the own average per unit of time (EU Art 56(1)(c)).

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue credit_sum(const rules::MeasureSpec& spec, const MeasureInput& in) {
  const std::string& name = *spec.argument("credit")->text();
  MeasureValue v;
  for (const Period* p : in.own)
    if (const Amount* value = p->credit(name)) {
      detail::spread_by_year(p->span, *value, v.per_year);
      v.total += *value;
    }
  detail::impute(in, spec, v);
  return v;
}

}  // namespace totalis::engine
