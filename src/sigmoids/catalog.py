"""The catalog: every sigmoid as a row of data, and the ``Sigmoid`` type that serves it.

Each row of ``ROWS`` says what an entry *is* -- its formula, range, slope at
0, symmetry, the scipy.stats distribution whose CDF its CDF form is, which
compiled kernel implements each operation, the measured accuracy of those
kernels and the branch points inside them.  Documentation, the CLI table,
plots and the test suite all read this table; nothing about an entry is
written twice.

Operations of an entry (all NumPy ufuncs underneath):

``value``      the sigmoid itself: ``entry(x)``
``derivative`` d/dx
``inverse``    on the open range
``cdf``        the CDF form (s - a)/(b - a), range (0, 1)
``pdf``        its derivative, a bell
``ppf``        its inverse, the quantile function
``logcdf``     log of the CDF form, finite deep into the left tail
``logsf``      log(1 - CDF form), finite deep into the right tail

Parametrised families (genlogistic, hill, smoothstep, ...) list their
parameters in ``info.params``; every operation then takes them after x, as
further ufunc inputs that broadcast (``sg.genlogistic(x, 2.0)``,
``sg.genlogistic.cdf(x, alpha=[0.5, 1, 2])``), and ``.distribution`` is a
function of the parameters returning the frozen scipy.stats distribution.
"""
from __future__ import annotations

import difflib
import functools
import math
import textwrap
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from . import _ufuncs
from ._dispatch import apply

__all__ = ["OPERATIONS", "KERNEL_ACCURACY", "Info", "Kernel", "Param", "Sigmoid", "catalog", "get", "kernel"]

OPERATIONS = ("value", "derivative", "inverse", "cdf", "pdf", "ppf", "logcdf", "logsf")

#: Measured accuracy of each compiled kernel, as max |error| in ULP against
#: mpmath (60 digits) with the input where it occurs.  float16 and float32 are
#: certified exhaustively (tests/test_accuracy.py for float16,
#: tools/audit_float32.py for float32: docs/accuracy.md); 0.5 means correctly
#: rounded.  float64 comes from the binade sweeps of tests/test_accuracy.py.
#: The tests fail if a kernel ever does worse than recorded here.
KERNEL_ACCURACY: Mapping[str, Mapping[str, tuple[float, float | tuple | None]]] = {
    # kernel: {dtype: (max ULP enforced by the tests, input where the worst error was measured)}
    # float64 measured by tools/measure_float64.py (45960 inputs, 10 per binade)
    # plus dense scans of each branch (docs/accuracy.md): worst seen in brackets.
    "logistic": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.501, -2.661984408756453)},             # [0.49999]
    "logistic_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, -0.4342145886583211)},  # [0.49999]
    "logistic_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.51, 0.4970785549050559)},       # [0.5058]
    "logistic_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.51, 4.513133555049392)},         # [0.5018]
    "logistic_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, 4.8694826440779035)},         # [0.5038]
    "softplus": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.51, -4.8694826440779035)},              # [0.5038]
    # Two-input kernels: worst over the entry's parameter grid (tools/measure_float64.py,
    # 6 per binade at each grid value), input as (x, parameter).
    "genlogistic": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, (-3.882490352547022e-07, 1.0))},            # [0.5000]
    "genlogistic_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                               "float64": (0.501, (-18.563035091111146, 0.0625))},  # [0.5000]
    "genlogistic_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, (1.9439445350613112e-16, 0.5))},     # [0.5000]
    "genlogistic_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                           "float64": (0.501, (-135.92510323559532, 100.0))},       # [0.5000]
    "genlogistic_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.501, (-1.0909927684900312e-11, 5.25))},     # [0.5000]
    "hill": {"float16": (0.5, None), "float32": (0.5, None),
             "float64": (0.501, (2.1603348060592436e-07, 3.0))},                    # [0.5000]
    "hill_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, (9.063061644600677e-159, 3.0))},         # [0.5000]
    "hill_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                     "float64": (0.501, (7.169995243527292e-65, 2.0))},             # [0.5000]
    "hill_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, (25.139416235517334, 1.0))},                 # [0.5000]
    "hill_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                   "float64": (0.501, (7.169995243527292e-65, 0.5))},               # [0.5000]
    "smoothstep": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
}

