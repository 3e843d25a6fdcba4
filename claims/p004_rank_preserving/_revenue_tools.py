"""Helpers for sec3_revenue.py (entries T2 .. R3 of the rank-preserving spec).

Finite analogue (spec §1.11): values V = {lo, ..., hi} (integers, exact), n items; closed grid
T^H = V^n, strict grid T^H_s (distinct coordinates), sorted cones T^I = {v_1 >= ... >= v_n}
(strict: >). Coordinates are 0-based here. Permutations act as in verify.mech.types:
(v^σ)_j = v_{σ(j)}, (α∘β)(j) = α(β(j)), (v^α)^β = v^{α∘β}.

Three kinds of objects:

* symbolic tables (sympy symbols ``q[v][i]``, ``t[v]``) for universal statements "for every
  IC+IR table ..." handed to the engine as a Forall (certified-LP or z3 back-end);
* certified optimal revenues (:func:`optimum`), built on verify.mech.revenue.menu_lp plus the
  extra rows a reading needs, solved by verify.mech.lp.solve (exact optimum, dual certificate
  re-checked in pure Fractions);
* exact tables (dicts of Fractions) from menus, for randomised checks.

Nothing here decides a verdict with floats.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import sympy as sp

from verify import Reals
from verify.errors import VerifyError
from verify.mech.lp import Constraint, LinearProgram, solve
from verify.mech.revenue import menu_lp
from verify.mech.types import (
    all_perms,
    inverse,
    is_sorted,
    is_strict,
    orbit_size,
    permute,
    sorting_perm,
    sorting_perms,
)

F = Fraction
Vec = tuple[Fraction, ...]
Perm = tuple[int, ...]
TieSym = Literal["strict", "all"]
Ext = Literal["average", "stable"]

ZERO = F(0)
ONE = F(1)


# ----------------------------------------------------------------------------- grids


def values(m: int, lo: int = 0) -> tuple[Fraction, ...]:
    """V = {lo, ..., lo + m}."""
    return tuple(F(x) for x in range(lo, lo + m + 1))


def grid(vals: Sequence[Fraction], n: int, *, strict: bool) -> list[Vec]:
    """T^H (closed, all of V^n) or T^H_s (strict types), lexicographic order."""
    out = [tuple(v) for v in itertools.product(vals, repeat=n)]
    return [v for v in out if is_strict(v)] if strict else out


def cone(types: Iterable[Vec]) -> list[Vec]:
    """The sorted types (v_1 >= ... >= v_n) among ``types``: T^I, or T^I_s on a strict grid."""
    return [v for v in types if is_sorted(v)]


def rep(v: Vec) -> Vec:
    """The decreasing rearrangement of v (the orbit's representative in T^I)."""
    return tuple(sorted(v, reverse=True))


def show(v: Sequence[Fraction]) -> str:
    return "(" + ",".join(str(x) for x in v) + ")"


def dot(a: Sequence[object], b: Sequence[object]) -> object:
    return sum((x * y for x, y in zip(a, b, strict=True)), ZERO)


# ----------------------------------------------------------------------------- priors


def exch_pmf(types: Sequence[Vec], seed: int) -> dict[Vec, Fraction]:
    """An exchangeable pmf on a permutation-closed type list, full support.

    seed 0: uniform; odd seed: i.i.d. coordinates with a random marginal (weights 1..5 on V);
    even seed >= 2: random weight 1..6 per orbit (correlated in general). Exact rationals.
    """
    reps = sorted({rep(v) for v in types})
    if seed == 0:
        raw = {v: ONE for v in types}
    elif seed % 2 == 1:
        rng = random.Random(1000 + seed)
        vals = sorted({x for v in types for x in v})
        marg = {x: F(rng.randint(1, 5)) for x in vals}
        raw = {v: math.prod((marg[x] for x in v), start=ONE) for v in types}
    else:
        rng = random.Random(2000 + seed)
        w = {r: F(rng.randint(1, 6)) for r in reps}
        raw = {v: w[rep(v)] for v in types}
    total = sum(raw.values(), ZERO)
    return {v: raw[v] / total for v in types}


def random_pmf(
    types: Sequence[Vec], seed: int, *, support: int | None = None
) -> dict[Vec, Fraction]:
    """A random pmf (not exchangeable in general) with small integer weights."""
    rng = random.Random(3000 + seed)
    pts = list(types)
    if support is not None:
        pts = rng.sample(pts, min(support, len(pts)))
    raw = {v: F(rng.randint(1, 4)) for v in pts}
    total = sum(raw.values(), ZERO)
    return {v: raw.get(v, ZERO) / total for v in types}


def weights_I(
    p: Mapping[Vec, Fraction], n: int, rule: Literal["factorial", "orbit"]
) -> dict[Vec, Fraction]:
    """p^I on the sorted types: WEIGHT R1 n!·p^H(v), R2 |orbit(v)|·p^H(v)."""
    out = {}
    for v, mass in p.items():
        if is_sorted(v):
            out[v] = (math.factorial(n) if rule == "factorial" else orbit_size(v)) * mass
    return out


# ----------------------------------------------------------------------------- symbolic tables


def _name(kind: str, tag: str, v: Vec, i: int | None = None) -> str:
    base = f"{tag}{kind}{show(v)}"
    return base if i is None else f"{base}_{i + 1}"


@dataclass
class SymTable:
    """A table v -> (q(v), t(v)) of sympy expressions over the symbols in ``variables``."""

    q: dict[Vec, tuple[sp.Expr, ...]]
    t: dict[Vec, sp.Expr]
    variables: dict[sp.Symbol, Reals]

    @classmethod
    def free(cls, types: Sequence[Vec], tag: str = "", *, tlo: Fraction | None = None) -> SymTable:
        """Every entry its own variable: q in [0,1], t >= tlo (free if None)."""
        q, t, var = {}, {}, {}
        n = len(types[0])
        for v in types:
            qs = tuple(sp.Symbol(_name("q", tag, v, i), real=True) for i in range(n))
            q[v] = qs
            for s in qs:
                var[s] = Reals(0, 1)
            t[v] = sp.Symbol(_name("t", tag, v), real=True)
            var[t[v]] = Reals(tlo) if tlo is not None else Reals()
        return cls(q, t, var)

    @classmethod
    def symmetric(
        cls, types: Sequence[Vec], tag: str = "", *, ties: TieSym, tlo: Fraction | None = None
    ) -> SymTable:
        """A table symmetric by construction on a permutation-closed type list.

        Variables live on the sorted types; q(v) = q(v^σ)^{σ^{-1}}, t(v) = t(v^σ) with σ
        sorting v (Def 1 / Def 3). ties="all" (TIE-SYM R2): also tied types are images of
        their representative (use :func:`stabiliser_rows` for q(v)^σ = q(v), σ ∈ Stab(v));
        ties="strict" (R1): every tied type gets its own free variables.
        """
        sorted_types = [v for v in types if is_sorted(v)]
        base = cls.free(
            sorted_types
            if ties == "all"
            else [v for v in types if is_sorted(v) or not is_strict(v)],
            tag,
            tlo=tlo,
        )
        q, t = {}, {}
        for v in types:
            if v in base.q:
                q[v], t[v] = base.q[v], base.t[v]
                continue
            sigma = sorting_perm(v)
            w = permute(v, sigma)
            q[v] = permute(base.q[w], inverse(sigma))
            t[v] = base.t[w]
        return cls(q, t, base.variables)

    def u(self, v: Vec, report: Vec | None = None) -> sp.Expr:
        r = v if report is None else report
        return _lin(v, self.q[r]) - self.t[r]


def _lin(v: Sequence[Fraction], q: Sequence[sp.Expr]) -> sp.Expr:
    return sp.Add(
        *[sp.Rational(x.numerator, x.denominator) * y for x, y in zip(v, q, strict=True) if x]
    )


def rat(x: Fraction | int) -> sp.Rational:
    x = F(x)
    return sp.Rational(x.numerator, x.denominator)


def ic_rows(
    tab: SymTable, types: Iterable[Vec], reports: Iterable[Vec] | None = None, tag: str = "IC"
) -> dict[str, sp.Basic]:
    """IC of every type in ``types`` against every report (default: the same list).

    A pair whose inequality is structurally identical to an earlier one (symmetric tables:
    IC(v^σ -> w^σ) is the same linear inequality as IC(v -> w)) is listed once.
    """
    ts = list(types)
    rs = ts if reports is None else list(reports)
    out = {}
    seen: set[sp.Basic] = set()
    for v in ts:
        own = tab.u(v)
        for w in rs:
            if w != v:
                rel = sp.Ge(own, tab.u(v, w))
                if rel in seen:
                    continue
                seen.add(rel)
                out[f"{tag} {show(v)}->{show(w)}"] = rel
    return out


def ir_rows(tab: SymTable, types: Iterable[Vec], tag: str = "IR") -> dict[str, sp.Basic]:
    return {f"{tag} {show(v)}": sp.Ge(tab.u(v), 0) for v in types}


def feas_rows(tab: SymTable, types: Iterable[Vec], tag: str = "(1)") -> dict[str, sp.Basic]:
    """Feasibility (1) of the identical-objects model: q_i(v) >= q_{i+1}(v)."""
    out = {}
    for v in types:
        qs = tab.q[v]
        for i in range(len(qs) - 1):
            out[f"{tag} {show(v)} q{i + 1}>=q{i + 2}"] = sp.Ge(qs[i], qs[i + 1])
    return out


def stabiliser_rows(tab: SymTable, types: Iterable[Vec], tag: str = "Stab") -> dict[str, sp.Basic]:
    """TIE-SYM R2 at tied types: q_i(v) = q_j(v) whenever v_i = v_j."""
    out = {}
    for v in types:
        for i, j in itertools.combinations(range(len(v)), 2):
            if v[i] == v[j]:
                out[f"{tag} {show(v)} q{i + 1}=q{j + 1}"] = sp.Eq(tab.q[v][i], tab.q[v][j])
    return out


def extension(tab: SymTable, types_H: Sequence[Vec], how: Ext) -> SymTable:
    """Def 3 on T^H from a table on the sorted types (EXT R1 "average", R2 "stable")."""
    q, t = {}, {}
    for v in types_H:
        sigmas = sorting_perms(v) if how == "average" else (sorting_perm(v),)
        w = permute(v, sigmas[0])
        parts = [permute(tab.q[w], inverse(s)) for s in sigmas]
        q[v] = tuple(sp.Add(*col) / len(parts) for col in zip(*parts, strict=True))
        t[v] = tab.t[w]
    return SymTable(q, t, tab.variables)


# ----------------------------------------------------------------------------- exact tables


@dataclass(frozen=True)
class Table:
    """An exact table v -> (q(v), t(v))."""

    q: Mapping[Vec, Vec]
    t: Mapping[Vec, Fraction]

    def u(self, v: Vec, report: Vec | None = None) -> Fraction:
        r = v if report is None else report
        return dot(v, self.q[r]) - self.t[r]  # type: ignore[return-value]

    def ic_gain(
        self, types: Iterable[Vec] | None = None
    ) -> tuple[Fraction, tuple[Vec, Vec] | None]:
        """Largest gain from misreporting (0 and None when IC)."""
        ts = list(self.q) if types is None else list(types)
        opts = [(w, self.q[w], self.t[w]) for w in ts]
        best, where = ZERO, None
        for v in ts:
            own = self.u(v)
            for w, a, p in opts:
                g = sum((x * y for x, y in zip(v, a, strict=True) if x and y), ZERO) - p - own
                if g > best:
                    best, where = g, (v, w)
        return best, where

    def ir_ok(self) -> bool:
        return all(self.u(v) >= 0 for v in self.q)

    def revenue(self, p: Mapping[Vec, Fraction]) -> Fraction:
        return sum((mass * self.t[v] for v, mass in p.items() if mass), ZERO)


def menu_table(
    types: Sequence[Vec],
    menu: Sequence[tuple[Vec, Fraction]],
    tie: Literal["seller", "buyer"] = "seller",
) -> Table:
    """The table of a menu (null entry added) under argmax choice.

    tie "seller" (TB R2): the most expensive optimal entry; "buyer" (TB R3): fewest units
    (smallest total allocation), then the lexicographically smallest allocation. Remaining
    ties: the first entry in menu order.
    """
    n = len(types[0])
    entries = [(tuple([ZERO] * n), ZERO), *[(tuple(F(x) for x in a), F(p)) for a, p in menu]]
    q, t = {}, {}
    for v in types:
        utils = [dot(v, a) - p for a, p in entries]
        best = max(utils)  # type: ignore[type-var]
        top = [k for k, x in enumerate(utils) if x == best]
        if tie == "seller":
            k = max(top, key=lambda k: (entries[k][1], -k))
        else:
            k = min(top, key=lambda k: (sum(entries[k][0]), entries[k][0], k))
        q[v], t[v] = entries[k]
    return Table(q, t)


def random_menu(
    n: int,
    rng: random.Random,
    *,
    size: int,
    deterministic: bool,
    decreasing: bool,
    almost_deterministic: bool = False,
    prices: int = 8,
) -> list[tuple[Vec, Fraction]]:
    """A random menu of ``size`` entries; allocations in {0,1} (deterministic), with one
    entry in {1/3, 1/2, 2/3} (almost deterministic), or in {0, 1/4, ..., 1}; optionally
    sorted decreasingly (feasible in M^I). Prices in {0, 1/2, ..., prices/2}."""
    out = []
    for _ in range(size):
        if deterministic or almost_deterministic:
            a = [F(rng.randint(0, 1)) for _ in range(n)]
            if almost_deterministic:
                a[rng.randrange(n)] = F(rng.randint(1, 2), 3) if rng.random() < 0.5 else F(1, 2)
        else:
            a = [F(rng.randint(0, 4), 4) for _ in range(n)]
        if decreasing:
            a.sort(reverse=True)
        out.append((tuple(a), F(rng.randint(0, prices), 2)))
    return out


# ----------------------------------------------------------------------------- optima


@dataclass(frozen=True)
class Optimum:
    value: Fraction
    table: Table
    method: str


def optimum(
    types: Sequence[Vec],
    weights: Mapping[Vec, Fraction],
    *,
    sym: TieSym | None = None,
    rp: Literal["strict", "weak"] | None = None,
    decreasing: bool = False,
    tlo: Fraction | None = None,
    objective: Mapping[str, Fraction] | None = None,
    extra: Sequence[Constraint] = (),
) -> Optimum:
    """max Σ weights(v) t(v) over IC+IR tables on ``types`` (certified exact LP optimum).

    sym "all": Def 1 at every type (TIE-SYM R2); "strict": only strict types (R1).
    rp "strict": v_i > v_j ⇒ q_i >= q_j (TIE-RP R1); "weak": v_i >= v_j ⇒ q_i >= q_j (R2).
    decreasing: feasibility (1). tlo: t(v) >= tlo (PAY R1 with tlo = v_low).
    ``objective`` replaces the revenue objective (variable names of menu_lp).
    """
    ts = list(types)
    uniform = [F(1, len(ts))] * len(ts)
    lp = menu_lp(
        ts,
        uniform,
        symmetric=(sym == "all"),
        rank_preserving=rp is not None,
        item_fair=(rp == "weak"),
    )
    idx = {v: k for k, v in enumerate(ts)}
    n = len(ts[0])
    rows: list[Constraint] = list(extra)
    if sym == "strict":
        for v in ts:
            if not is_strict(v):
                continue
            for s in all_perms(n):
                w = permute(v, s)
                if w <= v:
                    continue
                kv, kw = idx[v], idx[w]
                for i in range(n):
                    rows.append(
                        Constraint(
                            f"SYMs[{kw}][{i}]<-{kv}",
                            {f"q[{kw}][{i}]": ONE, f"q[{kv}][{s[i]}]": -ONE},
                            "==",
                            ZERO,
                        )
                    )
                rows.append(
                    Constraint(
                        f"SYMsP[{kw}]<-{kv}", {f"p[{kw}]": ONE, f"p[{kv}]": -ONE}, "==", ZERO
                    )
                )
    if decreasing:
        for v in ts:
            for i in range(n - 1):
                rows.append(
                    Constraint(
                        f"DEC[{idx[v]}][{i}]",
                        {f"q[{idx[v]}][{i}]": ONE, f"q[{idx[v]}][{i + 1}]": -ONE},
                        ">=",
                        ZERO,
                    )
                )
    if tlo is not None:
        for v in ts:
            rows.append(Constraint(f"PAY[{idx[v]}]", {f"p[{idx[v]}]": ONE}, ">=", tlo))
    obj = (
        dict(objective)
        if objective is not None
        else {f"p[{idx[v]}]": w for v, w in weights.items() if w}
    )
    prog = LinearProgram(lp.variables, obj, lp.constraints + tuple(rows), "max")
    res = solve(prog)
    if res.status != "optimal" or res.value is None:
        raise VerifyError(f"revenue LP is {res.status}")
    res.verify()
    q = {v: tuple(res.x.get(f"q[{idx[v]}][{i}]", ZERO) for i in range(n)) for v in ts}
    t = {v: res.x.get(f"p[{idx[v]}]", ZERO) for v in ts}
    return Optimum(res.value, Table(q, t), res.method)


# ----------------------------------------------------------------------------- majorisation


def prefix_rows(hi: Sequence[sp.Expr], lo: Sequence[sp.Expr]) -> list[sp.Basic]:
    """Σ_{i<=j} hi_i >= Σ_{i<=j} lo_i for every j (weak majorisation of decreasing vectors)."""
    return [
        sp.Ge(sp.Add(*hi[: j + 1]), sp.Add(*lo[: j + 1]), evaluate=False) for j in range(len(hi))
    ]


def topk(x: Sequence[sp.Expr], k: int) -> sp.Expr:
    """Σ of the k largest entries: max over k-subsets (for unsorted vectors)."""
    terms = [sp.Add(*[x[i] for i in s]) for s in itertools.combinations(range(len(x)), k)]
    return terms[0] if len(terms) == 1 else sp.Max(*terms, evaluate=False)


def wmaj(hi: Sequence[sp.Expr], lo: Sequence[sp.Expr], *, sorted_: bool) -> sp.Basic:
    """hi ≻_w lo (sorted_: both already decreasing, natural prefix sums)."""
    n = len(hi)
    if sorted_:
        return sp.And(*prefix_rows(hi, lo))
    return sp.And(*[sp.Ge(topk(hi, k), topk(lo, k), evaluate=False) for k in range(1, n + 1)])


def wmaj_exact(hi: Sequence[Fraction], lo: Sequence[Fraction]) -> bool:
    a, b = sorted(hi, reverse=True), sorted(lo, reverse=True)
    sa = sb = ZERO
    for x, y in zip(a, b, strict=True):
        sa, sb = sa + x, sb + y
        if sa < sb:
            return False
    return True


def is_ad(x: Sequence[Fraction]) -> bool:
    """Almost deterministic: at most one entry outside {0, 1}."""
    return sum(1 for a in x if a not in (0, 1)) <= 1


def ad_formula(x: Sequence[sp.Expr]) -> sp.Basic:
    """Or_k And_{j != k} (x_j = 0 or x_j = 1)."""
    n = len(x)
    return sp.Or(
        *[
            sp.And(*[sp.Or(sp.Eq(x[j], 0), sp.Eq(x[j], 1)) for j in range(n) if j != k])
            for k in range(n)
        ]
    )


def single_coordinate_pairs(types: Sequence[Vec]) -> list[tuple[Vec, Vec, int]]:
    """(v, v̂, i): v̂ differs from v only in coordinate i, v̂_i > v_i."""
    out = []
    for v in types:
        for w in types:
            diff = [i for i in range(len(v)) if v[i] != w[i]]
            if len(diff) == 1 and w[diff[0]] > v[diff[0]]:
                out.append((v, w, diff[0]))
    return out


# ----------------------------------------------------------------------------- witness notes


def js(table: Mapping[Vec, object]) -> dict[str, object]:
    """A type-keyed mapping with readable keys, for note()."""
    return {show(v): (show(x) if isinstance(x, tuple) else x) for v, x in table.items()}


def js_any(x: object) -> object:
    if isinstance(x, tuple) and x and all(isinstance(a, Fraction) for a in x):
        return show(x)
    if isinstance(x, tuple | list):
        return [js_any(a) for a in x]
    return x


def js_menu(menu: Sequence[tuple[Vec, Fraction]]) -> list[str]:
    return [f"{show(a)} at {p}" for a, p in menu]
