// Fuzz target: the expression parser and evaluator (rules::Expression). The first byte picks the
// expected type (none, number, boolean) and whether the evaluation is traced; the rest is the
// expression text, compiled against the names of tests/rules/expression_test.cpp and evaluated
// with a small worker (six years and three months of buckets, a COLA series). A compile error
// must be an ExpressionError and an evaluation error an EvaluationError (division by zero, a
// non-positive rounding step, a series year missing); anything else escaping, a crash or a sanitizer finding is
// a bug. A compiled expression must evaluate to the type it was compiled to.

#include "totalis/rules/expression.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace totalis;
using namespace totalis::rules;

namespace {

const Symbols& symbols() {
  static const Symbols s = [] {
    Symbols t;
    const char* numbers[] = {"aime", "b1", "b2", "x", "zero", "pia", "n", "pct", "eligibility_year",
                             "step", "half", "low", "high", "us.pia"};
    for (Slot k = 0; k < std::size(numbers); ++k) t.add(numbers[k], k);
    t.add("yes", 0, ValueType::boolean);
    t.add("no", 1, ValueType::boolean);
    t.add_bucket("earnings", 0);
    t.add_bucket("year", 1);
    t.add_bucket("awi", 2);
    t.add_bucket("cap", 3);
    t.add_bucket("covered", 0, ValueType::boolean);
    t.add_series("cola", 0);
    t.add_series("wage_growth", 1);
    return t;
  }();
  return s;
}

Amount amt(std::string_view text) { return Amount::parse(text); }

struct FuzzContext final : EvaluationContext {
  std::vector<Amount> numbers{Amount{3000}, Amount{1226}, Amount{7391}, Amount{2},   Amount{0},
                              amt("1000.00"), Amount{3},   Amount{34},   Amount{2023}, amt("0.10"),
                              amt("2.5"),    Amount{5},    Amount{3},    amt("286.40")};
  std::vector<bool> booleans{true, false};
  std::vector<std::vector<Amount>> years{
      {Amount{100}, Amount{2019}, Amount{1}, Amount{1000}}, {Amount{500}, Amount{2020}, Amount{1}, Amount{450}},
      {Amount{300}, Amount{2021}, Amount{1}, Amount{1000}}, {Amount{0}, Amount{2022}, Amount{1}, Amount{1000}},
      {Amount{400}, Amount{2023}, Amount{1}, Amount{350}},  {Amount{200}, Amount{2024}, Amount{1}, Amount{1000}}};
  std::vector<bool> years_covered{true, true, false, true, true, true};
  std::vector<std::vector<Amount>> months{{Amount{10}, Amount{2024}, Amount{1}, Amount{20}},
                                          {Amount{20}, Amount{2024}, Amount{1}, Amount{20}},
                                          {Amount{30}, Amount{2024}, Amount{1}, Amount{20}}};
  std::map<std::pair<SeriesId, std::int64_t>, Amount> series{
      {{0, 2022}, amt("8.7")}, {{0, 2023}, amt("3.2")}, {{0, 2024}, amt("2.5")}, {{1, 2024}, amt("-150")}};

  const Amount& number(Slot slot) const override { return numbers.at(slot); }
  bool boolean(Slot slot) const override { return booleans.at(slot); }
  bool national_of(std::string_view alpha2) const override { return alpha2 == "US"; }
  bool national_of_party() const override { return true; }
  bool resident_in(std::string_view alpha2) const override { return alpha2 == "DE"; }
  bool resident_in_party() const override { return false; }
  std::size_t bucket_count(Bucket b) const override { return b == Bucket::year ? years.size() : months.size(); }
  const Amount& bucket_number(Bucket b, std::size_t index, Slot slot) const override {
    return (b == Bucket::year ? years : months).at(index).at(slot);
  }
  bool bucket_boolean(Bucket b, std::size_t index, Slot) const override {
    return b == Bucket::year ? static_cast<bool>(years_covered.at(index)) : true;
  }
  const Amount* series_percent(SeriesId id, std::int64_t y) const override {
    const auto it = series.find({id, y});
    return it == series.end() ? nullptr : &it->second;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::optional<ValueType> expected;
  if ((mode & 3) == 1) expected = ValueType::number;
  if ((mode & 3) == 2) expected = ValueType::boolean;
  static const auto path = std::make_shared<const std::string>("fuzz.toml");

  std::optional<Expression> compiled;
  try {
    compiled.emplace(Expression::compile(text, symbols(), {.path = path, .start = {1, 1}, .rule = "fuzz"}, expected));
  } catch (const ExpressionError& e) {
    if (std::string_view(e.what()).empty()) std::abort();
    return 0;
  }
  if (expected && compiled->type() != *expected) std::abort();
  (void)compiled->ends_in_rounding();
  (void)compiled->slots();
  const FuzzContext context;
  try {
    Value v = Value::of(false);
    if (mode & 4) {
      std::vector<EvaluationStep> steps;
      v = compiled->evaluate(context, steps);
      if (steps.empty()) std::abort();   // the result itself is always recorded
    } else {
      v = compiled->evaluate(context);
    }
    if (v.type() != compiled->type()) std::abort();
    (void)v.str();
  } catch (const EvaluationError&) {   // division by zero, a missing series year…: named errors
  }
  return 0;
}
