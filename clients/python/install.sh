#!/usr/bin/env bash
# Installs the Python client and its test dependencies from PyPI into
# clients/python/.venv (pyenv's python3, never Debian's /usr/bin/python3).
# Idempotent: a second run only reinstalls the package itself, offline.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/python-venv.sh .venv

# Dependencies (runtime, build and test) from PyPI, skipped when present.
if ! .venv/bin/python - <<'PY' 2>/dev/null
import importlib.metadata as m, sys
need = {"grpcio": (1, 85, 1), "grpcio-tools": (1, 85, 1), "protobuf": (7, 35, 1),
        "pytest": (8,), "pytest-asyncio": (0, 23), "setuptools": (77,)}
for name, minimum in need.items():
    version = tuple(int(p) for p in m.version(name).split(".")[:3] if p.isdigit())
    if version < minimum:
        sys.exit(1)
PY
then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet "setuptools>=77" "grpcio-tools>=1.85.1,<1.86" \
    "grpcio>=1.85.1" "protobuf>=7.35.1,<8" "pytest>=8" "pytest-asyncio>=0.23"
fi

# The package itself: the build hook generates the stubs from ../../proto.
# No build isolation, so the dependencies above (already in the venv) are used.
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation --force-reinstall .
rm -rf build src/*.egg-info
.venv/bin/python -c 'import literllm; print("literllm", literllm.__version__, "installed in", __import__("os").path.abspath(".venv"))'
