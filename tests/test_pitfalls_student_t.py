"""Pitfalls of Student's t elsewhere (SciPy 1.17), each a named test, and the
closed forms nu = 1, 2, inf proved against the general definition.  Expected
values come from mpmath (the regularised incomplete beta function, or a
closed form derived independently of our kernels), never from our own
output."""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import scipy.special as sc
import scipy.stats as st

import sigmoids as sg
from sigmoids import reference
from sigmoids.catalog import KERNEL_ACCURACY


def exact(name, x, nu, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x], params=(nu,)), dtype)[0]


def truth(name, x, nu):
    return reference.evaluate(name, [x], params=(nu,))[0]


def rel_error(value, name, x, nu):
    t = truth(name, x, nu)
    return float(abs((mp.mpf(float(value)) - t) / t))


def ulps(ours, values):
    return reference.ulp_error(np.asarray(ours, dtype=np.float64), values)


def recorded(kernel):
    return KERNEL_ACCURACY[kernel]["float64"][0]


def betainc_cdf(x, nu):
    """F(x; nu) from the incomplete beta function on its small side, for any
    finite nu -- the general definition, also at nu = 1 and 2."""
    with mp.workdps(reference.DIGITS):
        x, nu = mp.mpf(x), mp.mpf(nu)
        s = reference.student_tail(abs(x), nu)
        return s if x < 0 else 1 - s


# ------------------------------------------------------------ SciPy's bugs

def test_stdtr_cauchy_moves_in_steps_near_zero():
    # The example: stdtr(1, t) near 0 moves in steps of ~4.7e-9 (it
    # rounds an argument near 1 before the incomplete beta function); the
    # truth is 1/2 + arctan(t)/pi.  At t = 1e-8 scipy is 3e-9 off, relative.
    t = np.array([1e-8, 2e-8, 5e-8, 1.5e-7])
    theirs = sc.stdtr(1.0, t)
    with mp.workdps(40):
        cauchy = [mp.mpf(1) / 2 + mp.atan(mp.mpf(v)) / mp.pi for v in t]
    errors = [float(abs((mp.mpf(float(v)) - c) / c)) for v, c in zip(theirs, cauchy)]
    assert min(errors) > 1e-10 and max(errors) > 1e-9, errors
    # the first step away from 1/2 is 4.7e-9 although arctan(1e-8)/pi = 3.2e-9
    steps = sc.stdtr(1.0, np.linspace(0.0, 1e-7, 11)) - 0.5
    assert steps[1] > 4.7e-9 and abs(steps[1] - 1e-8 / np.pi) > 1e-9
    ours = sg.student_t(t, 1.0)
    assert (ours == reference.correctly_rounded(cauchy, np.float64)).all()
    # ... and the general definition agrees with the closed form there
    assert (ours == reference.correctly_rounded([betainc_cdf(v, 1.0) for v in t], np.float64)).all()


def test_stdtr_cauchy_steps_on_the_left_too():
    t = -np.array([1e-8, 5e-8, 1.5e-7])
    theirs = sc.stdtr(1.0, t)
    assert max(rel_error(v, "student_t", x, 1.0) for v, x in zip(theirs, t)) > 1e-9
    for x in t:
        assert float(sg.student_t(x, 1.0)) == exact("student_t", x, 1.0)


@pytest.mark.parametrize("nu", [3.0, 10.0])
def test_stdtrit_loses_the_sign_for_tiny_p(nu):
    # The t quantile at p = 1e-300 is a large negative number (-1.03e100 for
    # nu = 3); scipy's stdtrit (and scipy.stats.t.ppf) return +inf.
    p = 1e-300
    assert sc.stdtrit(nu, p) == np.inf
    assert st.t(nu).ppf(p) == np.inf
    expected = exact("student_t_inverse", p, nu)
    assert np.isfinite(expected) and expected < -1e29
    assert float(sg.student_t.ppf(p, nu)) == expected


@pytest.mark.parametrize("nu", [0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 10.0, 30.0, np.inf])
def test_quantile_keeps_its_sign_to_the_smallest_subnormal(nu):
    p = np.array([5e-324, 1e-310, 2.0**-1022, 1e-300, 1e-100])
    with np.errstate(over="ignore"):
        ours = sg.student_t.ppf(p, nu)
    assert (ours < 0).all(), ours
    expected = [exact("student_t_inverse", v, nu) for v in p]
    assert (ulps(ours, [truth("student_t_inverse", v, nu) for v in p]) <= recorded("student_t_inverse")).all(), \
        list(zip(p, ours, expected))
    # the mirror image: 1 - p for p below 2^-53 is 1, the pole
    assert float(sg.student_t.ppf(1.0, nu)) == np.inf


