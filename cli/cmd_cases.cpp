// mentorflow cases: an edition's cases with their states, optionally filtered by type and state.
#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow cases --store DIR|postgresql://... EDITION [--type TYPE] [--state STATE] [--long]\n"
    "\n"
    "Lists the cases and cohorts of EDITION, one per line in name order: the case's name, then its\n"
    "state, e.g.\n"
    "\n"
    "  mie-2021/application/anna    ineligible\n"
    "\n"
    "With --long, the line goes on with the case's parties, counters and issued outputs as\n"
    "NAME=VALUE words, in that order (each group by name), e.g.\n"
    "\n"
    "  mie-2021/mentorship/anna  completed  mentee=anna mentor=marco diaries=6 meetings=6 credits=3\n"
    "\n"
    "Read-only. An unknown edition or type is an error (exit 1); no matching case prints nothing.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --type TYPE                   only cases of this case type (or this cohort), e.g. application\n"
    "  --state STATE                 only cases in this state, e.g. submitted\n"
    "  --long                        add parties, counters and outputs\n";

std::string value_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// "mentee=anna mentor=marco meetings=6 credits=3"
std::string long_words(const engine::CaseState& c) {
  std::vector<std::string> words;
  for (const auto& [party, user] : c.parties) words.push_back(party + "=" + user);
  for (const auto& [counter, value] : c.counters) words.push_back(fmt::format("{}={}", counter, value));
  for (const nlohmann::json& output : c.outputs)
    words.push_back(output.value("output", "?") + "=" + value_text(output.value("value", nlohmann::json())));
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

bool wanted(const std::string& case_type, const std::string& case_state, const std::optional<std::string>& type,
            const std::optional<std::string>& state) {
  return (!type || case_type == *type) && (!state || case_state == *state);
}

// The cases of `edition`, from the read models when they have seen the whole log (the read-only
// store cannot bring them up to date), else by folding every stream of the edition. The long form
// needs each case's outputs, which only folding the case gives.
Result<std::vector<engine::CaseState>> list_cases(engine::Engine& engine, const std::string& edition,
                                                  const std::optional<std::string>& type,
                                                  const std::optional<std::string>& state, bool long_form) {
  std::vector<engine::CaseState> cases;
  auto checkpoint = engine.store().views_checkpoint();
  if (checkpoint.is_ok() && *checkpoint == engine.store().head().position) {
    auto summaries = engine::read_models::case_summaries(engine.store(), edition + "/");
    if (!summaries.is_ok()) return summaries.status();
    for (engine::read_models::CaseSummary& s : *summaries) {
      if (!wanted(s.case_type, s.state, type, state)) continue;
      if (long_form) {
        auto loaded = engine.load(s.name);
        if (!loaded.is_ok()) return loaded.status();
        cases.push_back(std::move(*loaded));
      } else {
        engine::CaseState c;
        c.name = std::move(s.name);
        c.case_type = std::move(s.case_type);
        c.state = std::move(s.state);
        cases.push_back(std::move(c));
      }
    }
    return cases;
  }
  auto streams = engine.store().list_streams(edition + "/");
  if (!streams.is_ok()) return streams.status();
  for (const store::StreamInfo& s : *streams) {
    auto loaded = engine.load(s.name);
    if (!loaded.is_ok()) return loaded.status();
    if (wanted(loaded->case_type, loaded->state, type, state)) cases.push_back(std::move(*loaded));
  }
  return cases;
}

int run_cases(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--type", "--state"}, {"--long"}}, error);
  if (!args) return usage_error("cases", error);
  if (args->positionals().size() != 1) return usage_error("cases", "name exactly one EDITION");
  const std::string& edition = args->positionals()[0];
  const auto type = args->get("--type");
  const auto state = args->get("--state");

  int exit_code = kExitOk;
  auto session = open_engine(*args, "cases", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  engine::Engine& engine = *session->engine;
  auto definition = engine.definition_of_edition(edition);
  if (!definition.is_ok()) return report(definition.status());
  if (type && !(*definition)->find_case_type(*type))
    return report(Status::not_found(fmt::format("edition '{}' has no case type or cohort '{}'", edition, *type)));

  auto listed = list_cases(engine, edition, type, state, args->has("--long"));
  if (!listed.is_ok()) return report(listed.status());
  // Named as people read them, and in their order: a store with pseudonyms lists its streams in
  // the pseudonyms' order, and the columns must fit the ids, not the pseudonyms.
  std::vector<std::pair<std::string, const engine::CaseState*>> cases;
  for (const engine::CaseState& c : *listed) cases.emplace_back(session->privacy.pseudonyms->reveal(c.name), &c);
  std::stable_sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::size_t name_width = 0, state_width = 0;
  for (const auto& [name, c] : cases) {
    name_width = std::max(name_width, name.size());
    state_width = std::max(state_width, c->state.size());
  }
  const bool long_form = args->has("--long");
  for (const auto& [name, c] : cases) {
    const std::string words = long_form ? session->privacy.pseudonyms->reveal(long_words(*c)) : "";
    if (words.empty()) fmt::print("{:<{}}  {}\n", name, name_width, c->state);
    else fmt::print("{:<{}}  {:<{}}  {}\n", name, name_width, c->state, state_width, words);
  }
  return kExitOk;
}

const Registration registration({"cases", "list an edition's cases with their states", kHelp, run_cases});

}  // namespace
}  // namespace mentorflow::cli
