// The basic chat example, as a program that only knows the installed package.
#include <iostream>

#include "literllm/llm_client.h"

int main() {
  literllm::LlmClient client(literllm::LlmClientOptions::FromEnvironment());
  auto response = client.Chat(literllm::UserRequest("openai/gpt-4o", "Hello!"));
  if (!response.ok()) {
    std::cerr << response.status() << "\n";
    return 1;
  }
  std::cout << response->choices(0).message().content() << "\n"
            << "tokens: " << response->usage().total_tokens() << "\n";
  return 0;
}
