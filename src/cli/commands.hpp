#pragma once
// One file per subcommand of the `totalis` program; main.cpp only wires them up.

#include "totalis/rules/rulebook.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace totalis::cli {

/// Exit codes, documented in README.md ("Exit codes").
enum ExitCode : int {
  ok = 0,            // the command did what was asked; validate: the input is valid
  invalid_input = 1, // the input (worker history or rule files) has problems, all printed
  usage_error = 2,   // the command line itself is wrong (CLI11 reports it)
  io_error = 3,      // a file could not be read or written
  interrupted = 130, // batch: stopped by SIGINT or SIGTERM; no output posing as complete
};

/// The rulebook at `path`, or null with every problem printed and `exit_code` set (1 or 3).
[[nodiscard]] std::shared_ptr<const rules::Rulebook> load_rules(const std::string& path, int& exit_code);

/// `totalis validate worker.json ...`: every problem of each history, or "valid".
void add_validate_command(CLI::App& app, int& exit_code);
/// `totalis assess --rules agreements/ worker.json`: accrued, portable and lost per scheme.
void add_assess_command(CLI::App& app, int& exit_code);
/// `totalis batch --rules DIR --workers W.csv --periods P.csv --out A.csv [...]`: a population,
/// streamed, on every core, with rejects and a gap report.
void add_batch_command(CLI::App& app, int& exit_code);
/// `totalis check agreements/`: every problem of every rule file, or a one-line summary.
void add_check_command(CLI::App& app, int& exit_code);

}  // namespace totalis::cli
