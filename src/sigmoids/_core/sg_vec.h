/*
 * sg_vec.h -- the explicit-SIMD layer of the float32 fast loops.
 *
 * Why it exists.  The kernels of the family headers are scalar C that GCC
 * auto-vectorises, and they carry everything a float64 result needs:
 * double-double steps, exp tables (read lane by lane on AVX2, which has no
 * cheap gather), clamps on the bits so that no lane raises a flag.  Even in
 * narrow mode the float32 logistic ran about 140 AVX2 instructions per 4
 * elements, 16 cycles per element on a 2-core AMD EPYC (Zen 1), 9x a copy
 * at 1e7 elements (torch.sigmoid: 1.9x).  A float32 result needs much
 * less: a double within 2^-44 of the truth, and a test that catches the
 * inputs whose value lies that close to a float32 rounding boundary.  The
 * fast kernels (one per function, in the family headers under SG_VEC_TU,
 * listed in SG_FAST_F32_TABLE below) do just that, a vector of lanes at a
 * time, and hand every lane they do not settle (NaN, infinities, results
 * outside the float32 normal range, values near a midpoint) back to the
 * certified scalar path of _ufuncs.c.  So they only have to be right where
 * they claim to be, and the exhaustive audit (tools/audit_float32.py
 * --narrow) compares their loop bit for bit with the certified one on all
 * 2^32 inputs.
 *
 * How it is compiled.  GCC/Clang generic vectors (vector_size) as wide as
 * the target's double registers: 8 lanes on AVX-512, 4 on AVX2, 2 on SSE2
 * and elsewhere (wider generic vectors cost more: GCC 12 keeps them on the
 * stack and lowered their comparisons lane by lane).  _fast.c is compiled
 * once per target (meson.build: x86-64-v4, x86-64-v3 and the baseline on
 * x86-64, the default target elsewhere) with contraction allowed, so a*b + c
 * becomes an fma where the target has one; the error bounds below hold with
 * and without.  _ufuncs.c picks the variant at import.
 *
 * Flags.  The caller saves the FP exception flags before a fast block and
 * restores them after it (sg_range_fast), so a kernel may clamp with
 * min/max and compare NaNs freely.  In exchange, a kernel must flag as hard
 * every lane whose correct result raises a flag other than "inexact"
 * (invalid, divide-by-zero, overflow, underflow): those lanes are redone by
 * the scalar path, which raises what the element itself should.  The lane
 * tests use predicates that are true for NaN (sg_vd_above_or_nan), so one
 * comparison leaves both the NaN lanes and the out-of-range ones.
 *
 * The rounding test (sg_vf32_near_midpoint).  A double q in the float32
 * normal range, with relative error at most 2^-44, rounds once to the
 * correctly rounded float32 unless its low 29 significand bits are within
 * SG_VEC_TOL_ULPS = 2^9 double ULPs of 2^28, the pattern of a float32
 * midpoint (24 fractional bits, the last one set).  Relative error eps puts
 * the truth within eps 2^53 ULPs of q (q < 2^(e+1), ULP = 2^(e-52)), so
 * 2^9 ULPs covers eps = 2^-44.  The kernels' errors are near 2^-47 (each
 * header says); one lane in 2^19 is flagged on random data.
 */
#ifndef SG_VEC_H
#define SG_VEC_H

#include <stdint.h>
#include <string.h>

/* The float32 kernels that have a fast loop: X(ufunc name). */
#define SG_FAST_F32_TABLE(X)                                                               \
    X(logistic) X(logistic_derivative) X(logistic_inverse) X(tanh_cdf) X(tanh_pdf)             \
    X(tanh_derivative) X(tanh_ppf) X(tanh_inverse) X(softplus) X(logistic_logcdf)              \
    X(logistic_logsf) X(tanh_logcdf) X(tanh_logsf) X(tanh) X(arctan) X(arctan_derivative)      \
    X(arctan_pdf) X(arctan_cdf) X(gudermannian) X(algebraic) X(algebraic_derivative)           \
    X(algebraic_pdf) X(algebraic_cdf) X(algebraic_inverse) X(algebraic_ppf) X(softsign)           \
    X(softsign_derivative) X(softsign_pdf) X(softsign_cdf) X(softsign_inverse) X(softsign_ppf)     \
    X(gudermannian_derivative) X(gudermannian_pdf) X(gudermannian_cdf) X(erf) X(erf_cdf)           \
    X(erf_derivative) X(erf_pdf) X(normal) X(normal_derivative) X(gompertz) X(cloglog)         \
    X(hard_sigmoid_logcdf) X(hard_sigmoid_logsf) X(hard_tanh_logcdf) X(hard_tanh_logsf)             \
    X(plan_logcdf) X(plan_logsf) X(softsign_logcdf) X(softsign_logsf) X(algebraic_logcdf)         \
    X(algebraic_logsf) X(gompertz_logcdf) X(cloglog_logsf) X(normal_logcdf) X(normal_logsf)      \
    X(erf_logcdf) X(erf_logsf) X(arctan_logcdf) X(arctan_logsf) X(gudermannian_logcdf)            \
    X(gudermannian_logsf) X(arctan_inverse) X(arctan_ppf) X(gudermannian_inverse) X(gudermannian_ppf) \
    X(erf_inverse) X(erf_ppf) X(normal_inverse) X(gompertz_inverse) X(cloglog_inverse) \
    X(gompertz_derivative) X(cloglog_derivative) X(gompertz_logsf) X(cloglog_logcdf)

/* The float64 kernels that have a fast loop (within the catalog's recorded
 * float64 error, measured by tools/measure_float64.py and the tests). */
#define SG_FAST_F64_TABLE(X) X(logistic) X(tanh) X(logistic_derivative) X(tanh_cdf) X(tanh_derivative) \
    X(tanh_pdf)

/* One fast loop: evaluates out[i] = f(x[i]) for i < n (n <= 2^31; x and
 * out float or double, as its table says) and writes the indices of the
 * lanes it did not settle (which it left with some value) into hard[];
 * returns their number.  It may raise any FP flag (see above). */
typedef long (*sg_fast_fn)(const void *x, void *out, long n, int32_t *hard);

#if defined(SG_VEC_TU)

#if defined(__AVX512F__)
#define SG_VL 8
#elif defined(__AVX__)
#define SG_VL 4
#else
#define SG_VL 2
#endif
#if defined(__SSE2__)
#include <immintrin.h>
#endif
#include "sg_log.h" /* SG_LOG_P and the split ln 2 (tools/gen_log.py) */

/* Every vector function is inlined: a call passes the vectors through
 * memory, and GCC left sg_softplus_vd, used by five kernels, a call (29
 * cycles per element instead of 14). */
#define SG_VINLINE static inline __attribute__((always_inline))

typedef float sg_vf __attribute__((vector_size(4 * SG_VL)));
typedef double sg_vd __attribute__((vector_size(8 * SG_VL)));
typedef int64_t sg_vl __attribute__((vector_size(8 * SG_VL)));
typedef uint64_t sg_vu __attribute__((vector_size(8 * SG_VL)));

/* BEGIN GENERATED by tools/gen_vec.py: do not edit by hand */
/* P(r) on [-0.34691204, 0.34691204], degree 8: e^r = 1 + r + r^2 P(r) to
 * 2^-49.59 and e^r - 1 = r + r^2 P(r) to 2^-48.32 (relative), before rounding. */
#define SG_VEXP_DEGREE 8
static const double SG_VEXP_P[9] = {
    0x1.0000000000000p-1,
    0x1.5555555553b49p-3,
    0x1.5555555554ca7p-5,
    0x1.1111111c56b1dp-7,
    0x1.6c16c1739a0bep-10,
    0x1.a019ad57d7672p-13,
    0x1.a019c9730de52p-16,
    0x1.72c7955723cd3p-19,
    0x1.288086e30de06p-22,
};
static const double SG_VEXP_INV_LN2 = 0x1.71547652b82fep+0;
static const double SG_VEXP_LN2 = 0x1.62e42fefa39efp-1;
/* The float64 loops' P, degree 10: e^r - 1 - r = r^2 P(r) to 2^-61.46 of e^r. */
static const double SG_VEXP64_P[11] = {
    0x1.0000000000000p-1,
    0x1.5555555555557p-3,
    0x1.5555555555556p-5,
    0x1.11111111100bep-7,
    0x1.6c16c16c162c3p-10,
    0x1.a01a01abf7ed6p-13,
    0x1.a01a01a6e1a43p-16,
    0x1.71de01ff19a6bp-19,
    0x1.27e4db47938d1p-22,
    0x1.af4e5274a366cp-26,
    0x1.1f733f411b727p-29,
};
/* The float64 logistic's exponential: y = k ln2/4 + r, |r| <= ln2/8 (1 + 2^-10),
 * e^y = 2^(k>>2) 2^((k&3)/4) e^r, P of degree 8: e^r - 1 - r = r^2 P(r) to 2^-67.54 of e^r. */
static const double SG_VEXP4_P[9] = {
    0x1.0000000000000p-1,
    0x1.5555555555555p-3,
    0x1.5555555555555p-5,
    0x1.1111111111c52p-7,
    0x1.6c16c16c17397p-10,
    0x1.a01a014bf0808p-13,
    0x1.a01a0167fe883p-16,
    0x1.71eccbf8fd86ep-19,
    0x1.27eeb1de01b7cp-22,
};
static const double SG_VEXP4_INV = 0x1.71547652b82fep+2;    /* 4/ln2 */
/* ln2/4 = hi + lo, hi with 40 significant bits: k hi is exact for |k| < 2^13. */
static const double SG_VEXP4_HI = 0x1.62e42fefa4000p-3;
static const double SG_VEXP4_LO = -0x1.8432a1b0e2634p-45;
/* 2^(j/4) = hi + lo */
static const double SG_VEXP4_T_HI[4] = {0x1.0000000000000p+0, 0x1.306fe0a31b715p+0, 0x1.6a09e667f3bcdp+0, 0x1.ae89f995ad3adp+0};
static const double SG_VEXP4_T_LO[4] = {0x0.0p+0, 0x1.6f46ad23182e4p-55, -0x1.bdd3413b26456p-54, 0x1.7a1cd345dcc81p-54};
/* Q(z) on [0, 0.039643445] (|t| <= tan(pi/16) (1 + 2^-10)), degree 6: atan t = t + t^3 Q(t^2)
 * to 2^-54.53 (relative), before rounding. */
static const double SG_VATAN_Q[7] = {
    -0x1.5555555555544p-2,
    0x1.9999999984557p-3,
    -0x1.24924902fb55dp-3,
    0x1.c71c49ea066e2p-4,
    -0x1.7451cb8a4505ep-4,
    0x1.396cd715a269dp-4,
    -0x1.e405e937abba7p-5,
};
/* The middle centre c = tan(pi/8) rounded to double, and atan(c) of that double:
 * the identity atan u = atan c + atan((u - c)/(1 + u c)) holds for any c. */
static const double SG_VATAN_C1 = 0x1.a827999fcef32p-2;
static const double SG_VATAN_ATAN_C1 = 0x1.921fb54442d18p-2;
/* The bounds of the three regions: tan(pi/16) and tan(3 pi/16). */
static const double SG_VATAN_T1 = 0x1.975f5e0553158p-3;
static const double SG_VATAN_T2 = 0x1.561b82ab7f990p-1;
static const double SG_VATAN_PI_4 = 0x1.921fb54442d18p-1;
static const double SG_VATAN_PI_2 = 0x1.921fb54442d18p+0;
static const double SG_VATAN_INV_PI = 0x1.45f306dc9c883p-2;
/* sin r = r + r^3 S(r^2) (degree 5) and cos r = 1 + r^2 C(r^2) (degree 6) on [0, 0.78616515]:
 * 2^-55.45 and 2^-60.15 (relative), before rounding. */
static const double SG_VTAN_S[6] = {
    -0x1.5555555555555p-3,
    0x1.1111111110ba5p-7,
    -0x1.a01a019e807cdp-13,
    0x1.71de37926b606p-19,
    -0x1.ae6006b8b80f8p-26,
    0x1.5e098ed3c85fep-33,
};
static const double SG_VTAN_C[7] = {
    -0x1.0000000000000p-1,
    0x1.5555555555551p-5,
    -0x1.6c16c16c15d54p-10,
    0x1.a01a019ddcbe5p-16,
    -0x1.27e4f8e0c63d1p-22,
    0x1.1eea7c16d762cp-29,
    -0x1.8ff80740b819dp-37,
};
/* pi, and pi/2 - SG_VATAN_PI_2 (the double pi/2 falls short by this) */
static const double SG_VTAN_PI_HI = 0x1.921fb54442d18p+1;
static const double SG_VTAN_PI_2_LO = 0x1.1a62633145c07p-54;
/* The starting point of sg_verfinv, with w = -log(1 - a^2) and s = sqrt(w):
 * w in [0.0, 4.0): erfinv(a)/a = P(w - 2.0), 2^-25.62 relative
 * s in [2.0, 4.0): erfinv(a) = P(s - 3.0), 2^-26.23 relative
 * s in [4.0, 9.7): erfinv(a) = P(s - 6.85), 2^-24.11 relative
 * SG_VERFINV_P[i][j] is coefficient i of piece j (a fourth column repeats the third). */
