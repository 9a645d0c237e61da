"""softmax, log_softmax and logsumexp: the logistic's many-class companions.

Truth comes from mpmath (each element rounded once to the dtype), from
scipy.special, and from the identity softmax([z, 0])[0] = sigma(z).
"""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
import scipy.special as sc
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sigmoids as sg
from sigmoids import reference

DTYPES = (np.float16, np.float32, np.float64)


def exact_row(row, kind):
    """mpmath values of softmax/log_softmax/logsumexp of a finite row."""
    with mp.workdps(80):
        xs = [mp.mpf(float(v)) for v in row]
        top = xs.index(max(xs))
        # log1p of the other terms, and (x - top) - L: log(1 + 1e-175) and
        # top + 1e-175 would round away at 80 digits
        log_sum = mp.log1p(mp.fsum(mp.exp(v - xs[top]) for i, v in enumerate(xs) if i != top))
        if kind == "logsumexp":
            return [xs[top] + log_sum]
        # (x - top) - L exactly enough: L may sit hundreds of digits below x - top
        digits = 80 + (int(-mp.log10(log_sum)) if log_sum != 0 else 0)
        with mp.workdps(digits):
            weights = [(v - xs[top]) - log_sum for v in xs]
        return weights if kind == "log_softmax" else [mp.exp(w) for w in weights]


def z_values(dtype):
    """A wide spread of z, every one exact in ``dtype``, both tails."""
    info = np.finfo(dtype)
    top = {np.float16: 11.0, np.float32: 104.0, np.float64: 745.0}[dtype]
    z = np.concatenate([np.linspace(-top, 40, 3000), -np.geomspace(float(info.tiny), top, 500),
                        np.geomspace(float(info.tiny), 40, 500), [0.0, -0.0]])
    return z.astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_two_class_softmax_is_the_logistic_to_the_last_bit(dtype):
    z = z_values(dtype)
    rows = np.stack([z, np.zeros_like(z)], axis=-1)
    ours = sg.softmax(rows)
    assert ours.dtype == dtype
    np.testing.assert_array_equal(ours[:, 0], sg.logistic(z))
    # and the other class is sigma(-z)
    np.testing.assert_array_equal(ours[:, 1], sg.logistic(-z))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_two_class_log_softmax_is_log_expit(dtype):
    z = z_values(dtype)[::7]
    ours = sg.log_softmax(np.stack([z, np.zeros_like(z)], axis=-1))[:, 0]
    exact = reference.correctly_rounded(reference.evaluate("logistic_logcdf", z.astype(np.float64)), dtype)
    np.testing.assert_array_equal(ours, exact)


@pytest.mark.parametrize("kind", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_correctly_rounded_against_mpmath(kind, dtype):
    rng = np.random.default_rng(7)
    spread = {np.float16: 8.0, np.float32: 60.0, np.float64: 600.0}[dtype]
    rows = [rng.normal(0, s, size=n) for s in (0.5, 3.0, spread) for n in (1, 2, 3, 7, 40)]
    rows += [np.array([1e-8, -1e-8, 0.0]), np.array([30.0, 30.0, 30.0, 29.0])]
    for row in rows:
        row = row.astype(dtype)
        ours = np.atleast_1d(getattr(sg, kind)(row))
        exact = reference.correctly_rounded(exact_row(row, kind), dtype)
        np.testing.assert_array_equal(ours, exact, err_msg=f"{kind} of {row!r}")


def test_agrees_with_scipy():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 20, size=(50, 9))
    for axis in (0, 1):
        np.testing.assert_allclose(sg.softmax(x, axis), sc.softmax(x, axis=axis), rtol=1e-14, atol=1e-300)
        # scipy's x - lse cancels near 0 (absolute error ~ eps |lse|): ours is
        # checked to the last bit against mpmath above
        np.testing.assert_allclose(sg.log_softmax(x, axis), sc.log_softmax(x, axis=axis), rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(sg.logsumexp(x, axis), sc.logsumexp(x, axis=axis), rtol=1e-15)


def test_stable_for_any_magnitude():
    np.testing.assert_array_equal(sg.log_softmax([1000.0, 1.0]), [0.0, -999.0])
    np.testing.assert_array_equal(sg.softmax([1e308, -1e308]), [1.0, 0.0])
    np.testing.assert_array_equal(sg.softmax(np.array([1e4, 1e4], dtype=np.float16)), [0.5, 0.5])
    assert float(sg.logsumexp([1e308, 1e308])) == 1e308  # log 2 is far below one ULP of 1e308
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        sg.softmax(np.array([-1e308, 0.0, 1e308]))
        sg.logsumexp(np.array([1e308, 1e308, 1.7e308]))


def test_axis_keepdims_and_none():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 4, 5))
    for axis in (0, 1, 2, -1, -3):
        ours = sg.softmax(x, axis)
        assert ours.shape == x.shape
        np.testing.assert_allclose(ours.sum(axis=axis), 1.0, rtol=1e-15 * x.shape[axis])
        np.testing.assert_allclose(sg.logsumexp(x, axis), sc.logsumexp(x, axis=axis), rtol=1e-15)
        assert sg.logsumexp(x, axis, keepdims=True).shape == sc.logsumexp(x, axis=axis, keepdims=True).shape
    np.testing.assert_allclose(sg.softmax(x, None), sc.softmax(x.ravel()), rtol=1e-14)
    assert sg.logsumexp(x, None).shape == ()
    with pytest.raises(np.exceptions.AxisError):
        sg.softmax(x, 3)
    with pytest.raises(ValueError, match="softmax"):
        sg.softmax(1.0)


