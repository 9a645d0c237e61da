"""Figures (``sigmoids.plot``), the CLI commands around them, and the gallery.

Every number a figure is checked for comes from a closed form (the logistic's
derivative peaks at 1/4, the Gompertz curve bends at (0, 1/e)) or from
mpmath, never from the library itself.
"""
from __future__ import annotations

import math
import os
import re
import shutil
import subprocess

import numpy as np
import pytest
from typer.testing import CliRunner

import sigmoids as sg
from sigmoids import plot
from sigmoids.cli import app

ENTRIES = list(sg.catalog.values())


@pytest.fixture
def runner():
    return CliRunner(env={"COLUMNS": "200"})


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def lines_of(fig, axis=0):
    """The labelled curves of an axes (not its guide lines)."""
    return [line for line in fig.axes[axis].get_lines() if not line.get_label().startswith("_")]


# ----------------------------------------------------------- inflection points

INFLECTIONS = [
    # (entry, params, x, y): from d^2/dx^2 s = 0 by hand
    ("logistic", None, 0.0, 0.5),
    ("tanh", None, 0.0, 0.0),
    ("gompertz", None, 0.0, math.exp(-1.0)),
    ("cloglog", None, 0.0, 1.0 - math.exp(-1.0)),
    ("genlogistic", {"alpha": 2.0}, math.log(2.0), (1.0 + 1.0 / 2.0) ** -2.0),
    ("genlogistic", {"alpha": 0.5}, math.log(0.5), (1.0 + 1.0 / 0.5) ** -0.5),
    ("hill", {"n": 3.0}, 0.5 ** (1.0 / 3.0), 1.0 / 3.0),        # x^n = (n-1)/(n+1), s = (n-1)/(2n)
    ("student_t", {"nu": 3.0}, 0.0, 0.5),
    ("smoothstep", {"n": 1.0}, 0.5, 0.5),           # 3x^2 - 2x^3 bends at 1/2
    ("smoothstep", {"n": 3.0}, 0.5, 0.5),
]


@pytest.mark.parametrize("name, params, x, y", INFLECTIONS)
def test_inflection_point_matches_the_closed_form(name, params, x, y):
    found = plot.inflection_point(name, params)
    assert found is not None
    assert found[0] == pytest.approx(x, abs=1e-8)
    assert found[1] == pytest.approx(y, abs=1e-9)


@pytest.mark.parametrize("name, params", [("hard_tanh", None), ("hard_sigmoid", None), ("plan", None),
                                          ("hill", {"n": 1.0}), ("hill", {"n": 0.5}), ("smoothstep", {"n": 0.0})])
def test_no_inflection_point_where_there_is_none(name, params):
    # piecewise linear, or the derivative peaks at the end of the domain
    assert plot.inflection_point(name, params) is None


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_plot_marks_asymptotes_and_inflection(entry):
    fig = plot.plot(entry)
    ax = fig.axes[0]
    a, b = entry.info.range
    levels = {line.get_ydata()[0] for line in ax.get_lines() if len(set(line.get_ydata())) == 1}
    assert {a, b} <= levels
    point = plot.inflection_point(entry)
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    if point is None:
        assert not markers
    else:
        assert len(markers) == 1
        assert markers[0].get_xdata()[0] == pytest.approx(point[0])


MEDIANS = [
    # (entry, params, x where the value crosses the middle of its range), by hand
    ("logistic", None, 0.0),
    ("arctan", None, 0.0),
    ("gompertz", None, -math.log(math.log(2.0))),       # exp(-e^-x) = 1/2
    ("cloglog", None, math.log(math.log(2.0))),
    ("genlogistic", {"alpha": 2.0}, -math.log(2.0 ** 0.5 - 1.0)),
    ("hill", {"n": 3.0}, 1.0),
    ("smoothstep", {"n": 2.0}, 0.5),
]


@pytest.mark.parametrize("name, params, x", MEDIANS)
def test_plot_guides_cross_at_the_centre(name, params, x):
    # the article's dashed guides: the middle of the range, and the x where the curve reaches it
    ax = plot.plot(name, params=params).axes[0]
    a, b = sg.get(name).info.range
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    vertical = [line.get_xdata()[0] for line in dashed if len(set(line.get_xdata())) == 1]
    horizontal = [line.get_ydata()[0] for line in dashed if len(set(line.get_ydata())) == 1]
    assert vertical == [pytest.approx(x, abs=1e-12)]
    assert horizontal == [pytest.approx((a + b) / 2)]


# ----------------------------------------------------------------- comparisons

