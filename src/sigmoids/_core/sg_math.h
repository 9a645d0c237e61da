/*
 * sg_math.h -- the small shared math layer every family header builds on.
 *
 * What lives here and why:
 *
 *  - Double-double (dd) arithmetic: an unevaluated sum hi + lo carrying about
 *    106 bits.  The float64 kernels evaluate their one or two ill-conditioned
 *    steps (1 + e^-x, a quotient, a logarithm's last digits) in dd so that the
 *    only error of size 1/2 ULP left is the final rounding.  That is what keeps
 *    float64 within 1 ULP (measured, see each family header).
 *
 *  - sg_exp_dd: e^x as hi + lo with relative error below 2^-64 (measured
 *    2^-64.8 at x = 169.9 over 2M random x in [-693, 709]; below 2^-968 the
 *    result is a single correctly rounded double with no tail, so that the
 *    tail never underflows).
 *    ALGORITHM: x = k ln2/32 + r with |r| <= ln2/64 (Cody-Waite with an fma,
 *    exact because k has at most 17 bits), e^x = 2^(k>>5) * 2^((k&31)/32) * e^r,
 *    the 32 table values stored as dd (tools/gen_tables.py), e^r by its Taylor
 *    polynomial of degree 7 (truncation 4.7e-21 at |r| = ln2/64) with the
 *    leading 1 + r kept exact.  The final scaling by 2^(k>>5) is split in two
 *    factors so that neither over- nor underflows before the true result does.
 *
 *  - sg_log1p_dd / sg_log_dd: log with relative error near 2^-58 for a dd
 *    argument.  ALGORITHM: small arguments (|t| < 2^-8) by the alternating
 *    series to degree 9; otherwise one Newton step on e^y = 1 + t from libm's
 *    log1p, the residual taken with sg_exp_dd, which doubles libm's 52 bits.
 *    Their branch-free twins, which vectorise, are in sg_log.h (sg_log,
 *    sg_log1p from a table-free polynomial, and sg_log1p_vdd); the kernels
 *    move to them one family at a time, each re-certified.
 *
 *  - The rounding test for float32/float16 loops.  Rounding the float64 result
 *    once is right except where it lies within the float64 error of a
 *    narrow-format midpoint (about 68 float32 logistic inputs out of 2^32, all
 *    tiny x where 0.5 + x/4 is a midpoint).  sg_f32_hard / sg_f16_hard detect
 *    those and the loop re-evaluates in sg_wide (binary128 via libquadmath, or
 *    long double where that is binary128), then rounds once from there.
 *
 *  - Narrow mode (SG_NARROW, the second compilation of _ufuncs.c that feeds
 *    the float32/float16 loops): the dd primitives, sg_exp_dd and the logs
 *    reduce to plain double.  The rounding test needs only 2^-44 of the
 *    float64 value; the double-double work is what float64 results need.
 *    Same kernel source, 1.4 to 21 times as fast in float32 (measured per
 *    kernel, issue 4).  One trap, found by comparing the two blocks: the
 *    narrow dd keeps a tail of +0.0, so sg_dd_round turns a hi of -0.0 into
 *    +0.0.  gompertz_logsf (and its mirror cloglog_logcdf) end in
 *    log1p(-g) with g underflowed to 0 for x < -6.6, and their narrow block
 *    returned +0 where the truth, a tiny negative number, rounds to -0
 *    (257,272 of 2^20 random float32 inputs); that step now takes its sign
 *    from hi.  Every narrow block is certified exhaustively
 *    (tools/audit_float32.py, plain or --narrow; SG_NARROW_CERTIFIED,
 *    SG_ROUNDS_ONCE).
 *
 *  - float16 <-> double by bit manipulation: exact widening, correctly rounded
 *    (ties to even) narrowing, no libnpymath and no _Float16 needed.
 *
 *  - FP-flag helpers: NumPy decides its warnings from the hardware flags
 *    after the loop, so out-of-domain input must *raise* FE_INVALID and
 *    log(0)-like poles FE_DIVBYZERO.  The volatile zero stops the compiler
 *    folding the division away.
 */
