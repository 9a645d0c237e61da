"""Pitfalls of the erf and normal families elsewhere, each a named test.

Expected values come from mpmath (sigmoids.reference, rounded once) or from
closed forms, never from our own output.  The values quoted for SciPy are
those of SciPy 1.17 (scipy.special's cephes ndtr/erfc); they are described,
not asserted, so that a fixed SciPy does not fail our suite.
"""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import sigmoids as sg
from sigmoids import reference


def exact(name, x, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x]), dtype)[0]


def test_log_phi_at_minus_1e5_is_finite():
    """The issue's example: log Phi(-1e5) = -x^2/2 - log(-x sqrt(2 pi)) + ...
    = -5000000012.431864, where log(ndtr(x)) is log(0) = -inf."""
    truth = exact("normal_logcdf", -1e5)
    assert truth == -5000000012.431864
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sg.normal.logcdf(-1e5)) == truth
        assert float(sg.normal.logsf(1e5)) == truth
        assert float(sg.log_ndtr(np.float32(-1e5))) == np.float32(truth)
    import scipy.special as sc

    with np.errstate(divide="ignore"):
        assert np.log(sc.ndtr(-1e5)) == -np.inf


def test_log_phi_stays_finite_until_the_square_overflows():
    # -x^2/2 is representable up to |x| = 1.896e154; beyond, -inf without an overflow warning.
    for x in (-1e10, -1e100, -1.8e154):
        truth = exact("normal_logcdf", x)
        assert np.isfinite(truth)
        assert float(sg.normal.logcdf(x)) == truth
    with np.errstate(over="raise"):
        assert float(sg.normal.logcdf(-1e155)) == -np.inf
        assert float(sg.erf.logcdf(-2.0**512)) == -np.inf


def test_normal_cdf_left_tail_to_the_last_subnormal():
    """SciPy's ndtr(-38) is 0 (its erfc flushes once z^2 > 709.78); the truth is
    2.885e-316, and Phi keeps a result down to x = -38.47."""
    for x in (-37.6, -38.0, -38.4):
        truth = exact("normal", x)
        assert 0 < truth < np.finfo(np.float64).tiny
        assert float(sg.normal(x)) == truth
    assert float(sg.normal(-38.5)) == 0.0 == exact("normal", -38.5)


def test_erf_cdf_does_not_cancel():
    """(1 + erf x)/2 cancels to 0 from x = -6; erfc(-x)/2 does not."""
    assert (1 + sg.erf(-10.0)) / 2 == 0.0
    for x in (-6.0, -10.0, -26.0, -27.0):
        truth = exact("erf_cdf", x)
        assert truth > 0
        assert float(sg.erf.cdf(x)) == truth
    # SciPy's erfc(27) is 0 as well; the truth is 5.24e-319.
    assert 2 * float(sg.erf.cdf(-27.0)) == exact("erf_cdf", -27.0) * 2 > 0


def test_normal_cdf_tail_is_correctly_rounded_where_ndtr_is_not():
    """SciPy's ndtr(-29.2) rounds x/sqrt(2) first: 973 ULP off.  Ours carries
    z and z^2 = x^2/2 exactly."""
    x = np.linspace(-30, -20, 201)
    ours = sg.normal(x)
    truth = reference.correctly_rounded(reference.evaluate("normal", x), np.float64)
    np.testing.assert_array_equal(ours, truth)


def test_probit_at_the_smallest_subnormal():
    assert float(sg.probit(5e-324)) == -38.467405617144344 == exact("normal_inverse", 5e-324)
    assert float(sg.erf.ppf(5e-324)) == exact("erf_ppf", 5e-324)
    assert float(sg.probit(np.float32(1e-45))) == exact("normal_inverse", float(np.float32(1e-45)), np.float32)
    # and at the top: 1 - p is exact, so p = 1 - 2^-53 is still resolved
    assert float(sg.probit(1 - 2.0**-53)) == exact("normal_inverse", 1 - 2.0**-53) == 8.209536151601387


def test_probit_and_erfinv_near_one_half():
    """2p - 1 is exact there, and erfinv has no cancellation near 0."""
    for k in range(2, 54):
        p = 0.5 + 2.0**-k
        assert float(sg.probit(p)) == exact("normal_inverse", p)
        assert float(sg.probit(1 - p)) == -exact("normal_inverse", p)
        assert float(sg.erfinv(2.0**-k)) == exact("erf_inverse", 2.0**-k)


def test_erfinv_near_one():
    for k in range(2, 54):
        y = 1 - 2.0**-k
        assert float(sg.erfinv(y)) == exact("erf_inverse", y)
        assert float(sg.erfinv(-y)) == -exact("erf_inverse", y)


def test_erfinv_of_subnormals_is_rounded_once():
    """erfinv(2^-1022) = 3991211251234741.327 * 2^-1074: rounding to 53 bits
    first and then to the subnormal grid (as float(mpmath.mpf) does) gives
    ...742; the single rounding is ...741."""
    y = 2.0**-1022
    truth = exact("erf_inverse", y)
    assert truth == 3991211251234741 * 2.0**-1074
    assert float(sg.erfinv(y)) == truth
    assert float(sg.erfinv(-y)) == -truth


def test_logsf_right_tail_keeps_subnormal_results():
    """log Phi(38) = -Phi(-38) = -2.885e-316; SciPy's log_ndtr(38) is -0.0."""
    truth = exact("normal_logcdf", 38.0)
    assert truth == -exact("normal", -38.0) < 0
    assert float(sg.normal.logcdf(38.0)) == truth
    assert float(sg.normal.logsf(-38.0)) == truth
    # log_ndtr(10) is 7e-15 relative off in SciPy; ours is correctly rounded
    assert float(sg.normal.logcdf(10.0)) == exact("normal_logcdf", 10.0) == -7.619853024160525e-24


@pytest.mark.parametrize("dtype", [np.float16, np.float32])
def test_narrow_erf_is_exactly_odd_and_saturates(dtype):
    x = np.array([0.5, 3.0, 6.0, 100.0], dtype=dtype)
    np.testing.assert_array_equal(sg.erf(-x), -sg.erf(x))
    assert sg.erf(dtype(100.0)) == 1 and np.signbit(sg.erf(dtype(-0.0)))


def test_float32_log_tail_where_the_square_is_a_midpoint():
    """For x = 2.3450243e19 (float32), x^2/2 is exactly a float32 midpoint and
    the rest of log Phi(-x) (-45.6) is below half a binary128 ULP of it: a
    wide evaluation that drops it rounds to even, the wrong way."""
    x = np.float32(2.3450243e19)
    truth = exact("normal_logsf", float(x), np.float32)
    assert truth == np.float32(-2.7495696e38)
    assert sg.normal.logsf(x) == truth
    assert sg.normal.logcdf(-x) == truth
