#pragma once
// The id of one national scheme: its country's ISO 3166-1 code, a hyphen and a short name.
//
//   SchemeId{"US-OASDI"}.country()       // "US"_cc
//   SchemeId{"US-OASDI"}.name()          // "OASDI"
//   SchemeId{"us-oasdi"}                 // throws std::invalid_argument:
//                                        //   "'us-oasdi' is not a scheme id (CC-NAME, e.g. US-OASDI)"

#include "totalis/core/country.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>   // std::hash
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace totalis {

/// `CC-NAME`: CC an assigned ISO 3166-1 alpha-2 code, NAME 1–16 of A–Z, 0–9 and '-', neither
/// starting nor ending with '-' (US-OASDI, CA-CPP, JP-EPI, DE-GRV, GB-NSP, FR-AGIRC-ARRCO).
/// Held inline, without allocating, so ids can be compared and hashed freely on a batch path.
class SchemeId {
 public:
  static constexpr std::size_t max_name_size = 16;
  static constexpr std::size_t max_size = 3 + max_name_size;

  /// Throws std::invalid_argument: "'us-oasdi' is not a scheme id (CC-NAME, e.g. US-OASDI)" when
  /// the text is malformed, "unknown country 'XX' in scheme id 'XX-FOO'" when CC is not assigned.
  constexpr explicit SchemeId(std::string_view text);
  /// No scheme yet (empty text, Country{}), so results can wait in aggregates; equals no real id.
  constexpr SchemeId() noexcept = default;

  /// SchemeId::is_id("DE-GRV")  // true; "de-grv", "UK-NSP", "DE-"  // false
  [[nodiscard]] static constexpr bool is_id(std::string_view text) noexcept;

  /// SchemeId{"DE-GRV"}.country()  // "DE"_cc
  [[nodiscard]] constexpr Country country() const noexcept { return country_; }
  /// SchemeId{"DE-GRV"}.name()  // "GRV"
  [[nodiscard]] constexpr std::string_view name() const noexcept { return view().substr(3); }
  /// SchemeId{"DE-GRV"}.view()  // "DE-GRV"; valid while this SchemeId lives
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text_.data(), size_}; }
  [[nodiscard]] std::string str() const { return std::string(view()); }

  /// As strings compare: by country code, then name.
  friend constexpr auto operator<=>(const SchemeId&, const SchemeId&) = default;

 private:
  [[nodiscard]] static constexpr bool is_well_formed(std::string_view text) noexcept;
  [[nodiscard]] static constexpr Country checked_country(std::string_view text);

  // Order matters for the defaulted comparison: text_ (zero-padded, and no id character is '\0')
  // compares exactly as the strings do; size_ and country_ then follow from it.
  std::array<char, max_size> text_{};
  std::uint8_t size_ = 0;
  Country country_;
};

// ------------------------------------------------------------------------------------------------
// Implementation

constexpr bool SchemeId::is_well_formed(std::string_view text) noexcept {
  const auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() < 4 || text.size() > max_size) return false;
  if (!capital(text[0]) || !capital(text[1]) || text[2] != '-') return false;
  const std::string_view name = text.substr(3);
  if (name.front() == '-' || name.back() == '-') return false;
  for (char c : name)
    if (!capital(c) && !digit(c) && c != '-') return false;
  return true;
}

constexpr bool SchemeId::is_id(std::string_view text) noexcept {
  return is_well_formed(text) && Country::is_code(text.substr(0, 2));
}

constexpr Country SchemeId::checked_country(std::string_view text) {
  if (!is_well_formed(text))
    throw std::invalid_argument(detail::quoted_excerpt(text) + " is not a scheme id (CC-NAME, e.g. US-OASDI)");
  const std::optional<Country> country = Country::find(text.substr(0, 2));
  if (!country)
    throw std::invalid_argument("unknown country '" + std::string(text.substr(0, 2)) + "' in scheme id '" +
                                std::string(text) + "'");
  return *country;
}

constexpr SchemeId::SchemeId(std::string_view text)
    : size_(static_cast<std::uint8_t>(text.size())), country_(checked_country(text)) {
  for (std::size_t i = 0; i < text.size(); ++i) text_[i] = text[i];
}

}  // namespace totalis

namespace std {
template <>
struct hash<totalis::SchemeId> {
  size_t operator()(const totalis::SchemeId& id) const noexcept { return hash<string_view>{}(id.view()); }
};
}  // namespace std
