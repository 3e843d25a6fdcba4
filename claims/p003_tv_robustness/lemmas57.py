"""Appendix B: Definition 4 (the BIC extension), Lemma 7 (S18) with its proof steps (S19) and
Lemma 5 (S17, with its proof step S17.1), on exact finite instances.

The extension M-hat (``verify.mech.tv.bic_extension``) is not linear in M (an argmax and the
payment ratio E[p]/E[v] of L385), so Lemma 7 and Lemma 5 are decided on explicit mechanisms:
the refuting instances below are two-agent mechanisms built by hand, re-checked exactly, and
the variant without subsidies is sampled (S18.nonneg). Proof steps that do not involve M-hat's
payments (S19.1, S19.4, S19.6.1, S19.12) are decided over every mechanism meeting Lemma 7's
hypothesis as one exact LP per prior pair; the TV facts (S19.2) on every product prior of a grid
and every map tau; the algebraic steps by z3.

Shared instance (``subsidy_instance``): agent 1 has types ⊥ (null), a, b (a and b value the
item o1 at H = 1), agent 2 is a signal ⊥2, y with value 0. M gives agent 1 the item at (a, ⊥2)
and (b, ⊥2) for free and pays agent 1 a subsidy H at every profile with agent 2 = y (⊥ gets
the same subsidy and never the item). T_1^+ = {⊥, a}, T_2^+ = T_2. D_1 = D-hat_1 = (1/20,
9/10, 1/20); D_2 = (1/400, 399/400) on (⊥2, y), D-hat_2 = (1/20 + 1/400, ...). M is ex-post IR
with payments in [-H, H] and meets Lemma 7's hypothesis with eps = 0; tau_1(b) = a and the
ratio of L385 is E[p]/E[v] = -(399/400)/(1/400) = -399, so M-hat pays b a subsidy of 399 H at
(b, ⊥2), and any type reporting b under D-hat (which puts more mass on ⊥2) gains H delta/pi =
20 H.
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.extension import _least_best_report
from claims.p003_tv_robustness.model import grid_laws, note_laws
from verify import Forall, Ints, Reals, Samples, evidence, note
from verify.mech.distributions import Distribution, product
from verify.mech.lp import Constraint
from verify.mech.tv import (
    BICExtension,
    Environment,
    Mechanism,
    add_terms,
    bic_extension,
    bic_extensions,
    bic_violation,
    decode,
    eps_q_bic,
    expost_ir_violation,
    interim_value,
    mechanism_lp,
    optimum,
    pushforward,
    tv,
    utility_terms,
)
from verify.paper import Reading

H = F(1)
LEMMA7 = ("Lemma 7", 389, 391)
SUB_NOTE = ("the two-agent subsidy instance of this module's docstring (H = 1, eps = 0, delta = "
            "1/20, beta = 1/20): M ex-post IR with payments in [-H, H], E_{D_-i} u_i(t_i <- w) >= "
            "0 for t_i in T_i^+ and every w; M-hat built by Def 4 (tie-break RT1, RV1: the true "
            "type's valuation, RP1 = RP2 here since T_2^+ = T_2).")


def _mechanism(env: Environment, alloc: dict, pay: dict) -> Mechanism:
    m = Mechanism(env, alloc, pay)
    if not expost_ir_violation(m).ok:
        raise AssertionError("the instance mechanism must be ex-post IR")
    return m


def subsidy_instance() -> tuple[Mechanism, list[Distribution], list[Distribution], tuple]:
    """(M, [D_1, D_2], [D-hat_1, D-hat_2], T^+) of the module docstring."""
    env = Environment((("⊥", "a", "b"), ("⊥2", "y")), ("none", "o1"),
                      {(0, "a", "o1"): H, (0, "b", "o1"): H}, H)
    alloc = {(t1, t2): {"o1": 1} if t1 != "⊥" and t2 == "⊥2" else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (-H if t2 == "y" else F(0), F(0)) for t1 in env.types[0]
           for t2 in env.types[1]}
    pi, delta = F(1, 400), F(1, 20)
    d1 = Distribution({"⊥": F(1, 20), "a": F(9, 10), "b": F(1, 20)})
    d2 = Distribution({"⊥2": pi, "y": 1 - pi})
    d2h = Distribution({"⊥2": pi + delta, "y": 1 - pi - delta})
    return _mechanism(env, alloc, pay), [d1, d2], [d1, d2h], (("⊥", "a"), ("⊥2", "y"))


def hypothesis_gap(m: Mechanism, margs: list[Distribution], plus: tuple) -> F:
    """The least eps with E_{D_-i} u_i(t_i <- w) >= -eps for t_i in T_i^+ and every w in T_i."""
    worst = F(0)
    for i, ts in enumerate(m.env.types):
        for t in plus[i]:
            truth = interim_value(m, margs, i, t, t)
            for w in ts:
                worst = max(worst, interim_value(m, margs, i, t, w) - truth)
    return worst


def beta(margs_hat: list[Distribution], plus: tuple) -> F:
    """Reading Rbeta1: beta = max_i (1 - Pr_{D-hat_i}[T_i^+])."""
    return max(1 - d.probability(lambda t, p=p: t in p) for d, p in zip(margs_hat, plus, strict=True))


def _lemma7_setup() -> tuple[Mechanism, BICExtension, Distribution, Distribution, F, F, F]:
    m, margs, margs_hat, plus = subsidy_instance()
    eps = hypothesis_gap(m, margs, plus)
    ext = bic_extension(m, plus, margs)
    d, dh = product(*margs), product(*margs_hat)
    return m, ext, d, dh, eps, tv(d, dh), beta(margs_hat, plus)


@paper.claim("S18", at=LEMMA7,
             says="For T_i^+ containing ⊥, a product D, an ex-post IR M with E_{D_-i} u_i(t_i <- "
             "w_i) >= -eps for t_i in T_i^+, w_i in T_i, and a product D-hat with d_TV(D, D-hat) "
             "<= delta, the Def 4 extension M-hat is ex-post IR and O(eps + (beta n + delta) H)-BIC "
             "w.r.t. D-hat; here with the constant the proof establishes (L397): (4(3/2 delta + "
             "beta n) H + 4 delta H + eps)-BIC.", expect="REFUTED", note=SUB_NOTE,
             deviation="the O(.) is read with the explicit constant of L397; the violation found "
             "is H delta/pi for D_2(⊥2) = pi, so no constant works (pi -> 0).")
def lemma7_bic() -> bool:
    evidence("exact evaluation of M, its extension and every interim deviation")
    m, ext, _, dh, eps, delta, b = _lemma7_setup()
    n = m.env.n
    bound = 4 * (F(3, 2) * delta + b * n) * H + 4 * delta * H + eps
    ir = expost_ir_violation(ext.mechanism)
    res = bic_violation(ext.mechanism, dh)
    note(eps=eps, delta=delta, beta=b, tau=ext.tau, ratios=ext.ratios,
         largest_payment=ext.max_payment, worst_interim_loss=res.max_violation,
         deviation=res.witness, bound=bound, ir_violation=ir.max_violation)
    return ir.ok and res.max_violation <= bound


DEF4 = (
    Reading("RV2", "v_i in Def 4's payment (of x-hat(t) and in the denominator) is tau_i(t_i)'s "
            "valuation, not t_i's", kind="alternative", expect="REFUTED", valuation="RV2",
            zero="RZ1", tie="RT1"),
    Reading("RZ2", "only instances whose denominators E_{D_-i}[v_i(x(tau_i(t_i), .))] are all "
            "positive", kind="alternative", expect="REFUTED", valuation="RV1", zero="RZ2",
            tie="RT1"),
    Reading("RT2", "tau_i(t_i) is any maximiser: the statement must hold for the extension of "
            "every choice", kind="alternative", expect="REFUTED", valuation="RV1", zero="RZ1",
            tie="RT2"),
)


def _extensions(m: Mechanism, plus: tuple, margs: list[Distribution], valuation: str,
                zero: str, tie: str) -> list[BICExtension]:
    """Def 4 under readings RV, RZ (RZ2 raises on a zero denominator) and RT (RT2: every
    choice of maximiser)."""
    if tie == "RT2":
        return bic_extensions(m, plus, margs, valuation=valuation, zero=zero)
    return [bic_extension(m, plus, margs, valuation=valuation, zero=zero)]


def _all_bounded(exts: list[BICExtension], law: Distribution, bound: F) -> bool:
    """Every extension is ex-post IR and bound-BIC w.r.t. law; notes the first that is not."""
    for ext in exts:
        ir, res = expost_ir_violation(ext.mechanism), bic_violation(ext.mechanism, law)
        if not (ir.ok and res.max_violation <= bound):
            note(tau=ext.tau, ratios=ext.ratios, worst_interim_loss=res.max_violation,
                 deviation=res.witness, bound=bound, ir_violation=ir.max_violation,
                 extensions=len(exts))
            return False
    note(extensions=len(exts), bound=bound)
    return True


@paper.claim("S18", at=LEMMA7,
             says="For T_i^+ containing ⊥, a product D, an ex-post IR M with E_{D_-i} u_i(t_i <- "
             "w_i) >= -eps for t_i in T_i^+, w_i in T_i, and a product D-hat with d_TV(D, D-hat) "
             "<= delta, the Def 4 extension M-hat is ex-post IR and O(eps + (beta n + delta) H)-BIC "
             "w.r.t. D-hat; here with the constant the proof establishes (L397): (4(3/2 delta + "
             "beta n) H + 4 delta H + eps)-BIC.", readings=DEF4,
             note=SUB_NOTE + " Other readings of Def 4 on the same instance: RV2 values with "
             "tau_1(b) = a, who values o1 as b does (H), so the ratio is again -399; RZ2 holds "
             "there (the only denominator, agent 1's type b, is D_2(⊥2) H = 1/400 > 0); under "
             "RT2 a is b's only maximiser, so there is one extension.",
             deviation="the O(.) is read with the explicit constant of L397; the violation found "
             "is H delta/pi for D_2(⊥2) = pi, so no constant works (pi -> 0).")
def lemma7_bic_readings(valuation: str, zero: str, tie: str) -> bool:
    evidence("exact evaluation of M, its extensions and every interim deviation")
    m, margs, margs_hat, plus = subsidy_instance()
    eps, dh = hypothesis_gap(m, margs, plus), product(*margs_hat)
    delta, b = tv(product(*margs), dh), beta(margs_hat, plus)
    bound = 4 * (F(3, 2) * delta + b * m.env.n) * H + 4 * delta * H + eps
    return _all_bounded(_extensions(m, plus, margs, valuation, zero, tie), dh, bound)


@paper.claim("S18.rev", at=LEMMA7,
             says="Lemma 7, revenue: Rev(M-hat, D-hat) >= Rev(M, D) - V(beta n + delta), V = 2nH "
             "the revenue range of payments in [-H, H].", expect="REFUTED", note=SUB_NOTE,
             deviation="beta read as max_i beta_i (Rbeta1, the largest of the readings: the "
             "bound only shrinks under Rbeta2 and Rbeta3 agrees here since D_1 = D-hat_1).")
def lemma7_revenue() -> bool:
    m, ext, d, dh, _, delta, b = _lemma7_setup()
    n = m.env.n
    lhs, rhs = ext.mechanism.expected("Rev", dh), m.expected("Rev", d) - 2 * n * H * (b * n + delta)
    note(Rev_M_hat_D_hat=lhs, Rev_M_D=m.expected("Rev", d), bound=rhs)
    return lhs >= rhs


# ------------------------------------------------------------------ S19: proof steps of Lemma 7


@paper.claim("S19.3", at=("proof of Lemma 7, intermediate bound", 401), role="step", of="S18",
             says="E_{D-hat_-i}[u^{M-hat}(t_i <- w_i)] >= E_{D-hat_-i}[u^M(tau(t_i) <- tau(w_i))] - "
             "4(3/2 delta + beta n) H for all t_i, w_i.", expect="REFUTED", note=SUB_NOTE +
             " At the witness tau(t_i) = t_i, so the readings RU1 (type tau(t_i)'s gain) and RU2 "
             "(type t_i's gain between reports tau(t_i), tau(w_i)) coincide.")
def lemma7_intermediate() -> bool:
    m, ext, _, dh, _, delta, b = _lemma7_setup()
    margs_hat = [dh.map(lambda t, i=i: t[i]) for i in range(m.env.n)]
    slack = 4 * (F(3, 2) * delta + b * m.env.n) * H
    for i, ts in enumerate(m.env.types):
        tau = ext.tau[i]
        for t, w in itertools.product(ts, repeat=2):
            if dh.probability(lambda x, i=i, t=t: x[i] == t) == 0:
                continue
            hat = (interim_value(ext.mechanism, margs_hat, i, t, t)
                   - interim_value(ext.mechanism, margs_hat, i, t, w))
            orig = (interim_value(m, margs_hat, i, tau[t], tau[t])
                    - interim_value(m, margs_hat, i, tau[t], tau[w]))
            if hat < orig - slack:
                note(agent=i, t=t, w=w, gain_M_hat=hat, gain_M_tau=orig, slack=slack)
                return False
    return True


@paper.claim("S19.8", at=("proof of Lemma 7", 459), role="step", of="S18",
             says="E_{D-hat_-i}[t_i(M(tau(w_i), .))] >= E_{D-hat_-i}[t_i(M-hat(w_i, .))] - 2(3/2 "
             "delta + beta n) H for all t_i and w_i in T_i.", expect="REFUTED", note=SUB_NOTE)
def lemma7_report_bound() -> bool:
    m, ext, _, dh, _, delta, b = _lemma7_setup()
    margs_hat = [dh.map(lambda t, i=i: t[i]) for i in range(m.env.n)]
    slack = 2 * (F(3, 2) * delta + b * m.env.n) * H
    for i, ts in enumerate(m.env.types):
        for t, w in itertools.product(ts, repeat=2):
            lhs = interim_value(m, margs_hat, i, t, ext.tau[i][w])
            rhs = interim_value(ext.mechanism, margs_hat, i, t, w) - slack
            if lhs < rhs:
                note(agent=i, t=t, w=w, via_M=lhs, via_M_hat=rhs + slack, slack=slack)
                return False
    return True


@paper.claim("S19.5.range", at=("proof of Lemma 7, inequality (3)", 428, 430), role="step",
             of="S18",
             says="The ratio E_{D_-i}[p_i(tau(t_i), .)] / E_{D_-i}[v_i(x_i(tau(t_i), .))] is <= 1, "
             "and therefore v_i(x_i(tau(t_i), t'_-i)) times it lies in [0, H].",
             expect="REFUTED", note=SUB_NOTE + " The ratio is <= 1 (S19.1); the range [0, H] "
             "needs it to be >= 0, i.e. E[p] >= 0.")
def ratio_range() -> bool:
    m, ext, *_ = _lemma7_setup()
    for (i, t), r in ext.ratios.items():
        if r is None:
            continue
        for prof in m.env.profiles():
            if prof[i] != ext.tau[i][t]:
                continue
            v = sum((q * m.env.value(i, t, a) for a, q in m.alloc[prof].items()), F(0))
            if not (r <= 1 and 0 <= v * r <= H):
                note(agent=i, type=t, ratio=r, profile=prof, value=v, product=v * r)
                return False
    return True


BOTTOM = (
    Reading("Rbot2", "⊥ is the null type (values nothing), so IR at ⊥ gives t_i(M(⊥, .)) >= 0",
            kind="intended", expect="CHECKED", bottom_value=0),
    Reading("Rbot1", "⊥ is an ordinary type whose valuation the text leaves open (here the item "
            "at H)", kind="literal", expect="REFUTED", bottom_value=2),
)


@paper.claim("S19.1", at=("proof of Lemma 7, ex-post IR", 393), role="step", of="S18",
             says="For t_i in T_i^-: E_{D_-i}[t_i(M(tau_i(t_i), .))] >= E_{D_-i}[t_i(M(⊥, .))] >= "
             "0, for every M meeting Lemma 7's hypothesis.", readings=BOTTOM,
             over={"k": Ints(1)}, limit={"k": 3},
             note="one agent (so E_{D_-i} is a point evaluation), one item, H = 2; T^+ = ⊥ plus "
             "k - 1 types valuing the item at 2, an outside type valuing it at 1; every IR "
             "mechanism on T^+ with eps = 0 among reports in T^+ (LP variables, the LP of S16.1: "
             "tau maps to the best report, so the least best-report utility decides).",
             deviation="Lemma 7's hypothesis also constrains reports w_i outside T_i^+; M's "
             "values there do not enter tau, so they are left free.")
def lemma7_ir_bottom(k: int, bottom_value: int) -> bool:
    evidence("exact LP over all IR mechanisms on T^+ that are truthful among T^+, certificate "
             "re-checked")
    value, mech = _least_best_report(k, bottom_value)
    note(least_best_report_utility=value, mechanism=mech)
    return value >= 0


num, den, v_, h_ = sp.symbols("E_p E_v v H", real=True)


@paper.claim("S19.1.ir", at=("proof of Lemma 7, ex-post IR", 393), role="step", of="S18",
             says="E[p_i(tau(t_i), .)] <= E[v_i(x(tau(t_i), .))] (with a positive denominator) "
             "implies v_i(x-hat(t)) - p-hat_i(t) = v_i(x-hat(t)) (1 - E[p]/E[v]) >= 0.",
             expect="PROVED",
             note="E[v] > 0 and v in [0, H]; the ratio may be negative (subsidies), which only "
             "helps IR. With E[v] = 0 the payment is read as 0 (RZ1) and IR is immediate.")
def ir_from_ratio() -> Forall:
    return Forall({num: Reals(-1, 1), den: Reals(0, 1, lo_open=True), v_: Reals(0, 1)},
                  given={"E[p] <= E[v]": sp.Le(num, den)},
                  then={"v - v E[p]/E[v] >= 0": sp.Ge(v_ - v_ * num / den, 0)})


BETAS = (
    Reading("Rbeta1", "beta = max_i (1 - Pr_{D-hat_i}[T_i^+]), beta n as printed",
            kind="intended", expect="CHECKED", summed=False),
    Reading("Rbeta2", "per-agent beta_i, with sum_i beta_i in place of beta n",
            kind="alternative", expect="CHECKED", summed=True),
)
TYPES = ("⊥", "a", "b")
TAU_NOTE = ("n = 2 agents with types {⊥, a, b} and T_i^+ = {⊥, a}; every product of two laws "
            "with masses in (1/d)Z and every map tau that fixes T_i^+ and sends b into T_i^+.")


def _maps() -> list[tuple[dict, dict]]:
    ones = [{"⊥": "⊥", "a": "a", "b": z} for z in ("⊥", "a")]
    return list(itertools.product(ones, repeat=2))


def _products(d: int) -> list[tuple[Distribution, Distribution, Distribution]]:
    laws = list(grid_laws(list(TYPES), d))
    return [(a, b, product(a, b)) for a, b in itertools.product(laws, repeat=2)]


def _beta(parts: tuple[Distribution, Distribution], summed: bool) -> F:
    bs = [p.mass("b") for p in parts]
    return sum(bs, F(0)) if summed else 2 * max(bs)


@paper.claim("S19.2", at=("proof of Lemma 7, tensorization", 395, 479), role="step", of="S18",
             says="d_TV(D-hat, tau(D-hat)) <= beta n for a product D-hat.", readings=BETAS,
             over={"d": Ints(1)}, limit={"d": 3}, note=TAU_NOTE)
def tensorization(d: int, summed: bool) -> bool:
    for a, b, dh in _products(d):
        for tau in _maps():
            dist = tv(dh, pushforward(dh, tau))
            if dist > _beta((a, b), summed):
                note_laws(D_hat=dh, tau=tau, tv=dist, beta_n=_beta((a, b), summed))
                return False
    return True


@paper.claim("S19.2.tri", at=("proof of Lemma 7, triangle inequality", 395, 479), role="step",
             of="S18", says="d_TV(D, tau(D-hat)) <= delta + beta n for products D, D-hat with "
             "d_TV(D, D-hat) = delta.", over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED",
             note=TAU_NOTE + " D ranges over the same products; beta as Rbeta1.")
def triangle(d: int) -> bool:
    prods = _products(d)
    for (a, b, dh), (_, _, dd) in itertools.product(prods, repeat=2):
        for tau in _maps():
            if tv(dd, pushforward(dh, tau)) > tv(dd, dh) + _beta((a, b), False):
                note_laws(D=dd, D_hat=dh, tau=tau)
                return False
    return True


MEASURE = (
    Reading("Rbeta3", "beta measured under D (the law the step is about)", kind="alternative",
            expect="CHECKED", under_d=True),
    Reading("Rbeta1", "beta = 1 - Pr_{D-hat_i}[T_i^+] as Lemma 7 defines it", kind="intended",
            expect="REFUTED", under_d=False),
)


@paper.claim("S19.2.D", at=("proof of Lemma 7, inequality (2)", 415, 416), role="step", of="S18",
             says="H d_TV(D, tau(D)) <= H beta n (L415-416, and L435-436 for inequality (3)).",
             readings=MEASURE, over={"d": Ints(1)}, limit={"d": 2},
             note=TAU_NOTE + " Both D and D-hat range over the products (beta from D-hat under "
             "Rbeta1).")
def tensorization_d(d: int, under_d: bool) -> bool:
    prods = _products(d)
    for (a, b, dh), (c, e, dd) in itertools.product(prods, repeat=2):
        bn = _beta((c, e) if under_d else (a, b), False)
        for tau in _maps():
            dist = tv(dd, pushforward(dd, tau))
            if dist > bn:
                note_laws(D=dd, D_hat=dh, tau=tau, tv_D_tauD=dist, beta_n=bn)
                return False
    return True


@paper.claim("S19.11.range", at=("proof of Lemma 7", 469), role="step", of="S18",
             says="By Proposition 5, u^M(tau(t_i) <- tau(w_i), t_-i) - u^M(tau(t_i) <- tau(w_i), "
             "t'_-i) <= 4H 1{t_-i != t'_-i} for every ex-post IR M.", expect="REFUTED",
             note="two agents, H = 1: agent 1 types a (values o1), b (values o2), agent 2 a "
             "signal y1, y2; at y1 type a gets o1 with a subsidy H and report b gives o2 at price "
             "H, at y2 a gets nothing and report b gives o1 with a subsidy H. M is ex-post IR; "
             "the difference is 5H (Proposition 5's lower bound is -2H, not -H).")
def range_step() -> bool:
    env = Environment((("a", "b"), ("y1", "y2")), ("none", "o1", "o2"),
                      {(0, "a", "o1"): H, (0, "b", "o2"): H}, H)
    alloc = {("a", "y1"): {"o1": 1}, ("b", "y1"): {"o2": 1}, ("a", "y2"): {"none": 1},
             ("b", "y2"): {"o1": 1}}
    pay = {("a", "y1"): (-H, F(0)), ("b", "y1"): (H, F(0)), ("a", "y2"): (F(0), F(0)),
           ("b", "y2"): (-H, F(0))}
    m = _mechanism(env, alloc, pay)
    u1, u2 = m.gain(0, ("a", "y1"), "b"), m.gain(0, ("a", "y2"), "b")
    note(H=H, gain_at_y1=u1, gain_at_y2=u2, difference=u1 - u2)
    return u1 - u2 <= 4 * H


tvd, dl, hh = sp.symbols("d_TV delta H", real=True)


@paper.claim("S19.11.const", at=("proof of Lemma 7", 471), role="step", of="S18",
             says="4H d_TV(D_-i, D-hat_-i) <= 4H d_TV(D, D-hat) <= 3H delta whenever d_TV(D, "
             "D-hat) <= delta.", expect="REFUTED",
             note="the last link as printed: at d_TV(D, D-hat) = delta > 0 it reads 4H delta "
             "<= 3H delta; the next display (L475) uses 4H delta.")
def three_h_delta() -> Forall:
    return Forall({tvd: Reals(0, 1), dl: Reals(0, 1), hh: Reals(0, lo_open=True)},
                  given={"d_TV <= delta": sp.Le(tvd, dl)},
                  then={"4H d_TV <= 3H delta": sp.Le(4 * hh * tvd, 3 * hh * dl)})


@paper.claim("S19.13", at=("proof of Lemma 7, revenue", 479), role="step", of="S18.rev",
             says="In the coupling of t ~ D and t-hat ~ tau(D-hat), 'whenever t = t-hat the two "
             "mechanisms make exactly the same revenue': Rev(M-hat(t')) = Rev(M(tau(t'))) for the "
             "D-hat sample t' behind t-hat.", expect="REFUTED",
             note="nonnegative payments (no subsidy): the subsidy instance's environment with M "
             "selling o1 to a and b at price 1/2 when agent 2 = ⊥2 and at price 1 when agent 2 = "
             "y; M-hat charges b the D_2-average price 399/400 (Def 4) at both profiles.")
def same_revenue() -> bool:
    m0, margs, _, plus = subsidy_instance()
    env = m0.env
    alloc = {(t1, t2): {"o1": 1} if t1 != "⊥" else {"none": 1} for t1 in env.types[0]
             for t2 in env.types[1]}
    pay = {(t1, t2): (F(0) if t1 == "⊥" else (H / 2 if t2 == "⊥2" else H), F(0))
           for t1 in env.types[0] for t2 in env.types[1]}
    m = _mechanism(env, alloc, pay)
    ext = bic_extension(m, plus, margs)
    for t in env.profiles():
        image = tuple(ext.tau[i][x] for i, x in enumerate(t))
        if ext.mechanism.objective("Rev", t) != m.objective("Rev", image):
            note(profile=t, image=image, Rev_M_hat=ext.mechanism.objective("Rev", t),
                 Rev_M=m.objective("Rev", image))
            return False
    return True


# ------------------------------------------------------------------ S17 Lemma 5 (L177, L483)

LEMMA5 = ("Lemma 5", 177)
L5_NOTE = ("two agents, H = 1: agent 1 types ⊥, a, b (a, b value o1 at H), agent 2 a signal y, ⊥2, "
           "z (value 0); M gives o1 to a at (a, y), subsidises ⊥ and a by H at agent 2 = ⊥2 and "
           "agent 2 by H/2 at reports y, ⊥2; D = (1/20, 17/20, 1/10) x (1/100, 89/100, 1/10). M "
           "is ex-post IR and (0, 1/10)-BIC (RQ1 and RQ2; bad types b and z); M-hat is Def 4 with "
           "T^+ = T^G and D-hat = D (tie-break RT1 with y before ⊥2: z's two best reports tie).")


def lemma5_instance(z_value: F = F(0)) -> tuple[Mechanism, list[Distribution], tuple, F]:
    """The instance of L5_NOTE; ``z_value`` > 0 lets agent 2's type z value outcome o1 (for
    reading RZ2, which needs a positive denominator at z)."""
    values = {(0, "a", "o1"): H, (0, "b", "o1"): H}
    if z_value:
        values[(1, "z", "o1")] = z_value
    env = Environment((("⊥", "a", "b"), ("y", "⊥2", "z")), ("none", "o1"), values, H)
    alloc = {(t1, t2): {"o1": 1} if (t1, t2) == ("a", "y") else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (-H if t1 != "b" and t2 == "⊥2" else F(0), -H / 2 if t2 != "z" else F(0))
           for t1 in env.types[0] for t2 in env.types[1]}
    margs = [Distribution({"⊥": F(1, 20), "a": F(17, 20), "b": F(1, 10)}),
             Distribution({"y": F(1, 100), "⊥2": F(89, 100), "z": F(1, 10)})]
    return _mechanism(env, alloc, pay), margs, (("⊥", "a"), ("y", "⊥2")), F(1, 10)


def _lemma5_setup(z_value: F = F(0)) -> tuple[Mechanism, BICExtension, Distribution, F, F]:
    m, margs, plus, q = lemma5_instance(z_value)
    d = product(*margs)
    for reading in ("RQ1", "RQ2"):
        bad = eps_q_bic(m, d, 0, reading)
        if bad.mass > q:
            raise AssertionError(f"the instance must be (0, q)-BIC under {reading}")
    for i, ts in enumerate(m.env.types):  # T^+ is exactly the good set (RQ1, eps = 0)
        for t in ts:
            truth = interim_value(m, margs, i, t, t)
            good = all(interim_value(m, margs, i, t, w) <= truth for w in ts)
            if good != (t in plus[i]):
                raise AssertionError(f"T_{i}^+ must be the good types; {t!r} is misplaced")
    return m, bic_extension(m, plus, margs), d, q, beta(margs, plus)


@paper.claim("S17", at=LEMMA5, role="variant",
             says="For a product D and M ex-post IR and (eps, q)-BIC w.r.t. D, some M-hat is "
             "ex-post IR and O(eps + nqH)-BIC w.r.t. D with Rev(M-hat, D) >= Rev(M, D) - nqV; "
             "here M-hat is the proof's (Def 4 with T^+ = T^G, L483) and the constant the one "
             "L397 gives at delta = 0: (eps + 4 beta n H)-BIC, beta <= q.", expect="REFUTED",
             note=L5_NOTE,
             analogue="the statement is existential in M-hat; the encoding decides the M-hat the "
             "proof constructs (a bounded version with the proof's constant).")
def lemma5_bic() -> bool:
    m, ext, d, q, b = _lemma5_setup()
    ir = expost_ir_violation(ext.mechanism)
    res = bic_violation(ext.mechanism, d)
    bound = 4 * b * m.env.n * H
    note(tau=ext.tau, ratios=ext.ratios, largest_payment=ext.max_payment, beta=b, q=q,
         worst_interim_loss=res.max_violation, deviation=res.witness, bound=bound)
    return ir.ok and res.max_violation <= bound


@paper.claim("S17", at=LEMMA5, role="variant",
             says="For a product D and M ex-post IR and (eps, q)-BIC w.r.t. D, some M-hat is "
             "ex-post IR and O(eps + nqH)-BIC w.r.t. D with Rev(M-hat, D) >= Rev(M, D) - nqV; "
             "here M-hat is the proof's (Def 4 with T^+ = T^G, L483) and the constant the one "
             "L397 gives at delta = 0: (eps + 4 beta n H)-BIC, beta <= q.", readings=DEF4,
             note=L5_NOTE + " Other readings of Def 4: RV2 values with tau_1(b) = a (who values "
             "o1 as b does) and tau_2(z) = y (denominator 0, payment 0 by RZ1); RZ2: on this "
             "instance z's denominator is 0, so the instance is changed only in that z values "
             "outcome o1 at H (z then reports y strictly best, stays the only bad type of agent "
             "2, and every denominator is positive); RT2: z's two maximisers y and ⊥2 give two "
             "extensions.",
             analogue="the statement is existential in M-hat; the encoding decides the M-hat the "
             "proof constructs (a bounded version with the proof's constant).")
def lemma5_bic_readings(valuation: str, zero: str, tie: str) -> bool:
    z_value = H if zero == "RZ2" else F(0)
    m, _, d, _, b = _lemma5_setup(z_value)
    _, margs, plus, _ = lemma5_instance(z_value)
    bound = 4 * b * m.env.n * H
    return _all_bounded(_extensions(m, plus, margs, valuation, zero, tie), d, bound)


@paper.claim("S17.rev", at=LEMMA5, role="variant",
             says="Lemma 5, revenue: Rev(M-hat, D) >= Rev(M, D) - nqV for the proof's M-hat "
             "(V = 2nH).", expect="REFUTED", note=L5_NOTE,
             analogue="the M-hat the proof constructs (Def 4 with T^+ = T^G).")
def lemma5_revenue() -> bool:
    m, ext, d, q, _ = _lemma5_setup()
    n = m.env.n
    lhs, rhs = ext.mechanism.expected("Rev", d), m.expected("Rev", d) - n * q * 2 * n * H
    note(Rev_M_hat=lhs, Rev_M=m.expected("Rev", d), bound=rhs)
    return lhs >= rhs


@paper.claim("S17.1", at=("proof of Lemma 5", 483), role="step", of="S17",
             says="'Noting that ⊥ in T_i^G': the null type is a good type of every ex-post IR, "
             "(eps, q)-BIC mechanism.", expect="REFUTED",
             note="one agent, H = 1, types ⊥ (values nothing, reading Rbot2) and a (values the "
             "item at H), prior (1/10, 9/10); M(⊥) = nothing at price 0, M(a) = the item with a "
             "subsidy H/2 (payment -H/2). M is ex-post IR and (0, 1/10)-BIC (⊥ is its only bad "
             "type), yet ⊥ gains H/2 > eps = 0 by reporting a.")
def bottom_good() -> bool:
    env = Environment((("⊥", "a"),), ("none", "o1"), {(0, "a", "o1"): H}, H)
    m = _mechanism(env, {("⊥",): {"none": 1}, ("a",): {"o1": 1}},
                   {("⊥",): (F(0),), ("a",): (-H / 2,)})
    d = Distribution({("⊥",): F(1, 10), ("a",): F(9, 10)})
    bad = eps_q_bic(m, d, 0, "RQ1")
    if bad.mass > F(1, 10):
        raise AssertionError("M must be (0, 1/10)-BIC")
    note(bad_types=bad.types, bad_mass=bad.mass)
    return all(t != "⊥" for t, _ in bad.types)


QREAD = (
    Reading("RQ2", "(eps, q)-BIC per report w: Pr_{t_i}[E u_i(t_i <- w) < -eps] <= q for each w",
            kind="alternative", expect="REFUTED"),
)


@paper.claim("S17.1.mass", at=("proof of Lemma 5", 483), role="step", of="S17",
             says="The bad types T_i^B (those that do not eps-maximise by reporting truthfully) "
             "have Pr_{D_i}[T_i^B] <= q.", readings=QREAD,
             note="under RQ1 this is the definition of (eps, q)-BIC. One agent, H = 1, types ⊥, "
             "a (values o1), b (values o2), prior (1/2, 1/4, 1/4); M(a) = o2, M(b) = o1, both "
             "at price 0: each report's bad set has mass 1/4, their union 1/2.")
def bad_mass() -> bool:
    env = Environment((("⊥", "a", "b"),), ("none", "o1", "o2"),
                      {(0, "a", "o1"): H, (0, "b", "o2"): H}, H)
    m = _mechanism(env, {("⊥",): {"none": 1}, ("a",): {"o2": 1}, ("b",): {"o1": 1}},
                   {(t,): (F(0),) for t in ("⊥", "a", "b")})
    d = Distribution({("⊥",): F(1, 2), ("a",): F(1, 4), ("b",): F(1, 4)})
    q = eps_q_bic(m, d, 0, "RQ2").mass
    union = eps_q_bic(m, d, 0, "RQ1").mass
    note(q_RQ2=q, mass_of_T_B=union)
    return union <= q


# ------------------------------------------------------------------ Def 4, first payment case

FIRST = (
    Reading("RP2", "p-hat_i(t) = p_i(t_i, t_-i) literally, while x-hat(t) = x(tau(t)) (M defined "
            "on all of T, as Lemma 7's hypothesis quantifies w_i over T_i)", kind="literal",
            expect="REFUTED", first_case="RP2"),
)


@paper.claim("S19.1.plus", at=("Definition 4 and proof of Lemma 7", 385, 393), role="step",
             of="S18",
             says="'The ex-post IR condition for M-hat is satisfied for all t_i in T_i^+, by "
             "construction' (L393), with Def 4's first payment case p-hat_i(t_i, t_-i) = "
             "p_i(t_i, t_-i) (L385).", readings=FIRST,
             note="the intended reading RP1, p_i(t_i, tau_-i(t_-i)), charges exactly M's payment "
             "at the profile whose allocation M-hat uses, so IR is inherited (nothing to check). "
             "Instance: H = 1, agent 1 types ⊥, a (a values o1), agent 2 a signal y, ⊥2, z with "
             "T_2^+ = {y, ⊥2}; M sells o1 to a at price H at (a, z) and nothing elsewhere; "
             "uniform marginals; tau_2(z) = y (agent 2 is indifferent; tie-break RT1).")
def first_case(first_case: str) -> bool:
    env = Environment((("⊥", "a"), ("y", "⊥2", "z")), ("none", "o1"), {(0, "a", "o1"): H}, H)
    alloc = {(t1, t2): {"o1": 1} if (t1, t2) == ("a", "z") else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (H if (t1, t2) == ("a", "z") else F(0), F(0))
           for t1 in env.types[0] for t2 in env.types[1]}
    m = _mechanism(env, alloc, pay)
    margs = [Distribution.uniform(ts) for ts in env.types]
    ext = bic_extension(m, (("⊥", "a"), ("y", "⊥2")), margs, first_case="RP2"
                        if first_case == "RP2" else "RP1")
    ir = expost_ir_violation(ext.mechanism)
    note(tau=ext.tau, ir_violation=ir.max_violation, at=ir.witness)
    return ir.ok


# ------------------------------------------------------------------ S19.6, first step (L444)

L6_ENV = Environment((("⊥", "a", "b"), ("s0", "s1")), ("none", "o1", "o2"),
                     {(0, "a", "o2"): H, (0, "b", "o1"): H}, H)
L6_PLUS = (("⊥", "a"), ("s0", "s1"))
PAYMENTS = (
    Reading("model", "payments in [-H, H] (L63)", kind="intended", expect="REFUTED",
            nonneg=False),
    Reading("nonneg", "payments restricted to [0, H]", kind="alternative", role="variant",
            expect="CHECKED", nonneg=True,
            deviation="nonnegative payments, a hypothesis the paper does not state"),
)


def _interim(i: int, t: object, report: object, law: Distribution, weight: F = F(1),
             env: Environment = L6_ENV) -> dict:
    """weight * E_{t_-i ~ law}[t(M(report, t_-i))] in the LP's variables (n = 2)."""
    parts = []
    for o, pr in law.items():
        prof = (report, o) if i == 0 else (o, report)
        parts.append(utility_terms(env, i, t, prof, weight * pr))
    return add_terms(*parts)


