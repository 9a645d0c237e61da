"""softmax, log_softmax and logsumexp along an axis: the logistic for many classes.

The logistic is the two-class softmax, ``softmax([z, 0])[0] == logistic(z)``,
and holds here to the last bit: each function is one compiled gufunc that
evaluates the row in double-double (``_core/softmax.h``) and rounds every
output element once, in float16, float32 and float64 alike.

Every backend of ``sigmoids._dispatch`` gets the same rows, the same bits:

- torch and JAX: the gufunc on the host, with the closed-form gradients
  (``sigmoids.torch``, ``sigmoids.jax``);
- CuPy and other array-API arrays: a round trip through NumPy;
- Dask: the axis rechunked into one chunk, then the gufunc on every block
  (``map_blocks``): lazy until computed;
- xarray: ``axis`` may be a dimension name; dims, coords and attrs are kept
  (logsumexp drops the reduced dimension);
- anything else (lists, pandas): as a NumPy array.
"""
from __future__ import annotations

import sys

import numpy as np

from . import _ufuncs
from ._dispatch import _instance_of, backend, via_numpy

__all__ = ["softmax", "log_softmax", "logsumexp"]


def _rows(name: str, x, axis, keepdims: bool = False):
    """Route ``name`` (softmax, log_softmax, logsumexp) to x's backend."""
    if type(x) is not np.ndarray:
        kind = backend((x,))
        if kind == "torch":
            from .torch import row

            return row(name, x, axis, keepdims)
        if kind == "jax":
            from .jax import row

            return row(name, x, axis, keepdims)
        if kind == "array_api":
            return via_numpy(lambda a: _numpy_rows(name, a, axis, keepdims), name, (x,))
        if _instance_of("xarray", "DataArray", (x,)):
            return _xarray_rows(name, x, axis, keepdims)
        if _instance_of("dask.array", "Array", (x,)):
            return _dask_rows(name, x, axis, keepdims)
    return _numpy_rows(name, x, axis, keepdims)


_GUFUNCS = {"softmax": True, "log_softmax": True, "logsumexp": False}   # name -> keeps the axis


def row_axis(name: str, x, axis):
    """(x, axis) with axis checked and counted from 0; x flattened for axis None.
    Works on any array with ``reshape`` and ``ndim`` (every backend)."""
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.ndim == 0:
        raise ValueError(f"sigmoids.{name}() needs at least one axis, got a scalar")
    axis = int(axis)
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(axis, x.ndim, f"sigmoids.{name}")
    return x, axis % x.ndim


def _numpy_rows(name: str, x, axis, keepdims: bool = False):
    keep_axis = _GUFUNCS[name]
    return _row_call(getattr(_ufuncs, name), name, x, axis, keep_axis, keepdims)


def _dask_rows(name: str, x, axis, keepdims: bool):
    """Each row whole in one chunk, then the gufunc on every block."""
    dask_array = sys.modules["dask.array"]
    x, axis = row_axis(name, x, axis)
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    x = x.rechunk({axis: -1})
    function = globals()[name]                  # picklable by reference for worker processes
    if _GUFUNCS[name]:
        return x.map_blocks(function, axis=axis, dtype=dtype)
    out = x.map_blocks(function, axis=axis, dtype=dtype, drop_axis=axis)
    return dask_array.expand_dims(out, axis) if keepdims else out


def _xarray_rows(name: str, x, axis, keepdims: bool):
    """On x.data (NumPy or Dask) along the axis of a dim name or number."""
    if axis is None:
        raise ValueError(f"sigmoids.{name}() of an xarray.DataArray needs a dimension (axis=name or number)")
    dim = axis if isinstance(axis, str) else x.dims[int(axis)]
    number = x.get_axis_num(dim)
    if _GUFUNCS[name]:
        return x.copy(data=_rows(name, x.data, number))
    out = x.reduce(lambda data, axis: _rows(name, data, axis), dim=dim)
    return out.expand_dims(dim, axis=number) if keepdims else out


