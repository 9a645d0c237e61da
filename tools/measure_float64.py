"""Measure the float64 max ULP error of kernels against mpmath.

Samples every binade of the kernel's domain (both signs and both tails) at
``--per-binade`` random points plus dense uniform samples, and prints the
max error with the input where it occurs, in the form catalog.KERNEL_ACCURACY
records.  Slower and denser than the test sweep; run it after changing a kernel:

    python tools/measure_float64.py [--per-binade 20] [KERNEL ...]

A two-input kernel is measured at every value of its catalog parameter grid
(one line each, then the worst over the grid).
"""
from __future__ import annotations

import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests"))
from conftest import KERNELS, float64_sweep  # noqa: E402  (the same generator the tests use)

from sigmoids import reference  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kernels", nargs="*")
    parser.add_argument("--per-binade", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    chosen = [k for k in KERNELS if not args.kernels or k.ufunc_name in args.kernels]
    worst_over_grid: dict[str, tuple] = {}
    for case in chosen:
        x = float64_sweep(case.domain, seed=args.seed, per_binade=args.per_binade)
        with np.errstate(all="ignore"):
            ours = case.ufunc(x)
        errors = reference.ulp_error(ours, case.evaluate(x))
        worst = int(np.argmax(errors))
        where = f"x = {x[worst]!r}" + "".join(f", {n} = {p!r}" for n, p in zip(case.param_names, case.params))
        print(f'    "{case}": float64 max {errors[worst]:.4f} ULP at {where}  '
              f'(n = {x.size}, mean {errors.mean():.4f})', flush=True)
        if case.params and errors[worst] >= worst_over_grid.get(case.ufunc_name, (-1.0,))[0]:
            worst_over_grid[case.ufunc_name] = (float(errors[worst]), where)
    for name, (err, where) in worst_over_grid.items():
        print(f'    "{name}" over the grid: float64 max {err:.4f} ULP at {where}')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
