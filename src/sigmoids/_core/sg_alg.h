/*
 * sg_alg.h -- algebraic helpers for the families built from square roots and
 * quotients (algebraic, softsign), and the lane guards of the branch-free
 * kernels.
 *
 *  - sg_sqrt_dd: sqrt of a dd to about 2^-104 relative.  ALGORITHM: libm's
 *    correctly rounded sqrt of the high part, then one Newton correction
 *    whose residual d - r^2 is exact through an fma (r^2 = d.hi to within
 *    an ULP, so the fma's result is exact by Sterbenz-like cancellation).
 *    The argument must be a normal double with a normal tail or a zero tail.

 *
 *  - sg_abs_below / sg_abs_above: NaN-quiet lane selects on |x|; clamps
 *    that cannot raise flags (sg_clamp_*, sg_flush_below, sg_nonzero), and
 *    sg_nan_pass.  For the branch-free inverses and quantiles:
 *    sg_domain_guard and sg_pole_guard raise FE_INVALID and FE_DIVBYZERO
 *    in their own lanes only (sg_unit_inverse_ends puts back the poles,
 *    domain and NaN of an inverse on [0, 1], sg_logcdf_ends the infinities
 *    and NaN of a log-CDF), and sg_quantile_fold folds p onto
 *    min(p, 1 - p).  sg_infinity_to_zero and sg_put_limits: the lanes at
 *    +-inf computed at 0 and their exact limits put back, with no flag.
 *
 *  - sg_wsqrt: the square root of the wide type used by the float32/float16
 *    hard cases (binary128 via libquadmath, or long double).
 */
#ifndef SG_ALG_H
#define SG_ALG_H

#include "sg_math.h"

#if defined(SG_HAVE_QUADMATH)
#define sg_wsqrt sqrtq
#else
#define sg_wsqrt sqrtl
#endif

/* Lane selects: |x| < cut, and cut < |x| <= inf (NaN excluded), as integer
 * tests on the bits, which never raise FE_INVALID for NaN and keep the
 * kernels branch-free. */
static inline int sg_abs_below(double x, uint64_t cut_bits) {
    return sg_abs_bits(x) < (int64_t)cut_bits;
}
static inline int sg_abs_above(double x, uint64_t cut_bits) {
    int64_t ab = sg_abs_bits(x);
    return (ab > (int64_t)cut_bits) & (ab <= 0x7ff0000000000000LL);
}
/* Clamps are never written as `cond ? K : x` followed by arithmetic: with
 * -fno-trapping-math GCC may rewrite op(cond ? K : x) into
 * cond ? op(K) : op(x) and evaluate op(x) in every lane -- 2x for x = 1e308
 * then raised a spurious overflow flag (measured).  The clamps below map NaN
 * to a number, so the kernels put it back at the end with sg_nan_pass. */
static inline double sg_nan_pass(double x, double v) { return sg_isnan(x) ? x : v; }
/* fmin/fmax themselves may compile to minsd/maxsd, which raise FE_INVALID
 * for a quiet NaN: the clamps are integer selects on the bits.  They send
 * NaN to 0 (to lo for the two-sided one), a value at which no kernel raises
 * a flag (a NaN clamped to +-1000 made tanh.cdf raise underflow).
 *   sg_clamp_abs(x, k)             copysign(min(|x|, k), x), k > 0
 *   sg_clamp_abs_between(x, lo, hi) copysign(min(max(|x|, lo), hi), x)
 *   sg_clamp_above(x, k)           min(x, k), k > 0 */
#define SG_BITS_INF 0x7ff0000000000000LL
static inline double sg_clamp_abs_between(double x, double lo, double hi) {
    /* NaN is zeroed by a mask and the bounds applied by an integer max and
     * min: a select with a constant arm (ab > inf ? lo : ...) was folded
     * into a floating select, which GCC then sank into the caller's
     * division (see sg_select). */
    int64_t ab = sg_abs_bits(x), lb = (int64_t)sg_bits(lo), hb = (int64_t)sg_bits(hi);
    uint64_t keep = (uint64_t)-(int64_t)(ab <= SG_BITS_INF);
    uint64_t sign = sg_bits(x) & 0x8000000000000000ULL & keep;
    int64_t cb = (int64_t)((uint64_t)ab & keep);
    cb = cb < lb ? lb : cb;
    cb = cb > hb ? hb : cb;
    return sg_from_bits(sign | (uint64_t)cb);
}
static inline double sg_clamp_abs(double x, double k) {
    return sg_clamp_abs_between(x, 0.0, k);
}
/* x clamped to [lo, hi] by an integer max and min of order keys, mapped
 * back to a double (the key is its own inverse): sg_clamp_between's
 * floating selects were sunk by GCC into what followed them, which then
 * ran twice and ended in a select of two comparisons, a mix of mask widths
 * the vectoriser refused (sg_log1p).  NaN goes to hi (lo if its sign bit
 * is set); the callers put it back. */
