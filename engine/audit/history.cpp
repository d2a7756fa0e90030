// A case's timeline from its stream: events grouped into the batches that wrote them, decisions
// worded again from their recorded inputs (engine/audit/decision_words.hpp).
#include "engine/audit/history.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "base/printable.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/value_json.hpp"
#include "engine/audit/cadence_flag.hpp"
#include "engine/audit/decision_words.hpp"
#include "engine/audit/party_words.hpp"
#include "engine/audit/verify_decisions.hpp"
#include "engine/case_name.hpp"
#include "engine/edition_zone.hpp"
#include "engine/events.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/matching/run/matching_words.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine::audit {

using nlohmann::json;

namespace {

constexpr std::size_t kReadBatch = 1024;
constexpr std::size_t kShortText = 40;  // longer input texts are cut in the text form

// Cut at the end of the word the limit falls in, when it ends soon after: a case name or a person
// stays whole (and a pseudonym with it, which the doors reveal only whole, store/subjects.hpp).
std::string short_text(std::string text) {
  if (text.size() <= kShortText) return text;
  std::size_t cut = text.find_first_of(" ,;", kShortText);
  if (cut == std::string::npos) cut = text.size();
  if (cut > 2 * kShortText) {
    cut = kShortText;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    for (std::size_t start = cut > store::kPseudonymSize ? cut - store::kPseudonymSize : 0; start < cut; ++start)
      if (store::is_pseudonym(std::string_view(text).substr(start, store::kPseudonymSize))) {
        cut = start + store::kPseudonymSize;
        break;
      }
  }
  if (cut >= text.size()) return text;
  return text.substr(0, cut) + "...";
}

// A value as a person reads it: a date-time in `zone`, other texts as they are, a file reference
// by its file name, a document with variants as its files joined by " + ".
std::string short_value(const json& v, const std::string& zone) {
  if (v.is_string()) {
    const std::string text = v.get<std::string>();
    if (auto t = dsl::parse_datetime(text)) return dsl::format_datetime(t->utc_micros, zone);
    return short_text(text);
  }
  if (v.is_object() && v.contains("file") && v["file"].is_string()) return v["file"].get<std::string>();
  if (v.is_object()) {
    std::string out;
    for (const auto& [key, item] : v.items()) out += (out.empty() ? "" : " + ") + short_value(item, zone);
    return out;
  }
  if (v.is_array()) {
    std::string out;
    for (const json& item : v) out += (out.empty() ? "" : ", ") + short_value(item, zone);
    return "[" + out + "]";
  }
  return v.dump();
}

// The inputs in the order the command declares them (when it is known), then any others.
std::string short_inputs(const json& inputs, const dsl::CommandSpec* command, const std::string& zone) {
  std::vector<std::string> names;
  if (command)
    for (const dsl::InputSpec& in : command->inputs)
      if (inputs.contains(in.name)) names.push_back(in.name);
  for (const auto& [key, v] : inputs.items())
    if (std::find(names.begin(), names.end(), key) == names.end()) names.push_back(key);
  std::string out;
  for (const std::string& n : names) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, short_value(inputs[n], zone));
  return out;
}

std::string timer_name(const std::string& key) { return key.substr(0, key.find('@')); }

// The first rule a recorded trace entered, and where it is.
void rule_in_trace(const json& step, std::string& rule, std::string& at) {
  if (!step.is_object() || !rule.empty()) return;
  if (step.contains("rule") && step["rule"].is_string()) {
    rule = step["rule"].get<std::string>();
    at = step.value("at", std::string());
    return;
  }
  if (step.contains("steps") && step["steps"].is_array())
    for (const json& s : step["steps"]) rule_in_trace(s, rule, at);
}

class Builder {
 public:
  Builder(Engine& engine, const CaseName& name, const dsl::Definition* definition, History& history)
      : engine_(engine), name_(name), definition_(definition), history_(history) {}

  Status add(const store::Event& e) {
    auto parsed = e.payload_json();
    if (!parsed.is_ok()) return parsed.status();
    const json& p = *parsed;
    if (starts_entry(e)) open_entry(e);
    HistoryEntry& h = history_.entries.back();
    h.last_position = e.position;
    h.event_types.push_back(e.type);
    try {
      describe(e, p, h);
    } catch (const json::exception& ex) {
      return Status::corruption(fmt::format("the {} at position {} is malformed: {}", e.type, e.position, ex.what()));
    }
    return Status::ok();
  }

