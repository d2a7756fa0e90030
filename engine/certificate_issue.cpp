#include "engine/certificate_issue.hpp"

#include <fmt/core.h>

#include "dsl/time_text.hpp"
#include "engine/case_activities.hpp"
#include "engine/case_name.hpp"
#include "engine/certificate.hpp"
#include "engine/edition_zone.hpp"
#include "engine/events.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

constexpr const char* kNameField = "full_name";

std::string party_of(const dsl::CaseTypeSpec& spec, const dsl::OutputSpec& output, const CaseState& state,
                     const std::string& user) {
  for (dsl::Index p : output.recipients) {
    const std::string& party = spec.parties[p].name;
    if (auto it = state.parties.find(party); it != state.parties.end() && it->second == user) return party;
  }
  return spec.parties.empty() ? "" : spec.parties[output.recipients.empty() ? 0 : output.recipients[0]].name;
}

std::optional<std::string> full_name(const CaseState& state) {
  auto it = state.fields.find(kNameField);
  if (it == state.fields.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

std::string name_of(Engine& engine, const dsl::CaseTypeSpec& spec, const CaseState& state, const std::string& user,
                    const Until& until) {
  for (const dsl::FieldSpec& f : spec.fields) {
    if (!f.type.is(dsl::TypeKind::Ref)) continue;
    auto value = state.fields.find(f.name);
    if (value == state.fields.end() || !value->is_string()) continue;
    auto other = engine.load(value->get<std::string>(), until);
    if (!other.is_ok()) continue;
    for (const auto& [party, holder] : other->parties)
      if (holder == user)
        if (auto name = full_name(*other)) return *name;
  }
  if (state.parties.size() == 1 && state.parties.begin()->second == user)
    if (auto name = full_name(state)) return *name;
  return user;
}

}  // namespace

Result<Certificate> derive_certificate(Engine& engine, const dsl::Definition& definition, const std::string& case_name,
                                       const CaseState& before, const json& output_issued,
                                       const std::string& recipient, UtcMicros now, const Until& until) {
  auto name = parse_case_name(case_name);
  if (!name.is_ok()) return name.status();
  const auto case_type = definition.find_case_type(name->type);
  if (!case_type) return Status::not_found(fmt::format("edition '{}' has no case type '{}'", name->edition, name->type));
  const dsl::CaseTypeSpec& spec = definition.case_type(*case_type);
  const auto output_name = output_issued.find("output");
  const dsl::OutputSpec* output = nullptr;
  if (output_name != output_issued.end() && output_name->is_string())
    for (const dsl::OutputSpec& o : spec.outputs)
      if (o.name == output_name->get<std::string>()) output = &o;
  if (!output) return Status::not_found(fmt::format("case type '{}' has no such output", spec.name));
  auto activities = case_activities(engine.store(), definition, case_name, before.version);
  if (!activities.is_ok()) return activities.status();

  const std::string zone = edition_zone(&definition);
  Certificate c;
  c.case_name = case_name;
  c.output = output->name;
  c.title = output->title;
  c.programme = definition.title();
  c.edition = name->edition;
  c.recipient = recipient;
  c.party = party_of(spec, *output, before, recipient);
  c.name = name_of(engine, spec, before, recipient, until);
  c.value = certificate_value_text(output_issued.value("value", json()));
  if (output->value != dsl::kNoNode) c.value_of = std::string(definition.program().text(output->value));
  c.zone = zone;
  c.issued_at = dsl::format_datetime_json(now, zone);
  for (const Activity& a : *activities)
    c.activities.push_back({a.counter, a.number, dsl::format_datetime_json(a.at, zone), a.dated_by_input,
                            a.length_seconds ? std::optional(dsl::format_duration(*a.length_seconds)) : std::nullopt});
  return c;
}

Status add_certificates(Engine& engine, const dsl::Definition& definition, const std::string& case_name,
                        const CaseState& before, UtcMicros now, EventSink& sink) {
  for (std::size_t i = 0; i < sink.events.size(); ++i) {
    if (sink.events[i].type != events::kOutputIssued) continue;
    const json issued = sink.events[i].payload;  // a copy: inserting below moves the vector
    for (const json& r : issued.at("recipients")) {
      auto c = derive_certificate(engine, definition, case_name, before, issued, r.get<std::string>(), now, {});
      if (!c.is_ok()) return c.status();
      auto pdf = render_certificate_pdf(*c);
      if (!pdf.is_ok()) return pdf.status();
      const std::string sha = store::to_hex(store::sha256(*pdf));
      std::vector<store::NewEvent> one;
      EventSink single{sink.definition, sink.actor, sink.correlation, one};
      single.add(events::kCertificateIssued, events::certificate_issued(to_json(*c), certificate_file_name(*c), sha));
      sink.events.insert(sink.events.begin() + static_cast<std::ptrdiff_t>(++i), std::move(one.front()));
    }
  }
  return Status::ok();
}

}  // namespace mentorflow::engine
