#pragma once
// The start of many CLI tests on the shipped MIE workflow: MIE 2021 published on a store in a
// temporary folder, and Marco's project in Lyon offered and published by the office, so that
// students may apply to it. The last event is publish_project's.
#include <string>

#include "tests/support/cli_store.hpp"

namespace mentorflow::testing {

struct MieProject : CliStore {
  explicit MieProject(std::string now_ = "2021-09-20 10:00 Europe/Rome") : CliStore(std::move(now_)) {
    ok(cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
            (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
            "2021-09-01 09:00 Europe/Rome"}));
    ok(exec_text("mentor:marco", "mie-2021/project/lyon", "offer_project",
                 R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})"));
    ok(exec("staff:carla", "mie-2021/project/lyon", "publish_project"));
  }
};

}  // namespace mentorflow::testing
