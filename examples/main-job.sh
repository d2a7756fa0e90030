#!/usr/bin/env bash
# The main job (quick start, command 1): a whole MIE 2021 edition through the real CLI on a fresh
# embedded store, then a readable summary of the cohort and an audit of the log.
#
#   examples/main-job.sh [DIR]    # DIR: where to make the store (default: a new folder under $TMPDIR)
#
# Builds nothing: it runs $MENTORFLOW (default build/cli/mentorflow, made by scripts/build.sh).
# The store is kept, so the other commands can look at it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
mentorflow="${MENTORFLOW:-build/cli/mentorflow}"
if [ ! -x "$mentorflow" ]; then
  echo "main-job: $mentorflow is missing: build it first (scripts/build.sh)" >&2
  exit 1
fi
dir="${1:-$(mktemp -d "${TMPDIR:-/tmp}/mentorflow-mie-2021.XXXXXX")}"
store="$dir/store"
if [ -e "$store" ]; then
  echo "main-job: $store exists already: name a fresh folder" >&2
  exit 2
fi
mkdir -p "$dir"
edition=mie-2021
mf() { "$mentorflow" "$1" --store "$store" "${@:2}"; }

echo "== MIE 2021: Mentoring for International Experience, a whole edition on a simulated clock"
echo "store: $store"
mf publish workflows/mie.flow --rules rules/mie-2021.rules --edition "$edition" --now "2021-09-01 09:00 Europe/Rome"
echo
echo "== the edition, September 2021 to June 2022 (examples/mie-2021/README.md tells the story)"
# Every line's outcome goes to run.log; the summary and anything unexpected to the screen.
status=0
mf run --verbose examples/mie-2021/scenario.jsonl > "$dir/run.log" || status=$?
sed -n '/ lines run$/,$p' "$dir/run.log"
echo "each line's outcome, refusals and decisions with their explanations: $dir/run.log"
[ "$status" -eq 0 ] || exit "$status"

echo
echo "== applications by state"
mf cases "$edition" --type application | awk '
  { state[NR] = $2; n[$2]++; split($1, part, "/"); names[$2] = names[$2] (n[$2] > 1 ? ", " : "") part[3] }
  END {
    printf "%d applications\n", NR
    split("matched not_selected ineligible expired submitted draft", order, " ")
    for (i = 1; i in order; i++) { s = order[i]; if (s in n) { show(s); delete n[s] } }
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
echo "why the ineligible are ineligible (rule eligible, rules/mie-2021.rules):"
awk '/accepted: now .ineligible.$/ { split($4, part, "/"); who = part[3]; getline
                                    sub(/^ *ineligible: /, ""); sub(/ \(rule eligible, .*$/, "")
                                    printf "  %-16s %s\n", who, $0 }' "$dir/run.log"

echo
echo "== mentorships: meetings held, diaries, ECTS credits recognised"
mf cases "$edition" --type mentorship --long | awk '
  {
    delete w; for (k = 3; k <= NF; k++) { split($k, kv, "="); w[kv[1]] = kv[2] }
    rows++; states[$2]++; meetings += w["meetings"]
    if ("credits" in w) { credited++; credits += w["credits"] }
    printf "  %-18s with %-17s %-10s %s meetings, %s diaries%s\n", w["mentee"], w["mentor"], $2,
           w["meetings"], w["diaries"], ("credits" in w) ? ", " w["credits"] " ECTS" : ""
  }
  END {
    printf "%d mentorships, %d meetings held:", rows, meetings
    split("completed reporting active signing", order, " ")
    sep = " "
    for (i = 1; i in order; i++) if (order[i] in states) { printf "%s%d %s", sep, states[order[i]], order[i]; sep = ", " }
    printf "\ncredits issued to %d mentees, %d ECTS in all\n", credited, credits
  }'

echo
echo "== audit: hash chain and every recorded decision re-checked"
mf verify
echo
echo "look further: $mentorflow history --store $store $edition/application/luca.rizzo"
