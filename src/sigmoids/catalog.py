"""The catalog: every sigmoid as a row of data, and the ``Sigmoid`` type that serves it.

Each row of ``ROWS`` says what an entry *is* -- its formula, range, slope at
0, symmetry, the scipy.stats distribution whose CDF its CDF form is, which
compiled kernel implements each operation, the measured accuracy of those
kernels and the branch points inside them.  Documentation, the CLI table,
plots and the test suite all read this table; nothing about an entry is
written twice.

Operations of an entry (all NumPy ufuncs underneath):

``value``      the sigmoid itself: ``entry(x)``
``derivative`` d/dx
``inverse``    on the open range
``cdf``        the CDF form (s - a)/(b - a), range (0, 1)
``pdf``        its derivative, a bell
``ppf``        its inverse, the quantile function
``logcdf``     log of the CDF form, finite deep into the left tail
``logsf``      log(1 - CDF form), finite deep into the right tail

Parametrised families (genlogistic, hill, smoothstep, ...) list their
parameters in ``info.params``; every operation then takes them after x, as
further ufunc inputs that broadcast (``sg.genlogistic(x, 2.0)``,
``sg.genlogistic.cdf(x, alpha=[0.5, 1, 2])``), and ``.distribution`` is a
function of the parameters returning the frozen scipy.stats distribution.
"""
from __future__ import annotations

import difflib
import functools

import math

import textwrap

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from . import _ufuncs
from ._dispatch import apply

__all__ = ["OPERATIONS", "KERNEL_ACCURACY", "Info", "Kernel", "Param", "Sigmoid", "catalog", "get", "kernel"]

OPERATIONS = ("value", "derivative", "inverse", "cdf", "pdf", "ppf", "logcdf", "logsf")

#: Measured accuracy of each compiled kernel, as max |error| in ULP against
#: mpmath (60 digits) with the input where it occurs.  float16 and float32 are
#: certified exhaustively (tests/test_accuracy.py for float16,
#: tools/audit_float32.py for float32: docs/accuracy.md); 0.5 means correctly
#: rounded.  float64 comes from the binade sweeps of tests/test_accuracy.py.
#: The tests fail if a kernel ever does worse than recorded here.
KERNEL_ACCURACY: Mapping[str, Mapping[str, tuple[float, float | None]]] = {
    # kernel: {dtype: (max ULP enforced by the tests, input where the worst error was measured)}
    # float64 measured by tools/measure_float64.py (45960 inputs, 10 per binade)
    # plus dense scans of each branch (docs/accuracy.md): worst seen in brackets.
    "logistic": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.501, -2.661984408756453)},             # [0.49999]
    "logistic_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, -0.4342145886583211)},  # [0.49999]
    "logistic_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.51, 0.4970785549050559)},       # [0.5058]
    "logistic_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.51, 4.396411270290494)},         # [0.5052]
    "logistic_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, -4.396411270290494)},        # [0.5052]
    "softplus": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.51, -4.396411270290494)},               # [0.5052]
    # tanh, algebraic, softsign, hard_sigmoid, hard_tanh, plan: tools/measure_float64.py
    # (87920 inputs per kernel) plus 6000 uniform inputs per branch region.
    "tanh": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -0.057747788833452905)},  # [0.5011]
    "tanh_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 2.308068412268132)},  # [0.5000]
    "tanh_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 0.061598219808882915)},  # [0.50097]
    "tanh_cdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -6.418920956538262e-12)},  # [0.4999]
    "tanh_pdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -1.8310037231525658)},  # [0.5000]
    "tanh_ppf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 0.4970785549050559)},  # [0.5058]
    "tanh_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 2.198205635145247)},  # [0.5052]
    "tanh_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -2.198205635145247)},  # [0.5052]
    "algebraic": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -1.33306115836402e-05)},  # [0.5000]
    "algebraic_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 9.875783897013497e+51)},  # [0.5000]
    "algebraic_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -0.6674848311435599)},  # [0.5000]
    "algebraic_cdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -5.422944976136773e+81)},  # [0.5000]
    "algebraic_pdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 9.875783897013497e+51)},  # [0.5000]
    "algebraic_ppf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 1.8325258949902064e-43)},  # [0.5000]
    "algebraic_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 4.517008516041921)},  # [0.5034]
    "algebraic_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -4.517008516041921)},  # [0.5034]
    "softsign": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -10.520340131078527)},  # [0.5000]
    "softsign_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 5.422944976136773e+81)},  # [0.5000]
    "softsign_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 0.218869956207155)},  # [0.5000]
    "softsign_cdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, -7.500647703171357e+301)},  # [0.5000]
    "softsign_pdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 5.422944976136773e+81)},  # [0.5000]
    "softsign_ppf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 0.49999999999999994)},  # [0.5000]
    "softsign_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 39.723962490329605)},  # [0.5041]
    "softsign_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -39.723962490329605)},  # [0.5041]
    "hard_sigmoid": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, 0.0354320868816681)},  # [0.5000]
    "hard_sigmoid_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_sigmoid_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_sigmoid_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 2.927602628460545)},  # [0.5058]
    "hard_sigmoid_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -2.927602628460545)},  # [0.5058]
    "hard_tanh": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_cdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_pdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_ppf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "hard_tanh_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 0.9770388770692341)},  # [0.5077]
    "hard_tanh_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -0.9770388770692341)},  # [0.5077]
    "plan": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "plan_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "plan_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.5, None)},  # correctly rounded by construction (one rounding or exact)
    "plan_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, 4.670953977864681)},  # [0.5033]
    "plan_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.51, -4.670953977864681)},  # [0.5033]
    # arctan and gudermannian: worst of tools/measure_float64.py, dense scans of
    # every branch point, and 2M inputs per kernel (all binades, both tails,
    # next to pi/2) against the binary128 twins; the worst confirmed with mpmath.
    "arctan": {"float16": (0.5, None), "float32": (0.5, None),
              "float64": (0.501, 676.7526624839073)},                         # [0.500000]
    "arctan_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.501, -3.6033704755548177)},            # [0.500000]
    "arctan_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                      "float64": (0.501, -3.549168823094055e-07)},            # [0.499999]
    "arctan_cdf": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, -410.52726839142576)},                   # [0.500000]
    "arctan_pdf": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, -2.943235320672798)},                    # [0.499999]
    "arctan_ppf": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, 2.338555144813394e-46)},                 # [0.499999]
    "arctan_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                     "float64": (0.501, -1.960104365050264)},                 # [0.500019]
    "arctan_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, 0.05393465285426213)},                 # [0.500018]
    "gudermannian": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, 0.4284419017034553)},                  # [0.500114]
    "gudermannian_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                               "float64": (0.501, 29.16364133177023)},        # [0.500082]
    "gudermannian_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, 1.2475914926821006)},          # [0.500001]
    "gudermannian_cdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, -32.02721711390577)},              # [0.500026]
    "gudermannian_pdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, 2.3277797728652905)},              # [0.500090]
    "gudermannian_ppf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, 0.15753136413695834)},             # [0.500022]
    "gudermannian_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                           "float64": (0.501, 1.8292785963840625)},           # [0.500036]
    "gudermannian_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.501, -63.52162619050077)},            # [0.500059]
    # erf and normal families (_core/sg_erf.h): tools/measure_float64.py (20 per
    # binade) and dense scans around every branch point; worst seen in brackets.
    "erf": {"float16": (0.5, None), "float32": (0.5, None),
            "float64": (0.501, 5.2220207179696856e-141)},                 # [0.499988]
    "erf_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.501, 0.00030948913899222054)},       # [0.499986]
    "erf_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, 0.6292279225649332)},              # [0.500012]
    "erf_cdf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, -0.31193005764754367)},                # [0.499979]
    "erf_pdf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, 0.00030948913899222054)},              # [0.499986]
    "erf_ppf": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, 0.8383939430411578)},                # [0.500021]
    "erf_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                   "float64": (0.501, 11.549217662522821)},               # [0.500001]
    "erf_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, 1.615552118975629e+62)},             # [0.499948]
    "normal": {"float16": (0.5, None), "float32": (0.5, None),
               "float64": (0.501, 0.42378238946205604)},                  # [0.499990]
    "normal_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.501, 6.554867876267426e-05)},     # [0.499972]
    "normal_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.501, 0.2053728700993792)},           # [0.500027]
    "normal_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                      "float64": (0.501, -29.240619379356225)},           # [0.499972]
    "normal_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                     "float64": (0.501, -0.707100416991079)},             # [0.500052]
    # Gumbel families: tools/measure_float64.py (87920 inputs, 20 per binade)
    # plus dense scans of both tails and every branch (about 10^6 inputs).
    "gompertz": {"float16": (0.5, None), "float32": (0.5, None),
                 "float64": (0.501, -4.437923654382441)},              # [0.50012]
    "gompertz_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, -6.146064675998852)},   # [0.49999]
    "gompertz_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.51, 0.36479755942372327)},      # [0.50484]
    "gompertz_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, 4.876914299288016)},        # [0.50001]
    "gompertz_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, -1.500317604407247)},         # [0.50463]
    "cloglog": {"float16": (0.5, None), "float32": (0.5, None),
                "float64": (0.501, -2.8148428155210534)},              # [0.50017]
    "cloglog_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                           "float64": (0.501, 6.146064675998852)},     # [0.49999]
    "cloglog_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.51, 0.6271901042439532)},        # [0.50471]
    "cloglog_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                       "float64": (0.51, 1.4972420420983292)},         # [0.50450]
    "cloglog_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                      "float64": (0.501, -4.876914299288016)},         # [0.50001]
    # Two-input kernels: worst over the entry's parameter grid (tools/measure_float64.py,
    # 6 per binade at each grid value), input as (x, parameter).
    "genlogistic": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, (-3.882490352547022e-07, 1.0))},            # [0.5000]
    "genlogistic_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                               "float64": (0.501, (-18.563035091111146, 0.0625))},  # [0.5000]
    "genlogistic_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                            "float64": (0.501, (1.9439445350613112e-16, 0.5))},     # [0.5000]
    "genlogistic_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                           "float64": (0.501, (-135.92510323559532, 100.0))},       # [0.5000]
    "genlogistic_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.51, (-20.028546181951235, 2.0))},          # [0.5053], the generated test's sweep
    "hill": {"float16": (0.5, None), "float32": (0.5, None),
             "float64": (0.501, (2.1603348060592436e-07, 3.0))},                    # [0.5000]
    "hill_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, (9.063061644600677e-159, 3.0))},         # [0.5000]
    "hill_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                     "float64": (0.501, (7.169995243527292e-65, 2.0))},             # [0.5000]
    "hill_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                    "float64": (0.501, (25.139416235517334, 1.0))},                 # [0.5000]
    "hill_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                   "float64": (0.501, (7.169995243527292e-65, 0.5))},               # [0.5000]
    "smoothstep": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_derivative": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_inverse": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_logcdf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    "smoothstep_logsf": {"float16": (0.5, None), "float32": (0.5, None), "float64": (0.501, None)},
    # student_t: tools/measure_float64.py --per-binade 4 (20784 inputs per grid value,
    # 10992 for the quantile) over nu = 0.5 ... 30, inf; worst over the grid in brackets.
    # nu = inf is normal.h's kernels (normal_logsf's own 0.5003 at x = -2.37).
    "student_t": {"float16": (0.5, None), "float32": (0.5, None),
                  "float64": (0.501, (-2.5861182141798158e+154, 2.0))},             # [0.5000]
    "student_t_derivative": {"float16": (0.5, None), "float32": (0.5, None),
                             "float64": (0.501, (6.674496053901599e+19, 4.5))},    # [0.5000]
    "student_t_inverse": {"float16": (0.5, None), "float32": (0.5, None),
                          "float64": (0.501, (0.9999999999999999, 2.0))},           # [0.5000]
    "student_t_logcdf": {"float16": (0.5, None), "float32": (0.5, None),
                         "float64": (0.501, (2.5861182141798158e+154, 2.0))},       # [0.5000]
    "student_t_logsf": {"float16": (0.5, None), "float32": (0.5, None),
                        "float64": (0.501, (-2.3727005193491664, math.inf))},       # [0.5003]
}

