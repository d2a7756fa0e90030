#include "engine/privacy/sealing_store.hpp"

#include <fmt/core.h>

#include "engine/case_name.hpp"
#include "engine/events.hpp"
#include "engine/published_definition.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

// Cases remembered at most; past it the cache starts again (a case's facts are one read away).
constexpr std::size_t kMaxKnownCases = 200'000;
// A case's first events read to find its CaseOpened.
constexpr std::size_t kFirstBatch = 8;

// What an event of type `type` says of its case: its type, parties, where its definition is.
void learn(std::string_view type, const json& payload, std::vector<std::string>& editions,
           std::map<std::string, std::string>& parties, std::string& case_type) {
  if (type == events::kCaseOpened) {
    case_type = payload.value("case_type", case_type);
    parties = payload.value("parties", parties);
    if (auto d = payload.value("definition_edition", std::string()); !d.empty()) editions.push_back(d);
  } else if (type == events::kCaseMigrated) {
    if (auto d = payload.value("to_edition", std::string()); !d.empty()) editions.push_back(d);
  }
}

Status learn_recorded(const store::Event& e, std::vector<std::string>& editions,
                      std::map<std::string, std::string>& parties, std::string& type) {
  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  learn(e.type, *payload, editions, parties, type);
  return Status::ok();
}

}  // namespace

SealingStore::SealingStore(store::EventStore& inner, const store::Subjects& subjects)
    : inner_(inner),
      subjects_(subjects),
      key_of_([this](std::string_view p) { return subjects_.key(p); }),
      opener_(key_of_) {}

Result<const dsl::Definition*> SealingStore::definition(const std::string& id, const std::vector<std::string>& editions) {
  if (auto it = definitions_.find(id); it != definitions_.end()) return it->second.get();
  for (auto edition = editions.rbegin(); edition != editions.rend(); ++edition) {
    if (!compiled_editions_.insert(*edition).second) continue;  // compiled already, under another id
    auto first = inner_.read_stream_forward(*edition, 1, 1);
    if (!first.is_ok()) return first.status();
    if (first->empty() || first->front().type != events::kDefinitionPublished) continue;
    auto compiled = compile_published(first->front());
    if (!compiled.is_ok()) return compiled.status();
    auto owned = std::make_unique<dsl::Definition>(std::move(*compiled));
    const std::string found = owned->id();
    const dsl::Definition* raw = owned.get();
    definitions_.emplace(found, std::move(owned));
    if (found == id) return raw;
  }
  return Status::not_found(fmt::format("definition {} is not published in this store", id.substr(0, 12)));
}

Result<SealingStore::KnownCase> SealingStore::known(const std::string& stream) {
  auto name = parse_case_name(stream);
  if (!name.is_ok() || name->is_cohort()) return KnownCase{};
  if (auto it = cases_.find(stream); it != cases_.end()) return it->second;
  KnownCase c{name->type, {name->edition}, {}};
  // CaseOpened is in the case's first batch, after the CommandAccepted that opened it.
  auto first = inner_.read_stream_forward(stream, 1, kFirstBatch);
  if (!first.is_ok()) return first.status();
  if (first->empty()) return c;  // a new case: what the coming events say
  for (const store::Event& e : *first)
    if (e.type == events::kCaseOpened)
      if (Status st = learn_recorded(e, c.editions, c.parties, c.type); !st.is_ok()) return st;
  if (cases_.size() >= kMaxKnownCases) cases_.clear();
  cases_.emplace(stream, c);
  return c;
}

Status SealingStore::learn_migrations(const std::string& stream, KnownCase& c) {
  auto all = inner_.read_stream_forward(stream, 1, SIZE_MAX);
  if (!all.is_ok()) return all.status();
  for (const store::Event& e : *all)
    if (e.type == events::kCaseMigrated)
      if (Status st = learn_recorded(e, c.editions, c.parties, c.type); !st.is_ok()) return st;
  if (auto it = cases_.find(stream); it != cases_.end()) it->second = c;
  return Status::ok();
}

void SealingStore::remember(const std::vector<store::StreamAppend>& written) {
  std::lock_guard lock(mu_);
  for (const store::StreamAppend& a : written) {
    auto it = cases_.find(a.stream);
    if (it == cases_.end()) continue;  // read from the log when next needed
    for (const store::NewEvent& e : a.events) learn(e.type, e.payload, it->second.editions, it->second.parties, it->second.type);
  }
}

