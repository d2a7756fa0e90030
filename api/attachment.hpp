#pragma once
// A file sent for download (a certificate, a calendar, an uploaded document): 200 with its type,
// `Content-Disposition: attachment` naming it, and `Cache-Control: no-store`.
#include <string>
#include <string_view>

#include "api/http_message.hpp"

namespace mentorflow::api {

// `attachment; filename="NAME"`, the name as ASCII with `_` for each character that is not
// printable ASCII or is a quote or backslash; when that changed the name, also
// `filename*=UTF-8''…` with the name exactly, percent-encoded (RFC 6266, RFC 8187). No byte of
// `file` can end the header or the quoted string, whoever chose the name.
std::string content_disposition(std::string_view file);

// The response carrying `body` of `content_type` as the file `file`.
ApiResponse attachment(std::string content_type, std::string body, std::string_view file);

}  // namespace mentorflow::api
