#!/usr/bin/env bash
# Installs the HTTP fronts' test dependencies: the official `openai` and
# `anthropic` Python packages, pytest and httpx from PyPI (requirements.txt,
# every version pinned) into tests/http/.venv (pyenv's python3, never
# Debian's /usr/bin/python3); the official `openai` and `@anthropic-ai/sdk`
# npm packages into tests/http/node/node_modules (package-lock.json); jq
# from Debian. Idempotent: each step is skipped when
# what it installs is already there at the pinned version.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/python-venv.sh .venv requirements.txt
.venv/bin/python -c 'import anthropic, openai; print("tests/http: openai", openai.__version__, "and anthropic", anthropic.__version__, "(Python) in", __import__("os").path.abspath(".venv"))'

# curl_test.sh reads JSON with jq; the Node suite needs npm.
missing=()
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [[ ${#missing[@]} -gt 0 ]]; then
  ../../scripts/apt-install.sh "${missing[@]}"
fi

# Node: the lock file pins the package; reinstalled when the lock changes.
stamp=node/node_modules/.literllm-lock-stamp
if [[ -f "$stamp" ]] && cmp -s node/package-lock.json "$stamp"; then
  echo "tests/http/node: dependencies up to date"
else
  npm ci --prefix node --ignore-scripts --no-audit --no-fund --loglevel=error
  cp node/package-lock.json "$stamp"
fi
echo "tests/http: openai $(node -p "require('./node/node_modules/openai/package.json').version") and @anthropic-ai/sdk $(node -p "require('./node/node_modules/@anthropic-ai/sdk/package.json').version") (npm)"
