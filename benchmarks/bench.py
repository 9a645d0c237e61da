"""Speed of the sigmoids ufuncs, as a multiple of copying the same array.

Usage::

    python benchmarks/bench.py                                   # every kernel, default sizes
    python benchmarks/bench.py logistic softplus --sizes 1e6,1e7 --dtypes float32
    python benchmarks/bench.py --repeat 9 --output docs/performance.md

For each dtype and size, one input array ``x`` (uniform in [-10, 10]; uniform
in (0, 1) for kernels whose name contains "inverse") and one preallocated
``out`` are made.  Every contender -- ``np.copyto(out, x)``, each kernel
called as ``ufunc(x, out=out)``, and the comparison baselines on the same
``x`` (``1/(1+np.exp(-x))`` as the article writes it, ``scipy.special``
functions with ``out=``, and PyTorch on ``torch.from_numpy`` views at its
default thread count, with ``out=`` where torch has it) -- is timed in
interleaved rounds: each round takes one sample of every contender, each
sample runs enough calls to last about ``--min-time`` seconds, and the
reported time is the median over ``--repeat`` rounds.  Ratios are to the copy
measured in the same rounds, so they are comparable across machines and
immune to slow drifts in clock speed.

GB/s counts the bytes read plus written: ``2 * size * itemsize / time``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import math
import os
import platform
import statistics
import sys
import time

import numpy as np

from sigmoids._timing import COPY, time_group

DEFAULT_SIZES = "1e3,1e5,1e6,1e7"
DEFAULT_DTYPES = "float32,float64"


# ------------------------------------------------------------------ contenders


def kernel_names() -> list[str]:
    """Every public one-input one-output ufunc compiled into sigmoids._ufuncs
    (the private ones, _vlog and _vlog1p, exist for tests)."""
    from sigmoids import _ufuncs

    names = []
    try:
        from sigmoids import reference

        order = list(reference.MPMATH)
    except Exception:  # pragma: no cover - reference needs mpmath
        order = []
    order += sorted(n for n in dir(_ufuncs) if n not in order and not n.startswith("_"))
    for n in order:
        f = getattr(_ufuncs, n, None)
        if isinstance(f, np.ufunc) and f.nin == 1 and f.nout == 1:
            names.append(n)
    return names


def kernel_call(f: np.ufunc, x: np.ndarray, out: np.ndarray):
    """The contender for the ufunc ``f`` on ``x``: ``f(x, out=...)`` with an
    output of the kernel's own shape.  A reduction (logsumexp, signature
    ``(n)->()``) writes one scalar; handed an ``out`` of x's shape, NumPy
    would broadcast x to (n, n) and a 1e5-element call would take minutes."""
    if f.signature is not None and f.signature.endswith("->()"):
        out = np.empty((), dtype=out.dtype)
    return lambda: f(x, out=out)


def is_inverse(name: str) -> bool:
    return "inverse" in name


def _torch():
    try:
        import torch
    except Exception:
        return None
    return torch


def baselines(name: str):
    """[(label, make(x, out) -> callable)] of comparison implementations of kernel ``name``."""
    import scipy.special as sc

    torch = _torch()
    out: list = []

    def scipy_fn(f):
        def make(x, o):
            try:
                f(x, out=o)
                return lambda: f(x, out=o)
            except TypeError:  # no loop for this dtype with out=
                return lambda: f(x)
        return make

    def torch_fn(f, has_out):
        def make(x, o):
            tx, to = torch.from_numpy(x), torch.from_numpy(o)
            if has_out:
                try:
                    f(tx, out=to)
                    return lambda: f(tx, out=to)
                except (TypeError, RuntimeError):
                    pass
            f(tx)
            return lambda: f(tx)
        return make

    def numpy_fn(f):
        return lambda x, o: (lambda: f(x, out=o))

    def formula(f):
        return lambda x, o: (lambda: f(x))

    # kernel -> [(label, make)]: the article's formula as written, NumPy's and
    # SciPy's own functions, and torch's where it has the same function
    table = {
        "logistic": [("1/(1+np.exp(-x))", formula(lambda x: 1 / (1 + np.exp(-x)))),
                     ("scipy expit", scipy_fn(sc.expit))],
        "logistic_logcdf": [("scipy log_expit", scipy_fn(sc.log_expit))],
        "logistic_inverse": [("scipy logit", scipy_fn(sc.logit))],
        "softplus": [("np.logaddexp(0,x)", lambda x, o: (lambda: np.logaddexp(0, x, out=o)))],
        "tanh": [("np.tanh", numpy_fn(np.tanh))],
        "tanh_inverse": [("np.arctanh", numpy_fn(np.arctanh))],
        "arctan": [("np.arctan", numpy_fn(np.arctan))],
        "arctan_inverse": [("np.tan", numpy_fn(np.tan))],
        "algebraic": [("x/np.sqrt(1+x*x)", formula(lambda x: x / np.sqrt(1 + x * x)))],
        "softsign": [("x/(1+np.abs(x))", formula(lambda x: x / (1 + np.abs(x))))],
        "hard_tanh": [("np.clip(x,-1,1)", lambda x, o: (lambda: np.clip(x, -1, 1, out=o)))],
        "gudermannian": [("2*np.arctan(np.tanh(x/2))", formula(lambda x: 2 * np.arctan(np.tanh(x / 2))))],
        "erf": [("scipy erf", scipy_fn(sc.erf))],
        "erf_inverse": [("scipy erfinv", scipy_fn(sc.erfinv))],
        "normal": [("scipy ndtr", scipy_fn(sc.ndtr))],
        "normal_inverse": [("scipy ndtri", scipy_fn(sc.ndtri))],
        "normal_logcdf": [("scipy log_ndtr", scipy_fn(sc.log_ndtr))],
        "gompertz": [("np.exp(-np.exp(-x))", formula(lambda x: np.exp(-np.exp(-x))))],
        "cloglog": [("-np.expm1(-np.exp(x))", formula(lambda x: -np.expm1(-np.exp(x))))],
        "softmax": [("scipy softmax", formula(sc.softmax))],
        "log_softmax": [("scipy log_softmax", formula(sc.log_softmax))],
        "logsumexp": [("scipy logsumexp", formula(sc.logsumexp))],
    }
    out += table.get(name, [])
    if torch is not None:
        F = torch.nn.functional
        torch_table = {
            "logistic": ("torch.sigmoid", torch.sigmoid, True),
            "logistic_logcdf": ("torch logsigmoid", F.logsigmoid, False),
            "logistic_inverse": ("torch.logit", torch.logit, True),
            "softplus": ("torch softplus", F.softplus, False),
            "tanh": ("torch.tanh", torch.tanh, True),
            "tanh_inverse": ("torch.atanh", torch.atanh, True),
            "arctan": ("torch.atan", torch.atan, True),
            "arctan_inverse": ("torch.tan", torch.tan, True),
            "erf": ("torch.erf", torch.erf, True),
            "erf_inverse": ("torch.erfinv", torch.erfinv, True),
            "normal": ("torch ndtr", torch.special.ndtr, True),
            "normal_inverse": ("torch ndtri", torch.special.ndtri, True),
            "normal_logcdf": ("torch log_ndtr", torch.special.log_ndtr, True),
            "softsign": ("torch softsign", F.softsign, False),
            "hard_sigmoid": ("torch hardsigmoid", F.hardsigmoid, False),
            "hard_tanh": ("torch hardtanh", F.hardtanh, False),
            # the row functions along the last axis, as ours
            "softmax": ("torch.softmax", lambda t: torch.softmax(t, -1), False),
            "log_softmax": ("torch log_softmax", lambda t: torch.log_softmax(t, -1), False),
            "logsumexp": ("torch.logsumexp", lambda t: torch.logsumexp(t, -1), False),
        }
        if name in torch_table:
            label, f, has_out = torch_table[name]
            out.append((label, torch_fn(f, has_out)))
    return out


# -------------------------------------------------------------------- timing


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
STATS = {"median": statistics.median, "min": min}


def input_range(name: str) -> tuple[float, float] | None:
    """Where a kernel's inputs are drawn when not from [-10, 10]: a quantile
    takes probabilities, an inverse the open range of its entry's values."""
    if name.endswith("_ppf"):
        return 0.0, 1.0
    if is_inverse(name):
        import sigmoids

        lo, hi = sigmoids.catalog[name[: -len("_inverse")]].info.range
        return float(lo), float(hi)
    return None


