// The command path (engine/plan_command.cpp, engine/authorise.hpp, engine/handle.cpp) in process,
// given / when / then, on the shipped workflows: who may issue a command and the kind of each
// refusal, `requires`, `decide`, `set` and `count`, a linked case created, `for each`, `do`, and a
// command overtaken by another writer and decided again.
#include "engine/events.hpp"
#include "tests/engine/command_path_fixture.hpp"

using mentorflow::testing::Command;
using mentorflow::testing::CommandPath;
using mentorflow::testing::Refusal;
namespace events = mentorflow::engine::events;

namespace {

const std::string kOpen = "2021-09-20 10:00 Europe/Rome";           // MIE 2021 takes applications
const std::string kPastDeadline = "2021-10-08 09:00 Europe/Rome";   // it closed on 7 Oct at 12:30
const std::string kProject = "mie-2021/project/lyon";
const std::string kAnna = "mie-2021/application/anna";
const std::string kAnnasMentorship = "mie-2021/mentorship/anna";

// MIE 2021 (workflows/mie.flow, rules/mie-2021.rules) with one project open for applications.
struct Mie : CommandPath {
  Mie() : CommandPath("workflows/mie.flow", "rules/mie-2021.rules", "mie-2021", "2021-09-01 09:00 Europe/Rome") {
    at(kOpen).given({
        {"mentor:marco", kProject, "offer_project",
         {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}},
        {"staff:carla", kProject, "publish_project"},
    });
  }

  static Command start(const std::string& who) {
    return {"student:" + who, "mie-2021/application/" + who, "start_application", {{"project", kProject}}};
  }
  // Submitted with a B2 certificate in French: eligible for a bachelor in year 2 or more.
  static Command submit(const std::string& who, int year) {
    return {"student:" + who, "mie-2021/application/" + who, "submit",
            {{"degree", "bachelor"}, {"year", year}, {"certificate_language", "french"}, {"certified_level", "B2"},
             {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}},
             {"letter", {{"it", "l-it.pdf"}, {"foreign", "l-fr.pdf"}}}, {"certificate", "delf.pdf"}}};
  }
  // Anna's mentorship with marco, its agreement sent: meetings may be logged.
  Mie& mentorship() {
    given({start("anna"), submit("anna", 2), {"staff:carla", kAnna, "confirm_match"},
           {"student:anna", kAnnasMentorship, "sign_agreement_as_mentee"},
           {"mentor:marco", kAnnasMentorship, "sign_agreement_as_mentor"},
           {"student:anna", kAnnasMentorship, "send_agreement", {{"topics", "film"}, {"agreement", "a.pdf"}}}});
    return *this;
  }
  static Command meeting(const std::string& length = "90min") {
    return {"mentor:marco", kAnnasMentorship, "log_meeting", {{"held_on", "2021-11-02T18:00:00+01:00"}, {"length", length}}};
  }
};

}  // namespace

// ---- who may issue a command ----------------------------------------------------------------------

TEST_CASE("command path: a role the command does not allow is forbidden", "[engine]") {
  Mie mie;
  mie.when({"student:anna", kProject, "close_project"});
  mie.then_refused(Refusal::kForbidden, "role student may not close_project on project: only staff may");
}

TEST_CASE("command path: an auditor is forbidden to write", "[engine]") {
  Mie mie;
  mie.when({"auditor:audrey", kProject, "close_project"});
  mie.then_refused(Refusal::kForbidden, "audrey is an auditor: auditors read everything and write nothing");
}

TEST_CASE("command path: a role the workflow does not declare is forbidden", "[engine]") {
  Mie mie;
  mie.when({"mentee:anna", kAnna, "start_application", {{"project", kProject}}});
  mie.then_refused(Refusal::kForbidden, "'mentee' is not a role of workflow mie");
}

TEST_CASE("command path: no caller may act in the engine's own role", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna")});
  mie.when({"system:anna", kAnna, "expire"});
  mie.then_refused(Refusal::kForbidden, "system is the engine's own role");
}

