/*
 * normal.h -- the normal family: Phi(x), the standard normal CDF, range
 * (0, 1), slope 1/sqrt(2 pi) at 0, inverse the probit Phi^-1.  Its range is
 * already (0, 1), so the CDF form is the value itself (the catalog reuses
 * these ufuncs: cdf = normal, pdf = normal_derivative, ppf = normal_inverse),
 * the CDF of scipy.stats.norm.
 *
 * The kernels are those of the erf family's CDF form on the argument
 * z = |x|/sqrt(2) (a dd) with s = z^2 = x*x/2 exact (sg_gauss_normal,
 * sg_erf.h): never x/sqrt(2) rounded and then squared, which would cost
 * 2^-53 z^2 relative in e^(-s) -- 2^-43 at x = -38.
 *
 * Measured accuracy: float16 and float32 correctly rounded; float64 in
 * each block (tools/measure_float64.py and dense branch scans).
 */
#ifndef SG_NORMAL_H
#define SG_NORMAL_H

#include "sg_erf.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   Phi(x) = erfc(-x/sqrt 2)/2.  x <= -0: erfc(z)/2 directly: the left tail
 *   keeps full relative accuracy to the last subnormal (Phi(-37.5) =
 *   4.6e-308, Phi(-38.4) = 6.4e-323, 0 from -38.5), where 1 - Phi(-x) or
 *   scipy's ndtr of a rounded argument would lose it.  erfc comes from
 *   1 - erf(z) for z < 1/2 and erfcx(z) e^(-s) beyond, formed 2^600 higher
 *   where it is subnormal and rounded once.  x >= +0: 1 - erfc(z)/2.
 * SPECIAL VALUES
 *   Phi(+-0) = 0.5, Phi(-inf) = 0, Phi(+inf) = 1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499990 at x = 0.42378238946205604.
 */
