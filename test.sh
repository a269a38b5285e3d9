#!/usr/bin/env bash
# Run the fast test suite (everything not marked slow); extra arguments go to pytest, e.g.
#   ./test.sh tests/media -x
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "error: vidloom needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
    "$PYTHON" -m venv "$VENV"
fi
STAMP="$VENV/.vidloom-test-installed"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[test]"
    touch "$STAMP"
fi
# The scale-out tests run Debian's Redis and the image's PostgreSQL (tests start and stop them)
if ! command -v redis-server >/dev/null 2>&1; then
    apt-get install -y -q redis-server >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q redis-server >/dev/null; }
fi
# The studio's browser tests drive Debian's Chromium through Playwright (never `playwright install`)
if [ ! -x /usr/bin/chromium ]; then
    apt-get install -y -q chromium >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
fi
cd "$ROOT"
# Lint first: ruff over everything, and the formatter's check over the code it already formats
"$VENV/bin/ruff" check vidloom bench tests
"$VENV/bin/ruff" format --check vidloom/operations vidloom/cli
exec "$VENV/bin/python" -m pytest -q -m "not slow" --durations=25 "$@"
