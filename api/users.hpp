#pragma once
// The users file of single sign-on (docs/DEPLOY.md): when the university's reverse proxy signs
// people in (Apache with mod_auth_openidc, mod_auth_mellon or mod_shib) and passes the user's id
// in a header, this file says what each user may do: one line per user, "USER ROLES EDITIONS",
// the words of the tokens file without the hash. Immutable once loaded: safe from any thread.
#include <filesystem>
#include <string_view>
#include <unordered_map>

#include "api/tokens.hpp"
#include "base/status.hpp"

namespace mentorflow::api {

class UserTable {
 public:
  // InvalidArgument naming FILE:LINE for a malformed line or a user listed twice; NotFound when
  // the file is missing.
  static Result<UserTable> load(const std::filesystem::path& file);

  // The principal of `user`; nullptr for someone the file does not list.
  const Principal* find(std::string_view user) const;
  std::size_t size() const { return by_user_.size(); }

 private:
  std::unordered_map<std::string, Principal> by_user_;
};

}  // namespace mentorflow::api
