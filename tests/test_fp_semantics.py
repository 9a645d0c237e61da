"""Floating-point semantics follow NumPy: warnings from hardware flags,
special values, signed zeros, no spurious overflow."""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
from conftest import ENTRY_CASES, KERNELS, SCIPY_CASES, entry_case_params, kernel_params, same_values, spread

import sigmoids as sg
from sigmoids import reference

DTYPES = [np.float16, np.float32, np.float64]


@kernel_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_special_values_against_mpmath(case, dtype):
    f = np.finfo(dtype)
    tiny = f.smallest_subnormal
    x = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, tiny, -tiny, f.smallest_normal, f.max, -f.max,
                  1.0, -1.0, 0.5, 2 * tiny], dtype=dtype)
    ours = case.ufunc(x)
    expected = reference.correctly_rounded(case.evaluate(x), dtype)
    assert same_values(ours, expected).all(), list(zip(x, ours, expected))


@kernel_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_nan_is_quiet(case, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="warn"):
            assert np.isnan(case.ufunc(np.array([np.nan], dtype=dtype)))[0]


@kernel_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_finite_results_never_warn_overflow(case, dtype):
    f = np.finfo(dtype)
    if case.domain is None:
        x = np.concatenate([np.geomspace(f.tiny, f.max, 2000), -np.geomspace(f.tiny, f.max, 2000)]).astype(dtype)
    else:
        a, b = case.domain
        x = spread(a, b, 4001, dtype)[1:-1]
    if case.params:
        # A parameter can carry a finite x to a result that overflows (alpha x
        # beyond the largest float): the flag is right there.  Every result
        # that is finite must still come without one.
        with np.errstate(all="ignore"):
            x = x[np.isfinite(case.ufunc(x))]
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = case.ufunc(x)
    assert np.isfinite(out).all() or case.domain is None


@pytest.mark.parametrize("dtype", DTYPES)
def test_logit_domain_errors_warn_like_numpy(dtype):
    with np.errstate(all="warn"):
        _check_logit_domain_errors(dtype)


