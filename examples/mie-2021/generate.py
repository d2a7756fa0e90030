#!/usr/bin/env python3
"""Writes scenario.jsonl: the whole MIE 2021 edition, line by line, for `mentorflow run`.

Deterministic: no randomness, no clock; the variety (meeting days, lengths, who logs a meeting)
comes from arithmetic on each person's position in the lists below. Run it after changing the
story and commit both files:

    python3 examples/mie-2021/generate.py          # rewrites examples/mie-2021/scenario.jsonl
    python3 examples/mie-2021/generate.py OUT      # writes OUT instead (the tests compare)

The story is told in README.md beside this file; the people are invented.
"""
import datetime as dt
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from scenario_writer import Scenario, day as d, full_name  # noqa: E402

EDITION = "mie-2021"
ZONE = "Europe/Rome"
STAFF = ["carla.bianchi", "paolo.ferrari"]  # the Internships Abroad Unit

# project id -> mentor, host, country, sector, language
PROJECTS = {
    "lyon-film": ("marco.conti", "Institut Lumière", "France", "film production", "french"),
    "berlin-energy": ("giulia.moretti", "Berliner Energieagentur", "Germany", "renewable energy", "german"),
    "madrid-heritage": ("lorenzo.ricci", "Fundación Patrimonio Vivo", "Spain", "cultural heritage", "spanish"),
    "london-law": ("francesca.gallo", "Thames Chambers", "United Kingdom", "international law", "english"),
    "lisbon-ocean": ("alessandro.greco", "Oceano Azul Lab", "Portugal", "marine biology", "portuguese"),
    "dublin-software": ("chiara.deluca", "Liffey Software", "Ireland", "software engineering", "english"),
    "shanghai-trade": ("matteo.marino", "Yangtze Trade Consulting", "China", "international trade", "chinese"),
}
LANGUAGE = {project: spec[4] for project, spec in PROJECTS.items()}

# Students: id, project, degree, year, certificate language (None: the project's), level, fate.
# Fates: matched, ineligible, expired (a draft never submitted), interview (the mentor does not
# recommend them), not_selected (staff decide), unmatched (still submitted when results come out).
STUDENTS = [
    ("alessandra.russo", "lyon-film", "bachelor", 3, None, "B2", "matched"),
    ("tommaso.esposito", "lyon-film", "master", 1, None, "C1", "matched"),
    ("emma.sartori", "lyon-film", "bachelor", 2, None, "B2", "matched"),
    ("giorgio.mancini", "lyon-film", "bachelor", 2, None, "B1", "interview"),
    ("federica.colombo", "berlin-energy", "master", 2, None, "B2", "matched"),
    ("riccardo.villa", "berlin-energy", "bachelor", 2, None, "B1", "matched"),
    ("mattia.cattaneo", "berlin-energy", "master", 2, None, "C1", "matched"),
    ("luca.rizzo", "berlin-energy", "master", 1, None, "B1", "ineligible"),  # a master needs B2
    ("sara.longo", "madrid-heritage", "bachelor", 2, None, "B2", "matched"),
    ("andrea.gentile", "madrid-heritage", "master", 1, None, "C2", "matched"),
    ("elena.bruno", "madrid-heritage", "bachelor", 3, "english", "B2", "ineligible"),  # not in Spanish
    ("federico.barbieri", "madrid-heritage", "bachelor", 2, None, "B1", "unmatched"),
    ("martina.leone", "london-law", "bachelor", 3, None, "C1", "matched"),
    ("nicolo.fabbri", "london-law", "master", 1, None, "C1", "matched"),
    ("giada.messina", "london-law", "bachelor", 2, None, "B2", "matched"),
    ("sofia.marchetti", "london-law", "bachelor", 1, None, "C1", "ineligible"),  # 1st year
    ("alessia.lombardi", "london-law", "bachelor", 3, None, "B2", "not_selected"),
    ("giacomo.caputo", "lisbon-ocean", "bachelor", 2, None, "B1", "matched"),
    ("irene.pellegrini", "lisbon-ocean", "master", 2, None, "B2", "matched"),
    ("martina.fontana", "lisbon-ocean", "bachelor", 2, None, "B2", "expired"),
    ("davide.santoro", "dublin-software", "master", 1, None, "C1", "matched"),
    ("camilla.ferraro", "dublin-software", "bachelor", 2, None, "B2", "matched"),
    ("noemi.ferri", "dublin-software", "bachelor", 3, None, "A2", "ineligible"),  # below B1
    ("simone.caruso", "dublin-software", "master", 1, None, "C1", "expired"),
    ("gabriele.morelli", "shanghai-trade", "master", 1, None, "B2", "matched"),
    ("aurora.rinaldi", "shanghai-trade", "bachelor", 3, None, "B1", "matched"),
    ("pietro.vitale", "shanghai-trade", "bachelor", 2, None, "B2", "matched"),
]
LATE = ("davide.costa", "london-law")  # tries to apply the day after the deadline

