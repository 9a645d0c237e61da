/*
 * _ufuncs.c -- the one registration table.  No mathematics here.
 *
 * Each row of SG_UNARY_TABLE names a ufunc, its kernel from _core/ and its
 * docstring.  SG_DEFINE_UNARY gives each kernel a vectorised block function
 * and the three generic NumPy loops use it:
 *   d: float64 -> the kernel itself (double-double where it matters);
 *   f: float32 -> widen exactly, run the kernel's narrow-mode compilation
 *      (this file built again with SG_NARROW_TU, see sg_math.h), round once;
 *      where the result sits within 2^-44 of a float32 midpoint
 *      (sg_f32_hard), re-evaluate the kernel's binary128 twin and round from it;
 *      the kernels of SG_ROUNDS_ONCE need no such test (certified on every
 *      float32 input) and run one fused loop;
 *   e: float16 -> the same with float16 rounding.
 * That is what makes the narrow loops correctly rounded.  Large calls are
 * split across threads (sg_run), element for element the same code.
 *
 * FP flags raised by the kernels (FE_INVALID, FE_DIVBYZERO, ...) are read
 * by NumPy after the loop, so np.errstate governs our warnings exactly as it
 * governs np.log's.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <fenv.h>
#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#include <numpy/ndarraytypes.h>
#include <numpy/ufuncobject.h>

#if defined(SG_NARROW_TU)
#define SG_NARROW 1
#endif
#include "sg_math.h"
#include "logistic.h"
#include "tanh.h"
#include "algebraic.h"
#include "softsign.h"
#include "hard_sigmoid.h"
#include "hard_tanh.h"
#include "plan.h"
#include "arctan.h"
#include "gudermannian.h"
#include "erf.h"
#include "normal.h"
#include "gompertz.h"
#include "cloglog.h"
#include "genlogistic.h"
#include "hill.h"
#include "smoothstep.h"
#include "softmax.h"
#include "student_t.h"
#include "sg_vec.h"

#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(SG_NO_MULTIVERSION)
#define SG_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SG_MULTIVERSION
#endif

/* -------------------------------------------------- the registration table */

