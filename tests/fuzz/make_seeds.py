#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/seeds/TARGET/) from the shipped material:
the example scenarios, their CSV exports, the workflows and rules. Run from anywhere; the files are
committed, so this is only needed when the material changes. `--mentorflow BIN` (a built
`mentorflow`) also writes the import seeds: exports of the example scenarios run into stores.

    tests/fuzz/make_seeds.py [--mentorflow build/cli/mentorflow]
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "tests", "fuzz", "seeds")
SCENARIOS = ["mie-2021", "unimi-2025", "mileage-pilot", "online-mentor-pilot"]
# The editions the inputs target publishes, by workflow: a scenario's other editions map to them.
INPUT_EDITIONS = {"mie": "mie-2021", "unimi": "unimi-2025", "mileage": "mileage-pilot", "online": "online-mentor-pilot"}


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


def scenario_lines(name):
    for raw in read(f"examples/{name}/scenario.jsonl").splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            yield json.loads(raw)


def write(target, content):
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    # Named by content, as libFuzzer names corpus files, so that rerunning adds no duplicates.
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def fresh(target):
    shutil.rmtree(os.path.join(SEEDS, target), ignore_errors=True)


def inputs_seeds():
    fresh("inputs")
    seen = set()
    for name in SCENARIOS:
        for line in scenario_lines(name):
            if "command" not in line:
                continue
            edition, kind = line["case"].split("/")[:2]
            edition = INPUT_EDITIONS[next(k for k in INPUT_EDITIONS if edition.startswith(k))]
            inputs = line.get("inputs", {})
            key = (edition, kind, line["command"], tuple(sorted(inputs)))
            if key in seen:
                continue
            seen.add(key)
            write("inputs", f"{edition}/{kind} {line['command']}\n" + json.dumps(inputs, ensure_ascii=False))


