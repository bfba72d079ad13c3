# frozen_string_literal: true

# Multi-turn conversation: keep the history, print token usage per turn.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

messages = [
  { role: "system", content: "You are a helpful geography assistant." },
  { role: "user", content: "What is the capital of France?" }
]

response = client.chat(model: model, messages: messages)
puts "Assistant: #{response.choices[0].message.content}"
puts "Tokens: #{response.usage.prompt_tokens} prompt + " \
     "#{response.usage.completion_tokens} completion = #{response.usage.total_tokens} total"

# The assistant's message goes back as is (a typed message mixes with hashes).
messages << response.choices[0].message
messages << { role: "user", content: "And what is its population?" }

response = client.chat(model: model, messages: messages)
puts "Assistant: #{response.choices[0].message.content}"
usage = response.usage
puts "Tokens: #{usage.prompt_tokens} prompt + #{usage.completion_tokens} completion = #{usage.total_tokens} total"
puts "Cached prompt tokens: #{usage.prompt_tokens_details&.cached_tokens.to_i}"
puts "Reasoning tokens: #{usage.completion_tokens_details&.reasoning_tokens.to_i}"
puts "Estimated cost: $#{format('%.6f', response.estimated_cost_usd)}" if response.has_estimated_cost_usd?
