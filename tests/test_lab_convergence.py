"""``sigmoids lab convergence``: structure, reproducibility, and the centring of the activations."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")

from sigmoids.cli import app  # noqa: E402
from sigmoids.lab.convergence import two_spirals  # noqa: E402

ARGS = ["lab", "convergence", "--seeds", "2", "--epochs", "25", "--hidden", "8", "--points", "30", "--json"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("convergence") / "convergence.png"
    result = CliRunner().invoke(app, ARGS + ["-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), path


def test_two_spirals():
    X, y = two_spirals(50, seed=3)
    assert X.shape == (100, 2) and set(np.unique(y)) == {0.0, 1.0} and y.mean() == 0.5
    np.testing.assert_array_equal(X, two_spirals(50, seed=3)[0])
    # the arms are point reflections of each other, up to the noise
    assert np.max(np.abs(X[:50] + X[50:])) < 0.5


def test_json_fields(lab):
    data, _ = lab
    assert [(r["activation"], r["seed"]) for r in data["rows"]] == [("logistic", 0), ("logistic", 1),
                                                                    ("tanh", 0), ("tanh", 1)]
    for row in data["rows"]:
        assert row["epochs_to_target"] is None or isinstance(row["epochs_to_target"], int)
        for key in ("final_loss", "test_accuracy", "mean_hidden_activation", "mean_hidden_activation_init"):
            assert isinstance(row[key], float)
        assert row["final_loss"] > 0 and 0 <= row["test_accuracy"] <= 1
    assert set(data["summary"]) == {"logistic", "tanh"}


def test_logistic_units_are_not_zero_centred(lab):
    """The logistic's outputs lie in (0, 1), centred near 1/2; tanh's near 0."""
    data, _ = lab
    for row in data["rows"]:
        if row["activation"] == "logistic":
            assert 0.3 < row["mean_hidden_activation_init"] < 0.7 and row["mean_hidden_activation"] > 0.2
        else:
            assert abs(row["mean_hidden_activation_init"]) < 0.2


def test_reproducible(lab):
    again = CliRunner().invoke(app, ARGS)
    assert json.loads(again.stdout)["rows"] == lab[0]["rows"]


def test_figure_and_table(lab):
    from test_cli import assert_png

    assert_png(lab[1])
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ARGS[:-1] + ["--optimizer", "sgd", "--lr", "0.1"])
    assert result.exit_code == 0, result.output
    assert "epochs to target" in result.stdout and "mean hidden activation" in result.stdout
    bad = CliRunner().invoke(app, ARGS[:-1] + ["--optimizer", "rmsprop"])
    assert bad.exit_code == 2 and "optimizer" in bad.output
