"""How far the exact per-k check of Claim 26 (a), (b) reaches.

Baseline (same run): the textbook exact route, sympy real-root isolation of f_k (CRootOf) and
an exact comparison of alpha_{k+1} with alpha_k, on k = 1..BASE. Ours: integer signs of f_k at
one small-denominator separator per k (the claims' own predicates, python-flint integers). The
ratio baseline/ours on the same k range is the speed-up; then ours alone runs k = 1..10 000.

    python bench/bench_claim26.py [--reach 10000] [--base 14]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.p002_buy_many.alpha import f, x  # noqa: E402
from claims.p002_buy_many.claim26 import decreasing, has_root  # noqa: E402


def baseline(k: int) -> bool:
    roots = [r for r in sp.Poly(f(k, x), x).real_roots() if r > 0]
    roots_next = [r for r in sp.Poly(f(k + 1, x), x).real_roots() if r > 0]
    return bool(min(roots_next) < min(roots) < 1)


def ours(k: int) -> bool:
    return has_root(k) and decreasing(k)


def timed(fn, ks) -> tuple[float, bool]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    ok = all(fn(k) for k in ks)
    return time.perf_counter() - start, ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reach", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=14)
    args = ap.parse_args()
    ks = range(1, args.base + 1)
    t_base, ok_base = timed(baseline, ks)
    t_ours, ok_ours = timed(ours, ks)
    print(f"k = 1..{args.base}: baseline (sympy CRootOf) {t_base:.2f}s, ours {t_ours:.3f}s, "
          f"speed-up x{t_base / t_ours:.0f}; both hold: {ok_base and ok_ours}")
    checkpoints = sorted({c for c in (1000, 2500, 5000, args.reach) if c <= args.reach})
    start = time.perf_counter()
    done = 0
    for c in checkpoints:
        for k in range(done + 1, c + 1):
            if not ours(k):
                print(f"claim fails at k = {k}")
                return
        done = c
        print(f"(a) and (b) exact for k <= {c}: {time.perf_counter() - start:.1f}s cumulative")


if __name__ == "__main__":
    main()