static const double SG_VERFINV_C[4] = {0x1.0000000000000p+1, 0x1.8000000000000p+1, 0x1.b666666666666p+2, 0x1.b666666666666p+2};
#define SG_VERFINV_COEFFICIENTS 9
static const double SG_VERFINV_P[9][4] = {
    {0x1.60912d150286bp+0, 0x1.6a994164559dbp+1, 0x1.adef1aa61f46ap+2, 0x1.adef1aa61f46ap+2},
    {0x1.ff867363712bfp-3, 0x1.00ae7c1721b67p+0, 0x1.023d731b6ed54p+0, 0x1.023d731b6ed54p+0},
    {-0x1.01f7d0d787aaep-9, 0x1.c07ff5fabc9b1p-8, -0x1.0dd5547cff30fp-11, -0x1.0dd5547cff30fp-11},
    {-0x1.bbab67d86d771p-10, -0x1.c39d87e836869p-9, 0x1.b5e66615f6b98p-20, 0x1.b5e66615f6b98p-20},
    {0x1.c4d43c881f927p-13, 0x1.2bea78983589dp-10, 0x1.f5b69ebe7bfc8p-18, 0x1.f5b69ebe7bfc8p-18},
    {0x1.0825a06421d5ap-17, -0x1.cd152696906e4p-13, -0x1.bd293d15d73e5p-20, -0x1.bd293d15d73e5p-20},
    {-0x1.4669b5096265ep-18, -0x1.6471b30558581p-15, 0x1.692c64be29c2ep-22, 0x1.692c64be29c2ep-22},
    {0x1.cefcead1e3ef4p-23, 0x1.d3a2334f3ac0bp-15, -0x1.c8a2624ba333ap-24, -0x1.c8a2624ba333ap-24},
    {0x1.1aad8db0220f1p-24, -0x1.11ef1e726c3fdp-16, 0x1.20130c32beae3p-26, 0x1.20130c32beae3p-26},
};
/* erf x = x S(x^2) for |x| < 0.75, S of degree 9: 2^-52.86 relative. */
static const double SG_VERF_S[10] = {
    0x1.20dd750429b6dp+0,
    -0x1.812746b03781cp-2,
    0x1.ce2f21a028706p-4,
    -0x1.b82ce3092b639p-6,
    0x1.565bcb5c6d8cdp-8,
    -0x1.c02d599644583p-11,
    0x1.f997a7487ba3ap-14,
    -0x1.f3e98f3119464p-17,
    0x1.aeac018a0c68bp-20,
    -0x1.10e9591dea955p-23,
};
/* erf x = 1 - e^(-x^2) R_j(x - c_j) on three pieces, R_j of degree 12 fitted to erfcx:
 * [0.75, 1.5), c = 1.125: 2^-48.96 relative in erf
 * [1.5, 2.5), c = 2.0: 2^-51.32 relative in erf
 * [2.5, 4.0), c = 3.25: 2^-55.3 relative in erf
 * SG_VERF_R[i][j] is coefficient i of piece j (a fourth column repeats the
 * third, so that a row is one AVX2 register). */
static const double SG_VERF_C[4] = {0x1.2000000000000p+0, 0x1.0000000000000p+1, 0x1.a000000000000p+1, 0x1.a000000000000p+1};
static const double SG_VERF_R[13][4] = {
    {0x1.9531e09b149b5p-2, 0x1.058671b52c776p-2, 0x1.54a7a08d4bb45p-3, 0x1.54a7a08d4bb45p-3},
    {-0x1.e78b3567705dbp-3, -0x1.b57034efd2a95p-4, -0x1.82a8522b8085ap-5, -0x1.82a8522b8085ap-5},
    {0x1.05e72521c9ec1p-3, 0x1.5672b9ea13330p-5, 0x1.a7eddc9ee13f4p-7, 0x1.a7eddc9ee13f4p-7},
    {-0x1.01343a2d87bcap-4, -0x1.fa9d3acde5899p-7, -0x1.c24b49d72e8e6p-9, -0x1.c24b49d72e8e6p-9},
    {0x1.d4e711a4069c4p-6, 0x1.64907217fb2a1p-8, 0x1.d0858589ac63fp-11, 0x1.d0858589ac63fp-11},
    {-0x1.910a5bc7ec360p-7, -0x1.e028e4176b074p-10, -0x1.d25eab0a8c236p-13, -0x1.d25eab0a8c236p-13},
    {0x1.446c5060d67e6p-8, 0x1.369ff7b13e5b8p-11, 0x1.c882e25196803p-15, 0x1.c882e25196803p-15},
    {-0x1.f38db89dceaabp-10, -0x1.838413c89d636p-13, -0x1.b4634de5c771ap-17, -0x1.b4634de5c771ap-17},
    {0x1.6fda6cae08817p-11, 0x1.d37da509fa8fep-15, 0x1.97e2b7660f7f1p-19, 0x1.97e2b7660f7f1p-19},
    {-0x1.03e10c7ec7c33p-12, -0x1.10f5ad8d60fcbp-16, -0x1.741470db667dap-21, -0x1.741470db667dap-21},
    {0x1.622ab9288d08fp-14, 0x1.362d57ea40bc2p-18, 0x1.4dc9ba062610dp-23, 0x1.4dc9ba062610dp-23},
    {-0x1.e84683e2f8b8ap-16, -0x1.6bea78b6157aap-20, -0x1.40787ccce2c96p-25, -0x1.40787ccce2c96p-25},
    {0x1.368ff538a2f33p-17, 0x1.874b39ec0d991p-22, 0x1.1418eb0e0e3bfp-27, 0x1.1418eb0e0e3bfp-27},
};
static const double SG_VERF_SMALL = 0x1.8000000000000p-1;
static const double SG_VERF_BOUND_1 = 0x1.8000000000000p+0;
static const double SG_VERF_BOUND_2 = 0x1.4000000000000p+1;
/* erfc x = e^(-x^2) G_j(x - c_j)/x on four pieces, G_j of degree 16 fitted to x erfcx(x):
 * [0.75, 1.75), c = 1.25: 2^-53.41 relative
 * [1.75, 3.25), c = 2.5: 2^-53.43 relative
 * [3.25, 5.5), c = 4.375: 2^-53.2 relative
 * [5.5, 9.5), c = 7.5: 2^-51.79 relative
 * SG_VERFC_G[i][j] is coefficient i of piece j. */
static const double SG_VERFC_C[4] = {0x1.4000000000000p+0, 0x1.4000000000000p+1, 0x1.1800000000000p+2, 0x1.e000000000000p+2};
static const double SG_VERFC_G[17][4] = {
    {0x1.d6d0369869419p-2, 0x1.0dd50785280a5p-1, 0x1.19d847462cc61p-1, 0x1.1e5cec58b4786p-1},
    {0x1.b56f45eef7e50p-4, 0x1.98958a7a8e458p-6, 0x1.7f51652a462a8p-8, 0x1.4d07bba6008efp-10},
    {-0x1.348a84149b81dp-4, -0x1.894b0b1c0ecd8p-7, -0x1.e0a68d8ff5f62p-10, -0x1.01a2b9dfc185ap-12},
    {0x1.68a25a6642adfp-5, 0x1.435c04e20e0cbp-8, 0x1.06bf9a35289f1p-11, 0x1.5f8a69cae8a16p-15},
    {-0x1.73fbc48c77531p-6, -0x1.e0c422d62dbbap-10, -0x1.086bc304a51d3p-13, -0x1.be3bea4eac6fbp-18},
    {0x1.5d48f03f68f4ep-7, 0x1.4be7cdd6f264bp-11, 0x1.f614f8f8758ffp-16, 0x1.0dd7a0858313fp-20},
    {-0x1.301a50227b33fp-8, -0x1.b0199f21853bcp-13, -0x1.c7c6e012d41fep-18, -0x1.3af3231d500d1p-23},
    {0x1.f0fe7036a6b8bp-10, 0x1.0bcba4d1b6ac8p-14, 0x1.8ee2d7448bea5p-20, 0x1.657f66e29d179p-26},
    {-0x1.80788d0deea6bp-11, -0x1.3e2b30ebb5068p-16, -0x1.526cde0e91ec4p-22, -0x1.8ca0a2d950adcp-29},
    {0x1.1b6606c457777p-12, 0x1.6c234a627ee57p-18, 0x1.1770ed6d9faecp-24, 0x1.af8eac5ea066dp-32},
    {-0x1.901abb4bfcefep-14, -0x1.92fbd0b5fa4f6p-20, -0x1.c27347a38866cp-27, -0x1.cdc0187a74aa6p-35},
    {0x1.0f98d810e6442p-15, 0x1.b0ad820be4ff3p-22, 0x1.63699d6686b75p-29, 0x1.e7d573d9a60f7p-38},
    {-0x1.63affb8f2284ep-17, -0x1.c3875fc8764a0p-24, -0x1.12a2a874bf366p-31, -0x1.fb341850eb7fcp-41},
    {0x1.c0ed4471776a6p-19, 0x1.c708616b35cc2p-26, 0x1.9a2c9c178cb5cp-34, 0x1.f55f93203a4a1p-44},
    {-0x1.13e079c171d11p-20, -0x1.c3e22931d49c9p-28, -0x1.3203f7454d8cep-36, -0x1.fddb070326fbbp-47},
    {0x1.68ba39742942bp-22, 0x1.f882e31205454p-30, 0x1.0ee6c2b6e9ac7p-38, 0x1.5986bf21fb0fep-49},
    {-0x1.a1693d3f5b912p-24, -0x1.dc7e7a4325155p-32, -0x1.853aaf7395cbap-41, -0x1.55f72cc9829afp-52},
};
static const double SG_VERFC_BOUNDS[3] = {0x1.c000000000000p+0, 0x1.a000000000000p+1, 0x1.6000000000000p+2};
/* sg_vexp_ddx_parts: y = k ln2/256 + r, ln2/256 = HI + LO + LO2 (HI and LO of 34 and 35
 * significant bits), |r| <= ln2/512 (1 + 2^-10), e^r - 1 to degree 9: truncation 2^-117.1 of e^r. */