def make_input(name: str, dtype, size: int) -> np.ndarray:
    rng = np.random.default_rng(12345)
    bounds = input_range(name)
    if bounds is not None:
        lo, hi = bounds
        x = rng.uniform(lo, hi, size).astype(dtype)
        # the open range: no endpoint (a pole or a clamp) in the sample
        x = np.clip(x, np.nextafter(dtype(lo), dtype(hi)), np.nextafter(dtype(hi), dtype(lo)))
    else:
        x = rng.uniform(-10.0, 10.0, size).astype(dtype)
    return np.ascontiguousarray(x, dtype=dtype)


# -------------------------------------------------------------------- report


def machine() -> dict:
    cpu, flags = platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name") and cpu == platform.machine():
                    cpu = line.split(":", 1)[1].strip()
                elif line.startswith("flags") and not flags:
                    flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    simd = [f for f in ("sse4_2", "avx", "avx2", "fma", "avx512f") if f in flags]
    return {"cpu": cpu, "cores": os.cpu_count(), "simd": simd}


def versions() -> dict:
    import scipy

    import sigmoids
    from sigmoids import _ufuncs

    v = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sigmoids": getattr(sigmoids, "__version__", "?"),
        "SIMD path": getattr(_ufuncs, "SIMD_PATH", "?"),
        "fast loops": (f"{_ufuncs.fast_variant()[1]}, {len(_ufuncs.FAST_KERNELS.split())} float32 and "
                       f"{len(_ufuncs.FAST_KERNELS_F64.split())} float64 kernels"
                       if hasattr(_ufuncs, "fast_variant") else "none"),
        "wide type": getattr(_ufuncs, "WIDE_TYPE", "?"),
        "sigmoids threads": f"{sigmoids.get_num_threads()} (above {_ufuncs.PARALLEL_MIN:,} elements)",
    }
    torch = _torch()
    if torch is not None:
        v["torch"] = f"{torch.__version__} ({torch.get_num_threads()} threads)"
    else:
        v["torch"] = "not installed"
    return v


