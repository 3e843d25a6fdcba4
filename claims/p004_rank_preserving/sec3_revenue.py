"""Rank-preserving mechanisms, spec entries T2 .. R3 (paper l.234-429, proofs l.581-693).

Finite analogue (spec §1.11), fixed for every claim of this module unless a reading says
otherwise: n items, values V = {0..m} on closed grids (T^H = V^n, T^I = sorted types) and
V = {0..m+n-2} on strict grids (T^H_s, T^I_s: distinct coordinates, so every strict grid has
n! cones); v_low = 0 and the standing assumption t(v) >= v_low (l.112, PAY R1, here t >= 0).
A statement "for every IC+IR table ..." is a Forall over symbolic tables decided by the
certified-LP back-end (linear statements) or z3 (disjunctions: majorisation, non-bossiness,
almost determinism); an optimal revenue is a certified exact LP optimum. Grids and priors are
parameters (n, m, seed), so a verdict over them is CHECKED on the stated slice.

Exchangeable priors (seed): 0 uniform, odd i.i.d. with a random marginal, even >= 2 random
weight per orbit (correlated); all with full support.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from fractions import Fraction

import sympy as sp

from claims.p004_rank_preserving import _revenue_tools as R
from claims.p004_rank_preserving import paper
from verify import (
    Forall,
    Ints,
    Reals,
    Samples,
    assume,
    claim,
    definition,
    evidence,
    note,
)
from verify.mech.types import all_perms, compose, inverse, is_sorted, is_strict, orbit, permute
from verify.paper import Reading

F = Fraction
ZERO, ONE = F(0), F(1)
LP_EVIDENCE = "exact LP optimum, dual certificate re-checked"


definition(
    "p004/T2.finite",
    source=paper.source("Finite analogue of Sections 4-5 (spec §1.11)", 74, 112),
    statement="Closed grid T^H = {0..m}^n, strict grid T^H_s (distinct coordinates, values "
    "{0..m+n-2}); T^I, T^I_s their sorted types; IC, IR and t >= v_low = 0 on the table; "
    "(1): q_1 >= ... >= q_n in the identical-objects model M^I.",
)
definition(
    "p004/P1.wmaj",
    source=paper.source("Weak majorization", 345, 349),
    statement="q̂ ≻_w q iff sum_{i<=j} q̂_[i] >= sum_{i<=j} q_[i] for every j, q_[i] the "
    "i-th largest entry.",
)
definition(
    "p004/RM.def5",
    source=paper.source("Definition 5 (revenue monotone)", 323, 327),
    statement="(q, t) is revenue monotone if REV(q,t;F~) >= REV(q,t;F) whenever F~ "
    "first-order stochastically dominates F (both supported in D^H or both in D^I).",
)
definition(
    "p004/P2.def6",
    source=paper.source("Definition 6 (majorization monotonicity)", 381, 383),
    statement="For (v_i,v_-i), (v̂_i,v_-i) in D^I: q_i(v̂_i,v_-i) > q_i(v_i,v_-i) implies "
    "q(v̂_i,v_-i) ≻_w q(v_i,v_-i).",
)
definition(
    "p004/P2.def7",
    source=paper.source("Definition 7 (object non-bossiness)", 387, 389),
    statement="q_i(v_i,v_-i) = q_i(v'_i,v_-i) implies q_j(v_i,v_-i) = q_j(v'_i,v_-i) for every j.",
)
definition(
    "p004/P3.def8",
    source=paper.source("Definition 8 (almost deterministic)", 406, 408),
    statement="alpha in [0,1]^n is almost deterministic if alpha_j in {0,1} for all j != k, "
    "for some k; q is almost deterministic if every q(v) is.",
)
FIN = ("p004/T2.finite",)


# ============================================================================ instances


def closed_inst(n: int, m: int) -> tuple[list[R.Vec], list[R.Vec]]:
    th = R.grid(R.values(m), n, strict=False)
    return th, R.cone(th)


def strict_inst(n: int, m: int) -> tuple[list[R.Vec], list[R.Vec]]:
    th = R.grid(R.values(m + n - 2), n, strict=True)
    return th, R.cone(th)


def inst(n: int, m: int, strict: bool) -> tuple[list[R.Vec], list[R.Vec]]:
    return strict_inst(n, m) if strict else closed_inst(n, m)


@functools.lru_cache(maxsize=32)
def sym_ic(
    n: int, m: int, strict: bool, ties: str = "all"
) -> tuple[R.SymTable, dict[str, sp.Basic]]:
    """A symmetric symbolic table on T^H with its IC, IR (and TIE-SYM R2) rows (cached)."""
    th, _ = inst(n, m, strict)
    tab = R.SymTable.symmetric(th, ties=ties, tlo=ZERO)  # type: ignore[arg-type]
    given = {**R.ic_rows(tab, th), **R.ir_rows(tab, th)}
    if ties == "all":
        given.update(R.stabiliser_rows(tab, th))
    return tab, given


NM = {"n": Ints(2), "m": Ints(1)}
EXCH_SAMPLES = Samples(3, "exchangeable pmfs (seed 0 uniform, 1 random i.i.d., 2 random orbit "
                         "weights)")
NMS = {"n": Ints(2), "m": Ints(1), "seed": EXCH_SAMPLES}
LIM = {"n": 3, "m": 2}
LIMS = {"n": 3, "m": 2}


def weight_readings(closed_r1: str = "REFUTED", closed_r2: str = "SAMPLED") -> tuple[Reading, ...]:
    """The readings of f^I := n! f^H (spec WEIGHT): on strict grids n! = |orbit(v)| and the two
    rules agree; on closed grids the printed n! p^H (R1) and the orbit weight (R2) differ. The
    closed readings' expectations depend on the claim."""
    return (
        Reading("strict",
                "strict grids (WEIGHT R1 = R2 there)",
                kind="intended", expect="SAMPLED", strict=True, rule="factorial"),
        Reading("closed-R1",
                "closed grids, p^I(v) = n! p^H(v) (WEIGHT R1, as printed)",
                kind="literal", expect=closed_r1, strict=False, rule="factorial"),
        Reading("closed-R2",
                "closed grids, p^I(v) = |orbit(v)| p^H(v) (WEIGHT R2)",
                kind="alternative", expect=closed_r2, strict=False, rule="orbit"),
    )


# ============================================================================ Theorem 2


@claim(
    "p004/T2.a1",
    source=paper.source(
        "Theorem 2 (weak symmetric equivalence), Def 4 first bullet; proof l.581-589", 581, 589
    ),
    statement="For every symmetric IC+IR mechanism (q^H,t^H) of M^H there is an IC+IR "
    "mechanism of M^I equal to it on (almost all of) D^I: the restriction of (q^H,t^H) to "
    "D^I satisfies (1) q_1 >= ... >= q_n and is IC and IR.",
    over=NM,
    limit=LIM,
    uses=FIN,
    backends=("lp",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("strict",
                "strict grids (DOM R1): the restriction to T^I_s",
                kind="intended", expect="CHECKED", strict=True, ties="all"),
        Reading("closed-sym2",
                "closed grids, every type of T^I (DOM R2), Def 1 also at tied types (TIE-SYM "
                "R2)",
                kind="alternative", expect="CHECKED", strict=False, ties="all"),
        Reading("closed-sym1",
                "closed grids, every type of T^I (DOM R2), Def 1 at strict types only "
                "(TIE-SYM R1, as printed)",
                kind="literal", expect="REFUTED", strict=False, ties="strict"),
    ),
)
def t2_a1(n: int, m: int, strict: bool, ties: str) -> Forall:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    tab, given = sym_ic(n, m, strict, ties)
    then = {**R.feas_rows(tab, ti), **R.ic_rows(tab, ti, tag="IC|I"), **R.ir_rows(tab, ti, "IR|I")}
    return Forall(tab.variables, given=given, then=then)


@claim(
    "p004/T2.a2",
    source=paper.source(
        "Theorem 2 (weak symmetric equivalence), Def 4 second bullet; proof l.591-597", 591, 597
    ),
    statement="For every IC+IR mechanism (q^I,t^I) of M^I there is a symmetric IC+IR "
    "mechanism of M^H equal to it on (almost all of) D^I: its symmetric extension (Def 3) is "
    "symmetric, IC and IR on D^H and agrees with it on D^I.",
    over=NM,
    limit=LIM,
    uses=FIN,
    backends=("lp",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("strict",
                "strict grids (DOM R1): the extension of Def 3 is the only candidate",
                kind="intended", expect="CHECKED", strict=True, how="stable", part="ext"),
        Reading("closed-stable-sym1",
                "closed grids, agreement at every type of T^I (DOM R2), Def 1 at strict types"
                " (TIE-SYM R1): witnessed by the stable-sort extension (EXT R2)",
                kind="alternative", expect="CHECKED", strict=False, how="stable", part="ext"),
        Reading("closed-avg-dom1",
                "closed grids, Def 1 at every type (TIE-SYM R2): the averaged extension (EXT "
                "R1) is symmetric, IC, IR, and agrees with (q^I,t^I) on T^I_s and in t on T^I"
                " (agreement almost everywhere, DOM R1)",
                kind="alternative", expect="CHECKED", strict=False, how="average", part="ext"),
        Reading("closed-sym2-dom2",
                "closed grids, agreement at every type of T^I (DOM R2) with Def 1 at tied "
                "types (TIE-SYM R2): necessary condition q^I_i(v) = q^I_j(v) when v_i = v_j",
                kind="alternative", expect="REFUTED", strict=False, how="stable", part="stab"),
    ),
)
def t2_a2(n: int, m: int, strict: bool, how: str, part: str) -> Forall:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    tab = R.SymTable.free(ti, tlo=ZERO)
    given = {**R.feas_rows(tab, ti), **R.ic_rows(tab, ti), **R.ir_rows(tab, ti)}
    if part == "stab":
        return Forall(tab.variables, given=given, then=R.stabiliser_rows(tab, ti, "needed: Stab"))
    ext = R.extension(tab, th, how)  # type: ignore[arg-type]
    then = {**R.ic_rows(ext, th, tag="IC^s"), **R.ir_rows(ext, th, "IR^s")}
    for v in ti:
        if is_strict(v) or how == "stable":
            for i in range(n):
                then[f"agree q{i + 1}{R.show(v)}"] = sp.Eq(ext.q[v][i], tab.q[v][i],
                                                           evaluate=False)
        then[f"agree t{R.show(v)}"] = sp.Eq(ext.t[v], tab.t[v], evaluate=False)
    for v in th:  # Def 1 for the extension, checked (it holds by construction on strict types)
        for s in all_perms(n):
            if how == "stable" and not is_strict(v):
                continue
            w = permute(v, s)
            for i in range(n):
                then[f"sym q{R.show(w)}_{i + 1} = q{R.show(v)}_{s[i] + 1}"] = sp.Eq(
                    ext.q[w][i], ext.q[v][s[i]], evaluate=False
                )
    return Forall(tab.variables, given=given, then=then)


@claim(
    "p004/T2.b1",
    source=paper.source("Theorem 2, (5) and (7)", 234, 238),
    statement="If f^H is exchangeable and f^I := n! f^H on D^I, corresponding mechanisms have "
    "equal revenue: REV(q^H,t^H;f^H) = REV(q^I,t^I;f^I) for every symmetric IC+IR (q^H,t^H) "
    "and its restriction (q^I,t^I) to D^I (equivalently every (q^I,t^I) and its extension).",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    backends=("lp",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=weight_readings(),
)
def t2_b1(n: int, m: int, seed: int, strict: bool, rule: str) -> Forall:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, n, rule)  # type: ignore[arg-type]
    note(prior=R.js(p), prior_I=R.js(pi))
    tab, given = sym_ic(n, m, strict)
    rev_h = sp.Add(*[R.rat(p[v]) * tab.t[v] for v in th])
    rev_i = sp.Add(*[R.rat(pi[v]) * tab.t[v] for v in ti])
    return Forall(
        tab.variables, given=given, then={"REV_H = REV_I": sp.Eq(rev_h, rev_i, evaluate=False)}
    )


@claim(
    "p004/T2.b2",
    source=paper.source("Theorem 2 and Introduction (3)", 234, 238),
    statement="Exchangeable f^H, f^I := n! f^H: the optimal revenue over symmetric IC+IR "
    "mechanisms of M^H equals the optimal revenue of M^I.",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=weight_readings(),
)
def t2_b2(n: int, m: int, seed: int, strict: bool, rule: str) -> bool:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, n, rule)  # type: ignore[arg-type]
    h = R.optimum(th, p, sym="all", tlo=ZERO)
    i = R.optimum(ti, pi, decreasing=True, tlo=ZERO)
    evidence(LP_EVIDENCE)
    note(OPT_H_sym=h.value, OPT_I=i.value, prior=R.js(p), prior_I=R.js(pi))
    return h.value == i.value


@claim(
    "p004/T2a.1",
    source=paper.source("Proof of Theorem 2, first equality of l.601", 601),
    statement="REV(q^H,t^H;f^H) = n! ∫_{D^I} t^H f^H for symmetric (q^H,t^H), exchangeable f^H.",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    backends=("lp",),
    role="step",
    of="p004/T2.b1",
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("strict",
                "strict grids (REGION R1)",
                kind="intended", expect="SAMPLED", strict=True, region="strict"),
        Reading("closed-R2",
                "closed grids, D^I := T^I with each type weighted 1/|Stab(v)| (REGION R2)",
                kind="alternative", expect="SAMPLED", strict=False, region="weak"),
        Reading("closed-R3",
                "closed grids, D^I := T^I_s literally (tied types in no cone, REGION R3)",
                kind="literal", expect="REFUTED", strict=False, region="literal"),
    ),
)
def t2a_1(n: int, m: int, seed: int, strict: bool, region: str) -> Forall:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    note(prior=R.js(p))
    tab, given = sym_ic(n, m, strict)
    lhs = sp.Add(*[R.rat(p[v]) * tab.t[v] for v in th])
    terms = []
    for v in ti:
        if region == "literal" and not is_strict(v):
            continue
        w = F(1, len([s for s in all_perms(n) if permute(v, s) == v])) if region == "weak" else ONE
        terms.append(R.rat(math.factorial(n) * w * p[v]) * tab.t[v])
    return Forall(
        tab.variables,
        given=given,
        then={"REV_H = n! sum_{D^I} t p": sp.Eq(lhs, sp.Add(*terms), evaluate=False)},
    )


@claim(
    "p004/T2a.2",
    source=paper.source("Proof of Theorem 2, second equality of l.601", 601),
    statement="n! ∫_{D^I} t^H f^H = ∫_{D^I} t^I f^I (t^I = t^H on D^I, f^I := n! f^H).",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    backends=("lp",),
    role="step",
    of="p004/T2.b1",
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=weight_readings(closed_r1="SAMPLED", closed_r2="REFUTED"),
)
def t2a_2(n: int, m: int, seed: int, strict: bool, rule: str) -> Forall:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, n, rule)  # type: ignore[arg-type]
    note(prior=R.js(p), prior_I=R.js(pi))
    tab, given = sym_ic(n, m, strict)
    lhs = sp.Add(*[R.rat(math.factorial(n) * p[v]) * tab.t[v] for v in ti])
    rhs = sp.Add(*[R.rat(pi[v]) * tab.t[v] for v in ti])
    return Forall(
        tab.variables,
        given=given,
        then={"n! sum t^H p^H = sum t^I p^I": sp.Eq(lhs, rhs, evaluate=False)},
    )


