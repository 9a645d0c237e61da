"""Shared test data, generated from the catalog.

Every test module parametrises over ``KERNELS`` (each compiled kernel once,
with the domain it is defined on) or over ``ENTRIES`` and ``OPERATIONS``;
adding a catalog row adds its tests.

Parametrised families (``info.params``) have kernels of two inputs, (x, p).
Those appear once per value of the catalog's parameter grid: in ``KERNELS``
as a ``KernelCase`` whose ``params`` holds the value (its ``ufunc`` is the
raw ufunc with the parameter bound), and in ``ENTRY_CASES`` as an
``EntryCase`` that answers like an entry without parameters.  A test written
for one-input kernels therefore runs over every grid value unchanged.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath as mp
import numpy as np
import pytest

import sigmoids as sg
from sigmoids import reference
from sigmoids.catalog import BRANCH_POINTS, COMPANIONS


class BoundUfunc:
    """A two-input ufunc with its parameter fixed: ``bound(x, **kw)`` is
    ``ufunc(x, p, **kw)``.  The parameter is passed as a Python float, so it
    takes the dtype of x (every grid value is exact in float16)."""

    def __init__(self, ufunc: np.ufunc, params: tuple[float, ...]):
        self.raw = ufunc
        self.params = params
        self.__name__ = ufunc.__name__

    def __call__(self, x, *args, **kwargs):
        return self.raw(x, *self.params, *args, **kwargs)


@dataclass(frozen=True)
class KernelCase:
    ufunc_name: str
    public_name: str
    domain: tuple[float, float] | None  # None: the whole real line
    params: tuple[float, ...] = ()      # the parameter values of a two-input kernel
    param_names: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.params:
            return self.ufunc_name
        return self.ufunc_name + "[" + ",".join(f"{n}={p:g}" for n, p in zip(self.param_names, self.params)) + "]"

    @property
    def raw_ufunc(self) -> np.ufunc:
        return getattr(sg._ufuncs, self.ufunc_name)

    @property
    def ufunc(self):
        """The ufunc, with the parameters bound for a two-input kernel."""
        if self.params:
            return BoundUfunc(self.raw_ufunc, self.params)
        return self.raw_ufunc

    @property
    def public(self):
        """The public callable (``sg.logit``, ``sg.genlogistic.cdf``, ...)."""
        if "." in self.public_name or self.public_name in COMPANIONS:
            return sg.kernel(self.public_name)
        return sg.get(self.public_name)

    def evaluate(self, x, digits: int = reference.DIGITS):
        return reference.evaluate(self.ufunc_name, x, digits, params=self.params)

    def expected_narrow(self, x, dtype):
        return reference.expected_narrow(self.ufunc_name, x, dtype, params=self.params)

    def float64_reference(self, x):
        return reference.FLOAT64[self.ufunc_name](x, *self.params)

    def branch_points(self) -> tuple[float, ...]:
        points = BRANCH_POINTS.get(self.ufunc_name, ())
        return tuple(points(*self.params)) if callable(points) else tuple(points)


def _kernel_domain(entry, op):
    """Where the inputs of operation ``op`` of ``entry`` are defined."""
    if op == "inverse":
        return entry.info.range
    if op == "ppf":
        return (0.0, 1.0)
    lo, hi = entry.info.domain
    return None if (lo, hi) == (-math.inf, math.inf) else (lo, hi)


def _grid(entry, scipy: bool = False) -> list[tuple[float, ...]]:
    """Every combination of the grid values of the entry's parameters (of
    the values where scipy.stats is accurate, with ``scipy``)."""
    combos = [()]
    for p in entry.info.params:
        values = p.scipy_grid if scipy and p.scipy_grid is not None else p.grid
        combos = [c + (v,) for c in combos for v in values]
    return combos


def _collect_kernels() -> list[KernelCase]:
    cases: dict[tuple, KernelCase] = {}
    for entry in sg.catalog.values():
        names = entry.info.param_names
        for op in sg.OPERATIONS:
            ufunc_name = entry.info.kernels[op]
            public = entry.info.name if op == "value" else f"{entry.info.name}.{op}"
            for params in _grid(entry):
                cases.setdefault((ufunc_name, params),
                                 KernelCase(ufunc_name, public, _kernel_domain(entry, op), params, names))
    for name, (ufunc_name, _, _) in COMPANIONS.items():
        cases.setdefault((ufunc_name, ()), KernelCase(ufunc_name, name, None))
    return list(cases.values())


KERNELS = _collect_kernels()
ENTRIES = list(sg.catalog.values())
PARAMETRISED = [e for e in ENTRIES if e.info.params]


class EntryCase:
    """A catalog entry with its parameters fixed: called and used like an
    entry without parameters (``case(x)``, ``case.cdf(x)``, ``case.info``,
    ``case.distribution``).  For an entry without parameters every attribute
    is the entry's own."""

    def __init__(self, entry, params: tuple[float, ...] = ()):
        self.entry = entry
        self.params = params
        self.info = entry.info
        for op in sg.OPERATIONS:
            if op != "value":
                setattr(self, op, self._bind(entry.operation(op)))

    def _bind(self, kernel):
        if not self.params:
            return kernel
        params = self.params
        return lambda x, *args, **kwargs: kernel(x, *params, *args, **kwargs)

    def __call__(self, x, *args, **kwargs):
        return self.entry(x, *self.params, *args, **kwargs)

    def operation(self, op):
        return self if op == "value" else getattr(self, op)

    def __str__(self) -> str:
        if not self.params:
            return self.info.name
        return self.info.name + "[" + ",".join(f"{n}={p:g}" for n, p in zip(self.info.param_names, self.params)) + "]"

    @property
    def distribution(self):
        return self.entry.distribution(*self.params) if self.params else self.entry.distribution

    @property
    def slope_at_0(self):
        """The slope at 0 as a float64 (None where the entry records none)."""
        slope = self.info.slope(*self.params)
        return None if slope is None else float(slope)

    def exact_slope_at_0(self):
        """The slope at 0 exactly (mpmath), from the catalog's formula."""
        with mp.workdps(reference.DIGITS):
            return self.info.slope(*(mp.mpf(p) for p in self.params))

    def mpmath(self, op: str = "value"):
        """The mpmath definition of operation ``op`` as a function of x alone."""
        function = reference.MPMATH[self.info.kernels[op]]
        if not self.params:
            return function
        params = tuple(mp.mpf(p) for p in self.params)
        return lambda t: function(t, *params)

    def domain_points(self, x, interior: bool = False) -> np.ndarray:
        """The points of ``x`` inside the entry's domain (its interior with
        ``interior``: where a two-sided numerical derivative makes sense)."""
        x = np.asarray(x)
        lo, hi = self.info.domain
        if interior:
            return x[(x > lo) & (x < hi)]
        return x[(x >= lo) & (x <= hi)]


