/*
 * gudermannian.h -- the Gudermannian function gd x = 2 arctan(tanh(x/2))
 * = arctan(sinh x) = 2 arctan(e^x) - pi/2: range (-pi/2, pi/2), slope 1 at
 * 0, derivative sech x, inverse gd^-1 y = artanh(sin y) = asinh(tan y).
 * Its CDF form F = (gd x + pi/2)/pi = (2/pi) arctan(e^x) is the CDF of the
 * hyperbolic secant distribution (scipy.stats.hypsecant), with density
 * sech(x)/pi.
 *
 * Built on the dd arctan, artanh and tan of sg_atan.h and sg_exp_dd.  No
 * formula here subtracts nearly equal quantities by more than two bits:
 *   - the value switches from arctan(sinh x) (series sinh) to
 *     pi/2 - 2 arctan(e^-|x|) at |x| = 1/2, where the latter loses 1.7 bits;
 *   - every function of the CDF form works with t = e^-|x| <= 1 and forms
 *     the small side directly: F(x) = (2/pi) arctan(e^x) for x <= 0, so
 *     that F(-700) = 6.4e-305 and logcdf(-1e308) = -1e308 - 0.4516 stay
 *     exact, and 1 - F(x) = F(-x) for the right tail;
 *   - the inverse and the quantile go through gd^-1(y) = 2 artanh(tan(y/2))
 *     below pi/4 and -log(tan((pi/2 - y)/2)) above, with pi/2 - y a dd.
 * Results that land in the subnormal range (sech x and F(-x) for x > 708)
 * are formed at scale 2^128 and rounded once (sg_trig_scale_round).
 */
#ifndef SG_GUDERMANNIAN_H
#define SG_GUDERMANNIAN_H

#include "sg_atan.h"
#include "sg_log.h"

#define SG_GD_WPI SG_TRIG_WIDE(SG_TRIG_PI)

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   |x| < 1/2: arctan(sinh |x|) with sinh from its series
 *   (sg_trig_sinh_dd, 2^-63): no cancellation anywhere, and gd x = x to
 *   the last bit below 2^-27.
 *   |x| >= 1/2: pi/2 - 2 arctan(e^-|x|), with e^-|x| the dd of sg_exp_dd
 *   (2^-64.8) and the dd pi/2; at |x| = 1/2 the difference keeps all but
 *   1.7 bits of the 2^-64 inputs.  e^-|x| is capped at e^-40: from there
 *   on gd is pi/2 rounded (pi/2 - 2^-56 rounds to it).
 *   Both forms are computed in every lane and selected, with one arctan.
 *   The sign is put back with copysign (gd is odd).
 * SPECIAL VALUES
 *   gd(+-0) = +-0, gd(+-inf) = +-pi/2 rounded, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500114 at x = 0.4284419017034553,
 *   the 2^-63 of the series sinh near |x| = 1/2; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_gudermannian(double x) {
    /* Branch-free, one arctan per lane: the two forms differ only in the
     * argument of the arctan and in what is done with it.  Lane tests on
     * the bits, NaN excluded (see sg_order_key). */
    double a = sg_isnan(x) ? 0.0 : fabs(x);
    int near = sg_abs_below(a, sg_bits(0.5));
    sg_dd sinh_a = sg_trig_sinh_dd(sg_select(near, a, 0.0));
    /* e^-a is capped at e^-40: beyond, pi/2 - 2e^-a (> pi/2 - 2^-56) rounds
     * to pi/2's double either way, and e^-inf raised a spurious underflow. */
    sg_dd t = sg_exp_dd(-sg_clamp_abs_between(a, 0.5, 40.0));
    sg_dd w = sg_atan_dd(sg_trig_select(near, sinh_a, t));
    sg_dd r = sg_trig_select(near, w, sg_trig_sub(SG_TRIG_PI_2, sg_trig_mul_d(w, 2.0)));
    double result = copysign(sg_dd_round(r), x);
    return sg_isnan(x) ? x : result;
}
static inline sg_wide sg_gudermannian_wide(sg_wide x) {
    sg_wide a = x < 0 ? -x : x;
    sg_wide r = a <= 1 ? sg_watan(sg_wsinh(a)) : SG_TRIG_WIDE(SG_TRIG_PI_2) - 2 * sg_watan(sg_wexp(-a));
    return x < 0 ? -r : r;
}

