#pragma once
// Pipeline: several statements sent to PostgreSQL at once and answered in one round trip (libpq's
// pipeline mode), for the appends, whose cost on a nearby server is mostly waiting for answers.
// PostgreSQL runs the statements in order; after one fails, the rest are skipped. Internal to
// store/pg/.
//
// Thread safety: as the Connection it runs on (one thread at a time).
#include <string>
#include <string_view>
#include <vector>

#include "store/pg/pg_connection.hpp"

namespace mentorflow::store::pg {

class Pipeline {
 public:
  // Puts `conn` in pipeline mode until destroyed. `conn` must be idle (no statement running).
  explicit Pipeline(Connection& conn);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Queues `sql` with `params`; nothing is answered before run(). `what` names it in errors.
  // Keep a round to about a thousand statements: libpq blocks while sending, and the server's
  // answers, unread until run(), must not fill the socket meanwhile.
  void add(std::string_view sql, const std::vector<Param>& params = {}, std::string_view what = "");
  // Sends what was queued and waits for every answer: the rows of each statement, in order. The
  // first failure as Connection::query reports it (Conflict for a unique key taken or a
  // serialisation failure, else IOError); the statements after it did not run. The pipeline may
  // then be used again.
  Result<std::vector<Rows>> run();

 private:
  // A statement queued and not yet answered; or the preparing of one (not an answer of run()).
  struct Queued {
    std::string what;
    std::string prepares;  // the SQL a preparing prepares; empty for a statement
  };

  Connection& conn_;
  std::vector<Queued> queued_;
  Status send_failure_ = Status::ok();  // the first statement libpq could not queue
  bool entered_ = false;
};

}  // namespace mentorflow::store::pg