def _size_label(n: int) -> str:
    e = int(round(math.log10(n))) if n > 0 else 0
    return f"1e{e}" if 10 ** e == n else str(n)


def run(names, sizes, dtypes, repeat, min_time, log=print, clock=time.perf_counter, stat=statistics.median):
    rows = []
    for dtype in dtypes:
        for size in sizes:
            # Group the kernels by input domain; each group shares one copy timing.
            domains = list(dict.fromkeys(input_range(n) for n in names))
            for domain in domains:
                group = [n for n in names if input_range(n) == domain]
                x = make_input(group[0], dtype, size)
                out = np.empty_like(x)
                from sigmoids import _ufuncs

                contenders = {COPY: lambda: np.copyto(out, x)}
                for n in group:
                    contenders[(n, None)] = kernel_call(getattr(_ufuncs, n), x, out)
                    for label, make in baselines(n):
                        try:
                            contenders[(n, label)] = make(x, np.empty_like(x))
                        except Exception as exc:  # a baseline without this dtype
                            log(f"  skip {label} for {dtype}: {exc}")
                t0 = time.perf_counter()
                with np.errstate(all="ignore"):
                    times = time_group(contenders, repeat, min_time, clock, stat)
                copy = times[COPY][0]
                nbytes = 2 * size * x.itemsize
                for n in group:
                    t, ratio = times[(n, None)]
                    row = {
                        "kernel": n, "dtype": np.dtype(dtype).name, "size": size,
                        "loop": loop_kind(n, np.dtype(dtype).name),
                        "ns": t / size * 1e9, "ratio": ratio, "gbs": nbytes / t / 1e9,
                        "copy_ns": copy / size * 1e9, "copy_gbs": nbytes / copy / 1e9,
                        "baselines": {lab: times[(k, lab)][1] for (k, lab) in times if k == n and lab},
                    }
                    rows.append(row)
                where = "[-10, 10]" if domain is None else f"({domain[0]:.4g}, {domain[1]:.4g})"
                log(f"  {np.dtype(dtype).name} {_size_label(size)} inputs in {where}: "
                    f"{len(contenders)} contenders, {time.perf_counter() - t0:.1f} s")
    return rows


