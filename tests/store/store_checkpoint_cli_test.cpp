// Signed checkpoints through the real CLI: keygen, checkpoint, verify --witness. A checkpoint
// kept outside the store shows what nothing inside it can: a log cut cleanly at its end, or
// rewritten whole. docs/STORE.md, "Signed checkpoints".
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "base/hex.hpp"
#include "store/checkpoint.hpp"
#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::CliResult;
using mentorflow::testing::contains;
using mentorflow::testing::read_file;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

struct Witnessed {
  TempDir dir;
  std::string store = (dir / "store").string(), key = (dir / "key").string(), witness = (dir / "witness.jsonl").string();

  explicit Witnessed(int events = 5) {
    auto s = open_store(store);
    append_many(*s, "a", events);
  }
  static CliResult ok(const CliResult& r) {
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
  void keygen(const std::string& out) const { ok(run_cli({"keygen", "--out", out})); }
  CliResult checkpoint() const { return run_cli({"checkpoint", "--store", store, "--key", key, "--witness", witness}); }
  CliResult verify(const std::string& public_key = "", const std::string& at = "") const {
    std::vector<std::string> args{"verify", "--store", at.empty() ? store : at, "--witness", witness};
    if (!public_key.empty()) args.insert(args.end(), {"--public-key", public_key});
    return run_cli(args);
  }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::ifstream in(witness);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
};

}  // namespace

TEST_CASE("keygen writes a private key only its owner may read, the public key beside it, and never overwrites", "[store][cli]") {
  TempDir dir;
  const std::string key = (dir / "key").string();
  auto r = run_cli({"keygen", "--out", key});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  struct stat info {};
  REQUIRE(::stat(key.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(read_file(key).rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  CHECK(read_file(key + ".pub").rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
  CHECK(std::regex_search(r.out, std::regex("\npublic key: [0-9a-f]{64}\n$")));

  const std::string before = read_file(key);
  auto again = run_cli({"keygen", "--out", key});
  CHECK(again.exit_code == 1);
  CHECK(again.err == "mentorflow: " + key + " already exists: a key is never overwritten\n");
  CHECK(read_file(key) == before);
  CHECK(run_cli({"keygen"}).exit_code == 2);
}

TEST_CASE("checkpoint signs the head into the witness, and verify --witness passes through every checkpoint", "[store][cli]") {
  Witnessed w;
  w.keygen(w.key);
  auto r = w.checkpoint();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "signed position 5, hash "));
  REQUIRE(w.lines().size() == 1);
  auto line = parse_witness_line(w.lines()[0]);
  REQUIRE(line.is_ok());
  CHECK(line->position == 5);
  CHECK(signature_holds(*line));
  CHECK(line->hash == open_store(w.store, {.read_only = true})->head().hash);

  append_many(*open_store(w.store), "b", 2);
  Witnessed::ok(w.checkpoint());
  CHECK(w.lines().size() == 2);

  auto verified = w.verify(w.key + ".pub");
  INFO(verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "witness " + w.witness + ": the log passes through its 2 signed checkpoints, up to position 7"));
  CHECK(contains(verified.out, ", the key given)"));

  // Another key's public half: every line is a finding.
  w.keygen(w.key + "-other");
  auto other = w.verify(w.key + "-other.pub");
  CHECK(other.exit_code == 1);
  CHECK(contains(other.err, "mentorflow: line 1 of " + w.witness + ": the checkpoint of position 5 signed at "));
  CHECK(contains(other.err, "is signed by key " + mentorflow::hex_of(parse_witness_line(w.lines()[0])->key) +
                                ", not by the key given ("));
  CHECK(contains(other.out, "witness " + w.witness + ": 2 of its 2 lines do not hold"));
}

TEST_CASE("verify --witness fails when the log was cut cleanly below a signed checkpoint, which verify alone cannot see", "[store][cli]") {
  Witnessed w;
  w.keygen(w.key);
  Witnessed::ok(w.checkpoint());
  const std::string signed_hash = to_hex(parse_witness_line(w.lines()[0])->hash);
  // A clean cut: the last event and its index entry (no views, no snapshots to betray it).
  raw_delete(w.store, "events", number_key(5));
  raw_delete(w.store, "streams", stream_key("a", 5));
  CHECK(run_cli({"verify", "--store", w.store}).exit_code == 0);

  auto r = w.verify(w.key + ".pub");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(std::regex_search(r.err, std::regex("mentorflow: line 1 of .*: the log is shorter than the checkpoint signed at "
                                            "[0-9T:.-]+Z: it ends at position 4, but position 5 \\(hash " +
                                            signed_hash + "\\) was signed\n")));

  // Nor is a new checkpoint added to a witness the log contradicts.
  const std::string witness_before = read_file(w.witness);
  auto refused = w.checkpoint();
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "the log does not pass through the witness file: line 1 of "));
  CHECK(contains(refused.err, "nothing was signed"));
  CHECK(read_file(w.witness) == witness_before);
}

