// Files made from one case's log: its certificates (GET /v1/certificates/C, a PDF with ?file=)
// and its meetings as an iCalendar file (GET /v1/calendar/C). Both are rendered again from the
// log on every request, so they are exactly what `mentorflow certificates` and `mentorflow ics`
// write; a certificate whose PDF no longer hashes to what was recorded is refused, not served.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/attachment.hpp"
#include "api/handlers.hpp"
#include "engine/calendar/ics.hpp"
#include "engine/certificates/certificates.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::api {
namespace {

using engine::certificates::IssuedCertificate;

// A participant reads the certificates issued to them; staff and auditors read all of them.
bool may_read_certificate(const ReadableCase& found, const Call& call, const IssuedCertificate& c) {
  return found.reader.whole || c.content.recipient == call.principal.user;
}

nlohmann::json certificate_json(const IssuedCertificate& c) {
  return {{"output", c.content.output},     {"title", c.content.title}, {"recipient", c.content.recipient},
          {"party", c.content.party},       {"file", c.file},           {"sha256", c.sha256},
          {"issued_at", c.content.issued_at}, {"case", c.stream},       {"position", c.position}};
}

}  // namespace

ApiResponse handle_certificates(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto found = readable_case(call, case_name, error);
  if (!found) return error;
  auto issued = engine::certificates::issued_certificates(call.engine.store(), case_name);
  if (!issued.is_ok()) return status_response(issued.status());
  const auto file = call.request.query.find("file");
  if (file == call.request.query.end()) {
    nlohmann::json list = nlohmann::json::array();
    for (const IssuedCertificate& c : *issued)
      if (may_read_certificate(*found, call, c)) list.push_back(certificate_json(c));
    return json_response({{"case", case_name}, {"certificates", std::move(list)}});
  }
  // The list gives each file's name with the ids people know (revealed on its way out): either
  // name finds it.
  const auto named = [&](const IssuedCertificate& c) {
    return c.file == file->second || (call.pseudonyms && call.pseudonyms->reveal(c.file) == file->second);
  };
  for (const IssuedCertificate& c : *issued) {
    if (!named(c) || !may_read_certificate(*found, call, c)) continue;
    auto pdf = engine::certificates::regenerate_certificate(c);
    if (!pdf.is_ok()) return status_response(pdf.status());
    return attachment("application/pdf", std::move(*pdf), c.file);
  }
  return error_response(status::kNotFound, "not_found",
                        fmt::format("{} has no certificate '{}' issued to {}", case_name, file->second,
                                    found->reader.whole ? "anyone" : call.principal.user));
}

ApiResponse handle_calendar(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto found = readable_case(call, case_name, error);
  if (!found) return error;
  auto definition = call.engine.definition_of_case(found->state);  // a migrated case runs under another
  if (!definition.is_ok()) return status_response(definition.status());
  auto calendar = engine::calendar::meetings_calendar(call.engine.store(), **definition, found->name);
  if (!calendar.is_ok()) return status_response(calendar.status());
  return attachment("text/calendar; charset=utf-8", std::move(*calendar),
                    (found->name.id.empty() ? found->name.type : found->name.id) + "-meetings.ics");
}

}  // namespace mentorflow::api
