"""sigmoids on JAX arrays: NumPy's bits, exact gradients, jit, vmap and grad.

References are mpmath (the pitfalls, bfloat16) or closed forms; the values
on float32/float64 must be NumPy's own kernels bit for bit, since the JAX path
calls them.  The full catalog matrix is tests/test_backends.py.
"""
from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

jax = pytest.importorskip("jax")
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402

import sigmoids as sg  # noqa: E402
from sigmoids import reference  # noqa: E402
from sigmoids.jax import Activation, hard_tanh, log_sigmoid, sigmoid, soft_sign  # noqa: E402

from conftest import interior, python_output  # noqa: E402

ENTRIES = list(sg.catalog.values())
CASES = [(e, op) for e in ENTRIES for op in sg.OPERATIONS
         if e.info.kernels[op] not in {e.info.kernels[o] for o in sg.OPERATIONS[:sg.OPERATIONS.index(op)]}]


def test_sigmoid_gradient_at_40_is_not_zero():
    """jax#40385: jax.grad(jax.nn.sigmoid) cancels to 0 in the tail."""
    with mp.workdps(50):
        exact = float(mp.exp(-40) / (1 + mp.exp(-40)) ** 2)
    assert float(jax.grad(sg.logistic)(40.0)) == exact == 4.248354255291589e-18
    assert float(jax.jit(jax.grad(sigmoid))(jnp.float64(40.0))) == exact


def test_logcdf_gradient_at_minus_1000_is_one():
    g = jax.vmap(jax.grad(sg.logistic.logcdf))(jnp.array([-1000.0, -1e300, -jnp.inf]))
    assert g.tolist() == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.info.name)
def test_gradient_at_infinity_is_zero(entry):
    params = entry.param_values(None)
    grad = jax.vmap(jax.grad(lambda t: entry(t, *params)))(jnp.array([-jnp.inf, jnp.inf]))
    assert grad[1] == 0.0
    if entry.info.domain[0] == -np.inf:
        assert grad[0] == 0.0


def test_second_derivatives_of_the_value():
    """grad(grad(tanh)) = -2 tanh sech^2 (physics-informed networks need it)."""
    x = np.linspace(-4.0, 4.0, 17)
    got = jax.vmap(jax.grad(jax.grad(sg.tanh)))(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(got), -2 * np.tanh(x) / np.cosh(x) ** 2, rtol=1e-14, atol=1e-300)
    s = sg.logistic(x)
    got = jax.vmap(jax.hessian(sg.logistic))(jnp.asarray(x))
    np.testing.assert_allclose(np.asarray(got), s * (1 - s) * (1 - 2 * s), rtol=1e-13, atol=1e-17)


def test_jit_vmap_grad_compose():
    x = jnp.linspace(-4.0, 4.0, 9)
    nus = jnp.array([1.0, 3.0, jnp.inf])
    per_nu = jax.jit(jax.vmap(jax.vmap(jax.grad(sg.student_t), in_axes=(0, None)), in_axes=(None, 0)))(x, nus)
    expected = np.stack([sg.student_t.pdf(np.asarray(x), nu) for nu in np.asarray(nus)])
    np.testing.assert_array_equal(np.asarray(per_nu), expected)


@pytest.mark.parametrize("dtype", [jnp.float16, jnp.bfloat16, jnp.float32])
def test_narrow_dtypes_are_kept_and_rounded_once(dtype):
    x = jnp.linspace(-30.0, 30.0, 241).astype(dtype)
    got = sg.logistic(x)
    assert got.dtype == dtype
    exact = reference.evaluate("logistic", np.asarray(x.astype(jnp.float64)))
    if dtype == jnp.bfloat16:
        # bfloat16 has 8 significant bits: mpmath rounds the exact value
        # there once (to nearest, ties to even); all these are normal numbers
        with mp.workprec(8):
            want = np.array([float(+v) for v in exact])
        np.testing.assert_array_equal(np.asarray(got.astype(jnp.float64)), want)
    else:
        np.testing.assert_array_equal(np.asarray(got), reference.correctly_rounded(exact, np.dtype(dtype)))


@pytest.mark.parametrize("entry, op", CASES, ids=[f"{e.info.name}.{op}" for e, op in CASES])
def test_bfloat16_is_the_exact_value_rounded_once(entry, op):
    x = jnp.asarray(interior(entry, op, 17)).astype(jnp.bfloat16)
    params = entry.param_values(None)
    got = entry.operation(op)(x, *params)
    assert got.dtype == jnp.bfloat16
    exact = reference.evaluate(entry.info.kernels[op], np.asarray(x.astype(jnp.float64)), params=params)
    with mp.workprec(8):                          # bfloat16's 8 bits, ties to even
        want = np.array([float(+v) for v in exact])
    np.testing.assert_array_equal(np.asarray(got.astype(jnp.float64)), want)