/* X(ufunc name, kernel, docstring) */
#define SG_UNARY_TABLE(X)                                                                  \
    X(logistic, sg_logistic,                                                               \
      "logistic(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None)\n\n"\
      "The logistic sigmoid 1/(1+exp(-x)) = exp(x)/(exp(x)+1), correctly rounded in\n"     \
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
      "log(1 + exp(x)), the antiderivative of the logistic; never overflows for finite x.")\
    X(tanh, sg_tanh,                                                                       \
      "tanh(x, /, out=None, *, where=True, ...)\n\n"                                       \
      "The hyperbolic tangent 2 sigma(2x) - 1, correctly rounded in float16/float32, within 1 ULP in float64.")\
    X(tanh_derivative, sg_tanh_derivative,                                                 \
      "tanh_derivative(x, /, out=None, *, where=True, ...)\n\n"                            \
      "d/dx tanh x = sech^2 x, accurate in both tails.")                                   \
    X(tanh_inverse, sg_tanh_inverse,                                                       \
      "tanh_inverse(y, /, out=None, *, where=True, ...)\n\n"                               \
      "artanh y = log1p(2y/(1-y))/2; NaN with an invalid warning outside [-1, 1].")        \
    X(tanh_cdf, sg_tanh_cdf,                                                               \
      "tanh_cdf(x, /, out=None, *, where=True, ...)\n\n"                                   \
      "(tanh x + 1)/2 = sigma(2x), the logistic CDF with scale 1/2, without cancellation.")\
    X(tanh_pdf, sg_tanh_pdf,                                                               \
      "tanh_pdf(x, /, out=None, *, where=True, ...)\n\n"                                   \
      "sech^2(x)/2 = 2 sigma'(2x), the density of the logistic distribution with scale 1/2.")\
    X(tanh_ppf, sg_tanh_ppf,                                                               \
      "tanh_ppf(p, /, out=None, *, where=True, ...)\n\n"                                   \
      "logit(p)/2, the quantile of the logistic distribution with scale 1/2.")             \
    X(tanh_logcdf, sg_tanh_logcdf,                                                         \
      "tanh_logcdf(x, /, out=None, *, where=True, ...)\n\n"                                \
      "log sigma(2x) = -softplus(-2x), finite as far as float64 goes.")                    \
    X(tanh_logsf, sg_tanh_logsf,                                                           \
      "tanh_logsf(x, /, out=None, *, where=True, ...)\n\n"                                 \
      "log(1 - sigma(2x)) = -softplus(2x), finite as far as float64 goes.")                \
    X(algebraic, sg_algebraic,                                                             \
      "algebraic(x, /, out=None, *, where=True, ...)\n\n"                                  \
      "The algebraic sigmoid x/sqrt(1+x^2).")                                              \
    X(algebraic_derivative, sg_algebraic_derivative,                                       \
      "algebraic_derivative(x, /, out=None, *, where=True, ...)\n\n"                       \
      "d/dx x/sqrt(1+x^2) = (1+x^2)^(-3/2).")                                              \
    X(algebraic_inverse, sg_algebraic_inverse,                                             \
      "algebraic_inverse(y, /, out=None, *, where=True, ...)\n\n"                          \
      "y/sqrt(1-y^2); NaN with an invalid warning outside [-1, 1].")                       \
    X(algebraic_cdf, sg_algebraic_cdf,                                                     \
      "algebraic_cdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "(1 + x/sqrt(1+x^2))/2, the t(2, scale=1/sqrt(2)) CDF, without cancellation.")       \
    X(algebraic_pdf, sg_algebraic_pdf,                                                     \
      "algebraic_pdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "(1+x^2)^(-3/2)/2, the t(2, scale=1/sqrt(2)) density.")                              \
    X(algebraic_ppf, sg_algebraic_ppf,                                                     \
      "algebraic_ppf(p, /, out=None, *, where=True, ...)\n\n"                              \
      "(2p-1)/(2 sqrt(p(1-p))), the t(2, scale=1/sqrt(2)) quantile.")                      \
    X(algebraic_logcdf, sg_algebraic_logcdf,                                               \
      "algebraic_logcdf(x, /, out=None, *, where=True, ...)\n\n"                           \
      "log of the algebraic CDF form, finite as far as float64 goes.")                     \
    X(algebraic_logsf, sg_algebraic_logsf,                                                 \
      "algebraic_logsf(x, /, out=None, *, where=True, ...)\n\n"                            \
      "log(1 - algebraic CDF form), finite as far as float64 goes.")                       \
    X(softsign, sg_softsign,                                                               \
      "softsign(x, /, out=None, *, where=True, ...)\n\n"                                   \
      "The softsign x/(1+|x|).")                                                           \
    X(softsign_derivative, sg_softsign_derivative,                                         \
      "softsign_derivative(x, /, out=None, *, where=True, ...)\n\n"                        \
      "d/dx x/(1+|x|) = 1/(1+|x|)^2.")                                                     \
    X(softsign_inverse, sg_softsign_inverse,                                               \
      "softsign_inverse(y, /, out=None, *, where=True, ...)\n\n"                           \
      "y/(1-|y|); NaN with an invalid warning outside [-1, 1].")                           \
    X(softsign_cdf, sg_softsign_cdf,                                                       \
      "softsign_cdf(x, /, out=None, *, where=True, ...)\n\n"                               \
      "(1 + x/(1+|x|))/2, the softsign distribution's CDF, without cancellation.")         \
    X(softsign_pdf, sg_softsign_pdf,                                                       \
      "softsign_pdf(x, /, out=None, *, where=True, ...)\n\n"                               \
      "1/(2(1+|x|)^2), the softsign distribution's density.")                              \
    X(softsign_ppf, sg_softsign_ppf,                                                       \
      "softsign_ppf(p, /, out=None, *, where=True, ...)\n\n"                               \
      "The softsign distribution's quantile, sign(p - 1/2)(1/(2 min(p, 1-p)) - 1).")       \
    X(softsign_logcdf, sg_softsign_logcdf,                                                 \
      "softsign_logcdf(x, /, out=None, *, where=True, ...)\n\n"                            \
      "log of the softsign CDF form, finite as far as float64 goes.")                      \
    X(softsign_logsf, sg_softsign_logsf,                                                   \
      "softsign_logsf(x, /, out=None, *, where=True, ...)\n\n"                             \
      "log(1 - softsign CDF form), finite as far as float64 goes.")                        \
    X(hard_sigmoid, sg_hard_sigmoid,                                                       \
      "hard_sigmoid(x, /, out=None, *, where=True, ...)\n\n"                               \
      "PyTorch's hard sigmoid clip(x/6 + 1/2, 0, 1), correctly rounded; the uniform(-3, 6) CDF.")\
    X(hard_sigmoid_derivative, sg_hard_sigmoid_derivative,                                 \
      "hard_sigmoid_derivative(x, /, out=None, *, where=True, ...)\n\n"                    \
      "1/6 on (-3, 3), 0 at and outside the kinks (PyTorch's convention).")                \
    X(hard_sigmoid_inverse, sg_hard_sigmoid_inverse,                                       \
      "hard_sigmoid_inverse(y, /, out=None, *, where=True, ...)\n\n"                       \
      "6y - 3 on [0, 1]; NaN with an invalid warning outside.")                            \
    X(hard_sigmoid_logcdf, sg_hard_sigmoid_logcdf,                                         \
      "hard_sigmoid_logcdf(x, /, out=None, *, where=True, ...)\n\n"                        \
      "log(clip((x+3)/6, 0, 1)); -inf (no warning) for x <= -3.")                          \
    X(hard_sigmoid_logsf, sg_hard_sigmoid_logsf,                                           \
      "hard_sigmoid_logsf(x, /, out=None, *, where=True, ...)\n\n"                         \
      "log(clip((3-x)/6, 0, 1)); -inf (no warning) for x >= 3.")                           \
    X(hard_tanh, sg_hard_tanh,                                                             \
      "hard_tanh(x, /, out=None, *, where=True, ...)\n\n"                                  \
      "The hard tanh clip(x, -1, 1).")                                                     \
    X(hard_tanh_derivative, sg_hard_tanh_derivative,                                       \
      "hard_tanh_derivative(x, /, out=None, *, where=True, ...)\n\n"                       \
      "1 on (-1, 1), 0 at and outside the kinks (PyTorch's convention).")                  \
    X(hard_tanh_inverse, sg_hard_tanh_inverse,                                             \
      "hard_tanh_inverse(y, /, out=None, *, where=True, ...)\n\n"                          \
      "y on [-1, 1]; NaN with an invalid warning outside.")                                \
    X(hard_tanh_cdf, sg_hard_tanh_cdf,                                                     \
      "hard_tanh_cdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "clip((x+1)/2, 0, 1), the uniform(-1, 2) CDF.")                                      \
    X(hard_tanh_pdf, sg_hard_tanh_pdf,                                                     \
      "hard_tanh_pdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "1/2 on (-1, 1), 0 at and outside the kinks.")                                       \
    X(hard_tanh_ppf, sg_hard_tanh_ppf,                                                     \
      "hard_tanh_ppf(p, /, out=None, *, where=True, ...)\n\n"                              \
      "2p - 1 on [0, 1], the uniform(-1, 2) quantile.")                                    \
    X(hard_tanh_logcdf, sg_hard_tanh_logcdf,                                               \
      "hard_tanh_logcdf(x, /, out=None, *, where=True, ...)\n\n"                           \
      "log(clip((x+1)/2, 0, 1)); -inf (no warning) for x <= -1.")                          \
    X(hard_tanh_logsf, sg_hard_tanh_logsf,                                                 \
      "hard_tanh_logsf(x, /, out=None, *, where=True, ...)\n\n"                            \
      "log(clip((1-x)/2, 0, 1)); -inf (no warning) for x >= 1.")                           \
    X(plan, sg_plan,                                                                       \
      "plan(x, /, out=None, *, where=True, ...)\n\n"                                       \
      "PLAN, the piecewise-linear logistic of Amin, Curtis and Hayes-Gill (1997), as published.")\
    X(plan_derivative, sg_plan_derivative,                                                 \
      "plan_derivative(x, /, out=None, *, where=True, ...)\n\n"                            \
      "The slope of PLAN's segment: 1/4, 1/8, 1/32 or 0 (at a kink: the side away from 0).")\
    X(plan_inverse, sg_plan_inverse,                                                       \
      "plan_inverse(y, /, out=None, *, where=True, ...)\n\n"                               \
      "PLAN's piecewise inverse on [0, 1]; NaN with an invalid warning outside.")          \
    X(plan_logcdf, sg_plan_logcdf,                                                         \
      "plan_logcdf(x, /, out=None, *, where=True, ...)\n\n"                                \
      "log PLAN(x); -inf (no warning) for x <= -5.")                                       \
    X(plan_logsf, sg_plan_logsf,                                                           \
      "plan_logsf(x, /, out=None, *, where=True, ...)\n\n"                                 \
      "log(1 - PLAN(x)); -inf (no warning) for x >= 5.")                                   \
    X(arctan, sg_arctan,                                                                   \
      "arctan(x, /, out=None, *, where=True, ...)\n\n"                                     \
      "arctan x, range (-pi/2, pi/2); the CDF form is the Cauchy CDF.")                    \
    X(arctan_derivative, sg_arctan_derivative,                                             \
      "arctan_derivative(x, /, out=None, *, where=True, ...)\n\n"                          \
      "d/dx arctan x = 1/(1+x^2), exact into the subnormal range.")                        \
    X(arctan_inverse, sg_arctan_inverse,                                                   \
      "arctan_inverse(y, /, out=None, *, where=True, ...)\n\n"                             \
      "tan y on (-pi/2, pi/2); NaN with an invalid warning outside.")                      \
    X(arctan_cdf, sg_arctan_cdf,                                                           \
      "arctan_cdf(x, /, out=None, *, where=True, ...)\n\n"                                 \
      "The standard Cauchy CDF 1/2 + arctan(x)/pi, without cancellation for x < 0.")       \
    X(arctan_pdf, sg_arctan_pdf,                                                           \
      "arctan_pdf(x, /, out=None, *, where=True, ...)\n\n"                                 \
      "The standard Cauchy density 1/(pi (1+x^2)).")                                       \
    X(arctan_ppf, sg_arctan_ppf,                                                           \
      "arctan_ppf(p, /, out=None, *, where=True, ...)\n\n"                                 \
      "The standard Cauchy quantile tan(pi (p - 1/2)); NaN outside [0, 1].")               \
    X(arctan_logcdf, sg_arctan_logcdf,                                                     \
      "arctan_logcdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "log of the Cauchy CDF, finite as far as float64 goes.")                             \
    X(arctan_logsf, sg_arctan_logsf,                                                       \
      "arctan_logsf(x, /, out=None, *, where=True, ...)\n\n"                               \
      "log of the Cauchy survival function, finite as far as float64 goes.")               \
    X(gudermannian, sg_gudermannian,                                                       \
      "gudermannian(x, /, out=None, *, where=True, ...)\n\n"                               \
      "The Gudermannian gd x = 2 arctan(tanh(x/2)), range (-pi/2, pi/2).")                 \
    X(gudermannian_derivative, sg_gudermannian_derivative,                                 \
      "gudermannian_derivative(x, /, out=None, *, where=True, ...)\n\n"                    \
      "d/dx gd x = sech x, exact into the subnormal range.")                               \
    X(gudermannian_inverse, sg_gudermannian_inverse,                                       \
      "gudermannian_inverse(y, /, out=None, *, where=True, ...)\n\n"                       \
      "gd^-1 y = asinh(tan y) on (-pi/2, pi/2); NaN with an invalid warning outside.")     \
    X(gudermannian_cdf, sg_gudermannian_cdf,                                               \
      "gudermannian_cdf(x, /, out=None, *, where=True, ...)\n\n"                           \
      "The hyperbolic secant CDF (2/pi) arctan(e^x).")                                     \
    X(gudermannian_pdf, sg_gudermannian_pdf,                                               \
      "gudermannian_pdf(x, /, out=None, *, where=True, ...)\n\n"                           \
      "The hyperbolic secant density sech(x)/pi.")                                         \
    X(gudermannian_ppf, sg_gudermannian_ppf,                                               \
      "gudermannian_ppf(p, /, out=None, *, where=True, ...)\n\n"                           \
      "The hyperbolic secant quantile log(tan(pi p/2)); NaN outside [0, 1].")              \
    X(gudermannian_logcdf, sg_gudermannian_logcdf,                                         \
      "gudermannian_logcdf(x, /, out=None, *, where=True, ...)\n\n"                        \
      "log of the hyperbolic secant CDF, finite as far as float64 goes.")                  \
    X(gudermannian_logsf, sg_gudermannian_logsf,                                           \
      "gudermannian_logsf(x, /, out=None, *, where=True, ...)\n\n"                         \
      "log of the hyperbolic secant survival function, finite as far as float64 goes.")    \
    X(erf, sg_erf,                                                                         \
      "erf(x, /, out=None, *, where=True, ...)\n\n"                                        \
      "The error function erf x = 2/sqrt(pi) int_0^x e^(-t^2) dt, range (-1, 1).")         \
    X(erf_derivative, sg_erf_derivative,                                                   \
      "erf_derivative(x, /, out=None, *, where=True, ...)\n\n"                             \
      "d/dx erf x = 2/sqrt(pi) exp(-x^2), accurate to the last subnormal.")                \
    X(erf_inverse, sg_erf_inverse,                                                         \
      "erf_inverse(y, /, out=None, *, where=True, ...)\n\n"                                \
      "erfinv(y) on (-1, 1); accurate near 0 and near +-1; NaN with an invalid warning outside [-1, 1].")\
    X(erf_cdf, sg_erf_cdf,                                                                 \
      "erf_cdf(x, /, out=None, *, where=True, ...)\n\n"                                    \
      "(1 + erf x)/2 = erfc(-x)/2, the CDF of norm(scale=1/sqrt(2)); no cancellation in the left tail.")\
    X(erf_pdf, sg_erf_pdf,                                                                 \
      "erf_pdf(x, /, out=None, *, where=True, ...)\n\n"                                    \
      "exp(-x^2)/sqrt(pi), the density of norm(scale=1/sqrt(2)).")                         \
    X(erf_ppf, sg_erf_ppf,                                                                 \
      "erf_ppf(p, /, out=None, *, where=True, ...)\n\n"                                    \
      "erfinv(2p - 1), the quantile of norm(scale=1/sqrt(2)), down to the smallest subnormal p.")\
    X(erf_logcdf, sg_erf_logcdf,                                                           \
      "erf_logcdf(x, /, out=None, *, where=True, ...)\n\n"                                 \
      "log((1 + erf x)/2), finite as far as float64 goes.")                                \
    X(erf_logsf, sg_erf_logsf,                                                             \
      "erf_logsf(x, /, out=None, *, where=True, ...)\n\n"                                  \
      "log(erfc(x)/2), finite as far as float64 goes.")                                    \
    X(normal, sg_normal,                                                                   \
      "normal(x, /, out=None, *, where=True, ...)\n\n"                                     \
      "The standard normal CDF Phi(x) = erfc(-x/sqrt(2))/2; no cancellation in the left tail.")\
    X(normal_derivative, sg_normal_derivative,                                             \
      "normal_derivative(x, /, out=None, *, where=True, ...)\n\n"                          \
      "The standard normal density exp(-x^2/2)/sqrt(2 pi).")                               \
    X(normal_inverse, sg_normal_inverse,                                                   \
      "normal_inverse(p, /, out=None, *, where=True, ...)\n\n"                             \
      "The probit Phi^-1(p), down to the smallest subnormal p; NaN with an invalid warning outside [0, 1].")\
    X(normal_logcdf, sg_normal_logcdf,                                                     \
      "normal_logcdf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "log Phi(x), finite as far as float64 goes (log Phi(-1e5) = -5e9).")                 \
    X(normal_logsf, sg_normal_logsf,                                                       \
      "normal_logsf(x, /, out=None, *, where=True, ...)\n\n"                               \
      "log(1 - Phi(x)) = log Phi(-x), finite as far as float64 goes.")                     \
    X(gompertz, sg_gompertz,                                                               \
      "gompertz(x, /, out=None, *, where=True, ...)\n\n"                                   \
      "The Gompertz sigmoid exp(-exp(-x)), the CDF of scipy.stats.gumbel_r; accurate\n"    \
      "into the double-exponential left tail (gompertz(-6.5) = 1.5e-289).")                \
    X(gompertz_derivative, sg_gompertz_derivative,                                         \
      "gompertz_derivative(x, /, out=None, *, where=True, ...)\n\n"                        \
      "d/dx exp(-exp(-x)) = exp(-x - exp(-x)), the gumbel_r density; never overflows.")    \
    X(gompertz_inverse, sg_gompertz_inverse,                                               \
      "gompertz_inverse(y, /, out=None, *, where=True, ...)\n\n"                           \
      "-log(-log(y)), the gumbel_r quantile; exact near y = 1/e and y = 1.")               \
    X(gompertz_logcdf, sg_gompertz_logcdf,                                                 \
      "gompertz_logcdf(x, /, out=None, *, where=True, ...)\n\n"                            \
      "log exp(-exp(-x)) = -exp(-x); -inf with an overflow warning below x = -709.78.")    \
    X(gompertz_logsf, sg_gompertz_logsf,                                                   \
      "gompertz_logsf(x, /, out=None, *, where=True, ...)\n\n"                             \
      "log(1 - exp(-exp(-x))), finite as far as float64 goes (logsf(1000) = -1000).")      \
    X(cloglog, sg_cloglog,                                                                 \
      "cloglog(x, /, out=None, *, where=True, ...)\n\n"                                    \
      "1 - exp(-exp(x)), the inverse cloglog link and the CDF of scipy.stats.gumbel_l;\n"  \
      "exact in the left tail, where it is exp(x) to the last bit.")                       \
    X(cloglog_derivative, sg_cloglog_derivative,                                           \
      "cloglog_derivative(x, /, out=None, *, where=True, ...)\n\n"                         \
      "d/dx (1 - exp(-exp(x))) = exp(x - exp(x)), the gumbel_l density.")                  \
    X(cloglog_inverse, sg_cloglog_inverse,                                                 \
      "cloglog_inverse(y, /, out=None, *, where=True, ...)\n\n"                            \
      "The cloglog link log(-log(1 - y)); exact near y = 0 and y = 1 - 1/e.")              \
    X(cloglog_logcdf, sg_cloglog_logcdf,                                                   \
      "cloglog_logcdf(x, /, out=None, *, where=True, ...)\n\n"                             \
      "log(1 - exp(-exp(x))), finite as far as float64 goes (logcdf(-1000) = -1000).")     \
    X(cloglog_logsf, sg_cloglog_logsf,                                                     \
      "cloglog_logsf(x, /, out=None, *, where=True, ...)\n\n"                              \
      "log exp(-exp(x)) = -exp(x); -inf with an overflow warning above x = 709.78.")     \
    X(_vlog, sg_log,                                                                       \
      "_vlog(x, /, out=None, *, where=True, ...)\n\n"                                       \
      "Private: the branch-free log of the vector-math layer (_core/sg_log.h), for tests.") \
    X(_vlog1p, sg_log1p,                                                                   \
      "_vlog1p(t, /, out=None, *, where=True, ...)\n\n"                                     \
      "Private: the branch-free log1p of the vector-math layer (_core/sg_log.h), for tests.")


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
      "log(1 - S_n(x)), finite however small 1 - S_n(x) is.")                              \
    X(student_t, sg_student_t,                                                             \
      "student_t(x, nu, /, out=None, *, where=True, ...)\n\n"                               \
      "The CDF of Student's t distribution with nu > 0 degrees of freedom (nu = inf: the\n" \
      "normal), correctly rounded in float16/float32, within 1 ULP in float64.")           \
    X(student_t_derivative, sg_student_t_derivative,                                       \
      "student_t_derivative(x, nu, /, out=None, *, where=True, ...)\n\n"                    \
      "The density of Student's t distribution, accurate in both tails.")                  \
    X(student_t_inverse, sg_student_t_inverse,                                             \
      "student_t_inverse(p, nu, /, out=None, *, where=True, ...)\n\n"                       \
      "The quantile of Student's t distribution, down to the smallest subnormal p.")       \
    X(student_t_logcdf, sg_student_t_logcdf,                                               \
      "student_t_logcdf(x, nu, /, out=None, *, where=True, ...)\n\n"                        \
      "log of the t CDF, finite as far as float64 goes (polynomial tails).")               \
    X(student_t_logsf, sg_student_t_logsf,                                                 \
      "student_t_logsf(x, nu, /, out=None, *, where=True, ...)\n\n"                         \
      "log(1 - t CDF), finite as far as float64 goes.")

