from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import InputError
from verify.mech.buyk import (
    best_multisets,
    brev,
    buyk_ic_violation,
    buyk_revenue,
    buyk_revenue_range,
    grand_value,
    lottery,
    multiset_utility,
    multisets,
)
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import Menu
from verify.mech.types import SetFunctionType

FAST = settings(max_examples=40, database=None, derandomize=True, deadline=None)
F = Fraction

# Example 1 (buy-many paper l.36-38): coffee $2, bagel $4, both $8
COFFEE_SHOP = Menu((((1, 0), 2, "coffee"), ((0, 1), 4, "bagel"), ((1, 1), 8, "both")))
CUSTOMERS = Distribution.uniform([(2, 0), (0, 4), (4, 6)])
COFFEE, BAGEL, BOTH = 1, 2, 3  # entry 0 is the null entry


def test_example_1_buy_one_revenue_is_14_over_3():
    assert buyk_revenue(COFFEE_SHOP, CUSTOMERS, 1) == F(2 + 4 + 8, 3) == F(14, 3)
    assert buyk_ic_violation(COFFEE_SHOP, CUSTOMERS.support, 1).ok
    # the (4,6) buyer weakly prefers the combination: all three entries give utility 2
    tied = best_multisets((4, 6), COFFEE_SHOP, 1, "all")
    assert tied.utility == 2 and tied.picks == ((COFFEE,), (BAGEL,), (BOTH,))


def test_example_1_buying_twice_drops_revenue_to_4():
    two = best_multisets((4, 6), COFFEE_SHOP, 2, "all")
    assert two.picks == ((COFFEE, BAGEL),) and two.utility == 4 and two.prices == (6,)
    assert buyk_revenue(COFFEE_SHOP, CUSTOMERS, 2) == F(2 + 4 + 6, 3) == 4
    violation = buyk_ic_violation(COFFEE_SHOP, CUSTOMERS.support, 2)
    assert violation.max_violation == 2 and violation.violations == 1
    assert violation.witness == ((4, 6), (COFFEE, BAGEL))
    # more visits do not help further: buy-many revenue of this menu is 4
    assert buyk_revenue(COFFEE_SHOP, CUSTOMERS, 4) == 4


def test_tie_rules_give_a_revenue_range():
    # buyer-cheapest: (2,0) and (0,4) stay out, (4,6) takes the coffee
    assert buyk_revenue_range(COFFEE_SHOP, CUSTOMERS, 1) == (F(2, 3), F(14, 3))
    assert buyk_revenue(COFFEE_SHOP, CUSTOMERS, 2, "buyer-cheapest") == 2
    with pytest.raises(InputError, match="buyk_revenue_range"):
        buyk_revenue(COFFEE_SHOP, CUSTOMERS, 1, "all")


def test_brev_example_1():
    # grand values 2, 4, 10: prices 2, 4, 10 earn 2, 8/3, 10/3
    res = brev(CUSTOMERS)
    assert res.price == 10 and res.revenue == F(10, 3)
    unit = SetFunctionType(2, {(): 0, (0,): 3, (1,): 2, (0, 1): 3})
    assert grand_value(unit) == 3 and grand_value((1, "1/2")) == F(3, 2)


def test_lottery_of_multisets():
    q = (F(1, 2), F(1, 3))
    assert lottery([], 2) == (0, 0)
    assert lottery([q], 2) == q
    for m in range(1, 5):
        assert lottery([q] * m, 2) == (1 - F(1, 2) ** m, 1 - F(2, 3) ** m)
    r = (F(1, 4), 1)
    assert lottery([q, r], 2) == lottery([r, q], 2) == (F(5, 8), 1)
    with pytest.raises(InputError, match=r"lottery: allocation #0\[1\]: probability 2"):
        lottery([(0, 2)], 2)


def test_multiset_count_and_set_function_utility():
    assert sum(1 for _ in multisets(COFFEE_SHOP, 3)) == math.comb(3 + 3, 3)
    half = Menu((((F(1, 2), F(1, 2)), 1),))
    unit = SetFunctionType(2, {(): 0, (0,): 3, (1,): 2, (0, 1): 3})
    # Lot of two halves is (3/4, 3/4): Pr{0 only} = Pr{1 only} = 3/16, Pr{both} = 9/16
    assert multiset_utility(unit, half, (1, 1)) == F(9 + 6 + 27, 16) - 2
    with pytest.raises(InputError, match="k: must be >= 0"):
        list(multisets(half, -1))


@st.composite
def menus(draw):
    entries = []
    for _ in range(draw(st.integers(1, 3))):
        q = (F(draw(st.integers(0, 2)), 2), F(draw(st.integers(0, 2)), 2))
        entries.append((q, F(draw(st.integers(0, 8)), 2)))
    return Menu(tuple(entries))


TYPES = [(0, 0), (1, 3), (3, 1), (2, 2), (4, 4)]


@FAST
@given(menus())
def test_buy_one_agrees_with_menu_choice_and_utility_grows_with_k(menu):
    for x in TYPES:
        for tie in ("seller", "buyer-cheapest"):
            one, single = best_multisets(x, menu, 1, tie), menu.choose(x, tie)
            assert one.utility == single.utility and one.price == single.price
        utilities = [best_multisets(x, menu, k).utility for k in range(4)]
        assert utilities == sorted(utilities) and utilities[0] == 0
    assert buyk_ic_violation(menu, TYPES, 1).ok
    regret = buyk_ic_violation(menu, TYPES, 3).max_violation
    assert regret == max(best_multisets(x, menu, 3).utility - menu.choose(x).utility
                         for x in TYPES)


