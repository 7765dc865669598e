// Rule expressions (DESIGN §4): exact evaluation, every function and predicate, fold and
// uprate, the trace, and every error message word for word.
//
//   Expression::compile("round_down(aime * 0.9, 0.10)", symbols, origin).evaluate(context)

#include "totalis/rules/expression.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

using namespace totalis;
using namespace totalis::rules;
using namespace totalis::literals;

static_assert(std::is_nothrow_move_constructible_v<Expression>, "compiled expressions move into rulebooks cheaply");
static_assert(!std::is_default_constructible_v<Expression>, "an expression exists only compiled");
static_assert(std::is_base_of_v<std::runtime_error, ExpressionError>);
static_assert(std::is_base_of_v<std::runtime_error, EvaluationError>);

namespace {

// Rule-level number slots, as a loader would number them.
enum NumberSlot : Slot { aime, b1, b2, x, zero, pia, n, pct, eligibility_year, step, half, low, high, us_pia };
// Bucket-level number slots, read per year or month inside a fold.
enum BucketSlot : Slot { earnings, year, awi, cap };

Symbols make_symbols() {
  Symbols s;
  const char* numbers[] = {"aime", "b1", "b2", "x", "zero", "pia", "n", "pct", "eligibility_year",
                           "step", "half", "low", "high", "us.pia"};
  for (Slot k = 0; k < std::size(numbers); ++k) s.add(numbers[k], k);
  s.add("yes", 0, ValueType::boolean);
  s.add("no", 1, ValueType::boolean);
  s.add_bucket("earnings", earnings);
  s.add_bucket("year", year);
  s.add_bucket("awi", awi);
  s.add_bucket("cap", cap);
  s.add_bucket("covered", 0, ValueType::boolean);
  s.add_series("cola", 0);
  s.add_series("wage_growth", 1);
  return s;
}

const Symbols& symbols() {
  static const Symbols s = make_symbols();
  return s;
}

/// A worker as the engine would present one: slot values, nationality and residence, six
/// years and three months of buckets, and the COLA series.
struct TestContext final : EvaluationContext {
  std::vector<Amount> numbers{Amount{3000}, Amount{1226}, Amount{7391}, Amount{2}, Amount{0}, "1000.00"_amt,
                              Amount{3}, Amount{34}, Amount{2023}, "0.10"_amt, "2.5"_amt, Amount{5}, Amount{3},
                              "286.40"_amt};
  std::vector<bool> booleans{true, false};
  std::vector<std::string> nationalities{"US"};
  std::string residence = "DE";
  bool party_national = true;
  bool party_resident = false;
  // earnings, year, awi, cap
  std::vector<std::vector<Amount>> years{
      {Amount{100}, Amount{2019}, Amount{1}, Amount{1000}}, {Amount{500}, Amount{2020}, Amount{1}, Amount{450}},
      {Amount{300}, Amount{2021}, Amount{1}, Amount{1000}}, {Amount{0}, Amount{2022}, Amount{1}, Amount{1000}},
      {Amount{400}, Amount{2023}, Amount{1}, Amount{350}},  {Amount{200}, Amount{2024}, Amount{1}, Amount{1000}}};
  std::vector<bool> years_covered{true, true, false, true, true, true};
  std::vector<std::vector<Amount>> months{{Amount{10}}, {Amount{20}}, {Amount{30}}};
  std::map<std::pair<SeriesId, std::int64_t>, Amount> series{
      {{0, 2022}, "8.7"_amt}, {{0, 2023}, "3.2"_amt}, {{0, 2024}, "2.5"_amt}};

  const Amount& number(Slot slot) const override { return numbers.at(slot); }
  bool boolean(Slot slot) const override { return booleans.at(slot); }
  bool national_of(std::string_view alpha2) const override {
    for (const std::string& c : nationalities)
      if (c == alpha2) return true;
    return false;
  }
  bool national_of_party() const override { return party_national; }
  bool resident_in(std::string_view alpha2) const override { return residence == alpha2; }
  bool resident_in_party() const override { return party_resident; }
  std::size_t bucket_count(Bucket b) const override { return b == Bucket::year ? years.size() : months.size(); }
  const Amount& bucket_number(Bucket b, std::size_t index, Slot slot) const override {
    return (b == Bucket::year ? years : months).at(index).at(slot);
  }
  bool bucket_boolean(Bucket b, std::size_t index, Slot) const override {
    return b == Bucket::year ? years_covered.at(index) : true;
  }
  const Amount* series_percent(SeriesId id, std::int64_t y) const override {
    const auto it = series.find({id, y});
    return it == series.end() ? nullptr : &it->second;
  }
};

const auto rules_toml = std::make_shared<const std::string>("rules.toml");

Expression compile(std::string_view text, std::string rule = "pia") {
  return Expression::compile(text, symbols(), {.path = rules_toml, .start = {1, 1}, .rule = std::move(rule)});
}

Value eval(std::string_view text, const TestContext& context = TestContext{}) {
  return compile(text).evaluate(context);
}

Amount num(std::string_view text, const TestContext& context = TestContext{}) {
  return eval(text, context).number();
}

bool truth(std::string_view text, const TestContext& context = TestContext{}) {
  return eval(text, context).boolean();
}

}  // namespace

// A macro rather than a function, so doctest reports the caller's line.
#define CHECK_COMPILE_ERROR(text, message) CHECK_THROWS_WITH_AS(compile(text), message, ExpressionError)
#define CHECK_EVAL_ERROR(text, message, ...) \
  CHECK_THROWS_WITH_AS(compile(text).evaluate(TestContext{__VA_ARGS__}), message, EvaluationError)

