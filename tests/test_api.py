"""The public API of DESIGN.md, generated from the catalog: names, types,
broadcasting, out=/where=, bad input, docstrings and pickling."""
from __future__ import annotations

import doctest
import pickle
import warnings

import mpmath as mp
import numpy as np
import pytest
from conftest import ENTRIES, KERNELS, EntryCase, entry_params, kernel_params
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sigmoids as sg
from sigmoids import reference


def test_top_level_names():
    assert sg.expit is sg.logistic and sg.sigmoid is sg.logistic
    assert sg.logit is sg.logistic.inverse
    assert sg.log_expit is sg.logistic.logcdf
    assert sg.get("expit") is sg.logistic and sg.get("sigmoid") is sg.logistic
    assert sg.get("Logistic") is sg.logistic
    assert float(sg.softplus(0.0)) == float(mp.log(2))


def test_catalog_is_read_only():
    with pytest.raises(TypeError):
        sg.catalog["logistic"] = None
    with pytest.raises(TypeError):
        del sg.catalog["logistic"]
    with pytest.raises(Exception):
        sg.logistic.info.range = (0, 2)


def test_unknown_name_suggests():
    with pytest.raises(KeyError, match="did you mean 'logistic'"):
        sg.get("logistc")


@entry_params()
def test_entry_answers_whole_api(entry):
    for op in sg.OPERATIONS:
        kernel = entry.operation(op)
        assert callable(kernel) and isinstance(kernel.ufunc, np.ufunc)
        if op != "value":
            assert getattr(entry, op) is kernel
    assert entry.ufunc is entry.operation("value").ufunc
    info = entry.info
    assert info.name in sg.catalog and info.formula and info.inverse_formula
    assert set(info.max_ulp) == set(sg.OPERATIONS)
    for op, per_dtype in info.max_ulp.items():
        assert set(per_dtype) == {"float16", "float32", "float64"}
    for p in info.params:
        assert p.grid and all(p.is_valid(v) for v in p.grid) and p.is_valid(p.default)
        # exact in float16, so that every dtype is tested at the same value
        assert all(float(np.float16(v)) == v for v in p.grid)
    case = EntryCase(entry, tuple(p.default for p in info.params))
    assert case.distribution.cdf(0.3) == pytest.approx(float(case.cdf(0.3)), rel=1e-14)


@kernel_params()
def test_numpy_in_numpy_out_and_dtypes(case):
    x = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    for dtype in (np.float16, np.float32, np.float64):
        out = case.ufunc(x.astype(dtype))
        assert type(out) is np.ndarray and out.dtype == dtype and out.shape == x.shape
    assert case.ufunc(np.array([1, 0], dtype=np.int64)).dtype == np.float64
    assert isinstance(case.ufunc(0.25), np.float64)
    assert case.ufunc(0.25, dtype=np.float32).dtype == np.float32


@kernel_params()
@pytest.mark.parametrize("bad", ["a", np.array(["x", "y"]), np.array([1.0, None], dtype=object),
                                 np.array([1 + 2j]), {"x": 1}])
def test_bad_types_raise_typeerror_naming_function(case, bad):
    with pytest.raises(TypeError, match=case.public_name.replace(".", r"\.")):
        case.public(bad, *case.params)


_dtypes = st.sampled_from([np.float16, np.float32, np.float64])


