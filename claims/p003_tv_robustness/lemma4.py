"""Lemma 4 (S10), its proof steps (S11.1-S11.6) and Theorem 2 (S12) on finite mechanism LPs.

Deciding Lemma 4 over every ex-post IR mechanism that is BIC w.r.t. D: M fails (8H delta/q,
q)-BIC w.r.t. D-hat for some q in (0, 1] iff some set S of agent-1 types with reports w_x has
L_S D-hat_1(S) > 8H delta, where L_S = max over M of min_{x in S} (-E_{D-hat | x} u(x <- w_x)):
the bad set S has mass > q and every loss in it exceeds 8H delta/q for some q exactly when
q can be chosen in (8H delta/L_S, D-hat_1(S)). L_S is one exact LP over all mechanisms (IR and
BIC w.r.t. D rows, verify.mech.tv.mechanism_lp); S and w range over all choices.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, note_laws
from verify import Forall, Ints, Reals, evidence, note
from verify.mech.distributions import Distribution, tv_by_coupling
from verify.mech.lp import Constraint, LinearProgram, Variable
from verify.mech.tv import (
    Environment,
    Mechanism,
    bic_violation,
    expost_ir_violation,
    mechanism_lp,
    objective_of,
    optimum,
    tv,
)
from verify.paper import Reading

H = F(1)
OUTCOMES = ("none", "o1", "o2")
# agent 1: type a values o1 at H, type b values o2 at H (the extremes of Proposition 5's range);
# agent 2's types y1, y2 are a signal (values 0): its IR and BIC rows are part of the LP.
ENV = Environment((("a", "b"), ("y1", "y2")), OUTCOMES,
                  {(0, "a", "o1"): H, (0, "b", "o2"): H}, H)
CELLS = [(x, y) for x in ("a", "b") for y in ("y1", "y2")]


def _loss_row(x: str, w: str, dh: Distribution) -> Constraint:
    """L <= -E_{D-hat | x} u(x <- w), as a row in the LP's variables."""
    mass = dh.probability(lambda b: b[0] == x)
    acc: dict[str, F] = {"L": F(-1)}
    for b, pr in dh.items():
        if b[0] != x:
            continue
        c = pr / mass
        dev = (w, *b[1:])
        for a in OUTCOMES:
            v = ENV.value(0, x, a)
            acc[f"x[{dev!r},{a!r}]"] = acc.get(f"x[{dev!r},{a!r}]", F(0)) + c * v
            acc[f"x[{b!r},{a!r}]"] = acc.get(f"x[{b!r},{a!r}]", F(0)) - c * v
        acc[f"p[{dev!r},0]"] = acc.get(f"p[{dev!r},0]", F(0)) - c
        acc[f"p[{b!r},0]"] = acc.get(f"p[{b!r},0]", F(0)) + c
    return Constraint(f"loss {x}<-{w}", acc, ">=", 0)


def worst_bad_set(d: Distribution, dh: Distribution, rq2: bool) -> tuple[F, tuple]:
    """max over S, w and every ex-post IR mechanism BIC w.r.t. d of L_S * D-hat_1(S)."""
    base = mechanism_lp(ENV, {}, bic=d)
    types = ENV.types[0]
    mass = {x: dh.probability(lambda b, x=x: b[0] == x) for x in types}
    best: tuple[F, tuple] = (F(0), ())
    for r in range(1, len(types) + 1):
        for s in itertools.combinations([x for x in types if mass[x] > 0], r):
            for ws in itertools.product(types, repeat=r):
                if any(w == x for w, x in zip(ws, s, strict=True)) or (rq2 and len(set(ws)) > 1):
                    continue
                rows = [_loss_row(x, w, dh) for x, w in zip(s, ws, strict=True)]
                lp = LinearProgram((*base.variables, Variable.free("L")), {"L": 1},
                                   (*base.constraints, *rows), "max")
                value = optimum(lp).value
                assert value is not None
                score = value * sum((mass[x] for x in s), F(0))
                if score > best[0]:
                    best = (score, (s, ws, value))
    return best


