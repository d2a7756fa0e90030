// Rule evaluation with traces: the MIE eligibility rule (bachelor/master x B1/B2, as the seed
// states it) in the 2021 and 2022 editions, explanations, trace JSON, the fast path agreeing with
// the traced one, and runtime failures as results.
#include <catch2/catch.hpp>

#include "dsl/eval/eval.hpp"
#include "dsl/eval/execute.hpp"
#include "dsl/eval/trace.hpp"
#include "dsl/json_text.hpp"
#include "dsl/value_json.hpp"
#include "tests/dsl/dsl_fixture.hpp"

namespace {

using namespace mentorflow::dsl;
using namespace mentorflow::dsl::testing;

const char* kWorkflow = R"(workflow mie "MIE eligibility" {
  participants student, mentor
  staff staff
  param deadline: datetime
  enum degree_level { bachelor, master }
  enum foreign_language { english, french }
  rule eligible(a: application): bool
  case project {
    party mentor: mentor
    field language: foreign_language
    state open initial, closed final
    command offer by mentor
      fills language
    command close by staff from open to closed
  }
  case application {
    party student: student
    field project: ref project
    field degree: degree_level
    field year: int
    field certificate_language: foreign_language
    field certified_level: cefr
    state draft initial, submitted final, ineligible final
    command start by student
      requires now <= deadline else "applications for this edition closed on {deadline}"
      fills project
    command submit by student from draft
      fills degree, year, certificate_language, certified_level
      decide eligible(this) then submitted else ineligible
  }
}
)";

std::string rules(const std::string& edition, const std::string& bachelor_min) {
  return "rules for mie edition \"" + edition + R"(" {
  set deadline = 2021-10-07 12:30 Europe/Rome
  let bachelor_min = )" + bachelor_min + R"(
  let master_min = B2
  rule eligible(a: application): bool =
        a.certificate_language == a.project.language
    and (   (a.degree == bachelor and a.year >= 2 and a.certified_level >= bachelor_min)
         or (a.degree == master and a.certified_level >= master_min))
}
)";
}

struct Mie {
  std::unique_ptr<Built> built = build(kWorkflow, rules("2021", "B1"));
  Cases cases;
  Mie() { cases.add(make_case(def(), "project", "p1", {{"fields", {{"language", "english"}}}})); }
  const Definition& def() const { return built->def(); }

  Evaluation eligible(const std::string& degree, int year, const std::string& level, bool trace,
                      const std::string& language = "english") {
    CaseData a = make_case(def(), "application", "anna",
                           {{"fields",
                             {{"project", "p1"}, {"degree", degree}, {"year", year}, {"certificate_language", language},
                              {"certified_level", level}}}});
    EvalEnv env;
    env.self = &a;
    env.cases = &cases;
    return call_rule(def().program(), *def().find_rule("eligible"), {Value::ref("anna")}, env, trace);
  }
};

}  // namespace

TEST_CASE("MIE eligibility: bachelor from the 2nd year with B1, master with B2", "[dsl]") {
  Mie mie;
  struct Row {
    const char* degree;
    int year;
    const char* level;
    bool eligible;
  };
  const Row rows[] = {{"bachelor", 2, "B1", true},  {"bachelor", 2, "A2", false}, {"bachelor", 1, "B2", false},
                      {"bachelor", 3, "C1", true},  {"master", 1, "B1", false},   {"master", 1, "B2", true},
                      {"master", 4, "C2", true}};
  for (const Row& r : rows) {
    for (bool trace : {false, true}) {
      INFO(r.degree << " year " << r.year << " " << r.level << (trace ? " traced" : " fast"));
      Evaluation e = mie.eligible(r.degree, r.year, r.level, trace);
      REQUIRE(e.ok());
      CHECK(e.value == Value::boolean(r.eligible));
      CHECK(e.trace.steps.empty() == !trace);
    }
  }
  // The certificate must be in the project's language.
  CHECK(mie.eligible("master", 1, "C2", false, "french").value == Value::boolean(false));
}

TEST_CASE("MIE eligibility explains itself with the rule's file and line", "[dsl]") {
  Mie mie;
  Evaluation e = mie.eligible("master", 1, "B1", true);
  REQUIRE(e.ok());
  const std::string why = explain(e.trace, mie.def().program());
  CHECK(why ==
        "a.degree == bachelor is false (a.degree = master); a.certified_level >= master_min is false "
        "(a.certified_level = B1, master_min = B2) (rule eligible, test.rules:5)");
  Evaluation ok = mie.eligible("bachelor", 2, "B1", true);
  CHECK(explain(ok.trace, mie.def().program()) ==
        "a.certificate_language == a.project.language is true (a.certificate_language = english, "
        "a.project.language = english) and a.degree == bachelor is true (a.degree = bachelor) and a.year >= 2 is "
        "true (a.year = 2) and a.certified_level >= bachelor_min is true (a.certified_level = B1, bachelor_min = B1) "
        "(rule eligible, test.rules:5)");
}