TEST_SUITE("expression") {

TEST_CASE("arithmetic is exact: a third times three is one") {
  CHECK(num("1 / 3 * 3") == Amount{1});
  CHECK(truth("1 / 3 * 3 == 1"));
  CHECK(num("0.1 + 0.2") == "0.3"_amt);
  CHECK(truth("0.1 + 0.2 == 0.3"));
  CHECK(num("2 / 3").str() == "0.666666666666666667");
  CHECK(num("1 / 7 + 6 / 7") == Amount{1});
}

TEST_CASE("huge and tiny values keep every digit") {
  CHECK(num("123456789012345678901234 * 123456789012345678901234").str() ==
        "15241578753238836750495211342784374345526722756");
  CHECK(num("123456789012345678901234.123456789012345678 - 123456789012345678901234").str() ==
        "0.123456789012345678");
  CHECK(num("0.000000000000000001 * 0.000000000000000001").str() == "0.000000000000000000000000000000000001");
  CHECK(truth("0.000000000000000001 / 3 * 3 == 0.000000000000000001"));
  CHECK(num("999999999999999999999999.999999999999999999 + 0.000000000000000001").str() ==
        "1000000000000000000000000");
}

TEST_CASE("each rounding mode on halves, negatives and dimes") {
  CHECK(num("round_down(2.5, 1)") == Amount{2});
  CHECK(num("round_down(-2.5, 1)") == Amount{-3});            // towards −∞, not towards zero
  CHECK(num("round_up(2.5, 1)") == Amount{3});
  CHECK(num("round_up(-2.5, 1)") == Amount{-2});
  CHECK(num("round_half_up(2.5, 1)") == Amount{3});
  CHECK(num("round_half_up(-2.5, 1)") == Amount{-3});         // ties away from zero
  CHECK(num("round_half_up(2.4999, 1)") == Amount{2});
  CHECK(num("round_half_even(2.5, 1)") == Amount{2});
  CHECK(num("round_half_even(3.5, 1)") == Amount{4});
  CHECK(num("round_half_even(-2.5, 1)") == Amount{-2});
  CHECK(num("round_half_even(-3.5, 1)") == Amount{-4});
  CHECK(num("round_half_up(0.125, 0.01)") == "0.13"_amt);
  CHECK(num("round_half_even(0.125, 0.01)") == "0.12"_amt);
  // 20 CFR 404.1918: 453 × 26/104 = 113.25 → the next lower multiple of $0.10
  CHECK(num("round_down(453 * 26 / 104, 0.10)") == "113.2"_amt);
  CHECK(num("round_down(-0.05, 0.10)") == "-0.1"_amt);
  CHECK(num("round_up(1 / 3, 0.25)") == "0.5"_amt);
  CHECK(num("round_down(half, step)") == "2.5"_amt);          // the step may be an expression
  CHECK(num("round_half_up(half, 5 - 4)") == Amount{3});
}

TEST_CASE("floor and ceil go to the integer below and above") {
  CHECK(num("floor(2.7)") == Amount{2});
  CHECK(num("floor(-0.5)") == Amount{-1});
  CHECK(num("floor(2)") == Amount{2});
  CHECK(num("ceil(-0.5)") == Amount{0});
  CHECK(num("ceil(2.000000000000000001)") == Amount{3});
  CHECK(num("floor(1400 / 12)") == Amount{116});
}

TEST_CASE("precedence and associativity") {
  CHECK(num("10 - 2 - 3") == Amount{5});
  CHECK(num("2 + 3 * 4") == Amount{14});
  CHECK(num("(2 + 3) * 4") == Amount{20});
  CHECK(num("24 / 4 / 2") == Amount{3});
  CHECK(num("2 * 3 / 4 * 2") == Amount{3});
  CHECK(num("-2 * 3") == Amount{-6});
  CHECK(num("2 * -3") == Amount{-6});
  CHECK(num("- -2") == Amount{2});
  CHECK(num("-x") == Amount{-2});
  CHECK(num("10 - -x") == Amount{12});
  CHECK_FALSE(truth("not yes and no"));     // (not yes) and no, not not (yes and no)
  CHECK_FALSE(truth("not no and no"));      // (not no) and no
  CHECK(truth("yes or no and no"));         // yes or (no and no)
  CHECK_FALSE(truth("(yes or no) and no"));
  CHECK_FALSE(truth("not 1 < 2"));          // not (1 < 2)
  CHECK(truth("1 + 2 < 4 and 2 * 3 == 6"));
  CHECK(truth("(1 < 2) == yes"));
  CHECK(truth("yes != no"));
  CHECK(truth("not not yes"));
  CHECK(truth("x >= 2 and x <= 2 and x > 1 and x < 3 and x != 3"));
}

TEST_CASE("names resolve to slots, dotted names included") {
  CHECK(num("aime") == Amount{3000});
  CHECK(num("us.pia * 2") == "572.8"_amt);
  CHECK(truth("yes"));
  CHECK_FALSE(truth("no"));
  CHECK(truth("true") != truth("false"));
}

TEST_CASE("min, max, clamp and if") {
  CHECK(num("min(aime, b1)") == Amount{1226});
  CHECK(num("min(5, 3, 4)") == Amount{3});
  CHECK(num("max(aime - b2, 0)") == Amount{0});
  CHECK(num("max(-1, -3, -2)") == Amount{-1});
  CHECK(num("min(x + 1, x * 5, x - 10, 3)") == Amount{-8});
  CHECK(num("min(aime, x * 3, x * 2)") == Amount{4});
  CHECK(num("min(x * 3, aime, x * 4)") == Amount{6});
  CHECK(num("max(x - 10, x * 5, aime, x * 2000)") == Amount{4000});
  CHECK(num("clamp(aime - b1, 0, b2 - b1)") == Amount{1774});
  CHECK(num("clamp(-5, 0, 10)") == Amount{0});
  CHECK(num("clamp(15, 0, 10)") == Amount{10});
  CHECK(num("if(yes, 1, 2)") == Amount{1});
  CHECK(num("if(no, 1, 2)") == Amount{2});
  CHECK_FALSE(truth("if(yes, no, yes)"));
  // A-4 (SSA, 2025 max earner): AIME 13,689, bend points 1,226 / 7,391 → PIA 4,020.90
  TestContext max_earner;
  max_earner.numbers[aime] = Amount{13689};
  CHECK(num("round_down(0.9 * min(aime, b1) + 0.32 * clamp(aime - b1, 0, b2 - b1)"
            " + 0.15 * max(aime - b2, 0), 0.10)",
            max_earner) == "4020.90"_amt);
}

TEST_CASE("if, and, or evaluate only what they need") {
  CHECK(num("if(zero == 0, 0, 1 / zero)") == Amount{0});
  CHECK_FALSE(truth("zero != 0 and 1 / zero > 1"));
  CHECK(truth("zero == 0 or 1 / zero > 1"));
}

TEST_CASE("the four predicates") {
  CHECK(truth("national_of(\"US\")"));
  CHECK_FALSE(truth("national_of('DE')"));   // single quotes spare escapes in a TOML basic string
  CHECK(truth("resident_in(\"DE\")"));
  CHECK_FALSE(truth("resident_in(\"US\")"));
  CHECK(truth("national_of_party"));
  CHECK(truth("national_of_party()"));
  CHECK_FALSE(truth("resident_in_party"));
  CHECK_FALSE(truth("resident_in_party()"));
  CHECK(truth("national_of(\"US\") and not resident_in_party"));
  TestContext abroad;
  abroad.nationalities = {"CA", "GB"};
  abroad.residence = "US";
  abroad.party_resident = true;
  CHECK(truth("national_of(\"GB\") and resident_in(\"US\") and resident_in_party", abroad));
}

TEST_CASE("fold sums, averages, selects, drops and caps per-bucket values") {
  // earnings by year: 100 500 300 0 400 200
  CHECK(num("fold(bucket = year, value = earnings, combine = sum)") == Amount{1500});
  CHECK(num("fold(bucket = year, value = earnings, select = all, combine = avg)") == Amount{250});
  CHECK(num("fold(bucket = year, value = earnings, select = top 3, combine = sum)") == Amount{1200});
  CHECK(num("fold(bucket = year, value = earnings, select = top 4, combine = avg)") == Amount{350});
  CHECK(num("fold(bucket = year, value = earnings, select = last 2, combine = sum)") == Amount{600});
  CHECK(num("fold(bucket = year, value = earnings, select = top 10, combine = sum)") == Amount{1500});
  CHECK(num("fold(bucket = year, value = earnings, select = top 0, combine = sum)") == Amount{0});
  SUBCASE("drop lowest P% drops the whole number of buckets not above P% of them") {
    // 34% of 6 = 2.04 → 2 dropped (0 and 100); 33% of 6 = 1.98 → 1 dropped (0)
    CHECK(num("fold(bucket = year, value = earnings, drop = lowest 34%, combine = avg)") == Amount{350});
    CHECK(num("fold(bucket = year, value = earnings, drop = lowest 33%, combine = avg)") == Amount{300});
    CHECK(num("fold(bucket = year, value = earnings, drop = lowest 0%, combine = sum)") == Amount{1500});
    CHECK(num("fold(bucket = year, value = earnings, drop = lowest 100%, combine = sum)") == Amount{0});
    CHECK(num("fold(bucket = year, value = earnings, drop = lowest pct %, combine = avg)") == Amount{350});
    // selection first, then the drop: top 4 = 500 400 300 200, minus the lowest 25% (200)
    CHECK(num("fold(bucket = year, value = earnings, select = top 4, drop = lowest 25%, combine = sum)") ==
          Amount{1200});
  }
  SUBCASE("cap bounds each bucket's value, as a literal or a per-bucket value") {
    CHECK(num("fold(bucket = year, value = earnings, cap = 350, combine = sum)") == Amount{1300});
    CHECK(num("fold(bucket = year, value = earnings, cap = cap, combine = sum)") == Amount{1400});
  }
  SUBCASE("value reads bucket and rule-level names; N and P may be expressions") {
    CHECK(num("fold(bucket = year, value = earnings * x, combine = sum)") == Amount{3000});
    CHECK(num("fold(bucket = year, value = if(covered, earnings, 0), combine = sum)") == Amount{1200});
    CHECK(num("fold(bucket = year, value = year, select = last 1, combine = sum)") == Amount{2024});
    CHECK(num("fold(bucket = year, value = earnings * awi, select = top n, combine = sum)") == Amount{1200});
    CHECK(num("fold(bucket = year, value = earnings, select = top n - 1, combine = sum)") == Amount{900});
    CHECK(num("fold(combine = sum, value = earnings, bucket = year)") == Amount{1500});
  }
  SUBCASE("months are buckets too") {
    CHECK(num("fold(bucket = month, value = earnings, combine = avg)") == Amount{20});
    CHECK(num("fold(bucket = month, value = earnings, select = last 2, combine = sum)") == Amount{50});
  }
  SUBCASE("an AIME: the best years over the months, rounded down to the dollar") {
    CHECK(num("floor(fold(bucket = year, value = earnings, select = top 4, combine = sum) / 12)") == Amount{116});
  }
  SUBCASE("no buckets at all") {
    TestContext empty;
    empty.years.clear();
    CHECK(num("fold(bucket = year, value = earnings, combine = sum)", empty) == Amount{0});
    CHECK_THROWS_WITH_AS(compile("fold(bucket = year, value = earnings, combine = avg)", "aime").evaluate(empty),
                         "average over no buckets in rule 'aime'", EvaluationError);
  }
}

TEST_CASE("uprate applies each COLA and rounds down to the dime after each") {
  // PIA 1000.00: 3.2% (2023) → 1032.00, 2.5% (2024) → 1057.80
  CHECK(num("uprate(pia, cola, 2023, 2024, 0.10)") == "1032.00"_amt);
  CHECK(num("uprate(pia, cola, 2023, 2025, 0.10)") == "1057.80"_amt);
  CHECK(num("uprate(pia, cola, eligibility_year, 2025, step)") == "1057.80"_amt);
  CHECK(num("uprate(pia, cola, 2023, 2023, 0.10)") == "1000"_amt);          // from = to: no increase
  // 1000 × 1.087 = 1087; × 1.032 = 1121.784 → 1121.7; × 1.025 = 1149.7425 → 1149.7
  CHECK(num("uprate(pia, cola, 2022, 2025, 0.10)") == "1149.7"_amt);
  // each step rounded, not only the end: to the dollar, 1121.784 → 1121, × 1.025 = 1149.025 → 1149
  CHECK(num("uprate(pia, cola, 2022, 2025, 1)") == Amount{1149});
  // A-5's theoretical PIA 1671.00: × 1.032 = 1724.472 → 1724.4; × 1.025 = 1767.51 → 1767.5
  TestContext a5;
  a5.numbers[pia] = "1671.00"_amt;
  CHECK(num("uprate(pia, cola, 2023, 2025, 0.10)", a5) == "1767.5"_amt);
}

TEST_CASE("the trace records each step, and costs nothing when not asked for") {
  const Expression e = Expression::compile("min(aime, b1) * 0.9", symbols(),
                                           {.path = rules_toml, .start = {31, 8}, .rule = "pia"});
  const TestContext context;
  CHECK(e.evaluate(context).number() == "1103.4"_amt);
  std::vector<EvaluationStep> steps;
  CHECK(e.evaluate(context, steps).number() == "1103.4"_amt);
  const std::vector<EvaluationStep> expected{{"aime", "3000", {31, 12}},
                                             {"b1", "1226", {31, 18}},
                                             {"min(aime, b1)", "1226", {31, 8}},
                                             {"pia", "1103.4", {31, 8}}};
  CHECK(steps == expected);

  SUBCASE("parentheses stay in a sub-expression's text; a branch not taken is not traced") {
    std::vector<EvaluationStep> trace;
    (void)compile("if(yes, (aime + 1) * 2, b1)").evaluate(context, trace);
    REQUIRE(trace.size() == 5);
    CHECK(trace[0].text == "yes");
    CHECK(trace[2].text == "(aime + 1)");
    CHECK(trace[3].text == "(aime + 1) * 2");
    CHECK(trace[3].value == "6002");
    CHECK(trace[4].text == "pia");
  }
  SUBCASE("a fold traces each bucket's value, an uprate each increase") {
    std::vector<EvaluationStep> trace;
    (void)compile("fold(bucket = month, value = earnings, cap = 25, combine = sum)", "total").evaluate(context, trace);
    REQUIRE(trace.size() == 4);
    CHECK(trace[0] == EvaluationStep{"earnings, capped at 25 (bucket 1 of 3)", "10", {1, 30}});
    CHECK(trace[2] == EvaluationStep{"earnings, capped at 25 (bucket 3 of 3)", "25", {1, 30}});
    CHECK(trace[3] == EvaluationStep{"total", "55", {1, 1}});
    trace.clear();
    (void)compile("uprate(pia, cola, 2023, 2025, 0.10)").evaluate(context, trace);
    REQUIRE(trace.size() == 4);
    CHECK(trace[1] == EvaluationStep{"cola 2023 +3.2%", "1032", {1, 13}});
    CHECK(trace[2] == EvaluationStep{"cola 2024 +2.5%", "1057.8", {1, 13}});
    CHECK(trace[3] == EvaluationStep{"pia", "1057.8", {1, 1}});
  }
  SUBCASE("without a rule name the last step is the expression itself") {
    std::vector<EvaluationStep> trace;
    (void)Expression::compile("1 + 1", symbols()).evaluate(context, trace);
    CHECK(trace == std::vector<EvaluationStep>{{"1 + 1", "2", {1, 1}}});
  }
}

TEST_CASE("a compiled expression is evaluated again and again without re-parsing") {
  const Expression pia_formula = compile(
      "round_down(0.9 * min(aime, b1) + 0.32 * clamp(aime - b1, 0, b2 - b1) + 0.15 * max(aime - b2, 0), 0.10)");
  TestContext context;
  const std::pair<int, const char*> cases[] = {{3000, "1671"}, {13689, "4020.9"}, {1000, "900"}, {0, "0"}};
  for (const auto& [average, expected] : cases) {
    context.numbers[aime] = Amount{average};
    CHECK(pia_formula.evaluate_number(context).str() == expected);
  }
  CHECK(pia_formula.type() == ValueType::number);
  CHECK(pia_formula.slots() == std::vector<Slot>{aime, b1, b2});
  CHECK(pia_formula.ends_in_rounding());
  CHECK(pia_formula.rule() == "pia");
}

TEST_CASE("what the loader asks of a compiled expression") {
  CHECK(compile("if(yes, round_down(x, 1), 0)").ends_in_rounding());
  CHECK(compile("max(floor(x), ceil(aime), 5)").ends_in_rounding());
  CHECK(compile("uprate(pia, cola, 2023, 2025, 0.10)").ends_in_rounding());
  CHECK_FALSE(compile("round_down(x, 1) * 2").ends_in_rounding());
  CHECK_FALSE(compile("if(yes, round_down(x, 1), x)").ends_in_rounding());
  CHECK_FALSE(compile("min(aime, round_down(x, 1))").ends_in_rounding());
  CHECK(compile("national_of(\"US\") or yes").type() == ValueType::boolean);
  CHECK(compile("fold(bucket = year, value = earnings * x, select = top n, combine = sum)").slots() ==
        std::vector<Slot>{x, n});   // bucket slots are not rule dependencies
  const Expression e = Expression::compile("aime +\n  b1", symbols(), {.path = rules_toml, .start = {7, 12}});
  CHECK(e.source() == "aime +\n  b1");
  CHECK(to_string(e.region()) == "rules.toml:7:12");
  CHECK(e.region().end == SourcePosition{8, 5});
  CHECK(compile("yes").evaluate_boolean(TestContext{}));
  CHECK_THROWS_WITH_AS(compile("yes").evaluate_number(TestContext{}), "'pia' is a boolean expression, not a number",
                       std::logic_error);
  CHECK_THROWS_WITH_AS(compile("1").evaluate_boolean(TestContext{}), "'pia' is a number expression, not a boolean",
                       std::logic_error);
}

TEST_CASE("values print as the trace and reports show them") {
  CHECK(Value::of("286.40"_amt).str() == "286.4");
  CHECK(Value::of(true).str() == "true");
  CHECK(Value::of(Amount{1}) == Value::of("1.00"_amt));
  CHECK_FALSE(Value::of(Amount{1}) == Value::of(true));
  CHECK_THROWS_WITH_AS(Value::of(true).number(), "the value is a boolean, not a number", std::logic_error);
  CHECK_THROWS_WITH_AS(Value::of(Amount{1}).boolean(), "the value is a number, not a boolean", std::logic_error);
}

TEST_CASE("the symbol table accepts only names the language can write") {
  Symbols s;
  s.add("age_at_claim", 0);
  CHECK(s.find("age_at_claim")->slot == 0);
  CHECK(s.find("age") == nullptr);
  CHECK_THROWS_WITH_AS(s.add("age_at_claim", 1), "value 'age_at_claim' is defined twice", std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.add("Age", 1),
                       "'Age' cannot name a value: names are lower-case letters, digits and '_', not a reserved word",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.add("min", 1),
                       "'min' cannot name a value: names are lower-case letters, digits and '_', not a reserved word",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.add_series("us.", 0),
                       "'us.' cannot name a series: names are lower-case letters, digits and '_', not a reserved word",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.add_bucket("2x", 0),
                       "'2x' cannot name a bucket value: names are lower-case letters, digits and '_', not a reserved word",
                       std::invalid_argument);
  CHECK(is_valid_name("us.pia"));
  CHECK(is_valid_name("_b1"));
  CHECK_FALSE(is_valid_name("us..pia"));
  CHECK_FALSE(is_valid_name(".pia"));
  CHECK_FALSE(is_valid_name(""));
  CHECK_FALSE(is_valid_name("and"));
}

TEST_CASE("positions count from where the expression starts in the rule file") {
  const auto us_oasdi = std::make_shared<const std::string>("agreements/schemes/US-OASDI.toml");
  CHECK_THROWS_WITH_AS(Expression::compile("aim * 12", symbols(), {.path = us_oasdi, .start = {31, 18}}),
                       "agreements/schemes/US-OASDI.toml:31:18: unknown name 'aim' (did you mean 'aime'?)",
                       ExpressionError);
  CHECK_THROWS_WITH_AS(Expression::compile("1 + aim", symbols(), {.path = us_oasdi, .start = {31, 14}}),
                       "agreements/schemes/US-OASDI.toml:31:18: unknown name 'aim' (did you mean 'aime'?)",
                       ExpressionError);
  SUBCASE("a multi-line string moves to column 1 of the next line at each newline") {
    CHECK_THROWS_WITH_AS(Expression::compile("min(aime,\n      aim)", symbols(), {.path = us_oasdi, .start = {12, 9}}),
                         "agreements/schemes/US-OASDI.toml:13:7: unknown name 'aim' (did you mean 'aime'?)",
                         ExpressionError);
  }
  SUBCASE("without a path the message starts at the line") {
    CHECK_THROWS_WITH_AS(Expression::compile("aim", symbols()), "1:1: unknown name 'aim' (did you mean 'aime'?)",
                         ExpressionError);
  }
  SUBCASE("the error carries its parts") {
    try {
      (void)Expression::compile("x +\n  aim", symbols(), {.path = us_oasdi, .start = {4, 10}});
      FAIL("no error");
    } catch (const ExpressionError& e) {
      CHECK(e.path() == "agreements/schemes/US-OASDI.toml");
      CHECK(e.line() == 5);
      CHECK(e.column() == 3);
      CHECK(e.message() == "unknown name 'aim' (did you mean 'aime'?)");
    }
  }
  SUBCASE("columns count characters, not bytes") {
    CHECK(advanced(SourcePosition{1, 1}, "aé") == SourcePosition{1, 3});
    CHECK(advanced(SourcePosition{3, 5}, "é\nab") == SourcePosition{4, 3});
    CHECK(to_string(SourcePosition{}) == "?:?");
    CHECK(to_string(SourceRegion{.begin = {2, 4}, .end = {2, 4}}) == "2:4");
  }
}

TEST_CASE("unknown names, with and without a suggestion") {
  CHECK_COMPILE_ERROR("aim + 1", "rules.toml:1:1: unknown name 'aim' (did you mean 'aime'?)");
  CHECK_COMPILE_ERROR("x + aiem", "rules.toml:1:5: unknown name 'aiem' (did you mean 'aime'?)");   // transposed
  CHECK_COMPILE_ERROR("us.pai", "rules.toml:1:1: unknown name 'us.pai' (did you mean 'us.pia'?)");
  CHECK_COMPILE_ERROR("wage_index", "rules.toml:1:1: unknown name 'wage_index'");
  CHECK_COMPILE_ERROR("q", "rules.toml:1:1: unknown name 'q'");   // one letter suggests nothing
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earning, combine = sum)",
                      "rules.toml:1:29: unknown name 'earning' (did you mean 'earnings'?)");
  CHECK_COMPILE_ERROR("earnings * 2",
                      "rules.toml:1:1: 'earnings' is a per-bucket value, only available inside fold(value = ...) and "
                      "fold(cap = ...)");
  CHECK_COMPILE_ERROR("cola + 1", "rules.toml:1:1: 'cola' is a series: use it as uprate(x, cola, from, to, step)");
  CHECK_COMPILE_ERROR("min + 1", "rules.toml:1:1: 'min' is a function: call it as min(...)");
  CHECK_COMPILE_ERROR("fold", "rules.toml:1:1: 'fold' is a function: call it as fold(bucket = year, value = ..., combine = sum)");
}

