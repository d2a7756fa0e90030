// PgEventStore: opening and reading. Appends are in pg_append.cpp, views and snapshots in
// pg_views.cpp, waiting in pg_wait.cpp, documents in pg_documents.cpp.
#include "store/pg/pg_event_store.hpp"

#include <fmt/core.h>

#include "store/pg/pg_schema.hpp"

namespace mentorflow::store::pg {

namespace {

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

// Reads are paged, so that a scan of a long log does not hold it all in memory at once.
constexpr std::size_t kPage = 1000;

}  // namespace

// What reads check (ReadCheck::kHashes): each event's own hash, and the link between two events
// of one read that are neighbours in the log, read forward or backward.
class PgEventStore::ReadChecker {
 public:
  explicit ReadChecker(ReadCheck check) : check_(check) {}
  Status check(const Event& e) {
    if (check_ == ReadCheck::kNone) return Status::ok();
    if (Status s = check_recorded_hash(e); !s.is_ok()) return s;
    if (last_ && last_->position + 1 == e.position)
      if (Status s = check_link(*last_, e); !s.is_ok()) return s;
    if (last_ && e.position + 1 == last_->position)
      if (Status s = check_link({e.position, e.hash}, last_event_); !s.is_ok()) return s;
    last_ = ChainHead{e.position, e.hash};
    last_event_.position = e.position;  // all check_link reads of the later event
    last_event_.previous_hash = e.previous_hash;
    return Status::ok();
  }

 private:
  ReadCheck check_;
  std::optional<ChainHead> last_;
  Event last_event_;
};

Result<std::unique_ptr<EventStore>> PgEventStore::open(const std::string& url, const OpenOptions& options) {
  // Notices ("relation already exists, skipping") would go to stderr; sync = false trades the
  // latest commits on a crash of the database for speed, as it does on RocksDB.
  // READ COMMITTED whatever the database's default: the appends rely on its snapshot a statement
  // (pg_append.cpp), and some run without BEGIN, in the default.
  std::string settings = "SET client_min_messages = warning; SET default_transaction_isolation = 'read committed'";
  if (!options.sync) settings += "; SET synchronous_commit = off";
  auto pool = std::make_shared<Pool>(url, settings);
  auto conn = pool->acquire();
  if (!conn.is_ok()) return conn.status();
  auto exists = schema_exists(*conn);
  if (!exists.is_ok()) return exists.status();
  if (!*exists) {
    if (options.read_only || !options.create_if_missing)
      return Status::not_found(fmt::format("there is no mentorflow store in the PostgreSQL database {}", pool->display()));
    if (Status s = create_schema(*conn); !s.is_ok()) return s;
  }
  if (Status s = check_schema_version(*conn); !s.is_ok()) return s;
  std::unique_ptr<PgEventStore> store(new PgEventStore(options, pool));  // `pool` outlives `conn`
  auto channel = notify_channel(*conn);
  if (!channel.is_ok()) return channel.status();
  store->channel_ = std::move(*channel);
  if (!options.read_only) {
    // The head row is the high-water mark: a head that names the last event, with a views
    // checkpoint not past it, says the log was not cut behind the store's back (two index
    // lookups). Anything else takes the full look (dangling_references), which decides and names
    // what was found, and a writer must not go on from a cut log.
    auto rows = conn->query("SELECT h.position, coalesce((SELECT max(position) FROM events), 0), "
                            "coalesce((SELECT value FROM meta WHERE key = 'views-checkpoint'), '0')::bigint FROM head h WHERE h.id = 1",
                            {}, "reading the head of the log");
    if (!rows.is_ok()) return rows.status();
    if (rows->empty()) return Status::corruption(fmt::format("the head row of the store in {} is missing", store->pool_->display()));
    const std::uint64_t head = rows->number(0, 0), last = rows->number(0, 1), checkpoint = rows->number(0, 2);
    store->cut_check_ = CutCheck::kHighWaterMark;
    if (head != last || checkpoint > last) {
      store->cut_check_ = CutCheck::kFullScan;
      auto dangling = store->dangling_references(last);
      if (!dangling.is_ok()) return dangling.status();
      return Status::corruption(fmt::format("the store in {} was cut at its end: {}{}; run verify", store->pool_->display(),
                                            head != last ? fmt::format("the head row names position {} but the last event is at {}; ", head, last) : "",
                                            dangling->describe()));
    }
  }
  return std::unique_ptr<EventStore>(std::move(store));
}

PgEventStore::PgEventStore(const OpenOptions& options, std::shared_ptr<Pool> pool)
    : options_(options), clock_(options.clock ? *options.clock : system_clock()), pool_(std::move(pool)) {}

PgEventStore::~PgEventStore() {
  stopping_ = true;
  if (listener_.joinable()) listener_.join();
}

Status PgEventStore::writable() const {
  if (read_only()) return Status::refused(fmt::format("store {} was opened read-only", pool_->display()));
  return Status::ok();
}

Status PgEventStore::sync() { return Status::ok(); }  // every commit is as durable as the database makes it

Result<std::size_t> PgEventStore::select_events(std::string_view condition, const std::vector<Param>& params,
                                                std::string_view order, std::size_t limit,
                                                const std::function<bool(const Event&)>& visit, ReadChecker& checker) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  std::string sql = fmt::format("SELECT {} FROM events WHERE {} ORDER BY {}", kEventColumns, condition, order);
  if (limit < static_cast<std::size_t>(INT64_MAX)) sql += fmt::format(" LIMIT {}", limit);
  auto rows = conn->query(sql, params, "reading events", Results::kBinary);
  if (!rows.is_ok()) return rows.status();
  Event event;
  std::size_t visited = 0;
  for (int i = 0; i < rows->size(); ++i) {
    if (Status s = decode_event(*rows, i, event); !s.is_ok()) return s;
    if (Status s = checker.check(event); !s.is_ok()) return s;
    ++visited;
    if (!visit(event)) break;
  }
  return visited;
}

