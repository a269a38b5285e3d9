import os
import time
import stat

from vidloom.train.utilisation import Utilisation, parse, summary


def test_parse_reads_the_first_gpu():
    assert parse("57, 1234\n12, 99\n") == (57.0, 1234.0)


def test_sampler_summarises_what_nvidia_smi_prints(tmp_path, monkeypatch):
    # a stand-in nvidia-smi on PATH that prints what the real one does for this query
    tool = tmp_path / "nvidia-smi"
    tool.write_text("#!/bin/sh\necho '80, 2048'\n")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    sampler = Utilisation(interval=0.05).start()
    while len(sampler.samples) < 3:
        time.sleep(0.01)
    usage = sampler.stop()
    assert usage["busy_mean"] == 80.0 and usage["memory_peak_mib"] == 2048.0 and usage["samples"] >= 3


def test_no_gpu_reads_as_none():
    assert summary([]) is None
    assert Utilisation().stop() is None  # never started: nothing sampled
