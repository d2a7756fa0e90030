// mentorflow certificates: writes the PDFs of the certificates issued on a case or an edition,
// each rendered again from the log and checked against the SHA-256 recorded when it was issued.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/certificates/certificates.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow certificates --store DIR|postgresql://... (CASE|EDITION) --out DIR\n"
    "\n"
    "Writes a PDF for every certificate issued on CASE (EDITION/TYPE/ID) or on every case of\n"
    "EDITION: each output a command issued (a certificate of attendance, an ECTS credit record)\n"
    "gives each of its recipients one. Every PDF is rendered again from the content recorded in\n"
    "the log and must hash to the SHA-256 recorded with it; one that does not is reported and not\n"
    "written (exit 1). Prints one line per file: its name, its SHA-256 and the case and position\n"
    "of the event that issued it. Read-only on the store; --out is created if missing.\n"
    "\n"
    "example:\n"
    "  mentorflow certificates --store store unimi-2025 --out certificates\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --out DIR                     where the PDFs go\n";

int run_certificates(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--out"}, {}}, error);
  if (!args) return usage_error("certificates", error);
  if (args->positionals().size() != 1) return usage_error("certificates", "name exactly one CASE or EDITION");
  if (!args->get("--out")) return usage_error("certificates", "--out DIR is required");
  int exit_code = kExitOk;
  auto session = open_engine(*args, "certificates", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto issued = engine::certificates::issued_certificates(session->log(), args->positionals()[0]);
  if (!issued.is_ok()) return report(issued.status());

  const std::filesystem::path out = *args->get("--out");
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) return report(Status::io_error(fmt::format("cannot create {}: {}", out.string(), ec.message())));
  int failures = 0;
  for (const engine::certificates::IssuedCertificate& c : *issued) {
    auto pdf = engine::certificates::regenerate_certificate(c);
    if (!pdf.is_ok()) {
      report(pdf.status());
      ++failures;
      continue;
    }
    // Named with the ids people know, as the line printed about it (docs/PRIVACY.md).
    const std::string name = session->privacy.file_name(c.file);
    std::ofstream file(out / name, std::ios::binary | std::ios::trunc);
    file.write(pdf->data(), static_cast<std::streamsize>(pdf->size()));
    if (!file.flush())
      return report(Status::io_error(fmt::format("cannot write {}", (out / name).string())));
    fmt::print("{}  {}  {} (position {})\n", name, c.sha256, c.stream, c.position);
  }
  fmt::print("{} certificate{} written to {}{}\n", issued->size() - failures, issued->size() - failures == 1 ? "" : "s",
             out.string(), failures ? fmt::format(", {} could not be rendered as recorded", failures) : "");
  return failures ? kExitRefused : kExitOk;
}

const Registration registration({"certificates", "write the PDFs of the certificates issued on a case or edition",
                                  kHelp, run_certificates});

}  // namespace
}  // namespace mentorflow::cli
