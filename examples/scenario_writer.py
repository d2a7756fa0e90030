"""Writes a scenario for `mentorflow run` (format: examples/README.md), for the generators in
examples/*/generate.py.

Lines are gathered phase by phase: within a phase each line is placed by its simulated time (ties
keep the order they were added in), so a generator can walk person by person and still produce a
scenario whose clock never goes back. A comment or a blank line ends the phase.

Deterministic by construction: no randomness and no wall clock here; generators draw their variety
from arithmetic on each person's place in their lists.
"""
import csv
import datetime as dt
import io
import json
import pathlib
import sys


def day(year, month, date):
    return dt.date(year, month, date)


def full_name(user, spelled=None):
    """The name a certificate is made out to: `spelled[user]` when given (accents), else the user id
    with its parts capitalised ("nadia.el.amrani" -> "Nadia El Amrani")."""
    if spelled and user in spelled:
        return spelled[user]
    return " ".join(part.capitalize() for part in user.split("."))


def deferred_acceptance(prefs, places):
    """What a `match` clause run `stable` proposes (docs/ENGINE.md, "Matching"): each left (id ->
    its acceptable rights, best first) proposes down its list; a right holds up to places[right]
    lefts, keeping those who ranked it higher, then the earlier case id. Returns left -> right."""
    next_choice = {left: 0 for left in prefs}
    held = {right: [] for right in places}
    free = sorted(prefs)
    while free:
        left = free.pop(0)
        while next_choice[left] < len(prefs[left]):
            right = prefs[left][next_choice[left]]
            next_choice[left] += 1
            if places.get(right, 0) == 0:
                continue
            held[right].append(left)
            held[right].sort(key=lambda other: (prefs[other].index(right), other))
            if len(held[right]) <= places[right]:
                break
            out = held[right].pop()
            if out != left:
                free.append(out)
                free.sort()
                break
    return {left: right for right, lefts in held.items() for left in lefts}


class Scenario:
    def __init__(self, edition, zone):
        self.edition = edition
        self.zone = zone
        self.out = []
        self.pending = []  # (sort key, line) of the phase being written
        self.files = {}    # name -> text of the files written beside the scenario (CSV exports)

    def at(self, date, hour=9, minute=0):
        """A local time in the scenario's zone, as the language writes it."""
        return f"{date.isoformat()} {hour:02d}:{minute:02d} {self.zone}"

    def header(self, text):
        self.out.append("# " + text)

    def comment(self, text):
        self.flush()
        self.out.append("# " + text)

    def blank(self):
        self.flush()
        self.out.append("")

    def add(self, when, line):
        """`when` is (date, hour, minute); lines of a phase are written in time order."""
        self.pending.append(((when, len(self.pending)), line))

    def publish(self, when, workflow, rules, edition=None):
        self.add(when, {"publish": {"workflow": workflow, "rules": rules, "edition": edition or self.edition},
                        "now": self.at(*when)})

    def import_csv(self, when, name, rows, into, command):
        """An `import` line: `rows` (dicts, the first one's keys naming the columns) become the CSV
        file `name` beside the scenario, imported into `into` (EDITION/TYPE) by `command`."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.files[name] = out.getvalue()
        self.add(when, {"import": {"csv": name, "into": into, "command": command}, "now": self.at(*when)})

    def tick(self, when):
        self.add(when, {"tick": True, "now": self.at(*when)})

    def command(self, when, who, case, command, inputs=None, refused=None, edition=None):
        """`case` is relative to the edition (`application/anna`, or a cohort's name); `refused`, when
        given, is the part of the refusal the line expects."""
        line = {"now": self.at(*when), "as": who, "case": f"{edition or self.edition}/{case}", "command": command}
        if inputs:
            line["inputs"] = inputs
        if refused is not None:
            line["expect"] = "refused"
            line["reason"] = refused
        self.add(when, line)

    def flush(self):
        for _, line in sorted(self.pending, key=lambda p: p[0]):
            self.out.append(json.dumps(line, ensure_ascii=False))
        self.pending = []

    def text(self):
        self.flush()
        return "\n".join(self.out) + "\n"

    def write(self, generator_file):
        """Writes to argv[1] when given, else to scenario.jsonl beside the generator; the other files
        go beside the scenario."""
        path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(generator_file).with_name(
            "scenario.jsonl")
        path.write_text(self.text(), encoding="utf-8")
        for name, text in self.files.items():
            path.with_name(name).write_text(text, encoding="utf-8")
