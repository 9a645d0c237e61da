/*
 * arctan.h -- the arctan family: arctan x, range (-pi/2, pi/2), slope 1 at 0,
 * inverse tan; its CDF form F = 1/2 + arctan(x)/pi is the CDF of the
 * standard Cauchy distribution (scipy.stats.cauchy).
 *
 * Each kernel is a pair, as in logistic.h: a float64 kernel built on the
 * double-double arctan/tan of sg_atan.h, rounded once, and a binary128 twin
 * for the rare float32/float16 hard cases.  The twins use the same
 * cancellation-free forms as the float64 kernels.
 *
 * The Cauchy tails are long: F(x) ~ 1/(pi |x|) as x -> -inf, so the CDF is
 * a normal double up to |x| = 1.4e307 and logcdf(-1e300) = -691.9, which
 * 1/2 + arctan(x)/pi (0 there: it cancels for every x < -2^53) cannot give.
 * Every kernel here therefore forms the small side directly:
 * F(x) = arctan(-1/x)/pi for x < -1.
 */
#ifndef SG_ARCTAN_H
#define SG_ARCTAN_H

#include "sg_atan.h"
#include "sg_log.h"

#define SG_ARCTAN_WPI SG_TRIG_WIDE(SG_TRIG_PI)

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   sg_atan_dd (sg_atan.h) rounded once.
 * SPECIAL VALUES
 *   arctan(+-0) = +-0, arctan(+-inf) = +-pi/2 rounded (0x1.921fb54442d18p+0,
 *   which lies below pi/2), NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500000 at x = 676.7526624839073;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_arctan(double x) {
    sg_dd t = {x, 0.0};
    return sg_dd_round(sg_atan_dd(t));
}
static inline sg_wide sg_arctan_wide(sg_wide x) { return sg_watan(x); }

/* 1/(1 + x^2) times the dd `numerator`, rounded once: the derivative
 * (numerator 1) and the Cauchy density (numerator 1/pi).
 *   |x| <= 2^500: 1 + x^2 is an exact dd (x^2 by two_prod; below 2^-30 the
 *   x^2 is dropped, it is under 2^-60 and would underflow) and one dd
 *   quotient.
 *   |x| > 2^500: 1 + x^2 = x^2 to 2^-1000, and the result is at most 2^-1000
 *   and subnormal beyond 2^511: formed as numerator/y^2 with y = x 2^-500
 *   (exact) and scaled back by 2^-1000 with a single rounding
 *   (sg_trig_scale_round).  x is capped at 2^600, where the result rounds
 *   to 0 anyway, so that y^2 never overflows. */
