"""The branch-free log and log1p of the vector-math layer (_core/sg_log.h).

They are reached through the private ufuncs ``_vlog`` and ``_vlog1p``: the
float64 loop is the double kernel itself, the float32 loop rounds it once
with the rounding test like every other kernel.  References come from
mpmath at 120 bits; the special values and flags from NumPy's own log and
log1p.
"""
from __future__ import annotations

import pathlib
import subprocess
import sys
import warnings

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoids import _ufuncs, reference

ROOT = pathlib.Path(__file__).resolve().parents[1]
# sg_log.h's header states the measured maxima, 0.853 (log) and 0.866
# (log1p) ULP over 2.5M inputs each; the sweeps here are a subset.
MAX_ULP = 0.87


def _ulp_errors(ours, x, exact):
    with mp.workprec(120):
        return reference.ulp_error(ours, [exact(mp.mpf(float(xi))) for xi in x])


def _positive_sweep(rng, per_binade=3):
    """Random doubles in every binade from the subnormals to DBL_MAX."""
    exponents = np.repeat(np.arange(-1074, 1024), per_binade)
    mantissas = rng.uniform(1, 2, exponents.size)
    x = np.ldexp(mantissas, exponents)
    return x[np.isfinite(x) & (x > 0)]


def test_log_within_one_ulp_in_every_binade():
    rng = np.random.default_rng(11)
    x = np.concatenate([_positive_sweep(rng), rng.uniform(0.7, 1.42, 3000), [5e-324, 2.2250738585072014e-308,
                                                                                1.7976931348623157e308, 1.0]])
    errors = _ulp_errors(_ufuncs._vlog(x), x, mp.log)
    assert errors.max() <= MAX_ULP, (errors.max(), x[np.argmax(errors)])


def test_log1p_within_one_ulp_in_every_binade_and_near_minus_one():
    rng = np.random.default_rng(12)
    positive = _positive_sweep(rng)
    t = np.concatenate([positive, -positive[positive < 1], rng.uniform(-1, 2, 3000),
                        -1 + np.ldexp(1.0, -np.arange(1, 54))])
    errors = _ulp_errors(_ufuncs._vlog1p(t), t, mp.log1p)
    assert errors.max() <= MAX_ULP, (errors.max(), t[np.argmax(errors)])


def test_float32_loops_are_correctly_rounded():
    rng = np.random.default_rng(13)
    bits = rng.integers(1, 0x7F800000, 4000, dtype=np.uint32)
    x = bits.view(np.float32)
    t = np.concatenate([x, -x[x < 1]])
    with mp.workprec(120):
        expected_log = reference.correctly_rounded([mp.log(mp.mpf(float(v))) for v in x], np.float32)
        expected_log1p = reference.correctly_rounded([mp.log1p(mp.mpf(float(v))) for v in t], np.float32)
    np.testing.assert_array_equal(_ufuncs._vlog(x), expected_log)
    np.testing.assert_array_equal(_ufuncs._vlog1p(t), expected_log1p)


SPECIAL_LOG = [(0.0, -np.inf, "divide"), (-0.0, -np.inf, "divide"), (-1.0, np.nan, "invalid"),
               (-np.inf, np.nan, "invalid"), (np.inf, np.inf, None), (np.nan, np.nan, None),
               (1.0, 0.0, None), (5e-324, np.log(5e-324), None)]
SPECIAL_LOG1P = [(-1.0, -np.inf, "divide"), (-2.0, np.nan, "invalid"), (-np.inf, np.nan, "invalid"),
                 (np.inf, np.inf, None), (np.nan, np.nan, None), (0.0, 0.0, None), (-0.0, -0.0, None),
                 (5e-324, 5e-324, None), (-1e-300, -1e-300, None), (1e-17, 1e-17, None),
                 (1.7976931348623157e308, np.log1p(1.7976931348623157e308), None)]


