"""The float32 fast loops (``_core/sg_vec.h``, ``SG_FAST_F32_TABLE``).

Every SIMD variant this CPU can run is checked against the truth (the
independent float64 formula plus mpmath near rounding boundaries), bit for
bit against the certified narrow-block loop, on every memory layout, and
for the FP flags it leaves.  ``tools/audit_float32.py`` certifies the
variant in use on all 2^32 inputs (docs/accuracy.md); this samples what it
proves, and covers the variants the audit machine did not run.
"""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import sigmoids as sg
from sigmoids import reference

U = sg._ufuncs
FAST = U.FAST_KERNELS.split()
VARIANTS = U.fast_variants()
TOOLS = pathlib.Path(__file__).resolve().parents[1] / "tools"

# Where each fast kernel changes what it does (its header's LANES IT LEAVES
# and clamps): both sides of each are sampled.
EDGES = {
    "logistic": [87.0, -87.0, 40.0, -40.0, 17.33, -87.33, 88.72, -103.97],
    "tanh": [9.5, -9.5, 9.01, 2.0 ** -125, -(2.0 ** -125), 2.0 ** -126, 0.35, 0.17],
    "logistic_derivative": [87.0, -87.0, 87.34, 0.0, 1e-30, 30.0],
    "logistic_inverse": [0.25, 0.75, 0.5, 1.0, 0.0, 2.0 ** -149, 2.0 ** -126, 0.99999994, -0.0, 2.0],
    "tanh_pdf": [43.5, -43.5, 43.67, 0.0, 1e-30, 15.0],
    "tanh_derivative": [43.5, -43.5, 43.67, 0.0, 1e-30, 15.0],
    "tanh_ppf": [0.25, 0.75, 0.5, 1.0, 0.0, 2.0 ** -149, 2.0 ** -126, 0.99999994, -0.0, 2.0],
    "tanh_inverse": [0.5, -0.5, 1.0, -1.0, 0.99999994, 2.0 ** -125, -(2.0 ** -125), 2.0 ** -126, 1.5],
    "tanh_cdf": [43.5, -43.5, 20.0, -20.0, 8.66, -43.67],
    "softplus": [-87.0, -87.34, 100.0, -100.0, 0.0, 16.6, 3e38],
    "logistic_logcdf": [87.0, 87.34, 100.0, -100.0, 0.0, -16.6, -3e38],
    "logistic_logsf": [-87.0, -87.34, 100.0, -100.0, 0.0, 16.6, 3e38],
    "tanh_logcdf": [43.5, 43.67, 50.0, -50.0, 0.0, -8.3, -3e38],
    "tanh_logsf": [-43.5, -43.67, 50.0, -50.0, 0.0, 8.3, 3e38],
    "arctan": [1.0, -1.0, 0.19891237, 0.66817864, 1 / 0.19891237, 1 / 0.66817864, 2.0 ** 25, 2.0 ** 30,
               2.0 ** -125, -(2.0 ** -125)],
    "erf": [0.75, -0.75, 1.5, -1.5, 2.5, -2.5, 3.9192, 4.0, -4.0, 2.0 ** -125, -(2.0 ** -125)],
    "arctan_derivative": [2.0 ** 62, -(2.0 ** 62), 2.0 ** 63, 0.0, 1.0],
    "arctan_pdf": [2.0 ** 62, -(2.0 ** 62), 2.0 ** 62.2, 0.0, 1.0],
    "arctan_cdf": [-(2.0 ** 124), -(2.0 ** 125), 2.0 ** 25, 2.0 ** 126, -1.0, 1.0, 0.0],
    "gudermannian": [20.0, -20.0, 17.5, 2.0 ** -125, -(2.0 ** -125), 0.35, 1.0],
    "algebraic": [2.0 ** 60, 2.0 ** 12.5, 2.0 ** -125, -(2.0 ** -125), 1.0],
    "algebraic_derivative": [2.0 ** 41, -(2.0 ** 41), 2.0 ** 42, 0.0, 1.0],
    "algebraic_pdf": [2.0 ** 41, -(2.0 ** 41), 2.0 ** 42, 0.0, 1.0],
    "gompertz": [-4.5, -4.45, -4.4697, -4.469769, -4.65, -4.7, 17.3, 40.0, 0.0],
    "cloglog": [-87.0, -87.34, 2.85, 4.0, 0.0],
    "softsign": [2.0 ** 25, -(2.0 ** 25), 2.0 ** 60, 2.0 ** -125, -(2.0 ** -125), 1.0],
    # the log-CDFs through sg_vlog_cdf: the log / log1p switch (F = 3/4), the
    # ends of the support, the right tail's subnormal results; the log-SFs
    # are the same kernels at -x, so both signs are sampled
    "hard_sigmoid_logcdf": [-3.0, 3.0, 1.5, -1.5, 0.0, 2.9999998],
    "hard_sigmoid_logsf": [-3.0, 3.0, 1.5, -1.5, 0.0, -2.9999998],
    "hard_tanh_logcdf": [-1.0, 1.0, 0.5, -0.5, 0.0],
    "hard_tanh_logsf": [-1.0, 1.0, 0.5, -0.5, 0.0],
    "arctan_inverse": [0.7853982, -0.7853982, 1.5707963, -1.5707963, 1.5707964, 1e-38, 2.0 ** -125, 2.0 ** -12],
    "arctan_ppf": [0.0, 1.0, 0.25, 0.75, 0.5, 2.0 ** -126, 1e-40, 1 - 2.0 ** -24, 2.0 ** -24],
    "gudermannian_inverse": [1.0, -1.0, 1.5707963, -1.5707963, 1.5707964, 1e-38, 2.0 ** -125, 2.0 ** -12, 0.5],
    "gudermannian_ppf": [0.0, 1.0, 0.25, 0.75, 0.5, 2.0 ** -126, 1e-40, 1 - 2.0 ** -24, 2.0 ** -24],
    "erf_inverse": [0.7, -0.7, 0.9908, 0.99999994, -0.99999994, 1.0, 0.5, 2.0 ** -125, 1e-30],
    "gompertz_inverse": [0.19, 0.55, 0.36787944, 0.0, 1.0, 2.0 ** -149, 2.0 ** -126, 0.99999994, 0.5, 2.0],
    "cloglog_inverse": [0.45, 0.81, 0.63212056, 0.0, 1.0, 2.0 ** -149, 2.0 ** -126, 0.99999994, 0.5, 2.0 ** -54],
    "gompertz_derivative": [-4.7, 105.0, -4.45, -4.5, -4.5202306, 87.2, 87.336544, 88.0, 0.0, 40.0, -40.0, 1e-30],
    "cloglog_derivative": [4.7, -105.0, 4.45, 4.5, 4.5202306, -87.2, -87.336544, -88.0, 0.0, 40.0, -40.0, 1e-30],
    "gompertz_logsf": [-4.65, -4.45, -4.47, 40.0, 39.99, 1.4, -0.33647224, -0.33, 0.0, 100.0, 3e38],
    "cloglog_logcdf": [4.65, 4.45, 4.47, -40.0, -39.99, -1.4, 0.33647224, 0.33, 0.0, -100.0, -3e38],
    "erf_ppf": [0.0, 1.0, 0.15, 0.85, 0.5, 2.0 ** -126, 1e-40, 1 - 2.0 ** -24, 2.0 ** -24, 0.0046],
    "normal_inverse": [0.0, 1.0, 0.15, 0.85, 0.5, 2.0 ** -126, 1e-40, 1 - 2.0 ** -24, 2.0 ** -24, 0.0046],
    "plan_logcdf": [-5.0, 5.0, 1.0, -1.0, 2.375, -2.375, 0.0, 4.9999995],
    "plan_logsf": [-5.0, 5.0, 1.0, -1.0, 2.375, -2.375, 0.0, -4.9999995],
    "softsign_logcdf": [1.0, -1.0, 0.0, 2.0 ** 125, 2.0 ** 126, -3e38, 3e38],
    "softsign_logsf": [1.0, -1.0, 0.0, -(2.0 ** 125), -(2.0 ** 126), -3e38, 3e38],
    "algebraic_logcdf": [3 ** -0.5, -(3 ** -0.5), 0.0, 2.0 ** 62.5, 2.0 ** 63, -3e38, 3e38],
    "normal_logcdf": [-12.94, -12.95, 12.9, 13.0, 13.1, 0.0, 0.6745, -0.6745, 1.06, -1.06, -3e38, 3e38],
    "normal_logsf": [12.94, 12.95, -12.9, -13.0, -13.1, 0.0, 0.6745, -0.6745, 1.06, -1.06, -3e38, 3e38],
    "erf_logcdf": [-9.15, -9.16, 9.1, 9.25, 9.3, 0.0, 0.4769, -0.4769, 0.75, -0.75, -3e38, 3e38],
    "erf_logsf": [9.15, 9.16, -9.1, -9.25, -9.3, 0.0, 0.4769, -0.4769, 0.75, -0.75, -3e38, 3e38],
    "arctan_logcdf": [1.0, -1.0, 0.0, 2.0 ** 125.6, 2.0 ** 126, -3e38, 3e38],
    "arctan_logsf": [1.0, -1.0, 0.0, -(2.0 ** 125.6), -(2.0 ** 126), -3e38, 3e38],
    "gudermannian_logcdf": [86.5, -86.5, 86.6, -86.6, 0.0, 0.8814, -0.8814],
    "gudermannian_logsf": [86.5, -86.5, 86.6, -86.6, 0.0, 0.8814, -0.8814],
    "gompertz_logcdf": [-88.72, -88.73, 87.33, 87.34, 100.0, -100.0, 0.0],
    "cloglog_logsf": [88.72, 88.73, -87.33, -87.34, 100.0, -100.0, 0.0],
    "algebraic_logsf": [3 ** -0.5, -(3 ** -0.5), 0.0, -(2.0 ** 62.5), -(2.0 ** 63), -3e38, 3e38],
}


