#pragma once
// Uploaded documents: a file someone hands in is checked (size, kind by its content) and kept in
// the store's DocumentStore under its SHA-256; a command then attaches it as
// `{"file": NAME, "sha256": HEX}`, and the event records both. A reference by name alone
// (`"cv.pdf"`) is still accepted and names no stored file. Docs: docs/ENGINE.md, "Documents".
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "dsl/eval/execute.hpp"
#include "dsl/model/model.hpp"
#include "engine/document_type.hpp"
#include "store/document_store.hpp"

namespace mentorflow::engine {

// The largest document accepted: 10 MiB.
inline constexpr std::size_t kMaxDocumentBytes = 10 * 1024 * 1024;

// A document stored.
struct Upload {
  std::string file;    // the name it was handed in under
  std::string sha256;  // 64 lower-case hex digits
  std::size_t size = 0;
  std::string type;    // its media type, as its content says: "application/pdf"
};

// {"file", "sha256", "size", "type"}: what `upload` prints and POST /v1/uploads answers.
nlohmann::json upload_json(const Upload& upload);

// Refused, one sentence naming `file_name`, when a document of `size` bytes is larger than
// kMaxDocumentBytes (a caller may ask before reading a file).
Status check_upload_size(std::string_view file_name, std::size_t size);

// Checks `bytes` handed in as `file_name`, declared as `declared_type` ("" or
// application/octet-stream for nothing in particular). InvalidArgument for a file name that is
// empty, too long, not UTF-8, holds a slash, a backslash or a control character, or starts with a
// dot. Refused, one sentence naming the file: larger than kMaxDocumentBytes, empty, a name or a
// declared type that is not an accepted kind, or a content that is not what the name or the
// declaration says ("cv.pdf is not a PDF: its content is plain text in UTF-8").
Status check_upload(std::string_view bytes, std::string_view file_name, std::string_view declared_type);

// check_upload, then the bytes stored in `documents` (DocumentStore::put, whose errors it
// returns). Nothing is stored on failure.
Result<Upload> store_upload(store::DocumentStore& documents, std::string_view bytes, std::string_view file_name,
                            std::string_view declared_type);

// Calls `visit(variant, reference)` for each file reference in `files`, a document as attached:
// a reference (a name, or an object with "file"), or an object of variant -> reference. The
// variant is "" for a document without variants.
void for_each_file_reference(const nlohmann::json& files,
                             const std::function<void(const std::string&, const nlohmann::json&)>& visit);

// Refused, naming the document, when a document that `effects` attach gives a "sha256" that is
// not 64 hex digits or that no upload in `documents` has; IOError when the store cannot be asked.
Status check_attached_uploads(const store::DocumentStore& documents, const dsl::CaseTypeSpec& type,
                              const std::vector<dsl::Effect>& effects);

// An attached document's file, read back.
struct DocumentFile {
  std::string file;                   // the name it was attached under
  std::string bytes;
  const DocumentType* type = nullptr;  // by its content; null for none of the accepted kinds
};

// The file attached as document `name` (`variant`: "" for a document without variants) of a
// case of `type` whose documents are `documents` (CaseState::documents, or the part of it a reader
// sees). InvalidArgument when the document has variants and none is named; NotFound, one sentence,
// when the case type has no such document or variant, nothing is attached there, it was attached
// by name only, or its upload is not in the store; Corruption when the stored file was altered.
Result<DocumentFile> read_attached(const store::DocumentStore& store, const nlohmann::json& documents,
                                   const dsl::CaseTypeSpec& type, const std::string& name, const std::string& variant);

}  // namespace mentorflow::engine