/* The kernels whose narrow-mode compilation (see sg_math.h) the exhaustive
 * float32 audit has certified, against mpmath or bit for bit against the
 * certified full block (tools/audit_float32.py [--narrow], docs/accuracy.md);
 * tests/test_audit_tool.py fails if a kernel here lacks that certificate.
 * The float32/float16 loops of every other kernel run its full float64
 * block: the same rounding test, a slower but already proven kernel. */
#define SG_NARROW_CERTIFIED(X) \
    X(logistic) X(logistic_derivative) X(logistic_inverse) X(logistic_logcdf) \
    X(logistic_logsf) X(softplus) X(tanh) X(tanh_derivative) X(tanh_inverse) X(tanh_cdf) \
    X(tanh_pdf) X(tanh_ppf) X(tanh_logcdf) X(tanh_logsf) X(algebraic) X(algebraic_derivative) \
    X(algebraic_inverse) X(algebraic_cdf) X(algebraic_pdf) X(algebraic_ppf) \
    X(algebraic_logcdf) X(algebraic_logsf) X(softsign) X(softsign_derivative) \
    X(softsign_inverse) X(softsign_cdf) X(softsign_pdf) X(softsign_ppf) X(softsign_logcdf) \
    X(softsign_logsf) X(hard_sigmoid_logcdf) X(hard_sigmoid_logsf) X(hard_tanh_logcdf) \
    X(hard_tanh_logsf) X(plan_logcdf) X(plan_logsf) X(arctan) X(arctan_derivative) \
    X(arctan_inverse) X(arctan_cdf) X(arctan_pdf) X(arctan_ppf) X(arctan_logcdf) \
    X(arctan_logsf) X(gudermannian) X(gudermannian_derivative) X(gudermannian_inverse) \
    X(gudermannian_cdf) X(gudermannian_pdf) X(gudermannian_ppf) X(gudermannian_logcdf) \
    X(gudermannian_logsf) X(erf) X(erf_derivative) X(erf_inverse) X(erf_cdf) X(erf_pdf) \
    X(erf_ppf) X(erf_logcdf) X(erf_logsf) X(normal) X(normal_derivative) X(normal_inverse) \
    X(normal_logcdf) X(normal_logsf) X(gompertz) X(gompertz_derivative) X(gompertz_inverse) \
    X(gompertz_logcdf) X(gompertz_logsf) X(cloglog) X(cloglog_derivative) X(cloglog_inverse) \
    X(cloglog_logcdf) X(cloglog_logsf)

/* Kernels whose narrow double result needs no rounding test: rounded once to
 * float32 it is the correctly rounded result for every float32 input.  They
 * are the piecewise-linear kernels, whose double result on a float32 input
 * is exact or a single rounding of an affine c x + d that is never near a
 * float32 midpoint without being on it (hard_sigmoid.h argues its case).
 * Exact midpoints are what made the test costly for them (see SG_HARD_TOL in
 * sg_math.h), and the test itself costs as much as hard_tanh.  This is
 * certified, not argued: the --narrow comparison of tools/audit_float32.py
 * checks on all 2^32 float32 inputs that these loops give bit for bit the
 * full block's results with the test, and tests/test_audit_tool.py refuses
 * an entry here without that certificate.  (softsign failed it: x/(1 + |x|)
 * and its derivative, pdf and cdf, rounded once, are each wrong for one
 * float32 input pair, e.g. x = +-0x1.17022cp-7, where the exact value is
 * 1e-16 below a float32 midpoint and the double quotient rounds onto the
 * midpoint itself: that is what the test is for.)
 * Their contiguous float32 calls run one fused loop (load, widen, kernel,
 * round, store).  float16 keeps the test. */
#define SG_ROUNDS_ONCE(X) \
    X(hard_tanh) X(hard_tanh_derivative) X(hard_tanh_inverse) X(hard_tanh_cdf) X(hard_tanh_pdf) \
    X(hard_tanh_ppf) X(hard_sigmoid) X(hard_sigmoid_derivative) X(hard_sigmoid_inverse) \
    X(plan) X(plan_derivative) X(plan_inverse)

/* ivdep: out[i] depends on x[i] only, so an in-place call (out == x) is safe
 * to vectorise; the compiler cannot see that without restrict. */
#if defined(__clang__)
#define SG_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define SG_IVDEP _Pragma("GCC ivdep")
#else
#define SG_IVDEP
#endif

#if defined(SG_NARROW_TU)
/* The second compilation (meson builds this file again with SG_NARROW_TU):
 * the certified kernels in narrow mode, one block function each, for the
 * float32 and float16 loops of the main compilation. */
#define SG_EXPAND_NARROW(name)                                                              \
    SG_MULTIVERSION void name##_block_narrow(const double *restrict x, const double *restrict p, \
                                             double *restrict out, npy_intp n) {            \
        (void)p;                                                                            \
        for (npy_intp i = 0; i < n; i++) out[i] = sg_##name(x[i]);                           \
    }
SG_NARROW_CERTIFIED(SG_EXPAND_NARROW)
#define SG_EXPAND_ONCE(name)                                                                \
    SG_EXPAND_NARROW(name)                                                                  \
    SG_MULTIVERSION void name##_f32_once(const float *x, float *out, npy_intp n) {          \
        SG_IVDEP for (npy_intp i = 0; i < n; i++) out[i] = (float)sg_##name((double)x[i]);  \
    }
SG_ROUNDS_ONCE(SG_EXPAND_ONCE)
#else /* the main compilation */

/* ------------------------------------------------------------ the loops
 *
 * Each kernel gets one vectorisable block function, `name_block`, mapping
 * contiguous runs of doubles (x, and p for a two-input kernel) to doubles.
 * It is compiled several times, for AVX-512, for AVX2+FMA and for the
 * baseline, and the dynamic loader picks the best the CPU has (GCC/Clang
 * target_clones; SG_SIMD_PATH reports which).  The three dtype loops are
 * generic: they gather the inputs into double buffers (a broadcast
 * parameter has stride 0 and is simply repeated), run the block function
 * and round the results once.  Every path evaluates the same operations
 * with the same roundings (no contraction, fma() exact everywhere), so
 * results are bit-identical whichever path runs.  A float32 call of a
 * two-input kernel has float32 parameters: the result is correctly rounded
 * for the float32 x and p that were passed.
 */
#define SG_BLOCK 1024

typedef void (*sg_block_fn)(const double *restrict x, const double *restrict p, double *restrict out,
                            npy_intp n);
