/*
 * _ufuncs.c -- the registration tables.  No mathematics here.
 *
 * Each row of SG_UNARY_TABLE names a ufunc, its kernel from _core/ and its
 * docstring; each row of SG_BINARY_TABLE the same for a kernel of two inputs
 * (x and the family's parameter, which broadcasts like any ufunc input).
 * SG_DEFINE_UNARY / SG_DEFINE_BINARY fan a kernel out to three NumPy loops:
 *   d: float64 -> the kernel itself;
 *   f: float32 -> widen exactly, run the float64 kernel, round once; where the
 *      result sits within the kernel's error of a float32 midpoint
 *      (sg_f32_hard), re-evaluate the kernel's wide twin and round from it;
 *   e: float16 -> the same with float16 rounding.
 * That is what makes the narrow loops correctly rounded.
 *
 * FP flags raised by the kernels (FE_INVALID, FE_DIVBYZERO, ...) are read
 * by NumPy after the loop, so np.errstate governs our warnings exactly as it
 * governs np.log's.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#include <numpy/ndarraytypes.h>
#include <numpy/ufuncobject.h>

#include "sg_math.h"
#include "logistic.h"
#include "genlogistic.h"
#include "hill.h"
#include "smoothstep.h"

/* ------------------------------------------------------------ the loops
 *
 * Each kernel gets one vectorisable block function, `name_block`, mapping a
 * contiguous run of doubles to doubles.  It is compiled several times, for
 * AVX-512, for AVX2+FMA and for the baseline, and the dynamic loader picks
 * the best the CPU has (GCC/Clang target_clones; SG_SIMD_PATH reports which).
 * The three dtype loops are generic: they feed the block function contiguous
 * double buffers and round the results once.  Every path evaluates the same
 * operations with the same roundings (no contraction, fma() exact
 * everywhere), so results are bit-identical whichever path runs.
 */
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(SG_NO_MULTIVERSION)
#define SG_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SG_MULTIVERSION
#endif

#define SG_BLOCK 1024

typedef void (*sg_block_fn)(const double *restrict in, double *restrict out, npy_intp n);
typedef sg_wide (*sg_wide_fn)(sg_wide);
typedef struct {
    sg_block_fn block;
    sg_wide_fn wide;
} sg_unary_impl;

static inline npy_intp sg_min(npy_intp a, npy_intp b) { return a < b ? a : b; }

static SG_MULTIVERSION void sg_loop_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_unary_impl *impl = (const sg_unary_impl *)data;
    const char *in = args[0];
    char *out = args[1];
    npy_intp n = dims[0], is = steps[0], os = steps[1];
    if (is == sizeof(double) && os == sizeof(double) && in != out) {
        impl->block((const double *)in, (double *)out, n);
        return;
    }
    double x[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        for (npy_intp i = 0; i < len; i++) x[i] = *(const double *)(in + (start + i) * is);
        impl->block(x, r, len);
        for (npy_intp i = 0; i < len; i++) *(double *)(out + (start + i) * os) = r[i];
    }
}

/* float32: widen exactly, evaluate, round once; the few results within the
 * kernel's error of a float32 midpoint are redone from the wide twin. */
static SG_MULTIVERSION void sg_loop_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_unary_impl *impl = (const sg_unary_impl *)data;
    const char *in = args[0];
    char *out = args[1];
    npy_intp n = dims[0], is = steps[0], os = steps[1];
    double x[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        const char *src = in + start * is;
        char *dst = out + start * os;
        if (is == sizeof(float)) {
            for (npy_intp i = 0; i < len; i++) x[i] = ((const float *)src)[i];
        } else {
            for (npy_intp i = 0; i < len; i++) x[i] = *(const float *)(src + i * is);
        }
        impl->block(x, r, len);
        int any_hard = 0;
        if (os == sizeof(float)) {
            for (npy_intp i = 0; i < len; i++) {
                ((float *)dst)[i] = (float)r[i];
                any_hard |= sg_f32_hard(r[i]);
            }
        } else {
            for (npy_intp i = 0; i < len; i++) {
                *(float *)(dst + i * os) = (float)r[i];
                any_hard |= sg_f32_hard(r[i]);
            }
        }
        if (any_hard) {
            for (npy_intp i = 0; i < len; i++)
                if (sg_f32_hard(r[i])) *(float *)(dst + i * os) = (float)impl->wide((sg_wide)x[i]);
        }
    }
}

