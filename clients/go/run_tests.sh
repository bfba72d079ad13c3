#!/usr/bin/env bash
# Runs the Go client's tests and examples against the server at
# $LITERLLM_TARGET with model $LITERLLM_TEST_MODEL. Installs nothing from the
# network (GOPROXY=off): install.sh downloaded the modules. Regenerates
# literllmpb/ from ../../proto first.
set -euo pipefail
cd "$(dirname "$0")"
: "${LITERLLM_TARGET:?set LITERLLM_TARGET (host:port of a literllm server)}"
export LITERLLM_TEST_MODEL="${LITERLLM_TEST_MODEL:-openai/gpt-4o}"
export GOPROXY=off GOFLAGS="${GOFLAGS:-} -mod=readonly"
./generate.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
go test -count=1 -v ./... >"$log" 2>&1 || status=$?
if [[ $status -ne 0 ]]; then
  cat "$log"
else
  grep -E '^(ok|FAIL|\?) ' "$log" || true
fi
pass=$(grep -cE '^\s*--- PASS' "$log" || true)
fail=$(grep -cE '^\s*--- FAIL' "$log" || true)
skip=$(grep -cE '^\s*--- SKIP' "$log" || true)
echo "clients/go: $pass passed, $fail failed, $skip skipped (go test ./... against $LITERLLM_TARGET)"
[[ $status -eq 0 && $fail -eq 0 ]]
