#pragma once
// A check `mentorflow serve` runs at start: token roles that no published workflow declares. Such
// a role gives its holder nothing (a typo, or an edition not yet published), which an operator
// wants to hear about before a user does.
#include <string>
#include <vector>

#include "api/tokens.hpp"
#include "engine/engine.hpp"

namespace mentorflow::api {

// One sentence per token role (other than `publisher`) that none of the published editions'
// workflows declares, in name order, e.g. "role 'mentee' (users anna, bruno) is declared by no
// published workflow";
// empty when every role is declared or no edition is published yet. The editions looked at are
// those the tokens name and those the read models hold cases of.
std::vector<std::string> undeclared_token_roles(const TokenTable& tokens, engine::Engine& engine);

}  // namespace mentorflow::api
