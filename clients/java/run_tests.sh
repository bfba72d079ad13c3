#!/usr/bin/env bash
# Runs the Java client's tests and examples (offline: install.sh fetched everything) against the
# gateway at $LITERLLM_TARGET with model $LITERLLM_TEST_MODEL. Regenerates the stubs from
# ../../proto as part of the build. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -z "${LITERLLM_TARGET:-}" ]]; then
  echo "java client: LITERLLM_TARGET is not set (run through clients/testing/with_gateway.sh)" >&2
  exit 2
fi
export LITERLLM_TEST_MODEL="${LITERLLM_TEST_MODEL:-openai/gpt-4o}"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B -o test >"$log" 2>&1
rc=$?

# Surefire's per-class lines and totals; any skipped test counts as a failure here, since every
# test must run when a gateway is available.
grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run:|Tests run: .*in io\.)' "$log" | sed 's/^\[[A-Z]*\] /  /'
totals=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -1)
if [[ $rc -ne 0 ]]; then
  grep -E '^\[ERROR\]' "$log" | head -60 >&2
  echo "java client: FAILED (mvn exit $rc) ${totals#*] }" >&2
  exit 1
fi
if [[ -z "$totals" ]] || ! grep -q 'Skipped: 0$' <<<"$totals"; then
  echo "java client: FAILED: tests were skipped or not run: ${totals:-no totals}" >&2
  exit 1
fi
echo "java client: OK, ${totals#*] }"
