/*
 * softmax.h -- softmax, log_softmax and logsumexp of a row, in double-double.
 *
 * The row companions of the logistic: softmax([z, 0])[0] = e^z/(e^z + 1) =
 * sigma(z), and a two-class softmax model is a logistic regression.
 *
 * ALGORITHM
 *   m = max x_j.  s = sum_j e^(x_j - m) = 1 + rest in double-double: each
 *   x_j - m is an exact two_sum, each e^(.) sg_exp_ddx (2^-102), the sum of
 *   the terms other than one maximal one dd additions (relative error about
 *   n 2^-104).  L = log s = log1p(rest) by sg_log1p_ddx (2^-100 relative,
 *   also when rest is tiny).  Then, for each element, t_j = (x_j - m) - L as a dd:
 *     log_softmax_j = t_j,   logsumexp = m + L,   softmax_j = e^(t_j),
 *   each rounded once to the output format: float64 through sg_ldexp_round
 *   (subnormal results rounded once), float32/float16 from a round-to-odd
 *   double of the dd.  With 2^-100 of headroom the results are the correctly
 *   rounded ones except within 2^-100 of a rounding boundary.  In
 *   particular softmax([z, 0])[0] = e^(z - log(1 + e^z)) is exactly sigma(z)
 *   and rounds to the same bits as sg.logistic(z).
 *   Nothing overflows: every exponent t_j <= 0 and m + L is rounded once.
 *
 * SPECIAL VALUES (a row is the set of elements along the axis)
 *   any NaN in the row        -> NaN everywhere in the row, quietly
 *   exactly one +inf          -> softmax one-hot (1 there, 0 elsewhere);
 *                                log_softmax 0 there, -inf elsewhere;
 *                                logsumexp +inf
 *   two or more +inf          -> NaN with FE_INVALID (inf - inf: no limit)
 *   every element -inf        -> softmax and log_softmax NaN with FE_INVALID
 *                                (0/0); logsumexp -inf with FE_DIVBYZERO
 *                                (log 0, as np.log(0))
 *   -inf elements among finite-> softmax 0, log_softmax -inf
 *   an empty row              -> logsumexp -inf with FE_DIVBYZERO (the
 *                                empty sum is 0)
 *
 * MEASURED (tests/test_softmax.py, against mpmath at 60 digits): 0 misrounded
 *   float64, float32 and float16 results on the test rows; softmax([z, 0])[0]
 *   equals sg.logistic(z) bit for bit on 4000 z spread over [-745, 40] in
 *   every dtype.  The fast passes (below) agree with this path bit for bit
 *   on every row of tests/test_softmax_fast.py (lengths 1 to 3000, spreads
 *   to 1e308) and with mpmath on rows of 300 to 1500.
 * SPEED (one row of 1e7, x a copy, 2 threads; docs/performance.md):
 *   softmax float32 24x, log_softmax 13x, logsumexp 6.8x (this path alone,
 *   one thread: 620x, 330x, 280x); float64 31x, 19x and 11x.  The float64
 *   (log-)softmax was 253x (and 224x for a row of N(0, 9)) while the
 *   elements the passes leave (about 1 in 2^7, sg_vf64_near_midpoint) were
 *   settled from this path's scan; the exact pass below gives them L to
 *   2^-100 at about 1.3x the cost of the fast rest pass it replaces.
 */
#ifndef SG_SOFTMAX_H
#define SG_SOFTMAX_H

#include "sg_math.h"
#include "sg_ddx.h"

typedef enum {
    SG_ROW_FINITE,    /* m finite: the general path */
    SG_ROW_NAN,       /* a NaN somewhere */
    SG_ROW_ONE_INF,   /* exactly one +inf, at index `hot` */
    SG_ROW_MANY_INF,  /* several +inf */
    SG_ROW_ALL_NEGINF /* every element -inf, or no element */
} sg_row_kind;

typedef struct {
    sg_row_kind kind;
    double max;     /* m */
    sg_dd log_sum;  /* L = log sum e^(x_j - m) */
    long long hot;  /* the +inf element (SG_ROW_ONE_INF) */
} sg_row;

