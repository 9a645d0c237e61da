"""Generate the polynomial coefficients of src/sigmoids/_core/sg_erf.h with mpmath.

Run it and paste its output between the GENERATED markers of sg_erf.h:

    python tools/gen_erf.py > /tmp/erf_tables.h

What it fits, and why each piece has the shape it has (sg_erf.h explains how
the kernels use them):

* ``SG_ERF_SMALL``: erf(z)/z = P(s) with s = z^2 on [0, 1/4] (|z| <= 1/2).
  A function of s, so an odd erf comes out exactly odd and the normal
  family, which knows s = x^2/2 exactly, never squares a rounded z.  The
  first three coefficients are stored as double-doubles: c1 s is up to 1/12
  and c2 s^2 up to 1/160 of the result, too much to be rounded to 53 bits;
  from c3 s^3 (< 2^-11 of the result) on, double Horner costs < 2^-64.

* ``SG_ERFCX_PIECES``: erfcx(z) = e^(z^2) erfc(z) on [1/2, 8) in 32 pieces,
  eight per binade (the piece is read off the exponent and the top three
  mantissa bits of z), each a polynomial in t = z - c about its centre c.
  Pieces are a sixteenth of the binade on each side of c, so the terms fall
  at least as fast as (|t|/c)^k <= 16^-k relative: a0, a1, a2 as dd and the
  rest in double keep the evaluation below 2^-64.  erfcx is smooth and slowly
  varying where erfc itself falls by 2^-90; the e^(-z^2) is applied exactly
  afterwards (sg_exp_dd of the exact dd z^2).

* ``SG_ERFCX_ASYM``: for z >= 8, erfcx(z) = R(u) / (sqrt(pi) z) with
  u = 1/z^2 in (0, 1/64] and R(u) = 1 - u/2 + u^2 Q(u).  Q (Q(0) = 3/4) is
  fitted in double: u^2 Q is below 2^-12.4 of R, and 1 - u/2 is formed
  exactly in dd.  R is not analytic at u = 0 (the asymptotic series
  diverges), but it is C-infinity there and Chebyshev interpolation still
  converges fast on so short an interval.

* ``SG_ERFINV_CENTRAL`` and ``SG_ERFCINV_TAIL``: starting points for the
  inverses, about 2^-26 relative, which one Halley step on the dd forward
  function takes below 2^-70.  Central: erfinv(y)/y as a polynomial in y^2 on
  [0, 1/4] (|y| <= 1/2).  Tail: erfcinv(q) for q in [2^-1074, 1/2] as a
  function of v = sqrt(-log q) (x ~ v - log(sqrt(pi) v)/(2v) is smooth in v),
  in half-binade pieces of v from [3/4, 1) to [24, 32), polynomials in v - c.
"""
from __future__ import annotations

import sys

import mpmath as mp

mp.mp.dps = 90


def erfcx(z):
    return mp.exp(z * z) * mp.erfc(z)


def to_dd(a):
    hi = float(a)
    lo = float(a - mp.mpf(hi))
    return hi, lo


def fit(f, a, b, degree):
    """Chebyshev interpolant of f on [a, b] in monomial form, lowest degree first."""
    poly = mp.chebyfit(f, [a, b], degree + 1)
    return list(reversed(poly))


def rel_error(f, coeffs, a, b, samples=64):
    worst = mp.mpf(0)
    for i in range(samples + 1):
        x = a + (b - a) * mp.mpf(i) / samples
        v = f(x)
        p = mp.polyval(list(reversed(coeffs)), x)
        worst = max(worst, abs((p - v) / v))
    return worst


def rounded(coeffs, n_dd):
    """Coefficients as stored: the first n_dd as exact dd sums, the rest as doubles."""
    out = []
    for k, c in enumerate(coeffs):
        if k < n_dd:
            hi, lo = to_dd(c)
            out.append(mp.mpf(hi) + mp.mpf(lo))
        else:
            out.append(mp.mpf(float(c)))
    return out


def fmt(x: float) -> str:
    return float(x).hex() if x != 0 else "0.0"


def log2(x):
    return float(mp.log(x, 2)) if x > 0 else -999.0


def emit_array(name, values, comment, per_line=3):
    print(f"/* {comment} */")
    print(f"static const double {name}[{len(values)}] = {{")
    for i in range(0, len(values), per_line):
        print("    " + ", ".join(fmt(v) for v in values[i:i + per_line]) + ",")
    print("};")


# ------------------------------------------------------------------ erf small

def erf_over_z(s):
    if s == 0:
        return 2 / mp.sqrt(mp.pi)
    z = mp.sqrt(s)
    return mp.erf(z) / z


