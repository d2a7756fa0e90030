// execute(): a command's clauses in order on a working copy of the case. Counters stop at their
// maximum, cadence flags or refuses, documents are checked against their variants, linked cases
// and outputs are described for the engine, the state moves at the end, and a refusal changes
// nothing.
#include <catch2/catch.hpp>

#include "dsl/eval/execute.hpp"
#include "tests/dsl/dsl_fixture.hpp"

namespace {

using namespace mentorflow::dsl;
using namespace mentorflow::dsl::testing;

const char* kWorkflow = R"(workflow pairs "Mentorships" {
  participants student, mentor
  staff staff
  param meetings_max: int = 2
  case mentorship {
    party mentee: student
    party mentor: mentor
    field topic: optional text
    counter meetings min 1 max meetings_max
    document agreement[it, en], diary
    state active initial, done final
    output certificate "Certificate" for mentee, mentor value meetings
    command log_meeting by student, mentor from active
      input held_on: date
      input length: duration
      cadence held_on 3weeks..4weeks refuse
      count meetings
    command note by student from active
      input on: date
      cadence on 1week..2weeks flag
    command sign by student from active
      attach agreement
    command finish by staff from active to done
      requires reached(meetings) else "{meetings} meetings held"
      issue certificate
  }
  case application {
    party student: student
    field year: int
    state open initial, closed final
    command apply by student
      fills year
    command pair by staff from open to closed
      input with_mentor: text
      create mentorship with mentee = student, mentor = with_mentor, topic = "career"
    command expire by system from open to closed
  }
  cohort round {
    state open initial, closed final
    command close by staff from open to closed
      for each application in open do expire
  }
}
)";

struct Fixture {
  std::unique_ptr<Built> built = build(kWorkflow, "rules for pairs edition \"1\" {\n}\n");
  const Definition& d = built->def();
  Index mentorship = *d.find_case_type("mentorship");
  CommandContext ctx{"anna", "student", datetime("2025-11-03T18:00:00+01:00[Europe/Rome]"), nullptr};

  Outcome run(Index type, const std::string& command, const CaseData& c, const nlohmann::json& inputs) {
    const CaseTypeSpec& t = d.case_type(type);
    const Index k = *t.find_command(command);
    std::string error;
    auto values = read_inputs(t.commands[k], inputs, error);
    INFO(error);
    REQUIRE(values);
    return execute(d.program(), type, k, c, *values, ctx);
  }
  CaseData active() {
    return make_case(d, "mentorship", "m1", {{"parties", {{"mentee", "anna"}, {"mentor", "marco"}}}});
  }
};

template <class E>
const E* find(const Outcome& o) {
  for (const Effect& e : o.effects)
    if (auto* x = std::get_if<E>(&e)) return x;
  return nullptr;
}

}  // namespace

TEST_CASE("a counter counts up to its maximum, then refuses", "[dsl]") {
  Fixture f;
  CaseData c = f.active();
  Outcome first = f.run(f.mentorship, "log_meeting", c, {{"held_on", "2025-11-03"}, {"length", "90min"}});
  REQUIRE(first.accepted);
  CHECK(find<CounterIncremented>(first)->value == 1);
  Outcome second = f.run(f.mentorship, "log_meeting", first.after, {{"held_on", "2025-11-27"}, {"length", "1h"}});
  REQUIRE(second.accepted);
  CHECK(second.after.counters[0] == 2);
  Outcome third = f.run(f.mentorship, "log_meeting", second.after, {{"held_on", "2025-12-20"}, {"length", "1h"}});
  CHECK_FALSE(third.accepted);
  CHECK(third.refusal == "meetings is already at its maximum of 2");
  CHECK(third.effects.empty());
}