/* The shared first pass: classify the row, find m and L. */
static inline sg_row sg_row_scan(const double *x, long long n) {
    sg_row row = {SG_ROW_ALL_NEGINF, -INFINITY, {0.0, 0.0}, -1};
    long long infinities = 0;
    for (long long j = 0; j < n; j++) {
        if (sg_isnan(x[j])) {
            row.kind = SG_ROW_NAN;
            return row;
        }
        if (x[j] == INFINITY) {
            infinities++;
            row.hot = j;
        }
        if (x[j] > row.max) row.max = x[j];
    }
    if (infinities == 1) { row.kind = SG_ROW_ONE_INF; return row; }
    if (infinities > 1) { row.kind = SG_ROW_MANY_INF; return row; }
    if (row.max == -INFINITY) return row;
    row.kind = SG_ROW_FINITE;
    /* L = log1p(rest), rest = the sum without one maximal term (which is
     * exactly 1): log of 1 + rest would keep only an absolute 2^-106, and
     * L = 3.6e-16 (log_softmax([35.55, 0])) needs it relative. */
    long long top = 0;
    while (x[top] != row.max) top++;
    sg_dd rest = {0.0, 0.0};
    for (long long j = 0; j < n; j++) {
        /* below e^-1500 a term cannot reach rest's 2^-106 (and x_j - m may
         * overflow to -inf for x_j = -1e308, m = 1e308): it is 0 */
        if (j == top || !(x[j] >= row.max - 1500.0)) continue;
        rest = sg_dd_add(rest, sg_exp_ddx(sg_two_sum(x[j], -row.max)));
    }
    row.log_sum = sg_log1p_ddx(rest);
    return row;
}

/* t_j = (x_j - m) - L as a dd (finite rows, finite x_j). */
static inline sg_dd sg_row_log_weight(const sg_row *row, double xj) {
    /* Both paths are computed and one selected (no early return): GCC,
     * once it inlined this into the row loop, evaluated the near path for
     * far elements too, and x_j - m overflowed for x_j = -1e308, m = 1e308
     * (a spurious overflow flag).  The near path now sees m in their place. */
    int far = !(xj >= row->max - 0x1p1000);
    /* far: L <= log n is nothing beside d = x_j - m.  Halved first, so that
     * a d beyond the range becomes -inf without an overflow flag (the
     * softmax there is a plain 0). */
    double half = 0.5 * xj - 0.5 * row->max;
    /* 2 half is formed only from a clamped copy (the select is evaluated
     * both ways too), so that it never overflows */
    double doubled = 2.0 * sg_clamp_between(half, -0x1.fffffffffffffp1022, 0x1.fffffffffffffp1022);
    sg_dd far_weight = {half < -0x1p1023 ? -INFINITY : doubled, 0.0};
    double xn = far ? row->max : xj;
    sg_dd t = sg_dd_sub_acc(sg_two_sum(xn, -row->max), row->log_sum);
    /* x_j - m can be exactly halfway between two doubles (their exponents
     * differ), and an L below the tail's last bit is then lost in t.lo:
     * t.hi + t.lo would be a tie that the true value is not.  Move t.lo one
     * step the way -L points, so that the one rounding of t goes the right
     * way (log_softmax of [-1047.65788522, 992.43452928, ...]). */
    /* 2|t.lo| against the ulp rather than |t.lo| against half of it: half
     * the smallest subnormal (t.hi = 0, a one-element row) would raise
     * underflow */
    double ulp = sg_from_bits(sg_bits(t.hi) + 1) - t.hi;
    if (2.0 * fabs(t.lo) == fabs(ulp) && row->log_sum.hi != 0.0)
        t.lo = nextafter(t.lo, row->log_sum.hi > 0 ? -INFINITY : INFINITY);
    return far ? far_weight : t;
}

/* logsumexp of the row as a dd (m + L), or the special value in .hi. */
static inline sg_dd sg_row_logsumexp(const sg_row *row) {
    sg_dd r = {0.0, 0.0};
    switch (row->kind) {
    case SG_ROW_FINITE: return sg_dd_add_acc(sg_dd_from(row->max), row->log_sum);
    case SG_ROW_NAN: r.hi = NAN; return r;
    case SG_ROW_ONE_INF:
    case SG_ROW_MANY_INF: r.hi = INFINITY; return r;
    case SG_ROW_ALL_NEGINF: r.hi = sg_pole(-1.0); return r;
    }
    return r;
}

