#include "providers/json/json_reader.h"

#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace literllm {
namespace {

simdjson::dom::element Parse(absl::string_view json) {
  absl::StatusOr<simdjson::dom::element> root = ParseJson(json);
  EXPECT_TRUE(root.ok()) << root.status();
  return root.ok() ? *root : simdjson::dom::element();
}

TEST(ParseJsonTest, RejectsInvalidDocuments) {
  for (absl::string_view bad : {"", "{", "[1,]", "nul", "{} x", "\"\\x\""}) {
    absl::StatusOr<simdjson::dom::element> root = ParseJson(bad);
    ASSERT_FALSE(root.ok()) << bad;
    EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(root.status().message(), "invalid JSON: "))
        << root.status();
  }
}

TEST(ParseJsonTest, ReadsOnlyTheViewNotTheBytesAfterIt) {
  std::string buffer = R"({"a":[1,2]}, "trailing bytes")";
  simdjson::dom::element root = Parse(absl::string_view(buffer).substr(0, 11));
  EXPECT_EQ(simdjson::minify(root), R"({"a":[1,2]})");
}

TEST(ParseJsonTest, LargeDocumentThenSmallOne) {
  // The large document grows the thread's parser past what it keeps; the
  // next parse must start from a fresh parser and still work.
  std::string large = "[" + std::string(400 * 1024, ' ') + "1]";
  EXPECT_EQ(simdjson::minify(Parse(large)), "[1]");
  EXPECT_EQ(simdjson::minify(Parse(R"({"b":true})")), R"({"b":true})");
}

TEST(ElementToValueTest, ConvertsEveryKind) {
  google::protobuf::Value value =
      ElementToValue(Parse(R"({"s":"caf\u00e9\ud83d\ude00","i":3,)"
                           R"("u":18446744073709551615,"d":0.25,"b":true,)"
                           R"("n":null,"l":[1,"x"],"o":{"k":{}}})"));
  const auto& fields = value.struct_value().fields();
  EXPECT_EQ(fields.at("s").string_value(), "café😀");
  EXPECT_EQ(fields.at("i").number_value(), 3);
  EXPECT_EQ(fields.at("u").number_value(), 18446744073709551615.0);
  EXPECT_EQ(fields.at("d").number_value(), 0.25);
  EXPECT_TRUE(fields.at("b").bool_value());
  EXPECT_EQ(fields.at("n").kind_case(), google::protobuf::Value::kNullValue);
  ASSERT_EQ(fields.at("l").list_value().values_size(), 2);
  EXPECT_EQ(fields.at("l").list_value().values(1).string_value(), "x");
  EXPECT_TRUE(
      fields.at("o").struct_value().fields().at("k").has_struct_value());
}

