#!/usr/bin/env bash
# Runs the SIGTERM test of tests/api/serve_cli_test.cpp many times while both cores are kept
# busy (a CPU hog, an fsync hog, and the rest of the API suite), as CI's machine may be: a test
# that fails one run in ten fails here. Usage, after a build:
#   scripts/stress-sigterm.sh [RUNS=50] [BUILD_DIR=build]
# Prints each failing run's log and exits 1 when any run failed.
set -u
runs=${1:-50}
build=${2:-build}
test_bin="$build/tests/api/serve_cli_test"
name="SIGTERM with requests in flight: none lost, none half-written, the store closed cleanly"
[ -x "$test_bin" ] || { echo "stress-sigterm: build first ($test_bin is missing)" >&2; exit 2; }
logs=$(mktemp -d)
hogs=()
cleanup() {
  for pid in "${hogs[@]}"; do kill -- -"$pid" 2>/dev/null; done
  rm -rf "$logs"
}
trap cleanup EXIT
# Each hog in its own process group, so cleanup stops it with its children.
setsid bash -c 'while true; do sha256sum /dev/zero >/dev/null; done' & hogs+=($!)
setsid bash -c "while true; do dd if=/dev/zero of=$logs/fsync bs=64k count=200 oflag=dsync 2>/dev/null; done" & hogs+=($!)
setsid bash -c "while true; do $build/tests/api/requests_test >/dev/null 2>&1; done" & hogs+=($!)
failures=0
for i in $(seq 1 "$runs"); do
  if ! "$test_bin" "$name" >"$logs/run_$i.log" 2>&1; then
    failures=$((failures + 1))
    echo "run $i of $runs failed:"
    cat "$logs/run_$i.log"
  fi
done
echo "stress-sigterm: $failures of $runs runs failed"
[ "$failures" -eq 0 ]