static inline double sg_clamp_ordered(double x, double lo, double hi) {
    int64_t key = sg_order_key(x), lo_key = sg_order_key(lo), hi_key = sg_order_key(hi);
    key = key < lo_key ? lo_key : key;
    key = key > hi_key ? hi_key : key;
    return sg_from_bits((uint64_t)(key ^ (int64_t)((uint64_t)(key >> 63) >> 1)));
}
/* 0 where |x| < cut (bits), x elsewhere: an integer mask, so that the
 * square of a tiny input is never formed (a spurious underflow flag). */
static inline double sg_flush_below(double x, uint64_t cut_bits) {
    /* A mask, not a select with the constant arm 0 (see sg_clamp_abs_between). */
    uint64_t keep = (uint64_t)-(int64_t)(sg_abs_bits(x) >= (int64_t)cut_bits);
    return sg_from_bits(sg_bits(x) & keep);
}
static inline double sg_clamp_above(double x, double k) {
    uint64_t b = sg_bits(x);
    int64_t sb = (int64_t)b, kb = (int64_t)sg_bits(k);
    int nan = sg_abs_bits(x) > SG_BITS_INF;
    return sg_from_bits(nan ? 0 : (uint64_t)(sb > kb ? kb : sb));
}

/* A domain error that vectorises (sg_invalid()'s volatile read keeps a
 * loop scalar, and an early return is a branch): v where y is in [lo, hi]
 * or NaN (the kernels' v is then NaN too), else NaN raising FE_INVALID in
 * exactly those lanes, by z - z with z = inf there and 0 elsewhere.
 * Everything before the subtraction is integer work, for three reasons
 * found the hard way with GCC 12 and -fno-trapping-math: a floating
 * comparison of a NaN-free select was folded into a comparison of y itself
 * (FE_INVALID for NaN lanes); `bad ? INFINITY : 0.0` minus itself was
 * folded into `bad ? NaN : 0.0`, a constant that raises nothing; and an int
 * flag reused as a condition mixed mask widths the vectoriser refused.
 * The bounds are compared on sg_order_key. */
static inline double sg_domain_guard(double y, double lo, double hi, double v) {
    int64_t key = sg_order_key(y);
    int64_t bad = -(int64_t)(key < sg_order_key(lo)) | -(int64_t)(key > sg_order_key(hi));
    bad &= ~-(int64_t)sg_isnan(y);
    double z = sg_from_bits((uint64_t)bad & 0x7ff0000000000000ULL);
    double invalid = z - z;
    return z == 0.0 ? v : invalid;
}

/* The pole companion of sg_domain_guard: numerator/0 (+-inf raising
 * FE_DIVBYZERO) in the lanes where `pole` is set, v elsewhere.  The zero is
 * masked out of the bits of 1.0 and the result chosen by a comparison of
 * that divisor, for the reasons given above: a select on `pole` would let
 * GCC fold the division by a known 0 into a constant inf that raises
 * nothing. */
static inline double sg_pole_guard(int pole, double numerator, double v) {
    double divisor = sg_from_bits(sg_bits(1.0) & (uint64_t)((int64_t)pole - 1));
    double at_pole = numerator / divisor;
    return divisor == 1.0 ? v : at_pole;
}

/* The ends of an inverse or quantile on [0, 1], put back last on the
 * kernel's value v: -inf at 0 and +inf at 1 with FE_DIVBYZERO, NaN with
 * FE_INVALID outside [0, 1], NaN itself passed through. */
static inline double sg_unit_inverse_ends(double y, double v) {
    v = sg_pole_guard(sg_abs_bits(y) == 0, -1.0, v);
    v = sg_pole_guard(sg_bits(y) == sg_bits(1.0), 1.0, v);
    v = sg_domain_guard(y, 0.0, 1.0, v);
    return sg_nan_pass(y, v);
}

/* The kernels whose limits at +-inf are exact (a density's +0, a CDF's 0
 * and 1) compute those lanes at 0 and put the limits back last with
 * sg_put_limits: a huge clamped argument instead would raise an underflow
 * that the exact limit does not.  On the bits, like the clamps above. */
