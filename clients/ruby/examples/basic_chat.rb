# frozen_string_literal: true

# Basic chat: one user message, print the answer.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

response = client.chat(
  model: model,
  messages: [{ role: "user", content: "Hello!" }]
)
puts response.choices[0].message.content
