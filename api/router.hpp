#pragma once
// Turns a request into a response (docs/API.md lists the routes): matches the path and method,
// checks the content type, identifies the caller (api/sign_in.hpp), then calls the endpoint's
// handler with the calling worker's Engine; paths outside the API are the web app's files. Never
// touches a socket; never throws (an unexpected exception becomes a 500 without details).
// Thread-safe: one Router serves every worker, each with its own Engine.
#include "api/http_message.hpp"
#include "api/metrics.hpp"
#include "api/sign_in.hpp"
#include "api/tokens.hpp"
#include "engine/engine.hpp"
#include "engine/privacy/pseudonyms.hpp"

namespace mentorflow::api {

class Checkpointer;  // api/checkpointer.hpp

class Router {
 public:
  // `tokens`, `metrics`, `sign_in`, `checkpoints` (null: the server signs none) and `pseudonyms`
  // (null: a store with user ids in clear) are not owned and must outlive the router.
  Router(const TokenTable& tokens, Metrics& metrics, SignIn& sign_in, const Checkpointer* checkpoints = nullptr,
         const engine::Pseudonyms* pseudonyms = nullptr)
      : tokens_(tokens), metrics_(metrics), sign_in_(sign_in), checkpoints_(checkpoints), pseudonyms_(pseudonyms) {}

  ApiResponse handle(const ApiRequest& request, engine::Engine& engine) const;

  // The largest body a request to `method` `path` (decoded, without the query) may carry: its
  // route's own limit (POST /v1/uploads takes a document), else `server_limit`. The session asks
  // once the headers are in, before it reads the body.
  static std::size_t body_limit(const std::string& method, const std::string& path, std::size_t server_limit);

 private:
  ApiResponse route(const ApiRequest& request, engine::Engine& engine) const;
  // The principal as the engine knows it: its user pseudonymised on a store with personal data,
  // their pseudonym made when new if `create` (a write).
  Result<Principal> seen_as(const Principal& principal, bool create) const;
  // `path` for the server's log: the user ids in it as their pseudonyms (docs/PRIVACY.md).
  std::string logged_path(const std::string& path) const;

  const TokenTable& tokens_;
  Metrics& metrics_;
  SignIn& sign_in_;
  const Checkpointer* checkpoints_;
  const engine::Pseudonyms* pseudonyms_;
};

}  // namespace mentorflow::api
