"""The quick accuracy check and speed table behind ``sigmoids check`` and
``sigmoids bench`` (and the gallery's figures).

The tests and ``tools/`` hold the thorough versions (every binade, every
float16, all 2^32 float32 inputs); these take seconds and answer "does this
build do what the catalog says, here?".
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .catalog import OPERATIONS, Sigmoid

__all__ = ["CheckRow", "check_kernel", "kernel_inputs", "SpeedRow", "time_entry", "timing_inputs"]


def _argument_interval(entry: Sigmoid, operation: str) -> tuple[float, float]:
    if operation == "inverse":
        return tuple(float(v) for v in entry.info.range)
    if operation == "ppf":
        return (0.0, 1.0)
    return tuple(float(v) for v in entry.info.domain)


def kernel_inputs(entry: Sigmoid, operation: str, dtype, count: int, seed: int = 0) -> np.ndarray:
    """``count`` inputs of ``dtype`` for one operation: half spread over the
    binades of the whole argument interval (both tails), half uniform where
    the curve rises."""
    dtype = np.dtype(dtype)
    info = np.finfo(dtype)
    rng = np.random.default_rng([seed, len(entry.info.name), OPERATIONS.index(operation)])
    a, b = _argument_interval(entry, operation)
    half = count // 2
    lo_exp, hi_exp = int(np.log2(float(info.smallest_subnormal))), int(np.log2(float(info.max)))
    exps = rng.integers(lo_exp, hi_exp, half)
    offsets = np.ldexp(rng.uniform(0.5, 1.0, half), exps)
    if math.isfinite(a) and math.isfinite(b):
        span = b - a
        offsets = offsets[offsets < span] if (offsets < span).any() else offsets * 0 + span / 3
        ends = np.where(rng.integers(0, 2, offsets.size) == 1, a + offsets, b - offsets)
        middle = rng.uniform(a, b, count - ends.size)
    elif math.isfinite(a):
        ends = a + offsets
        middle = rng.uniform(a, a + 8.0, count - half)
    else:
        ends = offsets * np.where(rng.integers(0, 2, half) == 1, 1.0, -1.0)
        middle = rng.uniform(-12.0, 12.0, count - half)
    with np.errstate(over="ignore"):
        x = np.concatenate([ends, middle]).astype(dtype)
    x = x[np.isfinite(x)]
    if math.isfinite(a):
        x = x[x >= a]
    if math.isfinite(b):
        x = x[x <= b]
    return x


@dataclass(frozen=True)
class CheckRow:
    """One kernel in one dtype: the largest error seen against the bound."""

    kernel: str
    operation: str
    dtype: str
    samples: int
    max_ulp: float
    worst_input: float
    bound: float | None

    @property
    def ok(self) -> bool:
        return self.bound is None or self.max_ulp <= self.bound


def check_kernel(entry: Sigmoid, operation: str, dtype, count: int, params: tuple = (), seed: int = 0) -> CheckRow:
    """Compare one operation with mpmath on ``count`` inputs of ``dtype``.

    float16 and float32 results must be the correctly rounded ones (0.5
    ULP); float64 results must stay within the catalog's measured
    ``max_ulp``.
    """
    from . import reference

    dtype = np.dtype(dtype)
    kernel_name = entry.info.kernels[operation]
    x = kernel_inputs(entry, operation, dtype, count, seed)
    with np.errstate(all="ignore"):
        ours = np.asarray(entry.operation(operation)(x, *[dtype.type(p) for p in params]))
    # the reference at the parameter values the kernel actually received
    exact = reference.evaluate(kernel_name, x.astype(np.float64), params=tuple(float(dtype.type(p)) for p in params))
    errors = reference.ulp_error(ours, exact, dtype)
    recorded = entry.info.max_ulp.get(operation, {}).get(dtype.name)
    bound = (0.5 if dtype != np.float64 else recorded)
    worst = int(np.argmax(errors)) if errors.size else 0
    return CheckRow(kernel_name, operation, dtype.name, int(x.size),
                    float(errors[worst]) if errors.size else 0.0,
                    float(x[worst]) if errors.size else math.nan,
                    None if bound is None else float(bound))


@dataclass(frozen=True)
class SpeedRow:
    """One kernel's time per element, and as a multiple of copying the array."""

    kernel: str
    dtype: str
    size: int
    ns_per_element: float
    ratio_to_copy: float


def timing_inputs(entry: Sigmoid, operation: str, dtype, size: int) -> np.ndarray:
    """``size`` inputs of ``dtype`` spread where the operation is defined (a
    fixed seed, so that every timing of a kernel sees the same array)."""
    a, b = _argument_interval(entry, operation)
    rng = np.random.default_rng(7)
    if math.isfinite(a) and math.isfinite(b):
        x = rng.uniform(a, b, size)
    elif math.isfinite(a):
        x = a + rng.uniform(0.0, 8.0, size)
    else:
        x = rng.uniform(-10.0, 10.0, size)
    return x.astype(dtype)


def time_entry(entry: Sigmoid, operations=("value",), dtype=np.float32, size: int = 1_000_000,
               repeat: int = 5, min_time: float = 0.02, params: tuple = ()) -> list[SpeedRow]:
    """Median time of each operation on ``size`` elements of ``dtype``, and
    its ratio to ``np.copyto`` of the same array measured in the same rounds."""
    from ._timing import COPY, time_group

    dtype = np.dtype(dtype)
    rows = []
    for operation in operations:
        x = timing_inputs(entry, operation, dtype, size)
        out = np.empty_like(x)
        kernel = entry.operation(operation)
        args = [dtype.type(p) for p in params]
        ufunc = getattr(kernel, "ufunc", None)
        call = (lambda: ufunc(x, *args, out=out)) if isinstance(ufunc, np.ufunc) else (lambda: kernel(x, *args))
        with np.errstate(all="ignore"):
            times = time_group({COPY: lambda: np.copyto(out, x), (operation, None): call}, repeat, min_time)
        seconds, ratio = times[(operation, None)]
        rows.append(SpeedRow(entry.info.kernels[operation], dtype.name, size, seconds / size * 1e9, ratio))
    return rows
