#include "store/witness.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "store/file_io.hpp"

namespace mentorflow::store {

Status append_witness(const std::filesystem::path& file, const SignedCheckpoint& checkpoint) {
  const std::string line = witness_line(checkpoint) + "\n";
  // O_APPEND: a short line goes in one write(), so the lines of two writers never interleave.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io_error(fmt::format("cannot open the witness file {}: {}", file.string(), std::strerror(errno)));
  bool ok = write_and_sync(fd, line);
  const std::string why = ok ? "" : std::strerror(errno);
  ok = ::close(fd) == 0 && ok;
  if (!ok) return Status::io_error(fmt::format("cannot write to the witness file {}: {}", file.string(), why));
  return Status::ok();
}

Result<std::vector<WitnessLine>> read_witness(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Status::not_found(fmt::format("witness file {} does not exist", file.string()));
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::io_error(fmt::format("cannot read the witness file {}", file.string()));
  std::vector<WitnessLine> lines;
  for (std::string text; std::getline(in, text);) {
    WitnessLine line{lines.size() + 1, std::nullopt, {}};
    auto parsed = parse_witness_line(text);
    if (parsed.is_ok()) line.checkpoint = *parsed;
    else line.problem = parsed.status().message();
    lines.push_back(std::move(line));
  }
  if (in.bad()) return Status::io_error(fmt::format("cannot read the witness file {}", file.string()));
  return lines;
}

}  // namespace mentorflow::store
