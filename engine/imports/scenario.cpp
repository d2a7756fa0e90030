// Scenarios: parse every line first, then run them in order on the simulated clock, comparing
// each outcome with the one the line expects.
#include "engine/imports/scenario.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <nlohmann/json.hpp>
#include <set>

#include "base/json_input.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/events.hpp"
#include "engine/idempotency.hpp"
#include "engine/imports/applicant_import.hpp"
#include "engine/privacy/pseudonyms.hpp"
#include "store/hash.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::engine::imports {
namespace {

using nlohmann::json;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Reads `object[key]` as a string; an error names the key when it is missing or not a string.
bool read_text(const json& object, const char* key, std::string& out, std::string& error) {
  auto it = object.find(key);
  if (it == object.end()) {
    error = fmt::format("\"{}\" is missing", key);
    return false;
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    error = fmt::format("\"{}\" must be a non-empty string, not {}", key, it->dump());
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool only_keys(const json& object, const std::set<std::string>& allowed, const char* what, std::string& error) {
  for (const auto& [key, value] : object.items()) {
    if (allowed.contains(key)) continue;
    error = fmt::format("unknown key \"{}\": {} line takes {}", key, what, join(allowed));
    return false;
  }
  return true;
}

bool parse_publish(const json& line, ScenarioLine& out, std::string& error) {
  if (!only_keys(line, {"publish", "now", "key"}, "a publish", error)) return false;
  const json& p = line.at("publish");
  if (!p.is_object()) {
    error = "\"publish\" must be an object with \"workflow\", \"rules\" and \"edition\"";
    return false;
  }
  if (!only_keys(p, {"workflow", "rules", "edition"}, "the \"publish\" object of a publish", error)) return false;
  out.step = ScenarioStep::kPublish;
  return read_text(p, "workflow", out.workflow, error) && read_text(p, "rules", out.rules, error) &&
         read_text(p, "edition", out.edition, error);
}

bool parse_import(const json& line, ScenarioLine& out, std::string& error) {
  if (!only_keys(line, {"import", "now", "key"}, "an import", error)) return false;
  const json& i = line.at("import");
  if (!i.is_object()) {
    error = "\"import\" must be an object with \"csv\", \"into\" and \"command\"";
    return false;
  }
  if (!only_keys(i, {"csv", "into", "command"}, "the \"import\" object of an import", error)) return false;
  out.step = ScenarioStep::kImport;
  if (!read_text(i, "csv", out.csv, error) || !read_text(i, "into", out.into, error) ||
      !read_text(i, "command", out.import_command, error))
    return false;
  const auto slash = out.into.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == out.into.size() ||
      out.into.find('/', slash + 1) != std::string::npos) {
    error = fmt::format("\"into\" must be EDITION/TYPE, e.g. \"unimi-2026/mentee_application\", not \"{}\"", out.into);
    return false;
  }
  return true;
}

bool parse_tick(const json& line, ScenarioLine& out, std::string& error) {
  if (!only_keys(line, {"tick", "now", "key"}, "a tick", error)) return false;
  if (line.at("tick") != true) {
    error = "\"tick\" must be true";
    return false;
  }
  out.step = ScenarioStep::kTick;
  return true;
}

bool parse_command(const json& line, ScenarioLine& out, std::string& error) {
  if (!only_keys(line, {"now", "as", "case", "command", "inputs", "expect", "reason", "key"}, "a command", error))
    return false;
  out.step = ScenarioStep::kCommand;
  std::string as;
  if (!read_text(line, "as", as, error) || !read_text(line, "case", out.request.case_name, error) ||
      !read_text(line, "command", out.request.command, error))
    return false;
  const auto colon = as.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == as.size()) {
    error = fmt::format("\"as\" must be ROLE:USER, e.g. \"student:anna\", not \"{}\"", as);
    return false;
  }
  out.request.actor = {as.substr(colon + 1), as.substr(0, colon)};
  if (auto it = line.find("inputs"); it != line.end()) {
    if (!it->is_object()) {
      error = fmt::format("\"inputs\" must be an object, not {}", it->dump());
      return false;
    }
    out.request.inputs = *it;
  }
  std::string expect = "accepted";
  if (line.contains("expect") && !read_text(line, "expect", expect, error)) return false;
  if (expect != "accepted" && expect != "refused") {
    error = fmt::format("\"expect\" is \"accepted\" or \"refused\", not \"{}\"", expect);
    return false;
  }
  out.expect_refused = expect == "refused";
  if (line.contains("reason")) {
    if (!out.expect_refused) {
      error = "\"reason\" goes with \"expect\": \"refused\"";
      return false;
    }
    std::string reason;
    if (!read_text(line, "reason", reason, error)) return false;
    out.reason = std::move(reason);
  }
  return true;
}

// One non-comment line; false with `error` set when it is malformed.
bool parse_line(std::string_view text, ScenarioLine& out, std::string& error) {
  auto parsed = parse_json_input(text);
  if (!parsed.is_ok()) {
    error = parsed.status().message();
    return false;
  }
  json line = std::move(*parsed);
  if (!line.is_object()) {
    error = "a line is one JSON object";
    return false;
  }
  if (!read_text(line, "now", out.now_text, error)) {
    error += " (every line sets the clock, e.g. \"now\": \"2021-10-01 09:00 Europe/Rome\")";
    return false;
  }
  std::string why;
  auto now = dsl::parse_datetime(out.now_text, &why);
  if (!now) {
    error = why.empty() ? fmt::format("\"now\": \"{}\" is not a date-time such as \"2021-10-01 09:00 Europe/Rome\"", out.now_text)
                        : fmt::format("\"now\": {}", why);
    return false;
  }
  out.now = now->utc_micros;
  out.zone = now->zone;
  if (line.contains("key")) {
    if (!line.at("key").is_string()) {
      error = fmt::format("\"key\" must be a string, not {}", line.at("key").dump());
      return false;
    }
    out.key = line.at("key").get<std::string>();
    if (Status st = check_key(out.key); !st.is_ok()) {
      error = "\"key\": " + st.message();
      return false;
    }
  }
  const int kinds = int(line.contains("publish")) + int(line.contains("tick")) + int(line.contains("command")) +
                    int(line.contains("import"));
  if (kinds != 1) {
    error =
        "a line either publishes (\"publish\"), runs a command (\"command\"), fires timers (\"tick\") or imports "
        "applications (\"import\")";
    return false;
  }
  if (line.contains("publish")) return parse_publish(line, out, error);
  if (line.contains("tick")) return parse_tick(line, out, error);
  if (line.contains("import")) return parse_import(line, out, error);
  return parse_command(line, out, error);
}

// Failures of the store itself end the run; everything else is an answer to the command.
bool is_refusal(const Status& s) {
  return s.is_refused() || s.is_not_found() || s.is_invalid_argument() || s.is_conflict();
}

std::string describe(const CommandRequest& r) {
  return fmt::format("{} on {} as {}:{}", r.command, r.case_name, r.actor.role, r.actor.user);
}

class Runner {
 public:
  Runner(Engine& engine, const ScenarioOptions& options, ScenarioSummary& summary)
      : engine_(engine), options_(options), summary_(summary) {}