# The next edition (rules/mie-2022.rules: bachelors need B2 too). Two students not selected in 2021
# apply again, each to a project offered again: student, project, degree, year, level. Federico
# Barbieri has passed a B2 exam since; Giorgio Mancini still certifies B1.
NEXT_EDITION = "mie-2022"
REAPPLY = [("federico.barbieri", "madrid-heritage", "bachelor", 3, None, "B2", "matched"),
           ("giorgio.mancini", "lyon-film", "bachelor", 3, None, "B1", "ineligible")]

# Mentees who ask for their credits to be recognised (the form is optional), and the pair that is
# still uploading diaries when the scenario ends.
CREDITS = {"alessandra.russo", "tommaso.esposito", "federica.colombo", "riccardo.villa", "sara.longo",
           "andrea.gentile", "martina.leone", "giacomo.caputo", "davide.santoro", "camilla.ferraro",
           "gabriele.morelli"}
UNFINISHED = "aurora.rinaldi"
DIARIES_UPLOADED_BY_UNFINISHED = 4
SPELLED = {"nicolo.fabbri": "Nicolò Fabbri"}  # names as the students write them in the form
LENGTHS = ["90min", "2h", "75min", "1h", "105min", "2h", "80min"]


def application_inputs(student):
    _, project, degree, year, language, level, _ = student
    language = language or LANGUAGE[project]
    short = {"french": "fr", "german": "de", "spanish": "es", "english": "en", "portuguese": "pt",
             "chinese": "zh"}[language]
    return {"degree": degree, "year": year, "certificate_language": language, "certified_level": level,
            "cv": {"it": "cv-it.pdf", "foreign": f"cv-{short}.pdf"},
            "letter": {"it": "lettera-motivazionale.pdf", "foreign": f"letter-{short}.pdf"},
            "certificate": f"certificate-{language}-{level}.pdf"}


def staff(i):
    return "staff:" + STAFF[i % len(STAFF)]


def write_call(s):
    s.comment("The Internships Abroad Unit publishes the 2021 edition of MIE; mentors abroad offer projects.")
    s.publish((d(2021, 9, 1), 9, 0), "../../workflows/mie.flow", "../../rules/mie-2021.rules")
    for i, (project, (mentor, host, country, sector, language)) in enumerate(PROJECTS.items()):
        s.command((d(2021, 9, 2), 10 + i, 0), "mentor:" + mentor, f"project/{project}", "offer_project",
                  {"host": host, "country": country, "sector": sector, "language": language})
        s.command((d(2021, 9, 6), 9, 5 * i), staff(i), f"project/{project}", "publish_project")
    s.command((d(2021, 9, 6), 11, 0), "student:pietro.vitale", "project/lyon-film", "close_project",
              refused="only staff may")


def write_applications(s):
    s.comment("Students apply from 13 September to the deadline, 7 October 2021 at 12:30 (Italian time).")
    for i, student in enumerate(STUDENTS):
        who, project, _, _, _, _, fate = student
        opened = d(2021, 9, 13) + dt.timedelta(days=i % 20)
        submitted = opened + dt.timedelta(days=1 + i % 3)
        s.command((opened, 10 + i % 8, 0), "student:" + who, f"application/{who}", "start_application",
                  {"project": f"{EDITION}/project/{project}", "full_name": full_name(who, SPELLED)})
        if fate != "expired":
            s.command((submitted, 15, i % 60), "student:" + who, f"application/{who}", "submit",
                      application_inputs(student))
    # A participant acting on someone else's case, and an auditor trying to write.
    s.command((d(2021, 9, 20), 16, 0), "student:riccardo.villa", "application/simone.caruso", "submit",
              application_inputs(STUDENTS[5]), refused="riccardo.villa is not a party of mie-2021/application/simone.caruso")
    s.command((d(2021, 9, 21), 9, 0), "auditor:ivo.galli", "application/tommaso.esposito", "not_select",
              {"reason": "test"}, refused="auditors read everything and write nothing")
    # A draft submitted a few minutes too late: refused; the deadline timer expires it.
    s.command((d(2021, 10, 7), 12, 45), "student:martina.fontana", "application/martina.fontana", "submit",
              application_inputs(STUDENTS[19]), refused="applications for this edition closed on 2021-10-07 12:30")
    s.tick((d(2021, 10, 7), 18, 0))
    late, project = LATE
    s.command((d(2021, 10, 8), 9, 30), "student:" + late, f"application/{late}", "start_application",
              {"project": f"{EDITION}/project/{project}"},
              refused="applications for this edition closed on 2021-10-07 12:30 Europe/Rome")


