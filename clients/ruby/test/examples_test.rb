# frozen_string_literal: true

require "test_helper"
require "open3"
require "rbconfig"

# Runs every file of examples/ against the server and checks what it prints.
class ExamplesTest < Minitest::Test
  include GatewayTest

  EXAMPLES = File.expand_path("../examples", __dir__)

  def run_example(name)
    target # skips without a server
    out, err, status = Open3.capture3(RbConfig.ruby, File.join(EXAMPLES, name))
    assert status.success?, "#{name} failed (#{status.exitstatus}):\n#{out}\n#{err}"
    out
  end

  def test_every_example_is_tested
    tested = public_methods.grep(/\Atest_example_/).map { |m| "#{m.to_s.delete_prefix('test_example_')}.rb" }
    assert_equal Dir.children(EXAMPLES).grep(/\.rb\z/).sort, tested.sort
  end

  def test_example_basic_chat
    assert_equal "Hello from the fake\n", run_example("basic_chat.rb")
  end

  def test_example_multi_turn
    out = run_example("multi_turn.rb")
    assert_equal 2, out.scan("Assistant: Hello from the fake").size
    assert_includes out, "Tokens: 12 prompt + 5 completion = 17 total"
    assert_includes out, "Cached prompt tokens: 4"
    assert_includes out, "Reasoning tokens: 2"
    assert_match(/Estimated cost: \$\d+\.\d+/, out)
  end

  def test_example_sampling_parameters
    out = run_example("sampling_parameters.rb")
    assert_includes out, "Hello from the fake"
    assert_includes out, "finish_reason: stop"
    assert_includes out, "model: gpt-4o-2024-08-06 via openai"
  end

  def test_example_response_format
    out = run_example("response_format.rb")
    assert_includes out, 'json_object: {"city"=>"Paris", "temperature_c"=>18}'
    assert_includes out, "json_schema: city=Paris temperature_c=18"
  end

  def test_example_tool_calling
    out = run_example("tool_calling.rb")
    assert_includes out, "finish_reason: tool_calls"
    assert_includes out, 'Tool call call_1: get_weather({"location"=>"Paris"})'
    assert_includes out, "Final answer: Hello from the fake"
  end

  def test_example_streaming
    out = run_example("streaming.rb")
    assert_equal "Hello from the fake\nTokens: 9 prompt + 3 completion = 12 total\n", out
  end
end
