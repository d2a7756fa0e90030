#include "store/pg/pg_connection.hpp"

#include <fmt/core.h>

#include <charconv>

#include "store/location.hpp"

namespace mentorflow::store::pg {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::int64_t Rows::integer(int row, int column) const {
  const std::string_view t = text(row, column);
  if (PQfformat(result_.get(), column) == 1) {  // int8send: 8 bytes, big-endian, two's complement
    if (t.size() != 8) return 0;
    std::uint64_t n = 0;
    for (char c : t) n = n << 8 | static_cast<unsigned char>(c);
    return static_cast<std::int64_t>(n);
  }
  std::int64_t n = 0;
  std::from_chars(t.data(), t.data() + t.size(), n);
  return n;
}

std::string Rows::bytes(int row, int column) const {
  const std::string_view t = text(row, column);
  if (PQfformat(result_.get(), column) == 1) return std::string(t);
  std::string out;
  if (t.size() < 2 || t.substr(0, 2) != "\\x") return out;
  out.reserve((t.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < t.size(); i += 2) {
    const int hi = hex_digit(t[i]), lo = hex_digit(t[i + 1]);
    if (hi < 0 || lo < 0) return {};
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::optional<Hash> Rows::hash(int row, int column) const {
  Hash h;
  if (PQfformat(result_.get(), column) == 1) {  // the bytes as they are, without a copy
    const std::string_view t = text(row, column);
    if (t.size() != h.size()) return std::nullopt;
    std::copy(t.begin(), t.end(), reinterpret_cast<char*>(h.data()));
    return h;
  }
  const std::string b = bytes(row, column);
  if (b.size() != h.size()) return std::nullopt;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

Connection::~Connection() {
  if (!session_) return;
  if (in_flight_)  // an answer nobody will read: read all the same, so that the connection is idle again
    while (PGresult* result = PQgetResult(get())) PQclear(result);
  pool_->give_back(std::move(session_));
}

std::optional<Connection::Statement> Connection::statement(const std::string& sql) {
  if (auto it = session_->prepared.find(sql); it != session_->prepared.end()) return Statement{it->second, false};
  // Only reads and writes are prepared: BEGIN, COMMIT and the schema's statements run as they are.
  const bool worth = sql.starts_with("SELECT") || sql.starts_with("INSERT") || sql.starts_with("UPDATE") || sql.starts_with("DELETE") ||
                     sql.starts_with("WITH") || sql.starts_with("MERGE");
  if (!worth || session_->prepared.size() >= kMaxPrepared) return std::nullopt;
  std::string name = fmt::format("mf{}", session_->prepared.size());
  session_->prepared.emplace(sql, name);
  return Statement{std::move(name), true};
}

namespace {

std::string trimmed(std::string m) {
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

}  // namespace

Status check_result(PGconn* conn, PGresult* result, std::string_view what) {
  const ExecStatusType st = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Status::ok();
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  const std::string text = what.empty() ? fmt::format("PostgreSQL: {}", message) : fmt::format("{}: PostgreSQL: {}", what, message);
  // A unique key taken (23505), a serialisation failure (40001) or a deadlock (40P01): another
  // writer got there first, which callers treat as any other conflict.
  if (state && (std::string_view(state) == "23505" || std::string_view(state) == "40001" || std::string_view(state) == "40P01"))
    return Status::conflict(text);
  return Status::io_error(text);
}

namespace {

Param owning(std::string bytes, bool binary) {
  Param p("");
  p.owned = std::move(bytes);
  p.value = p.owned;
  p.is_binary = binary;
  return p;
}

void put_int32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

// PostgreSQL's binary array format (src/backend/utils/adt/arrayfuncs.c, array_recv): the number
// of dimensions, a has-nulls flag and the element type; then the one dimension's length and lower
// bound; then each element as its length and bytes. No escaping on this side, no parsing on the
// server's.
Param binary_array(std::uint32_t element_type, const std::vector<std::string_view>& items) {
  std::size_t size = 20;
  for (std::string_view item : items) size += 4 + item.size();
  std::string out;
  out.reserve(size);
  put_int32(out, items.empty() ? 0 : 1);  // an empty array has no dimension
  put_int32(out, 0);
  put_int32(out, element_type);
  if (!items.empty()) {
    put_int32(out, static_cast<std::uint32_t>(items.size()));
    put_int32(out, 1);
  }
  for (std::string_view item : items) {
    put_int32(out, static_cast<std::uint32_t>(item.size()));
    out += item;
  }
  return owning(std::move(out), true);
}

// pg_type.oid of the element types.
constexpr std::uint32_t kByteaOid = 17, kBigintOid = 20, kTextOid = 25;

}  // namespace

Param Param::text_array(const std::vector<std::string_view>& items) { return binary_array(kTextOid, items); }

Param Param::bytea_array(const std::vector<std::string_view>& items) { return binary_array(kByteaOid, items); }

Param Param::number_array(const std::vector<std::uint64_t>& items) {
  std::vector<std::int64_t> numbers;
  numbers.reserve(items.size());
  for (std::uint64_t item : items) numbers.push_back(static_cast<std::int64_t>(std::min<std::uint64_t>(item, INT64_MAX)));
  return integer_array(numbers);
}

Param Param::integer_array(const std::vector<std::int64_t>& items) {
  std::vector<std::string> numbers;  // each 8 bytes, big-endian, two's complement, as int8send writes them
  numbers.reserve(items.size());
  for (std::int64_t item : items) {
    std::string be;
    const auto n = static_cast<std::uint64_t>(item);
    put_int32(be, static_cast<std::uint32_t>(n >> 32));
    put_int32(be, static_cast<std::uint32_t>(n));
    numbers.push_back(std::move(be));
  }
  return binary_array(kBigintOid, {numbers.begin(), numbers.end()});
}

LibpqParams::LibpqParams(const std::vector<Param>& params) {
  texts.reserve(params.size());  // so that the c_str()s below stay where they are
  for (const Param& p : params) {
    if (p.is_null) values.push_back(nullptr);
    else if (p.is_binary) values.push_back(p.value.data());
    else values.push_back(texts.emplace_back(p.value).c_str());
    lengths.push_back(static_cast<int>(p.value.size()));
    formats.push_back(p.is_binary ? 1 : 0);
  }
}

std::optional<Connection::Statement> Connection::prepared(const std::string& sql) {
  auto named = statement(sql);
  if (named && named->fresh) {  // one round trip more, once per connection
    PGresult* prepared = PQprepare(get(), named->name.c_str(), sql.c_str(), 0, nullptr);
    const Rows owner(prepared);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
      forget(sql);
      named.reset();  // run unnamed, which reports the same error in its own words
    }
  }
  return named;
}

Result<Rows> Connection::query(std::string_view sql, const std::vector<Param>& params, std::string_view what, Results results) {
  if (Status s = send(sql, params, what, results); !s.is_ok()) return s;
  return receive(what);
}

Status Connection::send(std::string_view sql, const std::vector<Param>& params, std::string_view what, Results results) {
  const LibpqParams libpq(params);
  const std::string text(sql);
  const auto named = prepared(text);
  const int format = results == Results::kBinary ? 1 : 0;
  const int sent = named ? PQsendQueryPrepared(get(), named->name.c_str(), libpq.size(), libpq.values.data(), libpq.lengths.data(),
                                               libpq.formats.data(), format)
                         : PQsendQueryParams(get(), text.c_str(), libpq.size(), nullptr, libpq.values.data(), libpq.lengths.data(),
                                             libpq.formats.data(), format);
  if (sent != 1) return check_result(get(), nullptr, what);
  in_flight_ = true;
  return Status::ok();
}

Result<Rows> Connection::receive(std::string_view what) {
  in_flight_ = false;
  Rows rows(PQgetResult(get()));  // the answer; then a null, which ends it
  while (PGresult* extra = PQgetResult(get())) PQclear(extra);
  if (Status s = check_result(get(), rows.result(), what); !s.is_ok()) return s;
  return rows;
}

Status Connection::run(std::string_view sql, std::string_view what) {
  const std::string statement(sql);
  PGresult* result = PQexec(get(), statement.c_str());
  Rows rows(result);
  return check_result(get(), result, what);
}

Result<Connection> Pool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return Connection(*this, std::move(session));
    }
  }
  auto conn = connect();
  if (!conn.is_ok()) return conn.status();
  return Connection(*this, std::make_unique<Session>(Session{std::move(*conn), {}}));
}

Result<std::unique_ptr<PGconn, ConnFree>> Pool::connect() const {
  std::unique_ptr<PGconn, ConnFree> conn(PQconnectdb(url_.c_str()));
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    return Status::io_error(fmt::format("cannot connect to PostgreSQL at {}: {}", display(),
                                        conn ? trimmed(PQerrorMessage(conn.get())) : "out of memory"));
  if (!settings_.empty()) {
    PGresult* result = PQexec(conn.get(), settings_.c_str());
    Rows rows(result);
    if (Status s = check_result(conn.get(), result, "setting up a connection"); !s.is_ok()) return s;
  }
  return conn;
}

std::string Pool::display() const { return shown_location(url_); }

void Pool::give_back(std::unique_ptr<Session> session) {
  // A connection that broke, or was left inside a transaction, is not handed out again.
  PGconn* conn = session->conn.get();
  if (PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE) return;
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(session));
}

Result<Transaction> Transaction::begin(Connection& conn, std::string_view isolation) {
  const std::string sql = isolation.empty() ? "BEGIN" : fmt::format("BEGIN ISOLATION LEVEL {}", isolation);
  if (Status s = conn.run(sql, "starting a transaction"); !s.is_ok()) return s;
  return Transaction(conn);
}

Transaction::~Transaction() {
  if (conn_ && PQtransactionStatus(conn_->get()) != PQTRANS_IDLE) conn_->run("ROLLBACK");
}

Status Transaction::commit() {
  Status s = conn_->run("COMMIT", "committing");
  conn_ = nullptr;
  return s;
}

}  // namespace mentorflow::store::pg
