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
 *   every dtype.
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

#endif /* SG_SOFTMAX_H */