typedef sg_wide (*sg_wide_fn)(sg_wide x, sg_wide p);
typedef void (*sg_f32_fn)(const float *x, float *out, npy_intp n);
typedef struct {
    int nin;                  /* 1: x; 2: x and the family's parameter */
    sg_block_fn block;        /* float64 loop: full double-double kernels */
    sg_block_fn block_narrow; /* float32/float16 loops: the same, or the narrow mode (SG_NARROW_CERTIFIED) */
    sg_wide_fn wide;          /* binary128 twin for the hard cases */
    sg_f32_fn f32_once;       /* SG_ROUNDS_ONCE: contiguous float32 in one fused loop, no rounding test */
    sg_fast_fn f32_fast;      /* SG_FAST_F32_TABLE: the explicit-SIMD float32 loop (sg_vec.h) */
    sg_fast_fn f64_fast;      /* SG_FAST_F64_TABLE: the explicit-SIMD float64 loop */
} sg_impl;

static inline npy_intp sg_min(npy_intp a, npy_intp b) { return a < b ? a : b; }

/* 0 makes the float32/float16 loops run every kernel's full float64 block
 * instead of its narrow one: the audit (tools/audit_float32.py --narrow)
 * certifies a narrow block by comparing it bit for bit with the full block,
 * whose float32 results an exhaustive mpmath audit has already certified. */
static volatile int sg_narrow_enabled = 1;
/* 0 makes the float32 loops of SG_FAST_F32_TABLE run their narrow block
 * and the float64 loops of SG_FAST_F64_TABLE their full block instead of
 * the fast loop (tests compare the two). */
static volatile int sg_fast_enabled = 1;
static inline sg_block_fn sg_narrow_block(const sg_impl *impl) {
    return sg_narrow_enabled ? impl->block_narrow : impl->block;
}

enum sg_type { SG_F64, SG_F32, SG_F16 };

/* Input k of elements [start, start + len) widened exactly into buf. */
static inline void sg_gather(const char *in, npy_intp step, enum sg_type type, double *restrict buf,
                             npy_intp len) {
    if (type == SG_F64) {
        for (npy_intp i = 0; i < len; i++) buf[i] = *(const double *)(in + i * step);
    } else if (type == SG_F32) {
        if (step == sizeof(float)) {
            for (npy_intp i = 0; i < len; i++) buf[i] = ((const float *)in)[i];
        } else {
            for (npy_intp i = 0; i < len; i++) buf[i] = *(const float *)(in + i * step);
        }
    } else {
        for (npy_intp i = 0; i < len; i++) buf[i] = sg_half_to_double(*(const npy_half *)(in + i * step));
    }
}

/* The lanes a fast loop leaves (indices hard[0..count), at most SG_BLOCK),
 * redone together: gathered into one array and run through one call of the
 * block, so that inputs whose lanes are mostly hard (gompertz where it
 * underflows, an inverse outside its domain) cost what the block costs and
 * not one call per element.  float32: the certified narrow block, rounded
 * once or from the wide twin where the rounding test says so (what
 * sg_range_f does); float64: the full kernel.  One-input kernels only (the
 * fast tables hold no other), whose blocks ignore p. */
static void sg_redo_f32(const sg_impl *impl, const char *x, char *out, const int32_t *hard, long count) {
    double xs[SG_BLOCK], rs[SG_BLOCK];
    for (long k = 0; k < count; k++) xs[k] = ((const float *)x)[hard[k]];
    impl->block_narrow(xs, xs, rs, count);
    for (long k = 0; k < count; k++)
        ((float *)out)[hard[k]] = sg_f32_hard(rs[k]) ? (float)impl->wide((sg_wide)xs[k], 0) : (float)rs[k];
}
static void sg_redo_f64(const sg_impl *impl, const char *x, char *out, const int32_t *hard, long count) {
    double xs[SG_BLOCK], rs[SG_BLOCK];
    for (long k = 0; k < count; k++) xs[k] = ((const double *)x)[hard[k]];
    impl->block(xs, xs, rs, count);
    for (long k = 0; k < count; k++) ((double *)out)[hard[k]] = rs[k];
}

/* A call through a fast loop (SG_FAST_F32_TABLE, SG_FAST_F64_TABLE; elements
 * of `width` bytes), block by block: the strided or in-place input is
 * copied first (the hard lanes are redone from the input after the loop has
 * written its block).  The FP flags are saved before each fast block and
 * restored after it: a fast kernel may raise anything on the lanes it
 * leaves (sg_vec.h), and those lanes raise their own flags here, through
 * the certified path. */
static void sg_range_fast(const sg_impl *impl, char **args, npy_intp n, npy_intp const *steps, npy_intp width,
                          sg_fast_fn fast, void (*redo)(const sg_impl *, const char *, char *, const int32_t *, long)) {
    double in[SG_BLOCK], res[SG_BLOCK]; /* room for SG_BLOCK elements of either width */
    int32_t hard[SG_BLOCK];
    npy_intp is = steps[0], os = steps[1];
    int contiguous_in = is == width && args[0] != args[1];
    int contiguous_out = os == width;
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        const char *x = args[0] + start * is;
        char *out = args[1] + start * os;
        if (!contiguous_in) {
            for (npy_intp i = 0; i < len; i++) memcpy((char *)in + i * width, x + i * is, (size_t)width);
            x = (const char *)in;
        }
        char *dst = contiguous_out ? out : (char *)res;
        fexcept_t flags;
        fegetexceptflag(&flags, FE_ALL_EXCEPT);
        long count = fast(x, dst, (long)len, hard);
        fesetexceptflag(&flags, FE_ALL_EXCEPT);
        if (count > 0) redo(impl, x, dst, hard, count);
        if (!contiguous_out)
            for (npy_intp i = 0; i < len; i++) memcpy(out + i * os, (char *)res + i * width, (size_t)width);
    }
}

static SG_MULTIVERSION void sg_range_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_impl *impl = (const sg_impl *)data;
    int nin = impl->nin;
    if (impl->f64_fast && sg_fast_enabled) {
        sg_range_fast(impl, args, dims[0], steps, sizeof(double), impl->f64_fast, sg_redo_f64);
        return;
    }
    char *out = args[nin];
    npy_intp n = dims[0], os = steps[nin];
    int contiguous = os == sizeof(double) && steps[0] == sizeof(double) && args[0] != out;
    if (nin == 2) contiguous &= steps[1] == sizeof(double) && args[1] != out;
    if (contiguous) {
        impl->block((const double *)args[0], nin == 2 ? (const double *)args[1] : NULL, (double *)out, n);
        return;
    }
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        sg_gather(args[0] + start * steps[0], steps[0], SG_F64, x, len);
        if (nin == 2) sg_gather(args[1] + start * steps[1], steps[1], SG_F64, p, len);
        impl->block(x, p, r, len);
        for (npy_intp i = 0; i < len; i++) *(double *)(out + (start + i) * os) = r[i];
    }
}

/* float32: widen exactly, evaluate, round once; the few results within the
 * kernel's error of a float32 midpoint are redone from the wide twin. */
static SG_MULTIVERSION void sg_range_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_impl *impl = (const sg_impl *)data;
    int nin = impl->nin;
    npy_intp n = dims[0], os = steps[nin];
    if (impl->f32_fast && sg_narrow_enabled && sg_fast_enabled) {
        sg_range_fast(impl, args, n, steps, sizeof(float), impl->f32_fast, sg_redo_f32);
        return;
    }
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    /* SG_ROUNDS_ONCE: contiguous calls in one fused loop; strided ones take
     * the blocks below and skip the rounding test */
    int rounds_once = impl->f32_once && sg_narrow_enabled;
    if (rounds_once && steps[0] == sizeof(float) && os == sizeof(float)) {
        impl->f32_once((const float *)args[0], (float *)args[1], n);
        return;
    }
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        char *dst = args[nin] + start * os;
        sg_gather(args[0] + start * steps[0], steps[0], SG_F32, x, len);
        if (nin == 2) sg_gather(args[1] + start * steps[1], steps[1], SG_F32, p, len);
        sg_narrow_block(impl)(x, p, r, len);
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
        if (any_hard && !rounds_once) {
            for (npy_intp i = 0; i < len; i++)
                if (sg_f32_hard(r[i]))
                    *(float *)(dst + i * os) = (float)impl->wide((sg_wide)x[i], nin == 2 ? (sg_wide)p[i] : 0);
        }
    }
}

static void sg_range_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    const sg_impl *impl = (const sg_impl *)data;
    int nin = impl->nin;
    npy_intp n = dims[0], os = steps[nin];
    double x[SG_BLOCK], p[SG_BLOCK], r[SG_BLOCK];
    for (npy_intp start = 0; start < n; start += SG_BLOCK) {
        npy_intp len = sg_min(SG_BLOCK, n - start);
        char *dst = args[nin] + start * os;
        sg_gather(args[0] + start * steps[0], steps[0], SG_F16, x, len);
        if (nin == 2) sg_gather(args[1] + start * steps[1], steps[1], SG_F16, p, len);
        sg_narrow_block(impl)(x, p, r, len);
        for (npy_intp i = 0; i < len; i++) {
            npy_half h = sg_double_to_half(r[i]);
            if (sg_f16_hard(r[i]))
                h = sg_double_to_half(sg_wide_to_double_odd(impl->wide((sg_wide)x[i], nin == 2 ? (sg_wide)p[i] : 0)));
            *(npy_half *)(dst + i * os) = h;
        }
    }
}


/* ------------------------------------------------------------ threads
 *
 * Calls on at least SG_PARALLEL_MIN elements are split into contiguous
 * ranges, one per thread.  Every element is computed by the same code
 * whichever range it falls in, so results are bit-identical for any thread
 * count.  Threads are created per call and joined before returning: no pool,
 * no lock held across calls, hence nothing to deadlock after fork() or when
 * several Python threads call at once (the GIL is released in the loops).
 * FP flags are per thread, so each worker hands its flags back and the
 * calling thread raises them, where NumPy looks for them.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#define SG_PARALLEL_MIN (1 << 18)
#define SG_MAX_THREADS 64

typedef void (*sg_range_fn)(char **, npy_intp const *, npy_intp const *, void *);

static volatile int sg_num_threads = 1;
/* Set on the threads of a split call (the caller's included) while they run
 * their range: a row function there keeps its row on one thread. */
static _Thread_local int sg_split_active = 0;

typedef struct {
    sg_range_fn range;
    char *args[3];
    npy_intp dims[2];   /* the range's length, and a gufunc's core length */
    npy_intp steps[4];
    void *data;
    int flags;
} sg_task;

static void *sg_worker(void *arg) {
    sg_task *task = (sg_task *)arg;
    sg_split_active = 1;
    feclearexcept(FE_ALL_EXCEPT);
    task->range(task->args, task->dims, task->steps, task->data);
    task->flags = fetestexcept(FE_ALL_EXCEPT);
    return NULL;
}

