#!/usr/bin/env bash
# A whole MIE 2021 edition (and MIE 2022's reapplications) through the real CLI on a fresh embedded
# store, then a readable summary of the cohort and an audit of the log. (Until UniMi 2025-26 took
# its place, this was the main job.)
#
#   examples/mie-2021/run.sh [DIR]    # DIR: where to make the store (default: a new folder under $TMPDIR)
#
# Builds nothing: it runs $MENTORFLOW (default build/cli/mentorflow, made by scripts/build.sh).
# The store is kept, so the other commands can look at it afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
source examples/job.sh
job_start mie-2021 "${1:-}"
edition=mie-2021

echo "== MIE 2021: Mentoring for International Experience, a whole edition on a simulated clock"
echo "store: $store"
mf publish workflows/mie.flow --rules rules/mie-2021.rules --edition "$edition" --now "2021-09-01 09:00 Europe/Rome"
echo
echo "== the edition, September 2021 to June 2022 (examples/mie-2021/README.md tells the story)"
job_run examples/mie-2021/scenario.jsonl

echo
echo "== applications by state"
by_state "$edition" application "matched not_selected ineligible expired submitted draft" applications
echo "why the ineligible are ineligible (rule eligible, rules/mie-2021.rules, in words):"
why_decided "$edition" ineligible

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