def _hypothesis_rows(d1: Distribution, d2: Distribution, nonneg: bool,
                     env: Environment = L6_ENV, plus: tuple = L6_PLUS,
                     argmax: bool = True) -> list[Constraint]:
    """Lemma 7's hypothesis with eps = 0 (truthful among T_i^+ against every report in T_i),
    tau_1(b) = a (the argmax row) and, if asked, nonnegative payments."""
    rows = []
    for i, law in ((0, d2), (1, d1)):
        for t in plus[i]:
            for w in env.types[i]:
                if w != t:
                    rows.append(Constraint(f"hyp{i}{t}{w}", add_terms(
                        _interim(i, t, t, law, env=env), _interim(i, t, w, law, F(-1), env)),
                        ">=", 0))
    if argmax:
        rows.append(Constraint("tau(b)=a", add_terms(_interim(0, "b", "a", d2, env=env),
                                                      _interim(0, "b", "⊥", d2, F(-1), env)),
                               ">=", 0))
    if nonneg:
        rows += [Constraint(f"p>=0{b}{i}", {f"p[{b!r},{i}]": 1}, ">=", 0)
                 for b in env.profiles() for i in range(2)]
    return rows


@paper.claim("S19.6.1", at=("proof of Lemma 7", 444), role="step", of="S18",
             says="For t_i in T_i^- (Lemma 2): E_{D-hat_-i}[t_i(M(tau(t_i), .))] <= "
             "E_{D_-i}[t_i(M(tau(t_i), .))] + 2 delta H.", readings=PAYMENTS,
             over={"d": Ints(1)}, limit={"d": 3},
             note="two agents, H = 1: agent 1 types ⊥, a (values o2), b (values o1), T_1^+ = {⊥, "
             "a}; agent 2 a signal s0, s1; D_1 uniform, D_2 and D-hat_2 every law on {s0, s1} "
             "with masses in (1/d)Z (delta = d_TV(D, D-hat)); M ranges over every ex-post IR "
             "mechanism meeting Lemma 7's hypothesis with eps = 0 and tau_1(b) = a (LP "
             "variables); the LP maximises the left side minus E_{D_-i}[...].")