TEST_CASE("command path: a participant is not a party of another's case, nor of one that does not exist",
          "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna")});
  Command bruno_on_annas = Mie::submit("anna", 2);
  bruno_on_annas.as = "student:bruno";
  mie.when(bruno_on_annas);
  mie.then_refused(Refusal::kNotAParty,
                   "bruno is not a party of mie-2021/application/anna: a student acts only on their own cases");
  mie.when(Mie::submit("carla", 2));
  mie.then_refused(Refusal::kNotAParty, "carla is not a party of mie-2021/application/carla");
}

TEST_CASE("command path: staff on a case that does not exist find none", "[engine]") {
  Mie mie;
  mie.when({"staff:carla", "mie-2021/application/nobody", "confirm_match"});
  mie.then_refused(Refusal::kNotFound, "there is no case 'mie-2021/application/nobody'");
}

TEST_CASE("command path: a command from another state is refused for the state", "[engine]") {
  Mie mie;
  mie.when({"staff:carla", kProject, "publish_project"});
  mie.then_refused(Refusal::kWrongState, "mie-2021/project/lyon is 'open': publish_project is allowed only from 'offered'");
}

TEST_CASE("command path: a creating command on a case that exists is refused for the state", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna")});
  mie.when(Mie::start("anna"));
  mie.then_refused(Refusal::kWrongState, "mie-2021/application/anna already exists: start_application opens a new case");
}

TEST_CASE("command path: the state is read from the log, also from events appended as they are", "[engine]") {
  Mie mie;
  mie.given_events(kProject, {{events::kStateChanged, events::state_changed("open", "closed")}});
  mie.when({"staff:carla", kProject, "close_project"});
  mie.then_refused(Refusal::kWrongState, "mie-2021/project/lyon is 'closed': close_project is allowed only from 'open'");
}

// ---- what the clauses do ---------------------------------------------------------------------------

TEST_CASE("command path: a creating command opens the case, its actor its party", "[engine]") {
  Mie mie;
  mie.when(Mie::start("anna"));
  mie.then_events({"CommandAccepted", "CaseOpened", "StateChanged", "FieldsSet"});
  CHECK(mie.state(kAnna).parties.at("student") == "anna");
  CHECK(mie.state(kAnna).state == "draft");
}

TEST_CASE("command path: a requires clause refuses with the designer's sentence", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna")});
  mie.when(Mie::submit("anna", 0));
  mie.then_refused(Refusal::kByRule, "submit refused on mie-2021/application/anna: the year of enrolment is 1 or more (given: 0)");
  mie.at(kPastDeadline).when(Mie::start("bruno"));
  mie.then_refused(Refusal::kByRule, "start_application refused on mie-2021/application/bruno: applications for this "
                                     "edition closed on 2021-10-07");
}

TEST_CASE("command path: decide records the decision and moves the case where it says", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna"), Mie::start("bruno")});
  mie.when(Mie::submit("anna", 2));
  mie.then_events({"CommandAccepted", "FieldsSet", "DocumentsAttached", "DecisionRecorded", "StateChanged"});
  CHECK(mie.accepted().state == "submitted");
  mie.when(Mie::submit("bruno", 1));  // a bachelor in the first year is not eligible
  mie.then_events({"CommandAccepted", "FieldsSet", "DocumentsAttached", "DecisionRecorded", "StateChanged"});
  CHECK(mie.accepted().state == "ineligible");
}

