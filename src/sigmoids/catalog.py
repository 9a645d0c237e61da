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
    # erf and normal families (_core/sg_erf.h): tools/measure_float64.py (20 per
    # binade) and dense scans around every branch point; worst seen in brackets.
    "erf": {"float16": (0.5, None), "float32": (0.5, None),
            "float64": (0.501, 5.2220207179696856e-141)},                 # [0.499988]
    "erf_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.501, 0.00030948913899222054)},       # [0.499986]
    "erf_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, 0.9999908895068919)},              # [0.499989]
    "erf_cdf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, -0.31193005764754367)},                # [0.499979]
    "erf_pdf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, 0.00030948913899222054)},              # [0.499986]
    "erf_ppf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, 2.121511358147054e-276)},              # [0.499989]
    "erf_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                   "float64": (0.501, 11.549217662522821)},               # [0.500001]
    "erf_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, 1.615552118975629e+62)},             # [0.499948]
    "normal": {"float16": (0.5, None), "float32": (0.5, None),
               "float64": (0.501, 0.42378238946205604)},                  # [0.499990]
    "normal_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.501, 6.554867876267426e-05)},     # [0.499972]
    "normal_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.501, 0.500000000000028)},            # [0.499976]
    "normal_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                      "float64": (0.501, -29.240619379356225)},           # [0.499972]
    "normal_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                     "float64": (0.501, -0.707100416991079)},             # [0.500052]
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
    # erf family (sg_erf.h).  In x = z: tiny-x scaling below 2^-900, the
    # series below 1/2, erfcx pieces switch every eighth of a binade (1, 2, 4
    # shown) and the asymptotic form from 8, e^(-x^2) is formed 2^600 higher
    # from x^2 = 600 on, and the clamps where the result is settled.
    "erf": (0.0, 2.0 ** -900, -2.0 ** -900, 0.5, -0.5, 1.0, 2.0, 4.0, 6.0, -6.0),
    "erf_derivative": (0.0, 2.0 ** -30, 24.49489742783178, -24.49489742783178, 30.0, 27.0),
    "erf_pdf": (0.0, 2.0 ** -30, 24.49489742783178, -24.49489742783178, 30.0, 27.0),
    # y: tiny scaling, the series below 2^-26, central/tail at 1/2; in the
    # tail, the starting point's half-binades of v = sqrt(-log(1 - y)) at
    # v = 1, 3/2, 2, 3, 4 and the Halley step's erfc crossing z = 1/2, 1, 2, 4
    "erf_inverse": (2.0 ** -900, 2.0 ** -26, -2.0 ** -26, 0.5, -0.5, 0.6321205588285577, 0.8946007754381357,
                    0.9816843611112658, 0.9998765901959134, 0.9999998874648253, 0.5204998778130465,
                    0.8427007929497149, 0.9953222650189527, 0.9999999845827421, 1.0 - 2.0 ** -53),
    # x: the left tail erfc(|x|)/2 (z < 1/2 series, pieces, asymptotic from 8,
    # bias from x^2 = 600, 0 from 28), the right side 1 - erfc(x)/2 (1 from 7)
    "erf_cdf": (0.0, -0.5, 0.5, -1.0, -8.0, -24.49489742783178, -28.0, 7.0, -27.2, 6.0),
    # p: tails below 1/4 and above 3/4; the series where |2p - 1| < 2^-26; in
    # the tail, 2p = e^(-v^2) at v = 1, 2, 4, 8, 16, 24 (half-binades of the
    # starting point), log_dd's rescaling below 2^-900, and erfc(z)/2 at z = 1/2, 8
    "erf_ppf": (0.25, 0.75, 0.5 - 2.0 ** -27, 0.5 + 2.0 ** -27, 0.18393972058572117, 0.00915781944436709,
                5.626758735962956e-08, 8.01905445274319e-29, 3.3081305283547426e-112, 3.510333899252367e-251,
                2.0 ** -901, 0.23975006109347674, 5.612148586491463e-30, 0.9999999999999999, 5e-324),
    # x: -inf where x^2 overflows (2^512); log erfcx - x^2 from |x| = 1/2
    # (pieces, asymptotic from 8); right side log1p(-erfc/2) until 9, then
    # -erfc/2 itself (bias from x^2 = 600, clamp 40)
    "erf_logcdf": (0.0, -0.5, 0.5, -8.0, 8.0, 9.0, 24.49489742783178, 40.0, -2.0 ** 512, -1.3407807929942596e154),
    "erf_logsf": (0.0, 0.5, -0.5, 8.0, -8.0, -9.0, -24.49489742783178, -40.0, 2.0 ** 512, 1.3407807929942596e154),
    # normal family: the same thresholds in z = x/sqrt(2) and s = x^2/2
    "normal": (0.0, -0.7071067811865476, 0.7071067811865476, -11.313708498984761, -34.64101615137755,
               -40.0, 10.0, -38.4, -1.4142135623730951),
    "normal_derivative": (0.0, 2.0 ** -30, 34.64101615137755, -34.64101615137755, 42.5, 38.5),
    "normal_inverse": (0.25, 0.75, 0.5 - 2.0 ** -27, 0.5 + 2.0 ** -27, 0.18393972058572117, 0.00915781944436709,
                       5.626758735962956e-08, 8.01905445274319e-29, 3.3081305283547426e-112,
                       3.510333899252367e-251, 2.0 ** -901, 0.23975006109347674, 5.612148586491463e-30,
                       0.9999999999999999, 5e-324),
    "normal_logcdf": (0.0, -0.7071067811865476, 0.7071067811865476, -11.313708498984761, 12.727922061357855,
                      34.64101615137755, 60.0, -1.8961503816218352e154, -1.8961503816218350e154),
    "normal_logsf": (0.0, 0.7071067811865476, -0.7071067811865476, 11.313708498984761, -12.727922061357855,
                     -34.64101615137755, -60.0, 1.8961503816218352e154, 1.8961503816218350e154),
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
    distribution_roundings : int
        How many times scipy.stats rounds the argument before evaluating
        ``distribution`` (x/scale, the x/sqrt(2) inside ``ndtr``, an inexact
        scale): its cdf and pdf then carry up to that many 2^-53 times the
        condition number |x F'/F| of relative error (1.4e-13 for the normal
        at x = -30), which the scipy comparison allows for.
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
    distribution_roundings: int = 0


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
        name="erf",
        title="error function",
        summary="The error function, an odd sigmoid; its CDF form (1 + erf x)/2 is the normal CDF "
                "with scale 1/sqrt(2).",
        formula=r"\operatorname{erf} x = \frac{2}{\sqrt{\pi}} \int_0^x e^{-t^2}\,dt",
        inverse_formula=r"\operatorname{erf}^{-1}(y)",
        range=(-1.0, 1.0),
        closed=False,
        slope_at_0=1.1283791670955126,
        odd=True,
        symmetric=True,
        distribution=("norm", {"scale": 0.7071067811865476}),
        # scipy: x/scale, with the scale 1/sqrt(2) itself rounded, then ndtr's x/sqrt(2)
        distribution_roundings=3,
        aliases=("error_function",),
        kernels=dict(
            value="erf",
            derivative="erf_derivative",
            inverse="erf_inverse",
            cdf="erf_cdf",
            pdf="erf_pdf",
            ppf="erf_ppf",
            logcdf="erf_logcdf",
            logsf="erf_logsf",
        ),
        examples=dict(
            value=("0.5", "0.5204998778130465"),
            derivative=("1.0", "0.4151074974205947"),
            inverse=("0.999999", "3.458910737275499"),
            cdf=("-5.0", "7.687298972140175e-13"),
            pdf=("1.0", "0.20755374871029736"),
            ppf=("1e-300", "-26.196253016549353"),
            logcdf=("-100000.0", "-10000000012.778437"),
            logsf=("30.0", "-904.6672642912039"),
        ),
    ),
    dict(
        name="normal",
        title="standard normal CDF",
        summary="Phi(x), the CDF of the standard normal distribution; its inverse is the probit.",
        formula=r"\Phi(x) = \frac{1}{2}\operatorname{erfc}\left(-\frac{x}{\sqrt{2}}\right)",
        inverse_formula=r"\Phi^{-1}(y) = \sqrt{2}\,\operatorname{erf}^{-1}(2y - 1)",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.3989422804014327,
        odd=False,
        symmetric=True,
        distribution=("norm", {}),
        distribution_roundings=1,  # scipy's ndtr rounds x/sqrt(2)
        aliases=("gaussian", "ndtr", "norm_cdf"),
        kernels=dict(
            value="normal",
            derivative="normal_derivative",
            inverse="normal_inverse",
            cdf="normal",
            pdf="normal_derivative",
            ppf="normal_inverse",
            logcdf="normal_logcdf",
            logsf="normal_logsf",
        ),
        examples=dict(
            value=("-38.0", "2.88542835e-316"),
            derivative=("2.0", "0.05399096651318805"),
            inverse=("5e-324", "-38.467405617144344"),
            cdf=("1.5", "0.9331927987311419"),
            pdf=("-1.0", "0.24197072451914334"),
            ppf=("0.975", "1.9599639845400538"),
            logcdf=("-100000.0", "-5000000012.431864"),
            logsf=("3.0", "-6.607726221510349"),
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
        distribution_roundings=row.get("distribution_roundings", 0),
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