#define SG_VEXPX_SIZE 256
static const double SG_VEXPX_INV = 0x1.71547652b82fep+8;
static const double SG_VEXPX_HI = 0x1.62e42fef80000p-9;
static const double SG_VEXPX_LO = 0x1.1cf79abc80000p-44;
static const double SG_VEXPX_LO2 = 0x1.e3b39803f2f6bp-80;
/* 1/6 and 1/24 as pairs; 1/5! ... 1/9! */
static const double SG_VEXPX_C3[2] = {0x1.5555555555555p-3, 0x1.5555555555555p-57};
static const double SG_VEXPX_C4[2] = {0x1.5555555555555p-5, 0x1.5555555555555p-59};
static const double SG_VEXPX_TAIL[5] = {0x1.1111111111111p-7, 0x1.6c16c16c16c17p-10, 0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-16, 0x1.71de3a556c734p-19};
/* 2^(j/256) = SG_VEXPX_T_HI[j] + SG_VEXPX_T_LO[j] */
static const double SG_VEXPX_T_HI[256] = {
    0x1.0000000000000p+0, 0x1.00b1afa5abcbfp+0, 0x1.0163da9fb3335p+0, 0x1.02168143b0281p+0,
    0x1.02c9a3e778061p+0, 0x1.037d42e11bbccp+0, 0x1.04315e86e7f85p+0, 0x1.04e5f72f654b1p+0,
    0x1.059b0d3158574p+0, 0x1.0650a0e3c1f89p+0, 0x1.0706b29ddf6dep+0, 0x1.07bd42b72a836p+0,
    0x1.0874518759bc8p+0, 0x1.092bdf66607e0p+0, 0x1.09e3ecac6f383p+0, 0x1.0a9c79b1f3919p+0,
    0x1.0b5586cf9890fp+0, 0x1.0c0f145e46c85p+0, 0x1.0cc922b7247f7p+0, 0x1.0d83b23395decp+0,
    0x1.0e3ec32d3d1a2p+0, 0x1.0efa55fdfa9c5p+0, 0x1.0fb66affed31bp+0, 0x1.1073028d7233ep+0,
    0x1.11301d0125b51p+0, 0x1.11edbab5e2ab6p+0, 0x1.12abdc06c31ccp+0, 0x1.136a814f204abp+0,
    0x1.1429aaea92de0p+0, 0x1.14e95934f312ep+0, 0x1.15a98c8a58e51p+0, 0x1.166a45471c3c2p+0,
    0x1.172b83c7d517bp+0, 0x1.17ed48695bbc0p+0, 0x1.18af9388c8deap+0, 0x1.1972658375d2fp+0,
    0x1.1a35beb6fcb75p+0, 0x1.1af99f8138a1cp+0, 0x1.1bbe084045cd4p+0, 0x1.1c82f95281c6bp+0,
    0x1.1d4873168b9aap+0, 0x1.1e0e75eb44027p+0, 0x1.1ed5022fcd91dp+0, 0x1.1f9c18438ce4dp+0,
    0x1.2063b88628cd6p+0, 0x1.212be3578a819p+0, 0x1.21f49917ddc96p+0, 0x1.22bdda27912d1p+0,
    0x1.2387a6e756238p+0, 0x1.2451ffb82140ap+0, 0x1.251ce4fb2a63fp+0, 0x1.25e85711ece75p+0,
    0x1.26b4565e27cddp+0, 0x1.2780e341ddf29p+0, 0x1.284dfe1f56381p+0, 0x1.291ba7591bb70p+0,
    0x1.29e9df51fdee1p+0, 0x1.2ab8a66d10f13p+0, 0x1.2b87fd0dad990p+0, 0x1.2c57e39771b2fp+0,
    0x1.2d285a6e4030bp+0, 0x1.2df961f641589p+0, 0x1.2ecafa93e2f56p+0, 0x1.2f9d24abd886bp+0,
    0x1.306fe0a31b715p+0, 0x1.31432edeeb2fdp+0, 0x1.32170fc4cd831p+0, 0x1.32eb83ba8ea32p+0,
    0x1.33c08b26416ffp+0, 0x1.3496266e3fa2dp+0, 0x1.356c55f929ff1p+0, 0x1.36431a2de883bp+0,
    0x1.371a7373aa9cbp+0, 0x1.37f26231e754ap+0, 0x1.38cae6d05d866p+0, 0x1.39a401b7140efp+0,
    0x1.3a7db34e59ff7p+0, 0x1.3b57fbfec6cf4p+0, 0x1.3c32dc313a8e5p+0, 0x1.3d0e544ede173p+0,
    0x1.3dea64c123422p+0, 0x1.3ec70df1c5175p+0, 0x1.3fa4504ac801cp+0, 0x1.40822c367a024p+0,
    0x1.4160a21f72e2ap+0, 0x1.423fb2709468ap+0, 0x1.431f5d950a897p+0, 0x1.43ffa3f84b9d4p+0,
    0x1.44e086061892dp+0, 0x1.45c2042a7d232p+0, 0x1.46a41ed1d0057p+0, 0x1.4786d668b3237p+0,
    0x1.486a2b5c13cd0p+0, 0x1.494e1e192aed2p+0, 0x1.4a32af0d7d3dep+0, 0x1.4b17dea6db7d7p+0,
    0x1.4bfdad5362a27p+0, 0x1.4ce41b817c114p+0, 0x1.4dcb299fddd0dp+0, 0x1.4eb2d81d8abffp+0,
    0x1.4f9b2769d2ca7p+0, 0x1.508417f4531eep+0, 0x1.516daa2cf6642p+0, 0x1.5257de83f4eefp+0,
    0x1.5342b569d4f82p+0, 0x1.542e2f4f6ad27p+0, 0x1.551a4ca5d920fp+0, 0x1.56070dde910d2p+0,
    0x1.56f4736b527dap+0, 0x1.57e27dbe2c4cfp+0, 0x1.58d12d497c7fdp+0, 0x1.59c0827ff07ccp+0,
    0x1.5ab07dd485429p+0, 0x1.5ba11fba87a03p+0, 0x1.5c9268a5946b7p+0, 0x1.5d84590998b93p+0,
    0x1.5e76f15ad2148p+0, 0x1.5f6a320dceb71p+0, 0x1.605e1b976dc09p+0, 0x1.6152ae6cdf6f4p+0,
    0x1.6247eb03a5585p+0, 0x1.633dd1d1929fdp+0, 0x1.6434634ccc320p+0, 0x1.652b9febc8fb7p+0,
    0x1.6623882552225p+0, 0x1.671c1c70833f6p+0, 0x1.68155d44ca973p+0, 0x1.690f4b19e9538p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6b052fa75173ep+0, 0x1.6c012750bdabfp+0, 0x1.6cfdcddd47645p+0,
    0x1.6dfb23c651a2fp+0, 0x1.6ef9298593ae5p+0, 0x1.6ff7df9519484p+0, 0x1.70f7466f42e87p+0,
    0x1.71f75e8ec5f74p+0, 0x1.72f8286ead08ap+0, 0x1.73f9a48a58174p+0, 0x1.74fbd35d7cbfdp+0,
    0x1.75feb564267c9p+0, 0x1.77024b1ab6e09p+0, 0x1.780694fde5d3fp+0, 0x1.790b938ac1cf6p+0,
    0x1.7a11473eb0187p+0, 0x1.7b17b0976cfdbp+0, 0x1.7c1ed0130c132p+0, 0x1.7d26a62ff86f0p+0,
    0x1.7e2f336cf4e62p+0, 0x1.7f3878491c491p+0, 0x1.80427543e1a12p+0, 0x1.814d2add106d9p+0,
    0x1.82589994cce13p+0, 0x1.8364c1eb941f7p+0, 0x1.8471a4623c7adp+0, 0x1.857f4179f5b21p+0,
    0x1.868d99b4492edp+0, 0x1.879cad931a436p+0, 0x1.88ac7d98a6699p+0, 0x1.89bd0a478580fp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8be05bad61778p+0, 0x1.8cf3216b5448cp+0, 0x1.8e06a5e0866d9p+0,
    0x1.8f1ae99157736p+0, 0x1.902fed0282c8ap+0, 0x1.9145b0b91ffc6p+0, 0x1.925c353aa2fe2p+0,
    0x1.93737b0cdc5e5p+0, 0x1.948b82b5f98e5p+0, 0x1.95a44cbc8520fp+0, 0x1.96bdd9a7670b3p+0,
    0x1.97d829fde4e50p+0, 0x1.98f33e47a22a2p+0, 0x1.9a0f170ca07bap+0, 0x1.9b2bb4d53fe0dp+0,
    0x1.9c49182a3f090p+0, 0x1.9d674194bb8d5p+0, 0x1.9e86319e32323p+0, 0x1.9fa5e8d07f29ep+0,
    0x1.a0c667b5de565p+0, 0x1.a1e7aed8eb8bbp+0, 0x1.a309bec4a2d33p+0, 0x1.a42c980460ad8p+0,
    0x1.a5503b23e255dp+0, 0x1.a674a8af46052p+0, 0x1.a799e1330b358p+0, 0x1.a8bfe53c12e59p+0,
    0x1.a9e6b5579fdbfp+0, 0x1.ab0e521356ebap+0, 0x1.ac36bbfd3f37ap+0, 0x1.ad5ff3a3c2774p+0,
    0x1.ae89f995ad3adp+0, 0x1.afb4ce622f2ffp+0, 0x1.b0e07298db666p+0, 0x1.b20ce6c9a8952p+0,
    0x1.b33a2b84f15fbp+0, 0x1.b468415b749b1p+0, 0x1.b59728de5593ap+0, 0x1.b6c6e29f1c52ap+0,
    0x1.b7f76f2fb5e47p+0, 0x1.b928cf22749e4p+0, 0x1.ba5b030a1064ap+0, 0x1.bb8e0b79a6f1fp+0,
    0x1.bcc1e904bc1d2p+0, 0x1.bdf69c3f3a207p+0, 0x1.bf2c25bd71e09p+0, 0x1.c06286141b33dp+0,
    0x1.c199bdd85529cp+0, 0x1.c2d1cd9fa652cp+0, 0x1.c40ab5fffd07ap+0, 0x1.c544778fafb22p+0,
    0x1.c67f12e57d14bp+0, 0x1.c7ba88988c933p+0, 0x1.c8f6d9406e7b5p+0, 0x1.ca3405751c4dbp+0,
    0x1.cb720dcef9069p+0, 0x1.ccb0f2e6d1675p+0, 0x1.cdf0b555dc3fap+0, 0x1.cf3155b5bab74p+0,
    0x1.d072d4a07897cp+0, 0x1.d1b532b08c968p+0, 0x1.d2f87080d89f2p+0, 0x1.d43c8eacaa1d6p+0,
    0x1.d5818dcfba487p+0, 0x1.d6c76e862e6d3p+0, 0x1.d80e316c98398p+0, 0x1.d955d71ff6075p+0,
    0x1.da9e603db3285p+0, 0x1.dbe7cd63a8315p+0, 0x1.dd321f301b460p+0, 0x1.de7d5641c0658p+0,
    0x1.dfc97337b9b5fp+0, 0x1.e11676b197d17p+0, 0x1.e264614f5a129p+0, 0x1.e3b333b16ee12p+0,
    0x1.e502ee78b3ff6p+0, 0x1.e653924676d76p+0, 0x1.e7a51fbc74c83p+0, 0x1.e8f7977cdb740p+0,
    0x1.ea4afa2a490dap+0, 0x1.eb9f4867cca6ep+0, 0x1.ecf482d8e67f1p+0, 0x1.ee4aaa2188510p+0,
    0x1.efa1bee615a27p+0, 0x1.f0f9c1cb6412ap+0, 0x1.f252b376bba97p+0, 0x1.f3ac948dd7274p+0,
    0x1.f50765b6e4540p+0, 0x1.f6632798844f8p+0, 0x1.f7bfdad9cbe14p+0, 0x1.f91d802243c89p+0,
    0x1.fa7c1819e90d8p+0, 0x1.fbdba3692d514p+0, 0x1.fd3c22b8f71f1p+0, 0x1.fe9d96b2a23d9p+0,
};
static const double SG_VEXPX_T_LO[256] = {
    0x0.0p+0, -0x1.4f6b2a7609f71p-55, 0x1.b61299ab8cdb7p-54, -0x1.2bf310fc54eb6p-55,
    -0x1.19083535b085dp-56, 0x1.56811eeade11ap-57, -0x1.0a31c1977c96ep-54, 0x1.4c3793aa0d08dp-55,
    0x1.d73e2a475b465p-55, -0x1.5cb7b5799c397p-54, -0x1.c91dfe2b13c27p-55, 0x1.3233454458700p-55,
    0x1.186be4bb284ffp-57, -0x1.68063800a3fd1p-54, 0x1.1487818316136p-54, 0x1.5d16c873d1d38p-55,
    0x1.8a62e4adc610bp-54, 0x1.4f98906d21cefp-54, 0x1.01edc16e24f71p-54, -0x1.bc14de43f316ap-54,
    0x1.03a1727c57b53p-59, -0x1.49db9bc54021bp-54, -0x1.b9bedc44ebd7bp-57, 0x1.d46eb1692fdd5p-55,
    -0x1.6c51039449b3ap-54, -0x1.ca454f703fb72p-54, -0x1.1b514b36ca5c7p-58, -0x1.7108fba48dcf0p-57,
    -0x1.32fbf9af1369ep-54, -0x1.b91e839bf44abp-55, 0x1.2406ab9eeab0ap-55, 0x1.8f23b82ea1a32p-58,
    -0x1.19041b9d78a76p-55, 0x1.09e3fe2ac5a64p-56, -0x1.11023d1970f6cp-54, 0x1.4aadd85f17e08p-54,
    0x1.e5b4c7b4968e4p-55, 0x1.7bf85a4b69280p-54, -0x1.95386352ef607p-54, 0x1.009778010f8c9p-54,
    0x1.e016e00a2643cp-54, -0x1.6fdd8088cb6dep-54, -0x1.1df98027bb78cp-54, -0x1.bf524a097af5cp-54,
    0x1.dc775814a8495p-55, 0x1.3592d2cfcaac9p-54, 0x1.2a97e9494a5eep-55, 0x1.d34fb5577d69fp-55,
    0x1.9b07eb6c70573p-54, 0x1.acfcc911ca996p-55, 0x1.ac155bef4f4a4p-55, 0x1.3e1a24ac31b2cp-54,
    0x1.2bd339940e9d9p-55, 0x1.e067c05f9e76cp-54, -0x1.a4c3a8c3f0d7ep-54, -0x1.2cc7228401cbdp-55,
    0x1.612e8afad1255p-55, -0x1.95743191690a7p-54, -0x1.10adcd6381aa4p-59, -0x1.50145a6eb5124p-54,
    0x1.0024754db41d5p-54, 0x1.d16cffbbce198p-54, 0x1.1ca0f45d52383p-56, -0x1.53c55532bda93p-57,
    0x1.6f46ad23182e4p-55, 0x1.959a3f3f3fcd1p-55, 0x1.a9ce78e18047cp-55, -0x1.c45e83cb4f318p-54,
    0x1.32721843659a6p-54, -0x1.35a75930881a4p-55, -0x1.b5cee5c4e4628p-55, -0x1.c3144a06cb85ep-55,
    -0x1.63aeabf42eae2p-54, -0x1.9f5ca9eceb23cp-54, -0x1.e958d3c9904bdp-54, -0x1.9a9a5fc8e2934p-54,
    -0x1.5e436d661f5e3p-56, 0x1.54c66e26fff18p-54, -0x1.efff8375d29c3p-54, 0x1.fe8d08c284c71p-56,
    0x1.ada0911f09ebcp-55, -0x1.af6637b8c9bcap-55, -0x1.7d023f956f9f3p-54, 0x1.bddf8b6f4d048p-55,
    -0x1.ef3691c309278p-58, -0x1.8462dc0b314ddp-54, -0x1.1c7dde35f7999p-55, 0x1.880be9704c003p-55,
    0x1.89b7a04ef80d0p-59, -0x1.8641982fb1f8ep-57, 0x1.c944bd1648a76p-54, -0x1.c20f0ed445733p-54,
    0x1.3c1a3b69062f0p-56, -0x1.3b2895e499ea0p-55, 0x1.9cb62f3d1be56p-54, -0x1.125b87f2897f0p-55,
    0x1.d4397afec42e2p-56, 0x1.05e29690abd5dp-54, 0x1.8ecdbbc6a7833p-54, -0x1.5257d2e5d7a52p-54,
    -0x1.4b309d25957e3p-54, 0x1.a249b49b7465fp-56, -0x1.f768569bd93efp-55, -0x1.c998d43efef71p-56,
    -0x1.07abe1db13cadp-55, 0x1.7926d192d5f7ep-55, -0x1.d689cefede59bp-55, -0x1.0fb6e168eebf0p-54,
    0x1.9bb2c011d93adp-54, -0x1.0b98c8a57b9c4p-54, 0x1.295e15b9a1de8p-55, -0x1.7e2cee467e60fp-54,
    0x1.6324c054647adp-54, -0x1.b77a14c233e1ap-54, 0x1.c4b1b816986a2p-60, -0x1.cd6a7a8b45643p-54,
    0x1.ba6f93080e65ep-54, -0x1.9eadde3cdcf92p-55, -0x1.3e2429b56de47p-54, 0x1.e4b3e4ab84c27p-54,
    -0x1.383c17e40b497p-54, 0x1.84710beb964e5p-54, -0x1.c483c759d8933p-55, -0x1.ae3d5c9a73e09p-54,
    -0x1.bb60987591c34p-54, -0x1.e8732586c6134p-55, 0x1.038ae44f73e65p-57, 0x1.804bd9aeb445dp-55,
    -0x1.bdd3413b26456p-54, 0x1.a38f52c9a9d0ep-56, -0x1.2895667ff0b0dp-56, 0x1.c7aa9b6f17309p-54,
    -0x1.bbe3a683c88abp-57, -0x1.0b9749e1ac8b2p-54, -0x1.83c0f25860ef6p-55, 0x1.9d644d45aa65fp-58,
    -0x1.16e4786887a99p-55, -0x1.20aa02cd62c72p-54, -0x1.0a8d96c65d53cp-54, 0x1.047fd618a6e1cp-54,
    -0x1.0245957316dd3p-54, 0x1.b7877169147f8p-54, 0x1.866b80a02162dp-54, 0x1.349a862aadd3ep-54,
    -0x1.41577ee04992fp-55, -0x1.bebb58468dc88p-54, 0x1.f124cd1164dd6p-54, 0x1.1bddbfb72b8b4p-54,
    0x1.05d02ba15797ep-56, -0x1.07f11cf9311aep-55, -0x1.27c86626d972bp-54, 0x1.464370d151d4dp-54,
    -0x1.d4c1dd41532d8p-54, 0x1.99b9a31df2bd5p-54, -0x1.8d684a341cdfbp-55, -0x1.ba748f8b216d0p-58,
    -0x1.fc6f89bd4f6bap-54, 0x1.5d2d7d2db47bdp-55, 0x1.994c2f37cb53ap-54, 0x1.d53954475202bp-54,
    0x1.6e9f156864b27p-54, 0x1.ecb5efc43446ep-54, -0x1.0d55e32e9e3aap-56, -0x1.7114a6fc9b2e6p-54,
    0x1.5cc13a2e3976cp-55, 0x1.592ca85fe3fd2p-54, -0x1.dd6792e582524p-54, -0x1.3455fa639db7fp-55,
    -0x1.75fc781b57ebcp-57, -0x1.dc3d6797d2d99p-55, -0x1.64b7c96a5f039p-56, -0x1.ba5967f19c896p-58,
    -0x1.d185b7c1b85d1p-54, 0x1.cabdaa24c78edp-56, -0x1.173bd91cee632p-54, -0x1.dd84e4df6d518p-54,
    0x1.c7c46b071f2bep-56, -0x1.516bea3dd8233p-54, 0x1.824ca78e64c6ep-56, -0x1.4a9ceaaf1facep-55,
    -0x1.359495d1cd533p-54, 0x1.c6618ee8be70ep-54, 0x1.6305c7ddc36abp-54, -0x1.aa780589fb120p-54,
    -0x1.d2f6edb8d41e1p-54, 0x1.50f5630670366p-57, 0x1.bcb7ecac563c7p-54, -0x1.4f867b2ba15a9p-54,
    0x1.0fac90ef7fd31p-54, 0x1.89c31dae94545p-55, -0x1.f9234cae76cd0p-55, 0x1.7ef3bb6b1b8e5p-54,
    0x1.7a1cd345dcc81p-54, -0x1.4b2fc0f315ecdp-54, -0x1.bdef54c80e425p-54, 0x1.4dd024a0756ccp-54,
    -0x1.2805e3084d708p-57, -0x1.f763de9df7c90p-56, -0x1.c71dfbbba6de3p-54, 0x1.2a8f352883f6ep-54,
    -0x1.5584f7e54ac3bp-56, -0x1.b721654cb65c6p-54, -0x1.efcd30e54292ep-54, -0x1.f52d1c9696205p-60,
    0x1.23dd07a2d9e84p-55, -0x1.c262360ea5b52p-60, -0x1.efdca3f6b9c73p-54, -0x1.d8a5aa1fbca34p-55,
    0x1.11065895048ddp-55, -0x1.6e51617c8a5d7p-54, 0x1.b4537e083c60ap-54, 0x1.12f072493b5afp-54,
    0x1.2884dff483cadp-54, -0x1.e76bbbe255559p-55, 0x1.1acbc48805c44p-56, -0x1.7f2bed10d08f5p-55,
    0x1.503cbd1e949dbp-56, -0x1.d220f86009093p-56, -0x1.dd83b53829d72p-55, -0x1.a08e9b86dff57p-54,
    -0x1.cbc3743797a9cp-54, 0x1.55636219a36eep-54, -0x1.d487b719d8578p-54, 0x1.3db53bf5a1614p-54,
    0x1.2ed02d75b3707p-55, 0x1.fe87a4a8165a0p-58, -0x1.11ec18beddfe8p-54, 0x1.a052dbb9af6bep-54,
    0x1.c2300696db532p-54, -0x1.b76f1926b8be4p-54, 0x1.2da5778f018c3p-54, -0x1.ca5528e79ba8fp-54,
    -0x1.1a5cd4f184b5cp-54, -0x1.2b529bd5c7f44p-56, -0x1.7b627817a1496p-54, -0x1.9f4a431fdc68bp-54,
    0x1.39e8980a9cc8fp-55, -0x1.63ff87522b735p-55, 0x1.2d522ca0c8de2p-54, -0x1.1089480b054b1p-54,
    -0x1.e9c23179c2893p-54, 0x1.4832f2293e4f2p-54, -0x1.c93f3b411ad8cp-54, 0x1.1c68da487568dp-54,
    0x1.dc7f486a4b6b0p-54, -0x1.3220065181d45p-54, 0x1.3a1a5bf0d8e43p-54, -0x1.95a5a3ed837dep-56,
    0x1.9d3e12dd8a18bp-54, 0x1.fa37b3539343ep-54, -0x1.dbb12d006350ap-54, -0x1.12ea8a779f689p-57,
    0x1.74853f3a5931ep-55, -0x1.9677315098eb6p-56, 0x1.2eb74966579e7p-57, 0x1.4a6037442fde3p-56,
};
/* END GENERATED */

