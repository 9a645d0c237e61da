r"""The universal approximation theorem, measured.

Cybenko (1989): finite sums :math:`\sum_i v_i \sigma(w_i x + b_i)` of a
sigmoid are dense in the continuous functions on a compact set.  This lab
measures how fast the error falls with the number of hidden units, two ways.

``constructive``
    Steep logistics as steps, summed into a staircase through the target.
    With :math:`h = (b - a)/N`, nodes :math:`t_i = a + ih`, steps at the
    midpoints :math:`c_i = t_{i-1} + h/2` and steepness :math:`k = \kappa/h`,

    .. math:: g(x) = f(a) + \sum_{i=1}^{N} (f(t_i) - f(t_{i-1}))\,\sigma(k(x - c_i)).

    For an L-Lipschitz f this satisfies

    .. math:: \sup_{[a,b]} |f - g| \le L h \left(\tfrac12 + \frac{1}{\sinh(\kappa/2)}\right).

    Proof: on :math:`[t_j, t_{j+1}]`, g is the blend
    :math:`(1-s) f(t_j) + s f(t_{j+1})`, :math:`s = \sigma(k(x - c_{j+1}))`,
    plus the tails of the other steps.  The blend is within
    :math:`L[u(1-s) + (h-u)s] \le Lh/2` of f(x), u = x - t_j (for u < h/2,
    with v = h/2 - u, the bracket is :math:`h/2 - v\tanh(kv/2)`; symmetric
    above).  The other steps are at least :math:`(m + 1/2)h`, m = 0, 1, ...,
    away on each side, each of height at most Lh, and
    :math:`1 - \sigma(t) = \sigma(-t) \le e^{-t}`, so the tails add at most
    :math:`2Lh\sum_m e^{-\kappa(m+1/2)} = Lh/\sinh(\kappa/2)`.  The first term
    is the staircase's own error, the second the price of smooth steps.
    For a discontinuous target (the step) there is no such bound: every
    continuous g misses a jump of 1 by at least 1/2 somewhere, so the sup
    error cannot fall below 1/2 (the staircase's stays near 1, its jump
    half a cell early) while the RMS error still falls.

``trained``
    A network with one hidden layer of N logistic units and a linear output,
    fitted by L-BFGS to the target on a grid, from PyTorch's default
    initialisation.

Both are measured on a grid five times finer than the training grid (the
sup also just left of each grid point, to see a jump from both sides); a
sup over a grid can only underestimate the true sup.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from ._common import LabResult, finish_axes, new_figure, threads

__all__ = ["uat", "Target", "TARGETS", "target_from_expression", "constructive_bound", "staircase"]


# ------------------------------------------------------------------ targets

#: numpy functions a target expression may call (as ``sin(x)`` or ``np.sin(x)``)
ALLOWED_FUNCTIONS = frozenset({
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh", "arcsinh",
    "arccosh", "arctanh", "exp", "exp2", "expm1", "log", "log1p", "log2", "log10", "sqrt", "cbrt", "square",
    "abs", "absolute", "sign", "floor", "ceil", "maximum", "minimum", "where", "heaviside", "hypot", "clip",
    "power",
})
_CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
           ast.Pow: np.power, ast.Mod: np.mod}
_UNARY = {ast.USub: np.negative, ast.UAdd: np.positive}
_COMPARE = {ast.Lt: np.less, ast.LtE: np.less_equal, ast.Gt: np.greater, ast.GtE: np.greater_equal}


def _evaluate(node, x):
    """The value of one node of a checked expression tree at ``x``: only
    numbers, ``x``, pi, e, arithmetic, comparisons and the allowed numpy
    functions; anything else raises ValueError, so nothing can be imported,
    read, called or looked up."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, x)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        # floats, so that 10**10**10 overflows to inf instead of running forever
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        if node.id == "x":
            return x
        if node.id in _CONSTANTS:
            return np.float64(_CONSTANTS[node.id])
        raise ValueError(f"unknown name {node.id!r} (use x, pi, e)")
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_evaluate(node.left, x), _evaluate(node.right, x))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand, x))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        return _COMPARE[type(node.ops[0])](_evaluate(node.left, x), _evaluate(node.comparators[0], x))
    if isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("np", "numpy"):
            name = func.attr
        elif isinstance(func, ast.Name):
            name = func.id
        else:
            raise ValueError("only numpy functions may be called, as f(...) or np.f(...)")
        if name not in ALLOWED_FUNCTIONS:
            raise ValueError(f"function {name!r} is not allowed (allowed: {', '.join(sorted(ALLOWED_FUNCTIONS))})")
        return getattr(np, name)(*(_evaluate(arg, x) for arg in node.args))
    raise ValueError(f"{type(node).__name__} is not allowed in a target expression")


