"""Matplotlib figures of the catalog entries.

Everything here builds a :class:`matplotlib.figure.Figure` directly, with an
Agg canvas, instead of going through ``pyplot``: no display, no global state,
no backend switching, so the functions work in scripts, servers and CI alike.
The look is that of seaborn's ``darkgrid`` style, reproduced without
importing seaborn.

This module imports matplotlib; ``import sigmoids`` never imports it.

Examples
--------
>>> from sigmoids.plot import plot
>>> fig = plot("logistic")
>>> fig.axes[0].get_title()
'logistic function'
"""
from __future__ import annotations

import math
import warnings

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser

from .catalog import OPERATIONS, Sigmoid, get

__all__ = ["plot", "compare", "derivatives", "distributions", "family", "accuracy",
           "inflection_point", "PLOTTABLE", "CLASSIC"]

#: Operations :func:`plot` can draw (all of them).
PLOTTABLE = OPERATIONS

# seaborn's darkgrid style and "notebook" context, as plain values.
_BACKGROUND = "#EAEAF2"
_TEXT = "0.15"
_CURVE = "#4C72B0"  # first colour of seaborn's "deep" palette
_GUIDE = "red"
_TITLE_SIZE = 14
_LABEL_SIZE = 13
_TICK_SIZE = 11
_FIGSIZE = (6.4, 4.8)

# x range of the value, derivative and CDF-form plots when none is given
_DEFAULT_XLIM = (-5.0, 5.0)
_SAMPLES = 1001


def _style(ax) -> None:
    """Give ``ax`` the seaborn ``darkgrid`` look.

    Light grey-blue background, white grid drawn under the data, no spines,
    no tick marks, dark grey text.  Call it after the title and labels are
    set, since it resizes them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to restyle, in place.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> _style(ax)
    >>> ax.get_facecolor()[:3] == (234 / 255, 234 / 255, 242 / 255)
    True
    """
    ax.set_facecolor(_BACKGROUND)
    ax.grid(True, which="major", color="white", linewidth=1.0, linestyle="-")
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(which="both", length=0, pad=6, labelsize=_TICK_SIZE, colors=_TEXT)
    ax.title.set_fontsize(_TITLE_SIZE)
    ax.title.set_color(_TEXT)
    for label in (ax.xaxis.label, ax.yaxis.label):
        # mathtext sets a fraction's numerator and denominator in a smaller
        # size; enlarge such labels so they read like the rest.
        size = _LABEL_SIZE * (1.35 if r"\frac" in label.get_text() else 1.0)
        label.set_fontsize(size)
        label.set_color(_TEXT)


# LaTeX characters of a formula that still fit beside a 4.5-inch-high axis
_LONGEST_AXIS_FORMULA = 80


def _first_form(latex: str) -> str:
    # The catalog writes equivalent forms as "A = B"; the first is the
    # definition, short enough for an axis label.
    return latex.split(" = ")[0].strip()


def mathtext_latex(latex: str) -> str:
    """The catalog's LaTeX in the dialect of matplotlib's mathtext, which
    knows \\leq and \\geq but not their short forms."""
    import re

    return re.sub(r"\\(le|ge)(?![a-zA-Z])", lambda m: "\\" + m.group(1) + "q", latex)


def _math(latex: str) -> str:
    """``$latex$`` if matplotlib's mathtext can typeset it, else the raw text.

    Catalog formulas are written for LaTeX; one that mathtext cannot parse
    must not make drawing the figure fail.
    """
    latex = mathtext_latex(latex)
    text = f"${latex}$"
    try:
        MathTextParser("path").parse(text)
    except ValueError:
        return latex
    return text


