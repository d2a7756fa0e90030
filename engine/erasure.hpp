#pragma once
// Erasing a person (docs/PRIVACY.md, "Erasing a person"): their data key and the mapping of their
// pseudonym are destroyed, so that their values in the log open no more and their pseudonym names
// nobody; everything derived from the log that held them in the open is purged; the log keeps
// every other fact, and the chain still verifies.
//
// The steps, in an order that survives a SIGKILL anywhere:
//   (a) SubjectErased {subject, reason} is appended to the stream `$privacy`, by the eraser: the
//       durable intent (nothing before it has changed anything);
//   (b) the documents the person uploaded are removed (engine/privacy/subject_footprint.hpp);
//   (c) the subject is erased from the subjects place (its record destroyed, listed as erased);
//   (d) every snapshot is dropped, the read models are rebuilt, every engine of this process
//       forgets the cases it folded (engine/privacy/erasure_epoch.hpp);
//   (e) the store is compacted, so the deleted bytes leave its files (EventStore::compact);
//   (f) SubjectErasureFinished {subject} closes it.
// finish_erasures() runs (b)-(f) for every SubjectErased without its SubjectErasureFinished, on
// every writable open of a store with subjects: a person is then fully erased or not at all.
// (b) comes before (c) because the documents are found through the person's values, which open
// only while their key exists; once (c) is done, (b) is.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "store/event_store.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine {

// The stream and its events: engine/events.hpp (kPrivacyStream, kSubjectErased, kSubjectErasureFinished).
inline constexpr std::size_t kMaxErasureReason = 500;

struct ErasureRequest {
  std::string subject;  // the person's user id, as people know it
  std::string role;     // the role of who erases
  std::string reason;   // kept in the log for ever: it may not name the person
  // The editions the actor acts in (an API token names some); empty: every edition.
  std::function<bool(std::string_view edition)> covers;
};

// An erasure checked and not begun.
struct ErasurePlan {
  std::string pseudonym;
  std::string reason;
  std::vector<std::string> cases;  // the streams of the cases that name the person
};

// What an erasure did.
struct Erasure {
  std::string pseudonym;            // the pseudonym the log keeps, now nobody's
  std::uint64_t position = 0;       // of SubjectErased
  std::vector<std::string> cases;   // the streams of the cases that named the person
  std::size_t documents = 0;        // uploaded documents removed
};

// Checks `request`, writing nothing. Refused in one sentence: a reason that is blank, too long, on more than one
// line or names the subject (InvalidArgument); a subject the store does not know (NotFound); an
// actor whose role is not a privacy role (dsl/compile/privacy_roles.hpp) of the edition of one of
// the subject's cases that it covers, or, for a subject with no case, of any published edition it
// covers (Forbidden); a case of the subject under a legal hold (WrongState, engine/records/legal_hold.hpp).
Result<ErasurePlan> plan_erasure(Engine& engine, store::Subjects& subjects, const ErasureRequest& request);

// Erases the subject of `plan` through steps (a)-(f) above, on `engine`'s store, by `actor` as the
// log names them (a door pseudonymises their id, and may make their pseudonym only now, once the
// request is known to be allowed). A failure after (a) leaves the erasure for finish_erasures().
Result<Erasure> erase_subject(Engine& engine, store::Subjects& subjects, const ErasurePlan& plan, const store::Actor& actor);

// Ends every erasure the log records and did not end (steps (b)-(f)), and carries out again every
// erasure the log does not record of someone the subjects place lists as erased or
// `erased_elsewhere` names (the list beside the master key: a store restored from a backup older
// than the erasure; SubjectErased is appended by `system`, then (b)-(f), their documents found
// while their key still opens them); returns the pseudonyms whose erasure it ended. `log` is the
// store the engine reads through; refused on a read-only one.
Result<std::vector<std::string>> finish_erasures(store::EventStore& log, store::Subjects& subjects,
                                                 const std::vector<std::string>& erased_elsewhere = {});

}  // namespace mentorflow::engine