#: Inputs at which a kernel's C code switches branch (tests probe both
#: neighbours of each with nextafter).  Thresholds inside the shared helpers
#: are listed in the input variable of the kernel that reaches them.
def _trig_branch_points() -> dict[str, tuple[float, ...]]:
    """Branch points of arctan.h and gudermannian.h in each kernel's input.

    Besides the thresholds written in those headers, the dd arctan, artanh
    and tan of sg_atan.h switch table point c = k/64 where their reduced
    argument crosses (2k+1)/128; these edges are mapped back to the kernel's
    input through the step that feeds the table.  sg_exp_dd's own switches
    (tail dropped below 2^-968, underflow) are listed where a kernel reaches them.
    """
    pi = math.pi
    edges = [(2 * k + 1) / 128 for k in range(64)]           # arctan table, argument in [0, 1]
    atanh_edges = [e for e in edges if e < 0.52]              # artanh table, argument <= 1/2
    tan_edges = [e for e in edges if e < pi / 4]              # tan table, argument <= pi/4
    exp_switches = (670.9773012067233, 708.3964185322641, 745.1332191019411)

    def both(points):
        return tuple(sorted({float(v) for p in points for v in (p, -p)}))

    atan_value = [0.0, 2.0 ** -40, 1.0, 2.0 ** 60, 2.0 ** 1000] + edges + [1 / e for e in edges]
    over_1px2 = [0.0, 2.0 ** -30, 2.0 ** 500, 2.0 ** 600]
    tan_inverse = ([0.0, 2.0 ** -40, pi / 4, pi / 2] + tan_edges
                   + [pi / 2 - e for e in tan_edges if pi / 2 - e > pi / 4])
    cauchy_cdf = [0.0, 1.0, 2.0 ** 40, 2.0 ** 1000] + edges + [1 / e for e in edges]
    # ppf: q = min(p, 1 - p); tan of pi (1/2 - q) for q >= 1/4, cot(pi q) below, 1/(pi q) below 2^-60
    cauchy_ppf_q = ([0.25, 0.5, 2.0 ** -60] + [0.5 - e / pi for e in tan_edges]
                    + [e / pi for e in tan_edges if e / pi < 0.25])
    # logcdf(x >= 0): artanh of z = S/(2 - S), S = arctan(1/x)/pi; z = e at S = 2e/(1 + e)
    cauchy_logcdf = ([0.0, -1.0, 1.0, -2.0 ** 40, 2.0 ** 40, -2.0 ** 60, 2.0 ** 80, 2.0 ** 1000, -2.0 ** 1000]
                     + [1 / math.tan(pi * 2 * e / (1 + e)) for e in atanh_edges if 2 * e / (1 + e) < 0.5]
                     + [-e for e in edges] + [-1 / e for e in edges])
    gd_value = ([0.0, 2.0 ** -40, 0.5] + [math.asinh(e) for e in edges if e < math.sinh(0.5)]
                + [-math.log(e) for e in edges if e < math.exp(-0.5)] + list(exp_switches))
    sech = [0.0, 2.0 ** -60, 40.0, 600.0, 759.0] + list(exp_switches)
    gd_inverse = ([0.0, 2.0 ** -39, pi / 4, pi / 2] + [2 * e for e in tan_edges if 2 * e < pi / 4]
                  + [pi / 2 - 2 * e for e in tan_edges if pi / 2 - 2 * e > pi / 4]
                  + [2 * math.atan(e) for e in atanh_edges if 2 * math.atan(e) < pi / 4])
    gd_ppf_q = ([0.25, 0.5, 2.0 ** -60, 2.0 ** -900] + [0.5 - 2 * math.atan(e) / pi for e in atanh_edges]
                + [0.5 - 2 * e / pi for e in tan_edges if 0.5 - 2 * e / pi >= 0.25]
                + [2 * e / pi for e in tan_edges if 2 * e / pi < 0.25])
    gd_tail = [-math.log(e) for e in edges]                   # e^-|x| crosses an arctan table edge
    gd_cdf = [0.0, 2.0 ** -60, 600.0, 759.0] + gd_tail + list(exp_switches)
    # logcdf(x > 0): artanh of S/(2 - S) with S = (2/pi) arctan(e^-x)
    gd_logcdf = ([0.0, -40.0, 56.0, 600.0, 2.0 ** -60, -(2.0 ** -60)] + [-v for v in gd_tail] + gd_tail
                 + [-math.log(math.tan(pi / 2 * 2 * e / (1 + e))) for e in atanh_edges if 2 * e / (1 + e) < 0.5]
                 + list(exp_switches))

    def mirrored_p(qs):
        return tuple(sorted({float(v) for q in qs for v in (q, 1.0 - q)}))

    return {
        "arctan": both(atan_value),
        "arctan_derivative": both(over_1px2),
        "arctan_pdf": both(over_1px2),
        "arctan_inverse": both(tan_inverse),
        "arctan_cdf": both(cauchy_cdf),
        "arctan_ppf": mirrored_p(cauchy_ppf_q),
        "arctan_logcdf": tuple(sorted(set(cauchy_logcdf))),
        "arctan_logsf": tuple(sorted({-v for v in cauchy_logcdf})),
        "gudermannian": both(gd_value),
        "gudermannian_derivative": both(sech),
        "gudermannian_pdf": both(sech),
        "gudermannian_inverse": both(gd_inverse),
        "gudermannian_cdf": both(gd_cdf),
        "gudermannian_ppf": mirrored_p(gd_ppf_q),
        "gudermannian_logcdf": tuple(sorted(set(gd_logcdf))),
        "gudermannian_logsf": tuple(sorted({-v for v in gd_logcdf})),
    }


_TRIG_BRANCH_POINTS = _trig_branch_points()