def request(method, target, token=None, body=None, content_type="application/json", extra=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    lines.extend(extra)
    data = b""
    if body is not None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        lines.append(f"Content-Type: {content_type}")
        lines.append(f"Content-Length: {len(data)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + data


def http_seeds():
    fresh("http")
    staff, audit, publish = "tok-giovanna.ricci", "tok-audit", "tok-publish"
    seen_commands = set()
    cases = {}
    for line in scenario_lines("unimi-2025"):
        if "command" not in line:
            continue
        user = line["as"].split(":")[1]
        cases.setdefault(line["case"], f"tok-{user}")
        key = (line["case"].split("/")[1] if line["case"].count("/") == 2 else line["case"], line["command"])
        if key in seen_commands:
            continue
        seen_commands.add(key)
        body = {"command": line["command"], "inputs": line.get("inputs", {})}
        write("http", request("POST", f"/v1/cases/{line['case']}", f"tok-{user}", json.dumps(body, ensure_ascii=False)))
        # The same, decided only, then the case read back: a connection with two requests.
        body["dry_run"] = True
        write("http", request("POST", f"/v1/cases/{line['case']}", f"tok-{user}", json.dumps(body, ensure_ascii=False)) +
              request("GET", f"/v1/cases/{line['case']}", f"tok-{user}"))
    for case, token in list(cases.items())[:12]:
        for prefix in ["cases", "history", "commands", "calendar", "certificates", "streams"]:
            write("http", request("GET", f"/v1/{prefix}/{case}", token))
        write("http", request("GET", f"/v1/cases/{case}?at=100", staff))
        write("http", request("GET", f"/v1/documents/{case}?name=cv", staff))
    for edition in ["unimi-2025", "unimi-2026"]:
        for suffix in ["definition", "graph.svg", "cases?type=mentee_application&state=matched", "cases", "dashboard", "matching",
                       "certificates", "placements", "commands?type=mentee_application", "commands?type=mentor_application&id=new.one"]:
            write("http", request("GET", f"/v1/editions/{edition}/{suffix}", staff))
        rules = read("rules/unimi-2026.rules")
        write("http", request("POST", f"/v1/editions/{edition}/what-if", staff,
                              json.dumps({"rules": {"name": "rules/unimi-2026.rules", "text": rules}})))
        for csv in ["mentees-2026.csv", "mentors-2026.csv"]:
            kind = "mentee_application" if "mentees" in csv else "mentor_application"
            command = "apply_as_mentee" if kind == "mentee" else "apply_as_mentor"
            write("http", request("POST", f"/v1/editions/{edition}/import?type={kind}&command={command}&dry_run=true&name={csv}",
                                  staff, read(f"examples/unimi-2025/{csv}"), "text/csv"))
    for path in ["/v1/health", "/v1/checkpoint", "/metrics", "/", "/assets/app.js", "/v1/nothing"]:
        write("http", request("GET", path))
    for token in [staff, audit, publish, "tok-beatrice.leoni", "tok-nobody"]:
        for path in ["/v1/me", "/v1/me/cases", "/v1/editions"]:
            write("http", request("GET", path, token))
    write("http", request("POST", "/v1/session", None, json.dumps({"token": "tok-beatrice.leoni"})) +
          request("DELETE", "/v1/session", None, extra=["Cookie: mf_session=abc", "X-CSRF-Token: abc"]))
    workflow, rules = read("workflows/unimi-mentoring.flow"), read("rules/unimi-2025.rules")
    files = {"workflow": {"name": "workflows/unimi-mentoring.flow", "text": workflow},
             "rules": {"name": "rules/unimi-2025.rules", "text": rules}}
    write("http", request("POST", "/v1/check", "tok-beatrice.leoni", json.dumps(files)))
    write("http", request("PUT", "/v1/editions/unimi-2027", publish, json.dumps(files)))
    write("http", request("POST", "/v1/check", staff, json.dumps({"workflow": {"name": "w.flow", "text": "workflow x \"X\" {\n}\n"}})))
    write("http", request("POST", "/v1/uploads?name=cv.pdf", "tok-beatrice.leoni", b"%PDF-1.4\n%fuzz\n", "application/pdf"))
    write("http", b"GET /v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    write("http", b"POST /v1/cases/unimi-2025/mentee/x HTTP/1.1\r\nAuthorization: Bearer tok-x\r\n"
                  b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")


def csv_seeds():
    fresh("csv")
    for name in ["mentees-2026.csv", "mentors-2026.csv"]:
        text = read(f"examples/unimi-2025/{name}")
        write("csv", text)
        lines = text.splitlines(keepends=True)
        write("csv", "".join(lines[:3]))
        write("csv", "\ufeff" + "".join(lines[:4]).replace("\n", "\r\n"))
        write("csv", "".join(lines[:4]).replace(",", ";"))
    # Quoted cells, lists, a blank line, an empty optional cell (engine/imports/csv.hpp).
    write("csv", 'user,id,status,degree_course,self_assessment,cv,self_assessment_test,graduated_on\n'
                 '"rossi.a",a-1,recent_graduate,"Economics, Management",70,cv.pdf,"test ""1"".pdf",2026-01-10\n\n'
                 'bianchi.b,,final_year_student,Law,81,cv-b.pdf,t-b.pdf,\n')


def import_seeds(mentorflow):
    fresh("import")
    with tempfile.TemporaryDirectory() as tmp:
        for name in SCENARIOS:
            store = os.path.join(tmp, name)
            subprocess.run([mentorflow, "run", "--store", store, os.path.join(ROOT, "examples", name, "scenario.jsonl")],
                           check=True, stdout=subprocess.DEVNULL)
            export = subprocess.run([mentorflow, "export", "--store", store], check=True, capture_output=True).stdout
            lines = export.splitlines(keepends=True)
            for count in [1, 3, 12]:
                write("import", b"".join(lines[:count]))


def dict_line(word):
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "".join(f"\\x{b:02X}" for b in c.encode("utf-8"))
                         for c in word) + '"'


def write_dict(target, title, words):
    with open(os.path.join(ROOT, "tests", "fuzz", f"{target}.dict"), "w", encoding="utf-8") as f:
        f.write(f"# libFuzzer dictionary for tests/fuzz/{target}_fuzz.cpp: {title}. Written by make_seeds.py.\n")
        for word in sorted(set(w for w in words if w)):
            f.write(dict_line(word) + "\n")


def dictionaries():
    commands, cases, users, keys, values = set(), set(), set(), set(), set()
    for name in SCENARIOS:
        for line in scenario_lines(name):
            if "command" not in line:
                continue
            commands.add(line["command"])
            cases.add(line["case"])
            users.add(line["as"].split(":")[1])
            for k, v in line.get("inputs", {}).items():
                keys.add(k)
                if isinstance(v, str) and len(v) < 24 and " " not in v:
                    values.add(v)
    json_words = ["{", "}", "[", "]", ":", ",", "null", "true", "false", '""', "-1", "1e308", "0.5", "9223372036854775808",
                  "\\u0000", "\\ud800", "A1", "C2", "90min", "2h", "3weeks", "6 weeks", "2025-09-01",
                  "2025-09-01T18:00:00+02:00[Europe/Rome]", "{\"file\": \"cv.pdf\", \"sha256\": \"\"}"]
    write_dict("inputs", "JSON, and the shipped programmes' commands, inputs and values",
               json_words + sorted(commands) + sorted(keys) + sorted(values))
    http_words = ["GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n", "\r\n\r\n",
                  "Host: ", "Authorization: Bearer ", "Content-Type: application/json", "Content-Type: text/csv",
                  "Content-Length: ", "Transfer-Encoding: chunked", "Connection: close", "Cookie: mf_session=",
                  "X-CSRF-Token: ", "Origin: http://127.0.0.1", "Expect: 100-continue", "X-Forwarded-Proto: https",
                  "/v1/cases/", "/v1/history/", "/v1/commands/", "/v1/certificates/", "/v1/calendar/", "/v1/streams/",
                  "/v1/documents/", "/v1/editions/", "/v1/editions", "/v1/me", "/v1/me/cases", "/v1/session",
                  "/v1/check", "/v1/uploads", "/v1/health", "/v1/checkpoint", "/metrics", "/definition", "/graph.svg",
                  "/commands", "/cases", "/placements", "/dashboard", "/matching", "/certificates", "/import", "/what-if",
                  "?at=", "?from=", "?type=", "&state=", "&command=", "&dry_run=true", "?name=", "&variant=", "?file=",
                  "%2F", "%00", "%ZZ", "unimi-2025", "unimi-2026", "mentee_application", "mentor_application", "mentorship",
                  "tok-audit", "tok-publish", "\"command\"", "\"inputs\"", "\"dry_run\"", "\"workflow\"", "\"rules\"",
                  "\"name\"", "\"text\"", "\"token\""]
    write_dict("http", "HTTP, the API's paths and headers, the UniMi scenario's people, cases and commands",
               http_words + sorted(commands) + sorted(c for c in cases if c.startswith("unimi")) +
               ["tok-" + u for u in sorted(users)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mentorflow", help="a built mentorflow, to write the import seeds as well")
    args = parser.parse_args()
    inputs_seeds()
    http_seeds()
    csv_seeds()
    dictionaries()
    if args.mentorflow:
        import_seeds(os.path.abspath(args.mentorflow))


if __name__ == "__main__":
    main()
