"""Exact evaluation, independent of every solver.

This module is what the engine trusts: it decides relations between exact reals (int,
Fraction, real algebraic numbers, rational powers of rationals) with no floating point and no
call into z3 or HiGHS. Signs of irrational values are decided by rational interval arithmetic
(isolating intervals refined by bisection with exact polynomial signs); a value whose
enclosure keeps containing 0 is tested for being exactly 0 with sympy's minimal polynomial.

It also owns the JSON form of exact numbers (witness format 2, docs/witness-format.md):
rationals as strings ("87/16", grammar `-?[0-9]+(/[0-9]+)?`), algebraic numbers as
{"root_of": {"coeffs": [lowest degree first]}, "interval": [lo, hi], "index": i} ("smtlib" and
"approx" are for readers and other tools and are never read back), transcendental values as
whitelisted expression trees. Nothing read from JSON is ever evaluated (no sympify, no eval).
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from typing import Any

import sympy as sp
from sympy.polys.polyerrors import BasePolynomialError

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
        object.__setattr__(self, "lo", Fraction(self.lo))  # int bounds would average as floats
        object.__setattr__(self, "hi", Fraction(self.hi))
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
#
# Witness files are input from other people: nothing read from them is ever evaluated. Numbers
# are parsed by the grammar below (no sympify, no eval), algebraic numbers from integer
# coefficient lists, transcendental values from a closed whitelist of operators built with
# explicit unevaluated sympy constructors. docs/witness-format.md is the specification.

MAX_DIGITS = 1_000_000  # digits of one integer in a witness (10^5000 is fine, 10^10^7 is not)
MAX_DEPTH = 64  # nesting of exact values and expression trees
MAX_NODES = 10_000  # nodes of one expression tree
MAX_DEGREE = 256  # degree of an algebraic number's polynomial
MAX_ROOT = 1_000_000  # k of a k-th root in an expression tree

NUMBER = re.compile(r"-?[0-9]+(?:/[0-9]+)?", re.ASCII)  # the exact-number grammar (fullmatch)
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_NUMBERISH = re.compile(r"[0-9\s+\-./eE_]*[0-9][0-9\s+\-./eE_]*", re.ASCII)  # v1: malformed number
_SAFE_DIGITS = 4000  # below CPython's default int<->str limit (4300)
_DIGITS_LOCK = threading.RLock()

# Expression-tree operators: name -> (min args, max args); see _tree_from_json.
TREE_OPS: dict[str, tuple[int, int]] = {
    "add": (2, MAX_NODES), "mul": (2, MAX_NODES), "pow": (2, 2), "neg": (1, 1), "log": (1, 1),
    "exp": (1, 1), "sqrt": (1, 1), "root": (2, 2), "pi": (0, 0), "E": (0, 0),
    "harmonic": (1, 1), "binomial": (2, 2),
}


@contextmanager
def _digits_lifted() -> Iterator[None]:
    """Lift Python's int<->str digit limit for one bounded conversion, then restore it."""
    with _DIGITS_LOCK:
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            yield
        finally:
            sys.set_int_max_str_digits(old)


def int_text(n: int) -> str:
    """Decimal text of an integer of up to MAX_DIGITS digits (beyond Python's 4300 default)."""
    if n.bit_length() < _SAFE_DIGITS * 3:  # < 4000 decimal digits
        return str(n)
    if n.bit_length() > MAX_DIGITS * 3.33 + 4:
        raise EncodingError(f"integer with more than {MAX_DIGITS} digits cannot be stored exactly")
    with _digits_lifted():
        return str(n)


def fraction_text(value: Fraction) -> str:
    """'p/q' (or 'p' for an integer) with int_text's digit limit."""
    if value.denominator == 1:
        return int_text(value.numerator)
    return f"{int_text(value.numerator)}/{int_text(value.denominator)}"


def preview(value: Any) -> str:
    """A one-line, bounded rendering of a value read from a file, for error messages."""
    if isinstance(value, str):
        text = repr(value[:60]) + ("..." if len(value) > 60 else "")
    elif isinstance(value, dict):
        text = f"an object with keys {sorted(map(str, value))[:6]}"
    elif isinstance(value, list):
        text = f"a list of {len(value)}"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = f"the JSON number {value if value.bit_length() < 200 else '(huge)'}"
    else:
        text = f"{type(value).__name__} {repr(value)[:60]}"
    return text


def _short(where: str) -> str:
    return where if len(where) <= 120 else f"{where[:80]}...{where[-30:]}"


def _parse_int(digits: str, where: str) -> int:
    body = digits.lstrip("-")
    if len(body) > MAX_DIGITS:
        raise InputError(f"{where}: integer with {len(body)} digits; at most {MAX_DIGITS} allowed")
    if len(body) <= _SAFE_DIGITS:
        return int(digits)
    with _digits_lifted():
        return int(digits)


def parse_number(text: Any, where: str) -> int | Fraction:
    """An exact number from its text: '-?digits' or '-?digits/digits' (denominator > 0).

    No spaces, no decimals, no exponents; anything else is an InputError naming `where`.
    """
    if not isinstance(text, str) or NUMBER.fullmatch(text) is None:
        hint = ""
        if isinstance(text, str) and ("." in text or "e" in text.lower()):
            hint = " (decimals and exponents are not exact numbers; write 'p/q')"
        raise InputError(f"{where}: expected an exact number like '87/16', got {preview(text)}{hint}")
    num, _, den = text.partition("/")
    n = _parse_int(num, where)
    if not den:
        return n
    d = _parse_int(den, where)
    if d == 0:
        raise InputError(f"{where}: expected an exact number like '87/16', got {preview(text)} "
                         "(denominator 0)")
    value = Fraction(n, d)
    return value.numerator if value.denominator == 1 else value


def parse_integer(text: Any, where: str) -> int:
    if not isinstance(text, str) or _INTEGER.fullmatch(text) is None:
        raise InputError(f"{where}: expected an integer like '-2', got {preview(text)}")
    return _parse_int(text, where)


def _smt_int(n: int) -> str:
    return int_text(n) if n >= 0 else f"(- {int_text(-n)})"


def _smt_rational(value: Fraction) -> str:
    if value.denominator == 1:
        return _smt_int(value.numerator)
    return f"(/ {_smt_int(value.numerator)} {int_text(value.denominator)})"


def algebraic_json(value: RealAlgebraic) -> dict[str, Any]:
    """Format-2 form of a real algebraic number (coefficients lowest degree first), with the
    SMT-LIB 2.7 model term `(root-of-with-interval (coeffs c0 .. cn) lo hi)` of its minimal
    polynomial (the square-free polynomial is replaced by its factor that has the root)."""
    minimal = value.normalized()
    if isinstance(minimal, RealAlgebraic):
        value = minimal
    low_first = list(reversed(value.coeffs))
    smt = (f"(root-of-with-interval (coeffs {' '.join(_smt_int(c) for c in low_first)}) "
           f"{_smt_rational(value.lo)} {_smt_rational(value.hi)})")
    out: dict[str, Any] = {
        "root_of": {"coeffs": [int_text(c) for c in low_first]},
        "interval": [fraction_text(value.lo), fraction_text(value.hi)],
        "index": value.index(),
        "smtlib": smt,
    }
    try:
        out["approx"] = value.approx()
    except (OverflowError, ValueError):
        pass  # beyond float range: the exact fields say it all
    return out


