#pragma once
// Reading an expression (DESIGN §4): a hand-written lexer and precedence-climbing parser that
// resolves names, checks types and builds the compiled form, or throws an ExpressionError
// located in the rule file.
//
//   ExpressionOrigin origin{.path = path, .start = {31, 8}, .rule = "pia"};
//   detail::parse("0.9 * min(aim, b1)", symbols, origin, ValueType::number);
//     // throws ExpressionError "…/US-OASDI.toml:31:18: unknown name 'aim' (did you mean 'aime'?)"
//
// Grammar, loosest first:
//   expression  := and ('or' and)*
//   and         := not ('and' not)*
//   not         := 'not' not | comparison
//   comparison  := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)?   (no chains)
//   additive    := term (('+' | '-') term)*
//   term        := unary (('*' | '/') unary)*
//   unary       := '-' unary | primary
//   primary     := number | 'true' | 'false' | name | name '(' arguments? ')' | '(' expression ')'
//   fold        := 'fold' '(' name '=' fold-value (',' name '=' fold-value)* ')'

#include "totalis/core/amount.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/rules/expression_ast.hpp"
#include "totalis/rules/expression_error.hpp"
#include "totalis/rules/expression_symbols.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis::rules {

/// Where an expression's text comes from, so errors and traces can point back to it.
/// `start` is the file position of the expression's first character (after the opening quote;
/// for a TOML multi-line string, after the newline TOML trims). Columns after it are exact
/// when the TOML string holds no escape sequences — write country codes as national_of('US')
/// inside a basic string, or use a literal string.
struct ExpressionOrigin {
  std::shared_ptr<const std::string> path{};   ///< the rule file; may be null
  SourcePosition start{1, 1};                  ///< {0, 0} is taken as {1, 1}
  std::string rule{};                          ///< the rule's name, for evaluation errors and the trace
  std::string cite{};                          ///< the cite of the rule it belongs to, for the trace's steps
};

/// Longest expression accepted, in bytes, and deepest nesting of parentheses, calls and
/// prefix operators: generous for law, small enough that a hostile file cannot exhaust the stack.
inline constexpr std::size_t max_expression_length = 4096;
inline constexpr std::size_t max_expression_depth = 64;

namespace detail {

/// Edit distance with adjacent transpositions (optimal string alignment): 'aiem' is one
/// edit from 'aime'.
[[nodiscard]] inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

/// " (did you mean 'x'?)" for the nearest candidate at most two edits away (and fewer edits
/// than `name` has characters, so 'x' does not suggest 'y'); otherwise "". Ties go to the
/// first candidate in the order given.
template <typename Names>
[[nodiscard]] std::string did_you_mean(std::string_view name, const Names& candidates) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (const auto& candidate : candidates) {
    const std::string_view text(candidate);
    const std::size_t d = edit_distance(name, text);
    if (d < best_distance && d < name.size()) {
      best = text;
      best_distance = d;
    }
  }
  if (best.empty()) return {};
  return " (did you mean '" + std::string(best) + "'?)";
}

enum class Tok : std::uint8_t {
  end, error, number, name, string,
  left_paren, right_paren, comma, plus, minus, star, slash, percent, assign,
  less, less_equal, greater, greater_equal, equal, not_equal,
  kw_and, kw_or, kw_not, kw_true, kw_false,
};

