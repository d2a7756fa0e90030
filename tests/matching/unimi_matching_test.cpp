// The UniMi matching run end to end through the real CLI, on a temporary store, with the shipped
// workflow and its 2025-26 rules: applications, selection, training, the speed date, preferences,
// run_matching (deferred acceptance), the explanations in history, an override with its reason,
// confirmations creating mentorships, and the inputs a run must report rather than hide.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;

namespace {

const std::string kEdition = "unimi-2025";
const std::string kRound = kEdition + "/round";
const std::string kJuly = "2025-07-01 10:00 Europe/Rome";

std::string mentee(const std::string& who) { return kEdition + "/mentee_application/" + who; }
std::string mentor(const std::string& who) { return kEdition + "/mentor_application/" + who; }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

struct Unimi {
  TempDir dir;
  std::string store = (dir / "store").string();

  CliResult cli(std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--store", store});
    return run_cli(args);
  }
  CliResult exec(const std::string& as, const std::string& c, const std::string& command,
                 const std::string& json = "{}", const std::string& now = kJuly) {
    return cli({"exec", "--as", as, "--now", now, c, command, json});
  }
  CliResult ok(const CliResult& r) {
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
  std::string state(const std::string& c) {
    auto r = ok(cli({"state", c}));
    return nlohmann::json::parse(r.out).at("state").get<std::string>();
  }

  // Publishes the workflow with the 2025-26 rules, or with those rules changed to the `optimal`
  // matching method (written to a file of the store's temporary directory).
  explicit Unimi(bool optimal = false) {
    std::filesystem::path rules = source_dir() / "rules/unimi-2025.rules";
    if (optimal) {
      std::ifstream in(rules);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const std::string from = "set matching = stable";
      REQUIRE(text.find(from) != std::string::npos);
      text.replace(text.find(from), from.size(), "set matching = optimal");
      rules = dir / "unimi-optimal.rules";
      std::ofstream(rules) << text;
    }
    ok(cli({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules", rules.string(),
            "--edition", kEdition, "--now", kJuly}));
  }

  // A mentor applies and is selected (selected = true) or not; selected ones are trained.
  void add_mentor(const std::string& who, bool selected = true) {
    ok(exec("mentor:" + who, mentor(who), "apply_as_mentor",
            nlohmann::json{{"alumni_degree", "Economics"}, {"graduation_year", 2010}, {"profession", "analyst"},
                           {"years_experience", 12}, {"self_assessment", selected ? 80 : 10}, {"cv", "cv.pdf"},
                           {"self_assessment_test", "t.pdf"}}
                .dump()));
    ok(exec("career_service:sara", mentor(who), "select_mentor",
            selected ? R"({"academic_background": 9, "motivation": 9})" : R"({"academic_background": 1, "motivation": 1})"));
    if (!selected) return;
    for (const char* day : {"2025-09-01", "2025-09-08", "2025-09-15"})
      ok(exec("career_service:sara", mentor(who), "attend_mentor_training",
              std::string(R"({"session": ")") + day + R"(T18:00:00+02:00[Europe/Rome]"})"));
    ok(exec("career_service:sara", mentor(who), "finish_mentor_training"));
  }
  void add_mentee(const std::string& who) {
    ok(exec("mentee:" + who, mentee(who), "apply_as_mentee",
            R"({"status": "final_year_student", "degree_course": "Physics", "self_assessment": 75,
                "cv": "cv.pdf", "self_assessment_test": "t.pdf"})"));
    ok(exec("career_service:sara", mentee(who), "select_mentee", R"({"academic_background": 9, "motivation": 9})"));
    ok(exec("career_service:sara", mentee(who), "attend_mentee_training",
            R"({"session": "2025-09-02T14:00:00+02:00[Europe/Rome]"})"));
    ok(exec("career_service:sara", mentee(who), "finish_mentee_training"));
  }
  void speed_date() {
    ok(exec("career_service:sara", kRound, "hold_speed_date", R"({"held_on": "2025-10-15T18:00:00+02:00[Europe/Rome]"})"));
  }
  CliResult prefer(const std::string& who, const std::vector<std::string>& mentors) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : mentors) list.push_back(mentor(m));
    return exec("mentee:" + who, mentee(who), "state_preferences", nlohmann::json{{"preferences", list}}.dump());
  }
  // The preferences both runs use: three mentees want rossi; carla's first choice and elena's
  // only one (neri) was not selected.
  void rank_all() {
    ok(prefer("anna", {"rossi", "bianchi"}));
    ok(prefer("bruno", {"rossi", "verdi"}));
    ok(prefer("carla", {"neri", "bianchi"}));
    ok(prefer("dario", {"rossi"}));
    ok(prefer("elena", {"neri"}));
  }
  // Three mentors met at the speed date and one not selected; five mentees met them.
  void cohort() {
    ok(exec("career_service:sara", kRound, "close_applications"));
    for (const char* m : {"bianchi", "rossi", "verdi"}) add_mentor(m);
    add_mentor("neri", false);  // not selected: stays out of the run
    for (const char* m : {"anna", "bruno", "carla", "dario", "elena"}) add_mentee(m);
    speed_date();
  }
};

}  // namespace

