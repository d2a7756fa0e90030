#include "store/pg/pg_pipeline.hpp"

#include <fmt/core.h>

namespace mentorflow::store::pg {

Pipeline::Pipeline(Connection& conn) : conn_(conn) {
  entered_ = PQenterPipelineMode(conn_.get()) == 1;
  if (!entered_) send_failure_ = Status::io_error(fmt::format("PostgreSQL: cannot start a pipeline: {}", PQerrorMessage(conn_.get())));
}

Pipeline::~Pipeline() {
  if (!whats_.empty()) run();  // answers nobody asked for, read so that the connection is idle again
  if (entered_) PQexitPipelineMode(conn_.get());
}

void Pipeline::add(std::string_view sql, const std::vector<Param>& params, std::string_view what) {
  if (!send_failure_.is_ok()) return;
  const LibpqParams libpq(params);
  const std::string statement(sql);
  if (PQsendQueryParams(conn_.get(), statement.c_str(), libpq.size(), nullptr, libpq.values.data(), libpq.lengths.data(),
                        libpq.formats.data(), 0) != 1) {
    send_failure_ = check_result(conn_.get(), nullptr, what);
    return;
  }
  whats_.emplace_back(what);
}

Result<std::vector<Rows>> Pipeline::run() {
  std::vector<std::string> whats = std::move(whats_);
  whats_.clear();
  Status failure = send_failure_;
  send_failure_ = Status::ok();
  if (!whats.empty() && PQpipelineSync(conn_.get()) != 1 && failure.is_ok())
    failure = check_result(conn_.get(), nullptr, "sending statements");
  // Each statement answers with one result and then a null; a statement skipped after a failure
  // answers PGRES_PIPELINE_ABORTED. The sync point answers PGRES_PIPELINE_SYNC, and nothing after.
  std::vector<Rows> answers;
  answers.reserve(whats.size());
  for (const std::string& what : whats) {
    PGresult* result = PQgetResult(conn_.get());
    if (!result) {  // the connection broke: there are no more answers
      if (failure.is_ok()) failure = check_result(conn_.get(), nullptr, what);
      return failure;
    }
    answers.emplace_back(result);  // owns it from here
    if (failure.is_ok() && PQresultStatus(result) != PGRES_PIPELINE_ABORTED)
      failure = check_result(conn_.get(), result, what);
    while (PGresult* extra = PQgetResult(conn_.get())) PQclear(extra);  // up to the null that ends this answer
  }
  if (!whats.empty())
    while (PGresult* result = PQgetResult(conn_.get())) {
      const bool sync = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
      PQclear(result);
      if (sync) break;
    }
  if (!failure.is_ok()) return failure;
  return answers;
}

}  // namespace mentorflow::store::pg
