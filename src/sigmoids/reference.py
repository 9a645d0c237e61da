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


# ------------------------------------------------- tanh, algebraic, softsign,
# hard_sigmoid, hard_tanh, plan.  Tails are written in their cancellation-free
# forms (G below is the left tail of the CDF form), so that 60 digits are
# enough at any float64 input.

def _pole_or_nan(y, lo, hi, inside):
    """``inside(y)`` on the open interval, -inf/+inf at the ends, NaN outside."""
    if y < lo or y > hi:
        return mp.nan
    if y == lo:
        return mp.ninf
    if y == hi:
        return mp.inf
    return inside(y)


def _artanh(y):
    return _pole_or_nan(y, -1, 1, mp.atanh)


def _tanh_sech2(x, k):
    t = mp.exp(-2 * abs(x))
    return k * t / (1 + t) ** 2


def _algebraic(x):
    if mp.isinf(x):
        return mp.sign(x)
    return x / mp.sqrt(1 + x * x)


def _algebraic_derivative(x):
    if mp.isinf(x):
        return mp.mpf(0)
    return (1 + x * x) ** mp.mpf(-1.5)


def _algebraic_tail(a):
    """G(a) = (1 - a/sqrt(1+a^2))/2 = 1/(2 r (r + a)), a >= 0."""
    if mp.isinf(a):
        return mp.mpf(0)
    r = mp.sqrt(1 + a * a)
    return 1 / (2 * r * (r + a))


def _algebraic_cdf(x):
    g = _algebraic_tail(abs(x))
    return g if x < 0 else 1 - g


def _algebraic_logcdf(x):
    g = _algebraic_tail(abs(x))
    if x < 0:
        return mp.log(g) if g != 0 else mp.ninf
    return mp.log1p(-g)


def _algebraic_ppf(p):
    def inside(p):
        q = p if p < mp.mpf(0.5) else 1 - p
        v = (1 - 2 * q) / (2 * mp.sqrt(q * (1 - q)))
        return -v if p < mp.mpf(0.5) else v
    return _pole_or_nan(p, 0, 1, inside)


def _softsign(x):
    if mp.isinf(x):
        return mp.sign(x)
    return x / (1 + abs(x))


def _softsign_derivative(x, k=1):
    if mp.isinf(x):
        return mp.mpf(0)
    return k / (1 + abs(x)) ** 2


def _softsign_inverse(y):
    return _pole_or_nan(y, -1, 1, lambda y: y / (1 - abs(y)))


def _softsign_tail(a):
    return mp.mpf(0) if mp.isinf(a) else 1 / (2 * (1 + a))


def _softsign_cdf(x):
    g = _softsign_tail(abs(x))
    return g if x < 0 else 1 - g


def _softsign_logcdf(x):
    if x < 0:
        return mp.ninf if mp.isinf(x) else -mp.log(2 * (1 + abs(x)))
    return mp.log1p(-_softsign_tail(x))


def _softsign_ppf(p):
    def inside(p):
        q = p if p < mp.mpf(0.5) else 1 - p
        v = (1 - 2 * q) / (2 * q)
        return -v if p < mp.mpf(0.5) else v
    return _pole_or_nan(p, 0, 1, inside)


def _clip(v, lo, hi):
    return mp.mpf(lo) if v <= lo else (mp.mpf(hi) if v >= hi else v)


def _log_or_ninf(v):
    return mp.ninf if v == 0 else mp.log(v)


def _closed_inverse(y, lo, hi, inside):
    """``inside(y)`` on the closed interval [lo, hi], NaN outside."""
    if y < lo or y > hi:
        return mp.nan
    return inside(y)


def _hard_sigmoid(x):
    return _clip((x + 3) / 6, 0, 1)


def _hard_tanh_cdf(x):
    return _clip((x + 1) / 2, 0, 1)


#: PLAN's segments on |x|: (lower end of |x|, slope, intercept).
_PLAN_SEGMENTS = ((mp.mpf(5), mp.mpf(0), mp.mpf(1)), (mp.mpf("2.375"), mp.mpf("0.03125"), mp.mpf("0.84375")),
                  (mp.mpf(1), mp.mpf("0.125"), mp.mpf("0.625")), (mp.mpf(0), mp.mpf("0.25"), mp.mpf("0.5")))


