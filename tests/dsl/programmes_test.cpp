// The four shipped programmes (workflows/*.flow) and their editions (rules/*.rules) check clean
// through the real CLI, each MIE edition checks on its own with the workflow, and `graph` draws
// every state of every workflow. If a shipped file stops checking, a designer would see it first:
// this suite makes sure CI sees it before them.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"

namespace {

using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;

std::string shipped(const std::string& relative) { return (source_dir() / relative).string(); }

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True when `name` occurs in `text` as a whole identifier (so "open" is not found inside
// "applications_open").
bool mentions(const std::string& text, const std::string& name) {
  for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool starts = at == 0 || !is_ident_char(text[at - 1]);
    const auto after = at + name.size();
    const bool ends = after == text.size() || !is_ident_char(text[after]);
    if (starts && ends) return true;
  }
  return false;
}

struct Programme {
  std::string workflow;
  std::vector<std::string> states;  // every state of every case type and cohort
};

const std::vector<Programme>& programmes() {
  static const std::vector<Programme> all = {
      {"workflows/mie.flow",
       {"offered", "open", "closed",                                                      // project
        "draft", "submitted", "ineligible", "expired", "matched", "not_selected",         // application
        "signing", "active", "reporting", "completed",                                  // mentorship
        "applications_open", "evaluation", "results_published"}},                         // cohort
      {"workflows/unimi-mentoring.flow",
       {"submitted", "selected", "trained", "met", "ranked", "proposed", "matched", "not_selected",
        "not_matched",                                                                    // mentee_application
        "closed",                                                                         // mentor_application
        "active", "completed", "incomplete", "certified",                                 // mentorship
        "applications_open", "selection", "preferences", "matching", "mentoring", "certification"}},
      {"workflows/mileage-placement.flow",
       {"proposed", "open", "turned_down", "closed",                                      // placement_offer
        "submitted", "advised", "ranked", "ranked_priority", "placed", "not_placed",      // placement_request
        "agreed", "in_progress", "completed", "recognised",                               // placement
        "requests_open", "proposals"}},                                                   // cohort
      {"workflows/online-mentor.flow",
       {"enrolled", "in_training", "completed", "not_completed", "certified",             // enrolment
        "active", "closed",                                                               // peer_group
        "running", "grouped", "assessment"}},                                             // cohort
  };
  return all;
}

}  // namespace

TEST_CASE("every shipped workflow and rules file checks clean", "[dsl]") {
  const auto r = run_cli({"check", shipped("workflows"), shipped("rules")});
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("each MIE edition checks on its own with the one MIE workflow", "[dsl]") {
  for (const std::string edition : {"rules/mie-2021.rules", "rules/mie-2022.rules"}) {
    const auto r = run_cli({"check", shipped("workflows/mie.flow"), shipped(edition)});
    INFO(edition << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("each programme checks with its own edition", "[dsl]") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"workflows/unimi-mentoring.flow", "rules/unimi-2025.rules"},
      {"workflows/unimi-mentoring.flow", "rules/unimi-2026.rules"},
      {"workflows/mileage-placement.flow", "rules/mileage-pilot.rules"},
      {"workflows/mileage-placement.flow", "rules/mileage-2025.rules"},
      {"workflows/online-mentor.flow", "rules/online-mentor-pilot.rules"},
      {"workflows/online-mentor.flow", "rules/online-mentor-2019.rules"},
  };
  for (const auto& [workflow, rules] : pairs) {
    const auto r = run_cli({"check", shipped(workflow), shipped(rules)});
    INFO(workflow << " + " << rules << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("graph of each shipped workflow is dot naming every state", "[dsl]") {
  for (const auto& programme : programmes()) {
    const auto r = run_cli({"graph", shipped(programme.workflow)});
    INFO(programme.workflow << "\nstderr:\n" << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("digraph") != std::string::npos);
    for (const auto& state : programme.states) {
      INFO("state " << state);
      CHECK(mentions(r.out, state));
    }
  }
}