def _check_logit_domain_errors(dtype):
    for bad in (1.5, -0.1, np.inf, -np.inf):
        with pytest.warns(RuntimeWarning, match="invalid value"):
            assert np.isnan(sg.logit(np.array([bad], dtype=dtype)))[0]
    with np.errstate(invalid="raise"), pytest.raises(FloatingPointError):
        sg.logit(np.array([1.5], dtype=dtype))
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        sg.logit(np.array([1.5], dtype=dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_logit_poles_raise_divide_by_zero_like_log(dtype):
    with np.errstate(all="warn"), pytest.warns(RuntimeWarning, match="divide by zero"):
        out = sg.logit(np.array([0.0, 1.0], dtype=dtype))
    assert out[0] == -np.inf and out[1] == np.inf


@entry_case_params()
def test_limits_at_infinity(entry):
    """The asymptotes at the ends of the domain (hill's starts at x = 0,
    where the density is whatever the formula gives: checked there against
    mpmath)."""
    a, b = entry.info.range
    lo, hi = entry.info.domain
    assert float(entry(hi)) == b and float(entry(lo)) == a
    assert float(entry.cdf(hi)) == 1.0 and float(entry.cdf(lo)) == 0.0
    assert float(entry.logcdf(hi)) == 0.0 and float(entry.logcdf(lo)) == -np.inf
    assert float(entry.logsf(lo)) == 0.0 and float(entry.logsf(hi)) == -np.inf
    for end in (lo, hi):
        if np.isinf(end):
            assert float(entry.pdf(end)) == 0.0
        else:
            exact = reference.correctly_rounded([entry.mpmath("pdf")(mp.mpf(end))], np.float64)[0]
            assert same_values(entry.pdf(end), exact)


@entry_case_params()
def test_symmetry_from_metadata(entry):
    x = np.concatenate([np.linspace(-30, 30, 2001), np.geomspace(1e-300, 1e-3, 50)])
    a, b = entry.info.range
    if entry.info.odd:
        np.testing.assert_array_equal(entry(-x), -entry(x))
        assert np.signbit(entry(-0.0)) and not np.signbit(entry(0.0))
    if entry.info.symmetric:
        # s(-x) = a + b - s(x), up to one rounding on each side.
        np.testing.assert_allclose(entry(-x), (a + b) - entry(x), rtol=0, atol=2 * np.spacing(max(abs(a), abs(b))))
        np.testing.assert_array_equal(entry.pdf(-x), entry.pdf(x))
        np.testing.assert_array_equal(entry.logsf(-x), entry.logcdf(x))


@pytest.mark.parametrize("entry", [e for e in ENTRY_CASES if e.info.slope_at_0 is not None], ids=str)
def test_slope_at_zero_matches_metadata(entry):
    slope = entry.slope_at_0
    if entry.params:
        # A formula in the parameter: evaluated exactly (on mpmath numbers),
        # the derivative kernel must be as close to it as it is to mpmath.
        error = reference.ulp_error(entry.derivative(0.0), [entry.exact_slope_at_0()])[0]
        assert error <= entry.info.max_ulp["derivative"]["float64"]
    else:
        assert float(entry.derivative(0.0)) == slope
    with mp.workdps(40):
        numeric = mp.diff(entry.mpmath("value"), 0)
    assert float(numeric) == pytest.approx(slope, rel=1e-15)


@entry_case_params()
def test_derivative_against_mpmath_derivative(entry):
    x = entry.domain_points(np.concatenate([np.linspace(-40, 40, 161), [1e-300, -1e-12, 700.0, -700.0]]),
                            interior=True)
    x = x[~np.isin(x, entry.info.kinks)]  # no derivative there to compare with
    ours = entry.derivative(x)
    value = entry.mpmath("value")
    with mp.workdps(400):  # sigma(700) = 1 - 1e-304: differences need the digits
        numeric = [mp.diff(value, mp.mpf(float(t))) for t in x]
    errors = reference.ulp_error(ours, numeric)
    assert errors.max() <= entry.info.max_ulp["derivative"]["float64"], errors.max()


@entry_case_params()
def test_inverse_round_trip(entry):
    a, b = entry.info.range
    x = np.concatenate([np.linspace(-30, 30, 3001), np.geomspace(1e-300, 1, 200), -np.geomspace(1e-300, 1, 200)])
    x = entry.domain_points(x)
    y = entry(x)
    inside = (y > a) & (y < b)
    _assert_recovers(entry, entry.inverse, y[inside])
    # inverse(s(x)) recovers x to within the conditioning: y carries half an
    # ULP of rounding, which moves x by spacing(y) / s'(x).
    xs, ys = x[inside], y[inside]
    bound = 2 * np.spacing(np.abs(ys)) / entry.derivative(xs) + 2 * np.spacing(np.abs(xs))
    assert (np.abs(entry.inverse(ys) - xs) <= bound).all()
    p = np.concatenate([np.linspace(0, 1, 1001)[1:-1], np.geomspace(1e-300, 0.5, 300)])
    _assert_recovers(entry, entry.ppf, p, forward=entry.cdf, slope=entry.pdf)


def _assert_recovers(entry, inverse, y, forward=None, slope=None):
    """forward(inverse(y)) == y up to the rounding of inverse(y), which the
    forward function magnifies by its slope there, plus its own rounding."""
    forward = forward or entry
    slope = slope or entry.derivative
    x = inverse(y)
    bound = np.spacing(np.abs(y)) + slope(x) * np.spacing(np.abs(x))
    assert (np.abs(forward(x) - y) <= bound).all()


@pytest.mark.parametrize("entry", SCIPY_CASES, ids=str)
def test_cdf_form_against_scipy_stats(entry):
    dist = entry.distribution
    x = entry.domain_points(np.linspace(-30, 30, 1201))
    np.testing.assert_allclose(entry.cdf(x), dist.cdf(x), rtol=1e-13, atol=0)
    np.testing.assert_allclose(entry.pdf(x), dist.pdf(x), rtol=1e-13, atol=0)
    np.testing.assert_allclose(entry.logcdf(x), dist.logcdf(x), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(entry.logsf(x), dist.logsf(x), rtol=1e-13, atol=1e-300)
    p = np.linspace(0, 1, 1001)[1:-1]
    np.testing.assert_allclose(entry.ppf(p), dist.ppf(p), rtol=1e-13, atol=1e-15)
    a, b = entry.info.range
    np.testing.assert_array_max_ulp(entry.cdf(x), (entry(x) - a) / (b - a), maxulp=2)