static inline double sg_arctan_over_1px2(double x_in, sg_dd numerator) {
    /* Lane tests on the bits only: a floating test ORed with an integer
     * one mixed mask widths, and the loop stayed scalar (see sg_erf).
     * +-inf computes at 0 (capped at 2^600 it would raise underflow) and
     * gets its exact +0 back. */
    double x = sg_infinity_to_zero(x_in);
    int far = sg_abs_above(x, sg_bits(0x1p500));
    /* |x| < 2^-30, far or NaN: x^2 is not needed (below 2^-60 it would
     * underflow, beyond 2^500 overflow); those lanes square 0. */
    int no_square = sg_abs_below(x, SG_BITS_2M30) | far | sg_isnan(x);
    double near_a = sg_from_bits((uint64_t)sg_abs_bits(x) & ((uint64_t)no_square - 1));
    sg_dd sq = sg_two_prod(near_a, near_a);
    sg_dd den = sg_two_sum(1.0, sq.hi);
    den.lo += sq.lo;
    double near_result = sg_dd_round(sg_dd_div(numerator, den));
    /* y = |x| 2^-500 in the far lanes, |x| capped at 2^600 where the result
     * rounds to 0 (y^2 stays finite); 1 in the others.  A clamp on the bits,
     * not a select: GCC sank a select into the product and a subnormal |x|
     * times 2^-500 raised a spurious underflow flag. */
    double y = fabs(sg_clamp_abs_between(x, 0x1p500, 0x1p600)) * 0x1p-500;
    sg_dd y2 = sg_two_prod(y, y);
    double far_result = sg_trig_scale_round(sg_dd_div(numerator, y2), 0x1p-1000, 0x1p1000);
    return sg_put_limits(x_in, 0.0, 0.0, far ? far_result : near_result);
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   1/(1 + x^2) by sg_arctan_over_1px2: an exact dd denominator, and past
 *   |x| = 2^500 a rescaled 1/x^2 rounded once into the subnormal range
 *   (1/(x x) there rounds twice and measured over 1 ULP near 2^-1022).
 * SPECIAL VALUES
 *   1 at +-0, +0 at +-inf and for |x| > 2^537.5, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500000 at x = -3.6033704755548177;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_arctan_derivative(double x) {
    sg_dd one = {1.0, 0.0};
    return sg_arctan_over_1px2(x, one);
}
static inline sg_wide sg_arctan_derivative_wide(sg_wide x) { return 1 / (1 + x * x); }

/* ----------------------------------------------------------------- pdf
 * ALGORITHM
 *   (1/pi)/(1 + x^2) by sg_arctan_over_1px2 with the dd 1/pi.
 * SPECIAL VALUES
 *   1/pi at +-0, +0 at +-inf, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499999 at x = -2.943235320672798;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_arctan_pdf(double x) { return sg_arctan_over_1px2(x, SG_TRIG_INV_PI); }
static inline sg_wide sg_arctan_pdf_wide(sg_wide x) { return 1 / (SG_ARCTAN_WPI * (1 + x * x)); }

/* 1/t for a tan t >= 0 that the caller uses only where t > 2^-60: the
 * divisor is kept from 0 on the bits in the other lanes (tan(0) = 0). */
static inline sg_dd sg_tan_reciprocal(sg_dd t) {
    sg_dd one = {1.0, 0.0};
    sg_dd divisor = {sg_clamp_abs_between(t.hi, 0x1p-60, INFINITY), t.lo};
    return sg_dd_div(one, divisor);
}

/* ------------------------------------------------------- inverse (tan)
 * ALGORITHM
 *   |y| <= pi/4: sg_tan_dd(y).
 *   pi/4 < |y| < pi/2: tan y = 1/tan(pi/2 - |y|), where pi/2 - |y| is
 *   (pi/2_hi - |y|) + pi/2_lo + pi/2_lo2: the first difference is exact
 *   (Sterbenz), pi/2_lo is the 6.1e-17 by which the double pi/2_hi falls
 *   short of pi/2, and the third term keeps the difference exact to 2^-160
 *   (tan magnifies its relative error by up to 2^53 here: with the dd
 *   pi/2 alone the result measured 0.5007 ULP at y = 1.570796326794894).  So the largest double below pi/2 (pi/2_hi itself)
 *   gives tan = 1/6.123e-17 = 1.633123935319537e16, finite and correct;
 *   tan(pi/2_hi) in libm-style double arithmetic gets the same only
 *   because libm reduces with more bits of pi.
 * SPECIAL VALUES
 *   tan(+-0) = +-0; |y| > pi/2 (every double above pi/2_hi), +-inf ->
 *   NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499999 at x = -3.549168823094055e-07;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_arctan_inverse(double y) {
    /* Branch-free: one tan per lane, of |y| (clamped to pi/4) or of
     * pi/2 - |y| (|y| clamped to [pi/4, pi/2_hi]), and one quotient whose
     * divisor is kept from 0 in the lanes that do not use it. */
    int inner = sg_abs_below(y, sg_bits(SG_TRIG_PI_4.hi) + 1);
    double a_inner = fabs(sg_clamp_abs(y, SG_TRIG_PI_4.hi));
    double a_outer = fabs(sg_clamp_abs_between(y, SG_TRIG_PI_4.hi, SG_TRIG_PI_2.hi));
    sg_dd c = sg_fast_two_sum(SG_TRIG_PI_2.hi - a_outer, SG_TRIG_PI_2.lo);
    c = sg_fast_two_sum(c.hi, c.lo + SG_TRIG_PI_2_LO2);
    sg_dd t = sg_tan_dd(sg_trig_select(inner, (sg_dd){a_inner, 0.0}, c));
    sg_dd r = sg_trig_select(inner, t, sg_tan_reciprocal(t));
    double v = copysign(sg_dd_round(r), y);
    return sg_nan_pass(y, sg_domain_guard(y, -SG_TRIG_PI_2.hi, SG_TRIG_PI_2.hi, v));
}
static inline sg_wide sg_arctan_inverse_wide(sg_wide y) { return sg_wtan(y); }

