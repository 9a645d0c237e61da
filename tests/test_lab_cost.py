"""``sigmoids lab cost``: the structure of the table (no timed assertions)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")

from sigmoids.cli import app  # noqa: E402
from sigmoids.lab.cost import BACKENDS  # noqa: E402


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("cost") / "cost.png"
    result = CliRunner().invoke(app, ["lab", "cost", "--size", "4096", "--repeat", "1", "--names",
                                      "logistic,tanh,student_t,plan", "--json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), path


def test_json_fields(lab):
    data, _ = lab
    fields = ("activation", "backend", "ns_per_element_forward", "ns_per_element_backward", "ratio_to_relu",
              "ratio_to_relu_backward")
    for row in data["rows"]:
        assert tuple(row) == fields
        assert row["backend"] in BACKENDS
        assert all(isinstance(row[k], float) and row[k] > 0 for k in fields[2:])
    pairs = {(r["activation"], r["backend"]) for r in data["rows"]}
    for name in ("relu", "logistic", "tanh", "student_t", "plan"):
        assert (name, BACKENDS[0]) in pairs and (name, BACKENDS[1]) in pairs
    # torch has its own logistic and tanh, not the others
    assert {a for a, b in pairs if b == BACKENDS[2]} == {"logistic", "tanh"}
    assert all(r["ratio_to_relu"] == 1.0 for r in data["rows"] if r["activation"] == "relu")


def test_figure_and_table(lab):
    from test_cli import assert_png

    assert_png(lab[1])
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["lab", "cost", "--size", "1024", "--repeat", "1",
                                                            "--names", "softsign", "--dtype", "float64"])
    assert result.exit_code == 0, result.output
    assert "forward / ReLU" in result.stdout and "softsign" in result.stdout
