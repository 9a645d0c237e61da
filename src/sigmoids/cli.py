"""The ``sigmoids`` command line: a thin layer over the catalog.

Commands
--------
``sigmoids list``
    The catalog as a table.
``sigmoids eval NAME X...``
    Evaluate one operation of an entry at the given numbers.
``sigmoids plot NAME``
    Write the article-style figure of an entry to a PNG.
``sigmoids compare [NAMES...]``
    The classic comparison figure (or the derivatives, the distributions).
``sigmoids info NAME``
    Everything the catalog knows about an entry, and the active SIMD path.
``sigmoids check [NAME]``
    A quick accuracy check against mpmath.
``sigmoids bench [NAME]``
    A quick speed table.
``sigmoids gallery -o DIR``
    A self-contained HTML gallery of every entry.
``sigmoids lab NAME``
    The article's claims, measured: ``regression``, ``cost``, ``gradients``,
    ``convergence``, ``uat`` and ``heads``, each with a table, a figure
    (``-o FILE``) and ``--json``.
``sigmoids demo``
    What the library is for: naive NumPy formulas against ours, checked
    against mpmath, and the gallery.

Errors (unknown names, bad numbers, conflicting flags) are one red line on
stderr and a non-zero exit status, never a traceback.  matplotlib is imported
only by ``plot`` and ``demo``, mpmath only by ``demo``.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Callable, List, NoReturn, Optional

import numpy as np
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

import sigmoids as sg

__all__ = ["app", "main"]

app = typer.Typer(
    name="sigmoids",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class DType(str, Enum):
    """Floating-point formats the kernels compute natively."""

    float16 = "float16"
    float32 = "float32"
    float64 = "float64"


# The argument's conventional name in each operation's header.
_ARGUMENT = {"inverse": "y", "ppf": "p"}


# ------------------------------------------------------------------ output

def _stdout() -> Console:
    # Built per call rather than at import so that the stream and terminal
    # width in force when the command runs (a pipe, a test runner) are used.
    return Console(highlight=False)


def _fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` as one red line on stderr and exit with ``code``.

    Parameters
    ----------
    message : str
        What went wrong, readable on its own.
    code : int, optional
        Exit status: 1 for bad input, 2 for a usage error (as click uses).
    """
    # soft_wrap keeps the message on one line however narrow the terminal.
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        Text.assemble(("error: ", "bold red"), (message, "red")))
    raise typer.Exit(code)


def _warn(message: str) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        Text.assemble(("warning: ", "bold yellow"), (message, "yellow")))


def _entry(name: str) -> sg.Sigmoid:
    """The catalog entry ``name``; an unknown name fails with the suggestion of ``sigmoids.get``."""
    try:
        return sg.get(name)
    except KeyError as exc:
        _fail(str(exc.args[0]) if exc.args else f"no sigmoid called {name!r}")


def _one_operation(flags: dict[str, bool], default: str = "value") -> str:
    """The single operation chosen by ``flags`` (flag name -> given); two or more is a usage error."""
    chosen = [op for op, given in flags.items() if given]
    if len(chosen) > 1:
        listed = " and ".join(f"--{op}" for op in chosen)
        _fail(f"{listed} cannot be combined; choose one operation", code=2)
    return chosen[0] if chosen else default


def _fmt(value) -> str:
    """Shortest text that reads back as the same number of its own dtype.

    ``str`` of a NumPy scalar is that text: a float32 result prints with
    float32 precision (``2.938667e-39``), not as the float64 it widens to.
    """
    return str(value)


def _range_text(info) -> str:
    a, b = info.range
    left, right = ("[", "]") if info.closed else ("(", ")")
    return f"{left}{a:.6g}, {b:.6g}{right}"


def _ulp_text(info, dtype: str) -> str:
    ulp = info.max_ulp.get("value", {}).get(dtype)
    return "-" if ulp is None else f"{ulp:g}"


