// mentorflow run: a scenario of many commands, in order, on a simulated clock.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/privacy_door.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "engine/imports/scenario.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow run --store DIR|postgresql://... SCENARIO.jsonl [--resume] [--continue] [--verbose]\n"
    "\n"
    "Runs a scenario: one JSON object per line (blank lines and lines starting with '#' are\n"
    "comments), in order, on a simulated clock that each line sets with \"now\":\n"
    "\n"
    "  {\"publish\": {\"workflow\": PATH, \"rules\": PATH, \"edition\": NAME}, \"now\": T}\n"
    "  {\"now\": T, \"as\": \"ROLE:USER\", \"case\": CASE, \"command\": NAME, \"inputs\": {...},\n"
    "   \"expect\": \"accepted\"|\"refused\", \"reason\": \"part of the refusal\"}\n"
    "  {\"tick\": true, \"now\": T}\n"
    "  {\"import\": {\"csv\": PATH, \"into\": \"EDITION/TYPE\", \"command\": NAME}, \"now\": T}\n"
    "\n"
    "Any line may carry \"key\": K, its idempotency key (1 to 200 printable ASCII characters);\n"
    "a line without one gets \"run:FILE:LINE\" (FILE: the scenario's file name). A command is\n"
    "recorded with its key, and a line's key marks everything it writes. A command whose key is\n"
    "recorded already (an earlier run of this scenario) is unexpected and writes nothing: a\n"
    "scenario never applies a command twice. A line whose T is before the store's last event is\n"
    "unexpected too, and writes nothing: the log's time never goes back.\n"
    "\n"
    "PATHs are relative to the scenario's folder; \"expect\" defaults to accepted; T is a date-time\n"
    "such as \"2021-10-01 09:00 Europe/Rome\" and never goes back. The whole file is read first:\n"
    "a malformed line is reported with its number and nothing is run. Then the run stops at the\n"
    "first unexpected outcome (a refusal, an acceptance, or a refusal for another reason than the\n"
    "line's \"reason\"), naming the line. A refused command writes nothing. An import opens one case\n"
    "per row of the CSV, as `mentorflow import-applicants` does; a refused row is unexpected and\n"
    "nothing of that file is imported. Prints a summary: lines, commands accepted, refused as\n"
    "expected, unexpected, timers fired, decisions taken (and cases imported, when any were).\n"
    "Exits with 0 when everything went as expected, 1 otherwise.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store (created if missing)\n"
    "  --resume                      continue a run of this scenario that was stopped or killed: the lines up to\n"
    "                                the one that wrote the log's last event are skipped, and so is a command\n"
    "                                whose key is recorded already; the log then ends as an uninterrupted run's\n"
    "  --continue                    run every line, past malformed lines and unexpected outcomes\n"
    "  --verbose                     print one line per scenario line, with decisions and timers\n";

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_summary(const std::string& path, const engine::imports::ScenarioSummary& s) {
  fmt::print("{}: {} of {} lines run\n", path, s.lines_run, s.lines);
  if (s.resumed_after)
    fmt::print("  resumed after line {}: {} line{} skipped as already run\n", *s.resumed_after, s.skipped,
               s.skipped == 1 ? "" : "s");
  else if (s.skipped > 0)
    fmt::print("  {} line{} skipped as already run\n", s.skipped, s.skipped == 1 ? "" : "s");
  fmt::print("  commands accepted    {:>6}\n", s.accepted);
  fmt::print("  refused as expected  {:>6}\n", s.refused_as_expected);
  fmt::print("  unexpected           {:>6}\n", s.unexpected);
  fmt::print("  timers fired         {:>6}  ({} tick{})\n", s.timers_fired, s.ticks, s.ticks == 1 ? "" : "s");
  fmt::print("  decisions taken      {:>6}\n", s.decisions);
  if (s.imported > 0) fmt::print("  cases imported       {:>6}\n", s.imported);
  if (s.lines_run == 0 && s.stopped_at)
    fmt::print("nothing was run: the scenario has malformed lines (--continue runs the others)\n");
  else if (s.stopped_at)
    fmt::print("stopped at line {} (--continue runs past unexpected outcomes)\n", *s.stopped_at);
  else if (s.all_as_expected())
    fmt::print("everything went as expected\n");
  else
    fmt::print("{} line{} did not go as expected (listed above)\n", s.unexpected, s.unexpected == 1 ? "" : "s");
}

int run_run(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {"--continue", "--verbose", "--resume"}}, error);
  if (!args) return usage_error("run", error);
  const auto dir = args->get("--store");
  if (!dir) return usage_error("run", "--store DIR|postgresql://... is required");
  if (args->positionals().size() != 1) return usage_error("run", "name exactly one SCENARIO.jsonl file");
  const std::string& path = args->positionals()[0];
  const bool verbose = args->has("--verbose");

  const auto text = read_file(path);
  if (!text) return report(Status::invalid_argument(fmt::format("cannot read scenario {}", path)));
  const engine::imports::Scenario scenario = engine::imports::parse_scenario(*text);
  for (const engine::imports::MalformedLine& m : scenario.malformed)
    fmt::print(stderr, "{}:{}: malformed: {}\n", path, m.number, m.message);

  ManualClock clock(0);  // each line sets it before anything is written
  auto store = store::EventStore::open(*dir, {.clock = &clock});
  if (!store.is_ok()) return report(store.status());
  auto privacy = open_privacy(**store, *dir);
  if (!privacy.is_ok()) return report(privacy.status());
  engine::Engine engine(privacy->log(**store), clock);

  // The progress line is drawn on a terminal only, and put aside whenever a line is printed.
  std::optional<Progress> progress;
  int done = 0;
  engine::imports::ScenarioOptions options;
  options.base_dir = std::filesystem::path(path).parent_path();
  options.keep_going = args->has("--continue");
  options.resume = args->has("--resume");
  options.name = std::filesystem::path(path).filename().string();
  options.pseudonyms = privacy->pseudonyms.get();
  options.on_line = [&](const engine::imports::LineReport& r) {
    ++done;
    if (verbose || !r.as_expected) {
      progress.reset();
      std::FILE* to = r.as_expected ? stdout : stderr;
      fmt::print(to, "{}:{}: {}{}\n", path, r.line->number, r.as_expected ? "" : "unexpected: ", r.what);
      for (const std::string& note : r.notes) fmt::print(to, "  {}\n", note);
    }
    if (!verbose) {
      if (!progress) progress.emplace("run", scenario.lines.size());
      progress->update(done);
    }
  };
  auto summary = engine::imports::run_scenario(engine, clock, scenario, options);
  progress.reset();
  if (!summary.is_ok()) return report(summary.status());
  print_summary(path, *summary);
  return summary->all_as_expected() ? kExitOk : kExitRefused;
}

const Registration registration({"run", "run a scenario of commands on a simulated clock", kHelp, run_run});

}  // namespace
}  // namespace mentorflow::cli
