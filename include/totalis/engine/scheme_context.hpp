#pragma once
// The world one scheme's rules see for one worker in one scenario (alone, totalized under an
// agreement, with or without refunded periods, at today's or a frozen parameter date): the
// engine's implementation of rules::EvaluationContext. Values are computed on first use and kept
// for the life of the context (one evaluation pass); the rulebook itself is never modified.
//
//   SchemeContext ctx{setup, scenario};
//   variant.benefit.compiled->evaluate_number(ctx).str()   // "1671"

#include "totalis/engine/claim_timing.hpp"
#include "totalis/engine/measures/measure.hpp"
#include "totalis/rules/agreement.hpp"
#include "totalis/rules/engine_names.hpp"
#include "totalis/rules/expression.hpp"
#include "totalis/rules/rule_gap.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace totalis::engine {

/// What does not change between the scenarios of one scheme for one worker.
struct SchemeSetup {
  const rules::Scheme& scheme;
  const History& history;
  std::vector<const Period*> own_all;    ///< routed to the scheme, refunded ones included
  std::vector<const Period*> own_kept;   ///< without the refunded ones
  ClaimTiming timing;

  /// A measure with no credited periods reads only the own periods (with or without the refunded
  /// ones) and, through per-year expressions, parameters at its years or at the parameter date:
  /// it is the same in every scenario that shares those, so it is computed once per worker and
  /// kept here rather than once per scenario (the US QCs and earnings, read by every scenario).
  /// Key: measure index, with_refunded, parameter date's day number (0: the as-of date).
  mutable std::map<std::tuple<std::size_t, bool, std::int64_t>, MeasureValue> measures_alone = {};
  /// Likewise a measure's per-year expression that reads only the year and parameters (the US
  /// earnings for a quarter of coverage): one value per year and parameter date for the worker.
  mutable std::map<std::tuple<const rules::RuleExpression*, int, std::int64_t>, Amount> year_values = {};
  /// Likewise the formulas that read only such values (the US AIME, REP and PIA of the US record
  /// alone): by formula index, with_refunded and parameter date. Traced runs do not use them.
  mutable std::map<std::tuple<std::size_t, bool, std::int64_t>, Amount> formula_values = {};
  mutable std::map<std::tuple<std::size_t, bool, std::int64_t>, bool> formula_flags = {};
  mutable std::vector<std::int8_t> formula_scenario_free = {};   ///< by formula: -1 unknown, 0 no, 1 yes
};

/// What one evaluation assumes.
struct Scenario {
  bool with_refunded = false;                      ///< count refunded periods (the counterfactual)
  const CreditedPeriods* credited = nullptr;       ///< foreign periods credited by an agreement
  std::optional<rules::Imputation> impute;         ///< the agreement's imputation, overriding the measures'
  Amount shifted_own;                              ///< other states' small periods taken over (EU Art 57(2))
  std::optional<Date> parameter_date;              ///< as-of parameters read at this date (a frozen rate)
  const rules::Agreement* agreement = nullptr;     ///< for national_of_party / resident_in_party
  bool qualified_alone = false;
  std::optional<Amount> independent, theoretical, ratio, pro_rata, accrued;
};

class SchemeContext;

/// A measure's per-year argument (earnings_per_quarter) is compiled against the per-year names:
/// this view evaluates it for one calendar year, everything else as the scheme's context does.
class YearContext final : public rules::EvaluationContext {
 public:
  YearContext(const SchemeContext& parent, int year) : parent_(parent), year_(year) {}
  const Amount& number(rules::Slot slot) const override;
  bool boolean(rules::Slot slot) const override;
  bool national_of(std::string_view alpha2) const override;
  bool national_of_party() const override;
  bool resident_in(std::string_view alpha2) const override;
  bool resident_in_party() const override;
  std::size_t bucket_count(rules::Bucket bucket) const override;
  const Amount& bucket_number(rules::Bucket bucket, std::size_t index, rules::Slot slot) const override;
  bool bucket_boolean(rules::Bucket bucket, std::size_t index, rules::Slot slot) const override;
  const Amount* series_percent(rules::SeriesId series, std::int64_t year) const override;