static void sg_loop_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_unary_impl *impl = (const sg_unary_impl *)data;
    const char *in = args[0];
    char *out = args[1];
    npy_intp n = dims[0], is = steps[0], os = steps[1];
    double x[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        for (npy_intp i = 0; i < len; i++) x[i] = sg_half_to_double(*(const npy_half *)(in + (start + i) * is));
        impl->block(x, r, len);
        for (npy_intp i = 0; i < len; i++) {
            npy_half h = sg_double_to_half(r[i]);
            if (sg_f16_hard(r[i])) h = sg_double_to_half(sg_wide_to_double_odd(impl->wide((sg_wide)x[i])));
            *(npy_half *)(out + (start + i) * os) = h;
        }
    }
}

#define SG_DEFINE_UNARY(name, kernel, doc)                                                  \
    static SG_MULTIVERSION void name##_block(const double *restrict in, double *restrict out, \
                                             npy_intp n) {                                 \
        for (npy_intp i = 0; i < n; i++) out[i] = kernel(in[i]);                            \
    }                                                                                       \
    static sg_wide name##_wide(sg_wide x) { return kernel##_wide(x); }                      \
    static const sg_unary_impl name##_impl = {name##_block, name##_wide};                  \
    static void *name##_data[3] = {(void *)&name##_impl, (void *)&name##_impl,              \
                                   (void *)&name##_impl};

/* ------------------------------------------------- loops of two inputs
 *
 * The same three loops for kernels of (x, p): x is the argument and p the
 * family's parameter (alpha, n, nu).  Both are gathered into double buffers
 * (a broadcast scalar parameter has stride 0 and is simply repeated), the
 * block function runs on the buffers, and the narrow loops round once with
 * the same hard-case test and binary128 re-evaluation as the one-input loops.
 * A float32 call has float32 parameters: the result is correctly rounded for
 * the float32 x and p that were passed.
 */
typedef void (*sg_block2_fn)(const double *restrict x, const double *restrict p, double *restrict out,
                             npy_intp n);
typedef sg_wide (*sg_wide2_fn)(sg_wide, sg_wide);
typedef struct {
    sg_block2_fn block;
    sg_wide2_fn wide;
} sg_binary_impl;

static SG_MULTIVERSION void sg_loop2_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_binary_impl *impl = (const sg_binary_impl *)data;
    const char *in0 = args[0], *in1 = args[1];
    char *out = args[2];
    npy_intp n = dims[0], is0 = steps[0], is1 = steps[1], os = steps[2];
    if (is0 == sizeof(double) && is1 == sizeof(double) && os == sizeof(double) && in0 != out && in1 != out) {
        impl->block((const double *)in0, (const double *)in1, (double *)out, n);
        return;
    }
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        for (npy_intp i = 0; i < len; i++) {
            x[i] = *(const double *)(in0 + (start + i) * is0);
            p[i] = *(const double *)(in1 + (start + i) * is1);
        }
        impl->block(x, p, r, len);
        for (npy_intp i = 0; i < len; i++) *(double *)(out + (start + i) * os) = r[i];
    }
}

static SG_MULTIVERSION void sg_loop2_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_binary_impl *impl = (const sg_binary_impl *)data;
    const char *in0 = args[0], *in1 = args[1];
    char *out = args[2];
    npy_intp n = dims[0], is0 = steps[0], is1 = steps[1], os = steps[2];
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        for (npy_intp i = 0; i < len; i++) {
            x[i] = *(const float *)(in0 + (start + i) * is0);
            p[i] = *(const float *)(in1 + (start + i) * is1);
        }
        impl->block(x, p, r, len);
        int any_hard = 0;
        for (npy_intp i = 0; i < len; i++) {
            *(float *)(out + (start + i) * os) = (float)r[i];
            any_hard |= sg_f32_hard(r[i]);
        }
        if (any_hard) {
            for (npy_intp i = 0; i < len; i++)
                if (sg_f32_hard(r[i]))
                    *(float *)(out + (start + i) * os) = (float)impl->wide((sg_wide)x[i], (sg_wide)p[i]);
        }
    }
}

