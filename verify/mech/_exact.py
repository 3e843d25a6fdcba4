"""Exact-number coercion shared by every module of verify.mech.

Only exact rationals enter the kernel: ``int``, ``fractions.Fraction`` (any ``numbers.Rational``)
and strings such as ``"3"``, ``"-2/7"`` or ``"0.25"`` (parsed exactly). Floats, bools and
anything else are rejected with a one-line :class:`~verify.errors.InputError` naming the field.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable
from fractions import Fraction

from verify.errors import InputError

Number = int | Fraction | str
Vector = tuple[Fraction, ...]


def as_fraction(value: object, field: str) -> Fraction:
    """Return ``value`` as a Fraction, or raise InputError naming ``field``."""
    if isinstance(value, bool):
        raise InputError(f"{field}: expected an exact rational, got bool {value!r}")
    if isinstance(value, numbers.Rational):
        return Fraction(value.numerator, value.denominator)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InputError(f"{field}: cannot parse {value!r} as an exact rational") from None
    if isinstance(value, float):
        raise InputError(
            f"{field}: expected an exact rational (floats are not exact), got float {value!r}"
        )
    kind = type(value).__name__
    raise InputError(
        f"{field}: expected an exact rational (int, Fraction or 'p/q' string), "
        f"got {kind} {value!r}"
    )


def as_vector(values: Iterable[object], field: str, length: int | None = None) -> Vector:
    """Coerce every coordinate with :func:`as_fraction`; optionally check the length."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise InputError(f"{field}: expected a sequence of rationals, got {values!r}")
    vec = tuple(as_fraction(x, f"{field}[{i}]") for i, x in enumerate(values))
    if length is not None and len(vec) != length:
        raise InputError(f"{field}: expected {length} coordinates, got {len(vec)}")
    return vec


def as_probability(value: object, field: str) -> Fraction:
    """A Fraction in [0, 1], or InputError naming ``field``."""
    x = as_fraction(value, field)
    if not 0 <= x <= 1:
        raise InputError(f"{field}: probability {x} is outside [0, 1]")
    return x


def check_outcome(outcome: object, field: str) -> Hashable:
    """Reject floats anywhere inside an outcome (tuples and frozensets are searched)."""
    if isinstance(outcome, float | complex):
        raise InputError(f"{field}: float {outcome!r} in an outcome; use int, Fraction or 'p/q'")
    if isinstance(outcome, tuple | frozenset):
        for part in outcome:
            check_outcome(part, field)
    if not isinstance(outcome, Hashable):
        raise InputError(f"{field}: outcome {outcome!r} is not hashable")
    return outcome


def dot(x: Vector, y: Vector) -> Fraction:
    """Exact inner product of two equal-length vectors."""
    return sum((a * b for a, b in zip(x, y, strict=True)), Fraction(0))


def show(v: object) -> str:
    """Compact human form of a number, vector or outcome for one-line messages."""
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, tuple):
        return "(" + ", ".join(show(x) for x in v) + ")"
    return repr(v) if isinstance(v, str) else str(v)