def _layout(entry: Sigmoid, operation: str, params: tuple = ()):
    """Title, x label, y label, default x range and guide lines of one plot.

    The guides are ``(horizontal y or None, vertical x or None)``: the centre
    of the curve, where a symmetric sigmoid crosses the midpoint of its range.
    """
    info = entry.info
    a, b = info.range
    mid = (a + b) / 2
    value = _first_form(info.formula)
    if len(value) > _LONGEST_AXIS_FORMULA:
        # student_t's incomplete-beta form crowds the axis; its name reads better
        arguments = ";\\,".join(["x"] + [p.symbol for p in info.params])
        value = rf"\mathrm{{{info.name}}}({arguments})".replace("_", r"\_")
    slope = info.slope(*params)
    slope = None if slope is None else float(slope)
    half = math.log(0.5)
    # x range of the inverses: their domain, stopped short of the poles
    open_range = (a + (b - a) * 1e-3, b - (b - a) * 1e-3)
    open_unit = (1e-3, 1 - 1e-3)
    span = _plot_domain(entry, params)
    # the median of the CDF form: 0 for the symmetric sigmoids, where the
    # article draws its guide, and the true centre of gompertz, hill, smoothstep
    with np.errstate(all="ignore"):
        median = float(entry.ppf(0.5, *params))
    centre = median if math.isfinite(median) else 0.0
    table = {
        "value": (info.title, "x", value, span, (mid, centre)),
        "derivative": (f"derivative of the {info.title}", "x", r"\frac{d}{dx}" + value,
                       span, (slope, 0.0)),
        "inverse": (f"inverse of the {info.title}", "y", _first_form(info.inverse_formula),
                    open_range, (0.0, mid)),
        "cdf": (f"{info.title}, CDF form", "x", "F(x)", span, (0.5, centre)),
        "pdf": (f"{info.title}, density of the CDF form", "x", "F'(x)",
                span, (None if slope is None else slope / (b - a), 0.0)),
        "ppf": (f"{info.title}, quantile function", "p", "F^{-1}(p)", open_unit, (0.0, 0.5)),
        "logcdf": (f"{info.title}, log of the CDF form", "x", r"\log F(x)", span,
                   (half if info.symmetric else None, 0.0)),
        "logsf": (f"{info.title}, log of the survival function", "x", r"\log(1 - F(x))",
                  span, (half if info.symmetric else None, 0.0)),
    }
    title, *rest = table[operation]
    if params:
        # the parameter values, as the catalog names them
        title += " (" + ", ".join(f"${p.symbol} = {v:g}$" for p, v in zip(info.params, params)) + ")"
    return (title, *rest)


def plot(name_or_entry, operation: str = "value", xlim=None, ax=None, params=None,
         marks: bool = True) -> Figure:
    """Plot one operation of a catalog entry, in the article's style.

    For the logistic's value this is the article's figure: the curve on
    [-5, 5], red dashed guides at y = 0.5 and x = 0, title "logistic
    function", x label ``$x$`` and y label ``$\\frac{1}{1+e^{-x}}$``.  Other
    entries and operations follow the same layout, with labels taken from the
    catalog (the first form of ``info.formula`` for the value) and guides at
    the centre of the curve (the midpoint of the range for the value).

    Parameters
    ----------
    name_or_entry : str or Sigmoid
        Catalog name, alias, or entry.
    operation : str, optional
        One of ``sigmoids.OPERATIONS``: ``"value"`` (default),
        ``"derivative"``, ``"inverse"``, ``"cdf"``, ``"pdf"``, ``"ppf"``,
        ``"logcdf"``, ``"logsf"``.
    xlim : tuple of float, optional
        x range to draw.  Default [-5, 5], or the open domain for
        ``inverse`` and ``ppf``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into (restyled).  Default: a new 6.4 x 4.8 inch figure
        with an Agg canvas.
    params : mapping or sequence, optional
        Parameter values of a parametrised family (``{"alpha": 2}``); the
        catalog's defaults for those not given.  Shown in the title.
    marks : bool, optional
        For the value and the CDF form: draw the asymptotes (the bounds of a
        hard sigmoid) as dotted lines and mark the inflection point (see
        :func:`inflection_point`).  Default True.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes; save it with ``fig.savefig(path)``.

    Raises
    ------
    KeyError
        For an unknown name (with a suggestion) or operation.

    Examples
    --------
    >>> from sigmoids.plot import plot
    >>> fig = plot("logistic")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
    ('logistic function', '$x$', '$\\\\frac{1}{1+e^{-x}}$')
    >>> fig = plot("expit", "derivative", xlim=(-8, 8))
    >>> fig.axes[0].get_xlim() == (-8.0, 8.0)
    True
    """
    entry = get(name_or_entry)
    if operation not in OPERATIONS:
        raise KeyError(f"no operation {operation!r}; choose one of {', '.join(OPERATIONS)}")
    values = entry.param_values(params)
    title, xname, ylabel, default_xlim, (y_guide, x_guide) = _layout(entry, operation, values)
    lo, hi = (float(v) for v in (xlim if xlim is not None else default_xlim))

    if ax is None:
        fig = Figure(figsize=_FIGSIZE, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
    else:
        fig = ax.figure

    x = np.linspace(lo, hi, _SAMPLES)
    # Entries defined on part of the line (hill: x >= 0) give NaN elsewhere,
    # which matplotlib leaves as a gap; the warning would only be noise.
    with np.errstate(invalid="ignore", divide="ignore"):
        y = entry.operation(operation)(x, *values)

    ax.plot(x, y, color=_CURVE, linewidth=2.0, zorder=3)
    if y_guide is not None:
        ax.axhline(y_guide, color=_GUIDE, linestyle="--", linewidth=1.5, zorder=2)
    if x_guide is not None and lo <= x_guide <= hi:
        ax.axvline(x_guide, color=_GUIDE, linestyle="--", linewidth=1.5, zorder=2)
    if marks and operation in ("value", "cdf"):
        _mark_value(ax, entry, operation, values, lo, hi)
    ax.set_xlim(lo, hi)
    ax.set_title(title)
    ax.set_xlabel(_math(xname))
    ax.set_ylabel(_math(ylabel))
    _style(ax)
    return fig


# ------------------------------------------------------- the article's marks

#: seaborn's "deep" palette, for figures with several curves
_PALETTE = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3",
            "#937860", "#DA8BC3", "#8C8C8C", "#CCB974", "#64B5CD")
