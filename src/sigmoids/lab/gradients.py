"""Vanishing gradients: how much of the loss's gradient reaches the first layer.

The article: the logistic's derivative is at most 1/4, so backpropagation
through n logistic layers multiplies the gradient by up to (1/4)^n and deep
networks of sigmoids stop learning in their first layers.  This lab builds
fully connected networks of depth 1 to 20 at a standard initialisation and
measures the norm of the loss's gradient with respect to the first layer's
weights, for the logistic, tanh, arctan, softsign and the other sigmoids,
with ReLU as the contrast.
"""
from __future__ import annotations

import numpy as np

from ._common import LabResult, finish_axes, mlp, new_figure, threads

__all__ = ["gradients", "DEFAULT_ACTIVATIONS"]

#: the activations compared: sigmoids of the catalog, and ReLU as the contrast
DEFAULT_ACTIVATIONS = ("logistic", "normal", "hard_sigmoid", "tanh", "erf", "arctan", "gudermannian",
                       "algebraic", "softsign", "hard_tanh", "relu")


def _max_slope(name: str) -> float:
    """The largest derivative of an activation (1 for ReLU), from the catalog's
    derivative kernel on a fine grid around its steepest point."""
    if name == "relu":
        return 1.0
    import sigmoids as sg

    entry = sg.get(name)
    return float(np.max(entry.derivative(np.linspace(-8.0, 8.0, 16001), *entry.param_values(None))))


def _layer_gradient_norms(activation: str, depth: int, width: int, batch: int, init: str, seed: int) -> np.ndarray:
    """Frobenius norms of dL/dW for every Linear layer, first to last, of one
    network with ``depth`` hidden layers, at its initial weights."""
    import torch

    torch.manual_seed(seed)
    # activations draw no random numbers: every activation gets the same
    # weights at a given seed and depth, only the nonlinearity differs
    model = mlp([width] * (depth + 1) + [1], activation, init=init, dtype=torch.float64)
    generator = torch.Generator().manual_seed(seed + 1)
    X = torch.randn(batch, width, generator=generator, dtype=torch.float64)
    y = torch.randn(batch, 1, generator=generator, dtype=torch.float64)
    loss = 0.5 * torch.mean((model(X) - y) ** 2)
    loss.backward()
    return np.array([float(layer.weight.grad.norm()) for layer in model if isinstance(layer, torch.nn.Linear)])


