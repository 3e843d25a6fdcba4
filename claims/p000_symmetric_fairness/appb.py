"""Appendix B (and the instance side of Appendix C) of the symmetric-fairness paper on exact
finite instances: the modified distribution D' (Def B.1), the bounds on E[V'], TAIL, SPECIAL,
CORE (Lemmas B.8, B.12, B.13, Cor B.9, Props B.14, C.18, C.20, C.21) and the revenue chains of
Prop B.2, Lemma C.22 and Thm C.1 (spec B-1..B-19, C-1, C-11..C-18).

Every instance is a product law of a finite slice (see ``model``); D' is built exactly with the
tie rule of the reading (R-TIE1: smallest index wins, the default) and R-EMPTY "zero".
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.model import (
    below,
    item_tuples,
    law_of_max,
    modified,
    terms,
    tuple_text,
)
from verify import Ints, assume, evidence, note
from verify.mech.distributions import product
from verify.mech.fairness import bundle_law, optimum, ssrev_of_items
from verify.mech.single_item import is_regular, optimal_reserve
from verify.paper import Reading

F = Fraction
WIDE = ("every product law whose items have supports in {0,1,2,3} of size <= 2 with masses of "
        "denominator <= 2 (100 laws at m = 2; --limit m=3 checks 1000 laws in about 5 s CPU)")
SMALL = ("every product law whose items have supports in {0,1,2} of size <= 2 with masses 1/2 "
         "(36 laws at m = 2)")
TIE = "ties in argmax broken towards the smallest index (R-TIE1); R-EMPTY: set to 0"


def _wide(m: int) -> itertools.product:
    return item_tuples(m, range(4), 2, 2)  # type: ignore[return-value]


def _shared_positive(laws: tuple) -> bool:
    pos = [{x for x in law.support if x > 0} for law in laws]
    return any(a & b for a, b in itertools.combinations(pos, 2))


def _sb(laws: tuple) -> tuple[Fraction, Fraction]:
    return ssrev_of_items(laws).revenue, optimal_reserve(bundle_law(laws)).revenue


@paper.claim("B-1", at=("Definition B.1", 366, 372),
             says="The marginal of item 0 of D' is the law of max_j v_j.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}; {TIE}.")
def b1(m: int) -> bool:
    for laws in _wide(m):
        if modified(laws).marginal(0) != law_of_max(laws):
            note(D=tuple_text(laws))
            return False
    return True


@paper.claim("B-13", at=("decomposition", 464, 470),
             says="E_{D'}[sum_{j != 0} v_j] = TAIL + SPECIAL + CORE.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}. The left side comes from the joint law D', the terms "
             "from Def B.1's draws with j* tracked (an identity by partition of the indices).")
def b13(m: int) -> bool:
    for laws in _wide(m):
        s, _ = _sb(laws)
        t = terms(laws, s)
        lhs = modified(laws).expect(lambda v: sum(v[1:], F(0)))
        if lhs != t["TAIL"] + t["SPECIAL"] + t["CORE"]:
            note(D=tuple_text(laws), lhs=lhs, terms=str(t))
            return False
    return True


CUTOFF = (
    Reading("SSRev", "cutoff SSRev(D), the definition at l.468", kind="intended",
            expect="CHECKED", cut="S"),
    Reading("BRev", "cutoff BRev(D), as printed in the proof's chain (l.476)", kind="literal",
            expect="CHECKED", cut="B"),
)


@paper.claim("B-14", at=("Lemma B.12", 472, 478),
             says="TAIL <= SSRev(D).", over={"m": Ints(1)}, limit={"m": 2}, readings=CUTOFF,
             note=f"per m, {WIDE}; {TIE}.")
def b14(m: int, cut: str) -> bool:
    for laws in _wide(m):
        s, b = _sb(laws)
        tail = terms(laws, s if cut == "S" else b)["TAIL"]
        if tail > s:
            note(D=tuple_text(laws), TAIL=tail, SSRev=s, BRev=b)
            return False
    return True


def _beaten(laws: tuple, j: int, x: Fraction, strict: bool) -> Fraction:
    """Pr[exists j' != j: v_j' > x] (strict) or >= x, by independence."""
    stay = F(1)
    for k, law in enumerate(laws):
        if k != j:
            stay *= law.probability(lambda y: y <= x if strict else y < x)
    return 1 - stay


TAIL_LINE2 = (
    Reading("tie-first", "ties towards the smallest index (R-TIE1), all instances of the slice",
            kind="intended", expect="REFUTED", tie="first", tie_free=False),
    Reading("tie-free", "instances whose item supports share no positive value (R-TIE3)",
            kind="alternative", expect="CHECKED", tie="first", tie_free=True),
)


@paper.claim("B-14.l2", at=("Lemma B.12 proof, line 2", 476, 478), role="step", of="B-14",
             says="TAIL = sum_j E_{v_j}[v_j Pr[exists j' != j: v_j' > v_j] 1(v_j >= SSRev)]: "
             "'j not in {0, j*} exactly when there is some other j' with larger value'.",
             over={"m": Ints(1)}, limit={"m": 2}, readings=TAIL_LINE2,
             note=f"per m, {WIDE}, cutoff SSRev(D).")
def b14_l2(m: int, tie: str, tie_free: bool) -> bool:
    for laws in _wide(m):
        if tie_free and _shared_positive(laws):
            continue
        s, _ = _sb(laws)
        tail = terms(laws, s, tie)["TAIL"]
        line2 = sum((law.expect(lambda x, j=j, laws=laws, s=s: x * _beaten(laws, j, x, True) * (x >= s))
                     for j, law in enumerate(laws)), F(0))
        if tail != line2:
            note(D=tuple_text(laws), TAIL=tail, line2=line2, SSRev=s)
            return False
    return True


@paper.claim("B-14.l3", at=("Lemma B.12 proof, line 3", 476, 478), role="step", of="B-14",
             says="v_j Pr[exists j' != j: v_j' > v_j] <= SSRev(D) for every j and v_j.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}.")
def b14_l3(m: int) -> bool:
    for laws in _wide(m):
        s, _ = _sb(laws)
        for j, law in enumerate(laws):
            for x in law.support:
                if F(x) * _beaten(laws, j, F(x), True) > s:
                    note(D=tuple_text(laws), j=j + 1, v_j=x, SSRev=s)
                    return False
    return True


@paper.claim("B-15", at=("Lemma B.13", 482, 484), says="SPECIAL <= 2 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}; {TIE}.")
def b15(m: int) -> bool:
    for laws in _wide(m):
        s, b = _sb(laws)
        sp_ = terms(laws, s)["SPECIAL"]
        if sp_ > 2 * b:
            note(D=tuple_text(laws), SPECIAL=sp_, BRev=b)
            return False
    return True


@paper.claim("B-7", at=("Lemma B.8", 425, 430),
             says="For every product D: E_{v, w iid D}[min{max_j v_j, max_j w_j}] <= 2 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}.")
def b7(m: int) -> bool:
    for laws in _wide(m):
        mx = law_of_max(laws)
        lhs = sum((p * q * min(F(a), F(c)) for a, p in mx.items() for c, q in mx.items()), F(0))
        _, b = _sb(laws)
        if lhs > 2 * b:
            note(D=tuple_text(laws), lhs=lhs, BRev=b)
            return False
    return True


@paper.claim("B-9", at=("Corollary B.9", 434, 444), says="E[V'] <= 2 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}; {TIE}.")
def b9(m: int) -> bool:
    for laws in _wide(m):
        _, b = _sb(laws)
        ev = terms(laws, F(0))["EV'"]
        if ev > 2 * b:
            note(D=tuple_text(laws), EV=ev, BRev=b)
            return False
    return True


def _c_term(laws: tuple, s: Fraction) -> Fraction:
    return sum((law.expect(lambda x: min(F(x), s)) for law in laws), F(0))


@paper.claim("B-16", at=("Proposition B.14", 488, 498), says="CORE <= max{9 SSRev, 4 BRev}.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}. The branch C > 9 SSRev needs m > e^8 (spec §1.8 h) "
             "and is not reached; its arithmetic is B-16.iii, B-16.iv.")
def b16(m: int) -> bool:
    for laws in _wide(m):
        s, b = _sb(laws)
        core = terms(laws, s)["CORE"]
        if core > max(9 * s, 4 * b):
            note(D=tuple_text(laws), CORE=core, SSRev=s, BRev=b)
            return False
    return True


@paper.claim("B-16.ii", at=("Prop B.14 proof", 490), role="step", of="B-16",
             says="CORE <= C := E_{w <- D}[sum_j min{w_j, SSRev(D)}].",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}; {TIE}.")
def b16_ii(m: int) -> bool:
    for laws in _wide(m):
        s, _ = _sb(laws)
        core, c = terms(laws, s)["CORE"], _c_term(laws, s)
        if core > c:
            note(D=tuple_text(laws), CORE=core, C=c)
            return False
    return True


@paper.claim("C-15", at=("Lemma C.20", 755, 761), says="CORE <= max{12 SSRev, 2.568 BRev}.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}; CORE over D' (R-DPRIME).")
def c15(m: int) -> bool:
    for laws in _wide(m):
        s, b = _sb(laws)
        core = terms(laws, s)["CORE"]
        if core > max(12 * s, F(2568, 1000) * b):
            note(D=tuple_text(laws), CORE=core, SSRev=s, BRev=b)
            return False
    return True


@paper.claim("C-16", at=("Lemma C.21", 763, 768),
             says="E[sum_{j>=1} pi_j v_j] <= max{12 SSRev, 2.568 BRev} + SSRev for every "
             "allocation pi; with pi_j <= 1 it suffices that E_{D'}[sum_{j != 0} v_j] is below "
             "the bound.", over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}; the expectation over D' (R-DPRIME).")
def c16(m: int) -> bool:
    for laws in _wide(m):
        s, b = _sb(laws)
        total = terms(laws, s)["SUM"]
        if total > max(12 * s, F(2568, 1000) * b) + s:
            note(D=tuple_text(laws), sum=total, SSRev=s, BRev=b)
            return False
    return True


EPS_READINGS = (
    Reading("open01", "eps in (0, 1) (R-EPS, what the proof needs)", kind="intended",
            expect="CHECKED", literal=False),
    Reading("printed", "'for any eps > 0' as printed (eps = 2 tried)", kind="literal",
            expect="REFUTED", literal=True),
)


def _small(m: int) -> itertools.product:
    return item_tuples(m, range(3), 2, 2)  # type: ignore[return-value]


@paper.claim("B-2", at=("Proposition B.2", 376, 378),
             says="For any eps > 0: SymRev(D) <= Rev(D')/(1-eps) + 2 BRev(D)/(eps(1-eps)).",
             over={"m": Ints(1)}, limit={"m": 2}, readings=EPS_READINGS,
             note=f"per m, {SMALL}; {TIE}; SymRev under R-SYM1. For eps in (0, 1) the bound "
             "holds for every eps iff Y eps^2 + (R - Y) eps + 2B >= 0 on (0, 1), decided "
             "exactly from its vertex.")
def b2(m: int, literal: bool) -> bool:
    for laws in _small(m):
        y = optimum(product(*laws), "sym1").revenue
        r = optimum(modified(laws), "rev").revenue
        _, b = _sb(laws)
        if literal:
            e = F(2)
            if y > r / (1 - e) + 2 * b / (e * (1 - e)):
                note(D=tuple_text(laws), eps=e, SymRev=y, RevDprime=r, BRev=b)
                return False
            continue
        if y > r and 8 * b * y < (y - r) ** 2:
            note(D=tuple_text(laws), SymRev=y, RevDprime=r, BRev=b)
            return False
    evidence("certified LP optima for SymRev(D) and Rev(D')")
    return True


def _regular_max(laws: tuple) -> bool:
    return is_regular(law_of_max(laws))


@paper.claim("C-17", at=("Lemma C.22", 772, 774),
             says="If D'_0 is regular: Rev(D') <= max{12 SSRev, 2.568 BRev} + BRev + SSRev (the "
             "proof bounds Rev(D'); the statement says 'the optimal symmetric revenue for D''; "
             "Rev(D') bounds both).", over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL} with D'_0 = law(max_j v_j) regular; {TIE}.")
def c17(m: int) -> bool:
    seen = 0
    for laws in _small(m):
        if not _regular_max(laws):
            continue
        seen += 1
        s, b = _sb(laws)
        r = optimum(modified(laws), "rev").revenue
        if r > max(12 * s, F(2568, 1000) * b) + b + s:
            note(D=tuple_text(laws), RevDprime=r, SSRev=s, BRev=b)
            return False
    assume(seen > 0)
    note(regular_instances=seen)
    return True


@paper.claim("C-1", at=("Theorem C.1", 560, 562),
             says="If D'_0 is regular: SymRev(D) <= max{18 SSRev, 4 BRev} + 2 SSRev + 10 BRev.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SMALL} with D'_0 regular; SymRev under R-SYM1.")
def c1(m: int) -> bool:
    seen = 0
    for laws in _small(m):
        if not _regular_max(laws):
            continue
        seen += 1
        s, b = _sb(laws)
        y = optimum(product(*laws), "sym1").revenue
        if y > max(18 * s, 4 * b) + 2 * s + 10 * b:
            note(D=tuple_text(laws), SymRev=y, SSRev=s, BRev=b)
            return False
    assume(seen > 0)
    return True


@paper.claim("C-6", at=("Lemma C.11 (a), Def C.10 (i)", 628, 649),
             says="Item 0 is the dominant item of D': v'_0 >= v'_j for every j >= 1 almost "
             "surely, so item 0 wins every comparison under the lexicographic tie rule.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED", note=f"per m, {WIDE}; {TIE}.",
             deviation="Def C.10 (ii) (the coupling condition) is not checked here.")
def c6(m: int) -> bool:
    for laws in _wide(m):
        for v in modified(laws).support:
            if any(x > v[0] for x in v[1:]):
                note(D=tuple_text(laws), v=v)
                return False
    return True


C6B = (
    Reading("tie-first", "ties towards the smallest index (R-TIE1), all instances",
            kind="intended", expect="REFUTED", tie_free=False),
    Reading("tie-free", "instances whose item supports share no positive value (R-TIE3)",
            kind="alternative", expect="CHECKED", tie_free=True),
)


@paper.claim("C-6.b", at=("Lemma C.11 proof", 649), role="step", of="C-6",
             says="Under D', given v_0, the v_j (j >= 1) are independent with v_j ~ D_j | "
             "(v_j < v_0).", over={"m": Ints(1)}, limit={"m": 2}, readings=C6B,
             note=f"per m, {WIDE}; {TIE}; compared as joint conditional laws, exactly; values "
             "v_0 where some D_j has no mass below v_0 are skipped (R-EMPTY).")
def c6b(m: int, tie_free: bool) -> bool:
    for laws in _wide(m):
        if tie_free and _shared_positive(laws):
            continue
        dp = modified(laws)
        for v0 in dp.marginal(0).support:
            cond = dp.condition(lambda v, v0=v0: v[0] == v0).map(lambda v: v[1:])
            parts = [below(law, F(v0)) for law in laws]
            if any(p is None for p in parts):
                continue
            target = product(*parts)  # type: ignore[arg-type]
            if cond != target:
                note(D=tuple_text(laws), v0=v0, conditional=_show(cond), claimed=_show(target))
                return False
    return True


def _show(d: object) -> str:
    return ", ".join(f"({', '.join(str(x) for x in v)}): {p}" for v, p in d.items())  # type: ignore[attr-defined]


@paper.claim("C-6.ii", at=("Def C.10 (ii), Lemma C.11", 628, 649), role="step", of="C-6",
             says="Item 0 of D' satisfies Def C.10 (ii): for v_0 > v_0' in the support, "
             "D'_-0 | v_0 and D'_-0 | v_0' can be coupled with v_l >= v_l' for every l, i.e. the "
             "first dominates the second in the product order (Strassen).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {WIDE}; {TIE}; multivariate dominance decided exactly on every upper "
             "set of the joint support.")
def c6_ii(m: int) -> bool:
    from verify.mech.distributions import fosd_by_upper_sets

    for laws in _wide(m):
        dp = modified(laws)
        levels = list(dp.marginal(0).support)
        cond = {x: dp.condition(lambda v, x=x: v[0] == x).map(lambda v: v[1:]) for x in levels}
        for a, b in itertools.combinations(levels, 2):
            test = fosd_by_upper_sets(cond[b], cond[a])
            if not test.holds:
                note(D=tuple_text(laws), v0_low=a, v0_high=b, gap=test.gap)
                return False
    return True


@paper.claim("C-6.c", at=("Lemma C.11 proof", 649), role="step", of="C-6",
             says="v_0 > v_0' implies D_j | (v_j < v_0) >= D_j | (v_j < v_0') stochastically.",
             over={"m": Ints(1)}, limit={"m": 1}, expect="CHECKED",
             note="every law on a subset of {0,1,2,3,4} with at most 3 points and masses of "
             "denominator <= 4, every pair of thresholds v_0' < v_0 in {1,..,5} with non-empty "
             "conditionals (one item suffices: the claim is per item).")
def c6_c(m: int) -> bool:
    from claims.p000_symmetric_fairness.model import item_laws
    from verify.mech.distributions import fosd_by_cdf

    for law in item_laws(range(5), 3, 4):
        for lo_t, hi_t in itertools.combinations(range(1, 6), 2):
            lo, hi = below(law, F(lo_t)), below(law, F(hi_t))
            if lo is None or hi is None:
                continue
            if not fosd_by_cdf(hi, lo):
                note(D=tuple_text([law]), thresholds=(lo_t, hi_t))
                return False
    return True
