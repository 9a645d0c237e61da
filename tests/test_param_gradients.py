"""Derivatives with respect to a family's parameter (nu, alpha, hill's n).

Reference: mpmath's numerical diff of the mpmath definitions
(``sigmoids.reference.MPMATH``) at 40 digits, never our own output.  The
closed forms (genlogistic, hill, and Student's log-density) must match to a
few float64 roundings; Student's CDF, a Richardson extrapolation of our
kernel, to 1e-10 relative.  Then the wiring: torch's gradcheck on (x, theta)
together, a broadcast parameter summed back to its shape, JAX's custom_jvp
giving the same numbers, and learnable ``Activation`` parameters.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import sigmoids as sg
from sigmoids import reference
from sigmoids._gradients import param_gradient

torch = pytest.importorskip("torch")

from sigmoids.torch import Activation  # noqa: E402

FAMILIES = [e for e in sg.catalog.values() if e.info.params and not e.info.params[0].integer]
CASES = [(e, op) for e in FAMILIES for op in sg.OPERATIONS
         if e.info.kernels[op] not in {e.info.kernels[o] for o in sg.OPERATIONS[:sg.OPERATIONS.index(op)]}]
IDS = [f"{e.info.name}.{op}" for e, op in CASES]
#: relative tolerance against mpmath: closed forms, or Student's Richardson extrapolation
RTOL = {"genlogistic": 1e-13, "hill": 1e-13, "student_t": 1e-10}


def points(entry, op):
    if op in ("inverse", "ppf"):
        return [0.02, 0.3, 0.6, 0.97]
    if entry.info.name == "hill":
        return [0.05, 0.7, 1.3, 9.0]
    # the log-forms deep into the tails; F and f where mpmath's 40 digits
    # still see their dependence on the parameter
    return [-30.0, -4.0, -0.6, 0.8, 5.0, 30.0] if op in ("logcdf", "logsf") else [-6.0, -0.6, 0.8, 5.0]


def grid(entry):
    return [g for g in entry.info.params[0].grid if np.isfinite(g)][::2]


@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_against_mpmath_diff(entry, op):
    name = entry.info.kernels[op]
    for theta in grid(entry):
        xs = points(entry, op)
        got = param_gradient(entry, op, 0, np.array(xs), theta)
        with mp.workdps(40):
            want = np.array([float(mp.diff(lambda t: reference.MPMATH[name](mp.mpf(x), t), mp.mpf(theta)))
                             for x in xs])
        np.testing.assert_allclose(got, want, rtol=RTOL[entry.info.name], atol=0,
                                   err_msg=f"{entry.info.name}.{op} at {entry.info.params[0].name}={theta}")


def test_closed_forms_of_the_brief():
    """d/dalpha (1 + e^-x)^-alpha = -log1p(e^-x) value; d/dn x^n/(1 + x^n) = log(x) y (1 - y)."""
    x = np.linspace(-5.0, 5.0, 11)
    value = sg.genlogistic(x, 1.5)
    np.testing.assert_allclose(param_gradient(sg.genlogistic, "value", 0, x, 1.5),
                               -np.log1p(np.exp(-x)) * value, rtol=1e-15)
    x = np.linspace(0.1, 5.0, 11)
    y = sg.hill(x, 2.5)
    np.testing.assert_allclose(param_gradient(sg.hill, "value", 0, x, 2.5), np.log(x) * y * (1 - y), rtol=1e-14)


def test_limits():
    # nu = inf is the normal limit; F at the ends of the line does not move
    assert param_gradient(sg.student_t, "value", 0, 1.0, np.inf) == 0.0
    ends = np.array([-np.inf, np.inf])
    for entry in FAMILIES:
        if entry.info.domain[0] == -np.inf:
            assert param_gradient(entry, "value", 0, ends, entry.param_values()[0]).tolist() == [0.0, 0.0]
    assert param_gradient(sg.hill, "value", 0, np.array([0.0, np.inf]), 2.0).tolist() == [0.0, 0.0]


def test_smoothstep_has_no_parameter_gradient():
    with pytest.raises(ValueError, match="integer"):
        param_gradient(sg.smoothstep, "value", 0, 0.5, 2.0)


# ------------------------------------------------------------------ torch

@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_torch_gradcheck_with_the_parameter(entry, op):
    x = torch.tensor(points(entry, op)[1:-1], dtype=torch.float64, requires_grad=True)
    theta = torch.tensor(grid(entry)[1], dtype=torch.float64, requires_grad=True)
    kernel = entry.operation(op)
    assert torch.autograd.gradcheck(lambda t, p: kernel(t, p), (x, theta), eps=1e-6, atol=1e-8, rtol=1e-5)


def test_torch_broadcast_parameter_gradient_is_summed_to_its_shape():
    x = torch.linspace(-3.0, 3.0, 12, dtype=torch.float64).reshape(3, 4)
    alpha = torch.tensor([[0.5], [1.0], [2.0]], dtype=torch.float64, requires_grad=True)
    sg.genlogistic.logcdf(x, alpha).sum().backward()
    expected = param_gradient(sg.genlogistic, "logcdf", 0, x.numpy(), alpha.detach().numpy()).sum(axis=1, keepdims=True)
    assert alpha.grad.shape == (3, 1)
    np.testing.assert_array_equal(alpha.grad.numpy(), expected)


def test_learnable_activation_parameters():
    torch.manual_seed(0)
    act = Activation("student_t", learnable=True, nu=3.0)
    assert [name for name, _ in act.named_parameters()] == ["nu"]
    x = torch.linspace(0.0, 4.0, 9)
    loss = act(x).sum()
    loss.backward()
    expected = param_gradient(sg.student_t, "value", 0, x.double().numpy(), 3.0).sum()
    assert act.nu.grad.item() == pytest.approx(expected, rel=1e-6)
    before = act.nu.item()
    torch.optim.SGD(act.parameters(), lr=1.0).step()
    assert act.nu.item() != before
    # only those named
    act = Activation("genlogistic", learnable=["alpha"], learnable_scale=True)
    assert sorted(n for n, _ in act.named_parameters()) == ["alpha", "scale"]
    with pytest.raises(KeyError):
        Activation("hill", learnable=["nu"])


def test_no_autograd_when_nothing_requires_grad():
    x = torch.linspace(-2.0, 2.0, 5)
    assert sg.logistic(x).grad_fn is None
    with torch.inference_mode():
        y = sg.student_t(torch.ones(3, requires_grad=True), 3.0)
    assert y.grad_fn is None and not y.requires_grad
    with torch.no_grad():
        assert sg.genlogistic(x, torch.tensor(2.0, requires_grad=True)).grad_fn is None


# ------------------------------------------------------------------ JAX

@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_jax_parameter_gradient_is_the_same(entry, op):
    jax = pytest.importorskip("jax")
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    xs = np.array(points(entry, op))
    theta = grid(entry)[1]
    kernel = entry.operation(op)
    got = jax.vmap(jax.grad(kernel, argnums=1), in_axes=(0, None))(jnp.asarray(xs), theta)
    np.testing.assert_array_equal(np.asarray(got), param_gradient(entry, op, 0, xs, theta))
