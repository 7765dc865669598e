#pragma once
// How an agreement turns another party's periods into the receiving scheme's unit
// (`[[party.convert]]`, DESIGN §4): Germany → US months ÷ 3 with a remainder counting as one QC,
// at most 4 a year (POMS GN 01708.115); US → Germany 3 months per QC (GN 01707.125); EU
// Reg 987/2009 Art 13 between any units.
//
//   [[party.convert]]
//   from = "DE"
//   unit = "month"
//   per = "calendar_year"
//   divisor = 3
//   remainder = "up"
//   max_per_year = 4

#include "totalis/core/amount.hpp"
#include "totalis/core/history.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/core/time_unit.hpp"
#include "totalis/core/unit_conversion.hpp"
#include "totalis/rules/cite.hpp"

#include <optional>
#include <string>
#include <vector>

namespace totalis::rules {

enum class ConversionMethod {
  ratio,      ///< count in `unit`, × factor or ÷ divisor with `remainder` rounding
  eu_art13,   ///< Reg 987/2009 Art 13 (core/unit_conversion.hpp)
};

struct Conversion {
  std::string from;                  ///< a country ("DE"), a scheme id, or "*" (every other party)
  std::vector<PeriodKind> kinds;     ///< empty: every kind
  ConversionMethod method = ConversionMethod::ratio;
  TimeUnit unit = TimeUnit::month;   ///< the unit the foreign periods are counted in
  bool per_calendar_year = false;    ///< convert each calendar year's count separately
  std::optional<Integer> divisor;    ///< foreign units per own unit
  std::optional<Integer> factor;     ///< own units per foreign unit
  Rounding remainder = Rounding::down;
  std::optional<int> max_per_year;   ///< own units per calendar year
  bool not_coinciding = false;       ///< never credited to time already an own period
  std::optional<int> after_age;      ///< only periods after the worker attains this age
  std::optional<int> after_year;     ///< only periods after this calendar year
  std::optional<DayBasis> day_basis; ///< eu_art13
  Cite cite;
  SourceRegion where;
};

}  // namespace totalis::rules
