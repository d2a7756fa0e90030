#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds, and runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# The tests include a short libFuzzer run of every fuzz target (tests/fuzz, docs/TESTING.md): ctest
# builds their clang build (build/fuzz) first, about a quarter of an hour from cold on two cores.
cmake -S . -B build -DMENTORFLOW_FUZZ=ON >/dev/null
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
