/*
 * _ufuncs.c -- the one registration table.  No mathematics here.
 *
 * Each row of SG_UNARY_TABLE names a ufunc, its kernel from _core/ and its
 * docstring.  SG_DEFINE_UNARY fans a kernel out to three NumPy loops:
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

/* ------------------------------------------------------ the loop macro */

#define SG_DEFINE_UNARY(name, kernel, doc)                                             \
    static void name##_loop_d(char **args, npy_intp const *dims, npy_intp const *steps, \
                              void *unused) {                                          \
        (void)unused;                                                                  \
        const char *in = args[0];                                                      \
        char *out = args[1];                                                           \
        for (npy_intp i = 0; i < dims[0]; i++, in += steps[0], out += steps[1])        \
            *(double *)out = kernel(*(const double *)in);                              \
    }                                                                                  \
    static void name##_loop_f(char **args, npy_intp const *dims, npy_intp const *steps, \
                              void *unused) {                                          \
        (void)unused;                                                                  \
        const char *in = args[0];                                                      \
        char *out = args[1];                                                           \
        for (npy_intp i = 0; i < dims[0]; i++, in += steps[0], out += steps[1]) {      \
            double x = (double)*(const float *)in;                                     \
            double r = kernel(x);                                                      \
            float f = (float)r;                                                        \
            if (sg_f32_hard(r)) f = (float)kernel##_wide((sg_wide)x);                  \
            *(float *)out = f;                                                         \
        }                                                                              \
    }                                                                                  \
    static void name##_loop_e(char **args, npy_intp const *dims, npy_intp const *steps, \
                              void *unused) {                                          \
        (void)unused;                                                                  \
        const char *in = args[0];                                                      \
        char *out = args[1];                                                           \
        for (npy_intp i = 0; i < dims[0]; i++, in += steps[0], out += steps[1]) {      \
            double x = sg_half_to_double(*(const npy_half *)in);                       \
            double r = kernel(x);                                                      \
            npy_half h = sg_double_to_half(r);                                         \
            if (sg_f16_hard(r))                                                        \
                h = sg_double_to_half(sg_wide_to_double_odd(kernel##_wide((sg_wide)x))); \
            *(npy_half *)out = h;                                                      \
        }                                                                              \
    }                                                                                  \
    static PyUFuncGenericFunction name##_loops[3] = {name##_loop_e, name##_loop_f,     \
                                                     name##_loop_d};

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

typedef struct {
    const char *name;
    PyUFuncGenericFunction *loops;
    const char *doc;
} sg_unary_spec;

#define SG_EXPAND_SPEC(name, kernel, doc) {#name, name##_loops, doc},
static const sg_unary_spec SG_UNARY_SPECS[] = {SG_UNARY_TABLE(SG_EXPAND_SPEC)};

static char SG_UNARY_TYPES[] = {NPY_HALF, NPY_HALF, NPY_FLOAT, NPY_FLOAT, NPY_DOUBLE, NPY_DOUBLE};
static void *SG_NO_DATA[3] = {NULL, NULL, NULL};

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
        PyObject *ufunc = PyUFunc_FromFuncAndData(spec->loops, SG_NO_DATA, SG_UNARY_TYPES, 3, 1, 1,
                                                  PyUFunc_None, spec->name, spec->doc, 0);
        if (ufunc == NULL || PyModule_AddObject(module, spec->name, ufunc) < 0) {
            Py_XDECREF(ufunc);
            Py_DECREF(module);
            return NULL;
        }
    }
    if (PyModule_AddStringConstant(module, "WIDE_TYPE", SG_WIDE_NAME) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
