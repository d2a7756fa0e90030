// Idempotency keys in the engine (engine/idempotency.hpp, issue 13 "Retries are safe"): given a
// case, when a keyed command comes again, then the first outcome and nothing written; another
// command with the key, a refusal naming it; keys kept per case, in the log, across reopening,
// snapshots and replay.
#include <catch2/catch.hpp>

#include "engine/idempotency.hpp"
#include "tests/engine/read_model_fixture.hpp"

using namespace mentorflow;
using mentorflow::testing::MieEngine;

namespace {

const std::string kAnna = "mie-2021/application/anna";

nlohmann::json submit_inputs(int year = 2) {
  return {{"degree", "bachelor"},
          {"year", year},
          {"certificate_language", "french"},
          {"certified_level", "B2"},
          {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}},
          {"letter", {{"it", "l-it.pdf"}, {"foreign", "l-fr.pdf"}}},
          {"certificate", "delf.pdf"}};
}

engine::CommandRequest keyed(const std::string& case_name, const std::string& command, const store::Actor& actor,
                             const nlohmann::json& inputs, const std::string& key) {
  engine::CommandRequest r{case_name, command, actor, inputs, "", key};
  return r;
}

const store::Actor kAnnaStudent{"anna", "student"};

// anna's application started, then submitted with key "submit-1".
struct Keyed : MieEngine {
  engine::Accepted first;
  Keyed() {
    ok("student:anna", kAnna, "start_application", {{"project", "mie-2021/project/lyon"}});
    auto accepted = engine->handle(keyed(kAnna, "submit", kAnnaStudent, submit_inputs(), "submit-1"));
    REQUIRE(accepted.is_ok());
    first = *accepted;
  }
};

void same_outcome(const engine::Accepted& again, const engine::Accepted& first) {
  CHECK(again.replayed);
  CHECK_FALSE(first.replayed);
  CHECK(again.case_name == first.case_name);
  CHECK(again.state == first.state);
  CHECK(again.first_position == first.first_position);
  CHECK(again.last_position == first.last_position);
  CHECK(again.event_types == first.event_types);
  CHECK(again.other_cases == first.other_cases);
  CHECK(again.notes == first.notes);
}

}  // namespace

TEST_CASE("a keyed command again returns its first outcome and writes nothing", "[engine]") {
  Keyed k;
  CHECK(k.first.state == "submitted");
  REQUIRE_FALSE(k.first.notes.empty());
  const auto head = k.store->head();
  nlohmann::json reordered = nlohmann::json::parse(submit_inputs().dump());  // the same inputs, another object
  auto again = k.engine->handle(keyed(kAnna, "submit", kAnnaStudent, reordered, "submit-1"));
  REQUIRE(again.is_ok());
  same_outcome(*again, k.first);
  CHECK(k.store->head() == head);

  // The case moves on; the key still answers as the first time, without asking the rules again.
  k.ok("staff:carla", kAnna, "confirm_match");
  auto later = k.engine->handle(keyed(kAnna, "submit", kAnnaStudent, submit_inputs(), "submit-1"));
  REQUIRE(later.is_ok());
  same_outcome(*later, k.first);
}

TEST_CASE("a key recorded for another command is refused, naming the key and what differs", "[engine]") {
  Keyed k;
  const auto head = k.store->head();
  struct Other {
    engine::CommandRequest request;
    std::string differs;
  };
  const std::vector<Other> others = {
      {keyed(kAnna, "submit", kAnnaStudent, submit_inputs(3), "submit-1"), "it was first used for submit with other inputs"},
      {keyed(kAnna, "confirm_match", {"carla", "staff"}, {}, "submit-1"), "it was first used for submit, not confirm_match"},
      {keyed(kAnna, "submit", {"anna", "mentor"}, submit_inputs(), "submit-1"),
       "it was first used by student:anna, not mentor:anna"},
  };
  for (const Other& o : others) {
    auto r = k.engine->handle(o.request);
    INFO(r.status().to_string());
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().is_conflict());
    CHECK(engine::is_key_reused(r.status()));
    CHECK(r.status().message().starts_with("idempotency key 'submit-1' on mie-2021/application/anna was recorded at "
                                           "position " + std::to_string(k.first.first_position)));
    CHECK(r.status().message().find(o.differs) != std::string::npos);
  }
  CHECK(k.store->head() == head);
}

