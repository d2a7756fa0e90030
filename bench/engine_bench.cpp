// engine_bench: the engine against the store and raw RocksDB, on the same machine in the same
// run, with the shipped MIE workflow published so every event is one the engine really writes.
// Prints rates and four ratios (targets from issue 4):
//   (a1) durable commands, one writer        vs the store's durable single-event appends (>= 50%)
//   (a2) durable commands, 16 threads, one Engine each, distinct cases
//                                            vs the store's 16 concurrent durable appenders (>= 50%)
//   (b)  replay of ~1,000,000 events into the read models
//                                            vs a raw RocksDB iterator scan of the same events (>= 40%, >= 400,000/s)
//   (c)  loading a case of ~20 events (from its snapshot) in a store of 1,000,000 events
//                                            vs the same in a store of 1,000 events (ratio <= 1.5)
// Only with --only s (issue 15), on stores made with a master key (docs/PRIVACY.md):
//   (s1) durable commands, one writer, personal values sealed
//                                            vs the same commands with values in clear (>= 80%)
//   (s2) replay of 100,000 events with personal values sealed
//                                            vs the same log in clear (>= 80%)
// usage: engine_bench [--dir DIR] [--seconds S] [--events N] [--only a|pa|b|c|s] [--unsynced yes] [--inline yes]
//                     [--writers W]
//   S: seconds per timed phase of (a), default 3; N: events in the big store, default 1,000,000.
//   --writers W: (a2) from W threads instead of 16, to see how the rate moves with the engines.
//   --unsynced yes: (a) on a store that never syncs, to see (and profile) the commands' CPU alone.
//   --inline yes: (a) with each command catching up the read models itself (as the CLI does)
//   instead of a ReadModelFollower behind the engines (as the server does).
//   The stores go under $TMPDIR and are removed at the end; under --dir DIR they are kept.
//   --store postgresql://...: the same run goes on to PostgreSQL (schemas of its own in that
//   database, dropped at the end), against raw libpq (bench/pg_yardstick.hpp):
//   (pa1), (pa2) durable commands through the engine on a PostgreSQL store
//                                            vs raw single-row INSERT transactions, 1 and W clients (pa2 >= 40%)
//   (pb) replay of the first --pg-events N (default 200,000) events of the generated log, copied
//        into PostgreSQL             vs a raw ordered scan of the same rows (>= 50%)
//   --only pa: (pa1) and (pa2) alone, without the RocksDB side of (a).
// The raw side of (b) opens the store's own `events` column family with RocksDB directly: it
// is the yardstick, as in store_bench.
#include <fmt/core.h>
#include <rocksdb/db.h>
#include <rocksdb/version.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "engine/privacy/pseudonyms.hpp"
#include "engine/privacy/sealing_store.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/read_models/read_model_follower.hpp"
#include "bench/pg_yardstick.hpp"
#include "store/event_store.hpp"
#include "store/location.hpp"
#include "store/master_key.hpp"
#include "store/subjects.hpp"

namespace fs = std::filesystem;
using namespace mentorflow;
using Stopwatch = std::chrono::steady_clock;

