"""Pitfalls of tanh, algebraic, softsign, hard_sigmoid, hard_tanh and PLAN
elsewhere, each a named test.  Expected values come from mpmath or closed
forms, never from our own output."""
from __future__ import annotations

import warnings
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest

import sigmoids as sg
from sigmoids import reference


def exact(name, x, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x]), dtype)[0]


# ---------------------------------------------------------------- tanh

def test_tanh_cdf_at_minus_300_is_sigma_minus_600_not_zero():
    truth = exact("tanh_cdf", -300.0)
    assert truth == 2.6503965530043108e-261
    assert float(sg.tanh.cdf(-300.0)) == truth
    # (tanh x + 1)/2 cancels to exactly 0 there
    assert (np.tanh(-300.0) + 1) / 2 == 0.0
    assert float(sg.tanh.cdf(np.float32(-30.0))) == exact("tanh_cdf", -30.0, np.float32) > 0


def test_tanh_logcdf_reaches_minus_1000_exactly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sg.tanh.logcdf(-500.0)) == -1000.0
        assert float(sg.tanh.logsf(500.0)) == -1000.0
        assert float(sg.tanh.logcdf(-1e5)) == -2e5
        assert float(sg.tanh.logcdf(-1e300)) == -2e300
    # log of the CDF computed naively is -inf from x = -373 on
    with np.errstate(divide="ignore"):
        assert np.log((np.tanh(-400.0) + 1) / 2) == -np.inf


def test_tanh_derivative_in_the_tail_is_not_zero():
    truth = exact("tanh_derivative", 20.0)
    assert truth == pytest.approx(4 * np.exp(-40.0), rel=1e-15) and truth > 0
    assert float(sg.tanh.derivative(20.0)) == truth
    assert 1 - np.tanh(20.0) ** 2 == 0.0


def test_tanh_pdf_subnormal_results_round_once():
    # 2 sigma'(2x) for x near 360: subnormal, where doubling a rounded
    # sigma'(2x) would round twice.
    x = np.linspace(354.5, 372.5, 2001)
    expected = reference.correctly_rounded(reference.evaluate("tanh_pdf", x), np.float64)
    np.testing.assert_array_equal(sg.tanh.pdf(x), expected)


def test_artanh_near_one_and_near_zero():
    for k in range(1, 54):
        y = 1.0 - 2.0 ** -k
        assert float(sg.tanh.inverse(y)) == exact("tanh_inverse", y)
    for y in (1e-300, 2.0 ** -30, 1e-5, 0.0624):
        assert float(sg.tanh.inverse(y)) == exact("tanh_inverse", y)
    assert np.signbit(sg.tanh.inverse(-0.0)) and np.signbit(sg.tanh(-0.0))


# ----------------------------------------------------------- algebraic

def test_algebraic_naive_formula_overflows_ours_does_not():
    with np.errstate(over="ignore"):
        naive = 1e200 / np.sqrt(1 + 1e200 * 1e200)
    assert naive == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sg.algebraic(1e200)) == 1.0
        assert float(sg.algebraic.derivative(1e100)) == exact("algebraic_derivative", 1e100) == 1e-300


def test_algebraic_cdf_left_tail_does_not_cancel():
    assert float(sg.algebraic.cdf(-1e10)) == 2.5e-21
    assert (1 + (-1e10) / np.sqrt(1 + 1e20)) / 2 == 0.0
    assert float(sg.algebraic.logcdf(-1e300)) == exact("algebraic_logcdf", -1e300)
    assert float(sg.algebraic.logcdf(-1.7e308)) == exact("algebraic_logcdf", -1.7e308)


def test_algebraic_cdf_is_scipy_t2():
    import scipy.stats

    t2 = scipy.stats.t(2, scale=1 / np.sqrt(2))
    x = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(sg.algebraic.cdf(x), t2.cdf(x), rtol=1e-14)


# ------------------------------------------------------------ softsign

def test_softsign_inverse_near_one_is_exact():
    assert float(sg.softsign.inverse(1 - 2.0 ** -53)) == 2.0 ** 53 - 1
    assert float(sg.softsign.inverse(-(1 - 2.0 ** -53))) == -(2.0 ** 53 - 1)


def test_softsign_distribution_tails_and_stats():
    d = sg.softsign.distribution
    # scipy's default sf is 1 - cdf, which would be 0 here
    assert float(d.sf(1e300)) == 5e-301 == float(d.cdf(-1e300))
    # and the default isf, ppf(1 - q), would be ppf(1.0) = inf here
    assert float(d.isf(1e-20)) == -exact("softsign_ppf", 1e-20) == 5e19 - 1
    # density integrates to 1, and the entropy is 2 + log 2
    with mp.workdps(30):
        total = mp.quad(lambda t: reference.MPMATH["softsign_pdf"](t), [-mp.inf, 0, mp.inf])
        entropy = mp.quad(lambda t: -reference.MPMATH["softsign_pdf"](t) * mp.log(reference.MPMATH["softsign_pdf"](t)),
                          [-mp.inf, 0, mp.inf])
    assert float(total) == pytest.approx(1.0, rel=1e-15)
    assert float(d.entropy()) == pytest.approx(float(entropy), rel=1e-14)
    assert all(np.isnan(d.stats(moments="mvsk")))  # no mean: Cauchy-like tails
    sample = d.rvs(size=20001, random_state=np.random.default_rng(1))
    assert abs(np.median(sample)) < 0.05


