#pragma once
// The legal source of a rule, as the rule file writes it. Every rule carries one (DESIGN §4).
//
//   Cite{.text = "20 CFR 404.1918(a)(4)"}.is_unsourced()                      // false
//   Cite{.text = "Rounding of OAS partial amounts: UNSOURCED"}.is_unsourced()  // true

#include "totalis/core/source_position.hpp"

#include <string>

namespace totalis::rules {

struct Cite {
  std::string text;
  SourceRegion where;

  /// True when the cite admits that (part of) the rule has no source yet: it says UNSOURCED,
  /// as domain.md flags such items. These rules load, and `totalis check --unsourced` lists them.
  [[nodiscard]] bool is_unsourced() const noexcept {
    return text.find("UNSOURCED") != std::string::npos;
  }
};

}  // namespace totalis::rules