 private:
  bool starts_entry(const store::Event& e) const {
    // A legal hold is a write of its own, never part of the batch before it (same actor, same minute).
    if (history_.entries.empty() || e.type == events::kCommandAccepted || e.type == events::kLegalHoldPlaced ||
        e.type == events::kLegalHoldReleased)
      return true;
    const HistoryEntry& h = history_.entries.back();
    return e.recorded_at != h.recorded_at || e.actor != h.actor || e.metadata.correlation_id != correlation_;
  }

  void open_entry(const store::Event& e) {
    HistoryEntry h;
    h.first_position = h.last_position = e.position;
    h.recorded_at = e.recorded_at;
    h.time = dsl::format_datetime(e.recorded_at, history_.zone);
    h.actor = e.actor;
    correlation_ = e.metadata.correlation_id;
    history_.entries.push_back(std::move(h));
  }

  void describe(const store::Event& e, const json& p, HistoryEntry& h) {
    const std::string& type = e.type;
    if (type == events::kCommandAccepted) {
      h.command = p.at("command").get<std::string>();
      h.inputs = p.at("inputs");
      if (h.inputs.is_object()) h.inputs_short = short_inputs(h.inputs, command_spec(h.command), history_.zone);
    } else if (type == events::kCaseOpened) {
      history_.parties = party_words(case_spec(), p.at("parties").get<std::map<std::string, std::string>>());
      std::string parties;
      for (const auto& [party, user] : p.at("parties").items())
        parties += fmt::format("{}{} {}", parties.empty() ? "" : ", ", party, user.get<std::string>());
      h.notes.push_back(parties.empty() ? "opened" : "opened for " + parties);
      if (p.contains("definition_edition")) use_definition_of(p.at("definition_edition").get<std::string>());
      if (h.command.empty())
        if (auto creator = creator_of(e); !creator.empty()) h.notes.back() += ", created by " + creator;
    } else if (type == events::kStateChanged) {
      if (h.from_state.empty() && h.to_state.empty()) h.from_state = p.at("from").get<std::string>();
      h.to_state = p.at("to").get<std::string>();
    } else if (type == events::kFieldsSet) {
      std::string set;
      for (const auto& [field, v] : p.at("fields").items())
        if (!h.inputs.contains(field)) set += fmt::format("{}{} {}", set.empty() ? "" : ", ", field, short_value(v, history_.zone));
      if (!set.empty()) h.notes.push_back("set " + set);
    } else if (type == events::kDecisionRecorded) {
      h.decisions.push_back(decision(e, p));
    } else if (type == events::kCounterIncremented) {
      h.notes.push_back(fmt::format("{} now {}", p.at("counter").get<std::string>(), p.at("value").get<std::int64_t>()));
    } else if (type == events::kCadenceRecorded) {
      if (auto text = cadence_flag_text(p, definition_, name_.type)) {
        h.notes.push_back("flagged: " + *text);
        flags_.push_back(*text);
      } else if (!p.at("within").get<bool>()) {
        flags_.push_back("a cadence flag");  // numbered all the same, as the fold numbers it
      }
    } else if (type == events::kFlagRaised) {
      h.notes.push_back("flagged: " + p.at("reason").get<std::string>());
      flags_.push_back(p.at("reason").get<std::string>());
    } else if (type == events::kFlagCleared) {
      const auto n = p.at("flag").get<std::uint64_t>();
      const std::string what = n >= 1 && n <= flags_.size() ? " (" + flags_[n - 1] + ")" : "";
      h.notes.push_back(fmt::format("flag {}{} cleared: {}", n, what, p.at("reason").get<std::string>()));
    } else if (type == events::kLegalHoldPlaced) {
      h.notes.push_back("legal hold placed: " + p.at("reason").get<std::string>());
      if (h.command.empty()) h.command = "hold";
    } else if (type == events::kLegalHoldReleased) {
      h.notes.push_back("legal hold released: " + p.at("reason").get<std::string>());
      if (h.command.empty()) h.command = "release-hold";
    } else if (type == events::kOutputIssued) {
      std::string to;
      for (const json& r : p.at("recipients")) to += (to.empty() ? "" : ", ") + r.get<std::string>();
      std::string note = "issued " + p.at("output").get<std::string>();
      if (!to.empty()) note += " to " + to;
      if (!p.at("value").is_null()) note += " (" + short_value(p.at("value"), history_.zone) + ")";
      h.notes.push_back(std::move(note));
    } else if (type == events::kCertificateIssued) {
      const json& c = p.at("certificate");
      h.notes.push_back(fmt::format("certificate for {} ({}): {} sha256 {}", c.at("recipient").get<std::string>(),
                                    c.at("name").get<std::string>(), p.at("file").get<std::string>(),
                                    p.at("sha256").get<std::string>()));
    } else if (type == events::kLinkedCaseCreated) {
      h.notes.push_back("created " + p.at("case").get<std::string>());
    } else if (type == events::kTimerScheduled) {
      h.notes.push_back(fmt::format("timer {} due {}", p.at("timer").get<std::string>(),
                                    dsl::format_datetime(p.at("due").get<std::int64_t>(), history_.zone)));
    } else if (type == events::kTimerCancelled) {
      h.notes.push_back(fmt::format("timer {} cancelled", timer_name(p.at("key").get<std::string>())));
    } else if (type == events::kTimerFired) {
      h.notes.push_back(fmt::format("timer {} fired", timer_name(p.at("key").get<std::string>())));
    } else if (type == events::kReminderRecorded) {
      h.notes.push_back(fmt::format("reminded {}: {}", p.at("party").get<std::string>(), p.at("text").get<std::string>()));
    } else if (type == events::kMatchingRunRecorded) {
      if (auto run = matching::MatchingRecord::from_json(p); run.is_ok()) matching_notes(*run, h.notes);
      else h.notes.push_back("matching run: " + run.status().message());
    } else if (type == events::kMatchExplained) {
      h.notes.push_back("matching: " + p.at("explanation").get<std::string>());
    } else if (type == events::kCaseMigrated) {
      const std::string to_edition = p.at("to_edition").get<std::string>();
      std::string note = fmt::format("migrated in state {} from definition {} to {} (edition {})",
                                     p.at("state").get<std::string>(), p.at("from").get<std::string>().substr(0, 12),
                                     p.at("to").get<std::string>().substr(0, 12), to_edition);
      if (const std::string reason = p.at("reason").get<std::string>(); !reason.empty()) note += ": " + reason;
      h.notes.push_back(std::move(note));
      if (h.command.empty()) h.command = "migrate";
      use_definition_of(to_edition);  // later decisions were taken under it: explain them with it
    }
    // DocumentsAttached: the inputs already name the files.
  }

