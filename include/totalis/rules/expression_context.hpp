#pragma once
// What a compiled expression reads while it is evaluated, supplied by the engine for one worker
// and one scheme: slot values, the four predicates, the buckets of a fold, and series for uprate.
//
//   class WorkerContext final : public EvaluationContext { ... };   // the engine's
//   expression.evaluate(WorkerContext{...}).str()                    // "1671"

#include "totalis/core/amount.hpp"
#include "totalis/rules/expression_symbols.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace totalis::rules {

/// The evaluation's view of the world. Every value is looked up by the slot or id the Symbols
/// table gave its name at compile time; references returned must stay valid while the
/// evaluation runs. An implementation may throw its own exceptions; they pass through.
class EvaluationContext {
 public:
  virtual ~EvaluationContext() = default;

  /// A rule-level number or boolean (measures, parameters, engine-computed values).
  [[nodiscard]] virtual const Amount& number(Slot slot) const = 0;
  [[nodiscard]] virtual bool boolean(Slot slot) const = 0;

  /// national_of("US"): the worker holds that nationality. `alpha2` is two upper-case letters.
  [[nodiscard]] virtual bool national_of(std::string_view alpha2) const = 0;
  /// national_of_party: the worker is a national of a party to the agreement being applied.
  [[nodiscard]] virtual bool national_of_party() const = 0;
  /// resident_in("CA"): the worker lives in that country (on the as-of date).
  [[nodiscard]] virtual bool resident_in(std::string_view alpha2) const = 0;
  /// resident_in_party: the worker lives in a party to the agreement being applied.
  [[nodiscard]] virtual bool resident_in_party() const = 0;

  /// How many buckets (years, months) a fold runs over, in chronological order. The engine
  /// includes the zero buckets the law counts (a year without earnings among the 35 best).
  [[nodiscard]] virtual std::size_t bucket_count(Bucket bucket) const = 0;
  /// A bucket-level value (`earnings`, `awi`, `year`…) of bucket `index` (0 = earliest).
  [[nodiscard]] virtual const Amount& bucket_number(Bucket bucket, std::size_t index, Slot slot) const = 0;
  [[nodiscard]] virtual bool bucket_boolean(Bucket bucket, std::size_t index, Slot slot) const = 0;

  /// The percentage of `series` for `year` (2.5 for a 2.5 % COLA), or null when it has none.
  [[nodiscard]] virtual const Amount* series_percent(SeriesId series, std::int64_t year) const = 0;
};

/// One step of an evaluation, for the trace: a sub-expression as the rule file writes it
/// (the rule's name for the final result) and the value it had.
struct EvaluationStep {
  std::string text;       ///< "min(aime, b1)", "earnings * 2 (bucket 3 of 40)", "pia"
  std::string value;      ///< "1226", "true"
  SourcePosition where;   ///< where `text` starts in the rule file
  std::string cite = {};  ///< the cite of the rule whose expression computed it (empty: none given)
  friend bool operator==(const EvaluationStep&, const EvaluationStep&) = default;
};

}  // namespace totalis::rules
