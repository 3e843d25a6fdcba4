"""Parameter and variable domains, stated exactly as the paper states them.

A domain knows whether it is finite, how to enumerate itself in size order (so the first
witness an enumeration finds is the smallest), how to describe itself in a scope string, and
which constraints it puts on a symbol for the symbolic back-ends. `limit` is a budget, never
mathematics: `Ints(1)` enumerated up to 40 yields a CHECKED verdict whose scope says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from verify.errors import EncodingError


def _fraction(value: Any, what: str) -> Fraction:
    if isinstance(value, bool) or isinstance(value, float):
        raise EncodingError(f"{what}: expected an exact number (int, Fraction, 'p/q'), got {value!r}")
    try:
        return Fraction(value)
    except (TypeError, ValueError) as exc:
        raise EncodingError(f"{what}: expected an exact number, got {value!r}") from exc


@dataclass(frozen=True)
class Ints:
    """Integers lo <= n <= hi; either bound may be None (unbounded)."""

    lo: int | None = None
    hi: int | None = None

    kind = "int"

    def __post_init__(self) -> None:
        for bound in (self.lo, self.hi):
            if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int)):
                raise EncodingError(f"Ints: bound {bound!r} is not an integer")
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise EncodingError(f"Ints({self.lo}, {self.hi}): the range is empty")

    @property
    def is_finite(self) -> bool:
        return self.lo is not None and self.hi is not None

    def contains(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | Fraction | sp.Integer):
            return False
        if isinstance(value, Fraction) and value.denominator != 1:
            return False
        v = int(value)
        return (self.lo is None or v >= self.lo) and (self.hi is None or v <= self.hi)

    def iterate(self, limit: int | None = None) -> Iterator[int]:
        """Values in size order (by |n|, then sign), cut at |n| <= limit when unbounded."""
        if self.lo is not None:
            stop = self.hi if self.hi is not None else limit
            yield from range(self.lo, (stop if stop is not None else self.lo + 10**9) + 1)
            return
        if self.hi is not None:
            stop = -limit if limit is not None else self.hi - 10**9
            yield from range(self.hi, stop - 1, -1)
            return
        bound = limit if limit is not None else 10**9
        yield 0
        for n in range(1, bound + 1):
            yield n
            yield -n

    def truncated(self, limit: int | None) -> bool:
        """True when iterate(limit) does not cover the whole domain."""
        return not self.is_finite

    def describe(self, name: str) -> str:
        if self.lo is not None and self.hi is not None:
            return f"{name} in {{{self.lo}..{self.hi}}}"
        if self.lo is not None:
            return f"{name} >= {self.lo}"
        if self.hi is not None:
            return f"{name} <= {self.hi}"
        return f"{name} in Z"

    def describe_cut(self, name: str, limit: int | None) -> str:
        """The finite slice that iterate(limit) covers, e.g. 'k <= 40'."""
        if self.lo is not None:
            return f"{name} <= {limit}"
        if self.hi is not None:
            return f"{name} >= -{limit}"
        return f"|{name}| <= {limit}"

    def assumptions(self) -> dict[str, bool]:
        """The sympy assumptions every value of the domain satisfies."""
        return {"integer": True, **_sign_facts(self.lo, self.hi, False, False)}

    def constraints(self, symbol: sp.Symbol) -> list[sp.Basic]:
        out: list[sp.Basic] = []
        if self.lo is not None:
            out.append(sp.Ge(symbol, self.lo, evaluate=False))
        if self.hi is not None:
            out.append(sp.Le(symbol, self.hi, evaluate=False))
        return out


@dataclass(frozen=True)
class _Interval:
    lo: Fraction | int | str | None = None
    hi: Fraction | int | str | None = None
    lo_open: bool = False
    hi_open: bool = False

    kind = "real"
    is_finite = False

    def __post_init__(self) -> None:
        for field in ("lo", "hi"):
            value = getattr(self, field)
            if value is not None:
                object.__setattr__(self, field, _fraction(value, f"{type(self).__name__}.{field}"))
        lo, hi = self.lo, self.hi
        if lo is not None and hi is not None and (lo > hi or (lo == hi and (self.lo_open or self.hi_open))):
            raise EncodingError(f"{type(self).__name__}({lo}, {hi}): the interval is empty")

    def assumptions(self) -> dict[str, bool]:
        """The sympy assumptions every value of the domain satisfies."""
        kind = {"real": True} if self.symbol_set == "R" else {"rational": True}
        return {**kind, **_sign_facts(self.lo, self.hi, self.lo_open, self.hi_open)}

    def bounds_hold(self, value: Any) -> bool:
        lo, hi = self.lo, self.hi
        if lo is not None and (value < lo or (self.lo_open and value == lo)):
            return False
        return not (hi is not None and (value > hi or (self.hi_open and value == hi)))

    def describe(self, name: str) -> str:
        if self.lo is None and self.hi is None:
            return f"{name} in {self.symbol_set}"
        if self.lo is not None and self.hi is not None:
            left = "(" if self.lo_open else "["
            right = ")" if self.hi_open else "]"
            return f"{name} in {left}{self.lo}, {self.hi}{right}"
        if self.lo is not None:
            return f"{name} {'>' if self.lo_open else '>='} {self.lo}"
        return f"{name} {'<' if self.hi_open else '<='} {self.hi}"

    symbol_set = "R"

    def constraints(self, symbol: sp.Symbol) -> list[sp.Basic]:
        out: list[sp.Basic] = []
        if self.lo is not None:
            lo = sp.Rational(self.lo.numerator, self.lo.denominator)  # type: ignore[union-attr]
            out.append(sp.Gt(symbol, lo, evaluate=False) if self.lo_open
                       else sp.Ge(symbol, lo, evaluate=False))
        if self.hi is not None:
            hi = sp.Rational(self.hi.numerator, self.hi.denominator)  # type: ignore[union-attr]
            out.append(sp.Lt(symbol, hi, evaluate=False) if self.hi_open
                       else sp.Le(symbol, hi, evaluate=False))
        return out

    def truncated(self, limit: int | None) -> bool:
        return True


@dataclass(frozen=True)
class Reals(_Interval):
    """Real numbers in an interval; open ends with lo_open/hi_open. Witnesses may be algebraic."""

    def contains(self, value: object) -> bool:
        from verify.exact import is_exact_real

        return is_exact_real(value) and self.bounds_hold(value)


@dataclass(frozen=True)
class Rationals(_Interval):
    """Rational numbers in an interval. A witness must be rational."""

    symbol_set = "Q"

    def contains(self, value: object) -> bool:
        ok = isinstance(value, int | Fraction) and not isinstance(value, bool)
        return ok and self.bounds_hold(value)


@dataclass(frozen=True)
class Choice:
    """A finite set of exact values (or any hashable objects for predicate claims).

    `Choice(2, 3)` and `Choice(*values)` list the values; `Choice.of(iterable)` takes them from
    a list, range or generator. A single tuple is one value: `Choice((50, 50, 1, 1, 1))` is the
    one type vector (50, 50, 1, 1, 1); a single list or range is the values it holds."""

    values: tuple[Any, ...]

    kind = "choice"
    is_finite = True
    sampled = False

    def __init__(self, *values: Any) -> None:
        if len(values) == 1 and isinstance(values[0], list | range):
            values = tuple(values[0])
        self._set_values(values)

    @classmethod
    def of(cls, values: Any) -> Choice:
        """The values of an iterable: `Choice.of([(50, 50, 1, 1, 1)])` is one tuple value."""
        if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
            raise EncodingError(f"Choice.of: expected a list, range or other iterable of values, "
                                f"got {values!r}")
        out = cls.__new__(cls)
        Choice._set_values(out, tuple(values))
        return out

    def _set_values(self, values: tuple[Any, ...]) -> None:
        for v in values:
            if isinstance(v, float):
                raise EncodingError(f"Choice: float value {v!r}; use Fraction or 'p/q'")
        if not values:
            raise EncodingError("Choice(): no values (an empty domain makes every claim vacuous)")
        object.__setattr__(self, "values", tuple(values))

    def contains(self, value: object) -> bool:
        return value in self.values

    def iterate(self, limit: int | None = None) -> Iterator[Any]:
        return iter(self.values)

    def truncated(self, limit: int | None) -> bool:
        return False

    def describe(self, name: str) -> str:
        shown = ", ".join(value_text(v) for v in self.values[:6])
        return f"{name} in {{{shown}{', ...' if len(self.values) > 6 else ''}}}"

    def constraints(self, symbol: sp.Symbol) -> list[sp.Basic]:
        return [sp.Or(*[sp.Eq(symbol, sp.nsimplify(v), evaluate=False) for v in self.values])]

    def assumptions(self) -> dict[str, bool]:
        """The sympy assumptions every value satisfies (none for non-numeric values)."""
        nums = [v for v in self.values if isinstance(v, int | Fraction) and not isinstance(v, bool)]
        if not nums or len(nums) != len(self.values):
            return {}
        kind = {"integer": True} if all(Fraction(v).denominator == 1 for v in nums) else {
            "rational": True}
        lo, hi = min(nums), max(nums)
        return {**kind, **_sign_facts(Fraction(lo), Fraction(hi), False, False),
                **({"zero": True} if lo == hi == 0 else {})}


class Samples(Choice):
    """A parameter that indexes generated or random instances (seeds, random priors, "a few"
    instances): `Samples(16)` is 0..15. Its points are samples of the paper's domain, not a
    slice of it, so a claim over it is at most SAMPLED ("exact on 16 sampled priors")."""

    sampled = True

    def __init__(self, count: int, what: str = "instances") -> None:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise EncodingError(f"Samples: count {count!r} must be a positive integer")
        self._set_values(tuple(range(count)))
        object.__setattr__(self, "what", what)

    @classmethod
    def of(cls, values: Any, what: str = "instances") -> Samples:
        """Hand-picked or generated instances given by value (tuples, priors, ...), so that a
        witness shows the instance itself: `Samples.of(((3, 2, 1), (5, 3, 1)), "value tuples")`.
        Still samples of the paper's domain, not a slice of it: at most SAMPLED."""
        out = super().of(values)
        object.__setattr__(out, "what", what)
        return out  # type: ignore[return-value]

    def describe(self, name: str) -> str:
        return f"{name}: {len(self.values)} sampled {self.what}"  # type: ignore[attr-defined]