TEST_CASE("keys are kept per case, and a refused keyed command records nothing", "[engine]") {
  Keyed k;
  k.ok("student:bruno", "mie-2021/application/bruno", "start_application", {{"project", "mie-2021/project/lyon"}});
  // The same key on bruno's case is another key.
  const store::Actor bruno{"bruno", "student"};
  auto refused = k.engine->handle(keyed("mie-2021/application/bruno", "submit", bruno, submit_inputs(0), "submit-1"));
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().is_refused());
  auto accepted = k.engine->handle(keyed("mie-2021/application/bruno", "submit", bruno, submit_inputs(), "submit-1"));
  INFO(accepted.status().to_string());
  REQUIRE(accepted.is_ok());
  CHECK_FALSE(accepted->replayed);
  CHECK(accepted->state == "submitted");
}

TEST_CASE("a key is recorded in the log: reopening, snapshots and folding from the start keep it", "[engine]") {
  Keyed k;
  auto recorded = k.store->read_event(k.first.first_position);
  REQUIRE(recorded.is_ok());
  auto payload = recorded->payload_json();
  REQUIRE(payload.is_ok());
  CHECK(recorded->type == "CommandAccepted");
  CHECK(payload->at("key") == "submit-1");
  CHECK(payload->at("events") == k.first.last_position - k.first.first_position + 1);

  // Enough commands on the case for a snapshot, then a fresh engine on the reopened store.
  k.ok("staff:carla", kAnna, "record_interview", {{"held_on", "2021-09-25T10:00:00+02:00"}, {"outcome", "recommended"}});
  for (int i = 0; i < 20; ++i)
    k.ok("staff:carla", kAnna, "record_interview", {{"held_on", "2021-09-25T10:00:00+02:00"}, {"outcome", "recommended"}});
  k.open();
  auto loaded = k.engine->load(kAnna);
  REQUIRE(loaded.is_ok());
  REQUIRE(loaded->keys.contains("submit-1"));
  CHECK(loaded->keys.at("submit-1").command == "submit");
  CHECK(loaded->keys.at("submit-1").position == k.first.first_position);
  auto snapshot = k.store->load_snapshot(kAnna, engine::kCaseStateFormat);
  REQUIRE(snapshot.is_ok());
  REQUIRE(*snapshot);
  auto restored = engine::case_state_from_json(nlohmann::json::parse((*snapshot)->state));
  REQUIRE(restored.is_ok());
  CHECK(restored->keys == loaded->keys);
  // `mentorflow state` shows the case, not the callers' keys.
  CHECK_FALSE(engine::to_json(*loaded).contains("keys"));

  auto again = k.engine->handle(keyed(kAnna, "submit", kAnnaStudent, submit_inputs(), "submit-1"));
  REQUIRE(again.is_ok());
  same_outcome(*again, k.first);
}

TEST_CASE("a key is 1 to 200 printable ASCII characters", "[engine]") {
  CHECK(engine::check_key("a").is_ok());
  CHECK(engine::check_key(std::string(200, '~')).is_ok());
  CHECK(engine::check_key("order 12 / retry").is_ok());
  CHECK(engine::check_key("").message() == "an idempotency key must not be empty");
  CHECK(engine::check_key(std::string(201, 'k')).message() ==
        "an idempotency key is at most 200 characters; this one has 201");
  CHECK(engine::check_key("a\tb").message() ==
        "an idempotency key is printable ASCII (space to '~'); character 2 is byte 0x09");
  CHECK(engine::check_key("caf\xc3\xa9").message() ==
        "an idempotency key is printable ASCII (space to '~'); character 4 is byte 0xc3");
  CHECK(engine::check_key("\x7f").is_invalid_argument());

  Keyed k;
  const auto head = k.store->head();
  auto r = k.engine->handle(keyed(kAnna, "submit", kAnnaStudent, submit_inputs(), "bad\nkey"));
  CHECK(r.status().is_invalid_argument());
  CHECK(k.store->head() == head);
}