ENTRY_CASES = [EntryCase(e, params) for e in ENTRIES for params in _grid(e)]
SCIPY_CASES = [EntryCase(e, params) for e in ENTRIES for params in _grid(e, scipy=True)]


def kernel_params():
    return pytest.mark.parametrize("case", KERNELS, ids=str)


def entry_params():
    return pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)


def entry_case_params():
    return pytest.mark.parametrize("entry", ENTRY_CASES, ids=str)


def float64_sweep(domain, seed=0, per_binade=2) -> np.ndarray:
    """Inputs covering every binade of the domain, both signs, and both tails."""
    rng = np.random.default_rng(seed)
    if domain is None:
        exponents = np.repeat(np.arange(-1074, 1024), per_binade)
        mags = np.ldexp(rng.uniform(0.5, 1.0, exponents.size), exponents)
        mags = mags[np.isfinite(mags) & (mags > 0)]
        core = np.concatenate([mags, -mags, rng.uniform(-800, 800, 2000), rng.uniform(-40, 40, 2000)])
        return core
    a, b = domain
    if not (math.isfinite(a) and math.isfinite(b)):
        # a half line: every binade of the distance from its finite end
        exponents = np.repeat(np.arange(-1074, 1024), per_binade)
        offsets = np.ldexp(rng.uniform(0.5, 1.0, exponents.size), exponents)
        offsets = offsets[np.isfinite(offsets) & (offsets > 0)]
        end, sign = (a, 1.0) if math.isfinite(a) else (b, -1.0)
        near = end + sign * np.concatenate([rng.uniform(0, 40, 2000), rng.uniform(0, 2, 2000)])
        return np.concatenate([end + sign * offsets, near])
    span = b - a
    top = int(math.floor(math.log2(span)))
    exponents = np.repeat(np.arange(-1074, top), per_binade)
    offsets = np.ldexp(rng.uniform(0.5, 1.0, exponents.size), exponents)
    offsets = offsets[(offsets > 0) & (offsets < span)]
    mid = (a + b) / 2
    near_mid = mid + np.ldexp(rng.uniform(-1, 1, 400), rng.integers(-60, -2, 400))
    return np.concatenate([a + offsets, b - offsets, rng.uniform(a, b, 2000), near_mid])


