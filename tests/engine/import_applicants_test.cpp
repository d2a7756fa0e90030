// Applicants from CSV through the real CLI, with the shipped UniMi workflow: a good file opens every
// application in one write; any bad row (named by its line) means nothing is imported.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

const std::string kNow = "2025-07-01 10:00 Europe/Rome";
const std::string kHeader = "user,id,status,degree_course,graduated_on,self_assessment,cv,self_assessment_test\n";

struct Unimi : CliStore {
  Unimi() : CliStore(kNow) {
    ok(cli({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
            (source_dir() / "rules/unimi-2025.rules").string(), "--edition", "unimi-2025", "--now", kNow}));
  }
  std::string write(const std::string& text) {
    const auto path = dir / "applicants.csv";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  CliResult import(const std::string& text, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"import-applicants", "unimi-2025/mentee_application", "apply_as_mentee",
                                     write(text), "--now", kNow};
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
  }
  std::string exported() { return cli({"export"}).out; }
};

}  // namespace

TEST_CASE("a good CSV opens every application in one write", "[engine][cli][import]") {
  Unimi u;
  // A byte order mark, CRLF line ends, a quoted cell with a comma and a doubled quote, an empty
  // optional cell, and an id given (the user's own: the mentee names the case).
  const std::string csv = "\xEF\xBB\xBF" + std::string("user,id,status,degree_course,graduated_on,self_assessment,cv,self_assessment_test\r\n") +
                          "giulia.bianchi,,final_year_student,\"Economics, Management and \"\"Finance\"\"\",,72,cv-gb.pdf,test-gb.pdf\r\n"
                          "luca.verdi,luca.verdi,recent_graduate,Physics,2025-03-20,64,cv-lv.pdf,test-lv.pdf\r\n";
  auto dry = u.import(csv, {"--dry-run"});
  INFO(dry.out << dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "2 rows would be imported; nothing written"));
  CHECK(u.cli({"cases", "unimi-2025", "--type", "mentee_application"}).out.empty());

  auto r = u.import(csv);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "imported 2 rows"));
  CHECK(contains(r.out, "line 2: unimi-2025/mentee_application/giulia.bianchi now 'submitted'"));
  CHECK(contains(r.out, "line 3: unimi-2025/mentee_application/luca.verdi now 'submitted'"));

  auto state = u.cli({"state", "unimi-2025/mentee_application/giulia.bianchi"});
  CHECK(contains(state.out, R"(Economics, Management and \"Finance\")"));
  CHECK(contains(state.out, R"("mentee": "giulia.bianchi")"));
  auto history = u.cli({"history", "unimi-2025/mentee_application/luca.verdi"});
  CHECK(contains(history.out, "luca.verdi"));

  SECTION("importing the same file again refuses every row: the cases exist") {
    const std::string before = u.exported();
    auto again = u.import(csv);
    CHECK(again.exit_code == 1);
    CHECK(contains(again.err, "2 of 2 rows"));
    CHECK(contains(again.err, "already exists"));
    CHECK(u.exported() == before);
  }

  SECTION("a row naming the case after someone else is refused: the mentee names it") {
    const std::string before = u.exported();
    auto other = u.import(kHeader + "anna.neri,giulia.bianchi,recent_graduate,Physics,2025-03-20,64,cv.pdf,test.pdf\n");
    CHECK(other.exit_code == 1);
    CHECK(contains(other.err, "line 2: anna.neri opens mentee_application under their own user id only "
                              "(unimi-2025/mentee_application/anna.neri), not under 'giulia.bianchi'"));
    CHECK(u.exported() == before);
  }
}

TEST_CASE("semicolon-separated files and lists", "[engine][cli][import]") {
  Unimi u;
  auto r = u.import(
      "user;status;degree_course;self_assessment;cv;self_assessment_test\n"
      "marta.neri;final_year_student;Lettere, moderne;80;cv.pdf;t.pdf\n");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(u.cli({"state", "unimi-2025/mentee_application/marta.neri"}).out, "Lettere, moderne"));
}

