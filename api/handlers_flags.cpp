// The office's flags (docs/API.md, "Flags"): the open flags of an edition, and clearing one with
// a reason. Both are the engine's (engine/flags/); this file checks who asks and shapes JSON.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/edition_zone.hpp"
#include "engine/flags/case_flags.hpp"
#include "engine/flags/clear_flag.hpp"
#include "engine/idempotency.hpp"

namespace mentorflow::api {

ApiResponse handle_flags(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  if (!access->standing.is_staff())
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("only the staff of {} see its flags; {} is not", edition, call.principal.user));
  auto flags = engine::open_flags_of_edition(call.engine, edition);
  if (!flags.is_ok()) return status_response(flags.status());
  if (call.pseudonyms)  // by the case names staff know, as on a store with ids in clear
    std::stable_sort(flags->begin(), flags->end(), [&](const auto& a, const auto& b) {
      return call.pseudonyms->reveal(a.case_name) < call.pseudonyms->reveal(b.case_name);
    });
  const std::string zone = engine::edition_zone(access->definition);
  return json_response({{"edition", edition}, {"flags", engine::flags_json(*flags, zone)}});
}

ApiResponse handle_clear_flag(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  const auto flag = body->find("flag");
  if (flag == body->end() || !flag->is_number_unsigned() || flag->get<std::uint64_t>() == 0)
    return error_response(status::kBadRequest, "malformed", "the body needs \"flag\": the flag's number (1, 2, ...)");
  const auto reason = body->find("reason");
  if (reason == body->end() || !reason->is_string())
    return error_response(status::kBadRequest, "malformed",
                          "the body needs \"reason\": why the flag needs no more attention, as text");
  // A retried clearing with its Idempotency-Key is applied once (docs/API.md, as for commands).
  const std::string key = call.request.idempotency_key.value_or("");
  if (call.request.idempotency_key)
    if (Status st = engine::check_key(key); !st.is_ok())
      return error_response(status::kBadRequest, "invalid", "the Idempotency-Key header: " + st.message());
  auto actor = staff_writer(call, case_name, "clear flags", error);
  if (!actor) return error;
  const std::uint64_t number = flag->get<std::uint64_t>();
  auto cleared = engine::clear_flag(call.engine, case_name, number, *actor, reason->get<std::string>(), "", key);
  if (!cleared.is_ok()) return status_response(cleared.status(), {{"case", case_name}, {"flag", number}});
  return json_response({{"case", case_name}, {"flag", number}, {"position", *cleared}});
}

}  // namespace mentorflow::api