  // Runs `line`, whose key is `key`: the correlation id of what it writes.
  Status run(const ScenarioLine& line, const std::string& key, LineReport& report) {
    switch (line.step) {
      case ScenarioStep::kPublish: return publish(line, key, report);
      case ScenarioStep::kCommand: return command(line, key, report);
      case ScenarioStep::kTick: return tick_timers(line, key, report);
      case ScenarioStep::kImport: return import_csv(line, key, report);
    }
    return Status::ok();
  }

 private:
  Status publish(const ScenarioLine& line, const std::string& key, LineReport& report) {
    ++summary_.published;
    std::string error;
    const auto path = [&](const std::string& p) { return (options_.base_dir / p).lexically_normal().string(); };
    auto workflow = dsl::SourceFile::load(path(line.workflow), error);
    auto rules = workflow ? dsl::SourceFile::load(path(line.rules), error) : std::nullopt;
    if (!workflow || !rules) {
      report.as_expected = false;
      report.what = fmt::format("publishing edition {} failed: {}", line.edition, error);
      return Status::ok();
    }
    dsl::Diagnostics diagnostics;
    auto published = engine_.publish(*workflow, *rules, line.edition, diagnostics, key);
    if (!published.is_ok()) {
      if (!is_refusal(published.status())) return published.status();
      report.as_expected = false;
      report.what = fmt::format("publishing edition {} failed: {}", line.edition, published.status().message());
      if (!diagnostics.all().empty()) report.notes.push_back(dsl::render(diagnostics));
      return Status::ok();
    }
    report.what = published->already_published
                      ? fmt::format("edition {} is already published with these texts", line.edition)
                      : fmt::format("published edition {} (definition {})", line.edition,
                                    published->definition_id.substr(0, 12));
    return Status::ok();
  }

