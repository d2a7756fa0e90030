#!/usr/bin/env bash
# Fuzzes the parser with libFuzzer: builds tests/fuzz/parser_fuzz.cpp and the parser's sources with
# clang (-fsanitize=fuzzer,address,undefined) into build-fuzz/ (or $FUZZ_BUILD_DIR), then runs it for
# SECONDS (default 60; 0 only builds), seeded with the shipped programmes and the golden cases.
# Objects are rebuilt only when a dsl/ source changed; a cold build takes minutes (the grammar is
# one large X3 translation unit). Exit 0: no crash, hang or broken promise; 1: a finding (libFuzzer
# prints it and writes the input as crash-*/timeout-* in the build dir); 2: clang or its fuzzer
# runtime is missing (scripts/install-deps.sh installs them).
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
cxx=${FUZZ_CXX:-clang++}

if ! command -v "$cxx" >/dev/null; then
  echo "fuzz.sh: $cxx not found" >&2
  exit 2
fi
mkdir -p "$build/obj" "$build/corpus"
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
    "$cxx" -x c++ -fsanitize=fuzzer - -o "$build/probe" 2>/dev/null; then
  echo "fuzz.sh: $cxx cannot link -fsanitize=fuzzer (Debian: libclang-rt-14-dev)" >&2
  exit 2
fi

flags=(-std=c++20 -gline-tables-only -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -I "$root")
sources=(dsl/parse/parser.cpp dsl/parse/parser_grammar.cpp dsl/parse/parser_state.cpp dsl/parse/parser_tokens.cpp dsl/parse/parser_flatten.cpp
         dsl/parse/diagnostic.cpp dsl/source_file.cpp tests/fuzz/parser_fuzz.cpp)
objects=()
for src in "${sources[@]}"; do
  obj="$build/obj/$(basename "${src%.cpp}").o"
  if [ ! -f "$obj" ] || [ -n "$(find "$root/$src" "$root/dsl" -name '*.[ch]pp' -newer "$obj" -print -quit)" ]; then
    echo "fuzz.sh: compiling $src" >&2
    "$cxx" "${flags[@]}" -c "$root/$src" -o "$obj"
  fi
  objects+=("$obj")
done
"$cxx" -fsanitize=fuzzer,address,undefined "${objects[@]}" -lfmt -o "$build/parser_fuzz"
[ "$seconds" -eq 0 ] && exit 0

seeds=()
for dir in workflows rules tests/golden/syntax; do
  [ -d "$root/$dir" ] && seeds+=("$root/$dir")
done
cd "$build"
# New inputs go to corpus/ (kept between runs); the seed folders are only read.
exec ./parser_fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -dict="$root/tests/fuzz/parser.dict" -print_final_stats=1 corpus "${seeds[@]}"
