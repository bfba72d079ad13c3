# frozen_string_literal: true

# Structured output: response_format json_object, then json_schema.
$LOAD_PATH.unshift(File.expand_path("../lib", __dir__))
require "json"
require "literllm"

client = LiterLlm::LlmClient.new(target: ENV.fetch("LITERLLM_TARGET", "localhost:50051"))
model = ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")

# JSON mode: any JSON object.
response = client.chat(
  model: model,
  messages: [
    { role: "system", content: "Answer in JSON." },
    { role: "user", content: "What is the weather in Paris?" }
  ],
  response_format: { type: "json_object" }
)
data = JSON.parse(response.choices[0].message.content)
puts "json_object: #{data}"

# JSON schema: the schema is a plain Hash (sent as a google.protobuf.Struct).
response = client.chat(
  model: model,
  messages: [{ role: "user", content: "What is the weather in Paris?" }],
  response_format: {
    type: "json_schema",
    json_schema: {
      name: "weather",
      strict: true,
      schema: {
        type: "object",
        properties: {
          city: { type: "string" },
          temperature_c: { type: "number" }
        },
        required: %w[city temperature_c],
        additionalProperties: false
      }
    }
  }
)
weather = JSON.parse(response.choices[0].message.content)
puts "json_schema: city=#{weather['city']} temperature_c=#{weather['temperature_c']}"