#ifndef SG_MATH_H
#define SG_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <float.h>

#include "sg_tables.h"

#if defined(SG_HAVE_QUADMATH)
#include <quadmath.h>
typedef __float128 sg_wide;
#define SG_WIDE_NAME "binary128 (libquadmath)"
#define sg_wexp expq
#define sg_wexpm1 expm1q
#define sg_wlog logq
#define sg_wlog1p log1pq
#else
typedef long double sg_wide;
#define SG_WIDE_NAME "long double"
#define sg_wexp expl
#define sg_wexpm1 expm1l
#define sg_wlog logl
#define sg_wlog1p log1pl
#endif

/* For large steps and kernels whose loops must vectorise (sg_atan_dd,
 * sg_erfcx_pieces, sg_erfcx_asym, sg_gd_tail_dd, the erf, normal and
 * gudermannian values, the erf, arctan and gudermannian CDFs): GCC weighs them
 * against its inlining budget for the whole translation unit and, past it,
 * leaves a call in the loop, and a call stops vectorisation (the float64
 * arctan loop ran scalar for that alone; splitting sg_erfcx_pieces out made
 * float64 erf 2.6x slower until both were forced inline). */
#if defined(__GNUC__) || defined(__clang__)
#define SG_FORCE_INLINE static inline __attribute__((always_inline))
#else
#define SG_FORCE_INLINE static inline
#endif

/* ------------------------------------------------------------------ bits */

/* Type punning through a union (defined in C): memcpy here turned into a
 * punned load that stopped GCC 12 vectorising the loops. */
typedef union { double d; uint64_t u; } sg_pun;
static inline uint64_t sg_bits(double x) { sg_pun p; p.d = x; return p.u; }
static inline double sg_from_bits(uint64_t u) { sg_pun p; p.u = u; return p.d; }

/* The bits of |x| as a signed integer.  Lane tests compare it with the bits
 * of a positive cut: they order like the values (NaN above inf), never raise
 * FE_INVALID, and a signed compare is one AVX2 instruction where an unsigned
 * 64-bit one is three (plan's float32 loop ran 1.4x faster signed). */
static inline int64_t sg_abs_bits(double x) { return (int64_t)(sg_bits(x) & 0x7fffffffffffffffULL); }

/* True for NaN, without a comparison that could raise FE_INVALID. */
static inline int sg_isnan(double x) { return sg_abs_bits(x) > 0x7ff0000000000000LL; }
static inline int sg_isfinite(double x) { return (sg_bits(x) & 0x7ff0000000000000ULL) != 0x7ff0000000000000ULL; }

/* An integer that orders like x (x + 0 first, so that -0 ties with +0;
 * NaN above +inf).  Lane tests that must never see a NaN compare these:
 * GCC 12 with -fno-trapping-math folded a floating comparison of a NaN-free
 * select (`(nan ? 0 : x) > 710`) back into a comparison of x, whose
 * vectorised form raised FE_INVALID for NaN lanes (measured in sg_exp_dd
 * once the float64 loops vectorised). */
static inline int64_t sg_order_key(double x) {
    int64_t b = (int64_t)sg_bits(x + 0.0);
    return b ^ (int64_t)((uint64_t)(b >> 63) >> 1);
}
/* x clamped to [lo, hi], NaN sent to 0, with no floating comparison. */
static inline double sg_clamp_between(double x, double lo, double hi) {
    int64_t k = sg_order_key(x);
    double c = k < sg_order_key(lo) ? lo : x;
    c = k > sg_order_key(hi) ? hi : c;
    return sg_isnan(x) ? 0.0 : c;
}

/* c ? a : b, selected on the bits.  With -fno-trapping-math GCC may sink a
 * select of doubles into the operation that uses it, op(c ? a : b) into
 * c ? op(a) : op(b), and a vectorised loop computes both: 1/(big ? a : 1)
 * became 1/a in every lane and raised FE_DIVBYZERO for a = 0 (arctan).  In
 * a small probe it did not do that through this integer select, but it
 * can fold a bit select with a constant arm back into a floating one, so
 * operands that some lanes must not see are clamped on the bits
 * (sg_clamp_abs_between) rather than selected. */
