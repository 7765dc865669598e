// `totalis validate FILE...`: every problem of each worker history, located, or "FILE: valid".

#include "commands.hpp"

#include "totalis/io/history_json.hpp"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace totalis::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* command = app.add_subcommand("validate", "Check worker histories (JSON) against DESIGN §5 and §7");
  auto files = std::make_shared<std::vector<std::string>>();
  command->add_option("files", *files, "worker history files (JSON)")->required();
  command->callback([files, &exit_code] {
    for (const std::string& name : *files) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(name, ec)) {
        std::cerr << name << ": cannot be read (no such file)\n";
        exit_code = io_error;
        continue;
      }
      const io::HistoryFile file = io::read_history_json(name);
      if (file.valid()) {
        std::cout << name << ": valid\n";
        continue;
      }
      for (const io::InputProblem& problem : file.problems) std::cout << problem.str() << '\n';
      std::cout << name << ": " << file.problems.size() << (file.problems.size() == 1 ? " problem" : " problems")
                << '\n';
      if (exit_code == ok) exit_code = invalid_input;
    }
  });
}

}  // namespace totalis::cli
