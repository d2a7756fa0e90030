#include "store/pg/pg_subjects.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/core.h>

#include <mutex>

#include "store/pg/pg_event_store.hpp"

namespace mentorflow::store::pg {
namespace {

// Made by the first writable open (under an advisory lock, as the store's own tables are).
constexpr std::string_view kCreate = R"(
CREATE TABLE IF NOT EXISTS subjects (pseudonym text COLLATE "C" PRIMARY KEY, user_tag bytea UNIQUE NOT NULL, sealed bytea NOT NULL);
CREATE TABLE IF NOT EXISTS erased_subjects (seq bigserial PRIMARY KEY, pseudonym text COLLATE "C" UNIQUE NOT NULL);
)";
constexpr std::string_view kTagLabel = "mentorflow user tag ";

Status create_tables(Connection& conn, const MasterKey& master) {
  auto tx = Transaction::begin(conn);
  if (!tx.is_ok()) return tx.status();
  if (Status s = conn.run("SELECT pg_advisory_xact_lock(4711161)", "creating the subjects tables"); !s.is_ok()) return s;
  if (Status s = conn.run(kCreate, "creating the subjects tables"); !s.is_ok()) return s;
  auto done = conn.query("INSERT INTO meta (key, value) VALUES ('subjects-master-key', $1) ON CONFLICT (key) DO NOTHING",
                         {Param(master.id())}, "recording the master key's id");
  if (!done.is_ok()) return done.status();
  return tx->commit();
}

}  // namespace

Result<std::unique_ptr<PgSubjects>> PgSubjects::open(std::shared_ptr<Pool> pool, const MasterKey& master, bool writable) {
  std::unique_ptr<PgSubjects> subjects(new PgSubjects(std::move(pool), master, writable));
  auto conn = subjects->pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  if (writable) {
    if (Status s = create_tables(*conn, master); !s.is_ok()) return s;
  }
  auto recorded = conn->query("SELECT value FROM meta WHERE key = 'subjects-master-key'", {}, "reading the master key's id");
  if (!recorded.is_ok()) return recorded.status();
  // Read-only, and no subject was ever recorded: no tables, nobody known (store/pg/pg_subjects.hpp).
  if (recorded->empty()) return subjects;
  subjects->tables_ = true;
  if (recorded->text(0, 0) != master.id())
    return other_master_key(fmt::format("the subjects table of {}", subjects->pool_->display()), recorded->text(0, 0), master);
  subjects->look_at_erasures(true);
  return subjects;
}

