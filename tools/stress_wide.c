/*
 * stress_wide.c -- float64 kernels against their own binary128 twins on
 * millions of inputs: a fast, dense complement to tools/measure_float64.py
 * (which is exact but slow, mpmath).  Each twin is written not to cancel
 * and is accurate to about 2^-106, far below the 2^-53 being measured, so
 * its verdicts are reliable; confirm the worst inputs it prints with
 * sigmoids.reference (mpmath).  Inputs: every binade of both signs, dense
 * uniform ranges, both tails, and (for inverses) the doubles next to pi/2.
 *
 *   gcc -O2 -ffp-contract=off -fno-trapping-math -DSG_HAVE_QUADMATH \
 *       -Isrc/sigmoids/_core tools/stress_wide.c -o /tmp/stress -lquadmath -lm
 *   /tmp/stress 2000000 [kernel]
 *
 * Prints per kernel the max error in ULP, where it occurs, and how many
 * inputs were above 0.5 ULP (not correctly rounded).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arctan.h"
#include "gudermannian.h"
typedef double (*kf)(double);
typedef __float128 (*wf)(__float128);
static uint64_t state = 88172645463325252ULL;   /* xorshift64: reproducible */
static uint64_t rnd(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }
static double unif(void) { return (rnd() >> 11) * 0x1p-53; }
static double ulp_err(double o, __float128 r) {
    if (isnanq(r)) return isnan(o) ? 0 : 1e9;
    if (isinfq(r)) return (isinf(o) && (o > 0) == (r > 0)) ? 0 : 1e9;
    __float128 ar = fabsq(r);
    int e; frexpq(ar, &e);           /* ar in [2^(e-1), 2^e) */
    int ex = e - 1; if (ex < -1022) ex = -1022;
    __float128 ulp = ldexpq(1.0Q, ex - 52);
    if (ar >= 0x1p1024Q) return isinf(o) ? 0 : 1e9;
    return (double)(fabsq((__float128)o - r) / ulp);
}
#define K(n) {#n, sg_##n, sg_##n##_wide}
struct { const char *name; kf f; wf w; } ks[] = {
    K(arctan), K(arctan_derivative), K(arctan_inverse), K(arctan_cdf), K(arctan_pdf), K(arctan_ppf),
    K(arctan_logcdf), K(arctan_logsf), K(gudermannian), K(gudermannian_derivative), K(gudermannian_inverse),
    K(gudermannian_cdf), K(gudermannian_pdf), K(gudermannian_ppf), K(gudermannian_logcdf), K(gudermannian_logsf)};
int main(int argc, char **argv) {
    long n = atol(argv[1]);
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        if (argc > 2 && strcmp(argv[2], ks[i].name)) continue;
        int inv = strstr(ks[i].name, "inverse") != NULL, ppf = strstr(ks[i].name, "ppf") != NULL;
        double worst = 0, wx = 0; long over = 0;
        for (long j = 0; j < n; j++) {
            double x; int mode = j % 4;
            if (inv) {
                double h = 1.5707963267948966;
                if (mode == 0) x = (2 * unif() - 1) * h;
                else if (mode == 1) x = h - ldexp(unif(), -(int)(rnd() % 60));
                else if (mode == 2) x = ldexp(unif(), -(int)(rnd() % 1075));
                else x = nextafter(h, 0) - (double)(rnd() % 1000) * 0x1p-52;
                if (rnd() & 1) x = -x;
            } else if (ppf) {
                if (mode == 0) x = unif();
                else if (mode == 1) x = ldexp(unif(), -(int)(rnd() % 1075));
                else if (mode == 2) x = 1 - ldexp(unif(), -(int)(rnd() % 54));
                else x = 0.5 + (2 * unif() - 1) * ldexp(1, -(int)(rnd() % 55));
            } else {
                if (mode == 0) x = (2 * unif() - 1) * 4;
                else if (mode == 1) x = (2 * unif() - 1) * 800;
                else if (mode == 2) x = ldexp(0.5 + 0.5 * unif(), (int)(rnd() % 2098) - 1074);
                else x = (2 * unif() - 1) * 60;
                if (rnd() & 1) x = -x;
            }
            double o = ks[i].f(x);
            double e = ulp_err(o, ks[i].w((__float128)x));
            if (e > 0.5 + 1e-9) over++;
            if (e > worst) { worst = e; wx = x; }
        }
        printf("%-26s max %.6f ULP at %.17g (%a); %ld above 0.5 of %ld\n", ks[i].name, worst, wx, wx, over, n);
        fflush(stdout);
    }
}