TEST_CASE("unexpected tokens") {
  CHECK_COMPILE_ERROR("", "rules.toml:1:1: empty expression");
  CHECK_COMPILE_ERROR("   ", "rules.toml:1:1: empty expression");
  CHECK_COMPILE_ERROR("1 + * 2", "rules.toml:1:5: expected a value, found '*'");
  CHECK_COMPILE_ERROR("1 +", "rules.toml:1:4: expected a value, found end of expression");
  CHECK_COMPILE_ERROR("1 2", "rules.toml:1:3: expected an operator or the end of the expression, found number '2'");
  CHECK_COMPILE_ERROR("x y", "rules.toml:1:3: expected an operator or the end of the expression, found name 'y'");
  CHECK_COMPILE_ERROR("x )", "rules.toml:1:3: expected an operator or the end of the expression, found ')'");
  CHECK_COMPILE_ERROR("x = 1",
                      "rules.toml:1:3: expected an operator or the end of the expression, found '=' (use '==' to compare)");
  CHECK_COMPILE_ERROR("and yes", "rules.toml:1:1: expected a value, found 'and'");
  CHECK_COMPILE_ERROR("1 % 2", "rules.toml:1:3: expected an operator or the end of the expression, found '%'");
  CHECK_COMPILE_ERROR("1 < 2 < 3", "rules.toml:1:7: comparisons do not chain: write 'a < b and b < c'");
  CHECK_COMPILE_ERROR("\"US\"",
                      "rules.toml:1:1: unexpected string \"US\" (a string names a country, as in national_of(\"US\"))");
  CHECK_COMPILE_ERROR("a & b", "rules.toml:1:3: unexpected character '&' (use 'and')");
  CHECK_COMPILE_ERROR("yes | no", "rules.toml:1:5: unexpected character '|' (use 'or')");
  CHECK_COMPILE_ERROR("!yes", "rules.toml:1:1: unexpected character '!' (use 'not', or '!=' to compare)");
  CHECK_COMPILE_ERROR("1 # 2", "rules.toml:1:3: unexpected character '#'");
  CHECK_COMPILE_ERROR("1 € 2", "rules.toml:1:3: unexpected character '€'");
  CHECK_COMPILE_ERROR("1 +\x01 2", "rules.toml:1:4: unexpected control character U+0001");
  CHECK_COMPILE_ERROR("1 + ) 1e5", "rules.toml:1:5: expected a value, found ')'");   // the leftmost problem first
}

