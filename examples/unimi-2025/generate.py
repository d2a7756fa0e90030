#!/usr/bin/env python3
"""Writes scenario.jsonl: the 2025-26 edition of Mentoring at the University of Milan, line by line,
for `mentorflow run`, and the start of the 2026-27 edition, where two people not selected in 2025
apply again.

Deterministic: no randomness, no clock; the variety (days, lengths, who logs a meeting) comes from
arithmetic on each person's position in the lists below. Run it after changing the story and commit
both files:

    python3 examples/unimi-2025/generate.py        # rewrites scenario.jsonl beside it
    python3 examples/unimi-2025/generate.py OUT    # writes OUT instead (the tests compare)

The story is told in README.md beside this file; the people are invented.
"""
import datetime as dt
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from scenario_writer import Scenario, day, deferred_acceptance, full_name  # noqa: E402

EDITION = "unimi-2025"
NEXT_EDITION = "unimi-2026"
ZONE = "Europe/Rome"
STAFF = ["giovanna.ricci", "alberto.fossati"]  # the Career Service

# Professional alumni who apply as mentors: id, alumni degree, graduation year, profession, years of
# professional experience, self-assessment test, then the Career Service's scores (academic
# background, motivation, 0–10 each) and what happens to them.
# Fates: mentor (trained, met at the speed date), not_selected, untrained (2 of 3 training sessions).
MENTORS = [
    ("paola.rinaldi", "Economics and Management", 2008, "tax consultant", 15, 82, 8, 9, "mentor"),
    ("stefano.colombo", "Computer Science", 2010, "software architect", 13, 77, 9, 8, "mentor"),
    ("laura.bassi", "Law", 2005, "corporate lawyer", 19, 71, 8, 8, "mentor"),
    ("davide.ferri", "Political Science", 2012, "EU policy officer", 11, 68, 7, 9, "mentor"),
    ("chiara.galli", "Biotechnology", 2009, "pharmaceutical researcher", 14, 88, 9, 9, "mentor"),
    ("marco.villa", "Economics and Management", 2014, "financial analyst", 9, 74, 8, 7, "mentor"),
    ("elisa.moretti", "Modern Languages", 2011, "publishing editor", 12, 79, 7, 9, "mentor"),
    ("andrea.longhi", "Physics", 2007, "data scientist", 16, 91, 10, 8, "mentor"),
    ("silvia.cattaneo", "Law", 2013, "HR manager", 10, 66, 8, 8, "mentor"),
    ("giovanni.serra", "Agricultural Sciences", 2006, "food quality manager", 17, 73, 7, 8, "mentor"),
    ("federica.rossi", "Communication", 2015, "journalist", 8, 80, 8, 9, "mentor"),
    ("luca.bernardi", "Computer Science", 2016, "cybersecurity engineer", 7, 85, 9, 8, "mentor"),
    ("valentina.greco", "Political Science", 2004, "diplomat", 20, 90, 9, 10, "mentor"),
    ("matteo.fumagalli", "Economics and Management", 2012, "management consultant", 11, 70, 8, 8, "mentor"),
    ("sara.mazza", "Medicine and Surgery", 2010, "hospital manager", 13, 76, 8, 9, "mentor"),
    ("roberto.pini", "Environmental Sciences", 2009, "sustainability manager", 14, 72, 7, 8, "mentor"),
    ("anna.colombo", "Economics and Management", 2011, "venture capital investor", 12, 78, 8, 9, "mentor"),
    ("fabio.testa", "Chemistry", 2013, "R&D chemist", 10, 69, 7, 8, "untrained"),
    ("giorgio.sala", "Economics and Management", 2021, "junior analyst", 3, 45, 6, 6, "not_selected"),
    ("irene.lodi", "Law", 2019, "paralegal", 4, 55, 7, 4, "not_selected"),
]