  // A run in the cohort's history: the summary, what was flagged, then every case's outcome.
  static void matching_notes(const matching::MatchingRecord& run, std::vector<std::string>& notes) {
    notes.push_back(matching::summary(run));
    for (const std::string& flag : run.flags) notes.push_back("flagged: " + flag);
    for (std::size_t l = 0; l < run.lefts.size(); ++l)
      notes.push_back(matching::short_id(run.lefts[l]) + ": " + run.explanations[l]);
    for (const matching::MatchingRecord::LeftOut& out : run.left_out) notes.push_back(matching::short_id(out.id) + ": " + out.explanation);
    for (std::size_t r = 0; r < run.rights.size(); ++r)
      notes.push_back(matching::short_id(run.rights[r]) + ": " + run.right_notes[r]);
  }

  void use_definition_of(const std::string& edition) {
    auto definition = engine_.definition_of_edition(edition);
    definition_ = definition.is_ok() ? *definition : nullptr;
  }

  HistoryDecision decision(const store::Event& e, const json& p) {
    HistoryDecision d;
    d.position = e.position;
    d.expression = p.at("expression").get<std::string>();
    d.outcome = p.at("outcome");
    d.state = p.at("state").get<std::string>();
    d.recorded_explanation = p.at("explanation").get<std::string>();
    if (auto trace = e.explanation_json(); trace.is_ok()) d.trace = *trace;
    d.reason = d.recorded_explanation;
    rule_in_trace(d.trace, d.rule, d.at);
    if (!definition_ || definition_->id() != e.definition_id) return d;  // a migrated case: as recorded
    auto again = reevaluate_recorded(*definition_, name_.type, p, true);
    if (!again.is_ok()) {
      d.warning = again.status().message();
    } else if (again->outcome != d.outcome || again->state != d.state) {
      d.warning = fmt::format("evaluated again it gives {} ({}), not what was recorded: run mentorflow verify",
                              again->outcome.dump(), again->state);
    } else if (DecisionWords words = decision_words(again->trace, definition_->program()); !words.reason.empty()) {
      d.reason = std::move(words.reason);
      d.rule = std::move(words.rule);
      d.at = std::move(words.at);
    }
    return d;
  }

  const dsl::CaseTypeSpec* case_spec() const {
    if (!definition_) return nullptr;
    auto type = definition_->find_case_type(name_.type);
    return type ? &definition_->case_type(*type) : nullptr;
  }

