#!/usr/bin/env bash
# Installs the trace tests' dependencies: the official `opentelemetry-proto`
# package and pytest from PyPI (requirements.txt, every version pinned) into
# tests/tracing/.venv (pyenv's python3, never Debian's /usr/bin/python3).
# Idempotent: skipped when every pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/python-venv.sh .venv
# Checked by exact version, so a bump in requirements.txt reinstalls.
if ! .venv/bin/python - requirements.txt <<'PY' 2>/dev/null
import importlib.metadata as m, sys
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        if m.version(name) != version:
            sys.exit(1)
PY
then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
fi
.venv/bin/python -c 'import importlib.metadata as m; print("tests/tracing: opentelemetry-proto", m.version("opentelemetry-proto"), "in", __import__("os").path.abspath(".venv"))'
