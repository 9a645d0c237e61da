"""Pitfalls of the parametrised families elsewhere (SciPy 1.17), each a named
test.  Expected values come from mpmath or closed forms, never from our own
output."""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import scipy.stats as st

import sigmoids as sg
from sigmoids import reference


def exact(name, x, *params, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x], params=params), dtype)[0]


def rel_error(value, name, x, *params):
    truth = reference.evaluate(name, [x], params=params)[0]
    return float(abs((mp.mpf(float(value)) - truth) / truth))


# ------------------------------------------------------------- genlogistic

def test_genlogistic_logcdf_far_left_is_finite():
    # log F = -alpha softplus(-x) = -2000 at x = -1000, alpha = 2;
    # scipy's -c log1p(exp(-x)) overflows exp to inf.
    with np.errstate(all="ignore"):
        assert st.genlogistic(2.0).logcdf(-1000.0) == -np.inf
    assert float(sg.genlogistic.logcdf(-1000.0, 2.0)) == exact("genlogistic_logcdf", -1000.0, 2.0) == -2000.0


def test_genlogistic_logsf_far_right_is_finite():
    # log(1 - F) = log 2 - 1000 - ... at x = 1000, alpha = 2; scipy's
    # log(-expm1(logcdf)) has logcdf = -2 log1p(e^-1000) = -0 and gives -inf.
    with np.errstate(all="ignore"):
        assert st.genlogistic(2.0).logsf(1000.0) == -np.inf
    truth = exact("genlogistic_logsf", 1000.0, 2.0)
    assert truth == float(mp.log(2) - 1000)
    assert float(sg.genlogistic.logsf(1000.0, 2.0)) == truth


def test_genlogistic_ppf_near_its_zero_keeps_relative_accuracy():
    # y = 2^-alpha is where the quantile crosses 0; scipy's -log(powm1(q, -1/c))
    # takes the log of a number next to 1 and keeps only absolute accuracy.
    alpha = 1.5
    y0 = float(mp.mpf(2) ** -alpha)
    for y in (np.nextafter(y0, 1.0), y0 * (1 + 1e-9), np.nextafter(y0, 0.0)):
        truth = exact("genlogistic_inverse", y, alpha)
        assert float(sg.genlogistic.ppf(y, alpha)) == truth
        assert rel_error(st.genlogistic(alpha).ppf(y), "genlogistic_inverse", y, alpha) > 1e-8
    # integer alpha: exactly 0 at y = 2^-alpha
    assert float(sg.genlogistic.ppf(0.25, 2.0)) == 0.0


def test_genlogistic_pdf_deep_tail_with_large_alpha():
    # scipy's pdf is exp(logpdf): logpdf = -695 carries 695 eps of error into
    # the result (1.3e-13 relative); ours is within half an ULP.
    alpha, x = 100.0, -7.0
    assert rel_error(st.genlogistic(alpha).pdf(x), "genlogistic_derivative", x, alpha) > 1e-14
    assert float(sg.genlogistic.pdf(x, alpha)) == exact("genlogistic_derivative", x, alpha)


def test_genlogistic_cdf_does_not_underflow_early():
    # F(-720; 0.5) = (1 + e^720)^-0.5 = e^-360 = 4.5e-157; scipy's
    # (1 + exp(-x))**-c overflows exp(720) to inf and returns 0.
    with np.errstate(all="ignore"):
        assert st.genlogistic(0.5).cdf(-720.0) == 0.0
    truth = exact("genlogistic", -720.0, 0.5)
    assert 4e-157 < truth < 5e-157
    assert float(sg.genlogistic(-720.0, 0.5)) == truth


def test_genlogistic_float16_logcdf_at_an_exact_midpoint():
    # alpha x = 1.5 * -74.1875 = -111.28125 is a float16 midpoint exactly; the
    # true log F lies 9e-33 below it, beyond binary128's resolution: the
    # narrow loop's binary128 sum must round to odd to get -111.3125.
    x = np.float16(-74.1875)
    truth = exact("genlogistic_logcdf", x, 1.5, dtype=np.float16)
    assert truth == np.float16(-111.3125)
    assert sg.genlogistic.logcdf(x, np.float16(1.5)) == truth


