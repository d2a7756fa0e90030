// Uploaded documents from the user's side: UniMi 2025-26 published and served on 127.0.0.1; a
// mentee uploads her CV, attaches it when she applies, and downloads it; staff download it too;
// another mentee cannot, and learns nothing by trying. Refusals: a hash never uploaded, a file
// that is not what its name says, a file above 10 MiB (413, nothing stored). Then `verify` finds
// an altered or missing file.
#include <filesystem>
#include <fstream>

#include "api/attachment.hpp"
#include "store/hash.hpp"
#include "tests/api/api_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

const std::string kGia = "tok-gia";            // mentee
const std::string kLea = "tok-lea";            // another mentee
const std::string kGiovanna = "tok-giovanna";  // career_service (staff)
const std::string kGiaCase = "unimi-2025/mentee_application/gia";

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Gia Romano, curriculum vitae\n%%EOF\n";

// UniMi 2025-26 just published, applications open (2025-05-14), served on 127.0.0.1.
class OpenUnimi {
 public:
  OpenUnimi() : clock_(rome("2025-05-14 11:00")) {
    auto store = store::EventStore::open(dir_ / "store", {.clock = &clock_});
    REQUIRE(store.is_ok());
    store_ = std::move(*store);
    engine::Engine engine(*store_, clock_);
    dsl::Diagnostics diagnostics;
    std::string error;
    auto workflow = dsl::SourceFile::load((source_dir() / "workflows/unimi-mentoring.flow").string(), error);
    auto rules = dsl::SourceFile::load((source_dir() / "rules/unimi-2025.rules").string(), error);
    REQUIRE(engine.publish(*workflow, *rules, "unimi-2025", diagnostics).is_ok());
    server_ = std::make_unique<api::Server>(*store_, clock_, tokens_, ApiFixture::quick_options());
    REQUIRE(server_->start().is_ok());
  }
  ~OpenUnimi() { stop(); }
  void stop() {
    if (!server_) return;
    server_->stop();
    server_->wait();
    server_.reset();
  }

  HttpClient client() const { return HttpClient(server_->port()); }
  store::EventStore& store() { return *store_; }
  std::filesystem::path store_dir() const { return dir_ / "store"; }

  // How many documents the store holds.
  std::size_t documents() const {
    const auto root = dir_ / "store" / "documents";
    std::size_t n = 0;
    if (std::filesystem::exists(root))
      for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) n += entry.is_regular_file();
    return n;
  }

 private:
  TempDir dir_;
  ManualClock clock_;
  api::TokenTable tokens_ = api::TokenTable::from_tokens({
      {kGia, {"gia", {"mentee"}, {"unimi-2025"}}},
      {kLea, {"lea", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna", {"career_service"}, {"unimi-2025"}}},
  });
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<api::Server> server_;
};

HttpReply upload(HttpClient& c, const std::string& name, const std::string& bytes, const std::string& type,
                 const std::string& token = kGia) {
  return c.request("POST", "/v1/uploads?name=" + name, bytes, token, type);
}

nlohmann::json application(const nlohmann::json& cv) {
  return {{"full_name", "Gia Romano"},
          {"status", "final_year_student"},
          {"degree_course", "International Politics"},
          {"self_assessment", 80},
          {"cv", cv},
          {"self_assessment_test", "self-assessment.pdf"}};
}

HttpReply apply(HttpClient& c, const std::string& token, const std::string& case_name, const nlohmann::json& cv) {
  return c.post("/v1/cases/" + case_name, {{"command", "apply_as_mentee"}, {"inputs", application(cv)}}, token);
}

}  // namespace