namespace {

int g_writers = 16;  // (a2) threads, each with its own Engine
constexpr int kRounds = 3;               // each comparison alternates the two sides this many times
constexpr std::size_t kBlock = 64;       // applicants per multi-stream append when generating a log
constexpr std::size_t kSmallEvents = 1000;
constexpr std::size_t kSealedEvents = 100'000;  // the log replayed by (s2), sealed and in clear
constexpr int kLoads = 20'000;           // loads per round in (c)
const std::string kTemplateId = "tplx";  // the applicant whose lifecycle is copied, renamed

double g_seconds = 3.0;
std::size_t g_events = 1'000'000;
std::string g_only;  // run only this part (a, b, c or s; pa: only the PostgreSQL side of a), e.g. to profile it
bool g_unsynced = false;  // (a) on a store that does not sync: the commands' CPU alone, for profiling
bool g_inline = false;    // (a) with the read models caught up inside each command, as the CLI does
std::string g_pg_url;     // --store: (pa) and (pb) on PostgreSQL too, against raw libpq
std::size_t g_pg_events = 200'000;  // events in the PostgreSQL store of (pb)

double elapsed(Stopwatch::time_point since) { return std::chrono::duration<double>(Stopwatch::now() - since).count(); }

[[noreturn]] void fail(const std::string& what) {
  fmt::print(stderr, "engine_bench: {}\n", what);
  std::exit(1);
}

template <class T>
T must(Result<T> r, const std::string& what) {
  if (!r.is_ok()) fail(fmt::format("{}: {}", what, r.status().to_string()));
  return std::move(r).value();
}

void must(const Status& s, const std::string& what) {
  if (!s.is_ok()) fail(fmt::format("{}: {}", what, s.to_string()));
}

UtcMicros at(const std::string& text) {
  auto t = dsl::parse_datetime(text);
  if (!t) fail("bad time " + text);
  return t->utc_micros;
}

dsl::SourceFile shipped(const std::string& relative) {
  std::string error;
  // Run from the source tree's root (as docs/BENCHMARKS.md says), or found from this file's place
  // (which a ccache CCACHE_BASEDIR build makes relative to the build folder).
  auto file = dsl::SourceFile::load(relative, error);
  if (!file) file = dsl::SourceFile::load((fs::path(__FILE__).parent_path().parent_path() / relative).string(), error);
  if (!file) fail(error);
  return *file;
}

// A store with an engine on it; a new one gets MIE 2021 published and one project open for
// applications.
struct Bench {
  ManualClock clock{at("2021-09-01 09:00 Europe/Rome")};
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<engine::Engine> engine;

  Bench(const fs::path& dir, bool sync, bool fresh = true) {
    store = must(store::EventStore::open(dir, {.read_only = false, .create_if_missing = true, .sync = sync, .clock = &clock}), "opening " + dir.string());
    engine = std::make_unique<engine::Engine>(*store, clock);
    if (!fresh) {
      clock.set(at("2021-09-20 10:00 Europe/Rome"));
      return;
    }
    dsl::Diagnostics diagnostics;
    must(engine->publish(shipped("workflows/mie.flow"), shipped("rules/mie-2021.rules"), "mie-2021", diagnostics), "publishing MIE");
    clock.set(at("2021-09-20 10:00 Europe/Rome"));
    command(*engine, "mentor:marco", "mie-2021/project/lyon", "offer_project",
            {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}});
    command(*engine, "staff:carla", "mie-2021/project/lyon", "publish_project");
  }

  static void command(engine::Engine& engine, const std::string& as, const std::string& c, const std::string& name,
                      const nlohmann::json& inputs = nlohmann::json::object()) {
    const auto colon = as.find(':');
    must(engine.handle({c, name, {as.substr(colon + 1), as.substr(0, colon)}, inputs, ""}), fmt::format("{} on {}", name, c));
  }
};

nlohmann::json submission() {
  return {{"degree", "bachelor"}, {"year", 2}, {"certificate_language", "french"}, {"certified_level", "B2"},
          {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}}, {"letter", {{"it", "l-it.pdf"}, {"foreign", "l-fr.pdf"}}},
          {"certificate", "delf.pdf"}};
}

// One applicant's whole MIE path, command by command: application, match, agreement, six
// meetings, six diaries, credits, questionnaire. `upto` stops after that many commands.
void lifecycle(engine::Engine& e, const std::string& who, std::size_t upto, const std::function<void()>& after_each) {
  const std::string a = "mie-2021/application/" + who, m = "mie-2021/mentorship/" + who, s = "student:" + who;
  std::vector<std::function<void()>> steps = {
      [&] { Bench::command(e, s, a, "start_application", {{"project", "mie-2021/project/lyon"}}); },
      [&] { Bench::command(e, s, a, "submit", submission()); },
      [&] { Bench::command(e, "staff:carla", a, "confirm_match"); },
      [&] { Bench::command(e, s, m, "sign_agreement_as_mentee"); },
      [&] { Bench::command(e, "mentor:marco", m, "sign_agreement_as_mentor"); },
      [&] { Bench::command(e, s, m, "send_agreement", {{"topics", "film production"}, {"agreement", "agreement.pdf"}}); }};
  for (int i = 0; i < 6; ++i)
    steps.push_back([&] { Bench::command(e, "mentor:marco", m, "log_meeting", {{"held_on", "2021-11-02T18:00:00+01:00"}, {"length", "90min"}}); });
  steps.push_back([&] { Bench::command(e, s, m, "finish_meetings"); });
  for (int i = 0; i < 6; ++i) steps.push_back([&] { Bench::command(e, s, m, "upload_diary", {{"diary", "diary.pdf"}}); });
  steps.push_back([&] { Bench::command(e, s, m, "request_credit_recognition", {{"credit_form", "credits.pdf"}}); });
  steps.push_back([&] { Bench::command(e, s, m, "submit_questionnaire", {{"answers", "it was worth it"}}); });
  for (std::size_t i = 0; i < steps.size() && i < upto; ++i) {
    steps[i]();
    if (after_each) after_each();
  }
}