BRANCH_POINTS: Mapping[str, tuple[float, ...]] = {
    # sign of x; sg_exp_dd: |x| < 2^-60 is 1 + x, and below 2^-968 (x < -670.977) the tail is folded in
    "logistic": (0.0, 2.0 ** -60, -2.0 ** -60, -670.9773012067233, -708.3964185322641, -745.1332191019411),
    "logistic_derivative": (0.0, 2.0 ** -60, -670.9773012067233, 670.9773012067233, 708.3964185322641),
    # fold at 1/2, log1p branch from 1/4, subnormal rescaling below 2^-900
    "logistic_inverse": (0.25, 0.5, 0.75, 2.0 ** -60, 2.0 ** -900, 1.0 - 2.0 ** -53),
    # log1p_dd switches from series to Newton where e^-|x| = 2^-8
    "softplus": (0.0, -5.545177444479562, 5.545177444479562, 37.0, -708.3964185322641),
    "logistic_logcdf": (0.0, -5.545177444479562, 5.545177444479562),
    "logistic_logsf": (0.0, -5.545177444479562, 5.545177444479562),
    # tanh: series below 2^-4 (input zeroed below 2^-30), exp branch to 40, then 1
    "tanh": (0.0, 2.0 ** -4, -2.0 ** -4, 2.0 ** -30, -2.0 ** -30, 40.0, -40.0),
    # e^-|x| is 1 + x below 2^-60; fma branch above 40; exp_dd folds its tail below 2^-968
    "tanh_derivative": (0.0, 2.0 ** -60, -2.0 ** -60, 40.0, -40.0, 670.9773012067233, -708.3964185322641, 745.1332191019411),
    "tanh_pdf": (0.0, 2.0 ** -60, -2.0 ** -60, 40.0, -40.0, 670.9773012067233, -708.3964185322641, 745.1332191019411),
    # series below 2^-4 (zeroed below 2^-30); the poles at +-1
    "tanh_inverse": (0.0, 2.0 ** -4, -2.0 ** -4, 2.0 ** -30, -2.0 ** -30, 0.5, 1.0, -1.0),
    # the logistic's points at 2x, and the clamp at |x| = 1000
    "tanh_cdf": (0.0, 2.0 ** -61, -2.0 ** -61, -335.48865060336163, -354.19820926613204, -372.56660955097055,
                 1000.0, -1000.0),
    "tanh_ppf": (0.25, 0.5, 0.75, 2.0 ** -60, 2.0 ** -900, 1.0 - 2.0 ** -53),
    "tanh_logcdf": (0.0, -2.772588722239781, 2.772588722239781, 18.5, -354.19820926613204, 1000.0, -1000.0),
    "tanh_logsf": (0.0, -2.772588722239781, 2.772588722239781, -18.5, 354.19820926613204, 1000.0, -1000.0),
    # algebraic: the value rounds to x below 2^-30 and to 1 above 2^30
    "algebraic": (0.0, 2.0 ** -30, -2.0 ** -30, 2.0 ** 30, -2.0 ** 30),
    # derivative/pdf: k below 2^-30, dd up to 2^40, a^-3 above (clamped at 2^400)
    "algebraic_derivative": (0.0, 2.0 ** -30, -2.0 ** -30, 2.0 ** 40, -2.0 ** 40, 2.0 ** 400),
    "algebraic_pdf": (0.0, 2.0 ** -30, -2.0 ** -30, 2.0 ** 40, -2.0 ** 40, 2.0 ** 400),
    "algebraic_inverse": (0.0, 2.0 ** -30, -2.0 ** -30, 0.5, 1.0 - 2.0 ** -53, -1.0),
    # cdf: 1/2 below 2^-200, dd tail up to 2^40, q^2 above (clamped at 2^600)
    "algebraic_cdf": (0.0, 2.0 ** -200, -2.0 ** -200, 2.0 ** 40, -2.0 ** 40, -2.0 ** 600),
    # ppf: fold at 1/2, -1/(2 sqrt q) below q = 2^-200
    "algebraic_ppf": (0.5, 0.25, 0.75, 2.0 ** -200, 1.0 - 2.0 ** -53),
    # logcdf: as the cdf, plus sg_log1p_dd's series below G = 2^-8 (x = 7.953)
    "algebraic_logcdf": (0.0, 2.0 ** -200, -2.0 ** -200, 2.0 ** 40, -2.0 ** 40, 2.0 ** 600, -2.0 ** 600,
                         7.953048496781398),
    "algebraic_logsf": (0.0, 2.0 ** -200, -2.0 ** -200, 2.0 ** 40, -2.0 ** 40, 2.0 ** 600, -2.0 ** 600,
                        -7.953048496781398),
    # softsign: x below 2^-60, 1 above 2^60
    "softsign": (0.0, 2.0 ** -60, -2.0 ** -60, 2.0 ** 60, -2.0 ** 60),
    "softsign_derivative": (0.0, 1.0, -1.0, 2.0 ** 540, -2.0 ** 540),
    "softsign_pdf": (0.0, 1.0, -1.0, 2.0 ** 540, -2.0 ** 540),
    "softsign_inverse": (0.0, 2.0 ** -60, -2.0 ** -60, 0.5, 1.0 - 2.0 ** -53, -1.0),
    # cdf: dd tail up to 2^100, 0.5/a above
    "softsign_cdf": (0.0, 2.0 ** 100, -2.0 ** 100),
    "softsign_ppf": (0.5, 0.25, 0.75, 2.0 ** -100, 1.0 - 2.0 ** -53),
    # logcdf: sg_log1p_dd's series below G = 2^-8 (x = 127), -G above 2^100
    "softsign_logcdf": (0.0, 127.0, 2.0 ** 100, -2.0 ** 100),
    "softsign_logsf": (0.0, -127.0, 2.0 ** 100, -2.0 ** 100),
    # hard entries: the kinks.  hard_sigmoid's logcdf switches from log F to
    # log1p(F - 1) at 0; hard_tanh's and PLAN's reach sg_log_dd's log1p branch at CDF 3/4
    "hard_sigmoid": (0.0, 3.0, -3.0),
    "hard_sigmoid_derivative": (0.0, 3.0, -3.0),
    "hard_sigmoid_inverse": (0.0, 0.5, 1.0),
    "hard_sigmoid_logcdf": (0.0, 3.0, -3.0),
    "hard_sigmoid_logsf": (0.0, 3.0, -3.0),
    "hard_tanh": (0.0, 1.0, -1.0),
    "hard_tanh_derivative": (0.0, 1.0, -1.0),
    "hard_tanh_inverse": (0.0, 1.0, -1.0),
    "hard_tanh_cdf": (0.0, 1.0, -1.0),
    "hard_tanh_pdf": (0.0, 1.0, -1.0),
    "hard_tanh_ppf": (0.0, 0.5, 1.0),
    "hard_tanh_logcdf": (0.0, 0.5, 1.0, -1.0),
    "hard_tanh_logsf": (0.0, -0.5, 1.0, -1.0),
    # PLAN: the segment ends; the inverse's cuts, including the overlap ends
    "plan": (0.0, 1.0, -1.0, 2.375, -2.375, 5.0, -5.0),
    "plan_derivative": (0.0, 1.0, -1.0, 2.375, -2.375, 5.0, -5.0),
    "plan_inverse": (0.0, 0.078125, 0.08203125, 0.25, 0.5, 0.75, 0.91796875, 0.921875, 1.0),
    "plan_logcdf": (0.0, 1.0, -1.0, 2.375, -2.375, 5.0, -5.0),
    "plan_logsf": (0.0, 1.0, -1.0, 2.375, -2.375, 5.0, -5.0),
    **_TRIG_BRANCH_POINTS,
    # erf family (sg_erf.h).  In x = z: tiny-x scaling below 2^-900, the
    # series below 1/2, erfcx pieces switch every eighth of a binade (1, 2, 4
    # shown) and the asymptotic form from 8, e^(-x^2) is formed 2^600 higher
    # from x^2 = 600 on, and the clamps where the result is settled.
    "erf": (0.0, 2.0 ** -900, -2.0 ** -900, 0.5, -0.5, 1.0, 2.0, 4.0, 6.0, -6.0),
    "erf_derivative": (0.0, 2.0 ** -30, 24.49489742783178, -24.49489742783178, 30.0, 27.0),
    "erf_pdf": (0.0, 2.0 ** -30, 24.49489742783178, -24.49489742783178, 30.0, 27.0),
    # y: tiny scaling, the series below 2^-26, central/tail at 1/2; in the
    # tail, the starting point's half-binades of v = sqrt(-log(1 - y)) at
    # v = 1, 3/2, 2, 3, 4 and the Halley step's erfc crossing z = 1/2, 1, 2, 4
    "erf_inverse": (2.0 ** -900, 2.0 ** -26, -2.0 ** -26, 0.5, -0.5, 0.6321205588285577, 0.8946007754381357,
                    0.9816843611112658, 0.9998765901959134, 0.9999998874648253, 0.5204998778130465,
                    0.8427007929497149, 0.9953222650189527, 0.9999999845827421, 1.0 - 2.0 ** -53),
    # x: the left tail erfc(|x|)/2 (z < 1/2 series, pieces, asymptotic from 8,
    # bias from x^2 = 600, 0 from 28), the right side 1 - erfc(x)/2 (1 from 7)
    "erf_cdf": (0.0, -0.5, 0.5, -1.0, -8.0, -24.49489742783178, -28.0, 7.0, -27.2, 6.0),
    # p: tails below 1/4 and above 3/4; the series where |2p - 1| < 2^-26; in
    # the tail, 2p = e^(-v^2) at v = 1, 2, 4, 8, 16, 24 (half-binades of the
    # starting point), log_dd's rescaling below 2^-900, and erfc(z)/2 at z = 1/2, 8
    "erf_ppf": (0.25, 0.75, 0.5 - 2.0 ** -27, 0.5 + 2.0 ** -27, 0.18393972058572117, 0.00915781944436709,
                5.626758735962956e-08, 8.01905445274319e-29, 3.3081305283547426e-112, 3.510333899252367e-251,
                2.0 ** -901, 0.23975006109347674, 5.612148586491463e-30, 0.9999999999999999, 5e-324),
    # x: -inf where x^2 overflows (2^512); log erfcx - x^2 from |x| = 1/2
    # (pieces, asymptotic from 8); right side log1p(-erfc/2) until 9, then
    # -erfc/2 itself (bias from x^2 = 600, clamp 40)
    "erf_logcdf": (0.0, -0.5, 0.5, -8.0, 8.0, 9.0, 24.49489742783178, 40.0, -2.0 ** 512, -1.3407807929942596e154),
    "erf_logsf": (0.0, 0.5, -0.5, 8.0, -8.0, -9.0, -24.49489742783178, -40.0, 2.0 ** 512, 1.3407807929942596e154),
    # normal family: the same thresholds in z = x/sqrt(2) and s = x^2/2
    "normal": (0.0, -0.7071067811865476, 0.7071067811865476, -11.313708498984761, -34.64101615137755,
               -40.0, 10.0, -38.4, -1.4142135623730951),
    "normal_derivative": (0.0, 2.0 ** -30, 34.64101615137755, -34.64101615137755, 42.5, 38.5),
    "normal_inverse": (0.25, 0.75, 0.5 - 2.0 ** -27, 0.5 + 2.0 ** -27, 0.18393972058572117, 0.00915781944436709,
                       5.626758735962956e-08, 8.01905445274319e-29, 3.3081305283547426e-112,
                       3.510333899252367e-251, 2.0 ** -901, 0.23975006109347674, 5.612148586491463e-30,
                       0.9999999999999999, 5e-324),
    "normal_logcdf": (0.0, -0.7071067811865476, 0.7071067811865476, -11.313708498984761, 12.727922061357855,
                      34.64101615137755, 60.0, -1.8961503816218352e154, -1.8961503816218350e154),
    "normal_logsf": (0.0, 0.7071067811865476, -0.7071067811865476, 11.313708498984761, -12.727922061357855,
                     -34.64101615137755, -60.0, 1.8961503816218352e154, 1.8961503816218350e154),
    # Gumbel families (t = e^-x; gompertz.h, cloglog.h, sg_expm1.h): the clamp
    # at -8; sg_exp_dd_fine's 1 + x below 2^-60; sg_exp_of_dd shifts once
    # t > 670 (x = -ln 670); G turns subnormal at t = 708.40 and 0 at 745.13;
    # exp(-t) meets sg_exp_dd's 1 + x where t < 2^-60 (x = 60 ln 2).
    "gompertz": (-8.0, 2.0 ** -60, -2.0 ** -60, -6.507277712385012, -6.563003850181985,
                 -6.6135630199800985, 41.58883083359672, 745.1332191019411, 760.0),
    # u = -x - t: clamps at -8 and 800; u = -670 (shift), -708.40 (subnormal),
    # -745.13 (zero) on both sides.
    "gompertz_derivative": (-8.0, 800.0, 0.0, 2.0 ** -60, -2.0 ** -60,
                            -6.516957513835981, -6.572238705702365, -6.622411311582558,
                            670.0, 708.3964185322641, 745.1332191019411),
    # the 1/e region [0.19, 0.55] and log1p_dd's series where d or l = +-2^-8;
    # sg_log_dd's log1p branch from 0.75 and its rescaling below 2^-900; 1/e.
    "gompertz_inverse": (0.19, 0.55, 0.5, 0.75, 2.0 ** -900, 0.36787944117144233,
                         0.36931647023851827, 0.3664424121043664, 0.3693192805940405,
                         0.3664452151507752, 1.0 - 2.0 ** -53),
    # sg_exp_dd: 1 + x, tail dropped past 670.98, subnormal past 708.40, zero
    # past 745.13; the result overflows below -709.78.
    "gompertz_logcdf": (0.0, 2.0 ** -60, -2.0 ** -60, 670.9773012067233, 708.3964185322641,
                        745.1332191019411, -709.782712893384, -700.0),
    # x > 16 series, x < -1 log1p(-G), the clamp at -8; expm1_dd's series for
    # t < 1/16 (x = ln 16); sg_log_dd's log1p branch for 1 - e^-t > 0.75;
    # log1p_dd's series for G < 2^-8; the G thresholds as for the value.
    "gompertz_logsf": (16.0, -1.0, -8.0, 2.772588722239781, -0.326634259978281,
                       -1.7129286210981716, -6.507277712385012, -6.563003850181985,
                       -6.6135630199800985, 745.1332191019411),
    # clamp at 8; expm1_dd: series for s < 1/16 (x = -ln 16), s^2 skipped
    # below 2^-500; sg_exp_dd's thresholds for s = e^x; exp(-s) shifted past
    # s = 670.
    "cloglog": (8.0, -2.772588722239781, -346.5735902799727, 2.0 ** -60, -2.0 ** -60,
                -670.9773012067233, -708.3964185322641, -745.1332191019411, 6.507277712385012),
    "cloglog_derivative": (8.0, -800.0, 0.0, 2.0 ** -60, -2.0 ** -60,
                           6.516957513835981, 6.572238705702365, 6.622411311582558,
                           -670.0, -708.3964185322641, -745.1332191019411),
    # log y below 2^-60; the 1 - 1/e region [0.45, 0.81], log1p_dd's series
    # where d or l = +-2^-8; 1 - y exact from 0.5; log1p(-y)'s series below 2^-8.
    "cloglog_inverse": (2.0 ** -60, 0.45, 0.81, 0.5, 2.0 ** -8, 0.6321205588285577,
                        0.6306835297614818, 0.6335575878956337, 0.6306807194059595,
                        0.6335547848492248, 1.0 - 2.0 ** -53),
    "cloglog_logcdf": (-16.0, 1.0, 8.0, -2.772588722239781, 0.326634259978281,
                       1.7129286210981716, 6.507277712385012, 6.563003850181985,
                       6.6135630199800985, -745.1332191019411),
    "cloglog_logsf": (0.0, 2.0 ** -60, -2.0 ** -60, -670.9773012067233, -708.3964185322641,
                      -745.1332191019411, 709.782712893384, 700.0),
    # sign of x; sg_softplus_ddx's log1p: Newton from e^-|x| > 0.0108 (|x| < 4.5228042848566865); e^-|x| tail
    # subnormal from 670.98; alpha softplus(-x) >= 2^11 decided as 0
    "genlogistic": lambda alpha: (0.0, 4.5228042848566865, -4.5228042848566865, -670.9773012067233, 708.3964185322641,
                                  -2048.0 / alpha, -745.1332191019411 / alpha),
    "genlogistic_derivative": lambda alpha: (0.0, 4.5228042848566865, -4.5228042848566865, 670.9773012067233, -2048.0 / alpha,
                                             -745.1332191019411 / alpha),
    # w = -log(y)/alpha = 1 (y = e^-alpha); the zero of x (y = 2^-alpha, binary128 below |x| = 2^-30);
    # log_ddx's log1p branch for y in (0.75, 1.5)
    "genlogistic_inverse": lambda alpha: (math.exp(-alpha), 2.0 ** -alpha, 0.75, 1.0 - 2.0 ** -53,
                                          2.0 ** -900, 2.0 ** -1074),
    # x > 40: e^-x parts
    "genlogistic_logcdf": lambda alpha: (0.0, 40.0, 4.5228042848566865, -4.5228042848566865, 708.3964185322641, 745.1332191019411),
    # x > 30: through log z; z = 2^-14, log 2, 40
    "genlogistic_logsf": lambda alpha: (0.0, 30.0, 4.5228042848566865, -4.5228042848566865, -40.0 / alpha, -0.6931471805599453 / alpha,
                                        -745.0 / alpha),
    # x = 1 (z = 0); log_ddx: log1p branch on (0.75, 1.5), rescaling below 2^-900 and above 2^900;
    # softplus' log1p series below |z| = 4.5228, e^-|z| parts below z = -40
    "hill": lambda n: (1.0, 0.75, 1.5, 2.0 ** -900, 2.0 ** 900, math.exp(-2048.0 / n) if n > 2.75 else 0.5,
                       math.exp(-745.1332191019411 / n)),
    "hill_derivative": lambda n: (1.0, 0.75, 1.5, 2.0 ** -900, 2.0 ** 900, 2.0 ** -1074),
    "hill_inverse": lambda n: (0.5, 0.25, 0.75, 1.0 / 3.0, 0.6, 2.0 ** -900, 1.0 - 2.0 ** -53),
    "hill_logcdf": lambda n: (1.0, 0.75, 1.5, math.exp(4.5228042848566865 / n), math.exp(-4.5228042848566865 / n),
                              math.exp(40.0 / n), 2.0 ** -1074),
    "hill_logsf": lambda n: (1.0, 0.75, 1.5, math.exp(4.5228042848566865 / n), math.exp(-4.5228042848566865 / n),
                             math.exp(-40.0 / n), 2.0 ** -1074),
    # clamps at 0 and 1, the fold at 1/2, dde rescaling of subnormal x, log1m's series below S = 2^-60
    "smoothstep": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60, 1.0 - 2.0 ** -53),
    "smoothstep_derivative": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022),
    # the fold at 1/2; y = 0, 1
    "smoothstep_inverse": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60),
    "smoothstep_logcdf": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 1.0 - 2.0 ** -53),
    "smoothstep_logsf": lambda n: (0.0, 1.0, 0.5, 2.0 ** -1022, 2.0 ** -60 / (n + 1), 1.0 - 2.0 ** -53),
    # student_t.h: nu = 1, 2, inf dispatch to the Cauchy, nu = 2 and normal forms;
    # general nu: see _student_t_branch_points
    "student_t": lambda nu: _student_t_branch_points("student_t", nu),
    "student_t_derivative": lambda nu: _student_t_branch_points("student_t_derivative", nu),
    "student_t_inverse": lambda nu: _student_t_branch_points("student_t_inverse", nu),
    "student_t_logcdf": lambda nu: _student_t_branch_points("student_t_logcdf", nu),
    "student_t_logsf": lambda nu: _student_t_branch_points("student_t_logsf", nu),
}

