#include "engine/document_type.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>

#include "store/event.hpp"

namespace mentorflow::engine {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kZipMagic = "PK\x03\x04"sv;
// An OpenDocument file is a ZIP whose first entry, stored uncompressed, is `mimetype`, holding the
// media type (OASIS ODF 1.2, part 3, section 3.3).
constexpr std::string_view kOdtMedia = "application/vnd.oasis.opendocument.text";
// A DOCX (Office Open XML) is a ZIP with these parts; their names are stored uncompressed.
constexpr std::string_view kDocxParts[] = {"[Content_Types].xml", "word/document.xml"};

std::uint32_t little_endian(std::string_view bytes, std::size_t at, int size) {
  std::uint32_t v = 0;
  for (int i = size - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return v;
}

bool is_odt(std::string_view bytes) {
  constexpr std::size_t kHeader = 30;  // a ZIP local file header before its name
  if (!bytes.starts_with(kZipMagic) || bytes.size() < kHeader) return false;
  const std::size_t stored = little_endian(bytes, 18, 4), name = little_endian(bytes, 26, 2),
                    extra = little_endian(bytes, 28, 2);
  if (bytes.substr(kHeader, name) != "mimetype") return false;
  const std::size_t data = kHeader + name + extra;
  return data <= bytes.size() && bytes.substr(data, stored) == kOdtMedia;
}

bool is_docx(std::string_view bytes) {
  return bytes.starts_with(kZipMagic) && std::all_of(std::begin(kDocxParts), std::end(kDocxParts), [&](auto part) {
           return bytes.find(part) != std::string_view::npos;
         });
}

// UTF-8 text: well-formed, with no control characters but tab, line feed, form feed and carriage
// return (a NUL or an escape sequence is not a text document).
bool is_text(std::string_view bytes) {
  if (!store::is_valid_utf8(bytes)) return false;
  return std::none_of(bytes.begin(), bytes.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f;
  });
}

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The media type without parameters or spaces, in lower case.
std::string bare_media(std::string_view media_type) {
  std::string out = lower(media_type.substr(0, media_type.find(';')));
  std::erase(out, ' ');
  return out;
}

}  // namespace

const std::vector<DocumentType>& document_types() {
  static const std::vector<DocumentType> types = {
      {"pdf", "application/pdf", "application/pdf", "a PDF", {".pdf"}},
      {"png", "image/png", "image/png", "a PNG image", {".png"}},
      {"jpeg", "image/jpeg", "image/jpeg", "a JPEG image", {".jpg", ".jpeg"}},
      {"txt", "text/plain", "text/plain; charset=utf-8", "plain text in UTF-8", {".txt"}},
      {"odt", kOdtMedia, kOdtMedia, "an OpenDocument text (ODT)", {".odt"}},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document (DOCX)", {".docx"}},
  };
  return types;
}

const DocumentType* type_of_content(std::string_view bytes) {
  const auto& types = document_types();
  const auto named = [&](std::string_view name) {
    return &*std::find_if(types.begin(), types.end(), [&](const DocumentType& t) { return t.name == name; });
  };
  if (bytes.starts_with("%PDF-")) return named("pdf");
  if (bytes.starts_with("\x89PNG\r\n\x1a\n"sv)) return named("png");
  if (bytes.starts_with("\xff\xd8\xff"sv)) return named("jpeg");
  if (is_odt(bytes)) return named("odt");
  if (is_docx(bytes)) return named("docx");
  if (!bytes.empty() && is_text(bytes)) return named("txt");
  return nullptr;
}

const DocumentType* type_of_name(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  const std::string extension = lower(file_name.substr(dot));
  for (const DocumentType& t : document_types())
    if (std::find(t.extensions.begin(), t.extensions.end(), extension) != t.extensions.end()) return &t;
  return nullptr;
}

const DocumentType* type_of_media(std::string_view media_type) {
  std::string bare = bare_media(media_type);
  if (bare == "image/jpg" || bare == "image/pjpeg") bare = "image/jpeg";  // what some clients send
  for (const DocumentType& t : document_types())
    if (t.media_type == bare) return &t;
  return nullptr;
}

bool is_generic_media(std::string_view media_type) {
  const std::string bare = bare_media(media_type);
  return bare.empty() || bare == "application/octet-stream";
}

}  // namespace mentorflow::engine
