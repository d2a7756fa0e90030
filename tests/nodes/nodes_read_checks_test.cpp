// A command decided on versions its node knew (engine/handle.cpp): the first attempt takes them
// from what the node's own appends left, without a round trip to the database, so another node
// may have moved a case since. The append checks every case the decision read, and a refusal is
// checked against the log before it is given: neither a write nor a refusal stands on a case that
// was not what the decision read.
#include <catch2/catch.hpp>

#include <fstream>

#include "engine/engine.hpp"
#include "store/event_store.hpp"
#include "tests/nodes/nodes_fixture.hpp"
#include "tests/store/backend_fixture.hpp"

using namespace mentorflow;

namespace {

// A visit may enter only while its door admits someone: the decision on the visit reads the door,
// another case, and writes nothing to it.
constexpr const char* kFlow = R"(workflow gate "Doors and visits" {
  participants member
  staff staff
  auditors auditor
  case door {
    field capacity: int
    state open initial, removed final
    command install by staff fills capacity
    command remove by staff from open to removed
    command set_capacity by staff from open
      input n: int
      set capacity = n
  }
  case visit {
    party member: member
    field door: ref door
    state planned initial, done final
    command plan by member fills door
    command enter by member from planned to done
      requires door.capacity >= 1 else "the door admits nobody"
  }
}
)";

Result<engine::Accepted> staff(engine::Engine& e, const std::string& c, const std::string& command, nlohmann::json inputs) {
  return e.handle({c, command, {"sara", "staff"}, std::move(inputs), ""});
}

void must(const Result<engine::Accepted>& r) {
  INFO(r.status().to_string());
  REQUIRE(r.is_ok());
}

struct Gate {
  testing::Nodes nodes;
  ManualClock clock{1'700'000'000'000'000};
  std::unique_ptr<store::EventStore> mine, theirs;
  std::unique_ptr<engine::Engine> here, there;

  bool ready() {
    if (!nodes) return false;
    std::ofstream(nodes.dir().path() / "gate.flow") << kFlow;
    std::ofstream(nodes.dir().path() / "gate.rules") << "rules for gate edition \"1\" {\n}\n";
    nodes.ok({"publish", (nodes.dir().path() / "gate.flow").string(), "--rules", (nodes.dir().path() / "gate.rules").string(),
              "--edition", "g", "--now", "2023-11-14 22:00 Europe/Rome"});
    auto open = [&] { return store::EventStore::open(nodes.url(), {.read_only = false, .create_if_missing = false, .clock = &clock}); };
    auto a = open(), b = open();
    REQUIRE(a.is_ok());
    REQUIRE(b.is_ok());
    mine = std::move(*a), theirs = std::move(*b);
    here = std::make_unique<engine::Engine>(*mine, clock);
    there = std::make_unique<engine::Engine>(*theirs, clock);
    return true;
  }

  // This node's stream_versions with the streams table out of reach: only what the node knows (or
  // assumes) can answer.
  Result<std::vector<std::uint64_t>> without_streams_table(const std::vector<std::string>& streams,
                                                           store::EventStore::Freshness freshness) {
    store::testing::run_sql(nodes.url(), "ALTER TABLE streams RENAME TO streams_away");
    auto versions = mine->stream_versions(streams, freshness);
    store::testing::run_sql(nodes.url(), "ALTER TABLE streams_away RENAME TO streams");
    return versions;
  }

  // This node installs the door and plans anna's visit through it (reading the door); then the
  // other node sets the door's capacity to `later`, which this node does not know.
  void door_changed_elsewhere(int first, int later) {
    must(staff(*here, "g/door/main", "install", {{"capacity", first}}));
    must(here->handle({"g/visit/anna", "plan", {"anna", "member"}, {{"door", "g/door/main"}}, ""}));
    must(staff(*there, "g/door/main", "set_capacity", {{"n", later}}));
  }
};

}  // namespace