#: The kernels the Student-t kernels dispatch to at nu = 1 (Cauchy) and nu = inf (normal).
_STUDENT_T_CLOSED = {
    1.0: {"student_t": "arctan_cdf", "student_t_derivative": "arctan_pdf", "student_t_inverse": "arctan_ppf",
          "student_t_logcdf": "arctan_logcdf", "student_t_logsf": "arctan_logsf"},
    math.inf: {"student_t": "normal", "student_t_derivative": "normal_derivative",
               "student_t_inverse": "normal_inverse", "student_t_logcdf": "normal_logcdf",
               "student_t_logsf": "normal_logsf"},
}


def _student_t_branch_points(kernel: str, nu: float) -> tuple[float, ...]:
    """Branch points of student_t.h in the kernel's input at parameter nu.

    nu = 1 and nu = inf are the arctan and normal kernels' own points.  nu = 2:
    |x| = 2^-200 (F rounds to 1/2), 2^40 (the far tail 1/(2x^2)), 2^600 (0).
    General nu, in t = |x|: 0; the centre/tail switch w = min(3/(nu+5), 1/4);
    r = t^2/nu = 1 (the geometry's u/w forms) and the edge of log1p_ddx's
    small-argument branch (r = e^0.0108 - 1); the switches to logarithms at
    r = 2^+-960 (by exponents: t = 2^e at the first e past them).  The
    quantile: q = 1/4 (centre/tail solve) and p = 1/2.
    """
    if nu in _STUDENT_T_CLOSED:
        return tuple(BRANCH_POINTS[_STUDENT_T_CLOSED[nu][kernel]])
    if nu == 2.0:
        if kernel == "student_t_inverse":
            return (0.5, 0.25, 0.75, 2.0 ** -200, 1.0 - 2.0 ** -53, 2.0 ** -1074)
        ts = (0.0, 2.0 ** -200, 2.0 ** 40, 2.0 ** 600)
    else:
        if kernel == "student_t_inverse":
            return (0.5, 0.25, 0.75, 0.5 - 2.0 ** -54, 0.5 + 2.0 ** -53, 2.0 ** -1074, 1.0 - 2.0 ** -53)
        switch = min(3.0 / (nu + 5.0), 0.25)
        en = math.frexp(nu)[1] - 1
        big = 2.0 ** (math.floor((960 + en) / 2) + 1)
        small = 2.0 ** (math.ceil((-960 + en) / 2))
        ts = (0.0, math.sqrt(nu * switch / (1.0 - switch)), math.sqrt(nu), math.sqrt(nu * math.expm1(0.0108)),
              big, small)
    ts = tuple(t for t in ts if t < math.inf)
    return tuple(sorted({v for t in ts for v in (t, -t)}))


@dataclass(frozen=True)
class Param:
    """A parameter of a parametrised family: the second input of its ufuncs.

    Attributes
    ----------
    name : str
        Keyword name (``alpha``, ``n``, ``nu``).
    symbol : str
        LaTeX symbol.
    low, high : float
        Bounds of the valid values; ``low_open``/``high_open`` say whether
        the bound itself is excluded.  Values outside (and inf, and for an
        ``integer`` parameter non-integers) give NaN with an invalid warning.
    integer : bool
        Only integers are valid.
    grid : tuple of float
        Representative values, every one exact in float16: the tests sweep
        each kernel over all of them, and the measured accuracy holds there.
    default : float
        The value plots and the command line use when none is given.
    summary : str
        What the parameter does.
    scipy_grid : tuple of float or None
        The grid values at which scipy.stats' own float64 formulas for the
        distribution are accurate to 1e-13 on [-30, 30], where the tests
        compare the CDF form with scipy (None: the whole grid).  Elsewhere
        our kernels are checked against mpmath only, and scipy's error is a
        named pitfall test.
    """

    name: str
    symbol: str
    low: float
    high: float = math.inf
    low_open: bool = True
    high_open: bool = True
    integer: bool = False
    grid: tuple[float, ...] = ()
    default: float = 1.0
    summary: str = ""
    scipy_grid: tuple[float, ...] | None = None

    def is_valid(self, value: float) -> bool:
        """True where the kernels accept ``value`` (+inf only as a closed
        upper bound: Student's nu = inf, the normal limit)."""
        if math.isnan(value):
            return False
        if math.isinf(value):
            return value == self.high and not self.high_open
        if self.integer and value != math.floor(value):
            return False
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def invalid_examples(self) -> tuple[float, ...]:
        """Values the kernels must reject (NaN with an invalid warning)."""
        values = [math.inf, -math.inf]
        if math.isfinite(self.low):
            values += [self.low - 1.0, self.low - 0.5] + ([self.low] if self.low_open else [])
        if math.isfinite(self.high):
            values += [self.high + 1.0] + ([self.high] if self.high_open else [])
        if self.integer:
            values += [self.default + 0.5, self.default + 2.0 ** -20]
        return tuple(v for v in values if not self.is_valid(v))

    def describe(self) -> str:
        """The valid set as text: ``alpha > 0``, ``n = 0, 1, 2, ...``."""
        if self.integer:
            start = math.ceil(self.low) + (1 if self.low_open and self.low == math.ceil(self.low) else 0)
            return f"{self.name} = {start}, {start + 1}, {start + 2}, ..."
        parts = []
        if math.isfinite(self.low):
            parts.append(f"{self.name} {'>' if self.low_open else '>='} {self.low:g}")
        if math.isfinite(self.high):
            parts.append(f"{self.name} {'<' if self.high_open else '<='} {self.high:g}")
        text = " and ".join(parts) or f"any real {self.name}"
        return text + (" (inf included)" if self.is_valid(math.inf) else "")


