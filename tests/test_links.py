"""sigmoids.links: statsmodels GLM links from the catalog's CDF forms.

The equivalences are against statsmodels' own links on real data (scikit-
learn's breast-cancer set); the robit fit against an independent maximum-
likelihood fit with scipy.stats.t; the analytic density slopes against
mpmath's derivative of the exact density.
"""
from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

sm = pytest.importorskip("statsmodels.api")
datasets = pytest.importorskip("sklearn.datasets")

import sigmoids as sg  # noqa: E402
from sigmoids import reference  # noqa: E402
from sigmoids.links import SigmoidLink, link, pdf_slope  # noqa: E402

ENTRIES = list(sg.catalog.values())
FEATURES = ["mean radius", "mean texture", "mean smoothness", "mean concave points"]


@pytest.fixture(scope="module")
def cancer():
    data = datasets.load_breast_cancer(as_frame=True)
    X = data.data[FEATURES]
    X = sm.add_constant((X - X.mean()) / X.std())
    return X.to_numpy(), data.target.to_numpy()


def fit(X, y, glm_link):
    return sm.GLM(y, X, family=sm.families.Binomial(link=glm_link)).fit(tol=1e-12, maxiter=200)


@pytest.mark.parametrize("ours, theirs", [
    ("logistic", "Logit"), ("normal", "Probit"), ("cloglog", "CLogLog"),
    ("gompertz", "LogLog"), ("arctan", "Cauchy"),
])
def test_same_fit_as_statsmodels(cancer, ours, theirs):
    X, y = cancer
    a = fit(X, y, link(ours))
    b = fit(X, y, getattr(sm.families.links, theirs)())
    assert a.converged and b.converged
    np.testing.assert_allclose(a.params, b.params, rtol=1e-6)
    np.testing.assert_allclose(a.bse, b.bse, rtol=1e-6)
    assert a.llf == pytest.approx(b.llf, rel=1e-9)


def test_robit_fits(cancer):
    """The robit model (Student-t link, nu = 3) against a direct maximum-
    likelihood fit of the same model with scipy.stats.t."""
    from scipy import optimize, stats

    X, y = cancer
    ours = fit(X, y, link("student_t", 3.0))
    assert ours.converged

    def negative_loglik(beta):
        eta = X @ beta
        return -np.sum(y * stats.t.logcdf(eta, 3.0) + (1 - y) * stats.t.logsf(eta, 3.0))

    direct = optimize.minimize(negative_loglik, np.zeros(X.shape[1]), method="BFGS",
                               options={"gtol": 1e-10, "maxiter": 2000})
    np.testing.assert_allclose(ours.params, direct.x, rtol=1e-4, atol=1e-6)
    assert ours.llf == pytest.approx(-direct.fun, rel=1e-9)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_density_slope_against_mpmath(entry):
    params = entry.param_values(None)
    name = entry.info.kernels["pdf"]
    a, b = (0.1, 0.9) if entry.info.name == "smoothstep" else (0.2, 3.0) if entry.info.name == "hill" else (-3.0, 3.0)
    # away from the kinks of the piecewise-linear entries, where the slope is 0
    z = np.array([x for x in np.linspace(a, b, 13) if all(abs(x - k) > 1e-3 for k in entry.info.kinks)])
    ours = pdf_slope(entry, z, *params)
    with mp.workdps(40):
        exact = [mp.diff(lambda t: reference.MPMATH[name](t, *map(mp.mpf, params)), mp.mpf(float(v))) for v in z]
    np.testing.assert_allclose(ours, np.array([float(e) for e in exact]), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_link_derivatives_are_consistent(entry):
    g = link(entry)
    p = np.array([0.02, 0.2, 0.5, 0.7, 0.97])
    z = g(p)
    np.testing.assert_allclose(g.inverse(z), p, rtol=1e-12)
    assert np.all(np.isfinite(g.deriv(p)))
    if entry.info.kinks:
        return                      # a piecewise density: g'' is 0 or a jump
    h = 1e-6
    numeric = (g.deriv(p + h) - g.deriv(p - h)) / (2 * h)
    np.testing.assert_allclose(g.deriv2(p), numeric, rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("n, expected", [(0.5, -np.inf), (1.0, -2.0), (1.5, np.inf), (2.0, 2.0), (3.0, 0.0)])
def test_hill_density_slope_at_zero(n, expected):
    # f(x) = n x^(n-1)/(1+x^n)^2 ~ n x^(n-1) - 2n x^(2n-1): its slope at 0+
    assert pdf_slope("hill", 0.0, n) == expected


def test_density_slope_with_parameter_arrays():
    nu = np.array([1.0, 3.0, np.inf])
    z = np.array([0.5, 0.5, 0.5])
    together = pdf_slope("student_t", z, nu)
    apart = [float(pdf_slope("student_t", 0.5, v)) for v in nu]
    np.testing.assert_array_equal(together, apart)


def test_binomial_accepts_it_without_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        family = sm.families.Binomial(link=link("gudermannian"))
    assert isinstance(family.link, SigmoidLink)


def test_unknown_entry():
    with pytest.raises(KeyError, match="did you mean"):
        link("logstic")


def test_density_slope_is_zero_where_the_density_is():
    assert pdf_slope("gompertz", -800.0) == 0.0
    assert pdf_slope("cloglog", 800.0) == 0.0
    assert math.isfinite(float(pdf_slope("normal", 40.0)))
