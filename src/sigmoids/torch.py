"""sigmoids for PyTorch: every kernel on tensors, with exact gradients.

``sg.logistic(tensor)`` (and every other entry and operation) accepts a
``torch.Tensor`` and returns one of the same dtype and device.  The value is
our correctly rounded kernel, computed on the CPU through a zero-copy NumPy
view: float16, float32 and float64 natively; bfloat16 through the float64
kernel (within 0.501 ULP of float64) rounded to bfloat16, which can differ
from the correctly rounded bfloat16 only within 2^-44 of one of its
midpoints.  The gradient is a closed form in our kernels (``sigmoids._gradients``),
never autograd through a formula, so it holds where formulas fail:
d sigma/dx at 40 is 4.248354255291589e-18, d log sigma/dx at -1000 is 1,
and the gradient at +-inf is its limit, not NaN.

``Activation(name, **params)`` is an ``nn.Module`` for any entry, with an
optionally learnable input scale; ``Sigmoid``, ``Tanh``, ``Softsign``,
``Hardsigmoid``, ``Hardtanh``, ``LogSigmoid``, ``Erf`` and ``Arctan`` are
drop-in classes.

Gradients with respect to a family's parameter (nu, alpha) flow to a
parameter tensor that requires grad (``sigmoids._gradients.param_gradient``:
closed forms for genlogistic and hill, a Richardson-extrapolated difference
of our kernel for Student's nu); smoothstep's n is an integer and has none
(a TypeError).  With ``create_graph=True`` the gradient of the value and
of the CDF form is the derivative kernel, itself differentiable, so second
derivatives work there.  When no input requires grad (``torch.no_grad``,
``torch.inference_mode``, plain tensors) the call skips autograd entirely.

Examples
--------
>>> import torch, sigmoids as sg
>>> x = torch.tensor([40.0], dtype=torch.float64, requires_grad=True)
>>> sg.logistic(x).backward()
>>> x.grad.item()
4.248354255291589e-18
"""
from __future__ import annotations

import numpy as np
import torch

from ._gradients import derivative_kernel, gradient, kernel_operation, param_gradient
from ._rounding import to_float32_odd
from .catalog import get

__all__ = ["Activation", "Sigmoid", "Tanh", "Softsign", "Hardsigmoid", "Hardtanh", "LogSigmoid",
           "Erf", "Arctan", "apply_torch"]

_NATIVE = {torch.float16: np.float16, torch.float32: np.float32, torch.float64: np.float64}


def _to_numpy(t: torch.Tensor) -> np.ndarray:
    """A float16/32/64 NumPy view (a float64 copy for other float dtypes)."""
    t = t.detach()
    if t.device.type != "cpu":
        t = t.cpu()
    if t.dtype not in _NATIVE:
        t = t.to(torch.float64)
    return t.numpy()


def _from_numpy(a: np.ndarray, like: torch.Tensor) -> torch.Tensor:
    if like.dtype not in _NATIVE and a.dtype == np.float64 and like.dtype.itemsize <= 2:
        # torch casts float64 -> bfloat16 through float32, rounding twice;
        # float32 rounded to odd keeps the second rounding correct
        a = to_float32_odd(a)
    if not a.flags.c_contiguous:
        # np.require keeps a 0-d result 0-d (np.ascontiguousarray would make it 1-d)
        a = np.require(a, requirements="C")
    out = torch.from_numpy(a)
    if out.dtype == like.dtype and like.device.type == "cpu":
        return out
    return out.to(device=like.device, dtype=like.dtype)


def _forward(ufunc, x: torch.Tensor, params) -> torch.Tensor:
    """The kernel's value on a tensor, without autograd."""
    x_np = _to_numpy(x)
    # parameters in x's own format, so that NumPy's promotion cannot send
    # a float16 x through the float32 loop and round twice
    values = [(_to_numpy(p) if isinstance(p, torch.Tensor) else np.asarray(p)).astype(x_np.dtype)
              for p in params]
    with np.errstate(all="ignore"):
        result = ufunc(x_np, *values)
    return _from_numpy(np.asarray(result), x)


def _float64(t) -> np.ndarray:
    return _to_numpy(t).astype(np.float64) if isinstance(t, torch.Tensor) else np.asarray(t, np.float64)


