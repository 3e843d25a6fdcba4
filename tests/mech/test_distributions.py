from __future__ import annotations

import importlib.util
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import InputError
from verify.mech.distributions import (
    Distribution,
    fosd_by_cdf,
    fosd_by_coupling,
    fosd_by_upper_sets,
    iid,
    maximal_coupling,
    product,
    quantile_coupling,
    tv_by_coupling,
    tv_by_events,
    tv_by_l1,
    upper_sets,
)

COUPLING_METHOD = "lp" if importlib.util.find_spec("verify.mech.lp") else "closed-form"
FAST = settings(max_examples=50, database=None, derandomize=True, deadline=None)


@st.composite
def rational_dists(draw, points=range(5), dim=None):
    """Random small rational distributions on a few points (scalars, or tuples if dim)."""
    outcomes = list(points)
    if dim is not None:
        outcomes = [tuple(draw(st.sampled_from(list(points))) for _ in range(dim))
                    for _ in range(draw(st.integers(1, 5)))]
    weights = draw(st.lists(st.integers(0, 4), min_size=len(outcomes), max_size=len(outcomes)))
    if sum(weights) == 0:
        weights[0] = 1
    table: dict = {}
    for o, w in zip(outcomes, weights, strict=True):
        table[o] = table.get(o, Fraction(0)) + Fraction(w, sum(weights))
    return Distribution(table)


# ---------------------------------------------------------------- validation

def test_validation_messages_name_the_outcome_or_field():
    with pytest.raises(InputError, match=r"^Distribution: mass of outcome \(1, 2\): expected an "
                                         r"exact rational .*float 0\.5$"):
        Distribution({(1, 2): 0.5, (2, 1): "1/2"})
    with pytest.raises(InputError, match=r"^Distribution: mass of outcome 3 is negative \(-1/2\)$"):
        Distribution({1: "3/2", 3: "-1/2"})
    with pytest.raises(InputError, match=r"^Distribution: masses sum to 5/6, not 1$"):
        Distribution({"a": "1/2", "b": "1/3"})
    with pytest.raises(InputError, match=r"float 0\.5 in an outcome"):
        Distribution({(0.5, 1): 1})
    with pytest.raises(InputError, match="probability 0"):
        Distribution({0: 1}).condition(lambda x: x > 0)
    with pytest.raises(InputError) as info:
        Distribution({(1, 2): "1/2", (2, 1): "1/3"})
    assert "\n" not in str(info.value)


def test_basic_operations_exact():
    d = Distribution({1: "1/6", 2: "1/3", 3: "1/2", 4: 0})
    assert d.support == (1, 2, 3) and d.mass(4) == 0
    assert d.mean() == Fraction(7, 3)
    assert d.cdf(2) == Fraction(1, 2) and d.tail(2) == Fraction(5, 6)
    assert d.probability({1, 3}) == Fraction(2, 3) == d.probability(lambda x: x % 2 == 1)
    assert d.condition(lambda x: x >= 2) == Distribution({2: "2/5", 3: "3/5"})
    assert d.map(lambda x: x % 2) == Distribution({0: "1/3", 1: "2/3"})
    assert d.expect(lambda x: x * x) == Fraction(1 + 8 + 27, 6)
    with pytest.raises(InputError, match=r"expect: f\(1\)"):
        d.expect(lambda x: x / 2.0)
    assert Distribution.uniform("abc").mass("b") == Fraction(1, 3)
    assert Distribution.point((1, 2)).dim == 2


def test_product_marginals_and_exchangeability():
    a = Distribution({0: "1/4", 1: "3/4"})
    b = Distribution({5: "1/2", 7: "1/2"})
    ab = product(a, b)
    assert ab.mass((1, 7)) == Fraction(3, 8)
    assert ab.marginal(0) == a and ab.marginal(1) == b
    assert not ab.is_exchangeable()
    assert iid(a, 3).is_exchangeable() and iid(a, 3).dim == 3
    corr = Distribution({(0, 1): "1/3", (1, 0): "1/3", (1, 1): "1/3"})
    assert corr.is_exchangeable()
    assert not Distribution({(0, 1): "1/2", (1, 0): "1/4", (1, 1): "1/4"}).is_exchangeable()
    with pytest.raises(InputError, match="index 2 outside 0..1"):
        ab.marginal(2)


# ---------------------------------------------------------------- dominance

