"""The lab: the article's claims about sigmoids, measured.

Each experiment is a function returning a result object with ``rows`` (a
list of dicts, what ``sigmoids lab NAME --json`` prints), a rich table and a
matplotlib figure.  They import statsmodels, scikit-learn or torch only when
run.
"""
from ._common import LabResult
from .convergence import convergence
from .cost import cost
from .gradients import gradients
from .heads import heads
from .regression import RegressionResult, regression
from .uat import uat

__all__ = ["regression", "RegressionResult", "LabResult", "heads", "gradients", "uat", "convergence", "cost"]
