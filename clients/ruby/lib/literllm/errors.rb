# frozen_string_literal: true

module LiterLlm
  # Raised for every failed call. Carries the gRPC status:
  #
  #   rescue LiterLlm::Error => e
  #     e.code       # => 3 (GRPC::Core::StatusCodes::INVALID_ARGUMENT)
  #     e.code_name  # => :invalid_argument
  #     e.details    # => the server's message
  #
  # Each status has its own subclass too (LiterLlm::InvalidArgumentError,
  # LiterLlm::UnavailableError, LiterLlm::DeadlineExceededError, ...), so
  # `rescue LiterLlm::UnavailableError` works.
  class Error < StandardError
    attr_reader :code, :details, :metadata

    def initialize(code, details, metadata = {})
      @code = code
      @details = details.to_s
      @metadata = metadata || {}
      super("#{code_name.to_s.upcase}: #{@details}")
    end

    # The status code as a lower-case symbol, e.g. :invalid_argument.
    def code_name
      Error.code_names.fetch(code, :unknown)
    end

    def self.code_names
      @code_names ||= GRPC::Core::StatusCodes.constants.to_h do |c|
        [GRPC::Core::StatusCodes.const_get(c), c.to_s.downcase.to_sym]
      end
    end

    # The LiterLlm::Error (subclass) for a GRPC::BadStatus.
    def self.from_grpc(bad_status)
      klass = CLASSES.fetch(bad_status.code, Error)
      klass.new(bad_status.code, bad_status.details, bad_status.metadata)
    end
  end

  CLASSES = {} # status code => subclass
  private_constant :CLASSES

  GRPC::Core::StatusCodes.constants.each do |c|
    code = GRPC::Core::StatusCodes.const_get(c)
    next if code.zero? # OK

    name = c.to_s.split("_").map(&:capitalize).join
    klass = Class.new(Error)
    const_set("#{name}Error", klass)
    CLASSES[code] = klass
  end
end