#: Inputs at which a kernel's C code switches branch (tests probe both
#: neighbours of each with nextafter).  Thresholds inside the shared helpers
#: are listed in the input variable of the kernel that reaches them.  For a
#: two-input kernel the entry may be a function of the parameter values
#: returning the points (where they move with the parameter); the tests call
#: it at every point of the parameter grid.
BRANCH_POINTS: Mapping[str, tuple[float, ...] | Callable[..., tuple[float, ...]]] = {
    # sign of x; sg_exp_dd: |x| < 2^-60 is 1 + x, and below 2^-968 (x < -670.977) the tail is folded in
    "logistic": (0.0, 2.0 ** -60, -2.0 ** -60, -670.9773012067233, -708.3964185322641, -745.1332191019411),
    "logistic_derivative": (0.0, 2.0 ** -60, -670.9773012067233, 670.9773012067233, 708.3964185322641),
    # fold at 1/2, log1p branch from 1/4, subnormal rescaling below 2^-900
    "logistic_inverse": (0.25, 0.5, 0.75, 2.0 ** -60, 2.0 ** -900, 1.0 - 2.0 ** -53),
    # log1p_dd switches from series to Newton where e^-|x| = 2^-8
    "softplus": (0.0, -5.545177444479562, 5.545177444479562, 37.0, -708.3964185322641),
    "logistic_logcdf": (0.0, -5.545177444479562, 5.545177444479562),
    "logistic_logsf": (0.0, -5.545177444479562, 5.545177444479562),
    # sign of x; sg_softplus_ddx's log1p: Newton from e^-|x| > 0.0108 (|x| < 4.5228042848566865); e^-|x| tail
    # subnormal from 670.98; alpha softplus(-x) >= 2^11 decided as 0
    "genlogistic": lambda alpha: (0.0, 4.5228042848566865, -4.5228042848566865, -670.9773012067233, 708.3964185322641,
                                  -2048.0 / alpha, -745.1332191019411 / alpha),
    "genlogistic_derivative": lambda alpha: (0.0, 4.5228042848566865, -4.5228042848566865, 670.9773012067233, -2048.0 / alpha,
                                             -745.1332191019411 / alpha),
    # w = -log(y)/alpha = 1 (y = e^-alpha); the zero of x (y = 2^-alpha, binary128 below |x| = 2^-30);
    # log_ddx's log1p branch for y in (0.75, 1.5)
    "genlogistic_inverse": lambda alpha: (math.exp(-alpha), 2.0 ** -alpha, 0.75, 1.0 - 2.0 ** -53,
                                          2.0 ** -900, 2.0 ** -1074),
    # x > 40: e^-x parts
    "genlogistic_logcdf": lambda alpha: (0.0, 40.0, 4.5228042848566865, -4.5228042848566865, 708.3964185322641, 745.1332191019411),
    # x > 30: through log z; z = 2^-14, log 2, 40
    "genlogistic_logsf": lambda alpha: (0.0, 30.0, 4.5228042848566865, -4.5228042848566865, -40.0 / alpha, -0.6931471805599453 / alpha,
                                        -745.0 / alpha),
    # x = 1 (z = 0); log_ddx: log1p branch on (0.75, 1.5), rescaling below 2^-900 and above 2^900;
    # softplus' log1p series below |z| = 4.5228, e^-|z| parts below z = -40
    "hill": lambda n: (1.0, 0.75, 1.5, 2.0 ** -900, 2.0 ** 900, math.exp(-2048.0 / n) if n > 2.75 else 0.5,
                       math.exp(-745.1332191019411 / n)),
    "hill_derivative": lambda n: (1.0, 0.75, 1.5, 2.0 ** -900, 2.0 ** 900, 2.0 ** -1074),
    "hill_inverse": lambda n: (0.5, 0.25, 0.75, 1.0 / 3.0, 0.6, 2.0 ** -900, 1.0 - 2.0 ** -53),
    "hill_logcdf": lambda n: (1.0, 0.75, 1.5, math.exp(4.5228042848566865 / n), math.exp(-4.5228042848566865 / n),
                              math.exp(40.0 / n), 2.0 ** -1074),
    "hill_logsf": lambda n: (1.0, 0.75, 1.5, math.exp(4.5228042848566865 / n), math.exp(-4.5228042848566865 / n),
                             math.exp(-40.0 / n), 2.0 ** -1074),
    # clamps at 0 and 1, the fold at 1/2, dde rescaling of subnormal x, log1m's series below S = 2^-60
    "smoothstep": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60, 1.0 - 2.0 ** -53),
    "smoothstep_derivative": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022),
    # the fold at 1/2; y = 0, 1
    "smoothstep_inverse": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60),
    "smoothstep_logcdf": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 1.0 - 2.0 ** -53),
    "smoothstep_logsf": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60 / (n + 1), 1.0 - 2.0 ** -53),
}


