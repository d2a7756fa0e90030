# What the edition jobs share (examples/main-job.sh, examples/mie-2021/run.sh): sourced, not run.
#
#   job_start NAME [DIR]   checks $MENTORFLOW (default build/cli/mentorflow), makes DIR (default: a
#                          new folder under $TMPDIR) and sets $mentorflow, $dir, $store; `mf CMD ...`
#                          then runs `mentorflow CMD --store $store ...`
#   job_run SCENARIO       runs the scenario with every line's outcome in $dir/run.log, prints the
#                          summary, stops the job if anything went unexpectedly
#   why_decided EDITION STATE
#                          for each case of EDITION in STATE, its id and the decision that put it
#                          there, in the words `mentorflow history` gives it (tables' rows kept,
#                          their file left out)
#   by_state EDITION TYPE "STATE..." LABEL
#                          "N LABEL", then one line per state (in that order, others after) with the
#                          count and the case ids, wrapped
# The caller has `cd`ed to the repository and set `set -euo pipefail`.

job_start() {
  local name="$1"
  mentorflow="${MENTORFLOW:-build/cli/mentorflow}"
  if [ ! -x "$mentorflow" ]; then
    echo "$name: $mentorflow is missing: build it first (scripts/build.sh)" >&2
    exit 1
  fi
  dir="${2:-$(mktemp -d "${TMPDIR:-/tmp}/mentorflow-$name.XXXXXX")}"
  store="$dir/store"
  if [ -e "$store" ]; then
    echo "$name: $store exists already: name a fresh folder" >&2
    exit 2
  fi
  mkdir -p "$dir"
}

mf() { "$mentorflow" "$1" --store "$store" "${@:2}"; }

job_run() {
  local status=0
  mf run --verbose "$1" > "$dir/run.log" || status=$?
  sed -n '/ lines run$/,$p' "$dir/run.log"
  echo "each line's outcome, refusals and decisions with their explanations: $dir/run.log"
  [ "$status" -eq 0 ] || exit "$status"
}

why_decided() {
  mf cases "$1" --state "$2" | while read -r name _; do
    mf history "$name" | awk -v who="${name##*/}" -v state="$2" 'index($0, "decided " state ": ") {
      sub(/^ *decided [a-z_]*: /, ""); sub(/ of table [^)]*\)/, ")"); sub(/ \(rule .*$/, "")
      printf "  %-16s %s\n", who, $0 }'
  done
}

by_state() {
  mf cases "$1" --type "$2" | awk -v order="$3" -v label="$4" '
    { n[$2]++; split($1, part, "/"); names[$2] = names[$2] (n[$2] > 1 ? ", " : "") part[3] }
    END {
      printf "%d %s\n", NR, label
      count = split(order, states, " ")
      for (i = 1; i <= count; i++) if (states[i] in n) { show(states[i]); delete n[states[i]] }
      for (s in n) show(s)
    }
    function show(s,   words, k, line, count) {
      count = split(names[s], words, ", ")
      line = sprintf("  %-13s %2d  ", s, n[s])
      for (k = 1; k <= count; k++) {
        if (k > 1 && length(line) + length(words[k]) > 98) { print line ","; line = sprintf("%19s", "") }
        else if (k > 1) line = line ", "
        line = line words[k]
      }
      print line
    }'
}