READINGS = (
    Reading("RQ1", "bad types: some report gains more than eps (the T^G of L483); no support "
            "hypothesis, as printed", kind="intended", expect="CHECKED", rq2=False),
    Reading("RQ2", "bad types counted per report w", kind="alternative", expect="CHECKED",
            rq2=True),
)
NOTE = ("n = 2: agent 1 with types a, b (a values outcome o1 at H, b values o2 at H, H = 1), "
        "agent 2 a signal y1, y2 with value 0; every pair (D, D-hat) of laws on the 4 profiles "
        "with masses in (1/d)Z (supports may differ, so the same-support reading RS2 is "
        "covered too), q over all of (0, 1], and every ex-post IR mechanism BIC w.r.t. D with "
        "payments in [-H, H] (LP variables).")


@paper.claim("S10", at=("Lemma 4", 149),
             says="For all D, D-hat on T with d_TV(D, D-hat) <= delta and every M ex-post IR and "
             "BIC w.r.t. D: M is ex-post IR and (8H delta/q, q)-BIC w.r.t. D-hat for all q in "
             "(0, 1].", readings=READINGS, over={"d": Ints(1)}, limit={"d": 3}, note=NOTE,
             analogue="a two-agent finite instance; at d = 3 the largest L_S D-hat(S)/(H delta) is "
             "9/2 (D = (1/3, 2/3) on (b, y1), (b, y2), D-hat = point mass at (b, y2)), "
             "below 8.")
def lemma4(d: int, rq2: bool) -> bool:
    return _lemma4_holds(d, rq2)


def _lemma4_holds(d: int, rq2: bool, product_d: bool = False) -> bool:
    evidence("exact LPs over all mechanisms (verify.mech.tv.mechanism_lp), certificates "
             "re-checked")
    laws = list(grid_laws(CELLS, d))
    centres = laws
    if product_d:
        margs = list(grid_laws([0, 1], d))
        centres = [Distribution({(x, y): a.mass(i) * b.mass(j) for i, x in enumerate("ab")
                                 for j, y in enumerate(("y1", "y2"))}) for a in margs for b in margs]
    for dd, dh in itertools.product(centres, laws):
        delta = tv(dd, dh)
        if delta == 0:
            continue
        score, info = worst_bad_set(dd, dh, rq2)
        if score > 8 * H * delta:
            note_laws(D=dd, D_hat=dh, delta=delta, bad_set=info[0], reports=info[1], L_S=info[2],
                 L_S_times_mass=score)
            return False
    return True


@paper.claim("S11.1", at=("proof of Lemma 4", 354), role="step", of="S10",
             says="For ex-post IR M, u ranges in [-H, 3H] (Prop 5), hence u_i(t_i <- w, t_-i) - "
             "u_i(t_i <- w, t'_-i) <= 4H 1{t_-i != t'_-i}.", expect="REFUTED",
             note="a concrete ex-post IR mechanism on ENV with payments in [-H, H]: at y1 type a "
             "gets o1 with a subsidy H and the report b gives o2 at price H; at y2 type a gets "
             "nothing and the report b gives o1 with a subsidy H. The difference is 5H.")
def lemma4_range() -> bool:
    alloc = {("a", "y1"): {"o1": 1}, ("b", "y1"): {"o2": 1}, ("a", "y2"): {"none": 1},
             ("b", "y2"): {"o1": 1}}
    pay = {("a", "y1"): (-H, F(0)), ("b", "y1"): (H, F(0)), ("a", "y2"): (F(0), F(0)),
           ("b", "y2"): (-H, F(0))}
    m = Mechanism(ENV, alloc, pay)
    if not expost_ir_violation(m).ok:
        raise AssertionError("the mechanism must be ex-post IR")
    u1, u2 = m.gain(0, ("a", "y1"), "b"), m.gain(0, ("a", "y2"), "b")
    note(H=H, u_at_y1=u1, u_at_y2=u2, difference=u1 - u2)
    return u1 - u2 <= 4 * H


@paper.claim("S12.ii", at=("Theorem 2 (ii)", 155),
             says="For every M ex-post IR and BIC w.r.t. D and O in [a, b]: E_D-hat O(M) >= "
             "E_D O(M) - V delta (O = revenue, range [-2H, 2H], V = 4H).",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED", note=NOTE,
             analogue="the instance of S10; the worst mechanism is an LP variable.")
