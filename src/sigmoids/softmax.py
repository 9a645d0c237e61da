"""softmax, log_softmax and logsumexp along an axis: the logistic for many classes.

The logistic is the two-class softmax, ``softmax([z, 0])[0] == logistic(z)``,
and holds here to the last bit: each function is one compiled gufunc that
evaluates the row in double-double (``_core/softmax.h``) and rounds every
output element once, in float16, float32 and float64 alike.
"""
from __future__ import annotations

import numpy as np

from . import _ufuncs

__all__ = ["softmax", "log_softmax", "logsumexp"]


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
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.ndim == 0:
        raise ValueError(f"sigmoids.{public}() needs at least one axis, got a scalar")
    axis = int(axis)
    if not -x.ndim <= axis < x.ndim:
        raise np.exceptions.AxisError(axis, x.ndim, f"sigmoids.{public}")
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
    axis : int or None, default -1
        The axis of the classes.  None: the flattened array.

    Returns
    -------
    ndarray
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
    return _row_call(_ufuncs.softmax, "softmax", x, axis, keep_axis=True)


def log_softmax(x, axis: int | None = -1):
    r"""log_softmax(x, axis=-1): :math:`x_j - \log\sum_k e^{x_k}` along ``axis``.

    Stable for any magnitudes and rounded once per element.

    Parameters
    ----------
    x : array_like
        Real numbers (float16, float32, float64 keep their dtype).
    axis : int or None, default -1
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
    return _row_call(_ufuncs.log_softmax, "log_softmax", x, axis, keep_axis=True)


def logsumexp(x, axis: int | None = -1, keepdims: bool = False):
    r"""logsumexp(x, axis=-1, keepdims=False): :math:`\log\sum_k e^{x_k}` along ``axis``.

    Never overflows for finite inputs and is rounded once.

    Parameters
    ----------
    x : array_like
        Real numbers (float16, float32, float64 keep their dtype).
    axis : int or None, default -1
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
    return _row_call(_ufuncs.logsumexp, "logsumexp", x, axis, keep_axis=False, keepdims=keepdims)