def test_compare_is_the_classic_figure():
    fig = plot.compare()
    lines = lines_of(fig)
    assert len(lines) == len(plot.CLASSIC) + 1          # and the tangent y = x
    closed_forms = [
        lambda x: np.array([math.erf(math.sqrt(math.pi) * v / 2) for v in x]),
        np.tanh,
        lambda x: 2 / np.pi * np.arctan(np.pi * x / 2),
        lambda x: 2 / np.pi * (2 * np.arctan(np.tanh(np.pi * x / 4))),
        lambda x: x / np.sqrt(1 + x * x),
        lambda x: x / (1 + np.abs(x)),
    ]
    for line, exact in zip(lines, closed_forms):
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        np.testing.assert_allclose(y, exact(x), rtol=0, atol=1e-13)


def test_derivatives_mark_the_peaks():
    fig = plot.derivatives(["logistic", "tanh", "erf"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["max 0.25", "max 1", f"max {2 / math.sqrt(math.pi):.3g}"]


def test_derivatives_share_a_label_at_a_shared_peak():
    # tanh, arctan and softsign all peak at (0, 1): one label names them
    fig = plot.derivatives(["logistic", "tanh", "arctan", "softsign"])
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["max 0.25", "max 1: tanh, arctan, softsign"]


def test_distributions_cdfs_and_bells():
    fig = plot.distributions()
    cdfs, pdfs = lines_of(fig, 0), lines_of(fig, 1)
    assert len(cdfs) == len(pdfs) == 4
    for cdf, pdf in zip(cdfs, pdfs):
        x, f = (np.asarray(v, dtype=float) for v in cdf.get_data())
        _, p = (np.asarray(v, dtype=float) for v in pdf.get_data())
        assert f[x.size // 2] == 0.5 and x[x.size // 2] == 0.0        # symmetric about 0
        np.testing.assert_allclose(p, p[::-1], rtol=1e-12)             # a symmetric bell
        assert np.all(np.diff(f) >= 0)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.info.params], ids=lambda e: e.info.name)
def test_family_sweeps_the_grid(entry):
    fig = plot.family(entry)
    assert len(lines_of(fig)) == len(entry.info.params[0].grid)


def test_family_of_an_entry_without_parameters():
    with pytest.raises(ValueError, match="no parameter"):
        plot.family("logistic")


def test_accuracy_shows_the_tail_failures():
    fig = plot.accuracy("logistic", samples=61)
    curves = {line.get_label(): np.asarray(line.get_ydata(), dtype=float) for line in lines_of(fig)}
    assert max(curves["sigmoids (ours)"]) <= sg.logistic.info.max_ulp["value"]["float64"]
    # 1/(1+exp(-x)) returns 0 where the exact value is subnormal (x < -709)
    assert max(curves["1/(1+exp(-x))"]) > 1e6


def test_accuracy_of_a_quantile():
    fig = plot.accuracy("normal", "ppf", samples=41)
    ours = np.asarray(lines_of(fig)[0].get_ydata(), dtype=float)
    assert max(ours) <= sg.normal.info.max_ulp["ppf"]["float64"]
    assert fig.axes[0].get_xscale() == "logit"


# ------------------------------------------------------------------------ CLI

def test_compare_command(runner, tmp_path):
    from test_cli import assert_png

    for extra in ([], ["logistic", "tanh", "--raw"], ["--derivatives"], ["--distributions"]):
        path = tmp_path / f"c{len(extra)}.png"
        result = invoke(runner, "compare", *extra, "-o", path)
        assert result.exit_code == 0, result.output
        assert_png(path)


def test_compare_refuses_what_it_cannot_standardize(runner, tmp_path):
    result = invoke(runner, "compare", "hill", "-o", tmp_path / "x.png")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["error: hill has no slope at 0 to standardize by; add --raw"]


def test_info_command(runner):
    result = invoke(runner, "info", "ndtr")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "normal" in out and sg.normal.info.inverse_formula in out
    assert str(sg._ufuncs.SIMD_PATH) in out
    for op in sg.OPERATIONS:
        assert sg.normal.info.kernels[op] in out


def test_info_unknown_name(runner):
    result = invoke(runner, "info", "logstic")
    assert result.exit_code == 1
    assert result.output.startswith("error: no sigmoid called 'logstic'; did you mean 'logistic'")


def test_check_command(runner):
    result = invoke(runner, "check", "softsign", "--samples", "20")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.strip().startswith("softsign")]
    assert len(rows) == 3 * len(set(sg.softsign.info.kernels.values()))
    assert all(line.rstrip().endswith("ok") for line in rows)


