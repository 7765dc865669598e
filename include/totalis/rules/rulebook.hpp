#pragma once
// All schemes and agreements, loaded and checked: immutable, shared by every thread without
// locks, with a version that every result reports (DESIGN §1, STYLE §4). Reloading builds a new
// Rulebook and swaps the pointer; nothing here is ever modified.
//
//   std::shared_ptr<const Rulebook> rules = io::load_rulebook("agreements/");
//   rules->version()                                   // "sha256:3a7b…"
//   rules->scheme(SchemeId{"DE-GRV"}).currency.code()  // "EUR"
//   rules->between("US"_cc, "DE"_cc).front()->id       // "US-DE"

#include "totalis/core/country.hpp"
#include "totalis/core/scheme_id.hpp"
#include "totalis/rules/agreement.hpp"
#include "totalis/rules/scheme.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis::rules {

class Rulebook {
 public:
  /// Takes schemes and agreements as loaded; sorts them by id. `version` is "sha256:" and the
  /// hexadecimal digest of the rule files' bytes, in sorted path order.
  Rulebook(std::vector<Scheme> schemes, std::vector<Agreement> agreements, std::string version);

  [[nodiscard]] const std::vector<Scheme>& schemes() const noexcept { return schemes_; }
  [[nodiscard]] const std::vector<Agreement>& agreements() const noexcept { return agreements_; }
  [[nodiscard]] const std::string& version() const noexcept { return version_; }

  /// The scheme, or null.
  [[nodiscard]] const Scheme* find_scheme(const SchemeId& id) const noexcept;
  /// The scheme; throws std::out_of_range("no scheme 'XX-YY' in the rulebook").
  [[nodiscard]] const Scheme& scheme(const SchemeId& id) const;
  /// The schemes of a country, by id.
  [[nodiscard]] std::vector<const Scheme*> schemes_of(Country country) const;

  /// The agreement with this id, or null.
  [[nodiscard]] const Agreement* agreement(std::string_view id) const noexcept;
  /// Every agreement to which both countries are parties (bilateral and multilateral), by id.
  /// A bilateral agreement has no direction: between(a, b) == between(b, a).
  [[nodiscard]] std::vector<const Agreement*> between(Country a, Country b) const;

 private:
  std::vector<Scheme> schemes_;
  std::vector<Agreement> agreements_;
  std::string version_;
};

// ------------------------------------------------------------------------------------------------
// Implementation

inline Rulebook::Rulebook(std::vector<Scheme> schemes, std::vector<Agreement> agreements, std::string version)
    : schemes_(std::move(schemes)), agreements_(std::move(agreements)), version_(std::move(version)) {
  std::sort(schemes_.begin(), schemes_.end(), [](const Scheme& a, const Scheme& b) { return a.id < b.id; });
  std::sort(agreements_.begin(), agreements_.end(), [](const Agreement& a, const Agreement& b) { return a.id < b.id; });
}

inline const Scheme* Rulebook::find_scheme(const SchemeId& id) const noexcept {
  const auto it = std::lower_bound(schemes_.begin(), schemes_.end(), id,
                                   [](const Scheme& s, const SchemeId& key) { return s.id < key; });
  return it != schemes_.end() && it->id == id ? &*it : nullptr;
}

inline const Scheme& Rulebook::scheme(const SchemeId& id) const {
  if (const Scheme* s = find_scheme(id)) return *s;
  throw std::out_of_range("no scheme '" + id.str() + "' in the rulebook");
}

inline std::vector<const Scheme*> Rulebook::schemes_of(Country country) const {
  std::vector<const Scheme*> out;
  for (const Scheme& s : schemes_)
    if (s.country == country) out.push_back(&s);
  return out;
}

inline const Agreement* Rulebook::agreement(std::string_view id) const noexcept {
  const auto it = std::lower_bound(agreements_.begin(), agreements_.end(), id,
                                   [](const Agreement& a, std::string_view key) { return a.id < key; });
  return it != agreements_.end() && it->id == id ? &*it : nullptr;
}

inline std::vector<const Agreement*> Rulebook::between(Country a, Country b) const {
  std::vector<const Agreement*> out;
  for (const Agreement& agreement : agreements_)
    if (a != b && agreement.has_party(a) && agreement.has_party(b)) out.push_back(&agreement);
  return out;
}

}  // namespace totalis::rules