@dataclass(frozen=True)
class Info:
    """Metadata of one catalog entry (read-only).

    Attributes
    ----------
    name : str
        Catalog name.
    title : str
        Human name.
    formula : str
        LaTeX of the value.
    inverse_formula : str
        LaTeX of the inverse.
    range : tuple of float
        (a, b), the infimum and supremum of the value.
    closed : bool
        True if the range bounds are attained (hard sigmoids).
    slope_at_0 : float, callable or None
        Derivative at 0 (None where 0 is not an interior point).  For a
        parametrised family a function of the parameters (it uses only
        arithmetic, so it also evaluates exactly on mpmath numbers); see
        :meth:`slope`.
    odd : bool
        ``s(-x) == -s(x)``; odd kernels keep the sign of zero.
    symmetric : bool
        Point-symmetric about (0, (a+b)/2): ``s(-x) == a + b - s(x)``.
    distribution : str
        The scipy.stats distribution whose CDF is the CDF form (ours, from
        ``sigmoids.distributions``, where scipy.stats has none).
    aliases : tuple of str
        Other names ``sigmoids.get`` accepts.
    kernels : Mapping[str, str]
        Operation -> name of the compiled ufunc implementing it.
    max_ulp : Mapping[str, Mapping[str, float]]
        Operation -> dtype -> measured max error in ULP (for a parametrised
        family: the worst over the parameter grid).
    params : tuple of Param
        The parameters every operation takes after x (empty for most).
    domain : tuple of float
        (lo, hi): the x where the value is defined; outside it every
        operation of x gives NaN with an invalid warning (hill: x >= 0).
    slope_text : str or None
        LaTeX of the slope at 0 where it depends on the parameters.
    mirror : str or None
        For an asymmetric entry, the entry m with ``s(-x) == a + b - m(x)``
        (so ``pdf(-x) == m.pdf(x)`` and ``logsf(-x) == m.logcdf(x)``);
        a symmetric entry is its own mirror and leaves this None.
    distribution_roundings : int
        How many times scipy.stats rounds the argument before evaluating
        ``distribution`` (x/scale, the x/sqrt(2) inside ``ndtr``, an inexact
        scale): its cdf and pdf then carry up to that many 2^-53 times the
        condition number |x F'/F| of relative error (1.4e-13 for the normal
        at x = -30), which the scipy comparison allows for.
    summary : str
        One sentence.
    kinks : tuple of float
        Points where the value is not differentiable (hard and piecewise
        entries).  There the derivative is the one-sided derivative on the
        side away from 0 (PyTorch's convention for hardsigmoid/hardtanh: 0 at
        and outside the saturation kinks).
    preimage_ambiguous : tuple of (float, float)
        Closed x intervals whose values the entry also takes elsewhere (an
        entry that is not strictly monotone, like the published PLAN table):
        there ``inverse(s(x))`` may return the other preimage.
    """

    name: str
    title: str
    formula: str
    inverse_formula: str
    range: tuple[float, float]
    closed: bool
    slope_at_0: float | None
    odd: bool
    symmetric: bool
    distribution: str
    aliases: tuple[str, ...]
    kernels: Mapping[str, str]
    max_ulp: Mapping[str, Mapping[str, float]]
    summary: str
    kinks: tuple[float, ...] = ()
    preimage_ambiguous: tuple[tuple[float, float], ...] = ()
    distribution_roundings: int = 0
    mirror: str | None = None
    params: tuple[Param, ...] = ()
    domain: tuple[float, float] = (-math.inf, math.inf)
    slope_text: str | None = None

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def slope(self, *params):
        """The slope at 0 for these parameter values (``slope_at_0`` itself
        for a family without parameters)."""
        if callable(self.slope_at_0):
            return self.slope_at_0(*params)
        return self.slope_at_0


def _student_t_slope(nu):
    """Gamma((nu+1)/2)/(sqrt(nu pi) Gamma(nu/2)), the t density at 0: exactly
    on mpmath numbers, rounded once to float64 otherwise; 1/sqrt(2 pi) at
    nu = inf (the normal limit)."""
    import mpmath as mp  # only where a slope is asked for

    def exact(v):
        if mp.isinf(v):
            return 1 / mp.sqrt(2 * mp.pi)
        return mp.exp(mp.loggamma((v + 1) / 2) - mp.loggamma(v / 2)) / mp.sqrt(v * mp.pi)

    if isinstance(nu, mp.mpf):
        return exact(nu)
    with mp.workdps(40):
        return float(exact(mp.mpf(float(nu))))


# --------------------------------------------------------------------- rows

