"""What a sigmoid costs: forward and backward time per element, next to ReLU.

The article: "exp makes it expensive to compute".  This lab times every
catalog activation, forward (the value) and backward (the gradient times an
upstream gradient), in PyTorch through :class:`sigmoids.torch.Activation`
and as our bare NumPy ufuncs, against ReLU in the same library
(``torch.relu``, ``np.maximum(x, 0)``), plus PyTorch's own implementations
where it has them.  Each time is the median over interleaved rounds, and
each ratio the median of per-round ratios to ReLU timed right before it
(``sigmoids._timing``), so load that comes and goes cancels out of the ratios.
"""
from __future__ import annotations

import numpy as np

from ._common import LabResult, finish_axes, new_figure, threads

__all__ = ["cost", "BACKENDS"]

#: the rows' ``backend`` values
BACKENDS = ("torch (sigmoids.torch.Activation)", "numpy (sigmoids ufunc)", "torch (native)")


def _torch_native():
    """PyTorch's own functions for the catalog entries it has."""
    import torch
    import torch.nn.functional as F

    return {"logistic": torch.sigmoid, "tanh": torch.tanh, "softsign": F.softsign, "hard_sigmoid": F.hardsigmoid,
            "hard_tanh": F.hardtanh, "erf": torch.erf, "arctan": torch.atan, "normal": torch.special.ndtr}


def _torch_pair(function, x):
    """(forward, backward) callables of a torch function at x: the backward
    reuses one graph (retain_graph) so that only the gradient is timed."""
    import torch

    leaf = x.clone().requires_grad_(True)
    y = function(leaf)
    upstream = torch.ones_like(x)
    return (lambda: function(x)), (lambda: torch.autograd.grad(y, leaf, upstream, retain_graph=True))


def _numpy_pair(entry, x):
    """(forward, backward) of a catalog entry as NumPy ufuncs: the value, and
    the derivative kernel times an upstream gradient, into preallocated arrays."""
    params = [x.dtype.type(p) for p in entry.param_values(None)]
    value, derivative = entry.ufunc, entry.derivative.ufunc
    out, slope, upstream = np.empty_like(x), np.empty_like(x), np.ones_like(x)

    def backward():
        derivative(x, *params, out=slope)
        np.multiply(slope, upstream, out=out)
    return (lambda: value(x, *params, out=out)), backward


def _numpy_relu(x):
    out, upstream = np.empty_like(x), np.ones_like(x)
    return (lambda: np.maximum(x, 0, out=out)), (lambda: np.multiply(upstream, x > 0, out=out))


