"""Theorem 5's proof as z3 claims: the moves of l.216-217 (spec TH-5 (b)) and the type-(2)
algebra of l.223-238 (spec TH-5-T2 (ii), (iii), (iv)).

A move replaces weight gamma on a signal s = (A, B) by w*gamma on s*. It is valid when
w >= 0, w mu(s*) <= mu(s) in all four cells (the LP (2) constraints stay feasible; the freed
mass goes to point masses, CS 0) and w CS(s*) >= CS(s). As the spec asks, CS(s) is the starting
case's printed formula (the paper's own bookkeeping) and CS(s*) is Proposition 1 at s* under
the tie convention C1: fav = some applicable case formula reaches the bound, adv = every
applicable one does (model.sym_cs_at_least; phi = -infinity when the low type has zero mass).
z3 decides each move for all real a > b > c > d > 0 and all signals of its region; a model is
a counterexample, re-checked exactly by the engine.

The printed moves 2 and 4 lower phi_2 (phi_1) to the other virtual value even when that value
is negative, which leaves case 2 (4) for case 3 (CS 0). The '-fixed' variants stop at
max(0, .), and moves 2b/4b (not in the paper) then raise the negative virtual value to 0; with
move 1 they reach T1 u T2 from every positive-CS signal (p001/TH-5.wlog).
"""

from __future__ import annotations

import sympy as sp

from claims.p001_information_intermediary import as_readings, paper
from claims.p001_information_intermediary.model import sym_conds, sym_cs_at_least, sym_formulas
from verify import Forall, Reals, claim

a, b, c, d, A, B = sp.symbols("a b c d A B", real=True)
P1, P2, As, Bs, Q1, Q2, w = sp.symbols("phi1 phi2 As Bs phi1s phi2s w", real=True)
g = sp.Symbol("gamma", real=True)

ORDER = sp.And(sp.Gt(a, b), sp.Gt(b, c), sp.Gt(c, d), sp.Gt(d, 0))
UNIT_OPEN = Reals(0, 1, lo_open=True, hi_open=True)
UNIT_HALF = Reals(0, 1, hi_open=True)
USES = ("p001/D6", "p001/D11")


def phi(P: sp.Symbol, x: sp.Expr, hi: sp.Symbol, lo: sp.Symbol) -> sp.Basic:
    """P = lo - (hi - lo) x/(1 - x), in the polynomial form P(1-x) = lo(1-x) - x(hi-lo)."""
    return sp.Eq(P * (1 - x), lo * (1 - x) - x * (hi - lo), evaluate=False)


def mu(x: sp.Expr, y: sp.Expr) -> tuple[sp.Expr, ...]:
    return (x * y, x * (1 - y), (1 - x) * y, (1 - x) * (1 - y))


def valid_move(tie: str, star: tuple, star_phis: tuple, start: tuple, cs_s: sp.Expr) -> dict:
    """The 'then' of a move: w >= 0, w mu(s*) <= mu(s), w CS_tie(s*) >= CS(s)."""
    forms = sym_formulas(a, b, c, d, *star)
    then = {"w >= 0": sp.Ge(w, 0, evaluate=False)}
    for k, (x, y) in enumerate(zip(mu(*star), mu(*start), strict=True)):
        then[f"LP (2) constraint {k + 1}: w mu_{k + 1}(s*) <= mu_{k + 1}(s)"] = sp.Le(
            w * x, y, evaluate=False)
    then["w CS(s*) >= CS(s)"] = sym_cs_at_least(
        sym_conds(*star_phis, c), {k: w * f for k, f in forms.items()}, cs_s, tie)
    return then


