#pragma once
// The raw PostgreSQL yardstick of store_bench and engine_bench (`--store postgresql://...`): the
// same rows the store writes, inserted and scanned with libpq directly, as an application that
// needs no chain, no stream versions and no global order would. Like the raw RocksDB side of the
// benchmarks, it is the one place outside store/ that speaks to the database itself.
//
// Each benchmark run works in schemas of its own (made here, dropped at the end), so that it can
// be pointed at any database without touching what is there.
#include <fmt/core.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace mentorflow::bench {

class PgYardstick {
 public:
  // `url`: the database; the yardstick's rows go to schema bench_raw_PID, and schema(NAME) names
  // one more for the store under test. Exits with a message when the database cannot be reached.
  explicit PgYardstick(std::string url) : url_(std::move(url)) {
    raw_schema_ = fmt::format("bench_raw_{}", ::getpid());
    exec(url_, fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", raw_schema_));
    schemas_.push_back(raw_schema_);
    // The columns and keys of the store's events table (store/pg/pg_schema.cpp).
    exec(in_schema(raw_schema_), R"(CREATE TABLE raw_events (
      position bigint PRIMARY KEY, stream text COLLATE "C" NOT NULL, version bigint NOT NULL, type text NOT NULL,
      recorded_at bigint NOT NULL, actor_user text NOT NULL, actor_role text NOT NULL, definition_id text NOT NULL,
      payload text NOT NULL, explanation text NOT NULL, correlation_id text NOT NULL, causation_id text NOT NULL,
      previous_hash bytea NOT NULL, hash bytea NOT NULL, UNIQUE (stream, version)))");
  }
  ~PgYardstick() {
    for (const std::string& schema : schemas_) exec(url_, fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema), false);
  }

  // A URL for a new, empty schema bench_NAME_PID, dropped at the end.
  std::string schema(const std::string& name) {
    const std::string schema = fmt::format("bench_{}_{}", name, ::getpid());
    exec(url_, fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", schema));
    schemas_.push_back(schema);
    return in_schema(schema);
  }

  // Rows per second inserted by `clients` connections for `seconds`, one transaction (autocommit)
  // per row: a ~400-byte row like a bench event, distinct positions and streams per client.
  double insert_rate(int clients, double seconds) {
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> done{0};
    std::vector<std::thread> pool;
    const std::string url = in_schema(raw_schema_);
    for (int c = 0; c < clients; ++c)
      pool.emplace_back([&, c] {
        PGconn* conn = connect(url);
        const std::string payload = fmt::format(R"({{"diary":"{}","minutes":90,"n":{}}})", std::string(170, 'd'), c);
        const std::string hash(32, 'h');
        std::uint64_t mine = 0;
        for (; !stop.load(std::memory_order_relaxed); ++mine) {
          const std::uint64_t n = next_.fetch_add(1);
          const std::string position = std::to_string(n), stream = fmt::format("bench/raw-{}", n), version = "1";
          const char* values[14] = {position.c_str(), stream.c_str(), version.c_str(), "MeetingLogged", "1700000000000000",
                                    "mentor-0042", "mentor", "mie@2021", payload.c_str(), "null", "corr-0000000000000001",
                                    "cause-000000000000001", hash.data(), hash.data()};
          int lengths[14] = {}, formats[14] = {};
          lengths[12] = lengths[13] = 32;
          formats[12] = formats[13] = 1;
          PGresult* r = PQexecParams(conn, "INSERT INTO raw_events VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)", 14,
                                     nullptr, values, lengths, formats, 0);
          if (PQresultStatus(r) != PGRES_COMMAND_OK) die(PQerrorMessage(conn));
          PQclear(r);
        }
        done += mine;
        PQfinish(conn);
      });
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : pool) t.join();
    return static_cast<double>(done) / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  // Rows per second of an ordered scan of `table` in schema `url` (all the columns of an event),
  // paged by position as the store reads, each value touched once; returns 0 for an empty table.
  static double scan_rate(const std::string& url, const std::string& table, std::size_t page = 1000) {
    PGconn* conn = connect(url);
    std::uint64_t rows = 0, after = 0, touched = 0;
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
      const std::string from = std::to_string(after);
      const char* values[1] = {from.c_str()};
      PGresult* r = PQexecParams(conn,
                                 fmt::format("SELECT position, stream, version, type, recorded_at, actor_user, actor_role, definition_id, "
                                             "payload, explanation, correlation_id, causation_id, previous_hash, hash FROM {} "
                                             "WHERE position > $1 ORDER BY position LIMIT {}", table, page).c_str(),
                                 1, nullptr, values, nullptr, nullptr, 0);
      if (PQresultStatus(r) != PGRES_TUPLES_OK) die(PQerrorMessage(conn));
      const int n = PQntuples(r);
      for (int i = 0; i < n; ++i)
        for (int c = 0; c < 14; ++c) touched += static_cast<std::uint64_t>(PQgetlength(r, i, c));
      if (n > 0) after = std::strtoull(PQgetvalue(r, n - 1, 0), nullptr, 10);
      rows += static_cast<std::uint64_t>(n);
      PQclear(r);
      if (static_cast<std::size_t>(n) < page) break;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    PQfinish(conn);
    if (touched == 0) return 0;
    return static_cast<double>(rows) / seconds;
  }

  // The schema of the raw rows, for scan_rate.
  std::string raw_url() const { return in_schema(raw_schema_); }

  // The server's version and its fsync / synchronous_commit settings, for the report.
  std::string describe() const {
    PGconn* conn = connect(url_);
    std::string out;
    for (const char* setting : {"server_version", "fsync", "synchronous_commit"}) {
      PGresult* r = PQexec(conn, fmt::format("SHOW {}", setting).c_str());
      out += fmt::format("{}{}={}", out.empty() ? "" : ", ", setting, PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "?");
      PQclear(r);
    }
    PQfinish(conn);
    return out;
  }

 private:
  [[noreturn]] static void die(const std::string& why) {
    fmt::print(stderr, "bench: PostgreSQL: {}\n", why);
    std::exit(1);
  }
  static PGconn* connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) die(PQerrorMessage(conn));
    return conn;
  }
  static void exec(const std::string& url, const std::string& sql, bool must = true) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      if (must) die(PQerrorMessage(conn));
      PQfinish(conn);
      return;
    }
    PGresult* r = PQexec(conn, ("SET client_min_messages = warning; " + sql).c_str());
    if (must && PQresultStatus(r) != PGRES_COMMAND_OK) die(PQerrorMessage(conn));
    PQclear(r);
    PQfinish(conn);
  }
  std::string in_schema(const std::string& schema) const {
    return url_ + (url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  }

  std::string url_, raw_schema_;
  std::vector<std::string> schemas_;
  std::atomic<std::uint64_t> next_{1};
};

}  // namespace mentorflow::bench