def theorem2_ii(d: int) -> bool:
    evidence("exact LPs over all mechanisms, certificates re-checked")
    laws = list(grid_laws(CELLS, d))
    for dd, dh in itertools.product(laws, repeat=2):
        od, oh = objective_of(ENV, "Rev", dd), objective_of(ENV, "Rev", dh)
        diff = {k: oh.get(k, F(0)) - od.get(k, F(0)) for k in set(od) | set(oh)}
        worst = optimum(mechanism_lp(ENV, diff, sense="min", bic=dd)).value
        assert worst is not None
        if worst < -4 * H * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, worst=worst, V_delta=4 * H * tv(dd, dh))
            return False
    return True


@paper.claim("S12.i", at=("Theorem 2 (i)", 155),
             says="M_D ex-post IR and BIC w.r.t. D is ex-post IR and (8H delta/q, q)-BIC w.r.t. "
             "D-hat for all q in [0, 1] (Lemma 4 restated).", readings=READINGS,
             over={"d": Ints(1)}, limit={"d": 2}, note=NOTE + " q = 0 is excluded (8H delta/0 "
             "is undefined).", analogue="the instance of S10")
def theorem2_i(d: int, rq2: bool) -> bool:
    return _lemma4_holds(d, rq2)


def _gain_coeffs(x: str, w: str, law: Distribution, sign: int, acc: dict[str, F]) -> None:
    """acc += sign * E_{y ~ law} u(x <- w, y) in the LP's variables (law on agent 2's types)."""
    for y, pr in law.items():
        b, dev = (x, y), (w, y)
        for a in OUTCOMES:
            v = ENV.value(0, x, a)
            acc[f"x[{b!r},{a!r}]"] = acc.get(f"x[{b!r},{a!r}]", F(0)) + sign * pr * v
            acc[f"x[{dev!r},{a!r}]"] = acc.get(f"x[{dev!r},{a!r}]", F(0)) - sign * pr * v
        acc[f"p[{b!r},0]"] = acc.get(f"p[{b!r},0]", F(0)) - sign * pr
        acc[f"p[{dev!r},0]"] = acc.get(f"p[{dev!r},0]", F(0)) + sign * pr


@paper.claim("S11.3", at=("proof of Lemma 4", 356, 363), role="step", of="S10",
             says="For ex-post IR M, fixed t_i, w_i: E_{D | t_i}[u(t_i <- w_i, .)] - "
             "E_{D-hat | t_i}[u(t_i <- w_i, .)] <= 4H d_TV(D_{-i|t_i}, D-hat_{-i|t_i}) (S11.2 and "
             "its rearrangement S11.3).", over={"d": Ints(1)}, limit={"d": 2},
             expect="REFUTED",
             note="t_i = a, w_i = b on the instance of S10; every pair of conditionals on "
             "{y1, y2} with masses in (1/d)Z; the mechanism ranges over all ex-post IR "
             "mechanisms (exact LP maximising the left side).")
def lemma4_coupling(d: int) -> bool:
    evidence("exact LP over all ex-post IR mechanisms, certificate re-checked")
    laws = list(grid_laws(["y1", "y2"], d))
    for p, q in itertools.product(laws, repeat=2):
        acc: dict[str, F] = {}
        _gain_coeffs("a", "b", p, 1, acc)
        _gain_coeffs("a", "b", q, -1, acc)
        top = optimum(mechanism_lp(ENV, acc)).value
        assert top is not None
        if top > 4 * H * tv(p, q):
            note_laws(D_cond=p, D_hat_cond=q, max_difference=top, four_H_TV=4 * H * tv(p, q))
            return False
    return True


@paper.claim("S21", at=("Theorem 3 (a)", 181),
             says="For a product D^p with d_TV(D, D^p) <= delta and M ex-post IR and BIC w.r.t. "
             "D^p: M is ex-post IR and (8H delta/q, q)-BIC w.r.t. D for all q in (0, 1].",
             readings=READINGS, over={"d": Ints(1)}, limit={"d": 2},
             note=NOTE + " Here the centre D^p ranges over the products of two laws with masses "
             "in (1/d)Z.", analogue="the instance of S10 with a product centre",
             deviation="only part (a) is decided; part (b) is an O(.) bound (class D), of which "
             "the algebra of the last step is S22.6")
