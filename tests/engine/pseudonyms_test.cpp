// The doors' pseudonyms (engine/privacy/pseudonyms.hpp): ids in, pseudonyms to the engine, and
// every text revealed on the way out, on a real store's subjects and the shipped UniMi workflow.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "dsl/compile/compile.hpp"
#include "engine/privacy/pseudonyms.hpp"
#include "store/event_store.hpp"
#include "tests/engine/shipped.hpp"
#include "tests/support/must.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using mentorflow::testing::must;
using mentorflow::testing::shipped;
using mentorflow::testing::TempDir;

namespace {

struct Subjects {
  TempDir dir;
  std::unique_ptr<store::EventStore> store = must(store::EventStore::open(dir / "store", {}));
  std::unique_ptr<store::Subjects> subjects = must(store->open_subjects(store::MasterKey::of(must(store::random_key()))));
};

}  // namespace

TEST_CASE("ids coming in become pseudonyms, and a pseudonym given from outside is refused", "[pseudonyms]") {
  Subjects s;
  const engine::Pseudonyms pseudonyms(s.subjects.get());
  CHECK(pseudonyms.user("elena.costa", false).status().is_not_found());  // a question about nobody
  const std::string elena = must(pseudonyms.user("elena.costa", true));
  CHECK(store::is_pseudonym(elena));
  CHECK(must(pseudonyms.user("elena.costa", false)) == elena);

  const store::Actor actor = must(pseudonyms.actor({"elena.costa", "mentee"}, false));
  CHECK(actor.user == elena);
  CHECK(actor.role == "mentee");
  CHECK(must(pseudonyms.case_name("unimi-2025/mentee_application/elena.costa", false)) ==
        "unimi-2025/mentee_application/" + elena);
  CHECK(must(pseudonyms.case_name("unimi-2025/round", false)) == "unimi-2025/round");  // a cohort is no one
  CHECK(must(pseudonyms.case_name("unimi-2025", false)) == "unimi-2025");

  // Someone who writes another person's pseudonym as their user id does not become them.
  auto posing = pseudonyms.actor({elena, "mentee"}, true);
  REQUIRE_FALSE(posing.is_ok());
  CHECK_THAT(posing.status().message(), Catch::Contains("cannot be a user id"));
  CHECK_FALSE(pseudonyms.case_name("unimi-2025/mentee_application/" + elena, true).is_ok());
}

TEST_CASE("the inputs that name cases are pseudonymised, the others left alone", "[pseudonyms]") {
  Subjects s;
  const engine::Pseudonyms pseudonyms(s.subjects.get());
  dsl::Diagnostics diagnostics;
  const auto definition = dsl::build_definition(shipped("workflows/unimi-mentoring.flow"), shipped("rules/unimi-2025.rules"), diagnostics);
  REQUIRE(definition.has_value());

  nlohmann::json ranking = {{"preferences", {"marco.rossi", "anna.bianchi"}}};
  REQUIRE(pseudonyms.inputs(*definition, "mentee_application", "state_preferences", ranking, true).is_ok());
  CHECK(ranking["preferences"][0] == must(pseudonyms.user("marco.rossi", false)));
  CHECK(ranking["preferences"][1] == must(pseudonyms.user("anna.bianchi", false)));

  nlohmann::json override_match = {{"mentor_choice", "anna.bianchi"}, {"reason", "anna.bianchi speaks Spanish"}};
  REQUIRE(pseudonyms.inputs(*definition, "mentee_application", "override_match", override_match, true).is_ok());
  CHECK(override_match["mentor_choice"] == must(pseudonyms.user("anna.bianchi", false)));
  CHECK(override_match["reason"] == "anna.bianchi speaks Spanish");  // a text, not an id

  nlohmann::json unknown = {{"mentor_choice", "anna.bianchi"}};
  REQUIRE(pseudonyms.inputs(*definition, "no_such_type", "override_match", unknown, true).is_ok());
  CHECK(unknown["mentor_choice"] == "anna.bianchi");  // the engine refuses the command itself
}

TEST_CASE("every pseudonym in a text is revealed, an erased one as [erased]", "[pseudonyms]") {
  Subjects s;
  const engine::Pseudonyms pseudonyms(s.subjects.get());
  const std::string elena = must(pseudonyms.user("elena.costa", true));
  const std::string marco = must(pseudonyms.user("marco.rossi", true));
  const std::string text = fmt::format("proposed {} (1st choice) for {}; case unimi-2025/mentorship/{}-{}\n{{\"user\":\"{}\"}}",
                                       marco, elena, marco, elena, elena);
  CHECK(pseudonyms.reveal(text) ==
        "proposed marco.rossi (1st choice) for elena.costa; case unimi-2025/mentorship/marco.rossi-elena.costa\n"
        "{\"user\":\"elena.costa\"}");
  // Not a token: too short, or part of a longer word.
  const std::string near = "_sabc and " + elena + "x and my_s";
  CHECK(pseudonyms.reveal(near) == near);

  REQUIRE(s.subjects->erase(elena).is_ok());
  CHECK(pseudonyms.reveal("for " + elena + " by " + marco) == "for [erased] by marco.rossi");
  // Without subjects (no master key) nothing is a person's pseudonym.
  CHECK(engine::Pseudonyms(nullptr).reveal("for " + marco) == "for [erased]");
  CHECK(must(engine::Pseudonyms(nullptr).user("elena.costa", true)) == "elena.costa");
}
