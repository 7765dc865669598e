#pragma once
// Reading one worker's history from JSON (DESIGN §5), with every problem located:
//
//   auto file = read_history_json("worker.json");
//   for (const auto& p : file.problems) std::cerr << p.str() << '\n';
//   // worker.json:14:20: W-17 period 3: 'to' 2019-02-30 is not a date

#include "totalis/core/history.hpp"
#include "totalis/core/validation.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace totalis::io {

/// A problem with its place in the input file. `column` is 0 when only the line is known.
struct InputProblem {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;   ///< "W-17 period 3: 'to' 2019-02-30 is not a date", or a syntax error

  [[nodiscard]] std::string str() const;
};

/// The history when the file is valid; otherwise every problem found (syntax errors stop the
/// reading at the first; field and validation problems are all reported).
struct HistoryFile {
  std::optional<History> history;
  std::vector<InputProblem> problems;
  [[nodiscard]] bool valid() const noexcept { return problems.empty() && history.has_value(); }
};

/// Reads and validates `path`. A file that can't be opened is one problem naming it.
[[nodiscard]] HistoryFile read_history_json(const std::filesystem::path& path, const ValidationOptions& options = {});

/// Parses and validates JSON text; `file` names it in problems.
[[nodiscard]] HistoryFile parse_history_json(std::string_view text, const std::string& file,
                                             const ValidationOptions& options = {});

}  // namespace totalis::io
