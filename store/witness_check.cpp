#include "store/witness_check.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "base/hex.hpp"
#include "store/utc_time.hpp"
#include "store/witness.hpp"

namespace mentorflow::store {
namespace {

// A key as the messages name it: its first 16 hex digits.
std::string short_key(const PublicKey& key) { return hex_of(key).substr(0, 16) + "…"; }

// Why `c` does not hold for `store`, or an empty string when it does. Only a failure to read the
// store at all is an error.
Result<std::string> problem_with(const EventStore& store, const SignedCheckpoint& c, std::span<const PublicKey> trusted) {
  const std::string signed_at = format_utc(c.time);
  if (trusted.size() == 1 && c.key != trusted.front())
    return fmt::format("the checkpoint of position {} signed at {} is signed by key {}, not by the key given ({})", c.position,
                       signed_at, hex_of(c.key), hex_of(trusted.front()));
  if (!trusted.empty() && std::find(trusted.begin(), trusted.end(), c.key) == trusted.end()) {
    std::string given;
    for (const PublicKey& key : trusted) given += (given.empty() ? "" : ", ") + short_key(key);
    return fmt::format("the checkpoint of position {} signed at {} is signed by key {}, which is none of the {} keys given ({})",
                       c.position, signed_at, hex_of(c.key), trusted.size(), given);
  }
  if (!signature_holds(c))
    return fmt::format("the signature of the checkpoint of position {} signed at {} does not verify: the line was altered, "
                       "or not signed by key {}", c.position, signed_at, hex_of(c.key));
  Hash held = kGenesisHash;
  if (c.position > 0) {
    auto event = store.read_event(c.position);
    if (!event.is_ok() && event.status().is_not_found())
      return fmt::format("the log is shorter than the checkpoint signed at {}: it ends at position {}, but position {} "
                         "(hash {}) was signed", signed_at, store.head().position, c.position, to_hex(c.hash));
    if (!event.is_ok() && event.status().is_corruption())
      return fmt::format("the checkpoint of position {} signed at {} cannot be checked: {}", c.position, signed_at,
                         event.status().message());
    if (!event.is_ok()) return event.status();
    held = event->hash;
  }
  if (held != c.hash)
    return fmt::format("the log differs from the checkpoint signed at {}: position {} has hash {}, but hash {} was signed",
                       signed_at, c.position, to_hex(held), to_hex(c.hash));
  return std::string();
}

}  // namespace

Result<WitnessReport> check_witness(const EventStore& store, const std::filesystem::path& file,
                                    std::span<const PublicKey> trusted) {
  auto lines = read_witness(file);
  if (!lines.is_ok()) return lines.status();
  WitnessReport report;
  report.file = file;
  report.keys_trusted = trusted.size();
  report.lines = lines->size();
  for (const WitnessLine& line : *lines) {
    if (!line.checkpoint) {
      report.findings.push_back({line.number, fmt::format("line {} of {} is not a signed checkpoint: {}", line.number,
                                                          file.string(), line.problem)});
      continue;
    }
    const SignedCheckpoint& c = *line.checkpoint;
    ++report.checkpoints;
    report.highest_position = std::max(report.highest_position, c.position);
    if (std::find(report.keys.begin(), report.keys.end(), c.key) == report.keys.end()) report.keys.push_back(c.key);
    auto problem = problem_with(store, c, trusted);
    if (!problem.is_ok()) return problem.status();
    if (!problem->empty())
      report.findings.push_back({line.number, fmt::format("line {} of {}: {}", line.number, file.string(), *problem)});
  }
  return report;
}

std::string WitnessReport::summary() const {
  const std::string name = file.string();
  if (checkpoints == 0 && findings.empty()) return fmt::format("witness {}: it holds no signed checkpoint", name);
  if (!clean())
    return fmt::format("witness {}: {} of its {} lines {} not hold", name, findings.size(), lines,
                       findings.size() == 1 ? "does" : "do");
  std::string signers;
  for (const PublicKey& key : keys) signers += (signers.empty() ? "" : ", ") + short_key(key);
  return fmt::format("witness {}: the log passes through its {} signed checkpoint{}, up to position {} (signed by {} {}{})",
                     name, checkpoints, checkpoints == 1 ? "" : "s", highest_position, keys.size() == 1 ? "key" : "keys",
                     signers,
                     keys_trusted == 0 ? "; give --public-key to check the key is yours"
                     : keys.size() == 1 ? (keys_trusted == 1 ? ", the key given" : ", one of the keys given")
                                        : ", each one of the keys given");
}

}  // namespace mentorflow::store
