#include "store/file_subjects.hpp"

#include <sys/stat.h>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <mutex>

#include "store/file_io.hpp"

namespace mentorflow::store {
namespace {

constexpr std::string_view kHeader = "mentorflow subjects 1 ";
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;  // some millions of subjects

std::array<std::int64_t, 3> stamp_of(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return {};
  return {static_cast<std::int64_t>(info.st_ino), static_cast<std::int64_t>(info.st_size),
          static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec};
}

}  // namespace

struct FileSubjects::Parsed {
  std::unordered_map<std::string, Record> by_pseudonym;
  std::unordered_map<std::string, std::string> by_user;
  std::vector<std::string> erased;
  std::array<std::int64_t, 3> stamp{};
  bool exists = false;
  bool torn = false;  // the last line had no newline: an append cut short by a crash
};

Result<FileSubjects::Parsed> FileSubjects::read() const {
  Parsed parsed;
  parsed.stamp = stamp_of(file_);
  auto text = read_small_file(file_, kMaxFileBytes);
  if (!text.is_ok() && text.status().is_not_found()) return parsed;
  if (!text.is_ok()) return text.status();
  parsed.exists = !text->empty();  // an empty file is made again, with its header
  std::string_view rest = *text;
  const auto damaged = [&](std::size_t line, std::string_view why) {
    return Status::invalid_argument(fmt::format("subjects file {} line {}: {}", file_.string(), line, why));
  };
  for (std::size_t line = 1; !rest.empty(); ++line) {
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) {
      parsed.torn = true;
      break;
    }
    const std::string_view text_line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (line == 1) {
      if (!text_line.starts_with(kHeader)) return damaged(line, "not a subjects file of mentorflow");
      if (text_line.substr(kHeader.size()) != master_.id())
        return other_master_key(fmt::format("subjects file {}", file_.string()), text_line.substr(kHeader.size()), master_);
      continue;
    }
    const std::size_t space = text_line.find(' ');
    const std::string_view kind = text_line.substr(0, space);
    const std::string_view args = space == std::string_view::npos ? "" : text_line.substr(space + 1);
    if (kind == "erased" && is_pseudonym(args)) {
      if (auto found = parsed.by_pseudonym.find(std::string(args)); found != parsed.by_pseudonym.end()) {
        parsed.by_user.erase(found->second.user);
        parsed.by_pseudonym.erase(found);
      }
      parsed.erased.emplace_back(args);
      continue;
    }
    const std::size_t gap = args.find(' ');
    const std::string_view pseudonym = args.substr(0, gap);
    if (kind != "subject" || gap == std::string_view::npos || !is_pseudonym(pseudonym)) return damaged(line, "not a record");
    auto sealed = bytes_of_base64(args.substr(gap + 1));
    if (!sealed) return damaged(line, "its sealed key is not base64");
    auto opened = open_subject(master_, pseudonym, *sealed);
    if (!opened.is_ok()) return damaged(line, "its key does not open with the master key");
    Record record = std::move(*opened);
    parsed.by_user[record.user] = pseudonym;
    parsed.by_pseudonym[std::string(pseudonym)] = std::move(record);
  }
  return parsed;
}

void FileSubjects::adopt(Parsed&& parsed) const {
  by_pseudonym_ = std::move(parsed.by_pseudonym);
  by_user_ = std::move(parsed.by_user);
  erased_ = std::move(parsed.erased);
  erased_set_ = {erased_.begin(), erased_.end()};
  file_stamp_ = parsed.stamp;
}

std::string FileSubjects::record_line(std::string_view pseudonym, const Record& record) const {
  auto sealed = seal_subject(master_, pseudonym, record);
  // seal fails only when OpenSSL has no random bytes for the nonce; the caller reports it as such.
  return sealed.is_ok() ? fmt::format("subject {} {}\n", pseudonym, base64_of(*sealed)) : std::string();
}

Result<std::string> FileSubjects::whole_file() const {
  std::string text = fmt::format("{}{}\n", kHeader, master_.id());
  for (const auto& [pseudonym, record] : by_pseudonym_) {
    const std::string line = record_line(pseudonym, record);
    if (line.empty()) return Status::io_error("OpenSSL could not seal a subject's key");
    text += line;
  }
  for (const auto& pseudonym : erased_) text += fmt::format("erased {}\n", pseudonym);
  return text;
}

Result<std::unique_ptr<FileSubjects>> FileSubjects::open(const std::filesystem::path& file, const MasterKey& master, bool writable) {
  std::unique_ptr<FileSubjects> keys(new FileSubjects(file, master, writable));
  auto parsed = keys->read();
  if (!parsed.is_ok()) return parsed.status();
  const bool rewrite = writable && (!parsed->exists || parsed->torn);
  keys->adopt(std::move(*parsed));
  if (rewrite) {
    auto text = keys->whole_file();
    if (!text.is_ok()) return text.status();
    if (auto written = replace_file(file, *text, 0600); !written.is_ok()) return written;
    keys->file_stamp_ = stamp_of(file);
  }
  return keys;
}

