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

__all__ = ["DIGITS", "MPMATH", "FLOAT64", "evaluate", "correctly_rounded", "to_float64", "ulp_error"]


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


# ------------------------------------------------------------- erf, normal
# mpmath's erfc overflows for |z| beyond ~1e150, and erfc(z)/2 near 1 needs
# log1p: these helpers keep every branch exact at the working precision.

def _erfcx(z):
    """e^(z^2) erfc(z) for z >= 0; U(1/2, 1/2, z^2)/sqrt(pi) for large z."""
    if z < 25:
        return mp.erfc(z) * mp.exp(z * z)
    return mp.hyperu(0.5, 0.5, z * z) / mp.sqrt(mp.pi)


def _half_erfc(z):
    """erfc(z)/2 for any real z."""
    if z >= 25:
        return _erfcx(z) * mp.exp(-z * z) / 2
    if z < 0:
        return 1 - _half_erfc(-z)
    return mp.erfc(z) / 2


def _log_half_erfc(z):
    """log(erfc(z)/2) for any real z."""
    if z < 0:
        return mp.log1p(-_half_erfc(-z))
    if z >= 25:
        return mp.log(_erfcx(z)) - z * z - mp.log(2)
    return mp.log(mp.erfc(z) / 2)


def _erfcinv(q):
    """x with erfc(x) = q, 0 < q <= 1/2: erfinv(1 - q) where 1 - q keeps the
    digits, else Newton on log erfc(x) = log q (quadratic, well conditioned)."""
    with mp.workdps(mp.mp.dps + 10):
        if q > mp.mpf("1e-5"):
            return mp.erfinv(1 - q)
        log_q = mp.log(q)
        v = mp.sqrt(-log_q)
        x = v - mp.log(mp.sqrt(mp.pi) * v) / (2 * v)
        for _ in range(100):
            step = (mp.log(mp.erfc(x)) - log_q) * _erfcx(x) * mp.sqrt(mp.pi) / 2
            x += step
            if abs(step) < mp.mpf(10) ** (-mp.mp.dps) * x:
                break
        return x


def _erfinv_central(y):
    """erfinv(y) for |y| <= 1/2.  mpmath's erfinv stops its root search at an
    absolute tolerance, which for tiny y leaves only a few correct digits
    (erfinv(2^-1022) came back as the 53-bit sqrt(pi)/2 times y), so the
    result is polished by Newton steps to full relative precision."""
    if y == 0:
        return mp.mpf(0)
    with mp.workdps(mp.mp.dps + 10):
        x = mp.sqrt(mp.pi) / 2 * y if abs(y) < mp.mpf("1e-20") else mp.erfinv(y)
        for _ in range(50):
            step = (mp.erf(x) - y) * mp.sqrt(mp.pi) / 2 * mp.exp(x * x)
            x -= step
            if abs(step) < mp.mpf(10) ** (-mp.mp.dps) * abs(x):
                break
        return x


def _erfinv(y):
    if y < -1 or y > 1:
        return mp.nan
    if abs(y) == 1:
        return mp.inf * mp.sign(y)
    if abs(y) <= 0.5:
        return _erfinv_central(y)
    return mp.sign(y) * _erfcinv(1 - abs(y))


def _erf_ppf(p):
    """erfinv(2p - 1) without forming 2p - 1 in the tails."""
    if p < 0 or p > 1:
        return mp.nan
    if p == 0:
        return mp.ninf
    if p == 1:
        return mp.inf
    if p < 0.25:
        return -_erfcinv(2 * p)
    if p > 0.75:
        return _erfcinv(2 * (1 - p))
    return _erfinv_central(2 * p - 1)


MPMATH = {
    "logistic": lambda x: 1 / (1 + mp.exp(-x)),
    "logistic_derivative": lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2,
    "logistic_inverse": _logit,
    "logistic_logcdf": lambda x: -_softplus(-x),
    "logistic_logsf": lambda x: -_softplus(x),
    "softplus": _softplus,
    "erf": mp.erf,
    "erf_derivative": lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-x * x),
    "erf_inverse": _erfinv,
    "erf_cdf": lambda x: _half_erfc(-x),
    "erf_pdf": lambda x: mp.exp(-x * x) / mp.sqrt(mp.pi),
    "erf_ppf": _erf_ppf,
    "erf_logcdf": lambda x: _log_half_erfc(-x),
    "erf_logsf": _log_half_erfc,
    "normal": lambda x: _half_erfc(-x / mp.sqrt(2)),
    "normal_derivative": lambda x: mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi),
    "normal_inverse": lambda p: mp.sqrt(2) * _erf_ppf(p),
    "normal_logcdf": lambda x: _log_half_erfc(-x / mp.sqrt(2)),
    "normal_logsf": lambda x: _log_half_erfc(x / mp.sqrt(2)),
}