#define SG_VEC_TOL_ULPS 512

/* ------------------------------------------------------------ lanes */

SG_VINLINE sg_vf sg_vf_load(const float *p) {
    sg_vf v;
    memcpy(&v, p, sizeof v);
    return v;
}
SG_VINLINE void sg_vf_store(float *p, sg_vf v) { memcpy(p, &v, sizeof v); }

SG_VINLINE sg_vd sg_vd_load(const double *p) {
    sg_vd v;
    memcpy(&v, p, sizeof v);
    return v;
}
SG_VINLINE void sg_vd_store(double *p, sg_vd v) { memcpy(p, &v, sizeof v); }

/* Exact.  On AVX-512 through the one instruction: GCC 12 lowers the generic
 * conversion of 8 floats in halves (load, extract, two conversions, insert:
 * four more micro-ops in every fast loop's vector). */
SG_VINLINE sg_vd sg_vd_of_vf(sg_vf x) {
#if SG_VL == 8
    return (sg_vd)_mm512_cvtps_pd((__m256)x);
#else
    return __builtin_convertvector(x, sg_vd);
#endif
}
/* Rounded to nearest (the hardware conversion). */
SG_VINLINE sg_vf sg_vf_of_vd(sg_vd x) { return __builtin_convertvector(x, sg_vf); }
SG_VINLINE sg_vd sg_vd_splat(double c) { return (sg_vd){ 0 } + c; }

/* m ? a : b lane by lane, m a mask of 0 / -1 lanes. */
SG_VINLINE sg_vd sg_vd_select(sg_vl m, sg_vd a, sg_vd b) { return (sg_vd)((m & (sg_vl)a) | (~m & (sg_vl)b)); }
SG_VINLINE sg_vd sg_vd_abs(sg_vd x) { return (sg_vd)((sg_vl)x & INT64_MAX); }
/* |x| with the sign bit of s (the sign of zero included). */
SG_VINLINE sg_vd sg_vd_copysign(sg_vd x, sg_vd s) {
    return (sg_vd)(((sg_vl)x & INT64_MAX) | ((sg_vl)s & INT64_MIN));
}

/* The target's min, max and compare instructions (x86: a NaN in x gives c;
 * elsewhere whatever the generic form gives, which is also a plain lane
 * value: the callers flag NaN lanes as hard in any case). */
#if SG_VL == 8
#define SG_X86_PD(op) _mm512_##op##_pd
typedef __m512d sg_x86_pd;
#elif SG_VL == 4
#define SG_X86_PD(op) _mm256_##op##_pd
typedef __m256d sg_x86_pd;
#elif defined(__SSE2__)
#define SG_X86_PD(op) _mm_##op##_pd
typedef __m128d sg_x86_pd;
#endif
SG_VINLINE sg_vd sg_vd_min(sg_vd x, double c) {
#if defined(SG_X86_PD)
    return (sg_vd)SG_X86_PD(min)((sg_x86_pd)x, SG_X86_PD(set1)(c));
#else
    return sg_vd_select(x < sg_vd_splat(c), x, sg_vd_splat(c));
#endif
}
SG_VINLINE sg_vd sg_vd_max(sg_vd x, double c) {
#if defined(SG_X86_PD)
    return (sg_vd)SG_X86_PD(max)((sg_x86_pd)x, SG_X86_PD(set1)(c));
#else
    return sg_vd_select(x > sg_vd_splat(c), x, sg_vd_splat(c));
#endif
}
/* The correctly rounded square root, lane by lane (one instruction on x86). */
SG_VINLINE sg_vd sg_vd_sqrt(sg_vd x) {
#if defined(SG_X86_PD)
    return (sg_vd)SG_X86_PD(sqrt)((sg_x86_pd)x);
#else
    sg_vd r;
    for (int i = 0; i < SG_VL; i++) r[i] = __builtin_sqrt(x[i]);
    return r;
#endif
}
/* Lanes with x > c or x NaN (quiet: a NaN raises no flag); and with x < c
 * or x NaN. */
