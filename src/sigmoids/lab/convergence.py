"""Logistic against tanh hidden units: which trains faster, and why.

The article: the logistic's outputs are all positive (its mean is about
1/2, not 0), so the next layer's gradients share a sign and descent zig-zags;
tanh is zero-centred and four times steeper at 0, so networks of tanh units
converge faster (LeCun et al., "Efficient BackProp", 1998).  This lab trains
the same small network on the same task with each, over several seeds,
and reports the epochs to a target loss and the mean hidden activation.
Whatever it measures is reported as measured.
"""
from __future__ import annotations

import math

import numpy as np

from ._common import LabResult, finish_axes, mlp, new_figure, threads, train

__all__ = ["convergence", "two_spirals"]


def two_spirals(points_per_arm: int = 150, turns: float = 1.5, noise: float = 0.04, seed: int = 0):
    """Two interleaved spirals, a classic problem that a linear model cannot touch.

    Points are spread evenly along each arm by arc length (the radius grows
    as the square root of a uniform draw), scaled to radius 1, with Gaussian
    noise of standard deviation ``noise``.

    Returns
    -------
    X : ndarray, shape (2 * points_per_arm, 2)
    y : ndarray of 0.0 and 1.0

    Examples
    --------
    >>> X, y = two_spirals(10)
    >>> X.shape, float(y.mean())
    ((20, 2), 0.5)
    """
    rng = np.random.default_rng([seed, 2])
    r = np.sqrt(rng.uniform(0.02, 1.0, points_per_arm))
    theta = r * turns * 2 * math.pi
    arm = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    X = np.concatenate([arm, -arm]) + rng.normal(0.0, noise, (2 * points_per_arm, 2))
    y = np.concatenate([np.zeros(points_per_arm), np.ones(points_per_arm)])
    return X, y


def convergence(activations=("logistic", "tanh"), seeds: int = 4, epochs: int = 800, target_loss: float = 0.1,
                hidden: int = 32, layers: int = 2, lr: float = 0.01, optimizer: str = "adam",
                points_per_arm: int = 150, seed: int = 0, threads_: int = 1) -> LabResult:
    """Epochs to a target loss on two spirals, per hidden activation and seed.

    The network is 2 -> ``hidden`` -> ... -> 1 (``layers`` hidden layers of the
    activation, a logit out), Glorot-uniform weights and zero biases drawn
    from the same seed for every activation, trained full-batch on the binary
    cross-entropy of the logit (:func:`sigmoids.torch.binary_cross_entropy_with_logits`),
    in float64.  Every run trains for all ``epochs``.

    Parameters
    ----------
    activations : sequence of str, optional
        Catalog names (``sigmoids.torch.Activation``) or "relu".
    seeds : int, optional
        Runs per activation, seeds ``seed, seed + 1, ...``.
    epochs : int, optional
    target_loss : float, optional
        The training loss whose first crossing is reported.
    hidden, layers : int, optional
    lr : float, optional
    optimizer : {"adam", "sgd"}, optional
        Adam, or gradient descent with momentum 0.9.
    points_per_arm : int, optional
        Training set size per class; the held-out set is as large, drawn
        with another seed.
    seed : int, optional
    threads_ : int, optional

    Returns
    -------
    LabResult
        ``rows``: ``activation``, ``seed``, ``epochs_to_target`` (None if the
        target was not reached), ``final_loss``, ``test_accuracy``,
        ``mean_hidden_activation`` (over units, layers and training inputs,
        after training) and ``mean_hidden_activation_init`` (before).

    Examples
    --------
    >>> from sigmoids.lab import convergence
    >>> result = convergence(seeds=1, epochs=5, hidden=4, points_per_arm=20)
    >>> sorted(result.rows[0])[:3]
    ['activation', 'epochs_to_target', 'final_loss']
    """
    import torch

    from ..torch import binary_cross_entropy_with_logits

    X, y = two_spirals(points_per_arm, seed=seed)
    X_test, y_test = two_spirals(points_per_arm, seed=seed + 10_000)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    grid = np.linspace(-1.3, 1.3, 161)
    G = torch.tensor(np.stack(np.meshgrid(grid, grid), axis=-1).reshape(-1, 2))
    rows, curves, regions, activity = [], {}, {}, {}

    def hidden_mean(model, inputs):
        values = []
        out = inputs
        for layer in model:
            out = layer(out)
            if not isinstance(layer, torch.nn.Linear):
                values.append(out)
        return float(torch.cat([v.flatten() for v in values]).mean()), torch.cat([v.flatten() for v in values])

    with threads(threads_):
        for activation in activations:
            for s in range(seed, seed + seeds):
                torch.manual_seed(s)
                model = mlp([2] + [hidden] * layers + [1], activation, init="xavier", dtype=torch.float64)
                with torch.no_grad():
                    initial, _ = hidden_mean(model, Xt)
                history = train(model, lambda out, target: binary_cross_entropy_with_logits(out[:, 0], target),
                                Xt, yt, epochs, lr, optimizer)
                with torch.no_grad():
                    final = float(binary_cross_entropy_with_logits(model(Xt)[:, 0], yt))
                    mean, values = hidden_mean(model, Xt)
                    accuracy = float(((model(torch.tensor(X_test))[:, 0] > 0).double() == torch.tensor(y_test))
                                     .double().mean())
                    if s == seed:
                        regions[activation] = model(G)[:, 0].reshape(grid.size, grid.size).numpy()
                        activity[activation] = values.numpy()
                losses = np.append(history, final)
                reached = np.flatnonzero(losses <= target_loss)
                curves[(activation, s)] = losses
                rows.append({"activation": activation, "seed": s,
                             "epochs_to_target": int(reached[0]) if reached.size else None,
                             "final_loss": final, "test_accuracy": accuracy,
                             "mean_hidden_activation": mean, "mean_hidden_activation_init": initial})
    settings = {"activations": list(activations), "seeds": seeds, "epochs": epochs, "target_loss": target_loss,
                "hidden": hidden, "layers": layers, "lr": lr, "optimizer": optimizer,
                "points_per_arm": points_per_arm, "seed": seed, "threads": threads_}
    summary = {}
    for activation in activations:
        runs = [r for r in rows if r["activation"] == activation]
        hit = [r["epochs_to_target"] for r in runs if r["epochs_to_target"] is not None]
        summary[activation] = {"reached": len(hit), "runs": len(runs),
                               "median_epochs_to_target": float(np.median(hit)) if hit else None,
                               "median_final_loss": float(np.median([r["final_loss"] for r in runs])),
                               "mean_hidden_activation": float(np.mean([r["mean_hidden_activation"] for r in runs]))}
    return ConvergenceResult("convergence", rows, settings, {"summary": summary},
                             {"curves": curves, "regions": regions, "activity": activity, "grid": grid,
                              "data": (X, y)})


