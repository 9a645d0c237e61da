/*
 * softsign.h -- the softsign x/(1 + |x|): range (-1, 1), slope 1 at 0,
 * inverse y/(1 - |y|).  Its CDF form (1 + x/(1+|x|))/2 is the CDF of a
 * distribution of its own, with density 1/(2(1 + |x|)^2) (heavy tails like
 * the Cauchy's, no mean): sigmoids.distributions.softsign.
 *
 * Notation: a = |x|.  The left tail of the CDF form is
 *   G(a) = (1 - a/(1+a))/2 = 1/(2(1 + a)),
 * used for every x < 0 (and, as 1 - G, for x >= 0): no cancellation.
 *
 * Kernel pairs as in logistic.h.  Odd kernels keep the sign of zero.
 */
#ifndef SG_SOFTSIGN_H
#define SG_SOFTSIGN_H

#include "sg_math.h"
#include "sg_alg.h"
#include "sg_log.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   a < 2^-60: a(1 - a + ...) rounds to a (and a^2 would underflow).
 *   a > 2^60: 1 - 1/(1+a) rounds to 1.
 *   otherwise a / (1 + a) with 1 + a an exact dd and one corrected dd
 *   division: about 2^-104 before the final rounding.
 * SPECIAL VALUES
 *   +-0 -> +-0, +-inf -> +-1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = -10.520340131078527.
 */
static inline double sg_softsign(double x) {
    double a = fabs(x);
    int tiny = sg_abs_below(a, SG_BITS_2M60), big = sg_abs_above(a, SG_BITS_2P60);
    double am = sg_flush_below(sg_clamp_abs(a, 0x1p60), SG_BITS_2M60);   /* no a^2 underflow */
    double v = sg_dd_round(sg_dd_div((sg_dd){am, 0.0}, sg_two_sum(1.0, am)));
    v = tiny ? a : v;
    v = big ? 1.0 : v;
    return sg_nan_pass(x, copysign(v, x));
}
static inline sg_wide sg_softsign_wide(sg_wide x) { return x / (1 + (x < 0 ? -x : x)); }

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   k / (1 + a)^2 for the derivative (k = 1) and the CDF form's pdf
 *   (k = 1/2).  w = 2^300/(1 + a) as a dd (1 + a an exact dd, corrected
 *   division), k w^2 as a dd of normal numbers, rounded once times 2^-600
 *   by sg_dd_round_scaled -- correct also where the result is subnormal,
 *   and nothing overflows ((1 + a)^2 would above 2^512).  a is clamped at
 *   2^540, where the result is already 0.
 * SPECIAL VALUES
 *   derivative(+-0) = 1, (+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): derivative and pdf 0.5000 at x = 5.422944976136773e+81.
 */
static inline double sg_softsign_derivative_scaled(double x, double k) {
    /* +-inf computes at 0 (clamped to 2^540 it would raise underflow) and
     * gets its exact +0 back */
    double am = sg_clamp_abs(fabs(sg_infinity_to_zero(x)), 0x1p540);
    sg_dd w = sg_dd_div((sg_dd){0x1p300, 0.0}, sg_two_sum(1.0, am));   /* 2^300/(1 + a) */
    sg_dd kw2 = sg_dd_mul(w, w);
    kw2.hi *= k;
    kw2.lo *= k;
    return sg_put_limits(x, 0.0, 0.0, sg_dd_round_scaled(kw2, 600));
}
static inline sg_wide sg_softsign_derivative_scaled_wide(sg_wide x, sg_wide k) {
    sg_wide d = 1 + (x < 0 ? -x : x);
    return k / (d * d);
}
static inline double sg_softsign_derivative(double x) { return sg_softsign_derivative_scaled(x, 1.0); }
static inline sg_wide sg_softsign_derivative_wide(sg_wide x) { return sg_softsign_derivative_scaled_wide(x, 1); }

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   b = |y|.  b < 2^-60: y(1 + b + ...) rounds to y.  Otherwise
 *   b / (1 - b) with 1 - b an exact dd (it is exact outright for b >= 1/2,
 *   so inverse(1 - 2^-53) = 2^53 - 1 exactly) and a corrected dd division.
 * SPECIAL VALUES
 *   +-1 -> +-inf with FE_DIVBYZERO; |y| > 1 -> NaN with FE_INVALID;
 *   +-0 -> +-0; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at y = 0.218869956207155.
 */
