#ifndef LITERLLM_PROVIDERS_GEMINI_GEMINI_CONVERSATION_H_
#define LITERLLM_PROVIDERS_GEMINI_GEMINI_CONVERSATION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "literllm/v1/llm_service.pb.h"

namespace literllm {

// One Gemini `Part`. The views point into the ChatCompletionRequest the part
// was built from and are valid as long as that request is.
struct GeminiPart {
  enum class Kind {
    kText,              // text
    kInlineData,        // mime_type, data (base64)
    kFileData,          // data is the URI; mime_type may be empty
    kFunctionCall,      // name, json (args), thought_signature (may be empty)
    kFunctionResponse,  // name, json (the response object)
  };
  Kind kind = Kind::kText;
  absl::string_view text;
  absl::string_view mime_type;
  absl::string_view data;
  absl::string_view name;
  absl::string_view thought_signature;
  std::string json;  // a compact JSON object
};

// One Gemini `Content`: role "user" or "model" and at least one part.
struct GeminiTurn {
  absl::string_view role;
  std::vector<GeminiPart> parts;
};

struct GeminiConversation {
  std::vector<absl::string_view> system_texts;  // for systemInstruction
  std::vector<GeminiTurn> turns;                // never empty
};

// Rewrites OpenAI messages into Gemini's shape:
// - system/developer messages before the first other message become
//   systemInstruction; later ones stay where they are, as user text (hoisting
//   them would change their meaning and break prefix caching);
// - assistant → "model" (text, then functionCall parts with their thought
//   signatures; arguments parsed, "" meaning {}); tool → a functionResponse
//   in a "user" turn, named after the earlier assistant call with that id;
// - consecutive turns of one role are merged (Gemini requires alternation,
//   and this also groups parallel tool results into one turn, in order);
// - empty text is never sent, and a message left without parts is dropped;
// - with no turn left (e.g. only system messages) a "." user turn is added,
//   as Gemini requires at least one content.
// INVALID_ARGUMENT, naming the message, for arguments that are not a JSON
// object, a tool_call_id no earlier assistant call has, an image in a system
// message or a data: URI that is not base64.
absl::StatusOr<GeminiConversation> BuildGeminiConversation(
    const v1::ChatCompletionRequest& request);

// The MIME type implied by the extension of `url`'s path ("" if unknown).
absl::string_view GuessMimeType(absl::string_view url);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_GEMINI_GEMINI_CONVERSATION_H_