static void sg_loop2_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_binary_impl *impl = (const sg_binary_impl *)data;
    const char *in0 = args[0], *in1 = args[1];
    char *out = args[2];
    npy_intp n = dims[0], is0 = steps[0], is1 = steps[1], os = steps[2];
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        for (npy_intp i = 0; i < len; i++) {
            x[i] = sg_half_to_double(*(const npy_half *)(in0 + (start + i) * is0));
            p[i] = sg_half_to_double(*(const npy_half *)(in1 + (start + i) * is1));
        }
        impl->block(x, p, r, len);
        for (npy_intp i = 0; i < len; i++) {
            npy_half h = sg_double_to_half(r[i]);
            if (sg_f16_hard(r[i]))
                h = sg_double_to_half(sg_wide_to_double_odd(impl->wide((sg_wide)x[i], (sg_wide)p[i])));
            *(npy_half *)(out + (start + i) * os) = h;
        }
    }
}

#define SG_DEFINE_BINARY(name, kernel, doc)                                                   \
    static SG_MULTIVERSION void name##_block(const double *restrict x, const double *restrict p, \
                                             double *restrict out, npy_intp n) {               \
        for (npy_intp i = 0; i < n; i++) out[i] = kernel(x[i], p[i]);                           \
    }                                                                                           \
    static sg_wide name##_wide(sg_wide x, sg_wide p) { return kernel##_wide(x, p); }            \
    static const sg_binary_impl name##_impl = {name##_block, name##_wide};                     \
    static void *name##_data[3] = {(void *)&name##_impl, (void *)&name##_impl,                  \
                                   (void *)&name##_impl};

/* -------------------------------------------------- the registration table */

/* X(ufunc name, kernel, docstring) */
#define SG_UNARY_TABLE(X)                                                                  \
    X(logistic, sg_logistic,                                                               \
      "logistic(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None)\n\n" \
      "The logistic sigmoid 1/(1+exp(-x)) = exp(x)/(exp(x)+1), correctly rounded in\n"   \
      "float16/float32, within 1 ULP in float64.  Also known as expit.")                   \
    X(logistic_derivative, sg_logistic_derivative,                                         \
      "logistic_derivative(x, /, out=None, *, where=True, ...)\n\n"                        \
      "d/dx 1/(1+exp(-x)) = sigma(x) sigma(-x), accurate in both tails.")                  \
    X(logistic_inverse, sg_logistic_inverse,                                               \
      "logistic_inverse(y, /, out=None, *, where=True, ...)\n\n"                           \
      "The logit log(y/(1-y)); NaN with an invalid warning outside [0, 1].")               \
    X(logistic_logcdf, sg_logistic_logcdf,                                                 \
      "logistic_logcdf(x, /, out=None, *, where=True, ...)\n\n"                            \
      "log(1/(1+exp(-x))) = -softplus(-x), finite as far as float64 goes.")                \
    X(logistic_logsf, sg_logistic_logsf,                                                   \
      "logistic_logsf(x, /, out=None, *, where=True, ...)\n\n"                             \
      "log(1 - 1/(1+exp(-x))) = -softplus(x), finite as far as float64 goes.")             \
    X(softplus, sg_softplus,                                                               \
      "softplus(x, /, out=None, *, where=True, ...)\n\n"                                   \
      "log(1 + exp(x)), the antiderivative of the logistic; never overflows for finite x.")

#define SG_EXPAND_LOOPS(name, kernel, doc) SG_DEFINE_UNARY(name, kernel, doc)
SG_UNARY_TABLE(SG_EXPAND_LOOPS)

/* X(ufunc name, kernel, docstring): kernels of (x, parameter).  The kernel
 * is `double kernel(double x, double p)` with its twin
 * `sg_wide kernel##_wide(sg_wide x, sg_wide p)`.  An invalid parameter gives
 * NaN with FE_INVALID; a NaN parameter gives NaN quietly. */
