#!/usr/bin/env bash
# One command for the whole benchmark: installs what it needs (Debian packages,
# the peer gateways), builds the release binaries, runs every scenario side by
# side and rewrites bench/README.md. Arguments go to bench/run.py
# (e.g. --smoke, --peers portkey).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [[ " $* " != *" --smoke "* ]]; then
  bench/peers/install.sh
fi
scripts/build.sh release
ulimit -n "$(ulimit -Hn)"  # 10,000 streams need more descriptors than the default
exec python3 bench/run.py "$@"