/* c sech x = 2c t/(1 + t^2), t = e^-|x|, for a dd factor c (1 for the
 * derivative, 1/pi for the density), rounded once.
 *   |x| <= 600: t from sg_exp_dd as a dd; t^2 only up to |x| = 40 (beyond
 *   it is below 2^-115 and would underflow); one dd quotient.
 *   |x| > 600: 2c e^-|x| (the 1 + t^2 is 1 to 2^-2000), formed at scale
 *   2^128 by sg_trig_exp_scaled and rounded once: sg_exp_dd keeps no tail
 *   below 2^-968 (|x| > 671) and the result is subnormal past 708.4, and
 *   2 round(e^-|x|) measured 1.1 ULP there. */
static inline double sg_gd_sech(double x_in, sg_dd c) {
    /* lane tests on the bits, NaN excluded (see sg_order_key).  +-inf
     * computes at 0 (e^-inf would raise underflow) and gets its exact +0
     * back; |x| below 2^-60 computes at 0 (sech rounds to 1 there, and
     * e^-|x| would raise underflow for a subnormal x). */
    double x = sg_flush_below(sg_infinity_to_zero(x_in), SG_BITS_2M60);
    double a = sg_isnan(x) ? 0.0 : fabs(x);
    int far = sg_abs_above(x, sg_bits(600.0));
    sg_dd t = sg_exp_dd(far ? -600.0 : -a);
    sg_dd t_sq = sg_abs_above(x, sg_bits(40.0)) ? (sg_dd){0.0, 0.0} : sg_dd_mul(t, t);
    sg_dd den = sg_two_sum(1.0, t_sq.hi);
    den.lo += t_sq.lo;
    sg_dd num = sg_dd_mul(c, sg_trig_mul_d(t, 2.0));
    double near_result = sg_dd_round(sg_dd_div(num, den));
    sg_dd e = sg_trig_exp_scaled(far ? -a : -600.0);
    double far_result = sg_trig_scale_round(sg_dd_mul(c, sg_trig_mul_d(e, 2.0)), 0x1p-128, 0x1p128);
    return sg_put_limits(x_in, 0.0, 0.0, far ? far_result : near_result);
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   sech x = 2t/(1 + t^2) with t = e^-|x| <= 1 (sg_gd_sech): never
 *   overflows (1/cosh x does at 710), and keeps the tail to the last
 *   subnormal (sech 745 = 9.9e-324).
 * SPECIAL VALUES
 *   sech(+-0) = 1, sech(+-inf) = +0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500082 at x = 29.16364133177023,
 *   sg_exp_dd's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_gudermannian_derivative(double x) {
    sg_dd one = {1.0, 0.0};
    return sg_gd_sech(x, one);
}
static inline sg_wide sg_gudermannian_derivative_wide(sg_wide x) {
    sg_wide t = sg_wexp(x < 0 ? x : -x);
    return 2 * t / (1 + t * t);
}

/* ------------------------------------------------------------------ pdf
 * ALGORITHM
 *   sech(x)/pi by sg_gd_sech with the dd 1/pi.
 * SPECIAL VALUES
 *   1/pi at +-0, +0 at +-inf, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500090 at x = 2.3277797728652905,
 *   sg_exp_dd's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
static inline double sg_gudermannian_pdf(double x) { return sg_gd_sech(x, SG_TRIG_INV_PI); }
static inline sg_wide sg_gudermannian_pdf_wide(sg_wide x) {
    sg_wide t = sg_wexp(x < 0 ? x : -x);
    return 2 * t / (SG_GD_WPI * (1 + t * t));
}

/* gd^-1 from t = tan h, branch-free: 2 artanh(t) where h = y/2 (small y,
 * y < pi/4: t <= tan(pi/8) < 1/2), -log(q) - log_shift where h = (pi/2 -
 * y)/2 (large y: t <= tan(pi/8), so |log| >= 0.88 and the logarithm's
 * absolute 2^-64 stays relative).  Both avoid artanh(sin y) near y = pi/2,
 * where 1 - sin y cancels.  Every lane forms both, each on an operand it
 * cannot raise a flag on (t clamped to 1/2 for the artanh; the log lanes'
 * q is t, or for the ppf's tiny p the p itself, which may be subnormal:
 * SG_Q_TINY), and `use_log` selects. */
