"""Appendix D, MRFs: Proposition 3 and its two proofs (S36, S37).

For the Proposition 3 law (m = 2, values {A, B}, one edge) the node potentials cancel in the
log-odds L = ln(D(AA)D(BB)/(D(AB)D(BA))) = psi_e(AA) + psi_e(BB) - psi_e(AB) - psi_e(BA), so
every representation has Delta >= |L|/4, with equality for psi_e = +-L/4 (RΔ2, Δ_min = |L|/4;
RΔ1 and RΔ3 then hold for every representation). With r = e^L rational, Δ >= ¼ ln(1/k) is
the polynomial inequality r <= k (natural log, RL1).
"""

from __future__ import annotations

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import prop3_masses, simplex
from verify import Forall, Ints, Reals
from verify.paper import Reading

k = sp.Symbol("k", real=True)
K = {k: Reals(0, sp.Rational(1, 2), lo_open=True, hi_open=True)}
D = prop3_masses(k)
AT = ("proof of Proposition 3", 577)


@paper.claim("S36.1", at=AT, role="step", of="S36",
             says="For 0 < k < 1/2, D(AA) = 1 - 2k + k^3, D(AB) = D(BA) = k - k^3, D(BB) = k^3 is "
             "a probability distribution.", expect="PROVED")
def valid() -> Forall:
    then = {f"D{a}{b} >= 0": sp.Ge(v, 0) for (a, b), v in D.items()}
    then["sum = 1"] = sp.Eq(sp.Add(*D.values()), 1, evaluate=False)
    return Forall(K, then=then)


@paper.claim("S36.3", at=AT, role="step", of="S36",
             says="Pr[t_1 = B] = Pr[t_2 = B] = k.", expect="PROVED")
def marginals() -> Forall:
    return Forall(K, then={"Pr[t1 = B] = k": sp.Eq(D[("B", "A")] + D[("B", "B")], k,
                                                   evaluate=False),
                           "Pr[t2 = B] = k": sp.Eq(D[("A", "B")] + D[("B", "B")], k,
                                                   evaluate=False)})


@paper.claim("S36.2", at=AT, role="step", of="S36",
             says="d_TV(D, product of its marginals) = 2(k^2 - k^3) <= 2k^2.", expect="PROVED")
def distance() -> Forall:
    marg = {"A": 1 - k, "B": k}
    dist = sp.Add(*[sp.Abs(v - marg[a] * marg[b]) for (a, b), v in D.items()]) / 2
    return Forall(K, then={"TV = 2(k^2 - k^3)": sp.Eq(dist, 2 * (k**2 - k**3), evaluate=False),
                           "2(k^2 - k^3) <= 2k^2": sp.Le(2 * (k**2 - k**3), 2 * k**2)})


@paper.claim("S36.4", at=AT, role="step", of="S36",
             says="Pr[t_1 = B and t_2 = B]/(Pr[t_1 = B] Pr[t_2 = B]) = k^3/(k k) = k.",
             expect="PROVED")
def ratio() -> Forall:
    return Forall(K, then={"ratio = k": sp.Eq(D[("B", "B")] / (k * k), k, evaluate=False)})


LOG = (
    Reading("RL1", "log is the natural log (Delta is measured in the e^psi of Def 5)",
            kind="intended", expect="PROVED", base2=False),
    Reading("RL2", "log is base 2", kind="alternative", expect="REFUTED", base2=True),
)
ODDS = D[("A", "A")] * D[("B", "B")] / (D[("A", "B")] * D[("B", "A")])


@paper.claim("S36", at=("Proposition 3", 225),
             says="For every 0 < k < 1/2 there are an MRF law D with parameter Delta and a "
             "product D^p with d_TV(D, D^p) <= 2k^2 and Delta >= (1/4) log(1/k): the L577 law, "
             "D^p = the product of its marginals (S36.2), Delta = Delta_min(D) = |ln r|/4 with "
             "r = D(AA)D(BB)/(D(AB)D(BA)).", readings=LOG,
             note="RΔ2 (the least Delta over all representations of D), which implies the bound "
             "for every representation. Under RL1 the bound is r <= k (a polynomial "
             "inequality); under RL2 it is ln(1/r)/4 >= log2(1/k)/4.")