Result<std::string> FileSubjects::pseudonym(std::string_view user, bool create) {
  if (Status s = check_user(user); !s.is_ok()) return s;
  {
    std::shared_lock lock(mu_);
    if (auto found = by_user_.find(std::string(user)); found != by_user_.end()) return found->second;
  }
  if (!create) return Status::not_found(fmt::format("no subject with user id {}", user));
  if (!writable_) return Status::refused("the store is open read-only: no new subject can be recorded");
  std::unique_lock lock(mu_);
  if (auto found = by_user_.find(std::string(user)); found != by_user_.end()) return found->second;
  auto made = new_pseudonym();
  auto key = random_key();
  if (!made.is_ok()) return made.status();
  if (!key.is_ok()) return key.status();
  std::string name = std::move(*made);
  Record record{std::string(user), *key};
  const std::string line = record_line(name, record);
  if (line.empty()) return Status::io_error("OpenSSL could not seal a new subject's key");
  if (auto written = append_to_file(file_, line, 0600); !written.is_ok()) return written;
  file_stamp_ = stamp_of(file_);
  by_user_[record.user] = name;
  by_pseudonym_[name] = std::move(record);
  return name;
}

// A reader looks at the file on every question (one stat): a subject erased by the writer must
// not stay readable in a long-running reader's memory.
void FileSubjects::reload_if_changed() const {
  if (writable_ || stamp_of(file_) == file_stamp_) return;  // a writer's memory is the file
  auto parsed = read();
  if (!parsed.is_ok()) return;  // keep what was read before: a reader answers "unknown", not an error
  std::unique_lock lock(mu_);
  adopt(std::move(*parsed));
}

std::optional<std::string> FileSubjects::user(std::string_view pseudonym) const {
  reload_if_changed();
  std::shared_lock lock(mu_);
  if (auto found = by_pseudonym_.find(std::string(pseudonym)); found != by_pseudonym_.end()) return found->second.user;
  return std::nullopt;
}

std::optional<DataKey> FileSubjects::key(std::string_view pseudonym) const {
  reload_if_changed();
  std::shared_lock lock(mu_);
  if (auto found = by_pseudonym_.find(std::string(pseudonym)); found != by_pseudonym_.end()) return found->second.key;
  return std::nullopt;
}

bool FileSubjects::erased(std::string_view pseudonym) const {
  reload_if_changed();
  std::shared_lock lock(mu_);
  return erased_set_.contains(std::string(pseudonym));
}

std::vector<std::string> FileSubjects::erased_list() const {
  reload_if_changed();
  std::shared_lock lock(mu_);
  return erased_;
}

std::size_t FileSubjects::size() const {
  std::shared_lock lock(mu_);
  return by_pseudonym_.size();
}

Status FileSubjects::erase(std::string_view pseudonym) {
  if (!writable_) return Status::refused("the store is open read-only: no subject can be erased");
  std::unique_lock lock(mu_);
  const std::string name(pseudonym);
  if (erased_set_.contains(name)) return Status::ok();
  auto found = by_pseudonym_.find(name);
  if (found == by_pseudonym_.end()) return Status::not_found(fmt::format("no subject with pseudonym {}", pseudonym));
  // Rewrite first, from a copy: if the rewrite fails, memory and file still agree.
  Record record = found->second;
  by_user_.erase(record.user);
  by_pseudonym_.erase(found);
  erased_.push_back(name);
  auto text = whole_file();
  if (auto written = text.is_ok() ? replace_file(file_, *text, 0600) : text.status(); !written.is_ok()) {
    erased_.pop_back();
    by_user_[record.user] = name;
    by_pseudonym_[name] = std::move(record);
    return written;
  }
  erased_set_.insert(name);
  file_stamp_ = stamp_of(file_);
  return record_erasures_beside_key(master_, {name});
}

Status FileSubjects::rotate(const MasterKey& next) {
  if (!writable_) return Status::refused("the store is open read-only: its master key cannot be changed");
  std::unique_lock lock(mu_);
  const MasterKey before = master_;
  master_ = next;
  auto text = whole_file();
  if (auto written = text.is_ok() ? replace_file(file_, *text, 0600) : text.status(); !written.is_ok()) {
    master_ = before;
    return written;
  }
  file_stamp_ = stamp_of(file_);
  return record_erasures_beside_key(master_, erased_);
}

}  // namespace mentorflow::store
