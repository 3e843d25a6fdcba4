"""Theorem 1 (S06) and its proof steps on finite mechanism LPs.

Instance: one agent, one item, types {0, 1, 2} (type 0 plays ⊥ with value 0), H = 2, lotteries
and payments in [-H, H]; O = revenue (range [-H, H], V = 2H) or welfare (range [0, H], V = H).
For every pair (D, D-hat) of priors with masses in (1/d)Z and alpha in {1/2, 1}, the adversarial
alpha-approximate mechanism is itself an LP variable: LP2 = min over every DSIC, ex-post IR M
with E_D O(M) >= alpha LP1 of E_D-hat O(M), where LP1 = OPT(D), LP3 = OPT(D-hat) (all exact,
certified by verify.mech.lp). So every alpha-approximate mechanism is covered, not a sample.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, note_laws
from verify import Forall, Ints, Reals, evidence
from verify.mech.distributions import Distribution
from verify.mech.lp import Constraint
from verify.mech.tv import mechanism_lp, objective_of, optimum, single_item, tv

ENV = single_item([{0: 0, 1: 1, 2: 2}], H=2)
RANGE = {"Rev": F(4), "Val": F(2)}
ALPHAS = (F(1, 2), F(1))
NOTE = ("one agent, one item, types {0, 1, 2} (0 as ⊥), H = 2; every pair of priors with "
        "masses in (1/d)Z, alpha in {1/2, 1}, O in {Rev (V = 2H), Val (V = H)}; the "
        "alpha-approximate mechanism ranges over all DSIC, ex-post IR mechanisms (LP variables).")
EVIDENCE = "exact mechanism LPs (verify.mech.tv.mechanism_lp), certificates re-checked"


def _laws(d: int) -> list[Distribution]:
    return [Distribution({(t,): law.mass(t) for t in law.support})
            for law in grid_laws([0, 1, 2], d)]


def _approx_row(obj: dict[str, F], bound: F) -> Constraint:
    return Constraint("alpha-approx", obj, ">=", bound)


def _instances(d: int):  # noqa: ANN202 - a generator of exact instance data
    laws = _laws(d)
    for dd, dh in itertools.product(laws, repeat=2):
        for f, v in RANGE.items():
            od, oh = objective_of(ENV, f, dd), objective_of(ENV, f, dh)
            lp1 = optimum(mechanism_lp(ENV, od, dsic=True)).value
            lp3 = optimum(mechanism_lp(ENV, oh, dsic=True)).value
            assert lp1 is not None and lp3 is not None
            for a in ALPHAS:
                yield dd, dh, f, v, a, od, oh, lp1, lp3


@paper.claim("S06", at=("Theorem 1", 119, 123),
             says="For all D, D-hat with d_TV(D, D-hat) <= delta, O in [a, b], alpha in [0, 1] "
             "and every ex-post IR, DSIC M that is alpha-approximate under D (w.r.t. the optimal "
             "ex-post IR DSIC mechanism): E_D-hat O(M) >= alpha OPT(D-hat) - (1 + alpha) V delta.",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED", note=NOTE,
             analogue="a finite type space and two objectives; delta = d_TV(D, D-hat).")
def theorem1(d: int) -> bool:
    evidence(EVIDENCE)
    for dd, dh, f, v, a, od, oh, lp1, lp3 in _instances(d):
        lp2 = optimum(mechanism_lp(ENV, oh, sense="min", dsic=True,
                                   extra=[_approx_row(od, a * lp1)])).value
        assert lp2 is not None
        if lp2 < a * lp3 - (1 + a) * v * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, O=f, V=v, alpha=a, LP1=lp1, LP2=lp2, LP3=lp3, tv=tv(dd, dh))
            return False
    return True


@paper.claim("S06.1", at=("proof of Theorem 1", 127), role="step", of="S06",
             says="E_D O(M^alpha) - E_D-hat O(M^alpha) <= V delta for every alpha-approximate "
             "M^alpha (Lemma 2).", over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED",
             note=NOTE)
def step1(d: int) -> bool:
    evidence(EVIDENCE)
    for dd, dh, f, v, a, od, oh, lp1, _ in _instances(d):
        diff = {k: oh.get(k, F(0)) - od.get(k, F(0)) for k in set(od) | set(oh)}
        worst = optimum(mechanism_lp(ENV, diff, sense="min", dsic=True,
                                     extra=[_approx_row(od, a * lp1)])).value
        assert worst is not None
        if -worst > v * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, O=f, alpha=a, gap=-worst, V_delta=v * tv(dd, dh))
            return False
    return True


@paper.claim("S06.4", at=("proof of Theorem 1", 133), role="step", of="S06",
             says="E_D O(M*_D-hat) >= E_D-hat O(M*_D-hat) - V delta for every optimal ex-post IR "
             "DSIC mechanism M*_D-hat for D-hat (Lemma 2 with P = D-hat, Q = D).",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED", note=NOTE)
def step4(d: int) -> bool:
    evidence(EVIDENCE)
    for dd, dh, f, v, a, od, oh, _, lp3 in _instances(d):
        if a != 1:
            continue
        worst = optimum(mechanism_lp(ENV, od, sense="min", dsic=True,
                                     extra=[_approx_row(oh, lp3)])).value
        assert worst is not None
        if worst < lp3 - v * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, O=f, E_D=worst, OPT_D_hat=lp3, V_delta=v * tv(dd, dh))
            return False
    return True


@paper.claim("S06.2", at=("proof of Theorem 1, second line of the chain", 131), role="step",
             of="S06",
             says="E_D-hat O(M^alpha) >= alpha E_D O(M*_D) - V delta, for every alpha-approximate "
             "M^alpha (S06.1 and the definition of M^alpha, with E_D O(M*_D) = OPT(D)).",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED", note=NOTE)
def step2(d: int) -> bool:
    evidence(EVIDENCE)
    for dd, dh, f, v, a, od, oh, lp1, _ in _instances(d):
        lp2 = optimum(mechanism_lp(ENV, oh, sense="min", dsic=True,
                                   extra=[_approx_row(od, a * lp1)])).value
        assert lp2 is not None
        if lp2 < a * lp1 - v * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, O=f, alpha=a, LP1=lp1, LP2=lp2, V_delta=v * tv(dd, dh))
            return False
    return True


@paper.claim("S06.3", at=("proof of Theorem 1, third line of the chain", 131), role="step",
             of="S06",
             says="E_D-hat O(M^alpha) >= alpha E_D O(M*_D-hat) - V delta, 'because M*_D-hat is "
             "feasible for D': E_D O(M*_D-hat) <= E_D O(M*_D), for every alpha-approximate M^alpha "
             "and every optimal ex-post IR DSIC mechanism M*_D-hat for D-hat.",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED",
             note=NOTE + " M*_D-hat ranges over every optimal mechanism for D-hat (LP4 = max "
             "E_D O(M) over DSIC, IR M with E_D-hat O(M) >= OPT(D-hat)).")
def step3(d: int) -> bool:
    evidence(EVIDENCE)
    for dd, dh, f, v, a, od, oh, lp1, lp3 in _instances(d):
        lp2 = optimum(mechanism_lp(ENV, oh, sense="min", dsic=True,
                                   extra=[_approx_row(od, a * lp1)])).value
        lp4 = optimum(mechanism_lp(ENV, od, sense="max", dsic=True,
                                   extra=[_approx_row(oh, lp3)])).value
        assert lp2 is not None and lp4 is not None
        if lp4 > lp1 or lp2 < a * lp4 - v * tv(dd, dh):
            note_laws(D=dd, D_hat=dh, O=f, alpha=a, LP1=lp1, LP2=lp2, LP4=lp4,
                      V_delta=v * tv(dd, dh))
            return False
    return True


_e1, _e3, _opt_h = sp.symbols("E_Dhat_Malpha E_D_Mstar_Dhat E_Dhat_Mstar_Dhat", real=True)
_al, _vv, _dl = sp.symbols("alpha V delta", real=True)


@paper.claim("S06.5", at=("proof of Theorem 1, 'combining these inequalities'", 133, 135),
             role="step", of="S06",
             says="From E_D-hat O(M^alpha) >= alpha E_D O(M*_D-hat) - V delta (S06.3) and "
             "E_D O(M*_D-hat) >= E_D-hat O(M*_D-hat) - V delta (S06.4): E_D-hat O(M^alpha) >= "
             "alpha E_D-hat O(M*_D-hat) - (1 + alpha) V delta, for every alpha in [0, 1], V, "
             "delta >= 0 and all values of the expectations.", expect="PROVED",
             note="alpha in [0, 1] is not printed; the combination multiplies S06.4 by alpha and "
             "needs alpha >= 0.")
def step5() -> Forall:
    return Forall({_e1: Reals(), _e3: Reals(), _opt_h: Reals(), _al: Reals(0, 1),
                   _vv: Reals(0), _dl: Reals(0)},
                  given={"S06.3": sp.Ge(_e1, _al * _e3 - _vv * _dl),
                         "S06.4": sp.Ge(_e3, _opt_h - _vv * _dl)},
                  then={"combined": sp.Ge(_e1, _al * _opt_h - (1 + _al) * _vv * _dl)})