def _times(grad_output: torch.Tensor, slope: np.ndarray, like) -> torch.Tensor:
    """grad_output * slope in float64, rounded once to ``like``'s dtype and
    summed down to its shape (a broadcast parameter)."""
    if slope.shape != grad_output.shape:
        slope = np.broadcast_to(slope, grad_output.shape)
    # a copy only if broadcast or read-only (torch wants a writable buffer)
    grad = torch.from_numpy(np.require(slope, requirements=["C", "W"]))
    result = grad_output.to(torch.float64) * grad.to(grad_output.device)
    if isinstance(like, torch.Tensor):
        return result.sum_to_size(like.shape).to(like.dtype)
    return result.to(like)


class _KernelFunction(torch.autograd.Function):
    """y = kernel(x, *params); dy/dx from the closed-form gradient."""

    @staticmethod
    def forward(ctx, ufunc, x, *params):
        ctx.ufunc_name = ufunc.__name__
        ctx.params = params
        ctx.save_for_backward(x)
        return _forward(ufunc, x, params)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        entry, operation = kernel_operation(ctx.ufunc_name)
        x64 = _to_numpy(x).astype(np.float64)
        params = [_float64(p) for p in ctx.params]
        grads = [None, None]
        derivative = derivative_kernel(ctx.ufunc_name)
        if ctx.needs_input_grad[1] and torch.is_grad_enabled() and derivative is not None:
            # create_graph=True: the slope is a kernel with its own backward,
            # so second derivatives (grad of grad of tanh) work
            grads[1] = grad_output * apply_torch(derivative, derivative.__name__, (x, *ctx.params), {})
        elif ctx.needs_input_grad[1]:
            # one rounding to the input's dtype, after the product in float64
            grads[1] = _times(grad_output, gradient(entry, operation, x64, *params), x)
        for i, p in enumerate(ctx.params):
            wanted = ctx.needs_input_grad[2 + i]
            grads.append(_times(grad_output, param_gradient(entry, operation, i, x64, *params), p)
                         if wanted else None)
        return tuple(grads)


def apply_torch(ufunc: np.ufunc, public_name: str, args: tuple, kwargs: dict):
    """Evaluate ``ufunc`` on tensor arguments (``sigmoids._dispatch`` calls it)."""
    if kwargs:
        raise TypeError(f"sigmoids.{public_name}() takes no keyword arguments with torch tensors "
                        f"(got {', '.join(kwargs)})")
    x, *params = args
    if not isinstance(x, torch.Tensor):
        x = torch.as_tensor(x, dtype=torch.get_default_dtype())
    if not x.dtype.is_floating_point:
        raise TypeError(f"sigmoids.{public_name}() takes floating-point tensors, got {x.dtype}")
    tracked = [isinstance(p, torch.Tensor) and p.requires_grad for p in params]
    if any(tracked):
        entry, _ = kernel_operation(ufunc.__name__)
        for p, wanted in zip(entry.info.params, tracked):
            if wanted and p.integer:
                raise TypeError(f"sigmoids.{public_name}(): {p.name} is an integer parameter, with no "
                                f"derivative; pass it without requires_grad")
    if params:
        shape = torch.broadcast_shapes(x.shape, *(torch.as_tensor(p).shape for p in params))
        x = x.expand(shape)
    if not torch.is_grad_enabled() or not (x.requires_grad or any(tracked)):
        # nothing to differentiate: the bare kernel, no autograd bookkeeping
        return _forward(ufunc, x, params)
    return _KernelFunction.apply(ufunc, x, *params)


class _RowFunction(torch.autograd.Function):
    """softmax, log_softmax or logsumexp along ``axis``: the value from our
    gufunc, the gradient from the standard closed forms with s = softmax(x):
    J = diag(s) - s s^T for softmax, g - s sum(g) for log_softmax, g s for
    logsumexp (in float64, rounded once)."""

    @staticmethod
    def forward(ctx, name, x, axis):
        ctx.name, ctx.axis = name, axis
        ctx.save_for_backward(x)
        return _row_forward(name, x, axis)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        from .softmax import _numpy_rows

        s = torch.from_numpy(np.require(_numpy_rows("softmax", _to_numpy(x).astype(np.float64), ctx.axis),
                                        requirements="C")).to(g.device)
        g = g.to(torch.float64)
        if ctx.name == "softmax":
            grad = s * (g - (g * s).sum(ctx.axis, keepdim=True))
        elif ctx.name == "log_softmax":
            grad = g - s * g.sum(ctx.axis, keepdim=True)
        else:
            grad = g.unsqueeze(ctx.axis) * s
        return None, grad.to(x.dtype), None


