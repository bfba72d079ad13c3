# frozen_string_literal: true

# Tool calling: the model calls a tool, we run it, send the result back and
# print the final answer.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "json"
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

def get_weather(location:)
  { location: location, temperature_c: 18, conditions: "sunny" }
end

tools = [{
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a location",
    parameters: {
      type: "object",
      properties: { location: { type: "string", description: "City name" } },
      required: ["location"]
    }
  }
}]

messages = [{ role: "user", content: "What is the weather in Paris?" }]
response = client.chat(model: model, messages: messages, tools: tools, tool_choice: "auto")
assistant = response.choices[0].message
puts "finish_reason: #{response.choices[0].finish_reason}"

# Keep the assistant's turn (with its tool calls) in the history.
messages << assistant
assistant.tool_calls.each do |call|
  args = JSON.parse(call.function.arguments)
  puts "Tool call #{call.id}: #{call.function.name}(#{args})"
  result = get_weather(location: args.fetch("location"))
  messages << { role: "tool", tool_call_id: call.id, content: JSON.generate(result) }
end

final = client.chat(model: model, messages: messages, tools: tools)
puts "Final answer: #{final.choices[0].message.content}"
