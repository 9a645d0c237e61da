"""GLM links for statsmodels, built from any CDF-form catalog entry.

A binary GLM models P(y = 1 | x) = F(x'beta) for a CDF F; the link is its
inverse, the quantile function.  ``link(name, *params)`` turns any catalog
entry into a :class:`statsmodels.genmod.families.links.Link`, so that
statsmodels fits it like its own Logit or Probit: the logistic gives logistic
regression, the normal probit regression, ``student_t`` with nu degrees of
freedom the robit model (statsmodels#7287 asks for it), and the gudermannian,
softsign, genlogistic or any other entry their own models.

Every derivative statsmodels asks for is analytic and comes from our
kernels, never from numerical differences:

    g(p) = F^-1(p)                  ``entry.ppf``
    g^-1(z) = F(z)                  ``entry.cdf``
    (g^-1)'(z) = f(z)               ``entry.pdf``
    (g^-1)''(z) = f'(z)             the density's slope, a closed form per
                                    family in terms of z, F and f (below)
    g'(p) = 1/f(z),  g''(p) = -f'(z)/f(z)^3,   z = g(p)

This module imports statsmodels (the ``stats`` extra); ``import sigmoids``
does not.

Examples
--------
>>> import numpy as np, statsmodels.api as sm
>>> from sigmoids.links import link
>>> robit = sm.families.Binomial(link=link("student_t", 3.0))
>>> float(robit.link.inverse(np.array([0.0]))[0])
0.5
"""
from __future__ import annotations

import numpy as np
from statsmodels.genmod.families import links as _links

from .catalog import Sigmoid, get

__all__ = ["link", "SigmoidLink", "pdf_slope"]


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
    >>> from sigmoids.links import pdf_slope
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


class SigmoidLink(_links.CDFLink):
    """The link g = F^-1 of a catalog entry's CDF form F.

    A subclass of statsmodels' ``CDFLink`` (so that the Binomial family
    accepts it without a warning), with every method on our kernels.

    Parameters
    ----------
    entry : Sigmoid
        The catalog entry.
    params : tuple of float
        Its parameters (student_t's nu, genlogistic's alpha, ...).
    """

    def __init__(self, entry: Sigmoid, params: tuple = ()):
        self.entry = entry
        self.params = tuple(float(v) for v in params)
        self.dbn = entry.distribution(*self.params) if entry.info.params else entry.distribution

    def __repr__(self) -> str:
        shown = ", ".join(f"{p.name}={v:g}" for p, v in zip(self.entry.info.params, self.params))
        return f"<sigmoids link {self.entry.info.name}({shown})>"

    def _quantile(self, p):
        return self.entry.ppf(self._clean(p), *self.params)

    def __call__(self, p):
        """g(p) = F^-1(p), with p clipped into (eps, 1 - eps) as statsmodels does."""
        return self._quantile(p)

    def inverse(self, z):
        """g^-1(z) = F(z)."""
        return self.entry.cdf(np.asarray(z, dtype=np.float64), *self.params)

    def deriv(self, p):
        """g'(p) = 1/f(F^-1(p))."""
        return 1.0 / self.entry.pdf(self._quantile(p), *self.params)

    def deriv2(self, p):
        """g''(p) = -f'(z)/f(z)^3 at z = F^-1(p)."""
        z = self._quantile(p)
        return -self.inverse_deriv2(z) / self.entry.pdf(z, *self.params) ** 3

    def inverse_deriv(self, z):
        """(g^-1)'(z) = f(z)."""
        return self.entry.pdf(np.asarray(z, dtype=np.float64), *self.params)

    def inverse_deriv2(self, z):
        """(g^-1)''(z) = f'(z), analytic (see :func:`pdf_slope`)."""
        return pdf_slope(self.entry, z, *self.params)


def link(name, *params) -> SigmoidLink:
    """A statsmodels GLM link from a catalog entry's CDF form.

    Parameters
    ----------
    name : str or Sigmoid
        Catalog name, alias or entry: "logistic" (logit), "normal" (probit),
        "cloglog", "gompertz" (statsmodels' LogLog), "arctan" (Cauchy),
        "student_t" (robit), "gudermannian", "softsign", "genlogistic", ...
    *params : float
        The entry's parameters; the catalog's defaults where omitted.

    Returns
    -------
    SigmoidLink

    Examples
    --------
    >>> import statsmodels.api as sm
    >>> from sigmoids.links import link
    >>> family = sm.families.Binomial(link=link("gompertz"))
    >>> family.link
    <sigmoids link gompertz()>
    """
    entry = get(name)
    values = entry.param_values(params if params else None)
    return SigmoidLink(entry, values)
