/*
 * sg_ddx.h -- exp, expm1, log and log1p of double-double arguments, accurate
 * to about 2^-100 (the "x" is for extended).
 *
 * Why a second exp/log next to sg_math.h's: the parametrised families raise
 * things to a power, (1 + e^-x)^-alpha = exp(-alpha log1p(e^-x)) and
 * x^n = exp(n log x).  The exponent is a product of a parameter and a
 * logarithm, and the result's relative error is the exponent's *absolute*
 * error.  sg_log_dd is good to about 2^-64 absolute, which alpha = 1000 turns
 * into 2^-54 relative: a quarter of an ULP gone before the final rounding.
 * The inverses are worse: genlogistic's inverse crosses zero where
 * log(y) + alpha log 2 cancels, so log(y) is needed to far more than 2^-64.
 * Here every step is carried in double-double, so the exponent is good to
 * about 2^-100 relative and nothing short of an exact cancellation below
 * 2^-45 can reach the last bit of a float64 result.
 *
 * ALGORITHMS
 *   sg_expm1_small_ddx(r), |r| <= ln2/64 (+ slack): the Taylor polynomial of
 *     degree 11 (truncation r^12/12! < 2^-106).  Degrees 7-11 in double on
 *     r.hi (their sum is below 2^-57, so 2^-53 of it is 2^-110); degrees 2-6
 *     by Horner in double-double with double-double coefficients.
 *   sg_exp_ddx_parts(x): x = k ln2/32 + r with ln2/32 split in three words
 *     (k has at most 17 bits, so k*C1 is exact through the fma and k*C2 by
 *     two_prod); e^x = 2^(k>>5) * 2^((k&31)/32) * (1 + expm1(r)), the table
 *     of sg_tables.h being good to 2^-107.  Returns the double-double
 *     mantissa part (in [0.98, 2.03)) and the power of two separately, so that
 *     a caller can multiply by something else and round once, even into the
 *     subnormal range (sg_ldexp_round).
 *   sg_log1p_ddx(t), sg_log_ddx(q): one Newton step on e^y = 1 + t from
 *     libm's log1p/log: y = y0 + d - d^2/2 with d = (1 + t - e^y0)/e^y0.
 *     Near zero the residual 1 + t - e^y0 is formed as t - expm1(y0), both
 *     terms in double-double, so that small arguments keep their relative
 *     accuracy (log1p(2^-60) is not 1 + 2^-60 - e^y0).
 * MEASURED (tools/ c harness against mpmath, 10^5 random arguments per
 *   function and range): exp 2^-103.5, log 2^-103 relative; log1p 2^-102.
 */
#ifndef SG_DDX_H
#define SG_DDX_H

#include "sg_math.h"

/* ln2/32 and ln2 in three words (mpmath, 300 bits). */
static const double SG_LN2_32_LO2 = 0x1.7b57a079a1934p-116;
static const double SG_LN2_LO2 = 0x1.7b57a079a1934p-111;

static inline sg_dd sg_dd_neg(sg_dd a) { sg_dd r = {-a.hi, -a.lo}; return r; }
static inline sg_dd sg_dd_from(double a) { sg_dd r = {a, 0.0}; return r; }

/* a + b with the low words summed exactly too: absolute error about
 * 2^-106 of the *result*, even when a.hi and b.hi cancel. */
static inline sg_dd sg_dd_add_acc(sg_dd a, sg_dd b) {
    sg_dd s = sg_two_sum(a.hi, b.hi);
    sg_dd t = sg_two_sum(a.lo, b.lo);
    s.lo += t.hi;
    s = sg_fast_two_sum(s.hi, s.lo);
    s.lo += t.lo;
    return sg_fast_two_sum(s.hi, s.lo);
}
static inline sg_dd sg_dd_sub_acc(sg_dd a, sg_dd b) { return sg_dd_add_acc(a, sg_dd_neg(b)); }
/* dd times a double. */
static inline sg_dd sg_dd_mul_d(sg_dd a, double b) {
    sg_dd p = sg_two_prod(a.hi, b);
    return sg_fast_two_sum(p.hi, p.lo + a.lo * b);
}
static inline sg_dd sg_dd_sqr(sg_dd a) { return sg_dd_mul(a, a); }
/* k * ln2 as a dd, for integer |k| < 2^20 (k * SG_LN2_HI is exact by two_prod). */
static inline sg_dd sg_dd_k_ln2(double k) {
    sg_dd p = sg_two_prod(k, SG_LN2_HI);
    return sg_fast_two_sum(p.hi, p.lo + k * SG_LN2_LO + k * SG_LN2_LO2);
}

/* -------------------------------------------------------- expm1, small */

