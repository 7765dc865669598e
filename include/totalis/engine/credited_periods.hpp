#pragma once
// Foreign periods an agreement credits to a scheme, already converted into the scheme's unit,
// per calendar year (the US credits at most 4 QCs a year; Germany 12 months).
//
//   credited.total.str()           // "16" (German months ÷ 3, as needed: A-5)
//   credited.per_year.at(2001)     // 4

#include "totalis/core/amount.hpp"
#include "totalis/core/country.hpp"
#include "totalis/core/span.hpp"
#include "totalis/core/time_unit.hpp"

#include <map>
#include <vector>

namespace totalis::engine {

/// One foreign period and what it was worth once converted (for periods_counted).
struct CreditedSource {
  Country country;
  Span span;
  Amount count;   ///< in the receiving scheme's unit, before "as needed" trims the total
};

struct CreditedPeriods {
  TimeUnit unit = TimeUnit::month;      ///< the receiving scheme's unit
  std::map<int, Amount> per_year;       ///< calendar year → credited count
  Amount total;                         ///< the sum of per_year
  std::vector<CreditedSource> sources;

  /// Keeps only the first `limit` units, earliest years first: credit only as far as needed.
  [[nodiscard]] CreditedPeriods limited_to(const Amount& limit) const {
    CreditedPeriods out{unit, {}, {}, sources};
    Amount left = limit;
    for (const auto& [year, count] : per_year) {
      if (left <= Amount{}) break;
      const Amount taken = min(count, left);
      out.per_year[year] = taken;
      out.total += taken;
      left -= taken;
    }
    return out;
  }
};

}  // namespace totalis::engine
