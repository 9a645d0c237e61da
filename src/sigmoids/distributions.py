"""scipy.stats distributions for the catalog entries whose CDF form has none in SciPy.

Each is an ``rv_continuous`` whose ``_cdf``, ``_pdf``, ``_ppf``, ``_logcdf``
and ``_logsf`` *are* the library's ufuncs (so they carry the same accuracy
and tails), while SciPy supplies sampling, moments, fitting, ``interval``,
``expect`` and the rest.  The survival function and its inverse use the
symmetry of both distributions, ``sf(x) = cdf(-x)``, so they do not
cancel either.

``softsign``
    The CDF form of the softsign x/(1+|x|): ``cdf(x) = (1 + x/(1+|x|))/2``,
    density ``1/(2(1+|x|)^2)``.  Its tails fall like ``1/(2x^2)``, as the
    Cauchy's: no mean, no variance (``stats`` returns NaN, like
    ``scipy.stats.cauchy``); the median is 0 and the entropy ``2 + log 2``.

``plan``
    The CDF form of PLAN (Amin, Curtis and Hayes-Gill, 1997), support
    [-5, 5].  The published table is followed exactly, and it is not
    monotone: at |x| = 2.375 it steps *down* by 2^-8 (its segments meet at
    |x| = 7/3).  So ``cdf`` is not exactly a CDF and ``pdf`` (PLAN's slope)
    integrates to 1 + 2^-7.  ``ppf`` is PLAN's inverse taking, where a value
    is taken twice, the preimage nearer 0; samples drawn through it
    (``rvs``) therefore follow the density ``pdf`` with the two gaps
    2.375 < |x| < 2.5 removed, which integrates to 1.  ``stats`` and
    ``entropy`` are given in closed form for that sampling distribution.

Both are importable without SciPy's cost until used: this module is loaded
by ``Sigmoid.distribution`` on first access.

Examples
--------
>>> import sigmoids as sg
>>> d = sg.softsign.distribution
>>> float(d.cdf(-3.0)) == float(sg.softsign.cdf(-3.0)) == 0.125
True
>>> float(d.median()), float(d.entropy()) == 2 + __import__("math").log(2)
(0.0, True)
>>> p = sg.plan.distribution
>>> float(p.cdf(2.0)), float(p.ppf(0.875)), tuple(map(float, p.support()))
(0.875, 2.0, (-5.0, 5.0))
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from scipy.stats import rv_continuous

from . import _ufuncs

__all__ = ["softsign", "softsign_gen", "plan", "plan_gen"]


class softsign_gen(rv_continuous):
    r"""The softsign distribution: CDF ``(1 + x/(1+|x|))/2``, density ``1/(2(1+|x|)^2)``.

    Its CDF is the CDF form of ``sigmoids.softsign``; the methods evaluate
    the library's correctly rounded ufuncs.  Heavy tailed (no mean).
    """

    def _cdf(self, x):
        return _ufuncs.softsign_cdf(x)

    def _sf(self, x):
        return _ufuncs.softsign_cdf(-x)

    def _pdf(self, x):
        return _ufuncs.softsign_pdf(x)

    def _logpdf(self, x):
        # log(1/2) - 2 log1p(|x|), finite as far as float64 goes
        return -math.log(2.0) - 2.0 * np.log1p(np.abs(x))

    def _ppf(self, q):
        return _ufuncs.softsign_ppf(q)

    def _isf(self, q):
        return -_ufuncs.softsign_ppf(q)

    def _logcdf(self, x):
        return _ufuncs.softsign_logcdf(x)

    def _logsf(self, x):
        return _ufuncs.softsign_logsf(x)

    def _stats(self):
        # E|X| diverges (the density falls like 1/(2x^2)): as scipy.stats.cauchy.
        return np.nan, np.nan, np.nan, np.nan

    def _entropy(self):
        # -int f log f = log 2 + 2 int_1^inf log(u)/u^2 du = 2 + log 2
        return 2.0 + math.log(2.0)


softsign = softsign_gen(name="softsign")

# PLAN's segments on |x| as (start, end, slope), with the gap 2.375 < |x| < 2.5
# that the sampling distribution (through ppf) never visits.
_PLAN_SAMPLED_PIECES = ((Fraction(0), Fraction(1), Fraction(1, 4)),
                        (Fraction(1), Fraction(19, 8), Fraction(1, 8)),
                        (Fraction(5, 2), Fraction(5), Fraction(1, 32)))


def _plan_moment(k: int) -> Fraction:
    """E[X^k] of ppf(U), U uniform: 2 sum slope (end^(k+1) - start^(k+1))/(k+1) for even k."""
    if k % 2:
        return Fraction(0)
    return 2 * sum(c * (b ** (k + 1) - a ** (k + 1)) / (k + 1) for a, b, c in _PLAN_SAMPLED_PIECES)


class plan_gen(rv_continuous):
    r"""The distribution built on PLAN's CDF form, support [-5, 5].

    ``cdf`` is PLAN itself (exactly as published, with its 2^-8 steps down at
    |x| = 2.375), ``pdf`` its slope and ``ppf`` its inverse (the preimage
    nearer 0 where PLAN takes a value twice).  Sampling goes through ``ppf``,
    so samples follow ``pdf`` restricted to |x| outside (2.375, 2.5); the
    moments and the entropy returned are those of the samples.
    """

    def _cdf(self, x):
        return _ufuncs.plan(x)

    def _sf(self, x):
        return _ufuncs.plan(-x)

    def _pdf(self, x):
        return _ufuncs.plan_derivative(x)

    def _ppf(self, q):
        return _ufuncs.plan_inverse(q)

    def _isf(self, q):
        return -_ufuncs.plan_inverse(q)

    def _logcdf(self, x):
        return _ufuncs.plan_logcdf(x)

    def _logsf(self, x):
        return _ufuncs.plan_logsf(x)

    def _stats(self):
        variance = _plan_moment(2)
        excess_kurtosis = _plan_moment(4) / variance ** 2 - 3
        return 0.0, float(variance), 0.0, float(excess_kurtosis)

    def _entropy(self):
        # -int f log f over the sampled pieces, f = slope there
        return float(-2 * sum(float((b - a) * c) * math.log(c) for a, b, c in _PLAN_SAMPLED_PIECES))


plan = plan_gen(a=-5.0, b=5.0, name="plan")
