from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import InputError
from verify.mech.distributions import Distribution, iid
from verify.mech.mechanisms import (
    Auction,
    DirectMechanism,
    Menu,
    MenuEntry,
    bic_violation,
    dsic_violation,
    expost_ir_violation,
    ic_violation,
    interim_ir_violation,
    interim_utility,
    ir_violation,
    select,
    value,
)
from verify.mech.types import SetFunctionType, TypeSpace

FAST = settings(max_examples=40, database=None, derandomize=True, deadline=None)
F = Fraction


# ---------------------------------------------------------------- validation

def test_direct_mechanism_validation_is_one_line_and_names_the_field():
    with pytest.raises(InputError, match=r"^DirectMechanism\.q\(1, 2\)\[0\]: probability 3/2 is "
                                         r"outside \[0, 1\]$"):
        DirectMechanism({(1, 2): ("3/2", 0)}, {(1, 2): 0})
    with pytest.raises(InputError, match=r"^DirectMechanism\.t\(1, 2\): expected an exact .*float"):
        DirectMechanism({(1, 2): (1, 0)}, {(1, 2): 0.5})
    with pytest.raises(InputError, match=r"^DirectMechanism\.t: no payment for type \(1, 2\)$"):
        DirectMechanism({(1, 2): (1, 0)}, {(2, 1): 0})
    with pytest.raises(InputError, match=r"q\(2, 1\): \(0, 1\) is not decreasing"):
        DirectMechanism({(2, 1): (0, 1)}, {(2, 1): 0}, decreasing=True)
    assert DirectMechanism({(2, 1): (1, 0)}, {(2, 1): 0}, decreasing=True).is_deterministic()


def test_auction_and_menu_validation():
    with pytest.raises(InputError, match=r"^Auction\.q\(1, 1\): allocations sum to 3/2 > 1$"):
        Auction({(1, 1): ("1/2", 1)}, {(1, 1): (0, 0)})
    with pytest.raises(InputError, match=r"profile \(2, 1\) missing"):
        Auction({(1, 1): (0, 0), (1, 2): (0, 0), (2, 2): (0, 0)},
                {(1, 1): (0, 0), (1, 2): (0, 0), (2, 2): (0, 0)})
    with pytest.raises(InputError, match=r"^MenuEntry bagel\.p: price -4 is negative$"):
        Menu((((0, 1), -4, "bagel"),))
    with pytest.raises(InputError, match=r"^MenuEntry coffee\.q\[0\]: probability 2 is outside"):
        Menu((((2, 0), 1, "coffee"),))
    with pytest.raises(InputError, match=r"Menu\.entries\[1\]: allocation has 1 items, not 2"):
        Menu((((1, 0), 1), ((1,), 1)))


# ---------------------------------------------------------------- one buyer

def test_ic_and_ir_regret_exact_with_witness():
    # one item, types 1 and 2; the high type is overcharged
    mech = DirectMechanism({(1,): (0,), (2,): (1,)}, {(1,): 0, (2,): "5/2"})
    ic = ic_violation(mech)
    assert ic.max_violation == F(1, 2) and ic.witness == ((2,), (1,))
    assert ic.violations == 1 and ic.checked == 4 and not ic.ok
    ir = ir_violation(mech)
    assert ir.max_violation == F(1, 2) and ir.witness == ((2,),)
    fixed = DirectMechanism({(1,): (0,), (2,): (1,)}, {(1,): 0, (2,): 2})
    assert ic_violation(fixed).ok and ir_violation(fixed).ok
    assert fixed.revenue(Distribution.uniform([(1,), (2,)])) == 1
    # restricting reports restricts the constraints
    assert ic_violation(mech, types=[(2,)], reports=[(2,)]).ok


def test_ic_counts_every_misreport():
    grid = TypeSpace.grid(range(3), 2)
    # a "dictator" mechanism giving item 0 to everyone for price 1: IC, not IR at low types
    mech = DirectMechanism({v: (1, 0) for v in grid}, {v: 1 for v in grid})
    ic = ic_violation(mech)
    assert ic.ok and ic.checked == 81
    ir = ir_violation(mech)
    assert ir.violations == 3 and ir.max_violation == 1 and ir.witness == ((0, 0),)


@st.composite
def menus(draw, n=2):
    k = draw(st.integers(1, 4))
    entries = []
    for _ in range(k):
        q = tuple(F(draw(st.integers(0, 3)), 3) for _ in range(n))
        entries.append((q, F(draw(st.integers(0, 12)), 2)))
    return Menu(tuple(entries))


@FAST
@given(menus(), st.sampled_from(["seller", "buyer-cheapest"]))
def test_menus_induce_ic_ir_mechanisms(menu, tie):
    grid = TypeSpace.grid(range(4), 2)
    mech = menu.to_mechanism(grid, tie)
    assert ic_violation(mech).ok and ir_violation(mech).ok
    for v in grid:
        choice = menu.choose(v, "all")
        assert mech.utility(v) == choice.utility
        assert mech.t[v] in choice.prices