static inline double sg_softsign_inverse(double y) {
    /* Branch-free, so that the loops vectorise: every lane divides, on |y|
     * clamped below 1 and flushed below 2^-60 (no flag from a lane whose
     * result is y, a pole or NaN); the guards then raise the poles' and the
     * domain's flags in their own lanes only. */
    int tiny = sg_abs_below(y, SG_BITS_2M60);
    double b = fabs(sg_flush_below(sg_clamp_abs(y, SG_BELOW_ONE), SG_BITS_2M60));
    double v = copysign(sg_dd_round(sg_dd_div((sg_dd){b, 0.0}, sg_two_sum(1.0, -b))), y);
    v = sg_pole_guard(sg_abs_bits(y) == (int64_t)sg_bits(1.0), y, tiny ? y : v);
    return sg_nan_pass(y, sg_domain_guard(y, -1.0, 1.0, v));
}
static inline sg_wide sg_softsign_inverse_wide(sg_wide y) { return y / (1 - (y < 0 ? -y : y)); }

/* ------------------------------------------------------------------ cdf
 * ALGORITHM
 *   F(x) = G(a) for x < 0, 1 - G(a) for x >= 0, G = 1/(2(1 + a)):
 *   a <= 2^100: G as a dd (1 + a exact, corrected division), rounded once
 *     (or subtracted from 1 as a dd, then rounded once);
 *   a > 2^100: G = (1/(2a))(1 - 1/a + ...) is 0.5/a to 2^-100: one
 *     correctly rounded division (also into the subnormal range).
 *   The left tail keeps full relative accuracy: F(-1e300) = 5e-301.
 * SPECIAL VALUES
 *   F(-inf) = 0, F(inf) = 1, F(+-0) = 1/2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = -7.500647703171357e+301.
 */
static inline sg_dd sg_softsign_tail(double a) {
    /* G(a) for 0 <= a <= 2^100 (NaN propagates) */
    return sg_dd_div((sg_dd){0.5, 0.0}, sg_two_sum(1.0, a));
}
static inline double sg_softsign_cdf(double x) {
    double a = fabs(x);
    int far = sg_abs_above(a, SG_BITS_2P100);
    int negative = (int)(sg_bits(x) >> 63);
    /* |x| below 2^-200 computes at 0: F rounds to 1/2 there, and the
     * quotient's remainder would underflow */
    sg_dd g = sg_softsign_tail(sg_flush_below(sg_clamp_abs(a, 0x1p100), SG_BITS_2M200));
    sg_dd upper = sg_two_sum(1.0, -g.hi);
    upper.lo -= g.lo;
    double v = negative ? sg_dd_round(g) : sg_dd_round(upper);
    /* 0.5/a only where it is the result (sg_far_left): in the x > 2^100
     * lanes (result 1) a subnormal 0.5/a raised a spurious underflow in
     * vectorised loops. */
    double g_far = 0.5 / sg_clamp_abs_between(a, 0x1p100, sg_far_left(x, 0x1p100) ? INFINITY : 0x1p100);
    double v_far = negative ? (sg_isfinite(x) ? g_far : 0.0) : 1.0;
    return sg_nan_pass(x, far ? v_far : v);
}
static inline sg_wide sg_softsign_tail_wide(sg_wide a) { return 1 / (2 * (1 + a)); }
static inline sg_wide sg_softsign_cdf_wide(sg_wide x) {
    sg_wide g = sg_softsign_tail_wide(x < 0 ? -x : x);
    return x < 0 ? g : 1 - g;
}
static inline double sg_softsign_pdf(double x) { return sg_softsign_derivative_scaled(x, 0.5); }
static inline sg_wide sg_softsign_pdf_wide(sg_wide x) { return sg_softsign_derivative_scaled_wide(x, 0.5); }

/* ------------------------------------------------------------------ ppf
 * ALGORITHM
 *   Folded onto q = min(p, 1 - p) (1 - p exact for p >= 1/2), negative for
 *   p < 1/2:  F^-1(p) = -+(1 - 2q)/(2q).
 *   q >= 2^-100: 1 - 2q as an exact dd over the exact 2q, one corrected dd
 *     division.
 *   q < 2^-100: (1 - 2q)/(2q) = 0.5/q (1 - 2q) is 0.5/q to 2^-99: one
 *     correctly rounded division.  Below q = 2^-1024 the exact result
 *     exceeds DBL_MAX: +-inf with the overflow flag, as IEEE rounding says.
 * SPECIAL VALUES
 *   ppf(0) = -inf and ppf(1) = +inf with FE_DIVBYZERO, ppf(1/2) = +0,
 *   p outside [0, 1] -> NaN with FE_INVALID, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at p = 0.49999999999999994.
 */
