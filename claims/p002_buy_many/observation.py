"""Observation 1 (S3) and its proof, Appendix A on adaptive buyers (S36).

The buy-k IC definition quantifies over multisets of size <= k; S3.i (buy-k => buy-k' for
k' <= k) is decided for every menu and type on small grids, S3.ii (grand bundling is buy-many
IC) by z3 for every price, value and number of copies, and the chain itself on Examples 1, 2.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p002_buy_many import paper
from claims.p002_buy_many.model import EX1, EX2
from verify import Derivation, Forall, Ints, Reals, Samples, evidence, note
from verify.mech.buyk import (
    adaptive_best,
    adaptive_ic_violation,
    best_multisets,
    brev,
    buy_one_optimum,
    buyk_ic_violation,
    buyk_revenue_exceeds,
)
from verify.mech.mechanisms import Menu

F = Fraction
HALVES = (F(0), F(1, 2), F(1))


def small_menus(n: int, size: int, prices: tuple[int, ...]) -> list[Menu]:
    """Every menu of `size` entries with allocations in {0, 1/2, 1}^n and prices in `prices`."""
    entries = [(q, p) for q in itertools.product(HALVES, repeat=n) if any(q) for p in prices]
    return [Menu(tuple(c)) for c in itertools.combinations(entries, size)]


TYPES_1 = [(F(v),) for v in range(0, 5)]


@paper.claim("S3.i", at=("Proof of Observation 1", 147), role="step", of="S3",
             says="If M is buy-k IC then it is buy-k' IC for every k' <= k ('the buyer can "
             "always buy the empty lottery k - k' times').",
             over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED",
             analogue="all menus of 1-2 entries over one item with allocations in {0, 1/2, 1} "
             "and prices in {0..3}, types 0..4: every (menu, type) with buy-k regret 0 has "
             "buy-k' regret 0 for k' < k",
             note="definitional: the multisets of size <= k' are among those of size <= k.")
def buyk_monotone(k: int) -> bool:
    for size in (1, 2):
        for menu in small_menus(1, size, (0, 1, 2, 3)):
            for x in TYPES_1:
                if buyk_ic_violation(menu, [x], k).ok and any(
                        not buyk_ic_violation(menu, [x], kk).ok for kk in range(1, k)):
                    note(menu=str(menu), type=str(x))
                    return False
    return True


X = sp.Symbol("X", real=True)
P = sp.Symbol("P", real=True)
M = sp.Symbol("m", integer=True)


@paper.claim("S3.ii", at=("Proof of Observation 1", 147), role="step", of="S3",
             says="Grand bundling is buy-many IC: a buyer with bundle value X facing the bundle "
             "at price P >= 0 gets X - mP <= X - P from m >= 1 copies (m copies give the bundle "
             "once and cost mP; m = 0 is the null entry, also available alone).",
             expect="PROVED")
def bundling_buy_many() -> Forall:
    return Forall({X: Reals(), P: Reals(0), M: Ints(1)},
                  then={"u(m copies) <= u(1 copy)": sp.Le(X - M * P, X - P)})


@paper.claim("S3", at=("Observation 1", 52, 54),
             says="Buy^1Rev(D) >= Buy^2Rev(D) >= ... >= BuyManyRev(D) >= BRev(D), for every D.",
             over={"D": Samples(2, "Examples 1 and 2")}, expect="PROVED",
             by=Derivation(("p002/S3.ii",),
                           "the buy-k IC mechanisms form a decreasing family in k (the multisets "
                           "of size <= k' are among those of size <= k: a definition, checked on "
                           "a slice in S3.i), so the maxima decrease; bundling is buy-many IC "
                           "(S3.ii) so BRev <= BuyManyRev"),
             note="own check (SAMPLED) on Examples 1 and 2: no buy-2 IC menu earns Buy^1Rev "
             "(certified LP; z3), and some buy-3 IC menu earns BRev.")
def observation1(D: int) -> bool:
    # Buy^1Rev (LP) is out of reach of buy-2 IC menus; BRev is reached by a buy-3 IC menu
    prior = (EX1, EX2)[D]
    evidence("certified LP (Buy^1Rev), z3 NRA unsat/sat with exact re-check of every model")
    return (buyk_revenue_exceeds(prior, 2, buy_one_optimum(prior).revenue).status == "unsat"
            and buyk_revenue_exceeds(prior, 3, brev(prior).revenue).status == "sat")


# ----------------------------------------------------------------------------- Appendix A

@paper.claim("S36.a", at=("Appendix A", 609),
             says="Every adaptive buy-k IC mechanism is (non-adaptive) buy-k IC: the best "
             "adaptive strategy is worth at least the best multiset of size <= k.",
             over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED",
             analogue="all 1-2 entry menus over one item (allocations {0, 1/2, 1}, prices 0..3) "
             "and all 1-entry menus over two items, types with values in 0..3",
             note="exact dynamic programme over all strategy trees of depth <= k.")
def adaptive_dominates(k: int) -> bool:
    cases = [(m, x) for size in (1, 2) for m in small_menus(1, size, (0, 1, 2, 3)) for x in TYPES_1]
    cases += [(m, x) for m in small_menus(2, 1, (0, 1, 2, 3))
              for x in itertools.product(range(4), repeat=2)]
    for menu, x in cases:
        if adaptive_best(x, menu, k)[0] < best_multisets(x, menu, k).utility:
            note(menu=str(menu), type=str(x))
            return False
    return True


@paper.claim("S36.b", at=("Appendix A", 609),
             says="The converse is 'not necessarily true': some menu is buy-k IC but not adaptive "
             "buy-k IC.", expect="PROVED",
             note="the paper gives no witness; this one: one item worth 4, the lottery (1/2) at "
             "price 1: buy-2 IC (two copies: 3 - 2 = 1 = one copy), adaptive regret 1/2 (buy again "
             "only after a failure).")
def adaptive_converse() -> bool:
    menu = Menu((((F(1, 2),), 1),))
    x = (F(4),)
    non = buyk_ic_violation(menu, [x], 2)
    ada = adaptive_ic_violation(menu, [x], 2)
    note(adaptive_regret=ada.max_violation, strategy=str(ada.witness))
    return non.ok and ada.max_violation > 0


@paper.claim("S36.c", at=("Appendix A", 611),
             says="For a deterministic mechanism adaptive and non-adaptive buying coincide: the "
             "best adaptive strategy is worth exactly the best multiset.",
             over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED",
             analogue="all deterministic menus of 1-3 entries over two items with prices in "
             "0..2, additive types in {0..3}^2")
def deterministic_coincide(k: int) -> bool:
    bundles = [(1, 0), (0, 1), (1, 1)]
    for size in (1, 2, 3):
        for chosen in itertools.combinations(bundles, size):
            for prices in itertools.product(range(3), repeat=size):
                menu = Menu(tuple(zip(chosen, prices, strict=True)))
                for x in itertools.product(range(4), repeat=2):
                    if adaptive_best(x, menu, k)[0] != best_multisets(x, menu, k).utility:
                        note(menu=str(menu), type=str(x))
                        return False
    return True


paper.unencoded("S36.d", "Appendix A's extension of Theorems 1-3 to adaptive buyers is a "
                "corollary of S36.a (upper bounds) and S36.c (Theorem 3's deterministic menu); "
                "mechanising it needs the all-D Theorems 1-2, which are class D here")
