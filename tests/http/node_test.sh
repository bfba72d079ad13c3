#!/usr/bin/env bash
# Runs the Node suite (the official `openai` npm package, node's test runner)
# against the HTTP front at $LITERLLM_HTTP_BASE_URL; clients/testing/
# with_gateway.sh sets it. tests/http/install.sh ran `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/node"

if [[ ! -d node_modules/openai ]]; then
  echo "node_test.sh: no node_modules; run tests/http/install.sh first" >&2
  exit 1
fi
if [[ -z "${LITERLLM_HTTP_BASE_URL:-}" ]]; then
  echo "node_test.sh: LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)" >&2
  exit 1
fi
node --test chat.test.mjs "$@"
