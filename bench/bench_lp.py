"""Benchmark the exact-certified LP on the optimal-revenue LP of one additive buyer.

Instance: two items, values uniform on {1..k}^2 (k^2 types, 3k^2 variables, k^2 (k^2 - 1) IC
pairs). Two parts, in one run:

1. Certified LP (HiGHS + exact basis + exact re-check) vs z3 ``Optimize`` (exact simplex, no
   certificate) at k = 8, 12, 16: times, ratios (z3 time / certified time) and the exact
   revenues, which must agree. Every time includes building the LP from the types. z3 runs with
   a timeout; if it hits it, the ratio is printed as a lower bound (">= X").
2. The largest k certified within the budget (default 60 s), with and without lazy IC
   generation, stepping k by ``--step`` and stopping at the first k over budget.

Run: ``python bench/bench_lp.py`` (``--quick``: k = 8 only, 10 s budget).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify.errors import VerifyError  # noqa: E402
from verify.mech.lp import z3_optimum  # noqa: E402
from verify.mech.revenue import menu_lp, optimal_menu  # noqa: E402

T = TypeVar("T")

KNOWN = {3: Fraction(8, 3), 4: Fraction(13, 4), 6: Fraction(13, 3), 8: Fraction(87, 16)}
KNOWN |= {10: Fraction(163, 25), 12: Fraction(365, 48)}


def grid(k: int) -> tuple[list[tuple[int, int]], list[Fraction]]:
    types = [(a, b) for a in range(1, k + 1) for b in range(1, k + 1)]
    return types, [Fraction(1, k * k)] * len(types)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def certified(k: int, lazy: bool, budget: float | None = None) -> Fraction:
    res = optimal_menu(*grid(k), lazy=lazy, time_limit=budget)
    if k in KNOWN and res.revenue != KNOWN[k]:
        raise SystemExit(f"k={k}: certified revenue {res.revenue} != known {KNOWN[k]}")
    return res.revenue


def z3_run(k: int, timeout: float) -> Fraction | None:
    """z3 Optimize on the same (full) LP; None if it timed out."""
    try:
        return z3_optimum(menu_lp(*grid(k)), time_limit=timeout)
    except VerifyError:
        return None


def compare(ks: list[int], z3_timeout: float) -> None:
    print("## Certified LP vs z3 Optimize (full LP; lazy = certified with lazy IC)")
    head = f"{'k':>3} {'revenue':>12} {'full s':>8} {'lazy s':>8} {'z3 s':>9}"
    print(f"{head} {'z3/full':>9} {'z3/lazy':>9}  agree")
    for k in ks:
        rev_full, t_full = timed(lambda k=k: certified(k, lazy=False))
        rev_lazy, t_lazy = timed(lambda k=k: certified(k, lazy=True))
        rev_z3, t_z3 = timed(lambda k=k: z3_run(k, z3_timeout))
        if rev_z3 is None:
            z3s, bound = f">={t_z3:.1f}", ">="
            agree = "z3 timed out"
        else:
            z3s, bound = f"{t_z3:.2f}", ""
            agree = "yes" if rev_z3 == rev_full == rev_lazy else "NO"
        r_full, r_lazy = f"{bound}{t_z3 / t_full:.1f}", f"{bound}{t_z3 / t_lazy:.0f}"
        print(
            f"{k:>3} {str(rev_full):>12} {t_full:>8.2f} {t_lazy:>8.2f} {z3s:>9} "
            f"{r_full:>9} {r_lazy:>9}  {agree}",
            flush=True,
        )
        if agree == "NO":
            raise SystemExit(f"k={k}: revenues disagree: {rev_full}, {rev_lazy}, {rev_z3}")


def sweep(lazy: bool, budget: float, start: int, step: int, max_k: int) -> int | None:
    label = "lazy IC" if lazy else "all IC pairs"
    print(f"## Largest k certified within {budget:g} s ({label})")
    best = None
    k = start
    while k <= max_k:
        try:
            rev, secs = timed(lambda k=k: certified(k, lazy=lazy, budget=budget))
        except VerifyError as e:
            print(f"k={k:>3}: over budget ({e})", flush=True)
            break
        if secs > budget:
            print(f"k={k:>3}: {secs:.1f} s, over budget", flush=True)
            break
        print(f"k={k:>3}: {secs:7.2f} s  revenue {rev}", flush=True)
        best = k
        k += step
    print(f"largest k within {budget:g} s ({label}): {best}", flush=True)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="k = 8 only, 10 s budget")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per k in the sweep")
    ap.add_argument("--z3-timeout", type=float, default=300.0, help="seconds per z3 run")
    ap.add_argument("--step", type=int, default=4, help="k step in the sweep")
    ap.add_argument("--max-k", type=int, default=200, help="stop the sweep here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.quick:
        compare([8], z3_timeout=10.0)
        sweep(lazy=True, budget=10.0, start=8, step=4, max_k=8)
        sweep(lazy=False, budget=10.0, start=8, step=4, max_k=8)
    else:
        compare([8, 12, 16], z3_timeout=args.z3_timeout)
        for k, target in ((20, 5.0), (40, 60.0)):
            _, secs = timed(lambda k=k: certified(k, lazy=True))
            verdict = "met" if secs <= target else "MISSED"
            print(f"target k={k} (lazy) in <= {target:g} s: {secs:.2f} s, {verdict}", flush=True)
        sweep(lazy=False, budget=args.budget, start=8, step=args.step, max_k=args.max_k)
        sweep(lazy=True, budget=args.budget, start=8, step=args.step, max_k=args.max_k)
    print(f"total {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
