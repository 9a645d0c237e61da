/*
 * hard_tanh.h -- the hard tanh clip(x, -1, 1): closed range [-1, 1], slope 1
 * at 0, inverse y on [-1, 1].  Its CDF form clip((x + 1)/2, 0, 1) is the CDF
 * of scipy.stats.uniform(-1, 2).
 *
 * KINKS AND THEIR DERIVATIVE
 *   Kinks at x = -1 and x = 1.  Following PyTorch's hardtanh gradient, the
 *   derivative is 1 on the open interval (-1, 1) and 0 at and outside the
 *   kinks (the one-sided derivative on the side away from 0); the pdf
 *   likewise is 1/2 on (-1, 1) and 0 elsewhere.
 *
 * The inverse and the ppf are defined on the closed ranges: inverse(+-1) =
 * +-1, ppf(0) = -1, ppf(1) = 1 (uniform.ppf's convention).
 *
 * Every kernel here is one correctly rounded operation (or exact), so all
 * are correctly rounded in every format.  The value, derivative and inverse
 * keep the sign of zero (odd).
 */
#ifndef SG_HARD_TANH_H
#define SG_HARD_TANH_H

#include "sg_math.h"
#include "sg_alg.h"
#include "sg_log.h"

/* |x| >= 1 (inf included, NaN excluded), on the bits. */
static inline int sg_hard_tanh_saturated(double x) {
    int64_t ab = sg_abs_bits(x);
    return (ab >= 0x3ff0000000000000LL) & (ab <= 0x7ff0000000000000LL);
}

/* ---------------------------------------------------------------- value
 * ALGORITHM  a select: x for |x| < 1, sign(x) otherwise (exact).
 * SPECIAL VALUES  +-0 -> +-0, +-inf -> +-1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0 (exact).
 */
static inline double sg_hard_tanh(double x) { return sg_hard_tanh_saturated(x) ? copysign(1.0, x) : x; }
static inline sg_wide sg_hard_tanh_wide(sg_wide x) { return x > 1 ? 1 : (x < -1 ? -1 : x); }

/* ----------------------------------------------------------- derivative
 * ALGORITHM  1 for -1 < x < 1, 0 at and outside the kinks (see above).
 * SPECIAL VALUES  derivative(+-1) = 0, (+-inf) = 0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0 (exact).
 */
static inline double sg_hard_tanh_derivative(double x) {
    double v = sg_hard_tanh_saturated(x) ? 0.0 : 1.0;
    return sg_isnan(x) ? x : v;
}
static inline sg_wide sg_hard_tanh_derivative_wide(sg_wide x) { return (x > -1 && x < 1) ? 1 : 0; }

/* -------------------------------------------------------------- inverse
 * ALGORITHM  y itself on [-1, 1].
 * SPECIAL VALUES  |y| > 1 -> NaN with FE_INVALID; +-0 -> +-0; NaN -> NaN.
 * MEASURED (float64, max ULP): 0 (exact).
 */
static inline double sg_hard_tanh_inverse(double y) { return sg_domain_guard(y, -1.0, 1.0, y); }
static inline sg_wide sg_hard_tanh_inverse_wide(sg_wide y) { return y; }

/* ------------------------------------------------------- cdf, pdf, ppf
 * ALGORITHM
 *   cdf: (clip(x, -1, 1) + 1) * 0.5 -- the sum is the only rounding (the
 *   halving is exact: the sum is 0 or at least 2^-53).
 *   pdf: 1/2 on (-1, 1), 0 at and outside the kinks.
 *   ppf: 2p - 1 by one fma, on [0, 1].
 * SPECIAL VALUES
 *   cdf(x <= -1) = +0, cdf(x >= 1) = 1, cdf(0) = 1/2; pdf(+-1) = 0;
 *   ppf(0) = -1, ppf(1) = 1, ppf(1/2) = +0, p outside [0, 1] -> NaN with
 *   FE_INVALID; NaN -> NaN everywhere.
 * MEASURED (float64, max ULP): cdf 0.5000 at x = 0.0354320868816681, pdf 0
 *   (exact), ppf 0.5000 at p = 0.00010993703810771582 (both correctly rounded).
 */
