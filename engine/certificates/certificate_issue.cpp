#include "engine/certificates/certificate_issue.hpp"

#include <fmt/core.h>

#include "dsl/time/time_text.hpp"
#include "engine/calendar/case_activities.hpp"
#include "engine/case_name.hpp"
#include "engine/certificates/certificate.hpp"
#include "engine/certificates/certificate_fonts.hpp"
#include "engine/edition_zone.hpp"
#include "engine/events.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine::certificates {
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

const dsl::Type& unwrapped(const dsl::Type& t) { return t.is(dsl::TypeKind::Optional) ? t.element() : t; }

// A field's value as a certificate states it: a yes or no, an enum value in words, a date-time in
// the edition's zone, a list's items joined by ", ", anything else as its text.
std::string fact_text(const dsl::Type& type, const json& value, const std::string& zone) {
  const dsl::Type& t = unwrapped(type);
  if (value.is_array()) {
    std::string out;
    for (const json& item : value)
      out += (out.empty() ? "" : ", ") + fact_text(t.inner.empty() ? t : t.element(), item, zone);
    return out;
  }
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_string() && t.is(dsl::TypeKind::Enum)) return readable_name(value.get<std::string>(), false);
  if (value.is_string() && t.is(dsl::TypeKind::DateTime))
    if (auto at = dsl::parse_datetime(value.get<std::string>())) return dsl::format_datetime(at->utc_micros, zone);
  return certificate_value_text(value);
}

// The value of a field the output shows: read in `state`, through each `ref` on the way; nullopt
// when a field on the path is not set or a case it refers to is not there.
std::optional<json> shown_value(Engine& engine, const dsl::Definition& definition, dsl::Index case_type,
                                const CaseState& state, const dsl::ShownSpec& shown, const Until& until) {
  CaseState referred;
  const CaseState* at = &state;
  for (std::size_t i = 0; i < shown.fields.size(); ++i) {
    const dsl::FieldSpec& field = definition.case_type(case_type).fields[shown.fields[i]];
    auto value = at->fields.find(field.name);
    if (value == at->fields.end() || value->is_null()) return std::nullopt;
    if (i + 1 == shown.fields.size()) return *value;
    const auto next = definition.find_case_type(unwrapped(field.type).name);
    if (!value->is_string() || !next) return std::nullopt;
    auto loaded = engine.load(value->get<std::string>(), until);
    if (!loaded.is_ok() || !loaded->exists()) return std::nullopt;
    referred = std::move(*loaded);
    at = &referred;
    case_type = *next;
  }
  return std::nullopt;
}

// Layout 4's words: what the value and each counted list are called, and the fields shown.
void add_words(Engine& engine, const dsl::Definition& definition, dsl::Index case_type, const dsl::OutputSpec& output,
               const CertificateSource& source, Certificate& c) {
  const dsl::CaseTypeSpec& spec = definition.case_type(case_type);
  c.value_label = output.value_label.empty() ? output.title : output.value_label;
  for (const CertifiedActivity& a : c.activities)
    for (const dsl::CounterSpec& k : spec.counters)
      if (k.name == a.counter) c.headings[k.name] = k.title.empty() ? readable_name(k.name, true) : k.title;
  for (const dsl::ShownSpec& shown : output.shows) {
    auto value = shown_value(engine, definition, case_type, source.issuing, shown, source.until);
    if (!value) continue;
    const std::string last = shown.path.substr(shown.path.rfind('.') + 1);
    c.facts.push_back({shown.label.empty() ? readable_name(last, true) : shown.label, fact_text(shown.type, *value, c.zone)});
  }
}