def loop_kind(name: str, dtype: str) -> str:
    """Which loop the kernel runs in this dtype: "fast" (the explicit-SIMD
    loops of _core/sg_vec.h), "once" (float32 rounded once), "narrow" (the
    narrow block and the rounding test) or "full"."""
    from sigmoids import _ufuncs

    def listed(attribute):
        return name in getattr(_ufuncs, attribute, "").split()

    if dtype == "float64":
        return "fast" if listed("FAST_KERNELS_F64") else "full"
    for kind, attribute in (("fast", "FAST_KERNELS"), ("once", "ROUND_ONCE_KERNELS"), ("narrow", "NARROW_KERNELS")):
        if listed(attribute):
            return kind
    return "full"


def table(rows) -> str:
    head = ("| kernel | dtype | loop | size | ns/elem | × copy | GB/s | copy GB/s | baselines (× copy) |\n"
            "|---|---|---|---|---:|---:|---:|---:|---|")
    lines = [head]
    for r in rows:
        base = ", ".join(f"{lab} {v:.2f}×" for lab, v in r["baselines"].items()) or "—"
        lines.append(
            f"| {r['kernel']} | {r['dtype']} | {r.get('loop', '?')} | {_size_label(r['size'])} | {r['ns']:.2f} | {r['ratio']:.2f} | "
            f"{r['gbs']:.2f} | {r['copy_gbs']:.2f} | {base} |"
        )
    return "\n".join(lines)


def findings(rows) -> str:
    """Plain statements: the speed contract at >= 1M, and where a baseline is faster."""
    out = []
    big = [r for r in rows if r["size"] >= 10 ** 6]
    miss = [r for r in big if r["ratio"] > 1.25]
    if big:
        if miss:
            worst = max(miss, key=lambda r: r["ratio"])
            out.append(
                f"- Speed contract (≤ 1.25× copy at ≥ 1M elements): **missed** by {len(miss)} of {len(big)} "
                f"rows; worst {worst['kernel']} {worst['dtype']} {_size_label(worst['size'])} at {worst['ratio']:.1f}× copy."
            )
        else:
            out.append(f"- Speed contract (≤ 1.25× copy at ≥ 1M elements): met by all {len(big)} rows.")
    for r in big:
        for lab, v in r["baselines"].items():
            if v < r["ratio"]:
                out.append(
                    f"- {r['kernel']} {r['dtype']} {_size_label(r['size'])}: {lab} is faster, "
                    f"ours takes {r['ratio'] / v:.2f}× its time ({r['ratio']:.2f}× vs {v:.2f}× copy)."
                )
    return "\n".join(out)


