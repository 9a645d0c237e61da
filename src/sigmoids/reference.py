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


# e^-t for t up to 2^1000 (x down to -693): mpmath holds the exponent of the
# result, about -1.44 t, as a Python int.  Beyond, once t = e^|x| is itself
# astronomically large, it cannot; 2^-(2^999), which exceeds both e^-t and
# t e^-t there, stands in: positive, and far below every format.
_GUMBEL_T_MAX = mp.mpf(2) ** 1000
_GUMBEL_BEYOND = mp.ldexp(1, -(2**999))


def _gompertz(x):
    t = mp.exp(-x)
    return mp.exp(-t) if t <= _GUMBEL_T_MAX else _GUMBEL_BEYOND


def _gompertz_derivative(x):
    """e^-x exp(-e^-x)."""
    t = mp.exp(-x)
    return mp.exp(-x - t) if t <= _GUMBEL_T_MAX else _GUMBEL_BEYOND


def _gompertz_inverse(y):
    if y < 0 or y > 1:
        return mp.nan
    if y == 0:
        return mp.ninf
    if y == 1:
        return mp.inf
    return -mp.log(-mp.log(y))


def _gompertz_logsf(x):
    """log(1 - exp(-t)), t = e^-x: log1p(-e^-t) once e^-t is small, where
    1 - e^-t at 60 digits would round to 1 (t = 665: e^-t = 1e-289)."""
    t = mp.exp(-x)
    if t > 1:
        return mp.log1p(-_gompertz(x))
    return mp.log(-mp.expm1(-t))


def _cloglog_inverse(y):
    if y < 0 or y > 1:
        return mp.nan
    if y == 0:
        return mp.ninf
    if y == 1:
        return mp.inf
    return mp.log(-mp.log1p(-y))


MPMATH = {
    "logistic": lambda x: 1 / (1 + mp.exp(-x)),
    "logistic_derivative": lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2,
    "logistic_inverse": _logit,
    "logistic_logcdf": lambda x: -_softplus(-x),
    "logistic_logsf": lambda x: -_softplus(x),
    "softplus": _softplus,
    "gompertz": _gompertz,
    "gompertz_derivative": _gompertz_derivative,
    "gompertz_inverse": _gompertz_inverse,
    "gompertz_logcdf": lambda x: -mp.exp(-x),
    "gompertz_logsf": _gompertz_logsf,
    "cloglog": lambda x: 1 - _gompertz(-x) if x > 0 else -mp.expm1(-mp.exp(x)),
    "cloglog_derivative": lambda x: _gompertz_derivative(-x),
    "cloglog_inverse": _cloglog_inverse,
    "cloglog_logcdf": lambda x: _gompertz_logsf(-x),
    "cloglog_logsf": lambda x: -mp.exp(x),
}


def _logit_float64(y):
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        central = 2.0 * np.arctanh(2.0 * y - 1.0)
        tails = np.log(y) - np.log1p(-y)
    return np.where(np.abs(y - 0.5) < 0.25, central, tails)


# e = _E_HI + _E_LO with _E_HI on 26 bits, so that y * _E_HI is exact for
# every y of at most 27 bits (the float32/float16 inputs the filter serves).
_E_HI = math.ldexp(math.floor(math.ldexp(math.e, 24)), -24)
with mp.workdps(40):
    _E_LO = float(mp.e - mp.mpf(_E_HI))


def _times_e_minus_1(w):
    """w e - 1 for w near 1/e of at most 27 bits: w * _E_HI is exact and the
    subtraction exact by Sterbenz; the small term adds 2^-77 absolute."""
    return (w * _E_HI - 1.0) + w * _E_LO


def _gompertz_inverse_float64(y):
    """-log(-log y).  Near y = 1/e, x -> 0 and -log(-log y) loses everything:
    there x = -log1p(-log1p(y e - 1))."""
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        middle = -np.log1p(-np.log1p(_times_e_minus_1(y)))
        low = -np.log(-np.log(y))
        high = -np.log(-np.log1p(y - 1.0))
    return np.where((y >= 0.19) & (y <= 0.55), middle, np.where(y < 0.5, low, high))


def _cloglog_inverse_float64(y):
    """log(-log1p(-y)), and near y = 1 - 1/e log1p(-log1p((1 - y) e - 1))."""
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        middle = np.log1p(-np.log1p(_times_e_minus_1(1.0 - y)))
        low = np.log(-np.log1p(-y))
        high = np.log(-np.log(1.0 - y))
    return np.where((y >= 0.45) & (y <= 0.81), middle, np.where(y < 0.5, low, high))


