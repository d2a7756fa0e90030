#!/usr/bin/env python3
"""Writes scenario.jsonl: the Online MENTOR pilot course, line by line, for `mentorflow run`.

Deterministic: no randomness, no clock; the variety (days, who convenes, which module when) comes
from arithmetic on each person's position in the lists below. Run it after changing the story and
commit both files:

    python3 examples/online-mentor-pilot/generate.py        # rewrites scenario.jsonl beside it
    python3 examples/online-mentor-pilot/generate.py OUT    # writes OUT instead (the tests compare)

The story is told in README.md beside this file; the people are invented.
"""
import datetime as dt
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from scenario_writer import Scenario, day, full_name  # noqa: E402

EDITION = "online-mentor-pilot"
# seed: "Project Coordinator: Asociatia Everest & Country: RO" — the course runs on its clock
ZONE = "Europe/Bucharest"
AUDITOR = "irena.balan"

# seed: "partner organizations from 5 countries (RO, CZ, BG, SI, LT)"; "a network of specialized
# trainers on mentorship": one trainer per country, then its learners with their profile and age.
# seed: "addressed firstly youth trainers, teachers, practice mentors, youth workers and secondly
# youth over 18 ..., students, volunteers, internship participants"
COUNTRIES = {
    "romania": ("cristina.munteanu", [
        ("andrei.popescu", "youth_trainer", 34), ("ioana.ionescu", "teacher", 41),
        ("mihai.dumitru", "youth_worker", 27), ("elena.stan", "student", 21),
        ("radu.constantin", "practice_mentor", 45), ("maria.gheorghe", "volunteer", 19),
        ("alexandru.marin", "young_professional", 24), ("ana.stoica", "intern", 22)]),
    "czechia": ("pavel.cerny", [
        ("jan.novak", "teacher", 38), ("petra.svobodova", "youth_worker", 29),
        ("tomas.dvorak", "student", 22), ("lucie.cerna", "youth_trainer", 31),
        ("martin.prochazka", "intern", 23), ("katerina.kucerova", "practice_mentor", 50),
        ("jakub.vesely", "young_professional", 25), ("tereza.horakova", "volunteer", 20)]),
    "bulgaria": ("stefan.kolev", [
        ("georgi.ivanov", "youth_worker", 33), ("maria.petrova", "teacher", 44),
        ("dimitar.georgiev", "young_professional", 26), ("elena.dimitrova", "student", 20),
        ("nikolay.nikolov", "practice_mentor", 39), ("desislava.todorova", "intern", 23),
        ("ivan.stoyanov", "volunteer", 19), ("ralitsa.angelova", "youth_trainer", 36)]),
    "slovenia": ("tina.kos", [
        ("luka.kovac", "student", 23), ("nina.horvat", "youth_trainer", 30),
        ("matej.kranjc", "teacher", 47), ("eva.zupancic", "youth_worker", 28),
        ("ziga.potocnik", "intern", 22), ("maja.vidmar", "young_professional", 25),
        ("jan.mlakar", "practice_mentor", 52), ("spela.golob", "volunteer", 19)]),
    "lithuania": ("darius.urbonas", [
        ("jonas.kazlauskas", "young_professional", 26), ("ruta.jankauskiene", "teacher", 42),
        ("mantas.petrauskas", "youth_worker", 31), ("egle.stankeviciute", "student", 21),
        ("lukas.vasiliauskas", "intern", 23), ("ieva.zukauskaite", "youth_trainer", 35),
        ("tomas.butkus", "practice_mentor", 48), ("greta.paulauskaite", "volunteer", 20)]),
}
CODE = {"romania": "ro", "czechia": "cz", "bulgaria": "bg", "slovenia": "si", "lithuania": "lt"}
# names as the learners write them (the certificate is made out to it)
SPELLED = {"tomas.dvorak": "Tomáš Dvořák", "petra.svobodova": "Petra Svobodová", "lucie.cerna": "Lucie Černá",
           "martin.prochazka": "Martin Procházka", "katerina.kucerova": "Kateřina Kučerová",
           "jakub.vesely": "Jakub Veselý", "tereza.horakova": "Tereza Horáková", "jan.novak": "Jan Novák",
           "luka.kovac": "Luka Kovač", "eva.zupancic": "Eva Zupančič", "ziga.potocnik": "Žiga Potočnik",
           "spela.golob": "Špela Golob", "ruta.jankauskiene": "Rūta Jankauskienė",
           "egle.stankeviciute": "Eglė Stankevičiūtė", "greta.paulauskaite": "Greta Paulauskaitė",
           "ieva.zukauskaite": "Ieva Žukauskaitė"}
