// The UniMi matching run end to end through the real CLI, on a temporary store, with the shipped
// workflow and its 2025-26 rules: applications (refused once closed), selection, training, the
// speed date, preferences of both sides, run_matching (deferred acceptance), the explanations in
// history, overrides (refused unless the new mentor has a place, with a reason), confirmations
// creating mentorships and taking the mentor's place, the inputs a run must report rather than
// hide, and everyone left without a pair closed with the reason recorded.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using mentorflow::testing::contains;

namespace {

const std::string kEdition = "unimi-2025";
const std::string kRound = kEdition + "/round";
const std::string kJuly = "2025-07-01 10:00 Europe/Rome";

std::string mentee(const std::string& who) { return kEdition + "/mentee_application/" + who; }
std::string mentor(const std::string& who) { return kEdition + "/mentor_application/" + who; }

struct Unimi : CliStore {
  std::string state(const std::string& c) {
    auto r = ok(cli({"state", c}));
    return nlohmann::json::parse(r.out).at("state").get<std::string>();
  }
  nlohmann::json fields(const std::string& c) { return nlohmann::json::parse(ok(cli({"state", c})).out).at("fields"); }
  // A command refused for `why`, leaving the store byte for byte as it was.
  void refused(const std::string& as, const std::string& c, const std::string& command, const std::string& json,
               const std::string& why) {
    const std::string before = ok(cli({"export"})).out;
    auto r = exec_text(as, c, command, json);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, why));
    CHECK(ok(cli({"export"})).out == before);
  }
  CliResult override_match(const std::string& who, const std::string& to, const std::string& reason) {
    return exec("career_service:sara", mentee(who), "override_match",
                nlohmann::json{{"mentor_choice", mentor(to)}, {"reason", reason}});
  }

  // Publishes the workflow with the 2025-26 rules, or with these rules changed (each `from` text
  // replaced by its `to`, written to a file of the store's temporary directory).
  using Changes = std::vector<std::pair<std::string, std::string>>;
  explicit Unimi(const Changes& changes = {}) : CliStore(kJuly) {
    std::filesystem::path rules = source_dir() / "rules/unimi-2025.rules";
    if (!changes.empty()) {
      std::ifstream in(rules);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (const auto& [from, to] : changes) {
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
      }
      rules = dir / "unimi-changed.rules";
      std::ofstream(rules) << text;
    }
    ok(cli({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules", rules.string(),
            "--edition", kEdition, "--now", kJuly}));
  }

  // A mentor applies and is selected (selected = true) or not; selected ones are trained.
  void add_mentor(const std::string& who, bool selected = true, bool trained = true) {
    ok(exec("mentor:" + who, mentor(who), "apply_as_mentor",
            nlohmann::json{{"alumni_degree", "Economics"}, {"graduation_year", 2010}, {"profession", "analyst"},
                           {"years_experience", 12}, {"self_assessment", selected ? 80 : 10}, {"cv", "cv.pdf"},
                           {"self_assessment_test", "t.pdf"}}
                ));
    ok(exec_text("career_service:sara", mentor(who), "select_mentor",
            selected ? R"({"academic_background": 9, "motivation": 9})" : R"({"academic_background": 1, "motivation": 1})"));
    if (!selected || !trained) return;
    for (const char* day : {"2025-09-01", "2025-09-08", "2025-09-15"})
      ok(exec_text("career_service:sara", mentor(who), "attend_mentor_training",
              std::string(R"({"session": ")") + day + R"(T18:00:00+02:00[Europe/Rome]"})"));
    ok(exec("career_service:sara", mentor(who), "finish_mentor_training"));
  }
  static constexpr const char* kMenteeApplies = R"({"status": "final_year_student", "degree_course": "Physics",
      "self_assessment": 75, "cv": "cv.pdf", "self_assessment_test": "t.pdf"})";
  void add_mentee(const std::string& who, bool trained = true) {
    ok(exec_text("mentee:" + who, mentee(who), "apply_as_mentee", kMenteeApplies));
    ok(exec_text("career_service:sara", mentee(who), "select_mentee", R"({"academic_background": 9, "motivation": 9})"));
    if (!trained) return;
    ok(exec_text("career_service:sara", mentee(who), "attend_mentee_training",
            R"({"session": "2025-09-02T14:00:00+02:00[Europe/Rome]"})"));
    ok(exec("career_service:sara", mentee(who), "finish_mentee_training"));
  }
  void speed_date() {
    ok(exec_text("career_service:sara", kRound, "hold_speed_date", R"({"held_on": "2025-10-15T18:00:00+02:00[Europe/Rome]"})"));
  }
  CliResult prefer(const std::string& who, const std::vector<std::string>& mentors) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : mentors) list.push_back(mentor(m));
    return exec("mentee:" + who, mentee(who), "state_preferences", nlohmann::json{{"preferences", list}});
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
  // The cohort below, its speed date, everyone's preferences, then the matching run.
  CliResult run_ranked() {
    cohort();
    speed_date();
    rank_all();
    return ok(exec("career_service:sara", kRound, "run_matching"));
  }
  // Three mentors met at the speed date and one not selected; five mentees met them. Then the
  // Career Service closes applications.
  void cohort() {
    for (const char* m : {"bianchi", "rossi", "verdi"}) add_mentor(m);
    add_mentor("neri", false);  // not selected: stays out of the run
    for (const char* m : {"anna", "bruno", "carla", "dario", "elena"}) add_mentee(m);
    ok(exec("career_service:sara", kRound, "close_applications"));
  }
};

}  // namespace

