"""Route a call to the right implementation for the array it receives.

NumPy arrays (and anything NumPy can turn into a float array, or that speaks
``__array_ufunc__``) go straight to the compiled ufunc.  The only work added
on top of the bare ufunc is one ``type`` check on the fast path and, on
failure, a TypeError that names the sigmoid instead of the raw ufunc.
"""
from __future__ import annotations

import numpy as np

__all__ = ["apply"]


def apply(ufunc: np.ufunc, public_name: str, args: tuple, kwargs: dict):
    """Call ``ufunc(*args, **kwargs)``; re-raise type errors with ``public_name``."""
    if type(args[0]) is np.ndarray and args[0].dtype.kind == "f":
        return ufunc(*args, **kwargs)
    try:
        return ufunc(*args, **kwargs)
    except TypeError as exc:
        kinds = ", ".join(_describe(a) for a in args)
        raise TypeError(
            f"sigmoids.{public_name}() takes real numbers (float16/32/64 or "
            f"something that converts to them), got {kinds}: {exc}"
        ) from None


def _describe(value) -> str:
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        return f"{type(value).__name__} of dtype {dtype}"
    return type(value).__name__
