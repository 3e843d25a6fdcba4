"""Proposition 4's two KL chains (S39.1, L611-617; S39.2, L622-628), one claim per printed line.

Each step S39.k.lN says "line N-1 (=, <=) line N" of the printed display (line 1 is the
definition of D_KL and has no claim of its own); S39.1 and S39.2 are each chain end to end,
S39.2's with the D^p(t) weights of its first line (the printed D(t) weights are the literal
reading of lines 2-5, finding prop4-kl-weight). The identities
(lines 2-4) run over the representations of prop4 (two binary items, node weights in (1/d)Z,
edge weights 2^j, |j| <= J): every line is a rational combination of logarithms of rationals,
kept exactly as a vector of prime exponents (sum_p c_p ln p; the logarithms of the primes are
linearly independent over Q, so two lines are equal iff their vectors are, and a sign is that of
the rational prod_p p^(N c_p) - 1). The inequality and the last equality (lines 5-6) hold for
every law and every real potential: z3 over the real parameters, with log(Z2/Z1) a free real.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterator
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import note_laws
from claims.p003_tv_robustness.prop4 import CELLS, _product
from verify import Forall, Ints, Reals, evidence
from verify.mech.distributions import Distribution
from verify.paper import Reading

LogForm = dict[int, F]  # sum_p c_p ln p


@functools.cache
def _ln_int(n: int) -> tuple[tuple[int, int], ...]:
    return tuple(sp.factorint(n).items())


def ln(q: F) -> LogForm:
    """ln q for a rational q > 0, exactly."""
    if q <= 0:
        raise ValueError(f"ln of {q}")
    out: LogForm = {}
    for p, e in _ln_int(q.numerator):
        out[p] = out.get(p, F(0)) + e
    for p, e in _ln_int(q.denominator):
        out[p] = out.get(p, F(0)) - e
    return out


def lin(*terms: tuple[F, LogForm]) -> LogForm:
    """sum_k a_k f_k of log-forms."""
    out: LogForm = {}
    for a, f in terms:
        for p, c in f.items():
            out[p] = out.get(p, F(0)) + a * c
    return {p: c for p, c in out.items() if c != 0}


def sign(f: LogForm) -> int:
    """The sign of sum_p c_p ln p: that of prod_p p^(N c_p) - 1 (N clears the denominators)."""
    f = {p: c for p, c in f.items() if c != 0}
    if not f:
        return 0
    n = math.lcm(*(c.denominator for c in f.values()))
    num = math.prod(p ** int(c * n) for p, c in f.items() if c > 0)
    den = math.prod(p ** int(-c * n) for p, c in f.items() if c < 0)
    return (num > den) - (num < den)


class Rep:
    """A representation: integer node weights e^psi_1 = (a, d - a), e^psi_2 = (b, d - b) (so Z2
    = d^2), edge weights e^psi_e(t) = 2^j_t; D = node * edge / Z1, D^p = node / Z2."""

    def __init__(self, d: int, a: int, b: int, js: tuple[int, ...]) -> None:
        self.node = {c: (a if c[0] == 0 else d - a) * (b if c[1] == 0 else d - b) for c in CELLS}
        self.w = {c: F(2) ** j for c, j in zip(CELLS, js, strict=True)}
        self.j = dict(zip(CELLS, js, strict=True))
        self.z2 = F(d * d)
        self.z1 = sum((self.node[c] * self.w[c] for c in CELLS), F(0))
        self.D = Distribution({c: self.node[c] * self.w[c] / self.z1 for c in CELLS})
        self.Dp = _product(F(a, d), F(b, d))
        self.delta = max(abs(j) for j in js)  # Delta / ln 2: d_1 = d_2 = max_t |psi_e(t)|
        self.js = js


def reps(d: int, big_j: int) -> Iterator[Rep]:
    """The slice of prop4.representations(d, J) with the integer node weights kept: node
    masses in (1/d)Z strictly inside (0, 1) with least common denominator d, edge exponents
    j in {-J..J}^4 with max |j| = J."""
    for a, b in itertools.product(range(1, d), repeat=2):
        if math.lcm(F(a, d).denominator, F(b, d).denominator) != d:
            continue
        for js in itertools.product(range(-big_j, big_j + 1), repeat=4):
            if max(abs(j) for j in js) == big_j:
                yield Rep(d, a, b, js)


LN2 = {2: F(1)}


Line = Callable[[], LogForm]


def chain1(r: Rep) -> list[Line]:
    """The six printed lines of L611-617, D_KL(D || D^p) (m = 2: (m/2) Delta = Delta), each
    evaluated on demand."""
    d, dp = r.D, r.Dp
    lz = ln(r.z2 / r.z1)
    return [
        lambda: lin(*((d.mass(c), ln(d.mass(c) / dp.mass(c))) for c in CELLS)),
        lambda: lin(*((d.mass(c), ln(r.z2 * r.node[c] * r.w[c] / (r.z1 * r.node[c])))
                      for c in CELLS)),
        lambda: lin(*((d.mass(c), ln(r.z2 / r.z1 * r.w[c])) for c in CELLS)),
        lambda: lin(*((d.mass(c), lin((F(1), lz), (F(r.j[c]), LN2))) for c in CELLS)),
        lambda: lin(*((d.mass(c), lin((F(1), lz), (F(r.delta), LN2))) for c in CELLS)),
        lambda: lin((F(r.delta), LN2), (F(1), lz)),
    ]


def chain2(r: Rep, weight: str) -> list[Line]:
    """The six lines of L622-628, D_KL(D^p || D), lines 2-5 weighted by D(t) as printed
    (weight "D") or by D^p(t) as the first line (weight "Dp"), each evaluated on demand."""
    d, dp = r.D, r.Dp
    wt = d if weight == "D" else dp
    lz = ln(r.z2 / r.z1)
    return [
        lambda: lin(*((dp.mass(c), ln(dp.mass(c) / d.mass(c))) for c in CELLS)),
        lambda: lin(*((wt.mass(c), ln(r.z1 * r.node[c] / (r.z2 * r.node[c] * r.w[c])))
                      for c in CELLS)),
        lambda: lin(*((wt.mass(c), ln(r.z1 / r.z2 / r.w[c])) for c in CELLS)),
        lambda: lin(*((wt.mass(c), lin((F(-1), lz), (F(-r.j[c]), LN2))) for c in CELLS)),
        lambda: lin(*((wt.mass(c), lin((F(-1), lz), (F(r.delta), LN2))) for c in CELLS)),
        lambda: lin((F(r.delta), LN2), (F(-1), lz)),
    ]


def lines(r: Rep, kind: str) -> list[Line]:
    """kind "1": the first display; "D" / "Dp": the second, lines 2-5 weighted by D / D^p."""
    return chain1(r) if kind == "1" else chain2(r, kind)


def _run(d: int, big_j: int, kind: str, k: int, rel: str, first: int | None = None) -> bool:
    """Line ``first`` (default k - 1) (rel) line k at every representation of the slice (lines
    numbered from 1)."""
    i = k - 1 if first is None else first
    for r in reps(d, big_j):
        ls = lines(r, kind)
        before, after = ls[i - 1](), ls[k - 1]()
        s = sign(lin((F(1), before), (F(-1), after)))
        if (rel == "=" and s != 0) or (rel == "<=" and s > 0):
            note_laws(D=r.D, D_p=r.Dp, edge_exponents=list(r.js), Z1=r.z1, Z2=r.z2,
                      line_before={str(p): c for p, c in before.items()},
                      line_after={str(p): c for p, c in after.items()})
            return False
    return True


REPS = ("m = 2 binary items; every representation with integer node weights (a, d - a), "
        "(b, d - b) (node masses in (1/d)Z, Z2 = d^2) and edge weights 2^j, |j| <= J (slices: d "
        "and the largest |j|); natural log; lines as exact combinations of logs of primes.")
DEV = "m = 2 binary items, edge weights powers of 2"
OVER = {"d": Ints(2), "J": Ints(0)}
LIMIT = {"d": 4, "J": 1}

LINES1 = {
    2: ("=", "sum_t D(t) log D(t)/D^p(t) = sum_t D(t) log [Z2 prod_v e^psi_v prod_e e^psi_e / "
             "(Z1 prod_v e^psi_v)]"),
    3: ("=", "... = sum_t D(t) log [(Z2/Z1) prod_e e^psi_e(t_e)]"),
    4: ("=", "... = sum_t D(t) (log(Z2/Z1) + sum_e psi_e(t_e))"),
}


def _chain1_step(k: int, rel: str, text: str) -> None:
    @paper.claim(f"S39.1.l{k}", at=(f"proof of Proposition 4, line {k} of the first display",
                                    611 + k), role="step", of="S38",
                 says=f"D_KL(D || D^p): {text}.", expect="CHECKED", note=REPS, over=OVER,
                 limit=LIMIT, deviation=DEV)
    def step(d: int, J: int) -> bool:  # noqa: N803 - the paper's bound name
        evidence("exact: each line a rational combination of logs of primes")
        return _run(d, J, "1", k, rel)


for _k, (_rel, _text) in LINES1.items():
    _chain1_step(_k, _rel, _text)


@paper.claim("S39.1", at=("proof of Proposition 4", 611, 617), role="step", of="S38",
             says="D_KL(D || D^p) <= (m/2) Delta + log(Z2/Z1), with D^p the node-potential "
             "product (L605).", expect="CHECKED", note=REPS, over=OVER, limit=LIMIT,
             deviation=DEV)
def kl_forward(d: int, J: int) -> bool:  # noqa: N803
    evidence("exact: both sides rational combinations of logs of primes")
    return _run(d, J, "1", 6, "<=", first=1)


WEIGHTS = (
    Reading("Dp", "lines 2-5 weighted by D^p(t), as the first line and the definition of "
            "D_KL(D^p || D) require", kind="intended", expect="CHECKED", weight="Dp"),
    Reading("D", "lines 2-5 weighted by D(t), as printed", kind="literal", expect="CHECKED",
            weight="D"),
)

LINES2 = {
    2: ("=", "sum_t D^p(t) log D^p(t)/D(t) = sum_t [weight](t) log [Z1 prod_v e^psi_v / (Z2 "
             "prod_v e^psi_v prod_e e^psi_e)]"),
    3: ("=", "... = sum_t [weight](t) log [(Z1/Z2) prod_e e^(-psi_e(t_e))]"),
    4: ("=", "... = sum_t [weight](t) (log(Z1/Z2) - sum_e psi_e(t_e))"),
}


def _chain2_step(k: int, rel: str, text: str) -> None:
    readings = WEIGHTS if k != 2 else (
        WEIGHTS[0], Reading("D", WEIGHTS[1].text, kind="literal", expect="REFUTED", weight="D"))

    @paper.claim(f"S39.2.l{k}", at=(f"proof of Proposition 4, line {k} of the second display",
                                    622 + k), role="step", of="S38",
                 says=f"D_KL(D^p || D): {text}.", readings=readings, note=REPS, over=OVER,
                 limit=LIMIT, deviation=DEV)
    def step(d: int, J: int, weight: str) -> bool:  # noqa: N803
        evidence("exact: each line a rational combination of logs of primes")
        return _run(d, J, weight, k, rel)


for _k, (_rel, _text) in LINES2.items():
    _chain2_step(_k, _rel, _text)


@paper.claim("S39.2", at=("proof of Proposition 4", 622, 628), role="step", of="S38",
             says="D_KL(D^p || D) <= (m/2) Delta - log(Z2/Z1), with D^p the node-potential "
             "product (L605).", expect="CHECKED", note=REPS, over=OVER, limit=LIMIT,
             deviation=DEV)
def kl_backward(d: int, J: int) -> bool:  # noqa: N803
    evidence("exact: both sides rational combinations of logs of primes")
    return _run(d, J, "Dp", 6, "<=", first=1)


# ------------------------------------------------------------------ lines 5-6 over all reals
#
# Lines 5 and 6 use only sum_t W(t) = 1, W >= 0 and |psi_e(t)| <= Delta (m = 2: one edge, d_1 =
# d_2 = max_t |psi_e(t)| <= Delta, (m/2) Delta = Delta), for any weights W (D or D^p) and any
# value L of log(Z2/Z1): z3 over every real.

_W = sp.symbols("W00 W01 W10 W11", real=True)
_PSI = sp.symbols("psi00 psi01 psi10 psi11", real=True)
_L, _DL = sp.symbols("L Delta", real=True)


def _tail(sgn: int, k: int) -> Forall:
    dom = {**{w: Reals(0, 1) for w in _W}, **{p: Reals() for p in _PSI}, _L: Reals(),
           _DL: Reals(0)}
    given = {"law": sp.Eq(sp.Add(*_W), 1),
             **{f"|psi_e({c})| <= Delta": sp.Le(sp.Abs(p), _DL)
                for c, p in zip(("00", "01", "10", "11"), _PSI, strict=True)}}
    l4 = sp.Add(*[w * (sgn * _L + sgn * p) for w, p in zip(_W, _PSI, strict=True)])
    l5 = sp.Add(*[w * (sgn * _L + _DL) for w in _W])
    l6 = _DL + sgn * _L
    then = ({"line 4 <= line 5": sp.Le(l4, l5)} if k == 5
            else {"line 5 = line 6": sp.Eq(l5, l6, evaluate=False)})
    return Forall(dom, given=given, then=then)


@paper.claim("S39.1.l5", at=("proof of Proposition 4, line 5 of the first display", 616),
             role="step", of="S38",
             says="sum_t D(t) (log(Z2/Z1) + sum_e psi_e(t_e)) <= sum_t D(t) (log(Z2/Z1) + "
             "(m/2) Delta).", expect="PROVED",
             note="m = 2 (one edge, (m/2) Delta = Delta, |psi_e| <= Delta); every law D and "
             "every value L of log(Z2/Z1) as reals.", deviation="m = 2 binary items")
def fwd_l5() -> Forall:
    return _tail(1, 5)


@paper.claim("S39.1.l6", at=("proof of Proposition 4, line 6 of the first display", 617),
             role="step", of="S38",
             says="sum_t D(t) (log(Z2/Z1) + (m/2) Delta) = (m/2) Delta + log(Z2/Z1).",
             expect="PROVED", note="m = 2; every law D and every real L = log(Z2/Z1).",
             deviation="m = 2 binary items")
def fwd_l6() -> Forall:
    return _tail(1, 6)


@paper.claim("S39.2.l5", at=("proof of Proposition 4, line 5 of the second display", 627),
             role="step", of="S38",
             says="sum_t W(t) (log(Z1/Z2) - sum_e psi_e(t_e)) <= sum_t W(t) (log(Z1/Z2) + "
             "(m/2) Delta), for the printed weights W = D and the intended W = D^p alike.",
             expect="PROVED",
             note="m = 2; any weights W >= 0 summing to 1 (so both readings of the chain) and "
             "every real L = log(Z2/Z1).", deviation="m = 2 binary items")
def bwd_l5() -> Forall:
    return _tail(-1, 5)


@paper.claim("S39.2.l6", at=("proof of Proposition 4, line 6 of the second display", 628),
             role="step", of="S38",
             says="sum_t W(t) (log(Z1/Z2) + (m/2) Delta) = (m/2) Delta - log(Z2/Z1), for W = D "
             "or D^p.", expect="PROVED",
             note="m = 2; any weights W >= 0 summing to 1 and every real L = log(Z2/Z1).",
             deviation="m = 2 binary items")
def bwd_l6() -> Forall:
    return _tail(-1, 6)