Result<Event> PgEventStore::read_event(std::uint64_t position, ReadCheck check) const {
  ReadChecker checker(check);
  std::optional<Event> found;
  auto read = select_events("position = $1", {Param(position)}, "position", 1, [&](const Event& e) {
    found = e;
    return true;
  }, checker);
  if (!read.is_ok()) return read.status();
  if (!found) return Status::not_found(fmt::format("there is no event at position {}", position));
  return std::move(*found);
}

Result<std::size_t> PgEventStore::scan_events(std::uint64_t from_position, std::size_t limit,
                                              const std::function<bool(const Event&)>& visit, ReadCheck check) const {
  static const std::string kPageQuery = fmt::format("SELECT {} FROM events WHERE position >= $1 ORDER BY position LIMIT $2", kEventColumns);
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  // Each page is asked for as soon as the one before has arrived, before that one is decoded and
  // visited: the server reads and sends a page while this side works on the one before.
  const auto ask = [&](std::uint64_t from, std::size_t rows) {
    return conn->send(kPageQuery, {Param(from), Param(static_cast<std::uint64_t>(rows))}, "reading events", Results::kBinary);
  };
  std::size_t asked = std::min(kPage, limit);
  if (asked == 0) return std::size_t{0};
  if (Status s = ask(from_position, asked); !s.is_ok()) return s;
  ReadChecker checker(check);  // one across the pages, so the links between pages are checked too
  std::size_t visited = 0;
  Event event;
  for (;;) {
    auto rows = conn->receive("reading events");
    if (!rows.is_ok()) return rows.status();
    const std::size_t n = static_cast<std::size_t>(rows->size());
    const bool more = n == asked && visited + n < limit;
    if (more) {
      asked = std::min(kPage, limit - visited - n);
      if (Status s = ask(rows->number(static_cast<int>(n) - 1, 0) + 1, asked); !s.is_ok()) return s;
    }
    for (int i = 0; i < static_cast<int>(n); ++i) {
      if (Status s = decode_event(*rows, i, event); !s.is_ok()) return s;
      if (Status s = checker.check(event); !s.is_ok()) return s;
      ++visited;
      if (!visit(event)) return visited;  // a page still on its way is read by the connection, given back
    }
    if (!more) return visited;
  }
}

Result<std::vector<Event>> PgEventStore::read_stream(std::string_view stream, std::uint64_t from_version, std::size_t limit,
                                                     bool forward) const {
  ReadChecker checker(ReadCheck::kHashes);
  std::vector<Event> events;
  auto read = select_events(forward ? "stream = $1 AND version >= $2" : "stream = $1 AND version <= $2",
                            {Param(stream), Param(from_version)}, forward ? "version" : "version DESC", limit,
                            [&](const Event& e) {
                              events.push_back(e);
                              return true;
                            }, checker);
  if (!read.is_ok()) return read.status();
  return events;
}

Result<std::vector<Event>> PgEventStore::read_stream_forward(std::string_view stream, std::uint64_t from_version,
                                                             std::size_t limit) const {
  return read_stream(stream, from_version, limit, true);
}

Result<std::vector<Event>> PgEventStore::read_stream_backward(std::string_view stream, std::uint64_t from_version,
                                                              std::size_t limit) const {
  return read_stream(stream, from_version, limit, false);
}

Result<std::uint64_t> PgEventStore::stream_version(std::string_view stream) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT version FROM streams WHERE name = $1", {Param(stream)},
                          fmt::format("reading the version of stream '{}'", stream));
  if (!rows.is_ok()) return rows.status();
  return rows->empty() ? 0 : rows->number(0, 0);
}

