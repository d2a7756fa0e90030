// mentorflow serve: the HTTP API on a store (docs/API.md).
#include <fmt/core.h>

#include <charconv>

#include "api/checkpointer.hpp"
#include "api/server.hpp"
#include "api/token_roles.hpp"
#include "api/tokens.hpp"
#include "api/users.hpp"
#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow serve --store DIR|postgresql://... [--listen ADDRESS:PORT] [--tokens FILE] [options]\n"
    "\n"
    "Serves the JSON API on the store until SIGINT or SIGTERM: publish editions, run commands,\n"
    "read a case's state and history, list an edition's cases, what-if, export a stream, health\n"
    "and Prometheus metrics. Callers send 'Authorization: Bearer TOKEN' with a token from FILE\n"
    "(see mentorflow token). Due timers fire from the server's clock loop. On a signal it stops\n"
    "accepting, answers the requests in flight, then closes the store. Endpoints and the tokens\n"
    "file: docs/API.md.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store (created if missing)\n"
    "  --listen ADDR:PORT            where to listen (default 127.0.0.1:8080; port 0 picks a free one)\n"
    "  --tokens FILE                 the tokens file; without it only /v1/health and /metrics answer\n"
    "  --threads N                   network threads (default 2)\n"
    "  --workers N                   engine threads (default 16)\n"
    "  --max-body BYTES              largest request body (default 1048576)\n"
    "  --max-connections N           connections open at once; more are answered 503 (default 512, fewer\n"
    "                                when ulimit -n leaves less room)\n"
    "  --max-queue N                 requests waiting for an engine thread; more are answered 503 (default 1024)\n"
    "  --read-timeout MS             time allowed to send a whole request, and idle keep-alive (default 10000)\n"
    "  --write-timeout MS            time allowed to a client to take a whole response (default 10000)\n"
    "  --tick-every MS               how often due timers fire (default 1000; 0 never)\n"
    "  --now T                       a fixed time for the engine's clock (rehearsals), e.g. '2025-10-01 09:00 Europe/Rome'\n"
    "  --session-hours N             how long a browser stays signed in (default 8)\n"
    "  --secure-cookies              mark the session cookie Secure (set it when browsers reach the server over HTTPS)\n"
    "\n"
    "single sign-on (a reverse proxy on this machine signs people in; docs/DEPLOY.md):\n"
    "  --user-header NAME     the header the proxy names the signed-in user in, e.g. X-Remote-User\n"
    "  --trusted-proxy ADDR   the proxy's address; that header is refused from anyone else\n"
    "  --users FILE           what each user may do: 'USER ROLES EDITIONS' per line\n"
    "\n"
    "signed checkpoints (docs/STORE.md, \"Signed checkpoints\"):\n"
    "  --checkpoint-key KEYFILE  sign the log's head with this key (mentorflow keygen) at start, at stop,\n"
    "                         and as often as the two options below say; GET /v1/checkpoint gives the latest\n"
    "  --witness FILE         the witness file the checkpoints are appended to (keep it outside the store)\n"
    "  --checkpoint-every N   sign once the log has grown by N events\n"
    "  --checkpoint-minutes M sign every M minutes when the log has grown (default 60 when neither is given)\n"
    "  --public-key FILE      after a key rotation: a key earlier lines of --witness were signed with, which\n"
    "                         POST /v1/verify accepts beside --checkpoint-key's (KEYFILE.pub, or a file of keys); repeatable\n"
    "\n"
    "The web app is served at / (sign in with a token, or through the proxy).\n";

template <class T>
bool number(const std::optional<std::string>& text, T& out) {
  if (!text) return true;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  return ec == std::errc() && end == text->data() + text->size();
}