// ---- generating big logs of real events ------------------------------------------------------

// The events one command of the template applicant appended, by stream, texts with the
// applicant's id still in them.
struct Step {
  std::vector<std::pair<std::string, std::vector<store::Event>>> writes;
};

std::vector<Step> record_template(const fs::path& dir) {
  Bench b(dir, false);
  std::vector<Step> steps;
  std::uint64_t seen = b.store->head().position;
  lifecycle(*b.engine, kTemplateId, SIZE_MAX, [&] {
    Step step;
    for (store::Event& e : must(b.store->read_all(seen + 1, SIZE_MAX), "reading the template")) {
      if (step.writes.empty() || step.writes.back().first != e.stream) step.writes.push_back({e.stream, {}});
      step.writes.back().second.push_back(std::move(e));
    }
    seen = b.store->head().position;
    steps.push_back(std::move(step));
  });
  return steps;
}

std::string renamed(const std::string& text, const std::string& id) {
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t from = 0;
  for (std::size_t hit; (hit = text.find(kTemplateId, from)) != std::string::npos; from = hit + kTemplateId.size())
    out.append(text, from, hit - from).append(id);
  return out.append(text, from);
}

store::NewEvent renamed_event(const store::Event& e, const std::string& id) {
  store::NewEvent n;
  n.type = e.type;
  n.actor = {renamed(e.actor.user, id), e.actor.role};
  n.definition_id = e.definition_id;
  n.payload = nlohmann::json::parse(renamed(e.payload, id));
  n.explanation = nlohmann::json::parse(renamed(e.explanation, id));
  n.metadata = e.metadata;
  return n;
}

// A store whose log is MIE 2021 with applicants a000000, a000001... each taken through the
// template's whole path, everyone's first command, then everyone's second, and so on (as an
// edition runs), until it holds at least `events` events; appended without sync, `kBlock`
// applicants per multi-stream append. Returns the number of events.
// Appends to `log` the lifecycles of applicants id_of(0), id_of(1)... until it holds at least
// `events` events, everyone's first command, then everyone's second (as an edition runs).
void generate_into(store::EventStore& log, const std::vector<Step>& steps, std::size_t events,
                   const std::function<std::string(std::size_t)>& id_of) {
  std::size_t per_applicant = 0;
  for (const Step& s : steps)
    for (const auto& w : s.writes) per_applicant += w.second.size();
  const std::size_t base = log.head().position;
  const std::size_t applicants = events > base ? (events - base + per_applicant - 1) / per_applicant : 0;
  std::vector<std::string> ids;
  for (std::size_t a = 0; a < applicants; ++a) ids.push_back(id_of(a));
  for (const Step& step : steps) {
    for (std::size_t first = 0; first < applicants; first += kBlock) {
      std::vector<store::StreamAppend> appends;
      for (std::size_t a = first; a < std::min(applicants, first + kBlock); ++a) {
        for (const auto& [stream, template_events] : step.writes) {
          store::StreamAppend& append = appends.emplace_back(store::StreamAppend{renamed(stream, ids[a]), store::ExpectedVersion::any(), {}});
          for (const store::Event& e : template_events) append.events.push_back(renamed_event(e, ids[a]));
        }
      }
      must(log.append_multi(appends), "generating the log");
    }
  }
  must(log.sync(), "syncing the generated log");
}