SG_VINLINE sg_vl sg_vd_above_or_nan_v(sg_vd x, sg_vd c) {
#if SG_VL == 8
    __mmask8 m = _mm512_cmp_pd_mask((__m512d)x, (__m512d)c, _CMP_NLE_UQ);
    return (sg_vl)_mm512_movm_epi64(m);
#elif defined(SG_X86_PD) && SG_VL == 4
    return (sg_vl)_mm256_cmp_pd((__m256d)x, (__m256d)c, _CMP_NLE_UQ);
#elif defined(SG_X86_PD)
    return (sg_vl)_mm_cmpnle_pd((__m128d)x, (__m128d)c);
#else
    return ~(x <= c);
#endif
}
SG_VINLINE sg_vl sg_vd_above_or_nan(sg_vd x, double c) { return sg_vd_above_or_nan_v(x, sg_vd_splat(c)); }
SG_VINLINE sg_vl sg_vd_below_or_nan(sg_vd x, double c) { return sg_vd_above_or_nan(-x, -c); }
/* The same with x == c included (== is quiet too). */
SG_VINLINE sg_vl sg_vd_at_least_or_nan(sg_vd x, double c) { return sg_vd_above_or_nan(x, c) | (x == sg_vd_splat(c)); }
SG_VINLINE sg_vl sg_vd_at_most_or_nan(sg_vd x, double c) { return sg_vd_below_or_nan(x, c) | (x == sg_vd_splat(c)); }
/* Finite lanes (only fast kernels use it: their caller restores the flags
 * a NaN's ordered compare may raise). */
SG_VINLINE sg_vl sg_vd_finite(sg_vd x) { return sg_vd_abs(x) < sg_vd_splat(INFINITY); }

/* Any lane set: one test instruction where the target has one. */
SG_VINLINE int sg_vl_any(sg_vl m) {
#if SG_VL == 8
    return _mm512_test_epi64_mask((__m512i)m, (__m512i)m) != 0;
#elif SG_VL == 4
    return !_mm256_testz_si256((__m256i)m, (__m256i)m);
#elif defined(__SSE2__)
    return _mm_movemask_epi8((__m128i)m) != 0;
#else
    int64_t any = 0;
    for (int i = 0; i < SG_VL; i++) any |= m[i];
    return any != 0;
#endif
}

/* ------------------------------------------------------------- exp */

/* P(r) by Estrin's scheme: the loops are latency-bound (on Zen 1 about one
 * iteration fits the FP scheduler), and Horner's eight dependent fmas were
 * their longest chain. */
SG_VINLINE sg_vd sg_vexp_poly(sg_vd r, sg_vd r2) {
    sg_vd r4 = r2 * r2;
    sg_vd p01 = SG_VEXP_P[0] + r * SG_VEXP_P[1], p23 = SG_VEXP_P[2] + r * SG_VEXP_P[3];
    sg_vd p45 = SG_VEXP_P[4] + r * SG_VEXP_P[5], p67 = SG_VEXP_P[6] + r * SG_VEXP_P[7];
    return (p01 + r2 * p23) + r4 * ((p45 + r2 * p67) + r4 * SG_VEXP_P[8]);
}

/* y = k ln2 + r with k = round(y/ln2) read off the low bits of `shifted`,
 * r = y - k ln2 formed with ln2 as one double: for |y| <= 128 (|k| <= 185)
 * that costs at most 185 * 2^-54.6 = 2^-47 absolute in r (and in e^r, as a
 * relative error), one fma fewer than a two-part ln2. */
typedef struct { sg_vd r, shifted; } sg_vexp_reduced;
SG_VINLINE sg_vexp_reduced sg_vexp_reduce(sg_vd y) {
    const double shift = 0x1.8p52;
    sg_vd shifted = y * SG_VEXP_INV_LN2 + shift;
    sg_vd k = shifted - shift;
    return (sg_vexp_reduced){ y - k * SG_VEXP_LN2, shifted };
}
/* v 2^k for v 2^k normal: k (its low 12 bits, two's complement) added to
 * the exponent field. */
SG_VINLINE sg_vd sg_vscale(sg_vd v, sg_vd shifted) { return (sg_vd)((sg_vl)v + ((sg_vl)shifted << 52)); }

/* e^y for |y| <= 128, relative error under 2^-47 (reduction, P's 2^-49.6,
 * a few roundings). */
SG_VINLINE sg_vd sg_vexp(sg_vd y) {
    sg_vexp_reduced red = sg_vexp_reduce(y);
    sg_vd r = red.r, r2 = r * r;
    return sg_vscale((r + r2 * sg_vexp_poly(r, r2)) + 1.0, red.shifted);
}

/* e^y - 1 for |y| <= 128 (callers clamp), relative error under 2^-47:
 * 2^k (e^r - 1) + (2^k - 1), e^r - 1 = r + r^2 P(r) to 2^-48.3 relative near
 * 0 (where k = 0 and the sum is exact).  Elsewhere the two terms do not
 * cancel: for k <= -1 (y <= -0.35) the result is below -0.29, and for k >= 1
 * it is at least 0.71 2^k - 1 against a first term of at most 0.29 2^k. */
SG_VINLINE sg_vd sg_vexpm1(sg_vd y) {
    sg_vexp_reduced red = sg_vexp_reduce(y);
    sg_vd r = red.r, r2 = r * r;
    sg_vd em = r + r2 * sg_vexp_poly(r, r2);
    return sg_vscale(em, red.shifted) + (sg_vscale(sg_vd_splat(1.0), red.shifted) - 1.0);
}
/* ------------------------------------------------------------ atan */

SG_VINLINE sg_vd sg_vatan_poly(sg_vd z) {
    sg_vd z2 = z * z, z4 = z2 * z2;
    sg_vd q01 = SG_VATAN_Q[0] + z * SG_VATAN_Q[1], q23 = SG_VATAN_Q[2] + z * SG_VATAN_Q[3];
    sg_vd q45 = SG_VATAN_Q[4] + z * SG_VATAN_Q[5];
    return (q01 + z2 * q23) + z4 * (q45 + z2 * SG_VATAN_Q[6]);
}

/* atan(n/d) for n, d >= 0 in [2^-1000, 2^1000] (or n = 0), NaN kept out by
 * the callers, relative error under 2^-50; no division before the one below,
 * so that atan(1/a) = atan_quotient(1, a) costs what atan(a) does.
 * ALGORITHM
 *   u = min(n/d, d/n) as a quotient not yet taken, c = 0, tan(pi/8) or 1
 *   by where u lies (numerator > T denominator), t = (num - c den)/(den +
 *   c num), the one division, so that |t| <= tan(pi/16) and atan u = atan c
 *   + atan t (tools/gen_vec.py); the result is atan u, or pi/2 - atan u when
 *   n > d.  Nothing cancels: atan c + atan t >= pi/16 wherever c > 0, and
 *   pi/2 - atan u >= pi/4.  num - c den loses bits when u is near c, but
 *   only relative to t: its absolute error stays near 2^-53, under 2^-50 of
 *   a result above 0.19.
 */
SG_VINLINE sg_vd sg_vatan_quotient(sg_vd n, sg_vd d) {
    sg_vd one = sg_vd_splat(1.0), zero = sg_vd_splat(0.0);
    sg_vl inverted = n > d;
    sg_vd num = sg_vd_select(inverted, d, n), den = sg_vd_select(inverted, n, d);
    sg_vl middle = num > SG_VATAN_T1 * den, top = num > SG_VATAN_T2 * den;
    sg_vd c = sg_vd_select(top, one, sg_vd_select(middle, sg_vd_splat(SG_VATAN_C1), zero));
    sg_vd base = sg_vd_select(top, sg_vd_splat(SG_VATAN_PI_4),
                              sg_vd_select(middle, sg_vd_splat(SG_VATAN_ATAN_C1), zero));
    sg_vd t = (num - c * den) / (den + c * num);
    sg_vd z = t * t;
    sg_vd atan_t = t + (t * z) * sg_vatan_poly(z);
    /* n > d: (pi/2 - atan c) - atan t */
    base = sg_vd_select(inverted, SG_VATAN_PI_2 - base, base);
    return base + (sg_vd)((sg_vl)atan_t ^ (inverted & INT64_MIN));
}

/* ------------------------------------------------------------- tan */

/* sin r and cos r for r in [0, pi/4 (1 + 2^-10)]:
 * ALGORITHM
 *   sin r = r + r^3 S(r^2) and cos r = 1 + r^2 C(r^2) (tools/gen_vec.py:
 *   2^-55.4 and 2^-60.2 before rounding; r^2 C lies in [-0.31, 0], so
 *   neither sum cancels): each under 2^-52.5 with the roundings.
 */
typedef struct { sg_vd sine, cosine; } sg_vsincos_t;
SG_VINLINE sg_vsincos_t sg_vsincos(sg_vd r) {
    sg_vd z = r * r, z2 = z * z, z4 = z2 * z2;
    sg_vd s = ((SG_VTAN_S[0] + z * SG_VTAN_S[1]) + z2 * (SG_VTAN_S[2] + z * SG_VTAN_S[3]))
            + z4 * (SG_VTAN_S[4] + z * SG_VTAN_S[5]);
    sg_vd c = ((SG_VTAN_C[0] + z * SG_VTAN_C[1]) + z2 * (SG_VTAN_C[2] + z * SG_VTAN_C[3]))
            + z4 * ((SG_VTAN_C[4] + z * SG_VTAN_C[5]) + z2 * SG_VTAN_C[6]);
    return (sg_vsincos_t){ r + (r * z) * s, 1.0 + z * c };
}
/* tan r (lanes where cot is false) or cot r (where it is true), r as for
 * sg_vsincos: one quotient in the order the lane asks, under 2^-51.  cot 0
 * divides by zero: the callers leave those lanes. */
SG_VINLINE sg_vd sg_vtan_or_cot(sg_vd r, sg_vl cot) {
    sg_vsincos_t sc = sg_vsincos(r);
    return sg_vd_select(cot, sc.cosine, sc.sine) / sg_vd_select(cot, sc.sine, sc.cosine);
}
/* pi/2 - a for a in [pi/4, pi/2_hi] (larger a, NaN included, computes at
 * pi/2_hi): (pi/2_hi - a) + pi/2_lo, the difference exact (Sterbenz), so
 * that the result keeps its relative accuracy near the pole. */
SG_VINLINE sg_vd sg_vhalf_pi_minus(sg_vd a) { return (SG_VATAN_PI_2 - sg_vd_min(a, SG_VATAN_PI_2)) + SG_VTAN_PI_2_LO; }

/* ------------------------------------------------------------- erf */

/* Lane i gets row[j_i], j_i in {0, 1, 2, 3} (row holds 4 doubles).  The
 * picker comes from sg_vd_picker(j): the permute index on AVX2 and AVX-512,
 * three lane masks elsewhere. */
typedef struct { sg_vl index, is1, is2, is3; } sg_vd_picker_t;
SG_VINLINE sg_vd_picker_t sg_vd_picker(sg_vl j) {
    sg_vl one = (sg_vl){ 0 } + 1;
#if SG_VL == 8
    sg_vl index = j;
#else
    /* AVX2 permutes 32-bit lanes: double j is lanes 2j and 2j + 1 */
    sg_vl index = j * 0x200000002LL + 0x100000000LL;
#endif
    return (sg_vd_picker_t){ index, j == one, j == one + one, j == one + one + one };
}
SG_VINLINE sg_vd sg_vd_pick(const double row[4], sg_vd_picker_t p) {
#if SG_VL == 8
    return (sg_vd)_mm512_permutexvar_pd((__m512i)p.index, _mm512_castpd256_pd512(_mm256_loadu_pd(row)));
#elif SG_VL == 4 && defined(__AVX2__)
    return (sg_vd)_mm256_permutevar8x32_ps(_mm256_castpd_ps(_mm256_loadu_pd(row)), (__m256i)p.index);
#else
    sg_vd low = sg_vd_select(p.is1, sg_vd_splat(row[1]), sg_vd_splat(row[0]));
    return sg_vd_select(p.is3, sg_vd_splat(row[3]), sg_vd_select(p.is2, sg_vd_splat(row[2]), low));
#endif
}

/* erf a for 0 <= a <= 4 (callers clamp; NaN must not reach it), relative
 * error under 2^-47.
 * ALGORITHM
 *   a < 0.75: a S(a^2).  Above: 1 - e^(-a^2) R_j(a - c_j) on [0.75, 1.5),
 *   [1.5, 2.5), [2.5, 4] (tools/gen_vec.py: 2^-49 at worst, in erf).  a^2
 *   is exact for a float32 a; e^(-a^2) costs 2^-49 there (|k| <= 23), and
 *   that error reaches erf scaled by erfc(a)/erf(a) <= 0.41.  Every lane
 *   computes both forms; R_j's coefficients are picked per lane by one
 *   permute each (AVX2, AVX-512) or two selects.
 */
