/*
 * algebraic.h -- the algebraic sigmoid x/sqrt(1 + x^2): range (-1, 1), slope
 * 1 at 0, inverse y/sqrt(1 - y^2).  Its CDF form (1 + x/sqrt(1+x^2))/2 is
 * the CDF of Student's t with 2 degrees of freedom and scale 1/sqrt(2).
 *
 * Notation: a = |x|, r = sqrt(1 + a^2).  The left tail of the CDF form is
 *   G(a) = (1 - a/r)/2 = 1/(2 r (r + a)),
 * the cancellation-free form used for every x < 0 (and, as 1 - G, for x >= 0).
 *
 * Kernel pairs as in logistic.h.  Odd kernels keep the sign of zero.
 */
#ifndef SG_ALGEBRAIC_H
#define SG_ALGEBRAIC_H

#include "sg_math.h"
#include "sg_alg.h"
#include "sg_log.h"

/* 1 + a^2 as an exact dd, for 0 <= a <= 2^40 (a^2 exact by two_prod). */
static inline sg_dd sg_algebraic_one_plus_square(double a) {
    sg_dd s = sg_two_prod(a, a);
    sg_dd d = sg_two_sum(1.0, s.hi);
    d.lo += s.lo;
    return d;
}


/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   a < 2^-30: the result is a(1 - a^2/2 + ...), which rounds to a.
 *   a > 2^30: 1 - 1/(2a^2) + ... rounds to 1 (2^-61 below it).
 *   otherwise: a / sqrt(1 + a^2) with 1 + a^2 an exact dd (a^2 <= 2^60),
 *     its dd square root (one Newton step) and a corrected dd division:
 *     about 2^-100 before the final rounding.
 *   Outside the middle branch its input is clamped (2^30) or zeroed (2^-30),
 *   so that a^2 neither overflows nor underflows (no spurious flag).  The
 *   sign is put back with copysign.
 * SPECIAL VALUES
 *   +-0 -> +-0, +-inf -> +-1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = -1.33306115836402e-05.
 */
static inline double sg_algebraic(double x) {
    double a = fabs(x);
    int tiny = sg_abs_below(a, SG_BITS_2M30), big = sg_abs_above(a, SG_BITS_2P30);
    double am = sg_flush_below(sg_clamp_abs(a, 0x1p30), SG_BITS_2M30);
    sg_dd r = sg_sqrt_dd(sg_algebraic_one_plus_square(am));
    double v = sg_dd_round(sg_dd_div((sg_dd){am, 0.0}, r));
    v = tiny ? a : v;
    v = big ? 1.0 : v;
    return sg_nan_pass(x, copysign(v, x));
}
static inline sg_wide sg_algebraic_wide(sg_wide x) { return x / sg_wsqrt(1 + x * x); }

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   k (1 + x^2)^(-3/2), for the derivative (k = 1) and the CDF form's pdf
 *   (k = 1/2); k is applied before the final rounding, so subnormal
 *   results round once.
 *   a < 2^-30: 1 - 3a^2/2 rounds to 1: k.
 *   a <= 2^40: d = 1 + a^2 (exact dd), k / (d sqrt(d)) in dd.
 *   a > 2^40: k a^-3 (1 + a^-2)^(-3/2) = k a^-3 to 2^-79: w = 2^200/a as
 *     a dd, k w^3 as a dd of normal numbers (a is clamped at 2^400, where
 *     the result is 0), rounded once times 2^-600 by sg_dd_round_scaled,
 *     which is correct also for subnormal results.
 * SPECIAL VALUES
 *   derivative(+-0) = 1, (+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): derivative and pdf 0.5000 at x = 9.875783897013497e+51.
 */
