#!/usr/bin/env python3
"""Writes scenario.jsonl: the MILEAGE study-placement pilot, line by line, for `mentorflow run`,
then the 2025-26 edition, where the students the pilot did not place apply again.

Deterministic: no randomness, no clock; the variety (days, who advises whom, hours) comes from
arithmetic on each person's position in the lists below. Run it after changing the story and commit
both files:

    python3 examples/mileage-pilot/generate.py        # rewrites scenario.jsonl beside it
    python3 examples/mileage-pilot/generate.py OUT    # writes OUT instead (the tests compare)

The story is told in README.md beside this file; the people and NGOs are invented.
"""
import datetime as dt
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from scenario_writer import Scenario, day, deferred_acceptance, full_name  # noqa: E402

EDITION = "mileage-pilot"
ZONE = "Europe/Rome"
COUNSELLORS = ["marta.bellucci", "enrico.fadda", "lucia.grasso"]  # the career centre
COORDINATORS = ["roberta.sanna", "claudio.vitale"]  # HEI study-placement coordinators
AUDITOR = "franca.orsi"

# NGO placements: id, NGO mentor, NGO, title, work area, location, language, starts, ends, places,
# hours of community work, support for students with fewer opportunities, and whether it meets the
# quality standards at the coordinator's review.
OFFERS = [
    ("rete-solidale", "giuseppe.amato", "Rete Solidale Milano", "food bank volunteer coordination",
     "social_services", "Milano", "italian", day(2025, 3, 3), day(2025, 6, 13), 3, 120, True, True),
    ("scuola-aperta", "rosa.ferrante", "Scuola Aperta", "after-school tutoring", "education", "Milano", "italian",
     day(2025, 3, 3), day(2025, 6, 6), 3, 100, True, True),
    ("giovani-in-rete", "antonio.melis", "Giovani in Rete", "youth centre activities", "youth_work", "Monza",
     "italian", day(2025, 3, 10), day(2025, 6, 13), 2, 150, True, True),
    ("salute-quartiere", "carla.esposito", "Casa della Salute di Quartiere", "health promotion in the neighbourhood",
     "health", "Milano", "italian", day(2025, 3, 3), day(2025, 5, 30), 2, 80, True, True),
    ("parco-nord", "walter.brambilla", "Amici del Parco Nord", "urban park restoration", "environment",
     "Sesto San Giovanni", "italian", day(2025, 3, 17), day(2025, 6, 27), 2, 160, False, True),
    ("teatro-comunita", "ilaria.conte", "Teatro di Comunità", "community theatre workshops", "culture", "Milano",
     "italian", day(2025, 3, 3), day(2025, 6, 13), 2, 110, True, True),
    ("refugee-desk", "samuel.okafor", "Welcome Desk Milano", "refugee welcome desk", "social_services", "Milano",
     "english", day(2025, 3, 3), day(2025, 6, 13), 2, 130, True, True),
    ("quartieri-connessi", "nadia.ruggeri", "Quartieri Connessi", "digital literacy for older neighbours",
     "community_development", "Milano", "italian", day(2025, 3, 10), day(2025, 6, 20), 2, 90, True, True),
    ("green-schools", "helen.ward", "Green Schools Network", "environmental education in English", "environment",
     "Bergamo", "english", day(2025, 3, 3), day(2025, 5, 30), 1, 60, False, True),
    ("biblioteca-vivente", "paolo.zanetti", "Biblioteca Vivente", "living library events", "culture", "Pavia",
     "italian", day(2025, 3, 3), day(2025, 6, 13), 2, 100, True, True),
    ("sport-per-tutti", "michela.riva", "Sport per Tutti", "inclusive sport for children", "youth_work", "Lodi",
     "italian", day(2025, 3, 3), day(2025, 6, 13), 2, 120, True, True),
    ("ospitalita", "vittorio.lai", "Ospitalità Senza Confini", "hosting families in need", "social_services",
     "Milano", "italian", day(2025, 3, 3), day(2025, 6, 13), 2, 100, True, False),
]
OFFER = {o[0]: o for o in OFFERS}

