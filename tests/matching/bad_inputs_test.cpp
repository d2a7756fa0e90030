// A matching run's bad inputs through the real CLI, on a small workflow of the test's own,
// tests/matching/matching-inputs.flow (so that a capacity can be negative and a ranking missing): what refuses the run and leaves the store as
// it was, what is flagged in the run, and a forged run that `verify` catches by running it again.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/matching/forge_matching_run.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using nlohmann::json;
using mentorflow::testing::contains;
namespace store = mentorflow::store;

namespace {

const std::string kNow = "2025-10-01 10:00 Europe/Rome";

struct Tiny : CliStore {
  Tiny() : CliStore(kNow) {
    std::ofstream(dir / "tiny.rules") << "rules for tiny edition \"1\" {\n}\n";
    ok(cli({"publish", (source_dir() / "tests/matching/matching-inputs.flow").string(), "--rules",
            (dir / "tiny.rules").string(), "--edition", "t", "--now", kNow}));
  }
  void mentor(const std::string& who, int places) {
    ok(exec("mentor:" + who, "t/mentor_application/" + who, "apply", {{"places", places}}));
  }
  void mentee(const std::string& who, const std::vector<std::string>& ranking, bool rank = true) {
    ok(exec("mentee:" + who, "t/mentee_application/" + who, "apply"));
    json list = json::array();
    for (const auto& m : ranking) list.push_back("t/mentor_application/" + m);
    if (rank) ok(exec("mentee:" + who, "t/mentee_application/" + who, "rank", {{"preferences", list}}));
  }
  // A refused run writes nothing: the export is the same before and after.
  void refused(const std::string& why) {
    const std::string before = ok(cli({"export"})).out;
    auto run = exec("staff:sara", "t/round", "run_matching");
    INFO(run.out << run.err);
    CHECK(run.exit_code == 1);
    CHECK(contains(run.err, why));
    CHECK(ok(cli({"export"})).out == before);
  }
};

}  // namespace

TEST_CASE("a negative capacity refuses the run, naming the case, and writes nothing", "[matching][cli]") {
  Tiny t;
  t.mentor("rossi", -1);
  t.mentee("anna", {"rossi"});
  t.refused("run_matching refused: the capacity of t/mentor_application/rossi is -1");
}

TEST_CASE("a ranking that cannot be evaluated refuses the run and writes nothing", "[matching][cli]") {
  Tiny t;
  t.mentor("rossi", 1);
  t.mentee("anna", {"rossi"});
  t.mentee("bea", {}, false);  // never ranked
  t.refused("run_matching refused: the ranking of t/mentee_application/bea cannot be evaluated: ");
}

TEST_CASE("a repeated choice and too few places are flagged, and explained to the one left out", "[matching][cli]") {
  Tiny t;
  t.mentor("rossi", 0);
  t.mentor("verdi", 1);
  t.mentee("anna", {"rossi", "rossi", "verdi"});
  t.mentee("bea", {"verdi"});
  auto run = t.ok(t.exec("staff:sara", "t/round", "run_matching"));
  INFO(run.out);
  CHECK(contains(run.out, "1 of 2 matched"));
  CHECK(contains(run.out, "flagged: anna's 2nd choice rossi repeats the 1st choice"));
  CHECK(contains(run.out, "flagged: 2 mentee_application for 1 place: at least 1 will not be matched"));
  // rossi is in the run with no place, so verdi is anna's 2nd open choice and bea's 1st.
  auto anna = t.ok(t.cli({"history", "t/mentee_application/anna"}));
  CHECK(contains(anna.out, "matching: not matched: 1st choice rossi had no place open; 2nd choice rossi repeats the "
                           "1st choice; 3rd choice verdi was full (1 place) with bea who ranked it higher among the "
                           "choices open to them"));
  auto bea = t.ok(t.cli({"history", "t/mentee_application/bea"}));
  CHECK(contains(bea.out, "matching: proposed verdi (1st choice)"));
}