static inline double sg_algebraic_derivative_scaled(double x, double k) {
    /* +-inf computes at 0 (clamped to 2^400 it would raise underflow) and
     * gets its exact +0 back */
    double a = fabs(sg_infinity_to_zero(x));
    int tiny = sg_abs_below(a, SG_BITS_2M30), far = sg_abs_above(a, SG_BITS_2P40);
    double am = sg_flush_below(sg_clamp_abs(a, 0x1p40), SG_BITS_2M30);
    sg_dd d = sg_algebraic_one_plus_square(am);
    double v = sg_dd_round(sg_dd_div((sg_dd){k, 0.0}, sg_dd_mul(d, sg_sqrt_dd(d))));
    /* far lanes: 1/a, with a clamped to [2^40, 2^400] */
    double af = sg_clamp_abs_between(a, 0x1p40, 0x1p400);
    sg_dd w = sg_dd_div((sg_dd){0x1p200, 0.0}, (sg_dd){af, 0.0});   /* 2^200 / a */
    sg_dd kw3 = sg_dd_mul(sg_dd_mul(w, w), w);
    kw3.hi *= k;
    kw3.lo *= k;
    double v_far = sg_dd_round_scaled(kw3, 600);
    v = tiny ? k : v;
    return sg_put_limits(x, 0.0, 0.0, far ? v_far : v);
}
static inline sg_wide sg_algebraic_derivative_scaled_wide(sg_wide x, sg_wide k) {
    sg_wide d = 1 + x * x;
    return k / (d * sg_wsqrt(d));
}
static inline double sg_algebraic_derivative(double x) { return sg_algebraic_derivative_scaled(x, 1.0); }
static inline sg_wide sg_algebraic_derivative_wide(sg_wide x) { return sg_algebraic_derivative_scaled_wide(x, 1); }

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   b = |y|.  b < 2^-30: y(1 + y^2/2 + ...) rounds to y.
 *   otherwise y / sqrt((1 - b)(1 + b)): both factors are exact dds (two_sum)
 *   and their product a dd, so 1 - y^2 does not cancel near |y| = 1
 *   (inverse(1 - 2^-53) = 6.7e7 to the last bit); dd sqrt and division.
 * SPECIAL VALUES
 *   +-1 -> +-inf with FE_DIVBYZERO; |y| > 1 -> NaN with FE_INVALID;
 *   +-0 -> +-0; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at y = -0.6674848311435599.
 */
static inline double sg_algebraic_inverse(double y) {
    /* Branch-free, as softsign's inverse: |y| clamped to [2^-30, 1). */
    int tiny = sg_abs_below(y, SG_BITS_2M30);
    double b = fabs(sg_clamp_abs_between(y, 0x1p-30, SG_BELOW_ONE));
    sg_dd d = sg_dd_mul(sg_two_sum(1.0, -b), sg_two_sum(1.0, b));
    double v = copysign(sg_dd_round(sg_dd_div((sg_dd){b, 0.0}, sg_sqrt_dd(d))), y);
    v = sg_pole_guard(sg_abs_bits(y) == (int64_t)sg_bits(1.0), y, tiny ? y : v);
    return sg_nan_pass(y, sg_domain_guard(y, -1.0, 1.0, v));
}
static inline sg_wide sg_algebraic_inverse_wide(sg_wide y) { return y / sg_wsqrt((1 - y) * (1 + y)); }

/* --------------------------------------------------- the CDF form's tail
 * The left tail G(a) = 1/(2r(r + a)) as a dd, for a <= 2^40, and the
 * denominator D = 2r(r + a) itself (for the logarithm). */
static inline sg_dd sg_algebraic_tail_denominator(double a) {
    sg_dd r = sg_sqrt_dd(sg_algebraic_one_plus_square(a));
    sg_dd s = sg_dd_add(r, (sg_dd){a, 0.0});
    sg_dd d = sg_dd_mul(r, s);
    d.hi *= 2.0;
    d.lo *= 2.0;
    return d;
}

/* G(a) = 1/(4a^2) for 2^40 <= a <= 2^600 (the relative correction is below
 * 2^-80): q = 2^300/(2a) as a dd, q^2 in normal numbers, rounded once times
 * 2^-600 (correct also for subnormal results). */
static inline double sg_algebraic_far_tail(double a) {
    sg_dd q = sg_dd_div((sg_dd){0x1p299, 0.0}, (sg_dd){a, 0.0});
    return sg_dd_round_scaled(sg_dd_mul(q, q), 600);
}

/* ------------------------------------------------------------------ cdf
 * ALGORITHM
 *   F(x) = G(a) for x < 0 and 1 - G(a) for x >= 0 (both rounded once from
 *   a dd), so the left tail keeps full relative accuracy: F(-1e10) =
 *   2.5e-21, where (1 + x/r)/2 gives 0.
 *   a < 2^-200: F = 1/2 + x/2 + O(x^3) rounds to 1/2 (x/2 is below a
 *     quarter ULP of 1/2); this also keeps a^2 from underflowing.
 *   a <= 2^40: G = 1/D as a dd (D from sg_algebraic_tail_denominator).
 *   a > 2^40: G = 1/(4a^2) (1 + O(a^-2)) (sg_algebraic_far_tail, one
 *     rounding also for subnormal results); the right side 1 - G rounds to 1.
 * SPECIAL VALUES
 *   F(-inf) = 0, F(inf) = 1, F(+-0) = 1/2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = -5.422944976136773e+81.
 */
