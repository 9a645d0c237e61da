"""What the torch labs share: a result type, thread limits, MLPs, training.

Nothing here imports torch or matplotlib at import time; the functions that
need them import them when called.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import numpy as np

__all__ = ["LabResult", "threads", "activation_module", "mlp", "train", "new_figure", "finish_axes"]


@dataclass
class LabResult:
    """The common shape of a lab's result.

    Attributes
    ----------
    name : str
        The lab (``sigmoids lab NAME``).
    rows : list of dict
        The measurements, one dict per row (what ``--json`` prints as ``rows``).
    settings : dict
        The arguments the lab ran with, so that a JSON file says how to
        reproduce it.
    extra : dict
        Anything else the lab reports (checks, bounds, curves' summaries).
    """

    name: str
    rows: list
    settings: dict
    extra: dict = field(default_factory=dict)
    _plot_data: dict = field(default_factory=dict, repr=False)

    def to_json(self) -> dict:
        return {"lab": self.name, "settings": self.settings, **self.extra, "rows": self.rows}


@contextlib.contextmanager
def threads(n: int):
    """Run torch and sigmoids' kernels on ``n`` threads, and restore both after."""
    import torch

    import sigmoids as sg

    before = torch.get_num_threads(), sg.get_num_threads()
    torch.set_num_threads(n)
    sg.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before[0])
        sg.set_num_threads(before[1])


def activation_module(name: str):
    """``torch.nn.ReLU`` for "relu" (the contrast), else the catalog entry as
    a :class:`sigmoids.torch.Activation` (our kernels, closed-form gradients)."""
    import torch

    if name == "relu":
        return torch.nn.ReLU()
    from ..torch import Activation

    return Activation(name)


def mlp(sizes, activation: str, init: str = "xavier", dtype=None):
    """A fully connected network ``sizes[0] -> ... -> sizes[-1]`` with
    ``activation`` after every layer but the last.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, input first.
    activation : str
        "relu" or a catalog name.
    init : {"xavier", "pytorch"}
        "xavier": Glorot-uniform weights (variance 2/(fan_in + fan_out)),
        zero biases, the initialisation Glorot and Bengio (2010) designed
        for sigmoid-type units.  "pytorch": ``nn.Linear``'s default,
        U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases.
    dtype : torch.dtype, optional
        Default: torch's default dtype.

    Returns
    -------
    torch.nn.Sequential
    """
    import torch

    if init not in ("xavier", "pytorch"):
        raise ValueError(f"init must be 'xavier' or 'pytorch', got {init!r}")
    layers = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = torch.nn.Linear(n_in, n_out, dtype=dtype)
        if init == "xavier":
            torch.nn.init.xavier_uniform_(linear.weight)
            torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if k < len(sizes) - 2:
            layers.append(activation_module(activation))
    return torch.nn.Sequential(*layers)


def train(model, loss_fn, X, y, epochs: int, lr: float, optimizer: str = "adam") -> np.ndarray:
    """Full-batch training; the loss before each step, as an array of ``epochs``.

    Parameters
    ----------
    optimizer : {"adam", "sgd"}
        Adam, or plain gradient descent with momentum 0.9.
    """
    import torch

    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=lr)
    elif optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    else:
        raise ValueError(f"optimizer must be 'adam' or 'sgd', got {optimizer!r}")
    history = np.empty(epochs)
    for epoch in range(epochs):
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        history[epoch] = float(loss.detach())
    return history


def new_figure(nrows: int, ncols: int, size: tuple[float, float]):
    """A constrained-layout figure with an Agg canvas (no pyplot) and its axes array."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False).ravel())


def finish_axes(axes, legend: bool = True, loc: str = "best", fontsize: float | None = None) -> None:
    """The library's look (``sigmoids.plot``) on every axes, with a legend where there are labels."""
    from ..plot import _legend, _style

    for ax in axes:
        _style(ax)
        if legend and ax.get_legend_handles_labels()[1]:
            _legend(ax)
            if loc != "best" or fontsize:
                ax.get_legend().set_loc(loc)
                for text in ax.get_legend().get_texts():
                    text.set_fontsize(fontsize or text.get_fontsize())