TEST_CASE("a mentee uploads her CV, attaches it, and she and staff download it, and no one else can", "[api]") {
  OpenUnimi served;
  HttpClient c = served.client();

  HttpReply up = upload(c, "cv.pdf", kPdf, "application/pdf");
  INFO(up.body);
  REQUIRE(up.status == 201);
  const std::string sha = store::to_hex(store::sha256(kPdf));
  CHECK(up.json() == nlohmann::json{{"file", "cv.pdf"}, {"sha256", sha}, {"size", kPdf.size()}, {"type", "application/pdf"}});
  CHECK(served.documents() == 1);
  // The same bytes again: the same answer, nothing more stored.
  CHECK(upload(c, "cv.pdf", kPdf, "application/pdf").json() == up.json());
  CHECK(served.documents() == 1);

  HttpReply applied = apply(c, kGia, kGiaCase, {{"file", "cv.pdf"}, {"sha256", sha}});
  INFO(applied.body);
  REQUIRE(applied.status == 201);
  // The event keeps the file's name and hash.
  HttpReply state = c.get("/v1/cases/" + kGiaCase, kGia);
  CHECK(state.json()["documents"]["cv"] == nlohmann::json{{"file", "cv.pdf"}, {"sha256", sha}});

  for (const std::string& token : {kGia, kGiovanna}) {
    HttpReply got = c.get("/v1/documents/" + kGiaCase + "?name=cv", token);
    INFO(token << ": " << got.body.substr(0, 200));
    REQUIRE(got.status == 200);
    CHECK(got.body == kPdf);
    CHECK(got.content_type == "application/pdf");
    CHECK(got.header("Content-Disposition") == "attachment; filename=\"cv.pdf\"");
    CHECK(got.header("Cache-Control") == "no-store");
    CHECK(got.header("X-Content-Type-Options") == "nosniff");
  }

  // Another mentee gets what she gets for a case that does not exist.
  HttpReply theirs = c.get("/v1/documents/" + kGiaCase + "?name=cv", kLea);
  HttpReply nobody = c.get("/v1/documents/unimi-2025/mentee_application/nobody?name=cv", kLea);
  CHECK(theirs.status == 403);
  CHECK(nobody.status == theirs.status);
  CHECK(theirs.json()["error"]["message"] == "lea may not read " + kGiaCase + ": participants see only their own cases");
  CHECK(nobody.json()["error"]["message"] ==
        "lea may not read unimi-2025/mentee_application/nobody: participants see only their own cases");
  CHECK(theirs.body.find(sha) == std::string::npos);
  CHECK(c.get("/v1/documents/" + kGiaCase + "?name=cv").status == 401);

  // Not attached as a file: by name only, or no such document.
  HttpReply by_name = c.get("/v1/documents/" + kGiaCase + "?name=self_assessment_test", kGia);
  CHECK(by_name.status == 404);
  CHECK(by_name.json()["error"]["message"] ==
        kGiaCase + ": document 'self_assessment_test' was attached by name only (self-assessment.pdf), with no "
                   "uploaded file");
  HttpReply unknown = c.get("/v1/documents/" + kGiaCase + "?name=passport", kGia);
  CHECK(unknown.status == 404);
  CHECK(unknown.json()["error"]["message"] ==
        kGiaCase + ": case type 'mentee_application' has no document 'passport' (it has cv, self_assessment_test)");
  CHECK(c.get("/v1/documents/" + kGiaCase + "?name=cv&variant=it", kGia).status == 404);
  CHECK(c.get("/v1/documents/" + kGiaCase, kGia).status == 400);
}

TEST_CASE("a command attaching a document that was never uploaded is refused, and nothing is written", "[api]") {
  OpenUnimi served;
  HttpClient c = served.client();
  const auto head = served.store().head().position;
  const std::string never = store::to_hex(store::sha256("a CV no one uploaded"));
  HttpReply refused = apply(c, kLea, "unimi-2025/mentee_application/lea", {{"file", "cv-lea.pdf"}, {"sha256", never}});
  CHECK(refused.status == 422);
  CHECK(refused.json()["error"]["message"] ==
        "apply_as_mentee refused on unimi-2025/mentee_application/lea: document 'cv' names cv-lea.pdf with SHA-256 " +
            never + ", which was never uploaded: upload the file first");
  HttpReply malformed = apply(c, kLea, "unimi-2025/mentee_application/lea", {{"file", "cv-lea.pdf"}, {"sha256", "abc"}});
  CHECK(malformed.status == 422);
  CHECK(malformed.json()["error"]["message"] ==
        "apply_as_mentee refused on unimi-2025/mentee_application/lea: document 'cv' gives for cv-lea.pdf a sha256 "
        "that is not 64 hex digits");
  CHECK(served.store().head().position == head);
  CHECK(c.get("/v1/cases/unimi-2025/mentee_application/lea", kGiovanna).status == 404);
  // The plain name is accepted as before: it names no stored file.
  CHECK(apply(c, kLea, "unimi-2025/mentee_application/lea", "cv-lea.pdf").status == 201);
}

