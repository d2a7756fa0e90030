// A log cut at its end, through the real CLI on the shipped MIE workflow: the last event is
// deleted from the `events` family (as `ldb delete` would); then every command that writes is
// refused with a sentence naming the positions, the store stays as it was, and verify fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "store/keys.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/support/mie_project.hpp"
#include "tests/support/text.hpp"

using mentorflow::store::number_key;
using mentorflow::testing::MieProject;
using mentorflow::store::testing::raw_delete;
using mentorflow::store::testing::raw_get;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

// MIE 2021 published, a project offered and published: the last event is publish_project's.
struct Mie : MieProject {
  std::string exported() const { return ok(cli({"export"})).out; }
  std::size_t events() const {
    const std::string text = exported();
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  }
};

}  // namespace

TEST_CASE("after the last event is deleted, exec is refused naming the positions and the store is unchanged", "[store][cli]") {
  Mie mie;
  const std::size_t last = mie.events();
  raw_delete(mie.store, "events", number_key(last));
  const std::string cut = mie.exported();

  auto r = mie.exec_text("student:anna", "mie-2021/application/anna", "start_application", R"({"project": "mie-2021/project/lyon"})");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "mentorflow: store " + mie.store + " is cut at its end: the last event is at " +
                            std::to_string(last - 1) + ", but the stream index refers to " + std::to_string(last) +
                            " (stream 'mie-2021/project/lyon')"));
  CHECK(contains(r.err, "nothing was written"));
  CHECK(r.out.empty());
  // Position `last` was not given a second meaning.
  CHECK(!raw_get(mie.store, "events", number_key(last)).has_value());
  CHECK(mie.exported() == cut);

  // Every other writer opens the store the same way.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"tick", "--now", "2021-10-08 09:00 Europe/Rome"},
                                               std::vector<std::string>{"replay"}}) {
    auto w = mie.cli(args);
    INFO(args.front() << ": " << w.err);
    CHECK(w.exit_code == 1);
    CHECK(contains(w.err, "is cut at its end"));
  }
  CHECK(mie.exported() == cut);
}

TEST_CASE("verify reports a log cut at its end as a finding and exits 1", "[store][cli]") {
  Mie mie;
  CHECK(mie.cli({"verify"}).exit_code == 0);
  const std::size_t last = mie.events();
  raw_delete(mie.store, "events", number_key(last));

  auto r = mie.cli({"verify"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "mentorflow: the log is cut at its end: the last event is at " + std::to_string(last - 1) +
                            ", but the stream index refers to " + std::to_string(last)));
  CHECK(contains(r.out, "the chain is intact up to position " + std::to_string(last - 1)));
}
