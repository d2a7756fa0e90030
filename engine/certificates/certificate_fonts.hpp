#pragma once
// Internal to engine/: the fonts certificates are typeset in from layout 4. DejaVu Sans and DejaVu
// Sans Bold (Debian's fonts-dejavu-core) cover Latin with its extensions, Greek and Cyrillic, so
// every European name prints as written; each PDF embeds the glyphs it uses.
//
// A PDF's bytes depend on the font files' bytes, and those differ between distributions and
// releases, so a certificate records the SHA-256 of the files it was set in; rendering it again
// needs those very files. They are read from /usr/share/fonts/truetype/dejavu, or from the
// folder $MENTORFLOW_FONT_DIR names (an auditor elsewhere can point it at copies of the recorded
// files). Docs: docs/ENGINE.md, "Certificates".
#include <string>
#include <vector>

#include "engine/certificates/certificate.hpp"

namespace mentorflow::engine::certificates {

struct InstalledFont {
  std::string path;      // where it was read
  CertificateFont font;  // its file name and SHA-256
};

// The regular and the bold font as installed, in that order. IOError naming a file that cannot
// be read, and how to install it.
Result<std::vector<InstalledFont>> installed_certificate_fonts();

// The paths of the fonts `certificate` records, once each installed file is checked to be the one
// recorded. IOError saying which file differs (or is missing) and how to get the recorded one.
Result<std::vector<std::string>> recorded_font_paths(const Certificate& certificate);

}  // namespace mentorflow::engine::certificates
