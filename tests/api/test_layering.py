"""The API and the service import no torch: the model is loaded only by the worker, when a job runs."""
from __future__ import annotations

import subprocess
import sys


def test_api_and_service_import_without_torch():
    code = ("import sys, vidloom.api, vidloom.service.worker, vidloom.service.celery_app, vidloom.cli;"
            "vidloom.api.create_app().openapi();"
            "assert 'torch' not in sys.modules, 'torch was imported'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
