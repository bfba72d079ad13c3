#!/usr/bin/env bash
# Creates a Python virtual environment at $1 (unless one is there) with
# pyenv's python3, never Debian's /usr/bin/python3, whose packages would
# shadow PyPI's; with $2, a requirements file of pinned versions
# (name==version), installs it unless every pin is already there, so a bump
# in the file reinstalls.
set -euo pipefail
venv=$1
requirements=${2:-}
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
[[ -n "$requirements" ]] || exit 0
if ! "$venv/bin/python" - "$requirements" <<'PY' 2>/dev/null
import importlib.metadata as m, sys
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, version = line.split("==")
        if m.version(name) != version:
            sys.exit(1)
PY
then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -r "$requirements"
fi
