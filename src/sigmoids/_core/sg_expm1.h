/*
 * sg_expm1.h -- e^a and e^a - 1 for a double-double argument a.
 *
 * The Gumbel families (gompertz.h, cloglog.h) exponentiate exponentials:
 * exp(-e^-x), exp(-x - e^-x), 1 - exp(-e^x).  The inner e^-x is a dd
 * (sg_exp_dd) whose tail matters to the outer exponential, so the outer one
 * needs a dd argument, and 1 - exp(-s) for small s needs an expm1 that
 * keeps relative accuracy.  Both live here so that sg_math.h stays the
 * shared base.
 *
 *  - sg_exp_dd_fine(z): e^z for a double z as a dd with relative error
 *    about 2^-75 (sg_exp_dd: 2^-64), for the inner exponential t = e^-x of
 *    exp(-t), which multiplies t's relative error by t (up to 745).
 *
 *  - sg_exp_of_dd(a): e^(a.hi + a.lo) as a dd, relative error about 2^-64
 *    (that of sg_exp_dd), and for results below 2^-968 a single double
 *    rounded once from that accuracy -- subnormal results included.
 *    ALGORITHM: e^(hi + lo) = e^hi (1 + lo), |lo| <= 2^-44 so lo^2/2 is
 *    below 2^-89.  sg_exp_dd drops its tail below 2^-968, where lo would be
 *    lost (it moves a subnormal result by up to 2^8 of its ULPs), so for
 *    hi < -670 the argument is first shifted by 600 ln 2 (a dd product, the
 *    sum in dd), the exponential taken there with its tail, and the result
 *    scaled by 2^-600 with one rounding.  That rounding is a double rounding
 *    only if hi lands exactly on a midpoint of the subnormal grid; then the
 *    tail decides, as in sg_exp_dd.
 *
 *  - sg_expm1_dd(a): e^a - 1 as a dd with relative error about 2^-62.
 *    ALGORITHM (branch-free): |a| < 1/16: Taylor to degree 11 (truncation 2^-72.8
 *    relative), with a + a^2/2 kept exact (two_prod) and the tail a.lo
 *    carried by e^a.hi.  Otherwise e^a - 1 from sg_exp_of_dd: the
 *    subtraction is exact in dd and loses at most a factor e^a/|e^a - 1|
 *    <= 16.5 of sg_exp_dd's 2^-64.
 */
#ifndef SG_EXPM1_H
#define SG_EXPM1_H

#include "sg_math.h"

/* e^z as a dd with relative error about 2^-75, for z in [-700, 700] (z not
 * NaN; clamped to [-760, 700]).  Results below 2^-968 lose their tail and,
 * when subnormal, are rounded twice: callers use it only where e^z is an
 * intermediate whose tail matters when e^z is large (t = e^-x feeding
 * exp(-t), whose condition number is t) and whose smallness makes its
 * precision irrelevant.  Same reduction as sg_exp_dd; e^r - 1 on
 * |r| <= ln2/64 by Taylor to degree 9 (truncation 2^-87) with r + r^2/2
 * exact, so that the rounding of the cubic terms (2^-75) is the largest
 * error instead of sg_exp_dd's 2^-64. */
static inline sg_dd sg_exp_dd_fine(double z) {
    /* |z| < 2^-60: e^z = 1 + z to 2^-121, the exact dd {1, z}; zeroing z
     * for the polynomial keeps r*r from underflowing (a spurious flag). */
    int near_zero = sg_abs_bits(z) < 0x3c30000000000000LL;
    double zc = near_zero ? 0.0 : z;
    zc = zc < -760.0 ? -760.0 : zc;
    zc = zc > 700.0 ? 700.0 : zc;
    const double shift = 0x1.8p52;
    double shifted = zc * SG_INV_LN2_32 + shift;
    double kf = shifted - shift;
    uint64_t kb = sg_bits(shifted) - sg_bits(shift) + ((uint64_t)32 << 15);
    uint64_t j = kb & 31;
    int64_t m = (int64_t)(kb >> 5) - 32768;
    double r = fma(-kf, SG_LN2_32_HI, zc); /* exact */
    double r_lo = -kf * SG_LN2_32_LO;
    sg_dd sq = sg_two_prod(r, r);
    double p = sq.hi * r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040
               + r * (1.0 / 40320 + r * (1.0 / 362880)))))));
    sg_dd s = sg_fast_two_sum(r, 0.5 * sq.hi);
    /* q = e^(r + r_lo) - 1 = expm1(r) + r_lo e^r.  r_lo reaches 2^-45, so
     * e^r needs all of it (r_lo (1 + r) alone measured 2^-65.8). */
    sg_dd q = sg_fast_two_sum(s.hi, s.lo + 0.5 * sq.lo + p + r_lo * (1.0 + (r + (0.5 * sq.hi + p))));
    double t_hi = SG_EXP2_TABLE[2 * j], t_lo = SG_EXP2_TABLE[2 * j + 1];
    /* T (1 + q) with T q in dd. */
    sg_dd tq = sg_two_prod(t_hi, q.hi);
    double small = tq.lo + t_hi * q.lo + t_lo * (1.0 + q.hi);
    sg_dd e = sg_fast_two_sum(t_hi, tq.hi);
    e = sg_fast_two_sum(e.hi, e.lo + small);
    /* 2^m in two factors (m down to -1097), as in sg_exp_dd. */
    uint64_t mb = (uint64_t)(m + 2048);
    int64_t m1 = (int64_t)(mb >> 1) - 1024, m2 = m - m1;
    double f1 = sg_pow2i(m1), f2 = sg_pow2i(m2);
    sg_dd out = { near_zero ? 1.0 : e.hi * f1 * f2, near_zero ? z : e.lo * f1 * f2 };
    return out;
}

