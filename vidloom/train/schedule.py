"""Learning-rate schedule shared by the training stages: warm-up, then an optional cosine anneal."""

from __future__ import annotations

import math
import time


def lr_factor(steps_this_run: int, warmup: int, progress: float | None) -> float:
    """Multiplier of the base rate.

    Warm-up again on every resume (Adam may be fresh), over `warmup` steps. With `progress` (the
    share of this run's time spent, 0..1) the rate then decays by a cosine over the last 40% of the
    time to 5% of the base: a run that ends at its full rate leaves its weights noisy.
    """
    factor = min(1.0, (steps_this_run + 1) / warmup)
    if progress is None:
        return factor
    phase = min(max((progress - 0.6) / 0.4, 0.0), 1.0)
    return factor * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * phase)))


class TimeBudget:
    """A run's wall-clock budget, from when it is made: what share is spent, and whether it is over."""

    def __init__(self, minutes: float):
        self.seconds = minutes * 60
        self.end = time.time() + self.seconds

    def progress(self) -> float:
        return 1 - (self.end - time.time()) / self.seconds

    def over(self) -> bool:
        return time.time() >= self.end