/* e^r - 1 for a dd r with |r| <= 0.011, relative error about 2^-103. */
static inline sg_dd sg_expm1_small_ddx(sg_dd r) {
    double h = r.hi;
    /* 1/7! ... 1/11! in double: these terms are below 2^-57 together. */
    double tail = 0x1.a01a01a01a01ap-13 + h * (0x1.a01a01a01a01ap-16 + h * (0x1.71de3a556c734p-19
                + h * (0x1.27e4fb7789f5cp-22 + h * 0x1.ae64567f544e4p-26)));
    static const double c[4][2] = {
        {0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65}, /* 1/6! */
        {0x1.1111111111111p-7, 0x1.1111111111111p-63},   /* 1/5! */
        {0x1.5555555555555p-5, 0x1.5555555555555p-59},   /* 1/4! */
        {0x1.5555555555555p-3, 0x1.5555555555555p-57},   /* 1/3! */
    };
    sg_dd q = sg_two_prod(h, tail);           /* r * tail, r.lo * tail is below 2^-110 */
    for (int i = 0; i < 4; i++) {
        sg_dd ci = {c[i][0], c[i][1]};
        q = sg_dd_add(ci, q);
        q = sg_dd_mul(r, q);
    }
    q = sg_dd_add(sg_dd_from(0.5), q);         /* 1/2 + r/6 + ... */
    q = sg_dd_mul(sg_dd_mul(r, r), q);          /* r^2/2 + ... */
    return sg_dd_add(r, q);
}

/* ----------------------------------------------------------------- exp */

/* e^x = (e.hi + e.lo) * 2^m with e in [0.98, 2.03); relative error about
 * 2^-102 for |x| < 1500.  x.hi is clamped to [-1500, 1500] (m then carries
 * the overflow or underflow to sg_ldexp_round); NaN propagates into e. */
static inline sg_dd sg_exp_ddx_parts(sg_dd x, int64_t *m) {
    double xh = x.hi, xl = x.lo;
    if (sg_isnan(xh)) { *m = 0; return x; }
    /* 1 + x: x^2/2 weighs under 2^-400, and the reduction's products of
     * such an x would raise a spurious underflow */
    if (fabs(xh) < 0x1p-200) { *m = 0; return sg_fast_two_sum(1.0, xh + xl); }
    if (xh > 1500.0) { xh = 1500.0; xl = 0.0; }
    if (xh < -1500.0) { xh = -1500.0; xl = 0.0; }
    const double shift = 0x1.8p52;
    double kf = (xh * SG_INV_LN2_32 + shift) - shift;   /* round(x * 32/ln2) */
    int64_t k = (int64_t)kf;
    double r = fma(-kf, SG_LN2_32_HI, xh);               /* exact: see header */
    sg_dd kc2 = sg_two_prod(-kf, SG_LN2_32_LO);          /* exact */
    sg_dd s = sg_two_sum(r, xl);
    sg_dd t = sg_two_sum(s.hi, kc2.hi);
    double lo = s.lo + t.lo + kc2.lo - kf * SG_LN2_32_LO2;
    sg_dd red = sg_two_sum(t.hi, lo);
    sg_dd p = sg_expm1_small_ddx(red);
    int64_t j = k & 31;
    sg_dd table = {SG_EXP2_TABLE[2 * j], SG_EXP2_TABLE[2 * j + 1]};
    *m = (k - j) / 32;
    return sg_dd_add(table, sg_dd_mul(table, p));
}

/* 2^n for any integer n in [-2044, 2046] as a product of two normal factors. */
static inline void sg_pow2_split(int64_t n, double *f1, double *f2) {
    int64_t n1 = n / 2, n2 = n - n1;
    *f1 = sg_pow2i(n1);
    *f2 = sg_pow2i(n2);
}

/* (a.hi + a.lo) * 2^m rounded once to double, also when the result is
 * subnormal (where scaling hi and lo separately would round twice) or
 * overflows (inf, with the overflow flag of the multiplication).
 * Requires |a.hi| in [2^-100, 2^100] (a mantissa-like value) or 0. */
static inline double sg_ldexp_round(sg_dd a, int64_t m) {
    if (m > 2000) m = 2000;
    if (m < -2000) m = -2000;
    double d = a.hi + a.lo;
    if (d == 0.0 || !sg_isfinite(d)) return d;
    int64_t e = (int64_t)((sg_bits(d) >> 52) & 0x7ff) - 1023;   /* exponent of d */
    double f1, f2;
    if (e + m >= -1022) {                    /* normal (or overflow): exact scaling */
        sg_pow2_split(m, &f1, &f2);
        return d * f1 * f2;
    }
    if (e + m < -1076) return copysign(0.0, d);   /* below half the smallest subnormal */
    /* Subnormal result: scale hi by 2^-600 (exact, stays normal), then one
     * rounding into the subnormal grid; the tail decides exact ties. */
    double u = a.hi * 0x1p-600, ul = a.lo * 0x1p-600;
    f2 = sg_pow2i(m + 600);
    double scaled = u * f2;
    double remainder = u - scaled * sg_pow2i(-(m + 600));   /* exact */
    double half_ulp = sg_pow2i(-1075 - (m + 600));
    if (fabs(remainder) == half_ulp && ul != 0.0 && ((remainder > 0) == (ul > 0)))
        scaled += copysign(0x1p-1074, remainder);
    return scaled;
}