TEST_CASE("unterminated parentheses and strings") {
  CHECK_COMPILE_ERROR("(1 + 2", "rules.toml:1:7: expected ')' to close the '(' at 1:1, found end of expression");
  CHECK_COMPILE_ERROR("x * ((1 + 2) * 3", "rules.toml:1:17: expected ')' to close the '(' at 1:5, found end of expression");
  CHECK_COMPILE_ERROR("(1 + 2 3)", "rules.toml:1:8: expected ')' to close the '(' at 1:1, found number '3'");
  CHECK_COMPILE_ERROR("min(1, 2", "rules.toml:1:9: expected ',' or ')' in call to 'min', found end of expression");
  CHECK_COMPILE_ERROR("min(1 2)", "rules.toml:1:7: expected ',' or ')' in call to 'min', found number '2'");
  CHECK_COMPILE_ERROR("national_of(\"US", "rules.toml:1:13: unterminated string");
  CHECK_COMPILE_ERROR("national_of('US\")", "rules.toml:1:13: unterminated string");
}

TEST_CASE("missing arguments and wrong arity") {
  CHECK_COMPILE_ERROR("min(1, )", "rules.toml:1:8: missing argument to 'min' before ')'");
  CHECK_COMPILE_ERROR("max(, 1)", "rules.toml:1:5: missing argument to 'max' before ','");
  CHECK_COMPILE_ERROR("clamp(1, 2)", "rules.toml:1:1: 'clamp' takes 3 arguments, not 2");
  CHECK_COMPILE_ERROR("if(yes, 1, 2, 3)", "rules.toml:1:1: 'if' takes 3 arguments, not 4");
  CHECK_COMPILE_ERROR("min(1)", "rules.toml:1:1: 'min' takes at least 2 arguments, not 1");
  CHECK_COMPILE_ERROR("max()", "rules.toml:1:1: 'max' takes at least 2 arguments, not 0");
  CHECK_COMPILE_ERROR("floor(1, 2)", "rules.toml:1:1: 'floor' takes 1 argument, not 2");
  CHECK_COMPILE_ERROR("x + ceil()", "rules.toml:1:5: 'ceil' takes 1 argument, not 0");
  CHECK_COMPILE_ERROR("round_down(x)", "rules.toml:1:1: 'round_down' takes 2 arguments, not 1");
  CHECK_COMPILE_ERROR("round_half_even(x, 1, 2)", "rules.toml:1:1: 'round_half_even' takes 2 arguments, not 3");
  CHECK_COMPILE_ERROR("national_of_party(1)", "rules.toml:1:1: 'national_of_party' takes no arguments, not 1");
  CHECK_COMPILE_ERROR("national_of()", "rules.toml:1:1: 'national_of' takes 1 argument, not 0");
  CHECK_COMPILE_ERROR("resident_in(\"US\", \"CA\")", "rules.toml:1:1: 'resident_in' takes 1 argument, not 2");
  CHECK_COMPILE_ERROR("uprate(pia, cola, 2023, 2025)", "rules.toml:1:1: 'uprate' takes 5 arguments, not 4");
}

