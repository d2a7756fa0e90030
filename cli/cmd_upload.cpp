// mentorflow upload: a document handed in, stored beside the log, for a command to attach.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/uploads.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow upload --store DIR|postgresql://... FILE\n"
    "\n"
    "Stores FILE among the store's documents, under the SHA-256 of its bytes (DIR/documents/), and\n"
    "prints what POST /v1/uploads answers: {\"file\", \"sha256\", \"size\", \"type\"}. A command then\n"
    "attaches it with {\"file\": NAME, \"sha256\": HEX} as the document's input. A document is a PDF,\n"
    "a PNG or JPEG image, plain text in UTF-8, an ODT or a DOCX of at most 10 MiB, named with its\n"
    "extension; its content must be what its name says. Storing the same bytes again changes\n"
    "nothing.\n"
    "\n"
    "example:\n"
    "  mentorflow upload --store store cv.pdf\n"
    "  mentorflow exec --store store --as mentee:gia unimi-2025/mentee_application/gia apply_as_mentee \\\n"
    "      '{..., \"cv\": {\"file\": \"cv.pdf\", \"sha256\": \"<sha256 printed above>\"}}'\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n";

int run_upload(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {}}, error);
  if (!args) return usage_error("upload", error);
  if (args->positionals().size() != 1) return usage_error("upload", "name exactly one FILE");
  const std::filesystem::path path = args->positionals()[0];
  const std::string name = path.filename().string();
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return report(Status::not_found(fmt::format("cannot read {}: {}", path.string(), ec.message())));
  if (Status st = engine::check_upload_size(name, size); !st.is_ok()) return report(st);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) return report(Status::io_error(fmt::format("cannot read {}", path.string())));
  int exit_code = kExitOk;
  auto session = open_engine(*args, "upload", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto upload = engine::store_upload(session->engine->documents(), bytes, name, "");
  if (!upload.is_ok()) return report(upload.status());
  fmt::print("{}\n", engine::upload_json(*upload).dump());
  return kExitOk;
}

const Registration registration({"upload", "store a document beside the log, for a command to attach", kHelp,
                                 run_upload});

}  // namespace
}  // namespace mentorflow::cli