/* S(z) = erf(a)/a at z = a^2 (a < 0.75) by Estrin's scheme. */
SG_VINLINE sg_vd sg_verf_over_a(sg_vd z) {
    sg_vd z2 = z * z, z4 = z2 * z2;
    return ((SG_VERF_S[0] + z * SG_VERF_S[1]) + z2 * (SG_VERF_S[2] + z * SG_VERF_S[3]))
         + z4 * (((SG_VERF_S[4] + z * SG_VERF_S[5]) + z2 * (SG_VERF_S[6] + z * SG_VERF_S[7]))
                 + z4 * (SG_VERF_S[8] + z * SG_VERF_S[9]));
}
SG_VINLINE sg_vd sg_verf_nonneg(sg_vd a) {
    sg_vd z = a * a;
    sg_vd small = a * sg_verf_over_a(z);
    sg_vd_picker_t pick = sg_vd_picker(-((a >= sg_vd_splat(SG_VERF_BOUND_1)) + (a >= sg_vd_splat(SG_VERF_BOUND_2))));
    sg_vd u = a - sg_vd_pick(SG_VERF_C, pick);
    sg_vd r = sg_vd_pick(SG_VERF_R[12], pick);
    for (int i = 11; i >= 0; i--) r = r * u + sg_vd_pick(SG_VERF_R[i], pick);
    sg_vd large = 1.0 - sg_vexp(-z) * r;
    return sg_vd_select(a < sg_vd_splat(SG_VERF_SMALL), small, large);
}

/* erfc a for 0 <= a <= 9.5 (callers clamp; NaN must not reach it), given
 * s = a^2 to 2^-53 (exact for a float32 a squared, and for x^2/2 with a =
 * |x|/sqrt 2), relative error under 2^-46.5: the left tails of the normal
 * CDF and of erf's CDF form, down to the float32 normal range (a = 9.16).
 * ALGORITHM
 *   a < 0.75: 1 - a S(s) (sg_verf_nonneg's S; erf/erfc <= 2.5 there, so
 *   S's 2^-52.9 and a's rounding stay under 2^-50).  Above: e^(-s) G_j(a -
 *   c_j)/a on [0.75, 1.75), [1.75, 3.25), [3.25, 5.5), [5.5, 9.5], G_j of
 *   degree 16 fitted to a erfcx(a) (tools/gen_vec.py: 2^-51.8 at worst;
 *   erfcx alone, which goes like 1/a, stalled at 2^-46 on the last piece),
 *   evaluated by Estrin's scheme with each coefficient picked per lane.
 *   e^(-s) is sg_vexp's (s <= 90.25: |k| <= 131, 2^-47.3).  A rounded a
 *   (the normal's t/sqrt 2) moves G(a)/a by about 2^-53 of itself, since
 *   a erfcx(a) is nearly flat.
 */
SG_VINLINE sg_vd sg_verfc_poly(sg_vd u, sg_vd_picker_t pick) {
    sg_vd c[17];
    for (int i = 0; i < 17; i++) c[i] = sg_vd_pick(SG_VERFC_G[i], pick);
    sg_vd u2 = u * u, u4 = u2 * u2, u8 = u4 * u4;
    sg_vd p[8];
    for (int i = 0; i < 8; i++) p[i] = c[2 * i] + u * c[2 * i + 1];
    sg_vd q0 = p[0] + u2 * p[1], q1 = p[2] + u2 * p[3], q2 = p[4] + u2 * p[5], q3 = p[6] + u2 * p[7];
    return ((q0 + u4 * q1) + u8 * (q2 + u4 * q3)) + (u8 * u8) * c[16];
}
SG_VINLINE sg_vd sg_verfc_nonneg(sg_vd a, sg_vd s) {
    sg_vd small = 1.0 - a * sg_verf_over_a(s);
    sg_vd_picker_t pick = sg_vd_picker(-((a >= sg_vd_splat(SG_VERFC_BOUNDS[0])) + (a >= sg_vd_splat(SG_VERFC_BOUNDS[1]))
                                         + (a >= sg_vd_splat(SG_VERFC_BOUNDS[2]))));
    sg_vd g = sg_verfc_poly(a - sg_vd_pick(SG_VERFC_C, pick), pick);
    sg_vd large = sg_vexp(-s) * g / sg_vd_max(a, SG_VERF_SMALL);
    return sg_vd_select(a < sg_vd_splat(SG_VERF_SMALL), small, large);
}

/* ----------------------------------------------------------- log1p */

/* log(1 + t) for t in [0, 1] (callers clamp), relative error under 2^-51.
 * ALGORITHM
 *   u = 1 + t rounded, c = t - (u - 1) its rounding error (exact: u >= 1 >=
 *   t); u = 2^k m with m = u or u/2 in [sqrt(1/2), sqrt(2)], f = m - 1
 *   exact, s = f/(2 + f), z = s^2 and, as in sg_log.h (whose polynomial
 *   P, 2^-57.6, this reuses),
 *     log m = f - f^2/2 + s (f^2/2 + z P(z)),
 *   so that s, the one quotient, only reaches second-order terms.
 *   log(1 + t) = k ln2 + log m + c/u, with c/u taken as c (2 - u): the
 *   difference, c (u - 1)^2/u <= 2^-53 t^2, is under 2^-52 of the result
 *   (>= 0.69 t).  Without c, tiny t would lose everything to 1 + t.
 */
SG_VINLINE sg_vd sg_vlog1p_unit(sg_vd t) {
    sg_vd u = 1.0 + t;
    sg_vd c = t - (u - 1.0);
    sg_vl upper = u > sg_vd_splat(0x1.6a09e667f3bcdp+0);
    sg_vd m = sg_vd_select(upper, u * 0.5, u);
    sg_vd f = m - 1.0;
    sg_vd s = f / (2.0 + f), z = s * s;
    sg_vd z2 = z * z;
    sg_vd p = (SG_LOG_P[0] + z * SG_LOG_P[1]) + z2 * (SG_LOG_P[2] + z * SG_LOG_P[3])
            + (z2 * z2) * ((SG_LOG_P[4] + z * SG_LOG_P[5]) + z2 * SG_LOG_P[6]);
    sg_vd half_f2 = 0.5 * f * f;
    sg_vd log_m = f - (half_f2 - s * (half_f2 + z * p));
    sg_vd k_ln2 = (sg_vd)(upper & (sg_vl)sg_vd_splat(0x1.62e42fefa39efp-1));
    return k_ln2 + (log_m + c * (2.0 - u));
}

/* ------------------------------------------- double-double (float64) */

/* An unevaluated sum hi + lo. */
typedef struct { sg_vd hi, lo; } sg_vdd;

SG_VINLINE sg_vdd sg_vtwo_sum(sg_vd a, sg_vd b) {
    sg_vd s = a + b, bb = s - a;
    return (sg_vdd){ s, (a - (s - bb)) + (b - bb) };
}
/* |a| >= |b| (or a = 0). */
SG_VINLINE sg_vdd sg_vfast_two_sum(sg_vd a, sg_vd b) {
    sg_vd s = a + b;
    return (sg_vdd){ s, b - (s - a) };
}
/* c - a b, exact when it is representable (c near a b, or c = a b rounded):
 * one fma where the target has one, else Dekker's exact product (the
 * operands must be below 2^995 so that Veltkamp's split does not overflow;
 * the callers' are). */
SG_VINLINE sg_vd sg_vresidual(sg_vd c, sg_vd a, sg_vd b) {
#if SG_VL == 8
    return (sg_vd)_mm512_fnmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif SG_VL == 4 && defined(__FMA__)
    return (sg_vd)_mm256_fnmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
    const double split = 0x1p27 + 1.0;
    sg_vd ta = a * split, tb = b * split;
    sg_vd a_hi = ta - (ta - a), b_hi = tb - (tb - b);
    sg_vd a_lo = a - a_hi, b_lo = b - b_hi;
    sg_vd p = a * b;
    sg_vd e = ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo;
    return (c - p) - e;
#endif
}
/* a b as a pair, exactly (the error term from one residual). */
SG_VINLINE sg_vdd sg_vtwo_prod(sg_vd a, sg_vd b) {
    sg_vd p = a * b;
    return (sg_vdd){ p, -sg_vresidual(p, a, b) };
}
/* a + b for pairs, normalised, to about 2^-104 (sg_math.h's sg_dd_add lane
 * by lane). */
SG_VINLINE sg_vdd sg_vdd_add(sg_vdd a, sg_vdd b) {
    sg_vdd s = sg_vtwo_sum(a.hi, b.hi);
    return sg_vfast_two_sum(s.hi, s.lo + a.lo + b.lo);
}
/* (hi + lo)^2 as a normalised pair, to about 2^-104: the product's exact
 * error from one residual, lo^2 dropped. */
SG_VINLINE sg_vdd sg_vdd_square(sg_vdd a) {
    sg_vd p = a.hi * a.hi;
    return sg_vfast_two_sum(p, -sg_vresidual(p, a.hi, a.hi) + 2.0 * a.hi * a.lo);
}
/* n/d for dds with d.hi in [1, 4]: one division, refined by the exact
 * residual, as a normalised pair good to about 2^-104 (sg_vdd_div) or
 * rounded (sg_vdd_div_round). */
SG_VINLINE sg_vdd sg_vdd_div(sg_vdd n, sg_vdd d) {
    sg_vd inverse = 1.0 / d.hi;
    sg_vd q = n.hi * inverse;
    sg_vd residual = (sg_vresidual(n.hi, q, d.hi) + n.lo) - q * d.lo;
    return sg_vfast_two_sum(q, residual * inverse);
}
SG_VINLINE sg_vd sg_vdd_div_round(sg_vdd n, sg_vdd d) {
    sg_vdd q = sg_vdd_div(n, d);
    return q.hi + q.lo;
}

/* The float64 rounding test: lanes of a normalised pair q (normal, relative
 * error at most 2^-61) whose tail lies within that error of half an ULP of
 * q.hi (or of a quarter, the midpoint below a power of 2), where q.hi may
 * not be the double nearest to the exact value.  About 1 lane in 2^7. */
SG_VINLINE sg_vl sg_vf64_near_midpoint(sg_vdd q) {
    sg_vd half_ulp = (sg_vd)(((sg_vl)q.hi & 0x7ff0000000000000LL) - (53LL << 52));
    sg_vd tolerance = sg_vd_abs(q.hi) * 0x1p-61;
    sg_vd tail = sg_vd_abs(q.lo);
    return (sg_vd_abs(tail - half_ulp) < tolerance) | (sg_vd_abs(tail - 0.5 * half_ulp) < tolerance);
}

/* 2^k for the integer k in double lanes kd, -1022 <= k <= 1023. */
SG_VINLINE sg_vd sg_vpow2(sg_vd kd) {
    return (sg_vd)(((sg_vl)(kd + 0x1.8p52) - (sg_vl)sg_vd_splat(0x1.8p52) + 1023) << 52);
}

/* e^y = 2^k (hi + lo) for |y| <= 745 (callers clamp), the pair to about
 * 2^-57.6 relative and hi + lo in [0.7, 1.5]; k is returned as a double.
 * ALGORITHM
 *   y = k ln2 + r + r_lo with r = y - k ln2_hi exact (42-bit hi, |k| <
 *   2^11, Sterbenz) and r_lo = -k ln2_lo (|r_lo| <= 2^-34).  e^r = 1 + r +
 *   r^2/2 + r^3 Q(r) (P = 1/2 + r Q, degree 10, 2^-61.5; tools/gen_vec.py):
 *   r^2/2 is kept exact (its product's error term comes from one fma or
 *   Dekker's split), so only r^3 Q (below 0.008) and r_lo e^r carry
 *   rounding errors (r_lo needs e^r to 2^-25, so the whole of it);
 *   1 + r + r^2/2 is summed by two_sum and fast_two_sum.
 *   A plain r + r^2 P, rounded as a whole, measured 2^-55.2 here (0.13 ULP
 *   on the float64 logistic); this measures 2^-57.6 (4M random y in [-40,
 *   40] against expl), what r^3 Q's own roundings leave.
 */