def _tree_json(expr: sp.Basic, depth: int = 0) -> Any:
    """Expression-tree form of a sympy number built from the whitelisted operators."""
    if depth > MAX_DEPTH:
        raise EncodingError("expression too deep for a witness")
    if expr.is_Rational:
        return fraction_text(Fraction(int(expr.p), int(expr.q)))
    if expr is sp.pi:
        return {"op": "pi", "args": []}
    if expr is sp.E:
        return {"op": "E", "args": []}
    if isinstance(expr, sp.CRootOf):
        value = RealAlgebraic.from_sympy(expr)
        return fraction_text(value) if isinstance(value, Fraction) else algebraic_json(value)

    def node(op: str, *args: sp.Basic) -> dict[str, Any]:
        return {"op": op, "args": [_tree_json(a, depth + 1) for a in args]}

    if expr.is_Add:
        return node("add", *expr.args)
    if expr.is_Mul:
        if len(expr.args) == 2 and expr.args[0] == -1:
            return node("neg", expr.args[1])
        return node("mul", *expr.args)
    if isinstance(expr, sp.exp):
        return node("exp", expr.args[0])
    if expr.is_Pow:
        base, e = expr.args
        if e == sp.Rational(1, 2):
            return node("sqrt", base)
        if e.is_Rational and e.p == 1 and 1 < e.q <= MAX_ROOT:
            return {"op": "root", "args": [_tree_json(base, depth + 1), int_text(int(e.q))]}
        return node("pow", base, e)
    if isinstance(expr, sp.log) and len(expr.args) == 1:
        return node("log", expr.args[0])
    if isinstance(expr, sp.harmonic) and len(expr.args) == 1:
        return node("harmonic", expr.args[0])
    if isinstance(expr, sp.binomial):
        return node("binomial", *expr.args)
    raise EncodingError(f"no witness expression form for {type(expr).__name__}")