def target_from_expression(expression: str) -> Callable[[np.ndarray], np.ndarray]:
    """A function of x from an expression such as ``"np.sin(3*x) + abs(x)"``.

    The expression is parsed with :mod:`ast` and evaluated node by node:
    numbers, ``x``, ``pi``, ``e``, ``+ - * / ** %``, comparisons, and the
    numpy functions in ``ALLOWED_FUNCTIONS`` (written ``sin(x)``,
    ``np.sin(x)`` or ``numpy.sin(x)``).  Nothing is passed to ``eval``.

    Raises
    ------
    ValueError
        For a syntax error or anything outside that grammar.

    Examples
    --------
    >>> f = target_from_expression("np.sin(pi * x) + x**2")
    >>> float(f(np.array(0.5)))
    1.25
    >>> target_from_expression("__import__('os')")
    Traceback (most recent call last):
    ...
    ValueError: function '__import__' is not allowed (allowed: ...)
    """
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not an expression: {expression!r} ({exc.msg})") from None
    with np.errstate(all="ignore"):
        _evaluate(tree, np.linspace(0.0, 1.0, 3))   # reject bad grammar now, not mid-experiment

    def f(x):
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(_evaluate(tree, np.asarray(x, dtype=np.float64)), dtype=np.float64),
                                   np.shape(x)).copy()
    return f


@dataclass(frozen=True)
class Target:
    """A function to approximate on [a, b].

    ``lipschitz`` is a Lipschitz constant (None for a discontinuous target);
    ``lipschitz_note`` says where it comes from.
    """

    name: str
    function: Callable
    domain: tuple
    lipschitz: Optional[float]
    label: str
    lipschitz_note: str = "exact"


def _wiggly(x):
    return 0.2 + 0.4 * x ** 2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x)


def _wiggly_lipschitz() -> float:
    """max |f'| on [0, 1] of the wiggly target, rigorous: f' on a grid of
    spacing 1e-6, plus |f''| <= 0.8 + 9 + 67.5 + 125 times half the spacing."""
    x = np.linspace(0.0, 1.0, 1_000_001)
    slope = 0.8 * x + 0.3 * np.sin(15 * x) + 4.5 * x * np.cos(15 * x) - 2.5 * np.sin(50 * x)
    return float(np.max(np.abs(slope)) + 202.3 * 0.5e-6)


def _lipschitz_estimate(f, a: float, b: float) -> Optional[float]:
    """The largest difference quotient on a grid of 2^20 intervals; None if
    halving the spacing raises it by more than 1% (no Lipschitz constant)."""
    x = np.linspace(a, b, 2 ** 20 + 1)
    y = f(x)
    fine = float(np.max(np.abs(np.diff(y))) / (x[1] - x[0]))
    coarse = float(np.max(np.abs(y[2::2] - y[:-2:2])) / (2 * (x[1] - x[0])))
    return fine if fine <= 1.01 * coarse and math.isfinite(fine) else None


TARGETS = {
    "sin": Target("sin", np.sin, (-math.pi, math.pi), 1.0, r"$\sin x$ on $[-\pi, \pi]$"),
    "abs": Target("abs", np.abs, (-1.0, 1.0), 1.0, r"$|x|$ on $[-1, 1]$"),
    "step": Target("step", lambda x: np.where(np.asarray(x) >= 0, 1.0, 0.0), (-1.0, 1.0), None,
                   r"step $[x \geq 0]$ on $[-1, 1]$", "discontinuous: no bound"),
    "wiggly": Target("wiggly", _wiggly, (0.0, 1.0), None,
                     r"$0.2+0.4x^2+0.3x\sin 15x+0.05\cos 50x$", "max |f'| on a grid + |f''| h/2"),
}


def custom_target(expression: str, domain: tuple) -> Target:
    """A :class:`Target` from a user's expression (see :func:`target_from_expression`)."""
    a, b = (float(v) for v in domain)
    if not (math.isfinite(a) and math.isfinite(b) and a < b):
        raise ValueError(f"the domain must be finite with a < b, got {a}, {b}")
    f = target_from_expression(expression)
    if not np.all(np.isfinite(f(np.linspace(a, b, 10_001)))):
        raise ValueError(f"{expression!r} is not finite everywhere on [{a:g}, {b:g}]")
    lipschitz = _lipschitz_estimate(f, a, b)
    note = "estimated from difference quotients" if lipschitz is not None else "not Lipschitz on the grid: no bound"
    return Target(expression, f, (a, b), lipschitz, f"${expression}$".replace("np.", "").replace("*", r"\cdot "),
                  note)


