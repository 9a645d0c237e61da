"""Closed-form derivatives of every kernel with respect to x, in float64.

The autograd backends (``sigmoids.torch``) never differentiate through a
formula: the gradient of each kernel is another expression in our kernels,
chosen so that it neither cancels nor overflows in the tails.

    value, cdf          -> derivative, pdf
    derivative, pdf     -> (b - a) f', f'  with f' from :func:`pdf_slope`
    inverse, ppf        -> 1 / s'(s^-1(y)), 1 / f(F^-1(p))
    logcdf, logsf       -> f/F = exp(log f - log F), -f/(1-F) likewise,
                           with log f in closed form per family below

so that d/dx log sigma(x) at x = -1000 is exactly 1 (not 0/0) and d/dx
sigma(x) at 40 is sigma'(40) = 4.2e-18 (not 0 from 1 - sigma).

Derivatives with respect to a family's parameter (``param_gradient``):

- genlogistic and hill in closed form, from d/dtheta log F and d/dtheta log f
  (below);
- student_t: d/dnu log f in closed form (digamma terms); d/dnu of the t CDF
  has no closed form, so d/dnu log F is a Richardson-extrapolated central
  difference of our own correctly rounded logcdf kernel, always on the small
  side F(-|x|) (nearly linear in nu even deep in the tails, where F itself
  changes like |x|^-nu), in log nu (relative steps nu e^(+-h), h = 1/32,
  1/64, 1/128); the other side follows from F(x) = 1 - F(-x).  It tracks
  mpmath's diff to about 1e-10 relative (tests/test_param_gradients.py);
- smoothstep's n is an integer: there is no derivative, and asking for one
  is an error.

All of them are written once, on NumPy float64, and serve every backend
(torch's autograd.Function and JAX's custom_jvp call them on the host).
"""
from __future__ import annotations

import math

import numpy as np
from scipy import special

from .catalog import OPERATIONS, Sigmoid, catalog, get

__all__ = ["gradient", "log_pdf", "kernel_operation", "derivative_kernel", "param_gradient"]


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


def derivative_kernel(ufunc_name: str):
    """The compiled kernel that is d/dx of kernel ``ufunc_name``, where there
    is one (value -> derivative, cdf -> pdf, softplus -> logistic), else None.

    The autograd backends use it for a gradient that is itself
    differentiable (second derivatives: ``grad(grad(tanh))``).
    """
    entry, operation = kernel_operation(ufunc_name)
    if operation == "softplus":
        return entry.ufunc
    name = {"value": "derivative", "cdf": "pdf"}.get(operation)
    return entry.operation(name).ufunc if name else None


def _sech_slope(z, F, f, params):
    return -np.tanh(z) * f


def _hill_slope_at_0(n):
    """f'(0+) of the Hill density n x^(n-1)/(1+x^n)^2 ~ n(n-1) x^(n-2):
    -inf for n < 1, -2 for n = 1, +inf for 1 < n < 2, 2 for n = 2, 0 above."""
    n = np.asarray(n, dtype=np.float64)
    return np.select([n < 1, n == 1, n < 2, n == 2], [-np.inf, -2.0, np.inf, 2.0], 0.0)


# f'(z) of each entry's CDF form, from z, F = cdf(z), f = pdf(z) and the
# parameters: d/dz log f, times f.  Piecewise-linear entries have a piecewise
# constant density, whose slope is 0 away from the kinks.
_PDF_SLOPES = {
    "logistic": lambda z, F, f, p: f * (1.0 - 2.0 * F),
    "tanh": lambda z, F, f, p: 2.0 * f * (1.0 - 2.0 * F),
    "arctan": lambda z, F, f, p: -2.0 * z * f / (1.0 + z * z),
    "gudermannian": _sech_slope,
    "erf": lambda z, F, f, p: -2.0 * z * f,
    "normal": lambda z, F, f, p: -z * f,
    "algebraic": lambda z, F, f, p: -3.0 * z * f / (1.0 + z * z),
    "softsign": lambda z, F, f, p: -2.0 * np.sign(z) * f / (1.0 + np.abs(z)),
    "student_t": lambda z, F, f, p: np.where(np.isinf(p[0]), -z * f, -(p[0] + 1.0) * z * f / (p[0] + z * z)),
    "genlogistic": lambda z, F, f, p: f * ((p[0] + 1.0) * get("logistic")(-z) - 1.0),
    "gompertz": lambda z, F, f, p: f * np.expm1(-z),
    "cloglog": lambda z, F, f, p: -f * np.expm1(z),
    "hill": lambda z, F, f, p: np.where(z == 0.0, _hill_slope_at_0(p[0]), f * ((p[0] - 1.0) - 2.0 * p[0] * F) / z),
    "smoothstep": lambda z, F, f, p: f * p[0] * (1.0 - 2.0 * z) / (z * (1.0 - z)),
    "hard_sigmoid": lambda z, F, f, p: np.zeros_like(f),
    "hard_tanh": lambda z, F, f, p: np.zeros_like(f),
    "plan": lambda z, F, f, p: np.zeros_like(f),
}