@claim(
    "p004/T2b",
    source=paper.source("Theorem 2, f^I := n! f^H", 236),
    statement="f^I := n! f^H on D^I is a density: ∫_{D^I} f^I = 1 (finite: Σ_{T^I} p^I = 1).",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=weight_readings(),
)
def t2b(n: int, m: int, seed: int, strict: bool, rule: str) -> dict[str, sp.Basic]:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, n, rule)  # type: ignore[arg-type]
    note(prior=R.js(p))
    total = sum(pi.values(), ZERO)
    return {"sum p^I = 1": sp.Eq(R.rat(total), 1, evaluate=False)}


# ============================================================================ X2 (l.244)


def increasing_inst(n: int, m: int) -> list[R.Vec]:
    return [
        v for v in R.grid(R.values(m + n - 2), n, strict=True) if is_sorted(v[::-1], strict=True)
    ]


@claim(
    "p004/X2",
    source=paper.source("Section 4, increasing marginal values", 244),
    statement="With increasing marginal values (v_1 <= ... <= v_n) and feasibility (1), a "
    "feasible mechanism violates the rank-preserving property.",
    over=NM,
    limit=LIM,
    uses=FIN,
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "every feasible IC+IR mechanism on the (strict) increasing grid violates RP "
                "somewhere",
                kind="literal", expect="REFUTED"),
    ),
)
def x2_r1(n: int, m: int) -> Forall:
    types = increasing_inst(n, m)
    tab = R.SymTable.free(types, tlo=ZERO)
    given = {**R.feas_rows(tab, types), **R.ic_rows(tab, types), **R.ir_rows(tab, types)}
    viol = [
        sp.Lt(tab.q[v][i], tab.q[v][j])
        for v in types
        for i in range(n)
        for j in range(n)
        if v[i] > v[j]
    ]
    return Forall(tab.variables, given=given, then={"some RP violation": sp.Or(*viol)})


def _det_menus(n: int, max_price: int) -> list[list[tuple[R.Vec, Fraction]]]:
    """Deterministic one-entry and two-entry menus of M^I (k units), in size order."""
    units = [tuple(F(1) if i < k else ZERO for i in range(n)) for k in range(1, n + 1)]
    out: list[list[tuple[R.Vec, Fraction]]] = []
    for size in (1, 2):
        for entries in itertools.combinations(units, size):
            for prices in itertools.product(range(max_price + 1), repeat=size):
                out.append([(e, F(pr)) for e, pr in zip(entries, prices, strict=True)])
    return out


def increasing_extension(tab: R.Table, th: list[R.Vec]) -> R.Table:
    """Symmetric extension of a table on the increasing cone (relabelled, l.184):
    q^s(v) = q(v^σ)^{σ^{-1}}, t^s(v) = t(v^σ), σ sorting v increasingly."""
    q, t = {}, {}
    for v in th:
        sigma = tuple(sorted(range(len(v)), key=lambda i: (v[i], i)))
        w = permute(v, sigma)
        q[v], t[v] = permute(tab.q[w], inverse(sigma)), tab.t[w]
    return R.Table(q, t)


@claim(
    "p004/X2.some",
    source=paper.source("Section 4, increasing marginal values", 244),
    statement="(X2 reading R2) Some feasible IC+IR mechanism on the increasing domain violates "
    "RP, and its symmetric extension to D^H (relabelled as in l.184) is not IC: Theorems 1 and "
    "2 do not carry over.",
    uses=FIN,
    expect="PROVED",
    analogue="a finite witness on the increasing grid {0, 1, 2}",
)
def x2_some() -> bool:
    n, m = 2, 2
    types = increasing_inst(n, m)
    th = R.grid(R.values(m), n, strict=True)
    for menu in _det_menus(n, 4):
        tab = R.menu_table(types, menu)
        if tab.ic_gain()[0] or not tab.ir_ok():
            continue
        viol = [
            (v, i, j)
            for v in types
            for i in range(n)
            for j in range(n)
            if v[i] > v[j] and tab.q[v][i] < tab.q[v][j]
        ]
        ext = increasing_extension(tab, th)
        gain, where = ext.ic_gain()
        if viol and gain > 0:
            note(
                menu=R.js_menu(menu),
                table_q=R.js(tab.q),
                table_t=R.js(tab.t),
                rp_violation=R.js_any(viol[0]),
                extension_gain=gain,
                extension_pair=R.js_any(where),
            )
            return True
    return False


# ============================================================================ Theorem 3


@claim(
    "p004/T3.a",
    source=paper.source("Theorem 3", 254),
    statement="If f^H is exchangeable, there exists an optimal mechanism which is symmetric and "
    "rank preserving: the optimal revenue over all IC+IR mechanisms equals the optimal revenue "
    "over symmetric, rank-preserving IC+IR mechanisms.",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("strict",
                "strict grids",
                kind="intended", expect="SAMPLED", strict=True, sym="all", rp="strict"),
        Reading("closed-sym1",
                "closed grids, Def 1 at strict types (TIE-SYM R1) and RP for v_i > v_j "
                "(TIE-RP R1), as printed",
                kind="literal", expect="SAMPLED", strict=False, sym="strict", rp="strict"),
        Reading("closed-sym2",
                "closed grids, Def 1 at every type (TIE-SYM R2) and RP for v_i >= v_j (TIE-RP"
                " R2)",
                kind="alternative", expect="SAMPLED", strict=False, sym="all", rp="weak"),
    ),
)
def t3_a(n: int, m: int, seed: int, strict: bool, sym: str, rp: str) -> bool:
    th, _ = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    every = R.optimum(th, p, tlo=ZERO)
    sym_rp = R.optimum(th, p, sym=sym, rp=rp, tlo=ZERO)  # type: ignore[arg-type]
    evidence(LP_EVIDENCE)
    note(OPT_all=every.value, OPT_sym_rp=sym_rp.value, prior=R.js(p))
    return every.value == sym_rp.value


def symmetrise(tab: R.Table, th: list[R.Vec], variant: str) -> tuple[list[R.Table], R.Table]:
    """(q̂(.;σ), t̂(.;σ)) for every σ and their average (q*, t*) (l.607-621).

    variant "printed": q̂(v;σ) := q^{σ^{-1}}(v^σ); "sigma": q̂(v;σ) := q^{σ}(v^σ)."""
    n = len(th[0])
    perms = all_perms(n)
    hats = []
    for s in perms:
        e = inverse(s) if variant == "printed" else s
        hats.append(
            R.Table(
                {v: permute(tab.q[permute(v, s)], e) for v in th},
                {v: tab.t[permute(v, s)] for v in th},
            )
        )
    k = len(perms)
    q = {v: tuple(sum(h.q[v][i] for h in hats) / k for i in range(n)) for v in th}
    t = {v: sum(h.t[v] for h in hats) / k for v in th}
    return hats, R.Table(q, t)


def random_ic_table(
    n: int, m: int, seed: int
) -> tuple[list[R.Vec], list[tuple[R.Vec, Fraction]], R.Table]:
    """An IC+IR table on the closed grid {0..m}^n from a random (asymmetric) menu."""
    th = R.grid(R.values(m), n, strict=False)
    rng = random.Random(seed)
    menu = R.random_menu(n, rng, size=1 + seed % 4, deterministic=seed % 3 == 0, decreasing=False)
    return th, menu, R.menu_table(th, menu)


T3B = {"n": Ints(2), "seed": Samples(9, "random menus")}


def _t3b_setup(
    n: int, seed: int, variant: str
) -> tuple[list[R.Vec], R.Table, list[R.Table], R.Table]:
    m = 3 if n == 2 else 2
    th, menu, tab = random_ic_table(n, m, seed)
    assert tab.ic_gain()[0] == 0 and tab.ir_ok()
    hats, star = symmetrise(tab, th, variant)
    note(menu=R.js_menu(menu), grid=f"{{0..{m}}}^{n}")
    return th, tab, hats, star


def _t3b_readings(sigma_expect: str = "REFUTED") -> tuple[Reading, Reading]:
    """The readings of every T3.b step: q-hat with the printed exponent sigma^{-1} (l.609),
    and the variant with sigma, which shows that the printed exponent matters."""
    return (
        Reading("printed", "q̂(v;σ) := q^{σ^{-1}}(v^σ) (as printed, l.609)",
                kind="intended", expect="SAMPLED", variant="printed"),
        Reading("sigma", "variant q̂(v;σ) := q^{σ}(v^σ) (exponent σ instead of σ^{-1})",
                kind="alternative", expect=sigma_expect, variant="sigma", role="variant",
                deviation="exponent sigma instead of the printed sigma^{-1} in the definition "
                          "of q-hat (l.609), to show the printed exponent matters"),
    )


@claim(
    "p004/T3.b.hat",
    source=paper.source("Proof of Theorem 3, (q̂, t̂) IC and IR", 607, 615),
    statement="For an IC+IR (q,t) on D̄^H and every σ, (q̂(.;σ), t̂(.;σ)) is IC and IR.",
    over=T3B,
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    analogue="random menus on {0..3}^2 and {0..2}^3",
    readings=_t3b_readings(),
)
def t3b_hat(n: int, seed: int, variant: str) -> bool:
    th, _, hats, _ = _t3b_setup(n, seed, variant)
    for s, h in zip(all_perms(n), hats, strict=True):
        gain, where = h.ic_gain()
        if gain > 0 or not h.ir_ok():
            note(sigma=s, gain=gain, pair=R.js_any(where))
            return False
    return True


@claim(
    "p004/T3.b.star",
    source=paper.source("Proof of Theorem 3, (q*, t*) IC and IR", 617, 623),
    statement="(q*, t*) := (1/n!) Σ_σ (q̂(.;σ), t̂(.;σ)) is IC and IR (a convex combination of IC "
    "and IR mechanisms).",
    over=T3B,
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    analogue="random menus on {0..3}^2 and {0..2}^3",
    readings=_t3b_readings(),
)
def t3b_star(n: int, seed: int, variant: str) -> bool:
    _, _, _, star = _t3b_setup(n, seed, variant)
    gain, where = star.ic_gain()
    note(gain=gain, pair=R.js_any(where))
    return gain == 0 and star.ir_ok()


@claim(
    "p004/T3.b.sym",
    source=paper.source("Proof of Theorem 3, (q*, t*) symmetric", 625, 629),
    statement="(q*, t*) is symmetric: t*(v^σ̌) = t*(v), q*(v^σ̌) = (q*)^σ̌(v) for every σ̌ and "
    "every v of the closed grid (ties included).",
    over=T3B,
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    analogue="random menus on {0..3}^2 and {0..2}^3",
    readings=_t3b_readings(),
)
def t3b_sym(n: int, seed: int, variant: str) -> bool:
    th, _, _, star = _t3b_setup(n, seed, variant)
    for v in th:
        for s in all_perms(n):
            w = permute(v, s)
            if star.t[w] != star.t[v] or star.q[w] != permute(star.q[v], s):
                note(
                    v=R.show(v),
                    sigma=s,
                    q_at_vsigma=R.show(star.q[w]),
                    q_sigma=R.show(permute(star.q[v], s)),
                )
                return False
    return True


@claim(
    "p004/T3.b.rev",
    source=paper.source("Proof of Theorem 3, equal revenue", 631, 635),
    statement="REV(q*,t*;f^H) = REV(q,t;f^H) for every exchangeable f^H (finite: for every "
    "exchangeable pmf, i.e. the orbit sums of t* and t agree).",
    over=T3B,
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    analogue="random menus on {0..3}^2 and {0..2}^3",
    readings=_t3b_readings(sigma_expect="SAMPLED"),
)
def t3b_rev(n: int, seed: int, variant: str) -> bool:
    th, tab, _, star = _t3b_setup(n, seed, variant)
    for v in {R.rep(v) for v in th}:
        orb = orbit(v)
        if sum((star.t[w] for w in orb), ZERO) != sum((tab.t[w] for w in orb), ZERO):
            note(orbit=R.show(v))
            return False
    return True


@claim(
    "p004/T3.b.rp",
    source=paper.source("Proof of Theorem 3, (q*, t*) rank preserving (by Theorem 1)", 635),
    statement="(q*, t*) is rank preserving: v_i > v_j implies q*_i(v) >= q*_j(v).",
    over=T3B,
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    analogue="random menus on {0..3}^2 and {0..2}^3",
    readings=_t3b_readings(),
)
def t3b_rp(n: int, seed: int, variant: str) -> bool:
    th, _, _, star = _t3b_setup(n, seed, variant)
    for v in th:
        for i, j in itertools.permutations(range(n), 2):
            if v[i] > v[j] and star.q[v][i] < star.q[v][j]:
                note(v=R.show(v), i=i + 1, j=j + 1, q=R.show(star.q[v]))
                return False
    return True


# ---------------------------------------------------------------------------- T3a (l.613)

PERMS_N = {"n": Ints(2)}


def _t3a_symbols(
    n: int,
) -> tuple[list[sp.Symbol], list[sp.Symbol], list[sp.Symbol], list[sp.Symbol]]:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    vv = list(sp.symbols(f"vc1:{n + 1}", real=True))  # v̌
    x = list(sp.symbols(f"x1:{n + 1}", real=True))  # q(v^σ)
    y = list(sp.symbols(f"y1:{n + 1}", real=True))  # q(v̌^σ)
    return v, vv, x, y


@claim(
    "p004/T3a.1",
    source=paper.source("Proof of Theorem 3, display l.613, links 2 and 4", 613),
    statement="v·q^{σ^{-1}}(w) = v^σ·q(w) for every v, allocation q(w) and σ "
    "(the identity behind the 2nd and 4th equalities of l.613).",
    over=PERMS_N,
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
    role="step",
    of="p004/T3.a",
)
def t3a_identity(n: int) -> Forall:
    v, _, x, _ = _t3a_symbols(n)
    then = {}
    for s in all_perms(n):
        lhs = R.dot(v, permute(x, inverse(s)))
        rhs = R.dot(permute(v, s), x)
        then[f"sigma={s}"] = sp.Eq(lhs, rhs, evaluate=False)
    return Forall({**{a: Reals() for a in v}, **{a: Reals(0, 1) for a in x}}, then=then)


@claim(
    "p004/T3a.3",
    source=paper.source("Proof of Theorem 3, display l.613, the IC step", 613),
    statement="v^σ·q(v^σ) − t(v^σ) >= v^σ·q(v̌^σ) − t(v̌^σ) 'since (q,t) is IC' (IC of type "
    "v^σ against the report v̌^σ) gives v·q̂(v;σ) − t̂(v;σ) >= v·q̂(v̌;σ) − t̂(v̌;σ), for "
    "every σ.",
    over=PERMS_N,
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
    role="step",
    of="p004/T3.a",
)
def t3a_ic(n: int) -> Forall:
    v, _, x, y = _t3a_symbols(n)
    ta, tb = sp.symbols("t_vs t_vcs", real=True)
    then = {}
    for s in all_perms(n):
        vs = permute(v, s)
        hyp = sp.Ge(R.dot(vs, x) - ta, R.dot(vs, y) - tb, evaluate=False)
        concl = sp.Ge(
            R.dot(v, permute(x, inverse(s))) - ta,
            R.dot(v, permute(y, inverse(s))) - tb,
            evaluate=False,
        )
        then[f"σ={s}"] = sp.Implies(hyp, concl, evaluate=False)  # σ = id: hyp is concl
    return Forall(
        {**{a: Reals() for a in v}, **{a: Reals(0, 1) for a in [*x, *y]}, ta: Reals(), tb: Reals()},
        then=then,
    )


