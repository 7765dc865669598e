#include "totalis/core/country.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>

using namespace totalis;
using namespace totalis::literals;

static_assert("DE"_cc < "US"_cc);
static_assert("DE"_cc == Country{"DE"});
static_assert("DE"_cc.name() == "Germany");
static_assert(!std::is_convertible_v<std::string_view, Country>, "a code becomes a Country only explicitly");
static_assert(std::is_constructible_v<Country, std::string_view>);
static_assert(Country{} == Country{} && Country{} < "AD"_cc && Country{}.alpha2().empty(), "no country yet");
static_assert(std::is_trivially_copyable_v<Country> && sizeof(Country) == 1);
static_assert(Country::all().size() == 249);

namespace {

/// A string usable as a template argument, so a code can be tried in a constant expression.
template <std::size_t N>
struct Text {
  char chars[N];
  constexpr Text(const char (&text)[N]) {
    for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
  }
  [[nodiscard]] constexpr std::string_view view() const { return {chars, N - 1}; }
};

/// True when Country{code} is a constant expression: exactly when `code`_cc compiles.
template <Text code>
concept compiles_as_literal = requires {
  typename std::integral_constant<std::size_t, Country{code.view()}.alpha2().size()>;
};

}  // namespace

static_assert(compiles_as_literal<"DE">);
static_assert(!compiles_as_literal<"XX">, "\"XX\"_cc does not compile");
static_assert(!compiles_as_literal<"de">, "\"de\"_cc does not compile");

TEST_SUITE("country") {

TEST_CASE("the list holds the 249 officially assigned codes, sorted") {
  CHECK(Country::all().size() == 249);
  CHECK(Country::all().front().alpha2() == "AD");
  CHECK(Country::all().back().alpha2() == "ZW");
  for (std::size_t i = 1; i < Country::all().size(); ++i) CHECK(Country::all()[i - 1] < Country::all()[i]);

  SUBCASE("and no other pair of capital letters is a code") {
    int codes = 0;
    for (char a = 'A'; a <= 'Z'; ++a)
      for (char b = 'A'; b <= 'Z'; ++b) codes += Country::is_code(std::string{a, b}) ? 1 : 0;
    CHECK(codes == 249);
  }
}

TEST_CASE("every code round-trips") {
  for (const Country country : Country::all()) {
    CAPTURE(country.alpha2());
    CHECK(country.alpha2().size() == 2);
    CHECK_FALSE(country.name().empty());
    CHECK(Country::is_code(country.alpha2()));
    CHECK(Country{country.alpha2()} == country);
    CHECK(Country::find(country.alpha2()) == country);
    CHECK(Country{std::string(country.alpha2())}.alpha2() == country.alpha2());
  }
}

TEST_CASE("names are the English short names of ISO 3166/MA") {
  CHECK("DE"_cc.name() == "Germany");
  CHECK("US"_cc.name() == "United States of America");
  CHECK("GB"_cc.name() == "United Kingdom of Great Britain and Northern Ireland");
  CHECK("KR"_cc.name() == "Korea, Republic of");
  CHECK("KP"_cc.name() == "Korea, Democratic People's Republic of");
  CHECK("NL"_cc.name() == "Netherlands, Kingdom of the");
  CHECK("TR"_cc.name() == "Türkiye");
  CHECK("AX"_cc.name() == "Åland Islands");
  CHECK("CI"_cc.name() == "Côte d'Ivoire");
  CHECK("CZ"_cc.name() == "Czechia");
  CHECK("MK"_cc.name() == "North Macedonia");
  CHECK("SZ"_cc.name() == "Eswatini");
  CHECK("VA"_cc.name() == "Holy See");
}

TEST_CASE("views outlive the Country they came from") {
  const std::string_view code = Country{"JP"}.alpha2();   // the temporary is gone here
  const std::string_view name = Country{"JP"}.name();
  CHECK(code == "JP");
  CHECK(name == "Japan");
}

TEST_CASE("anything but an assigned code is rejected, quoted as given") {
  CHECK_THROWS_WITH_AS(Country{"XX"}, "unknown country 'XX'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"de"}, "unknown country 'de'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"De"}, "unknown country 'De'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"D"}, "unknown country 'D'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"DEU"}, "unknown country 'DEU'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{""}, "unknown country ''", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{" DE"}, "unknown country ' DE'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"D1"}, "unknown country 'D1'", std::invalid_argument);
  CHECK_THROWS_WITH_AS(Country{"D\t"}, "unknown country 'D\t'", std::invalid_argument);

  SUBCASE("reserved codes are not assigned ones") {
    CHECK_THROWS_WITH_AS(Country{"UK"}, "unknown country 'UK'", std::invalid_argument);  // GB is the code
    CHECK_THROWS_WITH_AS(Country{"EU"}, "unknown country 'EU'", std::invalid_argument);
    CHECK_THROWS_WITH_AS(Country{"XK"}, "unknown country 'XK'", std::invalid_argument);  // user-assigned range
    CHECK_THROWS_WITH_AS(Country{"AN"}, "unknown country 'AN'", std::invalid_argument);  // withdrawn 2010
  }
  SUBCASE("long input is cut to 20 characters") {
    CHECK_THROWS_WITH_AS(Country{"DE,Germany,2001-01-01,2005-12-31"}, "unknown country 'DE,Germany,2001-01-0...'",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(Country{std::string(20, 'A')}, "unknown country 'AAAAAAAAAAAAAAAAAAAA'",
                         std::invalid_argument);
    // never inside a UTF-8 sequence: "ç" is bytes 19 and 20, so the cut falls before it
    CHECK_THROWS_WITH_AS(Country{"Côte d'Ivoire,Curaçao,Réunion"}, "unknown country 'Côte d'Ivoire,Cura...'",
                         std::invalid_argument);
  }
}

TEST_CASE("a default-constructed Country is no country, not one of the 249") {
  const Country none{};
  CHECK(none.alpha2() == "");
  CHECK(none.name() == "");
  CHECK_FALSE(Country::is_code(none.alpha2()));
  for (const Country country : Country::all()) CHECK(none < country);
  CHECK(std::hash<Country>{}(none) == 0);
  CHECK_THROWS_WITH_AS(Country{none.alpha2()}, "unknown country ''", std::invalid_argument);
}

TEST_CASE("is_code and find answer without throwing") {
  CHECK(Country::is_code("GB"));
  CHECK_FALSE(Country::is_code("gb"));
  CHECK_FALSE(Country::is_code("GBR"));
  CHECK_FALSE(Country::is_code(""));
  CHECK(Country::find("DE") == "DE"_cc);
  CHECK(Country::find("DE")->name() == "Germany");
  CHECK(Country::find("XX") == std::nullopt);
  CHECK(Country::find("de") == std::nullopt);
}

TEST_CASE("countries hash and compare by code") {
  std::unordered_set<Country> seen(Country::all().begin(), Country::all().end());
  CHECK(seen.size() == 249);
  std::unordered_set<std::size_t> hashes;
  for (const Country country : Country::all()) hashes.insert(std::hash<Country>{}(country));
  CHECK(hashes.size() == 249);
  CHECK(std::hash<Country>{}("DE"_cc) == std::hash<Country>{}(Country{"DE"}));
  CHECK("AD"_cc < "AE"_cc);
  CHECK("CA"_cc != "US"_cc);
  CHECK((Country{"ZW"} <=> Country{"ZA"}) > 0);
}

}  // TEST_SUITE("country")