  Status command(const ScenarioLine& line, const std::string& key, LineReport& report) {
    CommandRequest request = line.request;
    request.key = key;
    request.correlation_id = key;
    if (options_.pseudonyms) {
      auto mapped = options_.pseudonyms->command(engine_, std::move(request));
      if (!mapped.is_ok()) {
        report.as_expected = false;
        report.what = fmt::format("{}: {}", describe(line.request), mapped.status().message());
        return Status::ok();
      }
      request = std::move(*mapped);
    }
    auto accepted = engine_.handle(request);
    if (accepted.is_ok() && accepted->replayed) {
      // Recorded by an earlier run of this line: nothing was decided again, nothing written.
      report.skipped = options_.resume;
      report.as_expected = options_.resume;
      report.what = options_.resume
                        ? fmt::format("{} skipped: already in the log (key '{}', positions {}..{})", describe(request),
                                      key, accepted->first_position, accepted->last_position)
                        : fmt::format("{} was already recorded by an earlier run (key '{}', positions {}..{}); nothing "
                                      "was written (--resume continues a run that was killed)",
                                      describe(request), key, accepted->first_position, accepted->last_position);
      return Status::ok();
    }
    if (accepted.is_ok()) {
      ++summary_.accepted;
      report.notes = accepted->notes;
      for (const std::string& other : accepted->other_cases) report.notes.push_back("also changed " + other);
      report.as_expected = !line.expect_refused;
      report.what = line.expect_refused
                        ? fmt::format("{} was expected to be refused, but it was accepted: now '{}'", describe(request),
                                      accepted->state)
                        : fmt::format("{} accepted: now '{}'", describe(request), accepted->state);
      return Status::ok();
    }
    const Status& refusal = accepted.status();
    if (!is_refusal(refusal)) return refusal;
    // The refusal as the person reads it: the reason a scenario expects names people by their ids.
    const std::string why = options_.pseudonyms ? options_.pseudonyms->reveal(refusal.message()) : refusal.message();
    if (!line.expect_refused) {
      report.as_expected = false;
      report.what = fmt::format("{} was refused: {}", describe(request), why);
    } else if (line.reason && why.find(*line.reason) == std::string::npos) {
      report.as_expected = false;
      report.what = fmt::format("{} was refused, but not for the expected reason \"{}\": {}", describe(request),
                                *line.reason, why);
    } else {
      ++summary_.refused_as_expected;
      report.what = fmt::format("{} refused as expected: {}", describe(request), why);
    }
    return Status::ok();
  }

  // Every row must be accepted (the import is all or nothing); a refused row is unexpected.
  Status import_csv(const ScenarioLine& line, const std::string& key, LineReport& report) {
    const std::string path = (options_.base_dir / line.csv).lexically_normal().string();
    std::string error;
    auto file = dsl::SourceFile::load(path, error);
    if (!file) {
      report.as_expected = false;
      report.what = fmt::format("importing {} failed: {}", line.csv, error);
      return Status::ok();
    }
    const auto slash = line.into.find('/');
    ApplicantImport request{line.csv, file->text(), line.into.substr(0, slash),
                            line.into.substr(slash + 1), line.import_command, "", false, key, options_.pseudonyms};
    auto result = import_applicants(engine_, request);
    if (!result.is_ok()) {
      if (!is_refusal(result.status())) return result.status();
      report.as_expected = false;
      report.what = fmt::format("importing {} failed: {}", line.csv, result.status().message());
      return Status::ok();
    }
    if (!result->problems.empty()) {
      report.as_expected = false;
      report.what = fmt::format("importing {}: {} row{} refused, nothing imported", line.csv,
                                result->problems.size(), result->problems.size() == 1 ? "" : "s");
      for (const RowProblem& p : result->problems) report.notes.push_back(fmt::format("line {}: {}", p.line, p.message));
      return Status::ok();
    }
    summary_.imported += static_cast<int>(result->imported.size());
    report.what = fmt::format("imported {} row{} of {} into {}", result->imported.size(),
                              result->imported.size() == 1 ? "" : "s", line.csv, line.into);
    for (const ImportedCase& c : result->imported) {
      report.notes.push_back(fmt::format("{} now '{}'", c.case_name, c.state));
      for (const std::string& note : c.notes) report.notes.push_back("  " + note);
    }
    return Status::ok();
  }

