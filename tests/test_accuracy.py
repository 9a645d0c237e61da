"""Accuracy against mpmath, generated from the catalog.

float16: every one of the 65536 inputs, against the correctly rounded value.
float32: over 2M inputs per kernel spread over all bit patterns (the exhaustive
         2^32 sweep is tools/audit_float32.py), plus the branch points.
float64: every binade of the domain, both signs, both tails; the error must
         not exceed what catalog.KERNEL_ACCURACY records.

Two-input kernels run each of these at every value of their parameter grid.
Their float16 expectation comes from the filtered reference (the FLOAT64
formula where it is certain, mpmath for the rest, as for float32): 65536
mpmath evaluations per grid value and kernel would cost minutes.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
from conftest import (KERNELS, all_float16, float64_sweep, float_bits_sweep, kernel_params,
                      same_values)

from sigmoids import reference
from sigmoids.catalog import KERNEL_ACCURACY


def _describe_failures(x, ours, expected, limit=5) -> str:
    bad = np.flatnonzero(~same_values(ours, expected))[:limit]
    return "; ".join(f"x={x[i]!r}: ours {ours[i]!r}, exact {expected[i]!r}" for i in bad)


@kernel_params()
def test_float16_exhaustive(case):
    x = all_float16()
    ours = case.ufunc(x)
    assert ours.dtype == np.float16
    if case.params:
        expected, _ = case.expected_narrow(x, np.float16)
    else:
        expected = reference.correctly_rounded(reference.evaluate(case.ufunc_name, x), np.float16)
    ok = same_values(ours, expected)
    assert ok.all(), f"{(~ok).sum()} misrounded: {_describe_failures(x, ours, expected)}"


@kernel_params()
def test_float32_dense(case):
    # Evenly spread bit patterns, random ones, and every positive subnormal
    # (where the audit once found misrounded hard cases of the inverse).
    # A two-input kernel runs this at each grid value: every 16th subnormal
    # there (the audit tool's --param-grid sweeps densely).
    subnormals = np.arange(1, 1 << 23, 16 if case.params else 1, dtype=np.uint32).view(np.float32)
    x = np.concatenate([float_bits_sweep(np.float32, 1 << 20, case.domain), subnormals, -subnormals])
    if case.domain is not None:
        x = x[(x >= case.domain[0]) & (x <= case.domain[1])]
    assert x.size >= 1_000_000
    ours = case.ufunc(x)
    assert ours.dtype == np.float32
    expected, _ = case.expected_narrow(x, np.float32)
    ok = same_values(ours, expected)
    assert ok.all(), f"{(~ok).sum()} misrounded: {_describe_failures(x, ours, expected)}"


@kernel_params()
def test_float64_within_recorded_ulp(case):
    x = float64_sweep(case.domain)
    ours = case.ufunc(x)
    errors = reference.ulp_error(ours, case.evaluate(x))
    worst = int(np.argmax(errors))
    recorded = KERNEL_ACCURACY[case.ufunc_name]["float64"][0]
    assert recorded <= 1.0, "the float64 contract is 1 ULP"
    assert errors[worst] <= recorded, f"{errors[worst]:.3f} ULP at x={x[worst]!r} (recorded {recorded})"


@kernel_params()
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_both_sides_of_branch_points(case, dtype):
    points = case.branch_points()
    assert points, f"{case.ufunc_name} lists no branch points"
    finfo = np.finfo(dtype)
    xs = []
    for p in points:
        centre = np.asarray(p, dtype=dtype)
        if not np.isfinite(centre):
            continue
        xs += [np.nextafter(centre, -finfo.max), centre, np.nextafter(centre, finfo.max)]
    x = np.array(xs, dtype=dtype)
    ours = case.ufunc(x)
    exact = case.evaluate(x)
    if dtype == np.float64:
        errors = reference.ulp_error(ours, exact)
        assert errors.max() <= KERNEL_ACCURACY[case.ufunc_name]["float64"][0], list(zip(x, errors))
    else:
        expected = reference.correctly_rounded(exact, dtype)
        assert same_values(ours, expected).all(), _describe_failures(x, ours, expected)


def test_float32_hard_rounding_cases():
    """Tiny x where 0.5 + x/4 is a float32 midpoint: float64 evaluation lands
    exactly on the midpoint and only the -x^3/48 term decides the rounding."""
    candidates = [sign * m * 2.0**-e for e in range(21, 32) for m in range(1, 256, 2) for sign in (1, -1)]
    x = np.array(candidates, dtype=np.float32)
    exact = reference.correctly_rounded(reference.evaluate("logistic", x), np.float32)
    import scipy.special as sc

    naive = sc.expit(x.astype(np.float64)).astype(np.float32)
    naive_wrong = ~same_values(naive, exact)
    assert naive_wrong.sum() >= 10, "the hard cases must be real: round-once must fail on some"
    ours = sg_logistic = __import__("sigmoids").logistic(x)
    assert same_values(sg_logistic, exact).all(), _describe_failures(x, ours, exact)


@kernel_params()
def test_reference_filter_is_accurate(case):
    """The fast float64 filter used by the float32 checks must itself be
    within 2^-44 of the truth, or those checks would prove nothing."""
    rng = np.random.default_rng(7)
    if case.domain is None:
        x = np.concatenate([rng.uniform(-100, 100, 300), np.ldexp(rng.uniform(-1, 1, 300), rng.integers(-140, 8, 300))])
    elif np.isinf(case.domain[1]):
        a = case.domain[0]
        x = a + np.ldexp(rng.uniform(0.5, 1, 600), rng.integers(-149, 128, 600))
    else:
        a, b = case.domain
        x = np.concatenate([rng.uniform(a, b, 300), a + np.ldexp(rng.uniform(0, 1, 150), rng.integers(-149, -1, 150)),
                            b - np.ldexp(rng.uniform(0, 1, 150), rng.integers(-24, -1, 150))])
    x = x.astype(np.float32).astype(np.float64)
    fast = np.asarray(case.float64_reference(x))
    exact = case.evaluate(x)
    # The filter must be relatively accurate wherever a float32 or float16
    # result can be non-zero.  Far below float32's smallest subnormal (2^-149;
    # here 2^-160, and erfc(80)/2 = 1e-2781) every narrow result is 0, the
    # filter's verdict is 0 whatever its relative error, and no float64
    # formula keeps relative accuracy near its own underflow anyway.
    tiny, huge = mp.mpf(2.0**-160), mp.mpf(np.finfo(np.float64).max)
    for xi, f, e in zip(x, fast, exact):
        if e == 0 or not mp.isfinite(e) or not (tiny <= abs(e) <= huge):
            continue
        assert abs((mp.mpf(f) - e) / e) < 2.0**-44, (xi, f, e)
