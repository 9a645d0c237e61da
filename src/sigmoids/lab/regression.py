"""Logit, logistic regression and softmax, on real data.

The article derives the logistic function from the log-odds: logistic
regression is a linear model for log(p/(1-p)), each coefficient the change in
log-odds per unit of its feature (exp of it, an odds ratio), and the
predicted probability sigma(x'beta).  Softmax generalises it to several
classes, and with two classes it *is* the logistic.  Every fit here is
statsmodels' or scikit-learn's; the link functions come from
:mod:`sigmoids.links` and the probabilities from our kernels.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

import sigmoids as sg

__all__ = ["regression", "RegressionResult", "DEFAULT_LINKS", "FEATURES"]

#: standardised breast-cancer features: few enough that no link separates the
#: classes perfectly (all 30 do, and the MLE then does not exist)
FEATURES = ("mean radius", "mean texture", "mean smoothness", "mean concave points")

#: (label, catalog entry, parameters) of the links compared
DEFAULT_LINKS = (
    ("logit (logistic)", "logistic", ()),
    ("probit (normal)", "normal", ()),
    ("cauchit (arctan)", "arctan", ()),
    ("robit nu=3 (student_t)", "student_t", (3.0,)),
    ("robit nu=8 (student_t)", "student_t", (8.0,)),
    ("cloglog", "cloglog", ()),
    ("loglog (gompertz)", "gompertz", ()),
    ("gudermannian", "gudermannian", ()),
    ("softsign", "softsign", ()),
    ("algebraic", "algebraic", ()),
    ("genlogistic alpha=0.5", "genlogistic", (0.5,)),
    ("genlogistic alpha=2", "genlogistic", (2.0,)),
)


@dataclass
class RegressionResult:
    """What :func:`regression` measured.

    Attributes
    ----------
    dataset : str
    accuracy : float
        Held-out accuracy of the logistic regression (threshold 1/2).
    coefficients : list of dict
        ``feature``, ``log_odds``, ``std_err``, ``odds_ratio`` and its 95%
        interval ``odds_ratio_low``, ``odds_ratio_high``.
    links : list of dict
        ``name``, ``entry``, ``llf``, ``aic`` (fitted on the training split)
        and ``accuracy`` (on the held-out split) per link.
    iris : dict
        The multinomial (softmax) fit on iris: held-out ``accuracy`` and the
        largest difference between scikit-learn's ``predict_proba`` and
        ``sigmoids.softmax`` of its decision function.
    two_class : dict
        Softmax with two classes against the logistic model: the largest
        differences of coefficients and of probabilities.
    """

    dataset: str
    accuracy: float
    coefficients: list
    links: list
    iris: dict
    two_class: dict
    _plot_data: dict = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> list:
        """One row per link (the JSON ``links``)."""
        return [{k: row[k] for k in ("name", "llf", "aic")} for row in self.links]

    def to_json(self) -> dict:
        return {"dataset": self.dataset, "accuracy": self.accuracy, "links": self.rows,
                "link_details": self.links, "coefficients": self.coefficients,
                "iris": self.iris, "two_class": self.two_class, "rows": self.rows}

    def figure(self):
        """Odds ratios, probabilities through sigma, and the links by AIC."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from ..plot import _PALETTE, _style

        fig = Figure(figsize=(15, 4.6), layout="constrained")
        FigureCanvasAgg(fig)
        odds, curve, aic = fig.subplots(1, 3)
        names = [c["feature"] for c in self.coefficients]
        y = np.arange(len(names))
        ratio = np.array([c["odds_ratio"] for c in self.coefficients])
        low = np.array([c["odds_ratio_low"] for c in self.coefficients])
        high = np.array([c["odds_ratio_high"] for c in self.coefficients])
        odds.errorbar(ratio, y, xerr=[ratio - low, high - ratio], fmt="o", color=_PALETTE[0], capsize=4, zorder=3)
        odds.axvline(1.0, color="red", linestyle="--", linewidth=1.2)
        odds.set_xscale("log")
        odds.set_yticks(y, names)
        odds.set_title("odds ratio per SD (95% CI)")
        odds.set_xlabel(r"$e^{\beta}$")

        eta, outcome = self._plot_data["eta"], self._plot_data["outcome"]
        grid = np.linspace(min(eta.min(), -8), max(eta.max(), 8), 400)
        jitter = np.random.default_rng(0).uniform(-0.03, 0.03, eta.size)
        curve.scatter(eta, outcome + jitter, s=10, alpha=0.5, color=_PALETTE[1], label="held-out cases", zorder=3)
        curve.plot(grid, sg.logistic(grid), color=_PALETTE[0], linewidth=2, label=r"$\sigma(x^\top\beta)$", zorder=4)
        curve.axhline(0.5, color="red", linestyle="--", linewidth=1.2)
        curve.axvline(0.0, color="red", linestyle="--", linewidth=1.2)
        curve.set_title(f"held-out: accuracy {self.accuracy:.3f}")
        curve.set_xlabel(r"log-odds $x^\top\beta$")
        curve.set_ylabel("P(benign)")
        curve.legend(loc="upper left", frameon=False)

        ordered = sorted(self.links, key=lambda r: r["aic"])
        aic.barh(np.arange(len(ordered)), [r["aic"] for r in ordered], color=_PALETTE[2], zorder=3)
        aic.set_yticks(np.arange(len(ordered)), [r["name"] for r in ordered])
        aic.invert_yaxis()
        best = ordered[0]["aic"]
        aic.set_xlim(best - 10, max(r["aic"] for r in ordered) + 5)
        aic.set_title("links by AIC (lower is better)")
        aic.set_xlabel("AIC")
        for ax in (odds, curve, aic):
            _style(ax)
        return fig


