#pragma once
// The subjects of a store's personal data (docs/PRIVACY.md): for every person, a pseudonym that
// the log carries in place of their user id, and a data key that seals their personal values.
// They live outside the hash chain, where they can be destroyed: erasing a subject removes their
// user id and data key for good, and the log keeps only a pseudonym nothing maps back and
// ciphertext nothing opens. Two places keep them, one per backend: a file beside a RocksDB store
// (store/file_subjects.hpp) and a table of a PostgreSQL store (store/pg/pg_subjects.hpp); the
// store opens the right one (EventStore::open_subjects).
//
// Thread safety: every method may be called from any thread at once.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "store/master_key.hpp"
#include "store/seal.hpp"

namespace mentorflow::store {

// A pseudonym: "_s" and 26 base32 characters (RFC 4648, lower case) of 128 random bits, a token
// that is a valid stream-name part and that no text can hold by chance. Random, not a keyed hash
// of the user id: once the mapping is gone nothing, not even the master key, links it back.
inline constexpr std::size_t kPseudonymSize = 28;
bool is_pseudonym(std::string_view text);
// Another writer of the same store (a second node on one PostgreSQL database) stops opening a
// subject this long at most after it was erased.
inline constexpr std::chrono::milliseconds kErasureSeenWithin{200};

// A new random pseudonym; IOError when OpenSSL has no random bytes.
Result<std::string> new_pseudonym();

// What is kept of one subject, sealed by the master key under the subject's pseudonym (a record
// moved to another pseudonym does not open).
struct SubjectRecord {
  std::string user;
  DataKey key{};
};
Result<std::string> seal_subject(const MasterKey& master, std::string_view pseudonym, const SubjectRecord& record);
// InvalidArgument when `sealed` does not open with `master` under `pseudonym`.
Result<SubjectRecord> open_subject(const MasterKey& master, std::string_view pseudonym, std::string_view sealed);

// The sentence for a subjects place made under another master key than the one given.
Status other_master_key(std::string_view place, std::string_view recorded_id, const MasterKey& given);

class Subjects {
 public:
  virtual ~Subjects() = default;

  // The pseudonym of `user`. When `user` has none: with `create`, a new pseudonym and data key
  // are made and recorded durably before it is returned (two writers asking at once for one user
  // get one pseudonym); without, NotFound. Refused on a read-only open; InvalidArgument when
  // `user` is empty or looks like a pseudonym.
  virtual Result<std::string> pseudonym(std::string_view user, bool create) = 0;
  // The user id behind `pseudonym`; nullopt when it is unknown or erased.
  virtual std::optional<std::string> user(std::string_view pseudonym) const = 0;
  // The data key of `pseudonym`; nullopt when unknown or erased.
  virtual std::optional<DataKey> key(std::string_view pseudonym) const = 0;
  virtual bool erased(std::string_view pseudonym) const = 0;
  // The erased pseudonyms, in the order they were erased: they travel with the keys, so that a
  // restored older backup of the log can be told whom to erase again (docs/PRIVACY.md, "Backups").
  virtual std::vector<std::string> erased_list() const = 0;
  virtual std::size_t size() const = 0;  // subjects known and not erased

  // Forgets `pseudonym`'s user id and data key for good and lists it as erased. Ok when it was
  // erased already; NotFound when it was never known; Refused on a read-only open.
  virtual Status erase(std::string_view pseudonym) = 0;

  // Seals every record anew under `next` and records its id, in one step (the old key opens none
  // of them afterwards): the rotation of the master key (docs/PRIVACY.md, "Rotating the master
  // key"). Refused on a read-only open; on failure every record stays under the key before.
  virtual Status rotate(const MasterKey& next) = 0;

 protected:
  // The checks every pseudonym() makes before looking.
  static Status check_user(std::string_view user);
};

// The erased list beside the master key (docs/PRIVACY.md, "Backups"): the file KEYFILE.erased,
// one pseudonym per line, rewritten whenever a subject is erased, so that the list travels with
// the key and not with the store. A store restored from a backup older than an erasure still
// holds that person's record; opened for writing with the key, it is erased again
// (engine/erasure.hpp, finish_erasures). A key in no file (MasterKey::of) has no such list.
Result<std::vector<std::string>> erasures_beside_key(const MasterKey& master);
// Writes `erased` beside the key (synced, mode 0600), as one list with what is there already.
Status record_erasures_beside_key(const MasterKey& master, const std::vector<std::string>& erased);

}  // namespace mentorflow::store