TEST(ElementToStructTest, RequiresAnObject) {
  absl::StatusOr<google::protobuf::Struct> object =
      ElementToStruct(Parse(R"({"a":1})"));
  ASSERT_TRUE(object.ok()) << object.status();
  EXPECT_EQ(object->fields().at("a").number_value(), 1);

  absl::StatusOr<google::protobuf::Struct> array = ElementToStruct(Parse("[]"));
  EXPECT_EQ(array.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(JsonObjectReaderTest, ReadsTypedMembers) {
  JsonObjectReader reader(Parse(
      R"({"s":"x","i":-7,"f":12.0,"d":0.5,"di":2,"b":false,"o":{},"a":[1]})"));
  EXPECT_EQ(reader.String("s"), "x");
  EXPECT_EQ(reader.Int64("i"), -7);
  EXPECT_EQ(reader.Int64("f"), 12);
  EXPECT_EQ(reader.Double("d"), 0.5);
  EXPECT_EQ(reader.Double("di"), 2.0);
  EXPECT_EQ(reader.Bool("b"), false);
  EXPECT_TRUE(reader.Object("o").has_value());
  ASSERT_TRUE(reader.Array("a").has_value());
  EXPECT_EQ(reader.Array("a")->size(), 1u);
  EXPECT_TRUE(reader.status().ok()) << reader.status();
}

TEST(JsonObjectReaderTest, AbsentAndNullReadAsNothing) {
  JsonObjectReader reader(Parse(R"({"s":null,"o":null,"a":null})"));
  EXPECT_FALSE(reader.String("s").has_value());
  EXPECT_FALSE(reader.String("missing").has_value());
  EXPECT_FALSE(reader.Int64("missing").has_value());
  EXPECT_FALSE(reader.Double("s").has_value());
  EXPECT_FALSE(reader.Bool("s").has_value());
  EXPECT_FALSE(reader.Object("o").has_value());
  EXPECT_FALSE(reader.Array("a").has_value());
  EXPECT_FALSE(reader.Find("s").has_value());
  EXPECT_TRUE(reader.status().ok()) << reader.status();
}

TEST(JsonObjectReaderTest, FirstTypeMismatchIsKept) {
  JsonObjectReader reader(Parse(R"({"index":"0","half":1.5,"s":1})"));
  EXPECT_FALSE(reader.Int64("index").has_value());
  EXPECT_FALSE(reader.Int64("half").has_value());
  EXPECT_FALSE(reader.String("s").has_value());
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.status().message(), "member \"index\": expected integer");
}

TEST(JsonObjectReaderTest, EachGetterReportsItsType) {
  simdjson::dom::element root = Parse(R"({"v":[]})");
  EXPECT_EQ(JsonObjectReader(root).status().message(), "");
  JsonObjectReader strings(root), doubles(root), bools(root), objects(root);
  strings.String("v");
  doubles.Double("v");
  bools.Bool("v");
  objects.Object("v");
  EXPECT_EQ(strings.status().message(), "member \"v\": expected string");
  EXPECT_EQ(doubles.status().message(), "member \"v\": expected number");
  EXPECT_EQ(bools.status().message(), "member \"v\": expected boolean");
  EXPECT_EQ(objects.status().message(), "member \"v\": expected object");
  JsonObjectReader arrays(Parse(R"({"v":{}})"));
  arrays.Array("v");
  EXPECT_EQ(arrays.status().message(), "member \"v\": expected array");
}

TEST(JsonObjectReaderTest, NonObjectIsAnError) {
  JsonObjectReader reader(Parse("[1]"));
  EXPECT_FALSE(reader.String("a").has_value());
  EXPECT_EQ(reader.status().message(), "expected an object");
}

TEST(ParseJsonBodyTest, ReadsTheRoot) {
  absl::StatusOr<std::string> name = ParseJsonBody<std::string>(
      "acme", "thing", R"({"name":"x"})",
      [](simdjson::dom::element root, std::string& out) {
        JsonObjectReader reader(root);
        out = std::string(reader.String("name").value_or(""));
        return reader.status();
      });
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "x");
}

TEST(ParseJsonBodyTest, BadJsonOrShapeIsInternalNamingWhat) {
  auto read = [](simdjson::dom::element root, int64_t& out) {
    JsonObjectReader reader(root);
    out = reader.Int64("n").value_or(0);
    return reader.status();
  };
  absl::StatusOr<int64_t> bad_json =
      ParseJsonBody<int64_t>("acme", "thing", "{", read);
  EXPECT_EQ(bad_json.status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(absl::StartsWith(bad_json.status().message(),
                               "acme: could not parse thing: invalid JSON: "))
      << bad_json.status();
  absl::StatusOr<int64_t> bad_shape =
      ParseJsonBody<int64_t>("acme", "thing", R"({"n":"1"})", read);
  EXPECT_EQ(bad_shape.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(bad_shape.status().message(),
            "acme: could not parse thing: member \"n\": expected integer");
}

TEST(ReadEachTest, ReadsEveryElementOrNamesTheMissingArray) {
  auto root = ParseJson(R"({"data":[{"id":"a"},{"id":"b"}]})");
  ASSERT_TRUE(root.ok());
  std::vector<std::string> ids;
  auto read_id = [](simdjson::dom::element e, std::string& out) {
    JsonObjectReader item(e);
    out = std::string(item.String("id").value_or(""));
    return item.status();
  };
  ASSERT_TRUE(ReadEach(*root, "data", ids, read_id).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b"}));
  absl::Status missing = ReadEach(*root, "models", ids, read_id);
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.message(), "no \"models\" array");
}

}  // namespace
}  // namespace literllm
