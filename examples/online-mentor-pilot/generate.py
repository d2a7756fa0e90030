#!/usr/bin/env python3
"""Writes scenario.jsonl: the Online MENTOR pilot course, line by line, for `mentorflow run`, then
the course's next run (2019-20), where learners the pilot did not admit or certify enrol again.

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
from scenario_writer import Scenario, day, deferred_acceptance, full_name  # noqa: E402

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
TOPICS = ["first weeks in a new workplace", "giving constructive criticism", "career guidance for volunteers"]
# the topic (its place in TOPICS) each profile ranks first
TOPIC_OF = {"young_professional": 0, "student": 0, "intern": 0, "teacher": 1, "youth_trainer": 1,
            "practice_mentor": 1, "youth_worker": 2, "volunteer": 2}
# Jan Mlakar (Slovenia) ranks a Czech group first: `may_join` sets it aside (the partner's groups)
RANKS_ABROAD = ("jan.mlakar", "cz-1")

# The next run (rules/online-mentor-2019.rules), in Romania and Czechia, September 2019 to February
# 2020. David Popa, refused at 17, is 18 now; Ana Stoica, never admitted, enrols again; Jakub
# Veselý, who finished 3 of the 5 modules, takes the course again; four learners are new.
NEXT_EDITION = "online-mentor-2019"
NEXT_COUNTRIES = {
    "romania": ("cristina.munteanu", [
        ("ana.stoica", "intern", 23), ("bianca.radu", "teacher", 30), ("cosmin.lazar", "youth_worker", 26),
        ("david.popa", "student", 18)]),
    "czechia": ("pavel.cerny", [
        ("jakub.vesely", "young_professional", 26), ("ondrej.kral", "student", 21),
        ("veronika.mala", "volunteer", 20)]),
}
NEXT_SPELLED = {"jakub.vesely": "Jakub Veselý", "ondrej.kral": "Ondřej Král", "veronika.mala": "Veronika Malá"}
NEXT_FACE_TO_FACE = [(day(2019, 10, 19), "mentorship"), (day(2019, 12, 7), "peer_coaching")]
NEXT_PEER_SESSIONS = [day(2019, 11, 7), day(2019, 12, 5), day(2020, 1, 16)]


def learner_case(who):
    return f"{EDITION}/enrolment/{who}"


def taking_part(who, edition):
    """Everyone but the pilot's withdrawn learner and dropout does the course."""
    return edition is not None or who not in (WITHDRAWN, DROPPED_OUT)


