#pragma once
// Where a person appears in the log (docs/PRIVACY.md, "Erasing a person"): the cases that name
// their pseudonym, the editions of those cases, and the documents they uploaded. An erasure asks
// before it writes anything: who may erase them (a privacy role of an edition they have a case
// in), and which uploaded documents go with them.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "store/event_store.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine {

struct SubjectFootprint {
  // The streams of the cases named for the subject or whose events name them (a party, a case
  // they rank); not those they only acted on (a member of staff's).
  std::set<std::string> cases;
  std::set<std::string> editions;   // the editions of those cases, and of the cases they acted on
  std::set<std::string> published;  // every edition published in the log
  // Documents uploaded by the subject or attached to a case named for them, and named by no
  // event about anybody else (the store keeps one copy of equal bytes: another person's upload of
  // the same file stays theirs).
  std::vector<store::Hash> documents;
};

// Reads the whole log once, through `log` (the store the engine reads, so that sealed values
// are read opened while the subject's key exists), every payload parsed. IOError or Corruption
// from the reads. A document uploaded and never attached is named by no event, and not found.
Result<SubjectFootprint> find_footprint(const store::EventStore& log, std::string_view pseudonym);

}  // namespace mentorflow::engine
