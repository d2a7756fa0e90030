// Certificates through the real CLI: issued with the output, written again from the log, read
// back with pdftotext, recognised by their hash, and a tampered copy recognised as nothing.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/certificates/certificate.hpp"
#include "engine/certificates/certificate_fonts.hpp"
#include "store/chain.hpp"
#include "store/event_json.hpp"
#include "store/hash.hpp"
#include "tests/engine/outputs_fixture.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kPdf = "mie-2021-mentorship-martina-credits-martina.pdf";

}  // namespace

TEST_CASE("an issued credit record is a PDF made out to the recipient, listing the meetings", "[engine][cli]") {
  MieMentorship mie;
  auto written = mie.cli({"certificates", "mie-2021", "--out", (mie.dir / "out").string()});
  INFO(written.out << written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(contains(written.out, "1 certificate written"));

  const auto pdf = mie.dir / "out" / kPdf;
  REQUIRE(std::filesystem::exists(pdf));
  const std::string bytes = read_file(pdf);
  CHECK(bytes.starts_with("%PDF-"));
  // The line printed names the file's own hash: the one recorded in the log.
  CHECK(contains(written.out, kPdf + "  " + mentorflow::store::to_hex(mentorflow::store::sha256(bytes))));

  const std::string text = pdf_text(pdf);
  INFO(text);
  CHECK(contains(text, "ECTS credit recognition"));
  CHECK(contains(text, "Martina Leone"));
  CHECK(contains(text, "Mentoring for International Experience"));
  CHECK(contains(text, "edition mie-2021"));
  for (const std::string& day : kMeetingDays) CHECK(contains(text, day + " 18:00 Europe/Rome, 90min"));
  CHECK(contains(text, "Issued on 2022-04-07 10:00 Europe/Rome"));

  // The history shows the certificate with its hash.
  auto history = mie.cli({"history", mie.mentorship});
  CHECK(contains(history.out, "certificate for martina (Martina Leone): " + kPdf + " sha256 " +
                                  mentorflow::store::to_hex(mentorflow::store::sha256(bytes))));
}

TEST_CASE("verify-certificate finds the event a PDF was issued by, and nothing for an altered copy", "[engine][cli]") {
  MieMentorship mie;
  REQUIRE(mie.cli({"certificates", mie.mentorship, "--out", (mie.dir / "out").string()}).exit_code == 0);
  const auto pdf = mie.dir / "out" / kPdf;

  auto good = mie.cli({"verify-certificate", pdf.string()});
  INFO(good.out << good.err);
  CHECK(good.exit_code == 0);
  CHECK(contains(good.out, "issued to Martina Leone (martina, mentee)"));
  CHECK(contains(good.out, "case mie-2021/mentorship/martina"));

  std::string bytes = read_file(pdf);
  bytes[bytes.size() / 2] ^= 0x01;  // one bit of one byte
  const auto tampered = mie.dir / "tampered.pdf";
  std::ofstream(tampered, std::ios::binary) << bytes;
  auto bad = mie.cli({"verify-certificate", tampered.string()});
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "matches no certificate issued in this store"));

  auto missing = mie.cli({"verify-certificate", (mie.dir / "nothing.pdf").string()});
  CHECK(missing.exit_code == 1);
  CHECK(mie.cli({"verify-certificate"}).exit_code == 2);
}

TEST_CASE("the same log gives the same certificate, byte for byte", "[engine][cli]") {
  MieMentorship first, second;
  REQUIRE(first.cli({"certificates", "mie-2021", "--out", (first.dir / "out").string()}).exit_code == 0);
  REQUIRE(second.cli({"certificates", "mie-2021", "--out", (second.dir / "out").string()}).exit_code == 0);
  const std::string a = read_file(first.dir / "out" / kPdf), b = read_file(second.dir / "out" / kPdf);
  CHECK(!a.empty());
  CHECK(a == b);
  // A certificate from one store is unknown to another store with a different log.
  MieMentorship unnamed("");
  auto other = unnamed.cli({"verify-certificate", (first.dir / "out" / kPdf).string()});
  CHECK(other.exit_code == 1);
}

TEST_CASE("without a recorded name the certificate is made out to the user id", "[engine][cli]") {
  MieMentorship mie("");
  REQUIRE(mie.cli({"certificates", mie.mentorship, "--out", (mie.dir / "out").string()}).exit_code == 0);
  const std::string text = pdf_text(mie.dir / "out" / kPdf);
  CHECK(contains(text, "martina"));
  CHECK(!contains(text, "Martina Leone"));
}