TEST_CASE("unknown functions") {
  CHECK_COMPILE_ERROR("mx(1, 2)", "rules.toml:1:1: unknown function 'mx' (did you mean 'max'?)");
  CHECK_COMPILE_ERROR("round_haf_up(x, 1)",
                      "rules.toml:1:1: unknown function 'round_haf_up' (did you mean 'round_half_up'?)");
  CHECK_COMPILE_ERROR("round_half_down(x, 1)", "rules.toml:1:1: unknown function 'round_half_down'");
  CHECK_COMPILE_ERROR("frobnicate(1)", "rules.toml:1:1: unknown function 'frobnicate'");
  CHECK_COMPILE_ERROR("aime(1)", "rules.toml:1:1: 'aime' is not a function");
  CHECK_COMPILE_ERROR("flod(bucket = year)", "rules.toml:1:1: unknown function 'flod' (did you mean 'fold'?)");
}

TEST_CASE("type errors are found at compile time") {
  CHECK_COMPILE_ERROR("yes and 1", "rules.toml:1:9: 'and' needs booleans, not a number");
  CHECK_COMPILE_ERROR("x or no", "rules.toml:1:1: 'or' needs booleans, not a number");
  CHECK_COMPILE_ERROR("not x", "rules.toml:1:5: 'not' needs a boolean, not a number");
  CHECK_COMPILE_ERROR("1 + yes", "rules.toml:1:5: '+' needs numbers, not a boolean");
  CHECK_COMPILE_ERROR("no * 2", "rules.toml:1:1: '*' needs numbers, not a boolean");
  CHECK_COMPILE_ERROR("-yes", "rules.toml:1:2: '-' needs a number, not a boolean");
  CHECK_COMPILE_ERROR("yes < 1", "rules.toml:1:1: '<' needs numbers, not a boolean");
  CHECK_COMPILE_ERROR("1 == yes", "rules.toml:1:3: '==' compares a number with a boolean");
  CHECK_COMPILE_ERROR("no != 0", "rules.toml:1:4: '!=' compares a boolean with a number");
  CHECK_COMPILE_ERROR("if(1, 2, 3)", "rules.toml:1:4: argument 1 of 'if' must be a boolean, not a number");
  CHECK_COMPILE_ERROR("if(yes, 1, no)", "rules.toml:1:12: the branches of 'if' differ: a number and a boolean");
  CHECK_COMPILE_ERROR("min(1, yes)", "rules.toml:1:8: argument 2 of 'min' must be a number, not a boolean");
  CHECK_COMPILE_ERROR("round_down(x, yes)", "rules.toml:1:15: argument 2 of 'round_down' must be a number, not a boolean");
  CHECK_COMPILE_ERROR("uprate(yes, cola, 1, 2, 1)", "rules.toml:1:8: argument 1 of 'uprate' must be a number, not a boolean");
  CHECK_COMPILE_ERROR("uprate(x, cola, no, 2, 1)", "rules.toml:1:17: argument 3 of 'uprate' must be a number, not a boolean");
  CHECK_THROWS_WITH_AS(Expression::compile("yes", symbols(), {.path = rules_toml, .rule = "pia"}, ValueType::number),
                       "rules.toml:1:1: rule 'pia' must be a number, not a boolean", ExpressionError);
  CHECK_THROWS_WITH_AS(Expression::compile("  x + 1", symbols(), {}, ValueType::boolean),
                       "1:3: the expression must be a boolean, not a number", ExpressionError);
  CHECK(Expression::compile("x > 1", symbols(), {}, ValueType::boolean).type() == ValueType::boolean);
}

