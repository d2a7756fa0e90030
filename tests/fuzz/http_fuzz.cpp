// libFuzzer target: any bytes as what a client sends the server on one connection. Beast's parser
// reads up to kMaxRequests requests from them, as the session does (headers first, then the body
// within its route's limit); each becomes an ApiRequest as the session makes it
// (api/http_request.hpp) and the router answers it (api/router.hpp) with an engine on a store where
// UniMi 2025-26 and its second edition have run to their end (examples/unimi-2025/scenario.jsonl).
// Every person of the scenario holds the token `tok-USER` with the roles they act in there, and
// `tok-audit` (auditor) and `tok-publish` (publisher) cover every edition.
//
// The promise: no crash, no undefined behaviour, no leak; every answer has a status code HTTP
// knows and never a 5xx (a 500 means a handler hit an exception or the store failed); a JSON
// answer is JSON, an error one says {"error": {...}}; the message the session would write reads
// back as the same response; and the store verifies after every request that wrote to it.
//
// Requests that write (commands, imports, publishing, uploads) stay in the store for the inputs
// that follow, as on a real server, and the store is copied afresh from its template once it has
// grown by kResetAfter events: a finding may need the inputs before it (libFuzzer's -runs on the
// saved crash input alone usually reproduces it, since most writes are independent). POST
// /v1/verify is not run (below).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/http_request.hpp"
#include "api/metrics.hpp"
#include "api/router.hpp"
#include "api/sign_in.hpp"
#include "api/tokens.hpp"
#include "engine/imports/scenario.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace mentorflow::fuzz {
namespace {

namespace beast = api::beast;
namespace http = api::http;
namespace net = api::net;

constexpr std::size_t kMaxRequests = 8;
constexpr std::uint64_t kResetAfter = 2000;
constexpr const char* kScenario = "examples/unimi-2025/scenario.jsonl";

api::TokenTable tokens() {
  std::map<std::string, std::set<std::string>> roles;  // user -> the roles they act in
  std::set<std::string> editions;
  for (const auto& line : engine::imports::parse_scenario(source_text(kScenario)).lines) {
    if (line.step == engine::imports::ScenarioStep::kPublish) editions.insert(line.edition);
    if (line.step == engine::imports::ScenarioStep::kCommand) roles[line.request.actor.user].insert(line.request.actor.role);
  }
  std::vector<std::pair<std::string, api::Principal>> table;
  for (const auto& [user, r] : roles)
    table.push_back({"tok-" + user, {user, {r.begin(), r.end()}, {editions.begin(), editions.end()}}});
  table.push_back({"tok-audit", {"ada", {"auditor"}, {"*"}}});
  table.push_back({"tok-publish", {"pia", {std::string(api::kPublisherRole)}, {"*"}}});
  return api::TokenTable::from_tokens(table);
}

class Server {
 public:
  Server()
      : store_(at("2025-05-01 09:00 Europe/Rome"),
               [](engine::Engine& engine, ManualClock& clock) { run_scenario(engine, clock, kScenario); }),
        tokens_(tokens()),
        sign_in_(tokens_, {}, options_.session_lifetime, options_.secure_cookies),
        router_(tokens_, metrics_, sign_in_) {}

  // Answers every request in `bytes`, in order, as one connection would.
  void serve(std::string_view bytes) {
    for (std::size_t n = 0; n < kMaxRequests && !bytes.empty(); ++n)
      if (!serve_one(bytes)) break;
  }

