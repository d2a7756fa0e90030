#include "store/subjects.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <unordered_set>

#include "store/file_io.hpp"

namespace mentorflow::store {
namespace {

constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";

std::string pseudonym_of_bytes(std::string_view random) {
  std::string out = "_s";
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : random) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kBase32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32[(buffer << (5 - bits)) & 31];
  return out;
}

std::string record_associated(std::string_view pseudonym) { return fmt::format("mentorflow subject {}", pseudonym); }

}  // namespace

bool is_pseudonym(std::string_view text) {
  return text.size() == kPseudonymSize && text.starts_with("_s") &&
         std::all_of(text.begin() + 2, text.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); });
}

Result<std::string> new_pseudonym() {
  auto random = random_bytes(16);
  if (!random.is_ok()) return random.status();
  return pseudonym_of_bytes(*random);
}

Result<std::string> seal_subject(const MasterKey& master, std::string_view pseudonym, const SubjectRecord& record) {
  std::string plain(reinterpret_cast<const char*>(record.key.data()), record.key.size());
  plain += record.user;
  return seal(master.key(), plain, record_associated(pseudonym));
}

Result<SubjectRecord> open_subject(const MasterKey& master, std::string_view pseudonym, std::string_view sealed) {
  auto opened = unseal(master.key(), sealed, record_associated(pseudonym));
  if (!opened.is_ok() || opened->size() <= sizeof(DataKey))
    return Status::invalid_argument(fmt::format("the record of subject {} does not open with the master key", pseudonym));
  SubjectRecord record{opened->substr(sizeof(DataKey)), {}};
  std::copy_n(opened->begin(), sizeof(DataKey), record.key.begin());
  return record;
}

Status other_master_key(std::string_view place, std::string_view recorded_id, const MasterKey& given) {
  return Status::invalid_argument(fmt::format("{} was made with another master key than the one given (its key id {}, given {})",
                                              place, recorded_id, given.id()));
}

Status Subjects::check_user(std::string_view user) {
  if (user.empty() || is_pseudonym(user))
    return Status::invalid_argument(fmt::format("'{}' cannot be a user id: it is empty or looks like a pseudonym", user));
  return Status::ok();
}

namespace {

std::filesystem::path erased_list_file(const MasterKey& master) {
  return master.file().empty() ? std::filesystem::path() : std::filesystem::path(master.file().string() + ".erased");
}

constexpr std::size_t kMaxErasedListBytes = std::size_t{64} << 20;

}  // namespace

Result<std::vector<std::string>> erasures_beside_key(const MasterKey& master) {
  std::vector<std::string> erased;
  const std::filesystem::path file = erased_list_file(master);
  if (file.empty()) return erased;
  auto text = read_small_file(file, kMaxErasedListBytes);
  if (!text.is_ok() && text.status().is_not_found()) return erased;
  if (!text.is_ok()) return text.status();
  std::string_view rest = *text;
  for (std::size_t line = 1; !rest.empty(); ++line) {
    const std::size_t end = rest.find('\n');
    const std::string_view name = rest.substr(0, end);
    if (end == std::string_view::npos) break;  // cut short by a crash while it was rewritten: the rest is in the store
    rest.remove_prefix(end + 1);
    if (!is_pseudonym(name))
      return Status::invalid_argument(fmt::format("the erased list {} line {} is not a pseudonym", file.string(), line));
    erased.emplace_back(name);
  }
  return erased;
}

Status record_erasures_beside_key(const MasterKey& master, const std::vector<std::string>& erased) {
  const std::filesystem::path file = erased_list_file(master);
  if (file.empty()) return Status::ok();
  auto known = erasures_beside_key(master);
  if (!known.is_ok()) return known.status();
  std::vector<std::string> all = std::move(*known);
  const std::unordered_set<std::string> listed(all.begin(), all.end());
  for (const std::string& name : erased)
    if (!listed.contains(name)) all.push_back(name);
  if (all.size() == listed.size() && (all.empty() || std::filesystem::exists(file))) return Status::ok();
  std::string text;
  for (const std::string& name : all) text += name + "\n";
  return replace_file(file, text, 0600);
}

}  // namespace mentorflow::store