TEST_CASE("UniMi: the matching run proposes, explains, and staff override and confirm", "[matching][cli]") {
  Unimi u;
  u.cohort();
  u.speed_date();
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
                                    "with anna who ranked it as high among the choices open to them and applied first"));
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

  // An override must go to a mentor a match may go to, with a place left, and give its reason;
  // each refusal leaves the store as it was. (Before, all four were accepted, and rossi ended
  // with two mentees for one place.)
  const std::string staff = "career_service:sara";
  const auto choice = [](const std::string& to, const std::string& reason) {
    return nlohmann::json{{"mentor_choice", mentor(to)}, {"reason", reason}}.dump();
  };
  u.refused(staff, mentee("carla"), "override_match", choice("rossi", "asked for a mentor in finance"),
            "override_match refused on unimi-2025/mentee_application/carla: hold_place refused on "
            "unimi-2025/mentor_application/rossi: no place left: 0 taken and 1 proposed of 1");
  u.refused(staff, mentee("carla"), "override_match", choice("neri", "asked for a mentor in finance"),
            "override_match refused on unimi-2025/mentee_application/carla: unimi-2025/mentor_application/neri is "
            "'not_selected': hold_place is allowed only from 'met' or 'matched'");
  u.refused(staff, mentee("carla"), "override_match", choice("verdi", ""),
            "give the reason for the override: it is recorded with the match");
  u.refused(staff, mentee("carla"), "override_match", choice("verdi", " \t\n \u00a0"),
            "give the reason for the override: it is recorded with the match");
  u.refused(staff, mentee("carla"), "override_match", choice("bianchi", "again"),
            "unimi-2025/mentor_application/bianchi is already the proposal: confirm it instead");
  CHECK(u.fields(mentee("carla")).at("proposed_mentor") == mentor("bianchi"));
  CHECK(u.fields(mentor("rossi")).at("places_proposed") == 1);

  // Confirming creates the mentorship and takes the mentor's place: the mentor is matched.
  u.ok(u.exec(staff, mentee("carla"), "confirm_match"));
  u.ok(u.exec(staff, mentee("anna"), "confirm_match"));
  CHECK(u.state(mentee("carla")) == "matched");
  CHECK(u.state(mentee("anna")) == "matched");
  auto pair = nlohmann::json::parse(u.ok(u.cli({"state", kEdition + "/mentorship/carla"})).out);
  CHECK(pair.at("state") == "active");
  CHECK(pair.at("parties").at("mentor") == "bianchi");
  CHECK(pair.at("parties").at("mentee") == "carla");
  CHECK(u.state(mentor("rossi")) == "matched");
  CHECK(u.fields(mentor("rossi")).at("places_taken") == 1);
  CHECK(u.fields(mentor("rossi")).at("places_proposed") == 0);
  auto matched = u.ok(u.cli({"cases", kEdition, "--type", "mentor_application", "--state", "matched"}));
  CHECK(contains(matched.out, mentor("bianchi")));
  CHECK(contains(matched.out, mentor("rossi")));
  CHECK_FALSE(contains(matched.out, mentor("verdi")));  // bruno's proposal is not confirmed yet
  auto rossi_history = u.ok(u.cli({"history", mentor("rossi")}));
  CHECK(contains(rossi_history.out, "system (system): hold_place"));
  CHECK(contains(rossi_history.out, "system (system): take_place, met -> matched"));
  // A confirmed place counts as much as a proposed one: rossi has none left for bruno.
  u.refused(staff, mentee("bruno"), "override_match", choice("rossi", "knows finance"),
            "hold_place refused on unimi-2025/mentor_application/rossi: no place left: 1 taken and 0 proposed of 1");

  // The auditor's check re-runs the recorded matching and finds it as recorded.
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run"));
}

