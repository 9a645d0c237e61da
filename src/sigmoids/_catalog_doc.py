"""docs/catalog.md, rendered from the catalog (``python tools/gen_catalog_doc.py``).

A test checks that the committed file equals this rendering, so the page can
never drift from the metadata the library and its tests use.
"""
from __future__ import annotations

import math

from .catalog import COMPANIONS, KERNEL_ACCURACY, OPERATIONS, catalog

DTYPES = ("float16", "float32", "float64")


def _number(v: float) -> str:
    if v == math.inf:
        return "∞"
    if v == -math.inf:
        return "−∞"
    for text, value in (("π/2", math.pi / 2), ("π", math.pi)):
        if math.isclose(abs(v), value, rel_tol=1e-15):
            return text if v > 0 else "−" + text
    return f"{v:.10g}"


def _range(info) -> str:
    a, b = info.range
    left, right = ("[", "]") if info.closed else ("(", ")")
    return f"{left}{_number(a)}, {_number(b)}{right}"


def _slope(info) -> str:
    if info.slope_text:
        return f"${info.slope_text}$"
    if info.slope_at_0 is None:
        return "—"
    return f"{info.slope_at_0:.10g}"


def _ulp(value) -> str:
    return "—" if value is None else f"{value:.4g}"


def render() -> str:
    """The whole of docs/catalog.md."""
    out = [
        "# The catalog",
        "",
        "Generated from `src/sigmoids/catalog.py` by `tools/gen_catalog_doc.py`; do not edit.",
        "",
        "Every entry has the whole API: the value, `derivative`, `inverse`, and the CDF form",
        "(`cdf`, `pdf`, `ppf`, `logcdf`, `logsf`), which maps the range (a, b) onto (0, 1).",
        "*max ULP* is the measured worst error against mpmath at 60 digits (0.5 means correctly",
        "rounded): float16 exhaustively, float32 on the CI sample and the audits",
        "(`docs/accuracy.md`), float64 on binade sweeps and every branch point",
        "(`tools/measure_float64.py`); the tests enforce these bounds.",
        "",
        "| name | value | range | slope at 0 | inverse | CDF form is the CDF of | value max ULP f16 / f32 / f64 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, entry in catalog.items():
        info = entry.info
        params = ", ".join(p.name for p in info.params)
        title = f"`{name}({'x, ' + params if params else 'x'})`"
        ulps = " / ".join(_ulp(info.max_ulp["value"].get(d)) for d in DTYPES)
        out.append(f"| {title} | ${info.formula}$ | {_range(info)} | {_slope(info)} | "
                   f"${info.inverse_formula}$ | `{info.distribution}` | {ulps} |")
    out += ["", "## Entries", ""]
    for name, entry in catalog.items():
        info = entry.info
        out += [f"### {name}: {info.title}", "", info.summary, ""]
        if info.aliases:
            out += ["Aliases: " + ", ".join(f"`{a}`" for a in info.aliases) + ".", ""]
        for p in info.params:
            out += [f"Parameter `{p.name}` (${p.symbol}$): {p.describe()}. {p.summary}".rstrip(), ""]
        out += [f"Odd: {'yes' if info.odd else 'no'}. Point-symmetric about its centre: "
                f"{'yes' if info.symmetric else 'no'}.", ""]
        out += ["| operation | ufunc | max ULP float16 | float32 | float64 | worst float64 input |",
                "|---|---|---|---|---|---|"]
        for op in OPERATIONS:
            ufunc = info.kernels[op]
            accuracy = KERNEL_ACCURACY.get(ufunc, {})
            worst = accuracy.get("float64", (None, None))[1]
            cells = " | ".join(_ulp(info.max_ulp[op].get(d)) for d in DTYPES)
            out.append(f"| {op} | `{ufunc}` | {cells} | {'—' if worst is None else repr(worst)} |")
        out.append("")
    out += ["## Companions", ""]
    for name, (ufunc, _example, text) in COMPANIONS.items():
        out.append(f"- `{name}` (ufunc `{ufunc}`): {text}")
    out += [
        "- `softmax(x, axis=-1)`, `log_softmax(x, axis=-1)`, `logsumexp(x, axis=-1)`: the many-class",
        "  logistic, each element formed in double-double and rounded once; `softmax([z, 0])[0] == logistic(z)`",
        "  to the last bit.",
        "- `standardized(entry, *params)`: the entry rescaled to range (−1, 1) with slope 1 at 0, as in the",
        "  classic comparison figure: erf(√π x/2), tanh x, (2/π) arctan(πx/2), (2/π) gd(πx/2), x/√(1+x²), x/(1+|x|).",
        "",
    ]
    return "\n".join(out)
