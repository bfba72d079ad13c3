#!/usr/bin/env bash
# Runs the Anthropic front's Python suite (the official `anthropic` SDK,
# pytest) against the gateway at $LITERLLM_HTTP_BASE_URL, in front of
# fake-openai and fake-anthropic (clients/testing/with_gateway.sh with
# LITERLLM_FAKE_ANTHROPIC). tests/http/install.sh made the venv.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
  echo "anthropic_python_test.sh: no .venv; run tests/http/install.sh first" >&2
  exit 1
fi
if [[ -z "${LITERLLM_HTTP_BASE_URL:-}" ]]; then
  echo "anthropic_python_test.sh: LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)" >&2
  exit 1
fi
PYTHONDONTWRITEBYTECODE=1 .venv/bin/python -m pytest -p no:cacheprovider -q -rfEs anthropic "$@"
