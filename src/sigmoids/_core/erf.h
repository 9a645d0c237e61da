/*
 * erf.h -- the erf family: erf x, range (-1, 1), slope 2/sqrt(pi) at 0,
 * inverse erfinv.  Its CDF form (1 + erf x)/2 = erfc(-x)/2 = Phi(sqrt(2) x)
 * is the CDF of scipy.stats.norm(scale=1/sqrt(2)), with pdf e^(-x^2)/sqrt(pi).
 *
 * The mathematics (dd erf/erfc/erfcx, the exact square, the subnormal
 * rounding, the inverses) lives in sg_erf.h and is shared with normal.h;
 * these kernels pick the erf argument z = |x|, s = x^2 (exact).  Each
 * kernel has a binary128 twin for the float32/float16 hard cases.
 *
 * Measured accuracy: float16 and float32 correctly rounded (exhaustive
 * float16 in the tests, tools/audit_float32.py for float32); float64 in
 * each block, from tools/measure_float64.py (20 inputs per binade, both
 * signs, against mpmath at 60 digits) and dense scans of every branch.
 */
#ifndef SG_ERF_FAMILY_H
#define SG_ERF_FAMILY_H

#include "sg_erf.h"
#include "sg_alg.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   |x| < 2^-480: (2/sqrt pi) x, formed 2^200 higher and rounded once, so
 *     that subnormal results are correctly rounded (the x^3 term is gone).
 *   |x| < 1/2: x P(x^2), the dd series of sg_erf_small (< 2^-64).
 *   |x| < 6: 1 - erfc(|x|) with erfc = erfcx e^(-x^2) in dd; erfc <= 0.48
 *     so the difference loses nothing.
 *   |x| >= 6: erfc(6) = 2.2e-17 < 2^-55, so erf rounds to +-1 exactly.
 *   The sign is put back last: erf is exactly odd, erf(-0) = -0.
 * SPECIAL VALUES
 *   erf(+-0) = +-0, erf(+-inf) = +-1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499988 at x = 5.2220207179696856e-141.
 */