# Final-year students and recent graduates who apply as mentees: id, status, degree course,
# graduated on (recent graduates), self-assessment test, academic background, motivation, the
# mentors they rank after the speed date (best first), fate.
# Fates: ranked (states preferences), not_selected, untrained (misses the training), silent (met at
# the speed date, states no preference).
F, R = "final_year_student", "recent_graduate"
MENTEES = [
    ("alessia.conti", F, "International Politics", None, 84, 9, 9,
     ["valentina.greco", "davide.ferri", "federica.rossi"], "ranked"),
    ("francesco.bruni", R, "Computer Science", day(2024, 12, 18), 78, 8, 8,
     ["stefano.colombo", "luca.bernardi", "andrea.longhi"], "ranked"),
    ("martina.sala", F, "Law", None, 72, 8, 9, ["laura.bassi", "silvia.cattaneo", "valentina.greco"], "ranked"),
    ("daniele.ruggiero", R, "Economics and Management", day(2025, 1, 28), 68, 7, 8,
     ["paola.rinaldi", "marco.villa", "matteo.fumagalli"], "ranked"),
    ("riccardo.mele", F, "Economics and Management", None, 66, 7, 8,
     ["paola.rinaldi", "matteo.fumagalli", "marco.villa"], "ranked"),
    ("sofia.gatti", R, "Biotechnology", day(2025, 2, 20), 81, 9, 8,
     ["chiara.galli", "sara.mazza", "roberto.pini"], "ranked"),
    ("gabriele.monti", F, "Statistics", None, 83, 9, 8, ["andrea.longhi", "marco.villa", "stefano.colombo"], "ranked"),
    ("nicola.fontana", F, "Physics", None, 82, 9, 7, ["andrea.longhi", "stefano.colombo", "luca.bernardi"], "ranked"),
    ("giada.pozzi", F, "Modern Languages", None, 75, 8, 9, ["elisa.moretti", "federica.rossi", "valentina.greco"],
     "ranked"),
    ("edoardo.vitali", R, "Economics and Management", day(2024, 10, 15), 70, 7, 8,
     ["matteo.fumagalli", "marco.villa", "paola.rinaldi"], "ranked"),
    ("beatrice.leoni", F, "Political Science", None, 76, 8, 9, ["valentina.greco", "davide.ferri", "laura.bassi"],
     "ranked"),
    ("camilla.rota", F, "Political Science", None, 88, 9, 10, ["valentina.greco", "davide.ferri", "elisa.moretti"],
     "ranked"),
    ("simone.bellini", F, "Computer Science", None, 74, 8, 8, ["stefano.colombo", "andrea.longhi", "luca.bernardi"],
     "ranked"),
    ("chiara.fabbri", R, "Law", day(2025, 3, 12), 69, 8, 8, ["silvia.cattaneo", "laura.bassi", "matteo.fumagalli"],
     "ranked"),
    ("pietro.sartori", F, "Agricultural Sciences", None, 73, 7, 9, ["giovanni.serra", "roberto.pini", "chiara.galli"],
     "ranked"),
    ("aurora.valli", F, "Communication", None, 77, 8, 8, ["federica.rossi", "elisa.moretti", "silvia.cattaneo"],
     "ranked"),
    ("matteo.orlando", R, "Medicine and Surgery", day(2024, 9, 30), 80, 9, 8,
     ["sara.mazza", "chiara.galli", "giovanni.serra"], "ranked"),
    ("irene.bassani", F, "Environmental Sciences", None, 71, 7, 8, ["roberto.pini", "giovanni.serra", "chiara.galli"],
     "ranked"),
    ("noemi.caputo", F, "Computer Science", None, 79, 8, 9, ["luca.bernardi", "stefano.colombo", "andrea.longhi"],
     "ranked"),
    ("lorenzo.neri", F, "Philosophy", None, 73, 8, 7, [], "silent"),
    ("tommaso.riva", R, "History", day(2024, 11, 5), 70, 7, 8, [], "untrained"),
    ("giulia.ferrara", F, "Economics and Management", None, 45, 6, 6, [], "not_selected"),
    ("paolo.marchi", F, "Mathematics", None, 60, 4, 5, [], "not_selected"),
    ("elena.costa", R, "Modern Languages", day(2025, 1, 15), 65, 7, 4, [], "not_selected"),
]
# seed: mentees are "final-year students and recent graduates"; this edition reads "recent" as
# graduated within 52 weeks (rules/unimi-2025.rules): she graduated in November 2023.
TOO_LONG_AGO = ("beatrice.sanna", "History of Art", day(2023, 11, 15), 74)
TYPO = "nicola.fontana"  # first types his test score as 120, then applies again with the right one
# applies in late October, after the Career Service closed applications: refused
LATE = ("ginevra.pace", "Economics and Management", 78)

