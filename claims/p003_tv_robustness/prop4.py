"""Proposition 4 (S38) and its proof (S39) on pairwise binary MRFs with rational weights.

Instances: m = 2 items with values {0, 1}, one edge with e^psi_e = w on equal values and 1/w
on different ones (so Delta = ln w for this representation, which is also the least Delta of D:
the log-odds are 4 ln w), node weight e^psi_1(0) = h. D is rational, Delta = ln w is a log of
a rational, and every comparison below is a closed relation decided by verify.exact. The
existential 'some product D^p' is witnessed by the best product on the grid (1/30)Z^2, whose TV
is exact (an upper bound on the minimum over products).
"""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from verify import Forall, Reals, Samples, evidence
from verify.mech.distributions import Distribution
from verify.mech.tv import tv
from verify.paper import Reading

WS = (F(6, 5), F(3, 2), F(2), F(5, 2), F(3), F(4), F(8))
HS = (F(1), F(2))
CELLS = [(x, y) for x in (0, 1) for y in (0, 1)]
M = 2
INSTANCES = "w in {6/5, 3/2, 2, 5/2, 3, 4, 8}, h in {1, 2}"
# fourteen hand-picked laws: samples of "every pairwise MRF", so these claims are at most SAMPLED
LAWS = {"law": Samples.of(itertools.product(WS, HS), "binary two-item MRF laws (w, h)")}


def _law(w: F, h: F) -> Distribution:
    raw = {(x, y): (w if x == y else 1 / w) * (h if x == 0 else F(1)) for x, y in CELLS}
    z = sum(raw.values(), F(0))
    return Distribution({c: v / z for c, v in raw.items()})


def _node_product(h: F) -> Distribution:
    """D^p(t) proportional to the node potentials (the proof's product, L605)."""
    p0 = h / (h + 1)
    return Distribution({(x, y): (p0 if x == 0 else 1 - p0) * F(1, 2) for x, y in CELLS})


@functools.cache
def _best_grid_product(d: Distribution, den: int = 30) -> tuple[F, Distribution]:
    best: tuple[F, Distribution] | None = None
    for i, j in itertools.product(range(den + 1), repeat=2):
        x, y = F(i, den), F(j, den)
        p = Distribution({(a, b): (x if a == 0 else 1 - x) * (y if b == 0 else 1 - y)
                          for a, b in CELLS})
        t = tv(d, p)
        if best is None or t < best[0]:
            best = (t, p)
    assert best is not None
    return best


def _r(v: F) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _kl(p: Distribution, q: Distribution) -> sp.Expr:
    return sp.Add(*[_r(m) * sp.log(_r(m) / _r(q.mass(c))) for c, m in p.items()])


TERMS = (
    Reading("min", "the stated bound min{sqrt(m Delta)/4, sqrt(1 - e^(-m Delta/2))}",
            kind="intended", expect="SAMPLED", term="min"),
    Reading("pinsker", "the first term alone, sqrt(m Delta)/4 (S38.a)", kind="alternative",
            expect="SAMPLED", term="a"),
    Reading("bh", "the second term alone, sqrt(1 - e^(-m Delta/2)) (S38.b)",
            kind="alternative", expect="SAMPLED", term="b"),
)


@paper.claim("S38", at=("Proposition 4", 227),
             says="For every D produced by an MRF with only pairwise edges on m items, some "
             "product D^p has d_TV(D, D^p) <= min{sqrt(m Delta)/4, sqrt(1 - e^(-m Delta/2))}.",
             readings=TERMS, over=LAWS, note=f"m = 2, {INSTANCES}; natural log (RL1).",
             deviation="m = 2 binary items only, at fourteen hand-picked laws (samples of every "
             "pairwise MRF)")
def prop4(law: tuple[F, F], term: str) -> dict[str, sp.Basic]:
    evidence("exact TV of a grid product; bounds enclosed exactly (verify.exact)")
    w, _h = law
    dist, _ = _best_grid_product(_law(*law))
    delta = sp.log(_r(w))
    a = sp.sqrt(M * delta) / 4
    b = sp.sqrt(1 - sp.exp(-M * delta / 2))
    bound = {"a": a, "b": b, "min": sp.Min(a, b, evaluate=False)}[term]
    return {"TV <= bound": sp.Le(_r(dist), bound, evaluate=False)}


