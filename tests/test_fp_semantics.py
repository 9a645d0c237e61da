"""Floating-point semantics follow NumPy: warnings from hardware flags,
special values, signed zeros, no spurious overflow."""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np
import pytest
from conftest import ENTRIES, ENTRY_CASES, KERNELS, SCIPY_CASES, entry_case_params, kernel_params, same_values, spread

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


def _raises(ufunc, x) -> bool:
    with np.errstate(all="raise"):
        try:
            ufunc(x)
        except FloatingPointError:
            return True
    return False


@kernel_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_long_arrays_raise_the_flags_of_one_element(case, dtype):
    """The vectorised loops compute every lane of a block, selects instead
    of branches: a special input must raise the same flags in a long array
    as alone.  (Found: a float32 -inf from a log-CDF made the rounding test
    compute inf - inf and warn "invalid value"; PLAN's vectorised inverse
    warned on NaN.)"""
    f = np.finfo(dtype)
    specials = [np.nan, -np.nan, np.inf, -np.inf, 0.0, -0.0, f.max, -f.max, f.smallest_subnormal, 1.0, -1.0,
                0.5, 3.0, -5.0, 1.5, -0.25]
    for v in specials:
        one = np.array([v], dtype=dtype)
        if _raises(case.ufunc, one):
            continue
        for n in (8, 37, 1100):
            assert not _raises(case.ufunc, np.full(n, v, dtype=dtype)), (v, n)
            mixed = np.full(n, 0.25, dtype=dtype)
            mixed[n // 2] = v
            assert not _raises(case.ufunc, mixed), (v, n, "among 0.25")


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
    with np.errstate(all="ignore"):
        out = case.ufunc(x)
    # An infinite result from a finite input is allowed only where the exact
    # value itself lies beyond the format (the Gompertz log-CDF -e^-x below
    # x = -709.78): that is an overflow, reported as np.exp(710.0) reports it.
    overflowed = ~np.isfinite(out) & ~np.isnan(out)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        case.ufunc(x[~overflowed])
    if overflowed.any():
        exact = reference.correctly_rounded(reference.evaluate(case.ufunc_name, x[overflowed]), dtype)
        assert same_values(out[overflowed], exact).all(), list(zip(x[overflowed], out[overflowed], exact))[:5]
    assert np.isfinite(out).all() or case.domain is None


# Known limit: float64 results below 2^-330 may raise "underflow" although
# they are normal.  The double-double arithmetic forms products of a result
# with its own tail, or cubes of a small argument (cloglog's expm1 of
# s = e^x < 2^-339), and those fall below 2^-1022 first: sigma(-355) =
# 1.5e-154 already warns.  The results themselves stay correctly rounded.
DD_UNDERFLOW_FLOOR = 2.0**-330


def _underflow_probe(case, dtype) -> np.ndarray:
    """Inputs over the whole line (or the domain), the subnormals and the
    saturated tails included, for the underflow test below."""
    f = np.finfo(dtype)
    if case.domain is not None:
        a, b = case.domain
        x = np.concatenate([spread(a, b, 2001, dtype), [a, b, f.smallest_subnormal, -f.smallest_subnormal]])
    else:
        magnitudes = np.concatenate([np.geomspace(f.smallest_subnormal, f.max, 3000), [f.max, np.inf]])
        x = np.concatenate([magnitudes, -magnitudes, [0.0, -0.0]])
    with np.errstate(all="ignore"):
        x = np.asarray(x, dtype=dtype)
    return x[~np.isnan(x)]


@kernel_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_normal_results_never_warn_underflow(case, dtype):
    """"underflow" only where the result itself is subnormal, or rounded to
    0 from a nonzero value.  A normal result (sigma(800) = 1, erf(1e-200))
    or an exact limit at +-inf (the derivatives' 0) must not raise it, in a
    long array (the vectorised loop, whose discarded lanes compute every
    form) or alone (the scalar tail of the loop)."""
    f = np.finfo(dtype)
    x = _underflow_probe(case, dtype)
    with np.errstate(all="ignore"):
        out = case.ufunc(x)
    floor = DD_UNDERFLOW_FLOOR if dtype == np.float64 else f.smallest_normal
    quiet = x[(np.abs(out) >= floor) | np.isinf(x)]
    with np.errstate(all="ignore"):
        quiet = quiet[~np.isnan(case.ufunc(quiet))]
    if not _raises_underflow(case.ufunc, quiet):
        # the scalar tail, one element at a time, on the extremes only
        edge = quiet[(np.abs(quiet) < 1e-30) | (np.abs(quiet) > 30.0)]
        loud = [v for v in edge[:: max(1, edge.size // 200)] if _raises_underflow(case.ufunc, np.array([v]))]
        assert not loud, loud[:8]
        return
    loud = [v for v in quiet if _raises_underflow(case.ufunc, np.array([v]))]
    if not loud:
        # only in the vectorised loop: find the lanes
        loud = [v for v in quiet if _raises_underflow(case.ufunc, np.full(64, v))]
    assert False, (len(loud), loud[:8])


def _raises_underflow(ufunc, x) -> bool:
    with np.errstate(all="ignore", under="raise"):
        try:
            ufunc(x)
        except FloatingPointError:
            return True
    return False


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


def _flags_raised(f, y):
    """The subset of NumPy's divide/invalid/overflow warnings f(y) raises."""
    raised = set()
    for kind in ("divide", "invalid", "over"):
        with np.errstate(all="ignore", **{kind: "raise"}):
            try:
                f(y)
            except FloatingPointError:
                raised.add(kind)
    return raised


@entry_case_params()
@pytest.mark.parametrize("dtype", DTYPES)
def test_inverse_ends_and_domain_errors_in_long_arrays(entry, dtype):
    """The inverse and the quantile at the ends of an open range give the
    ends of the domain: +-inf with the divide-by-zero warning only (as
    np.log(0)) where the domain is unbounded; outside the range, NaN with
    the invalid warning only.  In a long array the vectorised loops raise
    these flags by arithmetic in their own lanes (sg_pole_guard and
    sg_domain_guard in sg_alg.h), so they are checked alone and among
    ordinary values, at lengths that take the vector loop."""
    if entry.info.closed:
        return  # hard sigmoids: their ends are attained, finite, flagless
    a, b = entry.info.range
    ops = [("ppf", 0.0, 1.0)] + ([("inverse", a, b)] if (a, b) in ((0.0, 1.0), (-1.0, 1.0)) else [])
    lo_x, hi_x = entry.info.domain
    for op, lo, hi in ops:
        f = entry.operation(op)
        inside = lo + 0.375 * (hi - lo)
        for end, expected in ((lo, lo_x), (hi, hi_x)):
            for n in (1, 8, 1100):
                y = np.full(n, inside, dtype=dtype)
                y[n // 2] = end
                with np.errstate(all="ignore"):
                    out = f(y)
                assert out[n // 2] == expected, (op, end, out[n // 2])
                assert np.isfinite(np.delete(out, n // 2)).all(), (op, end)
                assert _flags_raised(f, y) == ({"divide"} if np.isinf(expected) else set()), (op, end, n)
        for bad in (lo - 0.5, hi + 0.5, np.inf, -np.inf):
            for n in (1, 8, 1100):
                y = np.full(n, inside, dtype=dtype)
                y[n // 2] = bad
                with np.errstate(all="ignore"):
                    out = f(y)
                assert np.isnan(out[n // 2]) and np.isfinite(np.delete(out, n // 2)).all(), (op, bad)
                assert _flags_raised(f, y) == {"invalid"}, (op, bad, n)


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
    info = entry.info
    if info.odd:
        np.testing.assert_array_equal(entry(-x), -entry(x))
        assert np.signbit(entry(-0.0)) and not np.signbit(entry(0.0))
    # A symmetric entry is its own mirror; an asymmetric one may name its
    # mirror image m, with s(-x) = a + b - m(x).
    mirror = entry if info.symmetric else (sg.get(info.mirror) if info.mirror else None)
    if mirror is not None:
        assert mirror.info.range == info.range
        assert (mirror.info.mirror or mirror.info.name) == info.name, "mirrors come in pairs"
        # s(-x) = a + b - m(x), up to one rounding on each side.
        np.testing.assert_allclose(entry(-x), (a + b) - mirror(x), rtol=0, atol=2 * np.spacing(max(abs(a), abs(b))))
        np.testing.assert_array_equal(entry.pdf(-x), mirror.pdf(x))
        np.testing.assert_array_equal(entry.logsf(-x), mirror.logcdf(x))
        np.testing.assert_array_equal(entry.logcdf(-x), mirror.logsf(x))
    # The metadata must not hide a symmetry either: where s(x) and s(-x) are
    # both defined, an entry marked not odd / not symmetric is visibly not.
    both = np.isfinite(entry(x)) & np.isfinite(entry(-x)) & (x != 0)
    if both.any():
        xs = x[both]
        if not info.odd:
            assert np.abs(entry(-xs) + entry(xs)).max() > 1e-3 * (b - a), "odd, but not marked so"
        if not info.symmetric and not info.params:  # a family may be symmetric at one parameter (genlogistic, alpha = 1)
            assert info.mirror != info.name, "an entry that mirrors itself is symmetric"
            assert np.abs(entry(-xs) + entry(xs) - (a + b)).max() > 1e-3 * (b - a), "symmetric, but not marked so"


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


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.info.kinks and not e.info.params], ids=lambda e: e.info.name)
def test_derivative_at_kinks(entry):
    """At a kink the derivative is the one-sided derivative on the side away
    from 0 (PyTorch's convention: 0 at and outside the saturation kinks), and
    both neighbours follow their own side."""
    f = reference.MPMATH[entry.info.kernels["value"]]
    for kink in entry.info.kinks:
        away = 1 if kink > 0 else -1
        inside = np.nextafter(kink, -away * np.inf)
        with mp.workdps(40):
            one_sided = float(mp.diff(f, mp.mpf(kink), direction=away))
            # the piece on the other side, away from the kink (which may be a jump)
            inner = float(mp.diff(f, mp.mpf(kink) - away * mp.mpf(2) ** -20))
        assert float(entry.derivative(kink)) == one_sided, kink
        assert float(entry.derivative(np.nextafter(kink, away * np.inf))) == one_sided, kink
        assert float(entry.derivative(inside)) == inner, kink


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
    # Where the entry takes its values twice (metadata), the inverse may
    # return the other preimage: there only forward(inverse(y)) == y holds.
    unique = np.ones(xs.shape, dtype=bool)
    for lo, hi in entry.info.preimage_ambiguous:
        unique &= ~((xs >= lo) & (xs <= hi))
    xs, ys = xs[unique], ys[unique]
    bound = 2 * np.spacing(np.abs(ys)) / entry.derivative(xs) + 2 * np.spacing(np.abs(xs))
    assert (np.abs(entry.inverse(ys) - xs) <= bound).all()
    p = np.concatenate([np.linspace(0, 1, 1001)[1:-1], np.geomspace(1e-300, 0.5, 300)])
    _assert_recovers(entry, entry.ppf, p, forward=entry.cdf)


def _assert_recovers(entry, inverse, y, forward=None):
    """forward(inverse(y)) == y up to the rounding of inverse(y), which the
    forward function magnifies by its change over one spacing of x (its
    slope times the spacing -- measured on both neighbours, so that a kink
    next to x counts, and without underflowing where the slope is below
    DBL_MIN while the change is not), plus its own rounding."""
    forward = forward or entry
    x = inverse(y)
    fx = forward(x)
    with np.errstate(invalid="ignore"):  # a neighbour outside the domain (hill below 0) is NaN: fmax skips it
        change = np.fmax(np.abs(forward(np.nextafter(x, np.inf)) - fx),
                         np.abs(forward(np.nextafter(x, -np.inf)) - fx))
    bound = np.spacing(np.abs(y)) + change
    assert (np.abs(fx - y) <= bound).all()


def _scipy_argument_error(entry, function, x):
    """Relative error scipy.stats adds by rounding its argument: each of the
    ``info.distribution_roundings`` roundings of x (x/scale, the x/sqrt(2)
    inside ndtr, ...) moves the result by up to 2^-53 times the condition
    number |x g'(x)/g(x)|, estimated here by a central difference of log|g|."""
    n = entry.info.distribution_roundings
    if n == 0:
        return np.zeros_like(x)
    h = 2.0**-20
    with np.errstate(all="ignore"):
        up, down = np.abs(function(x * (1 + h))), np.abs(function(x * (1 - h)))
        condition = np.abs(np.log(up) - np.log(down)) / (2 * h)
    condition = np.where(np.isfinite(condition), condition, 0.0)
    return n * 2.0**-53 * condition


def _assert_agrees_with_scipy(entry, ours, theirs, function, x, rtol):
    """|ours - theirs| within rtol of theirs, plus what scipy's own argument
    rounding can cost (metadata).  Relative agreement is asked where scipy's
    result is a normal float64; below that, only to within the smallest
    normal: scipy flushes some subnormal results to 0 (its erfc returns 0
    once z^2 > 709.78, so norm(scale=1/sqrt(2)).cdf(-27) is 0, not 2.6e-319;
    tests/test_pitfalls_erf.py), and our subnormals are checked against
    mpmath elsewhere."""
    ours, theirs = np.asarray(ours), np.asarray(theirs)
    tiny = np.finfo(np.float64).tiny
    bound = (rtol + _scipy_argument_error(entry, function, x)) * np.abs(theirs)
    bound = np.where(np.abs(theirs) < tiny, tiny, bound)
    bad = ~(np.abs(ours - theirs) <= bound) & ~(ours == theirs)
    assert not bad.any(), list(zip(x[bad][:5], ours[bad][:5], theirs[bad][:5]))


@pytest.mark.parametrize("entry", SCIPY_CASES, ids=str)
def test_cdf_form_against_scipy_stats(entry):
    dist = entry.distribution
    x = entry.domain_points(np.linspace(-30, 30, 1201))
    # At a kink the density is a convention (ours: the side away from 0;
    # scipy.stats.uniform's: the closed support), elsewhere it must agree.
    smooth = ~np.isin(x, entry.info.kinks)
    for op in ("cdf", "pdf", "logcdf", "logsf"):
        theirs = getattr(dist, op)
        xs = x[smooth] if op == "pdf" else x
        _assert_agrees_with_scipy(entry, getattr(entry, op)(xs), theirs(xs), theirs, xs, 1e-13)
    p = np.linspace(0, 1, 1001)[1:-1]
    np.testing.assert_allclose(entry.ppf(p), dist.ppf(p), rtol=1e-13, atol=1e-15)
    # The CDF form is (s - a)/(b - a) up to 2 ULP -- plus, where a != 0, the
    # rounding that s itself carries (half a spacing of s, absolute), which
    # (s - a) turns into a large relative error near a: our cdf does not
    # cancel there (tanh.cdf(-30) = 8.8e-27 where (tanh(-30) + 1)/2 = 0).
    a, b = entry.info.range
    if (a, b) == (0.0, 1.0):
        # The CDF form is the value itself.
        np.testing.assert_array_max_ulp(entry.cdf(x), entry(x), maxulp=2)
    else:
        # The same 2 ULP of F, plus what (s - a)/(b - a) inherits from the
        # rounded value: up to half an ULP of the range's endpoints, divided
        # by b - a.  Near the lower end that is many ULPs of F (our cdf does
        # not cancel there), as in the symmetry test's atol.
        cdf, naive = entry.cdf(x), (entry(x) - a) / (b - a)
        bound = 2 * np.spacing(np.abs(cdf)) + 2 * np.spacing(max(abs(a), abs(b))) / (b - a)
        worst = int(np.argmax(np.abs(cdf - naive) - bound))
        assert (np.abs(cdf - naive) <= bound).all(), (x[worst], cdf[worst], naive[worst])