def test_fosd_known_cases():
    lo = Distribution.uniform([1, 2, 3])
    hi = Distribution({2: "1/3", 3: "2/3"})
    assert fosd_by_cdf(hi, lo) and fosd_by_coupling(hi, lo) and fosd_by_upper_sets(hi, lo).holds
    assert not fosd_by_cdf(lo, hi) and not fosd_by_coupling(lo, hi)
    test = fosd_by_upper_sets(lo, hi)
    assert not test.holds and test.gap == Fraction(1, 3)
    assert hi.probability(test.witness) - lo.probability(test.witness) == test.gap
    assert test.witness in (frozenset({3}), frozenset({2, 3}))
    pi = quantile_coupling(lo, hi)
    assert pi == Distribution({(1, 2): "1/3", (2, 3): "1/3", (3, 3): "1/3"})


def test_fosd_multidimensional_upper_sets():
    # equal marginals, yet the positively correlated law does not dominate the other:
    lo = Distribution.uniform([(0, 1), (1, 0)])
    hi = Distribution.uniform([(0, 0), (1, 1)])
    assert hi.marginal(0) == lo.marginal(0) and hi.marginal(1) == lo.marginal(1)
    test = fosd_by_upper_sets(hi, lo)
    assert not test.holds and test.gap == Fraction(1, 2)
    assert test.witness == frozenset({(0, 1), (1, 0), (1, 1)})
    assert not fosd_by_upper_sets(lo, hi).holds
    shifted = lo.map(lambda v: (v[0] + 1, v[1]))
    assert fosd_by_upper_sets(shifted, lo).holds
    # the upper sets of a 2x2 product grid: {}, {11}, {11,01}, {11,10}, {11,01,10}, all
    assert sum(1 for _ in upper_sets([(0, 0), (0, 1), (1, 0), (1, 1)])) == 6
    with pytest.raises(InputError, match="more than 3 upper sets"):
        list(upper_sets([(0, 0), (0, 1), (1, 0), (1, 1)], max_sets=3))


@FAST
@given(rational_dists(), rational_dists())
def test_three_fosd_characterisations_agree(p, q):
    by_cdf = fosd_by_cdf(p, q)
    assert fosd_by_coupling(p, q) == by_cdf
    assert fosd_by_upper_sets(p, q).holds == by_cdf
    pi = quantile_coupling(q, p)
    assert pi.marginal(0) == q and pi.marginal(1) == p


@FAST
@given(rational_dists(points=range(3), dim=2), rational_dists(points=range(3), dim=2))
def test_upper_set_dominance_implies_increasing_expectations(p, q):
    test = fosd_by_upper_sets(p, q)
    increasing = [lambda v: v[0] + v[1], lambda v: max(v), lambda v: v[0] * v[1],
                  lambda v: min(v) ** 2]
    if test.holds:
        assert all(p.expect(g) >= q.expect(g) for g in increasing)
    else:
        assert q.probability(test.witness) - p.probability(test.witness) == test.gap > 0


# ---------------------------------------------------------------- total variation

def test_tv_known_values():
    p = Distribution.uniform([0, 1])
    q = Distribution({0: "1/4", 1: "1/4", 2: "1/2"})
    assert tv_by_l1(p, q) == tv_by_events(p, q) == tv_by_coupling(p, q).value == Fraction(1, 2)
    assert tv_by_l1(p, p) == 0 and tv_by_events(p, p) == 0
    assert tv_by_coupling(p, Distribution.point(5)).value == 1
    res = maximal_coupling(p, q)
    assert res.verify(p, q) and res.coupling.mass((0, 2)) == Fraction(1, 4)


@settings(max_examples=40, database=None, derandomize=True, deadline=None)
@given(rational_dists(points=range(6)), rational_dists(points=range(6)))
def test_tv_three_ways_agree(p, q):
    l1 = tv_by_l1(p, q)
    assert tv_by_events(p, q, exhaustive=True) == l1
    assert tv_by_events(p, q, exhaustive=False) == l1
    res = tv_by_coupling(p, q)
    assert res.value == l1 and res.verify(p, q) and res.method == COUPLING_METHOD
    closed = maximal_coupling(p, q)
    assert closed.value == l1 and closed.verify(p, q)
    assert tv_by_l1(q, p) == l1


def test_coupling_certificate_rejects_a_suboptimal_coupling():
    p = Distribution.uniform([0, 1])
    good = maximal_coupling(p, p)
    assert good.value == 0 and good.verify(p, p)
    independent = product(p, p)
    bad = type(good)(Fraction(1, 2), independent, good.dual_p, good.dual_q, "test")
    assert not bad.verify(p, p)
