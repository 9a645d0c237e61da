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
from .catalog import OPERATIONS, Info, Kernel, Sigmoid, catalog, get, kernel

__version__ = "0.1.0"

logistic = catalog["logistic"]

# The familiar names.
expit = sigmoid = logistic
logit = logistic.inverse
log_expit = logistic.logcdf
softplus = kernel("softplus")

__all__ = [
    "OPERATIONS", "Info", "Kernel", "Sigmoid", "catalog", "get", "kernel",
    "logistic", "expit", "sigmoid", "logit", "log_expit", "softplus",
]
