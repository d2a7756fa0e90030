#include "engine/uploads.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "store/event.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFileName = 255;  // bytes, as most file systems allow
constexpr double kMiB = 1024.0 * 1024.0;

bool valid_file_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxFileName || name.front() == '.' || !store::is_valid_utf8(name)) return false;
  return std::none_of(name.begin(), name.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7f || c == '/' || c == '\\';
  });
}

std::string accepted_kinds() {
  std::string out;
  const auto& types = document_types();
  for (std::size_t i = 0; i < types.size(); ++i) {
    out += i == 0 ? "" : i + 1 == types.size() ? " or " : ", ";
    out += types[i].described;
  }
  return out;
}

std::string accepted_extensions() {
  std::string out;
  for (const DocumentType& t : document_types())
    for (std::string_view e : t.extensions) out += (out.empty() ? "" : ", ") + std::string(e);
  return out;
}

// "document 'cv'" or "document 'cv' (variant it)".
std::string document_words(const std::string& document, const std::string& variant) {
  return variant.empty() ? fmt::format("document '{}'", document)
                         : fmt::format("document '{}' (variant {})", document, variant);
}

}  // namespace

json upload_json(const Upload& upload) {
  return {{"file", upload.file}, {"sha256", upload.sha256}, {"size", upload.size}, {"type", upload.type}};
}

Status check_upload_size(std::string_view file_name, std::size_t size) {
  if (size <= kMaxDocumentBytes) return Status::ok();
  return Status::refused(fmt::format("{} is {:.1f} MiB ({} bytes); a document may be at most {} MiB", file_name,
                                     static_cast<double>(size) / kMiB, size, kMaxDocumentBytes / (1024 * 1024)));
}

Status check_upload(std::string_view bytes, std::string_view file_name, std::string_view declared_type) {
  if (!valid_file_name(file_name))
    return Status::invalid_argument(fmt::format(
        "a document's file name must be 1 to {} bytes of UTF-8, with no slash, backslash or control character, "
        "and must not start with a dot",
        kMaxFileName));
  const std::string name(file_name);
  if (Status st = check_upload_size(name, bytes.size()); !st.is_ok()) return st;
  if (bytes.empty()) return Status::refused(fmt::format("{} is empty", name));
  const DocumentType* named = type_of_name(name);
  if (!named)
    return Status::refused(fmt::format("{}: a document must be {}, named with one of {}", name, accepted_kinds(),
                                       accepted_extensions()));
  if (!is_generic_media(declared_type)) {
    const DocumentType* declared = type_of_media(declared_type);
    if (!declared)
      return Status::refused(fmt::format("{} is declared as {}, which is not accepted: a document must be {}", name,
                                         declared_type, accepted_kinds()));
    if (declared != named)
      return Status::refused(fmt::format("{} is declared as {}, but its name says {}", name, declared->described,
                                         named->described));
  }
  const DocumentType* content = type_of_content(bytes);
  if (content != named)
    return Status::refused(fmt::format("{} is not {}: its content is {}", name, named->described,
                                       content ? content->described : "none of the accepted kinds"));
  return Status::ok();
}

Result<Upload> store_upload(store::DocumentStore& documents, std::string_view bytes, std::string_view file_name,
                            std::string_view declared_type) {
  if (Status st = check_upload(bytes, file_name, declared_type); !st.is_ok()) return st;
  auto hash = documents.put(bytes);
  if (!hash.is_ok()) return hash.status();
  return Upload{std::string(file_name), store::to_hex(*hash), bytes.size(),
                std::string(type_of_content(bytes)->media_type)};
}

void for_each_file_reference(const json& files, const std::function<void(const std::string&, const json&)>& visit) {
  const auto is_reference = [](const json& j) { return j.is_string() || (j.is_object() && j.contains("file")); };
  if (is_reference(files)) return visit("", files);
  if (!files.is_object()) return;
  for (const auto& [variant, reference] : files.items())
    if (is_reference(reference)) visit(variant, reference);
}

