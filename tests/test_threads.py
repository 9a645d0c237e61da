"""Threads: bit-identical results for any thread count, FP flags from worker
threads reach NumPy, no deadlock under fork or concurrent Python threads."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from conftest import KERNELS

import sigmoids as sg

N = (1 << 18) + 12345  # above the threshold, not a multiple of the block


@pytest.fixture
def restore_threads():
    previous = sg.get_num_threads()
    yield
    sg.set_num_threads(previous)


def _inputs(case, dtype, n=N):
    rng = np.random.default_rng(3)
    a, b = (-50.0, 50.0) if case.domain is None else case.domain
    x = rng.uniform(max(a, -50.0), min(b, 50.0), n)
    return x.astype(dtype)


# One case per kernel (a parametrised kernel at its first grid value): the
# loops are generic, what varies per kernel is that it keeps no state.
ONE_CASE_PER_KERNEL = list({case.ufunc_name: case for case in reversed(KERNELS)}.values())


@pytest.mark.parametrize("case", ONE_CASE_PER_KERNEL, ids=str)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_bit_identical_for_any_thread_count(case, dtype, restore_threads):
    x = _inputs(case, dtype, 2 * N)
    sg.set_num_threads(1)
    reference = case.ufunc(x)
    # 3 threads: uneven ranges, one of them shorter than the others; the
    # strided half is still above the threshold, so it is split too.
    sg.set_num_threads(3)
    np.testing.assert_array_equal(case.ufunc(x), reference)
    np.testing.assert_array_equal(case.ufunc(x[::2]), reference[::2])


def test_warnings_raised_in_worker_threads_reach_numpy(restore_threads):
    sg.set_num_threads(4)
    y = np.full(N, 0.25)
    y[-1] = 1.5  # lands in the last thread's range
    with np.errstate(invalid="warn"), pytest.warns(RuntimeWarning, match="invalid value"):
        out = sg.logit(y)
    assert np.isnan(out[-1]) and np.isfinite(out[:-1]).all()


def test_set_num_threads_validates(restore_threads):
    with pytest.raises(ValueError):
        sg.set_num_threads(0)
    with pytest.raises(TypeError, match="set_num_threads"):
        sg.set_num_threads(2.5)
    assert sg.get_num_threads() >= 1


def test_environment_variable_sets_threads():
    code = "import sigmoids as sg; print(sg.get_num_threads())"
    env = dict(os.environ, SIGMOIDS_NUM_THREADS="3")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"


def test_default_is_the_usable_cores():
    code = "import sigmoids as sg, os; print(sg.get_num_threads(), len(os.sched_getaffinity(0)))"
    env = {k: v for k, v in os.environ.items() if k != "SIGMOIDS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    threads, cores = out.stdout.split()
    assert threads == cores


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_no_deadlock_after_fork():
    code = textwrap.dedent(f"""
        import os, sys, numpy as np, sigmoids as sg
        sg.set_num_threads(2)
        x = np.linspace(-5, 5, {N})
        before = sg.logistic(x)
        pid = os.fork()
        if pid == 0:
            ok = np.array_equal(sg.logistic(x), before)
            os._exit(0 if ok else 3)
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
    """)
    result = subprocess.run([sys.executable, "-c", code], timeout=120)
    assert result.returncode == 0


def test_concurrent_python_threads(restore_threads):
    sg.set_num_threads(2)
    x = np.linspace(-20, 20, N)
    expected = sg.logistic(x)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: sg.logistic(x), range(8)))
    for r in results:
        np.testing.assert_array_equal(r, expected)
