"""Sigmoids in the output layer: bounded regression and binary classification.

The article: a sigmoid maps any real number into a bounded range, so it
serves as the output of a regression into an interval and, read as a
probability, of a binary classifier trained by cross-entropy.  This lab
trains both with :class:`sigmoids.torch.BoundedOutput` and
:func:`sigmoids.torch.binary_cross_entropy_with_logits`, and checks the
loss against ``torch.nn.BCEWithLogitsLoss`` for the logistic link, values
and gradients, out to |z| = 100.
"""
from __future__ import annotations

import numpy as np

from ._common import LabResult, finish_axes, mlp, new_figure, threads, train

__all__ = ["heads", "LINKS", "bce_check"]

#: (label, catalog entry, parameters) of the classification links compared
LINKS = (
    ("logit (logistic)", "logistic", {}),
    ("probit (normal)", "normal", {}),
    ("cloglog", "cloglog", {}),
    ("loglog (gompertz)", "gompertz", {}),
    ("robit nu=3 (student_t)", "student_t", {"nu": 3.0}),
    ("cauchit (arctan)", "arctan", {}),
)

#: (label, sigmoid of the BoundedOutput or None for an unbounded linear head)
REGRESSION_HEADS = (
    ("BoundedOutput(0, 1, logistic)", "logistic"),
    ("BoundedOutput(0, 1, normal)", "normal"),
    ("linear (unbounded)", None),
)


def bce_check(seed: int = 0) -> dict:
    """Our logistic BCE against ``torch.nn.BCEWithLogitsLoss``.

    Logits span [-100, 100] (both ends included), with hard (0/1) and soft
    (uniform in [0, 1]) labels, in float32 and float64.  With soft labels
    torch's float32 formula ``(1 - y) z + log(1 + e^-z)`` cancels (at
    z = -100, y = 0.999 it subtracts 99.9 from 100), so float32 is also
    compared with torch in float64, the independent reference there.

    Returns
    -------
    dict
        Per dtype and label kind (``float32 hard``, ...): the largest absolute
        differences from torch of the per-element loss
        (``max_loss_difference``), of the loss relative to max(|loss|, 1)
        (``max_loss_relative``) and of its gradient with respect to the logits
        (``max_grad_difference``); for float32 also ``max_relative_to_float64``.
    """
    import torch

    from ..torch import binary_cross_entropy_with_logits

    generator = torch.Generator().manual_seed(seed)
    z64 = torch.cat([torch.linspace(-100, 100, 2001, dtype=torch.float64),
                     torch.tensor([-100.0, 100.0, -30.0, 30.0], dtype=torch.float64)])
    labels = {"hard": torch.randint(0, 2, z64.shape, generator=generator).to(torch.float64),
              "soft": torch.rand(z64.shape, generator=generator, dtype=torch.float64)}

    def loss_and_grad(function, z, y):
        z = z.clone().requires_grad_(True)
        loss = function(z, y)
        loss.sum().backward()
        return loss.detach().to(torch.float64), z.grad.to(torch.float64)

    def ours(z, y):
        return binary_cross_entropy_with_logits(z, y, reduction="none")

    theirs = torch.nn.BCEWithLogitsLoss(reduction="none")
    result = {}
    for dtype in (torch.float32, torch.float64):
        for kind, y in labels.items():
            z = z64.to(dtype)
            (a, ga), (b, gb) = loss_and_grad(ours, z, y.to(dtype)), loss_and_grad(theirs, z, y.to(dtype))
            name = f"{str(dtype).removeprefix('torch.')} {kind}"
            result[name] = {"max_loss_difference": float((a - b).abs().max()),
                            "max_loss_relative": float(((a - b).abs() / b.abs().clamp_min(1.0)).max()),
                            "max_grad_difference": float((ga - gb).abs().max())}
            if dtype == torch.float32:
                # the float32 inputs and labels, exactly, through torch in float64
                exact, _ = loss_and_grad(theirs, z.to(torch.float64), y.to(dtype).to(torch.float64))
                result[name]["max_relative_to_float64"] = float(((a - exact).abs() / exact.abs().clamp_min(1.0)).max())
    return result


