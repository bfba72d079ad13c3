#include "service/http/openai_json.h"

#include "providers/json/json_writer.h"

namespace literllm {
namespace {

// The JSON `write` produces, as a string.
template <typename Write>
std::string Json(Write write) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  write(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void WriteNullableString(absl::string_view key, bool present,
                         absl::string_view value, JsonWriter& w) {
  WriteKey(key, w);
  if (present) {
    WriteString(value, w);
  } else {
    w.Null();
  }
}

void WriteUsage(const v1::Usage& usage, JsonWriter& w) {
  w.StartObject();
  WriteIntMember("prompt_tokens", usage.prompt_tokens(), w);
  WriteIntMember("completion_tokens", usage.completion_tokens(), w);
  WriteIntMember("total_tokens", usage.total_tokens(), w);
  if (usage.has_prompt_tokens_details()) {
    const v1::PromptTokensDetails& d = usage.prompt_tokens_details();
    WriteKey("prompt_tokens_details", w);
    w.StartObject();
    WriteIntMember("cached_tokens", d.cached_tokens(), w);
    WriteIntMember("audio_tokens", d.audio_tokens(), w);
    if (d.cache_creation_tokens() != 0) {
      WriteIntMember("cache_creation_tokens", d.cache_creation_tokens(), w);
    }
    w.EndObject();
  }
  if (usage.has_completion_tokens_details()) {
    const v1::CompletionTokensDetails& d = usage.completion_tokens_details();
    WriteKey("completion_tokens_details", w);
    w.StartObject();
    WriteIntMember("reasoning_tokens", d.reasoning_tokens(), w);
    WriteIntMember("audio_tokens", d.audio_tokens(), w);
    WriteIntMember("accepted_prediction_tokens", d.accepted_prediction_tokens(),
                   w);
    WriteIntMember("rejected_prediction_tokens", d.rejected_prediction_tokens(),
                   w);
    w.EndObject();
  }
  w.EndObject();
}

void WriteThinkingBlocks(
    const google::protobuf::RepeatedPtrField<v1::ThinkingBlock>& blocks,
    JsonWriter& w) {
  if (blocks.empty()) return;
  WriteKey("thinking_blocks", w);
  w.StartArray();
  for (const v1::ThinkingBlock& block : blocks) {
    w.StartObject();
    WriteStringMember("type", block.type(), w);
    if (block.has_thinking())
      WriteStringMember("thinking", block.thinking(), w);
    if (block.has_signature()) {
      WriteStringMember("signature", block.signature(), w);
    }
    if (block.has_data()) WriteStringMember("data", block.data(), w);
    w.EndObject();
  }
  w.EndArray();
}

void WriteMessage(const v1::Message& message, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("role", message.role(), w);
  WriteNullableString("content", message.has_content(), message.content(), w);
  WriteNullableString("refusal", message.has_refusal(), message.refusal(), w);
  if (!message.tool_calls().empty()) {
    WriteKey("tool_calls", w);
    w.StartArray();
    for (const v1::ToolCall& call : message.tool_calls()) {
      w.StartObject();
      WriteStringMember("id", call.id(), w);
      WriteStringMember("type", call.type().empty() ? "function" : call.type(),
                        w);
      WriteKey("function", w);
      w.StartObject();
      WriteStringMember("name", call.function().name(), w);
      WriteStringMember("arguments", call.function().arguments(), w);
      if (call.function().has_thought_signature()) {
        WriteStringMember("thought_signature",
                          call.function().thought_signature(), w);
      }
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  if (message.has_reasoning_content()) {
    WriteStringMember("reasoning_content", message.reasoning_content(), w);
  }
  WriteThinkingBlocks(message.thinking_blocks(), w);
  w.EndObject();
}

void WriteDelta(const v1::Delta& delta, JsonWriter& w) {
  w.StartObject();
  if (delta.has_role()) WriteStringMember("role", delta.role(), w);
  if (delta.has_content()) WriteStringMember("content", delta.content(), w);
  if (delta.has_refusal()) WriteStringMember("refusal", delta.refusal(), w);
  if (!delta.tool_calls().empty()) {
    WriteKey("tool_calls", w);
    w.StartArray();
    for (const v1::ToolCallDelta& call : delta.tool_calls()) {
      w.StartObject();
      WriteIntMember("index", call.index(), w);
      if (call.has_id()) WriteStringMember("id", call.id(), w);
      if (call.has_type()) WriteStringMember("type", call.type(), w);
      WriteKey("function", w);
      w.StartObject();
      const v1::FunctionCallDelta& fn = call.function();
      if (fn.has_name()) WriteStringMember("name", fn.name(), w);
      if (fn.has_arguments()) WriteStringMember("arguments", fn.arguments(), w);
      if (fn.has_thought_signature()) {
        WriteStringMember("thought_signature", fn.thought_signature(), w);
      }
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  if (delta.has_reasoning_content()) {
    WriteStringMember("reasoning_content", delta.reasoning_content(), w);
  }
  WriteThinkingBlocks(delta.thinking_blocks(), w);
  w.EndObject();
}

// id, object, created, model: the envelope both shapes share.
template <typename Proto>
void WriteEnvelope(const Proto& proto, absl::string_view object,
                   JsonWriter& w) {
  WriteStringMember("id", proto.id(), w);
  WriteStringMember("object", object, w);
  WriteIntMember("created", proto.created(), w);
  WriteStringMember("model", proto.model(), w);
}

template <typename Proto>
void WriteGatewayFields(const Proto& proto, JsonWriter& w) {
  if (proto.has_system_fingerprint()) {
    WriteStringMember("system_fingerprint", proto.system_fingerprint(), w);
  }
  if (proto.has_estimated_cost_usd()) {
    WriteNumberMember("estimated_cost_usd", proto.estimated_cost_usd(), w);
  }
  if (!proto.provider().empty()) {
    WriteStringMember("provider", proto.provider(), w);
  }
}

}  // namespace

std::string OpenAiCompletionJson(const v1::ChatCompletionResponse& response) {
  return Json([&](JsonWriter& w) {
    w.StartObject();
    WriteEnvelope(response, "chat.completion", w);
    WriteKey("choices", w);
    w.StartArray();
    for (const v1::Choice& choice : response.choices()) {
      w.StartObject();
      WriteIntMember("index", choice.index(), w);
      WriteKey("message", w);
      WriteMessage(choice.message(), w);
      WriteKey("logprobs", w);
      w.Null();
      WriteNullableString("finish_reason", !choice.finish_reason().empty(),
                          choice.finish_reason(), w);
      w.EndObject();
    }
    w.EndArray();
    if (response.has_usage()) {
      WriteKey("usage", w);
      WriteUsage(response.usage(), w);
    }
    if (response.has_service_tier()) {
      WriteStringMember("service_tier", response.service_tier(), w);
    }
    WriteGatewayFields(response, w);
    w.EndObject();
  });
}

std::string OpenAiChunkJson(const v1::ChatCompletionChunk& chunk,
                            bool include_usage) {
  return Json([&](JsonWriter& w) {
    w.StartObject();
    WriteEnvelope(chunk, "chat.completion.chunk", w);
    WriteKey("choices", w);
    w.StartArray();
    for (const v1::ChunkChoice& choice : chunk.choices()) {
      w.StartObject();
      WriteIntMember("index", choice.index(), w);
      WriteKey("delta", w);
      WriteDelta(choice.delta(), w);
      WriteKey("logprobs", w);
      w.Null();
      WriteNullableString("finish_reason", choice.has_finish_reason(),
                          choice.finish_reason(), w);
      w.EndObject();
    }
    w.EndArray();
    if (include_usage) {
      WriteKey("usage", w);
      if (chunk.has_usage()) {
        WriteUsage(chunk.usage(), w);
      } else {
        w.Null();
      }
    }
    WriteGatewayFields(chunk, w);
    w.EndObject();
  });
}

namespace {

void WriteModel(const v1::Model& model, JsonWriter& w) {
  w.StartObject();
  WriteStringMember("id", model.id(), w);
  WriteStringMember("object", "model", w);
  WriteIntMember("created", model.created(), w);
  // The provider that serves it (the id's prefix): what a caller choosing a
  // model wants to know.
  absl::string_view provider = model.provider();
  if (provider.empty()) {
    provider = absl::string_view(model.id()).substr(0, model.id().find('/'));
  }
  WriteStringMember("owned_by", provider, w);
  if (!model.provider().empty()) {
    WriteStringMember("provider", model.provider(), w);
  }
  w.EndObject();
}

}  // namespace

std::string OpenAiModelListJson(const v1::ListModelsResponse& models) {
  return Json([&](JsonWriter& w) {
    w.StartObject();
    WriteStringMember("object", "list", w);
    WriteKey("data", w);
    w.StartArray();
    for (const v1::Model& model : models.data()) WriteModel(model, w);
    w.EndArray();
    w.EndObject();
  });
}

std::string OpenAiModelJson(const v1::Model& model) {
  return Json([&](JsonWriter& w) { WriteModel(model, w); });
}

std::string OpenAiErrorJson(absl::string_view message, absl::string_view type,
                            absl::string_view param, absl::string_view code) {
  return Json([&](JsonWriter& w) {
    w.StartObject();
    WriteKey("error", w);
    w.StartObject();
    WriteStringMember("message", message, w);
    WriteStringMember("type", type, w);
    WriteNullableString("param", !param.empty(), param, w);
    WriteNullableString("code", !code.empty(), code, w);
    w.EndObject();
    w.EndObject();
  });
}

}  // namespace literllm
