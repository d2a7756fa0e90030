// Clearing a flag through the engine (engine/flags/clear_flag.hpp) takes the path a command
// takes: decided again when overtaken, and with an idempotency key, the same clearing again gets
// its first position back and writes nothing, while the key stands for nothing else on the case.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "engine/engine.hpp"
#include "engine/flags/clear_flag.hpp"
#include "engine/idempotency.hpp"
#include "store/event_store.hpp"
#include "tests/engine/shipped.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using mentorflow::testing::at;

namespace {

constexpr const char* kFlow = R"(workflow mentoring "Meetings after the start" {
  participants mentee
  staff office
  case mentorship {
    party mentee: mentee
    field starts_on: date
    state active initial, closed final
    command join by mentee
      fills starts_on
    command log_meeting by mentee from active
      input held_on: date
      flag "meeting on {held_on}, before the start on {starts_on}" when held_on < starts_on
    command close by office from active to closed
  }
}
)";

const std::string kAnna = "m/mentorship/anna";
const store::Actor kCarla{"carla", "office"};

// anna's mentorship with two flags: two meetings logged before her start.
struct Flagged {
  testing::TempDir dir;
  ManualClock clock{at("2025-02-10 10:00 Europe/Rome")};
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<engine::Engine> engine;

  Flagged() {
    auto opened = store::EventStore::open(dir / "store", {.clock = &clock});
    REQUIRE(opened.is_ok());
    store = std::move(*opened);
    engine = std::make_unique<engine::Engine>(*store, clock);
    dsl::Diagnostics diagnostics;
    const dsl::SourceFile rules("m.rules", "rules for mentoring edition \"1\" {\n  zone Europe/Rome\n}\n");
    REQUIRE(engine->publish(dsl::SourceFile("m.flow", kFlow), rules, "m", diagnostics).is_ok());
    ok("join", {{"starts_on", "2025-03-01"}});
    ok("log_meeting", {{"held_on", "2025-02-20"}});
    ok("log_meeting", {{"held_on", "2025-02-25"}});
  }
  void ok(const std::string& command, const nlohmann::json& inputs) {
    auto accepted = engine->handle({kAnna, command, {"anna", "mentee"}, inputs, ""});
    INFO(accepted.status().to_string());
    REQUIRE(accepted.is_ok());
  }
  Result<std::uint64_t> clear(std::uint64_t flag, const std::string& key) { return clear_with(*engine, flag, key); }
  static Result<std::uint64_t> clear_with(engine::Engine& e, std::uint64_t flag, const std::string& key) {
    return engine::clear_flag(e, kAnna, flag, kCarla, "she met her mentor at the welcome day", "", key);
  }
};

}  // namespace

TEST_CASE("a keyed clearing of a flag again returns its first position and writes nothing", "[engine]") {
  Flagged f;
  auto first = f.clear(1, "clear-1");
  REQUIRE(first.is_ok());
  const auto head = f.store->head();

  auto again = f.clear(1, "clear-1");
  INFO(again.status().to_string());
  REQUIRE(again.is_ok());
  CHECK(*again == *first);
  CHECK(f.store->head() == head);

  // The key is in the log: another engine, folding the case afresh, knows it as well.
  engine::Engine fresh(*f.store, f.clock);
  auto reopened = Flagged::clear_with(fresh, 1, "clear-1");
  REQUIRE(reopened.is_ok());
  CHECK(*reopened == *first);
  CHECK(f.store->head() == head);

  // Without a key, clearing it again is refused as before.
  auto unkeyed = f.clear(1, "");
  CHECK(unkeyed.status().is_wrong_state());
}

TEST_CASE("a key that cleared a flag stands for nothing else on its case", "[engine]") {
  Flagged f;
  REQUIRE(f.clear(1, "k").is_ok());
  const auto head = f.store->head();

  auto other_flag = f.clear(2, "k");
  CHECK(engine::is_key_reused(other_flag.status()));
  CHECK(other_flag.status().message().find("it was first used for clear-flag with other inputs") != std::string::npos);

  auto command = f.engine->handle({kAnna, "log_meeting", {"anna", "mentee"}, {{"held_on", "2025-03-05"}}, "", "k"});
  CHECK(engine::is_key_reused(command.status()));
  CHECK(command.status().message().find("it was first used for clear-flag, not log_meeting") != std::string::npos);
  CHECK(f.store->head() == head);

  // A key a command recorded is not taken for a clearing either.
  REQUIRE(f.engine->handle({kAnna, "log_meeting", {"anna", "mentee"}, {{"held_on", "2025-03-05"}}, "", "m"}).is_ok());
  CHECK(engine::is_key_reused(f.clear(2, "m").status()));
}
