/*
 * hill.h -- the Hill family (log-logistic):
 *   H(x; n) = x^n / (1 + x^n) = sigma(n log x),  x >= 0,  n > 0,
 * the CDF of scipy.stats.fisk(c=n).  The range is (0, 1), so the CDF form is
 * the value itself (cdf = value, pdf = derivative, ppf = inverse).
 *
 * Every kernel takes (x, n) and comes as a pair: `double sg_X(double,
 * double)` and its binary128 twin for the float32/float16 hard cases.
 *
 * Why through z = n log x: x^n overflows and underflows long before the
 * result does (hill(1e-200, 2) = 1e-400 is 0, but hill(1e300, 2) is 1 and
 * hill(1e-160, 2) = 1e-320 a subnormal), and x^n/(1 + x^n) cancels nothing
 * only if x^n is exact.  z = n log x in double-double (sg_log_ddx, 2^-100
 * relative) carries the whole range; the result's relative error is z's
 * absolute error times sigma(-z) <= 1.
 *
 * DOMAIN AND PARAMETER
 *   x < 0 gives NaN with FE_INVALID (x = -0 counts as 0); n must be finite
 *   and > 0 (else NaN with FE_INVALID); a NaN input gives NaN quietly.
 *   A finite x with an infinite result (the derivative at 0 for n < 1, the
 *   log-CDF at 0) raises FE_DIVBYZERO, as log(0) does.
 */
#ifndef SG_HILL_H
#define SG_HILL_H

#include "sg_ddx.h"
#include "logistic.h"

/* The guard of every hill kernel of x: returns 1 with *out set when the
 * result is decided without computing (NaN, bad n, x < 0). */
static inline int sg_hill_guard(double x, double n, double *out) {
    if (sg_positive_param_guard(x, n, out)) return 1;
    if (x < 0.0) { *out = sg_invalid(); return 1; }
    return 0;
}

/* z = n log x as a dd, for 0 < x < inf.  Returns 0 when |z| >= 2^11 without
 * forming it (n log x could overflow for huge n), with *sign = the sign of z. */
static inline int sg_hill_z(double x, double n, sg_dd *z, int *sign) {
    sg_dd l = sg_log_ddx(sg_dd_from(x));
    *sign = l.hi < 0 ? -1 : 1;
    if (l.hi == 0.0) { z->hi = 0.0; z->lo = 0.0; return 1; }
    if (sg_exponent(l.hi) + sg_exponent(n) >= 11) return 0;
    *z = sg_dd_mul_d(l, n);
    return 1;
}

static inline sg_wide sg_hill_z_wide(sg_wide x, sg_wide n) { return n * sg_wlog(x); }

/* x^p in the wide type, exact whenever the power is representable: by
 * multiplication for a small integer p (binary128 products of a narrow x
 * are exact up to 113 bits), else powq (exact on exact cases).  The narrow
 * twins need this where the result is a power of x plus a correction far
 * below binary128's resolution: hill(2^-75, 2) = 2^-150 (1 - 2^-150) lies
 * just below the float32 midpoint 2^-150, and exp(2 log x) may land on
 * either side of it. */
