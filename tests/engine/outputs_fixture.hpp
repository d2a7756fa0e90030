#pragma once
// Through the real CLI, on a temporary store: one MIE 2021 mentorship (shipped workflow and
// rules) taken from application to its ECTS credit record, the meetings logged with their dates.
// Shared by the certificate and calendar tests.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/text.hpp"

namespace mentorflow::testing {

inline const std::vector<std::string> kMeetingDays = {"2021-11-24", "2021-12-18", "2022-01-14",
                                                      "2022-02-05", "2022-03-02", "2022-03-30"};

// A scenario for `mentorflow run`, one JSON line per command (examples/README.md).
class Scenario {
 public:
  // Each line's case is `case_prefix` + its case, its time `now` + `zone_suffix`.
  Scenario(std::string case_prefix, std::string zone_suffix)
      : prefix_(std::move(case_prefix)), zone_(std::move(zone_suffix)) {}

  void publish(const std::string& workflow, const std::string& rules, const std::string& edition,
               const std::string& now) {
    s_ << R"({"publish": {"workflow": ")" << (source_dir() / workflow).string() << R"(", "rules": ")"
       << (source_dir() / rules).string() << R"(", "edition": ")" << edition << R"("}, "now": ")" << now << "\"}\n";
  }
  // `now` in the language's notation; `inputs` a JSON object on one line.
  void line(const std::string& now, const std::string& as, const std::string& c, const std::string& command,
            const std::string& inputs = "{}") {
    s_ << R"({"now": ")" << now << zone_ << R"(", "as": ")" << as << R"(", "case": ")" << prefix_ << c
       << R"(", "command": ")"
       << command << R"(", "inputs": )" << inputs << "}\n";
  }
  // Writes the scenario beside the store and runs it on it; every line must be accepted.
  void run(const CliStore& on) const {
    const std::string path = (on.dir / "scenario.jsonl").string();
    std::ofstream(path) << s_.str();
    CliStore::ok(on.cli({"run", path}));
  }

 private:
  std::string prefix_, zone_;
  std::ostringstream s_;
};

// UniMi 2025-26 (shipped workflow and rules) published, and one pair, mentee anna and mentor
// marco, taken from their applications through the matching run to their mentorship, confirmed on
// 2025-10-21 at 10:00: `s` must have the case prefix "unimi-2025/" and zone " Europe/Rome".
inline void unimi_pair_matched(Scenario& s) {
  s.publish("workflows/unimi-mentoring.flow", "rules/unimi-2025.rules", "unimi-2025", "2025-07-01 09:00 Europe/Rome");
  s.line("2025-07-10 10:00", "mentee:anna", "mentee_application/anna", "apply_as_mentee",
         R"({"full_name": "Anna Bianchi", "status": "final_year_student", "degree_course": "Economics", )"
         R"("self_assessment": 80, "cv": "cv.pdf", "self_assessment_test": "test.pdf"})");
  s.line("2025-07-11 10:00", "mentor:marco", "mentor_application/marco", "apply_as_mentor",
         R"({"full_name": "Marco Rossi", "alumni_degree": "Law", "graduation_year": 2005, "profession": "lawyer", )"
         R"("years_experience": 15, "self_assessment": 75, "cv": "cv.pdf", "self_assessment_test": "test.pdf"})");
  s.line("2025-07-20 09:00", "career_service:cs", "round", "close_applications");
  s.line("2025-07-21 09:00", "career_service:cs", "mentee_application/anna", "select_mentee",
         R"({"academic_background": 9, "motivation": 9})");
  s.line("2025-07-21 09:10", "career_service:cs", "mentor_application/marco", "select_mentor",
         R"({"academic_background": 9, "motivation": 9})");
  for (const char* day : {"2025-09-01", "2025-09-08", "2025-09-15"})
    s.line(std::string(day) + " 20:00", "career_service:cs", "mentor_application/marco", "attend_mentor_training",
           R"({"session": ")" + std::string(day) + R"( 18:00 Europe/Rome"})");
  s.line("2025-09-16 09:00", "career_service:cs", "mentor_application/marco", "finish_mentor_training");
  s.line("2025-09-18 16:00", "career_service:cs", "mentee_application/anna", "attend_mentee_training",
         R"({"session": "2025-09-18 14:00 Europe/Rome"})");
  s.line("2025-09-18 16:05", "career_service:cs", "mentee_application/anna", "finish_mentee_training");
  s.line("2025-10-10 20:00", "career_service:cs", "round", "hold_speed_date",
         R"({"held_on": "2025-10-10 18:00 Europe/Rome"})");
  s.line("2025-10-12 10:00", "mentee:anna", "mentee_application/anna", "state_preferences",
         R"({"preferences": ["unimi-2025/mentor_application/marco"]})");
  s.line("2025-10-20 10:00", "career_service:cs", "round", "run_matching");
  s.line("2025-10-21 10:00", "career_service:cs", "mentee_application/anna", "confirm_match");
}

