/*
 * gompertz.h -- the Gompertz family: G(x) = exp(-e^-x), the CDF of the
 * Gumbel (maximum) distribution, scipy.stats.gumbel_r.
 *
 * Asymmetric: G is neither odd nor point-symmetric.  Its left tail is a
 * double exponential (G(-6.5) = 1.5e-289, G(-7) underflows to 0), its right
 * tail a single one (1 - G(x) ~ e^-x).  Its mirror image is the cloglog
 * family, 1 - G(-x) (cloglog.h), which reuses the kernels below.
 *
 * Every kernel starts from t = e^-x as a dd and exponentiates again with
 * sg_exp_of_dd / sg_expm1_dd (sg_expm1.h), whose dd arguments carry t's
 * tail.  The one error that is not a final rounding is t's own: it moves
 * exp(-t) by t times its relative error, and t reaches 745 where exp(-t)
 * is still representable.  With sg_exp_dd (2^-64) that measured 0.589 ULP
 * at x = -6.55, so the kernels that exponentiate t take it from
 * sg_exp_dd_fine (2^-75), which leaves 745 * 2^-75 = 2^-65.5.
 *
 * Each kernel comes with its binary128 twin (see logistic.h) for the rare
 * float32/float16 hard cases.
 */
#ifndef SG_GOMPERTZ_H
#define SG_GOMPERTZ_H

#include "sg_math.h"
#include "sg_expm1.h"
#include "sg_alg.h"
#include "sg_log.h"

/* 1/e as a triple-double and e as a dd (mpmath, 400 bits).  The inverses
 * subtract 1/e from doubles that can lie within 2^-56 of it, so its third
 * word matters. */
static const double SG_INV_E_HI = 0x1.78b56362cef38p-2;
static const double SG_INV_E_MID = -0x1.ca8a4270fadf5p-57;
static const double SG_INV_E_LO = -0x1.837912b3fd2aap-111;
static const double SG_E_HI = 0x1.5bf0a8b145769p+1;
static const double SG_E_LO = 0x1.4d57ee2b1013ap-53;

/* x * e - 1 as a dd for a dd x with x.hi in [0.184, 0.736] (so that
 * x.hi - 1/e is exact by Sterbenz): the distance to the point where
 * -log x = 1, scaled, with relative error about 2^-104. */
static inline sg_dd sg_gumbel_times_e_minus_1(sg_dd x) {
    sg_dd diff = sg_two_sum(x.hi - SG_INV_E_HI, x.lo);
    sg_dd third = { -SG_INV_E_MID, -SG_INV_E_LO };
    diff = sg_dd_add(diff, third);
    sg_dd e = { SG_E_HI, SG_E_LO };
    return sg_dd_mul(diff, e);
}

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   t = e^-x as a dd, G = e^-t by sg_exp_of_dd, whose dd argument keeps
 *   t's tail (dropping it costs 2^-44 relative: 2^8 ULP of a subnormal G).
 *   x is clamped to [-8, 40] first: below, G < exp(-2980) is 0 already,
 *   and e^-x would overflow (a spurious overflow flag) from x < -709.8;
 *   above, G rounds to 1 and e^-x would underflow.  NaN
 *   is swapped for 0 before any comparison (which could raise FE_INVALID)
 *   and put back by a select, so the kernel is branch-free.  (fmax would
 *   do the same but is a library call, which stops vectorisation.)
 * SPECIAL VALUES
 *   G(-inf) = +0, G(+inf) = 1, G(0) = 1/e, NaN -> NaN.  G(x) underflows
 *   (flag) to 0 below x = -6.6136 (t > 745.13); results are subnormal
 *   between there and x = -6.5630.
 * MEASURED (float64, max ULP): 0.50012 at x = -4.437923654382441 (with t from sg_exp_dd
 *   instead of sg_exp_dd_fine: 0.589 at x = -6.55).
 */
