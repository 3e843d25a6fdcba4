"""Sections 1-2 of the symmetric-fairness paper: the introduction's examples (I-1..I-5) and
the preliminaries (P-1..P-8): Defs 2.1-2.3, Observations 1-3, the benchmark remarks.

Fairness of a one-buyer table is ``verify.mech.symmetry.stabiliser_violation`` (tied values get
equal allocations), strong monotonicity is ``rank_preservation_violation(weak=True)``, symmetry
``symmetry_violation(scope="all", prices=...)``; the optima are certified LPs
(``verify.mech.fairness.optimum``).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.model import iid_products, law_text, products
from verify import Forall, Ints, Reals, evidence, note
from verify.mech.buyk import brev
from verify.mech.fairness import optimum, srev, ssrev, table
from verify.mech.mechanisms import ic_violation, ir_violation
from verify.mech.symmetry import (
    rank_preservation_violation,
    stabiliser_violation,
    symmetry_violation,
)
from verify.paper import Reading

F = Fraction
SLICE = "every product law whose items have supports in {0,1,2} of size <= 2 with masses 1/2"
IID_SLICE = ("every i.i.d. law whose item has support in {0,1,2,3} of size <= 2 with masses of "
             "denominator <= 3")

paper.definition("D2.1", at=("Definition 2.1", 96, 104),
                 says="ex-post fair w.r.t. i: v_ij = v_ik => x_ij(v) = x_ik(v); interim fair: "
                 "v_ij = v_ik => pi_ij(v_i) = pi_ik(v_i)")
paper.definition("D2.2", at=("Definition 2.2", 112, 120),
                 says="ex-post symmetric: sigma(x_i(v_i; v_-i)) = x_i(sigma(v_i); v_-i); interim "
                 "symmetric: sigma(pi_i(v_i)) = pi_i(sigma(v_i)), with (sigma v)_{sigma(j)} = v_j")
paper.definition("D2.3", at=("Definition 2.3", 130, 138),
                 says="strong monotonicity in fairness: v_ij >= v_ik => x_ij >= x_ik (ex-post), "
                 "pi_ij >= pi_ik (interim)")


# ---------------------------------------------------------------- Section 1

@paper.claim("I-1", at=("Section 1, second-price example", 19),
             says="Two items, each sold by its own second-price auction; bidder one bids (1, 1), "
             "bidder two bids (2, 0): bidder two wins item one and bidder one wins item two.",
             expect="PROVED")
def second_price_example() -> bool:
    bids = ((F(1), F(1)), (F(2), F(0)))
    winners = []
    for j in range(2):
        winners.append(max(range(2), key=lambda i, j=j: bids[i][j]))
    note(winners=tuple(w + 1 for w in winners))
    return winners == [1, 0] and all(bids[0][j] != bids[1][j] for j in range(2))


@paper.claim("I-2", at=("Section 1, selling separately is not fair", 53),
             says="With separate prices p_1 > p_2 >= 0 (item j bought iff the bid is >= p_j), a "
             "buyer bidding p_2 on both items receives item two and not item one.",
             expect="PROVED")
def separate_pricing_unfair() -> Forall:
    p1, p2, b1, b2 = sp.symbols("p1 p2 b1 b2", real=True)
    return Forall({p1: Reals(0), p2: Reals(0), b1: Reals(0), b2: Reals(0)},
                  given={"p1 > p2": sp.Gt(p1, p2), "b1 = p2": sp.Eq(b1, p2),
                         "b2 = p2": sp.Eq(b2, p2)},
                  then={"item 1 not bought": sp.Lt(b1, p1), "item 2 bought": sp.Ge(b2, p2)})


OPT_READINGS = (
    Reading("some", "some revenue-optimal mechanism is interim symmetric: SymRev(D) = Rev(D) "
            "(the paper's 'i.e.')", kind="intended", expect="CHECKED", every=False),
    Reading("every", "every revenue-optimal mechanism is interim symmetric", kind="alternative",
            expect="REFUTED", every=True),
)


def _asymmetric_optimum(d: object, rev: Fraction) -> tuple[object, ...] | None:
    """An optimal menu (revenue = Rev) that is not symmetric, found by LPs that push one
    allocation coordinate of a type away from its permuted twin; None if every optimum tried is
    symmetric."""
    from verify.mech.lp import Constraint, solve
    from verify.mech.revenue import menu_lp

    types = tuple(sorted(d.support))  # type: ignore[attr-defined]
    probs = [d.mass(t) for t in types]  # type: ignore[attr-defined]
    base = menu_lp(types, probs)
    keep = Constraint("REV", dict(base.objective), ">=", rev)
    index = {t: k for k, t in enumerate(types)}
    for k, t in enumerate(types):
        st = (t[1], t[0]) + t[2:]
        ks = index.get(st)
        if ks is None or ks < k:
            continue
        for j in range(2):
            sj = 1 - j
            lp = type(base)(base.variables, {f"q[{k}][{j}]": 1, f"q[{ks}][{sj}]": -1},
                            base.constraints + (keep,), "max")
            res = solve(lp)
            if res.value is not None and res.value > 0:
                return (t, j, res.value, tuple(res.x.get(f"q[{k}][{i}]", F(0)) for i in range(2)),
                        tuple(res.x.get(f"q[{ks}][{i}]", F(0)) for i in range(2)))
    return None


@paper.claim("I-4", at=("footnote 4 and A.3", 79),
             says="If D is invariant under item permutations (e.g. i.i.d. items), the "
             "revenue-optimal auction is interim symmetric, i.e. SymRev(D) = Rev(D).",
             over={"m": Ints(2)}, limit={"m": 2}, readings=OPT_READINGS,
             note=f"per m, {IID_SLICE}; SymRev under R-SYM1 (IC on the closure, which is the "
             "support here). 'every' searches the optimal face with one LP per (type, item).")
def iid_optimum_symmetric(m: int, every: bool) -> bool:
    for d in iid_products(m, range(4), 2, 3):
        rev = optimum(d, "rev").revenue
        sym = optimum(d, "sym1").revenue
        if not every and sym != rev:
            note(D=law_text(d), Rev=rev, SymRev=sym)
            return False
        if every:
            found = _asymmetric_optimum(d, rev)
            if found is not None:
                t, j, gap, x_t, x_st = found
                note(D=law_text(d), Rev=rev, type=t, item=j + 1, x_t=x_t, x_sigma_t=x_st,
                     asymmetry=gap)
                return False
    evidence("certified LP optima, compared exactly")
    return True


@paper.claim("I-5", at=("Section 1, i.i.d. remark (via Thm 3.1)", 65),
             says="For i.i.d. items bundling is a constant-factor approximation to Rev: "
             "Rev(D) <= 204 BRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {IID_SLICE}. The constant 204 is Thm 3.1's; far from tight on these "
             "small instances (the worst ratio is reported).")
def iid_bundling(m: int) -> bool:
    worst = F(0)
    for d in iid_products(m, range(4), 2, 3):
        rev, b = optimum(d, "rev").revenue, brev(d).revenue
        if rev > 204 * b:
            note(D=law_text(d), Rev=rev, BRev=b)
            return False
        if b:
            worst = max(worst, rev / b)
    note(worst_Rev_over_BRev=worst)
    evidence("certified LP optima and exact BRev")
    return True


# ---------------------------------------------------------------- Section 2

@paper.claim("P-1", at=("Definition 2.2, the action sigma(v) (l.112) and footnote 7", 112),
             says="(sigma(v))_{sigma(j)} = v_j defines a group action of S_m on vectors: "
             "(sigma tau)(v) = sigma(tau(v)) and id(v) = v, so 'for all permutations' in Defs "
             "2.1-2.3 is well posed.", over={"m": Ints(1)}, limit={"m": 4}, expect="CHECKED",
             note="checked on the generic vector (1, 2, ..., m), which has trivial stabiliser.")
def action_is_group_action(m: int) -> bool:
    v = tuple(range(1, m + 1))

    def act(s: tuple[int, ...], w: tuple[int, ...]) -> tuple[int, ...]:
        out = [0] * m
        for j in range(m):
            out[s[j]] = w[j]
        return tuple(out)

    perms = list(itertools.permutations(range(m)))
    if act(tuple(range(m)), v) != v:
        return False
    for s in perms:
        for t in perms:
            st = tuple(s[t[j]] for j in range(m))
            if act(st, v) != act(s, act(t, v)):
                note(sigma=s, tau=t)
                return False
    return True


@paper.claim("P-2", at=("Observation 1", 124, 128),
             says="Interim (ex-post) symmetric implies interim (ex-post) fair: if v_j = v_k, the "
             "swap sigma of j and k fixes v, so pi(v) = pi(sigma v) = sigma(pi(v)) and "
             "pi_j = pi_k.", expect="PROVED",
             note="one algebraic argument for both: pi stands for the interim allocation or the "
             "ex-post one at fixed v_-i; R-SYM3 gives the same (v and sigma v = v are both in "
             "the support).")
def symmetric_implies_fair() -> Forall:
    a, b, p1, p2, r1, r2 = sp.symbols("a b pi1 pi2 r1 r2", real=True)
    return Forall({a: Reals(0), b: Reals(0), p1: Reals(0, 1), p2: Reals(0, 1), r1: Reals(0, 1),
                   r2: Reals(0, 1)},
                  given={"v_j = v_k": sp.Eq(a, b),
                         "symmetry: pi(sigma v) = sigma(pi(v))": sp.And(sp.Eq(r1, p2),
                                                                         sp.Eq(r2, p1)),
                         "sigma v = v, so pi(sigma v) = pi(v)": sp.And(sp.Eq(r1, p1),
                                                                       sp.Eq(r2, p2))},
                  then={"pi_j = pi_k": sp.Eq(p1, p2)})


@paper.claim("P-3", at=("Section 2, after Def 2.3", 140),
             says="Fairness does not imply strong monotonicity: some fair mechanism (truthful "
             "even) has v_j > v_k and pi_j < pi_k.", expect="PROVED",
             note="witness: the one-type menu {(2,1) -> item two at price 1}; one buyer, so "
             "ex-post = interim.")
def fair_not_monotone() -> bool:
    mech = table({(2, 1): (0, 1, 1)})
    fair = stabiliser_violation(mech).ok
    truthful = ic_violation(mech).ok and ir_violation(mech).ok
    mono = rank_preservation_violation(mech, weak=True)
    note(fair=fair, truthful=truthful, monotonicity_violation=mono.max_violation)
    evidence("an explicit witness checked exactly")
    return fair and truthful and not mono.ok


OBS2 = (
    Reading("SYM1", "menu closed under permutations: allocations and prices symmetric, IC for "
            "t and sigma t (R-SYM1; what the proof uses)", kind="intended", expect="PROVED",
            price_eq=True, ic_sigma=True),
    Reading("SYM2", "Def 2.2 as printed (allocations only), IC on the closure: IC for t and "
            "sigma t, no price equation (R-SYM2)", kind="literal", expect="PROVED",
            price_eq=False, ic_sigma=True),
    Reading("SYM4", "IC only for the type t in the support, prices symmetric (R-SYM4)",
            kind="alternative", expect="PROVED", price_eq=True, ic_sigma=False),
    Reading("SYM3", "Def 2.2 as printed with BIC only on the support: IC for t against the "
            "report sigma t, no IC for sigma t and no price equation (R-SYM3)",
            kind="alternative", expect="REFUTED", price_eq=False, ic_sigma=False),
)


def _obs2_setup() -> tuple[dict, dict, tuple[sp.Symbol, ...]]:
    a, b, p1, p2, q, q2 = sp.symbols("a b pi1 pi2 q q2", real=True)
    doms = {a: Reals(0), b: Reals(0), p1: Reals(0, 1), p2: Reals(0, 1), q: Reals(), q2: Reals()}
    given = {"a > b": sp.Gt(a, b),
             "IC of t=(a,b) against sigma t": sp.Ge(a * p1 + b * p2 - q, a * p2 + b * p1 - q2)}
    return doms, given, (a, b, p1, p2, q, q2)


@paper.claim("P-4", at=("Observation 2 ([23])", 144, 148),
             says="If an auction is interim symmetric and BIC, v_ij >= v_ik implies "
             "pi_ij(v_i) >= pi_ik(v_i): with t = (a, b), a > b, pi(t) = (pi1, pi2) at price q and "
             "sigma t = (b, a) getting (pi2, pi1) at price q2, pi1 >= pi2.",
             readings=OBS2,
             note="m = 2 with the two items j, k suffices (other coordinates cancel in both IC "
             "constraints); the tied case v_ij = v_ik is P-2.")
def obs2(price_eq: bool, ic_sigma: bool) -> Forall:
    doms, given, (a, b, p1, p2, q, q2) = _obs2_setup()
    if price_eq:
        given["q(sigma t) = q(t)"] = sp.Eq(q2, q)
    if ic_sigma:
        given["IC of sigma t against t"] = sp.Ge(b * p2 + a * p1 - q2, b * p1 + a * p2 - q)
    return Forall(doms, given=given, then={"pi1 >= pi2": sp.Ge(p1, p2)})


@paper.claim("P-4.price", at=("Observation 2 proof", 148), role="step", of="P-4",
             says="'The auctioneer still charges advertiser i the same interim expected price "
             "(also by symmetry)': an interim-symmetric BIC mechanism has q(sigma t) = q(t).",
             expect="REFUTED",
             deviation="Def 2.2 as printed (allocations only) with IC for t and sigma t "
             "(R-SYM2); under R-SYM1 the equation is part of the definition.",
             note="R-BIC with reports in R^m_{>=0}: with IC at every point of R^m_{>=0} as a "
             "type the equation holds (P-4.price.Rm, rbic.py); with IC for the support types "
             "only it still fails (P-4.price.Rm.reports).")
def obs2_price() -> Forall:
    doms, given, (a, b, p1, p2, q, q2) = _obs2_setup()
    given["IC of sigma t against t"] = sp.Ge(b * p2 + a * p1 - q2, b * p1 + a * p2 - q)
    return Forall(doms, given=given, then={"q(sigma t) = q(t)": sp.Eq(q2, q)})


# ---------------------------------------------------------------- Obs 2 under R-BIC with R^m

@paper.claim("P-4.Rm", at=("Observation 2 ([23])", 144, 148),
             says="Obs 2 with BIC against every report in R^m_{>=0} (R-BIC), each point of "
             "R^m_{>=0} a type the mechanism must be IC for, and Def 2.2 as printed (allocations "
             "only): a > b implies pi1 >= pi2.", rests_on=("p000/P-4.price.Rm",),
             expect="PROVED",
             deviation="R-BIC read with reports and types in R^m_{>=0}; the price equation "
             "q(sigma t) = q(t) is not assumed but taken from P-4.price.Rm (PROVED), which this "
             "claim rests on.",
             note="m = 2 with the two items j, k as in P-4: IC of t against sigma t, of sigma t "
             "against t, and the price equation of P-4.price.Rm; so the R^m reading coincides "
             "with R-SYM1 (P-4@SYM1), not with R-SYM3.")
def obs2_rm() -> Forall:
    doms, given, (a, b, p1, p2, q, q2) = _obs2_setup()
    given["IC of sigma t against t"] = sp.Ge(b * p2 + a * p1 - q2, b * p1 + a * p2 - q)
    given["q(sigma t) = q(t) (P-4.price.Rm)"] = sp.Eq(q2, q)
    return Forall(doms, given=given, then={"pi1 >= pi2": sp.Ge(p1, p2)})


T10 = (F(1), F(0))
# A mechanism on every report r in R^2_{>=0}, for D = delta_t with t = (1, 0): the report t gets
# (0, 1/2) at price 0, sigma t = (0, 1) gets (1/2, 0) at price 1/2, every other report nothing at
# price 1. Each report class is listed with its image under the swap sigma (sigma fixes the
# class 'other' because it is a bijection of R^2 exchanging t and sigma t).
RM_REPORTS = {"t": ((F(0), F(1, 2)), F(0), "sigma t"),
              "sigma t": ((F(1, 2), F(0)), F(1, 2), "t"),
              "other": ((F(0), F(0)), F(1), "other")}


def _rm_reports_premises() -> bool:
    """Def 2.2 on every report (sigma(x(r)) = x(sigma r)) and BIC/BIR of the one type t against
    every report in R^2_{>=0} (each report takes one of the three options), exactly."""
    sym = all(RM_REPORTS[img][0] == (x[1], x[0]) for x, _, img in RM_REPORTS.values())

    def u(opt: tuple) -> Fraction:
        (x1, x2), price, _ = opt
        return T10[0] * x1 + T10[1] * x2 - price

    truthful = u(RM_REPORTS["t"])
    ic = all(u(o) <= truthful for o in RM_REPORTS.values())
    note(symmetric=sym, truthful_utility=truthful,
         deviation_utilities=tuple(u(o) for o in RM_REPORTS.values()))
    return sym and ic and truthful >= 0


@paper.claim("P-4.Rm.reports", at=("Observation 2 ([23])", 144, 148),
             says="Obs 2 with BIC of the support types against every report in R^m_{>=0} "
             "(R-BIC) and Def 2.2 as printed (allocations only, on every report): a > b implies "
             "pi1 >= pi2.", expect="REFUTED",
             deviation="R-BIC read with reports in R^m_{>=0} and types in supp(D) (R-SYM3 with "
             "the report range widened).",
             note="witness: D = delta_(1,0) and the mechanism RM_REPORTS on every report of "
             "R^2_{>=0}, checked exactly: prices outside the closure are free under Def 2.2, so "
             "widening the reports alone does not rescue R-SYM3 (P-4@SYM3); P-4.Rm does.")
def obs2_rm_reports() -> bool:
    pi1, pi2 = RM_REPORTS["t"][0]
    note(type=T10, pi=(pi1, pi2))
    return not _rm_reports_premises() or pi1 >= pi2


@paper.claim("P-4.price.Rm.reports", at=("Observation 2 proof", 148), role="step", of="P-4",
             says="'the same interim expected price (also by symmetry)' with BIC of the support "
             "types against every report in R^m_{>=0} (R-BIC) and Def 2.2 as printed: q(sigma t) "
             "= q(t).", expect="REFUTED",
             deviation="R-BIC read with reports in R^m_{>=0} and types in supp(D); with every "
             "point a type the equation holds (P-4.price.Rm).",
             note="the witness of P-4.Rm.reports: q(t) = 0, q(sigma t) = 1/2.")
def obs2_price_rm_reports() -> bool:
    q, qs = RM_REPORTS["t"][1], RM_REPORTS["sigma t"][1]
    note(q_t=q, q_sigma_t=qs)
    return not _rm_reports_premises() or q == qs


@paper.claim("P-6", at=("Observation 3", 152, 156),
             says="Strong monotonicity in fairness (ex-post or interim) implies fairness: "
             "v_j = v_k gives pi_j >= pi_k and pi_k >= pi_j.", expect="PROVED")
def monotone_implies_fair() -> Forall:
    a, b, p1, p2 = sp.symbols("a b pi1 pi2", real=True)
    return Forall({a: Reals(0), b: Reals(0), p1: Reals(0, 1), p2: Reals(0, 1)},
                  given={"v_j = v_k": sp.Eq(a, b),
                         "monotone (j,k)": sp.Or(sp.Lt(a, b), sp.Ge(p1, p2)),
                         "monotone (k,j)": sp.Or(sp.Lt(b, a), sp.Ge(p2, p1))},
                  then={"pi_j = pi_k": sp.Eq(p1, p2)})


def _posted(prices: tuple[Fraction, ...], types: tuple[tuple[Fraction, ...], ...]) -> object:
    rows = {}
    for t in types:
        x = tuple(F(1) if v >= p else F(0) for v, p in zip(t, prices, strict=True))
        rows[t] = (*x, sum((p for p, xi in zip(prices, x, strict=True) if xi), F(0)))
    return table(rows)


def _bundle(price: Fraction, types: tuple[tuple[Fraction, ...], ...]) -> object:
    rows = {}
    for t in types:
        buy = sum(t, F(0)) >= price
        rows[t] = (*([F(1) if buy else F(0)] * len(t)), price if buy else F(0))
    return table(rows)


@paper.claim("P-7.a", at=("Section 2, benchmarks", 161, 165),
             says="The mechanisms witnessing SSRev (one price p on every item) and BRev (the "
             "grand bundle at price p) are symmetric and fair.",
             over={"m": Ints(1)}, limit={"m": 3}, expect="CHECKED",
             note="per m: every type in {0,1,2,3}^m and every price p in {0,1,2,3}, symmetry with "
             "prices (R-SYM1) and fairness checked exactly on the permutation-closed table.")
def simple_mechanisms_symmetric(m: int) -> bool:
    types = tuple(tuple(F(v) for v in t) for t in itertools.product(range(4), repeat=m))
    for p in map(F, range(4)):
        for mech in (_posted((p,) * m, types), _bundle(p, types)):
            sym = symmetry_violation(mech, scope="all")  # type: ignore[arg-type]
            fair = stabiliser_violation(mech)  # type: ignore[arg-type]
            if not (sym.ok and fair.ok):
                note(price=p, symmetry=sym.witness, fairness=fair.witness)
                return False
    return True


@paper.claim("P-7.b", at=("Section 2, benchmarks", 161, 163),
             says="Mechanisms achieving Rev(D) and SRev(D) are 'not necessarily' fair nor "
             "symmetric: some D has FairRev(D) < Rev(D), and some separate-price menu is unfair.",
             expect="PROVED",
             note="witnesses: D = {1: 1/2, 3: 1/2} x delta_1 (Ex A.2's law in line-330 "
             "coordinates) and prices (3, 1) on the type (1, 1).")
def optimal_not_fair() -> bool:
    from verify.mech.distributions import Distribution, product

    d = product(Distribution({F(1): F(1, 2), F(3): F(1, 2)}), Distribution.point(F(1)))
    rev, fair = optimum(d, "rev").revenue, optimum(d, "fair").revenue
    sep = _posted((F(3), F(1)), ((F(1), F(1)),))
    unfair = not stabiliser_violation(sep).ok  # type: ignore[arg-type]
    note(Rev=rev, FairRev=fair, SRev=srev(d))
    evidence("certified LP optima and an explicit menu, exact")
    return fair < rev and unfair


SYM_ALL = tuple(Reading(r, text, kind=kind, expect="CHECKED", benchmark=r.lower())
                for r, text, kind in (
                    ("SYM1", "R-SYM1: IC/IR on the closure, allocations and prices symmetric",
                     "intended"),
                    ("SYM2", "R-SYM2: IC/IR on the closure, allocations symmetric", "literal"),
                    ("SYM3", "R-SYM3: IC/IR on the support, allocation symmetry on pairs in it",
                     "alternative"),
                    ("SYM4", "R-SYM4: R-SYM3 plus price symmetry", "alternative")))


@paper.claim("P-7.c", at=("Section 2, SymRev", 163),
             says="SymRev(D) <= Rev(D): the symmetric mechanisms are truthful mechanisms.",
             over={"m": Ints(1)}, limit={"m": 2}, readings=SYM_ALL, note=f"per m, {SLICE}.")
def symrev_le_rev(m: int, benchmark: str) -> bool:
    for d in products(m, range(3), 2, 2):
        rev, sym = optimum(d, "rev").revenue, optimum(d, benchmark).revenue  # type: ignore[arg-type]
        if sym > rev:
            note(D=law_text(d), Rev=rev, SymRev=sym)
            return False
    evidence("certified LP optima")
    return True


@paper.claim("P-8", at=("Appendix E, l.863", 863),
             says="SSRev(D) >= SRev(D)/m for every D.", over={"m": Ints(1)}, limit={"m": 3},
             expect="CHECKED",
             note="per m, every product law with item supports in {0,1,2,3} of size <= 2 and "
             "masses of denominator <= 2 (m = 3: 512 laws).")
def ssrev_ge_srev_over_m(m: int) -> bool:
    for d in products(m, range(4), 2, 2):
        s, ss = srev(d), ssrev(d).revenue
        if m * ss < s:
            note(D=law_text(d), SRev=s, SSRev=ss)
            return False
    return True


@paper.claim("P-8.alpha", at=("Appendix E, l.863", 863), role="step", of="P-8",
             says="SSRev >= SRev/m and SRev >= alpha BRev imply SSRev >= (alpha/m) BRev.",
             expect="PROVED")
def ssrev_alpha() -> Forall:
    ss, s, b, al = sp.symbols("SS S B alpha", real=True)
    mm = sp.Symbol("m", integer=True)
    return Forall({ss: Reals(0), s: Reals(0), b: Reals(0), al: Reals(0), mm: Ints(1)},
                  given={"SSRev >= SRev/m": sp.Ge(mm * ss, s), "SRev >= alpha BRev":
                         sp.Ge(s, al * b)},
                  then={"SSRev >= alpha/m BRev": sp.Ge(mm * ss, al * b)})


