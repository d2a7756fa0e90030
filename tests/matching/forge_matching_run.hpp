#pragma once
// A forger who knows the formats: an export whose MatchingRunRecorded payload went through `edit`,
// every hash after it recomputed, so that the chain alone cannot tell. Verify must still catch it.
#include <catch2/catch.hpp>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "store/chain.hpp"
#include "store/event_json.hpp"

namespace mentorflow::testing {

struct ForgedExport {
  std::string jsonl;
  std::uint64_t position = 0;  // of the forged event
};

template <class Edit>
ForgedExport forge_matching_run(const std::string& exported, Edit edit) {
  ForgedExport out;
  store::Hash previous = store::kGenesisHash;
  std::istringstream lines(exported);
  for (std::string line; std::getline(lines, line);) {
    store::Event e = *store::event_from_json(line);
    if (e.type == "MatchingRunRecorded") {
      nlohmann::json p = nlohmann::json::parse(e.payload);
      edit(p);
      e.payload = *store::canonical_json(p);
      out.position = e.position;
    }
    e.previous_hash = previous;
    e.hash = store::event_hash(e);
    previous = e.hash;
    out.jsonl += store::event_to_json(e) + "\n";
  }
  REQUIRE(out.position != 0);
  return out;
}

}  // namespace mentorflow::testing