# seed: "60 students taking part in piloting of the study placements (45 students with fewer
# opportunities)" — here 24, 18 of them with fewer opportunities (the same three in four).
# id, study programme, fewer opportunities, languages, interests, available from / until, the
# placements chosen in the search app (best first), fate.
# Fates: search (takes part in the search), no_advisory (never sees a counsellor), no_choice
# (advised, never chooses).
MAR1, JUN30 = day(2025, 3, 1), day(2025, 6, 30)
STUDENTS = [
    ("amina.diallo", "Social Work", True, ["italian", "english", "french"], ["social_services"], MAR1, JUN30,
     ["refugee-desk", "rete-solidale"], "search"),
    ("luca.moretti", "Education Sciences", True, ["italian"], ["education", "youth_work"], MAR1, JUN30,
     ["scuola-aperta", "giovani-in-rete"], "search"),
    ("omar.haddad", "Political Science", True, ["italian", "english", "arabic"], ["social_services"], MAR1, JUN30,
     ["refugee-desk", "quartieri-connessi"], "search"),
    ("giulia.conti", "Environmental Sciences", False, ["italian", "english"], ["environment"], MAR1, JUN30,
     ["parco-nord", "green-schools"], "search"),
    ("marco.pellegrini", "Environmental Sciences", True, ["italian"], ["environment"], MAR1, JUN30,
     ["parco-nord", "biblioteca-vivente"], "search"),
    ("chiara.lombardo", "Performing Arts", True, ["italian"], ["culture"], MAR1, JUN30,
     ["teatro-comunita", "biblioteca-vivente"], "search"),
    ("davide.greco", "Computer Science", True, ["italian", "english"], ["community_development"], MAR1, JUN30,
     ["quartieri-connessi", "scuola-aperta"], "search"),
    ("elena.fumagalli", "Education Sciences", True, ["italian"], ["education"], MAR1, JUN30,
     ["scuola-aperta", "sport-per-tutti"], "search"),
    ("fatima.benali", "Social Work", True, ["italian", "french"], ["social_services"], MAR1, JUN30,
     ["rete-solidale", "ospitalita"], "search"),
    ("paolo.rinaldi", "Sport Sciences", True, ["italian"], ["youth_work"], MAR1, JUN30,
     ["sport-per-tutti", "giovani-in-rete"], "search"),
    ("anna.ferraro", "Languages", False, ["italian", "english", "german"], ["environment", "education"], MAR1,
     JUN30, ["green-schools", "refugee-desk"], "search"),
    ("martina.serra", "Psychology", True, ["italian"], ["health", "social_services"], MAR1, day(2025, 5, 31),
     ["salute-quartiere", "rete-solidale"], "search"),
    ("stefano.gallo", "History", False, ["italian"], ["culture"], MAR1, JUN30,
     ["biblioteca-vivente", "teatro-comunita"], "search"),
    ("irene.marino", "Psychology", True, ["italian", "english"], ["youth_work"], MAR1, JUN30,
     ["giovani-in-rete", "sport-per-tutti"], "search"),
    ("karim.mansour", "Engineering", True, ["italian", "arabic"], ["environment"], MAR1, JUN30,
     ["parco-nord", "quartieri-connessi"], "search"),
    ("valeria.costa", "Education Sciences", True, ["italian"], ["education"], MAR1, JUN30,
     ["scuola-aperta", "biblioteca-vivente"], "search"),
    ("tommaso.villa", "Social Work", False, ["italian", "english"], ["social_services"], MAR1, JUN30,
     ["refugee-desk", "rete-solidale"], "search"),
    ("nadia.el.amrani", "Public Health", True, ["italian", "french"], ["health"], MAR1, JUN30,
     ["salute-quartiere", "teatro-comunita"], "search"),
    ("sara.bianco", "Public Health", True, ["italian", "english"], ["health"], MAR1, JUN30,
     ["salute-quartiere", "rete-solidale"], "search"),
    ("riccardo.sala", "Sport Sciences", False, ["italian"], ["youth_work"], MAR1, JUN30,
     ["giovani-in-rete", "sport-per-tutti"], "search"),
    ("ludovica.neri", "Sociology", True, ["italian"], ["community_development"], MAR1, JUN30,
     ["quartieri-connessi", "rete-solidale"], "search"),
    ("yusuf.kaya", "Economics", True, ["italian", "english", "turkish"], ["social_services"], MAR1, JUN30,
     ["refugee-desk", "rete-solidale", "quartieri-connessi"], "search"),
    ("ahmed.saleh", "Law", True, ["italian", "arabic"], ["social_services"], MAR1, JUN30, [], "no_advisory"),
    ("beatrice.fontana", "Philosophy", False, ["italian"], ["culture"], MAR1, JUN30, [], "no_choice"),
]

