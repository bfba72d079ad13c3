#!/usr/bin/env bash
# Runs the Python client's tests and examples against $LITERLLM_TARGET
# (plaintext host:port) with model $LITERLLM_TEST_MODEL. Installs nothing from
# the network: it only rebuilds the package from this tree (and ../../proto)
# into the venv install.sh made, so the tests see the current code.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x .venv/bin/python ]]; then
  echo "run_tests.sh: no .venv; run clients/python/install.sh first" >&2
  exit 1
fi
if [[ -z "${LITERLLM_TARGET:-}" ]]; then
  echo "run_tests.sh: LITERLLM_TARGET is not set (use clients/testing/with_gateway.sh)" >&2
  exit 1
fi
export LITERLLM_TEST_MODEL="${LITERLLM_TEST_MODEL:-openai/gpt-4o}"

.venv/bin/python -m pip install --quiet --no-index --no-deps --no-build-isolation \
  --force-reinstall . >/dev/null
rm -rf build src/*.egg-info

# -p no:cacheprovider: no .pytest_cache in the tree; -rfEs: say what failed.
.venv/bin/python -m pytest -p no:cacheprovider -q -rfEs "$@"
echo "python client: all tests passed against $LITERLLM_TARGET ($LITERLLM_TEST_MODEL)"