static inline double sg_softsign_ppf(double p) {
    /* Branch-free like the inverse: q is clamped for each form.  The far
     * form divides by q itself (0.5/q overflows, as it should, for q below
     * 2^-1024), except where q is 0 (sg_nonzero). */
    sg_fold f = sg_quantile_fold(p);
    double sign = f.upper ? 1.0 : -1.0;
    int far = sg_abs_below(f.q, sg_bits(0x1p-100));
    double q_far = sg_clamp_abs(sg_nonzero(f.q, 0x1p-100), 0x1p-100);
    double q_mid = sg_clamp_abs_between(f.q, 0x1p-100, 0.5);
    double v_mid = sg_dd_round(sg_dd_div(sg_two_sum(1.0, -2.0 * q_mid), (sg_dd){2.0 * q_mid, 0.0}));
    double v = sign * (far ? 0.5 / q_far : v_mid);
    v = sg_pole_guard(f.pole, sign, v);
    return sg_nan_pass(p, sg_domain_guard(p, 0.0, 1.0, v));
}
static inline sg_wide sg_softsign_ppf_wide(sg_wide p) {
    sg_wide q = p >= 0.5 ? 1 - p : p;
    sg_wide v = (1 - 2 * q) / (2 * q);
    return p >= 0.5 ? v : -v;
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   x < 0: log G = -log(2(1 + a)).  a <= 2^100: 2(1 + a) is an exact dd
 *     (>= 2, never near 1); a > 2^100: -(log a + log 2) (the dropped
 *     log1p(1/a) is below 2^-106 relative), log a scaled by 2^-200 above
 *     2^900 so that the Newton step cannot overflow (logcdf(-1e308) =
 *     -709.89).
 *   x >= 0: log(1 - G) = log1p(-G) with G <= 1/2 as a dd; a > 2^100: -G.
 *   Both logarithms are one sg_log_either_vdd per lane (sg_log.h), log lanes
 *   for x < 0 and log1p lanes for x >= 0, so the loops vectorise; the far
 *   and infinite lanes are put back last.
 *   |x| < 2^-200: -log 2, to which the result rounds.
 *   logsf(x) = logcdf(-x) exactly (the CDF form is symmetric).
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(inf) = -0, logcdf(+-0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5041 at x = 39.723962490329605 (the
 *   log1p's Newton step), logsf 0.5041 at x = -39.723962490329605.
 */
SG_FORCE_INLINE double sg_softsign_logcdf(double x) {
    /* Forced inline: a call in the loop keeps it scalar. */
    int negative = (int)(sg_bits(x) >> 63);
    int far = sg_abs_above(x, SG_BITS_2P100);                    /* (2^100, inf] */
    /* NaN -> 0; below 2^-200 the result rounds to -log 2 either way, and
     * the dd tails of 1 + a and of G would underflow (a flag the old
     * branchy kernel raised at x = 5e-324) */
    double a = fabs(sg_flush_below(sg_clamp_abs(x, 0x1p100), SG_BITS_2M200));
    double a_far = fabs(sg_clamp_abs_between(x, 0x1p100, DBL_MAX));
    sg_dd d = sg_two_sum(1.0, a);
    d.hi *= 2.0;
    d.lo *= 2.0;
    sg_dd q = sg_dd_pick(far, (sg_dd){ a_far, 0.0 }, d);
    sg_dd g = sg_softsign_tail(a);
    sg_dd l = sg_log_either_vdd(!negative, q, (sg_dd){ -g.hi, -g.lo }, SG_Q_HUGE);
    sg_dd ln2 = sg_dd_pick(far, (sg_dd){ SG_LN2_HI, SG_LN2_LO }, (sg_dd){ 0.0, 0.0 });
    double left = -sg_dd_round(sg_dd_add(l, ln2));
    /* -G = -0.5/a beyond 2^100 on the right; the divisor is 2^100 in every
     * other lane, whose quotient must not underflow (x -> -inf included) */
    double right_far = -(0.5 / fabs(sg_clamp_abs_between(x, 0x1p100, sg_far_left(-x, 0x1p100) ? DBL_MAX : 0x1p100)));
    double right = far ? right_far : sg_dd_round(l);
    double v = negative ? left : right;
    return sg_logcdf_ends(x, v);
}
static inline sg_wide sg_softsign_logcdf_wide(sg_wide x) {
    sg_wide g = sg_softsign_tail_wide(x < 0 ? -x : x);
    return x < 0 ? sg_wlog(g) : sg_wlog1p(-g);
}
SG_FORCE_INLINE double sg_softsign_logsf(double x) { return sg_softsign_logcdf(-x); }
static inline sg_wide sg_softsign_logsf_wide(sg_wide x) { return sg_softsign_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   x/(1 + |x|) in double, |x| clamped to 2^60 (the result rounds to +-1
 *   in float32 from 2^25 on, +-inf included): one rounding in 1 + |x| and
 *   one in the quotient, under 2^-52 against the rounding test's 2^-44.
 *   The test is what this kernel needs: rounded once without it, the
 *   double quotient lands exactly on a float32 midpoint for one input
 *   pair (SG_ROUNDS_ONCE's comment).
 * LANES IT LEAVES to the scalar path: NaN and |x| < 2^-125 (one unordered
 *   comparison), and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_softsign_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd c = sg_vd_min(a, 0x1p60);
    sg_vd q = c / (1.0 + c);
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(q);
    return sg_vf_of_vd(sg_vd_copysign(q, d));
}

/* The derivative 1/(1 + a)^2 and density 1/(2 (1 + a)^2), a = |x| clamped
 *   to 2^62: two roundings and the quotient, under 2^-51.  Leave a > 2^62
 *   (results below the float32 normal range) and NaN.
 * The CDF: G = 1/(2 (1 + a)) for x < 0, (1 + 2a)/(2 (1 + a)) = 1 - G for
 *   x >= 0 (no cancellation on either side), a clamped to 2^101: under
 *   2^-51.  Leaves x < -2^100 (G below 2^-101 heads for the subnormals;
 *   -inf included) and NaN.
 * The inverse y/(1 - |y|) (1 - |y| exact): leaves |y| >= 1 (the poles and
 *   the domain errors), |y| < 2^-125 (subnormal results) and NaN.
 * The quantile, folded on q = min(p, 1 - p) (1 - p exact for p >= 1/2):
 *   -+(1 - 2q)/(2q), under 2^-52.  Leaves q < 2^-126 (p = 0 and 1, the
 *   domain errors, and the results beyond the float32 range), NaN.
 * All leave the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_softsign_derivative_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_abs(x);
    sg_vd s = 1.0 + sg_vd_min(a, 0x1p62);
    sg_vd r = 1.0 / (s * s);
    *hard = sg_vd_above_or_nan(a, 0x1p62) | sg_vf32_near_midpoint(r);
    return r;
}
SG_VINLINE sg_vf sg_softsign_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_softsign_derivative_vd(sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_softsign_pdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(0.5 * sg_softsign_derivative_vd(sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_softsign_cdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_min(sg_vd_abs(d), 0x1p101);
    sg_vd num = sg_vd_select(d < sg_vd_splat(0.0), sg_vd_splat(1.0), 1.0 + 2.0 * a);
    sg_vd r = num / (2.0 * (1.0 + a));
    *hard = sg_vd_below_or_nan(d, -0x1p100) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}
SG_VINLINE sg_vf sg_softsign_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd y = sg_vd_of_vf(x);
    sg_vd b = sg_vd_abs(y);
    sg_vd c = sg_vd_below_one(b);
    sg_vd r = c / (1.0 - c);
    *hard = sg_vunit_hard(b) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, y));
}
SG_VINLINE sg_vf sg_softsign_ppf_f32v(sg_vf x, sg_vl *hard) {
    sg_vfold_t f = sg_vquantile_fold(sg_vd_of_vf(x));
    sg_vd qc = sg_vd_max(f.q, 0x1p-126);
    sg_vd r = (1.0 - 2.0 * qc) / (2.0 * qc);
    *hard = sg_vd_below_or_nan(f.q, 0x1p-126) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vfold_sign(f, r));
}

/* The log-CDF and log-SF: G = 1/(2 (1 + a)) as for the CDF, F = G for x <
 *   0, 1 - G (exact, G >= 1/4) for 0 <= x <= 1 and F - 1 = -G above, into
 *   sg_vlog_cdf; a clamped to 2^1000 (+-inf included), x = -inf gives
 *   -inf.  Under 2^-49.5.  Leaves NaN, results below the float32 normal
 *   range (x > 2^125) and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_softsign_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd g = 1.0 / (2.0 * (1.0 + sg_vd_min(sg_vd_abs(x), 0x1p1000)));
    sg_vl negative = x < sg_vd_splat(0.0);
    *hard = ~(x == x);
    sg_vd v = sg_vlog_cdf(sg_vd_select(negative, g, 1.0 - g), -g, sg_vd_above_or_nan(x, 1.0), hard);
    return sg_vd_select(x == -INFINITY, sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(softsign)
#endif /* SG_VEC_TU */

#endif /* SG_SOFTSIGN_H */