static inline double sg_gompertz(double x) {
    /* x is clamped to 40 above (G(40) already rounds to 1; e^-x would
     * underflow from 745 on), flushed to 0 below |x| = 2^-60 (G rounds to
     * 1/e there; e^-x of a subnormal x would raise underflow), and -inf
     * computes at 0 and gets its exact +0 back.  NaN computes a harmless
     * G(0). */
    double xc = sg_clamp_between(sg_flush_below(sg_infinity_to_zero(x), SG_BITS_2M60), -8.0, 40.0);
    sg_dd t = sg_exp_dd_fine(-xc);
    sg_dd a = { -t.hi, -t.lo };
    double g = sg_dd_round(sg_exp_of_dd(a));
    return sg_put_limits(x, 0.0, 1.0, g);
}
static inline sg_wide sg_gompertz_wide(sg_wide x) {
    if (x < -12) x = -12; /* G = 0 already; keeps e^-x finite */
    return sg_wexp(-sg_wexp(-x));
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   G'(x) = e^-x exp(-e^-x) = exp(u), u = -x - t as a dd (two_sum, then
 *   t's tail): one exponential of an exact-to-2^-106 exponent, so neither
 *   e^-x overflows (x -> -inf) nor G underflows before the product does,
 *   and nothing cancels.  x is clamped to [-8, 800]: the result is 0
 *   outside (exp(-2973) and exp(-800)) and the clamp keeps dd arithmetic
 *   away from infinities.
 * SPECIAL VALUES
 *   G'(+-inf) = +0, G'(0) = 1/e (the slope at 0), NaN -> NaN.
 * MEASURED (float64, max ULP): 0.49999 at x = -6.146064675998852.
 */
static inline double sg_gompertz_derivative(double x) {
    /* NaN -> 0; +-inf computes at 0 (clamped, its exponentials would raise
     * underflow) and gets its exact +0 back */
    double xc = sg_clamp_between(sg_infinity_to_zero(x), -8.0, 800.0);
    sg_dd t = sg_exp_dd_fine(-xc);
    sg_dd u = sg_two_sum(-xc, -t.hi);
    u = sg_fast_two_sum(u.hi, u.lo - t.lo);
    double d = sg_dd_round(sg_exp_of_dd(u));
    return sg_put_limits(x, 0.0, 0.0, d);
}
static inline sg_wide sg_gompertz_derivative_wide(sg_wide x) {
    if (x < -12) x = -12;
    return sg_wexp(-x - sg_wexp(-x));
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   x = -log(L), L = -log y.  Both logs are sg_log_vdd (sg_log.h: relative
 *   2^-58, branch-free, and log y near 1 goes through log1p(y - 1), exact),
 *   which is enough where
 *   |x| >= 1/2.  Near y = 1/e, x -> 0 and L -> 1: log L would keep only
 *   the absolute accuracy of L.  There (y in [0.19, 0.55], x in
 *   [-0.51, 0.52]) d = y e - 1 is formed in dd against a triple-double 1/e
 *   (y - 1/e is exact to the first word by Sterbenz), so that
 *   log y = log1p(d) - 1 and x = -log1p(-log1p(d)) lose nothing.
 * SPECIAL VALUES
 *   x(0) = -inf, x(1) = +inf with FE_DIVBYZERO like log(0); y < 0, y > 1
 *   -> NaN with FE_INVALID; NaN -> NaN.  x(5e-324) = -6.6126,
 *   x(1 - 2^-53) = 36.7368.
 * MEASURED (float64, max ULP): 0.50484 at y = 0.36479755942372327 (the log1p's Newton step,
 *   2^-64 absolute on a result near 2^-6.5; the same with the libm start).
 */
SG_FORCE_INLINE double sg_gompertz_inverse(double y) {
    /* Branch-free (the loops vectorise), each of the two logarithms one
     * sg_log_either_vdd: log1p lanes for the middle region and for
     * arguments near 1, log lanes elsewhere.  y is clamped into (0, 1) (NaN
     * to just below 1); the poles, the domain and NaN are put back last.
     * Forced inline: the inlining budget left it a call in its loop. */
    double yc = sg_clamp_ordered(y, 0x1p-1074, SG_BELOW_ONE);
    int64_t key = sg_order_key(yc);
    int middle = (key >= sg_order_key(0.19)) & (key <= sg_order_key(0.55));
    sg_dd yd = { yc, 0.0 };
    /* log y + 1 = log1p(d) in the middle, log y elsewhere */
    sg_dd d = sg_gumbel_times_e_minus_1((sg_dd){ sg_clamp_ordered(yc, 0.19, 0.55), 0.0 });
    sg_near_one y_near = sg_near_one_of(yd);
    sg_dd first = sg_log_either_vdd(middle | y_near.near_one, yd, sg_dd_pick(middle, d, y_near.t), SG_Q_TINY);
    /* -log(-(log y + 1) + 1)... : the middle takes log1p(-first), the rest
     * log(L) with L = -first = -log y > 0 */
    sg_dd L = { -first.hi, -first.lo };
    sg_near_one L_near = sg_near_one_of(L);
    sg_dd second = sg_log_either_vdd(middle | L_near.near_one, L, sg_dd_pick(middle, L, L_near.t), SG_Q_NORMAL);
    double v = -sg_dd_round(second);
    return sg_unit_inverse_ends(y, v);
}
static inline sg_wide sg_gompertz_inverse_wide(sg_wide y) {
    /* log y near 1 through log1p(y - 1): y - 1 is exact. */
    if (y > 0.5) return -sg_wlog(-sg_wlog1p(y - 1));
    return -sg_wlog(-sg_wlog(y));
}

/* --------------------------------------------------------------- log-CDF
 * ALGORITHM
 *   log G(x) = -e^-x exactly: sg_exp_dd rounded once (relative 2^-64).
 *   For x < -709.78 the true value is below -DBL_MAX: that is an overflow
 *   of the result itself, so it is -inf with the overflow flag, exactly as
 *   np.exp(710) is inf with a warning (logcdf(-700) = -1.0142320547350045e304
 *   is still finite).  x = -inf is the exact asymptote -inf and +inf the
 *   exact -0, without flag.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(+inf) = -0, logcdf(0) = -1, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.50001 at x = 4.876914299288016.
 */
static inline double sg_gompertz_logcdf(double x) {
    /* +-inf compute at 0 and get their exact -inf and -0 back (e^-inf
     * would raise underflow) */
    sg_dd t = sg_exp_dd(-sg_infinity_to_zero(x));
    return sg_logcdf_ends(x, -sg_dd_round(t));
}
static inline sg_wide sg_gompertz_logcdf_wide(sg_wide x) { return -sg_wexp(-x); }

/* ---------------------------------------------------------- log-survival
 * ALGORITHM
 *   log(1 - G(x)) with t = e^-x, in three regions:
 *   x > 16 (t < 1.2e-7): log(1 - e^-t) = -x + log((1 - e^-t)/t)
 *     = -x - t/2 + t^2/24 - t^4/2880 + ..., the t^4 term below 2^-107 of x;
 *     -x is exact and the correction tiny, so one rounding, and no
 *     underflow of 1 - e^-t ~ e^-x (logsf(1000) = -1000).
 *   x < -1 (G < 0.066): log1p(-G), G = e^-t from sg_exp_of_dd as above
 *     (x clamped to >= -8, where G is 0 and logsf -0): relative accuracy
 *     into the subnormal G, logsf(-6.6) = -G(-6.6).
 *   otherwise: log(-expm1(-t)), expm1 in dd (sg_expm1_dd keeps relative
 *     accuracy for small t), the log through log1p(S - 1) where S = 1 - e^-t
 *     is in (0.75, 1.5) (S - 1 exact), up to 0.934.
 *   Branch-free, so that the loops vectorise: t = e^-x is one
 *   sg_exp_dd_fine per lane (2^-75; x clamped to [-8, 40], so that no
 *   lane's t over- or underflows), every lane forms G and S on arguments clamped into their
 *   own regions, and the one logarithm, log1p(-G), log1p(S - 1) or log S,
 *   is one sg_log_either_vdd.
 * SPECIAL VALUES
 *   logsf(-inf) = -0, logsf(+inf) = -inf, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.50463 at x = -1.500317604407247 (the log1p's Newton step).
 */
SG_FORCE_INLINE double sg_gompertz_logsf(double x) {
    /* Forced inline: a call in the loop keeps it scalar. */
    int64_t key = sg_order_key(x);
    int right = key > sg_order_key(16.0);
    int left = key < sg_order_key(-1.0);
    int minus_inf = sg_bits(x) == sg_bits(-INFINITY);
    /* -inf and NaN take t = 1 (their e^-t would underflow) and get -0 and
     * NaN back below; |x| < 2^-200 is flushed to 0, to whose result it
     * rounds, and whose dd tail would underflow in G; beyond x = 40, t/2
     * is below half an ULP of x and t = e^-40 serves (e^-x would underflow
     * from 745 on, a flag on the result -x). */
    uint64_t keep = (uint64_t)(minus_inf | sg_isnan(x)) - 1;
    double z = sg_clamp_ordered(sg_flush_below(sg_from_bits(sg_bits(x) & keep), SG_BITS_2M200), -8.0, 40.0);
    sg_dd t = sg_exp_dd_fine(-z);
    /* x > 16: -x - t/2 + t^2/24 */
    double by_series = -x + t.hi * (-0.5 + t.hi * (1.0 / 24));
    /* x < -1: G = e^-t; elsewhere t <= e, and G does not underflow */
    sg_dd g = sg_exp_of_dd((sg_dd){ -t.hi, -t.lo });
    /* -1 <= x <= 16: S = -expm1(-t), t clamped to e (G's lanes would
     * underflow), S = 1/2 in the right lanes (whose tiny S the log is not
     * asked for) */
    sg_dd e = sg_expm1_dd((sg_dd){ -sg_clamp_ordered(t.hi, 0.0, 2.75), -t.lo });
    sg_dd survival = sg_dd_pick(right, (sg_dd){ 0.5, 0.0 }, (sg_dd){ -e.hi, -e.lo });
    sg_near_one near = sg_near_one_of(survival);
    sg_dd l = sg_log_either_vdd(left | near.near_one, survival, sg_dd_pick(left, (sg_dd){ -g.hi, -g.lo }, near.t),
                                SG_Q_NORMAL);
    /* The sign from hi: below x = -6.6, G underflows to 0 and the result is
     * -0 (the truth is a tiny negative number), but a narrow dd (sg_math.h)
     * carries a tail of +0.0 and -0.0 + +0.0 is +0.0. */
    double v = copysign(sg_dd_round(l), l.hi);
    v = right ? by_series : v;
    v = minus_inf ? -0.0 : v;
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_gompertz_logsf_wide(sg_wide x) {
    if (x > 40) {
        sg_wide t = sg_wexp(-x);
        return -x + t * (-0.5 + t / 24);
    }
    if (x < -12) x = -12;
    sg_wide t = sg_wexp(-x);
    if (t > 1) return sg_wlog1p(-sg_wexp(-t));
    return sg_wlog(-sg_wexpm1(-t));
}

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernel (sg_vec.h)
 * ALGORITHM
 *   exp(-t), t = e^-x with x clamped to [-4.7, 40] (gompertz rounds to 1 in
 *   float32 from 17.3 on, +inf included, and to 0 below -4.65, where it is
 *   under 2^-150.9).  t must be good to 2^-50 or so, as its error enters
 *   exp(-t) multiplied by t (up to 110): it comes as a pair from
 *   sg_vexp_dd (2^-57.6), and exp(-t) = e^-t_hi (1 - t_lo), with t_hi
 *   exact for sg_vexp and t_lo's second order below 2^-100.  Under 2^-46
 *   in all against the rounding test's 2^-44.
 * SPECIAL VALUES: results below the float32 normal range (x < -4.46977),
 *   +0 included, are rounded on the subnormal grid
 *   (sg_vf32_near_midpoint_below), their "underflow" raised through one
 *   such lane per call (SG_UNDERFLOW_LANE).  On the benchmark's input
 *   (uniform on [-10, 10]) 28% of the lanes are below; the 1% with
 *   subnormal results went to the scalar path until they were settled
 *   here, and with the loop passing over vectors of underflow lanes alone
 *   once it has its witness, gompertz went from 16.8x a copy to 13.3x (its
 *   derivatives 18x to 14.4x).
 * LANES IT LEAVES: x within 2^-12 of -4.46977, -inf (its 0 is exact and
 *   raises nothing, so it cannot stand for the others), NaN, and the
 *   near-midpoint lanes.
 */
/* t = e^-x as a pair from sg_vexp_dd (2^-57.6), its parts scaled by 2^k;
 * the callers clamp x so that both stay normal. */
SG_VINLINE sg_vdd sg_gompertz_vt(sg_vd x) {
    sg_vexp_dd_t e = sg_vexp_dd(-x);
    sg_vd two_k = sg_vpow2(e.k);
    return (sg_vdd){ e.e.hi * two_k, e.e.lo * two_k };
}
SG_VINLINE sg_vf sg_gompertz_f32v(sg_vf x, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(x);
    sg_vdd t = sg_gompertz_vt(sg_vd_min(sg_vd_max(d, -4.7), 40.0));
    sg_vd r = sg_vexp(-t.hi) * (1.0 - t.lo);
    const double tiny_below = -4.4697690; /* gompertz(x) = 2^-126 */
    sg_vl below = d < sg_vd_splat(tiny_below);
    *hard = sg_vd_at_most_or_nan(d, -INFINITY) | sg_vd_near(d, tiny_below) | sg_vf32_near_midpoint_below(r, below);
    *hard |= sg_vunderflow_lanes(below, *hard);
    return sg_vf_of_vd(r);
}

/* The derivative e^-x exp(-e^-x) = exp(-x - t), t = e^-x, as the value
 * kernel does it: t a pair from sg_vexp_dd (2^-57.6, 2^-50.8 absolute for t
 * <= 110), the exponent -x - t as a pair (two_sum, then t's tail), its
 * exponential by sg_vexp (2^-47) times 1 + the tail.  Under 2^-46.7.  x is
 * clamped to [-4.7, 105] so that the exponent stays in sg_vexp's range:
 * beyond, the exponent is below -105 (2^-151.4 at most), and the result
 * computed at the clamp rounds to 0 as the truth does.
 * SPECIAL VALUES: results below the float32 normal range (exponents below
 * -87.3), +0 included, are rounded on the subnormal grid, the flag through
 * SG_UNDERFLOW_LANE.
 * LANES IT LEAVES: exponents within 2^-12 of ln 2^-126, +-inf (an exact
 * 0), NaN, the near-midpoint lanes.
 * cloglog's derivative is this at -x. */
SG_VINLINE sg_vd sg_gompertz_derivative_vd(sg_vd x, sg_vl *hard) {
    sg_vd clamped = sg_vd_min(sg_vd_max(x, -4.7), 105.0);
    sg_vdd t = sg_gompertz_vt(clamped);
    sg_vdd exponent = sg_vtwo_sum(-clamped, -t.hi);
    sg_vd r = sg_vexp(exponent.hi) * (1.0 + (exponent.lo - t.lo));
    sg_vl below = exponent.hi < sg_vd_splat(SG_LN_F32_TINY);
    *hard = ~sg_vd_finite(x) | sg_vd_near(exponent.hi, SG_LN_F32_TINY) | sg_vf32_near_midpoint_below(r, below);
    *hard |= sg_vunderflow_lanes(below, *hard);
    return r;
}
SG_VINLINE sg_vf sg_gompertz_derivative_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_derivative_vd(sg_vd_of_vf(x), hard));
}

/* The log-SF log(1 - G) = log(-expm1(-t)), t = e^-x (a pair from
 * sg_vexp_dd, 2^-57.6), through sg_vlog_cdf:
 *   t <= 1.4 (S <= 0.7534, |log S| >= 0.283): S = -expm1(-t) as a pair,
 *   expm1(-t_hi) = (2^k - 1) + 2^k s from sg_vexpm1_dd_parts (2^-58; k in
 *   {-2, -1, 0}, the sum two_summed: no cancellation beyond a factor 2),
 *   minus t_lo e^-t_hi: S to 2^-56;
 *   t > 1.4: S - 1 = -e^-t, sg_vexp (2^-47, and t's 2^-51.2 absolute),
 *   log1p of it by the helper (condition number under 1.16).
 *   Under 2^-46.5 in all.  x >= 40 gives -x: the truth is -x - e^-x/2 + ...,
 *   nearer to -x than 2^-60 of it.
 * SPECIAL VALUES: finite x < -4.65 gives -0 (-e^-t below 2^-150), the
 *   flag through SG_UNDERFLOW_LANE.
 * LANES IT LEAVES: -4.65 <= x < -4.45 (results below the float32 normal
 *   range), +-inf, NaN, the near-midpoint lanes.  cloglog's log-CDF is
 *   this at -x. */
SG_VINLINE sg_vd sg_gompertz_logsf_vd(sg_vd x, sg_vl *hard) {
    sg_vdd t = sg_gompertz_vt(sg_vd_min(sg_vd_max(x, -4.5), 40.0));
    sg_vd t_hi = t.hi, t_lo = t.lo;
    sg_vexpm1_dd_t m = sg_vexpm1_dd_parts(-sg_vd_min(t_hi, 1.5));
    sg_vd scale = sg_vpow2(m.k);
    sg_vdd expm1 = sg_vtwo_sum(scale - 1.0, scale * m.s.hi);
    sg_vd expm1_lo = expm1.lo + scale * m.s.lo - t_lo * (scale * (1.0 + m.s.hi));
    sg_vd survival = -(expm1.hi + expm1_lo);
    sg_vd minus_w = -(sg_vexp(-sg_vd_min(t_hi, 100.0)) * (1.0 - t_lo));
    sg_vl finite = sg_vd_finite(x);
    sg_vl zero = (x < sg_vd_splat(-4.65)) & finite;
    *hard = sg_vd_below_or_nan(x, -4.45) | ~finite;
    sg_vd v = sg_vlog_cdf(survival, minus_w, t_hi > sg_vd_splat(1.4), hard);
    v = sg_vd_select(x >= sg_vd_splat(40.0), -x, v);
    *hard &= ~zero;
    *hard |= sg_vunderflow_lanes(zero, *hard);
    return sg_vd_select(zero, -sg_vd_splat(0.0), v); /* (splat(-0.0) is 0 + -0 = +0) */
}
SG_VINLINE sg_vf sg_gompertz_logsf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_logsf_vd(sg_vd_of_vf(x), hard));
}