TEST_CASE("an upload is refused when its content is not what its name or type says", "[api]") {
  OpenUnimi served;
  HttpClient c = served.client();
  HttpReply text = upload(c, "cv.pdf", "Gia Romano, curriculum vitae\n", "application/pdf");
  CHECK(text.status == 415);
  CHECK(text.json()["error"]["message"] == "cv.pdf is not a PDF: its content is plain text in UTF-8");
  HttpReply png = upload(c, "cv.pdf", std::string("\x89PNG\r\n\x1a\n", 8) + "rest", "");
  CHECK(png.status == 415);
  CHECK(png.json()["error"]["message"] == "cv.pdf is not a PDF: its content is a PNG image");
  HttpReply declared = upload(c, "cv.pdf", kPdf, "image/png");
  CHECK(declared.status == 415);
  CHECK(declared.json()["error"]["message"] == "cv.pdf is declared as a PNG image, but its name says a PDF");
  HttpReply exe = upload(c, "cv.exe", "MZ\x90", "application/octet-stream");
  CHECK(exe.status == 415);
  CHECK(exe.json()["error"]["message"].get<std::string>().starts_with("cv.exe: a document must be a PDF, a PNG image"));
  CHECK(upload(c, "cv.pdf", "", "application/pdf").status == 415);
  CHECK(upload(c, "../cv.pdf", kPdf, "application/pdf").status == 400);
  CHECK(c.request("POST", "/v1/uploads", kPdf, kGia, "application/pdf").status == 400);
  CHECK(upload(c, "cv.pdf", kPdf, "application/pdf", "").status == 401);
  CHECK(served.documents() == 0);
  // Text is text in UTF-8, with its charset when served.
  REQUIRE(upload(c, "notes.txt", "Note di Gia: è tutto\n", "text/plain; charset=utf-8").status == 201);
  CHECK(upload(c, "notes.txt", "\xff\xfe binary", "text/plain").status == 415);
}

TEST_CASE("an upload may be 10 MiB, and one byte more is refused with 413 and nothing is stored", "[api][slow]") {
  OpenUnimi served;
  HttpClient c = served.client();
  constexpr std::size_t kLimit = 10 * 1024 * 1024;
  std::string big = kPdf;
  big.resize(kLimit, ' ');
  HttpReply fits = upload(c, "big.pdf", big, "application/pdf");
  INFO(fits.body);
  CHECK(fits.status == 201);
  CHECK(served.documents() == 1);

  big.push_back(' ');
  HttpClient other = served.client();
  HttpReply over = upload(other, "bigger.pdf", big, "application/pdf");
  CHECK(over.status == 413);
  CHECK(over.json()["error"]["message"] ==
        "the body is larger than 10485760 bytes (10 MiB), the limit of POST /v1/uploads");
  CHECK(served.documents() == 1);

  // Refused on its headers, before a byte of the body is sent.
  HttpClient raw = served.client();
  REQUIRE(raw.send_raw("POST /v1/uploads?name=huge.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + kGia +
                       "\r\nContent-Type: application/pdf\r\nContent-Length: 104857600\r\n"
                       "Expect: 100-continue\r\n\r\n"));
  HttpReply early = raw.read_reply();
  CHECK(early.status == 413);

  // Other routes keep the server's limit (256 KiB in these tests).
  HttpClient command = served.client();
  const std::string padded = nlohmann::json{{"command", "apply_as_mentee"}, {"padding", std::string(300 * 1024, 'x')}}.dump();
  HttpReply too_long = command.request("POST", "/v1/cases/" + kGiaCase, padded, kGia);
  CHECK(too_long.status == 413);
  CHECK(too_long.json()["error"]["message"] == "the body is larger than 262144 bytes");
}

TEST_CASE("verify reads every attached upload back and names a missing or altered one", "[api][cli]") {
  OpenUnimi served;
  {
    HttpClient c = served.client();
    HttpReply up = upload(c, "cv.pdf", kPdf, "application/pdf");
    REQUIRE(up.status == 201);
    REQUIRE(apply(c, kGia, kGiaCase, {{"file", "cv.pdf"}, {"sha256", up.json()["sha256"]}}).status == 201);
  }
  served.stop();
  const std::string dir = served.store_dir().string();
  auto verified = run_cli({"verify", "--store", dir});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(verified.out.find("read 1 uploaded document: each is in the store and hashes as recorded") != std::string::npos);

  const std::string sha = store::to_hex(store::sha256(kPdf));
  const auto file = served.store_dir() / "documents" / sha.substr(0, 2) / sha.substr(2);
  std::filesystem::permissions(file, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "%PDF-1.4 forged";
  auto altered = run_cli({"verify", "--store", dir});
  CHECK(altered.exit_code == 1);
  CHECK(altered.err.find("(" + kGiaCase + ") does not hold: document 'cv' (cv.pdf, SHA-256 " + sha +
                         "): the document " + file.string() + " has been altered: its bytes hash to ") !=
        std::string::npos);
  CHECK(altered.out.find("read 1 uploaded document: 1 missing or altered") != std::string::npos);

  std::filesystem::remove(file);
  auto missing = run_cli({"verify", "--store", dir});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("document 'cv' (cv.pdf, SHA-256 " + sha + ") is missing from the store's documents") !=
        std::string::npos);
}

