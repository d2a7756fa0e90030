// An event altered behind the store's back, through the real CLI on the shipped MIE workflow: one
// byte of a payload is changed in the `events` family (as `ldb put` would). Then `state`,
// `history`, `export`, a command on the case and `replay` refuse, naming the position, and never
// show the altered value; `verify` names the break. docs/STORE.md, "Reads check hashes".
#include <catch2/catch.hpp>

#include <string>

#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::store::EventStore;
using mentorflow::store::number_key;
using mentorflow::store::testing::raw_get;
using mentorflow::store::testing::raw_put;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

constexpr const char* kProject = "mie-2021/project/lyon";

// MIE 2021 published, a project offered and published.
struct Mie : CliStore {
  Mie() : CliStore("2021-09-20 10:00 Europe/Rome") {
    ok(cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
            (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
            "2021-09-01 09:00 Europe/Rome"}));
    ok(exec_text("mentor:marco", kProject, "offer_project",
                 R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})"));
    ok(exec("staff:carla", kProject, "publish_project"));
  }

  // Changes "Lumière" to "Lumiére" (same length) in the event that offered the project; its position.
  std::uint64_t alter_offer() const {
    std::uint64_t position = 0;
    {
      auto s = EventStore::open(store, {.read_only = true});
      REQUIRE(s.is_ok());
      auto events = (*s)->read_stream_forward(kProject, 1, 10);
      REQUIRE(events.is_ok());
      for (const auto& e : *events)
        if (contains(e.payload, "Lumière")) position = e.position;
    }
    REQUIRE(position > 0);
    std::string value = *raw_get(store, "events", number_key(position));
    const auto at = value.find("Lumière");
    REQUIRE(at != std::string::npos);
    value.replace(at, std::string("Lumière").size(), "Lumiére");
    raw_put(store, "events", number_key(position), value);
    return position;
  }
};

}  // namespace

TEST_CASE("state, history, export, a command and replay refuse an altered event, naming its position, and never show it", "[store][cli]") {
  Mie mie;
  REQUIRE(contains(mie.ok(mie.cli({"state", kProject})).out, "Lumière"));
  const std::uint64_t position = mie.alter_offer();
  const std::string refusal = "mentorflow: event at position " + std::to_string(position) +
                              " does not match its hash: the store was altered; run verify\n";

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"state", kProject}, std::vector<std::string>{"history", kProject},
        std::vector<std::string>{"state", kProject, "--at", std::to_string(position)}, std::vector<std::string>{"export"}}) {
    auto r = mie.cli(args);
    INFO(args.front() << ": " << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err == refusal);
    CHECK(!contains(r.out, "Lumiére"));
  }
  auto command = mie.exec("staff:carla", kProject, "close_project");
  CHECK(command.exit_code == 1);
  CHECK(command.err == refusal);
  // The read models are not rebuilt from it either.
  auto replay = mie.cli({"replay"});
  CHECK(replay.exit_code == 1);
  CHECK(replay.err == refusal);

  // verify reads the bytes without the check, to say what is wrong in its own words.
  auto verify = mie.cli({"verify"});
  CHECK(verify.exit_code == 1);
  CHECK(contains(verify.err, "mentorflow: chain broken at position " + std::to_string(position) + ": event at position " +
                                 std::to_string(position) + " does not match its hash (its contents were changed)"));
}