struct Token {
  Tok kind = Tok::end;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// A function of the language, with how many arguments it takes.
struct Function {
  std::string_view name;
  Op op;
  std::uint8_t min_args;
  std::uint8_t max_args;   // `unbounded` for min and max
  Rounding rounding = Rounding::down;
};

inline constexpr std::uint8_t unbounded = 0xFF;

inline constexpr std::array<Function, 15> functions{{
    {"min", Op::min, 2, unbounded},
    {"max", Op::max, 2, unbounded},
    {"clamp", Op::clamp, 3, 3},
    {"if", Op::choose, 3, 3},
    {"floor", Op::floor, 1, 1},
    {"ceil", Op::ceil, 1, 1},
    {"round_down", Op::round, 2, 2, Rounding::down},
    {"round_up", Op::round, 2, 2, Rounding::up},
    {"round_half_up", Op::round, 2, 2, Rounding::half_up},
    {"round_half_even", Op::round, 2, 2, Rounding::half_even},
    {"national_of", Op::national_of, 1, 1},
    {"national_of_party", Op::national_of_party, 0, 0},
    {"resident_in", Op::resident_in, 1, 1},
    {"resident_in_party", Op::resident_in_party, 0, 0},
    {"uprate", Op::uprate, 5, 5},
}};

[[nodiscard]] inline const Function* find_function(std::string_view name) {
  for (const Function& f : functions)
    if (f.name == name) return &f;
  return nullptr;
}

inline constexpr std::array<std::string_view, 6> fold_arguments{"bucket", "value", "cap", "select",
                                                                "drop", "combine"};

class Parser {
 public:
  Parser(const Symbols& symbols, Program& program) : symbols_(symbols), p_(program) {}

  void run(std::optional<ValueType> expected) {
    if (p_.source.size() > max_expression_length)
      fail(0, "expression is too long: " + std::to_string(p_.source.size()) + " bytes, at most " +
                  std::to_string(max_expression_length));
    lex();
    if (tokens_.front().kind == Tok::end) fail(0, "empty expression");
    const std::uint32_t root = expression();
    if (peek().kind != Tok::end) {
      const Token& t = peek();
      fail(t.begin, "expected an operator or the end of the expression, found " + describe(t) +
                        (t.kind == Tok::assign ? " (use '==' to compare)" : ""));
    }
    if (expected && node(root).type != *expected)
      fail(node(root).begin, (p_.rule.empty() ? std::string("the expression") : "rule '" + p_.rule + "'") +
                                 " must be a " + std::string(to_string(*expected)) + ", not a " +
                                 std::string(to_string(node(root).type)));
    p_.root = root;
    std::sort(p_.slots.begin(), p_.slots.end());
    p_.slots.erase(std::unique(p_.slots.begin(), p_.slots.end()), p_.slots.end());
  }

 private:
  const Symbols& symbols_;
  Program& p_;
  std::vector<Token> tokens_;
  std::string lex_error_;
  std::size_t at_ = 0;
  std::size_t depth_ = 0;
  bool in_fold_ = false;

  // --- errors -------------------------------------------------------------------------------

  [[noreturn]] void fail(std::uint32_t offset, std::string message) const {
    throw ExpressionError(p_.path, p_.position(offset), std::move(message));
  }

  [[nodiscard]] std::string_view text(const Token& t) const { return p_.text(t.begin, t.end); }

  [[nodiscard]] std::string describe(const Token& t) const {
    switch (t.kind) {
      case Tok::end: return "end of expression";
      case Tok::number: return "number '" + std::string(text(t)) + "'";
      case Tok::name: return "name '" + std::string(text(t)) + "'";
      case Tok::string: return "string " + std::string(text(t));
      default: return "'" + std::string(text(t)) + "'";
    }
  }

  // --- lexer --------------------------------------------------------------------------------

