"""sigmoids on torch tensors: the same values as NumPy, exact gradients.

Gradients are checked three ways: torch.autograd.gradcheck (finite
differences of our own values, an independent route to the same number), the
known pitfalls against mpmath, and limits at +-inf.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

torch = pytest.importorskip("torch")

import sigmoids as sg  # noqa: E402
from sigmoids import reference  # noqa: E402
from sigmoids.torch import Activation, Hardtanh, LogSigmoid, Sigmoid, Tanh  # noqa: E402

from conftest import interior, python_output  # noqa: E402

ENTRIES = list(sg.catalog.values())
CASES = [(e, op) for e in ENTRIES for op in sg.OPERATIONS
         if e.info.kernels[op] not in {e.info.kernels[o] for o in sg.OPERATIONS[:sg.OPERATIONS.index(op)]}]
IDS = [f"{e.info.name}.{op}" for e, op in CASES]


@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
@pytest.mark.parametrize("dtype", [torch.float16, torch.float32, torch.float64])
def test_values_equal_numpy(entry, op, dtype):
    x = interior(entry, op, 33)
    params = entry.param_values(None)
    np_dtype = {torch.float16: np.float16, torch.float32: np.float32, torch.float64: np.float64}[dtype]
    expected = entry.operation(op)(x.astype(np_dtype), *[np_dtype(p) for p in params])
    got = entry.operation(op)(torch.tensor(x, dtype=dtype), *params)
    assert isinstance(got, torch.Tensor) and got.dtype == dtype
    np.testing.assert_array_equal(got.numpy(), expected)


@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_bfloat16_rounded_once(entry, op):
    x = torch.tensor(interior(entry, op, 17), dtype=torch.bfloat16)
    params = entry.param_values(None)
    got = entry.operation(op)(x, *params)
    assert got.dtype == torch.bfloat16
    exact = reference.evaluate(entry.info.kernels[op], x.to(torch.float64).numpy(), params=params)
    # the exact value rounded once to bfloat16's 8 bits by mpmath (ties to
    # even), not through float64 and float32 as torch's own casts would
    with mp.workprec(8):
        want = torch.tensor([float(+v) for v in exact], dtype=torch.float64)
    assert torch.equal(got.to(torch.float64), want)


def test_bfloat16_results_are_rounded_once_from_float64():
    """Just above a bfloat16 midpoint, whose float32 rounding lands on the
    midpoint: torch's float64 -> bfloat16 cast (through float32) rounds down
    to even; one rounding goes up."""
    from sigmoids.torch import _from_numpy

    above = np.array([1.0 + 2.0**-8 + 2.0**-40])
    like = torch.zeros(1, dtype=torch.bfloat16)
    assert torch.from_numpy(above).to(torch.bfloat16).item() == 1.0           # twice
    assert _from_numpy(above, like).item() == 1.0 + 2.0**-7                   # once


@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_gradcheck(entry, op):
    params = entry.param_values(None)
    x = torch.tensor(interior(entry, op), dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda t: entry.operation(op)(t, *params), (x,), eps=1e-6, atol=1e-7, rtol=1e-5)


def test_second_derivatives_of_the_value():
    x = torch.linspace(-4.0, 4.0, 17, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(sg.tanh(x).sum(), x, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), x)
    v = x.detach().numpy()
    np.testing.assert_allclose(h.numpy(), -2 * np.tanh(v) / np.cosh(v) ** 2, rtol=1e-14, atol=1e-300)
    for entry in (sg.logistic, sg.normal, sg.student_t):
        params = entry.param_values(None)
        assert torch.autograd.gradgradcheck(lambda v: entry(v, *params), (x[::3].detach().requires_grad_(),))


def test_sigmoid_gradient_at_40_is_not_zero():
    """jax#40385's class of bug: sigma' computed as sigma (1 - sigma) is 0 at 40."""
    x = torch.tensor(40.0, dtype=torch.float64, requires_grad=True)
    sg.logistic(x).backward()
    with mp.workdps(50):
        exact = mp.exp(-40) / (1 + mp.exp(-40)) ** 2
    assert x.grad.item() == float(exact) == 4.248354255291589e-18


def test_logcdf_gradient_at_minus_1000_is_one():
    x = torch.tensor([-1000.0, -1e300], dtype=torch.float64, requires_grad=True)
    sg.logistic.logcdf(x).sum().backward()
    assert x.grad.tolist() == [1.0, 1.0]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_gradient_at_infinity_is_zero(entry):
    x = torch.tensor([-np.inf, np.inf], dtype=torch.float64, requires_grad=True)
    entry(x, *entry.param_values(None)).sum().backward()
    lo, _ = entry.info.domain
    grad = x.grad.numpy()
    assert grad[1] == 0.0
    if lo == -np.inf:
        assert grad[0] == 0.0


def test_logcdf_gradient_limits():
    x = torch.tensor([-np.inf, np.inf], dtype=torch.float64, requires_grad=True)
    sg.logistic.logcdf(x).sum().backward()
    assert x.grad.tolist() == [1.0, 0.0]           # d/dx log sigma = sigma(-x)