TEST_CASE("certificates names an unknown case or edition, and needs --out", "[engine][cli]") {
  MieMentorship mie;
  auto unknown = mie.cli({"certificates", "mie-2021/mentorship/nobody", "--out", (mie.dir / "out").string()});
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "there is no case 'mie-2021/mentorship/nobody'"));
  CHECK(mie.cli({"certificates", "mie-2021"}).exit_code == 2);
  // Replay and verify know the new event.
  CHECK(mie.cli({"replay"}).exit_code == 0);
  CHECK(mie.cli({"verify"}).exit_code == 0);
}

namespace {

// The store's export with the first CertificateIssued's payload changed by `edit` and every hash
// from there on recomputed, as a forger who knows the formats would; imported into `into`.
template <class Edit>
void forge_certificate(MieMentorship& mie, const std::string& into, Edit edit) {
  std::vector<mentorflow::store::Event> events;
  std::istringstream lines(mie.cli({"export"}).out);
  bool forged = false;
  for (std::string line; std::getline(lines, line);) {
    auto e = mentorflow::store::event_from_json(line);
    REQUIRE(e.is_ok());
    if (e->type == "CertificateIssued" && !forged) {
      nlohmann::json p = nlohmann::json::parse(e->payload);
      edit(p);
      e->payload = *mentorflow::store::canonical_json(p);
      forged = true;
    }
    events.push_back(std::move(*e));
  }
  REQUIRE(forged);
  std::string jsonl;
  mentorflow::store::Hash previous = mentorflow::store::kGenesisHash;
  for (mentorflow::store::Event& e : events) {
    e.previous_hash = previous;
    e.hash = mentorflow::store::event_hash(e);
    previous = e.hash;
    jsonl += mentorflow::store::event_to_json(e) + "\n";
  }
  auto imported = mie.cli({"import"}, into, jsonl);
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
}

// Re-renders the edited content and records its hash, so that the file and the event agree.
void rehash(nlohmann::json& payload) {
  auto content = mentorflow::engine::certificates::certificate_from_json(payload["certificate"]);
  REQUIRE(content.is_ok());
  auto pdf = mentorflow::engine::certificates::render_certificate_pdf(*content);
  REQUIRE(pdf.is_ok());
  payload["sha256"] = mentorflow::store::to_hex(mentorflow::store::sha256(*pdf));
}

}  // namespace

TEST_CASE("verify re-derives every certificate from the log and renders it again", "[engine][cli][audit]") {
  MieMentorship mie;
  auto honest = mie.cli({"verify"});
  CHECK(honest.exit_code == 0);
  CHECK(contains(honest.out, "re-rendered 1 certificate: each says what the log says and hashes as recorded\n"));

  SECTION("a certificate whose value was raised, its hash recomputed") {
    const std::string forged = (mie.dir / "forged").string();
    std::string value;
    forge_certificate(mie, forged, [&](nlohmann::json& p) {
      value = p["certificate"]["value"].get<std::string>();
      p["certificate"]["value"] = "6";
      rehash(p);
    });
    REQUIRE(value != "6");
    auto r = mie.cli({"verify"}, forged);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "the chain is intact"));  // the forgery fooled the chain
    CHECK(contains(r.err, "its value says \"6\", but the log gives \"" + value + "\""));
    CHECK(contains(r.out, "re-rendered 1 certificate: 1 does not hold\n"));
  }
  SECTION("a certificate made out to another name, its hash recomputed") {
    const std::string forged = (mie.dir / "forged").string();
    forge_certificate(mie, forged, [](nlohmann::json& p) {
      p["certificate"]["name"] = "Someone Else";
      rehash(p);
    });
    auto r = mie.cli({"verify"}, forged);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "its name says \"Someone Else\", but the log gives \"Martina Leone\""));
  }
  SECTION("a certificate whose recorded hash is another file's") {
    const std::string forged = (mie.dir / "forged").string();
    forge_certificate(mie, forged, [](nlohmann::json& p) { p["sha256"] = std::string(64, 'a'); });
    auto r = mie.cli({"verify"}, forged);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "renders to sha256"));
  }
  SECTION("a certificate whose file name points outside --out writes nothing there") {
    const std::string forged = (mie.dir / "forged").string();
    forge_certificate(mie, forged, [](nlohmann::json& p) { p["file"] = "../../escaped.pdf"; });
    auto r = mie.cli({"verify"}, forged);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "its file name \"../../escaped.pdf\" is not"));
    const auto out = mie.dir / "out" / "deeper";
    auto written = mie.cli({"certificates", "mie-2021", "--out", out.string()}, forged);
    CHECK(written.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(mie.dir / "escaped.pdf"));
  }
  SECTION("a certificate dated after its own recording") {
    const std::string forged = (mie.dir / "forged").string();
    forge_certificate(mie, forged, [](nlohmann::json& p) {
      p["certificate"]["issued_at"] = "2030-01-01T00:00:00+01:00[Europe/Rome]";
      rehash(p);
    });
    auto r = mie.cli({"verify"}, forged);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "is not between the case's previous event and this one"));
  }
}

