#pragma once
// A certificate: the document an issued output gives each of its recipients (a certificate of
// attendance, an ECTS credit record), as recorded in the log by CertificateIssued
// (docs/ENGINE.md, "Certificates"), and its PDF. The PDF is a pure function of the recorded
// content: the same event renders the same bytes, so the SHA-256 recorded beside the content can
// be checked by rendering it again and by hashing a file someone hands in.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.hpp"
#include "base/status.hpp"

namespace mentorflow::engine::certificates {

// The layout new certificates are rendered in. Bumped whenever the PDF's layout changes; every
// earlier layout is still rendered exactly as it was, so certificates issued under it render
// again to the same bytes (tests/engine/certificate_pdf_test.cpp pins each layout's bytes).
//   1: the first; 2: a value that is a counter's count is said once, in its heading;
//   3: a line WinAnsi cannot show is set in ISO 8859-2 (Central European names) instead of '?';
//   4: every text as written, in embedded DejaVu Sans (engine/certificates/certificate_fonts.hpp), recorded
//      with the fonts' SHA-256; headings, the value and the fields shown in the designer's words,
//      never a rule's expression;
//   5: an activity dated by a `date` input is listed on that day (`at` is then a date,
//      `2025-11-05`), not at the time it was recorded; drawn as layout 4.
inline constexpr int kCertificateLayout = 5;

struct CertifiedActivity {
  std::string counter;            // `meetings`
  std::int64_t number = 0;        // the 1st, 2nd... of them
  std::string at;                 // RFC 3339 in the edition's zone; from layout 5 also a date (`2025-11-05`)
  bool dated_by_input = false;    // `at` is when it was held (an input), not when it was recorded
  std::optional<std::string> length;  // `90min`
  bool operator==(const CertifiedActivity&) const = default;
};

// From layout 4: a field of the case the certificate states (`shows` in the output).
struct CertifiedFact {
  std::string label;  // `NGO`
  std::string text;   // `Caritas`
  bool operator==(const CertifiedFact&) const = default;
};

// From layout 4: what the PDF was typeset with, recorded so that a machine with other fonts or
// another PDF library can say it cannot render the certificate again, rather than call it forged.
struct CertificateFont {
  std::string file;    // `DejaVuSans.ttf`
  std::string sha256;  // of the file
  bool operator==(const CertificateFont&) const = default;
};

struct Certificate {
  std::string case_name;   // the case that issued it
  std::string output;      // `certificate`
  std::string title;       // `Certificate of attendance`
  std::string programme;   // the workflow's title
  std::string edition;     // the edition's name in the store
  std::string party;       // the recipient's party (`mentee`)
  std::string recipient;   // the recipient's user id
  std::string name;        // the recipient's full name, or the user id when none is recorded
  std::string value;       // the output's value as shown (`6`); empty when it has none
  std::string value_of;    // the value's expression (`meetings`)
  std::string zone;        // the zone its times are shown in
  std::string issued_at;   // RFC 3339 in `zone`
  std::vector<CertifiedActivity> activities;
  int layout = kCertificateLayout;
  // From layout 4 (empty before):
  std::string value_label;                         // what the value is called (`ECTS credits`)
  std::map<std::string, std::string> headings;     // counter -> what its list is called (`Meetings`)
  std::vector<CertifiedFact> facts;                // in the order the output shows them
  std::string library;                             // `libharu 2.3.0`
  std::vector<CertificateFont> fonts;              // regular, then bold
  bool operator==(const Certificate&) const = default;
};

// The content as a JSON object (the `certificate` member of CertificateIssued), and back;
// InvalidArgument naming what is missing when the object is not a certificate.
nlohmann::json to_json(const Certificate& certificate);
Result<Certificate> certificate_from_json(const nlohmann::json& json);

// The PDF, byte for byte the same for the same content (no clock, no random id, no compression),
// in the certificate's own layout (1 to kCertificateLayout): built-in fonts up to layout 3, from
// layout 4 the fonts it records, which must be the ones installed. InvalidArgument for a layout
// this version cannot render; IOError when the fonts are missing or differ from those recorded,
// or the PDF library fails.
Result<std::string> render_certificate_pdf(const Certificate& certificate);

// `libharu 2.3.0`: the PDF library this program renders with (recorded from layout 4).
std::string certificate_library();

// `online_modules` as words a certificate can show: `Online modules` (`capital`) or `online modules`.
std::string readable_name(std::string_view name, bool capital);

// An output's value (its JSON in OutputIssued) as a certificate shows it: a text as it is, a
// list's items joined by ", ", nothing for null.
std::string certificate_value_text(const nlohmann::json& value);

// `unimi-2025-mentorship-anna-certificate-anna.pdf`: the case, output and recipient, with any
// character outside [A-Za-z0-9._-] replaced by '-'.
std::string certificate_file_name(const Certificate& certificate);

}  // namespace mentorflow::engine::certificates
