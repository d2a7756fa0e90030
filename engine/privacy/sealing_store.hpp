#pragma once
// The log of a store with personal data, as the engine sees it (docs/PRIVACY.md, "Sealed
// values"): an EventStore that seals the personal values of every event on its way in
// (engine/privacy/seal_event.hpp) and opens them on the way out (open_event.hpp), around the
// store that keeps them. The engine, its folds, history, verify's re-checks, what-if and the read
// models read values as they were given; the store underneath, its hash chain, exports, backups
// and GET /v1/streams hold only sealed values. An erased subject's values read "[erased]".
//
// The events it hands out keep their texts as recorded (what the hash chain covers, what an
// export and GET /v1/streams give); their sealed values are opened when a reader parses them
// (store::Event::opener, engine/privacy/open_event.hpp).
//
// Thread safety: as the EventStore beneath; the caches of definitions and cases take a lock, held
// while a case's facts are looked up, not while its values are sealed.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "dsl/compile/definition.hpp"
#include "engine/privacy/open_event.hpp"
#include "store/document_store.hpp"
#include "store/event_store.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine {

class SealingStore final : public store::EventStore {
 public:
  // `inner` and `subjects` are not owned and must outlive this store.
  SealingStore(store::EventStore& inner, const store::Subjects& subjects);

  store::EventStore& inner() { return inner_; }
  const store::Subjects& subjects() const { return subjects_; }

  Result<store::AppendResult> append(std::string_view stream, store::ExpectedVersion expected,
                                     const std::vector<store::NewEvent>& events) override;
  Result<std::vector<store::AppendResult>> append_multi(const std::vector<store::StreamAppend>& appends,
                                                        std::vector<store::Event>* recorded = nullptr) override;
  Status append_recorded(std::span<const store::Event> events) override { return inner_.append_recorded(events); }
  Status sync() override { return inner_.sync(); }

  Result<store::Event> read_event(std::uint64_t position, store::ReadCheck check = store::ReadCheck::kHashes) const override;
  Result<std::size_t> scan_events(std::uint64_t from_position, std::size_t limit,
                                  const std::function<bool(const store::Event&)>& visit,
                                  store::ReadCheck check = store::ReadCheck::kHashes) const override;
  Result<std::vector<store::Event>> read_stream_forward(std::string_view stream, std::uint64_t from_version,
                                                        std::size_t limit) const override;
  Result<std::vector<store::Event>> read_stream_backward(std::string_view stream, std::uint64_t from_version,
                                                         std::size_t limit) const override;
  Result<std::uint64_t> stream_version(std::string_view stream) const override { return inner_.stream_version(stream); }
  Result<std::vector<std::uint64_t>> stream_versions(const std::vector<std::string>& streams, Freshness freshness) const override {
    return inner_.stream_versions(streams, freshness);
  }
  Result<std::uint64_t> position_of(std::string_view stream, std::uint64_t version) const override {
    return inner_.position_of(stream, version);
  }
  Result<std::vector<store::StreamInfo>> list_streams(std::string_view prefix, std::size_t limit = SIZE_MAX) const override {
    return inner_.list_streams(prefix, limit);
  }

  store::ChainHead head() const override { return inner_.head(); }
  Result<store::DanglingReferences> dangling_references(std::uint64_t last_position) const override {
    return inner_.dangling_references(last_position);
  }
  bool wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const override {
    return inner_.wait_for_position(position, timeout);
  }

  Status save_snapshot(const store::Snapshot& snapshot) override { return inner_.save_snapshot(snapshot); }
  Result<std::optional<store::Snapshot>> load_snapshot(std::string_view stream, std::uint32_t state_format) const override {
    return inner_.load_snapshot(stream, state_format);
  }

  Result<std::uint64_t> views_checkpoint() const override { return inner_.views_checkpoint(); }
  Status write_views(const store::ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint) override {
    return inner_.write_views(batch, expected, checkpoint);
  }
  Result<std::optional<std::string>> get_view(std::string_view key) const override { return inner_.get_view(key); }
  Status scan_views(std::string_view prefix,
                    const std::function<bool(std::string_view, std::string_view)>& visit) const override {
    return inner_.scan_views(prefix, visit);
  }
  Status drop_views() override { return inner_.drop_views(); }
  Status drop_snapshots() override { return inner_.drop_snapshots(); }
  Status compact() override { return inner_.compact(); }

  std::unique_ptr<store::DocumentStore> documents() const override { return inner_.documents(); }
  Result<std::unique_ptr<store::Subjects>> open_subjects(const store::MasterKey& master) const override {
    return inner_.open_subjects(master);
  }
  Result<bool> has_subjects() const override { return inner_.has_subjects(); }
  bool read_only() const override { return inner_.read_only(); }
  store::CutCheck cut_check() const override { return inner_.cut_check(); }

 private:
  // `appends` with their personal values sealed.
  Result<std::vector<store::StreamAppend>> sealed(const std::vector<store::StreamAppend>& appends);
  struct KnownCase {
    std::string type;                            // the case type's name; empty: not a case
    std::vector<std::string> editions;           // where its definition may be: its own, then where it migrated
    std::map<std::string, std::string> parties;  // party -> user
  };
  // What the log says of the case `stream` (cached; mu_ held).
  Result<KnownCase> known(const std::string& stream);
  // Adds where the case `stream` migrated to, from its whole history (mu_ held).
  Status learn_migrations(const std::string& stream, KnownCase& c);
  // Learns what `written` (appended) says of the cases it wrote to.
  void remember(const std::vector<store::StreamAppend>& written);
  // The definition `id`, compiled from the last of `editions` that published it (mu_ held).
  Result<const dsl::Definition*> definition(const std::string& id, const std::vector<std::string>& editions);
  // Marks `events` to be opened when parsed.
  void lend(std::vector<store::Event>& events) const;

  store::EventStore& inner_;
  const store::Subjects& subjects_;
  const KeyOf key_of_;
  const SealedOpener opener_;
  std::mutex mu_;  // guards the two caches
  std::unordered_map<std::string, std::unique_ptr<dsl::Definition>> definitions_;  // by id
  std::unordered_set<std::string> compiled_editions_;
  std::unordered_map<std::string, KnownCase> cases_;  // by stream
};

}  // namespace mentorflow::engine
