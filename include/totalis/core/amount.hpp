#pragma once
// Exact amounts: money, ratios and fractional period counts. Nothing here is a double.
//
//   Amount::parse("1234.56").rounded(Amount::parse("0.10"), Rounding::down).str()  // "1234.5"
//   (Amount{1} / Amount{3} * Amount{3} == Amount{1})                              // true, exactly

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <concepts>
#include <stdexcept>
#include <string>
#include <string_view>

namespace totalis {

/// An exact rational number; expression templates off so `auto` always holds a value.
using Exact = boost::multiprecision::number<boost::multiprecision::cpp_rational_backend,
                                            boost::multiprecision::et_off>;
/// An exact integer of any size.
using Integer = boost::multiprecision::number<boost::multiprecision::cpp_int_backend<>,
                                              boost::multiprecision::et_off>;

/// How a value is brought to a multiple of a step (DESIGN §4: round_down, round_up,
/// round_half_up, round_half_even). `down` is the next lower multiple (towards −∞), as SSA's
/// "next lower multiple of $0.10"; `half_up` sends ties away from zero (commercial rounding,
/// §121(2) SGB VI); `half_even` sends ties to the even multiple.
enum class Rounding { down, up, half_up, half_even };

/// A malformed decimal string.
class AmountError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// An exact amount. Parsed from and printed as decimal strings; arithmetic is exact;
/// rounding happens only when asked, to a step and mode the law names.
class Amount {
 public:
  /// Longest accepted integer and fraction parts of a decimal string (DESIGN §7, limits).
  static constexpr std::size_t max_integer_digits = 24;
  static constexpr std::size_t max_fraction_digits = 18;

  Amount() = default;
  explicit Amount(Exact value) : value_(std::move(value)) {}
  template <std::integral I>
  explicit Amount(I whole) : value_(whole) {}
  Amount(double) = delete;   // binary fractions never enter the ledger
  Amount(float) = delete;

  /// Parses `-?digits(.digits)?`: no sign '+', no exponent, no spaces, no empty parts.
  /// Throws AmountError naming the text and what is wrong with it.
  [[nodiscard]] static Amount parse(std::string_view text);
  /// The reason `text` is not an amount, or an empty string when it is one.
  [[nodiscard]] static std::string why_not(std::string_view text);

  [[nodiscard]] const Exact& exact() const noexcept { return value_; }
  [[nodiscard]] bool is_zero() const { return value_.is_zero(); }
  [[nodiscard]] bool is_negative() const { return value_ < 0; }
  [[nodiscard]] bool is_integer() const;
  /// True when the value has a finite decimal expansion (denominator of 2s and 5s only).
  [[nodiscard]] bool is_terminating() const;

  /// The nearest multiple of `step` (> 0) in the direction `mode` says.
  [[nodiscard]] Amount rounded(const Amount& step, Rounding mode) const;
  /// Largest integer ≤ value, smallest integer ≥ value.
  [[nodiscard]] Amount floor() const;
  [[nodiscard]] Amount ceil() const;
  [[nodiscard]] Amount abs() const { return Amount{value_ < 0 ? Exact(-value_) : value_}; }

  /// The exact decimal when it terminates ("0.5", "-12", "286.4"); otherwise rounded
  /// half-even to `max_fraction_digits` places. Never exponent form.
  [[nodiscard]] std::string str() const;
  /// Exactly `places` decimals, rounding half-even only if the value has more ("286.40").
  [[nodiscard]] std::string fixed(unsigned places, Rounding mode = Rounding::half_even) const;

  friend Amount operator+(const Amount& a, const Amount& b) { return Amount{a.value_ + b.value_}; }
  friend Amount operator-(const Amount& a, const Amount& b) { return Amount{a.value_ - b.value_}; }
  friend Amount operator*(const Amount& a, const Amount& b) { return Amount{a.value_ * b.value_}; }
  /// Throws std::domain_error on division by zero.
  friend Amount operator/(const Amount& a, const Amount& b);
  Amount operator-() const { return Amount{-value_}; }
  Amount& operator+=(const Amount& b) { value_ += b.value_; return *this; }
  Amount& operator-=(const Amount& b) { value_ -= b.value_; return *this; }
  Amount& operator*=(const Amount& b) { value_ *= b.value_; return *this; }

  friend bool operator==(const Amount& a, const Amount& b) { return a.value_ == b.value_; }
  friend std::strong_ordering operator<=>(const Amount& a, const Amount& b) {
    if (a.value_ < b.value_) return std::strong_ordering::less;
    if (b.value_ < a.value_) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
  }

