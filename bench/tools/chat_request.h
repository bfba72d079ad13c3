#ifndef LITERLLM_BENCH_TOOLS_CHAT_REQUEST_H_
#define LITERLLM_BENCH_TOOLS_CHAT_REQUEST_H_

#include <string>

#include "literllm/v1/llm_service.pb.h"

namespace literllm::bench {

// The benchmark's chat request: one user message holding `prompt`.
v1::ChatCompletionRequest BenchRequest(const std::string& model,
                                       const std::string& prompt);

// The same request as an OpenAI JSON body: the proto's JSON form uses
// OpenAI's field names, so gRPC and HTTP targets get identical requests.
std::string OpenAiJson(const v1::ChatCompletionRequest& request);

}  // namespace literllm::bench

#endif  // LITERLLM_BENCH_TOOLS_CHAT_REQUEST_H_
