// Retries over HTTP (issue 13, "Retries are safe"): a command POSTed with an Idempotency-Key header
// is applied once; the same request again gets the first answer, marked Idempotent-Replayed, and
// writes nothing; the key with another command is 409 key_reused; a malformed key is 400.
#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kBrunoCase = "/v1/cases/mie-2021/application/bruno";

HttpReply post_keyed(ApiFixture& api, const std::string& token, const std::string& target, const nlohmann::json& body,
                     const std::string& key) {
  HttpClient c = api.client();
  return c.request("POST", target, body.dump(), token, "application/json", {{"Idempotency-Key", key}});
}

nlohmann::json submit_body(int year = 3) {
  nlohmann::json inputs = ApiFixture::submit_inputs();
  inputs["year"] = year;
  return {{"command", "submit"}, {"inputs", inputs}};
}

}  // namespace

TEST_CASE("the same command with the same Idempotency-Key is applied once and answered as the first time", "[api]") {
  ApiFixture api;
  api.seed();
  const HttpReply first = post_keyed(api, kBruno, kBrunoCase, submit_body(), "bruno-submit-1");
  INFO(first.body);
  REQUIRE(first.status == 200);
  CHECK(first.header("Idempotent-Replayed").empty());
  const auto head = api.store().head();

  // The client did not hear the answer and sends the request again, keys of the body reordered.
  const std::string reordered =
      R"({"inputs": )" + submit_body()["inputs"].dump() + R"(, "command": "submit"})";
  HttpClient c = api.client();
  const HttpReply again = c.request("POST", kBrunoCase, reordered, kBruno, "application/json",
                                    {{"Idempotency-Key", "bruno-submit-1"}});
  INFO(again.body);
  CHECK(again.status == 200);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(again.json() == first.json());
  CHECK(api.store().head() == head);

  // Later commands do not change the first answer: it is read back from the log.
  api.command(kCarla, "mie-2021/application/bruno", "confirm_match", {}, 200);
  const HttpReply later = post_keyed(api, kBruno, kBrunoCase, submit_body(), "bruno-submit-1");
  CHECK(later.status == 200);
  CHECK(later.json() == first.json());
}

TEST_CASE("a keyed command that opened its case is answered 201 again when repeated", "[api]") {
  ApiFixture api;
  api.seed();
  const nlohmann::json offer = {
      {"command", "offer_project"},
      {"inputs", {{"host", "Museo"}, {"country", "Spain"}, {"sector", "art"}, {"language", "spanish"}}}};
  const std::string target = "/v1/cases/mie-2021/project/rome-art";
  const HttpReply first = post_keyed(api, kMarco, target, offer, "offer rome-art");
  INFO(first.body);
  REQUIRE(first.status == 201);
  const auto head = api.store().head();
  const HttpReply again = post_keyed(api, kMarco, target, offer, "offer rome-art");
  CHECK(again.status == 201);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(again.json() == first.json());
  CHECK(api.store().head() == head);
  // Without the key, the same request is decided again: the case exists now.
  HttpClient c = api.client();
  CHECK(c.post(target, offer, kMarco).status == 409);
}

TEST_CASE("the same Idempotency-Key with another command is refused 409 key_reused, naming the key", "[api]") {
  ApiFixture api;
  api.seed();
  REQUIRE(post_keyed(api, kBruno, kBrunoCase, submit_body(3), "k-1").status == 200);
  const auto head = api.store().head();

  const HttpReply other_inputs = post_keyed(api, kBruno, kBrunoCase, submit_body(2), "k-1");
  INFO(other_inputs.body);
  CHECK(other_inputs.status == 409);
  CHECK(other_inputs.error_code() == "key_reused");
  const auto error = other_inputs.json()["error"];
  CHECK(error["details"]["idempotency_key"] == "k-1");
  CHECK(error["message"].get<std::string>().find("idempotency key 'k-1' on mie-2021/application/bruno") == 0);
  CHECK(error["message"].get<std::string>().find("with other inputs") != std::string::npos);
  CHECK(other_inputs.header("Idempotent-Replayed").empty());

  const HttpReply other_command =
      post_keyed(api, kCarla, kBrunoCase, {{"command", "confirm_match"}}, "k-1");
  CHECK(other_command.status == 409);
  CHECK(other_command.error_code() == "key_reused");
  CHECK(other_command.json()["error"]["message"].get<std::string>().find("it was first used for submit, not confirm_match") !=
        std::string::npos);
  CHECK(api.store().head() == head);

  // Keys are kept per case: the same key on anna's case is another key.
  const HttpReply elsewhere =
      post_keyed(api, kCarla, "/v1/cases/mie-2021/application/anna", {{"command", "not_select"}, {"inputs", {{"reason", "no place"}}}}, "k-1");
  INFO(elsewhere.body);
  CHECK(elsewhere.status == 200);
}

TEST_CASE("a refused keyed command records nothing, so it may be retried with its key", "[api]") {
  ApiFixture api;
  api.seed();
  const HttpReply refused = post_keyed(api, kBruno, kBrunoCase, submit_body(0), "retry-me");
  INFO(refused.body);
  CHECK(refused.status == 422);
  const HttpReply fixed = post_keyed(api, kBruno, kBrunoCase, submit_body(), "retry-me");
  INFO(fixed.body);
  CHECK(fixed.status == 200);
  CHECK(fixed.header("Idempotent-Replayed").empty());
}

TEST_CASE("a malformed Idempotency-Key is 400 and writes nothing", "[api]") {
  ApiFixture api;
  api.seed();
  const auto head = api.store().head();
  for (const std::string& key : {std::string(201, 'k'), std::string("caf\xc3\xa9")}) {
    const HttpReply r = post_keyed(api, kBruno, kBrunoCase, submit_body(), key);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "invalid");
    CHECK(r.json()["error"]["message"].get<std::string>().find("the Idempotency-Key header: ") == 0);
  }
  CHECK(api.store().head() == head);
  CHECK(post_keyed(api, kBruno, kBrunoCase, submit_body(), std::string(200, 'k')).status == 200);
}
