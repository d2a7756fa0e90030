#include "engine/effects.hpp"

#include <fmt/core.h>

#include "dsl/time/time_text.hpp"
#include "dsl/value_json.hpp"
#include "engine/events.hpp"
#include "engine/timers/schedule.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

void add_timer_changes(EventSink& sink, const std::vector<timers::TimerChange>& changes) {
  for (const timers::TimerChange& c : changes) sink.add(c.type, c.payload);
}

}  // namespace

void EventSink::add(const char* type, json payload, json explanation) {
  store::NewEvent e;
  e.type = type;
  e.actor = actor;
  e.definition_id = definition.id();
  e.payload = std::move(payload);
  e.explanation = std::move(explanation);
  e.metadata.correlation_id = correlation;
  events.push_back(std::move(e));
}

void EventSink::add_explained(const char* type, json payload, std::string explanation_text) {
  add(type, std::move(payload));
  events.back().explanation_text = std::move(explanation_text);
}

void translate_effects(EffectContext& cx, const std::vector<dsl::Effect>& effects) {
  const dsl::CaseTypeSpec& spec = cx.definition.case_type(cx.case_type);
  std::map<std::string, std::int64_t> pending = cx.before.timers;

  // A creating command opens the case first: who it belongs to, then its initial state.
  if (cx.command.creates_case()) {
    std::map<std::string, std::string> parties;
    for (const dsl::Effect& e : effects)
      if (const auto* p = std::get_if<dsl::PartyJoined>(&e)) parties[spec.parties[p->party].name] = p->user;
    cx.sink.add(events::kCaseOpened, events::case_opened(spec.name, cx.edition, parties));
    cx.sink.add(events::kStateChanged, events::state_changed("", spec.states[spec.initial].name));
    add_timer_changes(cx.sink, timers::timers_on_transition(cx.definition, cx.case_type, pending, std::nullopt, spec.initial,
                                                    true, cx.now));
  }

  // Fields set one after another are one FieldsSet, documents attached one after another (an
  // `attach` clause) one DocumentsAttached.
  json fields = json::object(), documents = json::object();
  json fields_before = cx.before.fields;
  const auto flush_fields = [&] {
    if (fields.empty()) return;
    cx.sink.add(events::kFieldsSet, events::fields_set(fields));
    // A timer due at a field's date moves with the field, in the batch that sets it.
    const auto changes = timers::timers_on_fields(cx.definition, cx.case_type, pending, fields_before, fields);
    timers::apply_timer_changes(pending, changes);
    add_timer_changes(cx.sink, changes);
    for (const auto& [name, value] : fields.items()) fields_before[name] = value;
    fields = json::object();
  };
  const auto flush_documents = [&] {
    if (documents.empty()) return;
    cx.sink.add(events::kDocumentsAttached, events::documents_attached(documents));
    documents = json::object();
  };

  for (const dsl::Effect& effect : effects) {
    if (const auto* f = std::get_if<dsl::FieldSet>(&effect)) {
      flush_documents();
      fields[spec.fields[f->field].name] = dsl::to_json(f->value);
      continue;
    }
    if (const auto* d = std::get_if<dsl::DocumentAttached>(&effect)) {
      flush_fields();
      // A document attached twice starts a new event, so the fold sees the same sequence.
      const std::string& name = spec.documents[d->document].name;
      if (documents.contains(name)) flush_documents();
      documents[name] = d->files;
      continue;
    }
    flush_fields();
    flush_documents();
    if (const auto* d = std::get_if<dsl::Decided>(&effect)) {
      const dsl::ClauseSpec& clause = cx.command.clauses[d->clause];
      const auto& decide = std::get<dsl::DecideClause>(clause.clause);
      const std::string expression(cx.definition.program().text(decide.decision));
      const std::string& chosen = spec.states[d->state].name;
      cx.sink.add_explained(events::kDecisionRecorded,
                            events::decision_recorded(cx.command.name, d->clause, expression, d->inputs,
                                                      dsl::to_json(d->outcome), chosen, d->explanation),
                            d->trace_text);
      cx.notes.push_back(fmt::format("{}: {}", chosen, d->explanation));
    } else if (const auto* c = std::get_if<dsl::CounterIncremented>(&effect)) {
      cx.sink.add(events::kCounterIncremented, events::counter_incremented(spec.counters[c->counter].name, c->value));
    } else if (const auto* c = std::get_if<dsl::CadenceChecked>(&effect)) {
      const std::string& input = spec.cadence_keys[c->slot];
      cx.sink.add(events::kCadenceRecorded, events::cadence_recorded(input, dsl::to_json(c->value), c->gap, c->within));
      if (!c->within && !c->text.empty()) cx.notes.push_back("flagged: " + c->text);
    } else if (const auto* f = std::get_if<dsl::Flagged>(&effect)) {
      cx.sink.add(events::kFlagRaised, events::flag_raised(f->reason, cx.command.name, f->clause));
      cx.notes.push_back("flagged: " + f->reason);
    } else if (const auto* o = std::get_if<dsl::OutputIssued>(&effect)) {
      cx.sink.add(events::kOutputIssued,
                  events::output_issued(spec.outputs[o->output].name, o->recipients, dsl::to_json(o->value)));
      cx.notes.push_back(fmt::format("issued {}", spec.outputs[o->output].title));
    } else if (const auto* s = std::get_if<dsl::StateChanged>(&effect)) {
      cx.sink.add(events::kStateChanged, events::state_changed(spec.states[s->from].name, spec.states[s->to].name));
      const auto changes = timers::timers_on_transition(cx.definition, cx.case_type, pending, s->from, s->to, false, cx.now);
      timers::apply_timer_changes(pending, changes);
      add_timer_changes(cx.sink, changes);
    }
    // PartyJoined was folded into CaseOpened above; CaseCreated, FanOut and MatchRequested reach
    // other cases and are the caller's.
  }
  flush_fields();
  flush_documents();
}

void open_linked_case(const dsl::Definition& definition, dsl::Index case_type, const dsl::CaseCreated& created,
                      const std::string& edition, UtcMicros now, EventSink& sink,
                      const std::string& definition_edition) {
  const dsl::CaseTypeSpec& spec = definition.case_type(case_type);
  std::map<std::string, std::string> parties;
  for (const auto& [party, user] : created.parties) parties[spec.parties[party].name] = user;
  sink.add(events::kCaseOpened, events::case_opened(spec.name, edition, parties, definition_edition));
  json fields = json::object();
  for (const auto& [field, value] : created.fields) fields[spec.fields[field].name] = dsl::to_json(value);
  if (!fields.empty()) sink.add(events::kFieldsSet, events::fields_set(fields));
  sink.add(events::kStateChanged, events::state_changed("", spec.states[spec.initial].name));
  add_timer_changes(sink, timers::timers_on_transition(definition, case_type, {}, std::nullopt, spec.initial, true, now));
  add_timer_changes(sink, timers::timers_on_fields(definition, case_type, {}, json::object(), fields));
}

}  // namespace mentorflow::engine