def lemma2_step(d: int, nonneg: bool) -> bool:
    evidence("exact LP over all mechanisms meeting the hypothesis, certificate re-checked")
    laws = list(grid_laws(["s0", "s1"], d))
    d1 = Distribution.uniform(L6_ENV.types[0])
    for d2, d2h in itertools.product(laws, repeat=2):
        delta = tv(d2, d2h)
        obj = add_terms(_interim(0, "b", "a", d2h), _interim(0, "b", "a", d2, F(-1)))
        lp = mechanism_lp(L6_ENV, obj, extra=_hypothesis_rows(d1, d2, nonneg))
        top = optimum(lp).value
        assert top is not None
        if top > 2 * delta * H:
            note_laws(D_2=d2, D_hat_2=d2h, delta=delta, largest_increase=top,
                      two_delta_H=2 * delta * H)
            return False
    return True


# ------------------------------------------------------------------ S19.4, inequality (2) (L407)

L4_ENV = Environment((("⊥", "a", "b"), ("⊥2", "s1")), ("none", "o1"),
                     {(0, "a", "o1"): H, (0, "b", "o1"): H}, H)
L4_PLUS = (("⊥", "a"), ("⊥2",))
BETA2 = (
    Reading("Rbeta1", "beta = max_i (1 - Pr_{D-hat_i}[T_i^+]) as Lemma 7 defines it",
            kind="intended", expect="REFUTED", under_d=False),
    Reading("Rbeta3", "beta measured under D", kind="alternative", expect="CHECKED",
            under_d=True),
)


