"""Section 3 of the symmetric-fairness paper: Theorems 3.1, 3.2, 3.6, Proposition 3.3 with
Lemmas 3.4, 3.5 and Observation 4 (spec T-1..T-7).

Instance claims enumerate a finite slice of product laws (see ``model``); the arithmetic of the
printed chains is decided over real variables (z3) or with exp/log by the interval back-end.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.model import (
    item_laws,
    item_tuples,
    law_text,
    products,
    tuple_text,
)
from verify import Forall, Ints, Reals, evidence, note
from verify.mech.buyk import brev
from verify.mech.distributions import product
from verify.mech.fairness import (
    bundle_law,
    count_law,
    max_brev_over_ssrev,
    optimum,
    ssrev,
    ssrev_of_items,
)
from verify.mech.single_item import optimal_reserve
from verify.paper import Reading

F = Fraction
SLICE = ("every product law whose items have supports in {0,1,2} of size <= 2 with masses 1/2 "
         "(36 laws at m = 2)")
WIDE = ("every product law whose items have supports in {0,1,2,3} of size <= 2 with masses of "
        "denominator <= 2 (1000 laws at m = 3)")
IID = ("every i.i.d. law whose item has support in {0,1,2,3} of size <= 2 with masses of "
       "denominator <= 3 (22 item laws), via the exact law of the sum")


def _sym_readings(expect: str) -> tuple[Reading, ...]:
    return tuple(Reading(r, text, kind=kind, expect=expect, benchmark=r.lower())
                 for r, text, kind in (
                     ("SYM1", "R-SYM1: IC/IR on the permutation closure, allocations and prices "
                      "symmetric", "intended"),
                     ("SYM2", "R-SYM2: IC/IR on the closure, allocations symmetric", "literal"),
                     ("SYM3", "R-SYM3: IC/IR on the support, allocation symmetry on pairs in "
                      "it", "alternative"),
                     ("SYM4", "R-SYM4: R-SYM3 plus price symmetry", "alternative")))


def _symrev_bound(m: int, benchmark: str, a_b: int, a_s: int) -> bool:
    worst = F(0)
    for d in products(m, range(3), 2, 2):
        sym = optimum(d, benchmark).revenue  # type: ignore[arg-type]
        b, s = brev(d).revenue, ssrev(d).revenue
        if sym > a_b * b + a_s * s:
            note(D=law_text(d), SymRev=sym, BRev=b, SSRev=s)
            return False
        if b:
            worst = max(worst, sym / (a_b * b + a_s * s))
    note(worst_ratio_to_bound=worst)
    evidence("certified LP optima (SymRev), exact BRev and SSRev")
    return True


@paper.claim("T-1", at=("Theorem 3.1", 175),
             says="For every m >= 1 and every product D over m independent items: "
             "SymRev(D) <= 204 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, readings=_sym_readings("CHECKED"),
             note=f"per m, {SLICE}. Far from tight on small instances: the worst "
             "SymRev/(204 BRev) is reported; m = 3 on this slice (216 laws) takes about 30 s.")
def theorem31(m: int, benchmark: str) -> bool:
    return _symrev_bound(m, benchmark, 204, 0)


@paper.claim("T-1.arith", at=("Theorem 3.1 from 3.2 and 3.3", 175, 181), role="step", of="T-1",
             says="24 BRev + 20 SSRev >= SymRev and SSRev <= 9 BRev give SymRev <= 204 BRev "
             "(24 + 20 * 9 = 204).", expect="PROVED")
def theorem31_arith() -> Forall:
    s, b, y = sp.symbols("S B Y", real=True)
    return Forall({s: Reals(0), b: Reals(0), y: Reals(0)},
                  given={"Thm 3.2": sp.Le(y, 24 * b + 20 * s), "Prop 3.3": sp.Le(s, 9 * b)},
                  then={"SymRev <= 204 BRev": sp.Le(y, 204 * b)})


@paper.claim("T-2", at=("Theorem 3.2", 179),
             says="For every product D: SymRev(D) <= 24 BRev(D) + 20 SSRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, readings=_sym_readings("CHECKED"),
             note=f"per m, {SLICE}; the worst SymRev/(24 BRev + 20 SSRev) is reported.")
def theorem32(m: int, benchmark: str) -> bool:
    return _symrev_bound(m, benchmark, 24, 20)


@paper.claim("B-19", at=("proof of Theorem 3.2", 550, 554), role="step", of="T-2",
             says="At eps = 1/2: (1/(1-eps))(S + 2B + max{9S, 4B}) + (2/(1-eps))B + "
             "(2/(eps(1-eps)))B <= 20 S + 24 B for all S, B >= 0.", expect="PROVED")
def theorem32_chain() -> Forall:
    s, b = sp.symbols("S B", real=True)
    eps = F(1, 2)
    lhs = (s + 2 * b + sp.Max(9 * s, 4 * b)) / (1 - eps) + 2 * b / (1 - eps) \
        + 2 * b / (eps * (1 - eps))
    return Forall({s: Reals(0), b: Reals(0)},
                  then={"line 550 at eps = 1/2 <= 20S + 24B": sp.Le(lhs, 20 * s + 24 * b,
                                                                    evaluate=False)})


@paper.claim("T-3", at=("Proposition 3.3", 181),
             says="For every product D: SSRev(D) <= 9 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED",
             note=f"per m, {WIDE}; the worst SSRev/BRev is reported.")
def prop33(m: int) -> bool:
    worst = F(0)
    for laws in item_tuples(m, range(4), 2, 2):
        s, b = ssrev_of_items(laws).revenue, optimal_reserve(bundle_law(laws)).revenue
        if s > 9 * b:
            note(D=tuple_text(laws), SSRev=s, BRev=b)
            return False
        if b:
            worst = max(worst, s / b)
    note(worst_SSRev_over_BRev=worst)
    return True


@paper.claim("T-3.iid", at=("Proposition 3.3", 181),
             says="For every i.i.d. product D over m items: SSRev(D) <= 9 BRev(D) (reaches the "
             "q(p) > 8 case of Lemma 3.5).",
             over={"m": Ints(1)}, limit={"m": 16}, expect="CHECKED",
             note=f"per m, {IID}.")
def prop33_iid(m: int) -> bool:
    worst = F(0)
    for law in item_laws(range(4), 2, 3):
        laws = [law] * m
        s, b = ssrev_of_items(laws).revenue, optimal_reserve(bundle_law(laws)).revenue
        if s > 9 * b:
            note(item=tuple_text([law]), SSRev=s, BRev=b)
            return False
        if b:
            worst = max(worst, s / b)
    note(worst_SSRev_over_BRev=worst)
    return True


def _tails(laws: tuple, p: Fraction) -> list[Fraction]:
    return [law.tail(p) for law in laws]


@paper.claim("T-4", at=("Lemma 3.4", 199, 205),
             says="If q(p) <= 8, the grand bundle at price p earns at least p q(p)/9: "
             "p Pr[sum_j v_j >= p] >= p q(p)/9.",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED",
             note=f"per m, {WIDE}, every positive price p in the union of the supports.")
def lemma34(m: int) -> bool:
    for laws in item_tuples(m, range(4), 2, 2):
        bundle = bundle_law(laws)
        for p in sorted({F(v) for law in laws for v in law.support if v > 0}):
            q = sum(_tails(laws, p), F(0))
            if q <= 8 and p * bundle.tail(p) < p * q / 9:
                note(D=tuple_text(laws), p=p, q=q, sale_probability=bundle.tail(p))
                return False
    return True


@paper.claim("T-4.L1", at=("Lemma 3.4 proof, line 1", 203, 205), role="step", of="T-4",
             says="Pr[sum_j v_j >= p] >= Pr[max_j v_j >= p]: for v in R^m_{>=0}, max_j v_j >= p "
             "implies sum_j v_j >= p.", over={"m": Ints(1)}, limit={"m": 5}, expect="CHECKED")
def lemma34_l1(m: int) -> Forall:
    v = sp.symbols(f"v1:{m + 1}", real=True)
    p = sp.Symbol("p", real=True)
    return Forall({**{x: Reals(0) for x in v}, p: Reals(0)},
                  given={"max_j v_j >= p": sp.Or(*[sp.Ge(x, p) for x in v])},
                  then={"sum_j v_j >= p": sp.Ge(sp.Add(*v), p)})


@paper.claim("T-4.L2", at=("Lemma 3.4 proof, line 2", 203, 205), role="step", of="T-4",
             says="Pr[max_j v_j >= p] = 1 - prod_j (1 - q_j(p)) (independence).",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED",
             note=f"per m, {WIDE} (joint table), every price in the supports.")
def lemma34_l2(m: int) -> bool:
    for laws in item_tuples(m, range(4), 2, 2):
        joint = product(*laws)
        for p in sorted({F(v) for law in laws for v in law.support}):
            lhs = joint.probability(lambda v, p=p: max(v) >= p)
            rhs = 1 - _prod(1 - t for t in _tails(laws, p))
            if lhs != rhs:
                note(D=tuple_text(laws), p=p, lhs=lhs, rhs=rhs)
                return False
    return True


def _prod(xs: object) -> Fraction:
    out = F(1)
    for x in xs:  # type: ignore[attr-defined]
        out *= x
    return out


@paper.claim("T-4.L3", at=("Lemma 3.4 proof, line 3", 203, 205), role="step", of="T-4",
             says="e^{-q_j} >= 1 - q_j for q_j in [0, 1] (so prod_j (1 - q_j) <= e^{-q}).",
             expect="PROVED",
             note="the product step multiplies non-negative factors, each bounded by this.")
def lemma34_l3() -> Forall:
    q = sp.Symbol("q", real=True)
    return Forall({q: Reals(0, 1)},
                  then={"e^-q >= 1 - q": sp.Ge(sp.exp(-q), 1 - q, evaluate=False)})


@paper.claim("T-4.L4", at=("Lemma 3.4 proof, last line", 203, 205), role="step", of="T-4",
             says="1 - e^{-q} >= q/9 for all q in [0, 8] (the line 'holds for all values "
             "q(p) <= 8').", expect="PROVED",
             deviation="line 203 is cut after 'forall j, v_j'; the chain is rebuilt from the "
             "prose of l.205 (spec §1.9).")
def lemma34_l4() -> Forall:
    q = sp.Symbol("q", real=True)
    return Forall({q: Reals(0, 8)},
                  then={"1 - e^-q >= q/9": sp.Ge(1 - sp.exp(-q), q / 9, evaluate=False)})


@paper.claim("T-4.chain", at=("Lemma 3.4 proof", 203, 205), role="step", of="T-4",
             says="For q_j in [0,1] with q = sum_j q_j <= 8: 1 - prod_j (1 - q_j) >= q/9.",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED")
def lemma34_chain(m: int) -> Forall:
    q = sp.symbols(f"q1:{m + 1}", real=True)
    return Forall({x: Reals(0, 1) for x in q},
                  given={"q <= 8": sp.Le(sp.Add(*q), 8)},
                  then={"1 - prod(1 - q_j) >= q/9": sp.Ge(1 - sp.Mul(*[1 - x for x in q]),
                                                          sp.Add(*q) / 9)})


@paper.claim("T-4.c", at=("Lemma 3.4 proof, prose", 205), role="step", of="T-4",
             says="'we can set price p on the grand bundle, and it will sell with probability at "
             "least q(p)': Pr[sum_j v_j >= p] >= q(p) for every price p > 0.",
             over={"m": Ints(1)}, limit={"m": 3}, expect="REFUTED",
             note=f"per m, {WIDE}, every positive price in the supports.")
def lemma34_prose(m: int) -> bool:
    for laws in item_tuples(m, range(4), 2, 2):
        bundle = bundle_law(laws)
        for p in sorted({F(v) for law in laws for v in law.support if v > 0}):
            q = sum(_tails(laws, p), F(0))
            if bundle.tail(p) < q:
                note(D=tuple_text(laws), p=p, q=q, sale_probability=bundle.tail(p))
                return False
    return True


@paper.claim("T-5", at=("Observation 4", 210),
             says="sigma^2(p) = Var(sum_j 1(v_j >= p)) = sum_j q_j(1 - q_j) <= q(p).",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED",
             note=f"per m, {WIDE} (joint table), every price in the supports.")
def obs4(m: int) -> bool:
    for laws in item_tuples(m, range(4), 2, 2):
        joint = product(*laws)
        for p in sorted({F(v) for law in laws for v in law.support}):
            count = joint.map(lambda v, p=p: sum(1 for x in v if x >= p))
            mean = count.mean()
            var = count.expect(lambda c, mean=mean: (F(c) - mean) ** 2)
            qs = _tails(laws, p)
            formula = sum((t * (1 - t) for t in qs), F(0))
            if var != formula or formula > sum(qs, F(0)):
                note(D=tuple_text(laws), p=p, variance=var, formula=formula)
                return False
    return True


@paper.claim("T-5.step", at=("Observation 4", 210), role="step", of="T-5",
             says="q_j(1 - q_j) <= q_j for q_j in [0, 1].", expect="PROVED")
def obs4_step() -> Forall:
    q = sp.Symbol("q", real=True)
    return Forall({q: Reals(0, 1)}, then={"q(1-q) <= q": sp.Le(q * (1 - q), q)})


@paper.claim("T-6", at=("Lemma 3.5", 213, 223),
             says="If q(p) > 8, the grand bundle at price p q(p)/2 earns at least p q(p)/9.",
             over={"m": Ints(9)}, limit={"m": 16}, expect="CHECKED",
             note=f"per m, {IID}, every positive price in the support with q(p) > 8 (q(p) > 8 "
             "needs m >= 9).")
def lemma35(m: int) -> bool:
    seen = 0
    for law in item_laws(range(4), 2, 3):
        laws = [law] * m
        bundle = bundle_law(laws)
        for p in sorted(v for v in law.support if v > 0):
            q = m * law.tail(p)
            if q <= 8:
                continue
            seen += 1
            price = p * q / 2
            if price * bundle.tail(price) < p * q / 9:
                note(item=tuple_text([law]), p=p, q=q, sale_probability=bundle.tail(price))
                return False
    note(cases_with_q_above_8=seen)
    return True


@paper.claim("T-6.215", at=("Lemma 3.5 proof", 215), role="step", of="T-6",
             says="sum_j v_j >= p q/2 whenever at least q/2 items have value >= p (values >= 0): "
             "with k such items, sum_j v_j >= k p >= p q/2.", expect="PROVED")
def lemma35_215() -> Forall:
    s, k, q, p = sp.symbols("S k q p", real=True)
    return Forall({s: Reals(0), k: Reals(0), q: Reals(0), p: Reals(0)},
                  given={"sum >= k p": sp.Ge(s, k * p), "k >= q/2": sp.Ge(k, q / 2)},
                  then={"sum >= p q/2": sp.Ge(s, p * q / 2)})


@paper.claim("T-6.cheb", at=("Lemma 3.5 proof, lines 1-3", 217, 221), role="step", of="T-6",
             says="With X = sum_j 1(v_j >= p): Pr[X >= q/2] >= Pr[|X - q| <= q/2] >= "
             "1 - sigma^2/(q^2/4) >= 1 - 4/q.",
             over={"m": Ints(1)}, limit={"m": 9}, expect="CHECKED",
             deviation="lines 217-219 print x(p), defined nowhere; read as q(p) (spec §1.9).",
             note="per m, every vector (q_1..q_m) of event probabilities in {1/4, 1/2, 3/4, 1} "
             "(as a multiset), X's law exact (Poisson binomial).")
def lemma35_cheb(m: int) -> bool:
    from itertools import combinations_with_replacement

    for qs in combinations_with_replacement((F(1, 4), F(1, 2), F(3, 4), F(1)), m):
        q = sum(qs, F(0))
        var = sum((t * (1 - t) for t in qs), F(0))
        x = count_law(list(qs))
        a = x.probability(lambda c, q=q: F(c) >= q / 2)
        b = x.probability(lambda c, q=q: abs(F(c) - q) <= q / 2)
        c = 1 - var / (q * q / 4)
        if not (a >= b >= c >= 1 - 4 / q):
            note(q_j=qs, links=(a, b, c, 1 - 4 / q))
            return False
    return True


@paper.claim("T-6.arith", at=("Lemma 3.5 proof, last line", 221, 223), role="step", of="T-6",
             says="For q > 8 and P > 0: 1 - 4/q >= 1/2, and (P q/2)(1/2) = P q/4 >= P q/9.",
             expect="PROVED")
def lemma35_arith() -> Forall:
    q, p = sp.symbols("q P", real=True)
    return Forall({q: Reals(8, lo_open=True), p: Reals(0)},
                  then={"1 - 4/q >= 1/2": sp.Ge(1 - 4 / q, F(1, 2)),
                        "revenue >= Pq/9": sp.Ge(p * q / 2 * F(1, 2), p * q / 9)})


LOG_BASES = (
    Reading("ln", "log is the natural logarithm", kind="intended", expect="REFUTED", base=None),
    Reading("log2", "log base 2", kind="alternative", expect="REFUTED", base=2),
    Reading("log10", "log base 10", kind="alternative", expect="REFUTED", base=10),
)


def _log(m: int, base: int | None) -> sp.Expr:
    return sp.log(m) if base is None else sp.log(m) / sp.log(base)


@paper.claim("T-7", at=("Theorem 3.6", 229),
             says="For every m >= 1 and every (possibly correlated) D on R^m_{>=0}: "
             "BRev(D) <= 5 log(m) SSRev(D).",
             over={"m": Ints(1)}, limit={"m": 3}, readings=LOG_BASES,
             note="per m, the largest BRev/SSRev over every prior on {0,1,2,3,4}^m, decided by "
             "certified LPs (one per bundle price, Charnes-Cooper); the maximising prior is "
             "re-evaluated exactly.")
def theorem36(m: int, base: int | None) -> dict:
    return _theorem36(m, base)


def _theorem36(m: int, base: int | None) -> dict:
    r = max_brev_over_ssrev(m, range(5))
    prior = ", ".join(f"({', '.join(str(x) for x in v)}): {w}" for v, w in r.prior.items())
    note(max_ratio=r.ratio, bundle_price=r.bundle_price, prior=prior)
    evidence("certified LP maximum over all priors on the grid")
    return {"BRev/SSRev <= 5 log m": sp.Le(sp.Rational(r.ratio.numerator, r.ratio.denominator),
                                           5 * _log(m, base), evaluate=False)}


LOG_BASES_M2 = (
    Reading("ln", "natural logarithm, m >= 2", kind="intended", expect="CHECKED", base=None),
    Reading("log2", "log base 2, m >= 2", kind="alternative", expect="CHECKED", base=2),
    Reading("log10", "log base 10, m >= 2", kind="alternative", expect="REFUTED", base=10),
)


@paper.claim("T-7.m2", at=("Theorem 3.6", 229), role="variant",
             says="Theorem 3.6 for m >= 2 only: BRev(D) <= 5 log(m) SSRev(D).",
             over={"m": Ints(2)}, limit={"m": 3}, readings=LOG_BASES_M2,
             deviation="m = 1 excluded (there 5 log m = 0 and the statement fails for every "
             "non-zero D).",
             note="per m, every prior on {0,1,2,3,4}^m, as T-7.")
def theorem36_m2(m: int, base: int | None) -> dict:
    return _theorem36(m, base)
