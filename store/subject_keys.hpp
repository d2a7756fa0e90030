#pragma once
// The subjects of a store's personal data (docs/PRIVACY.md): for every person, a pseudonym that
// the log carries in place of their user id, and a data key that seals their personal values.
// Both live here, outside the hash chain, in one file the store may rewrite: erasing a subject
// removes their record and rewrites the file without it, so their id and key leave the disk,
// and the log keeps only a pseudonym nothing maps back and ciphertext nothing opens.
//
// The file: a header line naming the master key by its id, then one line per record, appended
// and synced before the first event that uses it:
//   mentorflow subjects 1 <master key id>
//   subject <pseudonym> <base64 of the data key and user id, sealed by the master key>
//   erased <pseudonym>
// The erased pseudonyms stay listed, so that a restored older backup of the log can be told whom
// to erase again (docs/PRIVACY.md, "Backups").
//
// Thread safety: every method may be called from any thread at once.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.hpp"
#include "store/master_key.hpp"
#include "store/seal.hpp"

namespace mentorflow::store {

// A pseudonym: "_s" and 26 base32 characters (RFC 4648, lower case) of 128 random bits, a token
// that is a valid stream-name part and that no text can hold by chance.
inline constexpr std::size_t kPseudonymSize = 28;
bool is_pseudonym(std::string_view text);

class SubjectKeys {
 public:
  // Opens the subjects file `file`. A missing file is made (with its header) when `writable`;
  // read-only, a missing file is an empty store of subjects. InvalidArgument when the file was
  // made under another master key ("opened with another master key than the one it was made
  // with"), or a record does not open with `master`; IOError when it cannot be read or written.
  // A record cut short by a crash while it was appended (never used: the append was not synced)
  // is dropped, and a writable open rewrites the file without it.
  static Result<std::unique_ptr<SubjectKeys>> open(const std::filesystem::path& file, const MasterKey& master, bool writable);

  // The pseudonym of `user`. When `user` has none: with `create`, a new pseudonym and data key
  // are made and recorded (synced) before it is returned; without, NotFound. Refused on a
  // read-only open; InvalidArgument when `user` is itself a pseudonym-looking text or empty.
  Result<std::string> pseudonym(std::string_view user, bool create);
  // The user id behind `pseudonym`; nullopt when it is unknown or erased. A read-only open looks
  // at the file again when it has changed since it was read: subjects added or erased meanwhile.
  std::optional<std::string> user(std::string_view pseudonym) const;
  // The data key of `pseudonym`; nullopt when unknown or erased.
  std::optional<DataKey> key(std::string_view pseudonym) const;
  bool erased(std::string_view pseudonym) const;
  // The erased pseudonyms, in the order they were erased.
  std::vector<std::string> erased_list() const;
  std::size_t size() const;  // subjects known and not erased

  // Forgets `pseudonym`'s user id and data key for good: the file is rewritten without its record
  // and with an `erased` line. Ok when it was erased already; NotFound when it was never known.
  Status erase(std::string_view pseudonym);

  const std::filesystem::path& file() const { return file_; }

 private:
  struct Record {
    std::string user;
    DataKey key;
  };
  struct Parsed;

  SubjectKeys(std::filesystem::path file, const MasterKey& master, bool writable)
      : file_(std::move(file)), master_(master), writable_(writable) {}

  // Reads the file into a Parsed; the caller swaps it in.
  Result<Parsed> read() const;
  void adopt(Parsed&& parsed) const;
  std::string record_line(std::string_view pseudonym, const Record& record) const;
  std::string whole_file() const;  // the header and every record, with mu_ held
  void reload_if_changed() const;

  const std::filesystem::path file_;
  const MasterKey master_;
  const bool writable_;

  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, Record> by_pseudonym_;
  mutable std::unordered_map<std::string, std::string> by_user_;
  mutable std::vector<std::string> erased_;
  mutable std::unordered_set<std::string> erased_set_;
  mutable std::array<std::int64_t, 3> file_stamp_{};  // inode, size and change time of the file as last read
};

}  // namespace mentorflow::store