def _classification_data(seed: int):
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.3,
                                                        random_state=seed, stratify=data.target)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std, y_train, y_test


def _proportion_data(seed: int, n: int):
    """Proportions in (0, 1): Beta noise around a nonlinear mean that gets
    close to both ends, the case for a bounded head."""
    rng = np.random.default_rng([seed, 1])
    X = rng.uniform(-3.0, 3.0, (n, 2))
    mean = 1.0 / (1.0 + np.exp(-(2.0 * np.sin(1.5 * X[:, 0]) + 1.2 * X[:, 1])))
    concentration = 30.0
    y = rng.beta(mean * concentration, (1.0 - mean) * concentration)
    cut = int(0.7 * n)
    return X[:cut], X[cut:], y[:cut], y[cut:]


def heads(epochs: int = 300, hidden: int = 16, samples: int = 1000, seed: int = 0, threads_: int = 1) -> LabResult:
    """Train classifiers with every link's BCE, and bounded against unbounded regression heads.

    Classification: scikit-learn's breast-cancer data (30 standardised
    features), a network 30 -> ``hidden`` tanh -> 1 logit, trained by Adam on
    :func:`~sigmoids.torch.binary_cross_entropy_with_logits` with each link
    of ``LINKS``, plus ``torch.nn.BCEWithLogitsLoss`` from the same start.
    Regression: ``samples`` synthetic proportions (Beta noise around a mean
    that reaches near 0 and 1), a network 2 -> ``hidden`` tanh -> 1 with a
    :class:`~sigmoids.torch.BoundedOutput` head or a plain linear one, trained
    on the squared error.

    Parameters
    ----------
    epochs : int, optional
        Full-batch Adam steps (learning rate 0.01) of every model.
    hidden : int, optional
        Hidden units.
    samples : int, optional
        Size of the regression data set (70% train, 30% test).
    seed : int, optional
        Seeds the splits, the synthetic data and the initial weights.
    threads_ : int, optional
        torch and sigmoids threads.

    Returns
    -------
    LabResult
        ``rows``: ``task``, ``head``, ``final_loss`` (training loss after the
        last step), ``metric`` and ``test_metric`` (held-out accuracy or RMSE),
        ``out_of_range`` (fraction of held-out regression predictions outside
        [0, 1]; 0 for classifiers).  ``extra["bce_check"]``: :func:`bce_check`.

    Examples
    --------
    >>> from sigmoids.lab import heads
    >>> result = heads(epochs=20, samples=200)
    >>> result.rows[0]["head"]
    'logit (logistic)'
    """
    import torch

    import sigmoids as sg

    from ..torch import BoundedOutput, binary_cross_entropy_with_logits

    rows, curves, predictions = [], {}, {}
    with threads(threads_):
        X_train, X_test, y_train, y_test = _classification_data(seed)
        Xt, yt = torch.tensor(X_train), torch.tensor(y_train, dtype=torch.float64)
        Xs = torch.tensor(X_test)
        # (label, link of the probabilities, its parameters, loss)
        candidates = [(label, entry, params,
                       lambda z, y, e=entry, p=params: binary_cross_entropy_with_logits(z, y, e, **p))
                      for label, entry, params in LINKS]
        candidates.append(("torch.nn.BCEWithLogitsLoss", "logistic", {}, torch.nn.BCEWithLogitsLoss()))
        for label, entry, params, loss_fn in candidates:
            torch.manual_seed(seed)
            model = mlp([X_train.shape[1], hidden, 1], "tanh", dtype=torch.float64)
            history = train(model, lambda out, y: loss_fn(out[:, 0], y), Xt, yt, epochs, 0.01)
            with torch.no_grad():
                final = float(loss_fn(model(Xt)[:, 0], yt))
                logits = model(Xs)[:, 0].numpy()
            link = sg.get(entry)
            probability = link.cdf(logits, *link.param_values(params or None))
            accuracy = float(np.mean((probability > 0.5) == (y_test == 1)))
            curves[label] = np.append(history, final)
            rows.append({"task": "classification", "head": label, "final_loss": final,
                         "metric": "accuracy", "test_metric": accuracy, "out_of_range": 0.0})

        R_train, R_test, r_train, r_test = _proportion_data(seed, samples)
        Rt, rt = torch.tensor(R_train), torch.tensor(r_train)
        for label, sigmoid in REGRESSION_HEADS:
            torch.manual_seed(seed)
            model = mlp([2, hidden, 1], "tanh", dtype=torch.float64)
            if sigmoid is not None:
                model.append(BoundedOutput(0.0, 1.0, sigmoid=sigmoid))
            history = train(model, lambda out, y: torch.mean((out[:, 0] - y) ** 2), Rt, rt, epochs, 0.01)
            with torch.no_grad():
                final = float(torch.mean((model(Rt)[:, 0] - rt) ** 2))
                predicted = model(torch.tensor(R_test))[:, 0].numpy()
            predictions[label] = predicted
            rows.append({"task": "bounded regression", "head": label, "final_loss": final, "metric": "rmse",
                         "test_metric": float(np.sqrt(np.mean((predicted - r_test) ** 2))),
                         "out_of_range": float(np.mean((predicted < 0.0) | (predicted > 1.0)))})
        check = bce_check(seed)
    settings = {"epochs": epochs, "hidden": hidden, "samples": samples, "seed": seed, "threads": threads_}
    return HeadsResult("heads", rows, settings, {"bce_check": check},
                       {"curves": curves, "predictions": predictions, "truth": r_test})


