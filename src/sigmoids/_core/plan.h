/*
 * plan.h -- PLAN, the piecewise-linear approximation of the logistic of
 * Amin, Curtis and Hayes-Gill (IEE Proc. Circuits Devices Syst. 144(6), 1997):
 *
 *     |x| >= 5           1
 *     2.375 <= |x| < 5   0.03125 |x| + 0.84375
 *     1 <= |x| < 2.375   0.125 |x| + 0.625
 *     0 <= |x| < 1       0.25 |x| + 0.5
 *   and 1 - PLAN(|x|) for x < 0.  Closed range [0, 1], slope 1/4 at 0.
 *   The range is [0, 1], so the CDF form is the value itself (cdf = value,
 *   pdf = derivative, ppf = inverse; sigmoids.distributions.plan).
 *
 * THE PUBLISHED TABLE IS NOT MONOTONE
 *   The segments 0.125|x| + 0.625 and 0.03125|x| + 0.84375 meet at
 *   |x| = 7/3, not at the published breakpoint 2.375 (chosen for hardware):
 *   PLAN(2.375 - 0) = 0.921875 but PLAN(2.375) = 0.91796875, a step down of
 *   2^-8 (mirrored at -2.375: a step down from 0.08203125 to 0.078125).
 *   We implement the table exactly as published.  Consequences:
 *   - values in [0.91796875, 0.921875) are taken twice, on [2.34375, 2.375)
 *     and on [2.375, 2.5) (mirrored below 1/2); the inverse returns the
 *     preimage nearer 0, so inverse(y) = -inverse(1 - y) still holds and
 *     plan(inverse(y)) == y everywhere, but inverse(plan(x)) != x for
 *     2.375 <= |x| < 2.5 (catalog metadata `preimage_ambiguous`);
 *   - the CDF form dips by 2^-8 at +-2.375, so it is not exactly a CDF:
 *     the derivative integrates to 1 + 2^-7.  See sigmoids/distributions.py
 *     for what the distribution built on it does.
 *
 * KINKS AND THEIR DERIVATIVE
 *   Kinks (and the steps) at |x| = 1, 2.375 and 5.  The value at a kink
 *   comes from the segment on the side away from 0 (the half-open
 *   intervals above), and so does the derivative: the one-sided derivative
 *   on the side away from 0, which is PyTorch's hardsigmoid/hardtanh
 *   convention (0 at and outside the saturation kinks +-5).  So the
 *   derivative is 1/4 on (-1, 1), 1/8 for 1 <= |x| < 2.375, 1/32 for
 *   2.375 <= |x| < 5 and 0 for |x| >= 5.
 *
 * Every kernel is one fma or one subtraction (plus exact scalings), so all
 * are correctly rounded.  Kernel pairs as in logistic.h.
 */
#ifndef SG_PLAN_H
#define SG_PLAN_H

#include "sg_math.h"
#include "sg_alg.h"
#include "sg_log.h"

/* The segment of a = |x| clamped to [0, 5] by sg_clamp_abs (which sends
 * NaN to 0, so that these comparisons raise no flag; the callers put NaN
 * back): slope c, intercept d of c|x| + d, and e = 1 - d (exact) for x < 0.
 * Written for the vectoriser: comparisons of doubles, one instruction per
 * lane test (the same tests on the bits became unsigned 64-bit compares,
 * which AVX2 lacks), and one select after another, from the outermost
 * segment in: GCC 12 turned the nested `s0 ? .. : s1 ? .. : ..` form into
 * branches, and the derivative's loop ran unvectorised at 4 ns/element. */
typedef struct { double c, d, e; } sg_plan_segment;

static inline sg_plan_segment sg_plan_segment_of(double ac) {
    sg_plan_segment g = {0.0, 1.0, 0.0};
    int s2 = ac < 5.0, s1 = ac < 2.375, s0 = ac < 1.0;
    g.c = s2 ? 0.03125 : g.c;
    g.d = s2 ? 0.84375 : g.d;
    g.e = s2 ? 0.15625 : g.e;
    g.c = s1 ? 0.125 : g.c;
    g.d = s1 ? 0.625 : g.d;
    g.e = s1 ? 0.375 : g.e;
    g.c = s0 ? 0.25 : g.c;
    g.d = s0 ? 0.5 : g.d;
    g.e = s0 ? 0.5 : g.e;
    return g;
}

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   x >= 0: fma(c, a, d); x < 0: fma(-c, a, e) with e = 1 - d exact -- a
 *   single rounding of the exact value either way (c a alone is exact but
 *   c a + d is not, and 1 - (c a + d) would round twice).  |x| is clamped
 *   at 5 first so that 0 * inf never happens; NaN is put back at the end.
 * SPECIAL VALUES
 *   plan(x <= -5) = +0, plan(x >= 5) = 1, plan(+-0) = 1/2, NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at x = 0.04211231150166994 (correctly rounded).
 */
