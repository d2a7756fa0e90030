// GET /v1/checkpoint: the latest signed head of the log (api/checkpointer.hpp), with everything an
// outside party needs to check the signature and to keep it in a witness file of its own.
#include "api/api_error.hpp"
#include "api/checkpointer.hpp"
#include "api/handlers.hpp"
#include "base/hex.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::api {

ApiResponse handle_checkpoint(const Checkpointer* checkpoints) {
  if (!checkpoints)
    return error_response(status::kNotFound, "no_checkpoints",
                          "this server signs no checkpoints: start it with --checkpoint-key KEYFILE --witness FILE");
  const store::SignedCheckpoint c = checkpoints->latest();
  return json_response({{"position", c.position},
                        {"hash", store::to_hex(c.hash)},
                        {"time", store::format_utc(c.time)},
                        {"public_key", hex_of(c.key)},
                        {"public_key_pem", store::public_key_pem(c.key)},
                        {"signature", hex_of(c.signature)},
                        {"signed_message", store::checkpoint_message(c.position, c.hash, c.time)},
                        {"witness_line", store::witness_line(c)}});
}

}  // namespace mentorflow::api