/* The special value of element j of a non-finite row (kind != FINITE), for
 * softmax (log = 0) or log_softmax (log = 1). */
static inline double sg_row_special(const sg_row *row, long long j, double xj, int log) {
    switch (row->kind) {
    case SG_ROW_NAN: return NAN;
    case SG_ROW_ONE_INF:
        if (j == row->hot) return log ? 0.0 : 1.0;
        (void)xj;
        return log ? -INFINITY : 0.0;
    default: return sg_invalid();  /* several +inf, or all -inf: no value */
    }
}

/* What the fast passes (below, and _ufuncs.c's sg_row_fast_run) know of a
 * row between its passes. */
typedef struct {
    double max;               /* m */
    double log_hi, log_lo;    /* L = log sum e^(x_j - m) */
} sg_row_fast_consts;

#if defined(SG_VEC_TU)
/* ------------------------------------------- the fast row passes (sg_vec.h)
 * softmax, log_softmax and logsumexp of a row of float32 or float64 (x,
 * contiguous), for rows without NaN or +inf that are not all -inf:
 * ALGORITHM
 *   1. scan: m = max x_j, and whether the row holds a NaN or +inf (quiet
 *      comparisons: the scalar path takes such rows without a flag).  A
 *      long row is cut into parts, one per thread, for each pass
 *      (_ufuncs.c's sg_row_fast_run).
 *   2. rest = sum over j != top of e^(x_j - m) in double-double lanes,
 *      by one of three passes (which one: _ufuncs.c's sg_row_fast_run):
 *      FAST: x_j - m = d.hi + d.lo exactly (two_sum), each term 2^k (e.hi
 *      + e.lo)(1 + d.lo) from sg_vexp_dd_fine (about 2^-63), all terms
 *      positive, so rest is good to about 2^-63 of itself (the pairs' own
 *      sums add n 2^-106).  Terms below e^-640 are dropped and counted:
 *      they weigh under n 2^-923 against rest unless rest is itself below
 *      2^-800, where the caller takes the scalar path.
 *      QUICK (float32 log_softmax and logsumexp): each term e^(d.hi) (1 +
 *      d.lo) by sg_vexp (2^-47) in double, summed exactly in pairs; terms
 *      below e^-120 dropped (the scalar path if rest < 2^-60).
 *      EXACT: below.
 *      The caller forms L = log1p(rest) by sg_log1p_ddx (2^-100); L's
 *      absolute error is at most rest's relative error, and at most that
 *      of L relative (log1p(r) >= r/(1 + r)).
 *   3. each element: t = (d.hi + d.lo) - L as a pair, with d <= 0 and
 *      -L <= 0 (no cancellation: t has L's relative error);
 *      log_softmax = t; softmax = e^t:
 *      float64: 2^k (e.hi + e.lo)(1 + t.lo) from sg_vexp_dd_fine again,
 *      under 2^-61 in all after the fast or exact pass, settled by the
 *      float64 rounding test (sg_vf64_near_midpoint, 2^-61: about 1 lane
 *      in 2^7);
 *      float32: e^(t.hi) (1 + t.lo) by sg_vexp (2^-47) in double, under
 *      2^-45.9 in all after the quick pass, settled by the float32 one
 *      (sg_vf32_near_midpoint, 2^-44: 1 lane in 2^19; a log_softmax's bits
 *      below float32 are those of L, so its lanes come all or none per
 *      binade).  Where x_j - m is a float32 midpoint and L below its ULP,
 *      t.hi is that midpoint, which the test leaves.
 * LANES IT LEAVES to the scalar element functions (sg_row_log_weight and
 *   sg_exp_ddx): the near-midpoint lanes; results outside the normal
 *   range (softmax below e^-87 in float32 or e^-708 in float64,
 *   log_softmax below the smallest normal in magnitude, or beyond 2^127
 *   in float32); float64 x_j more than 2^1000 below m.  After the fast
 *   pass, they are first evaluated with its L (2^-62) and settled unless
 *   within 2^-58 of a rounding boundary (about 1 in 2^30 of them); what
 *   is left, and every lane left after the quick pass, from L to 2^-100.
 * EXACT PASS: rest again, each term to 2^-103 by sg_vexp_ddx_parts
 *   (sg_vec.h), summed in pairs, so that L = log1p(rest) has the scalar
 *   scan's 2^-100.  It drops terms below e^-600 (the caller hands the row
 *   to the scalar path when they could weigh: rest < 2^-700).  A float64
 *   (log-)softmax leaves 1 lane in 2^7, so its rows take this pass in
 *   place of the fast rest pass; other rows only when a lane was left that
 *   the fast pass's L cannot settle.
 * MEASURED (tests/test_softmax_fast.py, against mpmath at 300 bits): each
 *   term under 2^-104.6 (60k terms per variant, v3 and base), sums of rows
 *   of 77 to 2000 terms under 2^-100.
 * SPECIAL VALUES: x_j = -inf gives softmax 0 and log_softmax -inf; a
 *   softmax below half the smallest subnormal (t < -104 in float32, t <
 *   -746 in float64) is 0, and the pass reports it so that the caller
 *   raises "underflow" as the scalar path's rounding does.
 */