SG_FORCE_INLINE double sg_normal(double x) { return sg_gauss_cdf(x, 1); }
static inline sg_wide sg_normal_wide(sg_wide x) { return sg_gauss_cdf_wide(x, 1); }

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   phi(x) = e^(-x^2/2)/sqrt(2 pi) with x^2/2 an exact dd, e^(-s) by
 *   sg_expneg (2^600 higher where subnormal) and one rounding.
 * SPECIAL VALUES
 *   phi(+-0) = 0.3989422804014327, phi(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499972 at x = 6.554867876267426e-05.
 */
static inline double sg_normal_derivative(double x) {
    return sg_gauss_density(x, 1, SG_1_SQRT2PI_HI, SG_1_SQRT2PI_LO);
}
static inline sg_wide sg_normal_derivative_wide(sg_wide x) {
    return sg_gauss_density_wide(x, 1, SG_W_2_SQRTPI * SG_W_SQRT1_2 / 2);
}

/* ------------------------------------------------------ inverse (probit)
 * ALGORITHM
 *   probit(p) = sqrt(2) erfinv(2p - 1), the dd erfinv times the dd sqrt 2,
 *   rounded once.  p < 1/4: -sqrt(2) erfcinv(2p), so that the smallest
 *   subnormal p works (probit(5e-324) = -38.4674); p > 3/4:
 *   sqrt(2) erfcinv(2(1 - p)) with 1 - p exact (accurate near 1);
 *   otherwise 2p - 1 is exact and erfinv has no cancellation near 1/2.
 *   Each erfinv is a polynomial starting point and one Halley step on the
 *   dd forward function (sg_gauss_ppf).
 * SPECIAL VALUES
 *   probit(0) = -inf and probit(1) = +inf with FE_DIVBYZERO, probit(1/2) = 0,
 *   p outside [0, 1] -> NaN with FE_INVALID, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500027 at p = 0.2053728700993792 (a near-tie).
 */
SG_FORCE_INLINE double sg_normal_inverse(double p) { return sg_gauss_ppf(p, 1); }
static inline sg_wide sg_normal_inverse_wide(sg_wide p) { return sg_gauss_ppf_wide(p, 1); }

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log Phi(x): for x <= -0, log erfcx(z) - x^2/2 - log 2 with x^2/2 an
 *   exact dd and no exponential (log Phi(-1e5) = -5000000012.431864, not
 *   -inf; -inf without an overflow flag only where x^2/2 exceeds float64,
 *   |x| >= 1.9e154); for x > 0, log1p(-Phi(-x)), and -Phi(-x) itself
 *   (rounded once) from z = 9 on.  logsf(x) = logcdf(-x).
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0, logcdf(0) = -log 2; logsf
 *   mirrored; NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.499972 at x = -29.240619379356225,
 *   logsf 0.500052 at x = -0.707100416991079 (log1p_dd's Newton step).
 */
SG_FORCE_INLINE double sg_normal_logcdf(double x) { return sg_gauss_logcdf(x, 1); }
static inline sg_wide sg_normal_logcdf_wide(sg_wide x) { return sg_gauss_logcdf_wide(x, 1); }
SG_FORCE_INLINE double sg_normal_logsf(double x) { return sg_gauss_logcdf(-x, 1); }
static inline sg_wide sg_normal_logsf_wide(sg_wide x) { return sg_gauss_logcdf_wide(-x, 1); }

#if defined(SG_VEC_TU)
/* ----------------------------------- float32 fast kernels (sg_vec.h)
 * ALGORITHM
 *   Phi: t = |x| clamped to 13, h = erfc(t/sqrt 2)/2 by sg_verfc_nonneg
 *   with s = t^2/2 exact (as the scalar kernels do, t/sqrt 2 is never
 *   squared), under 2^-46.5; h for x <= 0, 1 - h for x > 0 (rounds to 1
 *   from 5.42).  phi: e^(-x^2/2)/sqrt(2 pi) by sg_vgauss_density.
 * LANES THEY LEAVE to the scalar path: x < -12.94 for Phi (2^-126 at
 *   -12.9500: below, the result is subnormal and raises underflow), |x| >
 *   13.14 for phi (2^-126 at 13.1467), NaN, and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_normal_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd t = sg_vd_min(sg_vd_abs(d), 13.0);
    sg_vd h = 0.5 * sg_verfc_nonneg(t * SG_SQRT1_2_HI, 0.5 * (t * t));
    return sg_vf_of_vd(sg_vgauss_cdf(d, h, -12.94, hard));
}
SG_VINLINE sg_vf sg_normal_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_vgauss_density(sg_vd_of_vf(x), 0.5, SG_1_SQRT2PI_HI, 13.14, hard));
}

/* The log-CDF and log-SF: h = Phi(-|x|) as for the CDF (2^-46.5 relative;
 *   2^-50 where |x| < 1.06, erfc's 1 - a S branch), F = h for x <= 0, 1 - h
 *   (exact, h >= 1/4) where h >= 1/4 for x > 0 and F - 1 = -h where h <
 *   1/4, into sg_vlog_cdf: under 2^-45.5 in all (h's error over |log F| >=
 *   0.69 in the left tail; 2^-48 where F is in [1/2, 3/4]).  Leaves x <
 *   -12.94 (beyond sg_verfc_nonneg's range; the logarithm itself is
 *   finite far beyond), results below the float32 normal range (x > 12.9,
 *   +inf among them), NaN and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_normal_logcdf_vd(sg_vd d, sg_vl *hard) {
    sg_vd t = sg_vd_min(sg_vd_abs(d), 13.0);
    sg_vd h = 0.5 * sg_verfc_nonneg(t * SG_SQRT1_2_HI, 0.5 * (t * t));
    sg_vl positive = d > sg_vd_splat(0.0);
    *hard = sg_vd_below_or_nan(d, -12.94);
    return sg_vlog_cdf(sg_vd_select(positive, 1.0 - h, h), -h, positive & (h < sg_vd_splat(0.25)), hard);
}
SG_VLOG_CDF_PAIR(normal)

/* The quantile (probit) sqrt(2) erfinv(2p - 1) by sg_verfinv_quantile
 *   (2^-45.5) and one more rounding: under 2^-45.  Leaves what that
 *   leaves, and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_normal_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd v = SG_SQRT2_HI * sg_verfinv_quantile(sg_vd_of_vf(x), hard);
    *hard |= sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(v);
}
#endif /* SG_VEC_TU */

#endif /* SG_NORMAL_H */