def write_selection(s):
    s.comment("Evaluation: mentors' interviews, staff decisions, confirmed matches create the mentorships.")
    start = d(2021, 10, 11)
    s.command((start, 9, 0), "mentor:marco.conti", "application/alessandra.russo", "confirm_match",
              refused="only staff may")
    interviewed = [st for st in STUDENTS if st[6] in ("matched", "interview") and LANGUAGE[st[1]] in ("french", "chinese")]
    for i, student in enumerate(interviewed):
        who = student[0]
        outcome = "not_recommended" if student[6] == "interview" else "recommended"
        s.command((start + dt.timedelta(days=1 + i % 4), 10, i), staff(i), f"application/{who}", "record_interview",
                  {"held_on": s.at(start + dt.timedelta(days=i % 4), 17, 0), "outcome": outcome})
    decided = start + dt.timedelta(days=7)
    for i, student in enumerate(STUDENTS):
        who, fate = student[0], student[6]
        when = (decided + dt.timedelta(days=i % 6), 11, i)
        if fate == "matched":
            s.command(when, staff(i), f"application/{who}", "confirm_match")
        elif fate == "interview":
            s.command(when, staff(i), f"application/{who}", "confirm_match",
                      refused="the mentor's interview did not recommend this applicant")
            s.command((when[0], 12, 0), staff(i), f"application/{who}", "not_select",
                      {"reason": "the mentor's interview did not recommend the applicant"})
        elif fate == "not_selected":
            s.command(when, staff(i), f"application/{who}", "not_select",
                      {"reason": "the project takes three mentees; the other applicants ranked higher"})
    s.comment("About a month after the deadline: the reminder falls due, staff publish the results.")
    s.tick((d(2021, 11, 6), 12, 0))
    s.command((d(2021, 11, 8), 9, 0), staff(0), "call", "publish_results")


def write_mentorships(s):
    s.comment("Mentorships: the agreement signed by both and sent to the Unit, six online meetings of at most 2 h,")
    s.comment("one diary per meeting, the credit-recognition form for some, the final questionnaire.")
    pairs = [st for st in STUDENTS if st[6] == "matched"]
    for i, student in enumerate(pairs):
        who, project = student[0], student[1]
        mentor = PROJECTS[project][0]
        case = f"mentorship/{who}"
        mentee = "student:" + who
        mentor_as = "mentor:" + mentor
        day = d(2021, 11, 9) + dt.timedelta(days=i % 5)
        if i == 1:  # sent before the mentor signed: refused
            s.command((day, 10, 0), mentee, case, "sign_agreement_as_mentee")
            s.command((day, 11, 0), mentee, case, "send_agreement",
                      {"topics": "careers in film production", "agreement": "agreement.pdf"},
                      refused="must be signed by both parties")
            day += dt.timedelta(days=1)
            s.command((day, 10, 0), mentor_as, case, "sign_agreement_as_mentor")
        else:
            first, second = (mentor_as, mentee) if i % 2 else (mentee, mentor_as)
            s.command((day, 10, 0), first, case,
                      "sign_agreement_as_mentor" if first == mentor_as else "sign_agreement_as_mentee")
            s.command((day, 14, 0), second, case,
                      "sign_agreement_as_mentor" if second == mentor_as else "sign_agreement_as_mentee")
        sector = PROJECTS[project][3]
        s.command((day, 18, 0), mentee, case, "send_agreement",
                  {"topics": f"the {sector} sector abroad: the host, its work, the mentor's career path",
                   "agreement": f"agreement-{who}.pdf"})

        held = d(2021, 11, 16) + dt.timedelta(days=i % 12)
        for k in range(6):
            if k:
                held += dt.timedelta(days=21 + (i * 5 + k * 3) % 8)
            logger = mentor_as if (i + k) % 2 else mentee
            length = LENGTHS[(i + k) % len(LENGTHS)]
            logged = (held + dt.timedelta(days=1), 9, 0)
            if i == 4 and k == 0:  # a 3-hour meeting is over the limit
                s.command((held, 21, 0), logger, case, "log_meeting",
                          {"held_on": s.at(held, 18, 0), "length": "3h"}, refused="a meeting lasts at most 2h")
            s.command(logged, logger, case, "log_meeting", {"held_on": s.at(held, 18, 0), "length": length})
            if i == 2 and k == 4:  # finishing with five meetings is too early
                s.command((held + dt.timedelta(days=1), 10, 0), mentee, case, "finish_meetings",
                          refused="the path includes 6 meetings; 5 held so far")
            if i == 3 and k == 2:  # someone else's mentorship
                s.command((held + dt.timedelta(days=1), 11, 0), "student:" + pairs[0][0], case, "log_meeting",
                          {"held_on": s.at(held, 18, 0), "length": "1h"}, refused="is not a party of")
        done = held + dt.timedelta(days=2)
        if i == 0:  # a seventh meeting: the path has six
            s.command((done, 8, 0), mentor_as, case, "log_meeting", {"held_on": s.at(held + dt.timedelta(days=1), 18, 0),
                                                                     "length": "1h"},
                      refused="the path includes 6 meetings, all already logged")
        s.command((done, 9, 0), mentee, case, "finish_meetings")
        diaries = DIARIES_UPLOADED_BY_UNFINISHED if who == UNFINISHED else 6
        for k in range(diaries):
            s.command((done + dt.timedelta(days=k), 20, 0), mentee, case, "upload_diary",
                      {"diary": f"diary-{k + 1}.pdf"})
        last = done + dt.timedelta(days=diaries)
        if who in CREDITS:
            s.command((last, 10, 0), mentee, case, "request_credit_recognition",
                      {"credit_form": "credit-recognition-form.pdf"})
            if i == 3:
                s.command((last, 11, 0), mentee, case, "request_credit_recognition",
                          {"credit_form": "credit-recognition-form.pdf"}, refused="already sent")
        answers = f"Useful for orientation; the mentor in {PROJECTS[project][2]} was generous with advice."
        if who == UNFINISHED:
            s.command((last, 12, 0), mentee, case, "submit_questionnaire", {"answers": answers},
                      refused="4 of 6 uploaded")
        else:
            s.command((last, 12, 0), mentee, case, "submit_questionnaire", {"answers": answers})