def _row_forward(name: str, x: torch.Tensor, axis: int) -> torch.Tensor:
    from .softmax import _numpy_rows

    return _from_numpy(np.asarray(_numpy_rows(name, _to_numpy(x), axis)), x)


def row(name: str, x: torch.Tensor, axis=-1, keepdims: bool = False) -> torch.Tensor:
    """softmax, log_softmax or logsumexp (``name``) of a tensor along ``axis``."""
    if not x.dtype.is_floating_point:
        raise TypeError(f"sigmoids.{name}() takes floating-point tensors, got {x.dtype}")
    from .softmax import row_axis

    x, axis = row_axis(name, x, axis)
    if torch.is_grad_enabled() and x.requires_grad:
        out = _RowFunction.apply(name, x, axis)
    else:
        out = _row_forward(name, x, axis)
    return out.unsqueeze(axis) if keepdims and name == "logsumexp" else out


class Activation(torch.nn.Module):
    """Any catalog entry (or one of its operations) as an activation.

    Parameters
    ----------
    name : str
        Catalog name or alias ("logistic", "tanh", "student_t", ...).
    operation : str, optional
        Which operation (default the value).
    learnable_scale : bool, optional
        Multiply the input by a learnable scale (initialised to 1 or ``scale``).
    scale : float, optional
        Fixed (or initial) input scale, default 1.
    learnable : bool or iterable of str, optional
        Make the family's parameters (all of them, or those named) learnable
        ``nn.Parameter`` attributes of the module (``act.nu``, ``act.alpha``,
        ``act.n``), initialised to ``params``.  smoothstep's integer ``n``
        cannot be learnable (a TypeError).
    **params : float
        The family's parameters (``nu=3.0``); the catalog's defaults else.

    Examples
    --------
    >>> import torch
    >>> from sigmoids.torch import Activation
    >>> act = Activation("student_t", nu=3.0)
    >>> act(torch.zeros(2))
    tensor([0.5000, 0.5000])
    >>> act = Activation("genlogistic", learnable=True, alpha=2.0)
    >>> act(torch.ones(3)).sum().backward()
    >>> act.alpha.grad.item() < 0          # a larger alpha lowers the curve
    True
    """

    def __init__(self, name: str, operation: str = "value", learnable_scale: bool = False,
                 scale: float = 1.0, learnable=False, **params):
        super().__init__()
        self.entry = get(name)
        self.operation = operation
        self._kernel = self.entry.operation(operation)
        values = self.entry.param_values(params or None)
        names = self.entry.info.param_names
        chosen = set(names if learnable is True else () if learnable is False else learnable)
        unknown = sorted(chosen - set(names))
        if unknown:
            raise KeyError(f"{self.entry.info.name} has no parameter {unknown[0]!r} to learn")
        self._learned = tuple(n in chosen for n in names)
        for p, value, learned in zip(self.entry.info.params, values, self._learned):
            if learned and p.integer:
                raise TypeError(f"{self.entry.info.name}'s {p.name} is an integer; it cannot be learnable")
            if learned:
                self.register_parameter(p.name, torch.nn.Parameter(torch.tensor(value)))
        self._fixed = values
        value = torch.tensor(float(scale))
        if learnable_scale:
            self.scale = torch.nn.Parameter(value)
        else:
            self.register_buffer("scale", value)

    @property
    def params(self) -> tuple:
        """The family's parameters: floats, or the module's Parameters where learnable."""
        return tuple(getattr(self, p.name) if learned else v
                     for p, v, learned in zip(self.entry.info.params, self._fixed, self._learned))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not (self.scale.requires_grad or float(self.scale) != 1.0):
            return apply_torch(self._kernel.ufunc, self._kernel.__name__, (x, *self.params), {})
        return apply_torch(self._kernel.ufunc, self._kernel.__name__, (x * self.scale.to(x.dtype), *self.params), {})

    def extra_repr(self) -> str:
        shown = ", ".join(f"{p.name}={float(v):g}" for p, v in zip(self.entry.info.params, self.params))
        op = "" if self.operation == "value" else f", operation={self.operation!r}"
        return f"{self.entry.info.name!r}{op}{', ' + shown if shown else ''}"


def _drop_in(class_name: str, entry: str, operation: str = "value", doc: str = ""):
    def __init__(self):
        Activation.__init__(self, entry, operation)

    return type(class_name, (Activation,), {"__init__": __init__, "__doc__": doc})


