#!/usr/bin/env bash
# Installs the SigV4 comparison test's dependency: botocore from PyPI
# (requirements.txt, every version pinned) into tests/bedrock/.venv
# (pyenv's python3, never Debian's /usr/bin/python3). Idempotent.
set -euo pipefail
cd "$(dirname "$0")"

../../scripts/python-venv.sh .venv requirements.txt
.venv/bin/python -c 'import botocore, os; print("tests/bedrock: botocore", botocore.__version__, "in", os.path.abspath(".venv"))'