def prop3(base2: bool) -> Forall:
    if not base2:
        return Forall(K, then={"r <= k (Delta >= ln(1/k)/4)": sp.Le(sp.cancel(ODDS), k),
                               "r > 0": sp.Gt(sp.cancel(ODDS), 0)})
    delta_min = sp.log(1 / sp.cancel(ODDS)) / 4
    return Forall(K, then={"Delta >= log2(1/k)/4": sp.Ge(delta_min, sp.log(1 / k, 2) / 4,
                                                         evaluate=False)})


# ------------------------------------------------------------------ S37 the second proof

de, ep = sp.symbols("delta epsilon", real=True)
Z, Zp, c = sp.symbols("Z Zp c", real=True)
DE = {de: Reals(0, sp.Rational(1, 2), lo_open=True), ep: Reals(0, sp.Rational(1, 2), lo_open=True)}
SECOND = ("Proposition 3, second proof", 593, 601)


@paper.claim("S37.4", at=("Proposition 3, second proof, (5)-(6)", 589, 595), role="step",
             of="S37", says="From (5) Z delta c = eps Z' and (6) Z' = Z(1 - delta) + Z delta c "
             "(Z > 0, 0 < eps < delta <= 1/2): Z' = Z(1-delta)/(1-eps) and c = (1-delta) eps/"
             "((1-eps) delta).", expect="PROVED")
def solve56() -> Forall:
    return Forall({**DE, Z: Reals(0, lo_open=True), Zp: Reals(), c: Reals()},
                  given={"eps < delta": sp.Lt(ep, de), "(5)": sp.Eq(Z * de * c, ep * Zp),
                         "(6)": sp.Eq(Zp, Z * (1 - de) + Z * de * c)},
                  then={"Z'": sp.Eq(Zp * (1 - ep), Z * (1 - de)),
                        "c": sp.Eq(c * (1 - ep) * de, (1 - de) * ep)})


@paper.claim("S37.2", at=("Proposition 3, second proof, (5)", 589), role="step", of="S37",
             says="With c and Z' of S37.4, D(t*) = (Z/Z') delta c = eps.", expect="PROVED")
def eq5() -> Forall:
    cc = (1 - de) * ep / ((1 - ep) * de)
    zz = Z * (1 - de) / (1 - ep)
    return Forall({**DE, Z: Reals(0, lo_open=True)}, given={"eps < delta": sp.Lt(ep, de)},
                  then={"D(t*) = eps": sp.Eq(Z / zz * de * cc, ep, evaluate=False)})


@paper.claim("S37.8", at=SECOND, role="step", of="S37",
             says="Last lines of the TV chain: |1 - (1-eps)/(1-delta)| (1-delta) + delta - eps = "
             "2(delta - eps), and line 4 = line 5: |1 - Z/Z'| (1 - delta) with Z' = Z(1-delta)/"
             "(1-eps) is |1 - (1-eps)/(1-delta)| (1-delta).", expect="PROVED")
def chain() -> Forall:
    line5 = sp.Abs(1 - (1 - ep) / (1 - de)) * (1 - de) + de - ep
    zz = Z * (1 - de) / (1 - ep)
    return Forall({**DE, Z: Reals(0, lo_open=True)}, given={"eps < delta": sp.Lt(ep, de)},
                  then={"line5 = line6": sp.Eq(line5, 2 * (de - ep), evaluate=False),
                        "line4 = line5": sp.Eq(sp.Abs(1 - Z / zz) * (1 - de),
                                               sp.Abs(1 - (1 - ep) / (1 - de)) * (1 - de),
                                               evaluate=False)})


LIMIT = (
    Reading("RΔlim1", "Delta(eps) = |ln c(eps)| -> +inf as eps -> 0, encoded by the polynomial "
            "bound 0 < c(eps) <= 2 eps/delta (so |ln c| >= ln(delta/(2 eps)))", kind="intended",
            expect="PROVED", printed=False,
            deviation="the limit is encoded by the bound c <= 2 eps/delta that implies it"),
    Reading("RΔlim2", "as printed: lim Delta(eps) = lim ln c(eps) = -inf, i.e. Delta(eps) = "
            "|ln c(eps)| < 0 for small eps", kind="literal", expect="REFUTED", printed=True),
)
CC = (1 - de) * ep / ((1 - ep) * de)


@paper.claim("S37.7", at=("Proposition 3, second proof", 595), role="step", of="S37",
             says="'lim_{eps -> 0} Delta(eps) = lim_{eps -> 0} ln(c(eps)) = -infinity', with "
             "Delta(eps) = |psi_e*(t*)| = |ln c(eps)|.", readings=LIMIT)