static inline double sg_select(int c, double a, double b) { return sg_from_bits(c ? sg_bits(a) : sg_bits(b)); }

/* NaN that raises FE_INVALID, as NumPy's own domain errors do. */
static inline double sg_invalid(void) { volatile double zero = 0.0; return zero / zero; }
/* +-inf that raises FE_DIVBYZERO, as log(0) does. */
static inline double sg_pole(double sign) { volatile double zero = 0.0; return sign / zero; }

/* ------------------------------------------------------------- double-double */

typedef struct { double hi, lo; } sg_dd;

#if defined(SG_NARROW)
/* Narrow mode (the float32/float16 loops, see the header): the same kernels
 * with every double-double step reduced to plain double.  Their error, a few
 * float64 ULPs (~2^-50), is far inside the 2^-44 that the rounding test
 * assumes, and the exhaustive audits certify the result. */
static inline sg_dd sg_two_sum(double a, double b) { sg_dd r = { a + b, 0.0 }; return r; }
static inline sg_dd sg_fast_two_sum(double a, double b) { sg_dd r = { a + b, 0.0 }; return r; }
static inline sg_dd sg_two_prod(double a, double b) { sg_dd r = { a * b, 0.0 }; return r; }
static inline sg_dd sg_dd_add(sg_dd a, sg_dd b) { sg_dd r = { a.hi + b.hi, 0.0 }; return r; }
static inline sg_dd sg_dd_mul(sg_dd a, sg_dd b) { sg_dd r = { a.hi * b.hi, 0.0 }; return r; }
static inline sg_dd sg_dd_div(sg_dd a, sg_dd b) { sg_dd r = { a.hi / b.hi, 0.0 }; return r; }
#else