TEST_CASE("UniMi: the matching run proposes, explains, and staff override and confirm", "[matching][cli]") {
  Unimi u;
  u.cohort();
  REQUIRE(u.state(mentee("anna")) == "met");
  REQUIRE(u.state(mentor("rossi")) == "met");

  // A preference must name a mentor of the edition: refused at once, nothing written.
  auto ghost = u.prefer("anna", {"ghost"});
  CHECK(ghost.exit_code == 1);
  CHECK(contains(ghost.err, "names 'unimi-2025/mentor_application/ghost', which is not a mentor_application"));

  u.rank_all();

  auto run = u.ok(u.exec("career_service:sara", kRound, "run_matching"));
  INFO(run.out);
  CHECK(contains(run.out, "stable matching of mentee_application in 'ranked' with mentor_application in 'met': "
                          "3 of 5 matched"));
  CHECK(contains(run.out, "no blocking pair"));
  CHECK(contains(run.out, "flagged: carla's 1st choice neri is 'not_selected', not 'met'"));
  CHECK(contains(run.out, "flagged: elena has no acceptable mentor_application among 1 choice"));
  CHECK(contains(run.out, "flagged: 5 mentee_application for 3 places: at least 2 will not be matched"));
  CHECK(contains(run.out, "not matched: dario, elena"));

  // rossi: anna, bruno and dario all ranked her first; the earliest case id (anna) gets her.
  CHECK(u.state(mentee("anna")) == "proposed");
  CHECK(u.state(mentee("bruno")) == "proposed");
  CHECK(u.state(mentee("carla")) == "proposed");
  CHECK(u.state(mentee("dario")) == "ranked");
  CHECK(u.state(mentee("elena")) == "ranked");
  auto bruno = nlohmann::json::parse(u.ok(u.cli({"state", mentee("bruno")})).out);
  CHECK(bruno.at("fields").at("proposed_mentor") == mentor("verdi"));

  auto bruno_history = u.ok(u.cli({"history", mentee("bruno")}));
  CHECK(contains(bruno_history.out, "system (system): propose_mentor, ranked -> proposed"));
  CHECK(contains(bruno_history.out, "matching: proposed verdi (2nd choice): 1st choice rossi was full (1 place) "
                                    "with anna who ranked it as high among the choices open to them and comes first by case id"));
  auto dario_history = u.ok(u.cli({"history", mentee("dario")}));
  CHECK(contains(dario_history.out, "matching: not matched: 1st choice rossi was full (1 place) with anna"));
  auto elena_history = u.ok(u.cli({"history", mentee("elena")}));
  CHECK(contains(elena_history.out, "matching: not matched: 1st choice neri is 'not_selected', not 'met'"));
  auto round_history = u.ok(u.cli({"history", kRound}));
  CHECK(contains(round_history.out, "run_matching, preferences -> matching"));
  CHECK(contains(round_history.out, "carla: proposed bianchi (2nd choice): 1st choice neri is 'not_selected'"));
  CHECK(contains(round_history.out, "rossi: took anna (1st choice); 0 of 1 place left"));

  // A second run is refused by the cohort's state, and writes nothing.
  auto again = u.exec("career_service:sara", kRound, "run_matching");
  CHECK(again.exit_code == 1);

  // Staff override carla's proposal with a reason, then confirm: each creates a mentorship.
  u.ok(u.exec("career_service:sara", mentee("carla"), "override_match",
              nlohmann::json{{"mentor_choice", mentor("rossi")}, {"reason", "asked for a mentor in finance"}}.dump()));
  auto carla_history = u.ok(u.cli({"history", mentee("carla")}));
  CHECK(contains(carla_history.out, "override_match"));
  CHECK(contains(carla_history.out, "asked for a mentor in finance"));
  u.ok(u.exec("career_service:sara", mentee("carla"), "confirm_match"));
  u.ok(u.exec("career_service:sara", mentee("anna"), "confirm_match"));
  CHECK(u.state(mentee("carla")) == "matched");
  CHECK(u.state(mentee("anna")) == "matched");
  auto pair = nlohmann::json::parse(u.ok(u.cli({"state", kEdition + "/mentorship/carla"})).out);
  CHECK(pair.at("state") == "active");
  CHECK(pair.at("parties").at("mentor") == "rossi");
  CHECK(pair.at("parties").at("mentee") == "carla");

  // The auditor's check re-runs the recorded matching and finds it as recorded.
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run"));
}

TEST_CASE("UniMi: an edition that sets matching = optimal gets the optimal assignment", "[matching][cli]") {
  Unimi u(true);
  u.cohort();
  u.rank_all();
  auto run = u.ok(u.exec("career_service:sara", kRound, "run_matching"));
  INFO(run.out);
  // Three mentors, three matched; places 1 and 2 are worth 2 and 1: the best total is 4.
  CHECK(contains(run.out, "optimal matching of mentee_application in 'ranked' with mentor_application in 'met': "
                          "3 of 5 matched, total satisfaction 4"));
  CHECK(u.state(mentee("bruno")) == "proposed");  // verdi: in every assignment of three
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run: each gives the matches recorded"));
}
