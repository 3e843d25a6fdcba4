"""Smaller entries decided by exact enumeration: the prophet inequality of L45 (S01),
Corollary 1 for posted prices (S29, against every prior in the TV ball), Lemma 10 on
transportation LPs (S27) and Lemma 11 for MRFs with rational weights (S35)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, note_laws, transport_lp
from verify import Ints, evidence, note
from verify.mech.distributions import Distribution, product
from verify.mech.tv import ball_optimum, tv
from verify.paper import Reading

VALUES = (0, 1, 2)
TIES = (
    Reading("RB1", "a value equal to the threshold is accepted", kind="intended",
            expect="CHECKED", weak=True),
    Reading("RB2", "only values above the threshold are accepted", kind="alternative",
            expect="CHECKED", weak=False),
)


def _first_accepted(t: tuple, price: tuple, weak: bool) -> F:
    for v, p in zip(t, price, strict=True):
        if v > p or (weak and v == p):
            return F(v)
    return F(0)


@paper.claim("S01", at=("Section 1, prophet inequality", 45),
             says="For independent t_i ~ D_i >= 0 arriving online, some threshold tau makes "
             "'accept the first value above tau' earn at least (1/2) E[max_i t_i].",
             readings=TIES, over={"n": Ints(1)}, limit={"n": 3},
             note="values in {0, 1, 2}, every product of laws with masses in (1/2)Z; tau over "
             "every real (only its position among the support values matters: tau in "
             "{0, 1/2, 1, 3/2, 2, 5/2}).")
def prophet(n: int, weak: bool) -> bool:
    laws = list(grid_laws(list(VALUES), 2))
    taus = [F(k, 2) for k in range(6)]
    for ds in itertools.product(laws, repeat=n):
        d = product(*ds) if n > 1 else Distribution({(v,): m for v, m in ds[0].items()})
        emax = d.expect(lambda t: F(max(t)))
        best = max(d.expect(lambda t, tau=tau: _first_accepted(t, (tau,) * n, weak))
                   for tau in taus)
        if 2 * best < emax:
            note_laws(laws=ds, E_max=emax, best_threshold_reward=best)
            return False
    return True


@paper.claim("S29", at=("Corollary 1", 203),
             says="For a posted-price mechanism M and d_TV(D, D-hat) <= delta: Val(M, D) >= "
             "Val(M, D-hat) - V delta.", readings=TIES, over={"n": Ints(1)}, limit={"n": 2},
             note="sequential posted prices for one item, n buyers with values in {0, 1, 2} "
             "(V = 2), prices in {1, 2}^n, every (possibly correlated) D on {0, 1, 2}^n with "
             "masses in (1/2)Z, delta in {1/4, 1/2}; D-hat ranges over the whole TV ball (exact "
             "LP, verify.mech.tv.ball_optimum).")
def corollary1(n: int, weak: bool) -> bool:
    evidence("exact LP over the TV ball, certificate re-checked")
    profiles = list(itertools.product(VALUES, repeat=n))
    for d in grid_laws(profiles, 2):
        for price in itertools.product((1, 2), repeat=n):
            g = {t: _first_accepted(t, price, weak) for t in profiles}
            for delta in (F(1, 4), F(1, 2)):
                top = ball_optimum(d, g, delta, "max").value
                if d.expect(lambda t, g=g: g[t]) < top - 2 * delta:
                    note_laws(D=d, prices=price, delta=delta, Val_D=d.expect(lambda t, g=g: g[t]),
                         max_Val_D_hat=top)
                    return False
    return True


CELLS = [(x, y) for x in (0, 1) for y in (0, 1)]


def transport_min(g: dict[tuple[int, int], F], m1: Distribution, m2: Distribution) -> F:
    """min E_D' g over D' with marginals m1, m2 (exact LP)."""
    return transport_lp(m1, m2, {f"x{c[0]}{c[1]}": g[c] for c in CELLS})


@paper.claim("S27", at=("Lemma 10", 537, 539),
             says="For any M, O in [a, b] and marginals with d_TV(D_i, D'_i) <= eps: "
             "min_{Pi(D_.)} E O(M) >= min_{Pi(D'_.)} E O(M) - n eps V.",
             over={"d": Ints(1)}, limit={"d": 3}, expect="CHECKED",
             note="n = 2 binary coordinates, O o M a table in {0, 1}^4 (V = 1), every pair of "
             "marginal pairs with masses in (1/d)Z, eps = max_i d_TV(D_i, D'_i); both minima "
             "are exact transportation LPs.")
def lemma10(d: int) -> bool:
    evidence("exact transportation LPs, certificates re-checked")
    laws = list(grid_laws([0, 1], d))
    for vals in itertools.product((F(0), F(1)), repeat=4):
        g = dict(zip(CELLS, vals, strict=True))
        mins = {(a, b): transport_min(g, a, b) for a in laws for b in laws}
        for (a, b), (a2, b2) in itertools.product(mins, repeat=2):
            eps = max(tv(a, a2), tv(b, b2))
            if mins[(a, b)] < mins[(a2, b2)] - 2 * eps:
                note_laws(g=g, D=(a, b), D_prime=(a2, b2), eps=eps, min_D=mins[(a, b)],
                     min_D_prime=mins[(a2, b2)])
                return False
    return True


def _mrf(weights: dict[tuple[int, int], dict[tuple[int, int], F]], m: int,
         node: dict[int, F]) -> tuple[Distribution, F]:
    """The law of a pairwise binary MRF with edge weights w_e = e^psi_e and node weights
    e^psi_v(1) (e^psi_v(0) = 1), and e^(4 Delta) (rational)."""
    profiles = list(itertools.product((0, 1), repeat=m))
    raw = {}
    for t in profiles:
        w = F(1)
        for (i, j), table in weights.items():
            w *= table[(t[i], t[j])]
        for v, nw in node.items():
            if t[v] == 1:
                w *= nw
        raw[t] = w
    z = sum(raw.values(), F(0))
    e_delta = F(1)
    for i in range(m):
        for t in profiles:
            w = F(1)
            for (a, b), table in weights.items():
                if i in (a, b):
                    w *= table[(t[a], t[b])]
            e_delta = max(e_delta, w, 1 / w)
    return Distribution({t: x / z for t, x in raw.items()}), e_delta**4


@paper.claim("S35", at=("Lemma 11 ([CO21] Lemma 2)", 573, 575),
             says="For every MRF, agent i, E in T_i and E' in T_-i of positive mass: e^(-4 Delta) "
             "<= Pr[t_i in E, t_-i in E']/(Pr[E] Pr[E']) <= e^(4 Delta).",
             over={"m": Ints(2)}, limit={"m": 3}, expect="CHECKED",
             note="binary items, a path of pairwise edges (0-1, 1-2), edge weight tables "
             "e^psi_e in {1, 2}^4 with e^psi_e(0, 0) = 1, node weight e^psi_0(1) in {1, 3}; "
             "Delta of the representation at hand (RΔ1, which bounds RΔ2's minimum from "
             "above, so RΔ1 is the weaker claim); all events, all i.")
def lemma11(m: int) -> bool:
    edges = [(k, k + 1) for k in range(m - 1)]
    tables = [dict(zip([(0, 0), (0, 1), (1, 0), (1, 1)], (F(1), *ws), strict=True))
              for ws in itertools.product((F(1), F(2)), repeat=3)]
    profiles_rest = list(itertools.product((0, 1), repeat=m - 1))
    rest_events = [set(e) for r in range(1, len(profiles_rest) + 1)
                   for e in itertools.combinations(profiles_rest, r)]
    for choice in itertools.product(tables, repeat=len(edges)):
        for nw in (F(1), F(3)):
            d, e4 = _mrf(dict(zip(edges, choice, strict=True)), m, {0: nw})
            for i in range(m):
                def rest(t: tuple, i: int = i) -> tuple:
                    return t[:i] + t[i + 1:]
                for ev in ({0}, {1}):
                    pe = d.probability(lambda t, ev=ev, i=i: t[i] in ev)
                    for ev2 in rest_events:
                        pe2 = d.probability(lambda t, ev2=ev2, rest=rest: rest(t) in ev2)
                        both = d.probability(
                            lambda t, ev=ev, ev2=ev2, i=i, rest=rest: t[i] in ev and rest(t) in ev2)
                        ratio = both / (pe * pe2)
                        if not 1 / e4 <= ratio <= e4:
                            note(edges=choice, node=nw, i=i, E=ev, E_prime=ev2, ratio=ratio,
                                 e_4Delta=e4)
                            return False
    return True
