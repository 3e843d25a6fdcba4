"""Appendix B of the symmetric-fairness paper, second part: Lemmas B.4, B.7, Obs 5 (D^(1),
D^(2)), Cor B.11, Lemma B.15 and Prop B.16 (spec B-3, B-5, B-6, B-12, B-17, B-18) on exact finite
instances, with D' built as in ``model`` (R-TIE1, R-EMPTY "zero"; Rev of an empty conditional
is 0).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.model import (
    argmax_index,
    below,
    item_tuples,
    law_of_max,
    modified,
    tuple_text,
)
from verify import Ints, Samples, evidence, note
from verify.mech.distributions import Distribution, fosd_by_cdf, product
from verify.mech.fairness import bundle_law, optimum
from verify.mech.single_item import optimal_reserve
from verify.paper import Reading

F = Fraction
WIDE = ("every product law whose items have supports in {0,1,2,3} of size <= 2 with masses of "
        "denominator <= 2 (100 laws at m = 2)")
SMALL = ("every product law whose items have supports in {0,1,2} of size <= 2 with masses 1/2 "
         "(36 laws at m = 2)")
TIE = "ties in argmax towards the smallest index (R-TIE1); R-EMPTY: set to 0"


def _wide(m: int) -> itertools.product:
    return item_tuples(m, range(4), 2, 2)  # type: ignore[return-value]


def _small(m: int) -> itertools.product:
    return item_tuples(m, range(3), 2, 2)  # type: ignore[return-value]


def _rev(d: Distribution | None) -> Fraction:
    return F(0) if d is None else optimal_reserve(d).revenue


def _cond0(dp: Distribution, rest: tuple) -> Distribution:
    return dp.condition(lambda v, rest=rest: v[1:] == rest).marginal(0)


def _above(d0: Distribution, c: Fraction) -> Distribution | None:
    mass = d0.probability(lambda x: x > c)
    return None if not mass else d0.condition(lambda x: x > c)


@paper.claim("B-17", at=("Lemma B.15", 502, 520),
             says="For every v_-0 in the support of D'_-0: D'_0 | v_-0 is stochastically "
             "dominated by D'_0 | (v_0 > max_{j>=1} v_j).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}; dominance by exact CDF comparison. A v_-0 whose "
             "event v_0 > max_j v_j has probability 0 is skipped (R-EMPTY).")
def b17(m: int) -> bool:
    for laws in _wide(m):
        dp = modified(laws)
        d0 = dp.marginal(0)
        for rest in dp.map(lambda v: v[1:]).support:
            hi = _above(d0, max(rest))
            if hi is None:
                continue
            lo = _cond0(dp, rest)
            if not fosd_by_cdf(hi, lo):
                note(D=tuple_text(laws), v_minus0=rest)
                return False
    return True


@paper.claim("B-17.d", at=("Lemma B.15 proof", 516), role="step", of="B-17",
             says="'the two distributions have the same support (they are both supported on all "
             "v > max_{j>=1} v_j)'.", over={"m": Ints(1)}, limit={"m": 2}, expect="REFUTED",
             note=f"per m, {WIDE}; {TIE}.")
def b17d(m: int) -> bool:
    for laws in _wide(m):
        dp = modified(laws)
        d0 = dp.marginal(0)
        for rest in dp.map(lambda v: v[1:]).support:
            hi = _above(d0, max(rest))
            if hi is None:
                continue
            lo = _cond0(dp, rest)
            if set(lo.support) != set(hi.support):
                note(D=tuple_text(laws), v_minus0=rest,
                     support_given_v_minus0=", ".join(map(str, lo.support)),
                     support_given_above=", ".join(map(str, hi.support)))
                return False
    return True


def _b18_terms(laws: tuple) -> dict[str, Fraction]:
    dp = modified(laws)
    d0 = dp.marginal(0)
    rest_law = dp.map(lambda v: v[1:])
    lhs = rest_law.expect(lambda r: _rev(_cond0(dp, r)))
    l1 = rest_law.expect(lambda r: _rev(_above(d0, max(r))))
    l3 = sum((p * q * _rev(_above(d0, min(F(a), F(b)))) for a, p in d0.items()
              for b, q in d0.items()), F(0))
    return {"lhs": lhs, "L1": l1, "L3": l3, "Rev(D'_0)": _rev(d0),
            "BRev": optimal_reserve(bundle_law(laws)).revenue}


@paper.claim("B-18", at=("Proposition B.16", 524, 542),
             says="E_{v_-0 <- D'_-0}[Rev(D'_0 | v_-0)] <= 2 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}.")
def b18(m: int) -> bool:
    for laws in _wide(m):
        t = _b18_terms(laws)
        if t["lhs"] > 2 * t["BRev"]:
            note(D=tuple_text(laws), **{k: str(v) for k, v in t.items()})
            return False
    return True


EMPTY = (
    Reading("zero", "R-EMPTY: v'_{j*} := 0 when D_{j*} has no mass below v'_0 > 0; Rev of an "
            "empty conditional is 0", kind="intended", expect="REFUTED", exclude=False),
    Reading("exclude", "R-EMPTY: instances where that null event has positive probability are "
            "excluded", kind="alternative", expect="REFUTED", exclude=True),
)


def _null_event(laws: tuple) -> bool:
    """Some j can be the argmax with a positive value and no mass of D_j below it."""
    for v in product(*laws).support:
        j = argmax_index(v)
        if v[j] > 0 and below(laws[j], v[j]) is None:
            return True
    return False


@paper.claim("B-18.L3", at=("Prop B.16 proof, chain lines 1-3", 536, 542), role="step",
             of="B-18",
             says="E_{v_-0}[Rev(D'_0 | v_0 > max_{j>=1} v_j)] (= the L2 form) <= "
             "E_{w0, w0' iid D'_0}[Rev(D'_0 | v_0 > min{w0, w0'})]: 'this only makes w_0 bigger "
             "..., which therefore increases Rev(D'_0 | v_0 > w_0')'.",
             over={"m": Ints(1)}, limit={"m": 2}, readings=EMPTY,
             note=f"per m, {WIDE}; ties towards the smallest index; Rev of an empty conditional "
             "is 0 (in Ronen's auction both bids at the top of the support sell nothing).")
def b18_l3(m: int, exclude: bool) -> bool:
    for laws in _wide(m):
        if exclude and _null_event(laws):
            continue
        t = _b18_terms(laws)
        if t["L1"] > t["L3"]:
            note(D=tuple_text(laws), **{k: str(v) for k, v in t.items()})
            return False
    return True


TIES = (
    Reading("tie-first", "ties towards the smallest index (R-TIE1), all instances",
            kind="intended", expect="REFUTED", tie_free=False),
    Reading("tie-free", "instances whose item supports share no positive value (R-TIE3)",
            kind="alternative", expect="CHECKED", tie_free=True),
)


def _shared_positive(laws: tuple) -> bool:
    pos = [{x for x in law.support if x > 0} for law in laws]
    return any(a & b for a, b in itertools.combinations(pos, 2))


@paper.claim("B-18.L1", at=("Prop B.16 proof, line 1", 530, 536), role="step", of="B-18",
             says="E[Rev(D'_0 | v_-0)] <= E[Rev(D'_0 | v_0 > max_{j>=1} v_j)] (Lemma B.15 and "
             "revenue monotonicity, footnote 15).",
             over={"m": Ints(1)}, limit={"m": 2}, readings=TIES,
             note=f"per m, {WIDE}; R-EMPTY zero; Rev of an empty conditional is 0.")
def b18_l1(m: int, tie_free: bool) -> bool:
    for laws in _wide(m):
        if tie_free and _shared_positive(laws):
            continue
        t = _b18_terms(laws)
        if t["lhs"] > t["L1"]:
            note(D=tuple_text(laws), **{k: str(v) for k, v in t.items()})
            return False
    return True


@paper.claim("B-18.L45", at=("Prop B.16 proof, Ronen's auction", 538, 542), role="step",
             of="B-18",
             says="E_{w0, w0'}[Rev(D'_0 | v_0 > min{w0, w0'})] <= 2 Rev(D'_0) (L4, Ronen's auction "
             "against the two-bidder optimum) and Rev(D'_0) <= BRev(D) (L5).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}.")
def b18_l45(m: int) -> bool:
    for laws in _wide(m):
        t = _b18_terms(laws)
        if not (t["L3"] <= 2 * t["Rev(D'_0)"] and t["Rev(D'_0)"] <= t["BRev"]):
            note(D=tuple_text(laws), **{k: str(v) for k, v in t.items()})
            return False
    return True


@paper.claim("B-12", at=("Corollary B.11", 460, 462),
             says="Rev(D') <= E_{D'}[sum_{j != 0} v_j] + E_{v_-0}[Rev(D'_0 | v_-0)].",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL}; {TIE}; Rev(D') a certified LP over all truthful menus.")
def b12(m: int) -> bool:
    for laws in _small(m):
        dp = modified(laws)
        rev = optimum(dp, "rev").revenue
        rest_law = dp.map(lambda v: v[1:])
        rhs = dp.expect(lambda v: sum(v[1:], F(0))) + rest_law.expect(
            lambda r, dp=dp: _rev(_cond0(dp, r)))
        if rev > rhs:
            note(D=tuple_text(laws), RevDprime=rev, bound=rhs)
            return False
    evidence("certified LP optima")
    return True


def _d1(laws: tuple) -> Distribution:
    return product(Distribution.point(F(0)), *laws)


def _d2(laws: tuple) -> Distribution:
    """D^(2) (Def B.6): (v_0, v) with v_0 ~ D_{j*} | (v_0 < v_{j*}) (0 if that is empty)."""
    acc: dict[tuple, Fraction] = {}
    for v, p in product(*laws).items():
        j = argmax_index(v)
        cond = below(laws[j], v[j]) if v[j] > 0 else None
        draws = [(F(0), F(1))] if cond is None else list(cond.items())
        for w, q in draws:
            key = (F(w), *v)
            acc[key] = acc.get(key, F(0)) + p * q
    return Distribution(acc)


@paper.claim("B-3", at=("Lemma B.4", 384, 393),
             says="SymRev(D) <= SymRev(D^(1)), where D^(1) appends v_0 = 0.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL}; SymRev under R-SYM1 (closure of the support).")
def b3(m: int) -> bool:
    for laws in _small(m):
        a, b = optimum(product(*laws), "sym1").revenue, optimum(_d1(laws), "sym1").revenue
        if a > b:
            note(D=tuple_text(laws), SymRev_D=a, SymRev_D1=b)
            return False
    evidence("certified LP optima")
    return True


@paper.claim("B-6", at=("Observation 5", 417, 421),
             says="SymRev(D^(2)) = SymRev(D'): D' is D^(2) with coordinates 0 and j* swapped.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL}; {TIE}; SymRev under R-SYM1.")
def b6(m: int) -> bool:
    for laws in _small(m):
        a, b = optimum(_d2(laws), "sym1").revenue, optimum(modified(laws), "sym1").revenue
        if a != b:
            note(D=tuple_text(laws), SymRev_D2=a, SymRev_Dprime=b)
            return False
    evidence("certified LP optima")
    return True


@paper.claim("B-5", at=("Lemma B.7", 409, 413),
             says="For every eps in (0, 1): SymRev(D^(2)) >= (1-eps) SymRev(D^(1)) - E[V']/eps.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL}; {TIE}; SymRev under R-SYM1. With A = SymRev(D^(1)), C = "
             "SymRev(D^(2)), V = E[V'] the bound holds for every eps iff A - C <= min_eps (eps A "
             "+ V/eps), decided exactly: (A - C)^2 <= 4 A V when V <= A, A - C <= A + V "
             "otherwise.")
def b5(m: int) -> bool:
    for laws in _small(m):
        d2 = _d2(laws)
        a, c = optimum(_d1(laws), "sym1").revenue, optimum(d2, "sym1").revenue
        v = d2.expect(lambda x: x[0])
        gap = a - c
        ok = gap <= 0 or (gap * gap <= 4 * a * v if v <= a else gap <= a + v)
        if not ok:
            note(D=tuple_text(laws), SymRev_D1=a, SymRev_D2=c, EV=v)
            return False
    evidence("certified LP optima")
    return True


@paper.claim("B-7.a", at=("Lemma B.8 proof", 425, 430), role="step", of="B-7",
             says="D'_0 is the law D* = law(max_j v_j) and BRev(D) >= Rev(D*) (c).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}.")
def b7a(m: int) -> bool:
    for laws in _wide(m):
        star = law_of_max(laws)
        if optimal_reserve(star).revenue > optimal_reserve(bundle_law(laws)).revenue:
            note(D=tuple_text(laws))
            return False
    return True


EPS_SAMPLE = (F(1, 10), F(1, 4), F(1, 2), F(3, 4))


def _menu_revenue(entries: list[tuple[tuple, Fraction]], law: Distribution) -> Fraction:
    """Expected price when each type picks a utility-maximising entry (the null entry is
    available), ties towards the higher price."""
    def pay(v: tuple) -> Fraction:
        best = (F(0), F(0))  # (utility, price) of the null entry
        for q, p in entries:
            u = sum((a * b for a, b in zip(v, q, strict=True)), F(0)) - p
            if (u, p) > best:
                best = (u, p)
        return best[1]
    return law.expect(pay)


@paper.claim("B-4", at=("Lemma B.5 ([10, 46]) and footnote 12", 397, 405),
             says="If (v, v') couples D and D' with E[sum_j |v_j - v'_j|] <= C, then for every eps "
             "and every M, the menu M' = M with prices discounted by (1 - eps) has Rev_M'(D') >= "
             "(1-eps) Rev_M(D) - C/eps; here D = D^(1), D' = D^(2), C = E[V'] (Lemma B.7's "
             "coupling) and M the optimal symmetric menu for D^(1).",
             over={"m": Ints(1), "k": Samples(4, "values of eps (1/10, 1/4, 1/2, 3/4)")},
             limit={"m": 2}, expect="SAMPLED",
             note=f"per m, {SMALL}; {TIE}; SymRev under R-SYM1; the buyer breaks ties towards "
             "the higher price; eps is a real parameter tried at four values.")
def b4(m: int, k: int) -> bool:
    eps = EPS_SAMPLE[k]
    for laws in _small(m):
        d1, d2 = _d1(laws), _d2(laws)
        opt = optimum(d1, "sym1").mechanism
        entries = [(opt.q[t], opt.t[t]) for t in opt.types]
        rev_m = _menu_revenue(entries, d1)
        discounted = [(q, (1 - eps) * p) for q, p in entries]
        rev_m2 = _menu_revenue(discounted, d2)
        c = d2.expect(lambda x: x[0])
        if rev_m2 < (1 - eps) * rev_m - c / eps:
            note(D=tuple_text(laws), eps=eps, Rev_M=rev_m, Rev_Mprime=rev_m2, C=c)
            return False
    return True