/* range over dims[0] outer elements of `work` elements each, split into
 * ranges of whole multiples of `unit` when the call has at least
 * SG_PARALLEL_MIN elements; nargs arrays, nsteps steps (the outer ones first,
 * as NumPy passes them). */
static void sg_run_split(sg_range_fn range, char **args, npy_intp const *dims, npy_intp const *steps, void *data,
                         int nargs, int nsteps, npy_intp work, npy_intp unit) {
    npy_intp n = dims[0];
    int threads = sg_num_threads;
    if (threads > SG_MAX_THREADS) threads = SG_MAX_THREADS;
    if (threads <= 1 || n < 2 || n * work < SG_PARALLEL_MIN) {
        range(args, dims, steps, data);
        return;
    }
    sg_task tasks[SG_MAX_THREADS];
    pthread_t ids[SG_MAX_THREADS];
    int started[SG_MAX_THREADS];
    /* Ranges in whole units, the first one for the calling thread. */
    npy_intp per = ((n + threads - 1) / threads + unit - 1) / unit * unit;
    for (int t = 0; t < threads; t++) {
        npy_intp begin = t * per, end = begin + per < n ? begin + per : n;
        sg_task *task = &tasks[t];
        task->range = range;
        for (int k = 0; k < nargs; k++) task->args[k] = args[k] + (begin < n ? begin : n) * steps[k];
        for (int k = 0; k < nsteps; k++) task->steps[k] = steps[k];
        task->dims[0] = begin < n ? end - begin : 0;
        task->dims[1] = nsteps > nargs ? dims[1] : 0;
        task->data = data;
        task->flags = 0;
        started[t] = 0;
    }
    for (int t = 1; t < threads; t++) {
        if (tasks[t].dims[0] == 0) continue;
        started[t] = pthread_create(&ids[t], NULL, sg_worker, &tasks[t]) == 0;
        if (!started[t]) sg_worker(&tasks[t]); /* no thread: do it here */
    }
    sg_split_active = 1;
    range(tasks[0].args, tasks[0].dims, tasks[0].steps, data);
    sg_split_active = 0;
    int flags = 0;
    for (int t = 1; t < threads; t++) {
        if (started[t]) pthread_join(ids[t], NULL);
        flags |= tasks[t].flags;
    }
    if (flags) feraiseexcept(flags);
}

/* An elementwise loop: ranges in whole blocks. */
static void sg_run(sg_range_fn range, char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    int nargs = ((const sg_impl *)data)->nin + 1;
    sg_run_split(range, args, dims, steps, data, nargs, nargs, 1, SG_BLOCK);
}

static void sg_loop_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_run(sg_range_d, args, dims, steps, data);
}
static void sg_loop_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_run(sg_range_f, args, dims, steps, data);
}
static void sg_loop_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_run(sg_range_e, args, dims, steps, data);
}

static int sg_usable_cores(void) {
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) return CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static PyObject *sg_set_num_threads(PyObject *self, PyObject *arg) {
    (void)self;
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ValueError, "sigmoids.set_num_threads: the number of threads must be >= 1");
        return NULL;
    }
    sg_num_threads = n > SG_MAX_THREADS ? SG_MAX_THREADS : (int)n;
    Py_RETURN_NONE;
}

static PyObject *sg_get_num_threads(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyLong_FromLong(sg_num_threads);
}

static PyObject *sg_usable_cores_py(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return PyLong_FromLong(sg_usable_cores());
}

static PyObject *sg_set_narrow_blocks(PyObject *self, PyObject *arg) {
    (void)self;
    int enabled = PyObject_IsTrue(arg);
    if (enabled < 0) return NULL;
    int previous = sg_narrow_enabled;
    sg_narrow_enabled = enabled;
    return PyBool_FromLong(previous);
}

/* The fast-loop variants' functions, defined further down with their table. */
static PyObject *sg_fast_variant_names(PyObject *self, PyObject *unused);
static PyObject *sg_fast_variant_now(PyObject *self, PyObject *unused);
static PyObject *sg_set_fast_variant(PyObject *self, PyObject *arg);
static PyObject *sg_row_exact_rest_py(PyObject *self, PyObject *arg);

static PyObject *sg_set_fast_loops(PyObject *self, PyObject *arg) {
    (void)self;
    int enabled = PyObject_IsTrue(arg);
    if (enabled < 0) return NULL;
    int previous = sg_fast_enabled;
    sg_fast_enabled = enabled;
    return PyBool_FromLong(previous);
}

static PyMethodDef sg_methods[] = {
    {"set_num_threads", sg_set_num_threads, METH_O, "Set the number of threads of large calls."},
    {"get_num_threads", sg_get_num_threads, METH_NOARGS, "The number of threads of large calls."},
    {"usable_cores", sg_usable_cores_py, METH_NOARGS, "Cores this process may run on."},
    {"fast_variants", sg_fast_variant_names, METH_NOARGS,
     "Names of the float32 fast-loop variants this CPU can run, best first."},
    {"fast_variant", sg_fast_variant_now, METH_NOARGS,
     "(name, description) of the float32 fast-loop variant in use."},
    {"_set_fast_variant", sg_set_fast_variant, METH_O,
     "Internal (tests): run the float32 fast loops of the named variant; returns the previous name."},
    {"_row_exact_rest", sg_row_exact_rest_py, METH_O,
     "Internal (tests): (hi, lo, dropped) of the float64 exact pass of the variant in use over a row of doubles "
     "(a contiguous buffer): the sum of e^(x_j - max) over the elements but the first maximal one."},
    {"_set_fast_loops", sg_set_fast_loops, METH_O,
     "Internal (tests): False runs the float32 loops of FAST_KERNELS on their narrow blocks and the float64 loops of FAST_KERNELS_F64 on their full blocks; returns the previous setting."},
    {"_set_narrow_blocks", sg_set_narrow_blocks, METH_O,
     "Internal (audits): False runs the float32/float16 loops on the full float64 blocks; returns the previous setting."},
    {NULL, NULL, 0, NULL},
};

/* Each row's impl starts with its full block in the narrow loops too;
 * sg_install_narrow() switches the certified ones to their narrow block. */
#define SG_DEFINE_UNARY(name, kernel, doc)                                                  \
    static SG_MULTIVERSION void name##_block(const double *restrict x, const double *restrict p, \
                                             double *restrict out, npy_intp n) {            \
        (void)p;                                                                            \
        for (npy_intp i = 0; i < n; i++) out[i] = kernel(x[i]);                             \
    }                                                                                       \
    static sg_wide name##_wide(sg_wide x, sg_wide p) { (void)p; return kernel##_wide(x); }  \
    static sg_impl name##_impl = {1, name##_block, name##_block, name##_wide, NULL, NULL, NULL}; \
    static void *name##_data[3] = {(void *)&name##_impl, (void *)&name##_impl,              \
                                   (void *)&name##_impl};

#define SG_DEFINE_BINARY(name, kernel, doc)                                                 \
    static SG_MULTIVERSION void name##_block(const double *restrict x, const double *restrict p, \
                                             double *restrict out, npy_intp n) {            \
        for (npy_intp i = 0; i < n; i++) out[i] = kernel(x[i], p[i]);                       \
    }                                                                                       \
    static sg_wide name##_wide(sg_wide x, sg_wide p) { return kernel##_wide(x, p); }        \
    static sg_impl name##_impl = {2, name##_block, name##_block, name##_wide, NULL, NULL, NULL}; \
    static void *name##_data[3] = {(void *)&name##_impl, (void *)&name##_impl,              \
                                   (void *)&name##_impl};

#define SG_EXPAND_LOOPS(name, kernel, doc) SG_DEFINE_UNARY(name, kernel, doc)
SG_UNARY_TABLE(SG_EXPAND_LOOPS)
#define SG_EXPAND_LOOPS2(name, kernel, doc) SG_DEFINE_BINARY(name, kernel, doc)
SG_BINARY_TABLE(SG_EXPAND_LOOPS2)

#define SG_DECLARE_NARROW(name)                                                             \
    void name##_block_narrow(const double *restrict x, const double *restrict p, double *restrict out, \
                             npy_intp n);
SG_NARROW_CERTIFIED(SG_DECLARE_NARROW)
#define SG_DECLARE_ONCE(name) \
    SG_DECLARE_NARROW(name) void name##_f32_once(const float *x, float *out, npy_intp n);
SG_ROUNDS_ONCE(SG_DECLARE_ONCE)
#define SG_INSTALL_NARROW(name) name##_impl.block_narrow = name##_block_narrow;
#define SG_INSTALL_ONCE(name) SG_INSTALL_NARROW(name) name##_impl.f32_once = name##_f32_once;
static void sg_install_narrow(void) {
    SG_NARROW_CERTIFIED(SG_INSTALL_NARROW)
    SG_ROUNDS_ONCE(SG_INSTALL_ONCE)
}

typedef struct {
    const char *name;
    void **data;
    const char *doc;
} sg_spec;

#define SG_EXPAND_SPEC(name, kernel, doc) {#name, name##_data, doc},
static const sg_spec SG_UNARY_SPECS[] = {SG_UNARY_TABLE(SG_EXPAND_SPEC)};
static const sg_spec SG_BINARY_SPECS[] = {SG_BINARY_TABLE(SG_EXPAND_SPEC)};

static char SG_UNARY_TYPES[] = {NPY_HALF, NPY_HALF, NPY_FLOAT, NPY_FLOAT, NPY_DOUBLE, NPY_DOUBLE};
static char SG_BINARY_TYPES[] = {NPY_HALF, NPY_HALF, NPY_HALF, NPY_FLOAT, NPY_FLOAT, NPY_FLOAT,
                                 NPY_DOUBLE, NPY_DOUBLE, NPY_DOUBLE};
static PyUFuncGenericFunction SG_LOOPS[3] = {sg_loop_e, sg_loop_f, sg_loop_d};

/* ------------------------------------------------------ row functions
 *
 * softmax, log_softmax: gufuncs (n)->(n); logsumexp: (n)->().  float32 and
 * float64 rows go through the fast passes of the variant in use (softmax.h,
 * sg_row_fast_run), which hand back the elements their rounding test cannot
 * settle, and whole rows they do not take (a NaN or +inf, all -inf, a
 * logsumexp near a rounding boundary).  The scalar path: each row gathered
 * into doubles (exact widening), scanned once (softmax.h) and each output
 * element rounded once from its double-double value: float64 by
 * sg_ldexp_round / hi + lo, float32 and float16 from a round-to-odd double.
 * Rows are split across threads (sg_rows_run), whole rows each.
 */
typedef enum { SG_OP_SOFTMAX, SG_OP_LOG_SOFTMAX, SG_OP_LOGSUMEXP } sg_row_op;