def theorem3_a(d: int, rq2: bool) -> bool:
    return _lemma4_holds(d, rq2, product_d=True)


# ------------------------------------------------------------------ S11.2, S11.4-S11.6 (p003b)

@paper.claim("S11.2", at=("proof of Lemma 4, first line of the coupling display", 356, 358),
             role="step", of="S10",
             says="For ex-post IR M, fixed t_i, w_i and the optimal coupling gamma* of D_{-i|t_i} "
             "and D-hat_{-i|t_i}: E_gamma*[u_i(t_i <- w_i, t_-i) - u_i(t_i <- w_i, t'_-i)] <= "
             "4H E_gamma*[1{t_-i != t'_-i}].", over={"d": Ints(1)}, limit={"d": 2},
             expect="REFUTED",
             note="t_i = a, w_i = b on the instance of S10; every pair of conditionals on "
             "{y1, y2} with masses in (1/d)Z, gamma* the certified optimal coupling (verify.mech."
             "distributions.tv_by_coupling); the mechanism ranges over all ex-post IR mechanisms "
             "(exact LP maximising the left side).")
def coupling_first_line(d: int) -> bool:
    evidence("exact LP over all ex-post IR mechanisms; optimal coupling certified")
    laws = list(grid_laws(["y1", "y2"], d))
    for p, q in itertools.product(laws, repeat=2):
        gamma = tv_by_coupling(p, q)
        acc: dict[str, F] = {}
        for (y, y2), g in gamma.coupling.items():
            _gain_coeffs("a", "b", {y: g}, 1, acc)  # type: ignore[arg-type]
            _gain_coeffs("a", "b", {y2: g}, -1, acc)  # type: ignore[arg-type]
        top = optimum(mechanism_lp(ENV, acc)).value
        assert top is not None
        mismatch = sum((g for (y, y2), g in gamma.coupling.items() if y != y2), F(0))
        if top > 4 * H * mismatch:
            note_laws(D_cond=p, D_hat_cond=q, coupling=gamma.coupling, max_left=top,
                      four_H_mismatch=4 * H * mismatch)
            return False
    return True


@paper.claim("S11.2.tv", at=("proof of Lemma 4, second line of the coupling display", 358),
             role="step", of="S10",
             says="4H E_gamma*[1{t_-i != t'_-i}] <= 4H d_TV(D_{-i|t_i}, D-hat_{-i|t_i}) for the "
             "optimal coupling gamma* (Definition 2, Lemma 1).",
             over={"k": Ints(1), "d": Ints(1)}, limit={"k": 3, "d": 4}, expect="CHECKED",
             note="every pair of conditional laws on k points with masses in (1/d)Z; gamma* is "
             "the certified optimal coupling, d_TV = (1/2) l1.")
def coupling_second_line(k: int, d: int) -> bool:
    evidence("coupling LP optimum with its dual certificate, re-checked exactly")
    laws = list(grid_laws(list(range(k)), d))
    for p, q in itertools.product(laws, repeat=2):
        mismatch = tv_by_coupling(p, q).value
        if 4 * H * mismatch > 4 * H * tv(p, q):
            note_laws(P=p, Q=q, mismatch=mismatch, tv=tv(p, q))
            return False
    return True


X3 = ("a", "b", "c")
CELLS32 = [(x, y) for x in X3 for y in ("y1", "y2")]


