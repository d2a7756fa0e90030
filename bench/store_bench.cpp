// store_bench: the event store against raw RocksDB, on the same machine in the same run, with
// the same values (~400 bytes: the raw side stores the bytes of an encoded event) and the same
// sync settings. Prints rates and four ratios:
//   (1) single-writer durable append    vs raw synced single puts           (target >= 60%)
//   (2) 16 concurrent durable appenders vs raw synced puts in batches of 10 (target >= 40%)
//   (3) bulk import without sync        vs raw unsynced WriteBatch puts     (target >= 50%)
//   (4) read-all with envelope decode   vs raw iterator scan                (target >= 40%)
// and what the hash check of reads costs: read-all checking every event's hash (the default)
// against read-all with ReadCheck::kNone, on the same store in the same run (4h).
// usage: store_bench [--dir DIR] [--seconds S] [--store postgresql://...]   (S per timed phase, default 2.5)
//
// With --store, the same run goes on to PostgreSQL (schemas of its own in that database, dropped
// at the end) against raw libpq (bench/pg_yardstick.hpp), the same ~400-byte rows:
//   (p1) single-writer durable append    vs raw single-row INSERT transactions, 1 connection   (target >= 60%)
//   (p2) 16 concurrent durable appenders vs the same from 16 connections                      (target >= 40%, as for commands)
//   (p4) read-all, decoded and checked   vs a raw ordered SELECT of the same rows, paged        (target >= 50%, as for replay)
//
// Write-open mode: store_bench --open-events N [--dir DIR] builds a store of N events (commands of
// 1 to 3 events on 1000 cases, unsynced, then a snapshot of each case) and times opening it for
// writing, alternately with its high-water mark in place (the usual case) and with the mark
// removed, which makes the open read the whole stream index as every open did before the mark.
// The raw side uses RocksDB directly, the one place outside store/ that does: it is the yardstick.
#include <fmt/core.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/version.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "bench/pg_yardstick.hpp"
#include "store/event_codec.hpp"
#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "store/location.hpp"

namespace fs = std::filesystem;
using namespace mentorflow;
using namespace mentorflow::store;
using Stopwatch = std::chrono::steady_clock;