def to_json(value: Any) -> Any:
    """Exact JSON form of a value; floats are refused (a verdict never rests on them).

    Integers and rationals become strings ('87/16', any size up to MAX_DIGITS digits), real
    algebraic numbers the format-2 object, other real sympy numbers an expression tree
    ({"expr": ...}) or, when no whitelisted form exists, opaque text ({"text": ...}). Plain
    strings stay strings (the store tags non-numeric ones as {"text": ...} when writing).
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        raise EncodingError(f"float {value!r} in exact data; use Fraction or sympy.Rational")
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, Fraction):
        return fraction_text(value)
    if isinstance(value, RealAlgebraic):
        return algebraic_json(value)
    if isinstance(value, sp.Basic):
        if value.is_Rational:
            return fraction_text(Fraction(int(value.p), int(value.q)))
        if isinstance(value, sp.Expr) and value.is_number:
            if value.is_real and value.is_algebraic is not False:
                try:
                    return to_json(RealAlgebraic.from_sympy(value))
                except (EncodingError, NotImplementedError, InputError, BasePolynomialError):
                    pass
            try:
                return {"expr": _tree_json(value)}
            except EncodingError:
                pass
        with _digits_lifted():
            return {"text": str(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    try:  # flint / gmpy integers and rationals
        with _digits_lifted():
            return fraction_text(Fraction(str(value)))
    except (TypeError, ValueError):
        raise EncodingError(f"cannot store {type(value).__name__} {value!r} exactly") from None


def tag_text(data: Any) -> Any:
    """The format-2 file form of to_json output in a numeric position (params, assignment):
    every string there is an exact number, so other strings become {"text": ...}."""
    if isinstance(data, str):
        return data if NUMBER.fullmatch(data) else {"text": data}
    if isinstance(data, list):
        return [tag_text(v) for v in data]
    if isinstance(data, dict) and not ({"root_of", "expr", "text"} & set(data)):
        return {k: tag_text(v) for k, v in data.items()}
    return data


def parse_poly_v1(text: Any, where: str) -> tuple[int, ...]:
    """Coefficients (highest degree first) of a format-1 `root_of` polynomial string.

    A hand-written tokenizer, never sympify: integers, `x`, `+`, `-`, `*`, `**` with a
    non-negative integer exponent, monomials without parentheses ('4*x**3 - 3*x + 1').
    """
    if not isinstance(text, str) or len(text) > 100_000:
        raise InputError(f"{where}: root_of: expected a polynomial in x like '4*x**3 - 3*x + 1', "
                         f"got {preview(text)}")
    tokens = re.findall(r"\s*(\*\*|[0-9]+|x|\*|\+|-|\S)", text, re.ASCII)
    terms: dict[int, int] = {}
    pos = 0

    def bad(why: str) -> InputError:
        return InputError(f"{where}: root_of: not a polynomial in x with integer coefficients "
                          f"({why}): {preview(text)}")

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    if not tokens:
        raise bad("empty")
    sign = 1
    first = True
    while pos < len(tokens):
        tok = peek()
        if tok in ("+", "-"):
            sign = 1 if tok == "+" else -1
            pos += 1
        elif not first:
            raise bad(f"expected + or -, got {tok!r}")
        first = False
        coeff = 1
        degree = 0
        tok = peek()
        if tok is not None and tok.isdigit():
            coeff = _parse_int(tok, f"{where}: root_of")
            pos += 1
            if peek() == "*":
                pos += 1
                if peek() != "x":
                    raise bad("expected x after *")
            elif peek() not in (None, "+", "-"):
                raise bad(f"unexpected {peek()!r}")
        if peek() == "x":
            pos += 1
            degree = 1
            if peek() == "**":
                pos += 1
                tok = peek()
                if tok is None or not tok.isdigit():
                    raise bad("exponent must be a non-negative integer")
                if len(tok) > 4 or int(tok) > MAX_DEGREE:
                    raise bad(f"degree above {MAX_DEGREE}")
                degree = int(tok)
                pos += 1
        elif tok is None or not tok.isdigit():
            raise bad(f"unexpected {tok!r}")
        terms[degree] = terms.get(degree, 0) + sign * coeff
    top = max((d for d, c in terms.items() if c != 0), default=0)
    if top < 1:
        raise bad("degree < 1")
    return tuple(terms.get(d, 0) for d in range(top, -1, -1))


def _algebraic_from_json(data: dict[str, Any], where: str, version: int) -> RealAlgebraic:
    extra = set(data) - {"root_of", "interval", "index", "smtlib", "approx"}
    if extra:
        raise InputError(f"{where}: algebraic number: unknown field {sorted(extra)[0]!r} "
                         "(expected root_of, interval, index, smtlib, approx)")
    raw = data["root_of"]
    if version == 1:
        coeffs = parse_poly_v1(raw, where)
    else:
        if not isinstance(raw, dict) or set(raw) != {"coeffs"} or not isinstance(raw["coeffs"], list):
            raise InputError(f"{where}: root_of: expected {{\"coeffs\": [integer strings, lowest "
                             f"degree first]}}, got {preview(raw)}")
        low_first = raw["coeffs"]
        if not 2 <= len(low_first) <= MAX_DEGREE + 1:
            raise InputError(f"{where}: root_of.coeffs: expected 2 to {MAX_DEGREE + 1} "
                             f"coefficients, got {len(low_first)}")
        ints = [parse_integer(c, f"{where}: root_of.coeffs[{i}]") for i, c in enumerate(low_first)]
        if ints[-1] == 0:
            raise InputError(f"{where}: root_of.coeffs: the last (leading) coefficient is 0")
        coeffs = tuple(reversed(ints))
    interval = data.get("interval")
    if not isinstance(interval, list) or len(interval) != 2:
        raise InputError(f"{where}: interval: expected [lo, hi] exact numbers, got {preview(interval)}")
    lo, hi = (Fraction(parse_number(v, f"{where}: interval[{i}]")) for i, v in enumerate(interval))
    try:
        number = RealAlgebraic(coeffs, lo, hi)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    if "smtlib" in data and version >= 2:
        _cross_check_smtlib(data["smtlib"], number, where)
    if "index" in data:
        index = data["index"]
        if isinstance(index, bool) or not isinstance(index, int):
            raise InputError(f"{where}: index: expected a non-negative JSON integer, got {preview(index)}")
        if index != number.index():
            raise InputError(f"{where}: index {index} does not match the interval (root "
                             f"{number.index()} lies there)")
    return number


_SMT_TOKEN = re.compile(r"\(|\)|[^\s()]+", re.ASCII)
_SMT_DECIMAL = re.compile(r"[0-9]+\.[0-9]+", re.ASCII)
MAX_SMTLIB = 2 * MAX_DIGITS * (MAX_DEGREE + 3)  # characters of one `smtlib` term


def parse_smtlib_root(text: Any, where: str) -> tuple[list[int], Fraction, Fraction]:
    """(coefficients lowest degree first, lo, hi) of an SMT-LIB 2.7 model term
    `(root-of-with-interval (coeffs c0 c1 ... cn) lo hi)`: numerals, decimals, `(- t)` and
    `(/ t t)` only; parsed by a tokenizer, never evaluated."""
    if not isinstance(text, str) or len(text) > MAX_SMTLIB:
        raise InputError(f"{where}: smtlib: expected the text of a root-of-with-interval term")
    tokens = _SMT_TOKEN.findall(text)
    pos = [0]

    def bad(what: str) -> InputError:
        return InputError(f"{where}: smtlib: {what} in {preview(text)}")

    def take(expected: str | None = None) -> str:
        if pos[0] >= len(tokens):
            raise bad("unexpected end")
        tok = tokens[pos[0]]
        pos[0] += 1
        if expected is not None and tok != expected:
            raise bad(f"expected {expected!r}, got {tok[:20]!r}")
        return tok

    def number(depth: int = 0) -> Fraction:
        if depth > 4:
            raise bad("number nested too deeply")
        if pos[0] >= len(tokens):
            raise bad("unexpected end")
        tok = take()
        if tok == "(":
            op = take()
            if op == "-":
                value = -number(depth + 1)
            elif op == "/":
                num, den = number(depth + 1), number(depth + 1)
                if den == 0:
                    raise bad("division by zero")
                value = num / den
            else:
                raise bad(f"unexpected operator {op[:20]!r}")
            take(")")
            return value
        if _INTEGER.fullmatch(tok) and not tok.startswith("-"):
            return Fraction(_parse_int(tok, f"{where}: smtlib"))
        if _SMT_DECIMAL.fullmatch(tok):
            whole, frac = tok.split(".")
            return Fraction(_parse_int(whole + frac, f"{where}: smtlib"), 10 ** len(frac))
        raise bad(f"expected a numeral, got {tok[:20]!r}")

    take("(")
    take("root-of-with-interval")
    take("(")
    take("coeffs")
    coeffs: list[int] = []
    while pos[0] < len(tokens) and tokens[pos[0]] != ")":
        c = number()
        if c.denominator != 1:
            raise bad("a coefficient is not an integer")
        coeffs.append(c.numerator)
        if len(coeffs) > MAX_DEGREE + 1:
            raise bad(f"more than {MAX_DEGREE + 1} coefficients")
    take(")")
    lo, hi = number(), number()
    take(")")
    if pos[0] != len(tokens):
        raise bad("text after the term")
    if len(coeffs) < 2 or coeffs[-1] == 0:
        raise bad("expected at least 2 coefficients, the last (leading) one non-zero")
    return coeffs, lo, hi


def _cross_check_smtlib(text: Any, number: RealAlgebraic, where: str) -> None:
    """The `smtlib` field must denote `number`: its polynomial and `number`'s share a factor
    with a root in both isolating intervals (exact: gcd, Sturm count)."""
    low_first, lo, hi = parse_smtlib_root(text, where)
    try:
        other = RealAlgebraic(tuple(reversed(low_first)), lo, hi)
    except InputError as exc:
        raise InputError(f"{where}: smtlib: {exc}") from None
    a, b = max(number.lo, other.lo), min(number.hi, other.hi)
    g = sp.Poly(sp.gcd(sp.Poly(list(number.coeffs), X), sp.Poly(list(other.coeffs), X)), X)
    same = a < b and g.degree() >= 1 and all(_poly_sign_at(
        tuple(int(c) for c in g.all_coeffs()), e) != 0 for e in (a, b)) and \
        g.count_roots(_sp_rational(a), _sp_rational(b)) == 1
    if not same:
        raise InputError(f"{where}: smtlib {preview(text)} denotes another number than "
                         "root_of and interval")


def _tree_from_json(node: Any, where: str, depth: int, budget: list[int]) -> sp.Expr:
    """A sympy number from an expression tree, by explicit unevaluated constructors only."""
    if depth > MAX_DEPTH:
        raise InputError(f"{_short(where)}: expression nested deeper than {MAX_DEPTH}")
    budget[0] -= 1
    if budget[0] < 0:
        raise InputError(f"{where}: expression has more than {MAX_NODES} nodes")
    if isinstance(node, str):
        value = parse_number(node, where)
        return _sp_rational(value)
    if not isinstance(node, dict):
        raise InputError(f"{where}: expected an exact number or {{\"op\": ..., \"args\": [...]}}, "
                         f"got {preview(node)}")
    if "root_of" in node:
        return _algebraic_from_json(node, where, 2).to_sympy()
    if set(node) == {"expr"}:
        return _tree_from_json(node["expr"], where, depth + 1, budget)
    if not set(node) <= {"op", "args"} or "op" not in node:
        raise InputError(f"{where}: expression node: expected fields op and args, got {preview(node)}")
    op, args = node["op"], node.get("args", [])
    if not isinstance(op, str) or op not in TREE_OPS:
        raise InputError(f"{where}: op: {preview(op)} is not one of {', '.join(TREE_OPS)}")
    lo, hi = TREE_OPS[op]
    if not isinstance(args, list) or not lo <= len(args) <= hi:
        raise InputError(f"{where}: {op}: expected {lo}" + (f" to {hi}" if hi != lo else "")
                         + f" args, got {preview(args)}")
    if op == "root":
        k = parse_integer(args[1], f"{where}.args[1]")
        if not 2 <= k <= MAX_ROOT:
            raise InputError(f"{where}: root: k must be an integer in 2..{MAX_ROOT}, got {k}")
        base = _tree_from_json(args[0], f"{where}.args[0]", depth + 1, budget)
        return sp.Pow(base, sp.Rational(1, k), evaluate=False)
    xs = [_tree_from_json(a, f"{where}.args[{i}]", depth + 1, budget) for i, a in enumerate(args)]
    if op == "add":
        return sp.Add(*xs, evaluate=False)
    if op == "mul":
        return sp.Mul(*xs, evaluate=False)
    if op == "pow":
        return sp.Pow(xs[0], xs[1], evaluate=False)
    if op == "neg":
        return sp.Mul(sp.Integer(-1), xs[0], evaluate=False)
    if op == "log":
        return sp.log(xs[0], evaluate=False)
    if op == "exp":
        return sp.exp(xs[0], evaluate=False)
    if op == "sqrt":
        return sp.Pow(xs[0], sp.Rational(1, 2), evaluate=False)
    if op == "pi":
        return sp.pi
    if op == "E":
        return sp.E
    if op == "harmonic":
        return sp.harmonic(xs[0], evaluate=False)
    return sp.binomial(xs[0], xs[1], evaluate=False)


def from_json(data: Any, where: str, *, version: int = 2, numeric: bool = True,
              _depth: int = 0) -> Any:
    """Inverse of to_json, strictly: nothing is evaluated. `where` names file and field.

    `numeric` positions (params, assignment) hold exact values: every string must be an
    exact number (format 1: a string that is no number at all stays text, for old Choice
    labels; format 2 writes text as {"text": ...}). Elsewhere (notes) strings are text and
    only {"root_of": ...} / {"expr": ...} objects are exact values. Format-1 {"expr": "..."}
    is opaque text, returned as the string.
    """
    if _depth > MAX_DEPTH:
        raise InputError(f"{_short(where)}: nested deeper than {MAX_DEPTH}")
    if isinstance(data, str):
        if not numeric:
            return data
        if NUMBER.fullmatch(data) or version >= 2 or _NUMBERISH.fullmatch(data):
            return parse_number(data, where)
        return data  # format 1: a text label (e.g. a Choice value)
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        if numeric and version >= 2:
            raise InputError(f"{where}: expected an exact number like '87/16' (a JSON string), "
                             f"got {preview(data)}")
        return data
    if isinstance(data, float):
        raise InputError(f"{where}: float {data!r}; exact numbers are written as strings 'p/q'")
    if isinstance(data, list):
        return tuple(from_json(v, f"{where}[{i}]", version=version, numeric=numeric,
                               _depth=_depth + 1) for i, v in enumerate(data))
    if isinstance(data, dict):
        if "root_of" in data:
            return _algebraic_from_json(data, where, version)
        if "expr" in data:
            if len(data) != 1:
                raise InputError(f"{where}: expression: expected only the field expr, got "
                                 f"{preview(data)}")
            if version == 1:
                if not isinstance(data["expr"], str):
                    raise InputError(f"{where}: expr: expected text, got {preview(data['expr'])}")
                return data["expr"]  # opaque text, never evaluated
            return _tree_from_json(data["expr"], f"{where}: expr", 0, [MAX_NODES])
        if "text" in data and len(data) == 1:
            if not isinstance(data["text"], str):
                raise InputError(f"{where}: text: expected a string, got {preview(data['text'])}")
            return data["text"]
        return {k: from_json(v, f"{where}.{k}", version=version, numeric=numeric,
                             _depth=_depth + 1) for k, v in data.items()}
    raise InputError(f"{where}: unexpected {type(data).__name__} {preview(data)}")


def show(value: Any) -> str:
    """Readable exact text of a value (integers of any size up to MAX_DIGITS digits)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, Fraction):
        return fraction_text(value)
    if isinstance(value, RealAlgebraic):
        return str(value)
    if isinstance(value, sp.Basic):
        with _digits_lifted():
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
    elif _closed_number(value):
        # a closed exact expression (sqrt(2), log(3), pi, a witness's expression tree): it is
        # substituted as it stands and evaluated with the rest (certified enclosures)
        rational[sym] = value
    else:
        raise EncodingError(f"value of {sym}: {value!r} is not an exact real")