ROWS = (
    dict(
        name="logistic",
        title="logistic function",
        summary="The standard logistic sigmoid, the CDF of the logistic distribution.",
        formula=r"\frac{1}{1+e^{-x}} = \frac{e^x}{e^x+1}",
        inverse_formula=r"\operatorname{logit}(y) = \log\frac{y}{1-y}",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.25,
        odd=False,
        symmetric=True,
        distribution=("logistic", {}),
        aliases=("expit", "sigmoid"),
        kernels=dict(
            value="logistic",
            derivative="logistic_derivative",
            inverse="logistic_inverse",
            cdf="logistic",
            pdf="logistic_derivative",
            ppf="logistic_inverse",
            logcdf="logistic_logcdf",
            logsf="logistic_logsf",
        ),
        # (argument, exact result rounded to float64) for the docstring examples
        examples=dict(
            value=("2.0", "0.8807970779778824"),
            derivative=("2.0", "0.10499358540350652"),
            inverse=("0.9", "2.1972245773362196"),
            logcdf=("-1000.0", "-1000.0"),
            logsf=("2.0", "-2.1269280110429727"),
            cdf=("-2.0", "0.11920292202211756"),
            pdf=("-2.0", "0.10499358540350652"),
            ppf=("0.1", "-2.197224577336219"),
        ),
    ),
    dict(
        name="tanh",
        title="hyperbolic tangent",
        summary="tanh x = 2 sigma(2x) - 1; its CDF form sigma(2x) is the logistic CDF with scale 1/2.",
        formula=r"\tanh x = 2\sigma(2x) - 1 = \frac{e^x - e^{-x}}{e^x + e^{-x}}",
        inverse_formula=r"\operatorname{artanh} y = \frac{1}{2}\log\frac{1+y}{1-y}",
        range=(-1.0, 1.0),
        closed=False,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("logistic", {"scale": 0.5}),
        aliases=("tanh_sigmoid",),
        kernels=dict(
            value="tanh",
            derivative="tanh_derivative",
            inverse="tanh_inverse",
            cdf="tanh_cdf",
            pdf="tanh_pdf",
            ppf="tanh_ppf",
            logcdf="tanh_logcdf",
            logsf="tanh_logsf",
        ),
        examples=dict(
            value=("0.5", "0.46211715726000974"),
            derivative=("2.0", "0.07065082485316447"),
            inverse=("0.5", "0.5493061443340549"),
            cdf=("-300.0", "2.6503965530043108e-261"),
            pdf=("-2.0", "0.035325412426582235"),
            ppf=("0.1", "-1.0986122886681096"),
            logcdf=("-500.0", "-1000.0"),
            logsf=("2.0", "-4.0181499279178094"),
        ),
    ),
    dict(
        name="algebraic",
        title="algebraic sigmoid",
        summary="x / sqrt(1 + x^2); its CDF form is Student's t with 2 degrees of freedom, scale 1/sqrt(2).",
        formula=r"\frac{x}{\sqrt{1+x^2}}",
        inverse_formula=r"\frac{y}{\sqrt{1-y^2}}",
        range=(-1.0, 1.0),
        closed=False,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("t", {"df": 2, "scale": 0.7071067811865476}),
        aliases=("isru", "inverse_square_root_unit"),
        kernels=dict(
            value="algebraic",
            derivative="algebraic_derivative",
            inverse="algebraic_inverse",
            cdf="algebraic_cdf",
            pdf="algebraic_pdf",
            ppf="algebraic_ppf",
            logcdf="algebraic_logcdf",
            logsf="algebraic_logsf",
        ),
        examples=dict(
            value=("2.0", "0.8944271909999159"),
            derivative=("2.0", "0.08944271909999159"),
            inverse=("0.5", "0.5773502691896257"),
            cdf=("-1e10", "2.5e-21"),
            pdf=("1.0", "0.1767766952966369"),
            ppf=("0.1", "-1.3333333333333333"),
            logcdf=("-1e300", "-1382.9373501575474"),
            logsf=("3.0", "-3.662886186289035"),
        ),
    ),
    dict(
        name="softsign",
        title="softsign",
        summary="x / (1 + |x|); its CDF form is a heavy-tailed distribution of its own, density 1/(2(1+|x|)^2).",
        formula=r"\frac{x}{1+|x|}",
        inverse_formula=r"\frac{y}{1-|y|}",
        range=(-1.0, 1.0),
        closed=False,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("sigmoids.distributions.softsign", {}),
        aliases=(),
        kernels=dict(
            value="softsign",
            derivative="softsign_derivative",
            inverse="softsign_inverse",
            cdf="softsign_cdf",
            pdf="softsign_pdf",
            ppf="softsign_ppf",
            logcdf="softsign_logcdf",
            logsf="softsign_logsf",
        ),
        examples=dict(
            value=("3.0", "0.75"),
            derivative=("1.0", "0.25"),
            inverse=("0.75", "3.0"),
            cdf=("-1e300", "5e-301"),
            pdf=("1.0", "0.125"),
            ppf=("0.1", "-3.9999999999999996"),
            logcdf=("-1000.0", "-7.601901959875166"),
            logsf=("1.0", "-1.3862943611198906"),
        ),
    ),
    dict(
        name="hard_sigmoid",
        title="hard sigmoid",
        summary="PyTorch's hardsigmoid clip(x/6 + 1/2, 0, 1), the CDF of uniform(-3, 6).",
        formula=r"\operatorname{clip}\left(\frac{x}{6} + \frac{1}{2}, 0, 1\right)",
        inverse_formula=r"6y - 3",
        range=(0.0, 1.0),
        closed=True,
        slope_at_0=1.0 / 6.0,
        odd=False,
        symmetric=True,
        distribution=("uniform", {"loc": -3.0, "scale": 6.0}),
        aliases=("hardsigmoid",),
        kernels=dict(
            value="hard_sigmoid",
            derivative="hard_sigmoid_derivative",
            inverse="hard_sigmoid_inverse",
            cdf="hard_sigmoid",
            pdf="hard_sigmoid_derivative",
            ppf="hard_sigmoid_inverse",
            logcdf="hard_sigmoid_logcdf",
            logsf="hard_sigmoid_logsf",
        ),
        kinks=(-3.0, 3.0),
        examples=dict(
            value=("1.0", "0.6666666666666666"),
            derivative=("3.0", "0.0"),
            inverse=("0.75", "1.5"),
            cdf=("-1.0", "0.3333333333333333"),
            pdf=("0.0", "0.16666666666666666"),
            ppf=("0.25", "-1.5"),
            logcdf=("2.9", "-0.01680711831638125"),
            logsf=("-1.0", "-0.4054651081081644"),
        ),
    ),
    dict(
        name="hard_tanh",
        title="hard tanh",
        summary="clip(x, -1, 1); its CDF form is the CDF of uniform(-1, 2).",
        formula=r"\operatorname{clip}(x, -1, 1)",
        inverse_formula=r"y",
        range=(-1.0, 1.0),
        closed=True,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("uniform", {"loc": -1.0, "scale": 2.0}),
        aliases=("hardtanh",),
        kernels=dict(
            value="hard_tanh",
            derivative="hard_tanh_derivative",
            inverse="hard_tanh_inverse",
            cdf="hard_tanh_cdf",
            pdf="hard_tanh_pdf",
            ppf="hard_tanh_ppf",
            logcdf="hard_tanh_logcdf",
            logsf="hard_tanh_logsf",
        ),
        kinks=(-1.0, 1.0),
        examples=dict(
            value=("0.5", "0.5"),
            derivative=("1.0", "0.0"),
            inverse=("-0.25", "-0.25"),
            cdf=("0.5", "0.75"),
            pdf=("0.0", "0.5"),
            ppf=("0.9", "0.8"),
            logcdf=("-0.5", "-1.3862943611198906"),
            logsf=("0.5", "-1.3862943611198906"),
        ),
    ),
    dict(
        name="plan",
        title="PLAN piecewise-linear logistic",
        summary=("The piecewise-linear approximation of the logistic of Amin, Curtis and Hayes-Gill (1997), "
                 "exactly as published: it steps down by 2^-8 at |x| = 2.375."),
        formula=(r"\mathrm{PLAN}(x) = \begin{cases} 1 & |x| \ge 5 \\ 0.03125|x| + 0.84375 & 2.375 \le |x| < 5 \\ "
                 r"0.125|x| + 0.625 & 1 \le |x| < 2.375 \\ 0.25|x| + 0.5 & |x| < 1 \end{cases}"
                 r"\text{ for } x \ge 0,\ 1 - \mathrm{PLAN}(-x) \text{ for } x < 0"),
        inverse_formula=(r"\mathrm{PLAN}^{-1}(y) = 4(y - 0.5),\ 8(y - 0.625),\ 32(y - 0.84375)"
                         r"\text{ on } [0.5, 0.75),\ [0.75, 0.921875),\ [0.921875, 1];\ -\mathrm{PLAN}^{-1}(1 - y) \text{ below } 0.5"),
        range=(0.0, 1.0),
        closed=True,
        slope_at_0=0.25,
        odd=False,
        symmetric=True,
        distribution=("sigmoids.distributions.plan", {}),
        aliases=(),
        kernels=dict(
            value="plan",
            derivative="plan_derivative",
            inverse="plan_inverse",
            cdf="plan",
            pdf="plan_derivative",
            ppf="plan_inverse",
            logcdf="plan_logcdf",
            logsf="plan_logsf",
        ),
        kinks=(-5.0, -2.375, -1.0, 1.0, 2.375, 5.0),
        # PLAN(x) for 2.375 <= x < 2.5 repeats PLAN on [2.34375, 2.375) (the
        # published breakpoint is not where the segments meet); the inverse
        # returns the preimage nearer 0.
        preimage_ambiguous=((-2.5, -2.375), (2.375, 2.5)),
        examples=dict(
            value=("2.0", "0.875"),
            derivative=("2.375", "0.03125"),
            inverse=("0.875", "2.0"),
            cdf=("-2.0", "0.125"),
            pdf=("0.0", "0.25"),
            ppf=("0.125", "-2.0"),
            logcdf=("-4.0", "-3.4657359027997265"),
            logsf=("4.0", "-3.4657359027997265"),
        ),
    ),
    dict(
        name="arctan",
        title="arctangent",
        summary="The inverse tangent, whose CDF form 1/2 + arctan(x)/pi is the standard Cauchy CDF.",
        formula=r"\arctan x",
        inverse_formula=r"\tan y",
        range=(-math.pi / 2, math.pi / 2),
        closed=False,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("cauchy", {}),
        aliases=("atan", "cauchy"),
        kernels=dict(
            value="arctan",
            derivative="arctan_derivative",
            inverse="arctan_inverse",
            cdf="arctan_cdf",
            pdf="arctan_pdf",
            ppf="arctan_ppf",
            logcdf="arctan_logcdf",
            logsf="arctan_logsf",
        ),
        examples=dict(
            value=("2.0", "1.1071487177940904"),
            derivative=("2.0", "0.2"),
            inverse=("1.0", "1.5574077246549023"),
            cdf=("-1e300", "3.1830988618379065e-301"),
            pdf=("2.0", "0.06366197723675814"),
            ppf=("0.9", "3.077683537175254"),
            logcdf=("-1e300", "-691.9202577840631"),
            logsf=("2.0", "-1.9133603645040103"),
        ),
    ),
    dict(
        name="gudermannian",
        title="Gudermannian function",
        summary="gd x = 2 arctan(tanh(x/2)) = arctan(sinh x); its CDF form (2/pi) arctan(e^x) is the hyperbolic secant CDF.",
        formula=r"\operatorname{gd} x = 2\arctan\left(\tanh\frac{x}{2}\right) = \arctan(\sinh x)",
        inverse_formula=r"\operatorname{gd}^{-1} y = \operatorname{artanh}(\sin y) = \operatorname{arsinh}(\tan y)",
        range=(-math.pi / 2, math.pi / 2),
        closed=False,
        slope_at_0=1.0,
        odd=True,
        symmetric=True,
        distribution=("hypsecant", {}),
        aliases=("gd", "hypsecant"),
        kernels=dict(
            value="gudermannian",
            derivative="gudermannian_derivative",
            inverse="gudermannian_inverse",
            cdf="gudermannian_cdf",
            pdf="gudermannian_pdf",
            ppf="gudermannian_ppf",
            logcdf="gudermannian_logcdf",
            logsf="gudermannian_logsf",
        ),
        examples=dict(
            value=("1.0", "0.8657694832396586"),
            derivative=("1.0", "0.6480542736638853"),
            inverse=("1.0", "1.2261911708835171"),
            cdf=("-700.0", "6.276865036906326e-305"),
            pdf=("1.0", "0.20628208209087048"),
            ppf=("0.9", "1.8427300347011133"),
            logcdf=("-1e308", "-1e+308"),
            logsf=("2.0", "-2.4576399995738907"),
        ),
    ),
    dict(
        name="erf",
        title="error function",
        summary="The error function, an odd sigmoid; its CDF form (1 + erf x)/2 is the normal CDF "
                "with scale 1/sqrt(2).",
        formula=r"\operatorname{erf} x = \frac{2}{\sqrt{\pi}} \int_0^x e^{-t^2}\,dt",
        inverse_formula=r"\operatorname{erf}^{-1}(y)",
        range=(-1.0, 1.0),
        closed=False,
        slope_at_0=1.1283791670955126,
        odd=True,
        symmetric=True,
        distribution=("norm", {"scale": 0.7071067811865476}),
        # scipy: x/scale, with the scale 1/sqrt(2) itself rounded, then ndtr's x/sqrt(2)
        distribution_roundings=3,
        aliases=("error_function",),
        kernels=dict(
            value="erf",
            derivative="erf_derivative",
            inverse="erf_inverse",
            cdf="erf_cdf",
            pdf="erf_pdf",
            ppf="erf_ppf",
            logcdf="erf_logcdf",
            logsf="erf_logsf",
        ),
        examples=dict(
            value=("0.5", "0.5204998778130465"),
            derivative=("1.0", "0.4151074974205947"),
            inverse=("0.999999", "3.458910737275499"),
            cdf=("-5.0", "7.687298972140175e-13"),
            pdf=("1.0", "0.20755374871029736"),
            ppf=("1e-300", "-26.196253016549353"),
            logcdf=("-100000.0", "-10000000012.778437"),
            logsf=("30.0", "-904.6672642912039"),
        ),
    ),
    dict(
        name="normal",
        title="standard normal CDF",
        summary="Phi(x), the CDF of the standard normal distribution; its inverse is the probit.",
        formula=r"\Phi(x) = \frac{1}{2}\operatorname{erfc}\left(-\frac{x}{\sqrt{2}}\right)",
        inverse_formula=r"\Phi^{-1}(y) = \sqrt{2}\,\operatorname{erf}^{-1}(2y - 1)",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.3989422804014327,
        odd=False,
        symmetric=True,
        distribution=("norm", {}),
        distribution_roundings=1,  # scipy's ndtr rounds x/sqrt(2)
        aliases=("gaussian", "ndtr", "norm_cdf"),
        kernels=dict(
            value="normal",
            derivative="normal_derivative",
            inverse="normal_inverse",
            cdf="normal",
            pdf="normal_derivative",
            ppf="normal_inverse",
            logcdf="normal_logcdf",
            logsf="normal_logsf",
        ),
        examples=dict(
            value=("-38.0", "2.88542835e-316"),
            derivative=("2.0", "0.05399096651318805"),
            inverse=("5e-324", "-38.467405617144344"),
            cdf=("1.5", "0.9331927987311419"),
            pdf=("-1.0", "0.24197072451914334"),
            ppf=("0.975", "1.9599639845400538"),
            logcdf=("-100000.0", "-5000000012.431864"),
            logsf=("3.0", "-6.607726221510349"),
        ),
    ),
    dict(
        name="gompertz",
        title="Gompertz function",
        summary="exp(-e^-x): the CDF of the Gumbel (maximum) distribution; asymmetric, "
                "with a double-exponential left tail.",
        formula=r"e^{-e^{-x}}",
        inverse_formula=r"-\log(-\log y)",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.36787944117144233,  # 1/e
        odd=False,
        symmetric=False,
        mirror="cloglog",
        distribution=("gumbel_r", {}),
        aliases=("gumbel", "gumbel_r", "loglog"),
        kernels=dict(
            value="gompertz",
            derivative="gompertz_derivative",
            inverse="gompertz_inverse",
            cdf="gompertz",
            pdf="gompertz_derivative",
            ppf="gompertz_inverse",
            logcdf="gompertz_logcdf",
            logsf="gompertz_logsf",
        ),
        examples=dict(
            value=("1.0", "0.6922006275553464"),
            derivative=("-2.0", "0.004566281420127915"),
            inverse=("0.5", "0.36651292058166435"),
            logcdf=("-700.0", "-1.0142320547350045e+304"),
            logsf=("1000.0", "-1000.0"),
            cdf=("-6.5", "1.357247607325002e-289"),
            pdf=("-6.5", "9.027618899817046e-287"),
            ppf=("0.999", "6.907255070523716"),
        ),
    ),
    dict(
        name="cloglog",
        title="complementary log-log sigmoid",
        summary="1 - exp(-e^x): the inverse cloglog link, the CDF of the Gumbel minimum "
                "distribution; the mirror image of the Gompertz function.",
        formula=r"1 - e^{-e^{x}}",
        inverse_formula=r"\log(-\log(1-y))",
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=0.36787944117144233,  # 1/e
        odd=False,
        symmetric=False,
        mirror="gompertz",
        distribution=("gumbel_l", {}),
        aliases=("gumbel_l", "complementary_log_log", "inverse_cloglog"),
        kernels=dict(
            value="cloglog",
            derivative="cloglog_derivative",
            inverse="cloglog_inverse",
            cdf="cloglog",
            pdf="cloglog_derivative",
            ppf="cloglog_inverse",
            logcdf="cloglog_logcdf",
            logsf="cloglog_logsf",
        ),
        examples=dict(
            value=("-1.0", "0.30779937244465366"),
            derivative=("2.0", "0.004566281420127915"),
            inverse=("0.5", "-0.36651292058166435"),
            logcdf=("-1000.0", "-1000.0"),
            logsf=("700.0", "-1.0142320547350045e+304"),
            cdf=("-700.0", "9.85967654375977e-305"),
            pdf=("-30.0", "9.357622968839299e-14"),
            ppf=("1e-300", "-690.7755278982137"),
        ),
    ),
    dict(
        name="student_t",
        title="Student's t CDF",
        summary="The CDF of Student's t distribution with nu > 0 degrees of freedom: heavy, polynomial tails; "
                "nu = 1 is the Cauchy (arctan) sigmoid, nu = 2 the algebraic one at x/sqrt(2), "
                "nu = inf the normal.",
        formula=r"\frac{1}{2} + \frac{\operatorname{sgn} x}{2}\, I_{x^2/(\nu+x^2)}\left(\frac{1}{2}, \frac{\nu}{2}\right)",
        inverse_formula=r"F_\nu^{-1}(y)",
        params=(
            Param("nu", r"\nu", 0.0, high=math.inf, high_open=False,
                  summary="Degrees of freedom: small nu gives heavy tails (F ~ |x|^-nu), nu = inf the normal.",
                  grid=(0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 10.0, 30.0, math.inf), default=3.0,
                  # scipy.stats.t is within 1e-13 on the comparison grid [-30, 30] for finite
                  # nu; at nu = inf its cdf(-30) is 1.2e-13 off (tests/test_pitfalls_student_t.py,
                  # with stdtr's steps near 0 at nu = 1 and stdtrit's lost sign)
                  scipy_grid=(0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 10.0, 30.0)),
        ),
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=_student_t_slope,
        slope_text=r"\frac{\Gamma(\frac{\nu+1}{2})}{\sqrt{\nu\pi}\,\Gamma(\frac{\nu}{2})}",
        odd=False,
        symmetric=True,
        distribution=("t", {"df": "nu"}),
        aliases=("students_t", "student", "t_distribution"),
        kernels=dict(
            value="student_t",
            derivative="student_t_derivative",
            inverse="student_t_inverse",
            cdf="student_t",
            pdf="student_t_derivative",
            ppf="student_t_inverse",
            logcdf="student_t_logcdf",
            logsf="student_t_logsf",
        ),
        examples=dict(
            value=("1.0, 3.0", "0.8044988905221147"),
            derivative=("1.0, 3.0", "0.206748335783172"),
            inverse=("0.975, 3.0", "3.1824463052837086"),
            logcdf=("-1e300, 3.0", "-2072.2288602555964"),
            logsf=("1e300, 0.5", "-346.52501007987837"),
            cdf=("-30.0, 4.5", "1.1719871493942602e-06"),
            pdf=("10.0, 0.5", "0.005051795234152221"),
            ppf=("1e-300, 3.0", "-1.033110836044653e+100"),
        ),
    ),
    dict(
        name="genlogistic",
        title="generalised logistic function",
        summary="Richards' curve (1 + e^-x)^-alpha, the CDF of the type I generalised logistic distribution; "
                "alpha = 1 is the logistic.",
        formula=r"\left(1+e^{-x}\right)^{-\alpha}",
        inverse_formula=r"-\log\left(y^{-1/\alpha}-1\right)",
        params=(
            Param("alpha", r"\alpha", 0.0, summary="Shape (Richards' exponent): alpha = 1 is the logistic, "
                  "larger alpha moves the curve right.", grid=(0.0625, 0.5, 1.0, 1.5, 2.0, 5.25, 100.0), default=2.0,
                  # scipy's pdf is exp(logpdf): |logpdf| eps relative, 1.3e-13 at alpha = 100, x = -7
                  scipy_grid=(0.0625, 0.5, 1.0, 1.5, 2.0, 5.25)),
        ),
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=lambda alpha: alpha * 2 ** (-alpha - 1),
        slope_text=r"\alpha\,2^{-\alpha-1}",
        odd=False,
        symmetric=False,
        distribution=("genlogistic", {"c": "alpha"}),
        aliases=("richards", "generalized_logistic"),
        kernels=dict(
            value="genlogistic",
            derivative="genlogistic_derivative",
            inverse="genlogistic_inverse",
            cdf="genlogistic",
            pdf="genlogistic_derivative",
            ppf="genlogistic_inverse",
            logcdf="genlogistic_logcdf",
            logsf="genlogistic_logsf",
        ),
        examples=dict(
            value=("2.0, 0.5", "0.9385078997951389"),
            derivative=("2.0, 0.5", "0.05593644199821063"),
            inverse=("0.9, 0.5", "1.4500101755059986"),
            logcdf=("-1000.0, 2.0", "-2000.0"),
            logsf=("1000.0, 2.0", "-999.3068528194401"),
            cdf=("-2.0, 3.0", "0.0016937944449343112"),
            pdf=("-2.0, 3.0", "0.004475667593379932"),
            ppf=("0.1, 3.0", "-0.14361077829619326"),
        ),
    ),
    dict(
        name="hill",
        title="Hill function",
        summary="The Hill equation x^n/(1 + x^n) of receptor binding, for x >= 0: the logistic in log x "
                "(sigma(n log x)) and the CDF of the log-logistic (Fisk) distribution.",
        formula=r"\frac{x^n}{1+x^n}",
        inverse_formula=r"\left(\frac{y}{1-y}\right)^{1/n}",
        params=(
            Param("n", "n", 0.0, summary="Hill coefficient: the steepness (the slope at x = 1 is n/4).",
                  grid=(0.5, 1.0, 2.0, 3.0, 4.5, 10.0), default=2.0,
                  # scipy's fisk logsf is log(1 - cdf) (1.6e-3 relative at n = 10, x = 30) and its
                  # ppf (1/q - 1)^(-1/c) cancels near q = 1 (1.7e-13 at n = 0.5)
                  scipy_grid=(1.0, 2.0)),
        ),
        domain=(0.0, math.inf),
        range=(0.0, 1.0),
        closed=False,
        slope_at_0=None,
        odd=False,
        symmetric=False,
        distribution=("fisk", {"c": "n"}),
        aliases=("log_logistic", "fisk"),
        kernels=dict(
            value="hill",
            derivative="hill_derivative",
            inverse="hill_inverse",
            cdf="hill",
            pdf="hill_derivative",
            ppf="hill_inverse",
            logcdf="hill_logcdf",
            logsf="hill_logsf",
        ),
        examples=dict(
            value=("2.0, 3.0", "0.8888888888888888"),
            derivative=("2.0, 3.0", "0.14814814814814814"),
            inverse=("0.9, 2.0", "3.0000000000000004"),
            logcdf=("1e-300, 3.0", "-2072.326583694641"),
            logsf=("1e+300, 3.0", "-2072.326583694641"),
            cdf=("0.5, 0.5", "0.41421356237309503"),
            pdf=("0.5, 0.5", "0.24264068711928516"),
            ppf=("0.1, 0.5", "0.01234567901234568"),
        ),
    ),
    dict(
        name="smoothstep",
        title="smoothstep function",
        summary="The smoothstep polynomial S_n of degree 2n+1 (3x^2 - 2x^3 for n = 1, 'smootherstep' for "
                "n = 2), rising from 0 at x = 0 to 1 at x = 1 with n vanishing derivatives at both ends, "
                "clamped outside [0, 1]; the CDF of beta(n+1, n+1).",
        formula=r"x^{n+1}\sum_{k=0}^{n}\binom{n+k}{k}\binom{2n+1}{n-k}(-x)^k",
        inverse_formula=r"S_n^{-1}(y)",
        params=(
            Param("n", "n", 0.0, 1000.0, low_open=False, high_open=False, integer=True,
                  summary="Order: S_n has n vanishing derivatives at 0 and 1 (degree 2n + 1); "
                          "orders above 1000 are not supported (every kernel costs O(n)).",
                  grid=(0.0, 1.0, 2.0, 3.0, 5.0, 10.0), default=1.0),
        ),
        # S_0 is the ramp clip(x, 0, 1): not differentiable at 0 and 1, where
        # the derivative kernel gives the one-sided value from inside (1, as
        # scipy's uniform pdf does)
        kinks=(0.0, 1.0),
        range=(0.0, 1.0),
        closed=True,
        slope_at_0=None,
        odd=False,
        symmetric=False,
        distribution=("beta", {"a": "n + 1", "b": "n + 1"}),
        aliases=("smooth_step",),
        kernels=dict(
            value="smoothstep",
            derivative="smoothstep_derivative",
            inverse="smoothstep_inverse",
            cdf="smoothstep",
            pdf="smoothstep_derivative",
            ppf="smoothstep_inverse",
            logcdf="smoothstep_logcdf",
            logsf="smoothstep_logsf",
        ),
        examples=dict(
            value=("0.25, 1.0", "0.15625"),
            derivative=("0.25, 2.0", "1.0546875"),
            inverse=("0.9, 1.0", "0.8041998943409083"),
            logcdf=("1e-300, 3.0", "-2759.5467635313653"),
            logsf=("0.75, 1.0", "-1.8562979903656263"),
            cdf=("0.1, 3.0", "0.0027280000000000004"),
            pdf=("0.1, 3.0", "0.10206000000000001"),
            ppf=("0.1, 3.0", "0.27860204858171306"),
        ),
    ),
)

