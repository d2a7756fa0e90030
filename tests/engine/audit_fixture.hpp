#pragma once
// The audit tests' store: the shipped MIE workflow published with its 2021 rules into a temporary
// store through the real CLI, one project open, and applicants submitted with chosen degrees,
// years and language levels (so some are eligible and some are not).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

namespace mentorflow::testing {

inline const std::string kAuditNow = "2021-09-20 10:00 Europe/Rome";

struct AuditStore : CliStore {
  AuditStore() : CliStore(kAuditNow) {
    ok(cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules", rules_path("mie-2021"),
            "--edition", "mie-2021", "--now", "2021-09-01 09:00 Europe/Rome"}));
    ok(exec_text("mentor:marco", "mie-2021/project/lyon", "offer_project",
            R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})"));
    ok(exec("staff:carla", "mie-2021/project/lyon", "publish_project"));
  }

  static std::string rules_path(const std::string& name) { return (source_dir() / "rules" / (name + ".rules")).string(); }

  // Starts and submits the application of `who`; the submission is decided on eligibility.
  void apply(const std::string& who, const std::string& degree, int year, const std::string& level) const {
    const std::string c = "mie-2021/application/" + who;
    ok(exec_text("student:" + who, c, "start_application", R"({"project": "mie-2021/project/lyon"})"));
    ok(exec_text("student:" + who, c, "submit",
            R"({"degree": ")" + degree + R"(", "year": )" + std::to_string(year) +
                R"(, "certificate_language": "french", "certified_level": ")" + level +
                R"(", "cv": {"it": "cv-it.pdf", "foreign": "cv-fr.pdf"},
                    "letter": {"it": "l-it.pdf", "foreign": "l-fr.pdf"}, "certificate": "delf.pdf"})"));
  }
};

}  // namespace mentorflow::testing
