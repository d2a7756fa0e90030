#pragma once
// StagedFolder: a folder written under a temporary name beside its final one and renamed into
// place only when all of it is written, so that a backup or a restore that fails leaves nothing
// half-written behind. Used by store/backup.cpp.
//
// Thread safety: one thread at a time.
#include <filesystem>
#include <optional>

#include "base/status.hpp"

namespace mentorflow::store {

class StagedFolder {
 public:
  // Stages `final`, which must not exist or be an empty folder: InvalidArgument naming it
  // otherwise ("... exists and is not empty"); IOError when the temporary folder cannot be made.
  static Result<StagedFolder> begin(const std::filesystem::path& final);
  StagedFolder(StagedFolder&& other) noexcept : final_(std::move(other.final_)), staging_(std::move(other.staging_)) {
    other.staging_.clear();
  }
  StagedFolder& operator=(StagedFolder&&) = delete;
  // Removes the temporary folder unless committed.
  ~StagedFolder();

  // Where to write: the temporary folder.
  const std::filesystem::path& path() const { return staging_; }
  // Renames the temporary folder to the final name and syncs the folder holding it. IOError
  // naming the final folder when that fails (then nothing is left at either name).
  Status commit();

 private:
  StagedFolder(std::filesystem::path final, std::filesystem::path staging)
      : final_(std::move(final)), staging_(std::move(staging)) {}
  std::filesystem::path final_, staging_;
};

// InvalidArgument naming `folder` when it exists and is not an empty folder.
Status check_new_or_empty(const std::filesystem::path& folder, std::string_view what);

}  // namespace mentorflow::store