def _row_call(gufunc, public: str, x, axis, keep_axis: bool, keepdims: bool = False):
    try:
        x = np.asanyarray(x)
        if x.dtype.kind not in "fiub":
            raise TypeError(f"unsupported dtype {x.dtype}")
        if x.dtype.kind != "f":
            x = x.astype(np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"sigmoids.{public}() takes an array of real numbers, got "
                        f"{type(x).__name__}: {exc}") from None
    x, axis = row_axis(public, x, axis)
    axes = [(axis,), (axis,)] if keep_axis else [(axis,), ()]
    out = gufunc(x, axes=axes)
    if keepdims and not keep_axis:
        out = np.expand_dims(out, axis)
    return out


def softmax(x, axis: int | None = -1):
    r"""softmax(x, axis=-1): :math:`e^{x_j} / \sum_k e^{x_k}` along ``axis``.

    Stable for any magnitudes (nothing overflows) and correctly rounded:
    every element is formed in double-double and rounded once.

    Parameters
    ----------
    x : array_like
        Real numbers; float16, float32 and float64 keep their dtype,
        integers become float64.
    axis : int, str or None, default -1
        The axis of the classes (a dimension name for an xarray.DataArray).
        None: the flattened array.

    Returns
    -------
    ndarray (or x's kind of array)
        Same shape and dtype as ``x``; every row along ``axis`` sums to 1
        (up to the rounding of each element).

    Notes
    -----
    A row with a NaN gives NaN.  A row with exactly one +inf gives 1 there
    and 0 elsewhere; several +inf, or every element -inf, give NaN with an
    "invalid value" warning (no limit exists).  -inf elements get 0.

    Examples
    --------
    >>> import sigmoids as sg
    >>> sg.softmax([1000.0, 1000.0])
    array([0.5, 0.5])
    >>> bool(sg.softmax([3.0, 0.0])[0] == sg.logistic(3.0))
    True
    """
    return _rows("softmax", x, axis)


def log_softmax(x, axis: int | None = -1):
    r"""log_softmax(x, axis=-1): :math:`x_j - \log\sum_k e^{x_k}` along ``axis``.

    Stable for any magnitudes and rounded once per element.

    Parameters
    ----------
    x : array_like
        Real numbers (float16, float32, float64 keep their dtype).
    axis : int, str or None, default -1
        The axis of the classes.  None: the flattened array.

    Returns
    -------
    ndarray
        Same shape and dtype as ``x``.

    Notes
    -----
    ``log_softmax([z, 0])[0] == log_expit(z)`` to the last bit.  NaN and
    infinities as in :func:`softmax` (0 becomes -inf, 1 becomes 0).

    Examples
    --------
    >>> import sigmoids as sg
    >>> sg.log_softmax([1000.0, 1.0])
    array([   0., -999.])
    """
    return _rows("log_softmax", x, axis)


def logsumexp(x, axis: int | None = -1, keepdims: bool = False):
    r"""logsumexp(x, axis=-1, keepdims=False): :math:`\log\sum_k e^{x_k}` along ``axis``.

    Never overflows for finite inputs and is rounded once.

    Parameters
    ----------
    x : array_like
        Real numbers (float16, float32, float64 keep their dtype).
    axis : int, str or None, default -1
        The axis to reduce.  None: the flattened array.
    keepdims : bool, default False
        Keep the reduced axis with length 1.

    Returns
    -------
    ndarray
        ``x``'s shape without ``axis``, same dtype.

    Notes
    -----
    An empty row, or one of only -inf, gives -inf with a "divide by zero"
    warning, as ``np.log(0)``.

    Examples
    --------
    >>> import sigmoids as sg
    >>> float(sg.logsumexp([1000.0, 1000.0]))
    1000.6931471805599
    """
    return _rows("logsumexp", x, axis, keepdims)
