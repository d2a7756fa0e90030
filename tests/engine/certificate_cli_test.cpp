// Certificates through the real CLI: issued with the output, written again from the log, read
// back with pdftotext, recognised by their hash, and a tampered copy recognised as nothing.
#include <catch2/catch.hpp>

#include <filesystem>

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
