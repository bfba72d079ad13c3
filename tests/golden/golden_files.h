#ifndef LITERLLM_TESTS_GOLDEN_GOLDEN_FILES_H_
#define LITERLLM_TESTS_GOLDEN_GOLDEN_FILES_H_

// Test-only helpers for codec golden files under TESTDATA_DIR. Failures are
// reported to the running gtest test (the helpers then return empty values).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "providers/http/sse_parser.h"

namespace literllm {

// The contents of TESTDATA_DIR/<path>.
std::string ReadGolden(absl::string_view path);

// The non-empty lines of TESTDATA_DIR/<path> (for .jsonl files).
std::vector<std::string> ReadGoldenLines(absl::string_view path);

// `json` without insignificant whitespace, for comparing JSON as text.
std::string MinifyJson(absl::string_view json);

// Fills `out` from its proto3 JSON form.
void ProtoFromJson(absl::string_view json, google::protobuf::Message& out);

// Success when the protos are equal field by field (presence included),
// otherwise the differences.
testing::AssertionResult ProtoEquals(const google::protobuf::Message& expected,
                                     const google::protobuf::Message& actual);

// The events of an SSE text whose events are separated by blank lines.
// Deliberately simple (no split bytes, no CR-only endings): the real parser
// is tested on its own, these tests are about the decoder.
std::vector<StreamEvent> SplitSseEvents(absl::string_view text);

}  // namespace literllm

#endif  // LITERLLM_TESTS_GOLDEN_GOLDEN_FILES_H_