/* Terms below e^-640 (2^-923) are dropped from rest, so that their tails,
 * from 2^-90 of them up, stay normal: no sum raises "underflow". */
#define SG_ROW_DROP (-640.0)
/* The quick pass drops terms below e^-120 (sg_vexp's range is |y| <= 128);
 * the caller takes it only where they weigh under n 2^-113 of rest (rest >=
 * 2^-60). */
#define SG_ROW_F32_DROP (-120.0)
/* The exact pass drops terms below e^-600 (2^-865), so that their tails,
 * from 2^-110 of them up, stay normal; the caller takes it only where they
 * weigh under n 2^-165 of rest (rest >= 2^-700). */
#define SG_ROW_EXACT_DROP (-600.0)

/* x[i..i+SG_VL) as doubles, the lanes from n on set to -inf (which every
 * pass ignores: not a maximum, a zero term, a result no one reads). */
#define SG_ROW_DEFINE_VLOAD(width, type, load)                                                   \
    SG_VINLINE sg_vd sg_row_vload_##width(const void *x, long i, long n) {                       \
        const type *p = (const type *)x + i;                                                    \
        type pad[SG_VL];                                                                        \
        if (i + SG_VL > n) {                                                                    \
            for (int l = 0; l < SG_VL; l++) pad[l] = l < n - i ? p[l] : (type)-INFINITY;        \
            p = pad;                                                                            \
        }                                                                                       \
        return load(p);                                                                         \
    }
SG_VINLINE sg_vd sg_row_vd_of_floats(const float *p) { return sg_vd_of_vf(sg_vf_load(p)); }
SG_ROW_DEFINE_VLOAD(f32, float, sg_row_vd_of_floats)
SG_ROW_DEFINE_VLOAD(f64, double, sg_vd_load)

/* The lane indices base, base + 1, ... */
SG_VINLINE sg_vl sg_row_lane_index(long base) {
    sg_vl index;
    for (int l = 0; l < SG_VL; l++) index[l] = base + l;
    return index;
}

/* v with the lanes below 2^-900 in magnitude set to 0: beside the passes'
 * 2^-63 they weigh nothing, and a product of one (a subnormal x_j - m, or
 * its tail) would raise "underflow". */
SG_VINLINE sg_vd sg_row_vflush_below(sg_vd v, double limit) { return (sg_vd)((sg_vl)v & ~(sg_vd_abs(v) < limit)); }
SG_VINLINE sg_vd sg_row_vflush(sg_vd v) { return sg_row_vflush_below(v, 0x1p-900); }
/* e^y by sg_vexp_dd_fine, whose powers of r (r^4 in its Estrin scheme)
 * would underflow below 2^-255: there e^y is 1 to far beyond 2^-63, and y
 * below 2^-200 is taken as 0. */
SG_VINLINE sg_vexp_dd_t sg_row_vexp_dd(sg_vd y) { return sg_vexp_dd_fine(sg_row_vflush_below(y, 0x1p-200)); }

