# frozen_string_literal: true

# Ruby client for literllm, the gRPC LLM gateway.
#
#   require "literllm"
#   client = LiterLlm::LlmClient.new
#   response = client.chat(model: "openai/gpt-4o",
#                          messages: [{ role: "user", content: "Hello!" }])
#   puts response.choices[0].message.content

# The stubs generated from proto/ live in lib/literllm/gen (see generate.sh);
# they require each other as "literllm/v1/...", so that directory goes on the
# load path.
gen_dir = File.expand_path("literllm/gen", __dir__)
unless File.exist?(File.join(gen_dir, "literllm/v1/llm_service_services_pb.rb"))
  raise LoadError, "literllm: generated stubs missing in #{gen_dir}; " \
                   "run #{File.expand_path('../generate.sh', __dir__)}"
end
$LOAD_PATH.unshift(gen_dir) unless $LOAD_PATH.include?(gen_dir)

require "grpc"
require "google/protobuf"
require "google/protobuf/well_known_types"
require "literllm/v1/llm_service_pb"
require "literllm/v1/llm_service_services_pb"

require_relative "literllm/version"
require_relative "literllm/errors"
require_relative "literllm/convert"
require_relative "literllm/client"

module LiterLlm
  # The generated message classes: LiterLlm::V1::ChatCompletionRequest,
  # LiterLlm::V1::Message, LiterLlm::V1::Tool, ...
  V1 = ::Literllm::V1
end
