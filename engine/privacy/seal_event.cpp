#include "engine/privacy/seal_event.hpp"

#include <fmt/core.h>

#include <array>

#include "engine/events.hpp"
#include "engine/privacy/sealed_value.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

// The members of the events sealed whole for the case's own person.
struct WholeMembers {
  std::string_view type;
  std::array<std::string_view, 3> members;
};
constexpr std::array<WholeMembers, 5> kWhole = {{
    {events::kDecisionRecorded, {"inputs", "outcome", "explanation"}},
    {events::kFlagRaised, {"reason", "", ""}},
    {events::kCertificateIssued, {"certificate", "", ""}},
    {events::kReminderRecorded, {"text", "", ""}},
    {events::kMatchExplained, {"explanation", "choice", ""}},
}};

class Sealer {
 public:
  Sealer(store::NewEvent& event, std::string_view stream, const CaseFacts& facts, const KeyOf& key_of)
      : event_(event), stream_(stream), facts_(facts), key_of_(key_of) {}

  // The user of `party` (an index of the case type's parties), else the case's own person.
  std::optional<std::string> person(std::optional<dsl::Index> party) const {
    if (party) {
      auto it = facts_.parties.find(facts_.type->parties[*party].name);
      if (it != facts_.parties.end() && key_of_(it->second)) return it->second;
    }
    return own();
  }

  // Whose `value` of the event is, sealed whole: a certificate is its recipient's; all else the
  // case's own person's.
  std::string whose(const json& value, const std::string& own) const {
    if (event_.type == events::kCertificateIssued && value.is_object())
      if (auto r = value.find("recipient"); r != value.end() && r->is_string() && key_of_(r->get<std::string>()))
        return r->get<std::string>();
    return own;
  }

  std::optional<std::string> own() const {
    for (const dsl::PartySpec& p : facts_.type->parties)
      if (p.names_case)
        if (auto it = facts_.parties.find(p.name); it != facts_.parties.end() && key_of_(it->second)) return it->second;
    for (const dsl::PartySpec& p : facts_.type->parties)
      if (auto it = facts_.parties.find(p.name); it != facts_.parties.end() && key_of_(it->second)) return it->second;
    return std::nullopt;
  }

  // Seals `value` (the member `path` of the payload) for `subject`.
  Status seal(json& value, std::string_view path, const std::optional<std::string>& subject) {
    if (value.is_null() || is_sealed_value(value)) return Status::ok();
    if (!subject)
      return Status::refused(fmt::format("cannot seal the personal value '{}' of {} on {}: the case has no person "
                                         "known to this store to seal it for",
                                         path, event_.type, stream_));
    auto sealed = seal_value(value, *subject, *key_of_(*subject), seal_place(stream_, event_.type, path));
    if (!sealed.is_ok()) return sealed.status();
    value = std::move(*sealed);
    return Status::ok();
  }

  // The members of `object` (the payload's member `name`) whose spec says they are personal.
  template <typename Specs, typename Find>
  Status seal_marked(std::string_view name, const Specs& specs, Find find) {
    auto object = event_.payload.find(name);
    if (object == event_.payload.end() || !object->is_object()) return Status::ok();
    for (auto& [member, value] : object->items()) {
      const auto index = find(member);
      if (!index || !specs[*index].personal) continue;
      if (Status st = seal(value, fmt::format("{}/{}", name, member), person(specs[*index].personal)); !st.is_ok())
        return st;
    }
    return Status::ok();
  }

  Status run() {
    const dsl::CaseTypeSpec& type = *facts_.type;
    Status st = Status::ok();
    if (event_.type == events::kFieldsSet)
      st = seal_marked("fields", type.fields, [&](std::string_view n) { return type.find_field(n); });
    else if (event_.type == events::kDocumentsAttached)
      st = seal_marked("documents", type.documents, [&](std::string_view n) { return type.find_document(n); });
    else if (event_.type == events::kCommandAccepted)
      st = seal_inputs();
    const auto subject = own();  // a case of nobody's (a project) has nothing sealed whole
    for (const WholeMembers& whole : kWhole) {
      if (!st.is_ok() || !subject || event_.type != whole.type) continue;
      for (std::string_view member : whole.members) {
        auto value = member.empty() ? event_.payload.end() : event_.payload.find(member);
        if (value != event_.payload.end()) st = seal(*value, member, whose(*value, *subject));
        if (!st.is_ok()) break;
      }
    }
    if (!st.is_ok()) return st;
    return seal_trace();
  }

 private:
  Status seal_inputs() {
    const auto command = facts_.type->find_command(event_.payload.value("command", std::string()));
    if (!command) return Status::ok();
    const dsl::CommandSpec& spec = facts_.type->commands[*command];
    return seal_marked("inputs", spec.inputs, [&](std::string_view n) { return spec.find_input(n); });
  }

  // The rule trace names the values a rule read: sealed whole when the case has a person.
  Status seal_trace() {
    const bool has_trace = !event_.explanation_text.empty() || !event_.explanation.is_null();
    if (!has_trace || is_sealed_value(event_.explanation)) return Status::ok();
    const auto subject = own();
    if (!subject) return Status::ok();  // a case of nobody's: its trace names pseudonyms at most
    const std::string place = seal_place(stream_, event_.type, "$explanation");
    Result<json> sealed = event_.explanation_text.empty()
                              ? seal_value(event_.explanation, *subject, *key_of_(*subject), place)
                              : seal_text(event_.explanation_text, *subject, *key_of_(*subject), place);
    if (!sealed.is_ok()) return sealed.status();
    event_.explanation = std::move(*sealed);
    event_.explanation_text.clear();
    return Status::ok();
  }

  store::NewEvent& event_;
  std::string_view stream_;
  const CaseFacts& facts_;
  const KeyOf& key_of_;
};

}  // namespace

Status seal_event(store::NewEvent& event, std::string_view stream, const CaseFacts& facts, const KeyOf& key_of) {
  if (!facts.type) return Status::ok();
  return Sealer(event, stream, facts, key_of).run();
}

}  // namespace mentorflow::engine