# After the speed date a mentor says which of the mentees met he would take: not Simone Bellini
# (who ranked him 3rd and is full everywhere anyway).
MENTOR_PREFERENCES = ("luca.bernardi", ["noemi.caputo", "francesco.bruni", "nicola.fontana"])

# The Career Service replaces one proposal of the matching run (his 3rd choice) with the mentor
# nobody ranked, after trying his 1st choice, whose one place is held by another proposal.
OVERRIDE = ("riccardo.mele", "anna.colombo",
            "Riccardo wants to work in start-up finance; Anna Colombo (venture capital) joined the speed "
            "date late and is in nobody's ranking; Riccardo agreed")
OVERRIDE_FULL = "paola.rinaldi"

# Mentorships: how many meetings each pair holds (default 6 to 8 by position), the one that stops
# early, the one whose winter gap is flagged, and who tries what the programme forbids.
INCOMPLETE = ("daniele.ruggiero", 4)  # the mentee took a job abroad in February
LONG_GAP = "martina.sala"              # six weeks between December and late January: flagged
NINTH_MEETING = "gabriele.monti"        # eight meetings held, tries a ninth
INTRUDER = ("stefano.colombo", "noemi.caputo")  # a mentor logging on another pair's mentorship
FOLLOW_UPS = ["riccardo.mele", "daniele.ruggiero"]
TOO_LONG = "francesco.bruni"            # a 2-hour meeting: at most 90 minutes
TOO_EARLY = "sofia.gatti"               # a meeting in October, before the meeting period
LENGTHS = ["90min", "75min", "90min", "60min", "80min", "90min", "70min"]

# The 2026-27 edition (rules/unimi-2026.rules): the applications of the online form, exported as CSV
# and imported at the close. Two people not selected in 2025 apply again: Giulia Ferrara graduated
# in March 2026 and retook the self-assessment test; Irene Lodi now has five years of experience.
# Marco Villa, freed by the override in 2025, offers himself again. Columns as in MENTEES and
# MENTORS, without rankings and fates.
MENTEES_2026 = [
    ("giulia.ferrara", R, "Economics and Management", day(2026, 3, 20), 72, 6, 8),
    ("federica.longo", F, "Law", None, 76, 8, 8),
    ("samuele.bruno", R, "Computer Science", day(2025, 12, 10), 81, 9, 7),
    ("alice.ferri", F, "Biotechnology", None, 48, 5, 6),
]
MENTORS_2026 = [
    ("irene.lodi", "Law", 2019, "paralegal", 5, 68, 7, 8),
    ("marco.villa", "Economics and Management", 2014, "financial analyst", 10, 74, 8, 7),
    ("paolo.gatti", "Statistics", 2012, "data engineer", 11, 80, 8, 9),
]


def staff(i):
    return "career_service:" + STAFF[i % len(STAFF)]


def mentor_ref(who, edition=EDITION):
    return f"{edition}/mentor_application/{who}"


def mentee_inputs(status, course, graduated_on, test, who):
    inputs = {"full_name": full_name(who), "status": status, "degree_course": course, "self_assessment": test,
              "cv": f"cv-{who}.pdf", "self_assessment_test": f"self-assessment-{who}.pdf"}
    if graduated_on:
        inputs["graduated_on"] = graduated_on.isoformat()
    return inputs


def mentor_inputs(degree, year, profession, years, test, who):
    return {"full_name": full_name(who), "alumni_degree": degree, "graduation_year": year, "profession": profession, "years_experience": years,
            "self_assessment": test, "cv": f"cv-{who}.pdf", "self_assessment_test": f"self-assessment-{who}.pdf"}