// The case as the command's own events before `end` leave it, from `before`: a field a
// certificate shows may be filled by the issuing command itself.
Result<CaseState> left_by_command(const CaseState& before, const std::string& case_name,
                                  const std::vector<store::NewEvent>& events, std::size_t end, UtcMicros now) {
  CaseState state = before;
  for (std::size_t k = 0; k < end; ++k) {
    const store::NewEvent& n = events[k];
    store::Event e;
    e.stream = case_name;
    e.version = state.version + 1;
    e.type = n.type;
    e.recorded_at = now;
    e.actor = n.actor;
    e.definition_id = n.definition_id;
    e.payload = n.payload.dump();
    e.explanation = n.explanation.dump();
    e.metadata = n.metadata;
    if (Status st = fold(state, e); !st.is_ok()) return st;
  }
  return state;
}

}  // namespace

Result<Certificate> derive_certificate(Engine& engine, const dsl::Definition& definition, const CaseName& name,
                                       const CertificateSource& source, const json& output_issued,
                                       const std::string& recipient, UtcMicros now, int layout) {
  const CaseState& before = source.before;
  const auto case_type = definition.find_case_type(name.type);
  if (!case_type) return Status::not_found(fmt::format("edition '{}' has no case type '{}'", name.edition, name.type));
  const dsl::CaseTypeSpec& spec = definition.case_type(*case_type);
  const auto output_name = output_issued.find("output");
  const dsl::OutputSpec* output = nullptr;
  if (output_name != output_issued.end() && output_name->is_string())
    for (const dsl::OutputSpec& o : spec.outputs)
      if (o.name == output_name->get<std::string>()) output = &o;
  if (!output) return Status::not_found(fmt::format("case type '{}' has no such output", spec.name));
  auto activities = calendar::case_activities(engine.store(), definition, name, before.version);
  if (!activities.is_ok()) return activities.status();

  const std::string zone = edition_zone(&definition);
  Certificate c;
  c.case_name = name.stream();
  c.output = output->name;
  c.title = output->title;
  c.programme = definition.title();
  c.edition = name.edition;
  c.recipient = recipient;
  c.party = party_of(spec, *output, before, recipient);
  c.name = name_of(engine, spec, before, recipient, source.until);
  c.value = certificate_value_text(output_issued.value("value", json()));
  if (output->value != dsl::kNoNode) c.value_of = std::string(definition.program().text(output->value));
  c.zone = zone;
  c.issued_at = dsl::format_datetime_json(now, zone);
  for (const calendar::Activity& a : *activities) {
    // From layout 5 an activity held on a day (a `date` input) is listed on that day; earlier
    // layouts listed it when it was recorded, and are derived so again to verify as issued.
    const bool on_its_day = layout >= 5 && a.on;
    c.activities.push_back({a.counter, a.number, on_its_day ? *a.on : dsl::format_datetime_json(a.at, zone),
                            a.dated_by_input || on_its_day,
                            a.length_seconds ? std::optional(dsl::format_duration({0, *a.length_seconds})) : std::nullopt});
  }
  c.layout = layout;
  if (layout >= 4) add_words(engine, definition, *case_type, *output, source, c);
  return c;
}

Status add_certificates(Engine& engine, const dsl::Definition& definition, const CaseName& name,
                        const CaseState& before, UtcMicros now, EventSink& sink) {
  std::optional<std::vector<InstalledFont>> fonts;
  for (std::size_t i = 0; i < sink.events.size(); ++i) {
    if (sink.events[i].type != events::kOutputIssued) continue;
    const json issued = sink.events[i].payload;  // a copy: inserting below moves the vector
    auto issuing = left_by_command(before, name.stream(), sink.events, i + 1, now);
    if (!issuing.is_ok()) return issuing.status();
    if (!fonts) {
      auto installed = installed_certificate_fonts();
      if (!installed.is_ok()) return installed.status();
      fonts = std::move(*installed);
    }
    for (const json& r : issued.at("recipients")) {
      auto c = derive_certificate(engine, definition, name, {before, *issuing, {}}, issued, r.get<std::string>(), now,
                                  kCertificateLayout);
      if (!c.is_ok()) return c.status();
      c->library = certificate_library();
      for (const InstalledFont& f : *fonts) c->fonts.push_back(f.font);
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

}  // namespace mentorflow::engine::certificates
