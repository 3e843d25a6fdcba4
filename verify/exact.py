"""Exact evaluation, independent of every solver.

This module is what the engine trusts: it decides relations between exact reals (int,
Fraction, real algebraic numbers, rational powers of rationals) with no floating point and no
call into z3 or HiGHS. Signs of irrational values are decided by rational interval arithmetic
(isolating intervals refined by bisection with exact polynomial signs); a value whose
enclosure keeps containing 0 is tested for being exactly 0 with sympy's minimal polynomial.

It also owns the JSON form of exact numbers: rationals as strings ("87/16"), algebraic numbers
as {"root_of": polynomial, "index": i, "interval": [lo, hi]} (index counts real roots from the
smallest, from 0; "approx" is for readers and is never read back).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from verify.errors import EncodingError, InputError

X = sp.Symbol("x")

Exact = int | Fraction  # plus RealAlgebraic, declared below


class Undecided(Exception):
    """The exact evaluator could not settle a sign within its precision budget."""


def _sp_rational(value: int | Fraction) -> sp.Rational:
    value = Fraction(value)
    return sp.Rational(value.numerator, value.denominator)


def _poly_sign_at(coeffs: tuple[int, ...], point: Fraction) -> int:
    """Sign of an integer polynomial (coefficients, highest degree first) at a rational."""
    num, den = point.numerator, point.denominator
    d = len(coeffs) - 1
    # Homogenised: sum c_i num^(d-i) den^i has the sign of p(num/den) since den^d > 0.
    total = sum(c * num ** (d - i) * den**i for i, c in enumerate(coeffs))
    return (total > 0) - (total < 0)


@dataclass(frozen=True)
class RealAlgebraic:
    """The unique root of `coeffs` (integers, highest degree first, square-free) in (lo, hi).

    Constructed from an isolating interval; the constructor checks exactly (Sturm counting)
    that the interval holds exactly one root, so a RealAlgebraic always denotes one number.
    """

    coeffs: tuple[int, ...]
    lo: Fraction
    hi: Fraction

    def __post_init__(self) -> None:
        poly = sp.Poly(list(self.coeffs), X)
        if poly.degree() < 1:
            raise InputError(f"algebraic number: polynomial {poly.as_expr()} has no roots")
        if not self.lo < self.hi:
            raise InputError(f"algebraic number: empty interval [{self.lo}, {self.hi}]")
        sq = sp.Poly(sp.quo(poly, sp.gcd(poly, poly.diff(X))), X)
        object.__setattr__(self, "coeffs", tuple(int(c) for c in sq.all_coeffs()))
        if self.sign_at(self.lo) == 0 or self.sign_at(self.hi) == 0:
            raise InputError("algebraic number: interval endpoint is a root; use the rational")
        count = sq.count_roots(_sp_rational(self.lo), _sp_rational(self.hi))
        if count != 1:
            raise InputError(
                f"algebraic number: ({self.lo}, {self.hi}) holds {count} roots of "
                f"{sq.as_expr()}, expected exactly 1"
            )

    @classmethod
    def from_sympy(cls, value: sp.Expr) -> RealAlgebraic | Fraction:
        """A CRootOf or any real algebraic sympy number, exactly."""
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        if isinstance(value, sp.CRootOf):
            poly = sp.Poly(value.poly.as_expr(), value.poly.gen).replace(value.poly.gen, X)
            box = value._get_interval()  # exact rational isolating interval
            lo, hi = Fraction(str(box.a)), Fraction(str(box.b))
            return cls._from_poly_interval(poly, lo, hi)
        if not value.is_real:
            raise EncodingError(f"not a real algebraic number: {value}")
        poly = sp.Poly(sp.minimal_polynomial(value, X), X)
        boxes = [(Fraction(str(lo)), Fraction(str(hi))) for (lo, hi), _m in poly.intervals()]
        bits = 16
        while bits <= 4096:
            lo, hi = _enclose(value, {}, bits)
            hits = [(a, b) for a, b in boxes if a <= hi and lo <= b]
            if len(hits) == 1:
                a, b = hits[0]
                return a if a == b else cls._from_poly_interval(poly, a, b)
            bits *= 2
        raise EncodingError(f"could not isolate {value}")

    @classmethod
    def _from_poly_interval(cls, poly: sp.Poly, lo: Fraction, hi: Fraction) -> RealAlgebraic:
        coeffs = tuple(int(c) for c in sp.Poly(poly, X, domain="QQ").clear_denoms()[1].all_coeffs())
        while True:
            try:
                return cls(coeffs, lo, hi)
            except InputError:
                # endpoints may be roots of a non-minimal factor; nudge inwards exactly
                lo, hi = lo + (hi - lo) / 1024, hi - (hi - lo) / 1024

    def normalized(self) -> RealAlgebraic | Fraction:
        """The same number with its minimal polynomial, or the rational it equals."""
        poly = sp.Poly(list(self.coeffs), X)
        for factor, _mult in sp.factor_list(poly.as_expr())[1]:
            fp = sp.Poly(factor, X)
            if fp.count_roots(_sp_rational(self.lo), _sp_rational(self.hi)) == 1:
                if fp.degree() == 1:
                    a, b = (int(c) for c in fp.all_coeffs())
                    return Fraction(-b, a)
                return RealAlgebraic(tuple(int(c) for c in fp.all_coeffs()), self.lo, self.hi)
        return self

    def sign_at(self, point: Fraction) -> int:
        return _poly_sign_at(self.coeffs, Fraction(point))

    def refined(self, width: Fraction) -> RealAlgebraic | Fraction:
        """An equal number with an isolating interval no wider than `width` (or the rational)."""
        lo, hi = self.lo, self.hi
        s_lo = self.sign_at(lo)
        while hi - lo > width:
            mid = (lo + hi) / 2
            s = self.sign_at(mid)
            if s == 0:
                return mid
            if s == s_lo:
                lo = mid
            else:
                hi = mid
        return RealAlgebraic.__new_unchecked(self.coeffs, lo, hi)

    @staticmethod
    def __new_unchecked(coeffs: tuple[int, ...], lo: Fraction, hi: Fraction) -> RealAlgebraic:
        obj = object.__new__(RealAlgebraic)
        object.__setattr__(obj, "coeffs", coeffs)
        object.__setattr__(obj, "lo", lo)
        object.__setattr__(obj, "hi", hi)
        return obj

    def poly_expr(self) -> sp.Expr:
        return sp.Poly(list(self.coeffs), X).as_expr()

    def index(self) -> int:
        poly = sp.Poly(list(self.coeffs), X)
        return int(poly.count_roots(-sp.oo, _sp_rational(self.lo)))

    def to_sympy(self) -> sp.Expr:
        return sp.CRootOf(self.poly_expr(), self.index())

    def approx(self, digits: int = 12) -> str:
        r = self.refined(Fraction(1, 10 ** (digits + 2)))
        mid = r if isinstance(r, Fraction) else (r.lo + r.hi) / 2
        return f"{float(mid):.{digits}g}"

    def _cmp(self, other: object) -> int:
        return sign(sp.Symbol("a") - sp.Symbol("b"), {"a": self, "b": other})

    def __lt__(self, other: object) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: object) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._cmp(other) >= 0

    def __str__(self) -> str:
        return f"root of {self.poly_expr()} in ({self.lo}, {self.hi}) ~ {self.approx(8)}"


def is_exact_real(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | Fraction | RealAlgebraic):
        return True
    return isinstance(value, sp.Expr) and bool(value.is_real) and bool(value.is_algebraic)


# --------------------------------------------------------------------------- JSON form


def to_json(value: Any) -> Any:
    """Exact JSON form of a value; floats are refused (a verdict never rests on them)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        raise EncodingError(f"float {value!r} in exact data; use Fraction or sympy.Rational")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, RealAlgebraic):
        return {
            "root_of": str(value.poly_expr()),
            "index": value.index(),
            "interval": [str(value.lo), str(value.hi)],
            "approx": value.approx(),
        }
    if isinstance(value, sp.Basic):
        if value.is_Rational:
            return str(value)
        if isinstance(value, sp.Expr) and value.is_number and value.is_real:
            try:
                return to_json(RealAlgebraic.from_sympy(value))
            except (EncodingError, NotImplementedError, InputError):
                pass
        return {"expr": str(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    try:  # flint / gmpy integers and rationals
        return str(Fraction(str(value)))
    except (TypeError, ValueError):
        raise EncodingError(f"cannot store {type(value).__name__} {value!r} exactly") from None


def from_json(data: Any, where: str) -> Any:
    """Inverse of to_json. `where` names the file and field for error messages."""
    if isinstance(data, str):
        try:
            value = Fraction(data)
        except (ValueError, ZeroDivisionError):
            return data
        if "." in data or "e" in data.lower():
            raise InputError(f"{where}: decimal {data!r}; exact numbers are written 'p/q'")
        return int(value) if value.denominator == 1 else value
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return data
    if isinstance(data, float):
        raise InputError(f"{where}: float {data!r}; exact numbers are written as strings 'p/q'")
    if isinstance(data, list):
        return tuple(from_json(v, f"{where}[{i}]") for i, v in enumerate(data))
    if isinstance(data, dict):
        if "root_of" in data:
            try:
                poly = sp.Poly(sp.sympify(data["root_of"], locals={"x": X}), X)
                lo, hi = (Fraction(v) for v in data["interval"])
                number = RealAlgebraic(tuple(int(c) for c in poly.all_coeffs()), lo, hi)
            except (KeyError, TypeError, ValueError, sp.SympifyError, sp.PolynomialError) as exc:
                raise InputError(
                    f"{where}: malformed algebraic number {data!r} (expected root_of, "
                    f"interval [lo, hi]): {exc}"
                ) from None
            if "index" in data and data["index"] != number.index():
                raise InputError(f"{where}: index {data['index']} does not match the interval")
            return number
        if "expr" in data:
            return data["expr"]
        return {k: from_json(v, f"{where}.{k}") for k, v in data.items()}
    raise InputError(f"{where}: unexpected {type(data).__name__} {data!r}")


def show(value: Any) -> str:
    """Readable exact text of a value."""
    if isinstance(value, RealAlgebraic):
        return str(value)
    return str(value)


# --------------------------------------------------------------------------- signs


def _to_env(
    values: dict[Any, Any], expr: Any = None
) -> tuple[dict[sp.Symbol, sp.Expr], dict[sp.Symbol, Any]]:
    """Split a point into rational and algebraic values, keyed by the expression's symbols.

    Keys may be symbols or names; a name matches every free symbol of `expr` so called,
    whatever its assumptions.
    """
    rational: dict[sp.Symbol, sp.Expr] = {}
    algebraic: dict[sp.Symbol, Any] = {}
    by_name: dict[str, list[sp.Symbol]] = {}
    for s in getattr(expr, "free_symbols", set()):
        by_name.setdefault(s.name, []).append(s)
    for key, value in values.items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        targets = by_name.get(name) or [key if isinstance(key, sp.Symbol) else sp.Symbol(name)]
        for sym in targets:
            _put(sym, value, rational, algebraic)
    return rational, algebraic


def _put(sym: sp.Symbol, value: Any, rational: dict[sp.Symbol, sp.Expr],
         algebraic: dict[sp.Symbol, Any]) -> None:
    if isinstance(value, sp.Basic) and value.is_Rational:
        value = Fraction(int(value.p), int(value.q))
    if isinstance(value, sp.Basic) and isinstance(value, sp.CRootOf):
        value = RealAlgebraic.from_sympy(value)
    if isinstance(value, bool) or isinstance(value, float):
        raise EncodingError(f"value of {sym}: {value!r} is not an exact number")
    if isinstance(value, int | Fraction):
        rational[sym] = _sp_rational(value)
    elif isinstance(value, RealAlgebraic):
        algebraic[sym] = value
    else:
        raise EncodingError(f"value of {sym}: {value!r} is not an exact real")


Box = tuple[Fraction, Fraction]


def _mul(a: Box, b: Box) -> Box:
    prods = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(prods), max(prods)


def _nth_root_bounds(r: Fraction, q: int, bits: int) -> Box:
    """Rational lo <= r^(1/q) <= hi for r >= 0, hi - lo <= 2^-bits (exact integers)."""
    scale = 1 << bits
    num = r.numerator * scale**q
    den = r.denominator
    target = num // den  # floor(r * scale^q)
    root, exact = sp.integer_nthroot(target, q)
    lo = Fraction(int(root), scale)
    if exact and num % den == 0:
        return lo, lo
    return lo, Fraction(int(root) + 1, scale)


def _pow(base: Box, exp: sp.Rational, bits: int) -> Box:
    p, q = int(exp.p), int(exp.q)
    if q == 1:
        if p >= 0:
            if p % 2 == 1 or base[0] >= 0:
                return base[0] ** p, base[1] ** p
            if base[1] <= 0:
                return base[1] ** p, base[0] ** p
            return Fraction(0), max(base[0] ** p, base[1] ** p)
        if base[0] <= 0 <= base[1]:
            raise Undecided("division by an interval containing 0")
        inv = (1 / base[1], 1 / base[0])
        return _pow(inv, sp.Rational(-p), bits)
    if base[0] < 0:
        raise Undecided("rational power of a possibly negative base")
    lo_root = _nth_root_bounds(base[0], q, bits)[0]
    hi_root = _nth_root_bounds(base[1], q, bits)[1]
    return _pow((lo_root, hi_root), sp.Rational(p), bits)


def _enclose(expr: sp.Basic, env: dict[sp.Symbol, Any], bits: int) -> Box:
    if expr.is_Rational:
        v = Fraction(int(expr.p), int(expr.q))
        return v, v
    if expr.is_Symbol:
        if expr not in env:
            raise EncodingError(f"no value for symbol {expr}")
        value = env[expr]
        if isinstance(value, Fraction):
            return value, value
        r = value.refined(Fraction(1, 1 << bits))
        return (r, r) if isinstance(r, Fraction) else (r.lo, r.hi)
    if isinstance(expr, sp.CRootOf):
        return _enclose_alg(expr, bits)
    if expr.is_Add:
        lo = hi = Fraction(0)
        for arg in expr.args:
            a, b = _enclose(arg, env, bits)
            lo, hi = lo + a, hi + b
        return lo, hi
    if expr.is_Mul:
        box: Box = (Fraction(1), Fraction(1))
        for arg in expr.args:
            box = _mul(box, _enclose(arg, env, bits))
        return box
    if expr.is_Pow and expr.exp.is_Rational:
        return _pow(_enclose(expr.base, env, bits), expr.exp, bits)
    if isinstance(expr, sp.Abs):
        a, b = _enclose(expr.args[0], env, bits)
        if a >= 0:
            return a, b
        if b <= 0:
            return -b, -a
        return Fraction(0), max(-a, b)
    if isinstance(expr, sp.Min | sp.Max):
        boxes = [_enclose(arg, env, bits) for arg in expr.args]
        pick = min if isinstance(expr, sp.Min) else max
        return pick(b[0] for b in boxes), pick(b[1] for b in boxes)
    raise EncodingError(f"exact evaluator: unsupported construct {type(expr).__name__}: {expr}")


def _enclose_alg(expr: sp.CRootOf, bits: int) -> Box:
    value = RealAlgebraic.from_sympy(expr)
    if isinstance(value, Fraction):
        return value, value
    r = value.refined(Fraction(1, 1 << bits))
    return (r, r) if isinstance(r, Fraction) else (r.lo, r.hi)


def _name_roots(e: sp.Expr, algebraic: dict[sp.Symbol, Any]) -> tuple[sp.Expr, dict[sp.Symbol, Any]]:
    """Replace CRootOf constants by symbols bound to RealAlgebraic values."""
    roots = list(e.atoms(sp.CRootOf))
    if not roots:
        return e, algebraic
    algebraic = dict(algebraic)
    mapping = {}
    for r in roots:
        value = RealAlgebraic.from_sympy(r)
        if isinstance(value, Fraction):
            mapping[r] = _sp_rational(value)
        else:
            d = sp.Dummy("root")
            mapping[r] = d
            algebraic[d] = value
    return e.xreplace(mapping), algebraic


def _is_zero(expr: sp.Expr, algebraic: dict[sp.Symbol, Any]) -> bool:
    if len(algebraic) == 1:
        (sym, value), = algebraic.items()
        num, _den = sp.fraction(sp.together(expr))
        if num.is_polynomial(sym):
            poly = sp.Poly(num, sym)
            if poly.is_zero:
                return True
            minimal = sp.Poly(list(value.coeffs), sym)
            g = sp.gcd(poly, minimal)
            if g.degree() < 1:
                return False
            return bool(g.count_roots(_sp_rational(value.lo), _sp_rational(value.hi)) == 1)
    substituted = expr.xreplace({s: v.to_sympy() for s, v in algebraic.items()})
    try:
        return sp.minimal_polynomial(substituted, X) == X
    except (NotImplementedError, sp.PolynomialError, ValueError) as exc:
        raise Undecided(f"zero test failed for {expr}: {exc}") from None


def sign(expr: sp.Expr | int | Fraction, values: dict[Any, Any], max_bits: int = 4096) -> int:
    """The exact sign (-1, 0, 1) of `expr` at the point `values`."""
    if isinstance(expr, int | Fraction):
        return (expr > 0) - (expr < 0)
    expr = sp.sympify(expr)
    rational, algebraic = _to_env(values, expr)
    e = expr.xreplace(rational)
    if e.is_Rational:
        return (int(e.p) > 0) - (int(e.p) < 0)
    e, algebraic = _name_roots(e, algebraic)
    free = e.free_symbols - set(algebraic)
    if free:
        raise EncodingError(f"no value for {', '.join(sorted(map(str, free)))} in {expr}")
    bits = 16
    tried_zero = False
    while bits <= max_bits:
        try:
            lo, hi = _enclose(e, algebraic, bits)
        except Undecided:
            lo, hi = Fraction(-1), Fraction(1)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        if lo == hi == 0:
            return 0
        if not tried_zero and bits >= 64:
            tried_zero = True
            if _is_zero(e, algebraic):
                return 0
        bits *= 2
    raise Undecided(f"sign of {expr} not settled within {max_bits} bits")


def value_text(expr: sp.Expr, values: dict[Any, Any]) -> str:
    """The exact value of `expr` at a point, as text: 'p/q' or a closed form with approx."""
    expr = sp.sympify(expr)
    rational, algebraic = _to_env(values, expr)
    e = expr.xreplace(rational)
    if e.is_Rational:
        return str(e)
    if not algebraic and e.is_number:
        lo, hi = _enclose(e, {}, 64)
        return f"{e} ~ {float((lo + hi) / 2):.12g}"
    lo, hi = _enclose(e, algebraic, 64)
    named = ", ".join(f"{s} = {algebraic[s]}" for s in sorted(algebraic, key=str))
    return f"{e} ~ {float((lo + hi) / 2):.12g} (with {named})"


_RELATIONS = {
    sp.Eq: lambda s: s == 0,
    sp.Ne: lambda s: s != 0,
    sp.Lt: lambda s: s < 0,
    sp.Le: lambda s: s <= 0,
    sp.Gt: lambda s: s > 0,
    sp.Ge: lambda s: s >= 0,
}


def holds(formula: Any, values: dict[Any, Any]) -> bool:
    """Exact truth of a relation or Boolean combination of relations at a point."""
    if formula is True or formula == sp.true:
        return True
    if formula is False or formula == sp.false:
        return False
    for rel, test in _RELATIONS.items():
        if isinstance(formula, rel):
            return bool(test(sign(formula.lhs - formula.rhs, values)))
    if isinstance(formula, sp.And):
        return all(holds(a, values) for a in formula.args)
    if isinstance(formula, sp.Or):
        return any(holds(a, values) for a in formula.args)
    if isinstance(formula, sp.Not):
        return not holds(formula.args[0], values)
    if isinstance(formula, sp.Implies):
        return (not holds(formula.args[0], values)) or holds(formula.args[1], values)
    if isinstance(formula, sp.Equivalent):
        return len({holds(a, values) for a in formula.args}) == 1
    raise EncodingError(f"not a relation: {formula!r}")


def explain(formula: Any, values: dict[Any, Any]) -> dict[str, str]:
    """Both sides of the relation that makes `formula` false, evaluated exactly."""
    if isinstance(formula, sp.core.relational.Relational):
        return {
            "relation": str(formula),
            "lhs": value_text(formula.lhs, values),
            "rhs": value_text(formula.rhs, values),
        }
    inner: Any = None
    if isinstance(formula, sp.Implies):
        inner = formula.args[1]  # false implication: premise holds, conclusion fails
    elif isinstance(formula, sp.And):
        inner = next((a for a in formula.args if not holds(a, values)), None)
    elif isinstance(formula, sp.Or) and formula.args:
        inner = formula.args[0]
    if inner is not None and isinstance(inner, sp.logic.boolalg.Boolean):
        detail = explain(inner, values)
        return {**detail, "relation": f"{formula}  [false part: {detail['relation']}]"}
    return {"relation": str(formula), "lhs": str(holds(formula, values)), "rhs": "True"}
