/*
 * logistic.h -- the logistic family: sigma(x) = 1/(1+e^-x) = e^x/(e^x+1).
 *
 * Every kernel comes as a pair:
 *   double  sg_<kernel>(double)          the float64 kernel, also the fast path
 *                                        of the float32 and float16 loops;
 *   sg_wide sg_<kernel>_wide(sg_wide)    a binary128 evaluation used only for
 *                                        the rare narrow-format hard cases
 *                                        (see the rounding test in sg_math.h).
 *
 * Measured accuracy (tests/test_accuracy.py, tools/audit_float32.py,
 * docs/accuracy.md): float16 and float32 correctly rounded for every input
 * (exhaustive sweeps: 0 misrounded); float64 figures in each block below,
 * against mpmath at 60 digits over every binade and both tails.
 */
#ifndef SG_LOGISTIC_H
#define SG_LOGISTIC_H

#include "sg_math.h"
#include "sg_log.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   t = e^-|x| as a dd (sg_exp_dd), so t lies in (0, 1] and never overflows.
 *   x >= 0: 1/(1 + t);  x < 0: t/(1 + t).  Both share the denominator
 *   1 + t, formed exactly as a dd, and one corrected dd division, so the
 *   only sizeable error is the final rounding.  The x < 0 branch keeps full
 *   relative accuracy into the subnormal tail (sigma(-745) = 5e-324), where
 *   1 - sigma(-x) would cancel to 0.
 * SPECIAL VALUES
 *   sigma(+-0) = 0.5, sigma(+inf) = 1, sigma(-inf) = +0, NaN -> NaN (quiet).
 *   No overflow flag for any finite x; an underflow flag only where the
 *   result itself is subnormal or 0, or (float64) below 2^-511, where the
 *   dd quotient's products of the result with its own tail underflow
 *   first (sigma(-355) = 1.5e-154 warns; tests/test_fp_semantics.py).
 * MEASURED (float64, max ULP): 0.49999 at x = -2.661984408756453.  The
 *   float64 loop runs sg_logistic_f64v below, which is correctly rounded
 *   wherever it does not hand the lane back to this kernel.
 * SPEED: the float32 loop (narrow mode) runs at about 4 ns/element on one
 *   AVX2 core, 5x a copy at 1e7 elements where torch.sigmoid takes 1.4x.
 *   perf annotate puts about 35% of its cycles on the 4-wide vdivpd and
 *   20% on the exp table reads, which GCC 12 does as scalar extracts
 *   (vmovq/vpextrq), not a gather.  A division-free quotient, a table-free
 *   exp or 8 lanes (AVX-512, float-float) would each change the narrow
 *   double result, and so need the exhaustive float32 check redone.
 */