 private:
  // Reads one request off the front of `bytes` and answers it; false when none can be read.
  bool serve_one(std::string_view& bytes) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::error_code ec;
    std::size_t used = parser.put(net::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !parser.is_header_done()) return false;  // the session answers 400 or 431, or waits
    bytes.remove_prefix(used);
    std::string path;
    std::map<std::string, std::string> query;
    std::size_t limit = options_.max_body_bytes;
    if (api::split_target(std::string(parser.get().target()), path, query))
      limit = api::Router::body_limit(std::string(parser.get().method_string()), path, options_.max_body_bytes);
    if (const auto length = parser.content_length(); length && *length > limit) return false;  // 413
    parser.body_limit(limit);
    while (!parser.is_done() && !bytes.empty()) {
      used = parser.put(net::buffer(bytes.data(), bytes.size()), ec);
      bytes.remove_prefix(used);
      if (ec == http::error::need_more) break;
      if (ec) return false;
    }
    if (!parser.is_done()) {
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return false;  // cut short: the session times out
    }
    http::request<http::string_body> message = parser.release();
    const bool keep_alive = message.keep_alive();
    auto request = api::request_from_message(message, "127.0.0.1", options_);
    if (!request) return keep_alive;  // 400, answered by the session itself
    // Left out: it re-checks every decision and makes every certificate of the edition again, over
    // a minute under the sanitizers on this store (tests/api/checkpoint_test.cpp and the audit
    // tests cover it).
    if (request->path == "/v1/verify") return keep_alive;
    const std::uint64_t before = store_.store().head().position;
    api::ApiResponse response = router_.handle(*request, store_.engine());
    check(*request, response, keep_alive);
    if (store_.store().head().position != before) {
      store_.verify();
      if (store_.store().head().position > store_.template_head().position + kResetAfter) store_.reset();
    }
    return keep_alive;
  }

  static void check(const api::ApiRequest& request, api::ApiResponse& response, bool keep_alive) {
    const std::string what = fmt::format("{} {} answered {}", request.method, request.path, response.status);
    if (response.status < 200 || response.status > 599 ||
        http::obsolete_reason(static_cast<http::status>(response.status)) == "<unknown-status>")
      fail(fmt::format("{}: not a status code", what));
    if (response.status >= 500) fail(fmt::format("{}: {}", what, response.body));
    if (response.content_type.empty()) fail(fmt::format("{}: no content type", what));
    if (response.status == 204) {
      if (!response.body.empty()) fail(fmt::format("{}: no content, yet a body", what));
    } else if (response.content_type.starts_with("application/json")) {
      const auto body = nlohmann::json::parse(response.body, nullptr, false);
      if (body.is_discarded()) fail(fmt::format("{}: the body is not JSON", what));
      if (response.status >= 400 && !(body.is_object() && body.contains("error") && body["error"].contains("message")))
        fail(fmt::format("{}: an error without {{\"error\": {{\"message\": ...}}}}: {}", what, response.body));
    }
    // What the session would write, read back by a client.
    const int status = response.status;
    const std::string body = response.body;
    const std::size_t headers = response.headers.size();
    std::ostringstream written;
    written << api::message_from_response(std::move(response), keep_alive);
    const std::string text = written.str();
    http::response_parser<http::string_body> client;
    client.eager(true);
    client.body_limit(std::numeric_limits<std::uint64_t>::max());
    beast::error_code ec;
    client.put(net::buffer(text.data(), text.size()), ec);
    if (!ec && !client.is_done()) client.put_eof(ec);
    if (ec || !client.is_done()) fail(fmt::format("{}: the response written does not read back: {}", what, ec.message()));
    const auto& read = client.get();
    if (read.result_int() != static_cast<unsigned>(status) || read.body() != body)
      fail(fmt::format("{}: the response written reads back otherwise", what));
    std::size_t fields = 0;
    for (auto it = read.begin(); it != read.end(); ++it) ++fields;
    if (fields > headers + 10) fail(fmt::format("{}: the response written has headers it was not given", what));
  }

  api::ServerOptions options_;
  StoreCopy store_;
  api::TokenTable tokens_;
  api::Metrics metrics_;
  api::SignIn sign_in_;
  api::Router router_;
};

}  // namespace
}  // namespace mentorflow::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mentorflow::fuzz::Server server;
  server.serve(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
