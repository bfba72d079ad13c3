#!/usr/bin/env bash
# Creates a Python virtual environment at $1 (unless one is there) with
# pyenv's python3, never Debian's /usr/bin/python3, whose packages would
# shadow PyPI's.
set -euo pipefail
venv=$1
python=python3
if command -v pyenv >/dev/null 2>&1; then
  python=$(pyenv which python3)
fi
if [[ "$(command -v "$python")" == /usr/bin/python3 ]]; then
  echo "python-venv.sh: warning: using Debian's /usr/bin/python3 (pyenv's python3 not found)" >&2
fi
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
