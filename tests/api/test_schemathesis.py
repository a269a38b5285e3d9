"""Schemathesis over the OpenAPI document of a live `vidloom serve`: no 5xx, no schema violations,
only documented status codes and content types."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..service.helpers import Server, new_key


@pytest.mark.parametrize("examples", [
    8,  # the default run: every operation, every check, in about a minute
    pytest.param(50, marks=pytest.mark.slow),
])
def test_schemathesis_finds_no_server_errors_or_schema_violations(tmp_path, examples):
    # jobs stay queued (no worker): the run exercises the API, not the model
    server = Server(tmp_path / "home", VIDLOOM_EMBEDDED_WORKER="false")
    try:
        key = new_key(server.env, "fuzz@example.com", "pro")
        exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or "schemathesis"
        # An event stream is read until it ends, sends max-stream-events events, or the request timeout (10 s)
        # passes. With no worker a job never changes, so its stream sends its one `progress` event at once and
        # then nothing but a heartbeat comment each 15 s: every event it would ever send is the first, and
        # waiting out the 10 s for more (some 30 s a run) checks nothing more.
        (tmp_path / "schemathesis.toml").write_text(
            '[[operations]]\ninclude-path = "/v1/videos/{video_id}/events"\nmax-stream-events = 1\n')
        proc = subprocess.run(
            [exe, "--config-file", str(tmp_path / "schemathesis.toml"), "run", f"{server.url}/openapi.json", "-H", f"Authorization: Bearer {key}",
             "-c", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
             "-n", str(examples), "--seed", "1", "--no-color"],
            capture_output=True, text=True, timeout=600, cwd=tmp_path)
        assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
        assert re.search(r"Tested: [1-9]\d*", proc.stdout) and "failures" not in proc.stdout, proc.stdout[-3000:]
    finally:
        server.stop()