def write_applications(s):
    s.comment("May – June 2025: the Career Service publishes the edition; alumni apply as mentors, final-year")
    s.comment("students and recent graduates as mentees (eligibility checked on applying).")
    s.publish((day(2025, 5, 5), 9, 0), "../../workflows/unimi-mentoring.flow", "../../rules/unimi-2025.rules")
    for i, (who, degree, year, profession, years, test, *_rest) in enumerate(MENTORS):
        s.command((day(2025, 5, 12) + dt.timedelta(days=(i * 3) % 35), 12 + i % 8, i), "mentor:" + who,
                  f"mentor_application/{who}", "apply_as_mentor",
                  mentor_inputs(degree, year, profession, years, test, who))
    for i, (who, status, course, graduated_on, test, *_rest) in enumerate(MENTEES):
        applied = day(2025, 5, 14) + dt.timedelta(days=(i * 2) % 36)
        inputs = mentee_inputs(status, course, graduated_on, test, who)
        if who == TYPO:
            s.command((applied, 10, 0), "mentee:" + who, f"mentee_application/{who}", "apply_as_mentee",
                      dict(inputs, self_assessment=120), refused="the self-assessment test score is 0 to 100 (given: 120)")
        s.command((applied, 11, i), "mentee:" + who, f"mentee_application/{who}", "apply_as_mentee", inputs)
    who, course, graduated_on, test = TOO_LONG_AGO
    s.command((day(2025, 6, 3), 16, 0), "mentee:" + who, f"mentee_application/{who}", "apply_as_mentee",
              mentee_inputs(R, course, graduated_on, test, who),
              refused="mentees are final-year students or recent graduates (graduated within 52weeks)")
    s.command((day(2025, 6, 4), 9, 0), "mentee:alessia.conti", "mentee_application/alessia.conti", "apply_as_mentee",
              mentee_inputs(*MENTEES[0][1:5], "alessia.conti"), refused="already exists")


def write_selection(s):
    s.comment("July 2025: applications close; the Career Service scores each applicant and the edition's")
    s.comment("tables decide (pass mark 60 of 100); each decision is recorded with its explanation.")
    s.command((day(2025, 6, 30), 18, 0), staff(0), "round", "close_applications")
    s.command((day(2025, 7, 1), 9, 0), "mentor:paola.rinaldi", "mentee_application/alessia.conti", "select_mentee",
              {"academic_background": 9, "motivation": 9}, refused="only career_service may")
    s.command((day(2025, 7, 1), 9, 30), staff(1), "mentee_application/paolo.marchi", "select_mentee",
              {"academic_background": 11, "motivation": 5}, refused="academic background and motivation are scored 0 to 10")
    for i, (who, *_scores, academic, motivation, _fate) in enumerate(MENTORS):
        s.command((day(2025, 7, 2) + dt.timedelta(days=i % 4), 10, i), staff(i), f"mentor_application/{who}",
                  "select_mentor", {"academic_background": academic, "motivation": motivation})
    for i, (who, _status, _course, _graduated, _test, academic, motivation, _prefs, _fate) in enumerate(MENTEES):
        s.command((day(2025, 7, 7) + dt.timedelta(days=i % 5), 10, i), staff(i), f"mentee_application/{who}",
                  "select_mentee", {"academic_background": academic, "motivation": motivation})


# seed: mentors "3 online sessions of 2 hours each, between 1 and 18 September 2025, from 18.00 to
# 20.00"; mentees "1 online session of 2 hours, 2 or 18 September 2025, from 14.00 to 16.00"
MENTOR_SESSIONS = [[day(2025, 9, 1), day(2025, 9, 8), day(2025, 9, 15)],
                   [day(2025, 9, 3), day(2025, 9, 10), day(2025, 9, 17)]]
MENTEE_SESSIONS = [day(2025, 9, 2), day(2025, 9, 18)]


