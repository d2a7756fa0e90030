#pragma once
// libpq, wrapped for the PostgreSQL store: a result that frees itself, a connection pool, and
// queries with text parameters that answer a Status instead of a PGresult to inspect. Internal to
// store/pg/.
//
// Thread safety: a Pool may be used from any thread; a Connection (a lease from the pool) by one
// thread at a time.
#include <libpq-fe.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.hpp"
#include "store/hash.hpp"

namespace mentorflow::store::pg {

struct ResultFree {
  void operator()(PGresult* r) const { PQclear(r); }
};
struct ConnFree {
  void operator()(PGconn* c) const { PQfinish(c); }
};

// How a query's rows come back: as text (PostgreSQL's output functions), or in binary (numbers as
// 8 bytes, bytea as its bytes), which costs both sides less for a scan of many rows.
enum class Results { kText, kBinary };

// One result of a query: rows of values, in either format (NULL reads as "").
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result) {}
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  // A text column as it is; in text format, any column as PostgreSQL writes it.
  std::string_view text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  // A bigint column; 0 when it is not one (callers read columns the schema declares bigint).
  std::int64_t integer(int row, int column) const;
  // The same, for a column that holds no negative number (positions, versions); 0 for one below 0.
  std::uint64_t number(int row, int column) const { return static_cast<std::uint64_t>(std::max<std::int64_t>(0, integer(row, column))); }
  // A bytea column as bytes (in text format PostgreSQL's hex output, "\x0a1b...", decoded).
  std::string bytes(int row, int column) const;
  // A bytea column of exactly 32 bytes; nullopt otherwise.
  std::optional<Hash> hash(int row, int column) const;
  PGresult* result() const { return result_.get(); }

 private:
  std::unique_ptr<PGresult, ResultFree> result_;
};

// A query parameter: text, or bytes (sent in binary, for bytea), or SQL NULL.
struct Param {
  Param(std::string_view text) : value(text) {}
  Param(const std::string& text) : value(text) {}
  Param(const char* text) : value(text) {}
  // Numbers go to bigint columns: beyond 2^63 - 1 (kLatestVersion, a limit of SIZE_MAX) means "no bound".
  Param(std::uint64_t number) : owned(std::to_string(std::min<std::uint64_t>(number, INT64_MAX))), value(owned) {}
  static Param binary(std::string_view bytes) {
    Param p(bytes);
    p.is_binary = true;
    return p;
  }
  static Param hash(const Hash& hash) { return binary({reinterpret_cast<const char*>(hash.data()), hash.size()}); }
  // One parameter for a whole list (`$1::text[]`, `$1::bigint[]`, `$1::bytea[]`), so that a batch
  // of rows is one statement (`unnest`, `= ANY`) instead of a statement a row, whose text does not
  // change with the rows (prepared once). Sent in PostgreSQL's binary array format.
  static Param text_array(const std::vector<std::string_view>& items);
  static Param number_array(const std::vector<std::uint64_t>& items);  // as Param(std::uint64_t): 2^63 - 1 at most
  static Param integer_array(const std::vector<std::int64_t>& items);    // any bigint, below 0 too (a time before 1970)
  static Param bytea_array(const std::vector<std::string_view>& items);
  static Param null() {
    Param p("");
    p.is_null = true;
    return p;
  }
  Param(const Param& other) : owned(other.owned), value(other.owned.empty() ? other.value : std::string_view(owned)),
                              is_binary(other.is_binary), is_null(other.is_null) {}

  std::string owned;
  std::string_view value;
  bool is_binary = false;
  bool is_null = false;
};

// `params` as libpq takes them: text values copied, since libpq wants them to end in a NUL and a
// string_view need not; bytes sent in binary as they are (they point into `params`).
struct LibpqParams {
  explicit LibpqParams(const std::vector<Param>& params);
  int size() const { return static_cast<int>(values.size()); }
  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
};

// Ok for a result that succeeded; else the error, in PostgreSQL's words, after `what`: Conflict
// when a unique key is taken, a serialisation failed or a deadlock was broken, else IOError.
Status check_result(PGconn* conn, PGresult* result, std::string_view what);

class Pool;