SG_FORCE_INLINE sg_dd sg_gd_inverse_from_tan(int use_log, sg_dd t, sg_dd q, sg_dd log_shift) {
    sg_dd t_artanh = { sg_clamp_ordered(t.hi, 0.0, 0.5), t.lo };
    sg_dd by_artanh = sg_trig_mul_d(sg_atanh_dd(t_artanh), 2.0);
    sg_dd by_log = sg_trig_neg(sg_dd_add(sg_log_far_vdd(q), log_shift));
    return sg_dd_pick(use_log, by_log, by_artanh);
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   a = |y| < 2^-30: y (the y^3/6 is below half an ULP).
 *   a < pi/4: 2 artanh(tan(a/2)) (a/2 exact).
 *   pi/4 <= a < pi/2: -log(tan((pi/2 - a)/2)) with pi/2 - a the dd
 *   (pi/2_hi - a) + pi/2_lo (Sterbenz: exact), halved exactly.  The
 *   largest double below pi/2 gives -log(tan(3.06e-17)) = 38.0.
 *   The sign is put back with copysign (gd^-1 is odd).  Branch-free: one
 *   tan per lane of the argument its region selects, then both the artanh
 *   and the logarithm (sg_gd_inverse_from_tan).
 * SPECIAL VALUES
 *   gd^-1(+-0) = +-0; |y| > pi/2 (every double above pi/2_hi), +-inf ->
 *   NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500001 at x = 1.2475914926821006;
 *   2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_gudermannian_inverse(double y) {
    /* Branch-free (the loops vectorise): one tan per lane, of a/2 or of
     * (pi/2 - a)/2, a = |y| clamped to [2^-30, pi/2_hi] (NaN to 2^-30);
     * below 2^-30 the result is y itself, and the domain and NaN are put
     * back last. */
    double a = sg_clamp_ordered(fabs(y), 0x1p-30, SG_TRIG_PI_2.hi);
    int use_log = sg_abs_bits(a) >= (int64_t)sg_bits(SG_TRIG_PI_4.hi);
    sg_dd half_y = {0.5 * a, 0.0};
    sg_dd comp = sg_fast_two_sum(SG_TRIG_PI_2.hi - a, SG_TRIG_PI_2.lo);
    comp = sg_fast_two_sum(comp.hi, comp.lo + SG_TRIG_PI_2_LO2);
    sg_dd half_comp = {0.5 * comp.hi, 0.5 * comp.lo};
    sg_dd t = sg_tan_dd(sg_dd_pick(use_log, half_comp, half_y));
    sg_dd zero = {0.0, 0.0};
    double v = copysign(sg_dd_round(sg_gd_inverse_from_tan(use_log, t, t, zero)), y);
    v = sg_abs_below(y, SG_BITS_2M30) ? y : v;
    return sg_nan_pass(y, sg_domain_guard(y, -SG_TRIG_PI_2.hi, SG_TRIG_PI_2.hi, v));
}
static inline sg_wide sg_gudermannian_inverse_wide(sg_wide y) { return sg_wasinh(sg_wtan(y)); }

/* ------------------------------------------------------------------ ppf
 * ALGORITHM
 *   F^-1(p) = gd^-1(pi (p - 1/2)), folded onto q = min(p, 1 - p) (1 - p is
 *   exact for p >= 1/2), negative for p < 1/2; with y = pi (1/2 - q):
 *   q >= 1/4: 2 artanh(tan(pi (1/2 - q)/2)), 1/2 - q exact, pi times it a
 *   dd: no cancellation at p = 1/2 (log(tan(pi p/2)) would lose it all).
 *   2^-60 <= q < 1/4: (pi/2 - y)/2 = pi q/2 exactly as a dd: -log(tan(pi q/2)).
 *   q < 2^-60: -(log q + log(pi/2)) (tan z = z to 2^-118 there), the
 *   logarithm taking subnormal q.  Branch-free, as the inverse.
 * SPECIAL VALUES
 *   F^-1(0) = -inf, F^-1(1) = +inf with FE_DIVBYZERO; F^-1(1/2) = +0;
 *   p < 0, p > 1 -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500022 at x = 0.15753136413695834,
 *   sg_log_dd's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_gudermannian_ppf(double p) {
    /* Branch-free (the loops vectorise): one tan per lane, of
     * (pi/2)(1/2 - q) (q clamped to [1/4, 1/2]) or of (pi/2) q (q clamped
     * to [2^-60, 1/4]); below 2^-60 the log lanes take q itself and add
     * log(pi/2).  The poles, the domain and NaN are put back last. */
    sg_fold f = sg_quantile_fold(p);
    double sign = f.upper ? 1.0 : -1.0;
    int central = sg_abs_bits(f.q) >= (int64_t)sg_bits(0.25);
    int tiny = sg_abs_below(f.q, SG_BITS_2M60);
    sg_dd half_y = sg_trig_mul_d(SG_TRIG_PI_2, 0.5 - sg_clamp_ordered(f.q, 0.25, 0.5));
    sg_dd half_comp = sg_trig_mul_d(SG_TRIG_PI_2, sg_clamp_ordered(f.q, 0x1p-60, 0.25));
    sg_dd t = sg_tan_dd(sg_dd_pick(central, half_y, half_comp));
    /* the log's argument: q itself in the tiny lanes, t elsewhere; a zero
     * (p = 0, 1/2 or 1, whose results come from elsewhere) is replaced so
     * that the unused log raises nothing */
    sg_dd q = sg_dd_pick(tiny, (sg_dd){ sg_nonzero(f.q, 1.0), 0.0 }, (sg_dd){ sg_nonzero(t.hi, 1.0), t.lo });
    sg_dd zero = {0.0, 0.0};
    sg_dd shift = sg_dd_pick(tiny, SG_TRIG_LOG_PI_2, zero);
    double v = sign * sg_dd_round(sg_gd_inverse_from_tan(!central, t, q, shift));
    v = sg_pole_guard(f.pole, sign, v);
    return sg_nan_pass(p, sg_domain_guard(p, 0.0, 1.0, v));
}
static inline sg_wide sg_gudermannian_ppf_wide(sg_wide p) {
    if (p < 0.25) return sg_wlog(sg_wtan(SG_GD_WPI * p / 2));
    if (p > 0.75) return -sg_wlog(sg_wtan(SG_GD_WPI * (1 - p) / 2));
    return sg_wasinh(sg_wtan(SG_GD_WPI * (p - (sg_wide)0.5)));
}

