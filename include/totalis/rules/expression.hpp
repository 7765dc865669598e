#pragma once
// Rule expressions (DESIGN §4): compiled once when a rule file is loaded, with every name
// resolved to a slot and every type checked; evaluated exactly, as often as a batch needs,
// without re-parsing; optionally recording each step for the trace.
//
//   Symbols symbols;
//   symbols.add("aime", 0); symbols.add("b1", 1); symbols.add("b2", 2);
//   const Expression pia = Expression::compile(
//       "round_down(0.9 * min(aime, b1) + 0.32 * clamp(aime - b1, 0, b2 - b1)"
//       " + 0.15 * max(aime - b2, 0), 0.10)",
//       symbols, {.path = file, .start = {31, 8}, .rule = "pia"}, ValueType::number);
//   pia.evaluate(context).str()                 // "1671" (AIME 3000, bend points 1226 / 7391)
//   pia.evaluate(context, steps);               // the same, with each step appended to `steps`
//
// The language, in brief (DESIGN §4):
//   literals       1234.56  -0.5  true  false       (decimal only: no exponent, as Amount::parse)
//   names          aime  us.pia  age_at_claim        (resolved against Symbols at compile time)
//   operators      or < and < not < comparisons < + - < * / < unary -   (left-associative;
//                  comparisons do not chain; == and != also compare booleans)
//   functions      min(a, b, …) max(a, b, …) clamp(x, lo, hi) if(cond, then, else)
//                  floor(x) ceil(x) round_down(x, step) round_up round_half_up round_half_even
//   predicates     national_of("US") national_of_party resident_in("CA") resident_in_party
//                  (the party predicates with or without "()"; quotes may be ' or ")
//   fold           fold(bucket = year | month, value = <per-bucket number>, cap = <per-bucket number>,
//                       select = top N | last N | all, drop = lowest P%, combine = sum | avg)
//                  bucket, value and combine are required; select defaults to all. Each bucket's
//                  value is capped, then the buckets are selected (top N: the N largest; last N:
//                  the N latest), then the lowest ⌊P% × selected⌋ are dropped, then the rest are
//                  summed or averaged. value and cap may use per-bucket names; N and P may not.
//   uprate         uprate(x, series, from, to, step): for each year from ≤ y < to, in order,
//                  x ← round_down(x × (100 + series[y]) / 100, step); SSA's COLAs on a PIA.

#include <algorithm>
#include "totalis/core/amount.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/expression_ast.hpp"
#include "totalis/rules/expression_context.hpp"
#include "totalis/rules/expression_error.hpp"
#include "totalis/rules/expression_eval.hpp"
#include "totalis/rules/expression_parser.hpp"
#include "totalis/rules/expression_symbols.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::rules {

/// A compiled rule expression. Immutable once compiled; evaluate() is const and safe to call
/// from any number of threads, each with its own context.
class Expression {
 public:
  /// Compiles `text`, or throws ExpressionError located in the rule file `origin` names.
  /// With `expected`, a result of the other type is an error ("rule 'pia' must be a number…").
  ///
  ///   Expression::compile("aim + 1", symbols, {.path = file, .start = {31, 18}})
  ///     // throws "<file>:31:18: unknown name 'aim' (did you mean 'aime'?)"
  [[nodiscard]] static Expression compile(std::string_view text, const Symbols& symbols,
                                          ExpressionOrigin origin = {},
                                          std::optional<ValueType> expected = std::nullopt);

  [[nodiscard]] ValueType type() const noexcept { return program_.nodes[program_.root].type; }

  /// The value for one worker. Throws EvaluationError naming the rule (division by zero…).
  [[nodiscard]] Value evaluate(const EvaluationContext& context) const;
  /// The same, appending each step to `trace`: every sub-expression but the literals, in the
  /// order evaluated (operands before their operation), each bucket of a fold, each increase
  /// of an uprate, and last the result under the rule's name.
  Value evaluate(const EvaluationContext& context, std::vector<EvaluationStep>& trace) const;
  /// The value of a number expression, without wrapping it; throws std::logic_error on a
  /// boolean expression.
  [[nodiscard]] Amount evaluate_number(const EvaluationContext& context) const;
  /// The value of a boolean expression; throws std::logic_error on a number expression.
  [[nodiscard]] bool evaluate_boolean(const EvaluationContext& context) const;