COORDINATOR = "cristina.munteanu"  # Asociatia Everest's trainer closes the course
TOO_YOUNG = ("david.popa", "romania", "student", 17)  # seed: "youth over 18"

# Who does not finish, and how; everyone else completes every part of the course.
WITHDRAWN = "ana.stoica"            # enrols, withdraws before a trainer admits her: stays enrolled
MODULES_DONE = {"jakub.vesely": 3}  # online modules finished (of 5)
FACE_TO_FACE_DONE = {"ivan.stoyanov": 1}  # face-to-face sessions attended (of 2)
MISSES_LAST_PEER_SESSION = "maja.vidmar"
DROPPED_OUT = "greta.paulauskaite"  # admitted, then nothing

# rules/online-mentor-pilot.rules: every module, two face-to-face sessions, three peer sessions
MODULES = ["mentorship", "career_guidance", "peer_coaching", "entrepreneurship", "gender_balance"]
FACE_TO_FACE = [(day(2018, 11, 17), "mentorship"), (day(2019, 2, 16), "peer_coaching")]
PEER_SESSIONS = [day(2018, 12, 6), day(2019, 1, 17), day(2019, 2, 28)]


def learner_case(who):
    return f"{EDITION}/enrolment/{who}"


def peer_groups(country, learners):
    """Groups of two or three among the learners who take part, in list order: ro-1, ro-2, ..."""
    members = [who for who, _, _ in learners if who not in (WITHDRAWN, DROPPED_OUT)]
    sizes = [3] * (len(members) // 3)
    if len(members) % 3 == 2:
        sizes.append(2)
    elif len(members) % 3 == 1:
        sizes[-1] = 2
        sizes.append(2)
    groups, start = [], 0
    for k, size in enumerate(sizes):
        groups.append((f"{CODE[country]}-{k + 1}", members[start:start + size]))
        start += size
    return groups


def write_enrolment(s):
    s.comment("October 2018: learners in the five partner countries enrol; their country's trainer admits them.")
    s.publish((day(2018, 9, 24), 9, 0), "../../workflows/online-mentor.flow", "../../rules/online-mentor-pilot.rules")
    for c, (country, (trainer, learners)) in enumerate(COUNTRIES.items()):
        for i, (who, profile, age) in enumerate(learners):
            enrolled = day(2018, 10, 1) + dt.timedelta(days=(i * 2 + c) % 10)
            s.command((enrolled, 10 + i, 5 * c), "learner:" + who, f"enrolment/{who}", "enrol",
                      {"full_name": full_name(who, SPELLED), "profile": profile, "country": country, "age": age})
            if who != WITHDRAWN:
                s.command((day(2018, 10, 15), 9 + c, 2 * i), "trainer:" + trainer, f"enrolment/{who}", "admit")
    who, country, profile, age = TOO_YOUNG
    s.command((day(2018, 10, 3), 17, 0), "learner:" + who, f"enrolment/{who}", "enrol",
              {"full_name": full_name(who), "profile": profile, "country": country, "age": age},
              refused="the course is for learners aged 18 or over (given: 17)")
    s.command((day(2018, 10, 4), 18, 0), "learner:andrei.popescu", "enrolment/andrei.popescu", "enrol",
              {"full_name": "Andrei Popescu", "profile": "youth_trainer", "country": "romania", "age": 34},
              refused="already exists")
    s.command((day(2018, 10, 12), 8, 0), "learner:mihai.dumitru", "enrolment/mihai.dumitru", "admit",
              refused="only trainer may")
    s.command((day(2018, 10, 12), 8, 30), "learner:elena.stan", "enrolment/elena.stan", "complete_online_module",
              {"module": "mentorship"}, refused="is allowed only from 'in_training'")


def write_online_modules(s):
    for c, (_, (_, learners)) in enumerate(COUNTRIES.items()):
        for i, (who, _, _) in enumerate(learners):
            if who in (WITHDRAWN, DROPPED_OUT):
                continue
            for k, module in enumerate(MODULES[:MODULES_DONE.get(who, len(MODULES))]):
                done = day(2018, 10, 22) + dt.timedelta(days=k * 25 + (i + 2 * c) % 9)
                s.command((done, 19 + k % 3, i * 5 + c), "learner:" + who, f"enrolment/{who}",
                          "complete_online_module", {"module": module})
    s.command((day(2018, 11, 5), 12, 0), "learner:tomas.dvorak", "enrolment/jan.novak", "complete_online_module",
              {"module": "mentorship"}, refused="tomas.dvorak is not a party of")


def write_face_to_face(s):
    for c, (_, (trainer, learners)) in enumerate(COUNTRIES.items()):
        for k, (held, module) in enumerate(FACE_TO_FACE):
            when = held + dt.timedelta(days=c % 2)
            for i, (who, _, _) in enumerate(learners):
                if who in (WITHDRAWN, DROPPED_OUT) or k >= FACE_TO_FACE_DONE.get(who, len(FACE_TO_FACE)):
                    continue
                s.command((when, 17, i), "trainer:" + trainer, f"enrolment/{who}", "attend_face_to_face",
                          {"held_on": s.at(when, 10, 0), "module": module})
    s.command((day(2018, 11, 19), 9, 0), "learner:ioana.ionescu", "enrolment/ioana.ionescu", "attend_face_to_face",
              {"held_on": s.at(day(2018, 11, 17), 10, 0), "module": "mentorship"}, refused="only trainer may")


def write_peer_coaching(s):
    s.command((day(2018, 11, 26), 18, 0), "learner:jan.mlakar", "peer_group/si-alone", "form_peer_group",
              {"members": [learner_case("jan.mlakar")], "topic": "mentoring new teachers"},
              refused="professional peer coaching is between 2 or more learners")
    for c, (country, (trainer, learners)) in enumerate(COUNTRIES.items()):
        for g, (group, members) in enumerate(peer_groups(country, learners)):
            convener = members[0]
            formed = day(2018, 11, 27) + dt.timedelta(days=(c + g) % 4)
            s.command((formed, 18, 10 * g), "learner:" + convener, f"peer_group/{group}", "form_peer_group",
                      {"members": [learner_case(m) for m in members],
                       "topic": ["first weeks in a new workplace", "giving constructive criticism",
                                 "career guidance for volunteers"][g % 3]})
            for k, held in enumerate(PEER_SESSIONS):
                when = held + dt.timedelta(days=(c + g) % 5)
                attendees = [m for m in members if not (k == 2 and m == MISSES_LAST_PEER_SESSION)]
                # the convener records the session, or the trainer when the group asks
                by = "trainer:" + trainer if (c + g + k) % 4 == 0 else "learner:" + convener
                s.command((when, 20, 10 * g), by, f"peer_group/{group}", "hold_peer_session",
                          {"held_on": s.at(when, 18, 0), "attendees": [learner_case(m) for m in attendees]})
                for i, m in enumerate(attendees):
                    s.command((when + dt.timedelta(days=1), 9 + i, 10 * g), "learner:" + m, f"enrolment/{m}",
                              "record_peer_coaching",
                              {"group": f"{EDITION}/peer_group/{group}", "held_on": s.at(when, 18, 0)})
    s.command((day(2019, 1, 10), 21, 0), "learner:luka.kovac", "peer_group/si-1", "hold_peer_session",
              {"held_on": s.at(day(2019, 1, 10), 18, 0), "attendees": [learner_case("luka.kovac")]},
              refused="a peer-coaching session needs 2 or more learners")


def write_end(s):
    s.comment("29 March 2019: the course ends; the pilot's rule assesses every learner in training,")
    s.comment("then certificates for those who completed it.")
    s.command((day(2019, 3, 25), 9, 0), "trainer:" + COORDINATOR, "course", "issue_certificates",
              refused="is allowed only from 'assessment'")
    s.command((day(2019, 3, 29), 16, 0), "trainer:" + COORDINATOR, "course", "end_course")
    s.command((day(2019, 4, 1), 10, 0), "learner:andrei.popescu", "enrolment/andrei.popescu",
              "complete_online_module", {"module": "mentorship"}, refused="is allowed only from 'in_training'")
    s.command((day(2019, 4, 2), 11, 0), "auditor:" + AUDITOR, "course", "issue_certificates",
              refused="auditors read everything and write nothing")
    s.command((day(2019, 4, 5), 10, 0), "trainer:" + COORDINATOR, "course", "issue_certificates")


def main():
    s = Scenario(EDITION, ZONE)
    s.header("Online MENTOR, the pilot course (see README.md). Generated by generate.py: edit that, not this.")
    write_enrolment(s)
    s.comment("October – March: the course. Online modules on the platform, one every three to four weeks;")
    s.comment("face-to-face sessions in November and February, recorded by each country's trainer;")
    s.comment("professional peer-coaching groups of two or three learners, three sessions each.")
    write_online_modules(s)
    write_face_to_face(s)
    write_peer_coaching(s)
    write_end(s)
    s.write(__file__)


if __name__ == "__main__":
    main()
