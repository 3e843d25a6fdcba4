from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from verify.errors import InputError
from verify.mech._exact import as_fraction
from verify.mech.types import (
    SetFunctionType,
    TypeSpace,
    all_perms,
    check_perm,
    compose,
    identity,
    in_cone,
    inverse,
    is_sorted,
    is_strict,
    orbit,
    orbit_size,
    permute,
    sorting_perm,
    sorting_perms,
    stabiliser,
    stabiliser_size,
)


def test_as_fraction_accepts_exact_and_rejects_floats():
    assert as_fraction("2/6", "x") == Fraction(1, 3)
    assert as_fraction(3, "x") == 3
    assert as_fraction(Fraction(5, 7), "x") == Fraction(5, 7)
    assert as_fraction(" -0.25 ", "x") == Fraction(-1, 4)
    with pytest.raises(InputError, match=r"^price: expected an exact rational .*float 0\.5$"):
        as_fraction(0.5, "price")
    with pytest.raises(InputError, match="^mass: cannot parse 'abc'"):
        as_fraction("abc", "mass")
    with pytest.raises(InputError, match="bool"):
        as_fraction(True, "flag")


def test_permutation_action_and_composition_law():
    v = (Fraction(5), Fraction(3), Fraction(1), Fraction(0))
    for a, b in itertools.product(all_perms(4), repeat=2):
        assert permute(permute(v, a), b) == permute(v, compose(a, b))
    for s in all_perms(4):
        assert compose(s, inverse(s)) == identity(4) == compose(inverse(s), s)
    # (v^σ)_j = v_{σ(j)}: the 3-cycle 0->1->2->0 moves coordinate 1 to slot 0
    assert permute(("a", "b", "c"), (1, 2, 0)) == ("b", "c", "a")
    # (α∘β)(j) = α(β(j)), not β(α(j))
    assert compose((1, 0, 2), (0, 2, 1)) == (1, 2, 0)
    assert len(all_perms(4)) == 24 and all_perms(3)[0] == identity(3)


def test_check_perm_rejects_non_permutations():
    with pytest.raises(InputError, match=r"permutation: \(0, 0, 1\) is not a permutation of 0\.\.2"):
        check_perm((0, 0, 1))
    assert check_perm([2, 0, 1]) == (2, 0, 1)


def test_sorting_stabiliser_and_orbits():
    v = (2, 5, 2, 7)
    sigmas = sorting_perms(v)
    assert len(sigmas) == stabiliser_size(v) == 2
    assert all(permute(v, s) == (7, 5, 2, 2) for s in sigmas)
    assert sigmas[0] == sorting_perm(v) == (3, 1, 0, 2)  # stable: index 0 before index 2
    assert set(stabiliser(v)) == {(0, 1, 2, 3), (2, 1, 0, 3)}
    assert orbit_size(v) == len(orbit(v)) == 12
    assert orbit_size((1, 1, 1)) == 1 and orbit_size((1, 2, 3)) == 6
    assert is_strict((1, 2, 3)) and not is_strict((1, 2, 1))
    assert is_sorted((3, 3, 1)) and not is_sorted((3, 3, 1), strict=True)


def test_grid_counts_and_cones_partition_strict_types():
    m, n = 4, 3
    grid = TypeSpace.grid(range(0, m), n)
    assert len(grid) == m**n and grid.n == n
    assert len(grid.strict()) == m * (m - 1) * (m - 2)
    assert len(grid.sorted_cone()) == math.comb(m + n - 1, n)
    assert len(grid.sorted_cone(strict=True)) == math.comb(m, n)
    assert grid.is_permutation_closed()
    cones = [set(grid.cone(s)) for s in all_perms(n)]
    assert sum(len(c) for c in cones) == len(grid.strict())
    assert set().union(*cones) == set(grid.strict())
    for s in all_perms(n):
        assert all(is_sorted(permute(v, s), strict=True) for v in grid.cone(s))
        assert all(in_cone(v, s) for v in grid.cone(s))
    # orbits of the grid partition it
    assert sum(len(o) for o in grid.orbits()) == len(grid)
    assert sum(orbit_size(o[0]) for o in grid.orbits()) == m**n


def test_products_and_value_sets():
    a = TypeSpace.grid(["1/2", 1], 1)
    b = TypeSpace.grid([0, 3], 1)
    ab = TypeSpace.product(a, b)
    assert ab.types == (
        (Fraction(1, 2), 0), (Fraction(1, 2), 3), (1, 0), (1, 3),
    )
    assert not ab.is_permutation_closed()
    assert (Fraction(1), Fraction(3)) in ab and (3, 1) not in ab
    assert TypeSpace.product(TypeSpace.grid([0, 1], 2), b).n == 3


def test_type_space_validation_messages():
    with pytest.raises(InputError, match=r"^type #1\[0\]: expected an exact rational"):
        TypeSpace(((1, 2), (0.5, 1)))
    with pytest.raises(InputError, match=r"type #1 \(1\) has length 1, not 2"):
        TypeSpace(((1, 2), (1,)))
    with pytest.raises(InputError, match=r"duplicate type \(1, 2\)"):
        TypeSpace(((1, 2), ("1", "2")))
    with pytest.raises(InputError, match="no type satisfies"):
        TypeSpace.grid([1], 2).strict()


def test_set_function_types():
    unit = SetFunctionType(2, {(): 0, (0,): 3, (1,): 2, (0, 1): 3})
    assert unit((0, 1)) == 3 and unit.grand() == 3 and unit.is_normalised
    add = SetFunctionType.additive([2, "1/2"])
    assert add(()) == 0 and add((0, 1)) == Fraction(5, 2)
    with pytest.raises(InputError, match=r"not monotone, v\(\[0\]\) = 3 > v\(\[0, 1\]\) = 1"):
        SetFunctionType(2, {(): 0, (0,): 3, (1,): 0, (0, 1): 1})
    with pytest.raises(InputError, match=r"missing subset \[1\]"):
        SetFunctionType(2, {(): 0, (0,): 3, (0, 1): 3})
    assert not SetFunctionType(1, {(): -1, (0,): 0}).is_normalised