#: Companions that are not sigmoids themselves: name -> (ufunc, example).
COMPANIONS = {
    "softplus": ("softplus", ("2.0", "2.1269280110429727"),
                 "log(1 + e^x), the antiderivative of the logistic; log sigma(x) = -softplus(-x)."),
}

_OPERATION_TEXT = {
    "value": ("the value", "x", "s(x)"),
    "derivative": ("the derivative d/dx", "x", "s'(x)"),
    "inverse": ("the inverse, on the open range", "y", "x with s(x) = y; NaN (invalid warning) outside the range"),
    "cdf": ("the CDF form (s - a)/(b - a)", "x", "F(x) in [0, 1]"),
    "pdf": ("the density, derivative of the CDF form", "x", "F'(x)"),
    "ppf": ("the quantile function, inverse of the CDF form", "p", "x with F(x) = p; NaN (invalid warning) outside [0, 1]"),
    "logcdf": ("log of the CDF form, finite deep into the left tail", "x", "log F(x)"),
    "logsf": ("log(1 - CDF form), finite deep into the right tail", "x", "log(1 - F(x))"),
}


def _docstring(public: str, what: str, arg: str, returns: str, ulp: Mapping[str, float], example,
               params: tuple[Param, ...] = ()) -> str:
    accuracy = ", ".join(f"{d} {'correctly rounded' if u <= 0.5 else f'{u:g} ULP'}" for d, u in ulp.items())
    if params:
        accuracy += " (over the catalog's parameter grid)"
    names = "".join(f", {p.name}" for p in params)
    slash = "" if params else ", /"
    lines = [
        f"{public}({arg}{names}{slash}, out=None, *, where=True, dtype=None)",
        "",
        f"{what[0].upper()}{what[1:]}.",
        "",
        "Parameters",
        "----------",
        f"{arg} : array_like",
        "    Real input; float16, float32 and float64 are computed natively,",
        "    integers and bools as float64.",
    ]
    for p in params:
        text = (f"{p.summary} Valid: {p.describe()}; otherwise NaN with an invalid warning. "
                f"Broadcasts with {arg}; may also be passed as {p.name}=.")
        lines += [f"{p.name} : array_like", *textwrap.wrap(text, 76, initial_indent="    ", subsequent_indent="    ")]
    lines += [
        "out, where, dtype",
        "    As for any NumPy ufunc.",
        "",
        "Returns",
        "-------",
        "ndarray or scalar",
        f"    {returns}.  Accuracy (measured max error): {accuracy}.",
    ]
    if example is not None:
        arg_text, result = example
        lines += ["", "Examples", "--------", ">>> import sigmoids as sg", f">>> float(sg.{public}({arg_text}))", result]
    return "\n".join(lines) + "\n"


