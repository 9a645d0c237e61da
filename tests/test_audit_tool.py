"""The exhaustive float32 audit's shortcut (monotone runs) must not hide a
misrounded input: a planted error inside a long run of equal results, where
only the run's ends go through the filter, is still found."""
import importlib.util
import pathlib

import numpy as np
import pytest

from sigmoids import _ufuncs, reference

TOOL = pathlib.Path(__file__).resolve().parents[1] / "tools" / "audit_float32.py"


def _load_tool():
    spec = importlib.util.spec_from_file_location("audit_float32", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


AUDIT = _load_tool()


@pytest.fixture(scope="module")
def audit():
    return AUDIT


# 0x41200000 = 10.0: tanh rounds to 1.0f from about 9.01 on, a run of
# millions of inputs; 0x3f000000 = 0.5, where every input has its own value.
@pytest.mark.parametrize("start", [0x41200000, 0x3F000000, 0xBF000000])
def test_runs_find_a_planted_error(audit, start):
    shape = audit.kernel_shape("tanh")
    assert shape["runs"]
    size = 1 << 16
    clean = audit._sweep_block("tanh", _ufuncs.tanh, reference.FLOAT64["tanh"], start, size, shape)
    assert clean[2].size == 0
    assert clean[0] < size or start != 0x41200000      # the run was skipped

    planted = start + 12345

    def faulty(x):
        out = _ufuncs.tanh(x)
        bits = out.view(np.uint32)
        bits[planted - start] += 1          # one ULP off, in the middle of the block
        return out

    filtered, _, bad_bits, ours, expected = audit._sweep_block(
        "tanh", faulty, reference.FLOAT64["tanh"], start, size, shape)
    assert bad_bits.tolist() == [planted]
    assert ours[0] != expected[0]


def test_outside_the_domain_must_be_nan(audit):
    shape = audit.kernel_shape("erf_inverse")
    assert shape["domain"] == (-1.0, 1.0)
    start = 0x3F800001                      # just above 1.0: all outside
    size = 1 << 12

    def not_nan(x):
        return np.zeros_like(x)

    result = audit._sweep_block("erf_inverse", not_nan, reference.FLOAT64["erf_inverse"], start, size, shape)
    assert result[2].size == size


def test_every_shape_names_a_real_kernel(audit):
    """The monotone-run shortcut covers exactly the kernels the catalog
    describes; PLAN's inverse (a non-monotone table) goes input by input."""
    for name in audit.available_kernels():
        shape = audit.kernel_shape(name)
        assert shape["runs"] == (name != "plan_inverse"), name
    assert audit.kernel_shape("plan")["breaks"] == (1.0, 2.375, 5.0)


def test_relations_need_a_certified_base(audit):
    """The logistic kernels the relations lean on are certified in docs/."""
    certified = audit.load_certified()
    for base, _, _ in audit.RELATIONS.values():
        assert base in certified


@pytest.mark.parametrize("name", [k for k in AUDIT.available_kernels() if AUDIT.kernel_shape(k)["runs"]])
def test_shapes_hold_for_the_reference(audit, name):
    """The runs need the exact function monotone on each sign half between
    breaks, the halves need its parity: check both on the mpmath reference."""
    shape = audit.kernel_shape(name)
    lo, hi = shape["domain"]
    top = min(hi, 30.0) if np.isfinite(hi) else 30.0
    points = np.unique(np.concatenate([np.geomspace(1e-6, top, 60), [top]]))
    points = points[(points >= max(lo, 0.0)) & (points <= top)]
    for sign in (1.0, -1.0):
        x = sign * points
        x = x[(x >= lo) & (x <= hi)]
        values = np.array([float(v) for v in reference.evaluate(name, x)])
        for a, b in zip([-np.inf, *shape["breaks"]], [*shape["breaks"], np.inf]):
            piece = values[(np.abs(x) > a) & (np.abs(x) < b) & np.isfinite(values)]
            steps = np.diff(piece)
            assert np.all(steps >= 0) or np.all(steps <= 0), (name, sign, a, b)
    if shape["symmetry"]:
        x = points[points <= top]
        plus = np.array([float(v) for v in reference.evaluate(name, x)])
        minus = np.array([float(v) for v in reference.evaluate(name, -x)])
        np.testing.assert_array_equal(minus, -plus if shape["symmetry"] == "odd" else plus)


def test_relation_certifies_and_still_finds_a_planted_error(audit):
    """tanh's CDF form is sigma(2x): inputs where it equals the certified
    logistic bit for bit skip the filter, and an input that does not goes
    through it."""
    shape = audit.kernel_shape("tanh_cdf")
    assert shape["relation"] == ("logistic", 2.0, 1.0)
    start, size = 0x3E000000, 1 << 14
    f64 = reference.FLOAT64["tanh_cdf"]
    clean = audit._sweep_block("tanh_cdf", _ufuncs.tanh_cdf, f64, start, size, shape)
    assert clean[0] == 0 and clean[2].size == 0          # nothing left for the filter
    planted = start + 777

    def faulty(x):
        out = _ufuncs.tanh_cdf(x)
        out.view(np.uint32)[planted - start] -= 1
        return out

    result = audit._sweep_block("tanh_cdf", faulty, f64, start, size, shape)
    assert result[2].tolist() == [planted]


@pytest.mark.parametrize("name, kind", [("tanh", "odd"), ("erf_derivative", "even"), ("arctan_logcdf", "mirror")])
def test_partner_checks_find_an_asymmetry(audit, name, kind):
    shape = dict(audit.kernel_shape(name), _name=name)
    assert (shape["symmetry"] or ("mirror" if shape["mirror"] else None)) == kind
    x = np.arange(0x3F000000, 0x3F000000 + 4096, dtype=np.uint32).view(np.float32)
    ours = getattr(_ufuncs, name)(x)
    assert audit._partner_mismatches(shape, x, ours)[0] == 0
    ours.view(np.uint32)[100] ^= 1
    count, examples = audit._partner_mismatches(shape, x, ours)
    assert count == 1 and len(examples) == 1


def _narrow_enabled() -> bool:
    previous = _ufuncs._set_narrow_blocks(True)
    _ufuncs._set_narrow_blocks(previous)
    return previous


@pytest.mark.parametrize("start", [0x41200000, 0x3F000000, 0xBF000000])
def test_narrow_sweep_finds_a_planted_error(audit, start):
    """--narrow takes the expected bits from the full block; an error in the
    narrow results only, inside a run or not, is found."""
    shape = dict(audit.kernel_shape("tanh"), narrow=True)
    size = 1 << 16
    planted = start + 4321

    def faulty(x):
        out = _ufuncs.tanh(x)
        if _narrow_enabled():
            out.view(np.uint32)[planted - start] += 1
        return out

    clean = audit._sweep_block("tanh", _ufuncs.tanh, None, start, size, shape)
    assert clean[2].size == 0
    assert clean[0] < size or start != 0x41200000      # the run was skipped
    compared, _, bad_bits, ours, expected = audit._sweep_block("tanh", faulty, None, start, size, shape)
    assert bad_bits.tolist() == [planted]
    assert ours[0] != expected[0] and expected[0] == _ufuncs.tanh(np.uint32(planted).view(np.float32))
    assert _narrow_enabled()                              # the switch is restored


def _certificates() -> dict:
    """kernel -> the float32 blocks ("once", "narrow", "full") certified exhaustively
    with 0 misrounded by the audit files in docs/."""
    import json

    docs = TOOL.parents[1] / "docs"
    found: dict = {}
    for path in sorted(docs.glob("audit_float32*.json")):
        for r in json.loads(path.read_text())["results"]:
            if r.get("exhaustive") and r.get("misrounded") == 0 and "error" not in r:
                # before narrow blocks existed for them, every kernel but the
                # logistic family's was audited on its full block
                found.setdefault(r["kernel"], set()).add(r.get("block", "full"))
    return found


def test_every_shipped_float32_loop_is_certified(audit):
    """Each one-input kernel's float32 loop runs its narrow block rounded
    once (ROUND_ONCE_KERNELS), its narrow block with the rounding test
    (NARROW_KERNELS) or its full block with the test; the audit files in
    docs/ must certify that very loop on all 2^32 inputs."""
    certificates = _certificates()
    missing = []
    for name in audit.available_kernels():
        block = audit.float32_block(name)
        if block not in certificates.get(name, set()):
            missing.append(f"{name} ({block})")
    assert not missing, f"float32 loops without an exhaustive certificate: {missing}"


@pytest.mark.parametrize("name", sorted(AUDIT.narrow_kernels()))
def test_narrow_and_full_blocks_agree(name):
    """A sample of what --narrow proves on all 2^32 inputs, float16 included,
    through the contiguous loop, a strided one and an in-place one (the
    round-once kernels have a fused loop for the first and third)."""
    ufunc = getattr(_ufuncs, name)
    rng = np.random.default_rng(7)
    x32 = rng.integers(0, 2 ** 32, 1 << 16, dtype=np.uint64).astype(np.uint32).view(np.float32)
    x16 = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)

    def calls():
        strided = np.empty(x32.size * 2, dtype=np.float32)
        strided[::2] = x32
        in_place = x32.copy()
        ufunc(in_place, out=in_place)
        return [ufunc(x32), ufunc(strided[::2]), in_place, ufunc(x16)]

    with np.errstate(all="ignore"):
        narrow = calls()
        previous = _ufuncs._set_narrow_blocks(False)
        try:
            full = calls()
        finally:
            _ufuncs._set_narrow_blocks(previous)
    for a, b in zip(narrow, full):
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        same &= np.signbit(a) == np.signbit(b)
        assert same.all(), (name, a[~same][:3], b[~same][:3])