namespace {

constexpr int kWriters = 16;
constexpr int kRawBatch = 10;
constexpr std::size_t kImportEvents = 200'000;
constexpr std::size_t kImportBatch = 1000;
constexpr std::size_t kImportCases = 1000;
constexpr int kRounds = 2;  // each comparison alternates raw and ours this many times

double g_seconds = 2.5;

double elapsed(Stopwatch::time_point since) { return std::chrono::duration<double>(Stopwatch::now() - since).count(); }

std::unique_ptr<rocksdb::DB> open_raw(const fs::path& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  const rocksdb::Status s = rocksdb::DB::Open(options, dir.string(), &db);
  if (!s.ok()) {
    fmt::print(stderr, "store_bench: {}\n", s.ToString());
    std::exit(1);
  }
  return std::unique_ptr<rocksdb::DB>(db);
}

std::unique_ptr<EventStore> open_ours(const fs::path& dir, bool sync) {  // a folder or a postgresql:// URL
  auto store = EventStore::open(dir, {.read_only = false, .create_if_missing = true, .sync = sync, .clock = nullptr});
  if (!store.is_ok()) {
    fmt::print(stderr, "store_bench: {}\n", store.status().to_string());
    std::exit(1);
  }
  return std::move(*store);
}

void check(bool ok, const std::string& what) {
  if (ok) return;
  fmt::print(stderr, "store_bench: {}\n", what);
  std::exit(1);
}

// A bench event: its stored value is about 400 bytes, like a small real command's event.
NewEvent bench_event(int n) {
  NewEvent e;
  e.type = "MeetingLogged";
  e.actor = {"mentor-0042", "mentor"};
  e.definition_id = "mie@2021";
  e.payload = {{"n", n}, {"minutes", 90}, {"diary", std::string(170, 'd')}};
  e.metadata = {"corr-0000000000000001", "cause-000000000000001"};
  return e;
}

// The stored bytes of one bench event: the raw side writes these, so both sides move the same
// bytes with the same compressibility.
std::string raw_value() {
  const NewEvent n = bench_event(0);
  Event e{.position = 1, .stream = "bench/case-1", .version = 1, .type = n.type, .recorded_at = 1'700'000'000'000'000,
          .actor = n.actor, .definition_id = n.definition_id, .payload = *canonical_json(n.payload),
          .explanation = *canonical_json(n.explanation), .metadata = n.metadata, .previous_hash = sha256("previous"),
          .hash = sha256("this")};
  std::string value;
  encode_event_value(e, value);
  return value;
}

// Runs `step` in `threads` threads for `seconds`; returns items per second (step returns items done).
template <class Step>
double rate(int threads, double seconds, Step step) {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::thread> pool;
  const auto start = Stopwatch::now();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      std::uint64_t mine = 0;
      for (std::uint64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) mine += step(t, i);
      done += mine;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  return static_cast<double>(done) / elapsed(start);
}

struct Line {
  std::string name, raw_label;
  int target = 0;  // percent
  double raw = 0, ours = 0;
};

rocksdb::WriteOptions synced() {
  rocksdb::WriteOptions options;
  options.sync = true;
  return options;
}

// Times the raw side and ours in alternation, kRounds each, so that a moment when the machine is
// busy with something else costs both sides alike. Fills the line's two mean rates.
template <class Raw, class Ours>
void alternate(Line& line, int raw_threads, Raw raw, int our_threads, Ours ours) {
  const double slice = g_seconds / kRounds;
  for (int round = 0; round < kRounds; ++round) {
    line.raw += rate(raw_threads, slice, raw) / kRounds;
    line.ours += rate(our_threads, slice, ours) / kRounds;
  }
}

void print(const Line& l) {
  const double ratio = 100.0 * l.ours / l.raw;
  if (l.target == 0) {  // a cost measured, not a target
    fmt::print("{:<36} without {:>9.0f}/s  with  {:>9.0f}/s  ratio {:>4.0f}%  (cost of the check: {:.0f}%)   without = {}\n", l.name,
               l.raw, l.ours, ratio, 100.0 - ratio, l.raw_label);
    return;
  }
  fmt::print("{:<36} raw {:>9.0f}/s  store {:>9.0f}/s  ratio {:>4.0f}%  (target >= {}%: {})   raw = {}\n", l.name, l.raw, l.ours,
             ratio, l.target, ratio >= l.target ? "met" : "MISSED", l.raw_label);
}

Line single_writer(const fs::path& dir, const std::string& value) {
  Line line{"(1) single-writer durable append", "synced single puts", 60};
  auto db = open_raw(dir / "raw1");
  auto store = open_ours(dir / "ours1", true);
  std::uint64_t key = 0;
  alternate(
      line, 1, [&](int, std::uint64_t) { return db->Put(synced(), number_key(++key), value).ok() ? 1 : 0; },
      1, [&](int, std::uint64_t i) {
        return store->append("bench/single", ExpectedVersion::any(), {bench_event(static_cast<int>(i))}).is_ok() ? 1 : 0;
      });
  return line;
}

Line concurrent_writers(const fs::path& dir, const std::string& value) {
  Line line{fmt::format("(2) {} concurrent durable appenders", kWriters), "synced batches of 10, one writer", 40};
  auto db = open_raw(dir / "raw2");
  auto store = open_ours(dir / "ours2", true);
  std::uint64_t key = 0;
  alternate(
      line, 1,
      [&](int, std::uint64_t) {
        rocksdb::WriteBatch batch;
        for (int k = 0; k < kRawBatch; ++k) batch.Put(number_key(++key), value);
        return db->Write(synced(), &batch).ok() ? kRawBatch : 0;
      },
      kWriters, [&](int t, std::uint64_t i) {
        return store->append(fmt::format("bench/{}", t), ExpectedVersion::any(), {bench_event(static_cast<int>(i))}).is_ok() ? 1 : 0;
      });
  return line;
}

// Events with a valid chain, to import, shaped like a real log: commands of 1 to 3 events on 1000
// cases, interleaved. Made by a no-sync store and read back (not timed).
std::vector<Event> recorded_events(const fs::path& dir) {
  auto source = open_ours(dir / "source", false);
  std::size_t made = 0;
  for (std::size_t command = 0; made < kImportEvents; ++command) {
    const std::size_t size = std::min<std::size_t>(1 + command % 3, kImportEvents - made);
    std::vector<NewEvent> events;
    for (std::size_t k = 0; k < size; ++k) events.push_back(bench_event(static_cast<int>(made + k)));
    const std::string stream = fmt::format("bench/case-{}", command * 7919 % kImportCases);
    check(source->append(stream, ExpectedVersion::any(), events).is_ok(), "preparing events");
    made += size;
  }
  auto events = source->read_all(1, kImportEvents);
  check(events.is_ok() && events->size() == kImportEvents, "reading the prepared events");
  return std::move(*events);
}

// Imports into fresh directories raw3-N and ours3-N, alternating; the last pair stays for (4).
// Timed from the first write to the final sync; opening and closing are left out on both sides.
Line bulk_import(const fs::path& dir, const std::string& value, const std::vector<Event>& events) {
  Line line{"(3) bulk import, no sync", fmt::format("unsynced batches of {}", kImportBatch), 50};
  for (int round = 0; round < kRounds; ++round) {
    auto db = open_raw(dir / fmt::format("raw3-{}", round));
    auto start = Stopwatch::now();
    for (std::size_t i = 0; i < kImportEvents; i += kImportBatch) {
      rocksdb::WriteBatch batch;
      for (std::size_t k = 0; k < kImportBatch; ++k) batch.Put(number_key(i + k + 1), value);
      check(db->Write(rocksdb::WriteOptions(), &batch).ok(), "raw import");
    }
    check(db->SyncWAL().ok(), "raw sync");
    line.raw += kImportEvents / elapsed(start) / kRounds;
    db.reset();

    auto store = open_ours(dir / fmt::format("ours3-{}", round), false);
    start = Stopwatch::now();
    for (std::size_t i = 0; i < kImportEvents; i += kImportBatch)
      check(store->append_recorded(std::span(events).subspan(i, kImportBatch)).is_ok(), "store import");
    check(store->sync().is_ok(), "store sync");
    line.ours += kImportEvents / elapsed(start) / kRounds;
  }
  return line;
}

// Reads the whole store page by page; returns the number of events.
std::uint64_t read_everything(const EventStore& store, ReadCheck mode) {
  std::uint64_t n = 0;
  for (std::uint64_t next = 1;;) {
    auto page = store.read_all(next, 1024, mode);
    check(page.is_ok(), "store scan");
    if (page->empty()) break;
    n += page->size();
    next = page->back().position + 1;
  }
  return n;
}

Line read_all(const fs::path& dir) {
  Line line{"(4) read all, envelope decoded", "iterator scan of the same number of values", 40};
  // Reopened: both sides read table files, not a memtable still warm from the import.
  auto db = open_raw(dir / fmt::format("raw3-{}", kRounds - 1));
  auto store = open_ours(dir / fmt::format("ours3-{}", kRounds - 1), false);
  alternate(
      line, 1,
      [&](int, std::uint64_t) {
        std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
        std::uint64_t n = 0, bytes = 0;
        for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) bytes += it->key().size() + it->value().size();
        check(bytes > 0, "raw scan");
        return n;
      },
      1, [&](int, std::uint64_t) { return read_everything(*store, ReadCheck::kHashes); });
  return line;
}