TEST_CASE("command path: set fills a field, count moves a counter up to its maximum", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna"), Mie::submit("anna", 2)});
  mie.when({"staff:carla", kAnna, "record_interview", {{"held_on", "2021-10-10T10:00:00+02:00"}, {"outcome", "recommended"}}});
  mie.then_events({"CommandAccepted", "FieldsSet"});
  CHECK(mie.state(kAnna).fields.at("interview") == "recommended");

  Mie with_mentorship;
  with_mentorship.mentorship();
  with_mentorship.when(Mie::meeting());
  with_mentorship.then_events({"CommandAccepted", "CounterIncremented"}, kAnnasMentorship);
  CHECK(with_mentorship.state(kAnnasMentorship).counters.at("meetings") == 1);
  with_mentorship.when(Mie::meeting("3h"));
  with_mentorship.then_refused(Refusal::kByRule, "a meeting lasts at most 2h; this one lasted 3h");
}

TEST_CASE("command path: create opens a linked case in the same append", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna"), Mie::submit("anna", 2)});
  mie.when({"staff:carla", kAnna, "confirm_match"});
  mie.then_events({"CommandAccepted", "StateChanged", "LinkedCaseCreated"});
  mie.then_events({"CaseOpened", "FieldsSet", "StateChanged"}, kAnnasMentorship);
  CHECK(mie.accepted().other_cases == std::vector<std::string>{kAnnasMentorship});
  const auto mentorship = mie.state(kAnnasMentorship);
  CHECK(mentorship.parties.at("mentee") == "anna");
  CHECK(mentorship.parties.at("mentor") == "marco");
}

TEST_CASE("command path: for each issues the command on every case in the states, as system", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna"), Mie::start("bruno"), Mie::submit("bruno", 2)});
  mie.at(kPastDeadline).when({"staff:carla", "mie-2021/call", "close_applications"});
  mie.then_events({"CommandAccepted", "StateChanged"}, "mie-2021/application/anna");  // a draft: it expires
  mie.then_events({}, "mie-2021/application/bruno");                                  // submitted: untouched
  CHECK(mie.accepted().other_cases == std::vector<std::string>{"mie-2021/application/anna"});
  CHECK(mie.state("mie-2021/application/anna").state == "expired");
}

TEST_CASE("command path: a cohort command from another state is refused before its for each runs", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna")});
  // Staff issue publish_results while the call is still open: no application is touched.
  mie.when({"staff:carla", "mie-2021/call", "publish_results"});
  mie.then_refused(Refusal::kWrongState, "mie-2021/call is 'applications_open': publish_results is allowed only from 'evaluation'");
}

TEST_CASE("command path: do issues a command on another case, appended with this one", "[engine]") {
  CommandPath mileage("workflows/mileage-placement.flow", "rules/mileage-pilot.rules", "mileage-pilot",
                      "2024-01-10 09:00 Europe/Rome");
  const std::string offer = "mileage-pilot/placement_offer/ngo1";
  const std::string request = "mileage-pilot/placement_request/gina";
  mileage.at("2024-01-15 10:00 Europe/Rome")
      .given({{"ngo_mentor:tutor", offer, "offer_placement",
               {{"ngo", "ngo1"}, {"title", "community work"}, {"area", "youth_work"}, {"location", "Ljubljana"},
                {"language", "italian"}, {"starts", "2024-03-01"}, {"ends", "2024-06-30"}, {"places", 1},
                {"hours", 120}, {"fewer_opportunities_support", true}}},
              {"coordinator:maja", offer, "review_placement", {{"meets_quality_standards", true}, {"note", "ok"}}},
              {"student:gina", request, "request_placement",
               {{"study_programme", "social work"}, {"fewer_opportunities", false}, {"languages", {"italian"}},
                {"interests", {"youth_work"}}, {"available_from", "2024-01-01"}, {"available_until", "2024-12-31"}}},
              {"counsellor:tina", request, "hold_advisory", {{"held_on", "2024-01-12T10:00:00+01:00"}, {"notes", "ready"}}},
              {"student:gina", request, "choose_placements", {{"choices", {offer}}}}});
  // The search proposes the offer (match, then propose_placement's `do hold_place`): one place held.
  mileage.when({"coordinator:maja", "mileage-pilot/pilot", "run_placement_search"});
  mileage.then_events({"CommandAccepted", "FieldsSet", "StateChanged", "MatchExplained"}, request);
  mileage.then_events({"CommandAccepted", "FieldsSet"}, offer);
  CHECK(mileage.state(offer).fields.at("places_proposed") == 1);
  // The coordinator's confirmation creates the placement and takes the place on the offer.
  mileage.when({"coordinator:maja", request, "confirm_placement"});
  mileage.then_events({"CommandAccepted", "StateChanged", "LinkedCaseCreated"});
  mileage.then_events({"CommandAccepted", "FieldsSet"}, offer);
  const auto taken = mileage.state(offer).fields;
  CHECK(taken.at("places_proposed") == 0);
  CHECK(taken.at("places_taken") == 1);
}