@paper.claim("S19.4", at=("proof of Lemma 7, inequality (2)", 407, 418), role="step", of="S18",
             says="E_{D_-i}[v_i(x_i(tau(t_i), t_-i))] <= E_{D_-i}[v_i(x-hat_i(t_i, t_-i))] + H "
             "beta n for t_i in T_i^-.", readings=BETA2, over={"d": Ints(1)}, limit={"d": 2},
             deviation="the right side is printed E[x-hat_i(t_i, t_-i)], an allocation; it is "
             "read with the valuation v_i(t_i, .) as on the left.",
             note="two agents, H = 1: agent 1 types ⊥, a, b (a, b value o1), T_1^+ = {⊥, a}; "
             "agent 2 a signal ⊥2, s1 with T_2^+ = {⊥2} (so tau_2(s1) = ⊥2); D_1 = D-hat_1 and "
             "D_2, D-hat_2 every law with masses in (1/d)Z; t_i = b, and M ranges over every "
             "ex-post IR mechanism meeting Lemma 7's hypothesis (eps = 0) with tau_1(b) = a (LP "
             "variables).")
def inequality2(d: int, under_d: bool) -> bool:
    evidence("exact LP over all mechanisms meeting the hypothesis, certificate re-checked")
    two = list(grid_laws(["⊥2", "s1"], d))
    for d1 in grid_laws(list(L4_ENV.types[0]), d):
        for d2, d2h in itertools.product(two, repeat=2):
            if under_d:
                b = max(d1.mass("b"), d2.mass("s1"))
            else:
                b = max(d1.mass("b"), d2h.mass("s1"))
            obj: dict = {}
            for t2, pr in d2.items():  # v_b(x(a, t2)) - v_b(x(a, tau(t2))), tau(t2) = ⊥2
                obj = add_terms(obj, {f"x[{('a', t2)!r},'o1']": pr * H},
                                {f"x[{('a', '⊥2')!r},'o1']": -pr * H})
            lp = mechanism_lp(L4_ENV, obj, extra=_hypothesis_rows(d1, d2, False, L4_ENV,
                                                                  L4_PLUS))
            res = optimum(lp)
            assert res.value is not None
            if res.value > H * b * 2:
                note_laws(D_1=d1, D_2=d2, D_hat_2=d2h, beta=b, largest_gap=res.value)
                return False
    return True


