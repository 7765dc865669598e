// Loading the rule directory for a command that assesses: every problem printed, the exit code set.

#include "commands.hpp"

#include "totalis/io/rulebook_loader.hpp"

#include <iostream>

namespace totalis::cli {

std::shared_ptr<const rules::Rulebook> load_rules(const std::string& path, int& exit_code) {
  try {
    return io::load_rulebook(path);
  } catch (const io::RulebookReadError& e) {
    std::cerr << e.what() << '\n';
    exit_code = io_error;
  } catch (const io::RulebookError& e) {
    std::cerr << e.what();
    exit_code = invalid_input;
  }
  return nullptr;
}

}  // namespace totalis::cli