Result<std::vector<std::uint64_t>> PgEventStore::stream_versions(const std::vector<std::string>& streams, Freshness freshness) const {
  std::vector<std::uint64_t> versions(streams.size(), 0);
  std::vector<std::string_view> asked;  // those the database is asked for
  std::vector<std::size_t> places;      // where each goes in `versions`
  {
    const std::lock_guard known(known_mu_);
    const bool from_memory = freshness != Freshness::kLatest && alone_;
    for (std::size_t i = 0; i < streams.size(); ++i) {
      const auto it = from_memory ? known_versions_.find(streams[i]) : known_versions_.end();
      if (it != known_versions_.end()) versions[i] = it->second;
      else if (!from_memory || freshness != Freshness::kCreating) asked.push_back(streams[i]), places.push_back(i);
    }
  }
  if (asked.empty()) return versions;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query(kStreamVersions, {Param::text_array(asked)}, "reading the versions of streams");
  if (!rows.is_ok()) return rows.status();
  if (static_cast<std::size_t>(rows->size()) != asked.size())
    return Status::io_error("PostgreSQL answered the versions of other streams than asked");
  for (int i = 0; i < rows->size(); ++i) versions[places[i]] = rows->number(i, 1);  // in the order asked, NULL (no stream) as 0
  return versions;
}

Result<std::uint64_t> PgEventStore::position_of(std::string_view stream, std::uint64_t version) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT position FROM events WHERE stream = $1 AND version = $2", {Param(stream), Param(version)},
                          fmt::format("finding version {} of stream '{}'", version, stream));
  if (!rows.is_ok()) return rows.status();
  if (rows->empty()) return Status::not_found(fmt::format("stream '{}' has no version {}", stream, version));
  return rows->number(0, 0);
}

Result<std::vector<StreamInfo>> PgEventStore::list_streams(std::string_view prefix, std::size_t limit) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT name, version FROM streams WHERE starts_with(name, $1) ORDER BY name LIMIT $2",
                          {Param(prefix), Param(static_cast<std::uint64_t>(limit))}, fmt::format("listing streams '{}*'", prefix));
  if (!rows.is_ok()) return rows.status();
  std::vector<StreamInfo> streams;
  for (int i = 0; i < rows->size(); ++i) streams.push_back({std::string(rows->text(i, 0)), rows->number(i, 1)});
  return streams;
}

ChainHead PgEventStore::head() const {
  auto conn = pool_->acquire();
  if (conn.is_ok()) {
    auto rows = conn->query("SELECT position, hash FROM head WHERE id = 1", {}, "reading the head of the log");
    if (rows.is_ok() && !rows->empty())
      if (auto hash = rows->hash(0, 1)) {
        const ChainHead head{rows->number(0, 0), *hash};
        appended(head.position);
        std::lock_guard lock(wait_mu_);
        last_head_ = head;
        return head;
      }
  }
  std::lock_guard lock(wait_mu_);  // the database is unreachable: the last head seen
  return last_head_;
}

Result<DanglingReferences> PgEventStore::dangling_references(std::uint64_t last_position) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  DanglingReferences d;
  d.last_position = last_position;
  // The streams table is the index: a stream whose version no event up to last_position reaches.
  constexpr std::string_view kReached =
      "(SELECT stream, max(version) AS version FROM events WHERE position <= $1 GROUP BY stream)";
  auto streams = conn->query(fmt::format("SELECT s.name FROM streams s LEFT JOIN {} e ON e.stream = s.name "
                                         "WHERE s.version > coalesce(e.version, 0) ORDER BY s.name",
                                         kReached),
                             {Param(last_position)}, "looking for a cut at the log's end");
  if (!streams.is_ok()) return streams.status();
  if (!streams->empty()) {
    auto head = conn->query("SELECT greatest(position, $1 + 1) FROM head WHERE id = 1", {Param(last_position)}, "reading the head");
    if (!head.is_ok()) return head.status();
    d.index_first = last_position + 1;
    d.index_last = head->empty() ? last_position + 1 : head->number(0, 0);
    d.index_stream_count = static_cast<std::size_t>(streams->size());
    for (int i = 0; i < streams->size() && d.index_streams.size() < DanglingReferences::kNamed; ++i)
      d.index_streams.emplace_back(streams->text(i, 0));
  }
  auto checkpoint = views_checkpoint();
  if (!checkpoint.is_ok()) return checkpoint.status();
  if (*checkpoint > last_position) d.views_checkpoint = *checkpoint;
  auto snapshots = conn->query(fmt::format("SELECT sn.stream, sn.version, coalesce(e.version, 0) FROM snapshots sn LEFT JOIN {} e "
                                           "ON e.stream = sn.stream WHERE sn.version > coalesce(e.version, 0) ORDER BY sn.stream",
                                           kReached),
                               {Param(last_position)}, "looking for snapshots past the log's end");
  if (!snapshots.is_ok()) return snapshots.status();
  d.snapshot_count = static_cast<std::size_t>(snapshots->size());
  for (int i = 0; i < snapshots->size() && d.snapshots.size() < DanglingReferences::kNamed; ++i)
    d.snapshots.push_back({std::string(snapshots->text(i, 0)), snapshots->number(i, 1), snapshots->number(i, 2)});
  return d;
}

}  // namespace mentorflow::store::pg