std::uint64_t generate(const fs::path& dir, const std::vector<Step>& steps, std::size_t events) {
  Bench b(dir, false);
  generate_into(*b.store, steps, events, [](std::size_t a) { return fmt::format("a{:06}", a); });
  const std::uint64_t written = b.store->head().position;
  b.engine.reset();
  b.store.reset();
  // Opening it once more for writing moves the log from the write-ahead log into table files,
  // where a long-lived store keeps it; both sides of (b) then read those.
  must(store::EventStore::open(dir, {.read_only = false, .create_if_missing = false, .sync = false, .clock = nullptr}), "reopening");
  return written;
}

// ---- measuring --------------------------------------------------------------------------------

// The process's CPU time (user + system, all threads) so far, in seconds.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Calls per second of a timed phase, and the CPU time (all threads) each call cost.
struct Rate {
  double per_second = 0, cpu_us = 0;
};

// Runs `step(thread, i)` in `threads` threads for `seconds`, then `settle()` (work the steps left
// behind them, counted in the time).
template <class Work>
Rate rate(int threads, double seconds, Work step, const std::function<void()>& settle = {}) {
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::thread> pool;
  const auto start = Stopwatch::now();
  const double cpu_start = cpu_seconds();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      std::uint64_t mine = 0;
      for (std::uint64_t i = 0; !stop.load(std::memory_order_relaxed); ++i, ++mine) step(t, i);
      done += mine;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  if (settle) settle();
  const double calls = static_cast<double>(done);
  return {calls / elapsed(start), (cpu_seconds() - cpu_start) * 1e6 / std::max(calls, 1.0)};
}

struct Line {
  Line(std::string n, std::string b, std::string o) : name(std::move(n)), baseline(std::move(b)), ours_label(std::move(o)) {}
  std::string name, baseline, ours_label;
  double base = 0, ours = 0;
  double base_cpu_us = 0, ours_cpu_us = 0;  // CPU per call, where measured
  std::string verdict;
};

store::NewEvent plain_event(std::uint64_t i) {
  store::NewEvent e;
  e.type = "CommandAccepted";
  e.actor = {"bench", "student"};
  e.definition_id = "bench";
  e.payload = {{"command", "log_meeting"}, {"inputs", {{"held_on", "2021-11-02T17:00:00Z"}, {"length", 5400}, {"n", i}}}};
  return e;
}

// What commands are measured against: calls per second of `threads` threads for `seconds`, given
// the store the commands run on.
using Baseline = std::function<Rate(store::EventStore& store, int threads, double seconds)>;

// (a): commands through Engine::handle on a durable store at `location`, against `baseline`
// (labelled `base_label`, with the thread count), with 1 and with g_writers threads. `tag` names
// the lines; a target of 0 is shown without a verdict.
void durable_commands(const std::string& location, const std::string& tag, const std::string& base_label, const Baseline& baseline,
                      int target_one, int target_many, std::vector<Line>& lines) {
  Bench b(location, !g_unsynced);
  Line one{fmt::format("({}1) durable commands, 1 writer", tag), fmt::format("{}, 1 thread", base_label), "commands/s"};
  Line many{fmt::format("({}2) durable commands, {} threads", tag, g_writers), fmt::format("{}, {} threads", base_label, g_writers),
            "commands/s"};
  std::vector<std::unique_ptr<engine::Engine>> engines;
  // As the server runs them: the engines leave the read models to a follower, whose lag at the end
  // of a phase is counted in the phase's time (or, with --inline yes, each command catches up).
  const auto upkeep = g_inline ? engine::ReadModelUpkeep::kAfterEachCommand : engine::ReadModelUpkeep::kByFollower;
  for (int t = 0; t < g_writers; ++t) engines.push_back(std::make_unique<engine::Engine>(*b.store, b.clock, upkeep));
  // One phase of commands: the follower starts level with the log (the baseline's appends are
  // projected before the clock starts) and is stopped, level again, before it stops.
  const auto commands = [&](int threads, auto step) {
    must(engine::read_models::catch_up_read_models(*b.store), "catching up before a phase");
    std::optional<engine::read_models::ReadModelFollower> follower;
    if (!g_inline) follower.emplace(*b.store);
    return rate(threads, g_seconds / kRounds, step, [&] { follower.reset(); });
  };
  // Even calls open an application, odd ones submit it: two commands per applicant.
  auto command = [&](engine::Engine& e, const std::string& who, std::uint64_t i) {
    const std::string a = fmt::format("mie-2021/application/{}-{}", who, i / 2);
    const std::string s = fmt::format("student:{}-{}", who, i / 2);
    if (i % 2 == 0) Bench::command(e, s, a, "start_application", {{"project", "mie-2021/project/lyon"}});
    else Bench::command(e, s, a, "submit", submission());
  };
  const double slice = g_seconds / kRounds;
  auto add = [](double& sum, double& cpu, Rate r) {
    sum += r.per_second / kRounds;
    cpu += r.cpu_us / kRounds;
  };
  for (int round = 0; round < kRounds; ++round) {  // each round names its applicants afresh
    add(one.base, one.base_cpu_us, baseline(*b.store, 1, slice));
    add(one.ours, one.ours_cpu_us, commands(1, [&](int, std::uint64_t i) { command(*engines[0], fmt::format("r{}", round), i); }));
    add(many.base, many.base_cpu_us, baseline(*b.store, g_writers, slice));
    add(many.ours, many.ours_cpu_us, commands(g_writers, [&](int t, std::uint64_t i) { command(*engines[t], fmt::format("r{}t{}", round, t), i); }));
  }
  for (auto [l, target] : {std::pair{&one, target_one}, std::pair{&many, target_many}}) {
    const double ratio = 100.0 * l->ours / l->base;
    l->verdict = target == 0 ? fmt::format("{:.0f}%", ratio)
                             : fmt::format("{:.0f}% (target >= {}%: {})", ratio, target, ratio >= target ? "met" : "MISSED");
  }
  lines.push_back(one);
  lines.push_back(many);
}

