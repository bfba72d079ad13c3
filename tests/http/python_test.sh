#!/usr/bin/env bash
# Runs the Python suite (the official `openai` SDK, pytest) against the HTTP
# front at $LITERLLM_HTTP_BASE_URL; clients/testing/with_gateway.sh sets it.
# Installs nothing: tests/http/install.sh made the venv.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
  echo "python_test.sh: no .venv; run tests/http/install.sh first" >&2
  exit 1
fi
if [[ -z "${LITERLLM_HTTP_BASE_URL:-}" ]]; then
  echo "python_test.sh: LITERLLM_HTTP_BASE_URL is not set (use clients/testing/with_gateway.sh)" >&2
  exit 1
fi

# -p no:cacheprovider: no .pytest_cache in the tree; -rfEs: say what failed.
PYTHONDONTWRITEBYTECODE=1 .venv/bin/python -m pytest -p no:cacheprovider -q -rfEs python "$@"
