#pragma once
// The compiled form of an expression: a flat array of typed nodes, children before parents,
// with names already turned into slots and literals into exact amounts. Not API: the parser
// writes it, the evaluator reads it, Expression owns it.
//
//   "0.9 * min(aime, b1)"  →  [0] literal 0.9   [1] slot aime   [2] slot b1
//                              [3] min(1, 2)     [4] mul(0, 3)   root = 4

#include "totalis/core/amount.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/expression_symbols.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::rules::detail {

/// What a node does. Its operands are `Program::operands[first .. first + arity)`.
enum class Op : std::uint8_t {
  literal,            // number literals[index]
  truth,              // boolean literal: index 0 or 1
  number_slot,        // context.number(index)
  boolean_slot,       // context.boolean(index)
  bucket_number,      // context.bucket_number(bucket, i, index), inside a fold
  bucket_boolean,
  negate,
  add, subtract, multiply, divide,
  less, less_equal, greater, greater_equal,
  equal, not_equal,   // numbers
  same, differ,       // booleans (== and != on booleans)
  logical_and, logical_or, logical_not,
  min, max,           // n-ary, n ≥ 2
  clamp,              // x, lo, hi
  choose,             // if(cond, then, else)
  floor, ceil,
  round,              // x, step; index = Rounding
  national_of,        // index into countries (a placeholder `truth` node holds the quoted code)
  national_of_party,
  resident_in,        // index into countries
  resident_in_party,
  fold,               // index into folds; no operands (the fold names its own nodes)
  uprate,             // x, from, to, step; index = a placeholder node: its index the SeriesId,
                      //   its text the series name
};

/// Marks an optional node that is absent.
inline constexpr std::uint32_t no_node = 0xFFFFFFFFU;

struct Node {
  Op op;
  ValueType type;
  std::uint16_t arity = 0;
  std::uint32_t first = 0;    // into Program::operands
  std::uint32_t index = 0;    // slot, literal, fold, country, series or rounding, as `op` says
  std::uint32_t begin = 0;    // the node's text: Program::source[begin, end)
  std::uint32_t end = 0;
};

enum class Select : std::uint8_t { all, top, last };
enum class Combine : std::uint8_t { sum, avg };

/// fold(bucket = …, value = …, cap = …, select = …, drop = lowest P%, combine = …)
struct Fold {
  Bucket bucket = Bucket::year;
  std::uint32_t value = no_node;     // bucket scope
  std::uint32_t cap = no_node;       // bucket scope; absent: no cap
  Select select = Select::all;
  std::uint32_t count = no_node;     // N of top N / last N; rule scope
  std::uint32_t drop = no_node;      // P of lowest P%; rule scope; absent: nothing dropped
  Combine combine = Combine::sum;
};

/// Everything a compiled expression is: its text and origin (for messages and the trace),
/// and the nodes.
struct Program {
  std::string source;
  std::shared_ptr<const std::string> path;
  SourcePosition start{1, 1};
  std::string rule;
  std::string cite;   // of the rule the expression belongs to: its steps' cite in the trace

  std::vector<Node> nodes;
  std::vector<std::uint32_t> operands;
  std::vector<Amount> literals;
  std::vector<Fold> folds;
  std::vector<std::array<char, 2>> countries;
  std::vector<Slot> slots;           // rule-level slots read, sorted, unique
  std::uint32_t root = no_node;

  [[nodiscard]] std::uint32_t operand(const Node& node, std::uint32_t k) const { return operands[node.first + k]; }
  [[nodiscard]] std::string_view text(std::uint32_t begin, std::uint32_t end) const {
    return std::string_view(source).substr(begin, end - begin);
  }
  [[nodiscard]] std::string_view text(const Node& node) const { return text(node.begin, node.end); }
  /// The file position of byte `offset` of the source.
  [[nodiscard]] SourcePosition position(std::uint32_t offset) const {
    return advanced(start, std::string_view(source).substr(0, offset));
  }
  [[nodiscard]] SourceRegion region(const Node& node) const {
    return SourceRegion{position(node.begin), position(node.end), path};
  }
};

}  // namespace totalis::rules::detail
