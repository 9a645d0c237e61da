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

from ._gradients import pdf_slope
from .catalog import Sigmoid, get

__all__ = ["link", "SigmoidLink", "pdf_slope"]


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