@paper.claim("S39.4", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="With D^p the node-potential product (L605): min{D_KL(D^p || D), D_KL(D || D^p)} "
             "<= m Delta/2 (from S39.1, S39.2 and S39.3).", expect="SAMPLED",
             note=f"m = 2, {INSTANCES}; natural log.",
             over=LAWS, deviation="m = 2 binary items, at fourteen hand-picked laws")
def kl_bound(law: tuple[F, F]) -> dict[str, sp.Basic]:
    w, h = law
    d, p = _law(w, h), _node_product(h)
    return {"min KL <= m Delta/2": sp.Le(sp.Min(_kl(d, p), _kl(p, d), evaluate=False),
                                         M * sp.log(_r(w)) / 2, evaluate=False)}


@paper.claim("S39.5", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="Pinsker: d_TV(D, D^p) <= sqrt(min KL/2) <= sqrt(m Delta/4), for the node "
             "product D^p.", expect="SAMPLED", note=f"m = 2, {INSTANCES}; natural log.",
             over=LAWS, deviation="m = 2 binary items, at fourteen hand-picked laws")
def pinsker(law: tuple[F, F]) -> dict[str, sp.Basic]:
    w, h = law
    d, p = _law(w, h), _node_product(h)
    return {"TV <= sqrt(m Delta/4)": sp.Le(_r(tv(d, p)), sp.sqrt(M * sp.log(_r(w)) / 4),
                                           evaluate=False)}


@paper.claim("S39.6", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="Bretagnolle-Huber: d_TV(D, D^p) <= sqrt(1 - exp(-m Delta/2)), for the node "
             "product D^p.", expect="SAMPLED", note=f"m = 2, {INSTANCES}; natural log.",
             over=LAWS, deviation="m = 2 binary items, at fourteen hand-picked laws")
def bretagnolle_huber(law: tuple[F, F]) -> dict[str, sp.Basic]:
    w, h = law
    d, p = _law(w, h), _node_product(h)
    return {"TV <= sqrt(1 - exp(-m Delta/2))": sp.Le(
        _r(tv(d, p)), sp.sqrt(1 - sp.exp(-M * sp.log(_r(w)) / 2)), evaluate=False)}


mD = sp.Symbol("mDelta", real=True)


@paper.claim("S39.7", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="'Combining these inequalities we have the desired bound': the Pinsker bound "
             "sqrt(m Delta/4) of S39.5 is at most the stated first term sqrt(m Delta)/4, for "
             "every m Delta > 0.", expect="REFUTED",
             note="sqrt(m Delta/4) = sqrt(m Delta)/2, twice the stated term.")
def combine() -> Forall:
    return Forall({mD: Reals(0, lo_open=True)},
                  then={"sqrt(mD/4) <= sqrt(mD)/4": sp.Le(sp.sqrt(mD / 4), sp.sqrt(mD) / 4)})


@paper.claim("S39.3", at=("proof of Proposition 4", 631), role="step", of="S38",
             says="For pairwise edges: sum_e psi_e(t_e) = (1/2) sum_i sum_{e containing i} "
             "psi_e(t_e), so |sum_e psi_e| <= m Delta/2 when every |sum_{e containing i}| <= "
             "Delta (m = 3, a triangle).", expect="PROVED")
def pairwise_sum() -> Forall:
    a, b, c, dl = sp.symbols("psi01 psi12 psi02 Delta", real=True)
    per = [a + c, a + b, b + c]
    given = {f"|node {i}| <= Delta": sp.Le(sp.Abs(v), dl) for i, v in enumerate(per)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), dl: Reals(0)}, given=given,
                  then={"sum = half": sp.Eq(a + b + c, sp.Add(*per) / 2, evaluate=False),
                        "|sum| <= 3 Delta/2": sp.Le(sp.Abs(a + b + c), 3 * dl / 2)})
