// What an upload may be: the kinds told by their content, names and declared types that must
// agree with it, the size limit; and the references a command attaches, checked against the store.
#include <catch2/catch.hpp>

#include <string>

#include "engine/document_type.hpp"
#include "engine/uploads.hpp"
#include "store/document_store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::TempDir;

namespace {

std::string le(std::uint32_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>(v >> (8 * i) & 0xff);
  return out;
}

// A ZIP whose first entry, stored uncompressed, is `name` holding `data`; then `rest`.
std::string zip(const std::string& name, const std::string& data, const std::string& rest = "") {
  return std::string("PK\x03\x04", 4) + le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) +
         le(static_cast<std::uint32_t>(data.size()), 4) + le(static_cast<std::uint32_t>(data.size()), 4) +
         le(static_cast<std::uint32_t>(name.size()), 2) + le(0, 2) + name + data + rest;
}

const std::string kPdf = "%PDF-1.7\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
const std::string kJpeg = std::string("\xff\xd8\xff\xe0\0\x10JFIF", 10);
const std::string kOdt = zip("mimetype", "application/vnd.oasis.opendocument.text", "...content.xml...");
const std::string kDocx = zip("[Content_Types].xml", "<Types/>", "PK\x03\x04...word/document.xml...");

std::string kind(const std::string& bytes) {
  const DocumentType* t = type_of_content(bytes);
  return t ? std::string(t->name) : "none";
}

std::string refusal(const std::string& bytes, const std::string& name, const std::string& declared = "") {
  Status st = check_upload(bytes, name, declared);
  return st.is_ok() ? "ok" : st.message();
}

}  // namespace

TEST_CASE("a document's kind is told by its content", "[engine]") {
  CHECK(kind(kPdf) == "pdf");
  CHECK(kind(kPng) == "png");
  CHECK(kind(kJpeg) == "jpeg");
  CHECK(kind(kOdt) == "odt");
  CHECK(kind(kDocx) == "docx");
  CHECK(kind("Curriculum vitae\n\tEsperienze: è tutto\r\n") == "txt");
  CHECK(kind(zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet")) == "none");
  CHECK(kind(zip("other.xml", "x")) == "none");
  CHECK(kind(std::string("text with a NUL\0", 16)) == "none");
  CHECK(kind("\x1b[31mred\x1b[0m") == "none");
  CHECK(kind("\xc3\x28 not UTF-8") == "none");
  CHECK(kind("") == "none");
  CHECK(kind("MZ\x90\0") == "none");
}

TEST_CASE("names and declared types must say what the content is", "[engine]") {
  CHECK(refusal(kPdf, "cv.pdf", "application/pdf") == "ok");
  CHECK(refusal(kPdf, "CV.PDF", "") == "ok");
  CHECK(refusal(kPdf, "cv.pdf", "application/octet-stream") == "ok");
  CHECK(refusal(kJpeg, "photo.jpg", "image/jpg") == "ok");
  CHECK(refusal(kJpeg, "photo.jpeg", "image/jpeg") == "ok");
  CHECK(refusal(kOdt, "letter.odt", "application/vnd.oasis.opendocument.text") == "ok");
  CHECK(refusal(kDocx, "letter.docx", "") == "ok");
  CHECK(refusal("è tutto\n", "notes.txt", "text/plain; charset=UTF-8") == "ok");
  CHECK(refusal("Gia\n", "cv.pdf", "application/pdf") == "cv.pdf is not a PDF: its content is plain text in UTF-8");
  CHECK(refusal(kDocx, "cv.odt") == "cv.odt is not an OpenDocument text (ODT): its content is a Word document (DOCX)");
  CHECK(refusal("MZ\x90", "cv.pdf") == "cv.pdf is not a PDF: its content is none of the accepted kinds");
  CHECK(refusal(kPdf, "cv.pdf", "image/png") == "cv.pdf is declared as a PNG image, but its name says a PDF");
  CHECK(refusal(kPdf, "cv.pdf", "application/zip") ==
        "cv.pdf is declared as application/zip, which is not accepted: a document must be a PDF, a PNG image, a JPEG "
        "image, plain text in UTF-8, an OpenDocument text (ODT) or a Word document (DOCX)");
  CHECK(refusal(kPdf, "cv") ==
        "cv: a document must be a PDF, a PNG image, a JPEG image, plain text in UTF-8, an OpenDocument text (ODT) or "
        "a Word document (DOCX), named with one of .pdf, .png, .jpg, .jpeg, .txt, .odt, .docx");
  CHECK(refusal("", "cv.pdf") == "cv.pdf is empty");
  for (const std::string& bad : {std::string("../cv.pdf"), std::string(".cv.pdf"), std::string("a\\b.pdf"),
                                 std::string("cv\n.pdf"), std::string(300, 'a') + ".pdf", std::string("\xff.pdf"),
                                 std::string()})
    CHECK(check_upload(kPdf, bad, "").is_invalid_argument());
}

TEST_CASE("an upload may be 10 MiB and no more, and nothing is stored when it is refused", "[engine]") {
  TempDir dir;
  auto documents = store::open_document_files(dir / "documents", false);
  std::string bytes = kPdf;
  bytes.resize(kMaxDocumentBytes, ' ');
  auto fits = store_upload(*documents, bytes, "big.pdf", "application/pdf");
  REQUIRE(fits.is_ok());
  CHECK(fits->size == kMaxDocumentBytes);
  CHECK(fits->type == "application/pdf");
  CHECK(fits->sha256 == store::to_hex(store::sha256(bytes)));
  bytes.push_back(' ');
  auto over = store_upload(*documents, bytes, "bigger.pdf", "application/pdf");
  REQUIRE(over.status().is_refused());
  CHECK(over.status().message() == "bigger.pdf is 10.0 MiB (10485761 bytes); a document may be at most 10 MiB");
  CHECK_FALSE(*documents->contains(store::sha256(bytes)));
}

TEST_CASE("every file reference of an attached document is found, with or without variants", "[engine]") {
  std::vector<std::pair<std::string, nlohmann::json>> seen;
  const auto collect = [&](const nlohmann::json& files) {
    seen.clear();
    for_each_file_reference(files, [&](const std::string& v, const nlohmann::json& r) { seen.emplace_back(v, r); });
    return seen.size();
  };
  CHECK(collect("cv.pdf") == 1);
  CHECK(seen[0].first.empty());
  CHECK(collect({{"file", "cv.pdf"}, {"sha256", "ab"}}) == 1);
  CHECK(seen[0].second["file"] == "cv.pdf");
  CHECK(collect({{"it", {{"file", "cv-it.pdf"}}}, {"foreign", "cv-fr.pdf"}}) == 2);
  CHECK(seen[0].first == "foreign");
  CHECK(seen[1].first == "it");
  CHECK(collect(nlohmann::json::object({{"", "cv.pdf"}})) == 1);  // a name only, as the fold keeps it
}