def test_bfloat16_rounding_is_once_from_float64():
    """A float64 just above a bfloat16 midpoint, whose float32 rounding lands
    on the midpoint: float64 -> float32 -> bfloat16 would round down (to even)."""
    from sigmoids._rounding import round_once

    ml_dtypes = pytest.importorskip("ml_dtypes")
    midpoint = 1.0 + 2.0**-8                      # halfway between bfloat16 1 and 1 + 2^-7
    above = np.array([midpoint + 2.0**-40])
    assert float(above.astype(np.float32).astype(ml_dtypes.bfloat16)[0]) == 1.0   # twice: wrong
    assert float(round_once(above, ml_dtypes.bfloat16)[0]) == 1.0 + 2.0**-7        # once: right


def test_no_flush_to_zero_in_float32():
    """sigma(-100) = 3.7e-44 is a float32 subnormal: representable, so not 0,
    although the callback runs on an XLA thread with FTZ/DAZ set.  (Read on
    the host: any further XLA op on the CPU would flush it again.)"""
    x = np.array([-100.0, -90.0], dtype=np.float32)
    got = np.asarray(jax.jit(sg.logistic)(jnp.asarray(x)))
    np.testing.assert_array_equal(got, sg.logistic(x))
    assert got[0] > 0


def test_log_sigmoid_is_finite():
    assert log_sigmoid(jnp.array([-1000.0])).tolist() == [-1000.0]


def test_parameter_gradients():
    """d/dalpha (1 + e^-x)^-alpha = log(sigma(x)) F, d/dn hill = log(x) y (1 - y)."""
    x = np.array([-2.0, 0.5, 3.0])
    g = jax.vmap(jax.grad(sg.genlogistic, argnums=1), in_axes=(0, None))(jnp.asarray(x), 2.0)
    np.testing.assert_allclose(g, np.log(sg.logistic(x)) * sg.genlogistic(x, 2.0), rtol=1e-14)
    y = sg.hill(x[1:], 3.0)
    g = jax.vmap(jax.grad(sg.hill, argnums=1), in_axes=(0, None))(jnp.asarray(x[1:]), 3.0)
    np.testing.assert_allclose(g, np.log(x[1:]) * y * (1 - y), rtol=1e-14)


def test_integer_parameter_has_no_gradient():
    with pytest.raises(TypeError, match="integer"):
        jax.grad(lambda n: sg.smoothstep(0.3, n))(2.0)
    assert float(jax.grad(lambda x: sg.smoothstep(x, 1.0))(0.5)) == 1.5   # 6 x (1 - x)


def test_activation_learns_its_parameter():
    act = Activation("student_t", nu=3.0)
    x = jnp.linspace(-3.0, 3.0, 7)
    assert np.array_equal(np.asarray(act(x)), sg.student_t(np.asarray(x), 3.0))
    g = jax.grad(lambda nu: act(x, nu=nu).sum())(3.0)
    # sum over a symmetric grid: d/dnu sum F = 0 by symmetry F(-x) = 1 - F(x)
    assert abs(float(g)) < 1e-12
    with pytest.raises(KeyError):
        act(x, alpha=1.0)


def test_drop_ins_match_jax_nn_where_jax_is_exact():
    x = jnp.linspace(-3.0, 3.0, 13)
    np.testing.assert_array_equal(np.asarray(hard_tanh(x)), np.asarray(jax.nn.hard_tanh(x)))
    np.testing.assert_allclose(np.asarray(soft_sign(x)), np.asarray(jax.nn.soft_sign(x)), rtol=1e-15)
    np.testing.assert_allclose(np.asarray(sigmoid(x)), np.asarray(jax.nn.sigmoid(x)), rtol=1e-15)