_MARK = "0.35"

#: the classic comparison of "sigmoids other than the logistic"
CLASSIC = ("erf", "tanh", "arctan", "gudermannian", "algebraic", "softsign")

# Legends of the classic comparison, as the article writes them (the
# rescaling standardized() computes, in closed form).
_CLASSIC_LABELS = {
    "erf": r"\mathrm{erf}\left(\frac{\sqrt{\pi}}{2}x\right)",
    "tanh": r"\tanh x",
    "arctan": r"\frac{2}{\pi}\arctan\left(\frac{\pi}{2}x\right)",
    "gudermannian": r"\frac{2}{\pi}\mathrm{gd}\left(\frac{\pi}{2}x\right)",
    "algebraic": r"\frac{x}{\sqrt{1+x^2}}",
    "softsign": r"\frac{x}{1+|x|}",
    "logistic": r"2\sigma(2x)-1",
}


def _new_axes(ncols: int = 1, width: float | None = None):
    """A fresh constrained-layout figure with an Agg canvas and ``ncols`` axes."""
    fig = Figure(figsize=(width or _FIGSIZE[0] * ncols, _FIGSIZE[1]), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def _legend(ax) -> None:
    legend = ax.legend(frameon=True, fontsize=_TICK_SIZE, facecolor="white", framealpha=0.85,
                       edgecolor="white", loc="best")
    for text in legend.get_texts():
        text.set_color(_TEXT)


def _entry_and_params(item):
    """``"name"``, an entry, or ``(name, params)`` -> (entry, parameter tuple)."""
    if isinstance(item, tuple) and len(item) == 2 and not isinstance(item[1], (int, float)):
        entry = get(item[0])
        return entry, entry.param_values(item[1])
    entry = get(item)
    return entry, entry.param_values(None)


def _label(entry: Sigmoid, params: tuple) -> str:
    if not params:
        return entry.info.name
    values = ", ".join(f"{p.symbol}={v:g}" for p, v in zip(entry.info.params, params))
    return _math(rf"\mathrm{{{entry.info.name}}}\ ({values})".replace("_", r"\_"))


def _plot_domain(entry: Sigmoid, params: tuple) -> tuple[float, float]:
    """Where the rise of the value happens, for default x ranges."""
    lo, hi = entry.info.domain
    if entry.info.name == "smoothstep":
        return (-0.25, 1.25)
    if math.isfinite(lo):
        return (lo, lo + 4.0)
    return _DEFAULT_XLIM


def inflection_point(name_or_entry, params=None):
    """Where the value bends from convex to concave: the peak of the derivative.

    Found on the derivative kernel (a grid, then bisection), so
    it holds for every smooth entry: (0, 1/2) for the logistic, (0, 1/e) for
    the Gompertz curve, (log alpha, (1 + 1/alpha)^-alpha) for the generalised
    logistic.

    Parameters
    ----------
    name_or_entry : str or Sigmoid
        Catalog name, alias or entry.
    params : mapping or sequence, optional
        Parameter values of a parametrised family.

    Returns
    -------
    tuple of float or None
        ``(x, s(x))``; None for piecewise-linear entries (hard_sigmoid,
        hard_tanh, plan, smoothstep of order 0) and where the derivative
        peaks at the end of the domain (hill with n <= 1).

    Examples
    --------
    >>> from sigmoids.plot import inflection_point
    >>> inflection_point("logistic")
    (0.0, 0.5)
    >>> x, y = inflection_point("gompertz")
    >>> abs(x) < 1e-8, round(y, 6)          # 1/e at x = 0
    (True, 0.367879)
    """
    entry = get(name_or_entry)
    values = entry.param_values(params)
    # piecewise linear: no inflection (smoothstep's kinks are the ends of its
    # rise, and only its order 0 is linear)
    if entry.info.kinks and not (entry.info.name == "smoothstep" and values[0] > 0):
        return None
    lo, hi = entry.info.domain
    lo, hi = max(lo, -60.0), min(hi, 60.0)
    derivative = entry.operation("derivative")
    grid = np.linspace(lo, hi, 24001)
    with np.errstate(all="ignore"):
        slope = np.asarray(derivative(grid, *values), dtype=np.float64)
    if not np.isfinite(slope).any():
        return None
    i = int(np.argmax(np.where(np.isnan(slope), -np.inf, slope)))   # an infinite slope (hill, n < 1) wins
    if i == 0 or i == grid.size - 1 or slope[i] <= 0:
        return None
    if entry.info.symmetric and entry.info.name != "smoothstep" and abs(grid[i]) <= grid[1] - grid[0]:
        x = 0.0                                     # exactly, by the symmetry
    else:
        # bisection on the sign of the slope of the derivative: a central
        # difference with a step small enough that its bias (h^2/6 times the
        # fourth derivative) is far below what the rounding noise allows
        a, b = float(grid[i - 1]), float(grid[i + 1])
        for _ in range(60):
            t = (a + b) / 2.0
            h = 1e-6 * max(1.0, abs(t))
            with np.errstate(all="ignore"):
                rising = float(derivative(t + h, *values)) > float(derivative(t - h, *values))
            a, b = (t, b) if rising else (a, t)
        x = (a + b) / 2.0
    return float(x), float(entry(x, *values))


def _mark_value(ax, entry: Sigmoid, operation: str, params: tuple, lo: float, hi: float) -> None:
    """Asymptotes (or saturation bounds) and the inflection point."""
    a, b = entry.info.range if operation == "value" else (0.0, 1.0)
    kind = "bound" if entry.info.closed else "asymptote"
    for level in (a, b):
        ax.axhline(level, color=_MARK, linestyle=":", linewidth=1.3, zorder=2)
    ax.text(lo + 0.02 * (hi - lo), b, f"{kind} y = {b:g}", color=_MARK, fontsize=9,
            va="bottom", ha="left")
    ax.text(hi - 0.02 * (hi - lo), a, f"{kind} y = {a:g}", color=_MARK, fontsize=9,
            va="top" if a != 0 else "bottom", ha="right")
    point = inflection_point(entry, params)
    if point is None:
        return
    x, y = point
    if operation != "value":
        y = (y - entry.info.range[0]) / (entry.info.range[1] - entry.info.range[0])
    if lo <= x <= hi:
        ax.plot([x], [y], "o", color=_GUIDE, markersize=7, zorder=4)
        # the search stops within ~1e-9 of the span: show that residue as 0
        shown_x = 0.0 if abs(x) < 1e-6 * (hi - lo) else x
        ax.annotate(f"inflection ({shown_x:.3g}, {y:.3g})", (x, y), xytext=(12, -14),
                    textcoords="offset points", color=_TEXT, fontsize=10)
    ax.margins(y=0.08)


# ----------------------------------------------------------- the comparisons

def compare(names=CLASSIC, standardized: bool = True, xlim=(-4.0, 4.0)) -> Figure:
    """The classic comparison figure: several sigmoids on one axes.

    With ``standardized=True`` (default) each entry is rescaled to range
    (-1, 1) with slope 1 at 0 (:func:`sigmoids.standardized`), which gives
    the article's figure of "sigmoids other than the logistic": erf(sqrt(pi)
    x/2), tanh x, (2/pi) arctan(pi x/2), (2/pi) gd(pi x/2), x/sqrt(1+x^2) and
    x/(1+|x|).  They share the tangent at 0 and differ in how fast they
    approach the asymptotes: erf fastest, x/(1+|x|) slowest.

    Parameters
    ----------
    names : sequence, optional
        Entries (names, entries, or ``(name, params)`` pairs).  Default
        ``CLASSIC``.
    standardized : bool, optional
        Rescale to range (-1, 1) and slope 1 at 0.  Otherwise the values as
        they are.
    xlim : tuple of float, optional
        x range, default (-4, 4).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from sigmoids.plot import compare
    >>> fig = compare()
    >>> labels = [line.get_label() for line in fig.axes[0].get_lines()]
    >>> "tangent $y = x$" in labels
    True
    """
    from .standardized import standardized as rescale

    fig, (ax,) = _new_axes()
    lo, hi = (float(v) for v in xlim)
    x = np.linspace(lo, hi, _SAMPLES)
    for k, item in enumerate(names):
        entry, params = _entry_and_params(item)
        with np.errstate(all="ignore"):
            if standardized:
                curve = rescale(entry, *params)
                y = curve(x)
                label = (_CLASSIC_LABELS.get(entry.info.name) if not params else None) or curve.formula
                label = _math(label.replace("_", r"\_")) if not label.startswith("$") else label
            else:
                y = entry(x, *params)
                label = _label(entry, params)
        ax.plot(x, y, color=_PALETTE[k % len(_PALETTE)], linewidth=2.0, label=label, zorder=3)
    if standardized:
        ax.plot(x, x, color=_MARK, linestyle=":", linewidth=1.2, zorder=2, label="tangent $y = x$")
        for level in (-1.0, 1.0):
            ax.axhline(level, color=_MARK, linestyle="--", linewidth=1.0, zorder=2)
        ax.set_ylim(-1.15, 1.15)
        ax.set_title("sigmoids with range (-1, 1) and slope 1 at 0")
    else:
        ax.set_title("sigmoids")
    ax.set_xlim(lo, hi)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$s(x)$")
    _legend(ax)
    _style(ax)
    return fig


def derivatives(names=("logistic", "tanh", "arctan", "erf", "softsign"), xlim=(-6.0, 6.0)) -> Figure:
    """The bell-shaped derivatives, each with its peak marked.

    The logistic's derivative sigma(1 - sigma) peaks at 1/4, tanh's at 1: a
    chain of n logistic layers scales gradients by at most 4^-n, the root of
    vanishing gradients.

    Parameters
    ----------
    names : sequence, optional
        Entries (names, entries, or ``(name, params)`` pairs).
    xlim : tuple of float, optional
        x range, default (-6, 6).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from sigmoids.plot import derivatives
    >>> fig = derivatives(["logistic", "tanh"])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['max 0.25', 'max 1']
    """
    fig, (ax,) = _new_axes()
    lo, hi = (float(v) for v in xlim)
    x = np.linspace(lo, hi, _SAMPLES)
    # curves that peak at the same point (tanh, arctan and softsign all at
    # (0, 1)) share one label instead of printing theirs on top of each other
    peaks: dict = {}
    for k, item in enumerate(names):
        entry, params = _entry_and_params(item)
        color = _PALETTE[k % len(_PALETTE)]
        with np.errstate(all="ignore"):
            y = entry.derivative(x, *params)
        ax.plot(x, y, color=color, linewidth=2.0, label=_label(entry, params), zorder=3)
        point = inflection_point(entry, params)
        if point is not None and lo <= point[0] <= hi:
            peak = float(entry.derivative(point[0], *params))
            ax.plot([point[0]], [peak], "o", color=color, markersize=6, zorder=4)
            key = (round(point[0], 6), round(peak, 6))
            peaks.setdefault(key, []).append((_label(entry, params), color))
    for (px, peak), members in peaks.items():
        text = f"max {peak:.3g}"
        color = members[0][1]
        if len(members) > 1:
            text += ": " + ", ".join(label for label, _ in members)
            color = "#444444"
        ax.annotate(text, (px, peak), xytext=(8, 4), textcoords="offset points", color=color, fontsize=10,
                    zorder=5, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                    "alpha": 0.8})
    ax.set_xlim(lo, hi)
    ax.set_title("derivatives: the logistic peaks at 1/4, tanh at 1")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$s'(x)$")
    _legend(ax)
    _style(ax)
    return fig


