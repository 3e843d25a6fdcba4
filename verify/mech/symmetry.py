"""Symmetric and rank-preserving mechanisms, symmetric extension, majorisation
(rank-preserving spec §1.4, §1.6, readings TIE-SYM, TIE-RP, EXT, WEIGHT).

Permutations act as in :mod:`verify.mech.types`: ``(v^σ)_j = v_{σ(j)}``. A one-buyer
mechanism (q, t) is *symmetric* when ``q(v^σ) = q(v)^σ`` and ``t(v^σ) = t(v)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

from verify.errors import InputError
from verify.mech._exact import Vector, as_vector, show
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import CheckResult, DirectMechanism, Tally
from verify.mech.types import (
    all_perms,
    inverse,
    is_sorted,
    is_strict,
    orbit,
    orbit_size,
    permute,
    sorting_perm,
    sorting_perms,
    stabiliser,
)

ExtensionTie = Literal["average", "stable"]
ConeWeight = Literal["orbit-mass", "orbit-size", "factorial"]


def _table_types(mech: DirectMechanism, scope: Literal["strict", "all"]) -> list[Vector]:
    if scope not in ("strict", "all"):
        raise InputError(f"scope: expected 'strict' or 'all', got {scope!r}")
    return [v for v in mech.types if scope == "all" or is_strict(v)]


def symmetry_violation(
    mech: DirectMechanism, scope: Literal["strict", "all"] = "strict", *, prices: bool = True
) -> CheckResult:
    """Def 1: ``q_i(v^σ) = q_{σ(i)}(v)`` and ``t(v^σ) = t(v)`` for every σ.

    ``scope`` "strict" checks strict types only (TIE-SYM R1, as printed); "all" also tied
    types (R2), which forces invariance under the stabiliser. ``prices=False`` checks the
    allocations only (a definition of symmetry that does not constrain prices, e.g. Def 2.2 of
    the symmetric-fairness paper as printed). The violation is the largest absolute
    difference; witness ``(v, σ)``. Every ``v^σ`` must be in the table.
    """
    tally = Tally()
    perms = all_perms(mech.n)
    for v in _table_types(mech, scope):
        for sigma in perms:
            w = permute(v, sigma)
            if w not in mech.q:
                raise InputError(f"symmetry_violation: table lacks {show(w)} = {show(v)}^σ")
            moved = permute(mech.q[v], sigma)
            price_gap = abs(mech.t[w] - mech.t[v]) if prices else Fraction(0)
            if mech.q[w] == moved and not price_gap:
                tally.add(Fraction(0), (v, sigma))
                continue
            gaps = [abs(a - b) for a, b in zip(mech.q[w], moved, strict=True)]
            tally.add(max([*gaps, price_gap]), (v, sigma))
    return tally.result()


def stabiliser_violation(mech: DirectMechanism) -> CheckResult:
    """Tied types: ``q(v)^σ = q(v)`` for every σ with ``v^σ = v``, i.e. ``q_i = q_j`` when
    ``v_i = v_j``. Witness ``(v, σ)``; strict types pass trivially."""
    tally = Tally()
    for v in mech.types:
        for sigma in stabiliser(v):
            alloc = mech.q[v]
            tally.add(max(abs(a - b) for a, b in zip(permute(alloc, sigma), alloc, strict=True)),
                      (v, sigma))
    return tally.result()


def rank_preservation_violation(mech: DirectMechanism, *, weak: bool = False) -> CheckResult:
    """Def 2: ``v_i > v_j ⇒ q_i(v) >= q_j(v)`` (TIE-RP R1); ``weak`` uses ``v_i >= v_j`` (R2).

    Violation ``q_j(v) − q_i(v)``; witness ``(v, i, j)``.
    """
    tally = Tally()
    for v in mech.types:
        q = mech.q[v]
        for i in range(mech.n):
            for j in range(mech.n):
                if i != j and (v[i] > v[j] or (weak and v[i] == v[j])):
                    tally.add(q[j] - q[i], (v, i, j))
    return tally.result()


def symmetric_extension(
    mech: DirectMechanism,
    types: Iterable[object] | None = None,
    tie: ExtensionTie = "average",
) -> DirectMechanism:
    """Def 3: extend (q, t) given on the sorted cone to ``q^s(v) = q(v^σ)^{σ^{-1}}``,
    ``t^s(v) = t(v^σ)`` with σ sorting v (``v^σ`` decreasing).

    ``types`` defaults to every permutation of the table's sorted types. For tied v (reading
    EXT) "average" averages over all sorting σ (R1), "stable" uses the stable sort (R2); both
    agree on strict types. The sorted ``v^σ`` must be in the table.
    """
    if tie not in ("average", "stable"):
        raise InputError(f"symmetric_extension.tie: expected 'average' or 'stable', got {tie!r}")
    if types is None:
        domain = list(dict.fromkeys(
            w for v in mech.types if is_sorted(v) for w in orbit(v)
        ))
    else:
        domain = [as_vector(v, "symmetric_extension type") for v in types]
    q, t = {}, {}
    for v in domain:
        sigmas = sorting_perms(v) if tie == "average" else (sorting_perm(v),)
        w = permute(v, sigmas[0])
        if w not in mech.q:
            raise InputError(f"symmetric_extension: sorted type {show(w)} is not in the table")
        parts = [permute(mech.q[w], inverse(s)) for s in sigmas]
        q[v] = tuple(sum(col, Fraction(0)) / len(parts) for col in zip(*parts, strict=True))
        t[v] = mech.t[w]
    return DirectMechanism(q, t)


def cone_weights(prior: Distribution, rule: ConeWeight = "orbit-mass") -> dict[Vector, Fraction]:
    """Weights on sorted representatives of the orbits met by ``prior`` (reading WEIGHT).

    "orbit-mass": ``Σ_{w∈orbit(v)} p(w)`` (a distribution); "orbit-size":
    ``|orbit(v)|·p(v)`` (R2); "factorial": ``n!·p(v)`` (R1). The last two equal the first
    on strict types when the prior is exchangeable.
    """
    if rule not in ("orbit-mass", "orbit-size", "factorial"):
        raise InputError(f"cone_weights.rule: unknown rule {rule!r}")
    reps = dict.fromkeys(tuple(sorted(v, reverse=True)) for v in prior.support)
    n = prior.dim
    out = {}
    for v in reps:
        if rule == "orbit-mass":
            out[v] = sum((prior.mass(w) for w in orbit(v)), Fraction(0))
        else:
            factor = orbit_size(v) if rule == "orbit-size" else math.factorial(n)
            out[v] = factor * prior.mass(v)
    return out


# ---------------------------------------------------------------- majorisation

def decreasing_rearrangement(q: Iterable[object]) -> Vector:
    """``(q_[1], ..., q_[n])``, the entries in decreasing order."""
    return tuple(sorted(as_vector(q, "q"), reverse=True))


def weakly_majorizes(a: Iterable[object], b: Iterable[object]) -> bool:
    """``a ≻_w b``: ``Σ_{i<=j} a_[i] >= Σ_{i<=j} b_[i]`` for every j (equal lengths)."""
    x, y = decreasing_rearrangement(a), decreasing_rearrangement(b)
    if len(x) != len(y):
        raise InputError(f"weakly_majorizes: lengths differ ({len(x)} vs {len(y)})")
    sx = sy = Fraction(0)
    for xi, yi in zip(x, y, strict=True):
        sx, sy = sx + xi, sy + yi
        if sx < sy:
            return False
    return True


def majorizes(a: Iterable[object], b: Iterable[object]) -> bool:
    """``a ≻ b``: weak majorisation plus equal totals (footnote 13)."""
    x, y = as_vector(a, "a"), as_vector(b, "b")
    return weakly_majorizes(x, y) and sum(x, Fraction(0)) == sum(y, Fraction(0))
