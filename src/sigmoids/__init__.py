"""sigmoids: the whole family of S-shaped functions.

Every catalog entry is a :class:`~sigmoids.catalog.Sigmoid`: call it for the
value, and use ``.derivative``, ``.inverse``, ``.cdf``, ``.pdf``, ``.ppf``,
``.logcdf``, ``.logsf``, ``.distribution``, ``.info`` and ``.ufunc``.

>>> import sigmoids as sg
>>> float(sg.logistic(0.0))
0.5
>>> float(sg.logit(0.5))
0.0
"""
import os as _os

from . import _ufuncs
from .catalog import OPERATIONS, Info, Kernel, Param, Sigmoid, catalog, get, kernel
from .softmax import log_softmax, logsumexp, softmax
from .standardized import Standardized, standardized

__version__ = "0.1.0"

logistic = catalog["logistic"]
# Every catalog entry by its name (sg.tanh, sg.plan, ...).
globals().update({_name: _entry for _name, _entry in catalog.items() if _name.isidentifier()})

# The familiar names.
expit = sigmoid = logistic
logit = logistic.inverse
log_expit = logistic.logcdf
softplus = kernel("softplus")
erfinv = erf.inverse
probit = normal.inverse
log_ndtr = normal.logcdf

gompertz = catalog["gompertz"]
cloglog = catalog["cloglog"]



def set_num_threads(n: int) -> None:
    """Use ``n`` threads for calls on large arrays (at least 2^18 elements).

    The default is the number of cores this process may use, or the
    environment variable ``SIGMOIDS_NUM_THREADS`` when set.  Results are
    bit-identical whatever the number of threads.

    Examples
    --------
    >>> import sigmoids as sg
    >>> previous = sg.get_num_threads()
    >>> sg.set_num_threads(1)
    >>> sg.get_num_threads()
    1
    >>> sg.set_num_threads(previous)
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"sigmoids.set_num_threads() takes an int, got {type(n).__name__}")
    _ufuncs.set_num_threads(n)


def get_num_threads() -> int:
    """The number of threads used for calls on large arrays."""
    return _ufuncs.get_num_threads()


def _threads_from_environment() -> None:
    value = _os.environ.get("SIGMOIDS_NUM_THREADS", "").strip()
    if not value:
        return
    try:
        set_num_threads(int(value))
    except (TypeError, ValueError) as exc:
        import warnings

        warnings.warn(f"ignoring SIGMOIDS_NUM_THREADS={value!r}: {exc}", RuntimeWarning, stacklevel=2)


_threads_from_environment()


def _simd_from_environment() -> None:
    """``SIGMOIDS_SIMD=v3`` (or ``base``, ...) runs the float32 fast loops of
    that variant instead of the best this CPU has: for comparing them, or for
    working around a suspected miscompilation."""
    value = _os.environ.get("SIGMOIDS_SIMD", "").strip()
    if not value:
        return
    try:
        _ufuncs._set_fast_variant(value)
    except ValueError as exc:
        import warnings

        warnings.warn(f"ignoring SIGMOIDS_SIMD={value!r}: {exc} (this CPU runs: "
                      f"{', '.join(_ufuncs.fast_variants())})", RuntimeWarning, stacklevel=2)


_simd_from_environment()


def show_config() -> dict:
    """Print and return how this build of sigmoids runs.

    Returns
    -------
    dict
        ``simd_path``: the compiled code path the CPU selected at load time
        for the auto-vectorised kernels;
        ``fast_loops``: the explicit-SIMD variant running the fast loops
        (``SIGMOIDS_SIMD`` can force a lesser one), the kernels that have a
        float32 one (``kernels``) and those that have a float64 one
        (``kernels_float64``);
        ``wide_type``: the type that settles float16/float32 hard cases;
        ``num_threads``: threads used for large arrays;
        ``version`` and ``numpy``.

    Examples
    --------
    >>> import sigmoids as sg
    >>> config = sg.show_config()  # doctest: +ELLIPSIS
    sigmoids ...
    >>> sorted(config)
    ['fast_loops', 'num_threads', 'numpy', 'simd_path', 'version', 'wide_type']
    >>> 'logistic' in config['fast_loops']['kernels']
    True
    """
    import numpy

    variant, description = _ufuncs.fast_variant()
    fast = {"variant": variant, "description": description, "kernels": _ufuncs.FAST_KERNELS.split(),
            "kernels_float64": _ufuncs.FAST_KERNELS_F64.split()}
    config = {"version": __version__, "simd_path": _ufuncs.SIMD_PATH, "fast_loops": fast,
              "wide_type": _ufuncs.WIDE_TYPE, "num_threads": get_num_threads(),
              "numpy": numpy.__version__}
    print(f"sigmoids {__version__}: SIMD path {config['simd_path']}, float32 fast loops "
          f"{description} for {len(fast['kernels'])} kernels (float64: {len(fast['kernels_float64'])}), "
          f"{config['num_threads']} threads, "
          f"hard cases in {config['wide_type']}, NumPy {config['numpy']}")
    return config


__all__ = [
    "OPERATIONS", "Info", "Kernel", "Param", "Sigmoid", "catalog", "get", "kernel",
    "expit", "sigmoid", "logit", "log_expit", "softplus", "show_config",
    "softmax", "log_softmax", "logsumexp", "standardized", "Standardized",
    "set_num_threads", "get_num_threads",
    *catalog,
]
