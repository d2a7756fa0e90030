#include "engine/records/subject_export.hpp"

#include <fmt/core.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "dsl/compile/privacy_roles.hpp"
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

constexpr const char* kContent = "content_base64";  // a document's bytes in the copy
constexpr const char* kPdf = "pdf_base64";          // a certificate's PDF in the copy

// What other people are called in someone's copy: their part in the case, never their id.
class OtherPeople {
 public:
  // `everyone`: every party of every case in the store, each "[another person]" unless a case
  // names them better (add).
  OtherPeople(std::string subject, const std::set<std::string>& everyone) : subject_(std::move(subject)) {
    for (const std::string& user : everyone) add(user, "another person");
  }

  // `user` (an id or a pseudonym, as the log holds it) is called `word` ("mentor"). The engine's
  // own role, `system`, is nobody.
  void add(const std::string& user, const std::string& word) {
    if (!user.empty() && user != subject_ && user != "system") words_[user] = "[" + word + "]";
  }

  // `text` with every other person's id replaced by their word where it stands apart from letters
  // and digits (a case name's last part, a file name's), and any pseudonym left that is not the
  // subject's by "[another person]".
  std::string hide(std::string text) const {
    for (const auto& [user, word] : words_) text = replace_apart(std::move(text), user, word);
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      const std::string_view rest = std::string_view(text).substr(i, store::kPseudonymSize);
      if (rest.size() == store::kPseudonymSize && store::is_pseudonym(rest) && rest != subject_) {
        out += "[another person]";
        i += store::kPseudonymSize;
      } else {
        out += text[i++];
      }
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
        if (key != kContent && key != kPdf) hide(v);  // a file's bytes, the person's own, are left as they are
        copy[hide(key)] = std::move(v);
      }
      j = std::move(copy);
    }
  }

  // Whether a history note is about another person's certificate ("certificate for ID (NAME): ..."),
  // which names them and their full name.
  bool others_certificate(const std::string& note) const {
    constexpr std::string_view kPrefix = "certificate for ";
    if (!note.starts_with(kPrefix)) return false;
    return !note.substr(kPrefix.size()).starts_with(subject_ + " ");
  }

 private:
  static bool letter_or_digit(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

  static std::string replace_apart(std::string text, const std::string& id, const std::string& word) {
    for (std::size_t at = text.find(id); at != std::string::npos; at = text.find(id, at)) {
      const bool apart = (at == 0 || !letter_or_digit(text[at - 1])) &&
                         (at + id.size() == text.size() || !letter_or_digit(text[at + id.size()]));
      if (!apart) {
        ++at;
        continue;
      }
      text.replace(at, id.size(), word);
      at += word.size();
    }
    return text;
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
  for (const auto& [document, attached] : documents.items()) {
    // A document without variants holds its file reference itself ({"file", "sha256", ...}).
    const json variants = attached.is_object() && attached.contains("file") ? json{{"", attached}} : attached;
    for (const auto& [variant, file] : variants.items()) {
      json d = {{"document", document}, {"variant", variant}, {"file", file.is_object() ? json(file.value("file", "")) : file}};
      if (file.is_object() && file.contains("sha256")) {
        const std::string sha256 = file.value("sha256", std::string());
        d["sha256"] = sha256;
        if (auto hash = store::hash_from_hex(sha256)) {
          auto bytes = engine.documents().get(*hash);
          if (!bytes.is_ok()) return bytes.status();
          d["size"] = bytes->size();
          d[kContent] = store::base64_of(*bytes);
        }
      }
      out.push_back(std::move(d));
    }
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
    if (auto pdf = certificates::regenerate_certificate(c); pdf.is_ok()) j[kPdf] = store::base64_of(*pdf);
    else j["pdf_error"] = pdf.status().message();
    out.push_back(std::move(j));
  }
  return out;
}

// Every party of every case of the store, as the log names them.
Result<std::set<std::string>> everyone(const store::EventStore& store) {
  std::set<std::string> users;
  auto editions = read_models::editions(store);
  if (!editions.is_ok()) return editions.status();
  for (const read_models::EditionSummary& e : *editions) {
    auto cases = read_models::case_summaries(store, e.edition + "/");
    if (!cases.is_ok()) return cases.status();
    for (const read_models::CaseSummary& c : *cases)
      for (const auto& [party, user] : c.parties) users.insert(user);
  }
  return users;
}

}  // namespace

Status check_exporter(Engine& engine, const store::Actor& actor, const std::string& user) {
  auto names = read_models::cases_of_party(engine.store(), user);
  if (!names.is_ok()) return names.status();
  if (names->empty()) return Status::not_found(fmt::format("{} is a party of no case: nothing is kept about them", user));
  for (const std::string& name : *names) {
    auto definition = engine.definition_of_edition(name.substr(0, name.find('/')));
    if (!definition.is_ok()) continue;
    const dsl::RoleSpec* role = (*definition)->find_role(actor.role);
    if (role && (role->kind == dsl::RoleKind::Staff || dsl::may_manage_personal_data(**definition, actor.role)))
      return Status::ok();
  }
  return Status::forbidden(fmt::format(
      "only staff or a privacy role of an edition the person takes part in export their data; {} acts as {}",
      actor.user, actor.role));
}

Result<json> subject_export(Engine& engine, const std::string& user, UtcMicros at) {
  if (!engine.store().read_only())
    if (auto caught = read_models::catch_up_read_models(engine.store()); !caught.is_ok()) return caught.status();
  auto names = read_models::cases_of_party(engine.store(), user);
  if (!names.is_ok()) return names.status();
  auto people_of_store = everyone(engine.store());
  if (!people_of_store.is_ok()) return people_of_store.status();
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
    OtherPeople people(user, *people_of_store);
    // Their role where they acted, their party where they are one (the closer word, added last).
    for (const audit::HistoryEntry& h : history->entries) people.add(h.actor.user, h.actor.role);
    json parties_as = json::array();
    for (const auto& [party, who] : state->parties) {
      people.add(who, party);
      if (who == user) parties_as.push_back(party);
    }
    drop_others_inputs(*history, spec, *state, user);
    for (audit::HistoryEntry& h : history->entries)
      std::erase_if(h.notes, [&](const std::string& note) { return people.others_certificate(note); });
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
              {"history", audit::history_json(*history)},
              {"documents", std::move(*documents)},
              {"certificates", std::move(*issued)}};
    people.hide(c);
    cases.push_back(std::move(c));
  }
  return json{{"subject", user}, {"exported_at", dsl::format_datetime_json(at, "UTC")}, {"cases", std::move(cases)}};
}

}  // namespace mentorflow::engine
