// In-process assess() latency (issue #8 (d)): a 3-country career of 20 periods (US, Germany,
// Canada) against the bundled rules, with and without the expression trace, and validate() of the
// same history as the baseline measured in the same run. Google Benchmark prints the core count
// ("Run on") and, with --benchmark_repetitions, the median; each assess run also reports its
// latency percentiles (p50_us, p90_us, p99_us) over its calls.
//
//   assess_bench --benchmark_repetitions=9 --benchmark_report_aggregates_only=true

#include "totalis/engine/assess.hpp"
#include "totalis/core/validation.hpp"
#include "totalis/io/history_json.hpp"
#include "totalis/io/rulebook_loader.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

/// 8 US years with earnings, 8 German years with earnings points, 4 Canadian residence years.
std::string career() {
  std::string periods;
  const auto add = [&](const std::string& p) { periods += (periods.empty() ? "" : ",\n") + p; };
  for (int y = 1985; y < 1993; ++y)
    add(R"({"country":"US","from":")" + std::to_string(y) + R"(-01-01","to":")" + std::to_string(y) +
        R"(-12-31","kind":"employed","earnings":"30000.00"})");
  for (int y = 1993; y < 2001; ++y)
    add(R"({"country":"DE","from":")" + std::to_string(y) + R"(-01-01","to":")" + std::to_string(y) +
        R"(-12-31","kind":"employed","credits":{"earnings_points":"1.1"}})");
  for (int y = 2001; y < 2005; ++y)
    add(R"({"country":"CA","from":")" + std::to_string(y) + R"(-01-01","to":")" + std::to_string(y) +
        R"(-12-31","kind":"residence"})");
  return R"({"worker":{"id":"B-1","birth_date":"1962-05-20","nationalities":["US"],"residence":"DE",
             "as_of":"2025-03-01"},"periods":[)" + periods + "]}";
}

const totalis::History& history() {
  static const totalis::History h = [] {
    auto file = totalis::io::parse_history_json(career(), "bench.json");
    if (!file.valid()) throw std::runtime_error(file.problems.front().str());
    return *file.history;
  }();
  return h;
}

const totalis::rules::Rulebook& rules() {
  static const auto r = totalis::io::load_rulebook(std::string(TOTALIS_SOURCE_DIR) + "/agreements");
  return *r;
}

/// Times every call and reports the latency percentiles p50, p90 and p99 (microseconds) beside
/// Google Benchmark's mean: one slow call in a hundred shows in p99, not in the mean.
void assess_timed(benchmark::State& state, const totalis::AssessOptions& options) {
  std::vector<std::int64_t> nanoseconds;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(totalis::assess(rules(), history(), options));
    nanoseconds.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(nanoseconds.begin(), nanoseconds.end());
  const auto percentile = [&](std::size_t p) {   // nearest rank, in whole microseconds
    const std::size_t rank = (p * nanoseconds.size() + 99) / 100;
    return static_cast<double>(nanoseconds[std::max<std::size_t>(rank, 1) - 1] / 1000);
  };
  if (!nanoseconds.empty()) {
    state.counters["p50_us"] = percentile(50);
    state.counters["p90_us"] = percentile(90);
    state.counters["p99_us"] = percentile(99);
  }
  state.SetItemsProcessed(state.iterations());
}

void assess_without_trace(benchmark::State& state) { assess_timed(state, totalis::AssessOptions{}); }

void assess_with_trace(benchmark::State& state) {
  totalis::AssessOptions options;
  options.trace_expressions = true;
  assess_timed(state, options);
}

void validate_baseline(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(totalis::validate(history()));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(validate_baseline)->Unit(benchmark::kMicrosecond);
BENCHMARK(assess_without_trace)->Unit(benchmark::kMicrosecond);
BENCHMARK(assess_with_trace)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
