// Read models: kept up to date by every accepted command, equal to what folding each case gives,
// equal to a rebuild from the log, and never needed to decide a command.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "engine/case_state.hpp"
#include "engine/events.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/read_models/read_model_keys.hpp"
#include "engine/timers/schedule.hpp"
#include "engine/timers/tick.hpp"
#include "tests/engine/read_model_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::at;
using mentorflow::testing::MieEngine;

namespace {

// Every case and cohort stream of the store (edition streams hold no case).
std::vector<std::string> case_streams(const store::EventStore& store) {
  std::vector<std::string> names;
  for (const store::StreamInfo& s : *store.list_streams(""))
    if (s.name.find('/') != std::string::npos) names.push_back(s.name);
  return names;
}

// The summary must say what folding the case says.
void check_matches_fold(MieEngine& mie) {
  for (const std::string& name : case_streams(*mie.store)) {
    INFO(name);
    auto state = mie.engine->load(name);
    REQUIRE(state.is_ok());
    auto summary = read_models::case_summary(*mie.store, name);
    REQUIRE(summary.is_ok());
    REQUIRE(summary->has_value());
    const read_models::CaseSummary& s = **summary;
    CHECK(s.name == state->name);
    CHECK(s.case_type == state->case_type);
    CHECK(s.edition == state->edition);
    CHECK(s.definition_id == state->definition_id);
    CHECK(s.state == state->state);
    CHECK(s.version == state->version);
    CHECK(s.position == state->position);
    CHECK(s.updated_at == state->updated_at);
    CHECK(s.parties == state->parties);
    CHECK(s.counters == state->counters);
    CHECK(s.timers == state->timers);
    CHECK(s.flags == state->flags.size());
  }
}

}  // namespace

TEST_CASE("every accepted command brings the read models up to date", "[engine]") {
  MieEngine mie;
  mie.apply("bruno");
  mie.apply("anna", "master", 1, "B1");  // ineligible
  mie.ok("student:dario", "mie-2021/application/dario", "start_application", {{"project", "mie-2021/project/lyon"}});

  CHECK(*mie.store->views_checkpoint() == mie.store->head().position);
  auto bruno = read_models::case_summary(*mie.store, "mie-2021/application/bruno");
  REQUIRE(bruno.is_ok());
  REQUIRE(bruno->has_value());
  CHECK((*bruno)->state == "submitted");
  CHECK((*bruno)->case_type == "application");
  CHECK((*bruno)->parties == std::map<std::string, std::string>{{"student", "bruno"}});

  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "application", "submitted") ==
        std::vector<std::string>{"mie-2021/application/bruno"});
  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "application", "ineligible") ==
        std::vector<std::string>{"mie-2021/application/anna"});
  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "application", "draft") ==
        std::vector<std::string>{"mie-2021/application/dario"});
  CHECK(read_models::cases_in_state(*mie.store, "mie-2021", "application", "matched")->empty());

  const std::vector<read_models::StateCount> counts = *read_models::state_counts(*mie.store, "mie-2021");
  CHECK(std::find(counts.begin(), counts.end(), read_models::StateCount{"mie-2021", "application", "submitted", 1}) != counts.end());
  CHECK(std::find(counts.begin(), counts.end(), read_models::StateCount{"mie-2021", "project", "open", 1}) != counts.end());
  CHECK(std::find(counts.begin(), counts.end(), read_models::StateCount{"mie-2021", "call", "applications_open", 1}) != counts.end());
  CHECK(read_models::state_counts(*mie.store, "mie-2022")->empty());

  auto applications = read_models::case_summaries(*mie.store, "mie-2021/application/");
  REQUIRE(applications.is_ok());
  CHECK(applications->size() == 3);
  check_matches_fold(mie);
}