static inline int sg_is_infinite(double x) { return sg_abs_bits(x) == SG_BITS_INF; }
static inline double sg_infinity_to_zero(double x) {
    return sg_from_bits(sg_bits(x) & ((uint64_t)sg_is_infinite(x) - 1));
}
/* v with the limits at -inf and +inf put back, NaN passed through. */
static inline double sg_put_limits(double x, double at_minus_inf, double at_plus_inf, double v) {
    v = sg_bits(x) == sg_bits(-INFINITY) ? at_minus_inf : v;
    v = sg_bits(x) == sg_bits(INFINITY) ? at_plus_inf : v;
    return sg_nan_pass(x, v);
}
/* The ends of a log-CDF, put back last on the kernel's value v:
 * logcdf(-inf) = -inf and logcdf(+inf) = -0 exactly (the kernels compute
 * those lanes on clamped arguments), NaN passed through. */
static inline double sg_logcdf_ends(double x, double v) { return sg_put_limits(x, -INFINITY, -0.0, v); }

/* The quantiles' fold onto q = min(p, 1 - p) (1 - p is exact for p >= 1/2),
 * branch-free: p is clamped to [0, 1] on the bits (NaN to 0; the kernels
 * put NaN back and raise the domain's flags with sg_domain_guard), and
 * `upper` says p >= 1/2, where the quantile is positive.  `pole` marks
 * p = 0 and p = 1 (for sg_pole_guard). */
typedef struct { double q; int upper, pole; } sg_fold;
static inline sg_fold sg_quantile_fold(double p) {
    double pc = fabs(sg_clamp_abs(p, 1.0));
    sg_fold f;
    f.upper = sg_abs_bits(pc) >= (int64_t)sg_bits(0.5);
    f.q = f.upper ? 1.0 - pc : pc;
    f.pole = (sg_abs_bits(p) == 0) | (sg_bits(p) == sg_bits(1.0));
    return f;
}
/* x with 0 replaced by `fill` through a mask: a divisor for the lanes whose
 * q is 0 (the poles, and NaN), where 1/q would raise a flag they must not
 * (a select would be sunk into the division, see sg_select). */
static inline double sg_nonzero(double x, double fill) {
    uint64_t zero = (uint64_t)-(int64_t)(sg_bits(x) == 0);
    return sg_from_bits(sg_bits(x) | (zero & sg_bits(fill)));
}

/* x < -cut with -inf excluded: the lanes of a left tail that take its far
 * form, whose argument the CDFs clamp to a bound chosen by this test (the
 * other lanes, -inf among them, get a bound where the far form raises no
 * flag; their result is 1, or exactly 0 at -inf).  It is tested on the
 * order key, not the sign bit: the kernels' final selects test the sign
 * bit, and GCC folded a bound chosen by that same condition back into the
 * far form of every lane (softsign's CDF). */
static inline int sg_far_left(double x, double cut) {
    int64_t key = sg_order_key(x);
    return (key < sg_order_key(-cut)) & (key > sg_order_key(-INFINITY));
}

/* The largest double below 1: the inverses' arguments are clamped to it, so
 * that 1 - |y| never vanishes in a lane that a guard then overrides. */
#define SG_BELOW_ONE 0x1.fffffffffffffp-1

/* Bit patterns of the powers of two used as lane cuts. */
#define SG_BITS_2M60 0x3c30000000000000ULL   /* 2^-60 */
#define SG_BITS_2M30 0x3e10000000000000ULL   /* 2^-30 */
#define SG_BITS_2M200 0x3370000000000000ULL  /* 2^-200 */
#define SG_BITS_2P30 0x41d0000000000000ULL   /* 2^30 */
#define SG_BITS_2P40 0x4270000000000000ULL   /* 2^40 */
#define SG_BITS_2P60 0x43b0000000000000ULL   /* 2^60 */
#define SG_BITS_2P100 0x4630000000000000ULL  /* 2^100 */
#define SG_BITS_2P540 0x61b0000000000000ULL  /* 2^540 */

/* sqrt(d) for d >= 0 a dd; sqrt(0) = 0, NaN propagates. */
static inline sg_dd sg_sqrt_dd(sg_dd d) {
    double r = sqrt(d.hi);
    /* r == 0 would divide by zero below: the divisor is clamped on the bits
     * (no nonzero r is smaller than 2^-537), not selected (see sg_select). */
    double safe = sg_clamp_abs_between(r, 0x1p-1022, INFINITY);
    double residual = fma(-r, r, d.hi) + d.lo;
    return sg_fast_two_sum(r, residual / (2.0 * safe));
}

#endif /* SG_ALG_H */
