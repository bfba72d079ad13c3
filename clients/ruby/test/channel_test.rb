# frozen_string_literal: true

require "test_helper"

# Channel behaviour (metadata, deadlines, retries, defaults) against an
# in-process Ruby gRPC server that records what it receives.
class ChannelTest < Minitest::Test
  V1 = LiterLlm::V1

  # Ruby's server sends response headers before an error status; gRPC clients
  # never retry once headers have arrived. The C++ server (like most) answers
  # errors as "trailers-only", which is what makes UNAVAILABLE retryable: do
  # the same here by sending headers and status in one batch.
  module TrailersOnlyErrors
    def send_status(code = GRPC::Core::StatusCodes::OK, details = "", assert_finished = false, metadata: {})
      return super if code == GRPC::Core::StatusCodes::OK || @metadata_sent

      @send_initial_md_mutex.synchronize { @metadata_sent = true }
      ops = GRPC::Core::CallOps
      @call.run_batch(ops::SEND_INITIAL_METADATA => @metadata_to_send,
                      ops::SEND_STATUS_FROM_SERVER => Struct::Status.new(code, details, metadata))
      set_output_stream_done
      nil
    end
  end
  GRPC::ActiveCall.prepend(TrailersOnlyErrors)

  class RecordingService < V1::LlmService::Service
    attr_accessor :metadata, :calls, :fail_times, :delay

    def initialize
      super
      @calls = 0
      @fail_times = 0
      @delay = 0
    end

    def chat(_request, call)
      @calls += 1
      @metadata = call.metadata
      sleep @delay if @delay.positive?
      raise GRPC::Unavailable, "try again" if @calls <= @fail_times

      V1::ChatCompletionResponse.new(
        object: "chat.completion",
        choices: [V1::Choice.new(message: V1::Message.new(role: "assistant", content: "ok"))]
      )
    end
  end

  def setup
    @service = RecordingService.new
    @server = GRPC::RpcServer.new(pool_size: 4, poll_period: 0.1)
    @port = @server.add_http2_port("127.0.0.1:0", :this_port_is_insecure)
    @server.handle(@service)
    @thread = Thread.new { @server.run }
    @server.wait_till_running
  end

  def teardown
    @server.stop
    @thread.join
  end

  def new_client(**options)
    LiterLlm::LlmClient.new(target: "127.0.0.1:#{@port}", **options)
  end

  def hi(client, **options)
    client.chat(model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }], **options)
  end

  def with_env(vars)
    saved = vars.keys.to_h { |k| [k, ENV[k]] }
    vars.each { |k, v| ENV[k] = v }
    yield
  ensure
    saved.each { |k, v| ENV[k] = v }
  end

  def test_api_key_sent_as_bearer_authorization
    assert_equal "ok", hi(new_client(api_key: "sk-test-123")).choices[0].message.content
    assert_equal "Bearer sk-test-123", @service.metadata["authorization"]
  end

  def test_no_api_key_sends_no_authorization
    with_env("LITERLLM_API_KEY" => nil) { hi(new_client) }
    refute @service.metadata.key?("authorization")
  end

  def test_api_key_and_target_from_environment
    with_env("LITERLLM_API_KEY" => "sk-env", "LITERLLM_TARGET" => "127.0.0.1:#{@port}") do
      client = LiterLlm::LlmClient.new
      assert_equal "127.0.0.1:#{@port}", client.target
      hi(client)
    end
    assert_equal "Bearer sk-env", @service.metadata["authorization"]
  end

  def test_default_target
    with_env("LITERLLM_TARGET" => nil) do
      assert_equal "localhost:50051", LiterLlm::LlmClient.new.target
    end
  end

  def test_extra_and_per_call_metadata
    hi(new_client(metadata: { "x-team" => "search" }), metadata: { "literllm-max-retries" => 2 })
    assert_equal "search", @service.metadata["x-team"]
    assert_equal "2", @service.metadata["literllm-max-retries"]
  end

  def test_default_deadline
    @service.delay = 1.0
    error = assert_raises(LiterLlm::DeadlineExceededError) { hi(new_client(timeout: 0.2)) }
    assert_equal GRPC::Core::StatusCodes::DEADLINE_EXCEEDED, error.code
  end

  def test_per_call_timeout_overrides_default
    @service.delay = 0.5
    assert_raises(LiterLlm::DeadlineExceededError) { hi(new_client(timeout: 30), timeout: 0.1) }
    assert_equal "ok", hi(new_client(timeout: 0.1), timeout: 5).choices[0].message.content
  end

  def test_unavailable_is_retried
    @service.fail_times = 2
    assert_equal "ok", hi(new_client).choices[0].message.content
    assert_equal 3, @service.calls
  end

  def test_no_retry_when_disabled
    @service.fail_times = 1
    error = assert_raises(LiterLlm::UnavailableError) { hi(new_client(retry_unavailable: false)) }
    assert_equal "try again", error.details
    assert_equal 1, @service.calls
  end
end
