// `totalis check PATH`: every problem of every rule file under PATH, in compiler format, then a
// one-line summary ("17 schemes, 31 agreements, 0 problems"). Exit 1 on any problem, 3 when
// PATH cannot be read.

#include "commands.hpp"

#include "totalis/io/rulebook_loader.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

namespace totalis::cli {

namespace {

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("check", "Check rule files (TOML): every problem at once, or a summary");
  auto path = std::make_shared<std::string>();
  auto unsourced = std::make_shared<bool>(false);
  command->add_option("path", *path, "a directory of rule files (read recursively) or one .toml file")->required();
  command->add_flag("--unsourced", *unsourced, "also list every cite that says UNSOURCED (not counted as problems)");
  command->callback([path, unsourced, &exit_code] {
    io::RulebookCheck check;
    try {
      check = io::check_rulebook(*path);
    } catch (const io::RulebookReadError& e) {
      std::cerr << "totalis: " << e.what() << '\n';
      exit_code = io_error;
      return;
    }
    for (const io::Diagnostic& d : check.problems) std::cout << d.str() << '\n';
    if (*unsourced)
      for (const io::Diagnostic& d : check.unsourced)
        std::cout << d.path << ":" << d.position.line << ":" << d.position.column << ": note: " << d.message << '\n';
    std::cout << counted(check.schemes, "scheme", "schemes") << ", " << counted(check.agreements, "agreement", "agreements")
              << ", " << counted(check.problems.size(), "problem", "problems") << '\n';
    exit_code = check.problems.empty() ? ok : invalid_input;
  });
}

}  // namespace totalis::cli