class Vectors(Choice):
    """Every vector of `length` entries from a finite list of `values` (in the given order),
    smallest first (by the sum of the entries' positions); `sorted="desc"`/`"asc"` keeps only
    sorted vectors (types in a cone v_1 >= ... >= v_n). Values are tuples."""

    def __init__(self, length: int, values: Any, sorted: str | None = None) -> None:
        vals = _finite_values(values, "Vectors")
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise EncodingError(f"Vectors: length {length!r} must be a positive integer")
        if sorted not in (None, "asc", "desc"):
            raise EncodingError(f"Vectors: sorted={sorted!r}; expected None, 'asc' or 'desc'")
        points = [tuple(vals[i] for i in idx)
                  for total in range(length * (len(vals) - 1) + 1)
                  for idx in _compositions(total, [len(vals)] * length)]
        if sorted is not None:
            points = [v for v in points if all(
                (v[i] >= v[i + 1]) if sorted == "desc" else (v[i] <= v[i + 1])
                for i in range(length - 1))]
        self._set_values(tuple(points))
        object.__setattr__(self, "text", f"vectors in {{{_show(vals)}}}^{length}"
                           + (f", sorted {sorted}" if sorted else ""))

    def describe(self, name: str) -> str:
        return f"{name} in {self.text} ({len(self.values)} points)"  # type: ignore[attr-defined]