TEST_CASE("a trace serialises to a self-contained JSON tree", "[dsl]") {
  Mie mie;
  Evaluation e = mie.eligible("master", 1, "B1", true);
  const std::string text = trace_text(e.trace, mie.def().program());
  const nlohmann::json j = nlohmann::json::parse(text);
  // Written in canonical form: what the store would write for the tree (sorted keys, no spaces).
  CHECK(j.dump() == text);
  CHECK(j["rule"] == "eligible");
  CHECK(j["at"] == "test.rules:5");
  CHECK(j["args"]["a"] == "anna");
  CHECK(j["value"] == false);
  const nlohmann::json& body = j["steps"][0];
  CHECK(body["text"].get<std::string>().rfind("a.certificate_language == a.project.language", 0) == 0);
  CHECK(body["at"] == "test.rules:6:9");
  // Find the comparison that decided it.
  std::function<const nlohmann::json*(const nlohmann::json&)> find = [&](const nlohmann::json& n) -> const nlohmann::json* {
    if (n.value("text", "") == "a.certified_level >= master_min") return &n;
    if (n.contains("steps"))
      for (const auto& s : n["steps"])
        if (auto* f = find(s)) return f;
    return nullptr;
  };
  const nlohmann::json* cmp = find(j);
  REQUIRE(cmp);
  CHECK((*cmp)["value"] == false);
  CHECK((*cmp)["steps"][0]["value"] == "B1");
  CHECK((*cmp)["steps"][1]["value"] == "B2");
}

TEST_CASE("a trace's text quotes strings and numbers exactly as the store's canonical JSON does", "[dsl]") {
  std::string out;
  append_json_string(out, "tab\there \"quoted\" back\\slash \x01\x1f\x7f l\u00e8 \u0159\u00ed \u4e2d");
  CHECK(out == nlohmann::json("tab\there \"quoted\" back\\slash \x01\x1f\x7f l\u00e8 \u0159\u00ed \u4e2d").dump());
  for (const Value& v : {Value::number(0.1), Value::number(1e21), Value::number(-3.0), Value::integer(-42), Value(),
                         Value::boolean(true)}) {
    out.clear();
    append_json_value(out, v);
    CHECK(out == to_json(v).dump());
  }
  CHECK(trace_text(Trace{}, Mie().def().program()) == "null");
}

TEST_CASE("another edition tailors the rule without touching the workflow", "[dsl]") {
  auto b2 = build(kWorkflow, rules("2022", "B2"));
  Mie mie2021;
  Cases cases;
  cases.add(make_case(b2->def(), "project", "p1", {{"fields", {{"language", "english"}}}}));
  CaseData a = make_case(b2->def(), "application", "anna",
                         {{"fields",
                           {{"project", "p1"}, {"degree", "bachelor"}, {"year", 2}, {"certificate_language", "english"},
                            {"certified_level", "B1"}}}});
  EvalEnv env;
  env.self = &a;
  env.cases = &cases;
  Evaluation e = call_rule(b2->def().program(), *b2->def().find_rule("eligible"), {Value::ref("anna")}, env, true);
  CHECK(e.value == Value::boolean(false));
  CHECK(mie2021.eligible("bachelor", 2, "B1", false).value == Value::boolean(true));
  CHECK(b2->def().id() != mie2021.def().id());
  CHECK(b2->def().edition() == "2022");
}

TEST_CASE("submitting an application records the decision with its reason", "[dsl]") {
  Mie mie;
  const Definition& d = mie.def();
  const Index type = *d.find_case_type("application");
  const CaseTypeSpec& app = d.case_type(type);
  const Index submit = *app.find_command("submit");
  CaseData draft = make_case(d, "application", "anna", {{"fields", {{"project", "p1"}}}, {"parties", {{"student", "anna"}}}});
  std::string error;
  auto inputs = read_inputs(app.commands[submit],
                            {{"degree", "master"}, {"year", 1}, {"certificate_language", "english"}, {"certified_level", "B1"}},
                            error);
  REQUIRE(inputs);
  CommandContext ctx{"anna", "student", datetime("2021-10-01T10:00:00+02:00[Europe/Rome]"), &mie.cases};
  Outcome out = execute(d.program(), type, submit, draft, *inputs, ctx);
  REQUIRE(out.accepted);
  CHECK(app.states[out.after.state].name == "ineligible");
  const Decided* decided = nullptr;
  for (const Effect& e : out.effects)
    if (auto* x = std::get_if<Decided>(&e)) decided = x;
  REQUIRE(decided);
  CHECK(decided->outcome == Value::boolean(false));
  CHECK(decided->explanation.find("a.certified_level >= master_min is false (a.certified_level = B1, master_min = B2)") !=
        std::string::npos);
  // The recorded inputs are enough to evaluate it again, to the same value.
  Evaluation again = reevaluate_decision(d.program(), type, submit, decided->clause, decided->inputs, false);
  REQUIRE(again.ok());
  CHECK(again.value == decided->outcome);
  // Under the 2022 rules a bachelor with B1 would be refused; what-if re-evaluates with them.
  auto b2 = build(kWorkflow, rules("2022", "B2"));
  CaseData bachelor = draft;
  auto bachelor_inputs = read_inputs(
      app.commands[submit],
      {{"degree", "bachelor"}, {"year", 2}, {"certificate_language", "english"}, {"certified_level", "B1"}}, error);
  Outcome accepted = execute(d.program(), type, submit, bachelor, *bachelor_inputs, ctx);
  REQUIRE(accepted.accepted);
  CHECK(app.states[accepted.after.state].name == "submitted");
  const Decided& yes = std::get<Decided>(accepted.effects[std::size_t(accepted.effects.size() - 2)]);
  CHECK(reevaluate_decision(b2->def().program(), type, submit, yes.clause, yes.inputs, false).value == Value::boolean(false));
}

