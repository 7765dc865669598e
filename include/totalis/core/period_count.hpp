#pragma once
// A count of periods in one unit: days, weeks, months and quarters stay apart until a
// conversion rule (unit_conversion.hpp) merges them.
//
//   (PeriodCount{Amount{2}, TimeUnit::month} + PeriodCount{Amount{3}, TimeUnit::month}).str()  // "5 months"

#include "totalis/core/amount.hpp"
#include "totalis/core/time_unit.hpp"

#include <stdexcept>
#include <string>

namespace totalis {

/// An exact (possibly fractional: days / 30, Art. 13 conversions) count in one unit.
struct PeriodCount {
  Amount count;
  TimeUnit unit = TimeUnit::day;

  /// "110 days", "1 quarter", "0.5 months".
  [[nodiscard]] std::string str() const {
    return count.str() + " " + std::string(to_string(unit)) + (count == Amount{1} ? "" : "s");
  }

  /// Throws std::domain_error: "cannot add 1 week to 2 months without converting one of them".
  friend PeriodCount operator+(const PeriodCount& a, const PeriodCount& b) {
    if (a.unit != b.unit)
      throw std::domain_error("cannot add " + b.str() + " to " + a.str() + " without converting one of them");
    return {a.count + b.count, a.unit};
  }
  /// 3 months and 1 quarter are not equal until converted.
  friend bool operator==(const PeriodCount&, const PeriodCount&) = default;
};

}  // namespace totalis