/* e^x as a dd, for results in the normal range (below about 2^-969 the
 * tail itself becomes subnormal and the relative accuracy degrades to that
 * of a double; use the parts and sg_ldexp_round where that matters). */
static inline sg_dd sg_exp_ddx(sg_dd x) {
    int64_t m;
    sg_dd e = sg_exp_ddx_parts(x, &m);
    double f1, f2;
    if (m > 2000) m = 2000;
    if (m < -2000) m = -2000;
    sg_pow2_split(m, &f1, &f2);
    sg_dd r = {e.hi * f1 * f2, e.lo * f1 * f2};
    return r;
}
/* e^x rounded once to double (correct subnormal rounding). */
static inline double sg_exp_ddx_round(sg_dd x) {
    int64_t m;
    sg_dd e = sg_exp_ddx_parts(x, &m);
    return sg_ldexp_round(e, m);
}

/* e^x - 1 as a dd, relative error about 2^-100. */
static inline sg_dd sg_expm1_ddx(sg_dd x) {
    if (fabs(x.hi) <= 0.0108) return sg_expm1_small_ddx(x);
    if (x.hi < -80.0) {                        /* e^x below 2^-115: -1 + e^x */
        sg_dd e = sg_exp_ddx(x);
        return sg_fast_two_sum(-1.0, e.hi);
    }
    /* |e^x - 1| >= 0.0107 e^x: the subtraction loses at most 7 bits. */
    return sg_dd_add_acc(sg_exp_ddx(x), sg_dd_from(-1.0));
}

/* ----------------------------------------------------------------- log */

/* log(1 + t) for a dd t > -1, relative error about 2^-100. */
static inline sg_dd sg_log1p_ddx(sg_dd t) {
    if (sg_isnan(t.hi)) return t;
    if (fabs(t.hi) < 0x1p-200) return t;   /* t^2/2 weighs under 2^-200; e^y0's tail would underflow */
    double y0 = log1p(t.hi);
    if (!sg_isfinite(y0)) { sg_dd r = {y0, 0.0}; return r; }
    sg_dd d;
    if (fabs(y0) <= 0.0108) {
        /* 1 + t - e^y0 = t - expm1(y0): no 1 + tiny anywhere. */
        sg_dd y0d = sg_dd_from(y0);
        sg_dd em1 = sg_expm1_small_ddx(y0d);
        sg_dd diff = sg_dd_sub_acc(t, em1);
        d.hi = (diff.hi + diff.lo) / (1.0 + em1.hi);
    } else {
        sg_dd e = sg_exp_ddx(sg_dd_from(y0));
        sg_dd one_t = sg_dd_add_acc(sg_dd_from(1.0), t);
        sg_dd diff = sg_dd_sub_acc(one_t, e);
        d.hi = (diff.hi + diff.lo) / e.hi;
    }
    /* log(1 + d) = d - d^2/2 + O(d^3), |d| about 2^-52 |y0| at most. */
    return sg_fast_two_sum(y0, d.hi - 0.5 * d.hi * d.hi);
}

/* log(q) for a dd q > 0 (q.hi may be subnormal), absolute error about
 * 2^-101 max(1, |log q|) and relative error about 2^-100. */
static inline sg_dd sg_log_ddx(sg_dd q) {
    if (sg_isnan(q.hi)) return q;
    if (q.hi > 0.75 && q.hi < 1.5) {
        /* Near 1 the result is small: log1p(q - 1) keeps it relative. */
        sg_dd t = sg_two_sum(q.hi - 1.0, q.lo);  /* q.hi - 1 exact (Sterbenz) */
        return sg_log1p_ddx(t);
    }
    if (q.hi == 0.0) { sg_dd r = {sg_pole(-1.0), 0.0}; return r; }
    if (q.hi == INFINITY) return q;
    double bias = 0.0;
    if (q.hi < 0x1p-900) {       /* keep e^y0 and its tail normal */
        q.hi *= 0x1p200; q.lo *= 0x1p200; bias = -200.0;
    } else if (q.hi > 0x1p900) { /* keep e^y0 finite */
        q.hi *= 0x1p-200; q.lo *= 0x1p-200; bias = 200.0;
    }
    double y0 = log(q.hi);
    sg_dd e = sg_exp_ddx(sg_dd_from(y0));
    sg_dd diff = sg_dd_sub_acc(q, e);
    double d = (diff.hi + diff.lo) / e.hi;
    sg_dd y = sg_fast_two_sum(y0, d - 0.5 * d * d);
    if (bias != 0.0) y = sg_dd_add_acc(sg_dd_k_ln2(bias), y);
    return y;
}