TEST_CASE("UniMi: an edition that sets matching = optimal gets the optimal assignment", "[matching][cli]") {
  Unimi u(Unimi::Changes{{"set matching = stable", "set matching = optimal"}});
  auto run = u.run_ranked();
  INFO(run.out);
  // Three mentors, three matched; places 1 and 2 are worth 2 and 1: the best total is 4.
  CHECK(contains(run.out, "optimal matching of mentee_application in 'ranked' with mentor_application in 'met': "
                          "3 of 5 matched, total satisfaction 4"));
  CHECK(u.state(mentee("bruno")) == "proposed");  // verdi: in every assignment of three
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run: each gives the matches recorded"));
}

TEST_CASE("UniMi: with two places per mentor, proposals and overrides hold places, never more than there are",
          "[matching][cli]") {
  Unimi u(Unimi::Changes{{"set mentees_per_mentor = 1", "set mentees_per_mentor = 2"}});
  // rossi takes anna and bruno (both ranked her first, before dario, who applied later): two proposals
  // hold rossi's two places in the one step of the run.
  auto run = u.run_ranked();
  INFO(run.out);
  CHECK(contains(run.out, "3 of 5 matched"));
  CHECK(u.fields(mentee("anna")).at("proposed_mentor") == mentor("rossi"));
  CHECK(u.fields(mentee("bruno")).at("proposed_mentor") == mentor("rossi"));
  CHECK(u.fields(mentor("rossi")).at("places_proposed") == 2);
  CHECK(u.fields(mentor("bianchi")).at("places_proposed") == 1);  // carla

  const std::string staff = "career_service:sara";
  u.ok(u.override_match("carla", "verdi", "wants a mentor in her field"));
  CHECK(u.fields(mentor("bianchi")).at("places_proposed") == 0);
  CHECK(u.fields(mentor("verdi")).at("places_proposed") == 1);
  CHECK(u.fields(mentee("carla")).at("override_reason") == "wants a mentor in her field");
  u.refused(staff, mentee("carla"), "override_match",
            nlohmann::json{{"mentor_choice", mentor("rossi")}, {"reason", "closer to home"}}.dump(),
            "no place left: 0 taken and 2 proposed of 2");

  u.ok(u.exec(staff, mentee("anna"), "confirm_match"));
  CHECK(u.state(mentor("rossi")) == "matched");  // one mentee confirmed, one place still proposed
  CHECK(u.fields(mentor("rossi")).at("places_taken") == 1);
  CHECK(u.fields(mentor("rossi")).at("places_proposed") == 1);
  u.ok(u.override_match("bruno", "verdi", "prefers a smaller company"));  // gives rossi's place back
  CHECK(u.fields(mentor("rossi")).at("places_proposed") == 0);
  CHECK(u.fields(mentor("verdi")).at("places_proposed") == 2);
  u.ok(u.exec(staff, mentee("bruno"), "confirm_match"));
  u.ok(u.exec(staff, mentee("carla"), "confirm_match"));
  CHECK(u.state(mentor("verdi")) == "matched");
  CHECK(u.fields(mentor("verdi")).at("places_taken") == 2);
  // Full, a matched mentor still refuses; with a place left (rossi) an override may go there.
  u.refused(staff, mentee("bruno"), "override_match",
            nlohmann::json{{"mentor_choice", mentor("verdi")}, {"reason", "x"}}.dump(),
            "bruno is 'matched': override_match is allowed only from 'proposed'");
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run: each gives the matches recorded"));
}