Sigmoid = _drop_in("Sigmoid", "logistic", doc="Drop-in for torch.nn.Sigmoid, correctly rounded.")
Tanh = _drop_in("Tanh", "tanh", doc="Drop-in for torch.nn.Tanh, correctly rounded.")
Softsign = _drop_in("Softsign", "softsign", doc="Drop-in for torch.nn.Softsign.")
Hardsigmoid = _drop_in("Hardsigmoid", "hard_sigmoid", doc="Drop-in for torch.nn.Hardsigmoid.")
Hardtanh = _drop_in("Hardtanh", "hard_tanh", doc="Drop-in for torch.nn.Hardtanh (min -1, max 1).")
LogSigmoid = _drop_in("LogSigmoid", "logistic", "logcdf", doc="Drop-in for torch.nn.LogSigmoid, finite for any x.")
Erf = _drop_in("Erf", "erf", doc="erf as an activation.")
Arctan = _drop_in("Arctan", "arctan", doc="arctan as an activation.")


# ------------------------------------------------------------ output heads and losses
#
# The article's output-layer uses of a sigmoid: a prediction bounded to an
# interval, and a probability trained by binary cross-entropy.  Both work
# through any entry's CDF form, so that the probit, complementary log-log and
# robit (Student-t) models are one argument away from the logistic one.

def _cdf_kernel(link: str, operation: str, params: dict):
    """(kernel, parameter values) of ``operation`` of ``link``'s CDF form."""
    entry = get(link)
    return entry.operation(operation), entry.param_values(params or None)


def _apply_kernel(kernel, x: torch.Tensor, values: tuple) -> torch.Tensor:
    return apply_torch(kernel.ufunc, kernel.__name__, (x, *values), {})


class BoundedOutput(torch.nn.Module):
    """Map any real input into the interval (lo, hi) through a sigmoid's CDF form.

    ``lo + (hi - lo) * F(z)``, with F the CDF form of the catalog entry: the
    output layer of a regression whose target is known to lie in a range
    (a proportion, a probability, a rating).  In exact arithmetic the output
    is strictly inside (lo, hi); in floating point it can reach ``lo`` or
    ``hi`` where F rounds to 0 or 1 (for the logistic in float32, beyond
    about z = 17), and it is clamped to [lo, hi] so that the rounding of the
    affine map never steps outside.

    Parameters
    ----------
    lo, hi : float
        The interval, lo < hi.
    sigmoid : str, optional
        Catalog name or alias whose CDF form is used (default "logistic").
    **params : float
        The family's parameters (``nu=3.0`` for "student_t").

    Examples
    --------
    >>> import torch
    >>> from sigmoids.torch import BoundedOutput
    >>> head = BoundedOutput(0.0, 10.0)
    >>> head(torch.tensor([-1000.0, 0.0, 2.0]))
    tensor([0.0000, 5.0000, 8.8080])
    >>> BoundedOutput(-1.0, 1.0, sigmoid="student_t", nu=3.0)(torch.zeros(1))
    tensor([0.])
    """

    def __init__(self, lo: float, hi: float, sigmoid: str = "logistic", **params):
        super().__init__()
        lo, hi = float(lo), float(hi)
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"BoundedOutput needs finite lo < hi, got lo={lo}, hi={hi}")
        self.lo, self.hi = lo, hi
        self.sigmoid = get(sigmoid).info.name
        self._cdf, self.params = _cdf_kernel(sigmoid, "cdf", params)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        f = _apply_kernel(self._cdf, z, self.params)
        return torch.clamp(self.lo + (self.hi - self.lo) * f, self.lo, self.hi)

    def extra_repr(self) -> str:
        shown = "".join(f", {p.name}={v:g}" for p, v in zip(get(self.sigmoid).info.params, self.params))
        return f"lo={self.lo:g}, hi={self.hi:g}, sigmoid={self.sigmoid!r}{shown}"


_REDUCTIONS = ("mean", "sum", "none")


