#pragma once
// A small evaluation context for rule tests: values set by name through a scheme's slot table,
// a worker's nationalities and residence, and yearly buckets for folds. Not the engine: every
// value a test evaluates with comes from the test (a domain.md figure) or from the rule file.

#include "totalis/core/amount.hpp"
#include "totalis/rules/expression.hpp"
#include "totalis/rules/scheme.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::testing {

class RuleTestContext final : public rules::EvaluationContext {
 public:
  explicit RuleTestContext(const rules::Scheme& scheme) : scheme_(scheme) {
    numbers_.resize(scheme.symbols->slots.size());
    truths_.resize(scheme.symbols->slots.size());
  }

  /// Sets the rule-level value `name` (a measure, parameter, formula or engine value).
  RuleTestContext& set(std::string_view name, const Amount& value) {
    numbers_.at(slot(name)) = value;
    return *this;
  }
  RuleTestContext& set(std::string_view name, std::string_view decimal) { return set(name, Amount::parse(decimal)); }
  RuleTestContext& set_truth(std::string_view name, bool value) {
    truths_.at(slot(name)) = value;
    return *this;
  }
  /// Sets a parameter to its value in the rule file at `key`.
  RuleTestContext& set_parameter_at(std::string_view name, Date key) {
    const rules::ParameterValue* v = scheme_.parameter(name)->at(key);
    if (!v) throw std::out_of_range("no value of " + std::string(name));
    return set(name, v->scalar());
  }
  /// Evaluates formula `name` with the values set so far and stores its value.
  Amount evaluate_formula(std::string_view name) {
    const rules::Formula* f = scheme_.formula(name);
    if (!f) throw std::out_of_range("no formula " + std::string(name));
    Amount value = f->expr.compiled->evaluate_number(*this);
    set(name, value);
    return value;
  }

  RuleTestContext& national_of(std::string alpha2) { nationalities_.push_back(std::move(alpha2)); return *this; }
  RuleTestContext& residence(std::string alpha2) { residence_ = std::move(alpha2); return *this; }
  RuleTestContext& parties(std::vector<std::string> countries) { parties_ = std::move(countries); return *this; }

  /// One yearly bucket: `year` and the bucket values by name (measures at the year; the
  /// scheme's parameters are read from the rule file at the year).
  RuleTestContext& add_year(int year, std::map<std::string, Amount> values) {
    std::vector<Amount> bucket(scheme_.symbols->bucket_slots.size());
    for (std::size_t i = 0; i < bucket.size(); ++i) {
      const rules::SlotInfo& info = scheme_.symbols->bucket_slots[i];
      if (info.source == rules::SlotSource::year) bucket[i] = Amount{year};
      if (info.source == rules::SlotSource::parameter)
        if (const rules::ParameterValue* v = scheme_.parameters[info.index].at_year(year);
            v && v->shape() == rules::ParameterValue::Shape::scalar)
          bucket[i] = v->scalar();
      if (auto it = values.find(info.name); it != values.end()) bucket[i] = it->second;
    }
    years_.push_back(std::move(bucket));
    return *this;
  }

  const Amount& number(rules::Slot slot) const override {
    if (!numbers_.at(slot)) throw std::logic_error("test context: no value for '" + scheme_.symbols->slots.at(slot).name + "'");
    return *numbers_[slot];
  }
  bool boolean(rules::Slot slot) const override {
    if (!truths_.at(slot)) throw std::logic_error("test context: no value for '" + scheme_.symbols->slots.at(slot).name + "'");
    return *truths_[slot];
  }
  bool national_of(std::string_view alpha2) const override {
    for (const std::string& n : nationalities_)
      if (n == alpha2) return true;
    return false;
  }
  bool national_of_party() const override {
    for (const std::string& p : parties_)
      if (national_of(p)) return true;
    return false;
  }
  bool resident_in(std::string_view alpha2) const override { return residence_ == alpha2; }
  bool resident_in_party() const override {
    for (const std::string& p : parties_)
      if (p == residence_) return true;
    return false;
  }
  std::size_t bucket_count(rules::Bucket bucket) const override {
    return bucket == rules::Bucket::year ? years_.size() : 0;
  }
  const Amount& bucket_number(rules::Bucket, std::size_t index, rules::Slot slot) const override {
    return years_.at(index).at(slot);
  }
  bool bucket_boolean(rules::Bucket, std::size_t, rules::Slot) const override {
    throw std::logic_error("test context: no boolean bucket values");
  }
  const Amount* series_percent(rules::SeriesId, std::int64_t) const override { return nullptr; }

 private:
  rules::Slot slot(std::string_view name) const {
    for (std::size_t i = 0; i < scheme_.symbols->slots.size(); ++i)
      if (scheme_.symbols->slots[i].name == name) return static_cast<rules::Slot>(i);
    throw std::out_of_range("no name '" + std::string(name) + "' in " + scheme_.id.str());
  }

  const rules::Scheme& scheme_;
  std::vector<std::optional<Amount>> numbers_;
  std::vector<std::optional<bool>> truths_;
  std::vector<std::string> nationalities_;
  std::string residence_;
  std::vector<std::string> parties_;
  std::vector<std::vector<Amount>> years_;
};

}  // namespace totalis::testing
