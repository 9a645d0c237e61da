"""``sigmoids lab regression``: every number checked against an independent fit."""
from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

sm = pytest.importorskip("statsmodels.api")
pytest.importorskip("sklearn")

from sigmoids.cli import app  # noqa: E402
from sigmoids.lab.regression import DEFAULT_LINKS, FEATURES  # noqa: E402


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    path = tmp_path_factory.mktemp("lab") / "regression.png"
    result = CliRunner().invoke(app, ["lab", "regression", "--json", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), path


def _split():
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer(as_frame=True)
    X = data.data[list(FEATURES)]
    return train_test_split(X, data.target.to_numpy(), test_size=0.3, random_state=0, stratify=data.target)


def test_json_fields(lab):
    data, _ = lab
    assert data["dataset"] == "breast_cancer"
    assert [row["name"] for row in data["links"]] == [label for label, _, _ in DEFAULT_LINKS]
    assert all(set(row) == {"name", "llf", "aic"} for row in data["links"])
    assert data["rows"] == data["links"]


def test_accuracy_matches_scikit_learn(lab):
    """An unpenalised scikit-learn fit on the same split gives the same model."""
    from sklearn.linear_model import LogisticRegression

    data, _ = lab
    X_train, X_test, y_train, y_test = _split()
    mean, std = X_train.mean(), X_train.std()
    model = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit((X_train - mean) / std, y_train)
    expected = model.score((X_test - mean) / std, y_test)
    assert data["accuracy"] == pytest.approx(expected, abs=1e-12)
    log_odds = [c["log_odds"] for c in data["coefficients"]]
    np.testing.assert_allclose(log_odds, np.r_[model.intercept_, model.coef_.ravel()], rtol=1e-5)
    for c in data["coefficients"]:
        assert c["odds_ratio"] == pytest.approx(np.exp(c["log_odds"]), rel=1e-14)
        assert c["odds_ratio_low"] < c["odds_ratio"] < c["odds_ratio_high"]


def test_link_likelihoods_match_statsmodels(lab):
    data, _ = lab
    X_train, _, y_train, _ = _split()
    design = sm.add_constant((X_train - X_train.mean()) / X_train.std()).to_numpy()
    rows = {row["name"]: row for row in data["links"]}
    for label, theirs in (("logit (logistic)", "Logit"), ("probit (normal)", "Probit"),
                          ("cloglog", "CLogLog"), ("loglog (gompertz)", "LogLog"), ("cauchit (arctan)", "Cauchy")):
        fit = sm.GLM(y_train, design, family=sm.families.Binomial(link=getattr(sm.families.links, theirs)())).fit(tol=1e-10)
        assert rows[label]["llf"] == pytest.approx(fit.llf, rel=1e-8)
        assert rows[label]["aic"] == pytest.approx(fit.aic, rel=1e-8)


def test_softmax_is_the_generalisation(lab):
    data, _ = lab
    assert data["two_class"]["max_coefficient_difference"] < 1e-6
    assert data["two_class"]["max_probability_difference"] == 0.0          # bit for bit
    assert data["iris"]["max_softmax_difference"] < 1e-14
    assert data["iris"]["accuracy"] > 0.9


def test_figure_and_table(lab):
    from test_cli import assert_png

    _, path = lab
    assert_png(path)
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["lab", "regression"])
    assert result.exit_code == 0, result.output
    for label, _, _ in DEFAULT_LINKS:
        assert label in result.stdout
    assert "odds ratio" in result.stdout


def test_lab_help_has_an_example():
    result = CliRunner().invoke(app, ["lab", "regression", "--help"])
    assert result.exit_code == 0
    assert "sigmoids lab regression" in result.stdout