# ------------------------------------------------------------------ Lemma 7 without subsidies

S_TYPES = (("⊥", "a", "b"), ("⊥2", "y", "z"))
S_OUT = ("none", "o1", "o2", "o12")


def _random_instance(seed: int) -> tuple[Mechanism, tuple, list[Distribution], list[Distribution]]:
    """Seeded: valuations in (1/4)Z for a, b (items o1, o12) and y, z (o2, o12); T^+ = {⊥, a} x
    {⊥2, y} or {⊥, a} x T_2; full-support D_1, D_2 and D-hat_1, D-hat_2 with masses k/s, k <= 6;
    M an optimal vertex of the LP over ex-post IR mechanisms with payments in [0, H] meeting
    Lemma 7's hypothesis at eps = 0, for a random objective."""
    rng = random.Random(seed)
    vals = {(i, t, o): F(rng.randint(0, 4), 4) for i, ts in ((0, ("a", "b")), (1, ("y", "z")))
            for t in ts for o in (("o1", "o12") if i == 0 else ("o2", "o12"))}
    env = Environment(S_TYPES, S_OUT, vals, H)
    plus = (("⊥", "a"), ("⊥2", "y")) if rng.random() < 0.5 else (("⊥", "a"), S_TYPES[1])

    def law(ts: tuple) -> Distribution:
        w = [rng.randint(1, 6) for _ in ts]
        return Distribution({t: F(x, sum(w)) for t, x in zip(ts, w, strict=True)})

    d1, d2 = law(S_TYPES[0]), law(S_TYPES[1])
    rows = _hypothesis_rows(d1, d2, nonneg=True, env=env, plus=plus, argmax=False)
    names = [v.name for v in mechanism_lp(env, {}).variables]
    objective = {name: F(rng.randint(-3, 3)) for name in names}
    m = decode(env, optimum(mechanism_lp(env, objective, extra=rows)).x)
    hats = [d1 if rng.random() < 0.5 else law(S_TYPES[0]), law(S_TYPES[1])]
    return m, plus, [d1, d2], hats


