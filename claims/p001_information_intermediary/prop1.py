"""Proposition 1 (PR-1, l.181-186) against the exact BIC/IR LP of spec D6.

For a product signal s = (A, B) = (alpha', beta') of the Section 3 instance, Proposition 1
names four cases by (phi_1(b|s), phi_2(d|s)) and, for each, the optimal mechanism and CS(s).
The seller's optimum is computed exactly (verify.mech.signaling.seller_optimum: revenue.
auction_lp "BIC", certified, then min/max welfare on the optimal face), so CS ranges over
[CS_min, CS_max]. Readings where several conditions apply (spec PR-1): R1 formula = CS_max,
R2 formula = CS_min, R3 formula in [CS_min, CS_max]. Where exactly one applies every reading
asks formula = the (then unique) CS.

Domain (samples of the paper's a > b > c > d > 0, (A, B) in [0, 1]^2, so at most SAMPLED): the
value tuples VALS (a > b > c > d > 0) and signals (A, B) in AS x BS: the grid
{0, 1, 1/2, 1/3, 2/3} plus, for every tuple, the values forced onto the case
boundaries: phi_1 = c (A = alpha_1), phi_1 = d (A = alpha_4), phi_1 = 0 (A = b/a), phi_2 = 0
(B = d/c) and the T2 points phi_1 = phi_2 = d/2 (spec PR-1 (i)); A, B in {0, 1} are the
zero-mass boundaries (phi = -infinity, spec D11/C3).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from claims.p001_information_intermediary import as_readings, paper
from claims.p001_information_intermediary.model import Inst, cases, formula, sym_conds
from verify import Forall, Reals, claim, definition, evidence, note
from verify.domains import Choice, Samples
from verify.mech.mechanisms import Auction, bic_violation, interim_ir_violation
from verify.mech.signaling import seller_optimum

F = Fraction


definition("p001/D6", source=paper.source("Section 2.1, optimal auction on a prior", 96, 110),
           statement="The seller runs the revenue-optimal ex-interim IC and interim IR auction on "
           "the posterior (x_i(v) >= 0, sum_i x_i(v) <= 1, payments free); R = max expected "
           "payment, W = expected sum_i v_i x_i, CS = W - R. Ties: CS ranges over [CS_min, CS_max] "
           "on the optimal face (spec D6, C1: fav = CS_max, adv = CS_min).")
definition("p001/D11", source=paper.source("Section 3 instance", 171, 175),
           statement="V_1 in {a, b} w.p. (alpha', 1 - alpha'), V_2 in {c, d} w.p. (beta', 1 - beta'), "
           "a > b > c > d > 0; phi_1(b|s) = b - (a-b) alpha'/(1-alpha'), phi_2(d|s) = d - (c-d) "
           "beta'/(1-beta'); -infinity when the low type has zero mass.")

VALS = ("4,2,1,1/2", "3,2,1,1/2", "6,4,3,1")  # "a,b,c,d"


def values_of(vals: str) -> tuple[Fraction, ...]:
    return tuple(F(x) for x in vals.split(","))


def _size(x: Fraction) -> tuple[int, int]:
    return (x.denominator, x.numerator)


def _axes() -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    base = {F(0), F(1), F(1, 2), F(1, 3), F(2, 3)}
    As, Bs = set(base), set(base)
    for t in VALS:
        s = Inst(*values_of(t), F(1, 2), F(1, 2))
        As |= {s.alpha1, s.alpha4, s.b / s.a}
        Bs |= {s.d / s.c}
        A2, B2 = s.t2_point(s.d / 2)
        As.add(A2)
        Bs.add(B2)
    return tuple(sorted(As, key=_size)), tuple(sorted(Bs, key=_size))


AS, BS = _axes()
# the paper's domain is every a > b > c > d > 0 and (A, B) in [0, 1]^2: three hand-picked value
# tuples and a grid of signals are samples of it (SAMPLED), never the whole of it
OVER = {"vals": Samples.of(VALS, "value tuples (a,b,c,d)"), "A": Choice(*AS), "B": Choice(*BS)}
SAMPLE_NOTE = ("Proposition 1 holds for every a > b > c > d > 0 and every signal (A, B) in "
               "[0, 1]^2; the exact D6 LP is solved on 3 value tuples x a grid of signals with the "
               "case boundaries, samples of that domain (the symbolic Myerson form is PR-1.ii).")
USES = ("p001/D6", "p001/D11")
STATEMENT = ("Conditioned on a product signal s: (1) phi_1(b) >= c => sell to buyer 1 at b, "
             "CS(s) = (a-b) alpha'; (2) phi_2(d) >= max(0, phi_1(b)) => offer a to buyer 1, then d "
             "to buyer 2, CS(s) = (1-alpha') beta' (c-d); (3) phi_1(b) <= 0 and phi_2(d) <= 0 => "
             "offer a to buyer 1, then c to buyer 2, CS(s) = 0; (4) 0 <= phi_1(b) <= c and "
             "phi_2(d) <= phi_1(b) => sell to buyer 1 at b if v_2 = d, otherwise offer a to "
             "buyer 1, then c to buyer 2, CS(s) = alpha'(1-beta')(a-b).")


def _point(vals: str, A: Fraction, B: Fraction):  # noqa: ANN202
    s = Inst(*values_of(vals), F(1, 2), F(1, 2))  # the prior plays no role in Proposition 1
    opt = seller_optimum(s.posterior(A, B), s.values)
    evidence("exact LP optimum, dual certificate re-checked")
    ks = cases(s, A, B)
    note(phi1=s.phi1(A) if A < 1 else "-infinity", phi2=s.phi2(B) if B < 1 else "-infinity",
         cases=list(ks), formulas={str(k): formula(s, k, A, B) for k in ks},
         R_star=opt.revenue, CS_min=opt.cs_min, CS_max=opt.cs_max)
    return s, opt, ks


@claim("p001/PR-1", source=paper.source("Proposition 1", 181, 186), statement=STATEMENT, over=OVER, note=SAMPLE_NOTE,
       uses=USES,
       readings=as_readings({"R1": {"reading": "max"}, "R2": {"reading": "min"}, "R3": {"reading": "in"}}, {"R1": "every applicable case's formula equals CS_max (the seller breaks "
                      "ties for the consumers)",
                      "R2": "every applicable case's formula equals CS_min (ties against them)",
                      "R3": "every applicable case's formula lies in [CS_min, CS_max] (some "
                      "revenue-optimal mechanism gives it)"}, {"R1": "REFUTED", "R2": "REFUTED", "R3": "SAMPLED"}, kinds={'R1': 'alternative', 'R2': 'alternative', 'R3': 'intended'}))
def prop1(vals: str, A: Fraction, B: Fraction, reading: str) -> bool:
    s, opt, ks = _point(vals, A, B)
    for k in ks:
        f = formula(s, k, A, B)
        ok = {"max": f == opt.cs_max, "min": f == opt.cs_min,
              "in": opt.cs_min <= f <= opt.cs_max}[reading]
        if not ok:
            note(failing_case=k)
            return False
    return True


@claim("p001/PR-1.C1", source=paper.source("Proposition 1 under the tie conventions C1", 181, 186),
       statement="CS(s) of Proposition 1 under C1: the largest applicable case formula is CS_max "
       "(fav) and the smallest is CS_min (adv), at every signal (the object TH-5 uses).",
       over=OVER, note=SAMPLE_NOTE, uses=USES, readings=as_readings({"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}, {"fav": "max over applicable formulas = CS_max",
                      "adv": "min over applicable formulas = CS_min"}, {"fav": "SAMPLED", "adv": "SAMPLED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))
def prop1_c1(vals: str, A: Fraction, B: Fraction, tie: str) -> bool:
    s, opt, ks = _point(vals, A, B)
    fs = [formula(s, k, A, B) for k in ks]
    return bool(fs) and (max(fs) == opt.cs_max if tie == "fav" else min(fs) == opt.cs_min)


def printed_mechanism(s: Inst, case: int) -> Auction:
    """The mechanism Proposition 1 prints for ``case``, as ex-post tables on {b,a} x {d,c}."""
    a, b, c, d = s.a, s.b, s.c, s.d
    one, zero = F(1), F(0)
    # (x_1, x_2), (p_1, p_2) per profile
    table = {
        1: {(a, c): ((one, zero), (b, zero)), (a, d): ((one, zero), (b, zero)),
            (b, c): ((one, zero), (b, zero)), (b, d): ((one, zero), (b, zero))},
        2: {(a, c): ((one, zero), (a, zero)), (a, d): ((one, zero), (a, zero)),
            (b, c): ((zero, one), (zero, d)), (b, d): ((zero, one), (zero, d))},
        3: {(a, c): ((one, zero), (a, zero)), (a, d): ((one, zero), (a, zero)),
            (b, c): ((zero, one), (zero, c)), (b, d): ((zero, zero), (zero, zero))},
        4: {(a, c): ((one, zero), (a, zero)), (a, d): ((one, zero), (b, zero)),
            (b, c): ((zero, one), (zero, c)), (b, d): ((one, zero), (b, zero))},
    }[case]
    return Auction({v: q for v, (q, _) in table.items()}, {v: t for v, (_, t) in table.items()})


@claim("p001/PR-1.mech", source=paper.source("Proposition 1, the printed mechanisms", 181, 186),
       statement="In every case whose condition holds, the printed mechanism (posted prices as "
       "printed) is ex-interim IC and interim IR under s, attains the optimal revenue R* of the "
       "D6 LP, and its consumer surplus is the printed formula.",
       over=OVER, note=SAMPLE_NOTE, uses=USES, expect="SAMPLED")
def prop1_mechanism(vals: str, A: Fraction, B: Fraction) -> bool:
    s, opt, ks = _point(vals, A, B)
    post = s.posterior(A, B)
    for k in ks:
        m = printed_mechanism(s, k)
        bic, ir = bic_violation(m, post), interim_ir_violation(m, post)
        rev, cs = m.revenue(post), m.consumer_surplus(post)
        if not (bic.ok and ir.ok and rev == opt.revenue and cs == formula(s, k, A, B)):
            note(failing_case=k, regret=bic.max_violation, ir_violation=ir.max_violation,
                 revenue=rev, cs=cs)
            return False
    return True


a, b, c, d, P1, P2 = sp.symbols("a b c d phi1 phi2", real=True)


@claim("p001/PR-1.iii", source=paper.source("Proposition 1, coverage", 181, 186),
       statement="The four conditions cover every pair (phi_1(b), phi_2(d)), including "
       "phi = -infinity for a zero-mass low type (spec PR-1 (iii)).", uses=USES, expect="PROVED")
def coverage() -> Forall:
    def cover(p1: object, p2: object) -> sp.Basic:
        return sp.Or(*sym_conds(p1, p2, c).values())

    # both -infinity: sym_conds holds no relation, only the D11 convention's constants (-inf >=
    # c false, -inf <= 0 true), so the disjunction is a propositional constant: its exact value
    both_inf = cover(None, None)
    assert isinstance(both_inf, sp.logic.boolalg.BooleanAtom)
    return Forall({c: Reals(0, lo_open=True), P1: Reals(), P2: Reals()},
                  then={"both finite": cover(P1, P2), "phi_1 = -inf": cover(None, P2),
                        "phi_2 = -inf": cover(P1, None), "both -inf": bool(both_inf)})


# ----------------------------------------------------------------------------- (ii) symbolic

A_, B_ = sp.symbols("A B", real=True)
WINNERS = {  # printed allocation: profile (v1, v2) in {a,b} x {c,d} -> winner (1, 2 or None)
    1: {("a", "c"): 1, ("a", "d"): 1, ("b", "c"): 1, ("b", "d"): 1},
    2: {("a", "c"): 1, ("a", "d"): 1, ("b", "c"): 2, ("b", "d"): 2},
    3: {("a", "c"): 1, ("a", "d"): 1, ("b", "c"): 2, ("b", "d"): None},
    4: {("a", "c"): 1, ("a", "d"): 1, ("b", "c"): 2, ("b", "d"): 1},
}
PRICES = {  # printed prices of the winner at each profile
    1: {("a", "c"): "b", ("a", "d"): "b", ("b", "c"): "b", ("b", "d"): "b"},
    2: {("a", "c"): "a", ("a", "d"): "a", ("b", "c"): "d", ("b", "d"): "d"},
    3: {("a", "c"): "a", ("a", "d"): "a", ("b", "c"): "c", ("b", "d"): None},
    4: {("a", "c"): "a", ("a", "d"): "b", ("b", "c"): "c", ("b", "d"): "b"},
}


def _threshold(case: int, prof: tuple[str, str], i: int) -> str | None:
    """The smallest report (low type first) with which buyer i still wins, others fixed."""
    for r in (("b", "a") if i == 1 else ("d", "c")):
        p = (r, prof[1]) if i == 1 else (prof[0], r)
        if WINNERS[case][p] == i:
            return r
    return None


@claim("p001/PR-1.ii", source=paper.source("Proposition 1 via Myerson's characterization", 175, 186),
       statement="For interior signals (0 < alpha', beta' < 1) in case k's region: the printed "
       "allocation maximises the virtual surplus max(0, phi_1(v_1), phi_2(v_2)) at every profile, "
       "the printed prices are its threshold prices, and its consumer surplus is the printed "
       "formula (with Myerson's lemma for independent values, trusted, the printed mechanism is "
       "revenue-optimal; spec PR-1 (ii)).", uses=USES,
       readings=as_readings({f"case{k}": {"case": k} for k in (1, 2, 3, 4)}, None, {f"case{k}": "PROVED" for k in (1, 2, 3, 4)}, kinds={'case1': 'intended', 'case2': 'intended', 'case3': 'intended', 'case4': 'intended'}))
def prop1_symbolic(case: int) -> Forall:
    sym = {"a": a, "b": b, "c": c, "d": d}
    vv = {("1", "a"): a, ("1", "b"): P1, ("2", "c"): c, ("2", "d"): P2}  # virtual values
    prob = {("a", "c"): A_ * B_, ("a", "d"): A_ * (1 - B_), ("b", "c"): (1 - A_) * B_,
            ("b", "d"): (1 - A_) * (1 - B_)}
    then: dict[str, sp.Basic] = {}
    cs = sp.Integer(0)
    for prof, win in WINNERS[case].items():
        p1, p2 = vv[("1", prof[0])], vv[("2", prof[1])]
        tag = f"({prof[0]},{prof[1]})"
        if win is None:
            then[f"{tag}: no sale maximises"] = sp.And(sp.Le(p1, 0, evaluate=False),
                                                       sp.Le(p2, 0, evaluate=False))
            continue
        mine, other = (p1, p2) if win == 1 else (p2, p1)
        then[f"{tag}: buyer {win} maximises"] = sp.And(sp.Ge(mine, other, evaluate=False),
                                                        sp.Ge(mine, 0, evaluate=False))
        price = PRICES[case][prof]
        # a comparison of the printed price's label with the threshold's label: an exact bool
        then[f"{tag}: price {price} is the threshold"] = price == _threshold(case, prof, win)
        cs += prob[prof] * (sym[prof[win - 1]] - sym[price])  # type: ignore[index]
    then["CS = printed formula"] = sp.Eq(sp.expand(cs), sp.expand(
        {1: (a - b) * A_, 2: (1 - A_) * B_ * (c - d), 3: sp.Integer(0),
         4: A_ * (1 - B_) * (a - b)}[case]), evaluate=False)
    region = sym_conds(P1, P2, c)[case]
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(),
                   A_: Reals(0, 1, lo_open=True, hi_open=True),
                   B_: Reals(0, 1, lo_open=True, hi_open=True), P1: Reals(), P2: Reals()},
                  given={"a > b > c > d > 0": sp.And(sp.Gt(a, b, evaluate=False),
                                                     sp.Gt(b, c, evaluate=False),
                                                     sp.Gt(c, d, evaluate=False),
                                                     sp.Gt(d, 0, evaluate=False)),
                         "phi_1(b|s)": sp.Eq(P1 * (1 - A_), b * (1 - A_) - A_ * (a - b),
                                             evaluate=False),
                         "phi_2(d|s)": sp.Eq(P2 * (1 - B_), d * (1 - B_) - B_ * (c - d),
                                             evaluate=False),
                         f"case {case} condition": region},
                  then=then)