TEST_CASE("verify --witness fails on a log rewritten whole, of the same length", "[store][cli]") {
  Witnessed w(3);
  w.keygen(w.key);
  Witnessed::ok(w.checkpoint());
  const std::string other = (w.dir / "rewritten").string();
  {
    auto s = open_store(other);
    append_many(*s, "a", 2);
    append_many(*s, "z", 1);
  }
  CHECK(run_cli({"verify", "--store", other}).exit_code == 0);  // its own chain is sound
  auto r = w.verify(w.key + ".pub", other);
  CHECK(r.exit_code == 1);
  CHECK(std::regex_search(r.err, std::regex("line 1 of .*: the log differs from the checkpoint signed at [0-9T:.-]+Z: "
                                            "position 3 has hash [0-9a-f]{64}, but hash [0-9a-f]{64} was signed")));
}

TEST_CASE("an altered or malformed witness line is a finding naming the line", "[store][cli]") {
  Witnessed w;
  w.keygen(w.key);
  Witnessed::ok(w.checkpoint());
  std::string line = w.lines()[0];
  line.replace(line.find("\"position\":5"), 12, "\"position\":4");  // claims position 4 had position 5's hash
  std::ofstream(w.witness) << line << "\nnot a checkpoint\n";
  auto r = w.verify();
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "mentorflow: line 1 of " + w.witness + ": the signature of the checkpoint of position 4 signed at "));
  CHECK(contains(r.err, "does not verify: the line was altered, or not signed by key "));
  CHECK(contains(r.err, "mentorflow: line 2 of " + w.witness + " is not a signed checkpoint: it is not a JSON object\n"));
}

TEST_CASE("checkpoint and verify --witness refuse each mistake with one sentence and change nothing", "[store][cli]") {
  Witnessed w;
  w.keygen(w.key);
  auto r = run_cli({"checkpoint", "--store", w.store, "--key", w.key + "-missing", "--witness", w.witness});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: key file " + w.key + "-missing does not exist\n");
  ::chmod(w.key.c_str(), 0644);
  r = w.checkpoint();
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "may be read by others than its owner (mode 0644): chmod 600 " + w.key));
  ::chmod(w.key.c_str(), 0600);
  r = run_cli({"checkpoint", "--store", w.store, "--key", w.key + ".pub", "--witness", w.witness});
  CHECK(r.exit_code == 1);  // the public half is mode 0644: refused before it is read as a private key
  r = run_cli({"checkpoint", "--store", (w.dir / "none").string(), "--key", w.key, "--witness", w.witness});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "does not exist"));
  CHECK(run_cli({"checkpoint", "--store", w.store, "--key", w.key}).exit_code == 2);

  // A store cut at its end is not signed: the signature would vouch for the cut.
  raw_delete(w.store, "events", number_key(5));
  r = w.checkpoint();
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "is cut at its end: the last event is at 4, but the stream index refers to 5"));
  CHECK(contains(r.err, "nothing was signed"));
  CHECK(!std::filesystem::exists(w.witness));

  r = w.verify();
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: witness file " + w.witness + " does not exist\n");
  CHECK(run_cli({"verify", "--store", w.store, "--public-key", w.key + ".pub"}).exit_code == 2);
  std::ofstream(w.dir / "bad.pub") << "not a key\n";
  r = run_cli({"verify", "--store", w.store, "--witness", w.witness, "--public-key", (w.dir / "bad.pub").string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "holds neither an Ed25519 public key in PEM nor one as 64 hex digits"));
}

