/*
 * cloglog.h -- the complementary log-log family: C(x) = 1 - exp(-e^x), the
 * CDF of the Gumbel minimum distribution, scipy.stats.gumbel_l, and the
 * inverse of the cloglog link log(-log(1 - y)).
 *
 * The mirror image of the Gompertz family: C(x) = 1 - G(-x).  Asymmetric
 * (neither odd nor point-symmetric): its left tail is single-exponential
 * (C(x) ~ e^x, kept to the last bit through expm1), its right tail double.
 * The derivative, log-CDF and log-survival are the Gompertz kernels at -x
 * (negation is exact, so the mirror identities hold bit for bit); the value
 * and the inverse need their own kernels because 1 - G and 1 - y cancel.
 */
#ifndef SG_CLOGLOG_H
#define SG_CLOGLOG_H

#include "sg_math.h"
#include "sg_expm1.h"
#include "gompertz.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   C = -expm1(-s), s = e^x as a dd: sg_expm1_dd keeps relative accuracy
 *   for small s, so C(x) ~ e^x for x -> -inf is exact to the last bit
 *   (C(-700) = 9.86e-305, C(-740) subnormal, where s is rounded once by
 *   sg_exp_of_dd), and the condition number of 1 - e^-s in s is below 1.
 *   x is clamped to [-800, 4] (C(4) = 1 - exp(-54.6) rounds to 1, e^x
 *   must not overflow, and e^-e^x not underflow; C(-800) = 0); NaN is
 *   swapped for 0 and put back by a select.  s comes from sg_exp_of_dd rather than sg_exp_dd: with the
 *   clamp in front of sg_exp_dd, GCC 12 folds its NaN test into a select of
 *   booleans of two widths and gives up vectorising the loop.
 * SPECIAL VALUES
 *   C(-inf) = +0, C(+inf) = 1, C(0) = 1 - 1/e, NaN -> NaN.  C(x) rounds
 *   to 1 from x = 3.6225 on.
 * MEASURED (float64, max ULP): 0.50017 at x = -2.8148428155210534.
 */
