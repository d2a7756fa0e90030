#include "cli/revealed_output.hpp"

#include <string>
#include <string_view>

#include "store/subjects.hpp"

namespace mentorflow::cli {
namespace {

bool pseudonym_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); }

// How many characters at the end of `text` could be the start of a pseudonym that the next write
// completes: "_", or "_s" and fewer than 26 pseudonym characters.
std::size_t unfinished_token(std::string_view text) {
  const std::size_t from = text.size() > store::kPseudonymSize ? text.size() - store::kPseudonymSize + 1 : 0;
  for (std::size_t at = from; at < text.size(); ++at) {
    if (text[at] != '_') continue;
    const std::string_view rest = text.substr(at);
    if (rest.size() == 1) return 1;
    if (rest[1] != 's') continue;
    bool prefix = true;
    for (char c : rest.substr(2)) prefix = prefix && pseudonym_char(c);
    if (prefix) return rest.size();
  }
  return 0;
}

}  // namespace

struct RevealedOutput::Stream {
  std::FILE* target;
  const engine::Pseudonyms* pseudonyms;
  std::string held;  // the start of a pseudonym, waiting for its end

  void emit(std::string_view text) {
    const std::string shown = pseudonyms->reveal(text);
    std::fwrite(shown.data(), 1, shown.size(), target);
    std::fflush(target);
  }

  static ssize_t write(void* cookie, const char* data, std::size_t size) {
    auto* self = static_cast<Stream*>(cookie);
    self->held.append(data, size);
    const std::size_t keep = unfinished_token(self->held);
    self->emit(std::string_view(self->held).substr(0, self->held.size() - keep));
    self->held.erase(0, self->held.size() - keep);
    return static_cast<ssize_t>(size);
  }

  static int close(void* cookie) {
    auto* self = static_cast<Stream*>(cookie);
    self->emit(self->held);
    delete self;
    return 0;
  }
};

std::FILE* RevealedOutput::wrap(std::FILE* target, const engine::Pseudonyms& pseudonyms) {
  cookie_io_functions_t functions{};
  functions.write = &Stream::write;
  functions.close = &Stream::close;
  auto* stream = new Stream{target, &pseudonyms, {}};
  std::FILE* file = fopencookie(stream, "w", functions);
  if (!file) {
    delete stream;
    return target;  // out of memory: print unrevealed rather than not at all
  }
  setvbuf(file, nullptr, _IOLBF, 0);  // line by line, so that stdout and stderr interleave as before
  return file;
}

RevealedOutput::RevealedOutput(const engine::Pseudonyms& pseudonyms) : original_out_(stdout), original_err_(stderr) {
  std::fflush(stdout);
  std::fflush(stderr);
  stdout = wrap(original_out_, pseudonyms);
  stderr = wrap(original_err_, pseudonyms);
}

RevealedOutput::~RevealedOutput() {
  if (stdout != original_out_) std::fclose(stdout);
  if (stderr != original_err_) std::fclose(stderr);
  stdout = original_out_;
  stderr = original_err_;
}

}  // namespace mentorflow::cli