/* ------------------------------------------------------------------ cdf
 * ALGORITHM
 *   With a = |x|:
 *   a <= 1: F = 1/2 +- arctan(a)/pi, in [1/4, 3/4]: no cancellation.
 *   1 < a <= 2^900: S = arctan(1/a)/pi with 1/a a dd; F = S for x < 0
 *   (no cancellation: F(-1e250) = 3.18e-251, not 0), 1 - S for x > 0.
 *   a > 2^900: F(-a) = 1/(pi a) (the next term is 2^-1800 smaller), formed
 *   at scale 2^128 and rounded once, since it is subnormal past 1.4e307;
 *   F(a) = 1.  (The cut was 2^1000: the dd tail of arctan(1/a)/pi then
 *   underflowed from a = 2^969 on, and F(-1e300) = 3.18e-301 raised an
 *   underflow flag for a normal result.)
 * SPECIAL VALUES
 *   F(+-0) = 1/2, F(-inf) = +0, F(+inf) = 1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500000 at x = -410.52726839142576;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_arctan_cdf(double x) {
    /* Branch-free, so that the loops vectorise: one arctan per lane, of a
     * (a <= 1) or of the dd 1/a (a clamped to [1, 2^900]), and the far
     * tail on a clamped to [2^900, the largest double] in the lanes that
     * use it (sg_far_left) and to 2^900 in all others, whose tail must not
     * underflow. */
    int negative = (int)(sg_bits(x) >> 63);
    int inner = sg_abs_below(x, sg_bits(1.0) + 1);                /* a <= 1 */
    int far = sg_abs_above(x, sg_bits(0x1p900));
    double a_inner = fabs(sg_flush_below(sg_clamp_abs(x, 1.0), sg_bits(0x1p-900)));   /* 1/2 +- a/pi rounds to 1/2 below */
    double a_tail = fabs(sg_clamp_abs_between(x, 1.0, 0x1p900));
    sg_dd one = {1.0, 0.0}, half = {0.5, 0.0};
    sg_dd w = sg_trig_select(inner, (sg_dd){a_inner, 0.0}, sg_dd_div(one, (sg_dd){a_tail, 0.0}));
    sg_dd v = sg_dd_mul(sg_atan_dd(w), SG_TRIG_INV_PI);
    double r_inner = sg_dd_round(negative ? sg_trig_sub(half, v) : sg_dd_add(half, v));
    double r_tail = sg_dd_round(negative ? v : sg_trig_sub(one, v));
    double a_far = fabs(sg_clamp_abs_between(x, 0x1p900, sg_far_left(x, 0x1p900) ? DBL_MAX : 0x1p900));
    sg_dd y = {a_far * 0x1p-128, 0.0};
    double far_tail = sg_trig_scale_round(sg_dd_div(SG_TRIG_INV_PI, y), 0x1p-128, 0x1p128);
    double r_far = negative ? (sg_isfinite(x) ? far_tail : 0.0) : 1.0;
    return sg_nan_pass(x, inner ? r_inner : (far ? r_far : r_tail));
}
static inline sg_wide sg_arctan_cdf_wide(sg_wide x) {
    if (x < 0) return sg_watan(-1 / x) / SG_ARCTAN_WPI;
    return (sg_wide)0.5 + sg_watan(x) / SG_ARCTAN_WPI;
}

