#include "engine/certificates/certificate_fonts.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "store/hash.hpp"

namespace mentorflow::engine::certificates {
namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu";
constexpr const char* kFontDirVariable = "MENTORFLOW_FONT_DIR";
constexpr const char* kFontFiles[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};

std::string font_dir() {
  const char* dir = std::getenv(kFontDirVariable);
  return dir && *dir ? dir : kFontDir;
}

Result<InstalledFont> read_font(const std::string& file) {
  const std::string path = font_dir() + "/" + file;
  const auto unusable = [&](const char* why) {
    return Status::io_error(fmt::format("certificates are set in DejaVu Sans, and {} {} (install Debian's "
                                        "fonts-dejavu-core, or name a folder holding {} in ${})",
                                        path, why, file, kFontDirVariable));
  };
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return unusable("is missing");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || bytes.empty()) return unusable("cannot be read");
  return InstalledFont{path, {file, store::to_hex(store::sha256(bytes))}};
}

}  // namespace

Result<std::vector<InstalledFont>> installed_certificate_fonts() {
  std::vector<InstalledFont> fonts;
  for (const char* file : kFontFiles) {
    auto font = read_font(file);
    if (!font.is_ok()) return font.status();
    fonts.push_back(std::move(*font));
  }
  return fonts;
}

Result<std::vector<std::string>> recorded_font_paths(const Certificate& c) {
  if (c.fonts.size() != std::size(kFontFiles))
    return Status::invalid_argument(fmt::format("a layout {} certificate records {} fonts, not {}", c.layout,
                                                c.fonts.size(), std::size(kFontFiles)));
  std::vector<std::string> paths;
  for (const CertificateFont& recorded : c.fonts) {
    if (recorded.file.find('/') != std::string::npos || recorded.file.find("..") != std::string::npos)
      return Status::invalid_argument(fmt::format("a certificate's font file '{}' is not a file name", recorded.file));
    auto installed = read_font(recorded.file);
    if (!installed.is_ok()) return installed.status();
    if (installed->font.sha256 != recorded.sha256)
      return Status::io_error(fmt::format(
          "it was set in {} with sha256 {}, and {} here has sha256 {} (another release or build of the font: name a "
          "folder holding the recorded file in ${})",
          recorded.file, recorded.sha256, installed->path, installed->font.sha256, kFontDirVariable));
    paths.push_back(installed->path);
  }
  return paths;
}

}  // namespace mentorflow::engine::certificates
