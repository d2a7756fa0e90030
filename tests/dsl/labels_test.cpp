// Labels, help texts and languages (docs/LANGUAGE.md, "Labels, help and languages"): what the
// Definition keeps of them for the web application, the fallbacks of dsl::Text, the ISO 639-1
// table, and the shipped workflows, every part of which is labelled in English and Italian.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "dsl/language_codes.hpp"
#include "dsl/text.hpp"
#include "tests/dsl/dsl_fixture.hpp"
#include "tests/support/run_cli.hpp"

namespace {

using namespace mentorflow::dsl;
using mentorflow::dsl::testing::build;
using mentorflow::dsl::testing::slurp;
using mentorflow::testing::source_dir;

const char* const kWorkflow = R"(workflow tutoring "Peer tutoring" it "Tutorato tra pari" {
  languages en, it
  participants tutee label "Student" it "Studente"
  staff office
  enum subject { maths label "Mathematics" it "Matematica", physics }
  case request {
    label "Tutoring request" it "Richiesta di tutorato"
    help "One student's request"
    party tutee: tutee
    field subject: subject label "Subject" it "Materia" help "Pick one" it "Scegline una"
    document timetable label "Timetable" it "Orario"
    counter sessions "Sessions" it "Incontri" max 10
    state open initial label "Open" it "Aperta", closed final
    output record "Record of tutoring" it "Attestato di tutorato" for tutee value sessions
    command ask by tutee
      label "Ask for a tutor" it "Chiedi un tutor"
      fills subject
      attach timetable
      input note: optional text help "Anything else" it "Altro"
    command close by office from open to closed
  }
}
)";

const char* const kRules = "rules for tutoring edition \"2025\" {\n}\n";

std::string in(const Text& t, const std::string& language) {
  const std::string* s = t.in(language);
  return s ? *s : "(none)";
}

}  // namespace

TEST_CASE("a text is read in the reader's language, else in the first, else not at all", "[dsl]") {
  const Text text{{{"en", "Degree course"}, {"it", "Corso di laurea"}}};
  CHECK(in(text, "it") == "Corso di laurea");
  CHECK(in(text, "en") == "Degree course");
  CHECK(in(text, "fr") == "Degree course");
  CHECK(text.first() == "Degree course");
  CHECK(in(Text{}, "en") == "(none)");
  CHECK(Text{}.empty());
  CHECK(Text{}.first().empty());
}

TEST_CASE("the definition keeps every label and help text with its variants", "[dsl]") {
  const auto built = build(kWorkflow, kRules);
  const Definition& d = built->def();
  CHECK(d.languages() == std::vector<std::string>{"en", "it"});
  CHECK(d.title() == "Peer tutoring");
  CHECK(in(d.title_text(), "it") == "Tutorato tra pari");
  CHECK(in(d.find_role("tutee")->label, "it") == "Studente");
  CHECK(d.find_role("office")->label.empty());

  REQUIRE(d.enum_value_label("subject", "maths"));
  CHECK(in(*d.enum_value_label("subject", "maths"), "it") == "Matematica");
  REQUIRE(d.enum_value_label("subject", "physics"));
  CHECK(d.enum_value_label("subject", "physics")->empty());
  CHECK_FALSE(d.enum_value_label("subject", "chemistry"));
  CHECK_FALSE(d.enum_value_label("level", "maths"));
  REQUIRE(d.enums().size() == 1);
  CHECK(d.enums()[0].value_labels.size() == 2);

  const CaseTypeSpec& c = d.case_type(*d.find_case_type("request"));
  CHECK(in(c.label, "it") == "Richiesta di tutorato");
  CHECK(in(c.help, "it") == "One student's request");
  const FieldSpec& subject = c.fields[*c.find_field("subject")];
  CHECK(in(subject.label, "it") == "Materia");
  CHECK(in(subject.help, "it") == "Scegline una");
  CHECK(in(c.documents[0].label, "it") == "Orario");
  CHECK(c.counters[0].title == "Sessions");
  CHECK(in(c.counters[0].label, "it") == "Incontri");
  CHECK(in(c.states[0].label, "it") == "Aperta");
  CHECK(c.states[1].label.empty());
  CHECK(c.outputs[0].title == "Record of tutoring");
  CHECK(in(c.outputs[0].label, "it") == "Attestato di tutorato");

  const CommandSpec& ask = c.commands[*c.find_command("ask")];
  CHECK(in(ask.label, "it") == "Chiedi un tutor");
  CHECK(ask.help.empty());
  CHECK(ask.clauses.size() == 2);  // fills and attach: the label runs nothing
  // `fills` and `attach` inputs take the field's and the document's texts.
  CHECK(in(ask.inputs[*ask.find_input("subject")].label, "it") == "Materia");
  CHECK(in(ask.inputs[*ask.find_input("subject")].help, "en") == "Pick one");
  CHECK(in(ask.inputs[*ask.find_input("timetable")].label, "it") == "Orario");
  CHECK(ask.inputs[*ask.find_input("note")].label.empty());
  CHECK(in(ask.inputs[*ask.find_input("note")].help, "it") == "Altro");
}

