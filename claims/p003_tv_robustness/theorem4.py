"""Theorem 4 (S25): correlation-robust (max-min) mechanisms under TV perturbations of the
marginals, on finite mechanism LPs.

maxmin(M, D_.) = min over joints with marginals D_. of E O(M) is, by LP duality, max of
sum_i sum_v D_i(v) y_i(v) subject to y_1(t_1) + y_2(t_2) <= O(t, M(t)); with O affine in M the
best max-min mechanism is one LP. The adversarial alpha-approximate mechanism M^alpha ranges
over all DSIC, ex-post IR mechanisms whose dual certificate shows maxmin(M, D_.) >= alpha
best(D_.); its max-min value under D'_. is the least E_J O(M) over the two vertices J of the
2 x 2 transportation polytope of D'_., each an LP over (M, y)."""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction as F

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, note_laws
from verify import Ints, evidence
from verify.mech.distributions import Distribution
from verify.mech.lp import Constraint, LinearProgram, Variable
from verify.mech.tv import mechanism_lp, optimum, single_item, tv

H = F(2)
ENV = single_item([{1: 1, 2: 2}, {1: 1, 2: 2}], H=H)
V = H  # welfare of one item lies in [0, H]


def _val_coeffs(b: tuple[int, int]) -> dict[str, F]:
    return {f"x[{b!r},{i}]": F(b[i]) for i in range(2)}


def _dual_rows(prefix: str) -> tuple[list[Variable], list[Constraint]]:
    ys = [Variable.free(f"{prefix}y{i}[{v}]") for i in range(2) for v in (1, 2)]
    rows = []
    for b in ENV.profiles():
        acc = {f"{prefix}y0[{b[0]}]": F(1), f"{prefix}y1[{b[1]}]": F(1)}
        for k, c in _val_coeffs(b).items():
            acc[k] = -c
        rows.append(Constraint(f"{prefix}dual{b!r}", acc, "<=", 0))
    return ys, rows


def _dual_value(prefix: str, m1: Distribution, m2: Distribution) -> dict[str, F]:
    return {f"{prefix}y{i}[{v}]": law.mass(v) for i, law in enumerate((m1, m2)) for v in (1, 2)}


@functools.cache
def best_maxmin(m1: Distribution, m2: Distribution) -> F:
    """max over DSIC, IR M of min over joints with marginals m1, m2 of E Val(M)."""
    base = mechanism_lp(ENV, {}, dsic=True)
    ys, rows = _dual_rows("")
    lp = LinearProgram((*base.variables, *ys), _dual_value("", m1, m2),
                       (*base.constraints, *rows), "max")
    value = optimum(lp).value
    assert value is not None
    return value


def _vertices(m1: Distribution, m2: Distribution) -> list[dict[tuple[int, int], F]]:
    a, b = m1.mass(1), m2.mass(1)
    out = []
    for j11 in sorted({max(F(0), a + b - 1), min(a, b)}):
        out.append({(1, 1): j11, (1, 2): a - j11, (2, 1): b - j11, (2, 2): 1 - a - b + j11})
    return out


def worst_alpha_mechanism(m1: Distribution, m2: Distribution, n1: Distribution,
                          n2: Distribution, alpha: F) -> F:
    """min over alpha-approximate (for m1, m2) DSIC IR M of maxmin(M, n1, n2)."""
    target = alpha * best_maxmin(m1, m2)
    base = mechanism_lp(ENV, {}, dsic=True)
    ys, rows = _dual_rows("")
    cert = Constraint("alpha-approx", _dual_value("", m1, m2), ">=", target)
    best: F | None = None
    for joint in _vertices(n1, n2):
        obj: dict[str, F] = {}
        for b, pr in joint.items():
            for k, c in _val_coeffs(b).items():
                obj[k] = obj.get(k, F(0)) + pr * c
        lp = LinearProgram((*base.variables, *ys), obj, (*base.constraints, *rows, cert), "min")
        value = optimum(lp).value
        assert value is not None
        best = value if best is None else min(best, value)
    assert best is not None
    return best


@paper.claim("S25", at=("Theorem 4", 193),
             says="If M^alpha is DSIC, ex-post IR and alpha-approximate for the max-min objective "
             "under marginals D_., and d_TV(D_i, D'_i) <= eps for all i, then min_{Pi(D'_.)} E "
             "O(M^alpha) >= alpha max_M' min_{Pi(D'_.)} E O(M') - (1 + alpha) n eps V.",
             over={"d": Ints(1)}, limit={"d": 3}, expect="CHECKED",
             note="n = 2 bidders, one item, values {1, 2}, H = 2, O = welfare (range [0, H], V = "
             "H); marginals D_i with masses in (1/d)Z, D'_i = D_i moved by 0 or +-1/16 on value "
             "1 (eps <= 1/16, where the bound is not trivially true), alpha in {1/2, 1}; the "
             "alpha-approximate mechanism is an LP variable.",
             analogue="a two-bidder finite instance with small perturbations")
def theorem4(d: int) -> bool:
    evidence("exact LPs (max-min by duality), certificates re-checked")
    laws = list(grid_laws([1, 2], d))
    shifts = (F(0), F(1, 16), F(-1, 16))
    for m1, m2 in itertools.product(laws, repeat=2):
        moved = []
        for s1, s2 in itertools.product(shifts, repeat=2):
            a, b = m1.mass(1) + s1, m2.mass(1) + s2
            if 0 <= a <= 1 and 0 <= b <= 1:
                moved.append((Distribution({1: a, 2: 1 - a}), Distribution({1: b, 2: 1 - b})))
        for n1, n2 in moved:
            eps = max(tv(m1, n1), tv(m2, n2))
            best_n = best_maxmin(n1, n2)
            for alpha in (F(1, 2), F(1)):
                worst = worst_alpha_mechanism(m1, m2, n1, n2, alpha)
                if worst < alpha * best_n - (1 + alpha) * 2 * eps * V:
                    note_laws(D=(m1, m2), D_prime=(n1, n2), alpha=alpha, worst=worst,
                              best=best_n, eps=eps)
                    return False
    return True
