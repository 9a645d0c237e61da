"""sigmoids for JAX: every kernel on JAX arrays, under jit, vmap and grad.

``sg.logistic(jax_array)`` (and every other entry, operation, softmax,
log_softmax and logsumexp) accepts a JAX array, or a tracer inside
``jax.jit``/``vmap``/``grad``, and returns one of the same dtype.

Values
    Our correctly rounded kernels, called through ``jax.pure_callback``
    (vectorised: one call per array, and per batch under ``vmap``), so the
    results are bit for bit NumPy's.  JAX's own ops are not used: in float32
    ``jax.nn.sigmoid`` and ``jax.nn.log_sigmoid`` are off by more than half
    an ULP on a fraction of inputs and flush representable tails to 0, which
    is the contract this library exists to keep.  XLA's CPU threads run
    with flush-to-zero and denormals-are-zero set, and the callback runs on
    them: on Linux/glibc it restores IEEE subnormals around our kernel
    (``fesetenv(FE_DFL_ENV)``), so ``sg.logistic(float32(-100))`` is 3.8e-44
    in the returned buffer, not 0 (XLA's own later ops may still flush it).  The price is a host round
    trip on accelerators (on the CPU the callback sees the buffer in place)
    and an opaque op that XLA cannot fuse.  An eager call on CPU arrays
    (nothing traced) skips the callback and runs the ufunc on NumPy views.
dtypes
    float16, float32 and float64 (with ``jax_enable_x64``) use the kernels'
    own loops; bfloat16 (and the float8 formats) are computed in float64 and
    rounded once (``sigmoids._rounding``).  Out-of-domain inputs give NaN, as
    in NumPy; NumPy's "invalid value" warning reaches eager calls, not
    traced ones (JAX has no floating-point warnings).
Gradients
    ``jax.custom_jvp`` with our closed-form derivatives
    (``sigmoids._gradients``, the same float64 formulas torch uses), never
    autodiff through a formula: ``grad(sg.logistic)(40.0)`` is
    4.248354255291589e-18, ``grad(sg.logistic.logcdf)(-1000.0)`` is 1, and
    the gradient at +-inf is its limit, 0.  Gradients with respect to a
    family's parameter (nu, alpha, hill's n) work too; smoothstep's integer
    n has none (TypeError).  Mostly first derivatives: the derivative rule is
    itself a host callback, except for the value and the CDF form, whose
    derivative is a kernel with its own JVP: ``grad(grad(sg.tanh))`` works
    (as physics-informed networks need), a third derivative raises.

Activations are plain functions (no framework): :func:`sigmoid`,
:func:`log_sigmoid`, :func:`tanh`, :func:`soft_sign`, :func:`hard_sigmoid`,
:func:`hard_tanh`, :func:`erf`, :func:`arctan` (named as in ``jax.nn``), and
:class:`Activation` for any entry, whose parameters may be passed per call
to learn them with ``jax.grad``.

Examples
--------
>>> import jax, sigmoids as sg
>>> jax.config.update("jax_enable_x64", True)
>>> float(jax.grad(sg.logistic)(40.0))
4.248354255291589e-18
>>> float(jax.grad(sg.logistic.logcdf)(-1000.0))
1.0
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import platform

import jax
import jax.numpy as jnp
import numpy as np
from jax.custom_derivatives import SymbolicZero

from ._gradients import derivative_kernel, gradient, kernel_operation, param_gradient
from ._rounding import round_once, work_dtype
from .catalog import get

__all__ = ["Activation", "apply_jax", "sigmoid", "log_sigmoid", "tanh", "soft_sign", "hard_sigmoid",
           "hard_tanh", "erf", "arctan", "softmax", "log_softmax", "logsumexp"]


# ------------------------------------------------------------- host side

def _fenv():
    """glibc's fegetenv/fesetenv, or None where FE_DFL_ENV is not (fenv_t *) -1."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libm = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        return libm.fegetenv, libm.fesetenv
    except (OSError, AttributeError):
        return None


