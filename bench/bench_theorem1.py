"""Benchmark rank-preserving Theorem 1 (strict grids, both directions) before and after the
symmetry reduction and the local shared-basis LPs, with ratios measured in the same run.

What one point costs is what `mechverify check` spends on it: the claim builds its `Forall`
(claims/p004_rank_preserving/theorem1.py), the engine hashes it (`Forall.fingerprint`) and the
exact LP back-end decides it. The sweep of `--limit g=L` is every point n in {2, 3}, g <= L
(CHECKED g <= L), so each row sums the points of that sweep.

* before: the full mechanism table (Def 1 as equality hypotheses, IC on every pair of types),
  `sp.srepr` for the fingerprint, and the back-end without its local step (`LP(local=False)`:
  the float guide picks the rows of each relaxation).
* after: Def 1 solved (the table on the sorted cone; IC for the pairs (v, w) with v sorted:
  an exact reformulation), the fingerprint as the engine computes it now, and the back-end's
  local relaxations (`verify.mech.lp.solve_many`: one HiGHS model per set of variables, warm
  starts, an exact certificate per objective).

Both routes must prove every point (exact certificates); times are CPU seconds of this process
(`time.process_time`), so other load on the machine inflates them less than wall time.

Run: ``python bench/bench_theorem1.py`` (limits 4, 5, 6; ``--limits 4`` for a quick run).
End to end, the claims themselves: ``mechverify check 'p004/T1.ii-i@strict' --no-cache
--limit g=6 --timeout 3600 --jobs 1 --record /tmp/run.json`` (and ``T1.i-ii@strict``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sympy as sp  # noqa: E402

from claims.p004_rank_preserving.theorem1 import t1_i_ii, t1_ii_i  # noqa: E402
from verify.backends.base import Proof  # noqa: E402
from verify.backends.lp import LP  # noqa: E402
from verify.context import Skip  # noqa: E402
from verify.statement import Forall  # noqa: E402

DIRECTIONS: dict[str, Callable[..., Forall]] = {"ii-i": t1_ii_i, "i-ii": t1_i_ii}
STRICT = {"closed": False, "sym_strict_only": True, "rp_weak": False}


def old_fingerprint(problem: Forall) -> str:
    """`Forall.fingerprint` as it was: `sp.srepr` of every conjunct (the same text)."""
    parts = [f"{s.name}:{d!r}" for s, d in problem.variables.items()]
    parts += [f"given {k}: {sp.srepr(v)}" for k, v in problem.given.items()]
    parts += [f"then {k}: {sp.srepr(v)}" for k, v in problem.then.items()]
    return "\n".join(parts)


def point(direction: str, n: int, g: int, after: bool) -> float | None:
    """CPU seconds of one point (build, fingerprint, decide), None if the point is vacuous
    (no strict type); raises if the point is not proved."""
    t0 = time.process_time()
    try:
        problem = DIRECTIONS[direction](n, g, **STRICT, reduce=after)
    except Skip:
        return None
    text = problem.fingerprint() if after else old_fingerprint(problem)
    backend = LP(local=after)
    if not backend.accepts(problem):
        raise SystemExit(f"{direction} n={n} g={g}: the LP back-end declines the statement")
    outcome = backend.run(problem, 3600)
    seconds = time.process_time() - t0
    if not isinstance(outcome, Proof) or not text:
        raise SystemExit(f"{direction} n={n} g={g} ({'after' if after else 'before'}): "
                         f"expected a proof, got {outcome}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limits", type=int, nargs="+", default=[4, 5, 6])
    args = ap.parse_args()
    top = max(args.limits)
    print(f"Theorem 1, strict grids, n in {{2, 3}}, g <= {top}: CPU seconds per sweep")
    print(f"{'direction':<10}{'limit g':>8}{'before s':>11}{'after s':>10}{'ratio':>8}")
    for direction in DIRECTIONS:
        per: dict[tuple[int, int], tuple[float, float]] = {}
        for g in range(1, top + 1):
            for n in (2, 3):
                before = point(direction, n, g, after=False)
                after = point(direction, n, g, after=True)
                if (before is None) != (after is None):
                    raise SystemExit(f"{direction} n={n} g={g}: vacuous on one route only")
                if before is not None and after is not None:
                    per[(n, g)] = (before, after)
        for limit in sorted(set(args.limits)):
            b = sum(v[0] for (_, g), v in per.items() if g <= limit)
            a = sum(v[1] for (_, g), v in per.items() if g <= limit)
            print(f"{direction:<10}{limit:>8}{b:>11.2f}{a:>10.2f}{b / a:>7.1f}x", flush=True)


if __name__ == "__main__":
    main()