 private:
  const SchemeContext& parent_;
  int year_;
};

class SchemeContext final : public rules::EvaluationContext {
 public:
  SchemeContext(const SchemeSetup& setup, const Scenario& scenario) : s_(setup), sc_(scenario) {
    const std::size_t slots = setup.scheme.symbols ? setup.scheme.symbols->slots.size() : 0;
    cache_.resize(slots);
    flags_.resize(slots);
    measures_.resize(setup.scheme.measures.size());
    first_bucket_year_ = setup.history.worker.birth_date.year();
    const rules::SchemeSymbols& symbols = *setup.scheme.symbols;
    for (std::size_t b = 0; b < symbols.bucket_slots.size(); ++b) {   // the series folds read
      const rules::SlotInfo& slot = symbols.bucket_slots[b];
      if (b < symbols.read_in_fold.size() && !symbols.read_in_fold[b]) continue;
      if (slot.source != rules::SlotSource::parameter && slot.source != rules::SlotSource::parameter_field) continue;
      const rules::Parameter& p = setup.scheme.parameters.at(slot.index);
      if (p.axis == rules::ParameterAxis::period_date && !p.entries.empty() && p.entries.front().from)
        first_bucket_year_ = std::max(first_bucket_year_, static_cast<int>(p.entries.front().from->year()));
    }
  }

  // --- rules::EvaluationContext --------------------------------------------------------------
  const Amount& number(rules::Slot slot) const override;
  bool boolean(rules::Slot slot) const override;
  bool national_of(std::string_view alpha2) const override;
  bool national_of_party() const override;
  bool resident_in(std::string_view alpha2) const override;
  bool resident_in_party() const override;
  std::size_t bucket_count(rules::Bucket bucket) const override;
  const Amount& bucket_number(rules::Bucket bucket, std::size_t index, rules::Slot slot) const override;
  bool bucket_boolean(rules::Bucket bucket, std::size_t index, rules::Slot slot) const override;
  const Amount* series_percent(rules::SeriesId series, std::int64_t year) const override;

  /// A measure's value in this scenario (by its position in scheme.measures).
  [[nodiscard]] const MeasureValue& measure(std::size_t index) const;
  /// The scheme's own periods in its unit, alone (never credited), plus periods taken over.
  [[nodiscard]] Amount own_count() const;
  /// The scheme's periods in its unit in this scenario (totalized when credited).
  [[nodiscard]] Amount total_count() const;
  /// A per-year value (`year`, period_date parameters, measures) of calendar year `year`.
  [[nodiscard]] const Amount& year_value(int year, rules::Slot bucket_slot) const;
  /// Evaluates a rule expression here; `steps` collects the trace when given.
  [[nodiscard]] Amount evaluate(const rules::RuleExpression& e, std::vector<rules::EvaluationStep>* steps = nullptr) const;
  [[nodiscard]] bool holds(const rules::RuleExpression& e, std::vector<rules::EvaluationStep>* steps = nullptr) const;