_FENV = _fenv()


@contextlib.contextmanager
def _ieee_subnormals():
    """Gradual underflow inside the block, on a thread where XLA set FTZ/DAZ."""
    if _FENV is None:
        yield
        return
    get_env, set_env = _FENV
    saved = ctypes.create_string_buffer(256)        # larger than any fenv_t
    get_env(saved)
    set_env(ctypes.c_void_p(-1))                     # FE_DFL_ENV: round to nearest, no FTZ/DAZ
    try:
        yield
    finally:
        set_env(saved)


def _numpy_value(ufunc, dtype, *arrays):
    """The kernel on NumPy views of ``arrays``, in ``dtype``'s loop (float64
    for a dtype we have no loop for), rounded once to ``dtype``."""
    work = work_dtype(dtype)
    return round_once(ufunc(*[np.asarray(a).astype(work, copy=False) for a in arrays]), dtype)


def _host_value(ufunc, dtype, x, *params):
    """:func:`_numpy_value` inside a callback, on an XLA thread."""
    with _ieee_subnormals(), np.errstate(all="ignore"):
        return _numpy_value(ufunc, dtype, x, *params)


def _eager_on_cpu(arrays) -> bool:
    """True for concrete arrays (no tracer: nothing is being jitted, vmapped
    or differentiated) that all live on the CPU."""
    return all(not isinstance(a, jax.core.Tracer) and all(d.platform == "cpu" for d in a.devices())
               for a in arrays)


def _host_slope(ufunc_name, dtype, index, x, *params):
    """d/dx (index -1) or d/dparams[index] of a kernel, rounded once to ``dtype``."""
    entry, operation = kernel_operation(ufunc_name)
    shape = np.broadcast_shapes(np.shape(x), *(np.shape(p) for p in params))
    with _ieee_subnormals():
        x64 = np.asarray(x, dtype=np.float64)
        params64 = [np.asarray(p, dtype=np.float64) for p in params]
        if index < 0:
            slope = gradient(entry, operation, x64, *params64)
        else:
            slope = param_gradient(entry, operation, index, x64, *params64)
        return round_once(np.broadcast_to(slope, shape), dtype)


#: one callable per (function, arguments): JAX caches compiled callbacks by
#: the callable's identity, so a fresh partial per call would recompile
_bound = functools.lru_cache(maxsize=None)(functools.partial)


def _callback(function, like, *args):
    return jax.pure_callback(function, jax.ShapeDtypeStruct(like.shape, like.dtype), *args,
                             vmap_method="expand_dims")


# ------------------------------------------------------------- kernels

@functools.lru_cache(maxsize=None)
def _kernel_function(ufunc):
    """``f(x, *params)``: the kernel as a JAX function with a custom JVP.
    The arguments arrive broadcast to one shape and in one dtype."""

    @jax.custom_jvp
    def f(x, *params):
        return _callback(_bound(_host_value, ufunc, x.dtype), x, x, *params)

    def jvp(primals, tangents):
        x, *params = primals
        y = f(*primals)
        out = None
        for index, t in enumerate(tangents, start=-1):
            if isinstance(t, SymbolicZero):
                continue
            if index >= 0:
                _check_differentiable(ufunc, index)
            derivative = derivative_kernel(ufunc.__name__) if index < 0 else None
            if derivative is not None:
                # a kernel of its own, with its own JVP: second derivatives work
                slope = _kernel_function(derivative)(x, *params)
            else:
                slope = _callback(_bound(_host_slope, ufunc.__name__, x.dtype, index), x, *primals)
            term = slope * t
            out = term if out is None else out + term
        return y, jnp.zeros_like(y) if out is None else out

    f.defjvp(jvp, symbolic_zeros=True)
    # jit: an eager call then costs one cached dispatch, not a trace of the
    # custom_jvp and a callback per call (inside an outer jit it is inlined)
    return jax.jit(f)


