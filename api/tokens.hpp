#pragma once
// Bearer tokens (docs/API.md, "Tokens file"): who a caller is, the roles they may act in and the
// editions they may touch. The file holds only the SHA-256 of each token, so reading it does not
// reveal a token; `mentorflow token add` makes a token, appends its line and prints it once.
//
// A TokenTable is immutable once loaded: safe to read from any thread.
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.hpp"

namespace mentorflow::api {

// The role that may publish editions (it is not a workflow role).
inline constexpr std::string_view kPublisherRole = "publisher";
// The engine's own role (timers, `for each`, matching): no token may hold it.
inline constexpr std::string_view kSystemRole = "system";

// Who a token speaks for.
struct Principal {
  std::string user;
  std::vector<std::string> roles;     // workflow roles by name, or `publisher`
  std::vector<std::string> editions;  // edition names, or "*" for every edition

  bool has_role(std::string_view role) const;
  bool covers_edition(std::string_view edition) const;
};

class TokenTable {
 public:
  // Reads a tokens file. InvalidArgument naming FILE:LINE and the field for a malformed line (a
  // missing or extra word, a hash that is not hex SHA-256, an empty list, the role `system`, a
  // token already on an earlier line); NotFound when the file is missing.
  static Result<TokenTable> load(const std::filesystem::path& file);
  // A table from principals keyed by token (for tests and benchmarks that hold the tokens).
  static TokenTable from_tokens(const std::vector<std::pair<std::string, Principal>>& tokens);

  // The principal a bearer token belongs to; nullptr for an unknown token.
  const Principal* find(std::string_view token) const;
  std::size_t size() const { return by_hash_.size(); }
  // Every principal, in no particular order.
  std::vector<const Principal*> principals() const;

 private:
  std::unordered_map<std::string, Principal> by_hash_;  // hex SHA-256 of the token -> principal
};

// Reads "USER ROLE[,ROLE...] EDITION[,EDITION...]|*" from `words` into `out`: the words a line of
// the tokens file (after its hash) and of the users file hold. Why they cannot be used, or empty.
std::string read_principal(std::istringstream& words, Principal& out);

// "a,b,,c" -> {a, b, c}: the lists of the tokens file and of `mentorflow token add`.
std::vector<std::string> split_list(const std::string& text);

// A fresh random token: "mft_" and 64 hex digits (256 bits from OpenSSL's generator).
std::string new_token();

// Appends the line for `token` and `principal` to `file` (created with mode 0600 if missing).
// InvalidArgument for a user, role or edition that cannot be written on one line, or the role
// `system`; IOError.
Status append_token(const std::filesystem::path& file, const std::string& token, const Principal& principal);

}  // namespace mentorflow::api
