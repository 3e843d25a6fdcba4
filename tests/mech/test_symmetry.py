from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.errors import InputError
from verify.mech.distributions import Distribution, iid
from verify.mech.mechanisms import DirectMechanism, ic_violation
from verify.mech.symmetry import (
    cone_weights,
    decreasing_rearrangement,
    majorizes,
    rank_preservation_violation,
    stabiliser_violation,
    symmetric_extension,
    symmetry_violation,
    weakly_majorizes,
)
from verify.mech.types import TypeSpace, all_perms, permute

FAST = settings(max_examples=40, database=None, derandomize=True, deadline=None)
F = Fraction
GRID = TypeSpace.grid(range(4), 3)


def uniform_price(p, space=GRID):
    """Def 10: each object at price p."""
    q = {v: tuple(F(int(x >= p)) for x in v) for v in space}
    return DirectMechanism(q, {v: p * sum(q[v]) for v in space})


def test_uniform_price_is_symmetric_rank_preserving_and_ic():
    mech = uniform_price(2)
    assert symmetry_violation(mech, "all").ok and symmetry_violation(mech).ok
    assert rank_preservation_violation(mech).ok and stabiliser_violation(mech).ok
    assert ic_violation(mech).ok
    assert symmetry_violation(mech).checked == len(GRID.strict()) * 6


def test_dictator_is_rank_preserving_on_cone_only_and_not_symmetric():
    space = TypeSpace.grid(range(3), 2)
    mech = DirectMechanism({v: (1, 0) for v in space}, {v: 0 for v in space})
    sym = symmetry_violation(mech)
    assert sym.max_violation == 1 and sym.witness == ((0, 1), (1, 0))
    rp = rank_preservation_violation(mech)
    assert rp.max_violation == 1 and rp.witness == ((0, 1), 1, 0)
    assert rp.violations == 3  # the strict types below the diagonal
    weak = rank_preservation_violation(mech, weak=True)
    assert weak.violations == 3 + 3  # plus (j, i) at each tied type
    tied = stabiliser_violation(mech)
    assert tied.violations == 3 and tied.witness == ((0, 0), (1, 0))


@st.composite
def cone_mechanisms(draw):
    """Random tables on the weakly sorted cone of {0..3}^3, q decreasing (RP on the cone)."""
    q, t = {}, {}
    for v in GRID.sorted_cone():
        q[v] = tuple(sorted((F(draw(st.integers(0, 2)), 2) for _ in range(3)), reverse=True))
        t[v] = F(draw(st.integers(0, 6)), 2)
    return DirectMechanism(q, t)


@settings(max_examples=12, database=None, derandomize=True, deadline=None)
@given(cone_mechanisms())
def test_symmetric_extension_is_symmetric_and_rank_preserving(cone):
    ext = symmetric_extension(cone)
    assert set(ext.types) == set(GRID)
    assert symmetry_violation(ext).ok and rank_preservation_violation(ext).ok
    assert symmetry_violation(ext, "all").ok  # averaging at ties gives stabiliser invariance
    for v in GRID.sorted_cone(strict=True):
        assert ext.q[v] == cone.q[v] and ext.t[v] == cone.t[v]
    stable = symmetric_extension(cone, tie="stable")
    for v in GRID.strict():
        assert stable.q[v] == ext.q[v]
    assert stabiliser_violation(stable).ok == all(
        stabiliser_violation(DirectMechanism({v: cone.q[v]}, {v: cone.t[v]})).ok
        for v in GRID.sorted_cone()
    )


def test_extension_formula_and_tie_readings():
    cone = DirectMechanism({(3, 1, 0): (1, F(1, 2), 0), (2, 2, 0): (1, 0, 0)},
                           {(3, 1, 0): 2, (2, 2, 0): 1})
    ext = symmetric_extension(cone, tie="average")
    # v = (0, 3, 1): σ = (1, 2, 0) sorts it; q^s_{σ(i)}(v) = q_i(v^σ)
    assert ext.q[(0, 3, 1)] == (0, 1, F(1, 2)) and ext.t[(0, 3, 1)] == 2
    assert ext.q[(2, 0, 2)] == (F(1, 2), 0, F(1, 2))  # R1: average over both sortings
    stable = symmetric_extension(cone, tie="stable")
    assert stable.q[(2, 0, 2)] == (1, 0, 0)  # R2: stable sort keeps index order
    assert symmetry_violation(stable).ok and not symmetry_violation(stable, "all").ok
    for sigma in all_perms(3):
        w = permute((0, 3, 1), sigma)
        assert ext.q[w] == permute(ext.q[(0, 3, 1)], sigma)
    with pytest.raises(InputError, match=r"sorted type \(1, 1, 1\) is not in the table"):
        symmetric_extension(cone, types=[(1, 1, 1)])


def test_symmetry_requires_permutation_closed_table():
    mech = DirectMechanism({(2, 1): (1, 0)}, {(2, 1): 1})
    with pytest.raises(InputError, match=r"table lacks \(1, 2\)"):
        symmetry_violation(mech)


def test_majorisation():
    assert decreasing_rearrangement((0, "1/2", 1)) == (1, F(1, 2), 0)
    assert majorizes((1, 0), ("1/2", "1/2")) and not majorizes(("1/2", "1/2"), (1, 0))
    assert weakly_majorizes((1, "1/2"), ("1/2", "1/2"))
    assert not majorizes((1, "1/2"), ("1/2", "1/2"))  # totals differ
    assert not weakly_majorizes(("1/2", "1/2"), (1, 0))
    assert weakly_majorizes((0, 1), (1, 0)) and weakly_majorizes((1, 0), (0, 1))
    with pytest.raises(InputError, match="lengths differ"):
        weakly_majorizes((1,), (1, 0))


def test_cone_weights_readings():
    prior = iid(Distribution({0: "1/4", 1: "1/4", 2: "1/2"}), 3)
    mass = cone_weights(prior, "orbit-mass")
    assert sum(mass.values()) == 1 and set(mass) == set(TypeSpace.grid(range(3), 3).sorted_cone())
    size, fact = cone_weights(prior, "orbit-size"), cone_weights(prior, "factorial")
    assert size == mass  # exchangeable prior: |orbit| p(v) is the orbit's mass
    assert fact[(2, 1, 0)] == mass[(2, 1, 0)] == 6 * F(1, 32)
    assert fact[(2, 2, 0)] == 6 * F(1, 16) != mass[(2, 2, 0)] == 3 * F(1, 16)
    skew = Distribution({(1, 0): "3/4", (0, 1): "1/4"})
    assert cone_weights(skew) == {(1, 0): 1} and cone_weights(skew, "orbit-size") == {(1, 0): F(3, 2)}


def test_symmetry_violation_prices_flag_separates_allocation_and_price_symmetry():
    # allocations symmetric, prices not: a symmetric table in the allocation-only sense
    space = [(F(1), F(0)), (F(0), F(1))]
    mech = DirectMechanism({space[0]: (1, 0), space[1]: (0, 1)}, {space[0]: 1, space[1]: 2})
    assert symmetry_violation(mech, "all", prices=False).ok
    full = symmetry_violation(mech, "all")
    assert not full.ok and full.max_violation == 1
