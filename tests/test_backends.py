"""The backend matrix: every catalog entry and operation on every kind of array.

Generated from the catalog: 17 entries x 8 operations x {NumPy, torch, JAX,
array-api-strict, Dask, xarray, pandas}.  Each backend must

- return its own kind of array, in the input's dtype (xarray: dims and
  coords kept; pandas: the index kept);
- give NumPy's bits (every path ends in our kernels, so float16, float32 and
  float64 are identical, NaN where NumPy gives NaN and the sign of zero);
- (torch and JAX) give the gradient of our closed forms,
  ``sigmoids._gradients.gradient``, which for the value and the CDF form is
  the ``.derivative`` and ``.pdf`` kernel itself.

softmax, log_softmax and logsumexp are checked the same way along each axis,
with +-inf and NaN rows, and their torch/JAX gradients against the closed
forms J = diag(s) - s s^T.  Whether the numbers are right is the business of
the accuracy tests (mpmath); here the question is whether every backend
reaches them.
"""
from __future__ import annotations

import numpy as np
import pytest

import sigmoids as sg
from sigmoids._gradients import gradient

from conftest import interior

torch = pytest.importorskip("torch")
jax = pytest.importorskip("jax")
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402

da = pytest.importorskip("dask.array")
xr = pytest.importorskip("xarray")
pd = pytest.importorskip("pandas")
xps = pytest.importorskip("array_api_strict")

ENTRIES = list(sg.catalog.values())
CASES = [(e, op) for e in ENTRIES for op in sg.OPERATIONS]
IDS = [f"{e.info.name}.{op}" for e, op in CASES]
DTYPES = (np.float16, np.float32, np.float64)


# ------------------------------------------------------------------ backends

class Backend:
    """How to make one backend's array from NumPy and read it back."""

    name = "numpy"
    dtypes = DTYPES

    def make(self, x: np.ndarray):
        return x

    def read(self, y) -> np.ndarray:
        return np.asarray(y)

    def check_kind(self, y, x, dtype):
        assert type(y) is type(x) and y.dtype == dtype


class Torch(Backend):
    name = "torch"

    def make(self, x):
        return torch.from_numpy(x.copy())

    def read(self, y):
        return y.numpy()

    def check_kind(self, y, x, dtype):
        assert isinstance(y, torch.Tensor) and y.dtype == x.dtype and y.shape == x.shape


class Jax(Backend):
    name = "jax"

    def make(self, x):
        return jnp.asarray(x)

    def check_kind(self, y, x, dtype):
        assert isinstance(y, jax.Array) and y.dtype == dtype and y.shape == x.shape


class ArrayApiStrict(Backend):
    name = "array_api_strict"
    dtypes = (np.float32, np.float64)               # the standard has no float16

    def make(self, x):
        return xps.asarray(x)

    def read(self, y):
        return np.from_dlpack(y)

    def check_kind(self, y, x, dtype):
        assert type(y) is type(x) and y.dtype == x.dtype and y.device == x.device


class Dask(Backend):
    name = "dask"

    def make(self, x):
        return da.from_array(x, chunks=max(1, x.size // 3))

    def read(self, y):
        return y.compute(scheduler="synchronous")

    def check_kind(self, y, x, dtype):
        assert isinstance(y, da.Array) and y.dtype == dtype and y.chunks == x.chunks


class Xarray(Backend):
    name = "xarray"

    def make(self, x):
        return xr.DataArray(x, dims=("point",), coords={"point": np.arange(x.size)}, attrs={"units": "1"})

    def read(self, y):
        return y.values

    def check_kind(self, y, x, dtype):
        assert isinstance(y, xr.DataArray) and y.dtype == dtype
        assert y.dims == x.dims and y.coords.equals(x.coords)


class Pandas(Backend):
    name = "pandas"

    def make(self, x):
        return pd.Series(x, index=[f"r{i}" for i in range(x.size)])

    def read(self, y):
        return y.to_numpy()

    def check_kind(self, y, x, dtype):
        assert isinstance(y, pd.Series) and y.dtype == dtype and y.index.equals(x.index)


BACKENDS = [Backend(), Torch(), Jax(), ArrayApiStrict(), Dask(), Xarray(), Pandas()]


def inputs(entry, op) -> np.ndarray:
    """Interior points plus what must come out exactly: both infinities,
    NaN, signed zeros, the ends of the range and beyond."""
    x = interior(entry, op, 15)
    if op in ("inverse", "ppf"):
        a, b = entry.info.range if op == "inverse" else (0.0, 1.0)
        edges = [a, b, a - 0.5, b + 0.5]
    else:
        edges = [-np.inf, np.inf, 0.0, -0.0, -40.0, 40.0, 1e-300]
    return np.concatenate([x, edges, [np.nan]])


def assert_same_bits(got, want, what):
    got, want = np.asarray(got), np.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape, what
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan), what
    np.testing.assert_array_equal(got[~nan].view(f"u{got.itemsize}"), want[~nan].view(f"u{want.itemsize}"),
                                  err_msg=what)


# ------------------------------------------------------------------ values

@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.name)
@pytest.mark.parametrize("entry, op", CASES, ids=IDS)
def test_values_are_numpys_bits(entry, op, backend):
    kernel = entry.operation(op)
    params = entry.param_values(None)
    for dtype in backend.dtypes:
        x = inputs(entry, op).astype(dtype)
        want = kernel(x, *[dtype(p) for p in params])
        arg = backend.make(x)
        got = kernel(arg, *params)
        backend.check_kind(got, arg, dtype)
        assert_same_bits(backend.read(got), want, f"{kernel.__name__} on {backend.name} {np.dtype(dtype)}")