def spread(a: float, b: float, count: int, dtype=np.float64) -> np.ndarray:
    """``count`` points from a to b: evenly spaced on a finite interval,
    geometrically spaced away from the finite end of a half line."""
    dtype = np.dtype(dtype)
    if math.isfinite(a) and math.isfinite(b):
        return np.linspace(a, b, count).astype(dtype)
    f = np.finfo(dtype)
    offsets = np.geomspace(float(f.smallest_subnormal), float(f.max), count)
    with np.errstate(over="ignore"):
        return (a + offsets if math.isfinite(a) else b - offsets).astype(dtype)


def float_bits_sweep(dtype, count, domain=None, seed=0) -> np.ndarray:
    """``count`` inputs of ``dtype`` spread evenly over all bit patterns
    (restricted to the domain when given), plus as many random ones."""
    dtype = np.dtype(dtype)
    uint = {2: np.uint16, 4: np.uint32}[dtype.itemsize]
    total = 1 << (8 * dtype.itemsize)
    step = max(1, total // count)
    bits = np.arange(0, total, step, dtype=np.uint64).astype(uint)
    rng = np.random.default_rng(seed)
    random_bits = rng.integers(0, total, count, dtype=np.uint64).astype(uint)
    x = np.concatenate([bits, random_bits]).view(dtype)
    if domain is not None:
        a, b = domain
        x = np.concatenate([x[(x >= a) & (x <= b)], spread(a, b, count // 4, dtype)])
    return x


def interior(entry, op, n=9):
    """Inputs inside the domain, away from kinks and clamps."""
    if op in ("inverse", "ppf"):
        a, b = entry.info.range if op == "inverse" else (0.0, 1.0)
        return a + (b - a) * np.linspace(0.07, 0.93, n)
    lo, hi = (0.05, 0.95) if entry.info.name == "smoothstep" else (0.2, 3.0) if entry.info.name == "hill" else (-2.7, 2.7)
    if entry.info.kinks and op in ("logcdf", "logsf"):
        # a hard sigmoid's log-forms are -inf past its saturation points
        lo, hi = max(lo, min(entry.info.kinks) + 0.05), min(hi, max(entry.info.kinks) - 0.05)
    x = np.linspace(lo, hi, n)
    return np.array([v for v in x if all(abs(v - k) > 0.05 for k in entry.info.kinks)])


def all_float16() -> np.ndarray:
    return np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)


def same_values(a, b) -> np.ndarray:
    """Elementwise equality where NaN equals NaN (and +0 equals -0)."""
    a = np.asarray(a)
    b = np.asarray(b)
    return (a == b) | (np.isnan(a) & np.isnan(b))


@pytest.fixture(autouse=True)
def _quiet_fp_warnings():
    """Domain sweeps trigger NumPy FP warnings by design; tests that check
    warnings enable them explicitly."""
    with np.errstate(all="ignore"):
        yield


def python_output(code: str) -> str:
    """stdout of ``code`` run by a fresh interpreter (which must succeed):
    for what a test cannot see from inside this one, like sys.modules."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()
