"""Shared model of the buy-many paper: Examples 1 and 2, Proposition 1's M_1 and the Appendix C
menus M_k with their utilities as polynomials in alpha."""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p002_buy_many.alpha import alpha
from verify.exact import RealAlgebraic
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import Menu

F = Fraction

# Example 1 (l.36-38): coffee and bagel, additive types, uniform prior.
EX1 = Distribution.uniform([(2, 0), (0, 4), (4, 6)])
EX1_MENU = Menu((((1, 0), 2, "coffee"), ((0, 1), 4, "bagel"), ((1, 1), 8, "both")))
COFFEE, BAGEL, BOTH = 1, 2, 3  # entry 0 is the null entry

# Example 2 (l.631-633): buyer j = EX2_TYPES[j-1].
EX2_TYPES = ((3, 4), (4, 3), (5, 7))
EX2_PROBS = (F(1, 6), F(1, 6), F(4, 6))
EX2 = Distribution(dict(zip(EX2_TYPES, EX2_PROBS, strict=True)))

# Proposition 1's M_1 as printed (l.650).
M1_PRINTED = Menu((((F(1, 5), F(1, 5)), F(7, 5), "t1"), ((1, 0), 4, "t2"), ((1, 1), 11, "t3")))

a = sp.Symbol("a", real=True)


def mk_entries(at: sp.Expr) -> tuple[tuple[tuple[sp.Expr, sp.Expr], sp.Expr], ...]:
    """M_k = {t1 = ((a, a), 7a), t2 = ((1, 0), 4), t3 = ((1, 1), 11)} at a = alpha_k (l.654)."""
    return (((at, at), 7 * at), ((sp.Integer(1), sp.Integer(0)), sp.Integer(4)),
            ((sp.Integer(1), sp.Integer(1)), sp.Integer(11)))


def utility(x: tuple[int, int], bag: tuple[int, ...], at: sp.Expr = a) -> sp.Expr:
    """u_x(Λ) for a multiset of M_k entry indices 0, 1, 2 (t1, t2, t3), as a polynomial in a."""
    entries = mk_entries(at)
    lot = [1 - sp.Mul(*[1 - entries[e][0][d] for e in bag]) for d in range(2)]
    return sp.expand(sum(x[d] * lot[d] for d in range(2)) - sum(entries[e][1] for e in bag))


def alpha_value(k: int) -> RealAlgebraic | Fraction:
    return alpha(k)


def r_k(k: int) -> sp.Expr:
    """R_k = 8 + 7 alpha_k / 6 (Claim 25), with alpha_k as a sympy algebraic number."""
    from claims.p002_buy_many.alpha import alpha_sympy
    return 8 + sp.Rational(7, 6) * alpha_sympy(k)


def multisets(k: int, entries: int = 3) -> list[tuple[int, ...]]:
    return [b for size in range(k + 1)
            for b in itertools.combinations_with_replacement(range(entries), size)]