static inline void sg_store_double(char *o, enum sg_type type, double v) {
    if (type == SG_F64) *(double *)o = v;
    else if (type == SG_F32) *(float *)o = (float)v;
    else *(npy_half *)o = sg_double_to_half(v);
}

/* The dd v rounded once to the output type. */
static inline void sg_store_dd(char *o, enum sg_type type, sg_dd v) {
    sg_store_double(o, type, type == SG_F64 ? v.hi + v.lo : sg_dd_to_double_odd(v));
}

/* Element j of a row (x_j its value) from the scalar scan, stored at o. */
static inline void sg_row_element(const sg_row *row, long long j, double xj, enum sg_type type, sg_row_op op,
                                  char *o) {
    int log = op == SG_OP_LOG_SOFTMAX;
    if (row->kind != SG_ROW_FINITE) {
        sg_store_double(o, type, sg_row_special(row, j, xj, log));
    } else if (xj == -INFINITY) {
        sg_store_double(o, type, log ? -INFINITY : 0.0);
    } else if (log) {
        sg_store_dd(o, type, sg_row_log_weight(row, xj));
    } else if (type == SG_F64) {
        *(double *)o = sg_exp_ddx_round(sg_row_log_weight(row, xj));
    } else {
        sg_store_dd(o, type, sg_exp_ddx(sg_row_log_weight(row, xj)));
    }
}

/* The row passes of the fast-loop variant in use (softmax.h, _fast.c). */
typedef struct {
    int (*scan)(const void *x, long n, double *max);
    void (*rest)(const void *x, long n, double m, long top, double rest[2], long *dropped);
    long (*weights)(const void *x, void *out, long n, const sg_row_fast_consts *c, int softmax,
                    int32_t *hard, int *underflow);
    /* rest to 2^-102 (the exact pass), for the elements `weights` left */
    void (*exact_rest)(const void *x, long n, double m, long top, double rest[2], long *dropped);
    /* rest to 2^-46 (float32 logsumexp and log_softmax rows) */
    void (*quick_rest)(const void *x, long n, double m, long top, double rest[2], long *dropped);
} sg_row_fast;
static sg_row_fast sg_row_fast_f32, sg_row_fast_f64;

/* The scratch of one call: the row as doubles (the scalar path's, and the
 * fast path's for its hard elements) and in its own type (a strided row's
 * copy for the fast passes); allocated once, at first need. */
typedef struct {
    double *wide;
    char *native;
    npy_intp n;
    double stack[SG_BLOCK];
} sg_row_scratch;

static double *sg_row_wide(sg_row_scratch *s) {
    if (s->wide == NULL) s->wide = s->n <= SG_BLOCK ? s->stack : (double *)PyMem_RawMalloc((size_t)s->n * sizeof(double));
    return s->wide;
}

/* logsumexp v = m + L, L with an absolute error under `error`: settled when
 * v - error and v + error round alike. */
static inline int sg_row_settled(sg_dd v, double error, enum sg_type type) {
    sg_dd below = {v.hi, v.lo - error}, above = {v.hi, v.lo + error};
    if (type == SG_F64) return below.hi + below.lo == above.hi + above.lo;
    return (float)sg_dd_to_double_odd(below) == (float)sg_dd_to_double_odd(above);
}

/* One part [begin, end) of a row's fast passes: what one thread does. */
typedef struct {
    const sg_row_fast *fast;
    const char *x;             /* the whole row, contiguous */
    size_t size;
    char *out;
    npy_intp out_core;
    int softmax;
    int phase;                 /* 0 scan, 1 rest, 2 weights, 3 exact rest, 4 the elements left,
                                  5 quick rest */
    long top;                  /* the first maximal element, row index */
    sg_row_fast_consts consts;
    npy_intp begin, end;
    int ok;                    /* scan: no NaN or +inf */
    double max;
    double rest[2];
    long dropped;
    int underflow;
    npy_intp *hard;            /* weights: the row indices left, grown as needed */
    npy_intp hard_count, hard_capacity;
    int failed;                /* out of memory */
    sg_row exact;              /* m and L, for the elements left */
    int settle;                /* phase 4: L is the rest pass's (2^-62): settle what it can */
    int raised;                /* phase 4: the FP flags (but inexact) set after it */
} sg_row_part;

static void sg_row_part_run(sg_row_part *p) {
    const char *x = p->x + p->begin * p->size;
    npy_intp n = p->end - p->begin;
    if (p->phase == 0) {
        p->ok = p->fast->scan(x, (long)n, &p->max);
    } else if (p->phase == 1 || p->phase == 3 || p->phase == 5) {
        (p->phase == 1 ? p->fast->rest : p->phase == 3 ? p->fast->exact_rest : p->fast->quick_rest)(
            x, (long)n, p->consts.max, p->top - (long)p->begin, p->rest, &p->dropped);
    } else if (p->phase == 4) {
        enum sg_type type = p->size == sizeof(double) ? SG_F64 : SG_F32;
        sg_row_op op = p->softmax ? SG_OP_SOFTMAX : SG_OP_LOG_SOFTMAX;
        npy_intp left = 0;
        for (npy_intp k = 0; k < p->hard_count; k++) {
            npy_intp j = p->hard[k];
            double xj = type == SG_F64 ? ((const double *)p->x)[j] : (double)((const float *)p->x)[j];
            char *o = p->out + j * p->out_core;
            if (!p->settle) {
                sg_row_element(&p->exact, (long long)j, xj, type, op, o);
                continue;
            }
            /* the element to 2^-100 but for L's 2^-62 (its relative error
             * in both results: t = (x_j - m) - L does not cancel) */
            sg_dd t = sg_row_log_weight(&p->exact, xj);
            sg_dd v = p->softmax ? sg_exp_ddx(t) : t;
            if (sg_row_settled(v, 0x1p-58 * fabs(v.hi), type)) sg_store_dd(o, type, v);
            else p->hard[left++] = j;
        }
        if (p->settle) p->hard_count = left;
        p->raised = fetestexcept(FE_UNDERFLOW | FE_OVERFLOW | FE_DIVBYZERO | FE_INVALID);
    } else {
        int contiguous = p->out_core == (npy_intp)p->size;
        for (npy_intp start = 0; start < n; start += SG_BLOCK) {
            npy_intp len = n - start < SG_BLOCK ? n - start : SG_BLOCK;
            double block[SG_BLOCK];
            char *dst = contiguous ? p->out + (p->begin + start) * p->out_core : (char *)block;
            int32_t hard[SG_BLOCK];
            int underflow;
            long count = p->fast->weights(x + start * p->size, dst, (long)len, &p->consts, p->softmax, hard, &underflow);
            p->underflow |= underflow;
            if (p->hard_count + count > p->hard_capacity) {
                npy_intp capacity = 2 * p->hard_capacity + SG_BLOCK;
                npy_intp *grown = PyMem_RawRealloc(p->hard, (size_t)capacity * sizeof(npy_intp));
                if (grown == NULL) {
                    p->failed = 1;
                    return;
                }
                p->hard = grown;
                p->hard_capacity = capacity;
            }
            for (long k = 0; k < count; k++) p->hard[p->hard_count++] = p->begin + start + hard[k];
            if (!contiguous)
                for (npy_intp j = 0; j < len; j++)
                    memcpy(p->out + (p->begin + start + j) * p->out_core, dst + j * p->size, p->size);
        }
    }
}

static void *sg_row_part_worker(void *arg) {
    sg_row_part_run((sg_row_part *)arg);
    return NULL;
}

/* One phase over every part: parts 1.. on their own threads, part 0 here. */
static void sg_row_phase(sg_row_part *parts, int count, int phase) {
    pthread_t ids[SG_MAX_THREADS];
    int started[SG_MAX_THREADS];
    for (int t = 0; t < count; t++) parts[t].phase = phase;
    for (int t = 1; t < count; t++) {
        started[t] = pthread_create(&ids[t], NULL, sg_row_part_worker, &parts[t]) == 0;
        if (!started[t]) sg_row_part_run(&parts[t]); /* no thread: do it here */
    }
    sg_row_part_run(&parts[0]);
    for (int t = 1; t < count; t++)
        if (started[t]) pthread_join(ids[t], NULL);
}

/* Phase 4 (the elements the passes left) on every part, from L in
 * parts[].exact, settling only what that L settles if `settle`; the flags
 * their rounding raised on other threads are raised here too (a new thread
 * starts with its creator's flags, so that only new ones are added). */
static npy_intp sg_row_phase_elements(sg_row_part *parts, int count, sg_dd log_sum, double m, int settle) {
    for (int t = 0; t < count; t++) {
        parts[t].exact = (sg_row){SG_ROW_FINITE, m, log_sum, -1};
        parts[t].settle = settle;
    }
    sg_row_phase(parts, count, 4);
    npy_intp left = 0;
    int raised = 0;
    for (int t = 0; t < count; t++) {
        left += parts[t].hard_count;
        raised |= parts[t].raised;
    }
    if (raised) feraiseexcept(raised);
    return left;
}

/* The sum of the parts' rests (in order) and of their dropped terms. */
static sg_dd sg_row_parts_rest(const sg_row_part *parts, int count, long *dropped) {
    sg_dd rest = {0.0, 0.0};
    *dropped = 0;
    for (int t = 0; t < count; t++) {
        rest = sg_dd_add(rest, (sg_dd){parts[t].rest[0], parts[t].rest[1]});
        *dropped += parts[t].dropped;
    }
    return rest;
}

/* One row through the fast passes; 0 where the row is the scalar path's
 * (which then writes every element): a NaN or +inf, all -inf, or a rest
 * too small to keep its relative accuracy once terms were dropped; -1 out
 * of memory.  A long row is cut into `threads` parts of whole blocks, each
 * pass run on all of them at once (the parts' sums added in order);
 * results do not depend on the cut: each is the correctly rounded one, or
 * the scalar path's. */
