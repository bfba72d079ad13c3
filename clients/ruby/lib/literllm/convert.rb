# frozen_string_literal: true

require "json"

module LiterLlm
  # Turns plain Ruby data (hashes with symbol or string keys, arrays, scalars)
  # into the generated protobuf messages, following the proto's field names,
  # which are OpenAI's. Already-typed messages pass through unchanged, so both
  # styles mix freely:
  #
  #   Convert.message(LiterLlm::V1::ChatCompletionRequest,
  #                   model: "openai/gpt-4o",
  #                   messages: [{ role: "user", content: "Hi" },
  #                              LiterLlm::V1::Message.new(role: "user", content: "Hi")],
  #                   tools: [{ type: "function",
  #                             function: { name: "f", parameters: { type: "object" } } }])
  #
  # google.protobuf.Struct fields (tool `parameters`, a JSON schema's `schema`)
  # take a Hash, google.protobuf.Value fields (`tool_choice`) any JSON-like
  # value, and google.protobuf.Duration fields (`attempt_timeout`) seconds as a
  # Numeric or a string like "20s".
  module Convert
    module_function

    STRUCT = "google.protobuf.Struct"
    VALUE = "google.protobuf.Value"
    LIST_VALUE = "google.protobuf.ListValue"
    DURATION = "google.protobuf.Duration"

    # Builds an instance of the generated message class `klass` from `value`
    # (a Hash, an instance of `klass`, or anything responding to to_h).
    def message(klass, value = nil, **kwargs)
      value = kwargs if value.nil?
      return value if value.is_a?(klass)

      descriptor = klass.descriptor
      special = special(descriptor.name, value)
      return special unless special.nil?

      hash = hash_of(value, descriptor.name)
      fields = {}
      hash.each do |key, v|
        next if v.nil?

        field = descriptor.lookup(key.to_s)
        raise ArgumentError, "#{descriptor.name} has no field `#{key}`" if field.nil?

        fields[field.name] = field_value(field, v)
      end
      msg = klass.new
      fields.each { |name, v| assign(msg, name, v) }
      msg
    end

    # A Ruby value (Hash, Array, String, Symbol, Numeric, true/false, nil) as
    # JSON-compatible data: string keys, symbols as strings.
    def jsonable(value)
      case value
      when Hash then value.to_h { |k, v| [k.to_s, jsonable(v)] }
      when Array then value.map { |v| jsonable(v) }
      when Symbol then value.to_s
      when String, Numeric, true, false, nil then value
      when Google::Protobuf::Struct, Google::Protobuf::Value, Google::Protobuf::ListValue
        jsonable(value.to_h)
      else
        return jsonable(value.to_h) if value.respond_to?(:to_h)

        raise ArgumentError, "cannot send #{value.class} as JSON"
      end
    end

    def field_value(field, value)
      if field.label == :repeated
        raise ArgumentError, "`#{field.name}` takes an Array, got #{value.class}" unless value.is_a?(Array)

        return value.map { |v| single(field, v) }
      end
      single(field, value)
    end

    def single(field, value)
      case field.type
      when :message
        message(field.subtype.msgclass, value)
      when :string
        value.is_a?(Symbol) ? value.to_s : value
      when :double, :float
        value.is_a?(Integer) ? value.to_f : value
      else
        value
      end
    end

    def assign(msg, name, value)
      if value.is_a?(Array)
        list = msg[name]
        value.each { |v| list << v }
      else
        msg[name] = value
      end
    rescue TypeError, RangeError, ArgumentError => e
      raise ArgumentError, "#{msg.class.descriptor.name}.#{name}: #{e.message}"
    end

    def hash_of(value, type_name)
      return value if value.is_a?(Hash)
      return value.to_h if value.respond_to?(:to_h) && !value.is_a?(Array)

      raise ArgumentError, "#{type_name} expects a Hash, got #{value.class}"
    end

    # Well-known types built from native Ruby values; nil for the others.
    def special(type_name, value)
      case type_name
      when STRUCT
        raise ArgumentError, "a Struct field expects a Hash, got #{value.class}" unless value.is_a?(Hash)

        Google::Protobuf::Struct.from_hash(jsonable(value))
      when VALUE
        v = Google::Protobuf::Value.new
        v.from_ruby(jsonable(value))
        v
      when LIST_VALUE
        Google::Protobuf::ListValue.from_a(jsonable(value))
      when DURATION
        duration(value)
      end
    end

    def duration(value)
      case value
      when Google::Protobuf::Duration then value
      when Numeric
        seconds = value.floor
        Google::Protobuf::Duration.new(seconds: seconds, nanos: ((value - seconds) * 1e9).round)
      when /\A\s*(\d+(?:\.\d+)?)s\s*\z/ then duration(Regexp.last_match(1).to_f)
      when Hash then Google::Protobuf::Duration.new(**value.transform_keys(&:to_sym))
      else raise ArgumentError, "a Duration expects seconds or \"<n>s\", got #{value.inspect}"
      end
    end
  end
end
