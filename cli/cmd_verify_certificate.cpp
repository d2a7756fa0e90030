// mentorflow verify-certificate: says which issued certificate a PDF is, by its SHA-256.
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/certificates/certificates.hpp"
#include "store/hash.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow verify-certificate --store DIR|postgresql://... FILE.pdf\n"
    "\n"
    "Hashes FILE (SHA-256) and looks for the certificate issued with that hash in the log. When\n"
    "one is found, prints who it was issued to, for which case and output, when, and the position\n"
    "of the event (exit 0). When none is, says so (exit 1): the file was not issued by this store,\n"
    "or it was altered after it was issued. Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow verify-certificate --store store unimi-2025-mentorship-anna-certificate-anna.pdf\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n";

int run_verify_certificate(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {}}, error);
  if (!args) return usage_error("verify-certificate", error);
  if (args->positionals().size() != 1) return usage_error("verify-certificate", "name exactly one FILE");
  const std::string path = args->positionals()[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) return report(Status::not_found(fmt::format("cannot read {}", path)));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  int exit_code = kExitOk;
  auto session = open_engine(*args, "verify-certificate", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto found = engine::certificates::find_certificate(session->log(), bytes.str());
  if (!found.is_ok()) return report(found.status());
  const std::string sha = store::to_hex(store::sha256(bytes.str()));
  if (!*found)
    return report(Status::not_found(
        fmt::format("{} (sha256 {}) matches no certificate issued in this store", path, sha)));
  const engine::certificates::IssuedCertificate& c = **found;
  fmt::print("{} is the {} issued to {} ({}, {}) on {}, case {}, issued {} (position {}, sha256 {})\n", path,
             c.content.title, c.content.name, c.content.recipient, c.content.party, c.content.programme,
             c.stream, c.content.issued_at, c.position, c.sha256);
  return kExitOk;
}

const Registration registration({"verify-certificate", "say which issued certificate a PDF file is", kHelp,
                                  run_verify_certificate});

}  // namespace
}  // namespace mentorflow::cli
