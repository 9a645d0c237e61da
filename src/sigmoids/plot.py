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

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser

from .catalog import OPERATIONS, Sigmoid, get

__all__ = ["plot", "PLOTTABLE"]

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


def _first_form(latex: str) -> str:
    # The catalog writes equivalent forms as "A = B"; the first is the
    # definition, short enough for an axis label.
    return latex.split(" = ")[0].strip()


def _math(latex: str) -> str:
    """``$latex$`` if matplotlib's mathtext can typeset it, else the raw text.

    Catalog formulas are written for LaTeX; one that mathtext cannot parse
    must not make drawing the figure fail.
    """
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
    slope = info.slope(*params)
    slope = None if slope is None else float(slope)
    half = math.log(0.5)
    # x range of the inverses: their domain, stopped short of the poles
    open_range = (a + (b - a) * 1e-3, b - (b - a) * 1e-3)
    open_unit = (1e-3, 1 - 1e-3)
    table = {
        "value": (info.title, "x", value, _DEFAULT_XLIM, (mid, 0.0)),
        "derivative": (f"derivative of the {info.title}", "x", r"\frac{d}{dx}" + value,
                       _DEFAULT_XLIM, (slope, 0.0)),
        "inverse": (f"inverse of the {info.title}", "y", _first_form(info.inverse_formula),
                    open_range, (0.0, mid)),
        "cdf": (f"{info.title}, CDF form", "x", "F(x)", _DEFAULT_XLIM, (0.5, 0.0)),
        "pdf": (f"{info.title}, density of the CDF form", "x", "F'(x)",
                _DEFAULT_XLIM, (None if slope is None else slope / (b - a), 0.0)),
        "ppf": (f"{info.title}, quantile function", "p", "F^{-1}(p)", open_unit, (0.0, 0.5)),
        "logcdf": (f"{info.title}, log of the CDF form", "x", r"\log F(x)", _DEFAULT_XLIM,
                   (half if info.symmetric else None, 0.0)),
        "logsf": (f"{info.title}, log of the survival function", "x", r"\log(1 - F(x))",
                  _DEFAULT_XLIM, (half if info.symmetric else None, 0.0)),
    }
    title, *rest = table[operation]
    if params:
        # the parameter values, as the catalog names them
        title += " (" + ", ".join(f"${p.symbol} = {v:g}$" for p, v in zip(info.params, params)) + ")"
    return (title, *rest)


def plot(name_or_entry, operation: str = "value", xlim=None, ax=None, params=None) -> Figure:
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
    ax.set_xlim(lo, hi)
    ax.set_title(title)
    ax.set_xlabel(_math(xname))
    ax.set_ylabel(_math(ylabel))
    _style(ax)
    return fig