# After the search: the coordinator moves one student elsewhere (with the reason); during the
# placements the exceptions below.
REASSIGN = ("karim.mansour", "parco-nord",
            "Amici del Parco Nord has since named a supervisor for students with fewer opportunities; "
            "Karim ranked it first and agreed")
WITHDRAWS = ("fatima.benali", day(2025, 4, 11), "family reasons: she cares for a relative until the summer")
SHORT_HOURS = ("anna.ferraro", 45)  # the school's programme ended early: 45 hours, no credits
EARLY_FINISH = "chiara.lombardo"     # the NGO mentor tries to finish after two supervisions

# The 2025-26 edition (rules/mileage-2025.rules): "establishing permanent collaboration with Career
# Centers and NGOs". Six NGOs offer placements for October 2025 to January 2026 (columns as in
# OFFERS); Ospitalità Senza Confini, turned down in the pilot, now meets the quality standards,
# Amici del Parco Nord now supports students with fewer opportunities, and a new youth club does not
# meet them yet.
NEXT_EDITION = "mileage-2025"
OCT6, JAN30 = day(2025, 10, 6), day(2026, 1, 30)


def offered_again(offer, starts, ends, places, support=None):
    """A pilot NGO's placement offered again: the same NGO, mentor, work and hours, new dates and
    places (and `support` for fewer opportunities when it changed); it meets the standards."""
    who, mentor, ngo, title, area, location, language, _, _, _, hours, was_support, _ = OFFER[offer]
    return (who, mentor, ngo, title, area, location, language, starts, ends, places, hours,
            was_support if support is None else support, True)


NEXT_OFFERS = [
    offered_again("rete-solidale", OCT6, JAN30, 2),
    offered_again("refugee-desk", OCT6, JAN30, 1),
    offered_again("ospitalita", OCT6, JAN30, 2),
    offered_again("teatro-comunita", day(2025, 10, 13), JAN30, 2),
    offered_again("parco-nord", day(2025, 10, 13), day(2026, 1, 23), 1, support=True),
    ("circolo-lambrate", "ettore.galli", "Circolo Giovani Lambrate", "youth club evenings", "youth_work", "Milano",
     "italian", OCT6, JAN30, 2, 90, True, False),
]
NEXT_OFFER = {o[0]: o for o in NEXT_OFFERS}
# The pilot's four students without a place, and Fatima Benali, who left hers for family reasons,
# apply again (a new request in the new edition: the pilot's cases stay as they ended); two
# students apply for the first time. Columns as in STUDENTS; every one of them takes part in the
# search. Yusuf Kaya and Tommaso Villa both rank the refugee desk's one place first: the students
# with fewer opportunities are searched for first, so Yusuf has it.
OCT1, FEB28 = day(2025, 10, 1), day(2026, 2, 28)
PILOT_STUDENT = {s[0]: s for s in STUDENTS}


def applying_again(who, choices):
    """A pilot student applying again: the same programme, languages and interests, the new
    edition's availability and choices."""
    _, programme, fewer, languages, interests, *_ = PILOT_STUDENT[who]
    return (who, programme, fewer, languages, interests, OCT1, FEB28, choices, "search")