static inline sg_dd sg_two_sum(double a, double b) {
    double s = a + b, bb = s - a;
    sg_dd r = { s, (a - (s - bb)) + (b - bb) };
    return r;
}
/* Requires |a| >= |b| or a == 0. */
static inline sg_dd sg_fast_two_sum(double a, double b) {
    double s = a + b;
    sg_dd r = { s, b - (s - a) };
    return r;
}
static inline sg_dd sg_two_prod(double a, double b) {
    double p = a * b;
    sg_dd r = { p, fma(a, b, -p) };
    return r;
}
static inline sg_dd sg_dd_add(sg_dd a, sg_dd b) {
    sg_dd s = sg_two_sum(a.hi, b.hi);
    return sg_fast_two_sum(s.hi, s.lo + a.lo + b.lo);
}
static inline sg_dd sg_dd_mul(sg_dd a, sg_dd b) {
    sg_dd p = sg_two_prod(a.hi, b.hi);
    return sg_fast_two_sum(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}
/* a / b with relative error about 2^-104: one correction of the quotient.
 * One division only (the reciprocal); the exact fma residual repairs the
 * extra half ULP that a.hi * (1/b.hi) costs. */
static inline sg_dd sg_dd_div(sg_dd a, sg_dd b) {
    double inverse = 1.0 / b.hi;
    double q = a.hi * inverse;
    double residual = fma(-q, b.hi, a.hi) + a.lo - q * b.lo;
    return sg_fast_two_sum(q, residual * inverse);
}
#endif /* SG_NARROW */

/* The double nearest to a + b. */
static inline double sg_dd_round(sg_dd a) { return a.hi + a.lo; }

/* a.hi + a.lo rounded to odd (for a normalised dd): a second rounding to
 * float32 or float16 is then correct (53 >= 24 + 2).  a.hi is the nearest
 * double; when the tail is not zero and a.hi is even, the odd neighbour on
 * the tail's side is the round-to-odd result. */
static inline double sg_dd_to_double_odd(sg_dd a) {
    uint64_t bits = sg_bits(a.hi);
    int nudge = (a.lo != 0.0) & ((bits & 1) == 0) & sg_isfinite(a.hi);
    int away = (a.lo > 0) == (a.hi > 0);
    return nudge ? sg_from_bits(away ? bits + 1 : bits - 1) : a.hi;
}

/* ------------------------------------------------------------------ exp */

/* 2^n for integer n in [-1022, 1023], built from bits. */
static inline double sg_pow2i(int64_t n) { return sg_from_bits((uint64_t)(n + 1023) << 52); }

/* (v.hi + v.lo) 2^-k rounded once, for a normal dd v and 0 <= k <= 1000;
 * kernels whose results reach the subnormal range compute them scaled up,
 * as dds of normal numbers, and round here (without it the fma forms of
 * tanh.h measured up to 1.16 ULP near DBL_MIN);
 * the result may be subnormal.  Scaling v.hi rounds correctly except when
 * v.hi * 2^-k is exactly a midpoint of the subnormal grid, where the tail
 * decides (a tail smaller than a quarter subnormal step cannot matter
 * otherwise).  The same repair as in sg_exp_dd. */
static inline double sg_dd_round_scaled(sg_dd v, int64_t k) {
    double scaled = v.hi * sg_pow2i(-k);
    double remainder = v.hi - scaled * sg_pow2i(k);            /* exact */
    /* 2^(k-1075), half of 2^-1074 scaled up; for k = 0 nothing is scaled
     * and no remainder can match the 1.0 put there instead.  The exponent
     * is clamped to k >= 1 first: a vectorised loop computes both arms, and
     * 2^-1075 itself raised a spurious underflow flag (sg_gauss_density). */
    int64_t k_scaled = k > 0 ? k : 1;
    double half_step = k > 0 ? sg_pow2i(k_scaled - 875) * 0x1p-200 : 1.0;
    uint64_t rem_bits = sg_bits(remainder), lo_bits = sg_bits(v.lo);
    int tie_up = ((rem_bits & 0x7fffffffffffffffULL) == sg_bits(half_step)) & ((lo_bits << 1) != 0)
               & (((rem_bits ^ lo_bits) >> 63) == 0);
    double bumped = scaled + copysign(0x1p-1074, remainder);
    return tie_up ? bumped : scaled;
}

#if defined(SG_NARROW)
/* e^x in plain double (narrow mode): the same reduction and polynomial,
 * relative error about 2^-52; lo is 0. */
static inline sg_dd sg_exp_dd(double x) {
    int nan = sg_isnan(x);
    double xc = sg_clamp_between(x, -760.0, 710.0);     /* NaN -> 0 */
    const double shift = 0x1.8p52;
    double shifted = xc * SG_INV_LN2_32 + shift;
    double kf = shifted - shift;
    uint64_t kb = sg_bits(shifted) - sg_bits(shift) + ((uint64_t)32 << 15);
    uint64_t j = kb & 31;
    int64_t m = (int64_t)(kb >> 5) - 32768;
    double r = fma(-kf, SG_LN2_32_HI, xc) - kf * SG_LN2_32_LO;
    double p = r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))));
    double t_hi = SG_EXP2_TABLE[2 * j];
    double e = t_hi + t_hi * (r + p);
    uint64_t mb = (uint64_t)(m + 2048);
    int64_t m1 = (int64_t)(mb >> 1) - 1024, m2 = m - m1;
    double nan_or_one = nan ? x : 1.0;
    sg_dd out = { e * sg_pow2i(m1) * sg_pow2i(m2) * nan_or_one, 0.0 };
    return out;
}
#else
/* e^x as a dd, relative error < 2^-64 for finite results.
 * SPECIAL VALUES: x > 709.78 gives +inf, x < -745.2 gives +0 (with the
 * hardware underflow flag, as NumPy's exp), NaN propagates.
 * Written branch-free (selects, integer ops on the bit patterns, one table
 * gather) so that GCC and Clang vectorise loops that call it. */
