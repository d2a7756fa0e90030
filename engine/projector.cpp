// The projection behind the read models: reads the log from the views' checkpoint, folds each
// case's events into its summary, and writes the summaries, the state index, the counts and the
// due-timer index with the new checkpoint in one views write per step (docs/ENGINE.md, "Read
// models"). Only the events a summary needs are parsed; the rest only move the case's version.
#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "engine/events.hpp"
#include "engine/read_model.hpp"
#include "engine/read_model_keys.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

// Events per step: each step is one read of the log and one views write.
constexpr std::size_t kStepEvents = 8192;
// A catch-up keeps the summaries it has touched; past this many it starts over (they are all in
// the views by then, so it only costs reads).
constexpr std::size_t kMaxCachedCases = 1 << 18;

// What an event does to a summary. Every event type a case stream may hold is listed, so that an
// event this version does not know is reported, as the fold reports it, not silently skipped.
enum class Touch { kVersionOnly, kOpened, kStateChanged, kCounter, kTimerScheduled, kTimerGone, kMigrated };

const std::unordered_map<std::string_view, Touch>& touches() {
  static const std::unordered_map<std::string_view, Touch> table = {
      {events::kCommandAccepted, Touch::kVersionOnly},  {events::kDecisionRecorded, Touch::kVersionOnly},
      {events::kFieldsSet, Touch::kVersionOnly},        {events::kDocumentsAttached, Touch::kVersionOnly},
      {events::kCadenceRecorded, Touch::kVersionOnly},  {events::kOutputIssued, Touch::kVersionOnly},
      {events::kLinkedCaseCreated, Touch::kVersionOnly}, {events::kReminderRecorded, Touch::kVersionOnly},
      {events::kCaseOpened, Touch::kOpened},             {events::kStateChanged, Touch::kStateChanged},
      {events::kCounterIncremented, Touch::kCounter},   {events::kTimerScheduled, Touch::kTimerScheduled},
      {events::kTimerCancelled, Touch::kTimerGone},      {events::kTimerFired, Touch::kTimerGone},
      {events::kCaseMigrated, Touch::kMigrated},
  };
  return table;
}

// Edition streams (`mie-2021`) hold the published definition, not a case.
bool is_case_stream(std::string_view stream) { return stream.find('/') != std::string_view::npos; }

// Applies one event to its case's summary, as engine/case_state.cpp folds it into the state.
Status apply(CaseSummary& s, const store::Event& e) {
  const auto where = [&] { return fmt::format("event {} (position {})", e.type, e.position); };
  if (e.version != s.version + 1)
    return Status::corruption(fmt::format("{} has version {} where {} was expected", where(), e.version, s.version + 1));
  const auto touch = touches().find(e.type);
  if (touch == touches().end())
    return Status::corruption(fmt::format("{} is of a type this version of mentorflow does not know", where()));
  if (touch->second != Touch::kVersionOnly) {
    auto payload = e.payload_json();
    if (!payload.is_ok()) return payload.status();
    const json& p = *payload;
    try {
      switch (touch->second) {
        case Touch::kOpened:
          s.case_type = p.at("case_type").get<std::string>();
          s.edition = p.at("edition").get<std::string>();
          s.parties = p.at("parties").get<std::map<std::string, std::string>>();
          break;
        case Touch::kStateChanged: s.state = p.at("to").get<std::string>(); break;
        case Touch::kCounter: s.counters[p.at("counter").get<std::string>()] = p.at("value").get<std::int64_t>(); break;
        case Touch::kTimerScheduled: s.timers[p.at("key").get<std::string>()] = p.at("due").get<std::int64_t>(); break;
        case Touch::kTimerGone: s.timers.erase(p.at("key").get<std::string>()); break;
        case Touch::kMigrated: s.definition_id = p.at("to").get<std::string>(); break;
        case Touch::kVersionOnly: break;
      }
    } catch (const json::exception& ex) {
      return Status::corruption(fmt::format("{} has a malformed payload: {}", where(), ex.what()));
    }
  }
  if (s.name.empty()) s.name = e.stream;
  if (s.definition_id.empty() || touch->second == Touch::kOpened) s.definition_id = e.definition_id;
  s.version = e.version;
  s.position = e.position;
  s.updated_at = e.recorded_at;
  return Status::ok();
}

// The part of a summary its index entries depend on, as last written to the views.
struct Indexed {
  std::string edition, case_type, state;
  std::map<std::string, std::int64_t> timers;

  bool listed() const { return !state.empty() && !case_type.empty() && !edition.empty(); }
};

struct CachedCase {
  CaseSummary now;
  Indexed written;
  bool dirty = false;
};

// One catch-up: the summaries it has read or written and the counts it knows, valid while its
// checkpoint is the views' checkpoint (a conflicting writer voids them).
class Projector {
 public:
  explicit Projector(store::EventStore& store) : store_(store) {}

  Result<CatchUp> run(const CatchUpProgress& progress) {
    const std::uint64_t target = store_.head().position;
    CatchUp report;
    for (bool first = true;; first = false) {
      auto checkpoint = store_.views_checkpoint();
      if (!checkpoint.is_ok()) return checkpoint.status();
      if (first) report.from = *checkpoint;
      report.to = *checkpoint;
      // Views at 0 are empty (new, or dropped): a case not in the cache is a new case.
      reset(*checkpoint == 0);
      Status stepped;
      while (report.to < target && (stepped = step(report)).is_ok())
        if (progress) progress(report.to);
      if (stepped.is_ok()) return report;
      if (!stepped.is_conflict()) return stepped;
      // Another catch-up wrote first: start again from where it got to (its work stands).
    }
  }

