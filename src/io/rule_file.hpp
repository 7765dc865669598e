#pragma once
// Reading one TOML rule file: typed getters that record a located problem instead of stopping,
// the key check with did-you-mean, and the file position where an expression's text starts.
// Internal to totalis_io (rulebook_loader.cpp, rule_scheme.cpp, rule_agreement.cpp).

#include "totalis/core/amount.hpp"
#include "totalis/core/date.hpp"
#include "totalis/core/source_position.hpp"
#include "totalis/io/rulebook_loader.hpp"
#include "totalis/rules/cite.hpp"
#include "totalis/rules/rule_expression.hpp"

#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace totalis::io::detail {

/// Where problems go: every diagnostic of every file, in the order found (sorted at the end).
struct Problems {
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> unsourced;
};

/// One rule file being read.
class RuleFile {
 public:
  RuleFile(std::shared_ptr<const std::string> path, std::string bytes, Problems& problems);

  [[nodiscard]] const std::shared_ptr<const std::string>& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }
  [[nodiscard]] Problems& problems() noexcept { return problems_; }

  /// Records a problem at `where`.
  void error(SourcePosition where, std::string message);
  void error(const toml::source_region& where, std::string message) { error(position(where), std::move(message)); }
  [[nodiscard]] static SourcePosition position(const toml::source_region& r) noexcept {
    return SourcePosition{static_cast<std::uint32_t>(r.begin.line), static_cast<std::uint32_t>(r.begin.column)};
  }
  [[nodiscard]] SourceRegion region(const toml::source_region& r) const {
    return SourceRegion{position(r),
                        SourcePosition{static_cast<std::uint32_t>(r.end.line), static_cast<std::uint32_t>(r.end.column)},
                        path_};
  }
  /// A table's position, or 1:1 when toml++ has none (a table only implied by a dotted header).
  [[nodiscard]] SourcePosition position_of(const toml::node& n) const noexcept;

  /// Reports every key of `table` not in `allowed` ("unknown key 'unti' in [periods] (did you
  /// mean 'unit'?)"); `also` lists extra keys accepted (a measure kind's arguments).
  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed, std::string_view where,
                  const std::vector<std::string_view>& also = {});

  // Typed getters: absent → nothing (and "missing 'key' in <where>" when required); wrong
  // type → a problem and nothing.
  [[nodiscard]] std::optional<std::string> string(const toml::table& t, std::string_view key, std::string_view where,
                                                  bool required);
  [[nodiscard]] std::optional<std::int64_t> integer(const toml::table& t, std::string_view key, std::string_view where,
                                                    bool required);
  [[nodiscard]] std::optional<bool> boolean(const toml::table& t, std::string_view key, std::string_view where,
                                            bool required);
  [[nodiscard]] std::optional<Date> date(const toml::table& t, std::string_view key, std::string_view where,
                                         bool required);
  /// A decimal written as a string ("0.003") or an integer; floats are refused (not exact).
  [[nodiscard]] std::optional<Amount> decimal(const toml::node& value, std::string_view what);
  [[nodiscard]] std::optional<Amount> decimal(const toml::table& t, std::string_view key, std::string_view where,
                                              bool required);
  [[nodiscard]] std::optional<std::vector<std::string>> strings(const toml::table& t, std::string_view key,
                                                                std::string_view where, bool required);
  /// The required cite of a rule; "missing 'cite' in <where>" at the table otherwise.
  [[nodiscard]] rules::Cite cite(const toml::table& t, std::string_view where);
  [[nodiscard]] std::optional<rules::Cite> optional_cite(const toml::table& t, std::string_view where);
  /// An expression: its text and the position of its first character (uncompiled).
  [[nodiscard]] std::optional<rules::RuleExpression> expression(const toml::table& t, std::string_view key,
                                                                std::string_view where, bool required);
  /// The table under `key`, or null ("'key' in <where> must be a table, not …" when it is not).
  [[nodiscard]] const toml::table* table(const toml::table& t, std::string_view key, std::string_view where);
  /// The array of tables under `key` (`[[variant]]`), or null.
  [[nodiscard]] const toml::array* array_of_tables(const toml::table& t, std::string_view key, std::string_view where);

  /// The file position where the text of the string value `n` starts (after the quote).
  [[nodiscard]] SourcePosition string_start(const toml::node& n) const;
  /// "a string", "an integer", "a floating-point number"…
  [[nodiscard]] static std::string type_name(const toml::node& n);

 private:
  [[nodiscard]] std::size_t byte_offset(SourcePosition p) const;

  std::shared_ptr<const std::string> path_;
  std::string bytes_;
  std::vector<std::size_t> line_starts_;
  Problems& problems_;
};

/// " (did you mean 'unit'?)" for a candidate at most two edits away, else "".
[[nodiscard]] std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);
/// "a, b, c"
[[nodiscard]] std::string joined(const std::vector<std::string_view>& names);

/// A name from `names` ("unknown <what> 'x'; expected one of: …" otherwise).
template <typename Enum, std::size_t N>
inline std::optional<Enum> read_enum(RuleFile& file, const toml::table& t, std::string_view key, const std::string& where,
                              bool required, const std::array<std::pair<Enum, std::string_view>, N>& names,
                              std::string_view what) {
  const auto text = file.string(t, key, where, required);
  if (!text) return std::nullopt;
  for (const auto& [e, name] : names)
    if (name == *text) return e;
  std::vector<std::string_view> options;
  for (const auto& [e, name] : names) options.push_back(name);
  const std::string hint = did_you_mean(*text, options);
  file.error(t.get(key)->source(), "unknown " + std::string(what) + " '" + *text + "'" +
                                       (hint.empty() ? "; expected one of: " + joined(options) : hint));
  return std::nullopt;
}

}  // namespace totalis::io::detail