static inline sg_dd sg_exp_dd(double x) {
    int nan = sg_isnan(x);
    /* |x| < 2^-60: e^x = 1 + x to 2^-121, exactly the dd {1, x}.  Zeroing x
     * for the polynomial also keeps r*r from underflowing (a spurious
     * underflow flag under np.errstate(under="raise")). */
    int near_zero = sg_abs_bits(x) < 0x3c30000000000000LL;
    /* Clamp so that k stays small; the clamped results are still inf / 0.
     * NaN goes to 0 (see sg_clamp_between). */
    double xc = sg_clamp_between(x, -760.0, 710.0);
    xc = near_zero ? 0.0 : xc;
    const double shift = 0x1.8p52;
    double shifted = xc * SG_INV_LN2_32 + shift;
    double kf = shifted - shift;
    /* k sits in the low bits of `shifted`; +2^20 keeps it non-negative so
     * that only logical shifts are needed (AVX2 has no 64-bit arithmetic shift). */
    uint64_t kb = sg_bits(shifted) - sg_bits(shift) + ((uint64_t)32 << 15);
    uint64_t j = kb & 31;
    int64_t m = (int64_t)(kb >> 5) - 32768;             /* floor(k / 32) */
    double r = fma(-kf, SG_LN2_32_HI, xc); /* exact, see header */
    double r_lo = -kf * SG_LN2_32_LO;
    double t_hi = SG_EXP2_TABLE[2 * j], t_lo = SG_EXP2_TABLE[2 * j + 1];
    /* p = e^r - 1 - r, Taylor to degree 7. */
    double p = r * r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040))))));
    /* e^(r + r_lo) = e^r (1 + r_lo): the tail multiplies the whole of e^r,
     * p included (dropping r_lo * p cost 2^-60 at |x| ~ 640). */
    p += r_lo * (1.0 + r + p);
    /* T * (1 + r + p) with T * r exact. */
    sg_dd tr = sg_two_prod(t_hi, r);
    double small = tr.lo + t_hi * p + t_lo * (1.0 + r + p);
    sg_dd s = sg_fast_two_sum(t_hi, tr.hi);
    sg_dd e = sg_fast_two_sum(s.hi, s.lo + small);
    /* Two factors so that neither overflows nor underflows on its own:
     * m1 = floor(m/2) through the biased (non-negative) value. */
    uint64_t mb = (uint64_t)(m + 2048);
    int64_t m1 = (int64_t)(mb >> 1) - 1024, m2 = m - m1;
    double f1 = sg_pow2i(m1), f2 = sg_pow2i(m2);
    /* Results below 2^-968 keep no tail (it would underflow and raise a
     * spurious flag); those go through the single-rounding path below.
     * The factor is selected before the multiplication so that nothing
     * underflows even in the lanes that discard it. */
    int tiny = m < -968;
    double f2_tail = tiny ? 0.0 : f2;
    double hi = e.hi * f1 * f2, lo = e.lo * f1 * f2_tail;
    /* Below 2^-968 the tail is folded in before the last scaling instead:
     * one rounding for normal results, and for subnormal ones the tie case
     * is settled by the tail (scaling the tail separately into subnormal
     * granularity measured 0.75 ULP near 2^-1022). */
    sg_dd u = sg_fast_two_sum(e.hi * f1, e.lo * f1);
    double scaled = u.hi * f2;
    /* u.hi * f2 rounds correctly unless u.hi is exactly a midpoint of the
     * subnormal grid, where the tail u.lo decides (a 53-bit u.hi cannot be
     * closer to a midpoint than its tail without sitting on it).  Without
     * this the double rounding measured 0.75 ULP. */
    double remainder = u.hi - scaled * sg_pow2i(-m2); /* exact; no division */
    double half_ulp = sg_pow2i(-1075 - m2);           /* half of 2^-1074, in units before f2 */
    /* Integer tests on the bits: FP comparisons here became branches. */
    uint64_t rem_bits = sg_bits(remainder), lo_bits = sg_bits(u.lo);
    int tie_up = ((rem_bits & 0x7fffffffffffffffULL) == sg_bits(half_ulp))
               & ((lo_bits << 1) != 0) & (((rem_bits ^ lo_bits) >> 63) == 0);
    /* Selects of values already computed, never a conditional operation: with
     * -ftrapping-math the compiler will not if-convert those, and a branch
     * stops vectorisation. */
    double bumped = scaled + copysign(0x1p-1074, remainder);
    scaled = tie_up ? bumped : scaled;
    /* NaN enters by multiplication, not by a select: a select lets the
     * compiler skip the table load for NaN lanes, and a masked gather does
     * not vectorise on AVX2. */
    double nan_or_one = nan ? x : 1.0;
    sg_dd out = { (tiny ? scaled : hi) * nan_or_one, near_zero ? x : lo };
    return out;
}
#endif /* SG_NARROW */