TEST_CASE("without a languages declaration, texts are English", "[dsl]") {
  const auto built = build(R"(workflow w "Workflow" {
  participants student label "Student"
  case c {
    party student: student
    state open initial label "Open", closed final
    command close by student from open to closed
  }
}
)", "rules for w edition \"1\" {\n}\n");
  const Definition& d = built->def();
  CHECK(d.languages().empty());
  REQUIRE(d.title_text().variants.size() == 1);
  CHECK(d.title_text().variants[0].first == "en");
  CHECK(d.case_type(0).states[0].label.variants[0] == std::pair<std::string, std::string>{"en", "Open"});
}

TEST_CASE("the language codes are ISO 639-1's, as Debian's iso-codes lists them", "[dsl]") {
  const auto codes = language_codes();
  CHECK(codes.size() == 184);
  CHECK(std::is_sorted(codes.begin(), codes.end(),
                       [](const LanguageCode& a, const LanguageCode& b) { return a.code < b.code; }));
  CHECK(is_language_code("it"));
  CHECK(is_language_code("to"));  // Tonga: a reserved word of the language, still a code
  CHECK_FALSE(is_language_code("IT"));
  CHECK_FALSE(is_language_code("xx"));
  CHECK(language_code_for("IT") == "it");
  CHECK(language_code_for("ita") == "it");
  CHECK(language_code_for("fre") == "fr");
  CHECK(language_code_for("Italian") == "it");
  CHECK(language_code_for("castilian") == "es");
  CHECK(language_code_for("en-GB") == "en");
  CHECK(language_code_for("pt_BR") == "pt");
  CHECK(language_code_for("jp") == "ja");
  CHECK(language_code_for("iw") == "he");
  CHECK_FALSE(language_code_for("xx"));
  CHECK_FALSE(language_code_for("klingon"));

  const std::filesystem::path iso = "/usr/share/iso-codes/json/iso_639-2.json";
  if (!std::filesystem::exists(iso)) {
    WARN("iso-codes is not installed: the table is not compared with it");
    return;
  }
  const nlohmann::json table = nlohmann::json::parse(slurp(iso));
  std::set<std::string> listed;
  for (const auto& entry : table.at("639-2"))
    if (entry.contains("alpha_2")) listed.insert(entry.at("alpha_2").get<std::string>());
  std::set<std::string> ours;
  for (const LanguageCode& l : codes) ours.insert(std::string(l.code));
  CHECK(ours == listed);
}

TEST_CASE("every part of a shipped workflow has a label in each of its languages", "[dsl]") {
  const std::filesystem::path root = source_dir();
  const std::vector<std::pair<std::string, std::string>> programmes = {
      {"workflows/mie.flow", "rules/mie-2021.rules"},
      {"workflows/unimi-mentoring.flow", "rules/unimi-2025.rules"},
      {"workflows/mileage-placement.flow", "rules/mileage-pilot.rules"},
      {"workflows/online-mentor.flow", "rules/online-mentor-pilot.rules"}};
  for (const auto& [workflow, rules] : programmes) {
    INFO(workflow);
    mentorflow::dsl::testing::Built built(workflow, slurp(root / workflow), rules, slurp(root / rules));
    INFO(render(built.diagnostics));
    REQUIRE(built.definition);
    const Definition& d = built.def();
    REQUIRE(d.languages() == std::vector<std::string>{"en", "it"});
    auto labelled = [](const Text& t, const std::string& what) {
      INFO(what);
      CHECK(t.variants.size() == 2);
    };
    labelled(d.title_text(), "the title");
    for (const RoleSpec& r : d.roles())
      if (r.kind != RoleKind::System) labelled(r.label, "role " + r.name);
    for (const NamedEnum& e : d.enums())
      for (std::size_t i = 0; i < e.values.size(); ++i) labelled(e.value_labels[i], "enum value " + e.values[i]);
    for (const CaseTypeSpec& c : d.case_types()) {
      labelled(c.label, "case " + c.name);
      for (const FieldSpec& f : c.fields) labelled(f.label, c.name + "." + f.name);
      for (const DocumentSpec& doc : c.documents) labelled(doc.label, c.name + " document " + doc.name);
      for (const CounterSpec& k : c.counters) labelled(k.label, c.name + " counter " + k.name);
      for (const StateSpec& s : c.states) labelled(s.label, c.name + " state " + s.name);
      for (const OutputSpec& o : c.outputs) labelled(o.label, c.name + " output " + o.name);
      for (const CommandSpec& k : c.commands) {
        labelled(k.label, c.name + " command " + k.name);
        const bool by_participant = std::any_of(k.roles.begin(), k.roles.end(), [&](const std::string& r) {
          const RoleSpec* role = d.find_role(r);
          return role && role->kind == RoleKind::Participant;
        });
        if (by_participant) labelled(k.help, c.name + " command " + k.name + " (help)");
        for (const InputSpec& i : k.inputs) labelled(i.label, c.name + " command " + k.name + " input " + i.name);
      }
    }
  }
}
