"""Section 3 and Appendix A: Lemma 1 (S03), Lemma 2 and its proof (S04), the tightness remark
(S05), Theorem 1's tight example (S07) and Theorem 2's revenue tightness (S13), Proposition 5
(S15), subadditivity (S24) and the remarks of L205 (S30).

Finite-support statements over all priors are PROVED by z3 for supports of size k up to the
limit (CHECKED k <= limit of k >= 1), or CHECKED exactly on every prior pair with masses in
(1/d)Z for d up to the limit.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, half_l1, note_laws, simplex
from verify import Forall, Ints, Reals, evidence, note
from verify.mech.distributions import Distribution, product, tv_by_coupling, tv_by_events
from verify.mech.tv import Mechanism, ball_optimum, expost_ir_violation, single_item, tv
from verify.paper import Reading

LEMMA1 = ("Lemma 1", 91, 95)
LEMMA2 = ("Lemma 2", 103, 111)


# ------------------------------------------------------------------ S03 Lemma 1

@paper.claim("S03", at=LEMMA1,
             says="For all P, Q on a finite Omega: d_TV(P, Q) = sup_E |P(E) - Q(E)| = "
             "1/2 ||P - Q||_1 = min_{gamma in Pi(P, Q)} Pr_gamma[X != Y] = "
             "max_{f: Omega -> [-1/2, 1/2]} (E_P f - E_Q f).",
             over={"k": Ints(1), "d": Ints(1)}, limit={"k": 3, "d": 4}, expect="CHECKED",
             note="every pair of laws on k points with masses in (1/d)Z: the event sup over all "
             "2^k events, the l1 form, the coupling LP (certified, dual re-checked) and f* = "
             "+-1/2 (the dual optimum: S03.dual shows no f does better).")
def lemma1(k: int, d: int) -> bool:
    evidence("exact enumeration of events; coupling LP optimum with a re-checked dual certificate")
    pts = list(range(k))
    for p, q in itertools.product(list(grid_laws(pts, d)), repeat=2):
        l1 = tv(p, q)
        events = tv_by_events(p, q, exhaustive=True)
        coupling = tv_by_coupling(p, q).value
        fstar = sum((F(1, 2) * (1 if p.mass(x) >= q.mass(x) else -1) * (p.mass(x) - q.mass(x))
                     for x in pts), F(0))
        if not l1 == events == coupling == fstar:
            note_laws(P=p, Q=q, l1=l1, events=events, coupling=coupling, f_star=fstar)
            return False
    return True


@paper.claim("S03.events", at=LEMMA1,
             says="Lemma 1, first form: max over the 2^k events E of P(E) - Q(E) equals "
             "1/2 sum |P - Q| for every P, Q on k points.",
             over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED")
def lemma1_events(k: int) -> Forall:
    p, dp, sp_ = simplex("P", k)
    q, dq, sq = simplex("Q", k)
    events = [sp.Add(*[p[i] - q[i] for i in e]) for r in range(k + 1)
              for e in itertools.combinations(range(k), r)]
    return Forall({**dp, **dq}, given={"P law": sp_, "Q law": sq},
                  then={"sup_E = l1/2": sp.Eq(sp.Max(*events), half_l1(p, q), evaluate=False)})


def _couplings(k: int, p: list[sp.Symbol], q: list[sp.Symbol]) -> tuple[
        list[list[sp.Symbol]], dict[sp.Symbol, Reals], dict[str, sp.Basic]]:
    g = [[sp.Symbol(f"g{i}{j}", real=True) for j in range(k)] for i in range(k)]
    dom = {x: Reals(0, 1) for row in g for x in row}
    given = {f"row {i}": sp.Eq(sp.Add(*g[i]), p[i]) for i in range(k)}
    given.update({f"col {j}": sp.Eq(sp.Add(*[g[i][j] for i in range(k)]), q[j])
                  for j in range(k)})
    return g, dom, given


@paper.claim("S03.coupling", at=LEMMA1,
             says="Lemma 1, coupling form (lower half): every coupling gamma of P and Q on k "
             "points has Pr_gamma[X != Y] >= 1/2 sum |P - Q| (equality at the maximal coupling: "
             "S03).", over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED")
def lemma1_coupling(k: int) -> Forall:
    p, dp, sp_ = simplex("P", k)
    q, dq, sq = simplex("Q", k)
    g, dg, given = _couplings(k, p, q)
    off = sp.Add(*[g[i][j] for i in range(k) for j in range(k) if i != j])
    return Forall({**dp, **dq, **dg}, given={"P law": sp_, "Q law": sq, **given},
                  then={"Pr[X != Y] >= TV": sp.Ge(off, half_l1(p, q))})


def _dual_bound(k: int, half: bool) -> Forall:
    p, dp, sp_ = simplex("P", k)
    q, dq, sq = simplex("Q", k)
    f = list(sp.symbols(f"f1:{k + 1}", real=True))
    lhs = sp.Add(*[f[i] * (p[i] - q[i]) for i in range(k)])
    return Forall({**dp, **dq, **{x: Reals(sp.Rational(-1, 2), sp.Rational(1, 2)) for x in f}},
                  given={"P law": sp_, "Q law": sq},
                  then={"E_P f - E_Q f <= TV": sp.Le(lhs, half_l1(p, q))})


@paper.claim("S03.dual", at=LEMMA1,
             says="Lemma 1, dual form (upper half): E_P f - E_Q f <= 1/2 sum |P - Q| for every "
             "f: Omega -> [-1/2, 1/2] (equality at f*: S03).",
             over={"k": Ints(1)}, limit={"k": 4}, expect="CHECKED")
def lemma1_dual(k: int) -> Forall:
    return _dual_bound(k, True)


# ------------------------------------------------------------------ S04 Lemma 2

@paper.claim("S04", at=LEMMA2,
             says="For all P, Q on T, any mechanism M and any objective O with values in "
             "[a, b], V = b - a: E_P O(t, M(t)) - E_Q O(t, M(t)) <= V d_TV(P, Q).",
             over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED",
             note="only g(t) = O(t, M(t)) in [a, b] matters, so g is a free vector in [a, b]^k "
             "(every mechanism and objective at once); a, b are real variables.")
def lemma2(k: int) -> Forall:
    p, dp, sp_ = simplex("P", k)
    q, dq, sq = simplex("Q", k)
    g = list(sp.symbols(f"g1:{k + 1}", real=True))
    a, b = sp.symbols("a b", real=True)
    lhs = sp.Add(*[g[i] * (p[i] - q[i]) for i in range(k)])
    given = {"P law": sp_, "Q law": sq, "a <= b": sp.Le(a, b)}
    given.update({f"g{i + 1} in [a, b]": sp.And(sp.Le(a, g[i]), sp.Le(g[i], b)) for i in range(k)})
    return Forall({**dp, **dq, **{x: Reals() for x in (*g, a, b)}}, given=given,
                  then={"E_P g - E_Q g <= V TV": sp.Le(lhs, (b - a) * half_l1(p, q))})


@paper.claim("S04.1", at=("proof of Lemma 2", 107), role="step", of="S04",
             says="For O values g, g' in [a, b] at profiles t != t': g - g' <= V = b - a (and "
             "0 at t = t'), i.e. O(t, M(t)) - O(t', M(t')) <= V 1{t != t'}.", expect="PROVED")
def lemma2_step1() -> Forall:
    g, h, a, b = sp.symbols("g h a b", real=True)
    return Forall({g: Reals(), h: Reals(), a: Reals(), b: Reals()},
                  given={"g in [a,b]": sp.And(sp.Le(a, g), sp.Le(g, b)),
                         "h in [a,b]": sp.And(sp.Le(a, h), sp.Le(h, b))},
                  then={"g - h <= V": sp.Le(g - h, b - a)})


@paper.claim("S04.2", at=("proof of Lemma 2, (1)", 109, 111), role="step", of="S04",
             says="For every coupling gamma of P and Q and g in [a, b]^k: E_gamma[g(t) - g(t')] "
             "= E_P g - E_Q g and E_gamma[g(t) - g(t')] <= V Pr_gamma[t != t'].",
             over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED",
             note="with gamma the optimal coupling, Pr_gamma[t != t'] = d_TV by S03.")
def lemma2_step2(k: int) -> Forall:
    p, dp, sp_ = simplex("P", k)
    q, dq, sq = simplex("Q", k)
    gam, dgam, given = _couplings(k, p, q)
    g = list(sp.symbols(f"o1:{k + 1}", real=True))
    a, b = sp.symbols("a b", real=True)
    lhs = sp.Add(*[gam[i][j] * (g[i] - g[j]) for i in range(k) for j in range(k)])
    off = sp.Add(*[gam[i][j] for i in range(k) for j in range(k) if i != j])
    given.update({"P law": sp_, "Q law": sq, "a <= b": sp.Le(a, b)})
    given.update({f"o{i + 1} in [a, b]": sp.And(sp.Le(a, g[i]), sp.Le(g[i], b)) for i in range(k)})
    return Forall({**dp, **dq, **dgam, **{x: Reals() for x in (*g, a, b)}}, given=given,
                  then={"E_gamma = E_P - E_Q": sp.Eq(
                      lhs, sp.Add(*[g[i] * (p[i] - q[i]) for i in range(k)]), evaluate=False),
                        "E_gamma <= V Pr[t != t']": sp.Le(lhs, (b - a) * off, evaluate=False)})


@paper.claim("S04.ball", at=LEMMA2,
             says="Lemma 2 against every prior in the TV ball: for a law P on k points, an "
             "outcome table g with values in {0, 1} (V = 1) and delta, min over every Q with "
             "d_TV(P, Q) <= delta of E_Q g >= E_P g - delta.",
             over={"d": Ints(1)}, limit={"d": 3}, expect="CHECKED",
             note="k = 3 points; P with masses in (1/d)Z, g in {0, 1}^3, delta in "
             "{1/d, ..., 1}; 0-1 tables are the extreme objectives; the inner minimum over all Q is an exact LP (verify.mech.tv."
             "ball_optimum), so no prior is sampled.")
def lemma2_ball(d: int) -> bool:
    evidence("exact LP over the TV ball, certificate re-checked")
    pts = [0, 1, 2]
    for p in grid_laws(pts, d):
        for vals in itertools.product((F(0), F(1)), repeat=3):
            g = dict(zip(pts, vals, strict=True))
            for j in range(1, d + 1):
                delta = F(j, d)
                worst = ball_optimum(p, g, delta).value
                if worst < p.expect(lambda t, g=g: g[t]) - delta:
                    note_laws(P=p, g=g, delta=delta, worst=worst)
                    return False
    return True


# ------------------------------------------------------------------ S05 tightness remark

@paper.claim("S05.i", at=("On Tightness, Lemma 2", 159),
             says="E_P f - E_Q f <= d_TV(P, Q) for all f bounded by 1/2.",
             over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED")
def tight_i(k: int) -> Forall:
    return _dual_bound(k, True)


RESCALE = (
    Reading("RR1", "O o M = a + V (f* + 1/2): values in [a, b]", kind="intended",
            expect="CHECKED", affine=True),
    Reading("RR2", "O o M = V f*: values in [-V/2, V/2]", kind="alternative", expect="CHECKED",
            affine=False),
)


@paper.claim("S05.iii", at=("On Tightness, Lemma 2", 159),
             says="f*(x) = 1/2 if P(x) >= Q(x), -1/2 otherwise attains E_P f* - E_Q f* = "
             "d_TV(P, Q) (ii), so Lemma 2 is an equality when O o M equals f* after re-scaling "
             "(iii).", readings=RESCALE, over={"d": Ints(1)}, limit={"d": 4},
             note="every pair of laws on 3 points with masses in (1/d)Z; a = -1, V = 3.")
def tight_iii(d: int, affine: bool) -> bool:
    a, v = F(-1), F(3)
    pts = [0, 1, 2]
    for p, q in itertools.product(list(grid_laws(pts, d)), repeat=2):
        fstar = {x: F(1, 2) if p.mass(x) >= q.mass(x) else F(-1, 2) for x in pts}
        g = {x: (a + v * (fstar[x] + F(1, 2))) if affine else v * fstar[x] for x in pts}
        gap = p.expect(lambda t, g=g: g[t]) - q.expect(lambda t, g=g: g[t])
        ii = p.expect(lambda t, f=fstar: f[t]) - q.expect(lambda t, f=fstar: f[t])
        if ii != tv(p, q) or gap != v * tv(p, q):
            note_laws(P=p, Q=q, f_star_gap=ii, gap=gap, V_TV=v * tv(p, q))
            return False
    return True


# ------------------------------------------------------------------ S07 / S13 tight example

d_, V_, al = sp.symbols("delta V alpha", real=True)


@paper.claim("S07", at=("On Tightness, Theorem 1", 161),
             says="One agent, P = point mass at V, Q = (1-delta) at V + delta at 0: "
             "d_TV(P, Q) = delta; posting price V (the agent buys at value = price) earns "
             "revenue and welfare V under P and (1-delta)V under Q.", expect="PROVED")
def tight_example() -> Forall:
    tvpq = (sp.Abs(1 - (1 - d_)) + sp.Abs(0 - d_)) / 2
    return Forall({d_: Reals(0, 1), V_: Reals(0, lo_open=True)},
                  then={"TV = delta": sp.Eq(tvpq, d_),
                        "E_P rev = V": sp.Eq(1 * V_, V_, evaluate=False),
                        "E_Q rev = (1-delta)V": sp.Eq((1 - d_) * V_ + d_ * 0, (1 - d_) * V_,
                                                      evaluate=False)})


TIGHT = (
    Reading("RT-b", "Lemma 2's Vdelta (S06.1) is attained: E_P O(M) - E_Q O(M) = V delta",
            kind="intended", expect="PROVED", which="b"),
    Reading("RT-a", "Theorem 1 holds with equality on this instance for some alpha in [0, 1] "
            "(OPT(Q) = (1-delta)V over DSIC IR mechanisms on {0, V})", kind="alternative",
            expect="REFUTED", which="a"),
)


@paper.claim("S07.tight", at=("On Tightness, Theorem 1", 161),
             says="'it is straightforward to construct a tight example [for Theorem 1] for the "
             "case of revenue and welfare': the instance of S07.", readings=TIGHT,
             note="V is the objective range: revenue and welfare of the posted price lie in "
             "[0, V]. Under RT-a the largest right side over alpha in [0, 1] is "
             "max(-V delta, V - 3V delta) (linear in alpha), against E_Q = (1-delta)V.")
def tight_theorem1(which: str) -> Forall:
    lhs = (1 - d_) * V_
    if which == "b":
        return Forall({d_: Reals(0, 1), V_: Reals(0, lo_open=True)},
                      then={"E_P - E_Q = V delta": sp.Eq(V_ - lhs, V_ * d_)})
    rhs = sp.Max(-V_ * d_, (1 - d_) * V_ - 2 * V_ * d_)
    return Forall({d_: Reals(0, 1), V_: Reals(0, lo_open=True)},
                  then={"E_Q O(M) = max_alpha (alpha OPT(Q) - (1+alpha)V delta)":
                        sp.Eq(lhs, rhs, evaluate=False)})


@paper.claim("S13", at=("On Tightness, Theorem 2", 163),
             says="Theorem 2's revenue bound is tight: on the instance of S07 (D = P, "
             "D-hat = Q, M_D posting price V, BIC and ex-post IR), E_Q Rev(M_D) = E_P Rev(M_D) "
             "- V delta.", expect="PROVED")
def theorem2_tight() -> Forall:
    return Forall({d_: Reals(0, 1), V_: Reals(0, lo_open=True)},
                  then={"E_Q = E_P - V delta": sp.Eq((1 - d_) * V_, V_ - V_ * d_)})


# ------------------------------------------------------------------ S15 Proposition 5

H = sp.Symbol("H", real=True)
vt, vdev, vpp, pt, pp = sp.symbols("v_t v_dev v_pp p_t p_p", real=True)
PAYMENTS = (
    Reading("model", "payments in [-H, H] as in the model (L63)", kind="intended",
            expect="REFUTED", lo=-1),
    Reading("nonneg", "payments in [0, H] (no subsidies)", kind="alternative", role="variant",
            expect="PROVED", lo=0,
            deviation="payments restricted to [0, H]; the model allows [-H, H]"),
)


def _prop5(lo: int, then: dict[str, sp.Basic]) -> Forall:
    dom = {x: Reals(0) for x in (vt, vdev, vpp)}
    dom.update({pt: Reals(), pp: Reals(), H: Reals(0, lo_open=True)})
    given = {"values in [0, H]": sp.And(sp.Le(vt, H), sp.Le(vdev, H), sp.Le(vpp, H)),
             "payments in range": sp.And(sp.Le(lo * H, pt), sp.Le(pt, H), sp.Le(lo * H, pp),
                                         sp.Le(pp, H)),
             "IR at (t_i, t_-i)": sp.Ge(vt - pt, 0), "IR at (t'_i, t_-i)": sp.Ge(vpp - pp, 0)}
    return Forall(dom, given=given, then=then)


GAIN = (vt - pt) - (vdev - pp)
ABSTRACT = ("per-profile abstraction: v_t = v_i(t_i, x(t)), v_dev = v_i(t_i, x(t'_i, t_-i)), "
            "v_pp = v_i(t'_i, x(t'_i, t_-i)) in [0, H], IR at both truthful profiles; "
            "S15.L.realised shows the abstract witness is a real mechanism.")


@paper.claim("S15.L", at=("Proposition 5", 309),
             says="For every ex-post IR M: u_i(t_i <- t'_i, t_-i) >= -H.", readings=PAYMENTS,
             note=ABSTRACT)
def prop5_lower(lo: int) -> Forall:
    return _prop5(lo, {"u >= -H": sp.Ge(GAIN, -H)})


@paper.claim("S15.U", at=("Proposition 5", 309),
             says="For every ex-post IR M: u_i(t_i <- t'_i, t_-i) <= 3H.", expect="PROVED",
             note=ABSTRACT)
def prop5_upper() -> Forall:
    return _prop5(-1, {"u <= 3H": sp.Le(GAIN, 3 * H)})


@paper.claim("S15.1", at=("proof of Proposition 5", 311), role="step", of="S15.U",
             says="t_i(M(t'_i, t_-i)) <= 2H (payments >= -H, values <= H).", expect="PROVED")
def prop5_step1() -> Forall:
    return _prop5(-1, {"deviation utility <= 2H": sp.Le(vdev - pp, 2 * H)})


@paper.claim("S15.2", at=("proof of Proposition 5", 311), role="step", of="S15.U",
             says="t_i(M(t'_i, t_-i)) >= -H (payments <= H, values >= 0).", expect="PROVED")
def prop5_step2() -> Forall:
    return _prop5(-1, {"deviation utility >= -H": sp.Ge(vdev - pp, -H)})


@paper.claim("S15.3", at=("proof of Proposition 5", 311), role="step", of="S15.L",
             says="'Combining these inequalities': 0 <= t_i(M(t)) (IR) and -H <= "
             "t_i(M(t'_i, t_-i)) <= 2H give -H <= u_i(t_i <- t'_i, t_-i) <= 3H.",
             expect="REFUTED",
             note="the step's premises as printed: IR at the truthful profile, the two bounds "
             "S15.1, S15.2 and t_i(M(t)) <= 2H; nothing else.")
def prop5_step3() -> Forall:
    ut, ud = sp.symbols("u_t u_d", real=True)
    return Forall({ut: Reals(), ud: Reals(), H: Reals(0, lo_open=True)},
                  given={"IR": sp.Ge(ut, 0), "t_i(M(t)) <= 2H": sp.Le(ut, 2 * H),
                         "S15.1": sp.Le(ud, 2 * H), "S15.2": sp.Ge(ud, -H)},
                  then={"u >= -H": sp.Ge(ut - ud, -H), "u <= 3H": sp.Le(ut - ud, 3 * H)})


@paper.claim("S15.L.realised", at=("Proposition 5", 309), role="step", of="S15.L",
             says="A concrete ex-post IR mechanism with payments in [-H, H] and u_i(t_i <- t'_i) "
             "< -H: one agent, H = 1, types a (values the item at 1) and b (values it at 0); "
             "M(a) = nothing at price 0, M(b) = the item with a subsidy of 1 (payment -1).",
             expect="REFUTED",
             note="checks the statement u >= -H on this mechanism exactly (kernel "
             "verify.mech.tv); the gain is -2H.")
def prop5_realised() -> bool:
    env = single_item([{"a": 1, "b": 0}], H=1)
    m = Mechanism(env, {("a",): {None: 1}, ("b",): {0: 1}}, {("a",): (F(0),), ("b",): (F(-1),)})
    if not expost_ir_violation(m).ok:
        raise AssertionError("the example must be ex-post IR")
    gain = m.gain(0, ("a",), "b")
    note(H=1, gain=gain, IR_ok=True, utility_truthful=m.utility(0, "a", ("a",)),
         utility_deviating=m.utility(0, "a", ("b",)))
    return gain >= -env.H


# ------------------------------------------------------------------ S24 / S30 products

@paper.claim("S24", at=("subadditivity, L205 (1), L395, L479, L512", 205),
             says="d_TV(P_1 x P_2, Q_1 x Q_2) <= d_TV(P_1, Q_1) + d_TV(P_2, Q_2) for laws on k "
             "points each.", over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED",
             note="two factors; the n-factor form follows by induction (the projection onto "
             "the first n-1 factors is again a product).")
def subadditive(k: int) -> Forall:
    p1, d1, s1 = simplex("P", k)
    q1, d2, s2 = simplex("Q", k)
    p2, d3, s3 = simplex("R", k)
    q2, d4, s4 = simplex("S", k)
    joint_p = [a * b for a in p1 for b in p2]
    joint_q = [a * b for a in q1 for b in q2]
    return Forall({**d1, **d2, **d3, **d4},
                  given={"P1": s1, "Q1": s2, "P2": s3, "Q2": s4},
                  then={"TV(prod) <= sum TV": sp.Le(half_l1(joint_p, joint_q),
                                                    half_l1(p1, q1) + half_l1(p2, q2))})


@paper.claim("S30.1", at=("Section 4.3, remark (1)", 205),
             says="For product laws D, D-hat with d_TV(D_i, D-hat_i) <= eps for every i: "
             "d_TV(D, D-hat) <= n eps.", over={"n": Ints(1), "d": Ints(1)},
             limit={"n": 3, "d": 3}, expect="CHECKED",
             note="n factors on 2 points with masses in (1/d)Z, eps = max_i d_TV(D_i, D-hat_i).")
def remark_products(n: int, d: int) -> bool:
    laws = list(grid_laws([0, 1], d))
    for ps in itertools.product(laws, repeat=n):
        for qs in itertools.product(laws, repeat=n):
            eps = max(tv(a, b) for a, b in zip(ps, qs, strict=True))
            lhs = tv(product(*ps), product(*qs))
            if lhs > n * eps:
                note_laws(D=ps, D_hat=qs, eps=eps, tv=lhs)
                return False
    return True


@paper.claim("S30.2", at=("Section 4.3, remark (2)", 205),
             says="With values normalised to [0, 1], V = n: the welfare sum_i v_i x_i of n "
             "agents with allocations x_i in [0, 1] lies in [0, n].",
             over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED",
             note="reading RW1 (n-agent welfare); for a single item (sum x_i <= 1) the range "
             "[0, 1] is tighter, and V = n is still a valid bound.")
def remark_welfare(n: int) -> Forall:
    v = list(sp.symbols(f"v1:{n + 1}", real=True))
    x = list(sp.symbols(f"x1:{n + 1}", real=True))
    w = sp.Add(*[a * b for a, b in zip(v, x, strict=True)])
    return Forall({s: Reals(0, 1) for s in (*v, *x)},
                  then={"Val >= 0": sp.Ge(w, 0), "Val <= n": sp.Le(w, n)})


# ------------------------------------------------------------------ S09 Lemma 3 (L145, L335-352)

def _joint(d: int) -> list[Distribution]:
    return list(grid_laws([(x, y) for x in (0, 1) for y in (0, 1)], d))


def _cond_tv(p: Distribution, q: Distribution, x: int, any_conditional: bool) -> F | None:
    """d_TV(P_{Y|x}, Q_{Y|x}); when P_X(x) = 0: the worst conditional (RC-a) or None (RC-c)."""
    qx = q.probability(lambda t: t[0] == x)
    qc = {y: q.mass((x, y)) / qx for y in (0, 1)}
    px = p.probability(lambda t: t[0] == x)
    if px == 0:
        return 1 - min(qc.values()) if any_conditional else None
    pc = {y: p.mass((x, y)) / px for y in (0, 1)}
    return sum((abs(pc[y] - qc[y]) for y in (0, 1)), F(0)) / 2


CONDITIONAL = (
    Reading("RC-a", "P_{Y|x} for P_X(x) = 0 is any law (the worst one is taken)",
            kind="intended", expect="CHECKED", any_conditional=True),
    Reading("RC-c", "points x with P_X(x) = 0 are excluded", kind="alternative",
            expect="CHECKED", any_conditional=False),
)


@paper.claim("S09", at=("Lemma 3", 145),
             says="For all joint laws P_XY, Q_XY and q in (0, 1]: Pr_{x ~ Q_X}[d_TV(P_{Y|x}, "
             "Q_{Y|x}) > 2 d_TV(P_XY, Q_XY)/q] <= q.", readings=CONDITIONAL,
             over={"d": Ints(1)}, limit={"d": 3},
             note="X, Y binary; every pair of joint laws with masses in (1/d)Z and every q in "
             "{1/4, 1/2, 3/4, 1} together with the q that put 2TV/q exactly at a conditional TV "
             "value (the boundary cases of the strict >).")
def lemma3(d: int, any_conditional: bool) -> bool:
    laws = _joint(d)
    for p, q in itertools.product(laws, repeat=2):
        dtv = tv(p, q)
        conds = {x: _cond_tv(p, q, x, any_conditional) for x in (0, 1)
                 if q.probability(lambda t, x=x: t[0] == x) > 0}
        qs = {F(1, 4), F(1, 2), F(3, 4), F(1)}
        qs |= {2 * dtv / c for c in conds.values() if c and 0 < 2 * dtv / c <= 1}
        for qq in sorted(qs):
            bad = sum((q.probability(lambda t, x=x: t[0] == x) for x, c in conds.items()
                       if c is not None and c > 2 * dtv / qq), F(0))
            if bad > qq:
                note_laws(P=p, Q=q, q=qq, bad_mass=bad, tv=dtv)
                return False
    return True


@paper.claim("S09.2", at=("proof of Lemma 3", 348), role="step", of="S09",
             says="E_{x ~ Q_X} d_TV(P_{Y|x}, Q_{Y|x}) <= d_TV(P_XY, Q_XY) + d_TV(Q_X, P_X).",
             readings=CONDITIONAL, over={"d": Ints(1)}, limit={"d": 3},
             note="X, Y binary; every pair of joint laws with masses in (1/d)Z.")
def lemma3_expect(d: int, any_conditional: bool) -> bool:
    for p, q in itertools.product(_joint(d), repeat=2):
        px, qx = p.map(lambda t: t[0]), q.map(lambda t: t[0])
        lhs = F(0)
        for x in (0, 1):
            c = _cond_tv(p, q, x, any_conditional) if qx.mass(x) > 0 else None
            if c is not None:
                lhs += qx.mass(x) * c
        if lhs > tv(p, q) + tv(px, qx):
            note_laws(P=p, Q=q, lhs=lhs, tv=tv(p, q), tv_x=tv(px, qx))
            return False
    return True


@paper.claim("S09.3", at=("proof of Lemma 3, data processing", 350), role="step", of="S09",
             says="d_TV(Q_X, P_X) <= d_TV(P_XY, Q_XY) (data processing), for joint laws on "
             "2 x k points.", over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED")
def data_processing(k: int) -> Forall:
    p, dp, sp_ = simplex("P", 2 * k)
    q, dq, sq = simplex("Q", 2 * k)
    px = [sp.Add(*p[:k]), sp.Add(*p[k:])]
    qx = [sp.Add(*q[:k]), sp.Add(*q[k:])]
    return Forall({**dp, **dq}, given={"P law": sp_, "Q law": sq},
                  then={"TV(X) <= TV(XY)": sp.Le(half_l1(px, qx), half_l1(p, q),
                                                 evaluate=False)})


# ------------------------------------------------------------------ S09.1, S09.4 (p003b)

def _lemma3_terms(ny: int) -> Forall:
    """The terms of one x with Q_X(x) = b > 0 in the lines L339-L342, in P_X(x) = a and the
    conditionals p = P_{Y|x}, q = Q_{Y|x} (the joint entries are a p_y and b q_y)."""
    a, b = sp.symbols("a b", real=True)
    p, dp, lp = simplex("p", ny)
    q, dq, lq = simplex("q", ny)
    ys = range(ny)
    l2 = sp.Add(*[sp.Abs(a * p[y] - b * q[y]) for y in ys])
    l3 = b * sp.Add(*[sp.Abs(p[y] * a / b - q[y]) for y in ys])
    l4 = b * sp.Add(*[sp.Abs(p[y] - q[y]) - p[y] * sp.Abs(1 - a / b) for y in ys])
    l5 = b * (2 * half_l1(p, q) - sp.Abs(b - a) / b)
    return Forall({a: Reals(0, 1), b: Reals(0, 1, lo_open=True), **dp, **dq},
                  given={"P_Y|x law": lp, "Q_Y|x law": lq},
                  then={"L339 = L340 (rewriting)": sp.Eq(l2, l3, evaluate=False),
                        "L340 >= L341 (triangle)": sp.Ge(l3, l4, evaluate=False),
                        "L341 = L342": sp.Eq(l4, l5, evaluate=False)})


@paper.claim("S09.1", at=("proof of Lemma 3, the displayed chain", 336, 343), role="step",
             of="S09",
             says="2 d_TV(P_XY, Q_XY) = sum_x sum_y |P - Q| >= sum_{x: Q_X(x) > 0} sum_y |P - Q| "
             "= sum_{x: Q_X(x)>0} Q_X(x) sum_y |P_{Y|x} P_X(x)/Q_X(x) - Q_{Y|x}| >= sum Q_X(x) "
             "sum_y (|P_{Y|x} - Q_{Y|x}| - P_{Y|x} |1 - P_X(x)/Q_X(x)|) = sum Q_X(x) (2 d_TV("
             "P_{Y|x}, Q_{Y|x}) - |Q_X(x) - P_X(x)|/Q_X(x)) >= 2 sum_x Q_X(x) d_TV(P_{Y|x}, "
             "Q_{Y|x}) - 2 d_TV(Q_X, P_X).",
             over={"ny": Ints(2)}, limit={"ny": 3}, expect="CHECKED",
             deviation="checked termwise: every line is a sum over x with Q_X(x) > 0 of the terms "
             "checked here, for one x with Q_X(x) = b > 0, P_X(x) = a in [0, 1] and free "
             "conditional laws (so P_{Y|x} for P_X(x) = 0 is any law, RC-a); the first and last "
             "steps drop the nonnegative terms of the x with Q_X(x) = 0.",
             note="|Y| = ny; the -P + P of L340 is folded by sympy.")
def lemma3_chain(ny: int) -> Forall:
    return _lemma3_terms(ny)


_zs = sp.symbols("z1:9", real=True)
_ws = sp.symbols("w1:9", real=True)
_T, _q = sp.symbols("T q", real=True)


@paper.claim("S09.4", at=("proof of Lemma 3, Markov's inequality", 352), role="step", of="S09",
             says="Markov's inequality: if E_{x ~ Q_X}[Z_x] <= 2 d_TV(P_XY, Q_XY) for Z_x = "
             "d_TV(P_{Y|x}, Q_{Y|x}) in [0, 1], then Pr_{x ~ Q_X}[Z_x > 2 d_TV/q] <= q for every "
             "q in (0, 1].", over={"j": Ints(1), "rest": Ints(1)}, limit={"j": 4, "rest": 2},
             expect="CHECKED",
             note="|X| = j + rest points, weights w = Q_X, values z in [0, 1], T = d_TV(P_XY, Q_XY) "
             "in [0, 1]; the bad set is the first j points (every bad set up to relabelling), "
             "its event z_x > 2T/q written q z_x > 2T (q > 0); rest >= 1 since every point bad "
             "contradicts E Z <= 2T (z3 finds those hypotheses contradictory).")
def markov(j: int, rest: int) -> Forall:
    k = j + rest
    zs, ws = _zs[:k], _ws[:k]
    dom = {**{z: Reals(0, 1) for z in zs}, **{w: Reals(0, 1) for w in ws}, _T: Reals(0, 1),
           _q: Reals(0, 1, lo_open=True)}
    given = {"Q_X law": sp.Eq(sp.Add(*ws), 1),
             "S09.3: E Z <= 2T": sp.Le(sp.Add(*[w * z for z, w in zip(zs, ws, strict=True)]),
                                       2 * _T)}
    given |= {f"x{x + 1} bad": sp.Gt(_q * zs[x], 2 * _T) for x in range(j)}
    return Forall(dom, given=given, then={"Pr[bad] <= q": sp.Le(sp.Add(*ws[:j]), _q)})