// The store's own durable appends of one event each: the baseline of (a) on RocksDB.
Rate store_appends(store::EventStore& store, int threads, double seconds) {
  return rate(threads, seconds, [&](int t, std::uint64_t i) {
    must(store.append(fmt::format("bench/{}", t), store::ExpectedVersion::any(), {plain_event(i)}), "append");
  });
}

// All column families of a store, opened read-only with RocksDB itself; the events family is [1].
struct RawStore {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::ColumnFamilyHandle* events = nullptr;

  explicit RawStore(const fs::path& dir) {
    std::vector<std::string> names;
    if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok()) fail("listing column families");
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir.string(), families, &handles, &raw).ok()) fail("raw open");
    db.reset(raw);
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == "events") events = handles[i];
  }
  ~RawStore() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }
};

// Events per second of a raw ordered scan of the log's events: the baseline of (b).
using RawScan = std::function<double()>;

// RocksDB's own iterator over the store's events family in `dir`.
RawScan rocks_scan(const fs::path& dir, std::uint64_t events) {
  return [dir, events] {
    RawStore raw(dir);
    const auto start = Stopwatch::now();
    std::unique_ptr<rocksdb::Iterator> it(raw.db->NewIterator(rocksdb::ReadOptions(), raw.events));
    std::uint64_t n = 0, bytes = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) bytes += it->key().size() + it->value().size();
    if (n != events || bytes == 0) fail("raw scan");
    return n / elapsed(start);
  };
}

// (b): mentorflow replay's work (drop the views, project every event) on the store at `location`
// against `raw_scan`; the verdict against `target` percent (and `floor` events/s when not 0).
Line replay(const std::string& name, const std::string& location, std::uint64_t events, const std::string& raw_label,
            const RawScan& raw_scan, int target, double floor) {
  Line line{fmt::format("{} replay {} events", name, events), raw_label, "events/s"};
  for (int round = 0; round < kRounds; ++round) {
    line.base += raw_scan() / kRounds;
    auto store = must(store::EventStore::open(location, {.read_only = false, .create_if_missing = false, .sync = false, .clock = nullptr}), "reopening");
    const auto start = Stopwatch::now();
    const engine::read_models::CatchUp done = must(engine::read_models::rebuild_read_models(*store), "replaying");
    line.ours += done.events / elapsed(start) / kRounds;
    if (done.events != events) fail("replay missed events");
  }
  const double ratio = 100.0 * line.ours / line.base;
  line.verdict = floor > 0 ? fmt::format("{:.0f}% (target >= {}% and >= {:.0f}/s: {})", ratio, target, floor,
                                         ratio >= target && line.ours >= floor ? "met" : "MISSED")
                           : fmt::format("{:.0f}% (target >= {}%: {})", ratio, target, ratio >= target ? "met" : "MISSED");
  return line;
}

