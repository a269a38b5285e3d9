"""How busy the GPU is while a training run uses it: `nvidia-smi` sampled in a background thread.

The sprint reports it so a run that starves its GPU (batches prepared too slowly) shows as such.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import threading

QUERY = ["nvidia-smi", "--query-gpu=utilization.gpu,memory.used", "--format=csv,noheader,nounits"]


def parse(line: str) -> tuple[float, float]:
    """(busy %, memory used MiB) of the first GPU from one line of QUERY's output."""
    busy, memory = (float(x) for x in line.strip().splitlines()[0].split(","))
    return busy, memory


class Utilisation:
    """Samples the GPU every `interval` seconds between start() and stop(); summary() for the log."""

    def __init__(self, interval: float = 2.0):
        self.interval, self.samples = interval, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Utilisation:
        if shutil.which(QUERY[0]):
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                out = subprocess.run(QUERY, capture_output=True, text=True, timeout=10, check=True).stdout
                self.samples.append(parse(out))
            except (subprocess.SubprocessError, ValueError, OSError):
                continue

    def stop(self) -> dict | None:
        """The figures, or None where no GPU could be read."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return summary(self.samples)


def summary(samples: list[tuple[float, float]]) -> dict | None:
    if not samples:
        return None
    busy = [b for b, _ in samples]
    return {"samples": len(samples), "busy_mean": statistics.mean(busy), "busy_median": statistics.median(busy),
            "busy_min": min(busy), "memory_peak_mib": max(m for _, m in samples)}