/* ------------------------------------------------------------------ log */

#if defined(SG_NARROW)
static inline sg_dd sg_log1p_dd(sg_dd t) { sg_dd r = { log1p(t.hi), 0.0 }; return r; }
static inline sg_dd sg_log_dd(sg_dd q) { sg_dd r = { log(q.hi), 0.0 }; return r; }
#else
/* log(1 + t) for a dd t > -1, relative error about 2^-58. */
static inline sg_dd sg_log1p_dd(sg_dd t) {
    if (fabs(t.hi) < 0x1p-8) {
        /* t - t^2/2 + ... - t^9/9 < 2^-72 truncation; the leading t is exact. */
        double h = t.hi;
        double tail = h * h * (-0.5 + h * (1.0 / 3 + h * (-0.25 + h * (0.2 + h * (-1.0 / 6 + h * (1.0 / 7 + h * (-0.125 + h * (1.0 / 9))))))));
        return sg_fast_two_sum(h, t.lo * (1.0 - h) + tail);
    }
    double y0 = log1p(t.hi);
    sg_dd e = sg_exp_dd(y0);
    /* Newton on e^y = 1 + t:  y1 = y0 + (1 + t - e^y0) / e^y0. */
    sg_dd one_plus_t = sg_two_sum(1.0, t.hi);
    one_plus_t.lo += t.lo;
    double diff = (one_plus_t.hi - e.hi) + (one_plus_t.lo - e.lo);
    return sg_fast_two_sum(y0, diff / e.hi);
}

/* log(q) for a dd q > 0 (q may be subnormal), relative error about 2^-58. */
static inline sg_dd sg_log_dd(sg_dd q) {
    if (q.hi > 0.75 && q.hi < 1.5) {
        /* Near 1 the Newton residual would cancel: go through log1p(q - 1). */
        sg_dd t = sg_fast_two_sum(q.hi - 1.0, q.lo); /* q.hi - 1 exact (Sterbenz) */
        return sg_log1p_dd(t);
    }
    double bias = 0.0;
    if (q.hi < 0x1p-900) {      /* keep e^y0 normal for the Newton residual */
        q.hi *= 0x1p200; q.lo *= 0x1p200; bias = -200.0;
    }
    double y0 = log(q.hi);
    sg_dd e = sg_exp_dd(y0);
    double diff = (q.hi - e.hi) + (q.lo - e.lo);
    sg_dd y = sg_fast_two_sum(y0, diff / e.hi);
    if (bias != 0.0) {
        sg_dd shift = sg_dd_add(sg_two_prod(bias, SG_LN2_HI), sg_two_prod(bias, SG_LN2_LO));
        y = sg_dd_add(shift, y);
    }
    return y;
}
#endif /* SG_NARROW */

/* ------------------------------------------------------------ float16 */

static inline double sg_half_to_double(uint16_t h) {
    uint64_t sign = (uint64_t)(h & 0x8000u) << 48;
    uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ffu;
    if (exp == 0x1f)               /* inf / NaN (payload kept, quiet bit set) */
        return sg_from_bits(sign | 0x7ff0000000000000ULL | ((uint64_t)mant << 42) | (mant ? 0x0008000000000000ULL : 0));
    if (exp == 0) {                /* zero or subnormal: mant * 2^-24 exactly */
        double v = (double)mant * 0x1p-24;
        return sign ? -v : v;
    }
    return sg_from_bits(sign | ((uint64_t)(exp - 15 + 1023) << 52) | ((uint64_t)mant << 42));
}

/* Raise FE_OVERFLOW (and FE_INEXACT), as a float16 cast in NumPy does when
 * a finite value rounds to inf. */