def test_a_zero_at_zero_may_carry_either_sign_but_nowhere_else(audit):
    """mpmath's exact 0 has no sign: at x = +-0 ours may be +0 or -0; a zero
    of the wrong sign where the exact value is a tiny negative number (or
    any nonzero input) still counts as misrounded."""
    import mpmath

    x = np.array([-0.0, 0.0, -0.0, 1e-30], dtype=np.float32)
    exact = [mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf("-1e-300"), mpmath.mpf(0)]
    ours = np.array([-0.0, -0.0, 0.0, -0.0], dtype=np.float32)
    expected = reference.correctly_rounded(exact, np.float32)
    result = audit._either_zero(expected, exact, x, ours)
    assert audit._mismatch(ours, result).tolist() == [False, False, True, True]


# The inputs where softsign's double result, rounded once, is wrong: found
# by the --narrow comparison of a round-once softsign loop (session of
# 2026-11-24), which is why softsign keeps the rounding test (SG_ROUNDS_ONCE
# in _ufuncs.c).  x = +-bits is the pair for odd and even kernels alike.
SOFTSIGN_DOUBLE_ROUNDING = {
    "softsign": 0x3C0B8116,
    "softsign_derivative": 0x3B16AEE2,
    "softsign_pdf": 0x3B16AEE2,
    "softsign_cdf": 0xB9F348E3,
}


@pytest.mark.parametrize("name", sorted(SOFTSIGN_DOUBLE_ROUNDING))
def test_softsign_needs_its_rounding_test(name):
    """At these inputs the double result rounds to the wrong float32 and the
    shipped loop (narrow block plus rounding test) must still be right."""
    bits = SOFTSIGN_DOUBLE_ROUNDING[name]
    x = np.array([bits, bits ^ 0x80000000], dtype=np.uint32).view(np.float32)
    expected = reference.correctly_rounded(reference.evaluate(name, x), np.float32)
    ours = getattr(_ufuncs, name)(x)
    assert ours.view(np.uint32).tolist() == expected.view(np.uint32).tolist()
    once = getattr(_ufuncs, name)(x.astype(np.float64)).astype(np.float32)
    assert (once.view(np.uint32) != expected.view(np.uint32)).any(), "no longer a double-rounding case"