def lemma3_violation(dd: Distribution, dh: Distribution,
                     any_conditional: bool) -> tuple[F, F, F] | None:
    """Lemma 3 with Q_X = D-hat_1, P = D, decided for every q in (0, 1] at once: some q has
    Pr_{t ~ D-hat_1}[d_TV(D_{.|t}, D-hat_{.|t}) > 2 d_TV(D, D-hat)/q] > q iff at some threshold
    r = 2T/c (a conditional TV c > 0, or r = 0 when T = 0) with r < 1 the mass of {t: 2T/c_t
    <= r} exceeds r (then every q slightly above r fails). Returns (q witness, bad mass, T)."""
    big_t = tv(dd, dh)
    conds: dict[object, tuple[F, F]] = {}  # type -> (conditional TV, D-hat_1 mass)
    for x in {c[0] for c in dh.support}:
        hx = dh.probability(lambda t, x=x: t[0] == x)
        hc = {y: dh.mass((x, y)) / hx for y in ("y1", "y2")}
        px = dd.probability(lambda t, x=x: t[0] == x)
        if px == 0:
            if not any_conditional:
                continue
            c = 1 - min(hc.values())  # the worst conditional of D at a type of zero D-mass
        else:
            c = sum((abs(dd.mass((x, y)) / px - hc[y]) for y in ("y1", "y2")), F(0)) / 2
        conds[x] = (c, hx)
    thresholds = sorted({2 * big_t / c for c, _ in conds.values() if c > 0})
    for n, r in enumerate(thresholds):
        if r >= 1:
            break
        bad = sum((m for c, m in conds.values() if c > 0 and 2 * big_t / c <= r), F(0))
        if bad > r:
            q_w = (r + min(bad, F(1), *thresholds[n + 1:n + 2])) / 2
            # re-check at q_w: the bad set {t: c_t > 2T/q_w} and its mass, exactly
            mass = sum((m for c, m in conds.values() if c * q_w > 2 * big_t), F(0))
            assert mass > q_w
            return q_w, mass, big_t
    return None


CONDITIONAL_4 = (
    Reading("RC-a", "D_{-i|t_i} for D_i(t_i) = 0 is any law (the worst one is taken)",
            kind="intended", expect="CHECKED", any_conditional=True),
    Reading("RC-c", "types with D_i(t_i) = 0 are excluded", kind="alternative",
            expect="CHECKED", any_conditional=False),
)


@paper.claim("S11.4", at=("proof of Lemma 4, Lemma 3 applied", 365), role="step", of="S10",
             says="By Lemma 3 with Q_X = D-hat_i: with probability at least 1 - q over t_i ~ "
             "D-hat_i, d_TV(D_{-i|t_i}, D-hat_{-i|t_i}) <= (2/q) d_TV(D, D-hat) <= 2 delta/q, "
             "for every q in (0, 1].", readings=CONDITIONAL_4,
             over={"d": Ints(1)}, limit={"d": 3},
             note="agent 1 with three types {a, b, c}, agent 2 a signal in {y1, y2}; every pair "
             "of laws on the 6 profiles with masses in (1/d)Z; every q in (0, 1] at once (the "
             "bad mass is a step function of q, decided at its jumps); delta = d_TV(D, D-hat), "
             "the least delta allowed.")
def lemma3_applied(d: int, any_conditional: bool) -> bool:
    laws = list(grid_laws(CELLS32, d))
    for dd, dh in itertools.product(laws, repeat=2):
        bad = lemma3_violation(dd, dh, any_conditional)
        if bad is not None:
            note_laws(D=dd, D_hat=dh, q=bad[0], bad_mass=bad[1], tv=bad[2])
            return False
    return True


_tvc, _dlt, _qq, _hh, _eu = sp.symbols("TVc delta q H E_D_u", real=True)


@paper.claim("S11.5.l2", at=("proof of Lemma 4, second line of the last display", 368),
             role="step", of="S10",
             says="On the Lemma 3 good set (d_TV(D_{-i|t_i}, D-hat_{-i|t_i}) <= 2 delta/q): "
             "4H d_TV(D_{-i|t_i}, D-hat_{-i|t_i}) - E_{D_{-i|t_i}}[u] <= 8H delta/q - "
             "E_{D_{-i|t_i}}[u].", expect="PROVED")
def good_set_line() -> Forall:
    return Forall({_tvc: Reals(0, 1), _dlt: Reals(0), _qq: Reals(0, 1, lo_open=True),
                   _hh: Reals(0, lo_open=True), _eu: Reals()},
                  given={"good": sp.Le(_tvc, 2 * _dlt / _qq)},
                  then={"line 2": sp.Le(4 * _hh * _tvc - _eu, 8 * _hh * _dlt / _qq - _eu)})


