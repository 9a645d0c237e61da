/*
 * hard_sigmoid.h -- PyTorch's hard sigmoid clip(x/6 + 1/2, 0, 1) = clip((x + 3)/6, 0, 1):
 * closed range [0, 1], slope 1/6 at 0, inverse 6y - 3 on [0, 1].  Its range
 * is already [0, 1], so the CDF form is the value itself: the CDF of
 * scipy.stats.uniform(-3, 6) (cdf = value, pdf = derivative, ppf = inverse).
 *
 * KINKS AND THEIR DERIVATIVE
 *   The function has kinks at x = -3 and x = 3.  Following PyTorch's
 *   hardsigmoid gradient, the derivative is 1/6 on the open interval
 *   (-3, 3) and 0 at and outside the kinks: at a kink we take the one-sided
 *   derivative on the side away from 0.  (catalog.py lists the kinks so that
 *   the tests compare against the one-sided derivative there.)
 *
 * The inverse is defined on the closed range: inverse(0) = -3 and
 * inverse(1) = 3, the ends of the support (as uniform.ppf(0) = -3).
 *
 * Kernel pairs as in logistic.h.
 */
#ifndef SG_HARD_SIGMOID_H
#define SG_HARD_SIGMOID_H

#include "sg_math.h"
#include "sg_alg.h"
#include "sg_log.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   x is clamped to [-3, 3] (NaN is put back at the end), then
 *   1/2 + x/6 with x/6 as a dd (the quotient and its exact fma remainder
 *   over 6) and 1/2 + hi by two_sum: one rounding of a ~2^-106 accurate sum.
 *   x/6 alone rounds, and x/6 + 1/2 would round twice (measured 0.75 ULP).
 * SPECIAL VALUES
 *   x <= -3 -> +0, x >= 3 -> 1, hard_sigmoid(+-0) = 1/2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = 0.0354320868816681.
 * NARROW MODE (float32/float16 loops): (x + 3) * (1/6) with no division.
 *   For a float32 x in [-3, 3], x + 3 is exact, and 1/6 in double is
 *   (1/6)(1 - 2^-54), so the product is (x + 3)/6 within 2^-52.4.  Where
 *   (x + 3)/6 is a float32 midpoint m the product rounds back to m exactly
 *   (m 2^-54 is under half a double ULP of m), and elsewhere (x + 3)/6
 *   stays at least 2^-51 m from every midpoint m (x + 3 - 6m is a nonzero
 *   multiple of a power of two that the binade of m bounds below): so
 *   rounding the product once to float32 is correct with no rounding test.
 *   The float32 loop relies on that (SG_ROUNDS_ONCE), certified on all
 *   2^32 float32 inputs against the full block below with its test.  The
 *   two divisions of the full block cost 0.9 ns per element; the product
 *   0.1.
 */