TEST_CASE("a checkpoint's signature checks with openssl alone, as docs/STORE.md shows", "[store][cli]") {
  if (std::system("openssl version > /dev/null 2>&1") != 0) {
    WARN("no openssl command on this machine: not checked");
    return;
  }
  Witnessed w;
  w.keygen(w.key);
  Witnessed::ok(w.checkpoint());
  const auto c = parse_witness_line(w.lines()[0]);
  REQUIRE(c.is_ok());
  std::ofstream(w.dir / "message", std::ios::binary) << checkpoint_message(c->position, c->hash, c->time);
  {
    std::ofstream sig(w.dir / "signature", std::ios::binary);
    sig.write(reinterpret_cast<const char*>(c->signature.data()), static_cast<std::streamsize>(c->signature.size()));
  }
  const std::string command = "openssl pkeyutl -verify -pubin -inkey " + w.key + ".pub -rawin -in " +
                              (w.dir / "message").string() + " -sigfile " + (w.dir / "signature").string() + " > /dev/null 2>&1";
  CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("after a key rotation verify --witness trusts every key given, and a line signed by another is a finding", "[store][cli]") {
  Witnessed w;
  const std::string old_key = w.key, new_key = w.key + "-new", stranger = w.key + "-stranger";
  w.keygen(old_key);
  w.keygen(new_key);
  w.keygen(stranger);
  Witnessed::ok(w.checkpoint());  // signed with the old key
  append_many(*open_store(w.store), "a", 2);
  Witnessed::ok(run_cli({"checkpoint", "--store", w.store, "--key", new_key, "--witness", w.witness}));
  REQUIRE(w.lines().size() == 2);
  const std::string old_hex = mentorflow::hex_of(parse_witness_line(w.lines()[0])->key);
  const std::string new_hex = mentorflow::hex_of(parse_witness_line(w.lines()[1])->key);
  REQUIRE(old_hex != new_hex);

  // Each line names the key that signed it; trusting the old key alone, the new key's line is a finding.
  auto only_old = w.verify(old_key + ".pub");
  CHECK(only_old.exit_code == 1);
  CHECK(contains(only_old.err, "mentorflow: line 2 of " + w.witness + ": the checkpoint of position 7 signed at "));
  CHECK(contains(only_old.err, "is signed by key " + new_hex + ", not by the key given (" + old_hex + ")"));
  CHECK(!contains(only_old.err, "line 1 of"));

  auto both = run_cli({"verify", "--store", w.store, "--witness", w.witness, "--public-key", old_key + ".pub", "--public-key",
                       new_key + ".pub"});
  INFO(both.out << both.err);
  CHECK(both.exit_code == 0);
  CHECK(contains(both.out, "the log passes through its 2 signed checkpoints, up to position 7 (signed by keys " +
                               old_hex.substr(0, 16) + "…, " + new_hex.substr(0, 16) + "…, each one of the keys given)"));

  // The same keys listed in one file: hex and PEM, comments and blank lines.
  const std::string trusted = (w.dir / "trusted.keys").string();
  std::ofstream(trusted) << "# the auditor's keys\n" << old_hex << "\n\n" << read_file(new_key + ".pub");
  auto listed = w.verify(trusted);
  INFO(listed.err);
  CHECK(listed.exit_code == 0);
  CHECK(contains(listed.out, "each one of the keys given"));

  // A line signed by a key nobody trusts.
  append_many(*open_store(w.store), "a", 1);
  Witnessed::ok(run_cli({"checkpoint", "--store", w.store, "--key", stranger, "--witness", w.witness}));
  const std::string stranger_hex = mentorflow::hex_of(parse_witness_line(w.lines()[2])->key);
  auto strange = w.verify(trusted);
  CHECK(strange.exit_code == 1);
  CHECK(contains(strange.err, "mentorflow: line 3 of " + w.witness + ": the checkpoint of position 8 signed at "));
  CHECK(contains(strange.err, "is signed by key " + stranger_hex + ", which is none of the 2 keys given (" +
                                  old_hex.substr(0, 16) + "…, " + new_hex.substr(0, 16) + "…)"));
  CHECK(contains(strange.out, "1 of its 3 lines does not hold"));

  std::ofstream(trusted, std::ios::app) << "not a key\n";
  auto bad = w.verify(trusted);
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "public key file " + trusted + " holds neither an Ed25519 public key in PEM nor one as 64 hex digits at line"));
}
