/*
 * genlogistic.h -- the generalised logistic (Richards) family:
 *   F(x; alpha) = (1 + e^-x)^-alpha = exp(-alpha softplus(-x)),  alpha > 0,
 * the CDF of scipy.stats.genlogistic(c=alpha).  alpha = 1 is the logistic.
 *
 * Every kernel takes (x, alpha) and comes as a pair: `double sg_X(double,
 * double)` and its binary128 twin `sg_wide sg_X_wide(sg_wide, sg_wide)` for
 * the float32/float16 hard cases.  The range is (0, 1), so the CDF form is
 * the value itself (cdf = value, pdf = derivative, ppf = inverse).
 *
 * Why double-double everywhere: the value is e^z with z = -alpha
 * softplus(-x), and the result's relative error is z's absolute error.  z
 * reaches -745 before the result underflows, so z must be good to 2^-62
 * relative to keep a float64 result within 1/16 ULP; sg_ddx.h gives 2^-100.
 *
 * PARAMETER
 *   alpha must be finite and > 0: alpha <= 0 or alpha = inf gives NaN with
 *   FE_INVALID; a NaN in either input gives NaN quietly.
 */
#ifndef SG_GENLOGISTIC_H
#define SG_GENLOGISTIC_H

#include "sg_ddx.h"
#include "logistic.h"

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   F = e^z, z = -alpha softplus(-x) with softplus in double-double
 *   (sg_softplus_ddx: -x + log1p(e^x) for x < 0, so nothing overflows) and
 *   e^z rounded once by sg_exp_ddx_round, also into the subnormal range.
 *   alpha softplus(-x) >= 2^11 is decided as 0 without forming the product
 *   (it could overflow for huge alpha and raise a spurious flag).
 * SPECIAL VALUES
 *   F(+inf) = 1, F(-inf) = +0, F(0) = 2^-alpha; NaN -> NaN.
 * MEASURED (float64, max ULP over the catalog's alpha grid): 0.5000 at (x, alpha) =
 *   (-3.882490352547022e-07, 1) -- the final rounding only.
 */
static inline double sg_genlogistic(double x, double alpha) {
    double out;
    if (sg_positive_param_guard(x, alpha, &out)) return out;
    if (x == INFINITY) return 1.0;
    if (x == -INFINITY) return 0.0;
    /* 1 - alpha e^-x rounds to 1 (and e^-x would underflow from 745 on) */
    if (x > 40.0 && log(alpha) - x < -45.0) return 1.0;
    sg_dd s = sg_softplus_ddx(sg_dd_from(-x));
    if (sg_exponent(s.hi) + sg_exponent(alpha) >= 11) return 0.0;
    return sg_exp_ddx_round(sg_dd_mul_d(s, -alpha));
}
static inline sg_wide sg_genlogistic_wide(sg_wide x, sg_wide alpha) {
    return sg_wexp(-alpha * sg_softplus_wide(-x));
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   F'(x) = alpha e^-x (1 + e^-x)^(-alpha-1) = alpha e^w with
 *     w = -x - (alpha+1) log1p(e^-x)             for x >= 0,
 *     w = alpha x - (alpha+1) log1p(e^x)          for x < 0
 *   (the second is the first multiplied through by e^{x(alpha+1)}): only
 *   e^-|x| is ever formed, so neither tail overflows or cancels.  w in
 *   double-double; alpha = m 2^k (frexp) multiplies the mantissa of e^w
 *   and 2^k joins its exponent, so that a subnormal result is rounded once.
 * SPECIAL VALUES
 *   F'(+-inf) = +0, F'(0) = alpha 2^(-alpha-1); NaN -> NaN.
 * MEASURED (float64): 0.5000 at (x, alpha) = (-18.563035091111146, 0.0625).
 */
static inline double sg_genlogistic_derivative(double x, double alpha) {
    double out;
    if (sg_positive_param_guard(x, alpha, &out)) return out;
    if (!sg_isfinite(x)) return 0.0;
    sg_dd lead;
    if (x < 0.0) {
        if (sg_exponent(alpha) + sg_exponent(x) >= 11) return 0.0;  /* alpha x <= -2048 */
        /* alpha x, 0 where it is below 2^-200 (absolute in w, and its
         * product's tail would underflow) */
        lead = sg_exponent(alpha) + sg_exponent(x) < -200 ? sg_dd_from(0.0) : sg_two_prod(alpha, x);
    } else {
        lead = sg_dd_from(-x);
    }
    /* log1p(e^-|x|); 0 beyond |x| = 80: dropping it is an absolute error
     * under 2^-115 in w, so relative in the result, and e^-|x|'s dd tail
     * would underflow from 670 on */
    sg_dd l = fabs(x) > 80.0 ? sg_dd_from(0.0) : sg_log1p_ddx(sg_exp_ddx(sg_dd_from(-fabs(x))));
    sg_dd w = sg_dd_sub_acc(lead, sg_dd_mul(sg_two_sum(alpha, 1.0), l));
    int64_t m;
    sg_dd e = sg_exp_ddx_parts(w, &m);
    int k;
    double mant = frexp(alpha, &k);
    return sg_ldexp_round(sg_dd_mul_d(e, mant), m + k);
}
static inline sg_wide sg_genlogistic_derivative_wide(sg_wide x, sg_wide alpha) {
    sg_wide l = sg_wlog1p(sg_wexp(x < 0 ? x : -x));
    sg_wide lead = x < 0 ? alpha * x : -x;
    return alpha * sg_wexp(lead - (alpha + 1) * l);
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   x = -log(y^(-1/alpha) - 1).  With w = -log(y)/alpha > 0 (log in
 *   double-double, through log1p(y - 1) near 1, so y -> 1 keeps its digits):
 *     w <= 1:  x = -log(expm1(w))                   (y -> 1: x -> +inf)
 *     w > 1:   x = -w - log1p(-e^-w)                (y -> 0: no overflow of e^w)
 *   Both in double-double: absolute error about 2^-98.
 *   Near the zero of x (y = 2^-alpha) that absolute error is not relative
 *   accuracy: x = -log(y 2^alpha)... cancels between log y and alpha log 2.
 *   For |x| < 2^-30 the binary128 path below takes over: with n = rint(alpha)
 *   and f = alpha - n, y 2^n is exact and near 1, so
 *     v = log(y 2^alpha) = log1p(y 2^n - 1) + f log 2
 *   keeps its relative accuracy (exactly so for integer alpha, where f = 0),
 *   and x = -log1p(2 expm1(-v/alpha)).
 * SPECIAL VALUES
 *   y = 0 -> -inf and y = 1 -> +inf with FE_DIVBYZERO (like log(0));
 *   y outside [0, 1] -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64): 0.5000 at (y, alpha) = (1.9439445350613112e-16, 0.5); 0.4999 over
 *   the 60 floats either side of 2^-alpha for ten alphas.
 */
static inline sg_wide sg_genlogistic_inverse_near0_wide(sg_wide y, sg_wide alpha) {
    sg_wide n = sg_wrint(alpha);
    sg_wide f = alpha - n;                                  /* exact */
    sg_wide scaled = sg_wldexp(y, (int)n);                  /* exact, near 1 */
    sg_wide v = sg_wlog1p(scaled - 1) + f * SG_WIDE_LN2;
    return -sg_wlog1p(2 * sg_wexpm1(-v / alpha));
}
static inline sg_wide sg_genlogistic_inverse_wide(sg_wide y, sg_wide alpha) {
    sg_wide w = -sg_wlog(y) / alpha;
    sg_wide x = w > 1 ? -(w + sg_wlog1p(-sg_wexp(-w))) : -sg_wlog(sg_wexpm1(w));
    if (sg_wfabs(x) < 0x1p-30) x = sg_genlogistic_inverse_near0_wide(y, alpha);
    return x;
}
static inline double sg_genlogistic_inverse(double y, double alpha) {
    double out;
    if (sg_positive_param_guard(y, alpha, &out)) return out;
    if (y < 0.0 || y > 1.0) return sg_invalid();
    if (y == 0.0) return sg_pole(-1.0);
    if (y == 1.0) return sg_pole(1.0);
    sg_dd w = sg_dd_div_d(sg_dd_neg(sg_log_ddx(sg_dd_from(y))), alpha);
    if (!sg_isfinite(w.hi)) return -w.hi;                   /* alpha so small that x overflows */
    sg_dd x;
    if (w.hi > 80.0) {
        x = sg_dd_neg(w);   /* log1p(-e^-w) weighs under 2^-121 of w; e^-w would underflow */
    } else if (w.hi > 1.0) {
        sg_dd t = sg_exp_ddx(sg_dd_neg(w));
        x = sg_dd_neg(sg_dd_add_acc(w, sg_log1p_ddx(sg_dd_neg(t))));
    } else {
        x = sg_dd_neg(sg_log_ddx(sg_expm1_ddx(w)));
    }
    double r = sg_dd_round(x);
    if (fabs(r) < 0x1p-30) return (double)sg_genlogistic_inverse_near0_wide((sg_wide)y, (sg_wide)alpha);
    return r;
}

/* ------------------------------------------------------------ log-CDF
 * ALGORITHM
 *   log F = -alpha softplus(-x), softplus in double-double: finite as far as
 *   float64 goes (log F(-1000; 2) = -2000).  For x > 40 the result is
 *   -alpha e^-x (1 - e^-x/2), rounded once from the parts of e^-x: it goes
 *   subnormal near x = 708 and rounding e^-x first would round twice.
 * SPECIAL VALUES
 *   logcdf(+inf) = -0, logcdf(-inf) = -inf; NaN -> NaN.
 * MEASURED (float64): 0.5000 at (x, alpha) = (-135.92510323559532, 100).
 */
static inline double sg_genlogistic_logcdf(double x, double alpha) {
    double out;
    if (sg_positive_param_guard(x, alpha, &out)) return out;
    if (x == INFINITY) return -0.0;
    if (x == -INFINITY) return -INFINITY;
    if (x > 40.0) {
        /* -alpha log1p(t) = -alpha t (1 - t/2 + ...), t = e^-x < 2^-57: the
         * product is rounded once from the parts of e^-x, also when it is
         * subnormal (rounding alpha * t after t would round twice). */
        int64_t m;
        sg_dd e = sg_exp_ddx_parts(sg_dd_from(-x), &m);
        int k;
        double mant = frexp(alpha, &k);
        double half_t = 0.5 * exp(-x);
        return -sg_ldexp_round(sg_dd_mul_d(sg_dd_mul_d(e, mant), 1.0 - half_t), m + k);
    }
    sg_dd s = sg_softplus_ddx(sg_dd_from(-x));
    if (sg_exponent(s.hi) + sg_exponent(alpha) >= 1020) return -(alpha * s.hi); /* near overflow: one rounding */
    return sg_dd_round(sg_dd_mul_d(s, -alpha));
}
static inline sg_wide sg_genlogistic_logcdf_wide(sg_wide x, sg_wide alpha) {
    /* alpha x is exact here (two narrow inputs) and may be a narrow midpoint,
     * with alpha log1p(e^x) below binary128's resolution: add to odd. */
    if (x < 0) {
        sg_wide tail = -alpha * sg_wlog1p(sg_wexp(x));
        if (tail == 0) tail = -(sg_wide)DBL_MIN;      /* e^x underflowed: only its sign matters */
        return sg_wide_add_odd(alpha * x, tail);
    }
    return -alpha * sg_wlog1p(sg_wexp(-x));
}

/* ------------------------------------------------------- log-survival
 * ALGORITHM
 *   log(1 - F) = log(-expm1(-z)), z = alpha softplus(-x) > 0.
 *     z >= 40:           -e^-z (1 + e^-z/2)     (rounded once, also when subnormal)
 *     log 2 <= z < 40:   log1p(-e^-z)           (F <= 1/2, no cancellation)
 *     2^-14 <= z < log 2: log(-expm1(-z))
 *     z < 2^-14:         log z - z/2 + z^2/24   (next term z^4/2880 < 2^-67)
 *   For x > 30, z = alpha log1p(t) with t = e^-x would underflow before log z
 *   does: there log z = log alpha - x + log(log1p(t)/t) = log alpha - x - t/2
 *   (dropped 5t^2/24 < 2^-88).  So logsf(1000; 2) = log 2 - 1000, not -inf.
 * SPECIAL VALUES
 *   logsf(-inf) = -0, logsf(+inf) = -inf; NaN -> NaN.
 * MEASURED (float64): 0.5000 at (x, alpha) = (-1.0909927684900312e-11, 5.25).
 */
static inline double sg_genlogistic_logsf(double x, double alpha) {
    double out;
    if (sg_positive_param_guard(x, alpha, &out)) return out;
    if (x == INFINITY) return -INFINITY;
    if (x == -INFINITY) return -0.0;
    sg_dd z, logz;
    int have_logz = 0;
    if (x > 30.0) {
        double t = x > 80.0 ? 0.0 : exp(-x);   /* t/2 weighs under 2^-121 of x beyond */
        logz = sg_dd_add_acc(sg_log_ddx(sg_dd_from(alpha)), sg_two_sum(-x, -0.5 * t));
        /* log(1 - e^-z) = log z - z/2 + ...: the z/2 weighs under 2^-121
         * of |log z| (and e^(log z) would underflow from -745 on) */
        if (logz.hi < -80.0) return sg_dd_round(logz);
        have_logz = 1;
        z = sg_exp_ddx(logz);
    } else {
        sg_dd s = sg_softplus_ddx(sg_dd_from(-x));
        if (sg_exponent(s.hi) + sg_exponent(alpha) >= 11) return -0.0;   /* z >= 2048: -e^-z rounds to -0 */
        z = sg_dd_mul_d(s, alpha);
    }
    sg_dd r;
    if (z.hi < 0x1p-14) {
        if (!have_logz) logz = sg_log_ddx(z);
        double zz = z.hi;
        r = sg_dd_add_acc(logz, sg_dd_from(zz * (-0.5 + zz * (1.0 / 24))));
    } else if (z.hi < 0.6931471805599453) {
        r = sg_log_ddx(sg_dd_neg(sg_expm1_ddx(sg_dd_neg(z))));
    } else if (z.hi < 40.0) {
        r = sg_log1p_ddx(sg_dd_neg(sg_exp_ddx(sg_dd_neg(z))));
    } else {
        /* -e^-z (1 + e^-z/2), rounded once from the parts of e^-z (it goes
         * subnormal near z = 708). */
        int64_t m;
        sg_dd e = sg_exp_ddx_parts(sg_dd_neg(z), &m);
        return -sg_ldexp_round(sg_dd_mul_d(e, 1.0 + 0.5 * exp(-z.hi)), m);
    }
    return sg_dd_round(r);
}
static inline sg_wide sg_genlogistic_logsf_wide(sg_wide x, sg_wide alpha) {
    sg_wide z;
    if (x > 30) {
        sg_wide logz = sg_wlog(alpha) - x - sg_wexp(-x) / 2;
        z = sg_wexp(logz);
        if (z < 0x1p-30) return logz - z / 2 + z * z / 24;
    } else {
        z = alpha * sg_softplus_wide(-x);
    }
    if (z < 0x1p-30) return sg_wlog(z) - z / 2 + z * z / 24;
    return z < SG_WIDE_LN2 ? sg_wlog(-sg_wexpm1(-z)) : sg_wlog1p(-sg_wexp(-z));
}

#endif /* SG_GENLOGISTIC_H */
