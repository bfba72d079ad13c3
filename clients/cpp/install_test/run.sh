#!/usr/bin/env bash
# Installs the build in BUILD_DIR into a temporary prefix, builds hello.cc with
# find_package(literllm) from there, and runs it (LITERLLM_TARGET names the
# server, as clients/testing/with_gateway.sh sets it).
# Usage: run.sh BUILD_DIR [CXX_FLAGS LINKER_FLAGS]  (the build's own, e.g. a
# sanitizer's, which a program linking its libraries needs too)
set -euo pipefail
build=$1 cxx_flags=${2:-} linker_flags=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/lib/cmake/literllm/literllmConfig.cmake"
test -x "$work/prefix/bin/literllm"
cmake -S "$here" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="$cxx_flags" \
  -DCMAKE_EXE_LINKER_FLAGS="$linker_flags" >/dev/null
cmake --build "$work/build" >/dev/null
out=$("$work/build/hello")
echo "$out"
[[ "$out" == *"Hello from the fake"* && "$out" == *"tokens: 17"* ]]
echo "ok: find_package(literllm) program chatted through the server"
