// mentorflow backup: a copy of a store, taken while it may be in use, that restore turns back into one.
#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/store_command.hpp"
#include "store/backup.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow backup --store DIR|postgresql://... --out BACKUP\n"
    "\n"
    "Writes a backup of the store into the folder BACKUP, which must not exist or be empty. A\n"
    "server may go on writing meanwhile: the backup is the log as it was at one moment, and it is\n"
    "checked (the hash chain walked as verify walks it) before it is put in place. When anything\n"
    "fails, nothing is left at BACKUP.\n"
    "\n"
    "Of a RocksDB store (a folder): a RocksDB checkpoint, itself a store folder (`mentorflow verify\n"
    "--store BACKUP` reads it as it is), with the uploaded documents and the subjects file. Its\n"
    "table files are hard links when BACKUP is on the store's file system: copy the folder to\n"
    "another disk to keep it. The master key is never copied: keep it apart, as you keep it now.\n"
    "\n"
    "Of a PostgreSQL store: every event (events.jsonl, the export format) and every document,\n"
    "read in one REPEATABLE READ snapshot. For the database's own backups (pg_basebackup, WAL\n"
    "archiving, point-in-time recovery) see docs/STORE.md, \"Backups\".\n"
    "\n"
    "Prints the position and hash the backup ends on; `mentorflow restore` makes a store of it.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...   the store to back up\n"
    "  --out BACKUP                   the folder to write\n";

int run_backup(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--store", "--out"}, .flags = {}}, error);
  if (!args) return usage_error("backup", error);
  if (!args->positionals().empty()) return usage_error("backup", fmt::format("unexpected argument '{}'", args->positionals().front()));
  if (!args->get("--store")) return usage_error("backup", "--store DIR|postgresql://... is required");
  if (!args->get("--out")) return usage_error("backup", "--out BACKUP is required");
  auto summary = store::backup_store(*args->get("--store"), *args->get("--out"));
  if (!summary.is_ok()) return report(summary.status());
  fmt::print("backed up {} events and {} documents to {}; the chain ends at position {}, hash {}\n", summary->head.position,
             summary->documents, *args->get("--out"), summary->head.position, store::to_hex(summary->head.hash));
  return kExitOk;
}

const Registration registration({"backup", "write a backup of a store, while it may be in use", kHelp, run_backup});

}  // namespace
}  // namespace mentorflow::cli
