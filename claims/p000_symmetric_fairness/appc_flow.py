"""Appendix C.2-C.4 of the symmetric-fairness paper: the symmetric canonical flow on D' (Def
C.14), Props C.15-C.16, the CDW bound (Thm C.4) and the chain at l.698 (spec C-2, C-4, C-7, C-8).

Instances: tie-free products whose item supports all contain 0 (so D'_-0 | v_0 is the product of
the D_j | (v_j < v_0), C-6.b@tie-free, and no conditioning is empty); the coupling g between
consecutive levels is the coordinatewise quantile coupling; fractional couplings split the flow
proportionally (footnotes 16-17).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.model import item_tuples, modified, tuple_text
from verify import Ints, evidence, note
from verify.mech.distributions import Distribution, quantile_coupling
from verify.mech.fairness import optimum
from verify.mech.single_item import virtual_values

F = Fraction
SLICE = ("every product law whose items have supports {0, a} with a in {1,2,3} distinct across "
         "items and masses of denominator <= 3 (tie-free, 0 in every support; 9 laws at m = 1, "
         "54 at m = 2; --limit m=3 checks 162 laws in about 5 s)")


def _instances(m: int) -> list[tuple]:
    out = []
    for laws in item_tuples(m, range(4), 2, 3):
        tops = [max(law.support) for law in laws]
        if all(0 in law.support and len(law.support) == 2 for law in laws) and \
                len(set(tops)) == len(tops):
            out.append(laws)
    return out


def canonical_flow(laws: tuple) -> tuple[Distribution, dict[tuple, dict[tuple, Fraction]]]:
    """D' and lambda*(v, v') as a nested dict (Def C.14 with item 0 dominant)."""
    dp = modified(laws)
    d0 = dp.marginal(0)
    levels = list(d0.support)
    cond = {x: dp.condition(lambda v, x=x: v[0] == x).map(lambda v: v[1:]) for x in levels}
    flow: dict[tuple, dict[tuple, Fraction]] = {}
    for k, x in enumerate(levels):
        if k == 0:
            continue
        y = levels[k - 1]
        scale = (1 - d0.cdf(y)) / d0.mass(x)
        hi, lo = cond[x], cond[y]
        m = len(laws)
        pairs = [quantile_coupling(lo.marginal(j), hi.marginal(j)) for j in range(m)]
        for combo in itertools.product(*[list(pj.items()) for pj in pairs]):
            w = tuple(F(a) for (a, _), _ in combo)
            v = tuple(F(b) for (_, b), _ in combo)
            mass = F(1)
            for _, q in combo:
                mass *= q
            if not mass:
                continue
            src, dst = (x, *v), (y, *w)
            share = mass / hi.mass(v)  # Pr[g(v_-0) = w | v_-0]
            out = flow.setdefault(src, {})
            out[dst] = out.get(dst, F(0)) + dp.mass(src) * scale * share
    return dp, flow


def _inflow(flow: dict, v: tuple) -> dict[tuple, Fraction]:
    return {src: out[v] for src, out in flow.items() if v in out}


def virtual(dp: Distribution, flow: dict, v: tuple) -> tuple[Fraction, ...]:
    """Phi^lambda(v) of Def C.3."""
    inn = _inflow(flow, v)
    f = dp.mass(v)
    return tuple(v[j] - sum(((s[j] - v[j]) * lam for s, lam in inn.items()), F(0)) / f
                 for j in range(len(v)))


@paper.claim("C-7", at=("Proposition C.15", 672, 682),
             says="When j is a dominant item, the symmetric canonical flow lambda* is useful: "
             "f(v) + inflow(v) >= outflow(v) for every v (for D', item 0), with equality "
             "f(v) + f(v)(1-F_j(v_j))/f_j(v_j) = f(v)(1-F_j(PRED(v_j)))/f_j(v_j) (l.682) where "
             "PRED exists.", over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SLICE}.")
def c7(m: int) -> bool:
    for laws in _instances(m):
        dp, flow = canonical_flow(laws)
        d0 = dp.marginal(0)
        for v in dp.support:
            out = sum(flow.get(v, {}).values(), F(0))
            inn = sum(_inflow(flow, v).values(), F(0))
            f = dp.mass(v)
            if f + inn < out:
                note(D=tuple_text(laws), v=v, f=f, inflow=inn, outflow=out)
                return False
            if out and inn != f * (1 - d0.cdf(v[0])) / d0.mass(v[0]):
                note(D=tuple_text(laws), v=v, inflow=inn, line678=f * (1 - d0.cdf(v[0]))
                     / d0.mass(v[0]))
                return False
    return True


@paper.claim("C-7.16", at=("Proposition C.16", 684, 692),
             says="For all v: Phi_0^{lambda*}(v) = phi^{D'_0}(v_0) and Phi_l^{lambda*}(v) <= v_l "
             "for l != 0; and lambda*(v', v) > 0 implies v'_0 = s(v_0) (l.690).",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SLICE}; phi by Def C.5 on D'_0.")
def c7_16(m: int) -> bool:
    for laws in _instances(m):
        dp, flow = canonical_flow(laws)
        d0 = dp.marginal(0)
        phi = virtual_values(d0)
        levels = list(d0.support)
        for v in dp.support:
            ph = virtual(dp, flow, v)
            k = levels.index(v[0])
            succ = levels[k + 1] if k + 1 < len(levels) else None
            srcs = _inflow(flow, v)
            if ph[0] != phi[v[0]] or any(ph[j] > v[j] for j in range(1, len(v))) or any(
                    s[0] != succ for s, lam in srcs.items() if lam > 0):
                note(D=tuple_text(laws), v=v, Phi=ph, phi=phi[v[0]])
                return False
    return True


@paper.claim("C-7.692", at=("Proposition C.16 proof, display", 692), role="step", of="C-7.16",
             says="As printed: v_j - f(v)(1-F_j(v_j))(s - v_j)/(f_j(v_j) f(v)) = (1 - F_j(v_j))"
             "(s - v_j)/f_j(v_j) (the middle equality of l.692).", over={"m": Ints(1)},
             limit={"m": 2}, expect="REFUTED", note=f"per m, {SLICE}; every v of D' with a "
             "successor level.")
def c7_692(m: int) -> bool:
    for laws in _instances(m):
        dp = modified(laws)
        d0 = dp.marginal(0)
        levels = list(d0.support)
        for v in dp.support:
            k = levels.index(v[0])
            if k + 1 == len(levels):
                continue
            x = (1 - d0.cdf(v[0])) * (levels[k + 1] - v[0]) / d0.mass(v[0])
            if v[0] - x != x:
                note(D=tuple_text(laws), v=v, left=v[0] - x, right=x)
                return False
    return True


def _dual_terms(laws: tuple) -> tuple[Fraction, Fraction, Fraction]:
    dp, flow = canonical_flow(laws)
    opt = optimum(dp, "rev").mechanism
    phi = virtual_values(dp.marginal(0))
    rev = dp.expect(lambda v: opt.t[v])
    dual = dp.expect(lambda v: sum(
        (a * b for a, b in zip(opt.q[v], virtual(dp, flow, v), strict=True)), F(0)))
    split = dp.expect(lambda v: sum(
        (opt.q[v][j] * v[j] for j in range(1, len(v))), F(0)) + opt.q[v][0] * phi[v[0]])
    return rev, dual, split


@paper.claim("C-2", at=("Theorem C.4 ([9])", 584, 586),
             says="For a useful flow lambda and every truthful M: Rev_M(D) <= E[sum_j pi_j "
             "Phi_j^lambda(v)]; here lambda = lambda* on D'.", over={"m": Ints(1)},
             limit={"m": 2}, expect="CHECKED",
             note=f"per m, {SLICE}; M the certified optimal menu for D' (Rev(D')), the hardest "
             "truthful M for this inequality.")
def c2(m: int) -> bool:
    for laws in _instances(m):
        rev, dual, _ = _dual_terms(laws)
        if rev > dual:
            note(D=tuple_text(laws), RevDprime=rev, dual=dual)
            return False
    evidence("certified LP optimum; exact flows")
    return True


@paper.claim("C-8", at=("Section C.3, l.698", 694, 698),
             says="E[pi . Phi^{lambda*}] <= E[sum_{j>=1} pi_j v_j] + E[pi_0 phi_{D'_0}(v_0)] "
             "(the second and third lines of l.698).", over={"m": Ints(1)}, limit={"m": 2},
             expect="CHECKED", note=f"per m, {SLICE}; pi the optimal menu's allocation for D'.")
def c8(m: int) -> bool:
    for laws in _instances(m):
        _, dual, split = _dual_terms(laws)
        if dual > split:
            note(D=tuple_text(laws), dual=dual, split=split)
            return False
    return True
