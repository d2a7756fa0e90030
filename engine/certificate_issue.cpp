#include "engine/certificate_issue.hpp"

#include <fmt/core.h>

#include "dsl/time_text.hpp"
#include "engine/case_activities.hpp"
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

std::string name_of(Engine& engine, const dsl::CaseTypeSpec& spec, const CaseState& state, const std::string& user) {
  for (const dsl::FieldSpec& f : spec.fields) {
    if (!f.type.is(dsl::TypeKind::Ref)) continue;
    auto value = state.fields.find(f.name);
    if (value == state.fields.end() || !value->is_string()) continue;
    auto other = engine.load(value->get<std::string>());
    if (!other.is_ok()) continue;
    for (const auto& [party, holder] : other->parties)
      if (holder == user)
        if (auto name = full_name(*other)) return *name;
  }
  if (state.parties.size() == 1 && state.parties.begin()->second == user)
    if (auto name = full_name(state)) return *name;
  return user;
}

// The value as a person reads it: a text as it is, a list's items joined by ", ".
std::string shown_value(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const json& item : value) out += (out.empty() ? "" : ", ") + shown_value(item);
    return out;
  }
  return value.dump();
}

}  // namespace

Status add_certificates(Engine& engine, const dsl::Definition& definition, dsl::Index case_type,
                        const std::string& case_name, const std::string& edition, const CaseState& before,
                        UtcMicros now, EventSink& sink) {
  const dsl::CaseTypeSpec& spec = definition.case_type(case_type);
  std::optional<std::vector<Activity>> activities;  // read once, when the first output needs them
  const std::string zone = edition_zone(&definition);
  for (std::size_t i = 0; i < sink.events.size(); ++i) {
    if (sink.events[i].type != events::kOutputIssued) continue;
    const json issued = sink.events[i].payload;  // a copy: inserting below moves the vector
    const std::string output_name = issued.at("output").get<std::string>();
    const dsl::OutputSpec* found = nullptr;
    for (const dsl::OutputSpec& o : spec.outputs)
      if (o.name == output_name) found = &o;
    if (!found) continue;
    const dsl::OutputSpec& output = *found;
    if (!activities) {
      auto read = case_activities(engine.store(), definition, case_name, before.version);
      if (!read.is_ok()) return read.status();
      activities = std::move(*read);
    }
    for (const json& r : issued.at("recipients")) {
      Certificate c;
      c.case_name = case_name;
      c.output = output.name;
      c.title = output.title;
      c.programme = definition.title();
      c.edition = edition;
      c.recipient = r.get<std::string>();
      c.party = party_of(spec, output, before, c.recipient);
      c.name = name_of(engine, spec, before, c.recipient);
      c.value = shown_value(issued.at("value"));
      if (output.value != dsl::kNoNode) c.value_of = std::string(definition.program().text(output.value));
      c.zone = zone;
      c.issued_at = dsl::format_datetime_json(now, zone);
      for (const Activity& a : *activities)
        c.activities.push_back({a.counter, a.number, dsl::format_datetime_json(a.at, zone), a.dated_by_input,
                                a.length_seconds ? std::optional(dsl::format_duration(*a.length_seconds))
                                                 : std::nullopt});
      auto pdf = render_certificate_pdf(c);
      if (!pdf.is_ok()) return pdf.status();
      const std::string file = certificate_file_name(c);
      const std::string sha = store::to_hex(store::sha256(*pdf));
      std::vector<store::NewEvent> one;
      EventSink single{sink.definition, sink.actor, sink.correlation, one};
      single.add(events::kCertificateIssued, events::certificate_issued(to_json(c), file, sha));
      sink.events.insert(sink.events.begin() + static_cast<std::ptrdiff_t>(++i), std::move(one.front()));
    }
  }
  return Status::ok();
}

}  // namespace mentorflow::engine