def limit(printed: bool) -> Forall:
    if printed:
        return Forall(DE, given={"eps < delta": sp.Lt(ep, de)},
                      then={"Delta(eps) = |ln c| < 0": sp.Lt(sp.Abs(sp.log(CC)), 0,
                                                             evaluate=False)})
    return Forall(DE, given={"eps < delta": sp.Lt(ep, de)},
                  then={"c > 0": sp.Gt(CC, 0), "c <= 2 eps/delta": sp.Le(CC, 2 * ep / de)})


@paper.claim("S37", at=("Proposition 3, second proof", 579, 603),
             says="For every delta in (0, 1/2] (the least mass of a product law D^p) and eps in "
             "(0, delta), the one-hyperedge MRF law D with D(t*) = eps has d_TV(D, D^p) = "
             "delta - eps <= delta, and Delta(eps) = |ln c(eps)| is unbounded as eps -> 0.",
             expect="PROVED",
             deviation="'unbounded' is encoded by 0 < c(eps) <= 2 eps/delta (|ln c| >= "
             "ln(delta/(2 eps)) -> inf); the TV value is S37.8's chain.")
def second_proof() -> Forall:
    dist = (sp.Abs(1 - (1 - ep) / (1 - de)) * (1 - de) + de - ep) / 2
    return Forall(DE, given={"eps < delta": sp.Lt(ep, de)},
                  then={"TV = delta - eps": sp.Eq(dist, de - ep, evaluate=False),
                        "TV <= delta": sp.Le(de - ep, de),
                        "c <= 2 eps/delta": sp.Le(CC, 2 * ep / de)})


# ------------------------------------------------------------------ steps S36.5, S37.x (p003b)

s4 = sp.Symbol("s", real=True)  # s = e^(-4 Delta) of a representation of the L577 law
R_K = sp.cancel(ODDS)
LOG5 = (
    Reading("RL1", "log is the natural log: Delta >= (1/4) ln(1/k) is s <= k", kind="intended",
            expect="PROVED", base2=False),
    Reading("RL2", "log is base 2: Delta = (1/4) ln(1/s) >= (1/4) log2(1/k)",
            kind="alternative", expect="REFUTED", base2=True),
)


@paper.claim("S36.5", at=("proof of Proposition 3, via Lemma 11", 577), role="step", of="S36",
             says="From Lemma 11, exp(-4 Delta) <= Pr[BB]/(Pr[t1 = B] Pr[t2 = B]) = k, which implies "
             "Delta >= (1/4) log(1/k); for every representation of the L577 law (Delta >= "
             "Delta_min = ln(1/r)/4, i.e. s = e^(-4 Delta) <= r).", readings=LOG5,
             deviation="Delta is encoded by s = e^(-4 Delta) in (0, 1]; a representation of the "
             "law has Delta >= Delta_min, i.e. s <= r = D(AA)D(BB)/(D(AB)D(BA)).")
def lemma11_step(base2: bool) -> Forall:
    dom = {**K, s4: Reals(0, 1, lo_open=True)}
    given = {"Delta >= Delta_min (s <= r)": sp.Le(s4, R_K)}
    if not base2:
        return Forall(dom, given=given,
                      then={"exp(-4 Delta) <= k": sp.Le(s4, k)})
    return Forall(dom, given=given,
                  then={"Delta >= log2(1/k)/4": sp.Ge(sp.log(1 / s4) / 4, sp.log(1 / k, 2) / 4,
                                                      evaluate=False)})


@paper.claim("S37.1", at=("Proposition 3, second proof", 581), role="step", of="S37",
             says="The least likely profile t* of a law on T (|T| >= 2), in particular of the "
             "product law D^p, has probability delta <= 1/2.",
             over={"k": Ints(2)}, limit={"k": 6}, expect="CHECKED",
             note="k = |T| profiles; every law on k points (products are a special case); the "
             "MRF product law has full support, so delta > 0.")
def least_likely(k: int) -> Forall:
    ps, dom, law = simplex("P", k)
    return Forall(dom, given={"law": law},
                  then={"min <= 1/2": sp.Le(sp.Min(*ps), sp.Rational(1, 2))})