  void lex() {
    const std::string_view s = p_.source;
    std::uint32_t i = 0;
    const auto n = static_cast<std::uint32_t>(s.size());
    auto push = [&](Tok kind, std::uint32_t begin, std::uint32_t end) { tokens_.push_back({kind, begin, end}); };
    auto error = [&](std::uint32_t begin, std::uint32_t end, std::string message) {
      lex_error_ = std::move(message);
      push(Tok::error, begin, end);
    };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    auto word_char = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    };
    while (i < n) {
      const char c = s[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
      const std::uint32_t begin = i;
      if (digit(c) || (c == '.' && i + 1 < n && digit(s[i + 1]))) {
        // Scan the whole word so `1e5` and `1.2.3` are judged as one literal, by Amount's rules.
        while (i < n && word_char(s[i])) ++i;
        if (std::string why = Amount::why_not(s.substr(begin, i - begin)); !why.empty()) {
          error(begin, i, std::move(why));
          break;
        }
        push(Tok::number, begin, i);
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        while (i < n && word_char(s[i])) ++i;
        const std::string_view word = s.substr(begin, i - begin);
        if (word == "and") push(Tok::kw_and, begin, i);
        else if (word == "or") push(Tok::kw_or, begin, i);
        else if (word == "not") push(Tok::kw_not, begin, i);
        else if (word == "true") push(Tok::kw_true, begin, i);
        else if (word == "false") push(Tok::kw_false, begin, i);
        else if (is_valid_name(word) || is_reserved_name(word)) push(Tok::name, begin, i);
        else {
          error(begin, i, "invalid name '" + std::string(word) +
                              "': names are lower-case letters, digits and '_', dotted as in 'us.pia'");
          break;
        }
      } else if (c == '"' || c == '\'') {
        ++i;
        while (i < n && s[i] != c && s[i] != '\n') ++i;
        if (i >= n || s[i] != c) {
          error(begin, i, "unterminated string");
          break;
        }
        push(Tok::string, begin, ++i);
      } else {
        const char next = i + 1 < n ? s[i + 1] : '\0';
        Tok kind = Tok::end;
        std::uint32_t width = 1;
        switch (c) {
          case '(': kind = Tok::left_paren; break;
          case ')': kind = Tok::right_paren; break;
          case ',': kind = Tok::comma; break;
          case '+': kind = Tok::plus; break;
          case '-': kind = Tok::minus; break;
          case '*': kind = Tok::star; break;
          case '/': kind = Tok::slash; break;
          case '%': kind = Tok::percent; break;
          case '=': kind = next == '=' ? Tok::equal : Tok::assign; width = next == '=' ? 2 : 1; break;
          case '<': kind = next == '=' ? Tok::less_equal : Tok::less; width = next == '=' ? 2 : 1; break;
          case '>': kind = next == '=' ? Tok::greater_equal : Tok::greater; width = next == '=' ? 2 : 1; break;
          case '!': if (next == '=') { kind = Tok::not_equal; width = 2; } break;
          default: break;
        }
        if (kind == Tok::end) {
          error(begin, i + 1, unexpected_character(s.substr(i)));
          break;
        }
        i += width;
        push(kind, begin, i);
      }
    }
    push(Tok::end, n, n);
  }

  [[nodiscard]] static std::string unexpected_character(std::string_view rest) {
    const auto byte = static_cast<unsigned char>(rest[0]);
    if (byte < 0x20 || byte == 0x7F) {
      constexpr char hex[] = "0123456789ABCDEF";
      return std::string("unexpected control character U+00") + hex[byte >> 4] + hex[byte & 0xF];
    }
    std::size_t length = 1;   // a whole UTF-8 sequence, so 'é' prints as itself
    while (length < rest.size() && (static_cast<unsigned char>(rest[length]) & 0xC0U) == 0x80U) ++length;
    std::string message = "unexpected character '" + std::string(rest.substr(0, length)) + "'";
    if (rest[0] == '!') message += " (use 'not', or '!=' to compare)";
    if (rest[0] == '&') message += " (use 'and')";
    if (rest[0] == '|') message += " (use 'or')";
    return message;
  }

  // --- token stream -------------------------------------------------------------------------

  /// The next token; a lexer error is reported when the parser reaches it, so the leftmost
  /// problem is always the one reported.
  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const {
    const std::size_t k = std::min(at_ + ahead, tokens_.size() - 1);
    for (std::size_t j = at_; j <= k; ++j)
      if (tokens_[j].kind == Tok::error) fail(tokens_[j].begin, lex_error_);
    return tokens_[k];
  }
  const Token& take() {
    const Token& t = peek();
    if (t.kind != Tok::end) ++at_;
    return t;
  }
  [[nodiscard]] bool next_is(Tok kind) const { return peek().kind == kind; }