/* S(a) = F(-a) = (2/pi) arctan(e^-a) for a >= 0 as a dd, e^-a normal
 * (a <= 600). */
SG_FORCE_INLINE sg_dd sg_gd_tail_dd(double a) {
    return sg_dd_mul(sg_atan_dd(sg_exp_dd(-a)), SG_TRIG_TWO_OVER_PI);
}
/* F(-a) = (2/pi) e^-a for a > 600 (arctan t = t to 2^-1400), rounded once. */
static inline double sg_gd_far_tail(double a) {
    return sg_trig_scale_round(sg_dd_mul(sg_trig_exp_scaled(-a), SG_TRIG_TWO_OVER_PI), 0x1p-128, 0x1p128);
}

/* ------------------------------------------------------------------ cdf
 * ALGORITHM
 *   x <= 0: F = (2/pi) arctan(e^x), e^x <= 1 a dd: the small side is formed
 *   directly (F(-700) = 6.4e-305); below -600 (2/pi) e^x at scale 2^128,
 *   rounded once (sg_exp_dd keeps no tail below 2^-968, and the result is
 *   subnormal below -707.9: the plain product measured 1.1 ULP at -684.7).
 *   x > 0: F = 1 - F(-x), F(-x) <= 1/2: the result is >= 1/2, so the
 *   difference costs nothing.
 * SPECIAL VALUES
 *   F(+-0) = 1/2, F(-inf) = +0, F(+inf) = 1, NaN -> NaN.  The underflow
 *   warning only where F itself is subnormal or 0 (-inf and |x| < 2^-900
 *   warned before).
 * MEASURED (float64, max ULP): 0.500026 at x = -32.02721711390577,
 *   sg_exp_dd's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_gudermannian_cdf(double x) {
    /* Branch-free, so that the loops vectorise: every lane forms S(a) on a
     * clamped to 600 (|x| < 2^-60 flushed to 0, where F rounds to 1/2 and
     * e^-a - 1 or the quotient's remainder would underflow), and the far tail on a clamped to
     * [600, 760] in the lanes that use it (sg_far_left) and to 600 in the
     * others, which must not underflow. */
    int negative = (int)(sg_bits(x) >> 63);
    int far = sg_abs_above(x, sg_bits(600.0));
    double a = fabs(sg_flush_below(sg_clamp_abs(x, 600.0), SG_BITS_2M60));
    sg_dd s = sg_gd_tail_dd(a);
    sg_dd one = {1.0, 0.0};
    double right = sg_dd_round(sg_trig_sub(one, s));
    double far_tail = sg_gd_far_tail(fabs(sg_clamp_abs_between(x, 600.0, sg_far_left(x, 600.0) ? 760.0 : 600.0)));
    double left = far ? (sg_isfinite(x) ? far_tail : 0.0) : sg_dd_round(s);
    return sg_nan_pass(x, negative ? left : right);
}
static inline sg_wide sg_gudermannian_cdf_wide(sg_wide x) {
    return 2 * sg_watan(sg_wexp(x)) / SG_GD_WPI;
}

