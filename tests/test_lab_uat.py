"""``sigmoids lab uat``: the safe target parser, the constructive bound, the CLI."""
from __future__ import annotations

import json
import math
import time

import numpy as np
import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")

from sigmoids.cli import app  # noqa: E402
from sigmoids.lab.uat import TARGETS, constructive_bound, target_from_expression, uat  # noqa: E402

X = np.linspace(-0.9, 0.9, 7)


@pytest.mark.parametrize("text, expected", [
    ("np.sin(3*x)", np.sin(3 * X)),
    ("sin(pi * x) + x**2 - 1/3", np.sin(np.pi * X) + X ** 2 - 1 / 3),
    ("numpy.abs(x) * e", np.abs(X) * math.e),
    ("np.where(x >= 0, 1, -x)", np.where(X >= 0, 1.0, -X)),
    ("-x % 0.5", np.mod(-X, 0.5)),
    ("np.maximum(x, 0) + np.clip(x, -0.5, 0.5)", np.maximum(X, 0) + np.clip(X, -0.5, 0.5)),
    ("2", np.full_like(X, 2.0)),
])
def test_expressions_evaluate(text, expected):
    np.testing.assert_allclose(target_from_expression(text)(X), expected, rtol=1e-15)


@pytest.mark.parametrize("text", [
    "__import__('os').system('echo hacked')", "x.__class__", "os.system('true')", "(lambda: 1)()",
    "np.sin(x, out=x)", "[x][0]", "'abc'", "open('/etc/passwd')", "np.load('f')", "x if x else x",
    "np.sin", "getattr(np, 'sin')(x)", "().__class__.__bases__", "True + x", "x; 1", "import os",
])
def test_unsafe_or_unknown_expressions_are_refused(text):
    with pytest.raises(ValueError):
        target_from_expression(text)


def test_huge_powers_overflow_instead_of_hanging():
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        value = target_from_expression("10**10**10 + x")(X)
    assert np.all(np.isinf(value)) and time.perf_counter() - start < 5


def test_bound_formula():
    # L h (1/2 + 1/sinh(kappa/2)) with h = (b - a)/N, by hand
    assert constructive_bound(1.0, -math.pi, math.pi, 64, 10.0) == pytest.approx(
        2 * math.pi / 64 * (0.5 + 1 / math.sinh(5.0)), rel=1e-15)
    assert constructive_bound(None, 0.0, 1.0, 4, 10.0) is None


@pytest.fixture(scope="module")
def constructive():
    return uat(targets=("sin", "abs", "step", "wiggly"), methods=("constructive",), max_width=64)


def test_constructive_error_falls_and_stays_under_the_bound(constructive):
    for name in ("sin", "abs", "wiggly"):
        rows = [r for r in constructive.rows if r["target"] == name]
        assert [r["width"] for r in rows] == [1, 2, 4, 8, 16, 32, 64]
        for r in rows:
            assert r["sup_error"] <= r["bound"]
            assert r["rms_error"] <= r["sup_error"]
        sup = [r["sup_error"] for r in rows]
        assert all(b < a for a, b in zip(sup[3:], sup[4:]))          # halving from width 8 on
        assert sup[-1] < 0.03


def test_the_step_is_not_uniformly_approximable(constructive):
    """Continuous approximants miss a unit jump by 1/2 somewhere: the sup
    error never falls below 1/2, while the RMS error does fall."""
    rows = [r for r in constructive.rows if r["target"] == "step"]
    assert all(r["sup_error"] >= 0.5 and r["bound"] is None for r in rows)
    assert rows[-1]["rms_error"] < 0.5 * rows[2]["rms_error"]


def test_wiggly_lipschitz_constant(constructive):
    # max |f'| on [0, 1] of 0.2 + 0.4x^2 + 0.3x sin 15x + 0.05 cos 50x, by a dense grid
    x = np.linspace(0.0, 1.0, 2_000_001)
    slope = 0.8 * x + 0.3 * np.sin(15 * x) + 4.5 * x * np.cos(15 * x) - 2.5 * np.sin(50 * x)
    L = constructive.extra["lipschitz"]["wiggly"]["L"]
    assert np.max(np.abs(slope)) <= L <= np.max(np.abs(slope)) + 1e-3


def test_trained_runs_and_the_step_keeps_its_gap():
    result = uat(targets=("sin", "step"), methods=("trained",), max_width=4, iterations=15, train_points=32)
    assert [(r["target"], r["width"]) for r in result.rows] == [(t, w) for t in ("sin", "step") for w in (1, 2, 4)]
    assert all(r["bound"] is None for r in result.rows)
    assert all(r["sup_error"] >= 0.49 for r in result.rows if r["target"] == "step")


def test_cli_with_a_custom_target(tmp_path):
    path = tmp_path / "uat.png"
    result = CliRunner().invoke(app, ["lab", "uat", "--target", "np.sin(3*x)", "--domain", "-1", "1",
                                      "--max-width", "8", "--iterations", "10", "--train-points", "32",
                                      "--json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    fields = {"target": str, "method": str, "width": int, "sup_error": float, "rms_error": float}
    for row in data["rows"]:
        assert all(isinstance(row[k], t) for k, t in fields.items())
        assert row["target"] == "np.sin(3*x)"
        if row["method"] == "constructive":
            assert row["sup_error"] <= row["bound"]
    assert {r["method"] for r in data["rows"]} == {"constructive", "trained"}
    assert data["lipschitz"]["np.sin(3*x)"]["L"] == pytest.approx(3.0, rel=1e-3)     # max |3 cos 3x|
    from test_cli import assert_png

    assert_png(path)


def test_cli_table_and_errors():
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["lab", "uat", "--methods", "constructive", "--max-width", "4"])
    assert result.exit_code == 0, result.output
    for name in TARGETS:
        assert f"target {name}" in result.stdout
    assert "guaranteed sup" in result.stdout
    bad = runner.invoke(app, ["lab", "uat", "--target", "__import__('os')"])
    assert bad.exit_code == 2 and "not allowed" in bad.output
    bad = runner.invoke(app, ["lab", "uat", "--target", "1/x"])
    assert bad.exit_code == 2 and "not finite" in bad.output
    bad = runner.invoke(app, ["lab", "uat", "--methods", "guess", "--max-width", "2"])
    assert bad.exit_code == 2 and "method" in bad.output
