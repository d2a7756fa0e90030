#pragma once
// Drawing a workflow's states as SVG with Graphviz's `dot` (a Debian package the project already
// depends on), run as a child process with the dot text on its input. The API serves the picture;
// no HTML is assembled here.
#include <string>

#include "base/status.hpp"

namespace mentorflow::api {

// The SVG `dot -Tsvg` draws of `dot_text`. IOError when dot cannot be run, fails, or takes more
// than ten seconds (it is then killed).
Result<std::string> render_svg(const std::string& dot_text);

}  // namespace mentorflow::api