def cost(size: int = 100_000, dtype: str = "float32", repeat: int = 5, min_time: float = 0.01,
         names=None, threads_: int = 1) -> LabResult:
    """Forward and backward nanoseconds per element of every catalog activation, and ratios to ReLU.

    Parameters
    ----------
    size : int, optional
        Elements per array.
    dtype : {"float32", "float64"}, optional
    repeat : int, optional
        Interleaved rounds; the medians are over them.
    min_time : float, optional
        Seconds per sample (a sample repeats the call until it lasts this long).
    names : sequence of str, optional
        Catalog entries (default all), each at the catalog's default parameters.
    threads_ : int, optional
        torch and sigmoids threads (the same for both).

    Returns
    -------
    LabResult
        ``rows``: ``activation``, ``backend`` (one of ``BACKENDS``),
        ``ns_per_element_forward``, ``ns_per_element_backward``,
        ``ratio_to_relu`` (forward time over ReLU's forward in the same
        backend) and ``ratio_to_relu_backward``.  ReLU's own rows have ratio 1.

    Examples
    --------
    >>> from sigmoids.lab import cost
    >>> result = cost(size=1000, repeat=1, min_time=0.001, names=["logistic"])
    >>> sorted({r["backend"] for r in result.rows})[0]
    'numpy (sigmoids ufunc)'
    """
    import torch

    import sigmoids as sg

    from .._quick import timing_inputs
    from .._timing import COPY, time_group
    from ..torch import Activation

    entries = [sg.get(n) for n in names] if names else list(sg.catalog.values())
    np_dtype = np.dtype(dtype)
    native = _torch_native()
    rows = []
    with threads(threads_), np.errstate(all="ignore"), torch.no_grad():
        relu_x = timing_inputs(sg.get("tanh"), "value", np_dtype, size)
        groups = {BACKENDS[0]: {}, BACKENDS[1]: {}, BACKENDS[2]: {}}
        for entry in entries:
            x = timing_inputs(entry, "value", np_dtype, size)
            module = Activation(entry.info.name)
            with torch.enable_grad():
                groups[BACKENDS[0]][entry.info.name] = _torch_pair(module, torch.from_numpy(x))
                if entry.info.name in native:
                    groups[BACKENDS[2]][entry.info.name] = _torch_pair(native[entry.info.name], torch.from_numpy(x))
            groups[BACKENDS[1]][entry.info.name] = _numpy_pair(entry, x)
        with torch.enable_grad():
            torch_relu = _torch_pair(torch.relu, torch.from_numpy(relu_x))
        relu = {BACKENDS[0]: torch_relu, BACKENDS[2]: torch_relu, BACKENDS[1]: _numpy_relu(relu_x)}
        for backend, contenders in groups.items():
            if not contenders:
                continue
            measured = {}
            for direction in (0, 1):
                group = {COPY: relu[backend][direction]}
                group.update({(name, direction): pair[direction] for name, pair in contenders.items()})
                with torch.enable_grad():
                    measured[direction] = time_group(group, repeat, min_time)
            for name in ["relu"] + list(contenders):
                key = (lambda d: COPY) if name == "relu" else (lambda d, n=name: (n, d))
                if name == "relu" and backend == BACKENDS[2]:
                    continue              # the same torch.relu as the first backend's
                (fwd, fwd_ratio), (bwd, bwd_ratio) = measured[0][key(0)], measured[1][key(1)]
                rows.append({"activation": name, "backend": backend,
                             "ns_per_element_forward": fwd / size * 1e9, "ns_per_element_backward": bwd / size * 1e9,
                             "ratio_to_relu": fwd_ratio, "ratio_to_relu_backward": bwd_ratio})
    settings = {"size": size, "dtype": np_dtype.name, "repeat": repeat, "min_time": min_time,
                "names": [e.info.name for e in entries], "threads": threads_, "simd": str(sg._ufuncs.SIMD_PATH),
                "torch": torch.__version__}
    return CostResult("cost", rows, settings)


class CostResult(LabResult):
    """:class:`LabResult` of :func:`cost`, with its figure."""

    def figure(self):
        """Forward and backward time as a multiple of ReLU's, per activation and backend."""
        from ..plot import _PALETTE

        names = self.settings["names"]
        fig, (forward, backward) = new_figure(1, 2, (14, 0.42 * len(names) + 2.6))
        y = np.arange(len(names))
        height = 0.27
        for ax, key in ((forward, "ratio_to_relu"), (backward, "ratio_to_relu_backward")):
            for k, backend in enumerate(BACKENDS):
                values = {r["activation"]: r[key] for r in self.rows if r["backend"] == backend}
                shown = [i for i, n in enumerate(names) if n in values]
                ax.barh(y[shown] + (k - 1) * height, [values[names[i]] for i in shown], height=height,
                        color=_PALETTE[k], label=backend, zorder=3)
            ax.axvline(1.0, color="red", linestyle="--", linewidth=1.2, zorder=4)
            ax.set_xscale("log")
            ax.set_yticks(y, names)
            ax.invert_yaxis()
        forward.set_xlabel("forward time / ReLU forward time")
        backward.set_xlabel("backward time / ReLU backward time")
        forward.set_title("forward (the value)")
        backward.set_title("backward (gradient times upstream)")
        finish_axes((forward, backward), legend=False)
        # below the panels, where it hides no bar
        handles, labels = forward.get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncol=len(labels), frameon=False, fontsize=11)
        fig.suptitle(f"{self.settings['size']:,} {self.settings['dtype']} elements, {self.settings['threads']} "
                     f"thread(s), median of {self.settings['repeat']} interleaved rounds (red: ReLU = 1)",
                     fontsize=11, color="0.35")
        return fig