/* log(1 + e^x) as a dd (softplus), relative error about 2^-100; never overflows. */
static inline sg_dd sg_softplus_ddx(sg_dd x) {
    if (sg_isnan(x.hi)) return x;
    if (x.hi == INFINITY) return x;
    /* x + log1p(e^-x), the second term below 2^-121 of x (and e^-x
     * underflows from 745 on, a spurious flag) */
    if (x.hi > 80.0) return x;
    sg_dd neg_abs = x.hi > 0 ? sg_dd_neg(x) : x;
    sg_dd l = sg_log1p_ddx(sg_exp_ddx(neg_abs));
    if (x.hi <= 0) return l;
    return sg_dd_add_acc(x, l);
}

/* softplus(x) rounded once to double.  Below x = -40 it is e^x (1 - e^x/2)
 * to 2^-115, rounded from the parts of e^x: it goes subnormal near x = -708,
 * where rounding e^x first and then log1p would round twice. */
static inline double sg_softplus_ddx_round(sg_dd x) {
    if (x.hi < -40.0) {
        int64_t m;
        sg_dd e = sg_exp_ddx_parts(x, &m);
        return sg_ldexp_round(sg_dd_mul_d(e, 1.0 - 0.5 * exp(x.hi)), m);
    }
    return sg_dd_round(sg_softplus_ddx(x));
}

/* ------------------------------------------------- parameters and bits */

/* Unbiased binary exponent of a finite double (-1023 for zero and subnormals). */
static inline int64_t sg_exponent(double x) { return (int64_t)((sg_bits(x) >> 52) & 0x7ff) - 1023; }

/* The shared guard of the parametrised kernels.  Returns 1 and sets *out when
 * the result is decided by the inputs alone: a NaN in either input gives NaN
 * quietly (x + p), an invalid parameter (p <= 0 or p = inf) NaN with
 * FE_INVALID.  The comparisons come after the NaN test, so they never raise. */
static inline int sg_positive_param_guard(double x, double p, double *out) {
    if (sg_isnan(x) || sg_isnan(p)) { *out = x + p; return 1; }
    if (!(p > 0.0) || p == INFINITY) { *out = sg_invalid(); return 1; }
    return 0;
}

/* a / b for a dd a and a double b, safe when the quotient overflows. */
static inline sg_dd sg_dd_div_d(sg_dd a, double b) {
    double q = a.hi / b;
    if (!sg_isfinite(q)) { sg_dd r = {q, 0.0}; return r; }
    double residual = fma(-q, b, a.hi) + a.lo;
    return sg_fast_two_sum(q, residual / b);
}

/* ---------------------------------------------------------- wide helpers */
#if defined(SG_HAVE_QUADMATH)
#define sg_wrint rintq
#define sg_wldexp ldexpq
#define sg_wfabs fabsq
#define sg_wnextafter nextafterq
#define sg_wfrexp frexpq
#define sg_wpow powq
#define SG_WIDE_LN2 M_LN2q
#else
#define sg_wrint rintl
#define sg_wldexp ldexpl
#define sg_wfabs fabsl
#define sg_wnextafter nextafterl
#define sg_wfrexp frexpl
#define sg_wpow powl
#define SG_WIDE_LN2 0.693147180559945309417232121458176568L
#endif

/* a + b rounded to odd in the wide type: when the sum is inexact its last
 * bit is forced to 1 (one step towards the lost part).  A later rounding to
 * float32 or float16 is then correct even when the exact sum is a narrow
 * midpoint plus something below the wide type's resolution: -1.5 * 74.1875
 * - 1.5 log1p(e^-74.1875) is the float16 midpoint -111.28125 minus 9e-33,
 * and a plain binary128 sum rounds it onto the midpoint (then to even, the
 * wrong way). */
static inline int sg_wide_last_bit(sg_wide w) {
    uint64_t low;                /* little-endian: the significand's last bit is bit 0 */
    memcpy(&low, &w, sizeof low);
    return (int)(low & 1);
}
static inline sg_wide sg_wide_add_odd(sg_wide a, sg_wide b) {
    sg_wide s = a + b;
    sg_wide bb = s - a;
    sg_wide err = (a - (s - bb)) + (b - bb);    /* exact: a + b = s + err */
    if (err != 0 && !sg_wide_last_bit(s))
        s = sg_wnextafter(s, err > 0 ? (sg_wide)INFINITY : -(sg_wide)INFINITY);
    return s;
}

#endif /* SG_DDX_H */