def test_dtypes_and_integers():
    for dtype in DTYPES:
        assert sg.softmax(np.ones(3, dtype=dtype)).dtype == dtype
        assert sg.logsumexp(np.ones(3, dtype=dtype)).dtype == dtype
    out = sg.softmax([1, 2, 3])
    assert out.dtype == np.float64
    np.testing.assert_allclose(out, sc.softmax([1.0, 2.0, 3.0]), rtol=1e-15)


@pytest.mark.parametrize("function", [sg.softmax, sg.log_softmax, sg.logsumexp])
def test_wrong_types_name_the_function(function):
    with pytest.raises(TypeError, match=f"sigmoids.{function.__name__}"):
        function(["a", "b"])
    with pytest.raises(TypeError, match=f"sigmoids.{function.__name__}"):
        function(np.array([object(), object()]))


def test_special_rows():
    inf, nan = np.inf, np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(sg.softmax([1.0, nan, 2.0]), [nan, nan, nan])
        np.testing.assert_array_equal(sg.softmax([1.0, inf, 2.0]), [0.0, 1.0, 0.0])
        np.testing.assert_array_equal(sg.log_softmax([1.0, inf, 2.0]), [-inf, 0.0, -inf])
        np.testing.assert_array_equal(sg.softmax([-inf, 0.0, 0.0]), [0.0, 0.5, 0.5])
        np.testing.assert_array_equal(sg.log_softmax([-inf, 0.0]), [-inf, 0.0])
        assert sg.logsumexp([1.0, inf]) == inf
        assert np.isnan(sg.logsumexp([nan, 1.0]))
        assert sg.logsumexp([-inf, 0.0]) == 0.0
    # no limit: NaN with the invalid warning
    for row in ([inf, inf, 1.0], [-inf, -inf]):
        for function in (sg.softmax, sg.log_softmax):
            with np.errstate(invalid="warn"), pytest.warns(RuntimeWarning, match="invalid"):
                assert np.isnan(function(row)).all()
    # log of an empty sum: -inf with the divide warning, as np.log(0)
    for row in ([-inf, -inf], np.empty(0)):
        with np.errstate(divide="warn"), pytest.warns(RuntimeWarning, match="divide"):
            assert sg.logsumexp(row) == -inf


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_exact_and_normal_results_raise_no_flag(dtype):
    """A one-element row is exactly [1] and [0]; rows of close values give
    normal results: no warning at all, not even "underflow" (the tie test
    once halved the smallest subnormal for the zero weight of a one-element
    row)."""
    rows = [[0.0], [-3.5], [1000.0], [0.25, 0.0], [0.25] * 7 + [0.0], [-700.0, -701.0]]
    for row in rows:
        x = np.asarray(row, dtype=dtype)
        with np.errstate(all="raise"):
            soft, log_soft, lse = sg.softmax(x), sg.log_softmax(x), sg.logsumexp(x)
        assert np.isfinite(soft).all() and np.isfinite(log_soft).all() and np.isfinite(lse)
    with np.errstate(all="raise"):
        assert sg.softmax(np.array([0.0], dtype=dtype))[0] == 1.0
        assert sg.log_softmax(np.array([-3.5], dtype=dtype))[0] == 0.0


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(st.sampled_from([np.float16, np.float32, np.float64]),
                  hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
                  elements=st.floats(allow_nan=True, allow_infinity=True, width=16)))
def test_fuzz_never_garbage(x):
    with np.errstate(all="ignore"):
        soft = sg.softmax(x)
        log = sg.log_softmax(x)
        lse = sg.logsumexp(x)
    assert soft.shape == x.shape and soft.dtype == x.dtype and lse.shape == x.shape[:-1]
    finite_rows = np.isfinite(x).all(axis=-1)
    assert ((soft[finite_rows] >= 0) & (soft[finite_rows] <= 1)).all()
    assert (log[finite_rows] <= 0).all()
    sums = soft[finite_rows].astype(np.float64).sum(axis=-1)
    n = x.shape[-1]
    np.testing.assert_allclose(sums, 1.0, rtol=0, atol=n * float(np.finfo(x.dtype).eps))
    # log_softmax is log of softmax, where softmax is a normal number: exp
    # turns log's rounding (half an ULP of |log|) into a relative error
    eps = float(np.finfo(x.dtype).eps)
    with np.errstate(divide="ignore"):
        normal = finite_rows[..., None] & (soft >= np.finfo(x.dtype).tiny)
    l, s = log[normal].astype(np.float64), soft[normal].astype(np.float64)
    assert (np.abs(np.exp(l) - s) <= (np.abs(l) + 2) * eps * s).all()