@paper.claim("S18.nonneg", at=LEMMA7, role="variant",
             says="Lemma 7 with nonnegative payments: M-hat is ex-post IR and (4(3/2 delta + beta "
             "n) H + 4 delta H + eps)-BIC w.r.t. D-hat, and Rev(M-hat, D-hat) >= Rev(M, D) - "
             "V(beta n + delta).", over={"seed": Samples(48, "random instances")},
             expect="SAMPLED",
             deviation="payments restricted to [0, H] (the paper's model allows [-H, H]).",
             note="SAMPLED because M-hat is not linear in M (an argmax and the ratio of L385), "
             "so no LP covers every mechanism: two agents with three types each, random "
             "valuations, priors and LP-vertex mechanisms (see _random_instance); eps = 0, beta "
             "as Rbeta1, V = 2nH.")
def lemma7_nonneg(seed: int) -> bool:
    evidence("exact evaluation of a generated mechanism and its extension")
    m, plus, margs, hats = _random_instance(seed)
    ext = bic_extension(m, plus, margs)
    d, dh = product(*margs), product(*hats)
    delta, b, n = tv(d, dh), beta(hats, plus), m.env.n
    bound = 4 * (F(3, 2) * delta + b * n) * H + 4 * delta * H
    loss = bic_violation(ext.mechanism, dh).max_violation
    rev_hat, rev = ext.mechanism.expected("Rev", dh), m.expected("Rev", d)
    note(delta=delta, beta=b, worst_interim_loss=loss, bound=bound, Rev_M_hat=rev_hat, Rev_M=rev)
    return (expost_ir_violation(ext.mechanism).ok and loss <= bound
            and rev_hat >= rev - 2 * n * H * (b * n + delta))


