# frozen_string_literal: true

module LiterLlm
  VERSION = "0.1.0"
end
