#pragma once
// DocumentStore: the bytes of uploaded documents, content-addressed by their SHA-256. Events name
// a document by file name and hash; the bytes live here, beside the log, so the log stays small
// and a document is stored once however often it is attached. The contract is the backend's;
// the default keeps one file per document under DIR/documents/ (layout: docs/STORE.md).
//
// Thread safety: every method may be called from any thread at once, and from several processes:
// a put is a write to a temporary file renamed into place, so a reader sees all of a document or
// none of it.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "store/hash.hpp"

namespace mentorflow::store {

class EventStore;

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Stores `bytes` under their SHA-256 and returns it; durable when it returns. Storing the same
  // bytes again changes nothing (a damaged copy is replaced). Refused on a read-only store;
  // IOError naming the file when it cannot be written.
  virtual Result<Hash> put(std::string_view bytes) = 0;

  // The bytes stored under `hash`, checked against it: NotFound when there are none; Corruption
  // naming the file when they no longer hash to `hash` (altered or damaged); IOError.
  virtual Result<std::string> get(const Hash& hash) const = 0;

  // Whether bytes are stored under `hash` (not read, not checked: see get()).
  virtual Result<bool> contains(const Hash& hash) const = 0;

  // Removes the bytes stored under `hash` for good (an erased person's upload, docs/PRIVACY.md);
  // Ok when there are none. Refused on a read-only store; IOError naming the file. On PostgreSQL
  // the row's old bytes leave the table's files at the next EventStore::compact().
  virtual Status remove(const Hash& hash) = 0;
};

// The documents of files under `root` (root/ab/cdef…, the hash's 64 hex digits split after two),
// created when the first document is put. `read_only`: put() is refused.
std::unique_ptr<DocumentStore> open_document_files(const std::filesystem::path& root, bool read_only);

// The documents beside `store`'s log (EventStore::documents): for RocksDB,
// open_document_files(DIR/documents); read-only when the store is.
std::unique_ptr<DocumentStore> documents_beside(const EventStore& store);

}  // namespace mentorflow::store