static inline double sg_algebraic_cdf(double x) {
    double a = fabs(x);
    int tiny = sg_abs_below(a, SG_BITS_2M200), far = sg_abs_above(a, SG_BITS_2P40);
    int negative = (int)(sg_bits(x) >> 63);
    double am = sg_flush_below(sg_clamp_abs(a, 0x1p40), SG_BITS_2M200);
    sg_dd g = sg_dd_div((sg_dd){1.0, 0.0}, sg_algebraic_tail_denominator(am));
    sg_dd upper = sg_two_sum(1.0, -g.hi);
    upper.lo -= g.lo;
    double v = negative ? sg_dd_round(g) : sg_dd_round(upper);
    /* far lanes: a clamped to [2^40, 2^600] (the result is 0 above) where
     * the left tail uses it (sg_far_left); the right side (it rounds to 1)
     * and -inf (exactly 0) take 2^40, whose tail does not underflow. */
    double af = sg_clamp_abs_between(a, 0x1p40, sg_far_left(x, 0x1p40) ? 0x1p600 : 0x1p40);
    double g_far = sg_algebraic_far_tail(af);
    double v_far = negative ? (sg_isfinite(x) ? g_far : 0.0) : 1.0;
    v = tiny ? 0.5 : v;
    return sg_nan_pass(x, far ? v_far : v);
}
static inline sg_wide sg_algebraic_tail_wide(sg_wide a) {
    sg_wide r = sg_wsqrt(1 + a * a);
    return 1 / (2 * r * (r + a));
}
static inline sg_wide sg_algebraic_cdf_wide(sg_wide x) {
    sg_wide g = sg_algebraic_tail_wide(x < 0 ? -x : x);
    return x < 0 ? g : 1 - g;
}
static inline double sg_algebraic_pdf(double x) { return sg_algebraic_derivative_scaled(x, 0.5); }
static inline sg_wide sg_algebraic_pdf_wide(sg_wide x) { return sg_algebraic_derivative_scaled_wide(x, 0.5); }

/* ------------------------------------------------------------------ ppf
 * ALGORITHM
 *   Folded onto q = min(p, 1 - p) (1 - p is exact for p >= 1/2), with the
 *   sign negative for p < 1/2:  F^-1(p) = -+(1 - 2q) / (2 sqrt(q (1 - q))),
 *   from y = 2p - 1 and 1 - y^2 = 4q(1 - q).  No cancellation: 1 - 2q and
 *   1 - q are exact dds, q(1-q) a dd product, then dd sqrt and division.
 *   q < 2^-200: the factor (1 - 2q)/sqrt(1 - q) = 1 - 3q/2 + ... is 1 to
 *     2^-199, so the result is -1/(2 sqrt q); q is scaled by 2^600 first so
 *     that subnormal q keeps a full-precision square root.
 * SPECIAL VALUES
 *   ppf(0) = -inf and ppf(1) = +inf with FE_DIVBYZERO, ppf(1/2) = +0,
 *   p outside [0, 1] -> NaN with FE_INVALID, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at p = 1.8325258949902064e-43.
 */