TEST_CASE("mentorflow upload stores a file and prints what the API answers", "[api][cli]") {
  TempDir dir;
  std::ofstream(dir / "cv.pdf", std::ios::binary) << kPdf;
  // No store yet: an upload has no edition to go to, and creates nothing.
  auto nowhere = run_cli({"upload", "--store", (dir / "store").string(), (dir / "cv.pdf").string()});
  CHECK(nowhere.exit_code == 1);
  CHECK(nowhere.err.find("store " + (dir / "store").string() + " does not exist") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "store"));

  auto published = run_cli({"publish", "--store", (dir / "store").string(),
                            (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
                            (source_dir() / "rules/unimi-2025.rules").string(), "--edition", "unimi-2025"});
  INFO(published.err);
  REQUIRE(published.exit_code == 0);
  auto uploaded = run_cli({"upload", "--store", (dir / "store").string(), (dir / "cv.pdf").string()});
  INFO(uploaded.err);
  REQUIRE(uploaded.exit_code == 0);
  const std::string sha = store::to_hex(store::sha256(kPdf));
  CHECK(nlohmann::json::parse(uploaded.out) ==
        nlohmann::json{{"file", "cv.pdf"}, {"sha256", sha}, {"size", kPdf.size()}, {"type", "application/pdf"}});
  CHECK(std::filesystem::is_regular_file(dir / "store" / "documents" / sha.substr(0, 2) / sha.substr(2)));

  std::ofstream(dir / "fake.pdf", std::ios::binary) << "not a pdf\n";
  auto refused = run_cli({"upload", "--store", (dir / "store").string(), (dir / "fake.pdf").string()});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "mentorflow: fake.pdf is not a PDF: its content is plain text in UTF-8\n");
}

TEST_CASE("a document with variants is downloaded by naming the variant", "[api]") {
  ApiFixture fx;
  HttpClient c = fx.client();
  fx.command(kMarco, "mie-2021/project/lyon-film", "offer_project",
             {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film production"}, {"language", "french"}},
             201);
  fx.command(kCarla, "mie-2021/project/lyon-film", "publish_project", {}, 200);
  fx.command(kAnna, "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon-film"}}, 201);
  HttpReply up = c.request("POST", "/v1/uploads?name=cv-it.pdf", kPdf, kAnna, "application/pdf");
  REQUIRE(up.status == 201);
  nlohmann::json inputs = ApiFixture::submit_inputs();
  inputs["cv"]["it"] = {{"file", "cv-it.pdf"}, {"sha256", up.json()["sha256"]}};
  fx.command(kAnna, "mie-2021/application/anna", "submit", inputs, 200);

  HttpReply it = c.get("/v1/documents/mie-2021/application/anna?name=cv&variant=it", kAnna);
  CHECK(it.status == 200);
  CHECK(it.body == kPdf);
  CHECK(it.header("Content-Disposition") == "attachment; filename=\"cv-it.pdf\"");
  HttpReply foreign = c.get("/v1/documents/mie-2021/application/anna?name=cv&variant=foreign", kCarla);
  CHECK(foreign.status == 404);
  CHECK(foreign.json()["error"]["message"] ==
        "mie-2021/application/anna: document 'cv' (variant foreign) was attached by name only (cv-fr.pdf), with no "
        "uploaded file");
  HttpReply none = c.get("/v1/documents/mie-2021/application/anna?name=cv", kAnna);
  CHECK(none.status == 400);
  CHECK(none.json()["error"]["message"] == "document 'cv' has variants it, foreign: name one (variant=it)");
  CHECK(c.get("/v1/documents/mie-2021/application/anna?name=cv&variant=it", kBruno).status == 403);
}

TEST_CASE("a file's name cannot break the Content-Disposition header", "[api]") {
  CHECK(api::content_disposition("cv.pdf") == "attachment; filename=\"cv.pdf\"");
  CHECK(api::content_disposition("Curriculum vitae.pdf") == "attachment; filename=\"Curriculum vitae.pdf\"");
  CHECK(api::content_disposition("CV \"Gia\" \xc3\xa8.pdf") ==
        "attachment; filename=\"CV _Gia_ _.pdf\"; filename*=UTF-8''CV%20%22Gia%22%20%C3%A8.pdf");
  CHECK(api::content_disposition("a\r\nSet-Cookie: x=1.pdf") ==
        "attachment; filename=\"a__Set-Cookie: x=1.pdf\"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1.pdf");
}
