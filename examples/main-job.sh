#!/usr/bin/env bash
# The main job (quick start, command 1): the 2025-26 edition of Mentoring at the University of
# Milan through the real CLI on a fresh embedded store, then a readable summary of the cohort
# (selected, matched with the rank obtained, meetings, certificates), the certificates written as
# PDFs, and an audit of the log.
#
#   examples/main-job.sh [DIR]    # DIR: where to make the store (default: a new folder under $TMPDIR)
#
# Builds nothing: it runs $MENTORFLOW (default build/cli/mentorflow, made by scripts/build.sh).
# The store, the run's log and the PDFs are kept, so the other commands can look at them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/job.sh
job_start unimi-2025 "${1:-}"
edition=unimi-2025

echo "== Mentoring at the University of Milan 2025-26: a whole edition on a simulated clock"
echo "store: $store"
echo
echo "== May 2025 to May 2026, then 2026-27 opens (the story: examples/unimi-2025/README.md)"
job_run examples/unimi-2025/scenario.jsonl

echo
echo "== selection by the Career Service (scores from rules/unimi-2025.rules, pass mark 60 of 100)"
by_state "$edition" mentee_application "matched not_matched not_trained not_selected" "mentee applications"
by_state "$edition" mentor_application "matched closed not_trained not_selected" "mentor applications"
echo "why the not selected were not selected (the recorded decision, in words):"
why_decided "$edition" not_selected

