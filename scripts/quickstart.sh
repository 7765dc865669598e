#!/usr/bin/env bash
# The README's two commands, on a bare Debian 12 or an existing checkout:
#   bash scripts/quickstart.sh        install what is missing, build, assess the example worker
#   bash scripts/quickstart.sh test   the same, then every test (release and sanitizer builds)
# Only Debian's packages are used; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

packages=(
  g++ cmake ninja-build git ca-certificates pkg-config
  libboost1.81-dev libboost-date-time1.81-dev libboost-json1.81-dev
  libtomlplusplus-dev doctest-dev libcli11-dev libbenchmark-dev
  python3 python3-dev python3-pybind11 python3-pytest python3-jsonschema
  python3-dask python3-distributed python3-pandas
)
# The test command also builds the fuzz targets, which need clang and its libFuzzer runtime.
if [ "$mode" = test ]; then packages+=(clang-14 libclang-rt-14-dev); fi

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

install_missing
echo "== building (release)"
# Optimised, without debug information: a third less compile time than RelWithDebInfo.
release_options=(-DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG")
if [ "$mode" = test ]; then release_options+=(-DTOTALIS_PYTHON=ON); fi   # the Python module and its tests
build build "${release_options[@]}"

echo "== the main job: the bundled agreements/ and an example worker"
build/totalis assess --rules agreements examples/worker.json

if [ "$mode" = test ]; then
  echo "== tests (release build)"
  ctest --test-dir build --output-on-failure -j "$jobs"
  echo "== tests (Python module, Debian's python3)"
  PYTHONPATH="$PWD/build/src/python" /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests
  echo "== tests (address + undefined sanitizers)"
  build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTOTALIS_SANITIZE=ON -DTOTALIS_EXAMPLES=OFF
  # The tables of the law and the US careers re-run the cases' engine paths on other dates and
  # workers, row by row through the CLI: the release build checks their figures; under the
  # sanitizers they would add six minutes of CPU, so they are left out here.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -E 'find-package|^rules/tables/|^rules/us/'
  echo "== fuzz targets (libFuzzer, clang): 10 seconds each from the seeds"
  bash scripts/fuzz.sh all 10
elif [ "$mode" != run ]; then
  echo "usage: bash scripts/quickstart.sh [test]" >&2
  exit 2
fi