/* Pass 1 on one vector: the running maximum and the NaN / +inf lanes. */
SG_VINLINE void sg_row_vscan_step(sg_vd v, sg_vd *best, sg_vl *bad) {
    *bad |= sg_vd_above_or_nan(v, 0x1.fffffffffffffp1023);
    *best = sg_vd_select(sg_vd_above_or_nan_v(v, *best), v, *best);
}
/* The rest passes' common start on one vector: the lanes at and above
 * m + drop, less the row's top lane (index == top), which stands for 1;
 * the finite lanes below m + drop counted in *dropped; x - m as an exact
 * pair, 0 in the lanes that are not live. */
typedef struct { sg_vl live; sg_vdd d; } sg_row_rest_lanes_t;
SG_VINLINE sg_row_rest_lanes_t sg_row_vrest_lanes(sg_vd v, sg_vl index, double m, long top, double drop, sg_vl *dropped) {
    sg_vl live = sg_vd_at_least_or_nan(v, m + drop);
    *dropped -= ~live & ~(v == -INFINITY);
    live &= ~(index == top);
    return (sg_row_rest_lanes_t){ live, sg_vtwo_sum(sg_vd_select(live, v, sg_vd_splat(m)), -sg_vd_splat(m)) };
}
/* Pass 2 on one vector: adds the terms of the lanes at and above SG_ROW_DROP
 * (index != top) to acc; counts the finite lanes below it. */
SG_VINLINE void sg_row_vrest_step(sg_vd v, sg_vl index, double m, long top, sg_vdd *acc, sg_vl *dropped) {
    sg_row_rest_lanes_t lanes = sg_row_vrest_lanes(v, index, m, top, SG_ROW_DROP, dropped);
    sg_vl live = lanes.live;
    sg_vdd d = lanes.d;
    sg_vexp_dd_t e = sg_row_vexp_dd(d.hi);
    sg_vd scale = sg_vpow2(e.k);
    sg_vd term_hi = (sg_vd)((sg_vl)(e.e.hi * scale) & live);
    /* the tail scaled only from 2^-90 of e.hi up, so that it stays normal */
    sg_vd term_lo = (sg_vd)((sg_vl)(sg_row_vflush_below(e.e.lo + e.e.hi * sg_row_vflush(d.lo), 0x1p-90) * scale) & live);
    sg_vdd s = sg_vtwo_sum(acc->hi, term_hi);
    acc->hi = s.hi;
    acc->lo += s.lo + term_lo;
}

/* The exact pass (EXACT PASS above) on one vector: adds the terms of the
 * lanes at and above SG_ROW_EXACT_DROP (index != top) to acc, each to about
 * 2^-103 (sg_vexp_ddx_parts); counts the finite lanes below it. */
SG_VINLINE void sg_row_vexact_rest_step(sg_vd v, sg_vl index, double m, long top, sg_vdd *acc, sg_vl *dropped) {
    sg_row_rest_lanes_t lanes = sg_row_vrest_lanes(v, index, m, top, SG_ROW_EXACT_DROP, dropped);
    sg_vl live = lanes.live;
    sg_vdd d = lanes.d;
    /* parts below 2^-200 change e^d by less than 2^-200 of itself, and
     * their products could underflow */
    d = (sg_vdd){ sg_row_vflush_below(d.hi, 0x1p-200), sg_row_vflush_below(d.lo, 0x1p-200) };
    sg_vexp_ddx_t e = sg_vexp_ddx_parts(d);
    sg_vd scale = sg_vpow2(e.m);
    sg_vdd term = { (sg_vd)((sg_vl)(e.e.hi * scale) & live),
                    (sg_vd)((sg_vl)(sg_row_vflush_below(e.e.lo, 0x1p-110) * scale) & live) };
    *acc = sg_vdd_add(*acc, term);
}

/* The quick pass on one vector: the terms as doubles, e^(d.hi) (1
 * + d.lo) by sg_vexp (2^-47; d.lo^2 <= 2^-100), summed exactly in pairs;
 * lanes below SG_ROW_F32_DROP counted. */
SG_VINLINE void sg_row_vquick_rest_step(sg_vd v, sg_vl index, double m, long top, sg_vdd *acc, sg_vl *dropped) {
    sg_row_rest_lanes_t lanes = sg_row_vrest_lanes(v, index, m, top, SG_ROW_F32_DROP, dropped);
    sg_vl live = lanes.live;
    sg_vdd d = lanes.d;
    sg_vd term = (sg_vd)((sg_vl)(sg_vexp(d.hi) * (1.0 + d.lo)) & live);
    sg_vdd s = sg_vtwo_sum(acc->hi, term);
    acc->hi = s.hi;
    acc->lo += s.lo;
}