Result<std::vector<store::StreamAppend>> SealingStore::sealed(const std::vector<store::StreamAppend>& appends) {
  std::vector<store::StreamAppend> out = appends;
  for (store::StreamAppend& a : out) {
    if (a.events.empty()) continue;  // only checked: nothing to seal
    // What the case is, under the lock (the caches); the sealing itself outside it, so that the
    // commands of several engines encrypt at once. Definitions are never dropped: the pointers stay.
    CaseFacts facts;
    std::vector<const dsl::CaseTypeSpec*> types(a.events.size(), nullptr);
    {
      std::lock_guard lock(mu_);
      auto c = known(a.stream);
      if (!c.is_ok()) return c.status();
      if (c->type.empty() && c->editions.empty()) continue;  // not a case: an edition, a cohort
      for (const store::NewEvent& e : a.events) learn(e.type, e.payload, c->editions, c->parties, c->type);
      for (std::size_t i = 0; i < a.events.size(); ++i) {
        const std::string& id = a.events[i].definition_id;
        if (id.empty()) continue;
        auto definition = this->definition(id, c->editions);
        if (!definition.is_ok() && definition.status().is_not_found()) {
          // Migrated by an event this process has not seen (rare): the case's history says where to.
          if (Status st = learn_migrations(a.stream, *c); !st.is_ok()) return st;
          definition = this->definition(id, c->editions);
        }
        if (!definition.is_ok()) return definition.status();
        if (auto type = (*definition)->find_case_type(c->type)) types[i] = &(*definition)->case_type(*type);
      }
      facts.parties = std::move(c->parties);
    }
    for (std::size_t i = 0; i < a.events.size(); ++i) {
      facts.type = types[i];
      if (Status st = seal_event(a.events[i], a.stream, facts, key_of_); !st.is_ok()) return st;
    }
  }
  return out;
}

void SealingStore::lend(std::vector<store::Event>& events) const {
  for (store::Event& e : events) e.opener = &opener_;
}

Result<store::AppendResult> SealingStore::append(std::string_view stream, store::ExpectedVersion expected,
                                                 const std::vector<store::NewEvent>& events) {
  auto appends = sealed({{std::string(stream), expected, events}});
  if (!appends.is_ok()) return appends.status();
  auto written = inner_.append(stream, expected, appends->front().events);
  if (written.is_ok()) remember(*appends);
  return written;
}

Result<std::vector<store::AppendResult>> SealingStore::append_multi(const std::vector<store::StreamAppend>& appends,
                                                                    std::vector<store::Event>* recorded) {
  auto sealed_appends = sealed(appends);
  if (!sealed_appends.is_ok()) return sealed_appends.status();
  auto written = inner_.append_multi(*sealed_appends, recorded);
  if (written.is_ok()) remember(appends);
  if (written.is_ok() && recorded) lend(*recorded);
  return written;
}

Result<store::Event> SealingStore::read_event(std::uint64_t position, store::ReadCheck check) const {
  auto event = inner_.read_event(position, check);
  if (event.is_ok()) event->opener = &opener_;
  return event;
}

Result<std::size_t> SealingStore::scan_events(std::uint64_t from_position, std::size_t limit,
                                              const std::function<bool(const store::Event&)>& visit,
                                              store::ReadCheck check) const {
  return inner_.scan_events(
      from_position, limit,
      [&](const store::Event& e) {
        e.opener = &opener_;
        return visit(e);
      },
      check);
}

Result<std::vector<store::Event>> SealingStore::read_stream_forward(std::string_view stream, std::uint64_t from_version,
                                                                   std::size_t limit) const {
  auto events = inner_.read_stream_forward(stream, from_version, limit);
  if (events.is_ok()) lend(*events);
  return events;
}

Result<std::vector<store::Event>> SealingStore::read_stream_backward(std::string_view stream, std::uint64_t from_version,
                                                                    std::size_t limit) const {
  auto events = inner_.read_stream_backward(stream, from_version, limit);
  if (events.is_ok()) lend(*events);
  return events;
}

}  // namespace mentorflow::engine
