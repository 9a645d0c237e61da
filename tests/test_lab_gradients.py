"""``sigmoids lab gradients``: structure of the JSON and the direction of the effect."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")

from sigmoids.cli import app  # noqa: E402

ACTIVATIONS = ("logistic", "tanh", "arctan", "softsign", "relu")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("gradients") / "gradients.png"
    result = CliRunner().invoke(app, ["lab", "gradients", "--max-depth", "10", "--width", "24", "--batch", "32",
                                      "--seeds", "2", "--activations", ",".join(ACTIVATIONS), "--json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), path


def test_json_fields(lab):
    data, _ = lab
    assert data["lab"] == "gradients" and data["settings"]["init"] == "xavier"
    assert [(r["activation"], r["depth"]) for r in data["rows"]] == [(a, d) for a in ACTIVATIONS for d in range(1, 11)]
    for row in data["rows"]:
        assert isinstance(row["activation"], str) and isinstance(row["depth"], int)
        assert isinstance(row["first_layer_grad_norm"], float) and row["first_layer_grad_norm"] > 0
        assert row["first_layer_grad_norm_min"] <= row["first_layer_grad_norm"] <= row["first_layer_grad_norm_max"]
    assert set(data["decay_per_layer"]) == set(ACTIVATIONS)
    assert all(len(v) == 11 for v in data["per_layer"].values())        # 10 hidden layers and the output
    assert data["max_slope"]["logistic"] == pytest.approx(0.25, abs=1e-12)  # sigma'(0) = 1/4
    assert data["max_slope"]["tanh"] == pytest.approx(1.0, abs=1e-12)


def test_logistic_vanishes_fastest(lab):
    """sigma' <= 1/4: at depth 10 the logistic network's first layer gets orders
    of magnitude less gradient than tanh's or ReLU's, and it shrinks with depth."""
    data, _ = lab
    norm = {(r["activation"], r["depth"]): r["first_layer_grad_norm"] for r in data["rows"]}
    for other in ("tanh", "relu", "arctan", "softsign"):
        assert norm[("logistic", 10)] < 1e-2 * norm[(other, 10)]
    assert norm[("logistic", 10)] < 1e-3 * norm[("logistic", 1)]
    decay = data["decay_per_layer"]
    assert decay["logistic"] < 0.5 * decay["tanh"]
    assert decay["logistic"] < decay["relu"]


def test_figure(lab):
    from test_cli import assert_png

    assert_png(lab[1])


def test_table_and_options():
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(app, ["lab", "gradients", "--max-depth", "3", "--width", "8", "--batch", "8",
                                 "--seeds", "1", "--activations", "expit,relu", "--init", "pytorch"])
    assert result.exit_code == 0, result.output
    assert "factor per layer" in result.stdout and "expit" in result.stdout
    bad = runner.invoke(app, ["lab", "gradients", "--activations", "logstic"])
    assert bad.exit_code != 0 and "did you mean 'logistic'" in bad.output
    bad = runner.invoke(app, ["lab", "gradients", "--max-depth", "2", "--init", "he"])
    assert bad.exit_code == 2 and "init" in bad.output
