#include "service/tracing/genai_messages.h"

#include <string>

#include "gtest/gtest.h"

namespace literllm {
namespace {

TEST(GenAiMessagesTest, ToolCallsAndTheirResults) {
  v1::ChatCompletionRequest request;
  v1::Message* system = request.add_messages();
  system->set_role("system");
  system->set_content("Be brief.");
  v1::Message* assistant = request.add_messages();
  assistant->set_role("assistant");
  v1::ToolCall* call = assistant->add_tool_calls();
  call->set_id("call_1");
  call->mutable_function()->set_name("weather");
  call->mutable_function()->set_arguments(R"({"city":"Paris"})");
  v1::Message* tool = request.add_messages();
  tool->set_role("tool");
  tool->set_tool_call_id("call_1");
  tool->set_content("18C");
  EXPECT_EQ(
      InputMessagesJson(request),
      R"([{"role":"system","parts":[{"type":"text","content":"Be brief."}]},)"
      R"({"role":"assistant","parts":[{"type":"tool_call","id":"call_1",)"
      R"("name":"weather","arguments":"{\"city\":\"Paris\"}"}]},)"
      R"({"role":"tool","parts":[{"type":"tool_call_response","id":"call_1",)"
      R"("response":"18C"}]}])");
}

TEST(GenAiMessagesTest, ImagesAreNamedAndInlineOnesNotCopied) {
  v1::ChatCompletionRequest request;
  v1::Message* user = request.add_messages();
  user->set_role("user");
  v1::ContentPart* text = user->add_content_parts();
  text->set_type("text");
  text->set_text("What is this?");
  v1::ContentPart* linked = user->add_content_parts();
  linked->set_type("image_url");
  linked->mutable_image_url()->set_url("https://example.com/cat.png");
  v1::ContentPart* inline_image = user->add_content_parts();
  inline_image->set_type("image_url");
  inline_image->mutable_image_url()->set_url("data:image/png;base64,AAAA");
  EXPECT_EQ(
      InputMessagesJson(request),
      R"([{"role":"user","parts":[)"
      R"({"type":"text","content":"What is this?"},)"
      R"({"type":"uri","modality":"image","uri":"https://example.com/cat.png"},)"
      R"({"type":"uri","modality":"image"}]}])");
}

TEST(GenAiMessagesTest, LongTextIsCut) {
  v1::ChatCompletionRequest request;
  v1::Message* user = request.add_messages();
  user->set_role("user");
  user->set_content(std::string(kMaxCapturedText + 1000, 'a'));
  EXPECT_LT(InputMessagesJson(request).size(), kMaxCapturedText + 100);
}

TEST(GenAiMessagesTest, OutputWithFinishReason) {
  EXPECT_EQ(OutputMessagesJson("Hi", {"length"}),
            R"([{"role":"assistant","parts":[{"type":"text","content":"Hi"}],)"
            R"("finish_reason":"length"}])");
  EXPECT_EQ(OutputMessagesJson("", {}), R"([{"role":"assistant","parts":[]}])");
}

}  // namespace
}  // namespace literllm
