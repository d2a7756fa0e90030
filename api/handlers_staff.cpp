// What the edition's staff work from: the dashboard (cases by type and state, the cohorts'
// phases, flags, timers coming due), the matching runs to review, the certificates issued, and
// the CSV import of applicants. Each is a read of the log or the read models, or (import) the
// engine's own import; this file shapes JSON.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/audit/cadence_flag.hpp"
#include "engine/certificates/certificates.hpp"
#include "engine/events.hpp"
#include "engine/flags/case_flags.hpp"
#include "engine/imports/applicant_import.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/matching/run/matching_words.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/timers/schedule.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::api {
namespace {

using nlohmann::json;
using engine::read_models::CaseSummary;

// How many flags and timers the dashboard shows: the ones to act on, not an export.
constexpr std::size_t kDashboardItems = 20;

Result<std::vector<CaseSummary>> current_summaries(Call& call, const std::string& edition) {
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return caught.status();
  return engine::read_models::case_summaries(call.engine.store(), edition + "/");
}

// The flags of the flagged cases, latest first: each a sentence and the value it was raised on.
Result<json> flags_json(Call& call, const dsl::Definition* definition, const std::vector<CaseSummary>& summaries) {
  std::vector<std::pair<std::uint64_t, json>> flags;  // by the case's last position: recent first
  for (const CaseSummary& s : summaries) {
    if (s.flags == 0) continue;
    auto state = call.engine.load(s.name);
    if (!state.is_ok()) return state.status();
    const std::vector<engine::CaseFlag> worded = engine::flags_of_case(*state, definition);
    for (std::size_t i = 0; i < worded.size(); ++i) {
      if (worded[i].cleared) continue;
      flags.emplace_back(s.position, json{{"case", s.name}, {"text", worded[i].text}, {"at", state->flags[i].value("value", json())}});
    }
  }
  std::stable_sort(flags.begin(), flags.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  json out = json::array();
  for (std::size_t i = 0; i < flags.size() && i < kDashboardItems; ++i) out.push_back(std::move(flags[i].second));
  return out;
}

json timers_json(const std::vector<CaseSummary>& summaries) {
  std::vector<std::tuple<std::int64_t, std::string, std::string>> due;
  for (const CaseSummary& s : summaries)
    for (const auto& [key, at] : s.timers) due.emplace_back(at, s.name, engine::timers::timer_name_of(key));
  std::sort(due.begin(), due.end());
  json out = json::array();
  for (std::size_t i = 0; i < due.size() && i < kDashboardItems; ++i)
    out.push_back({{"case", std::get<1>(due[i])}, {"timer", std::get<2>(due[i])}, {"due", store::format_utc(std::get<0>(due[i]))}});
  return out;
}

// One matching run as the review shows it: per left case what it obtained, at which place of its
// ranking, why, what it had ranked, and where the case is now.
json run_json(const store::Event& e, const engine::matching::MatchingRecord& r,
              const std::map<std::string, std::string>& states) {
  json rows = json::array();
  for (std::size_t left = 0; left < r.lefts.size(); ++left) {
    const std::int32_t right = left < r.result.right_of.size() ? r.result.right_of[left] : -1;
    const std::int32_t choice = left < r.result.choice_of.size() ? r.result.choice_of[left] : -1;
    json choices = json::array();
    for (std::size_t k = 0; k < r.instance.preferences[left].size(); ++k)
      choices.push_back({{"right", r.rights[r.instance.preferences[left][k]]},
                         {"place", r.instance.place(static_cast<engine::matching::Id>(left), k)}});
    json set_aside = json::array();
    if (left < r.set_aside.size())
      for (const auto& [place, why] : r.set_aside[left]) set_aside.push_back({{"place", place}, {"why", why}});
    const auto state = states.find(r.lefts[left]);
    rows.push_back({{"left", r.lefts[left]},
                    {"right", right >= 0 ? json(r.rights[right]) : json()},
                    {"place", right >= 0 && choice >= 0 ? json(r.instance.place(static_cast<engine::matching::Id>(left), choice)) : json()},
                    {"explanation", left < r.explanations.size() ? r.explanations[left] : ""},
                    {"choices", std::move(choices)},
                    {"set_aside", std::move(set_aside)},
                    {"state", state != states.end() ? state->second : ""}});
  }
  json rights = json::array();
  for (std::size_t right = 0; right < r.rights.size(); ++right)
    rights.push_back({{"right", r.rights[right]},
                      {"places", right < r.instance.capacity.size() ? r.instance.capacity[right] : 0},
                      {"note", right < r.right_notes.size() ? r.right_notes[right] : ""}});
  return {{"position", e.position},
          {"at", store::format_utc(e.recorded_at)},
          {"cohort", e.stream},
          {"command", r.command},
          {"clause", r.clause},
          {"method", r.method},
          {"left_type", r.left_type},
          {"right_type", r.right_type},
          {"summary", engine::matching::summary(r)},
          {"flags", r.flags},
          {"blocking_pairs", r.blocking_pairs},
          {"rows", std::move(rows)},
          {"rights", std::move(rights)}};
}

}  // namespace

ApiResponse handle_dashboard(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_reader(call, edition, "see the dashboard of " + edition, error);
  if (!access) return error;
  auto summaries = current_summaries(call, edition);
  if (!summaries.is_ok()) return status_response(summaries.status());
  // Counts in the workflow's order of types and states, so the funnel reads as the programme runs.
  json counts = json::array(), cohorts = json::array();
  for (const dsl::CaseTypeSpec& type : access->definition->case_types()) {
    for (const dsl::StateSpec& state : type.states) {
      const auto n = std::count_if(summaries->begin(), summaries->end(), [&](const CaseSummary& s) {
        return s.case_type == type.name && s.state == state.name;
      });
      if (!type.cohort) counts.push_back({{"type", type.name}, {"state", state.name}, {"count", n}});
      if (type.cohort && n > 0) cohorts.push_back({{"case", edition + "/" + type.name}, {"type", type.name}, {"state", state.name}});
    }
  }
  auto flags = flags_json(call, access->definition, *summaries);
  if (!flags.is_ok()) return status_response(flags.status());
  return json_response({{"edition", edition},
                        {"counts", std::move(counts)},
                        {"cohorts", std::move(cohorts)},
                        {"flags", std::move(*flags)},
                        {"timers", timers_json(*summaries)}});
}

ApiResponse handle_matching(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_reader(call, edition, "review the matching of " + edition, error);
  if (!access) return error;
  auto summaries = current_summaries(call, edition);
  if (!summaries.is_ok()) return status_response(summaries.status());
  std::map<std::string, std::string> states;
  for (const CaseSummary& s : *summaries) states.emplace(s.name, s.state);
  std::vector<json> runs;
  for (const dsl::CaseTypeSpec& type : access->definition->case_types()) {
    if (!type.cohort) continue;
    const std::string cohort = edition + "/" + type.name;
    for (std::uint64_t from = 1;;) {
      auto page = call.engine.store().read_stream_forward(cohort, from, 256);
      if (!page.is_ok()) return status_response(page.status());
      for (const store::Event& e : *page) {
        if (e.type != engine::events::kMatchingRunRecorded) continue;
        auto record = engine::matching::MatchingRecord::from_json(nlohmann::json::parse(e.payload, nullptr, false));
        if (!record.is_ok())
          return status_response(Status::corruption(fmt::format("position {}: {}", e.position, record.status().message())));
        runs.push_back(run_json(e, *record, states));
      }
      if (page->size() < 256) break;
      from = page->back().version + 1;
    }
  }
  std::sort(runs.begin(), runs.end(), [](const json& a, const json& b) { return a["position"] > b["position"]; });
  return json_response({{"edition", edition}, {"runs", std::move(runs)}});
}

ApiResponse handle_edition_certificates(Call& call, const std::string& edition) {
  ApiResponse error;
  if (!edition_reader(call, edition, "list the certificates of " + edition, error)) return error;
  auto issued = engine::certificates::issued_certificates(call.engine.store(), edition);
  json list = json::array();
  if (!issued.is_ok() && !issued.status().is_not_found()) return status_response(issued.status());
  if (issued.is_ok() && call.pseudonyms)  // in the order of the case names staff know
    std::stable_sort(issued->begin(), issued->end(), [&](const auto& a, const auto& b) {
      return call.pseudonyms->reveal(a.stream) < call.pseudonyms->reveal(b.stream);
    });
  if (issued.is_ok())
    for (const auto& c : *issued)
      list.push_back({{"case", c.stream},        {"output", c.content.output}, {"title", c.content.title},
                      {"recipient", c.content.recipient}, {"party", c.content.party}, {"file", c.file},
                      {"sha256", c.sha256},      {"issued_at", c.content.issued_at}, {"position", c.position}});
  return json_response({{"edition", edition}, {"certificates", std::move(list)}});
}

ApiResponse handle_import(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  // Each row is issued in its applicant's name: only the edition's staff may speak for them.
  if (!access->standing.is_staff())
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("{} may not import applicants into {}: only its staff may", call.principal.user,
                                      edition));
  const auto& query = call.request.query;
  const auto type = query.find("type");
  const auto command = query.find("command");
  if (type == query.end() || command == query.end())
    return error_response(status::kBadRequest, "malformed", "name the case type and the command: ?type=T&command=C");
  const auto dry_run = query.find("dry_run");
  engine::imports::ApplicantImport request{query.count("name") ? query.at("name") : "upload.csv",
                                           call.request.body,
                                           edition,
                                           type->second,
                                           command->second,
                                           query.count("role") ? query.at("role") : "",
                                           dry_run != query.end() && dry_run->second == "true"};
  request.pseudonyms = call.pseudonyms;
  auto result = engine::imports::import_applicants(call.engine, request);
  if (!result.is_ok()) return status_response(result.status());
  if (!result->problems.empty()) {
    json problems = json::array();
    for (const auto& p : result->problems) problems.push_back({{"row", p.line}, {"message", p.message}});
    return error_response(status::kUnprocessable, "refused",
                          fmt::format("{} row{} cannot be imported; nothing was written", result->problems.size(),
                                      result->problems.size() == 1 ? "" : "s"),
                          {{"problems", std::move(problems)}});
  }
  json imported = json::array();
  for (const auto& c : result->imported)
    imported.push_back({{"row", c.line}, {"case", c.case_name}, {"state", c.state}, {"notes", c.notes}});
  return json_response({{"edition", edition}, {"dry_run", request.dry_run}, {"imported", std::move(imported)}});
}

}  // namespace mentorflow::api
