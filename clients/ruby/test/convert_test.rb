# frozen_string_literal: true

require "test_helper"

# Building requests from native Ruby data; no server needed.
class ConvertTest < Minitest::Test
  V1 = LiterLlm::V1

  def request(**fields)
    LiterLlm::Convert.message(V1::ChatCompletionRequest, fields)
  end

  def test_scalars_and_messages
    req = request(model: "openai/gpt-4o", messages: [{ role: :user, content: "Hi", name: "bob" }],
                  temperature: 1, top_p: 0.5, max_tokens: 10, seed: 42, stop: %w[a b], stream: false)
    assert_equal "openai/gpt-4o", req.model
    assert_equal "user", req.messages[0].role
    assert_equal "bob", req.messages[0].name
    assert_in_delta 1.0, req.temperature
    assert_equal 10, req.max_tokens
    assert_equal 42, req.seed
    assert_equal %w[a b], req.stop.to_a
    assert req.has_stream?
    refute req.has_n?
  end

  def test_nil_means_unset
    req = request(model: "m", messages: [{ role: "assistant", content: nil, tool_calls: [] }], temperature: nil)
    refute req.messages[0].has_content?
    refute req.has_temperature?
  end

  def test_struct_fields_take_native_hashes
    req = request(
      tools: [{ type: "function",
                function: { name: "f", strict: true,
                            parameters: { type: "object", properties: { n: { type: :integer, minimum: 1 } },
                                          required: [:n], additionalProperties: false } } }],
      response_format: { type: "json_schema", json_schema: { name: "s", schema: { "type" => "object" } } },
      tool_choice: { type: "function", function: { name: "f" } }
    )
    params = req.tools[0].function.parameters
    assert_instance_of Google::Protobuf::Struct, params
    assert_equal({ "type" => "object", "properties" => { "n" => { "type" => "integer", "minimum" => 1.0 } },
                   "required" => ["n"], "additionalProperties" => false }, params.to_h)
    assert_equal({ "type" => "object" }, req.response_format.json_schema.schema.to_h)
    assert_equal({ "type" => "function", "function" => { "name" => "f" } }, req.tool_choice.to_ruby(true))
    assert_equal "auto", request(tool_choice: "auto").tool_choice.string_value
  end

  def test_durations
    assert_equal 20, request(attempt_timeout: "20s").attempt_timeout.seconds
    d = request(attempt_timeout: 1.5).attempt_timeout
    assert_equal [1, 500_000_000], [d.seconds, d.nanos]
  end

  def test_typed_values_pass_through_and_mix
    typed = V1::Message.new(role: "user", content: "typed")
    req = request(messages: [typed, { role: "user", content: "hash" }])
    assert_equal %w[typed hash], req.messages.map(&:content)
    whole = V1::ChatCompletionRequest.new(model: "m")
    assert_same whole, LiterLlm::Convert.message(V1::ChatCompletionRequest, whole)
  end

  def test_unknown_fields_and_bad_types_raise_argument_error
    assert_raises(ArgumentError) { request(modle: "typo") }
    assert_raises(ArgumentError) { request(messages: [{ role: "user", contnet: "x" }]) }
    assert_raises(ArgumentError) { request(max_tokens: "ten") }
    assert_raises(ArgumentError) { request(messages: { role: "user" }) }
  end

  def test_build_request_merges_keywords_into_a_request
    client = LiterLlm::LlmClient.new(target: "127.0.0.1:1")
    base = V1::ChatCompletionRequest.new(model: "m", temperature: 0.1,
                                         messages: [V1::Message.new(role: "user", content: "a")])
    merged = client.build_request(base, { temperature: 0.9, messages: [{ role: "user", content: "b" }], top_p: nil })
    assert_in_delta 0.9, merged.temperature
    assert_equal ["b"], merged.messages.map(&:content)
    assert_in_delta 0.1, base.temperature # the caller's request is not changed
    refute merged.has_n?
    client.close
  end
end