 private:
  [[nodiscard]] const rules::SlotInfo& info(rules::Slot slot) const { return s_.scheme.symbols->slots.at(slot); }
  [[nodiscard]] std::span<const Period* const> own() const { return sc_.with_refunded ? s_.own_all : s_.own_kept; }
  [[nodiscard]] const Amount& keep(Amount value) const {
    if (!scratch_) scratch_ = std::make_unique<std::deque<Amount>>();   // most contexts never need one
    return scratch_->emplace_back(std::move(value));
  }
  /// The parameter's value in the rulebook (a reference: no copy on the hottest path).
  [[nodiscard]] const Amount& parameter_value(std::size_t index, const std::string& field, std::optional<int> year) const;
  [[nodiscard]] Amount engine_value(std::string_view name) const;
  [[nodiscard]] Date period_date() const;
  /// A fold runs from the worker's birth year, or from the year the series folds read begin when
  /// that is later (no year before a scheme's period-dated parameters exist is spoken of), to the
  /// as-of year; years without periods are buckets too (zero years among the best 35). A series
  /// read only by `uprate` (the US COLAs) does not limit the folds.
  [[nodiscard]] int first_bucket_year() const { return first_bucket_year_; }
  [[nodiscard]] MeasureInput measure_input(const rules::MeasureSpec& spec, const CreditedPeriods* credited) const;
  [[nodiscard]] Amount count_measure(const CreditedPeriods* credited) const;
  /// True when a per-year expression reads nothing but the year and parameters (so its value
  /// for a year is the same in every scenario with the same parameter date).
  [[nodiscard]] bool reads_only_year_and_parameters(const rules::RuleExpression& e) const;
  /// True when a value read through `slot` is the same in every scenario of the setup that shares
  /// with_refunded and the parameter date: parameters, own-only measures, values of the worker
  /// alone, and formulas reading only those (no foreign credit, no agreement, no pro-rata).
  [[nodiscard]] bool same_in_every_scenario(const rules::SlotInfo& slot) const;
  [[nodiscard]] bool formula_same_in_every_scenario(std::size_t index) const;
  [[nodiscard]] std::tuple<std::size_t, bool, std::int64_t> scenario_key(std::size_t index) const;
  /// Formula `index` in this scenario: from the worker's `shared` values when no scenario changes
  /// it, else evaluated here; a traced run always evaluates (the trace shows every step).
  template <class T, class Evaluate>
  [[nodiscard]] T formula(std::map<std::tuple<std::size_t, bool, std::int64_t>, T>& shared, std::size_t index,
                          Evaluate evaluate) const;
  /// A measure without credited periods, from the worker's cache in the setup.
  [[nodiscard]] const MeasureValue& measure_alone(std::size_t index) const;

  const SchemeSetup& s_;
  const Scenario& sc_;
  mutable std::vector<std::optional<Amount>> cache_;
  mutable std::vector<std::optional<bool>> flags_;
  mutable std::vector<std::optional<MeasureValue>> measures_;
  int first_bucket_year_ = 0;
  mutable std::unique_ptr<std::deque<Amount>> scratch_;   // values handed out by reference, not cached
  /// While a traced evaluation runs: where a formula it reads for the first time records its
  /// own steps, so --explain shows the AIME under the PIA under the benefit.
  mutable std::vector<rules::EvaluationStep>* tracing_ = nullptr;
};

// ------------------------------------------------------------------------------------------------
// Implementation

inline Amount SchemeContext::evaluate(const rules::RuleExpression& e, std::vector<rules::EvaluationStep>* steps) const {
  if (!steps) return e.compiled->evaluate_number(*this);
  auto* outer = std::exchange(tracing_, steps);
  Amount value = e.compiled->evaluate(*this, *steps).number();
  tracing_ = outer;
  return value;
}

inline bool SchemeContext::holds(const rules::RuleExpression& e, std::vector<rules::EvaluationStep>* steps) const {
  if (!steps) return e.compiled->evaluate_boolean(*this);
  auto* outer = std::exchange(tracing_, steps);
  const bool value = e.compiled->evaluate(*this, *steps).boolean();
  tracing_ = outer;
  return value;
}

inline Date SchemeContext::period_date() const {
  // Outside a fold: the end of the last own period (a lump sum uses the last paid month's rate).
  Date last = s_.history.worker.as_of;
  bool any = false;
  for (const Period* p : own())
    if (!any || p->span.to() > last) last = p->span.to(), any = true;
  return last;
}