  void enter(const Token& at) {
    if (++depth_ > max_expression_depth)
      fail(at.begin, "expression nests more than " + std::to_string(max_expression_depth) + " levels deep");
  }
  void leave() { --depth_; }

  // --- nodes --------------------------------------------------------------------------------

  [[nodiscard]] Node& node(std::uint32_t id) { return p_.nodes[id]; }

  std::uint32_t add(Op op, ValueType type, std::uint32_t begin, std::uint32_t end,
                    const std::vector<std::uint32_t>& children = {}, std::uint32_t index = 0) {
    Node n{op, type};
    n.arity = static_cast<std::uint16_t>(children.size());
    n.first = static_cast<std::uint32_t>(p_.operands.size());
    n.index = index;
    n.begin = begin;
    n.end = end;
    p_.operands.insert(p_.operands.end(), children.begin(), children.end());
    p_.nodes.push_back(n);
    return static_cast<std::uint32_t>(p_.nodes.size() - 1);
  }

  std::uint32_t binary(Op op, ValueType type, std::uint32_t left, std::uint32_t right) {
    return add(op, type, node(left).begin, node(right).end, {left, right});
  }

  void need(std::uint32_t id, ValueType type, std::string_view what) {
    if (node(id).type != type)
      fail(node(id).begin, "'" + std::string(what) + "' needs " + std::string(to_string(type)) + "s, not a " +
                               std::string(to_string(node(id).type)));
  }

  void need_argument(std::uint32_t id, ValueType type, std::size_t position, std::string_view function) {
    if (node(id).type != type)
      fail(node(id).begin, "argument " + std::to_string(position) + " of '" + std::string(function) +
                               "' must be a " + std::string(to_string(type)) + ", not a " +
                               std::string(to_string(node(id).type)));
  }

  [[nodiscard]] const Amount* literal(std::uint32_t id) const {
    const Node& n = p_.nodes[id];
    return n.op == Op::literal ? &p_.literals[n.index] : nullptr;
  }

  /// A rounding step written as a literal is checked now rather than at every evaluation.
  void check_step(std::uint32_t id) {
    if (const Amount* step = literal(id); step && *step <= Amount{0})
      fail(node(id).begin, "rounding step must be positive, not " + step->str());
  }

  // --- grammar ------------------------------------------------------------------------------

  std::uint32_t expression() {
    std::uint32_t left = conjunction();
    while (next_is(Tok::kw_or)) {
      take();
      const std::uint32_t right = conjunction();
      need(left, ValueType::boolean, "or");
      need(right, ValueType::boolean, "or");
      left = binary(Op::logical_or, ValueType::boolean, left, right);
    }
    return left;
  }

  std::uint32_t conjunction() {
    std::uint32_t left = negation();
    while (next_is(Tok::kw_and)) {
      take();
      const std::uint32_t right = negation();
      need(left, ValueType::boolean, "and");
      need(right, ValueType::boolean, "and");
      left = binary(Op::logical_and, ValueType::boolean, left, right);
    }
    return left;
  }

  std::uint32_t negation() {
    if (!next_is(Tok::kw_not)) return comparison();
    const Token keyword = take();
    enter(keyword);
    const std::uint32_t operand = negation();
    leave();
    if (node(operand).type != ValueType::boolean)
      fail(node(operand).begin, "'not' needs a boolean, not a number");
    return add(Op::logical_not, ValueType::boolean, keyword.begin, node(operand).end, {operand});
  }

  [[nodiscard]] static bool is_comparison(Tok kind) {
    return kind == Tok::less || kind == Tok::less_equal || kind == Tok::greater ||
           kind == Tok::greater_equal || kind == Tok::equal || kind == Tok::not_equal;
  }

