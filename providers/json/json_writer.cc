#include "providers/json/json_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace literllm {
namespace {

// Doubles represent every integer up to 2^53 exactly; beyond that an
// integer rendering would claim precision the value does not have.
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

void WriteList(const google::protobuf::ListValue& list, JsonWriter& writer) {
  writer.StartArray();
  for (const google::protobuf::Value& item : list.values()) {
    WriteValue(item, writer);
  }
  writer.EndArray();
}

}  // namespace

void WriteString(absl::string_view text, JsonWriter& writer) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void WriteKey(absl::string_view key, JsonWriter& writer) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void WriteNumber(double number, JsonWriter& writer) {
  if (!std::isfinite(number)) {
    writer.Null();
  } else if (std::trunc(number) == number &&
             std::fabs(number) <= kMaxExactInteger) {
    writer.Int64(static_cast<int64_t>(number));
  } else {
    writer.Double(number);
  }
}

void WriteStringMember(absl::string_view key, absl::string_view value,
                       JsonWriter& writer) {
  WriteKey(key, writer);
  WriteString(value, writer);
}

void WriteNumberMember(absl::string_view key, double value,
                       JsonWriter& writer) {
  WriteKey(key, writer);
  WriteNumber(value, writer);
}

void WriteIntMember(absl::string_view key, int64_t value, JsonWriter& writer) {
  WriteKey(key, writer);
  writer.Int64(value);
}

void WriteBoolMember(absl::string_view key, bool value, JsonWriter& writer) {
  WriteKey(key, writer);
  writer.Bool(value);
}

void WriteValue(const google::protobuf::Value& value, JsonWriter& writer) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kNumberValue:
      WriteNumber(value.number_value(), writer);
      break;
    case google::protobuf::Value::kStringValue:
      WriteString(value.string_value(), writer);
      break;
    case google::protobuf::Value::kBoolValue:
      writer.Bool(value.bool_value());
      break;
    case google::protobuf::Value::kStructValue:
      WriteStruct(value.struct_value(), writer);
      break;
    case google::protobuf::Value::kListValue:
      WriteList(value.list_value(), writer);
      break;
    case google::protobuf::Value::kNullValue:
    case google::protobuf::Value::KIND_NOT_SET:
      writer.Null();
      break;
  }
}

void WriteStruct(const google::protobuf::Struct& value, JsonWriter& writer) {
  using Field =
      const google::protobuf::Map<std::string,
                                  google::protobuf::Value>::value_type;
  std::vector<Field*> fields;
  fields.reserve(value.fields().size());
  for (Field& field : value.fields()) fields.push_back(&field);
  std::sort(fields.begin(), fields.end(),
            [](Field* a, Field* b) { return a->first < b->first; });

  writer.StartObject();
  for (Field* field : fields) {
    WriteKey(field->first, writer);
    WriteValue(field->second, writer);
  }
  writer.EndObject();
}

}  // namespace literllm
