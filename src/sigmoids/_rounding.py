"""Compute wide, round once: the narrow dtypes NumPy has no loop for.

Our ufuncs have float16, float32 and float64 loops.  Other floating dtypes
(bfloat16 and the float8 formats of ml_dtypes, used by JAX and torch) are
evaluated by the float64 loop and rounded to the narrow format once.

A plain ``float64 -> bfloat16`` cast goes through float32 and rounds twice,
which misrounds values just off a bfloat16 midpoint.  Rounding to float32
*to odd* first (truncate, then set the last bit if anything was cut off)
keeps the information that decides the second rounding, so that
round-to-nearest-even from there to any format of at most 22 significant
bits gives the correctly rounded result of the float64 value (the classic
result of Boldo and Melquiond, "Emulation of FMA and correctly rounded sums:
proved algorithms using rounding to odd", 2008).
"""
from __future__ import annotations

import numpy as np

__all__ = ["NATIVE", "work_dtype", "round_once", "to_float32_odd"]

#: dtypes our ufuncs evaluate natively
NATIVE = (np.dtype(np.float16), np.dtype(np.float32), np.dtype(np.float64))


def work_dtype(dtype) -> np.dtype:
    """The dtype to evaluate ``dtype`` in: itself if native, else float64."""
    dtype = np.dtype(dtype)
    return dtype if dtype in NATIVE else np.dtype(np.float64)


def to_float32_odd(a: np.ndarray) -> np.ndarray:
    """float64 -> float32 rounded to odd (the last bit records inexactness).

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoids._rounding import to_float32_odd
    >>> float(to_float32_odd(np.array(1.0 + 2.0**-40)))  # inexact: the last bit is set
    1.0000001192092896
    """
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(over="ignore"):
        nearest = a.astype(np.float32)
    back = nearest.astype(np.float64)
    inexact = (back != a) & np.isfinite(a)
    bits = nearest.view(np.uint32)
    # truncate toward zero: one step down in magnitude where nearest rounded up
    # (the sign bit is apart, so this is the same integer step for both signs)
    bits = np.where(inexact & (np.abs(back) > np.abs(a)), bits - np.uint32(1), bits)
    bits = np.where(inexact, bits | np.uint32(1), bits).astype(np.uint32)
    return bits.view(np.float32).reshape(a.shape)


def round_once(a, dtype) -> np.ndarray:
    """``a`` (float64, or already ``dtype``) as ``dtype``, rounded once."""
    dtype = np.dtype(dtype)
    a = np.asarray(a)
    if a.dtype == dtype:
        return a
    if dtype in NATIVE:
        return a.astype(dtype)
    return to_float32_odd(a).astype(dtype)