TEST_CASE("a state change moves a case between lists and counts", "[engine]") {
  MieEngine mie;
  mie.apply("bruno");
  mie.ok("staff:carla", "mie-2021/application/bruno", "confirm_match");
  CHECK(read_models::cases_in_state(*mie.store, "mie-2021", "application", "submitted")->empty());
  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "application", "matched") ==
        std::vector<std::string>{"mie-2021/application/bruno"});
  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "mentorship", "signing") ==
        std::vector<std::string>{"mie-2021/mentorship/bruno"});
  for (const read_models::StateCount& c : *read_models::state_counts(*mie.store)) CHECK(c.cases == 1);  // no count left at 0
  check_matches_fold(mie);
}

TEST_CASE("the due-timer index lists pending timers and tick fires each once", "[engine]") {
  MieEngine mie;
  mie.ok("student:dario", "mie-2021/application/dario", "start_application", {{"project", "mie-2021/project/lyon"}});
  const UtcMicros deadline = at("2021-10-07 12:30 Europe/Rome");
  auto due = read_models::timers_due_by(*mie.store, deadline);
  REQUIRE(due.is_ok());
  REQUIRE(due->size() == 1);
  CHECK(due->front().case_name == "mie-2021/call");
  CHECK(due->front().due == deadline);
  CHECK(due->front().key == timers::timer_key("close", deadline));
  CHECK(read_models::timers_due_by(*mie.store, deadline - 1)->empty());

  mie.clock.set(at(testing::kPastDeadline));
  auto fired = timers::tick(*mie.engine);
  REQUIRE(fired.is_ok());
  REQUIRE(fired->size() == 1);
  CHECK(fired->front().timer == "close");
  CHECK(mie.engine->load("mie-2021/application/dario")->state == "expired");

  auto again = timers::tick(*mie.engine);  // catches up first, so the fired timer has left the index
  REQUIRE(again.is_ok());
  CHECK(std::none_of(again->begin(), again->end(), [](const timers::Fired& f) { return f.timer == "close"; }));
  CHECK(std::none_of(read_models::timers_due_by(*mie.store, at(testing::kPastDeadline))->begin(),
                     read_models::timers_due_by(*mie.store, at(testing::kPastDeadline))->end(),
                     [](const read_models::DueTimer& d) { return d.key.starts_with("close@"); }));
  check_matches_fold(mie);
}

TEST_CASE("a stale due-timer entry never fires a timer twice", "[engine]") {
  MieEngine mie;
  mie.clock.set(at(testing::kPastDeadline));
  // Fire the deadline, then put its index entry back as a damaged or lagging index might hold it.
  const std::uint64_t before_tick = *mie.store->views_checkpoint();
  auto fired = timers::tick(*mie.engine);
  REQUIRE(fired.is_ok());
  REQUIRE(fired->size() == 1);
  REQUIRE(read_models::catch_up_read_models(*mie.store).is_ok());
  store::ViewBatch stale;
  const UtcMicros deadline = at("2021-10-07 12:30 Europe/Rome");
  stale.put("due/2021-10-07T10:30:00.000000Z/mie-2021/call/" + timers::timer_key("close", deadline), "");
  const std::uint64_t head = mie.store->head().position;
  REQUIRE(head > before_tick);
  REQUIRE(mie.store->write_views(stale, head, head).is_ok());
  REQUIRE(read_models::timers_due_by(*mie.store, deadline)->size() == 1);

  auto again = timers::tick(*mie.engine);
  REQUIRE(again.is_ok());
  REQUIRE(again->size() == 1);
  CHECK(again->front().outcome == "already fired");
  CHECK(mie.store->head().position == head);  // nothing written
}

TEST_CASE("incremental read models equal a rebuild from the log", "[engine]") {
  MieEngine mie;
  mie.mentorship("bruno", 3);
  mie.apply("anna", "master", 1, "B1");
  mie.apply("carlo");
  mie.ok("staff:carla", "mie-2021/application/carlo", "not_select", {{"reason", "no places left"}});
  const auto incremental = mie.all_views();
  CHECK(*mie.store->views_checkpoint() == mie.store->head().position);

  auto rebuilt = read_models::rebuild_read_models(*mie.store);
  REQUIRE(rebuilt.is_ok());
  CHECK(rebuilt->from == 0);
  CHECK(rebuilt->to == mie.store->head().position);
  CHECK(rebuilt->events == mie.store->head().position);
  CHECK(mie.all_views() == incremental);

  auto nothing = read_models::catch_up_read_models(*mie.store);
  REQUIRE(nothing.is_ok());
  CHECK(nothing->events == 0);
}

