#pragma once
// Internal to engine/: when a command issues an output, each of its recipients gets a document.
// Called on the events a command is about to append; puts a CertificateIssued (the content, the
// PDF's file name and SHA-256) right after each OutputIssued, in the same batch.
#include <string>

#include "dsl/compile/definition.hpp"
#include "engine/case_state.hpp"
#include "engine/certificates/certificate.hpp"
#include "engine/effects.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine::certificates {

// What a certificate is derived from: the case as the issuing command found it (`before`) and as
// that command's events up to its OutputIssued left it (`issuing`), and how the cases it refers
// to are read (`until`; {}: now).
struct CertificateSource {
  const CaseState& before;
  const CaseState& issuing;
  Until until;
};

// The certificate, in `layout`, that the output `output_issued` (an OutputIssued payload) of
// the case `name` gives `recipient`, as the log says it, issued at `now`. The meetings certified are
// the activities of the case's stream up to `before` (engine/calendar/case_activities.hpp). The
// recipient's name is the `full_name` field of a case this one refers to in which the recipient is
// a party (their application), or of this case when it has a single party; otherwise their user
// id. From layout 4 it also holds the output's words (its value's label, its counters' titles)
// and the fields it shows, read from `issuing`; the fonts and library are left for the issuer to
// record. NotFound for an output the case type does not declare; errors reading the stream.
Result<Certificate> derive_certificate(Engine& engine, const dsl::Definition& definition, const CaseName& name,
                                       const CertificateSource& source, const nlohmann::json& output_issued,
                                       const std::string& recipient, UtcMicros now, int layout);

// Adds the certificates of every OutputIssued among the events a command on the case `name` is about
// to append (`before`: the case as the command found it), in the current layout, typeset with
// the installed fonts. Fails when a certificate cannot be derived or rendered (the fonts missing,
// say); nothing is appended then.
Status add_certificates(Engine& engine, const dsl::Definition& definition, const CaseName& name,
                        const CaseState& before, UtcMicros now, EventSink& sink);

}  // namespace mentorflow::engine::certificates