PARAMETRISED = [e for e in ENTRIES if e.info.params]


@pytest.mark.parametrize("backend", BACKENDS[:5], ids=lambda b: b.name)
@pytest.mark.parametrize("entry", PARAMETRISED, ids=lambda e: e.info.name)
def test_parameters_broadcast(entry, backend):
    """x down a column, the parameter grid along a row: a 2-D result."""
    grid = np.array(entry.info.params[0].grid)
    x = interior(entry, "value", 7)[:, None]
    kernel = entry.operation("pdf")
    got = kernel(backend.make(x), backend.make(grid[None, :]))
    assert_same_bits(backend.read(got), kernel(x, grid[None, :]), f"{entry.info.name} on {backend.name}")


# ------------------------------------------------------------------ gradients

GRADIENT_CASES = [(e, op) for e, op in CASES]


def expected_gradient(entry, op, x, params):
    g = gradient(entry, op, x, *params)
    if op in ("value", "cdf"):
        # for these the closed form is a public kernel: check it is that one
        derivative = entry.operation("derivative" if op == "value" else "pdf")(x, *params)
        np.testing.assert_array_equal(g[np.isfinite(x)], derivative[np.isfinite(x)])
    return g


@pytest.mark.parametrize("entry, op", GRADIENT_CASES, ids=IDS)
def test_torch_gradient_is_the_closed_form(entry, op):
    params = entry.param_values(None)
    x_np = inputs(entry, op)[:-1]                 # NaN's gradient is NaN: nothing to learn there
    x = torch.tensor(x_np, requires_grad=True)
    entry.operation(op)(x, *params).sum().backward()
    assert_same_bits(x.grad.numpy(), expected_gradient(entry, op, x_np, params), f"{entry.info.name}.{op}")


@pytest.mark.parametrize("entry, op", GRADIENT_CASES, ids=IDS)
def test_jax_gradient_is_the_closed_form(entry, op):
    params = entry.param_values(None)
    x_np = inputs(entry, op)[:-1]
    kernel = entry.operation(op)
    got = jax.jit(jax.vmap(jax.grad(lambda t: kernel(t, *params))))(jnp.asarray(x_np))
    assert_same_bits(np.asarray(got), expected_gradient(entry, op, x_np, params), f"{entry.info.name}.{op}")


# ------------------------------------------------------------------ softmax rows

ROWS = np.array([[0.0, 1.0, -2.0, 3.5],
                 [1000.0, 1.0, -1000.0, 0.0],
                 [np.inf, 0.0, 1.0, 2.0],
                 [-np.inf, 0.0, 1.0, -np.inf],
                 [np.nan, 0.0, 1.0, 2.0],
                 [-np.inf, -np.inf, -np.inf, -np.inf],
                 [1e-300, -1e-300, 0.0, -0.0]])


@pytest.mark.parametrize("backend", BACKENDS[:6], ids=lambda b: b.name)
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_softmax_rows_are_numpys_bits(name, axis, backend):
    function = getattr(sg, name)
    for dtype in backend.dtypes:
        x = ROWS.astype(dtype)
        want = function(x, axis=axis)
        if backend.name == "xarray":
            arg = xr.DataArray(x, dims=("row", "class"), coords={"class": list("abcd")})
            got = function(arg, axis=arg.dims[axis])
            assert isinstance(got, xr.DataArray)
            kept = arg.dims if name != "logsumexp" else tuple(d for d in arg.dims if d != arg.dims[axis])
            assert got.dims == kept
        else:
            arg = backend.make(x)
            got = function(arg, axis=axis)
            assert type(got) is type(arg) or isinstance(got, (torch.Tensor, jax.Array))
        assert_same_bits(backend.read(got), want, f"{name} axis {axis} on {backend.name} {np.dtype(dtype)}")


def test_log_softmax_is_stable_everywhere():
    x = np.array([1000.0, 1.0])
    for backend in BACKENDS[:6]:
        assert backend.read(sg.log_softmax(backend.make(x))).tolist() == [0.0, -999.0], backend.name