echo
echo "== matching: the mentor each mentee got, the rank obtained, meetings, the end of the journey"
# "NAME: proposed MENTOR (Nth choice)" per mentee, in the matching run's entry of the round's history
mf history "$edition/round" > "$dir/round.txt"
mf cases "$edition" --type mentorship --long > "$dir/mentorships.txt"
sed -n 's/^ *\([a-z]* matching of .*\)$/\1/p' "$dir/round.txt"
awk '
  FILENAME ~ /round.txt$/ {
    if ($2 == "proposed") { who = $1; sub(/:$/, "", who); proposed[who] = $3; choice[who] = $4; sub(/^\(/, "", choice[who]) }
    else if ($2 == "not" && $3 == "matched:") { unmatched++ }
    next
  }
  FILENAME ~ /run.log$/ {
    if ($2 ~ /^(log_meeting|override_match)$/) { n = split($4, part, "/"); current = part[n]; command = $2 }
    else if (command == "log_meeting" && $1 == "flagged:") { gap = $0; sub(/^.*came /, "", gap); sub(/ after.*$/, "", gap); flagged[current] = flagged[current] " " gap }
    next
  }
  {
    delete w; for (k = 3; k <= NF; k++) { split($k, kv, "="); w[kv[1]] = kv[2] }
    who = w["mentee"]; rows++; states[$2]++; meetings += w["meetings"]
    rank = (proposed[who] == w["mentor"]) ? choice[who] : "staff"
    ranks[rank]++
    if ("certificate" in w) certified++
    if ("acknowledgement" in w) acknowledged++
    line = sprintf("  %-17s %-17s %-6s %s meetings  %s", who, w["mentor"], rank == "staff" ? "*" : rank,
                   w["meetings"], $2)
    if (rank == "staff") line = line "  (the run proposed " proposed[who] ", their " choice[who] " choice)"
    if (who in flagged) line = line "  gap flagged:" flagged[who]
    print line
  }
  END {
    printf "%d pairs: %d got their 1st choice, %d their 2nd, %d their 3rd, %d (*) a mentor the Career Service chose\n",
           rows, ranks["1st"], ranks["2nd"], ranks["3rd"], ranks["staff"]
    printf "  (%d mentees who ranked mentors were left without one); %d meetings held: %d pairs certified, %d incomplete\n",
           unmatched, meetings, states["certified"], states["incomplete"]
    printf "certificates of attendance: %d to mentees, %d to mentors; %d mentors acknowledged on the website\n",
           certified, certified, acknowledged
  }' "$dir/round.txt" "$dir/run.log" "$dir/mentorships.txt"
echo "why the others have no mentor (recorded when the mentoring started):"
for state in not_matched not_trained; do mf cases "$edition" --type mentee_application --state "$state"; done |
  while read -r name _; do
    mf state "$name" | sed -n 's/^ *"unmatched_reason": "\(.*\)",\{0,1\}$/\1/p' |
      awk -v who="${name##*/}" '{ printf "  %-16s %s\n", who, $0 }'
  done

echo
echo "== the certificates as PDFs, each rendered from the log and checked against its recorded SHA-256"
mf certificates "$edition" --out "$dir/certificates" > "$dir/certificates.txt"
tail -n 1 "$dir/certificates.txt"
echo "e.g. $dir/certificates/$(head -n 1 "$dir/certificates.txt" | cut -d ' ' -f 1)"

echo
echo "== 2026-27 (rules/unimi-2026.rules): the form's CSV export imported, then the selection"
{ mf cases "$edition"; echo; mf cases unimi-2026; } | awk '
  /^$/ { next_edition = 1; next }
  { split($1, part, "/"); if (part[3] == "") next; key = part[2] "/" part[3] }
  !next_edition { was[key] = $2; next }
  { printf "  %-16s %-19s %-13s %s\n", part[3], part[2], $2, (key in was) ? "in 2025-26: " was[key] : "new" }'

echo
echo "== audit: hash chain, every recorded decision, matching run and certificate re-checked"
mf verify
echo
echo "look further: $mentorflow history --store $store $edition/round"
echo "              $mentorflow ics --store $store $edition/mentorship/alessia.conti > meetings.ics"

echo
echo "== the web app on this store: a token for each of the edition's people"
# Every person the scenario acts as, with their roles (both editions), plus an auditor; the
# server reads $dir/tokens (only the tokens' SHA-256), people read theirs in $dir/tokens.txt.
: > "$dir/tokens.txt"
chmod 600 "$dir/tokens.txt"
sed -n 's/.*"as": "\([a-z_]*\):\([a-z0-9._-]*\)".*/\2 \1/p' examples/unimi-2025/scenario.jsonl | sort -u |
  awk '{ if ($1 in roles) roles[$1] = roles[$1] "," $2; else roles[$1] = $2 } END { for (u in roles) print u, roles[u] }' | sort |
  while read -r user roles; do
    token=$("$mentorflow" token add --tokens "$dir/tokens" --user "$user" --roles "$roles" --editions unimi-2025,unimi-2026)
    printf '%-20s %-16s %s\n' "$user" "$roles" "$token" >> "$dir/tokens.txt"
  done
token=$("$mentorflow" token add --tokens "$dir/tokens" --user auditor --roles auditor --editions '*')
printf '%-20s %-16s %s\n' auditor auditor "$token" >> "$dir/tokens.txt"
now=$(tail -n 1 examples/unimi-2025/scenario.jsonl | sed -n 's/^{"now": "\([^"]*\)".*/\1/p')
staff=$(awk '$2 == "career_service" { print; exit }' "$dir/tokens.txt")
mentee=$(awk '$1 == "alessia.conti" { print; exit }' "$dir/tokens.txt")
echo "$(($(wc -l < "$dir/tokens.txt"))) people: $dir/tokens.txt (user, roles, token; keep it private)"
echo "serve it on the run's last simulated time, then open the URL and sign in with a token:"
echo "  $mentorflow serve --store $store --tokens $dir/tokens --listen 127.0.0.1:8080 --now '$now'"
echo "  http://127.0.0.1:8080/"
echo "  staff, the Career Service: ${staff%% *}  $(echo "$staff" | awk '{ print $3 }')"
echo "  a mentee:                  ${mentee%% *}  $(echo "$mentee" | awk '{ print $3 }')"
