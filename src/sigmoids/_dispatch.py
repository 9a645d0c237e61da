"""Route a call to the right implementation for the array it receives.

NumPy arrays (and anything NumPy can turn into a float array, or that speaks
``__array_ufunc__``) go straight to the compiled ufunc.  The only work added
on top of the bare ufunc is one ``type`` check on the fast path and, on
failure, a TypeError that names the sigmoid instead of the raw ufunc.
"""
from __future__ import annotations

import sys

import numpy as np

__all__ = ["apply"]


def _torch_tensor(args) -> bool:
    """True if an argument is a torch tensor.  Imports nothing: a tensor can
    only exist if torch is already in ``sys.modules``."""
    torch = sys.modules.get("torch")
    return torch is not None and any(isinstance(a, torch.Tensor) for a in args)


def apply(ufunc: np.ufunc, public_name: str, args: tuple, kwargs: dict):
    """Call ``ufunc(*args, **kwargs)``; re-raise type errors with ``public_name``.

    NumPy arrays go straight to the ufunc (one type check); torch tensors to
    ``sigmoids.torch`` (same dtype and device back, exact gradients);
    anything else to the ufunc, whose ``__array_ufunc__`` protocol keeps Dask
    lazy and xarray's coordinates.
    """
    if type(args[0]) is np.ndarray and args[0].dtype.kind == "f":
        return ufunc(*args, **kwargs)
    if _torch_tensor(args):
        from .torch import apply_torch

        return apply_torch(ufunc, public_name, args, kwargs)
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