def gen_small():
    a, b = mp.mpf(0), mp.mpf(1) / 4
    for degree in range(8, 20):
        coeffs = fit(erf_over_z, a, b, degree)
        err = rel_error(erf_over_z, coeffs, a, b)
        if err < mp.mpf(2) ** -70:
            break
    stored = rel_error(erf_over_z, rounded(coeffs, 3), a, b)
    values = []
    for c in coeffs[:3]:
        values += to_dd(c)
    values += [float(c) for c in coeffs[3:]]
    emit_array("SG_ERF_SMALL", values,
               f"erf(z)/z = sum c_k s^k, s = z^2 in [0, 1/4]: c0..c2 as dd (hi, lo), then c3..c{degree}; "
               f"fit error 2^{log2(err):.1f}, 2^{log2(stored):.1f} as stored")
    return degree


# ------------------------------------------------------------- erfcx pieces

def gen_pieces():
    rows = []
    worst = mp.mpf(0)
    for e in range(-1, 3):
        for j in range(8):
            a = mp.ldexp(1, e) * (1 + mp.mpf(j) / 8)
            b = mp.ldexp(1, e) * (1 + mp.mpf(j + 1) / 8)
            rows.append((a, b))
    degree = 9
    while True:
        fits = []
        worst = stored = mp.mpf(0)
        for a, b in rows:
            c = (a + b) / 2
            g = lambda t, c=c: erfcx(c + t)
            coeffs = fit(g, a - c, b - c, degree)
            err = rel_error(g, coeffs, a - c, b - c, samples=32)
            worst = max(worst, err)
            stored = max(stored, rel_error(g, rounded(coeffs, 3), a - c, b - c, samples=32))
            fits.append((c, coeffs))
        if worst < mp.mpf(2) ** -70 or degree == 16:
            break
        degree += 1
    width = 1 + 6 + (degree - 2)
    print(f"#define SG_ERFCX_DEGREE {degree}")
    print(f"#define SG_ERFCX_ROW {width}")
    print(f"/* erfcx(c + t) on [1/2, 8): 32 rows {{c, a0 hi, a0 lo, a1 hi, a1 lo, a2 hi, a2 lo, a3, ..., a{degree}}};")
    print(f"   row = 8 (binade of z, from [1/2, 1)) + top three mantissa bits; fit error 2^{log2(worst):.1f},")
    print(f"   2^{log2(stored):.1f} with the coefficients as stored */")
    print(f"static const double SG_ERFCX_PIECES[32 * SG_ERFCX_ROW] = {{")
    for c, coeffs in fits:
        values = [float(c)]
        for k in coeffs[:3]:
            values += to_dd(k)
        values += [float(k) for k in coeffs[3:]]
        print("    " + ", ".join(fmt(v) for v in values) + ",")
    print("};")


# ------------------------------------------------------------- erfcx z >= 8

def q_of_u(u):
    if u == 0:
        return mp.mpf(3) / 4
    with mp.workdps(mp.mp.dps + 60):
        z = 1 / mp.sqrt(u)
        r = mp.sqrt(mp.pi) * z * erfcx(z)
        return (r - 1 + u / 2) / (u * u)


def gen_asym():
    a, b = mp.mpf(0), mp.mpf(1) / 64
    for degree in range(4, 20):
        coeffs = fit(q_of_u, a, b, degree)
        # The error that matters is u^2 (Q - fit) relative to R ~ 1.
        worst = mp.mpf(0)
        for i in range(1, 65):
            u = b * mp.mpf(i) / 64
            p = mp.polyval(list(reversed(rounded(coeffs, 0))), u)
            worst = max(worst, abs(u * u * (p - q_of_u(u))))
        if worst < mp.mpf(2) ** -68:
            break
    emit_array("SG_ERFCX_ASYM", [float(c) for c in coeffs],
               f"Q(u), u = 1/z^2 in (0, 1/64]: R(u) = sqrt(pi) z erfcx(z) = 1 - u/2 + u^2 Q(u); "
               f"error of u^2 Q 2^{log2(worst):.1f}")


# --------------------------------------------------------- inverse: central

def erfinv_over_y(s):
    if s == 0:
        return mp.sqrt(mp.pi) / 2
    y = mp.sqrt(s)
    return mp.erfinv(y) / y


def gen_inverse_central():
    a, b = mp.mpf(0), mp.mpf(1) / 4
    for degree in range(3, 14):
        coeffs = fit(erfinv_over_y, a, b, degree)
        err = rel_error(erfinv_over_y, rounded(coeffs, 0), a, b)
        if err < mp.mpf(2) ** -30:
            break
    emit_array("SG_ERFINV_CENTRAL", [float(c) for c in coeffs],
               f"starting point erfinv(y)/y in s = y^2 on [0, 1/4]; error 2^{log2(err):.1f}")