static inline double sg_plan(double x) {
    double a = fabs(x);
    double ac = sg_clamp_abs(a, 5.0);
    sg_plan_segment g = sg_plan_segment_of(ac);
    int negative = (int)(sg_bits(x) >> 63);
    return sg_nan_pass(x, negative ? fma(-g.c, ac, g.e) : fma(g.c, ac, g.d));
}
static inline sg_wide sg_plan_magnitude_wide(sg_wide a) {
    if (a >= 5) return 1;
    if (a >= 2.375) return 0.03125 * a + 0.84375;
    if (a >= 1) return 0.125 * a + 0.625;
    return 0.25 * a + 0.5;
}
static inline sg_wide sg_plan_wide(sg_wide x) {
    return x < 0 ? 1 - sg_plan_magnitude_wide(-x) : sg_plan_magnitude_wide(x);
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM  the slope c of the segment (see KINKS above).
 * SPECIAL VALUES  derivative(+-5) = 0, derivative(+-1) = 1/8,
 *   derivative(+-2.375) = 1/32, (+-inf) = 0, NaN -> NaN.
 * MEASURED (float64, max ULP): 0 (exact).
 */
static inline double sg_plan_derivative(double x) {
    double c = sg_plan_segment_of(sg_clamp_abs(fabs(x), 5.0)).c;
    return sg_isnan(x) ? x : c;
}
static inline sg_wide sg_plan_derivative_wide(sg_wide x) {
    sg_wide a = x < 0 ? -x : x;
    return a >= 5 ? 0 : a >= 2.375 ? 0.03125 : a >= 1 ? 0.125 : 0.25;
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   y >= 1/2: |x| = (y - d)/c on the segment holding y: y < 0.75 -> first,
 *     y < 0.921875 -> second (nearer 0 on the overlap, see above), else
 *     third.  y - d is exact (Sterbenz: d <= y <= 2d on each segment) and
 *     1/c is a power of two: exact.
 *   y < 1/2: x = -(e - y)/c with the mirrored cuts y > 0.25, y > 0.078125:
 *     one rounding (e - y), then an exact scaling.
 * SPECIAL VALUES
 *   inverse(0) = -5, inverse(1) = 5, inverse(1/2) = +0; y outside [0, 1]
 *   -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64, max ULP): 0.5000 at y = 0.0052063395523948425 (correctly rounded).
 */
static inline double sg_plan_inverse(double y) {
    /* the segment as selects (see sg_plan_segment_of), from the outermost
     * in, on integer keys (see sg_domain_guard: a floating comparison of
     * a NaN-free copy of y was folded into one of y, FE_INVALID for NaN) */
    int64_t k = sg_order_key(y);
    double d = 0.84375, scale = 32.0;      /* y >= 1/2: |x| = (y - d) scale */
    d = k < sg_order_key(0.921875) ? 0.625 : d;
    scale = k < sg_order_key(0.921875) ? 8.0 : scale;
    d = k < sg_order_key(0.75) ? 0.5 : d;
    scale = k < sg_order_key(0.75) ? 4.0 : scale;
    double e = 0.15625, escale = 32.0;     /* y < 1/2: x = -(e - y) escale */
    e = k > sg_order_key(0.078125) ? 0.375 : e;
    escale = k > sg_order_key(0.078125) ? 8.0 : escale;
    e = k > sg_order_key(0.25) ? 0.5 : e;
    escale = k > sg_order_key(0.25) ? 4.0 : escale;
    double v = k >= sg_order_key(0.5) ? (y - d) * scale : -((e - y) * escale);   /* NaN for NaN */
    return sg_domain_guard(y, 0.0, 1.0, v);
}
static inline sg_wide sg_plan_inverse_wide(sg_wide y) {
    if (y >= 0.5) {
        if (y < 0.75) return (y - 0.5) * 4;
        if (y < 0.921875) return (y - 0.625) * 8;
        return (y - 0.84375) * 32;
    }
    if (y > 0.25) return -(0.5 - y) * 4;
    if (y > 0.078125) return -(0.375 - y) * 8;
    return -(0.15625 - y) * 32;
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log PLAN(x) with PLAN(x) formed as an exact dd: x >= 0: two_sum(d, c a),
 *   x < 0: two_sum(e, -c a) (c a is exact: a power-of-two scaling), then
 *   sg_log_vdd (sg_log.h, branch-free), whose log1p lanes cover values near
 *   1.  x <= -5 -> -inf and x >= 5 -> 0 are exact values of the CDF form
 *   and raise no flag.
 *   logsf(x) = log(1 - PLAN(x)) = log PLAN(-x) = logcdf(-x) exactly.
 * SPECIAL VALUES
 *   logcdf(-inf) = -inf, logcdf(inf) = 0, logcdf(0) = -log 2, NaN -> NaN.
 * MEASURED (float64, max ULP): logcdf 0.5033 at x = 4.670953977864681 (sg_log_vdd's
 *   log1p lanes), logsf 0.5033 at x = -4.670953977864681.
 */
SG_FORCE_INLINE double sg_plan_logcdf(double x) {
    /* Branch-free (the loops vectorise): x clamped short of -5, so that the
     * log sees no 0, and to 5, where F is 1 and the log 0; -inf and NaN put
     * back last. */
    /* |x| < 2^-200 is flushed to 0: the result rounds to -log 2 either way,
     * and c a would underflow. */
    double c = sg_clamp_ordered(sg_flush_below(x, SG_BITS_2M200), -0x1.3ffffffffffffp+2, 5.0);
    double a = fabs(c);
    sg_plan_segment g = sg_plan_segment_of(a);
    sg_dd left = sg_two_sum(g.e, -g.c * a), right = sg_two_sum(g.d, g.c * a);
    double v = sg_dd_round(sg_log_vdd(sg_dd_pick(sg_order_key(c) < 0, left, right), SG_Q_NORMAL));
    v = sg_order_key(x) <= sg_order_key(-5.0) ? -INFINITY : v;
    return sg_nan_pass(x, v);
}
static inline sg_wide sg_plan_logcdf_wide(sg_wide x) {
    if (x <= -5) return -INFINITY;
    if (x >= 5) return 0;
    return sg_wlog(sg_plan_wide(x));
}
SG_FORCE_INLINE double sg_plan_logsf(double x) { return sg_plan_logcdf(-x); }
static inline sg_wide sg_plan_logsf_wide(sg_wide x) { return sg_plan_logcdf_wide(-x); }

#if defined(SG_VEC_TU)
/* ------------------------------------------ float32 fast kernels (sg_vec.h)
 * log-CDF and log-SF: on a = |x| clamped to 5 and its segment (slope c,
 * intercepts d and e = 1 - d), F = e - c a for x < 0 and d + c a for x >=
 * 0, F - 1 = (d - 1) + c a (c a exact, the sums exact for a float32 x but
 * a tiny one), into sg_vlog_cdf, the upper lanes where F > 3/4.  x <= -5
 * gives -inf and x >= 5 gives 0, exact.  Under 2^-49.5.  Leaves NaN and
 * the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_plan_logcdf_vd(sg_vd x, sg_vl *hard) {
    sg_vd a = sg_vd_min(sg_vd_abs(x), 5.0);
    sg_vd c = sg_vd_splat(0.0), d = sg_vd_splat(1.0);
    sg_vl s2 = a < 5.0, s1 = a < 2.375, s0 = a < 1.0;
    c = sg_vd_select(s2, sg_vd_splat(0.03125), c);
    d = sg_vd_select(s2, sg_vd_splat(0.84375), d);
    c = sg_vd_select(s1, sg_vd_splat(0.125), c);
    d = sg_vd_select(s1, sg_vd_splat(0.625), d);
    c = sg_vd_select(s0, sg_vd_splat(0.25), c);
    d = sg_vd_select(s0, sg_vd_splat(0.5), d);
    sg_vd ca = c * a;
    sg_vl negative = x < sg_vd_splat(0.0);
    sg_vd f = sg_vd_select(negative, (1.0 - d) - ca, d + ca);
    *hard = ~(x == x);
    sg_vd v = sg_vlog_cdf(f, (d - 1.0) + ca, ~negative & (f > sg_vd_splat(0.75)), hard);
    return sg_vd_select(sg_vd_at_most_or_nan(x, -5.0), sg_vd_splat(-INFINITY), v);
}
SG_VLOG_CDF_PAIR(plan)
#endif /* SG_VEC_TU */

#endif /* SG_PLAN_H */
