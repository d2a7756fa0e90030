// A restore into PostgreSQL (store/restore.cpp) in one transaction: the tables (made when
// missing), the backup's documents and its events are committed together or not at all, so a
// restore that fails at any step, its last append included, leaves the database as it was: no
// table it made, no document it stored.
#include <functional>
#include <span>

#include "store/backup.hpp"
#include "store/pg/pg_append.hpp"
#include "store/pg/pg_documents.hpp"
#include "store/pg/pg_schema.hpp"

namespace mentorflow::store::pg {

Result<ChainHead> restore_database(const std::string& url, std::span<const Event> events,
                                   const std::function<Status(DocumentStore&)>& put_documents) {
  Pool pool(url, "SET client_min_messages = warning");
  auto conn = pool.acquire();
  if (!conn.is_ok()) return conn.status();
  auto tx = Transaction::begin(*conn, kReadCommitted);  // rolled back by any return before the commit
  if (!tx.is_ok()) return tx.status();
  if (Status s = create_tables(*conn); !s.is_ok()) return s;
  if (Status s = check_schema_version(*conn); !s.is_ok()) return s;
  auto head = conn->query("SELECT position FROM head WHERE id = 1", {}, "reading the head of the log");
  if (!head.is_ok()) return head.status();
  if (!head->empty() && head->number(0, 0) != 0) return refuse_restore_into(url, head->number(0, 0));
  auto documents = documents_on(*conn, pool.display());
  if (Status s = put_documents(*documents); !s.is_ok()) return s;
  if (events.empty()) {
    if (Status s = tx->commit(); !s.is_ok()) return s;
    return ChainHead{};
  }
  auto channel = notify_channel(*conn);
  if (!channel.is_ok()) return channel.status();
  return append_recorded_on(*conn, events, *channel, /*begin=*/false);  // commits the whole restore
}

}  // namespace mentorflow::store::pg
