#include "totalis/core/amount.hpp"
#include "totalis/core/money.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <type_traits>

using namespace totalis;
using namespace totalis::literals;

static_assert(!std::is_constructible_v<Amount, double>, "no binary fractions in amounts");
static_assert(!std::is_constructible_v<Money, Currency, double>);
static_assert(!std::is_convertible_v<int, Amount>, "integers become amounts only explicitly");

TEST_SUITE("amount") {

TEST_CASE("decimal strings parse exactly and print back unchanged") {
  CHECK(Amount::parse("1234.56").str() == "1234.56");
  CHECK(Amount::parse("-0.5").str() == "-0.5");
  CHECK(Amount::parse("007").str() == "7");
  CHECK(Amount::parse("2.50").str() == "2.5");
  CHECK(Amount::parse("0.1") + Amount::parse("0.2") == Amount::parse("0.3"));  // not 0.30000000000000004
  CHECK(Amount::parse("123456789012345678901234.123456789012345678").str() ==
        "123456789012345678901234.123456789012345678");
}

TEST_CASE("malformed decimal strings are rejected with the reason") {
  CHECK_THROWS_WITH_AS(Amount::parse(""), "empty amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("1e5"), "'1e5' is not a decimal amount: exponent form is not accepted", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("12,50"), "'12,50' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("+3"), "'+3' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse(".5"), "'.5' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("5."), "'5.' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("1.2.3"), "'1.2.3' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse(" 1"), "' 1' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("-"), "'-' is not a decimal amount", AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse(std::string(25, '9')),
                       "amount with 25+0 digits is too long: at most 24 before and 18 after the decimal point",
                       AmountError);
  CHECK_THROWS_WITH_AS(Amount::parse("0." + std::string(19, '1')),
                       "amount with 1+19 digits is too long: at most 24 before and 18 after the decimal point",
                       AmountError);
}

TEST_CASE("one third times three is one, exactly") {
  const Amount third = Amount{1} / Amount{3};
  CHECK(third * Amount{3} == Amount{1});
  CHECK_FALSE(third.is_terminating());
  CHECK(third.str() == "0.333333333333333333");          // printed to 18 places, never exponent form
  CHECK((Amount{2} / Amount{3}).str() == "0.666666666666666667");
  CHECK_THROWS_WITH_AS(Amount{1} / Amount{0}, "division by zero", std::domain_error);
}

TEST_CASE("rounding to a step in each mode") {
  // SSA: PIA rounded to the next lower multiple of $0.10 (20 CFR 404.1918(e)(2)); 453 × 26/104 = 113.25
  CHECK((Amount{453} * Amount{26} / Amount{104}).rounded("0.10"_amt, Rounding::down) == "113.20"_amt);
  // 1671.00 × 24/140 = 286.457… → 286.40
  CHECK(("1671.00"_amt * Amount{24} / Amount{140}).rounded("0.10"_amt, Rounding::down) == "286.4"_amt);
  CHECK("2.5"_amt.rounded("1"_amt, Rounding::half_up) == "3"_amt);
  CHECK("2.5"_amt.rounded("1"_amt, Rounding::half_even) == "2"_amt);
  CHECK("3.5"_amt.rounded("1"_amt, Rounding::half_even) == "4"_amt);
  CHECK("2.4"_amt.rounded("1"_amt, Rounding::up) == "3"_amt);
  CHECK("0.125"_amt.rounded("0.01"_amt, Rounding::half_up) == "0.13"_amt);
  CHECK("0.125"_amt.rounded("0.01"_amt, Rounding::half_even) == "0.12"_amt);

  SUBCASE("negatives: down goes towards minus infinity, half-up ties away from zero") {
    CHECK("-2.5"_amt.rounded("1"_amt, Rounding::half_up) == "-3"_amt);
    CHECK("-2.5"_amt.rounded("1"_amt, Rounding::half_even) == "-2"_amt);
    CHECK("-2.1"_amt.rounded("1"_amt, Rounding::down) == "-3"_amt);
    CHECK("-2.9"_amt.rounded("1"_amt, Rounding::up) == "-2"_amt);
    CHECK("-0.05"_amt.rounded("0.10"_amt, Rounding::half_up) == "-0.1"_amt);
  }
  SUBCASE("exact multiples are left alone in every mode") {
    for (Rounding mode : {Rounding::down, Rounding::up, Rounding::half_up, Rounding::half_even})
      CHECK("4020.90"_amt.rounded("0.10"_amt, mode) == "4020.9"_amt);
  }
  SUBCASE("a step must be positive") {
    CHECK_THROWS_WITH_AS("1"_amt.rounded("0"_amt, Rounding::down), "rounding step must be positive, not 0",
                         std::domain_error);
  }
}

TEST_CASE("huge and tiny values stay exact") {
  const Amount huge = Amount::parse("999999999999999999999999");
  CHECK((huge * huge / huge) == huge);
  const Amount tiny = Amount::parse("0.000000000000000001");
  CHECK((tiny * Amount{1000000}).str() == "0.000000000001");  // 10^-18 × 10^6
  CHECK((huge + tiny).str() == "999999999999999999999999.000000000000000001");
}

TEST_CASE("values past 64 bits move to the exact big form and back without loss") {
  // Small values are reduced fractions of 64-bit integers; anything larger is kept exactly in the
  // arbitrary-precision form, and a result that fits again is small again (equality is by value).
  const Amount largest = Amount::parse("9223372036854775807");   // 2^63 - 1
  const Amount past = largest + Amount{1};                        // 2^63
  CHECK(past.str() == "9223372036854775808");
  CHECK(past > largest);
  CHECK(-past < -largest);
  CHECK((past - Amount{1}) == largest);

  const Amount two_32 = Amount::parse("4294967296");
  CHECK((two_32 * two_32).str() == "18446744073709551616");      // 2^64
  CHECK((two_32 * two_32 / two_32) == two_32);

  // A denominator past 64 bits: 1 / (2 × (2^63 - 1)), then × 2 is 1 / (2^63 - 1) again.
  const Amount tiny = Amount{1} / largest;
  CHECK(((tiny / Amount{2}) * Amount{2}) == tiny);
  CHECK(tiny / Amount{2} < tiny);

  // 1/1 + 1/2 + … + 1/60 has a denominator near 10^25; taking the same terms away leaves zero.
  Amount sum;
  for (int k = 1; k <= 60; ++k) sum += Amount{1} / Amount{k};
  CHECK(sum > Amount{4});                                         // H(60) ≈ 4.68
  CHECK(sum < Amount{5});
  for (int k = 60; k >= 1; --k) sum -= Amount{1} / Amount{k};
  CHECK(sum.is_zero());
  CHECK(sum == Amount{});

  // Rounding a big value: 2^64 + 1/2 is a tie.
  const Amount tie = Amount::parse("18446744073709551616.5");
  CHECK(tie.rounded(Amount{1}, Rounding::half_even).str() == "18446744073709551616");
  CHECK(tie.rounded(Amount{1}, Rounding::half_up).str() == "18446744073709551617");
  CHECK(tie.floor().str() == "18446744073709551616");
  CHECK((-tie).ceil().str() == "-18446744073709551616");

  // The smallest int64 has no 64-bit negation: it is kept in the big form.
  const Amount lowest{std::numeric_limits<std::int64_t>::min()};
  CHECK(lowest.str() == "-9223372036854775808");
  CHECK((-lowest).str() == "9223372036854775808");
  CHECK(Amount{std::numeric_limits<std::uint64_t>::max()}.str() == "18446744073709551615");
}

TEST_CASE("negative ties round as the mode says") {
  CHECK("-0.125"_amt.fixed(2, Rounding::half_up) == "-0.13");    // away from zero
  CHECK("-0.125"_amt.fixed(2, Rounding::half_even) == "-0.12");  // to the even hundredth
  CHECK("-0.125"_amt.fixed(2, Rounding::down) == "-0.13");       // towards −∞
  CHECK("-0.125"_amt.fixed(2, Rounding::up) == "-0.12");
  CHECK("-2.5"_amt.rounded(Amount{1}, Rounding::half_even) == "-2"_amt);
  CHECK("-2.5"_amt.rounded(Amount{1}, Rounding::half_up) == "-3"_amt);
}

TEST_CASE("fixed places print money as the law writes it") {
  CHECK("286.4"_amt.fixed(2) == "286.40");
  CHECK("-0.004"_amt.fixed(2) == "0.00");      // no negative zero
  CHECK("0.005"_amt.fixed(2) == "0.00");       // half-even
  CHECK("0.005"_amt.fixed(2, Rounding::half_up) == "0.01");
  CHECK("12"_amt.fixed(0) == "12");
  CHECK((Amount{1} / Amount{3}).fixed(4) == "0.3333");
}

TEST_CASE("floor, ceil and comparison") {
  CHECK("7.9"_amt.floor() == "7"_amt);
  CHECK("-7.1"_amt.floor() == "-8"_amt);
  CHECK("7.1"_amt.ceil() == "8"_amt);
  CHECK("1.10"_amt == "1.1"_amt);
  CHECK("1.09"_amt < "1.1"_amt);
  CHECK(max("3"_amt, "4"_amt) == "4"_amt);
}

}  // TEST_SUITE("amount")

TEST_SUITE("money") {

TEST_CASE("a pro-rata share is rounded only when asked") {
  const Currency eur{"EUR"};
  const Money share = Money{eur, "1234.56"_amt}.pro_rata(Amount{137} / Amount{480});
  CHECK(share.amount() == "1234.56"_amt * Amount{137} / Amount{480});
  CHECK(share.rounded("0.01"_amt, Rounding::half_up) == Money{eur, "352.36"_amt});
}

TEST_CASE("adding different currencies names both") {
  const Money eur{Currency{"EUR"}, "1"_amt};
  const Money usd{Currency{"USD"}, "1"_amt};
  CHECK_THROWS_WITH_AS(eur + usd, "cannot add USD to EUR without an exchange rate", std::domain_error);
  CHECK_THROWS_WITH_AS(eur - usd, "cannot subtract USD and EUR without an exchange rate", std::domain_error);
  CHECK_THROWS_WITH_AS(Currency{"eur"}, "'eur' is not a currency code (three capital letters, e.g. EUR)",
                       std::invalid_argument);
}

}  // TEST_SUITE("money")