TIES = {"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}
TIE_TEXT = {"fav": "CS(s*) under C1 fav (the largest applicable formula)",
            "adv": "CS(s*) under C1 adv (the smallest applicable formula)"}

# ----------------------------------------------------------------------------- move 1


def _move1(tie: str, b_is_one: bool) -> Forall:
    Bv = sp.Integer(1) if b_is_one else B
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "case 1 with phi_1(b|s) > c": sp.Gt(P1, c, evaluate=False),
             "s* = (alpha_1, B): alpha_1 (a - c) = b - c": sp.Eq(As * (a - c), b - c,
                                                                 evaluate=False),
             "phi_1(b|s*)": phi(Q1, As, a, b), "w = A / alpha_1": sp.Eq(w * As, A,
                                                                         evaluate=False)}
    variables = {a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, P1: Reals(),
                 As: Reals(), Q1: Reals(), w: Reals()}
    p2: sp.Symbol | None = None
    if not b_is_one:
        given["phi_2(d|s)"] = phi(P2, B, c, d)
        variables.update({B: UNIT_HALF, P2: Reals()})
        p2 = P2
    return Forall(variables, given=given,
                  then=valid_move(tie, (As, Bv), (Q1, p2), (A, Bv), (a - b) * A))


@claim("p001/TH-5.b.move1", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (1)", 216),
       statement="Case (1) with phi_1(b) > c: increasing alpha' to alpha_1 (phi_1(b) = c) while "
       "preserving gamma alpha' keeps the objective and the first two constraints and loosens the "
       "third and fourth: the move s -> s* = (alpha_1, beta'), w = alpha'/alpha_1 is valid.",
       uses=USES,
       readings=as_readings({"fav": {"tie": "fav", "b_is_one": False}, "adv": {"tie": "adv", "b_is_one": False},
                 "fav.B1": {"tie": "fav", "b_is_one": True}, "adv.B1": {"tie": "adv", "b_is_one": True}}, {"fav": TIE_TEXT["fav"] + "; 0 <= beta' < 1",
                      "adv": TIE_TEXT["adv"] + "; 0 <= beta' < 1",
                      "fav.B1": TIE_TEXT["fav"] + "; beta' = 1 (phi_2(d) = -infinity)",
                      "adv.B1": TIE_TEXT["adv"] + "; beta' = 1 (phi_2(d) = -infinity)"}, {"fav": "PROVED", "adv": "REFUTED", "fav.B1": "PROVED", "adv.B1": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative', 'fav.B1': 'intended', 'adv.B1': 'alternative'}))
def move1(tie: str, b_is_one: bool) -> Forall:
    return _move1(tie, b_is_one)


@claim("p001/TH-5.b.move1.side", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (1)", 216),
       statement="Move 1 side claims: gamma CS(s) = gamma alpha'(a-b) is preserved, constraints 1-2 "
       "are unchanged, 3-4 weakly looser, and the move decreases phi_1(b).", uses=USES,
       expect="PROVED")
def move1_side() -> Forall:
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "case 1 with phi_1(b|s) > c": sp.Gt(P1, c),
             "alpha_1 (a - c) = b - c": sp.Eq(As * (a - c), b - c),
             "phi_1(b|s*)": phi(Q1, As, a, b), "w = A / alpha_1": sp.Eq(w * As, A)}
    ms, m0 = mu(As, B), mu(A, B)
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: Reals(0, 1),
                   P1: Reals(), As: Reals(), Q1: Reals(), w: Reals()}, given=given,
                  then={"objective preserved": sp.Eq(w * As * (a - b), A * (a - b)),
                        "constraint 1 unchanged": sp.Eq(w * ms[0], m0[0]),
                        "constraint 2 unchanged": sp.Eq(w * ms[1], m0[1]),
                        "constraint 3 weakly looser": sp.Le(w * ms[2], m0[2]),
                        "constraint 4 weakly looser": sp.Le(w * ms[3], m0[3]),
                        "phi_1(b) decreases": sp.Lt(Q1, P1)})


# ----------------------------------------------------------------------------- move 2