def test_quantile_beyond_float64_overflows_with_the_warning():
    # nu = 1/2: the quantile at p = 1e-300 is about -4e599, beyond float64.
    with mp.workdps(30):
        assert truth("student_t_inverse", 1e-300, 0.5) < mp.mpf("-1e599")
    with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow"):
        sg.student_t.ppf(1e-300, 0.5)
    with np.errstate(over="ignore"):
        assert float(sg.student_t.ppf(1e-300, 0.5)) == -np.inf


@pytest.mark.parametrize("nu,x", [(3.0, -1e300), (0.5, -1e300), (10.0, -1e10), (4.5, -1e60), (30.0, -1e30)])
def test_logcdf_far_tail_is_finite(nu, x):
    # F ~ c |x|^-nu underflows long before log F does: logcdf(-1e300; 3) =
    # -2072.23.  scipy.stats.t takes the log of the underflowed cdf there
    # (-inf); where its cdf is still a normal number it is fine.
    expected = exact("student_t_logcdf", x, nu)
    assert np.isfinite(expected)
    with np.errstate(all="ignore"):
        theirs = st.t(nu).logcdf(x)
    if x == -1e300:
        assert theirs == -np.inf
    assert ulps(sg.student_t.logcdf(x, nu), [truth("student_t_logcdf", x, nu)])[0] <= recorded("student_t_logcdf")
    assert ulps(sg.student_t.logsf(-x, nu), [truth("student_t_logcdf", x, nu)])[0] <= recorded("student_t_logsf")


def test_logcdf_of_the_far_tail_against_the_asymptote():
    # log F(x; nu) = nu/2 log nu - nu log|x| + log(Gamma((nu+1)/2)/(Gamma(nu/2 + 1) 2 sqrt(pi))) + O(x^-2)
    nu, x = 3.0, -1e300
    with mp.workdps(40):
        nu_m = mp.mpf(nu)
        asymptote = (nu_m / 2 * mp.log(nu_m) - nu_m * mp.log(mp.mpf(-x))
                     + mp.loggamma((nu_m + 1) / 2) - mp.loggamma(nu_m / 2 + 1) - mp.log(2 * mp.sqrt(mp.pi)))
    assert float(sg.student_t.logcdf(x, nu)) == float(asymptote)


def test_cdf_left_tail_keeps_relative_accuracy_to_the_last_subnormal():
    # F(-x; 3) ~ 6.9/x^3: at x = 1e105 it is 6.9e-315, subnormal.
    for x in (-1e100, -1e105, -1.6e107):
        assert float(sg.student_t(x, 3.0)) == exact("student_t", x, 3.0)
    assert float(sg.student_t(-1e108, 3.0)) == 0.0 == exact("student_t", -1e108, 3.0)


# ------------------------------------------------- closed forms, proved

@pytest.mark.parametrize("nu", [1.0, 2.0])
def test_closed_forms_against_the_incomplete_beta_definition(nu):
    # nu = 1 dispatches to the arctan family's Cauchy kernels and nu = 2 to
    # 1/2 + x/(2 sqrt(2 + x^2)): both must agree with the general betainc
    # definition of the t CDF (not only with their own formulas).
    x = np.concatenate([-np.geomspace(1e-12, 1e12, 49), np.geomspace(1e-12, 1e12, 49), [0.0, -1e200, 1e200]])
    ours = sg.student_t(x, nu)
    errors = ulps(ours, [betainc_cdf(v, nu) for v in x])
    assert errors.max() <= recorded("student_t"), x[np.argmax(errors)]


def test_nu_1_is_the_cauchy_arctan_family_exactly():
    # Identity of the mathematics (F_1 = 1/2 + arctan(x)/pi): the values
    # coincide with the arctan entry's CDF form and with mpmath's Cauchy.
    x = np.concatenate([np.linspace(-50, 50, 1001), np.geomspace(1e-300, 1e300, 300)])
    x = np.concatenate([x, -x])
    for op, arctan_op in [("cdf", "cdf"), ("pdf", "pdf"), ("logcdf", "logcdf"), ("logsf", "logsf")]:
        np.testing.assert_array_equal(getattr(sg.student_t, op)(x, 1.0), getattr(sg.arctan, arctan_op)(x))
    p = np.concatenate([np.linspace(0, 1, 1001)[1:-1], np.geomspace(5e-324, 0.5, 200)])
    np.testing.assert_array_equal(sg.student_t.ppf(p, 1.0), sg.arctan.ppf(p))
    with mp.workdps(40):
        for v in (-1e300, -3.5, 1e-9, 7.0):
            c = mp.mpf(1) / 2 + mp.atan(mp.mpf(v)) / mp.pi if v > -1 else mp.atan(-1 / mp.mpf(v)) / mp.pi
            assert float(sg.student_t(v, 1.0)) == reference.to_float64(c)


