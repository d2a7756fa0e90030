#include "engine/privacy/subject_export.hpp"

#include <fmt/core.h>

#include <cctype>
#include <map>
#include <optional>

#include "dsl/time/time_text.hpp"
#include "engine/audit/history.hpp"
#include "engine/certificates/certificates.hpp"
#include "engine/engine.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/seal.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

// What other people are called in someone's copy: their part in the case, never their id.
class OtherPeople {
 public:
  explicit OtherPeople(std::string subject) : subject_(std::move(subject)) {}

  void add(const std::string& user, const std::string& word) {
    if (!user.empty() && user != subject_) words_.emplace(user, "[" + word + "]");
  }

  // `text` with every other person's id (a whole token) replaced by their word, and any pseudonym
  // left that is not the subject's by "[another person]".
  std::string hide(const std::string& text) const {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t end = i;
      while (end < text.size() && is_id_char(text[end])) ++end;
      if (end == i) {
        out += text[i++];
        continue;
      }
      const std::string token = text.substr(i, end - i);
      out += hidden_token(token);
      i = end;
    }
    return out;
  }

  void hide(json& j) const {
    if (j.is_string()) j = hide(j.get<std::string>());
    else if (j.is_array())
      for (json& item : j) hide(item);
    else if (j.is_object()) {
      json copy = json::object();
      for (auto& [key, value] : j.items()) {
        json v = value;
        hide(v);
        copy[hide(key)] = std::move(v);
      }
      j = std::move(copy);
    }
  }

 private:
  static bool is_id_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '@';
  }

  // A token of a case name or a sentence: an id is its whole token, or its last part after '/'.
  std::string hidden_token(const std::string& token) const {
    if (auto w = words_.find(token); w != words_.end()) return w->second;
    if (token != subject_ && store::is_pseudonym(token)) return "[another person]";
    return token;
  }

  std::string subject_;
  std::map<std::string, std::string> words_;
};

// Whether a value marked `personal` (its party's index) is someone else's in this case.
bool others(const std::optional<dsl::Index>& personal, const dsl::CaseTypeSpec& spec, const CaseState& state,
            const std::string& user) {
  if (!personal) return false;
  auto party = state.parties.find(spec.parties[*personal].name);
  return party == state.parties.end() || party->second != user;
}

// The case's state without other people's personal fields and documents.
json own_state(const CaseState& state, const dsl::CaseTypeSpec* spec, const std::string& user) {
  json j = to_json(state);
  if (!spec) return j;
  for (const dsl::FieldSpec& f : spec->fields)
    if (others(f.personal, *spec, state, user)) j["fields"].erase(f.name);
  for (const dsl::DocumentSpec& d : spec->documents)
    if (others(d.personal, *spec, state, user)) j["documents"].erase(d.name);
  return j;
}

// The inputs of each entry of `history` without other people's personal inputs.
void drop_others_inputs(audit::History& history, const dsl::CaseTypeSpec* spec, const CaseState& state,
                        const std::string& user) {
  if (!spec) return;
  for (audit::HistoryEntry& h : history.entries) {
    auto command = spec->find_command(h.command);
    if (!command || !h.inputs.is_object()) continue;
    for (const dsl::InputSpec& in : spec->commands[*command].inputs)
      if (others(in.personal, *spec, state, user)) h.inputs.erase(in.name);
  }
}

// The content of every document the state (as exported) names.
Result<json> documents_of(Engine& engine, const json& documents) {
  json out = json::array();
  for (const auto& [document, variants] : documents.items())
    for (const auto& [variant, file] : variants.items()) {
      json d = {{"document", document}, {"variant", variant}, {"file", file.is_object() ? json(file.value("file", "")) : file}};
      if (file.is_object() && file.contains("sha256")) {
        const std::string sha256 = file.value("sha256", std::string());
        d["sha256"] = sha256;
        if (auto hash = store::hash_from_hex(sha256)) {
          auto bytes = engine.documents().get(*hash);
          if (!bytes.is_ok()) return bytes.status();
          d["size"] = bytes->size();
          d["content_base64"] = store::base64_of(*bytes);
        }
      }
      out.push_back(std::move(d));
    }
  return out;
}

