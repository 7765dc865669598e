#pragma once
// Loading rule files (DESIGN §4): a directory of TOML scheme and agreement files, read
// recursively, every problem of every file collected and reported at once in compiler format,
// every expression compiled once, and the result an immutable Rulebook.
//
//   auto rules = totalis::io::load_rulebook("agreements/");        // throws RulebookError
//   rules->version()                                              // "sha256:…"
//
//   auto check = totalis::io::check_rulebook("agreements/");       // never throws for bad rules
//   for (const auto& d : check.problems) std::cout << d.str() << '\n';
//     // agreements/schemes/DE-GRV.toml:14:9: error: unknown key 'unti' in [periods] (did you mean 'unit'?)

#include "totalis/core/source_position.hpp"
#include "totalis/rules/rulebook.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace totalis::io {

/// One problem in a rule file, located.
struct Diagnostic {
  std::string path;          ///< as given: the argument joined with the file's relative path
  SourcePosition position;   ///< 1-based; {0, 0} when the file as a whole is meant
  std::string message;

  /// "path:line:column: error: message" ("path: error: message" without a position).
  [[nodiscard]] std::string str() const;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// The rule files have problems; what() lists every one, a line each.
class RulebookError : public std::runtime_error {
 public:
  explicit RulebookError(std::vector<Diagnostic> diagnostics);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// The path cannot be read at all (missing, not a directory or .toml file, unreadable).
class RulebookReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Everything check_rulebook found.
struct RulebookCheck {
  std::shared_ptr<const rules::Rulebook> rulebook;   ///< null when there are problems
  std::vector<Diagnostic> problems;                  ///< by file (sorted path order), then position
  std::vector<Diagnostic> unsourced;                 ///< cites that say UNSOURCED (not problems)
  std::size_t files = 0;
  std::size_t schemes = 0;                           ///< files defining a scheme
  std::size_t agreements = 0;                        ///< files defining an agreement
};

/// Loads `path`: a directory, read recursively for `*.toml` (schemes/, bilateral/,
/// multilateral/ and any other folder), or a single `.toml` file. Throws RulebookReadError when
/// the path cannot be read; rule problems are returned, never thrown.
[[nodiscard]] RulebookCheck check_rulebook(const std::filesystem::path& path);

/// check_rulebook, then the rulebook; throws RulebookError carrying every problem.
[[nodiscard]] std::shared_ptr<const rules::Rulebook> load_rulebook(const std::filesystem::path& path);

}  // namespace totalis::io
