// PgEventStore: dropping the snapshots and compacting, for an erasure (docs/PRIVACY.md, "Erasing a
// person"). A deleted row stays in its table's pages until VACUUM FULL writes the table anew; what
// PostgreSQL keeps elsewhere for a while (its WAL, replicas, backups) is a limit PRIVACY.md names.
#include <fmt/core.h>

#include "store/pg/pg_event_store.hpp"

namespace mentorflow::store::pg {

Status PgEventStore::drop_snapshots() {
  if (Status s = writable(); !s.is_ok()) return s;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  return conn->run("DELETE FROM snapshots", "dropping the snapshots");
}

Status PgEventStore::compact() {
  if (Status s = writable(); !s.is_ok()) return s;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  // The tables beside the log that an erasure deletes from; the log's own tables keep every row.
  for (std::string_view table : {"snapshots", "views", "documents"})
    if (Status s = conn->run(fmt::format("VACUUM FULL {}", table), fmt::format("rewriting the table {}", table)); !s.is_ok())
      return s;
  return Status::ok();
}

}  // namespace mentorflow::store::pg
