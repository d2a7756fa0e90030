"""Writes a scenario for `mentorflow run` (format: examples/README.md), for the generators in
examples/*/generate.py.

Lines are gathered phase by phase: within a phase each line is placed by its simulated time (ties
keep the order they were added in), so a generator can walk person by person and still produce a
scenario whose clock never goes back. A comment or a blank line ends the phase.

Deterministic by construction: no randomness and no wall clock here; generators draw their variety
from arithmetic on each person's place in their lists.
"""
import datetime as dt
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


class Scenario:
    def __init__(self, edition, zone):
        self.edition = edition
        self.zone = zone
        self.out = []
        self.pending = []  # (sort key, line) of the phase being written

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
        """Writes to argv[1] when given, else to scenario.jsonl beside the generator."""
        path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(generator_file).with_name(
            "scenario.jsonl")
        path.write_text(self.text(), encoding="utf-8")
