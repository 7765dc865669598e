#pragma once
// Reading scheme and agreement files into models, expressions not yet compiled (that needs every
// scheme: rulebook_loader.cpp does it). Internal to totalis_io.

#include "rule_file.hpp"

#include "totalis/rules/agreement.hpp"
#include "totalis/rules/scheme.hpp"

#include <optional>
#include <string>
#include <vector>

namespace totalis::io::detail {

/// A scheme as read; `valid_id` is false when the id could not be read (the scheme is then
/// only checked, never published).
struct SchemeDraft {
  rules::Scheme scheme;
  bool valid_id = false;
  SourcePosition id_position;
  /// Parameters, measures and formulas whose definitions have problems: still names, so an
  /// expression using them is not reported a second time as naming something undefined.
  std::vector<std::string> broken_names;
};

/// A `[[party]]` as read: the scheme it names ("*": every party scheme not named otherwise).
struct PartyDraft {
  std::string scheme_text;
  SourcePosition scheme_position;
  rules::PartyRules rules;
};

struct AgreementDraft {
  rules::Agreement agreement;
  std::vector<PartyDraft> parties;
  SourcePosition id_position;
};

/// A placeholder id for a model whose own id is unreadable or not known yet; never published.
[[nodiscard]] rules::Scheme empty_scheme();
[[nodiscard]] rules::PartyRules empty_party_rules();

[[nodiscard]] SchemeDraft read_scheme(RuleFile& file, const toml::table& root);
[[nodiscard]] AgreementDraft read_agreement(RuleFile& file, const toml::table& root);

}  // namespace totalis::io::detail
