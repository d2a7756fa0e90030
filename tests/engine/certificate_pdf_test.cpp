// The certificate PDF on its own: the same content renders the same bytes, and each layout's
// bytes are pinned, so a change to a released layout (which would make every certificate issued
// under it fail verification) cannot go unnoticed: a new look is a new layout number.
#include <catch2/catch.hpp>

#include <fstream>

#include "engine/certificate.hpp"
#include "store/hash.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/temp_dir.hpp"

using mentorflow::engine::Certificate;
using mentorflow::engine::render_certificate_pdf;

namespace {

Certificate sample(int layout) {
  return Certificate{
      .case_name = "unimi-2025/mentorship/anna",
      .output = "certificate",
      .title = "Certificate of attendance",
      .programme = "Mentoring at the University of Milan",
      .edition = "unimi-2025",
      .party = "mentee",
      .recipient = "anna",
      .name = "Anna Bianchi \u0160imi\u0107",  // Š is in WinAnsi, ć is not: printed '?'
      .value = "2",
      .value_of = "meetings",
      .zone = "Europe/Rome",
      .issued_at = "2026-05-05T09:00:00+02:00[Europe/Rome]",
      .activities = {{"meetings", 1, "2025-11-05T18:00:00+01:00[Europe/Rome]", true, "90min"},
                     {"meetings", 2, "2025-11-26T18:00:00+01:00[Europe/Rome]", true, "90min"},
                     {"diaries", 1, "2025-11-27T20:00:00+01:00[Europe/Rome]", false, std::nullopt}},
      .layout = layout};
}

std::string sha_of(const Certificate& c) {
  auto pdf = render_certificate_pdf(c);
  INFO(pdf.status().to_string());
  REQUIRE(pdf.is_ok());
  return mentorflow::store::to_hex(mentorflow::store::sha256(*pdf));
}

}  // namespace

TEST_CASE("every released certificate layout renders exactly the bytes it always has", "[engine]") {
  CHECK(sha_of(sample(1)) == "682b0f173aedb7aa5dac131773f5214f5824a766ec6a386affb67eb0ee8da57f");
  CHECK(sha_of(sample(2)) == "edecc950f37ec2baa38e19fe003b6ccb904d69932bce2be7356d656c99042f4e");
  CHECK(sha_of(sample(3)) == "7aa5d7360668c4a6138dfc88bdd427734c38d2b1bc5e7f4a7dfe519ef12d5241");
  CHECK(mentorflow::engine::kCertificateLayout == 3);  // a new layout adds its pinned line above
  
}

TEST_CASE("a certificate renders the same bytes every time, and an unknown layout is refused", "[engine]") {
  CHECK(sha_of(sample(3)) == sha_of(sample(3)));
  Certificate other = sample(3);
  other.recipient = "anna.bianchi";
  CHECK(sha_of(other) != sha_of(sample(3)));
  auto unknown = render_certificate_pdf(sample(mentorflow::engine::kCertificateLayout + 1));
  CHECK(unknown.status().is_invalid_argument());
  CHECK(!render_certificate_pdf(sample(0)).is_ok());
}

TEST_CASE("Central European names are shown as written from layout 3", "[engine]") {
  mentorflow::testing::TempDir dir;
  const auto text_of = [&](int layout) {
    auto pdf = render_certificate_pdf(sample(layout));
    REQUIRE(pdf.is_ok());
    const auto path = dir / ("layout-" + std::to_string(layout) + ".pdf");
    std::ofstream(path, std::ios::binary) << *pdf;
    return mentorflow::testing::pdf_text(path);
  };
  const std::string now = text_of(3), before = text_of(2);
  CHECK(now.find("Anna Bianchi \u0160imi\u0107") != std::string::npos);
  CHECK(before.find("Anna Bianchi \u0160imi?") != std::string::npos);  // as layout 2 printed it
  CHECK(now.find("Mentoring at the University of Milan") != std::string::npos);
}