/* -log(-log(u + c)) for u in (0, 1) and |c| <= ulp(u)/2, u + c < 1 (the
 * float32 inverse: u = y, c = 0; cloglog's: u + c = 1 - y exactly).
 * ALGORITHM (as the scalar sg_gompertz_inverse, in two sg_vlog)
 *   Outside the middle, u in [0.19, 0.55], |x| >= 1/2: L = -log(u + c)
 *   (sg_vlog, 2^-51 of itself, near 1 too: c/u is added whole) and x =
 *   -log L (sg_vlog): 2^-51 (1 + 1/|x|) <= 2^-49.4.
 *   In the middle, where x -> 0 as u -> 1/e, g = log(u e) = log u + 1 from
 *   u e = p + q exactly as a pair (p = u e_hi rounded, q its error by
 *   sg_vresidual plus u e_lo and c e: |u e - (p + q)| < 2^-104), so that
 *   sg_vlog(p, q) keeps 2^-51 of g; then x = -log1p(-g) = -sg_vlog(1 - g,
 *   its rounding error) (fast_two_sum, |g| < 1): log1p's condition number
 *   on g in [-0.65, 0.40] is under 1.3, 2^-49.7 in all.
 *   Both paths share the two logarithms, their arguments picked per lane.
 */
SG_VINLINE sg_vd sg_gumbel_inverse_vd(sg_vd u, sg_vd c) {
    sg_vl middle = (u >= sg_vd_splat(0.19)) & (u <= sg_vd_splat(0.55));
    sg_vd p = u * SG_E_HI;
    sg_vdd ue = sg_vfast_two_sum(p, -sg_vresidual(p, u, sg_vd_splat(SG_E_HI)) + (u * SG_E_LO + c * SG_E_HI));
    sg_vd first = sg_vlog(sg_vd_select(middle, ue.hi, u), sg_vd_select(middle, ue.lo, c));
    sg_vdd one_minus_g = sg_vfast_two_sum(sg_vd_splat(1.0), -first);
    sg_vd second = sg_vlog(sg_vd_select(middle, one_minus_g.hi, -first), (sg_vd)(middle & (sg_vl)one_minus_g.lo));
    return -second;
}
/* The inverse on (0, 1).  Leaves y <= 0, y >= 1 (the poles, with
 * divide-by-zero, and the domain errors), NaN, and the near-midpoint lanes
 * (the results, in [-4.64, 16.7], are never below the float32 normal
 * range: the smallest, at the float32 nearest 1/e, is 2^-25.3). */
