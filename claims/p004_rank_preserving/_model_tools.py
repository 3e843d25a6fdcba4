"""Helpers for the §1–§3 model claims of p004 (rank-preserving spec §1.11): finite grids of
Fraction types, the printed form of Def 3 and its exponent variant, the (1) relations,
exchangeable and random priors with the WEIGHT readings, certified revenue optima, exact
IC / IR / RP / symmetry checks of numeric tables, and menus with the TB tie rules.

Symbolic tables (unknown entries for a ``Forall``) are those of
``claims.p004_rank_preserving.tables``. Conventions are the kernel's
(:mod:`verify.mech.types`): coordinates 0-based, ``(v^σ)_j = v_{σ(j)}``, ``D(σ) = {v :
v_{σ(0)} > ... > v_{σ(n-1)}}``. No float enters anywhere; optima come from
:func:`verify.mech.revenue.menu_lp` solved by :func:`verify.mech.lp.solve` (exact value, the
certificate re-checked in Fractions).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from verify.mech.lp import Constraint, LinearProgram, solve
from verify.mech.revenue import menu_lp
from verify.mech.types import (
    all_perms,
    is_sorted,
    is_strict,
    orbit,
    permute,
    sorting_perm,
)

Vec = tuple[Fraction, ...]
Expr = sp.Expr


# ---------------------------------------------------------------------------- grids

def values(top: int, lo: int = 0) -> tuple[Fraction, ...]:
    """The value grid V = {lo, ..., top}."""
    return tuple(Fraction(x) for x in range(lo, top + 1))


def h_types(n: int, vals: Sequence[Fraction], strict: bool) -> list[Vec]:
    """T^H = V^n (closed) or T^H_s (strict types only)."""
    return [v for v in itertools.product(vals, repeat=n) if not strict or is_strict(v)]


def i_types(n: int, vals: Sequence[Fraction], strict: bool) -> list[Vec]:
    """T^I = {v_1 >= ... >= v_n} (closed) or T^I_s = {v_1 > ... > v_n} (strict)."""
    return [v for v in itertools.product(vals, repeat=n) if is_sorted(v, strict=strict)]


# ---------------------------------------------------------------------------- relations
# Symbolic tables, IC / IR / RP / Def 1 relations and Def 3 as linear expressions are those of
# ``claims.p004_rank_preserving.tables``; the helpers below add what that module lacks.

def feasible(qv: Sequence[Expr]) -> list[sp.Basic]:
    """(1): ``q_1 >= q_2 >= ... >= q_n``."""
    return [sp.Ge(a, b, evaluate=False) for a, b in itertools.pairwise(qv)]


def ext_printed(table: dict, v: tuple, sigma: tuple[int, ...]) -> tuple:
    """Def 3 literally, at v in D(σ): the vector x with ``x_{σ(i)} = q_i(v^σ)`` for every i."""
    w = permute(v, sigma)
    out: list = [None] * len(v)
    for i, s in enumerate(sigma):
        out[s] = table[w][i]
    return tuple(out)


def ext_exponent_sigma(table: dict, v: tuple) -> tuple:
    """The variant of Def 3 with exponent σ instead of σ^{-1}: ``q(v^σ)^σ``, σ sorting v."""
    s = sorting_perm(v)
    return permute(table[permute(v, s)], s)


# ---------------------------------------------------------------------------- priors

def exchangeable_pmf(types: Sequence[Vec], seed: int, ties: bool = True) -> dict[Vec, Fraction]:
    """An exchangeable pmf on a permutation-closed type list: seed 0 uniform, seed 1 i.i.d.
    with marginal weights 1, 2, 3, ... on the sorted values, seed >= 2 random integer weights
    1..9 per orbit (constant on the orbit). ``ties=False`` puts zero mass on tied types."""
    rng = random.Random(seed)
    vals = sorted({x for v in types for x in v})
    marg = {x: k + 1 for k, x in enumerate(vals)}
    weight: dict[Vec, int] = {}
    for v in types:
        key = tuple(sorted(v, reverse=True))
        if key not in weight:
            if seed == 0:
                weight[key] = 1
            elif seed == 1:
                weight[key] = math.prod(marg[x] for x in key)
            else:
                weight[key] = rng.randint(1, 9)
    raw = {v: (weight[tuple(sorted(v, reverse=True))] if ties or is_strict(v) else 0)
           for v in types}
    total = sum(raw.values())
    return {v: Fraction(w, total) for v, w in raw.items()}


def orbit_weights(pmf: dict[Vec, Fraction], reps: Iterable[Vec], rule: str) -> dict[Vec, Fraction]:
    """WEIGHT readings on sorted representatives: "factorial" ``n!·p(v)`` (R1) or "orbit"
    ``|orbit(v)|·p(v)`` (R2)."""
    out = {}
    for v in reps:
        factor = math.factorial(len(v)) if rule == "factorial" else len(orbit(v))
        out[v] = factor * pmf[v]
    return out


# ---------------------------------------------------------------------------- optima

@dataclass(frozen=True)
class Optimum:
    value: Fraction
    q: dict[Vec, Vec]
    t: dict[Vec, Fraction]
    method: str


def optimum(types: Sequence[Vec], weights: dict[Vec, Fraction], *, symmetric: bool = False,
            rank_preserving: bool = False, decreasing: bool = False,
            pay_lower: Fraction | None = None, extra: Sequence[Constraint] = ()) -> Optimum:
    """``max Σ_v w(v) t(v)`` over IC + IR tables on ``types`` (all ordered IC pairs), exact.

    Options: ``symmetric`` (Def 1 at every type, ties included: TIE-SYM R2), ``rank_preserving``
    (Def 2, strict pairs), ``decreasing`` ((1): q_1 >= ... >= q_n), ``pay_lower`` (t >= bound,
    reading PAY). Weights need not sum to 1 (WEIGHT R1 on closed grids); the LP is solved with
    the normalised weights and the value scaled back, exactly.
    """
    ts = list(types)
    total = sum(weights.values(), Fraction(0))
    probs = [weights[v] / total for v in ts]
    lp = menu_lp(ts, probs, symmetric=symmetric, rank_preserving=rank_preserving)
    cons: list[Constraint] = list(extra)
    n = len(ts[0])
    for k in range(len(ts)):
        if decreasing:
            cons.extend(Constraint(f"FEAS[{k}][{i}]", {f"q[{k}][{i}]": 1, f"q[{k}][{i + 1}]": -1},
                                   ">=", 0) for i in range(n - 1))
        if pay_lower is not None:
            cons.append(Constraint(f"PAY[{k}]", {f"p[{k}]": 1}, ">=", pay_lower))
    if cons:
        lp = LinearProgram(lp.variables, lp.objective, lp.constraints + tuple(cons), lp.sense)
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise ValueError(f"revenue LP is {res.status}")
    res.verify()
    q = {v: tuple(res.x.get(f"q[{k}][{i}]", Fraction(0)) for i in range(n))
         for k, v in enumerate(ts)}
    t = {v: res.x.get(f"p[{k}]", Fraction(0)) for k, v in enumerate(ts)}
    return Optimum(total * res.value, q, t, res.method)


# ---------------------------------------------------------------------------- exact checks

def utility(v: Vec, q: Vec, t: Fraction) -> Fraction:
    return sum((a * b for a, b in zip(v, q, strict=True)), Fraction(0)) - t


def ic_failure(q: dict[Vec, Vec], t: dict[Vec, Fraction], types: Iterable[Vec] | None = None,
               reports: Iterable[Vec] | None = None) -> tuple[Vec, Vec, Fraction] | None:
    """First (v, w, gain) with a positive gain from reporting w, or None (exact)."""
    vs = list(q) if types is None else list(types)
    ws = list(q) if reports is None else list(reports)
    for v in vs:
        own = utility(v, q[v], t[v])
        for w in ws:
            gain = utility(v, q[w], t[w]) - own
            if gain > 0:
                return v, w, gain
    return None


def ir_failure(q: dict[Vec, Vec], t: dict[Vec, Fraction]) -> Vec | None:
    return next((v for v in q if utility(v, q[v], t[v]) < 0), None)


def rp_failure(q: dict[Vec, Vec], weak: bool = False) -> tuple[Vec, int, int] | None:
    for v, qv in q.items():
        for i, j in itertools.permutations(range(len(v)), 2):
            if (v[i] > v[j] or (weak and v[i] == v[j])) and qv[i] < qv[j]:
                return v, i, j
    return None


def symmetry_failure(q: dict[Vec, Vec], t: dict[Vec, Fraction], strict_only: bool = True
                     ) -> tuple[Vec, tuple[int, ...]] | None:
    for v in q:
        if strict_only and not is_strict(v):
            continue
        for s in all_perms(len(v)):
            w = permute(v, s)
            if q[w] != permute(q[v], s) or t[w] != t[v]:
                return v, s
    return None


def menu_table(menu: Sequence[tuple[Vec, Fraction]], types: Iterable[Vec], rule: str
               ) -> tuple[dict[Vec, Vec], dict[Vec, Fraction]]:
    """Each type picks a utility-maximising menu entry (the null entry (0, 0) is always there).

    Tie rules (TB): "seller" (R2, highest price), "buyer" (R3, fewest units then lexicographic
    in the entry's allocation, largest first), "average" (R4 as the uniform lottery over the
    maximisers, i.e. its expected allocation and payment).
    """
    n = len(menu[0][0]) if menu else 0
    entries = [(tuple(Fraction(0) for _ in range(n)), Fraction(0)), *menu]
    q: dict[Vec, Vec] = {}
    t: dict[Vec, Fraction] = {}
    for v in types:
        best = max(utility(v, x, p) for x, p in entries)
        top = [(x, p) for x, p in entries if utility(v, x, p) == best]
        if rule == "seller":
            x, p = max(top, key=lambda e: e[1])
        elif rule == "buyer":
            x, p = min(top, key=lambda e: (sum(e[0]), tuple(-c for c in e[0])))
        else:
            k = len(top)
            x = tuple(sum((e[0][i] for e in top), Fraction(0)) / k for i in range(len(v)))
            p = sum((e[1] for e in top), Fraction(0)) / k
        q[v], t[v] = x, p
    return q, t


def random_menu(n: int, rng: random.Random, size: int, decreasing: bool, deterministic: bool,
                top: int) -> list[tuple[Vec, Fraction]]:
    """A random menu of ``size`` entries with allocations in {0, 1/2, 1}^n (or {0,1}^n) and
    prices in {0, 1/2, ..., n·top}; ``decreasing`` sorts each allocation (model I)."""
    grid = [Fraction(0), Fraction(1)] if deterministic else [Fraction(0), Fraction(1, 2),
                                                             Fraction(1)]
    out = []
    for _ in range(size):
        x = tuple(rng.choice(grid) for _ in range(n))
        if decreasing:
            x = tuple(sorted(x, reverse=True))
        out.append((x, Fraction(rng.randint(0, 2 * n * top), 2)))
    return out