// The signed-checkpoint options: the key loaded, the earlier keys, the policy read. kExitOk, or
// the exit code of the sentence printed.
int checkpoint_options(const Args& args, std::optional<store::SigningKey>& key, std::vector<store::PublicKey>& earlier_keys,
                       api::CheckpointPolicy& policy) {
  const bool asked = args.get("--checkpoint-every") || args.get("--checkpoint-minutes");
  if (!args.get("--checkpoint-key")) {
    if (args.get("--witness") || asked || args.get("--public-key"))
      return usage_error("serve",
                         "--witness, --checkpoint-every, --checkpoint-minutes and --public-key need --checkpoint-key KEYFILE");
    return kExitOk;
  }
  if (!args.get("--witness")) return usage_error("serve", "--checkpoint-key needs --witness FILE, where the checkpoints go");
  std::int64_t minutes = asked ? 0 : 60;
  if (!number(args.get("--checkpoint-every"), policy.every_events) || (args.get("--checkpoint-every") && policy.every_events < 1))
    return usage_error("serve", "--checkpoint-every takes a positive number of events");
  if (!number(args.get("--checkpoint-minutes"), minutes) || (args.get("--checkpoint-minutes") && minutes < 1))
    return usage_error("serve", "--checkpoint-minutes takes a positive number of minutes");
  policy.every_minutes = std::chrono::minutes(minutes);
  auto loaded = store::SigningKey::load(*args.get("--checkpoint-key"));
  if (!loaded.is_ok()) return report(loaded.status());
  key.emplace(std::move(*loaded));
  for (const std::string& file : args.all("--public-key")) {
    auto keys = store::load_public_keys(file);
    if (!keys.is_ok()) return report(keys.status());
    earlier_keys.insert(earlier_keys.end(), keys->begin(), keys->end());
  }
  return kExitOk;
}

