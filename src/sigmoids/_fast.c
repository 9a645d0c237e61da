/*
 * _fast.c -- the fast loops (sg_vec.h), one per row of SG_FAST_F32_TABLE
 * and SG_FAST_F64_TABLE, and the row passes of softmax, log_softmax and
 * logsumexp; their kernels in the family headers.  No mathematics here.
 *
 * meson.build compiles this file once per SIMD target and names each
 * variant's loops with its suffix (SG_VEC_VARIANT: v4, v3, base), e.g.
 * sg_fast_logistic_f32_v3 and sg_fast_logistic_f64_v3; _ufuncs.c picks one
 * variant at import.
 */
#define SG_VEC_TU 1
#include "sg_vec.h"
#include "logistic.h"
#include "tanh.h"
#include "arctan.h"
#include "softsign.h"
#include "erf.h"
#include "normal.h"
#include "gudermannian.h"
#include "algebraic.h"
#include "gompertz.h"
#include "cloglog.h"
#include "hard_sigmoid.h"
#include "hard_tanh.h"
#include "plan.h"
#include "softmax.h"

#if !defined(SG_VEC_VARIANT)
#define SG_VEC_VARIANT base
#endif
#define SG_PASTE(a, b) a##b
#define SG_FAST_NAME(name, suffix) SG_PASTE(name, suffix)

/* sg_fast_<name>_<f32|f64>_<variant> */
#define SG_DEFINE_FAST(name, width, type, load, store)                                       \
    long SG_FAST_NAME(sg_fast_##name##_##width##_, SG_VEC_VARIANT)(const void *x_, void *out_, long n, \
                                                                   int32_t *hard) {           \
        const type *x = x_;                                                                   \
        type *out = out_;                                                                     \
        SG_FAST_LOOP_BODY(sg_##name##_##width##v, type, load, store)                          \
    }
#define SG_DEFINE_FAST32(name) SG_DEFINE_FAST(name, f32, float, sg_vf_load, sg_vf_store)
#define SG_DEFINE_FAST64(name) SG_DEFINE_FAST(name, f64, double, sg_vd_load, sg_vd_store)
SG_FAST_F32_TABLE(SG_DEFINE_FAST32)
SG_FAST_F64_TABLE(SG_DEFINE_FAST64)

/* sg_row_fast_<scan|rest|weights>_<f32|f64>_<variant> */
SG_ROW_FAST_DEFINE(f32, float, SG_VEC_VARIANT)
SG_ROW_FAST_DEFINE(f64, double, SG_VEC_VARIANT)
