#include "tests/golden/golden_files.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "simdjson.h"

namespace literllm {

std::string ReadGolden(absl::string_view path) {
  std::string full_path = absl::StrCat(TESTDATA_DIR, "/", path);
  std::ifstream file(full_path, std::ios::binary);
  if (!file) {
    ADD_FAILURE() << "cannot open " << full_path;
    return "";
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

std::vector<std::string> ReadGoldenLines(absl::string_view path) {
  return absl::StrSplit(ReadGolden(path), '\n', absl::SkipWhitespace());
}

std::string MinifyJson(absl::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    ADD_FAILURE() << "invalid JSON: " << json;
    return "";
  }
  return simdjson::minify(root);
}

void ProtoFromJson(absl::string_view json, google::protobuf::Message& out) {
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &out);
  EXPECT_TRUE(status.ok()) << status << " in " << json;
}

testing::AssertionResult ProtoEquals(const google::protobuf::Message& expected,
                                     const google::protobuf::Message& actual) {
  std::string diff;
  google::protobuf::util::MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  if (differencer.Compare(expected, actual)) {
    return testing::AssertionSuccess();
  }
  return testing::AssertionFailure() << diff;
}

std::vector<StreamEvent> SplitSseEvents(absl::string_view text) {
  std::string normalized = absl::StrReplaceAll(text, {{"\r\n", "\n"}});
  std::vector<StreamEvent> events;
  for (absl::string_view block : absl::StrSplit(normalized, "\n\n")) {
    StreamEvent event;
    bool has_data = false;
    for (absl::string_view line : absl::StrSplit(block, '\n')) {
      if (absl::ConsumePrefix(&line, "data:")) {
        absl::ConsumePrefix(&line, " ");
        if (has_data) event.data += '\n';
        absl::StrAppend(&event.data, line);
        has_data = true;
      } else if (absl::ConsumePrefix(&line, "event:")) {
        absl::ConsumePrefix(&line, " ");
        event.type = std::string(line);
      }  // ":" comments and anything else carry nothing
    }
    if (has_data) events.push_back(std::move(event));
  }
  return events;
}

}  // namespace literllm
