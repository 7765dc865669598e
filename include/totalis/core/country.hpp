#pragma once
// A country or territory by its ISO 3166-1 alpha-2 code: all 249 officially assigned codes.
//
//   Country{"DE"}.name()                 // "Germany"
//   Country::find("UK")                  // std::nullopt: UK is only reserved; the code is GB
//   Country{"de"}                        // throws std::invalid_argument("unknown country 'de'")
//   using namespace totalis::literals;
//   static_assert("DE"_cc < "US"_cc);    // "XX"_cc does not compile

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>   // std::hash
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>      // std::index_sequence

namespace totalis {

/// One country or territory of ISO 3166-1, by one of its assigned codes. The one exception is
/// Country{}: "no country yet", for records that are default-constructed and then filled in by a
/// reader. It is none of the 249: alpha2() and name() are empty and it sorts before "AD"_cc.
/// Say "maybe no country" with std::optional<Country>, as find() does.
class Country {
 public:
  /// How many alpha-2 codes ISO 3166-1 assigns.
  static constexpr std::size_t count = 249;

  /// No country yet: Country{} == Country{}, and differs from every assigned code.
  constexpr Country() noexcept = default;

  /// Exactly one of the assigned codes: two capital letters, no trimming, no case folding.
  /// Throws std::invalid_argument("unknown country 'XX'"), quoting the input as given.
  constexpr explicit Country(std::string_view alpha2);

  /// Country::is_code("GB")  // true; "UK", "gb", "GBR"  // false
  [[nodiscard]] static constexpr bool is_code(std::string_view alpha2) noexcept;
  /// Country::find("DE")->name()  // "Germany"; Country::find("XX")  // std::nullopt
  [[nodiscard]] static constexpr std::optional<Country> find(std::string_view alpha2) noexcept;
  /// All of them, sorted by code: for (Country c : Country::all()) c.name();
  [[nodiscard]] static constexpr std::span<const Country, count> all() noexcept;

  /// "DE"_cc.alpha2()  // "DE"; Country{}.alpha2()  // ""
  [[nodiscard]] constexpr std::string_view alpha2() const noexcept;
  /// "DE"_cc.name()  // "Germany"; the English short name, UTF-8 ("Åland Islands"); "" for Country{}
  [[nodiscard]] constexpr std::string_view name() const noexcept;

  /// By code, alphabetically, as ISO lists them.
  friend constexpr auto operator<=>(const Country&, const Country&) = default;

 private:
  struct Unchecked {};
  constexpr Country(Unchecked, std::uint8_t row) noexcept : row_(row) {}