#define SG_BINARY_TABLE(X)                                                                 \
    X(genlogistic, sg_genlogistic,                                                         \
      "genlogistic(x, alpha, /, out=None, *, where=True, ...)\n\n"                          \
      "The generalised logistic (Richards) sigmoid (1+exp(-x))**-alpha, alpha > 0.")       \
    X(genlogistic_derivative, sg_genlogistic_derivative,                                   \
      "genlogistic_derivative(x, alpha, /, out=None, *, where=True, ...)\n\n"               \
      "d/dx (1+exp(-x))**-alpha = alpha e^-x (1+e^-x)**(-alpha-1), accurate in both tails.") \
    X(genlogistic_inverse, sg_genlogistic_inverse,                                         \
      "genlogistic_inverse(y, alpha, /, out=None, *, where=True, ...)\n\n"                  \
      "-log(y**(-1/alpha) - 1); NaN with an invalid warning outside [0, 1].")               \
    X(genlogistic_logcdf, sg_genlogistic_logcdf,                                           \
      "genlogistic_logcdf(x, alpha, /, out=None, *, where=True, ...)\n\n"                   \
      "log((1+exp(-x))**-alpha) = -alpha softplus(-x), finite as far as float64 goes.")    \
    X(genlogistic_logsf, sg_genlogistic_logsf,                                             \
      "genlogistic_logsf(x, alpha, /, out=None, *, where=True, ...)\n\n"                    \
      "log(1 - (1+exp(-x))**-alpha), finite as far as float64 goes.")                      \
    X(hill, sg_hill,                                                                       \
      "hill(x, n, /, out=None, *, where=True, ...)\n\n"                                      \
      "The Hill function x**n/(1+x**n) for x >= 0, n > 0; NaN (invalid) for x < 0.")      \
    X(hill_derivative, sg_hill_derivative,                                                 \
      "hill_derivative(x, n, /, out=None, *, where=True, ...)\n\n"                          \
      "d/dx x**n/(1+x**n) = n x**(n-1)/(1+x**n)**2.")                                       \
    X(hill_inverse, sg_hill_inverse,                                                       \
      "hill_inverse(y, n, /, out=None, *, where=True, ...)\n\n"                             \
      "(y/(1-y))**(1/n); NaN with an invalid warning outside [0, 1].")                      \
    X(hill_logcdf, sg_hill_logcdf,                                                         \
      "hill_logcdf(x, n, /, out=None, *, where=True, ...)\n\n"                              \
      "log(x**n/(1+x**n)) = -softplus(-n log x), finite as far as float64 goes.")          \
    X(hill_logsf, sg_hill_logsf,                                                           \
      "hill_logsf(x, n, /, out=None, *, where=True, ...)\n\n"                               \
      "log(1/(1+x**n)) = -softplus(n log x), finite as far as float64 goes.")               \
    X(smoothstep, sg_smoothstep,                                                           \
      "smoothstep(x, n, /, out=None, *, where=True, ...)\n\n"                                \
      "S_n, the polynomial of degree 2n+1 rising from 0 to 1 on [0, 1], clamped outside.") \
    X(smoothstep_derivative, sg_smoothstep_derivative,                                     \
      "smoothstep_derivative(x, n, /, out=None, *, where=True, ...)\n\n"                    \
      "d/dx S_n = (2n+1)!/(n!)**2 (x(1-x))**n on [0, 1], 0 outside.")                       \
    X(smoothstep_inverse, sg_smoothstep_inverse,                                           \
      "smoothstep_inverse(y, n, /, out=None, *, where=True, ...)\n\n"                       \
      "The x in [0, 1] with S_n(x) = y; NaN with an invalid warning outside [0, 1].")       \
    X(smoothstep_logcdf, sg_smoothstep_logcdf,                                             \
      "smoothstep_logcdf(x, n, /, out=None, *, where=True, ...)\n\n"                        \
      "log S_n(x), finite however small S_n(x) is.")                                        \
    X(smoothstep_logsf, sg_smoothstep_logsf,                                               \
      "smoothstep_logsf(x, n, /, out=None, *, where=True, ...)\n\n"                         \
      "log(1 - S_n(x)), finite however small 1 - S_n(x) is.")

