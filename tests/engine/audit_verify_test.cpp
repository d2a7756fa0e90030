// `mentorflow verify` through the real CLI: an honest store passes; a store whose decision was
// edited and whose hash chain was then recomputed (so the chain alone cannot tell) is caught by
// evaluating the decision again, and the finding names its position.
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/chain.hpp"
#include "store/event_json.hpp"
#include "tests/engine/audit_fixture.hpp"

using mentorflow::testing::AuditStore;
using mentorflow::testing::contains;
using nlohmann::json;
namespace store = mentorflow::store;

namespace {

struct Forged {
  std::string jsonl;
  std::uint64_t position = 0;  // of the edited decision
};

// Applies `edit` to the first DecisionRecorded on `stream` in an export, then recomputes every
// hash from there on, as a forger who knows the chain format would.
template <class Edit>
Forged forge_decision(const std::string& jsonl, const std::string& stream, Edit edit) {
  std::vector<store::Event> events;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) {
    auto e = store::event_from_json(line);
    REQUIRE(e.is_ok());
    events.push_back(std::move(*e));
  }
  Forged forged;
  for (store::Event& e : events) {
    if (e.type != "DecisionRecorded" || e.stream != stream || forged.position) continue;
    json p = json::parse(e.payload);
    edit(e, p);
    e.payload = *store::canonical_json(p);
    forged.position = e.position;
  }
  REQUIRE(forged.position != 0);
  store::Hash previous = store::kGenesisHash;
  for (store::Event& e : events) {
    e.previous_hash = previous;
    e.hash = store::event_hash(e);
    previous = e.hash;
    forged.jsonl += store::event_to_json(e) + "\n";
  }
  return forged;
}

// A store with anna (master, B1: ineligible) and bruno (bachelor, B2: eligible), forged by `edit`
// into a fresh store through export and import; verify's result on it.
template <class Edit>
std::pair<mentorflow::testing::CliResult, std::uint64_t> verify_forged(Edit edit) {
  AuditStore s;
  s.apply("anna", "master", 1, "B1");
  s.apply("bruno", "bachelor", 2, "B2");
  const Forged forged = forge_decision(s.cli({"export"}).out, "mie-2021/application/anna", edit);
  const std::string tampered = (s.dir / "tampered").string();
  AuditStore::ok(s.cli({"import"}, tampered, forged.jsonl));
  auto r = s.cli({"verify"}, tampered);
  CHECK(contains(r.out, "the chain is intact up to position"));  // the forgery fooled the chain
  return {r, forged.position};
}

}  // namespace

TEST_CASE("verify re-evaluates every decision of an honest store", "[engine][cli][audit]") {
  AuditStore s;
  s.apply("anna", "master", 1, "B1");
  s.apply("bruno", "bachelor", 2, "B1");
  auto r = s.cli({"verify"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "the chain is intact up to position"));
  CHECK(contains(r.out, "re-evaluated 2 decisions: each gives the outcome and state recorded\n"));
  CHECK(r.err.empty());
}

TEST_CASE("verify catches a decision edited under a recomputed chain", "[engine][cli][audit]") {
  SECTION("its outcome and state") {
    auto [r, position] = verify_forged([](store::Event&, json& p) {
      p["outcome"] = true;
      p["state"] = "submitted";
    });
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: decision at position " + std::to_string(position) +
                       " (mie-2021/application/anna) does not hold: recorded true (submitted), but evaluated again "
                       "it gives false (ineligible)\n");
    CHECK(contains(r.out, "re-evaluated 2 decisions: 1 does not hold\n"));
  }
  SECTION("its recorded inputs") {
    auto [r, position] = verify_forged([](store::Event&, json& p) {
      p["inputs"]["case"]["fields"]["certified_level"] = "C1";
    });
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: decision at position " + std::to_string(position) +
                       " (mie-2021/application/anna) does not hold: recorded false (ineligible), but evaluated again "
                       "it gives true (submitted)\n");
  }
  SECTION("the definition it names") {
    auto [r, position] = verify_forged([](store::Event& e, json&) { e.definition_id = std::string(64, 'a'); });
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "mentorflow: decision at position " + std::to_string(position) +
                              " (mie-2021/application/anna) does not hold: decided under definition aaaaaaaaaaaa, "
                              "but the case runs under "));
  }
}

TEST_CASE("verify takes only --store", "[engine][cli][audit]") {
  AuditStore s;
  CHECK(mentorflow::testing::run_cli({"verify"}).exit_code == 2);
  CHECK(s.cli({"verify", "extra"}).exit_code == 2);
  auto missing = s.cli({"verify"}, (s.dir / "nothing").string());
  CHECK(missing.exit_code == 1);
}
