"""Buy-k and buy-many menus (buy-many spec §1.1–1.3), exact.

A buyer facing a :class:`~verify.mech.mechanisms.Menu` may buy a *multiset* Λ of at most k
entries, committed in advance (non-adaptive). Λ yields the lottery
``Lot(Λ)_j = 1 − Π_{q∈Λ}(1 − q_j)`` (``Lot(∅) = 0``) and costs ``Σ_{e∈Λ} p_e`` with
multiplicity, so ``u_x(Λ) = x(Lot(Λ)) − Σ p_e`` for additive or monotone set-function types x.
Multisets are tuples of entry indices in non-decreasing order; ``()`` is the null purchase.
Null entries are never enumerated (they add nothing), so sizes 0..k over the N non-null
entries give the ``C(N+k, k)`` multisets of the spec.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction

from verify.errors import InputError
from verify.mech._exact import Vector, as_probability, as_vector
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import (
    CheckResult,
    Choice,
    Menu,
    Tally,
    TieRule,
    Valuation,
    as_valuation,
    select,
    value,
)
from verify.mech.single_item import ReserveResult, optimal_reserve
from verify.mech.types import SetFunctionType

Multiset = tuple[int, ...]


def lottery(allocations: Iterable[Iterable[object]], n: int) -> Vector:
    """``Lot(Λ)_j = 1 − Π_{q∈Λ}(1 − q_j)`` for a multiset of allocations in [0,1]^n."""
    miss = [Fraction(1)] * n
    for k, q in enumerate(allocations):
        vec = as_vector(q, f"lottery: allocation #{k}", n)
        for j in range(n):
            miss[j] *= 1 - as_probability(vec[j], f"lottery: allocation #{k}[{j}]")
    return tuple(1 - m for m in miss)


def multisets(menu: Menu, k: int) -> Iterator[Multiset]:
    """All multisets of non-null entry indices of size 0..k (``()`` first)."""
    if k < 0:
        raise InputError(f"k: must be >= 0, got {k}")
    live = [i for i, e in enumerate(menu.entries) if not e.is_null]
    for size in range(k + 1):
        yield from itertools.combinations_with_replacement(live, size)


def multiset_utility(x: Valuation, menu: Menu, bundle: Multiset) -> Fraction:
    """``u_x(Λ) = x(Lot(Λ)) − Σ_{e∈Λ} p_e``."""
    entries = [menu.entries[i] for i in bundle]
    return value(x, lottery((e.q for e in entries), menu.n)) - sum(
        (e.p for e in entries), Fraction(0)
    )


def _price(menu: Menu, bundle: Multiset) -> Fraction:
    return sum((menu.entries[i].p for i in bundle), Fraction(0))


def best_multisets(x: object, menu: Menu, k: int, tie: TieRule = "seller") -> Choice:
    """The utility-maximising multiset(s) of size <= k under ``tie`` (see ``select``)."""
    val = as_valuation(x)
    return select(
        ((b, multiset_utility(val, menu, b), _price(menu, b)) for b in multisets(menu, k)), tie
    )


def buyk_ic_violation(
    menu: Menu,
    types: Iterable[object],
    k: int,
    chosen: Mapping[object, int] | None = None,
) -> CheckResult:
    """Exact buy-k IC: regret ``max_{|Λ|<=k} u_x(Λ) − u_x(e(x))`` for each type x.

    ``e(x)`` is ``chosen[x]`` (a direct mechanism's entry for x) or, by default, x's best
    single entry, so a menu is buy-k IC iff no multiset beats the best single purchase.
    Λ = ∅ is included (IR). Witness ``(x, Λ)`` with the largest regret.
    """
    tally = Tally()
    for x in types:
        val = as_valuation(x)
        if chosen is None:
            base = menu.choose(val).utility
        else:
            key = x if isinstance(x, SetFunctionType) else as_vector(x, "type")  # type: ignore[arg-type]
            if key not in chosen:
                raise InputError(f"buyk_ic_violation.chosen: no entry for type {x!r}")
            base = multiset_utility(val, menu, (chosen[key],))
        best = max(multisets(menu, k), key=lambda b, val=val: multiset_utility(val, menu, b))
        tally.add(multiset_utility(val, menu, best) - base, (val, best))
    return tally.result()


def buyk_revenue(menu: Menu, prior: Distribution, k: int, tie: TieRule = "seller") -> Fraction:
    """``Buy^kRev(D, M)``: expected price of the chosen multiset, tie "seller" or "buyer-cheapest".

    For tie "all" (any maximiser) use :func:`buyk_revenue_range`.
    """
    if tie == "all":
        raise InputError("buyk_revenue.tie: 'all' has no single revenue; use buyk_revenue_range")
    return prior.expect(lambda x: best_multisets(x, menu, k, tie).price)


def buyk_revenue_range(menu: Menu, prior: Distribution, k: int) -> tuple[Fraction, Fraction]:
    """``(min, max)`` revenue over every selection of maximisers (reading R3).

    Each type's choice is independent, so the ends are the "buyer-cheapest" and "seller"
    revenues, both attained.
    """
    return buyk_revenue(menu, prior, k, "buyer-cheapest"), buyk_revenue(menu, prior, k, "seller")


def grand_value(x: object) -> Fraction:
    """``x([n])``: ``Σ x_i`` for additive types, the grand-bundle value for set functions."""
    val = as_valuation(x)
    return val.grand() if isinstance(val, SetFunctionType) else sum(val, Fraction(0))


def brev(prior: Distribution) -> ReserveResult:
    """``BRev(D) = max_p p·Pr[x([n]) >= p]``: optimal posted price of the grand bundle."""
    return optimal_reserve(prior.map(grand_value))