SG_VINLINE sg_vf sg_gompertz_inverse_f32v(sg_vf y, sg_vl *hard) {
    sg_vd d = sg_vd_of_vf(y);
    sg_vd x = sg_gumbel_inverse_vd(sg_vd_min(sg_vd_max(d, 0x1p-149), 0x1.fffffep-1), sg_vd_splat(0.0));
    *hard = sg_vd_below_or_nan(d, 0x1p-149) | sg_vd_above_or_nan(d, 0x1.fffffep-1) | sg_vf32_near_midpoint(x);
    return sg_vf_of_vd(x);
}

/* The log-CDF -e^-x (and cloglog's log-SF -e^x, the same at -x): sg_vexp
 *   (2^-47) on -x clamped to [-100, 100].  Leaves x < -88.72 (results
 *   beyond -FLT_MAX: -inf with the overflow flag, and -inf itself), x >
 *   87.33 (results below the float32 normal range, +inf among them), NaN,
 *   and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_gompertz_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd r = -sg_vexp(-sg_vd_min(sg_vd_max(x, -100.0), 100.0));
    *hard = sg_vd_below_or_nan(x, -88.72) | sg_vd_above_or_nan(x, 87.33) | sg_vf32_near_midpoint(r);
    return r;
}
SG_VINLINE sg_vf sg_gompertz_logcdf_f32v(sg_vf x, sg_vl *hard) {
    return sg_vf_of_vd(sg_gompertz_logcdf_vd(sg_vd_of_vf(x), hard));
}
#endif /* SG_VEC_TU */

#endif /* SG_GOMPERTZ_H */