TEST_CASE("any bad row means nothing is imported, and every bad row is named", "[engine][cli][import]") {
  Unimi u;
  const std::string before = u.exported();
  auto r = u.import(kHeader +
                    "anna,,final_year_student,Law,,70,cv.pdf,t.pdf\n"                  // fine
                    "bruno,,recent_graduate,Law,2019-01-10,70,cv.pdf,t.pdf\n"          // graduated too long ago
                    "carla,,final_year_student,Law,,seventy,cv.pdf,t.pdf\n"            // not a number
                    "dario,,final_year_student,Law,,170,cv.pdf,t.pdf\n"                // out of range
                    "anna,,final_year_student,Law,,70,cv.pdf,t.pdf\n"                  // anna again
                    "elena,,final_year_student,Law,,70,cv.pdf\n"                       // a cell short
                    "franco,,student,Law,,70,cv.pdf,t.pdf\n");                          // no such status
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "6 of 7 rows of"));
  CHECK(contains(r.err, "nothing was imported"));
  CHECK(contains(r.err, "line 3: apply_as_mentee refused on unimi-2025/mentee_application/bruno: mentees are final-year students or recent graduates"));
  CHECK(contains(r.err, "line 4: column self_assessment: 'seventy' is not a whole number"));
  CHECK(contains(r.err, "line 5: apply_as_mentee refused on unimi-2025/mentee_application/dario: the self-assessment test score is 0 to 100 (given: 170)"));
  CHECK(contains(r.err, "line 6: unimi-2025/mentee_application/anna is also written by line 2"));
  CHECK(contains(r.err, "line 7: 7 cells where the header has 8 columns"));
  CHECK(contains(r.err, "line 8:"));
  CHECK_FALSE(contains(r.err, "line 2:"));
  CHECK(u.exported() == before);
}

TEST_CASE("a file or header that cannot be used is named with its line", "[engine][cli][import]") {
  Unimi u;
  const std::string before = u.exported();
  auto unknown = u.import("user,status,degree,self_assessment\nanna,final_year_student,Law,70\n");
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "applicants.csv:line 1: column 3 ('degree') is not an input of apply_as_mentee"));
  CHECK(contains(unknown.err, "degree_course"));

  auto no_user = u.import("status,degree_course\nfinal_year_student,Law\n");
  CHECK(no_user.exit_code == 1);
  CHECK(contains(no_user.err, "no 'user' column"));

  auto open_quote = u.import(kHeader + "anna,,final_year_student,\"Law,,70,cv.pdf,t.pdf\n");
  CHECK(open_quote.exit_code == 1);
  CHECK(contains(open_quote.err, "line 2: a quoted cell is never closed"));

  auto not_opening = u.cli({"import-applicants", "unimi-2025/mentee_application", "select_mentee",
                            u.write(kHeader), "--now", kNow});
  CHECK(not_opening.exit_code == 1);
  CHECK(contains(not_opening.err, "select_mentee does not open a mentee_application"));

  auto cohort = u.cli({"import-applicants", "unimi-2025/round", "close_applications", u.write(kHeader)});
  CHECK(cohort.exit_code == 1);
  CHECK(contains(cohort.err, "'round' is the edition's cohort, not a case type"));

  auto wrong_role = u.import(kHeader + "anna,,final_year_student,Law,,70,cv.pdf,t.pdf\n", {"--role", "mentor"});
  CHECK(wrong_role.exit_code == 1);
  CHECK(contains(wrong_role.err, "role mentor may not apply_as_mentee: only mentee may"));

  CHECK(u.cli({"import-applicants", "unimi-2025", "apply_as_mentee", u.write(kHeader)}).exit_code == 2);
  CHECK(u.exported() == before);
}

TEST_CASE("a file that is not UTF-8 is refused with its line, and nothing is imported", "[engine][cli][import]") {
  // Found by tests/fuzz/csv_fuzz.cpp: a spreadsheet's CSV saved in Windows-1252 ('\x92' is its
  // apostrophe) made the import throw on the document cell and the program abort.
  Unimi u;
  const std::string before = u.exported();
  auto r = u.import(kHeader + "anna,,final_year_student,Law,,70,cv.pdf,t.pdf\n" +
                    "bruno,,final_year_student,Law,,70,cv-d\x92" "amico.pdf,t.pdf\n");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "applicants.csv:line 3: not valid UTF-8"));
  CHECK(u.exported() == before);
  auto name = u.import(kHeader + "anna,,final_year_student,Economia e Societ\xe0,,70,cv.pdf,t.pdf\n");
  CHECK(name.exit_code == 1);
  CHECK(contains(name.err, "applicants.csv:line 2: not valid UTF-8"));
  CHECK(u.exported() == before);
}
