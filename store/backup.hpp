#pragma once
// Backups of a store and their restore (docs/STORE.md, "Backups"). A backup is a folder:
//   RocksDB:    a RocksDB checkpoint of the store (itself a store folder: verify reads it as it
//               is), its documents/ and its subjects file; never a master key, which lives
//               outside the store.
//   PostgreSQL: events.jsonl (the export format) and documents/ (files, as beside a RocksDB
//               store), read in one REPEATABLE READ snapshot, so they are the log as it was at one
//               commit.
// Both hold backup.json, which names the backend and the head (position and hash) the backup ends
// on. The folder is written under a temporary name and renamed into place when complete.
#include <cstdint>
#include <filesystem>
#include <string>

#include "base/status.hpp"
#include "store/chain.hpp"

namespace mentorflow::store {

// What a backup holds, or what a restore made.
struct BackupSummary {
  std::string backend;       // "rocksdb" or "postgresql": where the backup was taken
  ChainHead head;            // the last event it holds
  std::size_t documents = 0;
};

// Writes a backup of the store at `location` (a folder or a postgresql:// URL) into `out`, which
// must not exist or be an empty folder (InvalidArgument naming it otherwise). The store may be in
// use by writers meanwhile; the backup is the log as of one moment, checked (verify's chain walk)
// before it is put in place. NotFound when there is no store; IOError when the store or `out`
// cannot be read or written, and then nothing is left at `out`.
Result<BackupSummary> backup_store(const std::string& location, const std::filesystem::path& out);

// Makes the store at `location` from the backup in `from`: into a folder that does not exist or is
// empty, or into a PostgreSQL database or schema that holds no events (InvalidArgument saying so
// otherwise). The restored chain must end on the head backup.json names (Corruption otherwise).
// Views start empty and are rebuilt from the log (`mentorflow replay`, or a server catching up).
Result<BackupSummary> restore_store(const std::filesystem::path& from, const std::string& location);

namespace backup_layout {
inline constexpr std::string_view kManifest = "backup.json";
inline constexpr std::string_view kEvents = "events.jsonl";     // PostgreSQL backups
inline constexpr std::string_view kDocuments = "documents";     // as store/document_store.hpp lays them out
inline constexpr std::string_view kSubjects = "subjects";       // store/file_subjects.hpp, in a RocksDB store folder
}  // namespace backup_layout

// The refusal of a restore into the store at `location`, whose log ends at `head_position`: a
// restore goes only into an empty store.
Status refuse_restore_into(const std::string& location, std::uint64_t head_position);

// Writes backup.json for `summary` into `folder`, synced.
Status write_manifest(const std::filesystem::path& folder, const BackupSummary& summary);
// Copies the document files under `from` (documents/ of a store or backup) to `to`, leaving out
// unfinished temporary files; returns how many. IOError naming the file that cannot be copied.
Result<std::size_t> copy_document_files(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace mentorflow::store
