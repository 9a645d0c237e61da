"""Exhaustive float32 audit: certify that a kernel's float32 loop is correctly
rounded for every one of the 2^32 float32 bit patterns.

Usage::

    python tools/audit_float32.py logistic softplus        # named kernels
    python tools/audit_float32.py --all --json audit.json   # every kernel
    python tools/audit_float32.py --all --sample 8          # quick try: 8 chunks
    python tools/audit_float32.py --param-grid 64 genlogistic   # a two-input kernel
    python tools/audit_float32.py --param-grid 64 --all-binary  # every two-input kernel

Two-input kernels (the parametrised families, x and a parameter p) cannot
be swept over all 2^64 input pairs.  ``--param-grid N`` takes N parameter
values spread densely over the parameter's valid range (geometrically
between the ends of the catalog's grid, or every integer for an integer
parameter), each rounded to float32, and for each sweeps ``--x-patterns``
(default 2^24) float32 bit patterns of x evenly spaced over all 2^32, with an
offset that differs from one parameter to the next; 64 x 2^24 = 2^30 pairs.
Everything else (filter, mpmath for the candidates, bitwise comparison) is
as for one-input kernels.

How it works
------------
For each chunk of bit patterns ``x = bits.view(float32)``:

1. ``ours = ufunc(x)`` through the compiled float32 loop.
2. ``ref = reference.FLOAT64[name](x.astype(float64))``: an *independent*
   float64 NumPy/SciPy formula for the same function.
3. The filter.  If ``ref*(1 - 2^-40)`` and ``ref*(1 + 2^-40)`` round to the
   same float32, the exact value (within 2^-44 of ``ref``, checked below)
   rounds to that float32 too: the expected result is certain.  Otherwise
   (the input is a *candidate*: its value lies near a float32 rounding
   boundary), or when ``ref`` is NaN but ``ours`` is not, the exact value is
   computed with mpmath (``reference.evaluate``) and rounded once
   (``reference.correctly_rounded``).
4. ``ours`` must equal the expected float32 bit for bit (so the sign of a
   zero counts); a NaN matches any NaN.  The one exception: at x = +-0,
   where the exact value is an unsigned mpmath 0, a zero of either sign
   (the filter never decides a zero there, see ``_filter``).

Before a kernel is swept, the filter itself is checked on 2000 inputs (1000
uniform bit patterns, 1000 with |x| in [2^-30, 2^9)) against mpmath: its
relative error must stay below 2^-44 wherever the exact value lies in
[2^-160, DBL_MAX] (anything smaller rounds to a float32 zero), and every
verdict the filter calls certain must equal the correctly rounded mpmath
value.  A kernel whose filter fails is not
certified (reported as an error, exit status 2).

Monotone runs
-------------
Sweeping every input through the float64 filter costs more than the kernel
itself, and most inputs do not need it.  Within one sign half, float32 bit
patterns in increasing order are float32 values in monotone order, and every
one-input kernel audited here is monotone on each half of its (interval)
domain: value, cdf, logcdf, inverse and ppf increase, logsf decreases, and
the bell-shaped derivative and pdf have their mode at 0.  Take a run of
consecutive inputs on which ``ours`` is one float32 ``y``.  If the exact
values at the first and last input of the run both round to ``y``, every
exact value in between lies between those two, and rounding is monotone, so
it rounds to ``y`` as well: ``ours`` is correctly rounded on the whole run.
So only the two ends of each run go through the filter (and mpmath), and a
kernel that returns few distinct values over a region (saturation, a
flat bell top) is certified at the cost of running it.  Runs never span a
NaN input, a NaN output, a block edge or a catalog kink (PLAN jumps down at
|x| = 2.375, so its value is monotone only piecewise); inputs outside the
closed domain of an inverse or ppf kernel (the entry's range, [0, 1]) must
give NaN, which is the definition, and the filter check below confirms it
against mpmath.  ``--no-runs`` sends every input through the filter (and
turns off the three shortcuts below).

Symmetries and relations
------------------------
Rounding to nearest is symmetric, so for an odd kernel (the value and
inverse of an odd entry) ``s(-x) == -s(x)`` bit for bit on the positive
half, whose inputs are audited, certifies the negative half; likewise
``s(-x) == s(x)`` for the even derivative and density of a symmetric entry,
and ``logsf(x) == logcdf(-x)`` certifies a symmetric entry's logsf in the
same sweep as its logcdf.  ``RELATIONS`` lists kernels that are a certified
kernel at an exactly scaled input and output (tanh's CDF form is
sigma(2x)); an input whose result equals that bit for bit needs no filter.
Each comparison is a second kernel call on the same block, far cheaper than
the filter, and a single mismatch counts as misrounded.

Narrow blocks (``--narrow``)
---------------------------
The float32 and float16 loops of a kernel may run its *narrow* block (the
kernel compiled with every double-double step reduced to plain double, see
``sg_math.h``) instead of the full float64 block, whose float32 results the
audit above has certified.  ``--narrow`` certifies a narrow block without
mpmath: the reference is the full block itself, run through the same
float32 loop (``_ufuncs._set_narrow_blocks(False)``).  Runs, symmetry and
the logsf mirror work as above: within a run of equal narrow results whose
two ends equal the certified full results, every exact value rounds to that
result.  A kernel qualifies only if its full block is certified in
``docs/`` and the narrow results are bit-identical on all 2^32 inputs;
``SG_NARROW_CERTIFIED`` in ``_ufuncs.c`` lists those (a test checks every
listed kernel against the certificates in ``docs/audit_float32*.json``).
The kernels of ``SG_ROUNDS_ONCE`` go further: their float32 loop rounds the
narrow double once, with no rounding test at all; the same comparison with
the full block and its test certifies that loop (its results record
``"block": "once"``).

Exit status: 0 all certified, 1 some input misrounded, 2 filter failure or
missing kernel.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import multiprocessing as mp_
import os
import platform
import sys
import time

import numpy as np

MARGIN = 2.0 ** -40          # filter half-width (relative)
FILTER_TOL = 2.0 ** -44      # accuracy demanded of reference.FLOAT64
SANITY_SAMPLES = 2000
MAX_EXAMPLES = 10

# ------------------------------------------------------------------ helpers


def _ufuncs():
    from sigmoids import _ufuncs

    return _ufuncs


def available_binary_kernels() -> list[str]:
    """Two-input kernels (x, parameter) with an mpmath truth and a float64 filter."""
    from sigmoids import reference

    u = _ufuncs()
    return [name for name in reference.MPMATH
            if isinstance(getattr(u, name, None), np.ufunc) and getattr(u, name).nin == 2
            and name in reference.FLOAT64.keys()]


def kernel_parameter(name: str):
    """The catalog Param of two-input kernel ``name`` (its entry's first parameter)."""
    import sigmoids as sg

    for entry in sg.catalog.values():
        if entry.info.params and name in entry.info.kernels.values():
            return entry.info.params[0]
    raise KeyError(name)


def parameter_grid(param, count: int) -> np.ndarray:
    """``count`` float32 values of ``param`` spread densely over its valid
    range: every integer from the smallest valid one for an integer
    parameter, else geometrically between the ends of the catalog's grid
    (which are included); the catalog's own grid values (inf too) are added."""
    if param.integer:
        start = int(np.ceil(param.low)) + (1 if param.low_open and param.low == np.ceil(param.low) else 0)
        values = np.arange(start, start + count, dtype=np.float64)
    else:
        finite = [v for v in param.grid if np.isfinite(v)]   # Student's nu = inf is a grid value
        lo, hi = min(finite), max(finite)
        values = np.geomspace(lo, hi, count)
    values = np.unique(np.concatenate([values.astype(np.float32), np.asarray(param.grid, dtype=np.float32)]))
    return np.array([v for v in values if param.is_valid(float(v))], dtype=np.float32)


def available_kernels() -> list[str]:
    """One-input kernels that have a ufunc, an mpmath truth and a float64 filter."""
    from sigmoids import reference

    u = _ufuncs()
    names = []
    for name in reference.MPMATH:
        f = getattr(u, name, None)
        if isinstance(f, np.ufunc) and f.nin == 1 and f.nout == 1 and name in reference.FLOAT64.keys():
            names.append(name)
    return names


def _fmt(v) -> str:
    v = float(v)
    if math.isnan(v) or math.isinf(v):
        return repr(v)
    return f"{v!r} ({v.hex()})"


def _filter(ref: np.ndarray, x: np.ndarray | None = None):
    """(certain mask, expected float32) of the float64 filter.  With the
    inputs ``x``: a zero result at x = +-0 is never certain.  There the
    exact value is often an exact zero, whose sign is a convention that
    float64 formulas get wrong (pow(-0, 1/2) is +0 but the reference's
    x**n path gave -0 for hill; -log1p(0) is -0 where log(1) is +0); the
    audit found two such false alarms in hill and hill_logsf.  Two inputs per
    block go to mpmath instead."""
    lo = (ref * (1.0 - MARGIN)).astype(np.float32)
    hi = (ref * (1.0 + MARGIN)).astype(np.float32)
    certain = lo.view(np.uint32) == hi.view(np.uint32)
    if x is not None:
        certain &= ~((lo == 0) & (x == 0))
    return certain, lo


def _either_zero(expected: np.ndarray, exact, x: np.ndarray, ours: np.ndarray) -> np.ndarray:
    """``expected``, except that a zero of ours at an input x = +-0 whose
    exact value is exactly 0 is taken as it is: mpmath has no signed zero,
    so the sign there is a convention, not a rounding (smoothstep_inverse
    returns its input -0 unchanged, hill(-0, n) is +0 as pow(-0, n) is).
    Everywhere else the sign of a zero must match, e.g. -0 for a tiny
    negative exact value."""
    exact_zero = np.array([e == 0 for e in exact], dtype=bool)
    keep = exact_zero & (x == 0) & (ours == 0)
    return np.where(keep, ours, expected)


def _mismatch(ours: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Bitwise inequality, NaN matching any NaN."""
    diff = ours.view(np.uint32) != expected.view(np.uint32)
    both_nan = np.isnan(ours) & np.isnan(expected)
    return diff & ~both_nan


# ------------------------------------------------------------- the sanity check


def check_filter(name: str, seed: int = 0, n: int = SANITY_SAMPLES, params: tuple = ()) -> dict:
    """Check reference.FLOAT64[name] against mpmath on ``n`` float32 inputs
    (with the parameter values ``params`` for a two-input kernel)."""
    import mpmath as mp

    from sigmoids import reference

    rng = np.random.default_rng([seed, sum(map(ord, name))])
    half = n // 2
    bits_any = rng.integers(0, 2 ** 32, size=half, dtype=np.uint64).astype(np.uint32)
    # |x| in [2^-30, 2^9): biased exponent 97 .. 135, random sign and mantissa
    exps = rng.integers(127 - 30, 127 + 9, size=n - half, dtype=np.uint64)
    mant = rng.integers(0, 2 ** 23, size=n - half, dtype=np.uint64)
    sign = rng.integers(0, 2, size=n - half, dtype=np.uint64)
    bits_mid = ((sign << 31) | (exps << 23) | mant).astype(np.uint32)
    x = np.concatenate([bits_any, bits_mid]).view(np.float32)

    with np.errstate(all="ignore"):
        ref = np.asarray(reference.FLOAT64[name](x.astype(np.float64), *params), dtype=np.float64)
        certain, expected = _filter(ref, x)
    with np.errstate(all="ignore"):  # signalling-NaN patterns raise FE_INVALID when widened
        exact = reference.evaluate(name, x, params=params)
        exact32 = reference.correctly_rounded(exact, np.float32)

    # Below 2^-160 every value rounds to a float32 zero whatever the filter's
    # relative error (the verdict check below still applies there): the
    # smoothstep derivative's float64 reference is good to only 2^-37 near
    # 1e-307, which no float32 result can see.
    tiny = mp.mpf(2.0) ** -160
    huge = mp.mpf(np.finfo(np.float64).max)
    max_rel, worst_x, rel_failures = 0.0, None, []
    for xi, r, e in zip(x.tolist(), ref.tolist(), exact):
        if mp.isnan(e) or mp.isinf(e) or e == 0 or not (tiny <= abs(e) <= huge):
            continue
        rel = float(abs(mp.mpf(r) - e) / abs(e)) if math.isfinite(r) else math.inf
        if rel > max_rel:
            max_rel, worst_x = rel, xi
        if rel > FILTER_TOL:
            rel_failures.append((xi, r, float(e)))
    if not params:   # the sweep takes NaN outside an inverse's domain as the definition: confirm it
        lo, hi = kernel_shape(name)["domain"]
        wide = x.astype(np.float64)
        for xi in wide[(wide < lo) | (wide > hi)].tolist():
            e = exact[np.flatnonzero(wide == xi)[0]]
            if not mp.isnan(e):
                rel_failures.append((xi, "outside the domain", float(e)))
    verdict_bad = certain & _mismatch(expected, exact32)
    verdict_failures = [(float(x[i]), float(expected[i]), float(exact32[i])) for i in np.flatnonzero(verdict_bad)]
    return {
        "samples": int(n),
        "max_rel_error": max_rel,
        "max_rel_error_log2": (math.log2(max_rel) if max_rel > 0 else None),
        "worst_input": worst_x,
        "rel_failures": rel_failures[:MAX_EXAMPLES],
        "n_rel_failures": len(rel_failures),
        "verdict_failures": verdict_failures[:MAX_EXAMPLES],
        "n_verdict_failures": len(verdict_failures),
        "ok": not rel_failures and not verdict_failures,
    }


# ------------------------------------------------------------- kernel shapes

#: kernels outside the catalog's entries, with the operation they behave like
EXTRA_KERNEL_OPS = {"softplus": "value"}
#: kernels whose exact values are not monotone on each sign half even between
#: kinks: PLAN's inverse of a non-monotone table
NOT_MONOTONE = {"plan_inverse"}


def kernel_shape(name: str) -> dict:
    """How a one-input kernel may be swept: ``runs`` (monotone on each sign
    half between ``breaks``), ``domain`` (closed interval outside which the
    exact value is NaN) and ``breaks`` (|x| values that end a run)."""
    import sigmoids as sg

    op, info = EXTRA_KERNEL_OPS.get(name), None
    for entry in sg.catalog.values():
        for kop, kname in entry.info.kernels.items():
            if kname == name and op is None:
                op, info = kop, entry.info
    if op is None:
        return {"runs": False, "domain": (-math.inf, math.inf), "breaks": ()}
    domain = (-math.inf, math.inf)
    if op == "inverse":
        domain = tuple(float(v) for v in info.range)
    elif op == "ppf":
        domain = (0.0, 1.0)
    breaks = ()
    if info is not None and op not in ("inverse", "ppf"):
        breaks = tuple(sorted({abs(float(k)) for k in info.kinks}))
    symmetry = None
    mirror = None
    if info is not None:
        if info.odd and op in ("value", "inverse"):
            symmetry = "odd"
        elif info.symmetric and op in ("derivative", "pdf"):
            symmetry = "even"
        elif info.symmetric and op == "logcdf" and info.kernels["logsf"] != name:
            mirror = info.kernels["logsf"]
    return {"runs": name not in NOT_MONOTONE, "domain": domain, "breaks": breaks,
            "symmetry": symmetry, "mirror": mirror, "relation": RELATIONS.get(name)}


#: kernel -> (certified kernel A, input scale t, output scale s): the exact
#: value is s A(t x), t and s powers of 2.  tanh is the logistic at 2x:
#: tanh's CDF form is sigma(2x), its density 2 sigma'(2x), 1 - tanh^2 =
#: 4 sigma'(2x), artanh(2p - 1) = logit(p)/2.  Where A's result r is
#: correctly rounded, t x is exact and s r a normal float32, s r is the
#: correctly rounded s A(t x): bit equality with it certifies an input
#: without the filter.  Everything else goes through the filter as usual.
#: kernels known to be correctly rounded on all 2^32 inputs: the only
#: allowed bases of a relation (filled from the audit JSON files in docs/
#: and from this run's own results)
CERTIFIED: set = set()


def load_certified(paths=None, block=None) -> set:
    """Kernels the audit JSON files record as exhaustive with 0 misrounded
    (on their float32 ``block`` only, if given: "full", "narrow", "once")."""
    import pathlib

    docs = pathlib.Path(__file__).resolve().parents[1] / "docs"
    paths = paths or [docs / "audit_float32.json", docs / "audit_float32_catalog.json"]
    found = set()
    for path in paths:
        try:
            with open(path) as fh:
                doc = json.load(fh)
        except OSError:
            continue
        found |= {r["kernel"] for r in doc.get("results", [])
                  if r.get("exhaustive") and r.get("misrounded") == 0 and "error" not in r
                  and block in (None, r.get("block", "full"))}
    return found


RELATIONS = {
    "tanh_cdf": ("logistic", 2.0, 1.0),
    "tanh_logcdf": ("logistic_logcdf", 2.0, 1.0),
    "tanh_logsf": ("logistic_logsf", 2.0, 1.0),
    "tanh_pdf": ("logistic_derivative", 2.0, 2.0),
    "tanh_derivative": ("logistic_derivative", 2.0, 4.0),
    "tanh_ppf": ("logistic_inverse", 1.0, 0.5),
}


# ------------------------------------------------------------------ the sweep


def _run_ends(x: np.ndarray, ours: np.ndarray, lone: np.ndarray) -> np.ndarray:
    """Mask of the inputs that start or end a run of equal ``ours`` bits;
    a ``lone`` input is a run of its own, and so are the block's ends."""
    bits = ours.view(np.uint32)
    start = np.empty(x.size, dtype=bool)
    start[0] = True
    np.not_equal(bits[1:], bits[:-1], out=start[1:])
    start |= lone
    start[1:] |= lone[:-1]
    end = np.empty_like(start)
    end[:-1] = start[1:]
    end[-1] = True
    return start | end


def _related(relation, x, ours) -> np.ndarray:
    """Mask of the inputs whose result equals s A(t x) bit for bit, where
    that is the correctly rounded value (see RELATIONS)."""
    base, t, scale = relation
    with np.errstate(all="ignore"):
        scaled_x = (x * np.float32(t)).astype(np.float32)
        r = getattr(_ufuncs(), base)(scaled_x)
        expected = (r * np.float32(scale)).astype(np.float32)
    exact_input = np.isfinite(scaled_x) & np.isfinite(x)
    # s r is normal (and so is r): scaling by a power of 2 commutes with rounding
    normal = (np.abs(expected) >= np.float32(2.0 ** -125)) & (np.abs(r) >= np.float32(2.0 ** -125)) & np.isfinite(expected)
    return exact_input & normal & (expected.view(np.uint32) == ours.view(np.uint32))


def _partner_mismatches(shape, x, ours) -> tuple[int, list]:
    """Bit mismatches of the symmetric half (odd/even) or of the mirrored
    logsf against ``ours``: (count, examples)."""
    with np.errstate(all="ignore"):
        negated = (-x).astype(np.float32)
        if shape.get("symmetry"):
            other = getattr(_ufuncs(), shape["_name"])(negated)
            want = -ours if shape["symmetry"] == "odd" else ours
        else:
            other = getattr(_ufuncs(), shape["mirror"])(negated)
            want = ours
    bad = np.flatnonzero(_mismatch(other, want))
    examples = [{"x": _fmt(negated[i]), "ours": _fmt(other[i]), "expected": _fmt(want[i])} for i in bad[:MAX_EXAMPLES]]
    return int(bad.size), examples


def _kernel_list(attribute: str) -> set:
    return set(getattr(_ufuncs(), attribute, "").split())


def narrow_kernels() -> set:
    """The kernels whose float32/float16 loops run their narrow block:
    with the rounding test, or (``ROUND_ONCE_KERNELS``) without it."""
    return _kernel_list("NARROW_KERNELS") | _kernel_list("ROUND_ONCE_KERNELS")


def float32_block(name: str) -> str:
    """What the float32 loop of kernel ``name`` runs: "fast" (its explicit-SIMD
    loop, ``SG_FAST_F32_TABLE``, with the lanes it leaves on the narrow block
    and the test), "once" (its narrow block rounded once, no rounding test:
    ``SG_ROUNDS_ONCE``), "narrow" (the narrow block and the test) or "full"
    (the full float64 block and the test).  Audit results record it, and a
    certificate covers only that."""
    if name in _kernel_list("FAST_KERNELS"):
        return "fast"
    if name in _kernel_list("ROUND_ONCE_KERNELS"):
        return "once"
    return "narrow" if name in _kernel_list("NARROW_KERNELS") else "full"


def _full_block_results(ufunc, x: np.ndarray) -> np.ndarray:
    """``ufunc(x)`` through the full float64 block (the certified loop)."""
    u = _ufuncs()
    previous = u._set_narrow_blocks(False)
    try:
        with np.errstate(all="ignore"):
            return ufunc(x)
    finally:
        u._set_narrow_blocks(previous)


def _lone(x: np.ndarray, ours: np.ndarray, outside: np.ndarray, breaks) -> np.ndarray:
    """The inputs that must be runs of their own: NaN in or out, outside the
    domain, or at a catalog kink."""
    lone = np.isnan(x) | np.isnan(ours) | outside
    for b in breaks:
        lone |= np.abs(x) == np.float32(b)
    return lone


def _sweep_block(name, ufunc, f64, start, size, shape=None, keep=None):
    """Audit bit patterns [start, start + size): (filtered, candidates, bad
    bits, ours, expected); ``shape`` (see :func:`kernel_shape`) enables runs,
    and ``shape["narrow"]`` takes the expected results from the full block.
    ``keep``, a dict, receives the inputs and all results (``x``, ``ours``)."""
    from sigmoids import reference

    bits = np.arange(start, start + size, dtype=np.uint64).astype(np.uint32)
    x = bits.view(np.float32)
    with np.errstate(all="ignore"):
        ours = ufunc(x)
    if keep is not None:
        keep.update(x=x, ours=ours)
    if shape and shape.get("narrow"):
        return _compare_block_with_full(ufunc, bits, x, ours, shape)
    with np.errstate(all="ignore"):
        expected = np.full_like(ours, np.nan)
        lo, hi = shape["domain"] if shape else (-math.inf, math.inf)
        wide = x.astype(np.float64)             # the bounds compared exactly
        outside = (wide < lo) | (wide > hi)     # exact value NaN by definition
        if shape and shape["runs"]:
            todo = np.flatnonzero(_run_ends(x, ours, _lone(x, ours, outside, shape["breaks"])) & ~outside)
        else:
            todo = np.flatnonzero(~outside)
        if shape and shape.get("relation") and shape.get("runs"):
            # an input certified by the relation needs no filter, even at a
            # run's end: its result is the correctly rounded one
            todo = todo[~_related(shape["relation"], x[todo], ours[todo])]
        ref = np.asarray(f64(wide[todo]), dtype=np.float64)
        certain, expected_todo = _filter(ref, x[todo])
        # A NaN from the filter is only trusted when ours is NaN as well.
        certain &= ~(np.isnan(expected_todo) & ~np.isnan(ours[todo]))
    cand = todo[~certain]
    if cand.size:
        with np.errstate(all="ignore"):
            exact = reference.evaluate(name, x[cand])
            expected_todo[~certain] = _either_zero(reference.correctly_rounded(exact, np.float32),
                                                   exact, x[cand], ours[cand])
    expected[todo] = expected_todo
    bad_mask = outside & ~np.isnan(ours)
    bad_mask[todo] |= _mismatch(ours[todo], expected_todo)
    bad = np.flatnonzero(bad_mask)
    if bad.size and shape and shape["runs"]:
        # a failed run end leaves the run's inside unproven: redo the block
        # input by input, so that the misrounded count is exact
        return _sweep_block(name, ufunc, f64, start, size, dict(shape, runs=False))
    return int(todo.size), int(cand.size), bits[bad], ours[bad], expected[bad]


def _compare_block_with_full(ufunc, bits, x, ours, shape):
    """The ``--narrow`` sweep of one block: ``ours`` (narrow) against the
    certified full block at the ends of every run of equal results (at
    every input without runs).  Same return value as :func:`_sweep_block`."""
    if shape["runs"]:
        lo, hi = shape["domain"]
        with np.errstate(invalid="ignore"):
            wide = x.astype(np.float64)
        # outside the domain the full block gives NaN: never inside a run
        lone = _lone(x, ours, (wide < lo) | (wide > hi), shape["breaks"])
        todo = np.flatnonzero(_run_ends(x, ours, lone))
    else:
        todo = np.arange(x.size)
    expected = _full_block_results(ufunc, x[todo])
    bad = todo[_mismatch(ours[todo], expected)]
    if bad.size and shape["runs"]:
        return _compare_block_with_full(ufunc, bits, x, ours, dict(shape, runs=False))
    full = np.full_like(ours, np.nan)
    full[todo] = expected
    return int(todo.size), 0, bits[bad], ours[bad], full[bad]


#: inputs evaluated at once inside a worker: small enough that NumPy's
#: temporaries are reused from the heap instead of fresh page-faulted mmaps.
BLOCK = 1 << 20


def _sweep_chunk(task):
    """Worker: audit bit patterns [start, start + size) of kernel ``name``."""
    name, start, size, shape = task
    from sigmoids import reference

    ufunc = getattr(_ufuncs(), name)
    f64 = None if shape.get("narrow") else reference.FLOAT64[name]
    t0 = time.perf_counter()
    filtered = candidates = 0
    bad_bits, bad_ours, bad_expected = [], [], []
    partner_bad, partner_examples = 0, []
    for s in range(start, start + size, BLOCK):
        kept = {}
        f, n, b, o, e = _sweep_block(name, ufunc, f64, s, min(BLOCK, start + size - s), shape, kept)
        filtered += f
        candidates += n
        if shape.get("symmetry") or shape.get("mirror"):
            k, ex = _partner_mismatches(dict(shape, _name=name), kept["x"], kept["ours"])
            partner_bad += k
            partner_examples += ex[:MAX_EXAMPLES - len(partner_examples)]
        bad_bits.append(b)
        bad_ours.append(o)
        bad_expected.append(e)
    bits = np.concatenate(bad_bits)
    ours = np.concatenate(bad_ours)
    expected = np.concatenate(bad_expected)
    examples = [
        {"bits": f"0x{int(bits[i]):08x}", "x": _fmt(bits[i:i + 1].view(np.float32)[0]),
         "ours": _fmt(ours[i]), "expected": _fmt(expected[i])}
        for i in range(min(len(bits), MAX_EXAMPLES))
    ]
    return {
        "name": name,
        "start": start,
        "checked": int(size),
        "filtered": filtered,
        "candidates": candidates,
        "misrounded": int(len(bits)),
        "examples": examples,
        "partner_mismatches": partner_bad,
        "partner_examples": partner_examples,
        "seconds": time.perf_counter() - t0,
    }


def _sweep_param_chunk(task):
    """Worker: audit two-input kernel ``name`` at parameter ``p`` over the x
    bit patterns offset + k * stride, k in [first, first + size)."""
    name, p, offset, stride, first, size = task
    from sigmoids import reference

    ufunc = getattr(_ufuncs(), name)
    f64 = reference.FLOAT64[name]
    t0 = time.perf_counter()
    bits = ((np.arange(first, first + size, dtype=np.uint64) * stride + offset) & 0xFFFFFFFF).astype(np.uint32)
    x = bits.view(np.float32)
    p32 = np.float32(p)
    with np.errstate(all="ignore"):
        ours = ufunc(x, p32)
        ref = np.asarray(f64(x.astype(np.float64), np.float64(p32)), dtype=np.float64)
        certain, expected = _filter(ref, x)
        del ref
        certain &= ~(np.isnan(expected) & ~np.isnan(ours))
    cand = np.flatnonzero(~certain)
    if cand.size:
        exact = reference.evaluate(name, x[cand], params=(np.float64(p32),))
        expected[cand] = _either_zero(reference.correctly_rounded(exact, np.float32), exact, x[cand], ours[cand])
    bad = np.flatnonzero(_mismatch(ours, expected))
    examples = [
        {"bits": f"0x{int(bits[i]):08x}", "x": _fmt(x[i]), "param": float(p32), "ours": _fmt(ours[i]),
         "expected": _fmt(expected[i])}
        for i in bad[:MAX_EXAMPLES]
    ]
    return {"name": name, "param": float(p32), "checked": int(size), "candidates": int(cand.size),
            "misrounded": int(bad.size), "examples": examples, "seconds": time.perf_counter() - t0}


def audit_binary_kernel(name: str, pool, grid: np.ndarray, x_bits: int, chunk_bits: int,
                        sample: int | None, progress=True) -> dict:
    """Sweep two-input kernel ``name`` over parameter ``grid`` x 2^x_bits x patterns."""
    per_param = 1 << x_bits
    stride = (1 << 32) // per_param
    size = min(1 << chunk_bits, per_param)
    chunks = per_param // size
    idx = list(range(chunks))
    if sample is not None and sample < chunks:
        idx = sorted({int(round(i * (chunks - 1) / max(sample - 1, 1))) for i in range(sample)})
    tasks = []
    for j, p in enumerate(grid):
        # a different offset for each parameter, so that together they see
        # many more x patterns than one of them
        offset = (j * 2654435761) % stride
        tasks += [(name, float(p), offset, stride, i * size, size) for i in idx]
    t0 = time.perf_counter()
    checked = candidates = misrounded = 0
    examples = []
    per_param_bad: dict[float, int] = {}
    done = 0
    for res in pool.imap_unordered(_sweep_param_chunk, tasks):
        done += 1
        checked += res["checked"]
        candidates += res["candidates"]
        misrounded += res["misrounded"]
        examples.extend(res["examples"])
        if res["misrounded"]:
            per_param_bad[res["param"]] = per_param_bad.get(res["param"], 0) + res["misrounded"]
        if progress and (done % max(1, len(tasks) // 16) == 0 or done == len(tasks)):
            el = time.perf_counter() - t0
            print(f"  {name}: {done}/{len(tasks)} chunks, {checked:,} checked, {candidates:,} candidates, "
                  f"{misrounded:,} misrounded, {el:.0f} s", file=sys.stderr, flush=True)
    examples.sort(key=lambda e: (e["param"], int(e["bits"], 16)))
    return {
        "kernel": name,
        "params": [float(p) for p in grid],
        "x_patterns_per_param": len(idx) * size,
        "checked": checked,
        "candidates": candidates,
        "misrounded": misrounded,
        "misrounded_by_param": {f"{k!r}": v for k, v in sorted(per_param_bad.items())},
        "examples": examples[:MAX_EXAMPLES],
        "seconds": time.perf_counter() - t0,
    }


def audit_kernel(name: str, pool, chunk_bits: int, sample: int | None, progress=True, runs=True,
                 mirror=True, narrow=False) -> dict:
    """Sweep one-input kernel ``name``; with ``mirror``, also certify the
    mirrored logsf of a symmetric entry's logcdf (see ``kernel_shape``);
    with ``narrow``, its narrow block against its full block."""
    size = 1 << chunk_bits
    n_chunks = (1 << 32) // size
    if sample is not None and sample < n_chunks:
        idx = sorted({int(round(i * (n_chunks - 1) / max(sample - 1, 1))) for i in range(sample)})
    else:
        idx = list(range(n_chunks))
    shape = kernel_shape(name)
    shape["runs"] = shape["runs"] and runs
    if not runs:
        shape.update(symmetry=None, mirror=None, relation=None)
    if not mirror:
        shape["mirror"] = None
    shape["narrow"] = narrow
    if narrow:
        shape["relation"] = None       # the comparison is as cheap as the relation
    if shape["relation"] and shape["relation"][0] not in CERTIFIED:
        # a relation proves nothing unless its base is itself certified
        print(f"  {shape['relation'][0]} is not certified: {name} goes through the filter", file=sys.stderr)
        shape["relation"] = None
    if shape["symmetry"] and size <= (1 << 31):
        # the negative half is certified by s(-x) == -s(x) (odd) or s(x)
        # (even) bit for bit: rounding to nearest is symmetric
        idx = [i for i in idx if i * size < (1 << 31)]
    elif shape["symmetry"]:
        shape["symmetry"] = None       # one chunk of all 2^32: sweep it whole
    tasks = [(name, i * size, size, shape) for i in idx]
    t0 = time.perf_counter()
    checked = filtered = candidates = misrounded = partner_bad = 0
    examples, partner_examples = [], []
    done = 0
    for res in pool.imap_unordered(_sweep_chunk, tasks):
        done += 1
        partner_bad += res["partner_mismatches"]
        partner_examples += res["partner_examples"]
        checked += res["checked"] * (2 if shape["symmetry"] else 1)
        filtered += res["filtered"]
        candidates += res["candidates"]
        misrounded += res["misrounded"]
        examples.extend(res["examples"])
        if progress and (done % max(1, len(tasks) // 16) == 0 or done == len(tasks)):
            el = time.perf_counter() - t0
            print(
                f"  {name}: {done}/{len(tasks)} chunks, {checked:,} checked, {filtered:,} filtered, "
                f"{candidates:,} candidates, {misrounded:,} misrounded, {el:.0f} s",
                file=sys.stderr, flush=True,
            )
    examples.sort(key=lambda e: int(e["bits"], 16))
    if shape["symmetry"]:
        misrounded += partner_bad      # an asymmetric pair: one of the two is wrong
    return {
        "kernel": name,
        "block": float32_block(name),
        "exhaustive": len(idx) == (n_chunks // 2 if shape["symmetry"] else n_chunks),
        "symmetry": shape["symmetry"],
        "relation": shape["relation"],
        "mirror": shape["mirror"],
        "partner_mismatches": partner_bad,
        "partner_examples": partner_examples[:MAX_EXAMPLES],
        "chunks": len(idx),
        "chunk_bits": chunk_bits,
        "checked": checked,
        "shape": {"runs": shape["runs"], "domain": [repr(v) for v in shape["domain"]],
                  "breaks": list(shape["breaks"])},
        "filtered": filtered,
        "candidates": candidates,
        "misrounded": misrounded,
        "examples": examples[:MAX_EXAMPLES],
        "seconds": time.perf_counter() - t0,
    }


# ---------------------------------------------------------------------- main


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__}


def report(paths) -> str:
    """A markdown table of the one-input kernels in the audit JSON files
    ``paths`` (later files win for a kernel audited twice)."""
    rows, grids = {}, {}
    for path in paths:
        with open(path) as fh:
            doc = json.load(fh)
        for r in doc["results"]:
            if "error" in r:
                continue
            if "params" in r:
                grids[r["kernel"]] = r
            elif "exhaustive" in r:
                rows[r["kernel"]] = (r, doc["date"])
    if grids and not rows:
        lines = ["| kernel | parameter values | x patterns per value | inputs checked | candidates (mpmath) | "
                 "misrounded | time |", "|---|---|---|---|---|---|---|"]
        for name, r in grids.items():
            ps = r["params"]
            lines.append(f"| {name} | {len(ps)}, {ps[0]:g} to {ps[-1]:g} | {r['x_patterns_per_param']:,} | "
                         f"{r['checked']:,} | {r['candidates']:,} | **{r['misrounded']:,}** | {r['seconds']:.0f} s |")
        return "\n".join(lines)
    lines = ["| kernel | inputs | how | through the filter | candidates (mpmath) | misrounded | "
             "filter max rel. error | time | date |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, (r, date) in rows.items():
        fc = r.get("filter_check") or {}
        err = fc.get("max_rel_error_log2")
        how = r.get("certified_by") or (f"{r['symmetry']} half + symmetry" if r.get("symmetry") else
                                         f"relation to {r['relation'][0]}" if r.get("relation") else
                                         "runs" if r.get("shape", {}).get("runs") else "every input")
        if r.get("against"):
            how += f", against the {r['against']}"
            if r.get("block") == "once":
                how += " (loop rounded once, no test)"
            elif r.get("block") == "fast":
                how += f" (fast loop, {r.get('fast_variant', '?')})"
        elif r.get("block") == "fast":
            how += f", fast loop ({r.get('fast_variant', '?')})"
        elif r.get("block") in ("narrow", "once"):
            how += f", {r['block']} block"
        lines.append(f"| {name} | {r['checked']:,}{'' if r['exhaustive'] else ' (sample)'} | {how} | "
                     f"{r.get('filtered', r['checked']):,} | {r['candidates']:,} | **{r['misrounded']:,}** | "
                     f"{'-' if err is None else f'2^{err:.1f}'} | {r['seconds']:.0f} s | {r.get('date', date)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kernels", nargs="*", help="kernel (ufunc) names; default: logistic")
    p.add_argument("--all", action="store_true", help="every one-input kernel with a reference")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--chunk-bits", type=int, default=24, help="log2 of inputs per chunk (default 24)")
    p.add_argument("--sample", type=int, default=None, metavar="N", help="check only N evenly spaced chunks")
    p.add_argument("--json", metavar="FILE", help="write the results as JSON")
    p.add_argument("--param-grid", type=int, default=64, metavar="N",
                   help="two-input kernels: number of parameter values (default 64)")
    p.add_argument("--x-patterns", type=int, default=24, metavar="BITS",
                   help="two-input kernels: log2 of x bit patterns per parameter value (default 24)")
    p.add_argument("--all-binary", action="store_true", help="every two-input kernel with a reference")
    p.add_argument("--no-runs", action="store_true",
                   help="send every input through the filter (see 'Monotone runs')")
    p.add_argument("--skip-filter-check", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--narrow", action="store_true",
                   help="certify the narrow blocks against the certified full blocks (see 'Narrow blocks')")
    p.add_argument("--report", nargs="+", metavar="JSON", help="print a markdown table of audit JSON files and exit")
    args = p.parse_args(argv)
    if args.report:
        print(report(args.report))
        return 0
    if not 10 <= args.chunk_bits <= 32:
        p.error("--chunk-bits must be in [10, 32]")
    if not 10 <= args.x_patterns <= 32:
        p.error("--x-patterns must be in [10, 32]")

    known = available_kernels()
    binary = available_binary_kernels()
    names = list(known) if args.all else (args.kernels or ([] if args.all_binary else ["logistic"]))
    if args.all and args.kernels:
        names = list(dict.fromkeys(args.kernels + known))
    if args.all_binary:
        names = list(dict.fromkeys(names + binary))
    unknown = [n for n in names if n not in known and n not in binary]
    if unknown:
        print(f"unknown or unauditable kernel(s): {', '.join(unknown)}; available: "
              f"{', '.join(known + binary)}", file=sys.stderr)
        return 2

    from sigmoids import _ufuncs

    info = machine()
    info["wide_type"] = getattr(_ufuncs, "WIDE_TYPE", None)
    info["simd_path"] = getattr(_ufuncs, "SIMD_PATH", None)
    if hasattr(_ufuncs, "fast_variant"):
        # the fast loops certified are this variant's (tests compare the others with it)
        info["fast_variant"] = _ufuncs.fast_variant()[0]
    info["load_average"] = os.getloadavg()
    started = _dt.datetime.now(_dt.timezone.utc)
    results = []
    status = 0
    by_mirror: dict = {}
    CERTIFIED.update(load_certified())
    if args.narrow:
        full = load_certified(block="full")
        uncertified = [n for n in names if n in binary or n not in full]
        if uncertified:
            print(f"--narrow needs one-input kernels whose full block is certified in docs/: "
                  f"{', '.join(uncertified)} are not", file=sys.stderr)
            return 2
    ctx = mp_.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(args.workers) as pool:
        for name in names:
            print(f"== {name}", flush=True)
            if name in binary:
                grid = parameter_grid(kernel_parameter(name), args.param_grid)
                res = {"kernel": name}
                if not args.skip_filter_check:
                    t0 = time.perf_counter()
                    checks = [check_filter(name, seed=i, n=SANITY_SAMPLES // 4, params=(float(v),))
                              for i, v in enumerate(grid[:: max(1, len(grid) // 8)])]
                    fc = {"ok": all(c["ok"] for c in checks),
                          "max_rel_error": max(c["max_rel_error"] for c in checks),
                          "failures": [f for c in checks for f in c["rel_failures"] + c["verdict_failures"]][:MAX_EXAMPLES]}
                    print(f"  filter check: {len(checks)} parameter values x {SANITY_SAMPLES // 4} samples, max rel "
                          f"error of FLOAT64 {fc['max_rel_error']:.3g} [{time.perf_counter() - t0:.1f} s]")
                    if not fc["ok"]:
                        print(f"  FILTER FAILED: {fc['failures'][:3]}; kernel NOT certified")
                        results.append({"kernel": name, "filter_check": fc, "error": "filter not accurate enough"})
                        status = max(status, 2)
                        continue
                    res["filter_check"] = fc
                res.update(audit_binary_kernel(name, pool, grid, args.x_patterns, args.chunk_bits, args.sample))
                results.append(res)
                print(f"  {len(grid)} parameter values from {grid[0]:g} to {grid[-1]:g}, "
                      f"{res['x_patterns_per_param']:,} x patterns each: checked {res['checked']:,}; "
                      f"candidates sent to mpmath {res['candidates']:,}; misrounded {res['misrounded']:,}; "
                      f"{res['seconds']:.1f} s")
                for e in res["examples"][:5]:
                    print(f"    x={e['x']} [{e['bits']}], p={e['param']!r}: ours {e['ours']}, expected {e['expected']}")
                if res["misrounded"]:
                    status = max(status, 1)
                sys.stdout.flush()
                continue
            if not args.skip_filter_check and not args.narrow:
                t0 = time.perf_counter()
                fc = check_filter(name)
                mre = fc["max_rel_error"]
                print(
                    f"  filter check: {fc['samples']} samples, max rel error of FLOAT64 "
                    f"{mre:.3g} (2^{fc['max_rel_error_log2']:.1f}) at x={fc['worst_input']!r}"
                    if mre > 0 else f"  filter check: {fc['samples']} samples, max rel error 0",
                    f"[{time.perf_counter() - t0:.1f} s]",
                )
                if not fc["ok"]:
                    print(
                        f"  FILTER FAILED: {fc['n_rel_failures']} inputs beyond 2^-44, "
                        f"{fc['n_verdict_failures']} wrong certain verdicts: "
                        f"{(fc['rel_failures'] + fc['verdict_failures'])[:3]}; kernel NOT certified"
                    )
                    results.append({"kernel": name, "filter_check": fc, "error": "filter not accurate enough"})
                    status = max(status, 2)
                    continue
            else:
                fc = None
            if name in by_mirror:
                results.append(by_mirror.pop(name))
                r = results[-1]
                print(f"  certified as {r['certified_by']}: {r['checked']:,} inputs, "
                      f"{r['partner_mismatches']:,} mismatches; misrounded {r['misrounded']:,}")
                if r["misrounded"]:
                    status = max(status, 1)
                continue
            later = names[names.index(name) + 1:]
            mirrored = kernel_shape(name)["mirror"]
            res = audit_kernel(name, pool, args.chunk_bits, args.sample, runs=not args.no_runs,
                               mirror=mirrored in later, narrow=args.narrow)
            res["filter_check"] = fc
            if args.narrow:
                res["against"] = "certified full block"
            results.append(with_fast_variant(res, info))
            if res["exhaustive"] and res["misrounded"] == 0:
                CERTIFIED.add(name)
            if res["mirror"]:
                # logsf(x) = logcdf(-x): every input of the mirror compared bit
                # for bit with a certified logcdf result
                by_mirror[res["mirror"]] = with_fast_variant({
                    "kernel": res["mirror"], "exhaustive": res["exhaustive"], "checked": res["checked"],
                    "certified_by": f"mirror of {name}: logsf(x) == logcdf(-x)",
                    "block": float32_block(res["mirror"]),
                    "filtered": 0, "candidates": 0,
                    "misrounded": res["partner_mismatches"] + res["misrounded"],
                    "partner_mismatches": res["partner_mismatches"],
                    "examples": res["partner_examples"], "seconds": 0.0, "filter_check": None}, info)
            scope = "all 2^32" if res["exhaustive"] else f"{res['chunks']} chunks of 2^{args.chunk_bits}"
            print(
                f"  inputs checked {res['checked']:,} ({scope}); through the filter {res['filtered']:,}; "
                f"candidates sent to mpmath "
                f"{res['candidates']:,}; misrounded {res['misrounded']:,}; {res['seconds']:.1f} s"
            )
            for e in res["examples"][:5]:
                print(f"    x={e['x']} [{e['bits']}]: ours {e['ours']}, expected {e['expected']}")
            if res["misrounded"]:
                status = max(status, 1)
            sys.stdout.flush()
            if args.json:   # after every kernel, so that a long audit stopped early keeps its results
                write_json(args.json, argv, started, info, results)
    print("\nkernel                     inputs checked   candidates   misrounded   seconds")
    for r in results:
        if "error" in r:
            print(f"{r['kernel']:<26} NOT CERTIFIED: {r['error']}")
        else:
            print(f"{r['kernel']:<26} {r['checked']:>14,} {r['candidates']:>12,} {r['misrounded']:>12,} {r['seconds']:>9.1f}")
    if args.json:
        write_json(args.json, argv, started, info, results)
    return status


def with_fast_variant(result: dict, info: dict) -> dict:
    """``result``, recording which SIMD variant ran if its float32 block is
    a fast loop (the certificates are per variant)."""
    if result["block"] == "fast":
        result["fast_variant"] = info.get("fast_variant")
    return result


def write_json(path, argv, started, info, results) -> None:
    doc = {
        "tool": "tools/audit_float32.py",
        "command": " ".join(["python", "tools/audit_float32.py"] + (argv if argv is not None else sys.argv[1:])),
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": info,
        "margin": MARGIN,
        "filter_tol": FILTER_TOL,
        "results": results,
    }
    with open(path, "w") as fh:
        json.dump(doc, fh, indent=1)


if __name__ == "__main__":
    sys.exit(main())