def _plan_segment(a):
    for start, c, d in _PLAN_SEGMENTS:
        if a >= start:
            return c, d


def _plan(x):
    a = abs(x)
    c, d = _plan_segment(a)
    v = d if c == 0 else c * a + d
    return 1 - v if x < 0 else v


def _plan_derivative(x):
    return _plan_segment(abs(x))[0]


def _plan_inverse(y):
    """The preimage nearer 0 where PLAN takes y twice (see plan.h)."""
    def inside(y):
        t = y if y >= mp.mpf(0.5) else 1 - y
        if t < mp.mpf("0.75"):
            a = (t - mp.mpf("0.5")) * 4
        elif t < mp.mpf("0.921875"):
            a = (t - mp.mpf("0.625")) * 8
        else:
            a = (t - mp.mpf("0.84375")) * 32
        return a if y >= mp.mpf(0.5) else -a
    return _closed_inverse(y, 0, 1, inside)
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


SMOOTHSTEP_MAX_N = 1000


def _smoothstep_parameter(function):
    """``function(x, n)`` with n an int, or nan for an invalid order."""

    def checked(x, n):
        if mp.isnan(n) or mp.isinf(n) or n < 0 or n > SMOOTHSTEP_MAX_N or n != mp.floor(n):
            return mp.nan
        return function(x, int(n))

    return checked


def _fraction(v) -> Fraction:
    """The mpf (or float) ``v`` as an exact Fraction; an infinity becomes
    +-2, where (outside [0, 1]) every smoothstep quantity is settled."""
    if mp.isinf(v):
        return Fraction(2 if v > 0 else -2)
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


# ----------------------------------------------------------- Student's t
# F(x; nu) from the regularised incomplete beta function on its small side:
# the tail S(t) = F(-t) = I_u(nu/2, 1/2)/2 with u = nu/(nu + t^2), the centre
# C(t) = 1 - 2 S(t) = I_w(1/2, nu/2) with w = t^2/(nu + t^2), each formed
# directly (never 1 - the other).  mpmath's betainc keeps its relative
# accuracy on tiny arguments (u = 3e-600 at t = 1e300, nu = 3).  nu = 1 and
# nu = 2 are the closed forms (Cauchy; 1/2 + x/(2 sqrt(2 + x^2))), nu = inf
# the normal; tests/test_pitfalls_student_t.py checks the closed forms and
# the normal limit against the betainc definitions.

def _student_parameter(function):
    """``function(x, nu)``, or nan where nu is not > 0 (nu = +inf is valid)."""

    def checked(x, nu):
        if mp.isnan(nu) or nu <= 0:
            return mp.nan
        return function(x, nu)

    return checked


def _student_uw(t, nu):
    t2 = t * t
    return nu / (nu + t2), t2 / (nu + t2)