// Copies the first `events` events of the store in `from` into a new store at `to` (unsynced).
void copy_log(const fs::path& from, const std::string& to, std::uint64_t events) {
  auto source = must(store::EventStore::open(from, {.read_only = true}), "opening the generated log");
  auto target = must(store::EventStore::open(to, {.read_only = false, .create_if_missing = true, .sync = false, .clock = nullptr}), "opening " + to);
  for (std::uint64_t next = 1; next <= events;) {
    auto page = must(source->read_all(next, std::min<std::uint64_t>(10'000, events - next + 1)), "reading the generated log");
    must(target->append_recorded(page), "copying the log");
    next = page.back().position + 1;
  }
  must(target->sync(), "syncing the copy");
}

// (c): a probe case of about 20 events added to a store through the engine, then loaded again and
// again (from the snapshot its first load saved). Returns loads per second.
struct Probe {
  std::unique_ptr<Bench> bench;
  std::string name = "mie-2021/mentorship/probe";
  std::uint64_t version = 0;
};

Probe add_probe(const fs::path& dir) {
  Probe p;
  p.bench = std::make_unique<Bench>(dir, false, false);
  lifecycle(*p.bench->engine, "probe", 11, {});
  p.version = must(p.bench->store->stream_version(p.name), "probe version");
  must(p.bench->engine->load(p.name), "first load");
  return p;
}

Line load_flat(const fs::path& small_dir, const fs::path& big_dir, std::uint64_t small_events, std::uint64_t big_events) {
  Line line{"(c) load a case, snapshot", fmt::format("loads/s, {} events in store", small_events),
            fmt::format("loads/s, {} events", big_events)};
  Probe small = add_probe(small_dir), big = add_probe(big_dir);
  auto time_loads = [](Probe& p) {
    const auto start = Stopwatch::now();
    // Each load by an engine that has not seen the case (one that has would answer from memory:
    // engine/case_cache.hpp), so each reads the snapshot and the events after it from the store.
    for (int i = 0; i < kLoads; ++i) must(engine::Engine(*p.bench->store, p.bench->clock).load(p.name), "load");
    return kLoads / elapsed(start);
  };
  for (int round = 0; round < kRounds; ++round) {
    line.base += time_loads(small) / kRounds;
    line.ours += time_loads(big) / kRounds;
  }
  const double ratio = line.base / line.ours;
  line.verdict = fmt::format("slowdown {:.2f}x for a {}-event case (target <= 1.5: {})", ratio, big.version,
                             ratio <= 1.5 ? "met" : "MISSED");
  return line;
}


// ---- (s) sealing personal values ---------------------------------------------------------------

// A store made with a master key, as the doors open it: commands go through the pseudonyms. With
// `sealed` the engine is given the sealing store, as mentorflow does; without, the store itself:
// ids pseudonymised, values in clear, the same path less the sealing (the yardstick of (s)).
struct PrivateBench {
  ManualClock clock{at("2021-09-01 09:00 Europe/Rome")};
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<store::Subjects> subjects;
  std::unique_ptr<engine::Pseudonyms> pseudonyms;
  std::unique_ptr<engine::SealingStore> sealing;
  std::unique_ptr<engine::Engine> engine;

  PrivateBench(const fs::path& dir, bool sealed, bool sync) {
    store = must(store::EventStore::open(dir, {.read_only = false, .create_if_missing = true, .sync = sync, .clock = &clock}), "opening " + dir.string());
    const store::MasterKey master = must(store::MasterKey::load(dir.string() + ".master-key", true), "the master key");
    subjects = must(store->open_subjects(master), "opening the subjects");
    pseudonyms = std::make_unique<engine::Pseudonyms>(subjects.get());
    if (sealed) sealing = std::make_unique<engine::SealingStore>(*store, *subjects);
    engine = std::make_unique<engine::Engine>(log(), clock);
    dsl::Diagnostics diagnostics;
    must(engine->publish(shipped("workflows/mie.flow"), shipped("rules/mie-2021.rules"), "mie-2021", diagnostics), "publishing MIE");
    clock.set(at("2021-09-20 10:00 Europe/Rome"));
  }
  store::EventStore& log() { return sealing ? *sealing : *store; }
  void command(const std::string& as, const std::string& c, const std::string& name, const nlohmann::json& inputs) {
    const auto colon = as.find(':');
    auto request = must(pseudonyms->command(*engine, {c, name, {as.substr(colon + 1), as.substr(0, colon)}, inputs, ""}),
                        "pseudonymising " + c);
    must(engine->handle(request), fmt::format("{} on {}", name, c));
  }
};

// (s1) durable commands, 1 writer, with their personal values sealed vs in clear (both through
// the door's pseudonyms); (s2) replay of a log of `events` events with its values sealed vs the
// same log in clear. Target for both: >= 80%.
void sealing(const fs::path& dir, const std::vector<Step>& steps, std::size_t events, std::vector<Line>& lines) {
  Line commands{"(s1) durable commands, sealed", "commands/s, values in clear", "commands/s, sealed"};
  PrivateBench clear(dir / "clear", false, !g_unsynced), sealed(dir / "sealed", true, !g_unsynced);
  for (PrivateBench* b : {&clear, &sealed}) {
    b->command("mentor:marco", "mie-2021/project/lyon", "offer_project",
               {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}});
    b->command("staff:carla", "mie-2021/project/lyon", "publish_project", nlohmann::json::object());
  }
  // Even calls open an application (a new subject: its pseudonym made and synced), odd ones submit it.
  const auto apply = [](PrivateBench& b, const std::string& who, std::uint64_t i) {
    const std::string a = fmt::format("mie-2021/application/{}-{}", who, i / 2), s = fmt::format("student:{}-{}", who, i / 2);
    if (i % 2 == 0) b.command(s, a, "start_application", {{"project", "mie-2021/project/lyon"}});
    else b.command(s, a, "submit", submission());
  };
  for (int round = 0; round < kRounds; ++round) {
    const std::string who = fmt::format("r{}", round);
    commands.base += rate(1, g_seconds / kRounds, [&](int, std::uint64_t i) { apply(clear, who, i); }).per_second / kRounds;
    commands.ours += rate(1, g_seconds / kRounds, [&](int, std::uint64_t i) { apply(sealed, who, i); }).per_second / kRounds;
  }

  // The same generated log on both: the template's applicant renamed to a subject of each store.
  Line replay{fmt::format("(s2) replay {} events, sealed", events), "events/s, values in clear", "events/s, sealed"};
  PrivateBench clear_log(dir / "clear-log", false, false), sealed_log(dir / "sealed-log", true, false);
  for (PrivateBench* b : {&clear_log, &sealed_log})
    generate_into(b->log(), steps, events, [&](std::size_t a) {
      return must(b->subjects->pseudonym(fmt::format("a{:06}", a), true), "a subject");
    });
  const auto replayed = [&](PrivateBench& b) {
    const auto start = Stopwatch::now();
    const engine::read_models::CatchUp done = must(engine::read_models::rebuild_read_models(b.log()), "replaying");
    return done.events / elapsed(start);
  };
  for (int round = 0; round < kRounds; ++round) {
    replay.base += replayed(clear_log) / kRounds;
    replay.ours += replayed(sealed_log) / kRounds;
  }
  for (Line* l : {&commands, &replay}) {
    const double ratio = 100.0 * l->ours / l->base;
    l->verdict = fmt::format("{:.0f}% (target >= 80%: {})", ratio, ratio >= 80 ? "met" : "MISSED");
    lines.push_back(*l);
  }
}
}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::temp_directory_path() / fmt::format("mentorflow-engine-bench-{}", ::getpid());
  bool usage_ok = argc % 2 == 1, keep = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--dir") dir = argv[i + 1], keep = true;
    else if (option == "--seconds") g_seconds = std::atof(argv[i + 1]);
    else if (option == "--events") g_events = static_cast<std::size_t>(std::atoll(argv[i + 1]));
    else if (option == "--only") g_only = argv[i + 1];
    else if (option == "--unsynced") g_unsynced = std::string(argv[i + 1]) == "yes";
    else if (option == "--inline") g_inline = std::string(argv[i + 1]) == "yes";
    else if (option == "--writers") g_writers = std::atoi(argv[i + 1]);
    else if (option == "--store") g_pg_url = argv[i + 1];
    else if (option == "--pg-events") g_pg_events = static_cast<std::size_t>(std::atoll(argv[i + 1]));
    else usage_ok = false;
  }
  if (!g_pg_url.empty() && !store::is_database_url(g_pg_url)) usage_ok = false;
  if (!usage_ok || g_seconds <= 0 || g_writers < 1 || g_events < kSmallEvents || (!g_only.empty() && g_only != "a" && g_only != "pa" && g_only != "b" && g_only != "c" && g_only != "s") ||
      (g_only == "pa" && g_pg_url.empty())) {
    fmt::print(stderr, "usage: engine_bench [--dir DIR] [--seconds S] [--events N] [--only a|pa|b|c|s] [--unsynced yes] [--inline yes] [--writers W]\n"
               "                    [--store postgresql://... [--pg-events N]]\n");
    return 2;
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  fmt::print("engine_bench: RocksDB {}.{}.{}, {} hardware threads, {}s per timed phase, in {}\n", ROCKSDB_MAJOR, ROCKSDB_MINOR,
             ROCKSDB_PATCH, std::thread::hardware_concurrency(), g_seconds, dir.string());
  const auto run_start = Stopwatch::now();

  std::vector<Line> lines;
  if (g_only.empty() || g_only == "a")
    durable_commands((dir / "durable").string(), "a", "store appends/s", store_appends, 50, 50, lines);
  std::optional<bench::PgYardstick> yard;
  if (!g_pg_url.empty()) {
    yard.emplace(g_pg_url);
    fmt::print("PostgreSQL at {}: {}\n", g_pg_url, yard->describe());
    if (g_only.empty() || g_only == "a" || g_only == "pa")
      durable_commands(yard->schema("engine"), "pa", "raw PostgreSQL inserts/s",
                       [&](store::EventStore&, int threads, double seconds) { return Rate{yard->insert_rate(threads, seconds), 0}; }, 0,
                       40, lines);
  }

  if (g_only == "s") {
    sealing(dir, record_template(dir / "template"), kSealedEvents, lines);
  } else if (g_only != "a" && g_only != "pa") {
    auto start = Stopwatch::now();
    const std::vector<Step> steps = record_template(dir / "template");
    const std::uint64_t big_events = generate(dir / "big", steps, g_events);
    const std::uint64_t small_events = g_only == "b" ? 0 : generate(dir / "small", steps, kSmallEvents);
    fmt::print("generated MIE logs of {} and {} events in {:.1f}s ({} commands per applicant)\n", big_events, small_events,
               elapsed(start), steps.size());
    if (g_only != "c")
      lines.push_back(replay("(b)", (dir / "big").string(), big_events, "raw iterator scan, events/s", rocks_scan(dir / "big", big_events),
                             40, 400'000));
    if (g_only != "c" && yard) {
      const std::string url = yard->schema("replay");
      const std::uint64_t pg_events = std::min<std::uint64_t>(g_pg_events, big_events);
      start = Stopwatch::now();
      copy_log(dir / "big", url, pg_events);
      fmt::print("copied {} events into PostgreSQL in {:.1f}s\n", pg_events, elapsed(start));
      lines.push_back(replay("(pb)", url, pg_events, "raw PostgreSQL ordered scan, events/s",
                             [url] { return bench::PgYardstick::scan_rate(url, "events"); }, 50, 0));
    }
    if (g_only != "b") lines.push_back(load_flat(dir / "small", dir / "big", small_events, big_events));
  }

  fmt::print("\n");
  for (const Line& l : lines)
    fmt::print("{:<36} {:>10.0f} {:<32} {:>10.0f} {:<22} {}\n", l.name, l.base, l.baseline, l.ours, l.ours_label, l.verdict);
  for (const Line& l : lines)
    if (l.ours_cpu_us > 0)
      fmt::print("{:<36} CPU per call: {:.0f} us baseline, {:.0f} us ours\n", l.name, l.base_cpu_us, l.ours_cpu_us);
  fmt::print("\nwhole run {:.0f}s\n", elapsed(run_start));
  if (!keep) fs::remove_all(dir);
  return 0;
}