/* e^(a.hi + a.lo) for a normalised dd with a.hi finite or NaN (callers clamp
 * infinities: dd arithmetic on them gives NaN tails). */
static inline sg_dd sg_exp_of_dd(sg_dd a) {
    /* Selects, not branches: both paths share one sg_exp_dd.  The test
     * a.hi < -670 is made on the bits (a NaN must not reach a comparison,
     * which may raise FE_INVALID; a negative NaN takes either path). */
    uint64_t hb = sg_bits(a.hi);
    int tiny = (int)(hb >> 63) & ((int64_t)(hb & 0x7fffffffffffffffULL) > 0x4084f00000000000LL);
    /* The shift and the scales are set on the bits, not selected: GCC turned
     * r.hi * (tiny ? 2^-600 : 1) into tiny ? r.hi * 2^-600 : r.hi, and the
     * discarded product underflowed for a.hi in [-670, -290], where the
     * result is normal (gompertz(-6) = 3.6e-176 raised the flag in
     * vectorised loops). */
    uint64_t tiny_mask = (uint64_t)-(int64_t)tiny;
    double shift = sg_from_bits(sg_bits(600.0) & tiny_mask);
    sg_dd s = sg_two_prod(shift, SG_LN2_HI);
    s.lo += shift * SG_LN2_LO;
    sg_dd b = sg_dd_add(a, s);
    sg_dd e = sg_exp_dd(b.hi);
    sg_dd r = sg_fast_two_sum(e.hi, e.lo + e.hi * b.lo);
    /* Scale by 2^-600 (exact unless the result is subnormal) and settle a
     * subnormal tie with the tail. */
    double scale = sg_from_bits(sg_bits(1.0) - (tiny_mask & (600ULL << 52)));     /* 2^-600 or 1 */
    double unscale = sg_from_bits(sg_bits(1.0) + (tiny_mask & (600ULL << 52)));   /* 2^600 or 1 */
    double scaled = r.hi * scale;
    double remainder = r.hi - scaled * unscale;         /* exact */
    /* Half of 2^-1074 before scaling; 1.0 never matches the zero remainder
     * of the unscaled path. */
    double half_ulp = sg_from_bits(sg_bits(1.0) - (tiny_mask & (475ULL << 52)));  /* 2^-475 or 1 */
    uint64_t rem_bits = sg_bits(remainder), lo_bits = sg_bits(r.lo);
    int tie_up = ((rem_bits & 0x7fffffffffffffffULL) == sg_bits(half_ulp))
               & ((lo_bits << 1) != 0) & (((rem_bits ^ lo_bits) >> 63) == 0);
    double bumped = scaled + copysign(0x1p-1074, remainder);
    scaled = tie_up ? bumped : scaled;
    sg_dd out = { scaled, tiny ? 0.0 : r.lo };
    return out;
}

/* e^a - 1 for a normalised dd a with a.hi finite and below 709.  Branch-free
 * (both paths computed, then selected) so that loops over it vectorise. */
static inline sg_dd sg_expm1_dd(sg_dd a) {
    uint64_t abs_bits = sg_bits(a.hi) & 0x7fffffffffffffffULL;
    int small = abs_bits < 0x3fb0000000000000ULL;  /* |h| < 1/16 */
    /* |h| < 2^-500: h^2/2 is below 2^-501 of h, and squaring would only
     * raise a spurious underflow flag: the result is a itself. */
    int tiny = abs_bits < 0x20b0000000000000ULL;
    double h = (small & !tiny) ? a.hi : 0.0;
    sg_dd sq = sg_two_prod(h, h);
    /* h^3/3! + ... + h^11/11! */
    double p = sq.hi * h * (1.0 / 6 + h * (1.0 / 24 + h * (1.0 / 120 + h * (1.0 / 720 + h * (1.0 / 5040
               + h * (1.0 / 40320 + h * (1.0 / 362880 + h * (1.0 / 3628800 + h * (1.0 / 39916800)))))))));
    sg_dd s = sg_fast_two_sum(h, 0.5 * sq.hi);
    /* e^(h + l) - 1 = expm1(h) + l e^h, e^h = 1 + h + h^2/2 to 2^-60. */
    double small_terms = s.lo + 0.5 * sq.lo + p + a.lo * (1.0 + h + 0.5 * sq.hi);
    sg_dd series = sg_fast_two_sum(s.hi, small_terms);
    /* The exponential path, fed 0 where the series serves. */
    sg_dd zero = { 0.0, 0.0 };
    sg_dd e = sg_exp_of_dd(small ? zero : a);
    sg_dd d = sg_two_sum(e.hi, -1.0);
    sg_dd direct = sg_fast_two_sum(d.hi, d.lo + e.lo);
    sg_dd out = small ? series : direct;
    return tiny ? a : out;
}

#endif /* SG_EXPM1_H */