def test_genlogistic_with_alpha_one_is_the_logistic():
    x = np.linspace(-40, 40, 4001)
    for dtype in (np.float16, np.float32, np.float64):
        xd = x.astype(dtype)
        # both correctly rounded in the narrow formats, both within 1 ULP in float64
        ours, logistic = sg.genlogistic(xd, dtype(1.0)), sg.logistic(xd)
        if dtype == np.float64:
            np.testing.assert_array_max_ulp(ours, logistic, maxulp=1)
        else:
            np.testing.assert_array_equal(ours, logistic)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_max_ulp(sg.genlogistic.logsf(x, 1.0), sg.logistic.logsf(x), maxulp=1)


# -------------------------------------------------------------------- hill

def test_hill_cdf_tiny_x_is_not_flushed():
    # H(1e-160; 2) = 1e-320 (subnormal); scipy's fisk (1 + x^-c)^-1 overflows x^-c.
    with np.errstate(all="ignore"):
        assert st.fisk(2.0).cdf(1e-160) == 0.0
    truth = exact("hill", 1e-160, 2.0)
    assert truth > 0
    assert float(sg.hill.cdf(1e-160, 2.0)) == truth


def test_hill_logcdf_tiny_x_is_finite():
    # log H(1e-200; 2) = -log1p(1e400) = -921.03...; scipy's log1p(x^-c) overflows.
    with np.errstate(all="ignore"):
        assert st.fisk(2.0).logcdf(1e-200) == -np.inf
    assert float(sg.hill.logcdf(1e-200, 2.0)) == exact("hill_logcdf", 1e-200, 2.0)


def test_hill_logsf_right_tail_does_not_cancel():
    # log(1 - H(30; 10)) = -log1p(30^10) = -34.0119...; scipy takes the log of
    # a survival function that has cancelled (-33.964, 1.4e-3 relative).
    truth = exact("hill_logsf", 30.0, 10.0)
    assert rel_error(st.fisk(10.0).logsf(30.0), "hill_logsf", 30.0, 10.0) > 1e-4
    assert float(sg.hill.logsf(30.0, 10.0)) == truth


def test_hill_ppf_near_one_keeps_its_digits():
    # (p/(1-p))^(1/n) at p = 1 - 2^-20, n = 1/2 is (2^20 - 1)^2 = 1099509530625
    # exactly; scipy's (1/q - 1)^(-1/c) cancels in 1/q - 1 and is 2 off.
    p = 1 - 2.0**-20
    assert exact("hill_inverse", p, 0.5) == 1099509530625.0
    assert st.fisk(0.5).ppf(p) != 1099509530625.0
    assert float(sg.hill.ppf(p, 0.5)) == 1099509530625.0


def test_hill_narrow_results_that_are_exact_midpoints():
    # hill.inverse(63/64; 1/2) = 63^2 = 3969 exactly, the float16 midpoint of
    # 3968 and 3970 (ties to even: 3968); exp(2 log 63) is a hair off it.
    assert sg.hill.inverse(np.float16(0.984375), np.float16(0.5)) == np.float16(3968)
    assert exact("hill_inverse", 0.984375, 0.5, dtype=np.float16) == np.float16(3968)
    # hill(2^-75; 2) = 2^-150 (1 - 2^-150): just below the float32 midpoint
    # between 0 and the smallest subnormal, so it rounds to 0.
    x = np.float32(2.0**-75)
    assert exact("hill", x, 2.0, dtype=np.float32) == 0.0
    assert sg.hill(x, np.float32(2.0)) == 0.0
    # hill.derivative(2^-75; 3) = 3 2^-150 (1 - ...) rounds down to 2^-149.
    assert exact("hill_derivative", x, 3.0, dtype=np.float32) == np.float32(2.0**-149)
    assert sg.hill.derivative(x, np.float32(3.0)) == np.float32(2.0**-149)


def test_hill_is_nan_below_zero_with_a_warning():
    with np.errstate(invalid="warn"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert np.isnan(sg.hill(-1.0, 2.0))
    assert any("invalid value" in str(w.message) for w in caught)
    # -0 is 0, inside the domain
    assert sg.hill(-0.0, 2.0) == 0.0
