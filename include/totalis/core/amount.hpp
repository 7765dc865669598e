#pragma once
// Exact amounts: money, ratios and fractional period counts. Nothing here is a double.
//
//   Amount::parse("1234.56").rounded(Amount::parse("0.10"), Rounding::down).str()  // "1234.5"
//   (Amount{1} / Amount{3} * Amount{3} == Amount{1})                              // true, exactly

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>
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
///
/// Representation (DESIGN §3): almost every amount is a reduced fraction of two 64-bit integers
/// (cents, ratios of small counts), computed through 128-bit intermediates with no allocation;
/// a result that does not fit is kept as an arbitrary-precision rational instead, so no value is
/// ever rounded or wrapped. The two forms are canonical: a value that fits is always small.
class Amount {
 public:
  /// Longest accepted integer and fraction parts of a decimal string (DESIGN §7, limits).
  static constexpr std::size_t max_integer_digits = 24;
  static constexpr std::size_t max_fraction_digits = 18;

  Amount() = default;
  explicit Amount(const Exact& value) { assign(value); }
  template <std::integral I>
  explicit Amount(I whole) {
    if constexpr (std::is_signed_v<I>) {
      if (static_cast<std::int64_t>(whole) > std::numeric_limits<std::int64_t>::min() || sizeof(I) < 8) {
        num_ = static_cast<std::int64_t>(whole);
        return;
      }
    } else if (static_cast<std::uint64_t>(whole) <= static_cast<std::uint64_t>(limit)) {
      num_ = static_cast<std::int64_t>(whole);
      return;
    }
    assign(Exact(whole));
  }
  Amount(double) = delete;   // binary fractions never enter the ledger
  Amount(float) = delete;

  /// Parses `-?digits(.digits)?`: no sign '+', no exponent, no spaces, no empty parts.
  /// Throws AmountError naming the text and what is wrong with it.
  [[nodiscard]] static Amount parse(std::string_view text);
  /// The reason `text` is not an amount, or an empty string when it is one.
  [[nodiscard]] static std::string why_not(std::string_view text);

  /// The value as an arbitrary-precision rational.
  [[nodiscard]] Exact exact() const { return big_ ? *big_ : Exact(num_, den_); }
  [[nodiscard]] bool is_zero() const { return !big_ && num_ == 0; }
  [[nodiscard]] bool is_negative() const { return big_ ? *big_ < 0 : num_ < 0; }
  [[nodiscard]] bool is_integer() const;
  /// True when the value has a finite decimal expansion (denominator of 2s and 5s only).
  [[nodiscard]] bool is_terminating() const;

  /// The nearest multiple of `step` (> 0) in the direction `mode` says.
  [[nodiscard]] Amount rounded(const Amount& step, Rounding mode) const;
  /// Largest integer ≤ value, smallest integer ≥ value.
  [[nodiscard]] Amount floor() const { return integer_part(Rounding::down); }
  [[nodiscard]] Amount ceil() const { return integer_part(Rounding::up); }
  [[nodiscard]] Amount abs() const { return is_negative() ? -*this : *this; }

  /// The exact decimal when it terminates ("0.5", "-12", "286.4"); otherwise rounded
  /// half-even to `max_fraction_digits` places. Never exponent form.
  [[nodiscard]] std::string str() const;
  /// Exactly `places` decimals, rounding half-even only if the value has more ("286.40").
  [[nodiscard]] std::string fixed(unsigned places, Rounding mode = Rounding::half_even) const;

  friend Amount operator+(const Amount& a, const Amount& b);
  friend Amount operator-(const Amount& a, const Amount& b) { return a + (-b); }
  friend Amount operator*(const Amount& a, const Amount& b);
  /// Throws std::domain_error on division by zero.
  friend Amount operator/(const Amount& a, const Amount& b);
  Amount operator-() const;
  Amount& operator+=(const Amount& b) { return *this = *this + b; }
  Amount& operator-=(const Amount& b) { return *this = *this - b; }
  Amount& operator*=(const Amount& b) { return *this = *this * b; }

  friend bool operator==(const Amount& a, const Amount& b) {
    if (!a.big_ && !b.big_) return a.num_ == b.num_ && a.den_ == b.den_;
    return a.big_ && b.big_ && *a.big_ == *b.big_;   // canonical forms: small never equals big
  }
  friend std::strong_ordering operator<=>(const Amount& a, const Amount& b);

 private:
  __extension__ typedef __int128 Wide;   // GCC and Clang's 128-bit integer
  /// Largest magnitude of a small numerator or denominator (the int64 minimum is left out, so
  /// every small value can be negated).
  static constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max();

