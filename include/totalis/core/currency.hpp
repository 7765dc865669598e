#pragma once
// A currency code (ISO 4217 alphabetic form: three capital letters).
//
//   Currency{"EUR"}.code()  // "EUR"

#include <array>
#include <compare>
#include <stdexcept>
#include <string>
#include <string_view>

namespace totalis {

class Currency {
 public:
  /// Throws std::invalid_argument unless `code` is three capital letters A–Z.
  explicit Currency(std::string_view code) {
    if (!is_code(code))
      throw std::invalid_argument("'" + std::string(code) + "' is not a currency code (three capital letters, e.g. EUR)");
    letters_ = {code[0], code[1], code[2]};
  }
  [[nodiscard]] static bool is_code(std::string_view code) noexcept {
    if (code.size() != 3) return false;
    for (char c : code)
      if (c < 'A' || c > 'Z') return false;
    return true;
  }
  [[nodiscard]] std::string_view code() const noexcept { return {letters_.data(), 3}; }
  friend auto operator<=>(const Currency&, const Currency&) = default;

 private:
  std::array<char, 3> letters_{};
};

}  // namespace totalis