static inline double sg_logistic(double x) {
    /* Branch-free so that loops vectorise: the sign is read from the bits
     * (a `<` on NaN could raise FE_INVALID).  So that no normal result
     * raises "underflow", |x| is capped at 40 for x > 0 (sigma(40) already
     * rounds to 1; e^-800 would underflow) and set to 0 below 2^-60
     * (sigma rounds to 1/2; the quotient's products of a tiny t.lo would
     * underflow) and at -inf (whose +0 is put back last).  All of it on
     * |x|'s bits, as masks: a select on the sign was sunk by GCC into the
     * division, which then ran twice, and sg_clamp_abs here cost 2.3x
     * (float32 1.1 -> 2.7 ns per element).  NaN computes at 40 or 0 and is
     * put back last. */
    uint64_t negative = (uint64_t)-(int64_t)(sg_bits(x) >> 63);
    int64_t cap = (int64_t)((SG_BITS_INF & negative) | (sg_bits(40.0) & ~negative));
    int64_t ab = sg_abs_bits(x);
    ab = ab > cap ? cap : ab;
    ab &= -(int64_t)((ab >= (int64_t)SG_BITS_2M60) & (ab != SG_BITS_INF));
    double a = sg_from_bits((uint64_t)ab);
    sg_dd t = sg_exp_dd(-a);
    sg_dd denom = sg_two_sum(1.0, t.hi);
    denom.lo += t.lo;
    sg_dd num = { sg_from_bits((sg_bits(t.hi) & negative) | (sg_bits(1.0) & ~negative)),
                  sg_from_bits(sg_bits(t.lo) & negative) };
    double v = sg_dd_round(sg_dd_div(num, denom));
    v = sg_bits(x) == sg_bits(-INFINITY) ? 0.0 : v;
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_logistic_wide(sg_wide x) {
    if (x < 0) { sg_wide t = sg_wexp(x); return t / (1 + t); }
    return 1 / (1 + sg_wexp(-x));
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   sigma'(x) = sigma(x) sigma(-x) = t/(1+t)^2 with t = e^-|x| (an even
 *   function, so only e^-|x| is ever formed: no overflow, and the tail
 *   e^-|x| is kept to the last bit -- sigma'(40) = 4.248354255291589e-18,
 *   where sigma(x)(1 - sigma(x)) gives 0).  (1+t)^2 and the quotient in dd.
 * SPECIAL VALUES
 *   sigma'(+-0) = 0.25, sigma'(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.49999 at x = -0.4342145886583211.  The
 *   float64 loop runs sg_logistic_derivative_scaled_f64v below (1.11x
 *   faster at 1e7), correctly rounded wherever it does not hand the lane
 *   back to this kernel; tanh's derivative and pdf share it (1.45x, 1.31x).
 */
static inline double sg_logistic_derivative(double x) {
    /* branch-free, NaN flows through; +-inf computes at 0 (e^-inf would
     * raise underflow) and gets its exact +0 back */
    sg_dd t = sg_exp_dd(-fabs(sg_infinity_to_zero(x)));
    sg_dd denom = sg_two_sum(1.0, t.hi);
    denom.lo += t.lo;
    return sg_put_limits(x, 0.0, 0.0, sg_dd_round(sg_dd_div(t, sg_dd_mul(denom, denom))));
}
static inline sg_wide sg_logistic_derivative_wide(sg_wide x) {
    sg_wide t = sg_wexp(x < 0 ? x : -x);
    return t / ((1 + t) * (1 + t));
}

/* -------------------------------------------------------- inverse (logit)
 * ALGORITHM
 *   logit(y) = log(y / (1 - y)), by symmetry logit(y) = -logit(1 - y), and
 *   1 - y is exact for y >= 1/2, so y > 1/2 is folded onto (0, 1/2]: this
 *   keeps full accuracy near 1 (logit(1 - 2^-53) = 36.74).
 *   y in [1/4, 1/2]: log1p(z) with z = (2y - 1)/(1 - y); the numerator is
 *   exact (Sterbenz) and the denominator an exact dd, so z is a dd to 2^-104 and there is no
 *   cancellation near 1/2 (log(y) - log(1-y) would lose everything there).
 *   y < 1/4: log(q), q = y/(1 - y) as a dd (1 - y by two_sum); the log is
 *   the Newton-corrected sg_log_far_vdd, which handles subnormal y; below 2^-60,
 *   log(y) alone (the y/(1-y) correction is under 2^-66 relative).  The
 *   logarithms are sg_log.h's branch-free ones, so the loops vectorise.
 * SPECIAL VALUES
 *   logit(0) = -inf and logit(1) = +inf with FE_DIVBYZERO, like log(0);
 *   logit(1/2) = +0; y < 0, y > 1 -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5058 at y = 0.4970785549050559 (the Newton step of sg_log1p_vdd, 2^-59 relative; the same with the libm start).
 */
SG_FORCE_INLINE double sg_logistic_inverse(double y) {
    /* Forced inline: the translation unit's inlining budget left it a call
     * in the logit and tanh_ppf loops, which then ran scalar.
     * Branch-free, so that the loops vectorise: every lane forms both
     * logarithms on arguments clamped into their own region (so that
     * neither raises a flag) and selects; the poles, the domain and NaN are
     * put back last.  The order keys of y in [0, 1] compare like y. */
    double yc = sg_clamp_ordered(y, 0.0, 1.0);
    int upper = sg_order_key(yc) > sg_order_key(0.5);
    double folded = upper ? 1.0 - yc : yc;                       /* exact */
    /* [1/4, 1/2]: log1p((2y - 1)/(1 - y)) */
    double ya = sg_clamp_ordered(folded, 0.25, 0.5);
    sg_dd near_half = sg_log1p_vdd(sg_dd_div((sg_dd){ 2.0 * ya - 1.0, 0.0 }, sg_two_sum(1.0, -ya)));
    /* [2^-60, 1/4): log(y/(1 - y)); below 2^-60, log(y) alone: the
     * quotient's correction is under 2^-66 relative and its dd tail y*y
     * would underflow.  y = 0 takes 1 (its pole is put back below). */
    double yb = sg_clamp_ordered(folded, 0x1p-60, 0.25);
    sg_dd quotient = sg_dd_div((sg_dd){ yb, 0.0 }, sg_two_sum(1.0, -yb));
    int below = sg_abs_bits(folded) < (int64_t)sg_bits(0x1p-60);
    sg_dd tail = sg_log_far_vdd(sg_dd_pick(below, (sg_dd){ sg_nonzero(folded, 1.0), 0.0 }, quotient));
    int in_half = sg_abs_bits(folded) >= (int64_t)sg_bits(0.25);
    double v = sg_dd_round(in_half ? near_half : tail);
    v = upper ? -v : v;
    return sg_unit_inverse_ends(y, v);
}
static inline sg_wide sg_logistic_inverse_wide(sg_wide y) {
    /* The same three regions as the float64 kernel: log1p((2y-1)/(1-y)) alone
     * sends subnormal y to log1p(-1) = -inf even in binary128 (the float32
     * audit found 310 such inputs). */
    if (y < 0.25) return sg_wlog(y / (1 - y));
    if (y > 0.75) return -sg_wlog((1 - y) / y);
    return sg_wlog1p((2 * y - 1) / (1 - y));
}

/* ------------------------------------------------------------- softplus
 * ALGORITHM
 *   softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|): the exponent is
 *   never positive, so nothing overflows (softplus(1000) = 1000, not inf).
 *   log1p of the dd e^-|x| is sg_log1p_vdd (sg_log.h); the sum with x is
 *   taken as a dd and rounded once.  Branch-free, so that the loops
 *   vectorise: every lane forms max(x, 0) + log1p(e^-|x|) and the special
 *   lanes are put back last.  For x > 40 the exponent is clamped to -40:
 *   log1p(e^-x) < 2^-57 is then below half an ULP of x either way, and
 *   e^-x no longer underflows (a spurious flag for a result near x).
 * SPECIAL VALUES
 *   softplus(+-0) = log 2, softplus(+inf) = +inf, softplus(-inf) = +0,
 *   NaN -> NaN.  softplus(x) = x to the last bit for x > 37.4 in float64.
 *   Underflow is flagged only where the result is (x < -708.4).
 * MEASURED (float64, max ULP): 0.5052 at x = -4.396411270290494 (the Newton
 *   step of the log1p, 2^-58 relative; 300k uniform inputs on [-12, 12] plus
 *   tools/measure_float64.py's sweep.  The libm start of the previous
 *   version measured the same worst input and error).
 */
static inline double sg_softplus(double x) {
    int minus_inf = sg_bits(x) == sg_bits(-INFINITY);
    /* -inf lanes take e^0 (their result is 0, exactly, and must not flag),
     * and so do NaN lanes: sg_clamp_ordered sends a NaN with its sign bit
     * set (x86's default NaN) to -DBL_MAX, whose e^x underflows. */
    double exponent = -fabs(sg_clamp_ordered(x, -0x1.fffffffffffffp+1023, 40.0));
    exponent = sg_from_bits(sg_bits(exponent) & ((uint64_t)(minus_inf | sg_isnan(x)) - 1));
    sg_dd l = sg_log1p_vdd(sg_exp_dd(exponent));
    double positive = sg_clamp_ordered(x, 0.0, 0x1.fffffffffffffp+1023);   /* max(x, 0), finite */
    sg_dd s = sg_two_sum(positive, l.hi);
    double v = s.hi + (s.lo + l.lo);
    v = sg_bits(x) == sg_bits(INFINITY) ? INFINITY : v;
    v = sg_from_bits(sg_bits(v) & ((uint64_t)minus_inf - 1));
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_softplus_wide(sg_wide x) {
    if (x > 0) return x + sg_wlog1p(sg_wexp(-x));
    return sg_wlog1p(sg_wexp(x));
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log sigma(x) = -softplus(-x) and log(1 - sigma(x)) = log sigma(-x)
 *   = -softplus(x): negation is exact, so both inherit softplus' accuracy,
 *   and both stay finite as far as float64 goes (log sigma(-1000) = -1000,
 *   where log(expit(-1000)) = -inf).
 * SPECIAL VALUES
 *   logcdf(+inf) = -0, logcdf(-inf) = -inf; logsf mirrored; NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5052 at x = 4.396411270290494, logsf
 *   0.5052 at x = -4.396411270290494 (softplus' worst input).
 */
static inline double sg_logistic_logcdf(double x) { return -sg_softplus(-x); }
static inline sg_wide sg_logistic_logcdf_wide(sg_wide x) { return -sg_softplus_wide(-x); }
static inline double sg_logistic_logsf(double x) { return -sg_softplus(x); }
static inline sg_wide sg_logistic_logsf_wide(sg_wide x) { return -sg_softplus_wide(x); }

#if defined(SG_VEC_TU)
/* ----------------------------------------- float32 fast kernels (sg_vec.h)
 * sigma(d), for the logistic and for tanh's CDF form sigma(2x):
 * ALGORITHM
 *   1/(1 + e^y), y = -d clamped to [-40, 87], in double: e^y (sg_vexp,
 *   under 2^-47) lies in [4e-18, 6e37], 1 + t and the quotient add one
 *   rounding each: under 2^-46.5 in all, against the rounding test's 2^-44.
 *   No sign select: for d < 0 the large t carries the tail as well as the
 *   small one carries the top for d > 0.
 * LANES IT LEAVES to the scalar path: d < -87 (sigma(-87.34) is the
 *   smallest normal float32; below, the result is subnormal or 0 and
 *   raises underflow), -inf, NaN (one unordered comparison), and the
 *   near-midpoint lanes (the 68 tiny-x cases of the design note among
 *   them).  d > 40 computes at 40: sigma rounds to 1 in float32 above
 *   17.33, so +inf needs no lane of its own.
 */
SG_VINLINE sg_vd sg_logistic_vd(sg_vd d, sg_vl *hard) {
    sg_vd y = -d;
    sg_vd q = 1.0 / (1.0 + sg_vexp(sg_vd_min(sg_vd_max(y, -40.0), 87.0)));
    *hard = sg_vd_above_or_nan(y, 87.0) | sg_vf32_near_midpoint(q);
    return q;
}
SG_VINLINE sg_vf sg_logistic_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_logistic_vd(sg_vd_of_vf(x), hard));
}

/* The float64 value, correctly rounded (softmax([z, 0])[0] == sigma(z) to
 * the last bit relies on it; a fast loop at 0.52 ULP broke that):
 * ALGORITHM
 *   1/(1 + e^y), y = -x clamped to [-40, 708], in double-double: e^y =
 *   2^k e (sg_vexp_dd_fine, 2^-63), the sum and quotient formed at the scale
 *   2^-k' with k' = max(k, 0), so that every operand stays within [2^-58,
 *   2.9]: den = 2^-k' + 2^(k - k') e (two_sum), q = 1/den as a pair
 *   (sg_vdd_div); q.hi is the correctly rounded quotient unless the float64
 *   rounding test flags it; it is scaled back exactly by 2^-k'.
 * LANES IT LEAVES to the full kernel: the rounding test's (about 1 in
 *   2^7), x < -708 (results below 2^-1021.4, where the scale-back would
 *   round, then subnormal or 0 with underflow), -inf and NaN.  x > 40
 *   computes at 40 (sigma rounds to 1 from 36.74), +inf included.
 */
SG_VINLINE sg_vd sg_logistic_f64v(sg_vd x, sg_vl *hard) {
    sg_vexp_dd_t t = sg_vexp_dd_fine(sg_vd_min(sg_vd_max(-x, -40.0), 708.0));
    sg_vd k_top = sg_vd_max(t.k, 0.0);
    sg_vd scale = sg_vpow2(t.k - k_top), unscale = sg_vpow2(-k_top);
    sg_vdd den = sg_vtwo_sum(unscale, t.e.hi * scale);
    den.lo += t.e.lo * scale;
    sg_vdd q = sg_vdd_div((sg_vdd){ sg_vd_splat(1.0), sg_vd_splat(0.0) }, den);
    *hard = sg_vd_above_or_nan(-x, 708.0) | sg_vf64_near_midpoint(q);
    return q.hi * unscale;
}

/* k sigma'(d) = k t/(1 + t)^2 in float64, t = e^-a, a = |d|, for the
 * logistic's derivative (k = 1) and tanh's derivative and density (4 and 2
 * sigma'(2x)); correctly rounded wherever the rounding test settles the lane:
 * ALGORITHM
 *   t = 2^j e (sg_vexp_dd_fine, 2^-63) with a clamped to 600, so that t
 *   and its tail stay normal and the scaling by 2^j is exact; 1 + t by
 *   fast_two_sum, its square (sg_vdd_square) and the quotient (sg_vdd_div)
 *   as pairs, each to about 2^-104.  d log q / d log t = (1 - t)/(1 + t)
 *   lies in [0, 1], so q carries t's 2^-63 and little more, inside the
 *   float64 rounding test's 2^-61.  Scaling by k is exact (q >= 2^-868).
 * LANES IT LEAVES to the full kernel: a > 600 (results below 2^-864, whose
 *   subnormal ones the full kernel rounds once), NaN, and the test's
 *   (about 1 in 2^7).
 */
SG_VINLINE sg_vd sg_logistic_derivative_scaled_f64v(sg_vd a, double k, sg_vl *hard) {
    sg_vexp_dd_t e = sg_vexp_dd_fine(-sg_vd_min(a, 600.0));
    sg_vd scale = sg_vpow2(e.k);
    sg_vdd t = { e.e.hi * scale, e.e.lo * scale };
    sg_vdd one_t = sg_vfast_two_sum(sg_vd_splat(1.0), t.hi);
    one_t.lo += t.lo;
    sg_vdd q = sg_vdd_div(t, sg_vdd_square(one_t));
    *hard = sg_vd_above_or_nan(a, 600.0) | sg_vf64_near_midpoint(q);
    return k * q.hi;
}
SG_VINLINE sg_vd sg_logistic_derivative_f64v(sg_vd x, sg_vl *hard) {
    return sg_logistic_derivative_scaled_f64v(sg_vd_abs(x), 1.0, hard);
}

/* sigma'(d) = t/(1 + t)^2 with t = e^-|d|, for the logistic's derivative
 * and tanh's (4 sigma'(2x)) and density (2 sigma'(2x)):
 * ALGORITHM
 *   t = e^-|d| with |d| clamped to 87 (sg_vexp, under 2^-47), (1 + t)^2 and
 *   the quotient: under 2^-46 against the rounding test's 2^-44.
 * LANES IT LEAVES: |d| > 87 (results below the float32 normal range), NaN,
 *   and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_logistic_derivative_vd(sg_vd d, sg_vl *hard) {
    sg_vd a = sg_vd_abs(d);
    sg_vd t = sg_vexp(-sg_vd_min(a, 87.0));
    sg_vd one_t = 1.0 + t;
    sg_vd q = t / (one_t * one_t);
    *hard = sg_vd_above_or_nan(a, 87.0) | sg_vf32_near_midpoint(q);
    return q;
}
SG_VINLINE sg_vf sg_logistic_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_logistic_derivative_vd(sg_vd_of_vf(x), hard));
}

/* logit(y) for y in (0, 1), for the logistic's inverse and tanh's quantile
 * (logit(p)/2):
 * ALGORITHM
 *   One division and one logarithm (sg_vlog, 2^-51) per lane, by region:
 *   y in [1/4, 3/4]: log1p((2y - 1)/(1 - y)), numerator and denominator
 *   exact for a float32 y, 1 + f summed with its rounding error (no
 *   cancellation near 1/2, where log(y) - log(1 - y) would lose it all);
 *   y < 1/4: log(y/(1 - y)); y > 3/4: -log((1 - y)/y), 1 - y exact.  Under
 *   2^-50 in all.
 * LANES IT LEAVES: y <= 0 and y >= 1 (the poles, with divide-by-zero, and
 *   the domain errors, with invalid), NaN, and the near-midpoint lanes.
 *   No result is subnormal: |logit(y)| >= 2^-22 for y != 1/2.
 */
SG_VINLINE sg_vd sg_logit_vd(sg_vd y, sg_vl *hard) {
    sg_vd one = sg_vd_splat(1.0);
    sg_vl lower = y < sg_vd_splat(0.25), upper = y > sg_vd_splat(0.75);
    sg_vd complement = one - y;
    sg_vd num = sg_vd_select(lower, y, sg_vd_select(upper, complement, 2.0 * y - 1.0));
    sg_vd den = sg_vd_select(upper, y, complement);
    sg_vd r = num / den;
    sg_vdd sum = sg_vtwo_sum(one, r);                        /* 1 + f, for the middle lanes */
    sg_vl middle = ~(lower | upper);
    sg_vd u = sg_vd_select(middle, sum.hi, r);
    sg_vd v = sg_vlog(u, (sg_vd)(middle & (sg_vl)sum.lo));
    v = (sg_vd)((sg_vl)v ^ (upper & INT64_MIN));
    *hard = sg_vd_below_or_nan(y, 0x1p-150) | sg_vd_above_or_nan(y, 0x1.fffffep-1) | sg_vf32_near_midpoint(v);
    return v;
}
SG_VINLINE sg_vf sg_logistic_inverse_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_logit_vd(sg_vd_of_vf(x), hard));
}

/* softplus(d) = max(d, 0) + log1p(e^-|d|), for softplus and the log-CDF
 * and log-SF of the logistic (-softplus(-x), -softplus(x)) and of tanh's
 * CDF form (the same at 2x; doubling a float32 is exact in double):
 * ALGORITHM
 *   t = e^-|d| with |d| clamped to 100 (sg_vexp, under 2^-47), log1p(t)
 *   (sg_vlog1p_unit, 2^-51; its sensitivity to t is below 1), and the sum
 *   of two non-negative terms: under 2^-46.5 against the test's 2^-44.
 * LANES IT LEAVES: d < -87 (results subnormal or 0, underflow), -inf, NaN,
 *   results above FLT_MAX (+inf, and tanh's 2x beyond FLT_MAX, which
 *   overflows), and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_softplus_vd(sg_vd d, sg_vl *hard) {
    sg_vd t = sg_vexp(-sg_vd_min(sg_vd_abs(d), 100.0));
    sg_vd s = sg_vd_max(d, 0.0) + sg_vlog1p_unit(t);
    *hard = sg_vd_below_or_nan(d, -87.0) | sg_vd_above_or_nan(s, 0x1.fffffep+127) | sg_vf32_near_midpoint(s);
    return s;
}
SG_VINLINE sg_vf sg_softplus_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_softplus_vd(sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_logistic_logcdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(-sg_softplus_vd(-sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_logistic_logsf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(-sg_softplus_vd(sg_vd_of_vf(x), hard));
}
#endif /* SG_VEC_TU */

#endif /* SG_LOGISTIC_H */
