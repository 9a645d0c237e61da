/*
 * smoothstep.h -- the smoothstep family: S_n, the polynomial of degree
 * 2n + 1 on [0, 1] with S_n(0) = 0, S_n(1) = 1 and n vanishing derivatives
 * at both ends, clamped to 0 below and 1 above.  n = 0 is the ramp
 * clip(x, 0, 1), n = 1 the classic 3x^2 - 2x^3, n = 2 "smootherstep".
 *   S_n(x) = I_x(n + 1, n + 1) = sum_{j=n+1}^{2n+1} C(2n+1, j) x^j (1-x)^(2n+1-j),
 * the CDF of scipy.stats.beta(n + 1, n + 1).  The range is [0, 1], so the
 * CDF form is the value itself (cdf = value, pdf = derivative, ppf = inverse).
 *
 * Every kernel takes (x, n) and comes as a pair: `double sg_X(double,
 * double)` and its binary128 twin for the float32/float16 hard cases.
 *
 * Why the Bernstein form: the power form x^(n+1) sum (-1)^k C(n+k,k)
 * C(2n+1,n-k) x^k alternates, and near x = 1/2 its terms outgrow the result
 * by 3^n.  On [0, 1/2] (the other half by S_n(x) = 1 - S_n(1 - x), with 1 - x
 * exact) S = x^(n+1) (1-x)^n P(r), r = x/(1-x) <= 1, where
 * P(r) = sum_i C(2n+1, n+1+i) r^i has positive coefficients and a positive
 * argument: Horner in double-double then has relative error about
 * n 2^-104, and the powers of x, kept as mantissa and exponent, carry
 * S_n(1e-300) = C(2n+1,n+1) 1e-300^(n+1) (1 + ...) far below the float range
 * into the log kernels and round the value once into the subnormal range.
 *
 * PARAMETER
 *   n must be an integer in [0, 1000] (SG_SMOOTHSTEP_MAX_N: every kernel
 *   costs O(n)); anything else gives NaN with FE_INVALID; NaN gives NaN
 *   quietly.
 */
#ifndef SG_SMOOTHSTEP_H
#define SG_SMOOTHSTEP_H

#include "sg_ddx.h"

#define SG_SMOOTHSTEP_MAX_N 1000

/* The guard: 1 with *out set when the inputs decide the result. */
static inline int sg_smoothstep_guard(double x, double n, double *out) {
    if (sg_isnan(x) || sg_isnan(n)) { *out = x + n; return 1; }
    if (!(n >= 0.0) || n > SG_SMOOTHSTEP_MAX_N || n != floor(n)) { *out = sg_invalid(); return 1; }
    return 0;
}

/* ------------------------------------------- mantissa-exponent numbers */

/* (m.hi + m.lo) 2^e with m.hi in [1, 2) (or m = 0): products of many
 * factors without overflow or underflow. */
typedef struct { sg_dd m; int64_t e; } sg_dde;

static inline sg_dde sg_dde_make(sg_dd m, int64_t e) {
    sg_dde r;
    if (m.hi == 0.0) { r.m = m; r.e = 0; return r; }
    int64_t k = sg_exponent(m.hi);
    if (k == -1023) {                      /* subnormal: bring it up first */
        m.hi *= 0x1p200; m.lo *= 0x1p200; e -= 200;
        k = sg_exponent(m.hi);
    }
    double f = sg_pow2i(-k);
    r.m.hi = m.hi * f;
    r.m.lo = m.lo * f;
    r.e = e + k;
    return r;
}
static inline sg_dde sg_dde_mul(sg_dde a, sg_dde b) { return sg_dde_make(sg_dd_mul(a.m, b.m), a.e + b.e); }
static inline sg_dde sg_dde_div(sg_dde a, sg_dde b) { return sg_dde_make(sg_dd_div(a.m, b.m), a.e - b.e); }
/* base^k for a positive dd base and k >= 0, by squaring (log2 k squarings
 * double the relative error each: 2^10 2^-104 at k = 1000). */
static inline sg_dde sg_dde_pow(sg_dd base, int64_t k) {
    sg_dde r = {{1.0, 0.0}, 0}, b = sg_dde_make(base, 0);
    while (k > 0) {
        if (k & 1) r = sg_dde_mul(r, b);
        k >>= 1;
        if (k) b = sg_dde_mul(b, b);
    }
    return r;
}
/* The dde as a dd (0 below 2^-1000: callers only add it to 1 then). */
static inline sg_dd sg_dde_value(sg_dde a) {
    if (a.m.hi == 0.0 || a.e < -1000) { sg_dd z = {0.0, 0.0}; return z; }
    double f1, f2;
    sg_pow2_split(a.e, &f1, &f2);
    sg_dd r = {a.m.hi * f1 * f2, a.m.lo * f1 * f2};
    return r;
}
/* log of a positive dde, as a dd. */
static inline sg_dd sg_dde_log(sg_dde a) {
    return sg_dd_add_acc(sg_log_ddx(a.m), sg_dd_k_ln2((double)a.e));
}

