"""Beyond one machine: the ufuncs on a real dask.distributed cluster.

Two worker *processes* (not threads), so every task's ufunc crosses a
process boundary by pickle, as it would to another machine.  The results
must be NumPy's bits, the graph must stay lazy until compute, and the
parametrised entries (two-input ufuncs) must broadcast chunked parameters.
One cluster serves the whole module (starting one takes seconds).
"""
from __future__ import annotations

import os
import pickle

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("dask.distributed")

import sigmoids as sg  # noqa: E402

ENTRIES = list(sg.catalog.values())
PARAMETRISED = [e for e in ENTRIES if e.info.params]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1,
                                       dashboard_address=":0", silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def inputs(entry, n=400):
    lo, hi = (0.0, 1.2) if entry.info.name == "smoothstep" else (0.0, 40.0) if entry.info.name == "hill" else (-40, 40)
    return np.linspace(lo, hi, n)


def test_workers_are_other_processes(client):
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids
    blocks = da.zeros(8, chunks=2).map_blocks(lambda b: np.full(b.shape, os.getpid(), dtype=np.int64))
    assert set(blocks.compute().tolist()) <= pids


def test_ufuncs_and_kernels_pickle_by_reference():
    for entry in ENTRIES:
        for op in sg.OPERATIONS:
            kernel = entry.operation(op)
            assert pickle.loads(pickle.dumps(kernel.ufunc)) is kernel.ufunc
            assert pickle.loads(pickle.dumps(kernel)).ufunc is kernel.ufunc
        assert pickle.loads(pickle.dumps(entry)) is entry


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_entry_is_bit_identical_and_lazy(client, dtype):
    """All 17 entries, all operations, one graph, one compute on the workers."""
    lazy, expected = {}, {}
    for entry in ENTRIES:
        params = entry.param_values(None)
        for op in sg.OPERATIONS:
            x = inputs(entry) if op not in ("inverse", "ppf") else np.linspace(0.001, 0.999, 400)
            if op == "inverse":
                a, b = entry.info.range
                x = a + (b - a) * x
            x = x.astype(dtype)
            kernel = entry.operation(op)
            result = kernel(da.from_array(x, chunks=100), *params)
            # lazy: a Dask array whose graph holds our ufunc, nothing computed yet
            assert isinstance(result, da.Array) and result.dtype == dtype
            lazy[kernel.__name__] = result
            with np.errstate(all="ignore"):
                expected[kernel.__name__] = kernel(x, *[dtype(p) for p in params])
    computed = client.compute(lazy, sync=True)
    for name, want in expected.items():
        np.testing.assert_array_equal(computed[name], want, err_msg=name)


@pytest.mark.parametrize("entry", PARAMETRISED, ids=lambda e: e.info.name)
def test_parametrised_entries_broadcast_chunked_parameters(client, entry):
    """x down the rows, the parameter grid across the columns, both chunked."""
    grid = np.array([g for g in entry.info.params[0].grid if np.isfinite(g)])
    x = inputs(entry, 300)[:, None]
    for op in ("value", "pdf", "logcdf", "logsf"):
        kernel = entry.operation(op)
        lazy = kernel(da.from_array(x, chunks=(50, 1)), da.from_array(grid[None, :], chunks=(1, 2)))
        assert lazy.shape == (300, len(grid)) and lazy.numblocks[1] > 1
        with np.errstate(all="ignore"):
            np.testing.assert_array_equal(lazy.compute(), kernel(x, grid[None, :]), err_msg=kernel.__name__)


def test_submit_pickles_the_ufunc_to_a_worker(client):
    x = np.linspace(-30.0, 30.0, 1001)
    future = client.submit(sg.student_t.ufunc, x, 3.0)
    np.testing.assert_array_equal(future.result(), sg.student_t(x, 3.0))
    future = client.submit(sg.genlogistic.logcdf, x, alpha=2.0)
    np.testing.assert_array_equal(future.result(), sg.genlogistic.logcdf(x, 2.0))


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "logsumexp"])
def test_softmax_rows_across_chunks(client, name):
    """The class axis is split into chunks: it is rechunked whole per row."""
    x = np.random.default_rng(1).normal(scale=300.0, size=(40, 30))
    lazy = getattr(sg, name)(da.from_array(x, chunks=(10, 7)), axis=1)
    assert isinstance(lazy, da.Array)
    np.testing.assert_array_equal(lazy.compute(), getattr(sg, name)(x, axis=1))
