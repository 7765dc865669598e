// How long loading a rulebook takes (issue #3: "the bundled rules load in well under 50 ms"):
// the bundled rules of agreements/, each file read, parsed, checked and every expression
// compiled, against a baseline that only parses the same files with toml++. Google Benchmark
// reports the median of the repetitions (the `_median` rows) and the core count ("Run on").
//
//   rulebook_load_bench                                   # from the source tree
//   rulebook_load_bench --rules=/path/to/agreements       # any other rule directory

#include "totalis/io/rulebook_loader.hpp"

#include <benchmark/benchmark.h>
#include <toml++/toml.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

#ifdef TOTALIS_SOURCE_DIR
const std::filesystem::path source_dir = TOTALIS_SOURCE_DIR;
#else
const std::filesystem::path source_dir = std::filesystem::path(__FILE__).parent_path().parent_path();
#endif

void load(benchmark::State& state, const std::filesystem::path& dir) {
  std::size_t files = 0;
  for (auto _ : state) {
    const auto rules = totalis::io::load_rulebook(dir);
    files = rules->schemes().size() + rules->agreements().size();
    benchmark::DoNotOptimize(rules.get());
  }
  state.SetLabel(std::to_string(files) + " rule files");
}

/// The floor: toml++ parses every rule file, and nothing else happens.
void parse_only(benchmark::State& state, const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  for (auto _ : state)
    for (const auto& file : files) {
      auto table = toml::parse_file(file.string());
      benchmark::DoNotOptimize(&table);
    }
  state.SetLabel(std::to_string(files.size()) + " rule files");
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path bundled = source_dir / "agreements";
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--rules=", 8) == 0) bundled = argv[i] + 8;
    else args.push_back(argv[i]);
  }
  // 15 repetitions; the aggregates include the median (…_median).
  benchmark::RegisterBenchmark("load/bundled_rules", load, bundled)
      ->Unit(benchmark::kMillisecond)->Repetitions(15)->ReportAggregatesOnly(true);
  // The baseline in the same run: only reading and parsing the same TOML files, nothing checked.
  benchmark::RegisterBenchmark("parse_only/bundled_rules", parse_only, bundled)
      ->Unit(benchmark::kMillisecond)->Repetitions(15)->ReportAggregatesOnly(true);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
