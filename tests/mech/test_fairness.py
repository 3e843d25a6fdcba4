from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from verify.errors import InputError
from verify.mech.buyk import brev
from verify.mech.distributions import Distribution, iid, product
from verify.mech.fairness import (
    bundle_law,
    closure,
    count_law,
    max_brev_over_ssrev,
    optimum,
    srev,
    ssrev,
    ssrev_of_items,
    table,
)
from verify.mech.mechanisms import ic_violation, ir_violation
from verify.mech.symmetry import stabiliser_violation, symmetry_violation

F = Fraction


def ex_a2() -> Distribution:
    return product(Distribution({F(1): F(1, 2), F(3): F(1, 2)}), Distribution.point(F(1)))


def test_closure_adds_every_permutation():
    assert closure([(1, 2, 2)]) == ((1, 2, 2), (2, 1, 2), (2, 2, 1))


def test_optimum_values_on_a_two_type_instance():
    d = ex_a2()
    assert optimum(d, "rev").revenue == F(5, 2)
    for b in ("sym1", "sym2", "sym3", "sym4", "fair"):
        assert optimum(d, b).revenue == 2
    rev = optimum(d, "rev").mechanism
    assert ic_violation(rev).ok and ir_violation(rev).ok


def test_symmetric_optimum_is_symmetric_on_the_closure():
    d = product(Distribution({F(0): F(1, 3), F(2): F(2, 3)}), Distribution({F(1): F(1)}))
    opt = optimum(d, "sym1")
    assert set(opt.types) == set(closure(d.support))
    assert symmetry_violation(opt.mechanism, "all").ok
    assert ic_violation(opt.mechanism).ok
    alloc_only = optimum(d, "sym2")
    assert symmetry_violation(alloc_only.mechanism, "all", prices=False).ok
    assert opt.revenue <= optimum(d, "rev").revenue


def test_fair_optimum_is_fair_and_between_sym_and_rev():
    eps = F(1, 10)
    d = product(Distribution({F(4): F(1, 2), F(1): eps, F(0): F(1, 2) - eps}),
                Distribution({F(4): eps, F(1): 1 - 2 * eps, F(0): eps}))
    fair = optimum(d, "fair")
    assert stabiliser_violation(fair.mechanism).ok
    assert optimum(d, "sym1").revenue == F(133, 50) < fair.revenue == F(141, 50)
    assert fair.revenue <= optimum(d, "rev").revenue


def test_unknown_benchmark_is_an_input_error():
    with pytest.raises(InputError):
        optimum(ex_a2(), "best")  # type: ignore[arg-type]


def test_simple_benchmarks_against_brute_force():
    laws = (Distribution({F(0): F(1, 2), F(2): F(1, 2)}), Distribution({F(1): F(1, 3), F(3): F(2, 3)}))
    d = product(*laws)
    best = max(p * sum(law.tail(p) for law in laws) for p in map(F, range(5)))
    assert ssrev(d).revenue == ssrev_of_items(laws).revenue == best
    assert srev(d) == 1 + 2
    assert bundle_law(laws) == d.map(lambda v: v[0] + v[1])
    assert brev(d).revenue == max(p * d.probability(lambda v, p=p: sum(v) >= p) for p in map(F, range(6)))


def test_count_law_is_poisson_binomial():
    qs = [F(1, 2), F(1, 3)]
    law = count_law(qs)
    assert law.mass(F(0)) == F(1, 3) and law.mass(F(2)) == F(1, 6) and law.mass(F(1)) == F(1, 2)


def test_max_brev_over_ssrev_dominates_every_small_prior_and_is_attained():
    res = max_brev_over_ssrev(2, range(3))
    assert brev(res.prior).revenue / ssrev(res.prior).revenue == res.ratio
    grid = list(itertools.product(map(F, range(3)), repeat=2))
    for a, b in itertools.combinations(grid, 2):
        for w in (F(1, 3), F(1, 2)):
            d = Distribution({a: w, b: 1 - w})
            s = ssrev(d).revenue
            if s:
                assert brev(d).revenue / s <= res.ratio
    assert max_brev_over_ssrev(1, range(3)).ratio == 1