// A connection to the database and the statements prepared on it, which live as long as it does.
// The statements a store runs again and again are prepared on first use, so that the server
// parses and plans each once per connection instead of at every call.
struct Session {
  std::unique_ptr<PGconn, ConnFree> conn;
  std::unordered_map<std::string, std::string> prepared;  // SQL -> statement name
};

// A connection leased from a Pool, given back when destroyed (or dropped if it broke).
class Connection {
 public:
  Connection(Pool& pool, std::unique_ptr<Session> session) : pool_(&pool), session_(std::move(session)) {}
  Connection(Connection&&) = default;
  Connection& operator=(Connection&&) = delete;
  ~Connection();

  // Runs `sql` with `params` ($1, $2, ...). IOError naming `what` and PostgreSQL's message when it
  // fails; Conflict when PostgreSQL says a unique key is taken or a serialisation failed.
  Result<Rows> query(std::string_view sql, const std::vector<Param>& params = {}, std::string_view what = "",
                     Results results = Results::kText);
  // The same in two halves: send() returns once the query is sent, receive() waits for its rows,
  // so that the caller works while the server does (a scan asks for its next page before it
  // reads the page it has). One query in flight at a time; a connection given back with one in
  // flight waits for its answer first.
  Status send(std::string_view sql, const std::vector<Param>& params, std::string_view what, Results results);
  Result<Rows> receive(std::string_view what);
  // Runs one or more statements without parameters (schema, BEGIN, COMMIT).
  Status run(std::string_view sql, std::string_view what = "");

  PGconn* get() const { return session_->conn.get(); }

  // The name `sql` runs under as a prepared statement on this connection, and whether it still
  // has to be prepared (then the caller prepares it, and calls forget() if that fails); nullopt
  // for a statement run unnamed: transaction control, the schema's, or past the limit of
  // prepared statements.
  struct Statement {
    std::string name;
    bool fresh = false;
  };
  std::optional<Statement> statement(const std::string& sql);
  void forget(const std::string& sql) { session_->prepared.erase(sql); }

 private:
  // Statements prepared on one connection at most (the store runs a few dozen different ones;
  // a bound all the same, for SQL built at run time).
  static constexpr std::size_t kMaxPrepared = 128;

  // The name of `sql` as a statement prepared on this connection (preparing it first when new),
  // or nullopt to run it unnamed.
  std::optional<Statement> prepared(const std::string& sql);

  Pool* pool_;
  std::unique_ptr<Session> session_;
  bool in_flight_ = false;  // sent, not yet received
};

// Connections to one database, opened as needed and kept for reuse.
class Pool {
 public:
  // `url`: a libpq connection string or URL. `settings`: SQL run on every new connection.
  Pool(std::string url, std::string settings) : url_(std::move(url)), settings_(std::move(settings)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A connection, reused or new; IOError naming the database (without its password) when none can be made.
  Result<Connection> acquire();
  // A new connection outside the pool (the listener's own).
  Result<std::unique_ptr<PGconn, ConnFree>> connect() const;
  // The URL with any password left out, for messages.
  std::string display() const;

 private:
  friend class Connection;
  void give_back(std::unique_ptr<Session> session);

  // Beyond these, a connection given back is closed. Enough for a server's engines (16 by
  // default), its HTTP readers and its follower at once: a pool that kept fewer than were in use
  // closed and opened connections all the time (a backend started each, milliseconds), and 64
  // engines ran at a third of the rate of 16 (engine_bench --writers 64).
  static constexpr std::size_t kMaxIdle = 64;

  const std::string url_;
  const std::string settings_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Session>> idle_;
};

// The isolation every writing transaction asks for, whatever the server's default: after it
// locks a row (the head, the views checkpoint) a statement must see what the transaction that held
// the lock before committed; under REPEATABLE READ it would get a serialisation failure instead.
inline constexpr std::string_view kReadCommitted = "READ COMMITTED";

// A transaction on a leased connection: rolled back when destroyed without commit().
class Transaction {
 public:
  static Result<Transaction> begin(Connection& conn, std::string_view isolation = "");
  // A transaction the caller began itself (in a Pipeline, with the statements that follow BEGIN).
  static Transaction begun(Connection& conn) { return Transaction(conn); }
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  ~Transaction();
  Status commit();

 private:
  explicit Transaction(Connection& conn) : conn_(&conn) {}
  Connection* conn_;
};

}  // namespace mentorflow::store::pg