  std::uint32_t comparison() {
    const std::uint32_t left = additive();
    if (!is_comparison(peek().kind)) return left;
    const Token op = take();
    const std::uint32_t right = additive();
    const std::string symbol(text(op));
    std::uint32_t result = 0;
    if (op.kind == Tok::equal || op.kind == Tok::not_equal) {
      if (node(left).type != node(right).type)
        fail(op.begin, "'" + symbol + "' compares a " + std::string(to_string(node(left).type)) + " with a " +
                           std::string(to_string(node(right).type)));
      const bool numbers = node(left).type == ValueType::number;
      const Op code = op.kind == Tok::equal ? (numbers ? Op::equal : Op::same)
                                            : (numbers ? Op::not_equal : Op::differ);
      result = binary(code, ValueType::boolean, left, right);
    } else {
      need(left, ValueType::number, symbol);
      need(right, ValueType::number, symbol);
      const Op code = op.kind == Tok::less ? Op::less
                      : op.kind == Tok::less_equal ? Op::less_equal
                      : op.kind == Tok::greater ? Op::greater
                                                : Op::greater_equal;
      result = binary(code, ValueType::boolean, left, right);
    }
    if (is_comparison(peek().kind))
      fail(peek().begin, "comparisons do not chain: write 'a < b and b < c'");
    return result;
  }

  std::uint32_t additive() {
    std::uint32_t left = term();
    while (next_is(Tok::plus) || next_is(Tok::minus)) {
      const Token op = take();
      const std::uint32_t right = term();
      need(left, ValueType::number, text(op));
      need(right, ValueType::number, text(op));
      left = binary(op.kind == Tok::plus ? Op::add : Op::subtract, ValueType::number, left, right);
    }
    return left;
  }

  std::uint32_t term() {
    std::uint32_t left = unary();
    while (next_is(Tok::star) || next_is(Tok::slash)) {
      const Token op = take();
      const std::uint32_t right = unary();
      need(left, ValueType::number, text(op));
      need(right, ValueType::number, text(op));
      left = binary(op.kind == Tok::star ? Op::multiply : Op::divide, ValueType::number, left, right);
    }
    return left;
  }

  std::uint32_t unary() {
    if (!next_is(Tok::minus)) return primary();
    const Token minus = take();
    enter(minus);
    const std::uint32_t operand = unary();
    leave();
    if (node(operand).type != ValueType::number)
      fail(node(operand).begin, "'-' needs a number, not a boolean");
    if (literal(operand)) {   // -0.5 is a literal, not a negation evaluated each time
      Amount& value = p_.literals[node(operand).index];
      value = -value;
      node(operand).begin = minus.begin;
      return operand;
    }
    return add(Op::negate, ValueType::number, minus.begin, node(operand).end, {operand});
  }

  std::uint32_t primary() {
    const Token t = peek();
    switch (t.kind) {
      case Tok::number: {
        take();
        p_.literals.push_back(Amount::parse(text(t)));
        return add(Op::literal, ValueType::number, t.begin, t.end, {},
                   static_cast<std::uint32_t>(p_.literals.size() - 1));
      }
      case Tok::kw_true:
      case Tok::kw_false:
        take();
        return add(Op::truth, ValueType::boolean, t.begin, t.end, {}, t.kind == Tok::kw_true ? 1 : 0);
      case Tok::string:
        fail(t.begin, "unexpected " + describe(t) + " (a string names a country, as in national_of(\"US\"))");
      case Tok::left_paren: {
        take();
        enter(t);
        const std::uint32_t inner = expression();
        leave();
        if (!next_is(Tok::right_paren))
          fail(peek().begin, "expected ')' to close the '(' at " + to_string(p_.position(t.begin)) +
                                 ", found " + describe(peek()));
        const Token close = take();
        node(inner).begin = t.begin;   // so a parent's text, "(a + b) * c", stays whole
        node(inner).end = close.end;
        return inner;
      }
      case Tok::name:
        take();
        if (next_is(Tok::left_paren)) return call(t);
        return name(t);
      default:
        fail(t.begin, "expected a value, found " + describe(t));
    }
  }