def _closed_number(value: Any) -> bool:
    """A sympy number without free symbols or floats that is not known to be non-real."""
    return (isinstance(value, sp.Expr) and not value.free_symbols and bool(value.is_number)
            and not value.has(sp.Float) and value.is_real is not False)


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
    e = _substitute(expr, rational)
    if e.is_Rational:
        return (int(e.p) > 0) - (int(e.p) < 0)
    e, algebraic = _name_roots(e, algebraic)
    free = e.free_symbols - set(algebraic)
    if free:
        raise EncodingError(f"no value for {', '.join(sorted(map(str, free)))} in {expr}")
    return _sign_core(e, algebraic, max_bits, expr)


def _substitute(expr: sp.Basic, values: dict[sp.Symbol, sp.Expr]) -> sp.Basic:
    """The point's values put in (sympy folds floor(7/2) = 3, log(1) = 0 exactly). With a
    variable in an exponent the tree is left unevaluated: sympy would evaluate x**x at
    x = 999999/1000000 by computing 999999**999999 first; arb needs no folding."""
    if not any(p.exp.free_symbols for p in expr.atoms(sp.Pow)):
        return expr.xreplace(values)
    with sp.evaluate(False):
        return expr.xreplace(values)


def _sign_core(e: sp.Expr, algebraic: dict[sp.Symbol, Any], max_bits: int,
               shown: Any = None) -> int:
    """sign() once every symbol of `e` is an algebraic value in `algebraic`: the pure-rational
    path (isolating intervals, minimal polynomials) for algebraic expressions, certified arb
    enclosures (_sign_arb) as soon as a transcendental construct appears."""
    shown = e if shown is None else shown
    if e.is_Rational:
        return (int(e.p) > 0) - (int(e.p) < 0)
    if e.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I):
        raise Undefined(f"{shown} has no real value here (it evaluates to {e})")
    if _needs_arb(e):
        return _sign_arb(e, algebraic, max_bits, shown)
    expr = shown
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


# --------------------------------------------------------------------------- certified enclosures
#
# Transcendental constructs (log, exp, real powers such as 2**sqrt(2), E, pi, harmonic,
# binomial, factorial, a few elementary functions) are evaluated with python-flint's arb ball
# arithmetic, imported lazily (the rational path never enters it; sympy itself loads
# python-flint as its ground types, so "flint-free" is about this code path). Exact inputs
# become balls exactly: a rational p/q is the ball arb(p/q) at the working precision, an algebraic
# number the hull of its rational isolating interval refined below 2^-bits. An enclosure is an
# `Iv`, a pair of balls whose hull contains every value (inf-sup intervals with arb's outward
# rounding, so that the wide boxes of the interval back-end stay tight); at a point it is one
# ball. A sign is read off when the enclosure excludes 0, doubling the precision from 64 bits up
# to a budget (ARB_MAX_BITS); a value whose enclosure keeps containing 0 gets an exact zero test
# where one exists (_zero_test: structural folding, the algebraic test, linear forms in
# logarithms of algebraic numbers, polynomials in one transcendental number), else Undecided.

ARB_MAX_BITS = 4096
_EXACT_COMBINATORIAL = 20_000  # harmonic/binomial/factorial arguments folded to exact rationals


class Undefined(Undecided):
    """The expression has no real value at the point (log of a non-positive number, a
    fractional or real power of a negative number): the statement says nothing there."""