def test_check_fails_on_a_wrong_kernel(runner, monkeypatch):
    # a kernel that is off by one ULP everywhere must be reported, with exit status 1
    from sigmoids import _quick

    real = _quick.check_kernel

    def off_by_one(entry, op, dtype, count, params=(), seed=0):
        row = real(entry, op, dtype, count, params, seed)
        return _quick.CheckRow(row.kernel, row.operation, row.dtype, row.samples, row.max_ulp + 1.0,
                               row.worst_input, row.bound)

    monkeypatch.setattr(_quick, "check_kernel", off_by_one)
    result = invoke(runner, "check", "hard_tanh", "--samples", "8")
    assert result.exit_code == 1
    assert "FAIL" in result.stdout


def test_bench_command(runner):
    result = invoke(runner, "bench", "logistic", "--size", "20000")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines() if line.strip().startswith("logistic ")]
    assert [r[1] for r in rows] == ["float32", "float64"]
    for r in rows:
        assert float(r[2]) > 0 and float(r[3]) > 0


# -------------------------------------------------------------------- gallery

def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def gallery(tmp_path_factory):
    out = tmp_path_factory.mktemp("gallery")
    result = CliRunner().invoke(app, ["gallery", "-o", str(out), "--only", "logistic,student_t,plan",
                                      "--samples", "41", "--speed-size", "2000"])
    assert result.exit_code == 0, result.output
    return out


def test_gallery_files(gallery):
    index = gallery / "index.html"
    text = index.read_text()
    sources = re.findall(r'<img[^>]* src="([^"]+)"', text)
    # catalog formulas (PLAN's cases piece by piece), 3 comparison
    # figures, student_t's family, 4 figures per entry
    assert len(sources) >= 3 + 1 + 3 * 4 + 3
    for src in sources:
        assert not src.startswith(("http:", "https:", "//")), src       # no network
        assert (gallery / src).stat().st_size > 500, src
    assert "cdn" not in text.lower()
    for name in ("logistic", "student_t", "plan"):
        assert f'id="{name}"' in text
    # the lab's figures, each under its claim with the command at full size
    from sigmoids.gallery import LAB_FIGURES

    assert 'id="lab"' in text
    for name, _, _ in LAB_FIGURES:
        assert f'id="lab-{name}"' in text and f"sigmoids lab {name} -o" in text
        assert f'src="img/lab_{name}.png"' in text
    # every formula typeset, PLAN's cases too: no LaTeX source left on the page
    assert "<code>\\" not in text and "\\begin{cases}" not in text.replace('alt="', "")


def test_gallery_loads_in_a_browser(gallery):
    """The one browser test: headless Chromium opens index.html from disk and
    every image decodes.  CI installs chromium (.ci/run) and requires this."""
    browser = _chromium()
    if browser is None:
        if os.environ.get("SIGMOIDS_REQUIRE_BROWSER"):
            pytest.fail("SIGMOIDS_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("no chromium on this machine (CI installs it)")
    proc = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
         "--virtual-time-budget=10000", "--dump-dom", (gallery / "index.html").as_uri()],
        capture_output=True, text=True, timeout=180)
    body = re.search(r"<body[^>]*>", proc.stdout)
    assert body, proc.stderr[-2000:]
    total = int(re.search(r'data-images-total="(\d+)"', body.group(0)).group(1))
    loaded = int(re.search(r'data-images-loaded="(\d+)"', body.group(0)).group(1))
    assert total >= 19 and loaded == total


def test_family_takes_the_values_as_param():
    fig = plot.family("student_t", param=[0.5, 1.0, float("inf")])
    assert [line.get_label() for line in lines_of(fig)] == ["$\\nu = 0.5$", "$\\nu = 1$", "$\\nu = inf$"]
    # nu = 1 is the Cauchy CDF 1/2 + arctan(x)/pi
    x, y = (np.asarray(v, dtype=float) for v in lines_of(fig)[1].get_data())
    np.testing.assert_allclose(y, 0.5 + np.arctan(x) / np.pi, rtol=0, atol=2e-16)


def test_gallery_without_the_lab(tmp_path):
    result = CliRunner().invoke(app, ["gallery", "-o", str(tmp_path), "--only", "softsign", "--samples", "21",
                                      "--speed-size", "1000", "--no-lab"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "index.html").read_text()
    assert 'id="softsign"' in text and 'id="lab"' not in text and "lab_" not in text