def _betainc_small_side(a, b, x):
    """I_x(a, b) for x below the mean, where it is the small side: mpmath's
    betainc, or where its hypergeometric evaluation gives up (a = 5e5, x =
    0.96: nu = 1e6 far in the tail) the continued fraction DLMF 8.17.22 by
    modified Lentz at twice the precision (its rounding grows like a ulps)."""
    try:
        return mp.betainc(a, b, 0, x, regularized=True)
    except ValueError:
        pass
    with mp.workprec(2 * mp.mp.prec + 64):
        a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
        tiny, eps = mp.ldexp(1, -4 * mp.mp.prec), mp.ldexp(1, -mp.mp.prec // 2 - 8)
        f = c = mp.mpf(1)
        d = mp.mpf(0)
        for m in range(1, 100000):
            for k in (2 * m - 1, 2 * m):
                j = k // 2
                if k % 2:
                    coef = -(a + j) * (a + b + j) * x / ((a + 2 * j) * (a + 2 * j + 1))
                else:
                    coef = j * (b - j) * x / ((a + 2 * j - 1) * (a + 2 * j))
                d = 1 + coef * d
                d = tiny if d == 0 else d
                c = 1 + coef / c
                c = tiny if c == 0 else c
                d = 1 / d
                f *= c * d
            if abs(c * d - 1) < eps:
                break
        front = mp.exp(a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - mp.log(mp.beta(a, b)))
        return front / f


def student_tail(t, nu):
    """S(t) = P(T > t) for t >= 0 and finite nu > 0, from betainc (any nu)."""
    if mp.isinf(t):
        return mp.mpf(0)
    if t == 0:
        return mp.mpf(1) / 2
    u, w = _student_uw(t, nu)
    if w < 3 / (nu + 5):
        return (1 - _betainc_small_side(mp.mpf(1) / 2, nu / 2, w)) / 2
    return _betainc_small_side(nu / 2, mp.mpf(1) / 2, u) / 2


def student_centre(t, nu):
    """C(t) = 1 - 2 S(t) = I_w(1/2, nu/2) for t >= 0 and finite nu."""
    if mp.isinf(t):
        return mp.mpf(1)
    if t == 0:
        return mp.mpf(0)
    u, w = _student_uw(t, nu)
    if w < 3 / (nu + 5):
        return _betainc_small_side(mp.mpf(1) / 2, nu / 2, w)
    return 1 - _betainc_small_side(nu / 2, mp.mpf(1) / 2, u)


def _t2_tail(t):
    """nu = 2: S(t) = 1/(r (r + t)), r = sqrt(2 + t^2)."""
    if mp.isinf(t):
        return mp.mpf(0)
    r = mp.sqrt(2 + t * t)
    return 1 / (r * (r + t))


def _student_small_side(t, nu):
    """S(t) for t >= 0 by the closed form where there is one."""
    if mp.isinf(nu):
        return _half_erfc(t / mp.sqrt(2))
    if nu == 1:
        return _cauchy_cdf(-t) if t > 0 else mp.mpf(1) / 2
    if nu == 2:
        return _t2_tail(t)
    return student_tail(t, nu)


def _student_cdf(x, nu):
    s = _student_small_side(abs(x), nu)
    return s if x < 0 else 1 - s


def _student_logcdf(x, nu):
    if x == 0:
        return -mp.log(2)
    s = _student_small_side(abs(x), nu)
    if x < 0:
        return mp.log(s) if s != 0 else mp.ninf
    return mp.log1p(-s)


def _student_log_pdf(x, nu):
    if mp.isinf(nu):
        return -x * x / 2 - mp.log(2 * mp.pi) / 2
    return (mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
            - (nu + 1) / 2 * mp.log1p(x * x / nu))


def _student_pdf(x, nu):
    if mp.isinf(x):
        return mp.mpf(0)
    return mp.exp(_student_log_pdf(x, nu))


def _student_ppf(p, nu):
    """The t quantile: Newton in y = log t on log S(e^y) = log q (q < 1/4) or
    log C(e^y) = log(1 - 2q) (q >= 1/4), q = min(p, 1 - p), both concave in y,
    at 15 extra digits until the step is below the working precision."""
    return _pole_or_nan(p, 0, 1, lambda p: _student_quantile(p, nu))


def _student_quantile(p, nu):
    half = mp.mpf(1) / 2
    if p == half:
        return mp.mpf(0)
    if mp.isinf(nu):
        return mp.sqrt(2) * _erf_ppf(p)
    if nu == 1:
        return _cauchy_ppf(p)
    q = p if p < half else 1 - p
    if nu == 2:
        t = (1 - 2 * q) / mp.sqrt(2 * q * (1 - q))
        return t if p > half else -t
    with mp.workdps(mp.mp.dps + 15):
        log_f0 = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
        centre = q >= half / 2
        if centre:
            target = mp.log(1 - 2 * q)
            y = mp.log(half - q) - log_f0                # a lower bound: C is concave in t
        else:
            target = mp.log(q)
            # the power-law bound S(t) <= nu^(nu/2) H/(2 sqrt(pi)) t^-nu, H = Gamma(nu/2 + 1/2)/Gamma(nu/2 + 1)
            y = mp.log(nu) / 2 + (mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2 + 1)
                                  - mp.log(2 * mp.sqrt(mp.pi)) - target) / nu
            if nu >= 1:
                z = -mp.sqrt(2) * _erf_ppf(q)
                tcf = z + z * (z * z + 1) / (4 * nu) + z * ((5 * z * z + 16) * z * z + 3) / (96 * nu * nu)
                y = min(y, mp.log(tcf))
        for _ in range(200):
            t = mp.exp(y)
            log_tf = y + log_f0 - (nu + 1) / 2 * mp.log1p(t * t / nu)
            if centre:
                c = student_centre(t, nu)
                g, slope = mp.log(c) - target, 2 * mp.exp(log_tf) / c
            else:
                s = student_tail(t, nu)
                g, slope = mp.log(s) - target, -mp.exp(log_tf) / s
            step = -g / slope
            y += step
            if abs(step) < mp.ldexp(1, -mp.mp.prec + 20):
                break
        t = mp.exp(y)
    return t if p > half else -t


