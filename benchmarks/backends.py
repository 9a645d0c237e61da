"""Per-backend overhead of ``sg.logistic``: a 1-element call and a 1M-element call.

Usage::

    python benchmarks/backends.py                      # float32, sizes 1 and 1e6
    python benchmarks/backends.py --repeat 9 --sizes 1,1e6 --json out.json

Each row pairs our call with the backend's own baseline on the same input,
timed in interleaved rounds (``sigmoids._timing.time_group``: median seconds
per call, and the median of the per-round ratios, so load that comes and
goes cancels out):

=========  =====================================  ======================================
backend    baseline                               ours
=========  =====================================  ======================================
numpy      ``sg.logistic.ufunc(x)``, the raw      ``sg.logistic(x)`` (dispatch + type
           ufunc                                  check)
torch      ``torch.sigmoid(t)``                   ``sg.logistic(t)``, nothing requiring grad
torch+ad   ``torch.sigmoid(t)`` + backward        ``sg.logistic(t)`` + backward
jax        ``jax.nn.sigmoid(a)`` (eager)          ``sg.logistic(a)`` (eager)
jax jit    ``jit(jax.nn.sigmoid)``                ``jit(sg.logistic)``
dask       ``sg.logistic.ufunc(d).compute()``     ``sg.logistic(d).compute()``
xarray     ``sg.logistic.ufunc(xa)``              ``sg.logistic(xa)``
=========  =====================================  ======================================

(For Dask and xarray the raw ufunc through the same ``__array_ufunc__``
protocol isolates what our layer adds; Dask computes with its threaded
scheduler.)  JAX results are waited for with ``block_until_ready``.
Backends that do not import are skipped.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys

import numpy as np

import sigmoids as sg
from sigmoids._timing import COPY, time_group

OURS = ("ours", None)


def _numpy(x):
    return sg.logistic.ufunc, sg.logistic, x


def _torch(x, grad=False):
    import torch

    t = torch.from_numpy(x)
    if not grad:
        return torch.sigmoid, sg.logistic, t
    t = t.clone().requires_grad_(True)

    def with_backward(f):
        def run(t):
            f(t).sum().backward()
        return run

    return with_backward(torch.sigmoid), with_backward(sg.logistic), t


def _jax(x, jit=False):
    import jax

    a = jax.numpy.asarray(x)
    native, ours = jax.nn.sigmoid, sg.logistic
    if jit:
        native, ours = jax.jit(native), jax.jit(ours)

    def blocking(f):
        return lambda v: f(v).block_until_ready()

    return blocking(native), blocking(ours), a


def _dask(x):
    import dask.array as da

    d = da.from_array(x, chunks=max(1, x.size // 4))

    def computed(f):
        return lambda v: f(v).compute(scheduler="threads")

    return computed(sg.logistic.ufunc), computed(sg.logistic), d


def _xarray(x):
    import xarray as xr

    return sg.logistic.ufunc, sg.logistic, xr.DataArray(x, dims=("i",))


BACKENDS = {
    "numpy": _numpy,
    "torch": _torch,
    "torch+ad": lambda x: _torch(x, grad=True),
    "jax": _jax,
    "jax jit": lambda x: _jax(x, jit=True),
    "dask": _dask,
    "xarray": _xarray,
}
BASELINE_NAMES = {
    "numpy": "raw ufunc", "torch": "torch.sigmoid", "torch+ad": "torch.sigmoid+backward",
    "jax": "jax.nn.sigmoid", "jax jit": "jit(jax.nn.sigmoid)", "dask": "raw ufunc on dask",
    "xarray": "raw ufunc on xarray",
}


def measure(sizes, repeat: int, min_time: float) -> list[dict]:
    rng = np.random.default_rng(0)
    rows = []
    for name, make in BACKENDS.items():
        for size in sizes:
            x = rng.uniform(-10, 10, size).astype(np.float32)
            try:
                native, ours, arg = make(x)
            except ImportError as exc:
                print(f"skipping {name}: {exc}", file=sys.stderr)
                break
            result = time_group({COPY: lambda: native(arg), OURS: lambda: ours(arg)}, repeat, min_time)
            rows.append({"backend": name, "baseline": BASELINE_NAMES[name], "size": size,
                         "baseline_s": result[COPY][0], "ours_s": result[OURS][0], "ratio": result[OURS][1]})
    return rows


def _time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    return f"{seconds * 1e3:.2f} ms"


def table(rows: list[dict]) -> str:
    lines = ["| backend | baseline | size | baseline time | sg.logistic | ratio |",
             "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['backend']} | {r['baseline']} | {r['size']:,} | {_time(r['baseline_s'])} | "
                     f"{_time(r['ours_s'])} | {r['ratio']:.2f}x |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,1e6", help="comma-separated element counts")
    parser.add_argument("--repeat", type=int, default=7, help="interleaved rounds (median)")
    parser.add_argument("--min-time", type=float, default=0.05, help="seconds per sample")
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    args = parser.parse_args(argv)
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    rows = measure(sizes, args.repeat, args.min_time)
    print(f"float32, {platform.machine()}, {os.cpu_count()} cores, sigmoids threads {sg.get_num_threads()}, "
          f"median of {args.repeat} interleaved rounds\n")
    print(table(rows))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