TEST_CASE("engines in several threads keep one set of read models", "[engine]") {
  MieEngine mie;
  constexpr int kThreads = 4, kApplicants = 3;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Engine own(*mie.store, mie.clock);
      for (int i = 0; i < kApplicants; ++i) {
        const std::string who = fmt::format("s{}-{}", t, i);
        auto r = own.handle({"mie-2021/application/" + who, "start_application", {who, "student"},
                             {{"project", "mie-2021/project/lyon"}}, ""});
        if (!r.is_ok()) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  REQUIRE(failures == 0);
  CHECK(*mie.store->views_checkpoint() == mie.store->head().position);
  CHECK(read_models::cases_in_state(*mie.store, "mie-2021", "application", "draft")->size() == kThreads * kApplicants);
  const auto live = mie.all_views();
  REQUIRE(read_models::rebuild_read_models(*mie.store).is_ok());
  CHECK(mie.all_views() == live);
}

TEST_CASE("commands never need the read models, and a damaged one is reported and rebuilt", "[engine]") {
  MieEngine mie;
  mie.apply("bruno");
  const std::uint64_t head = mie.store->head().position;
  store::ViewBatch damage;
  damage.put("case/mie-2021/application/bruno", "not a summary");
  REQUIRE(mie.store->write_views(damage, head, head).is_ok());

  auto summary = read_models::case_summary(*mie.store, "mie-2021/application/bruno");
  REQUIRE(summary.status().is_corruption());
  CHECK(summary.status().message().find("run mentorflow replay") != std::string::npos);

  // The command folds its case: it is decided and written; only the catch-up after it fails.
  mie.ok("staff:carla", "mie-2021/application/bruno", "confirm_match");
  CHECK(mie.engine->load("mie-2021/application/bruno")->state == "matched");
  CHECK(*mie.store->views_checkpoint() == head);
  CHECK(read_models::catch_up_read_models(*mie.store).status().is_corruption());

  REQUIRE(read_models::rebuild_read_models(*mie.store).is_ok());
  CHECK((*read_models::case_summary(*mie.store, "mie-2021/application/bruno"))->state == "matched");
  check_matches_fold(mie);
}

TEST_CASE("an event the projection does not know stops the catch-up at the step before it", "[engine]") {
  MieEngine mie;
  const std::uint64_t head = mie.store->head().position;
  store::NewEvent odd;
  odd.type = "SomethingNew";
  REQUIRE(mie.store->append("mie-2021/application/zed", store::ExpectedVersion::no_stream(), {odd}).is_ok());
  auto caught = read_models::catch_up_read_models(*mie.store);
  REQUIRE(caught.status().is_corruption());
  CHECK(caught.status().message() ==
        fmt::format("event SomethingNew (position {}) is of a type this version of mentorflow does not know", head + 1));
  CHECK(*mie.store->views_checkpoint() == head);
}

TEST_CASE("a summary is written as the canonical JSON of its fields", "[engine]") {
  read_models::CaseSummary s;
  s.name = "mie-2021/application/zoë";
  s.case_type = "application";
  s.edition = "mie-2021";
  s.definition_id = "d1";
  s.state = "sub\"mit\\ted\n\t\x01";
  s.version = 12;
  s.position = 18446744073709551615ull;
  s.updated_at = -5;
  s.parties = {{"student", "zoë"}, {"mentor", "a\"b"}};
  s.counters = {{"meetings", 6}, {"diaries", -1}};
  s.timers = {{"close@1", 1}};
  s.flags = 2;
  const nlohmann::json expected = {{"case", s.name},       {"case_type", s.case_type}, {"edition", s.edition},
                                   {"definition", s.definition_id}, {"state", s.state}, {"version", s.version},
                                   {"position", s.position}, {"updated_at", s.updated_at}, {"parties", s.parties},
                                   {"counters", s.counters}, {"timers", s.timers}, {"flags", s.flags}};
  CHECK(read_models::views::encode_summary(s) == expected.dump());
  CHECK(*read_models::views::decode_summary(s.name, read_models::views::encode_summary(s)) == s);
  read_models::CaseSummary empty;
  CHECK(read_models::views::encode_summary(empty) == nlohmann::json::parse(read_models::views::encode_summary(empty)).dump());
}

TEST_CASE("payloads beyond the plain shape are read in full, as the fold reads them", "[engine]") {
  MieEngine mie;
  // Escapes in texts and a number written as a fraction: the plain reader declines these.
  const std::string c = "mie-2021/application/odd";
  std::vector<store::NewEvent> events(4);
  events[0].type = events::kCaseOpened;
  events[0].payload = events::case_opened("application", "mie-2021", {{"student", "o\"d\\d"}});
  events[1].type = events::kStateChanged;
  events[1].payload = events::state_changed("", "tab\there");
  events[2].type = events::kCounterIncremented;
  events[2].payload = {{"counter", "meetings"}, {"value", 2.0}};
  events[3].type = events::kTimerScheduled;
  events[3].payload = events::timer_scheduled("nudge@5", "nudge", 5);
  const std::string definition = "test-definition";
  for (auto& e : events) e.definition_id = definition;
  REQUIRE(mie.store->append(c, store::ExpectedVersion::no_stream(), events).is_ok());
  REQUIRE(read_models::catch_up_read_models(*mie.store).is_ok());
  auto s = **read_models::case_summary(*mie.store, c);
  CHECK(s.parties == std::map<std::string, std::string>{{"student", "o\"d\\d"}});
  CHECK(s.state == "tab\there");
  CHECK(s.counters == std::map<std::string, std::int64_t>{{"meetings", 2}});
  CHECK(*read_models::cases_in_state(*mie.store, "mie-2021", "application", "tab\there") == std::vector<std::string>{c});
  check_matches_fold(mie);
}

TEST_CASE("each person's cases and the published editions are read models too", "[engine]") {
  MieEngine mie;
  mie.ok("student:anna", "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon"}});
  CHECK(*read_models::cases_of_party(*mie.store, "anna") == std::vector<std::string>{"mie-2021/application/anna"});
  CHECK(*read_models::cases_of_party(*mie.store, "marco") == std::vector<std::string>{"mie-2021/project/lyon"});
  CHECK(read_models::cases_of_party(*mie.store, "carla")->empty());  // staff act on cases, they are not parties
  auto editions = read_models::editions(*mie.store);
  REQUIRE(editions.is_ok());
  REQUIRE(editions->size() == 1);
  CHECK((*editions)[0].edition == "mie-2021");
  CHECK((*editions)[0].workflow == "mie");
  CHECK((*editions)[0].position == 1);
}

TEST_CASE("views an older mentorflow wrote are rebuilt by the next catch-up", "[engine]") {
  MieEngine mie;
  mie.ok("student:anna", "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon"}});
  const auto checkpoint = *mie.store->views_checkpoint();
  // What an older version leaves: no format key, no party index, a summary of its own.
  store::ViewBatch old;
  old.erase(std::string(read_models::views::kFormatKey));
  old.erase(read_models::views::party_key("anna", "mie-2021/application/anna"));
  old.put("case/mie-2021/ghost", "left by an older version");
  REQUIRE(mie.store->write_views(old, checkpoint, checkpoint).is_ok());
  CHECK(read_models::cases_of_party(*mie.store, "anna")->empty());

  REQUIRE(read_models::catch_up_read_models(*mie.store).is_ok());
  CHECK(**mie.store->get_view(read_models::views::kFormatKey) == read_models::views::kFormat);
  CHECK(*read_models::cases_of_party(*mie.store, "anna") == std::vector<std::string>{"mie-2021/application/anna"});
  CHECK(!*mie.store->get_view("case/mie-2021/ghost"));
  check_matches_fold(mie);
}
