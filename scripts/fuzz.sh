#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang++, address + undefined sanitizers) into
# build-fuzz/ and runs each for a given time, one after the other:
#
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]     # default: all, 60 seconds each
#   bash scripts/fuzz.sh expression 600             # one target, ten minutes
#
# Targets: history_json, csv_reader, history_csv, rulebook, expression, assess (tests/fuzz/fuzz_*.cpp).
# Each run starts from the seeds in tests/fuzz/seeds/TARGET and the corpus kept in
# build-fuzz/corpus/TARGET by earlier runs (new inputs go there, never into the seeds). Per target
# one summary line is printed:
#
#   fuzz expression    60s  execs 412345  cov 2110  ft 6021  corpus 1204  crashes 0
#
# cov and ft are libFuzzer's final coverage counters (edges, features). A crash, sanitizer
# finding, hang (over FUZZ_TIMEOUT seconds, default 10, for one input) or out-of-memory stops that
# target; its input is saved as tests/fuzz/crashes/TARGET-{crash,timeout,oom,leak}-SHA1 and the
# script exits 1 after the remaining targets have run. The full libFuzzer log of each target is
# build-fuzz/logs/TARGET.log. Needs Debian's clang-14 and libclang-rt-14-dev (FUZZ_CXX overrides
# the compiler).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(history_json csv_reader history_csv rulebook expression assess)
which=${1:-all}
seconds=${2:-60}
timeout=${FUZZ_TIMEOUT:-10}
build=build-fuzz

if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: bash scripts/fuzz.sh [TARGET|all] [SECONDS]" >&2
  exit 2
fi
if [ "$which" = all ]; then
  targets=("${all_targets[@]}")
else
  found=0
  for t in "${all_targets[@]}"; do [ "$t" = "$which" ] && found=1; done
  if [ $found -eq 0 ]; then
    echo "unknown fuzz target '$which'; one of: ${all_targets[*]} all" >&2
    exit 2
  fi
  targets=("$which")
fi

cxx=${FUZZ_CXX:-}
if [ -z "$cxx" ]; then
  for c in clang++-14 clang++; do command -v "$c" >/dev/null && { cxx=$c; break; }; done
fi
if [ -z "$cxx" ]; then
  echo "fuzz: no clang++ found (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi

echo "== building the fuzz targets ($cxx) into $build/"
cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" -- $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

mkdir -p tests/fuzz/crashes "$build/logs"
failed=0
summary=()
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t
  log=$build/logs/$t.log
  mkdir -p "$corpus"
  before=$(ls tests/fuzz/crashes | grep -c "^$t-" || true)
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$build/fuzz_$t" "$corpus" "tests/fuzz/seeds/$t" \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/$t-" >"$log" 2>&1 || status=$?
  # The last status line ("#123456 DONE cov: 2110 ft: 6021 corp: 1204/300Kb ...") and the final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -E -n 's/^#([0-9]+).*/\1/p' <<<"$last")
  cov=$(sed -E -n 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -E -n 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -E -n 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
  after=$(ls tests/fuzz/crashes | grep -c "^$t-" || true)
  crashes=$((after - before))
  [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1   # stopped without saving an input
  line=$(printf 'fuzz %-13s %4ss  execs %-9s cov %-5s ft %-6s corpus %-5s crashes %s' \
         "$t" "$seconds" "${execs:-0}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")
  if [ "$crashes" -ne 0 ]; then
    failed=1
    saved=$(ls -t tests/fuzz/crashes | grep "^$t-" | head -n 1 || true)
    line+="  (${saved:+tests/fuzz/crashes/$saved, }log $log)"
    echo "== fuzz $t: finding" >&2
    grep -E -m 12 'ERROR: |runtime error: |SUMMARY: |terminate called|what\(\)|#[0-9]+ 0x[0-9a-f]+ in ' "$log" >&2 || true
  fi
  echo "$line"
  summary+=("$line")
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
exit $failed