def test_menu_choice_tie_rules_and_null_entry():
    menu = Menu((((1, 0), 2, "coffee"), ((0, 1), 4, "bagel"), ((1, 1), 8, "both")))
    assert menu.entries[0].is_null and len(menu.entries) == 4
    everything = menu.choose((4, 6), "all")
    assert everything.utility == 2 and everything.picks == (1, 2, 3)
    assert menu.choose((4, 6), "seller").pick == 3 and menu.choose((4, 6), "seller").price == 8
    assert menu.choose((4, 6), "buyer-cheapest").pick == 1
    assert menu.choose((2, 0), "buyer-cheapest").pick == 0  # indifferent to the null entry
    with pytest.raises(InputError, match="3 maximisers"):
        everything.pick  # noqa: B018
    with pytest.raises(InputError, match="unknown tie rule 'random'"):
        menu.choose((1, 1), "random")
    # an explicit null entry is not duplicated
    assert len(Menu((MenuEntry((0, 0), 0), ((1, 1), 3))).entries) == 2
    assert select([("a", F(1), F(2)), ("b", F(1), F(2))], "seller").pick == "a"


@FAST
@given(st.lists(st.integers(0, 5), min_size=3, max_size=3),
       st.lists(st.integers(0, 4), min_size=3, max_size=3))
def test_set_function_value_matches_additive(x, q):
    qq = tuple(F(a, 4) for a in q)
    assert value(SetFunctionType.additive(x), qq) == value(tuple(map(F, x)), qq)


def test_set_function_value_unit_demand():
    unit = SetFunctionType(2, {(): 0, (0,): 3, (1,): 2, (0, 1): 3})
    # Pr{0 only} = Pr{1 only} = Pr{both} = 1/4
    assert value(unit, (F(1, 2), F(1, 2))) == F(3 + 2 + 3, 4)


# ---------------------------------------------------------------- n buyers

def _second_price(values):
    q, t = {}, {}
    for v in itertools.product(values, repeat=2):
        winner = 0 if v[0] >= v[1] else 1
        q[v] = tuple(F(int(i == winner)) for i in range(2))
        t[v] = tuple(F(v[1 - i]) if i == winner else F(0) for i in range(2))
    return Auction(q, t)


def test_second_price_is_dsic_and_first_price_is_not():
    sp = _second_price([0, 1, 2])
    assert dsic_violation(sp).ok and expost_ir_violation(sp).ok
    assert dsic_violation(sp).checked == 9 * 2 * 3
    fp = Auction(sp.q, {v: tuple(v[i] * sp.q[v][i] for i in range(2)) for v in sp.q})
    res = dsic_violation(fp)
    # bidder 0 with value 2 against 0 shades to 0 and still wins: regret 2
    assert res.max_violation == 2 and res.witness == (0, (2, 0), 0)
    prior = iid(Distribution.uniform([0, 1, 2]), 2)
    assert sp.revenue(prior) == F(0 + 0 + 0 + 0 + 1 + 1 + 0 + 1 + 2, 9)
    assert sp.welfare(prior) == F(0 + 1 + 2 + 1 + 1 + 2 + 2 + 2 + 2, 9)
    assert sp.consumer_surplus(prior) == sp.welfare(prior) - sp.revenue(prior)


def test_bic_but_not_dsic():
    # bidder 0 wins iff v_0 = 1; pays 3/2 when v_1 = 1, else 0 (interim price 3/4)
    q, t = {}, {}
    for v in itertools.product([0, 1], repeat=2):
        q[v] = (F(v[0]), F(0))
        t[v] = (F(3, 2) if v == (1, 1) else F(0), F(0))
    auction = Auction(q, t)
    prior = iid(Distribution.uniform([0, 1]), 2)
    assert bic_violation(auction, prior).ok and interim_ir_violation(auction, prior).ok
    assert interim_utility(auction, prior, 0, 1) == F(1, 4)
    dsic = dsic_violation(auction)
    assert dsic.max_violation == F(1, 2) and dsic.witness == (0, (1, 1), 0)
    assert expost_ir_violation(auction).witness == (0, (1, 1))
    # under a correlated prior putting mass 3/4 on v_1 = 1 given v_0 = 1, interim IR fails
    corr = Distribution({(1, 1): "3/8", (1, 0): "1/8", (0, 0): "1/4", (0, 1): "1/4"})
    ir = interim_ir_violation(auction, corr)
    assert ir.max_violation == F(1, 8) and ir.witness == (0, 1)
    bic = bic_violation(auction, corr)
    assert bic.max_violation == F(1, 8) and bic.witness == (0, 1, 0)