static inline double sg_hard_sigmoid(double x) {
    double xc = sg_clamp_abs(x, 3.0);
#if defined(SG_NARROW)
    return sg_nan_pass(x, (xc + 3.0) * (1.0 / 6.0));
#else
    /* |x| below 2^-200 computes at 0: the result rounds to 1/2, and x/6
     * would raise underflow for a subnormal x */
    double xs = sg_flush_below(xc, SG_BITS_2M200);
    double q = xs / 6.0;
    double q_lo = fma(-q, 6.0, xs) / 6.0;
    sg_dd s = sg_two_sum(0.5, q);
    return sg_nan_pass(x, s.hi + (s.lo + q_lo));
#endif
}
static inline sg_wide sg_hard_sigmoid_wide(sg_wide x) {
    sg_wide xc = x > 3 ? 3 : (x < -3 ? -3 : x);
    return (xc + 3) / 6;
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   1/6 (correctly rounded) for -3 < x < 3, 0 elsewhere (see KINKS above).
 * SPECIAL VALUES
 *   derivative(+-3) = 0, derivative(+-inf) = 0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.3333 (the constant 1/6 rounded once).
 */
static inline double sg_hard_sigmoid_derivative(double x) {
    int inside = sg_abs_below(x, 0x4008000000000000ULL);   /* |x| < 3 */
    double v = inside ? 1.0 / 6.0 : 0.0;
    return sg_isnan(x) ? x : v;
}
static inline sg_wide sg_hard_sigmoid_derivative_wide(sg_wide x) {
    return (x > -3 && x < 3) ? (sg_wide)1 / 6 : 0;
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   6y - 3 by one fma: a single rounding of the exact value.
 * SPECIAL VALUES
 *   inverse(0) = -3, inverse(1) = 3, inverse(1/2) = +0; y outside [0, 1]
 *   -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at y = 0.0354320868816681 (correctly rounded).
 */
static inline double sg_hard_sigmoid_inverse(double y) {
    return sg_domain_guard(y, 0.0, 1.0, fma(6.0, y, -3.0));   /* NaN for NaN, quietly */
}
static inline sg_wide sg_hard_sigmoid_inverse_wide(sg_wide y) { return 6 * y - 3; }

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   -3 < x <= 0: log F, F = (x + 3)/6 with x + 3 an exact dd (two_sum) and
 *     the division by 6 a corrected dd division, into sg_log_far_vdd
 *     (sg_log.h, branch-free).
 *   0 < x < 3: log1p(F - 1) with F - 1 = (x - 3)/6 formed the same way, so
 *     that the division's 2^-104 is relative to F - 1: near x = 3, log F is
 *     about F - 1 and an error relative to F would cost 0.06 ULP per bit
 *     lost (measured 0.556 ULP at 3 - 2^-51 through log(F)).
 *   x <= -3 -> -inf and x >= 3 -> 0: exact values of a CDF that reaches 0
 *   and 1, returned without a divide-by-zero flag.
 *   logsf(x) = log((3 - x)/6) = logcdf(-x) exactly (symmetric CDF form).
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(inf) = 0, logcdf(0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5058 at x = 2.927602628460545 (sg_log1p_vdd's
 *   Newton step), logsf 0.5058 at x = -2.927602628460545.
 */
SG_FORCE_INLINE double sg_hard_sigmoid_logcdf(double x) {
    /* Forced inline: the inlining budget left it a call in its loops.
     * Branch-free (the loops vectorise): both arguments on x clamped into
     * their own half, the left one short of -3 so that its log sees no 0,
     * one logarithm per lane (sg_log_either_vdd); the ends and NaN are put
     * back last. */
    /* |x| < 2^-200 is flushed to 0: the result rounds to -log 2 either way,
     * and the dd's tail x would underflow in the division by 6. */
    double xf = sg_flush_below(x, SG_BITS_2M200);
    double left = sg_clamp_ordered(xf, -0x1.7ffffffffffffp+1, 0.0);
    sg_dd f = sg_dd_div(sg_two_sum(left, 3.0), (sg_dd){6.0, 0.0});          /* F in (0, 1/2] */
    /* F > 1/2: log1p(F - 1) with F - 1 = (x - 3)/6 divided as it is, so the
     * quotient's 2^-104 is relative to F - 1, not to F (x >= 3 gives 0) */
    double right = sg_clamp_ordered(xf, 0.0, 3.0);
    sg_dd t = sg_dd_div(sg_two_sum(right, -3.0), (sg_dd){6.0, 0.0});
    int64_t key = sg_order_key(x);
    double v = sg_dd_round(sg_log_either_vdd(key > sg_order_key(0.0), f, t, SG_Q_NORMAL));
    v = key <= sg_order_key(-3.0) ? -INFINITY : v;
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_hard_sigmoid_logcdf_wide(sg_wide x) {
    if (x <= -3) return -INFINITY;
    if (x >= 3) return 0;
    return sg_wlog((x + 3) / 6);
}
SG_FORCE_INLINE double sg_hard_sigmoid_logsf(double x) { return sg_hard_sigmoid_logcdf(-x); }
static inline sg_wide sg_hard_sigmoid_logsf_wide(sg_wide x) { return sg_hard_sigmoid_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernels (sg_vec.h)
 * log-CDF and log-SF: F = (x + 3)/6 for x <= 3/2 and F - 1 = (x - 3)/6
 * above (x + 3 and x - 3 exact for a float32 x but a tiny one, where they
 * round harmlessly; one rounding in the division), into sg_vlog_cdf; x
 * clamped to [-3, 3] first (NaN computes at -3), x <= -3 gives -inf and x
 * >= 3 gives 0, exact.  Under 2^-49.5.  Leaves NaN and the near-midpoint
 * lanes.
 */
SG_VINLINE sg_vd sg_hard_sigmoid_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd c = sg_vd_min(sg_vd_max(x, -3.0), 3.0);
    *hard = ~(x == x);
    sg_vd v = sg_vlog_cdf((c + 3.0) / 6.0, (c - 3.0) / 6.0, sg_vd_above_or_nan(x, 1.5), hard);
    return sg_vd_select(sg_vd_at_most_or_nan(x, -3.0), sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(hard_sigmoid)
#endif /* SG_VEC_TU */

#endif /* SG_HARD_SIGMOID_H */