TEST_CASE("a certificate issued on the real clock verifies", "[engine][cli][audit]") {
  // The certificate is made when the command is decided, a moment before the store records the
  // batch: verify must accept that, not demand the two times be equal.
  MieMentorship m("Martina Leone", false);
  auto issued = m.cli({"exec", "--as", "student:martina", m.mentorship, "request_credit_recognition",
                       R"({"credit_form": "form.pdf"})"});
  INFO(issued.out << issued.err);
  REQUIRE(issued.exit_code == 0);
  auto verify = m.cli({"verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(contains(verify.out, "re-rendered 1 certificate"));
}

namespace {

// The folder the CLI reads the certificates' fonts from, for the life of the guard.
class FontDir {
 public:
  explicit FontDir(const std::filesystem::path& dir) { setenv("MENTORFLOW_FONT_DIR", dir.c_str(), 1); }
  ~FontDir() { unsetenv("MENTORFLOW_FONT_DIR"); }
  FontDir(const FontDir&) = delete;
  FontDir& operator=(const FontDir&) = delete;
};

}  // namespace

TEST_CASE("verify says plainly when this machine cannot render a certificate again", "[engine][cli][audit]") {
  MieMentorship mie;
  // Another build of the font: copies of the installed files, the regular one a byte longer.
  const auto fonts = mie.dir / "fonts";
  std::filesystem::create_directories(fonts);
  auto installed = mentorflow::engine::certificates::installed_certificate_fonts();
  REQUIRE(installed.is_ok());
  for (const auto& f : *installed) std::filesystem::copy_file(f.path, fonts / f.font.file);
  std::ofstream(fonts / "DejaVuSans.ttf", std::ios::binary | std::ios::app) << '\0';
  const FontDir other(fonts);

  auto r = mie.cli({"verify"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "(mie-2021/mentorship/martina) says what the log says, but the certificate recorded at "
                        "position"));
  CHECK(contains(r.err, "cannot be rendered again on this machine to compare its bytes: it was set in DejaVuSans.ttf"));
  CHECK_FALSE(contains(r.err, "does not hold"));
  CHECK(contains(r.out, "re-rendered 1 certificate: 1 could not be rendered again on this machine"));

  auto written = mie.cli({"certificates", "mie-2021", "--out", (mie.dir / "out").string()});
  CHECK(written.exit_code == 1);
  CHECK(contains(written.err, "cannot be rendered again on this machine"));
  CHECK_FALSE(std::filesystem::exists(mie.dir / "out" / kPdf));
}

TEST_CASE("a command that issues a certificate without the fonts installed is refused and changes nothing",
          "[engine][cli]") {
  MieMentorship mie("Martina Leone", false);
  const std::string before = mie.cli({"export"}).out;
  {
    const FontDir none(mie.dir / "no-fonts");
    auto refused = mie.cli({"exec", "--as", "student:martina", mie.mentorship, "request_credit_recognition",
                            R"({"credit_form": "form.pdf"})"});
    CHECK(refused.exit_code == 1);
    CHECK(contains(refused.err, "certificates are set in DejaVu Sans"));
    CHECK(contains(refused.err, "fonts-dejavu-core"));
    CHECK(mie.cli({"export"}).out == before);
  }
  auto issued = mie.cli({"exec", "--as", "student:martina", mie.mentorship, "request_credit_recognition",
                         R"({"credit_form": "form.pdf"})"});
  CHECK(issued.exit_code == 0);
}

TEST_CASE("a certificate issued in an earlier layout still verifies", "[engine][cli][audit]") {
  // The same certificate as layout 3 recorded it: the layout-4 members absent, its own bytes.
  MieMentorship mie;
  const std::string earlier = (mie.dir / "earlier").string();
  forge_certificate(mie, earlier, [](nlohmann::json& p) {
    nlohmann::json& c = p["certificate"];
    for (const char* key : {"value_label", "headings", "facts", "typeset"}) c.erase(key);
    c["layout"] = 3;
    rehash(p);
  });
  auto r = mie.cli({"verify"}, earlier);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "re-rendered 1 certificate: each says what the log says and hashes as recorded"));
}