static int sg_row_fast_run(const sg_row_fast *fast, const char *in, npy_intp in_core, char *out, npy_intp out_core,
                           npy_intp n, enum sg_type type, sg_row_op op, sg_row_scratch *scratch, int threads) {
    size_t size = type == SG_F64 ? sizeof(double) : sizeof(float);
    const char *x = in;
    if (in_core != (npy_intp)size) {
        if (scratch->native == NULL && (scratch->native = PyMem_RawMalloc((size_t)n * size)) == NULL) return -1;
        for (npy_intp j = 0; j < n; j++) memcpy(scratch->native + j * size, in + j * in_core, size);
        x = scratch->native;
    }
    if (threads > SG_MAX_THREADS) threads = SG_MAX_THREADS;
    if (threads < 1 || n < SG_PARALLEL_MIN) threads = 1;
    sg_row_part parts[SG_MAX_THREADS];
    npy_intp per = ((n + threads - 1) / threads + SG_BLOCK - 1) / SG_BLOCK * SG_BLOCK;
    int count = 0;
    for (npy_intp begin = 0; begin < n; begin += per) {
        sg_row_part *p = &parts[count++];
        memset(p, 0, sizeof *p);
        p->fast = fast;
        p->x = x;
        p->size = size;
        p->out = out;
        p->out_core = out_core;
        p->softmax = op == SG_OP_SOFTMAX;
        p->begin = begin;
        p->end = begin + per < n ? begin + per : n;
    }
    sg_row_phase(parts, count, 0);
    double m = -INFINITY;
    for (int t = 0; t < count; t++) {
        if (!parts[t].ok) return 0;
        m = parts[t].max > m ? parts[t].max : m;
    }
    if (m == -INFINITY) return 0;
    long top = 0;
    while ((type == SG_F64 ? ((const double *)x)[top] : (double)((const float *)x)[top]) != m) top++;
    for (int t = 0; t < count; t++) {
        parts[t].top = top;
        parts[t].consts.max = m;
    }
    /* Which rest pass:
     * - a float64 (log-)softmax row leaves the elements pass about 1 lane
     *   in 2^7 (sg_vf64_near_midpoint), so any but a short row needs L to
     *   2^-100 for them: such rows take the exact pass at once (it costs
     *   about 1.3x the fast one);
     * - a float32 logsumexp needs L to 2^-44 only, and so does a float32
     *   log_softmax but for 1 element in about 2^19: whose bits below
     *   float32 are L's alone, so that they come all or none per binade
     *   and most rows need no exact pass (the quick pass: 1e7 elements of
     *   N(0, 9), 13x a copy against 20x through the fast one);
     * - a float32 softmax leaves 1 element in 2^19 spread at random (e^t
     *   scrambles the bits): the fast pass (2^-62), with which phase 4
     *   settles all but 1 in about 2^30 of them (24x against 32x through
     *   the quick pass and the exact one). */
    int exact = type == SG_F64 && op != SG_OP_LOGSUMEXP;
    int quick = type == SG_F32 && op != SG_OP_SOFTMAX;
    sg_row_phase(parts, count, exact ? 3 : quick ? 5 : 1);
    long dropped;
    sg_dd rest = sg_row_parts_rest(parts, count, &dropped);
    /* the passes' dropped terms (below e^-600, e^-120, e^-640) weigh
     * nothing beside a rest above these */
    if (dropped && rest.hi < (exact ? 0x1p-700 : quick ? 0x1p-60 : 0x1p-800)) return 0;
    sg_dd log_sum = sg_log1p_ddx(rest);
    if (op == SG_OP_LOGSUMEXP) {
        sg_dd v = sg_two_sum(m, log_sum.hi);
        v = sg_fast_two_sum(v.hi, v.lo + log_sum.lo);
        /* L's error: 2^-62 (fast pass), 2^-46 (quick pass) of itself */
        double error = (quick ? 0x1p-44 : 0x1p-57) * log_sum.hi;
        if (!(fabs(m) < 0x1p1000) || !sg_row_settled(v, error, type)) return 0;
        sg_store_dd(out, type, v);
        return 1;
    }
    for (int t = 0; t < count; t++) parts[t].consts = (sg_row_fast_consts){m, log_sum.hi, log_sum.lo};
    sg_row_phase(parts, count, 2);
    int underflow = 0, failed = 0, done = 1;
    npy_intp hard_count = 0;
    for (int t = 0; t < count; t++) {
        underflow |= parts[t].underflow;
        failed |= parts[t].failed;
        hard_count += parts[t].hard_count;
    }
    if (hard_count > 0 && !failed && !exact) {
        /* the elements left, from the fast pass's L where it settles them
         * (not the quick pass's: 2^-46) */
        if (!quick) hard_count = sg_row_phase_elements(parts, count, log_sum, m, 1);
        /* the rest need L to 2^-100; where the exact pass's dropped terms
         * could weigh, the row is the scalar path's */
        if (hard_count > 0) {
            sg_row_phase(parts, count, 3);
            rest = sg_row_parts_rest(parts, count, &dropped);
            if (dropped && rest.hi < 0x1p-700) done = 0;
            else log_sum = sg_log1p_ddx(rest);
        }
    }
    if (hard_count > 0 && !failed && done) sg_row_phase_elements(parts, count, log_sum, m, 0);
    for (int t = 0; t < count; t++) PyMem_RawFree(parts[t].hard);
    if (failed) return -1;
    if (done && underflow) sg_raise_underflow();
    return done;
}

static void sg_rows(char **args, npy_intp const *dims, npy_intp const *steps, enum sg_type type, sg_row_op op) {
    npy_intp rows = dims[0], n = dims[1];
    npy_intp in_step = steps[0], out_step = steps[1], in_core = steps[2];
    npy_intp out_core = op == SG_OP_LOGSUMEXP ? 0 : steps[3];
    /* float16 keeps the scalar path (its rows are short and rare) */
    const sg_row_fast *fast = !sg_fast_enabled || n == 0 ? NULL
                            : type == SG_F32 ? &sg_row_fast_f32 : type == SG_F64 ? &sg_row_fast_f64 : NULL;
    sg_row_scratch scratch;
    scratch.wide = NULL;
    scratch.native = NULL;
    scratch.n = n;
    int failed = 0;
    for (npy_intp r = 0; r < rows && !failed; r++) {
        char *out = args[1] + r * out_step;
        if (fast != NULL) {
            int done = sg_row_fast_run(fast, args[0] + r * in_step, in_core, out, out_core, n, type, op, &scratch,
                                       sg_split_active ? 1 : sg_num_threads);
            if (done < 0) failed = 1;
            if (done != 0) continue;
        }
        double *x = sg_row_wide(&scratch);
        if (x == NULL) {
            failed = 1;
            break;
        }
        sg_gather(args[0] + r * in_step, in_core, type, x, n);
        sg_row row = sg_row_scan(x, (long long)n);
        if (op == SG_OP_LOGSUMEXP) {
            sg_store_dd(out, type, sg_row_logsumexp(&row));
            continue;
        }
        for (npy_intp j = 0; j < n; j++) sg_row_element(&row, (long long)j, x[j], type, op, out + j * out_core);
    }
    if (scratch.wide != NULL && scratch.wide != scratch.stack) PyMem_RawFree(scratch.wide);
    PyMem_RawFree(scratch.native);
    if (failed) {
        NPY_ALLOW_C_API_DEF
        NPY_ALLOW_C_API
        PyErr_NoMemory();
        NPY_DISABLE_C_API
    }
}

static void sg_rows_range_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows(args, dims, steps, SG_F64, (sg_row_op)(intptr_t)data);
}
static void sg_rows_range_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows(args, dims, steps, SG_F32, (sg_row_op)(intptr_t)data);
}
static void sg_rows_range_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows(args, dims, steps, SG_F16, (sg_row_op)(intptr_t)data);
}
/* Rows split across threads, whole rows each (a row is computed alike
 * whichever thread has it).  Four steps: the outer ones of x and out, the
 * core ones of x and out (logsumexp's out has none; NumPy passes three). */
static void sg_rows_run(sg_range_fn range, char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    int nsteps = (sg_row_op)(intptr_t)data == SG_OP_LOGSUMEXP ? 3 : 4;
    sg_run_split(range, args, dims, steps, data, 2, nsteps, dims[1], 1);
}
static void sg_rows_d(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows_run(sg_rows_range_d, args, dims, steps, data);
}
static void sg_rows_f(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows_run(sg_rows_range_f, args, dims, steps, data);
}
static void sg_rows_e(char **args, npy_intp const *dims, npy_intp const *steps, void *data) {
    sg_rows_run(sg_rows_range_e, args, dims, steps, data);
}

static PyUFuncGenericFunction SG_ROW_LOOPS[3] = {sg_rows_e, sg_rows_f, sg_rows_d};
static void *SG_ROW_DATA[3][3] = {
    {(void *)SG_OP_SOFTMAX, (void *)SG_OP_SOFTMAX, (void *)SG_OP_SOFTMAX},
    {(void *)SG_OP_LOG_SOFTMAX, (void *)SG_OP_LOG_SOFTMAX, (void *)SG_OP_LOG_SOFTMAX},
    {(void *)SG_OP_LOGSUMEXP, (void *)SG_OP_LOGSUMEXP, (void *)SG_OP_LOGSUMEXP},
};
static const struct {
    const char *name, *signature, *doc;
} SG_ROW_SPECS[3] = {
    {"softmax", "(n)->(n)",
     "softmax(x, /, out=None, *, axes=None, ...)\n\n"
     "exp(x_j - logsumexp(x)) along the core axis, each element rounded once; "
     "softmax([z, 0])[0] == logistic(z)."},
    {"log_softmax", "(n)->(n)",
     "log_softmax(x, /, out=None, *, axes=None, ...)\n\n"
     "x_j - logsumexp(x) along the core axis, each element rounded once."},
    {"logsumexp", "(n)->()",
     "logsumexp(x, /, out=None, *, axes=None, ...)\n\n"
     "log(sum(exp(x))) along the core axis, rounded once; never overflows for finite x."},
};

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

/* ------------------------------------------------- fast loop variants
 *
 * _fast.c is compiled once per SIMD target (meson.build); each compilation
 * names its loops with its suffix.  sg_fast_pick installs one variant's
 * loops in the impls: the best the CPU runs, at import, or the one asked
 * for (_set_fast_variant: tests compare the variants with each other). */
#define SG_FAST_DECLARE_IN(variant, name) long sg_fast_##name##_f32_##variant(const void *, void *, long, int32_t *);
#define SG_FAST_ENTRY_IN(variant, name) sg_fast_##name##_f32_##variant,
#define SG_FAST_DECLARE64_IN(variant, name) \
    long sg_fast_##name##_f64_##variant(const void *, void *, long, int32_t *);
#define SG_FAST_ENTRY64_IN(variant, name) sg_fast_##name##_f64_##variant,
#define SG_FAST_FIELD(name) sg_fast_fn name;
#define SG_FAST_FIELD64(name) sg_fast_fn name##_f64;
typedef struct {
    const char *name, *description;
    int usable; /* set by sg_fast_probe */
    SG_FAST_F32_TABLE(SG_FAST_FIELD)
    SG_FAST_F64_TABLE(SG_FAST_FIELD64)
    sg_row_fast row_f32, row_f64;
} sg_fast_variant;

