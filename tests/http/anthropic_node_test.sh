#!/usr/bin/env bash
# Runs the Anthropic front's Node suite (the official `@anthropic-ai/sdk`,
# node's test runner) against the gateway at $LITERLLM_HTTP_BASE_URL, in
# front of fake-openai and fake-anthropic (clients/testing/with_gateway.sh
# with LITERLLM_FAKE_ANTHROPIC). tests/http/install.sh ran `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/node"

if [[ ! -d node_modules/@anthropic-ai/sdk ]]; then
  echo "anthropic_node_test.sh: no node_modules; run tests/http/install.sh first" >&2
  exit 1
fi
if [[ -z "${LITERLLM_HTTP_BASE_URL:-}" ]]; then
  echo "anthropic_node_test.sh: LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)" >&2
  exit 1
fi
node --test anthropic.test.mjs "$@"