def _check_differentiable(ufunc, index):
    entry, _ = kernel_operation(ufunc.__name__)
    param = entry.info.params[index]
    if param.integer:
        raise TypeError(f"sigmoids.{entry.info.name}: {param.name} is an integer parameter, with no "
                        f"derivative; do not differentiate with respect to it")


def _as_float_array(x, public_name: str, dtype=None):
    try:
        x = jnp.asarray(x) if dtype is None else jnp.asarray(x).astype(dtype)
    except TypeError as exc:
        raise TypeError(f"sigmoids.{public_name}() takes real numbers, got {type(x).__name__}: {exc}") from None
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"sigmoids.{public_name}() takes floating-point JAX arrays, got {x.dtype}")
    return x


def apply_jax(ufunc: np.ufunc, public_name: str, args: tuple, kwargs: dict):
    """Evaluate ``ufunc`` on JAX arguments (``sigmoids._dispatch`` calls it).

    Parameters take x's dtype (as in the torch path, so that a float16 x is
    never evaluated in a wider loop and rounded twice) and broadcast with it.
    """
    if kwargs:
        raise TypeError(f"sigmoids.{public_name}() takes no keyword arguments with JAX arrays "
                        f"(got {', '.join(kwargs)})")
    x, *params = args
    x = _as_float_array(x, public_name)
    params = [_as_float_array(p, public_name, x.dtype) for p in params]
    if _eager_on_cpu((x, *params)):
        # nothing to trace: the ufunc straight on NumPy views costs a fraction
        # of a host callback (measured ~300 us), and its out-of-domain
        # warnings reach the caller, as on NumPy
        return jnp.asarray(_numpy_value(ufunc, x.dtype, x, *params))
    if params:
        # one shape for all, so that vmap's batch axis lines up in the callback
        x, *params = jnp.broadcast_arrays(x, *params)
    return _kernel_function(ufunc)(x, *params)


# ------------------------------------------------------------- softmax rows

def _numpy_row(name, axis, dtype, x):
    """softmax, log_softmax or logsumexp on a NumPy view, rounded once to ``dtype``."""
    from .softmax import _numpy_rows

    return round_once(_numpy_rows(name, np.asarray(x).astype(work_dtype(dtype), copy=False), axis), dtype)


def _host_row(name, axis, dtype, x):
    """:func:`_numpy_row` inside a callback, on an XLA thread."""
    with _ieee_subnormals():
        return _numpy_row(name, axis, dtype, x)


@functools.partial(jax.custom_jvp, nondiff_argnums=(0, 2))
def _row(name, x, axis):
    shape = x.shape if name != "logsumexp" else x.shape[:axis % x.ndim] + x.shape[axis % x.ndim + 1:]
    # the axis counted from the end: vmap adds its batch axis in front
    return jax.pure_callback(_bound(_host_row, name, axis - x.ndim if axis >= 0 else axis, x.dtype),
                             jax.ShapeDtypeStruct(shape, x.dtype), x, vmap_method="expand_dims")


@_row.defjvp
def _row_jvp(name, axis, primals, tangents):
    """The standard closed forms, J = diag(s) - s s^T applied to t:
    d softmax = s (t - <s, t>), d log_softmax = t - <s, t>, d logsumexp = <s, t>,
    accumulated in at least float32."""
    (x,), (t,) = primals, tangents
    y = _row(name, x, axis)
    s = y if name == "softmax" else _row("softmax", x, axis)
    wide = jnp.promote_types(x.dtype, jnp.float32)
    s_w, t_w = s.astype(wide), t.astype(wide)
    inner = jnp.sum(s_w * t_w, axis=axis, keepdims=name != "logsumexp")
    if name == "softmax":
        dy = s_w * (t_w - inner)
    elif name == "log_softmax":
        dy = t_w - inner
    else:
        dy = inner
    return y, dy.astype(x.dtype)


_jitted_row = jax.jit(_row, static_argnums=(0, 2))