def pdf_slope(name_or_entry, z, *params):
    """f'(z): the slope of the density of an entry's CDF form.

    Parameters
    ----------
    name_or_entry : str or Sigmoid
        Catalog name, alias or entry.
    z : array_like
        Points.
    *params : float
        The entry's parameters.

    Returns
    -------
    ndarray
        0 where the density itself is 0 (far tails, outside a support).

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoids._gradients import pdf_slope   # also sigmoids.links.pdf_slope
    >>> float(pdf_slope("logistic", 0.0))                 # 0 at the mode
    0.0
    >>> bool(np.isclose(pdf_slope("normal", 1.0), -np.exp(-0.5) / np.sqrt(2 * np.pi)))   # -1 phi(1)
    True
    """
    entry = get(name_or_entry)
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):
        F = np.asarray(entry.cdf(z, *params), dtype=np.float64)
        f = np.asarray(entry.pdf(z, *params), dtype=np.float64)
        slope = np.asarray(_PDF_SLOPES[entry.info.name](z, F, f, params), dtype=np.float64)
    # where f is 0 (e^-z times an underflowed exp, outside [0, 1]) so is f',
    # except at the end of hill's domain, where the limit above holds
    keep = (z == 0.0) if entry.info.name == "hill" else False
    return np.where((f == 0.0) & ~keep, 0.0, slope)


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
            # the limit at an infinite end of the domain; outside it (hill at
            # -inf) the gradient stays NaN, as the value is
            lo, hi = entry.info.domain
            g = np.where(np.isinf(x) & (x >= lo) & (x <= hi), 0.0, g)
    return g


# ----------------------------------------------------- parameter gradients

def _genlogistic_dlog(x, alpha):
    """d/dalpha of (log F, log(1 - F), log f) for F = sigma(x)^alpha, f = alpha sigma(-x) F."""
    logistic = get("logistic")
    log_sigma = logistic.logcdf(x)
    genlogistic = get("genlogistic")
    # -F log sigma / (1 - F), the ratio from the logs so that it holds in both
    # tails; its limits: 0 at -inf (F vanishes first), 1/alpha at +inf
    ratio = np.exp(genlogistic.logcdf(x, alpha) - genlogistic.logsf(x, alpha))
    dlog_S = np.select([x == -np.inf, x == np.inf], [0.0, 1.0 / alpha], -ratio * log_sigma)
    return log_sigma, dlog_S, 1.0 / alpha + log_sigma


def _hill_dlog(x, n):
    """d/dn of (log F, log(1 - F), log f) for F = sigma(u), u = n log x,
    f = (n/x) sigma'(u): log(x) sigma(-u), -log(x) F and
    1/n + log(x) (1 - 2F) = 1/n - log(x) tanh(u/2)."""
    logistic = get("logistic")
    positive = np.where(x > 0, x, 1.0)
    log_x = np.where(x > 0, np.log(positive), -np.inf)
    u = n * log_x
    dlog_F = np.where(x == np.inf, 0.0, log_x * logistic(-u))      # log(x) x^-n -> 0 at inf
    dlog_S = np.where(x == 0.0, 0.0, -log_x * logistic(u))         # log(x) x^n -> 0 at 0
    return dlog_F, dlog_S, 1.0 / n - log_x * np.tanh(u / 2.0)


def _student_t_dlog(x, nu):
    """d/dnu of (log F, log(1 - F), log f) for Student's t: log F of the small
    side by differences of our logcdf kernel, the large side by symmetry,
    log f in closed form."""
    student_t = get("student_t")
    nu = np.asarray(nu, dtype=np.float64)
    small_x = -np.abs(x)
    log_small = student_t.logcdf(small_x, nu)
    d_small = np.where(np.isinf(x), -np.inf, _log_step_derivative(student_t.logcdf, small_x, (nu,), 0))
    # log(1 - small): its derivative is -small d(log small) / (1 - small)
    d_large = np.where(np.isinf(x), 0.0, -np.exp(log_small - student_t.logcdf(np.abs(x), nu)) * d_small)
    finite_nu = np.where(np.isinf(nu), 1.0, nu)
    ax = np.abs(x)
    big = ax >= 1e150                                     # x^2 would overflow
    square = np.where(big, 1.0, ax * ax)
    log_term = np.where(big, 2.0 * np.log(np.where(big, ax, 1.0)) - np.log(finite_nu), np.log1p(square / finite_nu))
    share = np.where(big, 1.0, square / (finite_nu + square))          # x^2 / (nu + x^2)
    dlog_f = 0.5 * (special.digamma((finite_nu + 1) / 2) - special.digamma(finite_nu / 2) - 1.0 / finite_nu
                    - log_term + (finite_nu + 1) / finite_nu * share)
    dlog_f = np.where(np.isinf(nu), 0.0, dlog_f)         # the normal limit does not move
    return np.where(x <= 0, d_small, d_large), np.where(x >= 0, d_small, d_large), dlog_f