def test_softmax_rows():
    assert sg.log_softmax(jnp.array([1000.0, 1.0])).tolist() == [0.0, -999.0]
    z = np.linspace(-40.0, 40.0, 81)
    pairs = jnp.stack([jnp.asarray(z), jnp.zeros(81)], axis=1)
    assert np.array_equal(np.asarray(sg.softmax(pairs)[:, 0]), sg.logistic(z))
    rows = jnp.array([[0.0, jnp.inf, 1.0], [jnp.nan, 0.0, 1.0], [-jnp.inf, 0.0, 0.0]])
    np.testing.assert_array_equal(np.asarray(sg.softmax(rows)), sg.softmax(np.asarray(rows)))
    assert sg.logsumexp(jnp.ones((2, 3)), axis=0, keepdims=True).shape == (1, 3)


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_gradients_are_the_closed_forms(name):
    """Against jax.nn's own autodiff (exact here: moderate inputs), vmapped and jitted."""
    x = jnp.asarray(np.random.default_rng(0).normal(size=(4, 5)))
    ours = getattr(sg, name)
    theirs = {"softmax": jax.nn.softmax, "log_softmax": jax.nn.log_softmax,
              "logsumexp": jax.scipy.special.logsumexp}[name]
    weights = jnp.arange(5.0) - 2.0

    def loss(f):
        return lambda v: jnp.sum(f(v) * (weights if name != "logsumexp" else 1.0))

    got = jax.jit(jax.vmap(jax.grad(loss(ours))))(x)
    want = jax.vmap(jax.grad(loss(theirs)))(x)
    np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-12, atol=1e-15)


def test_log_softmax_gradient_of_a_saturated_row():
    g = jax.grad(lambda v: sg.log_softmax(v)[1])(jnp.array([1000.0, 1.0]))
    assert g.tolist() == [-1.0, 1.0]


def test_wrong_types_name_the_function():
    with pytest.raises(TypeError, match="sigmoids.logistic"):
        sg.logistic(jnp.arange(3))
    with pytest.raises(TypeError, match="keyword"):
        sg.logistic(jnp.ones(2), out=None)


def test_default_float32_jax_without_x64():
    """JAX's default (no jax_enable_x64) in a fresh interpreter: float32 in,
    float32 out, NumPy's bits, and the pitfalls hold in float32 too."""
    code = ("import jax, numpy as np, sigmoids as sg; x = jax.numpy.linspace(-50, 50, 11); "
            "print(x.dtype, np.array_equal(np.asarray(sg.logistic(x)), sg.logistic(np.asarray(x))), "
            "float(jax.grad(sg.logistic)(40.0)) == float(np.float32(4.248354255291589e-18)), "
            "float(jax.grad(sg.logistic.logcdf)(-1000.0)))")
    assert python_output(code) == "float32 True True 1.0"


def test_numpy_calls_do_not_import_jax():
    code = ("import sys, numpy as np, sigmoids as sg; sg.logistic(np.ones(3)); sg.softmax([1.0, 2.0]); "
            "sg.student_t([1.0], 3.0); print(sorted(m for m in ('jax', 'torch', 'dask', 'xarray', "
            "'array_api_compat') if m in sys.modules))")
    assert python_output(code) == "[]"


@pytest.mark.parametrize("dtype", [jnp.float16, jnp.bfloat16, jnp.float32, jnp.float64], ids=str)
@pytest.mark.parametrize("entry, op", CASES, ids=lambda v: v if isinstance(v, str) else v.info.name)
def test_eager_call_equals_the_traced_one(entry, op, dtype):
    """An eager call runs the ufunc on NumPy views, a traced one in a host
    callback: both are the same kernel and must give the same bits."""
    kernel = entry.operation(op)
    params = entry.param_values(None)
    x = jnp.asarray(interior(entry, op, 64)).astype(dtype)
    eager = kernel(x, *params)
    traced = jax.jit(lambda t: kernel(t, *params))(x)
    assert eager.dtype == traced.dtype == dtype
    np.testing.assert_array_equal(np.asarray(eager).view(np.uint8), np.asarray(traced).view(np.uint8))


def test_eager_out_of_domain_warns_as_numpy_does():
    with np.errstate(invalid="warn"), pytest.warns(RuntimeWarning, match="invalid value"):
        y = sg.logit(jnp.array([1.5, 0.5]))
    assert np.isnan(float(y[0])) and float(y[1]) == 0.0


@pytest.mark.parametrize("dtype", [jnp.float16, jnp.bfloat16, jnp.float32, jnp.float64], ids=str)
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("axis", [0, -1])
def test_eager_rows_equal_the_traced_ones(name, axis, dtype):
    rows = jnp.asarray(np.random.default_rng(7).normal(scale=30.0, size=(5, 7))).astype(dtype)
    function = getattr(sg, name)
    eager = function(rows, axis=axis)
    traced = jax.jit(lambda r: function(r, axis=axis))(rows)
    assert eager.dtype == traced.dtype == dtype and eager.shape == traced.shape
    np.testing.assert_array_equal(np.asarray(eager).view(np.uint8), np.asarray(traced).view(np.uint8))
