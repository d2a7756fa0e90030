#pragma once
// Legal holds (docs/PRIVACY.md, "Retention and legal holds"): a case whose records a dispute, an
// audit or an authority's request needs is held, and its people's personal data stays past the
// edition's retention until the hold is released. LegalHoldPlaced and LegalHoldReleased record
// who, when and why on the case's own stream; the fold keeps the hold in CaseState::hold.
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

class Engine;

// Places a hold on `case_name` as `actor`, giving `reason`. Returns the global position of the
// LegalHoldPlaced written. Nothing is written, and the Status says why in one sentence, when: the
// actor's user name is invalid or the reason is empty, blank, too long or has a control character
// (InvalidArgument); the role is neither a staff role nor a privacy role (`privacy dpo`) of the
// case's workflow (Forbidden); the case does
// not exist or is a cohort, which holds nobody's data (NotFound, InvalidArgument); the case is
// held already (WrongState, naming by whom and why).
Result<std::uint64_t> place_hold(Engine& engine, const std::string& case_name, const store::Actor& actor,
                                 const std::string& reason, const std::string& correlation = "");

// Releases the hold on `case_name`: LegalHoldReleased, refused as place_hold is, and with
// WrongState when the case is not held.
Result<std::uint64_t> release_hold(Engine& engine, const std::string& case_name, const store::Actor& actor,
                                   const std::string& reason, const std::string& correlation = "");

// OK unless one of `cases` is held: then WrongState naming the case, when, by whom and why, for an
// erasure of `subject` (their id, as people know it) to refuse. Errors are the store's.
Status check_not_held(Engine& engine, const std::vector<std::string>& cases, const std::string& subject);

}  // namespace mentorflow::engine