def distributions(names=("logistic", "normal", ("student_t", {"nu": 1.0}), ("student_t", {"nu": 3.0})),
                  xlim=(-6.0, 6.0)) -> Figure:
    """Each entry's CDF form beside its density.

    The CDFs of the logistic, normal and Student-t distributions are
    sigmoids, and their densities are symmetric bells.

    Parameters
    ----------
    names : sequence, optional
        Entries (names, entries, or ``(name, params)`` pairs).
    xlim : tuple of float, optional
        x range, default (-6, 6).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: CDFs on the left, densities on the right.

    Examples
    --------
    >>> from sigmoids.plot import distributions
    >>> fig = distributions()
    >>> [ax.get_title() for ax in fig.axes]
    ['CDFs are sigmoids', 'their densities are bells']
    """
    fig, (left, right) = _new_axes(2)
    lo, hi = (float(v) for v in xlim)
    x = np.linspace(lo, hi, _SAMPLES)
    for k, item in enumerate(names):
        entry, params = _entry_and_params(item)
        color = _PALETTE[k % len(_PALETTE)]
        label = _label(entry, params)
        with np.errstate(all="ignore"):
            left.plot(x, entry.cdf(x, *params), color=color, linewidth=2.0, label=label, zorder=3)
            right.plot(x, entry.pdf(x, *params), color=color, linewidth=2.0, label=label, zorder=3)
    left.axhline(0.5, color=_GUIDE, linestyle="--", linewidth=1.2, zorder=2)
    for ax, title, ylabel in ((left, "CDFs are sigmoids", "$F(x)$"),
                              (right, "their densities are bells", "$F'(x)$")):
        ax.axvline(0.0, color=_GUIDE, linestyle="--", linewidth=1.2, zorder=2)
        ax.set_xlim(lo, hi)
        ax.set_title(title)
        ax.set_xlabel("$x$")
        ax.set_ylabel(ylabel)
        _style(ax)
    _legend(left)
    return fig


