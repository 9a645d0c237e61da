"""The fast row passes of softmax, log_softmax and logsumexp (softmax.h,
compiled per SIMD variant in _fast.c).

They must give the scalar double-double path's results bit for bit (both
round correctly; the passes hand every element their rounding test cannot
settle back to it), raise no FP flag that path would not, report the
underflow of a softmax rounded to 0, and stay correct on every layout, for
every variant this CPU runs and every thread count.  Truth for long rows
comes from mpmath.
"""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
from test_softmax import exact_row

import sigmoids as sg
from sigmoids import reference

U = sg._ufuncs
FUNCTIONS = (sg.softmax, sg.log_softmax, sg.logsumexp)
DTYPES = (np.float32, np.float64)


@pytest.fixture(params=U.fast_variants())
def variant(request):
    previous = U._set_fast_variant(request.param)
    yield request.param
    U._set_fast_variant(previous)


@pytest.fixture
def restore_threads():
    previous = sg.get_num_threads()
    yield
    sg.set_num_threads(previous)


def _scalar(function, x, **kwargs):
    """The row through the scalar double-double path only."""
    previous = U._set_fast_loops(False)
    try:
        return _call(function, x, **kwargs)
    finally:
        U._set_fast_loops(previous)


def _call(function, x, **kwargs):
    """(result, the RuntimeWarnings it raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn"):
            result = function(x, **kwargs)
    return np.asarray(result), sorted({str(w.message) for w in caught})


def _same_bits(a, b):
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def _rows(dtype, rng):
    """Rows that walk every branch of the passes: vector tails of every
    length, block boundaries, ties at the maximum, -inf entries, a rest
    that is tiny or empty, results that underflow, subnormal inputs, huge
    spreads (float64 x_j more than 2^1000 below the maximum)."""
    out = []
    for n in (1, 2, 3, 4, 5, 7, 8, 9, 17, 100, 1023, 1024, 1025, 3000):
        out += [rng.normal(size=n), rng.normal(scale=30, size=n), rng.uniform(-200, 200, n),
                rng.uniform(-1000, 1000, n), np.full(n, 0.25), rng.normal(size=n) * 1e-30]
        masked = rng.normal(size=n)
        masked[rng.random(n) < 0.3] = -np.inf
        masked[0] = 1.0
        out.append(masked)
        # one element far above the rest: L is below half an ULP of x_j - m,
        # which for float32 rows is often exactly a float32 midpoint
        out.append(np.r_[rng.normal(size=n), 40.0])
    out += [np.array(r) for r in ([35.55, 0.0], [104.0, 0.0], [100.0, 0.0], [-700.0, -701.0], [0.0, -640.0],
                                  [0.0, -641.0], [0.0, -641.0, -700.0], [5e-324, 1.0], [1e-310, 0.0, -1e-310],
                                  [3e38, -3e38], [1e308, -1e308], [-1e308, 0.0, 1e308], [0.0, -87.5, -103.0, -105.0],
                                  [0.0, -708.5, -745.0, -746.5], [-np.inf, 0.0], [-np.inf, -np.inf, 2.0],
                                  # the exact pass drops terms below e^-600: with rest e^-3 or
                                  # e^-400 it keeps the row, with e^-599.9 it leaves it
                                  [0.0, -3.0, -650.0], [0.0, -400.0, -650.0], [0.0, -599.9, -600.1, -650.0],
                                  # a float32 log_softmax within 2^-21 ULP of a float32 midpoint
                                  # (an element the passes leave, settled from the exact pass)
                                  [0.0, -4.13055419921875], [0.0] + [-9.345443725585938] * 7,
                                  [0.0] + [-3.435272216796875] * 3)]
    out += [np.array([z, 0.0]) for z in np.linspace(-760.0, 40.0, 600)]
    with np.errstate(over="ignore"):
        return [r.astype(dtype) for r in out if np.isfinite(r.astype(dtype)).any()]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_bit_identical_to_the_scalar_path(function, dtype, variant):
    rng = np.random.default_rng(11)
    for row in _rows(dtype, rng):
        fast, fast_warnings = _call(function, row)
        slow, slow_warnings = _scalar(function, row)
        assert _same_bits(fast, slow), f"{function.__name__} of {row[:6]!r}... (n={row.size})"
        # the scalar path warns "underflow" when a term of its sum underflows
        # (a normal logsumexp of [21, 506, -704] in float32), and not always
        # when a float64 softmax rounds to 0 (sg_ldexp_round's quiet 0 below
        # 2^-1076): the passes warn less, never more, but for that one
        allowed = set(slow_warnings)
        if function is sg.softmax and (fast[np.isfinite(row)] == 0).any():
            allowed.add("underflow encountered in softmax")
        assert set(fast_warnings) <= allowed, (row[:6], fast_warnings, slow_warnings)


def _exact_rest(row):
    """sum over j != (first) argmax of e^(x_j - max), at 300 bits."""
    top = int(np.argmax(row))
    with mp.workprec(300):
        m = mp.mpf(float(row[top]))
        return mp.fsum(mp.exp(mp.mpf(float(v)) - m) for j, v in enumerate(row) if j != top)


def _relative_error(ours, exact):
    with mp.workprec(300):
        return abs(mp.mpf(ours[0]) + mp.mpf(ours[1]) - exact) / exact


def test_exact_pass_terms_within_2_to_the_minus_103(variant):
    """One term at a time (rows [m, x]): x - m over the whole kept range
    [-600, 0], near the table's steps k ln2/256, tiny, and with a low part
    (m fractional and large); sg_vec.h's header states 2^-104.6 measured
    on 60k terms per variant."""
    rng = np.random.default_rng(31)
    count = 700
    d = np.concatenate([rng.uniform(-600, 0, count), -np.exp(rng.uniform(np.log(1e-60), np.log(600), count)),
                        (np.round(rng.uniform(-600, 0, count) * 256 / np.log(2)) + rng.uniform(-1e-3, 1e-3, count))
                        * np.log(2) / 256, [-600.0, -1e-300, -5e-324, -2.0 ** -200, -(2.0 ** -200) * 0.99]])
    m = rng.uniform(-700, 700, d.size)
    worst = 0
    for mj, dj in zip(m, d):
        row = np.array([mj, mj + dj])
        if not row[1] < row[0]:
            continue
        hi, lo, dropped = U._row_exact_rest(row)
        assert dropped == 0, row
        worst = max(worst, _relative_error((hi, lo), _exact_rest(row)))
    assert worst < 2.0 ** -103, float(mp.log(worst, 2))


def test_exact_pass_sums_long_rows_within_2_to_the_minus_100(variant):
    rng = np.random.default_rng(32)
    rows = [rng.normal(0, 4, 2000), rng.uniform(-600, 0, 1001), np.r_[rng.normal(0, 1, 999), 40.0],
            np.r_[0.0, rng.uniform(-30, -20, 500)], np.full(77, 0.25), np.r_[0.0, -3.0, -650.0, -np.inf]]
    for row in rows:
        hi, lo, dropped = U._row_exact_rest(row)
        assert dropped == int((row - row.max() < -600).sum() - np.isneginf(row).sum())
        assert _relative_error((hi, lo), _exact_rest(row[np.isfinite(row)])) < 2.0 ** -100, row[:4]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_a_softmax_rounded_to_zero_warns_underflow(dtype):
    row = np.array([0.0, -800.0 if dtype == np.float64 else -200.0], dtype=dtype)
    for path in (_call, _scalar):
        result, caught = path(sg.softmax, row)
        assert result[1] == 0.0 and result[0] == 1.0
        assert caught == ["underflow encountered in softmax"], path
    # -inf gives an exact 0: no warning
    result, caught = _call(sg.softmax, np.array([0.0, -np.inf], dtype=dtype))
    assert list(result) == [1.0, 0.0] and caught == []


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("kind", ["softmax", "log_softmax", "logsumexp"])
def test_long_rows_correctly_rounded_against_mpmath(kind, dtype):
    rng = np.random.default_rng(5)
    rows = [rng.normal(0, 4, 1500), rng.uniform(-60, 60, 700), np.r_[rng.normal(0, 1, 300), 40.0]]
    for row in rows:
        row = row.astype(dtype)
        ours = np.atleast_1d(getattr(sg, kind)(row))
        exact = reference.correctly_rounded(exact_row(row, kind), dtype)
        np.testing.assert_array_equal(ours, exact, err_msg=f"{kind}, n={row.size}")


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_every_layout(function, dtype):
    rng = np.random.default_rng(2)
    x = rng.normal(0, 5, (6, 2100)).astype(dtype)
    expected, _ = _scalar(function, x)
    # rows gathered from a strided axis, and a reversed one
    np.testing.assert_array_equal(function(np.asfortranarray(x)), expected)
    np.testing.assert_array_equal(function(x.T, axis=0), expected if function is sg.logsumexp else expected.T)
    np.testing.assert_array_equal(function(x[:, ::-1]), expected[:, ::-1] if function is not sg.logsumexp else expected)
    np.testing.assert_array_equal(function(x[:, ::3]), _scalar(function, x[:, ::3].copy())[0])
    if function is not sg.logsumexp:
        # a strided output (the gufunc itself takes out=)
        out = np.zeros((6, 4200), dtype=dtype)
        getattr(U, function.__name__)(x, out=out[:, ::2])
        np.testing.assert_array_equal(out[:, ::2], expected)
        assert not out[:, 1::2].any()


@pytest.mark.parametrize("function", (sg.softmax, sg.log_softmax), ids=lambda f: f.__name__)
def test_float32_long_row_elements_left_are_settled(function, variant, restore_threads):
    """A float32 softmax of 2^21 elements leaves about 4 elements to the
    row's last phase, which settles them from the fast pass's L (to 2^-62)
    or, failing that, the exact pass's: bit for bit the scalar path, on one
    thread and on two."""
    x = np.random.default_rng(6).normal(0, 3, 1 << 21).astype(np.float32)
    expected = _scalar(function, x)[0]
    for threads in (1, 2):
        sg.set_num_threads(threads)
        assert _same_bits(np.asarray(function(x)), expected), threads


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_flags_of_elements_settled_on_another_thread(dtype, restore_threads):
    """A row cut across threads whose subnormal softmax element (left by the
    elements pass, rounded by the scalar functions) lies in the second
    part: its "underflow" is raised on the worker thread and must reach the
    caller."""
    x = np.zeros(300_000, dtype=dtype)
    x[-5] = -80.0 if dtype == np.float32 else -720.0
    sg.set_num_threads(2)
    fast, fast_warnings = _call(sg.softmax, x)
    slow, slow_warnings = _scalar(sg.softmax, x)
    assert 0 < fast[-5] < np.finfo(dtype).tiny
    assert _same_bits(fast, slow)
    assert fast_warnings == slow_warnings == ["underflow encountered in softmax"]


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_rows_split_across_threads_bit_identical(function, dtype, restore_threads):
    rng = np.random.default_rng(4)
    # 301 rows of 1000: above the threading threshold, uneven shares
    x = rng.normal(0, 3, (301, 1000)).astype(dtype)
    x[7, 5] = np.nan
    x[8, :] = -np.inf
    sg.set_num_threads(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        one = function(x)
        sg.set_num_threads(3)
        three = function(x)
    assert _same_bits(np.asarray(one), np.asarray(three))
    assert _same_bits(np.asarray(one), _scalar(function, x)[0])


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_one_long_row_cut_across_threads_bit_identical(function, dtype, restore_threads):
    """A row above the threading threshold is cut into parts for each pass;
    the elements the passes leave (many, for a float64 softmax) are redone
    after the parts join.  Same bits for any thread count, and the scalar
    path's."""
    rng = np.random.default_rng(6)
    x = rng.normal(0, 4, (1 << 18) + 4321).astype(dtype)
    x[::1000] = -np.inf
    sg.set_num_threads(1)
    one = _call(function, x)[0]
    for threads in (2, 3):
        sg.set_num_threads(threads)
        assert _same_bits(_call(function, x)[0], one), threads
    assert _same_bits(one, _scalar(function, x)[0])
    if function is not sg.logsumexp:
        out = np.zeros(2 * x.size, dtype=dtype)
        getattr(U, function.__name__)(x, out=out[::2])
        assert _same_bits(out[::2], one)