TEST_CASE("bad literals and names") {
  CHECK_COMPILE_ERROR("1e5", "rules.toml:1:1: '1e5' is not a decimal amount: exponent form is not accepted");
  CHECK_COMPILE_ERROR("x * 1.2.3", "rules.toml:1:5: '1.2.3' is not a decimal amount");
  CHECK_COMPILE_ERROR("2. + x", "rules.toml:1:1: '2.' is not a decimal amount");
  CHECK_COMPILE_ERROR(".5", "rules.toml:1:1: '.5' is not a decimal amount");
  CHECK_COMPILE_ERROR("12abc", "rules.toml:1:1: '12abc' is not a decimal amount");
  CHECK_COMPILE_ERROR("1234567890123456789012345",
                      "rules.toml:1:1: amount with 25+0 digits is too long: at most 24 before and 18 after the decimal point");
  CHECK_COMPILE_ERROR("0.0000000000000000001",
                      "rules.toml:1:1: amount with 1+19 digits is too long: at most 24 before and 18 after the decimal point");
  CHECK_COMPILE_ERROR("AIME * 2",
                      "rules.toml:1:1: invalid name 'AIME': names are lower-case letters, digits and '_', dotted as in 'us.pia'");
  CHECK_COMPILE_ERROR("us..pia",
                      "rules.toml:1:1: invalid name 'us..pia': names are lower-case letters, digits and '_', dotted as in 'us.pia'");
  CHECK_COMPILE_ERROR("x + us.",
                      "rules.toml:1:5: invalid name 'us.': names are lower-case letters, digits and '_', dotted as in 'us.pia'");
}