def family(name, param=None, xlim=None, parameter: str | None = None) -> Figure:
    """A parametrised family swept over its parameter.

    Parameters
    ----------
    name : str or Sigmoid
        student_t, genlogistic, hill or smoothstep (any entry with a
        parameter).
    param : sequence of float, optional
        The parameter's values; default the catalog's grid for it
        (student_t's nu from 0.5 to inf: the Cauchy at 1, the normal at inf).
    xlim : tuple of float, optional
        x range; default where the family rises.
    parameter : str, optional
        Which parameter ``param`` gives (default the family's first).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        For an entry without parameters.

    Examples
    --------
    >>> from sigmoids.plot import family
    >>> fig = family("genlogistic", param=[0.5, 1, 2])
    >>> len(fig.axes[0].get_lines())
    3
    """
    from matplotlib import colormaps

    entry = get(name)
    if not entry.info.params:
        raise ValueError(f"{entry.info.name} has no parameter to sweep")
    if isinstance(param, str):          # family(name, "nu"): the parameter's name
        parameter, param = param, None
    spec = entry.info.params[0] if parameter is None else next(
        (p for p in entry.info.params if p.name == parameter), None)
    if spec is None:
        raise KeyError(f"{entry.info.name} has no parameter {parameter!r}; its parameters: "
                       f"{', '.join(entry.info.param_names)}")
    values = list(spec.grid if param is None else np.atleast_1d(param))
    lo, hi = (float(v) for v in (xlim if xlim is not None else _plot_domain(entry, ())))
    x = np.linspace(lo, hi, _SAMPLES)
    fig, (ax,) = _new_axes()
    cmap = colormaps["viridis"]
    for k, v in enumerate(values):
        params = entry.param_values({spec.name: v})
        with np.errstate(all="ignore"):
            y = entry(x, *params)
        shade = cmap(0.9 * k / max(len(values) - 1, 1))
        ax.plot(x, y, color=shade, linewidth=2.0, label=_math(f"{spec.symbol} = {float(v):g}"), zorder=3)
    ax.set_xlim(lo, hi)
    ax.set_title(f"{entry.info.title} for several ${spec.symbol}$")
    ax.set_xlabel("$x$")
    ax.set_ylabel(_math(rf"\mathrm{{{entry.info.name}}}(x)".replace("_", r"\_")))
    _legend(ax)
    _style(ax)
    return fig


