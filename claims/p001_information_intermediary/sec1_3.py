"""Sections 1-3 of p001 (spec entries AB-1 ... TH2-P, lines ~94-283 of the spec).

Layout: abstract consistency (AB-1); preliminaries (P-1 ... P-9, TH-4); Example 1 and Lemma 1
(EX-1, L-1, the BBM greedy D10 under its readings); Algorithm 1 (P-5); the introduction's
claims (IN-1 ... IN-3); the Section 3 instance (S3-1, S3-2, LP-2); Theorem 1 with its proof
(TH-1, TH1-P) and Theorem 2 with its proof (TH-2, TH2-P).

Every LP verdict rests on a certified exact optimum (verify.mech.lp: HiGHS finds a basis,
rationals certify primal and dual, re-checked in pure Fractions). Finite slices of infinite
families are enumerated through an unbounded grid parameter (denominator m), so they are
CHECKED, never PROVED; a claim is PROVED only by a symbolic query or a derivation.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p001_information_intermediary import as_readings, paper
from claims.p001_information_intermediary._early_tools import (
    alg1,
    bbm,
    cmp_ln,
    equal_revenue,
    expost_violation,
    is_product,
    joint_grid,
    low_type_utility_max,
    lt_nlogn,
    plain,
    posted,
    product_priors,
    second_price_revenue,
    value_dists,
)
from verify import Derivation, Forall, Ints, Reals, Samples, Source, claim, definition, evidence
from verify import note as _note
from verify.mech.distributions import Distribution, product
from verify.mech.signaling import (
    SignalingScheme,
    efficient_welfare,
    evaluate,
    seller_optimum,
)
from verify.mech.single_item import (
    ironed_virtual_values,
    is_regular,
    optimal_reserve,
    virtual_values,
)

F = Fraction
ZERO = F(0)
ONE = F(1)
LP_EVIDENCE = "exact LP optimum, dual certificate re-checked"


def note(**values: object) -> None:
    """note() with distributions and auctions stored as plain exact tables."""
    _note(**{k: plain(v) for k, v in values.items()})


def R(x: Fraction | int) -> sp.Rational:
    x = F(x)
    return sp.Rational(x.numerator, x.denominator)


POS = Reals(0, lo_open=True)
UNIT = Reals(0, 1)

# ----------------------------------------------------------------------------- definitions

definition("p001/P-8.OPT", source=paper.source("Section 2.2, OPT (D9)", 144, 148),
           statement="W* = E_D[max_i V_i]; OPT = W* - R(D), R(D) the optimal revenue without a "
           "signal; Z is a theta-approximation if CS(Z) >= OPT/theta.")
definition("p001/P-6.scheme", source=paper.source("Section 2.2, signaling scheme (D8)", 140, 142),
           statement="Z = {(gamma_q, S_q)}: gamma >= 0, sum gamma_q = 1, sum gamma_q S_q = D; v is "
           "mapped to S_q with probability gamma_q S_q(v)/D(v); R, CS, W are gamma-weighted.")
definition("p001/P-1.phi", source=paper.source("Eq. (1), virtual value (D2)", 116),
           statement="phi(z_k) = z_k, phi(z_l) = z_l - (z_{l+1} - z_l) S(z_{l+1})/f(z_l), "
           "S(x) = Pr[V >= x].")
definition("p001/P-2.reserve", source=paper.source("Section 2.1, reserve price (D3)", 119),
           statement="r_D is the smallest support point r maximising r S_D(r).")
definition("p001/TH-4.D6", source=paper.source("Section 2.1, optimal auction (D6)", 96, 110),
           statement="The seller's revenue-optimal ex-interim IC and interim IR auction on a "
           "finite (possibly correlated) prior; CS = W - R over the optimal face: "
           "[CS_min, CS_max] (C1: fav = CS_max, adv = CS_min).")
definition("p001/EX-1.BBM", source=paper.source("Section 2.2, BBM greedy (D10)", 154, 156),
           statement="Repeatedly subtract the largest multiple of the equal-revenue "
           "distribution on the current support; readings R1 (unnormalised residual), R2 "
           "(renormalised, weights rescaled), R2lit (renormalised, gamma used as printed).")
definition("p001/S3-1.instance", source=paper.source("Section 3 instance (D11)", 171, 175),
           statement="V1 = a w.p. alpha else b, V2 = c w.p. beta else d, a > b > c > d > 0; "
           "product signal s = (alpha', beta'); phi_1(b|s) = b - (a-b) alpha'/(1-alpha'), "
           "phi_2(d|s) = d - (c-d) beta'/(1-beta').")


# ============================================================================= AB-1 (abstract)


@claim("p001/AB-1.general", source=paper.source("Abstract vs Theorem 3 (2), Corollaries 3-4", 11, 60),
       statement="The abstract's bound for general distributions, O(min(n log n, K)) (l.11), "
       "is the bound the paper proves, O(min(n log n, K^2)) (Theorem 3 (2), l.60; Cor. 4, "
       "l.575): min(n ln n, K) = min(n ln n, K^2) for all n, K >= 1.",
       over={"n": Ints(1), "K": Ints(1)}, limit={"n": 10, "K": 10}, expect="REFUTED")
def ab1_general(n: int, K: int) -> bool:
    # min(x, K) = min(x, K^2) with x = n ln n irrational for n >= 2: decide exactly
    k_vs = lt_nlogn(F(K), n)  # sign(K - n ln n)
    k2_vs = lt_nlogn(F(K * K), n)
    left = "K" if k_vs < 0 else "nlnn"
    right = "K^2" if k2_vs < 0 else "nlnn"
    note(abstract_min=left, body_min=right, sign_K_minus_nlnn=k_vs, sign_K2_minus_nlnn=k2_vs)
    if left == "nlnn" and right == "nlnn":
        return True
    if left == "K" and right == "K^2":
        return K == K * K
    return False  # one side is K (or K^2) < n ln n, the other is n ln n (or K^2 != K)


@claim("p001/AB-1.gap", source=paper.source("Abstract vs Theorem 3 (2)", 11, 60),
       statement="Along K = n >= 3 the body's bound exceeds the abstract's by the unbounded "
       "factor ln n: min(n ln n, K^2) = n ln n and min(n ln n, K) = K = n, so no constant "
       "reconciles O(min(n log n, K)) with O(min(n log n, K^2)).",
       over={"n": Ints(3)}, limit={"n": 300}, expect="CHECKED")
def ab1_gap(n: int) -> bool:
    K = n
    return lt_nlogn(F(K * K), n) > 0 and lt_nlogn(F(K), n) < 0


# ============================================================================= P-1, P-2, P-3

z, zn, f, Sn, q = sp.symbols("z zn f Sn q", real=True)


@claim("p001/P-1", source=paper.source("Eq. (1) and its revenue-curve form (D2)", 116),
       statement="phi(z_l) = (z_l S(z_l) - z_{l+1} S(z_{l+1}))/f(z_l) = (R_l - R_{l+1})/(q_l - "
       "q_{l+1}) for l < k (S(z_l) = f(z_l) + S(z_{l+1})), and phi(z_k) = z_k = (R_k - "
       "R_{k+1})/(q_k - q_{k+1}) with q_{k+1} = R_{k+1} = 0.",
       uses=("p001/P-1.phi",), expect="PROVED")
def p1() -> Forall:
    ql, qn = f + Sn, Sn
    phi = z - (zn - z) * Sn / f
    return Forall({z: POS, zn: POS, f: POS, Sn: Reals(0), q: POS},
                  given={"z_l < z_{l+1}": sp.Lt(z, zn, evaluate=False)},
                  then={"first form": sp.Eq(phi, (z * ql - zn * qn) / f, evaluate=False),
                        "revenue-curve form": sp.Eq(phi, (z * ql - zn * qn) / (ql - qn),
                                                    evaluate=False),
                        "top point": sp.Eq(z, (z * q - 0) / (q - 0), evaluate=False)})


def _curve_syms(k: int) -> tuple[list[sp.Symbol], list[sp.Symbol]]:
    return list(sp.symbols(f"z1:{k + 1}", real=True)), list(sp.symbols(f"f1:{k + 1}", real=True))


def _curve(k: int) -> tuple[dict, list[sp.Expr], list[sp.Expr], dict[str, sp.Basic]]:
    """Symbolic k-point prior: support z_1 < ... < z_k (> 0), masses f_i > 0 summing to 1;
    returns domains, R_l = z_l S(z_l), phi_l (Eq. 1), and the hypotheses."""
    zs, fs = _curve_syms(k)
    S = [sp.Add(*fs[i:]) for i in range(k)] + [sp.Integer(0)]
    Rv = [zs[i] * S[i] for i in range(k)]
    phi = [zs[i] - (zs[i + 1] - zs[i]) * S[i + 1] / fs[i] for i in range(k - 1)] + [zs[k - 1]]
    doms = {**{s: POS for s in zs}, **{s: Reals(0, 1, lo_open=True) for s in fs}}
    given = {"sum f = 1": sp.Eq(sp.Add(*fs), 1)}
    for i in range(k - 1):
        given[f"z{i + 1} < z{i + 2}"] = sp.Lt(zs[i], zs[i + 1])
    return doms, Rv, phi, given


def _smallest_max(Rv: list[sp.Expr], j: int) -> sp.Basic:
    """r = z_j is the smallest maximiser of R (D3)."""
    parts = [sp.Ge(Rv[j], Rv[m]) for m in range(len(Rv)) if m != j]
    parts += [sp.Gt(Rv[j], Rv[m]) for m in range(j)]
    return sp.And(*parts)


@claim("p001/P-2.step", role="step", of="p001/P-2", source=paper.source("Section 2.1, phi(r) >= 0", 119),
       statement="If r = z_j maximises R and f_j > 0 then (R_j - R_{j+1})/f_j >= 0; at the top "
       "point phi = z_k > 0.", expect="PROVED")
def p2_step() -> Forall:
    Rj, Rn, fj, zk = sp.symbols("Rj Rn fj zk", real=True)
    return Forall({Rj: Reals(), Rn: Reals(), fj: POS, zk: POS},
                  given={"R_j >= R_{j+1}": sp.Ge(Rj, Rn)},
                  then={"(R_j - R_{j+1})/f_j >= 0": sp.Ge((Rj - Rn) / fj, 0),
                        "top": sp.Gt(zk, 0)})


@claim("p001/P-2", source=paper.source("Section 2.1, 'It is easy to check that phi(r_D) >= 0'", 119),
       statement="phi_D(r_D) >= 0, for every discrete D with support size k.",
       over={"k": Ints(1)}, limit={"k": 4},
       readings=as_readings({"R1": {"regular": False}, "R2": {"regular": True}}, {"R1": "every discrete D (the sentence precedes the regularity assumption)",
                      "R2": "regular D only"}, {"R1": "PROVED", "R2": "PROVED"}, kinds={'R1': 'intended', 'R2': 'alternative'}),
       uses=("p001/P-1.phi", "p001/P-2.reserve"), by=Derivation(("p001/P-1", "p001/P-2.step"),
                     "phi(r) = (R_r - R_{r+1})/f(r) (P-1) with R_r >= R_{r+1} since r maximises "
                     "R (P-2.step); phi(z_k) = z_k > 0 at the top point"))
def p2(k: int, regular: bool) -> Forall:
    doms, Rv, phi, given = _curve(k)
    if regular:
        for i in range(k - 1):
            given[f"regular {i + 1}"] = sp.Le(phi[i], phi[i + 1])
    then = {f"r = z{j + 1}": sp.Implies(_smallest_max(Rv, j), sp.Ge(phi[j], 0))
            for j in range(k)}
    return Forall(doms, given=given, then=then)


@claim("p001/P-3.step", role="step", of="p001/P-3", source=paper.source("Section 2.1, regular => phi(v) < 0 below r", 121),
       statement="Induction step: if phi_l <= phi_{l+1} (regular), phi_l >= 0 and phi_l = "
       "(R_l - R_{l+1})/f_l with f_l > 0, then R_l >= R_{l+1} and phi_{l+1} >= 0.",
       expect="PROVED")
def p3_step() -> Forall:
    Rl, Rn, fl, pl, pn = sp.symbols("Rl Rn fl pl pn", real=True)
    return Forall({Rl: Reals(), Rn: Reals(), fl: POS, pl: Reals(), pn: Reals()},
                  given={"regular": sp.Le(pl, pn), "phi_l >= 0": sp.Ge(pl, 0),
                         "P-1": sp.Eq(pl, (Rl - Rn) / fl)},
                  then={"R_l >= R_{l+1}": sp.Ge(Rl, Rn), "phi_{l+1} >= 0": sp.Ge(pn, 0)})


@claim("p001/P-3", source=paper.source("Section 2.1, 'for all v < r_D, phi(v) < 0'", 121),
       statement="If D is regular (phi non-decreasing) then phi_D(v) < 0 for every support "
       "point v < r_D.", over={"k": Ints(1)}, limit={"k": 4},
       uses=("p001/P-1.phi", "p001/P-2.reserve"), expect="PROVED",
       by=Derivation(("p001/P-1", "p001/P-3.step"),
                     "induction along l, l+1, ..., j: phi(z_l) >= 0 for some z_l < r = z_j "
                     "gives R_l >= R_{l+1} >= ... >= R_j = max R (P-3.step), so z_l < r "
                     "maximises R, contradicting that r is the smallest maximiser"))
def p3(k: int) -> Forall:
    doms, Rv, phi, given = _curve(k)
    for i in range(k - 1):
        given[f"regular {i + 1}"] = sp.Le(phi[i], phi[i + 1], evaluate=False)
    then = {f"r = z{j + 1}, v = z{m + 1}": sp.Implies(_smallest_max(Rv, j),
                                                      sp.Lt(phi[m], 0, evaluate=False))
            for j in range(k) for m in range(j)}
    if not then:  # k = 1: r = z_1 is the only support point, none lies below it
        then = {"no support point below r": k == 1}  # an exact integer fact, no relation
    return Forall(doms, given=given, then=then)


@claim("p001/P-3.ironed", role="assumption", of="p001/P-3", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Section 2.1 with footnote 1 (C2 variant)", 121, 123),
       statement="Non-regular variant (C2): the ironed virtual value satisfies phi-bar(v) < 0 "
       "for every support point v < r_D (support <= 4 points of {1..6}, masses in (1/m)Z).",
       over={"m": Ints(1)}, limit={"m": 9}, uses=("p001/P-2.reserve",), expect="CHECKED")
def p3_ironed(m: int) -> bool:
    for d in value_dists(range(1, 7), m, max_support=4):
        r = optimal_reserve(d).price
        phibar = ironed_virtual_values(d)
        for v, x in phibar.items():
            if v < r and not x < 0:
                note(prior=d, reserve=r, v=v, phibar=x, regular=is_regular(d))
                return False
    return True


# ============================================================================= P-6, P-8, P-9


@claim("p001/P-6", source=paper.source("Section 2.2, the intermediary's mapping", 140, 142),
       statement="sum_q gamma_q Pr[S_q = v]/Pr[D = v] = 1 whenever Pr[D = v] > 0, for a "
       "Bayes-plausible scheme with k signals.", over={"k": Ints(1)}, limit={"k": 6},
       uses=("p001/P-6.scheme",), expect="PROVED",
       by=Derivation(("p001/P-6.sum",), "distributivity: sum_q gamma_q S_q(v)/D(v) = "
                     "(sum_q gamma_q S_q(v))/D(v) for every finite k"))
def p6(k: int) -> Forall:
    gs = list(sp.symbols(f"g1:{k + 1}", real=True))
    ss = list(sp.symbols(f"s1:{k + 1}", real=True))
    dv = sp.Symbol("Dv", real=True)
    doms = {**{g: Reals(0) for g in gs}, **{s: UNIT for s in ss}, dv: Reals(0, 1, lo_open=True)}
    total = sp.Add(*[g * s for g, s in zip(gs, ss, strict=True)])
    return Forall(doms, given={"sum gamma_q S_q(v) = D(v)": sp.Eq(total, dv)},
                  then={"probabilities sum to 1": sp.Eq(
                      sp.Add(*[g * s / dv for g, s in zip(gs, ss, strict=True)]), 1),
                      "each in [0,1]": sp.And(*[sp.Le(g * s / dv, 1) for g, s in
                                                zip(gs, ss, strict=True)])})


@claim("p001/P-6.sum", role="step", of="p001/P-6", source=paper.source("Section 2.2, the intermediary's mapping", 140, 142),
       statement="If T = sum_q gamma_q S_q(v) equals D(v) > 0 then T/D(v) = 1.",
       uses=("p001/P-6.scheme",), expect="PROVED")
def p6_sum() -> Forall:
    t_, dv = sp.symbols("T Dv", real=True)
    return Forall({t_: Reals(0), dv: Reals(0, 1, lo_open=True)}, given={"T = D(v)": sp.Eq(t_, dv)},
                  then={"T/D(v) = 1": sp.Eq(t_ / dv, 1)})


@claim("p001/P-6.kernel", role="step", of="p001/P-6", source=paper.source("Section 2.2, scheme validator", 140, 142),
       statement="For every two-signal Bayes-plausible scheme of a 2x2 product prior on the "
       "grid (1/m)Z, the kernel's send probabilities gamma_q S_q(v)/D(v) lie in [0,1] and sum "
       "to 1 at every profile of positive mass.", over={"m": Ints(2)}, limit={"m": 4},
       uses=("p001/P-6.scheme",), expect="CHECKED")
def p6_kernel(m: int) -> bool:
    prior = product(Distribution({1: F(1, 2), 2: F(1, 2)}), Distribution({1: F(1, 3), 3: F(2, 3)}))
    for scheme in _two_signal_schemes(prior, m):
        for v in prior.support:
            ps = [scheme.send_probability(i, v) for i in range(len(scheme.signals))]
            if sum(ps, ZERO) != 1 or any(not 0 <= x <= 1 for x in ps):
                note(scheme=scheme.signals, profile=v, probabilities=ps)
                return False
    return True


def _two_signal_schemes(prior: Distribution, m: int):  # noqa: ANN202
    """Bayes-plausible schemes {(g, S1), (1-g, S2)}: S1 on the prior's support with masses in
    (1/m)Z (lcm exactly m), g in {1/m, ..., (m-1)/m}, S2 = (D - g S1)/(1-g) when >= 0."""
    cells = sorted(prior.support)
    for s1 in joint_grid(cells, m):
        for gk in range(1, m):
            g = F(gk, m)
            rest = {v: (prior.mass(v) - g * s1.mass(v)) / (1 - g) for v in cells}
            if any(x < 0 for x in rest.values()):
                continue
            yield SignalingScheme(prior, ((g, s1), (1 - g, Distribution(rest))))


@claim("p001/P-8", source=paper.source("Section 2.2, OPT", 144, 148),
       statement="OPT = W* - R(D) >= 0 for every product prior (n = 2, supports in {1,2,3}, "
       "masses in (1/m)Z).", over={"m": Ints(1)}, limit={"m": 2}, uses=("p001/P-8.OPT",),
       expect="CHECKED")
def p8(m: int) -> bool:
    evidence(LP_EVIDENCE)
    for margs in product_priors(2, [1, 2, 3], m):
        d = product(*margs)
        opt = efficient_welfare(d) - seller_optimum(d).revenue
        if opt < 0:
            note(prior=margs, OPT=opt)
            return False
    return True


@claim("p001/P-9.i", source=paper.source("Section 2.2, 'the equal revenue condition specifies a unique "
       "distribution'", 154), statement="For a support z_1 < ... < z_k, z_i S(z_i) = z_1 S(z_1) "
       "for all i with S(z_1) = 1 forces S(z_i) = z_1/z_i.", over={"k": Ints(1)},
       limit={"k": 6}, expect="PROVED",
       by=Derivation(("p001/P-9.i.one",), "apply the one-point lemma to each i separately"))
def p9_i(k: int) -> Forall:
    zs = list(sp.symbols(f"z1:{k + 1}", real=True))
    Ss = list(sp.symbols(f"S1:{k + 1}", real=True))
    given = {"S(z_1) = 1": sp.Eq(Ss[0], 1)}
    for i in range(1, k):
        given[f"z{i} < z{i + 1}"] = sp.Lt(zs[i - 1], zs[i])
        given[f"equal revenue {i + 1}"] = sp.Eq(zs[i] * Ss[i], zs[0] * Ss[0])
    return Forall({**{s: POS for s in zs}, **{s: UNIT for s in Ss}}, given=given,
                  then={f"S(z{i + 1}) = z1/z{i + 1}": sp.Eq(Ss[i], zs[0] / zs[i]) for i in range(k)})


@claim("p001/P-9.i.one", role="step", of="p001/P-9.i", source=paper.source("Section 2.2, equal revenue", 154),
       statement="z_i S_i = z_1, z_i > 0 implies S_i = z_1/z_i.", expect="PROVED")
def p9_i_one() -> Forall:
    zi, z1, si = sp.symbols("zi z1 si", real=True)
    return Forall({zi: POS, z1: POS, si: Reals()}, given={"eq": sp.Eq(zi * si, z1)},
                  then={"S_i = z1/z_i": sp.Eq(si, z1 / zi)})


@claim("p001/P-9.ii", source=paper.source("Section 2.2, equal-revenue signals", 154),
       statement="For an equal-revenue distribution (support of size <= 5 in {1..8}): every "
       "support price is revenue-optimal, the smallest maximiser is the lowest value z_1, the "
       "item always sells at it, and its CS = E[V] - z_1 is the largest CS over all "
       "revenue-optimal mechanisms (D6: R* = z_1, CS_max = E[V] - z_1).",
       over={"k": Ints(1)}, limit={"k": 4}, uses=("p001/TH-4.D6",), expect="CHECKED")
def p9_ii(k: int) -> bool:
    evidence(LP_EVIDENCE)
    for sup in itertools.combinations(range(1, 9), k):
        d = equal_revenue([F(x) for x in sup])
        res = optimal_reserve(d)
        pp = posted(d)
        opt = seller_optimum(d)
        ok = (set(res.maximisers) == set(d.support) and res.price == min(d.support)
              and pp.always_sells and opt.revenue == min(d.support)
              and opt.cs_max == d.mean() - min(d.support) == pp.cs)
        if not ok:
            note(support=sup, maximisers=res.maximisers, R_star=opt.revenue, cs=opt.cs_interval)
            return False
    return True


# ============================================================================= S3-1

a_, b_, c_, d_ = sp.symbols("a b c d", real=True)
ORDER = {"a > b": sp.Gt(a_, b_), "b > c": sp.Gt(b_, c_), "c > d": sp.Gt(c_, d_)}
VALS = {a_: POS, b_: POS, c_: POS, d_: POS}


def phi1(A: sp.Expr, a: sp.Expr = a_, b: sp.Expr = b_) -> sp.Expr:
    return b - (a - b) * A / (1 - A)


def phi2(B: sp.Expr, c: sp.Expr = c_, d: sp.Expr = d_) -> sp.Expr:
    return d - (c - d) * B / (1 - B)


@claim("p001/S3-1", source=paper.source("Section 3 instance, alpha a = b and beta c = d", 171),
       statement="alpha a = b and beta c = d imply phi_1(b) = phi_2(d) = 0 (phi_1(a) = a and "
       "phi_2(c) = c hold by Eq. (1) at the top point, for any alpha, beta).", uses=("p001/S3-1.instance", "p001/P-1.phi"), expect="PROVED")
def s3_1() -> Forall:
    al, be = b_ / a_, d_ / c_
    return Forall(VALS, given=ORDER,
                  then={"phi_1(b) = 0": sp.Eq(phi1(al), 0), "phi_2(d) = 0": sp.Eq(phi2(be), 0)})


# ============================================================================= EX-1, L-1 (BBM)

EX_D = Distribution({1: F(1, 3), 2: F(1, 3), 3: F(1, 3)})
EX_SCHEME = (
    (F(2, 3), Distribution({1: F(1, 2), 2: F(1, 6), 3: F(1, 3)})),
    (F(1, 6), Distribution({2: F(1, 3), 3: F(2, 3)})),
    (F(1, 6), Distribution({2: ONE})),
)
EX_USES = ("p001/P-2.reserve", "p001/P-8.OPT", "p001/P-6.scheme")


def ex(where: str) -> Source:
    return paper.source(f"Example 1, {where}", 160)


@claim("p001/EX-1.price", source=ex("monopoly price"),
       statement="For D = <1/3, 1/3, 1/3> on {1, 2, 3}: the monopoly price is p = 2 with revenue "
       "R(D) = 4/3 (also the D6 optimum).", uses=EX_USES, expect="PROVED")
def ex1_price() -> bool:
    evidence(LP_EVIDENCE)
    res = optimal_reserve(EX_D)
    note(price=res.price, revenue=res.revenue, lp=seller_optimum(EX_D).revenue)
    return res.price == 2 and res.revenue == F(4, 3) and seller_optimum(EX_D).revenue == F(4, 3)


@claim("p001/EX-1.A", source=ex("point A"),
       statement="R(A) = W* = E[D] = 2: full revelation extracts the whole welfare.",
       uses=EX_USES, expect="PROVED")
def ex1_a() -> bool:
    evidence(LP_EVIDENCE)
    full = sum((m * seller_optimum(Distribution.point(v)).revenue for v, m in EX_D.items()), ZERO)
    note(W_star=efficient_welfare(EX_D), mean=EX_D.mean(), full_revelation_revenue=full)
    return efficient_welfare(EX_D) == EX_D.mean() == 2 == full


@claim("p001/EX-1.scheme", source=ex("the scheme (S_i, gamma_i)"),
       statement="S_1 = <1/2, 1/6, 1/3> (gamma 2/3), S_2 = <0, 1/3, 2/3> (gamma 1/6), S_3 = "
       "<0, 1, 0> (gamma 1/6) is Bayes plausible: sum gamma_i = 1 and sum gamma_i S_i = D.",
       uses=EX_USES, expect="PROVED")
def ex1_scheme() -> bool:
    SignalingScheme(EX_D, EX_SCHEME)  # raises InputError unless Bayes plausible
    return True


@claim("p001/EX-1.lowest", source=ex("'the monopoly price for each signal is the lowest price'"),
       statement="In each S_i the monopoly price (smallest revenue maximiser) is the lowest "
       "value of its support, so the item always sells.", uses=EX_USES, expect="PROVED")
def ex1_lowest() -> bool:
    out = []
    for _, s in EX_SCHEME:
        pp = posted(s)
        out.append((pp.price, min(s.support), pp.always_sells))
    note(price_lowest_sells=out)
    return all(p == low and sells for p, low, sells in out)


@claim("p001/EX-1.R", source=ex("sum gamma_i R(S_i) = 4/3"),
       statement="sum gamma_i R(S_i) = 4/3 (posted-price revenue and the D6 optimum).",
       uses=EX_USES, expect="PROVED")
def ex1_r() -> bool:
    evidence(LP_EVIDENCE)
    posted_rev = sum((g * posted(s).revenue for g, s in EX_SCHEME), ZERO)
    lp_rev = evaluate(SignalingScheme(EX_D, EX_SCHEME)).revenue
    note(posted=posted_rev, lp=lp_rev)
    return posted_rev == lp_rev == F(4, 3)


@claim("p001/EX-1.CS", source=ex("sum gamma_i CS(S_i) = 2 - 4/3 = 2/3 = OPT"),
       statement="sum gamma_i CS(S_i) = 2 - 4/3 = 2/3 = OPT.",
       readings=as_readings({"lowest": {"how": "lowest"}}, {"lowest": "each seller posts its lowest support value (as printed, l.160)"}, {"lowest": "PROVED"}, kinds={'lowest': 'intended'}),
       uses=EX_USES)
@claim("p001/EX-1.CS", role="variant", deviation="Each segment's seller is the D6 revenue-optimal seller with a C1 tie rule, where l.160 (and l.154) fix the lowest price.", source=ex("sum gamma_i CS(S_i) = 2 - 4/3 = 2/3 = OPT"),
       statement="sum gamma_i CS(S_i) = 2 - 4/3 = 2/3 = OPT, with every segment's seller the D6 "
       "revenue-optimal seller under a C1 tie rule instead of the printed lowest price.",
       readings=as_readings({"fav": {"how": "fav"}, "adv": {"how": "adv"}}, {"fav": "D6 optimum, ties broken for the buyers (C1 fav, CS_max)",
                      "adv": "VARIANT (not the paper's rule): D6 optimum, ties broken against "
                             "the buyers (C1 adv, CS_min)"}, {"fav": "PROVED", "adv": "REFUTED"}, kinds={'fav': 'alternative', 'adv': 'alternative'}),
       uses=EX_USES)
def ex1_cs(how: str) -> bool:
    opt = efficient_welfare(EX_D) - seller_optimum(EX_D).revenue
    if how == "lowest":
        cs = sum((g * posted(s).cs for g, s in EX_SCHEME), ZERO)
    else:
        evidence(LP_EVIDENCE)
        cs = evaluate(SignalingScheme(EX_D, EX_SCHEME), tie=how).consumer_surplus  # type: ignore[arg-type]
    note(cs=cs, OPT=opt)
    return cs == 2 - F(4, 3) == F(2, 3) == opt


BBM_READINGS = {"R1": {"reading": "R1"}, "R2": {"reading": "R2"}, "R2lit": {"reading": "R2lit"}}
BBM_TEXTS = {
    "R1": "BBM-R1: every gamma on the unnormalised residual",
    "R2": "BBM-R2: the residual renormalised to mass 1 after each step; gamma computed on it "
          "and rescaled by the residual mass into a scheme weight",
    "R2lit": "BBM-R2 literally as printed (l.156): the residual is renormalised and the gamma "
             "of the normalised residual is the scheme weight",
}


@claim("p001/EX-1.BBM", source=paper.source("Example 1 as an illustration of the procedure", 154, 160),
       statement="The procedure of l.154-156 applied to D = <1/3, 1/3, 1/3> produces exactly the "
       "scheme of Example 1 (S_1, S_2, S_3 with gamma = 2/3, 1/6, 1/6).",
       readings=as_readings(BBM_READINGS, BBM_TEXTS, {"R1": "PROVED", "R2": "PROVED", "R2lit": "REFUTED"}, kinds={'R1': 'intended', 'R2': 'alternative', 'R2lit': 'literal'}), uses=("p001/EX-1.BBM",))
def ex1_bbm(reading: str) -> bool:
    got = bbm(EX_D, reading)  # type: ignore[arg-type]
    note(weights=[g for g, _ in got], segments=[dict(s.items()) for _, s in got])
    return len(got) == len(EX_SCHEME) and all(
        g == g2 and s == s2 for (g, s), (g2, s2) in zip(got, EX_SCHEME, strict=True))


def _bbm_grid(m: int):  # noqa: ANN202
    """One-buyer priors on subsets of {1..6} with masses in (1/m)Z (lcm exactly m)."""
    return value_dists(range(1, 7), m)


L1_USES = ("p001/EX-1.BBM", "p001/P-2.reserve", "p001/P-8.OPT", "p001/P-1.phi")


@claim("p001/L-1.BP", source=paper.source("Section 2.2, the BBM scheme (l.156: 'The {gamma, S} specifies "
       "the signaling scheme')", 154, 156),
       statement="The BBM greedy returns a Bayes-plausible scheme: weights >= 0, sum gamma = 1, "
       "sum gamma S = D (one buyer, support in {1..6}, masses in (1/m)Z).",
       over={"m": Ints(1)}, limit={"m": 6}, readings=as_readings(BBM_READINGS, BBM_TEXTS, {"R1": "CHECKED", "R2": "CHECKED", "R2lit": "REFUTED"}, kinds={'R1': 'intended', 'R2': 'alternative', 'R2lit': 'literal'}), uses=L1_USES)
def l1_bp(m: int, reading: str) -> bool:
    for d in _bbm_grid(m):
        segs = bbm(d, reading)  # type: ignore[arg-type]
        total = sum((g for g, _ in segs), ZERO)
        mix = {v: sum((g * s.mass(v) for g, s in segs), ZERO) for v in d.support}
        if total != 1 or any(mix[v] != d.mass(v) for v in d.support) or any(g < 0 for g, _ in segs):
            note(prior=d, weights=[g for g, _ in segs], sum_weights=total, mixture=mix)
            return False
    return True


@claim("p001/L-1.1", source=paper.source("Lemma 1 (1)", 166),
       statement="For every BBM signal S_q, phi_{S_q}(v) >= 0 for all v in its support.",
       over={"m": Ints(1)}, limit={"m": 6}, readings=as_readings(BBM_READINGS, BBM_TEXTS, {"R1": "CHECKED", "R2": "CHECKED", "R2lit": "CHECKED"}, kinds={'R1': 'intended', 'R2': 'alternative', 'R2lit': 'literal'}), uses=L1_USES)
def l1_1(m: int, reading: str) -> bool:
    for d in _bbm_grid(m):
        for g, s in bbm(d, reading):  # type: ignore[arg-type]
            phi = virtual_values(s)
            if any(x < 0 for x in phi.values()) or g <= 0:
                note(prior=d, segment=s, phi=phi, weight=g)
                return False
    return True


@claim("p001/L-1.2", source=paper.source("Lemma 1 (2), CS(BBM) = OPT; l.29 revenue exactly R(D), always "
       "sold", 29, 167),
       statement="For one buyer, CS(BBM) = OPT = E[V] - r S(r), the revenue is exactly R(D) and "
       "the item is always sold (each segment's seller posts its smallest optimal price, l.154).",
       over={"m": Ints(1)}, limit={"m": 6}, readings=as_readings(BBM_READINGS, BBM_TEXTS, {"R1": "CHECKED", "R2": "CHECKED", "R2lit": "REFUTED"}, kinds={'R1': 'intended', 'R2': 'alternative', 'R2lit': 'literal'}), uses=L1_USES)
def l1_2(m: int, reading: str) -> bool:
    for d in _bbm_grid(m):
        segs = bbm(d, reading)  # type: ignore[arg-type]
        base = optimal_reserve(d)
        opt = d.mean() - base.revenue
        cs = sum((g * posted(s).cs for g, s in segs), ZERO)
        rev = sum((g * posted(s).revenue for g, s in segs), ZERO)
        sells = all(posted(s).always_sells for _, s in segs)
        if not (cs == opt and rev == base.revenue and sells):
            note(prior=d, CS=cs, OPT=opt, revenue=rev, R_D=base.revenue, always_sold=sells)
            return False
    return True


@claim("p001/L-1.2.D6", role="variant", deviation="Each segment's seller is the D6 revenue-optimal seller with a C1 tie rule, where l.154 fixes the lowest support price.", source=paper.source("Lemma 1 (2) with the D6 seller (C1)", 164, 167),
       statement="CS(BBM) = OPT when every segment's seller is the D6 revenue-optimal seller "
       "with the given tie convention (support in {1..4}, masses in (1/m)Z).",
       over={"m": Ints(1)}, limit={"m": 4},
       readings=as_readings({"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}, {"fav": "C1 fav: ties broken for the buyer (CS_max)",
                      "adv": "VARIANT, C1 adv: ties broken against the buyer (CS_min); l.154 "
                             "fixes the lowest price, so this is not the paper's rule"}, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}),
       uses=(*L1_USES, "p001/TH-4.D6"))
def l1_2_d6(m: int, tie: str) -> bool:
    evidence(LP_EVIDENCE)
    for d in value_dists(range(1, 5), m):
        segs = bbm(d, "R1")
        opt = d.mean() - seller_optimum(d).revenue
        cs = sum((g * seller_optimum(s).cs(tie) for g, s in segs), ZERO)  # type: ignore[arg-type]
        if cs != opt:
            note(prior=d, CS=cs, OPT=opt, segments=[(g, s) for g, s in segs])
            return False
    return True


@claim("p001/L-1.bound", source=paper.source("Lemma 1 (2), the lower bound", 167),
       statement="OPT >= Pr[V < r_D] E[V | V < r_D] = sum_{v < r_D} v f_D(v) (one buyer; the "
       "conditional expectation read as 0 when Pr[V < r_D] = 0).",
       over={"m": Ints(1)}, limit={"m": 6}, uses=L1_USES, expect="CHECKED")
def l1_bound(m: int) -> bool:
    for d in _bbm_grid(m):
        r = optimal_reserve(d)
        opt = d.mean() - r.revenue
        below = {v: x for v, x in d.items() if v < r.price}
        pr = sum(below.values(), ZERO)
        cond = sum((v * x for v, x in below.items()), ZERO) / pr if pr else ZERO
        total = sum((v * x for v, x in below.items()), ZERO)
        if not (opt >= pr * cond == total):
            note(prior=d, OPT=opt, pr_below=pr, cond_mean=cond, sum_below=total)
            return False
    return True


# ============================================================================= P-5 (Algorithm 1)

A1_READINGS = {"A1-R1": {"reading": "R1"}, "A1-R2": {"reading": "R2"},
               "A1-R3": {"reading": "R3"}}
A1_TEXTS = {
    "A1-R1": "step 4 as printed: the smallest z with phi_j(z) > w",
    "A1-R2": "step 4 with '>=': the smallest z with phi_j(z) >= w",
    "A1-R3": "step 4 as the threshold payment: the smallest report with which j still wins "
             "under the same tie rule",
}
A1_SRC = paper.source("Algorithm 1 and 'this auction is also ex-post IC and IR'", 121, 130)


def _regular_priors(n: int, m: int):  # noqa: ANN202
    for margs in product_priors(n, [1, 2, 3], m):
        if all(is_regular(d) for d in margs):
            yield margs


@claim("p001/P-5.expost", source=A1_SRC,
       statement="Algorithm 1 (ties: higher value first, then lower index) is ex-post IC and "
       "IR at every profile, for every regular product prior (n buyers, supports in {1,2,3}, "
       "masses in (1/m)Z).", over={"n": Ints(1), "m": Ints(1)}, limit={"n": 2, "m": 4},
       readings=as_readings(A1_READINGS, A1_TEXTS, {"A1-R1": "REFUTED", "A1-R2": "CHECKED", "A1-R3": "CHECKED"}, kinds={'A1-R1': 'literal', 'A1-R2': 'alternative', 'A1-R3': 'intended'}), uses=("p001/P-1.phi",))
def p5_expost(n: int, m: int, reading: str) -> bool:
    for margs in _regular_priors(n, m):
        out = alg1(margs, reading)  # type: ignore[arg-type]
        bad = expost_violation(out.auction)
        if bad is not None or out.undefined:
            note(priors=margs, phi=[virtual_values(d) for d in margs], violation=bad,
                 step4_undefined_at=out.undefined)
            return False
    return True


@claim("p001/P-5.opt", source=A1_SRC,
       statement="Algorithm 1 is revenue-optimal for a regular product prior: its revenue is "
       "R* of the D6 LP and its welfare lies in [W_min, W_max] of the optimal face (n buyers, "
       "supports in {1,2,3}, masses in (1/m)Z).", over={"n": Ints(1), "m": Ints(1)},
       limit={"n": 2, "m": 3}, readings=as_readings(A1_READINGS, A1_TEXTS, {"A1-R1": "REFUTED", "A1-R2": "REFUTED", "A1-R3": "CHECKED"}, kinds={'A1-R1': 'literal', 'A1-R2': 'alternative', 'A1-R3': 'intended'}), uses=("p001/P-1.phi", "p001/TH-4.D6"))
def p5_opt(n: int, m: int, reading: str) -> bool:
    evidence(LP_EVIDENCE)
    for margs in _regular_priors(n, m):
        joint = product(*margs)
        out = alg1(margs, reading)  # type: ignore[arg-type]
        rev, wel = out.auction.revenue(joint), out.auction.welfare(joint)
        opt = seller_optimum(joint, [sorted(d.support) for d in margs])
        if not (rev == opt.revenue and opt.welfare_min <= wel <= opt.welfare_max):
            note(priors=margs, alg1_revenue=rev, R_star=opt.revenue, alg1_welfare=wel,
                 welfare_face=(opt.welfare_min, opt.welfare_max))
            return False
    return True


# ============================================================================= IN-1


def _myerson(margs: tuple[Distribution, ...]) -> tuple[Fraction, Fraction, Fraction, Fraction]:
    joint = product(*margs)
    m = alg1(margs, "R3").auction
    return m.revenue(joint), second_price_revenue(margs), m.welfare(joint), efficient_welfare(joint)


IN1_SRC = paper.source("Introduction, points M and V", 21)


@claim("p001/IN-1", source=IN1_SRC,
       statement="Myerson's mechanism (point M) has revenue R^M greater than that under VCG, "
       "but also lies strictly below the maximum-welfare line (W^M < W*). M = Algorithm 1 "
       "with threshold payments (A1-R3); VCG = second price without reserve; product priors "
       "with n buyers, supports in {1,2,3}, masses in (1/m)Z.",
       over={"n": Ints(1), "m": Ints(1)}, limit={"n": 2, "m": 4},
       readings=as_readings({"R1": {"strict": True}, "R2": {"strict": False}}, {"R1": "R^M > R^VCG and W^M < W* for every product prior",
                      "R2": "R^M >= R^VCG and W^M < W* for every product prior"}, {"R1": "REFUTED", "R2": "REFUTED"}, kinds={'R1': 'literal', 'R2': 'alternative'}),
       uses=("p001/P-8.OPT",), rests_on=("p001/P-5.opt@A1-R3",))
def in1(n: int, m: int, strict: bool) -> bool:
    for margs in product_priors(n, [1, 2, 3], m):
        rm, rv, wm, ws = _myerson(margs)
        rev_ok = rm > rv if strict else rm >= rv
        if not (rev_ok and wm < ws):
            note(priors=margs, R_M=rm, R_VCG=rv, W_M=wm, W_star=ws)
            return False
    return True


@claim("p001/IN-1.weak", role="variant", deviation='Both relations weak (>= and <=) instead of the printed strict ones.', source=IN1_SRC,
       statement="VARIANT (both relations weak; not the printed statement): R^M >= R^VCG and "
       "W^M <= W* for every product prior (as in p001/IN-1).",
       over={"n": Ints(1), "m": Ints(1)}, limit={"n": 2, "m": 4}, uses=("p001/P-8.OPT",),
       rests_on=("p001/P-5.opt@A1-R3",), expect="CHECKED")
def in1_weak(n: int, m: int) -> bool:
    for margs in product_priors(n, [1, 2, 3], m):
        rm, rv, wm, ws = _myerson(margs)
        if not (rm >= rv and wm <= ws):
            note(priors=margs, R_M=rm, R_VCG=rv, W_M=wm, W_star=ws)
            return False
    return True


@claim("p001/IN-1.R3", source=IN1_SRC,
       statement="R3 (illustrative): for some product prior, R^M > R^VCG and W^M < W* for every "
       "revenue-optimal mechanism (D6: R* > E[second-highest value], W_max < W*); here two "
       "i.i.d. buyers uniform on {1, 2, 3}.", uses=("p001/P-8.OPT", "p001/TH-4.D6"),
       expect="PROVED")
def in1_r3() -> bool:
    evidence(LP_EVIDENCE)
    u = Distribution.uniform([1, 2, 3])
    joint = product(u, u)
    opt = seller_optimum(joint)
    rv, ws = second_price_revenue((u, u)), efficient_welfare(joint)
    note(R_star=opt.revenue, R_VCG=rv, W_max=opt.welfare_max, W_star=ws)
    return opt.revenue > rv and opt.welfare_max < ws


# ============================================================================= TH-4 (Cremer-McLean)

# two-point type sets (buyer 1, buyer 2): the D11 order, interleaved, equal, nested supports
PATTERNS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "D11": ((3, 4), (1, 2)), "interleaved": ((2, 4), (1, 3)), "equal": ((1, 2), (1, 2)),
    "nested": ((1, 4), (2, 3)),
}


def _cells(pattern: str) -> list[tuple[Fraction, Fraction]]:
    (lo1, hi1), (lo2, hi2) = PATTERNS[pattern]
    return [(F(hi1), F(hi2)), (F(hi1), F(lo2)), (F(lo1), F(hi2)), (F(lo1), F(lo2))]


def _full_extraction(joint: Distribution, pattern: str) -> bool:
    vals = [sorted({F(x) for x in PATTERNS[pattern][i]}) for i in range(2)]
    opt = seller_optimum(joint, vals)
    ws = efficient_welfare(joint)
    note(joint=joint, R=opt.revenue, E_max=ws, cs_interval=opt.cs_interval)
    return opt.revenue == ws and opt.cs_min == opt.cs_max == 0


@claim("p001/TH-4", source=paper.source("Theorem 4 (Cremer-McLean)", 132, 134),
       statement="For n = 2 buyers with K_i = 2 and a correlated joint D', the seller extracts "
       "E_{D'}[max(V_1, V_2)] as revenue, so CS(D') = {0} (D6 optimum and its whole face). "
       "Cells in (1/m)Z; value patterns: D11 order, interleaved, equal and nested supports.",
       over={"pattern": Samples.of(tuple(PATTERNS), "value patterns"), "m": Ints(1)}, limit={"m": 5},
       note="Theorem 4 holds for every correlated prior on any two-point type sets; one "
       "hand-picked value set per order pattern (samples of the values) x every joint with cells "
       "in (1/m)Z (the symbolic form on the D11 order is TH-4.D11).",
       readings=as_readings({"R1": {"full_support": False}, "R2": {"full_support": True}}, {"R1": "every non-product D' (zero cells allowed)",
                      "R2": "full-support D' only"}, {"R1": "SAMPLED", "R2": "SAMPLED"}, kinds={'R1': 'intended', 'R2': 'alternative'}),
       uses=("p001/TH-4.D6",))
def th4(pattern: str, m: int, full_support: bool) -> bool:
    evidence(LP_EVIDENCE)
    for joint in joint_grid(_cells(pattern), m):
        if is_product(joint) or (full_support and len(joint.support) < 4):
            continue
        if not _full_extraction(joint, pattern):
            return False
    return True


@claim("p001/TH-4.lottery", source=paper.source("Theorem 4 (Cremer-McLean), explicit side bets", 132, 134),
       statement="Parametric form for the 2x2 family c_t = (1/4+t, 1/4-t, 1/4-t, 1/4+t) on "
       "(a,c),(a,d),(b,c),(b,d) with (a,b,c,d) = (8,4,2,1), 0 < t < 1/4: the mechanism "
       "'buyer 1 always wins and pays v_1 + L(v_1, v_2)', L(a,.) = 0, L(b,c) = (1/2+2t)/t, "
       "L(b,d) = -(1/2-2t)/t, buyer 2 pays 0, is interim IC and IR with revenue W* = 6.",
       uses=("p001/TH-4.D6",), expect="PROVED")
def th4_lottery() -> Forall:
    return _cm_forall()


T = sp.Symbol("t", real=True)


def _cm_forall() -> Forall:
    a, b, c, d = 8, 4, 2, 1
    mass = {(a, c): R(F(1, 4)) + T, (a, d): R(F(1, 4)) - T, (b, c): R(F(1, 4)) - T,
            (b, d): R(F(1, 4)) + T}
    pay = {(a, c): sp.Integer(a), (a, d): sp.Integer(a),
           (b, c): b + (R(F(1, 2)) + 2 * T) / T, (b, d): b - (R(F(1, 2)) - 2 * T) / T}
    then: dict[str, sp.Basic] = {}
    for x in (a, b):  # buyer 1: interim utility of type x reporting y (times Pr[v1 = x])
        for y in (a, b):
            u = sp.Add(*[mass[(x, v2)] * (x - pay[(y, v2)]) for v2 in (c, d)])
            if x == y:
                then[f"IR buyer 1, type {x}"] = sp.Ge(u, 0, evaluate=False)
            else:
                truthful = sp.Add(*[mass[(x, v2)] * (x - pay[(x, v2)]) for v2 in (c, d)])
                then[f"IC buyer 1, {x} -> {y}"] = sp.Ge(truthful, u, evaluate=False)
    # buyer 2 never wins and pays 0: utility 0 under every report (IC and IR hold)
    revenue = sp.Add(*[mass[v] * pay[v] for v in mass])
    wstar = sp.Add(*[mass[v] * max(v) for v in mass])
    then["revenue = W*"] = sp.Eq(revenue, wstar, evaluate=False)
    then["W* = 6"] = sp.Eq(wstar, 6, evaluate=False)
    return Forall({T: Reals(0, F(1, 4), lo_open=True, hi_open=True)}, then=then)


# ============================================================================= IN-3

IN3_D = Distribution({(F(8), F(2)): F(1, 4), (F(8), F(1)): F(1, 4), (F(4), F(2)): F(1, 4),
                      (F(4), F(1)): F(1, 4)})
IN3_T = (F(1, 100), F(1, 1000), F(1, 10**6))


def _perturb(d: Distribution, cells: list[tuple[Fraction, Fraction]], t: Fraction) -> Distribution:
    sign = (1, -1, -1, 1)
    return Distribution({v: d.mass(v) + s * t for v, s in zip(cells, sign, strict=True)})


@claim("p001/IN-3", source=paper.source("Section 1.2, Cremer-McLean discontinuity", 68),
       statement="Slightly perturbing an independent prior to a correlated one can "
       "discontinuously increase the revenue to W*: for D uniform on {8,4} x {2,1} (the "
       "normalised Section 3 instance) and D_t = D + t(+1,-1,-1,+1), lim_{t->0+} R(D_t) = 6 "
       "= W*(D) != R(D) = 9/2 (own check: the exact LPs at t = 0, 1/100, 1/1000, 10^-6).",
       uses=("p001/TH-4.D6", "p001/P-8.OPT"), expect="PROVED",
       by=Derivation(("p001/TH-4.lottery",),
                     "for every t in (0, 1/4) the mechanism of TH-4.lottery is feasible for "
                     "D_t, so R(D_t) >= 6, and interim IR gives R(D_t) <= W(D_t) <= W*(D_t) = 6; "
                     "hence R(D_t) = 6 for all such t while R(D_0) = 9/2 (exact LP)"))
def in3() -> bool:
    evidence(LP_EVIDENCE)
    cells = sorted(IN3_D.support, reverse=True)
    r0 = seller_optimum(IN3_D).revenue
    rt = [seller_optimum(_perturb(IN3_D, cells, t)).revenue for t in IN3_T]
    note(R_D=r0, R_Dt=rt, W_star=efficient_welfare(IN3_D))
    return r0 == F(9, 2) and all(x == 6 for x in rt) and efficient_welfare(IN3_D) == 6


@claim("p001/IN-3.cs", source=paper.source("Section 1.2, '... hence decreasing consumer surplus to 0'", 68),
       statement="For product 2x2 priors D (cells in (1/m)Z, D11-order and interleaved values) "
       "and every t > 0 with D_t >= 0: R(D_t) = W*(D_t) and CS(D_t) = {0}.",
       over={"t": Samples.of(IN3_T, "values of t"), "m": Ints(2)}, limit={"m": 4},
       note="t is a real parameter (every t > 0 with D_t >= 0); it is sampled at 3 values, and "
       "the value patterns are hand-picked (the symbolic family is TH-4.lottery).",
       uses=("p001/TH-4.D6",), expect="SAMPLED")
def in3_cs(t: Fraction, m: int) -> bool:
    evidence(LP_EVIDENCE)
    for pattern in ("D11", "interleaved"):
        cells = _cells(pattern)
        for d in joint_grid(cells, m):
            if not is_product(d):
                continue
            if t > min(d.mass(cells[1]), d.mass(cells[2])):
                continue
            if not _full_extraction(_perturb(d, cells, t), pattern):
                note(prior=d, t=t)
                return False
    return True


# ============================================================================= IN-2 (= P-7)

IN2_PRIORS = (
    IN3_D,
    product(Distribution({1: F(1, 3), 3: F(2, 3)}), Distribution({1: F(1, 2), 2: F(1, 2)})),
)
IN2_NOTE = ("The revenue floor is stated for every product prior; two hand-picked 2x2 product "
            "priors (samples) x every two-signal scheme on the (1/m)Z grid.")


@claim("p001/IN-2", source=paper.source("Section 1 (l.25) and Section 2.2 (l.144): revenue floor", 25, 146),
       statement="For a product D and every Bayes-plausible scheme Z: R(Z) >= R(D), hence "
       "CS(Z) <= OPT (checked for CS_max, i.e. under both C1 conventions). Schemes: two signals, "
       "S_1 any (correlated) distribution on D's support with masses in (1/m)Z, weight in "
       "{1/m, ..., (m-1)/m}; two 2x2 product priors.",
       over={"prior": Samples(len(IN2_PRIORS), "2x2 product priors (IN2_PRIORS)"), "m": Ints(2)},
       limit={"m": 3}, note=IN2_NOTE, uses=("p001/P-8.OPT", "p001/P-6.scheme"),
       expect="SAMPLED")
def in2(prior: int, m: int) -> bool:
    evidence(LP_EVIDENCE)
    note(prior_index=prior)
    for dist in (IN2_PRIORS[prior],):
        rd = seller_optimum(dist).revenue
        opt = efficient_welfare(dist) - rd
        for scheme in _two_signal_schemes(dist, m):
            out = evaluate(scheme, "fav")
            if not (out.revenue >= rd and out.cs_interval[1] <= opt):
                note(prior=dist, scheme=scheme.signals, R_Z=out.revenue, R_D=rd,
                     CS_max=out.cs_interval[1], OPT=opt)
                return False
    return True


@claim("p001/IN-2.l144", source=paper.source("Section 2.2, 'Myerson's auction on D is ex-post IC and IR'",
       144), statement="Myerson's auction on the product prior D (Algorithm 1 with threshold "
       "payments) is ex-post IC and IR, earns R(D) on D, and is feasible for every signal S_q: "
       "its revenue under S_q is at most R(S_q) and the gamma-weighted sum of its revenues is "
       "R(D) (schemes as in p001/IN-2).",
       over={"prior": Samples(len(IN2_PRIORS), "2x2 product priors (IN2_PRIORS)"), "m": Ints(2)},
       limit={"m": 3}, note=IN2_NOTE, uses=("p001/P-8.OPT", "p001/P-6.scheme"),
       expect="SAMPLED")
def in2_l144(prior: int, m: int) -> bool:
    evidence(LP_EVIDENCE)
    note(prior_index=prior)
    for dist in (IN2_PRIORS[prior],):
        margs = tuple(dist.marginal(i) for i in range(2))
        mech = alg1(margs, "R3").auction
        rd = seller_optimum(dist).revenue
        if expost_violation(mech) is not None or mech.revenue(dist) != rd:
            note(prior=dist, mechanism=mech, R_D=rd)
            return False
        for scheme in _two_signal_schemes(dist, m):
            revs = [mech.revenue(s) for _, s in scheme.signals]
            opts = [seller_optimum(s, [sorted(d.support) for d in margs]).revenue
                    for _, s in scheme.signals]
            total = sum((g * r for (g, _), r in zip(scheme.signals, revs, strict=True)), ZERO)
            if any(r > o for r, o in zip(revs, opts, strict=True)) or total != rd:
                note(prior=dist, scheme=scheme.signals, myerson_revenues=revs, R_S=opts)
                return False
    return True


# ============================================================================= S3-2, LP-2

S3_NOTE = ("The Section 3 instance is every a > b > c > d > 0; the exact LP is solved on 2 "
           "hand-picked value tuples (samples of it) x every signal of the (1/m)Z grid.")
S3_INST = ((F(8), F(4), F(2), F(1)), (F(5), F(3), F(2), F(1)))  # (a, b, c, d): normalised, not


def _product_signal(a: Fraction, b: Fraction, c: Fraction, d: Fraction, A: Fraction,
                    B: Fraction) -> Distribution:
    mu = (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))
    return Distribution({v: x for v, x in zip(((a, c), (a, d), (b, c), (b, d)), mu, strict=True)
                         if x})


@claim("p001/S3-2.i", source=paper.source("Section 3, 'any signal that correlates the buyers raises zero "
       "consumer surplus'", 173), statement="Every correlated signal of the Section 3 "
       "instance (a > b > c > d; cells in (1/m)Z) has CS = {0} (Theorem 4 on the D11 values).",
       over={"inst": Samples.of(S3_INST, "value tuples (a,b,c,d)"), "m": Ints(1)}, limit={"m": 5},
       note=S3_NOTE, uses=("p001/S3-1.instance", "p001/TH-4.D6"), expect="SAMPLED")
def s3_2_i(inst: tuple, m: int) -> bool:
    evidence(LP_EVIDENCE)
    for a, b, c, d in (inst,):
        cells = [(a, c), (a, d), (b, c), (b, d)]
        for joint in joint_grid(cells, m):
            if is_product(joint):
                continue
            opt = seller_optimum(joint, [[b, a], [d, c]])
            if not opt.cs_min == opt.cs_max == 0:
                note(joint=joint, cs_interval=opt.cs_interval)
                return False
    return True


@claim("p001/S3-2.ii", source=paper.source("Section 3, 'for a signal to get maximum welfare the optimal "
       "mechanism must always award buyer 1'", 173),
       statement="With v_1 > v_2 > 0 at a profile (a > b > c > d), an allocation x_1, x_2 >= 0, "
       "x_1 + x_2 <= 1 reaches the maximum welfare v_1 there only if x_1 = 1.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def s3_2_ii() -> Forall:
    v1, v2, x1, x2 = sp.symbols("v1 v2 x1 x2", real=True)
    return Forall({v1: POS, v2: POS, x1: UNIT, x2: UNIT},
                  given={"v1 > v2": sp.Gt(v1, v2), "feasible": sp.Le(x1 + x2, 1),
                         "full welfare": sp.Eq(v1 * x1 + v2 * x2, v1)},
                  then={"x1 = 1": sp.Eq(x1, 1)})


@claim("p001/S3-2.iii", source=paper.source("Section 3, 'for non-zero consumer surplus it must award the "
       "item to buyer 1 at price b, or buyer 2 at price d'", 173),
       statement="For every product signal (alpha', beta') in ((1/m)Z)^2, every revenue-optimal "
       "mechanism leaves buyer 1 of value b and buyer 2 of value d zero interim utility, so "
       "CS > 0 only through buyer 1 of value a or buyer 2 of value c paying less than their "
       "value (in the posted-price mechanisms of Prop. 1: buyer 1 at b, buyer 2 at d).",
       over={"inst": Samples.of(S3_INST, "value tuples (a,b,c,d)"), "m": Ints(1)}, limit={"m": 4},
       note=S3_NOTE, uses=("p001/S3-1.instance", "p001/TH-4.D6"), expect="SAMPLED")
def s3_2_iii(inst: tuple, m: int) -> bool:
    evidence(LP_EVIDENCE)
    for a, b, c, d in (inst,):
        for i, j in itertools.product(range(m + 1), repeat=2):
            A, B = F(i, m), F(j, m)
            if max(A.denominator, B.denominator) != m:
                continue
            opt = seller_optimum(_product_signal(a, b, c, d, A, B), [[b, a], [d, c]])
            low = low_type_utility_max(opt)
            if low != 0:
                note(instance=(a, b, c, d), signal=(A, B), low_type_utility=low,
                     cs_interval=opt.cs_interval)
                return False
    return True


def _lp2_r1(prior: Distribution, signals: list[Distribution], tie: str) -> Fraction:
    """LP (2) as printed: max sum gamma_s CS(s) s.t. sum gamma_s mu(s) <= mu(prior), gamma >= 0
    (certified), CS(s) the D6 value under ``tie``."""
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve

    vals = [sorted({v[i] for v in prior.support}) for i in range(2)]
    cs = [seller_optimum(s, vals).cs(tie) for s in signals]  # type: ignore[arg-type]
    names = [f"g{k}" for k in range(len(signals))]
    rows = [Constraint(f"cell{v}", {nm: s.mass(v) for nm, s in zip(names, signals, strict=True)
                                    if s.mass(v)}, "<=", prior.mass(v))
            for v in sorted(prior.support)]
    lp = LinearProgram(tuple(Variable(nm) for nm in names),
                       {nm: x for nm, x in zip(names, cs, strict=True) if x}, tuple(rows), "max")
    res = solve(lp)
    assert res.status == "optimal" and res.value is not None
    return res.value


LP2_INSTS = ((S3_INST[0], (F(1, 2), F(1, 2))), (S3_INST[1], (F(1, 2), F(1, 3))))


@claim("p001/LP-2", source=paper.source("LP (2) and 'the signaling scheme that maximizes consumer surplus "
       "is the solution to the following linear program'", 197, 212),
       statement="Per instance, the value of LP (2) as printed (product signals only, '<=' "
       "rows, LP-R1) equals the best CS over Bayes-plausible schemes ('=' rows, sum gamma = 1, "
       "correlated and point-mass signals allowed, LP-R2), over the same finite families: "
       "product signals in ((1/m)Z)^2 and correlated signals with cells in (1/m)Z.",
       over={"inst": Samples.of(LP2_INSTS, "instances (a,b,c,d), (alpha, beta)"), "m": Ints(2)},
       limit={"m": 4},
       note="LP (2) is stated for every instance; 2 hand-picked instances (samples) x the "
       "(1/m)Z families of signals.",
       readings=as_readings({"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}, {"fav": "C1 fav: each signal's CS is CS_max",
                      "adv": "C1 adv: each signal's CS is CS_min"}, {"fav": "SAMPLED", "adv": "SAMPLED"}, kinds={'fav': 'intended', 'adv': 'alternative'}),
       uses=("p001/S3-1.instance", "p001/TH-4.D6", "p001/P-6.scheme"))
def lp2(inst: tuple, m: int, tie: str) -> bool:
    from verify.mech.signaling import optimal_scheme

    evidence(LP_EVIDENCE)
    for (a, b, c, d), (al, be) in (inst,):
        prior = _product_signal(a, b, c, d, al, be)
        prods = [_product_signal(a, b, c, d, F(i, m), F(j, m))
                 for i in range(m + 1) for j in range(m + 1)]
        corr = [x for x in joint_grid([(a, c), (a, d), (b, c), (b, d)], m) if not is_product(x)]
        v1 = _lp2_r1(prior, prods, tie)
        v2 = optimal_scheme(prior, prods + corr, tie=tie, values=[[b, a], [d, c]]).value  # type: ignore[arg-type]
        if v1 != v2:
            note(instance=(a, b, c, d), prior=(al, be), V_R1=v1, V_R2=v2)
            return False
    return True


@claim("p001/TH-4.D11", source=paper.source("Theorem 4 for the Section 3 value order (used in l.173)",
       132, 173),
       statement="For every correlated 2x2 joint on {a, b} x {c, d} with a > b > c > d > 0 "
       "(cells pac, pad, pbc, pbd >= 0, det = pac pbd - pad pbc != 0), the mechanism 'buyer 1 "
       "always wins and pays v_1 + L(v_1, v_2)', L(a,.) = 0, L(b,c) = (a-b) pa pbd/det, "
       "L(b,d) = -(a-b) pa pbc/det (pa = pac + pad), buyer 2 pays 0, is interim IC and IR "
       "and earns W* = E[max(V_1, V_2)] = E[V_1].",
       uses=("p001/TH-4.D6", "p001/S3-1.instance"), expect="PROVED")
def th4_d11() -> Forall:
    pac, pad, pbc, pbd = sp.symbols("pac pad pbc pbd", real=True)
    pa, det = pac + pad, pac * pbd - pad * pbc
    Lc, Ld = (a_ - b_) * pa * pbd / det, -(a_ - b_) * pa * pbc / det
    ua_b = pac * (a_ - (b_ + Lc)) + pad * (a_ - (b_ + Ld))  # type a reports b
    ub = pbc * (b_ - (b_ + Lc)) + pbd * (b_ - (b_ + Ld))    # type b truthful
    ub_a = (pbc + pbd) * (b_ - a_)                             # type b reports a
    revenue = pa * a_ + pbc * (b_ + Lc) + pbd * (b_ + Ld)
    wstar = pa * a_ + (pbc + pbd) * b_
    return Forall({**VALS, pac: UNIT, pad: UNIT, pbc: UNIT, pbd: UNIT},
                  given={**ORDER, "sum = 1": sp.Eq(pac + pad + pbc + pbd, 1, evaluate=False),
                         "correlated": sp.Ne(det, 0, evaluate=False)},
                  then={"IR type a (utility 0)": sp.Ge(pa * (a_ - a_), 0, evaluate=False),
                        "IC a -> b": sp.Le(ua_b, 0, evaluate=False),
                        "IR type b": sp.Ge(ub, 0, evaluate=False),
                        "IC b -> a": sp.Le(ub_a, ub, evaluate=False),
                        "revenue = W*": sp.Eq(revenue, wstar, evaluate=False)})


# ============================================================================= TH-1 and its proof

eps = sp.Symbol("eps", real=True)


def th1_family(e: sp.Expr | Fraction) -> dict[str, sp.Expr]:
    """The explicit Theorem 1 instance for epsilon e (generator of spec 3.3, made exact):
    a = 4, c = 1, b = 1 + e^2/16, d = (1 - e/2) b, phi_2(d) = tau = e^2/16, phi_1(b) = 2 tau
    (so beta = (d - tau)/(1 - tau), alpha = (b - 2 tau)/(a - 2 tau))."""
    e = R(e) if isinstance(e, Fraction | int) else e
    a, c = sp.Integer(4), sp.Integer(1)
    b = 1 + e**2 / 16
    d = (1 - e / 2) * b
    tau = e**2 / 16
    return {"a": a, "b": b, "c": c, "d": d, "alpha": (b - 2 * tau) / (a - 2 * tau),
            "beta": (d - tau) / (1 - tau), "tau": tau}


def _f(x: sp.Expr) -> Fraction:
    x = sp.nsimplify(x)
    return F(int(x.p), int(x.q))


def th1_bound_terms(p: dict[str, sp.Expr]) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    a, b, c, d, al, be = (p[k] for k in ("a", "b", "c", "d", "alpha", "beta"))
    alpha1 = (b - c) / (a - c)
    case1 = alpha1 * (a - b)                  # case-1 signals: CS <= alpha_1 (a-b) in total
    case4 = (1 - al) * (1 - be) * (b - d)     # case-4, beta' = 0: gamma alpha'(a-b) <= ...
    csd = al * (1 - be) * (a - b)             # CS(D), case 4 at the prior
    return case1, case4, csd


@claim("p001/TH-1.sym", role="step", of="p001/TH-1", source=paper.source("Theorem 1 (l.49) and its proof (l.242-256)", 49, 256),
       statement="For every eps in (0, 1] the explicit instance th1_family(eps) satisfies "
       "a > b > c > d > 0, alpha, beta in (0, 1), 0 < phi_2(d) < phi_1(b) < c (case 4 at the "
       "prior) and alpha_1 (a-b) + (1-alpha)(1-beta)(b-d) <= eps alpha (1-beta)(a-b) (the "
       "efficient-CS bound of the proof, with the actual alpha, beta, against eps CS(D)).",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1_sym() -> Forall:
    p = th1_family(eps)
    case1, case4, csd = th1_bound_terms(p)
    al, be = p["alpha"], p["beta"]
    ph1, ph2 = phi1(al, p["a"], p["b"]), phi2(be, p["c"], p["d"])
    return Forall({eps: Reals(0, 1, lo_open=True)},
                  then={"a > b": sp.Gt(p["a"], p["b"]), "b > c": sp.Gt(p["b"], p["c"]),
                        "c > d": sp.Gt(p["c"], p["d"]), "d > 0": sp.Gt(p["d"], 0),
                        "0 < alpha < 1": sp.And(sp.Gt(al, 0), sp.Lt(al, 1)),
                        "0 < beta < 1": sp.And(sp.Gt(be, 0), sp.Lt(be, 1)),
                        "phi_2(d) = tau > 0": sp.And(sp.Eq(ph2, p["tau"]), sp.Gt(p["tau"], 0)),
                        "phi_1(b) = 2 tau < c": sp.And(sp.Eq(ph1, 2 * p["tau"]),
                                                       sp.Lt(2 * p["tau"], p["c"])),
                        "bound <= eps CS(D)": sp.Le(case1 + case4, eps * csd)})


def _inst(p: dict[str, sp.Expr]) -> tuple[Fraction, ...]:
    return tuple(_f(p[k]) for k in ("a", "b", "c", "d", "alpha", "beta"))


def _z3_efficient_dual_ok(inst: tuple[Fraction, ...], y: tuple[Fraction, ...]) -> bool:
    """z3: no product signal (A, B) in the E-R1 efficient region {A < 1 and (phi_1(b|s) >= c
    or (B = 0 and phi_1(b|s) >= d))} has A(a-b) > y . mu(A, B) (A = 1 has CS 0 <= y.mu)."""
    import z3

    a, b, c, d = (z3.RealVal(f"{x.numerator}/{x.denominator}") for x in inst[:4])
    A, B = z3.Reals("A B")
    ys = [z3.RealVal(f"{x.numerator}/{x.denominator}") for x in y]
    mu = (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))
    ymu = sum((yy * m for yy, m in zip(ys, mu, strict=True)), z3.RealVal(0))
    phi1_num = b * (1 - A) - A * (a - b)  # phi_1(b|s) (1 - A)
    eff = z3.And(A < 1, z3.Or(phi1_num >= c * (1 - A), z3.And(B == 0, phi1_num >= d * (1 - A))))
    sol = z3.Solver()
    sol.add(A >= 0, A <= 1, B >= 0, B <= 1, eff, A * (a - b) > ymu)
    res = sol.check()
    if res == z3.unknown:
        raise RuntimeError("z3 gave up on the dual certificate")
    return res == z3.unsat


def th1_value(inst: tuple[Fraction, ...]) -> tuple[Fraction, tuple[Fraction, ...]]:
    """The efficient LP: columns (alpha_1, 0), (alpha_1, 1), (alpha_4, 0) with CS = A(a-b),
    rows sum gamma mu(s) <= mu(alpha, beta); returns the certified value and its dual y."""
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve

    a, b, c, d, al, be = inst
    a1, a4 = (b - c) / (a - c), (b - d) / (a - d)
    cols = {"g1": (a1, ZERO), "g2": (a1, ONE), "g3": (a4, ZERO)}

    def mu(A: Fraction, B: Fraction) -> tuple[Fraction, ...]:
        return (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))

    target = mu(al, be)
    rows = tuple(Constraint(f"cell{i}", {g: mu(*s)[i] for g, s in cols.items() if mu(*s)[i]},
                            "<=", target[i]) for i in range(4))
    lp = LinearProgram(tuple(Variable(g) for g in cols), {g: s[0] * (a - b) for g, s in cols.items()},
                       rows, "max")
    res = solve(lp)
    assert res.status == "optimal" and res.value is not None
    y = tuple(res.certificate.y.get(f"cell{i}", ZERO) for i in range(4))
    return res.value, y


TH1_EFF = {"E-R1": {"reading": "E-R1"}, "E-R2": {"reading": "E-R2"},
           "E-R3fav": {"reading": "E-R3fav"}, "E-R3adv": {"reading": "E-R3adv"}}
TH1_EFF_TEXT = {
    "E-R1": "a signal is efficient if SOME revenue-optimal mechanism allocates to a "
            "highest-value buyer on every positive-mass profile (W_max = W*)",
    "E-R2": "a signal is efficient if EVERY revenue-optimal mechanism does (W_min = W*)",
    "E-R3fav": "W(S_q) = W*(S_q) under C1 fav (the seller's welfare is W_max); equals E-R1",
    "E-R3adv": "W(S_q) = W*(S_q) under C1 adv (the seller's welfare is W_min); equals E-R2",
}


@claim("p001/TH-1", source=paper.source("Theorem 1", 49),
       statement="For n = 2, K_i = 2 and every eps > 0 there are a > b > c > d > 0 and alpha, "
       "beta in (0,1) such that every scheme whose revenue-optimal auctions allocate to a "
       "highest-value buyer has CS(Z) <= eps CS(D). Own check at eps = 1/k: the instance "
       "th1_family(eps), the certified efficient LP (corner columns) and a z3 check that its "
       "dual bounds CS on the whole E-R1 efficient region, against eps CS(D) (D6, unique).",
       over={"k": Ints(1)}, limit={"k": 6}, readings=as_readings(TH1_EFF, TH1_EFF_TEXT, {r: "PROVED" for r in TH1_EFF}, kinds={'E-R1': 'intended', 'E-R2': 'alternative', 'E-R3fav': 'alternative', 'E-R3adv': 'alternative'}), uses=("p001/S3-1.instance", "p001/TH-4.D6"),
       by=Derivation(("p001/TH-1.sym", "p001/TH-1.eff.sym", "p001/TH1-P.P3", "p001/TH1-P.P4",
                      "p001/TH1-P.P7", "p001/S3-2.i.sym"),
                     "Myerson's characterisation for independent two-point priors (trusted: a "
                     "revenue-optimal BIC/IR mechanism maximises virtual surplus at every "
                     "positive-mass profile and leaves the low types zero utility), so every "
                     "efficient product signal with A < 1 lies in {phi_1 >= c} or {B = 0, "
                     "phi_1 >= d} with CS = A(a-b) (TH-1.eff.sym, P3, P7; A = 1 gives CS 0, P4); "
                     "correlated signals give CS 0 (S3-2.i.sym); summing constraints 4 and the "
                     "total weight bounds the LP by alpha_1(a-b) + (1-alpha)(1-beta)(b-d) <= eps "
                     "CS(D) for eps <= 1 (TH-1.sym); for eps > 1 the eps = 1 instance serves"))
def th1(k: int, reading: str) -> bool:
    evidence(LP_EVIDENCE)
    e = F(1, k)
    inst = _inst(th1_family(e))
    a, b, c, d, al, be = inst
    prior = _product_signal(a, b, c, d, al, be)
    opt = seller_optimum(prior, [[b, a], [d, c]])
    value, y = th1_value(inst)
    certified = _z3_efficient_dual_ok(inst, y)
    note(eps=e, instance=inst, V_eff=value, dual=y, CS_D=opt.cs_interval, z3_dual_ok=certified)
    csd = al * (1 - be) * (a - b)
    return opt.cs_min == opt.cs_max == csd and certified and value <= e * csd


TH1_EFF_INSTS = (_inst(th1_family(F(1, 2)))[:4], _inst(th1_family(F(1, 4)))[:4],
                 (F(8), F(4), F(2), F(1)))


@claim("p001/TH-1.eff", role="step", of="p001/TH-1", source=paper.source("Theorem 1 proof: the efficient signals", 242, 244),
       statement="For product signals (A, B) in ((1/m)Z)^2 of the instances th1_family(1/2), "
       "th1_family(1/4) and (a,b,c,d) = (8,4,2,1): the signal is efficient (per reading) iff "
       "A = 1, or phi_1(b|s) >= c, or (B = 0 and phi_1(b|s) >= d) [E-R1 / E-R3fav; with '>' "
       "for E-R2 / E-R3adv], and then its CS is A(a-b) (0 at A = 1).",
       over={"inst": Samples.of(TH1_EFF_INSTS, "value tuples (a,b,c,d)"), "m": Ints(1)}, limit={"m": 3},
       note="The efficient-signal characterisation is for every a > b > c > d > 0; the exact LP "
       "is solved on 3 hand-picked value tuples (samples) x every signal of the (1/m)Z grid.",
       readings=as_readings(TH1_EFF, TH1_EFF_TEXT, {r: "SAMPLED" for r in TH1_EFF}, kinds={'E-R1': 'intended', 'E-R2': 'alternative', 'E-R3fav': 'alternative', 'E-R3adv': 'alternative'}), uses=("p001/S3-1.instance", "p001/TH-4.D6"))
def th1_eff(inst: tuple, m: int, reading: str) -> bool:
    evidence(LP_EVIDENCE)
    strict = reading in ("E-R2", "E-R3adv")
    for a, b, c, d in (inst,):
        for i, j in itertools.product(range(m + 1), repeat=2):
            A, B = F(i, m), F(j, m)
            if max(A.denominator, B.denominator) != m:
                continue
            s = _product_signal(a, b, c, d, A, B)
            opt = seller_optimum(s, [[b, a], [d, c]])
            ws = efficient_welfare(s)
            w = opt.welfare_max if reading in ("E-R1", "E-R3fav") else opt.welfare_min
            efficient = w == ws
            if A == 1:
                predicted = True
            else:
                p1v = b - (a - b) * A / (1 - A)
                if strict:
                    predicted = p1v > c or (B == 0 and p1v > d)
                else:
                    predicted = p1v >= c or (B == 0 and p1v >= d)
            cs_ok = (not efficient) or (ws - opt.revenue == (A * (a - b) if A < 1 else ZERO))
            if efficient != predicted or not cs_ok:
                note(instance=(a, b, c, d), signal=(A, B), efficient=efficient,
                     predicted=predicted, W=(opt.welfare_min, opt.welfare_max), W_star=ws,
                     R=opt.revenue)
                return False
    return True


@claim("p001/TH-1.eff.sym", role="step", of="p001/TH-1", source=paper.source("Theorem 1 proof: the efficient signals", 242, 244),
       statement="With virtual values phi_1(a) = a, phi_2(c) = c, phi_1(b|s), phi_2(d|s) of a "
       "product signal with 0 <= A < 1: buyer 1 is a (weak) virtual-surplus maximiser with "
       "non-negative virtual value at (b, c) iff phi_1(b|s) >= c, and at (b, d) with B = 0 iff "
       "phi_1(b|s) >= d (= phi_2(d|s) at B = 0, > 0); at (a, .) always.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1_eff_sym() -> Forall:
    A = sp.Symbol("A", real=True)
    p1 = phi1(A)
    bc = sp.And(sp.Ge(p1, c_), sp.Ge(p1, 0))          # buyer 1 maximal and >= 0 at (b, c)
    bd = sp.And(sp.Ge(p1, phi2(sp.Integer(0))), sp.Ge(p1, 0))  # at (b, d) with B = 0
    return Forall({**VALS, A: Reals(0, 1, hi_open=True)}, given=ORDER,
                  then={"(b,c) =>": sp.Implies(bc, sp.Ge(p1, c_)),
                        "(b,c) <=": sp.Implies(sp.Ge(p1, c_), bc),
                        "(b,d), B = 0 =>": sp.Implies(bd, sp.Ge(p1, d_)),
                        "(b,d), B = 0 <=": sp.Implies(sp.Ge(p1, d_), bd),
                        "(a,.)": sp.And(sp.Ge(a_, c_), sp.Ge(a_, d_), sp.Gt(a_, 0))})


def th1p(where: str, first: int, last: int | None = None) -> Source:
    return paper.source(f"Proof of Theorem 1, {where}", first, last)


@claim("p001/TH1-P.P1", role="step", of="p001/TH-1", source=th1p("P1: case (4) uniquely optimal", 242),
       statement="With phi_1(b) > phi_2(d) > 0 small (instances th1_family(eps)), case (4) is "
       "uniquely optimal at D: the D6 CS interval is the single point alpha(1-beta)(a-b).",
       over={"eps": Samples.of(tuple(F(1, k) for k in range(1, 13)), "values eps = 1/k, k <= 12")},
       note="eps is a real parameter of the proof (every eps > 0); the D6 LP is solved exactly at "
       "12 chosen values, samples of it.",
       uses=("p001/S3-1.instance", "p001/TH-4.D6"), expect="SAMPLED")
def th1p_p1(eps: Fraction) -> bool:
    evidence(LP_EVIDENCE)
    a, b, c, d, al, be = _inst(th1_family(eps))
    opt = seller_optimum(_product_signal(a, b, c, d, al, be), [[b, a], [d, c]])
    note(cs_interval=opt.cs_interval, formula=al * (1 - be) * (a - b))
    return opt.cs_min == opt.cs_max == al * (1 - be) * (a - b)


@claim("p001/TH1-P.P2", role="step", of="p001/TH-1", source=th1p("P2: CS(D) at alpha = b/a, beta = d/c", 242),
       statement="alpha(1-beta)(a-b) = (b/c)((c-d)/a)(a-b) when alpha = b/a and beta = d/c.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p2() -> Forall:
    al, be = b_ / a_, d_ / c_
    return Forall(VALS, given=ORDER, then={"identity": sp.Eq(
        al * (1 - be) * (a_ - b_), (b_ / c_) * ((c_ - d_) / a_) * (a_ - b_))})


@claim("p001/TH1-P.P2.tie", role="variant", deviation='Evaluates CS(D) at the exact normalised prior (phi_1(b) = phi_2(d) = 0), which the proof avoids by taking both virtual values slightly above zero (l.242).', source=th1p("P2 at the exact normalised prior (C1)", 242, 246),
       statement="At the exact normalised prior (alpha = b/a, beta = d/c, so phi_1(b) = "
       "phi_2(d) = 0 and cases 2, 3, 4 all apply) CS(D) = alpha(1-beta)(a-b) holds only as "
       "the consumer-favourable value: the D6 interval is [0, alpha(1-beta)(a-b)] (values "
       "a > b > c > d in {1..6}).",
       readings=as_readings({"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}, {"fav": "CS(D) = CS_max", "adv": "CS(D) = CS_min"}, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}),
       over={"top": Ints(4)}, limit={"top": 6}, uses=("p001/S3-1.instance", "p001/TH-4.D6"))
def th1p_p2_tie(top: int, tie: str) -> bool:
    evidence(LP_EVIDENCE)
    for d, c, b in itertools.combinations(range(1, top), 3):
        a = top
        al, be = F(b, a), F(d, c)
        opt = seller_optimum(_product_signal(F(a), F(b), F(c), F(d), al, be), [[b, a], [d, c]])
        val = opt.cs(tie)  # type: ignore[arg-type]
        if val != al * (1 - be) * (a - b):
            note(instance=(a, b, c, d), cs_interval=opt.cs_interval,
                 formula=al * (1 - be) * (a - b))
            return False
    return True


@claim("p001/TH1-P.P3", role="step", of="p001/TH-1", source=th1p("P3: case 1 forces alpha' -> 0 as b -> c+", 242, 244),
       statement="For 0 <= A < 1: phi_1(b|s) >= c iff A <= alpha_1 = (b-c)/(a-c); and the "
       "case-1 CS per unit weight, A(a-b) <= alpha_1 (a-b) <= b - c, vanishes as b -> c+.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p3() -> Forall:
    A = sp.Symbol("A", real=True)
    alpha1 = (b_ - c_) / (a_ - c_)
    return Forall({**VALS, A: Reals(0, 1, hi_open=True)}, given=ORDER,
                  then={"case 1 => A <= alpha_1": sp.Implies(sp.Ge(phi1(A), c_), sp.Le(A, alpha1)),
                        "A <= alpha_1 => case 1": sp.Implies(sp.Le(A, alpha1), sp.Ge(phi1(A), c_)),
                        "alpha_1 (a-b) <= b - c": sp.Le(alpha1 * (a_ - b_), b_ - c_)})


@claim("p001/TH1-P.P4", role="step", of="p001/TH-1", source=th1p("P4: alpha' = 1 gives CS = 0", 244),
       statement="A signal with alpha' = 1 has CS = {0} (D6 interval), for beta' in (1/m)Z and "
       "the instances of p001/S3-2.iii.", over={"m": Ints(1)}, limit={"m": 8},
       uses=("p001/S3-1.instance", "p001/TH-4.D6"), expect="PROVED",
       by=Derivation(("p001/TH1-P.P4.sym",), "R >= a (post a to buyer 1, always accepted) and "
                     "interim IR gives R <= W <= W* = a, so CS = W - R = 0 on the whole face"))
def th1p_p4(m: int) -> bool:
    evidence(LP_EVIDENCE)
    for a, b, c, d in S3_INST:
        for j in range(m + 1):
            B = F(j, m)
            if B.denominator != m:
                continue
            opt = seller_optimum(_product_signal(a, b, c, d, ONE, B), [[b, a], [d, c]])
            if not opt.cs_min == opt.cs_max == 0:
                note(instance=(a, b, c, d), B=B, cs_interval=opt.cs_interval)
                return False
    return True


@claim("p001/TH1-P.P4.sym", role="step", of="p001/TH-1", source=th1p("P4", 244),
       statement="If buyer 1 has value a surely (A = 1) and a > c > d, then W* = a; a revenue "
       "R >= a (posting a to buyer 1) and W <= W* force CS = W - R <= 0, and CS >= 0 (IR) "
       "gives CS = 0.", expect="PROVED")
def th1p_p4_sym() -> Forall:
    W, Rv = sp.symbols("W Rv", real=True)
    return Forall({**VALS, W: Reals(), Rv: Reals()},
                  given={**ORDER, "R >= a": sp.Ge(Rv, a_), "W <= W* = a": sp.Le(W, a_),
                         "IR: W - R >= 0": sp.Ge(W - Rv, 0)},
                  then={"CS = 0": sp.Eq(W - Rv, 0)})


@claim("p001/TH1-P.P5", role="step", of="p001/TH-1", source=th1p("P5: the only other efficient signals", 244),
       statement="Among the mechanisms of Proposition 1, one that is efficient on every "
       "positive-mass profile and has CS > 0 is case (1), or case (4) with beta' = 0.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p5() -> Forall:
    A, B = sp.symbols("A B", real=True)
    cs = {1: A * (a_ - b_), 2: (1 - A) * B * (c_ - d_), 3: sp.Integer(0),
          4: A * (1 - B) * (a_ - b_)}
    # Proposition 1's conditions; phi_1 = -infinity at A = 1 and phi_2 = -infinity at B = 1
    f1, f2 = sp.Lt(A, 1, evaluate=False), sp.Lt(B, 1, evaluate=False)
    p1, p2 = phi1(A), phi2(B)
    region = {1: sp.And(f1, sp.Ge(p1, c_, evaluate=False)),
              2: sp.And(f2, sp.Ge(p2, 0, evaluate=False),
                        sp.Or(sp.Not(f1), sp.Ge(p2, p1, evaluate=False))),
              3: sp.And(sp.Or(sp.Not(f1), sp.Le(p1, 0, evaluate=False)),
                        sp.Or(sp.Not(f2), sp.Le(p2, 0, evaluate=False))),
              4: sp.And(f1, sp.Ge(p1, 0, evaluate=False), sp.Le(p1, c_, evaluate=False),
                        sp.Or(sp.Not(f2), sp.Le(p2, p1, evaluate=False)))}
    # buyer 2 wins at (b,c) in cases 2, 3, 4 and at (b,d) in case 2; (b,d) is unsold in
    # case 3: inefficient whenever that profile has positive mass
    eff = {1: sp.true, 2: sp.Eq(1 - A, 0, evaluate=False), 3: sp.Eq(1 - A, 0, evaluate=False),
           4: sp.Eq((1 - A) * B, 0, evaluate=False)}

    def allowed(k: int) -> sp.Basic:  # "is case (1), or case (4) with beta' = 0"
        return sp.Or(sp.Eq(sp.Integer(k), 1, evaluate=False),
                     sp.And(sp.Eq(sp.Integer(k), 4, evaluate=False),
                            sp.Eq(B, 0, evaluate=False)))

    then = {f"case {k}": sp.Implies(sp.And(region[k], eff[k], sp.Gt(cs[k], 0, evaluate=False)),
                                    allowed(k))
            for k in (1, 2, 3, 4)}
    return Forall({**VALS, A: UNIT, B: UNIT}, given=ORDER, then=then)


@claim("p001/TH1-P.P6", role="step", of="p001/TH-1", source=th1p("P6: signals (alpha', 0) can be averaged", 244),
       statement="Two signals (A1, 0), (A2, 0) with weights g1, g2 (g1 + g2 > 0), A1, A2 <= "
       "alpha_4, are replaced by one signal (A, 0), A = (g1 A1 + g2 A2)/(g1 + g2), weight g1 + "
       "g2: same LP (2) row usage, same CS = A(a-b) in total, and A <= alpha_4.",
       uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p6() -> Forall:
    g1, g2, A1, A2 = sp.symbols("g1 g2 A1 A2", real=True)
    a4 = (b_ - d_) / (a_ - d_)
    g = g1 + g2
    Am = (g1 * A1 + g2 * A2) / g

    def mu(A: sp.Expr) -> tuple[sp.Expr, ...]:
        return (sp.Integer(0), A, sp.Integer(0), 1 - A)

    then = {f"row {i + 1}": sp.Eq(g1 * mu(A1)[i] + g2 * mu(A2)[i], g * mu(Am)[i],
                                  evaluate=False) for i in range(4)}
    then["CS"] = sp.Eq(g1 * A1 * (a_ - b_) + g2 * A2 * (a_ - b_), g * Am * (a_ - b_),
                       evaluate=False)
    then["A <= alpha_4"] = sp.Le(Am, a4, evaluate=False)
    return Forall({**VALS, g1: Reals(0), g2: Reals(0), A1: UNIT, A2: UNIT},
                  given={**ORDER, "g1 + g2 > 0": sp.Gt(g, 0, evaluate=False),
                         "A1 <= alpha_4": sp.Le(A1, a4, evaluate=False),
                         "A2 <= alpha_4": sp.Le(A2, a4, evaluate=False)}, then=then)


@claim("p001/TH1-P.P7", role="step", of="p001/TH-1", source=th1p("P7", 244),
       statement="With beta' = 0 and 0 <= alpha' < 1: phi_1(b) >= phi_2(d) implies alpha' <= "
       "(b-d)/(a-d).", uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p7() -> Forall:
    A = sp.Symbol("A", real=True)
    return Forall({**VALS, A: Reals(0, 1, hi_open=True)},
                  given={**ORDER, "phi_1(b) >= phi_2(d) at beta' = 0":
                         sp.Ge(phi1(A), phi2(sp.Integer(0)))},
                  then={"alpha' <= alpha_4": sp.Le(A, (b_ - d_) / (a_ - d_))})


LIMIT_READINGS = {"limit": {"limit": True}, "actual": {"limit": False}}
LIMIT_TEXTS = {"limit": "alpha = b/a and beta = d/c (the limit values of footnote 2)",
               "actual": "the actual instance: 0 < phi_2(d) < phi_1(b) <= c/100 (both 'slightly "
                         "above zero', l.242), so alpha < b/a and beta < d/c"}


def _prior_given(limit: bool) -> tuple[dict, sp.Symbol, sp.Symbol]:
    al, be = sp.symbols("alpha beta", real=True)
    if limit:
        given = {"alpha = b/a": sp.Eq(al, b_ / a_), "beta = d/c": sp.Eq(be, d_ / c_)}
    else:
        given = {"0 < phi_2(d)": sp.Gt(phi2(be), 0), "phi_2(d) < phi_1(b)": sp.Lt(phi2(be), phi1(al)),
                 "phi_1(b) <= c/100": sp.Le(phi1(al), c_ / 100)}
    return given, al, be


@claim("p001/TH1-P.P8", role="step", of="p001/TH-1", source=th1p("P8: gamma <= (a-d)(c-d)/(ac)", 250, 252),
       statement="gamma(1 - alpha') <= (1-alpha)(1-beta), with alpha' <= (b-d)/(a-d) (P7), "
       "implies gamma <= (a-d)(c-d)/(ac).", readings=as_readings({"limit": LIMIT_READINGS["limit"]}, LIMIT_TEXTS, {"limit": "PROVED"}, kinds={'limit': 'intended'}), uses=("p001/S3-1.instance",))
@claim("p001/TH1-P.P8", role="variant", deviation='Uses the actual alpha < b/a, beta < d/c, whereas footnote 2 (l.246) takes the limits first and evaluates (1-alpha)(1-beta) at alpha = b/a, beta = d/c.', source=th1p("P8: gamma <= (a-d)(c-d)/(ac)", 250, 252),
       statement="gamma(1 - alpha') <= (1-alpha)(1-beta), with alpha' <= (b-d)/(a-d) (P7), "
       "implies gamma <= (a-d)(c-d)/(ac).", readings=as_readings({"actual": LIMIT_READINGS["actual"]}, LIMIT_TEXTS, {"actual": "REFUTED"}, kinds={'actual': 'alternative'}), uses=("p001/S3-1.instance",))
def th1p_p8(limit: bool) -> Forall:
    given, al, be = _prior_given(limit)
    g, A = sp.symbols("gamma A", real=True)
    given.update(ORDER)
    given["LP row (b,d)"] = sp.Le(g * (1 - A), (1 - al) * (1 - be))
    given["alpha' <= alpha_4"] = sp.Le(A, (b_ - d_) / (a_ - d_))
    return Forall({**VALS, al: Reals(0, 1, lo_open=True, hi_open=True),
                   be: Reals(0, 1, lo_open=True, hi_open=True), g: Reals(0), A: UNIT},
                  given=given, then={"gamma <= (a-d)(c-d)/(ac)":
                                     sp.Le(g, (a_ - d_) * (c_ - d_) / (a_ * c_))})


@claim("p001/TH1-P.P9.1", role="step", of="p001/TH-1", source=th1p("P9, first inequality", 254),
       statement="gamma <= (a-d)(c-d)/(ac) and 0 <= alpha' <= (b-d)/(a-d) imply gamma alpha'"
       "(a-b) <= (b-d)(c-d)(a-b)/(ac).", uses=("p001/S3-1.instance",), expect="PROVED")
def th1p_p9_1() -> Forall:
    g, A = sp.symbols("gamma A", real=True)
    return Forall({**VALS, g: Reals(0), A: UNIT},
                  given={**ORDER, "P8": sp.Le(g, (a_ - d_) * (c_ - d_) / (a_ * c_)),
                         "P7": sp.Le(A, (b_ - d_) / (a_ - d_))},
                  then={"step 1": sp.Le(g * A * (a_ - b_),
                                        (b_ - d_) * (c_ - d_) * (a_ - b_) / (a_ * c_))})


@claim("p001/TH1-P.P9.2", role="step", of="p001/TH-1", source=th1p("P9, second inequality", 254),
       statement="(b-d)(c-d)(a-b)/(ac) <= ((b-d)/b) CS(D) with CS(D) = alpha(1-beta)(a-b).",
       readings=as_readings({"limit": LIMIT_READINGS["limit"]}, LIMIT_TEXTS, {"limit": "PROVED"}, kinds={'limit': 'intended'}), uses=("p001/S3-1.instance",))
@claim("p001/TH1-P.P9.2", role="variant", deviation='Uses the actual alpha < b/a, beta < d/c, whereas footnote 2 (l.246) takes the limits first and evaluates at alpha = b/a, beta = d/c.', source=th1p("P9, second inequality", 254),
       statement="(b-d)(c-d)(a-b)/(ac) <= ((b-d)/b) CS(D) with CS(D) = alpha(1-beta)(a-b).",
       readings=as_readings({"actual": LIMIT_READINGS["actual"]}, LIMIT_TEXTS, {"actual": "REFUTED"}, kinds={'actual': 'alternative'}), uses=("p001/S3-1.instance",))
def th1p_p9_2(limit: bool) -> Forall:
    given, al, be = _prior_given(limit)
    given.update(ORDER)
    return Forall({**VALS, al: Reals(0, 1, lo_open=True, hi_open=True),
                   be: Reals(0, 1, lo_open=True, hi_open=True)}, given=given,
                  then={"step 2": sp.Le((b_ - d_) * (c_ - d_) * (a_ - b_) / (a_ * c_),
                                        (b_ - d_) / b_ * al * (1 - be) * (a_ - b_))})


@claim("p001/TH1-P.P9", role="step", of="p001/TH-1", source=th1p("P9 end to end", 250, 254),
       statement="From the LP row gamma(1-alpha') <= (1-alpha)(1-beta) and alpha' <= (b-d)/(a-d): "
       "gamma alpha'(a-b) <= ((b-d)/b) CS(D), CS(D) = alpha(1-beta)(a-b).",
       readings=as_readings({"limit": LIMIT_READINGS["limit"]}, LIMIT_TEXTS, {"limit": "PROVED"}, kinds={'limit': 'intended'}), uses=("p001/S3-1.instance",))
@claim("p001/TH1-P.P9", role="variant", deviation='Uses the actual alpha < b/a, beta < d/c, whereas footnote 2 (l.246) takes the limits first and evaluates at alpha = b/a, beta = d/c.', source=th1p("P9 end to end", 250, 254),
       statement="From the LP row gamma(1-alpha') <= (1-alpha)(1-beta) and alpha' <= (b-d)/(a-d): "
       "gamma alpha'(a-b) <= ((b-d)/b) CS(D), CS(D) = alpha(1-beta)(a-b).",
       readings=as_readings({"actual": LIMIT_READINGS["actual"]}, LIMIT_TEXTS, {"actual": "REFUTED"}, kinds={'actual': 'alternative'}), uses=("p001/S3-1.instance",))
def th1p_p9(limit: bool) -> Forall:
    given, al, be = _prior_given(limit)
    g, A = sp.symbols("gamma A", real=True)
    given.update(ORDER)
    given["LP row (b,d)"] = sp.Le(g * (1 - A), (1 - al) * (1 - be))
    given["alpha' <= alpha_4"] = sp.Le(A, (b_ - d_) / (a_ - d_))
    return Forall({**VALS, al: Reals(0, 1, lo_open=True, hi_open=True),
                   be: Reals(0, 1, lo_open=True, hi_open=True), g: Reals(0), A: UNIT},
                  given=given, then={"end to end": sp.Le(g * A * (a_ - b_),
                                                         (b_ - d_) / b_ * al * (1 - be) * (a_ - b_))})


@claim("p001/TH1-P.P10", role="step", of="p001/TH-1", source=th1p("P10: d = (1 - eps/2) b", 256),
       statement="d = (1 - eps/2) b gives (b-d)/b = eps/2; at b = c the case-1 term alpha_1(a-b) "
       "vanishes, so the efficient-CS bound alpha_1(a-b) + ((b-d)/b) CS_lim(D) tends to "
       "(eps/2) CS_lim(D) < eps CS_lim(D), CS_lim(D) = (b/c)((c-d)/a)(a-b) > 0 (the expression "
       "is a rational function continuous at b = c).", uses=("p001/S3-1.instance",),
       expect="PROVED")
def th1p_p10() -> Forall:
    e = sp.Symbol("eps", real=True)
    dd = (1 - e / 2) * b_
    bound = (b_ - c_) / (a_ - c_) * (a_ - b_) + (b_ - dd) / b_ * (b_ / c_) * ((c_ - dd) / a_) * (a_ - b_)
    at_c = bound.subs(b_, c_)
    cs_lim = ((b_ / c_) * ((c_ - dd) / a_) * (a_ - b_)).subs(b_, c_)
    return Forall({a_: POS, c_: POS, b_: POS, e: Reals(0, 2, lo_open=True, hi_open=True)},
                  given={"a > c": sp.Gt(a_, c_)},
                  then={"(b-d)/b = eps/2": sp.Eq((b_ - dd) / b_, e / 2),
                        "limit value": sp.Eq(at_c, e / 2 * cs_lim),
                        "CS_lim > 0": sp.Gt(cs_lim, 0),
                        "< eps CS_lim": sp.Lt(at_c, e * cs_lim)})


@claim("p001/S3-2.i.sym", source=paper.source("Section 3, correlated signals raise zero CS", 173),
       statement="Every correlated signal of the Section 3 instance has CS = {0}: by TH-4.D11 "
       "the seller can earn W*, and interim IR caps revenue at W <= W*, so every optimal "
       "mechanism has R = W = W*.", uses=("p001/S3-1.instance", "p001/TH-4.D6"),
       expect="PROVED",
       by=Derivation(("p001/TH-4.D11",), "R* >= revenue of the feasible mechanism = W* and "
                     "R* <= W <= W* (interim IR summed), so W = R* = W* on the optimal face"))
def s3_2_i_sym() -> bool:
    return s3_2_i(S3_INST[0], 3)


# ============================================================================= TH-2 and its proof

dl = sp.Symbol("delta", real=True)
X = sp.Symbol("x", real=True)  # x = 1 - alpha'


def th2_family(d: sp.Expr) -> dict[str, sp.Expr]:
    """l.263: alpha = beta = 1 - delta, a = 1/(1-delta)^2, b = 1/(1-delta), c = 1, d = 1 - delta."""
    return {"a": 1 / (1 - d) ** 2, "b": 1 / (1 - d), "c": sp.Integer(1), "d": 1 - d,
            "alpha": 1 - d, "beta": 1 - d}


FAM = th2_family(dl)
K1 = 2 / ((2 - dl) * (1 - dl))   # type (1'): CS = (1/2) delta K1
K2 = 1 / (1 - dl) ** 2           # type (2'): CS = alpha'(1-beta') delta K2
OPT2 = (1 - FAM["alpha"]) * (FAM["b"] - FAM["beta"] * FAM["c"])
DELTA01 = Reals(0, 1, lo_open=True, hi_open=True)


def th2p(where: str, first: int, last: int | None = None) -> Source:
    return paper.source(f"Proof of Theorem 2, {where}", first, last)


def _inst2(d: Fraction) -> tuple[Fraction, ...]:
    p = th2_family(R(d))
    return tuple(_f(p[k]) for k in ("a", "b", "c", "d", "alpha", "beta"))


def _lp2_value(d: Fraction, tie: str = "fav") -> Fraction:
    """Certified value of LP (2) over ALL product signals for the l.263 instance at delta = d
    (p001 lp2: exact master LP + z3 separation over Proposition 1's case regions)."""
    from claims.p001_information_intermediary.lp2 import certified_lp2
    from claims.p001_information_intermediary.model import Inst

    res, _, _ = certified_lp2(Inst(*_inst2(d)), tie, 4, 4)
    return res.value


TH2_USES = ("p001/S3-1.instance", "p001/TH-4.D6", "p001/P-8.OPT")


@claim("p001/TH2-P.Q1", role="step", of="p001/TH-2", source=th2p("Q1: E[max] and R(D); cases 2, 3, 4 give the same revenue",
       258), statement="E[max v_i] = alpha a + (1-alpha) b, and under alpha a = b, beta c = d the "
       "mechanisms of Proposition 1 cases (2), (3), (4) all earn alpha a + (1-alpha) beta c.",
       uses=TH2_USES, expect="PROVED")
def th2p_q1() -> Forall:
    al, be = sp.symbols("alpha beta", real=True)
    emax = sp.Add(*[m * sp.Max(v1, v2) for m, (v1, v2) in zip(
        (al * be, al * (1 - be), (1 - al) * be, (1 - al) * (1 - be)),
        ((a_, c_), (a_, d_), (b_, c_), (b_, d_)), strict=True)])
    rev2 = al * a_ + (1 - al) * d_                      # a to buyer 1, then d to buyer 2
    rev3 = al * a_ + (1 - al) * be * c_                 # a to buyer 1, then c to buyer 2
    rev4 = (1 - be) * b_ + be * (al * a_ + (1 - al) * c_)  # b to 1 if v2 = d, else as case 3
    target = al * a_ + (1 - al) * be * c_
    return Forall({**VALS, al: UNIT, be: UNIT},
                  given={**ORDER, "alpha a = b": sp.Eq(al * a_, b_, evaluate=False),
                         "beta c = d": sp.Eq(be * c_, d_, evaluate=False)},
                  then={"E[max]": sp.Eq(emax, al * a_ + (1 - al) * b_, evaluate=False),
                        "case 2": sp.Eq(rev2, target, evaluate=False),
                        "case 3": sp.Eq(rev3, target, evaluate=False),
                        "case 4": sp.Eq(rev4, target, evaluate=False)})


@claim("p001/TH2-P.Q1.lp", role="step", of="p001/TH-2", source=th2p("Q1: R(D) is the optimal revenue", 258),
       statement="For the l.263 family at every delta in (0, 1/2]: R(D) (D6 optimum) = alpha a + "
       "(1-alpha) beta c and E[max] = alpha a + (1-alpha) b.",
       over={"delta": Samples.of(tuple(F(1, k) for k in range(2, 13)), "values delta = 1/k, 2 <= k <= 12")},
       note="delta is a real parameter (the proof lets delta -> 0+); the D6 LP is solved exactly "
       "at 11 chosen values, samples of it (the formulas themselves: TH2-P.Q1, symbolic).",
       uses=TH2_USES, expect="SAMPLED")
def th2p_q1_lp(delta: Fraction) -> bool:
    evidence(LP_EVIDENCE)
    a, b, c, d, al, be = _inst2(delta)
    prior = _product_signal(a, b, c, d, al, be)
    opt = seller_optimum(prior, [[b, a], [d, c]])
    note(R=opt.revenue, E_max=efficient_welfare(prior))
    return opt.revenue == al * a + (1 - al) * be * c and efficient_welfare(prior) == al * a + (1 - al) * b


@claim("p001/TH2-P.Q2", role="step", of="p001/TH-2", source=th2p("Q2: OPT = (1-alpha)(b - beta c)", 261),
       statement="OPT = E[max] - R(D) = (1-alpha)(b - beta c).", uses=TH2_USES, expect="PROVED")
def th2p_q2() -> Forall:
    al, be = sp.symbols("alpha beta", real=True)
    return Forall({**VALS, al: UNIT, be: UNIT}, given=ORDER, then={"OPT": sp.Eq(
        (al * a_ + (1 - al) * b_) - (al * a_ + (1 - al) * be * c_), (1 - al) * (b_ - be * c_))})


@claim("p001/TH2-P.Q3", role="step", of="p001/TH-2", source=th2p("Q3: OPT = 2 delta^2 (1 + o(1))", 277),
       statement="For the l.263 family OPT = delta^2 (2-delta)/(1-delta) exactly, and "
       "|OPT/(2 delta^2) - 1| <= delta for delta in (0, 1/2], so OPT = 2 delta^2 (1 + o(1)).",
       uses=TH2_USES, expect="PROVED")
def th2p_q3() -> Forall:
    ratio = OPT2 / (2 * dl**2)
    return Forall({dl: Reals(0, F(1, 2), lo_open=True)},
                  then={"exact": sp.Eq(OPT2, dl**2 * (2 - dl) / (1 - dl)),
                        "o(1)": sp.And(sp.Le(ratio - 1, dl), sp.Ge(ratio - 1, -dl))})


@claim("p001/TH2-P.Q4", role="step", of="p001/TH-2", source=th2p("Q4: type (1')", 265, 267),
       statement="Type (1') (phi_1(b|s) = c): alpha' = (1-delta)/(2-delta) < 1/2 and CS(s) <= "
       "alpha'(a-b) = (1/2) delta K1 with K1 = 2/((2-delta)(1-delta)), 0 <= K1 - 1 <= 4 delta on "
       "(0, 1/2] (so CS <= (1/2) delta (1 + o(1))).", uses=TH2_USES, expect="PROVED")
def th2p_q4() -> Forall:
    p = FAM
    alpha1 = (p["b"] - p["c"]) / (p["a"] - p["c"])
    return Forall({dl: Reals(0, F(1, 2), lo_open=True)},
                  then={"alpha' = (1-delta)/(2-delta)": sp.Eq(alpha1, (1 - dl) / (2 - dl)),
                        "alpha' < 1/2": sp.Lt(alpha1, R(F(1, 2))),
                        "phi_1(b|s) = c": sp.Eq(phi1(alpha1, p["a"], p["b"]), p["c"]),
                        "CS = delta K1 / 2": sp.Eq(alpha1 * (p["a"] - p["b"]), dl * K1 / 2),
                        "K1 - 1 in [0, 4 delta]": sp.And(sp.Ge(K1 - 1, 0), sp.Le(K1 - 1, 4 * dl))})


T2_GIVEN = {"0 <= A < 1": sp.And(sp.Ge(1 - X, 0), sp.Gt(X, 0)), "0 <= B < 1": sp.And(
    sp.Ge(sp.Symbol("B", real=True), 0), sp.Lt(sp.Symbol("B", real=True), 1))}


def _t2_given(p: dict[str, sp.Expr]) -> tuple[dict[str, sp.Basic], sp.Symbol]:
    B = sp.Symbol("B", real=True)
    A = 1 - X
    g = dict(T2_GIVEN)
    g["phi_1(b) = phi_2(d)"] = sp.Eq(phi1(A, p["a"], p["b"]), phi2(B, p["c"], p["d"]))
    g["phi_1(b) >= 0"] = sp.Ge(phi1(A, p["a"], p["b"]), 0)
    return g, B


@claim("p001/TH2-P.Q5.a", role="step", of="p001/TH-2", source=th2p("Q5: type (2'), alpha' <= 1 - delta", 268),
       statement="On type (2') (phi_1(b) = phi_2(d) >= 0): alpha' <= 1 - delta.",
       uses=TH2_USES, expect="PROVED")
def th2p_q5a() -> Forall:
    g, B = _t2_given(FAM)
    return Forall({dl: DELTA01, X: UNIT, B: UNIT}, given=g,
                  then={"alpha' <= 1 - delta": sp.Le(1 - X, 1 - dl)})


BETA_PRINTED = (1 - 3 * X + 3 * dl * X - dl**2 * X) / (1 - 2 * X + dl * X)


@claim("p001/TH2-P.Q5.b", role="step", of="p001/TH-2", source=th2p("Q5: the printed beta'", 268),
       statement="On type (2'), beta' = [1 - 3x + 3 delta x - delta^2 x]/[1 - 2x + delta x], "
       "x = 1 - alpha' (the denominator is non-zero on type (2')).", uses=TH2_USES,
       expect="PROVED")
def th2p_q5b() -> Forall:
    g, B = _t2_given(FAM)
    den = 1 - 2 * X + dl * X
    return Forall({dl: DELTA01, X: UNIT, B: UNIT}, given=g,
                  then={"denominator != 0": sp.Ne(den, 0), "beta' printed": sp.Eq(B, BETA_PRINTED)})


@claim("p001/TH2-P.Q5.c", role="step", of="p001/TH-2", source=th2p("Q5: beta' > (1-3x)/(1-2x)", 268, 283),
       statement="On type (2') (phi_1(b) = phi_2(d) >= 0, beta' in [0,1)), with 1 - 2x != 0: "
       "beta' > (1 - 3x)/(1 - 2x).",
       readings=as_readings({"all-delta": {"top": F(1)}, "small-delta": {"top": F(1, 3)}}, {"all-delta": "every delta in (0, 1) (the domain of spec TH2-P Q5)",
                      "small-delta": "delta in (0, 1/3] (the proof lets delta -> 0+)"}, {"all-delta": "REFUTED", "small-delta": "PROVED"}, kinds={'all-delta': 'alternative', 'small-delta': 'intended'}),
       uses=TH2_USES)
def th2p_q5c(top: Fraction) -> Forall:
    g, B = _t2_given(FAM)
    g["1 - 2x != 0"] = sp.Ne(1 - 2 * X, 0)
    dom = DELTA01 if top == 1 else Reals(0, top, lo_open=True)
    return Forall({dl: dom, X: UNIT, B: UNIT}, given=g,
                  then={"beta' > (1-3x)/(1-2x)": sp.Gt(B, (1 - 3 * X) / (1 - 2 * X))})


@claim("p001/TH2-P.Q5.d", role="step", of="p001/TH-2", source=th2p("Q5: CS on type (2')", 268),
       statement="On type (2'): alpha'(1-beta')(a-b) = alpha'(1-beta') delta K2, K2 = "
       "1/(1-delta)^2 -> 1 (the (1+o(1)) factor).", uses=TH2_USES, expect="PROVED")
def th2p_q5d() -> Forall:
    A, B = sp.symbols("A B", real=True)
    return Forall({dl: DELTA01, A: UNIT, B: UNIT},
                  then={"CS": sp.Eq(A * (1 - B) * (FAM["a"] - FAM["b"]), A * (1 - B) * dl * K2)})


@claim("p001/TH2-P.Q6", role="step", of="p001/TH-2", source=th2p("Q6: type (1') signals can be averaged", 270),
       statement="Two type-(1') signals (alpha_1, B1), (alpha_1, B2) with weights w1, w2 are "
       "replaced by (alpha_1, B) with B the weighted average and weight w1 + w2: same LP (2) "
       "rows and the same CS, both for CS = alpha_1(a-b) (fav) and CS = alpha_1(1-B)(a-b) (adv).",
       uses=TH2_USES, expect="PROVED")
def th2p_q6() -> Forall:
    w1, w2, B1, B2 = sp.symbols("w1 w2 B1 B2", real=True)
    A = sp.Symbol("A1", real=True)
    w = w1 + w2
    Bm = (w1 * B1 + w2 * B2) / w

    def mu(Bv: sp.Expr) -> tuple[sp.Expr, ...]:
        return (A * Bv, A * (1 - Bv), (1 - A) * Bv, (1 - A) * (1 - Bv))

    then = {f"row {i + 1}": sp.Eq(w1 * mu(B1)[i] + w2 * mu(B2)[i], w * mu(Bm)[i],
                                  evaluate=False) for i in range(4)}
    then["CS fav"] = sp.Eq((w1 + w2) * A * (a_ - b_), w * A * (a_ - b_), evaluate=False)
    then["CS adv"] = sp.Eq(w1 * A * (1 - B1) * (a_ - b_) + w2 * A * (1 - B2) * (a_ - b_),
                           w * A * (1 - Bm) * (a_ - b_), evaluate=False)
    return Forall({**VALS, A: UNIT, w1: Reals(0), w2: Reals(0), B1: UNIT, B2: UNIT},
                  given={**ORDER, "w1 + w2 > 0": sp.Gt(w, 0, evaluate=False)}, then=then)


def _scheme_syms(t: int) -> tuple[sp.Symbol, sp.Symbol, list[sp.Symbol], list[sp.Symbol],
                                  list[sp.Symbol]]:
    w1, B1 = sp.symbols("w1 B1", real=True)
    ws = list(sp.symbols(f"w2_1:{t + 1}", real=True))
    As = list(sp.symbols(f"A2_1:{t + 1}", real=True))
    Bs = list(sp.symbols(f"B2_1:{t + 1}", real=True))
    return w1, B1, ws, As, Bs


def _rows(t: int, alpha1: sp.Expr) -> tuple[dict, dict[str, sp.Basic], tuple]:
    """LP (2) rows 3 and 4 of the l.263 family for one type-(1') signal (alpha_1, B1) and t
    signals (A_i, B_i), plus every other signal's non-negative contribution (slack s3, s4)."""
    w1, B1, ws, As, Bs = _scheme_syms(t)
    s3, s4 = sp.symbols("s3 s4", real=True)
    r3 = (1 - alpha1) * B1 * w1 + sp.Add(*[(1 - A) * B * w for A, B, w in zip(As, Bs, ws, strict=True)])
    r4 = (1 - alpha1) * (1 - B1) * w1 + sp.Add(*[(1 - A) * (1 - B) * w for A, B, w in
                                                 zip(As, Bs, ws, strict=True)])
    al, be = FAM["alpha"], FAM["beta"]
    given = {"row 3": sp.Le(r3 + s3, (1 - al) * be), "row 4": sp.Le(r4 + s4, (1 - al) * (1 - be))}
    doms = {dl: DELTA01, w1: Reals(0), B1: UNIT, s3: Reals(0), s4: Reals(0),
            **{w: Reals(0) for w in ws}, **{A: UNIT for A in As}, **{B: UNIT for B in Bs}}
    return doms, given, (w1, B1, ws, As, Bs)


ALPHA1_FAM = (1 - dl) / (2 - dl)


@claim("p001/TH2-P.Q7", role="step", of="p001/TH-2", source=th2p("Q7: Constraint (I)", 272),
       statement="LP (2) implies (1-alpha'_1) w_1 + sum_i (1-alpha'_{2,i}) w_i <= 1 - alpha = "
       "delta (t type-(2') signals).", over={"t": Ints(1)}, limit={"t": 2}, uses=TH2_USES,
       expect="PROVED",
       by=Derivation(("p001/TH2-P.Q7.one",), "sum rows 3 and 4 of LP (2): each signal "
                     "contributes (1-A)B + (1-A)(1-B) = 1 - A (Q7.one), other signals >= 0"))
def th2p_q7(t: int) -> Forall:
    doms, given, (w1, _, ws, As, _) = _rows(t, ALPHA1_FAM)
    lhs = (1 - ALPHA1_FAM) * w1 + sp.Add(*[(1 - A) * w for A, w in zip(As, ws, strict=True)])
    return Forall(doms, given=given, then={"Constraint (I)": sp.Le(lhs, dl)})


@claim("p001/TH2-P.Q7.one", role="step", of="p001/TH-2", source=th2p("Q7", 272),
       statement="(1-A)B + (1-A)(1-B) = 1 - A, and (1-alpha)beta + (1-alpha)(1-beta) = 1 - alpha.",
       expect="PROVED")
def th2p_q7_one() -> Forall:
    A, B, al, be = sp.symbols("A B al be", real=True)
    return Forall({A: UNIT, B: UNIT, al: UNIT, be: UNIT},
                  then={"signal": sp.Eq((1 - A) * B + (1 - A) * (1 - B), 1 - A),
                        "prior": sp.Eq((1 - al) * be + (1 - al) * (1 - be), 1 - al)})


@claim("p001/TH2-P.Q8", role="step", of="p001/TH-2", source=th2p("Q8: Constraint (II)", 274),
       statement="LP (2) implies sum_i (1-alpha'_{2,i})(1-beta'_{2,i}) w_i <= (1-alpha)(1-beta) = "
       "delta^2.", over={"t": Ints(1)}, limit={"t": 3}, uses=TH2_USES, expect="PROVED",
       by=Derivation(("p001/TH2-P.Q7.one",), "row 4 of LP (2) with the type-(1') and all "
                     "other signals' non-negative terms dropped; (1-alpha)(1-beta) = delta^2"))
def th2p_q8(t: int) -> Forall:
    doms, given, (_, _, ws, As, Bs) = _rows(t, ALPHA1_FAM)
    lhs = sp.Add(*[(1 - A) * (1 - B) * w for A, B, w in zip(As, Bs, ws, strict=True)])
    return Forall(doms, given=given, then={"Constraint (II)": sp.Le(lhs, dl**2)})


W1, XS, YS, ZS = sp.symbols("w1 X Y Z", real=True)
CHAIN_DOMS = {dl: DELTA01, W1: Reals(0), XS: Reals(0), YS: Reals(0), ZS: Reals(0)}
# aggregates over the t type-(2') signals (A_i, B_i, w_i): X = sum A_i(1-B_i) w_i,
# Y = sum (1-A_i) w_i, Z = sum (1-A_i)(1-B_i) w_i; w1 = weight of the type-(1') signal
CHAIN = {
    "CS": dl * K1 / 2 * W1 + dl * K2 * XS,                # exact CS: Q4 (fav) and Q5.d
    "s1": dl * K1 / 2 * W1 + XS * dl * K2,
    "s2": dl * K1 / 2 * 2 * (dl - YS) + dl * K2 * XS,
    "s3": dl**2 * K1 + dl * K2 * (XS - YS),               # as printed: one factor per term
    "s3fix": dl**2 * K1 + dl * (K2 * XS - K1 * YS),
    "s4fix": dl**2 * K1 + dl * (K2 - K1) * YS + dl * K2 * ZS,
    "end": dl**2 * K2 * (1 + dl),
}
CONSTRAINT_I = sp.Le((1 - ALPHA1_FAM) * W1 + YS, dl)
CONSTRAINT_II = sp.Le(ZS, dl**2)
S4_SUM = sp.Le(XS, YS + ZS)  # sum over signals of Q9.s4: A(1-B) <= (1-A) + (1-A)(1-B)

Q9_STEPS = {
    "s1": ("CS", "s1", "<=", {}, "first line: the type-(1') and (2') CS (Q4, Q5.d)"),
    "s2": ("s1", "s2", "<=", {"Constraint (I)": CONSTRAINT_I},
           "second line: Constraint (I) and alpha'_1 < 1/2"),
    "s3": ("s2", "s3", "==", {"Constraint (I)": CONSTRAINT_I, "Constraint (II)": CONSTRAINT_II,
                             "s4 summed": S4_SUM}, "third line ('='), each printed (1+o(1)) kept as the factor of "
           "the term it multiplies in s2 (K1 on delta^2, K2 on the sum)"),
    "s3fix": ("s2", "s3fix", "==", {}, "third line corrected: delta^2 K1 + delta(K2 X - K1 Y)"),
    "s4fix": ("s3fix", "s4fix", "<=", {"s4 summed": S4_SUM},
              "fourth line corrected: X <= Y + Z (Q9.s4 summed)"),
    "s5fix": ("s4fix", "end", "<=", {"Constraint (I)": CONSTRAINT_I,
                                    "Constraint (II)": CONSTRAINT_II},
              "fifth and sixth lines corrected: Y <= delta, Z <= delta^2, K1 <= K2"),
}


def _register_q9(step: str) -> None:
    left, right, op, hyp, text = Q9_STEPS[step]
    exp = "REFUTED" if step == "s3" else "PROVED"

    @claim(f"p001/TH2-P.Q9.{step}", role="repair" if step.endswith("fix") else "step", of="p001/TH-2", source=th2p(f"Q9 {step}", 281, 283),
           statement=f"{text}: {left} {op} {right}, with the explicit factors K1 = "
           "2/((2-delta)(1-delta)) (type 1') and K2 = 1/(1-delta)^2 (type 2') (reading R1), "
           "in the aggregates X = sum A_i(1-B_i)w_i, Y = sum (1-A_i)w_i, Z = sum "
           "(1-A_i)(1-B_i)w_i >= 0 of the type-(2') signals, delta in (0, 1).",
           uses=TH2_USES, expect=exp)
    def q9() -> Forall:
        rel = sp.Le(CHAIN[left], CHAIN[right]) if op == "<=" else sp.Eq(CHAIN[left], CHAIN[right])
        return Forall(CHAIN_DOMS, given=hyp, then={step: rel})


for _step in Q9_STEPS:
    _register_q9(_step)


@claim("p001/TH2-P.Q9.end", role="repair", of="p001/TH-2", source=th2p("Q9 end to end (corrected chain)", 281, 283),
       statement="CS <= delta^2 K2 (1 + delta) = delta^2 (1+delta)/(1-delta)^2 = delta^2 (1 + o(1)) "
       "for every scheme of one type-(1') and any type-(2') signals obeying Constraints (I), "
       "(II) and Q9.s4 (summed), delta in (0, 1).", uses=TH2_USES, expect="PROVED",
       by=Derivation(("p001/TH2-P.Q9.s1", "p001/TH2-P.Q9.s2", "p001/TH2-P.Q9.s3fix",
                      "p001/TH2-P.Q9.s4fix", "p001/TH2-P.Q9.s5fix", "p001/TH2-P.Q9.s4",
                      "p001/TH2-P.Q7", "p001/TH2-P.Q8"),
                     "chain the steps (transitivity); X <= Y + Z sums Q9.s4 over the signals"))
def th2p_q9_end() -> Forall:
    return Forall(CHAIN_DOMS, given={"Constraint (I)": CONSTRAINT_I,
                                     "Constraint (II)": CONSTRAINT_II, "s4 summed": S4_SUM},
                  then={"CS <= delta^2 K2 (1+delta)": sp.Le(CHAIN["CS"], CHAIN["end"])})


@claim("p001/TH2-P.Q9.s4", role="step", of="p001/TH-2", source=th2p("Q9 s4, per signal", 281, 283),
       statement="Per type-(2') signal of the l.263 family: alpha'(1-beta') - (1-alpha') <= "
       "(1-alpha')(1-beta'), i.e. (1-beta')(1-2x) <= x, for every delta in (0, 1).",
       uses=TH2_USES, expect="PROVED")
def th2p_q9_s4() -> Forall:
    g, B = _t2_given(FAM)
    A = 1 - X
    return Forall({dl: DELTA01, X: UNIT, B: UNIT}, given=g,
                  then={"s4 per signal": sp.Le(A * (1 - B) - (1 - A), (1 - A) * (1 - B))})


@claim("p001/TH2-P.Q9.s4.why", role="step", of="p001/TH-2", source=th2p("Q9 s4 justified by Q5's inequality (l.283)", 283),
       statement="If 1 - 2x > 0 and beta' > (1-3x)/(1-2x) then (1-beta')(1-2x) <= x (the "
       "justification printed at l.283; for 1 - 2x <= 0 the per-signal inequality holds without it).",
       expect="PROVED")
def th2p_q9_s4_why() -> Forall:
    B = sp.Symbol("B", real=True)
    return Forall({X: UNIT, B: UNIT},
                  given={"1 - 2x > 0": sp.Gt(1 - 2 * X, 0), "Q5": sp.Gt(B, (1 - 3 * X) / (1 - 2 * X))},
                  then={"s4": sp.Le((1 - B) * (1 - 2 * X), X)})


@claim("p001/TH2-P.Q9.R2", role="step", of="p001/TH-2", source=th2p("Q9 at fixed delta (reading R2)", 281, 283),
       statement="Reading R2: at every fixed delta in (0, 1) the exact value V of LP (2) "
       "over all product signals (certified column generation with z3 separation, fav) "
       "satisfies V <= delta^2 (1+delta)/(1-delta)^2 (the explicit end of the chain).",
       over={"delta": Samples.of((F(1, 4), F(1, 10), F(1, 100), F(1, 1000)), "values of delta")},
       note="delta is a real parameter of the paper (0 < delta < 1); LP (2) is decided exactly at "
       "4 chosen values of it, samples (the all-delta form is the chain TH2-P.Q9.end).",
       uses=TH2_USES, rests_on=("p001/PR-1.C1@fav",), expect="SAMPLED")
def th2p_q9_r2(delta: Fraction) -> bool:
    evidence(LP_EVIDENCE)
    evidence("z3 separation over Proposition 1's case regions (p001 lp2)")
    d = delta
    v = _lp2_value(d)
    bound = d**2 * (1 + d) / (1 - d) ** 2
    note(delta=d, V=v, bound=bound)
    return v <= bound


@claim("p001/TH2-P.Q10", role="step", of="p001/TH-2", source=th2p("Q10: the ratio bound 2", 283),
       statement="CS/OPT <= delta^2 K2(1+delta) / OPT = (1+delta)/((1-delta)(2-delta)) <= 1/2 + "
       "3 delta for delta in (0, 1/3]: the ratio tends to 1/2, a lower bound of 2.",
       uses=TH2_USES, expect="PROVED")
def th2p_q10() -> Forall:
    ratio = dl**2 * K2 * (1 + dl) / OPT2
    return Forall({dl: Reals(0, F(1, 3), lo_open=True)},
                  then={"closed form": sp.Eq(ratio, (1 + dl) / ((1 - dl) * (2 - dl))),
                        "<= 1/2 + 3 delta": sp.Le(ratio, R(F(1, 2)) + 3 * dl)})


@claim("p001/TH-2.sym", role="step", of="p001/TH-2", source=paper.source("Theorem 2 (l.53), explicit delta(eps)", 53, 283),
       statement="For eps in (0, 1] and delta = eps/4: (1+delta)/((1-delta)(2-delta)) <= 1/2 + eps.",
       expect="PROVED")
def th2_sym() -> Forall:
    d = eps / 4
    return Forall({eps: Reals(0, 1, lo_open=True)},
                  then={"ratio": sp.Le((1 + d) / ((1 - d) * (2 - d)), R(F(1, 2)) + eps)})


TH2_EPS = (F(1, 3), F(1, 4), F(1, 6), F(1, 8), F(1, 12), F(1, 16), F(1, 32), F(1, 64), F(1, 100))


@claim("p001/TH-2", source=paper.source("Theorem 2", 53),
       statement="For n = 2, K_i = 2 and every eps > 0 there are instances on which every scheme "
       "has CS(Z) <= (1/2 + eps) OPT. Own check at sampled eps: the l.263 instance with delta = "
       "eps/4, the certified value of LP (2) over all product signals (fav, an upper bound for "
       "adv) against (1/2 + eps) OPT.",
       over={"eps": Samples.of(TH2_EPS, "values of eps in (0, 1/2)")},
       note="eps is a real parameter (every eps > 0); LP (2) cannot be solved with eps symbolic, "
       "so it is decided exactly at 9 values in (0, 1/2): for eps >= 1/2 the bound (1/2 + eps) "
       "OPT >= OPT >= CS holds for every scheme and tests nothing. The all-eps form is "
       "TH-2.chain (symbolic in delta).",
       uses=TH2_USES, rests_on=("p001/PR-1.C1@fav",), expect="SAMPLED")
def th2(eps: Fraction) -> bool:
    evidence(LP_EVIDENCE)
    e = eps
    d = e / 4
    a, b, c, dd, al, be = _inst2(d)
    opt = (1 - al) * (b - be * c)
    v = _lp2_value(d)
    note(eps=e, delta=d, V=v, OPT=opt, ratio=v / opt)
    return v <= (F(1, 2) + e) * opt


@claim("p001/TH-2.chain", role="repair", of="p001/TH-2", source=paper.source("Theorem 2 via its proof (l.258-283), corrected", 53, 283),
       statement="Theorem 2 for every eps in (0, 1] via the corrected chain of its proof: on the "
       "l.263 instance with delta = eps/4 every scheme has CS <= delta^2 (1+delta)/(1-delta)^2 "
       "<= (1/2 + eps) OPT, the CS of a product signal being Proposition 1's formula under C1 "
       "(own check: p001/TH-2 at eps = 1/6).",
       note="Every step of the chain is proved symbolically in delta; the link 'CS of a signal = "
       "Proposition 1's formula' (PR-1.C1@fav, and TH-5.wlog through it) is checked on sampled "
       "instances only, so the verdict is capped by it.",
       over={"eps": Samples.of((F(1, 6),), "value of eps (own exact check)")},
       uses=TH2_USES, rests_on=("p001/PR-1.C1@fav",), expect="SAMPLED",
       by=Derivation(("p001/PR-1.C1@fav", "p001/S3-2.i.sym", "p001/TH-5.wlog", "p001/TH2-P.Q4", "p001/TH2-P.Q5.d",
                      "p001/TH2-P.Q6", "p001/TH2-P.Q7", "p001/TH2-P.Q8", "p001/TH2-P.Q9.end",
                      "p001/TH2-P.Q3", "p001/TH2-P.Q10", "p001/TH-2.sym"),
                     "CS(s) of a product signal is Proposition 1's formula (PR-1.C1@fav); "
                     "correlated signals give CS 0 (S3-2.i.sym); w.l.o.g. the positive-CS signals "
                     "lie in T1 u T2 (TH-5.wlog; fav >= adv); T1 signals merge (Q6) with CS "
                     "Q4, T2 signals have CS Q5.d; Q9.end with Constraints (I), (II) (Q7, Q8) "
                     "bounds CS by delta^2(1+delta)/(1-delta)^2, so CS/OPT <= (1+delta)/((1-delta)"
                     "(2-delta)) (Q3, Q10) <= 1/2 + eps at delta = eps/4 (TH-2.sym)"))
def th2_chain(eps: Fraction) -> bool:
    return th2(eps)


# ============================================================================= TH-3 (bounded form)


@claim("p001/TH-3.iid", source=paper.source("Theorem 3 (1), bounded form with the proof's constant",
       57, 62),
       statement="Bounded form of Theorem 3 (1) for n = 2 i.i.d. buyers (supports in {1,2,3}, "
       "masses in (1/m)Z): the better of no signal and S_0 = max_t RANK_t is a "
       "(2 + ln n)-approximation, OPT <= (2 + ln n) max(CS(D), CS(S_0)) (the constant of the "
       "proof: OPT = CS(D) + CS_0 (l.370) and CS(S_0) >= CS_0/(1 + ln n) (Lemma 5, Cor. 1); "
       "the K-route needs n > 5, l.449). CS(D) and every RANK_t signal's CS from the D6 LP "
       "under the tie convention.", over={"m": Ints(1)}, limit={"m": 4},
       readings=as_readings({"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}, {"fav": "C1 fav: every seller breaks ties for the buyers (CS_max)",
                      "adv": "C1 adv: every seller breaks ties against the buyers (CS_min)"}, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}),
       uses=("p001/P-8.OPT", "p001/TH-4.D6"))
def th3_iid(m: int, tie: str) -> bool:
    from claims.p001_information_intermediary._late_tools import s0_cs

    evidence(LP_EVIDENCE)
    n = 2
    for d in value_dists([1, 2, 3], m):
        joint = product(d, d)
        base = seller_optimum(joint)
        opt = efficient_welfare(joint) - base.revenue
        cs_d = base.cs(tie)  # type: ignore[arg-type]
        cs_s0, t = s0_cs([d, d], tie)
        best = max(cs_d, cs_s0)
        ok = opt == 0 or (best > 0 and cmp_ln(opt / best - 2, F(n)) <= 0)
        if not ok:
            note(prior=d, n=n, OPT=opt, CS_D=cs_d, CS_S0=cs_s0, t=t)
            return False
    return True
