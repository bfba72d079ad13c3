#!/usr/bin/env bash
# Runs the Ruby client's tests and examples (test/examples_test.rb runs every
# file of examples/) against the server at $LITERLLM_TARGET (host:port,
# plaintext) with model $LITERLLM_TEST_MODEL. Installs nothing; regenerates
# the stubs from proto/ when they are stale.
# Usually run through clients/testing/with_gateway.sh.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${LITERLLM_TARGET:-}" ]]; then
  echo "run_tests.sh: LITERLLM_TARGET is not set (use clients/testing/with_gateway.sh)" >&2
  exit 2
fi
export LITERLLM_TEST_MODEL="${LITERLLM_TEST_MODEL:-openai/gpt-4o}"

./generate.sh

# Fail fast when nothing answers at the target.
if ! ruby -Ilib -e 'require "literllm"; LiterLlm::LlmClient.new(timeout: 10, retry_unavailable: false).list_models' >/dev/null; then
  echo "ruby client: FAILED (no literllm server answering at $LITERLLM_TARGET)"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
ruby -Ilib -Itest -e 'Dir["test/*_test.rb"].sort.each { |f| require File.expand_path(f) }' 2>&1 |
  tee "$log" || status=$?

summary=$(grep -E '^[0-9]+ runs, ' "$log" | tail -1 || true)
if [[ $status -ne 0 || -z "$summary" || "$summary" != *" 0 failures, 0 errors, 0 skips"* ]]; then
  echo "ruby client: FAILED (${summary:-no summary}) against $LITERLLM_TARGET"
  exit 1
fi
echo "ruby client: OK ($summary) against $LITERLLM_TARGET"