/* ------------------------------------------------------------ the core */

/* S_n(x) for 0 < x <= 1/2 as a dde (see the header for the algorithm). */
static inline sg_dde sg_smoothstep_half(double x, int64_t n) {
    /* Below x = 2^-200, x weighs under 2^-190 in 1 - x and in P(r), and
     * the dd products of its square would raise underflow: 1 - x = 1 and
     * r = 0 there. */
    int tiny = x < 0x1p-200;
    sg_dd c1x = tiny ? sg_dd_from(1.0) : sg_two_sum(1.0, -x);        /* 1 - x, exact */
    sg_dd r = tiny ? sg_dd_from(0.0) : sg_dd_div(sg_dd_from(x), c1x);  /* <= 1 */
    /* P(r) by Horner from the top: c_n = 1, c_(i-1) = c_i (n+1+i)/(n+1-i),
     * c_i = C(2n+1, n+1+i); both rescaled together when they grow large. */
    sg_dd c = {1.0, 0.0}, p = {1.0, 0.0};
    int64_t scale = 0;
    for (int64_t i = n; i >= 1; i--) {
        c = sg_dd_div_d(sg_dd_mul_d(c, (double)(n + 1 + i)), (double)(n + 1 - i));
        p = sg_dd_add(sg_dd_mul(p, r), c);
        if (c.hi > 0x1p900) {
            c.hi *= 0x1p-900; c.lo *= 0x1p-900;
            p.hi *= 0x1p-900; p.lo *= 0x1p-900;
            scale += 900;
        }
    }
    sg_dde s = sg_dde_mul(sg_dde_pow(sg_dd_from(x), n + 1), sg_dde_pow(c1x, n));
    return sg_dde_mul(s, sg_dde_make(p, scale));
}

/* K_n = (2n+1)!/(n!)^2 = 1/B(n+1, n+1), as a dde: the density's constant. */
static inline sg_dde sg_smoothstep_k(int64_t n) {
    sg_dde k = {{1.0, 0.0}, 0};
    for (int64_t i = 1; i <= n; i++)          /* prod (n+i)/i = C(2n, n) */
        k = sg_dde_make(sg_dd_div_d(sg_dd_mul_d(k.m, (double)(n + i)), (double)i), k.e);
    return sg_dde_make(sg_dd_mul_d(k.m, (double)(2 * n + 1)), k.e);
}

/* S_n'(x) = K_n (x(1-x))^n for 0 <= t = min(x, 1-x) <= 1/2, as a dde. */
static inline sg_dde sg_smoothstep_density(double t, int64_t n, sg_dde kn) {
    sg_dd u = sg_dd_mul_d(sg_two_sum(1.0, -t), t);          /* t (1 - t), near exact */
    return sg_dde_mul(kn, sg_dde_pow(u, n));
}

/* ------------------------------------------------- binary128 versions */

/* S_n(x) for 0 <= x <= 1/2 in the wide type, exact whenever the exact value
 * fits: S_n of a narrow x is a dyadic rational, and it can be a narrow
 * midpoint exactly (S_3(1/8) and S_1(9/32) are float16 midpoints), where
 * any rounding error would decide the tie.  For x >= 2^-60 the power form
 * x^(n+1) Q(x) with integer coefficients is evaluated by Horner: every
 * product and sum of a narrow x is exact while the bits fit in 113, and
 * the cancellation of the power form (3^n at x = 1/2) costs nothing below
 * n = 16.  For tiny x the value is C x^(n+1) (1 + x q(x)) with a correction
 * below binary128's resolution: added to odd.  Above n = 16 the Bernstein
 * form with r = x/(1-x) (accurate, not exact). */