class ArbDomain(Exception):
    """An argument's enclosure is not (yet) certainly inside its function's domain.

    `kind` says what is needed: "log" (arg > 0), "root" (base >= 0), "inverse" (arg != 0),
    "power" (base > 0, or base = 0 with a positive exponent), "finite" (more precision)."""

    def __init__(self, node: sp.Basic, arg: sp.Basic, kind: str, outside: bool = False) -> None:
        super().__init__(f"{node}: the enclosure of {arg} is not certainly inside the domain")
        self.node, self.arg, self.kind = node, arg, kind
        self.outside = outside  # every enclosed value is outside the domain


_FLINT: list[Any] = []


def _flint() -> Any:
    if not _FLINT:
        import flint  # lazy: replaying rational witnesses never loads it

        _FLINT.append(flint)
    return _FLINT[0]


class Iv:
    """The enclosure [inf lo, sup hi] of a real quantity by two arb balls (one ball, `thin`,
    at a point). Comparisons are certain: positive() means every enclosed value is > 0."""

    __slots__ = ("hi", "lo")

    def __init__(self, lo: Any, hi: Any = None) -> None:
        self.lo = lo
        self.hi = lo if hi is None else hi

    @property
    def thin(self) -> bool:
        return self.lo is self.hi

    def ball(self) -> Any:
        return self.lo if self.thin else self.lo.union(self.hi)

    def positive(self) -> bool:
        return bool(self.lo > 0)

    def nonnegative(self) -> bool:
        return bool(self.lo >= 0)

    def negative(self) -> bool:
        return bool(self.hi < 0)

    def nonpositive(self) -> bool:
        return bool(self.hi <= 0)

    def is_zero(self) -> bool:
        return bool(self.lo.is_zero() and self.hi.is_zero())

    def finite(self) -> bool:
        return bool(self.lo.is_finite() and self.hi.is_finite())

    def __repr__(self) -> str:
        return f"Iv({self.lo}, {self.hi})" if not self.thin else f"Iv({self.lo})"


def arb_rational(value: int | Fraction) -> Any:
    """The ball of an exact rational at the working precision."""
    flint = _flint()
    value = Fraction(value)
    return flint.arb(flint.fmpq(value.numerator, value.denominator))


def _arb_fraction(exact_arb: Any) -> Fraction:
    man, exp = exact_arb.man_exp()
    man, exp = int(man), int(exp)
    return Fraction(man * (1 << exp)) if exp >= 0 else Fraction(man, 1 << -exp)


def arb_bounds(ball: Any) -> tuple[Fraction, Fraction] | None:
    """Exact rationals lo <= every value of `ball` <= hi (None for a non-finite ball)."""
    if not ball.is_finite():
        return None
    mid, rad = _arb_fraction(ball.mid()), _arb_fraction(ball.rad())
    return mid - rad, mid + rad


def iv_interval(lo: Fraction | int, hi: Fraction | int) -> Iv:
    """The enclosure of every real in [lo, hi] (rationals)."""
    if lo == hi:
        return Iv(arb_rational(lo))
    return Iv(arb_rational(lo), arb_rational(hi))


def _algebraic_iv(value: Any, bits: int) -> Iv:
    r = value.refined(Fraction(1, 1 << (bits + 4)))
    if isinstance(r, Fraction):
        return Iv(arb_rational(r))
    return Iv(arb_rational(r.lo), arb_rational(r.hi))


def _ball_pow_int(b: Any, n: int) -> Any:
    """b**n (n >= 0) for a ball, also when the ball contains 0 (arb's pow gives nan there)."""
    flint = _flint()
    if n == 0:
        return flint.arb(1)
    if b.is_exact() or b > 0 or b < 0:
        return b**n
    top = b.abs_upper() ** n
    return flint.arb(0).union(top) if n % 2 == 0 else (-top).union(top)


def _iv_add(a: Iv, b: Iv) -> Iv:
    if a.thin and b.thin:
        return Iv(a.lo + b.lo)
    return Iv(a.lo + b.lo, a.hi + b.hi)


def _iv_neg(a: Iv) -> Iv:
    return Iv(-a.lo) if a.thin else Iv(-a.hi, -a.lo)


def _iv_mul(a: Iv, b: Iv) -> Iv:
    if a.thin and b.thin:
        return Iv(a.lo * b.lo)
    if a.nonnegative() and b.nonnegative():
        return Iv(a.lo * b.lo, a.hi * b.hi)
    ps = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
    lo, hi = ps[0], ps[0]
    for p in ps[1:]:
        lo, hi = lo.min(p), hi.max(p)
    return Iv(lo, hi)


def _iv_inv(a: Iv, node: sp.Basic, arg: sp.Basic) -> Iv:
    if not (a.positive() or a.negative()):
        raise ArbDomain(node, arg, "inverse", a.is_zero())
    return Iv(1 / a.lo) if a.thin else Iv(1 / a.hi, 1 / a.lo)


def _iv_pow_int(a: Iv, n: int, node: sp.Basic, arg: sp.Basic) -> Iv:
    if n < 0:
        return _iv_inv(_iv_pow_int(a, -n, node, arg), node, arg)
    if a.thin:
        return Iv(_ball_pow_int(a.lo, n))
    if n % 2 == 1 or a.nonnegative():
        return Iv(_ball_pow_int(a.lo, n), _ball_pow_int(a.hi, n))
    if a.nonpositive():
        return Iv(_ball_pow_int(a.hi, n), _ball_pow_int(a.lo, n))
    return Iv(_flint().arb(0), _ball_pow_int(a.lo, n).max(_ball_pow_int(a.hi, n)))


def _ball_root(b: Any, q: int) -> Any:
    """The real q-th root of a ball of non-negative numbers."""
    if b.is_zero():
        return b
    if b > 0:
        return b.root(q)
    return _flint().arb(0).union(b.abs_upper().root(q))


def _iv_mono(a: Iv, f: Callable[[Any], Any], increasing: bool = True) -> Iv:
    if a.thin:
        return Iv(f(a.lo))
    return Iv(f(a.lo), f(a.hi)) if increasing else Iv(f(a.hi), f(a.lo))


def _iv_generic(a: Iv, f: Callable[[Any], Any], node: sp.Basic, arg: sp.Basic) -> Iv:
    """Any function through one ball (arb encloses the image of a whole ball)."""
    r = f(a.ball())
    if not r.is_finite():
        raise ArbDomain(node, arg, "finite")
    return Iv(r)


def _iv_log(a: Iv, node: sp.Basic, arg: sp.Basic) -> Iv:
    if not a.positive():
        raise ArbDomain(node, arg, "log", a.nonpositive())
    return _iv_mono(a, lambda b: b.log())


ArbFn = Callable[[Sequence[Iv]], Iv]

_MONOTONE: dict[Any, str] = {sp.exp: "exp", sp.atan: "atan", sp.sinh: "sinh", sp.tanh: "tanh",
                             sp.asinh: "asinh", sp.erf: "erf", sp.floor: "floor",
                             sp.ceiling: "ceil"}
_GENERIC: dict[Any, str] = {sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.cosh: "cosh",
                            sp.asin: "asin", sp.acos: "acos", sp.gamma: "gamma"}


