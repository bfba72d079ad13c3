# frozen_string_literal: true

require "minitest/autorun"
require "json"
require "literllm"

module GatewayTest
  # The real server (with a fake provider behind it), from
  # clients/testing/with_gateway.sh; tests that need it skip without it.
  def target
    ENV["LITERLLM_TARGET"].to_s.empty? ? skip("LITERLLM_TARGET not set") : ENV["LITERLLM_TARGET"]
  end

  def model
    ENV.fetch("LITERLLM_TEST_MODEL", "openai/gpt-4o")
  end

  def client
    @client ||= LiterLlm::LlmClient.new(target: target, timeout: 30)
  end
end