def write_training(s):
    s.comment("September 2025: training. Mentors attend three evening sessions (two calendars), mentees one")
    s.comment("afternoon session (2 or 18 September); the Career Service records attendance.")
    trained_mentors = [m for m in MENTORS if m[-1] != "not_selected"]
    for i, (who, *_rest, fate) in enumerate(trained_mentors):
        sessions = MENTOR_SESSIONS[i % 2][:2 if fate == "untrained" else 3]
        for k, session in enumerate(sessions):
            s.command((session + dt.timedelta(days=1), 9, i), staff(k), f"mentor_application/{who}",
                      "attend_mentor_training", {"session": s.at(session, 18, 0)})
        if fate == "untrained":
            s.command((day(2025, 9, 19), 10, 0), staff(0), f"mentor_application/{who}", "finish_mentor_training",
                      refused="mentors attend 3 training sessions; 2 attended")
        else:
            s.command((day(2025, 9, 19), 9, i), staff(i), f"mentor_application/{who}", "finish_mentor_training")
    s.command((day(2025, 9, 18), 21, 0), staff(1), "mentor_application/fabio.testa", "attend_mentor_training",
              {"session": s.at(day(2025, 9, 18), 19, 0)}, refused="mentor training runs from")
    selected = [m for m in MENTEES if m[-1] != "not_selected"]
    for i, (who, *_rest, fate) in enumerate(selected):
        if fate == "untrained":
            s.command((day(2025, 9, 10), 15, 0), staff(0), f"mentee_application/{who}", "attend_mentee_training",
                      {"session": s.at(day(2025, 9, 10), 14, 0)}, refused="mentee training is held at")
            s.command((day(2025, 9, 19), 11, 0), staff(0), f"mentee_application/{who}", "finish_mentee_training",
                      refused="mentees attend 1 training session(s)")
            continue
        session = MENTEE_SESSIONS[i % 2]
        s.command((session, 17, i), staff(i), f"mentee_application/{who}", "attend_mentee_training",
                  {"session": s.at(session, 14, 0)})
        s.command((day(2025, 9, 19), 12, i), staff(i), f"mentee_application/{who}", "finish_mentee_training")


def write_speed_date(s):
    s.comment("October 2025: the speed date for every trained mentor and mentee; mentees rank the mentors")
    s.comment("they met, and a mentor names the mentees he would take.")
    s.command((day(2025, 10, 13), 9, 0), staff(0), "round", "hold_speed_date",
              {"held_on": s.at(day(2025, 11, 16), 17, 0)}, refused="the speed date is held between")
    s.command((day(2025, 10, 16), 20, 0), staff(0), "round", "hold_speed_date",
              {"held_on": s.at(day(2025, 10, 16), 17, 0)})
    ranked = [m for m in MENTEES if m[-1] == "ranked"]
    for i, (who, *_rest, prefs, _fate) in enumerate(ranked):
        s.command((day(2025, 10, 17) + dt.timedelta(days=i % 6), 18, i), "mentee:" + who,
                  f"mentee_application/{who}", "state_preferences",
                  {"preferences": [mentor_ref(m) for m in prefs]})
    s.command((day(2025, 10, 17), 21, 0), "mentee:lorenzo.neri", "mentee_application/lorenzo.neri",
              "state_preferences", {"preferences": []}, refused="rank at least one of the mentors you met")
    who, mentees = MENTOR_PREFERENCES
    s.command((day(2025, 10, 20), 19, 0), "mentor:" + who, f"mentor_application/{who}", "state_mentee_preferences",
              {"mentee_preferences": [f"{EDITION}/mentee_application/{m}" for m in mentees]})


def expected_matching():
    """What the matching run must propose (stable, one mentee per mentor). The scenario relies on
    it: mentors log meetings on the mentorships it leads to."""
    met = {m[0] for m in MENTORS if m[-1] == "mentor"}
    picky, accepts = MENTOR_PREFERENCES  # rule mentor_accepts: a mentor who names mentees takes only them
    prefs = {m[0]: [p for p in m[7] if p in met and (p != picky or m[0] in accepts)]
             for m in MENTEES if m[-1] == "ranked"}
    return deferred_acceptance(prefs, {mentor: 1 for mentor in met})