TEST_CASE("predicates need a quoted two-letter country code") {
  CHECK_COMPILE_ERROR("national_of(us)",
                      "rules.toml:1:13: 'national_of' needs a country code in quotes, as in national_of(\"US\"), not name 'us'");
  CHECK_COMPILE_ERROR("resident_in(\"usa\")",
                      "rules.toml:1:13: 'resident_in' needs a two-letter country code such as \"US\", not \"usa\"");
  CHECK_COMPILE_ERROR("national_of('us')",
                      "rules.toml:1:13: 'national_of' needs a two-letter country code such as \"US\", not 'us'");
  CHECK_COMPILE_ERROR("national_of(\"\")",
                      "rules.toml:1:13: 'national_of' needs a two-letter country code such as \"US\", not \"\"");
}

TEST_CASE("fold arguments are named and checked") {
  CHECK_COMPILE_ERROR("fold(bucket = year, vlaue = earnings, combine = sum)",
                      "rules.toml:1:21: 'fold' has no argument 'vlaue' (did you mean 'value'?)");
  CHECK_COMPILE_ERROR("fold(bucket = year, weight = earnings, combine = sum)",
                      "rules.toml:1:21: 'fold' has no argument 'weight'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, value = 1, combine = sum)",
                      "rules.toml:1:39: argument 'value' of 'fold' is given twice");
  CHECK_COMPILE_ERROR("fold(year, earnings)",
                      "rules.toml:1:6: 'fold' takes named arguments, as in fold(bucket = year, value = earnings, combine = sum)");
  CHECK_COMPILE_ERROR("fold()", "rules.toml:1:6: missing argument to 'fold' before ')'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, )", "rules.toml:1:39: missing argument to 'fold' before ')'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings)", "rules.toml:1:1: 'fold' needs a 'combine' argument");
  CHECK_COMPILE_ERROR("fold(value = earnings, combine = sum)", "rules.toml:1:1: 'fold' needs a 'bucket' argument");
  CHECK_COMPILE_ERROR("fold(bucket = year, combine = sum)", "rules.toml:1:1: 'fold' needs a 'value' argument");
  CHECK_COMPILE_ERROR("fold(bucket = week, value = earnings, combine = sum)",
                      "rules.toml:1:15: 'bucket' of 'fold' must be year or month, not name 'week'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, combine = max)",
                      "rules.toml:1:49: 'combine' of 'fold' must be sum or avg, not name 'max'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, select = best 35, combine = sum)",
                      "rules.toml:1:48: 'select' of 'fold' must be top N, last N or all, not name 'best'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, select = top 2.5, combine = sum)",
                      "rules.toml:1:52: 'top' needs a whole number of buckets, not 2.5");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, select = last -1, combine = sum)",
                      "rules.toml:1:53: 'last' needs a whole number of buckets, not -1");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, select = top earnings, combine = sum)",
                      "rules.toml:1:52: 'earnings' is a per-bucket value, only available inside fold(value = ...) and "
                      "fold(cap = ...)");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, drop = 17%, combine = sum)",
                      "rules.toml:1:46: 'drop' of 'fold' must be lowest P%, not number '17'");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, drop = lowest 17, combine = sum)",
                      "rules.toml:1:55: expected '%' after the percentage to drop, found ','");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, drop = lowest 120%, combine = sum)",
                      "rules.toml:1:53: the percentage to drop must be between 0 and 100, not 120");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = covered, combine = sum)",
                      "rules.toml:1:29: 'value' of 'fold' must be a number, not a boolean");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, cap = covered, combine = sum)",
                      "rules.toml:1:45: 'cap' of 'fold' must be a number, not a boolean");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = fold(bucket = month, value = earnings, combine = sum), combine = sum)",
                      "rules.toml:1:29: 'fold' cannot be nested inside another fold");
  CHECK_COMPILE_ERROR("fold(bucket = year, value = earnings, combine = sum",
                      "rules.toml:1:52: expected ',' or ')' in call to 'fold', found end of expression");
}