class Subsets(Choice):
    """Every subset of a finite ground set (as sorted tuples), smallest first; `sizes`
    restricts the sizes (e.g. range(1, 4) for value sets of size 1..3)."""

    def __init__(self, ground: Any, sizes: Any = None) -> None:
        from itertools import combinations

        items = _finite_values(ground, "Subsets")
        ks = list(sizes) if sizes is not None else list(range(len(items) + 1))
        self._set_values(tuple(c for k in ks for c in combinations(items, k)))
        object.__setattr__(self, "text", f"subsets of {{{_show(items)}}}"
                           + (f" of size {ks[0]}..{ks[-1]}" if sizes is not None else ""))

    def describe(self, name: str) -> str:
        return f"{name}: {self.text} ({len(self.values)} sets)"  # type: ignore[attr-defined]


class Priors(Choice):
    """Every probability vector on `support` points whose entries are multiples of 1/d for
    some d <= `denominator` (a simplex grid), smallest denominators first; `full=True`
    keeps only full-support priors. Values are tuples of Fractions summing to 1."""

    def __init__(self, support: int, denominator: int, full: bool = False) -> None:
        if isinstance(support, bool) or not isinstance(support, int) or support < 1:
            raise EncodingError(f"Priors: support {support!r} must be a positive integer")
        if isinstance(denominator, bool) or not isinstance(denominator, int) or denominator < 1:
            raise EncodingError(f"Priors: denominator {denominator!r} must be a positive integer")
        seen: set[tuple[Fraction, ...]] = set()
        points: list[tuple[Fraction, ...]] = []
        for d in range(1, denominator + 1):
            for counts in _simplex(support, d):
                p = tuple(Fraction(c, d) for c in counts)
                if p not in seen and (not full or all(counts)):
                    seen.add(p)
                    points.append(p)
        if not points:
            raise EncodingError(f"Priors({support}, {denominator}, full={full}): no priors")
        self._set_values(tuple(points))
        object.__setattr__(self, "text", f"priors on {support} points, denominators <= "
                           f"{denominator}" + (", full support" if full else ""))

    def describe(self, name: str) -> str:
        return f"{name}: {self.text} ({len(self.values)} priors)"  # type: ignore[attr-defined]