def write_matching(s, proposed):
    s.comment("27–31 October 2025: the matching run proposes a mentor to each mentee it can place and tells the")
    s.comment("others why; the Career Service overrides one proposal (to a mentor with a place left, with a reason)")
    s.comment("and confirms the rest, which creates the mentorships and matches the mentors; a late application is")
    s.comment("refused; then the meetings begin and everyone left without a pair is closed with the reason.")
    s.command((day(2025, 10, 27), 10, 0), staff(1), "round", "run_matching")
    who, mentor, reason = OVERRIDE
    s.command((day(2025, 10, 28), 8, 40), staff(0), f"mentee_application/{who}", "override_match",
              {"mentor_choice": mentor_ref(OVERRIDE_FULL), "reason": "his 1st choice"},
              refused="no place left: 0 taken and 1 proposed of 1")
    s.command((day(2025, 10, 28), 8, 50), staff(0), f"mentee_application/{who}", "override_match",
              {"mentor_choice": mentor_ref(mentor), "reason": ""}, refused="give the reason for the override")
    s.command((day(2025, 10, 28), 9, 0), staff(0), f"mentee_application/{who}", "override_match",
              {"mentor_choice": mentor_ref(mentor), "reason": reason})
    s.command((day(2025, 10, 28), 9, 30), "mentor:valentina.greco", "mentee_application/alessia.conti",
              "confirm_match", refused="only career_service may")
    for i, mentee in enumerate(sorted(proposed)):
        s.command((day(2025, 10, 28) + dt.timedelta(days=i % 3), 11, i), staff(i),
                  f"mentee_application/{mentee}", "confirm_match")
    late, course, test = LATE
    s.command((day(2025, 10, 29), 15, 0), "mentee:" + late, f"mentee_application/{late}", "apply_as_mentee",
              mentee_inputs(F, course, None, test, late),
              refused="the Career Service has closed applications to this edition")
    s.command((day(2025, 10, 31), 9, 0), staff(0), "round", "start_mentoring")


def meeting_count(i, who):
    if who == INCOMPLETE[0]:
        return INCOMPLETE[1]
    if who == NINTH_MEETING:
        return 8
    return [6, 7, 8][i % 3]


def write_meetings(s, pairs):
    s.comment("November 2025 – April 2026: 6 to 8 meetings of at most 1.5 hours per pair, every 3 to 4 weeks,")
    s.comment("logged by the mentee or the mentor; a gap outside 3–4 weeks is flagged, not refused. The timers")
    s.comment("remind each mentee every four weeks (a tick on the first of each month).")
    for month in [(2025, 12), (2026, 1), (2026, 2), (2026, 3), (2026, 4)]:
        s.tick((day(*month, 1), 7, 0))
    for i, (mentee, mentor) in enumerate(sorted(pairs.items())):
        case = f"mentorship/{mentee}"
        held = day(2025, 11, 3) + dt.timedelta(days=i % 10)
        if mentee == TOO_EARLY:
            s.command((day(2025, 10, 31), 19, 0), "mentee:" + mentee, case, "log_meeting",
                      {"held_on": s.at(day(2025, 10, 30), 18, 0), "length": "60min", "mode": "online"},
                      refused="meetings are held from 2025-11-01 00:00")
        for k in range(meeting_count(i, mentee)):
            if k:
                gap = 42 if (mentee == LONG_GAP and k == 3) else 22 + (i + k) % 3
                held += dt.timedelta(days=gap)
            logger = "mentor:" + mentor if (i + k) % 2 else "mentee:" + mentee
            inputs = {"held_on": s.at(held, 18, 0), "length": LENGTHS[(i + k) % len(LENGTHS)],
                      "mode": "in_person" if (i + k) % 3 == 0 else "online"}
            if mentee == TOO_LONG and k == 1:
                s.command((held, 20, 30), logger, case, "log_meeting", dict(inputs, length="2h"),
                          refused="a meeting lasts 90min; this one lasted 2h")
            s.command((held + dt.timedelta(days=1), 9, i), logger, case, "log_meeting", inputs)
            if (mentee, k) == (INTRUDER[1], 2):
                s.command((held + dt.timedelta(days=1), 12, 0), "mentor:" + INTRUDER[0], case, "log_meeting",
                          inputs, refused=INTRUDER[0] + " is not a party of")
        if mentee == NINTH_MEETING:
            s.command((held + dt.timedelta(days=3), 10, 0), "mentor:" + mentor, case, "log_meeting",
                      {"held_on": s.at(held + dt.timedelta(days=2), 18, 0), "length": "60min", "mode": "online"},
                      refused="the journey has at most 8 meetings, all already logged")
        if mentee in FOLLOW_UPS:
            s.command((day(2026, 1, 20), 15, FOLLOW_UPS.index(mentee)), staff(1), case, "follow_up",
                      {"held_on": s.at(day(2026, 1, 20), 14, 0),
                       "notes": "follow-up call with the pair: the journey so far, next topics"})
    s.command((day(2026, 3, 16), 10, 0), staff(0), "mentorship/alessia.conti", "certify",
              refused="is allowed only from 'completed'")