TEST_CASE("cadence: refuse outside the range, flag and go on", "[dsl]") {
  Fixture f;
  CaseData c = f.active();
  Outcome first = f.run(f.mentorship, "log_meeting", c, {{"held_on", "2025-11-03"}, {"length", "1h"}});
  REQUIRE(first.accepted);
  CHECK_FALSE(find<CadenceChecked>(first)->gap);  // nothing to compare with the first time
  Outcome soon = f.run(f.mentorship, "log_meeting", first.after, {{"held_on", "2025-11-10"}, {"length", "1h"}});
  CHECK_FALSE(soon.accepted);
  CHECK(soon.refusal == "held_on comes 1 week after the previous one; it must be 3 to 4 weeks");
  Outcome a = f.run(f.mentorship, "note", c, {{"on", "2025-11-01"}});
  Outcome late = f.run(f.mentorship, "note", a.after, {{"on", "2025-11-29"}});
  REQUIRE(late.accepted);  // flag: recorded, not refused
  const CadenceChecked* flagged = find<CadenceChecked>(late);
  REQUIRE(flagged);
  CHECK_FALSE(flagged->within);
  CHECK(*flagged->gap == 28 * 86400);
  CHECK(flagged->text == "on came 4 weeks after the previous one; expected 1 to 2 weeks");
}

TEST_CASE("documents need every variant", "[dsl]") {
  Fixture f;
  CaseData c = f.active();
  Outcome missing = f.run(f.mentorship, "sign", c, {{"agreement", {{"it", "accordo.pdf"}}}});
  CHECK_FALSE(missing.accepted);
  CHECK(missing.refusal == "document 'agreement' needs its 'en' variant");
  Outcome ok = f.run(f.mentorship, "sign", c,
                     {{"agreement", {{"it", "accordo.pdf"}, {"en", {{"file", "agreement.pdf"}, {"sha256", "ab12"}}}}}});
  REQUIRE(ok.accepted);
  CHECK(ok.after.documents[0]);
  CHECK(find<DocumentAttached>(ok)->files["en"]["file"] == "agreement.pdf");
}

TEST_CASE("finishing issues the output with its value and recipients, then moves the state", "[dsl]") {
  Fixture f;
  CaseData c = f.active();
  Outcome early = f.run(f.mentorship, "finish", c, nlohmann::json::object());
  CHECK_FALSE(early.accepted);
  CHECK(early.refusal == "0 meetings held");
  Outcome met = f.run(f.mentorship, "log_meeting", c, {{"held_on", "2025-11-03"}, {"length", "1h"}});
  Outcome done = f.run(f.mentorship, "finish", met.after, nlohmann::json::object());
  REQUIRE(done.accepted);
  const OutputIssued* out = find<OutputIssued>(done);
  REQUIRE(out);
  CHECK(out->value == Value::integer(1));
  CHECK(out->recipients == std::vector<std::string>{"anna", "marco"});
  CHECK(std::holds_alternative<StateChanged>(done.effects.back()));
  CHECK(f.d.case_type(f.mentorship).states[done.after.state].name == "done");
}

TEST_CASE("create and for each describe what the engine must do", "[dsl]") {
  Fixture f;
  const Index application = *f.d.find_case_type("application");
  CaseData fresh = new_case(f.d.case_type(application), application, "app1");
  Outcome applied = f.run(application, "apply", fresh, {{"year", 2}});
  REQUIRE(applied.accepted);
  CHECK(std::get<PartyJoined>(applied.effects.front()).user == "anna");
  f.ctx.actor = "sara", f.ctx.role = "staff";
  Outcome paired = f.run(application, "pair", applied.after, {{"with_mentor", "marco"}});
  REQUIRE(paired.accepted);
  const CaseCreated* created = find<CaseCreated>(paired);
  REQUIRE(created);
  CHECK(created->case_type == f.mentorship);
  CHECK(created->parties == std::vector<std::pair<Index, std::string>>{{0, "anna"}, {1, "marco"}});
  CHECK(created->fields == std::vector<std::pair<Index, Value>>{{0, Value::text("career")}});
  const Index round = *f.d.find_case_type("round");
  Outcome closed = f.run(round, "close", new_case(f.d.case_type(round), round, "r"), nlohmann::json::object());
  REQUIRE(closed.accepted);
  const FanOut* fan = find<FanOut>(closed);
  REQUIRE(fan);
  CHECK(fan->clause.case_type == application);
  CHECK(f.d.case_type(application).commands[fan->clause.command].name == "expire");
}