class ConvergenceResult(LabResult):
    """:class:`LabResult` of :func:`convergence`, with its figure."""

    def figure(self):
        """Training curves, the hidden activations' distribution, and each
        activation's decision regions (first seed)."""
        from ..plot import _PALETTE

        activations = self.settings["activations"]
        fig, axes = new_figure(1, 2 + len(activations), (5.2 * (2 + len(activations)), 5.0))
        curves_ax, hist_ax = axes[0], axes[1]
        for k, activation in enumerate(activations):
            colour = _PALETTE[k % 10]
            runs = [v for (a, _), v in self._plot_data["curves"].items() if a == activation]
            for i, losses in enumerate(runs):
                curves_ax.plot(losses, color=colour, linewidth=1.0, alpha=0.75, label=activation if i == 0 else None)
            values = self._plot_data["activity"][activation]
            hist_ax.hist(values, bins=60, range=(-1, 1), color=colour, alpha=0.6, density=True,
                         label=f"{activation}: mean {values.mean():+.2f}")
        curves_ax.axhline(self.settings["target_loss"], color="red", linestyle="--", linewidth=1.2)
        curves_ax.set_yscale("log")
        curves_ax.set_xlabel(f"epoch (full-batch {self.settings['optimizer']}, lr {self.settings['lr']:g})")
        curves_ax.set_ylabel("training BCE")
        curves_ax.set_title(f"two spirals, {self.settings['seeds']} seeds each")
        hist_ax.axvline(0.0, color="0.35", linewidth=1)
        hist_ax.set_xlabel("hidden unit output (after training)")
        hist_ax.set_ylabel("density")
        hist_ax.set_title(f"hidden activations (seed {self.settings['seed']}): centred or not")
        X, y = self._plot_data["data"]
        grid = self._plot_data["grid"]
        for k, activation in enumerate(activations):
            ax = axes[2 + k]
            logits = self._plot_data["regions"][activation]
            ax.contourf(grid, grid, logits > 0, levels=[-0.5, 0.5, 1.5], colors=["#c9d6ea", "#f2d3bd"])
            ax.contour(grid, grid, logits, levels=[0.0], colors="0.25", linewidths=1.2)
            for label, colour in ((0, _PALETTE[0]), (1, _PALETTE[1])):
                ax.scatter(X[y == label, 0], X[y == label, 1], s=6, color=colour, zorder=3)
            ax.set_aspect("equal")
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            ax.set_title(f"{activation}: decision regions (seed {self.settings['seed']})")
        finish_axes(axes[:2], fontsize=10)
        finish_axes(axes[2:], legend=False)
        return fig