def _per_precision(make: Callable[[], Iv]) -> ArbFn:
    """A constant computed once per working precision."""
    cache: dict[int, Iv] = {}

    def const(env: Sequence[Iv]) -> Iv:
        prec = _flint().ctx.prec
        if prec not in cache:
            cache[prec] = make()
        return cache[prec]

    return const


def _const_rational(value: Fraction) -> ArbFn:
    return _per_precision(lambda: Iv(arb_rational(value)))


def _small_int(node: sp.Basic) -> int | None:
    return int(node) if node.is_Integer else None


def compile_arb(expr: sp.Basic, symbols: Sequence[sp.Symbol]) -> ArbFn:
    """A function from enclosures of `symbols` (in order) to an enclosure of `expr`.

    Call it under `flint.ctx.workprec(bits)`. It raises ArbDomain when an argument is not
    certainly inside its function's domain; EncodingError (here) for what it cannot evaluate
    (floats, unknown functions)."""
    flint = _flint()
    index = {s: i for i, s in enumerate(symbols)}
    memo: dict[sp.Basic, ArbFn] = {}

    def build(node: sp.Basic) -> ArbFn:
        if node not in memo:
            memo[node] = _build(node)
        return memo[node]

    def _build(node: sp.Basic) -> ArbFn:
        if isinstance(node, sp.Float):
            raise EncodingError(f"floating-point number {node} in an exact statement; write it "
                                "as sp.Rational(p, q)")
        if node.is_Rational:
            return _const_rational(Fraction(int(node.p), int(node.q)))
        if isinstance(node, sp.Symbol):
            if node not in index:
                raise EncodingError(f"no value for symbol {node}")
            i = index[node]
            return lambda env: env[i]
        if node is sp.pi:
            return _per_precision(lambda: Iv(flint.arb.pi()))
        if node is sp.E:
            return _per_precision(lambda: Iv(flint.arb.const_e()))
        if node is sp.EulerGamma:
            return _per_precision(lambda: Iv(flint.arb.const_euler()))
        if node is sp.Catalan:
            return _per_precision(lambda: Iv(flint.arb.const_catalan()))
        if node is sp.GoldenRatio:
            return build((1 + sp.sqrt(5)) / 2)
        if isinstance(node, sp.CRootOf):
            value = RealAlgebraic.from_sympy(node)
            if isinstance(value, Fraction):
                return _const_rational(value)
            return _per_precision(lambda: _algebraic_iv(value, flint.ctx.prec))
        if node.is_Add:
            parts = [build(a) for a in node.args]

            def add(env: Sequence[Iv]) -> Iv:
                out = parts[0](env)
                for p in parts[1:]:
                    out = _iv_add(out, p(env))
                return out

            return add
        if node.is_Mul:
            coeff, rest = node.as_coeff_Mul()
            if coeff == -1:
                inner = build(rest)
                return lambda env: _iv_neg(inner(env))
            parts = [build(a) for a in node.args]

            def mul(env: Sequence[Iv]) -> Iv:
                out = parts[0](env)
                for p in parts[1:]:
                    out = _iv_mul(out, p(env))
                return out

            return mul
        if node.is_Pow:
            return _build_pow(node)
        if isinstance(node, sp.log):
            if len(node.args) != 1:
                return build(sp.log(node.args[0]) / sp.log(node.args[1]))
            arg = node.args[0]
            inner = build(arg)
            return lambda env: _iv_log(inner(env), node, arg)
        for cls, method in _MONOTONE.items():
            if isinstance(node, cls):
                inner = build(node.args[0])
                return lambda env, m=method: _iv_mono(inner(env), lambda b: getattr(b, m)())
        for cls, method in _GENERIC.items():
            if isinstance(node, cls):
                arg = node.args[0]
                inner = build(arg)
                return lambda env, m=method: _iv_generic(inner(env), lambda b: getattr(b, m)(),
                                                         node, arg)
        if isinstance(node, sp.Abs):
            inner = build(node.args[0])
            return lambda env: _iv_abs(inner(env))
        if isinstance(node, sp.Min | sp.Max):
            parts = [build(a) for a in node.args]
            pick = "min" if isinstance(node, sp.Min) else "max"

            def lattice(env: Sequence[Iv]) -> Iv:
                vals = [p(env) for p in parts]
                lo, hi = vals[0].lo, vals[0].hi
                for v in vals[1:]:
                    lo, hi = getattr(lo, pick)(v.lo), getattr(hi, pick)(v.hi)
                return Iv(lo, hi)

            return lattice
        if isinstance(node, sp.harmonic | sp.factorial | sp.binomial):
            return _build_combinatorial(node)
        raise EncodingError(f"exact evaluator: unsupported construct {type(node).__name__}: {node}")

    def _build_pow(node: sp.Basic) -> ArbFn:
        base, e = node.args
        b = build(base)
        if e.is_Integer:
            n = int(e)
            return lambda env: _iv_pow_int(b(env), n, node, base)
        if e.is_Rational:
            p, q = int(e.p), int(e.q)

            def root(env: Sequence[Iv]) -> Iv:
                v = b(env)
                if not v.nonnegative():
                    raise ArbDomain(node, base, "root", v.negative())
                r = Iv(_ball_root(v.lo, q)) if v.thin else Iv(_ball_root(v.lo, q), _ball_root(v.hi, q))
                return _iv_pow_int(r, p, node, base)

            return root
        x = build(e)

        def power(env: Sequence[Iv]) -> Iv:
            v = b(env)
            if not v.positive():
                raise ArbDomain(node, base, "power", v.negative())
            return _iv_mono(_iv_mul(x(env), _iv_log(v, node, base)), lambda t: t.exp())

        return power

    def _build_combinatorial(node: sp.Basic) -> ArbFn:
        args = [_small_int(a) for a in node.args]
        if all(a is not None and a >= 0 for a in args) and max(args) <= _EXACT_COMBINATORIAL:  # type: ignore[type-var]
            value = sp.Rational(node.func(*node.args))  # exact: sympy folds integer arguments
            return _const_rational(Fraction(int(value.p), int(value.q)))
        if isinstance(node, sp.harmonic):
            if len(node.args) != 1:
                raise EncodingError(f"exact evaluator: unsupported construct {node}")
            arg = node.args[0]
            inner = build(arg)

            def harmonic(env: Sequence[Iv]) -> Iv:
                v = inner(env)  # H(x) = digamma(x + 1) + gamma, increasing for x > -1
                if not bool(v.lo > -1):
                    raise ArbDomain(node, arg, "finite")
                g = flint.arb.const_euler()
                return _iv_mono(v, lambda t: (t + 1).digamma() + g)

            return harmonic
        parts = [build(a) for a in node.args]
        arg = node.args[0]

        def gamma_form(env: Sequence[Iv]) -> Iv:
            vals = [p(env).ball() for p in parts]
            if isinstance(node, sp.factorial):
                r = (vals[0] + 1).gamma()
            else:  # binomial(n, k) = Gamma(n+1) / (Gamma(k+1) Gamma(n-k+1)); rgamma is entire
                n, k = vals
                r = (n + 1).gamma() * (k + 1).rgamma() * (n - k + 1).rgamma()
            if not r.is_finite():
                raise ArbDomain(node, arg, "finite")
            return Iv(r)

        return gamma_form

    return build(sp.sympify(expr))


