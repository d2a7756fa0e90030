// `mentorflow what-if` through the real CLI: the 2021 edition's decisions under the 2022 rules
// (B2 for bachelors too) change exactly for the bachelors with B1; nothing is written.
#include <fstream>

#include "tests/engine/audit_fixture.hpp"

using mentorflow::testing::AuditStore;
using mentorflow::testing::contains;

namespace {

struct FiveApplicants : AuditStore {
  FiveApplicants() {
    apply("anna", "master", 1, "B1");    // ineligible under both
    apply("bruno", "bachelor", 2, "B1");  // eligible in 2021 only
    apply("carlo", "bachelor", 1, "C1");  // ineligible under both: first year
    apply("dora", "bachelor", 3, "B2");   // eligible under both
    apply("elio", "bachelor", 4, "B1");   // eligible in 2021 only
  }
};

}  // namespace

TEST_CASE("what-if with the 2022 rules lists exactly the bachelors with B1", "[engine][cli][audit]") {
  FiveApplicants s;
  const std::string rules = AuditStore::rules_path("mie-2022");
  auto r = s.cli({"what-if", "--edition", "mie-2021", "--rules", rules});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string because = "bachelor requires B2, certified level is B1 (rule eligible, " + rules + ":28)";
  const std::string header = "what-if for edition mie-2021 with " + rules + " (definition ";
  REQUIRE(r.out.substr(0, header.size()) == header);
  CHECK(r.out.substr(r.out.find("):")) ==
        "): 5 recorded decisions, 0 field values, 0 output values, 0 matching runs\n"
        "submit / eligible(this): 2 of 5 decisions change (submitted -> ineligible: 2)\n"
        "  mie-2021/application/bruno (student bruno; position 28): submitted -> ineligible: " + because + "\n"
        "  mie-2021/application/elio (student elio; position 55): submitted -> ineligible: " + because + "\n"
        "in all: 2 of 5 decisions, 0 of 0 field values, 0 of 0 output values and 0 of 0 matching runs would change\n");
}

TEST_CASE("what-if with the edition's own rules changes nothing", "[engine][cli][audit]") {
  FiveApplicants s;
  auto r = s.cli({"what-if", "--edition", "mie-2021", "--rules", AuditStore::rules_path("mie-2021")});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "\nsubmit / eligible(this): 0 of 5 decisions change\nin all: 0 of 5 decisions, "
                             "0 of 0 field values, 0 of 0 output values and 0 of 0 matching runs would change\n"));
}

TEST_CASE("what-if writes nothing", "[engine][cli][audit]") {
  FiveApplicants s;
  const auto before = s.cli({"export"}).out;
  AuditStore::ok(s.cli({"what-if", "--edition", "mie-2021", "--rules", AuditStore::rules_path("mie-2022")}));
  CHECK(s.cli({"export"}).out == before);
}

TEST_CASE("what-if refuses an unknown edition, broken rules and misuse", "[engine][cli][audit]") {
  AuditStore s;
  const std::string rules = AuditStore::rules_path("mie-2022");
  auto unknown = s.cli({"what-if", "--edition", "mie-1999", "--rules", rules});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == "mentorflow: edition 'mie-1999' is not published in this store\n");

  const std::string broken = (s.dir / "broken.rules").string();
  std::ofstream(broken) << "rules for mie edition \"x\" {\n  set meetings_required = six\n}\n";
  auto bad = s.cli({"what-if", "--edition", "mie-2021", "--rules", broken});
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, broken + ":2:"));
  CHECK(contains(bad.err, "mentorflow: " + broken + " does not compile with the workflow of edition mie-2021\n"));
  CHECK(bad.out.empty());

  CHECK(s.cli({"what-if", "--rules", rules}).exit_code == 2);
  CHECK(s.cli({"what-if", "--edition", "mie-2021"}).exit_code == 2);
  CHECK(s.cli({"what-if", "--edition", "mie-2021", "--rules", rules, "extra"}).exit_code == 2);
  CHECK(s.cli({"what-if", "--edition", "mie-2021", "--rules", (s.dir / "missing.rules").string()}).exit_code == 1);
}
