#include "store/pg/pg_pipeline.hpp"

#include <fmt/core.h>

namespace mentorflow::store::pg {

Pipeline::Pipeline(Connection& conn) : conn_(conn) {
  entered_ = PQenterPipelineMode(conn_.get()) == 1;
  if (!entered_) send_failure_ = Status::io_error(fmt::format("PostgreSQL: cannot start a pipeline: {}", PQerrorMessage(conn_.get())));
}

Pipeline::~Pipeline() {
  if (!queued_.empty()) run();  // answers nobody asked for, read so that the connection is idle again
  if (entered_) PQexitPipelineMode(conn_.get());
}

void Pipeline::add(std::string_view sql, const std::vector<Param>& params, std::string_view what) {
  if (!send_failure_.is_ok()) return;
  const LibpqParams libpq(params);
  const std::string text(sql);
  auto named = conn_.statement(text);
  if (named && named->fresh) {  // prepared in the same round trip, before its first use
    if (PQsendPrepare(conn_.get(), named->name.c_str(), text.c_str(), 0, nullptr) != 1) {
      conn_.forget(text);
      send_failure_ = check_result(conn_.get(), nullptr, what);
      return;
    }
    queued_.push_back({std::string(what), text});
  }
  const int sent = named ? PQsendQueryPrepared(conn_.get(), named->name.c_str(), libpq.size(), libpq.values.data(),
                                               libpq.lengths.data(), libpq.formats.data(), 0)
                         : PQsendQueryParams(conn_.get(), text.c_str(), libpq.size(), nullptr, libpq.values.data(),
                                             libpq.lengths.data(), libpq.formats.data(), 0);
  if (sent != 1) {
    send_failure_ = check_result(conn_.get(), nullptr, what);
    return;
  }
  queued_.push_back({std::string(what), {}});
}

Result<std::vector<Rows>> Pipeline::run() {
  std::vector<Queued> queued = std::move(queued_);
  queued_.clear();
  Status failure = send_failure_;
  send_failure_ = Status::ok();
  if (!queued.empty() && PQpipelineSync(conn_.get()) != 1 && failure.is_ok())
    failure = check_result(conn_.get(), nullptr, "sending statements");
  // Each statement (and each preparing) answers with one result and then a null; one skipped
  // after a failure answers PGRES_PIPELINE_ABORTED. The sync point answers PGRES_PIPELINE_SYNC,
  // and nothing after.
  std::vector<Rows> answers;
  answers.reserve(queued.size());
  for (const Queued& q : queued) {
    PGresult* result = PQgetResult(conn_.get());
    if (!result) {  // the connection broke: there are no more answers
      if (failure.is_ok()) failure = check_result(conn_.get(), nullptr, q.what);
      return failure;
    }
    Rows answer(result);  // owns it from here
    if (!q.prepares.empty() && PQresultStatus(result) != PGRES_COMMAND_OK) conn_.forget(q.prepares);
    if (failure.is_ok() && PQresultStatus(result) != PGRES_PIPELINE_ABORTED)
      failure = check_result(conn_.get(), result, q.what);
    if (q.prepares.empty()) answers.push_back(std::move(answer));
    while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);  // up to the null that ends this answer
  }
  if (!queued.empty())
    while (PGresult* result = PQgetResult(conn_.get())) {
      const bool sync = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
      PQclear(result);
      if (sync) break;
    }
  if (!failure.is_ok()) return failure;
  return answers;
}

}  // namespace mentorflow::store::pg
