"""Reference definitions of every kernel, in mpmath, and the tools to use them.

These are the ground truth of the test suite and of ``sigmoids check``: each
kernel is written from its mathematical definition, evaluated at
``DIGITS`` significant digits, and rounded once to the requested format.
Nothing here calls the compiled kernels.

``MPMATH[name]`` maps a ufunc name to a function of one ``mpf`` returning an
``mpf`` (``nan`` outside the domain).  ``FLOAT64[name]`` is an independent
float64 formula built from NumPy and SciPy, used only as a fast filter by the
exhaustive audits: where it lies far from a rounding boundary the rounded
result is certain, and only the rest goes to mpmath.
"""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np

DIGITS = 60

__all__ = ["DIGITS", "MPMATH", "FLOAT64", "evaluate", "correctly_rounded", "ulp_error"]


def _logit(y):
    if y < 0 or y > 1:
        return mp.nan
    if y == 0:
        return mp.ninf
    if y == 1:
        return mp.inf
    return mp.log(y / (1 - y))


def _softplus(x):
    return mp.log1p(mp.exp(x))


# -------------------------------------------------- arctan (Cauchy CDF form)
# Every definition forms the small side directly: at 60 digits
# 1/2 + atan(x)/pi would cancel to nothing for x < -1e60.

def _in_half_pi(y):
    return -mp.pi / 2 < y < mp.pi / 2


def _cauchy_cdf(x):
    return mp.atan(-1 / x) / mp.pi if x < 0 else mp.mpf(1) / 2 + mp.atan(x) / mp.pi


def _cauchy_logcdf(x):
    if x < 0:
        return mp.log(mp.atan(-1 / x) / mp.pi)
    return mp.log1p(-(mp.atan(1 / x) / mp.pi if x > 0 else mp.mpf(1) / 2))


def _cauchy_ppf(p):
    if p < 0 or p > 1:
        return mp.nan
    if p == 0:
        return mp.ninf
    if p == 1:
        return mp.inf
    # cot(pi q) with q = min(p, 1 - p): tan(pi (p - 1/2)) would need pi/2 to
    # far more than 60 digits when p is tiny.
    if p <= mp.mpf(1) / 2:
        return -mp.cot(mp.pi * p) if p < mp.mpf(1) / 2 else mp.mpf(0)
    return mp.cot(mp.pi * (1 - p))


# ------------------------------------------- gudermannian (hypsecant CDF form)

def _gd(x):
    # 2 atan(tanh(x/2)): relative accuracy at tiny x, pi/2 at huge x.
    return 2 * mp.atan(mp.tanh(x / 2))


def _gd_inverse(y):
    return mp.asinh(mp.tan(y)) if _in_half_pi(y) else mp.nan


def _hypsecant_cdf(x):
    return 2 * mp.atan(mp.exp(x)) / mp.pi


def _hypsecant_logcdf(x):
    if x <= 0:
        return mp.log(2 * mp.atan(mp.exp(x)) / mp.pi)
    return mp.log1p(-2 * mp.atan(mp.exp(-x)) / mp.pi)


def _hypsecant_ppf(p):
    if p < 0 or p > 1:
        return mp.nan
    if p == 0:
        return mp.ninf
    if p == 1:
        return mp.inf
    # gd^-1(pi (p - 1/2)) in the middle: exactly 0 at p = 1/2, where
    # log(tan(pi p/2)) leaves a 1e-61 residue at 60 digits.
    if mp.mpf(1) / 4 <= p <= mp.mpf(3) / 4:
        return mp.asinh(mp.tan(mp.pi * (p - mp.mpf(1) / 2)))
    return mp.log(mp.tan(mp.pi * p / 2))


MPMATH = {
    "logistic": lambda x: 1 / (1 + mp.exp(-x)),
    "logistic_derivative": lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2,
    "logistic_inverse": _logit,
    "logistic_logcdf": lambda x: -_softplus(-x),
    "logistic_logsf": lambda x: -_softplus(x),
    "softplus": _softplus,
    "arctan": mp.atan,
    "arctan_derivative": lambda x: 1 / (1 + x * x),
    "arctan_inverse": lambda y: mp.tan(y) if _in_half_pi(y) else mp.nan,
    "arctan_cdf": _cauchy_cdf,
    "arctan_pdf": lambda x: 1 / (mp.pi * (1 + x * x)),
    "arctan_ppf": _cauchy_ppf,
    "arctan_logcdf": _cauchy_logcdf,
    "arctan_logsf": lambda x: _cauchy_logcdf(-x),
    "gudermannian": _gd,
    "gudermannian_derivative": mp.sech,
    "gudermannian_inverse": _gd_inverse,
    "gudermannian_cdf": _hypsecant_cdf,
    "gudermannian_pdf": lambda x: mp.sech(x) / mp.pi,
    "gudermannian_ppf": _hypsecant_ppf,
    "gudermannian_logcdf": _hypsecant_logcdf,
    "gudermannian_logsf": lambda x: _hypsecant_logcdf(-x),
}