def _logit_float64(y):
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        central = 2.0 * np.arctanh(2.0 * y - 1.0)
        tails = np.log(y) - np.log1p(-y)
    return np.where(np.abs(y - 0.5) < 0.25, central, tails)


def _erf_logcdf_float64(x):
    """log((1 + erf x)/2): log erfcx(-x) - x^2 - log 2 in the left tail
    (x*x is exact for float32 x), log of erfc/2 near 0, log1p on the right."""
    import scipy.special as sc

    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        tail = np.log(sc.erfcx(-x) / 2) - x * x
        left = np.log(sc.erfc(-x) / 2)
        right = np.log1p(-sc.erfc(x) / 2)
    return np.where(x < -1, tail, np.where(x < 0, left, right))


def _erfinv_float64(y):
    """scipy's erfinv, evaluated only on [-1, 1]: outside it takes ~25 us per
    value (minutes per float32 audit chunk) before returning NaN."""
    import scipy.special as sc

    y = np.asarray(y, dtype=np.float64)
    out = np.full(y.shape, np.nan)
    inside = np.abs(y) <= 1
    out[inside] = sc.erfinv(y[inside])
    return out


def _normal_float64(x):
    """Phi(x); in the left tail erfcx(z) e^(-x^2/2) / 2, because ndtr's own
    rounded x/sqrt(2) costs z^2 2^-52 relative (2^-43 at x = -38)."""
    import scipy.special as sc

    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        tail = sc.erfcx(-x / np.sqrt(2.0)) * np.exp(-x * x / 2) / 2
    return np.where(x < -1, tail, sc.ndtr(x))


def _normal_logcdf_float64(x):
    import scipy.special as sc

    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        tail = np.log(sc.erfcx(-x / np.sqrt(2.0)) / 2) - x * x / 2
        left = np.log(sc.ndtr(x))
        right = np.log1p(-_normal_float64(-x))
    return np.where(x < -1, tail, np.where(x < 0, left, right))


def _float64_table():
    import scipy.special as sc

    return {
        "logistic": sc.expit,
        "logistic_derivative": lambda x: sc.expit(x) * sc.expit(-x),
        "logistic_inverse": _logit_float64,
        "logistic_logcdf": sc.log_expit,
        "logistic_logsf": lambda x: sc.log_expit(-np.asarray(x)),
        "softplus": lambda x: np.logaddexp(0.0, x),
        "erf": sc.erf,
        "erf_derivative": lambda x: 2 / np.sqrt(np.pi) * np.exp(-np.square(x)),
        "erf_inverse": _erfinv_float64,
        "erf_cdf": lambda x: sc.erfc(-np.asarray(x)) / 2,
        "erf_pdf": lambda x: np.exp(-np.square(x)) / np.sqrt(np.pi),
        "erf_ppf": lambda p: sc.ndtri(p) / np.sqrt(2.0),
        "erf_logcdf": _erf_logcdf_float64,
        "erf_logsf": lambda x: _erf_logcdf_float64(-np.asarray(x)),
        "normal": _normal_float64,
        "normal_derivative": lambda x: np.exp(-np.square(x) / 2) / np.sqrt(2 * np.pi),
        "normal_inverse": sc.ndtri,
        "normal_logcdf": _normal_logcdf_float64,
        "normal_logsf": lambda x: _normal_logcdf_float64(-np.asarray(x)),
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


def to_float64(v) -> float:
    """``v`` rounded once to float64 (ties to even), subnormals included.

    ``float(mpf)`` rounds to 53 bits first and then to the subnormal grid, a
    double rounding: erfinv(2^-1022) = 3991211251234741.327 * 2^-1074 came
    out as ...742 instead of ...741.  Below 2^-1022 the value is therefore
    rounded to an integer number of 2^-1074 directly."""
    if mp.isnan(v):
        return math.nan
    if v != 0 and mp.isfinite(v) and abs(v) < mp.ldexp(1, -1022):
        units = mp.nint(mp.ldexp(v, 1074))
        return math.copysign(math.ldexp(float(units), -1074), float(mp.sign(v)))
    return float(v)


def _round_to_odd_double(v) -> float:
    """float64 nearest ``v`` with round-to-odd, so that a second rounding to a
    narrower format is correct (53 >= 24 + 2)."""
    if mp.isnan(v):
        return math.nan
    d = to_float64(v)
    if math.isfinite(d) and mp.mpf(d) != v and (np.float64(d).view(np.int64) & 1) == 0:
        d = float(np.nextafter(d, math.inf if v > d else -math.inf))
    return d


def correctly_rounded(values, dtype) -> np.ndarray:
    """Round each exact ``mpf`` once to ``dtype`` (ties to even)."""
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        return np.array([to_float64(v) for v in values], dtype=np.float64)
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
            # An exact value beyond the float64 range correctly rounds to +-inf.
            errors[i] = 0.0 if (mp.mpf(o) == v or to_float64(v) == o) else math.inf
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