typedef struct { sg_vdd s; sg_vd k; } sg_vexpm1_dd_t;
/* e^y = 2^k (1 + s): the parts, s = e^r - 1 to about 2^-58 of itself. */
SG_VINLINE sg_vexpm1_dd_t sg_vexpm1_dd_parts(sg_vd y) {
    const double shift = 0x1.8p52;
    sg_vd k = (y * SG_VEXP_INV_LN2 + shift) - shift;
    sg_vd r = y - k * SG_LOG_LN2_HI;
    sg_vd r_lo = -(k * SG_LOG_LN2_LO);
    sg_vd r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    sg_vd half_r2_lo = -0.5 * sg_vresidual(r2, r, r);                /* r^2/2 = r2/2 + this, exactly */
    sg_vd q = ((SG_VEXP64_P[1] + r * SG_VEXP64_P[2]) + r2 * (SG_VEXP64_P[3] + r * SG_VEXP64_P[4]))
            + r4 * ((SG_VEXP64_P[5] + r * SG_VEXP64_P[6]) + r2 * (SG_VEXP64_P[7] + r * SG_VEXP64_P[8]))
            + r8 * (SG_VEXP64_P[9] + r * SG_VEXP64_P[10]);
    sg_vd cubic = (r * r2) * q;
    sg_vdd quadratic = sg_vtwo_sum(r, 0.5 * r2);
    /* the small terms through a second two_sum, so that the pair stays
     * normalised (|lo| <= ulp(hi)): the callers' divisions assume it */
    sg_vdd s = sg_vtwo_sum(quadratic.hi, cubic + (half_r2_lo + r_lo * ((1.0 + r) + (0.5 * r2 + cubic))));
    s.lo += quadratic.lo;
    return (sg_vexpm1_dd_t){ s, k };
}

typedef struct { sg_vdd e; sg_vd k; } sg_vexp_dd_t;
SG_VINLINE sg_vexp_dd_t sg_vexp_dd(sg_vd y) {
    sg_vexpm1_dd_t parts = sg_vexpm1_dd_parts(y);
    sg_vdd e = sg_vfast_two_sum(sg_vd_splat(1.0), parts.s.hi);
    e.lo += parts.s.lo;
    return (sg_vexp_dd_t){ e, parts.k };
}

/* e^y = 2^k (hi + lo) for |y| <= 745 (callers clamp), the pair to about
 * 2^-63 relative and hi + lo in [0.9, 1.9]: for a float64 result that the
 * rounding test of the caller can settle in all but 1 lane in 2^8.
 * ALGORITHM
 *   y = k ln2/4 + r + r_lo (k rounded, r exact: 40-bit ln2/4 hi, |k| <
 *   2^13), |r| <= ln2/8, e^y = 2^(k>>2) 2^((k&3)/4) e^r with the four
 *   2^(j/4) as pairs picked per lane (a permute each on AVX2 and AVX-512),
 *   e^r - 1 = r + r^2/2 + r^3 Q(r) as in sg_vexpm1_dd_parts but on a range
 *   four times narrower, so the cubic's roundings stay below 2^-64, and
 *   2^(j/4) (1 + s) formed with its product's exact error.
 */
typedef struct { sg_vd t_hi, t_lo, k; sg_vdd s; } sg_vexp_fine_parts_t;
/* e^y = 2^k (t_hi + t_lo)(1 + s): the parts, s to about 2^-64 of itself. */
SG_VINLINE sg_vexp_fine_parts_t sg_vexp_fine_parts(sg_vd y) {
    const double shift = 0x1.8p52;
    sg_vd shifted = y * SG_VEXP4_INV + shift;
    sg_vd k = shifted - shift;
    sg_vl j = ((sg_vl)shifted - (sg_vl)sg_vd_splat(shift)) & 3;
    sg_vd quarter_k = (k - ((sg_vd)(j | (sg_vl)sg_vd_splat(0x1p52)) - 0x1p52)) * 0.25;
    sg_vd r = y - k * SG_VEXP4_HI;
    sg_vd r_lo = -(k * SG_VEXP4_LO);
    sg_vd r2 = r * r, r4 = r2 * r2;
    sg_vd half_r2_lo = -0.5 * sg_vresidual(r2, r, r);
    sg_vd q = ((SG_VEXP4_P[1] + r * SG_VEXP4_P[2]) + r2 * (SG_VEXP4_P[3] + r * SG_VEXP4_P[4]))
            + r4 * ((SG_VEXP4_P[5] + r * SG_VEXP4_P[6]) + r2 * (SG_VEXP4_P[7] + r * SG_VEXP4_P[8]));
    sg_vd cubic = (r * r2) * q;
    sg_vdd quadratic = sg_vtwo_sum(r, 0.5 * r2);
    sg_vdd s = sg_vtwo_sum(quadratic.hi, cubic + (half_r2_lo + r_lo * ((1.0 + r) + (0.5 * r2 + cubic))));
    s.lo += quadratic.lo;
    sg_vd_picker_t pick = sg_vd_picker(j);
    return (sg_vexp_fine_parts_t){ sg_vd_pick(SG_VEXP4_T_HI, pick), sg_vd_pick(SG_VEXP4_T_LO, pick), quarter_k, s };
}

/* t (1 + s) for a pair t and a small pair s, normalised, with the product's
 * exact error. */
SG_VINLINE sg_vdd sg_vdd_scale_one_plus(sg_vd t_hi, sg_vd t_lo, sg_vdd s) {
    sg_vd product = t_hi * s.hi;
    sg_vd product_err = -sg_vresidual(product, t_hi, s.hi);         /* t_hi s.hi = product + this */
    sg_vdd e = sg_vtwo_sum(t_hi, product);
    return sg_vfast_two_sum(e.hi, e.lo + (product_err + t_hi * s.lo + t_lo * (1.0 + s.hi)));
}

SG_VINLINE sg_vexp_dd_t sg_vexp_dd_fine(sg_vd y) {
    sg_vexp_fine_parts_t p = sg_vexp_fine_parts(y);
    return (sg_vexp_dd_t){ sg_vdd_scale_one_plus(p.t_hi, p.t_lo, p.s), p.k };
}

/* e^x = 2^m (e.hi + e.lo) for pairs x (|x.lo| <= ulp(x.hi)/2) with |x.hi| <=
 * 700 (callers clamp) and x.hi = 0 or |x.hi| >= 2^-200, |x.lo| >= 2^-900 or
 * 0 (so that no product underflows), e in [0.99, 2.01), relative error about
 * 2^-103: the float64 softmax's exact pass (softmax.h), where the scalar
 * sg_exp_ddx_parts (sg_ddx.h), lane by lane, cost 240x a copy of the row.
 * ALGORITHM
 *   x = k ln2/256 + r: k rounded (|k| < 2^18), ln2/256 = HI + LO + LO2 with
 *   HI and LO of 34 and 35 bits, so that k HI and k LO are exact and x.hi
 *   - k HI too (Sterbenz); r = (x.hi - k HI) + x.lo - k LO - k LO2 summed by
 *   two two_sums into the pair h + l (|h| <= 2^-9.5, |l| <= 2^-63).
 *   e^h - 1 = h + h^2 (1/2 + h (1/6 + h (1/24 + h T(h)))), T = 1/5! ...
 *   1/9! in double (truncation 2^-117): each level of the Horner scheme
 *   a pair, formed with the product's exact error, down to where its
 *   rounding weighs under 2^-106 (1/24 + h T: an error of 2^-58 there is
 *   2^-96 once multiplied by h^4, so it is kept as a pair too); then
 *   e^(h + l) - 1 = (e^h - 1) + l (1 + (e^h - 1)), and 2^(j/256)
 *   (1 + that) by sg_vdd_scale_one_plus, 2^(j/256) a pair of the table
 *   (tools/gen_vec.py) read lane by lane.
 * MEASURED against mpmath at 250 bits, 60k x per variant over [-600, 0]
 *   (uniform, log-uniform down to 1e-60, near the steps k ln2/256), with a
 *   low part: 2^-104.6 (base, x = -103.13448 as -769.0233831635743 -
 *   -665.8891555568871) and 2^-104.8 (v3).  It costs about 1.3x
 *   sg_vexp_dd_fine (2^-63); a port of sg_exp_ddx_parts's own algorithm
 *   (32 steps, degree 11 all in pairs, Zen 1) cost 3x.
 */
typedef struct { sg_vdd e; sg_vd m; } sg_vexp_ddx_t;
SG_VINLINE sg_vexp_ddx_t sg_vexp_ddx_parts(sg_vdd x) {
    const double shift = 0x1.8p52;
    sg_vd shifted = x.hi * SG_VEXPX_INV + shift;
    sg_vd k = shifted - shift;
    sg_vl j = ((sg_vl)shifted - (sg_vl)sg_vd_splat(shift)) & (SG_VEXPX_SIZE - 1);
    sg_vd m = (k - ((sg_vd)(j | (sg_vl)sg_vd_splat(0x1p52)) - 0x1p52)) * (1.0 / SG_VEXPX_SIZE);
    sg_vdd a = sg_vtwo_sum(x.hi - k * SG_VEXPX_HI, x.lo);
    sg_vdd b = sg_vtwo_sum(a.hi, -(k * SG_VEXPX_LO));
    sg_vdd r = sg_vtwo_sum(b.hi, (a.lo + b.lo) - k * SG_VEXPX_LO2);
    sg_vd h = r.hi;
    const double *c = SG_VEXPX_TAIL;
    sg_vd tail = c[0] + h * (c[1] + h * (c[2] + h * (c[3] + h * c[4])));
    sg_vdd u = sg_vfast_two_sum(sg_vd_splat(SG_VEXPX_C4[0]), h * tail);
    u.lo += SG_VEXPX_C4[1];
    sg_vdd hu = sg_vtwo_prod(h, u.hi);
    sg_vdd v = sg_vfast_two_sum(sg_vd_splat(SG_VEXPX_C3[0]), hu.hi);
    v.lo += hu.lo + h * u.lo + SG_VEXPX_C3[1];
    sg_vdd hv = sg_vtwo_prod(h, v.hi);
    sg_vdd w = sg_vfast_two_sum(sg_vd_splat(0.5), hv.hi);
    w.lo += hv.lo + h * v.lo;
    sg_vdd h2 = sg_vtwo_prod(h, h);
    sg_vdd z = sg_vtwo_prod(h2.hi, w.hi);
    z.lo += h2.hi * w.lo + h2.lo * w.hi;
    sg_vdd p = sg_vfast_two_sum(h, z.hi);
    p.lo += z.lo + r.lo * (1.0 + p.hi);
    sg_vd t_hi, t_lo;
    for (int l = 0; l < SG_VL; l++) {
        t_hi[l] = SG_VEXPX_T_HI[j[l]];
        t_lo[l] = SG_VEXPX_T_LO[j[l]];
    }
    return (sg_vexp_ddx_t){ sg_vdd_scale_one_plus(t_hi, t_lo, p), m };
}

/* ------------------------------------------------------------- log */

/* log(u + c) for 2^-1022 <= u < 2^1000 and |c| <= ulp(u)/2 (the rounding error of
 * the sum that made u), relative error under 2^-51 when |log| >= 2^-30 or
 * u + c is near 1 in the log1p sense.
 * ALGORITHM (as sg_log.h's sg_log_reduced, whose polynomial this reuses)
 *   u = 2^k m with m in [sqrt(1/2), sqrt(2)), read off u's bits moved by
 *   those of sqrt(1/2); f = m - 1 exact; one division D = 1/((2 + f) m)
 *   gives both s = f/(2 + f) = f m D and 1/m = (2 + f) D; log m = f - f^2/2
 *   + s (f^2/2 + z P(z)), z = s^2 (P 2^-57.6); log(u + c) = k ln2_hi + (k
 *   ln2_lo + c/u + log m), c/u = c 2^-k (2 + f) D.
 */
SG_VINLINE sg_vd sg_vlog(sg_vd u, sg_vd c) {
    sg_vl moved = (sg_vl)u + (0x3ff0000000000000LL - 0x3fe6a09e00000000LL);
    sg_vl biased_k = (sg_vl)((sg_vu)moved >> 52);
    sg_vd m = (sg_vd)((moved & 0x000fffffffffffffLL) + 0x3fe6a09e00000000LL);
    sg_vd k = (sg_vd)(biased_k | 0x4330000000000000LL) - (0x1p52 + 1023.0);
    sg_vd f = m - 1.0, two_f = 2.0 + f;
    sg_vd d = 1.0 / (two_f * m);
    sg_vd s = f * m * d, z = s * s, z2 = z * z;
    sg_vd p = (SG_LOG_P[0] + z * SG_LOG_P[1]) + z2 * (SG_LOG_P[2] + z * SG_LOG_P[3])
            + (z2 * z2) * ((SG_LOG_P[4] + z * SG_LOG_P[5]) + z2 * SG_LOG_P[6]);
    sg_vd half_f2 = 0.5 * f * f;
    sg_vd log_m = f - (half_f2 - s * (half_f2 + z * p));
    sg_vd c_over_u = c * sg_vpow2(-k) * two_f * d;
    return k * SG_LOG_LN2_HI + ((k * SG_LOG_LN2_LO + c_over_u) + log_m);
}

/* ------------------------------------------------------ rounding test */

/* Lanes whose double q (in the float32 normal range, relative error <=
 * 2^-44) may not round to the float32 its exact value rounds to. */