// (4h): the same read-all with and without recomputing each event's hash.
Line read_check_cost(const fs::path& dir) {
  Line line{"(4h) read all, hashes checked", "ReadCheck::kNone, decode only", 0};
  auto store = open_ours(dir / fmt::format("ours3-{}", kRounds - 1), false);
  alternate(
      line, 1, [&](int, std::uint64_t) { return read_everything(*store, ReadCheck::kNone); },
      1, [&](int, std::uint64_t) { return read_everything(*store, ReadCheck::kHashes); });
  return line;
}

// ---- PostgreSQL (--store postgresql://...): the store on PostgreSQL against raw libpq ----------

// Times raw inserts (`raw_clients` connections, one transaction a row) and `ours` in alternation.
template <class Ours>
void alternate_pg(Line& line, bench::PgYardstick& yard, int raw_clients, int our_threads, Ours ours) {
  const double slice = g_seconds / kRounds;
  for (int round = 0; round < kRounds; ++round) {
    line.raw += yard.insert_rate(raw_clients, slice) / kRounds;
    line.ours += rate(our_threads, slice, ours) / kRounds;
  }
}

// (p1), (p2), (p4): the PostgreSQL store's durable appends with 1 and kWriters threads against
// raw single-row INSERT transactions from as many connections, and its read-all against a raw
// ordered scan of the same rows (its own events table).
void postgres_lines(bench::PgYardstick& yard, const std::vector<Event>& events, std::vector<Line>& lines) {
  {
    Line line{"(p1) PostgreSQL single-writer append", "INSERT transactions, 1 connection", 60};
    auto store = open_ours(yard.schema("ours1"), true);
    alternate_pg(line, yard, 1, 1, [&](int, std::uint64_t i) {
      return store->append("bench/single", ExpectedVersion::any(), {bench_event(static_cast<int>(i))}).is_ok() ? 1 : 0;
    });
    lines.push_back(line);
  }
  {
    Line line{fmt::format("(p2) PostgreSQL {} concurrent appenders", kWriters), fmt::format("INSERT transactions, {} connections", kWriters), 40};
    auto store = open_ours(yard.schema("ours2"), true);
    alternate_pg(line, yard, kWriters, kWriters, [&](int t, std::uint64_t i) {
      return store->append(fmt::format("bench/{}", t), ExpectedVersion::any(), {bench_event(static_cast<int>(i))}).is_ok() ? 1 : 0;
    });
    lines.push_back(line);
  }
  {
    Line line{"(p4) PostgreSQL read all, decoded", "ordered SELECT of the same rows, paged", 50};
    const std::string url = yard.schema("ours4");
    auto store = open_ours(url, false);
    for (std::size_t i = 0; i < events.size(); i += kImportBatch)
      check(store->append_recorded(std::span(events).subspan(i, std::min(kImportBatch, events.size() - i))).is_ok(), "PostgreSQL import");
    for (int round = 0; round < kRounds; ++round) {
      line.raw += bench::PgYardstick::scan_rate(url, "events") / kRounds;
      const auto start = Stopwatch::now();
      const std::uint64_t n = read_everything(*store, ReadCheck::kHashes);
      line.ours += n / elapsed(start) / kRounds;
    }
    lines.push_back(line);
  }
}