MPMATH = {
    "logistic": lambda x: 1 / (1 + mp.exp(-x)),
    "logistic_derivative": lambda x: mp.exp(-abs(x)) / (1 + mp.exp(-abs(x))) ** 2,
    "logistic_inverse": _logit,
    "logistic_logcdf": lambda x: -_softplus(-x),
    "logistic_logsf": lambda x: -_softplus(x),
    "softplus": _softplus,
    "tanh": mp.tanh,
    "tanh_derivative": lambda x: _tanh_sech2(x, 4),
    "tanh_inverse": _artanh,
    "tanh_cdf": lambda x: 1 / (1 + mp.exp(-2 * x)),
    "tanh_pdf": lambda x: _tanh_sech2(x, 2),
    "tanh_ppf": lambda p: _logit(p) / 2,
    "tanh_logcdf": lambda x: -_softplus(-2 * x),
    "tanh_logsf": lambda x: -_softplus(2 * x),
    "algebraic": _algebraic,
    "algebraic_derivative": _algebraic_derivative,
    "algebraic_inverse": lambda y: _pole_or_nan(y, -1, 1, lambda y: y / mp.sqrt((1 - y) * (1 + y))),
    "algebraic_cdf": _algebraic_cdf,
    "algebraic_pdf": lambda x: _algebraic_derivative(x) / 2,
    "algebraic_ppf": _algebraic_ppf,
    "algebraic_logcdf": _algebraic_logcdf,
    "algebraic_logsf": lambda x: _algebraic_logcdf(-x),
    "softsign": _softsign,
    "softsign_derivative": _softsign_derivative,
    "softsign_inverse": _softsign_inverse,
    "softsign_cdf": _softsign_cdf,
    "softsign_pdf": lambda x: _softsign_derivative(x, mp.mpf(0.5)),
    "softsign_ppf": _softsign_ppf,
    "softsign_logcdf": _softsign_logcdf,
    "softsign_logsf": lambda x: _softsign_logcdf(-x),
    "hard_sigmoid": _hard_sigmoid,
    "hard_sigmoid_derivative": lambda x: mp.mpf(1) / 6 if abs(x) < 3 else mp.mpf(0),
    "hard_sigmoid_inverse": lambda y: _closed_inverse(y, 0, 1, lambda y: 6 * y - 3),
    "hard_sigmoid_logcdf": lambda x: _log_or_ninf(_hard_sigmoid(x)),
    "hard_sigmoid_logsf": lambda x: _log_or_ninf(_hard_sigmoid(-x)),
    "hard_tanh": lambda x: _clip(x, -1, 1),
    "hard_tanh_derivative": lambda x: mp.mpf(1) if abs(x) < 1 else mp.mpf(0),
    "hard_tanh_inverse": lambda y: _closed_inverse(y, -1, 1, lambda y: y),
    "hard_tanh_cdf": _hard_tanh_cdf,
    "hard_tanh_pdf": lambda x: mp.mpf(0.5) if abs(x) < 1 else mp.mpf(0),
    "hard_tanh_ppf": lambda p: _closed_inverse(p, 0, 1, lambda p: 2 * p - 1),
    "hard_tanh_logcdf": lambda x: _log_or_ninf(_hard_tanh_cdf(x)),
    "hard_tanh_logsf": lambda x: _log_or_ninf(_hard_tanh_cdf(-x)),
    "plan": _plan,
    "plan_derivative": _plan_derivative,
    "plan_inverse": _plan_inverse,
    "plan_logcdf": lambda x: _log_or_ninf(_plan(x)),
    "plan_logsf": lambda x: _log_or_ninf(_plan(-x)),
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
    # Student's t: the CDF with nu > 0 degrees of freedom (nu = inf: the normal)
    "student_t": _student_parameter(_student_cdf),
    "student_t_derivative": _student_parameter(_student_pdf),
    "student_t_inverse": _student_parameter(_student_ppf),
    "student_t_logcdf": _student_parameter(_student_logcdf),
    "student_t_logsf": _student_parameter(lambda x, nu: _student_logcdf(-x, nu)),
}