static inline double sg_hard_tanh_cdf(double x) { return (sg_hard_tanh(x) + 1.0) * 0.5; }
static inline sg_wide sg_hard_tanh_cdf_wide(sg_wide x) { return (sg_hard_tanh_wide(x) + 1) / 2; }
static inline double sg_hard_tanh_pdf(double x) {
    double v = sg_hard_tanh_saturated(x) ? 0.0 : 0.5;
    return sg_isnan(x) ? x : v;
}
static inline sg_wide sg_hard_tanh_pdf_wide(sg_wide x) { return (x > -1 && x < 1) ? 0.5 : 0; }
static inline double sg_hard_tanh_ppf(double p) {
    return sg_domain_guard(p, 0.0, 1.0, fma(2.0, p, -1.0));   /* NaN for NaN, quietly */
}
static inline sg_wide sg_hard_tanh_ppf_wide(sg_wide p) { return 2 * p - 1; }

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log((x + 1)/2) for -1 < x < 1: x + 1 an exact dd (two_sum), halved
 *   exactly, into sg_log_vdd (sg_log.h, branch-free; its log1p lanes near 1
 *   keep logcdf(1 - 2^-53) = -5.55e-17 exact to the last digit).  x <= -1 -> -inf and x >= 1 -> 0
 *   are exact values of the CDF and raise no flag.
 *   logsf(x) = log((1 - x)/2) = logcdf(-x) exactly.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(inf) = 0, logcdf(0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5077 at x = 0.9770388770692341 (sg_log1p_vdd's
 *   Newton step), logsf 0.5077 at x = -0.9770388770692341.
 */
SG_FORCE_INLINE double sg_hard_tanh_logcdf(double x) {
    /* Branch-free (the loops vectorise): x clamped short of -1, so that the
     * log sees no 0, and to 1, where it gives 0; -inf and NaN put back. */
    /* |x| < 2^-200 is flushed to 0: the result rounds to -log 2 either way,
     * and halving the dd's tail x would underflow. */
    double c = sg_clamp_ordered(sg_flush_below(x, SG_BITS_2M200), -0x1.fffffffffffffp-1, 1.0);
    sg_dd f = sg_two_sum(c, 1.0);
    f.hi *= 0.5;
    f.lo *= 0.5;
    double v = sg_dd_round(sg_log_vdd(f, SG_Q_NORMAL));
    v = sg_order_key(x) <= sg_order_key(-1.0) ? -INFINITY : v;
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_hard_tanh_logcdf_wide(sg_wide x) {
    if (x <= -1) return -INFINITY;
    if (x >= 1) return 0;
    return sg_wlog((x + 1) / 2);
}
SG_FORCE_INLINE double sg_hard_tanh_logsf(double x) { return sg_hard_tanh_logcdf(-x); }
static inline sg_wide sg_hard_tanh_logsf_wide(sg_wide x) { return sg_hard_tanh_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernels (sg_vec.h)
 * log-CDF and log-SF: F = (x + 1)/2 for x <= 1/2 and F - 1 = (x - 1)/2
 * above (exact for a float32 x but a tiny one), into sg_vlog_cdf; x
 * clamped to [-1, 1] first, x <= -1 gives -inf and x >= 1 gives 0, exact.
 * Under 2^-49.5.  Leaves NaN and the near-midpoint lanes.
 * SPEED: 1.17x faster than the narrow block (11.3x against 13.2x a copy,
 *   1e7 float32, same process).  Through the first sg_vlog_cdf, which
 *   formed both its logarithms on every lane, it measured 13.3x against
 *   12.6x and was withdrawn for a while.
 */
SG_VINLINE sg_vd sg_hard_tanh_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd c = sg_vd_min(sg_vd_max(x, -1.0), 1.0);
    *hard = ~(x == x);
    sg_vd v = sg_vlog_cdf((c + 1.0) * 0.5, (c - 1.0) * 0.5, sg_vd_above_or_nan(x, 0.5), hard);
    return sg_vd_select(sg_vd_at_most_or_nan(x, -1.0), sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(hard_tanh)
#endif /* SG_VEC_TU */

#endif /* SG_HARD_TANH_H */
