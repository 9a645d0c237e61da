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
from . import _ufuncs
from .catalog import OPERATIONS, Info, Kernel, Param, Sigmoid, catalog, get, kernel

__version__ = "0.1.0"

logistic = catalog["logistic"]
genlogistic = catalog["genlogistic"]
hill = catalog["hill"]
smoothstep = catalog["smoothstep"]

# The familiar names.
expit = sigmoid = logistic
logit = logistic.inverse
log_expit = logistic.logcdf
softplus = kernel("softplus")



def show_config() -> dict:
    """Print and return how this build of sigmoids runs.

    Returns
    -------
    dict
        ``simd_path``: the compiled code path the CPU selected at load time;
        ``wide_type``: the type that settles float16/float32 hard cases;
        ``version`` and ``numpy``.

    Examples
    --------
    >>> import sigmoids as sg
    >>> config = sg.show_config()  # doctest: +ELLIPSIS
    sigmoids ...
    >>> sorted(config)
    ['numpy', 'simd_path', 'version', 'wide_type']
    """
    import numpy

    config = {"version": __version__, "simd_path": _ufuncs.SIMD_PATH,
              "wide_type": _ufuncs.WIDE_TYPE, "numpy": numpy.__version__}
    print(f"sigmoids {__version__}: SIMD path {config['simd_path']}, hard cases in "
          f"{config['wide_type']}, NumPy {config['numpy']}")
    return config


__all__ = [
    "OPERATIONS", "Info", "Kernel", "Param", "Sigmoid", "catalog", "get", "kernel",
    "logistic", "genlogistic", "hill", "smoothstep", "expit", "sigmoid", "logit", "log_expit", "softplus", "show_config",
]
