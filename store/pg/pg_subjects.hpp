#pragma once
// The subjects of a PostgreSQL store (store/subjects.hpp) in two tables beside the log, shared by
// every node on the database:
//   subjects(pseudonym, user_tag, sealed)   one row per subject; `sealed` is the data key and user
//                                           id sealed by the master key; `user_tag` an HMAC of the
//                                           user id under the master key, unique, so that two nodes
//                                           making a pseudonym for one user at once agree on one
//   erased_subjects(seq, pseudonym)         the erased, in order
//   meta 'subjects-master-key'              the id of the master key the rows are sealed with
// Erasing deletes the row and rewrites the table (VACUUM FULL), so that the table's files no
// longer hold it; what PostgreSQL keeps elsewhere for a while (WAL, replicas, backups) is
// described in docs/PRIVACY.md.
//
// A node keeps what it has read in memory and looks at erased_subjects again when it last looked
// kErasureSeenWithin ago or more: a subject another node erased stops opening here within that time.
//
// Thread safety: every method may be called from any thread at once.
#include <chrono>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

#include "store/pg/pg_connection.hpp"
#include "store/subjects.hpp"

namespace mentorflow::store::pg {

class PgSubjects final : public Subjects {
 public:
  // The subjects in the database of `pool`; the tables are made when missing and `writable`.
  // InvalidArgument when they were made under another master key; IOError when the database
  // cannot be reached.
  static Result<std::unique_ptr<PgSubjects>> open(std::shared_ptr<Pool> pool, const MasterKey& master, bool writable);

  Result<std::string> pseudonym(std::string_view user, bool create) override;
  std::optional<std::string> user(std::string_view pseudonym) const override;
  std::optional<DataKey> key(std::string_view pseudonym) const override;
  bool erased(std::string_view pseudonym) const override;
  std::vector<std::string> erased_list() const override;
  std::size_t size() const override;
  Status erase(std::string_view pseudonym) override;
  // Every row sealed anew and tagged under `next`, and the recorded id changed, in one
  // transaction; then VACUUM FULL, so no page keeps a row sealed under the old key.
  Status rotate(const MasterKey& next) override;

 private:
  PgSubjects(std::shared_ptr<Pool> pool, const MasterKey& master, bool writable)
      : pool_(std::move(pool)), master_(master), writable_(writable) {}

  std::string tag_of(std::string_view user) const { return tag_under(master_, user); }
  static std::string tag_under(const MasterKey& master, std::string_view user);
  // The record of `pseudonym`, from memory or the database; nullopt when there is none.
  std::optional<SubjectRecord> record(std::string_view pseudonym) const;
  // Looks up a row by `column` (pseudonym or user_tag) and keeps what it finds.
  Result<std::optional<std::string>> fetch(std::string_view column, const Param& value) const;
  // Forgets in memory the subjects erased since the last look; `always`: whatever the time.
  void look_at_erasures(bool always) const;
  void remember(const std::string& pseudonym, SubjectRecord record) const;

  const std::shared_ptr<Pool> pool_;
  MasterKey master_;  // changed only by rotate(), which no other call may overlap
  const bool writable_;
  // The tables exist: always once a writable open made them. A read-only open of a store that
  // never recorded a subject has none, and knows nobody for as long as it is open.
  bool tables_ = false;

  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, SubjectRecord> by_pseudonym_;
  mutable std::unordered_map<std::string, std::string> by_user_;
  mutable std::vector<std::string> erased_;
  mutable std::unordered_set<std::string> erased_set_;
  mutable std::uint64_t erased_seen_ = 0;  // the highest erased_subjects.seq read
  mutable std::chrono::steady_clock::time_point looked_{};
};

}  // namespace mentorflow::store::pg
