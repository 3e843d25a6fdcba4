from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import InputError
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import Auction, dsic_violation, expost_ir_violation
from verify.mech.single_item import (
    concave_majorant,
    ironed_virtual_values,
    is_regular,
    myerson,
    optimal_reserve,
    revenue_curve,
    virtual_values,
)

FAST = settings(max_examples=40, database=None, derandomize=True, deadline=None)
F = Fraction


@st.composite
def value_priors(draw, max_points=4):
    values = draw(st.lists(st.integers(0, 8), min_size=1, max_size=max_points, unique=True))
    weights = draw(st.lists(st.integers(1, 5), min_size=len(values), max_size=len(values)))
    return Distribution({v: F(w, sum(weights)) for v, w in zip(values, weights, strict=True)})


def test_uniform_1_2_3_posted_price():
    d = Distribution.uniform([1, 2, 3])
    res = optimal_reserve(d)
    assert res.revenue == F(4, 3) and res.price == 2 and res.maximisers == (2,)
    assert virtual_values(d) == {1: -1, 2: 1, 3: 3}
    assert [p.quantile for p in revenue_curve(d)] == [1, F(2, 3), F(1, 3)]
    assert is_regular(d) and ironed_virtual_values(d) == virtual_values(d)


def test_reserve_ties_are_reported():
    res = optimal_reserve(Distribution.uniform([1, 2]))
    assert res.revenue == 1 and res.maximisers == (1, 2) and res.price == 1


def test_ironing_irregular_prior_by_hand():
    d = Distribution({1: "1/2", 2: "1/10", 3: "2/5"})
    assert virtual_values(d) == {1: 0, 2: -2, 3: 3} and not is_regular(d)
    # hull of (0,0), (2/5, 6/5), (1/2, 1), (1, 1) skips (1/2, 1): R̄(1/2) = 7/6
    assert ironed_virtual_values(d) == {1: F(-1, 3), 2: F(-1, 3), 3: 3}
    assert concave_majorant([(F(0), F(0)), (F(2, 5), F(6, 5)), (F(1, 2), F(1)), (F(1), F(1))]) == (
        (0, 0), (F(2, 5), F(6, 5)), (1, 1))


@FAST
@given(value_priors())
def test_virtual_value_identities(d):
    phi, phibar = virtual_values(d), ironed_virtual_values(d)
    pts = revenue_curve(d)
    for k, pt in enumerate(pts):
        nxt_q = pts[k + 1].quantile if k + 1 < len(pts) else 0
        nxt_r = pts[k + 1].revenue if k + 1 < len(pts) else 0
        assert phi[pt.value] == (pt.revenue - nxt_r) / (pt.quantile - nxt_q)  # slope form
        # posting price z earns the expected virtual value of the types that buy
        assert pt.revenue == d.expect(lambda v, z=pt.value: phi[v] if v >= z else 0)
    ironed = list(phibar.values())
    assert all(a <= b for a, b in zip(ironed, ironed[1:], strict=False))
    assert d.expect(lambda v: phibar[v]) == d.expect(lambda v: phi[v]) == pts[0].value
    assert is_regular(d) == (phibar == phi)


def test_myerson_two_iid_uniform_1_2():
    d = Distribution.uniform([1, 2])
    res = myerson([d, d])
    assert res.revenue == F(3, 2) and res.welfare == F(3, 2) and res.consumer_surplus == 0
    a = res.auction
    assert a.q[(1, 1)] == (0, 0) and a.q[(2, 2)] == (1, 0)
    assert a.t[(1, 2)] == (0, 2) and a.t[(2, 2)] == (2, 0)
    at_zero = myerson([d, d], sell_at_zero=True)
    assert at_zero.revenue == F(3, 2) and at_zero.welfare == F(7, 4)
    assert at_zero.consumer_surplus == F(1, 4)
    assert at_zero.auction.t[(2, 1)] == (1, 0)  # wins at report 1 by the index tie-break
    split = myerson([d, d], "uniform-random")
    assert split.auction.q[(2, 2)] == (F(1, 2), F(1, 2)) and split.revenue == F(3, 2)
    for r in (res, at_zero, split):
        assert dsic_violation(r.auction).ok and expost_ir_violation(r.auction).ok


@FAST
@given(value_priors())
def test_myerson_single_bidder_is_optimal_posted_price(d):
    res = myerson([d])
    assert res.revenue == optimal_reserve(d).revenue == res.virtual_surplus


@FAST
@given(value_priors(3), value_priors(3), st.sampled_from(["lexicographic", "uniform-random"]))
def test_myerson_two_bidders_dsic_and_revenue_is_ironed_virtual_surplus(d1, d2, tie):
    res = myerson([d1, d2], tie)
    assert dsic_violation(res.auction).ok and expost_ir_violation(res.auction).ok
    assert res.revenue == res.virtual_surplus
    assert res.consumer_surplus >= 0
    # never below the better single posted price to the best bidder
    assert res.revenue >= max(optimal_reserve(d1).revenue, optimal_reserve(d2).revenue)


def test_myerson_rejects_unknown_tie():
    with pytest.raises(InputError, match="myerson.tie: unknown rule 'coin'"):
        myerson([Distribution.point(1)], "coin")


@settings(max_examples=8, database=None, derandomize=True, deadline=None)
@given(value_priors(3), value_priors(2))
def test_myerson_matches_certified_lp_optimum(d1, d2):
    revenue = pytest.importorskip("verify.mech.revenue")
    res = myerson([d1, d2])
    values = [[v for v, _ in d.numeric_items()] for d in (d1, d2)]
    masses = [[m for _, m in d.numeric_items()] for d in (d1, d2)]
    for kind in ("DSIC", "BIC"):
        lp = revenue.optimal_auction(values, marginals=masses, truthfulness=kind)
        assert lp.revenue == res.revenue
    # the LP's own optimal tables pass this module's independent DSIC / IR checks
    lp = revenue.optimal_auction(values, marginals=masses, truthfulness="DSIC")
    table = Auction(lp.allocation, lp.payment)
    assert dsic_violation(table).ok and expost_ir_violation(table).ok
    assert table.revenue(res.prior) == res.revenue