inline const Amount& SchemeContext::parameter_value(std::size_t index, const std::string& field,
                                                    std::optional<int> year) const {
  const rules::Parameter& p = s_.scheme.parameters.at(index);
  const Worker& w = s_.history.worker;
  const rules::ParameterValue* value = nullptr;
  Date at;   // the date the value is read at, for the message when it has none
  switch (p.axis) {
    case rules::ParameterAxis::fixed:
    case rules::ParameterAxis::as_of:
      at = p.axis == rules::ParameterAxis::fixed ? w.as_of : sc_.parameter_date.value_or(w.as_of);
      value = p.at(at);
      break;
    case rules::ParameterAxis::birth_date:
      value = p.at(at = w.birth_date);
      break;
    case rules::ParameterAxis::eligibility_year:
      value = p.at_year(s_.timing.earliest_age_date.year());
      break;
    case rules::ParameterAxis::period_date:
      at = year ? Date(static_cast<unsigned short>(*year), 1, 1) : period_date();
      value = p.at(at);
      break;
  }
  if (!value) {   // the message is built only here: lookups are the engine's hottest path
    const std::string key = p.axis == rules::ParameterAxis::eligibility_year
                                ? "eligibility year " + std::to_string(s_.timing.earliest_age_date.year())
                                : (p.axis == rules::ParameterAxis::birth_date ? "birth date " : "") + format_date(at);
    throw rules::RuleGap(s_.scheme.id.str() + ": parameter '" + p.name + "' has no value for " + key);
  }
  if (field.empty()) return value->scalar();
  const Amount* f = value->field(field);
  if (!f) throw std::runtime_error(s_.scheme.id.str() + ": parameter '" + p.name + "' has no field '" + field + "'");
  return *f;
}

inline MeasureInput SchemeContext::measure_input(const rules::MeasureSpec& spec, const CreditedPeriods* credited) const {
  MeasureInput in{s_.scheme, s_.history.worker, own(), credited, sc_.impute.value_or(spec.imputation), {}, {}, {}};
  in.normal_age_date = s_.timing.normal_age_date.value_or(s_.timing.earliest_age_date);
  in.normal_age_months = s_.timing.normal_age_months;
  if (spec.kind && spec.kind->takes_imputation && credited) in.own_time = count_measure(nullptr);
  // A measure asks for one expression year after year: whether it may be shared is decided once.
  in.at_year = [this, last = std::pair<const rules::RuleExpression*, bool>{}](const rules::RuleExpression& e,
                                                                              int year) mutable {
    if (last.first != &e) last = {&e, reads_only_year_and_parameters(e)};
    if (!last.second) return e.compiled->evaluate_number(YearContext(*this, year));
    const auto key = std::make_tuple(&e, year, sc_.parameter_date ? sc_.parameter_date->day_number() : std::int64_t{0});
    auto it = s_.year_values.find(key);
    if (it == s_.year_values.end()) it = s_.year_values.emplace(key, e.compiled->evaluate_number(YearContext(*this, year))).first;
    return it->second;
  };
  return in;
}

inline bool SchemeContext::reads_only_year_and_parameters(const rules::RuleExpression& e) const {
  if (e.compiled->has_fold() || e.compiled->reads_agreement()) return false;
  for (rules::Slot slot : e.compiled->slots()) {
    const rules::SlotSource source = s_.scheme.symbols->bucket_slots.at(slot).source;
    if (source != rules::SlotSource::year && source != rules::SlotSource::parameter &&
        source != rules::SlotSource::parameter_field)
      return false;
  }
  return true;
}

inline bool SchemeContext::same_in_every_scenario(const rules::SlotInfo& slot) const {
  switch (slot.source) {
    case rules::SlotSource::year:
    case rules::SlotSource::parameter:         // as_of: the parameter date is in the cache key;
    case rules::SlotSource::parameter_field:   // period_date outside a fold: own periods, likewise
      return true;
    case rules::SlotSource::measure:
      return s_.scheme.measures.at(slot.index).mode == rules::MeasureMode::own;
    case rules::SlotSource::formula:
      return formula_same_in_every_scenario(slot.index);
    case rules::SlotSource::engine:
      return rules::engine_names[slot.index].from_worker_only;
  }
  return false;
}

inline bool SchemeContext::formula_same_in_every_scenario(std::size_t index) const {
  std::vector<std::int8_t>& known = s_.formula_scenario_free;
  if (known.empty()) known.assign(s_.scheme.formulas.size(), -1);
  if (known[index] >= 0) return known[index] == 1;
  const rules::Expression& e = *s_.scheme.formulas.at(index).expr.compiled;
  bool free = !e.reads_agreement();
  for (rules::Slot slot : e.slots())
    if (free) free = same_in_every_scenario(s_.scheme.symbols->slots.at(slot));
  for (rules::Slot slot : e.bucket_slots())
    if (free) free = same_in_every_scenario(s_.scheme.symbols->bucket_slots.at(slot));
  known[index] = free ? 1 : 0;
  return free;
}