  /// n / d reduced, small when it fits, else big. d ≠ 0.
  [[nodiscard]] static Amount fraction(Wide n, Wide d);
  void assign(const Exact& value);
  [[nodiscard]] Amount integer_part(Rounding mode) const;

  std::int64_t num_ = 0;
  std::int64_t den_ = 1;                 // > 0
  std::shared_ptr<const Exact> big_;     // set only when the value does not fit num_/den_
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

namespace detail {

__extension__ typedef __int128 Wide;
__extension__ typedef unsigned __int128 UWide;

inline UWide magnitude(Wide v) { return v < 0 ? UWide(0) - UWide(v) : UWide(v); }

/// Trailing zero bits of a non-zero magnitude.
inline int trailing_zeros(std::uint64_t v) { return __builtin_ctzll(v); }
inline int trailing_zeros(UWide v) {
  const auto low = static_cast<std::uint64_t>(v);
  return low ? __builtin_ctzll(low) : 64 + __builtin_ctzll(static_cast<std::uint64_t>(v >> 64));
}

/// Binary gcd (no division instructions), in 64 bits for the common case (two cents amounts, a
/// count and a divisor) or in 128.
template <class U>
U gcd(U a, U b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = trailing_zeros(a | b);
  a >>= trailing_zeros(a);
  do {
    b >>= trailing_zeros(b);
    if (a > b) std::swap(a, b);
    b -= a;
  } while (b != 0);
  return a << shift;
}

inline Integer to_integer(Wide v) {
  const UWide m = magnitude(v);
  Integer out = Integer(static_cast<std::uint64_t>(m >> 64));
  out <<= 64;
  out += static_cast<std::uint64_t>(m);
  return v < 0 ? Integer(-out) : out;
}

/// Floor, ceiling or nearest of n / d (d > 0) by `mode`, in 128 bits.
inline Wide rounded_quotient(Wide n, Wide d, Rounding mode) {
  Wide low = n / d;
  Wide rest = n % d;
  if (rest < 0) --low, rest += d;                            // towards −∞, 0 ≤ rest < d
  if (rest == 0) return low;
  switch (mode) {
    case Rounding::down: return low;
    case Rounding::up: return low + 1;
    case Rounding::half_up:
      if (2 * rest != d) return 2 * rest > d ? low + 1 : low;
      return n < 0 ? low : low + 1;                          // tie: away from zero
    case Rounding::half_even:
      if (2 * rest != d) return 2 * rest > d ? low + 1 : low;
      return low % 2 == 0 ? low : low + 1;                   // tie: to even
  }
  return low;
}

inline std::string digits_of(UWide v) {
  if (v == 0) return "0";
  std::string out;
  while (v != 0) out.push_back(static_cast<char>('0' + static_cast<int>(v % 10))), v /= 10;
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace detail

inline Amount Amount::fraction(Wide n, Wide d) {
  if (d < 0) n = -n, d = -d;
  if (d != 1) {   // whole numbers (counts, years, cents × integers) need no reduction
    const detail::UWide a = detail::magnitude(n), b = detail::magnitude(d);
    if ((a >> 64) == 0 && (b >> 64) == 0) {   // 64-bit gcd and divisions: the common case
      const auto a64 = static_cast<std::uint64_t>(a), b64 = static_cast<std::uint64_t>(b);
      const std::uint64_t g = detail::gcd(a64, b64);
      n = n < 0 ? -Wide(a64 / g) : Wide(a64 / g);
      d = Wide(b64 / g);
    } else if (const detail::UWide g = detail::gcd(a, b); g > 1) {
      n /= static_cast<Wide>(g);
      d /= static_cast<Wide>(g);
    }
  }
  Amount out;
  if (n >= -limit && n <= limit && d <= limit) {
    out.num_ = static_cast<std::int64_t>(n);
    out.den_ = static_cast<std::int64_t>(d);
  } else {
    out.big_ = std::make_shared<const Exact>(detail::to_integer(n), detail::to_integer(d));
  }
  return out;
}

inline void Amount::assign(const Exact& value) {
  const Integer& n = boost::multiprecision::numerator(value);
  const Integer& d = boost::multiprecision::denominator(value);
  if (n >= -limit && n <= limit && d <= limit) {
    num_ = n.convert_to<std::int64_t>();
    den_ = d.convert_to<std::int64_t>();
    big_.reset();
  } else {
    num_ = 0, den_ = 1;
    big_ = std::make_shared<const Exact>(value);
  }
}

inline Amount operator+(const Amount& a, const Amount& b) {
  using Wide = Amount::Wide;
  if (!a.big_ && !b.big_) {
    if (a.den_ == b.den_) return Amount::fraction(Wide(a.num_) + b.num_, a.den_);
    return Amount::fraction(Wide(a.num_) * b.den_ + Wide(b.num_) * a.den_, Wide(a.den_) * b.den_);
  }
  return Amount{a.exact() + b.exact()};
}

inline Amount operator*(const Amount& a, const Amount& b) {
  using Wide = Amount::Wide;
  if (!a.big_ && !b.big_) return Amount::fraction(Wide(a.num_) * b.num_, Wide(a.den_) * b.den_);
  return Amount{a.exact() * b.exact()};
}

inline Amount operator/(const Amount& a, const Amount& b) {
  using Wide = Amount::Wide;
  if (b.is_zero()) throw std::domain_error("division by zero");
  if (!a.big_ && !b.big_) return Amount::fraction(Wide(a.num_) * b.den_, Wide(a.den_) * b.num_);
  return Amount{a.exact() / b.exact()};
}

inline Amount Amount::operator-() const {
  Amount out = *this;
  if (big_) out.big_ = std::make_shared<const Exact>(-*big_);
  else out.num_ = -num_;
  return out;
}

inline std::strong_ordering operator<=>(const Amount& a, const Amount& b) {
  using Wide = Amount::Wide;
  if (!a.big_ && !b.big_) return Wide(a.num_) * b.den_ <=> Wide(b.num_) * a.den_;
  const Exact x = a.exact(), y = b.exact();
  if (x < y) return std::strong_ordering::less;
  if (y < x) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

inline Amount Amount::parse(std::string_view text) {
  if (std::string why = why_not(text); !why.empty()) throw AmountError(why);
  const bool negative = text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.size() - (text.find('.') == std::string_view::npos ? 0 : 1) <= 18) {   // 18 digits fit 64 bits
    std::int64_t digits = 0, scale = 1;
    bool point = false;
    for (char c : text) {
      if (c == '.') { point = true; continue; }
      digits = digits * 10 + (c - '0');
      if (point) scale *= 10;
    }
    return fraction(negative ? -digits : digits, scale);
  }
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
  return Amount{value};
}

inline bool Amount::is_integer() const {
  return big_ ? boost::multiprecision::denominator(*big_) == 1 : den_ == 1;
}

inline bool Amount::is_terminating() const {
  if (!big_) {
    std::int64_t d = den_;
    while (d % 2 == 0) d /= 2;
    while (d % 5 == 0) d /= 5;
    return d == 1;
  }
  Integer d = boost::multiprecision::denominator(*big_);
  while (d % 2 == 0) d /= 2;
  while (d % 5 == 0) d /= 5;
  return d == 1;
}

inline Amount Amount::integer_part(Rounding mode) const {
  if (!big_) return fraction(detail::rounded_quotient(num_, den_, mode), 1);
  return Amount{Exact(detail::rounded_quotient(*big_, mode))};
}

inline Amount Amount::rounded(const Amount& step, Rounding mode) const {
  if (step <= Amount{}) throw std::domain_error("rounding step must be positive, not " + step.str());
  return (*this / step).integer_part(mode) * step;
}

inline std::string Amount::fixed(unsigned places, Rounding mode) const {
  std::string digits;
  bool negative = false;
  if (!big_ && places <= 18) {
    Wide scale = 1;
    for (unsigned k = 0; k < places; ++k) scale *= 10;
    const Wide units = detail::rounded_quotient(Wide(num_) * scale, den_, mode);   // |num·10^18| < 2^123
    negative = units < 0;
    digits = detail::digits_of(detail::magnitude(units));
  } else {
    Integer scale = 1;
    for (unsigned k = 0; k < places; ++k) scale *= 10;
    const Integer units = detail::rounded_quotient(exact() * Exact(scale), mode);
    negative = units < 0;
    digits = (negative ? Integer(-units) : units).str();
  }
  if (places > 0) {
    if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');
    digits.insert(digits.size() - places, ".");
  }
  return negative ? "-" + digits : digits;
}

inline std::string Amount::str() const {
  if (!big_ && den_ == 1) return std::to_string(num_);
  if (big_ && is_integer()) return boost::multiprecision::numerator(*big_).str();
  const bool terminating = is_terminating();
  unsigned places = 0;
  if (terminating) {
    const Integer d = big_ ? Integer(boost::multiprecision::denominator(*big_)) : Integer(den_);
    Integer scale = 1;
    while (scale % d != 0) { scale *= 10; ++places; }
  } else {
    places = static_cast<unsigned>(max_fraction_digits);
  }
  std::string text = fixed(places);
  if (!terminating) {                 // drop trailing zeros of the rounded form
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
  }
  return text;
}

}  // namespace totalis
