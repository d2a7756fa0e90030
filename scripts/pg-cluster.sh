#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (ctest fixture "postgresql", tests/store/CMakeLists.txt).
#
#   scripts/pg-cluster.sh start URL_FILE   initdb into a new temporary folder, start the server on a
#                                          free port of 127.0.0.1 (its socket in that folder, trust
#                                          authentication) and write its connection URL to URL_FILE
#   scripts/pg-cluster.sh stop URL_FILE    stop that server, remove its folder and URL_FILE
#   scripts/pg-cluster.sh start URL_FILE --durable   the same with fsync on, for the benchmarks
#                                          (docs/BENCHMARKS.md), whose durable appends must be durable
#   scripts/pg-cluster.sh crash URL_FILE   stop that server as a crash would (immediate: no
#                                          checkpoint, what is only in its memory is lost)
#   scripts/pg-cluster.sh restart URL_FILE start it again, on the same port (it recovers from its WAL)
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (the
# postgresql-15 package creates it); as anyone else, to that user. fsync is off: the cluster is
# thrown away after the tests, whose durability is not what they test.
set -euo pipefail

usage() { echo "usage: $0 start|stop|crash|restart URL_FILE [--durable]" >&2; exit 2; }
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = start ] && [ "$3" = --durable ]; } || usage
action=$1
url_file=$2
fsync=off
[ "${3:-}" = --durable ] && fsync=on
dir_file="$url_file.dir"

# The newest installed PostgreSQL's programs, else those on PATH.
bin=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do bin=$d; break; done
pg() { if [ -n "$bin" ]; then echo "$bin/$1"; else command -v "$1"; fi; }
if ! [ -x "$(pg initdb 2>/dev/null)" ]; then
  echo "pg-cluster: PostgreSQL's initdb is not installed (scripts/install-deps.sh installs postgresql-15)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local tmp port attempt
  # A cluster this file names already (ctest --repeat runs the fixture's start again, without its
  # stop in between): stopped first, so that no cluster is left running unnamed.
  [ -f "$dir_file" ] && stop
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mentorflow-pg.XXXXXX")
  chmod 755 "$tmp"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$tmp"
  echo "$tmp" > "$dir_file"
  as_owner "$(pg initdb)" -D "$tmp/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 ||
    { cat "$tmp/initdb.log" >&2; exit 1; }
  as_owner mkdir "$tmp/socket"
  # A random port, tried again when the server cannot have it (another cluster took it).
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    printf "%s\n" "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$tmp/socket -c fsync=$fsync -c max_connections=200" \
      > "$tmp/options"
    if as_owner "$(pg pg_ctl)" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start -o "$(cat "$tmp/options")" >/dev/null; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$url_file"
      echo "pg-cluster: PostgreSQL on 127.0.0.1:$port, data in $tmp/data" >&2
      return 0
    fi
  done
  echo "pg-cluster: the server did not start; its log:" >&2
  cat "$tmp/server.log" >&2
  exit 1
}

stop() {
  [ -f "$dir_file" ] || { echo "pg-cluster: no cluster was started for $url_file" >&2; exit 0; }
  local tmp
  tmp=$(cat "$dir_file")
  if [ -d "$tmp/data" ]; then as_owner "$(pg pg_ctl)" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$tmp" "$url_file" "$dir_file"
}

crash() {
  [ -f "$dir_file" ] || { echo "pg-cluster: no cluster was started for $url_file" >&2; exit 1; }
  as_owner "$(pg pg_ctl)" -D "$(cat "$dir_file")/data" -m immediate -w stop >/dev/null
}

restart() {
  [ -f "$dir_file" ] || { echo "pg-cluster: no cluster was started for $url_file" >&2; exit 1; }
  local tmp
  tmp=$(cat "$dir_file")
  as_owner "$(pg pg_ctl)" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start -o "$(cat "$tmp/options")" >/dev/null ||
    { echo "pg-cluster: the server did not start again; its log:" >&2; cat "$tmp/server.log" >&2; exit 1; }
}

case "$action" in
  start) start ;;
  stop) stop ;;
  crash) crash ;;
  restart) restart ;;
  *) usage ;;
esac
