#pragma once
// Internal to engine/: turns what a command did (dsl::Effect, in order) into the engine's events
// (engine/events.hpp) for the command's own case, and opens cases that `create` makes.
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/eval/execute.hpp"
#include "engine/case_state.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// Collects the events of one stream, each stamped with the actor, the definition and correlation.
struct EventSink {
  const dsl::Definition& definition;
  store::Actor actor;
  std::string correlation;
  std::vector<store::NewEvent>& events;

  void add(const char* type, nlohmann::json payload, nlohmann::json explanation = nullptr);
  // The same, with the explanation already written as canonical JSON text (a decision's trace).
  void add_explained(const char* type, nlohmann::json payload, std::string explanation_text);
};

struct EffectContext {
  const dsl::Definition& definition;
  dsl::Index case_type;
  const dsl::CommandSpec& command;
  const std::string& edition;  // the edition's name in the store (`mie-2021`)
  const CaseState& before;  // the case as the command found it (not existing for a creating command)
  UtcMicros now;
  EventSink& sink;
  std::vector<std::string>& notes;  // decisions and flags in plain words, for the caller
};

// Appends the events for `effects` to the sink. Effects on other cases (create, for each, match)
// are left to the caller.
void translate_effects(EffectContext& context, const std::vector<dsl::Effect>& effects);

// The events that open a case made by `create`: CaseOpened, its fields, its initial state, timers.
// `definition_edition`: the edition that published `definition` when it is not `edition` (a case
// created by a migrated case runs under the definition its creator was migrated to).
void open_linked_case(const dsl::Definition& definition, dsl::Index case_type, const dsl::CaseCreated& created,
                      const std::string& edition, UtcMicros now, EventSink& sink,
                      const std::string& definition_edition = "");

}  // namespace mentorflow::engine
