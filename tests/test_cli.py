"""The command line (``sigmoids.cli``) and the figures (``sigmoids.plot``).

Numbers printed by ``sigmoids eval`` are checked against mpmath through
``sigmoids.reference``, never against the library's own output.  Cases are
generated from the catalog and ``OPERATIONS``, so new entries are covered.
"""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal, localcontext

import matplotlib.colors as mcolors
import matplotlib.image as mimage
import numpy as np
import pytest
from typer.testing import CliRunner

import sigmoids as sg
from sigmoids import reference
from sigmoids.cli import app

from conftest import python_output

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DTYPES = ("float16", "float32", "float64")
COMMANDS = ("list", "eval", "plot", "demo", "compare", "info", "check", "bench", "gallery")
ENTRIES = list(sg.catalog.values())
FLAG_OPERATIONS = [op for op in sg.OPERATIONS if op != "value"]


@pytest.fixture
def runner():
    # A wide terminal, so that rich never wraps or truncates a number.
    return CliRunner(env={"COLUMNS": "200"})


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def eval_rows(output: str) -> list[tuple[str, str]]:
    """(x, result) text pairs from the table ``sigmoids eval`` prints."""
    lines = [line.split() for line in output.strip().splitlines()]
    return [(row[0], row[1]) for row in lines[1:] if len(row) == 2]


def sample_inputs(entry, op: str) -> list[float]:
    """Inputs inside the domain of ``op``: the open range for the inverse,
    (0, 1) for the quantile function, the real line for the rest."""
    if op in ("inverse", "ppf"):
        a, b = entry.info.range if op == "inverse" else (0.0, 1.0)
        return [a + (b - a) * t for t in (0.125, 0.5, 0.875)]
    # exactly representable in every format, so the rounding of x is not in question
    return [-30.0, -3.5, -0.25, 0.0, 0.75, 2.0, 12.0]


# ------------------------------------------------------------------- list

def test_list_shows_every_entry(runner):
    result = invoke(runner, "list")
    assert result.exit_code == 0, result.output
    for entry in ENTRIES:
        # long aliases and formulas fold across lines: the JSON test checks them whole
        assert entry.info.name in result.stdout
    assert "logistic" in result.stdout


def test_list_fits_an_80_column_terminal():
    """`make demo` prints the table to an 80-column pipe: every name must
    show whole (parametrised slopes are numbers there, not LaTeX)."""
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    for entry in ENTRIES:
        assert entry.info.name in result.stdout
    nu = sg.student_t.info.params[0].default
    # the student_t slope at 0 is its density at 0: Gamma((nu+1)/2)/(sqrt(nu pi) Gamma(nu/2))
    import math
    expected = math.gamma((nu + 1) / 2) / (math.sqrt(nu * math.pi) * math.gamma(nu / 2))
    assert f"{expected:.6g} (nu={nu:g})" in result.stdout


