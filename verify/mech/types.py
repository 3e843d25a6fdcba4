"""Finite type spaces, permutations and orbits (rank-preserving spec §1.3, buy-many spec §1.1).

Conventions
-----------
* A *type* is a tuple of Fractions ``v = (v_0, ..., v_{n-1})``; coordinates are 0-based here,
  1-based in the papers.
* A *permutation* σ of {0..n-1} is the tuple ``(σ(0), ..., σ(n-1))``. It acts on vectors by
  ``(v^σ)_j = v_{σ(j)}`` (:func:`permute`) and composes as ``(α∘β)(j) = α(β(j))``
  (:func:`compose`), so ``(v^α)^β = v^{α∘β}``.
* The *sorted cone* is ``{v_0 >= ... >= v_{n-1}}`` (strict: ``>``); the cone of σ is
  ``D(σ) = {v : v_{σ(0)} > ... > v_{σ(n-1)}}``, so ``v ∈ D(σ) ⇔ v^σ`` is strictly decreasing.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction

from verify.errors import InputError
from verify.mech._exact import Vector, as_fraction, as_vector, show

Perm = tuple[int, ...]


# ---------------------------------------------------------------- permutations

def check_perm(sigma: Iterable[int], n: int | None = None) -> Perm:
    """Validate ``sigma`` as a permutation of {0..n-1} and return it as a tuple."""
    perm = tuple(sigma)
    size = len(perm) if n is None else n
    if len(perm) != size or sorted(perm) != list(range(size)):
        raise InputError(f"permutation: {perm!r} is not a permutation of 0..{size - 1}")
    return perm


def identity(n: int) -> Perm:
    """The identity permutation σ^I of {0..n-1}."""
    return tuple(range(n))


def compose(alpha: Perm, beta: Perm) -> Perm:
    """``α∘β`` with ``(α∘β)(j) = α(β(j))``."""
    if len(alpha) != len(beta):
        raise InputError(f"compose: lengths differ ({len(alpha)} vs {len(beta)})")
    return tuple(alpha[b] for b in beta)


def inverse(sigma: Perm) -> Perm:
    """``σ^{-1}``."""
    inv = [0] * len(sigma)
    for j, s in enumerate(sigma):
        inv[s] = j
    return tuple(inv)


def permute(v: tuple, sigma: Perm) -> tuple:
    """``v^σ`` with ``(v^σ)_j = v_{σ(j)}``; works for types and allocations alike."""
    if len(v) != len(sigma):
        raise InputError(f"permute: vector of length {len(v)} vs permutation of {len(sigma)}")
    return tuple(v[s] for s in sigma)


def all_perms(n: int) -> tuple[Perm, ...]:
    """All n! permutations of {0..n-1}, identity first (lexicographic order)."""
    return tuple(itertools.permutations(range(n)))


def sorting_perms(v: tuple) -> tuple[Perm, ...]:
    """Every σ with ``v^σ`` weakly decreasing; exactly one when v is strict.

    The first one returned is the *stable* sort (equal coordinates keep index order).
    """
    groups: dict[object, list[int]] = {}
    for value in sorted(set(v), reverse=True):
        groups[value] = [i for i, x in enumerate(v) if x == value]
    result = []
    for choice in itertools.product(*(itertools.permutations(g) for g in groups.values())):
        result.append(tuple(itertools.chain.from_iterable(choice)))
    return tuple(result)


def sorting_perm(v: tuple) -> Perm:
    """The stable σ with ``v^σ`` weakly decreasing (ties kept in index order)."""
    return tuple(sorted(range(len(v)), key=lambda i: (-v[i], i)))


def stabiliser(v: tuple) -> tuple[Perm, ...]:
    """``{σ : v^σ = v}``: the permutations acting only within blocks of equal coordinates."""
    return tuple(s for s in all_perms(len(v)) if permute(v, s) == tuple(v))


def stabiliser_size(v: tuple) -> int:
    """``|Stab(v)| = Π_values (multiplicity)!``."""
    return math.prod(math.factorial(m) for m in Counter(v).values())


def orbit(v: tuple) -> tuple[tuple, ...]:
    """``{v^σ : σ}``, sorted lexicographically, without repetitions."""
    return tuple(sorted(set(itertools.permutations(v))))


def orbit_size(v: tuple) -> int:
    """``|orbit(v)| = n! / |Stab(v)|`` (the orbit weight of reading WEIGHT R2)."""
    return math.factorial(len(v)) // stabiliser_size(v)


def is_strict(v: tuple) -> bool:
    """All coordinates distinct."""
    return len(set(v)) == len(v)


def is_sorted(v: tuple, *, strict: bool = False) -> bool:
    """``v_0 >= ... >= v_{n-1}`` (``>`` when ``strict``)."""
    pairs = list(zip(v, v[1:], strict=False))
    return all(a > b for a, b in pairs) if strict else all(a >= b for a, b in pairs)


def in_cone(v: tuple, sigma: Perm, *, strict: bool = True) -> bool:
    """``v ∈ D(σ)``: ``v_{σ(0)} > ... > v_{σ(n-1)}`` (``>=`` when not ``strict``)."""
    return is_sorted(permute(v, sigma), strict=strict)


# ---------------------------------------------------------------- type spaces

@dataclass(frozen=True)
class TypeSpace:
    """A finite, ordered, duplicate-free set of n-dimensional types."""

    types: tuple[Vector, ...]

    def __post_init__(self) -> None:
        coerced = tuple(as_vector(v, f"type #{k}") for k, v in enumerate(self.types))
        if not coerced:
            raise InputError("TypeSpace.types: a type space needs at least one type")
        n = len(coerced[0])
        for k, v in enumerate(coerced):
            if len(v) != n or n == 0:
                raise InputError(f"TypeSpace.types: type #{k} {show(v)} has length {len(v)}, not {n}")
        if len(set(coerced)) != len(coerced):
            dup = next(v for v, c in Counter(coerced).items() if c > 1)
            raise InputError(f"TypeSpace.types: duplicate type {show(dup)}")
        object.__setattr__(self, "types", coerced)

    @classmethod
    def grid(cls, values: Iterable[object], n: int) -> TypeSpace:
        """``V^n`` for a finite value set V, e.g. ``grid(range(lo, hi + 1), n)``."""
        vals = sorted({as_fraction(x, "grid value") for x in values})
        if n < 1 or not vals:
            raise InputError(f"TypeSpace.grid: need n >= 1 and values, got n={n}, {show(tuple(vals))}")
        return cls(tuple(itertools.product(vals, repeat=n)))

    @classmethod
    def product(cls, *spaces: TypeSpace) -> TypeSpace:
        """Cartesian product; the coordinates of the factors are concatenated in order."""
        if not spaces:
            raise InputError("TypeSpace.product: needs at least one factor")
        return cls(tuple(sum(parts, ()) for parts in itertools.product(*(s.types for s in spaces))))

    @property
    def n(self) -> int:
        """Dimension of each type."""
        return len(self.types[0])

    def __iter__(self) -> Iterator[Vector]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def __contains__(self, v: object) -> bool:
        return v in self._index

    @property
    def _index(self) -> frozenset[Vector]:
        return frozenset(self.types)

    def where(self, predicate: Callable[[Vector], bool]) -> TypeSpace:
        """The sub-space of types satisfying ``predicate`` (InputError if none does)."""
        kept = tuple(v for v in self.types if predicate(v))
        if not kept:
            raise InputError("TypeSpace.where: no type satisfies the predicate")
        return TypeSpace(kept)

    def strict(self) -> TypeSpace:
        """Strict types (all coordinates distinct)."""
        return self.where(is_strict)

    def sorted_cone(self, *, strict: bool = False) -> TypeSpace:
        """``{v_0 >= ... >= v_{n-1}}`` (``>`` when ``strict``)."""
        return self.where(lambda v: is_sorted(v, strict=strict))

    def cone(self, sigma: Perm, *, strict: bool = True) -> TypeSpace:
        """``D(σ) = {v : v_{σ(0)} > ... > v_{σ(n-1)}}`` within this space."""
        sigma = check_perm(sigma, self.n)
        return self.where(lambda v: in_cone(v, sigma, strict=strict))

    def is_permutation_closed(self) -> bool:
        """Whether ``v^σ`` is in the space for every type v and permutation σ."""
        index = self._index
        return all(w in index for v in self.types for w in orbit(v))

    def orbits(self) -> tuple[tuple[Vector, ...], ...]:
        """The orbits met by this space, each as in :func:`orbit`, ordered by first appearance."""
        seen: dict[tuple, tuple] = {}
        for v in self.types:
            key = tuple(sorted(v, reverse=True))
            if key not in seen:
                seen[key] = orbit(v)
        return tuple(seen.values())


# ---------------------------------------------------------------- set-function types

@dataclass(frozen=True)
class SetFunctionType:
    """A monotone valuation ``v: 2^[n] -> Q`` (``S ⊆ T ⇒ v(S) <= v(T)``), buy-many §1.1.

    ``values`` maps every subset of {0..n-1} (as a frozenset) to its value. Normalisation
    (``v(∅) = 0``, ``v >= 0``, reading "Monotone valuations" R1) is reported by
    :attr:`is_normalised`, not imposed.
    """

    n: int
    values: Mapping[frozenset[int], Fraction]

    def __post_init__(self) -> None:
        table: dict[frozenset[int], Fraction] = {}
        for s, x in self.values.items():
            key = frozenset(s)
            if not key <= set(range(self.n)):
                raise InputError(f"SetFunctionType.values: subset {sorted(key)} not in 0..{self.n - 1}")
            table[key] = as_fraction(x, f"SetFunctionType.values[{sorted(key)}]")
        missing = [sorted(s) for s in subsets(self.n) if s not in table]
        if missing:
            raise InputError(f"SetFunctionType.values: missing subset {missing[0]}")
        for s in subsets(self.n):
            for j in set(range(self.n)) - s:
                if table[s | {j}] < table[s]:
                    raise InputError(
                        f"SetFunctionType.values: not monotone, v({sorted(s)}) = {table[s]} > "
                        f"v({sorted(s | {j})}) = {table[s | {j}]}"
                    )
        object.__setattr__(self, "values", table)

    @classmethod
    def additive(cls, x: Iterable[object]) -> SetFunctionType:
        """The set function ``S ↦ Σ_{i∈S} x_i`` of an additive type (x must be >= 0)."""
        vec = as_vector(x, "additive type")
        if any(c < 0 for c in vec):
            raise InputError(f"additive type: negative coordinate in {show(vec)}")
        return cls(len(vec), {s: sum((vec[i] for i in s), Fraction(0)) for s in subsets(len(vec))})

    def __call__(self, s: Iterable[int]) -> Fraction:
        return self.values[frozenset(s)]

    def grand(self) -> Fraction:
        """``v([n])``, the value of the grand bundle."""
        return self.values[frozenset(range(self.n))]

    @property
    def is_normalised(self) -> bool:
        """``v(∅) = 0`` (monotonicity then gives ``v >= 0``)."""
        return self.values[frozenset()] == 0

    def __hash__(self) -> int:
        return hash((self.n, frozenset(self.values.items())))


def subsets(n: int) -> tuple[frozenset[int], ...]:
    """All subsets of {0..n-1}, by size then lexicographically."""
    return tuple(
        frozenset(c) for r in range(n + 1) for c in itertools.combinations(range(n), r)
    )

