"""The pitfalls users hit with other libraries, each a named test.  Expected
values come from mpmath or from closed forms, never from our own output."""
from __future__ import annotations

import warnings

import mpmath as mp
import numpy as np

import sigmoids as sg
from sigmoids import reference


def exact(name, x, dtype=np.float64):
    return reference.correctly_rounded(reference.evaluate(name, [x]), dtype)[0]


def test_float32_logistic_at_minus_88_72286_is_not_flushed():
    x = np.float32(-88.72286)
    truth = exact("logistic", x, np.float32)
    assert truth == np.float32(2.938667e-39)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sg.logistic(x) == truth
    # The article's formula overflows and flushes to 0 on the same input.
    with np.errstate(over="ignore"):
        assert np.float32(1) / (np.float32(1) + np.exp(-x)) == 0


def test_logistic_of_minus_1000_is_zero_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for dtype in (np.float16, np.float32, np.float64):
            assert sg.logistic(np.array([-1000.0], dtype=dtype))[0] == 0.0
            assert sg.logistic(np.array([1000.0], dtype=dtype))[0] == 1.0


def test_log_expit_of_minus_1000_is_minus_1000():
    assert float(sg.log_expit(-1000.0)) == -1000.0
    assert float(sg.log_expit(np.float32(-1000.0))) == -1000.0
    assert float(sg.log_expit(-300.0)) == -300.0
    assert float(sg.logistic.logsf(1000.0)) == -1000.0
    assert float(sg.softplus(1000.0)) == 1000.0


def test_logit_accurate_near_one_half():
    with mp.workdps(60):
        for k in range(2, 54):
            y = 0.5 + 2.0**-k
            truth = float(mp.log(mp.mpf(y) / (1 - mp.mpf(y))))
            assert float(sg.logit(y)) == truth, (y, float(sg.logit(y)), truth)
            assert float(sg.logit(1 - y)) == -truth


def test_logit_accurate_near_one():
    with mp.workdps(60):
        for k in range(1, 54):
            y = 1.0 - 2.0**-k
            truth = float(mp.log(mp.mpf(y) / (1 - mp.mpf(y))))
            assert float(sg.logit(y)) == truth
    assert float(sg.logit(1 - 2.0**-53)) == float(exact("logistic_inverse", 1 - 2.0**-53))


def test_derivative_at_40_is_not_zero():
    truth = exact("logistic_derivative", 40.0)
    assert truth == 4.248354255291589e-18
    assert float(sg.logistic.derivative(40.0)) == 4.248354255291589e-18
    # sigma (1 - sigma) evaluated naively cancels to 0 there.
    s = 1 / (1 + np.exp(-40.0))
    assert s * (1 - s) == 0.0


def test_half_precision_does_not_flush_representable_results():
    x = np.array([-10.0, -15.0, -16.5, 10.0], dtype=np.float16)
    ours = sg.logistic(x)
    truth = reference.correctly_rounded(reference.evaluate("logistic", x), np.float16)
    np.testing.assert_array_equal(ours, truth)
    assert (ours[:3] > 0).all()
    assert float(sg.logistic.derivative(np.float16(-12.0))) > 0
    assert np.isfinite(sg.log_expit(np.float16(-60000.0)))