#: d/dtheta (log F, log(1 - F), log f) for every family with a real parameter
_DLOG = {"genlogistic": _genlogistic_dlog, "hill": _hill_dlog, "student_t": _student_t_dlog}

_RICHARDSON_STEP = 1.0 / 32.0


def _log_step_derivative(kernel, x, params, index):
    """d/dtheta kernel(x, theta) by central differences in log theta at steps
    h, h/2, h/4, extrapolated twice (Richardson): error O(h^6) plus
    about 2^7 eps of the kernel's value."""
    theta = np.asarray(params[index], dtype=np.float64)
    finite = np.isfinite(theta) & (theta > 0)
    safe = np.where(finite, theta, 1.0)

    def central(h):
        up, down = list(params), list(params)
        up[index], down[index] = safe * np.exp(h), safe * np.exp(-h)
        return (np.asarray(kernel(x, *up), np.float64) - np.asarray(kernel(x, *down), np.float64)) / (2.0 * h)

    d1, d2, d4 = (central(_RICHARDSON_STEP / k) for k in (1, 2, 4))
    # D(h) = D + c2 h^2 + c4 h^4 + ...: two eliminations leave O(h^6)
    once = ((4.0 * d2 - d1) / 3.0, (4.0 * d4 - d2) / 3.0)
    by_log = (16.0 * once[1] - once[0]) / 15.0
    # nu = inf is the normal limit: nothing changes any more
    return np.where(np.isinf(theta), 0.0, by_log / safe)


def param_gradient(entry: Sigmoid, operation: str, index: int, x, *params) -> np.ndarray:
    """d/dtheta of ``entry``'s ``operation`` at x, theta = ``params[index]``, in float64.

    Parameters
    ----------
    entry : Sigmoid
        A parametrised catalog entry (student_t, genlogistic, hill).
    operation : str
        One of ``OPERATIONS``.
    index : int
        Which parameter.
    x, *params : array_like
        The point and the parameter values (they broadcast).

    Raises
    ------
    ValueError
        For an integer parameter (smoothstep's n): no derivative exists.

    Examples
    --------
    >>> import numpy as np, sigmoids as sg
    >>> from sigmoids._gradients import param_gradient
    >>> # d/dalpha (1 + e^-x)^-alpha = log(sigma(x)) (1 + e^-x)^-alpha
    >>> g = param_gradient(sg.genlogistic, "value", 0, 0.0, 1.0)
    >>> bool(np.isclose(g, np.log(0.5) * 0.5))
    True
    """
    name = entry.info.name
    param = entry.info.params[index]
    if param.integer:
        raise ValueError(f"sigmoids.{name}: {param.name} is an integer parameter; "
                         f"there is no derivative with respect to it")
    x = np.asarray(x, dtype=np.float64)
    params = tuple(np.asarray(p, dtype=np.float64) for p in params)
    x, *params = np.broadcast_arrays(x, *params)
    with np.errstate(all="ignore"):
        g = _param_gradient(entry, operation, x, params)
        if operation in ("value", "cdf", "derivative", "pdf"):
            g = np.where(np.isinf(x), 0.0, g)
    return np.asarray(g, dtype=np.float64)


def _param_gradient(entry, operation, x, params):
    """d/dtheta of F, log F, log(1 - F), f and F^-1 from d/dtheta of log F,
    log(1 - F) and log f (the families' range is (0, 1): value = cdf,
    derivative = pdf, inverse = ppf)."""
    dlog = _DLOG[entry.info.name]
    if operation in ("inverse", "ppf"):
        # F(x(p), theta) = p: dx/dtheta = -(dF/dtheta)/f = -p dlogF / f at x(p)
        at = entry.ppf(x, *params)
        dlog_F = dlog(at, *params)[0]
        return np.where((x > 0) & (x < 1), -x * dlog_F / entry.pdf(at, *params), np.nan)
    dlog_F, dlog_S, dlog_f = dlog(x, *params)
    if operation == "logcdf":
        return dlog_F
    if operation == "logsf":
        return dlog_S
    if operation in ("value", "cdf"):
        F = entry.cdf(x, *params)
        return np.where(F == 0.0, 0.0, F * dlog_F)
    f = entry.pdf(x, *params)
    return np.where(f == 0.0, 0.0, f * dlog_f)
