// The projection behind the read models: reads the log from the views' checkpoint, folds each
// case's events into its summary, and writes the summaries, the state index, the counts and the
// due-timer index with the new checkpoint, one views write per 65,536 cases touched or at the
// end (docs/ENGINE.md, "Read models"). Only the payloads that change a summary are read; the
// other events only move their case's version.
#include <fmt/core.h>

#include <deque>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "engine/events.hpp"
#include "engine/read_models/placement_projection.hpp"
#include "engine/read_models/projection.hpp"
#include "engine/read_models/projector_payload.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/read_models/read_model_keys.hpp"

namespace mentorflow::engine::read_models {
namespace {

using nlohmann::json;

// Events read at a time (between progress reports).
constexpr std::size_t kReadEvents = 8192;
// Summaries waiting to be written that make a catch-up write the views (and move the checkpoint)
// before reading on: bounds the size of one write to some tens of megabytes.
constexpr std::size_t kMaxDirtyCases = 1 << 16;
// A catch-up keeps the summaries it has touched; past this many it starts over (they are all in
// the views by then, so it only costs reads).
constexpr std::size_t kMaxCachedCases = 1 << 18;
// A projection kept between catch-ups (ReadModelProjection) keeps at most this many (some
// megabytes) once a catch-up ends: the cases of the commands lately.
constexpr std::size_t kKeptCases = 1 << 14;

// What an event does to a summary. Every event type a case stream may hold is listed, so that an
// event this version does not know is reported, as the fold reports it, not silently skipped.
enum class Touch { kVersionOnly, kOpened, kStateChanged, kCounter, kTimerScheduled, kTimerGone, kMigrated, kCadence,
                   kFlagRaised, kFlagCleared };

const std::unordered_map<std::string_view, Touch>& touches() {
  static const std::unordered_map<std::string_view, Touch> table = {
      {events::kCommandAccepted, Touch::kVersionOnly},  {events::kDecisionRecorded, Touch::kVersionOnly},
      {events::kFieldsSet, Touch::kVersionOnly},        {events::kDocumentsAttached, Touch::kVersionOnly},
      {events::kCadenceRecorded, Touch::kCadence},  {events::kOutputIssued, Touch::kVersionOnly},
      {events::kLinkedCaseCreated, Touch::kVersionOnly}, {events::kReminderRecorded, Touch::kVersionOnly},
      {events::kCaseOpened, Touch::kOpened},             {events::kStateChanged, Touch::kStateChanged},
      {events::kCounterIncremented, Touch::kCounter},   {events::kTimerScheduled, Touch::kTimerScheduled},
      {events::kTimerCancelled, Touch::kTimerGone},      {events::kTimerFired, Touch::kTimerGone},
      {events::kCaseMigrated, Touch::kMigrated},        {events::kCertificateIssued, Touch::kVersionOnly},
      {events::kMatchingRunRecorded, Touch::kVersionOnly}, {events::kMatchExplained, Touch::kVersionOnly},
      {events::kFlagRaised, Touch::kFlagRaised},         {events::kFlagCleared, Touch::kFlagCleared},
      {events::kLegalHoldPlaced, Touch::kVersionOnly},   {events::kLegalHoldReleased, Touch::kVersionOnly},
  };
  return table;
}

// The edition a DefinitionPublished event publishes.
Result<EditionSummary> published_edition(const store::Event& e) {
  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  try {
    return EditionSummary{e.stream, payload->at("workflow").get<std::string>(), payload->at("title").get<std::string>(),
                          payload->at("definition_id").get<std::string>(), e.recorded_at, e.position};
  } catch (const json::exception& ex) {
    return Status::corruption(fmt::format("event {} (position {}) has a malformed payload: {}", e.type, e.position, ex.what()));
  }
}

// Edition streams (`mie-2021`) hold the published definition, not a case.
bool is_case_stream(std::string_view stream) { return stream.find('/') != std::string_view::npos; }

// The payload's effect on the summary, read by `plain`; false (and the summary untouched) when
// the payload is not in the plain shape or lacks a field, for apply() to parse it in full.
bool apply_plain(CaseSummary& s, Touch touch, std::string_view payload, PlainPayload& plain) {
  if (!plain.read(payload)) return false;
  switch (touch) {
    case Touch::kOpened: {
      const auto* type = plain.text("case_type");
      const auto* edition = plain.text("edition");
      const auto* parties = plain.texts("parties");
      if (!type || !edition || !parties) return false;
      s.case_type = *type;
      s.edition = *edition;
      s.parties.clear();
      for (const auto& [party, user] : *parties) s.parties[std::string(party)] = user;
      return true;
    }
    case Touch::kStateChanged: {
      const auto* to = plain.text("to");
      if (to) s.state = *to;
      return to != nullptr;
    }
    case Touch::kCounter: {
      const auto* counter = plain.text("counter");
      const auto* value = plain.integer("value");
      if (counter && value) s.counters[std::string(*counter)] = *value;
      return counter && value;
    }
    case Touch::kTimerScheduled: {
      const auto* key = plain.text("key");
      const auto* due = plain.integer("due");
      if (key && due) s.timers[std::string(*key)] = *due;
      return key && due;
    }
    case Touch::kTimerGone: {
      const auto* key = plain.text("key");
      if (key) s.timers.erase(std::string(*key));
      return key != nullptr;
    }
    case Touch::kMigrated: {
      const auto* to = plain.text("to");
      if (to) s.definition_id = *to;
      return to != nullptr;
    }
    case Touch::kVersionOnly: return true;
    case Touch::kCadence: return false;  // a boolean: parsed in full (one per meeting, rare)
    case Touch::kFlagRaised:
    case Touch::kFlagCleared: return false;  // rare: parsed in full
  }
  return false;
}

// The same, from the parsed payload: every shape, and the errors of a malformed one.
Status apply_parsed(CaseSummary& s, Touch touch, const store::Event& e) {
  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  const json& p = *payload;
  try {
    switch (touch) {
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
      case Touch::kCadence:
        if (!p.at("within").get<bool>()) ++s.flags;  // as the fold keeps it in CaseState::flags
        break;
      case Touch::kFlagRaised: ++s.flags; break;
      case Touch::kFlagCleared: --s.flags; break;  // the summary counts the flags still open
      case Touch::kVersionOnly: break;
    }
  } catch (const json::exception& ex) {
    return Status::corruption(fmt::format("event {} (position {}) has a malformed payload: {}", e.type, e.position, ex.what()));
  }
  return Status::ok();
}

// Applies one event to its case's summary, as engine/case_state.cpp folds it into the state.
Status apply(CaseSummary& s, const store::Event& e, PlainPayload& plain) {
  if (e.version != s.version + 1)
    return Status::corruption(fmt::format("event {} (position {}) has version {} where {} was expected", e.type,
                                          e.position, e.version, s.version + 1));
  const auto touch = touches().find(e.type);
  if (touch == touches().end())
    return Status::corruption(
        fmt::format("event {} (position {}) is of a type this version of mentorflow does not know", e.type, e.position));
  if (touch->second != Touch::kVersionOnly && !apply_plain(s, touch->second, e.payload, plain))
    if (Status parsed = apply_parsed(s, touch->second, e); !parsed.is_ok()) return parsed;
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
  std::map<std::string, std::string> parties;

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
  explicit Projector(store::EventStore& store) : store_(store), placements_(store) {}

  Result<CatchUp> run(const CatchUpProgress& progress) {
    const std::uint64_t target = store_.head().position;
    // One catch-up at a time in this process: the others then find the work done.
    const auto writer = store_.lock_views_writer();
    CatchUp report;
    for (bool first = true;; first = false) {
      auto checkpoint = store_.views_checkpoint();
      if (!checkpoint.is_ok()) return checkpoint.status();
      if (*checkpoint > 0) {
        auto format = store_.get_view(views::kFormatKey);
        if (!format.is_ok()) return format.status();
        if (!*format || **format != views::kFormat) {
          // Views an older mentorflow wrote: rebuilt from the log, as `mentorflow replay` would.
          if (Status dropped = store_.drop_views(); !dropped.is_ok()) return dropped;
          continue;
        }
      }
      if (first) report.from = *checkpoint;
      report.to = *checkpoint;
      // What this projector holds from an earlier catch-up is the views as it left them: still so
      // while the checkpoint is where it left it (views at one checkpoint are the same, whoever
      // projected them), else forgotten. Views at 0 are empty (new, or dropped): a case not in the
      // cache is a new case.
      if (!kept_ || *checkpoint != left_at_) reset(*checkpoint == 0);
      kept_ = false;
      const Status followed = follow(report, target, progress);
      if (followed.is_ok()) {
        kept_ = true;
        left_at_ = report.to;
        return report;
      }
      // Another catch-up wrote first: start again from where it got to (its work stands).
      if (followed.is_conflict()) continue;
      // Another process (a node on the same PostgreSQL database) may have moved the views while
      // this one read them: a summary read then is ahead of this catch-up's checkpoint, and the
      // next event does not fit it. Not damage: the views moved, so start again from there.
      auto now = store_.views_checkpoint();
      if (!now.is_ok() || *now == report.to) return followed;
    }
  }

  // Forgets what it holds when that is more than `cases` summaries: a kept projection's memory
  // stays bounded, while a catch-up of its own may hold many more.
  void bound(std::size_t cases) {
    if (cases_.size() <= cases) return;
    reset(false);
    kept_ = false;
  }

 private:
  void reset(bool views_empty) {
    index_.clear();
    cases_.clear();
    editions_.clear();
    last_ = nullptr;
    counts_.clear();
    dirty_.clear();
    views_empty_ = views_empty;
    placements_.reset(views_empty);
  }

  // Projects the log after report.to up to `target`. The views are written when kMaxDirtyCases
  // summaries are waiting and at the end, so a case that many events touch is written once per
  // write, not once per event or per read.
  Status follow(CatchUp& report, std::uint64_t target, const CatchUpProgress& progress) {
    std::uint64_t read = report.to, case_events = 0;
    Status failed;
    const auto project = [&](const store::Event& e) {
      read = e.position;
      if (!is_case_stream(e.stream)) {
        placements_.observe_edition(e);  // a published definition: what the search may ask for
        if (e.type == events::kDefinitionPublished) {
          auto published = published_edition(e);
          if (!published.is_ok()) failed = published.status();
          else editions_.push_back(std::move(*published));
        }
        return failed.is_ok();
      }
      auto cached = find(e.stream, e.version == 1);
      if (!cached.is_ok()) failed = cached.status();
      else if (Status s = apply((*cached)->now, e, plain_); !s.is_ok()) failed = s;
      else if (Status p = placements_.observe(e, (*cached)->now); !p.is_ok()) failed = p;
      if (!failed.is_ok()) return false;
      if (!(*cached)->dirty) dirty_.push_back(*cached);
      (*cached)->dirty = true;
      ++case_events;
      return true;
    };
    while (read < target) {
      auto scanned = store_.scan_events(read + 1, std::min<std::uint64_t>(kReadEvents, target - read), project);
      if (!scanned.is_ok()) return scanned.status();
      if (*scanned == 0) return Status::corruption(fmt::format("the log ends before position {}", read + 1));
      if (!failed.is_ok()) return failed;
      if (dirty_.size() >= kMaxDirtyCases || read >= target) {
        if (Status s = write(report.to, read); !s.is_ok()) return s;
        report.events += read - report.to;
        report.case_events += case_events;
        report.to = read;
        case_events = 0;
        if (cases_.size() > kMaxCachedCases) reset(false);
      }
      if (progress) progress(read);
    }
    return Status::ok();
  }

  // Writes the waiting summaries, their index entries and counts, and moves the checkpoint.
  Status write(std::uint64_t from, std::uint64_t to) {
    store::ViewBatch batch;
    std::map<std::string, std::int64_t> count_changes;
    for (CachedCase* c : dirty_) stage(*c, batch, count_changes);
    if (Status s = stage_counts(count_changes, batch); !s.is_ok()) return s;
    placements_.stage(batch);
    for (const EditionSummary& e : editions_) batch.put(views::edition_key(e.edition), views::encode_edition(e));
    batch.put(std::string(views::kFormatKey), std::string(views::kFormat));
    if (Status s = store_.write_views(batch, from, to); !s.is_ok()) return s;
    dirty_.clear();
    editions_.clear();
    return Status::ok();
  }

  // The cached summary of `name`, read from the views the first time, unless the case is `fresh`
  // (its first event is being read: the views hold nothing of it yet). A command's events follow
  // each other in its case's stream, so the case of the previous event is tried first.
  Result<CachedCase*> find(std::string_view name, bool fresh) {
    if (last_ && last_->now.name == name) return last_;
    if (auto it = index_.find(name); it != index_.end()) return last_ = &cases_[it->second];
    CachedCase& c = cases_.emplace_back();
    if (!views_empty_ && !fresh) {
      auto stored = case_summary(store_, std::string(name));
      if (!stored.is_ok()) {
        cases_.pop_back();
        return stored.status();
      }
      if (*stored) {
        c.now = std::move(**stored);
        c.written = indexed(c.now);
      }
    }
    c.now.name = name;
    index_.emplace(c.now.name, cases_.size() - 1);
    return last_ = &c;
  }

  static Indexed indexed(const CaseSummary& s) { return {s.edition, s.case_type, s.state, s.timers, s.parties}; }

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
    if (was.parties != s.parties) {
      for (const auto& [party, user] : was.parties) batch.erase(views::party_key(user, s.name));
      for (const auto& [party, user] : s.parties) batch.put(views::party_key(user, s.name), "");
    }
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

  // Looked up by the name in the event being read, without copying it.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };

  store::EventStore& store_;
  // The cases, and where each is by name: small index nodes keep the lookups that miss the
  // previous case within the processor's caches.
  std::deque<CachedCase> cases_;  // a deque: the dirty list points into it
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
  CachedCase* last_ = nullptr;  // what find() returned last
  std::unordered_map<std::string, std::int64_t> counts_;
  std::vector<CachedCase*> dirty_;  // touched since the last write, in the order first touched
  std::vector<EditionSummary> editions_;  // published since the last write
  PlainPayload plain_;              // its buffers are reused from event to event
  PlacementProjection placements_;  // the placement search's offers (engine/read_models/placements.hpp)
  bool views_empty_ = false;
  bool kept_ = false;          // what it holds is the views at left_at_ (its last catch-up ended well)
  std::uint64_t left_at_ = 0;  // the checkpoint its last catch-up left the views at
};

}  // namespace

Result<CatchUp> catch_up_read_models(store::EventStore& store, const CatchUpProgress& progress) {
  return Projector(store).run(progress);
}

struct ReadModelProjection::Kept {
  explicit Kept(store::EventStore& store) : projector(store) {}
  Projector projector;
};

ReadModelProjection::ReadModelProjection(store::EventStore& store) : kept_(std::make_unique<Kept>(store)) {}
ReadModelProjection::~ReadModelProjection() = default;

Result<CatchUp> ReadModelProjection::catch_up() {
  auto caught = kept_->projector.run({});
  kept_->projector.bound(kKeptCases);
  return caught;
}

Result<CatchUp> rebuild_read_models(store::EventStore& store, const CatchUpProgress& progress) {
  if (Status s = store.drop_views(); !s.is_ok()) return s;
  return Projector(store).run(progress);
}

}  // namespace mentorflow::engine::read_models
