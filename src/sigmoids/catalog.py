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
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from . import _ufuncs
from ._dispatch import apply

__all__ = ["OPERATIONS", "KERNEL_ACCURACY", "Info", "Kernel", "Sigmoid", "catalog", "get", "kernel"]

OPERATIONS = ("value", "derivative", "inverse", "cdf", "pdf", "ppf", "logcdf", "logsf")

#: Measured accuracy of each compiled kernel, as max |error| in ULP against
#: mpmath (60 digits) with the input where it occurs.  float16 and float32 are
#: certified exhaustively (tests/test_accuracy.py for float16,
#: tools/audit_float32.py for float32: docs/accuracy.md); 0.5 means correctly
#: rounded.  float64 comes from the binade sweeps of tests/test_accuracy.py.
#: The tests fail if a kernel ever does worse than recorded here.
KERNEL_ACCURACY: Mapping[str, Mapping[str, tuple[float, float | None]]] = {
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
    # Gumbel families: tools/measure_float64.py (87920 inputs, 20 per binade)
    # plus dense scans of both tails and every branch (about 10^6 inputs).
    "gompertz": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.501, -4.437923654382441)},              # [0.50012]
    "gompertz_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, -6.146064675998852)},   # [0.49999]
    "gompertz_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.51, 0.36479755942372327)},      # [0.50484]
    "gompertz_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, 4.876914299288016)},        # [0.50001]
    "gompertz_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, -1.500317604407247)},         # [0.50463]
    "cloglog": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, -2.8148428155210534)},              # [0.50017]
    "cloglog_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                           "float64": (0.501, 6.146064675998852)},     # [0.49999]
    "cloglog_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.51, 0.6271901042439532)},        # [0.50471]
    "cloglog_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, 1.4972420420983292)},         # [0.50450]
    "cloglog_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                      "float64": (0.501, -4.876914299288016)},         # [0.50001]
}