TEST_CASE("UniMi: the run tells everyone it leaves out why, starting the mentoring closes them with the reason",
          "[matching][cli]") {
  Unimi u;
  for (const char* m : {"bianchi", "rossi", "verdi"}) u.add_mentor(m);
  u.add_mentor("fabio", true, false);  // selected, never trained
  u.add_mentor("neri", false);
  for (const char* m : {"anna", "bruno", "carla", "dario", "elena", "lorenzo"}) u.add_mentee(m);
  u.add_mentee("tommaso", false);  // selected, never trained
  u.ok(u.exec("career_service:sara", kRound, "close_applications"));
  u.speed_date();
  u.rank_all();  // lorenzo states no preferences

  auto run = u.ok(u.exec("career_service:sara", kRound, "run_matching"));
  INFO(run.out);
  CHECK(contains(run.out, "flagged: lorenzo stated no preferences ('met', not 'ranked'): not in the run"));
  CHECK(contains(run.out, "flagged: tommaso has not completed the training ('selected', not 'ranked'): not in the run"));
  auto lorenzo = u.ok(u.cli({"history", mentee("lorenzo")}));
  CHECK(contains(lorenzo.out, "matching: not in the run: stated no preferences (it is 'met', the run matches "
                              "mentee_application in 'ranked')"));
  auto round = u.ok(u.cli({"history", kRound}));
  CHECK(contains(round.out, "tommaso: not in the run: has not completed the training"));

  // Proposals neither confirmed nor overridden stop the mentoring from starting.
  u.refused("career_service:sara", kRound, "start_mentoring", "{}",
            "start_mentoring refused: still_proposed on unimi-2025/mentee_application/anna would be refused: "
            "still_proposed refused on unimi-2025/mentee_application/anna: its proposal is neither confirmed nor "
            "overridden");
  for (const char* m : {"anna", "bruno", "carla"}) u.ok(u.exec("career_service:sara", mentee(m), "confirm_match"));
  u.ok(u.exec("career_service:sara", kRound, "start_mentoring"));

  CHECK(u.state(mentee("lorenzo")) == "not_matched");
  CHECK(u.fields(mentee("lorenzo")).at("unmatched_reason") == "stated no preferences after the speed date");
  CHECK(u.state(mentee("tommaso")) == "not_trained");
  CHECK(u.fields(mentee("tommaso")).at("unmatched_reason") == "did not complete the mentee training");
  for (const char* m : {"dario", "elena"}) {
    CHECK(u.state(mentee(m)) == "not_matched");
    CHECK(u.fields(mentee(m)).at("unmatched_reason") ==
          "none of the mentors they ranked had a place left for them in the matching run");
  }
  CHECK(u.state(mentor("fabio")) == "not_trained");
  auto verify = u.ok(u.cli({"verify"}));
  CHECK(contains(verify.out, "re-ran 1 matching run: each gives the matches recorded"));
}

TEST_CASE("UniMi: once the Career Service closes applications, new ones are refused", "[matching][cli]") {
  Unimi u;
  u.add_mentee("anna");
  u.add_mentor("rossi");
  u.ok(u.exec("career_service:sara", kRound, "close_applications"));
  const std::string why = "the Career Service has closed applications to this edition; apply to a later one";
  u.refused("mentee:late", mentee("late"), "apply_as_mentee", Unimi::kMenteeApplies, why);
  u.refused("mentor:late", mentor("late"), "apply_as_mentor",
            R"({"alumni_degree": "Law", "graduation_year": 2010, "profession": "judge", "years_experience": 12,
                "self_assessment": 80, "cv": "cv.pdf", "self_assessment_test": "t.pdf"})",
            why);
  CHECK(u.cli({"state", mentee("late")}).exit_code != 0);
  CHECK(u.state(mentee("anna")) == "trained");  // those who applied in time go on
}

TEST_CASE("UniMi: a mentor's stated preferences say whom they would take, the run respects them", "[matching][cli]") {
  Unimi u;
  u.cohort();
  u.speed_date();
  // rossi, the first choice of anna, bruno and dario, would take bruno or dario, not anna.
  auto states = [&](const std::vector<std::string>& mentees) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : mentees) list.push_back(mentee(m));
    return nlohmann::json{{"mentee_preferences", list}}.dump();
  };
  u.refused("mentor:rossi", mentor("rossi"), "state_mentee_preferences", states({}),
            "name at least one of the mentees you met at the speed date");
  u.refused("mentor:rossi", mentor("rossi"), "state_mentee_preferences", states({"ghost"}),
            "names 'unimi-2025/mentee_application/ghost', which is not a mentee_application");
  u.refused("mentor:verdi", mentor("rossi"), "state_mentee_preferences", states({"bruno"}), "verdi is not a party");
  u.ok(u.exec_text("mentor:rossi", mentor("rossi"), "state_mentee_preferences", states({"bruno", "dario"})));
  u.rank_all();
  auto run = u.ok(u.exec("career_service:sara", kRound, "run_matching"));
  INFO(run.out);
  // anna goes to her 2nd choice; rossi takes bruno (ahead of dario, who applied later); bruno's place at
  // verdi was never needed.
  CHECK(u.fields(mentee("anna")).at("proposed_mentor") == mentor("bianchi"));
  CHECK(u.fields(mentee("bruno")).at("proposed_mentor") == mentor("rossi"));
  auto anna = u.ok(u.cli({"history", mentee("anna")}));
  CHECK(contains(anna.out, "matching: proposed bianchi (2nd choice): 1st choice rossi is not acceptable (rule "
                           "mentor_accepts)"));
  CHECK(u.ok(u.cli({"verify"})).exit_code == 0);
}