@paper.claim("S37.3", at=("Proposition 3, second proof, (6)", 591, 593), role="step", of="S37",
             says="With pi_t = prod_v e^(psi_v(t_v)) > 0, Z = sum_t pi_t, delta = pi_t*/Z and "
             "Z'(eps) = sum_{t != t*} pi_t + pi_t* c(eps): sum_{t != t*} pi_t = Z(1 - delta) and "
             "Z'(eps) = Z(1 - delta) + Z delta c(eps) (6).",
             over={"k": Ints(2)}, limit={"k": 8}, expect="CHECKED",
             note="k = |T| profiles with t* the first; c > 0 is any value of e^(psi_e*(t*)).")
def eq6(k: int) -> Forall:
    pis = list(sp.symbols(f"pi1:{k + 1}", real=True))
    cc = sp.Symbol("c", real=True)
    zz = sp.Add(*pis)
    dl = pis[0] / zz
    zp = sp.Add(*pis[1:]) + pis[0] * cc
    dom = {p: Reals(0, lo_open=True) for p in pis}
    dom[cc] = Reals(0, lo_open=True)
    return Forall(dom, then={"rest = Z(1 - delta)": sp.Eq(sp.Add(*pis[1:]), zz * (1 - dl),
                                                          evaluate=False),
                             "(6)": sp.Eq(zp, zz * (1 - dl) + zz * dl * cc, evaluate=False)})


@paper.claim("S37.5", at=("Proposition 3, second proof", 595), role="step", of="S37",
             says="lim_{eps -> 0} c(eps) = 0 and lim_{eps -> 0} Z'(eps) = Z(1 - delta), for "
             "c(eps) = (1-delta) eps/((1-eps) delta) and Z'(eps) = Z(1-delta)/(1-eps).",
             expect="PROVED",
             deviation="the limits are encoded by the bounds 0 <= c(eps) <= 2 eps/delta and "
             "0 <= Z'(eps) - Z(1-delta) <= 2 Z eps on (0, delta), which give them; the text "
             "writes 'lim c(eps) = (1-delta) eps/((1-eps) delta) = 0', the middle term still in "
             "eps.")
def limits() -> Forall:
    zz = Z * (1 - de) / (1 - ep)
    return Forall({**DE, Z: Reals(0, lo_open=True)}, given={"eps < delta": sp.Lt(ep, de)},
                  then={"c >= 0": sp.Ge(CC, 0), "c <= 2 eps/delta": sp.Le(CC, 2 * ep / de),
                        "Z' >= Z(1-delta)": sp.Ge(zz, Z * (1 - de)),
                        "Z' - Z(1-delta) <= 2 Z eps": sp.Le(zz - Z * (1 - de), 2 * Z * ep)})


@paper.claim("S37.6", at=("Proposition 3, second proof", 595), role="step", of="S37",
             says="Delta(eps) = |psi_e*(t*)| (the only nonzero potential, Def 6) with psi_e*(t*) = "
             "ln c(eps), and psi_e*(t*) != 0 as the construction requires: 0 < c(eps) < 1 for "
             "0 < eps < delta, so Delta(eps) = ln(1/c(eps)) > 0.", expect="PROVED",
             note="Def 6 with the one hyperedge e* = V: every d_i is max_x |psi_e*(x)| = "
             "|psi_e*(t*)|; the claim checks the sign facts that make ln c a nonzero real.")
def delta_eps() -> Forall:
    return Forall(DE, given={"eps < delta": sp.Lt(ep, de)},
                  then={"c > 0": sp.Gt(CC, 0), "c < 1": sp.Lt(CC, 1)})


E_B = sp.Symbol("E", real=True)  # E = e^(-B) for the bound B > 0


@paper.claim("S37.9", at=("Proposition 3, second proof, conclusion", 603), role="step", of="S37",
             says="For every delta in (0, 1/2] and every bound B > 0 there is eps in (0, delta) "
             "with d_TV(D, D^p) = delta - eps <= delta and Delta(eps) = ln(1/c(eps)) > B: eps = "
             "delta e^(-B)/4.", expect="PROVED",
             deviation="B > 0 is encoded by E = e^(-B) in (0, 1); Delta(eps) > B is c(eps) < E; "
             "the witness eps = delta E/4 is explicit.")
def unbounded() -> Forall:
    e_w = de * E_B / 4
    c_w = (1 - de) * e_w / ((1 - e_w) * de)
    return Forall({de: DE[de], E_B: Reals(0, 1, lo_open=True, hi_open=True)},
                  then={"eps > 0": sp.Gt(e_w, 0), "eps < delta": sp.Lt(e_w, de),
                        "TV = delta - eps <= delta": sp.Le(de - e_w, de),
                        "Delta > B (c < E)": sp.Lt(c_w, E_B)})