class Kernel:
    """One operation of one entry: a callable over a compiled NumPy ufunc.

    Calling it is calling the ufunc (broadcasting, ``out=``, ``where=``,
    ``dtype=``), except that a non-numeric input raises a ``TypeError`` that
    names this function.  ``.ufunc`` is the raw ufunc.
    """

    def __init__(self, ufunc: np.ufunc, public_name: str, doc: str, param_names: tuple[str, ...] = ()):
        self.ufunc = ufunc
        self.__name__ = public_name
        self.__qualname__ = public_name
        self.__doc__ = doc
        self.param_names = tuple(param_names)

    def __call__(self, *args, **kwargs):
        if self.param_names:
            args, kwargs = _bind_parameters(self.__name__, self.param_names, args, kwargs)
        return apply(self.ufunc, self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<sigmoids kernel {self.__name__} (ufunc {self.ufunc.__name__})>"

    def __reduce__(self):
        return (kernel, (self.__name__,))


def _bind_parameters(public: str, names: tuple[str, ...], args: tuple, kwargs: dict):
    """Move parameters given by keyword into their positional place after x."""
    if not args:
        raise TypeError(f"sigmoids.{public}() missing its argument x")
    args = list(args)
    given = len(args) - 1
    for i, name in enumerate(names):
        if name in kwargs:
            if i < given:
                raise TypeError(f"sigmoids.{public}() got multiple values for parameter {name!r}")
            if i > len(args) - 1:
                missing = names[len(args) - 1]
                raise TypeError(f"sigmoids.{public}() missing parameter {missing!r}")
            args.append(kwargs.pop(name))
        elif i >= given:
            raise TypeError(f"sigmoids.{public}() missing parameter {name!r} "
                            f"(call it as {public}(x, {', '.join(names)}))")
    return tuple(args), kwargs


class Sigmoid:
    """A catalog entry: the sigmoid and everything around it.

    Call it for the value; ``.derivative``, ``.inverse``, ``.cdf``, ``.pdf``,
    ``.ppf``, ``.logcdf``, ``.logsf`` are the other operations, ``.info`` the
    metadata, ``.ufunc`` the raw ufunc of the value and ``.distribution`` the
    scipy.stats distribution whose CDF is ``.cdf``.

    Examples
    --------
    >>> import sigmoids as sg
    >>> float(sg.logistic(0.0)), float(sg.logistic.derivative(0.0))
    (0.5, 0.25)
    >>> float(sg.logistic.distribution.cdf(1.5)) == float(sg.logistic.cdf(1.5))
    True
    """

    def __init__(self, info: Info, operations: Mapping[str, Kernel], distribution: Callable):
        self.info = info
        self._parametrised = bool(info.params)
        self._operations = dict(operations)
        self._distribution_factory = distribution
        self._distribution = None
        for op, k in self._operations.items():
            if op != "value":
                setattr(self, op, k)
        self.ufunc = self._operations["value"].ufunc
        self.__name__ = info.name
        self.__doc__ = self._operations["value"].__doc__

    def __call__(self, *args, **kwargs):
        if self._parametrised:
            return self._operations["value"](*args, **kwargs)
        return apply(self.ufunc, self.info.name, args, kwargs)

    def param_values(self, params=None) -> tuple:
        """The entry's parameter values as a tuple, in catalog order.

        ``params`` maps names to values (or is a sequence in order); the
        catalog's defaults fill in the rest.  ``()`` for an entry without
        parameters.

        Raises
        ------
        KeyError
            For a name that is not one of the entry's parameters.
        """
        names = self.info.param_names
        if params is None:
            params = {}
        if not isinstance(params, Mapping):
            params = dict(zip(names, params))
        unknown = sorted(set(params) - set(names))
        if unknown:
            known = f"; its parameters: {', '.join(names)}" if names else "; it takes no parameters"
            raise KeyError(f"{self.info.name} has no parameter {unknown[0]!r}{known}")
        return tuple(float(params.get(p.name, p.default)) for p in self.info.params)

    def operation(self, name: str) -> Kernel:
        """The kernel of operation ``name`` (one of ``OPERATIONS``)."""
        return self._operations[name]

    @property
    def distribution(self):
        """The frozen scipy.stats distribution whose ``cdf`` is ``self.cdf``.

        For a parametrised family, a function of the parameters (positional
        or by name) returning that frozen distribution:
        ``sg.genlogistic.distribution(alpha=2.0).cdf(x) == sg.genlogistic.cdf(x, 2.0)``.
        """
        if self._parametrised:
            return self._distribution_factory
        if self._distribution is None:
            self._distribution = self._distribution_factory()
        return self._distribution

    def __repr__(self) -> str:
        a, b = self.info.range
        return f"<sigmoid {self.info.name}: {self.info.title}, range ({a:g}, {b:g})>"

    def __reduce__(self):
        return (get, (self.info.name,))


# ------------------------------------------------------------------ registry

_KERNELS: dict[str, Kernel] = {}


def _make_kernel(ufunc_name: str, public: str, what: str, arg: str, returns: str, example,
                 params: tuple[Param, ...] = ()) -> Kernel:
    ulp = {d: v[0] for d, v in KERNEL_ACCURACY[ufunc_name].items()}
    k = Kernel(getattr(_ufuncs, ufunc_name), public,
               _docstring(public, what, arg, returns, ulp, example, params),
               tuple(p.name for p in params))
    _KERNELS[public] = k
    return k


def _frozen_distribution(spec, params: tuple[Param, ...] = ()) -> Callable:
    """The distribution's builder.  A dotted name is one of our own
    rv_continuous instances ("sigmoids.distributions.softsign").  For a
    parametrised family, the values of the keyword arguments are expressions
    in the parameter names (``{"a": "n + 1"}``), evaluated with the values
    the caller passes."""
    name, kwargs = spec

    def family():
        # heavy: imported on first use only
        import importlib

        module, _, attribute = name.rpartition(".") if "." in name else ("scipy.stats", "", name)
        return getattr(importlib.import_module(module), attribute)

    if not params:
        def build():
            return family()(**kwargs)

        return build
    names = tuple(p.name for p in params)

    @functools.lru_cache(maxsize=64)
    def frozen(values: tuple):
        scope = dict(zip(names, values))
        resolved = {k: eval(v, {"__builtins__": {}}, scope) if isinstance(v, str) else v
                    for k, v in kwargs.items()}
        return family()(**resolved)

    def distribution(*values, **named):
        """The frozen scipy.stats distribution for these parameter values."""
        (_, *values), _ = _bind_parameters(f"{name} distribution", names, (None, *values), dict(named))
        for p, v in zip(params, values):
            if not p.is_valid(float(v)):
                raise ValueError(f"{p.name}={v!r} is not valid: {p.describe()}")
        return frozen(tuple(float(v) for v in values))

    distribution.__name__ = "distribution"
    return distribution


def _build_entry(row: dict) -> Sigmoid:
    name = row["name"]
    params = tuple(row.get("params", ()))
    operations = {}
    for op in OPERATIONS:
        what, arg, returns = _OPERATION_TEXT[op]
        public = name if op == "value" else f"{name}.{op}"
        operations[op] = _make_kernel(row["kernels"][op], public, f"{what} of the {row['title']}",
                                      arg, returns, row["examples"].get(op), params)
    dist_name, dist_params = row["distribution"]
    args = ", ".join(f"{k}={v}" if params and isinstance(v, str) else f"{k}={v!r}"
                     for k, v in dist_params.items())
    qualified = dist_name if "." in dist_name else f"scipy.stats.{dist_name}"
    info = Info(
        name=name,
        title=row["title"],
        formula=row["formula"],
        inverse_formula=row["inverse_formula"],
        range=row["range"],
        closed=row["closed"],
        slope_at_0=row["slope_at_0"],
        odd=row["odd"],
        symmetric=row["symmetric"],
        distribution=f"{qualified}({args})",
        aliases=tuple(row["aliases"]),
        kernels=MappingProxyType(dict(row["kernels"])),
        max_ulp=MappingProxyType({
            op: MappingProxyType({d: v[0] for d, v in KERNEL_ACCURACY[k].items()})
            for op, k in row["kernels"].items()
        }),
        summary=row["summary"],
        kinks=tuple(row.get("kinks", ())),
        preimage_ambiguous=tuple(tuple(i) for i in row.get("preimage_ambiguous", ())),
        distribution_roundings=row.get("distribution_roundings", 0),
        mirror=row.get("mirror"),
        params=params,
        domain=tuple(row.get("domain", (-math.inf, math.inf))),
        slope_text=row.get("slope_text"),
    )
    return Sigmoid(info, operations, _frozen_distribution(row["distribution"], params))


catalog: Mapping[str, Sigmoid] = MappingProxyType({row["name"]: _build_entry(row) for row in ROWS})
"""Read-only mapping name -> :class:`Sigmoid`, in catalog order."""

for _name, (_ufunc, _example, _text) in COMPANIONS.items():
    _make_kernel(_ufunc, _name, _text, "x", _text.split(",")[0], _example)

_ALIASES = {alias: entry.info.name for entry in catalog.values() for alias in entry.info.aliases}


def get(name: str) -> Sigmoid:
    """The catalog entry called ``name`` or one of its aliases.

    Raises
    ------
    KeyError
        For an unknown name, with the closest known names suggested.

    Examples
    --------
    >>> import sigmoids as sg
    >>> sg.get("expit") is sg.logistic
    True
    """
    if isinstance(name, Sigmoid):
        return name
    key = str(name).strip().lower().replace("-", "_")
    key = _ALIASES.get(key, key)
    if key in catalog:
        return catalog[key]
    known = sorted(set(catalog) | set(_ALIASES))
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in known), reverse=True)
    # Only the names nearly as close as the best: 'logstic' suggests
    # 'logistic' alone, not every name sharing a few letters with it.
    close = [k for score, k in scored[:3] if score >= 0.5 and score >= scored[0][0] - 0.1]
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else f"; known: {', '.join(known)}"
    raise KeyError(f"no sigmoid called {name!r}{hint}")


def kernel(public_name: str) -> Kernel:
    """The kernel with public name ``public_name`` ('logistic.inverse', 'softplus', ...)."""
    return _KERNELS[public_name]
