# frozen_string_literal: true

require "json"

module LiterLlm
  # A client for literllm.v1.LlmService, shaped like liter-llm's LlmClient.
  #
  #   client = LiterLlm::LlmClient.new(target: "localhost:50051", api_key: "sk-...")
  #   response = client.chat(model: "openai/gpt-4o",
  #                          messages: [{ role: "user", content: "Hello!" }],
  #                          temperature: 0.7)
  #   puts response.choices[0].message.content
  #
  #   client.chat_stream(model: "openai/gpt-4o", messages: [...]) do |chunk|
  #     print chunk.choices[0]&.delta&.content
  #   end
  #
  # Thread-safe; one client (one channel) is meant to be shared.
  class LlmClient
    DEFAULT_TARGET = "localhost:50051"
    SERVICE = "literllm.v1.LlmService"

    # The channel's service config when retries are on: UNAVAILABLE is retried
    # up to 4 attempts with exponential backoff.
    RETRY_SERVICE_CONFIG = {
      methodConfig: [{
        name: [{ service: SERVICE }],
        retryPolicy: {
          maxAttempts: 4,
          initialBackoff: "0.2s",
          maxBackoff: "5s",
          backoffMultiplier: 2,
          retryableStatusCodes: ["UNAVAILABLE"]
        }
      }]
    }.freeze

    attr_reader :target, :timeout, :stub

    # target:   "host:port" (or any gRPC target); default LITERLLM_TARGET, else
    #           localhost:50051.
    # api_key:  sent as `authorization: Bearer <api_key>` on every call;
    #           default LITERLLM_API_KEY. nil or "" sends none.
    # tls:      true for TLS with the system roots (or `root_certificates`,
    #           PEM), false (default) for plaintext.
    # timeout:  default deadline of each call, in seconds (nil: none). Calls
    #           can override it with `timeout:`.
    # retry_unavailable: retry UNAVAILABLE through the channel's service config.
    # metadata: extra gRPC metadata sent on every call.
    # channel_args: extra gRPC channel arguments.
    def initialize(target: nil, api_key: nil, tls: false, root_certificates: nil,
                   timeout: 300, retry_unavailable: true, metadata: {}, channel_args: {})
      @target = present(target) || present(ENV["LITERLLM_TARGET"]) || DEFAULT_TARGET
      api_key = present(api_key) || present(ENV["LITERLLM_API_KEY"])
      @timeout = timeout
      @metadata = metadata.to_h { |k, v| [k.to_s.downcase, v.to_s] }
      @metadata["authorization"] = "Bearer #{api_key}" if api_key

      credentials =
        if tls
          root_certificates ? GRPC::Core::ChannelCredentials.new(root_certificates) : GRPC::Core::ChannelCredentials.new
        else
          :this_channel_is_insecure
        end
      args = {}
      if retry_unavailable
        args["grpc.enable_retries"] = 1
        args["grpc.service_config"] = JSON.generate(RETRY_SERVICE_CONFIG)
      end
      args.merge!(channel_args.to_h { |k, v| [k.to_s, v] })
      @stub = V1::LlmService::Stub.new(@target, credentials, channel_args: args)
    end

    # One chat completion. Takes the request's fields as keywords (OpenAI's
    # names: model:, messages:, temperature:, tools:, response_format:, ...)
    # or a whole request (a LiterLlm::V1::ChatCompletionRequest or a Hash).
    # `timeout:` (seconds) and `metadata:` apply to this call only.
    # Returns a LiterLlm::V1::ChatCompletionResponse; raises LiterLlm::Error.
    def chat(request = nil, timeout: :default, metadata: nil, **fields)
      req = build_request(request, fields)
      call { @stub.chat(req, **call_options(timeout, metadata)) }
    end

    # The same request answered as LiterLlm::V1::ChatCompletionChunk's. With a
    # block, yields each chunk and returns nil; without one, returns an
    # Enumerator. The last chunk carries `usage` and no choices.
    def chat_stream(request = nil, timeout: :default, metadata: nil, **fields, &block)
      req = build_request(request, fields)
      options = call_options(timeout, metadata)
      enum = Enumerator.new do |y|
        call do
          @stub.chat_stream(req, **options).each { |chunk| y << chunk }
        end
      end
      return enum unless block

      enum.each(&block)
      nil
    end

    # Models of every configured provider (or of `provider`).
    # Returns a LiterLlm::V1::ListModelsResponse.
    def list_models(provider: nil, timeout: :default, metadata: nil)
      req = V1::ListModelsRequest.new
      req.provider = provider if provider
      call { @stub.list_models(req, **call_options(timeout, metadata)) }
    end

    # The request these arguments make, without sending it.
    def build_request(request = nil, fields = {})
      if request.nil?
        Convert.message(V1::ChatCompletionRequest, fields)
      elsif fields.empty?
        Convert.message(V1::ChatCompletionRequest, request)
      else
        # A copy of the request with the keyword fields replacing its own.
        klass = V1::ChatCompletionRequest
        base = Convert.message(klass, request)
        merged = klass.decode(klass.encode(base))
        override = Convert.message(klass, fields)
        fields.each_key do |key|
          field = klass.descriptor.lookup(key.to_s)
          raise ArgumentError, "#{klass.descriptor.name} has no field `#{key}`" if field.nil?

          name = field.name
          if fields[key].nil?
            merged.public_send("clear_#{name}")
          elsif merged[name].is_a?(Google::Protobuf::RepeatedField)
            merged[name].clear
            override[name].each { |v| merged[name] << v }
          else
            merged[name] = override[name]
          end
        end
        merged
      end
    end

    # Closes the channel.
    def close
      @stub.instance_variable_get(:@ch)&.close
    end

    private

    def present(s)
      s.nil? || s.to_s.empty? ? nil : s.to_s
    end

    def call_options(timeout, metadata)
      timeout = @timeout if timeout == :default
      options = { metadata: @metadata.merge((metadata || {}).to_h { |k, v| [k.to_s.downcase, v.to_s] }) }
      options[:deadline] = Time.now + timeout if timeout
      options
    end

    def call
      yield
    rescue GRPC::BadStatus => e
      raise Error.from_grpc(e)
    end
  end
end
