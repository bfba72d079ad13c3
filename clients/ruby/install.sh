#!/usr/bin/env bash
# Installs what the Ruby client and its tests need: Debian's Ruby gRPC stack
# (RubyGems is not reachable from here; Debian packages are the registry).
# Idempotent: does nothing when everything is installed.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/apt-install.sh ruby ruby-grpc ruby-grpc-tools ruby-google-protobuf \
  protobuf-compiler protobuf-compiler-grpc

# Generate the stubs from proto/ now so the client is usable right away
# (run_tests.sh regenerates them too).
./generate.sh