  std::uint32_t name(const Token& t) {
    const std::string_view word = text(t);
    if (in_fold_) {
      if (const Symbol* s = symbols_.find_bucket(word))
        return add(s->type == ValueType::number ? Op::bucket_number : Op::bucket_boolean, s->type, t.begin, t.end,
                   {}, s->slot);
    }
    if (const Symbol* s = symbols_.find(word)) {
      p_.slots.push_back(s->slot);
      return add(s->type == ValueType::number ? Op::number_slot : Op::boolean_slot, s->type, t.begin, t.end, {},
                 s->slot);
    }
    if (const Function* f = find_function(word)) {
      if (f->op == Op::national_of_party || f->op == Op::resident_in_party)
        return add(f->op, ValueType::boolean, t.begin, t.end);
      fail(t.begin, "'" + std::string(word) + "' is a function: call it as " + std::string(word) + "(...)");
    }
    if (word == "fold") fail(t.begin, "'fold' is a function: call it as fold(bucket = year, value = ..., combine = sum)");
    if (!in_fold_ && symbols_.find_bucket(word))
      fail(t.begin, "'" + std::string(word) + "' is a per-bucket value, only available inside fold(value = ...) and fold(cap = ...)");
    if (symbols_.find_series(word))
      fail(t.begin, "'" + std::string(word) + "' is a series: use it as uprate(x, " + std::string(word) +
                        ", from, to, step)");
    std::vector<std::string_view> candidates;
    if (in_fold_)
      for (const auto& entry : symbols_.bucket_names()) candidates.push_back(entry.first);
    for (const auto& entry : symbols_.names()) candidates.push_back(entry.first);
    fail(t.begin, "unknown name '" + std::string(word) + "'" + did_you_mean(word, candidates));
  }

  std::uint32_t call(const Token& callee) {
    const std::string_view word = text(callee);
    if (word == "fold") return fold(callee);
    const Function* f = find_function(word);
    if (!f) {
      if (symbols_.find(word) || symbols_.find_bucket(word))
        fail(callee.begin, "'" + std::string(word) + "' is not a function");
      std::vector<std::string_view> candidates{"fold"};
      for (const Function& g : functions) candidates.push_back(g.name);
      fail(callee.begin, "unknown function '" + std::string(word) + "'" + did_you_mean(word, candidates));
    }
    const Token open = take();
    enter(open);
    std::vector<std::uint32_t> args;
    if (!next_is(Tok::right_paren)) {
      for (;;) {
        const Token& t = peek();
        if (t.kind == Tok::comma || t.kind == Tok::right_paren)
          fail(t.begin, "missing argument to '" + std::string(word) + "' before " + describe(t));
        if (f->op == Op::national_of || f->op == Op::resident_in) {
          args.push_back(country(*f));
        } else if (f->op == Op::uprate && args.size() == 1) {
          args.push_back(series());
        } else {
          args.push_back(expression());
        }
        if (next_is(Tok::comma)) { take(); continue; }
        if (next_is(Tok::right_paren)) break;
        fail(peek().begin, "expected ',' or ')' in call to '" + std::string(word) + "', found " + describe(peek()));
      }
    }
    const Token close = take();   // ')'
    leave();
    check_arity(*f, callee, args.size());
    return function_node(*f, callee, close, args);
  }

  void check_arity(const Function& f, const Token& callee, std::size_t count) const {
    if (count >= f.min_args && (f.max_args == unbounded || count <= f.max_args)) return;
    const auto plural = [](std::size_t k) {
      return k == 0 ? std::string("no arguments") : std::to_string(k) + (k == 1 ? " argument" : " arguments");
    };
    const std::string takes = f.max_args == unbounded ? "at least " + plural(f.min_args) : plural(f.min_args);
    fail(callee.begin, "'" + std::string(f.name) + "' takes " + takes + ", not " + std::to_string(count));
  }