static inline sg_wide sg_smoothstep_half_wide(sg_wide x, int n) {
    if (x == 0) return 0;
    sg_wide xp = 1;
    for (int i = 0; i <= n; i++) xp *= x;                    /* x^(n+1) */
    if (n > 16) {
        sg_wide r = x / (1 - x), c = 1, p = 1;
        for (int i = n; i >= 1; i--) {
            c = c * (n + 1 + i) / (n + 1 - i);
            p = p * r + c;
        }
        sg_wide q = 1;
        for (int i = 0; i < n; i++) q *= 1 - x;
        return xp * q * p;
    }
    /* a_k = (-1)^k C(n+k, k) C(2n+1, n-k), k = 0..n */
    sg_wide a[17];
    sg_wide binom_nk = 1, binom_top = 1;                     /* C(n+k,k), C(2n+1,n-k) */
    for (int k = 0; k < n; k++) binom_top = binom_top * (2 * n + 1 - k) / (k + 1);  /* C(2n+1, n) */
    for (int k = 0; k <= n; k++) {
        a[k] = (k & 1 ? -1 : 1) * binom_nk * binom_top;
        binom_nk = binom_nk * (n + k + 1) / (k + 1);
        if (k < n) binom_top = binom_top * (n - k) / (n + k + 2);
    }
    if (x < 0x1p-60 && n > 0) {
        /* C x^(n+1) (1 + x (a_1 + a_2 x + ...)/a_0) */
        sg_wide q = 0;
        for (int k = n; k >= 1; k--) q = q * x + a[k];
        sg_wide lead = a[0] * xp;
        return sg_wide_add_odd(lead, lead * (x * q / a[0]));
    }
    sg_wide q = 0;
    for (int k = n; k >= 0; k--) q = q * x + a[k];
    return xp * q;
}
static inline sg_wide sg_smoothstep_k_wide(int n) {
    sg_wide k = 1;
    for (int i = 1; i <= n; i++) k = k * (n + i) / i;        /* exact integers up to n = 55 */
    return k * (2 * n + 1);
}

/* ---------------------------------------------------------------- value
 * ALGORITHM
 *   x <= 0: 0; x >= 1: 1; 0 < x <= 1/2: S_half(x) rounded once from its
 *   mantissa and exponent (sg_ldexp_round); 1/2 < x < 1: 1 - S_half(1 - x)
 *   in double-double (1 - x exact; S_half(1 - x) <= 1/2, so no cancellation).
 * SPECIAL VALUES
 *   S(-inf) = S(0) = +0, S(1/2) = 1/2, S(1) = S(+inf) = 1, n = 0 is
 *   clip(x, 0, 1) exactly; NaN -> NaN.
 * MEASURED: see KERNEL_ACCURACY.
 */
static inline double sg_smoothstep(double x, double n) {
    double out;
    if (sg_smoothstep_guard(x, n, &out)) return out;
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    int64_t k = (int64_t)n;
    if (x <= 0.5) {
        sg_dde s = sg_smoothstep_half(x, k);
        return sg_ldexp_round(s.m, s.e);
    }
    sg_dd t = sg_dde_value(sg_smoothstep_half(1.0 - x, k));
    return sg_dd_round(sg_dd_add(sg_dd_from(1.0), sg_dd_neg(t)));
}
static inline sg_wide sg_smoothstep_wide(sg_wide x, sg_wide n) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    if (x <= 0.5) return sg_smoothstep_half_wide(x, (int)n);
    return 1 - sg_smoothstep_half_wide(1 - x, (int)n);
}

/* ----------------------------------------------------------- derivative
 * ALGORITHM
 *   S_n'(x) = K_n (x (1 - x))^n on [0, 1] (symmetric about 1/2: evaluated
 *   at t = min(x, 1 - x), 1 - x exact), 0 outside; t (1 - t) as a dd and its
 *   power by squaring as mantissa and exponent, rounded once.
 * SPECIAL VALUES
 *   S_0' = 1 on [0, 1] (the density of uniform(0, 1), as scipy: 1 at both
 *   ends); for n >= 1, S_n'(0) = S_n'(1) = 0; 0 outside [0, 1]; NaN -> NaN.
 * MEASURED: see KERNEL_ACCURACY.
 */
