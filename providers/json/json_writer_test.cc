#include "providers/json/json_writer.h"

#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "providers/json/json_reader.h"

namespace literllm {
namespace {

std::string Number(double number) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteNumber(number, writer);
  return buffer.GetString();
}

std::string ValueJson(const google::protobuf::Value& value) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteValue(value, writer);
  return buffer.GetString();
}

// Parses `json`, converts it to protobuf and writes it back.
std::string RoundTrip(const std::string& json) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(json);
  EXPECT_TRUE(root.ok()) << root.status();
  if (!root.ok()) return "";
  return ValueJson(ElementToValue(*root));
}

TEST(WriteNumberTest, IntegralValuesAreIntegers) {
  EXPECT_EQ(Number(3), "3");
  EXPECT_EQ(Number(-42), "-42");
  EXPECT_EQ(Number(0), "0");
  EXPECT_EQ(Number(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(Number(-9007199254740992.0), "-9007199254740992");
}

TEST(WriteNumberTest, OtherValuesAreShortestDoubles) {
  EXPECT_EQ(Number(0.7), "0.7");
  EXPECT_EQ(Number(3.5), "3.5");
  EXPECT_EQ(Number(-0.1), "-0.1");
  EXPECT_EQ(Number(1e-7), "1e-7");
  EXPECT_EQ(Number(1e300), "1e300");
  // Beyond 2^53 an integer rendering would invent precision.
  EXPECT_EQ(Number(9007199254740994.0), "9007199254740994.0");
}

TEST(WriteNumberTest, NonFiniteBecomesNull) {
  EXPECT_EQ(Number(std::nan("")), "null");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "null");
}

TEST(WriteValueTest, AllKinds) {
  google::protobuf::Value value;
  EXPECT_EQ(ValueJson(value), "null");  // no kind set
  value.set_null_value(google::protobuf::NULL_VALUE);
  EXPECT_EQ(ValueJson(value), "null");
  value.set_bool_value(false);
  EXPECT_EQ(ValueJson(value), "false");
  value.set_string_value("auto");
  EXPECT_EQ(ValueJson(value), "\"auto\"");
  value.set_number_value(2);
  EXPECT_EQ(ValueJson(value), "2");
  auto* list = value.mutable_list_value();
  list->add_values()->set_number_value(1.5);
  list->add_values()->set_bool_value(true);
  list->add_values()->mutable_list_value();
  EXPECT_EQ(ValueJson(value), "[1.5,true,[]]");
}

TEST(WriteStructTest, NestedStructsWithKeysInOrder) {
  google::protobuf::Struct schema;
  auto& fields = *schema.mutable_fields();
  fields["type"].set_string_value("object");
  fields["required"].mutable_list_value()->add_values()->set_string_value(
      "city");
  auto& properties = *fields["properties"].mutable_struct_value();
  auto& city = *(*properties.mutable_fields())["city"].mutable_struct_value();
  (*city.mutable_fields())["type"].set_string_value("string");
  (*city.mutable_fields())["maxLength"].set_number_value(64);

  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteStruct(schema, writer);
  EXPECT_EQ(std::string(buffer.GetString()),
            R"({"properties":{"city":{"maxLength":64,"type":"string"}},)"
            R"("required":["city"],"type":"object"})");
}

TEST(WriteStructTest, EmptyStruct) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteStruct(google::protobuf::Struct(), writer);
  EXPECT_EQ(std::string(buffer.GetString()), "{}");
}

TEST(WriteStringTest, EscapesAndUnicode) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  // Control characters, quotes and backslashes are escaped; UTF-8 passes
  // through as is, and an embedded NUL is kept.
  std::string text = "é😀 \"q\" \\ /\n\t\x01";
  text += '\0';
  text += 'z';
  WriteString(text, writer);
  EXPECT_EQ(std::string(buffer.GetString(), buffer.GetSize()),
            "\"é😀 \\\"q\\\" \\\\ /\\n\\t\\u0001\\u0000z\"");
}

TEST(WriteMemberTest, OneMemberPerType) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  WriteStringMember("s", "v", writer);
  WriteNumberMember("d", 0.5, writer);
  WriteIntMember("i", 9007199254740993, writer);
  WriteBoolMember("b", true, writer);
  writer.EndObject();
  EXPECT_EQ(std::string(buffer.GetString()),
            R"({"s":"v","d":0.5,"i":9007199254740993,"b":true})");
}

TEST(RoundTripTest, JsonSurvivesProtobufAndBack) {
  EXPECT_EQ(RoundTrip(R"({"b":[1,2.5,"x",null,true,{}],"a":{"c":-3}})"),
            R"({"a":{"c":-3},"b":[1,2.5,"x",null,true,{}]})");
  EXPECT_EQ(RoundTrip(R"("caf\u00e9 \ud83d\ude00 \"\\")"),
            "\"café 😀 \\\"\\\\\"");
  EXPECT_EQ(RoundTrip("[0.1,1e21,-0]"), "[0.1,1e21,0]");
}

}  // namespace
}  // namespace literllm
