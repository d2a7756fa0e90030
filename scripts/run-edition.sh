#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and runs the main job on an embedded
# store in a fresh directory (kept, so you can look at it with the other commands afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh --progress >/dev/null
exec bash examples/main-job.sh "$@"