def _logit_float64(y):
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        central = 2.0 * np.arctanh(2.0 * y - 1.0)
        tails = np.log(y) - np.log1p(-y)
    return np.where(np.abs(y - 0.5) < 0.25, central, tails)


# Independent float64 formulas of the families above (NumPy/SciPy only).

def _np(x):
    return np.asarray(x, dtype=np.float64)


def _algebraic_tail_float64(a):
    h = np.hypot(1.0, a)
    return 0.5 / h / (h + a)


def _algebraic_cdf_float64(x):
    x = _np(x)
    g = _algebraic_tail_float64(np.abs(x))
    return np.where(x < 0, g, 1.0 - g)


def _algebraic_logcdf_float64(x):
    x = _np(x)
    a = np.abs(x)
    h = np.hypot(1.0, a)
    left = -(np.log(2.0 * h) + np.log(h + a))
    return np.where(x < 0, left, np.log1p(-_algebraic_tail_float64(a)))


def _algebraic_ppf_float64(p):
    p = _np(p) + 0.0  # -0 -> +0: the pole at 0 is -inf
    return (2.0 * p - 1.0) / (2.0 * np.sqrt(p * (1.0 - p)))


def _softsign_cdf_float64(x):
    x = _np(x)
    g = 0.5 / (1.0 + np.abs(x))
    return np.where(x < 0, g, 1.0 - g)


def _softsign_logcdf_float64(x):
    x = _np(x)
    a = np.abs(x)
    return np.where(x < 0, -np.log(2.0 * (1.0 + a)), np.log1p(-0.5 / (1.0 + a)))


def _softsign_ppf_float64(p):
    p = _np(p) + 0.0  # -0 -> +0: the pole at 0 is -inf
    q = np.minimum(p, 1.0 - p)
    return np.where((p < 0) | (p > 1), np.nan, np.sign(p - 0.5) * (1.0 - 2.0 * q) / (2.0 * q))


def _plan_float64(x):
    x = _np(x)
    a = np.abs(x)
    cuts = [a < 1, a < 2.375, a < 5]
    right = np.select(cuts, [0.25 * a + 0.5, 0.125 * a + 0.625, 0.03125 * a + 0.84375], 1.0)
    left = np.select(cuts, [0.5 - 0.25 * a, 0.375 - 0.125 * a, 0.15625 - 0.03125 * a], 0.0)
    return np.where(np.isnan(x), np.nan, np.where(x < 0, left, right))


def _plan_inverse_float64(y):
    y = _np(y)
    t = np.maximum(y, 1.0 - y)
    a = np.select([t < 0.75, t < 0.921875], [(t - 0.5) * 4, (t - 0.625) * 8], (t - 0.84375) * 32)
    out = np.where(y >= 0.5, a, -a)
    return np.where((y < 0) | (y > 1), np.nan, out)


def _log_clipped(v):
    return np.log(np.clip(v, 0.0, 1.0))


