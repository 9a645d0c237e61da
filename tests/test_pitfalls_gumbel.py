"""Pitfalls of the Gumbel families (gompertz, cloglog), each a named test.

Expected values come from mpmath (``reference``) or closed forms, never from
our own output.  Where a naive formula or SciPy gets it wrong, the test
shows that too, so the pitfall stays real.
"""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
import scipy.stats

import sigmoids as sg
from sigmoids import reference


def exact(name, x, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x]), dtype)[0]


def test_gompertz_double_exponential_left_tail():
    assert exact("gompertz", -6.5) == 1.357247607325002e-289
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sg.gompertz(-6.5)) == 1.357247607325002e-289
        # exp(-e^7) = exp(-1096.6) is below every double: 0, exactly.
        assert float(sg.gompertz(-7.0)) == 0.0 == exact("gompertz", -7.0)
        assert float(sg.gompertz(-1000.0)) == 0.0  # e^1000 would overflow on the way
    # A subnormal result keeps the tail of e^-x (dropping it costs 2^8 ULP there).
    x = np.linspace(-6.609, -6.563, 500)
    np.testing.assert_array_equal(sg.gompertz(x), reference.correctly_rounded(reference.evaluate("gompertz", x), np.float64))


def test_gompertz_logcdf_is_minus_exp_and_overflows_like_exp():
    assert float(sg.gompertz.logcdf(-700.0)) == -1.0142320547350045e304 == exact("gompertz_logcdf", -700.0)
    # -e^710 is below -DBL_MAX: the result overflows, and says so like np.exp(710.0).
    with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow"):
        sg.gompertz.logcdf(-710.0)
    with np.errstate(over="ignore"):
        assert float(sg.gompertz.logcdf(-710.0)) == -np.inf
        assert float(sg.cloglog.logsf(710.0)) == -np.inf
    # -inf is the exact asymptote, not an overflow.
    with np.errstate(all="raise"):
        assert float(sg.gompertz.logcdf(-np.inf)) == -np.inf
        assert float(sg.cloglog.logsf(np.inf)) == -np.inf


def test_gompertz_logsf_far_right_tail():
    # log(1 - exp(-e^-x)) = -x - e^-x/2 + ...: 1 - G underflows long before.
    assert float(sg.gompertz.logsf(1000.0)) == -1000.0 == exact("gompertz_logsf", 1000.0)
    assert float(sg.gompertz.logsf(1e308)) == -1e308
    assert float(sg.gompertz.logsf(40.0)) == exact("gompertz_logsf", 40.0)
    with np.errstate(divide="ignore"):
        assert np.log(1 - np.exp(-np.exp(-40.0))) == -np.inf


def test_scipy_gumbel_logsf_far_tail_is_not_minus_inf():
    """SciPy 1.17: gumbel_r.logsf(1000) = log(sf) with sf = 1 - G underflowed
    to 0, so -inf; the truth is -1000 - e^-1000/2."""
    with np.errstate(divide="ignore"):
        assert scipy.stats.gumbel_r.logsf(1000.0) == -np.inf
        assert scipy.stats.gumbel_l.logcdf(-1000.0) == -np.inf
    assert float(sg.gompertz.logsf(1000.0)) == -1000.0
    assert float(sg.cloglog.logcdf(-1000.0)) == -1000.0


def test_scipy_gumbel_ppf_near_one_over_e():
    """SciPy 1.17: gumbel_r.ppf(q) = -log(-log q) at q = 1/e (rounded) is 0;
    the truth is 3.3784855259134224e-17.  The next double is 20% off."""
    q = float(mp.exp(-1))
    assert scipy.stats.gumbel_r.ppf(q) == 0.0
    assert float(sg.gompertz.ppf(q)) == 3.3784855259134224e-17 == exact("gompertz_inverse", q)
    q = np.nextafter(q, 1.0)
    assert abs(scipy.stats.gumbel_r.ppf(q) / exact("gompertz_inverse", q) - 1) > 0.1
    assert float(sg.gompertz.ppf(q)) == exact("gompertz_inverse", q)
    assert scipy.stats.gumbel_l.ppf(1 - float(mp.exp(-1))) == 0.0
    assert float(sg.cloglog.ppf(1 - float(mp.exp(-1)))) == -3.3784855259134224e-17


