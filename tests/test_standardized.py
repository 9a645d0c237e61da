"""standardized(entry): range (-1, 1), slope 1 at 0, the classic comparison.

The expected functions are the closed forms of the comparison figure,
evaluated with NumPy/SciPy, never with the entry under test.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special as sc
from conftest import ENTRIES

import sigmoids as sg

X = np.concatenate([np.linspace(-8, 8, 801), [-1e6, 1e6]])

CLASSIC = {
    "erf": lambda x: sc.erf(math.sqrt(math.pi) * x / 2),
    "tanh": np.tanh,
    "arctan": lambda x: 2 / math.pi * np.arctan(math.pi * x / 2),
    "gudermannian": lambda x: 2 / math.pi * 2 * np.arctan(np.tanh(math.pi * x / 4)),
    "algebraic": lambda x: x / np.sqrt(1 + x * x),
    "softsign": lambda x: x / (1 + np.abs(x)),
    "logistic": np.tanh,  # 2 sigma(2x) - 1
    "hard_tanh": lambda x: np.clip(x, -1, 1),
}

RISING = [e for e in ENTRIES if e.info.slope_at_0 is not None]


@pytest.mark.parametrize("name", sorted(CLASSIC))
def test_the_classic_comparison(name):
    ours = sg.standardized(name)(X)
    np.testing.assert_allclose(ours, CLASSIC[name](X), rtol=4e-15, atol=2e-16)


@pytest.mark.parametrize("entry", RISING, ids=lambda e: e.info.name)
def test_range_and_slope(entry):
    params = tuple(p.default for p in entry.info.params)
    s = sg.standardized(entry, *params)
    assert float(s.derivative(0.0)) == pytest.approx(1.0, rel=1e-14)
    with np.errstate(all="ignore"):
        y = s(np.linspace(-1e3, 1e3, 20001))
    assert (y >= -1).all() and (y <= 1).all()
    assert (np.diff(y) >= 0).all()
    assert float(s(-1e300)) == pytest.approx(-1.0, abs=1e-12)
    assert float(s(1e300)) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("name", ["erf", "arctan", "gudermannian", "tanh", "algebraic", "softsign", "logistic"])
def test_inverse_round_trip(name):
    s = sg.standardized(name)
    x = np.linspace(-3, 3, 601)
    np.testing.assert_allclose(s.inverse(s(x)), x, rtol=1e-12, atol=1e-14)


def test_entries_without_a_slope_refuse():
    for name in ("hill", "smoothstep"):
        with pytest.raises(ValueError, match=name):
            sg.standardized(name)


def test_repr_and_formula():
    assert r"\pi/2" in sg.standardized("arctan").formula
    assert "standardized erf" in repr(sg.standardized("erf"))
