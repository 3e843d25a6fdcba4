"""Exact tools for f_k(x) = 12(1 - (1-x)^k) - 7kx - 1 and its smallest positive root alpha_k.

Signs of f_k at rationals are computed with integers only (python-flint fmpz):
q^k f_k(p/q) = 11 q^k - 12 (q-p)^k - 7kp q^(k-1). Floats are used only to *find* candidate
rationals; every conclusion rests on those exact signs plus two facts that are claims of
their own: f_k is concave on [0, 1] (S42.L-concave) and f_k(0) = -1 (S42.26.1).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache, lru_cache

import sympy as sp

from verify import RealAlgebraic

try:
    from flint import fmpz
except ImportError:  # python-flint absent (replay with it blocked): Python ints are as exact
    fmpz = int

x = sp.Symbol("x", real=True)
k_sym = sp.Symbol("k", integer=True, positive=True)


def f(k: int | sp.Expr, at: sp.Expr) -> sp.Expr:
    """f_k at a point, as a sympy expression (the paper's l.654 definition)."""
    return 12 * (1 - (1 - at) ** k) - 7 * k * at - 1


@lru_cache(maxsize=4096)
def f_sign(k: int, r: Fraction) -> int:
    """Exact sign of f_k(r) for rational r = p/q: q^k f_k(p/q) = (11q - 7kp) q^(k-1) - 12(q-p)^k."""
    p, q = fmpz(r.numerator), fmpz(r.denominator)
    value = (11 * q - 7 * k * p) * q ** (k - 1) - 12 * (q - p) ** k
    return (value > 0) - (value < 0)


def _alpha_float(k: int) -> float:
    """A float guess of alpha_k by bisection on (0, 4/(7k)) (floats only find)."""
    lo, hi = 0.0, 4.0 / (7 * k)
    for _ in range(200):
        mid = (lo + hi) / 2
        value = 12 * (1 - math.exp(k * math.log1p(-mid))) - 7 * k * mid - 1
        if value < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator in the open interval (lo, hi), 0 < lo < hi."""
    # Stern-Brocot descent via continued fractions.
    fl = math.floor(lo)
    if fl + 1 < hi:
        return Fraction(fl + 1)
    if lo == fl:
        return Fraction(fl) + 1 / simplest_between_inv(Fraction(1) / (hi - fl))
    return fl + 1 / simplest_between(1 / (hi - fl), 1 / (lo - fl))


def simplest_between_inv(bound: Fraction) -> Fraction:
    return Fraction(math.floor(bound) + 1)


def separator(k: int) -> Fraction | None:
    """A small-denominator rational c with f_{k+1}(c) > 0 > f_k(c), found by floats, checked
    exactly; None when the float guess does not verify (the caller then falls back)."""
    a_next, a_k = _alpha_float(k + 1), _alpha_float(k)
    if not a_next < a_k:
        return None
    gap = a_k - a_next
    lo = Fraction(a_next + gap / 4)
    hi = Fraction(a_k - gap / 4)
    c = simplest_between(lo, hi)
    if f_sign(k + 1, c) > 0 and f_sign(k, c) < 0:
        return c
    return None


def bracket(k: int, width: Fraction) -> tuple[Fraction, Fraction]:
    """Rationals lo < hi with f_k(lo) < 0 < f_k(hi), hi - lo <= width (exact bisection).

    With f_k(0) = -1 and f_k concave on [0, 1], alpha_k lies in (lo, hi).
    """
    lo, hi = Fraction(0), Fraction(4, 7 * k)
    guess = Fraction(_alpha_float(k))
    for eps in (Fraction(1, 10**12), Fraction(1, 10**6)):
        a, b = guess * (1 - eps), guess * (1 + eps)
        if f_sign(k, a) < 0 < f_sign(k, b):
            lo, hi = a, b
            break
    if not (f_sign(k, lo) <= 0 and f_sign(k, hi) > 0):
        raise ArithmeticError(f"f_{k}(4/(7k)) is not positive: no bracket for alpha_{k}")
    while hi - lo > width:
        mid = simplest_between(lo + (hi - lo) / 4, hi - (hi - lo) / 4)
        s = f_sign(k, mid)
        if s == 0:
            return mid, mid
        if s < 0:
            lo = mid
        else:
            hi = mid
    return lo, hi


def f_coeffs(k: int) -> tuple[int, ...]:
    poly = sp.Poly(f(k, x), x)
    return tuple(int(c) for c in poly.all_coeffs())


@cache
def alpha(k: int) -> RealAlgebraic | Fraction:
    """alpha_k exactly: a rational or the root of f_k in an isolating interval (Sturm-checked)."""
    lo, hi = bracket(k, Fraction(1, 10**6))
    if lo == hi:
        return lo
    if f_sign(k, lo) == 0:
        return lo
    return RealAlgebraic(f_coeffs(k), lo, hi).normalized()


def alpha_sympy(k: int) -> sp.Expr:
    """alpha_k as a sympy number (Rational or CRootOf), for closed relations."""
    a = alpha(k)
    if isinstance(a, Fraction):
        return sp.Rational(a.numerator, a.denominator)
    return a.to_sympy()


def beta(k: int | sp.Expr) -> sp.Expr:
    """beta_k = 1 - (7/12)^(1/k), exactly (a radical)."""
    return 1 - sp.Rational(7, 12) ** (sp.Integer(1) / k)