#: Inputs at which a kernel's C code switches branch (tests probe both
#: neighbours of each with nextafter).  Thresholds inside the shared helpers
#: are listed in the input variable of the kernel that reaches them.
BRANCH_POINTS: Mapping[str, tuple[float, ...]] = {
    # sign of x; sg_exp_dd: |x| < 2^-60 is 1 + x, and below 2^-968 (x < -670.977) the tail is folded in
    "logistic": (0.0, 2.0 ** -60, -2.0 ** -60, -670.9773012067233, -708.3964185322641, -745.1332191019411),
    "logistic_derivative": (0.0, 2.0 ** -60, -670.9773012067233, 670.9773012067233, 708.3964185322641),
    # fold at 1/2, log1p branch from 1/4, subnormal rescaling below 2^-900
    "logistic_inverse": (0.25, 0.5, 0.75, 2.0 ** -60, 2.0 ** -900, 1.0 - 2.0 ** -53),
    # log1p_dd switches from series to Newton where e^-|x| = 2^-8
    "softplus": (0.0, -5.545177444479562, 5.545177444479562, 37.0, -708.3964185322641),
    "logistic_logcdf": (0.0, -5.545177444479562, 5.545177444479562),
    "logistic_logsf": (0.0, -5.545177444479562, 5.545177444479562),
    # Gumbel families (t = e^-x; gompertz.h, cloglog.h, sg_expm1.h): the clamp
    # at -8; sg_exp_dd_fine's 1 + x below 2^-60; sg_exp_of_dd shifts once
    # t > 670 (x = -ln 670); G turns subnormal at t = 708.40 and 0 at 745.13;
    # exp(-t) meets sg_exp_dd's 1 + x where t < 2^-60 (x = 60 ln 2).
    "gompertz": (-8.0, 2.0 ** -60, -2.0 ** -60, -6.507277712385012, -6.563003850181985,
                 -6.6135630199800985, 41.58883083359672, 745.1332191019411, 760.0),
    # u = -x - t: clamps at -8 and 800; u = -670 (shift), -708.40 (subnormal),
    # -745.13 (zero) on both sides.
    "gompertz_derivative": (-8.0, 800.0, 0.0, 2.0 ** -60, -2.0 ** -60,
                            -6.516957513835981, -6.572238705702365, -6.622411311582558,
                            670.0, 708.3964185322641, 745.1332191019411),
    # the 1/e region [0.19, 0.55] and log1p_dd's series where d or l = +-2^-8;
    # sg_log_dd's log1p branch from 0.75 and its rescaling below 2^-900; 1/e.
    "gompertz_inverse": (0.19, 0.55, 0.5, 0.75, 2.0 ** -900, 0.36787944117144233,
                         0.36931647023851827, 0.3664424121043664, 0.3693192805940405,
                         0.3664452151507752, 1.0 - 2.0 ** -53),
    # sg_exp_dd: 1 + x, tail dropped past 670.98, subnormal past 708.40, zero
    # past 745.13; the result overflows below -709.78.
    "gompertz_logcdf": (0.0, 2.0 ** -60, -2.0 ** -60, 670.9773012067233, 708.3964185322641,
                        745.1332191019411, -709.782712893384, -700.0),
    # x > 16 series, x < -1 log1p(-G), the clamp at -8; expm1_dd's series for
    # t < 1/16 (x = ln 16); sg_log_dd's log1p branch for 1 - e^-t > 0.75;
    # log1p_dd's series for G < 2^-8; the G thresholds as for the value.
    "gompertz_logsf": (16.0, -1.0, -8.0, 2.772588722239781, -0.326634259978281,
                       -1.7129286210981716, -6.507277712385012, -6.563003850181985,
                       -6.6135630199800985, 745.1332191019411),
    # clamp at 8; expm1_dd: series for s < 1/16 (x = -ln 16), s^2 skipped
    # below 2^-500; sg_exp_dd's thresholds for s = e^x; exp(-s) shifted past
    # s = 670.
    "cloglog": (8.0, -2.772588722239781, -346.5735902799727, 2.0 ** -60, -2.0 ** -60,
                -670.9773012067233, -708.3964185322641, -745.1332191019411, 6.507277712385012),
    "cloglog_derivative": (8.0, -800.0, 0.0, 2.0 ** -60, -2.0 ** -60,
                           6.516957513835981, 6.572238705702365, 6.622411311582558,
                           -670.0, -708.3964185322641, -745.1332191019411),
    # log y below 2^-60; the 1 - 1/e region [0.45, 0.81], log1p_dd's series
    # where d or l = +-2^-8; 1 - y exact from 0.5; log1p(-y)'s series below 2^-8.
    "cloglog_inverse": (2.0 ** -60, 0.45, 0.81, 0.5, 2.0 ** -8, 0.6321205588285577,
                        0.6306835297614818, 0.6335575878956337, 0.6306807194059595,
                        0.6335547848492248, 1.0 - 2.0 ** -53),
    "cloglog_logcdf": (-16.0, 1.0, 8.0, -2.772588722239781, 0.326634259978281,
                       1.7129286210981716, 6.507277712385012, 6.563003850181985,
                       6.6135630199800985, -745.1332191019411),
    "cloglog_logsf": (0.0, 2.0 ** -60, -2.0 ** -60, -670.9773012067233, -708.3964185322641,
                      -745.1332191019411, 709.782712893384, 700.0),
}


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
    slope_at_0 : float or None
        Derivative at 0 (None where 0 is not an interior point).
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
        Operation -> dtype -> measured max error in ULP.
    summary : str
        One sentence.
    mirror : str or None
        For an asymmetric entry, the entry m with ``s(-x) == a + b - m(x)``
        (so ``pdf(-x) == m.pdf(x)`` and ``logsf(-x) == m.logcdf(x)``);
        a symmetric entry is its own mirror and leaves this None.
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
    mirror: str | None = None


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
        name="gompertz",
        title="Gompertz function",
        summary="exp(-e^-x): the CDF of the Gumbel (maximum) distribution; asymmetric, "
                "with a double-exponential left tail.",
        formula=r"e^{-e^{-x}}",
        inverse_formula=r"-\log(-\log y)",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.36787944117144233,  # 1/e
        odd=False,
        symmetric=False,
        mirror="cloglog",
        distribution=("gumbel_r", {}),
        aliases=("gumbel", "gumbel_r", "loglog"),
        kernels=dict(
            value="gompertz",
            derivative="gompertz_derivative",
            inverse="gompertz_inverse",
            cdf="gompertz",
            pdf="gompertz_derivative",
            ppf="gompertz_inverse",
            logcdf="gompertz_logcdf",
            logsf="gompertz_logsf",
        ),
        examples=dict(
            value=("1.0", "0.6922006275553464"),
            derivative=("-2.0", "0.004566281420127915"),
            inverse=("0.5", "0.36651292058166435"),
            logcdf=("-700.0", "-1.0142320547350045e+304"),
            logsf=("1000.0", "-1000.0"),
            cdf=("-6.5", "1.357247607325002e-289"),
            pdf=("-6.5", "9.027618899817046e-287"),
            ppf=("0.999", "6.907255070523716"),
        ),
    ),
    dict(
        name="cloglog",
        title="complementary log-log sigmoid",
        summary="1 - exp(-e^x): the inverse cloglog link, the CDF of the Gumbel minimum "
                "distribution; the mirror image of the Gompertz function.",
        formula=r"1 - e^{-e^{x}}",
        inverse_formula=r"\log(-\log(1-y))",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.36787944117144233,  # 1/e
        odd=False,
        symmetric=False,
        mirror="gompertz",
        distribution=("gumbel_l", {}),
        aliases=("gumbel_l", "complementary_log_log", "inverse_cloglog"),
        kernels=dict(
            value="cloglog",
            derivative="cloglog_derivative",
            inverse="cloglog_inverse",
            cdf="cloglog",
            pdf="cloglog_derivative",
            ppf="cloglog_inverse",
            logcdf="cloglog_logcdf",
            logsf="cloglog_logsf",
        ),
        examples=dict(
            value=("-1.0", "0.30779937244465366"),
            derivative=("2.0", "0.004566281420127915"),
            inverse=("0.5", "-0.36651292058166435"),
            logcdf=("-1000.0", "-1000.0"),
            logsf=("700.0", "-1.0142320547350045e+304"),
            cdf=("-700.0", "9.85967654375977e-305"),
            pdf=("-30.0", "9.357622968839299e-14"),
            ppf=("1e-300", "-690.7755278982137"),
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


def _docstring(public: str, what: str, arg: str, returns: str, ulp: Mapping[str, float], example) -> str:
    accuracy = ", ".join(f"{d} {'correctly rounded' if u <= 0.5 else f'{u:g} ULP'}" for d, u in ulp.items())
    lines = [
        f"{public}({arg}, /, out=None, *, where=True, dtype=None)",
        "",
        f"{what[0].upper()}{what[1:]}.",
        "",
        "Parameters",
        "----------",
        f"{arg} : array_like",
        "    Real input; float16, float32 and float64 are computed natively,",
        "    integers and bools as float64.",
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

    def __init__(self, ufunc: np.ufunc, public_name: str, doc: str):
        self.ufunc = ufunc
        self.__name__ = public_name
        self.__qualname__ = public_name
        self.__doc__ = doc

    def __call__(self, *args, **kwargs):
        return apply(self.ufunc, self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<sigmoids kernel {self.__name__} (ufunc {self.ufunc.__name__})>"

    def __reduce__(self):
        return (kernel, (self.__name__,))


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
        return apply(self.ufunc, self.info.name, args, kwargs)

    def operation(self, name: str) -> Kernel:
        """The kernel of operation ``name`` (one of ``OPERATIONS``)."""
        return self._operations[name]

    @property
    def distribution(self):
        """The frozen scipy.stats distribution whose ``cdf`` is ``self.cdf``."""
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


def _make_kernel(ufunc_name: str, public: str, what: str, arg: str, returns: str, example) -> Kernel:
    ulp = {d: v[0] for d, v in KERNEL_ACCURACY[ufunc_name].items()}
    k = Kernel(getattr(_ufuncs, ufunc_name), public, _docstring(public, what, arg, returns, ulp, example))
    _KERNELS[public] = k
    return k


def _frozen_distribution(spec) -> Callable:
    name, params = spec

    def build():
        import scipy.stats  # heavy: imported on first use only

        return getattr(scipy.stats, name)(**params)

    return build


def _build_entry(row: dict) -> Sigmoid:
    name = row["name"]
    operations = {}
    for op in OPERATIONS:
        what, arg, returns = _OPERATION_TEXT[op]
        public = name if op == "value" else f"{name}.{op}"
        operations[op] = _make_kernel(row["kernels"][op], public, f"{what} of the {row['title']}",
                                      arg, returns, row["examples"].get(op))
    dist_name, dist_params = row["distribution"]
    args = ", ".join(f"{k}={v!r}" for k, v in dist_params.items())
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
        mirror=row.get("mirror"),
    )
    return Sigmoid(info, operations, _frozen_distribution(row["distribution"]))


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
