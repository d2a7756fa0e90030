// mentorflow keygen: a new Ed25519 key pair for signing checkpoints of the log.
#include <fmt/core.h>

#include <filesystem>

#include "base/hex.hpp"
#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/store_command.hpp"
#include "store/ed25519.hpp"
#include "store/file_io.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow keygen --out KEYFILE\n"
    "\n"
    "Makes a new Ed25519 key pair (OpenSSL) for signing checkpoints of a store's log (mentorflow\n"
    "checkpoint, mentorflow serve --checkpoint-key). Writes the private key to KEYFILE (PEM, mode\n"
    "0600: keep it secret, and away from the store) and the public key to KEYFILE.pub (PEM), and\n"
    "prints the public key as 64 hex digits: give it, or KEYFILE.pub, to whoever will check the\n"
    "checkpoints (mentorflow verify --witness FILE --public-key KEYFILE.pub). Neither file may exist\n"
    "yet: a key is never overwritten. docs/STORE.md, \"Signed checkpoints\".\n"
    "\n"
    "options:\n"
    "  --out KEYFILE   where to write the private key; the public key goes to KEYFILE.pub\n";

int run_keygen(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--out"}, .flags = {}}, error);
  if (!args) return usage_error("keygen", error);
  if (!args->positionals().empty()) return usage_error("keygen", fmt::format("unexpected argument '{}'", args->positionals().front()));
  if (!args->get("--out")) return usage_error("keygen", "--out KEYFILE is required");
  const std::filesystem::path key_file = *args->get("--out");
  const std::filesystem::path public_file = key_file.string() + ".pub";
  // Both checked before either is written, so a refusal leaves nothing behind.
  std::error_code ec;
  for (const auto& file : {key_file, public_file})
    if (std::filesystem::exists(file, ec))
      return report(Status::invalid_argument(fmt::format("{} already exists: a key is never overwritten", file.string())));
  auto key = store::SigningKey::generate();
  if (!key.is_ok()) return report(key.status());
  if (Status s = key->save(key_file); !s.is_ok()) return report(s);
  if (Status s = store::write_new_file(public_file, store::public_key_pem(key->public_key()), 0644); !s.is_ok()) {
    std::filesystem::remove(key_file, ec);  // half a pair is of no use
    return report(s);
  }
  fmt::print("wrote the private key to {} (mode 0600) and the public key to {}\n", key_file.string(), public_file.string());
  fmt::print("public key: {}\n", hex_of(key->public_key()));
  return kExitOk;
}

const Registration registration({"keygen", "make an Ed25519 key pair for signing checkpoints of the log", kHelp, run_keygen});

}  // namespace
}  // namespace mentorflow::cli
