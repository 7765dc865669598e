#pragma once
// An exact amount in one currency; mixing currencies is an error, never a silent sum.
//
//   Money{Currency{"EUR"}, Amount::parse("1234.56")}.pro_rata(Amount{137} / Amount{480})

#include "totalis/core/amount.hpp"
#include "totalis/core/currency.hpp"

#include <stdexcept>
#include <string>

namespace totalis {

class Money {
 public:
  Money(Currency currency, Amount amount) : currency_(currency), amount_(std::move(amount)) {}
  Money(Currency, double) = delete;   // binary fractions never enter the ledger

  [[nodiscard]] Currency currency() const noexcept { return currency_; }
  [[nodiscard]] const Amount& amount() const noexcept { return amount_; }

  /// This amount × an exact share, unrounded.
  [[nodiscard]] Money pro_rata(const Amount& share) const { return {currency_, amount_ * share}; }
  /// The only place a Money is rounded: to the step and mode the rule names.
  [[nodiscard]] Money rounded(const Amount& step, Rounding mode) const {
    return {currency_, amount_.rounded(step, mode)};
  }

  friend Money operator+(const Money& a, const Money& b) {
    same_currency(a, b, "add");
    return {a.currency_, a.amount_ + b.amount_};
  }
  friend Money operator-(const Money& a, const Money& b) {
    same_currency(a, b, "subtract");
    return {a.currency_, a.amount_ - b.amount_};
  }
  friend bool operator==(const Money& a, const Money& b) {
    same_currency(a, b, "compare");
    return a.amount_ == b.amount_;
  }
  friend std::strong_ordering operator<=>(const Money& a, const Money& b) {
    same_currency(a, b, "compare");
    return a.amount_ <=> b.amount_;
  }

 private:
  static void same_currency(const Money& a, const Money& b, const char* verb) {
    if (a.currency_ != b.currency_)
      throw std::domain_error(std::string("cannot ") + verb + " " + std::string(b.currency_.code()) +
                              (std::string_view(verb) == "add" ? " to " : " and ") +
                              std::string(a.currency_.code()) + " without an exchange rate");
  }

  Currency currency_;
  Amount amount_;
};

}  // namespace totalis