def _extra_float64_table(sc):
    hard_sigmoid = lambda x: np.clip(_np(x) / 6.0 + 0.5, 0.0, 1.0)  # noqa: E731
    hard_tanh_cdf = lambda x: np.clip((_np(x) + 1.0) / 2.0, 0.0, 1.0)  # noqa: E731
    return {
        "tanh": np.tanh,
        "tanh_derivative": lambda x: 4.0 * sc.expit(2 * _np(x)) * sc.expit(-2 * _np(x)),
        "tanh_inverse": np.arctanh,
        "tanh_cdf": lambda x: sc.expit(2 * _np(x)),
        "tanh_pdf": lambda x: 2.0 * sc.expit(2 * _np(x)) * sc.expit(-2 * _np(x)),
        "tanh_ppf": lambda p: _logit_float64(p) / 2,
        "tanh_logcdf": lambda x: sc.log_expit(2 * _np(x)),
        "tanh_logsf": lambda x: sc.log_expit(-2 * _np(x)),
        "algebraic": lambda x: np.where(np.isinf(x), np.sign(x), _np(x) / np.hypot(1.0, _np(x))),
        "algebraic_derivative": lambda x: np.hypot(1.0, _np(x)) ** -3.0,
        "algebraic_inverse": lambda y: _np(y) / np.sqrt((1.0 - _np(y)) * (1.0 + _np(y))),
        "algebraic_cdf": _algebraic_cdf_float64,
        "algebraic_pdf": lambda x: 0.5 * np.hypot(1.0, _np(x)) ** -3.0,
        "algebraic_ppf": _algebraic_ppf_float64,
        "algebraic_logcdf": _algebraic_logcdf_float64,
        "algebraic_logsf": lambda x: _algebraic_logcdf_float64(-_np(x)),
        "softsign": lambda x: np.where(np.isinf(x), np.sign(x), _np(x) / (1.0 + np.abs(_np(x)))),
        "softsign_derivative": lambda x: (1.0 / (1.0 + np.abs(_np(x)))) ** 2,
        "softsign_inverse": lambda y: np.where(np.abs(_np(y)) > 1, np.nan, _np(y) / (1.0 - np.abs(_np(y)))),
        "softsign_cdf": _softsign_cdf_float64,
        "softsign_pdf": lambda x: 0.5 * (1.0 / (1.0 + np.abs(_np(x)))) ** 2,
        "softsign_ppf": _softsign_ppf_float64,
        "softsign_logcdf": _softsign_logcdf_float64,
        "softsign_logsf": lambda x: _softsign_logcdf_float64(-_np(x)),
        "hard_sigmoid": hard_sigmoid,
        "hard_sigmoid_derivative": lambda x: np.where(np.abs(_np(x)) < 3, 1.0 / 6.0, np.where(np.isnan(x), np.nan, 0.0)),
        "hard_sigmoid_inverse": lambda y: np.where((_np(y) < 0) | (_np(y) > 1), np.nan, 6.0 * _np(y) - 3.0),
        "hard_sigmoid_logcdf": lambda x: _log_clipped(hard_sigmoid(x)),
        "hard_sigmoid_logsf": lambda x: _log_clipped(hard_sigmoid(-_np(x))),
        "hard_tanh": lambda x: np.clip(_np(x), -1.0, 1.0),
        "hard_tanh_derivative": lambda x: np.where(np.abs(_np(x)) < 1, 1.0, np.where(np.isnan(x), np.nan, 0.0)),
        "hard_tanh_inverse": lambda y: np.where(np.abs(_np(y)) > 1, np.nan, _np(y)),
        "hard_tanh_cdf": hard_tanh_cdf,
        "hard_tanh_pdf": lambda x: np.where(np.abs(_np(x)) < 1, 0.5, np.where(np.isnan(x), np.nan, 0.0)),
        "hard_tanh_ppf": lambda p: np.where((_np(p) < 0) | (_np(p) > 1), np.nan, 2.0 * _np(p) - 1.0),
        "hard_tanh_logcdf": lambda x: _log_clipped(hard_tanh_cdf(x)),
        "hard_tanh_logsf": lambda x: _log_clipped(hard_tanh_cdf(-_np(x))),
        "plan": _plan_float64,
        "plan_derivative": lambda x: np.select([np.isnan(x), np.abs(_np(x)) < 1, np.abs(_np(x)) < 2.375,
                                                np.abs(_np(x)) < 5], [np.nan, 0.25, 0.125, 0.03125], 0.0),
        "plan_inverse": _plan_inverse_float64,
        "plan_logcdf": lambda x: _log_clipped(_plan_float64(x)),
        "plan_logsf": lambda x: _log_clipped(_plan_float64(-_np(x))),
    }


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
    # copysign: scipy returns +0 at -0; erfinv is odd, so its sign is y's
    out[inside] = np.copysign(sc.erfinv(y[inside]), y[inside])
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


