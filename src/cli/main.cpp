// The `totalis` program: subcommands over the library (see commands.hpp and README.md).

#include "commands.hpp"

#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"totalis: what a cross-border worker has accrued, can take along and has lost, per pension scheme"};
  app.set_version_flag("--version", "totalis 0.1.0");
  app.require_subcommand(1);
  int exit_code = totalis::cli::ok;
  totalis::cli::add_validate_command(app, exit_code);
  totalis::cli::add_check_command(app, exit_code);
  totalis::cli::add_assess_command(app, exit_code);
  totalis::cli::add_batch_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : totalis::cli::usage_error;
  }
  return exit_code;
}