def _load() -> str:
    try:
        return " / ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def markdown(rows, command: str, info: dict, vers: dict, repeat: int, min_time: float, load_before: str,
             clock: str = "wall", stat: str = "median") -> str:
    stat_text = ('"× copy" is the median over rounds of contender/copy for those pairs, ns/elem and GB/s '
                 "come from the median time" if stat == "median" else
                 "every figure is the best (minimum) time over the rounds, \"× copy\" the ratio of the "
                 "best times (`--stat min`)")
    clock_text = ("elapsed (wall-clock) time" if clock == "wall" else
                  "process CPU time summed over threads (`--clock cpu`; torch is charged for all its threads)")
    date = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    ver = ", ".join(f"{k} {v}" for k, v in vers.items())
    return f"""# Performance

Generated by `benchmarks/bench.py`; do not edit by hand, re-run it:

```
{command}
```

- Date: {date}
- Machine: {info['cpu']}, {info['cores']} cores ({', '.join(info['simd'])})
- Versions: {ver}
- Load average (1/5/15 min) before the run: {load_before}; after: {_load()}
  (anything well above 0 means other processes shared the {info['cores']} cores and the
  figures, torch's above all, are pessimistic).
- Method: each kernel called as `ufunc(x, out=out)` on a contiguous array; {clock_text}.
  In each of {repeat} rounds every contender is sampled right after a sample of
  `np.copyto(out, x)` on the same array, each sample at least {min_time * 1e3:.0f} ms of
  repeated calls; {stat_text}. Input uniform in
  [-10, 10] (quantiles: (0, 1); inverses: the entry's open range). GB/s = bytes read + written / time.
  Baselines take the same input; `1/(1+np.exp(-x))` runs as written (allocating its
  temporaries), SciPy with `out=`, torch on `torch.from_numpy` views at its default thread
  count with `out=` where it has one (the `torch.` and `torch.special` functions; not
  the `torch.nn.functional` ones). The sigmoids ufuncs run on `sigmoids threads` threads
  (see Versions; `sg.set_num_threads`, `SIGMOIDS_NUM_THREADS`).

{table(rows)}

## Findings

{findings(rows)}
"""


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("kernels", nargs="*", help="kernel names (default: every one-input ufunc)")
    p.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated (default {DEFAULT_SIZES})")
    p.add_argument("--dtypes", default=DEFAULT_DTYPES, help=f"comma-separated (default {DEFAULT_DTYPES})")
    p.add_argument("--repeat", type=int, default=7, help="rounds; the median is reported (default 7)")
    p.add_argument("--min-time", type=float, default=0.02, help="seconds per sample (default 0.02)")
    p.add_argument("--output", default="docs/performance.md", help="markdown file ('' or '-' for none)")
    p.add_argument("--stat", choices=sorted(STATS), default="median",
                   help="median (default): median over rounds of the paired contender/copy ratios; "
                        "min: best time of each over the rounds (robust on a busy machine)")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                   help="wall: elapsed time (default); cpu: CPU time of the process, summed over its "
                        "threads -- steadier on a loaded machine, but a multi-threaded baseline "
                        "(torch) is charged for all its threads")
    args = p.parse_args(argv)

    known = kernel_names()
    names = args.kernels or known
    unknown = [n for n in names if n not in known]
    if unknown:
        p.error(f"unknown kernel(s) {unknown}; available: {', '.join(known)}")
    sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    dtypes = [np.dtype(d).type for d in args.dtypes.split(",") if d]

    info, vers = machine(), versions()
    load_before = _load()
    print(f"{info['cpu']}, {info['cores']} cores; " + ", ".join(f"{k} {v}" for k, v in vers.items()), file=sys.stderr)
    t0 = time.perf_counter()
    rows = run(names, sizes, dtypes, args.repeat, args.min_time, log=lambda m: print(m, file=sys.stderr),
               clock=CLOCKS[args.clock], stat=STATS[args.stat])
    print(table(rows))
    print()
    print(findings(rows))
    print(f"\n({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    if args.output not in ("", "-"):
        command = " ".join(["python", "benchmarks/bench.py"] + (argv if argv is not None else sys.argv[1:]))
        os.makedirs(os.path.dirname(args.output) or ".", exist_ok=True)
        with open(args.output, "w") as fh:
            fh.write(markdown(rows, command, info, vers, args.repeat, args.min_time, load_before, args.clock, args.stat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
