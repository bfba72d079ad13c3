# frozen_string_literal: true

# Sampling parameters: temperature, top_p, max_tokens, seed, penalties, stop.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

response = client.chat(
  model: model,
  messages: [{ role: "user", content: "Write a haiku about the sea." }],
  temperature: 0.7,
  top_p: 0.9,
  max_tokens: 100,
  seed: 42,
  presence_penalty: 0.1,
  frequency_penalty: 0.2,
  stop: ["\n\n\n"],
  user: "example-user"
)
puts response.choices[0].message.content
puts "finish_reason: #{response.choices[0].finish_reason}"
puts "model: #{response.model} via #{response.provider}"