def same_values(a, b) -> np.ndarray:
    """Bit for bit (the sign of zero counts); any NaN equals any NaN."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype
    as_int = np.int32 if a.dtype == np.float32 else np.int64
    return (a.view(as_int) == b.view(as_int)) | (np.isnan(a) & np.isnan(b))


@pytest.fixture(params=VARIANTS)
def variant(request):
    previous = U._set_fast_variant(request.param)
    yield request.param
    U._set_fast_variant(previous)


def _neighbours(points, count=64, dtype=np.float32) -> np.ndarray:
    """Values of ``dtype`` within ``count`` steps of each point."""
    as_int = np.int32 if dtype == np.float32 else np.int64
    out = [np.array([], dtype=dtype)]
    for p in points:
        bits = int(np.array(dtype(p)).view(as_int))
        out.append((bits + np.arange(-count, count + 1, dtype=np.int64)).astype(as_int).view(dtype))
    return np.concatenate(out)


def _inputs(name: str, seed: int = 0, random_bits: int = 1 << 16) -> np.ndarray:
    rng = np.random.default_rng(seed)
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 1e-45, -1e-45,
                         1.1754944e-38, -1.1754944e-38, 3.4028235e38, -3.4028235e38], dtype=np.float32)
    # Odd multiples of 2^-23: where 0.5 + x/4 is a float32 midpoint (the
    # logistic's hard cases of the design note) and tanh x is near x.
    odd = ((2 * np.arange(3000) + 1) * 2.0 ** -23).astype(np.float32)
    return np.concatenate([
        specials,
        _neighbours(EDGES.get(name, [])),
        odd, -odd,
        rng.uniform(-12, 12, 20000).astype(np.float32),
        rng.integers(0, 2 ** 32, random_bits, dtype=np.uint64).astype(np.uint32).view(np.float32),
    ])


def _certified(ufunc, x, **kwargs):
    """The loop without the fast loop: float32 on the narrow block and the
    rounding test, float64 on the full kernel."""
    previous = U._set_fast_loops(False)
    try:
        with np.errstate(all="ignore"):
            return ufunc(x, **kwargs)
    finally:
        U._set_fast_loops(previous)


def _certified_raised(ufunc, x) -> set:
    """The warnings the certified loop raises on x."""
    previous = U._set_fast_loops(False)
    try:
        return _raised(ufunc, x)
    finally:
        U._set_fast_loops(previous)


def test_every_fast_kernel_is_a_certified_narrow_kernel():
    """A fast loop hands its hard lanes to the kernel's narrow block."""
    assert FAST, "no fast loops compiled"
    assert set(FAST) <= set(U.NARROW_KERNELS.split())