/* --------------------------------------------------------------- logcdf
 * ALGORITHM
 *   x < -40: log F = x + log(2/pi) + log(arctan(t)/t), t = e^x, and the
 *   last term (-t^2/3) is below 2^-115: x - log(pi/2) as a dd sum, finite
 *   and exact to x = -1.8e308 (F itself is 0 below -745).
 *   -40 <= x <= 0: log F with F = (2/pi) arctan(e^x) a dd in [2.7e-18, 1/2]:
 *   sg_log.h's Newton-corrected log, 2^-64.8 absolute with |log F| >= log 2.
 *   0 < x <= 56: log(1 - S) with S = F(-x) <= 1/2, as
 *   -2 artanh(S/(2 - S)) (argument <= 1/3: the table artanh, 2^-80).
 *   x > 56: log F = -S - S^2/2 with S < 2^-80: -S, rounded once also
 *   where S is subnormal (x > 708; from x = 600 on, since sg_exp_dd drops its tail below 2^-968).
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0, logcdf(0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.500036 at x = 1.8292785963840625,
 *   sg_exp_dd's 2^-64.8; 2M inputs against the binary128 twin
 *   (tools/stress_wide.c), worst confirmed with mpmath.
 */
SG_FORCE_INLINE double sg_gudermannian_logcdf(double x) {
    /* Branch-free, so that the loops vectorise: every lane forms S = F(-a)
     * on a clamped to 600 (|x| < 2^-200 flushed to 0: the result rounds to
     * -log 2, and S's dd tail would underflow), its logarithm (the left
     * side, S >= 1e-261), the table artanh (the right side), the far right
     * tail on a clamped to [600, 760] where it is used (sg_far_left) and to
     * 600 elsewhere, and x - log(pi/2) on x clamped to a finite value. */
    int negative = (int)(sg_bits(x) >> 63);
    double a = fabs(sg_flush_below(sg_clamp_abs(x, 600.0), SG_BITS_2M200));   /* NaN -> 0 */
    sg_dd s = sg_gd_tail_dd(a);
    double left_near = sg_dd_round(sg_log_either_vdd(0, s, (sg_dd){ 0.0, 0.0 }, SG_Q_NORMAL));
    sg_dd l = sg_two_sum(sg_clamp_ordered(x, -DBL_MAX, 0.0), -SG_TRIG_LOG_PI_2.hi);
    double left_far = l.hi + (l.lo - SG_TRIG_LOG_PI_2.lo);
    double left = sg_abs_bits(x) > (int64_t)sg_bits(40.0) ? left_far : left_near;
    /* the artanh's lanes have x <= 56, S >= 4.4e-25; the others take 1/4,
     * whose quotient does not underflow as S(600)'s did */
    int beyond_56 = sg_abs_bits(x) > (int64_t)sg_bits(56.0);
    sg_dd s_mid = sg_dd_pick(beyond_56, (sg_dd){ 0.25, 0.0 }, s);
    sg_dd two_minus_s = sg_two_sum(2.0, -s_mid.hi);
    two_minus_s.lo -= s_mid.lo;
    double right_mid = -2.0 * sg_dd_round(sg_atanh_dd(sg_dd_div(s_mid, two_minus_s)));
    double far_tail = sg_gd_far_tail(fabs(sg_clamp_abs_between(x, 600.0, sg_far_left(-x, 600.0) ? 760.0 : 600.0)));
    double right_far = sg_abs_bits(x) > (int64_t)sg_bits(600.0) ? -far_tail : -sg_dd_round(s);
    double right = beyond_56 ? right_far : right_mid;
    double v = negative ? left : right;
    return sg_logcdf_ends(x, v);
}
static inline sg_wide sg_gudermannian_logcdf_wide(sg_wide x) {
    if (x < -80) return x - sg_wlog(SG_GD_WPI / 2);
    if (x <= 0) return sg_wlog(2 * sg_watan(sg_wexp(x)) / SG_GD_WPI);
    return sg_wlog1p(-2 * sg_watan(sg_wexp(-x)) / SG_GD_WPI);
}