def test_table_and_iid_helpers():
    mech = table({(1, 1): (F(1, 2), F(1, 2), 1)})
    assert mech.t[(F(1), F(1))] == 1
    assert optimum(iid(Distribution({F(1): F(1)}), 2), "rev").revenue == 2


def test_multi_bidder_optimum_single_bidder_matches_menu_lp_and_symmetry_orders():
    from verify.mech.fairness import multi_bidder_optimum

    law = iid(Distribution({F(1): F(1, 2), F(2): F(1, 2)}), 2)
    assert multi_bidder_optimum([law]) == optimum(law, "rev").revenue
    two = [law, law]
    rev = multi_bidder_optimum(two)
    own, joint = multi_bidder_optimum(two, "own"), multi_bidder_optimum(two, "joint")
    assert own <= joint == rev  # joint permutations are a symmetry of an i.i.d. instance
    assert own < rev
    with pytest.raises(InputError):
        multi_bidder_optimum(two, "sideways")  # type: ignore[arg-type]


def test_max_symmetric_allocation_respects_symmetry():
    from verify.mech.fairness import max_symmetric_allocation

    d = Distribution({(F(2), F(1)): F(1, 2), (F(1), F(2)): F(1, 2)})
    # unconstrained, item 1 only: 1/2 * 2 + 1/2 * 1; symmetry forces x(1,2) = swap(x(2,1))
    only_first = max_symmetric_allocation(d, lambda v, j: v[j] if j == 0 else F(0))
    assert only_first == F(3, 2)
    # reward item 1 at (2,1) and penalise item 2 at (1,2): symmetry ties the two together
    tied = max_symmetric_allocation(
        d, lambda v, j: F(1) if (v, j) == ((F(2), F(1)), 0) else
        (F(-3) if (v, j) == ((F(1), F(2)), 1) else F(0)))
    assert tied == 0


def test_brev_of_integer_items_matches_the_convolution() -> None:
    from verify.mech.fairness import brev_of_integer_items
    from verify.mech.single_item import optimal_reserve

    laws = [Distribution({F(0): F(1, 3), F(2): F(2, 3)}), Distribution({F(1): F(1, 2), F(5): F(1, 2)}),
            Distribution({F(3): F(1, 7), F(0): F(6, 7)})]
    for k in range(1, 4):
        got = brev_of_integer_items(laws[:k])
        want = optimal_reserve(bundle_law(laws[:k]))
        assert got.revenue == want.revenue
        assert got.revenue == got.price * bundle_law(laws[:k]).tail(got.price)
    # two ER items truncated at 4: Pr[v >= x] = 1/x, x = 1..4; BRev = 85/36 at price 5
    er = Distribution({F(1): F(1, 2), F(2): F(1, 6), F(3): F(1, 12), F(4): F(1, 4)})
    assert brev_of_integer_items([er, er]).revenue == F(85, 36)
    with pytest.raises(InputError):
        brev_of_integer_items([Distribution({F(1, 2): F(1)})])


def test_symmetric_price_gap_shrinks_with_the_grid() -> None:
    from verify.mech.fairness import segment_types, symmetric_price_gap

    types = segment_types((4, 1), 0, 1, 3)
    assert len(types) == 7 and (F(5, 2), F(5, 2)) in types and (F(1), F(4)) in types
    # the largest price gap between (1,4) and (4,1) over allocation-symmetric mechanisms that
    # are IC on the grid is ||t - w||_1 / (2n) = 3/(2n): positive on every finite grid, -> 0
    for n in (1, 2, 4):
        assert symmetric_price_gap((4, 1), 0, 1, n).value == F(3, 2 * n)
    assert symmetric_price_gap((1, 0), 0, 1, 2).value == F(1, 4)
    with pytest.raises(InputError):
        symmetric_price_gap((2, 2), 0, 1, 2)
    with pytest.raises(InputError):
        segment_types((4, 1), 0, 0, 2)