def binary_cross_entropy_with_logits(logits: torch.Tensor, target: torch.Tensor, link: str = "logistic",
                                     weight: torch.Tensor | None = None, pos_weight: torch.Tensor | None = None,
                                     reduction: str = "mean", **params) -> torch.Tensor:
    """Binary cross-entropy of P(y = 1) = F(logits), for any CDF-form entry F.

    ``-[pos_weight * y * log F(z) + (1 - y) * log(1 - F(z))]``, with log F and
    log(1 - F) our ``logcdf`` and ``logsf`` kernels: never ``log`` of a
    probability rounded to 0 or 1, so the loss is finite for every finite z
    (for the smooth entries; the piecewise-linear ones put zero probability
    on part of the line) and its gradient is the closed form -f/F, f/(1-F).
    With ``link="logistic"`` it is ``torch.nn.functional.binary_cross_entropy_with_logits``.

    Parameters
    ----------
    logits : Tensor
        z, any real values.
    target : Tensor
        y in [0, 1], the same shape (soft labels allowed).
    link : str, optional
        Catalog entry whose CDF form maps z to a probability: "logistic"
        (logit model), "normal" (probit), "cloglog", "gompertz" (log-log),
        "student_t" (robit), "arctan" (cauchit), ...
    weight : Tensor, optional
        Rescales each element's loss.
    pos_weight : Tensor, optional
        Weight of the positive term, broadcast along the last dimension.
    reduction : {"mean", "sum", "none"}, optional
    **params : float
        The link's parameters (``nu=3.0``).

    Returns
    -------
    Tensor

    Examples
    --------
    >>> import torch
    >>> from sigmoids.torch import binary_cross_entropy_with_logits as bce
    >>> z = torch.tensor([-100.0, 0.0, 100.0], dtype=torch.float64)
    >>> bce(z, torch.ones(3, dtype=torch.float64), reduction="none")
    tensor([1.0000e+02, 6.9315e-01, 3.7201e-44], dtype=torch.float64)
    >>> bce(z, torch.ones(3, dtype=torch.float64), link="normal", reduction="none")
    tensor([5.0055e+03, 6.9315e-01, 0.0000e+00], dtype=torch.float64)
    """
    if reduction not in _REDUCTIONS:
        raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
    if not isinstance(target, torch.Tensor):
        target = torch.as_tensor(target, dtype=logits.dtype)
    target = target.to(logits.dtype)
    if target.shape != logits.shape:
        raise ValueError(f"target shape {tuple(target.shape)} differs from logits shape {tuple(logits.shape)}")
    log_cdf, values = _cdf_kernel(link, "logcdf", params)
    log_sf, _ = _cdf_kernel(link, "logsf", params)
    positive = target * _apply_kernel(log_cdf, logits, values)
    if pos_weight is not None:
        positive = positive * pos_weight
    # 0 * log F(z) is NaN where log F = -inf (a piecewise-linear link's flat
    # part): a label that does not use a term contributes nothing
    positive = torch.where(target == 0, torch.zeros_like(positive), positive)
    negative = (1 - target) * _apply_kernel(log_sf, logits, values)
    negative = torch.where(target == 1, torch.zeros_like(negative), negative)
    loss = -positive - negative      # not -(a + b): that turns a loss of 0 into -0
    if weight is not None:
        loss = loss * weight
    if reduction == "mean":
        return loss.mean()
    return loss.sum() if reduction == "sum" else loss


class BCEWithLogitsLoss(torch.nn.Module):
    """:func:`binary_cross_entropy_with_logits` as a module, for any link.

    Parameters
    ----------
    link : str, optional
        Catalog entry of the CDF form (default "logistic", which makes this
        ``torch.nn.BCEWithLogitsLoss``).
    weight, pos_weight : Tensor, optional
    reduction : {"mean", "sum", "none"}, optional
    **params : float
        The link's parameters.

    Examples
    --------
    >>> import torch
    >>> from sigmoids.torch import BCEWithLogitsLoss
    >>> loss = BCEWithLogitsLoss(link="cloglog")
    >>> z, y = torch.zeros(1, dtype=torch.float64), torch.ones(1, dtype=torch.float64)
    >>> float(loss(z, y))                  # -log(1 - 1/e)
    0.4586751453870819
    """

    def __init__(self, link: str = "logistic", weight: torch.Tensor | None = None,
                 pos_weight: torch.Tensor | None = None, reduction: str = "mean", **params):
        super().__init__()
        if reduction not in _REDUCTIONS:
            raise ValueError(f"reduction must be one of {_REDUCTIONS}, got {reduction!r}")
        self.link = get(link).info.name
        self.reduction = reduction
        self.params = params
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)

    def forward(self, logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return binary_cross_entropy_with_logits(logits, target, self.link, self.weight, self.pos_weight,
                                                self.reduction, **self.params)

    def extra_repr(self) -> str:
        shown = "".join(f", {k}={v:g}" for k, v in self.params.items())
        return f"link={self.link!r}, reduction={self.reduction!r}{shown}"


__all__ += ["BoundedOutput", "binary_cross_entropy_with_logits", "BCEWithLogitsLoss"]