# ------------------------------------------------------------------ S19.12 (L475-477)


@paper.claim("S19.12", at=("proof of Lemma 7", 475, 477), role="step", of="S18",
             says="-E_{D-hat_-i}[u^M(tau(t_i) <- tau(w_i), .)] <= 4H delta - E_{D_-i}[u^M(tau(t_i) "
             "<- tau(w_i), .)] <= 4H delta + eps, for every M meeting Lemma 7's hypothesis.",
             readings=PAYMENTS, over={"d": Ints(1)}, limit={"d": 3},
             note="the instance of S19.6.1 with T_1^+ = T_1 (tau is the identity, so tau(t_i) = "
             "a and tau(w_i) = b directly); eps = 0; D_2, D-hat_2 every law on {s0, s1} with "
             "masses in (1/d)Z, delta = d_TV(D, D-hat) (D_1 = D-hat_1 uniform); the LP "
             "maximises -E_{D-hat_-i}[u_a(a <- b)] over all such mechanisms.")
def coupling_step(d: int, nonneg: bool) -> bool:
    evidence("exact LP over all mechanisms meeting the hypothesis, certificate re-checked")
    laws = list(grid_laws(["s0", "s1"], d))
    d1 = Distribution.uniform(L6_ENV.types[0])
    plus = (L6_ENV.types[0], L6_ENV.types[1])
    for d2, d2h in itertools.product(laws, repeat=2):
        delta = tv(d2, d2h)
        obj = add_terms(_interim(0, "a", "b", d2h), _interim(0, "a", "a", d2h, F(-1)))
        rows = _hypothesis_rows(d1, d2, nonneg, L6_ENV, plus, argmax=False)
        top = optimum(mechanism_lp(L6_ENV, obj, extra=rows)).value
        assert top is not None
        if top > 4 * H * delta:
            note_laws(D_2=d2, D_hat_2=d2h, delta=delta, largest_loss=top, four_H_delta=4 * H * delta)
            return False
    return True


