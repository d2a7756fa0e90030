#include "engine/certificates/certificates.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/events.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine::certificates {
namespace {

constexpr std::size_t kReadBatch = 1024;

}  // namespace

Result<IssuedCertificate> read_issued_certificate(const store::Event& e) {
  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  const auto malformed = [&](const std::string& why) {
    return Status::corruption(fmt::format("certificate event at position {} is malformed: {}", e.position, why));
  };
  const auto c = payload->find("certificate");
  const auto file = payload->find("file");
  const auto sha = payload->find("sha256");
  if (c == payload->end() || file == payload->end() || !file->is_string() || sha == payload->end() ||
      !sha->is_string())
    return malformed("it needs certificate, file and sha256");
  auto content = certificate_from_json(*c);
  if (!content.is_ok()) return malformed(content.status().message());
  // The file name is written under --out: only the name the content gives is ever trusted, so a
  // forged event cannot aim a write at "../../.bashrc".
  if (file->get<std::string>() != certificate_file_name(*content))
    return malformed(fmt::format("its file name {} is not {}, the name its content gives", file->dump(),
                                 certificate_file_name(*content)));
  return IssuedCertificate{e.position, e.stream, std::move(*content), file->get<std::string>(),
                           sha->get<std::string>()};
}

namespace {

Status collect_stream(const store::EventStore& store, const std::string& stream, std::vector<IssuedCertificate>& out) {
  for (std::uint64_t from = 1;;) {
    auto batch = store.read_stream_forward(stream, from, kReadBatch);
    if (!batch.is_ok()) return batch.status();
    for (const store::Event& e : *batch) {
      if (e.type != events::kCertificateIssued) continue;
      auto issued = read_issued_certificate(e);
      if (!issued.is_ok()) return issued.status();
      out.push_back(std::move(*issued));
    }
    if (batch->size() < kReadBatch) return Status::ok();
    from = batch->back().version + 1;
  }
}

}  // namespace

Result<std::vector<IssuedCertificate>> issued_certificates(const store::EventStore& store, const std::string& target) {
  std::vector<IssuedCertificate> out;
  const bool one_case = target.find('/') != std::string::npos;
  auto streams = store.list_streams(one_case ? target : target + "/");
  if (!streams.is_ok()) return streams.status();
  bool found = false;
  for (const store::StreamInfo& s : *streams) {
    if (one_case && s.name != target) continue;
    found = true;
    if (Status st = collect_stream(store, s.name, out); !st.is_ok()) return st;
  }
  if (!found)
    return Status::not_found(one_case ? fmt::format("there is no case '{}'", target)
                                      : fmt::format("edition '{}' has no cases in this store", target));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
  return out;
}

Result<std::optional<IssuedCertificate>> find_certificate(const store::EventStore& store, std::string_view pdf) {
  const std::string wanted = store::to_hex(store::sha256(pdf));
  std::optional<IssuedCertificate> match;
  Status failed;
  const std::uint64_t head = store.head().position;
  for (std::uint64_t from = 1; from <= head && !match && failed.is_ok();) {
    auto scanned = store.scan_events(from, kReadBatch, [&](const store::Event& e) {
      from = e.position + 1;
      if (e.type != events::kCertificateIssued || e.payload.find(wanted) == std::string::npos) return true;
      auto issued = read_issued_certificate(e);
      if (!issued.is_ok()) failed = issued.status();
      else if (issued->sha256 == wanted) match = std::move(*issued);
      return failed.is_ok() && !match;
    });
    if (!scanned.is_ok()) return scanned.status();
    if (*scanned == 0) break;
  }
  if (!failed.is_ok()) return failed;
  return match;
}

Result<std::string> regenerate_certificate(const IssuedCertificate& issued) {
  const auto here = [&](const std::string& why) {
    return Status::io_error(fmt::format("the certificate recorded at position {} cannot be rendered again on this "
                                        "machine to compare its bytes: {}",
                                        issued.position, why));
  };
  auto pdf = render_certificate_pdf(issued.content);
  if (!pdf.is_ok()) return pdf.status().is_io_error() ? here(pdf.status().message()) : pdf.status();
  const std::string sha = store::to_hex(store::sha256(*pdf));
  const Certificate& c = issued.content;
  if (sha != issued.sha256 && c.layout >= 4 && c.library != certificate_library())
    return here(fmt::format("it was typeset with {}, and this machine has {}", c.library, certificate_library()));
  if (sha != issued.sha256)
    return Status::corruption(fmt::format(
        "the certificate recorded at position {} renders to sha256 {}, not the {} recorded with it", issued.position,
        sha, issued.sha256));
  return pdf;
}

}  // namespace mentorflow::engine::certificates
