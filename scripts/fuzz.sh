#!/usr/bin/env bash
# Fuzzes mentorflow with libFuzzer (docs/TESTING.md, "Fuzzing"). Configures and builds the fuzz
# build (this source tree with clang, coverage and AddressSanitizer + UndefinedBehaviorSanitizer
# on every library; CMake option MENTORFLOW_FUZZ_TARGETS) in build-fuzz/ (or $FUZZ_BUILD_DIR), then
# runs TARGET, or every target in turn, for SECONDS each (default 60; 0 only builds).
#   scripts/fuzz.sh [all|parser|inputs|csv|import|http] [SECONDS]
# Targets: tests/fuzz/NAME_fuzz.cpp. Each starts from its seeds (tests/fuzz/seeds/NAME/, for the
# parser the shipped workflows/, rules/ and golden cases) and its kept findings
# (tests/fuzz/regressions/NAME/), and keeps what it learns in BUILD/corpus/NAME/ for the next run
# (a run shorter than 2 minutes starts from the seeds alone and keeps nothing).
# A finding is written to BUILD/findings/NAME/ (crash-*, leak-*, timeout-*, oom-*); copy it into
# tests/fuzz/regressions/NAME/ once fixed, and ctest replays it ("fuzz: NAME replays ...").
# Scratch stores go to /dev/shm when there is one ($TMPDIR otherwise) and are removed after.
# Exit 0: no finding; 1: a finding (libFuzzer's report is in BUILD/logs/NAME.log and printed);
# 2: clang or its fuzzer runtime is missing (scripts/install-deps.sh installs them).
# Environment: FUZZ_CXX (clang++), FUZZ_JOBS (compiler jobs, default the number of cores),
# FUZZ_ARGS (more libFuzzer flags, e.g. "-jobs=2 -workers=2").
set -euo pipefail
which=${1:-all}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
cxx=${FUZZ_CXX:-clang++}
targets=(parser inputs csv import http)

case "$which" in
  all) ;;
  parser|inputs|csv|import|http) targets=("$which") ;;
  *) echo "usage: scripts/fuzz.sh [all|${targets[*]// /|}] [SECONDS]" >&2; exit 64 ;;
esac

if ! command -v "$cxx" >/dev/null; then
  echo "fuzz.sh: $cxx not found" >&2
  exit 2
fi
mkdir -p "$build"
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
    "$cxx" -x c++ -fsanitize=fuzzer - -o "$build/probe" 2>/dev/null; then
  echo "fuzz.sh: $cxx cannot link -fsanitize=fuzzer (Debian: libclang-rt-14-dev)" >&2
  exit 2
fi

# Build type Fuzz: no flags of CMake's own, so no -DNDEBUG (asserts are promises too).
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Fuzz -DMENTORFLOW_FUZZ_TARGETS=ON \
        -DMENTORFLOW_WEB=OFF -DBUILD_TESTING=OFF >/dev/null
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("${t}_fuzz"); done
mkdir -p "$build/logs"
if ! cmake --build "$build" -j"${FUZZ_JOBS:-$(nproc)}" --target "${build_targets[@]}" >"$build/logs/build.log" 2>&1; then
  echo "fuzz.sh: the fuzz build failed; the end of $build/logs/build.log:" >&2
  tail -n 40 "$build/logs/build.log" >&2
  exit 1
fi
[ "$seconds" -eq 0 ] && exit 0

scratch_parent=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && scratch_parent=/dev/shm
scratch=$(mktemp -d "$scratch_parent/mentorflow-fuzz-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The longest input each target is given: room for its largest seed, little more.
declare -A max_len=([parser]=8192 [inputs]=4096 [csv]=8192 [import]=65536 [http]=65536)
# A single input may take this long (what-if and verify replay the whole store under the sanitizers).
declare -A timeout=([parser]=10 [inputs]=10 [csv]=10 [import]=20 [http]=30)

status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  # A short run (the tests' 25 s) starts from the seeds alone: libFuzzer runs every input of the
  # corpus before its clock counts, and a corpus grown by long runs takes minutes.
  [ "$seconds" -lt 120 ] && corpus="$scratch/corpus-$t" && mkdir -p "$corpus"
  findings="$build/findings/$t"
  mkdir -p "$corpus" "$findings"
  # The parser has no seed folder of its own: the shipped files and the golden cases are its seeds.
  seeds=()
  [ -d "$root/tests/fuzz/seeds/$t" ] && seeds+=("$root/tests/fuzz/seeds/$t")
  [ "$t" = parser ] && seeds+=("$root/workflows" "$root/rules" "$root/tests/golden/syntax")
  [ -d "$root/tests/fuzz/regressions/$t" ] && seeds+=("$root/tests/fuzz/regressions/$t")
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  log="$build/logs/$t.log"
  echo "fuzz.sh: $t for ${seconds}s (log: $log)" >&2
  # New inputs go to the corpus (the first folder); the seed folders are only read.
  # shellcheck disable=SC2086
  if TMPDIR="$scratch" LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$build/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout="${timeout[$t]}" \
       -rss_limit_mb=2560 -max_len="${max_len[$t]}" -print_final_stats=1 -artifact_prefix="$findings/" \
       "${dict[@]}" ${FUZZ_ARGS:-} "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    # The closing figures: executions, their rate, coverage, corpus.
    grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added))' "$log" >&2 || true
  else
    status=1
    echo "fuzz.sh: $t found something; the end of $log:" >&2
    tail -n 60 "$log" >&2
  fi
done
exit $status