TEST_CASE("uprate needs a known series and rounding steps must be positive") {
  CHECK_COMPILE_ERROR("uprate(pia, colas, 2023, 2025, 0.10)",
                      "rules.toml:1:13: unknown series 'colas' (did you mean 'cola'?)");
  CHECK_COMPILE_ERROR("uprate(pia, 3, 2023, 2025, 0.10)",
                      "rules.toml:1:13: argument 2 of 'uprate' must be the name of a series, not number '3'");
  CHECK_COMPILE_ERROR("uprate(pia, cola, 2023, 2025, 0)", "rules.toml:1:31: rounding step must be positive, not 0");
  CHECK_COMPILE_ERROR("round_down(x, 0)", "rules.toml:1:15: rounding step must be positive, not 0");
  CHECK_COMPILE_ERROR("round_up(x, -0.10)", "rules.toml:1:13: rounding step must be positive, not -0.1");
}

TEST_CASE("nesting and length are limited") {
  const std::string deep_ok = std::string(64, '(') + "1" + std::string(64, ')');
  CHECK(num(deep_ok) == Amount{1});
  CHECK_COMPILE_ERROR(std::string(65, '(') + "1" + std::string(65, ')'),
                      "rules.toml:1:65: expression nests more than 64 levels deep");
  CHECK_COMPILE_ERROR(std::string(65, '-') + "1", "rules.toml:1:65: expression nests more than 64 levels deep");
  std::string negations;
  for (int k = 0; k < 65; ++k) negations += "not ";
  CHECK_COMPILE_ERROR(negations + "yes", "rules.toml:1:257: expression nests more than 64 levels deep");
  std::string calls;
  for (int k = 0; k < 65; ++k) calls += "floor(";
  CHECK_COMPILE_ERROR(calls + "1" + std::string(65, ')'), "rules.toml:1:390: expression nests more than 64 levels deep");
  std::string longest = "1";
  while (longest.size() < max_expression_length) longest += "+1";
  longest.resize(max_expression_length);
  if (longest.back() == '+') longest.back() = ' ';
  CHECK(num(longest) > Amount{2000});
  CHECK_COMPILE_ERROR(longest + " ", "rules.toml:1:1: expression is too long: 4097 bytes, at most 4096");
}

TEST_CASE("evaluation errors name the rule") {
  CHECK_EVAL_ERROR("x / zero", "division by zero in rule 'pia'");
  CHECK_EVAL_ERROR("1 / (x - 2)", "division by zero in rule 'pia'");
  CHECK_EVAL_ERROR("round_down(x, zero)", "rounding step must be positive, not 0 in rule 'pia'");
  CHECK_EVAL_ERROR("round_half_up(x, zero - step)", "rounding step must be positive, not -0.1 in rule 'pia'");
  CHECK_EVAL_ERROR("clamp(x, low, high)", "'clamp' has its lower bound 5 above its upper bound 3 in rule 'pia'");
  CHECK_EVAL_ERROR("fold(bucket = year, value = earnings, select = top half, combine = sum)",
                   "'top' needs a whole number of buckets, not 2.5 in rule 'pia'");
  CHECK_EVAL_ERROR("fold(bucket = year, value = earnings, select = last 0 - x, combine = sum)",
                   "'last' needs a whole number of buckets, not -2 in rule 'pia'");
  CHECK_EVAL_ERROR("fold(bucket = year, value = earnings, drop = lowest pct * 3%, combine = sum)",
                   "the percentage to drop must be between 0 and 100, not 102 in rule 'pia'");
  CHECK_EVAL_ERROR("fold(bucket = year, value = 100 / earnings, combine = sum)", "division by zero in rule 'pia'");
  CHECK_EVAL_ERROR("fold(bucket = year, value = earnings, select = top 0, combine = avg)",
                   "average over no buckets in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, cola, 2024, 2026, 0.10)", "series 'cola' has no value for 2025 in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, wage_growth, 2024, 2025, 0.10)", "series 'wage_growth' has no value for 2024 in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, cola, 2025, 2023, 0.10)", "'uprate' runs backwards, from 2025 to 2023 in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, cola, 2023.5, 2025, 0.10)", "'uprate' needs a whole year, not 2023.5 in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, cola, 2023, 1 / 3, 0.10)", "'uprate' needs a whole year, not 0.333333333333333333 in rule 'pia'");
  CHECK_EVAL_ERROR("uprate(pia, cola, 2023, 2025, zero)", "rounding step must be positive, not 0 in rule 'pia'");

  SUBCASE("the error points at the operation in the rule file") {
    const Expression e = Expression::compile("aime + x / zero", symbols(),
                                             {.path = rules_toml, .start = {40, 10}, .rule = "theoretical"});
    try {
      (void)e.evaluate(TestContext{});
      FAIL("no error");
    } catch (const EvaluationError& error) {
      CHECK(std::string(error.what()) == "division by zero in rule 'theoretical'");
      CHECK(error.rule() == "theoretical");
      CHECK(to_string(error.where()) == "rules.toml:40:17");
      CHECK(error.where().end == SourcePosition{40, 25});
    }
  }
  SUBCASE("without a rule name the message is the arithmetic alone") {
    CHECK_THROWS_WITH_AS(Expression::compile("1 / zero", symbols()).evaluate(TestContext{}), "division by zero",
                         EvaluationError);
  }
}

}  // TEST_SUITE