def _iv_abs(a: Iv) -> Iv:
    if a.nonnegative():
        return a
    if a.nonpositive():
        return _iv_neg(a)
    top = a.lo.abs_upper().max(a.hi.abs_upper())
    return Iv(_flint().arb(0), top)


_RATIONAL_PATH = (sp.Add, sp.Mul, sp.Abs, sp.Min, sp.Max)
_MAX_ROOT = 64  # larger roots go to arb


def _needs_arb(e: sp.Basic) -> bool:
    """True when `e` has a construct outside the pure-rational path (rationals, symbols,
    +, *, rational powers, Abs, Min, Max, CRootOf)."""
    if e.is_Rational or isinstance(e, sp.Symbol | sp.CRootOf):
        return False
    if e.is_Pow:  # a q-th root with q > _MAX_ROOT costs 2^(q bits) on the rational path
        return not e.exp.is_Rational or e.exp.q > _MAX_ROOT or _needs_arb(e.base)
    if isinstance(e, _RATIONAL_PATH):
        return any(_needs_arb(a) for a in e.args)
    return True


def _sign_arb(e: sp.Expr, algebraic: dict[sp.Symbol, Any], max_bits: int, shown: Any) -> int:
    """The sign of a closed expression with transcendental constructs, from certified arb
    enclosures at doubling precision; exact zero tests where the enclosure keeps holding 0."""
    flint = _flint()
    syms = list(algebraic)
    fn = compile_arb(e, syms)
    bits, cap = 64, max_bits
    zero_tried = False
    settled: set[sp.Basic] = set()
    while bits <= cap:
        value: Iv | None = None
        with flint.ctx.workprec(bits):
            try:
                value = fn([_algebraic_iv(algebraic[s], bits) for s in syms])
            except ArbDomain as why:
                if why.node not in settled:
                    fixed = _resolve_domain(why, algebraic, max_bits)
                    if fixed is not None:
                        return _sign_core(e.xreplace({why.node: fixed}), algebraic, max_bits, shown)
                    settled.add(why.node)
        if value is not None:
            if value.positive():
                return 1
            if value.negative():
                return -1
            if value.is_zero():
                return 0
        if not zero_tried and bits >= 128:
            zero_tried = True
            zero = _zero_test(e, algebraic)
            if zero is True:
                return 0
            if zero is False:
                cap = max(cap, 4 * max_bits)  # known non-zero: refining will separate it
        bits *= 2
    raise Undecided(f"sign of {shown} not settled within {cap} bits of certified (arb) "
                    "arithmetic, and no exact zero test applies to it")


def _resolve_domain(why: ArbDomain, algebraic: dict[sp.Symbol, Any], max_bits: int) -> sp.Expr | None:
    """Settle a domain question exactly: raise if the point is outside the function's domain,
    return the exact value of the node when it is decided by it (0 ** positive = 0), or None
    when only more precision is needed."""
    s = _sign_core(why.arg, algebraic, max_bits)
    node = why.node
    if why.kind == "log":
        if s <= 0:
            raise Undefined(f"{node}: logarithm of a non-positive number ({why.arg} <= 0)")
        return None
    if why.kind == "inverse":
        if s == 0:
            raise ZeroDivisionError(f"{node}: division by zero ({why.arg} = 0)")
        return None
    if why.kind == "root":
        if s < 0:
            raise Undefined(f"{node}: fractional power of a negative number ({why.arg} < 0)")
        if s == 0:
            if node.exp > 0:
                return sp.Integer(0)
            raise ZeroDivisionError(f"{node}: 0 to a negative power")
        return None
    if why.kind == "power":
        if s < 0:
            raise Undefined(f"{node}: real power of a negative number ({why.arg} < 0)")
        if s == 0:
            t = _sign_core(node.exp, algebraic, max_bits)
            if t > 0:
                return sp.Integer(0)
            if t == 0:
                return sp.Integer(1)
            raise ZeroDivisionError(f"{node}: 0 to a negative power")
        return None
    return None


def _arb_approx(e: sp.Expr, algebraic: dict[sp.Symbol, Any], bits: int = 64) -> str:
    """A decimal approximation of a closed expression, for messages only."""
    flint = _flint()
    try:
        syms = list(algebraic)
        fn = compile_arb(e, syms)
        with flint.ctx.workprec(bits):
            v = fn([_algebraic_iv(algebraic[s], bits) for s in syms])
            return str(v.ball().mid().str(12, radius=False))
    except (ArbDomain, EncodingError, ValueError, ZeroDivisionError):
        return "?"


# ---- exact zero tests for transcendental expressions


def _fold(e: sp.Basic) -> sp.Basic:
    """Rebuild bottom-up with sympy's exact evaluation (log(1) = 0, exp(0) = 1, exp(log 2) = 2,
    trees read from JSON unevaluated); huge combinatorial values stay unevaluated."""
    if not e.args or isinstance(e, sp.CRootOf):
        return e
    args = [_fold(a) for a in e.args]
    if isinstance(e, sp.harmonic | sp.factorial | sp.binomial):
        ints = [_small_int(a) for a in args]
        if any(a is None or abs(a) > _EXACT_COMBINATORIAL for a in ints):
            return e.func(*args, evaluate=False)
    return e.func(*args)


def _algebraic_zero(c: sp.Expr) -> bool | None:
    """Whether a closed algebraic expression is 0 (None: undecided)."""
    if _needs_arb(c):
        return None
    named, alg = _name_roots(c, {})
    try:
        return _sign_core(named, alg, ARB_MAX_BITS) == 0
    except (Undecided, ZeroDivisionError, EncodingError):
        return None


def _generator(atom: sp.Basic) -> tuple[str, Any] | None:
    """A transcendental leaf of a closed expression: ("exp", r) for e^r with r rational,
    ("log", a) for log a with a positive algebraic and not 1, ("gen", atom) for another number
    known to be transcendental (pi; e^a for algebraic a != 0; a^b with algebraic a not 0, 1
    and irrational algebraic b: Lindemann-Weierstrass, Gelfond-Schneider); None for anything
    else (EulerGamma, sin, nested functions, ...)."""
    if atom is sp.E:
        return ("exp", Fraction(1))
    if atom is sp.pi:
        return ("gen", atom)
    if isinstance(atom, sp.exp):
        a = atom.args[0]
        if a.is_Rational:
            return ("exp", Fraction(int(a.p), int(a.q)))
        if not _needs_arb(a) and _algebraic_zero(a) is False:
            return ("gen", atom)
        return None
    if isinstance(atom, sp.log) and len(atom.args) == 1:
        a = atom.args[0]
        if a.is_Rational:
            return ("log", a) if a > 0 else None
        if _needs_arb(a) or _algebraic_zero(a - 1) is not False:
            return None
        try:
            positive = _sign_core(*_name_roots(a, {}), ARB_MAX_BITS) > 0
        except (Undecided, ZeroDivisionError):
            return None
        return ("log", a) if positive else None
    if atom.is_Pow and not atom.exp.is_Rational:
        a, b = atom.args
        if _needs_arb(a) or _needs_arb(b) or _algebraic_zero(a) is not False:
            return None
        if _algebraic_zero(a - 1) is not False:
            return None
        try:
            b_rational = RealAlgebraic.from_sympy(b)
            a_positive = _sign_core(*_name_roots(a, {}), ARB_MAX_BITS) > 0
        except (Undecided, ZeroDivisionError, EncodingError, NotImplementedError):
            return None
        if isinstance(b_rational, Fraction) or not a_positive:
            return None
        return ("gen", atom)
    return None


