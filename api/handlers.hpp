#pragma once
// The endpoints (docs/API.md): each turns an authenticated request into a response with the
// calling worker's Engine. The router (api/router.hpp) has already matched the path, checked the
// method, the content type and the token. Handlers hold no state: they may run on every worker
// at once, each with its own Engine.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/access.hpp"
#include "api/http_message.hpp"
#include "api/metrics.hpp"
#include "api/sign_in.hpp"
#include "api/tokens.hpp"
#include "engine/case_name.hpp"
#include "engine/engine.hpp"
#include "engine/privacy/pseudonyms.hpp"

namespace mentorflow::api {

class Checkpointer;

struct Call {
  const ApiRequest& request;
  engine::Engine& engine;
  const Principal& principal;
  const TokenTable& tokens;
  Metrics& metrics;
  const Caller& caller;  // how the principal signed in
  const Checkpointer* checkpoints = nullptr;  // the server's signer of checkpoints, if it has one
  // The door's pseudonyms (docs/PRIVACY.md): null on a store that keeps user ids in clear. The
  // router has already mapped the principal's user and the path's case name; a handler maps what
  // else names a person (a body's inputs, a query's case id) through them.
  const engine::Pseudonyms* pseudonyms = nullptr;
};

ApiResponse handle_me(Call& call, const std::string&);                               // GET  /v1/me
ApiResponse handle_my_cases(Call& call, const std::string&);                         // GET  /v1/me/cases
ApiResponse handle_editions(Call& call, const std::string&);                         // GET  /v1/editions
ApiResponse handle_definition(Call& call, const std::string& edition);               // GET  /v1/editions/E/definition
ApiResponse handle_graph(Call& call, const std::string& edition);                    // GET  /v1/editions/E/graph.svg
ApiResponse handle_opening_commands(Call& call, const std::string& edition);         // GET  /v1/editions/E/commands
ApiResponse handle_open_commands(Call& call, const std::string& case_name);          // GET  /v1/commands/C
ApiResponse handle_verify(Call& call, const std::string&);                            // POST /v1/verify
ApiResponse handle_check(Call& call, const std::string&);                             // POST /v1/check
ApiResponse handle_publish(Call& call, const std::string& edition);                  // PUT  /v1/editions/E
ApiResponse handle_cases(Call& call, const std::string& edition);                    // GET  /v1/editions/E/cases
ApiResponse handle_what_if(Call& call, const std::string& edition);                  // POST /v1/editions/E/what-if
ApiResponse handle_placements(Call& call, const std::string& edition);              // GET  /v1/editions/E/placements
ApiResponse handle_dashboard(Call& call, const std::string& edition);                // GET  /v1/editions/E/dashboard
ApiResponse handle_matching(Call& call, const std::string& edition);                 // GET  /v1/editions/E/matching
ApiResponse handle_edition_certificates(Call& call, const std::string& edition);     // GET  /v1/editions/E/certificates
ApiResponse handle_import(Call& call, const std::string& edition);                   // POST /v1/editions/E/import
ApiResponse handle_flags(Call& call, const std::string& edition);                    // GET  /v1/editions/E/flags
ApiResponse handle_clear_flag(Call& call, const std::string& case_name);             // POST /v1/flags/C
ApiResponse handle_hold(Call& call, const std::string& case_name);                   // POST /v1/hold/C
ApiResponse handle_release_hold(Call& call, const std::string& case_name);           // POST /v1/release-hold/C
ApiResponse handle_my_export(Call& call, const std::string&);                        // GET  /v1/me/export
ApiResponse handle_state(Call& call, const std::string& case_name);                  // GET  /v1/cases/C
ApiResponse handle_command(Call& call, const std::string& case_name);                // POST /v1/cases/C
ApiResponse handle_history(Call& call, const std::string& case_name);                // GET  /v1/history/C
ApiResponse handle_stream(Call& call, const std::string& stream);                    // GET  /v1/streams/S
ApiResponse handle_certificates(Call& call, const std::string& case_name);           // GET  /v1/certificates/C
ApiResponse handle_calendar(Call& call, const std::string& case_name);               // GET  /v1/calendar/C
ApiResponse handle_upload(Call& call, const std::string&);                           // POST /v1/uploads
ApiResponse handle_document(Call& call, const std::string& case_name);               // GET  /v1/documents/C
ApiResponse handle_erase_subject(Call& call, const std::string&);                    // POST /v1/subjects/erase

// GET /v1/checkpoint, open to anyone: the latest signed checkpoint of `checkpoints`, or 404 when
// the server signs none (null).
ApiResponse handle_checkpoint(const Checkpointer* checkpoints);

// Shared by the handlers: the request body as a JSON object, or the 400 response saying why (what
// parse_json_input refuses, base/json_input.hpp, or not an object).
std::optional<nlohmann::json> body_object(const ApiRequest& request, ApiResponse& error);

// The edition's definition and the caller's standing in it; the error response (403 when the
// token does not name the edition, 404 for an unknown edition) when there is none.
struct EditionAccess {
  const dsl::Definition* definition = nullptr;
  Standing standing;
};
std::optional<EditionAccess> edition_access(Call& call, const std::string& edition, ApiResponse& error);
// The same for what only the edition's staff and auditors may do (`what`: "list the cases of
// mie-2021"): 403 for anyone else.
std::optional<EditionAccess> edition_reader(Call& call, const std::string& edition, const std::string& what,
                                            ApiResponse& error);

// The caller as staff writing on `case_name` outside its commands (clearing a flag, a legal hold):
// in their first staff role of its edition, else (with `or_privacy`) their first privacy role of
// it (`privacy dpo`); else the error response (400 for a malformed name, 403 "only the staff of E
// {what}; U is not", or edition_access's).
std::optional<store::Actor> staff_writer(Call& call, const std::string& case_name, const std::string& what,
                                         ApiResponse& error, bool or_privacy = false);

// A case the caller may read, decided on the case as it is now (GET /v1/cases/C and everything
// read from one case: its history, commands, certificates, calendar, documents), loaded now or as
// it was (`until`); else the error response. A participant is refused a case they are no party
// of with the same answer whether it exists or not, so no one learns which cases exist by asking.
struct ReadableCase {
  engine::CaseName name;
  EditionAccess access;
  Reader reader;
  engine::CaseState state;
};
std::optional<ReadableCase> readable_case(Call& call, const std::string& case_name, ApiResponse& error,
                                          const engine::Until& until = {});

}  // namespace mentorflow::api
