#!/usr/bin/env bash
# Installs the trace tests' dependencies: the official `opentelemetry-proto`
# package and pytest from PyPI (requirements.txt, every version pinned) into
# tests/tracing/.venv (pyenv's python3, never Debian's /usr/bin/python3).
# Idempotent: skipped when every pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/python-venv.sh .venv requirements.txt
.venv/bin/python -c 'import importlib.metadata as m; print("tests/tracing: opentelemetry-proto", m.version("opentelemetry-proto"), "in", __import__("os").path.abspath(".venv"))'
