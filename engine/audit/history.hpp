#pragma once
// A case's timeline, for the people it concerns and for auditors: one entry per batch the case's
// stream received (an accepted command and what it did, a case opened by another case's command,
// a reminder), each decision in plain words with its rule and FILE:LINE. Built from the log alone:
// the definitions come from the DefinitionPublished events. Read-only. Text and JSON formats:
// docs/ENGINE.md, "Audit".
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "store/event.hpp"

namespace mentorflow::engine::audit {

struct HistoryDecision {
  std::uint64_t position = 0;
  std::string expression;    // the decide clause: `eligible(this)`
  nlohmann::json outcome;    // as recorded
  std::string state;         // the state it chose, as recorded
  std::string reason;        // plain words ("master requires B2, ... (rule eligible, rules/mie-2021.rules:29)")
  std::string rule, at;      // the rule it called and its FILE:LINE; empty when it called none
  std::string recorded_explanation;  // the explanation recorded with it
  nlohmann::json trace;      // the trace recorded with it (the envelope's explanation)
  std::string warning;       // set when the recorded decision does not evaluate again as recorded
};

struct HistoryEntry {
  std::uint64_t first_position = 0, last_position = 0;
  UtcMicros recorded_at = 0;
  std::string time;          // recorded_at in the edition's zone: "2021-09-20 10:00 Europe/Rome"
  store::Actor actor;
  std::string command;       // empty when no command started the batch
  nlohmann::json inputs = nlohmann::json::object();  // as given
  std::string inputs_short;  // "degree master, year 1, cv cv-it.pdf + cv-fr.pdf", in declaration order
  std::string from_state, to_state;  // both empty when the state did not change
  std::vector<HistoryDecision> decisions;
  std::vector<std::string> notes;    // everything else in plain words: opened, outputs, counters, timers
  std::vector<std::string> event_types;
};

struct History {
  std::string case_name;
  std::string parties;  // who it concerns, as it was opened: "mentee anna, mentor marco" (audit/party_words.hpp)
  std::string zone;  // the edition's zone (of its first date-time parameter), else UTC
  std::vector<HistoryEntry> entries;
};

// The timeline of `case_name`. NotFound when the case has no events; InvalidArgument for a name
// that is not a case name; Corruption when its events cannot be read.
Result<History> case_history(Engine& engine, const std::string& case_name);

// The timeline as text, one block per entry (format in docs/ENGINE.md), ending in a newline.
std::string history_text(const History& history);

// The timeline as a JSON array, one object per entry, decisions with their full traces.
nlohmann::json history_json(const History& history);

}  // namespace mentorflow::engine::audit
