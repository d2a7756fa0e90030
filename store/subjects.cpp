#include "store/subjects.hpp"

#include <fmt/core.h>

#include <algorithm>

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

}  // namespace mentorflow::store