# ------------------------------------------------------------------ S19.7 (L454-456), n = 3

L7_ENV = Environment((("⊥", "a"), ("⊥", "s"), ("⊥", "s")), ("none", "o1"), {(0, "a", "o1"): H}, H)
L7_TAU = ({"⊥": "⊥", "a": "a"}, {"⊥": "⊥", "s": "⊥"}, {"⊥": "⊥", "s": "⊥"})


def _interim_n(i: int, t: object, report: object, margs: list[Distribution],
               weight: F = F(1), tau: tuple | None = None) -> dict:
    """weight * E_{t_-i ~ x_{j != i} margs[j]}[t(M(report, tau(t_-i)))] in the LP's variables
    (tau: a map applied to the others' types before M is evaluated; None = identity)."""
    parts = []
    others = [margs[j].items() if j != i else [(report, F(1))] for j in range(len(margs))]
    for combo in itertools.product(*others):
        pr = F(1)
        for _, mass in combo:
            pr *= mass
        prof = tuple(o if (j == i or tau is None) else tau[j][o]
                     for j, (o, _) in enumerate(combo))
        parts.append(utility_terms(L7_ENV, i, t, prof, weight * pr))
    return add_terms(*parts)


BETA7 = (
    Reading("Rbeta1", "beta = max_i (1 - Pr_{D-hat_i}[T_i^+]), beta n as printed",
            kind="intended", expect="REFUTED", summed=False, nonneg=False),
    Reading("Rbeta2", "sum_i beta_i in place of beta n", kind="alternative", expect="REFUTED",
            summed=True, nonneg=False),
    Reading("nonneg", "Rbeta2 (the smaller bound) with payments restricted to [0, H]",
            kind="alternative", role="variant", expect="CHECKED", summed=True, nonneg=True,
            deviation="nonnegative payments, a hypothesis the paper does not state"),
)


@paper.claim("S19.7", at=("proof of Lemma 7", 454, 456), role="step", of="S18",
             says="For t_i in T_i^+: E_{D-hat_-i}[t_i(M(tau(t_i), .))] <= E_{D-hat_-i}[t_i(M-hat(t_i, "
             ".))] + beta n H (Lemma 2 between D-hat_-i and tau(D-hat_-i)).", readings=BETA7,
             over={"d": Ints(1)}, limit={"d": 3},
             note="n = 3, H = 1: agent 1 types ⊥, a (a values o1), T_1^+ = T_1; agents 2 and 3 "
             "signals ⊥, s with T_j^+ = {⊥}, so tau_j(s) = ⊥ and M-hat(a, t_-1) = M(a, tau(t_-1)) "
             "(RP1); D = D-hat with every pair of laws on {⊥, s} for agents 2, 3 (masses in "
             "(1/d)Z), agent 1 uniform; M ranges over every ex-post IR mechanism meeting Lemma "
             "7's hypothesis with eps = 0 (LP variables). The utility t_i(M(t_i, .)) ranges over "
             "[0, 2H] with subsidies, so Lemma 2 gives 2H d_TV, not H beta n.")
def tau_step(d: int, summed: bool, nonneg: bool) -> bool:
    evidence("exact LP over all mechanisms meeting the hypothesis, certificate re-checked")
    laws = list(grid_laws(["⊥", "s"], d))
    d1 = Distribution.uniform(L7_ENV.types[0])
    for d2, d3 in itertools.product(laws, repeat=2):
        margs = [d1, d2, d3]
        rows = []
        for i, ts in enumerate(L7_ENV.types):
            for t in (ts if i == 0 else ("⊥",)):
                for w in ts:
                    if w != t:
                        rows.append(Constraint(f"hyp{i}{t}{w}", add_terms(
                            _interim_n(i, t, t, margs), _interim_n(i, t, w, margs, F(-1))),
                            ">=", 0))
        if nonneg:
            rows += [Constraint(f"p>=0{b}{i}", {f"p[{b!r},{i}]": 1}, ">=", 0)
                     for b in L7_ENV.profiles() for i in range(3)]
        obj = add_terms(_interim_n(0, "a", "a", margs),
                        _interim_n(0, "a", "a", margs, F(-1), L7_TAU))
        top = optimum(mechanism_lp(L7_ENV, obj, extra=rows)).value
        assert top is not None
        bs = [d2.mass("s"), d3.mass("s")]
        bn = sum(bs, F(0)) if summed else 3 * max(bs)
        if top > bn * H:
            note_laws(D_2=d2, D_3=d3, largest_gap=top, beta_n_H=bn * H)
            return False
    return True
