#pragma once
// Evaluating the compiled form: a switch over typed nodes, reading slots by index, exact at
// every step. Tracing is a template parameter, so an untraced evaluation pays nothing for it.
//
//   detail::Evaluator<false>(program, context, nullptr).number(program.root)   // Amount
//   detail::Evaluator<true>(program, context, &steps).number(program.root)     // and records

#include "totalis/core/amount.hpp"
#include "totalis/rules/expression_ast.hpp"
#include "totalis/rules/expression_context.hpp"
#include "totalis/rules/expression_error.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::rules::detail {

/// The value as an int64 when it is a whole number in range, else nothing.
[[nodiscard]] inline std::optional<std::int64_t> whole_number(const Amount& value) {
  if (!value.is_integer()) return std::nullopt;
  const Integer& n = boost::multiprecision::numerator(value.exact());
  if (n > std::numeric_limits<std::int64_t>::max() || n < std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  return n.convert_to<std::int64_t>();
}

template <bool Traced>
class Evaluator {
 public:
  Evaluator(const Program& program, const EvaluationContext& context, std::vector<EvaluationStep>* trace)
      : p_(program), context_(context), trace_(trace) {}

  /// The value of number node `id`, recorded in the trace unless it is a literal.
  Amount number(std::uint32_t id) {
    const Node& n = p_.nodes[id];
    Amount value = compute_number(n);
    if constexpr (Traced)
      if (n.op != Op::literal) record(p_.text(n), value.str(), n.begin);
    return value;
  }

  /// The value of boolean node `id`, recorded in the trace unless it is `true` or `false`.
  bool truth(std::uint32_t id) {
    const Node& n = p_.nodes[id];
    const bool value = compute_truth(n);
    if constexpr (Traced)
      if (n.op != Op::truth) record(p_.text(n), value ? "true" : "false", n.begin);
    return value;
  }

  Amount compute_number(const Node& n);
  bool compute_truth(const Node& n);

  void record(std::string_view text, std::string value, std::uint32_t offset) {
    trace_->push_back(EvaluationStep{std::string(text), std::move(value), p_.position(offset), p_.cite});
  }

  /// The bucket being folded over, while a fold evaluates its value and cap.
  Bucket bucket = Bucket::year;
  std::size_t bucket_index = 0;

 private:
  const Program& p_;
  const EvaluationContext& context_;
  std::vector<EvaluationStep>* trace_;

  [[noreturn]] void fail(const Node& n, std::string message) const {
    throw EvaluationError(std::move(message), p_.rule, p_.region(n));
  }

  [[nodiscard]] std::uint32_t arg(const Node& n, std::uint32_t k) const { return p_.operand(n, k); }

  Amount rounded(const Node& n, const Amount& x, const Amount& step, Rounding mode) const {
    if (step <= Amount{0}) fail(n, "rounding step must be positive, not " + step.str());
    return x.rounded(step, mode);
  }

  /// The value of number node `id`, by reference when it is a literal or a slot (recorded in
  /// the trace all the same); otherwise computed into `scratch`.
  const Amount& operand_value(std::uint32_t id, Amount& scratch);
  Amount fold(const Node& n);
  Amount uprate(const Node& n);
};

template <bool Traced>
const Amount& Evaluator<Traced>::operand_value(std::uint32_t id, Amount& scratch) {
  const Node& n = p_.nodes[id];
  switch (n.op) {
    case Op::literal: return p_.literals[n.index];
    case Op::number_slot:
    case Op::bucket_number: {
      const Amount& value = n.op == Op::number_slot ? context_.number(n.index)
                                                    : context_.bucket_number(bucket, bucket_index, n.index);
      if constexpr (Traced) record(p_.text(n), value.str(), n.begin);
      return value;
    }
    default:
      scratch = number(id);
      return scratch;
  }
}

template <bool Traced>
Amount Evaluator<Traced>::compute_number(const Node& n) {
  // Operands are read through operand_value(), which lends literals and slot values by
  // reference: copying them would cost as much as the arithmetic itself.
  Amount left_scratch, right_scratch;
  switch (n.op) {
    case Op::literal: return p_.literals[n.index];
    case Op::number_slot: return context_.number(n.index);
    case Op::bucket_number: return context_.bucket_number(bucket, bucket_index, n.index);
    case Op::negate: return -operand_value(arg(n, 0), left_scratch);
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::divide: {
      const Amount& a = operand_value(arg(n, 0), left_scratch);
      const Amount& b = operand_value(arg(n, 1), right_scratch);
      if (n.op == Op::add) return a + b;
      if (n.op == Op::subtract) return a - b;
      if (n.op == Op::multiply) return a * b;
      if (b.is_zero()) fail(n, "division by zero");
      return a / b;
    }
    case Op::min:
    case Op::max: {
      const Amount* best = &operand_value(arg(n, 0), left_scratch);
      for (std::uint32_t k = 1; k < n.arity; ++k) {
        const Amount& next = operand_value(arg(n, k), right_scratch);
        if (n.op == Op::min ? next < *best : *best < next) {
          if (&next == &right_scratch) {   // keep the winner where the next operand cannot overwrite it
            std::swap(left_scratch, right_scratch);
            best = &left_scratch;
          } else {
            best = &next;
          }
        }
      }
      return *best;
    }
    case Op::clamp: {
      Amount high_scratch;
      const Amount& x = operand_value(arg(n, 0), left_scratch);
      const Amount& low = operand_value(arg(n, 1), right_scratch);
      const Amount& high = operand_value(arg(n, 2), high_scratch);
      if (high < low) fail(n, "'clamp' has its lower bound " + low.str() + " above its upper bound " + high.str());
      if (x < low) return low;
      if (high < x) return high;
      return x;
    }
    case Op::choose: return truth(arg(n, 0)) ? number(arg(n, 1)) : number(arg(n, 2));
    case Op::floor: return operand_value(arg(n, 0), left_scratch).floor();
    case Op::ceil: return operand_value(arg(n, 0), left_scratch).ceil();
    case Op::round: {
      const Amount& x = operand_value(arg(n, 0), left_scratch);
      return rounded(n, x, operand_value(arg(n, 1), right_scratch), static_cast<Rounding>(n.index));
    }
    case Op::fold: return fold(n);
    case Op::uprate: return uprate(n);
    default: fail(n, "internal error: a boolean node evaluated as a number");
  }
}

template <bool Traced>
bool Evaluator<Traced>::compute_truth(const Node& n) {
  switch (n.op) {
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal:
    case Op::equal:
    case Op::not_equal: {
      Amount left_scratch, right_scratch;
      const Amount& a = operand_value(arg(n, 0), left_scratch);
      const Amount& b = operand_value(arg(n, 1), right_scratch);
      if (n.op == Op::less) return a < b;
      if (n.op == Op::less_equal) return a <= b;
      if (n.op == Op::greater) return a > b;
      if (n.op == Op::greater_equal) return a >= b;
      if (n.op == Op::equal) return a == b;
      return a != b;
    }
    case Op::truth: return n.index != 0;
    case Op::boolean_slot: return context_.boolean(n.index);
    case Op::bucket_boolean: return context_.bucket_boolean(bucket, bucket_index, n.index);
    case Op::same: { const bool a = truth(arg(n, 0)); return a == truth(arg(n, 1)); }
    case Op::differ: { const bool a = truth(arg(n, 0)); return a != truth(arg(n, 1)); }
    case Op::logical_and: return truth(arg(n, 0)) && truth(arg(n, 1));   // the right side only if needed
    case Op::logical_or: return truth(arg(n, 0)) || truth(arg(n, 1));
    case Op::logical_not: return !truth(arg(n, 0));
    case Op::choose: return truth(arg(n, 0)) ? truth(arg(n, 1)) : truth(arg(n, 2));
    case Op::national_of: {
      const auto& code = p_.countries[n.index];
      return context_.national_of(std::string_view(code.data(), code.size()));
    }
    case Op::national_of_party: return context_.national_of_party();
    case Op::resident_in: {
      const auto& code = p_.countries[n.index];
      return context_.resident_in(std::string_view(code.data(), code.size()));
    }
    case Op::resident_in_party: return context_.resident_in_party();
    default: fail(n, "internal error: a number node evaluated as a boolean");
  }
}

/// Each bucket's value (capped), then the selection, then the dropped lowest share, then the
/// sum or average of what is left. Per-bucket sub-expressions are not traced one by one; each
/// bucket's value is, so a reader sees the 35 years that made an AIME.
template <bool Traced>
Amount Evaluator<Traced>::fold(const Node& n) {
  const Fold& f = p_.folds[n.index];
  const std::size_t count = context_.bucket_count(f.bucket);
  std::vector<Amount> values;
  values.reserve(count);
  Evaluator<false> inner(p_, context_, nullptr);
  inner.bucket = f.bucket;
  for (std::size_t i = 0; i < count; ++i) {
    inner.bucket_index = i;
    Amount value = inner.number(f.value);
    if (f.cap != no_node) {
      Amount cap = inner.number(f.cap);
      if (cap < value) value = std::move(cap);
    }
    if constexpr (Traced) {
      std::string text(p_.text(p_.nodes[f.value]));
      if (f.cap != no_node) text += ", capped at " + std::string(p_.text(p_.nodes[f.cap]));
      record(text + " (bucket " + std::to_string(i + 1) + " of " + std::to_string(count) + ")", value.str(),
             p_.nodes[f.value].begin);
    }
    values.push_back(std::move(value));
  }
  if (f.select != Select::all) {
    const Node& how = p_.nodes[f.count];
    const Amount wanted = number(f.count);
    const std::optional<std::int64_t> k = whole_number(wanted);
    if (!k || *k < 0)
      fail(how, std::string(f.select == Select::top ? "'top'" : "'last'") + " needs a whole number of buckets, not " +
                    wanted.str());
    const auto keep = static_cast<std::size_t>(*k);
    if (keep < values.size()) {
      const auto split = values.begin() + static_cast<std::ptrdiff_t>(keep);
      if (f.select == Select::top) {
        std::nth_element(values.begin(), split, values.end(), std::greater<>{});
        values.erase(split, values.end());
      } else {   // the last `keep` buckets in time
        values.erase(values.begin(), values.end() - static_cast<std::ptrdiff_t>(keep));
      }
    }
  }
  if (f.drop != no_node) {
    const Amount percent = number(f.drop);
    if (percent.is_negative() || Amount{100} < percent)
      fail(p_.nodes[f.drop], "the percentage to drop must be between 0 and 100, not " + percent.str());
    // "Up to P%": the whole number of buckets not above P% of them (CPP general drop-out).
    const Amount share = (percent * Amount{values.size()} / Amount{100}).floor();
    const auto dropped = static_cast<std::size_t>(*whole_number(share));
    if (dropped > 0) {
      const auto split = values.begin() + static_cast<std::ptrdiff_t>(dropped);
      std::nth_element(values.begin(), split, values.end());
      values.erase(values.begin(), split);
    }
  }
  Amount total;
  for (const Amount& value : values) total += value;
  if (f.combine == Combine::sum) return total;
  if (values.empty()) fail(n, "average over no buckets");
  return total / Amount{values.size()};
}

/// uprate(x, series, from, to, step): for each year y with from ≤ y < to, in order,
/// x ← round_down(x × (100 + series[y]) / 100, step) — as SSA applies each COLA to a PIA and
/// rounds to the next lower dime (20 CFR 404.304(f)).
template <bool Traced>
Amount Evaluator<Traced>::uprate(const Node& n) {
  Amount x = number(arg(n, 0));
  const Amount from = number(arg(n, 1));
  const Amount to = number(arg(n, 2));
  const Amount step = number(arg(n, 3));
  const std::optional<std::int64_t> first = whole_number(from);
  const std::optional<std::int64_t> end = whole_number(to);
  if (!first) fail(p_.nodes[arg(n, 1)], "'uprate' needs a whole year, not " + from.str());
  if (!end) fail(p_.nodes[arg(n, 2)], "'uprate' needs a whole year, not " + to.str());
  if (*end < *first) fail(n, "'uprate' runs backwards, from " + from.str() + " to " + to.str());
  if (step <= Amount{0}) fail(p_.nodes[arg(n, 3)], "rounding step must be positive, not " + step.str());
  const Node& series = p_.nodes[n.index];
  const Amount hundred{100};
  for (std::int64_t year = *first; year < *end; ++year) {
    const Amount* percent = context_.series_percent(series.index, year);
    if (!percent)
      fail(n, "series '" + std::string(p_.text(series)) + "' has no value for " + std::to_string(year));
    x = (x * (hundred + *percent) / hundred).rounded(step, Rounding::down);
    if constexpr (Traced)
      record(std::string(p_.text(series)) + " " + std::to_string(year) + " +" + percent->str() + "%", x.str(),
             series.begin);
  }
  return x;
}

}  // namespace totalis::rules::detail
