// The documents of a PostgreSQL store: a `documents` table (sha256, bytes), so that every node
// sees every document. Same contract as the files beside a RocksDB store (store/document_store.hpp).
#include <fmt/core.h>

#include "store/document_store.hpp"
#include "store/pg/pg_documents.hpp"
#include "store/pg/pg_event_store.hpp"

namespace mentorflow::store::pg {

namespace {

class DocumentRows final : public DocumentStore {
 public:
  // Each call on a connection of `pool`.
  DocumentRows(std::shared_ptr<Pool> pool, bool read_only) : pool_(std::move(pool)), display_(pool_->display()), read_only_(read_only) {}
  // Each call on `conn`, inside the transaction open there.
  DocumentRows(Connection& conn, std::string display) : conn_(&conn), display_(std::move(display)), read_only_(false) {}

  Result<Hash> put(std::string_view bytes) override {
    if (read_only_) return Status::refused(fmt::format("store {} was opened read-only: no document can be stored", display_));
    const Hash hash = sha256(bytes);
    // A damaged copy (bytes that no longer hash to their key) is replaced.
    auto done = query("INSERT INTO documents (sha256, bytes) VALUES ($1, $2) "
                      "ON CONFLICT (sha256) DO UPDATE SET bytes = EXCLUDED.bytes WHERE documents.bytes <> EXCLUDED.bytes",
                      {Param::hash(hash), Param::binary(bytes)}, fmt::format("storing the document {}", to_hex(hash)));
    if (!done.is_ok()) return done.status();
    return hash;
  }

  Result<std::string> get(const Hash& hash) const override {
    auto rows = query("SELECT bytes FROM documents WHERE sha256 = $1", {Param::hash(hash)}, fmt::format("reading the document {}", to_hex(hash)));
    if (!rows.is_ok()) return rows.status();
    if (rows->empty()) return Status::not_found(fmt::format("there is no document {}", to_hex(hash)));
    std::string bytes = rows->bytes(0, 0);
    if (sha256(bytes) != hash)
      return Status::corruption(fmt::format("the document {} in {} no longer matches its hash: it was altered or damaged",
                                            to_hex(hash), display_));
    return bytes;
  }

  Status remove(const Hash& hash) override {
    if (read_only_) return Status::refused(fmt::format("store {} was opened read-only: no document can be removed", display_));
    auto done = query("DELETE FROM documents WHERE sha256 = $1", {Param::hash(hash)}, fmt::format("removing the document {}", to_hex(hash)));
    return done.is_ok() ? Status::ok() : done.status();
  }

  Result<bool> contains(const Hash& hash) const override {
    auto rows = query("SELECT 1 FROM documents WHERE sha256 = $1", {Param::hash(hash)}, fmt::format("looking for the document {}", to_hex(hash)));
    if (!rows.is_ok()) return rows.status();
    return !rows->empty();
  }

 private:
  Result<Rows> query(std::string_view sql, const std::vector<Param>& params, std::string_view what) const {
    if (conn_) return conn_->query(sql, params, what);
    auto conn = pool_->acquire();
    if (!conn.is_ok()) return conn.status();
    return conn->query(sql, params, what);
  }

  std::shared_ptr<Pool> pool_;
  Connection* conn_ = nullptr;
  const std::string display_;
  const bool read_only_;
};

}  // namespace

std::unique_ptr<DocumentStore> PgEventStore::documents() const { return std::make_unique<DocumentRows>(pool_, read_only()); }

std::unique_ptr<DocumentStore> documents_on(Connection& conn, std::string display) {
  return std::make_unique<DocumentRows>(conn, std::move(display));
}

}  // namespace mentorflow::store::pg
