#!/usr/bin/env bash
# Generates the Ruby protobuf and gRPC stubs from ../../proto (the one source
# of truth) into lib/literllm/gen/ (gitignored). Skips the work when the
# generated files are newer than every .proto.
set -euo pipefail
cd "$(dirname "$0")"
proto_dir=../../proto
out=lib/literllm/gen
stamp=$out/.stamp

if [[ -f $stamp && -z $(find "$proto_dir" -name '*.proto' -newer "$stamp") ]]; then
  exit 0
fi
if command -v grpc_tools_ruby_protoc >/dev/null; then
  protoc=(grpc_tools_ruby_protoc)
else
  protoc=(protoc --plugin=protoc-gen-grpc="$(command -v grpc_ruby_plugin)")
fi
rm -rf "$out"
mkdir -p "$out"
"${protoc[@]}" -I "$proto_dir" --ruby_out="$out" --grpc_out="$out" \
  $(cd "$proto_dir" && find . -name '*.proto' | sed 's|^\./||' | sort)
touch "$stamp"