#define SG_EXPAND_LOOPS2(name, kernel, doc) SG_DEFINE_BINARY(name, kernel, doc)
SG_BINARY_TABLE(SG_EXPAND_LOOPS2)

typedef struct {
    const char *name;
    void **data;
    const char *doc;
} sg_unary_spec;

#define SG_EXPAND_SPEC(name, kernel, doc) {#name, name##_data, doc},
static const sg_unary_spec SG_UNARY_SPECS[] = {SG_UNARY_TABLE(SG_EXPAND_SPEC)};
static const sg_unary_spec SG_BINARY_SPECS[] = {SG_BINARY_TABLE(SG_EXPAND_SPEC)};

static char SG_UNARY_TYPES[] = {NPY_HALF, NPY_HALF, NPY_FLOAT, NPY_FLOAT, NPY_DOUBLE, NPY_DOUBLE};
static PyUFuncGenericFunction SG_UNARY_LOOPS[3] = {sg_loop_e, sg_loop_f, sg_loop_d};
static char SG_BINARY_TYPES[] = {NPY_HALF, NPY_HALF, NPY_HALF, NPY_FLOAT, NPY_FLOAT, NPY_FLOAT,
                                 NPY_DOUBLE, NPY_DOUBLE, NPY_DOUBLE};
static PyUFuncGenericFunction SG_BINARY_LOOPS[3] = {sg_loop2_e, sg_loop2_f, sg_loop2_d};

/* What the loader will pick for target_clones, for sigmoids.show_config(). */
static const char *sg_simd_path(void) {
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(SG_NO_MULTIVERSION)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4")) return "x86-64-v4 (AVX-512)";
    if (__builtin_cpu_supports("x86-64-v3")) return "x86-64-v3 (AVX2+FMA)";
    return "x86-64 baseline (SSE2)";
#else
    return "portable (no runtime dispatch)";
#endif
}

/* ----------------------------------------------------------------- module */

static struct PyModuleDef sg_module = {
    PyModuleDef_HEAD_INIT, "_ufuncs",
    "The compiled NumPy ufuncs of sigmoids (one per kernel).", -1, NULL,
};

PyMODINIT_FUNC PyInit__ufuncs(void) {
    import_array();
    import_umath();
    PyObject *module = PyModule_Create(&sg_module);
    if (module == NULL) return NULL;
    size_t count = sizeof(SG_UNARY_SPECS) / sizeof(SG_UNARY_SPECS[0]);
    for (size_t i = 0; i < count; i++) {
        const sg_unary_spec *spec = &SG_UNARY_SPECS[i];
        PyObject *ufunc = PyUFunc_FromFuncAndData(SG_UNARY_LOOPS, spec->data, SG_UNARY_TYPES, 3, 1, 1,
                                                  PyUFunc_None, spec->name, spec->doc, 0);
        if (ufunc == NULL || PyModule_AddObject(module, spec->name, ufunc) < 0) {
            Py_XDECREF(ufunc);
            Py_DECREF(module);
            return NULL;
        }
    }
    count = sizeof(SG_BINARY_SPECS) / sizeof(SG_BINARY_SPECS[0]);
    for (size_t i = 0; i < count; i++) {
        const sg_unary_spec *spec = &SG_BINARY_SPECS[i];
        PyObject *ufunc = PyUFunc_FromFuncAndData(SG_BINARY_LOOPS, spec->data, SG_BINARY_TYPES, 3, 2, 1,
                                                  PyUFunc_None, spec->name, spec->doc, 0);
        if (ufunc == NULL || PyModule_AddObject(module, spec->name, ufunc) < 0) {
            Py_XDECREF(ufunc);
            Py_DECREF(module);
            return NULL;
        }
    }
    if (PyModule_AddStringConstant(module, "WIDE_TYPE", SG_WIDE_NAME) < 0 ||
        PyModule_AddStringConstant(module, "SIMD_PATH", sg_simd_path()) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
