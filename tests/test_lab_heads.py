"""``sigmoids.torch.BoundedOutput``, the BCE on logits of every link, and ``sigmoids lab heads``.

The loss is checked against torch.nn.BCEWithLogitsLoss (the logistic link)
and against SciPy's log-CDFs and closed forms (the other links), never
against our own kernels; gradients by torch.autograd.gradcheck.
"""
from __future__ import annotations

import doctest
import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

torch = pytest.importorskip("torch")
pytest.importorskip("sklearn")
stats = pytest.importorskip("scipy.stats")
special = pytest.importorskip("scipy.special")

from sigmoids.cli import app  # noqa: E402
from sigmoids.torch import BCEWithLogitsLoss, BoundedOutput, binary_cross_entropy_with_logits  # noqa: E402

Z = np.concatenate([np.linspace(-100.0, 100.0, 801), [-100.0, 100.0, -37.5, 37.5, 0.0]])


def _labels(kind, n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 2, n).astype(float) if kind == "hard" else rng.uniform(0.0, 1.0, n)


def _ours_and_torch(dtype, y):
    out = []
    for fn in (lambda z, t: binary_cross_entropy_with_logits(z, t, reduction="none"),
               torch.nn.BCEWithLogitsLoss(reduction="none")):
        z = torch.tensor(Z, dtype=dtype, requires_grad=True)
        loss = fn(z, torch.tensor(y, dtype=dtype))
        loss.sum().backward()
        out.append((loss.detach().double().numpy(), z.grad.double().numpy()))
    return out


@pytest.mark.parametrize("kind", ["hard", "soft"])
def test_logistic_bce_is_torchs_in_float64(kind):
    (ours, g_ours), (theirs, g_theirs) = _ours_and_torch(torch.float64, _labels(kind, Z.size))
    scale = np.maximum(np.abs(theirs), 1.0)
    assert np.max(np.abs(ours - theirs) / scale) < 1e-12
    assert np.max(np.abs(g_ours - g_theirs)) < 1e-12
    assert np.all(np.isfinite(ours))


def test_logistic_bce_is_torchs_in_float32_hard_labels():
    (ours, g_ours), (theirs, g_theirs) = _ours_and_torch(torch.float32, _labels("hard", Z.size))
    assert np.max(np.abs(ours - theirs) / np.maximum(np.abs(theirs), 1.0)) < 1e-6
    assert np.max(np.abs(g_ours - g_theirs)) < 1e-6


def test_float32_soft_labels_against_float64():
    """torch's float32 formula cancels with soft labels; float64 torch on the
    same float32 inputs is the reference there."""
    y = _labels("soft", Z.size).astype(np.float32)
    z32 = Z.astype(np.float32)
    ours = binary_cross_entropy_with_logits(torch.tensor(z32), torch.tensor(y), reduction="none").double().numpy()
    exact = torch.nn.BCEWithLogitsLoss(reduction="none")(torch.tensor(z32, dtype=torch.float64),
                                                         torch.tensor(y, dtype=torch.float64)).numpy()
    assert np.max(np.abs(ours - exact) / np.maximum(np.abs(exact), 1.0)) < 1e-6


def _closed_forms():
    """log F and log(1 - F) of each link, from SciPy or numpy closed forms."""
    return {
        "normal": (special.log_ndtr, lambda z: special.log_ndtr(-z)),
        "cloglog": (lambda z: np.log(-np.expm1(-np.exp(z))), lambda z: -np.exp(z)),
        "gompertz": (lambda z: -np.exp(-z), lambda z: np.log(-np.expm1(-np.exp(-z)))),
        "arctan": (stats.cauchy.logcdf, stats.cauchy.logsf),
        "student_t": (lambda z: stats.t.logcdf(z, 3.0), lambda z: stats.t.logsf(z, 3.0)),
    }


