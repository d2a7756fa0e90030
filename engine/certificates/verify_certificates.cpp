#include "engine/certificates/verify_certificates.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "dsl/time/time_text.hpp"
#include "engine/case_name.hpp"
#include "engine/certificates/certificate_issue.hpp"
#include "engine/certificates/certificates.hpp"
#include "engine/events.hpp"
#include "engine/privacy/sealed_value.hpp"

namespace mentorflow::engine::certificates {
namespace {

using nlohmann::json;

constexpr std::size_t kReadBatch = 1024;

// What the walk through the log remembers of each stream: where its latest command began and
// its latest OutputIssued (with the command it came in).
struct StreamMarks {
  std::uint64_t command_position = 0;
  json output;
  std::uint64_t output_command = 0;
};

// The first member of the two certificates' JSON forms that differs, as "KEY: recorded A, the log
// gives B".
std::string first_difference(const Certificate& recorded, const Certificate& derived) {
  const json a = to_json(recorded), b = to_json(derived);
  for (const auto& [key, value] : b.items())
    if (!a.contains(key) || a[key] != value)
      return fmt::format("its {} says {}, but the log gives {}", key, a.value(key, json()).dump(), value.dump());
  return "it differs from what the log gives";
}

// Why a certificate does not hold, or why it cannot be rendered here; nullopt when it holds.
std::optional<CertificateFinding> check(Engine& engine, const store::Event& e, const StreamMarks& marks) {
  const auto fails = [&](std::string problem) {
    return CertificateFinding{e.position, e.stream, std::move(problem), false};
  };
  auto issued = read_issued_certificate(e);
  if (!issued.is_ok()) return fails(issued.status().message());
  if (marks.output.is_null() || marks.output_command != marks.command_position || marks.command_position == 0)
    return fails("it follows no output issued by the same command");
  const Certificate& recorded = issued->content;
  const json& recipients = marks.output.contains("recipients") ? marks.output["recipients"] : json::array();
  if (std::find(recipients.begin(), recipients.end(), recorded.recipient) == recipients.end())
    return fails(fmt::format("it is made out to {}, who is not a recipient of the output", recorded.recipient));

  auto name = parse_case_name(e.stream);
  if (!name.is_ok()) return fails(name.status().message());
  const Until before_command{marks.command_position - 1, std::nullopt};
  auto before = engine.load(e.stream, before_command);
  if (!before.is_ok() && !before.status().is_not_found()) return fails(before.status().message());
  const CaseState state = before.is_ok() ? std::move(*before) : CaseState{};
  // The case as the command's events before this certificate left it (the fields it shows).
  auto issuing = engine.load(e.stream, Until{e.position - 1, std::nullopt});
  if (!issuing.is_ok()) return fails(issuing.status().message());
  // The definition the command ran under: the case's (migrated or not), or its edition's for a new case.
  auto definition = state.exists() ? engine.definition_of_case(state) : engine.definition_of_edition(name->edition);
  if (!definition.is_ok()) return fails(definition.status().message());
  // Made when the command was decided, a moment before its batch was recorded: the recorded issue
  // time must lie between the case's previous event and this one, and is then taken as given.
  const auto issued_at = dsl::parse_datetime(recorded.issued_at);
  if (!issued_at) return fails(fmt::format("its issued_at '{}' is not a time", recorded.issued_at));
  if (issued_at->utc_micros > e.recorded_at || (state.exists() && issued_at->utc_micros < state.updated_at))
    return fails(fmt::format("its issued_at {} is not between the case's previous event and this one", recorded.issued_at));
  // The layout, fonts and library were chosen when it was issued, not derived from the log.
  auto derived = derive_certificate(engine, **definition, *name, {state, *issuing, before_command}, marks.output,
                                    recorded.recipient, issued_at->utc_micros, recorded.layout);
  if (!derived.is_ok()) return fails(derived.status().message());
  derived->library = recorded.library;
  derived->fonts = recorded.fonts;
  if (!(*derived == recorded)) return fails(first_difference(recorded, *derived));
  if (auto pdf = regenerate_certificate(*issued); !pdf.is_ok())
    return CertificateFinding{e.position, e.stream, pdf.status().message(), pdf.status().is_io_error()};
  return std::nullopt;
}

}  // namespace

Result<CertificateReport> verify_certificates(Engine& engine, std::uint64_t last_position) {
  CertificateReport report;
  std::map<std::string, StreamMarks> marks;
  // Certificates are checked after the walk: checking loads cases, which reads the store.
  std::vector<store::Event> certificates;
  std::vector<StreamMarks> at_certificate;
  Status failed;
  for (std::uint64_t from = 1; from <= last_position && failed.is_ok();) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kReadBatch, last_position - from + 1));
    auto scanned = engine.store().scan_events(from, want, [&](const store::Event& e) {
      from = e.position + 1;
      if (e.type == events::kCommandAccepted) {
        marks[e.stream].command_position = e.position;
      } else if (e.type == events::kOutputIssued) {
        auto p = e.payload_json();
        if (!p.is_ok()) failed = p.status();
        StreamMarks& m = marks[e.stream];
        m.output = p.is_ok() ? std::move(*p) : json();
        m.output_command = m.command_position;
      } else if (e.type == events::kCertificateIssued) {
        auto p = e.payload_json();
        const json content = p.is_ok() ? p->value("certificate", json()) : json();
        if (content == kErasedValue || is_sealed_value(content)) {
          ++(content == kErasedValue ? report.not_recheckable_erased : report.not_recheckable_sealed);
          return true;
        }
        certificates.push_back(e);
        at_certificate.push_back(marks[e.stream]);
      }
      return failed.is_ok();
    });
    if (!scanned.is_ok()) return scanned.status();
    if (*scanned == 0) break;
  }
  if (!failed.is_ok()) return failed;
  for (std::size_t i = 0; i < certificates.size(); ++i) {
    ++report.certificates_checked;
    if (auto finding = check(engine, certificates[i], at_certificate[i])) report.findings.push_back(std::move(*finding));
  }
  return report;
}

}  // namespace mentorflow::engine::certificates
