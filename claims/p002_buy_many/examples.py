"""Examples 1 and 2 and the numbers the paper prints for them: S1 (Example 1), S38 (Example 2),
S40 (Proposition 1's M_1), S41 (Claim 25, the menus M_k), S4/S43 (Proposition 1 and its
printed optima), S5 (Conjecture 1, bounded). Buy-one optima are certified LPs; upper bounds on
Buy^kRev(Ex2) are z3 (NRA) proofs over every buy-k IC 3-entry menu (revelation principle: WLOG
the menu is the three entries the types choose, plus the null entry)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from claims.p002_buy_many import paper
from claims.p002_buy_many.alpha import bracket
from claims.p002_buy_many.model import (
    BAGEL,
    BOTH,
    COFFEE,
    EX1,
    EX1_MENU,
    EX2,
    EX2_TYPES,
    M1_PRINTED,
    a,
    alpha_value,
    multisets,
    r_k,
    utility,
)
from verify import Forall, Ints, evidence, note
from verify.exact import sign
from verify.mech.buyk import (
    best_multisets,
    brev,
    buy_one_optimum,
    buyk_ic_violation,
    buyk_revenue,
    buyk_revenue_exceeds,
)
from verify.paper import Reading

F = Fraction


# ----------------------------------------------------------------------------- Example 1

@paper.claim("S1.a", at=("Example 1", 36, 38),
             says="The menu {coffee $2, bagel $4, both $8} is buy-one IC for the uniform prior "
             "on (2,0), (0,4), (4,6), with revenue (2+4+8)/3 = 14/3.", expect="PROVED")
def ex1_buy_one() -> bool:
    ok = buyk_ic_violation(EX1_MENU, EX1.support, 1).ok
    rev = buyk_revenue(EX1_MENU, EX1, 1, "seller")
    note(revenue=rev)
    return ok and rev == F(14, 3)


@paper.claim("S1.b", at=("Example 1", 36),
             says="'The optimal mechanism in this example is as follows': no buy-one IC "
             "mechanism (randomised, prices >= 0) earns more than 14/3 on Example 1.",
             expect="PROVED")
def ex1_optimal() -> bool:
    res = buy_one_optimum(EX1)
    res.verify()
    evidence("exact LP optimum over all randomised buy-one IC/IR menus, dual certificate "
             "re-checked")
    note(optimum=res.revenue)
    return res.revenue == F(14, 3)


@paper.claim("S1.c", at=("Example 1", 36),
             says="Type (4,6) weakly prefers the combination at $8 to buying exactly one item: "
             "utilities 2 (coffee), 2 (bagel), 2 (both).", expect="PROVED")
def ex1_indifferent() -> bool:
    tied = best_multisets((4, 6), EX1_MENU, 1, "all")
    return tied.utility == 2 and set(tied.picks) == {(COFFEE,), (BAGEL,), (BOTH,)}


@paper.claim("S1.d", at=("Example 1", 36),
             says="The menu is not buy-many IC: (4,6) prefers buying coffee and bagel "
             "separately for $6 (utility 4 > 2); already buy-2 IC fails.", expect="PROVED")
def ex1_not_buy_many() -> bool:
    res = buyk_ic_violation(EX1_MENU, EX1.support, 2)
    note(regret=res.max_violation, witness=str(res.witness))
    return res.max_violation == 2 and res.witness == ((4, 6), (COFFEE, BAGEL))


@paper.claim("S1.e", at=("Example 1", 38),
             says="'In reality' (buyers may buy several entries) the menu earns (2+4+6)/3 = 4, "
             "for every k >= 2.", over={"k": Ints(2)}, limit={"k": 6}, expect="CHECKED",
             deviation="indifferent buyers buy (ties to the seller), as the paper's count of "
             "(2,0) and (0,4) paying $2 and $4 presumes.")
def ex1_reality(k: int) -> bool:
    return buyk_revenue(EX1_MENU, EX1, k, "seller") == 4


@paper.claim("S2.a", at=("Section 1", 44),
             says="'buy-many mechanisms are always buy-one incentive compatible but the converse "
             "is not true': the Example 1 menu is buy-one IC and not buy-2 IC (for the converse); "
             "the first half is S3.i with k' = 1.", expect="CHECKED", rests_on=("p002/S3.i",),
             note="the converse is decided here (Example 1); the first half is definitional "
             "(buy-many IC includes the multisets of size 1), checked on a slice as S3.i.")
def buy_many_vs_one() -> bool:
    return (buyk_ic_violation(EX1_MENU, EX1.support, 1).ok
            and not buyk_ic_violation(EX1_MENU, EX1.support, 2).ok)


# ----------------------------------------------------------------------------- Example 2

@paper.claim("S38", at=("Example 2", 631, 633),
             says="Example 2: (3,4) w.p. 1/6, (4,3) w.p. 1/6, (5,7) w.p. 4/6 is a distribution; "
             "its bundle values are 7, 7, 12 and BRev = max(7 * 1, 12 * 4/6) = 8.",
             expect="PROVED",
             note="the paper prints no BRev for Example 2; the value is computed here for S3/S7.")
def ex2_brev() -> bool:
    res = brev(EX2)
    note(brev=res.revenue, price=res.price)
    return sum(EX2.mass(x) for x in EX2.support) == 1 and res.revenue == 8 and res.price == 12


TRUNC = (Reading("trunc", "8.233 is the optimum truncated to 3 decimals ('subject to "
                 "truncation', l.650)", kind="intended", expect="PROVED", rounding=False),
         Reading("round", "8.233 is the optimum rounded to 3 decimals", kind="alternative",
                 expect="PROVED", rounding=True))


def three_decimals(value: sp.Expr, rounding: bool) -> Fraction:
    """value truncated (or rounded half up) to 3 decimals, exactly (floor of an exact number)."""
    shifted = sp.Rational(1000) * value + (sp.Rational(1, 2) if rounding else 0)
    return F(int(sp.floor(shifted)), 1000)


@paper.claim("S40", at=("Proof of Proposition 1, M_1", 648, 650),
             says="M_1 = {((0.2,0.2),1.4), ((1,0),4), ((1,1),11)} is the revenue-optimal "
             "buy-one mechanism for Example 2, with expected revenue 8.233 (subject to "
             "truncation).", readings=TRUNC,
             deviation="ties to the seller (type (4,3) is indifferent between t1 and t2; the "
             "paper's revenue counts t2).")
def m1_optimal(rounding: bool) -> bool:
    res = buy_one_optimum(EX2)
    res.verify()
    ic = buyk_ic_violation(M1_PRINTED, EX2.support, 1).ok
    rev = buyk_revenue(M1_PRINTED, EX2, 1, "seller")
    evidence("exact LP optimum over all buy-one IC/IR menus for Example 2, certificate re-checked")
    note(optimum=res.revenue, m1_revenue=rev)
    return (ic and rev == res.revenue
            and three_decimals(sp.Rational(rev.numerator, rev.denominator), rounding)
            == F(8233, 1000))


# ----------------------------------------------------------------------------- Claim 25

def _sign_at_alpha(expr: sp.Expr, k: int) -> int:
    al = alpha_value(k)
    return sign(expr, {a: al})


OWN = {0: (0,), 1: (1,), 2: (2,)}


@paper.claim("S41", at=("Claim 25", 656, 664),
             says="For every k >= 1, M_k is buy-k IC for Example 2 (each buyer j weakly prefers "
             "t_j to every multiset of at most k entries) and earns R_k = 8 + 7 alpha_k / 6 with "
             "ties to the seller.", over={"k": Ints(1)}, limit={"k": 5}, expect="CHECKED",
             note="exact at alpha_k (real algebraic, isolating interval): the sign of every "
             "u_j(t_j) - u_j(Λ), a polynomial in alpha_k, over all C(k+3, 3) multisets.")
def claim25(k: int) -> bool:
    worst = None
    for j, x in enumerate(EX2_TYPES):
        own = utility(x, OWN[j])
        for bag in multisets(k):
            s = _sign_at_alpha(own - utility(x, bag), k)
            if s < 0:
                note(buyer=j + 1, multiset=str(bag))
                return False
            if s == 0 and bag and bag != OWN[j]:
                # tie: the seller-favourable choice must still be t_j (price at least as high)
                price = sum(utility((0, 0), (e,)) for e in bag)  # -(sum of prices)
                if _sign_at_alpha(price - utility((0, 0), OWN[j]), k) < 0:
                    worst = (j + 1, bag)
    if worst is not None:
        note(tie_to_a_dearer_multiset=str(worst))
        return False
    return True


@paper.claim("S41.b", at=("Claim 25 proof", 660), role="step", of="S41",
             says="u_1(t1) = 0, u_1(t2) < 0, u_1(t3) < 0; u_2(t1) = 0, u_2(t2) = 0, u_2(t3) < 0.",
             over={"k": Ints(1)}, limit={"k": 12}, expect="CHECKED")
def claim25_b(k: int) -> bool:
    want = {(0, 0): 0, (0, 1): -1, (0, 2): -1, (1, 0): 0, (1, 1): 0, (1, 2): -1}
    got = {(j, e): _sign_at_alpha(utility(EX2_TYPES[j], (e,)), k) for j, e in want}
    note(signs=str(got))
    return got == want


@paper.claim("S41.d", at=("Claim 25 proof", 662), role="step", of="S41",
             says="Buyer 3, buy-one: 0 < u_3(t1) <= 1, u_3(t2) = 1, u_3(t3) = 1.",
             over={"k": Ints(1)}, limit={"k": 12}, expect="CHECKED")
def claim25_d(k: int) -> bool:
    u1 = utility(EX2_TYPES[2], (0,))
    return (_sign_at_alpha(u1, k) > 0 and _sign_at_alpha(u1 - 1, k) <= 0
            and utility(EX2_TYPES[2], (1,)) == 1 and utility(EX2_TYPES[2], (2,)) == 1)


@paper.claim("S41.e", at=("Claim 25 proof", 662), role="step", of="S41",
             says="Multiple copies of t2 add no utility: u_3(m x t2) = u_3(t2) - 4(m-1) for m >= 1 "
             "(t2 is deterministic).", over={"m": Ints(1)}, limit={"m": 12}, expect="CHECKED")
def claim25_e(m: int) -> bool:
    return all(utility(x, (1,) * m) == utility(x, (1,)) - 4 * (m - 1) for x in EX2_TYPES)


@paper.claim("S41.f", at=("Claim 25 proof", 662), role="step", of="S41",
             says="u_3({t1, t2}) = 1 and u_3(k x t1) = 1, 'the last equality follows directly "
             "from the definition of alpha_k'.", over={"k": Ints(1)}, limit={"k": 12},
             expect="CHECKED")
def claim25_f(k: int) -> bool:
    x3 = EX2_TYPES[2]
    return (_sign_at_alpha(utility(x3, (0, 1)) - 1, k) == 0
            and _sign_at_alpha(utility(x3, (0,) * k) - 1, k) == 0)


@paper.claim("S41.f.identity", at=("Claim 25 proof", 662), role="step", of="S41",
             says="For symbolic k: u_3(k x t1) - 1 = f_k(a) at a = alpha_k (so u_3(k x t1) = 1 "
             "iff f_k(a) = 0), and u_3({t1, t2}) = 1 for every a.", expect="PROVED")
def claim25_f_identity() -> Forall:
    k = sp.Symbol("k", integer=True)
    # k copies of t1: value 12(1 - (1-a)^k) (5 + 7 per item), price 7ka
    u_k = 5 * (1 - (1 - a) ** k) + 7 * (1 - (1 - a) ** k) - k * 7 * a
    f_k = 12 * (1 - (1 - a) ** k) - 7 * k * a - 1
    from verify import Reals
    return Forall({k: Ints(1), a: Reals(0, 1)},
                  then={"u_3(k x t1) - 1 = f_k(a)": sp.Eq(u_k - 1, f_k, evaluate=False),
                        "u_3({t1,t2}) = 1": sp.Eq(utility(EX2_TYPES[2], (0, 1)), 1,
                                                  evaluate=False)})


@paper.claim("S41.g", at=("Claim 25 proof", 662), role="step", of="S41",
             says="'since alpha_k is the smallest positive root of f_k, u_3(i x t1) < 1 for "
             "1 <= i < k'.", over={"k": Ints(1)}, limit={"k": 12}, expect="CHECKED")
def claim25_g(k: int) -> bool:
    x3 = EX2_TYPES[2]
    return all(_sign_at_alpha(utility(x3, (0,) * i) - 1, k) < 0 for i in range(1, k))


@paper.claim("S41.i", at=("Claim 25 proof", 664), role="step", of="S41",
             says="R_k = 2/3 * 11 + 1/6 * 4 + 1/6 * 7 alpha_k = 8 + 7 alpha_k / 6 (symbolic "
             "alpha).", expect="PROVED")
def claim25_i() -> Forall:
    from verify import Reals
    return Forall({a: Reals(0, 1)}, then={"R_k": sp.Eq(
        sp.Rational(2, 3) * 11 + sp.Rational(1, 6) * 4 + sp.Rational(1, 6) * 7 * a,
        8 + sp.Rational(7, 6) * a, evaluate=False)})


# ----------------------------------------------------------------------------- Proposition 1

R1 = F(247, 30)  # = 8 + 7/6 * 1/5 = Buy^1Rev(Ex2) (S40)


def below_r(k: int) -> Fraction:
    """A rational b_k <= R_k: 8 + 7 lo / 6 with lo <= alpha_k from an exact bracket."""
    lo, _ = bracket(k, F(1, 10**6))
    return 8 + F(7, 6) * lo


Z3 = "z3 NRA (nlsat) unsat over all buy-k IC 3-entry menus for Example 2 (q in [0,1]^2, p >= 0)"


def exceeds(k: int, bound: Fraction) -> str:
    res = buyk_revenue_exceeds(EX2, k, bound)
    if res.status == "sat":
        note(menu=str(res.menu), revenue=res.revenue)
    return res.status


@paper.claim("S4.upper", at=("Proposition 1, proof", 652), role="step", of="S4",
             says="Buy^{k+1}Rev(Ex2) < R_k for k = 1, 2, 3 (R_1 = 247/30 = Buy^1Rev): no "
             "buy-(k+1) IC menu for Example 2 earns R_k.", over={"k": Ints(1, 3)},
             expect="PROVED",
             deviation="the bound is a rational b_k <= R_k within 2e-6 of it (b_1 = R_1 = "
             "247/30), so 'revenue < b_k' is the stronger statement.",
             note="the paper's evidence is a non-convex optimiser's output (l.652).")
def prop1_upper(k: int) -> bool:
    b = below_r(k)
    if sign(sp.Rational(b.numerator, b.denominator) - r_k(k), {}) > 0:
        return False
    evidence(Z3)
    return exceeds(k + 1, b) == "unsat"


@paper.claim("S4", at=("Proposition 1", 60, 62),
             says="There is a distribution over two items (Example 2) with Buy^1Rev > Buy^2Rev > "
             "Buy^3Rev > Buy^4Rev.", expect="PROVED",
             rests_on=("p002/S4.upper",),
             note="own check: the lower bounds Buy^kRev >= R_k (M_k buy-k IC, exact) with R_1 > "
             "R_2 > R_3 > R_4; the strict upper bounds are S4.upper.")
def prop1() -> bool:
    for k in (1, 2, 3, 4):
        if not claim25(k):
            return False
    rs = [r_k(k) for k in (1, 2, 3, 4)]
    return all(sign(rs[i] - rs[i + 1], {}) > 0 for i in range(3))


PRINTED = {2: F(8135, 1000), 3: F(8096, 1000), 4: F(8074, 1000)}


@paper.claim("S43", at=("Proof of Proposition 1, printed optima", 652),
             says="The optimal Buy^kRev(Ex2) for k = 2, 3, 4 is [8.135, 8.096, 8.074].",
             over={"k": Ints(2, 4)},
             readings=(Reading("trunc", "each printed value is the optimum truncated to 3 "
                               "decimals: printed <= Buy^kRev < printed + 0.001", kind="intended",
                               expect="PROVED", rounding=False),
                       Reading("round", "each printed value is the optimum rounded to 3 decimals",
                               kind="alternative", expect="REFUTED", rounding=True)),
             note="lower bound: M_k earns R_k (S41, exact); upper bound: z3 NRA (k = 4, degree-4 "
             "constraints, is the costliest query, a few seconds CPU).")
def printed_optima(k: int, rounding: bool) -> bool:
    shift = F(1, 2000) if rounding else F(0)
    lo, hi = PRINTED[k] - shift, PRINTED[k] + F(1, 1000) - shift
    r = r_k(k)
    note(R_k=sp.N(r, 10))
    if not claim25(k):  # M_k is buy-k IC and earns R_k: the lower bound
        return False
    if sign(r - sp.Rational(lo.numerator, lo.denominator), {}) < 0:
        return False
    evidence(Z3 + "; lower bound R_k from M_k (S41)")
    if sign(r - sp.Rational(hi.numerator, hi.denominator), {}) >= 0:
        note(why="R_k = revenue of M_k already reaches the upper end")
        return False
    return exceeds(k, hi) == "unsat"


@paper.claim("S5", at=("Conjecture 1", 66, 68),
             says="There is a distribution over two items (candidate: Example 2) with Buy^kRev > "
             "Buy^{k+1}Rev for all k >= 1; bounded: on Example 2, Buy^{k+1}Rev < R_k <= Buy^kRev.",
             over={"k": Ints(1)}, limit={"k": 1}, expect="CHECKED",
             note="k <= 3 is S4.upper (about 15 s CPU per k beyond 1); k = 4 (buy-5) takes ~17 s.")
def conjecture1(k: int) -> bool:
    if not claim25(k):
        return False
    b = below_r(k)
    evidence(Z3)
    return exceeds(k + 1, b) == "unsat"
