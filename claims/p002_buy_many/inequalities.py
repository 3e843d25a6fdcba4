"""Class-B inequalities of the buy-many paper, decided by the sympy -> z3 path.

S12 Claim 4 (l.182-185), S2 (b) checkable variant (l.44), S11 (a)/(b) definitional
identities (l.130), S25 Claim 16 for n = 2 (l.374-405).
"""

from __future__ import annotations

import itertools

import sympy as sp

from claims.p002_buy_many import PAPER_FILE
from verify import Derivation, Forall, Ints, Reals, Source, claim


def src(where: str, first: int, last: int | None = None) -> Source:
    return Source(PAPER_FILE, where, (first, last or first))


def lottery(qs: list[sp.Expr]) -> sp.Expr:
    """Lot(q_1..q_k)_j = 1 - prod (1 - q_ij), one coordinate."""
    return 1 - sp.Mul(*[(1 - q) for q in qs])


@claim("p002/S12", source=src("Claim 4", 182, 185),
       statement="For all k >= 1, q_1..q_k in [0,1]^n and j in [n]: "
       "Lot(q_1..q_k)_j >= max_i q_ij (one coordinate suffices: coordinates are independent).",
       over={"k": Ints(1)}, limit={"k": 5}, expect="PROVED",
       by=Derivation(("p002/S12.step",), "induction on k (base k = 1: Lot(q_1) = q_1)"))
def claim4(k: int) -> Forall:
    qs = list(sp.symbols(f"q1:{k + 1}", real=True))
    lot = lottery(qs)
    return Forall({q: Reals(0, 1) for q in qs},
                  then={f"Lot >= q{i + 1}": sp.Ge(lot, q, evaluate=False)
                        for i, q in enumerate(qs)})


@claim("p002/S12.step", source=src("Claim 4", 182, 185),
       statement="Induction step: if L = Lot(q_1..q_k)_j in [0,1] with L >= m, and q in [0,1], "
       "then Lot(q_1..q_k, q)_j = 1 - (1-L)(1-q) >= max(m, q).", expect="PROVED")
def claim4_step() -> Forall:
    L, m, q = sp.symbols("L m q", real=True)
    new = 1 - (1 - L) * (1 - q)
    return Forall({L: Reals(0, 1), m: Reals(0, 1), q: Reals(0, 1)},
                  given={"IH": sp.Ge(L, m)},
                  then={"new >= m": sp.Ge(new, m), "new >= q": sp.Ge(new, q)})


@claim("p002/S2.b", source=src("Section 1 (subadditive prices), checkable variant", 44),
       statement="Deterministic menu offering disjoint S, T and S u T at p_S, p_T, p_ST >= 0; an "
       "additive type with x(S), x(T) >= 0 that is assigned S u T under buy-2 IC (it weakly "
       "prefers S u T to buying S and T together) has p_ST <= p_S + p_T.", expect="PROVED")
def subadditive() -> Forall:
    xs, xt, ps, pt, pst = sp.symbols("xS xT pS pT pST", real=True)
    return Forall({xs: Reals(0), xt: Reals(0), ps: Reals(0), pt: Reals(0), pst: Reals(0)},
                  given={"buy-2 IC vs {S, T}": sp.Ge(xs + xt - pst, xs + xt - ps - pt),
                         "IR": sp.Ge(xs + xt - pst, 0)},
                  then={"p_ST <= p_S + p_T": sp.Le(pst, ps + pt)})


def pr(q: list[sp.Expr], subset: tuple[int, ...]) -> sp.Expr:
    """Pr(q, S) = prod_{j in S} q_j prod_{j not in S} (1 - q_j)."""
    return sp.Mul(*[q[j] if j in subset else 1 - q[j] for j in range(len(q))])


def subsets(n: int) -> list[tuple[int, ...]]:
    return [s for r in range(n + 1) for s in itertools.combinations(range(n), r)]


@claim("p002/S11.b", source=src("Definitions (value of a random allocation)", 130),
       statement="sum over S of Pr(q, S) = 1, for q in [0,1]^n, n <= 4.",
       over={"n": Ints(1, 4)}, expect="PROVED")
def probabilities_sum(n: int) -> Forall:
    q = list(sp.symbols(f"q1:{n + 1}", real=True))
    return Forall({v: Reals(0, 1) for v in q},
                  then={"sum Pr = 1": sp.Eq(sp.Add(*[pr(q, s) for s in subsets(n)]), 1,
                                             evaluate=False)})


@claim("p002/S11.a", source=src("Definitions (Def. 2 special case of Def. 1)", 130, 172),
       statement="For additive x: sum_S x(S) Pr(q, S) = x . q, for q in [0,1]^n, n <= 4.",
       over={"n": Ints(1, 4)}, expect="PROVED")
def additive_value(n: int) -> Forall:
    q = list(sp.symbols(f"q1:{n + 1}", real=True))
    x = list(sp.symbols(f"x1:{n + 1}", real=True))
    lhs = sp.Add(*[sp.Add(*[x[j] for j in s]) * pr(q, s) for s in subsets(n)])
    rhs = sp.Add(*[x[j] * q[j] for j in range(n)])
    return Forall({**{v: Reals(0, 1) for v in q}, **{v: Reals(0) for v in x}},
                  then={"x(q) = x . q": sp.Eq(lhs, rhs, evaluate=False)})


@claim("p002/S25", source=src("Claim 16", 374, 405),
       statement="For a monotone v on 2^[2] and p <= q coordinatewise in [0,1]^2: v(p) <= v(q), "
       "v(q) = sum_S v(S) Pr(q, S).",
       readings={"R1": {"normalised": True}, "R2": {"normalised": False}},
       reading_texts={"R1": "v(empty) = 0 and v >= 0", "R2": "monotone only (v may be negative)"},
       expect={"R1": "PROVED", "R2": "PROVED"})
def monotone_extension(normalised: bool) -> Forall:
    v0, v1, v2, v12 = sp.symbols("v0 v1 v2 v12", real=True)
    p1, p2, q1, q2 = sp.symbols("p1 p2 q1 q2", real=True)
    values = {(): v0, (0,): v1, (1,): v2, (0, 1): v12}

    def ext(point: list[sp.Expr]) -> sp.Expr:
        return sp.Add(*[values[s] * pr(point, s) for s in subsets(2)])

    given = {"v monotone": sp.And(sp.Le(v0, v1), sp.Le(v0, v2), sp.Le(v1, v12), sp.Le(v2, v12)),
             "p <= q": sp.And(sp.Le(p1, q1), sp.Le(p2, q2))}
    if normalised:
        given["v(empty) = 0"] = sp.Eq(v0, 0)
    doms = {s: Reals(0, 1) for s in (p1, p2, q1, q2)}
    doms.update({s: Reals(0) if normalised else Reals() for s in (v0, v1, v2, v12)})
    return Forall(doms, given=given, then={"v(p) <= v(q)": sp.Le(ext([p1, p2]), ext([q1, q2]))})