/* The row passes of softmax.h, per width and variant. */
#define SG_ROW_DECLARE(variant, width)                                                            \
    int sg_row_fast_scan_##width##_##variant(const void *, long, double *);                        \
    void sg_row_fast_rest_##width##_##variant(const void *, long, double, long, double[2], long *); \
    void sg_row_fast_exact_rest_##width##_##variant(const void *, long, double, long, double[2], long *); \
    void sg_row_fast_quick_rest_##width##_##variant(const void *, long, double, long, double[2], long *); \
    long sg_row_fast_weights_##width##_##variant(const void *, void *, long, const sg_row_fast_consts *, \
                                                 int, int32_t *, int *);
#define SG_ROW_ENTRY(variant, width)                                                              \
    {sg_row_fast_scan_##width##_##variant, sg_row_fast_rest_##width##_##variant,                   \
     sg_row_fast_weights_##width##_##variant, sg_row_fast_exact_rest_##width##_##variant,          \
     sg_row_fast_quick_rest_##width##_##variant}
#define SG_FAST_VARIANT_DECLARATIONS(variant)                                                \
    SG_FAST_F32_TABLE(SG_FAST_DECLARE_##variant) SG_FAST_F64_TABLE(SG_FAST_DECLARE64_##variant) \
    SG_ROW_DECLARE(variant, f32) SG_ROW_DECLARE(variant, f64)
#define SG_FAST_VARIANT_ENTRIES(variant)                                                     \
    SG_FAST_F32_TABLE(SG_FAST_ENTRY_##variant) SG_FAST_F64_TABLE(SG_FAST_ENTRY64_##variant)   \
    SG_ROW_ENTRY(variant, f32), SG_ROW_ENTRY(variant, f64)
#define SG_FAST_DECLARE_base(name) SG_FAST_DECLARE_IN(base, name)
#define SG_FAST_ENTRY_base(name) SG_FAST_ENTRY_IN(base, name)
#define SG_FAST_DECLARE64_base(name) SG_FAST_DECLARE64_IN(base, name)
#define SG_FAST_ENTRY64_base(name) SG_FAST_ENTRY64_IN(base, name)
SG_FAST_VARIANT_DECLARATIONS(base)
#if defined(SG_VEC_X86)
#define SG_FAST_DECLARE_v3(name) SG_FAST_DECLARE_IN(v3, name)
#define SG_FAST_ENTRY_v3(name) SG_FAST_ENTRY_IN(v3, name)
#define SG_FAST_DECLARE64_v3(name) SG_FAST_DECLARE64_IN(v3, name)
#define SG_FAST_ENTRY64_v3(name) SG_FAST_ENTRY64_IN(v3, name)
#define SG_FAST_DECLARE_v4(name) SG_FAST_DECLARE_IN(v4, name)
#define SG_FAST_ENTRY_v4(name) SG_FAST_ENTRY_IN(v4, name)
#define SG_FAST_DECLARE64_v4(name) SG_FAST_DECLARE64_IN(v4, name)
#define SG_FAST_ENTRY64_v4(name) SG_FAST_ENTRY64_IN(v4, name)
SG_FAST_VARIANT_DECLARATIONS(v3)
SG_FAST_VARIANT_DECLARATIONS(v4)
#endif

/* Best first. */
static sg_fast_variant sg_fast_variants[] = {
#if defined(SG_VEC_X86)
    {"v4", "x86-64-v4 (AVX-512)", 0, SG_FAST_VARIANT_ENTRIES(v4)},
    {"v3", "x86-64-v3 (AVX2+FMA)", 0, SG_FAST_VARIANT_ENTRIES(v3)},
    {"base", "x86-64 baseline (SSE2)", 1, SG_FAST_VARIANT_ENTRIES(base)},
#else
    {"base", "portable (compiler's default target)", 1, SG_FAST_VARIANT_ENTRIES(base)},
#endif
};
#define SG_FAST_VARIANT_COUNT ((int)(sizeof(sg_fast_variants) / sizeof(sg_fast_variants[0])))
static int sg_fast_current = SG_FAST_VARIANT_COUNT - 1;

static void sg_fast_probe(void) {
#if defined(SG_VEC_X86)
    __builtin_cpu_init();
    sg_fast_variants[0].usable = __builtin_cpu_supports("x86-64-v4");
    sg_fast_variants[1].usable = __builtin_cpu_supports("x86-64-v3");
#endif
}

#define SG_FAST_INSTALL(name) name##_impl.f32_fast = variant->name;
#define SG_FAST_INSTALL64(name) name##_impl.f64_fast = variant->name##_f64;
static void sg_fast_install(int index) {
    const sg_fast_variant *variant = &sg_fast_variants[index];
    sg_fast_current = index;
    SG_FAST_F32_TABLE(SG_FAST_INSTALL)
    SG_FAST_F64_TABLE(SG_FAST_INSTALL64)
    sg_row_fast_f32 = variant->row_f32;
    sg_row_fast_f64 = variant->row_f64;
}

static int sg_fast_best(void) {
    for (int i = 0; i < SG_FAST_VARIANT_COUNT; i++)
        if (sg_fast_variants[i].usable) return i;
    return SG_FAST_VARIANT_COUNT - 1;
}

static PyObject *sg_fast_variant_names(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    PyObject *names = PyList_New(0);
    for (int i = 0; names && i < SG_FAST_VARIANT_COUNT; i++) {
        if (!sg_fast_variants[i].usable) continue;
        PyObject *name = PyUnicode_FromString(sg_fast_variants[i].name);
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_XDECREF(name);
            Py_CLEAR(names);
            break;
        }
        Py_DECREF(name);
    }
    return names;
}

static PyObject *sg_set_fast_variant(PyObject *self, PyObject *arg) {
    (void)self;
    const char *name = PyUnicode_AsUTF8(arg);
    if (name == NULL) return NULL;
    for (int i = 0; i < SG_FAST_VARIANT_COUNT; i++) {
        if (strcmp(name, sg_fast_variants[i].name) != 0) continue;
        if (!sg_fast_variants[i].usable) {
            PyErr_Format(PyExc_ValueError, "sigmoids: this CPU cannot run the %s loops (%s)", name,
                         sg_fast_variants[i].description);
            return NULL;
        }
        const char *previous = sg_fast_variants[sg_fast_current].name;
        sg_fast_install(i);
        return PyUnicode_FromString(previous);
    }
    PyErr_Format(PyExc_ValueError, "sigmoids: no SIMD variant named %R", arg);
    return NULL;
}

static PyObject *sg_row_exact_rest_py(PyObject *self, PyObject *arg) {
    (void)self;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    const double *x = view.buf;
    long n = (long)(view.len / (Py_ssize_t)sizeof(double));
    long top = 0;
    for (long j = 1; j < n; j++)
        if (x[j] > x[top]) top = j;
    double rest[2] = {0.0, 0.0};
    long dropped = 0;
    if (n > 0) sg_row_fast_f64.exact_rest(x, n, x[top], top, rest, &dropped);
    PyBuffer_Release(&view);
    return Py_BuildValue("(ddl)", rest[0], rest[1], dropped);
}

static PyObject *sg_fast_variant_now(PyObject *self, PyObject *unused) {
    (void)self;
    (void)unused;
    return Py_BuildValue("(ss)", sg_fast_variants[sg_fast_current].name,
                         sg_fast_variants[sg_fast_current].description);
}

/* ----------------------------------------------------------------- module */

static struct PyModuleDef sg_module = {
    PyModuleDef_HEAD_INIT, "_ufuncs",
    "The compiled NumPy ufuncs of sigmoids (one per kernel).", -1, sg_methods,
};

PyMODINIT_FUNC PyInit__ufuncs(void) {
    import_array();
    import_umath();
    PyObject *module = PyModule_Create(&sg_module);
    if (module == NULL) return NULL;
    sg_num_threads = sg_usable_cores();
    sg_install_narrow();
    sg_fast_probe();
    sg_fast_install(sg_fast_best());
    const struct { const sg_spec *specs; size_t count; int nin; char *types; } tables[2] = {
        {SG_UNARY_SPECS, sizeof(SG_UNARY_SPECS) / sizeof(SG_UNARY_SPECS[0]), 1, SG_UNARY_TYPES},
        {SG_BINARY_SPECS, sizeof(SG_BINARY_SPECS) / sizeof(SG_BINARY_SPECS[0]), 2, SG_BINARY_TYPES},
    };
    for (int t = 0; t < 2; t++) {
        for (size_t i = 0; i < tables[t].count; i++) {
            const sg_spec *spec = &tables[t].specs[i];
            PyObject *ufunc = PyUFunc_FromFuncAndData(SG_LOOPS, spec->data, tables[t].types, 3, tables[t].nin, 1,
                                                      PyUFunc_None, spec->name, spec->doc, 0);
            if (ufunc == NULL || PyModule_AddObject(module, spec->name, ufunc) < 0) {
                Py_XDECREF(ufunc);
                Py_DECREF(module);
                return NULL;
            }
        }
    }
    for (int i = 0; i < 3; i++) {
        PyObject *ufunc = PyUFunc_FromFuncAndDataAndSignature(
            SG_ROW_LOOPS, SG_ROW_DATA[i], SG_UNARY_TYPES, 3, 1, 1, PyUFunc_None, SG_ROW_SPECS[i].name,
            SG_ROW_SPECS[i].doc, 0, SG_ROW_SPECS[i].signature);
        if (ufunc == NULL || PyModule_AddObject(module, SG_ROW_SPECS[i].name, ufunc) < 0) {
            Py_XDECREF(ufunc);
            Py_DECREF(module);
            return NULL;
        }
    }
#define SG_NAME_STRING(name) #name " "
    if (PyModule_AddStringConstant(module, "NARROW_KERNELS", SG_NARROW_CERTIFIED(SG_NAME_STRING)) < 0 ||
        PyModule_AddStringConstant(module, "ROUND_ONCE_KERNELS", SG_ROUNDS_ONCE(SG_NAME_STRING)) < 0 ||
        PyModule_AddStringConstant(module, "FAST_KERNELS", SG_FAST_F32_TABLE(SG_NAME_STRING)) < 0 ||
        PyModule_AddStringConstant(module, "FAST_KERNELS_F64", SG_FAST_F64_TABLE(SG_NAME_STRING)) < 0 ||
        PyModule_AddStringConstant(module, "WIDE_TYPE", SG_WIDE_NAME) < 0 ||
        PyModule_AddIntConstant(module, "PARALLEL_MIN", SG_PARALLEL_MIN) < 0 ||
        PyModule_AddStringConstant(module, "SIMD_PATH", sg_simd_path()) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

#endif /* SG_NARROW_TU */
