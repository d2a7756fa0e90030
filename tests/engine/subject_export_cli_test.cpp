// A person's own copy (mentorflow subject-export; docs/PRIVACY.md, "A person's own copy") on the
// shipped MIE workflow, through the real CLI on a store with ids in clear: the mentee's copy holds
// his application and his mentorship, with the content of the documents he uploaded; his mentor's
// copy holds the mentorship without the mentee's personal document and input, and names the mentee
// by his part, never by his id. Only staff of an edition the person is in may make one.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "store/seal.hpp"
#include "tests/support/mie_project.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::MieProject;
using mentorflow::testing::source_dir;
using nlohmann::json;

namespace {

const std::string kCv = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Bruno Verdi, curriculum vitae\n%%EOF\n";
const std::string kAgreement = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% agreement, signed\n%%EOF\n";
const std::string kMentorship = "mie-2021/mentorship/bruno";

// Bruno applies with an uploaded CV, is matched with Marco's project, sends their agreement
// (uploaded) and Marco logs a meeting.
struct Mentorship : MieProject {
  Mentorship() {
    ok(exec_text("student:bruno", "mie-2021/application/bruno", "start_application", R"({"project": "mie-2021/project/lyon"})"));
    ok(exec_text("student:bruno", "mie-2021/application/bruno", "submit",
                 R"({"degree": "bachelor", "year": 2, "certificate_language": "french", "certified_level": "B2",
                     "cv": {"it": )" + upload("cv-it.pdf", kCv) + R"(, "foreign": "cv-fr.pdf"},
                     "letter": {"it": "l-it.pdf", "foreign": "l-fr.pdf"}, "certificate": "delf.pdf"})"));
    ok(exec("staff:carla", "mie-2021/application/bruno", "confirm_match"));
    ok(exec("student:bruno", kMentorship, "sign_agreement_as_mentee"));
    ok(exec("mentor:marco", kMentorship, "sign_agreement_as_mentor"));
    ok(exec_text("student:bruno", kMentorship, "send_agreement",
                 R"({"topics": "film production", "agreement": )" + upload("agreement.pdf", kAgreement) + "}"));
    ok(exec_text("mentor:marco", kMentorship, "log_meeting", R"({"held_on": "2021-11-02T18:00:00+01:00", "length": "90min"})"));
  }

  // `mentorflow upload` of a file holding `bytes`: the reference a command attaches.
  std::string upload(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return ok(cli({"upload", (dir / name).string()})).out;
  }
  json copy_of(const std::string& who) const {
    return json::parse(ok(cli({"subject-export", "--as", "staff:carla", "--subject", who, "--now", now})).out);
  }
};

const json& case_in(const json& copy, const std::string& name) {
  for (const json& c : copy.at("cases"))
    if (c.at("case") == name) return c;
  FAIL("no case " << name << " in the copy");
  static const json none;
  return none;
}

std::string content_of(const json& documents, const std::string& document, const std::string& variant) {
  for (const json& d : documents)
    if (d.at("document") == document && d.at("variant") == variant && d.contains("content_base64"))
      return mentorflow::store::bytes_of_base64(d.at("content_base64").get<std::string>()).value_or("(not base64)");
  return "";
}

}  // namespace

TEST_CASE("a person's own copy holds their data and documents, and not another person's", "[engine][cli][privacy]") {
  const Mentorship s;

  SECTION("the mentee's copy: his application and mentorship, with what he uploaded") {
    const json copy = s.copy_of("bruno");
    CHECK(copy.at("subject") == "bruno");
    CHECK(copy.at("exported_at") == "2021-09-20T08:00:00Z");
    CHECK(copy.at("cases").size() == 2);
    const json& application = case_in(copy, "mie-2021/application/bruno");
    CHECK(application.at("parties_as") == json::array({"student"}));
    CHECK(application.at("state").at("fields").at("certified_level") == "B2");
    CHECK(content_of(application.at("documents"), "cv", "it") == kCv);
    CHECK(content_of(application.at("documents"), "cv", "foreign").empty());  // named, never uploaded
    const json& mentorship = case_in(copy, kMentorship);
    CHECK(mentorship.at("state").at("parties") == json({{"mentee", "bruno"}, {"mentor", "[mentor]"}}));
    CHECK(content_of(mentorship.at("documents"), "agreement", "") == kAgreement);
    const json& meeting = mentorship.at("history").back();
    CHECK(meeting.at("command") == "log_meeting");
    CHECK(meeting.at("actor") == json({{"user", "[mentor]"}, {"role", "mentor"}}));
    const std::string text = copy.dump();
    CHECK_FALSE(contains(text, "marco"));  // the mentor, by id
    CHECK_FALSE(contains(text, "carla"));  // the staff member
  }

  SECTION("the mentor's copy: the mentorship without the mentee's personal document, and no mentee's id") {
    const json copy = s.copy_of("marco");
    CHECK(copy.at("cases").size() == 2);  // his project, and the mentorship
    const json& mentorship = case_in(copy, "mie-2021/mentorship/[mentee]");
    CHECK(mentorship.at("parties_as") == json::array({"mentor"}));
    CHECK_FALSE(mentorship.at("state").at("documents").contains("agreement"));  // personal for the mentee
    CHECK(mentorship.at("documents").empty());
    for (const json& entry : mentorship.at("history"))
      if (entry.at("command") == "send_agreement") CHECK_FALSE(entry.at("inputs").contains("agreement"));
    const std::string text = copy.dump();
    CHECK_FALSE(contains(text, "bruno"));
    CHECK_FALSE(contains(text, mentorflow::store::base64_of(kAgreement)));
    CHECK(contains(text, "[mentee]"));
  }

  SECTION("only staff of an edition the person is in make one, of someone who is there") {
    const std::string before = CliStore::ok(s.cli({"export"})).out;
    const CliResult own = s.cli({"subject-export", "--as", "student:bruno", "--subject", "bruno"});
    CHECK(own.exit_code == 1);
    CHECK(own.err ==
          "mentorflow: only staff or a privacy role of an edition the person takes part in export their data; bruno "
          "acts as student\n");
    const CliResult nobody = s.cli({"subject-export", "--as", "staff:carla", "--subject", "nobody"});
    CHECK(nobody.exit_code == 1);
    CHECK(nobody.err == "mentorflow: nobody is a party of no case: nothing is kept about them\n");
    CHECK(s.cli({"subject-export", "--as", "staff:carla"}).exit_code == 2);
    CHECK(CliStore::ok(s.cli({"export"})).out == before);
  }
}