/* t = (x - m) - L as a normalised pair, and the lanes where x is -inf or
 * (float64) more than 2^1000 below m, computed as if x were m. */
typedef struct { sg_vdd t; sg_vl neg_inf, far; } sg_row_weight_t;
SG_VINLINE sg_row_weight_t sg_row_vweight(sg_vd v, const sg_row_fast_consts *c, double lower) {
    sg_vl neg_inf = v == -INFINITY;
    sg_vl far = ~sg_vd_at_least_or_nan(v, lower);
    sg_vdd d = sg_vtwo_sum(sg_vd_select(far, sg_vd_splat(c->max), v), -sg_vd_splat(c->max));
    sg_vdd t = sg_vtwo_sum(d.hi, -sg_vd_splat(c->log_hi));
    t = sg_vfast_two_sum(t.hi, t.lo + (sg_row_vflush(d.lo) - c->log_lo));
    t.lo = sg_row_vflush(t.lo);
    return (sg_row_weight_t){ t, neg_inf, far & ~neg_inf };
}
/* e^t for the pair t: 2^k q, q in [0.91, 1.9].  t.hi is clamped to -708, so
 * that 2^k q stays normal (no flag); the lanes below are hard or 0. */
typedef struct { sg_vdd q; sg_vd scale; } sg_row_exp_t;
SG_VINLINE sg_row_exp_t sg_row_vexp(sg_vdd t) {
    sg_vexp_dd_t e = sg_row_vexp_dd(sg_vd_max(t.hi, -708.0));
    sg_vdd q = sg_vfast_two_sum(e.e.hi, e.e.lo + e.e.hi * t.lo);
    return (sg_row_exp_t){ q, sg_vpow2(e.k) };
}

/* sg_row_fast_<name>_<width>_<suffix>: rest, the sum over the row of the
 * terms `step` adds to its lanes, and the count of the terms it dropped. */