def _resolve(target: Target) -> Target:
    if target.name == "wiggly" and target.lipschitz is None:
        return Target(target.name, target.function, target.domain, _wiggly_lipschitz(), target.label,
                      target.lipschitz_note)
    return target


# ------------------------------------------------------------ the two methods

def constructive_bound(lipschitz: Optional[float], a: float, b: float, width: int, steepness: float) -> Optional[float]:
    """L h (1/2 + 1/sinh(kappa/2)), h = (b - a)/width: the staircase's guaranteed sup error."""
    if lipschitz is None:
        return None
    h = (b - a) / width
    return lipschitz * h * (0.5 + 1.0 / math.sinh(steepness / 2.0))


def staircase(f, a: float, b: float, width: int, steepness: float = 10.0):
    """The constructive approximant with ``width`` logistic units, as a function of x.

    Returns
    -------
    callable
        g(x) = f(a) + sum_i (f(t_i) - f(t_{i-1})) sigma(k (x - c_i)).

    Examples
    --------
    >>> g = staircase(np.sin, -np.pi, np.pi, 64)
    >>> x = np.linspace(-np.pi, np.pi, 1001)
    >>> bool(np.max(np.abs(g(x) - np.sin(x))) < constructive_bound(1.0, -np.pi, np.pi, 64, 10.0))
    True
    """
    import sigmoids as sg

    h = (b - a) / width
    nodes = a + h * np.arange(width + 1)
    heights = np.diff(f(nodes))
    centres = nodes[:-1] + h / 2
    k = steepness / h
    base = float(f(np.array([a]))[0])

    def g(x):
        x = np.asarray(x, dtype=np.float64)
        return base + sg.logistic(k * (x[..., None] - centres)) @ heights
    return g