def test_nu_2_is_the_algebraic_family_at_x_over_sqrt2():
    # F_2(x) = (1 + a(x/sqrt 2))/2 with a(y) = y/sqrt(1 + y^2): the algebraic
    # entry's CDF form at y = x/sqrt(2), which in mpmath is exact; ours is
    # written on x itself (x/sqrt(2) would round).
    x = np.concatenate([np.linspace(-20, 20, 401), np.geomspace(1e-20, 1e20, 81), -np.geomspace(1e-20, 1e20, 81)])
    with mp.workdps(50):
        algebraic = [reference.MPMATH["algebraic_cdf"](mp.mpf(v) / mp.sqrt(2)) for v in x]
        density = [reference.MPMATH["algebraic_pdf"](mp.mpf(v) / mp.sqrt(2)) / mp.sqrt(2) for v in x]
        quantile = [mp.sqrt(2) * reference.MPMATH["algebraic_ppf"](mp.mpf(p)) for p in np.linspace(0.01, 0.99, 99)]
    assert (sg.student_t(x, 2.0) == reference.correctly_rounded(algebraic, np.float64)).all()
    assert ulps(sg.student_t.pdf(x, 2.0), density).max() <= recorded("student_t_derivative")
    assert ulps(sg.student_t.ppf(np.linspace(0.01, 0.99, 99), 2.0), quantile).max() <= recorded("student_t_inverse")
    # rounding x/sqrt(2) first, as a reuse of the algebraic kernels would, is wrong somewhere
    naive = sg.algebraic.cdf(x / np.sqrt(2.0))
    assert (naive != reference.correctly_rounded(algebraic, np.float64)).any()


def test_nu_inf_is_the_normal_family():
    x = np.concatenate([np.linspace(-40, 40, 801), np.geomspace(1e-300, 1e5, 100), -np.geomspace(1e-300, 1e5, 100)])
    for op in ("cdf", "pdf", "logcdf", "logsf"):
        np.testing.assert_array_equal(getattr(sg.student_t, op)(x, np.inf), getattr(sg.normal, op)(x))
    p = np.concatenate([np.linspace(0, 1, 1001)[1:-1], np.geomspace(5e-324, 0.5, 200)])
    np.testing.assert_array_equal(sg.student_t.ppf(p, np.inf), sg.normal.ppf(p))
    # and the normal is the limit of the general algorithm: at nu = 1e300 the
    # t CDF is Phi to ~x^4/(4 nu), far below an ULP
    for v in (-37.5, -5.0, -0.3, 0.7, 6.0):
        phi = reference.correctly_rounded(reference.evaluate("normal", [v]), np.float64)[0]
        assert float(sg.student_t(v, 1e300)) == phi


@pytest.mark.parametrize("nu", [1e3, 1e8, 1e12])
def test_large_nu_is_accurate(nu):
    # The plain incomplete-beta continued fraction loses about nu ulps here;
    # the contracted, cancellation-free form must not.
    x = np.array([-38.0, -9.0, -3.0, -1.8, -1.2, -0.5, 0.5, 1.8, 3.0, 9.0])
    for kernel in ("student_t", "student_t_logcdf", "student_t_derivative"):
        with mp.workdps(80):
            values = reference.evaluate(kernel, x, digits=80, params=(nu,))
        errors = ulps(getattr(sg._ufuncs, kernel)(x, nu), values)
        assert errors.max() <= recorded(kernel), (kernel, x[np.argmax(errors)], errors.max())


def test_small_nu_heavy_tails():
    # nu = 1/2: F(-x) ~ 0.32 x^-1/2 -- still 3.2e-151 at x = 1e300.
    for x in (-1e300, -1e10, -3.0):
        assert ulps(sg.student_t(x, 0.5), [truth("student_t", x, 0.5)])[0] <= recorded("student_t")
    assert 3.2e-151 < float(sg.student_t(-1e300, 0.5)) < 3.21e-151


def test_slope_at_zero_is_the_density_at_zero():
    for nu in (0.5, 1.0, 2.0, 3.0, 30.0, np.inf):
        slope = sg.student_t.info.slope(nu)
        assert float(sg.student_t.pdf(0.0, nu)) == pytest.approx(slope, rel=2e-16)


def test_scipy_t_with_infinite_nu_in_the_left_tail():
    # scipy.stats.t(df=inf) is the normal, but its cdf(-30) = 4.906713927148764e-198
    # is 1.2e-13 off Phi(-30) = 4.906713927148187e-198.
    theirs = st.t(np.inf).cdf(-30.0)
    assert rel_error(theirs, "student_t", -30.0, np.inf) > 1e-13
    expected = exact("student_t", -30.0, np.inf)
    assert expected == reference.correctly_rounded(reference.evaluate("normal", [-30.0]), np.float64)[0]
    assert float(sg.student_t(-30.0, np.inf)) == expected
