#include "bench/tools/chat_request.h"

#include <google/protobuf/util/json_util.h>

#include <cstdlib>

namespace literllm::bench {

v1::ChatCompletionRequest BenchRequest(const std::string& model,
                                       const std::string& prompt) {
  v1::ChatCompletionRequest request;
  request.set_model(model);
  v1::Message* message = request.add_messages();
  message->set_role("user");
  message->set_content(prompt);
  return request;
}

std::string OpenAiJson(const v1::ChatCompletionRequest& request) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(request, &json, options)
           .ok()) {
    std::abort();  // a request we built ourselves always prints
  }
  return json;
}

}  // namespace literllm::bench
