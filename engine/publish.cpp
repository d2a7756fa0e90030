// Publishing a definition into the log: the edition stream's DefinitionPublished, then the
// edition's cohorts opened with their timers.
#include <fmt/core.h>

#include "dsl/compile/compile.hpp"
#include "engine/effects.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

json file_json(const dsl::SourceFile& f) {
  return {{"path", f.path()}, {"text", f.text()}, {"sha256", store::to_hex(store::sha256(f.text()))}};
}

// Opens every cohort of `edition` that has no events yet: its initial state and timers.
Status open_cohorts(Engine& engine, const dsl::Definition& definition, const std::string& edition,
                    const std::string& correlation) {
  for (dsl::Index type = 0; type < definition.case_types().size(); ++type) {
    const dsl::CaseTypeSpec& spec = definition.case_type(type);
    if (!spec.cohort) continue;
    const std::string stream = edition + "/" + spec.name;
    std::vector<store::NewEvent> events;
    EventSink sink{definition, {"system", "system"}, correlation, events};
    open_linked_case(definition, type, dsl::CaseCreated{type, {}, {}}, edition, engine.clock().now(), sink);
    auto appended = engine.store().append(stream, store::ExpectedVersion::no_stream(), events);
    // A conflict means the cohort is open already (an earlier publish, or another process just now).
    if (!appended.is_ok() && !appended.status().is_conflict()) return appended.status();
  }
  return Status::ok();
}

}  // namespace

Result<Published> Engine::publish(const dsl::SourceFile& workflow, const dsl::SourceFile& rules,
                                  const std::string& edition, dsl::Diagnostics& diagnostics,
                                  const std::string& correlation) {
  if (!is_valid_edition_name(edition))
    return Status::invalid_argument(fmt::format(
        "'{}' is not a valid edition name: use 1 to 64 letters, digits, '-', '_' or '.'", edition));
  auto definition = dsl::build_definition(workflow, rules, diagnostics);
  if (!definition) return Status::invalid_argument("the workflow or rules file has errors");

  auto existing = definition_of_edition(edition);
  if (existing.is_ok()) {
    if ((*existing)->id() != definition->id())
      return Status::refused(fmt::format(
          "edition '{}' is already published with other texts (definition {}); publish these under a new edition name",
          edition, (*existing)->id().substr(0, 12)));
    auto position = store_.position_of(edition, 1);
    if (!position.is_ok()) return position.status();
    // Open any cohort a crash kept from opening after the first publish.
    if (auto st = open_cohorts(*this, **existing, edition, correlation); !st.is_ok()) return st;
    return Published{(*existing)->id(), true, *position};
  }
  if (!existing.status().is_not_found()) return existing.status();

  store::NewEvent e;
  e.type = events::kDefinitionPublished;
  e.actor = {"publisher", "system"};
  e.definition_id = definition->id();
  e.metadata.correlation_id = correlation;
  e.payload = {{"edition", edition},
               {"workflow", definition->workflow_name()},
               {"title", definition->title()},
               {"rules_edition", definition->edition()},
               {"definition_id", definition->id()},
               {"workflow_file", file_json(workflow)},
               {"rules_file", file_json(rules)}};
  auto appended = store_.append(edition, store::ExpectedVersion::no_stream(), {e});
  if (!appended.is_ok()) {
    if (appended.status().is_conflict())
      return Status::refused(fmt::format("edition '{}' was published by someone else just now", edition));
    return appended.status();
  }
  auto compiled = definition_of_edition(edition);
  if (!compiled.is_ok()) return compiled.status();
  if (auto st = open_cohorts(*this, **compiled, edition, correlation); !st.is_ok()) return st;
  if (upkeep_ == ReadModelUpkeep::kAfterEachCommand)
    (void)read_models::catch_up_read_models(store_);  // a cache for queries: replay rebuilds it if this fails
  return Published{definition->id(), false, appended->first_position};
}

}  // namespace mentorflow::engine
