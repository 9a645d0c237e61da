"""benchmarks/bench.py's contenders compute what they claim to (no timing
here: speed is measured by the benchmark itself, never asserted)."""
import importlib.util
import pathlib

import numpy as np
import pytest
import scipy.special

from sigmoids import _ufuncs

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name, reference, shape", [
    ("logsumexp", scipy.special.logsumexp, ()),
    ("softmax", scipy.special.softmax, (1000,)),
    ("log_softmax", scipy.special.log_softmax, (1000,)),
    ("logistic", scipy.special.expit, (1000,)),
])
def test_kernel_call_writes_the_kernels_own_shape(bench, name, reference, shape):
    """A reduction's contender must not broadcast x against an out of x's
    shape (that made `make bench` run for hours at 1e5 elements)."""
    x = np.random.default_rng(3).uniform(-10, 10, 1000)
    result = bench.kernel_call(getattr(_ufuncs, name), x, np.empty_like(x))()
    assert np.shape(result) == shape
    np.testing.assert_allclose(result, reference(x), rtol=1e-13)


def test_every_one_input_kernel_is_benchmarked(bench):
    names = bench.kernel_names()
    assert {"logistic", "logsumexp", "softmax", "normal"} <= set(names)
    assert not any(n.startswith("_") for n in names)


@pytest.mark.parametrize("name, reference", [
    ("softmax", scipy.special.softmax),
    ("log_softmax", scipy.special.log_softmax),
    ("logsumexp", scipy.special.logsumexp),
    ("logistic", scipy.special.expit),
])
def test_baselines_compute_the_same_function(bench, name, reference):
    """Every comparison contender (the article's formula, SciPy, torch) of
    these kernels gives the kernel's values on the benchmark's input."""
    x = np.random.default_rng(4).uniform(-10, 10, 1000)
    baselines = bench.baselines(name)
    assert baselines
    for label, make in baselines:
        result = np.asarray(make(x, np.empty_like(x))())
        np.testing.assert_allclose(result, reference(x), rtol=1e-12, err_msg=label)