@dataclass(frozen=True)
class Param:
    """A parameter of a parametrised family: the second input of its ufuncs.

    Attributes
    ----------
    name : str
        Keyword name (``alpha``, ``n``, ``nu``).
    symbol : str
        LaTeX symbol.
    low, high : float
        Bounds of the valid values; ``low_open``/``high_open`` say whether
        the bound itself is excluded.  Values outside (and inf, and for an
        ``integer`` parameter non-integers) give NaN with an invalid warning.
    integer : bool
        Only integers are valid.
    grid : tuple of float
        Representative values, every one exact in float16: the tests sweep
        each kernel over all of them, and the measured accuracy holds there.
    default : float
        The value plots and the command line use when none is given.
    summary : str
        What the parameter does.
    scipy_grid : tuple of float or None
        The grid values at which scipy.stats' own float64 formulas for the
        distribution are accurate to 1e-13 on [-30, 30], where the tests
        compare the CDF form with scipy (None: the whole grid).  Elsewhere
        our kernels are checked against mpmath only, and scipy's error is a
        named pitfall test.
    """

    name: str
    symbol: str
    low: float
    high: float = math.inf
    low_open: bool = True
    high_open: bool = True
    integer: bool = False
    grid: tuple[float, ...] = ()
    default: float = 1.0
    summary: str = ""
    scipy_grid: tuple[float, ...] | None = None

    def is_valid(self, value: float) -> bool:
        """True where the kernels accept ``value``."""
        if math.isnan(value) or math.isinf(value):
            return False
        if self.integer and value != math.floor(value):
            return False
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def invalid_examples(self) -> tuple[float, ...]:
        """Values the kernels must reject (NaN with an invalid warning)."""
        values = [math.inf, -math.inf]
        if math.isfinite(self.low):
            values += [self.low - 1.0, self.low - 0.5] + ([self.low] if self.low_open else [])
        if math.isfinite(self.high):
            values += [self.high + 1.0] + ([self.high] if self.high_open else [])
        if self.integer:
            values += [self.default + 0.5, self.default + 2.0 ** -20]
        return tuple(v for v in values if not self.is_valid(v))

    def describe(self) -> str:
        """The valid set as text: ``alpha > 0``, ``n = 0, 1, 2, ...``."""
        if self.integer:
            start = math.ceil(self.low) + (1 if self.low_open and self.low == math.ceil(self.low) else 0)
            return f"{self.name} = {start}, {start + 1}, {start + 2}, ..."
        parts = []
        if math.isfinite(self.low):
            parts.append(f"{self.name} {'>' if self.low_open else '>='} {self.low:g}")
        if math.isfinite(self.high):
            parts.append(f"{self.name} {'<' if self.high_open else '<='} {self.high:g}")
        return " and ".join(parts) or f"any real {self.name}"