  Status tick_timers(const ScenarioLine& line, const std::string& key, LineReport& report) {
    ++summary_.ticks;
    auto fired = timers::tick(engine_, key);
    if (!fired.is_ok()) return fired.status();
    summary_.timers_fired += static_cast<int>(fired->size());
    report.what = fmt::format("tick: {} timer{} fired", fired->size(), fired->size() == 1 ? "" : "s");
    for (const timers::Fired& f : *fired)
      report.notes.push_back(fmt::format("{} {} (due {}): {}", f.case_name, f.timer,
                                         dsl::format_datetime(f.due, line.zone), f.outcome));
    return Status::ok();
  }

  Engine& engine_;
  const ScenarioOptions& options_;
  ScenarioSummary& summary_;
};

// DecisionRecorded events among the positions after `from`, up to `to`.
Result<int> decisions_between(const store::EventStore& store, std::uint64_t from, std::uint64_t to) {
  int decisions = 0;
  if (to <= from) return decisions;
  auto written = store.read_all(from + 1, to - from);
  if (!written.is_ok()) return written.status();
  for (const store::Event& e : *written) decisions += e.type == events::kDecisionRecorded ? 1 : 0;
  return decisions;
}

// A failure of the store, naming the line it happened on.
Status at_line(const Status& failure, int number) {
  std::string message = fmt::format("line {}: {}", number, failure.message());
  if (failure.is_corruption()) return Status::corruption(std::move(message));
  if (failure.is_busy()) return Status::busy(std::move(message));
  return Status::io_error(std::move(message));
}

// The store's last event: where it is and when it was recorded (position 0 on an empty store).
struct LastEvent {
  std::uint64_t position = 0;
  UtcMicros recorded_at = 0;
};

Result<LastEvent> last_event(const store::EventStore& store, const LastEvent& known) {
  const std::uint64_t head = store.head().position;
  if (head == 0 || head == known.position) return known;
  auto e = store.read_event(head);
  if (!e.is_ok()) return e.status();
  return LastEvent{head, e->recorded_at};
}

// Resuming: the index of the first line to run. The log's last event names, in its correlation
// id, the line that wrote it (that line's key, alone or before a space): the lines before it ran.
// That line ran too (a command's or an import's events are one batch), unless it is a tick or a
// publish, which write several batches and may have been cut between two: they run again, and
// write only what is missing. 0 when the log does not end with a line of this scenario.
Result<std::size_t> resume_from(const store::EventStore& store, const Scenario& scenario,
                                const std::vector<std::string>& keys, ScenarioSummary& summary) {
  const std::uint64_t head = store.head().position;
  if (head == 0) return std::size_t{0};
  auto last = store.read_event(head);
  if (!last.is_ok()) return last.status();
  const std::string& correlation = last->metadata.correlation_id;
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const bool names = correlation == keys[i] || correlation.starts_with(keys[i] + " ");
    if (names && (!found || keys[i].size() > keys[*found].size())) found = i;
  }
  if (!found) return std::size_t{0};
  const ScenarioLine& line = scenario.lines[*found];
  summary.resumed_after = line.number;
  const bool runs_again = line.step == ScenarioStep::kTick || line.step == ScenarioStep::kPublish;
  return runs_again ? *found : *found + 1;
}

}  // namespace