NEXT_STUDENTS = [
    applying_again("yusuf.kaya", ["refugee-desk", "rete-solidale"]),
    applying_again("tommaso.villa", ["refugee-desk", "rete-solidale"]),
    applying_again("ahmed.saleh", ["ospitalita", "rete-solidale"]),
    applying_again("beatrice.fontana", ["teatro-comunita"]),
    applying_again("fatima.benali", ["ospitalita", "rete-solidale"]),
    ("leila.amrani", "Social Work", True, ["italian", "french", "arabic"], ["social_services"], OCT1, FEB28,
     ["rete-solidale", "ospitalita"], "search"),
    ("matteo.colombo", "Environmental Sciences", False, ["italian", "english"], ["environment"], OCT1, FEB28,
     ["parco-nord", "teatro-comunita"], "search"),
]

def coordinator(i):
    return "coordinator:" + COORDINATORS[i % len(COORDINATORS)]


def counsellor(i):
    return "counsellor:" + COUNSELLORS[i % len(COUNSELLORS)]


def offer_ref(offer, edition=EDITION):
    return f"{edition}/placement_offer/{offer}"


def offer_inputs(offer):
    _, _, ngo, title, area, location, language, starts, ends, places, hours, support, _ = offer
    return {"ngo": ngo, "title": title, "area": area, "location": location, "language": language,
            "starts": starts.isoformat(), "ends": ends.isoformat(), "places": places, "hours": hours,
            "fewer_opportunities_support": support}


def suitable(student, offer):
    """rules/mileage-pilot.rules (and mileage-2025.rules, unchanged), rule suitable."""
    _, _, fewer, languages, _, available_from, available_until, _, _ = student
    _, _, _, _, _, _, language, starts, ends, _, _, support, _ = offer
    return language in languages and starts >= available_from and ends <= available_until and (not fewer or support)


def expected_search(offers=OFFERS, students=STUDENTS):
    """What the placement search must propose: each clause in turn (students with fewer
    opportunities first, then the others on the places left) a stable matching over the suitable
    choices. The scenario relies on it: NGO mentors act on the placements it leads to."""
    places = {o[0]: o[9] for o in offers if o[12]}
    by_id = {o[0]: o for o in offers}
    proposed = {}
    for priority in (True, False):
        prefs = {s[0]: [o for o in s[7] if o in places and suitable(s, by_id[o])]
                 for s in students if s[8] == "search" and s[2] == priority}
        clause = deferred_acceptance(prefs, places)
        for offer in clause.values():
            places[offer] -= 1
        proposed.update(clause)
    return proposed


def write_offers(s):
    s.comment("January 2025: NGO mentors offer placements; a coordinator reviews each against the quality")
    s.comment("standards (a recorded decision) and opens it for the search.")
    s.publish((day(2025, 1, 13), 9, 0), "../../workflows/mileage-placement.flow", "../../rules/mileage-pilot.rules")
    for i, offer in enumerate(OFFERS):
        who, mentor = offer[0], offer[1]
        offered = day(2025, 1, 14) + dt.timedelta(days=i % 8)
        if who == "teatro-comunita":
            s.command((offered, 9, 0), "ngo_mentor:" + mentor, f"placement_offer/{who}", "offer_placement",
                      dict(offer_inputs(offer), places=0), refused="a placement offers at least one place")
        if who == "biblioteca-vivente":
            s.command((offered, 9, 0), "ngo_mentor:" + mentor, f"placement_offer/{who}", "offer_placement",
                      dict(offer_inputs(offer), ends="2025-02-28"), refused="a placement ends after it starts")
        s.command((offered, 11, i), "ngo_mentor:" + mentor, f"placement_offer/{who}", "offer_placement",
                  offer_inputs(offer))
        note = ("meets the quality standards: a named mentor, a learning agreement, documented hours" if offer[12]
                else "does not meet the quality standards yet: no named supervisor for students, hours not documented")
        s.command((day(2025, 1, 27) + dt.timedelta(days=i % 5), 15, i), coordinator(i), f"placement_offer/{who}",
                  "review_placement", {"meets_quality_standards": offer[12], "note": note})
    s.command((day(2025, 1, 27), 10, 0), counsellor(0), "placement_offer/rete-solidale", "review_placement",
              {"meets_quality_standards": True, "note": "looks fine"}, refused="only coordinator may")


