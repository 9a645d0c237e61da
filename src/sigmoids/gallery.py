"""``sigmoids gallery``: a self-contained static site of every sigmoid.

``build(directory)`` writes ``index.html`` and an ``img/`` folder: the
catalog table with each formula typeset by matplotlib's mathtext as an SVG,
the comparison, derivative and distribution figures, each parametrised
family swept over its parameter, and one section per entry with its figure
(asymptotes and inflection point marked), its derivative, its float64
accuracy against SciPy, PyTorch and the naive formula, and its speed as a
multiple of copying the same array.  No server, no network, no CDN: open the
file in any browser.

This module imports matplotlib; ``import sigmoids`` never imports it.
"""
from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np

from . import _ufuncs
from .catalog import OPERATIONS, Sigmoid, catalog, get

__all__ = ["build"]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #262626;
       max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-weight: 600; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: .92em; }
th, td { padding: .35em .7em; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: middle; }
th { background: #EAEAF2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
img.formula { vertical-align: middle; }
span.cases { display: inline-flex; align-items: center; gap: .3em; flex-wrap: wrap; }
table.cases { margin: 0; } table.cases td { border: none; padding: 0 .4em; }
td.brace { font-size: 3.2em; font-weight: 200; padding: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 1em; }
.figures img { width: 480px; max-width: 100%; border: 1px solid #eee; }
nav a { margin-right: .8em; }
code { background: #f4f4f7; padding: 0 .25em; }
/* the catalog's long formulas (PLAN's cases) scroll inside the page width */
div.wide { overflow-x: auto; }
"""

# Counts the images the browser managed to decode, for the gallery's own
# browser test (and for anyone who wonders whether a figure is missing).
_SCRIPT = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (im) { return im.complete && im.naturalWidth > 0; });
  document.body.setAttribute("data-images-total", images.length);
  document.body.setAttribute("data-images-loaded", loaded.length);
});
"""


#: The lab's figures in the gallery: (lab, the article's claim, quick settings).
#: The settings are small so that the gallery builds in seconds; each
#: section names the command that runs the lab at full size.
LAB_FIGURES = (
    ("cost", "exp makes it expensive to compute", {"size": 20_000, "repeat": 3, "min_time": 0.003}),
    ("gradients", "its derivative is at most 1/4, so gradients vanish in deep networks",
     {"max_depth": 12, "width": 32, "batch": 64, "seeds": 1}),
    ("convergence", "only positive outputs; tanh is steeper and converges faster",
     {"seeds": 2, "epochs": 200, "hidden": 16, "points_per_arm": 80}),
    ("uat", "one hidden layer of sigmoids approximates any continuous function",
     {"max_width": 32, "iterations": 40, "train_points": 96}),
    ("heads", "used in the output layer: bounded regression, binary classification",
     {"epochs": 60, "samples": 300}),
    ("regression", "the logistic function is the inverse of the log-odds (logistic regression)", {}),
)


def _lab_figure(name: str, settings: dict):
    """The figure of one lab run with ``settings``; None if its optional
    dependencies (torch, scikit-learn, statsmodels) are missing."""
    try:
        from . import lab

        return getattr(lab, name)(**settings).figure()
    except ImportError:
        return None


def _formula_image(latex: str, path: Path) -> bool:
    """Typeset ``latex`` to an SVG with mathtext; False if it cannot."""
    from matplotlib import mathtext

    from .plot import mathtext_latex

    try:
        mathtext.math_to_image(f"${mathtext_latex(latex)}$", str(path), dpi=100, format="svg", color="#262626")
    except (ValueError, RuntimeError):
        return False
    return True


def _split_cases(latex: str):
    """``(before, [(value, condition), ...], after)`` of a formula with one
    ``cases`` environment (PLAN's), which mathtext cannot typeset whole."""
    head, rest = latex.split(r"\begin{cases}", 1)
    body, tail = rest.split(r"\end{cases}", 1)
    rows = [tuple(part.strip() for part in row.split("&", 1)) for row in body.split(r"\\") if row.strip()]
    return head.strip(), rows, tail.strip()


def _typeset_html(latex: str, images: Path, stem: str) -> str | None:
    """HTML showing ``latex`` as SVG images (a cases environment as a small
    table of them); None if some part cannot be typeset."""
    if r"\begin{cases}" not in latex:
        name = f"{stem}.svg"
        if not _formula_image(latex, images / name):
            return None
        return f'<img class="formula" src="img/{name}" alt="{html.escape(latex)}">'
    head, rows, tail = _split_cases(latex)
    parts = []
    for k, piece in enumerate([head] + [p for row in rows for p in row] + ([tail] if tail else [])):
        name = f"{stem}_{k}.svg"
        if not _formula_image(piece, images / name):
            return None
        parts.append(f'<img class="formula" src="img/{name}" alt="{html.escape(piece)}">')
    cells = "".join(f"<tr><td>{parts[1 + 2 * i]}</td><td>{parts[2 + 2 * i]}</td></tr>" for i in range(len(rows)))
    after = parts[-1] if tail else ""
    return (f'<span class="cases">{parts[0]} <table class="cases"><tr><td class="brace" rowspan="{len(rows) + 1}">'
            f'{{</td></tr>{cells}</table> {after}</span>')


def _range_text(entry: Sigmoid) -> str:
    a, b = entry.info.range
    left, right = ("[", "]") if entry.info.closed else ("(", ")")
    return f"{left}{a:.6g}, {b:.6g}{right}"


def _speed_figure(entry: Sigmoid, size: int):
    """Bars of every operation's time as a multiple of a copy, float32 and float64."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ._quick import time_entry
    from .plot import _PALETTE, _style

    params = entry.param_values(None)
    rows = {d: time_entry(entry, OPERATIONS, d, size, repeat=3, min_time=0.01, params=params)
            for d in ("float32", "float64")}
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = np.arange(len(OPERATIONS))
    for k, (dtype, measured) in enumerate(rows.items()):
        ax.bar(positions + (k - 0.5) * 0.38, [r.ratio_to_copy for r in measured], width=0.38,
               color=_PALETTE[k], label=dtype, zorder=3)
    ax.axhline(1.0, color="red", linestyle="--", linewidth=1.2, zorder=2)
    ax.set_yscale("log")
    ax.set_xticks(positions, OPERATIONS, rotation=30)
    ax.set_ylabel("time / copy")
    ax.set_title(f"speed on {size:,} elements ({_ufuncs.SIMD_PATH})")
    ax.legend(frameon=False)
    _style(ax)
    return fig, rows


def build(directory, entries=None, samples: int = 401, speed_size: int = 100_000, console=None,
          lab: bool = True) -> Path:
    """Write the gallery into ``directory`` and return the path of its index.

    Parameters
    ----------
    directory : str or Path
        Created if missing; ``index.html`` and ``img/`` are overwritten.
    entries : sequence, optional
        Entries (or names) to give sections to; default the whole catalog.
    samples : int, optional
        Inputs of each accuracy figure (each one evaluated with mpmath).
    speed_size : int, optional
        Elements per array of the speed figures.
    console : rich.console.Console, optional
        Where to show the progress bar; default stderr.
    lab : bool, optional
        Also run every lab at the small settings of ``LAB_FIGURES`` and show
        its figure (those whose dependencies are missing are left out, with a note).

    Returns
    -------
    pathlib.Path
        ``directory/index.html``.

    Examples
    --------
    >>> import tempfile, sigmoids.gallery
    >>> index = sigmoids.gallery.build(tempfile.mkdtemp(), entries=["softsign"],
    ...                                samples=21, speed_size=1000, lab=False)
    >>> index.name
    'index.html'
    """
    from rich.console import Console
    from rich.progress import Progress

    from . import plot

    root = Path(directory)
    images = root / "img"
    images.mkdir(parents=True, exist_ok=True)
    chosen = [get(e) for e in entries] if entries else list(catalog.values())
    families = [e for e in chosen if e.info.params]

    def save(fig, name: str) -> str:
        fig.savefig(images / name, dpi=110)
        return f"img/{name}"

    steps = ([("formulas", None)] + [("figure", k) for k in ("compare", "derivatives", "distributions")]
             + [("family", e) for e in families] + [(k, e) for e in chosen for k in ("curves", "accuracy", "speed")]
             + ([("lab", name) for name, _, _ in LAB_FIGURES] if lab else []))
    made: dict = {}
    with Progress(console=console or Console(stderr=True), transient=True) as progress:
        task = progress.add_task("gallery", total=len(steps))
        for kind, item in steps:
            label = item if isinstance(item, str) or item is None else item.info.name
            progress.update(task, description=f"{kind} {label or ''}".strip())
            if kind == "formulas":
                for e in chosen:
                    for field in ("formula", "inverse_formula", "slope_text"):
                        latex = getattr(e.info, field)
                        made[(field, e.info.name)] = (_typeset_html(latex, images, f"{field}_{e.info.name}")
                                                      if latex else None)
            elif kind == "figure":
                fig = {"compare": plot.compare, "derivatives": plot.derivatives,
                       "distributions": plot.distributions}[item]()
                made[item] = save(fig, f"{item}.png")
            elif kind == "family":
                made[("family", item.info.name)] = save(plot.family(item), f"family_{item.info.name}.png")
            elif kind == "curves":
                n = item.info.name
                made[("value", n)] = save(plot.plot(item), f"{n}.png")
                made[("derivative", n)] = save(plot.plot(item, "derivative"), f"{n}_derivative.png")
            elif kind == "accuracy":
                n = item.info.name
                made[("accuracy", n)] = save(plot.accuracy(item, samples=samples), f"{n}_accuracy.png")
            elif kind == "lab":
                fig = _lab_figure(item, dict((n, s) for n, _, s in LAB_FIGURES)[item])
                made[("lab", item)] = None if fig is None else save(fig, f"lab_{item}.png")
            else:
                fig, rows = _speed_figure(item, speed_size)
                made[("speed", item.info.name)] = save(fig, f"{item.info.name}_speed.png")
                made[("speed rows", item.info.name)] = rows
            progress.advance(task)

    index = root / "index.html"
    index.write_text(_page(chosen, families, made, speed_size, lab), encoding="utf-8")
    return index


def _typeset(made: dict, field: str, info) -> str:
    """The formula's SVG as an inline image, or its LaTeX source where mathtext
    cannot typeset it (PLAN's cases)."""
    latex = getattr(info, field) or ""
    if not latex:
        return "-"
    return made.get((field, info.name)) or f"<code>{html.escape(latex)}</code>"


def _lab_section(made) -> str:
    """The lab's figures, each under the claim it measures and the command that reproduces it."""
    esc = html.escape
    parts = ["""<h2 id="lab">Lab: the article's claims, measured</h2>
<p>Each figure comes from <code>sigmoids.lab</code>, seeded, at small settings so that this page builds
quickly; the command under it runs the same experiment at full size, with a table and <code>--json</code>.</p>"""]
    for name, claim, settings in LAB_FIGURES:
        shown = ", ".join(f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in settings.items())
        parts.append(f'<h3 id="lab-{esc(name)}">&ldquo;{esc(claim)}&rdquo;</h3>')
        src = made.get(("lab", name))
        if src is None:
            parts.append(f"<p>Not run here: <code>sigmoids lab {esc(name)}</code> needs torch, scikit-learn "
                         f"and statsmodels (<code>pip install 'sigmoids[all]'</code>).</p>")
            continue
        parts.append(f'<div class="figures"><img src="{src}" alt="lab {esc(name)}" style="width: 1060px"></div>'
                     f'<p><small>Here: {esc(shown or "the defaults")}.  Full size: '
                     f'<code>sigmoids lab {esc(name)} -o {esc(name)}.png</code></small></p>')
    return "\n".join(parts)


def _page(chosen, families, made, speed_size, lab: bool = False) -> str:
    from . import __version__

    esc = html.escape
    parts = [f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sigmoids gallery</title><style>{_CSS}</style><script>{_SCRIPT}</script></head>
<body>
<h1>sigmoids: a gallery of S-shaped functions</h1>
<p>Every function here is computed by <code>sigmoids</code> {esc(__version__)} (SIMD path
<code>{esc(str(_ufuncs.SIMD_PATH))}</code>): float16 and float32 correctly rounded,
float64 within the measured ULP bounds below.  Figures are drawn by matplotlib;
this page needs no network.</p>
<nav>{''.join(f'<a href="#{esc(e.info.name)}">{esc(e.info.name)}</a>' for e in chosen)}{'<a href="#lab">lab</a>' if lab else ''}</nav>
<h2 id="catalog">The catalog</h2>
<div class="wide"><table><tr><th>name</th><th>formula</th><th>range</th><th>slope at 0</th><th>CDF form is</th>
<th>max ULP float32</th><th>max ULP float64</th></tr>"""]
    for e in chosen:
        info = e.info
        formula = _typeset(made, "formula", info)
        slope = (_typeset(made, "slope_text", info) if info.params
                 else ("-" if info.slope_at_0 is None else f"{info.slope_at_0:.6g}"))
        value_ulp = info.max_ulp.get("value", {})
        parts.append(f'<tr><td><a href="#{esc(info.name)}">{esc(info.name)}</a></td><td>{formula}</td>'
                     f'<td>{esc(_range_text(e))}</td><td>{slope}</td><td>{esc(info.distribution)}</td>'
                     f'<td class="num">{value_ulp.get("float32", "-")}</td>'
                     f'<td class="num">{value_ulp.get("float64", "-")}</td></tr>')
    parts.append("</table></div>")
    parts.append(f"""<h2 id="comparison">Sigmoids side by side</h2>
<p>Rescaled to range (&minus;1, 1) and slope 1 at 0, the classic sigmoids differ only in how fast
they approach their asymptotes.  Their derivatives are bells: the logistic's peaks at 1/4, tanh's
at 1, which is why gradients vanish through deep stacks of logistic units.  And the CDFs of the
logistic, normal and Student-t distributions are sigmoids, their densities symmetric bells.</p>
<div class="figures"><img src="{made['compare']}" alt="standardized comparison">
<img src="{made['derivatives']}" alt="derivatives">
<img src="{made['distributions']}" alt="distributions" style="width: 980px"></div>""")
    if families:
        parts.append('<h2 id="families">Parametrised families</h2><div class="figures">')
        parts += [f'<img src="{made[("family", e.info.name)]}" alt="{esc(e.info.name)} family">' for e in families]
        parts.append("</div>")
    for e in chosen:
        info, n = e.info, e.info.name
        rows32, rows64 = made[("speed rows", n)]["float32"], made[("speed rows", n)]["float64"]
        ulp_rows = "".join(
            f'<tr><td>{esc(op)}</td><td><code>{esc(info.kernels[op])}</code></td>'
            + "".join(f'<td class="num">{info.max_ulp.get(op, {}).get(d, "-")}</td>' for d in ("float16", "float32", "float64"))
            + f'<td class="num">{r32.ns_per_element:.2f}</td><td class="num">{r32.ratio_to_copy:.2f}</td>'
            f'<td class="num">{r64.ns_per_element:.2f}</td><td class="num">{r64.ratio_to_copy:.2f}</td></tr>'
            for op, r32, r64 in zip(OPERATIONS, rows32, rows64))
        parts.append(f"""<h2 id="{esc(n)}">{esc(info.title)} <small>(<code>{esc(n)}</code>)</small></h2>
<p>{esc(info.summary)}  Range {esc(_range_text(e))}; inverse {_typeset(made, "inverse_formula", info)};
CDF form: <code>{esc(info.distribution)}</code>.</p>
<div class="figures"><img src="{made[('value', n)]}" alt="{esc(n)}">
<img src="{made[('derivative', n)]}" alt="{esc(n)} derivative">
<img src="{made[('accuracy', n)]}" alt="{esc(n)} accuracy">
<img src="{made[('speed', n)]}" alt="{esc(n)} speed"></div>
<table><tr><th>operation</th><th>kernel</th><th>ULP float16</th><th>ULP float32</th><th>ULP float64</th>
<th>ns/el float32</th><th>&times; copy</th><th>ns/el float64</th><th>&times; copy</th></tr>{ulp_rows}</table>
<p><small>Speed at {speed_size:,} elements, median of interleaved rounds against a copy of the same array.</small></p>""")
    if lab:
        parts.append(_lab_section(made))
    parts.append("</body></html>\n")
    return "\n".join(parts)