# ------------------------------------------------------------------ accuracy

def _torch_function(name: str):
    """``torch.<name>`` applied to a float64 NumPy array, or None without torch."""
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        return None

    def call(x, *params):
        import torch

        function = torch
        for part in name.split("."):
            function = getattr(function, part)
        return function(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float64)), *params).numpy()

    return call


def _baselines(entry: Sigmoid, operation: str, params: tuple) -> list:
    """(label, callable) pairs computing the same thing another way: the
    naive formula, SciPy, PyTorch (if installed)."""
    import scipy.special as sc

    name = entry.info.name
    out = []
    if operation == "value":
        naive = {
            "logistic": ("1/(1+exp(-x))", lambda x: 1.0 / (1.0 + np.exp(-x))),
            "tanh": ("(e^x-e^-x)/(e^x+e^-x)", lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))),
            "gudermannian": ("2 arctan(tanh(x/2))", lambda x: 2.0 * np.arctan(np.tanh(x / 2.0))),
            "normal": ("(1+erf(x/sqrt 2))/2", lambda x: 0.5 * (1.0 + sc.erf(x / math.sqrt(2.0)))),
            "algebraic": ("x/sqrt(1+x^2)", lambda x: x / np.sqrt(1.0 + x * x)),
            "softsign": ("x/(1+|x|)", lambda x: x / (1.0 + np.abs(x))),
            "gompertz": ("exp(-exp(-x))", lambda x: np.exp(-np.exp(-x))),
            "cloglog": ("1-exp(-exp(x))", lambda x: 1.0 - np.exp(-np.exp(x))),
            "genlogistic": ("(1+exp(-x))^-a", lambda x, a: (1.0 + np.exp(-x)) ** -a),
            "hill": ("x^n/(1+x^n)", lambda x, n: x ** n / (1.0 + x ** n)),
            "hard_sigmoid": ("clip(x/6+1/2)", lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0)),
        }
        library = {
            "logistic": ("scipy.special.expit", sc.expit),
            "tanh": ("numpy.tanh", np.tanh),
            "arctan": ("numpy.arctan", np.arctan),
            "erf": ("scipy.special.erf", sc.erf),
            "normal": ("scipy.special.ndtr", sc.ndtr),
            "student_t": ("scipy.special.stdtr", lambda x, nu: sc.stdtr(nu, x)),
        }
        torch_names = {"logistic": "sigmoid", "tanh": "tanh", "arctan": "atan", "erf": "erf",
                       "normal": "special.ndtr", "softsign": "nn.functional.softsign",
                       "hard_sigmoid": "nn.functional.hardsigmoid", "hard_tanh": "nn.functional.hardtanh"}
        for table in (naive, library):
            if name in table:
                out.append(table[name])
        if name in torch_names and (call := _torch_function(torch_names[name])) is not None:
            out.append((f"torch.{torch_names[name]}", call))
    elif operation in ("cdf", "pdf", "ppf", "logcdf", "logsf"):
        dist = entry.distribution(*params) if entry.info.params else entry.distribution
        method = {"cdf": dist.cdf, "pdf": dist.pdf, "ppf": dist.ppf, "logcdf": dist.logcdf, "logsf": dist.logsf}
        out.append((f"scipy.stats {entry.info.distribution}.{operation}", lambda x, *p: method[operation](x)))
        if operation == "logcdf":
            out.append(("log(cdf)", lambda x, *p: np.log(dist.cdf(x))))
            if name == "logistic" and (call := _torch_function("nn.functional.logsigmoid")) is not None:
                out.append(("torch.nn.functional.logsigmoid", call))
        if operation == "logsf":
            out.append(("log(1-cdf)", lambda x, *p: np.log(1.0 - dist.cdf(x))))
    elif operation == "inverse":
        library = {
            "logistic": [("log(y/(1-y))", lambda y: np.log(y / (1.0 - y))), ("scipy.special.logit", sc.logit)],
            "tanh": [("numpy.arctanh", np.arctanh)],
            "erf": [("scipy.special.erfinv", sc.erfinv)],
            "normal": [("scipy.special.ndtri", sc.ndtri)],
            "arctan": [("numpy.tan", np.tan)],
        }
        out.extend(library.get(name, []))
    return out


