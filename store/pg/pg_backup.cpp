// The backup of a PostgreSQL store: a logical copy read in one REPEATABLE READ, READ ONLY
// transaction, so that the events, the head and the documents are all as of one commit while
// servers go on appending. Written as events.jsonl (the export format) and documents/ (files, as
// beside a RocksDB store); store/restore.cpp turns it back into a store. The physical route
// (pg_basebackup, WAL archiving) is the database's own: docs/STORE.md, "Backups".
#include <fmt/core.h>

#include <unistd.h>

#include <cstdio>

#include "store/backup.hpp"
#include "store/document_store.hpp"
#include "store/event_json.hpp"
#include "store/file_io.hpp"
#include "store/pg/pg_connection.hpp"
#include "store/pg/pg_schema.hpp"

namespace mentorflow::store::pg {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kEventPage = 1000;
constexpr std::size_t kDocumentPage = 20;  // documents may be megabytes each

// Every event in position order, as JSON lines into `file`; the head the last one reaches.
Result<ChainHead> write_events(Connection& conn, const fs::path& file) {
  std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(file.c_str(), "wbx"), &std::fclose);
  if (!out) return Status::io_error(fmt::format("cannot create {}", file.string()));
  ChainHead last;
  Event event;
  std::string line;
  for (;;) {
    auto rows = conn.query(fmt::format("SELECT {} FROM events WHERE position > $1 ORDER BY position LIMIT {}", kEventColumns, kEventPage),
                           {Param(last.position)}, "reading events");
    if (!rows.is_ok()) return rows.status();
    for (int i = 0; i < rows->size(); ++i) {
      if (Status s = decode_event(*rows, i, event); !s.is_ok()) return s;
      line = event_to_json(event);
      line += '\n';
      if (std::fwrite(line.data(), 1, line.size(), out.get()) != line.size()) return Status::io_error(fmt::format("cannot write {}", file.string()));
      last = ChainHead{event.position, event.hash};
    }
    if (static_cast<std::size_t>(rows->size()) < kEventPage) break;
  }
  if (std::fflush(out.get()) != 0 || ::fsync(fileno(out.get())) != 0) return Status::io_error(fmt::format("cannot write {}", file.string()));
  return last;
}

// Every document, as a file under `folder`, each checked against its key.
Result<std::size_t> write_documents(Connection& conn, const fs::path& folder) {
  auto files = open_document_files(folder, /*read_only=*/false);
  std::size_t written = 0;
  std::string after;  // the last key written, as bytes
  for (;;) {
    auto rows = conn.query(fmt::format("SELECT sha256, bytes FROM documents WHERE sha256 > $1 ORDER BY sha256 LIMIT {}", kDocumentPage),
                           {Param::binary(after)}, "reading documents");
    if (!rows.is_ok()) return rows.status();
    for (int i = 0; i < rows->size(); ++i) {
      after = rows->bytes(i, 0);
      auto hash = files->put(rows->bytes(i, 1));
      if (!hash.is_ok()) return hash.status();
      if (std::string_view(reinterpret_cast<const char*>(hash->data()), hash->size()) != after) {
        const auto key = rows->hash(i, 0);
        return Status::corruption(fmt::format("the document {} no longer matches its hash: it was altered or damaged; run verify",
                                              key ? to_hex(*key) : "with a damaged key"));
      }
      ++written;
    }
    if (static_cast<std::size_t>(rows->size()) < kDocumentPage) break;
  }
  return written;
}

}  // namespace

Result<BackupSummary> backup_database(const std::string& url, const fs::path& into) {
  Pool pool(url, "SET client_min_messages = warning");
  auto conn = pool.acquire();
  if (!conn.is_ok()) return conn.status();
  auto exists = schema_exists(*conn);
  if (!exists.is_ok()) return exists.status();
  if (!*exists) return Status::not_found(fmt::format("there is no mentorflow store in the PostgreSQL database {}", pool.display()));
  if (Status s = check_schema_version(*conn); !s.is_ok()) return s;
  // One snapshot for every read below: the log, its head and the documents as of one commit.
  auto tx = Transaction::begin(*conn, "REPEATABLE READ READ ONLY");
  if (!tx.is_ok()) return tx.status();
  auto head_rows = conn->query("SELECT position, hash FROM head WHERE id = 1", {}, "reading the head of the log");
  if (!head_rows.is_ok()) return head_rows.status();
  auto head_hash = head_rows->empty() ? std::nullopt : head_rows->hash(0, 1);
  if (!head_hash) return Status::corruption(fmt::format("the head row of the store in {} is missing or damaged", pool.display()));
  const ChainHead head{head_rows->number(0, 0), *head_hash};

  auto last = write_events(*conn, into / backup_layout::kEvents);
  if (!last.is_ok()) return last.status();
  if (*last != head)
    return Status::corruption(fmt::format("the head row of the store in {} names position {}, but its last event is at {}; run verify",
                                          pool.display(), head.position, last->position));
  auto documents = write_documents(*conn, into / backup_layout::kDocuments);
  if (!documents.is_ok()) return documents.status();
  if (Status s = tx->commit(); !s.is_ok()) return s;
  return BackupSummary{"postgresql", head, *documents};
}

}  // namespace mentorflow::store::pg