class Grid(Choice):
    """`steps` + 1 exact points from lo to hi: uniform (lo + i (hi - lo)/steps) or geometric
    (lo * r^i with a rational ratio r = 2, for 0 < lo < hi: 1, 2, 4, ... capped at hi)."""

    def __init__(self, lo: Any, hi: Any, steps: int, geometric: bool = False) -> None:
        a, b = _fraction(lo, "Grid.lo"), _fraction(hi, "Grid.hi")
        if not a < b or steps < 1:
            raise EncodingError(f"Grid({lo}, {hi}, {steps}): need lo < hi and steps >= 1")
        if geometric:
            if a <= 0:
                raise EncodingError("Grid(geometric=True): lo must be positive")
            pts, v = [], a
            while v < b and len(pts) < steps:
                pts.append(v)
                v *= 2
            pts.append(b)
        else:
            pts = [a + (b - a) * i / steps for i in range(steps + 1)]
        self._set_values(tuple(int(v) if v.denominator == 1 else v for v in pts))
        object.__setattr__(self, "text", f"{'geometric' if geometric else 'uniform'} grid "
                           f"on [{a}, {b}], {len(pts)} points")

    def describe(self, name: str) -> str:
        return f"{name}: {self.text}"  # type: ignore[attr-defined]


def _finite_values(values: Any, what: str) -> list[Any]:
    if isinstance(values, Ints):
        if not values.is_finite:
            raise EncodingError(f"{what}: values {values.describe('v')} must be finite")
        return list(values.iterate())
    if isinstance(values, Choice):
        return list(values.values)
    if isinstance(values, list | tuple | range):
        return list(values)
    raise EncodingError(f"{what}: values must be a finite Ints, a Choice or a list")


def _simplex(parts: int, total: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        yield (total,)
        return
    for first in range(total, -1, -1):
        for rest in _simplex(parts - 1, total - first):
            yield (first, *rest)


def value_text(value: Any) -> str:
    """A domain value as a reader writes it: 3/4, not Fraction(3, 4); tuples as (1, 3/4)."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(value, tuple):
        inner = ", ".join(value_text(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v) for v in value) + "]"
    return str(value)


def _show(values: list[Any]) -> str:
    text = ", ".join(value_text(v) for v in values[:6])
    return text + (", ..." if len(values) > 6 else "")


Domain = Ints | Reals | Rationals | Choice


def _sign_facts(lo: Fraction | int | None, hi: Fraction | int | None, lo_open: bool,
                hi_open: bool) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if lo is not None and (lo > 0 or (lo == 0 and lo_open)):
        out["positive"] = True
    elif lo is not None and lo >= 0:
        out["nonnegative"] = True
    if hi is not None and (hi < 0 or (hi == 0 and hi_open)):
        out["negative"] = True
    elif hi is not None and hi <= 0:
        out["nonpositive"] = True
    return out


def unimplied_assumptions(symbol: sp.Symbol, domain: Domain) -> list[str]:
    """The assumptions `symbol` carries that not every value of `domain` satisfies.

    sympy uses a symbol's assumptions to simplify expressions as they are built
    (`sqrt(x**2) -> x` for positive x), so an assumption the domain does not imply can make a
    false statement look true before any back-end sees it.
    """
    implied = sp.Dummy("d", **domain.assumptions())
    return sorted(
        f"{key}={value}" for key, value in symbol.assumptions0.items()
        if key != "commutative" and getattr(implied, f"is_{key}", None) is not value
    )


def product_in_size_order(
    domains: dict[str, Domain], limits: dict[str, int]
) -> Iterator[dict[str, Any]]:
    """Every point of a product of enumerable domains, smallest total size first.

    Finite factors are listed in full; unbounded integer factors are cut at their limit. The
    order is by the sum of the indices of the factors' size-ordered listings, so the first
    failing point found is the smallest one.
    """
    names = list(domains)
    lists = []
    for name in names:
        dom = domains[name]
        if not isinstance(dom, Ints | Choice):
            raise EncodingError(f"parameter {name!r}: {type(dom).__name__} cannot be enumerated")
        if isinstance(dom, Ints) and not dom.is_finite and name not in limits:
            raise EncodingError(f"parameter {name!r} is unbounded: give limit={{'{name}': N}}")
        lists.append(list(dom.iterate(limits.get(name))))
    if not names:
        yield {}
        return
    for total in range(sum(len(v) - 1 for v in lists) + 1):
        for idx in _compositions(total, [len(v) for v in lists]):
            yield {name: lists[i][j] for i, (name, j) in enumerate(zip(names, idx, strict=True))}


def _compositions(total: int, sizes: list[int]) -> Iterator[tuple[int, ...]]:
    if len(sizes) == 1:
        if total < sizes[0]:
            yield (total,)
        return
    for first in range(min(total, sizes[0] - 1) + 1):
        for rest in _compositions(total - first, sizes[1:]):
            yield (first, *rest)


__all__ = ["Choice", "Domain", "Grid", "Ints", "Priors", "Rationals", "Reals", "Samples", "Subsets",
           "Vectors", "product_in_size_order"]