SG_VINLINE sg_vl sg_vf32_near_midpoint(sg_vd q) {
    sg_vl low = ((sg_vl)q + (SG_VEC_TOL_ULPS - (1LL << 28))) & ((1LL << 29) - 1);
#if SG_VL == 8
    return (sg_vl)_mm512_movm_epi64(_mm512_cmpgt_epi64_mask(_mm512_set1_epi64(2 * SG_VEC_TOL_ULPS + 1), (__m512i)low));
#else
    /* `>` only: AVX2 has a signed 64-bit greater-than and nothing else, and
     * GCC 12 lowered a `<=` lane by lane. */
    return ((sg_vl){ 0 } + (2 * SG_VEC_TOL_ULPS + 1)) > low;
#endif
}

/* Lanes a kernel settles below the float32 normal range, to a subnormal or
 * to 0 (sg_vf32_near_midpoint_below): their rounding raises "underflow",
 * which a fast block cannot (the caller restores the flags after it).  The
 * kernel marks them in its hard mask with this pattern instead of all ones
 * (every byte's top bit set, which SSE2's sg_vl_any reads); the loop keeps
 * their results and hands the first of them in each call to the certified
 * path, whose rounding raises the flags for all of them (flags are
 * sticky).  So a block of such lanes costs one element redone, not a
 * narrow block. */
#define SG_UNDERFLOW_LANE ((int64_t)0x8080808080808080ULL)
SG_VINLINE sg_vl sg_vunderflow_lanes(sg_vl settled, sg_vl hard) { return settled & ~hard & SG_UNDERFLOW_LANE; }
/* The rounding test of a q (relative error at most 2^-44) that lies in
 * [0, 2^-126 - 2^-149] in the lanes `below`, and in the float32 normal
 * range elsewhere.  Below 2^-126 float32 has the spacing 2^-149 it has on
 * [2^-126, 2^-125], so q rounds there as 2^-126 + q does among normal
 * floats: the sum (its rounding error 2^-179, 2^-30 of the spacing) takes
 * the normal test, whose 2^9 double ULPs, 2^-20 of the spacing, cover q's
 * error (2^-170 at most, 2^-21 of it).  The callers tell `below` from
 * their argument, early, and leave a band of it around where the result
 * crosses 2^-126.
 * Why one add and from the argument: the kernels are bound by the latency
 * of their chain, and every operation waiting on q costs.  A first version
 * took the lanes from q (a compare and a select after it) with a second
 * test of 2^-126 + |q| beside the first: the Gaussian densities went from
 * 3.8x a copy to 7.3x on [-1, 1], where no lane is below.  This costs one
 * add (an fma with the product before it). */
SG_VINLINE sg_vl sg_vf32_near_midpoint_below(sg_vd q, sg_vl below) {
    return sg_vf32_near_midpoint(q + (sg_vd)(below & (sg_vl)sg_vd_splat(0x1p-126)));
}
/* The lanes within 2^-12 of c: the band a caller of
 * sg_vf32_near_midpoint_below leaves around its crossing. */
SG_VINLINE sg_vl sg_vd_near(sg_vd x, double c) { return sg_vd_abs(x - c) < sg_vd_splat(0x1p-12); }
/* ln 2^-126: e^y is below the float32 normal range for y below it. */
#define SG_LN_F32_TINY (-87.33654475055310898657)

/* ------------------------------------------------------ log-CDF */

/* log F for the log-CDFs of the algebraic and piecewise-linear families,
 * given f = F on the lanes where F <= 3/4 and t = F - 1 on the others
 * (upper), each to 2^-52 of itself, formed without cancellation.
 * ALGORITHM
 *   One sg_vlog(u, c) per lane on the argument its side needs: lower lanes
 *   u = f, c = 0 (2^-51: |log F| >= 0.28 there, so f's 2^-52 costs at most
 *   2^-50.2 of it); upper lanes u = 1 + t rounded and c = t - (u - 1), its
 *   exact rounding error (fast_two_sum, |t| <= 1), so that u + c = 1 + t
 *   exactly and sg_vlog keeps 2^-51 of log1p(t) (its reduction leaves k = 0
 *   there and adds c/u whole; the condition number of log1p on [-1/4, 0] is
 *   under 1.16).  Under 2^-49.5 in all against the rounding test's 2^-44.
 *   (The first version formed both log f and sg_vlog1p_unit(t) on every
 *   lane and selected; this halves the logarithms.)
 *   f is clamped to 2^-1000 and t to [-1/4, 0], so that no lane raises a
 *   flag: the callers put back F = 0 (-inf) and leave NaN.
 * LANES IT LEAVES: results below the float32 normal range (F - 1 tiny in
 *   the right tail; 0 itself is exact), and the near-midpoint lanes.
 */
SG_VINLINE sg_vd sg_vlog_cdf(sg_vd f, sg_vd t, sg_vl upper, sg_vl *hard) {
    sg_vdd one_t = sg_vfast_two_sum(sg_vd_splat(1.0), sg_vd_min(sg_vd_max(t, -0.25), 0.0));
    sg_vd u = sg_vd_select(upper, one_t.hi, sg_vd_max(f, 0x1p-1000));
    sg_vd c = (sg_vd)(upper & (sg_vl)one_t.lo);
    sg_vd v = sg_vlog(u, c);
    sg_vd a = sg_vd_abs(v);
    *hard |= (sg_vd_below_or_nan(a, 0x1p-126) & ~(a == 0.0)) | sg_vf32_near_midpoint(v);
    return v;
}
/* log F of a symmetric CDF form, logcdf(x) = kernel(x) and logsf(x) =
 * kernel(-x) (exact for a float32 x): defines both fast kernels. */
#define SG_VLOG_CDF_PAIR(family)                                                                  \
    SG_VINLINE sg_vf sg_##family##_logcdf_f32v(sg_vf x, sg_vl *hard) {                           \
        return sg_vf_of_vd(sg_##family##_logcdf_vd(sg_vd_of_vf(x), hard));                       \
    }                                                                                             \
    SG_VINLINE sg_vf sg_##family##_logsf_f32v(sg_vf x, sg_vl *hard) {                            \
        return sg_vf_of_vd(sg_##family##_logcdf_vd(-sg_vd_of_vf(x), hard));                      \
    }

/* ------------------------------------------------- Gaussian density */

/* c e^(-k x^2), the Gaussian densities of the erf and normal families (k =
 * 1 or 1/2, so that k x^2 is exact for a float32 x), |x| clamped to `limit`
 * beyond which the result is below the float32 normal range: sg_vexp's
 * 2^-47.3 (k x^2 <= 88) and two roundings.  Leaves hard: |x| > limit, NaN,
 * the near-midpoint lanes.
 * Their subnormal results (erf's for |x| > 9.35, 7% of the benchmark's
 * lanes) are left too.  Settling them in the loop (sg_vf32_near_midpoint_below,
 * underflow lanes) was measured: on [-10, 10] erf's density went from
 * 6.9x a copy to 6.3x, but on [-1, 1], where no lane is subnormal, the
 * density went from 3.8x to 5.0x, and so did the normal's density
 * everywhere.  These kernels are bound by the latency of their chain
 * (on Zen 1 about 35 cycles per vector of 4 for 38 instructions, under 2
 * micro-ops per cycle of the FP unit's 4), so the operations that test
 * cost more than the lanes they save. */
SG_VINLINE sg_vd sg_vgauss_density(sg_vd x, double k, double c, double limit, sg_vl *hard) {
    sg_vd a = sg_vd_abs(x);
    sg_vd clamped = sg_vd_min(a, limit);
    sg_vd q = c * sg_vexp(-k * (clamped * clamped));
    *hard = sg_vd_above_or_nan(a, limit) | sg_vf32_near_midpoint(q);
    return q;
}

/* The Gaussian CDFs (the normal's and erf's CDF form) from the tail h =
 * erfc(a)/2 at the argument d: h for d <= 0, 1 - h above; hard below the
 * float32 normal range (d < limit), NaN, and near-midpoint lanes. */
SG_VINLINE sg_vd sg_vgauss_cdf(sg_vd d, sg_vd h, double limit, sg_vl *hard) {
    sg_vd r = sg_vd_select(d > sg_vd_splat(0.0), 1.0 - h, h);
    *hard = sg_vd_below_or_nan(d, limit) | sg_vf32_near_midpoint(r);
    return r;
}

/* ------------------------------------------- inverses and quantiles */

/* The odd inverses on (-1, 1), b = |y|: b clamped below 1, and the lanes
 * they leave to the scalar path: b >= 1 (the poles, with divide-by-zero,
 * and the domain errors, with invalid), b < 2^-125 (subnormal results) and
 * NaN. */
SG_VINLINE sg_vd sg_vd_below_one(sg_vd b) { return sg_vd_min(b, 0x1.fffffep-1); }
SG_VINLINE sg_vl sg_vunit_hard(sg_vd b) {
    return sg_vd_below_or_nan(b, 0x1p-125) | sg_vd_above_or_nan(b, 0x1.fffffep-1);
}

/* The quantiles of symmetric CDF forms, folded on q = min(p, 1 - p) (1 - p
 * exact for a float32 p >= 1/2); `lower` marks p < 1/2, whose result is the
 * upper one negated (sg_vfold_sign).  NaN lands on the upper side as q NaN. */
typedef struct { sg_vd q; sg_vl lower; } sg_vfold_t;
SG_VINLINE sg_vfold_t sg_vquantile_fold(sg_vd p) {
    sg_vl lower = p < sg_vd_splat(0.5);
    return (sg_vfold_t){ sg_vd_select(lower, p, 1.0 - p), lower };
}
SG_VINLINE sg_vd sg_vfold_sign(sg_vfold_t f, sg_vd v) { return (sg_vd)((sg_vl)v ^ (f.lower & INT64_MIN)); }

/* ------------------------------------------------------ the loop */

/* Appends the hard lanes (all ones) among the first `valid` to hard[] and
 * notes the first underflow lane in *witness (if it is still -1). */
SG_VINLINE long sg_collect_lanes(sg_vl hard_lanes, long base, long valid, int32_t *hard, long count, long *witness) {
    for (long j = 0; j < valid; j++) {
        if (hard_lanes[j] == -1) hard[count++] = (int32_t)(base + j);
        else if (hard_lanes[j] != 0 && *witness < 0) *witness = base + j;
    }
    return count;
}
SG_VINLINE long sg_collect_hard(sg_vl hard_lanes, long base, long valid, int32_t *hard, long count) {
    long no_witness = 0;
    return sg_collect_lanes(hard_lanes, base, valid, hard, count, &no_witness);
}

/* The hard lanes (all ones) of a mask that may hold underflow lanes too
 * (0x80 bytes): hard << 1 keeps every byte's top bit in the first and
 * clears it in the second, for SSE2's test.  Once the loop has its witness,
 * it passes over a vector of underflow lanes alone: visiting them lane by
 * lane cost Gompertz's kernels, whose lanes below 2^-126 (28% on the
 * benchmark's input) touch most vectors, much of what settling them in
 * the loop gained.  (Testing this on every vector instead of after
 * sg_vl_any(hard) cost every fast loop 20% on inputs without such lanes.) */
SG_VINLINE sg_vl sg_vl_all_ones(sg_vl hard) { return hard & (sg_vl)((sg_vu)hard << 1); }

/* The body of every fast loop: `kernel(vector x, sg_vl *hard)` on whole
 * vectors of `type` (float or double, loaded and stored by sg_vf_* or
 * sg_vd_*), the last partial one through a zero-padded copy (its padding
 * lanes are never reported). */
#define SG_FAST_LOOP_BODY(kernel, type, load, store)                                        \
    long count = 0, witness = -1;                                                       \
    long i = 0;                                                                         \
    for (; i + SG_VL <= n; i += SG_VL) {                                                \
        sg_vl hard_lanes;                                                               \
        store(out + i, kernel(load(x + i), &hard_lanes));                               \
        if (sg_vl_any(hard_lanes) && (witness < 0 || sg_vl_any(sg_vl_all_ones(hard_lanes)))) \
            count = sg_collect_lanes(hard_lanes, i, SG_VL, hard, count, &witness);      \
    }                                                                                   \
    if (i < n) {                                                                        \
        type in_pad[SG_VL] = {0}, out_pad[SG_VL];                                       \
        memcpy(in_pad, x + i, (size_t)(n - i) * sizeof(type));                          \
        sg_vl hard_lanes;                                                               \
        store(out_pad, kernel(load(in_pad), &hard_lanes));                              \
        memcpy(out + i, out_pad, (size_t)(n - i) * sizeof(type));                       \
        count = sg_collect_lanes(hard_lanes, i, n - i, hard, count, &witness);          \
    }                                                                                   \
    if (witness >= 0) hard[count++] = (int32_t)witness;                                 \
    return count;

#endif /* SG_VEC_TU */
#endif /* SG_VEC_H */
