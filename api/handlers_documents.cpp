// Documents: an upload stored beside the log (engine/uploads.hpp), and an attached document
// served back to those who may read its case.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/attachment.hpp"
#include "api/case_view.hpp"
#include "api/handlers.hpp"
#include "engine/uploads.hpp"

namespace mentorflow::api {
namespace {

// The query value `key`, or "".
std::string query_value(const ApiRequest& request, const std::string& key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? "" : it->second;
}

}  // namespace

ApiResponse handle_upload(Call& call, const std::string&) {
  const std::string name = query_value(call.request, "name");
  if (name.empty())
    return error_response(status::kBadRequest, "malformed", "name the file: POST /v1/uploads?name=cv.pdf");
  const std::string& bytes = call.request.body;
  if (Status st = engine::check_upload_size(name, bytes.size()); !st.is_ok())
    return error_response(status::kTooLarge, "too_large", st.message());
  if (Status st = engine::check_upload(bytes, name, call.request.content_type); !st.is_ok())
    return st.is_refused() ? error_response(status::kUnsupportedMediaType, "unsupported_media_type", st.message())
                           : status_response(st);
  auto upload = engine::store_upload(call.engine.documents(), bytes, name, call.request.content_type);
  if (!upload.is_ok()) return status_response(upload.status());
  return json_response(engine::upload_json(*upload), status::kCreated);
}

ApiResponse handle_document(Call& call, const std::string& case_name) {
  const std::string name = query_value(call.request, "name");
  if (name.empty())
    return error_response(status::kBadRequest, "malformed",
                          fmt::format("name the document: GET /v1/documents/{}?name=cv", case_name));
  ApiResponse error;
  auto readable = readable_case(call, case_name, error);
  if (!readable) return error;
  const engine::CaseState& state = readable->state;
  // What the reader sees of the case's documents: GET /v1/cases/C shows no more.
  auto view = CaseView::read(call.engine, readable->reader, *readable->access.definition, state, false);
  if (!view.is_ok()) return status_response(view.status());
  const nlohmann::json documents = view->state_json(state)["documents"];
  auto definition = call.engine.definition_of_case(state);
  if (!definition.is_ok()) return status_response(definition.status());
  const auto type = (*definition)->find_case_type(state.case_type);
  if (!type) return error_response(status::kNotFound, "not_found", fmt::format("{} has no documents", case_name));
  auto file = engine::read_attached(call.engine.documents(), documents, (*definition)->case_type(*type), name,
                                    query_value(call.request, "variant"));
  if (!file.is_ok()) {
    if (!file.status().is_not_found()) return status_response(file.status());
    return error_response(status::kNotFound, "not_found", fmt::format("{}: {}", case_name, file.status().message()));
  }
  std::string served_as(file->type ? file->type->content_type : "application/octet-stream");
  return attachment(std::move(served_as), std::move(file->bytes), file->file);
}

}  // namespace mentorflow::api