  /// The text as written in the rule file.
  [[nodiscard]] const std::string& source() const noexcept { return program_.source; }
  /// The rule's name, as the caller gave it.
  [[nodiscard]] const std::string& rule() const noexcept { return program_.rule; }
  /// Where the whole expression is in the rule file.
  [[nodiscard]] SourceRegion region() const {
    return SourceRegion{program_.start, program_.position(static_cast<std::uint32_t>(program_.source.size())),
                        program_.path};
  }
  /// The rule-level slots the expression reads, sorted and unique: what it depends on, so a
  /// loader can order rules and reject cycles.
  [[nodiscard]] const std::vector<Slot>& slots() const noexcept { return program_.slots; }
  /// The bucket slots its folds read (the series a fold walks over), in node order.
  [[nodiscard]] std::vector<Slot> bucket_slots() const {
    std::vector<Slot> out;
    for (const detail::Node& n : program_.nodes)
      if (n.op == detail::Op::bucket_number || n.op == detail::Op::bucket_boolean) out.push_back(static_cast<Slot>(n.index));
    return out;
  }

  /// True when the expression tests the agreement being applied (national_of_party,
  /// resident_in_party): its value is not the scheme's alone.
  [[nodiscard]] bool reads_agreement() const { return has(detail::Op::national_of_party) || has(detail::Op::resident_in_party); }
  /// True when the expression folds over buckets (it reads the series of bucket_slots()).
  [[nodiscard]] bool has_fold() const { return has(detail::Op::fold); }

  /// True when every value the expression can produce has passed through a rounding the
  /// rule names (round_*, floor, ceil, uprate) or is a literal: the loader's check that each
  /// benefit expression "ends in a cited rounding" (DESIGN §4). if/min/max/clamp pass it on
  /// when all their number operands do.
  [[nodiscard]] bool ends_in_rounding() const { return rounded(program_.root); }

 private:
  explicit Expression(detail::Program program) : program_(std::move(program)) {}
  [[nodiscard]] bool rounded(std::uint32_t id) const;
  [[nodiscard]] bool has(detail::Op op) const {
    return std::any_of(program_.nodes.begin(), program_.nodes.end(), [op](const detail::Node& n) { return n.op == op; });
  }
  [[nodiscard]] std::string_view label() const {
    return program_.rule.empty() ? std::string_view(program_.source) : std::string_view(program_.rule);
  }

  detail::Program program_;
};

// ------------------------------------------------------------------------------------------------
// Implementation

inline Expression Expression::compile(std::string_view text, const Symbols& symbols, ExpressionOrigin origin,
                                      std::optional<ValueType> expected) {
  return Expression(detail::parse(text, symbols, std::move(origin), expected));
}

inline Value Expression::evaluate(const EvaluationContext& context) const {
  detail::Evaluator<false> evaluator(program_, context, nullptr);
  const detail::Node& root = program_.nodes[program_.root];
  if (root.type == ValueType::number) return Value::of(evaluator.compute_number(root));
  return Value::of(evaluator.compute_truth(root));
}

inline Value Expression::evaluate(const EvaluationContext& context, std::vector<EvaluationStep>& trace) const {
  detail::Evaluator<true> evaluator(program_, context, &trace);
  const detail::Node& root = program_.nodes[program_.root];
  // The root is computed directly and recorded once, under the rule's name.
  Value result = root.type == ValueType::number ? Value::of(evaluator.compute_number(root))
                                                : Value::of(evaluator.compute_truth(root));
  evaluator.record(label(), result.str(), root.begin);
  return result;
}

inline Amount Expression::evaluate_number(const EvaluationContext& context) const {
  const detail::Node& root = program_.nodes[program_.root];
  if (root.type != ValueType::number)
    throw std::logic_error("'" + std::string(label()) + "' is a boolean expression, not a number");
  return detail::Evaluator<false>(program_, context, nullptr).compute_number(root);
}

inline bool Expression::evaluate_boolean(const EvaluationContext& context) const {
  const detail::Node& root = program_.nodes[program_.root];
  if (root.type != ValueType::boolean)
    throw std::logic_error("'" + std::string(label()) + "' is a number expression, not a boolean");
  return detail::Evaluator<false>(program_, context, nullptr).compute_truth(root);
}

inline bool Expression::rounded(std::uint32_t id) const {
  const detail::Node& n = program_.nodes[id];
  switch (n.op) {
    case detail::Op::literal:
    case detail::Op::round:
    case detail::Op::floor:
    case detail::Op::ceil:
    case detail::Op::uprate:
      return true;
    case detail::Op::choose:
      return rounded(program_.operand(n, 1)) && rounded(program_.operand(n, 2));
    case detail::Op::min:
    case detail::Op::max:
    case detail::Op::clamp:
      for (std::uint32_t k = 0; k < n.arity; ++k)
        if (!rounded(program_.operand(n, k))) return false;
      return true;
    default:
      return false;
  }
}

}  // namespace totalis::rules
