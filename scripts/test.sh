#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite: first the
# release build, then the same tests under AddressSanitizer + UBSan.
# LITERLLM_TEST_PRESETS overrides the list (e.g. "debug").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
for preset in ${LITERLLM_TEST_PRESETS:-release asan}; do
  echo "=== $preset: build"
  scripts/build.sh "$preset"
  echo "=== $preset: test"
  ctest --preset "$preset"
done
