#include "dsl/eval/case_data.hpp"

#include "dsl/eval/cadence.hpp"
#include "dsl/value_json.hpp"

namespace mentorflow::dsl {

CaseData new_case(const CaseTypeSpec& type, Index type_index, std::string id) {
  CaseData c;
  c.id = std::move(id);
  c.case_type = type_index;
  c.state = type.initial;
  c.fields.resize(type.fields.size());
  c.counters.assign(type.counters.size(), 0);
  c.parties.resize(type.parties.size());
  c.documents.assign(type.documents.size(), false);
  c.cadence.resize(type.cadence_keys.size());
  return c;
}

nlohmann::json to_json(const CaseData& c, const std::vector<CaseTypeSpec>& types) {
  const CaseTypeSpec& t = types[c.case_type];
  nlohmann::json j = nlohmann::json::object();
  j["id"] = c.id;
  j["type"] = t.name;
  j["state"] = t.states[c.state].name;
  nlohmann::json fields = nlohmann::json::object(), counters = nlohmann::json::object(),
                 parties = nlohmann::json::object(), documents = nlohmann::json::array(),
                 cadence = nlohmann::json::object();
  for (std::size_t i = 0; i < t.fields.size(); ++i)
    if (!c.fields[i].is_absent()) fields[t.fields[i].name] = to_json(c.fields[i]);
  for (std::size_t i = 0; i < t.counters.size(); ++i) counters[t.counters[i].name] = c.counters[i];
  for (std::size_t i = 0; i < t.parties.size(); ++i)
    if (!c.parties[i].empty()) parties[t.parties[i].name] = c.parties[i];
  for (std::size_t i = 0; i < t.documents.size(); ++i)
    if (c.documents[i]) documents.push_back(t.documents[i].name);
  for (std::size_t i = 0; i < t.cadence_keys.size(); ++i)
    if (!c.cadence[i].is_absent()) cadence[t.cadence_keys[i]] = to_json(c.cadence[i]);
  j["fields"] = fields;
  j["counters"] = counters;
  j["parties"] = parties;
  j["documents"] = documents;
  j["cadence"] = cadence;
  return j;
}

namespace {

std::optional<CaseData> bad(std::string& error, std::string message) {
  error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::optional<CaseData> case_data_from_json(const nlohmann::json& j, const std::vector<CaseTypeSpec>& types,
                                            std::string& error) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
    return bad(error, "a case must be an object with its \"type\"");
  const std::string type_name = j["type"].get<std::string>();
  std::optional<Index> type_index;
  for (Index i = 0; i < types.size(); ++i)
    if (types[i].name == type_name) type_index = i;
  if (!type_index) return bad(error, "unknown case type '" + type_name + "'");
  const CaseTypeSpec& t = types[*type_index];
  CaseData c = new_case(t, *type_index, j.value("id", std::string()));
  if (j.contains("state")) {
    auto s = j["state"].is_string() ? t.find_state(j["state"].get<std::string>()) : std::nullopt;
    if (!s) return bad(error, "unknown state " + j["state"].dump() + " of case type '" + t.name + "'");
    c.state = *s;
  }
  auto object = [&](const char* key) { return j.contains(key) && j[key].is_object() ? j[key] : nlohmann::json::object(); };
  const nlohmann::json fields = object("fields"), counters = object("counters"), parties = object("parties"),
                       cadence = object("cadence");
  for (const auto& [name, value] : fields.items()) {
    auto f = t.find_field(name);
    if (!f) return bad(error, "unknown field '" + name + "' of case type '" + t.name + "'");
    auto v = value_from_json(value, t.fields[*f].type, error);
    if (!v) return bad(error, "field '" + name + "': " + error);
    c.fields[*f] = std::move(*v);
  }
  for (const auto& [name, value] : counters.items()) {
    auto k = t.find_counter(name);
    if (!k || !value.is_number_integer()) return bad(error, "bad counter '" + name + "' of case type '" + t.name + "'");
    c.counters[*k] = value.get<std::int64_t>();
  }
  for (const auto& [name, value] : parties.items()) {
    auto p = t.find_party(name);
    if (!p || !value.is_string()) return bad(error, "bad party '" + name + "' of case type '" + t.name + "'");
    c.parties[*p] = value.get<std::string>();
  }
  const nlohmann::json documents = j.contains("documents") ? j["documents"] : nlohmann::json::array();
  for (const auto& name : documents) {
    auto d = name.is_string() ? t.find_document(name.get<std::string>()) : std::nullopt;
    if (!d) return bad(error, "unknown document " + name.dump() + " of case type '" + t.name + "'");
    c.documents[*d] = true;
  }
  for (const auto& [name, value] : cadence.items()) {
    std::optional<Index> slot;
    for (Index i = 0; i < t.cadence_keys.size(); ++i)
      if (t.cadence_keys[i] == name) slot = i;
    if (!slot) return bad(error, "unknown cadence input '" + name + "' of case type '" + t.name + "'");
    auto v = cadence_value_from_json(value);
    if (!v) return bad(error, "cadence '" + name + "': not a date or a date-time: " + value.dump());
    c.cadence[*slot] = std::move(*v);
  }
  return c;
}

}  // namespace mentorflow::dsl
