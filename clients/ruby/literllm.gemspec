# frozen_string_literal: true

require_relative "lib/literllm/version"

# Build with `./generate.sh && gem build literllm.gemspec`: the gem ships the
# stubs generated from proto/ (lib/literllm/gen).
Gem::Specification.new do |spec|
  spec.name = "literllm"
  spec.version = LiterLlm::VERSION
  spec.summary = "Ruby client for literllm, the gRPC LLM gateway"
  spec.description = "LiterLlm::LlmClient: chat and streaming chat with any provider " \
                     "through literllm's literllm.v1.LlmService, with OpenAI's field names."
  spec.authors = ["literllm authors"]
  spec.required_ruby_version = ">= 2.7"
  spec.files = Dir["lib/**/*.rb", "examples/*.rb", "README.md"]
  spec.require_paths = ["lib"]
  spec.add_dependency "google-protobuf", ">= 3.21"
  spec.add_dependency "grpc", ">= 1.51"
end