  // 1 + the row in the sorted code table (0: Country{}), not the letters: one byte, the same
  // order as the codes, and alpha2()/name() view static strings that outlive the Country.
  std::uint8_t row_ = 0;
};

namespace literals {
/// "DE"_cc is checked at compile time: "XX"_cc and "de"_cc do not compile.
consteval Country operator""_cc(const char* text, std::size_t size) {
  return Country{std::string_view(text, size)};
}
}  // namespace literals

// ------------------------------------------------------------------------------------------------
// Implementation

namespace detail {

struct CountryRow {
  std::string_view alpha2;
  std::string_view name;
};

/// The ISO 3166-1 officially assigned alpha-2 codes with their English short names as the
/// ISO 3166 Maintenance Agency (ISO 3166/MA) publishes them, written in title case: "Korea,
/// Republic of" (the Online Browsing Platform's lower-case form adds articles: "Korea (the
/// Republic of)"). The list as of 2024, e.g. NL "Netherlands, Kingdom of the", TR "Türkiye";
/// the 249 codes agree with Debian's iso-codes 4.15. Sorted by code: the static_assert below
/// checks that, and the array size pins the count.
inline constexpr std::array<CountryRow, Country::count> iso3166_rows{{
    {"AD", "Andorra"},
    {"AE", "United Arab Emirates"},
    {"AF", "Afghanistan"},
    {"AG", "Antigua and Barbuda"},
    {"AI", "Anguilla"},
    {"AL", "Albania"},
    {"AM", "Armenia"},
    {"AO", "Angola"},
    {"AQ", "Antarctica"},
    {"AR", "Argentina"},
    {"AS", "American Samoa"},
    {"AT", "Austria"},
    {"AU", "Australia"},
    {"AW", "Aruba"},
    {"AX", "Åland Islands"},
    {"AZ", "Azerbaijan"},
    {"BA", "Bosnia and Herzegovina"},
    {"BB", "Barbados"},
    {"BD", "Bangladesh"},
    {"BE", "Belgium"},
    {"BF", "Burkina Faso"},
    {"BG", "Bulgaria"},
    {"BH", "Bahrain"},
    {"BI", "Burundi"},
    {"BJ", "Benin"},
    {"BL", "Saint Barthélemy"},
    {"BM", "Bermuda"},
    {"BN", "Brunei Darussalam"},
    {"BO", "Bolivia, Plurinational State of"},
    {"BQ", "Bonaire, Sint Eustatius and Saba"},
    {"BR", "Brazil"},
    {"BS", "Bahamas"},
    {"BT", "Bhutan"},
    {"BV", "Bouvet Island"},
    {"BW", "Botswana"},
    {"BY", "Belarus"},
    {"BZ", "Belize"},
    {"CA", "Canada"},
    {"CC", "Cocos (Keeling) Islands"},
    {"CD", "Congo, Democratic Republic of the"},
    {"CF", "Central African Republic"},
    {"CG", "Congo"},
    {"CH", "Switzerland"},
    {"CI", "Côte d'Ivoire"},
    {"CK", "Cook Islands"},
    {"CL", "Chile"},
    {"CM", "Cameroon"},
    {"CN", "China"},
    {"CO", "Colombia"},
    {"CR", "Costa Rica"},
    {"CU", "Cuba"},
    {"CV", "Cabo Verde"},
    {"CW", "Curaçao"},
    {"CX", "Christmas Island"},
    {"CY", "Cyprus"},
    {"CZ", "Czechia"},
    {"DE", "Germany"},
    {"DJ", "Djibouti"},
    {"DK", "Denmark"},
    {"DM", "Dominica"},
    {"DO", "Dominican Republic"},
    {"DZ", "Algeria"},
    {"EC", "Ecuador"},
    {"EE", "Estonia"},
    {"EG", "Egypt"},
    {"EH", "Western Sahara"},
    {"ER", "Eritrea"},
    {"ES", "Spain"},
    {"ET", "Ethiopia"},
    {"FI", "Finland"},
    {"FJ", "Fiji"},
    {"FK", "Falkland Islands (Malvinas)"},
    {"FM", "Micronesia, Federated States of"},
    {"FO", "Faroe Islands"},
    {"FR", "France"},
    {"GA", "Gabon"},
    {"GB", "United Kingdom of Great Britain and Northern Ireland"},
    {"GD", "Grenada"},
    {"GE", "Georgia"},
    {"GF", "French Guiana"},
    {"GG", "Guernsey"},
    {"GH", "Ghana"},
    {"GI", "Gibraltar"},
    {"GL", "Greenland"},
    {"GM", "Gambia"},
    {"GN", "Guinea"},
    {"GP", "Guadeloupe"},
    {"GQ", "Equatorial Guinea"},
    {"GR", "Greece"},
    {"GS", "South Georgia and the South Sandwich Islands"},
    {"GT", "Guatemala"},
    {"GU", "Guam"},
    {"GW", "Guinea-Bissau"},
    {"GY", "Guyana"},
    {"HK", "Hong Kong"},
    {"HM", "Heard Island and McDonald Islands"},
    {"HN", "Honduras"},
    {"HR", "Croatia"},
    {"HT", "Haiti"},
    {"HU", "Hungary"},
    {"ID", "Indonesia"},
    {"IE", "Ireland"},
    {"IL", "Israel"},
    {"IM", "Isle of Man"},
    {"IN", "India"},
    {"IO", "British Indian Ocean Territory"},
    {"IQ", "Iraq"},
    {"IR", "Iran, Islamic Republic of"},
    {"IS", "Iceland"},
    {"IT", "Italy"},
    {"JE", "Jersey"},
    {"JM", "Jamaica"},
    {"JO", "Jordan"},
    {"JP", "Japan"},
    {"KE", "Kenya"},
    {"KG", "Kyrgyzstan"},
    {"KH", "Cambodia"},
    {"KI", "Kiribati"},
    {"KM", "Comoros"},
    {"KN", "Saint Kitts and Nevis"},
    {"KP", "Korea, Democratic People's Republic of"},
    {"KR", "Korea, Republic of"},
    {"KW", "Kuwait"},
    {"KY", "Cayman Islands"},
    {"KZ", "Kazakhstan"},
    {"LA", "Lao People's Democratic Republic"},
    {"LB", "Lebanon"},
    {"LC", "Saint Lucia"},
    {"LI", "Liechtenstein"},
    {"LK", "Sri Lanka"},
    {"LR", "Liberia"},
    {"LS", "Lesotho"},
    {"LT", "Lithuania"},
    {"LU", "Luxembourg"},
    {"LV", "Latvia"},
    {"LY", "Libya"},
    {"MA", "Morocco"},
    {"MC", "Monaco"},
    {"MD", "Moldova, Republic of"},
    {"ME", "Montenegro"},
    {"MF", "Saint Martin (French part)"},
    {"MG", "Madagascar"},
    {"MH", "Marshall Islands"},
    {"MK", "North Macedonia"},
    {"ML", "Mali"},
    {"MM", "Myanmar"},
    {"MN", "Mongolia"},
    {"MO", "Macao"},
    {"MP", "Northern Mariana Islands"},
    {"MQ", "Martinique"},
    {"MR", "Mauritania"},
    {"MS", "Montserrat"},
    {"MT", "Malta"},
    {"MU", "Mauritius"},
    {"MV", "Maldives"},
    {"MW", "Malawi"},
    {"MX", "Mexico"},
    {"MY", "Malaysia"},
    {"MZ", "Mozambique"},
    {"NA", "Namibia"},
    {"NC", "New Caledonia"},
    {"NE", "Niger"},
    {"NF", "Norfolk Island"},
    {"NG", "Nigeria"},
    {"NI", "Nicaragua"},
    {"NL", "Netherlands, Kingdom of the"},
    {"NO", "Norway"},
    {"NP", "Nepal"},
    {"NR", "Nauru"},
    {"NU", "Niue"},
    {"NZ", "New Zealand"},
    {"OM", "Oman"},
    {"PA", "Panama"},
    {"PE", "Peru"},
    {"PF", "French Polynesia"},
    {"PG", "Papua New Guinea"},
    {"PH", "Philippines"},
    {"PK", "Pakistan"},
    {"PL", "Poland"},
    {"PM", "Saint Pierre and Miquelon"},
    {"PN", "Pitcairn"},
    {"PR", "Puerto Rico"},
    {"PS", "Palestine, State of"},
    {"PT", "Portugal"},
    {"PW", "Palau"},
    {"PY", "Paraguay"},
    {"QA", "Qatar"},
    {"RE", "Réunion"},
    {"RO", "Romania"},
    {"RS", "Serbia"},
    {"RU", "Russian Federation"},
    {"RW", "Rwanda"},
    {"SA", "Saudi Arabia"},
    {"SB", "Solomon Islands"},
    {"SC", "Seychelles"},
    {"SD", "Sudan"},
    {"SE", "Sweden"},
    {"SG", "Singapore"},
    {"SH", "Saint Helena, Ascension and Tristan da Cunha"},
    {"SI", "Slovenia"},
    {"SJ", "Svalbard and Jan Mayen"},
    {"SK", "Slovakia"},
    {"SL", "Sierra Leone"},
    {"SM", "San Marino"},
    {"SN", "Senegal"},
    {"SO", "Somalia"},
    {"SR", "Suriname"},
    {"SS", "South Sudan"},
    {"ST", "Sao Tome and Principe"},
    {"SV", "El Salvador"},
    {"SX", "Sint Maarten (Dutch part)"},
    {"SY", "Syrian Arab Republic"},
    {"SZ", "Eswatini"},
    {"TC", "Turks and Caicos Islands"},
    {"TD", "Chad"},
    {"TF", "French Southern Territories"},
    {"TG", "Togo"},
    {"TH", "Thailand"},
    {"TJ", "Tajikistan"},
    {"TK", "Tokelau"},
    {"TL", "Timor-Leste"},
    {"TM", "Turkmenistan"},
    {"TN", "Tunisia"},
    {"TO", "Tonga"},
    {"TR", "Türkiye"},
    {"TT", "Trinidad and Tobago"},
    {"TV", "Tuvalu"},
    {"TW", "Taiwan, Province of China"},
    {"TZ", "Tanzania, United Republic of"},
    {"UA", "Ukraine"},
    {"UG", "Uganda"},
    {"UM", "United States Minor Outlying Islands"},
    {"US", "United States of America"},
    {"UY", "Uruguay"},
    {"UZ", "Uzbekistan"},
    {"VA", "Holy See"},
    {"VC", "Saint Vincent and the Grenadines"},
    {"VE", "Venezuela, Bolivarian Republic of"},
    {"VG", "Virgin Islands (British)"},
    {"VI", "Virgin Islands (U.S.)"},
    {"VN", "Viet Nam"},
    {"VU", "Vanuatu"},
    {"WF", "Wallis and Futuna"},
    {"WS", "Samoa"},
    {"YE", "Yemen"},
    {"YT", "Mayotte"},
    {"ZA", "South Africa"},
    {"ZM", "Zambia"},
    {"ZW", "Zimbabwe"},
}};

/// The index is 26×26 slots, one per pair of capital letters AA..ZZ.
inline constexpr std::size_t country_slots = 26 * 26;
inline constexpr std::uint8_t no_country = 0;   // and rows are stored from 1
static_assert(Country::count < 0xFF, "a row number must fit in a byte");

/// The slot of two capital letters, or country_slots for anything else.
constexpr std::size_t country_slot(std::string_view alpha2) noexcept {
  if (alpha2.size() != 2) return country_slots;
  const char a = alpha2[0];
  const char b = alpha2[1];
  if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') return country_slots;
  return static_cast<std::size_t>(a - 'A') * 26 + static_cast<std::size_t>(b - 'A');
}

constexpr bool iso3166_rows_are_sorted_codes() {
  for (std::size_t i = 0; i < iso3166_rows.size(); ++i) {
    const CountryRow& row = iso3166_rows[i];
    if (country_slot(row.alpha2) == country_slots || row.name.empty()) return false;
    if (i > 0 && !(iso3166_rows[i - 1].alpha2 < row.alpha2)) return false;
  }
  return true;
}
static_assert(iso3166_rows_are_sorted_codes(), "each row: two capital letters and a name, strictly sorted");

/// Slot → 1 + row, or no_country. Validating a code is two range checks and one load from a
/// 676-byte table, with no branching search: every record of a batch names its countries.
inline constexpr std::array<std::uint8_t, country_slots> iso3166_index = [] {
  std::array<std::uint8_t, country_slots> index{};
  for (std::size_t i = 0; i < iso3166_rows.size(); ++i)
    index[country_slot(iso3166_rows[i].alpha2)] = static_cast<std::uint8_t>(i + 1);
  return index;
}();

constexpr std::uint8_t country_row(std::string_view alpha2) noexcept {
  const std::size_t slot = country_slot(alpha2);
  return slot == country_slots ? no_country : iso3166_index[slot];
}

/// `text` in single quotes, cut to 20 bytes (not inside a UTF-8 sequence) and "..." when longer:
/// a whole input line passed by mistake must not flood the message.
inline std::string quoted_excerpt(std::string_view text) {
  constexpr std::size_t max_shown = 20;
  if (text.size() <= max_shown) return "'" + std::string(text) + "'";
  std::size_t cut = max_shown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // continuation byte
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

/// Not constexpr on purpose: reaching it during constant evaluation ("XX"_cc) is the compile error.
[[noreturn]] inline void throw_unknown_country(std::string_view alpha2) {
  throw std::invalid_argument("unknown country " + quoted_excerpt(alpha2));
}

}  // namespace detail

constexpr Country::Country(std::string_view alpha2) : row_(detail::country_row(alpha2)) {
  if (row_ == detail::no_country) detail::throw_unknown_country(alpha2);
}

constexpr bool Country::is_code(std::string_view alpha2) noexcept {
  return detail::country_row(alpha2) != detail::no_country;
}

constexpr std::optional<Country> Country::find(std::string_view alpha2) noexcept {
  const std::uint8_t row = detail::country_row(alpha2);
  if (row == detail::no_country) return std::nullopt;
  return Country{Unchecked{}, row};
}

constexpr std::string_view Country::alpha2() const noexcept {
  return row_ == detail::no_country ? std::string_view{} : detail::iso3166_rows[row_ - 1].alpha2;
}
constexpr std::string_view Country::name() const noexcept {
  return row_ == detail::no_country ? std::string_view{} : detail::iso3166_rows[row_ - 1].name;
}

namespace detail {
/// Every row as a Country, built through the checking constructor once more at compile time.
inline constexpr std::array<Country, Country::count> all_countries =
    []<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<Country, Country::count>{Country{iso3166_rows[I].alpha2}...};
    }(std::make_index_sequence<Country::count>{});
}  // namespace detail

constexpr std::span<const Country, Country::count> Country::all() noexcept { return detail::all_countries; }

}  // namespace totalis

namespace std {
/// A perfect hash: the two letters (0 for Country{}).
template <>
struct hash<totalis::Country> {
  size_t operator()(totalis::Country country) const noexcept {
    const string_view code = country.alpha2();
    if (code.empty()) return 0;
    return static_cast<size_t>(static_cast<unsigned char>(code[0])) << 8 | static_cast<unsigned char>(code[1]);
  }
};
}  // namespace std