def write_closing(s):
    s.comment("The edition ends: staff close the projects.")
    for i, project in enumerate(PROJECTS):
        s.command((d(2022, 6, 30), 10, i), staff(i), f"project/{project}", "close_project")


def write_next_edition(s):
    s.comment("September 2022, the next edition (rules/mie-2022.rules): two students not selected in 2021 apply")
    s.comment("again, under the new edition's rules; a new case in the new edition, the 2021 case untouched.")
    s.publish((d(2022, 9, 1), 9, 0), "../../workflows/mie.flow", "../../rules/mie-2022.rules", NEXT_EDITION)
    for i, (who, project, *_rest) in enumerate(REAPPLY):
        mentor, host, country, sector, language = PROJECTS[project]
        s.command((d(2022, 9, 2), 10 + i, 0), "mentor:" + mentor, f"project/{project}", "offer_project",
                  {"host": host, "country": country, "sector": sector, "language": language}, edition=NEXT_EDITION)
        s.command((d(2022, 9, 5), 9, i), staff(i), f"project/{project}", "publish_project", edition=NEXT_EDITION)
        s.command((d(2022, 9, 14 + i), 10, 0), "student:" + who, f"application/{who}", "start_application",
                  {"project": f"{NEXT_EDITION}/project/{project}", "full_name": full_name(who)}, edition=NEXT_EDITION)
        s.command((d(2022, 9, 15 + i), 16, 0), "student:" + who, f"application/{who}", "submit",
                  application_inputs((who, project, *_rest)), edition=NEXT_EDITION)
    s.tick((d(2022, 10, 6), 18, 0))
    s.command((d(2022, 10, 20), 11, 0), staff(0), f"application/{REAPPLY[0][0]}", "confirm_match",
              edition=NEXT_EDITION)
    s.tick((d(2022, 11, 4), 12, 0))
    s.command((d(2022, 11, 7), 9, 0), staff(1), "call", "publish_results", edition=NEXT_EDITION)


def main():
    s = Scenario(EDITION, ZONE)
    s.header("MIE 2021, a whole edition (see README.md). Generated by generate.py: edit that, not this.")
    write_call(s)
    write_applications(s)
    write_selection(s)
    write_mentorships(s)
    write_closing(s)
    write_next_edition(s)
    s.write(__file__)


if __name__ == "__main__":
    main()