static inline double sg_cloglog(double x) {
    /* NaN -> 0; x is clamped to 4 above (C(4) already rounds to 1; e^-e^x
     * underflows from 6.6 on), flushed to 0 below |x| = 2^-60 (C rounds to
     * 1 - 1/e there, and e^x of a subnormal x would raise underflow), and
     * -inf computes at 0 and gets its exact +0 back */
    double xc = sg_clamp_between(sg_flush_below(sg_infinity_to_zero(x), SG_BITS_2M60), -800.0, 4.0);
    sg_dd xd = { xc, 0.0 };
    sg_dd s = sg_exp_of_dd(xd);
    sg_dd a = { -s.hi, -s.lo };
    sg_dd e = sg_expm1_dd(a);
    double c = -e.hi - e.lo;
    return sg_put_limits(x, 0.0, 1.0, c);
}
static inline sg_wide sg_cloglog_wide(sg_wide x) {
    if (x > 12) x = 12; /* C = 1 already; keeps e^x finite */
    return -sg_wexpm1(-sg_wexp(x));
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   C'(x) = exp(x - e^x) = G'(-x): the Gompertz derivative kernel at -x.
 * SPECIAL VALUES
 *   C'(+-inf) = +0, C'(0) = 1/e, NaN -> NaN (the input NaN itself).
 * MEASURED (float64, max ULP): 0.49999 at x = 6.146064675998852.
 */
static inline double sg_cloglog_derivative(double x) {
    double d = sg_gompertz_derivative(-x);
    return sg_isnan(x) ? x : d;
}
static inline sg_wide sg_cloglog_derivative_wide(sg_wide x) { return sg_gompertz_derivative_wide(-x); }

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   x = log(L), L = -log(1 - y).
 *   y < 2^-60: x = log y (L = y + y^2/2 + ..., the y/2 correction is below
 *     2^-66 of |log y|), so nothing squares a subnormal.
 *   y < 0.45: L = -log1p(-y), relative accuracy for small y.
 *   The logarithms are sg_log.h's branch-free ones, two per lane
 *   (sg_log_either_vdd), so the loops vectorise.
 *   y > 0.81: L = -log(1 - y), 1 - y exact (Sterbenz).
 *   y in [0.45, 0.81] (x in [-0.52, 0.51]): L -> 1 and x -> 0 at
 *     y = 1 - 1/e, where log L would keep only L's absolute accuracy.
 *     There d = (1 - y) e - 1 is formed in dd against a triple-double 1/e
 *     (1 - y is an exact dd), log(1 - y) = log1p(d) - 1 and
 *     x = log1p(-log1p(d)).
 * SPECIAL VALUES
 *   x(0) = -inf, x(1) = +inf with FE_DIVBYZERO; y < 0, y > 1 -> NaN with
 *   FE_INVALID; NaN -> NaN.  x(5e-324) = -744.44, x(1 - 2^-53) = 3.6037.
 * MEASURED (float64, max ULP): 0.50471 at y = 0.6271901042439532 (the log1p's Newton step;
 *   the same with the libm start).
 */
SG_FORCE_INLINE double sg_cloglog_inverse(double y) {
    /* Branch-free (the loops vectorise), each of the two logarithms one
     * sg_log_either_vdd; y is clamped into (0, 1) (NaN to just below 1); the
     * poles, the domain and NaN are put back last.  Forced inline: the
     * inlining budget left it a call in its loop. */
    double yc = sg_clamp_ordered(y, 0x1p-1074, SG_BELOW_ONE);
    int64_t key = sg_order_key(yc);
    int tiny = key < sg_order_key(0x1p-60);
    int middle = (key >= sg_order_key(0.45)) & (key <= sg_order_key(0.81));
    int upper = key > sg_order_key(0.81);
    /* log(1 - y) + 1 = log1p(d) in the middle; log1p(-y) below it; log(1 - y)
     * above it (1 - y exact) */
    double ym = sg_clamp_ordered(yc, 0.45, 0.81);
    sg_dd d = sg_gumbel_times_e_minus_1(sg_two_sum(1.0, -ym));
    /* below the middle, -y clamped to 2^-60 and up: the lanes under 2^-60
     * do not use this logarithm, and its series would square a tiny y */
    double below = -sg_clamp_ordered(yc, 0x1p-60, 0.45);
    sg_dd first = sg_log_either_vdd(!upper, (sg_dd){ 1.0 - yc, 0.0 }, sg_dd_pick(middle, d, (sg_dd){ below, 0.0 }), SG_Q_NORMAL);
    /* the middle: log1p(-first); elsewhere log(L), L = -first > 0; below
     * 2^-60, log y itself (L = y + y^2/2 + ...: the correction is below
     * 2^-66 of |log y|, and nothing squares a subnormal) */
    sg_dd L = { -first.hi, -first.lo };
    sg_near_one L_near = sg_near_one_of(L);
    sg_dd q = sg_dd_pick(tiny, (sg_dd){ yc, 0.0 }, L);
    int use_log1p = (!tiny) & (middle | L_near.near_one);
    sg_dd second = sg_log_either_vdd(use_log1p, q, sg_dd_pick(middle, L, L_near.t), SG_Q_TINY);
    double v = sg_dd_round(second);
    return sg_unit_inverse_ends(y, v);
}
static inline sg_wide sg_cloglog_inverse_wide(sg_wide y) {
    if (y < 0.5) return sg_wlog(-sg_wlog1p(-y));
    return sg_wlog(-sg_wlog(1 - y));
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log C(x) = log(1 - G(-x)) and log(1 - C(x)) = log G(-x) = -e^x: the
 *   Gompertz log-survival and log-CDF kernels at -x.  logsf(x) for
 *   x > 709.78 is below -DBL_MAX: -inf with the overflow flag, as np.exp.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0; logsf(-inf) = -0,
 *   logsf(+inf) = -inf; NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.50450 at x = 1.4972420420983292, logsf
 *   0.50001 at x = -4.876914299288016 (the Gompertz figures, mirrored).
 */
SG_FORCE_INLINE double sg_cloglog_logcdf(double x) {
    double r = sg_gompertz_logsf(-x);
    return sg_isnan(x) ? x : r;
}
static inline sg_wide sg_cloglog_logcdf_wide(sg_wide x) { return sg_gompertz_logsf_wide(-x); }
static inline double sg_cloglog_logsf(double x) {
    double r = sg_gompertz_logcdf(-x);
    return sg_isnan(x) ? x : r;
}
static inline sg_wide sg_cloglog_logsf_wide(sg_wide x) { return sg_gompertz_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   -expm1(-t), t = e^x with x clamped to [-87, 4] (cloglog rounds to 1 in
 *   float32 from 2.85 on, +inf included): t to 2^-47 (sg_vexp), expm1 of
 *   -t to 2^-47 (sg_vexpm1), whose sensitivity to t, t e^-t/(1 - e^-t), is
 *   below 1.  Under 2^-46 against the rounding test's 2^-44; tiny t gives
 *   t itself to full relative accuracy.
 * LANES IT LEAVES: x < -87 (results below the float32 normal range), NaN,
 *   and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_cloglog_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd r = -sg_vexpm1(-sg_vexp(sg_vd_min(sg_vd_max(d, -87.0), 4.0)));
    *hard = sg_vd_below_or_nan(d, -87.0) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}
SG_VINLINE sg_vf sg_cloglog_logsf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_logcdf_vd(-sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_cloglog_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_derivative_vd(-sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_cloglog_logcdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_logsf_vd(-sg_vd_of_vf(x), hard));
}
/* The inverse log(-log(1 - y)) = -gompertz_inverse(1 - y), 1 - y passed
 * as u + c exactly (fast_two_sum; u = 1 and c = -y for y below 2^-54), so
 * that -log(1 - y) keeps y's relative accuracy.  Leaves y <= 0, y >= 1,
 * NaN and the near-midpoint lanes (results in [-103.3, 2.81], the
 * smallest in magnitude 2^-25.3, at the float32 nearest 1 - 1/e). */
SG_VINLINE sg_vf sg_cloglog_inverse_f32v(sg_vf y, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(y);
    sg_vdd one_minus_y = sg_vfast_two_sum(sg_vd_splat(1.0), -sg_vd_min(sg_vd_max(d, 0x1p-149), 0x1.fffffep-1));
    sg_vd x = -sg_gumbel_inverse_vd(one_minus_y.hi, one_minus_y.lo);
    *hard = sg_vd_below_or_nan(d, 0x1p-149) | sg_vd_above_or_nan(d, 0x1.fffffep-1) | sg_vf32_near_midpoint(x);
    return sg_vf_of_vd(x);
}
#endif /* SG_VEC_TU */

#endif /* SG_CLOGLOG_H */