def _gompertz_derivative_float64(x):
    """exp(-x - e^-x), x clamped to >= -50 (the result is 0 below) so that
    -inf does not become inf - inf."""
    x = np.maximum(np.asarray(x, dtype=np.float64), -50.0)
    return np.exp(-x - np.exp(-x))


def _gompertz_logsf_float64(x):
    """log(1 - exp(-t)), t = e^-x: log1p(-exp(-t)) for t > 1, -x - t/2 + t^2/24
    for x > 20 (where t underflows first), else log(-expm1(-t))."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        t = np.exp(-x)
        left = np.log1p(-np.exp(-t))
        middle = np.log(-np.expm1(-t))
        right = -x + t * (-0.5 + t / 24)
    return np.where(t > 1, left, np.where(x > 20, right, middle))


def _float64_table():
    import scipy.special as sc

    return {
        "logistic": sc.expit,
        "logistic_derivative": lambda x: sc.expit(x) * sc.expit(-x),
        "logistic_inverse": _logit_float64,
        "logistic_logcdf": sc.log_expit,
        "logistic_logsf": lambda x: sc.log_expit(-np.asarray(x)),
        "softplus": lambda x: np.logaddexp(0.0, x),
        # t e^-t: relative error (t + 1) 2^-53, below 2^-46 wherever the
        # result is a float32 (t < 104).
        "gompertz": lambda x: np.exp(-np.exp(-np.asarray(x, dtype=np.float64))),
        "gompertz_derivative": _gompertz_derivative_float64,
        "gompertz_inverse": _gompertz_inverse_float64,
        "gompertz_logcdf": lambda x: -np.exp(-np.asarray(x, dtype=np.float64)),
        "gompertz_logsf": _gompertz_logsf_float64,
        "cloglog": lambda x: -np.expm1(-np.exp(np.asarray(x, dtype=np.float64))),
        "cloglog_derivative": lambda x: _gompertz_derivative_float64(-np.asarray(x, dtype=np.float64)),
        "cloglog_inverse": _cloglog_inverse_float64,
        "cloglog_logcdf": lambda x: _gompertz_logsf_float64(-np.asarray(x, dtype=np.float64)),
        "cloglog_logsf": lambda x: -np.exp(np.asarray(x, dtype=np.float64)),
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


def _to_double(v) -> float:
    """The float64 nearest ``v`` (ties to even), subnormals included: mpmath's
    float() rounds to 53 bits first and then to the subnormal grid, a double
    rounding (it gave 3.137123954197775e-309 for 634960957233969.48 * 2^-1074)."""
    if mp.isnan(v):
        return math.nan
    if mp.isfinite(v) and v != 0 and abs(v) < mp.ldexp(1, -1022):
        units = mp.nint(mp.ldexp(v, 1074))  # ties to even
        return math.copysign(float(mp.ldexp(units, -1074)), float(mp.sign(v)))
    return float(v)


def correctly_rounded(values, dtype) -> np.ndarray:
    """Round each exact ``mpf`` once to ``dtype`` (ties to even)."""
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        return np.array([_to_double(v) for v in values], dtype=np.float64)
    odd = np.array([_round_to_odd_double(v) for v in values], dtype=np.float64)
    with np.errstate(over="ignore", under="ignore"):
        return odd.astype(dtype)


def ulp_error(ours, exact, dtype=np.float64) -> np.ndarray:
    """|ours - exact| in units of the spacing of ``dtype`` at ``exact``.

    Matching infinities and NaNs count as 0; a mismatch counts as inf.  An
    infinite result for a finite exact value beyond the largest finite number
    plus half its spacing is that value correctly rounded (an overflow, as
    ``np.exp(710.0)``) and counts as 0 too.
    """
    info = np.finfo(dtype)
    min_exp = int(np.log2(float(info.smallest_normal)))
    mant = info.nmant
    overflow = mp.ldexp(1, info.maxexp) - mp.ldexp(1, info.maxexp - mant - 2)
    ours = np.asarray(ours).astype(np.float64).ravel()
    errors = np.empty(len(exact))
    for i, (o, v) in enumerate(zip(ours.tolist(), exact)):
        if mp.isnan(v) or math.isnan(o):
            errors[i] = 0.0 if (mp.isnan(v) and math.isnan(o)) else math.inf
        elif math.isinf(o) and not mp.isinf(v):
            errors[i] = 0.0 if abs(v) >= overflow and (o > 0) == (v > 0) else math.inf
        elif mp.isinf(v) or math.isinf(o):
            errors[i] = 0.0 if mp.mpf(o) == v else math.inf
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