static inline double sg_algebraic_ppf(double p) {
    /* Branch-free, as softsign's ppf. */
    sg_fold f = sg_quantile_fold(p);
    double q = f.q, sign = f.upper ? 1.0 : -1.0;
    int far = sg_abs_below(q, SG_BITS_2M200);
    double q_far = sg_clamp_abs_between(q, 0x1p-1074, 0x1p-200);
    sg_dd r_far = sg_sqrt_dd((sg_dd){q_far * 0x1p600, 0.0});
    double v_far = sg_dd_round(sg_dd_div((sg_dd){0x1p299, 0.0}, r_far));
    double q_mid = sg_clamp_abs_between(q, 0x1p-200, 0.5);
    sg_dd num = sg_two_sum(1.0, -2.0 * q_mid);
    sg_dd r = sg_sqrt_dd(sg_dd_mul((sg_dd){q_mid, 0.0}, sg_two_sum(1.0, -q_mid)));
    r.hi *= 2.0;
    r.lo *= 2.0;
    double v = sign * (far ? v_far : sg_dd_round(sg_dd_div(num, r)));
    v = sg_pole_guard(f.pole, sign, v);
    return sg_nan_pass(p, sg_domain_guard(p, 0.0, 1.0, v));
}
static inline sg_wide sg_algebraic_ppf_wide(sg_wide p) {
    sg_wide q = p >= 0.5 ? 1 - p : p;
    sg_wide v = (1 - 2 * q) / (2 * sg_wsqrt(q * (1 - q)));
    return p >= 0.5 ? v : -v;
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   x < 0: log G = -log D, D = 2r(r + a) >= 2 as a dd (Newton-corrected,
 *     2^-58); for a > 2^40, D = 4a^2 (1 + O(a^-2)) and log G = -(2 log a +
 *     log 4), log a scaled by 2^-200 above 2^900 so that the Newton step
 *     cannot overflow (logcdf(-1e308) = -1419.98).
 *   x >= 0: log(1 - G) = log1p(-G) with G <= 1/2 a dd; for a > 2^40 it is
 *     -G (G < 2^-82: the next term G^2/2 is below 2^-83 relative).
 *   Both logarithms are one sg_log_either_vdd per lane (sg_log.h), log lanes
 *   for x < 0 and log1p lanes for x >= 0, so the loops vectorise; the far
 *   and infinite lanes are put back last.
 *   a < 2^-200: log(1/2 + x/2) rounds to -log 2 as F does to 1/2.
 *   logsf(x) = logcdf(-x) exactly (the CDF form is symmetric).
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(inf) = -0, logcdf(+-0) = -log 2; NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5034 at x = 4.517008516041921 (the
 *   log1p's Newton step), logsf 0.5034 at x = -4.517008516041921.
 */
SG_FORCE_INLINE double sg_algebraic_logcdf(double x) {
    /* Forced inline: a call in the loop keeps it scalar. */
    int negative = (int)(sg_bits(x) >> 63);
    int far = sg_abs_above(x, SG_BITS_2P40);                     /* (2^40, inf] */
    double a = fabs(sg_flush_below(sg_clamp_abs(x, 0x1p40), SG_BITS_2M200));   /* NaN -> 0 */
    double a_far = fabs(sg_clamp_abs_between(x, 0x1p40, DBL_MAX));
    sg_dd d = sg_algebraic_tail_denominator(a);
    sg_dd q = sg_dd_pick(far, (sg_dd){ a_far, 0.0 }, d);
    sg_dd l = sg_log_either_vdd(!negative, q, sg_dd_div((sg_dd){ -1.0, 0.0 }, d), SG_Q_HUGE);
    /* far left: 2 log a + log 4 */
    sg_dd far_log = sg_dd_add((sg_dd){ 2.0 * l.hi, 2.0 * l.lo }, (sg_dd){ 2.0 * SG_LN2_HI, 2.0 * SG_LN2_LO });
    double left = -sg_dd_round(sg_dd_pick(far, far_log, l));
    /* far right: -G with a clamped to [2^40, 2^600] where it is the result,
     * to 2^40 in every other lane, whose tail must not underflow (the
     * result is 0 above 2^600, and +inf is put back below) */
    double right_far = -sg_algebraic_far_tail(fabs(sg_clamp_abs_between(x, 0x1p40, sg_far_left(-x, 0x1p40) ? 0x1p600 : 0x1p40)));
    double right = far ? right_far : sg_dd_round(l);
    double v = negative ? left : right;
    return sg_logcdf_ends(x, v);
}
static inline sg_wide sg_algebraic_logcdf_wide(sg_wide x) {
    sg_wide g = sg_algebraic_tail_wide(x < 0 ? -x : x);
    return x < 0 ? sg_wlog(g) : sg_wlog1p(-g);
}
SG_FORCE_INLINE double sg_algebraic_logsf(double x) { return sg_algebraic_logcdf(-x); }
static inline sg_wide sg_algebraic_logsf_wide(sg_wide x) { return sg_algebraic_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ----------------------------------------- float32 fast kernels (sg_vec.h)
 * value x/sqrt(1 + x^2): x^2 is exact for a float32 x, then one rounding in
 *   the sum, half an ULP in the root and one in the quotient: under 2^-51.
 *   |x| clamped to 2^60 (the result rounds to +-1 from 2^12.5 on, +-inf
 *   included); the sign of x put on last.  Leaves NaN and |x| < 2^-125.
 * derivative (1 + x^2)^(-3/2) and density (1 + x^2)^(-3/2)/2: s = 1 + x^2,
 *   1/(s sqrt s), under 2^-51.  Leave |x| > 2^41 (results below the float32
 *   normal range) and NaN.
 * All leave the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_algebraic_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd c = sg_vd_min(a, 0x1p60);
    sg_vd r = c / sg_vd_sqrt(1.0 + c * c);
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, d));
}
SG_VINLINE sg_vd sg_algebraic_derivative_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_abs(x);
    sg_vd c = sg_vd_min(a, 0x1p41);
    sg_vd s = 1.0 + c * c;
    sg_vd r = 1.0 / (s * sg_vd_sqrt(s));
    *hard = sg_vd_above_or_nan(a, 0x1p41) | sg_vf32_near_midpoint(r);
    return r;
}
SG_VINLINE sg_vf sg_algebraic_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_algebraic_derivative_vd(sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_algebraic_pdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(0.5 * sg_algebraic_derivative_vd(sg_vd_of_vf(x), hard));
}

