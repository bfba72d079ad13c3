#!/usr/bin/env bash
# Runs the Node client's tests and examples (node --test) against the server
# at $LITERLLM_TARGET with model $LITERLLM_TEST_MODEL. Installs nothing.
set -euo pipefail
cd "$(dirname "$0")"

if [[ -z "${LITERLLM_TARGET:-}" ]]; then
  echo "clients/node: LITERLLM_TARGET is not set; run via clients/testing/with_gateway.sh" >&2
  exit 2
fi
if [[ ! -d node_modules/@grpc/grpc-js ]]; then
  echo "clients/node: dependencies missing; run clients/node/install.sh first" >&2
  exit 2
fi

export LITERLLM_TEST_MODEL="${LITERLLM_TEST_MODEL:-openai/gpt-4o}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test file at a time: the machine is small and the tests are quick.
node --test --test-concurrency=1 --test-reporter=spec test/ >"$log" 2>&1 || status=$?
cat "$log"
pass=$(sed -n 's/^ℹ pass \([0-9]*\)/\1/p' "$log" | tail -1)
fail=$(sed -n 's/^ℹ fail \([0-9]*\)/\1/p' "$log" | tail -1)
if [[ $status -eq 0 ]]; then
  echo "clients/node: OK — ${pass:-?} passed, ${fail:-0} failed (examples + client tests)"
else
  echo "clients/node: FAILED — ${pass:-?} passed, ${fail:-?} failed" >&2
fi
exit $status