def write_certificates(s):
    s.comment("30 April 2026, 23:59: the meeting period ends (a timer); each pair is decided complete (6 meetings")
    s.comment("reached) or not. 11 May: certificates of attendance for both, mentors acknowledged on the website.")
    s.tick((day(2026, 5, 1), 7, 0))
    s.command((day(2026, 5, 8), 9, 0), "mentor:andrea.longhi", "round", "issue_certificates",
              refused="only career_service may")
    s.command((day(2026, 5, 11), 10, 0), staff(0), "round", "issue_certificates")


def csv_row(who, inputs):
    """A row of the form's export: the applicant, then the command's inputs as cells."""
    return {"user": who, **{k: ("" if v is None else v) for k, v in inputs.items()}}


def write_next_edition(s):
    s.comment("The 2026-27 edition (rules/unimi-2026.rules): \"Mentees not selected may reapply in future")
    s.comment("editions\", \"Mentors not selected in this round may be considered for future editions\".")
    s.comment("The online form's applications, exported as CSV, are imported at the close (all or nothing).")
    s.publish((day(2026, 5, 18), 9, 0), "../../workflows/unimi-mentoring.flow", "../../rules/unimi-2026.rules",
              NEXT_EDITION)
    s.import_csv((day(2026, 6, 30), 17, 0), "mentees-2026.csv",
                 [csv_row(who, mentee_inputs(status, course, graduated_on, test, who))
                  for who, status, course, graduated_on, test, _, _ in MENTEES_2026],
                 f"{NEXT_EDITION}/mentee_application", "apply_as_mentee")
    s.import_csv((day(2026, 6, 30), 17, 5), "mentors-2026.csv",
                 [csv_row(who, mentor_inputs(degree, year, profession, years, test, who))
                  for who, degree, year, profession, years, test, _, _ in MENTORS_2026],
                 f"{NEXT_EDITION}/mentor_application", "apply_as_mentor")
    s.command((day(2026, 6, 30), 18, 0), staff(0), "round", "close_applications", edition=NEXT_EDITION)
    for i, (who, *_rest, academic, motivation) in enumerate(MENTEES_2026):
        s.command((day(2026, 7, 6), 10, i), staff(i), f"mentee_application/{who}", "select_mentee",
                  {"academic_background": academic, "motivation": motivation}, edition=NEXT_EDITION)
    for i, (who, *_rest, academic, motivation) in enumerate(MENTORS_2026):
        s.command((day(2026, 7, 7), 10, i), staff(i), f"mentor_application/{who}", "select_mentor",
                  {"academic_background": academic, "motivation": motivation}, edition=NEXT_EDITION)


def main():
    s = Scenario(EDITION, ZONE)
    s.header("Mentoring at the University of Milan 2025-26, a whole edition, then two people apply again in")
    s.header("2026-27 (see README.md). Generated by generate.py: edit that, not this.")
    write_applications(s)
    write_selection(s)
    write_training(s)
    write_speed_date(s)
    proposed = expected_matching()
    write_matching(s, proposed)
    pairs = dict(proposed, **{OVERRIDE[0]: OVERRIDE[1]})
    write_meetings(s, pairs)
    write_certificates(s)
    write_next_edition(s)
    s.write(__file__)


if __name__ == "__main__":
    main()
