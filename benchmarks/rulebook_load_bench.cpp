// How long loading a rulebook takes (issue #3: "the bundled rules load in well under 50 ms"):
// the bundled rules of agreements/ and the six design files of tests/rules-design/, each file
// read, parsed, checked and every expression compiled. Google Benchmark reports the median of
// the repetitions (the `_median` rows).
//
//   totalis_rulebook_load_bench                                   # from the source tree
//   totalis_rulebook_load_bench --rules=/path/to/agreements       # any other rule directory

#include "totalis/io/rulebook_loader.hpp"

#include <benchmark/benchmark.h>

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
  benchmark::RegisterBenchmark("load/six_design_rules", load, source_dir / "tests" / "rules-design")
      ->Unit(benchmark::kMillisecond)->Repetitions(15)->ReportAggregatesOnly(true);
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
