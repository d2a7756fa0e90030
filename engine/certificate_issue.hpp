#pragma once
// Internal to engine/: when a command issues an output, each of its recipients gets a document.
// Called on the events a command is about to append; puts a CertificateIssued (the content, the
// PDF's file name and SHA-256) right after each OutputIssued, in the same batch.
#include <string>

#include "dsl/definition.hpp"
#include "engine/case_state.hpp"
#include "engine/effects.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

// `before` is the case as the command found it; the meetings certified are the activities of its
// stream up to then (engine/case_activities.hpp). A recipient's name is the `full_name` field of a
// case this one refers to in which the recipient is a party (their application), or of this case
// when it has a single party; otherwise their user id. Fails when the stream cannot be read or
// the PDF cannot be made; nothing is appended then.
Status add_certificates(Engine& engine, const dsl::Definition& definition, dsl::Index case_type,
                        const std::string& case_name, const std::string& edition, const CaseState& before,
                        UtcMicros now, EventSink& sink);

}  // namespace mentorflow::engine