@claim(
    "p004/T3a.5",
    source=paper.source("Proof of Theorem 3, display l.613, last equality", 613),
    statement="v·q^{σ^{-1}}(v̌^σ) − t(v̌^σ) = v·q̂(v̌;σ) − t(v̌;σ), last line as printed.",
    over={"n": Ints(2)},
    limit={"n": 3},
    uses=FIN,
    role="step",
    of="p004/T3.a",
    readings=(
        Reading("hat",
                "t(v̌;σ) read as t̂(v̌;σ) = t(v̌^σ)",
                kind="intended", expect="CHECKED", literal=False),
        Reading("literal",
                "t(v̌;σ) read as the original payment t(v̌)",
                kind="literal", expect="REFUTED", literal=True),
    ),
)
def t3a_last(n: int, literal: bool) -> Forall:
    """The table is generic on the orbit of a strict v̌: one payment symbol per permutation."""
    v, _, _, y = _t3a_symbols(n)
    tpay = {s: sp.Symbol(f"t_vc^{''.join(str(i + 1) for i in s)}", real=True) for s in all_perms(n)}
    ident = tuple(range(n))
    then = {}
    for s in all_perms(n):
        lhs = R.dot(v, permute(y, inverse(s))) - tpay[s]
        rhs = R.dot(v, permute(y, inverse(s))) - (tpay[ident] if literal else tpay[s])
        then[f"σ={s}"] = sp.Eq(lhs, rhs, evaluate=False)
    return Forall(
        {
            **{a: Reals() for a in v},
            **{a: Reals(0, 1) for a in y},
            **{a: Reals(0) for a in tpay.values()},
        },
        then=then,
    )


# ---------------------------------------------------------------------------- T3b (l.625-629)


def _product(perms: list[tuple[int, ...]], comp: str) -> tuple[int, ...]:
    """The printed product a1 a2 ... ak: a1∘a2∘...∘ak (COMP R1) or ak∘...∘a1 (COMP R2)."""
    seq = perms if comp == "R1" else perms[::-1]
    out = seq[0]
    for p in seq[1:]:
        out = compose(out, p)
    return out


