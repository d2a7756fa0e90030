#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever mentorflow needs that this machine lacks.
# Idempotent: asks apt only for missing packages, and runs `apt-get update` only when one is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-dev libboost-system-dev     # Asio/Beast, Spirit X3 (headers)
  librocksdb-dev rocksdb-tools         # the event store; `ldb` to inspect it
  libfmt-dev nlohmann-json3-dev catch2
  libjemalloc-dev                      # the programs' allocator: faster small allocations across threads (CMakeLists.txt)
  libpq-dev                            # libpq: the PostgreSQL store backend (store/pg/)
  postgresql-15                        # a throwaway cluster for the tests (scripts/pg-cluster.sh)
  libssl-dev                           # SHA-256 for the hash chain (OpenSSL's is vectorised and audited)
  clang libclang-rt-14-dev             # scripts/fuzz.sh: libFuzzer and the sanitizers for the fuzz targets (tests/fuzz/)
  graphviz                             # `dot`: renders `mentorflow graph` output; tests/dsl/graph_test renders with it
  tzdata                               # the IANA zones date-times are read in (dsl/time/time_zone.cpp reads its TZif files)
  libhpdf-dev                          # libharu: certificate PDFs with built-in fonts and no clock or random ids (byte-deterministic)
  fonts-dejavu-core                    # DejaVu Sans (Latin, Greek, Cyrillic), embedded in certificates so names print as written; pinned by SHA-256
  poppler-utils                        # `pdftotext`: tests read the certificates back
  chromium                             # the web app's browser tests (puppeteer-core drives it; it never downloads one)
)
# Node.js and npm build the web app (web/: npm ci, tsc, esbuild). Debian 12 has Node 18 and npm 9,
# which web/package-lock.json supports; a machine with a newer Node (whose package may carry npm
# itself) keeps it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${#missing[@]} Debian packages (a few minutes on a fresh machine): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