/* ---------------------------------------------------------------- logsf
 * ALGORITHM
 *   log(1 - F(x)) = log F(-x) (the distribution is symmetric); negation
 *   is exact.
 * SPECIAL VALUES
 *   logsf(-inf) = -0, logsf(+inf) = -inf, NaN -> NaN.
 * MEASURED (float64, max ULP): as logcdf, mirrored (0.500059 in the same sweep).
 */
SG_FORCE_INLINE double sg_gudermannian_logsf(double x) { return sg_gudermannian_logcdf(-x); }
static inline sg_wide sg_gudermannian_logsf_wide(sg_wide x) { return sg_gudermannian_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ----------------------------------------- float32 fast kernels (sg_vec.h)
 * log tan(pi/4 + r) on the lanes where cot is false and log cot r where it
 * is true, r in [0, pi/4], for the inverse and the quantile:
 * ALGORITHM
 *   sin r and cos r (sg_vsincos, 2^-52.5 each); log tan(pi/4 + r) = log1p(u)
 *   with u = 2 sin r/(cos r - sin r) (= 2 tan r/(1 - tan r)), used for r
 *   <= 1/2, where cos r - sin r >= 0.398 magnifies sin's and cos's errors
 *   at most 3.4 times (u to 2^-50.3 with the division); log1p through
 *   sg_vlog(1 + u, its rounding error), whose condition number is below 1;
 *   log cot r = sg_vlog(cos r/sin r), used where cot r >= 2.4 (|log| >=
 *   0.88): the quotient's 2^-51 and the reduction's, times the condition
 *   number 2r/sin 2r <= pi/2, stay under 2^-50 of the result.  One
 *   division and one sg_vlog per lane.
 */
SG_VINLINE sg_vd sg_vlog_tan_quarter(sg_vd r, sg_vl cot) {
    sg_vsincos_t sc = sg_vsincos(r);
    sg_vd q = sg_vd_select(cot, sc.cosine, 2.0 * sc.sine) / sg_vd_select(cot, sc.sine, sc.cosine - sc.sine);
    sg_vdd one_q = sg_vtwo_sum(sg_vd_splat(1.0), q);
    return sg_vlog(sg_vd_select(cot, q, one_q.hi), (sg_vd)(~cot & (sg_vl)one_q.lo));
}
/* inverse gd^-1(y) = log tan(pi/4 + a/2), a = |y|, the sign of y put on
 *   last (odd): a <= 1 through r = a/2 (exact); a > 1 as log cot w, w =
 *   pi/4 - a/2 = (pi/4_hi - a/2) + pi/4_lo, the difference exact
 *   (Sterbenz: a/2 >= pi/8), so that the pole keeps its relative accuracy
 *   (w >= 3.8e-8 for a float32 y below pi/2).  Under 2^-49.5.  Leaves a > pi/2_hi
 *   (the domain errors, with invalid), NaN, a < 2^-125 (results at the
 *   float32 subnormal boundary, both zeros among them) and the
 *   near-midpoint lanes.
 * ppf F^-1(p) = gd^-1(pi (p - 1/2)), folded on q = min(p, 1 - p): q >= 1/4
 *   gives log tan(pi/4 + r), r = (pi/2)(1/2 - q) (1/2 - q exact); q < 1/4
 *   gives log cot((pi/2) q), where p - 1/2 would round; pi/2 as one double
 *   (2^-52.4 in r, times the condition number in r: at most pi/2 for cot
 *   and 1.51 for log tan(pi/4 + r)).  Under 2^-49.5.  The sign of p - 1/2 put on last;
 *   p = 1/2 gives +0.  Leaves q < 2^-126 (the poles at 0 and 1), p outside
 *   [0, 1], NaN, and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_gudermannian_inverse_f32v(sg_vf x, sg_vl *hard) {
    sg_vd y = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(y), half = 0.5 * a;
    sg_vl outer = a > sg_vd_splat(1.0);
    sg_vd w = 0.5 * sg_vhalf_pi_minus(a);                 /* exact halving: pi/4 - a/2 */
    sg_vd v = sg_vlog_tan_quarter(sg_vd_select(outer, w, half), outer);
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vd_above_or_nan(a, SG_VATAN_PI_2) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vd_copysign(v, y));
}
SG_VINLINE sg_vf sg_gudermannian_ppf_f32v(sg_vf x, sg_vl *hard) {
    sg_vfold_t f = sg_vquantile_fold(sg_vd_of_vf(x));
    sg_vl tail = f.q < sg_vd_splat(0.25);
    sg_vd v = sg_vlog_tan_quarter((0.5 * SG_VTAN_PI_HI) * sg_vd_select(tail, f.q, 0.5 - f.q), tail);
    *hard = sg_vd_below_or_nan(f.q, 0x1p-126) | sg_vf32_near_midpoint(v);
    return sg_vf_of_vd(sg_vfold_sign(f, v));
}
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   gd a = atan(sinh a), a = |x| clamped to 20 (gd rounds to the float32
 *   of pi/2 from 17.5 on, +inf included), with sinh a = m (m + 2)/(2 (m +
 *   1)) and m = e^a - 1 (sg_vexpm1, 2^-47): gd a = sg_vatan_quotient(m (m +
 *   2), 2 (m + 1)), one division in all and nothing cancels (m >= 0).  The
 *   sign of x is put on last (odd; keeps -0).  Under 2^-46 against the
 *   rounding test's 2^-44.
 * LANES IT LEAVES: NaN, |x| < 2^-125 (results at the float32 subnormal
 *   boundary), and the near-midpoint lanes.
 */
