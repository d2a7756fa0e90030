#pragma once
// A small store for the tests of erasure (docs/PRIVACY.md, "Erasing a person"): the UniMi edition
// published, Elena applied with a CV uploaded (its bytes hold kSmallStoreCv), and Sofia applied
// with a CV named only. Made through the real CLI, on whatever backend `cli` speaks to (it adds
// `--store`). Catch2 assertions, so for test programs only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"

namespace mentorflow::testing {

inline constexpr const char* kSmallStoreCv = "curriculum vitae 5d1f0c2e";

// `mentorflow ARGS...` on the store; the calls must succeed.
using StoreCli = std::function<CliResult(std::vector<std::string>)>;

inline void make_small_unimi_store(const StoreCli& cli, const std::filesystem::path& scratch) {
  const auto ok = [&](std::vector<std::string> args) {
    const CliResult r = cli(std::move(args));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  };
  ok({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
      (source_dir() / "rules/unimi-2025.rules").string(), "--edition", "unimi-2025", "--now", "2025-05-05 09:00 Europe/Rome"});
  std::ofstream(scratch / "cv.pdf") << "%PDF-1.4\nElena Costa, " << kSmallStoreCv << "\n%%EOF\n";
  const auto uploaded = nlohmann::json::parse(ok({"upload", (scratch / "cv.pdf").string()}).out);
  const auto apply = [&](const std::string& id, const std::string& at, nlohmann::json inputs) {
    ok({"exec", "--as", "mentee:" + id, "--now", at, "unimi-2025/mentee_application/" + id, "apply_as_mentee", inputs.dump()});
  };
  apply("elena.costa", "2025-05-24 11:23 Europe/Rome",
        {{"full_name", "Elena Costa"}, {"status", "recent_graduate"}, {"degree_course", "Modern Languages"},
         {"self_assessment", 65}, {"cv", {{"file", "cv.pdf"}, {"sha256", uploaded["sha256"]}}},
         {"self_assessment_test", "test.pdf"}, {"graduated_on", "2025-01-15"}});
  apply("sofia.gatti", "2025-05-24 11:30 Europe/Rome",
        {{"full_name", "Sofia Gatti"}, {"status", "recent_graduate"}, {"degree_course", "Biotechnology"},
         {"self_assessment", 81}, {"cv", "cv-sofia.pdf"}, {"self_assessment_test", "test.pdf"}, {"graduated_on", "2025-02-20"}});
}

}  // namespace mentorflow::testing
