"""Mechanism tables with symbolic entries on finite grids (spec §1.11), for universal queries.

A grid is V = {0, 1, ..., g} (so v_min = 0); its types are V^n (closed grid, reading DOM R2)
or the strict types of V^n (strict grid, DOM R1: the paper's D^H). A table assigns each type
v the unknowns q_1(v), ..., q_n(v) in [0, 1] and t(v) in R; a claim quantifies over all of
them at once (a `Forall`), so a verdict covers every mechanism table on the grid, not samples.

Permutations act as in `verify.mech.types` (0-based there, 1-based in names here):
(v^σ)_j = v_{σ(j)}. Def 1 (symmetric): q(v^σ) = q(v)^σ and t(v^σ) = t(v). Def 3 (symmetric
extension of a table on a cone): q^s(v) = q(v^ρ)^{ρ^{-1}}, t^s(v) = t(v^ρ) with v^ρ in the cone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from verify import Reals
from verify.mech.types import (
    all_perms,
    compose,
    in_cone,
    inverse,
    is_strict,
    permute,
    sorting_perm,
    sorting_perms,
)

Type = tuple[int, ...]
Alloc = Mapping[Type, Sequence[sp.Expr]]
Pay = Mapping[Type, sp.Expr]


def show(v: Iterable[int]) -> str:
    return "(" + ",".join(str(x) for x in v) + ")"


def grid(n: int, g: int, closed: bool) -> list[Type]:
    """V^n (closed) or its strict types, V = {0..g}, in lexicographic order."""
    return [v for v in itertools.product(range(g + 1), repeat=n) if closed or is_strict(v)]


def cone(types: Iterable[Type], sigma: Sequence[int], closed: bool) -> list[Type]:
    """D(σ) = {v : v_σ(1) > ... > v_σ(n)} (strict); on closed grids the weak cone (>=)."""
    return [v for v in types if in_cone(v, tuple(sigma), strict=not closed)]


@dataclass(frozen=True)
class Table:
    """Unknowns q_i(v) in [0, 1] and t(v) in R for every type of `types`."""

    n: int
    types: tuple[Type, ...]
    q: Mapping[Type, tuple[sp.Symbol, ...]]
    t: Mapping[Type, sp.Symbol]

    @classmethod
    def on(cls, n: int, types: Iterable[Type]) -> Table:
        tys = tuple(types)
        q = {v: tuple(sp.Symbol(f"q{i + 1}{show(v)}", real=True) for i in range(n)) for v in tys}
        t = {v: sp.Symbol(f"t{show(v)}", real=True) for v in tys}
        return cls(n, tys, q, t)

    def variables(self) -> dict[sp.Symbol, Reals]:
        out: dict[sp.Symbol, Reals] = {}
        for v in self.types:
            for s in self.q[v]:
                out[s] = Reals(0, 1)
            out[self.t[v]] = Reals()
        return out


def utility(q: Alloc, t: Pay, v: Type, w: Type) -> sp.Expr:
    """v . q(w) - t(w): the payoff of type v reporting w."""
    return sp.Add(*[vi * qi for vi, qi in zip(v, q[w], strict=True)], -t[w])


def ic(q: Alloc, t: Pay, pairs: Iterable[tuple[Type, Type]]) -> dict[str, sp.Basic]:
    """IC (L106-108): u(v) >= v . q(w) - t(w) for each (v, w)."""
    own: dict[Type, sp.Expr] = {}
    out: dict[str, sp.Basic] = {}
    for v, w in pairs:
        if v == w:
            continue
        if v not in own:
            own[v] = utility(q, t, v, v)
        out[f"IC {show(v)}->{show(w)}"] = sp.Ge(own[v], utility(q, t, v, w), evaluate=False)
    return out


def ir(q: Alloc, t: Pay, types: Iterable[Type]) -> dict[str, sp.Basic]:
    """IR (L110): u(v) >= 0."""
    return {f"IR {show(v)}": sp.Ge(utility(q, t, v, v), 0, evaluate=False) for v in types}


def rank_preserving(q: Alloc, types: Iterable[Type], weak: bool) -> dict[str, sp.Basic]:
    """Def 2 (L146): v_i > v_j => q_i(v) >= q_j(v) (TIE-RP R1); `weak`: v_i >= v_j (R2)."""
    out: dict[str, sp.Basic] = {}
    for v in types:
        n = len(v)
        for i in range(n):
            for j in range(n):
                if i != j and (v[i] > v[j] or (weak and v[i] == v[j])):
                    out[f"RP {show(v)}: q{i + 1} >= q{j + 1}"] = sp.Ge(q[v][i], q[v][j],
                                                                      evaluate=False)
    return out


def symmetric(tab: Table, strict_only: bool) -> dict[str, sp.Basic]:
    """Def 1 (L140-142) for every v of the table (only strict v when `strict_only`, TIE-SYM
    R1) and every σ: q_i(v^σ) = q_σ(i)(v), t(v^σ) = t(v). Literal identities (the same
    unknown on both sides) are left out."""
    out: dict[str, sp.Basic] = {}
    for v in tab.types:
        if strict_only and not is_strict(v):
            continue
        for sigma in all_perms(tab.n):
            w = permute(v, sigma)
            for i in range(tab.n):
                a, b = tab.q[w][i], tab.q[v][sigma[i]]
                if a is not b:
                    out[f"Def1 q{i + 1}{show(w)} = q{sigma[i] + 1}{show(v)}"] = sp.Eq(
                        a, b, evaluate=False)
            if tab.t[w] is not tab.t[v]:
                out[f"Def1 t{show(w)} = t{show(v)}"] = sp.Eq(tab.t[w], tab.t[v], evaluate=False)
    return out


def extension(tab: Table, sigma: Sequence[int], types: Iterable[Type], tie: str,
              closed: bool) -> tuple[dict[Type, tuple[sp.Expr, ...]], dict[Type, sp.Expr]]:
    """Def 3 (L180-184) of a table on the cone of σ to `types`, as linear expressions.

    For v, the permutations ρ with v^ρ in the cone are π∘σ^{-1}, π sorting v; q^s(v) =
    q(v^ρ)^{ρ^{-1}}, t^s(v) = t(v^ρ). Strict v have one ρ. Tied v (reading EXT): "average"
    averages over every such ρ (R1), "stable" takes π = the stable sort (R2).
    """
    inv = inverse(tuple(sigma))
    q: dict[Type, tuple[sp.Expr, ...]] = {}
    t: dict[Type, sp.Expr] = {}
    for v in types:
        pis = sorting_perms(v) if tie == "average" else (sorting_perm(v),)
        rhos = [compose(pi, inv) for pi in pis]
        w = permute(v, rhos[0])
        assert in_cone(w, tuple(sigma), strict=not closed) and w in tab.q
        parts = [permute(tab.q[w], inverse(rho)) for rho in rhos]
        q[v] = tuple(sp.Add(*col) / len(parts) for col in zip(*parts, strict=True))
        t[v] = tab.t[w]
    return q, t
