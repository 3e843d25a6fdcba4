"""The Section 3 instance (spec D11) and Proposition 1's case formulas, in exact rationals.

Buyer 1 has value a w.p. alpha' and b otherwise, buyer 2 has c w.p. beta' and d otherwise,
a > b > c > d > 0. A product signal is s = (A, B) = (alpha', beta'); its cell masses on
(a,c), (a,d), (b,c), (b,d) are mu(s) = (AB, A(1-B), (1-A)B, (1-A)(1-B)). Virtual values:
phi_1(b|s) = b - (a-b) A/(1-A) and phi_2(d|s) = d - (c-d) B/(1-B); at A = 1 (B = 1) the low
type has zero mass and its virtual value is -infinity (spec D11 convention, here ``None``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from verify.mech.distributions import Distribution

F = Fraction
ZERO = F(0)
ONE = F(1)


@dataclass(frozen=True)
class Inst:
    """Values a > b > c > d > 0 and the prior (alpha, beta) = (Pr[v1 = a], Pr[v2 = c])."""

    a: Fraction
    b: Fraction
    c: Fraction
    d: Fraction
    alpha: Fraction
    beta: Fraction

    @classmethod
    def of(cls, t: tuple) -> Inst:
        return cls(*(F(x) for x in t))

    @classmethod
    def normalised(cls, a: object, b: object, c: object, d: object) -> Inst:
        """alpha a = b and beta c = d (l.171)."""
        a, b, c, d = F(a), F(b), F(c), F(d)  # type: ignore[arg-type]
        return cls(a, b, c, d, b / a, d / c)

    def tuple(self) -> tuple[Fraction, ...]:
        return (self.a, self.b, self.c, self.d, self.alpha, self.beta)

    @property
    def values(self) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
        return ((self.b, self.a), (self.d, self.c))

    @property
    def alpha1(self) -> Fraction:
        """phi_1(b|s) = c  <=>  alpha' = (b-c)/(a-c)."""
        return (self.b - self.c) / (self.a - self.c)

    @property
    def alpha4(self) -> Fraction:
        """phi_1(b|s) = d  <=>  alpha' = (b-d)/(a-d) (the case-4 bound with beta' = 0)."""
        return (self.b - self.d) / (self.a - self.d)

    def valid(self) -> bool:
        return self.a > self.b > self.c > self.d > 0 and 0 <= self.alpha <= 1 and 0 <= self.beta <= 1

    # ---- signals
    def mu(self, A: Fraction, B: Fraction) -> tuple[Fraction, Fraction, Fraction, Fraction]:
        return (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))

    def cells(self) -> tuple[tuple[Fraction, Fraction], ...]:
        a, b, c, d = self.a, self.b, self.c, self.d
        return ((a, c), (a, d), (b, c), (b, d))

    def posterior(self, A: Fraction, B: Fraction) -> Distribution:
        return Distribution(dict(zip(self.cells(), self.mu(A, B), strict=True)))

    def prior(self) -> Distribution:
        return self.posterior(self.alpha, self.beta)

    def phi1(self, A: Fraction) -> Fraction | None:
        return None if A == 1 else self.b - (self.a - self.b) * A / (1 - A)

    def phi2(self, B: Fraction) -> Fraction | None:
        return None if B == 1 else self.d - (self.c - self.d) * B / (1 - B)

    def t2_point(self, phi: Fraction) -> tuple[Fraction, Fraction]:
        """T2: phi_1(b|s) = phi_2(d|s) = phi, phi in [0, d]."""
        return ((self.b - phi) / (self.a - phi), (self.d - phi) / (self.c - phi))

    def in_t1(self, A: Fraction, B: Fraction) -> bool:
        return A == self.alpha1

    def in_t2(self, A: Fraction, B: Fraction) -> bool:
        p1, p2 = self.phi1(A), self.phi2(B)
        return p1 is not None and p2 is not None and p1 == p2 and p1 >= 0


def cases(s: Inst, A: Fraction, B: Fraction) -> tuple[int, ...]:
    """The Proposition 1 cases whose condition holds at s = (A, B) (None = -infinity)."""
    p1, p2 = s.phi1(A), s.phi2(B)
    out = []
    if p1 is not None and p1 >= s.c:
        out.append(1)
    if p2 is not None and p2 >= 0 and (p1 is None or p2 >= p1):
        out.append(2)
    if (p1 is None or p1 <= 0) and (p2 is None or p2 <= 0):
        out.append(3)
    if p1 is not None and 0 <= p1 <= s.c and (p2 is None or p2 <= p1):
        out.append(4)
    return tuple(out)


def formula(s: Inst, case: int, A: Fraction, B: Fraction) -> Fraction:
    """CS(s) as printed in Proposition 1, case 1..4 (l.183-186)."""
    if case == 1:
        return (s.a - s.b) * A
    if case == 2:
        return (1 - A) * B * (s.c - s.d)
    if case == 3:
        return ZERO
    if case == 4:
        return A * (1 - B) * (s.a - s.b)
    raise ValueError(case)


def cs_prop1(s: Inst, A: Fraction, B: Fraction, tie: str) -> Fraction:
    """fav: the max of the applicable formulas; adv: the min (spec TH-5 Objects, C1)."""
    vals = [formula(s, k, A, B) for k in cases(s, A, B)]
    return max(vals) if tie == "fav" else min(vals)


def grid(n: int) -> Iterator[Fraction]:
    return (F(k, n) for k in range(n + 1))


# ----------------------------------------------------------------------------- symbolic forms

def sym_conds(p1: object, p2: object, c: object) -> dict[int, object]:
    """Proposition 1's four conditions as sympy booleans; p1/p2 = None means -infinity."""
    import sympy as sp

    ge, le = (functools.partial(r, evaluate=False) for r in (sp.Ge, sp.Le))  # engine decides
    out = {}
    out[1] = sp.false if p1 is None else ge(p1, c)
    if p2 is None:
        out[2] = sp.false
    else:
        out[2] = ge(p2, 0) if p1 is None else sp.And(ge(p2, 0), ge(p2, p1))
    out[3] = sp.And(sp.true if p1 is None else le(p1, 0), sp.true if p2 is None else le(p2, 0))
    if p1 is None:
        out[4] = sp.false
    else:
        out[4] = sp.And(ge(p1, 0), le(p1, c), sp.true if p2 is None else le(p2, p1))
    return out


def sym_formulas(a: object, b: object, c: object, d: object, A: object, B: object) -> dict[int, object]:
    """Proposition 1's CS formulas (l.183-186) as sympy expressions."""
    return {1: (a - b) * A, 2: (1 - A) * B * (c - d), 3: 0, 4: A * (1 - B) * (a - b)}  # type: ignore[operator]


def sym_cs_at_least(conds: dict[int, object], forms: dict[int, object], bound: object, tie: str) -> object:
    """'CS_tie(s) >= bound' without case splits: fav = some applicable case reaches the bound,
    adv = every applicable case does (at least one case always applies: p001/PR-1.iii)."""
    import sympy as sp

    if tie == "fav":
        return sp.Or(*[sp.And(conds[k], sp.Ge(forms[k], bound, evaluate=False))
                       for k in (1, 2, 3, 4)])
    return sp.And(sp.Or(*conds.values()),
                  *[sp.Implies(conds[k], sp.Ge(forms[k], bound, evaluate=False))
                    for k in (1, 2, 3, 4)])