def gradients(max_depth: int = 20, width: int = 64, batch: int = 256, seeds: int = 3,
              activations=DEFAULT_ACTIVATIONS, init: str = "xavier", seed: int = 0, threads_: int = 1) -> LabResult:
    """Gradient norm reaching the first layer of deep MLPs, per activation and depth.

    Each network is ``depth`` hidden layers ``Linear(width, width)`` followed by
    the activation, then ``Linear(width, 1)``; the loss is half the mean squared
    error against standard normal targets on a batch of standard normal
    inputs, in float64.  The weights are drawn once per (seed, depth) and
    shared by every activation.

    Parameters
    ----------
    max_depth : int, optional
        Depths 1, 2, ..., ``max_depth`` hidden layers.
    width : int, optional
        Units per hidden layer.
    batch : int, optional
        Inputs per batch.
    seeds : int, optional
        Networks per (activation, depth); the rows hold the mean over them.
    activations : sequence of str, optional
        Catalog names (run through :class:`sigmoids.torch.Activation`) and "relu".
    init : {"xavier", "pytorch"}, optional
        Glorot-uniform weights with zero biases (default), or ``nn.Linear``'s
        own default initialisation.
    seed : int, optional
        First seed; the networks use ``seed, seed + 1, ...``.
    threads_ : int, optional
        torch and sigmoids threads.

    Returns
    -------
    LabResult
        ``rows``: ``activation``, ``depth``, ``first_layer_grad_norm`` (mean over
        seeds) and its ``min`` and ``max`` over seeds.  ``extra``:
        ``decay_per_layer`` (the geometric factor by which the first layer's
        gradient shrinks per added layer, a least-squares fit of log norm
        against depth), ``max_slope`` (the activation's largest derivative)
        and ``per_layer`` (mean gradient norm of every layer of the deepest
        network, first layer first).

    Examples
    --------
    >>> from sigmoids.lab import gradients
    >>> result = gradients(max_depth=3, width=8, batch=16, seeds=1, activations=("logistic", "relu"))
    >>> [(r["activation"], r["depth"]) for r in result.rows][:2]
    [('logistic', 1), ('logistic', 2)]
    """
    if max_depth < 1 or seeds < 1:
        raise ValueError("max_depth and seeds must be at least 1")
    rows, per_layer, decay = [], {}, {}
    depths = np.arange(1, max_depth + 1)
    with threads(threads_):
        for activation in activations:
            first = np.empty((depths.size, seeds))
            for i, depth in enumerate(depths):
                for s in range(seeds):
                    norms = _layer_gradient_norms(activation, int(depth), width, batch, init, seed + s)
                    first[i, s] = norms[0]
                    if depth == max_depth:
                        per_layer.setdefault(activation, []).append(norms)
                rows.append({"activation": activation, "depth": int(depth),
                             "first_layer_grad_norm": float(first[i].mean()),
                             "first_layer_grad_norm_min": float(first[i].min()),
                             "first_layer_grad_norm_max": float(first[i].max())})
            with np.errstate(divide="ignore"):
                log_norm = np.log(first.mean(axis=1))
            fit = np.polyfit(depths, log_norm, 1)[0] if depths.size > 1 and np.all(np.isfinite(log_norm)) else np.nan
            decay[activation] = float(np.exp(fit))
    extra = {"decay_per_layer": decay, "max_slope": {a: _max_slope(a) for a in activations},
             "per_layer": {a: np.mean(v, axis=0).tolist() for a, v in per_layer.items()}}
    settings = {"max_depth": max_depth, "width": width, "batch": batch, "seeds": seeds,
                "activations": list(activations), "init": init, "seed": seed, "threads": threads_}
    return GradientsResult("gradients", rows, settings, extra)


class GradientsResult(LabResult):
    """:class:`LabResult` of :func:`gradients`, with its figure."""

    def figure(self):
        """First-layer gradient norm against depth, and every layer's of the deepest network."""
        from ..plot import _PALETTE

        fig, (by_depth, by_layer) = new_figure(1, 2, (14, 5.4))
        activations = self.settings["activations"]
        for k, activation in enumerate(activations):
            rows = [r for r in self.rows if r["activation"] == activation]
            style = dict(color="black", linestyle="--") if activation == "relu" else dict(color=_PALETTE[k % 10])
            factor = self.extra["decay_per_layer"][activation]
            by_depth.plot([r["depth"] for r in rows], [r["first_layer_grad_norm"] for r in rows], marker="o",
                          markersize=3.5, linewidth=1.8, label=f"{activation} (x{factor:.2f}/layer)", **style)
            norms = self.extra["per_layer"][activation]
            by_layer.plot(np.arange(1, len(norms) + 1), norms, marker="o", markersize=3.5, linewidth=1.8,
                          label=activation, **style)
        by_depth.set_yscale("log")
        by_depth.set_xlabel("depth (hidden layers)")
        by_depth.set_ylabel(r"$\|\partial L/\partial W_1\|$ (mean over seeds)")
        by_depth.set_title("gradient reaching the first layer")
        by_layer.set_yscale("log")
        by_layer.set_xlabel(f"layer (1 = first; network of depth {self.settings['max_depth']})")
        by_layer.set_ylabel(r"$\|\partial L/\partial W_k\|$")
        by_layer.set_title("every layer of the deepest network (colours as left)")
        from matplotlib.ticker import MaxNLocator

        for ax in (by_depth, by_layer):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        finish_axes((by_depth,), loc="lower left", fontsize=9)
        # the colours are the left panel's: one legend is enough
        finish_axes((by_layer,), legend=False)
        init = {"xavier": "Glorot-uniform weights, zero biases", "pytorch": "nn.Linear's default init"}
        fig.suptitle(f"width {self.settings['width']}, {init[self.settings['init']]}, "
                     f"{self.settings['seeds']} seeds", fontsize=11, color="0.35")
        return fig