std::string PgSubjects::tag_under(const MasterKey& master, std::string_view user) {
  const std::string text = fmt::format("{}{}", kTagLabel, user);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), master.key().data(), static_cast<int>(master.key().size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

void PgSubjects::remember(const std::string& pseudonym, SubjectRecord record) const {
  std::unique_lock lock(mu_);
  if (erased_set_.contains(pseudonym)) return;
  by_user_[record.user] = pseudonym;
  by_pseudonym_[pseudonym] = std::move(record);
}

Result<std::optional<std::string>> PgSubjects::fetch(std::string_view column, const Param& value) const {
  if (!tables_) return std::optional<std::string>();
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query(fmt::format("SELECT pseudonym, sealed FROM subjects WHERE {} = $1", column), {value}, "reading a subject");
  if (!rows.is_ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  std::string pseudonym(rows->text(0, 0));
  auto record = open_subject(master_, pseudonym, rows->bytes(0, 1));
  if (!record.is_ok()) return record.status();
  remember(pseudonym, std::move(*record));
  return std::optional<std::string>(std::move(pseudonym));
}

Result<std::string> PgSubjects::pseudonym(std::string_view user, bool create) {
  if (Status s = check_user(user); !s.is_ok()) return s;
  {
    std::shared_lock lock(mu_);
    if (auto found = by_user_.find(std::string(user)); found != by_user_.end()) return found->second;
  }
  const std::string tag = tag_of(user);
  auto found = fetch("user_tag", Param::binary(tag));
  if (!found.is_ok()) return found.status();
  if (*found) return **found;
  if (!create) return Status::not_found(fmt::format("no subject with user id {}", user));
  if (!writable_) return Status::refused("the store is open read-only: no new subject can be recorded");
  auto name = new_pseudonym();
  auto key = random_key();
  if (!name.is_ok()) return name.status();
  if (!key.is_ok()) return key.status();
  auto sealed = seal_subject(master_, *name, SubjectRecord{std::string(user), *key});
  if (!sealed.is_ok()) return sealed.status();
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  // Another node may record the same user at the same moment: the unique tag lets one row in,
  // and both answer with that row's pseudonym.
  auto inserted = conn->query("INSERT INTO subjects (pseudonym, user_tag, sealed) VALUES ($1, $2, $3) ON CONFLICT (user_tag) DO NOTHING",
                              {Param(*name), Param::binary(tag), Param::binary(*sealed)}, "recording a subject");
  if (!inserted.is_ok()) return inserted.status();
  found = fetch("user_tag", Param::binary(tag));
  if (!found.is_ok()) return found.status();
  if (!*found) return Status::conflict(fmt::format("the subject {} was erased while it was being recorded", user));
  return **found;
}

void PgSubjects::look_at_erasures(bool always) const {
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t seen = 0;
  {
    std::shared_lock lock(mu_);
    if (!tables_ || (!always && now - looked_ < kErasureSeenWithin)) return;
    seen = erased_seen_;
  }
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return;  // keep what is known: a question answers "unknown" rather than fail
  auto rows = conn->query("SELECT seq, pseudonym FROM erased_subjects WHERE seq > $1 ORDER BY seq", {Param(seen)}, "reading erasures");
  if (!rows.is_ok()) return;
  std::unique_lock lock(mu_);
  for (int row = 0; row < rows->size(); ++row) {
    const std::uint64_t seq = rows->number(row, 0);
    if (seq <= erased_seen_) continue;  // another thread read it meanwhile
    std::string pseudonym(rows->text(row, 1));
    if (auto found = by_pseudonym_.find(pseudonym); found != by_pseudonym_.end()) {
      by_user_.erase(found->second.user);
      by_pseudonym_.erase(found);
    }
    if (erased_set_.insert(pseudonym).second) erased_.push_back(std::move(pseudonym));
    erased_seen_ = seq;
  }
  looked_ = now;
}

std::optional<SubjectRecord> PgSubjects::record(std::string_view pseudonym) const {
  look_at_erasures(false);
  const std::string name(pseudonym);
  {
    std::shared_lock lock(mu_);
    if (erased_set_.contains(name)) return std::nullopt;
    if (auto found = by_pseudonym_.find(name); found != by_pseudonym_.end()) return found->second;
  }
  if (!is_pseudonym(pseudonym)) return std::nullopt;
  auto found = fetch("pseudonym", Param(pseudonym));
  if (!found.is_ok() || !*found) return std::nullopt;
  std::shared_lock lock(mu_);
  if (auto known = by_pseudonym_.find(name); known != by_pseudonym_.end()) return known->second;
  return std::nullopt;
}

std::optional<std::string> PgSubjects::user(std::string_view pseudonym) const {
  auto found = record(pseudonym);
  return found ? std::optional<std::string>(std::move(found->user)) : std::nullopt;
}

std::optional<DataKey> PgSubjects::key(std::string_view pseudonym) const {
  auto found = record(pseudonym);
  return found ? std::optional<DataKey>(found->key) : std::nullopt;
}

bool PgSubjects::erased(std::string_view pseudonym) const {
  look_at_erasures(false);
  std::shared_lock lock(mu_);
  return erased_set_.contains(std::string(pseudonym));
}

std::vector<std::string> PgSubjects::erased_list() const {
  look_at_erasures(true);
  std::shared_lock lock(mu_);
  return erased_;
}

std::size_t PgSubjects::size() const {
  auto conn = tables_ ? pool_->acquire() : Result<Connection>(Status::not_found("no subjects tables"));
  if (conn.is_ok()) {
    auto rows = conn->query("SELECT count(*) FROM subjects", {}, "counting subjects");
    if (rows.is_ok()) return rows->number(0, 0);
  }
  std::shared_lock lock(mu_);
  return by_pseudonym_.size();
}

Status PgSubjects::erase(std::string_view pseudonym) {
  if (!writable_) return Status::refused("the store is open read-only: no subject can be erased");
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  {
    auto tx = Transaction::begin(*conn, kReadCommitted);
    if (!tx.is_ok()) return tx.status();
    auto deleted = conn->query("DELETE FROM subjects WHERE pseudonym = $1 RETURNING pseudonym", {Param(pseudonym)}, "erasing a subject");
    if (!deleted.is_ok()) return deleted.status();
    if (deleted->empty()) {
      auto known = conn->query("SELECT 1 FROM erased_subjects WHERE pseudonym = $1", {Param(pseudonym)}, "looking for an erasure");
      if (!known.is_ok()) return known.status();
      if (known->empty()) return Status::not_found(fmt::format("no subject with pseudonym {}", pseudonym));
    }
    auto listed = conn->query("INSERT INTO erased_subjects (pseudonym) VALUES ($1) ON CONFLICT (pseudonym) DO NOTHING",
                              {Param(pseudonym)}, "listing an erasure");
    if (!listed.is_ok()) return listed.status();
    if (Status s = tx->commit(); !s.is_ok()) return s;
  }
  look_at_erasures(true);
  if (Status s = record_erasures_beside_key(master_, {std::string(pseudonym)}); !s.is_ok()) return s;
  // A deleted row stays in the table's pages until they are rewritten: VACUUM FULL writes the
  // table anew without it. Run again by erasing again (Ok: erased already) if it fails here.
  return conn->run("VACUUM FULL subjects", "rewriting the subjects table without the erased record");
}

Status PgSubjects::rotate(const MasterKey& next) {
  if (!writable_) return Status::refused("the store is open read-only: its master key cannot be changed");
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  {
    auto tx = Transaction::begin(*conn);
    if (!tx.is_ok()) return tx.status();
    auto rows = conn->query("SELECT pseudonym, sealed FROM subjects ORDER BY pseudonym FOR UPDATE", {}, "reading the subjects");
    if (!rows.is_ok()) return rows.status();
    for (int row = 0; row < rows->size(); ++row) {
      const std::string pseudonym(rows->text(row, 0));
      auto record = open_subject(master_, pseudonym, rows->bytes(row, 1));
      if (!record.is_ok()) return record.status();
      auto sealed = seal_subject(next, pseudonym, *record);
      if (!sealed.is_ok()) return sealed.status();
      auto updated = conn->query("UPDATE subjects SET user_tag = $2, sealed = $3 WHERE pseudonym = $1",
                                 {Param(pseudonym), Param::binary(tag_under(next, record->user)), Param::binary(*sealed)},
                                 "sealing a subject under the new master key");
      if (!updated.is_ok()) return updated.status();
    }
    auto recorded = conn->query("UPDATE meta SET value = $1 WHERE key = 'subjects-master-key'", {Param(next.id())},
                                "recording the new master key's id");
    if (!recorded.is_ok()) return recorded.status();
    if (Status s = tx->commit(); !s.is_ok()) return s;
  }
  {
    std::unique_lock lock(mu_);
    master_ = next;
  }
  if (Status s = record_erasures_beside_key(next, erased_list()); !s.is_ok()) return s;
  return conn->run("VACUUM FULL subjects", "rewriting the subjects table under the new master key");
}

// The store hands out its subjects (store/event_store.hpp) from its own pool of connections.
Result<std::unique_ptr<Subjects>> PgEventStore::open_subjects(const MasterKey& master) const {
  auto subjects = PgSubjects::open(pool_, master, !read_only());
  if (!subjects.is_ok()) return subjects.status();
  return std::unique_ptr<Subjects>(std::move(*subjects));
}

Result<bool> PgEventStore::has_subjects() const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT 1 FROM meta WHERE key = 'subjects-master-key'", {}, "looking for the store's subjects");
  if (!rows.is_ok()) return rows.status();
  return !rows->empty();
}

}  // namespace mentorflow::store::pg
