"""Pitfalls of the arctan and Gudermannian families in other code, each a
named test.  Expected values come from mpmath, never from our own output."""
from __future__ import annotations

import math
import warnings

import mpmath as mp
import numpy as np
import pytest

import sigmoids as sg


def exact(f, x):
    """f at the double x, 60 digits, rounded once to float64."""
    with mp.workdps(60):
        return float(f(mp.mpf(float(x))))


def quiet(call, *args):
    """call(*args) with NumPy's overflow, invalid and divide warnings as errors
    (underflow of the double-double low parts is expected in the tails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            return call(*args)


def test_cauchy_cdf_does_not_cancel_in_the_left_tail():
    truth = exact(lambda x: mp.atan(-1 / x) / mp.pi, -1e300)
    assert truth == 3.1830988618379065e-301
    assert float(quiet(sg.arctan.cdf, -1e300)) == truth
    # The textbook formula cancels to 0 for every x below -2^53.
    assert 0.5 + np.arctan(-1e300) / np.pi == 0.0
    # and the largest double still has a (subnormal) CDF, rounded once.
    tiny = exact(lambda x: mp.atan(-1 / x) / mp.pi, -np.finfo(np.float64).max)
    assert tiny > 0 and float(sg.arctan.cdf(-np.finfo(np.float64).max)) == tiny


def _cauchy_cdf(t):
    return mp.atan(-1 / t) / mp.pi if t < 0 else 1 - mp.atan(1 / t) / mp.pi


def _hypsecant_cdf(t):
    return 2 * mp.atan(mp.exp(t)) / mp.pi


@pytest.mark.parametrize(
    "entry, truth, normal_results, subnormal_result",
    [
        # The double-double tail of arctan(1/a)/pi underflowed from a = 2^969
        # on, and x near 0 took a subnormal x/pi: both warned although F is
        # normal.
        ("arctan", _cauchy_cdf, [-1e300, -2.0**969, -1e-320, 1e-320, -5e-324, 1e308], -1.7e308),
        # e^x - 1 near 0 and the far tail of -inf (exactly 0) warned too.
        ("gudermannian", _hypsecant_cdf, [-1e-320, 1e-320, -600.5, -700.0, 800.0], -740.0),
    ],
)
def test_cdf_warns_underflow_only_for_subnormal_results(entry, truth, normal_results, subnormal_result):
    cdf = sg.get(entry).cdf
    for n in (1, 1100):
        x = np.repeat(np.array(normal_results + [np.inf, -np.inf]), n)
        with np.errstate(under="raise"):
            out = cdf(x)
        assert out[::n].tolist() == [exact(truth, v) for v in normal_results] + [1.0, 0.0]
    # where the result itself is subnormal, the warning is NumPy's own
    with np.errstate(under="raise"), pytest.raises(FloatingPointError):
        cdf(np.array([subnormal_result]))


def test_cauchy_logcdf_is_finite_to_the_end_of_float64():
    for x in (-1e300, -1e308, -np.finfo(np.float64).max):
        truth = exact(lambda t: mp.log(mp.atan(-1 / t) / mp.pi), x)
        assert float(quiet(sg.arctan.logcdf, x)) == truth
        assert float(quiet(sg.arctan.logsf, -x)) == truth
    assert exact(lambda t: mp.log(mp.atan(-1 / t) / mp.pi), -1e300) == pytest.approx(-math.log(math.pi * 1e300))
    with np.errstate(divide="ignore"):
        assert np.log(0.5 + np.arctan(-1e300) / np.pi) == -np.inf


def test_tan_at_the_largest_double_below_half_pi():
    y = math.pi / 2                       # 0x1.921fb54442d18p+0, 6.1e-17 below pi/2
    with mp.workdps(30):
        assert mp.mpf(y) < mp.pi / 2
    truth = exact(mp.tan, y)
    assert truth == 1.633123935319537e16
    assert float(quiet(sg.arctan.inverse, y)) == truth
    assert float(sg.arctan.inverse(-y)) == -truth
    below = np.nextafter(y, 0)
    assert float(sg.arctan.inverse(below)) == exact(mp.tan, below)
    # The next double is beyond pi/2: outside the range, NaN with a warning.
    with np.errstate(invalid="warn"), pytest.warns(RuntimeWarning, match="invalid value"):
        assert np.isnan(sg.arctan.inverse(np.nextafter(y, 4.0)))


def test_gudermannian_inverse_at_the_largest_double_below_half_pi():
    y = math.pi / 2
    truth = exact(lambda t: mp.asinh(mp.tan(t)), y)
    assert float(quiet(sg.gudermannian.inverse, y)) == truth
    # artanh(sin y): sin y rounds to 1.0 there, and artanh(1) = inf.
    with np.errstate(divide="ignore"):
        assert np.arctanh(np.sin(y)) == np.inf


def test_cauchy_quantile_of_tiny_p():
    # tan(pi (p - 1/2)) needs pi (p - 1/2) next to -pi/2 to 300 digits.
    p = 1e-300
    truth = exact(lambda q: -mp.cot(mp.pi * q), p)
    assert float(quiet(sg.arctan.ppf, p)) == truth
    assert np.tan(np.pi * (p - 0.5)) == pytest.approx(-1.633123935319537e16)
    # Subnormal p: the quantile is finite while 1/(pi p) fits a double ...
    p = 2e-309
    assert float(quiet(sg.arctan.ppf, p)) == exact(lambda q: -mp.cot(mp.pi * q), p)
    # ... and overflows to -inf only where the true value does.
    with np.errstate(over="ignore"):
        assert float(sg.arctan.ppf(5e-324)) == -np.inf


def test_gudermannian_near_zero_keeps_every_bit():
    for x in (1e-10, 3e-5, 0.01, 0.3):
        truth = exact(lambda t: 2 * mp.atan(mp.tanh(t / 2)), x)
        assert float(sg.gudermannian(x)) == truth
    # 2 arctan(e^x) - pi/2 cancels.
    assert 2 * np.arctan(np.exp(1e-10)) - np.pi / 2 != exact(lambda t: 2 * mp.atan(mp.tanh(t / 2)), 1e-10)


def test_sech_does_not_overflow_or_flush():
    for x in (710.0, 720.0, 745.0):
        truth = exact(mp.sech, x)
        assert truth > 0
        assert float(quiet(sg.gudermannian.derivative, x)) == truth
        assert float(quiet(sg.gudermannian.pdf, -x)) == exact(lambda t: mp.sech(t) / mp.pi, -x)
    # 1/cosh overflows there and flushes the density to 0.
    with np.errstate(over="ignore"):
        assert 1 / np.cosh(720.0) == 0.0


def test_hypsecant_logcdf_is_finite_deep_in_the_tail():
    for x in (-1000.0, -1e5, -1e308):
        truth = exact(lambda t: t + mp.log(2 / mp.pi) + mp.log(mp.atan(mp.exp(t)) / mp.exp(t)), x)
        assert float(quiet(sg.gudermannian.logcdf, x)) == truth
        assert float(quiet(sg.gudermannian.logsf, -x)) == truth
    import scipy.stats

    with np.errstate(divide="ignore"):
        assert scipy.stats.hypsecant.logcdf(-1000.0) == -np.inf


def test_hypsecant_cdf_subnormal_tail_rounds_once():
    for x in (-700.0, -710.0, -740.0, -744.5):
        truth = exact(lambda t: 2 * mp.atan(mp.exp(t)) / mp.pi, x)
        assert float(sg.gudermannian.cdf(x)) == truth
    assert float(sg.gudermannian.cdf(-746.0)) == 0.0


def test_hypsecant_quantile_near_one_half():
    for k in (20, 40, 53):
        p = 0.5 + 2.0 ** -k
        truth = exact(lambda q: mp.asinh(mp.tan(mp.pi * (q - mp.mpf(1) / 2))), p)
        assert float(sg.gudermannian.ppf(p)) == truth
        assert float(sg.gudermannian.ppf(1 - p)) == -truth
    # scipy's log(tan(pi q/2)) keeps only the absolute accuracy there.
    import scipy.stats

    p = 0.5 + 2.0 ** -40
    naive = scipy.stats.hypsecant.ppf(p)
    truth = exact(lambda q: mp.asinh(mp.tan(mp.pi * (q - mp.mpf(1) / 2))), p)
    assert abs(naive - truth) / truth > 1e-6