@dataclass(frozen=True)
class Info:
    """Metadata of one catalog entry (read-only).

    Attributes
    ----------
    name : str
        Catalog name.
    title : str
        Human name.
    formula : str
        LaTeX of the value.
    inverse_formula : str
        LaTeX of the inverse.
    range : tuple of float
        (a, b), the infimum and supremum of the value.
    closed : bool
        True if the range bounds are attained (hard sigmoids).
    slope_at_0 : float, callable or None
        Derivative at 0 (None where 0 is not an interior point).  For a
        parametrised family a function of the parameters (it uses only
        arithmetic, so it also evaluates exactly on mpmath numbers); see
        :meth:`slope`.
    odd : bool
        ``s(-x) == -s(x)``; odd kernels keep the sign of zero.
    symmetric : bool
        Point-symmetric about (0, (a+b)/2): ``s(-x) == a + b - s(x)``.
    distribution : str
        The scipy.stats distribution whose CDF is the CDF form.
    aliases : tuple of str
        Other names ``sigmoids.get`` accepts.
    kernels : Mapping[str, str]
        Operation -> name of the compiled ufunc implementing it.
    max_ulp : Mapping[str, Mapping[str, float]]
        Operation -> dtype -> measured max error in ULP (for a parametrised
        family: the worst over the parameter grid).
    params : tuple of Param
        The parameters every operation takes after x (empty for most).
    domain : tuple of float
        (lo, hi): the x where the value is defined; outside it every
        operation of x gives NaN with an invalid warning (hill: x >= 0).
    slope_text : str or None
        LaTeX of the slope at 0 where it depends on the parameters.
    kinks : tuple of float
        Points where the value may not be differentiable (for some parameter
        values): the derivative kernel gives the one-sided value from inside
        the range there, and numerical differentiation is meaningless.
    """

    name: str
    title: str
    formula: str
    inverse_formula: str
    range: tuple[float, float]
    closed: bool
    slope_at_0: float | None
    odd: bool
    symmetric: bool
    distribution: str
    aliases: tuple[str, ...]
    kernels: Mapping[str, str]
    max_ulp: Mapping[str, Mapping[str, float]]
    summary: str
    params: tuple[Param, ...] = ()
    domain: tuple[float, float] = (-math.inf, math.inf)
    slope_text: str | None = None
    kinks: tuple[float, ...] = ()

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def slope(self, *params):
        """The slope at 0 for these parameter values (``slope_at_0`` itself
        for a family without parameters)."""
        if callable(self.slope_at_0):
            return self.slope_at_0(*params)
        return self.slope_at_0


# --------------------------------------------------------------------- rows

