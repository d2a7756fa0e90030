#include "api/checkpointer.hpp"

#include <fmt/core.h>

#include "store/sign_head.hpp"
#include "store/witness.hpp"

namespace mentorflow::api {
namespace {

// How long the thread waits at most before it looks at the clock and at stop() again.
constexpr std::chrono::milliseconds kPoll{200};

// The last line of `witness` when it is a checkpoint of `head` signed with `key`.
std::optional<store::SignedCheckpoint> already_signed(const std::filesystem::path& witness, const store::ChainHead& head,
                                                      const store::PublicKey& key) {
  auto lines = store::read_witness(witness);
  if (!lines.is_ok() || lines->empty() || !lines->back().checkpoint) return std::nullopt;
  const store::SignedCheckpoint& last = *lines->back().checkpoint;
  if (last.key != key || last.position != head.position || last.hash != head.hash) return std::nullopt;
  return last;
}

}  // namespace

Checkpointer::Checkpointer(const store::EventStore& store, store::SigningKey key, std::filesystem::path witness,
                           CheckpointPolicy policy, const Clock& clock, std::vector<store::PublicKey> earlier_keys)
    : store_(store),
      key_(std::move(key)),
      witness_(std::move(witness)),
      policy_(policy),
      clock_(clock),
      earlier_keys_(std::move(earlier_keys)) {}

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const store::EventStore& store, store::SigningKey key,
                                                          std::filesystem::path witness, CheckpointPolicy policy,
                                                          const Clock& clock, std::vector<store::PublicKey> earlier_keys) {
  if (Status s = store::witness_holds(store, witness); !s.is_ok()) return s;
  std::unique_ptr<Checkpointer> c(
      new Checkpointer(store, std::move(key), std::move(witness), policy, clock, std::move(earlier_keys)));
  if (auto found = already_signed(c->witness_, store.head(), c->key_.public_key())) {
    c->latest_ = *found;
  } else {
    auto first = store::sign_head(store, c->key_, clock.now());
    if (!first.is_ok()) return first.status();
    if (Status s = store::append_witness(c->witness_, *first); !s.is_ok()) return s;
    c->latest_ = *first;
  }
  c->thread_ = std::thread([raw = c.get()] { raw->run(); });
  return c;
}

Checkpointer::~Checkpointer() {
  if (!thread_.joinable()) return;  // start() failed before it began: nothing to finish
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
  if (Status s = sign_if_moved(); !s.is_ok())
    fmt::print(stderr, "mentorflow serve: the last checkpoint was not written: {}\n", s.message());
}

std::vector<store::PublicKey> Checkpointer::trusted_keys() const {
  std::vector<store::PublicKey> keys{key_.public_key()};
  for (const store::PublicKey& key : earlier_keys_)
    if (key != key_.public_key()) keys.push_back(key);
  return keys;
}

store::SignedCheckpoint Checkpointer::latest() const {
  std::lock_guard lock(mu_);
  return latest_;
}

Status Checkpointer::sign_if_moved() {
  std::lock_guard signing(sign_mu_);
  if (store_.head() == store::ChainHead{latest().position, latest().hash}) return Status::ok();
  auto next = store::sign_head(store_, key_, clock_.now());
  if (!next.is_ok()) return next.status();
  if (Status s = store::append_witness(witness_, *next); !s.is_ok()) return s;
  std::lock_guard lock(mu_);
  latest_ = *next;
  return Status::ok();
}

void Checkpointer::run() {
  auto last_turn = std::chrono::steady_clock::now();
  for (;;) {
    bool due = false;
    if (policy_.every_events > 0) due = store_.wait_for_position(latest().position + policy_.every_events, kPoll);
    std::unique_lock lock(mu_);
    if (!due) stop_cv_.wait_for(lock, policy_.every_events > 0 ? std::chrono::milliseconds(0) : kPoll, [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    const auto now = std::chrono::steady_clock::now();
    if (policy_.every_minutes.count() > 0 && now - last_turn >= policy_.every_minutes) due = true;
    if (!due) continue;
    last_turn = now;
    if (Status s = sign_if_moved(); !s.is_ok()) {
      fmt::print(stderr, "mentorflow serve: a checkpoint was not written (tried again later): {}\n", s.message());
      lock.lock();
      stop_cv_.wait_for(lock, kPoll, [&] { return stopping_; });  // not in a tight loop
    }
  }
}

}  // namespace mentorflow::api
