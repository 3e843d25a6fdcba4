"""Appendices A, E, F (and the examples of B, C) of the symmetric-fairness paper: Example A.2
(A-4), the equal-revenue facts (B-8, F-1), Example C.9 / F.2 (C-5, F-2) and Lemma E.5's steps
(E-3).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from verify import Forall, Ints, Reals, evidence, note
from verify.mech.distributions import Distribution, product
from verify.mech.fairness import bundle_law, optimum, srev, ssrev_of_items, table
from verify.mech.single_item import optimal_reserve, virtual_values
from verify.paper import Reading

F = Fraction

# ---------------------------------------------------------------- Example A.2

A2 = (
    Reading("L1", "the coordinates of l.332 and footnote 9: item 1 is the point mass at 1, "
            "item 2 is {1, 3}; the types are (1,1) and (1,3)", kind="intended", swap=False),
    Reading("L2", "the prose of l.328-330: D_11 = {1: 1/2, 3: 1/2}, D_12 = delta_1; the types "
            "are (1,1) and (3,1)", kind="literal", swap=True),
)


def _a2(swap: bool) -> Distribution:
    lo, hi = Distribution.point(F(1)), Distribution({F(1): F(1, 2), F(3): F(1, 2)})
    return product(hi, lo) if swap else product(lo, hi)


def _t(a: int, b: int, swap: bool) -> tuple[int, int]:
    return (b, a) if swap else (a, b)


def _readings(l1: str, l2: str) -> tuple[Reading, ...]:
    return tuple(Reading(r.name, r.text, kind=r.kind, expect=e, **r.args)
                 for r, e in zip(A2, (l1, l2), strict=True))


@paper.claim("A-4.a", at=("Example A.2", 332),
             says="The revenue-optimal auction sells separately, item one at price 1 and item "
             "two at price 3.", readings=_readings("PROVED", "REFUTED"),
             note="optimality against the certified Rev LP over all truthful menus.")
def a4a(swap: bool) -> bool:
    d = _a2(swap)
    rev = optimum(d, "rev").revenue
    sep = d.expect(lambda v: (1 if v[0] >= 1 else 0) + (3 if v[1] >= 3 else 0))
    note(Rev=rev, separate_prices_1_3=sep)
    evidence("certified LP optimum")
    return sep == rev


@paper.claim("A-4.b", at=("Example A.2", 332),
             says="The optimum is x_11(1,3) = x_12(1,3) = 1, p_1(1,3) = 3, x_11(1,1) = 1, "
             "x_12(1,1) = 0, p(1,1) = 1: this menu is truthful and earns Rev(D).",
             readings=_readings("REFUTED", "REFUTED"),
             note="under L2 the printed type (1,3) is read as the prose's (3,1).")
def a4b(swap: bool) -> bool:
    d = _a2(swap)
    hi = _t(1, 3, swap)
    mech = table({hi: (1, 1, 3), (1, 1): (1, 0, 1)})
    from verify.mech.mechanisms import ic_violation, ir_violation

    truthful = ic_violation(mech).ok and ir_violation(mech).ok
    rev, got = optimum(d, "rev").revenue, mech.revenue(d)
    note(truthful=truthful, menu_revenue=got, Rev=rev)
    return truthful and got == rev


@paper.claim("A-4.c", at=("Example A.2", 332),
             says="The optimum is interim unfair: every fair truthful menu earns less, "
             "FairRev(D) < Rev(D).", readings=_readings("PROVED", "PROVED"))
def a4c(swap: bool) -> bool:
    d = _a2(swap)
    fair, rev = optimum(d, "fair").revenue, optimum(d, "rev").revenue
    note(FairRev=fair, Rev=rev)
    evidence("certified LP optima")
    return fair < rev


@paper.claim("A-4.d", at=("footnote 9", 338),
             says="'D_11 is a point-mass ... The optimal price for D_12 is 3'.",
             readings=_readings("PROVED", "REFUTED"))
def a4d(swap: bool) -> bool:
    d = _a2(swap)
    first, second = d.marginal(0), d.marginal(1)
    price = optimal_reserve(second).price
    note(D_11=str(dict(first.items())), optimal_price_D_12=price)
    return len(first.support) == 1 and price == 3


# ---------------------------------------------------------------- equal revenue (B-8, F-1)

X, P = sp.symbols("x p", real=True)


@paper.claim("B-8", at=("after Lemma B.8", 432),
             says="For m = 1 and D = ER (Pr[v >= x] = 1/x, x >= 1): BRev(D) = 1 and the "
             "expected minimum of two draws is 2 = 1 + int_1^oo x^{-2} dx.", expect="PROVED",
             note="sympy integrates exactly; BRev: p Pr[v >= p] = 1 for p >= 1 and = p < 1 "
             "below.")
def b8() -> bool:
    e_min = 1 + sp.integrate(X**-2, (X, 1, sp.oo))  # Pr[min > x] = x^-2 for x >= 1
    rev_above = sp.simplify(P * (1 / P))
    return bool(e_min == 2) and bool(rev_above == 1)


@paper.claim("F-1.a", at=("Example F.1", 873, 875),
             says="For ER items, any price p >= 1 earns exactly 1 per item, and a price p in "
             "[0, 1) earns p < 1; so SRev(ER^k) = SSRev(ER^k) = k.", expect="PROVED")
def f1a() -> Forall:
    k = sp.Symbol("k", integer=True)
    return Forall({P: Reals(0), k: Ints(1)},
                  then={"k p Pr[v >= p] <= k": sp.Le(k * P * sp.Min(1, 1 / P), k,
                                                     evaluate=False)})


# ---------------------------------------------------------------- Example C.9 / F.2

def _f2(ell: int) -> list[Distribution]:
    return [Distribution({F(2**j): F(1, 2**j), F(0): 1 - F(1, 2**j)}) for j in range(1, ell + 1)]


@paper.claim("F-2", at=("Example F.2", 877),
             says="With v_j = 2^j w.p. 2^{-j}, else 0 (j = 1..l): SRev = l, SSRev <= 2, "
             "BRev <= 2.", over={"ell": Ints(1)}, limit={"ell": 12}, expect="CHECKED",
             note="exact; BRev through the exact law of the sum (2^l points).")
def f2(ell: int) -> bool:
    laws = _f2(ell)
    s = sum((optimal_reserve(law).revenue for law in laws), F(0))
    ss = ssrev_of_items(laws).revenue
    b = optimal_reserve(bundle_law(laws)).revenue
    note(SRev=s, SSRev=ss, BRev=b)
    return s == ell and ss <= 2 and b <= 2


F2B = (
    Reading("flipped", "the probabilities 2^{-i}, 2^{-j} of the example: p 2^{-j} <= "
            "2^{j+1} 2^{-j} = 2", kind="intended", expect="CHECKED", sign=-1),
    Reading("printed", "as printed: p 2^j <= 2^{j+1} 2^j = 2", kind="literal",
            expect="REFUTED", sign=1),
)


@paper.claim("F-2.b", at=("Example F.2", 877), role="step", of="F-2",
             says="At a common price p in (2^j, 2^{j+1}] the revenue is at most p 2^j <= "
             "2^{j+1} 2^j = 2.", over={"j": Ints(0)}, limit={"j": 30}, readings=F2B)
def f2b(j: int, sign: int) -> dict:
    return {"2^{j+1} 2^{+-j} = 2": sp.Eq(sp.Integer(2) ** (j + 1) * sp.Integer(2) ** (sign * j),
                                         2, evaluate=False)}


@paper.claim("F-2.sum", at=("Example F.2", 877), role="step", of="F-2",
             says="The items above j are bought 'with probability at most sum_i 2^i < 2^j', "
             "read with the example's probabilities: sum_{i=j+1}^{l} 2^{-i} < 2^{-j}.",
             over={"ell": Ints(1)}, limit={"ell": 30}, expect="CHECKED",
             deviation="the printed sum_i 2^i < 2^j is false for every j < l; the sign-flipped "
             "form (spec §1.9) is checked.")
def f2sum(ell: int) -> bool:
    return all(sum((F(1, 2**i) for i in range(j + 1, ell + 1)), F(0)) < F(1, 2**j)
               for j in range(0, ell))


@paper.claim("C-5", at=("Example C.9", 616, 618),
             says="With D_i = 2^i w.p. 2^{-i}, else 0: BRev <= 4, the rule x_j = 1(v_j > 0) is "
             "symmetric, Pr[v in R_j and v_j = 2^j] >= 2^{-j-1}, phi^{D_j}(2^j) = 2^j, and "
             "the rule's SymSingle term E[sum_j 1(v in R_j) phi^{D_j}(v_j) x_j(v)] >= m/2.",
             over={"m": Ints(1)}, limit={"m": 6}, expect="CHECKED",
             note="R_j = {v_j > v_j' for all j' != j} (strict; no ties arise at v_j = 2^j); "
             "phi by Def C.5; every term exact by enumerating the 2^m value vectors.")
def c5(m: int) -> bool:
    laws = _f2(m)
    b = optimal_reserve(bundle_law(laws)).revenue
    phis = [virtual_values(law) for law in laws]
    joint = product(*laws)
    total = F(0)
    ok = b <= 4
    for j in range(m):
        top = F(2 ** (j + 1))
        ok &= phis[j][top] == top
        pr = joint.probability(lambda v, j=j, top=top: v[j] == top and all(
            v[j] > v[i] for i in range(m) if i != j))
        ok &= pr >= F(1, 2 ** (j + 2))
    for v, pv in joint.items():
        for j in range(m):
            if v[j] > 0 and all(v[j] > v[i] for i in range(m) if i != j):
                total += pv * phis[j][v[j]]
    rule = table({v: (*[F(1) if x > 0 else F(0) for x in v], F(0))
                  for v in itertools.product(*[law.support for law in laws])})
    from verify.mech.symmetry import stabiliser_violation

    note(BRev=b, SymSingle_term=total)
    return bool(ok) and total >= F(m, 2) and stabiliser_violation(rule).ok


# ---------------------------------------------------------------- Lemma E.5

def _lg(x: sp.Expr, base: int | None) -> sp.Expr:
    return sp.log(x) if base is None else sp.log(x) / sp.log(base)


def _g_at(m: int, base: int | None) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """P = 5 m log m, the peak m/ln(b) of g(p) = m + m log p - p, and g(P)."""
    bound = 5 * m * _lg(sp.Integer(m), base)
    peak = sp.Integer(m) if base is None else sp.Integer(m) / sp.log(base)
    return bound, peak, m + m * _lg(bound, base) - bound


E5 = (
    Reading("ln", "natural logarithm", kind="intended", expect="REFUTED", base=None),
    Reading("log2", "log base 2", kind="alternative", expect="REFUTED", base=2),
    Reading("log10", "log base 10", kind="alternative", expect="REFUTED", base=10),
)


@paper.claim("E-3.d", at=("Lemma E.5 proof", 861), role="step", of="T-7",
             says="p <= m + m log p implies p <= 5 m log m (for every m >= 1 and p >= 1).",
             over={"m": Ints(1)}, readings=E5, limit={"m": 60},
             note="g(p) = m + m log p - p is concave with maximum at p = m/ln(b); the step "
             "holds iff P = 5 m log m is at least that peak and g(P) <= 0. At m = 1, P = 0 "
             "while p = 1 satisfies the premise.")
def e3d(m: int, base: int | None) -> dict:
    if m == 1:
        return {"p = 1 satisfies p <= 1 + log p, and 1 <= 5 log 1 = 0":
                sp.Le(sp.Integer(1), 5 * sp.log(sp.Integer(1)), evaluate=False)}
    bound, peak, g = _g_at(m, base)
    return {"5 m log m >= peak": sp.Ge(bound, peak, evaluate=False),
            "g(5 m log m) <= 0": sp.Le(g, 0, evaluate=False)}


E5M2 = (
    Reading("ln", "natural logarithm, m >= 2", kind="intended", expect="CHECKED", base=None),
    Reading("log2", "log base 2, m >= 2", kind="alternative", expect="CHECKED", base=2),
    Reading("log10", "log base 10, m >= 2", kind="alternative", expect="CHECKED", base=10),
)


@paper.claim("E-3.d.m2", at=("Lemma E.5 proof", 861), role="variant", of="T-7",
             says="For m >= 2: p <= m + m log p implies p <= 5 m log m.",
             over={"m": Ints(2)}, readings=E5M2, limit={"m": 60},
             deviation="m = 1 excluded (see E-3.d).")
def e3d_m2(m: int, base: int | None) -> dict:
    return e3d(m, base)


@paper.claim("E-3.c", at=("Lemma E.5 proof", 859), role="step", of="T-7",
             says="int_0^1 1 dx + int_1^p x^{-1} dx = 1 + log p for p >= 1 (natural log).",
             expect="PROVED")
def e3c() -> bool:
    p = sp.Symbol("p", positive=True)
    val = sp.integrate(1, (X, 0, 1)) + sp.integrate(1 / X, (X, 1, p))
    return bool(sp.simplify(val - (1 + sp.log(p))) == 0)


@paper.claim("E-3.a", at=("Lemma E.5 proof", 859), role="step", of="T-7",
             says="For a symmetric D (equal marginals), SSRev(D) = SRev(D).",
             over={"m": Ints(1)}, limit={"m": 4}, expect="CHECKED",
             note="per m, every i.i.d. law whose item has support in {0,1,2,3} of size <= 2 with "
             "masses of denominator <= 3 (equal marginals; SSRev, SRev depend on marginals only).")
def e3a(m: int) -> bool:
    from claims.p000_symmetric_fairness.model import item_laws

    for law in item_laws(range(4), 2, 3):
        laws = [law] * m
        s = srev(product(*laws))
        if ssrev_of_items(laws).revenue != s:
            note(item=str(dict(law.items())))
            return False
    return True


def _er(n: int) -> Distribution:
    """Equal revenue truncated at n: Pr[v >= x] = 1/x for x = 1..n (mass 1/n at n)."""
    return Distribution({F(x): F(1, x) - (F(1, x + 1) if x < n else F(0)) for x in range(1, n + 1)})


@paper.claim("F-3", at=("Example F.3", 879, 885),
             says="l items of Ex F.2 plus k equal-revenue items (m = l + k): SRev = l + k = m and "
             "SSRev <= k + 2.", over={"ell": Ints(0), "k": Ints(1)},
             limit={"ell": 6, "k": 4}, expect="CHECKED",
             analogue="the ER items truncated at 8 (Pr[v >= x] = 1/x for x = 1..8), so that "
             "every price 1..8 earns exactly 1 per ER item, as in the example.")
def f3(ell: int, k: int) -> bool:
    laws = _f2(ell) + [_er(8)] * k
    s = sum((optimal_reserve(law).revenue for law in laws), F(0))
    ss = ssrev_of_items(laws).revenue
    note(SRev=s, SSRev=ss)
    return s == ell + k and ss <= k + 2


@paper.claim("F-4", at=("Appendix E-F, l.863 and l.893", 863, 893),
             says="SSRev >= SRev/m, SRev = alpha BRev and BRev <= 5 log(m) SSRev (Thm 3.6) give "
             "SSRev >= max{1/(5 log m), alpha/m} BRev.", expect="PROVED",
             note="log m is a symbol L > 0 (m >= 2); the step is the combination of two lower "
             "bounds.")
def f4() -> Forall:
    ss, s, b, al, mm, lg = sp.symbols("SS S B alpha m L", real=True)
    return Forall({ss: Reals(0), s: Reals(0), b: Reals(0), al: Reals(0), mm: Reals(2),
                   lg: Reals(0, lo_open=True)},
                  given={"SSRev >= SRev/m": sp.Ge(mm * ss, s), "SRev = alpha BRev":
                         sp.Eq(s, al * b), "Thm 3.6": sp.Le(b, 5 * lg * ss)},
                  then={"SSRev >= max{1/(5 log m), alpha/m} BRev": sp.Ge(
                      ss, sp.Max(1 / (5 * lg), al / mm) * b)})