@pytest.mark.parametrize("ufunc, cases", [(_ufuncs._vlog, SPECIAL_LOG), (_ufuncs._vlog1p, SPECIAL_LOG1P)],
                         ids=["log", "log1p"])
@pytest.mark.parametrize("length", [1, 8, 1100])
def test_special_values_raise_only_their_own_flags(ufunc, cases, length):
    """Each special value alone or among ordinary values in a long array (the
    vectorised lanes): the exact value, sign of zero included, and exactly
    the warning NumPy's log gives, or none."""
    for x, expected, flag in cases:
        data = np.full(length, 0.75)
        data[length // 2] = x
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with np.errstate(all="warn"):
                out = ufunc(data)
        got = [str(w.message).split(" encountered")[0] for w in caught]
        wanted = [] if flag is None else [{"divide": "divide by zero", "invalid": "invalid value"}[flag]]
        assert got == wanted, (ufunc.__name__, x, got)
        value = out[length // 2]
        if np.isnan(expected):
            assert np.isnan(value)
        else:
            assert value == expected and np.signbit(value) == np.signbit(expected), (ufunc.__name__, x, value)
        # the ordinary lanes: log(0.75) and log1p(0.75) against mpmath
        with mp.workprec(120):
            truth = (mp.log if ufunc is _ufuncs._vlog else mp.log1p)(mp.mpf(0.75))
        errors = reference.ulp_error(np.delete(out, length // 2), [truth] * (length - 1))
        assert np.all(errors <= MAX_ULP)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1.0, exclude_min=True, allow_infinity=False, allow_nan=False))
def test_log1p_agrees_with_numpy_and_stays_quiet(t):
    # 16 lanes, so that the vectorised loop runs, not only its remainder
    with np.errstate(all="raise"):
        ours = _ufuncs._vlog1p(np.full(16, t))[7]
    ref = np.log1p(t)
    # np.log1p (glibc) is within 1 ULP as well: two ULPs between the two.
    assert abs(ours - ref) <= 2 * np.spacing(abs(ref)) or ours == ref


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0.0, exclude_min=True, allow_infinity=False, allow_nan=False))
def test_log_agrees_with_numpy_and_stays_quiet(x):
    with np.errstate(all="raise"):
        ours = _ufuncs._vlog(np.full(16, x))[7]
    ref = np.log(x)
    assert abs(ours - ref) <= 2 * np.spacing(abs(ref)) or ours == ref


def test_generated_polynomial_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_log.py"), "--check"], capture_output=True)
    assert result.returncode == 0, "sg_log.h differs from tools/gen_log.py's output: run it with --write"


QUIET_AT_INFINITY = {"softplus": (np.inf, 0.0), "logistic_logcdf": (-0.0, -np.inf), "logistic_logsf": (-np.inf, -0.0),
                     "tanh_logcdf": (-0.0, -np.inf), "tanh_logsf": (-np.inf, -0.0),
                     "hard_sigmoid_logcdf": (0.0, -np.inf), "hard_sigmoid_logsf": (-np.inf, 0.0),
                     "hard_tanh_logcdf": (0.0, -np.inf), "hard_tanh_logsf": (-np.inf, 0.0),
                     "plan_logcdf": (0.0, -np.inf), "plan_logsf": (-np.inf, 0.0),
                     "softsign_logcdf": (-0.0, -np.inf), "softsign_logsf": (-np.inf, -0.0),
                     "algebraic_logcdf": (-0.0, -np.inf), "algebraic_logsf": (-np.inf, -0.0),
                     "gompertz_logsf": (-np.inf, -0.0), "cloglog_logcdf": (-0.0, -np.inf),
                     "normal_logcdf": (-0.0, -np.inf), "normal_logsf": (-np.inf, -0.0),
                     "erf_logcdf": (-0.0, -np.inf), "erf_logsf": (-np.inf, -0.0),
                     "gudermannian_logcdf": (-0.0, -np.inf), "gudermannian_logsf": (-np.inf, -0.0),
                     "arctan_logcdf": (-0.0, -np.inf), "arctan_logsf": (-np.inf, -0.0)}