static inline double sg_smoothstep_derivative(double x, double n) {
    double out;
    if (sg_smoothstep_guard(x, n, &out)) return out;
    if (x < 0.0 || x > 1.0) return 0.0;
    int64_t k = (int64_t)n;
    if (k == 0) return 1.0;
    double t = x <= 0.5 ? x : 1.0 - x;
    if (t == 0.0) return 0.0;
    sg_dde d = sg_smoothstep_density(t, k, sg_smoothstep_k(k));
    return sg_ldexp_round(d.m, d.e);
}
static inline sg_wide sg_smoothstep_derivative_wide(sg_wide x, sg_wide n) {
    /* K (t(1-t))^n by multiplication: exact while the bits fit (products of
     * a narrow t), so exact narrow midpoints stay exact; for tiny t the
     * factor (1-t)^n is 1 - tiny: K t^n plus a correction added to odd. */
    int k = (int)n;
    if (x < 0 || x > 1) return 0;
    if (k == 0) return 1;
    sg_wide t = x <= 0.5 ? x : 1 - x;
    sg_wide kn = sg_smoothstep_k_wide(k);
    if (t < 0x1p-60) {
        sg_wide lead = kn;
        for (int i = 0; i < k; i++) lead *= t;
        return sg_wide_add_odd(lead, lead * sg_wexpm1(k * sg_wlog1p(-t)));
    }
    sg_wide u = t * (1 - t), r = kn;
    for (int i = 0; i < k; i++) r *= u;
    return r;
}

/* -------------------------------------------------------------- inverse
 * ALGORITHM
 *   The root x of S_n(x) = y in [0, 1].  y > 1/2 is folded to
 *   x = 1 - root(1 - y) (1 - y exact), so y <= 1/2 and x <= 1/2.  Newton on
 *   log S_n in the variable log x: log S_n is nearly linear there
 *   ((n+1) log x + log C(2n+1, n+1) for small x), so the iteration from
 *   x0 = (y / C(2n+1, n+1))^(1/(n+1)) -- a lower bound, S_n <= C x^(n+1)
 *   on [0, 1/2] -- converges in a few steps from the first.  The steps run
 *   in double, safeguarded by a bracket (a step that leaves it bisects, in
 *   log x), until they fall below 2^-40 relative; then two steps with the
 *   residual log S_n(x) - log y in double-double make x good to about
 *   2^-90.
 * SPECIAL VALUES
 *   y = 0 -> 0, y = 1 -> 1, y = 1/2 -> 1/2, n = 0 -> y; y outside [0, 1]
 *   -> NaN with FE_INVALID; NaN -> NaN.
 * MEASURED: see KERNEL_ACCURACY.
 */
static inline sg_dd sg_smoothstep_root_half(double y, int64_t n) {
    sg_dde kn = sg_smoothstep_k(n);
    double logy = log(y);
    /* log C(2n+1, n+1) = log K_n - log(n+1) */
    double logc = log(kn.m.hi) + (double)kn.e * 0.6931471805599453 - log((double)(n + 1));
    double x = exp((logy - logc) / (double)(n + 1));
    if (!(x < 0.5)) x = 0.5;
    double lo = 0.5 * x, hi = 0.5;                          /* x0 is a lower bound */
    for (int iter = 0; iter < 100; iter++) {
        sg_dde s = sg_smoothstep_half(x, n);
        double g = log(s.m.hi) + (double)s.e * 0.6931471805599453 - logy;
        if (g == 0.0) break;
        if (g < 0) lo = x; else hi = x;
        /* d log S / d log x = x S'/S */
        sg_dde d = sg_smoothstep_density(x, n, kn);
        sg_dde ratio = sg_dde_div(s, d);                     /* S / S' */
        double step = g * sg_ldexp_round(ratio.m, ratio.e) / x;
        double next = x * exp(-step);
        if (!(next > lo && next < hi)) next = sqrt(lo) * sqrt(hi);   /* bisect in log x */
        if (fabs(next - x) <= 0x1p-40 * x) { x = next; break; }
        x = next;
    }
    /* Two Newton steps with the residual in double-double. */
    sg_dd xd = sg_dd_from(x);
    sg_dd logyd = sg_log_ddx(sg_dd_from(y));
    for (int iter = 0; iter < 2; iter++) {
        double xr = sg_dd_round(xd);
        sg_dde s = sg_smoothstep_half(xr, n);
        sg_dd g = sg_dd_sub_acc(sg_dde_log(s), logyd);
        sg_dde ratio = sg_dde_div(s, sg_smoothstep_density(xr, n, kn));
        /* x_new = x - g S/S' (the first-order step of log S in x) */
        sg_dd step = sg_dd_mul_d(g, sg_ldexp_round(ratio.m, ratio.e));
        xd = sg_dd_add_acc(sg_dd_from(xr), sg_dd_neg(step));
    }
    return xd;
}
static inline double sg_smoothstep_inverse(double y, double n) {
    double out;
    if (sg_smoothstep_guard(y, n, &out)) return out;
    if (y < 0.0 || y > 1.0) return sg_invalid();
    int64_t k = (int64_t)n;
    if (k == 0 || y == 0.0 || y == 1.0 || y == 0.5) return y;
    if (y < 0.5) return sg_dd_round(sg_smoothstep_root_half(y, k));
    sg_dd x = sg_smoothstep_root_half(1.0 - y, k);
    return sg_dd_round(sg_dd_add(sg_dd_from(1.0), sg_dd_neg(x)));
}
static inline sg_wide sg_smoothstep_inverse_wide(sg_wide y, sg_wide n) {
    /* Two Newton steps in binary128 from the float64 root. */
    int k = (int)n;
    if (k == 0 || y == 0 || y == 1 || y == 0.5) return y;
    int upper = y > 0.5;
    sg_wide target = upper ? 1 - y : y;
    sg_wide x = upper ? 1 - (sg_wide)sg_smoothstep_inverse((double)y, (double)n)
                      : (sg_wide)sg_smoothstep_inverse((double)y, (double)n);
    sg_wide kn = sg_smoothstep_k_wide(k);
    for (int iter = 0; iter < 2; iter++) {
        sg_wide s = sg_smoothstep_half_wide(x, k), d = kn;
        for (int i = 0; i < k; i++) d *= x * (1 - x);
        x -= (s - target) / d;
    }
    return upper ? 1 - x : x;
}

