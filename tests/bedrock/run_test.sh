#!/usr/bin/env bash
# Compares literllm's SigV4 signatures with botocore's for the same requests
# (sigv4_cases.json). Fails, never skips, when botocore is missing.
# Usage: run_test.sh SIGV4_PRINT_BINARY
# Installs nothing: tests/bedrock/install.sh made the venv.
set -euo pipefail
printer=$(realpath "$1")
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
  echo "run_test.sh: no .venv; run tests/bedrock/install.sh first" >&2
  exit 1
fi
expected=$(PYTHONDONTWRITEBYTECODE=1 .venv/bin/python botocore_sign.py sigv4_cases.json)
actual=$("$printer" sigv4_cases.json)
if [[ "$expected" != "$actual" ]]; then
  echo "SigV4 signatures differ from botocore's (- botocore, + literllm):" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
cases=$(grep -c '^[^ ]' <<<"$expected")
echo "SigV4: $cases cases match botocore $(.venv/bin/python -c 'import botocore; print(botocore.__version__)')"