def _transcendental_leaves(e: sp.Basic) -> list[sp.Basic] | None:
    """The maximal transcendental subexpressions of a closed expression (None if one of them
    is inside another transcendental construct, e.g. log(log 2))."""
    if not _needs_arb(e):
        return []
    if isinstance(e, _RATIONAL_PATH) or (e.is_Pow and e.exp.is_Rational):
        out: list[sp.Basic] = []
        for a in e.args:
            inner = _transcendental_leaves(a)
            if inner is None:
                return None
            out.extend(inner)
        return out
    return [e]


def _zero_test(e: sp.Expr, algebraic: dict[sp.Symbol, Any]) -> bool | None:
    """Exactly whether a closed expression is 0, where a theorem settles it (None otherwise):

    - algebraic after folding: minimal polynomials (the rational path);
    - beta + sum c_i log q_i (beta algebraic, c_i and q_i > 0 rational) is 0 iff beta = 0 and
      prod q_i^c_i = 1 (otherwise it would make a rational number e^(algebraic), against
      Lindemann-Weierstrass);
    - a polynomial with algebraic coefficients in one transcendental number (pi, e^(1/D), log a,
      e^a, a^b; see _generator) is 0 iff every coefficient is 0.
    """
    closed = _fold(e.xreplace({s: v.to_sympy() for s, v in algebraic.items()}))
    if closed.is_Rational:
        return bool(closed == 0)
    if not _needs_arb(closed):
        return _algebraic_zero(closed)
    leaves = _transcendental_leaves(closed)
    if leaves is None:
        return None
    kinds = []
    for leaf in dict.fromkeys(leaves):
        g = _generator(leaf)
        if g is None:
            return None
        kinds.append((leaf, g))
    if all(g[0] == "log" for _, g in kinds):
        linear = _log_linear_zero(closed)
        if linear is not None or len(kinds) > 1:
            return linear
    t = sp.Dummy("t")
    mapping: dict[sp.Basic, sp.Expr] = {}
    if all(g[0] == "exp" for _, g in kinds):
        d = 1
        for _, g in kinds:
            d = d * g[1].denominator // gcd(d, g[1].denominator)
        for leaf, g in kinds:
            mapping[leaf] = t ** int(g[1] * d)
    elif len(kinds) == 1:
        mapping[kinds[0][0]] = t
    else:
        return None  # several transcendental numbers: their algebraic independence is open
    sub = closed.xreplace(mapping)
    if _needs_arb(sub):
        return None
    try:
        num, den = sp.fraction(sp.together(sub))
        coeffs = sp.Poly(num, t).all_coeffs()
        den_coeffs = sp.Poly(den, t).all_coeffs()
    except (sp.PolynomialError, sp.GeneratorsNeeded, BasePolynomialError):
        return None
    zeros = [_algebraic_zero(c) for c in coeffs]
    if any(z is False for z in zeros):
        return False
    if any(z is None for z in zeros):
        return None
    if all(_algebraic_zero(c) is True for c in den_coeffs):
        return None  # 0/0: not a value
    return True


def _log_linear_zero(closed: sp.Expr) -> bool | None:
    try:
        if sp.count_ops(closed) > 2000:
            return None
        terms = sp.Add.make_args(sp.expand(closed))
    except (ValueError, TypeError, RecursionError):
        return None
    beta: list[sp.Expr] = []
    logs: dict[sp.Expr, Fraction] = {}  # positive algebraic argument -> rational coefficient
    for term in terms:
        c, rest = term.as_coeff_Mul()
        if not rest.has(sp.log):
            beta.append(term)
            continue
        if isinstance(rest, sp.log) and len(rest.args) == 1 and c.is_Rational \
                and _generator(rest) is not None:
            a = rest.args[0]
            logs[a] = logs.get(a, Fraction(0)) + Fraction(int(c.p), int(c.q))
        else:
            return None
    b0 = _algebraic_zero(sp.Add(*beta)) if beta else True
    if b0 is None:
        return None
    d = 1
    for c in logs.values():
        d = d * c.denominator // gcd(d, c.denominator)
    powers = {a: int(c * d) for a, c in logs.items() if c != 0}
    if all(a.is_Rational for a in powers):
        budget = 10**6  # bits of the power product
        num, den = 1, 1
        for a, k in powers.items():
            p, q = int(a.p), int(a.q)
            if abs(k) * (p.bit_length() + q.bit_length()) > budget:
                return None
            num, den = (num * p**k, den * q**k) if k > 0 else (num * q**-k, den * p**-k)
        return bool(b0) and num == den
    if any(abs(k) > 64 for k in powers.values()):
        return None
    one = _algebraic_zero(sp.Mul(*[a**k for a, k in powers.items()]) - 1)
    return None if one is None else bool(b0) and one


LONG_NUMBER = 12  # characters of an exact rational beyond which a short decimal is shown too


def short_decimal(value: int | Fraction, digits: int = 5) -> str:
    """A few significant digits of a rational, for readers: '0.55212…' ('…' when cut)."""
    from decimal import Context, Decimal, Inexact

    value = Fraction(value)
    ctx = Context(prec=digits, traps=[])
    with _digits_lifted():
        q = ctx.divide(Decimal(value.numerator), Decimal(value.denominator))
    return f"{q}{'…' if ctx.flags[Inexact] else ''}"


def _exactly_zero(expr: sp.Expr, values: dict[Any, Any]) -> bool:
    """Whether a value whose approximation is near 0 is exactly 0 (False when undecided)."""
    try:
        return sign(expr, values) == 0
    except (Undecided, ZeroDivisionError, ArithmeticError, ValueError, EncodingError):
        return False


def value_text(expr: sp.Expr, values: dict[Any, Any]) -> str:
    """The exact value of `expr` at a point, as text: 'p/q' (with a short decimal when long)
    or a closed form with approx; an exact 0 is '0', never a tiny approximation."""
    expr = sp.sympify(expr)
    rational, algebraic = _to_env(values, expr)
    e = _substitute(expr, rational)
    if e.is_Rational:
        text = str(e)
        if len(text) > LONG_NUMBER:
            text += f" ~ {short_decimal(Fraction(int(e.p), int(e.q)))}"
        return text
    if _needs_arb(e):
        approx = _arb_approx(*_name_roots(e, algebraic))
        try:
            near_zero = approx != "?" and abs(float(approx)) < 1e-9
        except ValueError:
            near_zero = False
        if near_zero and _exactly_zero(expr, values):
            return "0"
        named = ", ".join(f"{s} = {algebraic[s]}" for s in sorted(algebraic, key=str))
        return f"{e} ~ {approx}" + (f" (with {named})" if named else "")
    if not algebraic and e.is_number:
        lo, hi = _enclose(e, {}, 64)
        if lo <= 0 <= hi and _exactly_zero(expr, values):
            return "0"
        return f"{e} ~ {float((lo + hi) / 2):.12g}"
    lo, hi = _enclose(e, algebraic, 64)
    if lo <= 0 <= hi and _exactly_zero(expr, values):
        return "0"
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