@paper.claim("S11.5.l3", at=("proof of Lemma 4, third line of the last display", 369, 370),
             role="step", of="S10",
             says="'the last inequality uses the fact that M is BIC': 8H delta/q - "
             "E_{D_{-i|t_i}}[u_i(t_i <- w_i, .)] <= 8H delta/q, i.e. E_{D_{-i|t_i}}[u_i(t_i <- "
             "w_i, .)] >= 0, at every type t_i of the Lemma 3 good set (which has D-hat_i mass >= "
             "1 - q).", expect="REFUTED",
             note="BIC w.r.t. D under RC1 (the kernel's convention: no constraint at types of "
             "zero D-mass, whose conditional is undefined). Instance of S10 with H = 1: D = "
             "(b, y1) w.p. 1, D-hat = (a, y1) and (b, y1) w.p. 1/2 each, so D_1(a) = 0 < "
             "D-hat_1(a); with D_{-1|a} := D-hat_{-1|a} (RC-a) the conditional TV at a is 0 and a "
             "is good for every q. M: at (b, .) outcome o1, at (a, .) nothing, all payments 0 "
             "(ex-post IR, BIC w.r.t. D).")
def bic_line() -> bool:
    alloc = {("a", "y1"): {"none": 1}, ("a", "y2"): {"none": 1}, ("b", "y1"): {"o1": 1},
             ("b", "y2"): {"o1": 1}}
    pay = {b: (F(0), F(0)) for b in alloc}
    m = Mechanism(ENV, alloc, pay)
    dd = Distribution({("b", "y1"): F(1)})
    dh = Distribution({("a", "y1"): F(1, 2), ("b", "y1"): F(1, 2)})
    if not expost_ir_violation(m).ok or bic_violation(m, dd).max_violation > 0:
        raise AssertionError("the mechanism must be ex-post IR and BIC w.r.t. D")
    cond = {y: dh.mass(("a", y)) / dh.probability(lambda t: t[0] == "a") for y in ("y1", "y2")}
    gain = sum((c * m.gain(0, ("a", y), "b") for y, c in cond.items()), F(0))
    note(D_1_a=F(0), D_hat_1_a=F(1, 2), conditional_tv_at_a=F(0), E_u_a_from_b=gain)
    return gain >= 0


_cs = sp.symbols("c1:4", real=True)
_ut = sp.symbols("Ut1:4", real=True)
_uw = sp.symbols("Uw1:4", real=True)


@paper.claim("S11.6", at=("proof of Lemma 4, conclusion", 373), role="step", of="S10",
             says="Replacing u by its definition: -E_{D-hat_{-i|t_i}}[u_i(t_i <- w_i, .)] <= 8H "
             "delta/q is -E[t_i(M(t_i, .))] + E[t_i(M(w_i, .))] <= 8H delta/q, which rearranges "
             "to the (eps, q)-BIC constraint E[t_i(M(t_i, .))] >= E[t_i(M(w_i, .))] - eps with "
             "eps = 8H delta/q.", over={"k": Ints(1)}, limit={"k": 3}, expect="CHECKED",
             note="k = |T_-i| values of the conditional D-hat_{-i|t_i} (weights c), utilities "
             "Ut = t_i(M(t_i, .)) and Uw = t_i(M(w_i, .)) at each.")
def rearranged(k: int) -> Forall:
    cs, ut, uw = _cs[:k], _ut[:k], _uw[:k]
    dom = {**{c: Reals(0, 1) for c in cs}, **{u: Reals() for u in (*ut, *uw)},
           _dlt: Reals(0), _qq: Reals(0, 1, lo_open=True), _hh: Reals(0, lo_open=True)}
    e_u = sp.Add(*[c * (a - b) for c, a, b in zip(cs, ut, uw, strict=True)])
    e_t = sp.Add(*[c * a for c, a in zip(cs, ut, strict=True)])
    e_w = sp.Add(*[c * b for c, b in zip(cs, uw, strict=True)])
    eps = 8 * _hh * _dlt / _qq
    return Forall(dom, given={"law": sp.Eq(sp.Add(*cs), 1), "S11.5": sp.Le(-e_u, eps)},
                  then={"definition of u": sp.Le(-e_t + e_w, eps),
                        "(eps, q)-BIC form": sp.Ge(e_t, e_w - eps)})
