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

    def constraints(self, symbol: sp.Symbol) -> list[sp.Basic]:
        out: list[sp.Basic] = []
        if self.lo is not None:
            out.append(sp.Ge(symbol, self.lo))
        if self.hi is not None:
            out.append(sp.Le(symbol, self.hi))
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
            out.append(sp.Gt(symbol, lo) if self.lo_open else sp.Ge(symbol, lo))
        if self.hi is not None:
            hi = sp.Rational(self.hi.numerator, self.hi.denominator)  # type: ignore[union-attr]
            out.append(sp.Lt(symbol, hi) if self.hi_open else sp.Le(symbol, hi))
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
    """A finite set of exact values (or any hashable objects for predicate claims)."""

    values: tuple[Any, ...]

    kind = "choice"
    is_finite = True

    def __init__(self, *values: Any) -> None:
        if len(values) == 1 and isinstance(values[0], list | tuple | range):
            values = tuple(values[0])
        for v in values:
            if isinstance(v, float):
                raise EncodingError(f"Choice: float value {v!r}; use Fraction or 'p/q'")
        object.__setattr__(self, "values", tuple(values))

    def contains(self, value: object) -> bool:
        return value in self.values

    def iterate(self, limit: int | None = None) -> Iterator[Any]:
        return iter(self.values)

    def truncated(self, limit: int | None) -> bool:
        return False

    def describe(self, name: str) -> str:
        shown = ", ".join(str(v) for v in self.values[:6])
        return f"{name} in {{{shown}{', ...' if len(self.values) > 6 else ''}}}"

    def constraints(self, symbol: sp.Symbol) -> list[sp.Basic]:
        return [sp.Or(*[sp.Eq(symbol, sp.nsimplify(v)) for v in self.values])]


Domain = Ints | Reals | Rationals | Choice


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


__all__ = ["Choice", "Domain", "Ints", "Rationals", "Reals", "product_in_size_order"]