// ---- another writer first ----------------------------------------------------------------------------

TEST_CASE("command path: overtaken by another writer, a command is decided again on the new state", "[engine]") {
  Mie mie;
  mie.mentorship();
  // Both log a meeting at once: the later one is decided again and counts the second meeting.
  mie.when_overtaken(Mie::meeting(), {"student:anna", kAnnasMentorship, "log_meeting",
                                      {{"held_on", "2021-11-09T18:00:00+01:00"}, {"length", "1h"}}});
  mie.then_events({"CommandAccepted", "CounterIncremented"}, kAnnasMentorship);
  CHECK(mie.decisions() == 2);  // on one meeting, then on two
  CHECK(mie.state(kAnnasMentorship).counters.at("meetings") == 2);
}

TEST_CASE("command path: overtaken again and again on a hot case, a command is decided until it gets through", "[engine]") {
  Mie mie;
  mie.mentorship();
  // Three meetings by the mentee land first, one during each decision of the mentor's own.
  std::vector<Command> meanwhile;
  for (const char* day : {"2021-11-09", "2021-11-16", "2021-11-23"})
    meanwhile.push_back({"student:anna", kAnnasMentorship, "log_meeting",
                         {{"held_on", std::string(day) + "T18:00:00+01:00"}, {"length", "1h"}}});
  mie.when_overtaken(Mie::meeting(), meanwhile);
  mie.then_events({"CommandAccepted", "CounterIncremented"}, kAnnasMentorship);
  CHECK(mie.decisions() == 4);  // on one meeting, two, three, then four
  CHECK(mie.state(kAnnasMentorship).counters.at("meetings") == 4);
}

TEST_CASE("command path: overtaken every time it is decided, a command gives up with a conflict and writes nothing", "[engine]") {
  Mie mie;
  mie.mentorship();
  // Another writer changes the mentorship during each of the 10 decisions (kMaxDecisions,
  // engine/handle.cpp); an empty FieldsSet is enough to move its version.
  std::vector<std::function<void()>> meddles(10, [&] { mie.given_events(kAnnasMentorship, {{"FieldsSet", {{"fields", nlohmann::json::object()}}}}); });
  mie.when_meddled(Mie::meeting(), std::move(meddles));
  mie.then_refused(Refusal::kConflict, "other writers changed it each of the 10 times log_meeting was decided; try again");
  CHECK(mie.decisions() == 10);
  CHECK(mie.state(kAnnasMentorship).counters.count("meetings") == 0);
}

TEST_CASE("command path: decided again, a command the other writer's change forbids is refused", "[engine]") {
  Mie mie;
  mie.given({Mie::start("anna"), Mie::submit("anna", 2)});
  // Staff confirm the match while a colleague's not_select gets there first.
  mie.when_overtaken({"staff:carla", kAnna, "confirm_match"},
                     {"staff:sara", kAnna, "not_select", {{"reason", "no places left in Lyon"}}});
  mie.then_refused(Refusal::kWrongState,
                   "mie-2021/application/anna is 'not_selected': confirm_match is allowed only from 'submitted'");
  CHECK(mie.decisions() == 1);  // decided once on 'submitted'; the second time refused before its clauses
  CHECK(mie.state(kAnna).state == "not_selected");
}
