#include "engine/timers/tick.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <tuple>

#include "dsl/eval/timer_flag.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/decide_again.hpp"
#include "engine/effects.hpp"
#include "engine/events.hpp"
#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/store_resolver.hpp"
#include "engine/timers/schedule.hpp"

namespace mentorflow::engine::timers {
namespace {

using nlohmann::json;

constexpr std::string_view kAlreadyFired = "already fired";

struct Due {
  UtcMicros due;
  std::string case_name, key;
  bool operator<(const Due& o) const { return std::tie(due, case_name, key) < std::tie(o.due, o.case_name, o.key); }
};

// Every pending timer due by `now`, over every case of every edition, oldest first: from the
// due-timer read model, brought up to date first. The index only says where to look: fire()
// folds the case and fires only a timer still pending there, so a stale entry never fires twice.
Result<std::vector<Due>> due_timers(Engine& engine, UtcMicros now) {
  auto caught_up = read_models::catch_up_read_models(engine.store());
  if (!caught_up.is_ok()) return caught_up.status();
  auto indexed = read_models::timers_due_by(engine.store(), now);
  if (!indexed.is_ok()) return indexed.status();
  std::vector<Due> due;
  due.reserve(indexed->size());
  for (read_models::DueTimer& d : *indexed) due.push_back({d.due, std::move(d.case_name), std::move(d.key)});
  return due;
}

// A timer's command that moves its case out of the timer's state plans TimerCancelled for the
// very timer being fired; that timer fires instead, so the cancellation is dropped.
void drop_own_cancellation(Plan& plan, const Due& d) {
  for (StreamWrite& write : plan.writes) {
    if (write.stream != d.case_name) continue;
    std::erase_if(write.events, [&](const store::NewEvent& e) {
      return e.type == events::kTimerCancelled && e.payload.at("key").get<std::string>() == d.key;
    });
  }
}

// A timer's `flag "reason" when COND`, on the case as it stands: FlagRaised as a command's `flag`
// clause records it (there is no command: `command` says `timer NAME`, `clause` is 0). A false
// condition raises nothing; one that cannot be evaluated raises nothing and says why. Either way
// the timer fires.
Result<std::string> raise_timer_flag(Engine& engine, const CaseState& state, const dsl::Definition& definition,
                                     dsl::Index type, const dsl::TimerSpec& timer, EventSink& sink) {
  auto data = engine.case_data(state, definition, type, state.name);
  if (!data.is_ok()) return data.status();
  StoreResolver resolver(engine, definition);
  const dsl::TimerFlagOutcome flag =
      dsl::evaluate_timer_flag(definition.program(), *timer.flag, *data, datetime_value(engine.clock().now()), &resolver);
  if (!flag.error.empty()) return "no flag: " + flag.error;
  if (!flag.raised) return std::string("no flag: its condition does not hold");
  sink.add(events::kFlagRaised, events::flag_raised(flag.reason, "timer " + timer.name, 0));
  return "flagged: " + flag.reason;
}

// Fires one timer: its command (as `system`), its reminder or its flag, with TimerFired in the
// same batch.
Result<std::string> fire(Engine& engine, const Due& d, const std::string& by) {
  auto name = parse_case_name(d.case_name);
  if (!name.is_ok()) return name.status();
  auto state = engine.load(d.case_name);
  if (!state.is_ok()) return state.status();
  auto definition = engine.definition_of_case(*state);
  if (!definition.is_ok()) return definition.status();
  if (!state->timers.contains(d.key)) return std::string(kAlreadyFired);
  auto type = (*definition)->find_case_type(state->case_type);
  if (!type) return Status::corruption(fmt::format("case '{}' has an unknown type", d.case_name));
  const dsl::CaseTypeSpec& spec = (*definition)->case_type(*type);
  const dsl::TimerSpec* timer = find_timer(spec, timer_name_of(d.key));

  const store::Actor system{"system", "system"};
  const std::string correlation = (by.empty() ? "" : by + " ") + "timer:" + d.key;
  Plan plan;
  std::string outcome;
  if (timer && timer->command) {
    auto planned = plan_command(engine, *name, spec.commands[*timer->command].name, system,
                                json::object(), correlation);
    if (planned.is_ok()) {
      plan = std::move(*planned);
      drop_own_cancellation(plan, d);
      outcome = fmt::format("{} -> {}", spec.commands[*timer->command].name, plan.accepted.state);
    } else {
      outcome = "refused: " + planned.status().message();
    }
  }
  if (plan.writes.empty()) plan.writes.push_back(StreamWrite{d.case_name, state->version, {}});
  EventSink sink{**definition, system, correlation, plan.writes.front().events};
  if (timer && timer->flag) {
    auto flagged = raise_timer_flag(engine, *state, **definition, *type, *timer, sink);
    if (!flagged.is_ok()) return flagged.status();
    outcome = std::move(*flagged);
  } else if (timer && !timer->command) {
    sink.add(events::kReminderRecorded, events::reminder_recorded(timer->remind, timer->remind_text));
    outcome = fmt::format("reminded {}: {}", timer->remind, timer->remind_text);
  }
  sink.add(events::kTimerFired, events::timer_key_only(d.key));
  // A repeating timer comes back while its case stays in the timer's state.
  if (timer && timer->every) {
    const std::string& now_in = plan.accepted.state.empty() ? state->state : plan.accepted.state;
    if (!timer->in_state || spec.states[*timer->in_state].name == now_in) {
      const UtcMicros next = due_after(**definition, d.due, *timer->every);
      sink.add(events::kTimerScheduled, events::timer_scheduled(timer_key(timer->name, next), timer->name, next));
    }
  }
  if (!timer) outcome = "its timer is no longer in the definition";
  plan.accepted.case_name = d.case_name;  // what a Conflict names
  Status appended = append_plan(engine.store(), plan);
  if (!appended.is_ok()) return appended;
  return outcome;
}

}  // namespace

Result<std::vector<Fired>> tick(Engine& engine, const std::string& correlation) {
  const UtcMicros now = engine.clock().now();
  auto due = due_timers(engine, now);
  if (!due.is_ok()) return due.status();
  std::vector<Fired> fired;
  for (const Due& d : *due) {
    // Another writer changed the case between fire's read and its append: decide again on the
    // case as it is now, where the timer has usually been fired by that writer (another node).
    auto outcome = decide_until_written<std::string>("timer " + timer_name_of(d.key), [&] {
      auto once = fire(engine, d, correlation);
      if (!once.is_ok() && once.status().is_conflict()) return Decision<std::string>::again(once.status());
      return Decision<std::string>::done(std::move(once));
    });
    if (!outcome.is_ok()) {
      if (outcome.status().is_io_error() || outcome.status().is_busy()) return outcome.status();
      fired.push_back({d.case_name, timer_name_of(d.key), d.due, "not fired: " + outcome.status().message(), true});
      continue;
    }
    const bool already = *outcome == kAlreadyFired;
    fired.push_back({d.case_name, timer_name_of(d.key), d.due, *outcome, false, already});
  }
  // As after a command: queries see what fired (a cache; replay rebuilds it if this fails).
  if (std::any_of(fired.begin(), fired.end(), [](const Fired& f) { return !f.already; }))
    (void)read_models::catch_up_read_models(engine.store());
  return fired;
}

}  // namespace mentorflow::engine::timers