TEST_CASE("a guard refuses with its message, naming the values", "[dsl]") {
  Mie mie;
  const Definition& d = mie.def();
  const Index type = *d.find_case_type("application");
  const Index start = *d.case_type(type).find_command("start");
  CaseData fresh = new_case(d.case_type(type), type, "anna");
  std::string error;
  auto inputs = read_inputs(d.case_type(type).commands[start], {{"project", "p1"}}, error);
  REQUIRE(inputs);
  CommandContext late{"anna", "student", datetime("2021-10-07T12:31:00+02:00[Europe/Rome]"), &mie.cases};
  Outcome out = execute(d.program(), type, start, fresh, *inputs, late);
  CHECK_FALSE(out.accepted);
  CHECK(out.refusal == "applications for this edition closed on 2021-10-07 12:30 Europe/Rome");
  CHECK(explain(out.trace, d.program()) == "now <= deadline is false (now = 2021-10-07 12:31 Europe/Rome, deadline = 2021-10-07 12:30 Europe/Rome)");
  CommandContext on_time{"anna", "student", datetime("2021-10-07T12:30:00+02:00[Europe/Rome]"), &mie.cases};
  Outcome ok = execute(d.program(), type, start, fresh, *inputs, on_time);
  REQUIRE(ok.accepted);
  CHECK(ok.after.parties[0] == "anna");  // the creating command's actor becomes its party
  CHECK(ok.after.fields[0] == Value::ref("p1"));
}

TEST_CASE("inputs are validated against their declared types", "[dsl]") {
  Mie mie;
  const CommandSpec& submit = mie.def().case_type(1).commands[1];
  std::string error;
  CHECK_FALSE(read_inputs(submit, {{"degree", "phd"}, {"year", 1}, {"certificate_language", "english"}, {"certified_level", "B1"}}, error));
  CHECK(error == "input 'degree' of command 'submit': expected degree_level (bachelor, master), found \"phd\"");
  CHECK_FALSE(read_inputs(submit, {{"degree", "master"}, {"certificate_language", "english"}, {"certified_level", "B1"}}, error));
  CHECK(error == "input 'year' of command 'submit' is missing");
  CHECK_FALSE(read_inputs(submit, {{"degre", "master"}}, error));
  CHECK(error ==
        "command 'submit' has no input 'degre' (it takes degree, year, certificate_language, certified_level)");
  CHECK_FALSE(read_inputs(submit, {{"degree", "master"}, {"year", 1}, {"certificate_language", "english"}, {"certified_level", "B7"}}, error));
  CHECK(error == "input 'certified_level' of command 'submit': expected cefr (A1..C2), found \"B7\"");
}

TEST_CASE("runtime failures are results, not crashes", "[dsl]") {
  auto b = build(R"(workflow w "Failures" {
  staff staff
  param zero: int = 0
  rule ratio(n: int): number = n / zero
  rule year_after(a: application): int = a.year + 1
  case application {
    field year: int
    state open initial, closed final
    command close by staff from open to closed
  }
}
)", "rules for w edition \"1\" {\n}\n");
  const Definition& d = b->def();
  for (bool trace : {false, true}) {
    Evaluation e = call_rule(d.program(), *d.find_rule("ratio"), {Value::integer(3)}, EvalEnv{}, trace);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error->message == "division by zero");
    CHECK(e.value.is_absent());
    CaseData c = make_case(d, "application", "a1", {});
    EvalEnv env;
    env.self = &c;
    Evaluation f = call_rule(d.program(), *d.find_rule("year_after"), {Value::ref("a1")}, env, trace);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error->message == "field 'year' of a1 is not set");
  }
}