def test_xarray_logsumexp_keepdims_and_dask_inside():
    arg = xr.DataArray(da.from_array(ROWS[:2], chunks=(1, 2)), dims=("row", "class"))
    got = sg.logsumexp(arg, axis="class", keepdims=True)
    assert got.dims == ("row", "class") and isinstance(got.data, da.Array)
    np.testing.assert_array_equal(got.values, sg.logsumexp(ROWS[:2], axis=1, keepdims=True))


def softmax_closed_form_gradients(x, weights, axis):
    """d/dx of sum(w * f(x)) for the three rows, from s = softmax(x)."""
    s = sg.softmax(x, axis=axis)
    w = np.broadcast_to(weights, x.shape)
    return {"softmax": s * (w - np.sum(w * s, axis=axis, keepdims=True)),
            "log_softmax": w - s * np.sum(w, axis=axis, keepdims=True),
            "logsumexp": s}


@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_gradients_torch_and_jax(axis):
    x = np.random.default_rng(2).normal(scale=3.0, size=(4, 5))
    x[0, 0] = 800.0                                 # a saturated row
    weights = np.arange(x.shape[1], dtype=np.float64)[None, :] - 2.0
    if axis == 0:
        weights = weights.T[: x.shape[0]]
    expected = softmax_closed_form_gradients(x, weights, axis)
    for name, want in expected.items():
        w = weights if name != "logsumexp" else 1.0
        t = torch.tensor(x, requires_grad=True)
        (getattr(sg, name)(t, axis=axis) * torch.as_tensor(np.squeeze(w) if name == "logsumexp" else w)).sum().backward()
        np.testing.assert_allclose(t.grad.numpy(), want, rtol=1e-14, atol=1e-300, err_msg=f"torch {name}")
        got = jax.grad(lambda v: jnp.sum(getattr(sg, name)(v, axis=axis) * w))(jnp.asarray(x))
        np.testing.assert_allclose(np.asarray(got), want, rtol=1e-14, atol=1e-300, err_msg=f"jax {name}")


# ------------------------------------------------------------------ protocols

def test_dask_stays_lazy_until_compute():
    import dask

    calls = []

    def counting_get(graph, keys, **kwargs):
        calls.append(keys)
        return dask.get(graph, keys, **kwargs)

    x = da.from_array(np.linspace(-5.0, 5.0, 40).reshape(4, 10), chunks=(2, 5))
    with dask.config.set(scheduler=counting_get):
        lazy = [sg.student_t.logcdf(x, 3.0), sg.genlogistic(x, da.full((10,), 2.0, chunks=5)),
                sg.log_softmax(x, axis=1), sg.logsumexp(x, axis=0)]
        assert calls == [] and all(isinstance(y, da.Array) for y in lazy)
        dask.compute(*lazy)
        assert len(calls) == 1


def test_xarray_broadcasts_parameters_by_dimension_name():
    x = xr.DataArray(np.linspace(-3.0, 3.0, 5), dims="x", coords={"x": np.arange(5)})
    nu = xr.DataArray([1.0, 3.0, np.inf], dims="nu", coords={"nu": [1.0, 3.0, np.inf]})
    y = sg.student_t(x, nu)
    assert y.dims == ("x", "nu") and y.coords["nu"].equals(nu.coords["nu"])
    np.testing.assert_array_equal(y.values, sg.student_t(x.values[:, None], nu.values[None, :]))


def test_pandas_keeps_the_index_with_a_parameter():
    s = pd.Series([0.5, 1.0, 4.0], index=pd.Index(["a", "b", "c"], name="dose"), name="conc")
    y = sg.hill(s, 2.0)
    assert isinstance(y, pd.Series) and y.index.equals(s.index) and y.name == "conc"
    np.testing.assert_array_equal(y.to_numpy(), sg.hill(s.to_numpy(), 2.0))


def test_numpy_scalars_and_lists_stay_on_the_ufunc():
    assert type(sg.logistic(np.float32(1.0))) is np.float32
    assert type(sg.student_t(np.float64(1.0), 3.0)) is np.float64
    assert isinstance(sg.logistic([0.0, 1.0]), np.ndarray)


def test_wrong_types_name_the_function_on_every_backend():
    for bad in (xps.asarray([1, 2]), torch.arange(3), jnp.arange(3)):
        with pytest.raises(TypeError, match="sigmoids.logistic"):
            sg.logistic(bad)
    with pytest.raises(TypeError, match="sigmoids.logistic"):
        sg.logistic(pd.Series(["a", "b"]))



def test_array_api_results_stay_on_the_input_device():
    device = xps.Device("device1")
    x = xps.asarray([0.5, 2.0], dtype=xps.float32, device=device)
    for y in (sg.logistic(x), sg.student_t(x, 3.0), sg.softmax(x)):
        assert y.device == device and y.dtype == xps.float32
