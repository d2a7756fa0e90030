// A certificate's recorded content: its JSON form and its file name. The PDF is
// engine/certificates/certificate_pdf.cpp.
#include "engine/certificates/certificate.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::engine::certificates {

using nlohmann::json;

json to_json(const Certificate& c) {
  json activities = json::array();
  for (const CertifiedActivity& a : c.activities)
    activities.push_back({{"counter", a.counter},
                          {"number", a.number},
                          {"at", a.at},
                          {"dated_by_input", a.dated_by_input},
                          {"length", a.length ? json(*a.length) : json(nullptr)}});
  json out = {{"case", c.case_name},   {"output", c.output},       {"title", c.title},
              {"programme", c.programme}, {"edition", c.edition}, {"party", c.party},
              {"recipient", c.recipient}, {"name", c.name},       {"value", c.value},
              {"value_of", c.value_of},   {"zone", c.zone},       {"issued_at", c.issued_at},
              {"activities", std::move(activities)}, {"layout", c.layout}};
  if (c.layout < 4) return out;  // earlier layouts' content stays exactly as it was recorded
  json facts = json::array(), fonts = json::array();
  for (const CertifiedFact& f : c.facts) facts.push_back({{"label", f.label}, {"text", f.text}});
  for (const CertificateFont& f : c.fonts) fonts.push_back({{"file", f.file}, {"sha256", f.sha256}});
  out["value_label"] = c.value_label;
  out["headings"] = c.headings;
  out["facts"] = std::move(facts);
  out["typeset"] = {{"library", c.library}, {"fonts", std::move(fonts)}};
  return out;
}

namespace {

// The members layout 4 added: InvalidArgument naming the first one missing.
Status layout4_from_json(const json& j, Certificate& c) {
  const auto missing = [](const char* what) {
    return Status::invalid_argument(fmt::format("a layout 4 certificate has no {}", what));
  };
  const auto label = j.find("value_label");
  if (label == j.end() || !label->is_string()) return missing("text 'value_label'");
  c.value_label = label->get<std::string>();
  const auto headings = j.find("headings");
  if (headings == j.end() || !headings->is_object()) return missing("object 'headings'");
  for (const auto& [counter, heading] : headings->items()) {
    if (!heading.is_string()) return missing("text for each heading");
    c.headings[counter] = heading.get<std::string>();
  }
  const auto facts = j.find("facts");
  if (facts == j.end() || !facts->is_array()) return missing("list 'facts'");
  for (const json& f : *facts) {
    if (!f.is_object() || !f.contains("label") || !f["label"].is_string() || !f.contains("text") || !f["text"].is_string())
      return missing("label and text for each fact");
    c.facts.push_back({f["label"].get<std::string>(), f["text"].get<std::string>()});
  }
  const auto typeset = j.find("typeset");
  if (typeset == j.end() || !typeset->is_object() || !typeset->contains("library") || !(*typeset)["library"].is_string() ||
      !typeset->contains("fonts") || !(*typeset)["fonts"].is_array())
    return missing("object 'typeset' with its library and fonts");
  c.library = (*typeset)["library"].get<std::string>();
  for (const json& f : (*typeset)["fonts"]) {
    if (!f.is_object() || !f.contains("file") || !f["file"].is_string() || !f.contains("sha256") || !f["sha256"].is_string())
      return missing("file and sha256 for each font");
    c.fonts.push_back({f["file"].get<std::string>(), f["sha256"].get<std::string>()});
  }
  return Status::ok();
}

}  // namespace

Result<Certificate> certificate_from_json(const json& j) {
  if (!j.is_object()) return Status::invalid_argument("a certificate is a JSON object");
  Certificate c;
  const auto text = [&](const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  for (auto [key, out] : {std::pair{"case", &c.case_name}, {"output", &c.output}, {"title", &c.title},
                          {"programme", &c.programme}, {"edition", &c.edition}, {"party", &c.party},
                          {"recipient", &c.recipient}, {"name", &c.name}, {"value", &c.value},
                          {"value_of", &c.value_of}, {"zone", &c.zone}, {"issued_at", &c.issued_at}})
    if (!text(key, *out)) return Status::invalid_argument(fmt::format("a certificate has no text '{}'", key));
  auto layout = j.find("layout");
  if (layout == j.end() || !layout->is_number_integer())
    return Status::invalid_argument("a certificate has no layout number");
  c.layout = layout->get<int>();
  auto activities = j.find("activities");
  if (activities == j.end() || !activities->is_array())
    return Status::invalid_argument("a certificate has no list of activities");
  for (const json& a : *activities) {
    CertifiedActivity out;
    if (!a.is_object() || !a.contains("counter") || !a["counter"].is_string() || !a.contains("number") ||
        !a["number"].is_number_integer() || !a.contains("at") || !a["at"].is_string() ||
        !a.contains("dated_by_input") || !a["dated_by_input"].is_boolean())
      return Status::invalid_argument("a certificate's activity needs counter, number, at and dated_by_input");
    out.counter = a["counter"].get<std::string>();
    out.number = a["number"].get<std::int64_t>();
    out.at = a["at"].get<std::string>();
    out.dated_by_input = a["dated_by_input"].get<bool>();
    if (a.contains("length") && a["length"].is_string()) out.length = a["length"].get<std::string>();
    c.activities.push_back(std::move(out));
  }
  if (c.layout >= 4)
    if (Status st = layout4_from_json(j, c); !st.is_ok()) return st;
  return c;
}

std::string certificate_value_text(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string out;
    for (const json& item : value) out += (out.empty() ? "" : ", ") + certificate_value_text(item);
    return out;
  }
  return value.dump();
}

std::string readable_name(std::string_view name, bool capital) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (capital && !out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string certificate_file_name(const Certificate& c) {
  std::string name = fmt::format("{}-{}-{}", c.case_name, c.output, c.recipient);
  for (char& ch : name) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                       ch == '.' || ch == '_' || ch == '-';
    if (!plain) ch = '-';
  }
  return name + ".pdf";
}

}  // namespace mentorflow::engine::certificates