/* ------------------------------------------------------------------ ppf
 * ALGORITHM
 *   F^-1(p) = tan(pi (p - 1/2)), folded onto q = min(p, 1 - p) (1 - p is
 *   exact for p >= 1/2) with F^-1(p) = -F^-1(1 - p):
 *   q >= 1/4: tan(pi (1/2 - q)) with 1/2 - q exact and pi times it a dd,
 *   in [0, pi/4]: no cancellation near p = 1/2.
 *   2^-60 <= q < 1/4: cot(pi q) = 1/tan(pi q), pi q a dd: tan(pi (p - 1/2))
 *   itself would need p - 1/2 near -1/2 to more bits than a double has.
 *   q < 2^-60: 1/(pi q) (the next term, pi q/3, is 2^-117 smaller), formed
 *   as (1/pi)/(q 2^128) and scaled back by 2^128, so that subnormal q keeps
 *   all its bits and the result overflows only when the true value does.
 * SPECIAL VALUES
 *   F^-1(0) = -inf, F^-1(1) = +inf with FE_DIVBYZERO; F^-1(1/2) = +0;
 *   p < 0, p > 1 -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.499999 at x = 2.338555144813394e-46;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_arctan_ppf(double p) {
    /* Branch-free, as softsign's ppf: one tan per lane, of pi (1/2 - q) or
     * of pi q, whose quotient's divisor is kept from 0 where unused, and
     * the far form on q made nonzero (sg_nonzero). */
    sg_fold f = sg_quantile_fold(p);
    int middle = sg_abs_above(f.q, sg_bits(0.25) - 1);            /* q >= 1/4 */
    int far = sg_abs_below(f.q, sg_bits(0x1p-60));
    double d = 0.5 - sg_clamp_abs_between(f.q, 0.25, 0.5);
    double q_tail = sg_clamp_abs_between(f.q, 0x1p-60, 0.25);
    sg_dd t = sg_tan_dd(sg_trig_mul_d(SG_TRIG_PI, middle ? d : q_tail));
    double r_tail = sg_dd_round(sg_tan_reciprocal(t));
    sg_dd scaled = {sg_clamp_abs(sg_nonzero(f.q, 0x1p-60), 0x1p-60) * 0x1p128, 0.0};
    double r_far = sg_dd_round(sg_dd_div(SG_TRIG_INV_PI, scaled)) * 0x1p128;
    double r = middle ? sg_dd_round(t) : (far ? r_far : r_tail);
    r = sg_pole_guard(f.pole, f.upper ? 1.0 : -1.0, f.upper ? r : -r);
    return sg_nan_pass(p, sg_domain_guard(p, 0.0, 1.0, r));
}
static inline sg_wide sg_arctan_ppf_wide(sg_wide p) {
    sg_wide q = p <= 0.5 ? p : 1 - p;
    sg_wide r = q >= 0.25 ? sg_wtan(SG_ARCTAN_WPI * (0.5 - q)) : 1 / sg_wtan(SG_ARCTAN_WPI * q);
    return p < 0.5 ? -r : r;
}

/* --------------------------------------------------------------- logcdf
 * ALGORITHM
 *   S = F(-a) = 1/2 - arctan(a)/pi (a <= 1) or arctan(1/a)/pi (a > 1, 1/a
 *   a dd), as for the CDF.
 *   x < 0, a = -x:
 *     a <= 2^60: log F = log S; sg_log.h's Newton-corrected log is
 *     accurate to 2^-64 absolute and |log F| >= log 2, so the relative
 *     error stays ~2^-64.
 *     a > 2^60: log F = -log(pi a) - 1/(3a^2) + ..., the last below 2^-121:
 *     -(log a + log pi), log a scaled by 2^-200 above 2^900 so that the
 *     Newton step cannot overflow (logcdf(-1e300) = -691.9), where F
 *     itself would be subnormal or 0.
 *   x >= 0: log F = log(1 - S), written -2 artanh(S/(2 - S)) with
 *     S/(2 - S) in (0, 1/3]: the table artanh keeps 2^-80 where log1p's
 *     Newton step would give 2^-57.
 *     x > 2^80: log F = -S (S/2 < 2^-82 relative is dropped); beyond 2^900
 *     S = 1/(pi x), formed at scale 2^128 and rounded once (subnormal past
 *     1.4e307), as the CDF does.
 *   Branch-free, so that the loops vectorise: one arctan, one logarithm
 *   (of S or of a) and one artanh per lane, each on an argument clamped
 *   into its own lanes' range; the far and infinite lanes are put back last.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0, logcdf(0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500019 at x = -1.960104365050264,
 *   the log's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_arctan_logcdf(double x) {
    int negative = (int)(sg_bits(x) >> 63);
    int inner = sg_abs_below(x, sg_bits(1.0) + 1);                /* a <= 1 */
    /* below 2^-200 the result rounds to -log 2, and dd tails would underflow */
    double a_inner = fabs(sg_flush_below(sg_clamp_abs(x, 1.0), SG_BITS_2M200));
    double a_tail = fabs(sg_clamp_abs_between(x, 1.0, 0x1p900));
    sg_dd one = {1.0, 0.0}, half = {0.5, 0.0};
    sg_dd w = sg_trig_select(inner, (sg_dd){a_inner, 0.0}, sg_dd_div(one, (sg_dd){a_tail, 0.0}));
    sg_dd v = sg_dd_mul(sg_atan_dd(w), SG_TRIG_INV_PI);
    sg_dd s = sg_trig_select(inner, sg_trig_sub(half, v), v);
    /* the left side: log S, or log a + log pi beyond 2^60 */
    int far_log = sg_abs_above(x, SG_BITS_2P60) | (sg_abs_bits(x) == SG_BITS_INF);
    double a_log = fabs(sg_clamp_abs_between(x, 0x1p60, DBL_MAX));
    sg_dd l = sg_log_either_vdd(0, sg_dd_pick(far_log, (sg_dd){a_log, 0.0}, s), (sg_dd){0.0, 0.0}, SG_Q_HUGE);
    sg_dd minus_log_pi = {-SG_TRIG_LOG_PI.hi, -SG_TRIG_LOG_PI.lo};
    double left = sg_dd_round(sg_dd_pick(far_log, sg_dd_add((sg_dd){-l.hi, -l.lo}, minus_log_pi), l));
    /* the right side: the artanh up to 2^80 (1/4 beyond, whose quotient
     * does not underflow), -S up to 2^900, the far tail beyond */
    int beyond_80 = sg_abs_above(x, sg_bits(0x1p80)) | (sg_abs_bits(x) == SG_BITS_INF);
    sg_dd s_mid = sg_trig_select(beyond_80, (sg_dd){0.25, 0.0}, s);
    sg_dd two_minus_s = sg_two_sum(2.0, -s_mid.hi);
    two_minus_s.lo -= s_mid.lo;
    double right_mid = -2.0 * sg_dd_round(sg_atanh_dd(sg_dd_div(s_mid, two_minus_s)));
    double a_far = fabs(sg_clamp_abs_between(x, 0x1p900, sg_far_left(-x, 0x1p900) ? DBL_MAX : 0x1p900));
    sg_dd y = {a_far * 0x1p-128, 0.0};
    double far_tail = sg_trig_scale_round(sg_dd_div(SG_TRIG_INV_PI, y), 0x1p-128, 0x1p128);
    double right_far = sg_abs_above(x, sg_bits(0x1p900)) ? -far_tail : -sg_dd_round(s);
    double right = beyond_80 ? right_far : right_mid;
    double r = negative ? left : right;
    return sg_logcdf_ends(x, r);
}
static inline sg_wide sg_arctan_logcdf_wide(sg_wide x) {
    if (x < 0) return sg_wlog(sg_watan(-1 / x) / SG_ARCTAN_WPI);
    sg_wide s = x == 0 ? (sg_wide)0.5 : sg_watan(1 / x) / SG_ARCTAN_WPI;
    return sg_wlog1p(-s);
}