def test_no_flush_to_zero():
    # sigma(-100) = 3.7e-44 is a float32 subnormal: representable, so not 0
    y = sg.logistic(torch.tensor([-100.0], dtype=torch.float32))
    with mp.workdps(50):
        exact = reference.correctly_rounded([1 / (1 + mp.exp(100))], np.float32)[0]
    assert y.item() == float(exact) > 0


def test_dtype_and_shape_are_kept():
    x = torch.linspace(-3, 3, 12, dtype=torch.float16).reshape(3, 4)
    y = sg.tanh(x)
    assert y.dtype == torch.float16 and y.shape == (3, 4)
    y = sg.student_t(torch.zeros(2, 1), torch.tensor([1.0, 3.0, 30.0]))
    assert y.shape == (2, 3) and torch.all(y == 0.5)


def test_zero_dimensional_tensors_stay_zero_dimensional():
    x = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    y = sg.logistic(x)
    assert y.shape == () and y.item() == sg.logistic(2.0)
    y.backward()
    assert x.grad.shape == ()


def test_gradient_with_a_parameter_tensor():
    nu = torch.tensor([1.0, 3.0, float("inf")], dtype=torch.float64)
    x = torch.tensor([-1.0, 0.5, 2.0], dtype=torch.float64, requires_grad=True)
    for op in ("value", "pdf", "logcdf", "logsf"):
        assert torch.autograd.gradcheck(lambda t: sg.student_t.operation(op)(t, nu), (x,), eps=1e-6, atol=1e-7)


def test_float16_with_a_float32_parameter_is_rounded_once():
    x = torch.linspace(-3, 3, 61, dtype=torch.float16)
    got = sg.genlogistic(x, torch.tensor(2.0, dtype=torch.float32))
    assert got.dtype == torch.float16
    expected = sg.genlogistic(x.numpy(), np.float16(2.0))      # the float16 loop
    np.testing.assert_array_equal(got.numpy(), expected)


def test_hill_gradient_at_zero():
    x = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    sg.hill.logsf(x, 1.0).sum().backward()
    assert x.grad.item() == -1.0          # d/dx -log(1 + x) at 0


def test_integer_parameter_gradient_is_refused():
    n = torch.tensor(2.0, requires_grad=True)
    with pytest.raises(TypeError, match="integer"):
        sg.smoothstep(torch.zeros(3), n)
    with pytest.raises(TypeError, match="integer"):
        Activation("smoothstep", learnable=True)


def test_integer_tensor_is_a_type_error():
    with pytest.raises(TypeError, match="sigmoids.logistic"):
        sg.logistic(torch.arange(3))


def test_modules_match_the_functions():
    x = torch.linspace(-5, 5, 101, dtype=torch.float64)
    assert torch.equal(Sigmoid()(x), sg.logistic(x))
    assert torch.equal(Tanh()(x), sg.tanh(x))
    assert torch.equal(LogSigmoid()(x), sg.logistic.logcdf(x))
    assert torch.equal(Hardtanh()(x), torch.clamp(x, -1, 1))
    act = Activation("genlogistic", alpha=2.0, learnable_scale=True)
    y = act(x)
    assert torch.equal(y.detach(), sg.genlogistic(x, 2.0))
    y.sum().backward()
    # d/dscale sum s(scale x) at scale 1 = sum x s'(x); the scale is a float32 parameter
    expected = (x * sg.genlogistic.derivative(x, 2.0)).sum()
    assert act.scale.grad.item() == pytest.approx(expected.item(), rel=1e-6)


def test_torch_compile_model():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), Tanh(), torch.nn.Linear(8, 1), Sigmoid())
    x = torch.randn(16, 4)
    eager = model(x)
    compiled = torch.compile(model, backend="eager")
    out = compiled(x)
    assert torch.equal(out, eager)
    out.sum().backward()
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in model.parameters())


def test_numpy_calls_do_not_import_torch():
    code = ("import sys, numpy as np, sigmoids as sg; sg.logistic(np.ones(3)); sg.logistic([1.0]); "
            "print('torch' in sys.modules)")
    assert python_output(code) == "False"



def test_gradients_need_no_statsmodels():
    """torch's backward passes (first and second derivatives of every
    operation) use only the core dependencies: statsmodels, the optional
    `stats` extra behind sigmoids.links, is blocked in a fresh interpreter."""
    code = """
import sys
sys.modules["statsmodels"] = None          # import statsmodels -> ImportError
import torch, sigmoids as sg
ok = 0
for name in sg.catalog:
    entry = sg.catalog[name]
    params = tuple(float(p.default) for p in entry.info.params)
    x = torch.tensor([0.3], dtype=torch.float64, requires_grad=True)
    for op in (entry, entry.cdf, entry.logcdf):
        y = op(x, *params)
        (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
        # piecewise-linear entries: a constant slope, no graph to differentiate
        h = torch.autograd.grad(g.sum(), x)[0] if g.requires_grad else torch.zeros_like(g)
        ok += bool(torch.isfinite(g).all()) and bool(torch.isfinite(h).all())
print(ok, "statsmodels" in sys.modules and sys.modules["statsmodels"] is not None)
"""
    assert python_output(code) == f"{3 * len(sg.catalog)} False"