#define SG_ROW_REST_DEFINE(name, width, step, suffix)                                             \
    void SG_FAST_NAME(sg_row_fast_##name##_##width##_, suffix)(const void *x, long n, double m, long top, \
                                                               double rest[2], long *dropped) {   \
        sg_vdd acc = { sg_vd_splat(0.0), sg_vd_splat(0.0) };                                        \
        sg_vl drop = { 0 };                                                                         \
        for (long i = 0; i < n; i += SG_VL)                                                         \
            step(sg_row_vload_##width(x, i, n), sg_row_lane_index(i), m, top, &acc, &drop);         \
        sg_dd sum = { 0.0, 0.0 };                                                                   \
        long count = 0;                                                                             \
        for (int l = 0; l < SG_VL; l++) {                                                           \
            sum = sg_dd_add(sum, (sg_dd){ acc.hi[l], acc.lo[l] });                                  \
            count += drop[l];                                                                       \
        }                                                                                           \
        rest[0] = sum.hi;                                                                           \
        rest[1] = sum.lo;                                                                           \
        *dropped = count;                                                                           \
    }

/* The three passes, for x of `type` (float or double): defines
 * sg_row_fast_scan_<width>, sg_row_fast_rest_<width> and
 * sg_row_fast_weights_<width> with the signatures _ufuncs.c declares. */
#define SG_ROW_FAST_DEFINE(width, type, suffix)                                                  \
    int SG_FAST_NAME(sg_row_fast_scan_##width##_, suffix)(const void *x, long n, double *max) {     \
        sg_vd best = sg_vd_splat(-INFINITY);                                                        \
        sg_vl bad = { 0 };                                                                          \
        for (long i = 0; i < n; i += SG_VL) sg_row_vscan_step(sg_row_vload_##width(x, i, n), &best, &bad); \
        if (sg_vl_any(bad)) return 0;                                                               \
        double m = best[0];                                                                         \
        for (int l = 1; l < SG_VL; l++) m = best[l] > m ? best[l] : m;                              \
        *max = m; /* -inf for a row (or part) of -inf */                                            \
        return 1;                                                                                   \
    }                                                                                               \
    SG_ROW_REST_DEFINE(rest, width, sg_row_vrest_step, suffix)                                  \
    SG_ROW_REST_DEFINE(quick_rest, width, sg_row_vquick_rest_step, suffix)                        \
    SG_ROW_REST_DEFINE(exact_rest, width, sg_row_vexact_rest_step, suffix)                      \
    long SG_FAST_NAME(sg_row_fast_weights_##width##_, suffix)(const void *x, void *out, long n,      \
                                                              const sg_row_fast_consts *c, int softmax, \
                                                              int32_t *hard, int *underflow) {     \
        double lower = (c->max > -0x1p1023 ? c->max : -0x1p1023) - 0x1p1000;                        \
        long count = 0;                                                                             \
        sg_vl zeros = { 0 };                                                                        \
        for (long i = 0; i < n; i += SG_VL) {                                                       \
            sg_row_weight_t w = sg_row_vweight(sg_row_vload_##width(x, i, n), c, lower);            \
            sg_vl hard_lanes;                                                                       \
            sg_vd result = sg_row_vresult(w, softmax, sizeof(type) == 4, &hard_lanes, &zeros);      \
            long valid = n - i < SG_VL ? n - i : SG_VL;                                             \
            type result_out[SG_VL];                                                                 \
            for (int l = 0; l < SG_VL; l++) result_out[l] = (type)result[l];                        \
            memcpy((type *)out + i, result_out, (size_t)valid * sizeof(type));                      \
            if (sg_vl_any(hard_lanes)) count = sg_collect_hard(hard_lanes, i, valid, hard, count);  \
        }                                                                                           \
        *underflow = sg_vl_any(zeros);                                                              \
        return count;                                                                               \
    }

/* One vector's results and hard lanes, for a float32 (f32) or float64
 * output (zeros: the lanes whose softmax underflowed to 0, for the
 * caller's flag).  The thresholds: a softmax is 0 below e^-104 (float32)
 * or e^-746 (float64), half the smallest subnormal; it is normal above
 * e^-87 or e^-708. */
SG_VINLINE sg_vd sg_row_vresult(sg_row_weight_t w, int softmax, int f32, sg_vl *hard, sg_vl *zeros) {
    sg_vd result;
    sg_vl hard_lanes;
    if (softmax) {
        sg_vl zero = sg_vd_below_or_nan(w.t.hi, f32 ? -104.0 : -746.0) | w.neg_inf;
        sg_vl subnormal = sg_vd_below_or_nan(w.t.hi, f32 ? -87.0 : -708.0) & ~zero;
        sg_vl near;
        if (f32) {
            /* e^(t.hi) (1 + t.lo): t.lo^2 <= 2^-92 */
            result = sg_vexp(sg_vd_max(w.t.hi, -104.5)) * (1.0 + w.t.lo);
            near = sg_vf32_near_midpoint(result);
        } else {
            sg_row_exp_t e = sg_row_vexp(w.t);
            result = e.q.hi * e.scale;
            near = sg_vf64_near_midpoint(e.q);
        }
        hard_lanes = w.far | subnormal | near;
        *zeros |= zero & ~w.neg_inf;
        result = (sg_vd)((sg_vl)result & ~zero);
    } else {
        sg_vd a = sg_vd_abs(w.t.hi);
        sg_vl nonzero = ~(a == 0.0);
        sg_vl out_of_range = f32 ? sg_vd_above_or_nan(a, 0x1p127) | (sg_vd_below_or_nan(a, 0x1p-126) & nonzero)
                                 : sg_vd_below_or_nan(a, 0x1p-1000) & nonzero;
        sg_vl near = (f32 ? sg_vf32_near_midpoint(w.t.hi) : sg_vf64_near_midpoint(w.t)) & nonzero;
        hard_lanes = w.far | out_of_range | near;
        result = sg_vd_select(w.neg_inf, sg_vd_splat(-INFINITY), w.t.hi);
    }
    *hard = hard_lanes & ~w.neg_inf;
    return (sg_vd)((sg_vl)result & ~*hard); /* no flag from a value no one reads */
}

#endif /* SG_VEC_TU */

#endif /* SG_SOFTMAX_H */
