"""Timing that survives a noisy machine: interleaved rounds, ratios to a copy.

Used by ``benchmarks/bench.py`` (the full tables of docs/performance.md),
``sigmoids bench`` and the gallery's speed figures.  A kernel is never timed
alone: each round samples ``np.copyto`` of the same array right before it,
and the ratio of the pair is kept, so load that comes and goes cancels out.
"""
from __future__ import annotations

import math
import statistics
import time

__all__ = ["COPY", "calibrate", "sample", "time_group"]

#: the key of the copy in a ``time_group`` contenders dict
COPY = ("copy", None)


def calibrate(fn, min_time: float) -> int:
    """Calls per sample so that one sample lasts about ``min_time``."""
    fn()  # warm up: page in out, load code, let torch spin up its pool
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt >= min_time / 4 or n >= 1 << 20:
            return max(1, math.ceil(n * min_time / max(dt, 1e-9)))
        n *= 4


def sample(fn, n: int, clock=time.perf_counter) -> float:
    t0 = clock()
    for _ in range(n):
        fn()
    return (clock() - t0) / n


def time_group(contenders: dict, repeat: int, min_time: float, clock=time.perf_counter, stat=statistics.median) -> dict:
    """Per contender: (median seconds per call, median ratio to the copy).

    ``contenders`` must hold the copy under the key ``COPY``.  Every round
    samples the copy right before each other contender and keeps the ratio of
    the pair, so load that comes and goes between rounds cancels out of the
    ratios; the reported ratio is the median of those per-pair ratios.
    """
    loops = {k: calibrate(f, min_time) for k, f in contenders.items()}
    copy = contenders[COPY]
    times = {k: [] for k in contenders}
    ratios = {k: [] for k in contenders}
    for _ in range(repeat):
        for k, f in contenders.items():
            if k == COPY:
                continue
            tc = sample(copy, loops[COPY], clock)
            tk = sample(f, loops[k], clock)
            times[COPY].append(tc)
            times[k].append(tk)
            ratios[k].append(tk / tc if tc > 0 else math.inf)
    if stat is min:
        # best of the rounds: the ratio of the two least-disturbed times
        best_copy = min(times[COPY])
        return {k: (min(times[k]), min(times[k]) / best_copy) for k in contenders if times[k]}
    return {k: (stat(times[k]), stat(ratios[k]) if ratios[k] else 1.0) for k in contenders if times[k]}
