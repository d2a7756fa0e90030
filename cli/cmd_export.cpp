// mentorflow export: the whole log as JSON Lines on standard output.
#include <fmt/core.h>

#include <cstdio>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "store/event_json.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::size_t kPage = 4096;

constexpr std::string_view kHelp =
    "usage: mentorflow export --store DIR|postgresql://... > events.jsonl\n"
    "\n"
    "Writes every event of the store to standard output as JSON Lines: one whole envelope per\n"
    "line (position, stream, version, type, recorded_at, actor, definition_id, payload,\n"
    "explanation, metadata, previous_hash, hash), keys always in that order, so that\n"
    "`mentorflow import` into an empty store followed by another export gives the same bytes.\n"
    "\n"
    "The store is opened read-only and may be in use by a writer; the export holds the events\n"
    "acknowledged when it started. Format: docs/STORE.md, \"Export format\".\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store to read\n";

int run_export(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "export");
  if (!dir) return kExitUsage;
  auto store = store::EventStore::open(*dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());

  Progress progress("export", (*store)->head().position);
  std::string out;
  for (std::uint64_t next = 1;;) {
    auto page = (*store)->read_all(next, kPage);
    if (!page.is_ok()) return report(page.status());
    if (page->empty()) break;
    out.clear();
    for (const store::Event& e : *page) {
      out += store::event_to_json(e);
      out += '\n';
    }
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) break;
    next = page->back().position + 1;
    progress.update(next - 1);
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) return report(Status::io_error("cannot write to standard output"));
  return kExitOk;
}

const Registration registration({"export", "write every event as JSON Lines to standard output", kHelp, run_export});

}  // namespace
}  // namespace mentorflow::cli
