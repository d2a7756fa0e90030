#pragma once
// A person's own copy of their data (GDPR articles 15 and 20; docs/PRIVACY.md, "A person's own
// copy"): every case they are a party of (their application, a mentorship they are in), each with
// its state, its history, the content of its documents and the certificates issued to them, as
// one JSON document. Their own data only: another person's personal fields, documents and inputs
// are left out, and other people are named by their part in the case (`[mentor]`, `[staff]`),
// never by their ids.
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

class Engine;

// The copy for `user` as the log names them (their pseudonym on a store with a master key: the
// door reveals it on the way out), made at `at`:
//   {subject, exported_at, cases: [{case, edition, case_type, parties_as, state, history,
//    documents: [{document, variant, file, sha256, size, content_base64}],
//    certificates: [{output, file, sha256, certificate, pdf_base64 | pdf_error}]}]}
// A person who is a party of no case gets an empty list: nothing is kept about them. Errors are the
// store's.
Result<nlohmann::json> subject_export(Engine& engine, const std::string& user, UtcMicros at);

// OK when `actor` may export `user`'s copy for them: their role is a staff or a privacy role of an
// edition `user` has a case in. Forbidden in one sentence otherwise; NotFound when `user` has no case.
Status check_exporter(Engine& engine, const store::Actor& actor, const std::string& user);

}  // namespace mentorflow::engine
