#pragma once
// An age in years and months, as pension ages are written: 67, "66y2m", "65y".
//
//   parse_age("66y2m")->total_months()   // 794
//   parse_age("66 years")                // std::nullopt

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace totalis::rules {

struct Age {
  int years = 0;
  int months = 0;   ///< 0–11

  [[nodiscard]] constexpr int total_months() const noexcept { return 12 * years + months; }
  /// "67", "66y2m"
  [[nodiscard]] std::string str() const {
    return months == 0 ? std::to_string(years) : std::to_string(years) + "y" + std::to_string(months) + "m";
  }
  friend constexpr auto operator<=>(const Age&, const Age&) = default;
};

/// `NNy`, `NNyMm` or `NNyMMm` with months 0–11 (an integer age is read by the loader directly).
[[nodiscard]] constexpr std::optional<Age> parse_age(std::string_view text) noexcept {
  Age age;
  std::size_t i = 0;
  const auto number = [&](int& out) {
    const std::size_t start = i;
    out = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 3) out = out * 10 + (text[i++] - '0');
    return i > start;
  };
  if (!number(age.years) || i >= text.size() || text[i++] != 'y') return std::nullopt;
  if (i == text.size()) return age;
  if (!number(age.months) || i + 1 != text.size() || text[i] != 'm' || age.months > 11) return std::nullopt;
  return age;
}

}  // namespace totalis::rules