ROWS = (
    dict(
        name="logistic",
        title="logistic function",
        summary="The standard logistic sigmoid, the CDF of the logistic distribution.",
        formula=r"\frac{1}{1+e^{-x}} = \frac{e^x}{e^x+1}",
        inverse_formula=r"\operatorname{logit}(y) = \log\frac{y}{1-y}",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.25,
        odd=False,
        symmetric=True,
        distribution=("logistic", {}),
        aliases=("expit", "sigmoid"),
        kernels=dict(
            value="logistic",
            derivative="logistic_derivative",
            inverse="logistic_inverse",
            cdf="logistic",
            pdf="logistic_derivative",
            ppf="logistic_inverse",
            logcdf="logistic_logcdf",
            logsf="logistic_logsf",
        ),
        # (argument, exact result rounded to float64) for the docstring examples
        examples=dict(
            value=("2.0", "0.8807970779778824"),
            derivative=("2.0", "0.10499358540350652"),
            inverse=("0.9", "2.1972245773362196"),
            logcdf=("-1000.0", "-1000.0"),
            logsf=("2.0", "-2.1269280110429727"),
            cdf=("-2.0", "0.11920292202211756"),
            pdf=("-2.0", "0.10499358540350652"),
            ppf=("0.1", "-2.197224577336219"),
        ),
    ),
    dict(
        name="genlogistic",
        title="generalised logistic function",
        summary="Richards' curve (1 + e^-x)^-alpha, the CDF of the type I generalised logistic distribution; "
                "alpha = 1 is the logistic.",
        formula=r"\left(1+e^{-x}\right)^{-\alpha}",
        inverse_formula=r"-\log\left(y^{-1/\alpha}-1\right)",
        params=(
            Param("alpha", r"\alpha", 0.0, summary="Shape (Richards' exponent): alpha = 1 is the logistic, "
                  "larger alpha moves the curve right.", grid=(0.0625, 0.5, 1.0, 1.5, 2.0, 5.25, 100.0), default=2.0,
                  # scipy's pdf is exp(logpdf): |logpdf| eps relative, 1.3e-13 at alpha = 100, x = -7
                  scipy_grid=(0.0625, 0.5, 1.0, 1.5, 2.0, 5.25)),
        ),
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=lambda alpha: alpha * 2 ** (-alpha - 1),
        slope_text=r"\alpha\,2^{-\alpha-1}",
        odd=False,
        symmetric=False,
        distribution=("genlogistic", {"c": "alpha"}),
        aliases=("richards", "generalized_logistic"),
        kernels=dict(
            value="genlogistic",
            derivative="genlogistic_derivative",
            inverse="genlogistic_inverse",
            cdf="genlogistic",
            pdf="genlogistic_derivative",
            ppf="genlogistic_inverse",
            logcdf="genlogistic_logcdf",
            logsf="genlogistic_logsf",
        ),
        examples=dict(
            value=("2.0, 0.5", "0.9385078997951389"),
            derivative=("2.0, 0.5", "0.05593644199821063"),
            inverse=("0.9, 0.5", "1.4500101755059986"),
            logcdf=("-1000.0, 2.0", "-2000.0"),
            logsf=("1000.0, 2.0", "-999.3068528194401"),
            cdf=("-2.0, 3.0", "0.0016937944449343112"),
            pdf=("-2.0, 3.0", "0.004475667593379932"),
            ppf=("0.1, 3.0", "-0.14361077829619326"),
        ),
    ),
    dict(
        name="hill",
        title="Hill function",
        summary="The Hill equation x^n/(1 + x^n) of receptor binding, for x >= 0: the logistic in log x "
                "(sigma(n log x)) and the CDF of the log-logistic (Fisk) distribution.",
        formula=r"\frac{x^n}{1+x^n}",
        inverse_formula=r"\left(\frac{y}{1-y}\right)^{1/n}",
        params=(
            Param("n", "n", 0.0, summary="Hill coefficient: the steepness (the slope at x = 1 is n/4).",
                  grid=(0.5, 1.0, 2.0, 3.0, 4.5, 10.0), default=2.0,
                  # scipy's fisk logsf is log(1 - cdf) (1.6e-3 relative at n = 10, x = 30) and its
                  # ppf (1/q - 1)^(-1/c) cancels near q = 1 (1.7e-13 at n = 0.5)
                  scipy_grid=(1.0, 2.0)),
        ),
        domain=(0.0, math.inf),
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=None,
        odd=False,
        symmetric=False,
        distribution=("fisk", {"c": "n"}),
        aliases=("log_logistic", "fisk"),
        kernels=dict(
            value="hill",
            derivative="hill_derivative",
            inverse="hill_inverse",
            cdf="hill",
            pdf="hill_derivative",
            ppf="hill_inverse",
            logcdf="hill_logcdf",
            logsf="hill_logsf",
        ),
        examples=dict(
            value=("2.0, 3.0", "0.8888888888888888"),
            derivative=("2.0, 3.0", "0.14814814814814814"),
            inverse=("0.9, 2.0", "3.0000000000000004"),
            logcdf=("1e-300, 3.0", "-2072.326583694641"),
            logsf=("1e+300, 3.0", "-2072.326583694641"),
            cdf=("0.5, 0.5", "0.41421356237309503"),
            pdf=("0.5, 0.5", "0.24264068711928516"),
            ppf=("0.1, 0.5", "0.01234567901234568"),
        ),
    ),
    dict(
        name="smoothstep",
        title="smoothstep function",
        summary="The smoothstep polynomial S_n of degree 2n+1 (3x^2 - 2x^3 for n = 1, 'smootherstep' for "
                "n = 2), rising from 0 at x = 0 to 1 at x = 1 with n vanishing derivatives at both ends, "
                "clamped outside [0, 1]; the CDF of beta(n+1, n+1).",
        formula=r"x^{n+1}\sum_{k=0}^{n}\binom{n+k}{k}\binom{2n+1}{n-k}(-x)^k",
        inverse_formula=r"S_n^{-1}(y)",
        params=(
            Param("n", "n", 0.0, 1000.0, low_open=False, high_open=False, integer=True,
                  summary="Order: S_n has n vanishing derivatives at 0 and 1 (degree 2n + 1); "
                          "orders above 1000 are not supported (every kernel costs O(n)).",
                  grid=(0.0, 1.0, 2.0, 3.0, 5.0, 10.0), default=1.0),
        ),
        # S_0 is the ramp clip(x, 0, 1): not differentiable at 0 and 1, where
        # the derivative kernel gives the one-sided value from inside (1, as
        # scipy's uniform pdf does)
        kinks=(0.0, 1.0),
        range=(0.0, 1.0),
        closed=True,
        slope_at_0=None,
        odd=False,
        symmetric=False,
        distribution=("beta", {"a": "n + 1", "b": "n + 1"}),
        aliases=("smooth_step",),
        kernels=dict(
            value="smoothstep",
            derivative="smoothstep_derivative",
            inverse="smoothstep_inverse",
            cdf="smoothstep",
            pdf="smoothstep_derivative",
            ppf="smoothstep_inverse",
            logcdf="smoothstep_logcdf",
            logsf="smoothstep_logsf",
        ),
        examples=dict(
            value=("0.25, 1.0", "0.15625"),
            derivative=("0.25, 2.0", "1.0546875"),
            inverse=("0.9, 1.0", "0.8041998943409083"),
            logcdf=("1e-300, 3.0", "-2759.5467635313653"),
            logsf=("0.75, 1.0", "-1.8562979903656263"),
            cdf=("0.1, 3.0", "0.0027280000000000004"),
            pdf=("0.1, 3.0", "0.10206000000000001"),
            ppf=("0.1, 3.0", "0.27860204858171306"),
        ),
    ),
)