def _move2(tie: str, fixed: bool) -> Forall:
    target = sp.Max(0, P1) if fixed else P1
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "phi_2(d|s)": phi(P2, B, c, d),
             "case 2: phi_2(d) >= max(0, phi_1(b))": sp.And(sp.Ge(P2, 0), sp.Ge(P2, P1)),
             "phi_2(d) > phi_1(b)": sp.Gt(P2, P1),
             ("s* = (A, B*): phi_2(d|s*) = max(0, phi_1(b))" if fixed else
              "s* = (A, B*): phi_2(d|s*) = phi_1(b), B*(c - phi_1) = d - phi_1"):
                 sp.Eq(Bs * (c - target), d - target),
             "phi_2(d|s*)": phi(Q2, Bs, c, d), "w = B / B*": sp.Eq(w * Bs, B)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
                   P1: Reals(), P2: Reals(), Bs: Reals(), Q2: Reals(), w: Reals()}, given=given,
                  then=valid_move(tie, (A, Bs), (P1, Q2), (A, B), (1 - A) * B * (c - d)))


@claim("p001/TH-5.b.move2", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (2)", 217),
       statement="Case (2) with phi_2(d) > phi_1(b): increasing beta' while preserving gamma beta' "
       "until phi_2(d) = phi_1(b) does not change the objective and preserves all constraints: "
       "the move s -> s* = (alpha', beta*), beta*(c - phi_1) = d - phi_1, w = beta'/beta* is "
       "valid.", uses=USES, readings=as_readings(TIES, TIE_TEXT, {"fav": "REFUTED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))
def move2(tie: str) -> Forall:
    return _move2(tie, fixed=False)


@claim("p001/TH-5.b.move2-fixed", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (2), corrected target", 217),
       statement="NOT the printed move: as move 2, but phi_2(d) is lowered only to max(0, phi_1(b)), "
       "beta*(c - m) = d - m with m = max(0, phi_1(b)).", uses=USES, readings=as_readings(TIES, TIE_TEXT, {"fav": "PROVED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))
def move2_fixed(tie: str) -> Forall:
    return _move2(tie, fixed=True)


@claim("p001/TH-5.b.move2.side", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (2)", 217),
       statement="Move 2 side claims: gamma (1-alpha') beta'(c-d) is unchanged, every constraint "
       "is preserved (weakly looser), and phi_2(d) decreases.", uses=USES, expect="PROVED")
def move2_side() -> Forall:
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "phi_2(d|s)": phi(P2, B, c, d),
             "case 2 with phi_2(d) > phi_1(b)": sp.And(sp.Ge(P2, 0), sp.Gt(P2, P1)),
             "B*(c - phi_1) = d - phi_1": sp.Eq(Bs * (c - P1), d - P1),
             "phi_2(d|s*)": phi(Q2, Bs, c, d), "w = B / B*": sp.Eq(w * Bs, B)}
    ms, m0 = mu(A, Bs), mu(A, B)
    then = {"objective unchanged": sp.Eq(w * (1 - A) * Bs * (c - d), (1 - A) * B * (c - d))}
    then.update({f"constraint {k + 1} preserved": sp.Le(w * ms[k], m0[k]) for k in range(4)})
    then["phi_2(d) decreases"] = sp.Lt(Q2, P2)
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
                   P1: Reals(), P2: Reals(), Bs: Reals(), Q2: Reals(), w: Reals()},
                  given=given, then=then)


@claim("p001/TH-5.b.move2b", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (2), completion (not printed)", 217),
       statement="NOT in the paper: a case-(2) signal with phi_2(d) = 0 > phi_1(b) (left by "
       "move2-fixed) moves to the T2 point phi_1 = phi_2 = 0: s* = (b/a, beta'), "
       "w = (1-alpha')/(1-b/a) (gamma(1-alpha') preserved); valid under fav.", uses=USES,
       expect="PROVED")
def move2b() -> Forall:
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "phi_2(d|s) = 0": sp.Eq(B * c, d), "phi_1(b) < 0": sp.Lt(P1, 0),
             "s* = (b/a, B)": sp.Eq(As * a, b), "phi_1(b|s*)": phi(Q1, As, a, b),
             "w = (1-A)/(1-b/a)": sp.Eq(w * (1 - As), 1 - A)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
                   P1: Reals(), As: Reals(), Q1: Reals(), w: Reals()}, given=given,
                  then=valid_move("fav", (As, B), (Q1, sp.Integer(0)), (A, B),
                                  (1 - A) * B * (c - d)))


# ----------------------------------------------------------------------------- move 4


def _move4(tie: str, fixed: bool) -> Forall:
    target = sp.Max(0, P2) if fixed else P2
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "phi_2(d|s)": phi(P2, B, c, d),
             "case 4: 0 <= phi_1(b) <= c": sp.And(sp.Ge(P1, 0), sp.Le(P1, c)),
             "phi_2(d) < phi_1(b)": sp.Lt(P2, P1),
             ("s* = (A*, B): phi_1(b|s*) = max(0, phi_2(d))" if fixed else
              "s* = (A*, B): phi_1(b|s*) = phi_2(d), A*(a - phi_2) = b - phi_2"):
                 sp.Eq(As * (a - target), b - target),
             "phi_1(b|s*)": phi(Q1, As, a, b), "w = A / A*": sp.Eq(w * As, A)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
                   P1: Reals(), P2: Reals(), As: Reals(), Q1: Reals(), w: Reals()}, given=given,
                  then=valid_move(tie, (As, B), (Q1, P2), (A, B), A * (1 - B) * (a - b)))