inline std::tuple<std::size_t, bool, std::int64_t> SchemeContext::scenario_key(std::size_t index) const {
  return {index, sc_.with_refunded, sc_.parameter_date ? sc_.parameter_date->day_number() : std::int64_t{0}};
}

template <class T, class Evaluate>
T SchemeContext::formula(std::map<std::tuple<std::size_t, bool, std::int64_t>, T>& shared, std::size_t index,
                         Evaluate evaluate) const {
  const rules::RuleExpression& e = s_.scheme.formulas.at(index).expr;
  if (tracing_ || !formula_same_in_every_scenario(index)) return evaluate(e);
  const auto key = scenario_key(index);
  auto it = shared.find(key);
  if (it == shared.end()) it = shared.emplace(key, evaluate(e)).first;
  return it->second;
}

inline const MeasureValue& SchemeContext::measure(std::size_t index) const {
  if (!measures_[index]) {
    if (sc_.credited && s_.scheme.measures[index].mode == rules::MeasureMode::all)
      measures_[index] = engine::measure(s_.scheme.measures[index], measure_input(s_.scheme.measures[index], sc_.credited));
    else
      return measure_alone(index);
  }
  return *measures_[index];
}

inline const MeasureValue& SchemeContext::measure_alone(std::size_t index) const {
  const auto key = scenario_key(index);
  auto it = s_.measures_alone.find(key);
  if (it == s_.measures_alone.end())
    it = s_.measures_alone
             .emplace(key, engine::measure(s_.scheme.measures[index], measure_input(s_.scheme.measures[index], nullptr)))
             .first;
  return it->second;
}

inline Amount SchemeContext::count_measure(const CreditedPeriods* credited) const {
  const rules::MeasureSpec* spec = s_.scheme.measure(s_.scheme.periods.count);
  if (!spec) throw std::runtime_error(s_.scheme.id.str() + ": [periods] count names no measure");
  if (!credited) return measure_alone(static_cast<std::size_t>(spec - s_.scheme.measures.data())).total;
  return engine::measure(*spec, measure_input(*spec, credited)).total;
}

inline Amount SchemeContext::own_count() const { return count_measure(nullptr) + sc_.shifted_own; }

inline Amount SchemeContext::total_count() const {
  const rules::MeasureSpec* spec = s_.scheme.measure(s_.scheme.periods.count);
  if (!spec) throw std::runtime_error(s_.scheme.id.str() + ": [periods] count names no measure");
  Amount total = engine::measure(*spec, measure_input(*spec, sc_.credited)).total;
  // A measure that reads own periods only still totalizes for `total`: add the credits.
  if (spec->mode == rules::MeasureMode::own && sc_.credited) total += sc_.credited->total;
  return total;
}