 private:
  void reset(bool views_empty) {
    cases_.clear();
    counts_.clear();
    views_empty_ = views_empty;
  }

  Status step(CatchUp& report) {
    auto events = store_.read_all(report.to + 1, kStepEvents);
    if (!events.is_ok()) return events.status();
    if (events->empty()) return Status::corruption(fmt::format("the log ends before position {}", report.to + 1));
    if (cases_.size() > kMaxCachedCases) reset(false);

    std::vector<CachedCase*> dirty;
    for (const store::Event& e : *events) {
      if (!is_case_stream(e.stream)) continue;
      auto cached = find(e.stream);
      if (!cached.is_ok()) return cached.status();
      CachedCase& c = **cached;
      if (Status s = apply(c.now, e); !s.is_ok()) return s;
      if (!c.dirty) dirty.push_back(&c);
      c.dirty = true;
      ++report.case_events;
    }
    store::ViewBatch batch;
    std::map<std::string, std::int64_t> count_changes;
    for (CachedCase* c : dirty) stage(*c, batch, count_changes);
    if (Status s = stage_counts(count_changes, batch); !s.is_ok()) return s;

    const std::uint64_t to = events->back().position;
    if (Status s = store_.write_views(batch, report.to, to); !s.is_ok()) return s;
    report.events += to - report.to;
    report.to = to;
    return Status::ok();
  }

  // The cached summary of `name`, read from the views the first time.
  Result<CachedCase*> find(const std::string& name) {
    if (auto it = cases_.find(name); it != cases_.end()) return &it->second;
    CachedCase c;
    if (!views_empty_) {
      auto stored = case_summary(store_, name);
      if (!stored.is_ok()) return stored.status();
      if (*stored) {
        c.now = std::move(**stored);
        c.written = indexed(c.now);
      }
    }
    return &cases_.emplace(name, std::move(c)).first->second;
  }

  static Indexed indexed(const CaseSummary& s) { return {s.edition, s.case_type, s.state, s.timers}; }

  // The summary of `c` and the index entries that changed since it was last written.
  static void stage(CachedCase& c, store::ViewBatch& batch, std::map<std::string, std::int64_t>& count_changes) {
    const CaseSummary& s = c.now;
    const Indexed& was = c.written;
    batch.put(views::summary_key(s.name), views::encode_summary(s));
    if (was.listed() && (was.state != s.state || was.case_type != s.case_type || was.edition != s.edition)) {
      batch.erase(views::state_key(was.edition, was.case_type, was.state, s.name));
      --count_changes[views::count_key(was.edition, was.case_type, was.state)];
    }
    Indexed now = indexed(s);
    if (now.listed() && (!was.listed() || was.state != s.state || was.case_type != s.case_type || was.edition != s.edition)) {
      batch.put(views::state_key(s.edition, s.case_type, s.state, s.name), "");
      ++count_changes[views::count_key(s.edition, s.case_type, s.state)];
    }
    for (const auto& [key, due] : was.timers)
      if (auto it = s.timers.find(key); it == s.timers.end() || it->second != due) batch.erase(views::due_key(due, s.name, key));
    for (const auto& [key, due] : s.timers)
      if (auto it = was.timers.find(key); it == was.timers.end() || it->second != due) batch.put(views::due_key(due, s.name, key), "");
    c.written = std::move(now);
    c.dirty = false;
  }

  Status stage_counts(const std::map<std::string, std::int64_t>& changes, store::ViewBatch& batch) {
    for (const auto& [key, change] : changes) {
      if (change == 0) continue;
      auto it = counts_.find(key);
      if (it == counts_.end()) {
        std::int64_t stored = 0;
        if (!views_empty_) {
          auto value = store_.get_view(key);
          if (!value.is_ok()) return value.status();
          if (*value) {
            auto count = views::parse_count_key(key, **value);
            if (!count) return Status::corruption(fmt::format("the read-model count '{}' is damaged: run mentorflow replay", key));
            stored = static_cast<std::int64_t>(count->cases);
          }
        }
        it = counts_.emplace(key, stored).first;
      }
      it->second += change;
      if (it->second < 0) return Status::corruption(fmt::format("the read-model count '{}' went below zero: run mentorflow replay", key));
      if (it->second == 0) batch.erase(key);
      else batch.put(key, std::to_string(it->second));
    }
    return Status::ok();
  }

  store::EventStore& store_;
  std::unordered_map<std::string, CachedCase> cases_;
  std::unordered_map<std::string, std::int64_t> counts_;
  bool views_empty_ = false;
};

}  // namespace

Result<CatchUp> catch_up_read_models(store::EventStore& store, const CatchUpProgress& progress) {
  return Projector(store).run(progress);
}

Result<CatchUp> rebuild_read_models(store::EventStore& store, const CatchUpProgress& progress) {
  if (Status s = store.drop_views(); !s.is_ok()) return s;
  return Projector(store).run(progress);
}

}  // namespace mentorflow::engine