# -------------------------------------------------------- hard_sigmoid

def test_hard_sigmoid_matches_pytorch_definition_and_kinks():
    # PyTorch: relu6(x + 3) / 6, gradient 1/6 strictly inside (-3, 3), else 0
    assert float(sg.hard_sigmoid(3.0)) == 1.0 and float(sg.hard_sigmoid(-3.0)) == 0.0
    assert float(sg.hard_sigmoid.derivative(3.0)) == 0.0
    assert float(sg.hard_sigmoid.derivative(-3.0)) == 0.0
    assert float(sg.hard_sigmoid.derivative(np.nextafter(3.0, 0))) == 1 / 6
    assert float(sg.hard_sigmoid.derivative(np.nextafter(-3.0, 0))) == 1 / 6


def test_hard_sigmoid_is_correctly_rounded_where_x_over_6_plus_half_is_not():
    rng = np.random.default_rng(3)
    x = rng.uniform(-3, 3, 20000)
    truth = reference.correctly_rounded(reference.evaluate("hard_sigmoid", x), np.float64)
    naive = x / 6 + 0.5
    assert (naive != truth).sum() > 100, "the naive formula must be wrong somewhere for this test to mean anything"
    np.testing.assert_array_equal(sg.hard_sigmoid(x), truth)


# ----------------------------------------------------------- hard_tanh

def test_hard_tanh_keeps_the_sign_of_zero_and_its_cdf_is_uniform():
    assert np.signbit(sg.hard_tanh(-0.0)) and np.signbit(sg.hard_tanh.inverse(-0.0))
    assert float(sg.hard_tanh.derivative(1.0)) == 0.0 and float(sg.hard_tanh.derivative(0.999)) == 1.0
    assert float(sg.hard_tanh.logcdf(1 - 2.0 ** -53)) == exact("hard_tanh_logcdf", 1 - 2.0 ** -53)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert float(sg.hard_tanh.logcdf(-2.0)) == -np.inf  # an exact value: no divide warning


# ---------------------------------------------------------------- PLAN

def test_plan_is_the_published_table_including_its_step_down():
    published = {0.0: 0.5, 1.0: 0.75, 2.0: 0.875, 2.375: 0.91796875, 4.0: 0.96875, 5.0: 1.0, 7.0: 1.0}
    for x, y in published.items():
        assert float(sg.plan(x)) == y and float(sg.plan(-x)) == 1 - y
    below = np.nextafter(2.375, 0)
    # 0.125 |x| + 0.625 -> 0.921875 from below, 0.03125 |x| + 0.84375 = 0.91796875 at 2.375
    assert float(sg.plan(below)) == float(mp.mpf(below) * mp.mpf("0.125") + mp.mpf("0.625"))
    assert float(sg.plan(below)) - float(sg.plan(2.375)) == pytest.approx(2.0 ** -8, abs=1e-15)
    # the derivative follows the segment the value uses
    assert float(sg.plan.derivative(2.375)) == 0.03125 and float(sg.plan.derivative(below)) == 0.125


def test_plan_inverse_on_the_overlap_takes_the_preimage_nearer_zero():
    y = np.linspace(0.91796875, 0.921875, 200, endpoint=False)
    x = sg.plan.inverse(y)
    assert ((x >= 2.34375) & (x < 2.375)).all()
    np.testing.assert_array_equal(sg.plan(x), y)
    np.testing.assert_array_equal(sg.plan.inverse(1 - y), -x)


def test_plan_distribution_samples_follow_the_documented_density():
    d = sg.plan.distribution
    # closed forms of the sampled density (slopes 1/4, 1/8, 1/32 on [0,1],
    # [1, 2.375], [2.5, 5], mirrored)
    pieces = ((Fraction(0), Fraction(1), Fraction(1, 4)), (Fraction(1), Fraction(19, 8), Fraction(1, 8)),
              (Fraction(5, 2), Fraction(5), Fraction(1, 32)))
    assert 2 * sum(c * (b - a) for a, b, c in pieces) == 1
    var = 2 * sum(c * (b ** 3 - a ** 3) / 3 for a, b, c in pieces)
    mean, variance, skew, _ = d.stats(moments="mvsk")
    assert float(mean) == 0.0 and float(skew) == 0.0 and float(variance) == float(var)
    sample = d.rvs(size=200000, random_state=np.random.default_rng(5))
    assert not ((np.abs(sample) > 2.375) & (np.abs(sample) < 2.5)).any()
    assert np.var(sample) == pytest.approx(float(var), rel=0.02)
    # PLAN's slope itself integrates to 1 + 2^-7: the published table is not a CDF
    assert 2 * (Fraction(1, 4) + Fraction(1, 8) * Fraction(11, 8) + Fraction(1, 32) * Fraction(21, 8)) == 1 + Fraction(1, 128)


def test_narrow_formats_do_not_flush():
    x = np.array([-8.0, -7.0, -6.0], dtype=np.float16)   # sigma(-16) = 1.1e-7 > 2^-24
    ours = sg.tanh.cdf(x)
    truth = reference.correctly_rounded(reference.evaluate("tanh_cdf", x), np.float16)
    np.testing.assert_array_equal(ours, truth)
    assert (ours > 0).all()
    assert float(sg.softsign.cdf(np.float16(-60000.0))) > 0