struct MieMentorship : CliStore {
  std::string mentorship = "mie-2021/mentorship/martina";

  // `full_name`: the name the application records ("" for none). Without `request_credits` the
  // mentorship stops just before the command that issues the credit record.
  explicit MieMentorship(const std::string& full_name = "Martina Leone", bool request_credits = true) {
    Scenario s("", " Europe/Rome");
    const auto line = [&](auto&&... args) { s.line(args...); };
    s.publish("workflows/mie.flow", "rules/mie-2021.rules", "mie-2021", "2021-09-01 09:00 Europe/Rome");
    line("2021-09-02 10:00", "mentor:francesca", "mie-2021/project/london", "offer_project",
         R"({"host": "Thames Chambers", "country": "United Kingdom", "sector": "law", "language": "english"})");
    line("2021-09-06 09:00", "staff:carla", "mie-2021/project/london", "publish_project");
    const std::string name = full_name.empty() ? "" : R"(, "full_name": ")" + full_name + "\"";
    line("2021-09-25 14:00", "student:martina", "mie-2021/application/martina", "start_application",
         R"({"project": "mie-2021/project/london")" + name + "}");
    line("2021-09-26 15:12", "student:martina", "mie-2021/application/martina", "submit",
         R"({"degree": "bachelor", "year": 3, "certificate_language": "english", "certified_level": "C1", )"
         R"("cv": {"it": "cv-it.pdf", "foreign": "cv-en.pdf"}, "letter": {"it": "l-it.pdf", "foreign": "l-en.pdf"}, )"
         R"("certificate": "cert.pdf"})");
    line("2021-10-18 11:12", "staff:carla", "mie-2021/application/martina", "confirm_match");
    line("2021-11-12 10:00", "student:martina", mentorship, "sign_agreement_as_mentee");
    line("2021-11-12 14:00", "mentor:francesca", mentorship, "sign_agreement_as_mentor");
    line("2021-11-12 18:00", "student:martina", mentorship, "send_agreement",
         R"({"topics": "law abroad", "agreement": "agreement.pdf"})");
    for (const std::string& day : kMeetingDays)
      line(day + " 20:00", "student:martina", mentorship, "log_meeting",
           R"({"held_on": ")" + day + R"( 18:00 Europe/Rome", "length": "90min"})");
    line("2022-04-01 09:00", "student:martina", mentorship, "finish_meetings");
    for (int i = 1; i <= 6; ++i)
      line("2022-04-0" + std::to_string(i) + " 20:00", "student:martina", mentorship, "upload_diary",
           R"({"diary": "diary-)" + std::to_string(i) + R"(.pdf"})");
    if (request_credits)
      line("2022-04-07 10:00", "student:martina", mentorship, "request_credit_recognition",
           R"({"credit_form": "form.pdf"})");
    s.run(*this);
  }
};

}  // namespace mentorflow::testing