// The certificates of `case_name` issued to `user`, with their PDFs made again from the log.
Result<json> certificates_of(Engine& engine, const std::string& case_name, const std::string& user) {
  json out = json::array();
  auto issued = certificates::issued_certificates(engine.store(), case_name);
  if (!issued.is_ok()) return issued.status().is_not_found() ? Result<json>(out) : Result<json>(issued.status());
  for (const certificates::IssuedCertificate& c : *issued) {
    if (c.content.recipient != user) continue;
    json j = {{"file", c.file}, {"sha256", c.sha256}, {"certificate", certificates::to_json(c.content)}};
    if (auto pdf = certificates::regenerate_certificate(c); pdf.is_ok()) j["pdf_base64"] = store::base64_of(*pdf);
    else j["pdf_error"] = pdf.status().message();
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

Status check_exporter(Engine& engine, const store::Actor& actor, const std::string& user) {
  auto names = read_models::cases_of_party(engine.store(), user);
  if (!names.is_ok()) return names.status();
  for (const std::string& name : *names) {
    auto definition = engine.definition_of_edition(name.substr(0, name.find('/')));
    if (!definition.is_ok()) continue;
    const dsl::RoleSpec* role = (*definition)->find_role(actor.role);
    if (role && role->kind == dsl::RoleKind::Staff) return Status::ok();
  }
  return Status::forbidden(fmt::format(
      "only staff of an edition the person takes part in export their data; {} acts as {}", actor.user, actor.role));
}

Result<json> subject_export(Engine& engine, const std::string& user, UtcMicros at) {
  if (!engine.store().read_only())
    if (auto caught = read_models::catch_up_read_models(engine.store()); !caught.is_ok()) return caught.status();
  auto names = read_models::cases_of_party(engine.store(), user);
  if (!names.is_ok()) return names.status();
  if (names->empty()) return Status::not_found(fmt::format("{} is a party of no case: nothing is kept about them", user));
  json cases = json::array();
  for (const std::string& name : *names) {
    auto state = engine.load(name);
    if (!state.is_ok()) return state.status();
    auto definition = engine.definition_of_case(*state);
    const dsl::CaseTypeSpec* spec = nullptr;
    if (definition.is_ok())
      if (auto type = (*definition)->find_case_type(state->case_type)) spec = &(*definition)->case_type(*type);
    auto history = audit::case_history(engine, name);
    if (!history.is_ok()) return history.status();
    OtherPeople people(user);
    json parties_as = json::array();
    for (const auto& [party, who] : state->parties) {
      people.add(who, party);
      if (who == user) parties_as.push_back(party);
    }
    for (const audit::HistoryEntry& h : history->entries) people.add(h.actor.user, h.actor.role);
    drop_others_inputs(*history, spec, *state, user);
    json own = own_state(*state, spec, user);
    auto documents = documents_of(engine, own["documents"]);
    if (!documents.is_ok()) return documents.status();
    auto issued = certificates_of(engine, name, user);
    if (!issued.is_ok()) return issued.status();
    json c = {{"case", name},
              {"edition", state->edition},
              {"case_type", state->case_type},
              {"parties_as", std::move(parties_as)},
              {"state", std::move(own)},
              {"history", audit::history_json(*history)}};
    people.hide(c);
    c["documents"] = std::move(*documents);  // contents are the person's own files: never rewritten
    c["certificates"] = std::move(*issued);
    cases.push_back(std::move(c));
  }
  return json{{"subject", user}, {"exported_at", dsl::format_datetime_json(at, "UTC")}, {"cases", std::move(cases)}};
}

}  // namespace mentorflow::engine
