from fractions import Fraction

import pytest
import sympy as sp

from verify import exact
from verify.errors import EncodingError, InputError
from verify.exact import RealAlgebraic

x = sp.Symbol("x")
a, b = sp.symbols("a b", real=True)


def cbrt2() -> RealAlgebraic:
    return RealAlgebraic((1, 0, 0, -2), Fraction(1), Fraction(2))


def test_algebraic_number_is_checked_on_construction() -> None:
    with pytest.raises(InputError, match="holds 0 roots"):
        RealAlgebraic((1, 0, -2), Fraction(2), Fraction(3))
    with pytest.raises(InputError, match="holds 2 roots"):
        RealAlgebraic((1, 0, -2), Fraction(-2), Fraction(2))


def test_signs_of_algebraic_expressions() -> None:
    r = cbrt2()
    assert exact.sign(a**3 - 2, {"a": r}) == 0
    assert exact.sign(a - Fraction(5, 4), {"a": r}) == 1
    assert exact.sign(a - Fraction(127, 100), {"a": r}) == -1
    assert exact.sign(a**2 - a * b, {"a": r, "b": r}) == 0
    assert r > Fraction(5, 4) and not r < Fraction(5, 4)


def test_radicals_are_exact() -> None:
    seventh = sp.Rational(7, 12) ** sp.Rational(1, 3)
    assert exact.sign(seventh**3 - sp.Rational(7, 12), {}) == 0
    assert exact.holds(sp.Gt(seventh, sp.Rational(83, 100), evaluate=False), {})
    assert not exact.holds(sp.Gt(seventh, sp.Rational(84, 100), evaluate=False), {})


def test_json_round_trip_is_exact() -> None:
    for value in (3, Fraction(87, 16), cbrt2()):
        back = exact.from_json(exact.to_json(value), "test")
        assert exact.sign(sp.Symbol("u") - sp.Symbol("v"), {"u": value, "v": back}) == 0


def test_floats_are_refused() -> None:
    with pytest.raises(EncodingError):
        exact.to_json(0.5)
    with pytest.raises(InputError, match="float"):
        exact.from_json(0.5, "file.json: params.k")
    with pytest.raises(InputError, match="decimal"):
        exact.from_json("0.5", "file.json: params.k")


def test_normalized_finds_rational_roots() -> None:
    r = RealAlgebraic((2, -3, 1), Fraction(3, 4), Fraction(5, 4))  # (2x - 1)(x - 1), root 1
    assert r.normalized() == 1


def test_from_sympy_radical() -> None:
    r = RealAlgebraic.from_sympy(1 + sp.sqrt(3) / 2)
    assert isinstance(r, RealAlgebraic)
    assert exact.sign((a - 1) ** 2 - sp.Rational(3, 4), {"a": r}) == 0