def _valid_parameter(p):
    p = np.asarray(p, dtype=np.float64)
    return (p > 0) & np.isfinite(p)


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
        out[np.isnan(x)] = np.nan  # x**0 would make it 1
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


def _student_float64(kind):
    """Student's t in float64 from scipy.special.betainc on the small side
    (never stdtr: it rounds 1/2 + O(x) near 0, relative error 3e-9 at
    x = 1e-8), with the closed forms at nu = 1, 2 and the normal at inf:
      S = betainc(nu/2, 1/2, u)/2 (tail) or (1 - betainc(1/2, nu/2, w))/2
      (centre, where C < 1/2); u and w formed from r = x^2/nu directly.
    log S below u = 1e-5 is a(log u) + log(w)/2 - log(a B(a, 1/2)) +
    log of the first terms of 2F1(a + 1/2, 1; a + 1; u): S itself underflows
    long before log S does (logcdf(-1e30; 30) = -2072).  The density is
    f(0) u^((nu+1)/2), whose power is rounded once.  The quantile is
    betaincinv on the same side and one Newton step on this S."""
    import scipy.special as sc

    def geometry(x, nu):
        t = np.abs(x)
        r = t * t / nu
        return t, r, 1 / (1 + r), r / (1 + r)

    def small_side(x, nu):
        """S(|x|) and log S(|x|) for finite nu (arrays broadcast)."""
        t, r, u, w = geometry(x, nu)
        a = nu / 2
        centre = sc.betainc(0.5, a, w)
        s = np.where(centre < 0.5, (1 - centre) / 2, sc.betainc(a, 0.5, u) / 2)
        log_u = -np.log1p(r)
        log_w = np.where(r > 1, -np.log1p(1 / r), np.log(r) + log_u)
        series = 1 + u * (a + 0.5) / (a + 1) * (1 + u * (a + 1.5) / (a + 2) * (1 + u * (a + 2.5) / (a + 3)))
        log_tail = (a * log_u + log_w / 2 - (sc.gammaln(a + 1) + sc.gammaln(0.5) - sc.gammaln(a + 0.5))
                    - np.log(2) + np.log(series))
        return s, np.where(u < 1e-5, log_tail, np.log(s))

    def log_f0(nu):
        return sc.gammaln((nu + 1) / 2) - sc.gammaln(nu / 2) - np.log(nu * np.pi) / 2

    def general(x, nu):
        s, log_s = small_side(x, nu)
        if kind == "cdf":
            return np.where(x < 0, s, 1 - s)
        if kind == "logcdf":
            return np.where(x == 0, -np.log(2), np.where(x < 0, log_s, np.log1p(-s)))
        if kind == "pdf":
            t, r, u, w = geometry(x, nu)
            return np.exp(log_f0(nu)) * u ** ((nu + 1) / 2)
        # ppf (x is p)
        p = x
        q = np.minimum(p, 1 - p)
        a = nu / 2
        u = sc.betaincinv(a, 0.5, 2 * q)
        t_tail = np.sqrt(nu * ((1 - u) / u))
        w = sc.betaincinv(0.5, a, 1 - 2 * q)
        t_centre = np.sqrt(nu * (w / (1 - w)))
        t = np.where(q < 0.05, t_tail, t_centre)
        s, _ = small_side(t, nu)
        density = np.exp(log_f0(nu)) * (1 / (1 + t * t / nu)) ** ((nu + 1) / 2)
        t = np.where(np.isfinite(t) & (density > 0), t + (s - q) / density, t)
        t = np.where(q == 0.5, 0.0, t)
        return np.where(p < 0.5, -t, t)

    def closed(x, nu):
        one = float(nu)
        if one == 1.0:
            return {"cdf": "arctan_cdf", "pdf": "arctan_pdf", "ppf": "arctan_ppf", "logcdf": "arctan_logcdf"}[kind]
        if one == math.inf:
            return {"cdf": "normal", "pdf": "normal_derivative", "ppf": "normal_inverse", "logcdf": "normal_logcdf"}[kind]
        return None

    def nu2(x):
        if kind == "ppf":
            q = np.minimum(x, 1 - x)
            t = (1 - 2 * q) / np.sqrt(2 * q * (1 - q))
            return np.where(x < 0.5, -t, t)
        t = np.abs(x)
        if kind == "pdf":
            return (2 + t * t) ** -1.5
        r = np.sqrt(2 + t * t)
        g = 1 / (r * (r + t))
        if kind == "cdf":
            return np.where(x < 0, g, 1 - g)
        return np.where(x < 0, -np.log(r * (r + t)), np.log1p(-g))

    def function(x, nu):
        x, nu = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(nu, dtype=np.float64))
        out = np.full(x.shape, np.nan)
        with np.errstate(all="ignore"):
            for value in np.unique(nu[~np.isnan(nu)]):
                sel = nu == value
                if not value > 0:
                    continue
                name = closed(x[sel], value)
                if name is not None:
                    out[sel] = FLOAT64[name](x[sel])
                elif value == 2.0:
                    out[sel] = nu2(x[sel])
                else:
                    out[sel] = general(x[sel], value)
            if kind == "ppf":
                out = np.where((x < 0) | (x > 1), np.nan, np.where(x == 0, -np.inf, np.where(x == 1, np.inf, out)))
            elif kind == "cdf":
                out = np.where(np.isinf(x), np.where(x > 0, 1.0, 0.0), out)
            elif kind == "pdf":
                out = np.where(np.isinf(x), 0.0, out)
            else:   # logcdf(+inf) = -0.0, as the kernels (and genlogistic's, arctan's) give it
                out = np.where(np.isinf(x), np.where(x > 0, -0.0, -np.inf), out)
            out = np.where(np.isnan(x) | np.isnan(nu), np.nan, out)
        return out

    return function


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
        "student_t": _student_float64("cdf"),
        "student_t_derivative": _student_float64("pdf"),
        "student_t_inverse": _student_float64("ppf"),
        "student_t_logcdf": _student_float64("logcdf"),
        "student_t_logsf": lambda x, nu: _student_float64("logcdf")(-np.asarray(x, dtype=np.float64), nu),
        **_extra_float64_table(sc),
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