def _catalog_table() -> Table:
    """The catalog as a rich table: one row per entry, read from ``info``."""
    from rich import box

    table = Table(
        title="the sigmoids catalog",
        caption="CDF of: the scipy.stats distribution whose CDF is the CDF form.  max ULP: "
                "measured max error of the value against mpmath (0.5 = correctly rounded).",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("name", style="bold cyan", no_wrap=True)
    table.add_column("aliases", overflow="fold")
    table.add_column("formula", overflow="fold", ratio=1, min_width=12)
    table.add_column("range", no_wrap=True)
    table.add_column("slope\nat 0", justify="right", no_wrap=True)
    table.add_column("CDF of", overflow="fold")
    table.add_column("max ULP\nf32/f64", justify="right", no_wrap=True)
    for entry in sg.catalog.values():
        info = entry.info
        if info.slope_text is not None:
            # its LaTeX is too wide for a terminal column: the value at the
            # catalog's defaults (`sigmoids info NAME` shows the formula)
            defaults = [p.default for p in info.params]
            shown = ", ".join(f"{p.name}={v:g}" for p, v in zip(info.params, defaults))
            slope = f"{float(info.slope(*defaults)):.6g} ({shown})"
        else:
            slope = "-" if info.slope_at_0 is None else f"{info.slope_at_0:.6g}"
        name = info.name + (f"({', '.join(info.param_names)})" if info.params else "")
        # Text, not markup: LaTeX and range brackets must print as written.
        table.add_row(
            Text(name),
            Text(", ".join(info.aliases)),
            Text(info.formula),
            Text(_range_text(info)),
            Text(slope),
            Text(info.distribution.removeprefix("scipy.stats.")),
            Text(f"{_ulp_text(info, 'float32')}/{_ulp_text(info, 'float64')}"),
        )
    return table


# ------------------------------------------------------------------ input

def _round_fraction(q: Fraction, dtype: np.dtype):
    """``q`` rounded once, to nearest even, to ``dtype``.

    ``float(q)`` rounds correctly to float64.  For the narrower formats the
    double is first rounded to odd, which makes the second rounding correct
    (53 >= 24 + 2); rounding straight to nearest twice would misround
    decimals that sit next to a float32 or float16 midpoint.
    """
    try:
        d = float(q)
    except OverflowError:
        d = math.inf if q > 0 else -math.inf
    if dtype != np.float64 and math.isfinite(d) and Fraction(d) != q:
        if np.float64(d).view(np.int64) & 1 == 0:
            d = float(np.nextafter(d, math.inf if q > d else -math.inf))
    with np.errstate(over="ignore", under="ignore"):
        return dtype.type(d)


def _parse_number(text: str, dtype: np.dtype):
    """The number written as ``text``, correctly rounded to ``dtype``.

    Accepts decimals (``-88.72286``, ``1e-5``), fractions (``1/3``),
    ``inf``, ``-inf``, ``nan`` and hexadecimal floats (``0x1.8p-3``).

    Raises
    ------
    typer.Exit
        After printing one error line, for text that is not a number.
    """
    cleaned = text.strip().lower().replace("_", "")
    try:
        v = float(cleaned)  # correctly rounded to float64; also inf, nan
    except ValueError:
        v = None
    if v is not None:
        # Overflow, underflow to zero and float64 itself are already final;
        # only a finite nonzero value bound for a narrower format needs the
        # exact decimal (whose exponent is then bounded, so Fraction is cheap).
        if dtype == np.float64 or v == 0 or not math.isfinite(v):
            with np.errstate(over="ignore", under="ignore"):
                return dtype.type(v)
        return _round_fraction(Fraction(cleaned), dtype)
    try:
        if "/" in cleaned:
            q = Fraction(cleaned)
        elif "0x" in cleaned:  # fromhex alone would also read words like "abc"
            try:
                q = Fraction(float.fromhex(cleaned))
            except OverflowError:
                return dtype.type(-math.inf if cleaned.startswith("-") else math.inf)
        else:
            raise ValueError(cleaned)
    except (ValueError, ZeroDivisionError):
        hint = " (an unknown option?)" if cleaned.startswith("--") else ""
        _fail(f"not a number: {text!r}{hint}", code=2)
    if q == 0:
        # Fraction has no negative zero; odd sigmoids keep its sign.
        return dtype.type(-0.0 if cleaned.startswith("-") else 0.0)
    return _round_fraction(q, dtype)


def _parse_params(entry: sg.Sigmoid, given: Optional[List[str]], dtype: np.dtype) -> tuple:
    """The values of ``--param NAME=VALUE`` options for ``entry``, rounded
    once to ``dtype`` like X, with the catalog's defaults for the rest."""
    values = {}
    for text in given or []:
        name, sep, number = text.partition("=")
        if not sep:
            _fail(f"--param takes NAME=VALUE, got {text!r}", code=2)
        values[name.strip()] = float(_parse_number(number, dtype))
    try:
        return entry.param_values(values)
    except KeyError as exc:
        _fail(str(exc.args[0]), code=2)


def _call_recording(function: Callable, *args):
    """``function(*args)`` under NumPy's default FP error policy, with its warnings caught.

    The policy is set explicitly, so the warnings a user would see appear
    even when the caller has silenced them (``np.errstate(all="ignore")``).

    Returns
    -------
    result, list of str
        The result and the distinct warning messages, in order.
    """
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        result = function(*args)
    messages = []
    for w in caught:
        text = str(w.message)
        if text not in messages:
            messages.append(text)
    return result, messages


# ----------------------------------------------------------------- commands

def _version(show: bool) -> None:
    if show:
        _stdout().print(f"sigmoids {sg.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Sigmoid functions exact to the last bit: the catalog, evaluation, plots.

    Run `sigmoids demo` to see what the library is for, or `sigmoids COMMAND --help`.
    """


@app.command(
    "list",
    short_help="Show the catalog.",
    help="Show the catalog: every sigmoid with its formula, range, slope at 0, "
         "distribution and measured accuracy.",
    epilog="Examples:\n\n  sigmoids list\n\n  sigmoids list --json",
)
def list_command(
    as_json: bool = typer.Option(False, "--json", help="Print the metadata of every entry as one JSON object."),
) -> None:
    """Print the catalog table (``sigmoids list``), or its metadata as JSON."""
    if as_json:
        import dataclasses
        import json

        from collections.abc import Mapping

        def field_value(info, name):
            value = getattr(info, name)
            # a parametrised family's slope is a function: its LaTeX stands in
            return info.slope_text if callable(value) else value

        data = {name: {f.name: field_value(entry.info, f.name) for f in dataclasses.fields(entry.info)}
                for name, entry in sg.catalog.items()}
        print(json.dumps(data, indent=1, default=lambda o: dict(o) if isinstance(o, Mapping) else str(o)))
        return
    _stdout().print(_catalog_table())


@app.command(
    "eval",
    short_help="Evaluate a sigmoid or one of its operations at numbers X.",
    # Negative numbers (-88.7, -inf) look like options to the parser; letting
    # unknown options through as arguments is what makes them numbers.
    context_settings={"ignore_unknown_options": True},
    help="Evaluate a sigmoid (or one of its operations) at the numbers X. "
         "Each X is rounded once to --dtype, and the result is printed with "
         "that format's precision.",
    epilog="Examples:\n\n"
           "  sigmoids eval logistic 0 2 -1000\n\n"
           "  sigmoids eval logistic -88.72286 --dtype float32\n\n"
           "  sigmoids eval expit --inverse 0.9 1/3\n\n"
           "  sigmoids eval logistic --logcdf -1000\n\n"
           "  sigmoids eval genlogistic -p alpha=0.5 -- -2 0 2",
)
def eval_command(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="Catalog name or alias (see `sigmoids list`).")],
    x: Annotated[List[str], typer.Argument(
        metavar="X...", help="Numbers: decimals, p/q fractions, inf, nan, hex floats.")],
    derivative: Annotated[bool, typer.Option("--derivative", help="d/dx of the sigmoid.")] = False,
    inverse: Annotated[bool, typer.Option("--inverse", help="Inverse on the open range.")] = False,
    logcdf: Annotated[bool, typer.Option("--logcdf", help="log of the CDF form.")] = False,
    logsf: Annotated[bool, typer.Option("--logsf", help="log(1 - CDF form).")] = False,
    cdf: Annotated[bool, typer.Option("--cdf", help="CDF form (s - a)/(b - a).")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Density: derivative of the CDF form.")] = False,
    ppf: Annotated[bool, typer.Option("--ppf", help="Quantile function: inverse of the CDF form.")] = False,
    dtype: Annotated[DType, typer.Option("--dtype", help="Format to round X to and compute in.")]
    = DType.float64,
    param: Annotated[Optional[List[str]], typer.Option(
        "-p", "--param", metavar="NAME=VALUE",
        help="A parameter of a parametrised family (repeatable); default: the catalog's.")] = None,
) -> None:
    """Evaluate one operation of an entry and print a table of X and the result."""
    entry = _entry(name)
    op = _one_operation(dict(derivative=derivative, inverse=inverse, logcdf=logcdf, logsf=logsf,
                             cdf=cdf, pdf=pdf, ppf=ppf))
    dt = np.dtype(dtype.value)
    params = _parse_params(entry, param, dt)
    values = np.array([_parse_number(t, dt) for t in x], dtype=dt)
    kernel = entry.operation(op)
    result, messages = _call_recording(kernel, values, *(dt.type(p) for p in params))

    arg = _ARGUMENT.get(op, "x")
    shown = "".join(f", {n}={_fmt(dt.type(v))}" for n, v in zip(entry.info.param_names, params))
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column(f"{arg} ({dt.name})", justify="right", no_wrap=True)
    table.add_column(f"{kernel.__name__}({arg}{shown})", no_wrap=True)
    for xi, yi in zip(values, np.asarray(result)):
        table.add_row(_fmt(xi), _fmt(yi))
    _stdout().print(table)
    for message in messages:
        _warn(message)


def _write_figure(entry: sg.Sigmoid, operation: str, path: Path, params: tuple = ()) -> Path:
    """Draw ``operation`` of ``entry`` with :func:`sigmoids.plot.plot` and save it to ``path``."""
    from .plot import plot  # matplotlib: only when a figure is asked for

    fig = plot(entry, operation, params=params or None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=150)
    except (OSError, ValueError) as exc:
        _fail(f"cannot write {str(path)!r}: {exc}")
    return path


@app.command(
    "plot",
    short_help="Plot a sigmoid to a PNG, in the article's style.",
    help="Plot a sigmoid in the style of the article's figure and write it to a "
         "PNG (or any format matplotlib writes, by the file's extension). "
         "Default file: NAME.png in the current directory "
         "(NAME_derivative.png, NAME_cdf.png with those flags).",
    epilog="Examples:\n\n"
           "  sigmoids plot logistic\n\n"
           "  sigmoids plot logistic -o figures/logistic.png\n\n"
           "  sigmoids plot logistic --derivative",
)
def plot_command(
    name: Annotated[str, typer.Argument(
        metavar="NAME", help="Catalog name or alias (see `sigmoids list`).")],
    output: Annotated[Optional[Path], typer.Option(
        "-o", "--output", help="File to write.", show_default=False)] = None,
    derivative: Annotated[bool, typer.Option("--derivative", help="Plot the derivative.")] = False,
    cdf: Annotated[bool, typer.Option("--cdf", help="Plot the CDF form.")] = False,
    param: Annotated[Optional[List[str]], typer.Option(
        "-p", "--param", metavar="NAME=VALUE",
        help="A parameter of a parametrised family (repeatable); default: the catalog's.")] = None,
) -> None:
    """Write the figure of one operation of an entry and print where."""
    entry = _entry(name)
    op = _one_operation(dict(derivative=derivative, cdf=cdf))
    params = _parse_params(entry, param, np.dtype(np.float64))
    if output is None:
        stem = entry.info.name if op == "value" else f"{entry.info.name}_{op}"
        output = Path(f"{stem}.png")
    path = _write_figure(entry, op, output, params)
    _stdout().print(f"wrote {path}")


@app.command(
    "compare",
    short_help="Several sigmoids on one figure (the classic comparison).",
    help="Draw several sigmoids on one figure and write it to a PNG. By default "
         "the classic comparison: erf, tanh, arctan, gudermannian, algebraic and "
         "softsign, each rescaled to range (-1, 1) with slope 1 at 0.",
    epilog="Examples:\n\n"
           "  sigmoids compare\n\n"
           "  sigmoids compare logistic tanh normal --raw -o raw.png\n\n"
           "  sigmoids compare --derivatives -o bells.png",
)
def compare_command(
    names: Annotated[Optional[List[str]], typer.Argument(
        metavar="[NAMES]...", help="Catalog names or aliases; default: the classic six.",
        show_default=False)] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")] = Path("compare.png"),
    raw: Annotated[bool, typer.Option("--raw", help="Do not rescale to range (-1, 1) and slope 1.")] = False,
    derivatives: Annotated[bool, typer.Option(
        "--derivatives", help="Draw the derivatives (the bells) instead.")] = False,
    distributions: Annotated[bool, typer.Option(
        "--distributions", help="Draw the CDF forms beside their densities instead.")] = False,
) -> None:
    """Write a comparison figure."""
    from . import plot

    _one_operation(dict(raw=raw, derivatives=derivatives, distributions=distributions))
    entries = [_entry(n) for n in names] if names else None
    if not raw and entries and any(e.info.slope_at_0 is None for e in entries) and not (derivatives or distributions):
        bad = next(e for e in entries if e.info.slope_at_0 is None)
        _fail(f"{bad.info.name} has no slope at 0 to standardize by; add --raw")
    if derivatives:
        fig = plot.derivatives(entries) if entries else plot.derivatives()
    elif distributions:
        fig = plot.distributions(entries) if entries else plot.distributions()
    else:
        fig = plot.compare(entries or plot.CLASSIC, standardized=not raw)
    _stdout().print(f"wrote {_save(fig, output)}")


def _save(fig, path: Path) -> Path:
    """Save a figure, failing with one line if the file cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=150)
    except (OSError, ValueError) as exc:
        _fail(f"cannot write {str(path)!r}: {exc}")
    return path


@app.command(
    "info",
    short_help="Everything the catalog knows about one sigmoid, or how this build runs.",
    help="Show one entry: formula, range, slope at 0, inverse, distribution, the "
         "measured accuracy of every operation, and the SIMD path this machine runs. "
         "Without NAME: the build (SIMD paths, fast loops, threads, versions).",
    epilog="Examples:\n\n  sigmoids info\n\n  sigmoids info logistic\n\n  sigmoids info ndtr",
)
def info_command(
    name: Annotated[Optional[str], typer.Argument(metavar="[NAME]", help="Catalog name or alias.")] = None,
) -> None:
    """Print one entry's metadata, or the build's configuration."""
    from rich import box

    if name is None:
        _print_build_info()
        return
    entry = _entry(name)
    info = entry.info
    console = _stdout()
    facts = Table(box=box.SIMPLE, show_header=False, title=f"{info.name}: {info.title}")
    facts.add_column(style="bold")
    facts.add_column()
    slope = info.slope_text if info.params else (None if info.slope_at_0 is None else f"{info.slope_at_0:.17g}")
    rows = [
        ("summary", info.summary),
        ("formula", info.formula),
        ("range", _range_text(info)),
        ("slope at 0", slope or "-"),
        ("odd", "yes" if info.odd else "no"),
        ("inverse", info.inverse_formula),
        ("distribution", info.distribution),
        ("parameters", ", ".join(f"{p.name} (default {p.default:g})" for p in info.params) or "-"),
        ("domain", f"[{info.domain[0]:g}, {info.domain[1]:g}]" if info.domain != (-math.inf, math.inf) else "all x"),
        ("aliases", ", ".join(info.aliases) or "-"),
        ("SIMD path", str(sg._ufuncs.SIMD_PATH)),
        ("float32 fast loop", _fast_loop_text(info.name)),
        ("threads", str(sg.get_num_threads())),
    ]
    for key, value in rows:
        facts.add_row(key, value)
    console.print(facts)
    ulps = Table(box=box.SIMPLE_HEAD, title="measured max error (ULP; 0.5 = correctly rounded)")
    for column in ("operation", "kernel", "float16", "float32", "float64"):
        ulps.add_column(column, justify="left" if column in ("operation", "kernel") else "right")
    for op in sg.OPERATIONS:
        measured = info.max_ulp.get(op, {})
        ulps.add_row(op, info.kernels[op], *(("-" if measured.get(d) is None else f"{measured[d]:g}")
                                             for d in ("float16", "float32", "float64")))
    console.print(ulps)


def _fast_loop_text(name: str) -> str:
    if name not in sg._ufuncs.FAST_KERNELS.split():
        return "-"
    return f"yes ({sg._ufuncs.fast_variant()[1]})"


def _print_build_info() -> None:
    import contextlib
    import io

    from rich import box

    with contextlib.redirect_stdout(io.StringIO()):
        config = sg.show_config()
    table = Table(box=box.SIMPLE, show_header=False, title=f"sigmoids {config['version']}")
    table.add_column(style="bold")
    table.add_column()
    fast = config["fast_loops"]
    for key, value in [
        ("SIMD path", config["simd_path"]),
        ("fast loops", f"{fast['description']}; variants this CPU runs: "
                               f"{', '.join(sg._ufuncs.fast_variants())}"),
        ("float32 fast loops for", " ".join(fast["kernels"])),
        ("float64 fast loops for", " ".join(fast["kernels_float64"])),
        ("threads", f"{config['num_threads']} (above {sg._ufuncs.PARALLEL_MIN:,} elements; "
                    "sg.set_num_threads, SIGMOIDS_NUM_THREADS)"),
        ("hard cases", config["wide_type"]),
        ("NumPy", config["numpy"]),
    ]:
        table.add_row(key, value)
    _stdout().print(table)


def _entries(name: Optional[str]) -> list:
    return [_entry(name)] if name else list(sg.catalog.values())


@app.command(
    "check",
    short_help="A quick accuracy check against mpmath.",
    help="Check every operation of one entry (or of all) against mpmath at 60 "
         "digits on random inputs that reach both tails: float16 and float32 "
         "must be correctly rounded, float64 within the catalog's measured bound. "
         "The exit status is 1 if any kernel fails.",
    epilog="Examples:\n\n  sigmoids check logistic\n\n  sigmoids check --samples 50",
)
def check_command(
    name: Annotated[Optional[str], typer.Argument(
        metavar="[NAME]", help="Catalog name or alias; default: every entry.", show_default=False)] = None,
    samples: Annotated[int, typer.Option(
        "-n", "--samples", min=4, help="Inputs per kernel and dtype.")] = 200,
) -> None:
    """Run the quick check with a progress bar and print a table."""
    from rich import box
    from rich.progress import Progress

    from ._quick import check_kernel

    entries = _entries(name)
    jobs = [(e, op, d) for e in entries for op in sg.OPERATIONS for d in ("float16", "float32", "float64")
            if e.info.kernels[op] not in {e.info.kernels[o] for o in sg.OPERATIONS[:sg.OPERATIONS.index(op)]}]
    rows = []
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("checking against mpmath", total=len(jobs))
        for entry, op, dtype in jobs:
            progress.update(task, description=f"{entry.info.kernels[op]} {dtype}")
            rows.append(check_kernel(entry, op, dtype, samples, entry.param_values(None)))
            progress.advance(task)
    table = Table(box=box.SIMPLE_HEAD, title=f"accuracy against mpmath ({samples} inputs per row)")
    for column in ("kernel", "dtype", "inputs", "max ULP", "worst input", "bound", "verdict"):
        table.add_column(column, justify="right" if column in ("inputs", "max ULP", "bound") else "left")
    for row in rows:
        table.add_row(row.kernel, row.dtype, str(row.samples), f"{row.max_ulp:.4f}", f"{row.worst_input:.6g}",
                      "-" if row.bound is None else f"{row.bound:g}",
                      Text("ok", style="green") if row.ok else Text("FAIL", style="bold red"))
    console = _stdout()
    console.print(table)
    failed = [r for r in rows if not r.ok]
    console.print(f"{len(rows) - len(failed)} of {len(rows)} kernel-dtype pairs within their bound")
    if failed:
        raise typer.Exit(1)


@app.command(
    "bench",
    short_help="A quick speed table.",
    help="Time the value (or every operation with --all-operations) of one entry, "
         "or of all, on SIZE float32 and float64 elements: the median over rounds, "
         "as ns per element and as a multiple of copying the same array.",
    epilog="Examples:\n\n  sigmoids bench logistic\n\n  sigmoids bench --size 100000",
)
def bench_command(
    name: Annotated[Optional[str], typer.Argument(
        metavar="[NAME]", help="Catalog name or alias; default: every entry.", show_default=False)] = None,
    size: Annotated[int, typer.Option("--size", min=1, help="Elements per array.")] = 1_000_000,
    all_operations: Annotated[bool, typer.Option(
        "--all-operations", help="Every operation, not only the value.")] = False,
) -> None:
    """Time kernels with a progress bar and print a table."""
    from rich import box
    from rich.progress import Progress

    from ._quick import time_entry

    entries = _entries(name)
    operations = sg.OPERATIONS if all_operations else ("value",)
    jobs = [(e, d) for e in entries for d in ("float32", "float64")]
    rows = []
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("timing", total=len(jobs))
        for entry, dtype in jobs:
            progress.update(task, description=f"{entry.info.name} {dtype}")
            rows += time_entry(entry, operations, dtype, size, params=entry.param_values(None))
            progress.advance(task)
    table = Table(box=box.SIMPLE_HEAD, title=f"speed on {size:,} elements "
                                             f"({sg._ufuncs.SIMD_PATH}, {sg.get_num_threads()} threads)")
    for column in ("kernel", "dtype", "ns/element", "x copy"):
        table.add_column(column, justify="left" if column in ("kernel", "dtype") else "right")
    for row in rows:
        table.add_row(row.kernel, row.dtype, f"{row.ns_per_element:.2f}", f"{row.ratio_to_copy:.2f}")
    _stdout().print(table)


@app.command(
    "gallery",
    short_help="Write a static HTML gallery of every sigmoid.",
    help="Write DIR/index.html and its images: the catalog table, one section per "
         "entry with its figures, accuracy and speed, and the comparison, derivative "
         "and distribution figures. Self-contained: no server, no network.",
    epilog="Examples:\n\n  sigmoids gallery -o gallery\n\n"
           "  sigmoids gallery -o /tmp/g --only logistic,tanh --samples 101",
)
def gallery_command(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DIR", help="Directory to write.")] = Path("gallery"),
    only: Annotated[Optional[str], typer.Option(
        "--only", metavar="NAMES", help="Comma-separated entries to include (default: all).")] = None,
    samples: Annotated[int, typer.Option(
        "--samples", min=21, help="Inputs of each accuracy figure.")] = 401,
    speed_size: Annotated[int, typer.Option(
        "--speed-size", min=1000, help="Elements per array of the speed figures.")] = 100_000,
    lab: Annotated[bool, typer.Option(
        "--lab/--no-lab", help="Also run the lab at small settings and show its figures.")] = True,
) -> None:
    """Build the gallery with a progress bar."""
    from .gallery import build

    entries = [_entry(n.strip()) for n in only.split(",") if n.strip()] if only else None
    try:
        index = build(output, entries=entries, samples=samples, speed_size=speed_size,
                      console=Console(stderr=True), lab=lab)
    except OSError as exc:
        _fail(f"cannot write the gallery to {str(output)!r}: {exc}")
    _stdout().print(f"wrote {index}")


lab_app = typer.Typer(
    name="lab",
    no_args_is_help=True,
    help="The article's claims about sigmoids, measured: each experiment prints a "
         "table, writes a figure (-o FILE) and prints JSON with --json.",
    epilog="Examples:\n\n  sigmoids lab regression -o regression.png\n\n  sigmoids lab gradients --json\n\n"
           "  sigmoids lab uat --target 'np.sin(3*x)' --domain -1 1",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(lab_app, name="lab")


def _print_json(data) -> None:
    import json

    print(json.dumps(data, indent=1, allow_nan=True))


@lab_app.command(
    "regression",
    short_help="Logit, logistic regression, other links and softmax on real data.",
    help="Fit logistic regression on scikit-learn's breast-cancer data with statsmodels: "
         "coefficients as log-odds and odds ratios, probabilities through sigma, held-out "
         "accuracy; compare links (probit, robit, cloglog, ...) by log-likelihood and AIC; "
         "softmax regression on iris, and the two-class softmax model equal to the logistic one.",
    epilog="Examples:\n\n  sigmoids lab regression\n\n  sigmoids lab regression -o regression.png\n\n"
           "  sigmoids lab regression --json",
)
def lab_regression_command(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the figure here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the train/test split.")] = 0,
) -> None:
    """Run the regression lab."""
    from rich import box

    try:
        from .lab import regression
        result = regression(seed=seed)
    except ImportError as exc:
        _fail(f"the regression lab needs the stats extra (pip install 'sigmoids[stats]'): {exc}")
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    coef = Table(box=box.SIMPLE_HEAD, title="logistic regression on breast cancer (standardised features)")
    for column in ("feature", "log-odds", "std. err.", "odds ratio", "95% interval"):
        coef.add_column(column, justify="left" if column == "feature" else "right")
    for c in result.coefficients:
        coef.add_row(c["feature"], f"{c['log_odds']:.4f}", f"{c['std_err']:.4f}", f"{c['odds_ratio']:.4f}",
                     f"{c['odds_ratio_low']:.3g} - {c['odds_ratio_high']:.3g}")
    console.print(coef)
    console.print(f"held-out accuracy of sigma(x'beta) > 1/2: {result.accuracy:.4f}")
    links = Table(box=box.SIMPLE_HEAD, title="links compared (training split)")
    for column in ("link", "log-likelihood", "AIC", "held-out accuracy", "converged"):
        links.add_column(column, justify="left" if column == "link" else "right", no_wrap=column == "link")
    for row in sorted(result.links, key=lambda r: r["aic"]):
        links.add_row(row["name"], f"{row['llf']:.3f}", f"{row['aic']:.3f}", f"{row['accuracy']:.4f}",
                      "yes" if row["converged"] else "no")
    console.print(links)
    console.print(f"iris, softmax regression: held-out accuracy {result.iris['accuracy']:.4f}; "
                  f"sigmoids.softmax vs scikit-learn's predict_proba: max difference "
                  f"{result.iris['max_softmax_difference']:.2e}")
    console.print(f"two classes: softmax (MNLogit) coefficients equal the logistic ones to "
                  f"{result.two_class['max_coefficient_difference']:.2e}; softmax([0, z])[1] - sigma(z): "
                  f"{result.two_class['max_probability_difference']:.2e}")


def _run_lab(function, extra: str, **kwargs):
    """``function(**kwargs)``, failing with one line if an optional dependency is missing
    or an argument is out of range."""
    try:
        return function(**kwargs)
    except ImportError as exc:
        _fail(f"this lab needs the {extra} extras (pip install 'sigmoids[{extra}]'): {exc}")
    except ValueError as exc:
        _fail(str(exc), code=2)


def _lab_output(result, output: Optional[Path], as_json: bool) -> Optional[Console]:
    """Write the figure (``-o``) and the JSON (``--json``); the console for the tables, or None with --json."""
    if output is not None:
        path = _save(result.figure(), output)
        if not as_json:
            _stdout().print(f"wrote {path}")
    if as_json:
        _print_json(result.to_json())
        return None
    return _stdout()


def _rows_table(title: str, rows: list, columns, caption: Optional[str] = None) -> Table:
    """A table of ``rows`` (dicts): ``columns`` is (header, key, format) with format a
    format spec for numbers ("" for text); None prints as "-"."""
    from rich import box

    table = Table(box=box.SIMPLE_HEAD, title=title, caption=caption)
    for header, _, spec in columns:
        table.add_column(header, justify="left" if spec == "" else "right", no_wrap=spec == "")
    for row in rows:
        table.add_row(*("-" if row.get(key) is None else format(row[key], spec) for _, key, spec in columns))
    return table


_OUTPUT_OPTION = typer.Option("-o", "--output", help="Write the figure here (PNG, SVG, PDF by extension).")
_JSON_OPTION = typer.Option("--json", help="Print one JSON object (with a `rows` list) instead of tables.")
_SEED_OPTION = typer.Option("--seed", help="Seed of the data, the initial weights and the splits.")
_THREADS_OPTION = typer.Option("--threads", min=1, max=2, help="torch and sigmoids threads.")


@lab_app.command(
    "heads",
    short_help="Sigmoids as output layers: bounded regression and BCE for every link.",
    help="Train binary classifiers on scikit-learn's breast-cancer data with the binary "
         "cross-entropy on logits of every CDF-form link (logit, probit, cloglog, loglog, "
         "robit, cauchit; sigmoids.torch.binary_cross_entropy_with_logits) and torch's "
         "BCEWithLogitsLoss, and regressions into [0, 1] with sigmoids.torch.BoundedOutput "
         "against an unbounded linear head; check the loss against torch's to |z| = 100.",
    epilog="Examples:\n\n  sigmoids lab heads\n\n  sigmoids lab heads -o heads.png\n\n"
           "  sigmoids lab heads --epochs 50 --json",
)
def lab_heads_command(
    output: Annotated[Optional[Path], _OUTPUT_OPTION] = None,
    as_json: Annotated[bool, _JSON_OPTION] = False,
    seed: Annotated[int, _SEED_OPTION] = 0,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Full-batch Adam steps per model.")] = 300,
    hidden: Annotated[int, typer.Option("--hidden", min=1, help="Hidden units.")] = 16,
    samples: Annotated[int, typer.Option("--samples", min=20, help="Size of the regression data.")] = 1000,
    threads: Annotated[int, _THREADS_OPTION] = 1,
) -> None:
    """Run the output-layer lab."""
    from .lab import heads

    result = _run_lab(heads, "torch,stats", epochs=epochs, hidden=hidden, samples=samples, seed=seed, threads_=threads)
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    console.print(_rows_table("output heads, held-out metrics", result.rows, [
        ("task", "task", ""), ("head", "head", ""), ("final training loss", "final_loss", ".5f"),
        ("metric", "metric", ""), ("held-out", "test_metric", ".4f"), ("out of [0, 1]", "out_of_range", ".3f")]))
    check = [{"case": k, **v} for k, v in result.extra["bce_check"].items()]
    console.print(_rows_table("binary_cross_entropy_with_logits(link='logistic') against torch.nn.BCEWithLogitsLoss, "
                              "z in [-100, 100]", check, [
        ("dtype, labels", "case", ""), ("max |loss diff|", "max_loss_difference", ".2e"),
        ("max rel. diff", "max_loss_relative", ".2e"), ("max |grad diff|", "max_grad_difference", ".2e"),
        ("float32 vs torch float64", "max_relative_to_float64", ".2e")],
        caption="relative differences are to max(|loss|, 1); soft labels make torch's float32 formula cancel"))


def _names(text: Optional[str], default) -> tuple:
    """A comma-separated list of activation names (catalog names or aliases, or "relu")."""
    if not text:
        return tuple(default)
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    for name in names:
        if name != "relu":
            _entry(name)
    return names


@lab_app.command(
    "gradients",
    short_help="Vanishing gradients: the gradient reaching the first layer of deep MLPs.",
    help="Build fully connected networks of depth 1 to --max-depth at a standard initialisation "
         "(Glorot-uniform, or nn.Linear's default with --init pytorch) with each activation, and "
         "measure the norm of the loss's gradient with respect to the first layer's weights "
         "(mean over --seeds networks); the figure also shows every layer of the deepest network.",
    epilog="Examples:\n\n  sigmoids lab gradients\n\n  sigmoids lab gradients -o gradients.png\n\n"
           "  sigmoids lab gradients --activations logistic,tanh,relu --max-depth 10 --json",
)
def lab_gradients_command(
    output: Annotated[Optional[Path], _OUTPUT_OPTION] = None,
    as_json: Annotated[bool, _JSON_OPTION] = False,
    seed: Annotated[int, _SEED_OPTION] = 0,
    max_depth: Annotated[int, typer.Option("--max-depth", min=1, help="Deepest network (hidden layers).")] = 20,
    width: Annotated[int, typer.Option("--width", min=1, help="Units per hidden layer.")] = 64,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Inputs per batch.")] = 256,
    seeds: Annotated[int, typer.Option("--seeds", min=1, help="Networks averaged per point.")] = 3,
    activations: Annotated[Optional[str], typer.Option(
        "--activations", metavar="NAMES", help="Comma-separated catalog names and relu.")] = None,
    init: Annotated[str, typer.Option("--init", help="xavier (Glorot-uniform) or pytorch.")] = "xavier",
    threads: Annotated[int, _THREADS_OPTION] = 1,
) -> None:
    """Run the vanishing-gradient lab."""
    from .lab.gradients import DEFAULT_ACTIVATIONS, gradients

    names = _names(activations, DEFAULT_ACTIVATIONS)
    result = _run_lab(gradients, "torch", max_depth=max_depth, width=width, batch=batch, seeds=seeds,
                      activations=names, init=init, seed=seed, threads_=threads)
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    shown = [d for d in (1, 5, 10, 20) if d <= max_depth] or [max_depth]
    summary = []
    for name in names:
        norms = {r["depth"]: r["first_layer_grad_norm"] for r in result.rows if r["activation"] == name}
        summary.append({"activation": name, "slope": result.extra["max_slope"][name],
                        "decay": result.extra["decay_per_layer"][name], **{f"d{d}": norms[d] for d in shown}})
    console.print(_rows_table(
        f"gradient norm reaching the first layer (width {width}, {init} init, mean of {seeds} seeds)", summary,
        [("activation", "activation", ""), ("max slope", "slope", ".3g")]
        + [(f"depth {d}", f"d{d}", ".3e") for d in shown] + [("factor per layer", "decay", ".3f")],
        caption="factor per layer: exp of the slope of log(norm) against depth, a least-squares fit"))


@lab_app.command(
    "uat",
    short_help="Universal approximation: error against width, constructive and trained.",
    help="Approximate targets with one hidden layer of logistic units, widths 1, 2, 4, ..., "
         "--max-width: 'constructive' sums steep sigmoids into a staircase (its guaranteed sup "
         "error L*h*(1/2 + 1/sinh(kappa/2)), h = (b - a)/width, is printed beside the measured one); "
         "'trained' fits the network by L-BFGS.  Targets: sin on [-pi, pi], |x| and a step on "
         "[-1, 1], 0.2+0.4x^2+0.3x sin(15x)+0.05 cos(50x) on [0, 1], or your own with --target "
         "(arithmetic, x, pi, e and numpy functions only; parsed, never eval'd).",
    epilog="Examples:\n\n  sigmoids lab uat\n\n  sigmoids lab uat -o uat.png\n\n"
           "  sigmoids lab uat --target 'np.sin(3*x) + abs(x)' --domain -1 1\n\n"
           "  sigmoids lab uat --methods constructive --json",
)
def lab_uat_command(
    output: Annotated[Optional[Path], _OUTPUT_OPTION] = None,
    as_json: Annotated[bool, _JSON_OPTION] = False,
    seed: Annotated[int, _SEED_OPTION] = 0,
    target: Annotated[Optional[str], typer.Option(
        "--target", metavar="EXPR", help="Your own target, a numpy expression in x (replaces the four).")] = None,
    domain: Annotated[tuple[float, float], typer.Option(
        "--domain", metavar="A B", help="Interval of --target.")] = (-1.0, 1.0),
    methods: Annotated[str, typer.Option(
        "--methods", metavar="NAMES", help="constructive, trained, or both (comma-separated).")]
    = "constructive,trained",
    max_width: Annotated[int, typer.Option("--max-width", min=1, help="Widths 1, 2, 4, ... up to this.")] = 256,
    steepness: Annotated[float, typer.Option(
        "--steepness", min=0.1, help="kappa: steepness of a constructive step times the cell width.")] = 10.0,
    train_points: Annotated[int, typer.Option("--train-points", min=8, help="Training grid size.")] = 256,
    iterations: Annotated[int, typer.Option("--iterations", min=1, help="L-BFGS iterations per network.")] = 200,
    threads: Annotated[int, _THREADS_OPTION] = 1,
) -> None:
    """Run the universal-approximation lab."""
    from .lab.uat import TARGETS, custom_target, uat

    try:
        targets = [custom_target(target, domain)] if target else list(TARGETS)
    except ValueError as exc:
        _fail(f"--target: {exc}", code=2)
    result = _run_lab(uat, "torch", targets=targets, methods=tuple(m.strip() for m in methods.split(",") if m.strip()),
                      max_width=max_width, steepness=steepness, train_points=train_points, iterations=iterations,
                      seed=seed, threads_=threads)
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    for name in result.settings["targets"]:
        rows = {}
        for r in result.rows:
            if r["target"] == name:
                rows.setdefault(r["width"], {"width": r["width"]}).update(
                    {f"{r['method']} sup": r["sup_error"], f"{r['method']} rms": r["rms_error"]}
                    | ({"bound": r["bound"]} if r["method"] == "constructive" else {}))
        columns = [("width", "width", "d")]
        for method in result.settings["methods"]:
            columns += [(f"{method} sup", f"{method} sup", ".3e"), (f"{method} RMS", f"{method} rms", ".3e")]
            if method == "constructive":
                columns.append(("guaranteed sup", "bound", ".3e"))
        lipschitz = result.extra["lipschitz"][name]
        note = "no Lipschitz constant" if lipschitz["L"] is None else f"L = {lipschitz['L']:.6g}"
        console.print(_rows_table(f"target {name} ({note}; {lipschitz['source']})", list(rows.values()), columns))
    console.print("guaranteed sup: " + result.extra["bound_formula"] + f", kappa = {steepness:g}")


@lab_app.command(
    "convergence",
    short_help="Logistic against tanh hidden units: epochs to a target loss on two spirals.",
    help="Train the same network (2 -> 32 -> 32 -> 1, Glorot-uniform init from the same seed) "
         "on two interleaved spirals with logistic and with tanh hidden units, over several "
         "seeds, and report the epochs to reach the target training loss, the final loss, the "
         "held-out accuracy and the mean hidden activation (about 1/2 for the logistic, 0 for tanh).",
    epilog="Examples:\n\n  sigmoids lab convergence\n\n  sigmoids lab convergence -o convergence.png\n\n"
           "  sigmoids lab convergence --optimizer sgd --lr 0.1 --json",
)
def lab_convergence_command(
    output: Annotated[Optional[Path], _OUTPUT_OPTION] = None,
    as_json: Annotated[bool, _JSON_OPTION] = False,
    seed: Annotated[int, _SEED_OPTION] = 0,
    activations: Annotated[Optional[str], typer.Option(
        "--activations", metavar="NAMES", help="Comma-separated catalog names and relu.")] = None,
    seeds: Annotated[int, typer.Option("--seeds", min=1, help="Runs per activation.")] = 4,
    epochs: Annotated[int, typer.Option("--epochs", min=1, help="Full-batch steps per run.")] = 800,
    target_loss: Annotated[float, typer.Option("--target-loss", min=0.0, help="Training loss to reach.")] = 0.1,
    hidden: Annotated[int, typer.Option("--hidden", min=1, help="Units per hidden layer.")] = 32,
    lr: Annotated[float, typer.Option("--lr", min=0.0, help="Learning rate.")] = 0.01,
    optimizer: Annotated[str, typer.Option("--optimizer", help="adam, or sgd (momentum 0.9).")] = "adam",
    points: Annotated[int, typer.Option("--points", min=4, help="Training points per spiral arm.")] = 150,
    threads: Annotated[int, _THREADS_OPTION] = 1,
) -> None:
    """Run the convergence lab."""
    from .lab import convergence

    names = _names(activations, ("logistic", "tanh"))
    result = _run_lab(convergence, "torch", activations=names, seeds=seeds, epochs=epochs, target_loss=target_loss,
                      hidden=hidden, lr=lr, optimizer=optimizer, points_per_arm=points, seed=seed, threads_=threads)
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    console.print(_rows_table(f"two spirals, {optimizer} lr {lr:g}, {epochs} epochs, target loss {target_loss:g}",
                              result.rows, [
        ("activation", "activation", ""), ("seed", "seed", "d"), ("epochs to target", "epochs_to_target", "d"),
        ("final loss", "final_loss", ".4f"), ("held-out accuracy", "test_accuracy", ".4f"),
        ("mean hidden activation", "mean_hidden_activation", "+.4f")],
        caption="-: the target was not reached"))
    summary = [{"activation": a, **v, "reached": f"{v['reached']} of {v['runs']}"}
               for a, v in result.extra["summary"].items()]
    console.print(_rows_table("summary", summary, [
        ("activation", "activation", ""), ("reached target", "reached", ""),
        ("median epochs (of those)", "median_epochs_to_target", ".0f"), ("median final loss", "median_final_loss", ".4f"),
        ("mean hidden activation", "mean_hidden_activation", "+.4f")]))


@lab_app.command(
    "cost",
    short_help="What a sigmoid costs: forward and backward ns per element, next to ReLU.",
    help="Time every catalog activation forward (the value) and backward (gradient times an "
         "upstream gradient) in torch through sigmoids.torch.Activation, as our NumPy ufuncs, "
         "and with PyTorch's own functions where it has them, against ReLU in the same library "
         "(torch.relu, np.maximum(x, 0)): medians of interleaved rounds, ratios to ReLU timed "
         "right before each.",
    epilog="Examples:\n\n  sigmoids lab cost\n\n  sigmoids lab cost -o cost.png\n\n"
           "  sigmoids lab cost --names logistic,tanh --size 1000000 --json",
)
def lab_cost_command(
    output: Annotated[Optional[Path], _OUTPUT_OPTION] = None,
    as_json: Annotated[bool, _JSON_OPTION] = False,
    size: Annotated[int, typer.Option("--size", min=1, help="Elements per array.")] = 100_000,
    dtype: Annotated[DType, typer.Option("--dtype", help="Element type.")] = DType.float32,
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Interleaved rounds (medians over them).")] = 5,
    names: Annotated[Optional[str], typer.Option(
        "--names", metavar="NAMES", help="Comma-separated catalog entries (default: all).")] = None,
    threads: Annotated[int, _THREADS_OPTION] = 1,
) -> None:
    """Run the cost lab."""
    from .lab import cost

    chosen = [_entry(n).info.name for n in _names(names, ())] or None
    result = _run_lab(cost, "torch", size=size, dtype=dtype.value, repeat=repeat, names=chosen, threads_=threads)
    console = _lab_output(result, output, as_json)
    if console is None:
        return
    console.print(_rows_table(
        f"time per element, {size:,} {dtype.value} elements, {threads} thread(s), median of {repeat} rounds",
        result.rows, [("activation", "activation", ""), ("backend", "backend", ""),
                      ("forward ns", "ns_per_element_forward", ".2f"), ("backward ns", "ns_per_element_backward", ".2f"),
                      ("forward / ReLU", "ratio_to_relu", ".1f"), ("backward / ReLU", "ratio_to_relu_backward", ".1f")],
        caption="ReLU: torch.relu for the torch rows, np.maximum(x, 0) for the NumPy rows; "
                "backward = the gradient times an upstream gradient of ones"))


# --------------------------------------------------------------------- demo

@dataclass(frozen=True)
class _Case:
    """One row of the demo: a naive NumPy formula against the library."""

    input_text: str      # how x is shown
    dtype: str
    x: float
    naive_code: str
    naive: Callable
    ours_code: str
    ours: Callable
    reference: str       # ufunc name in sigmoids.reference.MPMATH


def _naive_logistic(x):
    return 1 / (1 + np.exp(-x))


def _naive_log_expit(x):
    return np.log(1 / (1 + np.exp(-x)))


def _naive_derivative(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)


def _naive_logit(y):
    return np.log(y / (1 - y))


def _demo_cases() -> list[_Case]:
    """The article's formulas at the inputs where they break.

    These are the failures the design answers (DESIGN.md): overflow in the
    tails, half precision flushed to 0, ``log`` of a rounded 0, the
    derivative cancelling to 0, and ``logit`` losing digits near 1/2.
    """
    logistic = sg.get("logistic")
    k = logistic.info.kernels
    value = ("1/(1+np.exp(-x))", _naive_logistic, "sg.logistic(x)", logistic, k["value"])
    return [
        _Case("-88.72286", "float32", -88.72286, *value),
        _Case("-1000", "float64", -1000.0, *value),
        _Case("-12", "float16", -12.0, *value),
        _Case("-1000", "float64", -1000.0, "np.log(1/(1+np.exp(-x)))", _naive_log_expit,
              "sg.log_expit(x)", logistic.logcdf, k["logcdf"]),
        _Case("40", "float64", 40.0, "s*(1-s), s=1/(1+np.exp(-x))", _naive_derivative,
              "sg.logistic.derivative(x)", logistic.derivative, k["derivative"]),
        _Case("0.5 + 2**-40", "float64", 0.5 + 2.0 ** -40, "np.log(y/(1-y))", _naive_logit,
              "sg.logit(y)", logistic.inverse, k["inverse"]),
    ]


def _same(a, b) -> bool:
    """Bitwise-equal as numbers: NaN equals NaN, and the sign of zero counts."""
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def _verdict(result, messages: list[str], exact, rounded, dtype) -> tuple[Text, Optional[bool]]:
    """What is wrong with ``result``: its warnings and, with a reference, its error in ULP."""
    verdict = Text()
    correct = None
    if rounded is not None:
        from . import reference

        correct = _same(result, rounded) and not messages
        if _same(result, rounded):
            verdict.append("correctly rounded" if not messages else "right value, but", style="green")
        else:
            error = float(reference.ulp_error([result], exact, dtype)[0])
            verdict.append(f"wrong by {error:.3g} ULP" if math.isfinite(error) else "wrong",
                           style="bold red")
    for message in messages:
        verdict.append("\n" if verdict else "")
        verdict.append(f"warning: {message}", style="yellow")
    return verdict, correct


def _contrast_table() -> tuple[Table, str]:
    """The naive-versus-sigmoids table, and a one-line tally of it.

    Each case takes three rows: the input with its exact value, the naive
    formula, and the library.  The exact value comes from mpmath through
    ``sigmoids.reference``, never from the library under test; without mpmath
    those parts are left out.
    """
    from rich import box

    try:
        from . import reference
    except ImportError:  # mpmath is a test dependency
        reference = None

    table = Table(title="the article's formulas against sigmoids", box=box.SIMPLE_HEAD,
                  caption="exact: the true value, rounded once to the input's format")
    table.add_column("input, then formula", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("verdict", ratio=1)

    naive_bad = ours_good = 0
    cases = _demo_cases()
    for case in cases:
        dt = np.dtype(case.dtype)
        x = dt.type(case.x)
        exact = rounded = None
        heading = Text(f"x = {case.input_text}", style="bold")
        heading.append(f" ({case.dtype})", style="dim")
        if reference is not None:
            exact = reference.evaluate(case.reference, [x])
            rounded = reference.correctly_rounded(exact, dt)[0]
            note = Text("exact, from mpmath", style="dim")
            if rounded == 0 and exact[0] != 0:
                import mpmath

                # Underflows in this format: show what was lost.
                note.append(f" ({mpmath.nstr(exact[0], 6)} before rounding)", style="dim")
            table.add_row(heading, Text(_fmt(rounded), style="bold"), note)
        else:
            table.add_row(heading, "", "")
        for code, function in ((case.naive_code, case.naive), (case.ours_code, case.ours)):
            result, messages = _call_recording(function, x)
            verdict, correct = _verdict(result, messages, exact, rounded, dt)
            style = {True: "green", False: "red", None: ""}[correct]
            table.add_row(Text(f"  {code}", style="cyan"), Text(_fmt(result), style=style), verdict,
                          end_section=function is case.ours)
            if function is case.naive:
                naive_bad += correct is False
            else:
                ours_good += correct is True
    if reference is None:
        tally = "(install mpmath to compare with the exact values: pip install mpmath)"
    else:
        tally = (f"naive NumPy: {naive_bad} of {len(cases)} wrong or warning. "
                 f"sigmoids: {ours_good} of {len(cases)} correctly rounded without a warning.")
    return table, tally


@app.command(
    "demo",
    short_help="Naive NumPy formulas against sigmoids, and the article's figure.",
    help="Show what the library is for: the catalog, the article's naive NumPy "
         "formulas against sigmoids on inputs where they fail (exact values from "
         "mpmath), the article's figure of the logistic, written to DIR/logistic.png, "
         "and the gallery of every sigmoid, DIR/gallery/index.html.",
    epilog="Examples:\n\n  sigmoids demo\n\n  sigmoids demo -o /tmp/demo",
)
def demo_command(
    output: Annotated[Path, typer.Option(
        "-o", "--output", metavar="DIR", help="Directory for the figure and the gallery.")] = Path("out"),
    gallery: Annotated[bool, typer.Option(
        "--gallery/--no-gallery", help="Also build the HTML gallery in DIR/gallery.")] = True,
) -> None:
    """Run the demonstration (``make demo``)."""
    console = _stdout()
    console.rule(f"sigmoids {sg.__version__}: every sigmoid, exact to the last bit")
    console.print(_catalog_table())
    console.print()
    table, tally = _contrast_table()
    console.print(table)
    console.print(tally)
    console.print()
    logistic = sg.get("logistic")
    path = _write_figure(logistic, "value", output / f"{logistic.info.name}.png")
    console.print(f"the article's figure of the {logistic.info.title}: wrote {path}")
    if gallery:
        from .gallery import build

        index = build(output / "gallery", console=Console(stderr=True))
        console.print(f"the gallery of all {len(sg.catalog)} sigmoids: open {index}")


def main() -> None:
    """Entry point of the ``sigmoids`` command (and ``python -m sigmoids``)."""
    app()


if __name__ == "__main__":
    main()
