# frozen_string_literal: true

require "test_helper"

# The client's API against the real server and the fake provider.
class ClientTest < Minitest::Test
  include GatewayTest

  def test_hash_messages_with_string_or_symbol_keys
    [{ role: "user", content: "Hi" }, { "role" => "user", "content" => "Hi" }].each do |m|
      response = client.chat(model: model, messages: [m])
      assert_instance_of LiterLlm::V1::ChatCompletionResponse, response
      assert_equal "Hello from the fake", response.choices[0].message.content
      assert_equal "assistant", response.choices[0].message.role
      assert_equal "openai", response.provider
      assert_equal 17, response.usage.total_tokens
    end
  end

  def test_typed_messages_and_mixed
    typed = LiterLlm::V1::Message.new(role: "user", content: "Hi")
    response = client.chat(model: model, messages: [{ role: "system", content: "Be terse." }, typed])
    assert_equal "Hello from the fake", response.choices[0].message.content
  end

  def test_whole_typed_request
    request = LiterLlm::V1::ChatCompletionRequest.new(
      model: model, messages: [LiterLlm::V1::Message.new(role: "user", content: "Hi")]
    )
    assert_equal "Hello from the fake", client.chat(request).choices[0].message.content
    assert_equal "Hello from the fake", client.chat(request, temperature: 0.2).choices[0].message.content
  end

  def test_request_as_hash
    response = client.chat({ "model" => model, "messages" => [{ "role" => "user", "content" => "Hi" }] })
    assert_equal "Hello from the fake", response.choices[0].message.content
  end

  def test_tools_with_native_hash_parameters
    response = client.chat(
      model: model,
      messages: [{ role: "user", content: "Weather in Paris?" }],
      tools: [{ type: "function",
                function: { name: "get_weather",
                            parameters: { type: "object",
                                          properties: { location: { type: "string" } },
                                          required: [:location] } } },
              { type: "function", function: { name: "other", parameters: {} } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      parallel_tool_calls: false
    )
    choice = response.choices[0]
    assert_equal "tool_calls", choice.finish_reason
    call = choice.message.tool_calls[0]
    assert_equal "call_1", call.id
    assert_equal "get_weather", call.function.name
    assert_equal({ "location" => "Paris" }, JSON.parse(call.function.arguments))
  end

  def test_stream_with_block_and_enumerator
    chunks = []
    assert_nil client.chat_stream(model: model, messages: [{ role: "user", content: "Hi" }]) { |c| chunks << c }
    text = chunks.flat_map { |c| c.choices.map { |ch| ch.delta.content } }.join
    assert_equal "Hello from the fake", text
    assert_equal 12, chunks.last.usage.total_tokens
    assert_empty chunks.last.choices

    enum = client.chat_stream(model: model, messages: [{ role: "user", content: "Hi" }])
    assert_kind_of Enumerator, enum
    assert_equal "Hello from the fake",
                 enum.flat_map { |c| c.choices.map { |ch| ch.delta.content } }.join
  end

  def test_stream_tool_call_fragments
    calls = Hash.new { |h, k| h[k] = { id: nil, name: "", arguments: "" } }
    finish = nil
    client.chat_stream(model: model, messages: [{ role: "user", content: "Weather?" }],
                       tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }]) do |chunk|
      chunk.choices.each do |choice|
        finish = choice.finish_reason if choice.has_finish_reason?
        choice.delta.tool_calls.each do |d|
          calls[d.index][:id] ||= d.id if d.has_id?
          calls[d.index][:name] += d.function.name if d.function&.has_name?
          calls[d.index][:arguments] += d.function.arguments if d.function&.has_arguments?
        end
      end
    end
    assert_equal "tool_calls", finish
    assert_equal({ id: "call_1", name: "get_weather", arguments: '{"location":"Paris"}' }, calls[0])
  end

  def test_error_carries_code_and_message
    error = assert_raises(LiterLlm::InvalidArgumentError) do
      client.chat(model: "nosuch/model", messages: [{ role: "user", content: "Hi" }])
    end
    assert_kind_of LiterLlm::Error, error
    assert_equal GRPC::Core::StatusCodes::INVALID_ARGUMENT, error.code
    assert_equal :invalid_argument, error.code_name
    assert_includes error.details, "nosuch"
    assert_includes error.message, "INVALID_ARGUMENT"
  end

  def test_stream_error_raises_on_iteration
    error = assert_raises(LiterLlm::Error) do
      client.chat_stream(model: "nosuch/model", messages: [{ role: "user", content: "Hi" }]).to_a
    end
    assert_equal GRPC::Core::StatusCodes::INVALID_ARGUMENT, error.code
  end

  def test_list_models
    response = client.list_models
    assert_equal "list", response.object
    assert(response.data.any? { |m| m.provider == "openai" })
  end

  def test_unreachable_server_is_unavailable
    dead = LiterLlm::LlmClient.new(target: "127.0.0.1:1", timeout: 5, retry_unavailable: false)
    error = assert_raises(LiterLlm::UnavailableError) do
      dead.chat(model: model, messages: [{ role: "user", content: "Hi" }])
    end
    assert_equal GRPC::Core::StatusCodes::UNAVAILABLE, error.code
  end
end