SG_VINLINE sg_vf sg_gudermannian_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd a = sg_vd_abs(d);
    sg_vd m = sg_vexpm1(sg_vd_min(a, 20.0));
    sg_vd r = sg_vatan_quotient(m * (m + 2.0), 2.0 * (m + 1.0));
    *hard = sg_vd_below_or_nan(a, 0x1p-125) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(sg_vd_copysign(r, d));
}

/* The derivative sech x = 2t/(1 + t^2), t = e^-|x| (sg_vexp, |x| clamped
 *   to 86.5), and the density sech(x)/pi: under 2^-46.5.  Leave |x| > 86.5
 *   (results at or below the float32 normal range from 88.03 and 86.89)
 *   and NaN.
 * The CDF 1/2 + gd(x)/pi = (2/pi) atan(e^x) (from gd x = 2 atan(e^x) -
 *   pi/2: no cancellation in the left tail), e^x by sg_vexp with x clamped
 *   to [-86.5, 20] (F rounds to 1 from 17.7, +inf included) and atan by
 *   sg_vatan_quotient(e^x, 1); atan's relative sensitivity to e^x is below
 *   1, so under 2^-46.  Leaves x < -86.5 ((2/pi) e^x reaches 2^-126 at
 *   -86.88; -inf included) and NaN.
 * All leave the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_gd_sech_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_abs(x);
    sg_vd t = sg_vexp(-sg_vd_min(a, 86.5));
    sg_vd r = (2.0 * t) / (1.0 + t * t);
    *hard = sg_vd_above_or_nan(a, 86.5);
    return r;
}
SG_VINLINE sg_vf sg_gudermannian_derivative_f32v(sg_vf x, sg_vl *hard) {
    sg_vd r = sg_gd_sech_vd(sg_vd_of_vf(x), hard);
    *hard |= sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}
SG_VINLINE sg_vf sg_gudermannian_pdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd r = SG_VATAN_INV_PI * sg_gd_sech_vd(sg_vd_of_vf(x), hard);
    *hard |= sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}
SG_VINLINE sg_vf sg_gudermannian_cdf_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vd e = sg_vexp(sg_vd_min(sg_vd_max(d, -86.5), 20.0));
    sg_vd r = (2.0 * SG_VATAN_INV_PI) * sg_vatan_quotient(e, sg_vd_splat(1.0));
    *hard = sg_vd_below_or_nan(d, -86.5) | sg_vf32_near_midpoint(r);
    return sg_vf_of_vd(r);
}

/* The log-CDF and log-SF: g = (2/pi) atan(e^-|x|) (sg_vexp, 2^-47, and
 *   sg_vatan_quotient, whose sensitivity to e is under 1), the smaller of
 *   the CDF and the SF; F = g for x <= 0, 1 - g (exact, g >= 1/4) where g
 *   >= 1/4 for x > 0 and F - 1 = -g where g < 1/4, into sg_vlog_cdf: under
 *   2^-45.5.  Leaves |x| > 86.5 (e^-|x| near the float32 subnormals; the
 *   left tail's logarithm is finite far beyond), NaN and the near-midpoint
 *   lanes.
 */
SG_VINLINE sg_vd sg_gudermannian_logcdf_vd(sg_vd d, sg_vl *hard) {
    sg_vd a = sg_vd_abs(d);
    sg_vd g = (2.0 * SG_VATAN_INV_PI) * sg_vatan_quotient(sg_vexp(-sg_vd_min(a, 86.5)), sg_vd_splat(1.0));
    sg_vl positive = d > sg_vd_splat(0.0);
    *hard = sg_vd_above_or_nan(a, 86.5);
    return sg_vlog_cdf(sg_vd_select(positive, 1.0 - g, g), -g, positive & (g < sg_vd_splat(0.25)), hard);
}
SG_VLOG_CDF_PAIR(gudermannian)
#endif /* SG_VEC_TU */

#endif /* SG_GUDERMANNIAN_H */