// Removes the high-water mark from the closed store in `dir`, as a store made before the mark.
void remove_high_water(const fs::path& dir) {
  std::vector<std::string> names;
  check(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok(), "listing column families");
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  check(rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &raw).ok(), "opening the store raw");
  std::unique_ptr<rocksdb::DB> db(raw);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == "meta") check(db->Delete(synced(), handles[i], std::string(kHighWaterKey)).ok(), "deleting the mark");
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
}

// Write-open mode: the open of a store of `events` events, with its high-water mark and without.
void write_open(const fs::path& dir, std::size_t events) {
  const fs::path path = dir / "open";
  auto start = Stopwatch::now();
  std::size_t appends = 0;
  {
    auto store = open_ours(path, false);
    for (std::size_t made = 0, command = 0; made < events; ++command, ++appends) {
      const std::size_t size = std::min<std::size_t>(1 + command % 3, events - made);
      std::vector<NewEvent> batch;
      for (std::size_t k = 0; k < size; ++k) batch.push_back(bench_event(static_cast<int>(made + k)));
      check(store->append(fmt::format("bench/case-{}", command * 7919 % kImportCases), ExpectedVersion::any(), batch).is_ok(),
            "building the store");
      made += size;
    }
    // A snapshot of every case, as the engine keeps of cases with many events: the open holds
    // each against its stream's version.
    for (std::size_t c = 0; c < kImportCases; ++c) {
      const std::string stream = fmt::format("bench/case-{}", c);
      auto version = store->stream_version(stream);
      check(version.is_ok(), "reading a stream version");
      if (*version > 0) check(store->save_snapshot({stream, *version, 1, std::string(200, 's')}).is_ok(), "saving a snapshot");
    }
    check(store->sync().is_ok(), "syncing the store");
  }
  fmt::print("built a store of {} events ({} appends, so {} stream index entries; {} snapshots) in {:.1f} s\n", events, appends,
             appends, kImportCases, elapsed(start));
  open_ours(path, true).reset();  // untimed: the first open replays the write-ahead log of the build
  constexpr int kOpenRounds = 5;
  double with_mark = 0, without_mark = 0;
  for (int round = 0; round < kOpenRounds; ++round) {
    start = Stopwatch::now();
    {
      auto store = open_ours(path, true);
      with_mark += elapsed(start) / kOpenRounds;
      check(store->cut_check() == CutCheck::kHighWaterMark, "the open should have taken the high-water mark");
    }
    remove_high_water(path);
    start = Stopwatch::now();
    {
      auto store = open_ours(path, true);
      without_mark += elapsed(start) / kOpenRounds;
      check(store->cut_check() == CutCheck::kFullScan, "the open should have read the whole index");
    }  // closed: the full check has put the mark back
  }
  fmt::print("\n(5) write-open of {} events, mean of {}: with the high-water mark {:8.1f} ms   whole index read (no mark) {:8.1f} ms\n",
             events, kOpenRounds, 1000 * with_mark, 1000 * without_mark);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::temp_directory_path() / fmt::format("mentorflow-store-bench-{}", ::getpid());
  bool usage_ok = argc % 2 == 1;
  long long open_events = 0;
  std::string pg_url;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--dir") dir = argv[i + 1];
    else if (option == "--seconds") g_seconds = std::atof(argv[i + 1]);
    else if (option == "--open-events") open_events = std::atoll(argv[i + 1]);
    else if (option == "--store") pg_url = argv[i + 1];
    else usage_ok = false;
  }
  if (!pg_url.empty() && !is_database_url(pg_url)) usage_ok = false;
  if (!usage_ok || g_seconds <= 0 || open_events < 0) {
    fmt::print(stderr, "usage: store_bench [--dir DIR] [--seconds S] [--store postgresql://...] | store_bench --open-events N [--dir DIR]\n");
    return 2;
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string value = raw_value();
  fmt::print("store_bench: RocksDB {}.{}.{}, {} hardware threads, {}s per timed phase, values of {} bytes, in {}\n", ROCKSDB_MAJOR,
             ROCKSDB_MINOR, ROCKSDB_PATCH, std::thread::hardware_concurrency(), g_seconds, value.size(), dir.string());

  if (open_events > 0) {
    write_open(dir, static_cast<std::size_t>(open_events));
    fs::remove_all(dir);
    return 0;
  }

  std::vector<Line> lines;
  lines.push_back(single_writer(dir, value));
  lines.push_back(concurrent_writers(dir, value));
  const auto events = recorded_events(dir);
  lines.push_back(bulk_import(dir, value, events));
  lines.push_back(read_all(dir));
  lines.push_back(read_check_cost(dir));
  if (!pg_url.empty()) {
    bench::PgYardstick yard(pg_url);
    fmt::print("PostgreSQL at {}: {}\n", pg_url, yard.describe());
    postgres_lines(yard, events, lines);
  }
  fmt::print("\n");
  for (const Line& l : lines) print(l);
  fs::remove_all(dir);
  return 0;
}