  /// national_of("US"): a quoted ISO 3166-1 alpha-2 code, kept as a placeholder node.
  std::uint32_t country(const Function& f) {
    const Token t = peek();
    if (t.kind != Tok::string)
      fail(t.begin, "'" + std::string(f.name) + "' needs a country code in quotes, as in " + std::string(f.name) +
                        "(\"US\"), not " + describe(t));
    take();
    const std::string_view code = text(t).substr(1, t.end - t.begin - 2);
    const bool alpha2 = code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
    if (!alpha2)
      fail(t.begin, "'" + std::string(f.name) + "' needs a two-letter country code such as \"US\", not " +
                        std::string(text(t)));
    p_.countries.push_back({code[0], code[1]});
    return add(Op::truth, ValueType::boolean, t.begin, t.end, {}, static_cast<std::uint32_t>(p_.countries.size() - 1));
  }

  /// uprate's second argument: a series name, resolved to the context's id.
  std::uint32_t series() {
    const Token t = peek();
    if (t.kind != Tok::name)
      fail(t.begin, "argument 2 of 'uprate' must be the name of a series, not " + describe(t));
    take();
    const SeriesId* id = symbols_.find_series(text(t));
    if (!id) {
      std::vector<std::string_view> candidates;
      for (const auto& entry : symbols_.series()) candidates.push_back(entry.first);
      fail(t.begin, "unknown series '" + std::string(text(t)) + "'" + did_you_mean(text(t), candidates));
    }
    return add(Op::truth, ValueType::boolean, t.begin, t.end, {}, *id);
  }

  std::uint32_t function_node(const Function& f, const Token& callee, const Token& close,
                              const std::vector<std::uint32_t>& args) {
    const std::string_view word = f.name;
    switch (f.op) {
      case Op::national_of:
      case Op::resident_in:
        // The placeholder's index is the country; the call needs no operands at evaluation.
        return add(f.op, ValueType::boolean, callee.begin, close.end, {}, node(args[0]).index);
      case Op::national_of_party:
      case Op::resident_in_party:
        return add(f.op, ValueType::boolean, callee.begin, close.end);
      case Op::choose: {
        need_argument(args[0], ValueType::boolean, 1, word);
        if (node(args[1]).type != node(args[2]).type)
          fail(node(args[2]).begin, "the branches of 'if' differ: a " + std::string(to_string(node(args[1]).type)) +
                                        " and a " + std::string(to_string(node(args[2]).type)));
        return add(f.op, node(args[1]).type, callee.begin, close.end, args);
      }
      case Op::uprate: {
        need_argument(args[0], ValueType::number, 1, word);
        for (std::size_t k = 2; k < args.size(); ++k) need_argument(args[k], ValueType::number, k + 1, word);
        check_step(args[4]);
        // The index is the series placeholder, whose index is the id and whose text the name.
        return add(f.op, ValueType::number, callee.begin, close.end, {args[0], args[2], args[3], args[4]}, args[1]);
      }
      default: {
        for (std::size_t k = 0; k < args.size(); ++k) need_argument(args[k], ValueType::number, k + 1, word);
        if (f.op == Op::round) check_step(args[1]);
        return add(f.op, ValueType::number, callee.begin, close.end, args,
                   f.op == Op::round ? static_cast<std::uint32_t>(f.rounding) : 0);
      }
    }
  }

  // --- fold ---------------------------------------------------------------------------------

  /// A contextual keyword (year, month, top, last, all, lowest, sum, avg) is a plain name token.
  [[nodiscard]] bool next_is_word(std::string_view word) const {
    return peek().kind == Tok::name && text(peek()) == word;
  }

  std::uint32_t fold_expression(bool bucket_scope, std::string_view argument) {
    const bool outer = in_fold_;
    in_fold_ = bucket_scope;
    const std::uint32_t id = expression();
    in_fold_ = outer;
    if (node(id).type != ValueType::number)
      fail(node(id).begin, "'" + std::string(argument) + "' of 'fold' must be a number, not a boolean");
    return id;
  }

