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

Kernels of two inputs (the parametrised families) take ``(x, p)`` in both
tables: ``MPMATH[name](x, p)`` on ``mpf`` and ``FLOAT64[name](x, p)`` on
broadcasting float64 arrays, and ``evaluate(name, x, params=(p,))``.  An
invalid parameter gives ``nan``, as the kernels do.
"""
from __future__ import annotations

import math
from fractions import Fraction

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


def _positive_parameter(function):
    """``function(x, p)``, or nan where the parameter is not finite and > 0."""

    def checked(x, p):
        if mp.isnan(p) or mp.isinf(p) or p <= 0:
            return mp.nan
        return function(x, p)

    return checked


def _sticky_add(main, small):
    """main + small where |small| may be far below main's last digit.

    The exact sum can then need thousands of digits, yet every rounding to
    a float format depends only on main and on the sign of small (main may
    be a float16 midpoint exactly): beyond the working precision small is
    replaced by a stand-in of the same sign just below it, which rounds the
    same way in every format of fewer bits (round-to-odd, in effect)."""
    if small == 0 or main == 0:
        return main + small
    prec = mp.mp.prec
    if mp.log(abs(main / small), 2) < prec + 8:
        with mp.workprec(2 * prec + 16):
            return main + small
    with mp.workprec(prec + 40):
        return main + mp.sign(small) * abs(main) * mp.ldexp(1, -prec - 20)


def _scaled_log_expit(x, a):
    """-a softplus(-x) = a x - a log1p(e^x) for x < 0, where a x can be a
    float16/float32 midpoint exactly and a log1p(e^x) ~ e^x decides the
    rounding (a plain 60-digit sum rounds onto the midpoint)."""
    if x >= 0:
        return -a * _softplus(-x)
    return _sticky_add(a * x, -a * mp.log1p(mp.exp(x)))


def _log1m_exp(z):
    """log(1 - e^-z) for z > 0, without rounding 1 - e^-z to 1 at large z."""
    if z < mp.log(2):
        return mp.log(-mp.expm1(-z))
    return mp.log1p(-mp.exp(-z))


def _genlogistic_inverse(y, alpha):
    if y < 0 or y > 1:
        return mp.nan
    if y == 0:
        return mp.ninf
    if y == 1:
        return mp.inf
    with mp.extradps(40):
        v = mp.log(y * mp.mpf(2) ** alpha)  # exactly 0 where y = 2^-alpha exactly
        if abs(v) < 0.25:
            # near the zero of x: x = -log1p(2 expm1(-v/alpha)) keeps it relative
            return -mp.log1p(2 * mp.expm1(-v / alpha))
        return -mp.log(mp.expm1(-mp.log(y) / alpha))


# hill(2^-75, 2) = 2^-150 (1 - 2^-150 + ...) sits just below the float32
# midpoint 2^-150: these are written as a power of x (exact) plus a small
# correction, added with _sticky_add so that 60 digits keep its sign.

def _hill(x, n):
    if x < 0:
        return mp.nan
    if x == 0:
        return mp.mpf(0)
    if mp.isinf(x):
        return mp.mpf(1)
    if x < 1:
        t = x ** n
        return _sticky_add(t, -t * t / (1 + t))
    return 1 / (1 + x ** -n)


def _hill_derivative(x, n):
    if x < 0:
        return mp.nan
    if x == 0:
        return mp.inf if n < 1 else mp.mpf(1 if n == 1 else 0)
    if mp.isinf(x):
        return mp.mpf(0)
    # n x^(n-1) / (1 + t)^2 with t = x^n, or n x^(-n-1) / (1 + t)^2 with t = x^-n
    t, lead = (x ** n, n * x ** (n - 1)) if x < 1 else (x ** -n, n * x ** (-n - 1))
    return _sticky_add(lead, -lead * (2 * t + t * t) / (1 + t) ** 2)


def _hill_inverse(y, n):
    if y < 0 or y > 1:
        return mp.nan
    if y == 0:
        return mp.mpf(0)
    if y == 1:
        return mp.inf
    return (y / (1 - y)) ** (1 / n)


def _hill_log(x, n, lower):
    """log H (lower) or log(1 - H): -log1p(x^-n), -log1p(x^n)."""
    if x < 0:
        return mp.nan
    if x == 0:
        return mp.ninf if lower else mp.mpf(0)
    if mp.isinf(x):
        return mp.mpf(0) if lower else mp.ninf
    return -mp.log1p(x ** (-n if lower else n))


# ---------------------------------------------------------------- smoothstep
#
# S_n of a float is a dyadic rational: evaluated exactly (Python integers),
# then converted with round-to-odd at a few bits beyond the working
# precision, so that narrow midpoints (S_3(1/8) is one in float16) round as
# the exact value does.

SMOOTHSTEP_MAX_N = 1000


def _smoothstep_parameter(function):
    """``function(x, n)`` with n an int, or nan for an invalid order."""

    def checked(x, n):
        if mp.isnan(n) or mp.isinf(n) or n < 0 or n > SMOOTHSTEP_MAX_N or n != mp.floor(n):
            return mp.nan
        return function(x, int(n))

    return checked


def _fraction(v) -> Fraction:
    """The finite mpf (or float) ``v`` as an exact Fraction."""
    sign, man, exp, _ = mp.mpf(v)._mpf_
    q = Fraction(man) * (Fraction(2) ** exp)
    return -q if sign else q


def _mpf_odd(q: Fraction):
    """The rational ``q`` as an mpf: exact if it fits in the working precision
    plus 16 bits, else rounded to odd there (so rounding it again is correct)."""
    if q == 0:
        return mp.mpf(0)
    sign = -1 if q < 0 else 1
    q = abs(q)
    bits = mp.mp.prec + 16
    shift = bits - (q.numerator.bit_length() - q.denominator.bit_length())
    scaled = q * (Fraction(2) ** shift)
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if rest:
        whole |= 1
    with mp.workprec(bits + 8):
        return sign * mp.ldexp(mp.mpf(whole), -shift)


def _smoothstep_exact(x: Fraction, n: int) -> Fraction:
    if x <= 0:
        return Fraction(0)
    if x >= 1:
        return Fraction(1)
    m = 2 * n + 1
    return sum(math.comb(m, j) * x**j * (1 - x) ** (m - j) for j in range(n + 1, m + 1))


def _smoothstep(x, n):
    return _mpf_odd(_smoothstep_exact(_fraction(x), n))


def _smoothstep_derivative(x, n):
    q = _fraction(x)
    if q < 0 or q > 1:
        return mp.mpf(0)
    k = (2 * n + 1) * math.comb(2 * n, n)
    return _mpf_odd(k * (q * (1 - q)) ** n)


def _smoothstep_log(x, n, lower):
    """log S_n(x) (lower) or log(1 - S_n(x)) = log S_n(1 - x)."""
    q = _fraction(x)
    if not lower:
        q = 1 - q
    if q <= 0:
        return mp.ninf
    if q >= 1:
        return mp.mpf(0)
    if q > Fraction(1, 2):
        # log(1 - S(1 - q)): near 1, where rounding S itself would lose its
        # distance from 1
        return mp.log1p(-_mpf_odd(_smoothstep_exact(1 - q, n)))
    return mp.log(_mpf_odd(_smoothstep_exact(q, n)))


def _smoothstep_inverse(y, n):
    if y < 0 or y > 1:
        return mp.nan
    if n == 0 or y == 0 or y == 1 or y == 0.5:
        return y
    if y > 0.5:
        return 1 - _smoothstep_root(1 - y, n)
    return _smoothstep_root(y, n)


def _smoothstep_root(y, n):
    """The x in (0, 1/2] with S_n(x) = y <= 1/2: Newton on log S in log x,
    kept inside a bracket, at the working precision plus 30 digits."""
    m = 2 * n + 1
    with mp.extradps(30):
        def log_s_and_slope(x):
            r = x / (1 - x)
            terms = [math.comb(m, n + 1 + i) * r**i for i in range(n + 1)]
            p = mp.fsum(terms)
            dp = mp.fsum(i * t for i, t in enumerate(terms)) / r if r else mp.mpf(0)
            log_s = (n + 1) * mp.log(x) + n * mp.log1p(-x) + mp.log(p)
            # d log S / d log x = (n+1) - n x/(1-x) + x r'(x) P'/P, r' = 1/(1-x)^2
            slope = (n + 1) - n * x / (1 - x) + x * dp / (p * (1 - x) ** 2)
            return log_s, slope

        log_y = mp.log(y)
        lo, hi = mp.mpf(0), mp.mpf(0.5)
        x = mp.exp((log_y - mp.log(math.comb(m, n + 1))) / (n + 1))
        x = min(x, hi)
        for _ in range(500):
            g, slope = log_s_and_slope(x)
            if g < log_y:
                lo = x
            else:
                hi = x
            nxt = x * mp.exp(-(g - log_y) / slope)
            if not (lo < nxt < hi):
                nxt = mp.sqrt(lo * hi) if lo > 0 else hi / 2
            if abs(nxt - x) <= abs(x) * mp.mpf(2) ** (-mp.mp.prec + 4):
                x = nxt
                break
            x = nxt
        return +x


MPMATH = {
    "logistic": lambda x: 1 / (1 + mp.exp(-x)),
    "logistic_derivative": lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2,
    "logistic_inverse": _logit,
    "logistic_logcdf": lambda x: -_softplus(-x),
    "logistic_logsf": lambda x: -_softplus(x),
    "softplus": _softplus,
    # genlogistic (Richards): (1 + e^-x)^-alpha
    "genlogistic": _positive_parameter(lambda x, a: mp.exp(-a * _softplus(-x))),
    # alpha F(x) sigma(-x), sigma(-x) = exp(-softplus(x))
    "genlogistic_derivative": _positive_parameter(lambda x, a: a * mp.exp(-a * _softplus(-x) - _softplus(x))),
    "genlogistic_inverse": _positive_parameter(_genlogistic_inverse),
    "genlogistic_logcdf": _positive_parameter(lambda x, a: _scaled_log_expit(x, a)),
    "genlogistic_logsf": _positive_parameter(lambda x, a: _log1m_exp(a * _softplus(-x))),
    # hill: x^n / (1 + x^n), x >= 0
    "hill": _positive_parameter(_hill),
    "hill_derivative": _positive_parameter(_hill_derivative),
    "hill_inverse": _positive_parameter(_hill_inverse),
    "hill_logcdf": _positive_parameter(lambda x, n: _hill_log(x, n, True)),
    "hill_logsf": _positive_parameter(lambda x, n: _hill_log(x, n, False)),
    # smoothstep: S_n on [0, 1], clamped
    "smoothstep": _smoothstep_parameter(_smoothstep),
    "smoothstep_derivative": _smoothstep_parameter(_smoothstep_derivative),
    "smoothstep_inverse": _smoothstep_parameter(_smoothstep_inverse),
    "smoothstep_logcdf": _smoothstep_parameter(lambda x, n: _smoothstep_log(x, n, True)),
    "smoothstep_logsf": _smoothstep_parameter(lambda x, n: _smoothstep_log(x, n, False)),
}


def _logit_float64(y):
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        central = 2.0 * np.arctanh(2.0 * y - 1.0)
        tails = np.log(y) - np.log1p(-y)
    return np.where(np.abs(y - 0.5) < 0.25, central, tails)


def _valid_parameter(p):
    p = np.asarray(p, dtype=np.float64)
    return (p > 0) & np.isfinite(p)


# The genlogistic filters are used on float32/float16 x and alpha, whose
# product a x is exact in float64: e^(a x) then costs one rounding however
# large a x is, and the rest of the exponent stays below (a + 1) log 2.  That
# keeps them within 2^-44 for alpha up to about 400.

def _genlogistic_float64(x, a):
    x, a = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(a, dtype=np.float64))
    with np.errstate(all="ignore"):
        tail = np.exp(-a * np.log1p(np.exp(-np.abs(x))))
        out = np.where(x < 0, np.exp(a * x) * tail, tail)
    return np.where(_valid_parameter(a), out, np.nan)


def _genlogistic_derivative_float64(x, a):
    x, a = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(a, dtype=np.float64))
    with np.errstate(all="ignore"):
        lead = np.exp(np.where(x < 0, a * x, -x))
        out = a * lead * np.exp(-(a + 1) * np.log1p(np.exp(-np.abs(x))))
    return np.where(_valid_parameter(a), out, np.nan)


def _genlogistic_inverse_float64(y, a):
    """-log(expm1(-log(y)/a)); near its zero (y = 2^-a) the formula cancels in
    any precision short of the answer's, so those few inputs (|x| < 2^-12)
    are evaluated with mpmath instead."""
    y, a = np.broadcast_arrays(np.asarray(y, dtype=np.float64), np.asarray(a, dtype=np.float64))
    with np.errstate(all="ignore"):
        w = -np.log(y) / a
        out = np.where(w > 1, -(w + np.log1p(-np.exp(-w))), -np.log(np.expm1(w)))
        out = np.where((y < 0) | (y > 1) | ~_valid_parameter(a), np.nan, out)
    near = np.flatnonzero(np.abs(out) < 2.0**-12)
    if near.size:
        out = np.array(out, dtype=np.float64)
        with mp.workdps(40):
            for i in near.tolist():
                out[i] = float(_genlogistic_inverse(mp.mpf(float(y.flat[i])), mp.mpf(float(a.flat[i]))))
    return out


def _genlogistic_logsf_float64(x, a):
    x, a = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(a, dtype=np.float64))
    with np.errstate(all="ignore"):
        z = a * np.logaddexp(0.0, -x)
        # far right tail: z = a log1p(e^-x) underflows before log z does
        logz = np.where(x > 30, np.log(a) - x - 0.5 * np.exp(-x), np.log(z))
        z = np.where(x > 30, np.exp(logz), z)
        out = np.where(z < 2.0**-20, logz - z / 2,
                       np.where(z < np.log(2), np.log(-np.expm1(-z)), np.log1p(-_genlogistic_float64(x, a))))
    return np.where(_valid_parameter(a), out, np.nan)


def _hill_float64(kind):
    """The hill kernels in float64 through powers of x (pow keeps its relative
    accuracy at any size, where e^(n log x) would lose |n log x| eps), with
    n log x only where it is the result's leading term; NaN below 0 and for
    an invalid n, as the kernels."""

    def function(x, n):
        x, n = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(n, dtype=np.float64))
        small = x < 1
        with np.errstate(all="ignore"):
            t = np.where(small, x ** n, x ** -n)          # <= 1
            if kind == "value":
                out = np.where(small, t / (1 + t), 1 / (1 + t))
            elif kind == "derivative":
                lead = n * np.where(small, x ** (n - 1), x ** (-n - 1))
                out = lead / ((1 + t) * (1 + t))
                out = np.where(x == 0, np.where(n < 1, np.inf, np.where(n == 1, 1.0, 0.0)), out)
            elif kind == "logcdf":
                out = np.where(small, -np.logaddexp(0.0, -n * np.log(x)), -np.log1p(t))
            else:
                out = np.where(small, -np.log1p(t), -np.logaddexp(0.0, n * np.log(x)))
        return np.where((x < 0) | ~_valid_parameter(n), np.nan, out)

    return function


def _hill_inverse_float64(y, n):
    y, n = np.broadcast_arrays(np.asarray(y, dtype=np.float64), np.asarray(n, dtype=np.float64))
    with np.errstate(all="ignore"):
        out = (y / (1 - y)) ** (1 / n)
    return np.where((y < 0) | (y > 1) | ~_valid_parameter(n), np.nan, out)


def _smoothstep_float64(kind):
    """The smoothstep kernels in float64, independent of the C code: the
    Bernstein sum of positive terms on [0, 1/2] (the other half by symmetry),
    its log as (n+1) log x + n log1p(-x) + log P(x/(1-x)) so that nothing
    underflows, scipy's betaincinv polished by one Newton step for the
    inverse.  One pass per distinct order n."""

    def function(x, n):
        x, n = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(n, dtype=np.float64))
        out = np.full(x.shape, np.nan)
        valid = np.isfinite(n) & (n >= 0) & (n <= SMOOTHSTEP_MAX_N) & (n == np.floor(n))
        for order in np.unique(n[valid]):
            sel = valid & (n == order)
            with np.errstate(all="ignore"):
                out[sel] = _smoothstep_float64_order(kind, x[sel], int(order))
        return out

    return function


def _smoothstep_half_float64(t, n):
    """(S_n(t), log S_n(t)) for 0 <= t <= 1/2 from P(r) = sum C(2n+1, n+1+i) r^i."""
    m = 2 * n + 1
    r = t / (1 - t)
    p = np.zeros_like(t)
    for i in range(n, -1, -1):
        p = p * r + math.comb(m, n + 1 + i)
    log_s = (n + 1) * np.log(t) + n * np.log1p(-t) + np.log(p)
    # t^(n+1) from t's mantissa, its exponent applied once at the end: the
    # power alone can be subnormal where S = C t^(n+1) is not
    mant, expo = np.frexp(t)
    return np.ldexp(mant ** (n + 1) * (1 - t) ** n * p, expo * (n + 1)), log_s


def _smoothstep_float64_order(kind, x, n):
    lower = x <= 0.5
    t = np.where(lower, x, 1 - x)
    s, log_s = _smoothstep_half_float64(t, n)
    if kind == "value":
        out = np.where(lower, s, 1 - s)
        return np.where(x <= 0, 0.0, np.where(x >= 1, 1.0, out))
    if kind == "derivative":
        k = (2 * n + 1) * math.comb(2 * n, n)
        out = k * (t * (1 - t)) ** n
        return np.where((x < 0) | (x > 1), 0.0, out)
    if kind == "logcdf":
        out = np.where(lower, log_s, np.log1p(-s))
        return np.where(x <= 0, -np.inf, np.where(x >= 1, 0.0, out))
    if kind == "logsf":
        out = np.where(lower, np.log1p(-s), log_s)
        return np.where(x >= 1, -np.inf, np.where(x <= 0, 0.0, out))
    # inverse: x is y here
    import scipy.special as sc

    y = x
    upper = y > 0.5
    target = np.where(upper, 1 - y, y)
    root = sc.betaincinv(n + 1, n + 1, target)
    if n > 0:
        _, log_s = _smoothstep_half_float64(root, n)
        k = (2 * n + 1) * math.comb(2 * n, n)
        s, _ = _smoothstep_half_float64(root, n)
        slope = root * k * (root * (1 - root)) ** n / s        # d log S / d log x
        root = root * np.exp(-(log_s - np.log(target)) / slope)
    out = np.where(upper, 1 - root, root)
    out = np.where((y == 0) | (y == 1) | (y == 0.5), y, out)
    return np.where((y < 0) | (y > 1), np.nan, out)


def _float64_table():
    import scipy.special as sc

    return {
        "logistic": sc.expit,
        "logistic_derivative": lambda x: sc.expit(x) * sc.expit(-x),
        "logistic_inverse": _logit_float64,
        "logistic_logcdf": sc.log_expit,
        "logistic_logsf": lambda x: sc.log_expit(-np.asarray(x)),
        "softplus": lambda x: np.logaddexp(0.0, x),
        "genlogistic": _genlogistic_float64,
        "genlogistic_derivative": _genlogistic_derivative_float64,
        "genlogistic_inverse": _genlogistic_inverse_float64,
        "genlogistic_logcdf": lambda x, a: np.where(_valid_parameter(a), -np.asarray(a) * np.logaddexp(0.0, -np.asarray(x)), np.nan),
        "genlogistic_logsf": _genlogistic_logsf_float64,
        "hill": _hill_float64("value"),
        "hill_derivative": _hill_float64("derivative"),
        "hill_inverse": _hill_inverse_float64,
        "hill_logcdf": _hill_float64("logcdf"),
        "hill_logsf": _hill_float64("logsf"),
        "smoothstep": _smoothstep_float64("value"),
        "smoothstep_derivative": _smoothstep_float64("derivative"),
        "smoothstep_inverse": _smoothstep_float64("inverse"),
        "smoothstep_logcdf": _smoothstep_float64("logcdf"),
        "smoothstep_logsf": _smoothstep_float64("logsf"),
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


def evaluate(name: str, x, digits: int = DIGITS, params=()):
    """The exact value of kernel ``name`` at each float in ``x``, as ``mpf`` objects.

    ``params`` are the parameters of a two-input kernel (scalars or arrays
    that broadcast with ``x``); the result is flat, in broadcast order.
    """
    function = MPMATH[name]
    if params:
        arrays = np.broadcast_arrays(np.asarray(x, dtype=np.float64),
                                     *(np.asarray(p, dtype=np.float64) for p in params))
        columns = [a.ravel().tolist() for a in arrays]
        with mp.workdps(digits):
            out = []
            for args in zip(*columns):
                if any(math.isnan(a) for a in args):
                    out.append(mp.nan)
                else:
                    # not rounded to ``digits``: a definition that needs more
                    # (an exact narrow midpoint plus e^-1000) returns more
                    out.append(function(*(mp.mpf(a) for a in args)))
            return out
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


_SMALLEST_NORMAL = mp.mpf(2) ** -1022


def _to_float64(v) -> float:
    """``v`` rounded once to float64.  ``float(mpf)`` rounds to 53 bits first
    and then again into the subnormal grid, which misrounds subnormal ties
    (exp(-708.6394619711062 + 7.44e-14) came out one unit too high)."""
    if mp.isnan(v):
        return math.nan
    if v != 0 and abs(v) < _SMALLEST_NORMAL:
        return float(mp.nint(mp.ldexp(v, 1074))) * 2.0**-1074
    return float(v)


def correctly_rounded(values, dtype) -> np.ndarray:
    """Round each exact ``mpf`` once to ``dtype`` (ties to even)."""
    dtype = np.dtype(dtype)
    if dtype == np.float64:
        return np.array([_to_float64(v) for v in values], dtype=np.float64)
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
    # beyond this the exact value rounds to infinity in ``dtype``
    overflow = mp.mpf(float(info.max)) + mp.ldexp(1, int(mp.frexp(float(info.max))[1]) - mant - 2)
    errors = np.empty(len(exact))
    for i, (o, v) in enumerate(zip(ours.tolist(), exact)):
        if mp.isnan(v) or math.isnan(o):
            errors[i] = 0.0 if (mp.isnan(v) and math.isnan(o)) else math.inf
        elif mp.isinf(v) or math.isinf(o):
            rounds_to = v if mp.isinf(v) or abs(v) < overflow else mp.inf * mp.sign(v)
            errors[i] = 0.0 if mp.mpf(o) == rounds_to else math.inf
        else:
            exponent = max(int(mp.frexp(v)[1]) - 1, min_exp) if v != 0 else min_exp
            spacing = mp.ldexp(1, exponent - mant)
            errors[i] = float(abs(mp.mpf(o) - v) / spacing)
    return errors


def expected_narrow(name: str, x, dtype, tolerance: float = 2.0**-40, params=()) -> np.ndarray:
    """Correctly rounded results of kernel ``name`` at inputs ``x`` of a narrow ``dtype``.

    The independent float64 formula ``FLOAT64[name]`` decides every input whose
    value is further than ``tolerance`` (relative) from a rounding boundary of
    ``dtype``; the remaining few are evaluated exactly with mpmath.  A NaN from
    the float64 formula is taken as the answer (domain errors).  ``params``:
    the parameters of a two-input kernel, broadcast with ``x`` (and rounded
    to ``dtype`` like ``x``).

    Returns
    -------
    expected : ndarray of ``dtype``
    candidates : int
        How many inputs went to mpmath.
    """
    dtype = np.dtype(dtype)
    x = np.asarray(x, dtype=dtype)
    if params:
        arrays = np.broadcast_arrays(x, *(np.asarray(p, dtype=dtype) for p in params))
        x, params = arrays[0].ravel(), tuple(a.ravel().astype(np.float64) for a in arrays[1:])
    wide = x.astype(np.float64)
    with np.errstate(all="ignore"):
        ref = np.asarray(FLOAT64[name](wide, *params), dtype=np.float64)
        margin = np.where(np.isfinite(ref), np.abs(ref) * tolerance, 0.0)
        low = (ref - margin).astype(dtype)
        high = (ref + margin).astype(dtype)
    certain = (low == high) | np.isnan(ref)
    expected = low.copy()
    expected[np.isnan(ref)] = np.nan
    hard = np.flatnonzero(~certain)
    if hard.size:
        hard_params = tuple(p[hard] for p in params)
        expected[hard] = correctly_rounded(evaluate(name, wide[hard], params=hard_params), dtype)
    return expected, int(hard.size)