def _accuracy_inputs(entry: Sigmoid, operation: str, samples: int):
    """Inputs that reach both tails, where to draw them, the x scale and label.

    An inverse or quantile is drawn against the fraction (y - a)/(b - a) of
    its range on a logit axis, which spreads out both ends."""
    if operation in ("inverse", "ppf"):
        a, b = entry.info.range if operation == "inverse" else (0.0, 1.0)
        half = samples // 2
        fraction = np.concatenate([np.logspace(-200, -0.31, half), 1.0 - np.logspace(-0.31, -16, samples - half)])
        y = np.unique(a + (b - a) * fraction)
        y = y[(y > a) & (y < b)]
        label = "$p$" if (a, b) == (0.0, 1.0) else f"$(y - a)/(b - a)$ on the range ({a:.4g}, {b:.4g})"
        return y, (y - a) / (b - a), "logit", label
    lo, hi = entry.info.domain
    # logarithmic near 0, and linear too where exp over- and underflows
    # (|x| from 700 to 750), which is where formulas fail
    magnitudes = np.unique(np.concatenate([np.logspace(-4, 3, samples // 3),
                                           np.linspace(1.0, 1000.0, samples // 6),
                                           np.linspace(700.0, 750.0, max(samples // 8, 5))]))
    x = np.concatenate([-magnitudes[::-1], [0.0], magnitudes]) if lo < 0 else magnitudes
    return x, x, "symlog", "$x$"


def accuracy(name, operation: str = "value", params=None, samples: int = 401) -> Figure:
    """ULP error of ours, SciPy, PyTorch (if installed) and the naive formula.

    Every curve is measured against mpmath at 60 digits on inputs that reach
    far into both tails (|x| up to 1000, probabilities down to 1e-200), in
    float64.  The y axis is logarithmic: ours stays at or below 0.5 ULP,
    while cancelling or overflowing formulas climb to 10^16 ULP and beyond
    (a result that is wrongly 0, inf or NaN is drawn on the top edge).

    Parameters
    ----------
    name : str or Sigmoid
        Catalog name, alias or entry.
    operation : str, optional
        One of ``OPERATIONS``; default the value.
    params : mapping or sequence, optional
        Parameter values of a parametrised family.
    samples : int, optional
        Number of inputs (default 401).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from sigmoids.plot import accuracy
    >>> fig = accuracy("logistic", samples=41)
    >>> [line.get_label() for line in fig.axes[0].get_lines()][:3]
    ['sigmoids (ours)', '1/(1+exp(-x))', 'scipy.special.expit']
    """
    from . import reference

    entry = get(name)
    if operation not in OPERATIONS:
        raise KeyError(f"no operation {operation!r}; choose one of {', '.join(OPERATIONS)}")
    values = entry.param_values(params)
    kernel_name = entry.info.kernels[operation]
    x, position, xscale, xlabel = _accuracy_inputs(entry, operation, samples)
    exact = reference.evaluate(kernel_name, x, params=values)
    top = 1e18
    fig, (ax,) = _new_axes()
    curves = [("sigmoids (ours)", lambda x, *p: entry.operation(operation)(x, *p))]
    curves += _baselines(entry, operation, values)
    for k, (label, function) in enumerate(curves):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                result = np.asarray(function(x.copy(), *values), dtype=np.float64)
            except Exception:            # a library that rejects part of the range
                continue
        errors = reference.ulp_error(result, exact)
        shown = np.clip(np.where(np.isfinite(errors), errors, top), 1e-3, top)
        # dashes of different lengths keep curves that coincide (the naive
        # formula and SciPy often fail at the same inputs) both visible
        style = "-" if k == 0 else (0, (6 - 2 * (k % 3), 2 + k))
        ax.plot(position, shown, color=_PALETTE[k % len(_PALETTE)], linewidth=2.4 if k == 0 else 1.6,
                linestyle=style, label=label, zorder=4 if k == 0 else 3)
    ax.axhline(0.5, color=_GUIDE, linestyle="--", linewidth=1.2, zorder=2)
    ax.text(position[0], 0.5, "  correctly rounded: 0.5 ULP", color=_GUIDE, fontsize=9, va="bottom")
    ax.set_yscale("log")
    ax.set_ylim(1e-3, top * 3)
    if xscale == "symlog":
        ax.set_xscale("symlog", linthresh=1e-4)
        ticks = [10.0 ** k for k in (-4, -2, 0, 2)] + [1000.0]
        ax.set_xticks(sorted({t * s for t in ticks for s in (-1, 1) if s > 0 or x[0] < 0} | {0.0}))
    elif xscale == "logit":
        ax.set_xscale("logit")
        ax.set_xlim(float(position.min()), float(position.max()))   # autoscale margins would reach 1
    ax.set_title(f"float64 error of the {entry.info.title}"
                 + ("" if operation == "value" else f" {operation}"))
    ax.set_xlabel(xlabel)
    ax.set_ylabel("error (ULP)")
    _legend(ax)
    _style(ax)
    return fig
