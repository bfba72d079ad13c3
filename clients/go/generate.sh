#!/usr/bin/env bash
# Generates literllmpb/ from ../../proto (the one source of truth) with the
# protoc plugins pinned by go.mod's `tool` block. No network: install.sh has
# downloaded the modules. Usage: generate.sh [OUT_DIR] (default: literllmpb/).
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
out=${1:-$here/literllmpb}
bin=$here/.bin
mkdir -p "$bin" "$out"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export GOPROXY=off
go build -o "$bin/" google.golang.org/protobuf/cmd/protoc-gen-go google.golang.org/grpc/cmd/protoc-gen-go-grpc
proto_root=$(cd ../../proto && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
protoc -I "$proto_root" \
  --plugin=protoc-gen-go="$bin/protoc-gen-go" \
  --plugin=protoc-gen-go-grpc="$bin/protoc-gen-go-grpc" \
  --go_out="$tmp" --go_opt=paths=source_relative \
  --go-grpc_out="$tmp" --go-grpc_opt=paths=source_relative \
  literllm/v1/llm_service.proto
cp "$tmp"/literllm/v1/*.go "$out"/
