#pragma once
// The kinds of file a document may be (PDF, PNG, JPEG, plain text in UTF-8, ODT, DOCX), told by
// their content, their name's extension and the media type a client declares. A file's content
// decides: a name or a declaration that says otherwise is refused (engine/uploads.hpp). Pure.
#include <string_view>
#include <vector>

namespace mentorflow::engine {

struct DocumentType {
  std::string_view name;          // "pdf"
  std::string_view media_type;    // "application/pdf": the `type` of an upload
  std::string_view content_type;  // what a download is served as (text gets its charset)
  std::string_view described;     // "a PDF", for sentences
  std::vector<std::string_view> extensions;  // ".pdf", lower case
};

// Every accepted type, in the order sentences list them.
const std::vector<DocumentType>& document_types();

// The type `bytes` are, by their first bytes (and for ODT and DOCX, the archive's entries); null
// when they are none of the accepted types.
const DocumentType* type_of_content(std::string_view bytes);

// The type a file name's extension names (case-insensitive); null for none.
const DocumentType* type_of_name(std::string_view file_name);

// The type a declared media type names, parameters ignored ("text/plain; charset=utf-8"); null
// for none of the accepted types.
const DocumentType* type_of_media(std::string_view media_type);

// Whether `media_type` declares nothing in particular: empty, application/octet-stream.
bool is_generic_media(std::string_view media_type);

}  // namespace mentorflow::engine