int run_serve(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--listen", "--tokens", "--threads", "--workers", "--max-body",
                                 "--max-connections", "--max-queue", "--read-timeout", "--write-timeout",
                                 "--tick-every", "--now", "--session-hours", "--user-header", "--trusted-proxy",
                                 "--users", "--checkpoint-key", "--witness", "--checkpoint-every", "--checkpoint-minutes",
                                 "--public-key"},
                                {"--secure-cookies"}},
                          error);
  if (!args) return usage_error("serve", error);
  if (!args->positionals().empty()) return usage_error("serve", fmt::format("unexpected argument '{}'", args->positionals().front()));

  api::ServerOptions options;
  options.stop_on_signals = true;
  const std::string listen = args->get("--listen").value_or("127.0.0.1:8080");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || !number(std::optional(listen.substr(colon + 1)), options.port))
    return usage_error("serve", fmt::format("--listen '{}' is not ADDRESS:PORT", listen));
  options.address = listen.substr(0, colon);
  std::int64_t read_ms = options.read_timeout.count(), write_ms = options.write_timeout.count(),
               tick_ms = options.tick_every.count();
  if (!number(args->get("--threads"), options.network_threads) || options.network_threads < 1)
    return usage_error("serve", "--threads takes a positive number");
  if (!number(args->get("--workers"), options.workers) || options.workers < 1)
    return usage_error("serve", "--workers takes a positive number");
  if (!number(args->get("--max-body"), options.max_body_bytes)) return usage_error("serve", "--max-body takes a number of bytes");
  if (!number(args->get("--max-connections"), options.max_connections) ||
      (args->get("--max-connections") && options.max_connections < 1))
    return usage_error("serve", "--max-connections takes a positive number");
  if (!number(args->get("--max-queue"), options.max_queued) || options.max_queued < 1)
    return usage_error("serve", "--max-queue takes a positive number");
  if (!number(args->get("--read-timeout"), read_ms) || read_ms < 1)
    return usage_error("serve", "--read-timeout takes a positive number of milliseconds");
  if (!number(args->get("--write-timeout"), write_ms) || write_ms < 1)
    return usage_error("serve", "--write-timeout takes a positive number of milliseconds");
  if (!number(args->get("--tick-every"), tick_ms) || tick_ms < 0)
    return usage_error("serve", "--tick-every takes a number of milliseconds");
  std::int64_t session_hours = 8;
  if (!number(args->get("--session-hours"), session_hours) || session_hours < 1)
    return usage_error("serve", "--session-hours takes a positive number of hours");
  options.session_lifetime = std::chrono::hours(session_hours);
  options.secure_cookies = args->has("--secure-cookies");
  const bool sso = args->get("--user-header") || args->get("--trusted-proxy") || args->get("--users");
  if (sso && !(args->get("--user-header") && args->get("--trusted-proxy") && args->get("--users")))
    return usage_error("serve", "single sign-on needs all three of --user-header, --trusted-proxy and --users");
  options.read_timeout = std::chrono::milliseconds(read_ms);
  options.write_timeout = std::chrono::milliseconds(write_ms);
  options.tick_every = std::chrono::milliseconds(tick_ms);

  api::TokenTable tokens;
  if (auto file = args->get("--tokens")) {
    auto loaded = api::TokenTable::load(*file);
    if (!loaded.is_ok()) return report(loaded.status());
    tokens = std::move(*loaded);
  } else {
    fmt::print(stderr, "mentorflow serve: no --tokens file: only /v1/health and /metrics will answer\n");
  }

  api::UserTable users;
  if (sso) {
    options.user_header = *args->get("--user-header");
    options.trusted_proxy = *args->get("--trusted-proxy");
    auto loaded = api::UserTable::load(*args->get("--users"));
    if (!loaded.is_ok()) return report(loaded.status());
    users = std::move(*loaded);
    options.users = &users;
  }

  std::optional<store::SigningKey> checkpoint_key;
  std::vector<store::PublicKey> earlier_keys;
  api::CheckpointPolicy policy;
  if (int code = checkpoint_options(*args, checkpoint_key, earlier_keys, policy); code != kExitOk) return code;

  int exit_code = kExitOk;
  auto session = open_engine(*args, "serve", StoreAccess::kCreate, exit_code);
  if (!session) return exit_code;
  std::unique_ptr<api::Checkpointer> checkpointer;  // outlives the server; signs a last time when destroyed
  if (checkpoint_key) {
    auto started = api::Checkpointer::start(*session->store, std::move(*checkpoint_key), *args->get("--witness"), policy,
                                            *session->clock, std::move(earlier_keys));
    if (!started.is_ok()) return report(started.status());
    checkpointer = std::move(*started);
    options.checkpoints = checkpointer.get();
  }
  if (session->privacy.subjects) options.pseudonyms = session->privacy.pseudonyms.get();
  for (const std::string& warning : api::undeclared_token_roles(tokens, *session->engine))
    fmt::print(stderr, "mentorflow serve: warning: {}: {}\n", *args->get("--tokens"), warning);
  {
    api::Server server(session->log(), *session->clock, tokens, options);
    if (Status started = server.start(); !started.is_ok()) return report(started);
    fmt::print("mentorflow serve: listening on http://{}:{} (store {}, {} token{})\n", options.address, server.port(),
               *args->get("--store"), tokens.size(), tokens.size() == 1 ? "" : "s");
    if (options.max_connections == 0 && server.max_connections() < api::kDefaultMaxConnections)
      fmt::print(stderr, "mentorflow serve: at most {} connections at once: the process may open few more files (ulimit -n)\n",
                 server.max_connections());
    std::fflush(stdout);
    server.wait();
  }
  checkpointer.reset();
  session->engine.reset();
  session->privacy.sealing.reset();
  session->store.reset();  // closes RocksDB: every acknowledged append is already synced
  fmt::print("mentorflow serve: stopped; store closed\n");
  return kExitOk;
}

const Registration registration({"serve", "serve the HTTP API on a store", kHelp, run_serve});

}  // namespace
}  // namespace mentorflow::cli