TEST_CASE("a mentee in another state that is not final is flagged and told why, never left out silently",
          "[matching][cli]") {
  Tiny t;
  t.mentor("rossi", 1);
  t.mentee("anna", {"rossi"});
  t.mentee("bea", {"rossi"});
  t.ok(t.exec("mentee:bea", "t/mentee_application/bea", "pause"));
  auto run = t.ok(t.exec("staff:sara", "t/round", "run_matching"));
  INFO(run.out);
  CHECK(contains(run.out, "1 of 1 matched"));
  CHECK(contains(run.out, "flagged: bea is 'paused', not 'ranked': not in the run"));
  auto bea = t.ok(t.cli({"history", "t/mentee_application/bea"}));
  CHECK(contains(bea.out, "matching: not in the run: it is 'paused', the run matches mentee_application in 'ranked'"));
  auto round = t.ok(t.cli({"history", "t/round"}));
  CHECK(contains(round.out, "bea: not in the run: it is 'paused'"));
}

namespace {

// A copy of `t`'s store whose MatchingRunRecorded payload went through `edit` (forge_matching_run);
// its path, and the forged event's position.
template <class Edit>
std::pair<std::string, std::uint64_t> forged_copy(Tiny& t, Edit edit) {
  const auto forged = mentorflow::testing::forge_matching_run(t.ok(t.cli({"export"})).out, edit);
  const std::string tampered = (t.dir / "tampered").string();
  t.ok(t.cli({"import"}, tampered, forged.jsonl));
  return {tampered, forged.position};
}

}  // namespace

TEST_CASE("verify runs a recorded matching again and catches a forged result", "[matching][cli][audit]") {
  Tiny t;
  t.mentor("rossi", 1);
  t.mentee("anna", {"rossi"});
  t.mentee("bea", {"rossi"});
  t.mentee("cleo", {"rossi"});
  t.ok(t.exec("mentee:cleo", "t/mentee_application/cleo", "pause"));  // left out: the run must say so
  t.ok(t.exec("staff:sara", "t/round", "run_matching"));
  CHECK(contains(t.ok(t.cli({"verify"})).out, "re-ran 1 matching run: each gives the matches recorded"));

  SECTION("rossi given to bea instead of anna") {
    auto [tampered, forged] = forged_copy(t, [](json& p) {
      p["matches"] = json::array({-1, 0});
      p["choices"] = json::array({-1, 0});
    });
    auto verify = t.cli({"verify"}, tampered);
    CHECK(verify.exit_code == 1);
    CHECK(contains(verify.out, "the chain is intact up to position"));  // the forgery fooled the chain
    CHECK(contains(verify.err, "at position " + std::to_string(forged) + " (t/round) does not hold: matching run: "
                               "recorded no one for t/mentee_application/anna, but run again the stable method gives "
                               "t/mentor_application/rossi"));
  }
  SECTION("a run that says nothing of a mentee it left out") {
    auto [tampered, forged] = forged_copy(t, [](json& p) { p["left_out"] = json::array(); });
    auto verify = t.cli({"verify"}, tampered);
    CHECK(verify.exit_code == 1);
    CHECK(contains(verify.err, "at position " + std::to_string(forged) + " (t/round) does not hold: matching run: "
                               "t/mentee_application/cleo was 'paused', a state the run does not match, but the run "
                               "does not say so"));
  }
  SECTION("a run that says it left out a mentee the log does not have there") {
    auto [tampered, forged] = forged_copy(t, [](json& p) {
      p["left_out"].push_back({{"case", "t/mentee_application/dora"}, {"state", "paused"}, {"why", ""},
                               {"explanation", "not in the run: it is 'paused', the run matches mentee_application in 'ranked'"}});
    });
    auto verify = t.cli({"verify"}, tampered);
    CHECK(verify.exit_code == 1);
    CHECK(contains(verify.err, "matching run: the run says it left out t/mentee_application/dora ('paused'), but the "
                               "log does not have it there"));
  }
    SECTION("a run whose lists were cut short is reported, never read past its end") {
    auto [tampered, forged] = forged_copy(t, [](json& p) {
      p["explanations"] = json::array();
      p["matches"] = json::array({5, -1});
    });
    auto history = t.cli({"history", "t/round"}, tampered);  // says so where the run would be
    CHECK(contains(history.out, "matching run: a matching run's lists do not agree in length"));
    auto verify = t.cli({"verify"}, tampered);
    CHECK(verify.exit_code == 1);
  }
}
