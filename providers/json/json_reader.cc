#include "providers/json/json_reader.h"

#include <cmath>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace literllm {
namespace {

// A parser keeps buffers sized for the largest document it has seen (about
// 15 bytes per input byte). Past this input size the next parse on the
// thread starts from a fresh parser, so one huge answer does not stay
// resident in every thread that once parsed it.
constexpr size_t kRetainedCapacity = 256 * 1024;

// Doubles at or beyond 2^63 do not fit an int64_t.
constexpr double kInt64Limit = 9223372036854775808.0;

simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  if (parser.capacity() > kRetainedCapacity) {
    parser = simdjson::dom::parser();
  }
  return parser;
}

std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }
absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }

google::protobuf::Value ObjectToValue(simdjson::dom::object object) {
  google::protobuf::Value value;
  auto& fields = *value.mutable_struct_value()->mutable_fields();
  for (simdjson::dom::key_value_pair member : object) {
    fields[std::string(member.key)] = ElementToValue(member.value);
  }
  return value;
}

google::protobuf::Value ArrayToValue(simdjson::dom::array array) {
  google::protobuf::Value value;
  auto& values = *value.mutable_list_value()->mutable_values();
  for (simdjson::dom::element item : array) {
    *values.Add() = ElementToValue(item);
  }
  return value;
}

}  // namespace

absl::StatusOr<simdjson::dom::element> ParseJson(absl::string_view json) {
  simdjson::dom::element root;
  // realloc_if_needed = true: simdjson copies into its own padded buffer, as
  // it reads up to SIMDJSON_PADDING bytes past the end of the input.
  simdjson::error_code error =
      ThreadParser().parse(json.data(), json.size(), true).get(root);
  if (error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON: ", simdjson::error_message(error)));
  }
  return root;
}

google::protobuf::Value ElementToValue(simdjson::dom::element element) {
  google::protobuf::Value value;
  switch (element.type()) {
    case simdjson::dom::element_type::OBJECT:
      return ObjectToValue(element.get_object().value_unsafe());
    case simdjson::dom::element_type::ARRAY:
      return ArrayToValue(element.get_array().value_unsafe());
    case simdjson::dom::element_type::STRING:
      value.set_string_value(std::string(element.get_string().value_unsafe()));
      break;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      value.set_number_value(element.get_double().value_unsafe());
      break;
    case simdjson::dom::element_type::BOOL:
      value.set_bool_value(element.get_bool().value_unsafe());
      break;
    case simdjson::dom::element_type::NULL_VALUE:
      value.set_null_value(google::protobuf::NULL_VALUE);
      break;
  }
  return value;
}

absl::StatusOr<google::protobuf::Struct> ElementToStruct(
    simdjson::dom::element element) {
  if (!element.is_object()) {
    return absl::InvalidArgumentError("expected a JSON object");
  }
  google::protobuf::Value value = ElementToValue(element);
  return std::move(*value.mutable_struct_value());
}

JsonObjectReader::JsonObjectReader(simdjson::dom::element element) {
  is_object_ = element.get_object().get(object_) == simdjson::SUCCESS;
  if (!is_object_) status_ = absl::InvalidArgumentError("expected an object");
}

std::optional<simdjson::dom::element> JsonObjectReader::Find(
    absl::string_view key) const {
  simdjson::dom::element member;
  if (!is_object_ ||
      object_.at_key(ToStd(key)).get(member) != simdjson::SUCCESS ||
      member.is_null()) {
    return std::nullopt;
  }
  return member;
}

template <typename T>
std::optional<T> JsonObjectReader::Get(absl::string_view key,
                                       absl::string_view expected) {
  std::optional<simdjson::dom::element> member = Find(key);
  if (!member) return std::nullopt;
  T value;
  if (member->get(value) != simdjson::SUCCESS) {
    Mismatch(key, expected);
    return std::nullopt;
  }
  return value;
}

std::optional<absl::string_view> JsonObjectReader::String(
    absl::string_view key) {
  std::optional<std::string_view> text = Get<std::string_view>(key, "string");
  if (!text) return std::nullopt;
  return ToAbsl(*text);
}

std::optional<int64_t> JsonObjectReader::Int64(absl::string_view key) {
  std::optional<simdjson::dom::element> member = Find(key);
  if (!member) return std::nullopt;
  int64_t integer;
  if (member->get(integer) == simdjson::SUCCESS) return integer;
  // Some OpenAI-compatible servers write counts as 12.0.
  double number;
  if (member->get(number) == simdjson::SUCCESS &&
      std::trunc(number) == number && std::fabs(number) < kInt64Limit) {
    return static_cast<int64_t>(number);
  }
  Mismatch(key, "integer");
  return std::nullopt;
}

std::optional<double> JsonObjectReader::Double(absl::string_view key) {
  return Get<double>(key, "number");
}

std::optional<bool> JsonObjectReader::Bool(absl::string_view key) {
  return Get<bool>(key, "boolean");
}

std::optional<simdjson::dom::element> JsonObjectReader::Object(
    absl::string_view key) {
  std::optional<simdjson::dom::element> member = Find(key);
  if (!member) return std::nullopt;
  if (!member->is_object()) {
    Mismatch(key, "object");
    return std::nullopt;
  }
  return member;
}

std::optional<simdjson::dom::array> JsonObjectReader::Array(
    absl::string_view key) {
  return Get<simdjson::dom::array>(key, "array");
}

void JsonObjectReader::Mismatch(absl::string_view key,
                                absl::string_view expected) {
  if (!status_.ok()) return;  // the first error is the useful one
  status_ = absl::InvalidArgumentError(
      absl::StrCat("member \"", key, "\": expected ", expected));
}

}  // namespace literllm