std::string line_key(const ScenarioLine& line, const std::string& name) {
  if (!line.key.empty()) return line.key;
  std::string key = fmt::format("run:{}:{}", name, line.number);
  if (check_key(key).is_ok()) return key;
  return fmt::format("run:{}:{}", store::to_hex(store::sha256(name)).substr(0, 16), line.number);
}

Scenario parse_scenario(std::string_view text) {
  Scenario scenario;
  while (!text.empty() || scenario.physical_lines == 0) {
    const auto end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const int number = ++scenario.physical_lines;
    const std::string_view body = trim(raw);
    if (body.empty() || body.front() == '#') continue;
    ScenarioLine line;
    line.number = number;
    std::string error;
    if (!parse_line(body, line, error)) {
      scenario.malformed.push_back({number, error});
      continue;
    }
    if (!line.key.empty()) {
      const auto same = std::find_if(scenario.lines.begin(), scenario.lines.end(),
                                     [&](const ScenarioLine& l) { return l.key == line.key; });
      if (same != scenario.lines.end()) {
        scenario.malformed.push_back(
            {number, fmt::format("\"key\": \"{}\" is line {}'s key already: each line has its own", line.key, same->number)});
        continue;
      }
    }
    if (!scenario.lines.empty() && line.now < scenario.lines.back().now) {
      const ScenarioLine& previous = scenario.lines.back();
      scenario.malformed.push_back({number, fmt::format("\"now\": \"{}\" goes back in time: line {} is at \"{}\"",
                                                        line.now_text, previous.number, previous.now_text)});
      continue;
    }
    scenario.lines.push_back(std::move(line));
  }
  return scenario;
}

Result<ScenarioSummary> run_scenario(Engine& engine, ManualClock& clock, const Scenario& scenario,
                                     const ScenarioOptions& options) {
  assert(&engine.clock() == &clock);
  ScenarioSummary summary;
  summary.lines = static_cast<int>(scenario.lines.size() + scenario.malformed.size());
  summary.unexpected = static_cast<int>(scenario.malformed.size());
  if (!scenario.malformed.empty() && !options.keep_going) {
    summary.stopped_at = scenario.malformed.front().number;
    return summary;
  }
  std::vector<std::string> keys;
  for (const ScenarioLine& line : scenario.lines) keys.push_back(line_key(line, options.name));
  std::size_t first = 0;
  if (options.resume) {
    auto from = resume_from(engine.store(), scenario, keys, summary);
    if (!from.is_ok()) return from.status();
    first = *from;
  }
  Runner runner(engine, options, summary);
  LastEvent last;
  for (std::size_t i = 0; i < scenario.lines.size(); ++i) {
    const ScenarioLine& line = scenario.lines[i];
    LineReport report{&line, true, {}, {}};
    if (i < first) {
      report.skipped = true;
      report.what = fmt::format("skipped: already run (the log ends with line {}'s events)", *summary.resumed_after);
      ++summary.skipped;
      if (options.on_line) options.on_line(report);
      continue;
    }
    auto latest = last_event(engine.store(), last);
    if (!latest.is_ok()) return at_line(latest.status(), line.number);
    last = *latest;
    clock.set(line.now);
    const std::uint64_t before = last.position;
    if (last.position > 0 && line.now < last.recorded_at) {
      // As `--now` for a single command (cli/engine_command.cpp): the log's recorded time never goes back.
      report.as_expected = false;
      report.what = fmt::format(
          "\"now\": \"{}\" ({}) is before the time of the store's last event ({}, at position {}): the log's time "
          "never goes back; nothing of this line was written",
          line.now_text, store::format_utc(line.now), store::format_utc(last.recorded_at), last.position);
    } else if (Status st = runner.run(line, keys[i], report); !st.is_ok()) {
      return at_line(st, line.number);
    }
    auto decisions = decisions_between(engine.store(), before, engine.store().head().position);
    if (!decisions.is_ok()) return decisions.status();
    summary.decisions += *decisions;
    ++summary.lines_run;
    if (options.on_line) options.on_line(report);
    if (!report.as_expected) {
      ++summary.unexpected;
      if (!options.keep_going) {
        summary.stopped_at = line.number;
        break;
      }
    }
  }
  return summary;
}

}  // namespace mentorflow::engine::imports