 private:
  Exact value_;
};

[[nodiscard]] inline Amount min(const Amount& a, const Amount& b) { return b < a ? b : a; }
[[nodiscard]] inline Amount max(const Amount& a, const Amount& b) { return a < b ? b : a; }

namespace literals {
/// 12.5_amt is not offered: a literal with a decimal point would be a double. Use "12.5"_amt.
inline Amount operator""_amt(const char* text, std::size_t size) {
  return Amount::parse(std::string_view(text, size));
}
}  // namespace literals

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

/// Integer quotient rounded towards −∞ (cpp_int division truncates towards zero).
inline Integer floor_div(const Integer& n, const Integer& d) {
  Integer q = n / d;
  if ((n % d != 0) && ((n < 0) != (d < 0))) --q;
  return q;
}

inline Integer rounded_quotient(const Exact& q, Rounding mode) {
  const Integer n = boost::multiprecision::numerator(q);
  const Integer d = boost::multiprecision::denominator(q);   // always > 0
  const Integer low = floor_div(n, d);
  const Integer rest = n - low * d;                          // 0 ≤ rest < d
  if (rest == 0) return low;
  switch (mode) {
    case Rounding::down: return low;
    case Rounding::up: return low + 1;
    case Rounding::half_up: {
      const Integer twice = 2 * rest;
      if (twice > d) return low + 1;
      if (twice < d) return low;
      return n < 0 ? low : low + 1;                          // tie: away from zero
    }
    case Rounding::half_even: {
      const Integer twice = 2 * rest;
      if (twice > d) return low + 1;
      if (twice < d) return low;
      return (low % 2 == 0) ? low : low + 1;                 // tie: to even
    }
  }
  return low;
}

}  // namespace detail

inline std::string Amount::why_not(std::string_view text) {
  if (text.empty()) return "empty amount";
  std::size_t i = 0;
  if (text[0] == '-') i = 1;
  std::size_t integer_digits = 0, fraction_digits = 0;
  bool point = false;
  for (std::size_t k = i; k < text.size(); ++k) {
    const char c = text[k];
    if (c >= '0' && c <= '9') {
      (point ? fraction_digits : integer_digits) += 1;
    } else if (c == '.' && !point) {
      point = true;
    } else if (c == 'e' || c == 'E') {
      return "'" + std::string(text) + "' is not a decimal amount: exponent form is not accepted";
    } else {
      std::string shown(text.substr(0, 40));
      if (text.size() > 40) shown += "...";
      return "'" + shown + "' is not a decimal amount";
    }
  }
  if (integer_digits == 0 || (point && fraction_digits == 0))
    return "'" + std::string(text) + "' is not a decimal amount";
  if (integer_digits > max_integer_digits || fraction_digits > max_fraction_digits)
    return "amount with " + std::to_string(integer_digits) + "+" + std::to_string(fraction_digits) +
           " digits is too long: at most " + std::to_string(max_integer_digits) +
           " before and " + std::to_string(max_fraction_digits) + " after the decimal point";
  return {};
}

inline Amount Amount::parse(std::string_view text) {
  if (std::string why = why_not(text); !why.empty()) throw AmountError(why);
  const bool negative = text[0] == '-';
  if (negative) text.remove_prefix(1);
  Integer digits = 0;
  Integer scale = 1;
  bool point = false;
  for (char c : text) {
    if (c == '.') { point = true; continue; }
    digits = digits * 10 + (c - '0');
    if (point) scale *= 10;
  }
  Exact value(digits, scale);
  if (negative) value = -value;
  return Amount{std::move(value)};
}

inline bool Amount::is_integer() const { return boost::multiprecision::denominator(value_) == 1; }

inline bool Amount::is_terminating() const {
  Integer d = boost::multiprecision::denominator(value_);
  while (d % 2 == 0) d /= 2;
  while (d % 5 == 0) d /= 5;
  return d == 1;
}

inline Amount Amount::rounded(const Amount& step, Rounding mode) const {
  if (step.value_ <= 0) throw std::domain_error("rounding step must be positive, not " + step.str());
  const Integer multiples = detail::rounded_quotient(value_ / step.value_, mode);
  return Amount{Exact(multiples) * step.value_};
}

inline Amount Amount::floor() const {
  return Amount{Exact(detail::rounded_quotient(value_, Rounding::down))};
}
inline Amount Amount::ceil() const {
  return Amount{Exact(detail::rounded_quotient(value_, Rounding::up))};
}

inline Amount operator/(const Amount& a, const Amount& b) {
  if (b.value_.is_zero()) throw std::domain_error("division by zero");
  return Amount{a.value_ / b.value_};
}

inline std::string Amount::fixed(unsigned places, Rounding mode) const {
  Integer scale = 1;
  for (unsigned k = 0; k < places; ++k) scale *= 10;
  const Integer units = detail::rounded_quotient(value_ * Exact(scale), mode);
  const bool negative = units < 0;
  std::string digits = (negative ? Integer(-units) : units).str();
  if (places > 0) {
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    digits.insert(digits.size() - places, ".");
  }
  return negative ? "-" + digits : digits;
}

inline std::string Amount::str() const {
  if (is_integer()) return boost::multiprecision::numerator(value_).str();
  unsigned places = 0;
  if (is_terminating()) {
    Integer d = boost::multiprecision::denominator(value_);
    Integer scale = 1;
    while (scale % d != 0) { scale *= 10; ++places; }
  } else {
    places = static_cast<unsigned>(max_fraction_digits);
  }
  std::string text = fixed(places);
  if (!is_terminating()) {            // drop trailing zeros of the rounded form
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  return text;
}

}  // namespace totalis