@claim("p001/TH-5.b.move4", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (4)", 217),
       statement="Case (4) with phi_2(d) < phi_1(b): increasing alpha' while preserving gamma alpha' "
       "until phi_1(b) = phi_2(d) does not change the objective and preserves all constraints: "
       "the move s -> s* = (alpha*, beta'), alpha*(a - phi_2) = b - phi_2, w = alpha'/alpha* is "
       "valid.", uses=USES, readings=as_readings(TIES, TIE_TEXT, {"fav": "REFUTED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))
def move4(tie: str) -> Forall:
    return _move4(tie, fixed=False)


@claim("p001/TH-5.b.move4-fixed", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (4), corrected target", 217),
       statement="NOT the printed move: as move 4, but phi_1(b) is lowered only to max(0, phi_2(d)).",
       uses=USES, readings=as_readings(TIES, TIE_TEXT, {"fav": "PROVED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))
def move4_fixed(tie: str) -> Forall:
    return _move4(tie, fixed=True)


def _move4_given() -> dict:
    return {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
            "phi_2(d|s)": phi(P2, B, c, d),
            "case 4 with phi_2(d) < phi_1(b)": sp.And(sp.Ge(P1, 0), sp.Le(P1, c), sp.Lt(P2, P1)),
            "A*(a - phi_2) = b - phi_2": sp.Eq(As * (a - P2), b - P2),
            "phi_1(b|s*)": phi(Q1, As, a, b), "w = A / A*": sp.Eq(w * As, A)}


MOVE4_VARS = {a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
              P1: Reals(), P2: Reals(), As: Reals(), Q1: Reals(), w: Reals()}


@claim("p001/TH-5.b.move4.side", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (4)", 217),
       statement="Move 4 side claims: gamma alpha'(1-beta')(a-b) is unchanged, constraints 1-2 "
       "unchanged, 3-4 weakly looser, and phi_1(b) decreases.", uses=USES, expect="PROVED")
def move4_side() -> Forall:
    ms, m0 = mu(As, B), mu(A, B)
    return Forall(MOVE4_VARS, given=_move4_given(),
                  then={"objective unchanged": sp.Eq(w * As * (1 - B) * (a - b), A * (1 - B) * (a - b)),
                        "constraint 1 unchanged": sp.Eq(w * ms[0], m0[0]),
                        "constraint 2 unchanged": sp.Eq(w * ms[1], m0[1]),
                        "constraint 3 weakly looser": sp.Le(w * ms[2], m0[2]),
                        "constraint 4 weakly looser": sp.Le(w * ms[3], m0[3]),
                        "phi_1(b) decreases": sp.Lt(Q1, P1)})


H = sp.symbols("r1:5", real=True)
REST = sp.symbols("o1:5", real=True)


@claim("p001/TH-5.b.move4.l217", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (4), l.217 as printed", 217),
       statement="'... and preserves all constraints. This transformation decreases all "
       "constraints.' (l.217, garbled; spec 1.4 readings).", uses=USES,
       readings=as_readings({"R1": {"reading": "preserve"}, "R2": {"reading": "lhs"}}, {"R1": "preserves all constraints: for any gamma > 0, other columns' load o_k "
                      "and right-hand side r_k, gamma mu_k(s) + o_k <= r_k implies "
                      "w gamma mu_k(s*) + o_k <= r_k",
                      "R2": "the left-hand sides of all constraints weakly decrease: "
                      "w mu_k(s*) <= mu_k(s) for k = 1..4"}, {"R1": "PROVED", "R2": "PROVED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))
def move4_l217(reading: str) -> Forall:
    ms, m0 = mu(As, B), mu(A, B)
    variables = dict(MOVE4_VARS)
    given = _move4_given()
    if reading == "lhs":
        return Forall(variables, given=given,
                      then={f"lhs {k + 1} weakly decreases": sp.Le(w * ms[k], m0[k]) for k in range(4)})
    variables.update({g: Reals(0, lo_open=True), **{h: Reals() for h in H},
                      **{o: Reals() for o in REST}})
    for k in range(4):
        given[f"constraint {k + 1} holds before"] = sp.Le(g * m0[k] + REST[k], H[k])
    return Forall(variables, given=given,
                  then={f"constraint {k + 1} holds after": sp.Le(w * g * ms[k] + REST[k], H[k])
                        for k in range(4)})


@claim("p001/TH-5.b.move4b", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, case (4), completion (not printed)", 217),
       statement="NOT in the paper: a case-(4) signal with phi_1(b) = 0 > phi_2(d) (left by "
       "move4-fixed) moves to the T2 point phi_1 = phi_2 = 0: s* = (alpha', d/c), "
       "w = (1-beta')/(1-d/c) (gamma(1-beta') preserved); valid under fav.", uses=USES,
       expect="PROVED")
def move4b() -> Forall:
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s) = 0": sp.Eq(A * a, b),
             "phi_2(d|s)": phi(P2, B, c, d), "phi_2(d) < 0": sp.Lt(P2, 0),
             "s* = (A, d/c)": sp.Eq(Bs * c, d), "phi_2(d|s*)": phi(Q2, Bs, c, d),
             "w = (1-B)/(1-d/c)": sp.Eq(w * (1 - Bs), 1 - B)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF,
                   P2: Reals(), Bs: Reals(), Q2: Reals(), w: Reals()}, given=given,
                  then=valid_move("fav", (A, Bs), (sp.Integer(0), Q2), (A, B),
                                  A * (1 - B) * (a - b)))


# ----------------------------------------------------------------------------- TH-5-T2


@claim("p001/TH-5-T2.ii", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, type (2')", 227, 229),
       statement="As (1-beta')(b-d) >= 0, we have (b - d + (beta'/(1-beta'))(c-d))(1-beta') >= "
       "beta'(c-d).", uses=USES, expect="PROVED")
def t2_ii() -> Forall:
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), B: UNIT_HALF},
                  given={"a > b > c > d > 0": ORDER, "(1-beta')(b-d) >= 0": sp.Ge((1 - B) * (b - d), 0)},
                  then={"l.229": sp.Ge((b - d + B / (1 - B) * (c - d)) * (1 - B), B * (c - d))})


@claim("p001/TH-5-T2.iii", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, type (2')", 231, 233),
       statement="In case (2'), phi_1(b) = b - (alpha'/(1-alpha'))(a-b) = d - (beta'/(1-beta'))(c-d) "
       "= phi_2(d) (>= 0); this gives alpha'(1-beta')(a-b) >= (1-alpha')beta'(c-d).", uses=USES,
       readings=as_readings({"R1": {"nonneg": True}, "R2": {"nonneg": False}}, {"R1": "with the type-(2) condition phi >= 0", "R2": "from the equality alone"}, {"R1": "PROVED", "R2": "PROVED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))
def t2_iii(nonneg: bool) -> Forall:
    given = {"a > b > c > d > 0": ORDER,
             "phi_1(b) = phi_2(d)": sp.Eq(b - A / (1 - A) * (a - b), d - B / (1 - B) * (c - d))}
    if nonneg:
        given["phi_2(d) >= 0"] = sp.Ge(d - B / (1 - B) * (c - d), 0)
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_HALF, B: UNIT_HALF},
                  given=given,
                  then={"l.233": sp.Ge(A * (1 - B) * (a - b), (1 - A) * B * (c - d))})


@claim("p001/TH-5-T2.iv.alg", role="step", of="p001/TH-5", source=paper.source("Theorem 5 proof, type (2')", 235, 238),
       statement="On type-(2) signals (phi_2(d) = phi_1(b) >= 0): max((1-alpha')beta'(c-d), "
       "alpha'(1-beta')(a-b)) = alpha'(1-beta')(a-b) (the algebra of (i) => (iv)).", uses=USES,
       expect="PROVED")
def t2_iv_alg() -> Forall:
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_HALF, B: UNIT_HALF,
                   P1: Reals()},
                  given={"a > b > c > d > 0": ORDER, "phi_1(b|s) = phi": phi(P1, A, a, b),
                         "phi_2(d|s) = phi": phi(P1, B, c, d), "phi >= 0": sp.Ge(P1, 0)},
                  then={"max = case (4)": sp.Eq(sp.Max((1 - A) * B * (c - d), A * (1 - B) * (a - b)),
                                                A * (1 - B) * (a - b))})


# ----------------------------------------------------------------------------- the corrected proof


def _regions() -> dict[str, sp.Basic]:
    return {"move 1": sp.Gt(P1, c),
            "move 2-fixed": sp.And(sp.Ge(P2, 0), sp.Gt(P2, P1)),
            "move 2b": sp.And(sp.Eq(P2, 0), sp.Lt(P1, 0)),
            "move 4-fixed": sp.And(sp.Ge(P1, 0), sp.Le(P1, c), sp.Lt(P2, P1)),
            "move 4b": sp.And(sp.Eq(P1, 0), sp.Lt(P2, 0))}


START = {"move 1": 1, "move 2-fixed": 2, "move 2b": 2, "move 4-fixed": 4, "move 4b": 4}


@claim("p001/TH-5.wlog.cover", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, the case split", 214, 238),
       statement="Every product signal with positive CS under fav that is in neither T1 "
       "(phi_1(b) = c) nor T2 (phi_1(b) = phi_2(d) >= 0) lies in the region of move 1, 2-fixed, "
       "2b, 4-fixed or 4b, and there its fav-CS (the largest applicable formula) is the formula "
       "the move preserves (case 1, 2, 2, 4, 4).", uses=USES,
       readings={None: {"b_is_one": False}, "B1": {"b_is_one": True}},  # type: ignore[dict-item]
       reading_texts={"B1": "beta' = 1 (phi_2(d) = -infinity): only move 1 is needed"},
       expect={None: "PROVED", "B1": "PROVED"})  # type: ignore[dict-item]
def cover(b_is_one: bool) -> Forall:
    p2 = None if b_is_one else P2
    Bv = sp.Integer(1) if b_is_one else B
    conds = sym_conds(P1, p2, c)
    forms = sym_formulas(a, b, c, d, A, Bv)
    variables = {a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, P1: Reals()}
    given = {"a > b > c > d > 0": ORDER, "phi_1(b|s)": phi(P1, A, a, b),
             "CS_fav(s) > 0": sp.Or(*[sp.And(conds[k], sp.Gt(forms[k], 0)) for k in (1, 2, 4)]),
             "s not in T1": sp.Ne(P1, c)}
    regions = {"move 1": sp.Gt(P1, c)} if b_is_one else _regions()
    if not b_is_one:
        variables.update({B: UNIT_HALF, P2: Reals()})
        given["phi_2(d|s)"] = phi(P2, B, c, d)
        given["s not in T2"] = sp.Not(sp.And(sp.Eq(P1, P2), sp.Ge(P1, 0)))
    then = {"in a move region": sp.Or(*regions.values())}
    for name, reg in regions.items():
        f = forms[START[name]]
        then[f"{name}: fav-CS = case {START[name]}"] = sp.Implies(
            reg, sp.And(conds[START[name]],
                        *[sp.Implies(conds[k], sp.Le(forms[k], f)) for k in (1, 2, 3, 4)]))
    return Forall(variables, given=given, then=then)


@claim("p001/TH-5.wlog.lands", role="repair", of="p001/TH-5", source=paper.source("Theorem 5 proof, the moves' targets", 216, 217),
       statement="Move 1 lands in T1; moves 2b and 4b land in T2 (phi = 0); move 2-fixed lands "
       "in T2 or in the region of move 2b; move 4-fixed in T2 or in the region of move 4b.",
       uses=USES,
       readings=as_readings({"move1": {"move": "1"}, "move2-fixed": {"move": "2f"}, "move2b": {"move": "2b"},
                 "move4-fixed": {"move": "4f"}, "move4b": {"move": "4b"}}, None, {r: "PROVED" for r in ("move1", "move2-fixed", "move2b", "move4-fixed", "move4b")}, kinds={'move1': 'intended', 'move2-fixed': 'intended', 'move2b': 'intended', 'move4-fixed': 'intended', 'move4b': 'intended'}))
def lands(move: str) -> Forall:
    base = {"a > b > c > d > 0": ORDER}
    V = {a: Reals(), b: Reals(), c: Reals(), d: Reals(), A: UNIT_OPEN, B: UNIT_HALF}
    if move == "1":
        return Forall({**V, As: Reals(), Q1: Reals()},
                      given={**base, "alpha_1 (a - c) = b - c": sp.Eq(As * (a - c), b - c),
                             "phi_1(b|s*)": phi(Q1, As, a, b)},
                      then={"phi_1(b|s*) = c": sp.Eq(Q1, c)})
    if move in ("2f", "2b"):
        given = {**base, "phi_1(b|s)": phi(P1, A, a, b), "phi_2(d|s)": phi(P2, B, c, d)}
        if move == "2f":
            given.update({"region": _regions()["move 2-fixed"],
                          "B*(c - m) = d - m": sp.Eq(Bs * (c - sp.Max(0, P1)), d - sp.Max(0, P1)),
                          "phi_2(d|s*)": phi(Q2, Bs, c, d)})
            t2 = sp.And(sp.Eq(P1, Q2), sp.Ge(Q2, 0))
            then = {"s* in T2 or in the move-2b region": sp.Or(t2, sp.And(sp.Eq(Q2, 0), sp.Lt(P1, 0)))}
            return Forall({**V, P1: Reals(), P2: Reals(), Bs: Reals(), Q2: Reals()},
                          given=given, then=then)
        given.update({"region": _regions()["move 2b"], "A* a = b": sp.Eq(As * a, b),
                      "phi_1(b|s*)": phi(Q1, As, a, b)})
        return Forall({**V, P1: Reals(), P2: Reals(), As: Reals(), Q1: Reals()}, given=given,
                      then={"s* = T2 at phi = 0": sp.And(sp.Eq(Q1, 0), sp.Eq(P2, 0))})
    given = {**base, "phi_1(b|s)": phi(P1, A, a, b), "phi_2(d|s)": phi(P2, B, c, d)}
    if move == "4f":
        given.update({"region": _regions()["move 4-fixed"],
                      "A*(a - m) = b - m": sp.Eq(As * (a - sp.Max(0, P2)), b - sp.Max(0, P2)),
                      "phi_1(b|s*)": phi(Q1, As, a, b)})
        t2 = sp.And(sp.Eq(Q1, P2), sp.Ge(P2, 0))
        return Forall({**V, P1: Reals(), P2: Reals(), As: Reals(), Q1: Reals()}, given=given,
                      then={"s* in T2 or in the move-4b region":
                            sp.Or(t2, sp.And(sp.Eq(Q1, 0), sp.Lt(P2, 0)))})
    given.update({"region": _regions()["move 4b"], "B* c = d": sp.Eq(Bs * c, d),
                  "phi_2(d|s*)": phi(Q2, Bs, c, d)})
    return Forall({**V, P1: Reals(), P2: Reals(), Bs: Reals(), Q2: Reals()}, given=given,
                  then={"s* = T2 at phi = 0": sp.And(sp.Eq(Q2, 0), sp.Eq(P1, 0))})