def _breast_cancer():
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer(as_frame=True)
    X = data.data[list(FEATURES)]
    return X, data.target.to_numpy()


def regression(test_size: float = 0.3, seed: int = 0, links=DEFAULT_LINKS) -> RegressionResult:
    """Fit logistic regression on the breast-cancer data and compare links.

    Parameters
    ----------
    test_size : float, optional
        Fraction held out for the accuracy (stratified).
    seed : int, optional
        Seed of the split.
    links : sequence of (label, entry, params), optional
        The links to compare (default ``DEFAULT_LINKS``).

    Returns
    -------
    RegressionResult

    Examples
    --------
    >>> from sigmoids.lab import regression
    >>> result = regression()
    >>> result.accuracy > 0.9
    True
    """
    import statsmodels.api as sm
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    from ..links import link

    X, y = _breast_cancer()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    mean, std = X_train.mean(), X_train.std()
    design_train = sm.add_constant((X_train - mean) / std).to_numpy()
    design_test = sm.add_constant((X_test - mean) / std).to_numpy()

    def fit(glm_link):
        return sm.GLM(y_train, design_train, family=sm.families.Binomial(link=glm_link)).fit(tol=1e-10, maxiter=200)

    logit = fit(link("logistic"))
    eta_test = design_test @ logit.params
    probability = sg.logistic(eta_test)
    accuracy = float(np.mean((probability > 0.5) == (y_test == 1)))
    interval = logit.conf_int(0.05)
    coefficients = [
        {"feature": name, "log_odds": float(b), "std_err": float(se), "odds_ratio": float(np.exp(b)),
         "odds_ratio_low": float(np.exp(lo)), "odds_ratio_high": float(np.exp(hi))}
        for name, b, se, (lo, hi) in zip(("intercept",) + FEATURES, logit.params, logit.bse, interval)
    ]

    rows = []
    for label, entry, params in links:
        result = fit(link(entry, *params))
        held_out = sg.get(entry).cdf(design_test @ result.params, *params)
        rows.append({"name": label, "entry": entry, "params": list(params), "llf": float(result.llf),
                     "aic": float(result.aic), "converged": bool(result.converged),
                     "accuracy": float(np.mean((held_out > 0.5) == (y_test == 1)))})

    # two classes: a softmax over (0, x'beta) is sigma(x'beta), and the
    # multinomial model's coefficients are the logistic model's
    multinomial = sm.MNLogit(y_train, design_train).fit(method="newton", tol=1e-12, maxiter=100, disp=False)
    beta = np.asarray(multinomial.params).ravel()
    scores = np.stack([np.zeros_like(eta_test), design_test @ beta], axis=-1)
    two_class = {
        "max_coefficient_difference": float(np.max(np.abs(beta - logit.params))),
        "max_probability_difference": float(np.max(np.abs(sg.softmax(scores)[:, 1] - sg.logistic(design_test @ beta)))),
    }

    iris = load_iris()
    Xi_train, Xi_test, yi_train, yi_test = train_test_split(iris.data, iris.target, test_size=test_size,
                                                            random_state=seed, stratify=iris.target)
    model = LogisticRegression(max_iter=1000).fit(Xi_train, yi_train)
    ours = sg.softmax(model.decision_function(Xi_test), axis=-1)
    iris_result = {
        "accuracy": float(np.mean(np.argmax(ours, axis=-1) == yi_test)),
        "max_softmax_difference": float(np.max(np.abs(ours - model.predict_proba(Xi_test)))),
        "classes": [str(c) for c in iris.target_names],
    }
    return RegressionResult("breast_cancer", accuracy, coefficients, rows, iris_result, two_class,
                            {"eta": eta_test, "outcome": y_test})
