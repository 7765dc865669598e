#pragma once
// contributions_sum: the contributions the history says were paid into the scheme (employer and
// employee shares together), summed. A lump sum paid instead of a pension reads it (the SSS
// retirement lump sum: contributions paid by member and employer, RA 8282 Sec 12-B). Totalized,
// it is the own sum: foreign contributions are not the scheme's.

#include "totalis/engine/measures/measure_input.hpp"

namespace totalis::engine {

[[nodiscard]] inline MeasureValue contributions_sum(const rules::MeasureSpec&, const MeasureInput& in) {
  MeasureValue v;
  for (const Period* p : in.own)
    if (p->contributions) {
      detail::spread_by_year(p->span, *p->contributions, v.per_year);
      v.total += *p->contributions;
    }
  return v;
}

}  // namespace totalis::engine