/* ------------------------------------------- log-CDF and log-survival
 * ALGORITHM
 *   log S: x <= 1/2 from the mantissa and exponent of S_half(x) (finite
 *   however small: log S_3(1e-300) = -2759.4), x > 1/2 as
 *   log1p(-S_half(1 - x)).  log(1 - S) mirrored: log1p(-S_half(x)) for
 *   x < 1/2, log S_half(1 - x) for x >= 1/2.
 * SPECIAL VALUES
 *   logcdf = -inf for x <= 0 (FE_DIVBYZERO for finite x, like log(0)),
 *   0 for x >= 1; logsf = 0 for x <= 0, -inf for x >= 1 (FE_DIVBYZERO for
 *   finite x); NaN -> NaN.
 * MEASURED: see KERNEL_ACCURACY.
 */
/* log1p(-S) rounded once for S = S_half(...) <= 1/2: below 2^-60 it is
 * -S (1 + S/2) to 2^-120, rounded from S's mantissa and exponent (S can be
 * far below the float range: log(1 - S_3(1e-300)) = -3.5e-1199 is -0). */
static inline double sg_smoothstep_log1m(sg_dde s) {
    if (s.m.hi == 0.0) return -0.0;
    if (s.e < -60) {
        double half = 0.5 * sg_dd_round(sg_dde_value(s));
        return -sg_ldexp_round(sg_dd_mul_d(s.m, 1.0 + half), s.e);
    }
    return sg_dd_round(sg_log1p_ddx(sg_dd_neg(sg_dde_value(s))));
}
static inline double sg_smoothstep_logcdf(double x, double n) {
    double out;
    if (sg_smoothstep_guard(x, n, &out)) return out;
    if (x == -INFINITY) return -INFINITY;
    if (x <= 0.0) return sg_pole(-1.0);
    if (x >= 1.0) return 0.0;
    int64_t k = (int64_t)n;
    if (x <= 0.5) return sg_dd_round(sg_dde_log(sg_smoothstep_half(x, k)));
    return sg_smoothstep_log1m(sg_smoothstep_half(1.0 - x, k));
}
static inline sg_wide sg_smoothstep_logcdf_wide(sg_wide x, sg_wide n) {
    int k = (int)n;
    if (x <= 0.5) return sg_wlog(sg_smoothstep_half_wide(x, k));
    return sg_wlog1p(-sg_smoothstep_half_wide(1 - x, k));
}
static inline double sg_smoothstep_logsf(double x, double n) {
    double out;
    if (sg_smoothstep_guard(x, n, &out)) return out;
    if (x == INFINITY) return -INFINITY;
    if (x >= 1.0) return sg_pole(-1.0);
    if (x <= 0.0) return 0.0;
    int64_t k = (int64_t)n;
    if (x >= 0.5) return sg_dd_round(sg_dde_log(sg_smoothstep_half(1.0 - x, k)));
    return sg_smoothstep_log1m(sg_smoothstep_half(x, k));
}
static inline sg_wide sg_smoothstep_logsf_wide(sg_wide x, sg_wide n) {
    int k = (int)n;
    if (x >= 0.5) return sg_wlog(sg_smoothstep_half_wide(1 - x, k));
    return sg_wlog1p(-sg_smoothstep_half_wide(x, k));
}

#endif /* SG_SMOOTHSTEP_H */
