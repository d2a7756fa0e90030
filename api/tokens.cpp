#include "api/tokens.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <tuple>

#include "store/hash.hpp"

namespace mentorflow::api {
namespace {

std::string hash_of(std::string_view token) { return store::to_hex(store::sha256(token)); }

// A word of the file: printable, no spaces, commas only between list items.
bool is_word(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) { return c > ' ' && c < 0x7f && c != ',' && c != '#'; });
}

std::string join_commas(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

}  // namespace

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

bool Principal::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool Principal::covers_edition(std::string_view edition) const {
  return std::any_of(editions.begin(), editions.end(), [&](const std::string& e) { return e == "*" || e == edition; });
}

namespace {

constexpr std::string_view kLineFormat = "'SHA256 USER ROLE[,ROLE...] EDITION[,EDITION...]|*'";

// Why a list field of the file cannot be used, or empty when it can.
std::string list_problem(const std::string& field, const std::string& text, const std::vector<std::string>& items) {
  if (items.empty()) return fmt::format("{} '{}' names none", field, text);
  for (const std::string& item : items)
    if (field == "ROLES" && item == kSystemRole)
      return fmt::format("ROLES holds '{}', the engine's own role, which no token may hold", item);
  return {};
}

}  // namespace

std::string read_principal(std::istringstream& words, Principal& out) {
  std::string user, roles, editions, extra;
  if (!(words >> user)) return "USER is missing";
  if (!is_word(user)) return fmt::format("USER '{}' is not printable ASCII without commas", user);
  if (!(words >> roles)) return "ROLES is missing";
  if (!(words >> editions)) return "EDITIONS is missing";
  if (words >> extra) return fmt::format("'{}' follows EDITIONS: lists take commas, not spaces", extra);
  out = Principal{user, split_list(roles), split_list(editions)};
  for (const auto& [field, text, items] :
       {std::tuple{"ROLES", &roles, &out.roles}, std::tuple{"EDITIONS", &editions, &out.editions}})
    if (std::string why = list_problem(field, *text, *items); !why.empty()) return why;
  return {};
}

Result<TokenTable> TokenTable::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return Status::not_found(fmt::format("cannot read the tokens file {}", file.string()));
  TokenTable table;
  std::unordered_map<std::string, int> line_of;  // hash -> the line that holds it
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto malformed = [&](const std::string& why) {
      return Status::invalid_argument(fmt::format("{}:{}: {} (expected {}, one token per line)", file.string(), number,
                                                  why, kLineFormat));
    };
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string digest;
    if (!(words >> digest)) continue;  // blank or comment
    if (!store::hash_from_hex(digest)) return malformed(fmt::format("SHA256 '{}' is not 64 hex digits", digest));
    Principal principal;
    if (std::string why = read_principal(words, principal); !why.empty()) return malformed(why);
    std::transform(digest.begin(), digest.end(), digest.begin(), [](unsigned char c) { return std::tolower(c); });
    if (auto earlier = line_of.find(digest); earlier != line_of.end())
      return malformed(fmt::format("SHA256 is the token of line {} again; each token may appear once", earlier->second));
    line_of.emplace(digest, number);
    table.by_hash_.emplace(digest, std::move(principal));
  }
  return table;
}

TokenTable TokenTable::from_tokens(const std::vector<std::pair<std::string, Principal>>& tokens) {
  TokenTable table;
  for (const auto& [token, principal] : tokens) table.by_hash_[hash_of(token)] = principal;
  return table;
}

const Principal* TokenTable::find(std::string_view token) const {
  auto it = by_hash_.find(hash_of(token));
  return it == by_hash_.end() ? nullptr : &it->second;
}

std::vector<const Principal*> TokenTable::principals() const {
  std::vector<const Principal*> out;
  for (const auto& [hash, principal] : by_hash_) out.push_back(&principal);
  return out;
}

std::string new_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return {};
  std::string out = "mft_";
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

Status append_token(const std::filesystem::path& file, const std::string& token, const Principal& principal) {
  if (!is_word(principal.user)) return Status::invalid_argument(fmt::format("'{}' is not a user name for a token", principal.user));
  for (const auto* list : {&principal.roles, &principal.editions}) {
    if (list->empty()) return Status::invalid_argument("a token needs at least one role and one edition (or '*')");
    for (const std::string& item : *list)
      if (!is_word(item)) return Status::invalid_argument(fmt::format("'{}' is not a role or edition name", item));
  }
  if (principal.has_role(kSystemRole))
    return Status::invalid_argument(
        fmt::format("'{}' is the engine's own role (timers, for each, matching): no token may hold it", kSystemRole));
  const std::string line = fmt::format("{}  {}  {}  {}\n", hash_of(token), principal.user, join_commas(principal.roles),
                                       join_commas(principal.editions));
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Status::io_error(fmt::format("cannot open the tokens file {}", file.string()));
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) return Status::io_error(fmt::format("cannot write the tokens file {}", file.string()));
  return Status::ok();
}

}  // namespace mentorflow::api