def test_variants_are_listed_best_first_with_a_baseline():
    assert VARIANTS[-1] == "base"
    assert U.fast_variant()[0] == VARIANTS[0]
    with pytest.raises(ValueError, match="no SIMD variant"):
        U._set_fast_variant("sse9")
    assert U.fast_variant()[0] == VARIANTS[0]


def _variant_in_a_fresh_interpreter(simd: str) -> subprocess.CompletedProcess:
    code = "import sigmoids; print(sigmoids._ufuncs.fast_variant()[0])"
    env = {**os.environ, "SIGMOIDS_SIMD": simd, "PYTHONWARNINGS": "always"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_the_environment_picks_a_variant():
    result = _variant_in_a_fresh_interpreter("base")
    assert result.stdout.strip() == "base"
    result = _variant_in_a_fresh_interpreter("nonsense")
    assert result.stdout.strip() == VARIANTS[0]
    assert "ignoring SIGMOIDS_SIMD='nonsense'" in result.stderr


@pytest.mark.parametrize("name", FAST)
def test_correctly_rounded_against_the_truth(name, variant):
    ufunc = getattr(U, name)
    x = _inputs(name)
    with np.errstate(all="ignore"):
        ours = ufunc(x)
    expected, _ = reference.expected_narrow(name, x, np.float32)
    bad = ~same_values(ours, expected)
    assert not bad.any(), f"{name} [{variant}] misrounded at x = {x[bad][:8]}: {ours[bad][:8]} vs {expected[bad][:8]}"


@pytest.mark.parametrize("name", FAST)
def test_bit_identical_to_the_certified_loop(name, variant):
    """2^21 random bit patterns: the fast loop and the narrow block with the
    rounding test give the same bits (NaN payloads aside)."""
    ufunc = getattr(U, name)
    x = np.random.default_rng(7).integers(0, 2 ** 32, 1 << 21, dtype=np.uint64).astype(np.uint32).view(np.float32)
    with np.errstate(all="ignore"):
        ours = ufunc(x)
    assert same_values(ours, _certified(ufunc, x)).all()


def all_same(a, b) -> bool:
    return bool(same_values(a, b).all())


# the symmetric CDF forms (F(-x) = 1 - F(x)); Gompertz's and cloglog's are not
MIRRORED = [name[: -len("_logsf")] for name in FAST if name.endswith("_logsf") and name[:-2] + "cdf" in FAST
            and sg.catalog[name[: -len("_logsf")]].info.symmetric]


@pytest.mark.parametrize("family", MIRRORED)
def test_log_survival_is_the_log_cdf_at_minus_x_to_the_bit(family, variant):
    """The exhaustive audit sweeps the log-CDFs of the symmetric CDF forms
    (docs/accuracy.md); their log-SFs are the same kernels at -x, fast lanes
    and redone lanes alike, so every float32 x of the log-SF is the log-CDF's
    -x.  This keeps that identity true."""
    x = np.concatenate([_inputs(family + "_logsf"), _inputs(family + "_logcdf"),
                        np.random.default_rng(11).integers(0, 2 ** 32, 1 << 20, dtype=np.uint64)
                        .astype(np.uint32).view(np.float32)])
    logcdf, logsf = getattr(U, family + "_logcdf"), getattr(U, family + "_logsf")
    with np.errstate(all="ignore"):
        assert all_same(logsf(x), logcdf(-x))


LAYOUT_CASES = [(name, np.float32) for name in FAST] + [(name, np.float64) for name in U.FAST_KERNELS_F64.split()]


@pytest.mark.parametrize("name, dtype", LAYOUT_CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_every_length_and_layout(name, dtype, variant):
    """Partial vectors at every length, strided, reversed, in place,
    misaligned and broadcast inputs give the contiguous results."""
    ufunc = getattr(U, name)
    base = (_inputs(name, seed=3, random_bits=4096) if dtype == np.float32 else _inputs64(name, seed=3))[:6000]
    with np.errstate(all="ignore"):
        expected = ufunc(base)
        for n in range(0, 41):
            assert all_same(ufunc(base[:n]), expected[:n]), n
        assert all_same(ufunc(base[::3]), expected[::3])
        assert all_same(ufunc(base[::-1]), expected[::-1])
        buffer = np.empty(base.size + 1, dtype=dtype)
        misaligned = buffer[1:]
        misaligned[:] = base
        assert all_same(ufunc(misaligned), expected)
        inplace = base.copy()
        ufunc(inplace, out=inplace)
        assert all_same(inplace, expected)
        strided_out = np.empty(2 * base.size, dtype=dtype)
        ufunc(base, out=strided_out[::2])
        assert all_same(strided_out[::2], expected)
        two_d = base[:5000].reshape(50, 100)
        assert all_same(ufunc(two_d.T), expected[:5000].reshape(50, 100).T)
        column = np.broadcast_to(base[7], (300,))
        assert all_same(ufunc(column), np.full(300, expected[7]))
    if dtype == np.float32:
        assert all_same(expected, _certified(ufunc, base))


def _raised(ufunc, x) -> set:
    """The NumPy FP warnings a call raises."""
    raised = set()
    for kind in ("divide", "over", "under", "invalid"):
        with np.errstate(all="ignore", **{kind: "raise"}):
            try:
                ufunc(x)
            except FloatingPointError:
                raised.add(kind)
    return raised


def _domain(name: str) -> tuple[float, float]:
    """The closed domain of kernel ``name`` (the real line for most)."""
    from conftest import KERNELS

    domain = next(case.domain for case in KERNELS if case.ufunc_name == name)
    return (-np.inf, np.inf) if domain is None else domain


FLAG_CASES = [(name, np.float32, [np.nan, np.inf, -np.inf, -100.0, -88.0, 1e-45, -1e-45, 1e-39, 3e38, -3e38, 0.0])
              for name in FAST]
FLAG_CASES += [(name, np.float64, [np.nan, np.inf, -np.inf, -720.0, -745.5, 720.0, 1e-310, -1e-310, 1e308, 0.0])
               for name in U.FAST_KERNELS_F64.split()]


@pytest.mark.parametrize("name, dtype, specials", FLAG_CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_flags_are_those_of_the_certified_loop(name, dtype, specials, variant):
    """One special element in a long array raises what it raises alone in
    the certified loop, and nothing the fast lanes computed around it."""
    ufunc = getattr(U, name)
    a, b = _domain(name)
    filler = np.random.default_rng(5).uniform(max(a, -3.0), min(b, 3.0), 5000).astype(dtype)
    ends = [v for v in (a, b) if np.isfinite(v)]
    ends += [np.nextafter(dtype(v), dtype(v + s)) for v, s in zip((a, b), (-1, 1)) if np.isfinite(v)]
    for special in specials + ends:
        x = filler.copy()
        x[2501] = special
        assert _raised(ufunc, x) == _certified_raised(ufunc, x), (name, special)
    assert _raised(ufunc, filler) == set()


UNDERFLOW_LANES = [("gompertz", -6.0), ("gompertz_derivative", -6.0), ("gompertz_derivative", 200.0),
                   ("cloglog_derivative", 6.0), ("cloglog_derivative", -200.0), ("gompertz_logsf", -6.0),
                   ("cloglog_logcdf", 6.0),
                   # subnormal results, settled on the subnormal grid
                   ("gompertz", -4.55), ("gompertz_derivative", -4.6), ("gompertz_derivative", 90.0),
                   ("cloglog_derivative", 4.6), ("cloglog_derivative", -90.0)]


@pytest.mark.parametrize("name, zero", UNDERFLOW_LANES)
def test_lanes_settled_to_an_underflowing_zero_still_warn(name, zero, variant):
    """Fast loops settle some lanes to a +0 or a subnormal that underflows
    (gompertz below -4.4698, its derivative's tails: SG_UNDERFLOW_LANE) and
    hand one such lane per call to the certified loop for the flag: every
    mix of them
    with exact zeros (+-inf), normal results, the other hard lanes, and
    every position in a block, raises and returns what the certified loop
    does."""
    ufunc = getattr(U, name)
    rng = np.random.default_rng(8)
    inf = np.copysign(np.inf, zero)
    cases = [np.full(n, zero) for n in (1, 3, 4, 5, 8, 9, 4096, 4097, 10000)]
    cases += [np.array(v) for v in ([inf, zero], [zero, inf], [inf] * 9, [-4.71, -4.66, -4.64, -4.5, 1.0],
                                    [np.nan, zero * 1.1], [zero * 20, 2.0, 3.0], [zero * 1e30, inf, 0.0])]
    mixed = rng.uniform(-3, 3, 9000)
    mixed[[0, 4095, 4096, 8999]] = [inf, zero, inf, zero * 1.2]
    cases += [mixed, np.r_[rng.uniform(-3, 3, 4099), zero], rng.uniform(-10, 10, 10000), rng.uniform(-300, 300, 10000)]
    for x in (c.astype(np.float32) for c in cases):
        expected, expected_flags = _certified(ufunc, x), _certified_raised(ufunc, x)
        assert all_same(ufunc(x), expected), x[:6]
        assert _raised(ufunc, x) == expected_flags, x[:6]
        assert all_same(ufunc(x[::-1].copy()), expected[::-1]), x[:6]


# Every float32 of the bands where these kernels' results leave the float32
# normal range: settled on the subnormal grid in the loop
# (sg_vf32_near_midpoint_below), with a band of 2^-12 around the crossing
# left to the certified path.
SUBNORMAL_BANDS = [("gompertz", -4.8, -4.4), ("gompertz_derivative", -4.8, -4.4),
                   ("gompertz_derivative", 87.0, 88.0), ("cloglog_derivative", 4.4, 4.8),
                   ("cloglog_derivative", -88.0, -87.0)]


@pytest.mark.parametrize("name, low, high", SUBNORMAL_BANDS)
def test_subnormal_results_are_those_of_the_certified_loop(name, low, high, variant):
    """Bit for bit with the certified loop on every float32 of the band, in
    order and shuffled (so that the one lane per call that raises the flag
    is a different one), and the same warnings."""
    ufunc = getattr(U, name)
    start, stop = (int(np.array(np.float32(v)).view(np.int32)) for v in (low, high))
    bits = np.arange(min(start, stop), max(start, stop) + 1, dtype=np.int64).astype(np.int32)
    x = bits.view(np.float32)
    expected = _certified(ufunc, x)
    assert np.any((expected > 0) & (expected < np.finfo(np.float32).tiny))
    assert all_same(ufunc(x), expected)
    order = np.random.default_rng(3).permutation(x.size)
    assert all_same(ufunc(x[order]), expected[order])
    expected_flags = _certified_raised(ufunc, x[order][:5000])
    assert "under" in expected_flags
    assert _raised(ufunc, x[order][:5000]) == expected_flags


def test_coefficients_are_up_to_date():
    result = subprocess.run([sys.executable, str(TOOLS / "gen_vec.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_build_says_which_variant_runs():
    """``sigmoids info`` without a name and ``sg.show_config()`` name the
    variant in use and the kernels that have a fast loop."""
    from typer.testing import CliRunner

    from sigmoids.cli import app

    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    description = U.fast_variant()[1]
    assert description in result.output
    assert all(name in result.output for name in FAST)
    assert "float64 fast loops for" in result.output
    config = sg.show_config()
    assert config["fast_loops"] == {"variant": U.fast_variant()[0], "description": description, "kernels": FAST,
                                    "kernels_float64": U.FAST_KERNELS_F64.split()}
    entry = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["info", "logistic"])
    assert "float32 fast loop" in entry.output and description in entry.output


# ----------------------------------------------------------------- float64

FAST64 = U.FAST_KERNELS_F64.split()
EDGES64 = {
    "logistic": [708.0, -708.0, 708.39, -708.4, 40.0, -40.0, 36.74, -36.74, 2.0 ** -54, 1e-300],
    "tanh": [20.0, -20.0, 19.06, 2.0 ** -27, -(2.0 ** -27), 0.17, 0.35, 1e-300, 5e-324],
    "logistic_derivative": [600.0, -600.0, 0.0, 2.0 ** -26, -(2.0 ** -26), 40.0, 708.0, 745.0],
    "tanh_cdf": [1000.0, -1000.0, 354.0, -354.0, 20.0, -20.0, 18.37, 2.0 ** -55, 1e-300],
    "tanh_derivative": [300.0, -300.0, 1000.0, -1000.0, 2.0 ** -27, 354.0, 373.0],
    "tanh_pdf": [300.0, -300.0, 1000.0, -1000.0, 2.0 ** -27, 354.0, 373.0],
}


def _inputs64(name: str, seed: int = 0) -> np.ndarray:
    from conftest import float64_sweep

    rng = np.random.default_rng(seed)
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 2.2250738585072014e-308,
                         1.7976931348623157e308, -1.7976931348623157e308])
    return np.concatenate([specials, _neighbours(EDGES64.get(name, []), 32, np.float64), rng.uniform(-40, 40, 20000),
                           float64_sweep(None, seed=seed, per_binade=2)])


def test_every_fast64_kernel_has_a_float32_fast_loop_too():
    assert FAST64 and set(FAST64) <= set(FAST)


@pytest.mark.parametrize("name", FAST64)
def test_float64_fast_loops_are_the_full_kernels_to_the_bit(name, variant):
    """A float64 fast loop is correctly rounded wherever its rounding test
    settles the lane, and hands the rest to the full kernel, which is
    correctly rounded there too in all but the rarest cases: the two agree
    bit for bit.  softmax([z, 0])[0] == sigma(z) to the last bit
    (tests/test_softmax.py) relies on it for the logistic."""
    x = np.concatenate([_inputs64(name, seed=8), np.random.default_rng(8).uniform(-40, 40, 1 << 20),
                        np.random.default_rng(9).uniform(-1, 1, 1 << 18)])
    ufunc = getattr(U, name)
    with np.errstate(all="ignore"):
        assert all_same(ufunc(x), _certified(ufunc, x))


@pytest.mark.parametrize("name", FAST64)
def test_float64_within_the_recorded_ulp(name, variant):
    from sigmoids.catalog import KERNEL_ACCURACY

    ufunc = getattr(U, name)
    x = _inputs64(name)
    with np.errstate(all="ignore"):
        ours = ufunc(x)
    errors = reference.ulp_error(ours, reference.evaluate(name, x))
    worst = int(np.nanargmax(errors))
    recorded = KERNEL_ACCURACY[name]["float64"][0]
    assert errors[worst] <= recorded, f"{name} [{variant}]: {errors[worst]:.4f} ULP at x = {x[worst]!r}"
    # the special values and the sign of zero are the full kernel's
    special = ~np.isfinite(x) | (x == 0)
    assert (ours[special].view(np.int64) == _certified(ufunc, x[special]).view(np.int64)).all()




@pytest.mark.parametrize("certificate, variant", [("audit_float32_fast.json", "v3"),
                                                  ("audit_float32_fast_v4.json", "v4")])
def test_every_fast_loop_has_a_clean_exhaustive_certificate(certificate, variant):
    """docs/audit_float32_fast.json (AVX2+FMA, swept on an AMD EPYC) and
    docs/audit_float32_fast_v4.json (AVX-512, swept on an Intel Xeon) hold
    one all-2^32 sweep per fast loop (tools/audit_float32.py) of that
    variant, each 0 misrounded."""
    import json

    doc = json.loads((pathlib.Path(__file__).resolve().parents[1] / "docs" / certificate).read_text())
    results = {r["kernel"]: r for r in doc["results"]}
    assert set(FAST) <= set(results), f"not certified: {sorted(set(FAST) - set(results))}"
    for name in FAST:
        r = results[name]
        assert r["misrounded"] == 0 and r["checked"] == 2 ** 32 and r["fast_variant"] == variant, name