def peer_groups(country, learners, edition=None):
    """The groups a country's trainer opens, for the learners who take part: sizes of three, then
    two or three for the rest; named ro-1, ro-2, ... Returns (group, size) pairs."""
    count = len([who for who, _, _ in learners if taking_part(who, edition)])
    sizes = [3] * (count // 3)
    if count % 3 == 2:
        sizes.append(2)
    elif count % 3 == 1:
        sizes[-1] = 2
        sizes.append(2)
    return [(f"{CODE[country]}-{k + 1}", size) for k, size in enumerate(sizes)]


def group_choices(learners, groups, edition=None):
    """Each learner who takes part ranks every group of their country: first the one whose topic
    fits their profile (TOPIC_OF), then the others in order; learner -> ranked group ids."""
    ids = [g for g, _ in groups]
    choices = {}
    for who, profile, _ in learners:
        if taking_part(who, edition):
            first = ids[min(TOPIC_OF[profile], len(ids) - 1)]
            choices[who] = [first] + [g for g in ids if g != first]
    return choices


def expected_groups(countries, edition=None, abroad=None):
    """What the grouping run must place (`match` run stable, `may_join`: the learner's country):
    group -> members, and every learner's ranked choices as written (`abroad`: (learner, group) ranked
    first, set aside by the rule)."""
    choices, places = {}, {}
    for country, (_, learners) in countries.items():
        groups = peer_groups(country, learners, edition)
        places.update(dict(groups))
        choices.update(group_choices(learners, groups, edition))
    written = dict(choices)
    if abroad:
        written[abroad[0]] = [abroad[1]] + choices[abroad[0]]
    matched = deferred_acceptance(choices, places)
    members = {g: sorted(w for w, m in matched.items() if m == g) for g in places}
    assert sorted(matched) == sorted(choices), "every learner who chose has a group"
    assert all(len(m) >= 2 for m in members.values()), "peer coaching is between two or more learners"
    return members, written


def write_peer_coaching(s, countries, sessions, edition=None, missing=None):
    """Trainers open their country's groups, learners rank them, the course's grouping run places
    them; then each group meets at `sessions`: the trainer records the session on the group, each
    learner who took part on their enrolment (`missing`: who misses the last one)."""
    e = edition or s.edition
    members, written = expected_groups(countries, edition, None if edition else RANKS_ABROAD)
    first = sessions[0]
    opened, chosen, grouped = first - dt.timedelta(days=16), first - dt.timedelta(days=14), first - dt.timedelta(days=9)
    trainer_of = {}
    for c, (country, (trainer, learners)) in enumerate(countries.items()):
        for g, (group, size) in enumerate(peer_groups(country, learners, edition)):
            trainer_of[group] = trainer
            s.command((opened, 10 + c, g), "trainer:" + trainer, f"peer_group/{group}", "open_peer_group",
                      {"topic": TOPICS[g % len(TOPICS)], "country": country, "size": size}, edition=edition)
        for i, (who, _, _) in enumerate(learners):
            if who in written:
                s.command((chosen + dt.timedelta(days=i % 3), 19, 5 * c), "learner:" + who, f"enrolment/{who}",
                          "choose_peer_groups", {"groups": [f"{e}/peer_group/{g}" for g in written[who]]},
                          edition=edition)
    s.command((grouped, 16, 0), "trainer:" + next(iter(countries.values()))[0], "course", "group_learners",
              edition=edition)
    for n, (group, in_group) in enumerate(sorted(members.items())):
        for k, held in enumerate(sessions):
            when = held + dt.timedelta(days=n % 5)
            attendees = [m for m in in_group if not (k == len(sessions) - 1 and m == missing)]
            s.command((when, 20, n), "trainer:" + trainer_of[group], f"peer_group/{group}", "hold_peer_session",
                      {"held_on": s.at(when, 18, 0), "attendees": [f"{e}/enrolment/{m}" for m in attendees]},
                      edition=edition)
            for i, m in enumerate(attendees):
                s.command((when + dt.timedelta(days=1), 9 + i, n), "learner:" + m, f"enrolment/{m}",
                          "record_peer_coaching", {"group": f"{e}/peer_group/{group}", "held_on": s.at(when, 18, 0)},
                          edition=edition)
    return members


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


def write_online_modules(s, countries=COUNTRIES, first=day(2018, 10, 22), every=25, edition=None):
    """Each learner completes the modules, one every `every` days or so from `first` (in the pilot,
    Jakub Veselý stops after MODULES_DONE)."""
    for c, (_, (_, learners)) in enumerate(countries.items()):
        for i, (who, _, _) in enumerate(learners):
            if not taking_part(who, edition):
                continue
            done_count = len(MODULES) if edition else MODULES_DONE.get(who, len(MODULES))
            for k, module in enumerate(MODULES[:done_count]):
                done = first + dt.timedelta(days=k * every + (i + 2 * c) % 9)
                s.command((done, 19 + k % 3, i * 5 + c), "learner:" + who, f"enrolment/{who}",
                          "complete_online_module", {"module": module}, edition=edition)
    if edition is None:
        s.command((day(2018, 11, 5), 12, 0), "learner:tomas.dvorak", "enrolment/jan.novak", "complete_online_module",
                  {"module": "mentorship"}, refused="tomas.dvorak is not a party of")


def write_face_to_face(s, countries=COUNTRIES, sessions=FACE_TO_FACE, edition=None):
    """Each country's trainer records the face-to-face sessions (in the pilot, Ivan Stoyanov attends
    FACE_TO_FACE_DONE of them)."""
    for c, (_, (trainer, learners)) in enumerate(countries.items()):
        for k, (held, module) in enumerate(sessions):
            when = held + dt.timedelta(days=c % 2)
            for i, (who, _, _) in enumerate(learners):
                if not taking_part(who, edition) or (edition is None and k >= FACE_TO_FACE_DONE.get(who, len(sessions))):
                    continue
                s.command((when, 17, i), "trainer:" + trainer, f"enrolment/{who}", "attend_face_to_face",
                          {"held_on": s.at(when, 10, 0), "module": module}, edition=edition)
    if edition is None:
        s.command((day(2018, 11, 19), 9, 0), "learner:ioana.ionescu", "enrolment/ioana.ionescu", "attend_face_to_face",
                  {"held_on": s.at(day(2018, 11, 17), 10, 0), "module": "mentorship"}, refused="only trainer may")


def write_pilot_peer_coaching(s):
    members = write_peer_coaching(s, COUNTRIES, PEER_SESSIONS, missing=MISSES_LAST_PEER_SESSION)
    s.command((day(2018, 11, 21), 11, 0), "trainer:tina.kos", "peer_group/si-alone", "open_peer_group",
              {"topic": "mentoring new teachers", "country": "slovenia", "size": 1},
              refused="professional peer coaching is between 2 or more learners")
    s.command((day(2018, 11, 23), 18, 0), "learner:spela.golob", "enrolment/spela.golob", "choose_peer_groups",
              {"groups": []}, refused="choose at least one peer-coaching group")
    s.command((day(2018, 11, 26), 21, 0), "learner:elena.stan", "enrolment/elena.stan", "record_peer_coaching",
              {"group": learner_group_ref("ro-1"), "held_on": s.at(day(2018, 11, 26), 18, 0)},
              refused="join a peer-coaching group before recording its sessions")
    lukas = next(g for g, m in members.items() if "luka.kovac" in m)
    s.command((day(2019, 1, 10), 21, 0), "trainer:tina.kos", f"peer_group/{lukas}", "hold_peer_session",
              {"held_on": s.at(day(2019, 1, 10), 18, 0), "attendees": [learner_case("luka.kovac")]},
              refused="a peer-coaching session needs 2 or more learners")
    other = next(g for g, m in sorted(members.items()) if g.startswith("si-") and "maja.vidmar" not in m)
    s.command((day(2019, 1, 11), 21, 0), "learner:maja.vidmar", "enrolment/maja.vidmar", "record_peer_coaching",
              {"group": learner_group_ref(other), "held_on": s.at(day(2019, 1, 10), 18, 0)},
              refused="record the sessions of your own peer-coaching group")


def learner_group_ref(group):
    return f"{EDITION}/peer_group/{group}"


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


def write_next_run(s):
    """The 2019-20 run: the same course under rules/online-mentor-2019.rules, in Romania and
    Czechia; everyone completes it."""
    e = NEXT_EDITION
    s.comment("September 2019, the next run of the course (rules/online-mentor-2019.rules), in Romania and")
    s.comment("Czechia: learners the pilot did not admit or certify enrol again (a new enrolment in the new")
    s.comment("edition: the pilot's cases stay as they ended), with four new learners.")
    s.publish((day(2019, 9, 2), 9, 0), "../../workflows/online-mentor.flow", "../../rules/online-mentor-2019.rules", e)
    for c, (country, (trainer, learners)) in enumerate(NEXT_COUNTRIES.items()):
        for i, (who, profile, age) in enumerate(learners):
            s.command((day(2019, 9, 9) + dt.timedelta(days=(i + c) % 5), 10 + i, 5 * c), "learner:" + who,
                      f"enrolment/{who}", "enrol",
                      {"full_name": full_name(who, NEXT_SPELLED), "profile": profile, "country": country, "age": age},
                      edition=e)
            s.command((day(2019, 9, 16), 9 + c, 2 * i), "trainer:" + trainer, f"enrolment/{who}", "admit", edition=e)
    # the pilot's enrolment is over: a module there is refused, the new enrolment is the way
    s.command((day(2019, 9, 20), 18, 0), "learner:jakub.vesely", "enrolment/jakub.vesely", "complete_online_module",
              {"module": "entrepreneurship"}, refused="is allowed only from 'in_training'")
    s.comment("September 2019 – January 2020: the course, as in the pilot.")
    write_online_modules(s, NEXT_COUNTRIES, day(2019, 9, 23), 21, e)
    write_face_to_face(s, NEXT_COUNTRIES, NEXT_FACE_TO_FACE, e)
    write_peer_coaching(s, NEXT_COUNTRIES, NEXT_PEER_SESSIONS, e)
    s.comment("31 January 2020: the course ends; 7 February: the certificates.")
    s.command((day(2020, 1, 31), 16, 0), "trainer:" + COORDINATOR, "course", "end_course", edition=e)
    s.command((day(2020, 2, 7), 10, 0), "trainer:" + COORDINATOR, "course", "issue_certificates", edition=e)


def main():
    s = Scenario(EDITION, ZONE)
    s.header("Online MENTOR, the pilot course, then its 2019-20 run (see README.md). Generated by generate.py:")
    s.header("edit that, not this.")
    write_enrolment(s)
    s.comment("October – March: the course. Online modules on the platform, one every three to four weeks;")
    s.comment("face-to-face sessions in November and February, recorded by each country's trainer;")
    s.comment("professional peer-coaching groups of two or three learners, opened by the trainers, ranked by")
    s.comment("the learners and filled by the course's grouping run; three sessions each.")
    write_online_modules(s)
    write_face_to_face(s)
    write_pilot_peer_coaching(s)
    write_end(s)
    write_next_run(s)
    s.write(__file__)


if __name__ == "__main__":
    main()
