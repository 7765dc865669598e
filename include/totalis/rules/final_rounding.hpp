#pragma once
// The rounding a benefit expression ends in (DESIGN §3: "every benefit expression ends in a
// cited rounding, and the loader rejects one that does not"). Read from the expression's text,
// so a pro-rata amount can be rounded the way the scheme rounds its own benefit where an
// agreement leaves rounding to each state (EU: each state applies its own).
//
//   final_rounding_of("round_half_up(ep * zf * rw, 0.01)")->step   // "0.01"
//   final_rounding_of("pia * 0.5")                                   // std::nullopt

#include "totalis/core/amount.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace totalis::rules {

/// `round_…(x, step)` as the outermost operation: the mode, and the step as written (a decimal
/// literal or a name).
struct FinalRounding {
  Rounding mode = Rounding::half_up;
  std::string step;
  friend bool operator==(const FinalRounding&, const FinalRounding&) = default;
};

inline constexpr std::array<std::pair<Rounding, std::string_view>, 4> rounding_function_names{{
    {Rounding::down, "round_down"},
    {Rounding::up, "round_up"},
    {Rounding::half_up, "round_half_up"},
    {Rounding::half_even, "round_half_even"},
}};

/// The final rounding of `expression`, or nothing when its outermost operation is not one of
/// round_down, round_up, round_half_up, round_half_even with two arguments. Whitespace and
/// surrounding parentheses are ignored; the text is assumed to compile.
[[nodiscard]] std::optional<FinalRounding> final_rounding_of(std::string_view expression);

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

inline std::string_view trimmed(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

/// The offset of the parenthesis closing the one at `open`, or npos. Quotes are skipped.
inline std::size_t closing_paren(std::string_view s, std::size_t open) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = open; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

}  // namespace detail

inline std::optional<FinalRounding> final_rounding_of(std::string_view expression) {
  std::string_view s = detail::trimmed(expression);
  // Strip parentheses that enclose the whole expression.
  while (!s.empty() && s.front() == '(' && detail::closing_paren(s, 0) == s.size() - 1)
    s = detail::trimmed(s.substr(1, s.size() - 2));
  for (const auto& [mode, name] : rounding_function_names) {
    if (s.substr(0, name.size()) != name) continue;
    const std::string_view rest = s.substr(name.size());
    const std::size_t open = rest.find_first_not_of(" \t\r\n");
    if (open == std::string_view::npos || rest[open] != '(') return std::nullopt;
    if (detail::closing_paren(rest, open) != rest.size() - 1) return std::nullopt;
    // The step is the text after the last top-level comma.
    const std::string_view args = rest.substr(open + 1, rest.size() - open - 2);
    int depth = 0;
    bool quoted = false;
    std::size_t last_comma = std::string_view::npos;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const char c = args[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == ',' && depth == 0) last_comma = i;
    }
    if (last_comma == std::string_view::npos) return std::nullopt;
    return FinalRounding{mode, std::string(detail::trimmed(args.substr(last_comma + 1)))};
  }
  return std::nullopt;
}

}  // namespace totalis::rules