inline Amount SchemeContext::engine_value(std::string_view name) const {
  const Worker& w = s_.history.worker;
  const ClaimTiming& t = s_.timing;
  const AgeRule rule = s_.scheme.age_rule();
  const auto required = [&](const std::optional<Amount>& v) {
    if (!v) throw std::runtime_error(s_.scheme.id.str() + ": '" + std::string(name) + "' is not known here");
    return *v;
  };
  const auto whole_months = [](Date from, Date to) {   // whole calendar months from one month start to another
    return (to.year() - from.year()) * 12 + (to.month() - from.month());
  };
  if (name == "age_at_claim") return Amount{age_on(w.birth_date, t.claim_date, rule)};
  if (name == "age_at_as_of") return Amount{age_on(w.birth_date, w.as_of, rule)};
  if (name == "birth_year") return Amount{static_cast<int>(w.birth_date.year())};
  if (name == "eligibility_year") return Amount{static_cast<int>(t.earliest_age_date.year())};
  if (name == "claim_year") return Amount{static_cast<int>(t.claim_date.year())};
  if (name == "claim_month") return Amount{static_cast<int>(t.claim_date.month())};
  if (name == "as_of_year") return Amount{static_cast<int>(w.as_of.year())};
  if (name == "as_of_month") return Amount{static_cast<int>(w.as_of.month())};
  if (name == "normal_age_months") {
    if (!t.normal_age_months) throw std::runtime_error(s_.scheme.id.str() + ": no normal pension age for '" + std::string(name) + "'");
    return Amount{*t.normal_age_months};
  }
  if (name == "months_before_normal_age" || name == "months_after_normal_age" || name == "weeks_deferred") {
    if (!t.normal_entitlement) throw std::runtime_error(s_.scheme.id.str() + ": no normal pension age for '" + std::string(name) + "'");
    const int months = whole_months(*t.normal_entitlement, t.claim_date);
    if (name == "months_before_normal_age") return Amount{std::max(0, -months)};
    if (name == "months_after_normal_age") return Amount{std::max(0, months)};
    return Amount{std::max<long>(0, (t.claim_date - *t.normal_entitlement).days() / 7)};
  }
  if (name == "years_abroad" || name == "months_abroad") {
    if (w.residence == s_.scheme.country) return Amount{};
    const Date since = w.residence_since.value_or(w.as_of);
    if (name == "years_abroad") return Amount{std::max(0, age_on(since, w.as_of, AgeRule::on_birthday))};
    return Amount{std::max(0, whole_months(first_of_month(since), first_of_month(w.as_of)))};
  }
  if (name == "own") return own_count();
  // Relieved small periods are another party's, so the agreement already credits them: they
  // join `own` (this state pays for them, Art 57(2)) but not `total` a second time.
  if (name == "total") return total_count();
  if (name == "full_benefit_periods") {
    if (s_.scheme.periods.full_benefit) return *s_.scheme.periods.full_benefit;
    return total_count();
  }
  if (name == "independent") return required(sc_.independent);
  if (name == "theoretical") return required(sc_.theoretical);
  if (name == "ratio") return required(sc_.ratio);
  if (name == "pro_rata") return required(sc_.pro_rata);
  if (name == "accrued") return required(sc_.accrued);
  throw std::runtime_error(s_.scheme.id.str() + ": the engine does not compute '" + std::string(name) + "'");
}

inline const Amount& SchemeContext::number(rules::Slot slot) const {
  const rules::SlotInfo& i = info(slot);
  switch (i.source) {
    case rules::SlotSource::parameter:
    case rules::SlotSource::parameter_field:
      return parameter_value(i.index, i.field, std::nullopt);
    case rules::SlotSource::measure:
      return measure(i.index).total;
    case rules::SlotSource::formula:
      if (!cache_[slot])
        cache_[slot] = formula(s_.formula_values, i.index, [&](const rules::RuleExpression& e) { return evaluate(e, tracing_); });
      return *cache_[slot];
    case rules::SlotSource::engine:
      if (!cache_[slot]) cache_[slot] = engine_value(rules::engine_names[i.index].name);
      return *cache_[slot];
    case rules::SlotSource::year:
      return keep(Amount{static_cast<int>(s_.history.worker.as_of.year())});
  }
  throw std::logic_error("unknown slot source");
}

inline bool SchemeContext::boolean(rules::Slot slot) const {
  const rules::SlotInfo& i = info(slot);
  if (i.source == rules::SlotSource::engine && rules::engine_names[i.index].name == "qualified_alone")
    return sc_.qualified_alone;
  if (i.source == rules::SlotSource::formula) {
    if (!flags_[slot])
      flags_[slot] = formula(s_.formula_flags, i.index, [&](const rules::RuleExpression& e) { return holds(e, tracing_); });
    return *flags_[slot];
  }
  throw std::runtime_error(s_.scheme.id.str() + ": '" + i.name + "' is not a yes/no value");
}