class OrbitTable:
    """A generic table on the orbit {v^π} of a strict v: Q[π] = q(v^π), T[π] = t(v^π)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.perms = all_perms(n)
        self.v0 = tuple(F(n - i) for i in range(n))  # (n, ..., 1): a strict type
        lab = {s: "".join(str(i + 1) for i in s) for s in self.perms}
        self.Q = {
            s: tuple(sp.Symbol(f"q[v^{lab[s]}]_{i + 1}", real=True) for i in range(n))
            for s in self.perms
        }
        self.T = {s: sp.Symbol(f"t[v^{lab[s]}]", real=True) for s in self.perms}
        self.P = {s: sp.Symbol(f"f[v^{lab[s]}]", real=True) for s in self.perms}

    def variables(self, with_p: bool = False, exch: bool = False) -> dict[sp.Symbol, Reals]:
        out: dict[sp.Symbol, Reals] = {}
        for s in self.perms:
            out.update({a: Reals(0, 1) for a in self.Q[s]})
            out[self.T[s]] = Reals(0)
            if with_p and (not exch or s == self.perms[0]):
                out[self.P[s]] = Reals(0)
        return out

    def ic_ir(self) -> dict[str, sp.Basic]:
        """IC and IR of the table on the orbit {v0^π} (a permutation-closed type space)."""
        out: dict[str, sp.Basic] = {}
        for a in self.perms:
            va = permute(self.v0, a)
            own = R._lin(va, self.Q[a]) - self.T[a]
            out[f"IR v^{a}"] = sp.Ge(own, 0)
            for b in self.perms:
                if a != b:
                    out[f"IC v^{a}->v^{b}"] = sp.Ge(own, R._lin(va, self.Q[b]) - self.T[b])
        return out

    def p(self, s: tuple[int, ...], exch: bool) -> sp.Symbol:
        return self.P[self.perms[0]] if exch else self.P[s]

    def avg(self, vecs: list[tuple[sp.Expr, ...]]) -> tuple[sp.Expr, ...]:
        k = len(vecs)
        return tuple(sp.Add(*col) / k for col in zip(*vecs, strict=True))


def _t3b_lines(o: OrbitTable, c: tuple[int, ...], comp: str) -> list[tuple[sp.Expr, ...]]:
    """The q-lines of l.627 at σ̌ = c, in printed order (L0 .. L6)."""
    ps = o.perms
    inv = inverse
    L0 = o.avg([permute(o.Q[compose(c, s)], inv(s)) for s in ps])  # q*(v^σ̌) by definition
    L1 = L0  # (1/n!) Σ_σ q̂(v^σ̌; σ): the definition of q*
    L2 = o.avg([permute(o.Q[_product([c, s], comp)], inv(s)) for s in ps])
    L3 = o.avg(
        [permute(o.Q[_product([c, s], comp)], _product([c, inv(s), inv(s)], comp)) for s in ps]
    )
    L4 = o.avg([permute(o.Q[s2], _product([c, inv(s2)], comp)) for s2 in ps])
    L5 = o.avg([permute(permute(o.Q[s2], inv(s2)), c) for s2 in ps])  # (q̂(v;σ'))^σ̌
    L6 = permute(o.avg([permute(o.Q[s], inv(s)) for s in ps]), c)  # (q*)^σ̌(v)
    return [L0, L1, L2, L3, L4, L5, L6]


T3B_LINKS = {
    "q1": (1, 2, "(1/n!) Σ_σ q̂(v^σ̌;σ) = (1/n!) Σ_σ q^{σ^{-1}}(v^{σ̌σ})", "CHECKED", "REFUTED"),
    "q2": (
        2,
        3,
        "(1/n!) Σ_σ q^{σ^{-1}}(v^{σ̌σ}) = (1/n!) Σ_σ q^{σ̌σ^{-1}σ^{-1}}(v^{σ̌σ})",
        "REFUTED",
        "REFUTED",
    ),
    "q3": (
        3,
        4,
        "(1/n!) Σ_σ q^{σ̌σ^{-1}σ^{-1}}(v^{σ̌σ}) = (1/n!) Σ_σ' q^{σ̌(σ')^{-1}}(v^{σ'})",
        "REFUTED",
        "REFUTED",
    ),
    "q4": (
        4,
        5,
        "(1/n!) Σ_σ' q^{σ̌(σ')^{-1}}(v^{σ'}) = (1/n!) Σ_σ' q̂^{σ̌}(v;σ')",
        "REFUTED",
        "CHECKED",
    ),
    "q5": (5, 6, "(1/n!) Σ_σ' q̂^{σ̌}(v;σ') = (q*)^{σ̌}(v)", "CHECKED", "CHECKED"),
    "q-ends": (
        0,
        6,
        "q*(v^σ̌) = (q*)^{σ̌}(v) (first and last member of the chain)",
        "CHECKED",
        "CHECKED",
    ),
}


def _register_t3b(key: str) -> None:
    a, b, text, e1, e2 = T3B_LINKS[key]

    @claim(
        f"p004/T3b.{key}",
        source=paper.source("Proof of Theorem 3, display l.627 (σ' = σ̌σ)", 627, 629),
        statement=f"For every IC+IR table on the orbit of the strict type v = (n, ..., 1) "
        f"and every σ̌: {text}.",
        over={"n": Ints(2)},
    limit={"n": 3},
        uses=FIN,
        backends=("sympy", "z3"),
        role="step",
        of="p004/T3.a",
        readings=(
            Reading("R1", "σ̌σ := σ̌∘σ (COMP R1)", kind="intended", expect=e1, comp="R1"),
            Reading("R2", "σ̌σ := σ∘σ̌ (COMP R2)", kind="alternative", expect=e2, comp="R2"),
        ),
    )
    def link(n: int, comp: str) -> Forall:
        o = OrbitTable(n)
        then = {}
        for c in o.perms:
            lines = _t3b_lines(o, c, comp)
            for i in range(n):
                then[f"σ̌={c} coordinate {i + 1}"] = sp.Eq(
                    lines[a][i], lines[b][i], evaluate=False
                )
        return Forall(o.variables(), given=o.ic_ir(), then=then)


for _key in T3B_LINKS:
    _register_t3b(_key)


@claim(
    "p004/T3b.t",
    source=paper.source("Proof of Theorem 3, display l.627, payment chain", 627),
    statement="t*(v^σ̌) = (1/n!) Σ_σ t̂(v^σ̌;σ) = (1/n!) Σ_σ t(v^{σ̌σ}) = (1/n!) Σ_σ' t(v^σ') "
    "= (1/n!) Σ_σ' t̂(v;σ') = t*(v), each equality for every σ̌.",
    over={"n": Ints(2)},
    limit={"n": 3},
    uses=FIN,
    backends=("sympy", "lp"),
    role="step",
    of="p004/T3.a",
    readings=(
        Reading("R1", "σ̌σ := σ̌∘σ (COMP R1)", kind="intended", expect="CHECKED", comp="R1"),
        Reading("R2", "σ̌σ := σ∘σ̌ (COMP R2)", kind="alternative", expect="CHECKED", comp="R2"),
    ),
)
def t3b_t(n: int, comp: str) -> Forall:
    o = OrbitTable(n)
    k = len(o.perms)
    then = {}
    for c in o.perms:
        line = [
            sp.Add(*[o.T[compose(c, s)] for s in o.perms]) / k,  # Σ t̂(v^σ̌;σ)
            sp.Add(*[o.T[_product([c, s], comp)] for s in o.perms]) / k,
            sp.Add(*[o.T[s] for s in o.perms]) / k,
            sp.Add(*[o.T[s] for s in o.perms]) / k,
        ]  # Σ t̂(v;σ') = Σ t(v^σ')
        for j in range(len(line) - 1):
            then[f"σ̌={c} link {j + 2}"] = sp.Eq(line[j], line[j + 1], evaluate=False)
    return Forall(o.variables(), given=o.ic_ir(), then=then)


# ---------------------------------------------------------------------------- T3c (l.633-635)

T3C_TEXT = {
    "exch": "exchangeable f^H (f constant on the orbit)",
    "arbitrary": "arbitrary f^H (no exchangeability)",
}


def _t3c_lines(o: OrbitTable, exch: bool) -> list[sp.Expr]:
    ps = o.perms
    k = len(ps)
    f = o.p
    tstar = {w: sp.Add(*[o.T[compose(w, s)] for s in ps]) / k for w in ps}
    return [
        sp.Add(*[tstar[w] * f(w, exch) for w in ps]),  # ∫ t* f
        sp.Add(*[sp.Add(*[o.T[compose(w, s)] for s in ps]) / k * f(w, exch) for w in ps]),
        sp.Add(
            *[sp.Add(*[o.T[compose(w, s)] * f(compose(w, s), exch) for s in ps]) / k for w in ps]
        ),
        sp.Add(*[sp.Add(*[o.T[compose(w, s)] * f(compose(w, s), exch) for w in ps]) for s in ps])
        / k,
        sp.Add(*[sp.Add(*[o.T[w] * f(w, exch) for w in ps]) for _s in ps]) / k,
        sp.Add(*[o.T[w] * f(w, exch) for w in ps]),  # REV(q,t)
    ]


def _register_t3c(link: int, exch_text: str, e_exch: str, e_arb: str) -> None:
    says = (f"Equality {link} of the revenue chain of l.633 ({exch_text}), summing over the "
            "orbit of the strict type (n, ..., 1), for every IC+IR table on that orbit.")

    @claim(
        f"p004/T3c.{link}",
        source=paper.source("Proof of Theorem 3, display l.633", 633, 635),
        statement=says,
        over={"n": Ints(2)},
        limit={"n": 3},
        uses=FIN,
        backends=("sympy", "z3"),
        role="step",
        of="p004/T3.a",
        readings=(
            Reading("exch", T3C_TEXT["exch"], kind="intended", expect=e_exch, exch=True),
            Reading("arbitrary", T3C_TEXT["arbitrary"], kind="alternative", expect=e_arb,
                    exch=False, role="variant",
                    deviation="exchangeability of f^H dropped, to locate where the proof of "
                              "l.633 uses it"),
        ),
    )
    def eq(n: int, exch: bool) -> Forall:
        o = OrbitTable(n)
        lines = _t3c_lines(o, exch)
        return Forall(
            o.variables(with_p=True, exch=exch),
            given=o.ic_ir(),
            then={f"equality {link}": sp.Eq(lines[link - 2], lines[link - 1], evaluate=False)},
        )


_register_t3c(2, "definition of t*", "CHECKED", "CHECKED")
_register_t3c(3, "'exchangeability used' here", "CHECKED", "REFUTED")
_register_t3c(4, "exchange of sum and integral", "CHECKED", "CHECKED")
_register_t3c(5, "change of variables v -> v^σ; 'exchangeability used' here", "CHECKED", "CHECKED")
_register_t3c(6, "n! equal terms", "CHECKED", "CHECKED")


@claim(
    "p004/T3c.ends",
    source=paper.source("Proof of Theorem 3, display l.633", 633, 635),
    statement="REV(q*,t*;f^H) = REV(q,t;f^H) (first and last member of l.633).",
    over={"n": Ints(2)},
    limit={"n": 3},
    uses=FIN,
    backends=("sympy", "z3"),
    role="step",
    of="p004/T3.a",
    readings=(
        Reading("exch",
                "exchangeable f^H (f constant on the orbit)",
                kind="intended", expect="CHECKED", exch=True),
        Reading("arbitrary",
                "arbitrary f^H (no exchangeability)",
                kind="alternative", expect="REFUTED", exch=False,
                role="variant",
                deviation="exchangeability of f^H dropped, to locate where the proof of l.633 "
                          "uses it"),
    ),
)
def t3c_ends(n: int, exch: bool) -> Forall:
    o = OrbitTable(n)
    lines = _t3c_lines(o, exch)
    return Forall(
        o.variables(with_p=True, exch=exch),
        given=o.ic_ir(),
        then={"ends": sp.Eq(lines[0], lines[-1])},
    )


# ---------------------------------------------------------------------------- FN20 (l.641)


@claim(
    "p004/FN20",
    source=paper.source("Footnote 20", 641),
    statement="Even if (q,t) is deterministic (and asymmetric), the mechanism (q*,t*) may be "
    "random: some deterministic IC+IR table has a symmetrisation with an entry in (0,1).",
    uses=FIN,
    expect="PROVED",
    analogue="a finite witness on {0, 1}^2",
    note="footnote 20 (a remark on the proof of Theorem 3)",
)
def fn20() -> bool:
    n, m = 2, 1
    th = R.grid(R.values(m), n, strict=False)
    units = [(F(1), ZERO), (ZERO, F(1)), (F(1), F(1))]
    for size in (1, 2):
        for entries in itertools.combinations(units, size):
            for prices in itertools.product(range(3), repeat=size):
                menu = [(e, F(pr)) for e, pr in zip(entries, prices, strict=True)]
                tab = R.menu_table(th, menu)
                if tab.ic_gain()[0] or not tab.ir_ok():
                    continue
                _, star = symmetrise(tab, th, "printed")
                frac = [(v, a) for v in th for a in star.q[v] if 0 < a < 1]
                if frac:
                    note(
                        menu=R.js_menu(menu),
                        q=R.js(tab.q),
                        t=R.js(tab.t),
                        q_star=R.js(star.q),
                        fractional_at=R.show(frac[0][0]),
                    )
                    return tab.ic_gain()[0] == 0 and star.ic_gain()[0] == 0
    return False


# ============================================================================ Corollary 1


@claim(
    "p004/C1",
    source=paper.source("Corollary 1", 258, 260),
    statement="Mechanisms of M^I and M^H that map into each other by Def 4: one is optimal "
    "in its model iff the other is optimal in its model (finite: the extension of an "
    "optimal M^I table is optimal among all IC+IR tables of M^H, the restriction of an "
    "optimal symmetric M^H table is optimal in M^I, and corresponding tables earn equal "
    "revenue).",
    over=NMS,
    limit=LIMS,
    uses=FIN,
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=weight_readings(),
)
def c1(n: int, m: int, seed: int, strict: bool, rule: str) -> bool:
    th, ti = inst(n, m, strict)
    assume(bool(th))
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, n, rule)  # type: ignore[arg-type]
    opt_h = R.optimum(th, p, tlo=ZERO)  # all IC+IR tables of M^H
    opt_hs = R.optimum(th, p, sym="all", tlo=ZERO)  # a symmetric optimum
    opt_i = R.optimum(ti, pi, decreasing=True, tlo=ZERO)
    evidence(LP_EVIDENCE)
    i_tab = opt_i.table
    q_ext = {}
    t_ext = {}
    for v in th:  # stable-sort extension: agrees with the M^I table on every type of T^I
        s = sorted(range(n), key=lambda i: (-v[i], i))
        w = permute(v, tuple(s))
        q_ext[v], t_ext[v] = permute(i_tab.q[w], inverse(tuple(s))), i_tab.t[w]
    ext = R.Table(q_ext, t_ext)
    ext_ok = ext.ic_gain()[0] == 0 and ext.ir_ok()
    rev_ext = ext.revenue(p)
    res = R.Table({v: opt_hs.table.q[v] for v in ti}, {v: opt_hs.table.t[v] for v in ti})
    res_ok = (
        res.ic_gain()[0] == 0
        and res.ir_ok()
        and all(a >= b for v in ti for a, b in itertools.pairwise(res.q[v]))
    )
    rev_res = res.revenue(pi)
    note(
        OPT_H=opt_h.value,
        OPT_I=opt_i.value,
        REV_H_of_extension=rev_ext,
        REV_I_of_restriction=rev_res,
        extension_ic_ir=ext_ok,
        restriction_feasible=res_ok,
    )
    return ext_ok and res_ok and rev_ext == opt_h.value and rev_res == opt_i.value


# ======================================================================= W1 (taxation, l.277-311)


def sym_quadratic(
    x: list[sp.Expr], a: sp.Symbol, b: sp.Symbol, c: sp.Symbol, d: sp.Symbol
) -> sp.Expr:
    """The general symmetric polynomial of degree <= 2 in x."""
    n = len(x)
    return (
        a * sp.Add(*[xi**2 for xi in x])
        + b * sp.Add(*[x[i] * x[j] for i in range(n) for j in range(i + 1, n)])
        + c * sp.Add(*x)
        + d
    )


@claim(
    "p004/W1a",
    source=paper.source("Section 4.2, taxation, symmetric V", 301, 303),
    statement="If V is symmetric and (q,t) is symmetric: V(q(v)) = V(q^σ(v)) = V(q(v^σ)) and "
    "t(v) = t(v^σ), for every σ (V: the general symmetric polynomial of degree <= 2; "
    "q(v^σ) = q(v)^σ by Def 1).",
    over={"n": Ints(2)},
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
)
def w1a(n: int) -> Forall:
    x = list(sp.symbols(f"x1:{n + 1}", real=True))
    a, b, c, d = sp.symbols("a b c d", real=True)
    then = {}
    for s in all_perms(n):
        xs = list(permute(tuple(x), s))
        then[f"σ={s}"] = sp.Eq(
            sym_quadratic(x, a, b, c, d), sym_quadratic(xs, a, b, c, d), evaluate=False
        )
    return Forall(
        {**{xi: Reals(0, 1) for xi in x}, a: Reals(), b: Reals(), c: Reals(), d: Reals()}, then=then
    )


@claim(
    "p004/W1b",
    source=paper.source("Section 4.2, taxation, welfare on each cone", 305, 309),
    statement="For symmetric V, symmetric (q,t) and exchangeable f^H: ∫_{D(σ)} [λV(q(v)) + "
    "(1−λ)t(v)] f^H(v) dv = ∫_{D(σ^I)} [λV(q(v^σ)) + (1−λ)t(v^σ)] f^H(v^σ) dv^σ, so every D(σ) "
    "gives the same expected welfare (finite: sums over the cones of the strict grid "
    "{0..n-1}^n, V the general symmetric quadratic, every symmetric IC+IR table).",
    over={"n": Ints(2)},
    limit={"n": 3},
    uses=FIN,
    backends=("sympy", "z3", "search"),
    readings=(
        Reading("exch",
                "exchangeable f^H (f constant on the orbit)",
                kind="intended", expect="CHECKED", exch=True),
        Reading("arbitrary",
                "arbitrary f^H (no exchangeability)",
                kind="alternative", expect="REFUTED", exch=False,
                role="variant",
                deviation="exchangeability of f^H dropped, to show it is needed"),
    ),
)
def w1b(n: int, exch: bool) -> Forall:
    th, ti = strict_inst(n, 1)
    lam, a, b, c, d = sp.symbols("lambda a b c d", real=True)
    tab, given = sym_ic(n, 1, True)
    pv = {v: sp.Symbol(f"f{R.show(R.rep(v) if exch else v)}", real=True) for v in th}
    variables: dict[sp.Symbol, Reals] = dict(tab.variables)
    variables.update({s: Reals(0) for s in dict.fromkeys(pv.values())})
    variables.update({lam: Reals(0, 1), a: Reals(), b: Reals(), c: Reals(), d: Reals()})

    def welfare(v: R.Vec) -> sp.Expr:
        return lam * sym_quadratic(list(tab.q[v]), a, b, c, d) + (1 - lam) * tab.t[v]

    identity = tuple(range(n))
    then = {}
    for s in all_perms(n):
        if s == identity:
            continue
        cone_s = [v for v in th if is_sorted(permute(v, s), strict=True)]
        lhs = sp.Add(*[welfare(v) * pv[v] for v in cone_s])
        rhs = sp.Add(*[welfare(w) * pv[w] for w in ti])
        then[f"cone σ={s} = cone σ^I"] = sp.Eq(lhs, rhs, evaluate=False)
    return Forall(variables, given=given, then=then)


def _welfare_opt(
    types: list[R.Vec],
    weights: dict[R.Vec, Fraction],
    lam: Fraction,
    shape: str,
    *,
    sym: str | None,
    decreasing: bool,
    ir: bool,
) -> Fraction | None:
    """max Σ w(v)[λ V(q(v)) + (1−λ) t(v)] over IC (+IR) tables, V symmetric:
    linear V = Σ q_i, concave V = Σ min(q_i, 1/2), convex V = max_i q_i − min_i q_i (n = 2:
    |q_1 − q_2|). Convex V: maximum over the choice of a linear piece per type (exhaustive,
    each an exact LP). None when the LP is unbounded (certified ray)."""
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve
    from verify.mech.revenue import menu_lp

    n = len(types[0])
    idx = {v: k for k, v in enumerate(types)}
    base = menu_lp(types, [F(1, len(types))] * len(types), symmetric=(sym == "all"))
    rows = [c for c in base.constraints if ir or not c.name.startswith("IR[")]
    for v in types:
        rows.append(Constraint(f"PAY[{idx[v]}]", {f"p[{idx[v]}]": ONE}, ">=", ZERO))
        if decreasing:
            for i in range(n - 1):
                rows.append(
                    Constraint(
                        f"DEC[{idx[v]}][{i}]",
                        {f"q[{idx[v]}][{i}]": ONE, f"q[{idx[v]}][{i + 1}]": -ONE},
                        ">=",
                    )
                )
    if sym == "strict":
        raise ValueError("not used")
    variables = list(base.variables)
    obj: dict[str, Fraction] = {}
    for v in types:
        k = idx[v]
        obj[f"p[{k}]"] = obj.get(f"p[{k}]", ZERO) + (1 - lam) * weights[v]
        if shape == "linear":
            for i in range(n):
                obj[f"q[{k}][{i}]"] = obj.get(f"q[{k}][{i}]", ZERO) + lam * weights[v]
        elif shape == "concave":
            for i in range(n):
                z = f"z[{k}][{i}]"
                variables.append(Variable(z, None, F(1, 2)))
                rows.append(Constraint(f"Z[{k}][{i}]", {z: ONE, f"q[{k}][{i}]": -ONE}, "<="))
                obj[z] = lam * weights[v]
    pieces = [(i, j) for i in range(n) for j in range(n) if i != j]
    choices = (
        [None]
        if shape != "convex" or lam == 0
        else list(itertools.product(pieces, repeat=len(types)))
    )
    best: Fraction | None = None
    for choice in choices:
        o = dict(obj)
        if choice is not None:
            for v, (i, j) in zip(types, choice, strict=True):
                k = idx[v]
                o[f"q[{k}][{i}]"] = o.get(f"q[{k}][{i}]", ZERO) + lam * weights[v]
                o[f"q[{k}][{j}]"] = o.get(f"q[{k}][{j}]", ZERO) - lam * weights[v]
        res = solve(LinearProgram(tuple(variables), o, tuple(rows), "max"))
        if res.status == "unbounded":
            return None
        if res.status != "optimal" or res.value is None:
            raise ValueError(f"welfare LP {res.status}")
        res.verify()
        if best is None or res.value > best:
            best = res.value
    return best


@claim(
    "p004/W1c",
    source=paper.source("Section 4.2, taxation: 'Theorems 1-3 imply ...'", 311),
    statement="With symmetric V and exchangeable f^H, the planner's optimum over all IC "
    "(+IR) tax mechanisms of M^H equals the optimum over symmetric ones and the optimum of "
    "the identical-goods model M^I (weights |orbit(v)| p(v)); V linear Σq_i (λ in {0, 1/2, "
    "1}), concave "
    "Σ min(q_i, 1/2) (λ in {1/2, 1}), convex |q_1 − q_2| (λ = 1/2); n = 2, strict grid "
    "{0,1,2}^2.",
    over={"seed": Samples(2, "exchangeable pmfs (seed 0 uniform, 1 random i.i.d.)")},
    uses=FIN,
    note="the weight λ in [0, 1] is checked at the listed values only and the pmfs are "
         "sampled, so the verdict is at most SAMPLED",
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("W-IR1",
                "IC only (l.279, as printed); unbounded programs compare as +inf",
                kind="intended", expect="SAMPLED", ir=False),
        Reading("W-IR2", "IC and IR", kind="alternative", expect="SAMPLED", ir=True),
    ),
)
def w1c(seed: int, ir: bool) -> bool:
    th, ti = strict_inst(2, 2)
    p = R.exch_pmf(th, seed)
    pi = R.weights_I(p, 2, "orbit")
    results = {}
    cases = {"linear": (ZERO, F(1, 2), ONE), "concave": (F(1, 2), ONE), "convex": (F(1, 2),)}
    for shape, lams in cases.items():
        for lam in lams:
            a = _welfare_opt(th, p, lam, shape, sym=None, decreasing=False, ir=ir)
            s = _welfare_opt(th, p, lam, shape, sym="all", decreasing=False, ir=ir)
            i = _welfare_opt(ti, pi, lam, shape, sym=None, decreasing=True, ir=ir)
            results[f"{shape}, lambda={lam}"] = [a, s, i]
            if not (a == s == i):
                note(at=f"{shape}, lambda={lam}", OPT_all=a, OPT_sym=s, OPT_I=i)
                return False
    evidence(LP_EVIDENCE)
    note(optima={k: [("unbounded" if x is None else x) for x in v] for k, v in results.items()})
    return True


# ======================================================================= 5.1 revenue monotonicity


@claim(
    "p004/RM0",
    source=paper.source("Section 5.1: optimal revenue monotone for a single object", 319),
    statement="For a single object (n = 1), if F~ first-order stochastically dominates F then "
    "the optimal revenue under F~ is at least the optimal revenue under F (values {0..m}; "
    "optimal revenue max_x x·P(X >= x); S, S~ the survival functions).",
    over={"m": Ints(1)},
    limit={"m": 6},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
)
def rm0(m: int) -> Forall:
    s = list(sp.symbols(f"S1:{m + 1}", real=True))  # S(x) = P(X >= x), x = 1..m
    st = list(sp.symbols(f"St1:{m + 1}", real=True))
    given = {}
    for a, tag in ((s, ""), (st, "~")):
        for x in range(m - 1):
            given[f"S{tag} decreasing at {x + 1}"] = sp.Ge(a[x], a[x + 1])
    for x in range(m):
        given[f"FOSD at {x + 1}"] = sp.Ge(st[x], s[x])
    opt = sp.Max(*[(x + 1) * s[x] for x in range(m)])
    opt_t = sp.Max(*[(x + 1) * st[x] for x in range(m)])
    return Forall(
        {a: Reals(0, 1) for a in [*s, *st]},
        given=given,
        then={"OPT(F~) >= OPT(F)": sp.Ge(opt_t, opt)},
    )


@claim(
    "p004/RM0.lp",
    source=paper.source("Section 5.1: optimal revenue monotone for a single object", 319),
    statement="(RM0 with the optimum as a certified LP over all IC+IR one-item mechanisms.) "
    "For random pmfs p on {0..m} and p~ obtained from p by moving mass upwards (so p~ FOSD "
    "p): OPT(p~) >= OPT(p).",
    over={"m": Ints(1), "seed": Samples(5, "random pmfs and upward shifts")},
    limit={"m": 4},
    uses=FIN,
    expect="SAMPLED",
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
)
def rm0_lp(m: int, seed: int) -> bool:
    types = [(F(x),) for x in range(m + 1)]
    p = R.random_pmf(types, seed)
    rng = random.Random(seed)
    pt = dict(p)
    for _ in range(3):  # move a random share of the mass of x to a random y >= x
        x = rng.randrange(m + 1)
        y = rng.randrange(x, m + 1)
        share = pt[types[x]] * F(rng.randint(0, 4), 4)
        pt[types[x]] -= share
        pt[types[y]] += share
    a = R.optimum(types, p, tlo=ZERO)
    b = R.optimum(types, pt, tlo=ZERO)
    evidence(LP_EVIDENCE)
    note(p=R.js(p), p_tilde=R.js(pt), OPT_p=a.value, OPT_p_tilde=b.value)
    return b.value >= a.value


def leq(a: R.Vec, b: R.Vec) -> bool:
    return all(x <= y for x, y in zip(a, b, strict=True))


def min_revenue_shift(
    types: list[R.Vec], t: dict[R.Vec, Fraction], order: str
) -> tuple[Fraction, dict[R.Vec, Fraction], dict[R.Vec, Fraction]]:
    """min over pmf pairs (p, p~) on ``types`` with p~ ≽ p of Σ p~ t − Σ p t (certified LP).

    order "R1": usual stochastic order, a coupling π(v, w) >= 0 supported on v <= w with
    marginals p and p~; "R2": lower orthant, P~(X <= x) <= P(X <= x) for every x in the grid;
    "R3": upper orthant, P~(X >= x) >= P(X >= x) for every x in the grid.
    """
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve

    k = {v: i for i, v in enumerate(types)}
    vs = [Variable(f"p[{k[v]}]", ZERO, ONE) for v in types]
    vs += [Variable(f"pt[{k[v]}]", ZERO, ONE) for v in types]
    rows = [
        Constraint("sum p", {f"p[{k[v]}]": ONE for v in types}, "==", ONE),
        Constraint("sum pt", {f"pt[{k[v]}]": ONE for v in types}, "==", ONE),
    ]
    if order == "R1":
        pairs = [(v, w) for v in types for w in types if leq(v, w)]
        vs += [Variable(f"pi[{k[v]},{k[w]}]", ZERO, ONE) for v, w in pairs]
        for v in types:
            rows.append(
                Constraint(
                    f"marg p {k[v]}",
                    {f"p[{k[v]}]": -ONE, **{f"pi[{k[v]},{k[w]}]": ONE for a, w in pairs if a == v}},
                    "==",
                    ZERO,
                )
            )
            rows.append(
                Constraint(
                    f"marg pt {k[v]}",
                    {
                        f"pt[{k[v]}]": -ONE,
                        **{f"pi[{k[a]},{k[v]}]": ONE for a, w in pairs if w == v},
                    },
                    "==",
                    ZERO,
                )
            )
    else:  # orthant events {X <= x} / {X >= x}: x over the product grid of the values suffices
        vals = sorted({a for v in types for a in v})
        for x in itertools.product(vals, repeat=len(types[0])):
            low = [v for v in types if (leq(v, x) if order == "R2" else leq(x, v))]
            co = {f"pt[{k[v]}]": ONE for v in low}
            for v in low:
                co[f"p[{k[v]}]"] = -ONE
            rows.append(
                Constraint(f"order at {R.show(x)}", co, "<=" if order == "R2" else ">=", ZERO)
            )
    obj = {}
    for v in types:
        if t[v]:
            obj[f"pt[{k[v]}]"] = t[v]
            obj[f"p[{k[v]}]"] = -t[v]
    if not obj:
        return ZERO, {}, {}
    res = solve(LinearProgram(tuple(vs), obj, tuple(rows), "min"))
    if res.status != "optimal" or res.value is None:
        raise ValueError(f"dominance LP {res.status}")
    res.verify()
    p = {v: res.x.get(f"p[{k[v]}]", ZERO) for v in types}
    pt = {v: res.x.get(f"pt[{k[v]}]", ZERO) for v in types}
    return res.value, p, pt


def _monotone_t(tab: R.Table) -> bool:
    """(8): t(v̂) >= t(v) whenever v̂ >= v componentwise, v̂ != v."""
    return all(tab.t[w] >= tab.t[v] for v in tab.t for w in tab.t if v != w and leq(v, w))


def menu_family(n: int, m: int, k: int, *, units: bool = False) -> list[tuple[R.Vec, Fraction]]:
    """The k-th menu on {0..m}^n: first every deterministic one-entry menu (allocation in
    {0,1}^n, or "k units" (1,..,1,0,..,0) for M^I when ``units``; price in {1/2, 1, ..., n·m}),
    then every two-entry one; an index past the family is skipped (assume), so that k
    enumerates a systematic family and never a random instance."""
    if units:
        allocs = [tuple(ONE if i < j else ZERO for i in range(n)) for j in range(1, n + 1)]
    else:
        allocs = [a for a in itertools.product((ZERO, ONE), repeat=n) if any(a)]
        allocs.sort(key=lambda a: (sum(a), a))
    prices = [F(x, 2) for x in range(1, 2 * n * m + 1)]
    one = [[(a, p)] for a in allocs for p in prices]
    two = [
        [(a, p), (b, r)]
        for a, b in itertools.combinations(allocs, 2)
        for p in prices
        for r in prices
    ]
    if k < len(one):
        return one[k]
    assume(k < len(one) + len(two))
    return two[k - len(one)]


def family_size(n: int, m: int, *, units: bool = False) -> int:
    """How many deterministic menus menu_family lists."""
    a = n if units else 2**n - 1
    p = 2 * n * m
    return a * p + math.comb(a, 2) * p * p


@claim(
    "p004/RM",
    source=paper.source("Section 5.1, (8) and footnote 11", 329, 341),
    statement="If a mechanism (q, t) satisfies (8), t(v̂) >= t(v) for all v̂ > v, then it is "
    "revenue monotone: REV(q,t;F~) >= REV(q,t;F) whenever F~ FOSD F (v̂ > v read as v̂ >= v "
    "componentwise, v̂ != v). Tables: IC+IR tables of menus on {0..m}^2 (menu_family: all "
    "deterministic one- and two-entry menus first) that satisfy (8); the minimum of "
    "REV(p~) − REV(p) over all pmf pairs is an exact LP.",
    over={"m": Ints(1), "k": Ints(0)},
    limit={"m": 2, "k": 30},
    uses=FIN + ("p004/RM.def5",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "usual stochastic order (coupling supported on v <= w)",
                kind="intended", expect="CHECKED", order="R1"),
        Reading("R2",
                "lower orthant order F~ <= F",
                kind="alternative", expect="REFUTED", order="R2"),
        Reading("R3",
                "upper orthant order P~(X >= x) >= P(X >= x)",
                kind="alternative", expect="REFUTED", order="R3"),
    ),
)
def rm(m: int, k: int, order: str) -> bool:
    th = R.grid(R.values(m), 2, strict=False)
    menu = menu_family(2, m, k)
    tab = R.menu_table(th, menu)
    assume(_monotone_t(tab))
    assert tab.ic_gain()[0] == 0 and tab.ir_ok()
    gap, p, pt = min_revenue_shift(th, dict(tab.t), order)
    evidence(LP_EVIDENCE)
    note(
        menu=R.js_menu(menu),
        t=R.js(tab.t),
        min_gap=gap,
        p=R.js(p),
        p_tilde=R.js(pt),
        REV_p=tab.revenue(p),
        REV_p_tilde=tab.revenue(pt),
    )
    return gap >= 0


# ---------------------------------------------------------------------------- WM1, WM2 (l.349-351)


def _sorted_pair(n: int, tag: str) -> list[sp.Symbol]:
    return list(sp.symbols(f"{tag}1:{n + 1}", real=True))


def _decreasing(x: list[sp.Symbol], tag: str) -> dict[str, sp.Basic]:
    return {f"{tag}_{i + 1} >= {tag}_{i + 2}": sp.Ge(x[i], x[i + 1]) for i in range(len(x) - 1)}


@claim(
    "p004/WM1.a",
    source=paper.source("Weak majorization, tight case", 349),
    statement="If every prefix inequality Σ_{i<=j} q̂_[i] >= Σ_{i<=j} q_[i] holds with "
    "equality, then q̂ ≻_w q and q ≻_w q̂, and either q = q̂ or q is a permutation of q̂ "
    "(a, â: the decreasing rearrangements of q, q̂; equal rearrangements).",
    over={"n": Ints(2)},
    limit={"n": 5},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("lp",),
)
def wm1_a(n: int) -> Forall:
    a, b = _sorted_pair(n, "a"), _sorted_pair(n, "ahat")
    given = {**_decreasing(a, "a"), **_decreasing(b, "ahat")}
    for j in range(n):
        given[f"prefix {j + 1} tight"] = sp.Eq(sp.Add(*b[: j + 1]), sp.Add(*a[: j + 1]))
    then = {f"a_{i + 1} = ahat_{i + 1}": sp.Eq(a[i], b[i]) for i in range(n)}
    return Forall({x: Reals(0, 1) for x in [*a, *b]}, given=given, then=then)


@claim(
    "p004/WM1.b",
    source=paper.source("Weak majorization is transitive", 349),
    statement="≻_w is transitive: a ≻_w b and b ≻_w c imply a ≻_w c (decreasing "
    "rearrangements, prefix sums).",
    over={"n": Ints(2)},
    limit={"n": 5},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("lp",),
)
def wm1_b(n: int) -> Forall:
    a, b, c = _sorted_pair(n, "a"), _sorted_pair(n, "b"), _sorted_pair(n, "c")
    given = {**_decreasing(a, "a"), **_decreasing(b, "b"), **_decreasing(c, "c")}
    for j, row in enumerate(R.prefix_rows(a, b)):
        given[f"a ≻_w b prefix {j + 1}"] = row
    for j, row in enumerate(R.prefix_rows(b, c)):
        given[f"b ≻_w c prefix {j + 1}"] = row
    then = {f"a ≻_w c prefix {j + 1}": row for j, row in enumerate(R.prefix_rows(a, c))}
    return Forall({x: Reals(0, 1) for x in [*a, *b, *c]}, given=given, then=then)


@claim(
    "p004/WM1.c",
    source=paper.source("Weak majorization is incomplete", 349),
    statement="≻_w is incomplete: some q, q̂ in [0,1]^n satisfy neither q̂ ≻_w q nor q ≻_w q̂ "
    "(n = 2; exhaustive search over vectors with entries in {0, 1/4, ..., 1}).",
    uses=FIN + ("p004/P1.wmaj",),
    expect="PROVED",
)
def wm1_c() -> bool:
    grid = [F(k, 4) for k in range(5)]
    for a in itertools.product(grid, repeat=2):
        for b in itertools.product(grid, repeat=2):
            if not R.wmaj_exact(a, b) and not R.wmaj_exact(b, a):
                note(q=R.show(a), q_hat=R.show(b))
                return True
    return False


@claim(
    "p004/WM2",
    source=paper.source("Weak majorization from SOSD in M^I; footnote 12", 351, 365),
    statement="In M^I, if the distribution of the number of units induced by q̂ (P(K >= k) "
    "= q̂_k) dominates that induced by q in second-order stochastic dominance, then q̂ ≻_w q "
    "(footnote 12: q_[i] = q_i in M^I). Hypothesis used only at the integer points x = 1..n "
    "of ∫_{-∞}^x F̂ <= ∫_{-∞}^x F, where ∫_0^x F = x − Σ_{i<=x} q_i.",
    over={"n": Ints(2)},
    limit={"n": 6},
    uses=FIN + ("p004/P1.wmaj",),
    backends=("lp",),
    readings=(
        Reading("R1", "increasing concave order", kind="intended", expect="CHECKED", means=False),
        Reading("R2", "R1 plus equal means", kind="alternative", expect="CHECKED", means=True),
    ),
)
def wm2(n: int, means: bool) -> Forall:
    q, qh = _sorted_pair(n, "q"), _sorted_pair(n, "qhat")
    given = {**_decreasing(q, "q"), **_decreasing(qh, "qhat")}
    for x in range(1, n + 1):
        given[f"SOSD at x={x}"] = sp.Le(x - sp.Add(*qh[:x]), x - sp.Add(*q[:x]))
    if means:
        given["equal means"] = sp.Eq(sp.Add(*qh), sp.Add(*q))
    then = {f"prefix {j + 1}": row for j, row in enumerate(R.prefix_rows(qh, q))}
    return Forall({x: Reals(0, 1) for x in [*q, *qh]}, given=given, then=then)


# ============================================================================ Proposition 1


def _p1_symbols(
    n: int,
) -> tuple[list[sp.Symbol], list[sp.Symbol], list[sp.Symbol], sp.Symbol, sp.Symbol]:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    x = list(sp.symbols(f"q1:{n + 1}", real=True))  # q(v)
    y = list(sp.symbols(f"qhat1:{n + 1}", real=True))  # q(v̂)
    t, th = sp.symbols("t t_hat", real=True)
    return v, x, y, t, th


def _p1_domains(
    v: list[sp.Symbol], x: list[sp.Symbol], y: list[sp.Symbol], t: sp.Symbol, th: sp.Symbol
) -> dict[sp.Symbol, Reals]:
    return {
        **{a: Reals(0) for a in v},
        **{a: Reals(0, 1) for a in [*x, *y]},
        t: Reals(0),
        th: Reals(0),
    }


def _in_DI(v: list[sp.Symbol], strict: bool = False) -> dict[str, sp.Basic]:
    rel = sp.Gt if strict else sp.Ge
    return {
        f"v_{i + 1} {'>' if strict else '>='} v_{i + 2}": rel(v[i], v[i + 1])
        for i in range(len(v) - 1)
    }


def _delta(v: list[sp.Symbol], k: int) -> sp.Expr:
    return v[k] - (v[k + 1] if k + 1 < len(v) else 0)


P1N = {"n": Ints(2)}


@claim(
    "p004/P1.i",
    source=paper.source("Proposition 1 (i); proof l.639-655", 353, 355),
    statement="(q,t) IC in M^I: for all v, v̂ in D̄^I, q(v̂) ≻_w q(v) implies t(v̂) >= t(v). "
    "Symbolic v in D̄^I (v_1 >= ... >= v_n >= 0), q(v), q(v̂) with (1), only IC of v against "
    "v̂ assumed.",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("z3",),
)
def p1_i(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    given = {
        **_in_DI(v),
        **_decreasing(x, "q"),
        **_decreasing(y, "qhat"),
        "IC v -> v̂": sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
        "q(v̂) ≻_w q(v)": R.wmaj(y, x, sorted_=True),
    }
    return Forall(_p1_domains(v, x, y, t, th), given=given, then={"t(v̂) >= t(v)": sp.Ge(th, t)})


@claim(
    "p004/P1.ii",
    source=paper.source("Proposition 1 (ii); proof l.657-661", 353, 355),
    statement="(q,t) symmetric and IC in M^H: q(v̂) ≻_w q(v) implies t(v̂) >= t(v) (finite: "
    "every symmetric IC+IR table on the grid and every pair of its types; ≻_w with the "
    "decreasing rearrangement, top-k sums as maxima over k-subsets).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P1.wmaj",),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("strict",
                "strict grids, pairs of strict types (DOM R1, 'almost all')",
                kind="intended", expect="CHECKED", strict=True),
        Reading("closed",
                "closed grids, every pair, Def 1 at ties (DOM R2, TIE-SYM R2)",
                kind="alternative", expect="CHECKED", strict=False),
    ),
)
def p1_ii(n: int, m: int, strict: bool) -> Forall:
    th, _ = inst(n, m, strict)
    assume(bool(th))
    tab, given = sym_ic(n, m, strict)
    then = {}
    seen = set()
    for v in th:
        for w in th:
            if v == w:
                continue
            rel = sp.Implies(
                R.wmaj(tab.q[w], tab.q[v], sorted_=False),
                sp.Ge(tab.t[w], tab.t[v], evaluate=False),
                evaluate=False,
            )
            if rel in seen:
                continue
            seen.add(rel)
            then[f"(9) v={R.show(v)}, v̂={R.show(w)}"] = rel
    return Forall(tab.variables, given=given, then=then)


@claim(
    "p004/P1a",
    source=paper.source("Proof of Proposition 1, (16)", 645),
    statement="By IC, t(v̂) − t(v) >= Σ_j v_j q_j(v̂) − Σ_j v_j q_j(v).",
    over=P1N,
    limit={"n": 5},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P1.i",
)
def p1a(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    return Forall(
        _p1_domains(v, x, y, t, th),
        given={"IC v -> v̂": sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th)},
        then={"(16)": sp.Ge(th - t, R.dot(v, y) - R.dot(v, x))},
    )


@claim(
    "p004/P1b",
    source=paper.source("Proof of Proposition 1, (17)", 647, 649),
    statement="With Δ_j(v) := v_j − v_{j+1}, v_{n+1} := 0: Σ_j v_j q_j(v̂) = Σ_j q_j(v̂) "
    "Σ_{k>=j} Δ_k(v) = Σ_k Δ_k(v) Σ_{j<=k} q_j(v̂).",
    over=P1N,
    limit={"n": 6},
    uses=FIN,
    expect="CHECKED",
    backends=("sympy",),
    role="step",
    of="p004/P1.i",
)
def p1b(n: int) -> Forall:
    v, _, y, _, _ = _p1_symbols(n)
    a = R.dot(v, y)
    b = sp.Add(*[y[j] * sp.Add(*[_delta(v, k) for k in range(j, n)]) for j in range(n)])
    c = sp.Add(*[_delta(v, k) * sp.Add(*y[: k + 1]) for k in range(n)])
    return Forall(
        {**{s: Reals(0) for s in v}, **{s: Reals(0, 1) for s in y}},
        then={
            "first equality": sp.Eq(a, b, evaluate=False),
            "second equality": sp.Eq(b, c, evaluate=False),
        },
    )


@claim(
    "p004/P1b.delta",
    source=paper.source("Proof of Proposition 1, Δ_j(v) >= 0", 647),
    statement="As v̂, v ∈ D̄^I, Δ_j(v) >= 0 for all j (uses v_n >= v_low >= 0 for Δ_n = v_n).",
    over=P1N,
    limit={"n": 6},
    uses=FIN,
    expect="CHECKED",
    backends=("lp",),
    role="step",
    of="p004/P1.i",
)
def p1b_delta(n: int) -> Forall:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    return Forall(
        {s: Reals(0) for s in v},
        given=_in_DI(v),
        then={f"Δ_{k + 1} >= 0": sp.Ge(_delta(v, k), 0) for k in range(n)},
    )


@claim(
    "p004/P1c",
    source=paper.source("Proof of Proposition 1, (18)", 653),
    statement="t(v̂) − t(v) >= Σ_k Δ_k(v) Σ_{j<=k} (q_j(v̂) − q_j(v)) (from (16) and (17)).",
    over=P1N,
    limit={"n": 5},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P1.i",
)
def p1c(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    rhs = sp.Add(*[_delta(v, k) * sp.Add(*[y[j] - x[j] for j in range(k + 1)]) for k in range(n)])
    return Forall(
        _p1_domains(v, x, y, t, th),
        given={"IC v -> v̂": sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th)},
        then={"(18)": sp.Ge(th - t, rhs)},
    )


@claim(
    "p004/P1d",
    source=paper.source("Proof of Proposition 1, RHS of (18) >= 0", 655),
    statement="If q(v̂) ≻_w q(v) (q(v), q(v̂) with (1)) and v ∈ D̄^I, the right side of (18) "
    "is non-negative.",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P1.i",
)
def p1d(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    rhs = sp.Add(*[_delta(v, k) * sp.Add(*[y[j] - x[j] for j in range(k + 1)]) for k in range(n)])
    given = {
        **_in_DI(v),
        **_decreasing(x, "q"),
        **_decreasing(y, "qhat"),
        "q(v̂) ≻_w q(v)": R.wmaj(y, x, sorted_=True),
    }
    return Forall(_p1_domains(v, x, y, t, th), given=given, then={"RHS(18) >= 0": sp.Ge(rhs, 0)})


@claim(
    "p004/P1e",
    source=paper.source("Section 5.1, intuition for Proposition 1", 361),
    statement="For v ∈ D̄^I and q, q̂ with (1): q̂ ≻_w q implies v·q̂ >= v·q.",
    over=P1N,
    limit={"n": 5},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("z3",),
)
def p1e(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    given = {
        **_in_DI(v),
        **_decreasing(x, "q"),
        **_decreasing(y, "qhat"),
        "q̂ ≻_w q": R.wmaj(y, x, sorted_=True),
    }
    return Forall(
        _p1_domains(v, x, y, t, th),
        given=given,
        then={"v·q̂ >= v·q": sp.Ge(R.dot(v, y), R.dot(v, x))},
    )


@claim(
    "p004/P1f",
    source=paper.source("Proof of Proposition 1 (ii), l.657-661", 657, 661),
    statement="Weak majorization is invariant to permutations of either vector: for all x, y "
    "in [0,1]^n and σ, x ≻_w y iff x^σ ≻_w y iff x ≻_w y^σ (so for symmetric (q,t), "
    "q(v̀) ≻_w q(v́) iff q^σ̀(v̀) ≻_w q^σ́(v́) iff q(v̀^σ̀) ≻_w q(v́^σ́)).",
    over={"n": Ints(2)},
    limit={"n": 3},
    uses=FIN + ("p004/P1.wmaj",),
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P1.ii",
)
def p1f(n: int) -> Forall:
    x = list(sp.symbols(f"x1:{n + 1}", real=True))
    y = list(sp.symbols(f"y1:{n + 1}", real=True))
    base = R.wmaj(x, y, sorted_=False)

    def iff(a: sp.Basic, b: sp.Basic) -> sp.Basic:
        # a <=> b as two implications: sp.Equivalent folds a <=> a to True even unevaluated
        return sp.And(sp.Implies(a, b, evaluate=False), sp.Implies(b, a, evaluate=False))

    then = {}
    for s in all_perms(n):
        then[f"permute x by {s}"] = iff(base, R.wmaj(permute(tuple(x), s), y, sorted_=False))
        then[f"permute y by {s}"] = iff(base, R.wmaj(x, permute(tuple(y), s), sorted_=False))
    return Forall({a: Reals(0, 1) for a in [*x, *y]}, then=then)


# ============================================================================ Corollary 2, MM1, NB1


@claim(
    "p004/C2",
    source=paper.source("Corollary 2", 373, 377),
    statement="(q,t) IC with (10) on D^I: for (v_i,v_-i), (v̂_i,v_-i) in D^I, v̂_i > v_i implies "
    "t(v̂_i,v_-i) >= t(v_i,v_-i). Symbolic strict v and v̂ = (v̂_i, v_-i) in D^I, q with (1), "
    "IC of v against v̂, (10) for the pair.",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P1.wmaj", "p004/P1.i"),
    expect="CHECKED",
    backends=("z3",),
)
def c2(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    vh = sp.Symbol("vhat_i", real=True)
    then = {}
    for i in range(n):
        w = list(v)
        w[i] = vh
        hyp = sp.And(
            *_in_DI(w, strict=True).values(),
            sp.Gt(vh, v[i]),
            sp.Implies(sp.Gt(vh, v[i]), R.wmaj(y, x, sorted_=True)),
        )
        then[f"i={i + 1}"] = sp.Implies(hyp, sp.Ge(th, t))
    given = {
        **_in_DI(v, strict=True),
        **_decreasing(x, "q"),
        **_decreasing(y, "qhat"),
        "IC v -> v̂": sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
    }
    return Forall({**_p1_domains(v, x, y, t, th), vh: Reals(0)}, given=given, then=then)


@claim(
    "p004/MM1.a",
    source=paper.source("Majorization monotonicity weaker than (10)", 385),
    statement="For IC (q,t) and two types (v_i,v_-i) != (v̂_i,v_-i): q_i(v̂_i,v_-i) > "
    "q_i(v_i,v_-i) implies v̂_i > v_i (symbolic types, both IC constraints of the pair).",
    over=P1N,
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
)
def mm1_a(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    vh = sp.Symbol("vhat_i", real=True)
    then = {}
    for i in range(n):
        w = list(v)
        w[i] = vh
        hyp = sp.And(
            sp.Ne(vh, v[i]),
            sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
            sp.Ge(R.dot(w, y) - th, R.dot(w, x) - t),
            sp.Gt(y[i], x[i]),
        )
        then[f"i={i + 1}"] = sp.Implies(hyp, sp.Gt(vh, v[i]))
    return Forall({**_p1_domains(v, x, y, t, th), vh: Reals(0)}, then=then)


@claim(
    "p004/MM1.b",
    source=paper.source("Majorization monotonicity weaker than (10)", 385),
    statement="Hence, under IC, (10) implies majorization monotonicity (Def 6) on D^I: for a "
    "pair differing in coordinate i, q_i(v̂) > q_i(v) implies q(v̂) ≻_w q(v).",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P2.def6",),
    expect="CHECKED",
    backends=("z3",),
)
def mm1_b(n: int) -> Forall:
    v, x, y, t, th = _p1_symbols(n)
    vh = sp.Symbol("vhat_i", real=True)
    then = {}
    for i in range(n):
        w = list(v)
        w[i] = vh
        ten = sp.And(
            sp.Implies(sp.Gt(vh, v[i]), R.wmaj(y, x, sorted_=True)),
            sp.Implies(sp.Gt(v[i], vh), R.wmaj(x, y, sorted_=True)),
        )
        hyp = sp.And(
            *_in_DI(w, strict=True).values(),
            sp.Ne(vh, v[i]),
            ten,
            sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
            sp.Ge(R.dot(w, y) - th, R.dot(w, x) - t),
        )
        then[f"i={i + 1}"] = sp.Implies(
            hyp, sp.Implies(sp.Gt(y[i], x[i]), R.wmaj(y, x, sorted_=True))
        )
    given = {**_in_DI(v, strict=True), **_decreasing(x, "q"), **_decreasing(y, "qhat")}
    return Forall({**_p1_domains(v, x, y, t, th), vh: Reals(0)}, given=given, then=then)


def nb_rows(tab: R.SymTable, types: list[R.Vec]) -> dict[str, sp.Basic]:
    """Def 7 on the pairs of ``types`` that differ in one coordinate i."""
    out = {}
    for v, w, i in R.single_coordinate_pairs(types):
        same = sp.Eq(tab.q[v][i], tab.q[w][i])
        out[f"NB {R.show(v)}~{R.show(w)}"] = sp.Implies(
            same, sp.And(*[sp.Eq(tab.q[v][j], tab.q[w][j]) for j in range(len(v)) if j != i])
        )
    return out


def mm_rows(tab: R.SymTable, types: list[R.Vec], *, sorted_: bool) -> dict[str, sp.Basic]:
    """Def 6 on the pairs of ``types`` that differ in one coordinate (both directions)."""
    out = {}
    for v, w, i in R.single_coordinate_pairs(types):
        for a, b in ((v, w), (w, v)):
            out[f"MM {R.show(a)}->{R.show(b)}"] = sp.Implies(
                sp.Gt(tab.q[b][i], tab.q[a][i]), R.wmaj(tab.q[b], tab.q[a], sorted_=sorted_)
            )
    return out


@claim(
    "p004/NB1",
    source=paper.source("Non-bossiness almost everywhere (Proposition 7)", 391, 393),
    statement="Any IC and IR mechanism is non-bossy almost everywhere, so non-bossiness is "
    "without loss of generality. Finite analogue (no null sets on a grid): every IC+IR "
    "table of M^I on a strict grid is object non-bossy (Def 7).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P2.def7",),
    expect="REFUTED",
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
)
def nb1(n: int, m: int) -> Forall:
    _, ti = strict_inst(n, m)
    assume(len(R.single_coordinate_pairs(ti)) > 0)
    tab = R.SymTable.free(ti, tlo=ZERO)
    given = {**R.feas_rows(tab, ti), **R.ic_rows(tab, ti), **R.ir_rows(tab, ti)}
    return Forall(tab.variables, given=given, then=nb_rows(tab, ti))


# ============================================================================ Proposition 2


def monotone_pairs(types: list[R.Vec]) -> list[tuple[R.Vec, R.Vec]]:
    """(v, v̂) with v̂ >= v componentwise, v̂ != v (the pairs of (8))."""
    return [(v, w) for v in types for w in types if v != w and leq(v, w)]


def t_monotone_rows(tab: R.SymTable, types: list[R.Vec]) -> dict[str, sp.Basic]:
    return {
        f"t{R.show(w)} >= t{R.show(v)}": sp.Ge(tab.t[w], tab.t[v]) for v, w in monotone_pairs(types)
    }


@claim(
    "p004/P2.a",
    source=paper.source("Proposition 2 (a); proof l.665-673", 399, 402),
    statement="If an IC mechanism in M^I satisfies majorization monotonicity then it is "
    "revenue monotone; conclusion checked in the form the proof uses (l.669): t(v̂) >= t(v) "
    "for every grid pair v̂ >= v (every IC+IR table with (1) and Def 6 on the grid).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P2.def6", "p004/P2.def7", "p004/RM.def5"),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("V1-strict",
                "as stated (IC, (1), MM), strict grid T^I_s",
                kind="intended", expect="REFUTED", strict=True, nb=False),
        Reading("V1-closed",
                "as stated, closed grid T^I (every type)",
                kind="alternative", expect="REFUTED", strict=False, nb=False),
        Reading("V2-strict",
                "with object non-bossiness added (the proof's reduced claim), strict grid",
                kind="alternative", expect="CHECKED", strict=True, nb=True),
        Reading("V2-closed",
                "with object non-bossiness added, closed grid",
                kind="alternative", expect="CHECKED", strict=False, nb=True),
    ),
)
def p2_a(n: int, m: int, strict: bool, nb: bool) -> Forall:
    _, ti = inst(n, m, strict)
    assume(len(monotone_pairs(ti)) > 0)
    tab = R.SymTable.free(ti, tlo=ZERO)
    given = {
        **R.feas_rows(tab, ti),
        **R.ic_rows(tab, ti),
        **R.ir_rows(tab, ti),
        **mm_rows(tab, ti, sorted_=True),
    }
    if nb:
        given.update(nb_rows(tab, ti))
    return Forall(tab.variables, given=given, then=t_monotone_rows(tab, ti))


@claim(
    "p004/P2.b",
    source=paper.source("Proposition 2 (b); proof l.675", 399, 402),
    statement="If an IC mechanism in M^H is symmetric and satisfies majorization monotonicity "
    "then it is revenue monotone; conclusion in the proof's form: t(v̂) >= t(v) for every "
    "pair of grid types v̂ >= v (symmetric IC+IR tables on the strict grid T^H_s).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P2.def6", "p004/P2.def7", "p004/RM.def5"),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("V1",
                "as stated, Def 6 on pairs of D^I (MM/NB-DOM R1)",
                kind="intended", expect="REFUTED", nb=False, dom="I"),
        Reading("V2-R1",
                "with non-bossiness, Defs 6-7 on pairs of D^I (MM/NB-DOM R1)",
                kind="alternative", expect="CHECKED", nb=True, dom="I"),
        Reading("V2-R2",
                "with non-bossiness, Defs 6-7 on all pairs of D^H (R2)",
                kind="alternative", expect="CHECKED", nb=True, dom="H"),
    ),
)
def p2_b(n: int, m: int, nb: bool, dom: str) -> Forall:
    th, ti = strict_inst(n, m)
    tab, given0 = sym_ic(n, m, True)
    pairs_dom = ti if dom == "I" else th
    assume(len(R.single_coordinate_pairs(pairs_dom)) > 0)
    given = {**given0, **mm_rows(tab, pairs_dom, sorted_=False)}
    if nb:
        given.update(nb_rows(tab, pairs_dom))
    then = {}
    seen = set()
    for v, w in monotone_pairs(th):
        rel = sp.Ge(tab.t[w], tab.t[v])
        if rel not in seen:
            seen.add(rel)
            then[f"t{R.show(w)} >= t{R.show(v)}"] = rel
    return Forall(tab.variables, given=given, then=then)


def _pair_symbols(
    n: int, i: int
) -> tuple[
    list[sp.Symbol],
    list[sp.Expr],
    list[sp.Symbol],
    list[sp.Symbol],
    sp.Symbol,
    sp.Symbol,
    sp.Symbol,
]:
    v, x, y, t, th = _p1_symbols(n)
    vh = sp.Symbol("vhat_i", real=True)
    w: list[sp.Expr] = list(v)
    w[i] = vh
    return v, w, x, y, t, th, vh


@claim(
    "p004/P2a",
    source=paper.source("Proof of Proposition 2, 'By IC'", 667),
    statement="IC and v̂_i > v_i imply q_i(v̂_i, v_-i) >= q_i(v_i, v_-i).",
    over=P1N,
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P2.a",
)
def p2a(n: int) -> Forall:
    then = {}
    dom: dict[sp.Symbol, Reals] = {}
    for i in range(n):
        v, w, x, y, t, th, vh = _pair_symbols(n, i)
        dom.update({**_p1_domains(v, x, y, t, th), vh: Reals(0)})
        hyp = sp.And(
            sp.Gt(vh, v[i]),
            sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
            sp.Ge(R.dot(w, y) - th, R.dot(w, x) - t),
        )
        then[f"i={i + 1}"] = sp.Implies(hyp, sp.Ge(y[i], x[i]))
    return Forall(dom, then=then)


@claim(
    "p004/P2b",
    source=paper.source("Proof of Proposition 2, equal q_i", 667, 669),
    statement="If q_i(v̂_i,v_-i) = q_i(v_i,v_-i), object non-bossiness gives q(v̂_i,v_-i) = "
    "q(v_i,v_-i), and IC gives t(v̂_i,v_-i) = t(v_i,v_-i).",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P2.def7",),
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P2.a",
)
def p2b(n: int) -> Forall:
    then = {}
    dom: dict[sp.Symbol, Reals] = {}
    for i in range(n):
        v, w, x, y, t, th, vh = _pair_symbols(n, i)
        dom.update({**_p1_domains(v, x, y, t, th), vh: Reals(0)})
        nb = sp.Implies(sp.Eq(y[i], x[i]), sp.And(*[sp.Eq(y[j], x[j]) for j in range(n)]))
        hyp = sp.And(
            sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th),
            sp.Ge(R.dot(w, y) - th, R.dot(w, x) - t),
            nb,
            sp.Eq(y[i], x[i]),
        )
        then[f"i={i + 1}"] = sp.Implies(hyp, sp.Eq(th, t))
    return Forall(dom, then=then)


@claim(
    "p004/P2c",
    source=paper.source("Proof of Proposition 2, from single coordinates to v̂ > v", 669),
    statement="For v, v̂ in D^I with v̂ >= v, the path v -> (v̂_1, v_2, ...) -> (v̂_1, v̂_2, v_3, "
    "...) -> ... -> v̂ stays in D^I (so single-coordinate monotonicity gives t(v̂) >= t(v)).",
    over=P1N,
    limit={"n": 5},
    uses=FIN,
    backends=("lp",),
    role="step",
    of="p004/P2.a",
    readings=(
        Reading("strict",
                "D^I strict (v_1 > ... > v_n), printed order 1, 2, ..., n",
                kind="intended", expect="CHECKED", strict=True, order="printed"),
        Reading("closed",
                "D̄^I (v_1 >= ... >= v_n), printed order",
                kind="alternative", expect="CHECKED", strict=False, order="printed"),
        Reading("reverse",
                "variant, not printed: coordinates changed in the order n, ..., 1",
                kind="alternative", expect="REFUTED", strict=True, order="reverse",
                role="variant",
                deviation="the path of l.669 taken in the order n, ..., 1 (not printed), to show "
                          "the printed order matters"),
    ),
)
def p2c(n: int, strict: bool, order: str) -> Forall:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    vh = list(sp.symbols(f"vhat1:{n + 1}", real=True))
    given = {
        **_in_DI(v, strict),
        **{k.replace("v_", "v̂_"): r for k, r in _in_DI(vh, strict).items()},
        **{f"v̂_{i + 1} >= v_{i + 1}": sp.Ge(vh[i], v[i]) for i in range(n)},
    }
    idx = list(range(n)) if order == "printed" else list(range(n))[::-1]
    then = {}
    point = list(v)
    for step, i in enumerate(idx[:-1]):
        point[i] = vh[i]
        for j in range(n - 1):
            rel = sp.Gt if strict else sp.Ge
            then[f"step {step + 1}: coordinate {j + 1} vs {j + 2}"] = rel(point[j], point[j + 1])
    return Forall({s: Reals(0) for s in [*v, *vh]}, given=given, then=then)


def _kth(x: list[sp.Expr], k: int) -> sp.Expr:
    """The k-th largest entry: topk(k) − topk(k−1)."""
    return R.topk(x, k) - (R.topk(x, k - 1) if k > 1 else 0)


@claim(
    "p004/P2e",
    source=paper.source("Proof of Proposition 2 (b)", 675),
    statement="For v̂ >= v in D^H, the decreasing rearrangements satisfy sort(v̂) >= sort(v) "
    "(used to reduce (b) to T^I).",
    over={"n": Ints(2)},
    limit={"n": 4},
    uses=FIN,
    expect="CHECKED",
    backends=("z3",),
    role="step",
    of="p004/P2.b",
)
def p2e(n: int) -> Forall:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    vh = list(sp.symbols(f"vhat1:{n + 1}", real=True))
    given = {f"v̂_{i + 1} >= v_{i + 1}": sp.Ge(vh[i], v[i]) for i in range(n)}
    then = {f"k={k}": sp.Ge(_kth(vh, k), _kth(v, k)) for k in range(1, n + 1)}
    return Forall({s: Reals(0) for s in [*v, *vh]}, given=given, then=then)


def _mm_exact(tab: R.Table, types: list[R.Vec]) -> bool:
    return all(
        not (tab.q[b][i] > tab.q[a][i]) or R.wmaj_exact(tab.q[b], tab.q[a])
        for v, w, i in R.single_coordinate_pairs(types)
        for a, b in ((v, w), (w, v))
    )


def _nb_exact(tab: R.Table, types: list[R.Vec]) -> bool:
    return all(
        tab.q[v][i] != tab.q[w][i] or tab.q[v] == tab.q[w]
        for v, w, i in R.single_coordinate_pairs(types)
    )


@claim(
    "p004/P2.a.rev",
    source=paper.source("Proposition 2 (a), Definition 5", 399, 402),
    statement="An IC mechanism of M^I with majorization monotonicity (and non-bossiness, as "
    "the proof assumes) is revenue monotone (Def 5): REV(q,t;F~) >= REV(q,t;F) for every "
    "pmf pair on T^I with F~ FOSD F. Tables of menus of M^I on {0..m}^2 (menu_family, "
    "deterministic menus first, seller tie-break) satisfying Defs 6-7; the minimum over pmf "
    "pairs is an exact LP.",
    over={"m": Ints(1), "k": Ints(0)},
    limit={"m": 2, "k": 24},
    uses=FIN + ("p004/P2.def6", "p004/P2.def7", "p004/RM.def5"),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    deviation="object non-bossiness added to the hypotheses, as the proof assumes (l.665)",
    readings=(
        Reading("R1",
                "usual stochastic order (coupling supported on v <= w)",
                kind="intended", expect="CHECKED", order="R1"),
        Reading("R2",
                "lower orthant order F~ <= F",
                kind="alternative", expect="REFUTED", order="R2"),
        Reading("R3",
                "upper orthant order P~(X >= x) >= P(X >= x)",
                kind="alternative", expect="REFUTED", order="R3"),
    ),
)
def p2_a_rev(m: int, k: int, order: str) -> bool:
    _, ti = closed_inst(2, m)
    menu = menu_family(2, m, k, units=True)
    tab = R.menu_table(ti, menu, "seller")
    assume(_mm_exact(tab, ti) and _nb_exact(tab, ti))
    gap, p, pt = min_revenue_shift(ti, dict(tab.t), order)
    evidence(LP_EVIDENCE)
    note(
        menu=R.js_menu(menu),
        q=R.js(tab.q),
        t=R.js(tab.t),
        min_gap=gap,
        p=R.js(p),
        p_tilde=R.js(pt),
        REV_p=tab.revenue(p),
        REV_p_tilde=tab.revenue(pt),
    )
    return gap >= 0


# ======================================================================= Proposition 3, Lemma 3


def ad_rows(tab: R.SymTable, types: list[R.Vec], k_global: bool) -> dict[str, sp.Basic]:
    """Def 8: q(v) almost deterministic at every type (AD-K R1); with k_global one k for every
    type (AD-K R2)."""
    if not k_global:
        return {f"AD {R.show(v)}": R.ad_formula(tab.q[v]) for v in types}
    n = len(types[0])
    return {
        "AD (one k)": sp.Or(
            *[
                sp.And(
                    *[
                        sp.Or(sp.Eq(tab.q[v][j], 0), sp.Eq(tab.q[v][j], 1))
                        for v in types
                        for j in range(n)
                        if j != k
                    ]
                )
                for k in range(n)
            ]
        )
    }


@claim(
    "p004/P3.a",
    source=paper.source("Proposition 3 (a); proof l.685-691", 410, 415),
    statement="If an IC mechanism in M^I is almost deterministic then it is revenue monotone; "
    "conclusion in the proof's form: t(v̂) >= t(v) for every grid pair v̂ >= v (every IC+IR "
    "table of M^I on the grid with Def 8).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P3.def8", "p004/P2.def7", "p004/RM.def5"),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("V1",
                "as stated (IC, (1), Def 8 with k depending on v: AD-K R1), strict grid, any "
                "IC table (TB R1)",
                kind="intended", expect="REFUTED", nb=False, k_global=False, strict=True),
        Reading("V1-k2",
                "as stated with one k for every type (AD-K R2)",
                kind="alternative", expect="REFUTED", nb=False, k_global=True, strict=True),
        Reading("V2",
                "with object non-bossiness (assumed WLOG at l.685), strict grid",
                kind="alternative", expect="CHECKED", nb=True, k_global=False, strict=True),
        Reading("V2-closed",
                "with object non-bossiness, closed grid",
                kind="alternative", expect="CHECKED", nb=True, k_global=False, strict=False),
    ),
)
def p3_a(n: int, m: int, nb: bool, k_global: bool, strict: bool) -> Forall:
    _, ti = inst(n, m, strict)
    assume(len(monotone_pairs(ti)) > 0)
    tab = R.SymTable.free(ti, tlo=ZERO)
    given = {
        **R.feas_rows(tab, ti),
        **R.ic_rows(tab, ti),
        **R.ir_rows(tab, ti),
        **ad_rows(tab, ti, k_global),
    }
    if nb:
        given.update(nb_rows(tab, ti))
    return Forall(tab.variables, given=given, then=t_monotone_rows(tab, ti))


@claim(
    "p004/P3.a.menu",
    source=paper.source("Proposition 3 (a)", 410, 415),
    statement="(P3 (a) with a consistent tie-breaking rule.) For almost-deterministic menus of "
    "M^I on {0..m}^2 (even k: the deterministic menu_family, odd k: random menus with one "
    "fractional entry), the table chosen under a fixed tie rule has t(v̂) >= t(v) for every "
    "grid pair v̂ >= v.",
    over={"m": Ints(1), "k": Samples(61, "menus (even k: the deterministic menu_family in "
                                        "order; odd k: random almost-deterministic menus)")},
    limit={"m": 3},
    uses=FIN + ("p004/P3.def8",),
    role="repair",
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    deviation="a consistent tie-breaking rule (menus) added, which makes the mechanism "
              "non-bossy on the grid",
    readings=(
        Reading("TB2",
                "seller-favourable ties (most expensive optimal entry, TB R2)",
                kind="intended", expect="SAMPLED", tie="seller"),
        Reading("TB3",
                "fixed buyer order (fewest units, then lexicographic, TB R3)",
                kind="alternative", expect="SAMPLED", tie="buyer"),
    ),
)
def p3_a_menu(m: int, k: int, tie: str) -> bool:
    _, ti = closed_inst(2, m)
    if k % 2 == 0 and k // 2 < family_size(2, m, units=True):
        menu = menu_family(2, m, k // 2, units=True)
    else:
        # odd k (or past the deterministic family): a random almost-deterministic menu
        rng = random.Random(k)
        menu = R.random_menu(
            2,
            rng,
            size=1 + k % 3,
            deterministic=False,
            decreasing=True,
            almost_deterministic=True,
            prices=4 * m,
        )
    tab = R.menu_table(ti, menu, tie)  # type: ignore[arg-type]
    assert all(R.is_ad(tab.q[v]) for v in ti) and tab.ic_gain()[0] == 0
    bad = [(v, w) for v, w in monotone_pairs(ti) if tab.t[w] < tab.t[v]]
    note(menu=R.js_menu(menu), t=R.js(tab.t), violations=R.js_any(bad[:3]))
    return not bad


@claim(
    "p004/P3.a.rev",
    source=paper.source("Proposition 3 (a), Definition 5", 410, 415),
    statement="An almost-deterministic IC mechanism of M^I is revenue monotone (Def 5): for "
    "deterministic menus of M^I on {0..m}^2 (seller tie-break), REV(q,t;F~) >= REV(q,t;F) "
    "for every pmf pair on T^I with F~ FOSD F (exact LP over pmf pairs).",
    over={"m": Ints(1), "k": Ints(0)},
    limit={"m": 2, "k": 24},
    uses=FIN + ("p004/P3.def8", "p004/RM.def5"),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "usual stochastic order (coupling supported on v <= w)",
                kind="intended", expect="CHECKED", order="R1"),
        Reading("R2",
                "lower orthant order F~ <= F",
                kind="alternative", expect="REFUTED", order="R2"),
        Reading("R3",
                "upper orthant order P~(X >= x) >= P(X >= x)",
                kind="alternative", expect="REFUTED", order="R3"),
    ),
)
def p3_a_rev(m: int, k: int, order: str) -> bool:
    _, ti = closed_inst(2, m)
    menu = menu_family(2, m, k, units=True)
    tab = R.menu_table(ti, menu, "seller")
    assume(all(R.is_ad(tab.q[v]) for v in ti))
    gap, p, pt = min_revenue_shift(ti, dict(tab.t), order)
    evidence(LP_EVIDENCE)
    note(
        menu=R.js_menu(menu),
        t=R.js(tab.t),
        min_gap=gap,
        p=R.js(p),
        p_tilde=R.js(pt),
        REV_p=tab.revenue(p),
        REV_p_tilde=tab.revenue(pt),
    )
    return gap >= 0


@claim(
    "p004/P3.b",
    source=paper.source("Proposition 3 (b); proof l.693", 410, 415),
    statement="If an IC mechanism in M^H is almost deterministic and symmetric then it is "
    "revenue monotone; conclusion in the proof's form: t(v̂) >= t(v) for every pair of grid "
    "types v̂ >= v (symmetric IC+IR tables on the strict grid T^H_s).",
    over={"n": Ints(2), "m": Ints(1)},
    limit={"n": 3, "m": 2},
    uses=FIN + ("p004/P3.def8", "p004/P2.def7", "p004/RM.def5"),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("V1", "as stated", kind="intended", expect="REFUTED", nb=False),
        Reading("V2",
                "with object non-bossiness on pairs of D^I",
                kind="alternative", expect="CHECKED", nb=True),
    ),
)
def p3_b(n: int, m: int, nb: bool) -> Forall:
    th, ti = strict_inst(n, m)
    assume(len(R.single_coordinate_pairs(ti)) > 0)
    tab, given0 = sym_ic(n, m, True)
    given = {**given0, **ad_rows(tab, ti, False)}
    if nb:
        given.update(nb_rows(tab, ti))
    then = {}
    seen = set()
    for v, w in monotone_pairs(th):
        rel = sp.Ge(tab.t[w], tab.t[v])
        if rel not in seen:
            seen.add(rel)
            then[f"t{R.show(w)} >= t{R.show(v)}"] = rel
    return Forall(tab.variables, given=given, then=then)


@claim(
    "p004/P3a",
    source=paper.source("Proof of Proposition 3 (a), l.691 (claim of l.410)", 685, 691),
    statement="Almost-deterministic allocations with (1): for a pair differing in coordinate "
    "i, q_i(v̂) > q_i(v) gives q(v̂) >= q(v) (Lemma 3), hence q(v̂) ≻_w q(v): AD mechanisms of "
    "M^I satisfy majorization monotonicity; and (with IC) v̂_i > v_i gives q(v̂) ≻_w q(v) "
    "((10)) when the mechanism is non-bossy.",
    over=P1N,
    limit={"n": 4},
    uses=FIN + ("p004/P3.def8", "p004/P2.def6", "p004/P2.def7"),
    backends=("z3",),
    role="step",
    of="p004/P3.a",
    readings=(
        Reading("MM",
                "Def 6 (no IC, no non-bossiness needed)",
                kind="alternative", expect="CHECKED", form="mm"),
        Reading("10-NB",
                "(10) for IC, non-bossy pairs (the proof's claim at l.691)",
                kind="intended", expect="CHECKED", form="10nb"),
        Reading("10-noNB",
                "(10) for IC pairs without non-bossiness",
                kind="alternative", expect="REFUTED", form="10"),
    ),
)
def p3a(n: int, form: str) -> Forall:
    then = {}
    dom: dict[sp.Symbol, Reals] = {}
    for i in range(n):
        v, w, x, y, t, th, vh = _pair_symbols(n, i)
        dom.update({**_p1_domains(v, x, y, t, th), vh: Reals(0)})
        base = [
            R.ad_formula(x),
            R.ad_formula(y),
            *_decreasing(x, "q").values(),
            *_decreasing(y, "qhat").values(),
        ]
        if form == "mm":
            then[f"i={i + 1}"] = sp.Implies(
                sp.And(*base, sp.Gt(y[i], x[i])),
                sp.And(*[sp.Ge(y[j], x[j]) for j in range(n)], R.wmaj(y, x, sorted_=True)),
            )
            continue
        ic = [sp.Ge(R.dot(v, x) - t, R.dot(v, y) - th), sp.Ge(R.dot(w, y) - th, R.dot(w, x) - t)]
        nb = [sp.Implies(sp.Eq(y[i], x[i]), sp.And(*[sp.Eq(y[j], x[j]) for j in range(n)]))]
        in_di = [*_in_DI(v, strict=True).values(), *_in_DI(w, strict=True).values()]
        hyp = sp.And(*base, *in_di, *ic, *(nb if form == "10nb" else []), sp.Gt(vh, v[i]))
        then[f"i={i + 1}"] = sp.Implies(hyp, R.wmaj(y, x, sorted_=True))
    return Forall(dom, then=then)


@claim(
    "p004/P3b",
    source=paper.source("Introduction: symmetric, almost deterministic optimum", 56, 60),
    statement="If an optimal mechanism is symmetric and almost deterministic, then it "
    "satisfies majorization monotonicity (finite: every symmetric AD IC+IR table on the "
    "strict grid whose revenue equals the optimum over all IC+IR tables, exchangeable prior).",
    over={"m": Ints(1), "seed": EXCH_SAMPLES},
    limit={"m": 2},
    uses=FIN + ("p004/P3.def8", "p004/P2.def6"),
    backends=("z3",),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "Def 6 on pairs of D^I (MM/NB-DOM R1)",
                kind="intended", expect="SAMPLED", dom="I"),
        Reading("R2",
                "Def 6 on all pairs of D^H, ≻_w with decreasing rearrangements (R2)",
                kind="alternative", expect="SAMPLED", dom="H"),
    ),
)
def p3b(m: int, seed: int, dom: str) -> Forall:
    n = 2
    th, ti = strict_inst(n, m)
    p = R.exch_pmf(th, seed)
    opt = R.optimum(th, p, tlo=ZERO)
    evidence(LP_EVIDENCE)
    tab, given0 = sym_ic(n, m, True)
    given = {
        **given0,
        **ad_rows(tab, th, False),
        "REV = OPT": sp.Eq(sp.Add(*[R.rat(p[v]) * tab.t[v] for v in th]), R.rat(opt.value)),
    }
    note(OPT=opt.value, prior=R.js(p))
    pairs = ti if dom == "I" else th
    assume(len(R.single_coordinate_pairs(pairs)) > 0)
    return Forall(tab.variables, given=given, then=mm_rows(tab, pairs, sorted_=False))


@claim(
    "p004/L3",
    source=paper.source("Lemma 3", 679),
    statement="For any pair of almost deterministic vectors α, β ∈ D(σ^I): α >= β or β >= α "
    "or α = β; hence α ≻_w β or β ≻_w α.",
    over={"n": Ints(2)},
    limit={"n": 5},
    uses=FIN + ("p004/P3.def8", "p004/P1.wmaj"),
    backends=("z3",),
    readings=(
        Reading("R1",
                "α, β strictly decreasing (literal 'in D(σ^I)')",
                kind="literal", expect="CHECKED", strict=True),
        Reading("R2",
                "α, β weakly decreasing vectors of [0,1]^n",
                kind="intended", expect="CHECKED", strict=False),
    ),
)
def l3(n: int, strict: bool) -> Forall:
    a = list(sp.symbols(f"alpha1:{n + 1}", real=True))
    b = list(sp.symbols(f"beta1:{n + 1}", real=True))
    rel = sp.Gt if strict else sp.Ge
    given = {
        "alpha AD": R.ad_formula(a),
        "beta AD": R.ad_formula(b),
        **{f"alpha_{i + 1} vs alpha_{i + 2}": rel(a[i], a[i + 1]) for i in range(n - 1)},
        **{f"beta_{i + 1} vs beta_{i + 2}": rel(b[i], b[i + 1]) for i in range(n - 1)},
    }
    ge = sp.And(*[sp.Ge(a[i], b[i]) for i in range(n)])
    le = sp.And(*[sp.Le(a[i], b[i]) for i in range(n)])
    return Forall(
        {s: Reals(0, 1) for s in [*a, *b]},
        given=given,
        then={
            "comparable": sp.Or(ge, le),
            "≻_w one way": sp.Or(R.wmaj(a, b, sorted_=True), R.wmaj(b, a, sorted_=True)),
        },
    )


@claim(
    "p004/L3.step",
    source=paper.source("Proof of Lemma 3", 681),
    statement="If j is the first index with α_j != β_j, α_j > β_j and β is almost "
    "deterministic (and decreasing), then β_ℓ = 0 for all ℓ > j; as a result α >= β.",
    over={"n": Ints(2)},
    limit={"n": 5},
    uses=FIN + ("p004/P3.def8",),
    backends=("z3",),
    role="step",
    of="p004/L3",
    readings=(
        Reading("R2",
                "β weakly decreasing (as in D(σ^I))",
                kind="intended", expect="CHECKED", sorted_=True),
        Reading("unsorted",
                "variant: β any almost-deterministic vector of [0,1]^n",
                kind="alternative", expect="REFUTED", sorted_=False,
                role="variant",
                deviation="beta any almost-deterministic vector (not decreasing), to show that "
                          "the step needs beta in D(sigma^I)"),
    ),
)
def l3_step(n: int, sorted_: bool) -> Forall:
    a = list(sp.symbols(f"alpha1:{n + 1}", real=True))
    b = list(sp.symbols(f"beta1:{n + 1}", real=True))
    given = {"beta AD": R.ad_formula(b)}
    if sorted_:
        given.update({f"beta_{i + 1} >= beta_{i + 2}": sp.Ge(b[i], b[i + 1]) for i in range(n - 1)})
    then = {}
    for j in range(n - 1):
        first = sp.And(*[sp.Eq(a[i], b[i]) for i in range(j)], sp.Gt(a[j], b[j]))
        then[f"j={j + 1}"] = sp.Implies(
            first,
            sp.And(
                *[sp.Eq(b[k], 0) for k in range(j + 1, n)], *[sp.Ge(a[k], b[k]) for k in range(n)]
            ),
        )
    return Forall({s: Reals(0, 1) for s in [*a, *b]}, given=given, then=then)


# ============================================================================ Remark 3


def _upward(
    p: dict[R.Vec, Fraction], types: list[R.Vec], rng: random.Random
) -> dict[R.Vec, Fraction]:
    """Move random shares of mass to componentwise larger types (usual stochastic order)."""
    out = dict(p)
    for _ in range(4):
        v = rng.choice(types)
        ups = [w for w in types if leq(v, w) and w != v]
        if not ups or not out[v]:
            continue
        w = rng.choice(ups)
        share = out[v] * F(rng.randint(1, 4), 4)
        out[v] -= share
        out[w] += share
    return out


@claim(
    "p004/R3",
    source=paper.source("Remark 3", 417),
    statement="If F^H is exchangeable and a symmetric optimal mechanism is almost deterministic "
    "(or majorization monotone), then for every F~^H that FOSD F^H (not necessarily "
    "exchangeable) the optimal revenue under F~^H is no less than under F^H. Finite: "
    "exchangeable p on {0..m}^2 having a symmetric AD optimum (z3), p~ the pmfs that "
    "minimise that optimum's revenue under the order (exact LP) plus random upward shifts; "
    "certified OPT(p~) >= OPT(p).",
    over={"m": Ints(1), "seed": Samples(4, "exchangeable pmfs and random upward shifts")},
    limit={"m": 2},
    uses=FIN + ("p004/P3.def8", "p004/RM.def5"),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "usual stochastic order (coupling supported on v <= w)",
                kind="intended", expect="SAMPLED", order="R1"),
        Reading("R2",
                "lower orthant order F~ <= F",
                kind="alternative", expect="SAMPLED", order="R2"),
        Reading("R3",
                "upper orthant order P~(X >= x) >= P(X >= x)",
                kind="alternative", expect="SAMPLED", order="R3"),
    ),
)
def r3(m: int, seed: int, order: str) -> bool:
    import z3

    th = R.grid(R.values(m), 2, strict=False)
    p = R.exch_pmf(th, seed)
    opt = R.optimum(th, p, tlo=ZERO)
    sym = R.optimum(th, p, sym="all", tlo=ZERO)
    table = sym.table
    if not all(R.is_ad(table.q[v]) for v in th):  # search a symmetric AD optimum with z3
        tab, given = sym_ic(2, m, False)
        env = {s: z3.Real(s.name) for s in tab.variables}
        from verify.backends.z3 import to_z3

        solver = z3.Solver()
        for s, dom in tab.variables.items():
            solver.add(*[to_z3(c, env) for c in dom.constraints(s)])
        solver.add(*[to_z3(c, env) for c in given.values()])
        solver.add(*[to_z3(R.ad_formula(tab.q[v]), env) for v in th])
        solver.add(
            to_z3(sp.Eq(sp.Add(*[R.rat(p[v]) * tab.t[v] for v in th]), R.rat(opt.value)), env)
        )
        assume(solver.check() == z3.sat)
        model = solver.model()
        val = {s: F(str(model.eval(env[s], model_completion=True).as_fraction())) for s in env}
        table = R.Table(
            {v: tuple(F(sp.Rational(x.subs(val))) for x in tab.q[v]) for v in th},
            {v: F(sp.Rational(tab.t[v].subs(val))) for v in th},
        )
    assert table.ic_gain()[0] == 0 and table.ir_ok() and table.revenue(p) == opt.value
    candidates = []
    gap, _, _ = min_revenue_shift(th, dict(table.t), order)
    fixed = _min_revenue_given(th, p, dict(table.t), order)
    candidates.append(fixed)
    if order == "R1":
        rng = random.Random(seed)
        candidates += [_upward(p, th, rng) for _ in range(3)]
    evidence(LP_EVIDENCE)
    for pt in candidates:
        o2 = R.optimum(th, pt, tlo=ZERO)
        if o2.value < opt.value:
            note(p=R.js(p), p_tilde=R.js(pt), OPT_p=opt.value, OPT_p_tilde=o2.value)
            return False
    note(OPT_p=opt.value, AD_table_t=R.js(table.t))
    return True


def _min_revenue_given(
    types: list[R.Vec], p: dict[R.Vec, Fraction], t: dict[R.Vec, Fraction], order: str
) -> dict[R.Vec, Fraction]:
    """argmin over p~ ≽ p (p fixed) of Σ p~ t (exact LP); returns p~."""
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve

    k = {v: i for i, v in enumerate(types)}
    fix = [Constraint(f"p fixed {k[v]}", {f"p[{k[v]}]": ONE}, "==", p[v]) for v in types]
    vs = [Variable(f"p[{k[v]}]", ZERO, ONE) for v in types]
    vs += [Variable(f"pt[{k[v]}]", ZERO, ONE) for v in types]
    rows = [Constraint("sum pt", {f"pt[{k[v]}]": ONE for v in types}, "==", ONE), *fix]
    if order == "R1":
        pairs = [(v, w) for v in types for w in types if leq(v, w)]
        vs += [Variable(f"pi[{k[v]},{k[w]}]", ZERO, ONE) for v, w in pairs]
        for v in types:
            rows.append(
                Constraint(
                    f"marg p {k[v]}",
                    {f"p[{k[v]}]": -ONE, **{f"pi[{k[v]},{k[w]}]": ONE for a, w in pairs if a == v}},
                    "==",
                    ZERO,
                )
            )
            rows.append(
                Constraint(
                    f"marg pt {k[v]}",
                    {
                        f"pt[{k[v]}]": -ONE,
                        **{f"pi[{k[a]},{k[v]}]": ONE for a, w in pairs if w == v},
                    },
                    "==",
                    ZERO,
                )
            )
    else:
        vals = sorted({a for v in types for a in v})
        for x in itertools.product(vals, repeat=len(types[0])):
            low = [v for v in types if (leq(v, x) if order == "R2" else leq(x, v))]
            co = {f"pt[{k[v]}]": ONE for v in low}
            for v in low:
                co[f"p[{k[v]}]"] = -ONE
            rows.append(
                Constraint(f"order at {R.show(x)}", co, "<=" if order == "R2" else ">=", ZERO)
            )
    obj = {f"pt[{k[v]}]": t[v] for v in types if t[v]} or {f"pt[{k[types[0]]}]": ZERO}
    res = solve(LinearProgram(tuple(vs), obj, tuple(rows), "min"))
    if res.status != "optimal":
        raise ValueError(f"dominance LP {res.status}")
    res.verify()
    return {v: res.x.get(f"pt[{k[v]}]", ZERO) for v in types}


@claim(
    "p004/P3.b.rev",
    source=paper.source("Proposition 3 (b) and Remark 3, Definition 5", 410, 417),
    statement="A symmetric, almost-deterministic IC mechanism of M^H is revenue monotone "
    "(Def 5). Tables: the symmetric optimal mechanisms (certified LP) of exchangeable pmfs "
    "on {0..m}^2 that are almost deterministic; the minimum of REV(p~) − REV(p) over all pmf "
    "pairs with p~ FOSD p is an exact LP.",
    over={"m": Ints(1), "seed": Samples(5, "exchangeable pmfs (uniform, random i.i.d., random orbit weights)")},
    limit={"m": 2},
    uses=FIN + ("p004/P3.def8", "p004/RM.def5"),
    analogue="grids {0..m}^n (strict grids: distinct values), exchangeable pmfs with full "
             "support",
    readings=(
        Reading("R1",
                "usual stochastic order (coupling supported on v <= w)",
                kind="intended", expect="SAMPLED", order="R1"),
        Reading("R2",
                "lower orthant order F~ <= F",
                kind="alternative", expect="REFUTED", order="R2"),
        Reading("R3",
                "upper orthant order P~(X >= x) >= P(X >= x)",
                kind="alternative", expect="REFUTED", order="R3"),
    ),
)
def p3_b_rev(m: int, seed: int, order: str) -> bool:
    th = R.grid(R.values(m), 2, strict=False)
    p = R.exch_pmf(th, seed)
    tab = R.optimum(th, p, sym="all", tlo=ZERO).table
    assume(all(R.is_ad(tab.q[v]) for v in th))
    gap, p0, pt = min_revenue_shift(th, dict(tab.t), order)
    evidence(LP_EVIDENCE)
    note(
        q=R.js(tab.q),
        t=R.js(tab.t),
        min_gap=gap,
        p=R.js(p0),
        p_tilde=R.js(pt),
        REV_p=tab.revenue(p0),
        REV_p_tilde=tab.revenue(pt),
    )
    return gap >= 0
