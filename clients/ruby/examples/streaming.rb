# frozen_string_literal: true

# Streaming: print the answer as it arrives, then the usage of the last chunk.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

usage = nil
client.chat_stream(
  model: model,
  messages: [{ role: "user", content: "Tell me a short story." }]
) do |chunk|
  chunk.choices.each { |choice| print choice.delta.content }
  usage = chunk.usage if chunk.usage
end
puts
puts "Tokens: #{usage.prompt_tokens} prompt + #{usage.completion_tokens} completion = #{usage.total_tokens} total" if usage
