"""Shared test data, generated from the catalog.

Every test module parametrises over ``KERNELS`` (each compiled kernel once,
with the domain it is defined on) or over ``ENTRIES`` and ``OPERATIONS``;
adding a catalog row adds its tests.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

import sigmoids as sg
from sigmoids.catalog import COMPANIONS
from sigmoids import reference


@dataclass(frozen=True)
class KernelCase:
    ufunc_name: str
    public_name: str
    domain: tuple[float, float] | None  # None: the whole real line

    def __str__(self) -> str:
        return self.ufunc_name

    @property
    def ufunc(self):
        return getattr(sg._ufuncs, self.ufunc_name)


def _collect_kernels() -> list[KernelCase]:
    cases: dict[str, KernelCase] = {}
    for entry in sg.catalog.values():
        for op in sg.OPERATIONS:
            ufunc_name = entry.info.kernels[op]
            if op == "inverse":
                domain = entry.info.range
            elif op == "ppf":
                domain = (0.0, 1.0)
            else:
                domain = None
            public = entry.info.name if op == "value" else f"{entry.info.name}.{op}"
            cases.setdefault(ufunc_name, KernelCase(ufunc_name, public, domain))
    for name, (ufunc_name, _, _) in COMPANIONS.items():
        cases.setdefault(ufunc_name, KernelCase(ufunc_name, name, None))
    return list(cases.values())


KERNELS = _collect_kernels()
ENTRIES = list(sg.catalog.values())


def kernel_params():
    return pytest.mark.parametrize("case", KERNELS, ids=str)


def entry_params():
    return pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)


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
    span = b - a
    top = int(math.floor(math.log2(span)))
    exponents = np.repeat(np.arange(-1074, top), per_binade)
    offsets = np.ldexp(rng.uniform(0.5, 1.0, exponents.size), exponents)
    offsets = offsets[(offsets > 0) & (offsets < span)]
    mid = (a + b) / 2
    near_mid = mid + np.ldexp(rng.uniform(-1, 1, 400), rng.integers(-60, -2, 400))
    return np.concatenate([a + offsets, b - offsets, rng.uniform(a, b, 2000), near_mid])


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
        x = np.concatenate([x[(x >= a) & (x <= b)], np.linspace(a, b, count // 4).astype(dtype)])
    return x


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