class HeadsResult(LabResult):
    """:class:`LabResult` of :func:`heads`, with its figure."""

    def figure(self):
        """The loss on one example far in a tail, the training curves, and
        held-out predictions of the bounded and unbounded regression heads."""
        import sigmoids as sg

        from ..plot import _PALETTE

        fig, (tail, curves, scatter) = new_figure(1, 3, (16, 4.8))
        z = np.linspace(-120.0, 10.0, 1301)
        for k, (label, entry, params) in enumerate(LINKS):
            e = sg.get(entry)
            values = e.param_values(params or None)
            with np.errstate(all="ignore"):
                tail.plot(z, -e.logcdf(z, *values), color=_PALETTE[k], linewidth=2, label=label)
        with np.errstate(divide="ignore"):
            naive = -np.log(sg.logistic(z.astype(np.float32)))
        tail.plot(z, naive, color="black", linestyle=":", linewidth=2.5,
                  label=r"$-\log\,\sigma(z)$, float32")
        overflow = z[np.isinf(naive)].max()
        tail.axvline(overflow, color="red", linestyle="--", linewidth=1.2)
        tail.annotate(f"float32 $\\sigma(z)$ = 0:\nloss = inf for z < {overflow:.0f}", (overflow, 1e4),
                      xytext=(6, 0), textcoords="offset points", color="red", fontsize=10)
        tail.set_yscale("log")
        tail.set_ylim(1e-5, 1e6)
        tail.set_xlabel("logit z")
        tail.set_ylabel("loss for y = 1")
        tail.set_title("BCE on logits: finite in both tails")

        for k, (label, history) in enumerate(self._plot_data["curves"].items()):
            style = dict(color="black", linestyle="--", linewidth=1.2) if label.startswith("torch") else \
                dict(color=_PALETTE[k], linewidth=2)
            curves.plot(np.arange(history.size), history, label=label, **style)
        curves.set_yscale("log")
        curves.set_xlabel("epoch (full-batch Adam)")
        curves.set_ylabel("training BCE")
        curves.set_title("breast cancer: one network, six links")

        truth = self._plot_data["truth"]
        for k, (label, predicted) in enumerate(self._plot_data["predictions"].items()):
            scatter.scatter(truth, predicted, s=9, alpha=0.55, color=_PALETTE[k], label=label)
        for level in (0.0, 1.0):
            scatter.axhline(level, color="red", linestyle="--", linewidth=1.2)
        scatter.plot([0, 1], [0, 1], color="0.35", linewidth=1)
        scatter.set_xlabel("held-out target (a proportion)")
        scatter.set_ylabel("prediction")
        scatter.set_title("bounded regression into [0, 1]")
        finish_axes((curves, scatter))
        finish_axes((tail,), loc="lower left")
        return fig
