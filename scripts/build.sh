#!/usr/bin/env bash
# Installs what is missing, then configures and builds mentorflow into build/ (Release).
# Warnings are errors when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
# With --progress (scripts/run-edition.sh): a line per step and the build's progress in steps
# of 10%, on standard error, instead of every compiler line.
progress=false
[ "${1:-}" = "--progress" ] && progress=true
step() { if $progress; then echo "== $*" >&2; fi; }

step "checking the Debian packages mentorflow needs (scripts/install-deps.sh)"
bash scripts/install-deps.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
step "configuring (cmake, build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMENTORFLOW_WERROR=$werror >/dev/null
if ! $progress; then
  cmake --build build -j"$(nproc)"
  exit 0
fi
step "building on $(nproc) cores (about ten minutes the first time; the web app with npm ci, tsc and esbuild)"
# Keep "[ 42%] ..." lines only when the percentage passes a tenth, the web app's steps, and
# everything that is not a progress line (warnings, errors).
cmake --build build -j"$(nproc)" 2>&1 | awk '
  /^\[ *[0-9]+%\]/ {
    pct = $0; sub(/^\[ */, "", pct); sub(/%.*/, "", pct); pct += 0
    if ($0 ~ /web: /) { line = $0; sub(/^\[ *[0-9]+%\] /, "", line); print "   " line; fflush(); next }
    if (pct >= shown + 10) { shown = pct - pct % 10; printf "   %d%% built\n", shown; fflush() }
    next
  }
  /^(web|Scanning|Consolidate)/ { next }
  { print; fflush() }' >&2
step "built: build/cli/mentorflow"
