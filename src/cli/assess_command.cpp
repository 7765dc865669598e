// `totalis assess --rules DIR worker.json [--format text|json|csv] [--explain]`: what one worker
// has accrued, can take along and has lost under each scheme, with the reasons and the trace.

#include "commands.hpp"

#include "totalis/engine/assess.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/report.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>

namespace totalis::cli {

namespace {

struct AssessArguments {
  std::string rules = "agreements";
  std::string worker;
  std::string format = "text";
  bool explain = false;
  std::optional<int> horizon_years;
  std::string uprating_percent;
};

int run_assess(const AssessArguments& args) {
  int load_code = ok;
  const std::shared_ptr<const rules::Rulebook> rulebook = load_rules(args.rules, load_code);
  if (!rulebook) return load_code;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(args.worker, ec)) {
    std::cerr << args.worker << ": cannot be read (no such file)\n";
    return io_error;
  }
  ValidationOptions validation;
  validation.known_schemes.emplace();
  for (const rules::Scheme& s : rulebook->schemes()) validation.known_schemes->insert(s.id);
  const io::HistoryFile file = io::read_history_json(args.worker, validation);
  if (!file.valid()) {
    for (const io::InputProblem& p : file.problems) std::cerr << p.str() << '\n';
    return invalid_input;
  }
  AssessOptions options;
  options.trace_expressions = args.explain && args.format != "text";
  options.horizon_years = args.horizon_years;
  if (!args.uprating_percent.empty()) {
    if (std::string why = Amount::why_not(args.uprating_percent); !why.empty()) {
      std::cerr << "--uprating: " << why << '\n';
      return usage_error;
    }
    options.uprating_percent = Amount::parse(args.uprating_percent);
  }
  Assessment assessment;
  try {
    assessment = assess(*rulebook, *file.history, options);
  } catch (const std::exception& e) {   // a rule that cannot be evaluated for this worker
    std::cerr << args.worker << ": " << file.history->worker.id << ": " << e.what() << '\n';
    return invalid_input;
  }
  if (args.format == "json") std::cout << io::to_json(assessment);
  else if (args.format == "csv") std::cout << io::csv_header() << io::to_csv_rows(assessment);
  else std::cout << io::to_text(assessment, {.explain = args.explain});
  return ok;
}

}  // namespace

void add_assess_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AssessArguments>();
  auto* command = app.add_subcommand("assess", "Assess one worker: accrued, portable and lost per scheme");
  command->add_option("--rules", args->rules, "rule directory (schemes and agreements)")->capture_default_str();
  command->add_option("worker", args->worker, "worker history (JSON)")->required();
  command->add_option("--format", args->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  command->add_flag("--explain", args->explain, "show every step of every figure with its cite");
  command->add_option("--horizon", args->horizon_years, "years over which a frozen pension's missed uprating is projected")
      ->check(CLI::Range(1, 100));
  command->add_option("--uprating", args->uprating_percent, "yearly uprating assumed for that projection, in percent");
  command->callback([args, &exit_code] { exit_code = run_assess(*args); });
}

}  // namespace totalis::cli
