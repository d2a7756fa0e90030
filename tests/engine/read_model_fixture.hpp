#pragma once
// In-process engine tests on the shipped MIE workflow (2021 rules): a store in a temporary
// directory, a manual clock, an engine, and the commands that take applicants through the
// programme. Shared by the read-model, snapshot and replay tests.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"
#include "tests/engine/shipped.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

inline const std::string kApplicationsOpen = "2021-09-20 10:00 Europe/Rome";
inline const std::string kPastDeadline = "2021-10-08 09:00 Europe/Rome";  // the call closes 7 Oct 12:30

struct MieEngine {
  TempDir dir;
  std::filesystem::path path = dir / "store";
  ManualClock clock{at("2021-09-01 09:00 Europe/Rome")};
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<engine::Engine> engine;

  MieEngine() {
    open();
    dsl::Diagnostics diagnostics;
    auto published = engine->publish(shipped("workflows/mie.flow"), shipped("rules/mie-2021.rules"), "mie-2021", diagnostics);
    INFO(published.status().to_string());
    REQUIRE(published.is_ok());
    clock.set(at(kApplicationsOpen));
    ok("mentor:marco", "mie-2021/project/lyon", "offer_project",
       {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}});
    ok("staff:carla", "mie-2021/project/lyon", "publish_project");
  }

  void open(bool read_only = false) {
    engine.reset();
    store.reset();
    auto opened = store::EventStore::open(path, {.read_only = read_only, .clock = &clock});
    INFO(opened.status().to_string());
    REQUIRE(opened.is_ok());
    store = std::move(*opened);
    engine = std::make_unique<engine::Engine>(*store, clock);
  }

  engine::Accepted ok(const std::string& as, const std::string& case_name, const std::string& command,
                      const nlohmann::json& inputs = nlohmann::json::object()) {
    const auto colon = as.find(':');
    auto accepted = engine->handle({case_name, command, {as.substr(colon + 1), as.substr(0, colon)}, inputs, ""});
    INFO(as << " " << case_name << " " << command << ": " << accepted.status().to_string());
    REQUIRE(accepted.is_ok());
    return *accepted;
  }

  // Starts and submits an application; the rules decide eligibility.
  void apply(const std::string& who, const std::string& degree = "bachelor", int year = 2, const std::string& level = "B2") {
    const std::string c = "mie-2021/application/" + who;
    ok("student:" + who, c, "start_application", {{"project", "mie-2021/project/lyon"}});
    ok("student:" + who, c, "submit",
       {{"degree", degree}, {"year", year}, {"certificate_language", "french"}, {"certified_level", level},
        {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}}, {"letter", {{"it", "l-it.pdf"}, {"foreign", "l-fr.pdf"}}},
        {"certificate", "delf.pdf"}});
  }

  // An eligible applicant matched into a mentorship with `meetings` meetings logged: the
  // mentorship stream then holds a few dozen events.
  std::string mentorship(const std::string& who, int meetings) {
    apply(who);
    ok("staff:carla", "mie-2021/application/" + who, "confirm_match");
    const std::string m = "mie-2021/mentorship/" + who;
    ok("student:" + who, m, "sign_agreement_as_mentee");
    ok("mentor:marco", m, "sign_agreement_as_mentor");
    ok("student:" + who, m, "send_agreement", {{"topics", "film production"}, {"agreement", "agreement.pdf"}});
    for (int i = 0; i < meetings; ++i)
      ok("mentor:marco", m, "log_meeting", {{"held_on", "2021-11-02T18:00:00+01:00"}, {"length", "90min"}});
    return m;
  }

  // Every view, key -> value.
  std::map<std::string, std::string> all_views() const {
    std::map<std::string, std::string> views;
    REQUIRE(store->scan_views("", [&](std::string_view k, std::string_view v) {
                   views.emplace(k, v);
                   return true;
                 })
                .is_ok());
    return views;
  }
};

// The case folded from its first event, whatever snapshots exist (time travel to the last event),
// as JSON.
inline std::string folded_from_start(MieEngine& mie, const std::string& name) {
  auto state = mie.engine->load(name, engine::Until{.position = mie.store->head().position, .time = std::nullopt});
  REQUIRE(state.is_ok());
  return engine::to_json(*state).dump();
}

}  // namespace mentorflow::testing