SG_FORCE_INLINE double sg_erf(double x) {
    /* Branch-free: the three forms are computed in every lane, each on |x|
     * clamped to its own interval (NaN to the lower bound; 0 for the series
     * below 2^-480), so that no lane squares a tiny number or indexes the erfcx
     * pieces out of range.  Lane tests on the bits (see sg_order_key), and
     * never combined with & (GCC 12 did not vectorise the mixed masks). */
    int tiny = sg_abs_below(x, sg_bits(SG_ERF_TINY));
    int small = sg_abs_below(x, sg_bits(0.5));
    int mid = sg_abs_below(x, sg_bits(6.0));
    double r_tiny = sg_tiny_times(fabs(sg_clamp_abs(x, SG_ERF_TINY)), SG_2_SQRTPI_HI, SG_2_SQRTPI_LO);
    double r_small = sg_dd_round(sg_erf_small(sg_gauss_erf(fabs(sg_flush_below(sg_clamp_abs(x, 0.5), sg_bits(SG_ERF_TINY))))));
    sg_gauss g = sg_gauss_erf(fabs(sg_clamp_abs_between(x, 0.5, 6.0)));
    sg_dd c = sg_dd_mul(sg_erfcx_pieces(g), sg_expneg(g.s, 0));
    sg_dd d = sg_fast_two_sum(1.0, -c.hi);
    double r_mid = d.hi + (d.lo - c.lo);
    double r = tiny ? r_tiny : (small ? r_small : (mid ? r_mid : 1.0));
    return sg_isnan(x) ? x : copysign(r, x);
}
static inline sg_wide sg_erf_wide(sg_wide x) { return sg_werf(x); }

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   (2/sqrt pi) e^(-x^2) with x^2 an exact dd (two_prod) and e^(-s) from
 *   sg_expneg: an error of 2^-53 in a rounded x^2 would cost 2^-44 at
 *   x = 26.  Where e^(-s) < 2^-865 it is formed 2^600 higher and the
 *   product rounded once into the subnormal range (erf'(27) = 2.83e-317).
 * SPECIAL VALUES
 *   erf'(+-0) = 2/sqrt(pi) = 1.1283791670955126, erf'(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499986 at x = 0.00030948913899222054.
 */
static inline double sg_erf_derivative(double x) { return sg_gauss_density(x, 0, SG_2_SQRTPI_HI, SG_2_SQRTPI_LO); }
static inline sg_wide sg_erf_derivative_wide(sg_wide x) { return sg_gauss_density_wide(x, 0, SG_W_2_SQRTPI); }

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   erfinv is odd: solve for |y| and put the sign back.
 *   |y| < 2^-26: (sqrt(pi)/2)(y + (pi/12) y^3) (next term 2^-104
 *     relative), formed 2^200 higher and rounded once (subnormal y).
 *   |y| <= 1/2: a degree-6 starting point in y^2 and one Halley step on
 *     the dd erf.
 *   |y| > 1/2: erfcinv(1 - |y|): 1 - |y| is exact (Sterbenz), so y near 1
 *     keeps every bit of the tail (erfinv(1 - 2^-53) = 5.8636). Starting
 *     point in v = sqrt(-log q), one Halley step on log erfc.
 *   Branch-free, every lane computing both steps (sg_gauss_quantile_abs).
 * SPECIAL VALUES
 *   erfinv(+-0) = +-0, erfinv(+-1) = +-inf with FE_DIVBYZERO, |y| > 1 ->
 *   NaN with FE_INVALID, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500012 at y = 0.6292279225649332 (the
 *   branch-free version, 2026-11-25: a near-tie; 0.499989 at y = 0.9999908895068919 before).
 */
SG_FORCE_INLINE double sg_erf_inverse(double y) {
    /* Branch-free (see sg_erfinv_halley): |y| clamped to [0, 1] (NaN to
     * 0); the poles, the domain and NaN are put back last. */
    double ay = fabs(sg_clamp_abs(y, 1.0));
    int tail = sg_abs_above(ay, sg_bits(0.5));
    double v = copysign(sg_gauss_quantile_abs(tail, ay, 1.0 - ay, 0), y);
    v = sg_pole_guard(sg_abs_bits(y) == (int64_t)sg_bits(1.0), y, v);
    return sg_nan_pass(y, sg_domain_guard(y, -1.0, 1.0, v));
}
static inline sg_wide sg_erf_inverse_wide(sg_wide y) {
    double start = sg_erf_inverse((double)y);
    if (!sg_isfinite(start) || start == 0.0) return start;
    sg_wide ay = y < 0 ? -y : y, z = fabs(start);
    z = ay <= SG_WIDE_C(0.5) ? sg_erfinv_refine_wide(z, ay) : sg_erfcinv_refine_wide(z, 1 - ay);
    return y < 0 ? -z : z;
}

/* ------------------------------------------------------------ CDF form
 * ALGORITHM
 *   (1 + erf x)/2 = erfc(-x)/2: for x <= -0 erfc(|x|)/2 itself, never
 *   1 - (...), so the left tail keeps full relative accuracy down to the
 *   last subnormal (cdf(-26.5) = 1.1e-307, cdf(-27.2) = 4.9e-324, 0 from
 *   -27.3); for x >= +0, 1 - erfc(x)/2.  See sg_gauss_cdf.
 * SPECIAL VALUES
 *   cdf(+-0) = 0.5, cdf(-inf) = 0, cdf(+inf) = 1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499979 at x = -0.31193005764754367.
 */
SG_FORCE_INLINE double sg_erf_cdf(double x) { return sg_gauss_cdf(x, 0); }
static inline sg_wide sg_erf_cdf_wide(sg_wide x) { return sg_gauss_cdf_wide(x, 0); }

/* ------------------------------------------------------------------ pdf
 * ALGORITHM
 *   e^(-x^2)/sqrt(pi), exactly as the derivative (half of it, with its
 *   own dd constant so that it is rounded once).
 * SPECIAL VALUES
 *   pdf(+-0) = 1/sqrt(pi) = 0.5641895835477563, pdf(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499986 at x = 0.00030948913899222054.
 */
static inline double sg_erf_pdf(double x) { return sg_gauss_density(x, 0, SG_1_SQRTPI_HI, SG_1_SQRTPI_LO); }
static inline sg_wide sg_erf_pdf_wide(sg_wide x) { return sg_gauss_density_wide(x, 0, SG_W_2_SQRTPI / 2); }

/* ------------------------------------------------------------------ ppf
 * ALGORITHM
 *   erfinv(2p - 1) = probit(p)/sqrt 2, without forming 2p - 1 where it
 *   cancels: p < 1/4 is -erfcinv(2p) (ppf(5e-324) = -27.213), p > 3/4 is
 *   erfcinv(2(1 - p)); see sg_gauss_ppf.
 * SPECIAL VALUES
 *   ppf(0) = -inf and ppf(1) = +inf with FE_DIVBYZERO, ppf(1/2) = 0,
 *   p outside [0, 1] -> NaN with FE_INVALID, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500021 at p = 0.8383939430411578 (a near-tie).
 */
SG_FORCE_INLINE double sg_erf_ppf(double p) { return sg_gauss_ppf(p, 0); }
static inline sg_wide sg_erf_ppf_wide(sg_wide p) { return sg_gauss_ppf_wide(p, 0); }

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   logcdf(x) = log(erfc(-x)/2): for x <= -0, log erfcx(|x|) - x^2 - log 2
 *   in dd, finite as long as x^2 is (logcdf(-1e5) = -10000000012.778437;
 *   -inf without an overflow flag from |x| = 2^512 on, where x^2 is beyond
 *   float64); for x > 0, log1p(-erfc(x)/2), and -erfc(x)/2 itself (rounded
 *   once, subnormal included) from x = 9 on.  See sg_gauss_logcdf.
 *   logsf(x) = logcdf(-x) by symmetry; negation is exact.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0, logcdf(0) = -log 2; logsf
 *   mirrored; NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.500001 at x = 11.549217662522821,
 *   logsf 0.499948 at x = 1.615552118975629e+62.
 */
SG_FORCE_INLINE double sg_erf_logcdf(double x) { return sg_gauss_logcdf(x, 0); }
static inline sg_wide sg_erf_logcdf_wide(sg_wide x) { return sg_gauss_logcdf_wide(x, 0); }
SG_FORCE_INLINE double sg_erf_logsf(double x) { return sg_gauss_logcdf(-x, 0); }
static inline sg_wide sg_erf_logsf_wide(sg_wide x) { return sg_gauss_logcdf_wide(-x, 0); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   sg_verf_nonneg(|x|), |x| clamped to 4 (erf rounds to 1 in float32 from
 *   3.9192 on, +inf included), the sign of x put on last (odd; keeps -0).
 *   Under 2^-46.5 against the rounding test's 2^-44.
 * LANES IT LEAVES to the scalar path: NaN and |x| < 2^-125 (one unordered
 *   comparison), and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_erf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd r = sg_verf_nonneg(sg_vd_min(a, 4.0));
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, d));
}

