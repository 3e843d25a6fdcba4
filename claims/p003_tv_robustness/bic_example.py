"""The BIC tightness example of L163-165 (S14): one item, two bidders with values uniform on
{1, 2}; bidder 1 bidding 2 wins and pays 1.5, (1, 1) bidder 1 wins and pays 1, (1, 2) bidder 2
wins and pays 2; losers pay 0 (unstated, the natural reading). H = 2. Bidder 2's law moves to
(1/2 + eps, 1/2 - eps). eps is a real variable in (0, 1/2] wherever it appears."""

from __future__ import annotations

from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import bic_example, bic_interim, bic_prior
from verify import Forall, Reals, evidence, note
from verify.mech.distributions import Distribution
from verify.mech.tv import bic_violation, dsic_violation, expost_ir_violation, tv
from verify.paper import Reading

AT = ("On Tightness, BIC example", 163, 165)
eps = sp.Symbol("epsilon", real=True)
EPS = {eps: Reals(0, sp.Rational(1, 2), lo_open=True)}
LOSERS = "losers pay 0 (not printed)"


def _constraints(e: sp.Expr, slack: sp.Expr) -> dict[str, sp.Basic]:
    """E u_i(t_i <- w) >= -slack for both bidders, all types and reports."""
    out: dict[str, sp.Basic] = {}
    for i in (0, 1):
        for t in (1, 2):
            for w in (1, 2):
                if w != t:
                    gain = bic_interim(e, i, t, t) - bic_interim(e, i, t, w)
                    out[f"bidder {i + 1} type {t} vs {w}"] = sp.Ge(gain, -slack, evaluate=False)
    return out


@paper.claim("S14.E1", at=AT, says="The mechanism is BIC under the uniform prior on {1, 2}^2 "
             "(both bidders, all types and misreports); it is also ex-post IR (not claimed).",
             expect="PROVED", deviation=LOSERS)
def e1() -> bool:
    evidence("exact interim utilities (verify.mech.tv.bic_violation, expost_ir_violation)")
    m = bic_example()
    res, ir = bic_violation(m, bic_prior(F(0))), expost_ir_violation(m)
    note(bic_worst=res.max_violation, ir_worst=ir.max_violation,
         dsic_worst=dsic_violation(m).max_violation)
    return res.ok and ir.ok


TV_READINGS = (
    Reading("RD1", "TV between bidder 2's two marginals", kind="intended", expect="PROVED",
            joint=False),
    Reading("RD2", "TV between the two joint product laws", kind="alternative", expect="PROVED",
            joint=True),
)


@paper.claim("S14.E2", at=AT, says="'The TV distance between the two distributions is exactly "
             "eps', for every eps in (0, 1/2].", readings=TV_READINGS)
def e2(joint: bool) -> Forall:
    half = sp.Rational(1, 2)
    if joint:  # bidder 1's factor (1/2, 1/2) is common: cells (x, y) have mass 1/2 * law(y)
        dist = sum((sp.Abs(half * half - half * b) for b in (half + eps, half - eps)
                    for _ in (1, 2)), sp.Integer(0)) / 2
    else:
        dist = (sp.Abs(half - (half + eps)) + sp.Abs(half - (half - eps))) / 2
    return Forall(EPS, then={"TV = eps": sp.Eq(dist, eps, evaluate=False)})


@paper.claim("S14.E3", at=AT, says="A type-2 bidder 1 'will always get 0.5 utility' by "
             "reporting truthfully (at every report of bidder 2).", expect="PROVED",
             deviation=LOSERS)
def e3() -> bool:
    m = bic_example()
    us = [m.utility(0, 2, (2, b)) for b in (1, 2)]
    note(utilities=us)
    return all(u == F(1, 2) for u in us)


@paper.claim("S14.E4", at=AT, says="Reporting 1 gives a type-2 bidder 1 expected utility "
             "0.5 + eps under the perturbed prior.", expect="PROVED", deviation=LOSERS)
def e4() -> Forall:
    return Forall(EPS, then={"E u = 1/2 + eps": sp.Eq(bic_interim(eps, 0, 2, 1),
                                                      sp.Rational(1, 2) + eps, evaluate=False)})


@paper.claim("S14.E5", at=AT, says="The mechanism is no longer BIC for eps > 0: a type-2 "
             "bidder 1 gains eps by reporting 1.", expect="PROVED", deviation=LOSERS)
def e5() -> Forall:
    gain = bic_interim(eps, 0, 2, 2) - bic_interim(eps, 0, 2, 1)
    return Forall(EPS, then={"E u(2 <- 1) = -eps < 0": sp.Eq(gain, -eps, evaluate=False)})


@paper.claim("S14.E6", at=AT, says="The mechanism is eps-BIC under the perturbed prior (both "
             "bidders, all types and misreports).", expect="PROVED", deviation=LOSERS)
def e6() -> Forall:
    return Forall(EPS, then=_constraints(eps, eps))


TIGHTNESS = (
    Reading("RTB1", "a violation of order delta is unavoidable: this BIC, ex-post IR mechanism "
            "and a prior at TV distance delta = eps have worst interim violation exactly delta",
            kind="intended", expect="PROVED", attained=False),
    Reading("RTB2", "Theorem 2's guarantee is attained: for some q in (0, 1] the violation "
            "8H delta/q occurs on a set of mass q", kind="alternative", expect="REFUTED",
            attained=True),
)


@paper.claim("S14.E7", at=AT, says="'Tightness for the BIC guarantee follows from the "
             "following example' (Theorem 2 (i)).", readings=TIGHTNESS, deviation=LOSERS,
             note="delta = eps (S14.E2, RD1 and RD2 agree); H = 2; the worst violation is "
             "eps (S14.E5, S14.E6). Under RTB2 the claim is that eps = 16 eps/q for some "
             "q in (0, 1]; as 16 eps/q >= 16 eps, it is encoded as eps >= 16 eps.")
def e7(attained: bool) -> Forall:
    worst = -(bic_interim(eps, 0, 2, 2) - bic_interim(eps, 0, 2, 1))
    if not attained:
        return Forall(EPS, then={"worst violation = delta": sp.Eq(worst, eps, evaluate=False)})
    # 8H delta/q over q in (0, 1] is smallest at q = 1: attained for some q iff worst >= 8H delta
    return Forall(EPS, then={"worst violation >= min_q 8 H delta / q": sp.Ge(worst, 8 * 2 * eps)})


@paper.claim("S14.exact", at=AT, says="At eps = 1/10 and eps = 1/4: the TV distance is eps and "
             "the worst interim violation over both bidders, all types and reports is eps "
             "(the mechanism is eps-BIC and not BIC).", expect="PROVED", deviation=LOSERS)
def e_exact() -> bool:
    evidence("exact kernel checks (verify.mech.tv)")
    m = bic_example()
    for e in (F(1, 10), F(1, 4)):
        res = bic_violation(m, bic_prior(e))
        dist = tv(Distribution({1: F(1, 2), 2: F(1, 2)}),
                  Distribution({1: F(1, 2) + e, 2: F(1, 2) - e}))
        if res.max_violation != e or dist != e:
            note(eps=e, worst=res.max_violation, witness=res.witness, tv=dist)
            return False
    return True