static inline void sg_raise_overflow(void) { volatile double big = 0x1p1023; big = big * 2.0; }
/* Raise FE_UNDERFLOW (and FE_INEXACT), as a result rounded to 0 does. */
static inline void sg_raise_underflow(void) { volatile double tiny = 0x1p-1022; tiny = tiny * 0x1p-60; }

/* Correctly rounded (ties to even) double -> float16. */
static inline uint16_t sg_double_to_half(double x) {
    uint64_t u = sg_bits(x);
    uint16_t sign = (uint16_t)((u >> 48) & 0x8000u);
    uint64_t a = u & 0x7fffffffffffffffULL;
    if (a > 0x7ff0000000000000ULL) return sign | 0x7e00u | (uint16_t)((a >> 42) & 0x3ffu);
    if (a >= 0x40effe0000000000ULL) {                        /* >= 65520: rounds to inf */
        if (a < 0x7ff0000000000000ULL) sg_raise_overflow();  /* a finite value overflows, as in NumPy */
        return sign | 0x7c00u;
    }
    int e = (int)(a >> 52) - 1023;
    if (e < -25) return sign;                                /* below half the smallest subnormal */
    uint64_t m = (a & 0x000fffffffffffffULL) | 0x0010000000000000ULL; /* 53-bit significand */
    int shift;                                               /* bits to drop from m */
    uint16_t base;
    if (e < -14) {                                           /* subnormal half: units of 2^-24 */
        shift = 52 - (e + 24);
        base = 0;
    } else {
        shift = 42;
        base = (uint16_t)((e + 15) << 10);
        m &= 0x000fffffffffffffULL;                          /* implicit bit goes to the exponent */
    }
    uint64_t q = m >> shift, rem = m & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
    if (rem > half || (rem == half && (q & 1))) q++;
    return sign | (uint16_t)(base + q);                      /* a carry rolls into the exponent */
}

/* ------------------------------------------------------- rounding test */

/* Relative error bound assumed for every float64 kernel when deciding whether
 * a narrow result is safe.  The float64 kernels are measured within 1 ULP
 * (2^-52); 2^-44 leaves a factor 256 of margin and costs a slow-path
 * evaluation for about one float32 input in 2^19. */
#define SG_HARD_TOL 0x1p-44

/* Measured cost (issue 4): a result that is *exactly* a float32 midpoint is
 * hard too, though rounding it to even would be right.  hard_sigmoid's
 * x/6 + 1/2 is exact for about 1 float32 x in 3, and 0.8% of uniform inputs
 * in [-10, 10] land on a midpoint: every block of 1024 then takes the
 * binary128 path a few times, and the float32 loop runs at 3.9 ns/element
 * against 1.1 ns for float64.  Kernels that can prove their double result
 * exact (the piecewise-linear families) could skip the wide twin. */
/* inf and NaN are never hard.  They are replaced by 0 on the bits, not
 * skipped by a branch: the loops vectorise this test and compute every
 * lane, and r + d for r = -inf was inf - inf, an FE_INVALID that made a
 * float32 log-CDF warn "invalid value" on -inf results in long arrays. */
static inline double sg_finite_or_zero(double r) { return sg_from_bits(sg_isfinite(r) ? sg_bits(r) : 0); }
static inline int sg_f32_hard(double r) {
    double rf = sg_finite_or_zero(r);
    double d = fabs(rf) * SG_HARD_TOL;
    return (float)(rf - d) != (float)(rf + d);
}
static inline int sg_f16_hard(double r) {
    double rf = sg_finite_or_zero(r);
    double d = fabs(rf) * SG_HARD_TOL;
    return sg_double_to_half(rf - d) != sg_double_to_half(rf + d);
}

/* Round a wide value to double with round-to-odd, so that a second rounding
 * to float16 is correct (53 >= 11 + 2). */
static inline double sg_wide_to_double_odd(sg_wide w) {
    double d = (double)w;
    if ((sg_wide)d != w && (sg_bits(d) & 1) == 0 && sg_isfinite(d))
        d = nextafter(d, (sg_wide)d < w ? INFINITY : -INFINITY);
    return d;
}

#endif /* SG_MATH_H */
