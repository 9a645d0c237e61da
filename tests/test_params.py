"""Parametrised families, generated from ``info.params`` and ``info.domain``:
how parameters are passed, broadcast and validated, and what happens outside
the domain.  Values come from mpmath or from the definition, never from our
own output."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from conftest import PARAMETRISED, EntryCase, same_values

import sigmoids as sg
from sigmoids import reference

DTYPES = [np.float16, np.float32, np.float64]
OPS = sg.OPERATIONS

parametrised = pytest.mark.parametrize("entry", PARAMETRISED, ids=lambda e: e.info.name)


def _inputs(entry, op) -> np.ndarray:
    """A few inputs inside the domain of ``op``."""
    if op in ("inverse", "ppf"):
        a, b = entry.info.range if op == "inverse" else (0.0, 1.0)
        return np.array([a + (b - a) * t for t in (0.125, 0.5, 0.875)])
    lo, hi = entry.info.domain
    lo = max(lo, -4.0)
    hi = min(hi, 4.0)
    return np.linspace(lo, hi, 7)


def _defaults(entry) -> tuple:
    return tuple(p.default for p in entry.info.params)


@parametrised
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", OPS)
def test_invalid_parameter_is_nan_with_invalid_warning(entry, op, dtype):
    kernel = entry.operation(op)
    for i, p in enumerate(entry.info.params):
        for bad in p.invalid_examples():
            if p.is_valid(float(dtype(bad))):
                continue  # valid once rounded to dtype (1 + 2^-20 is 1 in float16)
            params = list(_defaults(entry))
            params[i] = bad
            x = _inputs(entry, op).astype(dtype)
            with np.errstate(invalid="raise", over="ignore", under="ignore", divide="ignore"):
                with pytest.raises(FloatingPointError):
                    kernel(x, *(dtype(v) for v in params))
            with np.errstate(all="ignore"):
                out = kernel(x, *(dtype(v) for v in params))
            assert np.isnan(out).all(), (p.name, bad, out)
            exact = reference.evaluate(entry.info.kernels[op], x[:1], params=tuple(params))
            assert all(v != v for v in exact), "the reference agrees: NaN for an invalid parameter"


@parametrised
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", OPS)
def test_nan_parameter_is_quiet_nan(entry, op, dtype):
    kernel = entry.operation(op)
    x = _inputs(entry, op).astype(dtype)
    for i in range(len(entry.info.params)):
        params = [dtype(v) for v in _defaults(entry)]
        params[i] = dtype(np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(all="warn"):
                out = kernel(x, *params)
        assert np.isnan(out).all()


@parametrised
@pytest.mark.parametrize("op", OPS)
def test_parameter_broadcasts_like_a_ufunc_input(entry, op):
    kernel = entry.operation(op)
    x = _inputs(entry, op)[:, None]                       # (n, 1)
    grid = np.array(entry.info.params[0].grid)            # (m,)
    rest = _defaults(entry)[1:]
    out = kernel(x, grid, *rest)
    assert out.shape == (x.shape[0], grid.size)
    for j, p in enumerate(grid):
        np.testing.assert_array_equal(out[:, j], kernel(x[:, 0], p, *rest))
    for i, xi in enumerate(x[:, 0]):
        np.testing.assert_array_equal(out[i], [kernel(xi, p, *rest) for p in grid])


@parametrised
def test_parameters_by_keyword_and_their_errors(entry):
    names = entry.info.param_names
    values = _defaults(entry)
    x = _inputs(entry, "value")
    expected = entry(x, *values)
    np.testing.assert_array_equal(entry(x, **dict(zip(names, values))), expected)
    for op in OPS:
        k = entry.operation(op)
        xo = _inputs(entry, op)
        np.testing.assert_array_equal(k(xo, **dict(zip(names, values))), k(xo, *values))
    with pytest.raises(TypeError, match=f"missing parameter '{names[0]}'"):
        entry(x)
    with pytest.raises(TypeError, match=f"missing parameter '{names[0]}'"):
        entry.cdf(x)
    with pytest.raises(TypeError, match="multiple values"):
        entry(x, *values, **{names[0]: values[0]})
    # out= still works with parameters passed by keyword
    out = np.empty_like(x)
    assert entry(x, out=out, **dict(zip(names, values))) is out
    np.testing.assert_array_equal(out, expected)


@parametrised
@pytest.mark.parametrize("dtype", DTYPES)
def test_result_dtype_follows_x_and_parameter(entry, dtype):
    x = _inputs(entry, "value").astype(dtype)
    values = _defaults(entry)
    # a Python float parameter takes x's dtype (NEP 50)
    assert entry(x, *values).dtype == dtype
    # an array parameter of the same dtype too; of a wider one, the wider
    assert entry(x, *(np.array(v, dtype=dtype) for v in values)).dtype == dtype
    assert entry(x, *(np.array([v], dtype=np.float64) for v in values)).dtype == np.float64


@parametrised
def test_distribution_is_a_function_of_the_parameters(entry):
    names = entry.info.param_names
    values = _defaults(entry)
    dist = entry.distribution(*values)
    assert entry.distribution(**dict(zip(names, values))) is dist
    x = _inputs(entry, "cdf")
    np.testing.assert_allclose(dist.cdf(x), entry.cdf(x, *values), rtol=1e-13)
    bad = entry.info.params[0].invalid_examples()[0]
    with pytest.raises(ValueError, match=names[0]):
        entry.distribution(bad, *values[1:])
    for p in entry.info.params:
        assert p.name in entry.info.distribution


@parametrised
def test_slope_metadata_is_a_formula_of_the_parameters(entry):
    slope = entry.info.slope_at_0
    assert slope is None or (callable(slope) and entry.info.slope_text)
    if slope is not None:
        for p in entry.info.params[0].grid:
            case = EntryCase(entry, (p,) + _defaults(entry)[1:])
            assert math.isfinite(case.slope_at_0)


@pytest.mark.parametrize("entry", [e for e in sg.catalog.values() if e.info.domain != (-math.inf, math.inf)],
                         ids=lambda e: e.info.name)
@pytest.mark.parametrize("dtype", DTYPES)
def test_outside_the_domain_is_nan_with_invalid_warning(entry, dtype):
    lo, hi = entry.info.domain
    outside = [v for v in (lo - 1.0, np.nextafter(lo, -np.inf, dtype=dtype), -np.inf) if np.isfinite(lo) and v < lo]
    outside += [v for v in (hi + 1.0, np.inf) if np.isfinite(hi) and v > hi]
    x = np.array(outside, dtype=dtype)
    x = x[x < lo] if np.isfinite(lo) else x
    values = [dtype(v) for v in _defaults(entry)]
    for op in ("value", "derivative", "cdf", "pdf", "logcdf", "logsf"):
        kernel = entry.operation(op)
        with np.errstate(invalid="raise"), pytest.raises(FloatingPointError):
            kernel(x, *values)
        with np.errstate(all="ignore"):
            out = kernel(x, *values)
        assert np.isnan(out).all(), (op, x, out)
        exact = reference.evaluate(entry.info.kernels[op], x, params=tuple(_defaults(entry)))
        assert all(v != v for v in exact), "the reference agrees: NaN outside the domain"
    # the edge itself is inside
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="warn", divide="ignore"):
            edge = entry(np.array([lo], dtype=dtype), *values)
    assert same_values(edge, reference.correctly_rounded(
        reference.evaluate(entry.info.kernels["value"], [lo], params=tuple(_defaults(entry))), dtype))