  std::uint32_t fold(const Token& callee) {
    if (in_fold_) fail(callee.begin, "'fold' cannot be nested inside another fold");
    const Token open = take();
    enter(open);
    Fold f;
    std::array<bool, fold_arguments.size()> given{};
    for (;;) {
      const Token key = peek();
      if (key.kind != Tok::name || peek(1).kind != Tok::assign) {
        if (key.kind == Tok::right_paren || key.kind == Tok::comma)
          fail(key.begin, "missing argument to 'fold' before " + describe(key));
        fail(key.begin, "'fold' takes named arguments, as in fold(bucket = year, value = earnings, combine = sum)");
      }
      const std::string_view word = text(key);
      const auto known = std::find(fold_arguments.begin(), fold_arguments.end(), word);
      if (known == fold_arguments.end())
        fail(key.begin, "'fold' has no argument '" + std::string(word) + "'" + did_you_mean(word, fold_arguments));
      const auto which = static_cast<std::size_t>(known - fold_arguments.begin());
      if (given[which]) fail(key.begin, "argument '" + std::string(word) + "' of 'fold' is given twice");
      given[which] = true;
      take();
      take();   // '='
      switch (which) {
        case 0:   // bucket
          if (next_is_word("year")) f.bucket = Bucket::year;
          else if (next_is_word("month")) f.bucket = Bucket::month;
          else fail(peek().begin, "'bucket' of 'fold' must be year or month, not " + describe(peek()));
          take();
          break;
        case 1: f.value = fold_expression(true, "value"); break;
        case 2: f.cap = fold_expression(true, "cap"); break;
        case 3:   // select
          if (next_is_word("all")) {
            take();
            f.select = Select::all;
          } else if (next_is_word("top") || next_is_word("last")) {
            const Token how = take();
            f.select = text(how) == "top" ? Select::top : Select::last;
            f.count = fold_expression(false, text(how));
            if (const Amount* n = literal(f.count); n && (!n->is_integer() || n->is_negative()))
              fail(node(f.count).begin, "'" + std::string(text(how)) + "' needs a whole number of buckets, not " + n->str());
          } else {
            fail(peek().begin, "'select' of 'fold' must be top N, last N or all, not " + describe(peek()));
          }
          break;
        case 4:   // drop
          if (!next_is_word("lowest"))
            fail(peek().begin, "'drop' of 'fold' must be lowest P%, not " + describe(peek()));
          take();
          f.drop = fold_expression(false, "drop");
          if (!next_is(Tok::percent))
            fail(peek().begin, "expected '%' after the percentage to drop, found " + describe(peek()));
          take();
          if (const Amount* pct = literal(f.drop); pct && (pct->is_negative() || *pct > Amount{100}))
            fail(node(f.drop).begin, "the percentage to drop must be between 0 and 100, not " + pct->str());
          break;
        default:   // combine
          if (next_is_word("sum")) f.combine = Combine::sum;
          else if (next_is_word("avg")) f.combine = Combine::avg;
          else fail(peek().begin, "'combine' of 'fold' must be sum or avg, not " + describe(peek()));
          take();
          break;
      }
      if (next_is(Tok::comma)) { take(); continue; }
      if (next_is(Tok::right_paren)) break;
      fail(peek().begin, "expected ',' or ')' in call to 'fold', found " + describe(peek()));
    }
    const Token close = take();
    leave();
    for (const std::size_t required : {std::size_t{0}, std::size_t{1}, std::size_t{5}})
      if (!given[required])
        fail(callee.begin, "'fold' needs a '" + std::string(fold_arguments[required]) + "' argument");
    p_.folds.push_back(f);
    return add(Op::fold, ValueType::number, callee.begin, close.end, {},
               static_cast<std::uint32_t>(p_.folds.size() - 1));
  }
};

/// Compiles `text` into `Program`, or throws ExpressionError.
[[nodiscard]] inline Program parse(std::string_view text, const Symbols& symbols, ExpressionOrigin origin,
                                   std::optional<ValueType> expected) {
  Program program;
  program.source = std::string(text);
  program.path = std::move(origin.path);
  program.start = origin.start ? origin.start : SourcePosition{1, 1};
  program.rule = std::move(origin.rule);
  program.cite = std::move(origin.cite);
  Parser(symbols, program).run(expected);
  return program;
}

}  // namespace detail
}  // namespace totalis::rules
