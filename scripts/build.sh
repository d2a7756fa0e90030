#!/usr/bin/env bash
# Installs what is missing, then configures and builds mentorflow into build/ (Release).
# Warnings are errors when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DMENTORFLOW_WERROR=$werror >/dev/null
cmake --build build -j"$(nproc)"