#: Companions that are not sigmoids themselves: name -> (ufunc, example).
COMPANIONS = {
    "softplus": ("softplus", ("2.0", "2.1269280110429727"),
                 "log(1 + e^x), the antiderivative of the logistic; log sigma(x) = -softplus(-x)."),
}

_OPERATION_TEXT = {
    "value": ("the value", "x", "s(x)"),
    "derivative": ("the derivative d/dx", "x", "s'(x)"),
    "inverse": ("the inverse, on the open range", "y", "x with s(x) = y; NaN (invalid warning) outside the range"),
    "cdf": ("the CDF form (s - a)/(b - a)", "x", "F(x) in [0, 1]"),
    "pdf": ("the density, derivative of the CDF form", "x", "F'(x)"),
    "ppf": ("the quantile function, inverse of the CDF form", "p", "x with F(x) = p; NaN (invalid warning) outside [0, 1]"),
    "logcdf": ("log of the CDF form, finite deep into the left tail", "x", "log F(x)"),
    "logsf": ("log(1 - CDF form), finite deep into the right tail", "x", "log(1 - F(x))"),
}


def _docstring(public: str, what: str, arg: str, returns: str, ulp: Mapping[str, float], example,
               params: tuple[Param, ...] = ()) -> str:
    accuracy = ", ".join(f"{d} {'correctly rounded' if u <= 0.5 else f'{u:g} ULP'}" for d, u in ulp.items())
    if params:
        accuracy += " (over the catalog's parameter grid)"
    names = "".join(f", {p.name}" for p in params)
    slash = "" if params else ", /"
    lines = [
        f"{public}({arg}{names}{slash}, out=None, *, where=True, dtype=None)",
        "",
        f"{what[0].upper()}{what[1:]}.",
        "",
        "Parameters",
        "----------",
        f"{arg} : array_like",
        "    Real input; float16, float32 and float64 are computed natively,",
        "    integers and bools as float64.",
    ]
    for p in params:
        text = (f"{p.summary} Valid: {p.describe()}; otherwise NaN with an invalid warning. "
                f"Broadcasts with {arg}; may also be passed as {p.name}=.")
        lines += [f"{p.name} : array_like", *textwrap.wrap(text, 76, initial_indent="    ", subsequent_indent="    ")]
    lines += [
        "out, where, dtype",
        "    As for any NumPy ufunc.",
        "",
        "Returns",
        "-------",
        "ndarray or scalar",
        f"    {returns}.  Accuracy (measured max error): {accuracy}.",
    ]
    if example is not None:
        arg_text, result = example
        lines += ["", "Examples", "--------", ">>> import sigmoids as sg", f">>> float(sg.{public}({arg_text}))", result]
    return "\n".join(lines) + "\n"