def row(name: str, x, axis=-1, keepdims: bool = False):
    """softmax, log_softmax or logsumexp (``name``) of a JAX array along ``axis``."""
    from .softmax import row_axis

    x, axis = row_axis(name, _as_float_array(x, name), axis)
    if _eager_on_cpu((x,)):
        # as for the kernels: no callback when nothing is traced
        out = jnp.asarray(_numpy_row(name, axis, x.dtype, x))
    else:
        out = _jitted_row(name, x, axis)
    if keepdims and name == "logsumexp":
        out = jnp.expand_dims(out, axis)
    return out


def softmax(x, axis=-1):
    """:func:`sigmoids.softmax` on a JAX array (see there)."""
    return row("softmax", x, axis)


def log_softmax(x, axis=-1):
    """:func:`sigmoids.log_softmax` on a JAX array (see there)."""
    return row("log_softmax", x, axis)


def logsumexp(x, axis=-1, keepdims: bool = False):
    """:func:`sigmoids.logsumexp` on a JAX array (see there)."""
    return row("logsumexp", x, axis, keepdims)


# ------------------------------------------------------------- activations

class Activation:
    """Any catalog entry (or one of its operations) as a JAX activation function.

    A plain callable, usable inside ``jit``, ``vmap`` and ``grad`` and in any
    framework.  Parameters stored at construction may be overridden per call,
    which is how to learn them: differentiate with respect to the argument.

    Parameters
    ----------
    name : str
        Catalog name or alias.
    operation : str, optional
        Which operation (default the value).
    **params : float
        The family's parameters; the catalog's defaults else.

    Examples
    --------
    >>> import jax, jax.numpy as jnp
    >>> from sigmoids.jax import Activation
    >>> act = Activation("genlogistic", alpha=2.0)
    >>> act(jnp.zeros(2)).tolist()
    [0.25, 0.25]
    >>> # d/dalpha of sum (1 + e^-x)^-alpha at x = 0: 2 log(1/2) / 4
    >>> round(float(jax.grad(lambda a: act(jnp.zeros(2), alpha=a).sum())(2.0)), 6)
    -0.346574
    """

    def __init__(self, name: str, operation: str = "value", **params):
        self.entry = get(name)
        self.operation = operation
        self._kernel = self.entry.operation(operation)
        self.params = self.entry.param_values(params or None)

    def __call__(self, x, **params):
        names = self.entry.info.param_names
        unknown = sorted(set(params) - set(names))
        if unknown:
            raise KeyError(f"{self.entry.info.name} has no parameter {unknown[0]!r}")
        values = [params.get(n, v) for n, v in zip(names, self.params)]
        return apply_jax(self._kernel.ufunc, self._kernel.__name__, (x, *values), {})

    def __repr__(self) -> str:
        shown = "".join(f", {p.name}={v:g}" for p, v in zip(self.entry.info.params, self.params))
        op = "" if self.operation == "value" else f", operation={self.operation!r}"
        return f"Activation({self.entry.info.name!r}{op}{shown})"


def _function(entry: str, operation: str = "value", doc: str = ""):
    kernel = get(entry).operation(operation)

    def function(x):
        return apply_jax(kernel.ufunc, kernel.__name__, (x,), {})

    function.__name__ = function.__qualname__ = kernel.__name__.replace(".", "_")
    function.__doc__ = doc
    return function


sigmoid = _function("logistic", doc="Correctly rounded drop-in for jax.nn.sigmoid.")
log_sigmoid = _function("logistic", "logcdf", doc="Drop-in for jax.nn.log_sigmoid, finite for any x.")
tanh = _function("tanh", doc="Correctly rounded tanh.")
soft_sign = _function("softsign", doc="Drop-in for jax.nn.soft_sign.")
hard_sigmoid = _function("hard_sigmoid", doc="Drop-in for jax.nn.hard_sigmoid (relu6(x + 3) / 6).")
hard_tanh = _function("hard_tanh", doc="Drop-in for jax.nn.hard_tanh.")
erf = _function("erf", doc="Correctly rounded erf, as an activation.")
arctan = _function("arctan", doc="Correctly rounded arctan, as an activation.")