@kernel_params()
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_fuzz_shapes_broadcasting_out_where(case, data):
    dtype = data.draw(_dtypes)
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, max_side=5))
    elements = st.floats(width=np.finfo(dtype).bits, allow_nan=True, allow_infinity=True)
    x = data.draw(hnp.arrays(dtype, shape, elements=elements))
    where = data.draw(hnp.arrays(np.bool_, hnp.broadcastable_shapes(shape, max_dims=3)))
    expected = np.asarray(case.ufunc(x))
    # out= and where= behave as for any ufunc; untouched elements keep their fill.
    full_shape = np.broadcast_shapes(shape, where.shape)
    out = np.full(full_shape, 7.0, dtype=dtype)
    result = case.ufunc(x, out=out, where=where)
    assert result is out
    bx = np.broadcast_to(expected, full_shape)
    mask = np.broadcast_to(where, full_shape)
    np.testing.assert_array_equal(out[mask], bx[mask])
    assert (out[~mask] == 7.0).all()
    # Elementwise: a scalar call agrees with the array call, to the bit.
    if x.size:
        flat = x.ravel()
        i = data.draw(st.integers(0, flat.size - 1))
        np.testing.assert_array_equal(case.ufunc(flat[i]), expected.ravel()[i])


@kernel_params()
def test_non_contiguous_and_strided(case):
    if case.domain is None:
        x = np.linspace(-0.9, 0.9, 4001)
    elif np.isinf(case.domain[1]):
        x = case.domain[0] + np.linspace(0.01, 1.99, 4001)
    else:
        x = np.linspace(0.01, 0.99, 4001)
    for dtype in (np.float16, np.float32, np.float64):
        xd = x.astype(dtype)
        np.testing.assert_array_equal(case.ufunc(xd[::3]), case.ufunc(xd)[::3])
        np.testing.assert_array_equal(case.ufunc(xd[::-1]), case.ufunc(xd)[::-1])
        fortran = np.asfortranarray(xd[:4000].reshape(40, 100))
        np.testing.assert_array_equal(case.ufunc(fortran), case.ufunc(xd[:4000]).reshape(40, 100))


def _public_kernels():
    seen = {}
    for entry in ENTRIES:
        for op in sg.OPERATIONS:
            k = entry.operation(op)
            seen[k.__name__] = k
    seen["softplus"] = sg.softplus
    return list(seen.values())


@pytest.mark.parametrize("kernel", _public_kernels(), ids=lambda k: k.__name__)
def test_docstring_examples_run_and_hold(kernel):
    doc = kernel.__doc__
    assert "Parameters" in doc and "Returns" in doc
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {}, kernel.__name__, None, 0)
    assert test.examples, f"{kernel.__name__} has no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0
    # The example's printed value is the exact result rounded, from mpmath.
    call = test.examples[-1]
    arg, *params = (float(a) for a in call.source.split("(")[-1].rstrip(")\n").split(","))
    exact = reference.evaluate(kernel.ufunc.__name__, [arg], params=tuple(params))[0]
    assert float(call.want) == reference.to_float64(exact)


def test_module_docstrings_run():
    import sys

    attempted = 0
    for module in (sg, sys.modules["sigmoids.catalog"]):
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        for test in doctest.DocTestFinder().find(module):
            runner.run(test)
        assert runner.failures == 0
        attempted += runner.tries
    assert attempted >= 8


@entry_params()
def test_pickle_round_trip(entry):
    assert pickle.loads(pickle.dumps(entry)) is entry
    for op in sg.OPERATIONS:
        k = entry.operation(op)
        assert pickle.loads(pickle.dumps(k)) is k
    assert pickle.loads(pickle.dumps(entry.ufunc)) is entry.ufunc


def test_hot_path_imports_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, sigmoids as sg; sg.logistic(1.0); sg.logit(0.3); "
            "heavy = [m for m in ('scipy', 'scipy.stats', 'matplotlib', 'torch', 'jax', 'mpmath') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing sigmoids pulled in {out}"


def test_docs_catalog_is_generated_from_the_catalog():
    """docs/catalog.md is the rendering of the catalog (tools/gen_catalog_doc.py)."""
    from pathlib import Path

    from sigmoids._catalog_doc import render

    page = Path(__file__).resolve().parent.parent / "docs" / "catalog.md"
    assert page.read_text(encoding="utf-8") == render(), "run: python tools/gen_catalog_doc.py"
    for name, entry in sg.catalog.items():
        assert f"### {name}:" in render()
        assert entry.info.formula in render()
