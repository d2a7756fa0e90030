// `mentorflow what-if` on the values rules produce, through the real CLI on whole editions of
// examples/: an issued output's value (MIE's ECTS credits, from the rules' `ects` table) and a
// field set from the rules (UniMi's mentor capacity, `set capacity = mentees_per_mentor`), each
// listed with its case, parties, old and new value; a value the new rules cannot give, with why.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "tests/engine/what_if_fixture.hpp"

using mentorflow::testing::contains;
using mentorflow::testing::mie_2021;
using mentorflow::testing::occurrences;
using mentorflow::testing::shipped_rules;
using mentorflow::testing::unimi_2025;
using mentorflow::testing::variant_rules;

TEST_CASE("what-if with 4 ECTS for bachelors lists each bachelor's credits 3 -> 4", "[engine][cli][audit][what-if]") {
  const std::string out = mie_2021().what_if("mie-2021", variant_rules("mie-2021-bachelor-ects"));
  INFO(out);
  CHECK(contains(out, "): 25 recorded decisions, 73 field values, 11 output values, 0 matching runs\n"));
  CHECK(contains(out, "\nrequest_credit_recognition / issue credits = ects(application.degree, meetings): "
                      "6 of 11 values change (3 -> 4: 6)\n"));
  CHECK(contains(out, "\n  mie-2021/mentorship/alessandra.russo (mentee alessandra.russo, mentor marco.conti; "
                      "position 1061): credits 3 -> 4\n"));
  CHECK(contains(out, "\n  mie-2021/mentorship/martina.leone (mentee martina.leone, mentor francesca.gallo; "
                      "position 1232): credits 3 -> 4\n"));
  CHECK(occurrences(out, ": credits 3 -> 4\n") == 6);
  CHECK(contains(out, "\nin all: 0 of 25 decisions, 0 of 73 field values, 6 of 11 output values and 0 of 0 "
                      "matching runs would change\n"));
}

TEST_CASE("what-if says which credits the new rules cannot give, and why", "[engine][cli][audit][what-if]") {
  const std::string out = mie_2021().what_if("mie-2021", variant_rules("mie-2021-no-master-ects"));
  INFO(out);
  CHECK(contains(out, "\nrequest_credit_recognition / issue credits = ects(application.degree, meetings): "
                      "5 of 11 values change (cannot be evaluated: 5)\n"));
  CHECK(contains(out, "\n  mie-2021/mentorship/tommaso.esposito (mentee tommaso.esposito, mentor marco.conti; "
                      "position 840): credits 3, cannot be evaluated: request_credit_recognition would be refused: "
                      "cannot evaluate 'ects(application.degree, meetings)': no row of table 'ects' matches degree = "
                      "master, meetings = 6\n"));
  // The command is refused as a whole: what else it sets is not evaluated either, and says so.
  CHECK(contains(out, "\nrequest_credit_recognition / set credits_requested = now: 5 of 11 values change "
                      "(cannot be evaluated: 5)\n"));
  CHECK(contains(out, "\nin all: 0 of 25 decisions, 5 of 73 field values, 5 of 11 output values"));
}

TEST_CASE("what-if with two mentees per mentor lists each mentor's capacity 1 -> 2", "[engine][cli][audit][what-if]") {
  const std::string out = unimi_2025().what_if("unimi-2025", variant_rules("unimi-2025-two-mentees"));
  INFO(out);
  CHECK(contains(out, "\nselect_mentor / set capacity = mentees_per_mentor: 20 of 20 values change (1 -> 2: 20)\n"));
  CHECK(contains(out, "\n  unimi-2025/mentor_application/paola.rinaldi (mentor paola.rinaldi; position 228): "
                      "capacity 1 -> 2\n"));
  CHECK(occurrences(out, ": capacity 1 -> 2\n") == 20);
  CHECK(contains(out, "\nin all: 0 of 60 decisions, 20 of 134 field values, 0 of 15 output values and 1 of 1 "
                      "matching run would change\n"));
}

TEST_CASE("what-if with the edition's own rules changes no value", "[engine][cli][audit][what-if]") {
  CHECK(contains(mie_2021().what_if("mie-2021", shipped_rules("mie-2021")),
                 "\nsubmit / eligible(this): 0 of 25 decisions change\nin all: 0 of 25 decisions, 0 of 73 field "
                 "values, 0 of 11 output values and 0 of 0 matching runs would change\n"));
  CHECK(contains(unimi_2025().what_if("unimi-2025", shipped_rules("unimi-2025")),
                 "\nin all: 0 of 60 decisions, 0 of 134 field values, 0 of 15 output values and 0 of 1 matching run "
                 "would change\n"));
}

namespace {

// A quota set from a parameter when the request opens, then decided on by staff.
constexpr const char* kQuotaFlow = R"(workflow quota "Quota" {
  participants student
  staff office
  param quota_per_student: int = 1
  case request {
    party student: student
    field quota: int
    state open initial, large final, small final
    command start by student
      set quota = quota_per_student
    command size by office from open
      decide quota >= 2 then large else small
  }
}
)";

}  // namespace

TEST_CASE("what-if decides on a field as the new rules would have set it", "[engine][cli][audit][what-if]") {
  mentorflow::testing::CliStore s("2025-09-01 10:00 UTC");
  s.publish("quota", kQuotaFlow, "rules for quota edition \"1\" {\n  set quota_per_student = 1\n}\n", "q-1");
  s.ok(s.exec("student:anna", "q-1/request/anna", "start"));
  s.ok(s.exec("office:olga", "q-1/request/anna", "size"));
  const std::string two = (s.dir / "two.rules").string();
  std::ofstream(two) << "rules for quota edition \"2\" {\n  set quota_per_student = 2\n}\n";
  const auto r = s.cli({"what-if", "--edition", "q-1", "--rules", two});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "\nsize / quota >= 2: 1 of 1 decision change (small -> large: 1)\n"));
  CHECK(contains(r.out, "\nstart / set quota = quota_per_student: 1 of 1 value change (1 -> 2: 1)\n"
                        "  q-1/request/anna (student anna; position 2): quota 1 -> 2\n"));
}

TEST_CASE("each what-if rules variant is its shipped rules file with one line changed", "[engine][audit][what-if]") {
  // A variant that drifts from the shipped file it copies would change more than the tests say.
  const auto lines = [](const std::string& text) {
    std::multiset<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      if (!line.starts_with("#")) out.insert(line);  // the opening comments say what each file is
    return out;
  };
  const auto only_in = [](const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
    std::vector<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out.size();
  };
  for (const auto& [variant, shipped] : std::vector<std::pair<std::string, std::string>>{
           {"mie-2021-bachelor-ects", "mie-2021"},
           {"mie-2021-no-master-ects", "mie-2021"},
           {"unimi-2025-two-mentees", "unimi-2025"},
           {"unimi-2025-negative-capacity", "unimi-2025"},
           {"unimi-2025-optimal", "unimi-2025"}}) {
    INFO(variant);
    const auto v = lines(mentorflow::testing::read_file(variant_rules(variant)));
    const auto s = lines(mentorflow::testing::read_file(shipped_rules(shipped)));
    REQUIRE(!v.empty());
    CHECK(only_in(v, s) <= 1);
    CHECK(only_in(s, v) == 1);
  }
}