def test_list_json_carries_the_catalog_metadata(runner):
    # The table folds long formulas across lines; the JSON carries them whole.
    result = invoke(runner, "list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == list(sg.catalog)
    for entry in ENTRIES:
        row = data[entry.info.name]
        assert row["formula"] == entry.info.formula
        assert tuple(row["range"]) == entry.info.range
        slope = entry.info.slope_at_0
        assert row["slope_at_0"] == (entry.info.slope_text if callable(slope) else slope)
        assert tuple(row["aliases"]) == entry.info.aliases


# ------------------------------------------------------------------- eval

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", sg.OPERATIONS)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_eval_matches_mpmath(runner, entry, op, dtype):
    inputs = sample_inputs(entry, op)
    flags = [] if op == "value" else [f"--{op}"]
    # a parametrised family at a grid value other than its default, given by name
    params = tuple(p.grid[len(p.grid) // 2] for p in entry.info.params)
    for p, v in zip(entry.info.params, params):
        flags += ["--param", f"{p.name}={v!r}"]
    result = invoke(runner, "eval", entry.info.name, *flags, "--dtype", dtype, "--",
                    *(repr(v) for v in inputs))
    assert result.exit_code == 0, result.output
    rows = eval_rows(result.stdout)
    assert len(rows) == len(inputs)
    dt = np.dtype(dtype)
    kernel_name = entry.info.kernels[op]
    allowed = entry.info.max_ulp[op][dtype]
    for (x_text, y_text), given in zip(rows, inputs):
        x = dt.type(x_text)
        with np.errstate(over="ignore", under="ignore"):
            assert x == np.float64(given).astype(dt), (x_text, given)
        exact = reference.evaluate(kernel_name, [x], params=params)
        y = dt.type(y_text)
        error = reference.ulp_error([y], exact, dt)[0]
        assert error <= allowed + 1e-9, (op, dtype, x_text, y_text, exact[0])
        if allowed <= 0.5:
            # correctly rounded: the text is exactly the mpmath value rounded once
            assert y_text == str(reference.correctly_rounded(exact, dt)[0])


def test_eval_float32_underflow_region(runner):
    result = invoke(runner, "eval", "logistic", "-88.72286", "--dtype", "float32")
    assert result.exit_code == 0, result.output
    exact = reference.evaluate(sg.logistic.info.kernels["value"], [np.float32("-88.72286")])
    assert str(reference.correctly_rounded(exact, np.float32)[0]) == "2.938667e-39"
    assert eval_rows(result.stdout) == [("-88.72286", "2.938667e-39")]


def test_eval_far_tail_of_log_expit(runner):
    # negative numbers need no "--" before them
    result = invoke(runner, "eval", "expit", "--logcdf", "-1000", "-inf")
    assert result.exit_code == 0, result.output
    exact = reference.evaluate(sg.logistic.info.kernels["logcdf"], [-1000.0, -np.inf])
    expected = [str(v) for v in reference.correctly_rounded(exact, np.float64)]
    assert [y for _, y in eval_rows(result.stdout)] == expected == ["-1000.0", "-inf"]


def test_eval_rounds_decimal_input_once(runner):
    # 1 + 2**-24 + 2**-60: through float64 it lands on the float32 midpoint
    # 1 + 2**-24 and ties to 1.0; rounded once it is 1 + 2**-23.
    with localcontext() as ctx:
        ctx.prec = 100
        text = str(Decimal(1) + Decimal(2) ** -24 + Decimal(2) ** -60)
    assert np.float32(float(text)) == np.float32(1.0)
    result = invoke(runner, "eval", "logistic", "--dtype", "float32", text)
    assert result.exit_code == 0, result.output
    assert eval_rows(result.stdout)[0][0] == str(np.float32(1 + 2.0 ** -23))


def test_eval_accepts_fractions_signed_zero_and_hex(runner):
    result = invoke(runner, "eval", "logistic", "1/4", "-0", "0x1p-2")
    assert result.exit_code == 0, result.output
    assert [x for x, _ in eval_rows(result.stdout)] == ["0.25", "-0.0", "0.25"]


def test_eval_out_of_domain_is_nan_with_warning(runner):
    result = invoke(runner, "eval", "logistic", "--inverse", "1.5")
    assert result.exit_code == 0, result.output
    assert eval_rows(result.stdout) == [("1.5", "nan")]
    assert "warning: invalid value" in result.stderr


def test_eval_parameter_default_and_errors(runner):
    """A parametrised family takes --param NAME=VALUE; without it the catalog's
    default, shown in the header; an unknown name is a one-line usage error."""
    for entry in ENTRIES:
        if not entry.info.params:
            continue
        result = invoke(runner, "eval", entry.info.name, "0.5")
        assert result.exit_code == 0, result.output
        default = entry.info.params[0]
        assert f"{default.name}={float(default.default)!r}" in result.stdout
        result = invoke(runner, "eval", entry.info.name, "--param", "nosuch=1", "0.5")
        assert_one_line_error(result, "nosuch", default.name)
        result = invoke(runner, "eval", entry.info.name, "--param", default.name, "0.5")
        assert_one_line_error(result, "NAME=VALUE")


# ----------------------------------------------------------------- errors

def assert_one_line_error(result, *fragments):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize("command", [("eval", "logstic", "1"), ("plot", "logstic")])
def test_unknown_name_suggests(runner, command):
    result = invoke(runner, *command)
    assert_one_line_error(result, "did you mean", "'logistic'")
    assert result.exit_code == 1


def test_two_operations_is_a_usage_error(runner):
    result = invoke(runner, "eval", "logistic", "--derivative", "--inverse", "0.5")
    assert_one_line_error(result, "--derivative", "--inverse")
    assert result.exit_code == 2
    result = invoke(runner, "plot", "logistic", "--derivative", "--cdf")
    assert_one_line_error(result, "--derivative", "--cdf")
    assert result.exit_code == 2


@pytest.mark.parametrize("text", ["abc", "1/0", "--invrse", "0.5.5"])
def test_not_a_number(runner, text):
    result = invoke(runner, "eval", "logistic", "--", text)
    assert_one_line_error(result, "not a number", repr(text))


def test_unwritable_plot_file(runner, tmp_path):
    result = invoke(runner, "plot", "logistic", "-o", tmp_path / "figure.unknown-format")
    assert_one_line_error(result, "cannot write")


def test_errors_of_the_real_process():
    """No traceback from the installed program either (the runner catches them)."""
    proc = subprocess.run([sys.executable, "-m", "sigmoids", "eval", "logstic", "1"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    # the closest name first (others may follow as the catalog grows)
    assert line.startswith("error: no sigmoid called 'logstic'; did you mean 'logistic'")


# ------------------------------------------------------------------- help

@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(runner, command):
    result = invoke(runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"sigmoids {command}" in result.stdout


def test_eval_has_a_flag_per_operation(runner):
    result = invoke(runner, "eval", "--help")
    for op in FLAG_OPERATIONS:
        assert f"--{op}" in result.stdout


def test_python_dash_m_and_version():
    proc = subprocess.run([sys.executable, "-m", "sigmoids", "--version"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"sigmoids {sg.__version__}"


def test_importing_the_cli_is_light():
    code = ("import sys, sigmoids.cli; "
            "print(sorted(m for m in ('matplotlib', 'scipy', 'mpmath') if m in sys.modules))")
    assert python_output(code) == "[]"


# ------------------------------------------------------------------- plot

def assert_png(path):
    assert path.is_file()
    assert path.read_bytes()[:8] == PNG_MAGIC
    assert path.stat().st_size > 10_000
    image = mimage.imread(path)
    assert image.ndim == 3 and image.shape[0] > 200 and image.shape[1] > 200


def test_plot_writes_png(runner, tmp_path):
    path = tmp_path / "figs" / "logistic.png"
    result = invoke(runner, "plot", "logistic", "-o", path)
    assert result.exit_code == 0, result.output
    assert_png(path)
    assert str(path) in result.stdout


@pytest.mark.parametrize("flag, suffix", [(None, ""), ("--derivative", "_derivative"), ("--cdf", "_cdf")])
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_plot_default_file_in_cwd(runner, tmp_path, monkeypatch, entry, flag, suffix):
    monkeypatch.chdir(tmp_path)
    alias = (entry.info.aliases or (entry.info.name,))[0]
    result = invoke(runner, "plot", alias, *([flag] if flag else []))
    assert result.exit_code == 0, result.output
    assert_png(tmp_path / f"{entry.info.name}{suffix}.png")


def is_red(color) -> bool:
    return mcolors.to_rgb(color) == (1.0, 0.0, 0.0)


def test_article_figure():
    from sigmoids.plot import plot

    fig = plot("logistic")
    (ax,) = fig.axes
    assert ax.get_title() == "logistic function"
    assert ax.get_xlabel() == "$x$"
    assert ax.get_ylabel() == r"$\frac{1}{1+e^{-x}}$"
    lo, hi = ax.get_xlim()
    assert lo <= -5 and hi >= 5
    dashed_red = [line for line in ax.lines if line.get_linestyle() == "--" and is_red(line.get_color())]
    assert len(dashed_red) == 2
    horizontal = [line for line in dashed_red if np.all(np.asarray(line.get_ydata()) == 0.5)]
    vertical = [line for line in dashed_red if np.all(np.asarray(line.get_xdata()) == 0.0)]
    assert len(horizontal) == 1 and len(vertical) == 1
    # the curve: increasing from near 0 to near 1 over [-5, 5]
    (curve,) = [line for line in ax.lines if line.get_linestyle() == "-"]
    x, y = np.asarray(curve.get_xdata()), np.asarray(curve.get_ydata())
    assert x.min() == -5 and x.max() == 5
    assert np.all(np.diff(y) > 0) and y[0] < 0.01 and y[-1] > 0.99
    # seaborn-like look without seaborn
    assert mcolors.to_hex(ax.get_facecolor()) == "#eaeaf2"
    assert not any(spine.get_visible() for spine in ax.spines.values())
    assert "seaborn" not in sys.modules


@pytest.mark.parametrize("op", sg.OPERATIONS)
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_every_operation_plots(entry, op):
    from matplotlib.figure import Figure

    from sigmoids.plot import plot

    fig = plot(entry, op)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert ax.get_title()
    fig.canvas.draw()  # typesets the labels: a formula mathtext rejects fails here
    (curve,) = [line for line in ax.lines if line.get_linestyle() == "-"]
    assert np.isfinite(np.asarray(curve.get_ydata(), dtype=float)).any()


def test_plot_into_given_axes():
    from matplotlib.figure import Figure

    from sigmoids.plot import plot

    fig = Figure()
    ax = fig.add_subplot()
    assert plot("expit", "derivative", xlim=(-8, 8), ax=ax) is fig
    assert ax.get_xlim() == (-8.0, 8.0)


def test_plot_unknown_operation():
    from sigmoids.plot import plot

    with pytest.raises(KeyError, match="no operation"):
        plot("logistic", "antiderivative")


# ------------------------------------------------------------------- demo

def test_demo(runner, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, "demo", "-o", out, "--no-gallery")   # the gallery: test_gallery.py
    assert result.exit_code == 0, result.output
    assert_png(out / "logistic.png")
    text = result.stdout
    assert str(out / "logistic.png") in text
    for entry in ENTRIES:
        assert entry.info.name in text
    # the naive formula's overflow, shown next to the exact float32 value
    assert "overflow encountered in exp" in text
    assert "1/(1+np.exp(-x))" in text
    exact = reference.evaluate(sg.logistic.info.kernels["value"], [np.float32(-88.72286)])
    assert str(reference.correctly_rounded(exact, np.float32)[0]) in text
    assert "divide by zero encountered in log" in text
    assert "exact, from mpmath" in text