/* erf's CDF form, erfc(-x)/2, and its derivative and density:
 * ALGORITHM
 *   a = |x| clamped to 9.25, h = erfc(a)/2 (sg_verfc_nonneg with a^2 exact,
 *   under 2^-46.5); h for x <= 0, 1 - h for x > 0 (rounds to 1 from 3.9).
 *   The densities 2/sqrt(pi) e^(-x^2) and e^(-x^2)/sqrt(pi) by
 *   sg_vgauss_density.
 * LANES THEY LEAVE to the scalar path: x < -9.15 for the CDF (its value
 *   there, 2^-126 at -9.157, is below the float32 normal range or about to
 *   be), |x| > 9.35 and 9.31 for the densities (the same), NaN, and the
 *   near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_erf_cdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_min(sg_vd_abs(d), 9.25);
    sg_vd h = 0.5 * sg_verfc_nonneg(a, a * a);
    return sg_vf_of_vd(sg_vgauss_cdf(d, h, -9.15, hard));
}
SG_VINLINE sg_vf sg_erf_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_vgauss_density(sg_vd_of_vf(x), 1.0, SG_2_SQRTPI_HI, 9.35, hard));
}
SG_VINLINE sg_vf sg_erf_pdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_vgauss_density(sg_vd_of_vf(x), 1.0, SG_1_SQRTPI_HI, 9.31, hard));
}

/* The log-CDF and log-SF of the CDF form (1 + erf x)/2: h = erfc(|x|)/2 as
 *   for the CDF, then as the normal's (normal.h): under 2^-45.5.  Leaves x <
 *   -9.15, results below the float32 normal range (x > 9.1, +inf among
 *   them), NaN and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_erf_logcdf_vd(sg_vd d, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(d), 9.25);
    sg_vd h = 0.5 * sg_verfc_nonneg(a, a * a);
    sg_vl positive = d > sg_vd_splat(0.0);
    *hard = sg_vd_below_or_nan(d, -9.15);
    return sg_vlog_cdf(sg_vd_select(positive, 1.0 - h, h), -h, positive & (h < sg_vd_splat(0.25)), hard);
}
SG_VLOG_CDF_PAIR(erf)

/* The inverse erfinv y = sg_verfinv(|y|, 1 - |y|) (|y| clamped below 1),
 *   the sign of y put on last (odd), and the CDF form's quantile
 *   erfinv(2p - 1) = sg_verfinv_quantile: under 2^-45.5.  They leave |y| >=
 *   1 (the poles and domain errors), |y| < 2^-125, p within 2^-126 of 0 or
 *   1 or outside [0, 1], NaN, and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_erf_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd y = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(y), below = sg_vd_below_one(a);
    sg_vd v = sg_verfinv(below, 1.0 - below);
    *hard = sg_vunit_hard(a) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vd_copysign(v, y));
}
SG_VINLINE sg_vf sg_erf_ppf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd v = sg_verfinv_quantile(sg_vd_of_vf(x), hard);
    *hard |= sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(v);
}
#endif /* SG_VEC_TU */

#endif /* SG_ERF_FAMILY_H */