/* ---------------------------------------------------------------- logsf
 * ALGORITHM
 *   log(1 - F(x)) = log F(-x): the Cauchy distribution is symmetric, and
 *   negation is exact, so logsf inherits logcdf's accuracy bit for bit.
 * SPECIAL VALUES
 *   logsf(-inf) = -0, logsf(+inf) = -inf, NaN -> NaN.
 * MEASURED (float64, max ULP): as logcdf, mirrored (0.500018 in the same sweep).
 */
SG_FORCE_INLINE double sg_arctan_logsf(double x) { return sg_arctan_logcdf(-x); }
static inline sg_wide sg_arctan_logsf_wide(sg_wide x) { return sg_arctan_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ----------------------------------------- float32 fast kernels (sg_vec.h)
 * value: atan |x| = sg_vatan_quotient(|x|, 1), |x| clamped to 2^30 (atan
 *   rounds to the float32 of pi/2 from 2^25 on, +inf included), the sign of
 *   x put on last (odd; keeps -0).  Under 2^-49 against the rounding test's
 *   2^-44.  Leaves NaN and |x| < 2^-125 (one unordered comparison; results
 *   at the float32 subnormal boundary) and the near-midpoint lanes.
 * derivative 1/(1 + x^2) and density 1/(pi (1 + x^2)): x^2 is exact for a
 *   float32 x, so two roundings and pi's: under 2^-51.  Leave |x| > 2^62
 *   (results below the float32 normal range) and NaN.
 * CDF 1/2 + atan(x)/pi, for x < 0 atan(1/|x|)/pi = sg_vatan_quotient(1,
 *   |x|)/pi, which never subtracts: under 2^-49.  Leaves x < -2^124 (results
 *   below the float32 normal range), NaN, and the near-midpoint lanes; +inf
 *   computes at 2^126 (the result rounds to 1 from 2^25 on).
 */
SG_VINLINE sg_vf sg_arctan_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd r = sg_vatan_quotient(sg_vd_min(a, 0x1p30), sg_vd_splat(1.0));
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, d));
}
/* inverse tan y, a = |y|: a <= pi/4 gives tan a; above, cot(pi/2 - a) with
 *   pi/2 - a = (pi/2_hi - a) + pi/2_lo, the difference exact (Sterbenz),
 *   so that the pole keeps its relative accuracy (r >= 7.5e-8 for a float32
 *   y below pi/2); both through sg_vtan_or_cot (2^-51; the quotient's condition number
 *   2r/sin 2r is at most pi/2): under 2^-49.5.  The sign of y put on last.
 *   Leaves a > pi/2_hi (the domain errors, with invalid), NaN, a < 2^-125
 *   (results at the float32 subnormal boundary, -0 and +0 among them) and
 *   the near-midpoint lanes.
 * ppf tan(pi (p - 1/2)), folded on q = min(p, 1 - p): q >= 1/4 gives
 *   tan(pi (1/2 - q)), 1/2 - q exact; q < 1/4 gives cot(pi q), where p -
 *   1/2 would round; pi d with pi as one double, 2^-52.4, times the
 *   condition number pi/2: under 2^-49.5 in all.  The sign of p - 1/2 put
 *   on last; p = 1/2 gives +0.  Leaves q < 2^-126 (the poles at 0 and 1
 *   and results above 2.7e37), p outside [0, 1], NaN, near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_arctan_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd y = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(y);
    sg_vl outer = a > sg_vd_splat(SG_VATAN_PI_4);
    sg_vd v = sg_vtan_or_cot(sg_vd_select(outer, sg_vhalf_pi_minus(a), a), outer);
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vd_above_or_nan(a, SG_VATAN_PI_2) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vd_copysign(v, y));
}
SG_VINLINE sg_vf sg_arctan_ppf_f32v(sg_vf x, sg_vl *hard) {
    sg_vfold_t f = sg_vquantile_fold(sg_vd_of_vf(x));
    sg_vl tail = f.q < sg_vd_splat(0.25);
    sg_vd v = sg_vtan_or_cot(SG_VTAN_PI_HI * sg_vd_select(tail, f.q, 0.5 - f.q), tail);
    *hard = sg_vd_below_or_nan(f.q, 0x1p-126) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vfold_sign(f, v));
}
SG_VINLINE sg_vd sg_arctan_derivative_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(x), 0x1p62);
    sg_vd q = 1.0 / (1.0 + a * a);
    *hard = sg_vd_above_or_nan(sg_vd_abs(x), 0x1p62) | sg_vf32_near_midpoint(q);
    return q;
}
SG_VINLINE sg_vf sg_arctan_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_arctan_derivative_vd(sg_vd_of_vf(x), hard));
}
SG_VINLINE sg_vf sg_arctan_pdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(sg_vd_of_vf(x)), 0x1p62);
    sg_vd q = SG_VATAN_INV_PI / (1.0 + a * a);
    *hard = sg_vd_above_or_nan(sg_vd_abs(sg_vd_of_vf(x)), 0x1p62) | sg_vf32_near_midpoint(q);
    return sg_vf_of_vd(q);
}
SG_VINLINE sg_vf sg_arctan_cdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_min(sg_vd_abs(d), 0x1p126), one = sg_vd_splat(1.0);
    sg_vl negative = d < sg_vd_splat(0.0);
    sg_vd v = sg_vatan_quotient(sg_vd_select(negative, one, a), sg_vd_select(negative, a, one)) * SG_VATAN_INV_PI;
    sg_vd r = sg_vd_select(negative, v, 0.5 + v);
    *hard = sg_vd_below_or_nan(d, -0x1p124) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}

/* The log-CDF and log-SF: with a = |x| clamped to 2^1000 (+-inf included),
 *   q = atan(1/a)/pi (sg_vatan_quotient(1, a), never a subtraction) where
 *   x < 0 or a > 1, else atan(a)/pi; F = q for x < 0, 1/2 + q for 0 <= x <=
 *   1, and F - 1 = -q for x > 1, into sg_vlog_cdf: under 2^-48.  x = -inf
 *   gives -inf.  Leaves results below the float32 normal range (x > 2^125.6,
 *   +inf among them), NaN and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_arctan_logcdf_vd(sg_vd d, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(d), 0x1p1000), one = sg_vd_splat(1.0);
    sg_vl negative = d < sg_vd_splat(0.0);
    sg_vl inverse = negative | (a > one);
    sg_vd q = sg_vatan_quotient(sg_vd_select(inverse, one, a), sg_vd_select(inverse, a, one)) * SG_VATAN_INV_PI;
    *hard = ~(d == d);
    sg_vd v = sg_vlog_cdf(sg_vd_select(negative, q, 0.5 + q), -q, inverse & ~negative, hard);
    return sg_vd_select(d == -INFINITY, sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(arctan)
#endif /* SG_VEC_TU */

#endif /* SG_ARCTAN_H */