# ------------------------------------------------------------ inverse: tail

def erfcinv_of_v(v):
    """x with erfc(x) = exp(-v^2), by Newton on log erfc(x) + v^2 = 0."""
    k = 2 / mp.sqrt(mp.pi)
    x = v - mp.log(mp.sqrt(mp.pi) * v) / (2 * v) if v > 1 else v * 0.6
    for _ in range(100):
        g = mp.log(mp.erfc(x)) + v * v
        gp = -k / erfcx(x)
        step = g / gp
        x -= step
        if abs(step) < mp.mpf(10) ** (-mp.mp.dps + 10) * abs(x):
            break
    return x


def gen_inverse_tail():
    v_min = mp.sqrt(mp.log(2))                     # q = 1/2
    # half-binades [3/4, 1), [1, 3/2), [3/2, 2), ..., [24, 32): row = the
    # exponent and top mantissa bit of v, counted from 3/4.
    pieces = [(mp.mpf(3) / 4, mp.mpf(1))]
    for e in range(5):
        pieces += [(mp.ldexp(1, e), mp.ldexp(3, e - 1)), (mp.ldexp(3, e - 1), mp.ldexp(1, e + 1))]
    degree = 6
    with mp.workdps(40):
        while True:
            fits = []
            worst = mp.mpf(0)
            for a, b in pieces:
                c = (a + b) / 2
                g = lambda t, c=c: erfcinv_of_v(c + t)
                fa = max(a, v_min)
                coeffs = fit(g, fa - c, b - c, degree)
                err = rel_error(g, rounded(coeffs, 0), fa - c, b - c, samples=16)
                worst = max(worst, err)
                fits.append((c, coeffs))
            if worst < mp.mpf(2) ** -26:
                break
            degree += 1
    print(f"#define SG_ERFCINV_DEGREE {degree}")
    print(f"/* starting point erfcinv(q), v = sqrt(-log q) in half-binades [3/4, 1), [1, 3/2), ..., [24, 32):")
    print(f"   rows {{c, b0, ..., b{degree}}}, x = sum b_k (v - c)^k; error 2^{log2(worst):.1f} */")
    print(f"static const double SG_ERFCINV_TAIL[{len(fits)} * {degree + 2}] = {{")
    for c, coeffs in fits:
        print("    " + ", ".join(fmt(v) for v in [float(c)] + [float(k) for k in coeffs]) + ",")
    print("};")


def gen_constants():
    """The constants, each as a dd (hi, lo) rounded from 90 digits."""
    constants = [
        ("SG_SQRT1_2", 1 / mp.sqrt(2), "1/sqrt(2): z = x/sqrt(2) for the normal family"),
        ("SG_SQRT2", mp.sqrt(2), "sqrt(2): probit = sqrt(2) erfinv(2p - 1)"),
        ("SG_SQRTPI", mp.sqrt(mp.pi), "sqrt(pi): erfcx(z) = R(u)/(sqrt(pi) z)"),
        ("SG_2_SQRTPI", 2 / mp.sqrt(mp.pi), "2/sqrt(pi) = erf'(0)"),
        ("SG_1_SQRTPI", 1 / mp.sqrt(mp.pi), "1/sqrt(pi): the pdf of the erf CDF form at 0"),
        ("SG_1_SQRT2PI", 1 / mp.sqrt(2 * mp.pi), "1/sqrt(2 pi) = Phi'(0)"),
        ("SG_SQRTPI_2", mp.sqrt(mp.pi) / 2, "sqrt(pi)/2 = erfinv'(0)"),
        ("SG_BIAS_LN2", 600 * mp.log(2), "600 log 2: e^(-s) is formed 2^600 higher where it would be subnormal"),
    ]
    for name, value, comment in constants:
        hi, lo = to_dd(value)
        print(f"/* {comment} */")
        print(f"#define {name}_HI {fmt(hi)}")
        print(f"#define {name}_LO {fmt(lo)}")
    print("/* pi/12: erfinv(y) = (sqrt(pi)/2)(y + (pi/12) y^3 + ...) */")
    print(f"#define SG_PI_12 {fmt(float(mp.pi / 12))}")


def main() -> int:
    print("/* ---- GENERATED by tools/gen_erf.py (mpmath %s); do not edit by hand ---- */" % mp.__version__)
    gen_constants()
    gen_small()
    gen_pieces()
    gen_asym()
    gen_inverse_central()
    gen_inverse_tail()
    print("/* ---- END GENERATED ---- */")
    return 0


if __name__ == "__main__":
    sys.exit(main())
