#!/usr/bin/env bash
# Installs what the Go client and its tests need: the modules of go.mod (grpc,
# protobuf, the pinned protoc plugins) from the Go module proxy, then generates
# literllmpb/ from ../../proto. Idempotent; fast when already done.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v go >/dev/null; then
  echo "install.sh: Go (>= 1.25) is required; see the repository's install notes" >&2
  exit 1
fi
../../scripts/apt-install.sh protobuf-compiler libprotobuf-dev
# Every module the build, the tests and the `tool` block need (a no-op once
# they are in the module cache).
go mod download
./generate.sh
go build ./...
echo "clients/go: installed (Go modules downloaded, literllmpb generated)"