class Kernel:
    """One operation of one entry: a callable over a compiled NumPy ufunc.

    Calling it is calling the ufunc (broadcasting, ``out=``, ``where=``,
    ``dtype=``), except that a non-numeric input raises a ``TypeError`` that
    names this function.  ``.ufunc`` is the raw ufunc.
    """

    def __init__(self, ufunc: np.ufunc, public_name: str, doc: str, param_names: tuple[str, ...] = ()):
        self.ufunc = ufunc
        self.__name__ = public_name
        self.__qualname__ = public_name
        self.__doc__ = doc
        self.param_names = tuple(param_names)

    def __call__(self, *args, **kwargs):
        if self.param_names:
            args, kwargs = _bind_parameters(self.__name__, self.param_names, args, kwargs)
        return apply(self.ufunc, self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<sigmoids kernel {self.__name__} (ufunc {self.ufunc.__name__})>"

    def __reduce__(self):
        return (kernel, (self.__name__,))


def _bind_parameters(public: str, names: tuple[str, ...], args: tuple, kwargs: dict):
    """Move parameters given by keyword into their positional place after x."""
    if not args:
        raise TypeError(f"sigmoids.{public}() missing its argument x")
    args = list(args)
    given = len(args) - 1
    for i, name in enumerate(names):
        if name in kwargs:
            if i < given:
                raise TypeError(f"sigmoids.{public}() got multiple values for parameter {name!r}")
            if i > len(args) - 1:
                missing = names[len(args) - 1]
                raise TypeError(f"sigmoids.{public}() missing parameter {missing!r}")
            args.append(kwargs.pop(name))
        elif i >= given:
            raise TypeError(f"sigmoids.{public}() missing parameter {name!r} "
                            f"(call it as {public}(x, {', '.join(names)}))")
    return tuple(args), kwargs


class Sigmoid:
    """A catalog entry: the sigmoid and everything around it.

    Call it for the value; ``.derivative``, ``.inverse``, ``.cdf``, ``.pdf``,
    ``.ppf``, ``.logcdf``, ``.logsf`` are the other operations, ``.info`` the
    metadata, ``.ufunc`` the raw ufunc of the value and ``.distribution`` the
    scipy.stats distribution whose CDF is ``.cdf``.

    Examples
    --------
    >>> import sigmoids as sg
    >>> float(sg.logistic(0.0)), float(sg.logistic.derivative(0.0))
    (0.5, 0.25)
    >>> float(sg.logistic.distribution.cdf(1.5)) == float(sg.logistic.cdf(1.5))
    True
    """

    def __init__(self, info: Info, operations: Mapping[str, Kernel], distribution: Callable):
        self.info = info
        self._parametrised = bool(info.params)
        self._operations = dict(operations)
        self._distribution_factory = distribution
        self._distribution = None
        for op, k in self._operations.items():
            if op != "value":
                setattr(self, op, k)
        self.ufunc = self._operations["value"].ufunc
        self.__name__ = info.name
        self.__doc__ = self._operations["value"].__doc__

    def __call__(self, *args, **kwargs):
        if self._parametrised:
            return self._operations["value"](*args, **kwargs)
        return apply(self.ufunc, self.info.name, args, kwargs)

    def param_values(self, params=None) -> tuple:
        """The entry's parameter values as a tuple, in catalog order.

        ``params`` maps names to values (or is a sequence in order); the
        catalog's defaults fill in the rest.  ``()`` for an entry without
        parameters.

        Raises
        ------
        KeyError
            For a name that is not one of the entry's parameters.
        """
        names = self.info.param_names
        if params is None:
            params = {}
        if not isinstance(params, Mapping):
            params = dict(zip(names, params))
        unknown = sorted(set(params) - set(names))
        if unknown:
            known = f"; its parameters: {', '.join(names)}" if names else "; it takes no parameters"
            raise KeyError(f"{self.info.name} has no parameter {unknown[0]!r}{known}")
        return tuple(float(params.get(p.name, p.default)) for p in self.info.params)

    def operation(self, name: str) -> Kernel:
        """The kernel of operation ``name`` (one of ``OPERATIONS``)."""
        return self._operations[name]

    @property
    def distribution(self):
        """The frozen scipy.stats distribution whose ``cdf`` is ``self.cdf``.

        For a parametrised family, a function of the parameters (positional
        or by name) returning that frozen distribution:
        ``sg.genlogistic.distribution(alpha=2.0).cdf(x) == sg.genlogistic.cdf(x, 2.0)``.
        """
        if self._parametrised:
            return self._distribution_factory
        if self._distribution is None:
            self._distribution = self._distribution_factory()
        return self._distribution

    def __repr__(self) -> str:
        a, b = self.info.range
        return f"<sigmoid {self.info.name}: {self.info.title}, range ({a:g}, {b:g})>"

    def __reduce__(self):
        return (get, (self.info.name,))


# ------------------------------------------------------------------ registry

_KERNELS: dict[str, Kernel] = {}


def _make_kernel(ufunc_name: str, public: str, what: str, arg: str, returns: str, example,
                 params: tuple[Param, ...] = ()) -> Kernel:
    ulp = {d: v[0] for d, v in KERNEL_ACCURACY[ufunc_name].items()}
    k = Kernel(getattr(_ufuncs, ufunc_name), public,
               _docstring(public, what, arg, returns, ulp, example, params),
               tuple(p.name for p in params))
    _KERNELS[public] = k
    return k


def _frozen_distribution(spec, params: tuple[Param, ...] = ()) -> Callable:
    """The distribution's builder.  For a parametrised family, the values of
    the scipy keyword arguments are expressions in the parameter names
    (``{"a": "n + 1"}``), evaluated with the values the caller passes."""
    name, kwargs = spec
    if not params:
        def build():
            import scipy.stats  # heavy: imported on first use only

            return getattr(scipy.stats, name)(**kwargs)

        return build
    names = tuple(p.name for p in params)

    @functools.lru_cache(maxsize=64)
    def frozen(values: tuple):
        import scipy.stats

        scope = dict(zip(names, values))
        resolved = {k: eval(v, {"__builtins__": {}}, scope) if isinstance(v, str) else v
                    for k, v in kwargs.items()}
        return getattr(scipy.stats, name)(**resolved)

    def distribution(*values, **named):
        """The frozen scipy.stats distribution for these parameter values."""
        (_, *values), _ = _bind_parameters(f"{name} distribution", names, (None, *values), dict(named))
        for p, v in zip(params, values):
            if not p.is_valid(float(v)):
                raise ValueError(f"{p.name}={v!r} is not valid: {p.describe()}")
        return frozen(tuple(float(v) for v in values))

    distribution.__name__ = "distribution"
    return distribution


def _build_entry(row: dict) -> Sigmoid:
    name = row["name"]
    params = tuple(row.get("params", ()))
    operations = {}
    for op in OPERATIONS:
        what, arg, returns = _OPERATION_TEXT[op]
        public = name if op == "value" else f"{name}.{op}"
        operations[op] = _make_kernel(row["kernels"][op], public, f"{what} of the {row['title']}",
                                      arg, returns, row["examples"].get(op), params)
    dist_name, dist_params = row["distribution"]
    args = ", ".join(f"{k}={v}" if params and isinstance(v, str) else f"{k}={v!r}"
                     for k, v in dist_params.items())
    info = Info(
        name=name,
        title=row["title"],
        formula=row["formula"],
        inverse_formula=row["inverse_formula"],
        range=row["range"],
        closed=row["closed"],
        slope_at_0=row["slope_at_0"],
        odd=row["odd"],
        symmetric=row["symmetric"],
        distribution=f"scipy.stats.{dist_name}({args})",
        aliases=tuple(row["aliases"]),
        kernels=MappingProxyType(dict(row["kernels"])),
        max_ulp=MappingProxyType({
            op: MappingProxyType({d: v[0] for d, v in KERNEL_ACCURACY[k].items()})
            for op, k in row["kernels"].items()
        }),
        summary=row["summary"],
        params=params,
        domain=tuple(row.get("domain", (-math.inf, math.inf))),
        slope_text=row.get("slope_text"),
        kinks=tuple(row.get("kinks", ())),
    )
    return Sigmoid(info, operations, _frozen_distribution(row["distribution"], params))


catalog: Mapping[str, Sigmoid] = MappingProxyType({row["name"]: _build_entry(row) for row in ROWS})
"""Read-only mapping name -> :class:`Sigmoid`, in catalog order."""

for _name, (_ufunc, _example, _text) in COMPANIONS.items():
    _make_kernel(_ufunc, _name, _text, "x", _text.split(",")[0], _example)

_ALIASES = {alias: entry.info.name for entry in catalog.values() for alias in entry.info.aliases}


def get(name: str) -> Sigmoid:
    """The catalog entry called ``name`` or one of its aliases.

    Raises
    ------
    KeyError
        For an unknown name, with the closest known names suggested.

    Examples
    --------
    >>> import sigmoids as sg
    >>> sg.get("expit") is sg.logistic
    True
    """
    if isinstance(name, Sigmoid):
        return name
    key = str(name).strip().lower().replace("-", "_")
    key = _ALIASES.get(key, key)
    if key in catalog:
        return catalog[key]
    known = sorted(set(catalog) | set(_ALIASES))
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else f"; known: {', '.join(known)}"
    raise KeyError(f"no sigmoid called {name!r}{hint}")


def kernel(public_name: str) -> Kernel:
    """The kernel with public name ``public_name`` ('logistic.inverse', 'softplus', ...)."""
    return _KERNELS[public_name]
