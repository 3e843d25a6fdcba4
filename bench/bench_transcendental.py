"""Transcendental statements: the engine with certified enclosures vs. without.

A fixed set of one- and two-variable inequalities with log, exp, radicals, real powers,
harmonic numbers and binomials (half true, half false; several false only on an interval of
width < 10^-3) goes through `verify.engine.check` twice, in one run:

* new: every back-end (sympy, z3, lp, enumerate, interval, search) and `verify.exact` with
  its certified arb enclosures;
* old: backends=("sympy", "z3", "lp", "enumerate", "search") and the exact evaluator's
  transcendental support switched off (`exact._sign_arb` raising "unsupported construct", as
  the evaluator did before; values substituted with sympy's folding and every rational root
  on the rational path, as before): those statements end in ERROR, radicals in search.

    .venv/bin/python bench/bench_transcendental.py [--timeout 60] [--only NAME]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify import Forall, Ints, Reals, Source, Status, claim, exact  # noqa: E402
from verify.claim import Registry  # noqa: E402
from verify.engine import Settings, check  # noqa: E402
from verify.errors import EncodingError  # noqa: E402

x, y = sp.symbols("x y", real=True)
k = sp.Symbol("k", integer=True)
R = sp.Rational
SRC = Source("bench.txt", "bench", (1, 1))
OLD_BACKENDS = ("sympy", "z3", "lp", "enumerate", "search")


def ge(a: Any, b: Any) -> Any:
    return sp.Ge(a, b, evaluate=False)


def le(a: Any, b: Any) -> Any:
    return sp.Le(a, b, evaluate=False)


def gt(a: Any, b: Any) -> Any:
    return sp.Gt(a, b, evaluate=False)


def lt(a: Any, b: Any) -> Any:
    return sp.Lt(a, b, evaluate=False)


Case = tuple[str, bool, str, Callable[[], Any]]  # name, true?, note, statement

CASES: list[Case] = [
    # ------------------------------------------------------------------ true
    ("ln1p >= x - x^2/2", True, "unbounded, touching at 0",
     lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 2))),
    ("ln1p <= x", True, "x > -1, unbounded",
     lambda: Forall({x: Reals(-1, lo_open=True)}, then=le(sp.log(1 + x), x))),
    ("e^x >= 1 + x", True, "all reals",
     lambda: Forall({x: Reals()}, then=ge(sp.exp(x), 1 + x))),
    ("e^-x <= 1/(1+x)", True, "x >= 0",
     lambda: Forall({x: Reals(0)}, then=le(sp.exp(-x), 1 / (1 + x)))),
    ("sqrt x <= (1+x)/2", True, "AM-GM, touching at 1, unbounded",
     lambda: Forall({x: Reals(0)}, then=le(sp.sqrt(x), (1 + x) / 2))),
    ("sqrt(1+x) <= 1 + x/2", True, "x >= -1, touching at 0",
     lambda: Forall({x: Reals(-1)}, then=le(sp.sqrt(1 + x), 1 + x / 2))),
    ("ln x <= 2(sqrt x - 1)", True, "x >= 1, touching at 1",
     lambda: Forall({x: Reals(1)}, then=le(sp.log(x), 2 * (sp.sqrt(x) - 1)))),
    ("x ln x >= x - 1", True, "compact, touching at 1",
     lambda: Forall({x: Reals(R(1, 100), 10)}, then=ge(x * sp.log(x), x - 1))),
    ("e^x > x^2/2", True, "strict, compact",
     lambda: Forall({x: Reals(0, 10)}, then=gt(sp.exp(x), x**2 / 2))),
    ("x^x >= 1/2", True, "real power, compact",
     lambda: Forall({x: Reals(R(1, 10), 2)}, then=ge(x**x, R(1, 2)))),
    ("1/(1-e^-x) <= 1 + 1/x", True, "compact",
     lambda: Forall({x: Reals(R(1, 10), 10)}, then=le(1 / (1 - sp.exp(-x)), 1 + 1 / x))),
    ("ln x <= x/e", True, "touching at the irrational e",
     lambda: Forall({x: Reals(R(1, 10), 20)}, then=le(sp.log(x), x / sp.E))),
    ("e^(x+y) >= 1+x+y", True, "2 variables, touching on a line",
     lambda: Forall({x: Reals(-1, 1), y: Reals(-1, 1)}, then=ge(sp.exp(x + y), 1 + x + y))),
    ("sqrt(xy) <= (x+y)/2", True, "2 variables, touching on the diagonal",
     lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)}, then=le(sp.sqrt(x * y), (x + y) / 2))),
    ("ln x + ln y <= x + y - 2", True, "2 variables, touching at (1, 1)",
     lambda: Forall({x: Reals(R(1, 10), 5), y: Reals(R(1, 10), 5)},
                    then=le(sp.log(x) + sp.log(y), x + y - 2))),
    ("H_k <= 1 + ln k", True, "integers 1..300",
     lambda: Forall({k: Ints(1, 300)}, then=le(sp.harmonic(k), 1 + sp.log(k)))),
    ("(1-1/k)^k <= 1/e", True, "integers 1..200",
     lambda: Forall({k: Ints(1, 200)}, then=le((1 - 1 / k) ** k, sp.exp(-1)))),
    ("C(2k,k) >= 4^k/(2 sqrt k)", True, "integers 1..100",
     lambda: Forall({k: Ints(1, 100)}, then=ge(sp.binomial(2 * k, k), 4**k / (2 * sp.sqrt(k))))),
    # ------------------------------------------------------------------ false
    ("ln1p >= x - x^2/3", False, "perturbation, unbounded",
     lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 3))),
    ("ln1p >= x - x^2/2 + x^3/4", False, "perturbation, unbounded",
     lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 2 + x**3 / 4))),
    ("e^x >= 1 + x + x^2/2", False, "fails for x < 0",
     lambda: Forall({x: Reals()}, then=ge(sp.exp(x), 1 + x + x**2 / 2))),
    ("sqrt x <= x", False, "fails on (0, 1)",
     lambda: Forall({x: Reals(0, 2)}, then=le(sp.sqrt(x), x))),
    ("2^x >= 1 + x", False, "fails on (0, 1)",
     lambda: Forall({x: Reals(0, 2)}, then=ge(2**x, 1 + x))),
    ("x ln x >= -1/3", False, "fails around 1/e",
     lambda: Forall({x: Reals(R(1, 100), 1)}, then=ge(x * sp.log(x), R(-1, 3)))),
    ("ln x <= x/3", False, "fails around 3",
     lambda: Forall({x: Reals(1, 20)}, then=le(sp.log(x), x / 3))),
    ("sqrt narrow", False, "width 9.8e-4 around 0.3141",
     lambda: Forall({x: Reals(0, 1)}, then=ge(sp.sqrt((x - R(3141, 10000)) ** 2 + R(1, 10**8)),
                                               R(1, 2000)))),
    ("ln narrow", False, "width 6.3e-5 around sqrt(2)/2",
     lambda: Forall({x: Reals(0, 1)}, then=ge(sp.log(1 + 10**6 * (x - sp.sqrt(2) / 2) ** 2),
                                               R(1, 1000)))),
    ("exp narrow", False, "width 6.3e-5 around 1/3",
     lambda: Forall({x: Reals(0, 1)}, then=le(sp.exp(-(10**6) * (x - R(1, 3)) ** 2),
                                               R(999, 1000)))),
    ("2d sqrt narrow", False, "a disc of diameter 2e-4",
     lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)},
                    then=ge(sp.sqrt((x - y) ** 2 + (x + y - 1) ** 2), R(1, 10**4)))),
    ("2d ln narrow", False, "a disc of diameter 2e-5 around (1/7, 2/9)",
     lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)},
                    then=ge(sp.log(1 + 10**8 * ((x - R(1, 7)) ** 2 + (y - R(2, 9)) ** 2)),
                            R(1, 100)))),
    ("e^(x+y) >= (1+x)(1+y) + 1/100", False, "2 variables, fails at (0, 0)",
     lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)},
                    then=ge(sp.exp(x) * sp.exp(y), (1 + x) * (1 + y) + R(1, 100)))),
    ("H_k <= 1/2 + ln k", False, "integers 1..100",
     lambda: Forall({k: Ints(1, 100)}, then=le(sp.harmonic(k), R(1, 2) + sp.log(k)))),
    ("(1-1/k)^k <= 1/e - 1/(2k)", False, "integers 2..100",
     lambda: Forall({k: Ints(2, 100)}, then=le((1 - 1 / k) ** k, sp.exp(-1) - 1 / (2 * k)))),
    ("e^x <= 1 + x + x^2", False, "fails for large x, unbounded",
     lambda: Forall({x: Reals(0)}, then=le(sp.exp(x), 1 + x + x**2))),
    ("x^x >= 7/10", False, "fails around 1/e",
     lambda: Forall({x: Reals(R(1, 10), 2)}, then=ge(x**x, R(7, 10)))),
    ("closed 1/(1-e^(-1/36)) < 36", False, "closed statement",
     lambda: {"c": lt(1 / (1 - sp.exp(-R(1, 36))), 36)}),
]


def run_case(fn: Callable[[], Any], backends: tuple[str, ...] | None, timeout: float) -> Any:
    reg = Registry()
    claim("p900/B-1", source=SRC, statement="bench", registry=reg)(fn)
    return check(reg.get("p900/B-1"), Settings(timeout=timeout, backends=backends))


def _old_sign_arb(e: Any, *args: Any, **kwargs: Any) -> int:
    raise EncodingError(f"exact evaluator: unsupported construct {type(e).__name__}: {e}")


def _old_substitute(expr: Any, values: dict[Any, Any]) -> Any:
    return expr.xreplace(values)  # sympy folds everything it can, as the old evaluator did


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default=None)
    parser.add_argument("--verbose", action="store_true", help="show each verdict's evidence")
    args = parser.parse_args()
    cases = [c for c in CASES if args.only is None or args.only in c[0]]
    statuses = ["PROVED", "CHECKED", "REFUTED", "SAMPLED", "UNKNOWN", "ERROR"]
    results: dict[str, list[tuple[str, float, str]]] = {"new": [], "old": []}
    for label in ("new", "old"):
        for _name, _true, _note, fn in cases:
            start = time.monotonic()
            if label == "new":
                v = run_case(fn, None, args.timeout)
            else:
                with mock.patch.object(exact, "_sign_arb", _old_sign_arb), \
                        mock.patch.object(exact, "_substitute", _old_substitute), \
                        mock.patch.object(exact, "_MAX_ROOT", 10**12):
                    v = run_case(fn, OLD_BACKENDS, args.timeout)
            seconds = time.monotonic() - start
            why = (v.reason or (v.evidence[0] if v.evidence else ""))[:90]
            results[label].append((v.status.value, seconds, why))
    print(f"{'statement':34s} {'truth':5s} | {'new':8s} {'s':>6s} | {'old':8s} {'s':>6s}")
    for (name, true, _note, _), new, old in zip(cases, results["new"], results["old"], strict=True):
        print(f"{name:34s} {'T' if true else 'F':5s} | {new[0]:8s} {new[1]:6.2f} | "
              f"{old[0]:8s} {old[1]:6.2f}")
        if args.verbose:
            print(f"    new: {new[2]}\n    old: {old[2]}")
    print()
    print(f"{'run':4s} " + " ".join(f"{s:>8s}" for s in statuses) + f" {'median s':>9s} {'max s':>7s}")
    for label in ("new", "old"):
        rows = results[label]
        counts = [sum(1 for r in rows if r[0] == s) for s in statuses]
        times = [r[1] for r in rows]
        print(f"{label:4s} " + " ".join(f"{c:8d}" for c in counts)
              + f" {statistics.median(times):9.2f} {max(times):7.2f}")
    wrong = [name for (name, true, _, _), r in zip(cases, results["new"], strict=True)
             if (true and r[0] == Status.REFUTED.value)
             or (not true and r[0] in (Status.PROVED.value, Status.CHECKED.value))]
    if wrong:
        print("UNSOUND (new):", ", ".join(wrong))
        sys.exit(1)


if __name__ == "__main__":
    main()