@pytest.mark.parametrize("link", ["normal", "cloglog", "gompertz", "arctan", "student_t"])
def test_other_links_against_scipy(link):
    log_cdf, log_sf = _closed_forms()[link]
    z = np.linspace(-30.0, 30.0, 241) if link != "gompertz" else np.linspace(-5.0, 30.0, 141)
    y = _labels("soft", z.size, seed=1)
    params = {"nu": 3.0} if link == "student_t" else {}
    ours = binary_cross_entropy_with_logits(torch.tensor(z), torch.tensor(y), link=link, reduction="none",
                                            **params).numpy()
    with np.errstate(all="ignore"):
        expected = -(y * log_cdf(z) + (1 - y) * log_sf(z))
    np.testing.assert_allclose(ours, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("link, params", [("logistic", {}), ("normal", {}), ("cloglog", {}),
                                          ("student_t", {"nu": 3.0}), ("arctan", {})])
def test_finite_far_in_both_tails(link, params):
    z = torch.tensor([-100.0, -40.0, 40.0, 100.0], dtype=torch.float64, requires_grad=True)
    for y in (torch.zeros(4, dtype=torch.float64), torch.ones(4, dtype=torch.float64)):
        loss = binary_cross_entropy_with_logits(z, y, link=link, reduction="sum", **params)
        (grad,) = torch.autograd.grad(loss, z)
        assert math.isfinite(float(loss.detach())) and torch.all(torch.isfinite(grad))


@pytest.mark.parametrize("link, params", [("logistic", {}), ("normal", {}), ("cloglog", {}),
                                          ("student_t", {"nu": 3.0}), ("gompertz", {})])
def test_gradcheck(link, params):
    z = torch.linspace(-4.0, 4.0, 9, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(_labels("soft", 9, seed=2), dtype=torch.float64)
    assert torch.autograd.gradcheck(lambda v: binary_cross_entropy_with_logits(v, y, link=link, **params), (z,))


def test_weights_and_reductions_match_torch():
    z = torch.tensor(np.linspace(-6.0, 6.0, 12).reshape(3, 4))
    y = torch.tensor(_labels("hard", 12, seed=3).reshape(3, 4))
    weight, pos_weight = torch.linspace(0.5, 2.0, 4, dtype=torch.float64), torch.tensor([1.0, 2.0, 3.0, 0.5],
                                                                                         dtype=torch.float64)
    for reduction in ("mean", "sum", "none"):
        ours = BCEWithLogitsLoss(weight=weight, pos_weight=pos_weight, reduction=reduction)(z, y)
        theirs = torch.nn.BCEWithLogitsLoss(weight=weight, pos_weight=pos_weight, reduction=reduction)(z, y)
        torch.testing.assert_close(ours, theirs, rtol=1e-13, atol=1e-15)
    with pytest.raises(ValueError, match="reduction"):
        binary_cross_entropy_with_logits(z, y, reduction="average")
    with pytest.raises(ValueError, match="shape"):
        binary_cross_entropy_with_logits(z, y[0])
    with pytest.raises(KeyError):
        BCEWithLogitsLoss(link="no_such_link")


@pytest.mark.parametrize("sigmoid, params", [("logistic", {}), ("normal", {}), ("arctan", {}),
                                             ("student_t", {"nu": 3.0}), ("tanh", {})])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_bounded_output_stays_in_range(sigmoid, params, dtype):
    lo, hi = -0.3, 1.7
    head = BoundedOutput(lo, hi, sigmoid=sigmoid, **params)
    z = torch.tensor([-math.inf, -1e30, -1000.0, -30.0, -1.0, 0.0, 1.0, 30.0, 1000.0, 1e30, math.inf], dtype=dtype)
    out = head(z)
    assert torch.all(out >= lo) and torch.all(out <= hi)
    assert torch.all(out[1:] >= out[:-1])                       # monotone
    middle = head(torch.linspace(-5.0, 5.0, 11, dtype=dtype))
    assert torch.all(middle > lo) and torch.all(middle < hi)    # strictly inside where F is not 0 or 1
    # symmetric CDF forms: z = 0 is the middle of the interval
    assert float(head(torch.zeros(1, dtype=dtype))) == pytest.approx((lo + hi) / 2, rel=1e-6)


def test_bounded_output_value_and_gradient():
    z = torch.tensor([-2.0, 0.5, 3.0], dtype=torch.float64, requires_grad=True)
    out = BoundedOutput(2.0, 7.0)(z)
    s = 1.0 / (1.0 + np.exp(-z.detach().numpy()))
    np.testing.assert_allclose(out.detach().numpy(), 2.0 + 5.0 * s, rtol=1e-15)
    out.sum().backward()
    np.testing.assert_allclose(z.grad.numpy(), 5.0 * s * (1.0 - s), rtol=1e-14)
    with pytest.raises(ValueError, match="lo < hi"):
        BoundedOutput(1.0, 1.0)
    assert "sigmoid='student_t', nu=3" in repr(BoundedOutput(0, 1, sigmoid="students_t", nu=3.0))


def test_docstrings_run():
    import sigmoids.torch as module

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for obj in (module.BoundedOutput, module.binary_cross_entropy_with_logits, module.BCEWithLogitsLoss):
        for test in doctest.DocTestFinder().find(obj):
            runner.run(test)
    assert runner.failures == 0 and runner.tries >= 6


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("heads") / "heads.png"
    result = CliRunner().invoke(app, ["lab", "heads", "--epochs", "40", "--samples", "200", "--json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), path


def test_lab_json(lab):
    data, _ = lab
    assert data["lab"] == "heads" and data["settings"]["epochs"] == 40
    fields = {"task": str, "head": str, "final_loss": float, "metric": str, "test_metric": float, "out_of_range": float}
    for row in data["rows"]:
        assert set(row) == set(fields)
        assert all(isinstance(row[k], t) for k, t in fields.items())
    tasks = [r["task"] for r in data["rows"]]
    assert tasks.count("classification") == 7 and tasks.count("bounded regression") == 3
    by_head = {r["head"]: r for r in data["rows"]}
    # our logistic BCE and torch's train the same network to the same loss
    assert by_head["logit (logistic)"]["final_loss"] == pytest.approx(
        by_head["torch.nn.BCEWithLogitsLoss"]["final_loss"], rel=1e-9)
    for row in data["rows"]:
        if row["head"].startswith("BoundedOutput"):
            assert row["out_of_range"] == 0.0
    check = data["bce_check"]
    assert check["float64 hard"]["max_loss_relative"] < 1e-12
    assert check["float32 hard"]["max_loss_relative"] < 1e-6


def test_lab_table_and_figure(lab):
    from test_cli import assert_png

    assert_png(lab[1])
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["lab", "heads", "--epochs", "3", "--samples", "40"])
    assert result.exit_code == 0, result.output
    assert "robit nu=3" in result.stdout and "BCEWithLogitsLoss" in result.stdout


def test_lab_docstrings_run():
    """The examples in every torch lab's docstrings (tiny sizes) run as written."""
    import importlib

    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for name in ("heads", "gradients", "uat", "convergence", "cost"):
        for test in doctest.DocTestFinder().find(importlib.import_module(f"sigmoids.lab.{name}")):
            runner.run(test)
    assert runner.failures == 0 and runner.tries >= 12
