#pragma once
// The subjects of a RocksDB store (store/subjects.hpp) in one file beside the log, which erasure
// rewrites: erasing a subject removes their record and rewrites the file without it, so their id
// and key leave the disk.
//
// The file: a header line naming the master key by its id, then one line per record, appended
// and synced before the first event that uses it:
//   mentorflow subjects 1 <master key id>
//   subject <pseudonym> <base64 of the data key and user id, sealed by the master key>
//   erased <pseudonym>
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
#include "store/subjects.hpp"

namespace mentorflow::store {

class FileSubjects final : public Subjects {
 public:
  // Opens the subjects file `file`. A missing file is made (with its header) when `writable`;
  // read-only, a missing file is an empty store of subjects. InvalidArgument when the file was
  // made under another master key ("opened with another master key than the one it was made
  // with"), or a record does not open with `master`; IOError when it cannot be read or written.
  // A record cut short by a crash while it was appended (never used: the append was not synced)
  // is dropped, and a writable open rewrites the file without it.
  static Result<std::unique_ptr<FileSubjects>> open(const std::filesystem::path& file, const MasterKey& master, bool writable);

  // A read-only open looks at the file again when it has changed since it was read: subjects
  // added or erased meanwhile. erase() rewrites the file without the record, with an `erased` line.
  Result<std::string> pseudonym(std::string_view user, bool create) override;
  std::optional<std::string> user(std::string_view pseudonym) const override;
  std::optional<DataKey> key(std::string_view pseudonym) const override;
  bool erased(std::string_view pseudonym) const override;
  std::vector<std::string> erased_list() const override;
  std::size_t size() const override;
  Status erase(std::string_view pseudonym) override;
  // Rewrites the file under `next` (a new file renamed over the old one, synced).
  Status rotate(const MasterKey& next) override;

  const std::filesystem::path& file() const { return file_; }

 private:
  using Record = SubjectRecord;
  struct Parsed;

  FileSubjects(std::filesystem::path file, const MasterKey& master, bool writable)
      : file_(std::move(file)), master_(master), writable_(writable) {}

  // Reads the file into a Parsed; the caller swaps it in.
  Result<Parsed> read() const;
  void adopt(Parsed&& parsed) const;
  std::string record_line(std::string_view pseudonym, const Record& record) const;
  Result<std::string> whole_file() const;  // the header and every record, with mu_ held
  void reload_if_changed() const;

  const std::filesystem::path file_;
  MasterKey master_;  // changed only by rotate(), with mu_ held
  const bool writable_;

  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, Record> by_pseudonym_;
  mutable std::unordered_map<std::string, std::string> by_user_;
  mutable std::vector<std::string> erased_;
  mutable std::unordered_set<std::string> erased_set_;
  mutable std::array<std::int64_t, 3> file_stamp_{};  // inode, size and change time of the file as last read
};

}  // namespace mentorflow::store
