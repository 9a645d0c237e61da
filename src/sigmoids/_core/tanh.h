/*
 * tanh.h -- the hyperbolic tangent family: tanh x = 2 sigma(2x) - 1,
 * range (-1, 1), slope 1 at 0, inverse artanh.  Its CDF form is
 * (tanh x + 1)/2 = sigma(2x), the CDF of the logistic distribution with
 * scale 1/2, so the CDF-form kernels are the logistic kernels at 2x and
 * never subtract from 1: cdf(-300) = sigma(-600) = 2.65e-261, not 0.
 *
 * Kernel pairs as in logistic.h: sg_<kernel>(double) for float64 and the
 * fast path of the narrow loops, sg_<kernel>_wide(sg_wide) for the rare
 * float32/float16 hard cases.
 *
 * The odd kernels (value and inverse) keep the sign of zero: tanh(-0) = -0,
 * artanh(-0) = -0.
 */
#ifndef SG_TANH_H
#define SG_TANH_H

#include "sg_math.h"
#include "logistic.h"
#include "sg_alg.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   a = |x|, and the sign is put back with copysign (odd, keeps -0).
 *   a < 2^-4: the Taylor series a + a^3 P(a^2) to degree 21 (truncation
 *     below 2^-70 relative); the leading a is exact and the tail is below
 *     2^-9.5 of it, so its own rounding costs under 2^-8 ULP.  Here
 *     e^-2a would be within 1/8 of 1 and 1 - e^-2a would lose bits to
 *     the exp's absolute error.
 *   2^-4 <= a <= 40: t = e^-2a as a dd (sg_exp_dd, 2^-64 relative),
 *     tanh a = (1 - t)/(1 + t) with numerator and denominator exact dd
 *     sums and one corrected dd division.  1 - t loses at most 3 bits of
 *     t's accuracy at a = 2^-4 (2^-61 relative left).
 *   a > 40: tanh a = 1 - 2e^-2a + ... rounds to 1 (it does from a = 19.1,
 *     where 2e^-2a < 2^-54).
 *   Below 2^-30 the tail a^3/3 is under 2^-61 relative: the series input is
 *   zeroed there so that a^2 never underflows (no spurious flag).
 * SPECIAL VALUES
 *   tanh(+-0) = +-0, tanh(+-inf) = +-1, NaN -> NaN (quiet).
 * MEASURED (float64, max ULP): 0.5011 at x = -0.057747788833452905 (the series
 *   tail's rounding, just below the 2^-4 cut).  The float64 loop runs
 *   sg_tanh_f64v below, correctly rounded wherever it does not hand the lane
 *   back to this kernel (it hands back exactly the near-midpoint lanes where
 *   this one can exceed half an ULP, so the two agree bit for bit).
 */
static inline double sg_tanh(double x) {
    double a = fabs(x);
    int big = sg_abs_above(a, 0x4044000000000000ULL);     /* 40 < a <= inf */
    int small = sg_abs_below(a, 0x3fb0000000000000ULL);   /* a < 2^-4 */
    /* exp branch, clamped so that -2a cannot overflow (NaN is put back last) */
    double ae = sg_clamp_abs(a, 40.0);
    sg_dd t = sg_exp_dd(-2.0 * ae);
    sg_dd num = sg_two_sum(1.0, -t.hi);
    num.lo -= t.lo;
    sg_dd den = sg_two_sum(1.0, t.hi);
    den.lo += t.lo;
    double r_exp = sg_dd_round(sg_dd_div(num, den));
    /* series branch */
    double s = sg_flush_below(sg_clamp_abs(a, 0x1p-4), SG_BITS_2M30);
    double z = s * s;
    double p = -0x1.5555555555555p-2 + z * (0x1.1111111111111p-3 + z * (-0x1.ba1ba1ba1ba1cp-5
             + z * (0x1.664f4882c10fap-6 + z * (-0x1.226e355e6c23dp-7 + z * (0x1.d6d3d0e157de0p-9
             + z * (-0x1.7da36452b75e3p-10 + z * (0x1.3558248036744p-11 + z * (-0x1.f57d7734d1664p-13
             + z * 0x1.967e18afcafadp-14))))))));
    double r_ser = a + s * z * p;
    double r = small ? r_ser : r_exp;
    r = big ? 1.0 : r;
    return sg_nan_pass(x, copysign(r, x));
}
static inline sg_wide sg_tanh_wide(sg_wide x) {
    /* tanh a = -expm1(-2a) / (2 + expm1(-2a)): no cancellation anywhere. */
    sg_wide a = x < 0 ? -x : x;
    sg_wide e = sg_wexpm1(-2 * a);
    sg_wide r = -e / (2 + e);
    return x < 0 ? -r : r;
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   One kernel computes k t/(1 + t)^2 with t = e^-2a, a = |x|, for both
 *   the derivative (sech^2 x = 4t/(1+t)^2, k = 4) and the CDF form's pdf
 *   (2 sigma'(2x) = 2t/(1+t)^2, k = 2).  Scaling by k inside the
 *   computation, not after it, keeps a single rounding where the result is
 *   subnormal (2 * round(pdf/2) would round twice there).
 *   a <= 40: u = e^-a as a dd, t = u^2 as a dd, (1 + t)^2 and the
 *     quotient in dd.  Only e^-a is formed: no overflow, and the tail keeps
 *     full relative accuracy (sech^2(20) = 1.6993e-17 to the last bit,
 *     where 1 - tanh^2 gives 0).
 *   a > 40: (1 + t)^-2 = 1 - O(e^-80) is 1 to 2^-115, so the result is
 *     k u^2: a dd product of u scaled by 2^300 (normal numbers throughout),
 *     rounded once by sg_dd_round_scaled, also into the subnormal range
 *     (it reaches 0 near a = 373).
 * SPECIAL VALUES
 *   sech^2(+-0) = 1, sech^2(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): derivative 0.5000 at x = 2.308068412268132,
 *   pdf 0.5000 at x = -1.8310037231525658 (and 0.5 through the subnormal
 *   range 354 < |x| < 373).
 */
static inline double sg_tanh_sech2_scaled(double x, double k) {
    /* +-inf computes at 0 (e^-inf would raise underflow) and gets +0 back */
    double a = fabs(sg_infinity_to_zero(x));
    int far = sg_abs_above(a, 0x4044000000000000ULL);     /* 40 < a <= inf */
    sg_dd u = sg_exp_dd(-a);                       /* 0 for a = inf, NaN for NaN */
    /* a <= 40 branch (far lanes use u = 1 so that nothing underflows) */
    sg_dd un = far ? (sg_dd){1.0, 0.0} : u;
    sg_dd t = sg_dd_mul(un, un);
    sg_dd den = sg_two_sum(1.0, t.hi);
    den.lo += t.lo;
    sg_dd num = {k * t.hi, k * t.lo};
    double r_near = sg_dd_round(sg_dd_div(num, sg_dd_mul(den, den)));
    /* a > 40 branch: k u^2 scaled by 2^600 (u >= 2^-538 where it matters),
     * so that the dd product stays normal, then rounded once */
    sg_dd us = {u.hi * 0x1p300, u.lo * 0x1p300};
    sg_dd ku2 = sg_dd_mul(us, us);
    ku2.hi *= k;
    ku2.lo *= k;
    double r_far = sg_dd_round_scaled(ku2, 600);
    return sg_put_limits(x, 0.0, 0.0, far ? r_far : r_near);
}
static inline sg_wide sg_tanh_sech2_scaled_wide(sg_wide x, sg_wide k) {
    sg_wide a = x < 0 ? -x : x;
    sg_wide t = sg_wexp(-2 * a);
    return k * t / ((1 + t) * (1 + t));
}
static inline double sg_tanh_derivative(double x) { return sg_tanh_sech2_scaled(x, 4.0); }
static inline sg_wide sg_tanh_derivative_wide(sg_wide x) { return sg_tanh_sech2_scaled_wide(x, 4); }

/* -------------------------------------------------------- inverse (artanh)
 * ALGORITHM
 *   artanh y = sign(y) artanh|y|, and for b = |y|:
 *   b < 2^-4: the series b + b^3/3 + ... + b^17/17 (truncation below 2^-70
 *     relative), the leading b exact; below 2^-30 the series input is
 *     zeroed so that b^2 cannot underflow (the tail is then under 2^-61).
 *   b >= 2^-4: artanh b = log1p(2b/(1 - b)) / 2 (sg_log1p_vdd, branch-free
 *     like the rest, so the loops vectorise).  1 - b is an exact dd and
 *     the quotient a corrected dd division, so log1p sees its argument to
 *     2^-104 and nothing cancels near 1 (artanh(1 - 2^-53) = 18.71) or near
 *     0 (where log((1+b)/(1-b)) would).  Halving is exact.
 * SPECIAL VALUES
 *   artanh(+-1) = +-inf with FE_DIVBYZERO (like log(0)); |y| > 1 -> NaN with
 *   FE_INVALID; artanh(+-0) = +-0; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.50097 at y = 0.061598219808882915 (found by a
 *   denser sweep, 60k uniform on (-1, 1); the libm-start build gives the same; sg_log1p_vdd's
 *   Newton step, 2^-59 relative).
 */
SG_FORCE_INLINE double sg_tanh_inverse(double y) {
    /* Branch-free, so that the loops vectorise: both forms on |y| clamped
     * into their own region (NaN to 0), the poles, the domain and NaN put
     * back last. */
    double b = fabs(sg_clamp_abs(y, 1.0));
    double s = sg_flush_below(sg_clamp_abs(b, 0x1p-4), SG_BITS_2M30);
    double z = s * s;
    double p = 1.0 / 3 + z * (1.0 / 5 + z * (1.0 / 7 + z * (1.0 / 9 + z * (1.0 / 11
             + z * (1.0 / 13 + z * (1.0 / 15 + z * (1.0 / 17)))))));
    double by_series = b + s * z * p;
    double bl = sg_clamp_abs_between(b, 0x1p-4, SG_BELOW_ONE);
    sg_dd num = {2.0 * bl, 0.0};
    double by_log = 0.5 * sg_dd_round(sg_log1p_vdd(sg_dd_div(num, sg_two_sum(1.0, -bl))));
    double r = sg_abs_bits(b) < (int64_t)sg_bits(0x1p-4) ? by_series : by_log;
    double v = copysign(r, y);
    v = sg_pole_guard(sg_abs_bits(y) == (int64_t)sg_bits(1.0), copysign(1.0, y), v);
    v = sg_domain_guard(y, -1.0, 1.0, v);
    return sg_nan_pass(y, v);
}
static inline sg_wide sg_tanh_inverse_wide(sg_wide y) {
    sg_wide b = y < 0 ? -y : y;
    sg_wide r = sg_wlog1p(2 * b / (1 - b)) / 2;
    return y < 0 ? -r : r;
}

/* ---------------------------------------------------- the CDF form
 * ALGORITHM
 *   cdf(x) = sigma(2x), pdf(x) = 2 sigma'(2x) = sech^2(x)/2,
 *   ppf(p) = logit(p)/2, logcdf(x) = log sigma(2x) = -softplus(-2x),
 *   logsf(x) = -softplus(2x): the logistic kernels at 2x (exact: doubling
 *   and halving are exact in binary floating point), so they inherit those
 *   kernels' accuracy and tails (logcdf(-500) = -1000 exactly).
 *   The pdf is the sech^2 kernel with k = 2 so that its subnormal results
 *   round once.  cdf and pdf clamp |x| > 1000 (saturated) so that 2x
 *   cannot overflow; logcdf clamps only x > 1000 (where the result is -0),
 *   because for x < -2^1022 the exact result -2|x| does overflow: -inf
 *   with the overflow flag is then the correctly rounded answer.  logsf is
 *   logcdf(-x), exactly (the CDF form is symmetric).
 * SPECIAL VALUES
 *   cdf(-inf) = 0, cdf(inf) = 1, pdf(+-inf) = 0, ppf(0) = -inf and
 *   ppf(1) = inf with FE_DIVBYZERO, ppf(1/2) = +0, logcdf(-inf) = -inf,
 *   logcdf(inf) = -0; NaN -> NaN.
 * MEASURED (float64, max ULP): cdf 0.4999 at x = -6.418920956538262e-12,
 *   ppf 0.5058 at p = 0.4970785549050559 (the logit's), logcdf 0.5052 at
 *   x = 2.198205635145247, logsf 0.5052 at x = -2.198205635145247 (the
 *   softplus' worst input halved).
 */
static inline double sg_tanh_cdf(double x) {
    /* sigma(2x), |x| capped at 1000 (sigma(2000) = 1, and 2x would
     * overflow above 2^1023) except at +-inf, whose exact limits
     * sg_logistic returns without a flag (capped, -2000 would raise
     * underflow); NaN computes at 1000 and is put back.  The cap is a mask
     * on the bits: sg_clamp_abs here made the loop 2.2x slower. */
    int64_t ab = sg_abs_bits(x);
    int64_t capped = (ab > (int64_t)sg_bits(1000.0)) & (ab != SG_BITS_INF);
    ab = capped ? (int64_t)sg_bits(1000.0) : ab;
    double xc = sg_from_bits((sg_bits(x) & 0x8000000000000000ULL) | (uint64_t)ab);
    return sg_nan_pass(x, sg_logistic(2.0 * xc));
}
static inline sg_wide sg_tanh_cdf_wide(sg_wide x) { return sg_logistic_wide(2 * x); }
static inline double sg_tanh_pdf(double x) { return sg_tanh_sech2_scaled(x, 2.0); }
static inline sg_wide sg_tanh_pdf_wide(sg_wide x) { return sg_tanh_sech2_scaled_wide(x, 2); }
SG_FORCE_INLINE double sg_tanh_ppf(double p) { return 0.5 * sg_logistic_inverse(p); }
static inline sg_wide sg_tanh_ppf_wide(sg_wide p) { return sg_logistic_inverse_wide(p) / 2; }
static inline double sg_tanh_logcdf(double x) {
    /* Finite x > 1000 is clamped (2x must not overflow; the result is -0
     * there, with the underflow of e^-2x).  +inf is not: log sigma(+inf) is
     * exactly -0 and raises nothing.  NaN is put back. */
    double c = sg_select(sg_bits(x) == sg_bits(INFINITY), x, sg_clamp_above(x, 1000.0));
    return sg_nan_pass(x, sg_logistic_logcdf(2.0 * c));
}
static inline sg_wide sg_tanh_logcdf_wide(sg_wide x) { return sg_logistic_logcdf_wide(2 * x); }
static inline double sg_tanh_logsf(double x) { return sg_tanh_logcdf(-x); }
static inline sg_wide sg_tanh_logsf_wide(sg_wide x) { return sg_tanh_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   a = |x| clamped to 9.5 (tanh rounds to 1 in float32 above 9.01),
 *   m = e^-2a - 1 (sg_vexpm1, under 2^-47 relative, no cancellation
 *   near 0), tanh a = -m/(2 + m), the sign of x put on last (odd; keeps
 *   -0).  Under 2^-46 in all against the rounding test's 2^-44.
 * LANES IT LEAVES to the scalar path: NaN and |x| < 2^-125 (one unordered
 *   comparison; results at the float32 subnormal boundary, where the
 *   rounding test's midpoint pattern does not hold), and the near-midpoint
 *   lanes.
 */
/* The CDF form sigma(2x) and its logarithms, through the logistic's
 * kernels at 2x (exact in double for every float32 x). */
SG_VINLINE sg_vf sg_tanh_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(4.0 * sg_logistic_derivative_vd(2.0 * sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_tanh_pdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(2.0 * sg_logistic_derivative_vd(2.0 * sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_tanh_ppf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(0.5 * sg_logit_vd(sg_vd_of_vf(x), hard));
}

/* artanh y = log((1 + a)/(1 - a))/2, a = |y|, the sign put on last (odd):
 * ALGORITHM
 *   a < 1/2: log1p(2a/(1 - a)), 1 + f summed with its rounding error, so
 *   that tiny a keeps its relative accuracy; a >= 1/2: log((1 + a)/(1 - a)),
 *   1 + a and 1 - a exact for a float32 a.  One division and one sg_vlog:
 *   under 2^-50.
 * LANES IT LEAVES: |y| >= 1 (the poles and domain errors), NaN, |y| <
 *   2^-125 (results at the float32 subnormal boundary), near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_tanh_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d), one = sg_vd_splat(1.0);
    sg_vl small = a < sg_vd_splat(0.5);
    sg_vd r = sg_vd_select(small, 2.0 * a, one + a) / (one - a);
    sg_vdd sum = sg_vtwo_sum(one, r);
    sg_vd v = 0.5 * sg_vlog(sg_vd_select(small, sum.hi, r), (sg_vd)(small & (sg_vl)sum.lo));
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vd_above_or_nan(a, 0x1.fffffep-1) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vd_copysign(v, d));
}

/* float64: the logistic's kernels at 2x.  Doubling may overflow to inf
 * (its flag is dropped with the fast block's): sigma(inf) computes at 40 and
 * rounds to 1, and the lanes of -inf, NaN and k sigma'(inf) are left to the
 * full kernels by the logistic's own range tests. */
SG_VINLINE sg_vd sg_tanh_cdf_f64v(sg_vd x, sg_vl *hard) { return sg_logistic_f64v(2.0 * x, hard); }
SG_VINLINE sg_vd sg_tanh_derivative_f64v(sg_vd x, sg_vl *hard) {
    return sg_logistic_derivative_scaled_f64v(2.0 * sg_vd_abs(x), 4.0, hard);
}
SG_VINLINE sg_vd sg_tanh_pdf_f64v(sg_vd x, sg_vl *hard) {
    return sg_logistic_derivative_scaled_f64v(2.0 * sg_vd_abs(x), 2.0, hard);
}
SG_VINLINE sg_vf sg_tanh_cdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_logistic_vd(2.0 * sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_tanh_logcdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(-sg_softplus_vd(-2.0 * sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_tanh_logsf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(-sg_softplus_vd(2.0 * sg_vd_of_vf(x), hard));
}

SG_VINLINE sg_vf sg_tanh_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd m = sg_vexpm1(-2.0 * sg_vd_min(a, 9.5));
    sg_vd t = -m / (2.0 + m);
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(t);
    return sg_vf_of_vd(sg_vd_copysign(t, d));
}

/* The float64 value, correctly rounded wherever it does not hand the lane
 * back to the full kernel:
 * ALGORITHM
 *   a = |x| clamped to 20 (tanh rounds to 1 from 19.06), e^-2a = 2^k T (1 +
 *   s) (sg_vexp_fine_parts, s to 2^-64 of itself), m = e^-2a - 1 = (2^k T -
 *   1) + 2^k T s as a pair: for |2a| < ln2/8 that is s itself (k = 0, T =
 *   1), so nothing cancels near 0; elsewhere m <= -0.083.  tanh a = -m/(2 +
 *   m) as a pair (sg_vdd_div) and the float64 rounding test.  Below 2^-27
 *   the result is x itself (x^3/3 is under a quarter ULP), which keeps -0
 *   and subnormals exact; the sign of x is put on last.
 *   (A first version on sg_vexpm1_dd_parts, 2^-57.6 and no rounding test,
 *   measured 0.5633 ULP.)
 * LANES IT LEAVES to the full kernel: NaN and the rounding test's.
 */
SG_VINLINE sg_vd sg_tanh_f64v(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_abs(x);
    sg_vexp_fine_parts_t p = sg_vexp_fine_parts(-2.0 * sg_vd_min(a, 20.0));
    sg_vd two_k = sg_vpow2(p.k);
    sg_vd t_hi = p.t_hi * two_k, t_lo = p.t_lo * two_k;
    /* 2^k T - 1 (exact pair: 2^k T_hi <= 1) plus 2^k T s */
    sg_vdd base = sg_vfast_two_sum(sg_vd_splat(-1.0), t_hi);
    base.lo += t_lo;
    sg_vdd ts = sg_vdd_scale_one_plus(t_hi, t_lo, p.s);               /* 2^k T (1 + s) */
    sg_vdd m = sg_vtwo_sum(base.hi, ts.hi - t_hi);
    m.lo += base.lo + (ts.lo - t_lo);
    sg_vdd num = { -m.hi, -m.lo };
    sg_vdd den = sg_vfast_two_sum(sg_vd_splat(2.0), m.hi);
    den.lo += m.lo;
    sg_vdd q = sg_vdd_div(num, den);
    *hard = sg_vd_above_or_nan(a, INFINITY) | sg_vf64_near_midpoint(q);
    return sg_vd_select(a < sg_vd_splat(0x1p-27), x, sg_vd_copysign(q.hi, x));
}
#endif /* SG_VEC_TU */

#endif /* SG_TANH_H */