@pytest.mark.parametrize("name", sorted(QUIET_AT_INFINITY))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("length", [1, 8, 1100])
def test_softplus_family_is_exact_and_quiet_at_the_infinities(name, dtype, length):
    """At +-inf the log-CDFs that moved to sg_log.h are exactly +-0 or -inf and
    raise no flag, alone or among ordinary values (the softplus family's
    e^-|x| used to be e^-760, an underflow; the piecewise-linear ones must
    not take the log of their zero)."""
    ufunc = getattr(_ufuncs, name)
    expected = QUIET_AT_INFINITY[name]
    for x, want in zip((np.inf, -np.inf), expected):
        data = np.full(length, 0.5, dtype=dtype)
        data[length // 2] = x
        with np.errstate(all="raise"):
            got = ufunc(data)[length // 2]
        assert got == want and np.signbit(got) == np.signbit(want), (name, x, got)


# Inputs whose results are normal numbers or exact special values, per
# kernel moved onto sg_log.h: none may raise underflow or overflow, in any
# lane (a discarded lane squaring a tiny argument, or e^x of a huge negative
# x, once did).  -nan is x86's default NaN, its sign bit set.  The
# FLOAT64_ONLY inputs give results below float32's range.
FLOAT64_ONLY = {-400.0, -700.0, 400.0, 700.0, 200.0, 350.0, -200.0, -350.0, 1e150, -1e150, -6.0, -5.8, 6.0, 5.8,
                20.0, -20.0, 14.0, -14.0, 600.0, -600.0, 1e280, -1e280}
NO_UNDERFLOW_INPUTS = {
    "softplus": [-np.nan, np.nan, -400.0, -700.0, 1e-200, -1e-300, 5e-324, 0.0, 1e308, -np.inf, np.inf],
    "logistic_logcdf": [-np.nan, 400.0, 700.0, 1e-200, 5e-324, -1e308, np.inf, -np.inf],
    "logistic_logsf": [-np.nan, -400.0, -700.0, 1e-200, 5e-324, 1e308, np.inf, -np.inf],
    "tanh_logcdf": [-np.nan, 200.0, 350.0, 1e-200, 5e-324, np.inf, -np.inf],
    "tanh_logsf": [-np.nan, -200.0, -350.0, 1e-200, 5e-324, np.inf, -np.inf],
    "logistic_inverse": [-np.nan, 5e-324, 1e-300, 1e-200, 0.0, -0.0, 1.0, -1e-200, 1.5, 0.5, 1 - 2**-53],
    "tanh_ppf": [-np.nan, 5e-324, 1e-300, 0.0, 1.0, -1e-200, 0.5],
    "tanh_inverse": [-np.nan, 5e-324, -5e-324, 1e-300, 1e-200, 0.0, -0.0, 1.0, -1.0, 2.0, 1 - 2**-53],
    "gompertz_inverse": [-np.nan, 5e-324, 1e-300, 1e-200, 0.0, -0.0, 1.0, -1e-200, 2.0, 1 - 2**-53],
    "cloglog_inverse": [-np.nan, 5e-324, 1e-300, 1e-200, 0.0, -0.0, 1.0, -1e-200, 2.0, 1 - 2**-53],
    "hard_sigmoid_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -3.0, 3.0, -1e308, 1e308, np.nextafter(-3.0, 0)],
    "hard_tanh_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -1.0, 1.0, -1e308, 1e308, np.nextafter(-1.0, 0)],
    "plan_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -5.0, 5.0, -1e308, 1e308, np.nextafter(-5.0, 0)],
    # the far tails: -1e308 takes log a scaled by 2^-200, 1e300 gives -0.5/a
    "softsign_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, 2.0**100, -2.0**100, 1e30, -1e30, -1e308, 1e300, -np.inf, np.inf],
    "softsign_logsf": [-np.nan, 5e-324, -5e-324, 2.0**100, -2.0**100, 1e308, -1e300, -np.inf, np.inf],
    "algebraic_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, 2.0**40, -2.0**40, 1e15, -1e30, -1e308, 1e150, -np.inf, np.inf],
    "algebraic_logsf": [-np.nan, 5e-324, -5e-324, 2.0**40, -2.0**40, 1e308, -1e15, -1e150, -np.inf, np.inf],
    # -6: G = e^-403 is normal; beyond 745, e^-x would underflow but the result is -x
    "gompertz_logsf": [-np.nan, 5e-324, -5e-324, 1e-300, 16.0, np.nextafter(16.0, 17), -1.0, np.nextafter(-1.0, -2),
                       -6.0, 700.0, 750.0, 1e30, 1e308, -np.inf, np.inf],
    "cloglog_logcdf": [-np.nan, 5e-324, -5e-324, -16.0, 1.0, 6.0, -750.0, -1e308, -np.inf, np.inf],
    # e^-t for t in [290, 670] (x in [-6.5, -5.7]) is normal, but sg_exp_of_dd's
    # discarded 2^-600 scaling underflowed in vectorised loops
    "gompertz": [-6.0, -5.8, -np.nan],
    "gompertz_derivative": [-6.0, -5.8, -np.nan],
    "cloglog": [6.0, 5.8, -np.nan],
    "cloglog_derivative": [6.0, 5.8, -np.nan],
    # the left side to -s where s = x^2/2 (or x^2) is finite, -inf beyond;
    # on the right, e^(-s) only where it is used
    "normal_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -0.7, 0.7, -11.0, 12.0, 20.0, -30.0, -1e150, -1e300, -np.inf, np.inf],
    "normal_logsf": [-np.nan, 5e-324, -5e-324, 0.7, -0.7, 11.0, -12.0, -20.0, 30.0, 1e150, 1e300, -np.inf, np.inf],
    "erf_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -0.5, 0.5, -8.0, 9.0, 14.0, -30.0, -1e150, -1e300, -np.inf, np.inf],
    "erf_logsf": [-np.nan, 5e-324, -5e-324, 0.5, -0.5, 8.0, -9.0, -14.0, 30.0, 1e150, 1e300, -np.inf, np.inf],
    "gudermannian_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, -40.0, -41.0, 56.0, 57.0, 600.0, -700.0, -1e308,
                            -np.inf, np.inf],
    "gudermannian_logsf": [-np.nan, 5e-324, -5e-324, 40.0, 41.0, -56.0, -57.0, -600.0, 700.0, 1e308, -np.inf, np.inf],
    # 1e280: -S = -1/(pi x), normal, where S's dd tail would underflow
    "arctan_logcdf": [-np.nan, 5e-324, -5e-324, 1e-300, 1.0, -1.0, 2.0**60, -2.0**60, 2.0**80, -1e30, 1e30, 1e280,
                      -1e308, -np.inf, np.inf],
    "arctan_logsf": [-np.nan, 5e-324, -5e-324, -1.0, 2.0**60, -2.0**80, -1e30, 1e30, -1e280, 1e308, -np.inf, np.inf],
}


@pytest.mark.parametrize("name", sorted(NO_UNDERFLOW_INPUTS))
@pytest.mark.parametrize("length", [1, 8, 1100])
def test_log_kernels_raise_no_underflow_or_overflow_for_normal_results(name, length):
    ufunc = getattr(_ufuncs, name)
    for x in NO_UNDERFLOW_INPUTS[name]:
        for dtype in (np.float64,) if x in FLOAT64_ONLY else (np.float64, np.float32):
            data = np.full(length, 0.25, dtype=dtype)
            with np.errstate(over="ignore", under="ignore"):   # the cast of 1e308 or 5e-324 itself
                data[length // 2] = x
            with np.errstate(under="raise", over="raise", divide="ignore", invalid="ignore"):
                ufunc(data)
