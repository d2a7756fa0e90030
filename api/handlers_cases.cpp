// Reading cases: a case's state, its history, an edition's cases page by page, a stream's events.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "api/api_error.hpp"
#include "api/case_list.hpp"
#include "api/case_view.hpp"
#include "api/handlers.hpp"
#include "api/summary_json.hpp"
#include "engine/audit/history.hpp"
#include "engine/case_name.hpp"
#include "engine/privacy/sealing_store.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/event_json.hpp"

namespace mentorflow::api {
namespace {

constexpr std::size_t kStreamPage = 1024;

std::optional<std::uint64_t> number(const std::string& text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace

ApiResponse handle_state(Call& call, const std::string& case_name) {
  engine::Until until;
  if (auto at = call.request.query.find("at"); at != call.request.query.end()) {
    until.position = number(at->second);
    if (!until.position || *until.position == 0)
      return error_response(status::kBadRequest, "malformed", fmt::format("at={} is not a log position", at->second));
  }
  ApiResponse error;
  auto found = readable_case(call, case_name, error, until);
  if (!found) return error;
  auto view = CaseView::read(call.engine, found->reader, *found->access.definition, found->state, false);
  if (!view.is_ok()) return status_response(view.status());
  return json_response(view->state_json(found->state));
}

ApiResponse handle_history(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto found = readable_case(call, case_name, error);
  if (!found) return error;
  auto history = engine::audit::case_history(call.engine, case_name);
  if (!history.is_ok()) return status_response(history.status());
  auto view = CaseView::read(call.engine, found->reader, *found->access.definition, found->state, true);
  if (!view.is_ok()) return status_response(view.status());
  return json_response({{"case", case_name}, {"entries", view->history_json(engine::audit::history_json(*history))}});
}

ApiResponse handle_cases(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_reader(call, edition, "list the cases of " + edition, error);
  if (!access) return error;
  auto query = parse_case_query(call.request.query);
  if (!query.is_ok()) return error_response(status::kBadRequest, "malformed", query.status().message());
  const std::string& type = query->type;
  const std::string& state = query->state;
  const auto type_index = type.empty() ? std::nullopt : access->definition->find_case_type(type);
  if (!type.empty() && !type_index)
    return error_response(status::kNotFound, "not_found",
                          fmt::format("edition '{}' has no case type or cohort '{}'", edition, type));
  if (!state.empty()) {
    // The states of the type asked for, else of every type: a state no case can be in is a typo.
    std::vector<std::string> known;
    for (const dsl::CaseTypeSpec& t : access->definition->case_types())
      if (!type_index || t.name == type)
        for (const dsl::StateSpec& st : t.states)
          if (std::find(known.begin(), known.end(), st.name) == known.end()) known.push_back(st.name);
    if (std::find(known.begin(), known.end(), state) == known.end()) {
      std::string names;
      for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
      return error_response(status::kNotFound, "not_found",
                            fmt::format("{} has no state '{}'; its states are {}",
                                        type.empty() ? "edition '" + edition + "'" : "case type '" + type + "'", state,
                                        names),
                            {{"states", known}});
    }
  }
  // The read models answer lists; bring them up to the latest acknowledged command first.
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  auto summaries = engine::read_models::case_summaries(call.engine.store(), edition + "/");
  if (!summaries.is_ok()) return status_response(summaries.status());
  if (call.pseudonyms)  // searched and sorted by the names staff know, not by pseudonyms
    for (engine::read_models::CaseSummary& s : *summaries) {
      s.name = call.pseudonyms->reveal(s.name);
      for (auto& [party, user] : s.parties) user = call.pseudonyms->reveal(user);
    }
  const CasePage page = select_cases(std::move(*summaries), *query);
  nlohmann::json cases = nlohmann::json::array();
  for (const engine::read_models::CaseSummary& s : page.cases) cases.push_back(summary_json(s));
  return json_response({{"edition", edition},
                        {"cases", std::move(cases)},
                        {"total", page.total},
                        {"offset", query->offset},
                        {"limit", query->limit}});
}

ApiResponse handle_stream(Call& call, const std::string& stream) {
  const std::string edition = stream.substr(0, stream.find('/'));
  ApiResponse error;
  if (!edition_reader(call, edition, "export " + stream, error)) return error;
  std::uint64_t from = 1;
  if (auto it = call.request.query.find("from"); it != call.request.query.end()) {
    auto n = number(it->second);
    if (!n) return error_response(status::kBadRequest, "malformed", fmt::format("from={} is not a version", it->second));
    from = *n;
  }
  std::string out;
  for (;;) {
    // The log as it is (sealed values sealed), as an export gives it: docs/PRIVACY.md.
    auto page = engine::as_recorded(call.engine.store()).read_stream_forward(stream, from, kStreamPage);
    if (!page.is_ok()) return status_response(page.status());
    for (const store::Event& e : *page) {
      out += store::event_to_json(e);
      out += '\n';
    }
    if (page->size() < kStreamPage) break;
    from = page->back().version + 1;
  }
  if (out.empty() && from <= 1) return error_response(status::kNotFound, "not_found", fmt::format("there is no stream '{}'", stream));
  return {status::kOk, "application/x-ndjson", std::move(out), 0, {}};
}

}  // namespace mentorflow::api
