#pragma once
// What every measure reads: the scheme, the worker, the scheme's own periods in this evaluation,
// the foreign periods an agreement credits (when totalizing), and a way to evaluate a per-year
// expression of the rule file. A measure returns its total and its value per calendar year.

#include "totalis/core/history.hpp"
#include "totalis/core/span_count.hpp"
#include "totalis/core/unit_conversion.hpp"
#include "totalis/engine/credited_periods.hpp"
#include "totalis/rules/measure_spec.hpp"
#include "totalis/rules/scheme.hpp"

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

namespace totalis::engine {

struct MeasureInput {
  const rules::Scheme& scheme;
  const Worker& worker;
  std::span<const Period* const> own;          ///< the scheme's own periods, refunds as the scenario says
  const CreditedPeriods* credited = nullptr;   ///< null: the scheme alone
  rules::Imputation imputation = rules::Imputation::none;   ///< for value measures when totalizing
  Amount own_time;                             ///< own periods in the scheme's unit (imputation)
  Date normal_age_date;                        ///< when the normal pension age is attained
  /// Evaluates a per-year expression of the rule file with period_date parameters at `year`.
  std::function<Amount(const rules::RuleExpression&, int year)> at_year;
  std::optional<int> normal_age_months = {};   ///< the normal pension age in months, where the scheme has one
};

struct MeasureValue {
  Amount total;
  std::map<int, Amount> per_year;   ///< calendar year → value; years without value omitted
};

/// A measure the rule file declared wrongly for what the engine can do: names the measure.
class MeasureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {

/// The spans of `own` periods whose kind is in `kinds` (all when empty).
inline std::vector<Span> spans_of(std::span<const Period* const> own, const std::vector<PeriodKind>& kinds) {
  std::vector<Span> out;
  for (const Period* p : own)
    if (kinds.empty() || std::find(kinds.begin(), kinds.end(), p->kind) != kinds.end()) out.push_back(p->span);
  return out;
}

/// A period kinds argument, or the scheme's kinds.
inline std::vector<PeriodKind> kinds_argument(const rules::MeasureSpec& spec, const rules::Scheme& scheme,
                                              std::vector<PeriodKind> fallback) {
  if (const rules::MeasureArgument* a = spec.argument("kinds"); a && a->names()) {
    std::vector<PeriodKind> kinds;
    for (const std::string& name : *a->names())
      if (auto k = find_period_kind(name)) kinds.push_back(*k);
    return kinds;
  }
  return fallback.empty() ? scheme.periods.kinds : fallback;
}

inline int integer_argument(const rules::MeasureSpec& spec, std::string_view name, int fallback) {
  if (const rules::MeasureArgument* a = spec.argument(name); a && a->integer()) return a->integer()->convert_to<int>();
  return fallback;
}

/// Spreads `value` of a period over the calendar years it touches, in proportion to days.
inline void spread_by_year(const Span& span, const Amount& value, std::map<int, Amount>& per_year) {
  const Amount days{span.days()};
  for (const Span& piece : split_by_year(span))
    per_year[piece.from().year()] += value * Amount{piece.days()} / days;
}

/// Adds the credited periods (in the scheme's unit) to a period measure in `unit`.
inline void add_credited(const MeasureInput& in, const rules::MeasureSpec& spec, TimeUnit unit, MeasureValue& v) {
  if (spec.mode != rules::MeasureMode::all || !in.credited) return;
  const auto converted = [&](const Amount& count) {
    if (in.credited->unit == unit) return count;
    return convert(PeriodCount{count, in.credited->unit}, unit, DayBasis::six_day).count;
  };
  for (const auto& [year, count] : in.credited->per_year) {
    const Amount c = converted(count);
    v.per_year[year] += c;
    v.total += c;
  }
}

/// Adds foreign periods valued at the average of the own ones (EU Art 56(1)(c)) to a value measure.
inline void impute(const MeasureInput& in, const rules::MeasureSpec& spec, MeasureValue& v) {
  if (spec.mode != rules::MeasureMode::all || !in.credited) return;
  if (in.imputation != rules::Imputation::average_own || in.own_time.is_zero()) return;
  const Amount average = v.total / in.own_time;
  for (const auto& [year, count] : in.credited->per_year) {
    v.per_year[year] += average * count;
    v.total += average * count;
  }
}

}  // namespace detail
}  // namespace totalis::engine
