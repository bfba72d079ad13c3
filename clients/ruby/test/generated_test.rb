# frozen_string_literal: true

require "test_helper"
require "tmpdir"

# The stubs in lib/literllm/gen are generated from proto/ (generate.sh) and
# never edited: regenerating them gives the same files.
class GeneratedTest < Minitest::Test
  ROOT = File.expand_path("..", __dir__)
  GEN = File.join(ROOT, "lib/literllm/gen")
  PROTO = File.expand_path("../../proto", ROOT)

  def test_stubs_match_the_proto
    Dir.mktmpdir do |out|
      protos = Dir.chdir(PROTO) { Dir["**/*.proto"].sort }
      ok = system("grpc_tools_ruby_protoc", "-I", PROTO, "--ruby_out=#{out}", "--grpc_out=#{out}", *protos)
      skip "grpc_tools_ruby_protoc not available" if ok.nil?
      assert ok, "grpc_tools_ruby_protoc failed"
      fresh = Dir.chdir(out) { Dir["**/*.rb"].sort }
      assert_equal fresh, Dir.chdir(GEN) { Dir["**/*.rb"].sort }
      fresh.each do |f|
        assert_equal File.read(File.join(out, f)), File.read(File.join(GEN, f)), "#{f} is stale: run generate.sh"
      end
    end
  end

  def test_service_methods
    names = LiterLlm::V1::LlmService::Service.rpc_descs.keys
    assert_equal %i[Chat ChatStream ListModels], names
  end
end
