#!/usr/bin/env bash
# Runs the trace tests (pytest): they start an OTLP/HTTP receiver, fake-openai
# and literllm-server with OTEL_* variables themselves, and decode every
# export with the official opentelemetry-proto package.
# Usage: run_test.sh SERVER_BINARY FAKE_OPENAI_BINARY [PYTEST_ARG...]
# Installs nothing: tests/tracing/install.sh made the venv; buf (for the gRPC
# call) comes from tests/e2e's npm packages.
set -euo pipefail
LITERLLM_SERVER_BIN=$(realpath "$1") FAKE_OPENAI_BIN=$(realpath "$2")
export LITERLLM_SERVER_BIN FAKE_OPENAI_BIN
shift 2
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
  echo "run_test.sh: no .venv; run tests/tracing/install.sh first" >&2
  exit 1
fi
export BUF_BIN="$PWD/../e2e/node_modules/.bin/buf"
# -p no:cacheprovider: no .pytest_cache in the tree; -rfEs: say what failed.
PYTHONDONTWRITEBYTECODE=1 .venv/bin/python -m pytest -p no:cacheprovider -q -rfEs . "$@"
