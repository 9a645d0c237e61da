"""Route a call to the right implementation for the array it receives.

=====================  ==============================================  =====================
argument               path                                            values
=====================  ==============================================  =====================
``numpy.ndarray``      the bare ufunc (one ``type`` check)             our kernels
torch tensor           ``sigmoids.torch``: the ufunc on a zero-copy    identical to NumPy
                       NumPy view, closed-form gradients
JAX array or tracer    ``sigmoids.jax``: the ufunc in a                identical to NumPy
                       ``jax.pure_callback``, ``jax.custom_jvp``
Dask, xarray, pandas   the ufunc, through their ``__array_ufunc__``    identical to NumPy
CuPy, other array API  round trip through NumPy (DLPack), back to      identical to NumPy
                       the input's namespace and device
anything else          the ufunc (lists, scalars), or a TypeError      our kernels
                       that names the function
=====================  ==============================================  =====================

Every path ends in our correctly rounded kernels, so every backend returns
the bits NumPy returns.  The backends' native ops are not used: by this
library's contract none is accurate (``torch.sigmoid`` and ``jax.nn.sigmoid``
both differ from the correctly rounded float32 value on about a third of
uniform inputs in [-20, 20], both give 0 for sigma(-88.72) = 2.9e-39, and
their autodiff cancels to 0 in the tails).  A generic formula in the
array-API namespace would run on the device but could not keep the contract
either (float32 correctly rounded, no flush to zero in the tails), so the
generic path moves the data instead: zero-copy on the CPU, a host round trip
for device arrays (the price of exact results on a GPU).

Detection imports nothing: a torch tensor or a JAX array can only exist if
its library is already in ``sys.modules``, so that is where we look.
"""
from __future__ import annotations

import sys

import numpy as np

__all__ = ["apply", "backend"]


def _instance_of(module: str, attribute: str, args) -> bool:
    """True if an argument is a ``module.attribute``; imports nothing."""
    library = sys.modules.get(module)
    if library is None:
        return False
    cls = getattr(library, attribute, None)
    return cls is not None and any(isinstance(a, cls) for a in args)


def _torch_tensor(args) -> bool:
    return _instance_of("torch", "Tensor", args)


def _jax_array(args) -> bool:
    # jax.Array is the base of concrete arrays and of tracers under jit/vmap/grad
    return _instance_of("jax", "Array", args)


def _array_api_only(x) -> bool:
    """An array-API array that NumPy's ufunc protocol cannot take (CuPy's
    ``__array_ufunc__`` only runs CuPy's own ufuncs; array-api-strict has none)."""
    cls = type(x)
    if not hasattr(cls, "__array_namespace__") or isinstance(x, np.generic):
        return False
    return not hasattr(cls, "__array_ufunc__") or cls.__module__.partition(".")[0] == "cupy"


def backend(args) -> str:
    """Which path :func:`apply` takes for these arguments: ``"numpy"``,
    ``"torch"``, ``"jax"``, ``"array_api"`` or ``"ufunc"`` (Dask, xarray,
    pandas, lists and scalars)."""
    if type(args[0]) is np.ndarray:
        return "numpy"
    if _torch_tensor(args):
        return "torch"
    if _jax_array(args):
        return "jax"
    if any(_array_api_only(a) for a in args):
        return "array_api"
    return "ufunc"


def apply(ufunc: np.ufunc, public_name: str, args: tuple, kwargs: dict):
    """Call ``ufunc(*args, **kwargs)`` on whatever kind of array ``args`` hold.

    NumPy float arrays go straight to the ufunc (one type check); the other
    kinds as in the table of this module's docstring.  A type error is
    re-raised naming ``public_name`` instead of the raw ufunc.
    """
    if type(args[0]) is np.ndarray and args[0].dtype.kind == "f":
        return ufunc(*args, **kwargs)
    kind = backend(args)
    if kind in ("torch", "jax"):
        return _backend_apply(kind)(ufunc, public_name, args, kwargs)
    if kind == "array_api":
        return via_numpy(lambda *a: _call(ufunc, public_name, a, kwargs), public_name, args)
    return _call(ufunc, public_name, args, kwargs)


_APPLY: dict = {}


def _backend_apply(kind: str):
    """``sigmoids.torch.apply_torch`` or ``sigmoids.jax.apply_jax``, imported
    on first use and then looked up (an import statement per call costs more
    than a small kernel)."""
    function = _APPLY.get(kind)
    if function is None:
        import importlib

        function = _APPLY[kind] = getattr(importlib.import_module(f"sigmoids.{kind}"), f"apply_{kind}")
    return function


def _call(ufunc, public_name, args, kwargs):
    try:
        return ufunc(*args, **kwargs)
    except TypeError as exc:
        kinds = ", ".join(_describe(a) for a in args)
        raise TypeError(
            f"sigmoids.{public_name}() takes real numbers (float16/32/64 or "
            f"something that converts to them), got {kinds}: {exc}"
        ) from None


def via_numpy(function, public_name: str, args: tuple):
    """``function(*numpy_args)`` for array-API arrays (CuPy, array-api-strict):
    the arguments cross to NumPy by DLPack (zero-copy on the CPU), the result
    returns to the first array's namespace and device.

    array-api-compat is imported here only, when such an array arrives.
    """
    import array_api_compat as compat

    first = next(a for a in args if _array_api_only(a))
    xp = compat.array_namespace(first)
    device = compat.device(first)
    host = []
    for a in args:
        if not _array_api_only(a):
            host.append(a)
            continue
        try:
            host.append(np.from_dlpack(a))
        except (BufferError, RuntimeError, TypeError, ValueError):
            # on another device (CuPy on a GPU): copy to the host first
            host.append(np.asarray(compat.to_device(a, "cpu")))
    if isinstance(host[0], np.ndarray) and host[0].dtype.kind != "f":
        # as torch and JAX: integer arrays are refused, not silently widened
        raise TypeError(f"sigmoids.{public_name}() takes real floating-point arrays, "
                        f"got {_describe(first)}")
    result = function(*host)
    if isinstance(result, tuple):
        return tuple(xp.asarray(np.asarray(r), device=device) for r in result)
    return xp.asarray(np.asarray(result), device=device)


def _describe(value) -> str:
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        return f"{type(value).__name__} of dtype {dtype}"
    return type(value).__name__