inline bool SchemeContext::national_of(std::string_view alpha2) const {
  return std::any_of(s_.history.worker.nationalities.begin(), s_.history.worker.nationalities.end(),
                     [&](Country c) { return c.alpha2() == alpha2; });
}
inline bool SchemeContext::national_of_party() const {
  if (!sc_.agreement) return false;
  return std::any_of(s_.history.worker.nationalities.begin(), s_.history.worker.nationalities.end(),
                     [&](Country c) { return sc_.agreement->has_party(c); });
}
inline bool SchemeContext::resident_in(std::string_view alpha2) const {
  return s_.history.worker.residence.alpha2() == alpha2;
}
inline bool SchemeContext::resident_in_party() const {
  return sc_.agreement && sc_.agreement->has_party(s_.history.worker.residence);
}

inline std::size_t SchemeContext::bucket_count(rules::Bucket bucket) const {
  if (bucket != rules::Bucket::year)
    throw std::runtime_error(s_.scheme.id.str() + ": folds over months are not supported yet; fold by year");
  return static_cast<std::size_t>(std::max(0, static_cast<int>(s_.history.worker.as_of.year()) - first_bucket_year() + 1));
}

inline const Amount& SchemeContext::bucket_number(rules::Bucket bucket, std::size_t index, rules::Slot slot) const {
  (void)bucket_count(bucket);
  return year_value(first_bucket_year() + static_cast<int>(index), slot);
}

inline const Amount& SchemeContext::year_value(int year, rules::Slot slot) const {
  const rules::SlotInfo& i = s_.scheme.symbols->bucket_slots.at(slot);
  switch (i.source) {
    case rules::SlotSource::year:
      return keep(Amount{year});
    case rules::SlotSource::parameter:
    case rules::SlotSource::parameter_field: {
      const rules::Parameter& p = s_.scheme.parameters.at(i.index);
      const bool by_year = p.axis == rules::ParameterAxis::period_date;
      return parameter_value(i.index, i.field, by_year ? std::optional<int>(year) : std::nullopt);
    }
    case rules::SlotSource::measure: {
      const auto& years = measure(i.index).per_year;
      const auto it = years.find(year);
      return keep(it == years.end() ? Amount{} : it->second);
    }
    default:
      break;
  }
  throw std::runtime_error(s_.scheme.id.str() + ": '" + i.name + "' has no value per year");
}

inline bool SchemeContext::bucket_boolean(rules::Bucket, std::size_t, rules::Slot slot) const {
  throw std::runtime_error(s_.scheme.id.str() + ": '" + s_.scheme.symbols->bucket_slots.at(slot).name +
                           "' is not a yes/no value per year");
}

inline const Amount* SchemeContext::series_percent(rules::SeriesId series, std::int64_t year) const {
  const rules::Parameter& p = s_.scheme.parameters.at(s_.scheme.symbols->series.at(series));
  const rules::ParameterValue* v = p.at_year(static_cast<int>(year));
  return v ? &keep(v->scalar()) : nullptr;
}

inline const Amount& YearContext::number(rules::Slot slot) const { return parent_.year_value(year_, slot); }
inline bool YearContext::boolean(rules::Slot slot) const { return parent_.bucket_boolean(rules::Bucket::year, 0, slot); }
inline bool YearContext::national_of(std::string_view a) const { return parent_.national_of(a); }
inline bool YearContext::national_of_party() const { return parent_.national_of_party(); }
inline bool YearContext::resident_in(std::string_view a) const { return parent_.resident_in(a); }
inline bool YearContext::resident_in_party() const { return parent_.resident_in_party(); }
inline std::size_t YearContext::bucket_count(rules::Bucket b) const { return parent_.bucket_count(b); }
inline const Amount& YearContext::bucket_number(rules::Bucket b, std::size_t i, rules::Slot s) const {
  return parent_.bucket_number(b, i, s);
}
inline bool YearContext::bucket_boolean(rules::Bucket b, std::size_t i, rules::Slot s) const {
  return parent_.bucket_boolean(b, i, s);
}
inline const Amount* YearContext::series_percent(rules::SeriesId s, std::int64_t y) const {
  return parent_.series_percent(s, y);
}

}  // namespace totalis::engine