def write_requests(s):
    s.comment("February 2025: students ask for a placement, see a career counsellor, then rank the")
    s.comment("open placements in the search app; the edition's rule decides who has priority.")
    for i, (who, programme, fewer, languages, interests, available_from, available_until, choices, fate) in \
            enumerate(STUDENTS):
        requested = day(2025, 2, 3) + dt.timedelta(days=i * 7 // len(STUDENTS))  # in list order: who asked first
        inputs = {"full_name": full_name(who), "study_programme": programme, "fewer_opportunities": fewer, "languages": languages,
                  "interests": interests, "available_from": available_from.isoformat(),
                  "available_until": available_until.isoformat()}
        if who == "karim.mansour":
            s.command((requested, 10, 0), "student:" + who, f"placement_request/{who}", "request_placement",
                      dict(inputs, available_until="2025-01-31"), refused="the availability ends after it starts")
        s.command((requested, 12, i), "student:" + who, f"placement_request/{who}", "request_placement", inputs)
        if fate == "no_advisory":
            continue
        advised = day(2025, 2, 10) + dt.timedelta(days=i % 8)
        s.command((advised, 16, i), counsellor(i), f"placement_request/{who}", "hold_advisory",
                  {"held_on": s.at(advised, 15, 0),
                   "notes": f"interests: {', '.join(interests)}; languages: {', '.join(languages)}"})
        if fate == "search":
            s.command((advised + dt.timedelta(days=3), 20, i), "student:" + who, f"placement_request/{who}",
                      "choose_placements", {"choices": [offer_ref(o) for o in choices]})
    s.command((day(2025, 2, 11), 9, 0), "student:ahmed.saleh", "placement_request/ahmed.saleh", "choose_placements",
              {"choices": [offer_ref("refugee-desk")]}, refused="is allowed only from 'advised'")
    s.command((day(2025, 2, 20), 21, 0), "student:beatrice.fontana", "placement_request/beatrice.fontana",
              "choose_placements", {"choices": []}, refused="choose at least one placement")
    s.command((day(2025, 2, 21), 10, 0), "student:omar.haddad", "placement_request/amina.diallo",
              "choose_placements", {"choices": [offer_ref("refugee-desk")]}, refused="omar.haddad is not a party of")


def write_search(s, proposed):
    s.comment("24 – 28 February 2025: the placement search, students with fewer opportunities first; the")
    s.comment("coordinator moves one proposal (with the reason) and confirms the others, which creates each")
    s.comment("placement; the search closes: requests without a place are told, the offers close.")
    s.command((day(2025, 2, 24), 10, 0), coordinator(0), "pilot", "run_placement_search")
    who, offer, reason = REASSIGN
    s.command((day(2025, 2, 25), 8, 45), coordinator(1), f"placement_request/{who}", "reassign_placement",
              {"offer": offer_ref(offer), "reason": ""},
              refused="give the reason for the reassignment: it is recorded with the placement")
    s.command((day(2025, 2, 25), 9, 0), coordinator(1), f"placement_request/{who}", "reassign_placement",
              {"offer": offer_ref(offer), "reason": reason})
    s.command((day(2025, 2, 25), 9, 30), counsellor(1), "placement_request/amina.diallo", "confirm_placement",
              refused="only coordinator may")
    for i, student in enumerate(sorted(proposed)):
        s.command((day(2025, 2, 25) + dt.timedelta(days=i % 3), 11, i), coordinator(i),
                  f"placement_request/{student}", "confirm_placement")
    s.command((day(2025, 2, 28), 17, 0), coordinator(0), "pilot", "close_search")


def write_placement_life(s, placed, offers, edition=None):
    """Each placement of `placed` (student -> offer id in `offers`) from start to recognition; the
    pilot's exceptions (WITHDRAWS, SHORT_HOURS, EARLY_FINISH) only in the pilot (`edition` None)."""
    pilot = edition is None
    for i, (student, offer) in enumerate(sorted(placed.items())):
        o = offers[offer]
        mentor, starts, ends, hours = "ngo_mentor:" + o[1], o[7], o[8], o[10]
        case = f"placement/{student}"
        s.command((starts, 9, i), mentor, case, "start_placement", {"started_on": starts.isoformat()}, edition=edition)
        finished = ends - dt.timedelta(days=(i % 3))
        done_hours = hours + (i % 4) * 5
        if pilot and student == SHORT_HOURS[0]:
            done_hours = SHORT_HOURS[1]
        sessions = [starts + dt.timedelta(days=14 + k * (finished - starts).days // 3) for k in range(3)]
        if pilot and student == WITHDRAWS[0]:  # after one supervision; the place goes back to the search
            _, left, reason = WITHDRAWS
            s.command((sessions[0], 18, i), mentor, case, "supervise",
                      {"held_on": s.at(sessions[0], 16, 0), "notes": "supervision 1: tasks, learning, wellbeing"})
            s.command((left, 10, 0), "student:" + student, case, "withdraw_placement", {"reason": reason})
            continue
        for k, held in enumerate(sessions):
            s.command((held, 18, i), mentor, case, "supervise",
                      {"held_on": s.at(held, 16, 0), "notes": f"supervision {k + 1}: tasks, learning, wellbeing"},
                      edition=edition)
            if pilot and student == EARLY_FINISH and k == 1:
                s.command((held + dt.timedelta(days=1), 10, 0), mentor, case, "finish_placement",
                          {"community_hours": 60, "evaluation": "good"},
                          refused="the placement needs 3 supervision sessions; 2 held")
        s.command((finished, 17, i), mentor, case, "finish_placement",
                  {"community_hours": done_hours,
                   "evaluation": "reliable, grew in confidence with the people we serve"}, edition=edition)
        recognised = (finished + dt.timedelta(days=7 + i % 4), 11, i)
        if pilot and student == SHORT_HOURS[0]:
            s.command(recognised, coordinator(i), case, "recognise_community_work",
                      refused="45 hours of community work earn no credits under this edition's table")
        else:
            s.command(recognised, coordinator(i), case, "recognise_community_work", edition=edition)


def write_placements(s, placed):
    s.comment("March – June 2025: the placements. Each NGO mentor starts the placement, supervises it three")
    s.comment("times and confirms the hours of community work; a coordinator recognises them as ECTS credits.")
    write_placement_life(s, placed, OFFER)
    s.command((day(2025, 3, 20), 12, 0), "student:amina.diallo", "placement/amina.diallo", "supervise",
              {"held_on": s.at(day(2025, 3, 20), 11, 0), "notes": "I supervised myself"},
              refused="only ngo_mentor may")
    s.command((day(2025, 7, 10), 9, 0), "auditor:" + AUDITOR, "placement/amina.diallo", "recognise_community_work",
              refused="auditors read everything and write nothing")


def write_next_edition(s):
    """The 2025-26 edition: offers reviewed, the pilot's students without a place apply again, the
    search (fewer opportunities first), confirmations, the placements and their credits."""
    e = NEXT_EDITION
    s.comment("September 2025, the 2025-26 edition (rules/mileage-2025.rules): the HEIs keep the model. NGO")
    s.comment("mentors offer placements again, a coordinator reviews each against the quality standards;")
    s.comment("the students the pilot did not place apply again: a new request in the new edition.")
    s.publish((day(2025, 9, 1), 9, 0), "../../workflows/mileage-placement.flow", "../../rules/mileage-2025.rules", e)
    for i, offer in enumerate(NEXT_OFFERS):
        who, mentor = offer[0], offer[1]
        s.command((day(2025, 9, 2) + dt.timedelta(days=i % 4), 11, i), "ngo_mentor:" + mentor,
                  f"placement_offer/{who}", "offer_placement", offer_inputs(offer), edition=e)
        note = ({"ospitalita": "meets the quality standards now: a named supervisor, documented hours"}.get(who)
                or ("meets the quality standards: a named mentor, a learning agreement, documented hours" if offer[12]
                    else "does not meet the quality standards yet: no learning agreement"))
        s.command((day(2025, 9, 8) + dt.timedelta(days=i % 3), 15, i), coordinator(i), f"placement_offer/{who}",
                  "review_placement", {"meets_quality_standards": offer[12], "note": note}, edition=e)
    for i, (who, programme, fewer, languages, interests, available_from, available_until, choices, _) in \
            enumerate(NEXT_STUDENTS):
        requested = day(2025, 9, 10) + dt.timedelta(days=i % 5)
        s.command((requested, 12, i), "student:" + who, f"placement_request/{who}", "request_placement",
                  {"full_name": full_name(who), "study_programme": programme, "fewer_opportunities": fewer,
                   "languages": languages, "interests": interests, "available_from": available_from.isoformat(),
                   "available_until": available_until.isoformat()}, edition=e)
        advised = day(2025, 9, 15) + dt.timedelta(days=i % 5)
        s.command((advised, 16, i), counsellor(i), f"placement_request/{who}", "hold_advisory",
                  {"held_on": s.at(advised, 15, 0),
                   "notes": f"interests: {', '.join(interests)}; languages: {', '.join(languages)}"}, edition=e)
        s.command((advised + dt.timedelta(days=3), 20, i), "student:" + who, f"placement_request/{who}",
                  "choose_placements", {"choices": [offer_ref(o, e) for o in choices]}, edition=e)
    # the pilot's request is over: choosing again there is refused, the new edition's request is the way
    s.command((day(2025, 9, 16), 9, 0), "student:tommaso.villa", "placement_request/tommaso.villa",
              "choose_placements", {"choices": [offer_ref("refugee-desk")]}, refused="is allowed only from 'advised'")

    s.comment("29 September – 3 October 2025: the search, students with fewer opportunities first; the")
    s.comment("coordinator confirms every proposal and closes the search.")
    proposed = expected_search(NEXT_OFFERS, NEXT_STUDENTS)
    s.command((day(2025, 9, 29), 10, 0), coordinator(0), "pilot", "run_placement_search", edition=e)
    # Tommaso asks to be moved to the refugee desk: its one place is held by Yusuf's proposal
    s.command((day(2025, 9, 29), 15, 0), coordinator(1), "placement_request/tommaso.villa", "reassign_placement",
              {"offer": offer_ref("refugee-desk", e), "reason": "Tommaso asked for the refugee desk again"},
              refused="no place left at refugee welcome desk: 0 taken and 1 proposed of 1", edition=e)
    for i, student in enumerate(sorted(proposed)):
        s.command((day(2025, 9, 30) + dt.timedelta(days=i % 2), 11, i), coordinator(i),
                  f"placement_request/{student}", "confirm_placement", edition=e)
    s.command((day(2025, 10, 3), 17, 0), coordinator(0), "pilot", "close_search", edition=e)

    s.comment("October 2025 – February 2026: the placements, three supervisions each, and their credits.")
    write_placement_life(s, proposed, NEXT_OFFER, e)


def main():
    s = Scenario(EDITION, ZONE)
    s.header("MILEAGE, the study-placement pilot, then the 2025-26 edition (see README.md). Generated by")
    s.header("generate.py: edit that, not this.")
    write_offers(s)
    write_requests(s)
    proposed = expected_search()
    write_search(s, proposed)
    write_placements(s, dict(proposed, **{REASSIGN[0]: REASSIGN[1]}))
    write_next_edition(s)
    s.write(__file__)


if __name__ == "__main__":
    main()