def test_buyk_ic_with_an_assigned_direct_mechanism():
    # assigning the (4,6) buyer the combination: buy-2 regret is 4 - 2 = 2
    chosen = {(2, 0): COFFEE, (0, 4): BAGEL, (4, 6): BOTH}
    res = buyk_ic_violation(COFFEE_SHOP, chosen, 2, chosen)
    assert res.max_violation == 2 and res.witness[0] == (4, 6)
    # assigning the (2,0) buyer the bagel makes even buy-one fail (regret 4)
    bad = {**chosen, (2, 0): BAGEL}
    assert buyk_ic_violation(COFFEE_SHOP, bad, 1, bad).max_violation == 4


# ---------------------------------------------------------------- menu gaps, adaptive, benchmarks

from verify.mech.buyk import (  # noqa: E402
    adaptive_best,
    adaptive_ic_violation,
    bundle_menu,
    buy_one_optimum,
    coordinate_max,
    gap,
    is_cover_free,
    item_pricing_menu,
    menu_gap,
    srev,
)


def test_gap_and_menu_gap_standard_basis_is_n():
    # Observation 15: X = Q = standard basis gives MenuGap^n = n
    for n in (2, 3):
        basis = [tuple(1 if d == j else 0 for d in range(n)) for j in range(n)]
        qs = [(0,) * n, *basis]
        assert menu_gap(basis, qs, n) == n
        assert gap(basis, qs, 1, n) == (1, (0,) * n)


def test_gap_takes_the_minimising_multiset_and_k1_is_the_single_gap():
    xs = [(1, 1), (2, 1)]
    qs = [(0, 0), (1, 0), (1, 1)]
    # x_2 = (2, 1): q_2 = (1,1) is worth 3; Lot(q_1, q_1) = (1, 0) is worth 2
    assert gap(xs, qs, 2, 2) == (1, (0, 1))
    assert gap(xs, qs, 2, 1) == (1, (1,))
    assert menu_gap(xs, qs, 1) == F(1, 2) + F(1, 3)
    unit = SetFunctionType(2, {(): 0, (0,): 1, (1,): 1, (0, 1): 1})
    assert gap([unit, unit], qs, 2, 1) == (0, (1,))
    with pytest.raises(InputError, match="not positive"):
        menu_gap([(0, 0)], [(0, 0), (1, 1)], 1)
    assert coordinate_max([(0, 0), (1, F(1, 2)), (0, F(3, 4))], 2) == (1, F(3, 4))


def test_adaptive_buyer_beats_committed_multisets_on_a_randomised_menu():
    # one item worth 1, a 1/2-lottery at price 1/4: buying again only after a failure is worth
    # (1/2 - 1/4) + 1/2 (1/2 - 1/4) = 3/8; committing to two copies gives 3/4 - 1/2 = 1/4
    unit = (1,)
    half = Menu((((F(1, 2),), F(1, 4)),))
    best, tree = adaptive_best(unit, half, 2)
    assert best == F(3, 8)
    assert tree[0] == 1
    assert best_multisets(unit, half, 2).utility == F(1, 4)
    assert adaptive_ic_violation(half, [unit], 2).max_violation == F(1, 8)
    assert adaptive_best(unit, half, 0) == (0, ())


def test_adaptive_equals_non_adaptive_on_deterministic_menus():
    for x in TYPES:
        for k in range(3):
            assert adaptive_best(x, COFFEE_SHOP, k)[0] == best_multisets(x, COFFEE_SHOP, k).utility


def test_item_pricing_and_bundling_menus_are_buy_many_ic():
    menu = item_pricing_menu((2, 4))
    assert len(menu.entries) == 4 and menu.entries[3].p == 6
    assert buyk_ic_violation(menu, TYPES + [(5, 1)], 3).ok
    assert buyk_ic_violation(bundle_menu(3, 2), TYPES, 3).ok


def test_srev_and_buy_one_optimum_on_example_1():
    total, prices = srev(CUSTOMERS)
    # item 1 values 2, 0, 4 -> price 2 earns 4/3 (or 4 earns 4/3); item 2: 0, 4, 6 -> 4 earns 8/3
    assert total == F(4, 3) + F(8, 3) and prices[1] == 4
    res = buy_one_optimum(CUSTOMERS)
    assert res.revenue == F(14, 3)
    res.verify()


def test_cover_free_families():
    assert is_cover_free([{0, 1}, {0, 2}, {1, 2}], 1) == (True, None)
    ok, wit = is_cover_free([{0, 1}, {0, 2}, {1, 2}], 2)
    assert not ok and wit is not None and wit[0] == 0
    fano = [{0, 1, 2}, {0, 3, 4}, {0, 5, 6}, {1, 3, 5}, {1, 4, 6}, {2, 3, 6}, {2, 4, 5}]
    assert is_cover_free(fano, 2)[0] and not is_cover_free(fano, 3)[0]
    assert is_cover_free([{0}], 3) == (True, None)


from verify.mech.buyk import buyk_revenue_exceeds  # noqa: E402


def test_buyk_revenue_exceeds_decides_example_1_exactly():
    # Buy^1Rev = 14/3 (LP): reachable, and nothing above it is
    hit = buyk_revenue_exceeds(CUSTOMERS, 1, F(14, 3))
    assert hit.status == "sat" and hit.revenue is not None and hit.revenue >= F(14, 3)
    assert hit.menu is not None and buyk_ic_violation(hit.menu, CUSTOMERS.support, 1).ok
    assert buyk_revenue_exceeds(CUSTOMERS, 1, F(14, 3) + F(1, 1000)).status == "unsat"
    # buy-2 IC forbids charging the pair more than coffee + bagel: 14/3 is out of reach
    assert buyk_revenue_exceeds(CUSTOMERS, 2, F(14, 3)).status == "unsat"