static inline sg_wide sg_hill_pow_wide(sg_wide x, sg_wide p) {
    sg_wide k = sg_wrint(p);
    if (k == p && k >= 0 && k <= 64) {
        sg_wide r = 1;
        for (int i = 0; i < (int)k; i++) r *= x;
        return r;
    }
    return sg_wpow(x, p);
}

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   z = n log x (dd).  z >= 0: 1/(1 + e^-z).  z < 0: t/(1 + t), t = e^z
 *   held as mantissa and exponent (sg_exp_ddx_parts), the quotient rounded
 *   once by sg_ldexp_round, so results into the subnormal range are
 *   correctly rounded.  |z| >= 2^11: 1 or 0 without forming z.
 * SPECIAL VALUES
 *   H(0) = 0, H(1) = 1/2, H(+inf) = 1; x < 0 -> NaN (invalid); NaN -> NaN.
 * MEASURED (float64, max ULP over the catalog's n grid): 0.5000 at (x, n) =
 *   (2.1603348060592436e-07, 3).
 */
static inline double sg_hill(double x, double n) {
    double out;
    if (sg_hill_guard(x, n, &out)) return out;
    if (x == 0.0) return 0.0;
    if (x == INFINITY) return 1.0;
    sg_dd z;
    int sign;
    if (!sg_hill_z(x, n, &z, &sign)) return sign > 0 ? 1.0 : 0.0;
    if (z.hi > 40.0) return 1.0;   /* 1/(1 + e^-z) rounds to 1; e^-z would underflow from 745 */
    if (sign > 0) {
        sg_dd t = sg_exp_ddx(sg_dd_neg(z));
        return sg_dd_round(sg_dd_div(sg_dd_from(1.0), sg_dd_add(sg_dd_from(1.0), t)));
    }
    int64_t m;
    sg_dd e = sg_exp_ddx_parts(z, &m);
    double f1, f2;
    sg_pow2_split(m < -2000 ? -2000 : m, &f1, &f2);
    sg_dd t = {e.hi * f1 * f2, e.lo * f1 * f2};     /* e^z, only for the denominator */
    return sg_ldexp_round(sg_dd_div(e, sg_dd_add(sg_dd_from(1.0), t)), m);
}
static inline sg_wide sg_hill_wide(sg_wide x, sg_wide n) {
    if (x < 1) {
        /* t/(1 + t) = t - t^2/(1 + t): t exact where it can be, the
         * correction added to odd (it may be below t's last bit). */
        sg_wide t = sg_hill_pow_wide(x, n);
        return sg_wide_add_odd(t, -t * t / (1 + t));
    }
    return 1 / (1 + sg_wexp(-sg_hill_z_wide(x, n)));
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   H'(x) = n x^(n-1) / (1 + x^n)^2 = n e^w / (1 + e^-|z|)^2 with
 *     w = (n - 1) log x    for x < 1 (z < 0),
 *     w = -(n + 1) log x   for x >= 1
 *   (the second multiplied through by x^-2n): only e^-|z| <= 1 enters the
 *   denominator, and e^w is kept as mantissa and exponent, n = m 2^k
 *   joining them, so that the result is rounded once even when subnormal
 *   (or overflows, for n < 1 near 0, as the true value does).
 * SPECIAL VALUES
 *   H'(0) = +inf (FE_DIVBYZERO) for n < 1, 1 for n = 1, 0 for n > 1;
 *   H'(+inf) = 0; x < 0 -> NaN (invalid); NaN -> NaN.
 * MEASURED (float64): 0.5000 at (x, n) = (9.063061644600677e-159, 3).
 */
static inline double sg_hill_derivative(double x, double n) {
    double out;
    if (sg_hill_guard(x, n, &out)) return out;
    if (x == 0.0) return n < 1.0 ? sg_pole(1.0) : (n == 1.0 ? 1.0 : 0.0);
    if (x == INFINITY) return 0.0;
    sg_dd l = sg_log_ddx(sg_dd_from(x));
    /* |z| >= 2^11 needs n > 2.7 (|log x| <= 745), and then w <= -1303:
     * the result is below 2^-1880 whatever n is. */
    if (l.hi != 0.0 && sg_exponent(l.hi) + sg_exponent(n) >= 11) return 0.0;
    int below_one = l.hi < 0;
    sg_dd z = sg_dd_mul_d(l, n);
    /* e^-|z| <= 1, only added to 1: 0 where it is below 2^-115 (it would
     * underflow from |z| = 745 on) */
    sg_dd t = fabs(z.hi) > 80.0 ? sg_dd_from(0.0) : sg_exp_ddx(below_one ? z : sg_dd_neg(z));
    sg_dd denom = sg_dd_add(sg_dd_from(1.0), t);
    sg_dd factor = below_one ? sg_two_sum(n, -1.0) : sg_dd_neg(sg_two_sum(n, 1.0));
    int64_t m;
    sg_dd e = sg_exp_ddx_parts(sg_dd_mul(factor, l), &m);        /* w <= 745 */
    int k;
    double mant = frexp(n, &k);
    return sg_ldexp_round(sg_dd_div(sg_dd_mul_d(e, mant), sg_dd_sqr(denom)), m + k);
}
static inline sg_wide sg_hill_derivative_wide(sg_wide x, sg_wide n) {
    /* n x^(n-1) (1 - (2t + t^2)/(1 + t)^2) with t = x^n, or mirrored for
     * x > 1 (t = x^-n, lead n x^(-n-1)): the lead term exact where it can
     * be and the correction added to odd, as in sg_hill_wide. */
    sg_wide lead, t;
    if (x < 1) {
        t = sg_hill_pow_wide(x, n);
        lead = n * sg_hill_pow_wide(x, n - 1);
        if (n < 1) lead = n / sg_hill_pow_wide(x, 1 - n);
    } else {
        t = 1 / sg_hill_pow_wide(x, n);
        lead = n / sg_hill_pow_wide(x, n + 1);
    }
    return sg_wide_add_odd(lead, -lead * (2 * t + t * t) / ((1 + t) * (1 + t)));
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   x = (y/(1 - y))^(1/n) = exp(logit(y)/n).  logit in double-double as for
 *   the logistic: y > 1/2 folded to -logit(1 - y) (1 - y exact), the
 *   quotient y/(1 - y) a dd, its log by sg_log_ddx (through log1p near
 *   y = 1/2, where logit is small: the result e^(logit/n) is then near 1,
 *   so logit's absolute error is what counts).  e^(logit/n) is rounded once
 *   by sg_exp_ddx_round, also into the subnormal range.
 * SPECIAL VALUES
 *   y = 0 -> 0; y = 1 -> +inf with FE_DIVBYZERO; y = 1/2 -> 1; y outside
 *   [0, 1] -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED (float64): 0.5000 at (y, n) = (7.169995243527292e-65, 2).
 */
static inline double sg_hill_inverse(double y, double n) {
    double out;
    if (sg_positive_param_guard(y, n, &out)) return out;
    if (y < 0.0 || y > 1.0) return sg_invalid();
    if (y == 0.0) return 0.0;
    if (y == 1.0) return sg_pole(1.0);
    sg_dd logit;
    if (y > 0.5) {
        double c = 1.0 - y;                                  /* exact */
        logit = sg_dd_neg(sg_log_ddx(sg_dd_div(sg_dd_from(c), sg_dd_from(y))));
    } else if (y < 0x1p-900) {
        /* log(y/(1 - y)) = log y + y + ...: the y is an absolute error
         * under 2^-900 in logit/n (the result's relative error), and the
         * quotient's remainder would underflow */
        logit = sg_log_ddx(sg_dd_from(y));
    } else {
        logit = sg_log_ddx(sg_dd_div(sg_dd_from(y), sg_two_sum(1.0, -y)));
    }
    sg_dd e = sg_dd_div_d(logit, n);
    if (!sg_isfinite(e.hi)) return e.hi > 0 ? e.hi : 0.0;
    return sg_exp_ddx_round(e);
}
static inline sg_wide sg_hill_inverse_wide(sg_wide y, sg_wide n) {
    /* Exact results can be narrow midpoints: y = 63/64, n = 1/2 gives
     * 63^2 = 3969, halfway between the float16 neighbours 3968 and 3970, and
     * exp(2 log 63) in binary128 is a hair off it, on either side.  The
     * quotient y/(1 - y) is dyadic only when 1 - y is a power of two, and its
     * power is then an integer power when 1/n is an integer k: those
     * results are formed exactly by multiplication (an odd integer of up to
     * 113 bits; a midpoint has at most 25). */
    sg_wide c = 1 - y;                                       /* exact */
    int e;
    sg_wide k = sg_wrint(1 / n);
    if (sg_wfrexp(c, &e) == 0.5 && k >= 1 && k <= 64 && k * n == 1) {
        sg_wide q = y / c, r = 1;                            /* q exact */
        for (int i = 0; i < (int)k; i++) r *= q;
        return r;
    }
    sg_wide logit = y > 0.5 ? -sg_wlog(c / y) : sg_wlog(y / c);
    return sg_wexp(logit / n);
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log H = log sigma(z) = -softplus(-z) and log(1 - H) = -softplus(z),
 *   z = n log x, softplus of the dd z in double-double: finite as far as
 *   float64 goes (log H(1e-300; 3) = -2072.3, log(1 - H(1e300; 3)) likewise).
 *   Where softplus is e^-|z| and subnormal it is rounded once from the parts
 *   of the exponential (sg_softplus_ddx_round).
 * SPECIAL VALUES
 *   logcdf(0) = -inf with FE_DIVBYZERO, logcdf(+inf) = -0; logsf(0) = +0,
 *   logsf(+inf) = -inf; x < 0 -> NaN (invalid); NaN -> NaN.
 * MEASURED (float64): logcdf 0.5000 at (x, n) = (25.139416235517334, 1), logsf 0.5000
 *   at (7.169995243527292e-65, 0.5).
 */
/* z = n log x as a dd for the log kernels, which need no early exit
 * (sg_softplus_ddx takes any z).  Returns 0 when n log x is beyond the float
 * range, leaving only its sign in *z (the log kernels are then -0 on one
 * side and overflow, as the true value does, on the other). */
static inline int sg_hill_z_full(double x, double n, sg_dd *z) {
    sg_dd l = sg_log_ddx(sg_dd_from(x));
    if (l.hi != 0.0 && sg_exponent(l.hi) + sg_exponent(n) >= 1020) { *z = l; return 0; }
    *z = sg_dd_mul_d(l, n);
    return 1;
}
static inline double sg_hill_logcdf(double x, double n) {
    double out;
    if (sg_hill_guard(x, n, &out)) return out;
    if (x == 0.0) return sg_pole(-1.0);
    if (x == INFINITY) return -0.0;
    sg_dd z;
    if (!sg_hill_z_full(x, n, &z)) return z.hi > 0 ? -0.0 : n * z.hi;
    return -sg_softplus_ddx_round(sg_dd_neg(z));
}
/* -log1p(u) for u = x^(-+n) <= 1, the power exact where it can be: tiny
 * results -u(1 - u/2) can be narrow midpoints plus a correction below
 * binary128's resolution (logcdf(2^75; 2) = -2^-150 (1 - 2^-151)). */
static inline sg_wide sg_hill_neg_log1p_pow_wide(sg_wide x, sg_wide p) {
    sg_wide u = sg_hill_pow_wide(x, p);
    if (u < 0x1p-40) return -sg_wide_add_odd(u, -u * u / 2 + u * u * u / 3);
    return -sg_wlog1p(u);
}
static inline sg_wide sg_hill_logcdf_wide(sg_wide x, sg_wide n) {
    if (x > 1) return sg_hill_neg_log1p_pow_wide(x, -n);
    return -sg_softplus_wide(-sg_hill_z_wide(x, n));
}
static inline double sg_hill_logsf(double x, double n) {
    double out;
    if (sg_hill_guard(x, n, &out)) return out;
    if (x == 0.0) return 0.0;                            /* log(1 - 0) = +0 */
    if (x == INFINITY) return -INFINITY;
    sg_dd z;
    if (!sg_hill_z_full(x, n, &z)) return z.hi < 0 ? -0.0 : -(n * z.hi);
    return -sg_softplus_ddx_round(z);
}
static inline sg_wide sg_hill_logsf_wide(sg_wide x, sg_wide n) {
    if (x < 1) return sg_hill_neg_log1p_pow_wide(x, n);
    return -sg_softplus_wide(sg_hill_z_wide(x, n));
}

#endif /* SG_HILL_H */