def _fit(f, a: float, b: float, width: int, train_points: int, iterations: int, seed: int):
    """A one-hidden-layer logistic network fitted by L-BFGS; returns g(x)."""
    import torch

    from ..torch import Activation

    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(1, width, dtype=torch.float64), Activation("logistic"),
                                torch.nn.Linear(width, 1, dtype=torch.float64))
    x = np.linspace(a, b, train_points)
    # inputs scaled to [-1, 1], where the default initialisation puts its units
    scale = lambda v: torch.tensor((2.0 * (v - a) / (b - a) - 1.0)[:, None])
    X, y = scale(x), torch.tensor(f(x)[:, None])
    optimizer = torch.optim.LBFGS(model.parameters(), lr=1.0, max_iter=iterations, history_size=50,
                                  tolerance_grad=1e-12, tolerance_change=1e-15, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = torch.mean((model(X) - y) ** 2)
        loss.backward()
        return loss

    optimizer.step(closure)

    def g(v):
        with torch.no_grad():
            return model(scale(np.asarray(v, dtype=np.float64)))[:, 0].numpy()
    return g


def _grid(a: float, b: float, train_points: int) -> np.ndarray:
    """The evaluation grid: five times finer than the training grid, and
    with an odd number of points, so that a symmetric domain's centre is on it."""
    return np.linspace(a, b, 5 * train_points + 1)


def _errors(f, g, x) -> tuple[float, float]:
    """(sup, RMS) of f - g over the grid x.  The sup also takes the float just
    left of every grid point, so that a jump of f at a grid point is seen
    from both sides (f's value there is one-sided)."""
    e = np.abs(f(x) - g(x))
    left = np.nextafter(x, -np.inf)
    return max(float(np.max(e)), float(np.max(np.abs(f(left) - g(left))))), float(np.sqrt(np.mean(e * e)))


def uat(targets=("sin", "abs", "step", "wiggly"), methods=("constructive", "trained"), max_width: int = 256,
        steepness: float = 10.0, train_points: int = 256, iterations: int = 200, seed: int = 0,
        show_width: int = 16, threads_: int = 1) -> LabResult:
    """Sup and RMS error of one-hidden-layer sigmoid approximations against width.

    Parameters
    ----------
    targets : sequence of str or Target, optional
        Names in ``TARGETS`` or :class:`Target` objects (see :func:`custom_target`).
    methods : sequence of {"constructive", "trained"}, optional
    max_width : int, optional
        Widths 1, 2, 4, ..., up to ``max_width``.
    steepness : float, optional
        kappa: each constructive step rises over about 1/kappa of a grid cell.
    train_points : int, optional
        Training grid of the trained networks; errors are measured on a grid
        five times finer.
    iterations : int, optional
        L-BFGS iterations per trained network.
    seed : int, optional
        Seed of the trained networks' initial weights.
    show_width : int, optional
        The width whose approximations the figure draws.
    threads_ : int, optional
        torch and sigmoids threads.

    Returns
    -------
    LabResult
        ``rows``: ``target``, ``method``, ``width``, ``sup_error``,
        ``rms_error``, and ``bound`` (the constructive guarantee, None for
        trained networks and discontinuous targets).  ``extra["lipschitz"]``:
        the constant each bound uses, and where it comes from.

    Examples
    --------
    >>> from sigmoids.lab import uat
    >>> result = uat(targets=("sin",), methods=("constructive",), max_width=8)
    >>> all(r["sup_error"] <= r["bound"] for r in result.rows)
    True
    """
    if max_width < 1:
        raise ValueError("max_width must be at least 1")
    widths = [2 ** k for k in range(int(math.log2(max_width)) + 1)]
    for method in methods:
        if method not in ("constructive", "trained"):
            raise ValueError(f"method must be 'constructive' or 'trained', got {method!r}")
    chosen = [_resolve(TARGETS[t] if isinstance(t, str) else t) for t in targets]
    rows, shown = [], {}
    with threads(threads_):
        for target in chosen:
            a, b = target.domain
            x = _grid(a, b, train_points)
            for method in methods:
                for width in widths:
                    if method == "constructive":
                        g = staircase(target.function, a, b, width, steepness)
                        bound = constructive_bound(target.lipschitz, a, b, width, steepness)
                    else:
                        g = _fit(target.function, a, b, width, train_points, iterations, seed)
                        bound = None
                    sup, rms = _errors(target.function, g, x)
                    rows.append({"target": target.name, "method": method, "width": width, "sup_error": sup,
                                 "rms_error": rms, "bound": bound})
                    if width == min(show_width, widths[-1]):
                        shown[(target.name, method)] = g(x)
    settings = {"targets": [t.name for t in chosen], "methods": list(methods), "widths": widths,
                "steepness": steepness, "train_points": train_points, "iterations": iterations, "seed": seed,
                "threads": threads_}
    extra = {"lipschitz": {t.name: {"L": t.lipschitz, "source": t.lipschitz_note} for t in chosen},
             "bound_formula": "L*h*(1/2 + 1/sinh(kappa/2)), h = (b - a)/width"}
    return UATResult("uat", rows, settings, extra, {"targets": chosen, "shown": shown,
                                                    "show_width": min(show_width, widths[-1])})


class UATResult(LabResult):
    """:class:`LabResult` of :func:`uat`, with its figure."""

    def figure(self):
        """Per target: the approximations at one width, and the errors against width (log-log)."""
        from ..plot import _PALETTE

        targets = self._plot_data["targets"]
        n = len(targets)
        fig, axes = new_figure(2, n, (4.6 * n, 8.4))
        methods = self.settings["methods"]
        colour = {"constructive": _PALETTE[0], "trained": _PALETTE[1]}
        for j, target in enumerate(targets):
            top, bottom = axes[j], axes[n + j]
            a, b = target.domain
            x = _grid(a, b, self.settings["train_points"])
            top.plot(x, target.function(x), color="black", linewidth=2.5, label="target")
            for method in methods:
                top.plot(x, self._plot_data["shown"][(target.name, method)], color=colour[method], linewidth=1.5,
                         label=f"{method}, width {self._plot_data['show_width']}")
            top.set_title(target.label, fontsize=11)
            top.set_xlabel("x")
            for method in methods:
                rows = [r for r in self.rows if r["target"] == target.name and r["method"] == method]
                w = [r["width"] for r in rows]
                bottom.plot(w, [r["sup_error"] for r in rows], color=colour[method], marker="o", markersize=4,
                            linewidth=1.8, label=f"{method}: sup")
                bottom.plot(w, [r["rms_error"] for r in rows], color=colour[method], marker="s", markersize=4,
                            linewidth=1.4, linestyle="--", label=f"{method}: RMS")
                if method == "constructive" and rows and rows[0]["bound"] is not None:
                    bottom.plot(w, [r["bound"] for r in rows], color="black", linestyle=":", linewidth=1.8,
                                label="guaranteed bound")
            bottom.set_xscale("log", base=2)
            bottom.set_yscale("log")
            bottom.set_xlabel("hidden units")
        axes[0].set_ylabel("f(x) and approximations")
        axes[n].set_ylabel("error (sup: solid, RMS: dashed)")
        finish_axes(axes[:n], fontsize=8)
        finish_axes(axes[n:], legend=False)
        # one legend for the error panels, below them, where it hides no curve
        handles, labels = axes[n].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=len(labels), frameon=False, fontsize=11)
        return fig