def _logit_float64(y):
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        central = 2.0 * np.arctanh(2.0 * y - 1.0)
        tails = np.log(y) - np.log1p(-y)
    return np.where(np.abs(y - 0.5) < 0.25, central, tails)


def _float64_trig_table():
    """numpy formulas for the arctan and gudermannian kernels, each chosen
    not to cancel (the relative error stays near 2^-50 for float32 inputs)."""
    pi = np.pi

    def where(cond, f, g, x):
        x = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):
            return np.where(cond(x), f(x), g(x))

    def in_range(y):
        return np.abs(y) < pi / 2

    def cauchy_cdf(x):
        return where(lambda x: x < 0, lambda x: np.arctan(-1 / x) / pi, lambda x: 0.5 + np.arctan(x) / pi, x)

    def cauchy_logcdf(x):
        return where(lambda x: x < 0, lambda x: np.log(np.arctan(-1 / x) / pi),
                     lambda x: np.log1p(-np.arctan2(1.0, x) / pi), x)

    def cauchy_ppf(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            q = np.minimum(p, 1 - p)
            r = np.where(q >= 0.25, np.tan(pi * (0.5 - q)), 1 / np.tan(pi * q))
            r = np.where(p < 0.5, -r, r)
            r = np.where(p == 0, -np.inf, np.where(p == 1, np.inf, r))   # -0.0 included
            return np.where((p >= 0) & (p <= 1), r, np.nan)

    def gd(x):
        return np.arctan(np.sinh(x))

    def hypsecant_logcdf(x):
        return where(lambda x: x <= 0,
                     lambda x: np.where(x < -700, x + np.log(2 / pi), np.log(2 / pi * np.arctan(np.exp(x)))),
                     lambda x: np.log1p(-2 / pi * np.arctan(np.exp(-x))), x)

    def hypsecant_ppf(p):
        p = np.asarray(p, dtype=np.float64)
        with np.errstate(all="ignore"):
            central = np.arcsinh(np.tan(pi * (p - 0.5)))
            low = np.log(np.tan(pi / 2 * p))
            high = -np.log(np.tan(pi / 2 * (1 - p)))
            r = np.where(p < 0.25, low, np.where(p > 0.75, high, central))
            r = np.where(p == 0, -np.inf, np.where(p == 1, np.inf, r))
            return np.where((p >= 0) & (p <= 1), r, np.nan)

    return {
        "arctan": np.arctan,
        "arctan_derivative": lambda x: 1 / (1 + np.square(x)),
        "arctan_inverse": lambda y: where(in_range, np.tan, lambda y: np.full_like(y, np.nan), y),
        "arctan_cdf": cauchy_cdf,
        "arctan_pdf": lambda x: 1 / (pi * (1 + np.square(x))),
        "arctan_ppf": cauchy_ppf,
        "arctan_logcdf": cauchy_logcdf,
        "arctan_logsf": lambda x: cauchy_logcdf(-np.asarray(x, dtype=np.float64)),
        "gudermannian": gd,
        "gudermannian_derivative": lambda x: 1 / np.cosh(x),
        "gudermannian_inverse": lambda y: where(in_range, lambda y: np.arcsinh(np.tan(y)),
                                                lambda y: np.full_like(y, np.nan), y),
        "gudermannian_cdf": lambda x: 2 / pi * np.arctan(np.exp(x)),
        "gudermannian_pdf": lambda x: 1 / (pi * np.cosh(x)),
        "gudermannian_ppf": hypsecant_ppf,
        "gudermannian_logcdf": hypsecant_logcdf,
        "gudermannian_logsf": lambda x: hypsecant_logcdf(-np.asarray(x, dtype=np.float64)),
    }


def _float64_table():
    import scipy.special as sc

    return {
        "logistic": sc.expit,
        "logistic_derivative": lambda x: sc.expit(x) * sc.expit(-x),
        "logistic_inverse": _logit_float64,
        "logistic_logcdf": sc.log_expit,
        "logistic_logsf": lambda x: sc.log_expit(-np.asarray(x)),
        "softplus": lambda x: np.logaddexp(0.0, x),
        **_float64_trig_table(),
    }


class _LazyTable(dict):
    """FLOAT64 imports SciPy only when first used."""

    def _fill(self):
        if not dict.__len__(self):
            self.update(_float64_table())

    def __getitem__(self, key):
        self._fill()
        return dict.__getitem__(self, key)

    def __iter__(self):
        self._fill()
        return dict.__iter__(self)

    def __len__(self):
        self._fill()
        return dict.__len__(self)

    def keys(self):
        self._fill()
        return dict.keys(self)


FLOAT64 = _LazyTable()


def evaluate(name: str, x, digits: int = DIGITS):
    """The exact value of kernel ``name`` at each float in ``x``, as ``mpf`` objects."""
    function = MPMATH[name]
    values = np.asarray(x, dtype=np.float64).ravel()
    with mp.workdps(digits):
        out = []
        for v in values.tolist():
            if math.isnan(v):
                out.append(mp.nan)
            else:
                out.append(+function(mp.mpf(v)))
        return out


def _round_to_odd_double(v) -> float:
    """float64 nearest ``v`` with round-to-odd, so that a second rounding to a
    narrower format is correct (53 >= 24 + 2)."""
    if mp.isnan(v):
        return math.nan
    d = float(v)
    if math.isfinite(d) and mp.mpf(d) != v and (np.float64(d).view(np.int64) & 1) == 0:
        d = float(np.nextafter(d, math.inf if v > d else -math.inf))
    return d


# Values at or beyond the midpoint between the largest double and 2^1024 round
# to inf (ties to even: the largest double is odd).  mpmath's float() sends
# everything above the largest double to inf, so the band below is rounded here.
_FLOAT64_OVERFLOW = mp.ldexp(1, 1024) - mp.ldexp(1, 970)


def _to_float(v) -> float:
    if mp.isnan(v):
        return math.nan
    if mp.isfinite(v) and abs(v) > mp.mpf(np.finfo(np.float64).max):
        big = math.inf if abs(v) >= _FLOAT64_OVERFLOW else float(np.finfo(np.float64).max)
        return big if v > 0 else -big
    return float(v)


def correctly_rounded(values, dtype) -> np.ndarray:
    """Round each exact ``mpf`` once to ``dtype`` (ties to even)."""
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        return np.array([_to_float(v) for v in values], dtype=np.float64)
    odd = np.array([_round_to_odd_double(v) for v in values], dtype=np.float64)
    with np.errstate(over="ignore", under="ignore"):
        return odd.astype(dtype)


def ulp_error(ours, exact, dtype=np.float64) -> np.ndarray:
    """|ours - exact| in units of the spacing of ``dtype`` at ``exact``.

    Matching infinities and NaNs count as 0; a mismatch counts as inf.
    """
    info = np.finfo(dtype)
    min_exp = int(np.log2(float(info.smallest_normal)))
    mant = info.nmant
    ours = np.asarray(ours).astype(np.float64).ravel()
    errors = np.empty(len(exact))
    for i, (o, v) in enumerate(zip(ours.tolist(), exact)):
        if mp.isnan(v) or math.isnan(o):
            errors[i] = 0.0 if (mp.isnan(v) and math.isnan(o)) else math.inf
        elif mp.isinf(v) or math.isinf(o):
            # A finite exact value whose correct rounding overflows counts as exact.
            rounds_to = v if mp.isinf(v) else correctly_rounded([v], dtype)[0]
            errors[i] = 0.0 if mp.mpf(o) == mp.mpf(float(rounds_to)) else math.inf
        else:
            exponent = max(int(mp.frexp(v)[1]) - 1, min_exp) if v != 0 else min_exp
            spacing = mp.ldexp(1, exponent - mant)
            errors[i] = float(abs(mp.mpf(o) - v) / spacing)
    return errors


def expected_narrow(name: str, x, dtype, tolerance: float = 2.0**-40) -> np.ndarray:
    """Correctly rounded results of kernel ``name`` at inputs ``x`` of a narrow ``dtype``.

    The independent float64 formula ``FLOAT64[name]`` decides every input whose
    value is further than ``tolerance`` (relative) from a rounding boundary of
    ``dtype``; the remaining few are evaluated exactly with mpmath.  A NaN from
    the float64 formula is taken as the answer (domain errors).

    Returns
    -------
    expected : ndarray of ``dtype``
    candidates : int
        How many inputs went to mpmath.
    """
    dtype = np.dtype(dtype)
    x = np.asarray(x, dtype=dtype)
    wide = x.astype(np.float64)
    with np.errstate(all="ignore"):
        ref = np.asarray(FLOAT64[name](wide), dtype=np.float64)
        margin = np.where(np.isfinite(ref), np.abs(ref) * tolerance, 0.0)
        low = (ref - margin).astype(dtype)
        high = (ref + margin).astype(dtype)
    certain = (low == high) | np.isnan(ref)
    expected = low.copy()
    expected[np.isnan(ref)] = np.nan
    hard = np.flatnonzero(~certain)
    if hard.size:
        expected[hard] = correctly_rounded(evaluate(name, wide[hard]), dtype)
    return expected, int(hard.size)