Status check_attached_uploads(const store::DocumentStore& documents, const dsl::CaseTypeSpec& type,
                              const std::vector<dsl::Effect>& effects) {
  Status problem;
  for (const dsl::Effect& effect : effects) {
    const auto* attached = std::get_if<dsl::DocumentAttached>(&effect);
    if (!attached) continue;
    const std::string& document = type.documents[attached->document].name;
    for_each_file_reference(attached->files, [&](const std::string& variant, const json& reference) {
      if (!problem.is_ok() || !reference.is_object() || !reference.contains("sha256")) return;
      const std::string file = reference["file"].is_string() ? reference["file"].get<std::string>() : "";
      const std::string given = reference["sha256"].is_string() ? reference["sha256"].get<std::string>() : "";
      const auto hash = store::hash_from_hex(given);
      if (!hash) {
        problem = Status::refused(fmt::format("{} gives for {} a sha256 that is not 64 hex digits",
                                              document_words(document, variant), file));
        return;
      }
      auto found = documents.contains(*hash);
      if (!found.is_ok()) problem = found.status();
      else if (!*found)
        problem = Status::refused(fmt::format("{} names {} with SHA-256 {}, which was never uploaded: upload the "
                                              "file first",
                                              document_words(document, variant), file, given));
    });
    if (!problem.is_ok()) return problem;
  }
  return Status::ok();
}

Result<DocumentFile> read_attached(const store::DocumentStore& store, const json& documents,
                                   const dsl::CaseTypeSpec& type, const std::string& name, const std::string& variant) {
  const auto spec = std::find_if(type.documents.begin(), type.documents.end(),
                                 [&](const dsl::DocumentSpec& d) { return d.name == name; });
  if (spec == type.documents.end()) {
    std::string known;
    for (const dsl::DocumentSpec& d : type.documents) known += (known.empty() ? "" : ", ") + d.name;
    return Status::not_found(fmt::format("case type '{}' has no document '{}'{}", type.name, name,
                                         known.empty() ? " (it has none)" : " (it has " + known + ")"));
  }
  std::string variants;
  for (const std::string& v : spec->variants) variants += (variants.empty() ? "" : ", ") + v;
  if (!spec->variants.empty() && variant.empty())
    return Status::invalid_argument(
        fmt::format("document '{}' has variants {}: name one (variant={})", name, variants, spec->variants.front()));
  if (!variant.empty() && std::find(spec->variants.begin(), spec->variants.end(), variant) == spec->variants.end())
    return Status::not_found(fmt::format("document '{}' has no variant '{}'{}", name, variant,
                                         variants.empty() ? " (it has none)" : " (it has " + variants + ")"));
  // What is attached, as the fold keeps it: {"file", "sha256"}, {"": NAME}, or variant -> either.
  json reference;
  if (documents.is_object() && documents.contains(name))
    for_each_file_reference(documents[name], [&](const std::string& v, const json& r) {
      if (v == variant) reference = r;
    });
  if (reference.is_null())
    return Status::not_found(fmt::format("no file is attached as {}", document_words(name, variant)));
  if (reference.is_string())
    return Status::not_found(fmt::format("{} was attached by name only ({}), with no uploaded file",
                                         document_words(name, variant), reference.get<std::string>()));
  DocumentFile out;
  const auto text_of = [&](const char* key) {
    return reference.contains(key) && reference[key].is_string() ? reference[key].get<std::string>() : "";
  };
  out.file = text_of("file");
  const auto hash = store::hash_from_hex(text_of("sha256"));
  if (!hash)
    return Status::not_found(
        fmt::format("{} was attached by name only ({}), with no uploaded file", document_words(name, variant), out.file));
  auto bytes = store.get(*hash);
  if (!bytes.is_ok()) {
    if (!bytes.status().is_not_found()) return bytes.status();
    return Status::not_found(fmt::format("the file of {} ({}, SHA-256 {}) is not in the store",
                                         document_words(name, variant), out.file, store::to_hex(*hash)));
  }
  out.bytes = std::move(*bytes);
  out.type = type_of_content(out.bytes);
  return out;
}

}  // namespace mentorflow::engine
