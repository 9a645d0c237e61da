"""Closed-form derivatives of every kernel with respect to x, in float64.

The autograd backends (``sigmoids.torch``) never differentiate through a
formula: the gradient of each kernel is another expression in our kernels,
chosen so that it neither cancels nor overflows in the tails.

    value, cdf          -> derivative, pdf
    derivative, pdf     -> (b - a) f', f'  with f' from ``links.pdf_slope``
    inverse, ppf        -> 1 / s'(s^-1(y)), 1 / f(F^-1(p))
    logcdf, logsf       -> f/F = exp(log f - log F), -f/(1-F) likewise,
                           with log f in closed form per family below

so that d/dx log sigma(x) at x = -1000 is exactly 1 (not 0/0) and d/dx
sigma(x) at 40 is sigma'(40) = 4.2e-18 (not 0 from 1 - sigma).
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special

from .catalog import OPERATIONS, Sigmoid, catalog, get

__all__ = ["gradient", "log_pdf", "kernel_operation"]


def _log1p_square(x):
    """log(1 + x^2) without overflowing x^2."""
    ax = np.abs(x)
    with np.errstate(all="ignore"):
        return np.where(ax < 1e150, np.log1p(ax * ax), 2.0 * np.log(ax))


def _logistic_log_pdf(x):
    logistic = get("logistic")
    return logistic.logcdf(x) + logistic.logsf(x)


def _log_of(kernel):
    def log_of(x, *params):
        with np.errstate(divide="ignore"):
            return np.log(kernel(x, *params))
    return log_of


def _student_t_log_pdf(x, nu):
    nu = np.asarray(nu, dtype=np.float64)
    finite_nu = np.where(np.isinf(nu), 1.0, nu)
    ax = np.abs(x)
    with np.errstate(all="ignore"):
        tail = np.where(ax < 1e150, np.log1p(ax * ax / finite_nu), 2.0 * np.log(ax) - np.log(finite_nu))
        t_form = (special.gammaln((finite_nu + 1) / 2) - special.gammaln(finite_nu / 2)
                  - 0.5 * np.log(finite_nu * math.pi) - (finite_nu + 1) / 2 * tail)
    return np.where(np.isinf(nu), -0.5 * x * x - 0.5 * math.log(2 * math.pi), t_form)


def _exp_overflow_guard(linear, exponential):
    """linear - e^exponential, -inf where e^exponential is infinite (a
    Gumbel density's tail: inf - inf would be NaN)."""
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(exponential)
        return np.where(np.isinf(e), -np.inf, linear - e)


def _smoothstep_log_pdf(x, n):
    n = np.asarray(n, dtype=np.float64)
    inside = (x > 0) & (x < 1)
    with np.errstate(all="ignore"):
        value = np.where(n == 0, 0.0, n * np.log(x) + n * np.log1p(-x) - special.betaln(n + 1, n + 1))
    return np.where(inside, value, -np.inf)


def _hill_log_pdf(x, n):
    """log(n x^(n-1)/(1 + x^n)^2) for x >= 0; at 0: +inf, 0, -inf for n <,
    =, > 1 (the density's limit)."""
    n = np.asarray(n, dtype=np.float64)
    positive = np.where(x > 0, x, 1.0)
    with np.errstate(all="ignore"):
        log_x = np.log(positive)
        value = np.log(n) + (n - 1) * log_x - 2.0 * np.logaddexp(0.0, n * log_x)
    at_zero = np.select([n < 1, n == 1], [np.inf, 0.0], -np.inf)
    return np.where(x > 0, value, np.where(x == 0, at_zero, -np.inf))


#: log f(x), the log-density of each entry's CDF form, in closed form
_LOG_PDF = {
    "logistic": _logistic_log_pdf,
    "tanh": lambda x: math.log(2.0) + _logistic_log_pdf(2.0 * x),
    "arctan": lambda x: -math.log(math.pi) - _log1p_square(x),
    "gudermannian": lambda x: -math.log(math.pi) - (np.abs(x) + np.log1p(np.exp(-2.0 * np.abs(x))) - math.log(2.0)),
    "erf": lambda x: -x * x - 0.5 * math.log(math.pi),
    "normal": lambda x: -0.5 * x * x - 0.5 * math.log(2 * math.pi),
    "algebraic": lambda x: -math.log(2.0) - 1.5 * _log1p_square(x),
    "softsign": lambda x: -math.log(2.0) - 2.0 * np.log1p(np.abs(x)),
    "student_t": _student_t_log_pdf,
    "genlogistic": lambda x, a: np.log(a) + get("logistic").logsf(x) + a * get("logistic").logcdf(x),
    "gompertz": lambda x: _exp_overflow_guard(-x, -x),
    "cloglog": lambda x: _exp_overflow_guard(x, x),
    "hill": _hill_log_pdf,
    "smoothstep": _smoothstep_log_pdf,
}


def log_pdf(entry: Sigmoid, x, *params) -> np.ndarray:
    """log f(x) of an entry's CDF form (the piecewise-linear ones: log of
    their piecewise-constant density)."""
    x = np.asarray(x, dtype=np.float64)
    function = _LOG_PDF.get(entry.info.name) or _log_of(entry.pdf)
    with np.errstate(all="ignore"):
        return np.asarray(function(x, *params), dtype=np.float64)


_BY_UFUNC: dict = {}


def kernel_operation(ufunc_name: str):
    """(entry, operation) of a compiled kernel (the first operation that
    uses it); ``(None, "softplus")`` for the logistic's antiderivative."""
    if not _BY_UFUNC:
        for entry in catalog.values():
            for op in OPERATIONS:
                _BY_UFUNC.setdefault(entry.info.kernels[op], (entry, op))
        _BY_UFUNC["softplus"] = (get("logistic"), "softplus")
    return _BY_UFUNC[ufunc_name]


def gradient(entry: Sigmoid, operation: str, x, *params) -> np.ndarray:
    """d/dx of ``entry``'s ``operation`` at x, in float64.

    At x = +-inf it is the limit: 0 for the value, CDF and densities, and for
    the log-forms the limit of f/F (1 for the logistic's logcdf at -inf).

    Examples
    --------
    >>> import sigmoids as sg
    >>> from sigmoids._gradients import gradient
    >>> float(gradient(sg.logistic, "value", 40.0))
    4.248354255291589e-18
    >>> float(gradient(sg.logistic, "logcdf", -1000.0))
    1.0
    """
    from .links import pdf_slope

    x = np.asarray(x, dtype=np.float64)
    a, b = entry.info.range
    with np.errstate(all="ignore"):
        if operation == "softplus":                       # d/dx log(1 + e^x) = sigma(x)
            return np.asarray(entry(x), dtype=np.float64)
        if operation == "value":
            g = entry.derivative(x, *params)
        elif operation == "cdf":
            g = entry.pdf(x, *params)
        elif operation in ("derivative", "pdf"):
            g = pdf_slope(entry, x, *params) * ((b - a) if operation == "derivative" else 1.0)
        elif operation == "inverse":
            g = 1.0 / entry.derivative(entry.inverse(x, *params), *params)
        elif operation == "ppf":
            g = 1.0 / entry.pdf(entry.ppf(x, *params), *params)
        elif operation in ("logcdf", "logsf"):
            # at +-inf both logs may be infinite: take the ratio at the largest finite x
            at = np.where(np.isinf(x), np.copysign(np.finfo(np.float64).max, x), x)
            log_tail = (entry.logcdf if operation == "logcdf" else entry.logsf)(at, *params)
            g = np.exp(log_pdf(entry, at, *params) - log_tail)
            g = np.where(np.isnan(g) & np.isinf(x) & ((x < 0) == (operation == "logcdf")), np.inf, g)
            g = -g if operation == "logsf" else g
        else:
            raise KeyError(operation)
        g = np.asarray(g, dtype=np.float64)
        if operation in ("value", "cdf", "derivative", "pdf"):
            g = np.where(np.isinf(x), 0.0, g)
    return g
