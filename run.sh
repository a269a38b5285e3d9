#!/usr/bin/env bash
# Generate a video from a prompt with the built-in model, e.g.
#   ./run.sh "a red ball bouncing on green grass" --seed 3 -o ball.mp4
# Creates .venv beside this script on first use and installs vidloom into it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "error: vidloom needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when the packaging changed since the last install.
STAMP="$VENV/.vidloom-run-installed"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT" >&2
    touch "$STAMP"
fi
exec "$VENV/bin/vidloom" generate "$@"
