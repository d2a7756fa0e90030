#pragma once
// The web app's files (api/web_assets.hpp) for GET requests outside /v1/: "/" is index.html,
// whose name never changes and so is revalidated on each visit; the hashed assets it names are
// cached for a year. Anything else is 404.
#include "api/http_message.hpp"

namespace mentorflow::api {

ApiResponse static_file(const ApiRequest& request);

}  // namespace mentorflow::api