def to_float64(v) -> float:
    """``v`` rounded once to float64 (ties to even), subnormals and overflow included.

    ``float(mpf)`` rounds to 53 bits first and then to the subnormal grid, a
    double rounding: erfinv(2^-1022) = 3991211251234741.327 * 2^-1074 came
    out as ...742 instead of ...741.  Below 2^-1022 the value is therefore
    rounded to an integer number of 2^-1074 directly.  Above the largest
    double, only values at or beyond the midpoint to 2^1024 round to inf
    (ties to even: the largest double is odd); ``float(mpf)`` sends the whole
    band to inf.
    """
    if mp.isnan(v):
        return math.nan
    if mp.isinf(v):
        return float(v)
    if v != 0 and abs(v) < _FLOAT64_TINY:
        units = mp.nint(mp.ldexp(v, 1074))
        return math.copysign(math.ldexp(float(units), -1074), float(mp.sign(v)))
    if abs(v) > _FLOAT64_MAX:
        big = math.inf if abs(v) >= _FLOAT64_OVERFLOW else float(np.finfo(np.float64).max)
        return big if v > 0 else -big
    return float(v)


_FLOAT64_TINY = mp.ldexp(1, -1022)
_FLOAT64_MAX = mp.mpf(float(np.finfo(np.float64).max))
_FLOAT64_OVERFLOW = mp.ldexp(1, 1024) - mp.ldexp(1, 970)


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

    Matching infinities and NaNs count as 0; a mismatch counts as inf.  An
    infinite result for a finite exact value that correctly rounds to
    infinity (an overflow, as ``np.exp(710.0)``) counts as 0 too, and so
    does the largest finite number for an exact value below that midpoint.
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
            rounds_to = float(v) if mp.isinf(v) else float(correctly_rounded([v], dtype)[0])
            errors[i] = 0.0 if o == rounds_to else math.inf
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