/* The CDF: G = 1/(2 r (r + a)), r = sqrt(1 + a^2), for x < 0 and 1 - G for
 *   x >= 0 (so the left tail keeps its relative accuracy), a clamped to
 *   2^61: a few roundings, under 2^-50.  Leaves x < -2^61 (G heads below
 *   the float32 normal range; -inf included) and NaN.
 * The inverse b/sqrt((1 - b)(1 + b)), b = |y| (both factors exact): under
 *   2^-51.  Leaves |y| >= 1, |y| < 2^-125 and NaN.
 * The quantile, folded on q = min(p, 1 - p): -+(1 - 2q)/(2 sqrt(q (1 -
 *   q))), under 2^-51 (1 - q rounds for tiny q, relatively harmless).
 *   Leaves q <= 0 (p = 0 and 1, the domain errors) and NaN.
 * All leave the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_algebraic_cdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_min(sg_vd_abs(d), 0x1p61);
    sg_vd r = sg_vd_sqrt(1.0 + a * a);
    sg_vd g = 1.0 / ((2.0 * r) * (r + a));
    sg_vd v = sg_vd_select(d < sg_vd_splat(0.0), g, 1.0 - g);
    *hard = sg_vd_below_or_nan(d, -0x1p61) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(v);
}
SG_VINLINE sg_vf sg_algebraic_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd y = sg_vd_of_vf(x);
    sg_vd b = sg_vd_abs(y);
    sg_vd c = sg_vd_below_one(b);
    sg_vd r = c / sg_vd_sqrt((1.0 - c) * (1.0 + c));
    *hard = sg_vunit_hard(b) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, y));
}
SG_VINLINE sg_vf sg_algebraic_ppf_f32v(sg_vf x, sg_vl *hard) {
    sg_vfold_t f = sg_vquantile_fold(sg_vd_of_vf(x));
    sg_vd qc = sg_vd_max(f.q, 0x1p-150);
    sg_vd r = (1.0 - 2.0 * qc) / (2.0 * sg_vd_sqrt(qc * (1.0 - qc)));
    *hard = sg_vd_below_or_nan(f.q, 0x1p-150) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vfold_sign(f, r));
}

/* The log-CDF and log-SF: G = 1/(2 r (r + a)) as for the CDF, F = G for x
 *   < 0, 1 - G (exact, G >= 1/4) where G >= 1/4 for x >= 0 (x <= 3^-1/2)
 *   and F - 1 = -G where G < 1/4, into sg_vlog_cdf; a clamped to 2^500
 *   (+-inf included: r a stays finite), x = -inf gives -inf.  Under 2^-49.5.
 *   Leaves NaN, results below the float32 normal range (x > 2^62.5, +inf
 *   among them) and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_algebraic_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(x), 0x1p500);
    sg_vd r = sg_vd_sqrt(1.0 + a * a);
    sg_vd g = 1.0 / ((2.0 * r) * (r + a));
    sg_vl negative = x < sg_vd_splat(0.0);
    *hard = ~(x == x);
    sg_vd v = sg_vlog_cdf(sg_vd_select(negative, g, 1.0 - g), -g, ~negative & (g < sg_vd_splat(0.25)), hard);
    return sg_vd_select(x == -INFINITY, sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(algebraic)
#endif /* SG_VEC_TU */

#endif /* SG_ALGEBRAIC_H */