  const dsl::CommandSpec* command_spec(const std::string& command) const {
    const dsl::CaseTypeSpec* spec = case_spec();
    if (!spec) return nullptr;
    auto index = spec->find_command(command);
    return index ? &spec->commands[*index] : nullptr;
  }

  // The case whose command created this one: its LinkedCaseCreated is the event just before, in
  // the same batch. Empty when it is not.
  std::string creator_of(const store::Event& e) const {
    if (e.position <= 1) return {};
    auto before = engine_.store().read_event(e.position - 1);
    if (!before.is_ok() || before->type != events::kLinkedCaseCreated) return {};
    auto p = before->payload_json();
    if (!p.is_ok() || p->value("case", std::string()) != name_.stream()) return {};
    return before->stream;
  }

  Engine& engine_;
  const CaseName& name_;
  const dsl::Definition* definition_;
  History& history_;
  std::string correlation_;  // of the open entry
  std::vector<std::string> flags_;  // the case's flags so far, as worded: FlagCleared names one by number
};

}  // namespace

Result<History> case_history(Engine& engine, const std::string& case_name) {
  auto name = parse_case_name(case_name);
  if (!name.is_ok()) return name.status();
  auto definition = engine.definition_of_edition(name->edition);
  const dsl::Definition* def = definition.is_ok() ? *definition : nullptr;
  History history;
  history.case_name = case_name;
  history.zone = edition_zone(def);
  Builder builder(engine, *name, def, history);
  for (std::uint64_t next = 1;;) {
    auto batch = engine.store().read_stream_forward(case_name, next, kReadBatch);
    if (!batch.is_ok()) return batch.status();
    for (const store::Event& e : *batch)
      if (Status st = builder.add(e); !st.is_ok()) return st;
    if (batch->size() < kReadBatch) break;
    next = batch->back().version + 1;
  }
  if (history.entries.empty()) return Status::not_found(fmt::format("there is no case '{}'", case_name));
  return history;
}

std::string history_text(const History& history) {
  // Users and inputs come from outside: written escaped, so that no name or text forges a line
  // or reaches the terminal as an escape sequence. history_json keeps them exact.
  // The people the case concerns first: its id names one of them at most.
  std::string out = fmt::format("{}{}: {} {}\n", history.case_name,
                                history.parties.empty() ? "" : " (" + printable(history.parties) + ")",
                                history.entries.size(), history.entries.size() == 1 ? "entry" : "entries");
  for (const HistoryEntry& h : history.entries) {
    std::string what = h.command.empty() ? "no command" : h.command;
    if (!h.to_state.empty())
      what += h.from_state.empty() ? ", opened in " + h.to_state : ", " + h.from_state + " -> " + h.to_state;
    out += fmt::format("[{}-{}] {}, {} ({}): {}\n", h.first_position, h.last_position, h.time, printable(h.actor.user),
                       printable(h.actor.role), what);
    if (!h.inputs_short.empty()) out += "    inputs: " + printable(h.inputs_short) + "\n";
    for (const HistoryDecision& d : h.decisions) {
      out += fmt::format("    decided {}: {}\n", d.state, printable(d.reason));
      if (!d.warning.empty()) out += fmt::format("    warning: {}\n", printable(d.warning));
    }
    for (const std::string& n : h.notes) out += "    " + printable(n) + "\n";
  }
  return out;
}

json history_json(const History& history) {
  json out = json::array();
  for (const HistoryEntry& h : history.entries) {
    json decisions = json::array();
    for (const HistoryDecision& d : h.decisions) {
      json j = {{"position", d.position}, {"expression", d.expression}, {"outcome", d.outcome},
                {"state", d.state},       {"reason", d.reason},         {"rule", d.rule},
                {"at", d.at},             {"explanation", d.recorded_explanation}, {"trace", d.trace}};
      if (!d.warning.empty()) j["warning"] = d.warning;
      decisions.push_back(std::move(j));
    }
    out.push_back({{"case", history.case_name},
                   {"positions", {{"first", h.first_position}, {"last", h.last_position}}},
                   {"time", h.time},
                   {"recorded_at", dsl::format_datetime_json(h.recorded_at, history.zone)},
                   {"actor", {{"user", h.actor.user}, {"role", h.actor.role}}},
                   {"command", h.command.empty() ? json(nullptr) : json(h.command)},
                   {"inputs", h.inputs},
                   {"state", h.to_state.empty() ? json(nullptr) : json{{"from", h.from_state}, {"to", h.to_state}}},
                   {"decisions", std::move(decisions)},
                   {"notes", h.notes},
                   {"events", h.event_types}});
  }
  return out;
}

}  // namespace mentorflow::engine::audit
