"""sympy: identities, identities modulo polynomial hypotheses, and univariate polynomial
relations decided by exact real-root isolation."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp

from verify import exact
from verify.backends.base import GaveUp, Outcome, Proof, Refutation
from verify.domains import Rationals, Reals
from verify.statement import Forall

_REL = sp.core.relational.Relational


def _trivially_true(p: Forall) -> bool:
    return bool(p.variables) and all(c == sp.true for c in p.then.values())


def _is_identity_query(p: Forall) -> bool:
    eqs = all(isinstance(c, sp.Eq) for c in p.then.values())
    hyps = all(isinstance(c, sp.Eq) for c in p.given.values())
    return eqs and hyps and bool(p.variables)


def _is_univariate_query(p: Forall) -> bool:
    if len(p.variables) != 1 or p.given:
        return False
    (sym, dom), = p.variables.items()
    if not isinstance(dom, Reals | Rationals):
        return False
    for c in p.then.values():
        for rel in c.atoms(_REL):
            num, den = sp.fraction(sp.together(rel.lhs - rel.rhs))
            if not (num.is_polynomial(sym) and den.is_polynomial(sym)):
                return False
    return True


class Sympy:
    name: ClassVar[str] = "sympy"
    exact: ClassVar[bool] = True
    checks_vacuity: ClassVar[bool] = False

    def version(self) -> str:
        return f"sympy {sp.__version__}"

    def accepts(self, problem: Forall) -> bool:
        if _trivially_true(problem) or _is_identity_query(problem):
            return True
        return problem.is_polynomial() and _is_univariate_query(problem)

    def run(self, problem: Forall, seconds: float) -> Outcome:
        if _trivially_true(problem):
            return Proof("sympy: the conclusion simplifies to True when the statement is built")
        if _is_univariate_query(problem):
            return self._univariate(problem)
        return self._identity(problem)

    def _identity(self, p: Forall) -> Outcome:
        hyps = [sp.together(c.lhs - c.rhs) for c in p.given.values()]
        hyp_polys = [sp.fraction(h)[0] for h in hyps]
        syms = list(p.variables)
        for name, c in p.then.items():
            diff = sp.simplify(c.lhs - c.rhs)
            if diff == 0:
                continue
            if any(_constant_multiple(diff, h) for h in hyps):
                continue
            if hyp_polys and p.is_polynomial():
                num = sp.fraction(sp.together(diff))[0]
                try:
                    _, rem = sp.reduced(sp.expand(num), [sp.expand(h) for h in hyp_polys], *syms)
                except (sp.PolynomialError, sp.GeneratorsNeeded):
                    return GaveUp(f"sympy: cannot reduce {name} modulo the hypotheses")
                if sp.expand(rem) == 0:
                    continue
                return GaveUp(f"sympy: {name} is not in the ideal of the hypotheses")
            if hyps:
                return GaveUp(f"sympy: {name} is not an identity modulo the hypotheses")
            return self._nonzero_point(p, diff, name)
        how = "identity modulo the hypotheses" if hyps else "identity"
        return Proof(f"sympy {how}: simplify(lhs - rhs) = 0")

    def _nonzero_point(self, p: Forall, diff: sp.Expr, name: str) -> Outcome:
        """A nonzero rational function is nonzero at some small rational point of the domain."""
        candidates = [Fraction(n, d) for d in (1, 2, 3, 5, 7) for n in range(-12, 13)]
        syms = list(p.variables)
        for i in range(len(candidates) ** min(len(syms), 2)):
            point = {}
            for j, s in enumerate(syms):
                point[s.name] = candidates[(i * (j + 1) + 3 * j) % len(candidates)]
            dom_ok = all(p.variables[s].contains(point[s.name]) for s in syms)
            if not dom_ok:
                continue
            try:
                if exact.holds(sp.And(*p.given.values()), point) and not exact.holds(
                    p.then[name], point
                ):
                    return Refutation(point)
            except (ZeroDivisionError, exact.Undecided):
                continue
        return GaveUp(f"sympy: {name} is not an identity, and no small rational point refutes it")

    def _univariate(self, p: Forall) -> Outcome:
        (sym, dom), = p.variables.items()
        x = sp.Symbol("x")
        polys = []
        for c in p.then.values():
            for rel in c.atoms(_REL):
                num, den = sp.fraction(sp.together(rel.lhs - rel.rhs))
                for part in (num, den):
                    poly = sp.Poly(part.subs(sym, x), x)
                    if poly.degree() > 0:
                        polys.append(poly)
        roots: list[Any] = []
        for poly in polys:
            for r in sp.Poly(poly, x).real_roots():
                roots.append(exact.RealAlgebraic.from_sympy(r))
        roots = _sorted_unique(roots)
        lo, hi = dom.lo, dom.hi
        inside = [r for r in roots if dom.bounds_hold(r)]
        points: list[Any] = list(inside)
        fences = [lo if lo is not None else None, *inside, hi if hi is not None else None]
        for a, b in zip(fences, fences[1:], strict=False):
            if a is not None and b is not None and exact.sign(
                sp.Symbol("a") - sp.Symbol("b"), {"a": a, "b": b}
            ) >= 0:
                continue  # a root at a closed end: no gap between them
            points.append(_rational_between(a, b))
        for end, is_open in ((lo, dom.lo_open), (hi, dom.hi_open)):
            if end is not None and not is_open:
                points.append(end)
        if isinstance(dom, Rationals):
            points = [q for q in points if isinstance(q, int | Fraction)]
        points = [q for q in points if q is not None and dom.bounds_hold(q)]
        for q in points:
            for c in p.then.values():
                if not exact.holds(c, {sym.name: q}):
                    return Refutation({sym.name: q})
        return Proof(f"sympy real-root isolation: {len(roots)} roots, {len(points)} test points")


def _constant_multiple(diff: sp.Expr, hyp: sp.Expr) -> bool:
    """True when diff = c * hyp for a constant c (so diff = 0 wherever hyp = 0)."""
    if hyp == 0:
        return False
    ratio = sp.simplify(diff / hyp)
    return bool(ratio.is_number) and ratio.is_finite is not False


def _sorted_unique(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for v in sorted(values, key=lambda r: _approx(r)):
        if not out or exact.sign(sp.Symbol("a") - sp.Symbol("b"), {"a": v, "b": out[-1]}) != 0:
            out.append(v)
    return out


def _approx(v: Any) -> Fraction:
    if isinstance(v, int | Fraction):
        return Fraction(v)
    r = v.refined(Fraction(1, 2**60))
    return r if isinstance(r, Fraction) else (r.lo + r.hi) / 2


def _bound(v: Any, upper: bool) -> Fraction:
    if isinstance(v, int | Fraction):
        return Fraction(v)
    return v.hi if upper else v.lo


def _rational_between(a: Any, b: Any) -> Fraction:
    """A rational strictly between a and b (either may be None for +-infinity)."""
    if a is None and b is None:
        return Fraction(0)
    if a is None:
        return _bound(b, upper=False) - 1 if isinstance(b, exact.RealAlgebraic) else Fraction(b) - 1
    if b is None:
        return _bound(a, upper=True) + 1 if isinstance(a, exact.RealAlgebraic) else Fraction(a) + 1
    width = Fraction(1, 2)
    while True:
        ra = a.refined(width) if isinstance(a, exact.RealAlgebraic) else Fraction(a)
        rb = b.refined(width) if isinstance(b, exact.RealAlgebraic) else Fraction(b)
        top = _bound(ra, upper=True) if isinstance(ra, exact.RealAlgebraic) else Fraction(ra)
        bot = _bound(rb, upper=False) if isinstance(rb, exact.RealAlgebraic) else Fraction(rb)
        if top < bot:
            return (top + bot) / 2
        width /= 16