def test_cloglog_left_tail_is_exp_to_the_last_bit():
    # 1 - exp(-e^x) with the subtraction done naively is 0 below x = -37.
    assert 1 - np.exp(-np.exp(-40.0)) == 0.0
    for x in (-40.0, -700.0, -740.0, -745.0):
        assert float(sg.cloglog(x)) == exact("cloglog", x)
    assert float(sg.cloglog(-700.0)) == 9.85967654375977e-305
    assert 0 < float(sg.cloglog(-740.0)) < np.finfo(np.float64).smallest_normal


def test_gompertz_inverse_near_one_over_e():
    """-log(-log y) at y ~ 1/e: the log of a number near 1 keeps only its
    absolute accuracy; the naive formula loses most digits of x ~ 1e-17."""
    e_inv = float(mp.exp(-1))
    ys = e_inv + np.arange(-40, 41) * np.spacing(e_inv)
    truth = reference.correctly_rounded(reference.evaluate("gompertz_inverse", ys), np.float64)
    np.testing.assert_array_equal(sg.gompertz.inverse(ys), truth)
    naive = -np.log(-np.log(ys))
    assert np.max(np.abs(naive / truth - 1)) > 1e-3
    # And the mirror: the cloglog link at y ~ 1 - 1/e.
    c = 1 - e_inv
    ys = c + np.arange(-40, 41) * np.spacing(c)
    truth = reference.correctly_rounded(reference.evaluate("cloglog_inverse", ys), np.float64)
    np.testing.assert_array_equal(sg.cloglog.inverse(ys), truth)


def test_inverses_at_the_ends_of_the_range():
    y = 1 - 2.0**-53
    assert float(sg.gompertz.inverse(y)) == exact("gompertz_inverse", y)  # 36.7368...
    assert float(sg.cloglog.inverse(y)) == exact("cloglog_inverse", y)
    tiny = 5e-324
    assert float(sg.gompertz.inverse(tiny)) == exact("gompertz_inverse", tiny)
    assert float(sg.cloglog.inverse(tiny)) == exact("cloglog_inverse", tiny)
    # The cloglog link at y = 1e-300: log(-log(1 - y)) naively is log(0).
    assert float(sg.cloglog.inverse(1e-300)) == -690.7755278982137
    with np.errstate(divide="ignore"):
        assert np.log(-np.log(1 - 1e-300)) == -np.inf


def test_densities_neither_overflow_nor_cancel():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise", under="ignore"):
            assert float(sg.gompertz.pdf(-6.5)) == 9.027618899817046e-287 == exact("gompertz_derivative", -6.5)
            assert float(sg.gompertz.pdf(-1000.0)) == 0.0
            assert float(sg.cloglog.pdf(1000.0)) == 0.0
            assert float(sg.gompertz.pdf(740.0)) == exact("gompertz_derivative", 740.0) > 0
    # e^-x exp(-e^-x) as a product overflows at x = -710.
    with np.errstate(over="raise", invalid="ignore"), pytest.raises(FloatingPointError):
        np.exp(710.0) * np.exp(-np.exp(710.0))


def test_narrow_formats_round_the_tails_correctly():
    for dtype in (np.float16, np.float32):
        x = np.array([-10.0, -5.0, -2.5, 0.0, 2.5, 5.0, 10.0], dtype=dtype)
        for name in ("gompertz", "cloglog", "gompertz_derivative", "cloglog_logcdf", "gompertz_logsf"):
            ufunc = getattr(sg._ufuncs, name)
            truth = reference.correctly_rounded(reference.evaluate(name, x), dtype)
            np.testing.assert_array_equal(ufunc(x), truth)
    # float16 -e^12 overflows the format: inf, with NumPy's warning.
    with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow"):
        sg.gompertz.logcdf(np.float16(-12.0))
