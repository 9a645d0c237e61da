"""``standardized(entry)``: any sigmoid rescaled to range (-1, 1) with slope 1 at 0.

This is the normalisation of the classic comparison figure of sigmoid
functions: erf(sqrt(pi) x/2), tanh x, (2/pi) arctan(pi x/2),
(2/pi) gd(pi x/2), x/sqrt(1+x^2) and x/(1+|x|) all pass through 0 with
slope 1 and approach -1 and 1.  For an entry s with range (a, b) and slope k
at 0 it is

    S(x) = (s(c x) - m) / h,    m = (a + b)/2,  h = (b - a)/2,  c = h / k,

so the logistic becomes 2 sigma(2x) - 1 = tanh x.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .catalog import Sigmoid, get

__all__ = ["standardized", "Standardized"]


@dataclass(frozen=True)
class Standardized:
    """A catalog entry rescaled to range (-1, 1) with slope 1 at 0.

    Attributes
    ----------
    entry : Sigmoid
        The entry it rescales.
    params : tuple of float
        The entry's parameter values, if it has parameters.
    scale : float
        c: the argument is multiplied by it (``h / slope_at_0``).
    center, half_width : float
        m and h: the range (a, b) is mapped by (s - m) / h.
    """

    entry: Sigmoid
    params: tuple[float, ...]
    scale: float
    center: float
    half_width: float

    @property
    def name(self) -> str:
        return f"standardized {self.entry.info.name}"

    @property
    def formula(self) -> str:
        """The LaTeX of the rescaled function, for plot legends."""
        c = _latex_number(self.scale)
        inner = rf"{self.entry.info.name}({c}x)" if c != "1" else rf"{self.entry.info.name}(x)"
        if self.center == 0 and self.half_width == 1:
            return inner
        return rf"({inner} - {_latex_number(self.center)}) / {_latex_number(self.half_width)}"

    def __call__(self, x):
        """S(x) = (s(c x) - m) / h."""
        x = np.asarray(x)
        value = self.entry(x * self.scale, *self.params)
        return (value - self.center) / self.half_width

    def derivative(self, x):
        """S'(x) = c s'(c x) / h; 1 at x = 0."""
        x = np.asarray(x)
        return self.entry.derivative(x * self.scale, *self.params) * (self.scale / self.half_width)

    def inverse(self, y):
        """S^-1(y) = s^-1(m + h y) / c on (-1, 1)."""
        y = np.asarray(y)
        return self.entry.inverse(self.center + self.half_width * y, *self.params) / self.scale

    def __repr__(self) -> str:
        return f"<{self.name}: {self.formula}>"


def standardized(entry, *params) -> Standardized:
    """The entry rescaled to range (-1, 1) with slope 1 at 0.

    Parameters
    ----------
    entry : str or Sigmoid
        A catalog entry or its name (aliases accepted).
    *params : float
        Parameter values of a parametrised family (student_t's nu, ...).

    Returns
    -------
    Standardized
        Callable, with ``derivative`` and ``inverse``.

    Raises
    ------
    ValueError
        For an entry without a slope at 0 (hill, smoothstep: 0 is not an
        interior point of their rise) or with a flat slope there.

    Examples
    --------
    >>> import sigmoids as sg
    >>> s = sg.standardized("logistic")
    >>> float(s(1.0)), float(sg.tanh(1.0))
    (0.7615941559557649, 0.7615941559557649)
    >>> float(sg.standardized("erf").derivative(0.0))
    1.0
    """
    entry = get(entry)
    info = entry.info
    slope = info.slope(*params) if info.params else info.slope_at_0
    if slope is None or not slope > 0 or not math.isfinite(slope):
        raise ValueError(f"sigmoids.standardized: {info.name} has no positive slope at 0 "
                         "(it does not rise through 0), so it cannot be standardized")
    a, b = info.range
    center, half_width = (a + b) / 2, (b - a) / 2
    return Standardized(entry, tuple(float(p) for p in params), float(half_width / slope), center, half_width)


def _latex_number(v: float) -> str:
    """pi-multiples and square roots as the comparison figure writes them."""
    for text, value in (("1", 1.0), (r"\pi/2", math.pi / 2), (r"\sqrt{\pi}/2", math.sqrt(math.pi) / 2),
                        ("2", 2.0), (r"1/2", 0.5)):
        if math.isclose(v, value, rel_tol=1e-12):
            return text
    return f"{v:.6g}"