TEST_CASE("a write decided on a case another node changed since is refused by the append and decided again", "[nodes]") {
  Gate g;
  if (!g.ready()) return;
  g.door_changed_elsewhere(1, 0);  // shut

  auto entered = g.here->handle({"g/visit/anna", "enter", {"anna", "member"}, nlohmann::json::object(), ""});
  REQUIRE(!entered.is_ok());
  CHECK(entered.status().message().find("the door admits nobody") != std::string::npos);
  CHECK(g.here->load("g/visit/anna")->state == "planned");
}

TEST_CASE("a refusal decided on a case another node changed since is decided again on the log", "[nodes]") {
  Gate g;
  if (!g.ready()) return;
  g.door_changed_elsewhere(0, 2);  // opened

  must(g.here->handle({"g/visit/anna", "enter", {"anna", "member"}, nlohmann::json::object(), ""}));
  CHECK(g.there->load("g/visit/anna")->state == "done");
}

TEST_CASE("a command on a node alone reads the versions its own appends left, and its append checks the cases it read", "[nodes]") {
  Gate g;
  if (!g.ready()) return;
  must(staff(*g.here, "g/door/main", "install", {{"capacity", 1}}));
  must(g.here->handle({"g/visit/anna", "plan", {"anna", "member"}, {{"door", "g/door/main"}}, ""}));
  // With the streams table out of reach, only what this node knows can give the versions: the
  // visit and the door were written or checked by its own appends.
  const auto versions = g.without_streams_table({"g/visit/anna", "g/door/main"}, store::EventStore::Freshness::kKnownHere);
  INFO(versions.status().to_string());
  REQUIRE(versions.is_ok());
  CHECK(*versions == std::vector<std::uint64_t>{*g.theirs->stream_version("g/visit/anna"), *g.theirs->stream_version("g/door/main")});
  // Another node's append: the next look at the head finds it, and what this node knew is no
  // longer given as known.
  must(staff(*g.there, "g/door/main", "set_capacity", {{"n", 3}}));
  must(g.here->handle({"g/visit/anna", "enter", {"anna", "member"}, nlohmann::json::object(), ""}));
  const auto unknown = g.without_streams_table({"g/door/main"}, store::EventStore::Freshness::kKnownHere);
  CHECK(!unknown.is_ok());
  CHECK(*g.mine->stream_versions({"g/door/main"}, store::EventStore::Freshness::kKnownHere) ==
        std::vector<std::uint64_t>{*g.theirs->stream_version("g/door/main")});
}

TEST_CASE("a case another node created, which this node takes to be absent, is not created twice", "[nodes]") {
  Gate g;
  if (!g.ready()) return;
  must(staff(*g.here, "g/door/main", "install", {{"capacity", 1}}));
  must(g.here->handle({"g/visit/anna", "plan", {"anna", "member"}, {{"door", "g/door/main"}}, ""}));
  // Alone since its appends (the second found the log where the first left it), this node takes a case it knows nothing of to be absent, without
  // asking the database, for a command that creates it.
  const auto assumed = g.without_streams_table({"g/door/back"}, store::EventStore::Freshness::kCreating);
  const auto asked = g.without_streams_table({"g/door/back"}, store::EventStore::Freshness::kKnownHere);
  REQUIRE(assumed.is_ok());
  CHECK(*assumed == std::vector<std::uint64_t>{0});
  CHECK(!asked.is_ok());

  // The other node creates it meanwhile: this node's install, decided on its absence, is refused
  // by the append, decided again on the log, and refused for the case that exists.
  must(staff(*g.there, "g/door/back", "install", {{"capacity", 2}}));
  const std::uint64_t created = *g.theirs->stream_version("g/door/back");
  auto again = staff(*g.here, "g/door/back", "install", {{"capacity", 5}});
  INFO(again.status().to_string());
  REQUIRE(!again.is_ok());
  CHECK(again.status().is_wrong_state());
  CHECK(*g.theirs->stream_version("g/door/back") == created);
  CHECK(g.there->load("g/door/back")->fields["capacity"] == 2);
}
