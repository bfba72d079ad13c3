#ifndef LITERLLM_PROVIDERS_JSON_JSON_WRITER_H_
#define LITERLLM_PROVIDERS_JSON_JSON_WRITER_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace literllm {

// Provider request bodies are streamed straight from protos into one buffer:
// no intermediate DOM. The writer emits compact UTF-8 JSON.
using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Writes `text` as a JSON string (quotes and escapes added).
void WriteString(absl::string_view text, JsonWriter& writer);

// Writes `key` as an object member name.
void WriteKey(absl::string_view key, JsonWriter& writer);

// Writes a number the way a person would: integral values within ±2^53 as
// integers (3, not 3.0), others as the shortest double that round-trips.
// NaN and infinities have no JSON form and become null.
void WriteNumber(double number, JsonWriter& writer);

// One `"key": value` member each. The names spell out the type on purpose:
// with overloads, a string literal would silently pick the bool one.
void WriteStringMember(absl::string_view key, absl::string_view value,
                       JsonWriter& writer);
void WriteNumberMember(absl::string_view key, double value, JsonWriter& writer);
void WriteIntMember(absl::string_view key, int64_t value, JsonWriter& writer);
void WriteBoolMember(absl::string_view key, bool value, JsonWriter& writer);

// Streams a protobuf Value / Struct as the JSON it stands for. Struct members
// are written in key order: the proto map has no order of its own, and a
// stable body keeps provider-side prompt caches warm.
void WriteValue(const google::protobuf::Value& value, JsonWriter& writer);
void WriteStruct(const google::protobuf::Struct& value, JsonWriter& writer);

}  // namespace literllm

#endif  // LITERLLM_PROVIDERS_JSON_JSON_WRITER_H_
